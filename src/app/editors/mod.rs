//! Editors of the scenario's parts beyond the matrix's values: a criterion (with its value
//! function and PROMETHEE preference function drawn on charts), the list of criteria, the
//! scenario's details and analysis settings, an option, a weight profile. Each is a window
//! holding the fields as typed; Apply checks the edit against the scenario and pushes it as a
//! [`Command::Edit`], so a refused edit keeps every field as typed and says why.
//!
//! Where things live:
//! - this module: which editor is open ([`EditorsState`]), opening one ([`Request`]), drawing it;
//! - `checks`: typed numbers, the refusal of an edit in the interface language, the window frame;
//! - `fields`: rows, marks and the pre-check shared by the option and profile editors;
//! - `criterion`, `value_function`, `preference`: the criterion editor and its two charts;
//! - `criteria_list`: Edit › Criteria…, every criterion by family;
//! - `scenario` (`scenario/portfolio.rs`: the portfolio's constraints): Edit › Scenario
//!   details…, metadata, translations and settings;
//! - `catalogues`: Edit › Families, clusters and principles…, the lists items point into;
//! - `option` (`option/lists.rs`: tags, principles, interactions): every field of an option;
//! - `profile`: a weight profile's names, author, note, vote weight and weight ranges.

mod catalogues;
mod checks;
mod criteria_list;
mod criterion;
pub(super) mod fields;
mod option;
mod preference;
mod profile;
mod scenario;
mod value_function;

use crate::app::Command;
use crate::scenario::model::Scenario;

/// An editor to open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Request {
    /// The criterion editor on the criterion with this id.
    Criterion(String),
    /// The list of criteria, each with a button to its editor.
    Criteria,
    /// The scenario's details and analysis settings.
    Scenario,
    /// The families, clusters and principles.
    Catalogues,
    /// The option editor on the option with this id.
    Option(String),
    /// The profile editor on the weight profile with this id.
    Profile(String),
}

impl Request {
    /// The editor named by `text`: `criterion:<id>`, `criteria`, `scenario`, `catalogues`,
    /// `option[:<id>]`,
    /// `profile[:<id>]` (the first option, the active profile when no id is given).
    pub fn parse(text: &str, s: &Scenario) -> Option<Self> {
        let (kind, id) = text.split_once(':').unwrap_or((text, ""));
        match (kind, id.is_empty()) {
            ("criterion", false) => Some(Request::Criterion(id.to_string())),
            ("criteria", true) => Some(Request::Criteria),
            ("scenario", true) => Some(Request::Scenario),
            ("catalogues", true) => Some(Request::Catalogues),
            ("option", true) => s.options.first().map(|o| Request::Option(o.id.clone())),
            ("option", false) => Some(Request::Option(id.to_string())),
            ("profile", true) => s
                .profiles
                .get(s.active_profile_index())
                .map(|p| Request::Profile(p.id.clone())),
            ("profile", false) => Some(Request::Profile(id.to_string())),
            _ => None,
        }
    }

    /// The editor named by `TIDELINE_OPEN_EDITOR` (see [`Request::parse`]): how screenshots of
    /// an editor are taken (`--screenshot` with the variable set).
    pub fn from_env(s: &Scenario) -> Option<Self> {
        Request::parse(&std::env::var("TIDELINE_OPEN_EDITOR").ok()?, s)
    }
}

/// The editor open, if any (one at a time).
enum Open {
    Criterion(Box<criterion::CriterionForm>),
    Criteria,
    Scenario(Box<scenario::ScenarioForm>),
    Catalogues(Box<catalogues::CataloguesForm>),
    Option(Box<option::OptionForm>),
    Profile(Box<profile::ProfileForm>),
}

/// What an editor asks for after this frame.
pub(super) enum Outcome {
    Keep,
    Close,
    /// Send these edits (already checked against the scenario); close the editor if `close`.
    Send {
        edits: Vec<crate::scenario::edit::Edit>,
        close: bool,
    },
    /// Open another editor instead (the list's buttons).
    Switch(Request),
}

/// Which editor is open, with its fields as typed.
#[derive(Default)]
pub struct EditorsState {
    open: Option<Open>,
}

impl EditorsState {
    /// Opens the editor asked for, replacing any open one; an item that does not exist opens
    /// nothing.
    pub fn open(&mut self, s: &Scenario, request: &Request) {
        self.open = match request {
            Request::Criterion(id) => s
                .criterion_index(id)
                .map(|j| Open::Criterion(Box::new(criterion::CriterionForm::new(&s.criteria[j])))),
            Request::Criteria => Some(Open::Criteria),
            Request::Scenario => Some(Open::Scenario(Box::new(scenario::ScenarioForm::new(s)))),
            Request::Catalogues => Some(Open::Catalogues(Box::new(
                catalogues::CataloguesForm::new(s),
            ))),
            Request::Option(id) => s
                .option_index(id)
                .map(|i| Open::Option(Box::new(option::OptionForm::new(&s.options[i])))),
            Request::Profile(id) => s
                .profile_index(id)
                .map(|i| Open::Profile(Box::new(profile::ProfileForm::new(&s.profiles[i])))),
        };
    }
}

/// Draws the open editor, if any, and pushes what it asks for.
pub fn show(ctx: &egui::Context, s: &Scenario, state: &mut EditorsState, out: &mut Vec<Command>) {
    // The option and profile editors send their edit and say whether to stay open.
    let sent = |keep: bool, edits: Vec<_>| Outcome::Send {
        edits,
        close: !keep,
    };
    let outcome = match &mut state.open {
        None => return,
        Some(Open::Criterion(form)) => criterion::show(ctx, s, form),
        Some(Open::Criteria) => criteria_list::show(ctx, s),
        Some(Open::Scenario(form)) => scenario::show(ctx, s, form),
        Some(Open::Catalogues(form)) => catalogues::show(ctx, s, form),
        Some(Open::Option(form)) => {
            let mut edits = Vec::new();
            let keep = option::show(ctx, s, form, &mut edits);
            sent(keep, edits)
        }
        Some(Open::Profile(form)) => {
            let mut edits = Vec::new();
            let keep = profile::show(ctx, s, form, &mut edits);
            sent(keep, edits)
        }
    };
    match outcome {
        Outcome::Keep => {}
        Outcome::Close => state.open = None,
        Outcome::Send { edits, close } => {
            out.extend(edits.into_iter().map(Command::Edit));
            if close {
                state.open = None;
            }
        }
        Outcome::Switch(request) => state.open(s, &request),
    }
}
