//! Analysis: what the scores say and how sure they are. Each module takes a scenario (or a
//! plain problem) and returns plain results for the window, the command line and the briefing
//! to show; none of it knows about the UI. `sampling` holds the seeded random draws that the
//! stochastic analyses share; `smaa` is stochastic multicriteria acceptability analysis (SMAA-2)
//! over uncertain scores and weights.

pub mod sampling;
pub mod smaa;
