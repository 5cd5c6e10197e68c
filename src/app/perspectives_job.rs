//! Every profile's concession (the Perspectives view) on a background thread: exact and quick
//! under the weighted sum, a bounded search of up to thousands of scorings a profile under the
//! other methods, so no frame waits for it.
//!
//! The same rhythm as [`super::robustness_job`]: the view asks with [`ConcessionJob::update`]
//! every frame; a run starts when the results are wanted and the revision has stood still for
//! [`SETTLE`] (one run follows a slider drag, not one per frame), a new run cancels the old one,
//! the last results stay on show until the new ones arrive, and a finished run asks for one
//! frame, so an idle window stays idle. Progress and cancel are checked between profiles.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

use super::robustness_job::{SETTLE, Status};
use super::{TidelineApp, View};
use crate::analysis::perspectives::concession::{Concession, concessions_while};
use crate::scenario::model::Scenario;

/// How often the progress bar is redrawn while a run goes on.
const PROGRESS_EVERY: Duration = Duration::from_millis(100);

/// One run's results: every profile's concession in scenario order, for one revision.
pub struct Outcome {
    pub revision: u64,
    pub concessions: Result<Vec<Concession>, String>,
}

struct Running {
    revision: u64,
    cancel: Arc<AtomicBool>,
    /// Profiles done.
    progress: Arc<AtomicU64>,
    profiles: u64,
    done: Receiver<Outcome>,
}

/// The background job and its latest results.
#[derive(Default)]
pub struct ConcessionJob {
    running: Option<Running>,
    /// The latest finished results (possibly for an older revision).
    pub results: Option<Arc<Outcome>>,
    /// The revision seen last frame and since when, for coalescing.
    pending: Option<(u64, Instant)>,
    /// The revision whose run the user cancelled: not restarted until it changes.
    stopped: Option<u64>,
}

impl ConcessionJob {
    /// Takes in a finished run, and starts one when results for `revision` are wanted and
    /// missing; frames are asked for only while a run goes on or a start is pending.
    pub fn update(
        &mut self,
        ctx: Option<&egui::Context>,
        scenario: &Scenario,
        revision: u64,
        wanted: bool,
    ) {
        self.poll();
        if !wanted || self.is_current(revision) || self.stopped == Some(revision) {
            self.pending = None;
            return;
        }
        if self
            .running
            .as_ref()
            .is_some_and(|r| r.revision == revision)
        {
            if let Some(ctx) = ctx {
                ctx.request_repaint_after(PROGRESS_EVERY);
            }
            return;
        }
        let now = Instant::now();
        let since = match self.pending {
            Some((p, since)) if p == revision => since,
            _ => {
                self.pending = Some((revision, now));
                now
            }
        };
        // The first results come at once; later ones wait for the document to settle.
        let waited = now.duration_since(since);
        if self.results.is_none() || waited >= SETTLE {
            self.start(ctx, scenario, revision);
            if let Some(ctx) = ctx {
                ctx.request_repaint_after(PROGRESS_EVERY);
            }
        } else if let Some(ctx) = ctx {
            ctx.request_repaint_after(SETTLE - waited);
        }
    }

    /// Whether the results are those of `revision`.
    pub fn is_current(&self, revision: u64) -> bool {
        self.results
            .as_ref()
            .is_some_and(|r| r.revision == revision)
    }

    pub fn status(&self, revision: u64) -> Status {
        if self.is_current(revision) {
            Status::UpToDate
        } else if let Some(r) = self.running.as_ref().filter(|r| r.revision == revision) {
            let done = r.progress.load(Ordering::Relaxed) as f64;
            Status::Running((done / r.profiles.max(1) as f64).clamp(0.0, 1.0))
        } else if self.stopped == Some(revision) {
            Status::Cancelled
        } else {
            Status::Waiting
        }
    }

    /// Stops the run in progress; it is not restarted until the document changes or
    /// [`Self::retry`].
    pub fn cancel(&mut self) {
        if let Some(r) = self.running.take() {
            r.cancel.store(true, Ordering::Relaxed);
            self.stopped = Some(r.revision);
        }
        self.pending = None;
    }

    /// Allows a cancelled run to start again.
    pub fn retry(&mut self) {
        self.stopped = None;
    }

    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// Starts the run for `revision` now if none is current, and waits for it (tests).
    pub fn finish(&mut self, scenario: &Scenario, revision: u64) {
        if !self.is_current(revision)
            && self.running.as_ref().is_none_or(|r| r.revision != revision)
        {
            self.start(None, scenario, revision);
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

    fn start(&mut self, ctx: Option<&egui::Context>, scenario: &Scenario, revision: u64) {
        if let Some(old) = self.running.take() {
            old.cancel.store(true, Ordering::Relaxed);
        }
        self.pending = None;
        self.stopped = None;
        let cancel = Arc::new(AtomicBool::new(false));
        let progress = Arc::new(AtomicU64::new(0));
        let (tx, rx) = channel();
        let snapshot = scenario.clone();
        let (c, p) = (Arc::clone(&cancel), Arc::clone(&progress));
        let ctx = ctx.cloned();
        let spawned = std::thread::Builder::new()
            .name("concessions".into())
            .spawn(move || {
                let concessions = compute(&snapshot, &c, &p);
                // A cancelled run's results are of no use: drop them.
                if !c.load(Ordering::Relaxed) {
                    let _ = tx.send(Outcome {
                        revision,
                        concessions,
                    });
                    // One frame soon: an immediate request would draw two.
                    if let Some(ctx) = ctx {
                        ctx.request_repaint_after(Duration::from_millis(1));
                    }
                }
            });
        if spawned.is_ok() {
            self.running = Some(Running {
                revision,
                cancel,
                progress,
                profiles: scenario.profiles.len() as u64,
                done: rx,
            });
        }
    }
}

/// The app's side: the job follows the document while the view is on show.
impl TidelineApp {
    /// Keeps the concessions job in step with the document while the Perspectives view is on
    /// show (here or on the projector).
    pub(super) fn update_concessions(&mut self) {
        let wanted = self.view == View::Perspectives
            || self
                .projector
                .as_ref()
                .is_some_and(|p| p.view == View::Perspectives);
        // With fewer than two profiles the view has nothing to compare.
        let wanted = wanted && self.scenario.profiles.len() >= 2;
        self.views.perspectives.job.update(
            self.ctx.as_ref(),
            &self.scenario,
            self.revision,
            wanted,
        );
    }

    /// Works out every profile's concession for the document as it is now, if not yet done,
    /// and waits for it (tests; the window never waits).
    pub fn finish_concessions(&mut self) {
        self.views
            .perspectives
            .job
            .finish(&self.scenario, self.revision);
    }

    /// The latest concessions and the revision they belong to (possibly an older one).
    pub fn concessions(&self) -> Option<(u64, Result<&[Concession], &str>)> {
        let out = self.views.perspectives.job.results.as_ref()?;
        Some((
            out.revision,
            out.concessions.as_deref().map_err(String::as_str),
        ))
    }

    /// Whether the concessions are being worked out.
    pub fn concessions_running(&self) -> bool {
        self.views.perspectives.job.is_running()
    }
}

/// Every profile's concession under the scenario's method, one profile at a time so that
/// progress moves and a cancel is heard between profiles.
fn compute(
    scenario: &Scenario,
    cancel: &AtomicBool,
    progress: &AtomicU64,
) -> Result<Vec<Concession>, String> {
    let (method, normalization) = (scenario.settings.method, scenario.settings.normalization);
    let go_on = |done: usize| {
        progress.store(done as u64, Ordering::Relaxed);
        !cancel.load(Ordering::Relaxed)
    };
    match concessions_while(scenario, method, normalization, go_on) {
        Ok(Some(all)) => {
            progress.store(all.len() as u64, Ordering::Relaxed);
            Ok(all)
        }
        // Cancelled: the caller drops a cancelled run's results.
        Ok(None) => Err(String::new()),
        Err(e) => Err(e.to_string()),
    }
}
