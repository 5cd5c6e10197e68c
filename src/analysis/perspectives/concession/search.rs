//! The concession under methods whose scores are not linear in the weights (weighted product,
//! TOPSIS, PROMETHEE II, VIKOR): a bounded search, so an estimate.
//!
//! For each rival, nearest first by score, the search walks straight from the profile's weights
//! w toward a few targets on the simplex and keeps the first point where the rival is ranked
//! first (alone or tied). Along each segment it scans [`SCAN`] evenly spaced steps, then
//! bisects [`BISECT`] times between the first step that reaches and the one before; segments
//! are cut short at the best change found so far. The targets are:
//!
//! - every vertex (all weight on one open criterion), and the rival's favourable mixture
//!   (weights in proportion to how much better it is on each criterion, by the method's
//!   normalised values);
//! - sequential linearisation: the rival's lead g = score(rival) − score(top) (on the log
//!   scale for the weighted product, whose log score is linear in the weights) is linearised
//!   at the current point x by finite differences toward each vertex, which makes the
//!   weighted sum's linear programme (see `wsm.rs`) with d_j = g(x) + ∂g along e_j − x; its
//!   exact answer, pushed on to the simplex's edge, is the next target, and the point reached
//!   the next x, up to [`LINEARISATIONS`] times, from the profile's weights and from the
//!   cheapest points the segments reached ([`STARTS`] starts in all). Where g is linear in the weights (PROMETHEE II's
//!   net flow, the weighted product's log score) the first step is already the exact answer,
//!   up to rounding.
//!
//! Each rival's best point is then polished: mass moved between pairs of criteria, in halving amounts,
//! where the rival stays first and the change gets smaller (or stays the same while the
//! rival's margin over the others grows). The result is a point where the rival really
//! is first (checked by scoring), so its change is an upper bound on the true minimum; the
//! search may miss a cheaper point on a path it does not walk. At most [`budget`] scorings a
//! profile.

use super::{Reach, change_pp, wsm::cheapest_weights};
use crate::analysis::perspectives::Prepared;
use crate::scenario::model::{Method, Scenario};

/// Evenly spaced steps along each segment.
pub const SCAN: usize = 16;
/// Halvings of the step where the rival first reaches the top.
pub const BISECT: usize = 30;
/// Most scorings for one profile.
pub const BUDGET: usize = 20_000;
/// Fewest scorings for one profile, however large the scenario.
pub const MIN_BUDGET: usize = 20;
/// Most option × criterion cells scored by one search over every profile (a few seconds in a
/// release build).
pub const CELL_BUDGET: u64 = 200_000_000;

/// Scorings allowed for one profile's search when `profiles` profiles are searched: the cell
/// budget shared out, between [`MIN_BUDGET`] and [`BUDGET`].
pub fn budget(scenario: &Scenario, profiles: usize) -> usize {
    let cells = (scenario.options.len() as u64)
        .saturating_mul(scenario.criteria.len() as u64)
        .saturating_mul(profiles as u64)
        .max(1);
    usize::try_from(CELL_BUDGET / cells)
        .unwrap_or(usize::MAX)
        .clamp(MIN_BUDGET, BUDGET)
}
/// Rounds of sequential linearisation for each rival.
pub const LINEARISATIONS: usize = 6;
/// Starting points of the linearisation for each rival.
pub const STARTS: usize = 3;
/// Step of the finite differences, as a share of weight.
const DIFFERENCE_STEP: f64 = 1e-4;
/// How far above the best change so far another rival's segments are still followed.
const SLACK: f64 = 1.5;
/// Coefficients of the linearisation this small relative to the largest count as 0.
const NOISE: f64 = 1e-8;
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
    budget: usize,
}

impl Scorer<'_> {
    /// Whether `rival` is ranked first under `weights`; a scoring that fails counts as no.
    fn reaches(&mut self, weights: &[f64], rival: usize) -> bool {
        self.used += 1;
        self.prepared
            .score(weights)
            .is_ok_and(|(scores, _)| self.prepared.ranks(&scores).get(rival) == Some(&1))
    }

    /// The rival's lead over `top` under `weights` (more is better for the rival), on the log
    /// scale for the weighted product; `None` if the scoring fails or the lead is not finite.
    fn lead(&mut self, weights: &[f64], rival: usize, top: usize) -> Option<f64> {
        self.used += 1;
        let (scores, _) = self.prepared.score(weights).ok()?;
        let (r, t) = (*scores.get(rival)?, *scores.get(top)?);
        let lead = match self.prepared.method {
            Method::Wpm => r.ln() - t.ln(),
            m if m.higher_is_better() => r - t,
            _ => t - r,
        };
        lead.is_finite().then_some(lead)
    }

    /// Whether `rival` is ranked first under `weights`, and its margin over the best other
    /// option (as [`Self::lead`] measures a lead); `None` if the scoring fails.
    fn standing(&mut self, weights: &[f64], rival: usize) -> Option<(bool, f64)> {
        self.used += 1;
        let (scores, _) = self.prepared.score(weights).ok()?;
        let first = self.prepared.ranks(&scores).get(rival) == Some(&1);
        let r = *scores.get(rival)?;
        let margin = scores
            .iter()
            .enumerate()
            .filter(|&(i, _)| i != rival)
            .map(|(_, &x)| match self.prepared.method {
                Method::Wpm => r.ln() - x.ln(),
                m if m.higher_is_better() => r - x,
                _ => x - r,
            })
            .fold(f64::INFINITY, f64::min);
        Some((
            first,
            if margin.is_nan() {
                f64::NEG_INFINITY
            } else {
                margin
            },
        ))
    }

    fn spent(&self) -> bool {
        self.used >= self.budget
    }
}

/// The cheapest rival found within the budget (see the module's notes).
pub fn cheapest_rival(
    prepared: &Prepared,
    budget: usize,
    w: &[f64],
    scores: &[f64],
    normalized: &[Vec<f64>],
    top: usize,
    open: &[bool],
) -> Found {
    let mut scorer = Scorer {
        prepared,
        used: 0,
        budget,
    };
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
    let mut overall: Option<Reach> = None;
    for &rival in &rivals {
        if scorer.spent() {
            return Found {
                reach: overall,
                complete: false,
            };
        }
        // This rival's best; segments are cut at [`SLACK`] times the best of any rival, as
        // the polish may still bring a point a little above it below it.
        let cut = overall
            .as_ref()
            .map_or(f64::INFINITY, |b| b.change_pp * SLACK);
        let mut best: Option<Reach> = None;
        let mut consider = |scorer: &mut Scorer, target: &[f64]| -> Option<Vec<f64>> {
            let limit = best.as_ref().map_or(cut, |b| b.change_pp);
            let point = along(scorer, w, target, rival, limit)?;
            let change = change_pp(&point, w);
            if change < limit {
                best = Some(Reach {
                    rival,
                    change_pp: change,
                    weights: point.clone(),
                });
            }
            Some(point)
        };
        // Points reached on the way, the latest (cheapest) last: the linearisation starts from
        // the profile's weights and from the last [`STARTS`] − 1 of them.
        let mut starts = vec![w.to_vec()];
        for target in targets(normalized, w, top, rival, open) {
            if let Some(point) = consider(&mut scorer, &target) {
                starts.push(point);
            }
        }
        let keep = starts.len().saturating_sub(STARTS - 1).max(1);
        starts.drain(1..keep);
        for start in starts {
            let mut x = start;
            for _ in 0..LINEARISATIONS {
                if scorer.spent() {
                    break;
                }
                let Some(d) = linearised(&mut scorer, &x, rival, top, open) else {
                    break;
                };
                let Some(lp) = cheapest_weights(&d, w, open) else {
                    break;
                };
                let target = to_edge(w, &lp);
                match consider(&mut scorer, &target) {
                    Some(point) if change_pp(&point, &x) > 1e-9 => x = point,
                    // Not reached, or no move: step to the linear answer and look again.
                    _ if change_pp(&lp, &x) > 1e-9 => x = lp,
                    _ => break,
                }
            }
        }
        if let Some(mut b) = best {
            polish(&mut scorer, w, &mut b);
            if overall.as_ref().is_none_or(|o| b.change_pp < o.change_pp) {
                overall = Some(b);
            }
        }
    }
    Found {
        reach: overall,
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
    out
}

/// The coefficients d of the rival's lead linearised at `x` on the simplex:
/// g(y) ≈ Σ_j y_j d_j with d_j = g(x) + (g(x + h(e_j − x)) − g(x)) / h, exact where g is linear.
/// `None` when a lead cannot be computed.
fn linearised(
    scorer: &mut Scorer,
    x: &[f64],
    rival: usize,
    top: usize,
    open: &[bool],
) -> Option<Vec<f64>> {
    let base = scorer.lead(x, rival, top)?;
    let mut d = vec![0.0; x.len()];
    for (j, dj) in d.iter_mut().enumerate() {
        if !open[j] {
            continue;
        }
        let mut e = vec![0.0; x.len()];
        e[j] = 1.0;
        let moved = mix(x, &e, DIFFERENCE_STEP);
        *dj = base + (scorer.lead(&moved, rival, top)? - base) / DIFFERENCE_STEP;
    }
    // Rounding noise of the differences is taken as 0: an exact tie on a criterion (d_j = 0)
    // must not turn into a small loss that makes the rival look unable to catch up.
    let scale = d.iter().fold(0.0f64, |m, x| m.max(x.abs()));
    for dj in &mut d {
        if dj.abs() <= NOISE * scale {
            *dj = 0.0;
        }
    }
    Some(d)
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
    let Some((_, mut margin)) = scorer.standing(&best.weights, best.rival) else {
        return;
    };
    let mut amount = best.change_pp / 400.0;
    while amount > POLISH_FLOOR && !scorer.spent() {
        let mut moved = false;
        for from in 0..m {
            for to in 0..m {
                if from == to || best.weights[from] <= 0.0 || scorer.spent() {
                    continue;
                }
                let step = amount.min(best.weights[from]);
                let mut trial = best.weights.clone();
                trial[from] -= step;
                trial[to] += step;
                let change = change_pp(&trial, w);
                // Cheaper, or as cheap with the rival further ahead (a sideways move along
                // the edge of the region where it leads, which can open a cheaper move later;
                // the margin only grows, so this cannot cycle).
                let cheaper = change < best.change_pp - 1e-12;
                let level = (change - best.change_pp).abs() <= 1e-12;
                if !(cheaper || level) {
                    continue;
                }
                if let Some((true, new_margin)) = scorer.standing(&trial, best.rival)
                    && (cheaper || new_margin > margin + 1e-12)
                {
                    best.change_pp = change;
                    best.weights = trial;
                    margin = new_margin;
                    moved = true;
                }
            }
        }
        if !moved {
            amount /= 2.0;
        }
    }
}
