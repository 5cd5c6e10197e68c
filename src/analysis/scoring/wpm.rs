//! The weighted product model: `P_i = Π_j r_ij^w_j`.
//!
//! On raw values (`none`, the classic form of Bridgman 1922 and Miller & Starr 1969 as given by
//! Triantaphyllou 2000, §2.2.2) a benefit enters as `x^w` and a cost as `x^−w`, so the ratio of
//! two scores is the published pairwise ratio `P(A_K / A_L) = Π (a_Kj / a_Lj)^w_j` (costs
//! inverted). Under `linear` or `sum` the normalised, more-is-better values enter as `r^w`.
//! The product is taken as `exp(Σ w ln r)`: one logarithm a cell and no overflow, since the
//! weights sum to 1 and the product is a weighted geometric mean.

use super::{MethodDetail, MethodOutput, Problem, ScoreError};
use crate::scenario::model::{Direction, Normalization};

pub(super) fn score(p: &Problem, normalization: Normalization) -> Result<MethodOutput, ScoreError> {
    let m = p.matrix.len();
    let mut log_score = vec![0.0; m];
    let normalized = if normalization == Normalization::None {
        for j in p.weighted() {
            let c = &p.criteria[j];
            let sign = if c.direction == Direction::Maximize {
                1.0
            } else {
                -1.0
            };
            let w = p.weights[j] * sign;
            for (i, row) in p.matrix.iter().enumerate() {
                let x = row[j].unwrap_or(0.0);
                // A ratio needs a positive value: 0 would zero (or, for a cost, blow up) the
                // whole product, and a negative value has no real fractional power.
                if x.is_nan() || x <= 0.0 {
                    return Err(ScoreError::NotPositive {
                        option: p.option_id(i),
                        criterion: c.id.clone(),
                        value: x,
                    });
                }
                log_score[i] += w * x.ln();
            }
        }
        p.normalized(Normalization::MinMax)?
    } else {
        let normalized = p.normalized(normalization)?;
        for j in p.weighted() {
            let w = p.weights[j];
            for (i, row) in normalized.iter().enumerate() {
                // r ≥ 0 here (the ratio normalisations refuse negative columns); r = 0 gives
                // ln 0 = −∞ and a product of 0, which is the model's answer, not an error.
                log_score[i] += w * row[j].ln();
            }
        }
        normalized
    };
    let scores = log_score.into_iter().map(f64::exp).collect();
    Ok(MethodOutput {
        contributions: p.weighted_matrix(&normalized),
        normalized,
        scores,
        additive: false,
        detail: MethodDetail::None,
    })
}
