//! PROMETHEE II (Brans & Vincke 1985; Brans & Mareschal 2005): net outranking flows.
//!
//! For criterion `j` and options `a`, `b`, the difference `d = g_j(a) − g_j(b)` (reversed for a
//! cost) goes through the criterion's preference function `P_j(d)` in 0..1, with thresholds in
//! the criterion's own units; `π(a, b) = Σ_j w_j P_j(a, b)`. Over `n` options, the leaving flow
//! is `φ⁺(a) = Σ_b π(a, b) / (n − 1)`, the entering flow `φ⁻(a) = Σ_b π(b, a) / (n − 1)`, and
//! the net flow `φ = φ⁺ − φ⁻`, in −1..1, sums to 0 over the options.
//!
//! The net flow splits by criterion: `φ(a) = Σ_j w_j φ_j(a)` with the single-criterion flow
//! `φ_j(a) = Σ_b (P_j(a, b) − P_j(b, a)) / (n − 1)`; those `w_j φ_j` are the contributions.
//!
//! The pairwise sums are not done pair by pair: for the five piecewise-linear functions each
//! criterion's column is sorted once and each option's sums over the others come from prefix
//! sums and four pointers that sweep the sorted column, `O(n log n)` a criterion instead of
//! `O(n²)`. Only the Gaussian function loops over pairs, so a problem needing more than
//! [`MAX_GAUSSIAN_COMPARISONS`] is refused. A plain pair loop is kept under `#[cfg(test)]` and
//! the fast one is checked against it on random data with ties.

use super::{Prepared, ScoreError, nearly_equal};
use crate::scenario::model::{Direction, Normalization, Outranking, PreferenceFunction};

/// A criterion's preference function with its thresholds filled in (absent ones as 0).
#[derive(Clone, Copy, Debug, PartialEq)]
enum Pref {
    Usual,
    UShape {
        q: f64,
    },
    Level {
        q: f64,
        p: f64,
    },
    /// Linear with indifference `q` and preference `p`, `p > q`; V-shape is `q = 0`.
    Linear {
        q: f64,
        p: f64,
    },
    Gaussian {
        s: f64,
    },
}

impl Pref {
    fn of(o: Option<&Outranking>) -> Pref {
        let Some(o) = o else { return Pref::Usual };
        let q = o.q.unwrap_or(0.0).max(0.0);
        let p = o.p.unwrap_or(0.0).max(0.0);
        let s = o.s.unwrap_or(0.0).max(0.0);
        // Zero thresholds reduce each function to a simpler one, so no division by zero.
        match o.function {
            PreferenceFunction::Usual => Pref::Usual,
            PreferenceFunction::UShape => Pref::UShape { q },
            PreferenceFunction::VShape if p > 0.0 => Pref::Linear { q: 0.0, p },
            PreferenceFunction::VShape => Pref::Usual,
            PreferenceFunction::Level => Pref::Level { q, p: p.max(q) },
            PreferenceFunction::Linear if p > q => Pref::Linear { q, p },
            PreferenceFunction::Linear => Pref::UShape { q },
            PreferenceFunction::Gaussian if s > 0.0 => Pref::Gaussian { s },
            PreferenceFunction::Gaussian => Pref::Usual,
        }
    }

    /// `P(d)`: the preference for an advantage of `d` (≤ 0 means none).
    fn at(self, d: f64) -> f64 {
        if d <= 0.0 {
            return 0.0;
        }
        match self {
            Pref::Usual => 1.0,
            Pref::UShape { q } => f64::from(u8::from(d > q)),
            Pref::Level { q, p } => {
                if d > p {
                    1.0
                } else if d > q {
                    0.5
                } else {
                    0.0
                }
            }
            Pref::Linear { q, p } => {
                if d > p {
                    1.0
                } else if d > q {
                    (d - q) / (p - q)
                } else {
                    0.0
                }
            }
            Pref::Gaussian { s } => 1.0 - (-(d * d) / (2.0 * s * s)).exp(),
        }
    }
}

/// `P(d)` for a criterion's outranking parameters (`None` is the usual criterion): the
/// preference for an advantage of `d` in the criterion's units, already oriented so that a
/// positive `d` is better.
pub fn preference(outranking: Option<&Outranking>, d: f64) -> f64 {
    Pref::of(outranking).at(d)
}

/// Reusable buffers for the sums, kept by [`Prepared`], so scoring allocates nothing.
#[derive(Default)]
pub(super) struct Scratch {
    /// One criterion's values oriented more-is-better, in ascending order, centred.
    ys: Vec<f64>,
    /// `prefix[k]` = sum of the first `k` of `ys`.
    prefix: Vec<f64>,
    /// For the Gaussian function: the values, oriented, and the leaving and entering sums.
    y: Vec<f64>,
    leaving: Vec<f64>,
    entering: Vec<f64>,
}

impl Scratch {
    /// Fills `ys` and `prefix` from values already in ascending order, centred on the middle
    /// one so that the prefix sums of a column far from 0 keep their precision.
    fn fill(&mut self, ascending: impl Iterator<Item = f64> + Clone, n: usize) {
        let centre = ascending.clone().nth(n / 2).unwrap_or(0.0);
        self.ys.clear();
        self.prefix.clear();
        self.prefix.push(0.0);
        let mut acc = 0.0;
        for y in ascending {
            let c = y - centre;
            self.ys.push(c);
            acc += c;
            self.prefix.push(acc);
        }
    }
}

/// For one criterion with values `y` oriented more-is-better: for each option `a`, the sums
/// `Σ_b P(y_a − y_b)` (leaving) and `Σ_b P(y_b − y_a)` (entering), the option itself included
/// (it adds `P(0) = 0`). Overwrites `leaving` and `entering`. Sorts `y`; [`flows`] takes the
/// order a [`Prepared`] problem keeps instead.
#[cfg(test)]
fn criterion_sums(
    y: &[f64],
    pref: Pref,
    leaving: &mut [f64],
    entering: &mut [f64],
    scratch: &mut Scratch,
) {
    if let Pref::Gaussian { .. } = pref {
        return pair_sums(y, pref, leaving, entering);
    }
    let mut order: Vec<usize> = (0..y.len()).collect();
    order.sort_unstable_by(|&a, &b| y[a].total_cmp(&y[b]));
    scratch.fill(order.iter().map(|&a| y[a]), y.len());
    sweep(pref, &scratch.ys, &scratch.prefix, |t, l, e| {
        leaving[order[t]] = l;
        entering[order[t]] = e;
    });
}

/// The sums pair by pair, for the Gaussian function (no sweep shortcut): `O(n²)`.
fn pair_sums(y: &[f64], pref: Pref, leaving: &mut [f64], entering: &mut [f64]) {
    leaving.fill(0.0);
    entering.fill(0.0);
    for (a, &ya) in y.iter().enumerate() {
        for (b, &yb) in y.iter().enumerate() {
            let pab = pref.at(ya - yb);
            leaving[a] += pab;
            entering[b] += pab;
        }
    }
}

/// The sums of a piecewise-linear function over `ys`, the values in ascending order (centred)
/// with their `prefix` sums: `emit(t, leaving, entering)` for the value at position `t`.
///
/// Every piecewise-linear function is 0 up to `q`, 1 beyond `p`, and between them either ½
/// (level) or a straight ramp (linear, V-shape); usual and U-shape have `q = p`. With the values
/// sorted, the others that `a` beats fully are those below `y_a − p`, partly those in
/// `[y_a − p, y_a − q)`, and symmetrically above `y_a + q` and `y_a + p` for the entering side.
/// As `y_a` grows in sorted order the four bounds only move up, so four pointers sweep the
/// column once: O(n) after the sort.
fn sweep(pref: Pref, ys: &[f64], prefix: &[f64], mut emit: impl FnMut(usize, f64, f64)) {
    let (q, p, ramp) = match pref {
        Pref::Usual => (0.0, 0.0, None),
        Pref::UShape { q } => (q, q, None),
        Pref::Level { q, p } => (q, p, Some(false)),
        Pref::Linear { q, p } => (q, p, Some(true)),
        // Never called with it (see `pair_sums`).
        Pref::Gaussian { .. } => return,
    };
    let n = ys.len();
    let nf = n as f64;
    // Pointers: `full_l` = #{t < x − p}, `part_l` = #{t < x − q}, `part_e` = #{t ≤ x + q},
    // `full_e` = #{t ≤ x + p}.
    let (mut full_l, mut part_l, mut part_e, mut full_e) = (0, 0, 0, 0);
    for (t, &x) in ys.iter().enumerate() {
        while full_l < n && ys[full_l] < x - p {
            full_l += 1;
        }
        while part_l < n && ys[part_l] < x - q {
            part_l += 1;
        }
        while part_e < n && ys[part_e] <= x + q {
            part_e += 1;
        }
        while full_e < n && ys[full_e] <= x + p {
            full_e += 1;
        }
        let beyond_l = full_l as f64;
        let beyond_e = nf - full_e as f64;
        let (l, e) = match ramp {
            None => (beyond_l, beyond_e),
            Some(false) => (
                beyond_l + 0.5 * (part_l - full_l) as f64,
                beyond_e + 0.5 * (full_e - part_e) as f64,
            ),
            Some(true) => {
                let k = p - q;
                // Leaving: (x − t − q)/k summed over x − p ≤ t < x − q.
                let ramp_l =
                    ((part_l - full_l) as f64 * (x - q) - (prefix[part_l] - prefix[full_l])) / k;
                // Entering: (t − x − q)/k summed over x + q < t ≤ x + p.
                let ramp_e =
                    ((prefix[full_e] - prefix[part_e]) - (full_e - part_e) as f64 * (x + q)) / k;
                (beyond_l + ramp_l, beyond_e + ramp_e)
            }
        };
        emit(t, l, e);
    }
}

/// Most option pairs × Gaussian criteria PROMETHEE compares one by one (about half a second
/// in a release build); larger problems are refused rather than left running for minutes.
pub const MAX_GAUSSIAN_COMPARISONS: u64 = 50_000_000;

/// PROMETHEE II: the flows φ⁺, φ⁻, φ into `out.a`, `out.b`, `out.c` and the scores, the
/// contributions `w_j φ_j` (0 for unweighted criteria), and min-max values for display.
pub(super) fn score(pre: &mut Prepared, weights: &[f64]) -> Result<(), ScoreError> {
    let prefs = || {
        pre.criteria
            .iter()
            .zip(weights)
            .filter(|&(_, &w)| w > 0.0)
            .map(|(c, _)| Pref::of(c.outranking.as_ref()))
    };
    let gaussian = prefs()
        .filter(|p| matches!(p, Pref::Gaussian { .. }))
        .count();
    let m = pre.m as u64;
    let comparisons = m.saturating_mul(m).saturating_mul(gaussian as u64);
    if comparisons > MAX_GAUSSIAN_COMPARISONS {
        return Err(ScoreError::TooManyPairs {
            options: pre.m,
            criteria: gaussian,
            comparisons,
            limit: MAX_GAUSSIAN_COMPARISONS,
        });
    }
    flows(pre, weights);
    pre.normalize(Normalization::MinMax)?;
    let out = &mut pre.out;
    out.scores.clear();
    out.scores.extend_from_slice(&out.c);
    out.additive = true;
    Ok(())
}

fn flows(pre: &mut Prepared, weights: &[f64]) {
    let m = pre.m;
    pre.out.contributions.fill(0.0);
    if m > 1 {
        let scale = 1.0 / (m as f64 - 1.0);
        let mut scratch = std::mem::take(&mut pre.scratch);
        for (j, &w) in weights.iter().enumerate().filter(|&(_, &w)| w > 0.0) {
            let c = &pre.criteria[j];
            let minimize = c.direction == Direction::Minimize;
            let pref = Pref::of(c.outranking.as_ref());
            let ws = w * scale;
            if let Pref::Gaussian { .. } = pref {
                scratch.y.clear();
                let column = pre.column(j);
                scratch
                    .y
                    .extend(column.iter().map(|&x| if minimize { -x } else { x }));
                for buffer in [&mut scratch.leaving, &mut scratch.entering] {
                    buffer.clear();
                    buffer.resize(m, 0.0);
                }
                pair_sums(
                    &scratch.y,
                    pref,
                    &mut scratch.leaving,
                    &mut scratch.entering,
                );
                let out = &mut pre.out;
                let contributions = &mut out.contributions[j * m..(j + 1) * m];
                let sums = scratch.leaving.iter().zip(&scratch.entering);
                let parts = out.a.iter_mut().zip(out.b.iter_mut()).zip(contributions);
                for (((plus, minus), c), (&l, &e)) in parts.zip(sums) {
                    *plus += ws * l;
                    *minus += ws * e;
                    *c = ws * (l - e);
                }
                continue;
            }
            // y = ±x in ascending order: the kept order of x, reversed (and negated) for a
            // cost. Position t of the sweep is option `order[t]`, or `order[m − 1 − t]`.
            let (order, column) = pre.order(j);
            if minimize {
                scratch.fill(order.iter().rev().map(|&o| -column[o as usize]), m);
            } else {
                scratch.fill(order.iter().map(|&o| column[o as usize]), m);
            }
            let order = &pre.order[j * m..(j + 1) * m];
            let out = &mut pre.out;
            let contributions = &mut out.contributions[j * m..(j + 1) * m];
            let (plus, minus) = (&mut out.a, &mut out.b);
            sweep(pref, &scratch.ys, &scratch.prefix, |t, l, e| {
                let a = order[if minimize { m - 1 - t } else { t }] as usize;
                plus[a] += ws * l;
                minus[a] += ws * e;
                contributions[a] = ws * (l - e);
            });
        }
        pre.scratch = scratch;
    }
    let out = &mut pre.out;
    for ((net, plus), minus) in out.c.iter_mut().zip(&out.a).zip(&out.b) {
        *net = plus - minus;
    }
}

/// How PROMETHEE I's partial order places option `a` against option `b`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outrank {
    /// `a` is preferred to `b`: at least as good on both flows, better on one.
    Prefers,
    /// `b` is preferred to `a`.
    PreferredBy,
    /// Equal leaving and entering flows.
    Indifferent,
    /// The flows disagree: `a` is better on one, `b` on the other.
    Incomparable,
}

/// PROMETHEE I (Brans & Vincke 1985): compares `a` and `b` on the leaving flow (higher is
/// better) and the entering flow (lower is better) separately; flows equal within
/// [`super::TIE_TOLERANCE`] count as equal.
/// The pairs PROMETHEE I leaves incomparable, as `(a, b)` with `a` before `b` in `order` (the
/// complete ranking, best first), in that order.
pub fn incomparable_pairs(
    order: &[usize],
    phi_plus: &[f64],
    phi_minus: &[f64],
) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    for (x, &a) in order.iter().enumerate() {
        for &b in &order[x + 1..] {
            if promethee1(phi_plus, phi_minus, a, b) == Outrank::Incomparable {
                pairs.push((a, b));
            }
        }
    }
    pairs
}

pub fn promethee1(phi_plus: &[f64], phi_minus: &[f64], a: usize, b: usize) -> Outrank {
    use std::cmp::Ordering::{Equal, Greater, Less};
    let cmp = |x: f64, y: f64| {
        if nearly_equal(x, y) {
            Equal
        } else if x > y {
            Greater
        } else {
            Less
        }
    };
    let plus = cmp(phi_plus[a], phi_plus[b]);
    // Fewer entering preferences is better, so reverse.
    let minus = cmp(phi_minus[b], phi_minus[a]);
    match (plus, minus) {
        (Equal, Equal) => Outrank::Indifferent,
        (Greater | Equal, Greater | Equal) => Outrank::Prefers,
        (Less | Equal, Less | Equal) => Outrank::PreferredBy,
        _ => Outrank::Incomparable,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition, pair by pair: `O(n²)` per criterion.
    fn reference_sums(y: &[f64], pref: Pref) -> (Vec<f64>, Vec<f64>) {
        let n = y.len();
        let mut l = vec![0.0; n];
        let mut e = vec![0.0; n];
        for a in 0..n {
            for b in 0..n {
                if a != b {
                    l[a] += pref.at(y[a] - y[b]);
                    e[a] += pref.at(y[b] - y[a]);
                }
            }
        }
        (l, e)
    }

    /// SplitMix64: a small deterministic generator, so the test needs no dependency.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        }
        fn unit(&mut self) -> f64 {
            (self.next() >> 11) as f64 / (1u64 << 53) as f64
        }
        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
    }

    #[test]
    fn fast_sums_equal_the_pair_loop_on_random_data_with_ties() {
        let mut rng = Rng(2019);
        for round in 0..400 {
            let n = 1 + rng.below(40) as usize;
            // Half the rounds on a few integer levels (many ties, differences exactly at the
            // thresholds), half on spread-out reals far from 0.
            let ties = round % 2 == 0;
            let y: Vec<f64> = (0..n)
                .map(|_| {
                    if ties {
                        rng.below(6) as f64
                    } else {
                        1000.0 + 50.0 * rng.unit()
                    }
                })
                .collect();
            let (q, p, s) = if ties {
                (
                    rng.below(3) as f64,
                    2.0 + rng.below(3) as f64,
                    1.0 + rng.below(2) as f64,
                )
            } else {
                (
                    5.0 * rng.unit(),
                    5.0 + 20.0 * rng.unit(),
                    1.0 + 10.0 * rng.unit(),
                )
            };
            use PreferenceFunction as F;
            for function in [
                F::Usual,
                F::UShape,
                F::VShape,
                F::Level,
                F::Linear,
                F::Gaussian,
            ] {
                // Through `Pref::of`, so that p = q and zero thresholds take their fallbacks.
                let pref = Pref::of(Some(&Outranking {
                    function,
                    q: Some(q),
                    p: Some(p),
                    s: Some(s),
                }));
                let mut l = vec![0.0; n];
                let mut e = vec![0.0; n];
                criterion_sums(&y, pref, &mut l, &mut e, &mut Scratch::default());
                let (rl, re) = reference_sums(&y, pref);
                for i in 0..n {
                    assert!(
                        (l[i] - rl[i]).abs() < 1e-9 && (e[i] - re[i]).abs() < 1e-9,
                        "{pref:?} on {y:?}: option {i}: fast ({}, {}) vs pairs ({}, {})",
                        l[i],
                        e[i],
                        rl[i],
                        re[i]
                    );
                }
            }
        }
    }

    #[test]
    fn preference_functions_follow_their_definitions() {
        let o = |function, q, p, s| Outranking {
            function,
            q: Some(q),
            p: Some(p),
            s: Some(s),
        };
        use PreferenceFunction as F;
        let lin = o(F::Linear, 1.0, 3.0, 0.0);
        assert_eq!(preference(Some(&lin), 2.0), 0.5);
        assert_eq!(preference(Some(&lin), 1.0), 0.0);
        assert_eq!(preference(Some(&lin), 3.5), 1.0);
        let level = o(F::Level, 1.0, 3.0, 0.0);
        assert_eq!(preference(Some(&level), 3.0), 0.5);
        assert_eq!(preference(Some(&level), 3.1), 1.0);
        let v = o(F::VShape, 0.0, 4.0, 0.0);
        assert_eq!(preference(Some(&v), 1.0), 0.25);
        let u = o(F::UShape, 2.0, 0.0, 0.0);
        assert_eq!(
            (preference(Some(&u), 2.0), preference(Some(&u), 2.5)),
            (0.0, 1.0)
        );
        let g = o(F::Gaussian, 0.0, 0.0, 2.0);
        assert!((preference(Some(&g), 2.0) - (1.0 - (-0.5f64).exp())).abs() < 1e-15);
        assert_eq!(preference(None, 1e-9), 1.0);
        assert_eq!(preference(None, -1.0), 0.0);
    }

    #[test]
    fn incomparable_pairs_are_those_whose_flows_disagree() {
        // Option 0 leaves more than 1 (0.6 > 0.5) but is also entered more (0.3 > 0.1).
        let (plus, minus) = ([0.6, 0.5, 0.2], [0.3, 0.1, 0.5]);
        assert_eq!(incomparable_pairs(&[0, 1, 2], &plus, &minus), vec![(0, 1)]);
        assert_eq!(incomparable_pairs(&[1, 0, 2], &plus, &minus), vec![(1, 0)]);
    }

    #[test]
    fn promethee1_orders_by_both_flows() {
        let plus = [0.6, 0.4, 0.6, 0.5];
        let minus = [0.2, 0.3, 0.2, 0.1];
        assert_eq!(promethee1(&plus, &minus, 0, 1), Outrank::Prefers);
        assert_eq!(promethee1(&plus, &minus, 1, 0), Outrank::PreferredBy);
        assert_eq!(promethee1(&plus, &minus, 0, 2), Outrank::Indifferent);
        assert_eq!(promethee1(&plus, &minus, 0, 3), Outrank::Incomparable);
    }
}
