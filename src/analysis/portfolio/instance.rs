//! A portfolio problem as plain data ([`Instance`]), and how a scenario becomes one
//! ([`setup`]: costs, relations, constraints; [`Setup::with_scores`]: the values).

use std::collections::HashMap;

use super::{MAX_CANDIDATES, PortfolioError, check_additive};
use crate::analysis::scoring::score_with;
use crate::scenario::model::{Method, Normalization, Relation, Scenario};

/// One option that may be a member.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub id: String,
    /// Its score above the baseline's (or its score, without a baseline).
    pub value: f64,
    pub cost: f64,
    /// Its use of the second resource (0 without one).
    pub resource: f64,
    /// Index into [`Instance::clusters`], when its cluster has limits.
    pub cluster: Option<usize>,
}

/// The fewest and most members from one cluster.
#[derive(Clone, Debug, PartialEq)]
pub struct ClusterBound {
    pub id: String,
    pub min: u32,
    pub max: Option<u32>,
}

/// Everything the solver needs; indices are into `items`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Instance {
    pub items: Vec<Item>,
    /// `(a, b, effect)`: added to the value when both are members.
    pub effects: Vec<(usize, usize, f64)>,
    /// Never both.
    pub excludes: Vec<(usize, usize)>,
    /// `(a, b)`: `a` only with `b`.
    pub requires: Vec<(usize, usize)>,
    /// Members of every portfolio.
    pub include: Vec<usize>,
    /// Members of none.
    pub exclude: Vec<usize>,
    pub clusters: Vec<ClusterBound>,
    /// The most the members may cost; `None`: no limit.
    pub budget: Option<f64>,
    /// The most they may use of the second resource; `None`: no second resource.
    pub resource_limit: Option<f64>,
    /// The resource's name and the cost's unit, for messages.
    pub resource_name: String,
    pub cost_unit: String,
}

/// A scenario's portfolio problem before scoring: the instance (values 0) and where each
/// item's score comes from, so that each SMAA draw or profile only sets the values.
#[derive(Clone, Debug)]
pub struct Setup {
    pub instance: Instance,
    /// The scenario option of each item.
    pub option_of: Vec<usize>,
    /// The baseline's option index.
    pub baseline: Option<usize>,
}

impl Setup {
    /// The instance with each item's value: its score minus the baseline's.
    pub fn with_scores(&self, scores: &[f64]) -> Instance {
        let mut inst = self.instance.clone();
        self.set_values(&mut inst, scores);
        inst
    }

    /// Sets `inst`'s values from the scores of every scenario option.
    pub fn set_values(&self, inst: &mut Instance, scores: &[f64]) {
        let base = self.baseline.map_or(0.0, |b| scores[b]);
        for (item, &o) in inst.items.iter_mut().zip(&self.option_of) {
            item.value = scores[o] - base;
        }
    }
}

/// The portfolio problem of `scenario` under `budget` (`None`: no budget). Every option but the
/// baseline is an item; an option kept out by `exclude` may lack a cost (it is never chosen, and
/// counts 0 when a conflict is explained), every other one needs one.
pub fn setup(scenario: &Scenario, budget: Option<f64>) -> Result<Setup, PortfolioError> {
    if let Some(b) = budget
        && !(b.is_finite() && b >= 0.0)
    {
        return Err(PortfolioError::Budget(b));
    }
    let p = &scenario.settings.portfolio;
    let baseline = scenario.option_index(&p.baseline);
    let option_of: Vec<usize> = (0..scenario.options.len())
        .filter(|&o| Some(o) != baseline)
        .collect();
    if option_of.len() > MAX_CANDIDATES {
        return Err(PortfolioError::TooMany(option_of.len()));
    }
    let index: HashMap<&str, usize> = option_of
        .iter()
        .enumerate()
        .map(|(i, &o)| (scenario.options[o].id.as_str(), i))
        .collect();
    let clusters: Vec<ClusterBound> = p
        .clusters
        .iter()
        .filter(|c| scenario.clusters.iter().any(|x| x.id == c.cluster))
        .map(|c| ClusterBound {
            id: c.cluster.clone(),
            min: c.min,
            max: c.max,
        })
        .collect();
    let mut items = Vec::with_capacity(option_of.len());
    for &o in &option_of {
        let opt = &scenario.options[o];
        let kept_out = p.exclude.contains(&opt.id);
        let cost = match opt.cost {
            Some(c) => c,
            None if kept_out => 0.0,
            None => return Err(PortfolioError::NoCost(opt.id.clone())),
        };
        let resource = match &p.resource {
            None => 0.0,
            Some(r) => match r.uses.get(&opt.id) {
                Some(&x) => x,
                None if kept_out => 0.0,
                None => return Err(PortfolioError::NoResourceUse(opt.id.clone())),
            },
        };
        items.push(Item {
            id: opt.id.clone(),
            value: 0.0,
            cost,
            resource,
            cluster: clusters.iter().position(|c| c.id == opt.cluster),
        });
    }
    let mut inst = Instance {
        items,
        budget,
        resource_limit: p.resource.as_ref().map(|r| r.limit),
        resource_name: p
            .resource
            .as_ref()
            .map_or_else(String::new, |r| r.name.clone()),
        cost_unit: scenario.settings.cost_unit.clone(),
        clusters,
        ..Instance::default()
    };
    for (&o, a) in option_of.iter().zip(0..) {
        for x in &scenario.options[o].interactions {
            // Validation refuses unknown options and the baseline; skip them if unchecked.
            let Some(&b) = index.get(x.with.as_str()) else {
                continue;
            };
            if a == b {
                continue;
            }
            match x.relation {
                Relation::Effect => inst.effects.push((a, b, x.effect)),
                Relation::Excludes => inst.excludes.push((a, b)),
                Relation::Requires => inst.requires.push((a, b)),
            }
        }
    }
    inst.include = p
        .include
        .iter()
        .filter_map(|id| index.get(id.as_str()).copied())
        .collect();
    inst.exclude = p
        .exclude
        .iter()
        .filter_map(|id| index.get(id.as_str()).copied())
        .collect();
    Ok(Setup {
        instance: inst,
        option_of,
        baseline,
    })
}

/// The scenario's portfolio problem scored with `method` under profile `profile`.
pub fn scored(
    scenario: &Scenario,
    profile: usize,
    method: Method,
    normalization: Normalization,
    budget: Option<f64>,
) -> Result<Instance, PortfolioError> {
    check_additive(method)?;
    let s = setup(scenario, budget)?;
    let ranking = score_with(scenario, profile, method, normalization)?;
    Ok(s.with_scores(&ranking.scores))
}
