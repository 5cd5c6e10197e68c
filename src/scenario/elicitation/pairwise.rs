//! Pairwise comparisons (AHP): the reciprocal matrix, eigenvector or geometric-mean weights,
//! the consistency ratio and the most inconsistent judgement.

#[allow(unused_imports)]
use std::collections::{HashMap, HashSet};

use super::*;

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
