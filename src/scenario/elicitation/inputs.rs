//! An elicitation's answers by id: their problems, the weights they give, and editing them.

#[allow(unused_imports)]
use std::collections::{HashMap, HashSet};

use super::*;

// ---------------------------------------------------------------------------------------------
// Records
// ---------------------------------------------------------------------------------------------

/// The weights an elicitation gives, and for pairwise judgements their consistency.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// `(item id, weight)` in the record's item order, summing to 1.
    pub weights: Vec<(String, f64)>,
    /// Consistency of pairwise judgements; `None` for the other methods.
    pub pairwise: Option<PairwiseResult>,
}

impl Outcome {
    /// The weight of `id`, if it is an item.
    pub fn weight(&self, id: &str) -> Option<f64> {
        self.weights.iter().find(|(k, _)| k == id).map(|&(_, w)| w)
    }
}

/// The item ids of an input, in its order (duplicates included).
pub fn items(input: &ElicitationInput) -> Vec<&str> {
    item_paths(input).1.into_iter().map(|(id, _)| id).collect()
}

/// The path of an input's item list, and each item with its own path.
pub(super) fn item_paths(input: &ElicitationInput) -> (&'static str, Vec<(&str, String)>) {
    match input {
        ElicitationInput::Direct { points } => (
            "input.points",
            points
                .iter()
                .map(|(id, _)| (id, format!("input.points[\"{id}\"]")))
                .collect(),
        ),
        ElicitationInput::Swing { swings } => (
            "input.swings",
            swings
                .iter()
                .enumerate()
                .map(|(m, (id, _))| (id.as_str(), format!("input.swings[{m}].0")))
                .collect(),
        ),
        ElicitationInput::Pairwise { items, .. } => (
            "input.items",
            items
                .iter()
                .enumerate()
                .map(|(m, id)| (id.as_str(), format!("input.items[{m}]")))
                .collect(),
        ),
        ElicitationInput::Ranking { order, .. } => (
            "input.order",
            order
                .iter()
                .enumerate()
                .flat_map(|(t, tier)| {
                    tier.iter()
                        .enumerate()
                        .map(move |(m, id)| (id.as_str(), format!("input.order[{t}][{m}]")))
                })
                .collect(),
        ),
    }
}

/// Every problem of an input on its own (values, duplicates, missing pairs), without the
/// scenario; fields start with `input.`.
pub fn input_problems(input: &ElicitationInput) -> Vec<ElicitationError> {
    let mut out = Vec::new();
    match input {
        ElicitationInput::Direct { points } => {
            if points.is_empty() {
                out.push(err("input.points", "no points given"));
            }
            let mut seen = HashSet::new();
            let mut sound = true;
            for (id, p) in points.iter() {
                let at = format!("input.points[\"{id}\"]");
                if !seen.insert(id) {
                    out.push(err(at, format!("`{id}` is given points twice")));
                    sound = false;
                } else if !p.is_finite() {
                    out.push(err(at, not_finite(p)));
                    sound = false;
                } else if p < 0.0 {
                    out.push(err(
                        at,
                        format!("{p} points is negative; points must be 0 or more"),
                    ));
                    sound = false;
                }
            }
            if sound && !points.is_empty() && points.iter().all(|(_, p)| p == 0.0) {
                out.push(err(
                    "input.points",
                    "every item has 0 points; at least one needs points above 0",
                ));
            }
        }
        ElicitationInput::Swing { swings } => {
            if swings.is_empty() {
                out.push(err("input.swings", "no swings given"));
            }
            let mut first: HashMap<&str, usize> = HashMap::new();
            for (m, (id, r)) in swings.iter().enumerate() {
                if let Some(j) = first.get(id.as_str()) {
                    out.push(err(
                        format!("input.swings[{m}].0"),
                        format!("`{id}` is rated twice (first at swings[{j}])"),
                    ));
                } else {
                    first.insert(id, m);
                }
                let before = m.checked_sub(1).map(|j| swings[j].1);
                if let Some(message) = swing_problem(m, *r, before) {
                    out.push(err(format!("input.swings[{m}].1"), message));
                }
            }
        }
        ElicitationInput::Pairwise {
            items, judgements, ..
        } => pairwise_problems(items, judgements, &mut out),
        ElicitationInput::Ranking { order, .. } => {
            if order.is_empty() {
                out.push(err("input.order", "no ranking given"));
            }
            let mut first: HashMap<&str, (usize, usize)> = HashMap::new();
            for (t, tier) in order.iter().enumerate() {
                if tier.is_empty() {
                    out.push(err(format!("input.order[{t}]"), "an empty rank; remove it"));
                }
                for (m, id) in tier.iter().enumerate() {
                    if let Some((t0, m0)) = first.get(id.as_str()) {
                        out.push(err(
                            format!("input.order[{t}][{m}]"),
                            format!("`{id}` is ranked twice (first at order[{t0}][{m0}])"),
                        ));
                    } else {
                        first.insert(id, (t, m));
                    }
                }
            }
        }
    }
    out
}

fn pairwise_problems(
    items: &[String],
    judgements: &[(String, String, f64)],
    out: &mut Vec<ElicitationError>,
) {
    if items.is_empty() {
        out.push(err("input.items", "no items to compare"));
    }
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (m, id) in items.iter().enumerate() {
        if let Some(j) = index.get(id.as_str()) {
            out.push(err(
                format!("input.items[{m}]"),
                format!("`{id}` is listed twice (first at items[{j}])"),
            ));
        } else {
            index.insert(id, m);
        }
    }
    let mut judged: HashMap<(usize, usize), usize> = HashMap::new();
    for (m, (a, b, x)) in judgements.iter().enumerate() {
        let at = format!("input.judgements[{m}]");
        let ia = index.get(a.as_str()).copied();
        let ib = index.get(b.as_str()).copied();
        if ia.is_none() {
            out.push(err(
                format!("{at}.0"),
                format!("`{a}` is not one of the items"),
            ));
        }
        if ib.is_none() {
            out.push(err(
                format!("{at}.1"),
                format!("`{b}` is not one of the items"),
            ));
        }
        if let (Some(i), Some(j)) = (ia, ib) {
            if i == j {
                out.push(err(at.clone(), format!("`{a}` is compared with itself")));
            } else if let Some(first) = judged.get(&(i.min(j), i.max(j))) {
                out.push(err(
                    at.clone(),
                    format!("`{a}` and `{b}` are compared twice (first at judgements[{first}])"),
                ));
            } else {
                judged.insert((i.min(j), i.max(j)), m);
            }
        }
        if let Some(message) = judgement_problem(*x) {
            out.push(err(format!("{at}.2"), message));
        }
    }
    // Only pairs of distinct, first-listed items can be missing.
    let unique: Vec<usize> = items
        .iter()
        .enumerate()
        .filter(|(m, id)| index.get(id.as_str()) == Some(m))
        .map(|(m, _)| m)
        .collect();
    // Every pair judged is a pair of first-listed items, so the count of missing pairs needs
    // no list of them; only the few shown are found, by a walk that stops after them (it
    // passes at most every judged pair on the way).
    let n = unique.len();
    let pairs = n * n.saturating_sub(1) / 2;
    let missing_count = pairs - judged.len().min(pairs);
    if missing_count > 0 {
        let shown: Vec<String> = unique
            .iter()
            .enumerate()
            .flat_map(|(p, &i)| unique[p + 1..].iter().map(move |&j| (i, j)))
            .filter(|pair| !judged.contains_key(pair))
            .take(SHOWN)
            .map(|(i, j)| format!("`{}`–`{}`", items[i], items[j]))
            .collect();
        out.push(err(
            "input.judgements",
            format!(
                "no judgement for {}; every pair of items needs one ({pairs} in all for {n} items)",
                shorten_of(&shown, missing_count),
            ),
        ));
    }
}

/// Weights (and consistency) from an input on its own; the first problem when it has any. The
/// dialogs call this on every change for a live preview.
pub fn compute(input: &ElicitationInput) -> Result<Outcome, ElicitationError> {
    if let Some(problem) = input_problems(input).into_iter().next() {
        return Err(problem);
    }
    let with_ids = |ids: Vec<&str>, weights: Vec<f64>| -> Vec<(String, f64)> {
        ids.into_iter().map(str::to_string).zip(weights).collect()
    };
    let at = |base: &str, e: ElicitationError| err(format!("{base}{}", e.field), e.message);
    match input {
        ElicitationInput::Direct { points } => {
            let values: Vec<f64> = points.iter().map(|(_, p)| p).collect();
            let weights = direct_weights(&values).map_err(|e| at("input.points", e))?;
            Ok(Outcome {
                weights: with_ids(items(input), weights),
                pairwise: None,
            })
        }
        ElicitationInput::Swing { swings } => {
            let ratings: Vec<f64> = swings.iter().map(|s| s.1).collect();
            let weights = swing_weights(&ratings).map_err(|e| at("input.swings", e))?;
            Ok(Outcome {
                weights: with_ids(items(input), weights),
                pairwise: None,
            })
        }
        ElicitationInput::Pairwise {
            items: ids,
            judgements,
            weighting,
        } => {
            let a = pairwise_matrix(ids, judgements)?;
            let mut result = pairwise_weights(&a, *weighting).map_err(|e| at("input", e))?;
            if let Some(worst) = result.most_inconsistent.as_mut() {
                orient(worst, ids, judgements);
            }
            Ok(Outcome {
                weights: with_ids(items(input), result.weights.clone()),
                pairwise: Some(result),
            })
        }
        ElicitationInput::Ranking { order, rule } => {
            let ranks: Vec<u32> = order
                .iter()
                .enumerate()
                .flat_map(|(t, tier)| {
                    std::iter::repeat_n(u32::try_from(t).unwrap_or(u32::MAX), tier.len())
                })
                .collect();
            let weights = ranking_weights(&ranks, *rule).map_err(|e| at("input.order", e))?;
            Ok(Outcome {
                weights: with_ids(items(input), weights),
                pairwise: None,
            })
        }
    }
}

/// The reciprocal matrix of `items` (in their order) from judgements naming them, in either
/// order: `(a, b, x)` sets `a_ab = x` and `a_ba = 1/x`.
pub fn pairwise_matrix(
    items: &[String],
    judgements: &[(String, String, f64)],
) -> Result<Vec<Vec<f64>>, ElicitationError> {
    let mut problems = Vec::new();
    pairwise_problems(items, judgements, &mut problems);
    if let Some(problem) = problems.into_iter().next() {
        return Err(problem);
    }
    let index: HashMap<&str, usize> = items
        .iter()
        .enumerate()
        .map(|(m, id)| (id.as_str(), m))
        .collect();
    let n = items.len();
    let mut a = vec![vec![1.0; n]; n];
    for (x, y, v) in judgements {
        if let (Some(&i), Some(&j)) = (index.get(x.as_str()), index.get(y.as_str())) {
            a[i][j] = *v;
            a[j][i] = 1.0 / v;
        }
    }
    Ok(a)
}

/// Points the inconsistency at the judgement the user wrote, in the order they wrote it.
fn orient(worst: &mut Inconsistency, items: &[String], judgements: &[(String, String, f64)]) {
    let (row, col) = (&items[worst.row], &items[worst.col]);
    let found = judgements
        .iter()
        .position(|(a, b, _)| (a == row && b == col) || (a == col && b == row));
    worst.judgement = found;
    if found.is_some_and(|m| &judgements[m].0 == col) {
        std::mem::swap(&mut worst.row, &mut worst.col);
        worst.given = 1.0 / worst.given;
        worst.consistent = 1.0 / worst.consistent;
        worst.nearest_scale = nearest_saaty(worst.consistent);
    }
}

/// Sets the judgement of `a` against `b` to `x`, replacing one given for the pair in either
/// order (it is rewritten as `(a, b, x)`), or adding it.
pub fn set_judgement(judgements: &mut Vec<(String, String, f64)>, a: &str, b: &str, x: f64) {
    let entry = (a.to_string(), b.to_string(), x);
    match judgements
        .iter_mut()
        .find(|(p, q, _)| (p == a && q == b) || (p == b && q == a))
    {
        Some(j) => *j = entry,
        None => judgements.push(entry),
    }
}

/// How many times `a` matters as much as `b` according to the judgements, if they judge the pair.
pub fn judgement(judgements: &[(String, String, f64)], a: &str, b: &str) -> Option<f64> {
    judgements.iter().find_map(|(p, q, x)| {
        if p == a && q == b {
            Some(*x)
        } else if p == b && q == a {
            Some(1.0 / x)
        } else {
            None
        }
    })
}

/// An input that gives `items` equal weights: the starting point of a new elicitation. Equal
/// points; all swings rated 100; every pair judged 1; everything tied in one rank.
pub fn blank_input(method: Elicitation, items: &[String]) -> ElicitationInput {
    match method {
        Elicitation::Direct => ElicitationInput::Direct {
            points: items.iter().map(|id| (id.clone(), 1.0)).collect(),
        },
        Elicitation::Swing => ElicitationInput::Swing {
            swings: items.iter().map(|id| (id.clone(), 100.0)).collect(),
        },
        Elicitation::Pairwise => ElicitationInput::Pairwise {
            items: items.to_vec(),
            judgements: items
                .iter()
                .enumerate()
                .flat_map(|(i, a)| items[i + 1..].iter().map(|b| (a.clone(), b.clone(), 1.0)))
                .collect(),
            weighting: PairwiseWeighting::default(),
        },
        Elicitation::Ranking => ElicitationInput::Ranking {
            order: vec![items.to_vec()],
            rule: RankRule::default(),
        },
    }
}
