//! Rankings turned into weights: rank-order centroid, rank sum, reciprocal.

#[allow(unused_imports)]
use std::collections::{HashMap, HashSet};

use super::*;

// ---------------------------------------------------------------------------------------------
// Rankings
// ---------------------------------------------------------------------------------------------

/// The weight of each rank position 1..=n with no ties, summing to 1.
///
/// - centroid (Barron & Barrett 1996): w_k = (1/n) Σ_{i=k..n} 1/i
/// - rank sum: w_k = 2 (n + 1 − k) / (n (n + 1))
/// - reciprocal: w_k = (1/k) / Σ_{i=1..n} 1/i
pub fn position_weights(n: usize, rule: RankRule) -> Vec<f64> {
    let nf = n as f64;
    let harmonic = |from: usize| (from..=n).map(|i| 1.0 / i as f64).sum::<f64>();
    (1..=n)
        .map(|k| match rule {
            RankRule::Centroid => harmonic(k) / nf,
            RankRule::RankSum => 2.0 * (nf + 1.0 - k as f64) / (nf * (nf + 1.0)),
            RankRule::Reciprocal => (1.0 / k as f64) / harmonic(1),
        })
        .collect()
}

/// Weights from ranks (smaller = more important; any numbers, only their order counts), in the
/// order given. Items with equal ranks are tied: they occupy consecutive positions and each gets
/// the mean of those positions' weights, so the weights still sum to 1.
pub fn ranking_weights(ranks: &[u32], rule: RankRule) -> Result<Vec<f64>, ElicitationError> {
    if ranks.is_empty() {
        return Err(err("", "nothing to rank"));
    }
    let positions = position_weights(ranks.len(), rule);
    let mut order: Vec<usize> = (0..ranks.len()).collect();
    order.sort_by_key(|&i| ranks[i]);
    let mut weights = vec![0.0; ranks.len()];
    let mut start = 0;
    while start < order.len() {
        let rank = ranks[order[start]];
        let end = start
            + order[start..]
                .iter()
                .take_while(|&&i| ranks[i] == rank)
                .count();
        let share = positions[start..end].iter().sum::<f64>() / (end - start) as f64;
        for &i in &order[start..end] {
            weights[i] = share;
        }
        start = end;
    }
    Ok(weights)
}
