//! TOPSIS (Hwang & Yoon 1981): closeness of each option to the weighted ideal.
//!
//! `v_ij = w_j r_ij`; the ideal `v⁺_j` is the column's best and the anti-ideal `v⁻_j` its
//! worst; `D⁺_i = √Σ (v_ij − v⁺_j)²`, `D⁻_i = √Σ (v_ij − v⁻_j)²`; closeness
//! `C_i = D⁻ / (D⁺ + D⁻)`, in 0..1, higher is better.
//!
//! Our normalisations already turn a cost column round (vector: `1 − x/‖x‖`, min-max:
//! `(max − x)/(max − min)`), so the best of every column is its maximum. Hwang & Yoon keep the
//! cost column as `x/‖x‖` and take its minimum as ideal instead. The two give the same
//! distances: the flip `r ↦ 1 − r` is a reflection, so `|v − v⁺|` and `|v − v⁻|` are unchanged
//! term by term (checked against Hwang & Yoon's cost handling in `tests/methods.rs`).
//!
//! When every option is identical on every weighted criterion, `D⁺ + D⁻ = 0` and closeness is
//! undefined; every option then gets 0.5, so they tie, halfway between the two poles.

use super::{MethodDetail, MethodOutput, Problem, ScoreError};
use crate::scenario::model::Normalization;

/// Closeness when an option is at both poles at once (all options identical).
pub const TIED_CLOSENESS: f64 = 0.5;

pub(super) fn score(p: &Problem, normalization: Normalization) -> Result<MethodOutput, ScoreError> {
    let normalized = p.normalized(normalization)?;
    let m = normalized.len();
    let mut d_plus = vec![0.0; m];
    let mut d_minus = vec![0.0; m];
    for j in p.weighted() {
        let w = p.weights[j];
        let (lo, hi) = normalized
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), row| {
                (lo.min(row[j]), hi.max(row[j]))
            });
        for (i, row) in normalized.iter().enumerate() {
            let v = w * row[j];
            d_plus[i] += (w * hi - v).powi(2);
            d_minus[i] += (v - w * lo).powi(2);
        }
    }
    let mut scores = Vec::with_capacity(m);
    for i in 0..m {
        d_plus[i] = d_plus[i].sqrt();
        d_minus[i] = d_minus[i].sqrt();
        let total = d_plus[i] + d_minus[i];
        scores.push(if total > 0.0 {
            d_minus[i] / total
        } else {
            TIED_CLOSENESS
        });
    }
    Ok(MethodOutput {
        contributions: p.weighted_matrix(&normalized),
        normalized,
        scores,
        additive: false,
        detail: MethodDetail::Topsis { d_plus, d_minus },
    })
}
