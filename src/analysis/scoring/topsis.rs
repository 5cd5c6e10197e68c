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

use super::{Prepared, ScoreError};
use crate::scenario::model::Normalization;

/// Closeness when an option is at both poles at once (all options identical).
pub const TIED_CLOSENESS: f64 = 0.5;

pub(super) fn score(
    pre: &mut Prepared,
    weights: &[f64],
    normalization: Normalization,
) -> Result<(), ScoreError> {
    pre.normalize(normalization)?;
    let m = pre.m;
    let out = &mut pre.out;
    let (d_plus, d_minus) = (&mut out.a, &mut out.b);
    let columns = out.normalized.chunks_exact(m.max(1)).zip(weights);
    for (column, &w) in columns.filter(|&(_, &w)| w > 0.0) {
        let (lo, hi) = column
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &x| {
                (lo.min(x), hi.max(x))
            });
        let (best, worst) = (w * hi, w * lo);
        for ((dp, dm), &x) in d_plus.iter_mut().zip(d_minus.iter_mut()).zip(column) {
            let v = w * x;
            *dp += (best - v).powi(2);
            *dm += (v - worst).powi(2);
        }
    }
    for ((dp, dm), score) in d_plus
        .iter_mut()
        .zip(d_minus.iter_mut())
        .zip(&mut out.scores)
    {
        *dp = dp.sqrt();
        *dm = dm.sqrt();
        let total = *dp + *dm;
        *score = if total > 0.0 {
            *dm / total
        } else {
            TIED_CLOSENESS
        };
    }
    out.additive = false;
    pre.weigh(weights);
    Ok(())
}
