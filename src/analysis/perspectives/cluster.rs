//! Profiles with similar rankings placed together: the leaf order of average-linkage
//! (UPGMA) hierarchical clustering.
//!
//! Built by the nearest-neighbour chain (Murtagh 1983), O(p²) time and memory for p profiles:
//! average linkage is reducible, so the chain finds the same tree as merging the closest
//! pair again and again (up to ties). Each merge puts the cluster holding the smaller profile
//! index first, so the order is deterministic and profiles in scenario order stay in that
//! order where nothing says otherwise.

/// The leaf order of average-linkage clustering of `distance` (square, symmetric, 0 on the
/// diagonal; non-finite entries count as 2, the largest distance 1 − τ can take).
pub fn average_linkage_order(distance: &[Vec<f64>]) -> Vec<usize> {
    let n = distance.len();
    let at = |i: usize, j: usize| {
        let d = distance
            .get(i)
            .and_then(|row| row.get(j))
            .copied()
            .unwrap_or(2.0);
        if d.is_finite() { d } else { 2.0 }
    };
    // Cluster slots: a merged cluster takes the slot of its first part.
    let mut d: Vec<Vec<f64>> = (0..n).map(|i| (0..n).map(|j| at(i, j)).collect()).collect();
    let mut leaves: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    let mut active: Vec<bool> = vec![true; n];
    let mut remaining = n;
    let mut chain: Vec<usize> = Vec::new();
    while remaining > 1 {
        if chain.is_empty()
            && let Some(first) = active.iter().position(|&a| a)
        {
            chain.push(first);
        }
        let Some(&a) = chain.last() else { break };
        let previous = chain.len().checked_sub(2).map(|k| chain[k]);
        // The nearest active cluster to `a`; on a tie the previous link of the chain wins
        // (which guarantees the chain ends), then the lower slot.
        let mut best: Option<(f64, usize)> = previous.map(|p| (d[a][p], p));
        for (b, &is_active) in active.iter().enumerate() {
            if is_active && b != a && best.is_none_or(|(bd, _)| d[a][b] < bd) {
                best = Some((d[a][b], b));
            }
        }
        let Some((_, b)) = best else { break };
        if Some(b) == previous {
            chain.truncate(chain.len() - 2);
            let (first, second) = if leaves[a][0] < leaves[b][0] {
                (a, b)
            } else {
                (b, a)
            };
            let (n1, n2) = (leaves[first].len() as f64, leaves[second].len() as f64);
            for k in 0..n {
                if active[k] && k != first && k != second {
                    // Lance–Williams for average linkage: the size-weighted mean distance.
                    let merged = (n1 * d[first][k] + n2 * d[second][k]) / (n1 + n2);
                    d[first][k] = merged;
                    d[k][first] = merged;
                }
            }
            let moved = std::mem::take(&mut leaves[second]);
            leaves[first].extend(moved);
            active[second] = false;
            remaining -= 1;
        } else {
            chain.push(b);
        }
    }
    active
        .iter()
        .position(|&a| a)
        .map(|root| std::mem::take(&mut leaves[root]))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Points on a line at 0, 10, 1, 11: {0, 2} and {1, 3} are the clusters, so the order
    /// keeps each pair together, the pair holding profile 0 first.
    #[test]
    fn near_points_end_up_together() {
        let x = [0.0, 10.0, 1.0, 11.0];
        let d: Vec<Vec<f64>> = x
            .iter()
            .map(|a| x.iter().map(|b| f64::abs(a - b)).collect())
            .collect();
        assert_eq!(average_linkage_order(&d), vec![0, 2, 1, 3]);
    }

    /// a at 0, b at 4, c at 6, d at 9.5 on a line: {b, c} merge first (2 apart), then
    /// d(d, {b,c}) = (5.5 + 3.5)/2 = 4.5 against d(a, {b,c}) = (4 + 6)/2 = 5, so d joins before
    /// a; the last merge puts a's cluster first as it holds index 0. The same line given in
    /// reverse gives the same tree and, each merge putting the lower index first, 0..4 again.
    #[test]
    fn average_linkage_merges_in_order() {
        let x = [0.0, 4.0, 6.0, 9.5];
        let d: Vec<Vec<f64>> = x
            .iter()
            .map(|a| x.iter().map(|b| f64::abs(a - b)).collect())
            .collect();
        assert_eq!(average_linkage_order(&d), vec![0, 1, 2, 3]);
        let y = [9.5, 6.0, 4.0, 0.0];
        let d: Vec<Vec<f64>> = y
            .iter()
            .map(|a| y.iter().map(|b| f64::abs(a - b)).collect())
            .collect();
        assert_eq!(average_linkage_order(&d), vec![0, 1, 2, 3]);
    }

    /// a = 0, b = 3, c = 5, d = 7.9, e = −3.5. b–c merge first (2); then {b,c}–a is
    /// (3 + 5)/2 = 4, {b,c}–d is (4.9 + 2.9)/2 = 3.9 and a–e is 3.5, so a–e merge next (single
    /// linkage would join c–d at 2.9 first, then a–b at 3), then d joins {b, c}. Order: {a, e}
    /// first (it holds index 0), then b, c, d.
    #[test]
    fn two_groups_stay_apart() {
        let x = [0.0, 3.0, 5.0, 7.9, -3.5];
        let d: Vec<Vec<f64>> = x
            .iter()
            .map(|a| x.iter().map(|b| f64::abs(a - b)).collect())
            .collect();
        assert_eq!(average_linkage_order(&d), vec![0, 4, 1, 2, 3]);
    }
    #[test]
    fn degenerate_sizes() {
        assert_eq!(average_linkage_order(&[]), Vec::<usize>::new());
        assert_eq!(average_linkage_order(&[vec![0.0]]), vec![0]);
        let nan = vec![vec![0.0, f64::NAN], vec![f64::NAN, 0.0]];
        assert_eq!(average_linkage_order(&nan), vec![0, 1]);
    }
}
