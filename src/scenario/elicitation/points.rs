//! Direct points and swing weighting.

#[allow(unused_imports)]
use std::collections::{HashMap, HashSet};

use super::*;

// ---------------------------------------------------------------------------------------------
// Direct points and swings
// ---------------------------------------------------------------------------------------------

/// Weights from points given directly: `p_i / Σ p`. Points must be finite, 0 or more, and not
/// all 0.
pub fn direct_weights(points: &[f64]) -> Result<Vec<f64>, ElicitationError> {
    if points.is_empty() {
        return Err(err("", "no points given"));
    }
    for (k, &p) in points.iter().enumerate() {
        if !p.is_finite() {
            return Err(err(format!("[{k}]"), not_finite(p)));
        }
        if p < 0.0 {
            return Err(err(
                format!("[{k}]"),
                format!("{p} points is negative; points must be 0 or more"),
            ));
        }
    }
    let total: f64 = points.iter().sum();
    if total <= 0.0 {
        return Err(err(
            "",
            "every item has 0 points; at least one needs points above 0",
        ));
    }
    Ok(points.iter().map(|p| p / total).collect())
}

/// Swing weights (von Winterfeldt & Edwards 1986; Edwards & Barron 1994): `ratings` are in the
/// order the swings were ranked, best first. The top swing is rated 100 by definition; every
/// other from 0 to 100 and not above a swing ranked before it (equal ratings are ties). Weight
/// = rating / Σ ratings.
///
/// A rating above one ranked before it is refused rather than accepted with a warning: the
/// ranking and the ratings then disagree and only the user can say which is meant. The dialog
/// can re-rank with [`sort_swings`].
pub fn swing_weights(ratings: &[f64]) -> Result<Vec<f64>, ElicitationError> {
    if ratings.is_empty() {
        return Err(err("", "no swings given"));
    }
    for (k, &r) in ratings.iter().enumerate() {
        if let Some(message) = swing_problem(k, r, k.checked_sub(1).map(|j| ratings[j])) {
            return Err(err(format!("[{k}]"), message));
        }
    }
    let total: f64 = ratings.iter().sum();
    Ok(ratings.iter().map(|r| r / total).collect())
}

/// What is wrong with rating `r` at rank position `k`, given the rating ranked just before it.
pub(super) fn swing_problem(k: usize, r: f64, before: Option<f64>) -> Option<String> {
    if !r.is_finite() {
        return Some(not_finite(r));
    }
    if !(0.0..=100.0).contains(&r) {
        return Some(format!("rating {r} is outside 0 to 100"));
    }
    if k == 0 && r != 100.0 {
        return Some(format!(
            "the top-ranked swing is rated 100 by definition, found {r}"
        ));
    }
    match before {
        Some(b) if b.is_finite() && r > b => Some(format!(
            "rating {r} is above the {b} of the swing ranked before it; rank the swings again (best first) or lower this rating"
        )),
        _ => None,
    }
}

/// Orders swings best first by rating (a stable sort: tied swings keep their order), so that a
/// rating typed above a higher-ranked one re-ranks the swing instead of being refused.
pub fn sort_swings(swings: &mut [(String, f64)]) {
    swings.sort_by(|a, b| b.1.total_cmp(&a.1));
}
