//! The central views. Each view is a module with a state struct (view state only) and a
//! `show` function that reads the scenario and the cached results and pushes [`Command`]s.

mod compare;
mod matrix;
mod methods;
mod options;
mod ranking;
mod tradeoff;

use serde::{Deserialize, Serialize};

use super::{Command, Derived};
use crate::model::Scenario;

/// A central view. The lower-case title is its name on the command line (`--view`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum View {
    Options,
    Matrix,
    #[default]
    Ranking,
    Compare,
    Tradeoff,
    Methods,
}

impl View {
    /// Navigator order.
    pub const ALL: [View; 6] = [
        View::Options,
        View::Matrix,
        View::Ranking,
        View::Compare,
        View::Tradeoff,
        View::Methods,
    ];

    /// The view's name in the current language.
    pub fn title(self) -> &'static str {
        let t = crate::i18n::s();
        match self {
            View::Options => t.view_options,
            View::Matrix => t.view_matrix,
            View::Ranking => t.view_ranking,
            View::Compare => t.view_compare,
            View::Tradeoff => t.view_tradeoff,
            View::Methods => t.view_methods,
        }
    }

    /// The name used by `--view`: the lower-case title without punctuation.
    pub fn keyword(self) -> &'static str {
        match self {
            View::Options => "options",
            View::Matrix => "matrix",
            View::Ranking => "ranking",
            View::Compare => "compare",
            View::Tradeoff => "tradeoff",
            View::Methods => "methods",
        }
    }

    pub fn from_keyword(s: &str) -> Option<View> {
        View::ALL.into_iter().find(|v| v.keyword() == s)
    }
}

/// The view state of every view, kept while switching between them.
#[derive(Default)]
pub struct ViewStates {
    pub options: options::OptionsState,
    pub matrix: matrix::MatrixState,
    pub ranking: ranking::RankingState,
    pub compare: compare::CompareState,
    pub tradeoff: tradeoff::TradeoffState,
}

/// Draws `view` into the central panel.
pub fn show(
    ui: &mut egui::Ui,
    view: View,
    scenario: &Scenario,
    derived: &Derived,
    states: &mut ViewStates,
    out: &mut Vec<Command>,
) {
    match view {
        View::Options => options::show(ui, scenario, &mut states.options),
        View::Matrix => matrix::show(ui, scenario, derived, &mut states.matrix, out),
        View::Ranking => ranking::show(ui, scenario, derived, &states.ranking),
        View::Compare => compare::show(ui, scenario, derived, &mut states.compare),
        View::Tradeoff => tradeoff::show(ui, scenario, derived, &mut states.tradeoff),
        View::Methods => methods::show(ui, scenario, derived),
    }
}
