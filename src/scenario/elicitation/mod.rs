//! Weight elicitation: direct points, swing weighting, pairwise comparisons (AHP) and rankings
//! turned into weights; checking an elicitation record against the scenario and applying it to a
//! profile.
//!
//! The math works on plain numbers (`direct_weights`, `swing_weights`, `pairwise_weights`,
//! `ranking_weights`); the record functions work on ids (`compute`, `check_record`,
//! `apply_record`). Formulas, options and sources: `docs/methods.md`, "Weight elicitation".

use std::fmt;

use crate::scenario::model::{
    Elicitation, ElicitationInput, ElicitationRecord, ElicitationScope, PairwiseWeighting,
    RankRule, Scenario, WeightProfile,
};
use crate::scenario::weights::{WeightMap, criterion_shares, normalized};

/// A problem with elicitation inputs: the field at fault, relative to what was checked (e.g.
/// `input.judgements[2].2`, or `[3]` for the fourth number given to a math function), and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ElicitationError {
    pub field: String,
    pub message: String,
}

impl fmt::Display for ElicitationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.field, self.message)
        }
    }
}

impl std::error::Error for ElicitationError {}

fn err(field: impl Into<String>, message: impl Into<String>) -> ElicitationError {
    ElicitationError {
        field: field.into(),
        message: message.into(),
    }
}

mod inputs;
mod pairwise;
mod points;
mod ranking;
mod records;
#[cfg(test)]
mod tests;

pub use inputs::*;
pub use pairwise::*;
pub use points::*;
pub use ranking::*;
pub use records::*;

fn not_finite(x: f64) -> String {
    format!("expected a finite number, found {x}")
}

/// `a`, `b`, `c` in backquotes, or "(none declared)".
fn listed<'a>(ids: impl Iterator<Item = &'a str>) -> String {
    crate::scenario::model::id_list(ids)
}

/// How many items of a long list a message shows.
const SHOWN: usize = 5;

/// The first five of `shown` (the start of a list of `total`), then "and N more".
fn shorten_of(shown: &[String], total: usize) -> String {
    let text = shown
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    let listed = shown.len().min(SHOWN);
    if total > listed {
        format!("{text} and {} more", total - listed)
    } else {
        text
    }
}
