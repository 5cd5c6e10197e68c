//! Where two options' curves cross along a sweep, as the weight `w` runs over 0..1.
//!
//! Curves are compared through *keys*: the scores turned so that higher is better (VIKOR's Q
//! negated). Two ways to find the crossings:
//! - [`linear`]: every key is affine in `w` (the weighted sum, PROMETHEE II's net flow, the
//!   logarithm of the weighted product), so each pair crosses at most once, at a closed-form root.
//! - [`sampled`]: any method. Keys are sampled on a grid; each sign change of a pair's
//!   difference is bisected to [`LOCATE_TOLERANCE`]; where a pair comes close between grid points
//!   without changing sign, the gap is searched for a hidden double crossing.

/// How precisely a sampled crossing is located (width of the last bracket).
pub const LOCATE_TOLERANCE: f64 = 1e-9;

/// A difference of two keys at most this fraction of the larger one is round-off, not order.
const ROUND_OFF: f64 = 1e-12;

/// A pair of options changes order at `weight`: `before` is ahead just below it, `after` just
/// above (option indices).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Crossing {
    pub weight: f64,
    pub before: usize,
    pub after: usize,
}

/// What a search found: true crossings inside (0, 1), and the ends (0 or 1) where some pair is
/// tied exactly while it is not tied next to that end. A tie at an end is no reversal, but a
/// ranking that starts at that end changes as soon as the weight moves.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Found {
    pub crossings: Vec<Crossing>,
    pub tied_ends: Vec<f64>,
}

/// The sign of `a − b`, 0 when they differ by round-off only.
fn sign(a: f64, b: f64) -> i8 {
    let d = a - b;
    if d.abs() <= ROUND_OFF * a.abs().max(b.abs()) || d == 0.0 {
        0
    } else if d > 0.0 {
        1
    } else {
        -1
    }
}

/// Crossings of affine keys `k_i(w) = (1 − w) at0[i] + w at1[i]`.
pub fn linear(at0: &[f64], at1: &[f64]) -> Found {
    let mut found = Found::default();
    let m = at0.len().min(at1.len());
    for a in 0..m {
        for b in a + 1..m {
            let (s0, s1) = (sign(at0[a], at0[b]), sign(at1[a], at1[b]));
            match (s0, s1) {
                (0, 0) => {} // tied all along (round-off at most): never reverses
                (0, _) => found.tied_ends.push(0.0),
                (_, 0) => found.tied_ends.push(1.0),
                _ if s0 != s1 => {
                    // d(w) = d0 + w (d1 − d0) = 0.
                    let (d0, d1) = (at0[a] - at0[b], at1[a] - at1[b]);
                    let weight = (d0 / (d0 - d1)).clamp(0.0, 1.0);
                    let (before, after) = if s0 > 0 { (a, b) } else { (b, a) };
                    found.crossings.push(Crossing {
                        weight,
                        before,
                        after,
                    });
                }
                _ => {}
            }
        }
    }
    found
}

/// Crossings of any keys, from `keys(w)` (one per option, higher better) sampled on a grid of
/// `cells` equal steps. Fails with the first error `keys` returns.
pub fn sampled<E>(
    mut keys: impl FnMut(f64) -> Result<Vec<f64>, E>,
    cells: usize,
) -> Result<Found, E> {
    let cells = cells.max(1);
    let at = |k: usize| k as f64 / cells as f64;
    let grid: Vec<Vec<f64>> = (0..=cells).map(|k| keys(at(k))).collect::<Result<_, _>>()?;
    let m = grid.first().map_or(0, Vec::len);
    let mut found = Found::default();
    for a in 0..m {
        for b in a + 1..m {
            let d: Vec<f64> = grid.iter().map(|row| row[a] - row[b]).collect();
            let s: Vec<i8> = grid.iter().map(|row| sign(row[a], row[b])).collect();
            if s.iter().all(|&x| x == 0) {
                continue;
            }
            if s[0] == 0 {
                found.tied_ends.push(0.0);
            }
            if s[cells] == 0 {
                found.tied_ends.push(1.0);
            }
            let mut pair = Pair {
                keys: &mut keys,
                a,
                b,
                found: &mut found,
            };
            // Sign changes between consecutive non-zero samples (zeros between are a touch or a
            // tie on the way across, and bisection passes through them).
            let mut last: Option<usize> = None;
            for k in 0..=cells {
                if s[k] == 0 {
                    continue;
                }
                if let Some(l) = last
                    && s[l] != s[k]
                {
                    pair.bisect(at(l), at(k), s[l])?;
                }
                last = Some(k);
            }
            // A close approach without a sign change may hide two crossings inside one cell:
            // where |d| has a local minimum that the neighbouring slopes could take to zero.
            for k in 1..cells {
                let (dl, dk, dr) = (d[k - 1].abs(), d[k].abs(), d[k + 1].abs());
                let same = s[k] != 0 && s[k - 1] == s[k] && s[k + 1] == s[k];
                let slope = (d[k] - d[k - 1]).abs().max((d[k + 1] - d[k]).abs());
                if same && dk < dl && dk <= dr && dk < 2.0 * slope {
                    pair.search_gap(at(k - 1), at(k + 1), s[k])?;
                }
            }
        }
    }
    Ok(found)
}

/// One pair's view of the keys, for bisection and gap searches.
struct Pair<'a, F> {
    keys: &'a mut F,
    a: usize,
    b: usize,
    found: &'a mut Found,
}

impl<F, E> Pair<'_, F>
where
    F: FnMut(f64) -> Result<Vec<f64>, E>,
{
    fn sign_at(&mut self, w: f64) -> Result<(i8, f64), E> {
        let k = (self.keys)(w)?;
        Ok((sign(k[self.a], k[self.b]), k[self.a] - k[self.b]))
    }

    /// Bisects [lo, hi], where the sign is `s_lo` at `lo` and the opposite at `hi`, and records
    /// the crossing.
    fn bisect(&mut self, mut lo: f64, mut hi: f64, s_lo: i8) -> Result<(), E> {
        let mut weight = None;
        while hi - lo > LOCATE_TOLERANCE {
            let mid = 0.5 * (lo + hi);
            match self.sign_at(mid)?.0 {
                0 => {
                    weight = Some(mid);
                    break;
                }
                s if s == s_lo => lo = mid,
                _ => hi = mid,
            }
        }
        let (before, after) = if s_lo > 0 {
            (self.a, self.b)
        } else {
            (self.b, self.a)
        };
        self.found.crossings.push(Crossing {
            weight: weight.unwrap_or(0.5 * (lo + hi)),
            before,
            after,
        });
        Ok(())
    }

    /// Looks for the lowest point of `s·d` on [lo, hi] by golden-section search; if it dips
    /// below zero, the pair crosses twice there, and both crossings are bisected.
    fn search_gap(&mut self, lo: f64, hi: f64, s: i8) -> Result<(), E> {
        const INV_PHI: f64 = 0.618_033_988_749_895;
        let oriented = |d: f64| f64::from(s) * d;
        let (mut x0, mut x1) = (lo, hi);
        let mut c = x1 - INV_PHI * (x1 - x0);
        let mut e = x0 + INV_PHI * (x1 - x0);
        let (mut sc, mut fc) = self.sign_at(c)?;
        let (mut se, mut fe) = self.sign_at(e)?;
        while x1 - x0 > LOCATE_TOLERANCE {
            for (probe, sp) in [(c, sc), (e, se)] {
                if sp == -s {
                    self.bisect(lo, probe, s)?;
                    return self.bisect(probe, hi, -s);
                }
            }
            if oriented(fc) < oriented(fe) {
                x1 = e;
                (e, se, fe) = (c, sc, fc);
                c = x1 - INV_PHI * (x1 - x0);
                (sc, fc) = self.sign_at(c)?;
            } else {
                x0 = c;
                (c, sc, fc) = (e, se, fe);
                e = x0 + INV_PHI * (x1 - x0);
                (se, fe) = self.sign_at(e)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_linear_pair_crosses_where_the_lines_meet() {
        // k_0 = 1 − w, k_1 = w: they meet at w = 0.5; option 0 leads below.
        let f = linear(&[1.0, 0.0], &[0.0, 1.0]);
        assert_eq!(f.crossings.len(), 1);
        assert!((f.crossings[0].weight - 0.5).abs() < 1e-15);
        assert_eq!((f.crossings[0].before, f.crossings[0].after), (0, 1));
    }

    #[test]
    fn a_round_off_difference_is_a_tie_not_a_crossing() {
        let f = linear(&[0.3, 0.1 + 0.2], &[0.7, 0.7]);
        assert!(f.crossings.is_empty() && f.tied_ends.is_empty(), "{f:?}");
    }
}
