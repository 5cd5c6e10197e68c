//! Tideline: a policy-options explorer for the UN expert group's options on marine litter
//! and microplastics. The engine (model, validation, scoring, import) knows nothing of the UI;
//! `app` is the egui layer on top.

pub mod analysis;
pub mod cli;
pub mod csv_import;
pub mod diagnostic;
pub mod edit;
pub mod elicitation;
pub mod export;
pub mod history;
pub mod i18n;
pub mod locate;
pub mod method_comparison;
pub mod model;
pub mod pareto;
pub mod report;
pub mod scenario_file;
pub mod scoring;
pub mod validate;
pub mod weights;

pub mod app;
