//! The Portfolio view's work on background threads: the plan (best portfolio for the budget,
//! the efficient frontier, the reasons, each profile's choice) and the core index (SMAA draws).
//!
//! The same rhythm as [`super::robustness_job`], for any inputs: [`Job::update`] is called every
//! frame; a run starts when results are wanted and the inputs have been still for [`SETTLE`]
//! (a budget slider drag or a weight drag is followed by one run, not one per frame), a new run
//! cancels the old one, the last results stay on show until the new ones arrive, frames are
//! asked for only while a run goes on or a start is pending, and a finished run asks for one.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

use super::robustness_job::{SETTLE, Status};
use crate::analysis::portfolio::{
    self, Clash, CoreRequest, CoreShare, Instance, Portfolio, PortfolioError, ProfileChoice,
    Reasons,
};
use crate::analysis::smaa::WeightInfo;
use crate::scenario::model::{Method, Scenario};

/// How often a progress bar is redrawn while a run goes on.
const PROGRESS_EVERY: Duration = Duration::from_millis(100);

/// One finished run: its inputs and what it gave.
pub struct Done<I, O> {
    pub inputs: I,
    pub out: O,
}

/// The work of one run: it is told to stop through the flag and reports `(done, total)`.
pub type Work<O> = Box<dyn FnOnce(&AtomicBool, &Progress) -> O + Send>;

/// A run's progress, as steps done of a total the run may raise as it learns more.
#[derive(Default)]
pub struct Progress {
    pub done: AtomicU64,
    pub total: AtomicU64,
}

struct Running<I, O> {
    inputs: I,
    cancel: Arc<AtomicBool>,
    progress: Arc<Progress>,
    done: Receiver<Done<I, O>>,
}

/// A background job and its latest results.
pub struct Job<I, O> {
    running: Option<Running<I, O>>,
    /// The latest finished results (possibly for older inputs).
    pub results: Option<Arc<Done<I, O>>>,
    pending: Option<(I, Instant)>,
    /// Inputs whose run the user cancelled: not restarted until the inputs change.
    stopped: Option<I>,
}

impl<I, O> Default for Job<I, O> {
    fn default() -> Self {
        Self {
            running: None,
            results: None,
            pending: None,
            stopped: None,
        }
    }
}

impl<I: Copy + PartialEq + Send + 'static, O: Send + 'static> Job<I, O> {
    /// Takes in a finished run, and starts `work(inputs)` when results for `inputs` are wanted
    /// and missing, once the inputs have settled.
    pub fn update(
        &mut self,
        ctx: Option<&egui::Context>,
        inputs: I,
        wanted: bool,
        work: impl FnOnce() -> Work<O>,
    ) {
        self.poll();
        if !wanted || self.is_current(inputs) || self.stopped == Some(inputs) {
            self.pending = None;
            return;
        }
        if self.running.as_ref().is_some_and(|r| r.inputs == inputs) {
            if let Some(ctx) = ctx {
                ctx.request_repaint_after(PROGRESS_EVERY);
            }
            return;
        }
        let now = Instant::now();
        let since = match self.pending {
            Some((p, since)) if p == inputs => since,
            _ => {
                self.pending = Some((inputs, now));
                now
            }
        };
        // The first results come at once; later ones wait for the inputs to settle.
        let waited = now.duration_since(since);
        // Not at once while a first run goes: a weight dragged would start one each frame.
        if (self.results.is_none() && self.running.is_none()) || waited >= SETTLE {
            self.start(ctx, inputs, work());
            if let Some(ctx) = ctx {
                ctx.request_repaint_after(PROGRESS_EVERY);
            }
        } else if let Some(ctx) = ctx {
            ctx.request_repaint_after(SETTLE - waited);
        }
    }

    pub fn is_current(&self, inputs: I) -> bool {
        self.results.as_ref().is_some_and(|r| r.inputs == inputs)
    }

    pub fn status(&self, inputs: I) -> Status {
        if self.is_current(inputs) {
            Status::UpToDate
        } else if let Some(r) = self.running.as_ref().filter(|r| r.inputs == inputs) {
            let done = r.progress.done.load(Ordering::Relaxed) as f64;
            let total = r.progress.total.load(Ordering::Relaxed).max(1) as f64;
            Status::Running((done / total).clamp(0.0, 1.0))
        } else if self.stopped == Some(inputs) {
            Status::Cancelled
        } else {
            Status::Waiting
        }
    }

    /// Stops the run in progress; it is not restarted until its inputs change or [`Self::retry`].
    pub fn cancel(&mut self) {
        if let Some(r) = self.running.take() {
            r.cancel.store(true, Ordering::Relaxed);
            self.stopped = Some(r.inputs);
        }
        self.pending = None;
    }

    pub fn retry(&mut self) {
        self.stopped = None;
    }

    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// Starts the run for `inputs` now if none is current, and waits for it (tests).
    pub fn finish(&mut self, inputs: I, work: impl FnOnce() -> Work<O>) {
        if !self.is_current(inputs) && self.running.as_ref().is_none_or(|r| r.inputs != inputs) {
            self.start(None, inputs, work());
        }
        if let Some(r) = self.running.take()
            && let Ok(done) = r.done.recv()
        {
            self.results = Some(Arc::new(done));
        }
        self.pending = None;
    }

    fn poll(&mut self) {
        let Some(r) = &self.running else { return };
        match r.done.try_recv() {
            Ok(done) => {
                self.results = Some(Arc::new(done));
                self.running = None;
            }
            Err(TryRecvError::Disconnected) => self.running = None,
            Err(TryRecvError::Empty) => {}
        }
    }

    fn start(&mut self, ctx: Option<&egui::Context>, inputs: I, work: Work<O>) {
        if let Some(old) = self.running.take() {
            old.cancel.store(true, Ordering::Relaxed);
        }
        self.pending = None;
        self.stopped = None;
        let cancel = Arc::new(AtomicBool::new(false));
        let progress = Arc::new(Progress::default());
        let (tx, rx) = channel();
        let (c, p) = (Arc::clone(&cancel), Arc::clone(&progress));
        let ctx = ctx.cloned();
        let spawned = std::thread::Builder::new()
            .name("portfolio".into())
            .spawn(move || {
                let out = work(&c, &p);
                // A cancelled run's results are of no use: drop them.
                if !c.load(Ordering::Relaxed) {
                    let _ = tx.send(Done { inputs, out });
                    // One frame soon: an immediate request would draw two.
                    if let Some(ctx) = ctx {
                        ctx.request_repaint_after(Duration::from_millis(1));
                    }
                }
            });
        if spawned.is_ok() {
            self.running = Some(Running {
                inputs,
                cancel,
                progress,
                done: rx,
            });
        }
    }
}

/// Why there is no portfolio to show.
#[derive(Clone, Debug, PartialEq)]
pub enum Refusal {
    /// The method's scores do not add up.
    NotAdditive(Method),
    /// These candidates have no cost (ids).
    NoCost(Vec<String>),
    /// These candidates have no use of the second resource.
    NoResourceUse(Vec<String>),
    /// No portfolio meets every constraint: these clash (and whether the list is smallest).
    Infeasible(Vec<Clash>, bool),
    /// Anything else, in the engine's words.
    Other(String),
}

/// The plan's inputs: the document and the budget on the slider.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlanInputs {
    pub revision: u64,
    pub budget: f64,
}

/// The plan for one budget.
pub struct Plan {
    /// The scored problem (values above the baseline) under the budget.
    pub inst: Instance,
    pub best: Portfolio,
    /// Every efficient portfolio, cheapest first, or why it is not drawn.
    pub frontier: Result<Vec<Portfolio>, String>,
    /// `None` when a search ran out (never on a cancelled run: that is dropped).
    pub reasons: Option<Reasons>,
    pub profiles: Vec<ProfileChoice>,
}

/// The plan, or why there is none (with the scored problem when there is one, to name the
/// constraints that clash).
pub type PlanOutcome = Result<Plan, (Option<Box<Instance>>, Refusal)>;

/// The plan's work on a snapshot of the scenario.
pub fn plan_work(scenario: &Scenario, inputs: PlanInputs) -> Work<PlanOutcome> {
    let s = scenario.clone();
    Box::new(move |cancel, progress| plan(&s, inputs.budget, cancel, progress))
}

fn plan(s: &Scenario, budget: f64, cancel: &AtomicBool, progress: &Progress) -> PlanOutcome {
    let (method, normalization) = (s.settings.method, s.settings.normalization);
    let profile = s.active_profile_index();
    let inst = portfolio::scored(s, profile, method, normalization, Some(budget))
        .map_err(|e| (None, refusal(s, method, e)))?;
    let best = match portfolio::best(&inst) {
        Ok(b) => b,
        Err(PortfolioError::Infeasible(_)) => {
            let (list, smallest) = portfolio::clashes(&inst);
            return Err((Some(Box::new(inst)), Refusal::Infeasible(list, smallest)));
        }
        Err(e) => return Err((Some(Box::new(inst)), Refusal::Other(e.to_string()))),
    };
    let searches = portfolio::searches(&inst, &best) as u64;
    // Steps: the frontier, each forced search, the profiles.
    progress.total.store(searches + 2, Ordering::Relaxed);
    let frontier = portfolio::frontier(&inst).map_err(|e| e.to_string());
    progress.done.store(1, Ordering::Relaxed);
    let reasons = portfolio::reasons(&inst, &best, |k| {
        progress.done.store(1 + k as u64, Ordering::Relaxed);
        !cancel.load(Ordering::Relaxed)
    });
    let profiles = portfolio::by_profile(s, method, normalization, Some(budget));
    progress.done.store(searches + 2, Ordering::Relaxed);
    Ok(Plan {
        inst,
        best,
        frontier,
        reasons,
        profiles,
    })
}

/// The engine's refusal as the window words it; every missing cost named, not only the first.
fn refusal(s: &Scenario, method: Method, e: PortfolioError) -> Refusal {
    let p = &s.settings.portfolio;
    let candidates = || {
        s.options
            .iter()
            .filter(|o| o.id != p.baseline && !p.exclude.contains(&o.id))
    };
    match e {
        PortfolioError::NotAdditive(_) => Refusal::NotAdditive(method),
        PortfolioError::NoCost(_) => Refusal::NoCost(
            candidates()
                .filter(|o| o.cost.is_none())
                .map(|o| o.id.clone())
                .collect(),
        ),
        PortfolioError::NoResourceUse(_) => Refusal::NoResourceUse(
            candidates()
                .filter(|o| {
                    p.resource
                        .as_ref()
                        .is_some_and(|r| !r.uses.contains_key(&o.id))
                })
                .map(|o| o.id.clone())
                .collect(),
        ),
        e => Refusal::Other(e.to_string()),
    }
}

/// The core index's inputs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CoreInputs {
    pub revision: u64,
    pub budget: f64,
    pub weights: WeightInfo,
    pub draws: u32,
}

/// The core index of one run, with the seed it used.
pub struct CoreOutcome {
    pub seed: u64,
    pub shares: Result<Vec<CoreShare>, String>,
}

/// The core index's work on a snapshot of the scenario.
pub fn core_work(scenario: &Scenario, inputs: CoreInputs) -> Work<CoreOutcome> {
    let s = scenario.clone();
    Box::new(move |cancel, progress| {
        progress
            .total
            .store(u64::from(inputs.draws), Ordering::Relaxed);
        // Every core but one, so that the window stays quick while a long run goes on.
        let threads = std::thread::available_parallelism()
            .ok()
            .and_then(|n| std::num::NonZeroUsize::new(n.get().saturating_sub(1)));
        let req = CoreRequest {
            profile: s.active_profile_index(),
            method: s.settings.method,
            normalization: s.settings.normalization,
            weights: inputs.weights,
            draws: inputs.draws,
            seed: s.settings.monte_carlo.seed,
            budget: Some(inputs.budget),
            threads: threads.or(std::num::NonZeroUsize::new(1)),
        };
        let shares = match portfolio::core_while(
            &s,
            &req,
            portfolio::NODE_LIMIT,
            Some(cancel),
            Some(&progress.done),
        ) {
            Ok(Some(x)) => Ok(x),
            // Cancelled: the job drops a cancelled run's results.
            Ok(None) => Err(String::new()),
            Err(e) => Err(e.to_string()),
        };
        CoreOutcome {
            seed: req.seed,
            shares,
        }
    })
}
