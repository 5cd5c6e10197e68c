//! Which constraints conflict when no portfolio meets them all: a deletion filter (Chinneck &
//! Dravnieks 1991). Starting from every constraint, each in turn is dropped for good if the
//! others still admit no portfolio; what remains is infeasible, and dropping any one of its
//! constraints makes it feasible (an irreducible infeasible subset), so every constraint named
//! takes part in the conflict.

use super::search::{CostLimit, Outcome, solve};
use super::{Instance, NODE_LIMIT, PortfolioError};

/// One constraint of an [`Instance`], by its place in the instance's lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Constraint {
    Budget,
    Resource,
    Include(usize),
    Exclude(usize),
    ClusterMin(usize),
    ClusterMax(usize),
    /// Index into `excludes`.
    Excludes(usize),
    /// Index into `requires`.
    Requires(usize),
}

impl Constraint {
    /// Every constraint of `inst`, the cost limit among them when there is one.
    fn all(inst: &Instance, limit: CostLimit) -> Vec<Constraint> {
        let mut out = Vec::new();
        if limit != CostLimit::None {
            out.push(Constraint::Budget);
        }
        if inst.resource_limit.is_some() {
            out.push(Constraint::Resource);
        }
        out.extend((0..inst.include.len()).map(Constraint::Include));
        out.extend((0..inst.exclude.len()).map(Constraint::Exclude));
        for (k, c) in inst.clusters.iter().enumerate() {
            if c.min > 0 {
                out.push(Constraint::ClusterMin(k));
            }
            if c.max.is_some() {
                out.push(Constraint::ClusterMax(k));
            }
        }
        out.extend((0..inst.excludes.len()).map(Constraint::Excludes));
        out.extend((0..inst.requires.len()).map(Constraint::Requires));
        out
    }

    /// The constraint in words, naming options by id.
    pub(super) fn describe(self, inst: &Instance, limit: CostLimit) -> String {
        let id = |i: usize| inst.items.get(i).map_or("?", |x| x.id.as_str());
        let unit = if inst.cost_unit.is_empty() {
            String::new()
        } else {
            format!(" {}", inst.cost_unit)
        };
        match self {
            Constraint::Budget => match limit {
                CostLimit::AtMost(b) => format!("the budget of {b}{unit}"),
                CostLimit::Below(b) => format!("a cost below {b}{unit}"),
                CostLimit::None => "no budget".into(),
            },
            Constraint::Resource => {
                let name = if inst.resource_name.is_empty() {
                    "the second resource"
                } else {
                    inst.resource_name.as_str()
                };
                format!(
                    "the limit of {} on {name}",
                    inst.resource_limit.unwrap_or(0.0)
                )
            }
            Constraint::Include(k) => format!("`{}` must be in", id(inst.include[k])),
            Constraint::Exclude(k) => format!("`{}` must stay out", id(inst.exclude[k])),
            Constraint::ClusterMin(k) => format!(
                "at least {} from cluster `{}`",
                inst.clusters[k].min, inst.clusters[k].id
            ),
            Constraint::ClusterMax(k) => format!(
                "at most {} from cluster `{}`",
                inst.clusters[k].max.unwrap_or(0),
                inst.clusters[k].id
            ),
            Constraint::Excludes(k) => {
                let (a, b) = inst.excludes[k];
                format!("`{}` excludes `{}`", id(a), id(b))
            }
            Constraint::Requires(k) => {
                let (a, b) = inst.requires[k];
                format!("`{}` requires `{}`", id(a), id(b))
            }
        }
    }
}

/// `inst` and `limit` with the constraints of `keep` alone.
fn restrict(inst: &Instance, limit: CostLimit, keep: &[Constraint]) -> (Instance, CostLimit) {
    let has = |c: Constraint| keep.contains(&c);
    let mut out = inst.clone();
    out.include = (0..inst.include.len())
        .filter(|&k| has(Constraint::Include(k)))
        .map(|k| inst.include[k])
        .collect();
    out.exclude = (0..inst.exclude.len())
        .filter(|&k| has(Constraint::Exclude(k)))
        .map(|k| inst.exclude[k])
        .collect();
    for (k, c) in out.clusters.iter_mut().enumerate() {
        if !has(Constraint::ClusterMin(k)) {
            c.min = 0;
        }
        if !has(Constraint::ClusterMax(k)) {
            c.max = None;
        }
    }
    out.excludes = (0..inst.excludes.len())
        .filter(|&k| has(Constraint::Excludes(k)))
        .map(|k| inst.excludes[k])
        .collect();
    out.requires = (0..inst.requires.len())
        .filter(|&k| has(Constraint::Requires(k)))
        .map(|k| inst.requires[k])
        .collect();
    if !has(Constraint::Resource) {
        out.resource_limit = None;
    }
    let limit = if has(Constraint::Budget) {
        limit
    } else {
        CostLimit::None
    };
    (out, limit)
}

/// One constraint taking part in a conflict, for the window to put in its own words; options
/// and clusters by their index in the instance.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Clash {
    /// The budget (its amount).
    Budget(f64),
    /// The second resource's limit.
    Resource(f64),
    MustIn(usize),
    MustOut(usize),
    /// A cluster's fewest members (index into `Instance::clusters`).
    ClusterMin(usize),
    ClusterMax(usize),
    Excludes(usize, usize),
    Requires(usize, usize),
}

/// The constraints of `inst` (under its budget) that conflict when no portfolio meets them
/// all, as [`explain`] finds them, and whether the list was made smallest (false when the
/// searches ran out of nodes first).
pub fn clashes(inst: &Instance) -> (Vec<Clash>, bool) {
    let limit = CostLimit::of(inst);
    let (kept, reduced) = irreducible(inst, limit);
    let clashes = kept
        .into_iter()
        .map(|c| match c {
            Constraint::Budget => Clash::Budget(inst.budget.unwrap_or(0.0)),
            Constraint::Resource => Clash::Resource(inst.resource_limit.unwrap_or(0.0)),
            Constraint::Include(k) => Clash::MustIn(inst.include[k]),
            Constraint::Exclude(k) => Clash::MustOut(inst.exclude[k]),
            Constraint::ClusterMin(k) => Clash::ClusterMin(k),
            Constraint::ClusterMax(k) => Clash::ClusterMax(k),
            Constraint::Excludes(k) => Clash::Excludes(inst.excludes[k].0, inst.excludes[k].1),
            Constraint::Requires(k) => Clash::Requires(inst.requires[k].0, inst.requires[k].1),
        })
        .collect();
    (clashes, reduced)
}

/// The deletion filter: the constraints kept, and whether every search finished.
fn irreducible(inst: &Instance, limit: CostLimit) -> (Vec<Constraint>, bool) {
    let all = Constraint::all(inst, limit);
    let mut kept = all.clone();
    let mut nodes_left = NODE_LIMIT;
    for c in all {
        let trial: Vec<Constraint> = kept.iter().copied().filter(|&x| x != c).collect();
        let (relaxed, relaxed_limit) = restrict(inst, limit, &trial);
        let (outcome, used) = solve(&relaxed, relaxed_limit, true, nodes_left);
        nodes_left = nodes_left.saturating_sub(used);
        match outcome {
            Outcome::Infeasible => kept = trial,
            Outcome::Found(_) => {}
            Outcome::NodeLimit => return (kept, false),
        }
    }
    (kept, true)
}

/// The constraints of `inst` under `limit` that conflict, as an error. If the searches run
/// out of nodes, the set is reported as reduced so far (still conflicting, maybe not smallest).
pub(super) fn explain(inst: &Instance, limit: CostLimit) -> PortfolioError {
    let (kept, reduced) = irreducible(inst, limit);
    let mut words: Vec<String> = kept.iter().map(|c| c.describe(inst, limit)).collect();
    if words.is_empty() {
        // Nothing but the items themselves (which cannot happen: the empty portfolio meets
        // every empty set of constraints); said rather than left blank.
        words.push("the options themselves".into());
    }
    if !reduced {
        words.push("(the search ran out of nodes before this list was made smallest)".into());
    }
    PortfolioError::Infeasible(words)
}
