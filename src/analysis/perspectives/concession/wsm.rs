//! The exact concession under the weighted sum.
//!
//! Under the weighted sum an option's score is v_i · w, with normalised values v that do not
//! depend on the weights. A rival r reaches the top option t at weights w′ when d · w′ ≥ 0,
//! d = v_r − v_t. So the cheapest change for r is the linear programme
//!
//!   minimise Σ_j |w′_j − w_j|  subject to  d · w′ ≥ 0,  w′ ≥ 0,  Σ_j w′_j = 1
//!
//! (w′_j = w_j = 0 for criteria that cannot take weight), and the answer is the best rival.
//!
//! **The greedy solves it exactly.** Write Δ = w′ − w. As ΣΔ = 0, the mass added equals the mass
//! removed; call it s, so the cost is 2s. The gain d · Δ is at most s · d_max (everything added
//! goes to the criterion with the largest d, j*) minus Σ_j δ_j d_j, where δ_j ≤ w_j is what is
//! taken from criterion j and Σ δ_j = s. For a given s, making Σ δ_j d_j smallest under
//! 0 ≤ δ_j ≤ w_j, Σ δ_j = s is a fractional knapsack, solved by taking from the criteria in
//! increasing order of d_j, each up to its whole weight. So the largest gain reachable with
//! mass s, g(s), is what the greedy achieves: it is continuous and increasing while the slope
//! d_max − d_j of the criterion being emptied is above 0. The smallest s with g(s) ≥ −d · w is
//! therefore found by walking the greedy until the deficit is covered, dividing exactly in
//! the last criterion. When even moving everything to j* leaves d · w′ = d_max < 0 (the rival
//! is worse on every open criterion), no weights work.
//!
//! The best rival's point has the rival at the top, not merely above t: were a third option s
//! strictly above both there, it would have passed t earlier on the segment from w, at a
//! smaller change (the change grows linearly along the segment), and would be the best rival.

use super::{Reach, change_pp};

/// The cheapest rival of `top` given the normalised matrix `v[option][criterion]` and the
/// weights `w`; `open[j]` says whether criterion j may take weight. Ties in cost go to the
/// rival first in option order.
pub fn cheapest_rival(v: &[Vec<f64>], w: &[f64], top: usize, open: &[bool]) -> Option<Reach> {
    let mut best: Option<Reach> = None;
    for rival in (0..v.len()).filter(|&r| r != top) {
        let d: Vec<f64> = v[rival].iter().zip(&v[top]).map(|(a, b)| a - b).collect();
        let Some(weights) = cheapest_weights(&d, w, open) else {
            continue;
        };
        let change = change_pp(&weights, w);
        if best.as_ref().is_none_or(|b| change < b.change_pp) {
            best = Some(Reach {
                rival,
                change_pp: change,
                weights,
            });
        }
    }
    best
}

/// The weights nearest `w` (L1) on the simplex with `d · w′ ≥ 0`, by the greedy above; `None`
/// when no open criterion has `d_j ≥ 0`.
pub fn cheapest_weights(d: &[f64], w: &[f64], open: &[bool]) -> Option<Vec<f64>> {
    let value: f64 = d.iter().zip(w).map(|(a, b)| a * b).sum();
    let mut deficit = -value;
    if deficit <= 0.0 {
        return Some(w.to_vec());
    }
    // j*: the open criterion with the largest d (the first on a tie).
    let (receiver, d_max) = d
        .iter()
        .enumerate()
        .filter(|&(j, _)| open.get(j).copied().unwrap_or(false))
        .fold(None, |best: Option<(usize, f64)>, (j, &x)| match best {
            Some((_, b)) if b >= x => best,
            _ => Some((j, x)),
        })?;
    if d_max < 0.0 {
        return None;
    }
    let mut donors: Vec<usize> = (0..w.len())
        .filter(|&j| j != receiver && w[j] > 0.0)
        .collect();
    donors.sort_by(|&a, &b| d[a].total_cmp(&d[b]).then(a.cmp(&b)));
    let mut out = w.to_vec();
    for j in donors {
        let slope = d_max - d[j];
        if slope <= 0.0 {
            break;
        }
        let take = (deficit / slope).min(w[j]);
        out[j] -= take;
        out[receiver] += take;
        deficit -= take * slope;
        if take < w[j] {
            // The deficit is covered inside this criterion.
            deficit = 0.0;
            break;
        }
    }
    // Rounding may leave a sliver (relative to the values) when the last criterion was
    // emptied exactly; anything more means the rival cannot get there.
    let scale = d.iter().fold(0.0f64, |m, x| m.max(x.abs())).max(1e-300);
    (deficit <= 1e-12 * scale).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// By hand: d = (−0.3, 0.1, 0.5), w = (0.5, 0.3, 0.2): d · w = −0.15 + 0.03 + 0.10 = −0.02.
    /// Moving mass from criterion 0 (d = −0.3) to criterion 2 (d = 0.5) gains 0.8 a unit, so
    /// 0.02 / 0.8 = 0.025 moves: w′ = (0.475, 0.3, 0.225), a change of 2 × 2.5 = 5 points.
    #[test]
    fn one_transfer_by_hand() {
        let w = cheapest_weights(&[-0.3, 0.1, 0.5], &[0.5, 0.3, 0.2], &[true; 3]);
        let w = w.unwrap_or_default();
        assert!((w[0] - 0.475).abs() < 1e-12 && (w[2] - 0.225).abs() < 1e-12);
        assert!((change_pp(&w, &[0.5, 0.3, 0.2]) - 5.0).abs() < 1e-9);
    }

    /// The first donor is emptied and the second pays the rest: d = (−1, −0.5, 1),
    /// w = (0.1, 0.6, 0.3): d · w = −0.1 − 0.3 + 0.3 = −0.1. Emptying criterion 0 gains
    /// 0.1 × 2 = 0.2 > 0.1, so only 0.05 moves from it. With w = (0.02, 0.68, 0.3):
    /// d · w = −0.02 − 0.34 + 0.3 = −0.06; emptying criterion 0 gains 0.04, the remaining 0.02
    /// comes from criterion 1 at 1.5 a unit: 0.013333; total moved 0.033333, 6.6667 points.
    #[test]
    fn donors_in_order_of_d() {
        let w =
            cheapest_weights(&[-1.0, -0.5, 1.0], &[0.1, 0.6, 0.3], &[true; 3]).unwrap_or_default();
        assert!((w[0] - 0.05).abs() < 1e-12);
        let start = [0.02, 0.68, 0.3];
        let w = cheapest_weights(&[-1.0, -0.5, 1.0], &start, &[true; 3]).unwrap_or_default();
        assert!(w[0].abs() < 1e-12);
        assert!((w[1] - (0.68 - 0.02 / 1.5)).abs() < 1e-12);
        assert!((change_pp(&w, &start) - 200.0 * (0.02 + 0.02 / 1.5)).abs() < 1e-9);
    }

    #[test]
    fn a_rival_worse_everywhere_never_reaches() {
        assert_eq!(
            cheapest_weights(&[-0.1, -0.2], &[0.5, 0.5], &[true; 2]),
            None
        );
        // Better only on a criterion that cannot take weight.
        assert_eq!(
            cheapest_weights(&[-0.1, 0.2], &[1.0, 0.0], &[true, false]),
            None
        );
    }
}
