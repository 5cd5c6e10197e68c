//! The scoring core: normalisation, the weighted sum and ranks. Pure functions over plain data.
//!
//! Every normalisation maps a criterion's column so that more is better, whatever the
//! criterion's direction. Definitions and degenerate cases are in `docs/methods.md`.

use thiserror::Error;

use crate::model::{Criterion, Direction, Method, Normalization, Scenario};
use crate::weights::effective_weights;

/// Relative tolerance under which two scores count as equal for ranking.
pub const TIE_TOLERANCE: f64 = 1e-9;

/// Why a scenario cannot be scored as asked.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum ScoreError {
    #[error(
        "option `{option}` has no value for criterion `{criterion}`, which has a weight above zero; fill it in or set the weight to 0"
    )]
    MissingValue { option: String, criterion: String },
    #[error(
        "criterion `{criterion}`: the `{normalization}` normalisation is undefined here: {reason}"
    )]
    Undefined {
        criterion: String,
        normalization: &'static str,
        reason: String,
    },
    #[error("profile `{profile}` gives every criterion a weight of zero")]
    AllZeroWeights { profile: String },
    #[error("unknown profile `{0}`")]
    UnknownProfile(String),
    #[error("the scenario has no weight profile")]
    NoProfile,
}

/// Normalises one criterion's column. `None` entries (missing values) stay `None` and take no
/// part in the column's statistics.
///
/// A constant column (every present value equal) gives 1 to every option under the
/// data-dependent normalisations: a criterion on which all options are alike adds the same to
/// every score and changes no rank. `scale` uses the declared bounds, so a constant column keeps
/// its place on the scale there.
pub fn normalize_column(
    values: &[Option<f64>],
    criterion: &Criterion,
    method: Normalization,
) -> Result<Vec<Option<f64>>, ScoreError> {
    let present: Vec<f64> = values.iter().flatten().copied().collect();
    let benefit = criterion.direction == Direction::Maximize;
    let map = |f: &dyn Fn(f64) -> f64| values.iter().map(|v| v.map(f)).collect();

    if method == Normalization::Scale {
        return Ok(by_scale(values, criterion));
    }

    let (min, max) = present
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &x| {
            (a.min(x), b.max(x))
        });
    if present.is_empty() || min == max {
        return Ok(map(&|_| 1.0));
    }
    let undefined = |reason: String| ScoreError::Undefined {
        criterion: criterion.id.clone(),
        normalization: method.keyword(),
        reason,
    };
    let require = |positive_strictly: bool| -> Result<(), ScoreError> {
        if positive_strictly && min <= 0.0 {
            Err(undefined(format!(
                "it divides by each value and needs every value above 0 (found {min})"
            )))
        } else if min < 0.0 {
            Err(undefined(format!(
                "it is a ratio and needs values of 0 or more (found {min})"
            )))
        } else {
            Ok(())
        }
    };
    Ok(match method {
        Normalization::Scale => by_scale(values, criterion),
        Normalization::MinMax => {
            let span = max - min;
            map(&|x| {
                if benefit {
                    (x - min) / span
                } else {
                    (max - x) / span
                }
            })
        }
        Normalization::Max => {
            require(false)?;
            map(&|x| if benefit { x / max } else { 1.0 - x / max })
        }
        Normalization::Linear => {
            require(!benefit)?;
            map(&|x| if benefit { x / max } else { min / x })
        }
        Normalization::Sum => {
            require(!benefit)?;
            if benefit {
                let total: f64 = present.iter().sum();
                map(&|x| x / total)
            } else {
                let total: f64 = present.iter().map(|x| 1.0 / x).sum();
                map(&|x| (1.0 / x) / total)
            }
        }
        Normalization::Vector => {
            let norm = present.iter().map(|x| x * x).sum::<f64>().sqrt();
            map(&|x| if benefit { x / norm } else { 1.0 - x / norm })
        }
    })
}

/// The `scale` normalisation: the criterion's value function, else its declared bounds.
fn by_scale(values: &[Option<f64>], criterion: &Criterion) -> Vec<Option<f64>> {
    if let Some(vf) = &criterion.value_function {
        return values.iter().map(|v| v.map(|x| vf.value(x))).collect();
    }
    let (lo, hi) = (criterion.scale.min, criterion.scale.max);
    let span = hi - lo;
    let benefit = criterion.direction == Direction::Maximize;
    values
        .iter()
        .map(|v| {
            v.map(|x| {
                let t = if span > 0.0 { (x - lo) / span } else { 1.0 };
                if benefit { t } else { 1.0 - t }
            })
        })
        .collect()
}

/// Normalises every column of `matrix[option][criterion]`.
pub fn normalize_matrix(
    matrix: &[Vec<Option<f64>>],
    criteria: &[Criterion],
    method: Normalization,
) -> Result<Vec<Vec<Option<f64>>>, ScoreError> {
    let mut out = vec![vec![None; criteria.len()]; matrix.len()];
    for (j, criterion) in criteria.iter().enumerate() {
        let column: Vec<Option<f64>> = matrix.iter().map(|row| row[j]).collect();
        for (i, v) in normalize_column(&column, criterion, method)?
            .into_iter()
            .enumerate()
        {
            out[i][j] = v;
        }
    }
    Ok(out)
}

/// Weighted sum of each row: `Σ_j w_j · x_ij`.
pub fn weighted_sum(matrix: &[Vec<f64>], weights: &[f64]) -> Vec<f64> {
    matrix
        .iter()
        .map(|row| row.iter().zip(weights).map(|(x, w)| x * w).sum())
        .collect()
}

/// Competition ranks, 1 best: scores equal within [`TIE_TOLERANCE`] (relative) share the best
/// rank of their group, and the next rank skips (1, 2, 2, 4).
pub fn ranks(scores: &[f64], higher_is_better: bool) -> Vec<usize> {
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (scores[a], scores[b]);
        let ord = x.total_cmp(&y);
        if higher_is_better { ord.reverse() } else { ord }
    });
    let mut out = vec![0; scores.len()];
    let mut group_score = f64::NAN;
    let mut group_rank = 0;
    for (pos, &i) in order.iter().enumerate() {
        if pos == 0 || !nearly_equal(scores[i], group_score) {
            group_rank = pos + 1;
            group_score = scores[i];
        }
        out[i] = group_rank;
    }
    out
}

/// Whether two scores are equal within [`TIE_TOLERANCE`], relative to the larger magnitude.
pub fn nearly_equal(a: f64, b: f64) -> bool {
    let scale = a.abs().max(b.abs()).max(f64::MIN_POSITIVE);
    (a - b).abs() <= TIE_TOLERANCE * scale || a == b
}

/// The result of scoring a scenario under one profile.
#[derive(Clone, Debug, PartialEq)]
pub struct Ranking {
    pub method: Method,
    pub normalization: Normalization,
    /// The profile's id.
    pub profile: String,
    /// Effective criterion weights, summing to 1.
    pub weights: Vec<f64>,
    /// Normalised matrix `[option][criterion]`, 0 where a value is missing and unweighted.
    pub normalized: Vec<Vec<f64>>,
    /// `contributions[i][j] = w_j · normalized[i][j]`; each row sums to the option's score.
    pub contributions: Vec<Vec<f64>>,
    /// Score of each option, in the scenario's option order.
    pub scores: Vec<f64>,
    /// Rank of each option, 1 best.
    pub ranks: Vec<usize>,
}

impl Ranking {
    /// Option indices from best to worst (ties keep scenario order).
    pub fn order(&self) -> Vec<usize> {
        let mut idx: Vec<usize> = (0..self.scores.len()).collect();
        idx.sort_by_key(|&i| self.ranks[i]);
        idx
    }
}

/// Scores `scenario` with the profile at `profile` (an index into `scenario.profiles`).
pub fn score_with(
    scenario: &Scenario,
    profile: usize,
    method: Method,
    normalization: Normalization,
) -> Result<Ranking, ScoreError> {
    let profile = scenario
        .profiles
        .get(profile)
        .ok_or(ScoreError::NoProfile)?;
    let weights = effective_weights(scenario, profile);
    if weights.iter().all(|&w| w == 0.0) {
        return Err(ScoreError::AllZeroWeights {
            profile: profile.id.clone(),
        });
    }
    let raw = scenario.matrix();
    for (i, row) in raw.iter().enumerate() {
        for (j, v) in row.iter().enumerate() {
            if v.is_none() && weights[j] > 0.0 {
                return Err(ScoreError::MissingValue {
                    option: scenario.options[i].id.clone(),
                    criterion: scenario.criteria[j].id.clone(),
                });
            }
        }
    }
    let normalized: Vec<Vec<f64>> = normalize_matrix(&raw, &scenario.criteria, normalization)?
        .into_iter()
        .map(|row| row.into_iter().map(|v| v.unwrap_or(0.0)).collect())
        .collect();
    let scores = match method {
        Method::Wsm => weighted_sum(&normalized, &weights),
    };
    let contributions = normalized
        .iter()
        .map(|row| row.iter().zip(&weights).map(|(x, w)| x * w).collect())
        .collect();
    Ok(Ranking {
        method,
        normalization,
        profile: profile.id.clone(),
        ranks: ranks(&scores, true),
        weights,
        normalized,
        contributions,
        scores,
    })
}

/// Scores `scenario` with its own settings (method, normalisation, active profile).
pub fn score(scenario: &Scenario) -> Result<Ranking, ScoreError> {
    score_with(
        scenario,
        scenario.active_profile_index(),
        scenario.settings.method,
        scenario.settings.normalization,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ties_share_the_best_rank_and_the_next_skips() {
        assert_eq!(ranks(&[0.9, 0.5, 0.5, 0.1], true), vec![1, 2, 2, 4]);
        assert_eq!(ranks(&[0.1, 0.5, 0.5, 0.9], false), vec![1, 2, 2, 4]);
        // Equal within 1e-9 relative: tied. Apart by more: not.
        assert_eq!(ranks(&[1.0, 1.0 + 1e-12, 0.5], true), vec![1, 1, 3]);
        assert_eq!(ranks(&[1.0, 1.0 + 1e-6], true), vec![2, 1]);
    }
}
