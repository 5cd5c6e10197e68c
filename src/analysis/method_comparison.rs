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
///
/// Computed in O(n log n) by Knight's method (Knight 1966): sort by the first ranking (ties by
/// the second), then count the swaps a stable merge sort by the second ranking makes; each
/// swap is one discordant pair.
pub fn kendall_tau_b(a: &[usize], b: &[usize]) -> Option<f64> {
    let n = a.len().min(b.len());
    let pairs_in = |t: i64| t * (t - 1) / 2;
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_unstable_by_key(|&i| (a[i], b[i]));
    // Pairs tied in `a`, and tied in both.
    let (mut tied_a, mut tied_both) = (0i64, 0i64);
    let mut run_a = 1i64;
    let mut run_both = 1i64;
    for w in order.windows(2) {
        let (i, j) = (w[0], w[1]);
        if a[i] == a[j] {
            run_a += 1;
            if b[i] == b[j] {
                run_both += 1;
            } else {
                tied_both += pairs_in(run_both);
                run_both = 1;
            }
        } else {
            tied_a += pairs_in(run_a);
            tied_both += pairs_in(run_both);
            run_a = 1;
            run_both = 1;
        }
    }
    tied_a += pairs_in(run_a);
    tied_both += pairs_in(run_both);
    let mut keys: Vec<usize> = order.iter().map(|&i| b[i]).collect();
    let swaps = merge_sort_swaps(&mut keys);
    // `keys` is now sorted: pairs tied in `b`.
    let mut tied_b = 0i64;
    let mut run_b = 1i64;
    for w in keys.windows(2) {
        if w[0] == w[1] {
            run_b += 1;
        } else {
            tied_b += pairs_in(run_b);
            run_b = 1;
        }
    }
    tied_b += pairs_in(run_b);
    let pairs = pairs_in(n as i64);
    // n_c − n_d = n₀ − n₁ − n₂ + n₃ − 2·n_d, n₃ the pairs tied in both.
    let numerator = pairs - tied_a - tied_b + tied_both - 2 * swaps;
    let denominator = ((pairs - tied_a) as f64 * (pairs - tied_b) as f64).sqrt();
    (denominator > 0.0).then(|| numerator as f64 / denominator)
}

/// Sorts `keys` by a stable merge sort and returns how many pairs were out of order (strictly
/// greater before smaller): the number of inversions.
fn merge_sort_swaps(keys: &mut [usize]) -> i64 {
    let n = keys.len();
    let mut buffer = keys.to_vec();
    let mut swaps = 0i64;
    let mut width = 1;
    while width < n {
        let mut start = 0;
        while start < n {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut i, mut j, mut k) = (start, mid, start);
            while i < mid && j < end {
                if keys[j] < keys[i] {
                    buffer[k] = keys[j];
                    swaps += (mid - i) as i64;
                    j += 1;
                } else {
                    buffer[k] = keys[i];
                    i += 1;
                }
                k += 1;
            }
            buffer[k..k + (mid - i)].copy_from_slice(&keys[i..mid]);
            k += mid - i;
            buffer[k..k + (end - j)].copy_from_slice(&keys[j..end]);
            start = end;
        }
        keys.copy_from_slice(&buffer);
        width *= 2;
    }
    swaps
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

    /// τ-b by its definition, every pair counted (the quadratic reference).
    fn tau_by_pairs(a: &[usize], b: &[usize]) -> Option<f64> {
        let n = a.len();
        let (mut nc, mut nd, mut ta, mut tb) = (0i64, 0i64, 0i64, 0i64);
        for i in 0..n {
            for j in i + 1..n {
                let (x, y) = (a[i].cmp(&a[j]), b[i].cmp(&b[j]));
                use std::cmp::Ordering::Equal;
                ta += i64::from(x == Equal);
                tb += i64::from(y == Equal);
                if x != Equal && y != Equal {
                    if x == y { nc += 1 } else { nd += 1 }
                }
            }
        }
        let n0 = (n as i64) * (n as i64 - 1) / 2;
        let d = ((n0 - ta) as f64 * (n0 - tb) as f64).sqrt();
        (d > 0.0).then(|| (nc - nd) as f64 / d)
    }

    /// The O(n log n) count agrees with counting every pair, on rankings with and without
    /// ties, of every size from 0 to 60.
    #[test]
    fn tau_b_agrees_with_counting_every_pair() {
        let mut seed = 12345u64;
        let mut next = |m: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 33) as usize) % m
        };
        for n in 0..60 {
            for spread in [1, 2, 3, n.max(1), 4 * n + 1] {
                let a: Vec<usize> = (0..n).map(|_| next(spread)).collect();
                let b: Vec<usize> = (0..n).map(|_| next(spread)).collect();
                let (fast, slow) = (kendall_tau_b(&a, &b), tau_by_pairs(&a, &b));
                match (fast, slow) {
                    (Some(x), Some(y)) => assert!((x - y).abs() < 1e-12, "{a:?} {b:?}"),
                    _ => assert_eq!(fast, slow, "{a:?} {b:?}"),
                }
            }
        }
    }

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
