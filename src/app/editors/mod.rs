//! Editors of the scenario's parts beyond the matrix: a criterion (with its value function and
//! PROMETHEE preference function drawn on charts), the list of criteria, the scenario's
//! details and analysis settings. Each is a window holding the fields as typed; Apply checks
//! the edit against the scenario (`checks`) and pushes it as a [`Command::Edit`], so a refused
//! edit keeps every field as typed and says why.
//!
//! Where things live:
//! - this module: which editor is open ([`EditorsState`]), opening one ([`Request`]), drawing it;
//! - `checks`: typed numbers, the refusal of an edit in the interface language, the window frame;
//! - `criterion`, `value_function`, `preference`: the criterion editor and its two charts;
//! - `criteria_list`: Edit › Criteria…, every criterion by family;
//! - `scenario`: Edit › Scenario details…, metadata, translations and settings.

mod checks;
mod criteria_list;
mod criterion;
mod preference;
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
}

impl Request {
    /// The editor named by `TIDELINE_OPEN_EDITOR` (`criterion:<id>`, `criteria`, `scenario`):
    /// how screenshots of an editor are taken (`--screenshot` with the variable set).
    pub fn from_env() -> Option<Self> {
        let v = std::env::var("TIDELINE_OPEN_EDITOR").ok()?;
        match v.split_once(':') {
            Some(("criterion", id)) => Some(Request::Criterion(id.to_string())),
            _ if v == "criteria" => Some(Request::Criteria),
            _ if v == "scenario" => Some(Request::Scenario),
            _ => None,
        }
    }
}

/// The editor open, if any (one at a time).
enum Open {
    Criterion(Box<criterion::CriterionForm>),
    Criteria,
    Scenario(Box<scenario::ScenarioForm>),
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
    /// Opens the editor asked for, replacing any open one; a criterion that does not exist
    /// opens nothing.
    pub fn open(&mut self, s: &Scenario, request: &Request) {
        self.open = match request {
            Request::Criterion(id) => s
                .criterion_index(id)
                .map(|j| Open::Criterion(Box::new(criterion::CriterionForm::new(&s.criteria[j])))),
            Request::Criteria => Some(Open::Criteria),
            Request::Scenario => Some(Open::Scenario(Box::new(scenario::ScenarioForm::new(s)))),
        };
    }
}

/// Draws the open editor, if any, and pushes what it asks for.
pub fn show(ctx: &egui::Context, s: &Scenario, state: &mut EditorsState, out: &mut Vec<Command>) {
    let outcome = match &mut state.open {
        None => return,
        Some(Open::Criterion(form)) => criterion::show(ctx, s, form),
        Some(Open::Criteria) => criteria_list::show(ctx, s),
        Some(Open::Scenario(form)) => scenario::show(ctx, s, form),
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
