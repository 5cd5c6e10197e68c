//! SMAA-2 (Lahdelma & Salminen 2001): how sure a ranking is, given uncertain scores and
//! incomplete weights.
//!
//! Each draw takes a value for every uncertain cell (uniform over a `Range`, triangular over a
//! `Triangular`) and a weight vector (by [`WeightInfo`]), scores every option with the chosen
//! method and ranks them. Over all draws:
//!
//! - **rank acceptability** `b_i^r`: the share of draws in which option `i` takes rank `r`;
//!   options tied in a draw share the tied ranks equally, so every row and column sums to 1;
//! - **central weights**: the mean weights of the draws in which `i` ranks first (a draw in which
//!   `g` options tie for first counts `1/g` for each);
//! - **confidence factor**: the share of a second, independent pass of score draws in which `i`
//!   ranks first under its own central weights;
//! - **holistic acceptability** `Σ_r α_r b_i^r` with the linear meta-weights
//!   `α_r = (m − r)/(m − 1)`;
//! - **pairwise winning** `c_ik`: the share of draws in which `i` ranks strictly above `k` (a tie
//!   counts for neither, so `c_ik + c_ki` is below 1 when they tie).
//!
//! Reproducible: every draw's random numbers come from `(seed, draw index)` alone
//! ([`crate::analysis::sampling::DrawRng`]) and every count is an integer, so the same seed and
//! number of draws give the same result whatever the number of threads. `docs/smaa.md` has the
//! details.

mod confidence;
mod model;
mod tally;
pub mod weights;

use std::num::NonZeroUsize;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use thiserror::Error;

use crate::analysis::sampling::DrawRng;
use crate::analysis::scoring::{ScoreError, allowed_list};
use crate::scenario::model::{Method, Normalization, Scenario};
use crate::scenario::validate::MAX_DRAWS;
use model::{Kind, Model};
use tally::{Tally, UNIT, WEIGHT_SCALE};
use weights::{Sampler, WeightScratch};

/// The order of criteria that [`WeightInfo::Ordinal`] uses for profile `p` when the request
/// gives none: levels of criterion indices, most important first; criteria of weight 0 left
/// out.
pub fn profile_order(scenario: &Scenario, p: usize) -> Vec<Vec<usize>> {
    if p >= scenario.profiles.len() {
        return Vec::new();
    }
    weights::profile_levels(scenario, p)
}

/// What is known about the weights.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum WeightInfo {
    /// The profile's effective weights, every draw.
    #[default]
    Exact,
    /// The profile's `weight_ranges`, each drawn uniformly in its own units, then made
    /// effective as the scenario does; the other weights as the profile has them.
    Ranges,
    /// Uniform over the weights that respect the order of the profile's effective weights (or
    /// of its ranking elicitations, or an order given in the request).
    Ordinal,
    /// Uniform over every weight vector: no preference information.
    None,
    /// Each draw one of the scenario's profiles (its effective weights), chosen with
    /// probability proportional to its vote weight: the room's own weights.
    Profiles,
    /// Each draw a random convex combination of every profile's effective weights, the
    /// coefficients Dirichlet(vote weights) (uniform on the simplex when every vote weight is
    /// 1): anything between the room's weights.
    Blend,
}

impl WeightInfo {
    pub const ALL: [WeightInfo; 6] = [
        WeightInfo::Exact,
        WeightInfo::Ranges,
        WeightInfo::Ordinal,
        WeightInfo::None,
        WeightInfo::Profiles,
        WeightInfo::Blend,
    ];

    /// Whether the weights come from every profile, not only the request's.
    pub fn pools_profiles(self) -> bool {
        matches!(self, WeightInfo::Profiles | WeightInfo::Blend)
    }

    /// The name used on the command line and in JSON.
    pub fn keyword(self) -> &'static str {
        match self {
            WeightInfo::Exact => "exact",
            WeightInfo::Ranges => "ranges",
            WeightInfo::Ordinal => "ordinal",
            WeightInfo::None => "none",
            WeightInfo::Profiles => "profiles",
            WeightInfo::Blend => "blend",
        }
    }

    pub fn from_keyword(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|w| w.keyword() == s)
    }
}

/// What to analyse.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    /// Index into `scenario.profiles`.
    pub profile: usize,
    pub method: Method,
    pub normalization: Normalization,
    pub weights: WeightInfo,
    /// For [`WeightInfo::Ordinal`]: levels of criterion ids, most important first (ids in one
    /// level are unordered among themselves; criteria left out weigh 0), instead of the
    /// profile's order.
    pub order: Option<Vec<Vec<String>>>,
    /// 1 to [`MAX_DRAWS`].
    pub draws: u32,
    pub seed: u64,
}

impl Request {
    /// The scenario's own settings: active profile, method, normalisation, Monte Carlo draws
    /// and seed; exact weights.
    pub fn from_settings(scenario: &Scenario) -> Self {
        let st = &scenario.settings;
        Self {
            profile: scenario.active_profile_index(),
            method: st.method,
            normalization: st.method.normalization_for(st.normalization),
            weights: WeightInfo::Exact,
            order: None,
            draws: st.monte_carlo.draws,
            seed: st.monte_carlo.seed,
        }
    }
}

/// How a caller (a window's background thread) steers a run.
#[derive(Clone, Copy, Debug, Default)]
pub struct Control<'a> {
    /// Threads to use; `None` for every core.
    pub threads: Option<NonZeroUsize>,
    /// Set it to stop the run; [`run`] then returns [`SmaaError::Cancelled`] soon after.
    pub cancel: Option<&'a AtomicBool>,
    /// Draws done so far, out of [`work`]`(draws)`; updated every few hundred draws.
    pub progress: Option<&'a AtomicU64>,
}

/// The units of work a run of `draws` reports through [`Control::progress`]: both passes.
pub fn work(draws: u32) -> u64 {
    2 * u64::from(draws)
}

/// Why a run could not be done.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum SmaaError {
    #[error(transparent)]
    Score(#[from] ScoreError),
    #[error("the number of draws must be 1 to {MAX_DRAWS}, found {0}")]
    Draws(u64),
    #[error(
        "profile `{0}` has no weight ranges; add `weight_ranges` to it, or choose exact, ordinal or none weights"
    )]
    NoRanges(String),
    #[error("ordinal weights: {0}")]
    Order(String),
    #[error("the analysis was cancelled")]
    Cancelled,
}

/// One option's results.
#[derive(Clone, Debug, PartialEq)]
pub struct OptionResult {
    /// The option's id.
    pub option: String,
    /// `b_i^r` for ranks 1..=m.
    pub rank_acceptability: Vec<f64>,
    /// The Monte Carlo standard error of each `b_i^r`: `√(b (1 − b) / N)`.
    pub standard_error: Vec<f64>,
    /// Mean weights (criteria in scenario order) of the draws in which it ranks first; `None`
    /// if it never does.
    pub central_weights: Option<Vec<f64>>,
    /// Share of the second pass in which it ranks first under its central weights.
    pub confidence: Option<f64>,
    pub holistic: f64,
}

/// The results of a run.
#[derive(Clone, Debug, PartialEq)]
pub struct Smaa {
    pub method: Method,
    pub normalization: Normalization,
    /// The profile's id.
    pub profile: String,
    pub weights: WeightInfo,
    pub draws: u32,
    pub seed: u64,
    /// Criterion ids, the order of the central weights.
    pub criteria: Vec<String>,
    /// How many uncertain cells were drawn (those of criteria that can weigh).
    pub uncertain_cells: usize,
    /// In the scenario's option order.
    pub options: Vec<OptionResult>,
    /// `pairwise_winning[i][k]`: share of draws in which option `i` ranks above option `k`.
    pub pairwise_winning: Vec<Vec<f64>>,
}

/// Random streams: weights, the first pass's scores, the second pass's scores.
const WEIGHTS: u64 = 0;
const SCORES: u64 = 1;
const CONFIDENCE: u64 = 2;

/// Draws a thread takes at a time (and between looks at the cancel flag).
const CHUNK: u64 = 256;

/// Runs SMAA-2 on `scenario`.
pub fn run(scenario: &Scenario, req: &Request, control: &Control) -> Result<Smaa, SmaaError> {
    if req.draws == 0 || req.draws > MAX_DRAWS {
        return Err(SmaaError::Draws(u64::from(req.draws)));
    }
    let profile = scenario
        .profiles
        .get(req.profile)
        .ok_or(ScoreError::NoProfile)?;
    if !req.method.allows(req.normalization) {
        return Err(ScoreError::NotAllowed {
            method: req.method.keyword(),
            normalization: req.normalization.keyword(),
            allowed: allowed_list(req.method),
        }
        .into());
    }
    if req.method == Method::Vikor && !(0.0..=1.0).contains(&scenario.settings.vikor_v) {
        return Err(ScoreError::VikorV(scenario.settings.vikor_v).into());
    }
    let (sampler, active) = Sampler::new(scenario, req.profile, req.weights, req.order.as_deref())?;
    if !active.contains(&true) {
        return Err(ScoreError::AllZeroWeights {
            profile: profile.id.clone(),
        }
        .into());
    }
    let kind = Kind::new(req.method, req.normalization, scenario.settings.vikor_v);
    let model = Model::new(scenario, kind, &active)?;
    let (m, n) = (model.options(), model.criteria());
    let draws = u64::from(req.draws);
    let threads = control
        .threads
        .or_else(|| std::thread::available_parallelism().ok())
        .map_or(1, NonZeroUsize::get);

    // First pass: ranks, pairwise wins, central weights.
    let first = if sampler.is_fixed() && !model.has_uncertainty() {
        // Every draw is the same: count one and repeat it.
        let mut t = Tally::new(m, n);
        let mut w = vec![0.0; n];
        let mut ws = WeightScratch::default();
        sampler.sample(&mut DrawRng::new(req.seed, WEIGHTS, 0), &mut ws, &mut w);
        let mut scores = vec![0.0; m];
        model.scores(
            &model.scratch().t,
            &w,
            &mut model.score_buffers(),
            &mut scores,
        );
        t.add_draw(&scores, &w);
        t.repeat(draws);
        report(control, draws);
        t
    } else {
        passes(&model, draws, threads, control, |t, k, state| {
            let mut rng = DrawRng::new(req.seed, WEIGHTS, k);
            sampler.sample(&mut rng, &mut state.weight_scratch, &mut state.w);
            let mut rng = DrawRng::new(req.seed, SCORES, k);
            model.draw_scores(&mut rng, &mut state.scratch)?;
            model.scores(
                &state.scratch.t,
                &state.w,
                &mut state.buffers,
                &mut state.scores,
            );
            t.add_draw(&state.scores, &state.w);
            Ok(())
        })?
    };

    let central: Vec<Option<Vec<f64>>> = (0..m).map(|i| central_weights(&first, i, m, n)).collect();
    // Options that share central weights (all of them under exact weights) are scored once.
    let mut candidates: Vec<(&Vec<f64>, Vec<usize>)> = Vec::new();
    for (i, c) in central.iter().enumerate() {
        let Some(c) = c else { continue };
        match candidates.iter_mut().find(|(w, _)| *w == c) {
            Some((_, members)) => members.push(i),
            None => candidates.push((c, vec![i])),
        }
    }

    // Second pass: each option that ever ranks first, under its own central weights.
    let second = if !model.has_uncertainty() {
        let mut t = Tally::new(m, n);
        let (t_cols, mut buffers, mut scores) =
            (model.scratch().t, model.score_buffers(), vec![0.0; m]);
        for (w, members) in &candidates {
            model.scores(&t_cols, w, &mut buffers, &mut scores);
            for &i in members {
                t.add_first(&scores, i);
            }
        }
        t.repeat(draws);
        report(control, draws);
        t
    } else if model.is_linear() {
        // Only the options that can come near each candidate are scored (`confidence`).
        let groups = candidates
            .iter()
            .map(|(w, members)| ((*w).clone(), members.clone()))
            .collect();
        let pass = confidence::Pass::new(&model, groups);
        passes(&model, draws, threads, control, |t, k, state| {
            let mut rng = DrawRng::new(req.seed, CONFIDENCE, k);
            model.draw_scores(&mut rng, &mut state.scratch)?;
            pass.count(&state.scratch.t, t, &mut state.near);
            Ok(())
        })?
    } else {
        passes(&model, draws, threads, control, |t, k, state| {
            let mut rng = DrawRng::new(req.seed, CONFIDENCE, k);
            model.draw_scores(&mut rng, &mut state.scratch)?;
            for (w, members) in &candidates {
                model.scores(&state.scratch.t, w, &mut state.buffers, &mut state.scores);
                for &i in members {
                    t.add_first(&state.scores, i);
                }
            }
            Ok(())
        })?
    };

    let total = (UNIT * draws) as f64;
    let nf = draws as f64;
    let options = (0..m)
        .map(|i| {
            let b: Vec<f64> = first.ranks[i * m..(i + 1) * m]
                .iter()
                .map(|&c| c as f64 / total)
                .collect();
            let se = b
                .iter()
                .map(|&x| (x * (1.0 - x) / nf).max(0.0).sqrt())
                .collect();
            let holistic = b
                .iter()
                .enumerate()
                .map(|(r, x)| meta_weight(r, m) * x)
                .sum();
            OptionResult {
                option: scenario.options[i].id.clone(),
                rank_acceptability: b,
                standard_error: se,
                confidence: central[i]
                    .as_ref()
                    .map(|_| second.confident[i] as f64 / total),
                central_weights: central[i].clone(),
                holistic,
            }
        })
        .collect();
    let pairwise_winning = (0..m)
        .map(|i| {
            first.above[i * m..(i + 1) * m]
                .iter()
                .map(|&c| c as f64 / nf)
                .collect()
        })
        .collect();
    Ok(Smaa {
        method: req.method,
        normalization: req.normalization,
        profile: profile.id.clone(),
        weights: req.weights,
        draws: req.draws,
        seed: req.seed,
        criteria: scenario.criteria.iter().map(|c| c.id.clone()).collect(),
        uncertain_cells: model.uncertain_cells(),
        options,
        pairwise_winning,
    })
}

/// SMAA-2's linear meta-weight of rank `r` (0 best) among `m`: 1 for the first, 0 for the last.
fn meta_weight(r: usize, m: usize) -> f64 {
    if m <= 1 {
        1.0
    } else {
        (m - 1 - r) as f64 / (m - 1) as f64
    }
}

/// Option `i`'s mean weights over its first-rank draws, or `None` if it never ranks first.
fn central_weights(t: &Tally, i: usize, m: usize, n: usize) -> Option<Vec<f64>> {
    let firsts = t.ranks[i * m];
    if firsts == 0 {
        return None;
    }
    let scale = firsts as f64 * WEIGHT_SCALE;
    let mut w: Vec<f64> = t.central[i * n..(i + 1) * n]
        .iter()
        .map(|&c| c as f64 / scale)
        .collect();
    // Each draw's weights sum to 1; remove the fixed point's rounding.
    let sum: f64 = w.iter().sum();
    if sum > 0.0 {
        for x in &mut w {
            *x /= sum;
        }
    }
    Some(w)
}

fn report(control: &Control, units: u64) {
    if let Some(p) = control.progress {
        p.fetch_add(units, Ordering::Relaxed);
    }
}

/// A thread's working memory for one pass.
struct State {
    scratch: model::Scratch,
    buffers: model::ScoreBuffers,
    weight_scratch: WeightScratch,
    w: Vec<f64>,
    scores: Vec<f64>,
    /// The second pass's options near the lead, with their scores.
    near: Vec<(usize, f64)>,
}

/// Runs `draw` for draws `0..draws` on `threads` threads, each taking [`CHUNK`] draws at a
/// time, and adds up their tallies.
fn passes<F>(
    model: &Model,
    draws: u64,
    threads: usize,
    control: &Control,
    draw: F,
) -> Result<Tally, SmaaError>
where
    F: Fn(&mut Tally, u64, &mut State) -> Result<(), ScoreError> + Sync,
{
    let (m, n) = (model.options(), model.criteria());
    let chunks = draws.div_ceil(CHUNK);
    let threads = threads.clamp(1, usize::try_from(chunks).unwrap_or(usize::MAX).max(1));
    let next = AtomicU64::new(0);
    let stop = AtomicBool::new(false);
    let failure: Mutex<Option<SmaaError>> = Mutex::new(None);
    let worker = || -> Tally {
        let mut t = Tally::new(m, n);
        let mut state = State {
            scratch: model.scratch(),
            buffers: model.score_buffers(),
            weight_scratch: WeightScratch::default(),
            w: vec![0.0; n],
            scores: vec![0.0; m],
            near: Vec::with_capacity(m),
        };
        loop {
            if stop.load(Ordering::Relaxed) {
                break;
            }
            if control.cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
                fail(&failure, &stop, SmaaError::Cancelled);
                break;
            }
            let c = next.fetch_add(1, Ordering::Relaxed);
            if c >= chunks {
                break;
            }
            let (from, to) = (c * CHUNK, ((c + 1) * CHUNK).min(draws));
            for k in from..to {
                if let Err(e) = draw(&mut t, k, &mut state) {
                    fail(&failure, &stop, e.into());
                    return t;
                }
            }
            report(control, to - from);
        }
        t
    };
    let tallies: Vec<Tally> = if threads == 1 {
        vec![worker()]
    } else {
        std::thread::scope(|s| {
            let handles: Vec<_> = (0..threads).map(|_| s.spawn(worker)).collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        })
    };
    if let Some(e) = failure.lock().ok().and_then(|mut f| f.take()) {
        return Err(e);
    }
    let mut total = Tally::new(m, n);
    for t in &tallies {
        total.merge(t);
    }
    Ok(total)
}

fn fail(failure: &Mutex<Option<SmaaError>>, stop: &AtomicBool, e: SmaaError) {
    stop.store(true, Ordering::Relaxed);
    if let Ok(mut f) = failure.lock()
        && f.is_none()
    {
        *f = Some(e);
    }
}
