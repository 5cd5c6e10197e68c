//! Stability intervals: how far one weight can move, either way, before the top option or the
//! whole ranking changes.
//!
//! Between two neighbouring crossings no pair changes order, so the ranking is read once per
//! stretch, at its midpoint, with the scorer's own ranks (ties within the scorer's tolerance
//! share a rank). The interval around the current weight grows stretch by stretch until the
//! ranking (or the top) differs from the current one. The ends 0 and 1 are read as points too,
//! since a pair can tie exactly there.
//!
//! Stretches are read only when needed: the whole ranking near the current weight (the first
//! stretch that differs is almost always a neighbour), and the top option wherever a crossing
//! involves an option ranked first in the stretch before it; across any other crossing the top
//! stays as it was. At 1,000 options a weight has up to half a million crossings, and reading
//! every stretch took minutes.

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
    let read = |w: f64, scores: &mut dyn FnMut(f64) -> Result<Vec<f64>, E>| {
        scores(w).map(|s| State::of(&s, higher_is_better))
    };
    let mid = |k: usize| 0.5 * (points[k] + points[k + 1]);
    let stretches = points.len().saturating_sub(1);
    let end0 = if current > 0.0 {
        Some(read(0.0, &mut scores)?)
    } else {
        None
    };
    let end1 = if current < 1.0 {
        Some(read(1.0, &mut scores)?)
    } else {
        None
    };

    // The whole ranking: stretches read outwards from the current weight until one differs.
    let mut up = None;
    for k in here..stretches {
        let state = read(mid(k), &mut scores)?;
        if state.ranks != now.ranks {
            up = Some((k, state));
            break;
        }
    }
    let mut down = None;
    for k in (0..here).rev() {
        let state = read(mid(k), &mut scores)?;
        if state.ranks != now.ranks {
            down = Some((k, state));
            break;
        }
    }
    let ranking = interval(
        &points,
        up.map(|(k, _)| k),
        down.map(|(k, _)| k),
        |same| match same {
            End::Low => end0.as_ref().is_some_and(|e| e.ranks != now.ranks),
            End::High => end1.as_ref().is_some_and(|e| e.ranks != now.ranks),
        },
    );

    // The top of every stretch, read again only after a crossing that involves it.
    let mut involved: Vec<Vec<usize>> = vec![Vec::new(); points.len()];
    let point_of = |w: f64| points.partition_point(|&p| p < snap(w) - 1e-12);
    for c in &found.crossings {
        if let Some(v) = involved.get_mut(point_of(c.weight)) {
            v.extend([c.before, c.after]);
        }
    }
    let mut tops: Vec<Vec<usize>> = Vec::new();
    // tops[top_of[k]] is the top of stretch k.
    let mut top_of: Vec<usize> = Vec::with_capacity(stretches);
    for (k, at_start) in involved.iter().enumerate().take(stretches) {
        let unchanged = k > 0
            && tops
                .last()
                .is_some_and(|top| !at_start.iter().any(|i| top.contains(i)));
        if !unchanged {
            let state = read(mid(k), &mut scores)?;
            if tops.last() != Some(&state.top) {
                tops.push(state.top);
            }
        }
        top_of.push(tops.len().saturating_sub(1));
    }
    let top_at = |k: usize| &tops[top_of[k]];
    let up = (here..stretches).find(|&k| *top_at(k) != now.top);
    let down = (0..here).rev().find(|&k| *top_at(k) != now.top);
    let top = interval(&points, up, down, |end| match end {
        End::Low => end0.as_ref().is_some_and(|e| e.top != now.top),
        End::High => end1.as_ref().is_some_and(|e| e.top != now.top),
    });
    // The top just beyond each end that changes it: the stretch's, or the end point's.
    let beyond = |changes: bool, stretch: Option<usize>, end: &Option<State>| {
        if !changes {
            return Vec::new();
        }
        match stretch {
            Some(k) => top_at(k).clone(),
            None => end.as_ref().map(|e| e.top.clone()).unwrap_or_default(),
        }
    };
    let top_changes = found
        .crossings
        .iter()
        .map(|c| {
            let k = point_of(c.weight);
            k >= 1 && k < stretches && top_at(k - 1) != top_at(k)
        })
        .collect();
    Ok(Stability {
        top_below: beyond(top.lo_changes, down, &end0),
        top_above: beyond(top.hi_changes, up, &end1),
        top,
        ranking,
        top_changes,
    })
}

/// Which end of the range, 0 or 1.
enum End {
    Low,
    High,
}

/// The interval from the first stretch above (`up`) and below (`down`) the current weight that
/// differs, if any; else out to the ends, which change something when `end_differs` says so.
fn interval(
    points: &[f64],
    up: Option<usize>,
    down: Option<usize>,
    end_differs: impl Fn(End) -> bool,
) -> Interval {
    let mut out = Interval {
        lo: 0.0,
        hi: 1.0,
        lo_changes: false,
        hi_changes: false,
    };
    match up {
        Some(k) => {
            out.hi = points[k];
            out.hi_changes = true;
        }
        None => out.hi_changes = end_differs(End::High),
    }
    match down {
        Some(k) => {
            out.lo = points[k + 1];
            out.lo_changes = true;
        }
        None => out.lo_changes = end_differs(End::Low),
    }
    out
}
