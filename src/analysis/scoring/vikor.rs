//! VIKOR (Opricovic & Tzeng 2004): a compromise between group utility and individual regret.
//!
//! For each weighted criterion, `f*_j` is the best and `f⁻_j` the worst value by direction;
//! `t_ij = w_j (f*_j − f_ij) / (f*_j − f⁻_j)`, `S_i = Σ_j t_ij`, `R_i = max_j t_ij`, and
//! `Q_i = v (S_i − S*) / (S⁻ − S*) + (1 − v) (R_i − R*) / (R⁻ − R*)`. All three are lower-better.
//!
//! Degenerate cases: a constant criterion (`f* = f⁻`) gives `t = 0` to every option; when every
//! option has the same S (or R), that term of Q is taken as 0, so Q stays in 0..1.

use super::{Prepared, ScoreError, nearly_equal};
use crate::scenario::model::{Direction, Normalization};

/// Tolerance of the conditions' comparisons, so that a Q difference of exactly `DQ` computed
/// with rounding still counts as an acceptable advantage.
const EPS: f64 = 1e-12;

pub(super) fn score(pre: &mut Prepared, weights: &[f64]) -> Result<(), ScoreError> {
    let v = pre.vikor_v;
    if !(0.0..=1.0).contains(&v) {
        return Err(ScoreError::VikorV(v));
    }
    let m = pre.m;
    let out = &mut pre.out;
    let (s, r) = (&mut out.a, &mut out.b);
    let columns = pre
        .raw
        .chunks_exact(m.max(1))
        .zip(weights)
        .zip(pre.criteria);
    for ((col, &w), criterion) in columns.filter(|((_, w), _)| **w > 0.0) {
        let (lo, hi) = col
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &x| {
                (lo.min(x), hi.max(x))
            });
        if lo == hi {
            continue;
        }
        let (best, worst) = if criterion.direction == Direction::Maximize {
            (hi, lo)
        } else {
            (lo, hi)
        };
        let scale = w / (best - worst);
        for ((si, ri), &x) in s.iter_mut().zip(r.iter_mut()).zip(col) {
            let t = scale * (best - x);
            *si += t;
            *ri = ri.max(t);
        }
    }
    out.c.clear();
    out.c.extend(q_values(s, r, v));
    let (compromise, advantage, stability) = compromise(s, r, &out.c);
    out.vikor = (v, compromise, advantage, stability);
    out.scores.clear();
    out.scores.extend_from_slice(&out.c);
    out.additive = false;
    pre.normalize(Normalization::MinMax)?;
    pre.weigh(weights);
    Ok(())
}

/// `(min, max)` of a non-empty slice; `(0, 0)` for an empty one.
fn span(x: &[f64]) -> (f64, f64) {
    if x.is_empty() {
        return (0.0, 0.0);
    }
    x.iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &a| {
            (lo.min(a), hi.max(a))
        })
}

/// Q from S and R; a term whose spread is 0 is taken as 0.
#[cfg(test)]
fn q_index(s: &[f64], r: &[f64], v: f64) -> Vec<f64> {
    q_values(s, r, v).collect()
}

/// Q from S and R, without collecting; a term whose spread is 0 is taken as 0.
fn q_values<'a>(s: &'a [f64], r: &'a [f64], v: f64) -> impl Iterator<Item = f64> + 'a {
    let (s_best, s_worst) = span(s);
    let (r_best, r_worst) = span(r);
    let part = |x: f64, best: f64, worst: f64| {
        if worst > best {
            (x - best) / (worst - best)
        } else {
            0.0
        }
    };
    s.iter().zip(r).map(move |(&si, &ri)| {
        v * part(si, s_best, s_worst) + (1.0 - v) * part(ri, r_best, r_worst)
    })
}

/// The compromise set of Opricovic & Tzeng (2004), step 5, and whether conditions C1
/// (acceptable advantage) and C2 (acceptable stability) hold. Options are taken in order of Q,
/// ties in scenario order.
///
/// - C1 and C2: the best by Q alone.
/// - C1 only: the best two by Q.
/// - not C1: every option whose Q is within `DQ = 1/(m − 1)` of the best (strictly less).
pub fn compromise(s: &[f64], r: &[f64], q: &[f64]) -> (Vec<usize>, bool, bool) {
    let m = q.len();
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&a, &b| q[a].total_cmp(&q[b]));
    let Some(&a1) = order.first() else {
        return (Vec::new(), true, true);
    };
    let is_min = |x: &[f64], i: usize| x.iter().all(|&y| x[i] <= y || nearly_equal(x[i], y));
    let stability = is_min(s, a1) || is_min(r, a1);
    if m == 1 {
        return (vec![a1], true, stability);
    }
    let dq = 1.0 / (m as f64 - 1.0);
    let a2 = order[1];
    let advantage = q[a2] - q[a1] >= dq - EPS;
    let set = if advantage && stability {
        vec![a1]
    } else if advantage {
        vec![a1, a2]
    } else {
        order
            .iter()
            .copied()
            .take_while(|&i| q[i] - q[a1] < dq - EPS)
            .collect()
    };
    (set, advantage, stability)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advantage_and_stability_give_one_option() {
        // Opricovic & Tzeng (2004) example, S, R, Q worked out in tests/methods.rs.
        let (set, c1, c2) = compromise(&[0.5, 0.375, 0.5], &[0.5, 0.25, 0.5], &[1.0, 0.0, 1.0]);
        assert_eq!((set, c1, c2), (vec![1], true, true));
    }

    #[test]
    fn no_stability_gives_the_best_two() {
        // a1 = 0 by Q but not best by S (option 1) nor R (option 2): C2 fails, C1 holds.
        let (set, c1, c2) = compromise(&[0.3, 0.2, 0.9], &[0.3, 0.4, 0.1], &[0.0, 0.6, 0.9]);
        assert_eq!((set, c1, c2), (vec![0, 1], true, false));
    }

    #[test]
    fn no_advantage_gives_every_option_within_dq() {
        // m = 5, DQ = 0.25: Q 0, 0.1, 0.2 are within, 0.25 and 1 are not.
        let q = [0.2, 0.0, 1.0, 0.25, 0.1];
        let (set, c1, _) = compromise(&q, &q, &q);
        assert!(!c1);
        assert_eq!(set, vec![1, 4, 0]);
    }

    #[test]
    fn equal_s_or_r_terms_are_zero() {
        assert_eq!(q_index(&[0.4, 0.4], &[0.1, 0.3], 0.5), vec![0.0, 0.5]);
        assert_eq!(q_index(&[0.4, 0.4], &[0.3, 0.3], 0.5), vec![0.0, 0.0]);
    }
}
