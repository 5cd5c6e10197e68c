//! The concession under methods whose scores are not linear in the weights (weighted product,
//! TOPSIS, PROMETHEE II, VIKOR): a bounded search, so an estimate.
//!
//! For each rival, nearest first by score, the search walks straight from the profile's weights
//! w toward a few targets on the simplex: every vertex (all weight on one open criterion), the
//! rival's favourable mixture (weights in proportion to how much better the rival is on each
//! criterion, by the method's normalised values), and the weighted sum's exact answer on those
//! values pushed on to the simplex's edge. Along each segment it scans [`SCAN`] evenly spaced
//! steps for the first where the rival is ranked first (alone or tied), then bisects
//! [`BISECT`] times between that step and the one before. Segments are cut short at the best
//! change found so far. The best point is then polished: mass moved back toward w between
//! pairs of criteria, in halving amounts, while the rival stays first.
//!
//! The result is a point where the rival really is first (checked by scoring), so its change is
//! an upper bound on the true minimum; the search may miss a cheaper point on a path it does
//! not walk. At most [`BUDGET`] scorings a profile.

use super::{Reach, change_pp, wsm::cheapest_weights};
use crate::analysis::perspectives::Prepared;

/// Evenly spaced steps along each segment.
pub const SCAN: usize = 16;
/// Halvings of the step where the rival first reaches the top.
pub const BISECT: usize = 30;
/// Most scorings for one profile.
pub const BUDGET: usize = 20_000;
/// Smallest amount the polish moves, as a share of weight.
const POLISH_FLOOR: f64 = 1e-7;

/// What the search found for one profile.
pub struct Found {
    pub reach: Option<Reach>,
    /// Every rival was searched within the budget.
    pub complete: bool,
}

/// Counts scorings against the budget.
struct Scorer<'a> {
    prepared: &'a Prepared<'a>,
    used: usize,
}

impl Scorer<'_> {
    /// Whether `rival` is ranked first under `weights`; a scoring that fails counts as no.
    fn reaches(&mut self, weights: &[f64], rival: usize) -> bool {
        self.used += 1;
        self.prepared
            .score(weights)
            .is_ok_and(|(scores, _)| self.prepared.ranks(&scores).get(rival) == Some(&1))
    }

    fn spent(&self) -> bool {
        self.used >= BUDGET
    }
}

/// The cheapest rival found within the budget (see the module's notes).
pub fn cheapest_rival(
    prepared: &Prepared,
    w: &[f64],
    scores: &[f64],
    normalized: &[Vec<f64>],
    top: usize,
    open: &[bool],
) -> Found {
    let mut scorer = Scorer { prepared, used: 0 };
    let sign = if prepared.method.higher_is_better() {
        1.0
    } else {
        -1.0
    };
    let mut rivals: Vec<usize> = (0..scores.len()).filter(|&r| r != top).collect();
    // Nearest rival first: it most likely needs the least, and cuts later segments short.
    rivals.sort_by(|&a, &b| {
        (sign * (scores[top] - scores[a]))
            .total_cmp(&(sign * (scores[top] - scores[b])))
            .then(a.cmp(&b))
    });
    let mut best: Option<Reach> = None;
    for &rival in &rivals {
        if scorer.spent() {
            return Found {
                reach: best,
                complete: false,
            };
        }
        for target in targets(normalized, w, top, rival, open) {
            let limit = best.as_ref().map_or(f64::INFINITY, |b| b.change_pp);
            if let Some(point) = along(&mut scorer, w, &target, rival, limit) {
                let change = change_pp(&point, w);
                if change < limit {
                    best = Some(Reach {
                        rival,
                        change_pp: change,
                        weights: point,
                    });
                }
            }
        }
    }
    if let Some(b) = best.as_mut() {
        polish(&mut scorer, w, b);
    }
    Found {
        reach: best,
        complete: !scorer.spent(),
    }
}

/// The points the segments from `w` head for.
fn targets(v: &[Vec<f64>], w: &[f64], top: usize, rival: usize, open: &[bool]) -> Vec<Vec<f64>> {
    let m = w.len();
    let mut out: Vec<Vec<f64>> = (0..m)
        .filter(|&j| open[j])
        .map(|j| {
            let mut e = vec![0.0; m];
            e[j] = 1.0;
            e
        })
        .collect();
    let d: Vec<f64> = (0..m)
        .map(|j| {
            if open[j] {
                v[rival][j] - v[top][j]
            } else {
                0.0
            }
        })
        .collect();
    let positive: f64 = d.iter().map(|x| x.max(0.0)).sum();
    if positive > 0.0 {
        out.push(d.iter().map(|x| x.max(0.0) / positive).collect());
    }
    if let Some(lp) = cheapest_weights(&d, w, open) {
        out.push(to_edge(w, &lp));
    }
    out
}

/// The point where the ray from `w` through `p` leaves the simplex.
fn to_edge(w: &[f64], p: &[f64]) -> Vec<f64> {
    let mut t = f64::INFINITY;
    for (a, b) in w.iter().zip(p) {
        let step = b - a;
        if step < 0.0 {
            t = t.min(a / -step);
        }
    }
    if !t.is_finite() {
        return p.to_vec();
    }
    let point: Vec<f64> = w
        .iter()
        .zip(p)
        .map(|(a, b)| (a + t * (b - a)).max(0.0))
        .collect();
    crate::scenario::weights::normalized(point)
}

/// `w` moved a share `t` of the way to `target`.
fn mix(w: &[f64], target: &[f64], t: f64) -> Vec<f64> {
    w.iter()
        .zip(target)
        .map(|(a, b)| ((1.0 - t) * a + t * b).max(0.0))
        .collect()
}

/// The first point on the segment from `w` to `target` where `rival` is first, if one is found
/// with a change under `limit` points.
fn along(
    scorer: &mut Scorer,
    w: &[f64],
    target: &[f64],
    rival: usize,
    limit: f64,
) -> Option<Vec<f64>> {
    let length = change_pp(target, w);
    if length <= 0.0 {
        return None;
    }
    let reach = (limit / length).min(1.0);
    let mut low = 0.0;
    let mut high = None;
    for k in 1..=SCAN {
        if scorer.spent() {
            return None;
        }
        let t = reach * k as f64 / SCAN as f64;
        if scorer.reaches(&mix(w, target, t), rival) {
            high = Some(t);
            break;
        }
        low = t;
    }
    let mut high = high?;
    for _ in 0..BISECT {
        let mid = 0.5 * (low + high);
        if scorer.reaches(&mix(w, target, mid), rival) {
            high = mid;
        } else {
            low = mid;
        }
    }
    Some(mix(w, target, high))
}

/// Moves mass back toward `w` between pairs of criteria while the rival stays first.
fn polish(scorer: &mut Scorer, w: &[f64], best: &mut Reach) {
    let m = w.len();
    let mut amount = best.change_pp / 400.0;
    while amount > POLISH_FLOOR && !scorer.spent() {
        let mut moved = false;
        for from in 0..m {
            for to in 0..m {
                let (over, under) = (best.weights[from] - w[from], w[to] - best.weights[to]);
                if from == to || over <= 0.0 || under <= 0.0 || scorer.spent() {
                    continue;
                }
                let step = amount.min(over).min(under);
                let mut trial = best.weights.clone();
                trial[from] -= step;
                trial[to] += step;
                if scorer.reaches(&trial, best.rival) {
                    best.change_pp = change_pp(&trial, w);
                    best.weights = trial;
                    moved = true;
                }
            }
        }
        if !moved {
            amount /= 2.0;
        }
    }
}
