//! Weights: the effective criterion weights of the two-level value tree (family weight ×
//! criterion weight within the family), share editing that keeps a level summing to 1, and
//! percentages that add up to exactly 100.

use std::collections::HashMap;

pub use crate::scenario::model::WeightMap;
use crate::scenario::model::{Scenario, WeightProfile};

/// Effective weight of each criterion (in `scenario.criteria` order), summing to 1.
///
/// A family's weight is shared among its criteria in proportion to their weights. An empty
/// family map weighs every family alike; an empty criterion map weighs criteria alike within
/// their family; an id missing from a non-empty map weighs 0. A family whose criteria all weigh
/// 0, or that has no criteria, drops out and the other families share its weight. When every
/// weight is 0 the result is all zeros (validation refuses such a profile).
pub fn effective_weights(scenario: &Scenario, profile: &WeightProfile) -> Vec<f64> {
    let criterion_raw = raw_weights(
        &profile.criterion_weights,
        scenario.criteria.iter().map(|c| c.id.as_str()),
    );
    let family_raw = raw_weights(
        &profile.family_weights,
        scenario.families.iter().map(|f| f.id.as_str()),
    );
    let inner = family_totals(scenario, &criterion_raw);
    let family_w: HashMap<&str, f64> = scenario
        .families
        .iter()
        .zip(family_raw)
        .map(|(f, w)| (f.id.as_str(), w))
        .collect();
    let weights = scenario
        .criteria
        .iter()
        .zip(&criterion_raw)
        .map(|(c, &w)| {
            let total = inner.get(c.family.as_str()).copied().unwrap_or((0.0, 1.0));
            let fw = family_w.get(c.family.as_str()).copied().unwrap_or(0.0);
            if total.0 > 0.0 {
                fw * share_of(w, total)
            } else {
                0.0
            }
        })
        .collect();
    normalized(weights)
}

/// `part`'s share of a total given as `(sum, scale)` by [`scaled_sum`].
fn share_of(part: f64, (sum, scale): (f64, f64)) -> f64 {
    part / scale / sum
}

/// The sum of non-negative finite weights without overflow: when the plain sum overflows,
/// everything is scaled by the largest first. Returns `(sum, scale)` with the true sum equal
/// to `sum × scale`.
fn scaled_sum(weights: impl Iterator<Item = f64> + Clone) -> (f64, f64) {
    let plain: f64 = weights.clone().sum();
    if plain.is_finite() {
        return (plain, 1.0);
    }
    let largest = weights.clone().fold(0.0, f64::max);
    (weights.map(|w| w / largest).sum(), largest)
}

/// The sum of each family's criterion weights, by family id, as `(sum, scale)` ([`scaled_sum`]).
fn family_totals<'a>(
    scenario: &'a Scenario,
    criterion_raw: &[f64],
) -> HashMap<&'a str, (f64, f64)> {
    let mut members: HashMap<&str, Vec<f64>> = HashMap::new();
    for (c, &w) in scenario.criteria.iter().zip(criterion_raw) {
        members.entry(c.family.as_str()).or_default().push(w);
    }
    members
        .into_iter()
        .map(|(f, ws)| (f, scaled_sum(ws.iter().copied())))
        .collect()
}

/// `weights` scaled to sum 1; all zeros stay zeros. Negative or non-finite entries count as 0.
/// Weights whose sum overflows (each finite, together above `f64::MAX`) are scaled down first,
/// so they keep their proportions instead of all becoming 0.
pub fn normalized(mut weights: Vec<f64>) -> Vec<f64> {
    for w in &mut weights {
        if !w.is_finite() || *w < 0.0 {
            *w = 0.0;
        }
    }
    let total = scaled_sum(weights.iter().copied());
    if total.0 > 0.0 {
        for w in &mut weights {
            *w = share_of(*w, total);
        }
    }
    weights
}

/// Splits `total` whole units among items in proportion to `shares` by the largest-remainder
/// (Hamilton) method: each item gets the whole part of its quota `share × total`, and the units
/// left over go one each to the largest fractional parts (ties to the earlier item). The result
/// sums to exactly `total` and each item is within one unit of its quota, so percentages shown
/// with `total = 100` (or 1000 for tenths) add up to 100. Shares need not sum to 1: they are
/// normalised first; when they are all zero (or negative, or not finite) every item gets 0.
pub fn largest_remainder(shares: &[f64], total: u32) -> Vec<u32> {
    let shares = normalized(shares.to_vec());
    if shares.iter().all(|&s| s <= 0.0) {
        return vec![0; shares.len()];
    }
    let quotas: Vec<f64> = shares
        .iter()
        .map(|&s| {
            let q = s * f64::from(total);
            // A quota a rounding error away from a whole number is that number (0.15 × 100).
            if (q - q.round()).abs() < 1e-9 {
                q.round()
            } else {
                q
            }
        })
        .collect();
    let mut units: Vec<u32> = quotas.iter().map(|q| q.floor() as u32).collect();
    let given: u32 = units.iter().sum();
    let mut by_remainder: Vec<usize> = (0..quotas.len()).collect();
    // Fractional parts to nine places, so that equal ones (⅔ of 100 and ⅙ of 100 both leave
    // .666…) tie exactly rather than by floating-point noise.
    let remainder = |i: usize| ((quotas[i] - quotas[i].floor()) * 1e9).round() as u64;
    by_remainder.sort_by(|&a, &b| remainder(b).cmp(&remainder(a)).then(a.cmp(&b)));
    for &i in by_remainder
        .iter()
        .cycle()
        .take(total.saturating_sub(given) as usize)
    {
        units[i] += 1;
    }
    units
}

/// `shares` as percentages with `decimals` decimals (0 or 1) that add up to exactly 100:
/// [`largest_remainder`] in units of 1 % or 0.1 %.
pub fn rounded_percents(shares: &[f64], decimals: u8) -> Vec<f64> {
    let scale = 10_u32.pow(u32::from(decimals.min(3)));
    largest_remainder(shares, 100 * scale)
        .into_iter()
        .map(|u| f64::from(u) / f64::from(scale))
        .collect()
}

/// Sets item `k`'s share of `values` to `share` (0..=1) and rescales the others in proportion,
/// so the shares still sum to 1; returns the new shares. When the others are all zero, the rest
/// is split among them equally.
pub fn set_share(values: &[f64], k: usize, share: f64) -> Vec<f64> {
    set_share_locked(values, k, share, &[])
}

/// Like [`set_share`], but items whose `locked` flag is set keep their share: item `k` can take
/// at most what the locked items leave, and only the unlocked others rescale.
pub fn set_share_locked(values: &[f64], k: usize, share: f64, locked: &[bool]) -> Vec<f64> {
    let mut shares = normalized(values.to_vec());
    if k >= shares.len() {
        return shares;
    }
    let is_locked = |i: usize| i != k && locked.get(i).copied().unwrap_or(false);
    let fixed: f64 = (0..shares.len())
        .filter(|&i| is_locked(i))
        .map(|i| shares[i])
        .sum();
    let free: Vec<usize> = (0..shares.len())
        .filter(|&i| i != k && !is_locked(i))
        .collect();
    let pool = (1.0 - fixed).max(0.0);
    let share = if share.is_finite() {
        share.clamp(0.0, pool)
    } else {
        0.0
    };
    if free.is_empty() {
        // Nothing can absorb the change: the item keeps all that the locked ones leave.
        shares[k] = pool;
        return shares;
    }
    let others: f64 = free.iter().map(|&i| shares[i]).sum();
    let rest = pool - share;
    for &i in &free {
        shares[i] = if others > 0.0 {
            shares[i] * rest / others
        } else {
            rest / free.len() as f64
        };
    }
    shares[k] = share;
    shares
}

/// The share (0..=1) of each family in `profile`, in `scenario.families` order.
pub fn family_shares(scenario: &Scenario, profile: &WeightProfile) -> Vec<f64> {
    normalized(raw_weights(
        &profile.family_weights,
        scenario.families.iter().map(|f| f.id.as_str()),
    ))
}

/// The share (0..=1) of each criterion within its family, in `scenario.criteria` order.
pub fn criterion_shares(scenario: &Scenario, profile: &WeightProfile) -> Vec<f64> {
    let raw = raw_weights(
        &profile.criterion_weights,
        scenario.criteria.iter().map(|c| c.id.as_str()),
    );
    let totals = family_totals(scenario, &raw);
    scenario
        .criteria
        .iter()
        .zip(&raw)
        .map(|(c, &w)| {
            let total = totals.get(c.family.as_str()).copied().unwrap_or((0.0, 1.0));
            if total.0 > 0.0 {
                share_of(w, total)
            } else {
                0.0
            }
        })
        .collect()
}

/// Sets family `k`'s share to `share`, rescaling the other families; the map is written out in
/// full (shares summing to 1).
pub fn set_family_share(
    scenario: &Scenario,
    profile: &mut WeightProfile,
    k: usize,
    share: f64,
    locked: &[bool],
) {
    let shares = set_share_locked(&family_shares(scenario, profile), k, share, locked);
    profile.family_weights = scenario
        .families
        .iter()
        .map(|f| f.id.clone())
        .zip(shares)
        .collect();
}

/// Sets criterion `k`'s share within its family to `share`, rescaling its siblings; the map is
/// written out in full (shares within each family summing to 1).
pub fn set_criterion_share(
    scenario: &Scenario,
    profile: &mut WeightProfile,
    k: usize,
    share: f64,
    locked: &[bool],
) {
    let Some(family) = scenario.criteria.get(k).map(|c| c.family.clone()) else {
        return;
    };
    let mut shares = criterion_shares(scenario, profile);
    let members: Vec<usize> = (0..scenario.criteria.len())
        .filter(|&i| scenario.criteria[i].family == family)
        .collect();
    let local: Vec<f64> = members.iter().map(|&i| shares[i]).collect();
    let local_locked: Vec<bool> = members
        .iter()
        .map(|&i| locked.get(i).copied().unwrap_or(false))
        .collect();
    let pos = members.iter().position(|&i| i == k).unwrap_or(0);
    for (&i, w) in members
        .iter()
        .zip(set_share_locked(&local, pos, share, &local_locked))
    {
        shares[i] = w;
    }
    profile.criterion_weights = scenario
        .criteria
        .iter()
        .map(|c| c.id.clone())
        .zip(shares)
        .collect();
}

/// The raw weight of each id: 1 for all when the map is empty, else the map's entry (the last
/// when written twice) or 0. One pass over the map, one lookup per id.
fn raw_weights<'a>(map: &WeightMap, ids: impl Iterator<Item = &'a str>) -> Vec<f64> {
    if map.is_empty() {
        return ids.map(|_| 1.0).collect();
    }
    let lookup: HashMap<&str, f64> = map.iter().collect();
    ids.map(|id| lookup.get(id).copied().unwrap_or(0.0))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalized_sums_to_one_and_keeps_zeros() {
        let w = normalized(vec![2.0, 0.0, 6.0]);
        assert_eq!(w, vec![0.25, 0.0, 0.75]);
        assert_eq!(normalized(vec![0.0, 0.0]), vec![0.0, 0.0]);
    }

    #[test]
    fn set_share_rescales_the_others_in_proportion() {
        // 20/30/50 → first set to 60%: the other two keep their 3:5 ratio in the remaining 40%.
        let w = set_share(&[2.0, 3.0, 5.0], 0, 0.6);
        let expected = [0.6, 0.4 * 3.0 / 8.0, 0.4 * 5.0 / 8.0];
        for (a, b) in w.iter().zip(expected) {
            assert!((a - b).abs() < 1e-12, "{w:?}");
        }
        // Others all zero: the rest is split equally.
        assert_eq!(set_share(&[1.0, 0.0, 0.0], 0, 0.5), vec![0.5, 0.25, 0.25]);
        assert_eq!(set_share(&[4.0], 0, 0.3), vec![1.0]);
    }

    #[test]
    fn a_locked_share_stays_put() {
        // 20/30/50, the 50 locked: setting the first to 40% leaves 10% for the second.
        let w = set_share_locked(&[2.0, 3.0, 5.0], 0, 0.4, &[false, false, true]);
        let expected = [0.4, 0.1, 0.5];
        for (a, b) in w.iter().zip(expected) {
            assert!((a - b).abs() < 1e-12, "{w:?}");
        }
        // It cannot take more than the locks leave.
        let w = set_share_locked(&[2.0, 3.0, 5.0], 0, 0.9, &[false, false, true]);
        assert!((w[0] - 0.5).abs() < 1e-12 && w[1].abs() < 1e-12, "{w:?}");
        // With every other item locked, nothing moves.
        let w = set_share_locked(&[2.0, 3.0, 5.0], 0, 0.9, &[false, true, true]);
        assert!((w[0] - 0.2).abs() < 1e-12, "{w:?}");
    }

    /// A tiny deterministic generator (64-bit LCG, Knuth's MMIX constants) for random shares.
    fn lcg(seed: &mut u64) -> f64 {
        *seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (*seed >> 11) as f64 / (1u64 << 53) as f64
    }

    #[test]
    fn largest_remainder_matches_the_published_hare_example() {
        // Wikipedia, "Largest remainders method", worked example with the Hare quota:
        // 100,000 votes, 10 seats → Yellows 5, Whites 2, Reds 1, Greens 1, Blues 1, Pinks 0.
        let votes = [47_000.0, 16_000.0, 15_800.0, 12_000.0, 6_100.0, 3_100.0];
        assert_eq!(largest_remainder(&votes, 10), vec![5, 2, 1, 1, 1, 0]);
    }

    #[test]
    fn largest_remainder_hand_cases() {
        // Thirds: 33.3… each, one unit left, to the first.
        assert_eq!(largest_remainder(&[1.0, 1.0, 1.0], 100), vec![34, 33, 33]);
        // Eighths: 12.5 each, four units left, to the first four.
        assert_eq!(
            largest_remainder(&[1.0; 8], 100),
            vec![13, 13, 13, 13, 12, 12, 12, 12]
        );
        // 0.15 × 100 is 15.000000000000002 in floating point: still exactly 15.
        assert_eq!(largest_remainder(&[0.15, 0.15, 0.7], 100), vec![15, 15, 70]);
        // Naive rounding of 2/3 and 1/6 + 1/6 gives 67 + 17 + 17 = 101.
        assert_eq!(largest_remainder(&[4.0, 1.0, 1.0], 100), vec![67, 17, 16]);
        assert_eq!(rounded_percents(&[1.0, 2.0], 1), vec![33.3, 66.7]);
        assert_eq!(largest_remainder(&[0.0, 0.0], 100), vec![0, 0]);
        assert_eq!(largest_remainder(&[], 100), Vec::<u32>::new());
        assert_eq!(largest_remainder(&[f64::NAN, 1.0], 100), vec![0, 100]);
    }

    #[test]
    fn largest_remainder_always_sums_to_the_total_within_one_of_each_quota() {
        let mut seed = 2019;
        for round in 0..5000 {
            let n = 1 + round % 13;
            let mut shares: Vec<f64> = (0..n).map(|_| lcg(&mut seed)).collect();
            // Some exact zeros and ties, as profiles have.
            if round % 5 == 0 && n > 1 {
                shares[0] = 0.0;
            }
            if round % 7 == 0 && n > 1 {
                shares[1] = shares[n - 1];
            }
            let total: f64 = shares.iter().sum();
            for (units, scale) in [(100, 1.0), (1000, 10.0)] {
                let got = largest_remainder(&shares, units);
                assert_eq!(got.iter().sum::<u32>(), units, "{shares:?}");
                for (g, s) in got.iter().zip(&shares) {
                    let exact = s / total * 100.0 * scale;
                    assert!(
                        (f64::from(*g) - exact).abs() < 1.0,
                        "{g} vs {exact}: {shares:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn largest_remainder_is_as_close_as_any_split_by_brute_force() {
        // Hamilton's method minimises the total absolute error Σ|aᵢ − qᵢ| over all whole splits
        // of the total: check against every split of 10 units among 3 items.
        let mut seed = 7;
        for _ in 0..300 {
            let shares: Vec<f64> = (0..3).map(|_| lcg(&mut seed)).collect();
            let sum: f64 = shares.iter().sum();
            let quotas: Vec<f64> = shares.iter().map(|s| s / sum * 10.0).collect();
            let error = |a: &[u32]| -> f64 {
                a.iter()
                    .zip(&quotas)
                    .map(|(&x, q)| (f64::from(x) - q).abs())
                    .sum()
            };
            let best = (0..=10u32)
                .flat_map(|a| (0..=10 - a).map(move |b| [a, b, 10 - a - b]))
                .map(|split| error(&split))
                .fold(f64::INFINITY, f64::min);
            let got = largest_remainder(&shares, 10);
            assert!(error(&got) <= best + 1e-9, "{got:?} for {quotas:?}");
        }
    }

    #[test]
    fn weight_map_keeps_order_and_last_duplicate_wins_on_get() {
        let mut m = WeightMap(vec![
            ("a".into(), 1.0),
            ("b".into(), 2.0),
            ("a".into(), 3.0),
        ]);
        assert_eq!(m.get("a"), Some(3.0));
        m.set("c", 4.0);
        assert_eq!(m.0.last(), Some(&("c".to_string(), 4.0)));
    }
}
