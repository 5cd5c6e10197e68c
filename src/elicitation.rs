//! Weight elicitation: direct points, swing weighting, pairwise comparisons (AHP) and rankings
//! turned into weights; checking an elicitation record against the scenario and applying it to a
//! profile.
//!
//! The math works on plain numbers (`direct_weights`, `swing_weights`, `pairwise_weights`,
//! `ranking_weights`); the record functions work on ids (`compute`, `check_record`,
//! `apply_record`). Formulas, options and sources: `docs/methods.md`, "Weight elicitation".

use std::collections::{HashMap, HashSet};
use std::fmt;

use crate::model::{
    Elicitation, ElicitationInput, ElicitationRecord, ElicitationScope, PairwiseWeighting,
    RankRule, Scenario, WeightProfile,
};
use crate::weights::{WeightMap, criterion_shares, normalized};

/// A problem with elicitation inputs: the field at fault, relative to what was checked (e.g.
/// `input.judgements[2].2`, or `[3]` for the fourth number given to a math function), and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ElicitationError {
    pub field: String,
    pub message: String,
}

impl fmt::Display for ElicitationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.field, self.message)
        }
    }
}

impl std::error::Error for ElicitationError {}

fn err(field: impl Into<String>, message: impl Into<String>) -> ElicitationError {
    ElicitationError {
        field: field.into(),
        message: message.into(),
    }
}

// ---------------------------------------------------------------------------------------------
// Direct points and swings
// ---------------------------------------------------------------------------------------------

/// Weights from points given directly: `p_i / Σ p`. Points must be finite, 0 or more, and not
/// all 0.
pub fn direct_weights(points: &[f64]) -> Result<Vec<f64>, ElicitationError> {
    if points.is_empty() {
        return Err(err("", "no points given"));
    }
    for (k, &p) in points.iter().enumerate() {
        if !p.is_finite() {
            return Err(err(format!("[{k}]"), not_finite(p)));
        }
        if p < 0.0 {
            return Err(err(
                format!("[{k}]"),
                format!("{p} points is negative; points must be 0 or more"),
            ));
        }
    }
    let total: f64 = points.iter().sum();
    if total <= 0.0 {
        return Err(err(
            "",
            "every item has 0 points; at least one needs points above 0",
        ));
    }
    Ok(points.iter().map(|p| p / total).collect())
}

/// Swing weights (von Winterfeldt & Edwards 1986; Edwards & Barron 1994): `ratings` are in the
/// order the swings were ranked, best first. The top swing is rated 100 by definition; every
/// other from 0 to 100 and not above a swing ranked before it (equal ratings are ties). Weight
/// = rating / Σ ratings.
///
/// A rating above one ranked before it is refused rather than accepted with a warning: the
/// ranking and the ratings then disagree and only the user can say which is meant. The dialog
/// can re-rank with [`sort_swings`].
pub fn swing_weights(ratings: &[f64]) -> Result<Vec<f64>, ElicitationError> {
    if ratings.is_empty() {
        return Err(err("", "no swings given"));
    }
    for (k, &r) in ratings.iter().enumerate() {
        if let Some(message) = swing_problem(k, r, k.checked_sub(1).map(|j| ratings[j])) {
            return Err(err(format!("[{k}]"), message));
        }
    }
    let total: f64 = ratings.iter().sum();
    Ok(ratings.iter().map(|r| r / total).collect())
}

/// What is wrong with rating `r` at rank position `k`, given the rating ranked just before it.
fn swing_problem(k: usize, r: f64, before: Option<f64>) -> Option<String> {
    if !r.is_finite() {
        return Some(not_finite(r));
    }
    if !(0.0..=100.0).contains(&r) {
        return Some(format!("rating {r} is outside 0 to 100"));
    }
    if k == 0 && r != 100.0 {
        return Some(format!(
            "the top-ranked swing is rated 100 by definition, found {r}"
        ));
    }
    match before {
        Some(b) if b.is_finite() && r > b => Some(format!(
            "rating {r} is above the {b} of the swing ranked before it; rank the swings again (best first) or lower this rating"
        )),
        _ => None,
    }
}

/// Orders swings best first by rating (a stable sort: tied swings keep their order), so that a
/// rating typed above a higher-ranked one re-ranks the swing instead of being refused.
pub fn sort_swings(swings: &mut [(String, f64)]) {
    swings.sort_by(|a, b| b.1.total_cmp(&a.1));
}

// ---------------------------------------------------------------------------------------------
// Pairwise comparisons (AHP)
// ---------------------------------------------------------------------------------------------

/// Saaty's fundamental scale and its reciprocals, smallest first: 1/9, 1/8, …, 1/2, 1, 2, …, 9.
pub const SAATY_SCALE: [f64; 17] = [
    1.0 / 9.0,
    1.0 / 8.0,
    1.0 / 7.0,
    1.0 / 6.0,
    1.0 / 5.0,
    1.0 / 4.0,
    1.0 / 3.0,
    1.0 / 2.0,
    1.0,
    2.0,
    3.0,
    4.0,
    5.0,
    6.0,
    7.0,
    8.0,
    9.0,
];

/// Consistency ratio above which judgements are flagged (Saaty's 10 % rule).
pub const CR_THRESHOLD: f64 = 0.10;

/// Most power iterations for the principal eigenvector.
pub const MAX_ITERATIONS: usize = 10_000;

/// Power iteration stops when no weight moves by more than this.
const TOLERANCE: f64 = 1e-12;

/// Slack on the ends of the scale, so that 1/9 may be written `0.111`.
const SCALE_SLACK: f64 = 1e-3;

/// Saaty's random index for n = 3..=15: Saaty, *Theory and Applications of the Analytic
/// Network Process* (RWS, 2005), p. 31, as tabulated by AHPy (`random_index='saaty'`).
const RANDOM_INDEX: [f64; 13] = [
    0.52, 0.89, 1.11, 1.25, 1.35, 1.40, 1.45, 1.49, 1.52, 1.54, 1.56, 1.58, 1.59,
];

/// The random index for `n` items: 0 for n ≤ 2 (always consistent), Saaty's table for 3..=15,
/// `None` beyond it (no published value; the consistency ratio is then not computed).
pub fn random_index(n: usize) -> Option<f64> {
    match n {
        0..=2 => Some(0.0),
        _ => RANDOM_INDEX.get(n - 3).copied(),
    }
}

/// Whether `x` is a judgement on Saaty's scale: finite, from 1/9 to 9 (1/9 may be written
/// `0.111`). Any ratio in between is accepted, not only the scale's 17 values.
pub fn judgement_problem(x: f64) -> Option<String> {
    if !x.is_finite() {
        return Some(not_finite(x));
    }
    if x <= 0.0 {
        return Some(format!(
            "judgement {x} is not a ratio above 0; use 1/9 to 9 (e.g. 0.333 for 1/3)"
        ));
    }
    if !(SAATY_SCALE[0] * (1.0 - SCALE_SLACK)..=9.0 * (1.0 + SCALE_SLACK)).contains(&x) {
        return Some(format!("judgement {x} is outside Saaty's scale 1/9 to 9"));
    }
    None
}

/// The value of [`SAATY_SCALE`] nearest to `x` as a ratio (by |ln x − ln s|).
pub fn nearest_saaty(x: f64) -> f64 {
    if !(x.is_finite() && x > 0.0) {
        return 1.0;
    }
    let lx = x.ln();
    SAATY_SCALE
        .iter()
        .copied()
        .min_by(|a, b| (a.ln() - lx).abs().total_cmp(&(b.ln() - lx).abs()))
        .unwrap_or(1.0)
}

/// The reciprocal matrix of `n` items from the upper triangle of judgements, row by row:
/// `upper = [a_12, a_13, …, a_1n, a_23, …, a_(n−1)n]`; `a_ji = 1 / a_ij`, `a_ii = 1`.
pub fn reciprocal_matrix(n: usize, upper: &[f64]) -> Result<Vec<Vec<f64>>, ElicitationError> {
    let needed = n * n.saturating_sub(1) / 2;
    if upper.len() != needed {
        return Err(err(
            "",
            format!(
                "{n} items need {needed} judgements (every pair once), found {}",
                upper.len()
            ),
        ));
    }
    if let Some((k, message)) = upper
        .iter()
        .enumerate()
        .find_map(|(k, &x)| judgement_problem(x).map(|m| (k, m)))
    {
        return Err(err(format!("[{k}]"), message));
    }
    let mut a = vec![vec![1.0; n]; n];
    let pairs = (0..n).flat_map(|i| (i + 1..n).map(move |j| (i, j)));
    for ((i, j), &x) in pairs.zip(upper) {
        a[i][j] = x;
        a[j][i] = 1.0 / x;
    }
    Ok(a)
}

/// The result of a set of pairwise comparisons.
#[derive(Clone, Debug, PartialEq)]
pub struct PairwiseResult {
    /// Weights in item order, summing to 1 (by the chosen weighting).
    pub weights: Vec<f64>,
    /// Principal eigenvalue of the matrix (n for consistent judgements).
    pub lambda_max: f64,
    /// Consistency index (λmax − n) / (n − 1); 0 for n ≤ 2.
    pub ci: f64,
    /// Saaty's random index for n; `None` above 15 items.
    pub random_index: Option<f64>,
    /// Consistency ratio CI / RI; 0 for n ≤ 2; `None` above 15 items.
    pub cr: Option<f64>,
    /// CR above [`CR_THRESHOLD`]: the judgements deserve a second look.
    pub warning: bool,
    /// Power iterations used for the eigenvector.
    pub iterations: usize,
    /// False when the iteration cap was reached first (the last iterate is used; it is still
    /// a positive vector summing to 1).
    pub converged: bool,
    /// The judgement furthest from what the weights imply; `None` when all are consistent.
    pub most_inconsistent: Option<Inconsistency>,
}

/// The judgement that fits the weights worst, and the value that would fit them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Inconsistency {
    /// The judgement is `a[row][col]`: how many times `row` matters as much as `col`.
    pub row: usize,
    pub col: usize,
    /// Index of the judgement in a record's `judgements` (set by [`compute`]; row and col then
    /// follow that judgement's own order).
    pub judgement: Option<usize>,
    /// The value given.
    pub given: f64,
    /// The value consistent with the weights: `w_row / w_col`.
    pub consistent: f64,
    /// `consistent` snapped to the nearest value of Saaty's scale.
    pub nearest_scale: f64,
    /// |ln(given · w_col / w_row)|: how far off the judgement is, as a log ratio.
    pub log_error: f64,
}

/// Weights and consistency of a reciprocal matrix (positive, `a_ii = 1`, `a_ji = 1/a_ij`).
///
/// The eigenvector is found by power iteration from the geometric-mean vector, to a change of
/// at most 1e-12 per weight or [`MAX_ITERATIONS`]; λmax and CR always come from the
/// eigenvector (a property of the matrix), whatever the `weighting`. The most inconsistent
/// judgement is judged against the weights returned.
pub fn pairwise_weights(
    a: &[Vec<f64>],
    weighting: PairwiseWeighting,
) -> Result<PairwiseResult, ElicitationError> {
    check_reciprocal(a)?;
    let n = a.len();
    let gm = geometric_mean_weights(a);
    let (eigen, iterations, converged) = principal_eigenvector(a, gm.clone());
    let lambda_max: f64 = mat_vec(a, &eigen).iter().sum();
    let ci = if n <= 2 {
        0.0
    } else {
        ((lambda_max - n as f64) / (n as f64 - 1.0)).max(0.0)
    };
    let random_index = random_index(n);
    let cr = match random_index {
        _ if n <= 2 => Some(0.0),
        Some(ri) if ri > 0.0 => Some(ci / ri),
        _ => None,
    };
    let weights = match weighting {
        PairwiseWeighting::Eigenvector => eigen,
        PairwiseWeighting::GeometricMean => gm,
    };
    let most_inconsistent = most_inconsistent(a, &weights);
    Ok(PairwiseResult {
        weights,
        lambda_max,
        ci,
        random_index,
        cr,
        warning: cr.is_some_and(|c| c > CR_THRESHOLD),
        iterations,
        converged,
        most_inconsistent,
    })
}

fn check_reciprocal(a: &[Vec<f64>]) -> Result<(), ElicitationError> {
    let n = a.len();
    if n == 0 {
        return Err(err("", "no items to compare"));
    }
    for (i, row) in a.iter().enumerate() {
        if row.len() != n {
            return Err(err(
                format!("[{i}]"),
                format!("row has {} entries; the matrix is {n} × {n}", row.len()),
            ));
        }
        for (j, &x) in row.iter().enumerate() {
            let at = format!("[{i}][{j}]");
            if !(x.is_finite() && x > 0.0) {
                return Err(err(at, format!("{x} is not a ratio above 0")));
            }
            let back = a[j][i];
            if ((x * back) - 1.0).abs() > 1e-9 {
                return Err(err(
                    at,
                    format!("{x} and its mirror {back} are not reciprocals"),
                ));
            }
        }
    }
    Ok(())
}

/// Row geometric means, normalised: `w_i ∝ (Π_j a_ij)^(1/n)`, computed through logs.
fn geometric_mean_weights(a: &[Vec<f64>]) -> Vec<f64> {
    let n = a.len() as f64;
    normalized(
        a.iter()
            .map(|row| (row.iter().map(|x| x.ln()).sum::<f64>() / n).exp())
            .collect(),
    )
}

fn mat_vec(a: &[Vec<f64>], w: &[f64]) -> Vec<f64> {
    a.iter()
        .map(|row| row.iter().zip(w).map(|(x, y)| x * y).sum())
        .collect()
}

/// Power iteration. The matrix is positive, so (Perron–Frobenius) the iterates stay positive
/// and converge to the principal eigenvector; the sum can never be 0.
fn principal_eigenvector(a: &[Vec<f64>], start: Vec<f64>) -> (Vec<f64>, usize, bool) {
    let mut w = start;
    for iteration in 1..=MAX_ITERATIONS {
        let next = normalized(mat_vec(a, &w));
        let change = next
            .iter()
            .zip(&w)
            .map(|(x, y)| (x - y).abs())
            .fold(0.0, f64::max);
        w = next;
        if change <= TOLERANCE {
            return (w, iteration, true);
        }
    }
    (w, MAX_ITERATIONS, false)
}

fn most_inconsistent(a: &[Vec<f64>], w: &[f64]) -> Option<Inconsistency> {
    let n = a.len();
    let mut worst: Option<Inconsistency> = None;
    for i in 0..n {
        for j in i + 1..n {
            if w[i] <= 0.0 || w[j] <= 0.0 {
                continue;
            }
            let consistent = w[i] / w[j];
            let log_error = (a[i][j] / consistent).ln().abs();
            if worst.is_none_or(|x| log_error > x.log_error) {
                worst = Some(Inconsistency {
                    row: i,
                    col: j,
                    judgement: None,
                    given: a[i][j],
                    consistent,
                    nearest_scale: nearest_saaty(consistent),
                    log_error,
                });
            }
        }
    }
    // Rounding leaves ~1e-15 on consistent judgements: nothing to point at.
    worst.filter(|x| x.log_error > 1e-9)
}

// ---------------------------------------------------------------------------------------------
// Rankings
// ---------------------------------------------------------------------------------------------

/// The weight of each rank position 1..=n with no ties, summing to 1.
///
/// - centroid (Barron & Barrett 1996): w_k = (1/n) Σ_{i=k..n} 1/i
/// - rank sum: w_k = 2 (n + 1 − k) / (n (n + 1))
/// - reciprocal: w_k = (1/k) / Σ_{i=1..n} 1/i
pub fn position_weights(n: usize, rule: RankRule) -> Vec<f64> {
    let nf = n as f64;
    let harmonic = |from: usize| (from..=n).map(|i| 1.0 / i as f64).sum::<f64>();
    (1..=n)
        .map(|k| match rule {
            RankRule::Centroid => harmonic(k) / nf,
            RankRule::RankSum => 2.0 * (nf + 1.0 - k as f64) / (nf * (nf + 1.0)),
            RankRule::Reciprocal => (1.0 / k as f64) / harmonic(1),
        })
        .collect()
}

/// Weights from ranks (smaller = more important; any numbers, only their order counts), in the
/// order given. Items with equal ranks are tied: they occupy consecutive positions and each gets
/// the mean of those positions' weights, so the weights still sum to 1.
pub fn ranking_weights(ranks: &[u32], rule: RankRule) -> Result<Vec<f64>, ElicitationError> {
    if ranks.is_empty() {
        return Err(err("", "nothing to rank"));
    }
    let positions = position_weights(ranks.len(), rule);
    let mut order: Vec<usize> = (0..ranks.len()).collect();
    order.sort_by_key(|&i| ranks[i]);
    let mut weights = vec![0.0; ranks.len()];
    let mut start = 0;
    while start < order.len() {
        let rank = ranks[order[start]];
        let end = start
            + order[start..]
                .iter()
                .take_while(|&&i| ranks[i] == rank)
                .count();
        let share = positions[start..end].iter().sum::<f64>() / (end - start) as f64;
        for &i in &order[start..end] {
            weights[i] = share;
        }
        start = end;
    }
    Ok(weights)
}

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
fn item_paths(input: &ElicitationInput) -> (&'static str, Vec<(&str, String)>) {
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
    let mut missing = Vec::new();
    for (p, &i) in unique.iter().enumerate() {
        for &j in &unique[p + 1..] {
            if !judged.contains_key(&(i, j)) {
                missing.push(format!("`{}`–`{}`", items[i], items[j]));
            }
        }
    }
    if !missing.is_empty() {
        let n = unique.len();
        out.push(err(
            "input.judgements",
            format!(
                "no judgement for {}; every pair of items needs one ({} in all for {n} items)",
                shorten(&missing),
                n * (n - 1) / 2
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

/// The ids a scope weighs, in scenario order; `None` when it names an unknown family.
pub fn scope_members<'a>(scenario: &'a Scenario, scope: &ElicitationScope) -> Option<Vec<&'a str>> {
    match scope {
        ElicitationScope::Families => {
            Some(scenario.families.iter().map(|f| f.id.as_str()).collect())
        }
        ElicitationScope::Family(id) => scenario.families.iter().any(|f| &f.id == id).then(|| {
            scenario
                .criteria
                .iter()
                .filter(|c| &c.family == id)
                .map(|c| c.id.as_str())
                .collect()
        }),
    }
}

/// A short description of a scope, for labels and menus: "family weights", "weights within
/// economic" (the family's id).
pub fn scope_label(scope: &ElicitationScope) -> String {
    match scope {
        ElicitationScope::Families => "family weights".to_string(),
        ElicitationScope::Family(id) => format!("weights within {id}"),
    }
}

/// Every problem of a record in `scenario`: its scope exists, its items are exactly the scope's
/// members, and its inputs are sound. Fields are relative to the record (`scope`,
/// `input.judgements[0].2`, …).
pub fn check_record(scenario: &Scenario, record: &ElicitationRecord) -> Vec<ElicitationError> {
    let mut out = Vec::new();
    match scope_members(scenario, &record.scope) {
        None => out.push(err(
            "scope",
            format!(
                "unknown family `{}`; expected one of {}",
                scope_family(&record.scope),
                listed(scenario.families.iter().map(|f| f.id.as_str()))
            ),
        )),
        Some(members) if members.is_empty() => out.push(err(
            "scope",
            format!(
                "family `{}` has no criteria to weigh",
                scope_family(&record.scope)
            ),
        )),
        Some(members) => membership_problems(scenario, record, &members, &mut out),
    }
    out.extend(input_problems(&record.input));
    out
}

fn scope_family(scope: &ElicitationScope) -> &str {
    match scope {
        ElicitationScope::Families => "",
        ElicitationScope::Family(id) => id,
    }
}

fn membership_problems(
    scenario: &Scenario,
    record: &ElicitationRecord,
    members: &[&str],
    out: &mut Vec<ElicitationError>,
) {
    let (list_path, items) = item_paths(&record.input);
    let mut seen = HashSet::new();
    for (id, path) in items {
        if !seen.insert(id) || members.contains(&id) {
            continue;
        }
        let message = match &record.scope {
            ElicitationScope::Families => format!(
                "unknown family `{id}`; expected one of {}",
                listed(members.iter().copied())
            ),
            ElicitationScope::Family(family) => {
                match scenario.criteria.iter().find(|c| c.id == id) {
                    Some(c) => format!(
                        "criterion `{id}` belongs to family `{}`, not `{family}`",
                        c.family
                    ),
                    None => format!(
                        "unknown criterion `{id}`; the criteria of family `{family}` are {}",
                        listed(members.iter().copied())
                    ),
                }
            }
        };
        out.push(err(path, message));
    }
    let missing: Vec<&str> = members
        .iter()
        .copied()
        .filter(|m| !seen.contains(m))
        .collect();
    if !missing.is_empty() {
        let scope = match &record.scope {
            ElicitationScope::Families => "every family".to_string(),
            ElicitationScope::Family(f) => format!("every criterion of family `{f}`"),
        };
        out.push(err(
            list_path,
            format!(
                "no input for {}; a record covers {scope}",
                listed(missing.into_iter())
            ),
        ));
    }
}

/// Every problem of a profile's records, fields starting `[k].`; also refuses a second record
/// for the same scope.
pub fn check_records(scenario: &Scenario, records: &[ElicitationRecord]) -> Vec<ElicitationError> {
    let mut out = Vec::new();
    let mut first: HashMap<&ElicitationScope, usize> = HashMap::new();
    for (k, record) in records.iter().enumerate() {
        if let Some(j) = first.get(&record.scope) {
            out.push(err(
                format!("[{k}].scope"),
                format!(
                    "a second record for {} (first at elicited[{j}]); keep one record per scope",
                    match &record.scope {
                        ElicitationScope::Families => "the family weights".to_string(),
                        ElicitationScope::Family(id) => format!("the weights within `{id}`"),
                    }
                ),
            ));
        } else {
            first.insert(&record.scope, k);
        }
        out.extend(
            check_record(scenario, record)
                .into_iter()
                .map(|e| err(format!("[{k}].{}", e.field), e.message)),
        );
    }
    out
}

/// The profile's record for `scope`, to reopen and revise.
pub fn find_record<'a>(
    profile: &'a WeightProfile,
    scope: &ElicitationScope,
) -> Option<&'a ElicitationRecord> {
    profile.elicited.iter().find(|r| &r.scope == scope)
}

/// Applies an elicitation to profile `profile_id`: computes its weights, writes them into the
/// profile's map for the record's scope, replaces any earlier record for that scope and sets
/// the profile's `elicitation` tag to the record's method. Returns the new profile; the scenario
/// is not changed (use `Edit::Elicit` for a validated, undoable change).
///
/// For a family's criteria, an empty `criterion_weights` (equal within every family) is first
/// written out in full, so the other families keep their shares.
pub fn apply_record(
    scenario: &Scenario,
    profile_id: &str,
    record: &ElicitationRecord,
) -> Result<WeightProfile, ElicitationError> {
    let i = scenario
        .profile_index(profile_id)
        .ok_or_else(|| err("", format!("no profile `{profile_id}`")))?;
    if let Some(problem) = check_record(scenario, record).into_iter().next() {
        return Err(problem);
    }
    let outcome = compute(&record.input)?;
    let mut profile = scenario.profiles[i].clone();
    match &record.scope {
        ElicitationScope::Families => {
            profile.family_weights = scenario
                .families
                .iter()
                .map(|f| (f.id.clone(), outcome.weight(&f.id).unwrap_or(0.0)))
                .collect();
        }
        ElicitationScope::Family(_) => {
            if profile.criterion_weights.is_empty() {
                profile.criterion_weights = scenario
                    .criteria
                    .iter()
                    .map(|c| c.id.clone())
                    .zip(criterion_shares(scenario, &profile))
                    .collect();
            }
            for (id, w) in &outcome.weights {
                profile.criterion_weights.set(id, *w);
            }
        }
    }
    match profile
        .elicited
        .iter_mut()
        .find(|r| r.scope == record.scope)
    {
        Some(old) => *old = record.clone(),
        None => profile.elicited.push(record.clone()),
    }
    profile.elicitation = record.input.method();
    Ok(profile)
}

/// Whether the profile's weights in the record's scope are still the ones the record gives
/// (shares equal within 1e-6). False once a weight it set has been edited by hand: the record
/// is kept, and the UI can say "weights edited since elicitation".
pub fn record_matches_weights(profile: &WeightProfile, record: &ElicitationRecord) -> bool {
    let Ok(outcome) = compute(&record.input) else {
        return false;
    };
    let map: &WeightMap = match record.scope {
        ElicitationScope::Families => &profile.family_weights,
        ElicitationScope::Family(_) => &profile.criterion_weights,
    };
    let raw: Vec<f64> = outcome
        .weights
        .iter()
        .map(|(id, _)| {
            if map.is_empty() {
                1.0
            } else {
                map.get(id).unwrap_or(0.0)
            }
        })
        .collect();
    normalized(raw)
        .iter()
        .zip(&outcome.weights)
        .all(|(now, (_, elicited))| (now - elicited).abs() <= 1e-6)
}

/// Removes records whose items no longer match their scope's members (after a criterion is
/// added, removed or moved, or a family goes): their inputs describe another tree. The weights
/// they produced stay. Returns how many were removed.
pub fn drop_stale_records(scenario: &mut Scenario) -> usize {
    let mut stale: Vec<(usize, usize)> = Vec::new();
    for (p, profile) in scenario.profiles.iter().enumerate() {
        for (k, record) in profile.elicited.iter().enumerate() {
            let covers = scope_members(scenario, &record.scope).is_some_and(|members| {
                let items: HashSet<&str> = items(&record.input).into_iter().collect();
                let members: HashSet<&str> = members.into_iter().collect();
                !members.is_empty() && items == members
            });
            if !covers {
                stale.push((p, k));
            }
        }
    }
    for &(p, k) in stale.iter().rev() {
        scenario.profiles[p].elicited.remove(k);
    }
    stale.len()
}

fn not_finite(x: f64) -> String {
    format!("expected a finite number, found {x}")
}

/// `a`, `b`, `c` in backquotes, or "(none declared)".
fn listed<'a>(ids: impl Iterator<Item = &'a str>) -> String {
    let items: Vec<String> = ids.map(|s| format!("`{s}`")).collect();
    if items.is_empty() {
        "(none declared)".to_string()
    } else {
        items.join(", ")
    }
}

/// The first five of a list, then "and N more".
fn shorten(items: &[String]) -> String {
    let shown = items.iter().take(5).cloned().collect::<Vec<_>>().join(", ");
    if items.len() > 5 {
        format!("{shown} and {} more", items.len() - 5)
    } else {
        shown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: &[f64], b: &[f64], tol: f64) -> bool {
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() <= tol)
    }

    /// The upper triangle, row by row, of the matrix a_ij = w_i / w_j (perfectly consistent).
    fn consistent_upper(w: &[f64]) -> Vec<f64> {
        (0..w.len())
            .flat_map(|i| (i + 1..w.len()).map(move |j| w[i] / w[j]))
            .collect()
    }

    #[test]
    fn direct_points_are_normalised_and_bad_points_refused() {
        let w = direct_weights(&[2.0, 3.0, 5.0]).unwrap_or_default();
        assert!(close(&w, &[0.2, 0.3, 0.5], 1e-15), "{w:?}");
        assert!(close(
            &direct_weights(&[0.0, 7.0]).unwrap_or_default(),
            &[0.0, 1.0],
            0.0
        ));
        for bad in [
            &[][..],
            &[1.0, -1.0],
            &[0.0, 0.0],
            &[1.0, f64::NAN],
            &[f64::INFINITY],
        ] {
            assert!(direct_weights(bad).is_err(), "{bad:?}");
        }
        let e = direct_weights(&[1.0, -2.0]).err();
        assert_eq!(e.map(|e| e.field), Some("[1]".to_string()));
    }

    #[test]
    fn swing_weights_by_hand() {
        // Ranked swings rated 100, 80, 50, 20 (and one swing that does not matter, 0).
        // Σ = 250, so the weights are 100/250, 80/250, 50/250, 20/250, 0.
        let w = swing_weights(&[100.0, 80.0, 50.0, 20.0, 0.0]).unwrap_or_default();
        assert!(close(&w, &[0.4, 0.32, 0.2, 0.08, 0.0], 1e-15), "{w:?}");
        // Ties are allowed, the top one included.
        let w = swing_weights(&[100.0, 100.0, 50.0]).unwrap_or_default();
        assert!(close(&w, &[0.4, 0.4, 0.2], 1e-15), "{w:?}");
    }

    /// Goodwin, P. & Wright, G., *Decision Analysis for Management Judgment* (Wiley), ch. 3
    /// "Decisions involving multiple objectives: SMART", the office-location problem: swing
    /// weights 100 (closeness to customers), 80 (visibility), 70 (image), 30 (size), 20
    /// (comfort), 10 (car parking), normalised by their sum, 310, to the printed 32, 26, 23,
    /// 10, 6 and 3 percent. Direct points are normalised the same way, so the same figures
    /// given as points must give the same weights.
    #[test]
    fn swing_and_direct_weights_match_goodwin_wright_office_location() {
        let ratings = [100.0, 80.0, 70.0, 30.0, 20.0, 10.0];
        let printed = [0.32, 0.26, 0.23, 0.10, 0.06, 0.03];
        for w in [
            swing_weights(&ratings).unwrap_or_default(),
            direct_weights(&ratings).unwrap_or_default(),
        ] {
            assert!(close(&w, &printed, 0.005), "{w:?}");
            // Exactly: each rating over 310.
            let exact: Vec<f64> = ratings.iter().map(|r| r / 310.0).collect();
            assert!(close(&w, &exact, 1e-15), "{w:?}");
        }
    }

    #[test]
    fn swings_out_of_order_or_off_scale_are_refused() {
        let field = |r: &[f64]| swing_weights(r).err().map(|e| e.field);
        assert_eq!(field(&[90.0, 50.0]), Some("[0]".into()), "top must be 100");
        assert_eq!(
            field(&[100.0, 40.0, 60.0]),
            Some("[2]".into()),
            "above a higher rank"
        );
        assert_eq!(field(&[100.0, 120.0]), Some("[1]".into()));
        assert_eq!(field(&[100.0, -5.0]), Some("[1]".into()));
        assert_eq!(field(&[100.0, f64::NAN]), Some("[1]".into()));
        assert!(swing_weights(&[]).is_err());
        // Re-ranking by rating makes the second case acceptable.
        let mut s = vec![
            ("a".to_string(), 100.0),
            ("b".into(), 40.0),
            ("c".into(), 60.0),
        ];
        sort_swings(&mut s);
        let order: Vec<&str> = s.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(order, ["a", "c", "b"]);
    }

    #[test]
    fn rank_order_centroid_for_four_items() {
        // Barron & Barrett (1996): w_k = (1/n) Σ_{i=k..n} 1/i. For n = 4 the weights are
        // 0.52, 0.27, 0.15, 0.06 to two places as printed in worked examples (e.g. Chang 2004,
        // reproduced on couryes.com's ROC page); exactly, by hand:
        // (1 + 1/2 + 1/3 + 1/4)/4 = 25/48 = 0.5208, (1/2 + 1/3 + 1/4)/4 = 13/48 = 0.2708,
        // (1/3 + 1/4)/4 = 7/48 = 0.1458, (1/4)/4 = 3/48 = 0.0625.
        let w = position_weights(4, RankRule::Centroid);
        assert!(close(
            &w,
            &[25.0 / 48.0, 13.0 / 48.0, 7.0 / 48.0, 3.0 / 48.0],
            1e-15
        ));
        assert!(close(&w, &[0.5208, 0.2708, 0.1458, 0.0625], 5e-5), "{w:?}");
    }

    /// Stillwell, W.G., Seaver, D.A. & Edwards, W. (1981), "A comparison of weight
    /// approximation techniques in multiattribute utility decision making", *Organizational
    /// Behavior and Human Performance* 28(1), 62–77, define the rank-sum weights
    /// w_k = 2(n + 1 − k) / (n(n + 1)) and the rank-reciprocal weights w_k = (1/k) / Σ_j 1/j.
    /// For five items, by hand: rank sum 5, 4, 3, 2, 1 over 15; reciprocal 1, 1/2, 1/3, 1/4,
    /// 1/5 over 137/60, i.e. 60, 30, 20, 15, 12 over 137 (0.438, 0.219, 0.146, 0.109, 0.088);
    /// rank-order centroid (Barron & Barrett 1996) 137, 77, 47, 27, 12 over 300 (0.457,
    /// 0.257, 0.157, 0.090, 0.040).
    #[test]
    fn rank_sum_reciprocal_and_centroid_for_five_items() {
        let w = position_weights(5, RankRule::RankSum);
        let want: Vec<f64> = [5.0, 4.0, 3.0, 2.0, 1.0].iter().map(|x| x / 15.0).collect();
        assert!(close(&w, &want, 1e-15), "{w:?}");
        let w = position_weights(5, RankRule::Reciprocal);
        let want: Vec<f64> = [60.0, 30.0, 20.0, 15.0, 12.0]
            .iter()
            .map(|x| x / 137.0)
            .collect();
        assert!(close(&w, &want, 1e-15), "{w:?}");
        assert!(
            close(&w, &[0.438, 0.219, 0.146, 0.109, 0.088], 5e-4),
            "{w:?}"
        );
        let w = position_weights(5, RankRule::Centroid);
        let want: Vec<f64> = [137.0, 77.0, 47.0, 27.0, 12.0]
            .iter()
            .map(|x| x / 300.0)
            .collect();
        assert!(close(&w, &want, 1e-15), "{w:?}");
        assert!(
            close(&w, &[0.457, 0.257, 0.157, 0.090, 0.040], 5e-4),
            "{w:?}"
        );
    }

    #[test]
    fn rank_sum_and_reciprocal_by_hand() {
        // Rank sum, n = 4: (n + 1 − k) = 4, 3, 2, 1 over 10.
        let w = position_weights(4, RankRule::RankSum);
        assert!(close(&w, &[0.4, 0.3, 0.2, 0.1], 1e-15), "{w:?}");
        // Reciprocal, n = 4: 1, 1/2, 1/3, 1/4 over 25/12 = 12/25, 6/25, 4/25, 3/25.
        let w = position_weights(4, RankRule::Reciprocal);
        assert!(close(&w, &[0.48, 0.24, 0.16, 0.12], 1e-15), "{w:?}");
        for rule in [RankRule::Centroid, RankRule::RankSum, RankRule::Reciprocal] {
            for n in 1..=15 {
                let sum: f64 = position_weights(n, rule).iter().sum();
                assert!((sum - 1.0).abs() < 1e-12, "{rule:?} {n}");
            }
        }
    }

    #[test]
    fn tied_items_share_the_mean_of_their_positions() {
        // Ranks given out of order: item 0 third, items 1 and 3 tied second, item 2 first.
        // Centroid positions 25/48, 13/48, 7/48, 3/48: the tie takes positions 2 and 3, so each
        // gets (13 + 7)/2 / 48 = 10/48.
        let w = ranking_weights(&[3, 2, 1, 2], RankRule::Centroid).unwrap_or_default();
        assert!(close(
            &w,
            &[3.0 / 48.0, 10.0 / 48.0, 25.0 / 48.0, 10.0 / 48.0],
            1e-15
        ));
        // Everything tied: equal weights, whatever the rule.
        let w = ranking_weights(&[5, 5, 5], RankRule::Reciprocal).unwrap_or_default();
        assert!(close(&w, &[1.0 / 3.0; 3], 1e-15), "{w:?}");
        assert!(ranking_weights(&[], RankRule::Centroid).is_err());
    }

    #[test]
    fn consistent_judgements_give_back_their_weights() {
        let truth = [8.0 / 15.0, 4.0 / 15.0, 2.0 / 15.0, 1.0 / 15.0];
        let a = reciprocal_matrix(4, &consistent_upper(&truth)).unwrap_or_default();
        for weighting in [
            PairwiseWeighting::Eigenvector,
            PairwiseWeighting::GeometricMean,
        ] {
            let r = pairwise_weights(&a, weighting).unwrap_or_else(|e| panic!("{e}"));
            assert!(close(&r.weights, &truth, 1e-12), "{:?}", r.weights);
            assert!((r.lambda_max - 4.0).abs() < 1e-9, "{}", r.lambda_max);
            assert!(r.ci.abs() < 1e-9 && r.cr.is_some_and(|c| c.abs() < 1e-9));
            assert!(!r.warning && r.converged && r.most_inconsistent.is_none());
        }
    }

    #[test]
    fn saaty_2008_drinks_consumption() {
        // Saaty, T.L. (2008) 'Decision making with the analytic hierarchy process', Int. J.
        // Services Sciences 1(1), 83–98: relative consumption of drinks in the US. Matrix,
        // priorities (to three places) and C.R. = 0.022 as reproduced in the AHPy README and
        // tests (PhilipGriffith/AHPy), which use Saaty's 2005 random index as we do.
        // Order: coffee, wine, tea, beer, sodas, milk, water.
        let upper: Vec<f64> = [
            &[9.0, 5.0, 2.0, 1.0, 1.0, 0.5][..], // coffee vs wine … water
            &[1.0 / 3.0, 1.0 / 9.0, 1.0 / 9.0, 1.0 / 9.0, 1.0 / 9.0][..], // wine vs tea … water
            &[1.0 / 3.0, 1.0 / 4.0, 1.0 / 3.0, 1.0 / 9.0][..], // tea vs beer … water
            &[0.5, 1.0, 1.0 / 3.0][..],          // beer vs sodas, milk, water
            &[2.0, 0.5][..],                     // sodas vs milk, water
            &[1.0 / 3.0][..],                    // milk vs water
        ]
        .concat();
        let a = reciprocal_matrix(7, &upper).unwrap_or_default();
        let r =
            pairwise_weights(&a, PairwiseWeighting::Eigenvector).unwrap_or_else(|e| panic!("{e}"));
        let published = [0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327];
        assert!(close(&r.weights, &published, 5e-4), "{:?}", r.weights);
        let cr = r.cr.unwrap_or(f64::NAN);
        assert!((cr - 0.022).abs() < 5e-4, "CR {cr}");
        // λmax follows from the published CR: n + (n − 1) · CR · RI = 7 + 6 · 0.022 · 1.35 ≈ 7.18.
        assert!((r.lambda_max - (7.0 + 6.0 * 0.022 * 1.35)).abs() < 6.0 * 5e-4 * 1.35);
        assert!(!r.warning && r.converged);
    }

    #[test]
    fn a_published_four_item_matrix_eigenvector_and_geometric_mean() {
        // AHPy README (PhilipGriffith/AHPy), the complete matrix of Bozóki, Fülöp & Rónyai
        // (2010): (a,b) = 1, (a,c) = 5, (a,d) = 2, (b,c) = 3, (b,d) = 4, (c,d) = 3/4; printed
        // weights a 0.3742, b 0.3917, c 0.0991, d 0.1349 and CR 0.0372 with Donegan & Dodd's
        // random index 0.8286, i.e. λmax = 4 + 3 · 0.0372 · 0.8286 = 4.0925.
        let a = reciprocal_matrix(4, &[1.0, 5.0, 2.0, 3.0, 4.0, 0.75]).unwrap_or_default();
        let ev =
            pairwise_weights(&a, PairwiseWeighting::Eigenvector).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            close(&ev.weights, &[0.3742, 0.3917, 0.0991, 0.1349], 5e-5),
            "{ev:?}"
        );
        assert!((ev.lambda_max - 4.0925).abs() < 3.0 * 5e-5 * 0.8286 + 1e-4);
        // With Saaty's 2005 index for n = 4 (0.89) the same CI gives CR ≈ 0.0346.
        assert!(
            ev.cr
                .is_some_and(|c| (c - (ev.lambda_max - 4.0) / 3.0 / 0.89).abs() < 1e-12)
        );
        // Geometric mean by hand: row products 1·1·5·2 = 10, 1·1·3·4 = 12,
        // (1/5)(1/3)·1·(3/4) = 1/20, (1/2)(1/4)(4/3)·1 = 1/6; fourth roots, normalised.
        let roots = [10.0_f64, 12.0, 0.05, 1.0 / 6.0].map(|p| p.powf(0.25));
        let total: f64 = roots.iter().sum();
        let by_hand: Vec<f64> = roots.iter().map(|r| r / total).collect();
        let gm = pairwise_weights(&a, PairwiseWeighting::GeometricMean)
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(
            close(&gm.weights, &by_hand, 1e-12),
            "{:?} {by_hand:?}",
            gm.weights
        );
        // About 0.3743, 0.3917, 0.0995, 0.1345: close to, but not the same as, the eigenvector.
        assert!((gm.weights[2] - ev.weights[2]).abs() > 1e-4);
        // The consistency of the matrix does not depend on the weighting.
        assert_eq!(gm.lambda_max, ev.lambda_max);
    }

    #[test]
    fn three_items_eigenvector_equals_geometric_mean() {
        // Prize (Bioconductor) documents ahp() on [[1,2,5],[1/2,1,3],[1/5,1/3,1]] with output
        // 0.5815521 0.3089956 0.1094523. For n = 3 the eigenvector and the row geometric mean
        // coincide; by hand: cube roots of 10, 3/2 and 1/15, normalised.
        let a = reciprocal_matrix(3, &[2.0, 5.0, 3.0]).unwrap_or_default();
        let roots = [10.0_f64, 1.5, 1.0 / 15.0].map(f64::cbrt);
        let total: f64 = roots.iter().sum();
        let by_hand: Vec<f64> = roots.iter().map(|r| r / total).collect();
        for weighting in [
            PairwiseWeighting::Eigenvector,
            PairwiseWeighting::GeometricMean,
        ] {
            let r = pairwise_weights(&a, weighting).unwrap_or_else(|e| panic!("{e}"));
            assert!(close(&r.weights, &[0.5815521, 0.3089956, 0.1094523], 5e-8));
            assert!(close(&r.weights, &by_hand, 1e-12));
        }
    }

    #[test]
    fn the_deliberately_broken_judgement_is_pointed_out() {
        // Five items with weights 8:6:4:2:1, judged consistently except a_24, which should be
        // 6/2 = 3 but is given as 1/3 (the preference reversed).
        let mut upper = consistent_upper(&[8.0, 6.0, 4.0, 2.0, 1.0]);
        // Upper-triangle order: (0,1) (0,2) (0,3) (0,4) (1,2) (1,3) …: (1,3) is index 5.
        assert_eq!(upper[5], 3.0);
        upper[5] = 1.0 / 3.0;
        let a = reciprocal_matrix(5, &upper).unwrap_or_default();
        for weighting in [
            PairwiseWeighting::Eigenvector,
            PairwiseWeighting::GeometricMean,
        ] {
            let r = pairwise_weights(&a, weighting).unwrap_or_else(|e| panic!("{e}"));
            assert!(r.warning, "CR {:?}", r.cr);
            let worst = r.most_inconsistent.unwrap_or_else(|| panic!("none found"));
            assert_eq!((worst.row, worst.col), (1, 3), "{worst:?}");
            assert_eq!(worst.given, 1.0 / 3.0);
            // The weights say item 1 matters more than item 3, against the judgement.
            assert!(worst.consistent > 0.5, "{worst:?}");
            assert_eq!(worst.nearest_scale, nearest_saaty(worst.consistent));
            let expected = (worst.given / worst.consistent).ln().abs();
            assert!((worst.log_error - expected).abs() < 1e-12);
        }
    }

    #[test]
    fn judgements_off_saatys_scale_are_refused() {
        for ok in [1.0 / 9.0, 0.111, 0.333, 1.0, 2.5, 9.0] {
            assert_eq!(judgement_problem(ok), None, "{ok}");
        }
        for bad in [0.0, -3.0, 0.1, 9.5, 12.0, f64::NAN, f64::INFINITY] {
            assert!(judgement_problem(bad).is_some(), "{bad}");
        }
        let e = reciprocal_matrix(3, &[2.0, 12.0, 1.0]).err();
        assert_eq!(e.map(|e| e.field), Some("[1]".to_string()));
        assert!(
            reciprocal_matrix(3, &[2.0, 3.0]).is_err(),
            "three pairs needed"
        );
        // A matrix that is not reciprocal is refused too.
        let bad = vec![vec![1.0, 2.0], vec![2.0, 1.0]];
        assert!(pairwise_weights(&bad, PairwiseWeighting::Eigenvector).is_err());
    }

    #[test]
    fn nearest_scale_value_is_nearest_as_a_ratio() {
        assert_eq!(nearest_saaty(2.6), 3.0);
        assert_eq!(nearest_saaty(0.3), 1.0 / 3.0);
        assert_eq!(nearest_saaty(1.4), 1.0); // ln 1.4 = 0.336 < ln 2 − ln 1.4 = 0.357
        assert_eq!(nearest_saaty(1.45), 2.0);
        assert_eq!(nearest_saaty(100.0), 9.0);
        assert_eq!(nearest_saaty(0.001), 1.0 / 9.0);
    }

    #[test]
    fn small_and_large_matrices() {
        // One item: weight 1. Two: consistent by definition, CR 0.
        let r = pairwise_weights(&[vec![1.0]], PairwiseWeighting::Eigenvector);
        assert!(r.is_ok_and(|r| r.weights == vec![1.0] && r.cr == Some(0.0)));
        let a = reciprocal_matrix(2, &[3.0]).unwrap_or_default();
        let r =
            pairwise_weights(&a, PairwiseWeighting::Eigenvector).unwrap_or_else(|e| panic!("{e}"));
        assert!(close(&r.weights, &[0.75, 0.25], 1e-12) && r.cr == Some(0.0));
        assert!(r.most_inconsistent.is_none());
        // The random index table: Saaty (2005) p. 31, 3 to 15 items; none beyond.
        assert_eq!(random_index(3), Some(0.52));
        assert_eq!(random_index(7), Some(1.35));
        assert_eq!(random_index(15), Some(1.59));
        assert_eq!(random_index(16), None);
        // 16 items of wildly inconsistent judgements: weights still sound, CR not available.
        let n = 16;
        let upper: Vec<f64> = (0..n * (n - 1) / 2)
            .map(|k| {
                if k % 3 == 0 {
                    9.0
                } else if k % 3 == 1 {
                    1.0 / 9.0
                } else {
                    1.0
                }
            })
            .collect();
        let a = reciprocal_matrix(n, &upper).unwrap_or_default();
        let r =
            pairwise_weights(&a, PairwiseWeighting::Eigenvector).unwrap_or_else(|e| panic!("{e}"));
        assert!(r.weights.iter().all(|w| w.is_finite() && *w > 0.0));
        assert!((r.weights.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert!(r.lambda_max.is_finite() && r.lambda_max > n as f64 && r.converged);
        assert_eq!((r.cr, r.warning), (None, false));
    }

    #[test]
    fn saaty_1990_house_matrix_by_independent_computation() {
        // The criteria matrix of the house-buying example in Saaty (1990), 'How to make a
        // decision: the analytic hierarchy process', EJOR 48, 9–26, as reproduced in public
        // AHP code. The expected values are from an independent power iteration (Python,
        // written for this check), not from the paper: λmax 9.6689, CI 0.2384; the weights
        // 0.1730 0.0540 0.1881 0.0175 0.0310 0.0363 0.1668 0.3332. The judgement furthest
        // from the weights is neighbourhood vs general condition (6; the weights say ≈ 1.13).
        let upper: Vec<f64> = [
            &[5.0, 3.0, 7.0, 6.0, 6.0, 1.0 / 3.0, 1.0 / 4.0][..], // size
            &[1.0 / 3.0, 5.0, 3.0, 3.0, 1.0 / 5.0, 1.0 / 7.0][..], // transport
            &[6.0, 3.0, 4.0, 6.0, 1.0 / 5.0][..],                 // neighbourhood
            &[1.0 / 3.0, 1.0 / 4.0, 1.0 / 7.0, 1.0 / 8.0][..],    // age
            &[1.0 / 2.0, 1.0 / 5.0, 1.0 / 6.0][..],               // yard
            &[1.0 / 5.0, 1.0 / 6.0][..],                          // modern facilities
            &[1.0 / 2.0][..],                                     // general condition
        ]
        .concat();
        let a = reciprocal_matrix(8, &upper).unwrap_or_default();
        let r =
            pairwise_weights(&a, PairwiseWeighting::Eigenvector).unwrap_or_else(|e| panic!("{e}"));
        let expected = [
            0.1730, 0.0540, 0.1881, 0.0175, 0.0310, 0.0363, 0.1668, 0.3332,
        ];
        assert!(close(&r.weights, &expected, 5e-5), "{:?}", r.weights);
        assert!((r.lambda_max - 9.6689).abs() < 5e-5, "{}", r.lambda_max);
        assert!((r.ci - 0.2384).abs() < 5e-5);
        assert!(r.warning);
        let worst = r.most_inconsistent.unwrap_or_else(|| panic!("none found"));
        assert_eq!((worst.row, worst.col, worst.given), (2, 6, 6.0));
        assert_eq!(worst.nearest_scale, 1.0);
    }
}
