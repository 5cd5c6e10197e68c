//! How robust the best portfolio is: the share of SMAA draws in which each option belongs to
//! the best portfolio for the budget (core: every draw; exterior: none; borderline: some), in
//! the spirit of Robust Portfolio Modelling (Liesiö, Mild & Salo 2007). RPM derives core and
//! exterior exactly from the set of all non-dominated portfolios under incomplete information;
//! this is a simulation of it: each draw takes weights and uncertain scores as SMAA does, and
//! the exact best portfolio of that draw is counted. And the portfolio each weight profile
//! would choose, side by side.
//!
//! Reproducible: draw `k`'s numbers come from `(seed, stream, k)` alone (the SMAA engine's
//! generator, [`DrawRng`]) and the counts are integers, so the result does not depend on the
//! number of threads.

use std::num::NonZeroUsize;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use super::instance::scored;
use super::{NODE_LIMIT, Portfolio, PortfolioError, best, best_within, check_additive, setup};
use crate::analysis::sampling::{self, DrawRng};
use crate::analysis::scoring::{Problem, score_problem};
use crate::analysis::smaa::WeightInfo;
use crate::analysis::smaa::weights::{Sampler, WeightScratch};
use crate::scenario::model::{Method, Normalization, Scenario, Uncertainty};
use crate::scenario::validate::MAX_DRAWS;

/// What to simulate.
#[derive(Clone, Debug, PartialEq)]
pub struct CoreRequest {
    /// Index into `scenario.profiles`.
    pub profile: usize,
    pub method: Method,
    pub normalization: Normalization,
    pub weights: WeightInfo,
    pub draws: u32,
    pub seed: u64,
    pub budget: Option<f64>,
    /// Threads to use; `None` for every core.
    pub threads: Option<NonZeroUsize>,
}

/// Where an option stands across the draws.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CoreClass {
    /// In the best portfolio of every draw.
    Core,
    /// In some draws' best portfolios, not all.
    Borderline,
    /// In none.
    Exterior,
}

impl CoreClass {
    pub fn keyword(self) -> &'static str {
        match self {
            CoreClass::Core => "core",
            CoreClass::Borderline => "borderline",
            CoreClass::Exterior => "exterior",
        }
    }
}

/// One option's share of draws.
#[derive(Clone, Debug, PartialEq)]
pub struct CoreShare {
    pub option: String,
    pub share: f64,
    pub class: CoreClass,
}

/// The best portfolio under one profile.
#[derive(Clone, Debug, PartialEq)]
pub struct ProfileChoice {
    pub profile: String,
    /// The members' ids (empty on an error).
    pub options: Vec<String>,
    pub result: Result<Portfolio, PortfolioError>,
}

/// The best portfolio for `budget` under each of the scenario's profiles, in their order.
pub fn by_profile(
    scenario: &Scenario,
    method: Method,
    normalization: Normalization,
    budget: Option<f64>,
) -> Vec<ProfileChoice> {
    (0..scenario.profiles.len())
        .map(|p| {
            let found = scored(scenario, p, method, normalization, budget).and_then(|inst| {
                let b = best(&inst)?;
                let ids = b.ids(&inst).into_iter().map(String::from).collect();
                Ok((ids, b))
            });
            let (options, result) = match found {
                Ok((ids, b)) => (ids, Ok(b)),
                Err(e) => (Vec::new(), Err(e)),
            };
            ProfileChoice {
                profile: scenario.profiles[p].id.clone(),
                options,
                result,
            }
        })
        .collect()
}

/// Random streams (the same roles as SMAA's: weights, then scores).
const WEIGHTS: u64 = 0;
const SCORES: u64 = 1;
/// Draws a thread takes at a time.
const CHUNK: u64 = 128;

/// The share of draws in which each candidate option (every option but the baseline) belongs
/// to the best portfolio, in the scenario's order.
pub fn core(scenario: &Scenario, req: &CoreRequest) -> Result<Vec<CoreShare>, PortfolioError> {
    core_within(scenario, req, NODE_LIMIT)
}

/// [`core`] with each search (the point estimate's and every draw's) visiting at most `nodes`
/// branch-and-bound nodes, so that a caller with a time budget (the briefing) can bound the
/// whole run: past the limit it fails with [`PortfolioError::NodeLimit`].
pub fn core_within(
    scenario: &Scenario,
    req: &CoreRequest,
    nodes: u64,
) -> Result<Vec<CoreShare>, PortfolioError> {
    core_while(scenario, req, nodes, None, None).map(Option::unwrap_or_default)
}

/// [`core_within`] that stops when `cancel` is set (`Ok(None)`) and counts the draws done in
/// `progress` (for the window's background job).
pub fn core_while(
    scenario: &Scenario,
    req: &CoreRequest,
    nodes: u64,
    cancel: Option<&AtomicBool>,
    progress: Option<&AtomicU64>,
) -> Result<Option<Vec<CoreShare>>, PortfolioError> {
    if req.draws == 0 || req.draws > MAX_DRAWS {
        return Err(PortfolioError::Draws(format!(
            "the number of draws must be 1 to {MAX_DRAWS}, found {}",
            req.draws
        )));
    }
    check_additive(req.method)?;
    // The point estimate first: it reports a bad method, costs or constraints once, and an
    // infeasible set of constraints (which no draw changes) with its explanation.
    let point = scored(
        scenario,
        req.profile,
        req.method,
        req.normalization,
        req.budget,
    )?;
    best_within(&point, nodes)?;
    let setup = setup(scenario, req.budget)?;
    // The SMAA engine's own weight sampler, so that the weights of draw k are those SMAA draws.
    let (weights, _) = Sampler::new(scenario, req.profile, req.weights, None)
        .map_err(|e| PortfolioError::Draws(e.to_string()))?;
    let m = scenario.criteria.len();
    let base = scenario.matrix();
    let mut cells: Vec<(usize, usize, &Uncertainty)> = Vec::new();
    for cell in &scenario.performance {
        if let (Some(u), Some(_), Some(o), Some(c)) = (
            &cell.uncertainty,
            cell.value,
            scenario.option_index(&cell.option),
            scenario.criterion_index(&cell.criterion),
        ) {
            cells.push((o, c, u));
        }
    }
    let ids: Vec<&str> = scenario.options.iter().map(|o| o.id.as_str()).collect();
    let n = setup.instance.items.len();
    let fixed = weights.is_fixed() && cells.is_empty();
    let draws = if fixed { 1 } else { u64::from(req.draws) };

    // One draw: its weights and scores, the best portfolio, its members counted.
    let draw = |k: u64,
                inst: &mut super::Instance,
                matrix: &mut Vec<Vec<Option<f64>>>,
                scratch: &mut WeightScratch,
                counts: &mut [u64]|
     -> Result<(), PortfolioError> {
        let mut w = vec![0.0; m];
        weights.sample(&mut DrawRng::new(req.seed, WEIGHTS, k), scratch, &mut w);
        let mut rng = DrawRng::new(req.seed, SCORES, k);
        for &(o, c, u) in &cells {
            matrix[o][c] = Some(sampling::draw(&mut rng, u));
        }
        let problem = Problem {
            options: &ids,
            criteria: &scenario.criteria,
            matrix,
            weights: &w,
            vikor_v: scenario.settings.vikor_v,
        };
        let out = score_problem(&problem, req.method, req.normalization)?;
        setup.set_values(inst, &out.scores);
        for i in best_within(inst, nodes)?.members {
            counts[i] += 1;
        }
        Ok(())
    };

    let chunks = draws.div_ceil(CHUNK);
    let threads = req
        .threads
        .or_else(|| std::thread::available_parallelism().ok())
        .map_or(1, NonZeroUsize::get)
        .clamp(1, usize::try_from(chunks).unwrap_or(usize::MAX).max(1));
    let next = AtomicU64::new(0);
    let stop = AtomicBool::new(false);
    let failure: Mutex<Option<PortfolioError>> = Mutex::new(None);
    let worker = || -> Vec<u64> {
        let mut counts = vec![0u64; n];
        let mut inst = setup.instance.clone();
        let mut matrix = base.clone();
        let mut scratch = WeightScratch::default();
        while !stop.load(Ordering::Relaxed) && !cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
            let c = next.fetch_add(1, Ordering::Relaxed);
            if c >= chunks {
                break;
            }
            for k in c * CHUNK..((c + 1) * CHUNK).min(draws) {
                if let Err(e) = draw(k, &mut inst, &mut matrix, &mut scratch, &mut counts) {
                    stop.store(true, Ordering::Relaxed);
                    if let Ok(mut f) = failure.lock()
                        && f.is_none()
                    {
                        *f = Some(e);
                    }
                    return counts;
                }
            }
            if let Some(p) = progress {
                p.fetch_add(((c + 1) * CHUNK).min(draws) - c * CHUNK, Ordering::Relaxed);
            }
        }
        counts
    };
    let tallies: Vec<Vec<u64>> = if threads == 1 {
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
    if cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
        return Ok(None);
    }
    let mut counts = vec![0u64; n];
    for t in &tallies {
        for (c, x) in counts.iter_mut().zip(t) {
            *c += x;
        }
    }
    Ok(Some(
        setup
            .instance
            .items
            .iter()
            .zip(counts)
            .map(|(item, c)| CoreShare {
                option: item.id.clone(),
                share: c as f64 / draws as f64,
                class: if c == draws {
                    CoreClass::Core
                } else if c == 0 {
                    CoreClass::Exterior
                } else {
                    CoreClass::Borderline
                },
            })
            .collect(),
    ))
}
