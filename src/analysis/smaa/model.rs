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
use crate::model::{Criterion, Direction, Method, Normalization, Scenario, Uncertainty};
use crate::scoring::{ScoreError, normalize_column, preference};

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
                model.uncertain.push(UncertainColumn { j, cells, affine });
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
                for (i, u) in &col.cells {
                    t[*i] = a + b * sampling::draw(rng, u);
                }
            } else if self.kind.cellwise() {
                for (i, u) in &col.cells {
                    let x = sampling::draw(rng, u);
                    scratch.t[j * m + i] = self.cell(j, *i, x)?;
                }
            } else {
                fill_column(
                    &mut scratch.column,
                    &self.raw[j * m..(j + 1) * m],
                    &col.cells,
                    |u| sampling::draw(rng, u),
                );
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
    /// [`Self::rescore`] applies.
    pub fn is_linear(&self) -> bool {
        matches!(self.kind, Kind::Wsm(_) | Kind::Promethee)
    }

    /// For a linear method: the scores under `w` of the columns `t`, from `at_base` (the scores
    /// under `w` of the point values' columns) plus what the drawn columns changed. Far cheaper
    /// than [`Self::scores`] when few cells are uncertain: it touches only the drawn cells (or
    /// the drawn columns, for the normalisations that depend on a whole column).
    pub fn rescore(&self, t: &[f64], w: &[f64], at_base: &[f64], out: &mut [f64]) {
        let m = self.m;
        out.copy_from_slice(at_base);
        for col in &self.uncertain {
            let j = col.j;
            let wj = w[j];
            if wj <= 0.0 {
                continue;
            }
            let (now, base) = (&t[j * m..(j + 1) * m], &self.base[j * m..(j + 1) * m]);
            if col.affine.is_some() || self.kind.cellwise() {
                for (i, _) in &col.cells {
                    out[*i] += wj * (now[*i] - base[*i]);
                }
            } else {
                for ((o, x), b) in out.iter_mut().zip(now).zip(base) {
                    *o += wj * (x - b);
                }
            }
        }
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
mod tests {
    use super::*;
    use crate::analysis::sampling::simplex;
    use crate::model::{Outranking, PreferenceFunction};
    use crate::scenario_file::default_scenario;
    use crate::scoring::{Problem, ranks, score_problem};

    /// The default scenario with every uncertain cell pinned to one point inside its range
    /// (`pinned`: a zero-width range to draw from; `moved`: the point as the value).
    fn pinned_and_moved() -> (Scenario, Scenario) {
        let s = default_scenario().unwrap_or_else(|e| panic!("{e}"));
        let (mut pinned, mut moved) = (s.clone(), s);
        for (p, m) in pinned.performance.iter_mut().zip(&mut moved.performance) {
            if let Some(u) = &p.uncertainty {
                let (low, high) = u.bounds();
                let x = 0.3 * low + 0.7 * high;
                p.uncertainty = Some(Uncertainty::Range { low: x, high: x });
                m.value = Some(x);
                m.uncertainty = None;
            }
        }
        // Positive values, so the raw weighted product can score too.
        for s in [&mut pinned, &mut moved] {
            for cell in &mut s.performance {
                cell.value = cell.value.map(|x| x + 1.0);
                if let Some(Uncertainty::Range { low, high }) = &mut cell.uncertainty {
                    *low += 1.0;
                    *high += 1.0;
                }
            }
            // Every PROMETHEE preference function, thresholds in the criteria's 0..10 units.
            let functions = [
                None,
                Some((PreferenceFunction::UShape, Some(1.0), None, None)),
                Some((PreferenceFunction::VShape, None, Some(3.0), None)),
                Some((PreferenceFunction::Level, Some(0.5), Some(2.0), None)),
                Some((PreferenceFunction::Linear, Some(0.5), Some(3.0), None)),
                Some((PreferenceFunction::Gaussian, None, None, Some(1.5))),
            ];
            for (j, c) in s.criteria.iter_mut().enumerate() {
                c.scale.max += 1.0;
                c.scale.min += 1.0;
                c.outranking = functions[j % functions.len()]
                    .map(|(function, q, p, s)| Outranking { function, q, p, s });
            }
        }
        (pinned, moved)
    }

    #[test]
    fn every_method_scores_and_ranks_as_the_scorer_does() {
        let (pinned, moved) = pinned_and_moved();
        let n = pinned.criteria.len();
        let matrix = moved.matrix();
        let ids: Vec<&str> = moved.options.iter().map(|o| o.id.as_str()).collect();
        let mut checked = 0;
        for method in Method::ALL {
            for &norm in method.normalizations() {
                let kind = Kind::new(method, norm, 0.5);
                let model = Model::new(&pinned, kind, &vec![true; n])
                    .unwrap_or_else(|e| panic!("{method:?} {norm:?}: {e}"));
                assert_eq!(model.uncertain_cells(), 40);
                let mut scratch = model.scratch();
                model
                    .draw_scores(&mut DrawRng::new(0, 0, 0), &mut scratch)
                    .unwrap_or_else(|e| panic!("{e}"));
                let mut buffers = model.score_buffers();
                let mut ours = vec![0.0; model.options()];
                let mut w = vec![0.0; n];
                for k in 0..20 {
                    simplex(&mut DrawRng::new(3, 0, k), &mut w);
                    // Some criteria without weight, as exact profiles often have.
                    w[k as usize % n] = 0.0;
                    let total: f64 = w.iter().sum();
                    w.iter_mut().for_each(|x| *x /= total);
                    model.scores(&scratch.t, &w, &mut buffers, &mut ours);
                    let problem = Problem {
                        options: &ids,
                        criteria: &moved.criteria,
                        matrix: &matrix,
                        weights: &w,
                        vikor_v: 0.5,
                    };
                    let theirs = score_problem(&problem, method, norm)
                        .unwrap_or_else(|e| panic!("{method:?} {norm:?}: {e}"))
                        .scores;
                    let sign = if method.higher_is_better() { 1.0 } else { -1.0 };
                    for (a, b) in ours.iter().zip(&theirs) {
                        assert!(
                            (a - sign * b).abs() <= 1e-12 * b.abs().max(1.0),
                            "{method:?} {norm:?}: {ours:?} vs {theirs:?}"
                        );
                    }
                    assert_eq!(
                        ranks(&ours, true),
                        ranks(&theirs, method.higher_is_better()),
                        "{method:?} {norm:?}"
                    );
                    checked += 1;
                }
            }
        }
        assert_eq!(checked, 20 * 13);
    }

    #[test]
    fn a_missing_value_of_a_criterion_that_can_weigh_is_refused() {
        let mut s = default_scenario().unwrap_or_else(|e| panic!("{e}"));
        s.performance[5].value = None;
        let n = s.criteria.len();
        let mut active = vec![true; n];
        let kind = Kind::new(Method::Wsm, Normalization::Scale, 0.5);
        assert!(matches!(
            Model::new(&s, kind, &active),
            Err(ScoreError::MissingValue { .. })
        ));
        let j = s
            .criterion_index(&s.performance[5].criterion)
            .unwrap_or(usize::MAX);
        active[j] = false;
        assert!(Model::new(&s, kind, &active).is_ok());
    }

    #[test]
    fn rescoring_the_drawn_cells_gives_the_full_scores() {
        let s = default_scenario().unwrap_or_else(|e| panic!("{e}"));
        let n = s.criteria.len();
        for (method, norms) in [
            (Method::Wsm, Method::Wsm.normalizations()),
            (Method::Promethee2, Method::Promethee2.normalizations()),
        ] {
            for &norm in norms {
                let model = Model::new(&s, Kind::new(method, norm, 0.5), &vec![true; n])
                    .unwrap_or_else(|e| panic!("{e}"));
                assert!(model.is_linear());
                let mut buffers = model.score_buffers();
                let mut w = vec![0.0; n];
                simplex(&mut DrawRng::new(1, 0, 0), &mut w);
                let mut at_base = vec![0.0; model.options()];
                model.scores(model.base(), &w, &mut buffers, &mut at_base);
                let mut scratch = model.scratch();
                let (mut full, mut quick) = (at_base.clone(), at_base.clone());
                for k in 0..20 {
                    model
                        .draw_scores(&mut DrawRng::new(2, 1, k), &mut scratch)
                        .unwrap_or_else(|e| panic!("{e}"));
                    model.scores(&scratch.t, &w, &mut buffers, &mut full);
                    model.rescore(&scratch.t, &w, &at_base, &mut quick);
                    for (a, b) in full.iter().zip(&quick) {
                        assert!((a - b).abs() < 1e-12, "{method:?} {norm:?}");
                    }
                    assert_ne!(full, at_base, "the draw moved something");
                }
            }
        }
    }
}
