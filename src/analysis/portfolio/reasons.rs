//! Why the best portfolio holds what it holds: each member's own value and its synergies with
//! the other members; each option left out, why (must stay out, dearer alone than the budget,
//! kept out by a member or by an option it requires, its cluster full), and what forcing it in
//! would cost: one exact search with it made a must-in, compared with the best.

use super::search::{CostLimit, Outcome, solve};
use super::{Instance, NODE_LIMIT, Portfolio};

/// A member's reasons to be in.
#[derive(Clone, Debug, PartialEq)]
pub struct MemberReason {
    pub item: usize,
    /// Its score above the baseline's.
    pub value: f64,
    /// Its effects with the other members, `(other, effect)`, a pair's effects summed.
    pub synergies: Vec<(usize, f64)>,
    /// It is a must-in.
    pub must_in: bool,
}

/// One reason an option is left out.
#[derive(Clone, Debug, PartialEq)]
pub enum Why {
    /// The scenario keeps it out.
    MustStayOut,
    /// Its cost alone is above the budget.
    TooDear,
    /// A member and it exclude each other.
    ExcludedBy(usize),
    /// It requires this option, which is out.
    RequiresOut(usize),
    /// Its cluster already has its most members (index into `Instance::clusters`).
    ClusterFull(usize),
    /// No portfolio holding it meets every constraint.
    Unreachable,
    /// The best portfolio holding it, and the value lost against the best (0 for a tie).
    BetterUse { with_it: Portfolio, loss: f64 },
    /// The search for the best portfolio holding it stopped at its node limit.
    Unknown,
}

/// An option left out and its reasons, the structural ones first.
#[derive(Clone, Debug, PartialEq)]
pub struct OutReason {
    pub item: usize,
    pub why: Vec<Why>,
}

/// The reasons behind one best portfolio.
#[derive(Clone, Debug, PartialEq)]
pub struct Reasons {
    pub members: Vec<MemberReason>,
    /// Every other item, in the instance's order.
    pub left_out: Vec<OutReason>,
    /// Effects between two members, `(a, b, effect)` as the instance lists them.
    pub effects: Vec<(usize, usize, f64)>,
    /// Exclusions with one end in the portfolio (so the other stays out).
    pub excludes: Vec<(usize, usize)>,
    /// Requirements `(a, b)` with `a` a member (so `b` is one too), or with `b` out (so `a`
    /// is too).
    pub requires: Vec<(usize, usize)>,
}

/// The reasons behind `best`, the best portfolio of `inst` under its budget. `go_on(k)` is
/// asked before the `k`-th forced search; `None` when it says stop.
pub fn reasons(
    inst: &Instance,
    best: &Portfolio,
    mut go_on: impl FnMut(usize) -> bool,
) -> Option<Reasons> {
    let n = inst.items.len();
    let mut is = vec![false; n];
    for &i in &best.members {
        if i < n {
            is[i] = true;
        }
    }
    let members = best
        .members
        .iter()
        .filter(|&&i| i < n)
        .map(|&i| {
            let mut synergies: Vec<(usize, f64)> = Vec::new();
            for &(a, b, e) in &inst.effects {
                let other = if a == i {
                    b
                } else if b == i {
                    a
                } else {
                    continue;
                };
                if other == i || other >= n || !is[other] {
                    continue;
                }
                match synergies.iter_mut().find(|(j, _)| *j == other) {
                    Some(s) => s.1 += e,
                    None => synergies.push((other, e)),
                }
            }
            MemberReason {
                item: i,
                value: inst.items[i].value,
                synergies,
                must_in: inst.include.contains(&i),
            }
        })
        .collect();
    let ok = |i: usize| i < n;
    let effects = inst
        .effects
        .iter()
        .copied()
        .filter(|&(a, b, _)| ok(a) && ok(b) && a != b && is[a] && is[b])
        .collect();
    let excludes = inst
        .excludes
        .iter()
        .copied()
        .filter(|&(a, b)| ok(a) && ok(b) && (is[a] || is[b]))
        .collect();
    let requires = inst
        .requires
        .iter()
        .copied()
        .filter(|&(a, b)| ok(a) && ok(b) && (is[a] || !is[b]))
        .collect();
    let budget = inst.budget;
    let ctol = 1e-9 * (1.0 + inst.items.iter().map(|i| i.cost).sum::<f64>());
    let vtol = 1e-9 * (1.0 + best.value.abs());
    let mut left_out = Vec::new();
    let mut searches = 0;
    for i in (0..n).filter(|&i| !is[i]) {
        let mut why = Vec::new();
        if inst.exclude.contains(&i) {
            why.push(Why::MustStayOut);
        } else if budget.is_some_and(|b| inst.items[i].cost > b + ctol) {
            why.push(Why::TooDear);
        } else {
            for &(a, b) in &inst.excludes {
                let other = if a == i {
                    b
                } else if b == i {
                    a
                } else {
                    continue;
                };
                if ok(other) && is[other] && !why.contains(&Why::ExcludedBy(other)) {
                    why.push(Why::ExcludedBy(other));
                }
            }
            for &(a, b) in &inst.requires {
                if a == i && ok(b) && !is[b] && !why.contains(&Why::RequiresOut(b)) {
                    why.push(Why::RequiresOut(b));
                }
            }
            if let Some(k) = inst.items[i].cluster
                && let Some(max) = inst.clusters.get(k).and_then(|c| c.max)
                && best
                    .members
                    .iter()
                    .filter(|&&j| j < n && inst.items[j].cluster == Some(k))
                    .count() as u64
                    >= u64::from(max)
            {
                why.push(Why::ClusterFull(k));
            }
            if !go_on(searches) {
                return None;
            }
            searches += 1;
            let mut forced = inst.clone();
            forced.include.push(i);
            why.push(
                match solve(&forced, CostLimit::of(&forced), false, NODE_LIMIT).0 {
                    Outcome::Found(with_it) => {
                        let loss = best.value - with_it.value;
                        Why::BetterUse {
                            loss: if loss.abs() <= vtol { 0.0 } else { loss },
                            with_it,
                        }
                    }
                    Outcome::Infeasible => Why::Unreachable,
                    Outcome::NodeLimit => Why::Unknown,
                },
            );
        }
        left_out.push(OutReason { item: i, why });
    }
    Some(Reasons {
        members,
        left_out,
        effects,
        excludes,
        requires,
    })
}

/// How many forced searches [`reasons`] makes for `best`: its progress's total.
pub fn searches(inst: &Instance, best: &Portfolio) -> usize {
    let ctol = 1e-9 * (1.0 + inst.items.iter().map(|i| i.cost).sum::<f64>());
    (0..inst.items.len())
        .filter(|i| {
            !best.members.contains(i)
                && !inst.exclude.contains(i)
                && !inst.budget.is_some_and(|b| inst.items[*i].cost > b + ctol)
        })
        .count()
}
