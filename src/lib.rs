//! Tideline: a policy-options explorer for the UN expert group's options on marine litter
//! and microplastics.
//!
//! The engine knows nothing of the window, in layers that only look down:
//! - [`scenario`]: a scenario in memory: the data, its weight tree and elicitation, the checks
//!   every scenario passes, and the edits (with undo) that keep it valid;
//! - [`files`]: scenarios in and out: RON and CSV reading with located problems, atomic writes;
//! - [`analysis`]: what the scores say and how sure they are: scoring methods, method
//!   comparison, Pareto fronts, sensitivity;
//! - [`report`]: briefings (HTML, Markdown) and CSV exports;
//! - [`room`]: a session on the room's network where delegations submit weights from phones;
//! - [`cli`]: the command line over all of it; [`app`]: the egui window; [`i18n`]: the
//!   interface's languages.

pub mod analysis;
pub mod app;
pub mod cli;
pub mod files;
pub mod i18n;
pub mod report;
pub mod room;
pub mod scenario;
