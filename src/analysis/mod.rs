//! What the scores say and how sure they are: the scoring methods ([`scoring`]), every method
//! side by side ([`method_comparison`]), every weight profile side by side ([`perspectives`]),
//! a group profile pooled from several ([`group`]), Pareto fronts ([`pareto`]), how far a weight can move
//! before the ranking changes ([`sensitivity`]), and how often each option comes first under
//! the scenario's uncertainty ([`smaa`], drawing with [`sampling`]), and which set of options to
//! pursue under a budget ([`portfolio`]). No knowledge of the window:
//! each analysis takes a scenario (or a prepared problem) and returns plain data that a view,
//! the command line or a briefing can show.

pub mod group;
pub mod method_comparison;
pub mod pareto;
pub mod perspectives;
pub mod portfolio;
pub mod sampling;
pub mod scoring;
pub mod sensitivity;
pub mod smaa;
