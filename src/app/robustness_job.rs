//! The robustness analyses (one-way sensitivity and SMAA) on a background thread, so no frame
//! waits for them.
//!
//! The window asks for results with [`RobustnessJob::update`] every frame. A run starts only when
//! its results are wanted (the Robustness view, or the Ranking view's first-rank badges) and the
//! inputs (revision, weight information, swept target) have stayed the same for [`SETTLE`]: a
//! slider drag changes the revision on every frame, and one run follows the drag, not one per
//! frame. A new run cancels the old one. The last results stay on show, marked as out of date,
//! until the new ones arrive. Repaints are asked for only while a run is going (for its progress)
//! or a start is pending; a finished run asks for one frame, so an idle window stays idle.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

use crate::analysis::sensitivity::{Sensitivity, Settings, Summary, Sweep, Target};
use crate::analysis::smaa::{self, Control, Request, Smaa, WeightInfo};
use crate::scenario::model::Scenario;

/// How long the inputs must stay unchanged before a run starts.
pub const SETTLE: Duration = Duration::from_millis(300);
/// How often the progress bar is redrawn while a run goes on.
const PROGRESS_EVERY: Duration = Duration::from_millis(100);

/// What a run is made of: results are kept for these inputs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Inputs {
    pub revision: u64,
    pub weights: WeightInfo,
    /// The target to sweep; `None`: the most critical criterion (else the first).
    pub target: Option<Target>,
    /// Whether the sensitivity analysis is wanted too (the Robustness view), or only SMAA (the
    /// Ranking view's badges): in a debug build TOPSIS's and VIKOR's sweeps take seconds.
    pub sensitivity: bool,
}

impl Inputs {
    /// Whether results made for `self` answer a request for `want`.
    pub fn covers(self, want: Inputs) -> bool {
        self.revision == want.revision
            && self.weights == want.weights
            && (!want.sensitivity || (self.sensitivity && self.target == want.target))
    }
}

/// The results of one run.
pub struct Outcome {
    pub inputs: Inputs,
    /// Every criterion's and family's stability, or why there is none.
    pub summary: Result<Summary, String>,
    /// The sweep of the chosen (or most critical) target.
    pub sweep: Result<Sweep, String>,
    pub smaa: Result<Smaa, String>,
}

struct Running {
    inputs: Inputs,
    cancel: Arc<AtomicBool>,
    progress: Arc<AtomicU64>,
    work: u64,
    done: Receiver<Outcome>,
}

/// The background job and its latest results.
#[derive(Default)]
pub struct RobustnessJob {
    running: Option<Running>,
    /// The latest finished results (possibly for older inputs).
    pub results: Option<Arc<Outcome>>,
    /// Inputs seen last frame and since when, for coalescing.
    pending: Option<(Inputs, Instant)>,
    /// Inputs whose run the user cancelled: not restarted until the inputs change.
    stopped: Option<Inputs>,
}

/// How a run stands, for the view.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Status {
    /// Results are those of the current inputs.
    UpToDate,
    /// A run is going; the fraction done.
    Running(f64),
    /// The inputs changed; a run will start shortly.
    Waiting,
    /// The user cancelled the run for the current inputs.
    Cancelled,
}

impl RobustnessJob {
    /// Takes in a finished run, and starts one when results for `inputs` are wanted and missing.
    /// With `progress` (a progress bar is on show) frames are asked for while a run goes on;
    /// without, only the finished run asks for one.
    pub fn update(
        &mut self,
        ctx: Option<&egui::Context>,
        scenario: &Scenario,
        inputs: Inputs,
        wanted: bool,
        progress: bool,
    ) {
        self.poll();
        if !wanted || self.is_current(inputs) || self.stopped == Some(inputs) {
            self.pending = None;
            return;
        }
        if let Some(r) = &self.running
            && r.inputs.covers(inputs)
        {
            if let Some(ctx) = ctx.filter(|_| progress) {
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
        // The first results come at once; later ones, and a change while the first run goes
        // (a weight dragged: one run each frame, each still busy when cancelled, piled up
        // a hundred threads at 200 × 50), wait for the inputs to settle.
        let waited = now.duration_since(since);
        if (self.results.is_none() && self.running.is_none()) || waited >= SETTLE {
            self.start(ctx, scenario, inputs);
            if let Some(ctx) = ctx.filter(|_| progress) {
                ctx.request_repaint_after(PROGRESS_EVERY);
            }
        } else if let Some(ctx) = ctx {
            ctx.request_repaint_after(SETTLE - waited);
        }
    }

    /// Whether the results are those of `inputs`.
    pub fn is_current(&self, inputs: Inputs) -> bool {
        self.results
            .as_ref()
            .is_some_and(|r| r.inputs.covers(inputs))
    }

    pub fn status(&self, inputs: Inputs) -> Status {
        if self.is_current(inputs) {
            Status::UpToDate
        } else if let Some(r) = self.running.as_ref().filter(|r| r.inputs.covers(inputs)) {
            let done = r.progress.load(Ordering::Relaxed) as f64;
            Status::Running((done / r.work.max(1) as f64).clamp(0.0, 1.0))
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

    /// Allows a cancelled run to start again.
    pub fn retry(&mut self) {
        self.stopped = None;
    }

    /// Whether a run is going.
    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// Starts the run for `inputs` now if none is current, and waits for it (tests).
    pub fn finish(&mut self, scenario: &Scenario, inputs: Inputs) {
        if !self.is_current(inputs)
            && self
                .running
                .as_ref()
                .is_none_or(|r| !r.inputs.covers(inputs))
        {
            self.start(None, scenario, inputs);
        }
        if let Some(r) = self.running.take()
            && let Ok(outcome) = r.done.recv()
        {
            self.results = Some(Arc::new(outcome));
        }
        self.pending = None;
    }

    fn poll(&mut self) {
        let Some(r) = &self.running else { return };
        match r.done.try_recv() {
            Ok(outcome) => {
                self.results = Some(Arc::new(outcome));
                self.running = None;
            }
            Err(TryRecvError::Disconnected) => self.running = None,
            Err(TryRecvError::Empty) => {}
        }
    }

    fn start(&mut self, ctx: Option<&egui::Context>, scenario: &Scenario, inputs: Inputs) {
        if let Some(old) = self.running.take() {
            old.cancel.store(true, Ordering::Relaxed);
        }
        self.pending = None;
        self.stopped = None;
        let mut request = Request::from_settings(scenario);
        request.weights = inputs.weights;
        let work = smaa::work(request.draws);
        let cancel = Arc::new(AtomicBool::new(false));
        let progress = Arc::new(AtomicU64::new(0));
        let (tx, rx) = channel();
        let snapshot = scenario.clone();
        let (c, p) = (Arc::clone(&cancel), Arc::clone(&progress));
        let ctx = ctx.cloned();
        let spawned = std::thread::Builder::new()
            .name("robustness".into())
            .spawn(move || {
                let outcome = compute(&snapshot, inputs, &request, &c, &p);
                // A cancelled run's results are of no use: drop them.
                if !c.load(Ordering::Relaxed) {
                    let _ = tx.send(outcome);
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
                work,
                done: rx,
            });
        }
    }
}

/// Both analyses for one set of inputs.
fn compute(
    scenario: &Scenario,
    inputs: Inputs,
    request: &Request,
    cancel: &AtomicBool,
    progress: &AtomicU64,
) -> Outcome {
    let settings = Settings::default();
    let (summary, sweep): (Result<Summary, String>, Result<Sweep, String>) = if !inputs.sensitivity
    {
        (Err(String::new()), Err(String::new()))
    } else {
        match Sensitivity::new(
            scenario,
            request.profile,
            request.method,
            request.normalization,
        ) {
            Ok(sens) => {
                let summary = sens.summary(&settings);
                // The summary is not cancellable inside; a cancelled run stops after it.
                if cancel.load(Ordering::Relaxed) {
                    return Outcome {
                        inputs,
                        summary: Ok(summary),
                        sweep: Err(String::new()),
                        smaa: Err(String::new()),
                    };
                }
                let target = inputs
                    .target
                    .or_else(|| summary.most_critical.as_ref().map(|c| c.target))
                    .unwrap_or(Target::Criterion(0));
                let sweep = sens.sweep(target, &settings).map_err(|e| e.to_string());
                (Ok(summary), sweep)
            }
            Err(e) => (Err(e.to_string()), Err(e.to_string())),
        }
    };
    // Every core but one, so that the window stays quick while a long run goes on.
    let threads = std::thread::available_parallelism()
        .ok()
        .and_then(|n| std::num::NonZeroUsize::new(n.get().saturating_sub(1)));
    let control = Control {
        threads: threads.or(std::num::NonZeroUsize::new(1)),
        cancel: Some(cancel),
        progress: Some(progress),
    };
    let smaa = smaa::run(scenario, request, &control).map_err(|e| e.to_string());
    Outcome {
        inputs,
        summary,
        sweep,
        smaa,
    }
}

/// The weight information shown first: the profile's ranges when it has some, else the order
/// of its weights (what a delegate who set the sliders roughly can stand behind).
pub fn default_weights(scenario: &Scenario) -> WeightInfo {
    let ranges = scenario
        .profiles
        .get(scenario.active_profile_index())
        .is_some_and(|p| !p.weight_ranges.is_empty());
    if ranges {
        WeightInfo::Ranges
    } else {
        WeightInfo::Ordinal
    }
}
