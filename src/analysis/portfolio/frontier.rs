//! The efficient frontier: every portfolio that no other beats on both value and cost.
//!
//! By the ε-constraint method: the best portfolio with no cost limit (the other constraints
//! kept), then the best costing strictly less than it, and so on until none is feasible. Each
//! is exact ([`super::search`], ties in value going to the cheaper), so each is optimal for its
//! own cost and none is dominated: a portfolio at most as dear and at least as good would have
//! been chosen instead. And none is missed: a portfolio that no other dominates costs less
//! than each point found before it, so it is a candidate of the next search, whose answer is
//! then at least as good and no dearer — itself, up to ties.

use super::conflicts::explain;
use super::search::{CostLimit, Outcome, solve};
use super::{Instance, MAX_FRONTIER, NODE_LIMIT, Portfolio, PortfolioError};

/// The frontier of `inst` over every budget (its `budget` is ignored), cheapest first: costs
/// and values both strictly rising.
pub fn frontier(inst: &Instance) -> Result<Vec<Portfolio>, PortfolioError> {
    frontier_within(inst, NODE_LIMIT)
}

/// [`frontier`] visiting at most `nodes` branch-and-bound nodes over all its searches.
pub fn frontier_within(inst: &Instance, nodes: u64) -> Result<Vec<Portfolio>, PortfolioError> {
    let mut points: Vec<Portfolio> = Vec::new();
    let mut limit = CostLimit::None;
    // One node budget for the whole frontier, so that it too ends in bounded time.
    let mut nodes_left = nodes;
    loop {
        let (outcome, used) = solve(inst, limit, false, nodes_left);
        nodes_left = nodes_left.saturating_sub(used);
        match outcome {
            Outcome::Found(p) => {
                if points.len() == MAX_FRONTIER {
                    return Err(PortfolioError::FrontierTooLarge);
                }
                limit = CostLimit::Below(p.cost);
                points.push(p);
            }
            Outcome::Infeasible if points.is_empty() => return Err(explain(inst, limit)),
            Outcome::Infeasible => break,
            Outcome::NodeLimit => return Err(PortfolioError::NodeLimit),
        }
    }
    points.reverse();
    Ok(points)
}
