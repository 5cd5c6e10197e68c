//! A prepared problem: the matrix copied once into one flat, column-major buffer, and every
//! method scored into buffers the structure keeps, so scoring again (other weights, another
//! method) allocates nothing but VIKOR's compromise set.
//!
//! Column-major because every method works criterion by criterion: a column is normalised in
//! place, a weighted sum is a sweep adding one column at a time, and PROMETHEE's sums are per
//! criterion. PROMETHEE needs each column in sorted order; that order depends on the values
//! alone, so it is found once per column, the first time PROMETHEE scores it, and kept.
//!
//! The numbers are those of the formulas in `docs/methods.md`, in the same order of operations
//! as a row-by-row implementation (sums over criteria taken in criterion order), so
//! [`super::score_problem`], which goes through here, gives the same results as before the
//! matrix was flat; `tests/kernels.rs` checks every method and normalisation against plain
//! row-by-row implementations written in the test.

use super::normalize::{normalize_column, normalize_into};
use super::{MethodDetail, MethodOutput, Problem, ScoreError, allowed_list, promethee};
use super::{topsis, vikor, wpm};
use crate::scenario::model::{Criterion, Method, Normalization};

/// A scoring problem prepared for repeated scoring; see the module's documentation.
pub struct Prepared<'a> {
    pub(super) options: &'a [&'a str],
    pub(super) criteria: &'a [Criterion],
    pub(super) vikor_v: f64,
    /// Number of options.
    pub(super) m: usize,
    /// `raw[j * m + i]`: option `i` on criterion `j`, a missing value as 0.
    pub(super) raw: Vec<f64>,
    /// `missing[j * m + i]`, or empty when no value is missing.
    missing: Vec<bool>,
    /// The first option missing a value, per criterion.
    first_missing: Vec<Option<usize>>,
    /// Per criterion, the options in ascending order of raw value (`f64::total_cmp`), found
    /// the first time PROMETHEE needs it (`sorted[j]`).
    pub(super) order: Vec<u32>,
    sorted: Vec<bool>,
    /// `ln` of every raw value (the weighted product on raw values), and per criterion the
    /// first option whose value is not above 0; found the first time that method needs them.
    pub(super) logs: Vec<f64>,
    pub(super) first_nonpositive: Vec<Option<usize>>,
    pub(super) out: Scored,
    pub(super) scratch: promethee::Scratch,
}

/// What the last [`Prepared::score`] computed, in flat buffers.
#[derive(Clone, Debug, Default)]
pub struct Scored {
    pub(super) m: usize,
    pub(super) k: usize,
    pub(super) method: Method,
    /// Column-major, like the raw matrix: see [`MethodOutput::normalized`].
    pub(super) normalized: Vec<f64>,
    /// Column-major: see [`MethodOutput::contributions`].
    pub(super) contributions: Vec<f64>,
    pub(super) scores: Vec<f64>,
    pub(super) additive: bool,
    /// The method's detail: D⁺, D⁻ (TOPSIS); φ⁺, φ⁻, φ (PROMETHEE); S, R, Q (VIKOR).
    pub(super) a: Vec<f64>,
    pub(super) b: Vec<f64>,
    pub(super) c: Vec<f64>,
    pub(super) vikor: (f64, Vec<usize>, bool, bool),
}

impl Scored {
    /// The headline score of each option (see [`super::Ranking::scores`]).
    pub fn scores(&self) -> &[f64] {
        &self.scores
    }

    /// Criterion `j`'s normalised column, one value per option.
    pub fn normalized_column(&self, j: usize) -> &[f64] {
        &self.normalized[j * self.m..(j + 1) * self.m]
    }

    /// Criterion `j`'s contributions, one per option.
    pub fn contribution_column(&self, j: usize) -> &[f64] {
        &self.contributions[j * self.m..(j + 1) * self.m]
    }

    /// What the method computes beyond the scores.
    pub fn detail(&self) -> MethodDetail {
        match self.method {
            Method::Wsm | Method::Wpm => MethodDetail::None,
            Method::Topsis => MethodDetail::Topsis {
                d_plus: self.a.clone(),
                d_minus: self.b.clone(),
            },
            Method::Promethee2 => MethodDetail::Promethee {
                phi_plus: self.a.clone(),
                phi_minus: self.b.clone(),
                phi_net: self.c.clone(),
            },
            Method::Vikor => MethodDetail::Vikor {
                v: self.vikor.0,
                s: self.a.clone(),
                r: self.b.clone(),
                q: self.c.clone(),
                compromise: self.vikor.1.clone(),
                advantage: self.vikor.2,
                stability: self.vikor.3,
            },
        }
    }

    /// The result with row-major matrices, as [`super::score_problem`] returns it.
    pub fn to_output(&self) -> MethodOutput {
        let rows = |flat: &[f64]| -> Vec<Vec<f64>> {
            (0..self.m)
                .map(|i| (0..self.k).map(|j| flat[j * self.m + i]).collect())
                .collect()
        };
        MethodOutput {
            normalized: rows(&self.normalized),
            contributions: rows(&self.contributions),
            scores: self.scores.clone(),
            additive: self.additive,
            detail: self.detail(),
        }
    }
}

impl<'a> Prepared<'a> {
    /// Copies `p`'s matrix into a flat buffer; `p.weights` is not kept (each
    /// [`Prepared::score`] takes its own).
    pub fn new(p: &Problem<'a>) -> Self {
        let m = p.matrix.len();
        let k = p.criteria.len();
        let mut raw = vec![0.0; m * k];
        let mut missing = Vec::new();
        let mut first_missing = vec![None; k];
        for (i, row) in p.matrix.iter().enumerate() {
            for (j, v) in row.iter().take(k).enumerate() {
                match v {
                    Some(x) => raw[j * m + i] = *x,
                    None => {
                        if missing.is_empty() {
                            missing = vec![false; m * k];
                        }
                        missing[j * m + i] = true;
                        first_missing[j].get_or_insert(i);
                    }
                }
            }
        }
        Prepared {
            options: p.options,
            criteria: p.criteria,
            vikor_v: p.vikor_v,
            m,
            raw,
            missing,
            first_missing,
            order: Vec::new(),
            sorted: vec![false; k],
            logs: Vec::new(),
            first_nonpositive: Vec::new(),
            out: Scored {
                m,
                k,
                ..Scored::default()
            },
            scratch: promethee::Scratch::default(),
        }
    }

    /// Scores with `method` under `normalization` and one weight per criterion (summing to
    /// 1); the same checks, errors and numbers as [`super::score_problem`].
    pub fn score(
        &mut self,
        weights: &[f64],
        method: Method,
        normalization: Normalization,
    ) -> Result<&Scored, ScoreError> {
        if !method.allows(normalization) {
            return Err(ScoreError::NotAllowed {
                method: method.keyword(),
                normalization: normalization.keyword(),
                allowed: allowed_list(method),
            });
        }
        // The first missing weighted value in row-major order, as a row-by-row scan finds it.
        let first = (0..self.criteria.len())
            .filter(|&j| weights[j] > 0.0)
            .filter_map(|j| self.first_missing[j].map(|i| (i, j)))
            .min();
        if let Some((i, j)) = first {
            return Err(ScoreError::MissingValue {
                option: self.option_id(i),
                criterion: self.criteria[j].id.clone(),
            });
        }
        let (m, k) = (self.m, self.criteria.len());
        let out = &mut self.out;
        out.method = method;
        for buffer in [&mut out.normalized, &mut out.contributions] {
            buffer.resize(m * k, 0.0);
        }
        for buffer in [&mut out.scores, &mut out.a, &mut out.b, &mut out.c] {
            buffer.clear();
            buffer.resize(m, 0.0);
        }
        match method {
            Method::Wsm => {
                self.normalize(normalization)?;
                self.weigh(weights);
                let out = &mut self.out;
                // Σ_j w_j x_ij, criterion by criterion in order, from −0.0 as `Iterator::sum`.
                out.scores.fill(-0.0);
                for col in out.contributions.chunks_exact(m.max(1)) {
                    for (s, c) in out.scores.iter_mut().zip(col) {
                        *s += c;
                    }
                }
                out.additive = true;
            }
            Method::Wpm => wpm::score(self, weights, normalization)?,
            Method::Topsis => topsis::score(self, weights, normalization)?,
            Method::Promethee2 => promethee::score(self, weights)?,
            Method::Vikor => vikor::score(self, weights)?,
        }
        Ok(&self.out)
    }

    /// The result of the last successful [`Prepared::score`].
    pub fn scored(&self) -> &Scored {
        &self.out
    }

    /// The id of option `i`, or its position when the problem has no ids.
    pub(super) fn option_id(&self, i: usize) -> String {
        self.options
            .get(i)
            .map_or_else(|| format!("#{}", i + 1), |o| (*o).to_string())
    }

    /// Criterion `j`'s raw column (missing values as 0).
    pub(super) fn column(&self, j: usize) -> &[f64] {
        &self.raw[j * self.m..(j + 1) * self.m]
    }

    /// Every column normalised under `n` into `out.normalized`, missing values as 0.
    pub(super) fn normalize(&mut self, n: Normalization) -> Result<(), ScoreError> {
        let m = self.m;
        if m == 0 {
            return Ok(());
        }
        let columns = self.out.normalized.chunks_exact_mut(m);
        for (j, (criterion, out)) in self.criteria.iter().zip(columns).enumerate() {
            let xs = &self.raw[j * m..(j + 1) * m];
            if self.first_missing[j].is_none() {
                normalize_into(xs, criterion, n, out)?;
                continue;
            }
            // A column with missing values: they take no part in its statistics.
            let flags = &self.missing[j * m..(j + 1) * m];
            let values: Vec<Option<f64>> = xs
                .iter()
                .zip(flags)
                .map(|(&x, &gone)| (!gone).then_some(x))
                .collect();
            for (o, v) in out.iter_mut().zip(normalize_column(&values, criterion, n)?) {
                *o = v.unwrap_or(0.0);
            }
        }
        Ok(())
    }

    /// `contributions = w_j · normalized`, column by column.
    pub(super) fn weigh(&mut self, weights: &[f64]) {
        let m = self.m.max(1);
        let out = &mut self.out;
        let columns = out
            .contributions
            .chunks_exact_mut(m)
            .zip(out.normalized.chunks_exact(m));
        for ((c, x), &w) in columns.zip(weights) {
            for (c, &x) in c.iter_mut().zip(x) {
                *c = x * w;
            }
        }
    }

    /// Fills [`Prepared::logs`] and [`Prepared::first_nonpositive`] if not yet done.
    pub(super) fn take_logs(&mut self) {
        if !self.logs.is_empty() || self.raw.is_empty() {
            return;
        }
        self.logs = self.raw.iter().map(|x| x.ln()).collect();
        self.first_nonpositive = self
            .raw
            .chunks_exact(self.m)
            .map(|column| column.iter().position(|&x| x.is_nan() || x <= 0.0))
            .collect();
    }

    /// Criterion `j`'s options in ascending order of raw value (sorted the first time), and
    /// its raw column.
    pub(super) fn order(&mut self, j: usize) -> (&[u32], &[f64]) {
        let m = self.m;
        if self.order.is_empty() {
            self.order = vec![0; m * self.criteria.len()];
        }
        let slot = &mut self.order[j * m..(j + 1) * m];
        let xs = &self.raw[j * m..(j + 1) * m];
        if !self.sorted[j] {
            for (t, o) in slot.iter_mut().enumerate() {
                *o = t as u32;
            }
            slot.sort_unstable_by(|&a, &b| xs[a as usize].total_cmp(&xs[b as usize]));
            self.sorted[j] = true;
        }
        (slot, xs)
    }
}
