//! Scores along one target's sweep: the line of weights, and how scores are read on it (from
//! the two ends where they are affine in the weight, else by scoring afresh).

use super::{Found, Sensitivity, linear, sampled};
use crate::analysis::scoring::{Problem, ScoreError, score_problem};
use crate::scenario::model::Method;

/// The weights along a sweep: `w · inside + (1 − w) · outside`.
#[derive(Clone, Debug)]
pub(super) struct Line {
    pub inside: Vec<f64>,
    pub outside: Vec<f64>,
    pub current: f64,
}

impl Line {
    pub fn at(&self, w: f64) -> Vec<f64> {
        self.inside
            .iter()
            .zip(&self.outside)
            .map(|(a, b)| w * a + (1.0 - w) * b)
            .collect()
    }
}

/// How scores are read along a line.
pub(super) enum Curve {
    /// Keys affine in `w` (higher better): `(1 − w) at0 + w at1`; scores are the keys, or their
    /// exponentials for the weighted product.
    Affine {
        at0: Vec<f64>,
        at1: Vec<f64>,
        exp: bool,
    },
    /// Scored afresh at each weight.
    Sampled,
}

/// Scores along one target's line.
pub(super) struct Evaluator<'a> {
    pub s: &'a Sensitivity,
    pub ids: Vec<&'a str>,
    pub line: Line,
    pub curve: Curve,
    pub method: Method,
}

impl Evaluator<'_> {
    pub fn score_at(&self, weights: &[f64]) -> Result<Vec<f64>, ScoreError> {
        let p = Problem {
            options: &self.ids,
            criteria: &self.s.criteria,
            matrix: &self.s.matrix,
            weights,
            vikor_v: self.s.vikor_v,
        };
        score_problem(&p, self.method, self.s.current.normalization).map(|o| o.scores)
    }

    /// The method's scores at weight `w` of the target.
    pub fn scores(&self, w: f64) -> Result<Vec<f64>, ScoreError> {
        match &self.curve {
            Curve::Affine { at0, at1, exp } => Ok(at0
                .iter()
                .zip(at1)
                .map(|(a, b)| {
                    let k = (1.0 - w) * a + w * b;
                    if *exp { k.exp() } else { k }
                })
                .collect()),
            Curve::Sampled => self.score_at(&self.line.at(w)),
        }
    }

    /// Keys at `w`: the scores turned so that higher is better.
    pub fn keys(&self, w: f64) -> Result<Vec<f64>, ScoreError> {
        let mut k = self.scores(w)?;
        if !self.method.higher_is_better() {
            k.iter_mut().for_each(|x| *x = -*x);
        }
        Ok(k)
    }

    pub fn find(&self, cells: usize) -> Result<Found, ScoreError> {
        match &self.curve {
            Curve::Affine { at0, at1, .. } => Ok(linear(at0, at1)),
            Curve::Sampled => sampled(|w| self.keys(w), cells),
        }
    }
}
