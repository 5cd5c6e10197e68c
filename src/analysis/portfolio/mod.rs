//! Portfolios: which set of options to pursue with the money and attention available.
//!
//! A portfolio's value is the sum of its members' scores above the baseline's, plus the effect
//! of every interaction whose two options are both members; its cost is the sum of their costs.
//! The best portfolio for a budget and the efficient frontier are exact ([`search`]: branch and
//! bound; [`frontier`]: one exact search per frontier point); an infeasible set of constraints
//! is explained by a smallest conflicting subset ([`conflicts`]); [`robust`] counts how often
//! each option belongs to the best portfolio under SMAA's draws; [`reasons`] says why each
//! option is in or out. `docs/methods.md` has the
//! model and what a sum of scores means for each method.

mod conflicts;
mod frontier;
mod instance;
mod reasons;
mod robust;
mod search;

use thiserror::Error;

use crate::analysis::scoring::ScoreError;
use crate::scenario::model::Method;
use conflicts::explain;
use search::{CostLimit, Outcome, solve};

pub use conflicts::{Clash, clashes};
pub use frontier::{frontier, frontier_within};
pub use instance::{ClusterBound, Instance, Item, Setup, scored, setup};
pub use reasons::{MemberReason, OutReason, Reasons, Why, reasons, searches};
pub use robust::{
    CoreClass, CoreRequest, CoreShare, ProfileChoice, by_profile, core, core_while, core_within,
};

/// Branch-and-bound nodes one search may visit before it gives up with
/// [`PortfolioError::NodeLimit`]: about a second or two of work, far beyond what the
/// benchmarks' 40 options with 100 interactions need. Past 40 options a node counts more, in
/// proportion to the options (`search::node_step`), so the limit stays a time.
pub const NODE_LIMIT: u64 = 20_000_000;

/// The most frontier points computed before [`PortfolioError::FrontierTooLarge`]: a frontier
/// can have a point for nearly every subset when value is proportional to cost.
pub const MAX_FRONTIER: usize = 5_000;

/// The most options a portfolio is chosen among (the search's depth).
pub const MAX_CANDIDATES: usize = 1_000;

/// A chosen set of options.
#[derive(Clone, Debug, PartialEq)]
pub struct Portfolio {
    /// Item indices of the [`Instance`], ascending.
    pub members: Vec<usize>,
    pub cost: f64,
    /// Use of the second resource (0 when the scenario has none).
    pub resource: f64,
    pub value: f64,
}

impl Portfolio {
    /// The members' option ids.
    pub fn ids<'a>(&self, inst: &'a Instance) -> Vec<&'a str> {
        self.members
            .iter()
            .map(|&i| inst.items[i].id.as_str())
            .collect()
    }
}

/// Why no portfolio could be given.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum PortfolioError {
    #[error(transparent)]
    Score(#[from] ScoreError),
    #[error("{0}")]
    NotAdditive(String),
    #[error(
        "option `{0}` has no cost; give it a `cost`, or keep it out with `settings.portfolio.exclude`"
    )]
    NoCost(String),
    #[error(
        "option `{0}` has no use of the second resource; add it to `settings.portfolio.resource.uses`, or keep it out with `settings.portfolio.exclude`"
    )]
    NoResourceUse(String),
    #[error("the budget must be a number of 0 or more, found {0}")]
    Budget(f64),
    #[error("portfolios are chosen among at most {MAX_CANDIDATES} options; this scenario has {0}")]
    TooMany(usize),
    #[error("no portfolio meets every constraint; these conflict: {}", .0.join("; "))]
    Infeasible(Vec<String>),
    #[error(
        "the search stopped at its limit of branch-and-bound nodes without proving the best portfolio; loosen the constraints or remove options"
    )]
    NodeLimit,
    #[error("the efficient frontier has more than {MAX_FRONTIER} points; it is not listed")]
    FrontierTooLarge,
    #[error("{0}")]
    Draws(String),
}

/// The best portfolio of `inst` under its budget ([`search`]); an infeasible set of
/// constraints is explained ([`conflicts`]).
pub fn best(inst: &Instance) -> Result<Portfolio, PortfolioError> {
    best_within(inst, NODE_LIMIT)
}

/// [`best`] visiting at most `nodes` branch-and-bound nodes.
pub fn best_within(inst: &Instance, nodes: u64) -> Result<Portfolio, PortfolioError> {
    let limit = CostLimit::of(inst);
    match solve(inst, limit, false, nodes).0 {
        Outcome::Found(p) => Ok(p),
        Outcome::Infeasible => Err(explain(inst, limit)),
        Outcome::NodeLimit => Err(PortfolioError::NodeLimit),
    }
}

/// Whether `method`'s scores can be added across options, or why not.
pub fn check_additive(method: Method) -> Result<(), PortfolioError> {
    let why = match method {
        // An additive value model: differences of values are meaningful and add up.
        Method::Wsm => return Ok(()),
        // PROMETHEE V: net flows as the coefficients of a 0-1 programme (Brans & Mareschal).
        Method::Promethee2 => return Ok(()),
        Method::Wpm => {
            "the weighted product multiplies criteria: its scores are in the criteria's mixed units (or are geometric means), and a sum of them over options means nothing"
        }
        Method::Topsis => {
            "TOPSIS closeness is a ratio of distances to the ideal and the worst option; closenesses do not add up over options"
        }
        Method::Vikor => {
            "VIKOR's Q is lower-better and rescaled between the best and worst options' group utility and regret; Qs do not add up over options"
        }
    };
    Err(PortfolioError::NotAdditive(format!(
        "portfolios need scores that add up: {why}; use `wsm` or `promethee2`"
    )))
}
