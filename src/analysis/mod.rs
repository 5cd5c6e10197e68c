//! What the scores say and how sure they are: the scoring methods ([`scoring`]), every method
//! side by side ([`method_comparison`]) and Pareto fronts ([`pareto`]).

pub mod method_comparison;
pub mod pareto;
pub mod scoring;
