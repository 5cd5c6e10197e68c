//! What one draw's scores cost: each method split into a per-criterion part that depends on the
//! scores only (a transformed column, computed once, and again per draw only for the columns
//! that hold an uncertain cell) and a cheap part that combines the columns under the draw's
//! weights.
//!
//! | method | column `t_·j` | score of option `i` under weights `w` |
//! |---|---|---|
//! | weighted sum | normalised values | `Σ_j w_j t_ij` |
//! | weighted product | `ln` of normalised values (raw: `±ln x`) | `exp Σ_{w_j > 0} w_j t_ij` |
//! | TOPSIS | normalised values | closeness from the weighted columns' ideal and anti-ideal |
//! | PROMETHEE II | single-criterion net flow `φ_j(i)` | `Σ_j w_j φ_j(i)` |
//! | VIKOR | `(f*_j − f_ij)/(f*_j − f⁻_j)` | `−Q` from `S = Σ w_j t_ij`, `R = max w_j t_ij` |
//!
//! Each is the same arithmetic as `scoring::score_problem` (checked against it in the tests,
//! including ranks); scores here are always "higher is better" (VIKOR's Q is negated).

use crate::analysis::sampling::{self, DrawRng};
use crate::analysis::scoring::{ScoreError, normalize_column, preference};
use crate::scenario::model::{Criterion, Direction, Method, Normalization, Scenario, Uncertainty};

/// A method with what its columns need.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Kind {
    Wsm(Normalization),
    Wpm(Normalization),
    Topsis(Normalization),
    Promethee,
    Vikor { v: f64 },
}

impl Kind {
    pub fn new(method: Method, normalization: Normalization, vikor_v: f64) -> Self {
        match method {
            Method::Wsm => Kind::Wsm(normalization),
            Method::Wpm => Kind::Wpm(normalization),
            Method::Topsis => Kind::Topsis(normalization),
            Method::Promethee2 => Kind::Promethee,
            Method::Vikor => Kind::Vikor { v: vikor_v },
        }
    }

    /// Whether a column's transform works cell by cell (so a draw need only redo its drawn
    /// cells): the declared scale, and the raw weighted product.
    fn cellwise(self) -> bool {
        matches!(
            self,
            Kind::Wsm(Normalization::Scale) | Kind::Wpm(Normalization::None)
        )
    }
}

/// The uncertain cells of one column.
#[derive(Clone, Debug)]
struct UncertainColumn {
    j: usize,
    cells: Vec<(usize, Uncertainty)>,
    /// `cells` made ready for drawing.
    drawn: Vec<(usize, sampling::Prepared)>,
    /// `(a, b)` when the column's transform is `a + b x` (the declared scale without a value
    /// function), so a drawn value needs no lookup of the criterion.
    affine: Option<(f64, f64)>,
}

/// The scenario's matrix prepared for drawing: read-only, shared by every thread.
pub(super) struct Model<'a> {
    kind: Kind,
    criteria: &'a [Criterion],
    ids: Vec<&'a str>,
    m: usize,
    n: usize,
    /// Raw values, column-major (`raw[j * m + i]`).
    raw: Vec<Option<f64>>,
    /// Transformed columns at the point values, column-major.
    base: Vec<f64>,
    uncertain: Vec<UncertainColumn>,
}

/// One thread's working memory.
pub(super) struct Scratch {
    /// This draw's transformed columns (a copy of `base` with the uncertain columns redone).
    pub t: Vec<f64>,
    column: Vec<Option<f64>>,
    out: Vec<f64>,
}

impl<'a> Model<'a> {
    /// Prepares `scenario`'s matrix for `kind`. `active[j]` says whether criterion `j` can get
    /// a weight above 0 in some draw: only active criteria need values, and only their
    /// uncertain cells are drawn (an inactive column never counts).
    pub fn new(scenario: &'a Scenario, kind: Kind, active: &[bool]) -> Result<Self, ScoreError> {
        let matrix = scenario.matrix();
        let (m, n) = (scenario.options.len(), scenario.criteria.len());
        let mut raw = vec![None; m * n];
        for (i, row) in matrix.iter().enumerate() {
            for (j, v) in row.iter().enumerate() {
                raw[j * m + i] = *v;
            }
        }
        let ids: Vec<&str> = scenario.options.iter().map(|o| o.id.as_str()).collect();
        let mut model = Model {
            kind,
            criteria: &scenario.criteria,
            ids,
            m,
            n,
            raw,
            base: vec![0.0; m * n],
            uncertain: Vec::new(),
        };
        let option_index = |id: &str| scenario.option_index(id);
        let mut by_column: Vec<Vec<(usize, Uncertainty)>> = vec![Vec::new(); n];
        for cell in &scenario.performance {
            let (Some(u), Some(_)) = (&cell.uncertainty, cell.value) else {
                continue;
            };
            if let (Some(i), Some(j)) = (
                option_index(&cell.option),
                scenario.criterion_index(&cell.criterion),
            ) && active[j]
            {
                by_column[j].retain(|(k, _)| *k != i);
                by_column[j].push((i, u.clone()));
            }
        }
        let mut buf = model.scratch_empty();
        for j in 0..n {
            if !active[j] {
                continue;
            }
            for i in 0..m {
                if model.raw[j * m + i].is_none() {
                    return Err(ScoreError::MissingValue {
                        option: model.ids[i].to_string(),
                        criterion: scenario.criteria[j].id.clone(),
                    });
                }
            }
            let cells = std::mem::take(&mut by_column[j]);
            // Every failure a draw could meet shows up with the drawn cells at their lows (the
            // normalisations and the raw product fail on small or non-positive values): try
            // that, then the highs, then the point values that `base` keeps.
            if !cells.is_empty() {
                for pick in [0, 1] {
                    fill_column(
                        &mut buf.column,
                        &model.raw[j * m..(j + 1) * m],
                        &cells,
                        |u| {
                            let (low, high) = u.bounds();
                            if pick == 0 { low } else { high }
                        },
                    );
                    model.transform(j, &buf.column, &mut buf.out)?;
                }
                let c = &scenario.criteria[j];
                let span = c.scale.max - c.scale.min;
                let affine = match kind {
                    Kind::Wsm(Normalization::Scale) if c.value_function.is_none() && span > 0.0 => {
                        let b = if c.direction == Direction::Maximize {
                            1.0 / span
                        } else {
                            -1.0 / span
                        };
                        let a = if c.direction == Direction::Maximize {
                            -c.scale.min / span
                        } else {
                            1.0 + c.scale.min / span
                        };
                        Some((a, b))
                    }
                    _ => None,
                };
                let drawn = cells
                    .iter()
                    .map(|(i, u)| (*i, sampling::Prepared::new(u)))
                    .collect();
                model.uncertain.push(UncertainColumn {
                    j,
                    cells,
                    drawn,
                    affine,
                });
            }
            buf.column.clear();
            buf.column.extend_from_slice(&model.raw[j * m..(j + 1) * m]);
            model.transform(j, &buf.column, &mut buf.out)?;
            model.base[j * m..(j + 1) * m].copy_from_slice(&buf.out);
        }
        Ok(model)
    }

    pub fn options(&self) -> usize {
        self.m
    }

    pub fn criteria(&self) -> usize {
        self.n
    }

    /// Whether any cell that counts is uncertain.
    pub fn has_uncertainty(&self) -> bool {
        !self.uncertain.is_empty()
    }

    /// How many uncertain cells are drawn.
    pub fn uncertain_cells(&self) -> usize {
        self.uncertain.iter().map(|c| c.cells.len()).sum()
    }

    fn scratch_empty(&self) -> Scratch {
        Scratch {
            t: Vec::new(),
            column: Vec::with_capacity(self.m),
            out: vec![0.0; self.m],
        }
    }

    /// Working memory for one thread, holding the point values' columns.
    pub fn scratch(&self) -> Scratch {
        let mut s = self.scratch_empty();
        s.t = self.base.clone();
        s
    }

    /// Draws every uncertain cell and redoes the columns that hold one, in `scratch.t`.
    pub fn draw_scores(&self, rng: &mut DrawRng, scratch: &mut Scratch) -> Result<(), ScoreError> {
        let m = self.m;
        for col in &self.uncertain {
            let j = col.j;
            if let Some((a, b)) = col.affine {
                let t = &mut scratch.t[j * m..(j + 1) * m];
                for (i, u) in &col.drawn {
                    t[*i] = a + b * u.draw(rng);
                }
            } else if self.kind.cellwise() {
                for (i, u) in &col.drawn {
                    let x = u.draw(rng);
                    scratch.t[j * m + i] = self.cell(j, *i, x)?;
                }
            } else {
                scratch.column.clear();
                scratch
                    .column
                    .extend_from_slice(&self.raw[j * m..(j + 1) * m]);
                for (i, u) in &col.drawn {
                    scratch.column[*i] = Some(u.draw(rng));
                }
                let column = std::mem::take(&mut scratch.column);
                let done = self.transform(j, &column, &mut scratch.out);
                scratch.column = column;
                done?;
                scratch.t[j * m..(j + 1) * m].copy_from_slice(&scratch.out);
            }
        }
        Ok(())
    }

    /// A cellwise kind's transform of value `x` of option `i` on criterion `j`.
    fn cell(&self, j: usize, i: usize, x: f64) -> Result<f64, ScoreError> {
        let c = &self.criteria[j];
        match self.kind {
            Kind::Wpm(Normalization::None) => {
                if x.is_nan() || x <= 0.0 {
                    return Err(ScoreError::NotPositive {
                        option: self.ids[i].to_string(),
                        criterion: c.id.clone(),
                        value: x,
                    });
                }
                Ok(if c.direction == Direction::Maximize {
                    x.ln()
                } else {
                    -x.ln()
                })
            }
            _ => Ok(scale_value(c, x)),
        }
    }

    /// Transforms column `j` (missing values as in `column`) into `out`.
    fn transform(
        &self,
        j: usize,
        column: &[Option<f64>],
        out: &mut [f64],
    ) -> Result<(), ScoreError> {
        let c = &self.criteria[j];
        match self.kind {
            Kind::Wsm(n) | Kind::Topsis(n) | Kind::Wpm(n) => {
                if self.kind.cellwise() {
                    for (i, (o, v)) in out.iter_mut().zip(column).enumerate() {
                        *o = match v {
                            Some(x) => self.cell(j, i, *x)?,
                            None => 0.0,
                        };
                    }
                    return Ok(());
                }
                let normalized = normalize_column(column, c, n)?;
                let log = matches!(self.kind, Kind::Wpm(_));
                for (o, v) in out.iter_mut().zip(normalized) {
                    let x = v.unwrap_or(0.0);
                    *o = if log { x.ln() } else { x };
                }
            }
            Kind::Promethee => {
                // φ_j(a) = Σ_b (P(y_a − y_b) − P(y_b − y_a)) / (m − 1), values oriented so that
                // more is better: a plain pair loop (the scorer sweeps a sorted column).
                out.fill(0.0);
                let m = column.len();
                if m > 1 {
                    let sign = if c.direction == Direction::Minimize {
                        -1.0
                    } else {
                        1.0
                    };
                    let y = |i: usize| sign * column[i].unwrap_or(0.0);
                    let pref = c.outranking.as_ref();
                    // P(a, b) − P(b, a): at most one of the two is above 0.
                    for a in 0..m {
                        for b in a + 1..m {
                            let d = y(a) - y(b);
                            let net = if d > 0.0 {
                                preference(pref, d)
                            } else if d < 0.0 {
                                -preference(pref, -d)
                            } else {
                                0.0
                            };
                            out[a] += net;
                            out[b] -= net;
                        }
                    }
                    let scale = 1.0 / (m as f64 - 1.0);
                    for o in out.iter_mut() {
                        *o *= scale;
                    }
                }
            }
            Kind::Vikor { .. } => {
                let (lo, hi) = column
                    .iter()
                    .map(|v| v.unwrap_or(0.0))
                    .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| {
                        (lo.min(x), hi.max(x))
                    });
                let (best, worst) = if c.direction == Direction::Maximize {
                    (hi, lo)
                } else {
                    (lo, hi)
                };
                for (o, v) in out.iter_mut().zip(column) {
                    *o = if lo == hi {
                        0.0
                    } else {
                        (best - v.unwrap_or(0.0)) / (best - worst)
                    };
                }
            }
        }
        Ok(())
    }

    /// Every option's score under weights `w` from the columns `t` into `scores`, higher better.
    pub fn scores(&self, t: &[f64], w: &[f64], scratch_s: &mut ScoreBuffers, scores: &mut [f64]) {
        let m = self.m;
        let weighted = || {
            w.iter()
                .enumerate()
                .filter(|&(_, &wj)| wj > 0.0)
                .map(move |(j, &wj)| (wj, &t[j * m..(j + 1) * m]))
        };
        match self.kind {
            Kind::Wsm(_) | Kind::Promethee => {
                scores.fill(0.0);
                for (wj, col) in weighted() {
                    for (s, x) in scores.iter_mut().zip(col) {
                        *s += wj * x;
                    }
                }
            }
            Kind::Wpm(_) => {
                scores.fill(0.0);
                for (wj, col) in weighted() {
                    for (s, x) in scores.iter_mut().zip(col) {
                        *s += wj * x;
                    }
                }
                for s in scores.iter_mut() {
                    *s = s.exp();
                }
            }
            Kind::Topsis(_) => {
                let (dp, dm) = (&mut scratch_s.a, &mut scratch_s.b);
                dp.fill(0.0);
                dm.fill(0.0);
                for (wj, col) in weighted() {
                    let (lo, hi) = col
                        .iter()
                        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &x| {
                            (lo.min(x), hi.max(x))
                        });
                    for ((p, q), &x) in dp.iter_mut().zip(dm.iter_mut()).zip(col) {
                        let v = wj * x;
                        *p += (wj * hi - v).powi(2);
                        *q += (v - wj * lo).powi(2);
                    }
                }
                for ((s, p), q) in scores.iter_mut().zip(dp.iter()).zip(dm.iter()) {
                    let (p, q) = (p.sqrt(), q.sqrt());
                    let total = p + q;
                    *s = if total > 0.0 { q / total } else { 0.5 };
                }
            }
            Kind::Vikor { v } => {
                let (s, r) = (&mut scratch_s.a, &mut scratch_s.b);
                s.fill(0.0);
                r.fill(0.0);
                for (wj, col) in weighted() {
                    for ((si, ri), x) in s.iter_mut().zip(r.iter_mut()).zip(col) {
                        let t = wj * x;
                        *si += t;
                        *ri = ri.max(t);
                    }
                }
                let span = |x: &[f64]| {
                    x.iter()
                        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &a| {
                            (lo.min(a), hi.max(a))
                        })
                };
                let (s_best, s_worst) = span(s);
                let (r_best, r_worst) = span(r);
                let part = |x: f64, best: f64, worst: f64| {
                    if worst > best {
                        (x - best) / (worst - best)
                    } else {
                        0.0
                    }
                };
                for ((q, &si), &ri) in scores.iter_mut().zip(s.iter()).zip(r.iter()) {
                    let value =
                        v * part(si, s_best, s_worst) + (1.0 - v) * part(ri, r_best, r_worst);
                    *q = -value;
                }
            }
        }
    }

    /// Whether scores are linear in the columns (the weighted sum, PROMETHEE II), so that
    /// [`Self::score_of`] applies.
    pub fn is_linear(&self) -> bool {
        matches!(self.kind, Kind::Wsm(_) | Kind::Promethee)
    }

    /// For a linear method: for each option, the drawn columns that can change its column
    /// value, in column order, each with the largest value a draw can give it
    /// there (infinite where that is not known), so that [`Self::score_of`] and
    /// [`Self::highest_score`] can work option by option.
    pub fn reach(&self) -> Vec<Vec<(usize, f64)>> {
        let mut reach = vec![Vec::new(); self.m];
        for col in &self.uncertain {
            let j = col.j;
            if col.affine.is_some() || self.kind.cellwise() {
                for (i, u) in &col.cells {
                    let (low, high) = u.bounds();
                    let top = match col.affine {
                        Some((a, b)) => (a + b * low).max(a + b * high),
                        None => scale_high(&self.criteria[j], low, high),
                    };
                    reach[*i].push((j, top));
                }
            } else {
                // A redone column changes every option's value. PROMETHEE's single-criterion
                // flows lie in [−1, 1]; every normalisation but `none` gives values in [0, 1].
                let top = match self.kind {
                    Kind::Promethee => 1.0,
                    Kind::Wsm(n) if n != Normalization::None => 1.0,
                    _ => f64::INFINITY,
                };
                for r in &mut reach {
                    r.push((j, top));
                }
            }
        }
        reach
    }

    /// For a linear method: option `k`'s score under `w` of the columns `t`, from `at_base`
    /// (its score at the point values) plus what the drawn columns changed; `reach` is its
    /// entry of [`Self::reach`]. Far cheaper than [`Self::scores`] when few cells are
    /// uncertain, and it need not score every option.
    pub fn score_of(
        &self,
        k: usize,
        reach: &[(usize, f64)],
        t: &[f64],
        w: &[f64],
        at_base: f64,
    ) -> f64 {
        let m = self.m;
        let mut s = at_base;
        for &(j, _) in reach {
            let wj = w[j];
            if wj > 0.0 {
                s += wj * (t[j * m + k] - self.base[j * m + k]);
            }
        }
        s
    }

    /// For a linear method: the largest score option `k` can get under `w` in any draw (up to
    /// rounding), as [`Self::score_of`] with every drawn value at its largest.
    pub fn highest_score(&self, k: usize, reach: &[(usize, f64)], w: &[f64], at_base: f64) -> f64 {
        let m = self.m;
        let mut s = at_base;
        for &(j, top) in reach {
            let wj = w[j];
            if wj > 0.0 {
                s += wj * (top - self.base[j * m + k]);
            }
        }
        s
    }

    /// The point values' columns.
    pub fn base(&self) -> &[f64] {
        &self.base
    }

    /// Buffers for [`Self::scores`].
    pub fn score_buffers(&self) -> ScoreBuffers {
        ScoreBuffers {
            a: vec![0.0; self.m],
            b: vec![0.0; self.m],
        }
    }
}

/// Two per-option buffers the combining step needs (TOPSIS's distances, VIKOR's S and R).
pub(super) struct ScoreBuffers {
    a: Vec<f64>,
    b: Vec<f64>,
}

/// `raw` with the uncertain cells replaced by `value(uncertainty)`, into `column`.
fn fill_column(
    column: &mut Vec<Option<f64>>,
    raw: &[Option<f64>],
    cells: &[(usize, Uncertainty)],
    mut value: impl FnMut(&Uncertainty) -> f64,
) {
    column.clear();
    column.extend_from_slice(raw);
    for (i, u) in cells {
        column[*i] = Some(value(u));
    }
}

/// The largest `scale` normalisation of a value in `low..=high`: at an end, or at a corner of
/// the value function between them.
fn scale_high(c: &Criterion, low: f64, high: f64) -> f64 {
    let ends = scale_value(c, low).max(scale_value(c, high));
    c.value_function.as_ref().map_or(ends, |vf| {
        vf.points
            .iter()
            .filter(|(x, _)| *x > low && *x < high)
            .fold(ends, |top, &(_, y)| top.max(y))
    })
}

/// The `scale` normalisation of one value: the value function, else the declared bounds (as
/// `scoring::normalize_column` computes it for a whole column).
fn scale_value(c: &Criterion, x: f64) -> f64 {
    if let Some(vf) = &c.value_function {
        return vf.value(x);
    }
    let span = c.scale.max - c.scale.min;
    let t = if span > 0.0 {
        (x - c.scale.min) / span
    } else {
        1.0
    };
    if c.direction == Direction::Maximize {
        t
    } else {
        1.0 - t
    }
}

#[cfg(test)]
#[path = "model_tests.rs"]
mod tests;
