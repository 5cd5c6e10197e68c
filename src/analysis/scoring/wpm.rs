//! The weighted product model: `P_i = Π_j r_ij^w_j`.
//!
//! On raw values (`none`, the classic form of Bridgman 1922 and Miller & Starr 1969 as given by
//! Triantaphyllou 2000, §2.2.2) a benefit enters as `x^w` and a cost as `x^−w`, so the ratio of
//! two scores is the published pairwise ratio `P(A_K / A_L) = Π (a_Kj / a_Lj)^w_j` (costs
//! inverted). Under `linear` or `sum` the normalised, more-is-better values enter as `r^w`.
//! The product is taken as `exp(Σ w ln r)`: one logarithm a cell and no overflow, since the
//! weights sum to 1 and the product is a weighted geometric mean.

use super::{Prepared, ScoreError};
use crate::scenario::model::{Direction, Normalization};

pub(super) fn score(
    pre: &mut Prepared,
    weights: &[f64],
    normalization: Normalization,
) -> Result<(), ScoreError> {
    let m = pre.m;
    // `out.scores` (zeroed) holds Σ w ln r until the end.
    if normalization == Normalization::None {
        // ln x of the raw matrix depends on the values alone: taken once per prepared problem.
        pre.take_logs();
        let weighted = pre.criteria.iter().enumerate();
        for (j, c) in weighted.filter(|&(j, _)| weights[j] > 0.0) {
            // A ratio needs a positive value: 0 would zero (or, for a cost, blow up) the
            // whole product, and a negative value has no real fractional power.
            if let Some(i) = pre.first_nonpositive[j] {
                return Err(ScoreError::NotPositive {
                    option: pre.option_id(i),
                    criterion: c.id.clone(),
                    value: pre.raw[j * m + i],
                });
            }
            let w = if c.direction == Direction::Maximize {
                weights[j]
            } else {
                -weights[j]
            };
            let logs = &pre.logs[j * m..(j + 1) * m];
            for (log, &ln_x) in pre.out.scores.iter_mut().zip(logs) {
                *log += w * ln_x;
            }
        }
        pre.normalize(Normalization::MinMax)?;
    } else {
        pre.normalize(normalization)?;
        let out = &mut pre.out;
        let columns = out.normalized.chunks_exact(m.max(1)).zip(weights);
        for (column, &w) in columns.filter(|&(_, &w)| w > 0.0) {
            for (log, &r) in out.scores.iter_mut().zip(column) {
                // r ≥ 0 here (the ratio normalisations refuse negative columns); r = 0 gives
                // ln 0 = −∞ and a product of 0, which is the model's answer, not an error.
                *log += w * r.ln();
            }
        }
    }
    pre.weigh(weights);
    for s in &mut pre.out.scores {
        *s = s.exp();
    }
    pre.out.additive = false;
    Ok(())
}
