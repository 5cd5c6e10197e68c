//! How alike the profiles' rankings are: Kendall's τ-b between every pair, and the distance
//! 1 − τ the clustering uses.

use crate::analysis::method_comparison::kendall_tau_b;

/// `tau[p][q]`: Kendall's τ-b between `ranks[p]` and `ranks[q]` (see [`kendall_tau_b`]: ties
/// in either ranking are allowed); `None` where undefined. Symmetric, computed once a pair.
pub fn tau_matrix(ranks: &[Vec<usize>]) -> Vec<Vec<Option<f64>>> {
    let n = ranks.len();
    let mut tau = vec![vec![None; n]; n];
    for p in 0..n {
        for q in p..n {
            let t = kendall_tau_b(&ranks[p], &ranks[q]);
            tau[p][q] = t;
            tau[q][p] = t;
        }
    }
    tau
}

/// `d[p][q] = 1 − τ_b` in 0..=2: 0 for rankings that agree on every pair, 2 for reversed ones.
/// Identical rankings are 0 apart even where τ is undefined (both tie every option); an
/// undefined τ otherwise counts as 0 (no association), a distance of 1.
pub fn distances(ranks: &[Vec<usize>], tau: &[Vec<Option<f64>>]) -> Vec<Vec<f64>> {
    let n = ranks.len();
    (0..n)
        .map(|p| {
            (0..n)
                .map(|q| {
                    if ranks[p] == ranks[q] {
                        0.0
                    } else {
                        1.0 - tau[p][q].unwrap_or(0.0)
                    }
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Three rankings of four options, worked out pair by pair (6 pairs each):
    /// a = (1, 2, 3, 4), b = (2, 1, 3, 4) swaps the first two: 5 concordant, 1 discordant, no
    /// ties, τ = (5 − 1)/6 = 2/3.
    /// a against c = (1, 1, 3, 4): the pair (0,1) is tied in c only (n₂ = 1); the other 5 are
    /// concordant: τ_b = 5 / √(6 · 5) = 0.912871.
    /// b against c: (0,1) tied in c; (0,2), (0,3), (1,2), (1,3), (2,3) concordant (5), so also
    /// 5 / √30.
    #[test]
    fn tau_matrix_by_hand() {
        let ranks = vec![vec![1, 2, 3, 4], vec![2, 1, 3, 4], vec![1, 1, 3, 4]];
        let t = tau_matrix(&ranks);
        let close = |x: Option<f64>, y: f64| x.is_some_and(|x| (x - y).abs() < 1e-12);
        assert!(close(t[0][0], 1.0));
        assert!(close(t[0][1], 2.0 / 3.0));
        assert!(close(t[1][0], 2.0 / 3.0));
        assert!(close(t[0][2], 5.0 / 30f64.sqrt()));
        assert!(close(t[1][2], 5.0 / 30f64.sqrt()));
        // c against itself: n₁ = n₂ = 1, n_c = 5: 5 / √(5 · 5) = 1.
        assert!(close(t[2][2], 1.0));
        let d = distances(&ranks, &t);
        assert!((d[0][1] - 1.0 / 3.0).abs() < 1e-12);
        assert_eq!(d[2][2], 0.0);
    }

    #[test]
    fn all_tied_rankings_are_zero_apart_from_each_other_and_one_from_the_rest() {
        let ranks = vec![vec![1, 1, 1], vec![1, 1, 1], vec![1, 2, 3]];
        let t = tau_matrix(&ranks);
        assert_eq!(t[0][1], None);
        let d = distances(&ranks, &t);
        assert_eq!(d[0][1], 0.0);
        assert_eq!(d[0][2], 1.0);
    }
}
