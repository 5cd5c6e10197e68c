//! The normalisations: one criterion's column mapped so that more is better, whatever the
//! criterion's direction. Definitions and degenerate cases are in `docs/methods.md`.
//!
//! A column is normalised in two steps: [`plan`] reads the column's statistics (and refuses a
//! normalisation that is undefined on it), and [`Plan`] maps each value. The same plan serves
//! a column with missing values ([`normalize_column`]) and a complete column of a flat matrix
//! ([`normalize_into`], the scoring kernels' path), so both give the same numbers bit for bit.

use super::ScoreError;
use crate::scenario::model::{Criterion, Direction, Normalization, ValueFunction};

/// How each value of one column is mapped, with the column's statistics filled in. Every
/// variant keeps the formula of `docs/methods.md` as written (no algebraic rearranging), so
/// the results do not depend on which path normalised the column.
#[derive(Clone, Copy, Debug)]
pub(super) enum Plan<'a> {
    /// `x` (the `none` normalisation).
    Identity,
    /// Every value the same (a constant column).
    Constant(f64),
    /// `(x − min) / span`.
    Up { min: f64, span: f64 },
    /// `(max − x) / span`.
    Down { max: f64, span: f64 },
    /// `x / d`.
    Ratio { d: f64 },
    /// `1 − x / d`.
    OneMinusRatio { d: f64 },
    /// `min / x`.
    Inverse { min: f64 },
    /// `(1 / x) / total`.
    InverseShare { total: f64 },
    /// The declared scale: `t = (x − lo) / span` (1 when the span is 0), `1 − t` for a cost.
    Scale { lo: f64, span: f64, benefit: bool },
    /// The criterion's value function.
    Function(&'a ValueFunction),
}

impl Plan<'_> {
    /// The normalised value of `x`.
    #[inline]
    pub(super) fn at(&self, x: f64) -> f64 {
        match *self {
            Plan::Identity => x,
            Plan::Constant(c) => c,
            Plan::Up { min, span } => (x - min) / span,
            Plan::Down { max, span } => (max - x) / span,
            Plan::Ratio { d } => x / d,
            Plan::OneMinusRatio { d } => 1.0 - x / d,
            Plan::Inverse { min } => min / x,
            Plan::InverseShare { total } => (1.0 / x) / total,
            Plan::Scale { lo, span, benefit } => {
                let t = if span > 0.0 { (x - lo) / span } else { 1.0 };
                if benefit { t } else { 1.0 - t }
            }
            Plan::Function(vf) => vf.value(x),
        }
    }

    /// Maps a whole column: the variant is chosen once, so each loop is a plain sweep.
    pub(super) fn apply(&self, xs: &[f64], out: &mut [f64]) {
        let sweep = |out: &mut [f64], f: &dyn Fn(f64) -> f64| {
            for (o, &x) in out.iter_mut().zip(xs) {
                *o = f(x);
            }
        };
        match *self {
            Plan::Identity => out.copy_from_slice(xs),
            Plan::Constant(c) => out.fill(c),
            Plan::Up { min, span } => {
                for (o, &x) in out.iter_mut().zip(xs) {
                    *o = (x - min) / span;
                }
            }
            Plan::Down { max, span } => {
                for (o, &x) in out.iter_mut().zip(xs) {
                    *o = (max - x) / span;
                }
            }
            Plan::Ratio { d } => {
                for (o, &x) in out.iter_mut().zip(xs) {
                    *o = x / d;
                }
            }
            Plan::OneMinusRatio { d } => {
                for (o, &x) in out.iter_mut().zip(xs) {
                    *o = 1.0 - x / d;
                }
            }
            _ => sweep(out, &|x| self.at(x)),
        }
    }
}

/// The plan of one column under `method`, from its present values (`present` yields them
/// afresh each call, so nothing is collected). Refuses a ratio normalisation of a column with
/// values it cannot divide by.
///
/// A constant column (every present value equal) gives every option the same value, so a
/// criterion on which all options are alike adds the same to every score and changes no rank.
/// `sum` and `vector` give what their formulas give for any non-zero constant, as pymcdm and
/// scikit-criteria define them: 1/n under `sum`, 1/√n under `vector` (1 − 1/√n for a cost
/// criterion), n counting the present values; a column of zeros gets the same, where the
/// formula would be 0/0. The other data-dependent normalisations give 1 (`minmax` is 0/0 there).
/// `scale` uses the declared bounds, so a constant column keeps its place on the scale there.
pub(super) fn plan<'c, I>(
    present: impl Fn() -> I,
    criterion: &'c Criterion,
    method: Normalization,
) -> Result<Plan<'c>, ScoreError>
where
    I: Iterator<Item = f64>,
{
    let benefit = criterion.direction == Direction::Maximize;
    match method {
        Normalization::None => return Ok(Plan::Identity),
        Normalization::Scale => {
            return Ok(match &criterion.value_function {
                Some(vf) => Plan::Function(vf),
                None => Plan::Scale {
                    lo: criterion.scale.min,
                    span: criterion.scale.max - criterion.scale.min,
                    benefit,
                },
            });
        }
        _ => {}
    }
    let (min, max) = present().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), x| {
        (a.min(x), b.max(x))
    });
    // Also true when no value is present (the fold leaves min = +∞ > max = −∞).
    if min >= max {
        let n = present().count() as f64;
        return Ok(Plan::Constant(match method {
            Normalization::Sum => 1.0 / n,
            Normalization::Vector if benefit => 1.0 / n.sqrt(),
            Normalization::Vector => 1.0 - 1.0 / n.sqrt(),
            _ => 1.0,
        }));
    }
    let undefined = |reason: String| ScoreError::Undefined {
        criterion: criterion.id.clone(),
        normalization: method.keyword(),
        reason,
    };
    let require = |positive_strictly: bool| -> Result<(), ScoreError> {
        if positive_strictly && min <= 0.0 {
            Err(undefined(format!(
                "it divides by each value and needs every value above 0 (found {min})"
            )))
        } else if min < 0.0 {
            Err(undefined(format!(
                "it is a ratio and needs values of 0 or more (found {min})"
            )))
        } else {
            Ok(())
        }
    };
    Ok(match method {
        Normalization::MinMax if benefit => Plan::Up {
            min,
            span: max - min,
        },
        Normalization::MinMax => Plan::Down {
            max,
            span: max - min,
        },
        Normalization::Max => {
            require(false)?;
            if benefit {
                Plan::Ratio { d: max }
            } else {
                Plan::OneMinusRatio { d: max }
            }
        }
        Normalization::Linear => {
            require(!benefit)?;
            if benefit {
                Plan::Ratio { d: max }
            } else {
                Plan::Inverse { min }
            }
        }
        Normalization::Sum => {
            require(!benefit)?;
            if benefit {
                Plan::Ratio { d: present().sum() }
            } else {
                Plan::InverseShare {
                    total: present().map(|x| 1.0 / x).sum(),
                }
            }
        }
        Normalization::Vector => {
            let d = present().map(|x| x * x).sum::<f64>().sqrt();
            if benefit {
                Plan::Ratio { d }
            } else {
                Plan::OneMinusRatio { d }
            }
        }
        // Returned above.
        Normalization::None | Normalization::Scale => Plan::Identity,
    })
}

/// Normalises one criterion's column. `None` entries (missing values) stay `None` and take no
/// part in the column's statistics. See [`plan`] for a constant column.
pub fn normalize_column(
    values: &[Option<f64>],
    criterion: &Criterion,
    method: Normalization,
) -> Result<Vec<Option<f64>>, ScoreError> {
    let plan = plan(|| values.iter().flatten().copied(), criterion, method)?;
    Ok(values.iter().map(|v| v.map(|x| plan.at(x))).collect())
}

/// Normalises a complete column `xs` into `out` (same length): [`normalize_column`] without
/// missing values or allocation.
pub fn normalize_into(
    xs: &[f64],
    criterion: &Criterion,
    method: Normalization,
    out: &mut [f64],
) -> Result<(), ScoreError> {
    plan(|| xs.iter().copied(), criterion, method)?.apply(xs, out);
    Ok(())
}

/// Normalises every column of `matrix[option][criterion]`.
pub fn normalize_matrix(
    matrix: &[Vec<Option<f64>>],
    criteria: &[Criterion],
    method: Normalization,
) -> Result<Vec<Vec<Option<f64>>>, ScoreError> {
    let mut out = vec![vec![None; criteria.len()]; matrix.len()];
    for (j, criterion) in criteria.iter().enumerate() {
        let column: Vec<Option<f64>> = matrix.iter().map(|row| row[j]).collect();
        for (i, v) in normalize_column(&column, criterion, method)?
            .into_iter()
            .enumerate()
        {
            out[i][j] = v;
        }
    }
    Ok(out)
}
