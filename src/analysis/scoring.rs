//! The scoring core: normalisation, the scoring methods and ranks. Pure functions over plain
//! data.
//!
//! Every normalisation maps a criterion's column so that more is better, whatever the
//! criterion's direction. Definitions and degenerate cases are in `docs/methods.md`.
//!
//! [`score_with`] scores a scenario; [`score_problem`] is the same over a plain matrix and
//! weights, for callers (and benchmarks) that already hold them; [`Prepared`] holds the matrix
//! flat, column by column, for callers that score it again and again (the kernels all run
//! there). Each method other than the weighted sum lives in its own submodule.

mod normalize;
mod prepared;
mod promethee;
mod topsis;
mod vikor;
mod wpm;

pub use normalize::{normalize_column, normalize_into, normalize_matrix};
pub use prepared::{Prepared, Scored};

pub use promethee::{
    MAX_GAUSSIAN_COMPARISONS, Outrank, incomparable_pairs, preference, promethee1,
};

use thiserror::Error;

use crate::scenario::model::{Criterion, Method, Normalization, Scenario};
use crate::scenario::weights::effective_weights;

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
    #[error(
        "PROMETHEE with the Gaussian preference function compares every pair of options: {options} options on {criteria} Gaussian criteria make {comparisons} comparisons, over the limit of {limit}; use the linear or V-shape function (computed without comparing every pair) or fewer options"
    )]
    TooManyPairs {
        options: usize,
        criteria: usize,
        comparisons: u64,
        limit: u64,
    },
    #[error("unknown profile `{0}`")]
    UnknownProfile(String),
    #[error("the scenario has no weight profile")]
    NoProfile,
    #[error(
        "the `{method}` method does not work with the `{normalization}` normalisation; use {allowed}"
    )]
    NotAllowed {
        method: &'static str,
        normalization: &'static str,
        /// The allowed normalisations, e.g. "`vector` or `minmax`".
        allowed: String,
    },
    #[error(
        "option `{option}`, criterion `{criterion}`: the weighted product on raw values raises each value to a power and needs every value above 0 (found {value}); use the `linear` or `sum` normalisation, or set the criterion's weight to 0"
    )]
    NotPositive {
        option: String,
        criterion: String,
        value: f64,
    },
    #[error("VIKOR's v must be between 0 and 1, found {0}")]
    VikorV(f64),
}

pub use crate::scenario::model::allowed_list;

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

/// What a method computes beyond one score per option.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum MethodDetail {
    /// The weighted sum and product: the scores say it all.
    #[default]
    None,
    /// TOPSIS: Euclidean distance of each option to the weighted ideal and anti-ideal.
    Topsis { d_plus: Vec<f64>, d_minus: Vec<f64> },
    /// PROMETHEE: leaving (φ⁺), entering (φ⁻) and net (φ = φ⁺ − φ⁻) flows.
    Promethee {
        phi_plus: Vec<f64>,
        phi_minus: Vec<f64>,
        phi_net: Vec<f64>,
    },
    /// VIKOR: group utility S, individual regret R and Q (all lower is better), and the
    /// compromise set with the two conditions of Opricovic & Tzeng (2004).
    Vikor {
        v: f64,
        s: Vec<f64>,
        r: Vec<f64>,
        q: Vec<f64>,
        /// Option indices of the compromise solution, best Q first.
        compromise: Vec<usize>,
        /// C1, acceptable advantage: Q(a2) − Q(a1) ≥ 1/(m − 1).
        advantage: bool,
        /// C2, acceptable stability: a1 is also best by S or by R.
        stability: bool,
    },
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
    /// Normalised matrix `[option][criterion]`, more is better, roughly 0..1, for display: the
    /// method's normalisation, or min-max for the methods on raw values; 0 where a value is
    /// missing and unweighted.
    pub normalized: Vec<Vec<f64>>,
    /// Each criterion's part of each option's score. When `additive`, each row sums to the
    /// score (`w_j · normalized` for the weighted sum, `w_j · φ_j` for PROMETHEE II);
    /// otherwise it is `w_j · normalized`, a display of weighted performance.
    pub contributions: Vec<Vec<f64>>,
    /// The headline score of each option, in the scenario's option order: the weighted sum,
    /// the weighted product, TOPSIS closeness, PROMETHEE net flow φ or VIKOR's Q.
    pub scores: Vec<f64>,
    /// Rank of each option, 1 best.
    pub ranks: Vec<usize>,
    /// Whether a higher score is better (false for VIKOR).
    pub higher_is_better: bool,
    /// Whether each row of `contributions` sums to the score.
    pub additive: bool,
    pub detail: MethodDetail,
}

impl Ranking {
    /// Option indices from best to worst (ties keep scenario order).
    pub fn order(&self) -> Vec<usize> {
        let mut idx: Vec<usize> = (0..self.scores.len()).collect();
        idx.sort_by_key(|&i| self.ranks[i]);
        idx
    }
}

/// A scoring problem as plain data: what a method needs, without the scenario around it.
#[derive(Clone, Copy, Debug)]
pub struct Problem<'a> {
    /// Option ids, for messages.
    pub options: &'a [&'a str],
    pub criteria: &'a [Criterion],
    /// `[option][criterion]`; `None` is allowed only where the criterion's weight is 0.
    pub matrix: &'a [Vec<Option<f64>>],
    /// One weight per criterion, summing to 1.
    pub weights: &'a [f64],
    /// VIKOR's v (ignored by the other methods).
    pub vikor_v: f64,
}

/// What a method computes for a [`Problem`]; [`Ranking`] adds ranks and names.
#[derive(Clone, Debug, PartialEq)]
pub struct MethodOutput {
    pub normalized: Vec<Vec<f64>>,
    pub contributions: Vec<Vec<f64>>,
    pub scores: Vec<f64>,
    pub additive: bool,
    pub detail: MethodDetail,
}

/// Scores a plain problem with `method` under `normalization`: the core of [`score_with`].
pub fn score_problem(
    p: &Problem,
    method: Method,
    normalization: Normalization,
) -> Result<MethodOutput, ScoreError> {
    if !method.allows(normalization) {
        return Err(ScoreError::NotAllowed {
            method: method.keyword(),
            normalization: normalization.keyword(),
            allowed: allowed_list(method),
        });
    }
    let mut prepared = Prepared::new(p);
    Ok(prepared
        .score(p.weights, method, normalization)?
        .to_output())
}

/// Scores `scenario` with the profile at `profile` (an index into `scenario.profiles`), reading
/// VIKOR's v from the scenario's settings. A combination of method and normalisation that
/// [`Method::normalizations`] does not list is refused with [`ScoreError::NotAllowed`].
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
    let options: Vec<&str> = scenario.options.iter().map(|o| o.id.as_str()).collect();
    let problem = Problem {
        options: &options,
        criteria: &scenario.criteria,
        matrix: &raw,
        weights: &weights,
        vikor_v: scenario.settings.vikor_v,
    };
    let out = score_problem(&problem, method, normalization)?;
    Ok(Ranking {
        method,
        normalization,
        profile: profile.id.clone(),
        ranks: ranks(&out.scores, method.higher_is_better()),
        weights,
        normalized: out.normalized,
        contributions: out.contributions,
        scores: out.scores,
        higher_is_better: method.higher_is_better(),
        additive: out.additive,
        detail: out.detail,
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
