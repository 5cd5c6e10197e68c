//! Stability intervals: how far one weight can move, either way, before the top option or the
//! whole ranking changes.
//!
//! Between two neighbouring crossings no pair changes order, so the ranking is read once per
//! stretch, at its midpoint, with the scorer's own ranks (ties within the scorer's tolerance
//! share a rank). The interval around the current weight grows stretch by stretch until the
//! ranking (or the top) differs from the current one. The ends 0 and 1 are read as points too,
//! since a pair can tie exactly there.

use super::roots::{Found, LOCATE_TOLERANCE};
use crate::analysis::scoring::ranks;

/// The weights `[lo, hi]` (shares of 1) around the current weight over which something stays
/// the same. `lo_changes` says whether moving below `lo` changes it (false when `lo` is just
/// the end of the range, 0); `hi_changes` likewise above `hi`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Interval {
    pub lo: f64,
    pub hi: f64,
    pub lo_changes: bool,
    pub hi_changes: bool,
}

impl Interval {
    /// The smallest move of the weight from `current` that makes a change: the distance to the
    /// nearer end that changes something; `None` when no weight in 0..1 does.
    pub fn smallest_change(&self, current: f64) -> Option<f64> {
        let down = self.lo_changes.then(|| (current - self.lo).max(0.0));
        let up = self.hi_changes.then(|| (self.hi - current).max(0.0));
        match (down, up) {
            (Some(d), Some(u)) => Some(d.min(u)),
            (d, u) => d.or(u),
        }
    }
}

/// Both intervals, the top option(s) beyond each end of the top-stable one, and for each
/// crossing (in the order given) whether it changes the top option.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Stability {
    pub top: Interval,
    pub ranking: Interval,
    /// The option(s) ranked first just below `top.lo` (empty when that end changes nothing).
    pub top_below: Vec<usize>,
    /// The option(s) ranked first just above `top.hi` (empty when that end changes nothing).
    pub top_above: Vec<usize>,
    pub top_changes: Vec<bool>,
}

/// The ranks at a weight, and the options ranked first.
#[derive(Clone, Debug, PartialEq)]
struct State {
    ranks: Vec<usize>,
    top: Vec<usize>,
}

impl State {
    fn of(scores: &[f64], higher_is_better: bool) -> Self {
        let ranks = ranks(scores, higher_is_better);
        let top = (0..ranks.len()).filter(|&i| ranks[i] == 1).collect();
        Self { ranks, top }
    }
}

/// Works the intervals out around `current` from what the crossing search found, reading the
/// scores with `scores(w)` (the method's own scores; `higher_is_better` as the method says).
pub(super) fn stability<E>(
    found: &Found,
    current: f64,
    higher_is_better: bool,
    mut scores: impl FnMut(f64) -> Result<Vec<f64>, E>,
) -> Result<Stability, E> {
    // Change points: crossings and tied ends; one within the search's precision of the current
    // weight is taken to be at it (a tie now, which any move breaks).
    let snap = |w: f64| {
        if (w - current).abs() <= LOCATE_TOLERANCE {
            current
        } else {
            w
        }
    };
    let mut points: Vec<f64> = found
        .crossings
        .iter()
        .map(|c| snap(c.weight))
        .chain(found.tied_ends.iter().map(|&w| snap(w)))
        .chain([0.0, 1.0, current])
        .collect();
    points.sort_by(f64::total_cmp);
    points.dedup_by(|a, b| (*a - *b).abs() <= 1e-12);
    // The point standing for the current weight (merged with any within 1e-12 of it).
    let here = (0..points.len())
        .min_by(|&a, &b| {
            (points[a] - current)
                .abs()
                .total_cmp(&(points[b] - current).abs())
        })
        .unwrap_or(0);
    if let Some(p) = points.get_mut(here) {
        *p = current;
    }

    let now = State::of(&scores(current)?, higher_is_better);
    // segments[k]: the state strictly between points[k] and points[k + 1].
    let segments: Vec<State> = points
        .windows(2)
        .map(|w| scores(0.5 * (w[0] + w[1])).map(|s| State::of(&s, higher_is_better)))
        .collect::<Result<_, _>>()?;
    let at_end = |w: f64, scores: &mut dyn FnMut(f64) -> Result<Vec<f64>, E>| {
        scores(w).map(|s| State::of(&s, higher_is_better))
    };
    let end0 = if current > 0.0 {
        Some(at_end(0.0, &mut scores)?)
    } else {
        None
    };
    let end1 = if current < 1.0 {
        Some(at_end(1.0, &mut scores)?)
    } else {
        None
    };

    let ranking = walk(&points, here, &segments, &end0, &end1, |s| {
        s.ranks == now.ranks
    });
    let top = walk(&points, here, &segments, &end0, &end1, |s| s.top == now.top);
    let top_beyond = |changes: bool, state: Option<&State>| {
        if changes {
            state.map(|s| s.top.clone()).unwrap_or_default()
        } else {
            Vec::new()
        }
    };
    let (below, above) = (top.1, top.2);
    let top = top.0;

    let top_changes = found
        .crossings
        .iter()
        .map(|c| {
            let w = snap(c.weight);
            let k = points.partition_point(|&p| p < w - 1e-12);
            let left = k.checked_sub(1).and_then(|i| segments.get(i));
            let right = segments.get(k);
            matches!((left, right), (Some(l), Some(r)) if l.top != r.top)
        })
        .collect();
    Ok(Stability {
        top_below: top_beyond(top.lo_changes, below.as_ref()),
        top_above: top_beyond(top.hi_changes, above.as_ref()),
        top,
        ranking: ranking.0,
        top_changes,
    })
}

/// Grows the interval from `points[here]` while `same` holds for the stretches (and then the
/// end point) on each side; returns it with the states just beyond its ends.
fn walk(
    points: &[f64],
    here: usize,
    segments: &[State],
    end0: &Option<State>,
    end1: &Option<State>,
    same: impl Fn(&State) -> bool,
) -> (Interval, Option<State>, Option<State>) {
    let mut out = Interval {
        lo: 0.0,
        hi: 1.0,
        lo_changes: false,
        hi_changes: false,
    };
    let (mut below, mut above) = (None, None);
    // Upwards: stretches here, here + 1, …, then the point 1.
    match (here..segments.len()).find(|&k| !same(&segments[k])) {
        Some(k) => {
            out.hi = points[k];
            out.hi_changes = true;
            above = Some(segments[k].clone());
        }
        None => {
            if let Some(e) = end1.as_ref().filter(|e| !same(e)) {
                out.hi_changes = true;
                above = Some(e.clone());
            }
        }
    }
    // Downwards: stretches here − 1, here − 2, …, then the point 0.
    match (0..here).rev().find(|&k| !same(&segments[k])) {
        Some(k) => {
            out.lo = points[k + 1];
            out.lo_changes = true;
            below = Some(segments[k].clone());
        }
        None => {
            if let Some(e) = end0.as_ref().filter(|e| !same(e)) {
                out.lo_changes = true;
                below = Some(e.clone());
            }
        }
    }
    (out, below, above)
}
