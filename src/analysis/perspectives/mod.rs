//! Perspectives: every weight profile of a scenario (a delegation, a participant) ranks the
//! options under one method, side by side. How alike two profiles' rankings are (Kendall's τ-b,
//! [`tau`]), profiles with similar rankings placed together ([`cluster`]), the options every
//! profile has near the top (the common ground), and for each profile the smallest change of its
//! weights that would give it another winner ([`concession`]).
//!
//! [`perspectives`] is cheap (one scoring per profile); [`concessions`] searches and may take
//! longer, so a window runs it apart. Definitions are in `docs/perspectives.md`.

pub mod cluster;
pub mod concession;
pub mod tau;

pub use cluster::average_linkage_order;
pub use concession::{Concession, Reach, concessions};
pub use tau::{distances, tau_matrix};

use thiserror::Error;

use crate::analysis::scoring::{Problem, ScoreError, ranks, score_problem};
use crate::scenario::model::{Method, Normalization, Scenario};
use crate::scenario::weights::effective_weights;

/// The top-k used when none is asked for.
pub const DEFAULT_TOP_K: usize = 3;

/// Most profiles compared at once: τ is kept for every pair (a million pairs at most).
pub const MAX_PROFILES: usize = 1000;

/// Most pairs of profiles × options: each pair's τ costs about n log n for n options.
pub const MAX_PAIR_OPTIONS: u64 = 200_000_000;

/// Why the profiles could not be compared.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum PerspectiveError {
    #[error("the scenario has no weight profile")]
    NoProfile,
    /// One profile could not be scored (the first that failed, in scenario order).
    #[error("profile `{profile}`: {error}")]
    Profile { profile: String, error: ScoreError },
    #[error(
        "{profiles} profiles and {options} options are too many to compare: at most {MAX_PROFILES} profiles, and pairs of profiles × options at most {MAX_PAIR_OPTIONS}"
    )]
    TooLarge { profiles: usize, options: usize },
}

/// Refuses a scenario too large to compare in bounded time and memory.
pub(crate) fn check_size(scenario: &Scenario) -> Result<(), PerspectiveError> {
    let (p, n) = (scenario.profiles.len(), scenario.options.len());
    if p == 0 {
        return Err(PerspectiveError::NoProfile);
    }
    let pairs = (p as u64).saturating_mul(p as u64 - 1) / 2;
    if p > MAX_PROFILES || pairs.saturating_mul(n as u64) > MAX_PAIR_OPTIONS {
        return Err(PerspectiveError::TooLarge {
            profiles: p,
            options: n,
        });
    }
    Ok(())
}

/// Every profile's ranking of the options under one method and normalisation.
#[derive(Clone, Debug, PartialEq)]
pub struct Perspectives {
    pub method: Method,
    pub normalization: Normalization,
    /// The k of [`Self::common_ground`].
    pub top_k: usize,
    /// Profile ids, in scenario order; every other `[profile]` index follows it.
    pub profiles: Vec<String>,
    /// Option ids, in file order; every other `[option]` index follows it.
    pub options: Vec<String>,
    /// `scores[profile][option]`: the method's headline score.
    pub scores: Vec<Vec<f64>>,
    /// Whether a higher score is better (false for VIKOR).
    pub higher_is_better: bool,
    /// `ranks[profile][option]`: competition ranks, 1 best; tied options share the best rank
    /// of their group and the next rank skips (1, 2, 2, 4), as in [`ranks`].
    pub ranks: Vec<Vec<usize>>,
    /// `weights[profile][criterion]`: effective criterion weights, each row summing to 1.
    pub weights: Vec<Vec<f64>>,
    /// `kendall_tau[p][q]`: Kendall's τ-b between the rankings of profiles `p` and `q`; `None`
    /// where it is undefined (fewer than two options, or a profile that ties every option).
    pub kendall_tau: Vec<Vec<Option<f64>>>,
    /// Profile indices with similar rankings next to each other: the leaf order of
    /// average-linkage clustering on 1 − τ ([`average_linkage_order`]).
    pub order: Vec<usize>,
    /// Option indices (file order) in the top k under every profile: rank ≤ k, so options tied
    /// at the k-th place are all in (with ranks 1, 2, 2, 4 and k = 2 the top two holds three).
    pub common_ground: Vec<usize>,
}

impl Perspectives {
    /// The index of the profile with this id.
    pub fn profile_index(&self, id: &str) -> Option<usize> {
        self.profiles.iter().position(|p| p == id)
    }
}

/// The scenario as a scoring problem whose weights can change: what [`perspectives`] and
/// [`concessions`] score again and again.
pub(crate) struct Prepared<'a> {
    pub scenario: &'a Scenario,
    pub option_ids: Vec<&'a str>,
    pub matrix: Vec<Vec<Option<f64>>>,
    pub method: Method,
    pub normalization: Normalization,
}

impl<'a> Prepared<'a> {
    pub fn new(scenario: &'a Scenario, method: Method, normalization: Normalization) -> Self {
        Prepared {
            scenario,
            option_ids: scenario.options.iter().map(|o| o.id.as_str()).collect(),
            matrix: scenario.matrix(),
            method,
            normalization,
        }
    }

    /// The method's scores under `weights` (one per criterion, summing to 1), and the
    /// normalised matrix it reports.
    pub fn score(&self, weights: &[f64]) -> Result<(Vec<f64>, Vec<Vec<f64>>), ScoreError> {
        let problem = Problem {
            options: &self.option_ids,
            criteria: &self.scenario.criteria,
            matrix: &self.matrix,
            weights,
            vikor_v: self.scenario.settings.vikor_v,
        };
        let out = score_problem(&problem, self.method, self.normalization)?;
        Ok((out.scores, out.normalized))
    }

    /// Competition ranks of `scores` for this method.
    pub fn ranks(&self, scores: &[f64]) -> Vec<usize> {
        ranks(scores, self.method.higher_is_better())
    }
}

/// Ranks the options under every profile of `scenario` with `method` and `normalization`, and
/// compares the rankings. One scoring per profile, then τ for every pair of profiles
/// (O(p² · n log n)) and the clustering (O(p³) at most): fast enough to run on every change.
pub fn perspectives(
    scenario: &Scenario,
    method: Method,
    normalization: Normalization,
    top_k: usize,
) -> Result<Perspectives, PerspectiveError> {
    check_size(scenario)?;
    let prepared = Prepared::new(scenario, method, normalization);
    let mut scores = Vec::with_capacity(scenario.profiles.len());
    let mut all_ranks = Vec::with_capacity(scenario.profiles.len());
    let mut weights = Vec::with_capacity(scenario.profiles.len());
    for profile in &scenario.profiles {
        let w = effective_weights(scenario, profile);
        let fail = |error| PerspectiveError::Profile {
            profile: profile.id.clone(),
            error,
        };
        if w.iter().all(|&x| x == 0.0) {
            return Err(fail(ScoreError::AllZeroWeights {
                profile: profile.id.clone(),
            }));
        }
        let (s, _) = prepared.score(&w).map_err(fail)?;
        all_ranks.push(prepared.ranks(&s));
        scores.push(s);
        weights.push(w);
    }
    let kendall_tau = tau_matrix(&all_ranks);
    let order = average_linkage_order(&distances(&all_ranks, &kendall_tau));
    let common_ground = common_ground(&all_ranks, top_k);
    Ok(Perspectives {
        method,
        normalization,
        top_k,
        profiles: scenario.profiles.iter().map(|p| p.id.clone()).collect(),
        options: scenario.options.iter().map(|o| o.id.clone()).collect(),
        scores,
        higher_is_better: method.higher_is_better(),
        ranks: all_ranks,
        weights,
        kendall_tau,
        order,
        common_ground,
    })
}

/// Option indices whose rank is at most `k` under every ranking, in option order. Ranks are
/// competition ranks, so every option tied at place k is in; `k = 0` gives none.
pub fn common_ground(ranks: &[Vec<usize>], k: usize) -> Vec<usize> {
    let Some(first) = ranks.first() else {
        return Vec::new();
    };
    (0..first.len())
        .filter(|&i| ranks.iter().all(|r| r.get(i).is_some_and(|&x| x <= k)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Ranks by hand: option 1 is in everyone's top two; option 0 misses it under the second
    /// profile; option 2 is tied at place 2 under the first and second at place 2 under the
    /// third, so ties at the boundary count as in.
    #[test]
    fn common_ground_counts_ties_at_the_boundary() {
        let ranks = vec![vec![1, 2, 2, 4], vec![3, 1, 2, 4], vec![1, 2, 2, 4]];
        assert_eq!(common_ground(&ranks, 2), vec![1, 2]);
        assert_eq!(common_ground(&ranks, 3), vec![0, 1, 2]);
        assert_eq!(common_ground(&ranks, 1), Vec::<usize>::new());
        assert_eq!(common_ground(&ranks, 0), Vec::<usize>::new());
        assert_eq!(common_ground(&[], 3), Vec::<usize>::new());
    }
}
