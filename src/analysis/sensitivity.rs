//! One-way sensitivity: how the scores move as one criterion's (or one family's) weight sweeps
//! from 0 to 100 %, where pairs of options change order, and how far each weight can move
//! before the top option or the whole ranking changes.
//!
//! **The sweep.** Setting the target's effective weight to `w` multiplies every other
//! criterion's effective weight by `(1 − w)/(1 − w₀)`, `w₀` being the current weight, so the
//! others keep their proportions and all still sum to 1. For a family, the family's share
//! sweeps, its criteria keep their proportions within it, and the other families' criteria
//! rescale. The weights are then affine in `w`: `w · inside + (1 − w) · outside`, where
//! `inside` is the target's own weights scaled to sum 1 and `outside` everyone else's. Two
//! degenerate cases: when the target holds the whole weight (`w₀ = 1`), the rest is spread
//! equally over the other criteria; when it holds none (`w₀ = 0`), a family's criteria take the
//! profile's proportions within the family (equal when those are all 0).
//!
//! **Crossings.** Under the weighted sum and PROMETHEE II each score is affine in `w`, and so is
//! the logarithm of the weighted product: every pair crosses at most once, at a closed-form root.
//! TOPSIS and VIKOR are not: their scores are sampled on a grid and each crossing is bisected
//! to 1e-9 (see [`sampled`]). VIKOR's Q is lower-better; crossings and ranks follow each method's
//! own notion of better.
//!
//! **Ties.** The ranking at a weight is the scorer's: scores equal within
//! [`crate::analysis::scoring::TIE_TOLERANCE`] share a rank. Options whose scores are equal all along the
//! sweep stay tied and never reverse. When the current weights sit on a crossing (two options
//! tied now, in a different order either side), any move breaks the tie: the interval is the
//! single point `[w₀, w₀]` and the smallest change is 0.
//!
//! Everything here is plain data, `Send`, computed once per change of the scenario, profile or
//! method; a view can run it off the UI thread.

mod evaluate;
mod roots;
mod stability;

use thiserror::Error;

use evaluate::{Curve, Evaluator, Line};

pub use roots::{Crossing, Found, LOCATE_TOLERANCE, linear, sampled};
pub use stability::Interval;

use crate::analysis::scoring::{Ranking, ScoreError, score_with};
use crate::scenario::model::{Criterion, Method, Normalization, Scenario};
use crate::scenario::weights::criterion_shares;

/// What a sweep moves: one criterion's effective weight, or one family's share.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    /// A criterion, by index into `scenario.criteria`.
    Criterion(usize),
    /// A family, by index into `scenario.families`.
    Family(usize),
}

/// How finely the sweep is computed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Settings {
    /// Grid cells for the methods without closed-form crossings (1,000: a step of 0.1 %).
    pub cells: usize,
    /// Points of each drawn curve, evenly spaced over 0..1 (the current weight is added).
    pub curve_points: usize,
    /// Use the closed form where the method allows it; `false` forces grid and bisection.
    pub closed_form: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            cells: 1000,
            curve_points: 101,
            closed_form: true,
        }
    }
}

/// Why a sensitivity analysis cannot be made.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum SensitivityError {
    #[error(transparent)]
    Score(#[from] ScoreError),
    #[error("there is no criterion or family number {0}")]
    NoSuchTarget(String),
    #[error("family `{0}` has no criteria; there is no weight to sweep")]
    EmptyFamily(String),
    #[error("`{0}` holds every criterion; there is nothing to trade its weight against")]
    NothingToTrade(String),
    #[error("sweeping the weight of `{target}`: {source}")]
    Sweep { target: String, source: ScoreError },
}

/// A scenario, profile and method prepared for sensitivity analysis. Owns its data, so it can
/// be moved to a worker thread.
#[derive(Clone, Debug)]
pub struct Sensitivity {
    /// The current ranking, as `score_with` gives it.
    pub current: Ranking,
    options: Vec<String>,
    criteria: Vec<Criterion>,
    /// Each criterion's family, by index into `families`.
    family_of: Vec<Option<usize>>,
    families: Vec<String>,
    matrix: Vec<Vec<Option<f64>>>,
    /// Each criterion's share within its family, in the profile.
    within: Vec<f64>,
    vikor_v: f64,
}

/// The sweep of one target: curves, reversals and stability.
#[derive(Clone, Debug, PartialEq)]
pub struct Sweep {
    pub target: Target,
    pub current_weight: f64,
    /// Whether a higher score is better (false for VIKOR's Q).
    pub higher_is_better: bool,
    /// Whether the crossings are closed-form roots (else grid and bisection).
    pub closed_form: bool,
    /// The weights at which the curves are sampled, ascending.
    pub weights: Vec<f64>,
    /// `curves[option][k]`: the option's score at `weights[k]`.
    pub curves: Vec<Vec<f64>>,
    /// Every change of order of a pair inside (0, 1), by weight.
    pub reversals: Vec<Reversal>,
    pub stable: Stable,
}

/// A pair of options changes order at `weight`: `before` is ahead just below it, `after` just
/// above (option indices).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Reversal {
    pub weight: f64,
    pub before: usize,
    pub after: usize,
    /// Whether the option ranked first differs either side of this weight.
    pub top_changes: bool,
}

/// The stability of one target's weight.
#[derive(Clone, Debug, PartialEq)]
pub struct Stable {
    /// Where the option(s) ranked first stay the same.
    pub top: Interval,
    /// Where the whole ranking stays the same.
    pub ranking: Interval,
    /// The option(s) ranked first now.
    pub top_now: Vec<usize>,
    /// The option(s) ranked first just below `top.lo`, when that end changes the top.
    pub top_below: Vec<usize>,
    /// The option(s) ranked first just above `top.hi`, when that end changes the top.
    pub top_above: Vec<usize>,
}

impl Stable {
    /// The smallest change of the weight (a share of 1) that changes the top option, the weight
    /// it leads to and the new top option(s); `None` when no weight in 0..1 changes it.
    pub fn critical_change(&self, current: f64) -> Option<(f64, f64, &[usize])> {
        let change = self.top.smallest_change(current)?;
        let down = self.top.lo_changes && (current - self.top.lo) <= change;
        Some(if down {
            (change, self.top.lo, &self.top_below[..])
        } else {
            (change, self.top.hi, &self.top_above[..])
        })
    }
}

/// One target's weight and stability, or why it cannot be swept.
#[derive(Clone, Debug, PartialEq)]
pub struct TargetStability {
    pub target: Target,
    pub weight: f64,
    pub stable: Result<Stable, SensitivityError>,
}

/// The smallest change of one weight that changes the top option.
#[derive(Clone, Debug, PartialEq)]
pub struct Critical {
    pub target: Target,
    /// The change, as a share of 1 (× 100 for percentage points).
    pub change: f64,
    /// The weight it leads to.
    pub to_weight: f64,
    /// The option(s) ranked first past that weight.
    pub new_top: Vec<usize>,
}

/// Stability of every criterion and family, and the most critical of each.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    pub criteria: Vec<TargetStability>,
    pub families: Vec<TargetStability>,
    /// The criterion whose weight needs the smallest change to change the top option; `None`
    /// when no single criterion weight can change it.
    pub most_critical: Option<Critical>,
    /// The same over the families' shares.
    pub most_critical_family: Option<Critical>,
}

impl Sensitivity {
    /// Prepares `scenario` under the profile at index `profile`, scored with `method` and
    /// `normalization`; fails as `score_with` does.
    pub fn new(
        scenario: &Scenario,
        profile: usize,
        method: Method,
        normalization: Normalization,
    ) -> Result<Self, SensitivityError> {
        let current = score_with(scenario, profile, method, normalization)?;
        let within = scenario
            .profiles
            .get(profile)
            .map(|p| criterion_shares(scenario, p))
            .unwrap_or_default();
        Ok(Self {
            current,
            options: scenario.options.iter().map(|o| o.id.clone()).collect(),
            family_of: scenario
                .criteria
                .iter()
                .map(|c| scenario.families.iter().position(|f| f.id == c.family))
                .collect(),
            families: scenario.families.iter().map(|f| f.id.clone()).collect(),
            criteria: scenario.criteria.clone(),
            matrix: scenario.matrix(),
            within,
            vikor_v: scenario.settings.vikor_v,
        })
    }

    /// The target's id.
    pub fn target_id(&self, target: Target) -> &str {
        match target {
            Target::Criterion(j) => self.criteria.get(j).map_or("?", |c| c.id.as_str()),
            Target::Family(f) => self.families.get(f).map_or("?", String::as_str),
        }
    }

    /// The target named `id` among the criteria (or, with `family`, the families).
    pub fn find(&self, id: &str, family: bool) -> Option<Target> {
        if family {
            self.families
                .iter()
                .position(|f| f == id)
                .map(Target::Family)
        } else {
            self.criteria
                .iter()
                .position(|c| c.id == id)
                .map(Target::Criterion)
        }
    }

    /// The target's current effective weight (a family's: the sum over its criteria).
    pub fn current_weight(&self, target: Target) -> f64 {
        let w = &self.current.weights;
        match target {
            Target::Criterion(j) => w.get(j).copied().unwrap_or(0.0),
            Target::Family(f) => (0..w.len())
                .filter(|&k| self.family_of[k] == Some(f))
                .map(|k| w[k])
                .sum(),
        }
    }

    /// The effective weights with the target's weight set to `w` (0..1), the others rescaled as
    /// the sweep does.
    pub fn weights_at(&self, target: Target, w: f64) -> Result<Vec<f64>, SensitivityError> {
        Ok(self.line(target)?.at(w.clamp(0.0, 1.0)))
    }

    fn line(&self, target: Target) -> Result<Line, SensitivityError> {
        let n = self.criteria.len();
        let member: Vec<bool> = match target {
            Target::Criterion(j) if j < n => (0..n).map(|k| k == j).collect(),
            Target::Family(f) if f < self.families.len() => {
                (0..n).map(|k| self.family_of[k] == Some(f)).collect()
            }
            _ => return Err(SensitivityError::NoSuchTarget(format!("{target:?}"))),
        };
        let id = || self.target_id(target).to_string();
        if !member.contains(&true) {
            return Err(SensitivityError::EmptyFamily(id()));
        }
        if !member.contains(&false) {
            return Err(SensitivityError::NothingToTrade(id()));
        }
        let base = &self.current.weights;
        // `part(in_target, fallback)`: the base weights of one side scaled to sum 1, else the
        // fallback weights of that side scaled to sum 1, else equal on that side.
        let part = |side: bool, fallback: &dyn Fn(usize) -> f64| -> Vec<f64> {
            let pick = |f: &dyn Fn(usize) -> f64| -> Vec<f64> {
                (0..n)
                    .map(|k| if member[k] == side { f(k) } else { 0.0 })
                    .collect()
            };
            for candidate in [pick(&|k| base[k]), pick(fallback), pick(&|_| 1.0)] {
                let total: f64 = candidate.iter().sum();
                if total > 0.0 {
                    return candidate.into_iter().map(|x| x / total).collect();
                }
            }
            vec![0.0; n]
        };
        Ok(Line {
            inside: part(true, &|k| self.within.get(k).copied().unwrap_or(0.0)),
            outside: part(false, &|_| 0.0),
            current: self.current_weight(target),
        })
    }

    fn evaluator(
        &self,
        target: Target,
        settings: &Settings,
    ) -> Result<Evaluator<'_>, SensitivityError> {
        let line = self.line(target)?;
        let method = self.current.method;
        let mut ev = Evaluator {
            s: self,
            ids: self.options.iter().map(String::as_str).collect(),
            line,
            curve: Curve::Sampled,
            method,
        };
        let wrap = |source| SensitivityError::Sweep {
            target: self.target_id(target).to_string(),
            source,
        };
        // Midway every criterion of either side is weighted: if it scores there, it scores at
        // every weight (what can fail depends only on which criteria weigh above 0).
        ev.score_at(&ev.line.at(0.5)).map_err(wrap)?;
        let exp = match method {
            Method::Wsm | Method::Promethee2 => false,
            Method::Wpm => true,
            Method::Topsis | Method::Vikor => return Ok(ev),
        };
        if !settings.closed_form {
            return Ok(ev);
        }
        let end = |w: f64| -> Result<Vec<f64>, SensitivityError> {
            let s = ev.score_at(&ev.line.at(w)).map_err(wrap)?;
            Ok(if exp {
                s.into_iter().map(f64::ln).collect()
            } else {
                s
            })
        };
        let (at0, at1) = (end(0.0)?, end(1.0)?);
        // A weighted product of 0 (a zero value under `linear` or `sum`) has no logarithm.
        if at0.iter().chain(&at1).all(|k| k.is_finite()) {
            ev.curve = Curve::Affine { at0, at1, exp };
        }
        Ok(ev)
    }

    /// Crossings and stability for one target; with `curves`, also the curve samples.
    fn analyse(
        &self,
        target: Target,
        settings: &Settings,
        curves: bool,
    ) -> Result<Sweep, SensitivityError> {
        let ev = self.evaluator(target, settings)?;
        let wrap = |source| SensitivityError::Sweep {
            target: self.target_id(target).to_string(),
            source,
        };
        let found = ev.find(settings.cells).map_err(wrap)?;
        let current = ev.line.current;
        let higher_is_better = self.current.higher_is_better;
        let st = stability::stability(&found, current, higher_is_better, |w| ev.scores(w))
            .map_err(wrap)?;
        let mut reversals: Vec<Reversal> = found
            .crossings
            .iter()
            .zip(&st.top_changes)
            .map(|(c, &top_changes)| Reversal {
                weight: c.weight,
                before: c.before,
                after: c.after,
                top_changes,
            })
            .collect();
        reversals.sort_by(|a, b| {
            a.weight
                .total_cmp(&b.weight)
                .then(a.before.cmp(&b.before))
                .then(a.after.cmp(&b.after))
        });
        let mut weights = Vec::new();
        let mut samples = vec![Vec::new(); self.options.len()];
        if curves {
            let k = settings.curve_points.max(2);
            weights = (0..k).map(|i| i as f64 / (k - 1) as f64).collect();
            if !weights.iter().any(|&w| (w - current).abs() <= 1e-12) {
                let at = weights.partition_point(|&w| w < current);
                weights.insert(at, current);
            }
            for &w in &weights {
                for (curve, s) in samples.iter_mut().zip(ev.scores(w).map_err(wrap)?) {
                    curve.push(s);
                }
            }
        }
        let top_now = (0..self.current.ranks.len())
            .filter(|&i| self.current.ranks[i] == 1)
            .collect();
        Ok(Sweep {
            target,
            current_weight: current,
            higher_is_better,
            closed_form: matches!(ev.curve, Curve::Affine { .. }),
            weights,
            curves: samples,
            reversals,
            stable: Stable {
                top: st.top,
                ranking: st.ranking,
                top_now,
                top_below: st.top_below,
                top_above: st.top_above,
            },
        })
    }

    /// Sweeps one target: curves, reversals and both stability intervals.
    pub fn sweep(&self, target: Target, settings: &Settings) -> Result<Sweep, SensitivityError> {
        self.analyse(target, settings, true)
    }

    /// The stability of every criterion and family, and the most critical criterion (and
    /// family): the one whose weight needs the smallest change to change the top option.
    pub fn summary(&self, settings: &Settings) -> Summary {
        let each = |targets: Vec<Target>| -> Vec<TargetStability> {
            targets
                .into_iter()
                .map(|target| TargetStability {
                    target,
                    weight: self.current_weight(target),
                    stable: self.analyse(target, settings, false).map(|s| s.stable),
                })
                .collect()
        };
        let criteria = each((0..self.criteria.len()).map(Target::Criterion).collect());
        let families = each((0..self.families.len()).map(Target::Family).collect());
        Summary {
            most_critical: most_critical(&criteria),
            most_critical_family: most_critical(&families),
            criteria,
            families,
        }
    }
}

/// The target with the smallest change that changes the top option (the first on a tie).
fn most_critical(targets: &[TargetStability]) -> Option<Critical> {
    let mut best: Option<Critical> = None;
    for t in targets {
        let Ok(stable) = &t.stable else { continue };
        let Some((change, to_weight, new_top)) = stable.critical_change(t.weight) else {
            continue;
        };
        if best.as_ref().is_none_or(|b| change < b.change) {
            best = Some(Critical {
                target: t.target,
                change,
                to_weight,
                new_top: new_top.to_vec(),
            });
        }
    }
    best
}
