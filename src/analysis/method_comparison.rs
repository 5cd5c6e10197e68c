//! Do the methods agree? Every method scores the same scenario and profile, and Kendall's τ-b
//! measures how alike each pair of rankings is.

use crate::analysis::scoring::{Ranking, ScoreError, score_with};
use crate::scenario::model::{Method, Normalization, Scenario};

/// Kendall's τ-b between two rank vectors (lower is better; ties allowed), in −1..=1:
///
///   τ_b = (n_c − n_d) / √((n₀ − n₁)(n₀ − n₂))
///
/// with `n_c` concordant and `n_d` discordant pairs, `n₀ = n(n − 1)/2`, and `n₁`, `n₂` the
/// pairs tied in the first and in the second ranking (Kendall 1945). `None` when it is undefined:
/// fewer than two options, or one ranking ties every option.
pub fn kendall_tau_b(a: &[usize], b: &[usize]) -> Option<f64> {
    let n = a.len().min(b.len());
    let (mut concordant, mut discordant, mut tied_a, mut tied_b) = (0i64, 0i64, 0i64, 0i64);
    for i in 0..n {
        for j in i + 1..n {
            let x = a[i].cmp(&a[j]);
            let y = b[i].cmp(&b[j]);
            use std::cmp::Ordering::Equal;
            match (x == Equal, y == Equal) {
                (true, true) => {
                    tied_a += 1;
                    tied_b += 1;
                }
                (true, false) => tied_a += 1,
                (false, true) => tied_b += 1,
                (false, false) if x == y => concordant += 1,
                (false, false) => discordant += 1,
            }
        }
    }
    let pairs = (n as i64) * (n as i64 - 1) / 2;
    let denominator = ((pairs - tied_a) as f64 * (pairs - tied_b) as f64).sqrt();
    (denominator > 0.0).then(|| (concordant - discordant) as f64 / denominator)
}

/// Every method's ranking of one scenario under one profile.
#[derive(Clone, Debug, PartialEq)]
pub struct MethodComparison {
    /// The methods, in [`Method::ALL`] order.
    pub methods: Vec<Method>,
    /// The normalisation each method used: the scenario's if the method allows it, else the
    /// method's default (as the command line does when none is given).
    pub normalizations: Vec<Normalization>,
    /// Each method's ranking, or why it could not score (e.g. the raw weighted product on a
    /// value of 0).
    pub results: Vec<Result<Ranking, ScoreError>>,
    /// `tau[a][b]`: Kendall's τ-b between methods `a` and `b`; `None` where either failed or τ
    /// is undefined.
    pub tau: Vec<Vec<Option<f64>>>,
}

impl MethodComparison {
    /// The ranks of method `k`, if it scored.
    pub fn ranks(&self, k: usize) -> Option<&[usize]> {
        self.results
            .get(k)
            .and_then(|r| r.as_ref().ok())
            .map(|r| r.ranks.as_slice())
    }
}

/// Scores `scenario` with the profile at `profile` under every method and compares the ranks.
pub fn compare_methods(scenario: &Scenario, profile: usize) -> MethodComparison {
    compare_with(scenario, profile, scenario.settings.normalization)
}

/// As [`compare_methods`], preferring `preferred` over the scenario's normalisation.
pub fn compare_with(
    scenario: &Scenario,
    profile: usize,
    preferred: Normalization,
) -> MethodComparison {
    let methods: Vec<Method> = Method::ALL.to_vec();
    let normalizations: Vec<Normalization> = methods
        .iter()
        .map(|m| m.normalization_for(preferred))
        .collect();
    let results: Vec<Result<Ranking, ScoreError>> = methods
        .iter()
        .zip(&normalizations)
        .map(|(&m, &n)| score_with(scenario, profile, m, n))
        .collect();
    let ranks: Vec<Option<&[usize]>> = results
        .iter()
        .map(|r| r.as_ref().ok().map(|r| r.ranks.as_slice()))
        .collect();
    let tau = ranks
        .iter()
        .map(|a| {
            ranks
                .iter()
                .map(|b| match (a, b) {
                    (Some(a), Some(b)) => kendall_tau_b(a, b),
                    _ => None,
                })
                .collect()
        })
        .collect();
    MethodComparison {
        methods,
        normalizations,
        results,
        tau,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-12)
    }

    #[test]
    fn identical_and_reversed_rankings() {
        assert!(close(kendall_tau_b(&[1, 2, 3, 4], &[1, 2, 3, 4]), 1.0));
        assert!(close(kendall_tau_b(&[1, 2, 3, 4], &[4, 3, 2, 1]), -1.0));
    }

    /// By hand: a = (1, 2, 3), b = (1, 3, 2): pairs (1,2) concordant, (1,3) concordant,
    /// (2,3) discordant; τ = (2 − 1)/3.
    #[test]
    fn one_swap_of_three() {
        assert!(close(kendall_tau_b(&[1, 2, 3], &[1, 3, 2]), 1.0 / 3.0));
    }

    /// With ties, τ-b: a = (1, 1, 3), b = (1, 2, 3). n₀ = 3, n₁ = 1 (the tied pair in a),
    /// n₂ = 0; the two untied pairs are concordant, so τ_b = 2 / √(2 · 3) = 0.816497.
    #[test]
    fn ties_use_the_tau_b_denominator() {
        assert!(close(
            kendall_tau_b(&[1, 1, 3], &[1, 2, 3]),
            2.0 / 6f64.sqrt()
        ));
    }

    /// Ties in both rankings, one pair tied in both, worked out by hand from the definition
    /// (Kendall 1945; Agresti, *Analysis of Ordinal Categorical Data*, 2010, §7.1.4):
    /// a = (1, 1, 3, 3, 5), b = (2, 2, 1, 4, 4), n₀ = 10 pairs.
    ///   (0,1) tied in a and in b;  (0,2) and (1,2) discordant (a rises, b falls);
    ///   (0,3), (0,4), (1,3), (1,4), (2,4) concordant;
    ///   (2,3) tied in a only;  (3,4) tied in b only.
    /// n_c = 5, n_d = 2, n₁ = 2 (pairs tied in a, both-tied included), n₂ = 2, so
    /// τ_b = (5 − 2) / √((10 − 2)(10 − 2)) = 3/8 exactly. (τ-a would be 3/10; counting the
    /// pair tied in both only once would give 3/√72 = 0.354.) The same in reverse order of the
    /// arguments, and −3/8 against b reversed.
    #[test]
    fn ties_in_both_rankings_by_hand() {
        let a = [1, 1, 3, 3, 5];
        let b = [2, 2, 1, 4, 4];
        assert_eq!(kendall_tau_b(&a, &b), Some(0.375));
        assert_eq!(kendall_tau_b(&b, &a), Some(0.375));
        let reversed: Vec<usize> = b.iter().map(|r| 6 - r).collect();
        assert_eq!(kendall_tau_b(&a, &reversed), Some(-0.375));
        // Every pair tied in one ranking or the other except the concordant ones:
        // a = (1, 1, 2), b = (1, 2, 2): (0,1) tied in a, (1,2) tied in b, (0,2) concordant;
        // τ_b = 1 / √((3 − 1)(3 − 1)) = 1/2.
        assert_eq!(kendall_tau_b(&[1, 1, 2], &[1, 2, 2]), Some(0.5));
    }

    #[test]
    fn undefined_when_everything_ties_or_too_few() {
        assert_eq!(kendall_tau_b(&[1, 1, 1], &[1, 2, 3]), None);
        assert_eq!(kendall_tau_b(&[1], &[1]), None);
        assert_eq!(kendall_tau_b(&[], &[]), None);
    }
}
