//! The document's life with files: opening, saving and exporting (written off the UI thread),
//! the unsaved-changes question and what each answer leads to, quitting once every write is
//! done, and the recovery copy of unsaved work.
//!
//! The rule throughout: nothing is dropped (the document, its unsaved state, its recovery copy)
//! until what replaces it has succeeded. A failed open leaves all three as they were; a failed
//! save keeps the question open with the error.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::Duration;

use super::files::{self, Export, Origin, Picked, Purpose, Recovery, Request};
use super::{Pending, TidelineApp};
use crate::files::diagnostic::LoadError;
use crate::files::fingerprint::{self, Fingerprint, SaveError};
use crate::files::scenario_file::{self, DEFAULT_SCENARIO_NAME};
use crate::i18n::{self, fill};
use crate::scenario::model::Scenario;

/// A save running on its own thread.
pub(super) struct SaveJob {
    path: PathBuf,
    /// The document as it is being written, and its revision.
    snapshot: Arc<Scenario>,
    revision: u64,
    /// What to do once it succeeds (the action the unsaved-changes question held up).
    then: Option<Pending>,
    /// The fingerprint of what was written, or why nothing was.
    done: Receiver<Result<Fingerprint, SaveError>>,
}

/// An export running on its own thread.
pub(super) struct ExportJob {
    path: PathBuf,
    done: Receiver<Result<(), String>>,
}

/// The user's answer to "save changes first?".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    Save,
    /// Offered after a save failed: choose another file.
    SaveAs,
    Discard,
    Cancel,
}

/// Runs `work` on a new thread; its result arrives on the receiver, and a frame is asked for.
pub(super) fn in_background<T: Send + 'static>(
    ctx: Option<&egui::Context>,
    work: impl FnOnce() -> T + Send + 'static,
) -> Receiver<T> {
    let (tx, rx) = channel();
    let ctx = ctx.cloned();
    std::thread::spawn(move || {
        let _ = tx.send(work());
        if let Some(ctx) = ctx {
            ctx.request_repaint();
        }
    });
    rx
}

/// The outcome of a save whose thread ended without one.
fn save_stopped() -> Result<Fingerprint, SaveError> {
    Err(SaveError::Failed(
        i18n::s().status_write_stopped.to_string(),
    ))
}

impl TidelineApp {
    /// Whether the document differs from what is on disk (or has never been saved, for
    /// restored work). Undoing back to the saved state makes it clean again.
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// Records a change of the document: a new revision, and whether it is now unsaved.
    pub(super) fn document_changed(&mut self) {
        self.revision += 1;
        self.dirty = match &self.saved {
            None => true,
            // Comparing is only needed when the revision moved away from the saved one.
            Some(saved) => self.revision != self.saved_revision && **saved != self.scenario,
        };
    }

    /// The document as it stands is what is on disk.
    fn mark_saved(&mut self, snapshot: Arc<Scenario>, revision: u64) {
        self.saved = Some(snapshot);
        self.saved_revision = revision;
        self.dirty = self.revision != revision && self.saved.as_deref() != Some(&self.scenario);
    }

    /// Replaces the document with a freshly loaded one; `on_disk` says whether it is saved as
    /// it is (false for restored work).
    pub(super) fn replace_document(
        &mut self,
        scenario: Scenario,
        path: Option<PathBuf>,
        source: String,
        on_disk: bool,
    ) {
        self.end_room_with_document();
        self.scenario = scenario;
        self.read_from.clone_from(&path);
        self.path = path;
        self.source = source;
        self.history.clear();
        self.weights = super::weights_panel::WeightsState::default();
        self.saved = None;
        self.disk.forget();
        self.document_changed();
        if on_disk {
            self.mark_saved(Arc::new(self.scenario.clone()), self.revision);
        }
    }

    /// Whether the open document's unsaved work, and so its recovery copy, is about to be
    /// replaced. A copy still waiting for the restore question belongs to no one yet.
    fn drops_unsaved_work(&self) -> bool {
        self.dirty && self.recovery_offer.is_none()
    }

    /// Opens `path`. On failure nothing changes but the problems shown: the document, its
    /// unsaved state and its recovery copy stay.
    pub fn open(&mut self, path: &Path) -> bool {
        // The bytes read are fingerprinted as they are: the file is not read a second time.
        match scenario_file::load_path_with_bytes(path) {
            Ok((s, bytes)) => {
                let replaced_unsaved = self.drops_unsaved_work();
                // A CSV import has no scenario file yet: saving asks where.
                let keep_path = !scenario_file::is_csv(path);
                self.load_errors = None;
                self.replace_document(
                    s,
                    keep_path.then(|| path.to_path_buf()),
                    path.display().to_string(),
                    true,
                );
                self.read_from = Some(path.to_path_buf());
                if keep_path {
                    self.disk.opened(path, &bytes);
                }
                if replaced_unsaved {
                    self.recovery.remove();
                }
                files::remember_recent(&mut self.prefs.recent, path);
                self.status = fill(i18n::s().status_opened, &[&path.display()]);
                true
            }
            Err(e) => {
                self.status = fill(i18n::s().status_open_failed, &[&path.display()]);
                self.load_errors = Some(e);
                false
            }
        }
    }

    /// Goes back to the built-in scenario (untitled until saved).
    fn open_default(&mut self) {
        self.open_embedded(scenario_file::default_scenario(), DEFAULT_SCENARIO_NAME);
    }

    /// File › New scenario: the small starter, untitled until saved.
    fn open_starter(&mut self) {
        let name = scenario_file::STARTER_SCENARIO_NAME;
        self.open_embedded(scenario_file::starter_scenario(), name);
    }

    /// Opens a scenario built into the binary, as an untitled document.
    fn open_embedded(&mut self, loaded: Result<Scenario, LoadError>, name: &str) {
        match loaded {
            Ok(s) => {
                let replaced_unsaved = self.drops_unsaved_work();
                self.load_errors = None;
                self.replace_document(s, None, name.to_string(), true);
                if replaced_unsaved {
                    self.recovery.remove();
                }
            }
            Err(e) => self.load_errors = Some(e),
        }
    }

    /// The folder dialogs start in: the document's.
    fn document_folder(&self) -> Option<PathBuf> {
        self.path
            .as_ref()
            .and_then(|p| p.parent())
            .filter(|d| !d.as_os_str().is_empty())
            .map(Path::to_path_buf)
    }

    /// Asks for a file for `purpose`, suggesting `name`.
    pub(super) fn ask_file(&mut self, purpose: Purpose, name: Option<String>) {
        let request = Request::new(purpose, name, self.document_folder());
        self.dialog.ask(request);
    }

    /// Asks where to save; once saved, `then` goes on.
    pub(super) fn save_as(&mut self, then: Option<Pending>) {
        let name = self.path.as_ref().and_then(|p| p.file_name()).map_or_else(
            || "scenario.ron".to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        self.after_save = then;
        self.ask_file(Purpose::Save, Some(name));
    }

    /// Saves to the document's file, or asks where if it has none; then `then` goes on.
    pub(super) fn save(&mut self, then: Option<Pending>) {
        match self.path.clone() {
            Some(p) => self.start_save(&p, then),
            None => self.save_as(then),
        }
    }

    /// Writes the document to `path` on a background thread (atomically); `then` goes on once
    /// it succeeds. One save at a time, so an older copy never lands after a newer one. Over the
    /// document's own file, a version changed by someone else since it was read or saved here
    /// is not written over: the window asks first.
    pub fn start_save(&mut self, path: &Path, then: Option<Pending>) {
        let expected = self.disk.expected(path);
        self.start_save_over(path, then, expected);
    }

    /// [`Self::start_save`], written over the file only if it still matches `expected`.
    pub(super) fn start_save_over(
        &mut self,
        path: &Path,
        then: Option<Pending>,
        expected: Option<Fingerprint>,
    ) {
        if self.saving.is_some() {
            self.status = i18n::s().status_still_saving.into();
            return;
        }
        let snapshot = Arc::new(self.scenario.clone());
        let (p, s) = (path.to_path_buf(), Arc::clone(&snapshot));
        let done = in_background(self.ctx.as_ref(), move || {
            fingerprint::save_unless_changed(&p, &s, expected.as_ref())
        });
        self.status = fill(i18n::s().status_saving, &[&path.display()]);
        self.saving = Some(SaveJob {
            path: path.to_path_buf(),
            snapshot,
            revision: self.revision,
            then,
            done,
        });
    }

    /// Whether `path` is the open scenario's own file, or the file it was read from (by any
    /// name or link); if so, says so on the status line. An export or a picture never
    /// replaces the document's file.
    fn refuses_overwriting_document(&mut self, path: &Path) -> bool {
        let same = [&self.path, &self.read_from]
            .into_iter()
            .flatten()
            .any(|open| scenario_file::same_file(open, path));
        if same {
            self.status = fill(i18n::s().status_over_document, &[&path.display()]);
        }
        same
    }

    /// Writes `what` to `path` on a background thread (atomically), unless `path` is the
    /// document's own file.
    pub fn export_to(&mut self, what: Export, path: &Path) {
        if self.refuses_overwriting_document(path) {
            return;
        }
        let name = self
            .path
            .as_ref()
            .and_then(|p| p.file_name())
            .map_or_else(|| self.source.clone(), |n| n.to_string_lossy().into_owned());
        let scenario = self.scenario.clone();
        let out = path.to_path_buf();
        let done = in_background(self.ctx.as_ref(), move || {
            let text = what.render(&scenario, &name)?;
            scenario_file::write_atomic(&out, &text).map_err(|e| format!("{}: {e}", out.display()))
        });
        self.exports.push(ExportJob {
            path: path.to_path_buf(),
            done,
        });
    }

    /// Whether a save or export is still being written.
    pub fn writing(&self) -> bool {
        self.saving.is_some() || !self.exports.is_empty()
    }

    /// Takes in the outcome of writes that have finished.
    pub(super) fn poll_file_jobs(&mut self) {
        let stopped = || Err(i18n::s().status_write_stopped.to_string());
        if let Some(job) = &self.saving {
            let result = match job.done.try_recv() {
                Ok(r) => Some(r),
                Err(TryRecvError::Disconnected) => Some(save_stopped()),
                Err(TryRecvError::Empty) => None,
            };
            if let Some(r) = result
                && let Some(job) = self.saving.take()
            {
                self.save_finished(job, r);
            }
        }
        let mut finished = Vec::new();
        self.exports.retain(|job| match job.done.try_recv() {
            Ok(r) => {
                finished.push((job.path.clone(), r));
                false
            }
            Err(TryRecvError::Disconnected) => {
                finished.push((job.path.clone(), stopped()));
                false
            }
            Err(TryRecvError::Empty) => true,
        });
        for (path, result) in finished {
            self.export_finished(&path, result);
        }
        if self.quit_after_writes && !self.writing() {
            self.quit_after_writes = false;
            self.guard(Pending::Quit);
        }
    }

    /// Waits for every save, export and recovery write in flight and takes in their outcome
    /// (tests; the window polls instead).
    pub fn finish_file_jobs(&mut self) {
        let stopped = || Err(i18n::s().status_write_stopped.to_string());
        if let Some(job) = self.saving.take() {
            let r = job.done.recv().unwrap_or_else(|_| save_stopped());
            self.save_finished(job, r);
        }
        for job in std::mem::take(&mut self.exports) {
            let r = job.done.recv().unwrap_or_else(|_| stopped());
            self.export_finished(&job.path, r);
        }
        self.poll_file_jobs();
        self.recovery.flush();
    }

    fn export_finished(&mut self, path: &Path, result: Result<(), String>) {
        self.status = match result {
            Ok(()) => fill(i18n::s().status_exported, &[&path.display()]),
            Err(e) => fill(i18n::s().status_not_exported, &[&e]),
        };
    }

    fn save_finished(&mut self, job: SaveJob, result: Result<Fingerprint, SaveError>) {
        match result {
            Ok(written) => {
                self.disk.saved(&job.path, written);
                self.path = Some(job.path.clone());
                self.read_from = Some(job.path.clone());
                self.source = job.path.display().to_string();
                self.mark_saved(job.snapshot, job.revision);
                files::remember_recent(&mut self.prefs.recent, &job.path);
                if !self.dirty {
                    self.recovery.remove();
                }
                self.status = fill(i18n::s().status_saved, &[&job.path.display()]);
                if let Some(then) = job.then {
                    // Edits made while the file was written ask again.
                    self.guard(then);
                }
            }
            Err(SaveError::ChangedOnDisk) => self.save_conflict(&job.path, job.then),
            Err(SaveError::Failed(e)) => {
                self.status = e.clone();
                // The question comes back with the reason, and offers another file.
                if let Some(then) = job.then {
                    self.pending = Some(then);
                    self.prompt_error = Some(e);
                }
            }
        }
    }

    /// Carries out what a file dialog answered.
    pub(super) fn picked(&mut self, picked: Picked) {
        match picked {
            Picked::Chosen(Purpose::Open, p) => {
                // Replacing unsaved work was agreed to before the dialog opened, unless the
                // document changed while it was open.
                if self.open_approved.take() == Some(self.revision) {
                    self.open(&p);
                } else {
                    self.guard(Pending::OpenPath(p));
                }
            }
            Picked::Chosen(Purpose::Save, p) => {
                let then = self.after_save.take();
                self.start_save(&p, then);
            }
            Picked::Chosen(Purpose::Picture, p) => {
                if !self.refuses_overwriting_document(&p) {
                    self.picture = Some(p);
                }
            }
            Picked::Chosen(Purpose::Export(what), p) => self.export_to(what, &p),
            Picked::Chosen(Purpose::ImportWeights, p) => self.import_weights(&[p]),
            Picked::ChosenMany(Purpose::ImportWeights, paths) => self.import_weights(&paths),
            // Only an import of weights picks several files.
            Picked::ChosenMany(..) => {}
            Picked::Cancelled(Purpose::Save) => {
                // A cancelled Save As lets nothing held up by it go on.
                self.after_save = None;
            }
            Picked::Cancelled(Purpose::Open) => self.open_approved = None,
            Picked::Cancelled(_) => {}
        }
    }

    /// Runs `action` now if nothing is unsaved, else asks first.
    pub(super) fn guard(&mut self, action: Pending) {
        if self.dirty {
            self.pending = Some(action);
            self.prompt_error = None;
        } else {
            self.proceed(action);
        }
    }

    /// Quits once every write in flight has finished (and the unsaved-changes check passed).
    pub(super) fn request_quit(&mut self) {
        if self.writing() {
            self.quit_after_writes = true;
        } else {
            self.guard(Pending::Quit);
        }
    }

    /// Carries out an action that the unsaved-changes check let through.
    pub fn proceed(&mut self, action: Pending) {
        self.pending = None;
        self.prompt_error = None;
        match action {
            Pending::Open => {
                self.open_approved = Some(self.revision);
                self.ask_file(Purpose::Open, None);
            }
            Pending::OpenPath(p) => {
                self.open(&p);
            }
            Pending::OpenDefault => self.open_default(),
            Pending::NewScenario => self.open_starter(),
            Pending::Quit => self.allow_close = true,
        }
    }

    /// Carries out the answer to "save changes first?".
    pub fn answer_unsaved(&mut self, answer: Answer) {
        let Some(action) = self.pending.take() else {
            return;
        };
        self.prompt_error = None;
        match answer {
            Answer::Save => self.save(Some(action)),
            Answer::SaveAs => self.save_as(Some(action)),
            Answer::Discard => {
                if action == Pending::Quit {
                    // Quitting without saving: the work is not wanted, nor its copy.
                    self.recovery.remove();
                    self.recovery.flush();
                }
                self.proceed(action);
            }
            Answer::Cancel => {}
        }
    }

    /// Whether the window may close now.
    pub fn close_allowed(&self) -> bool {
        self.allow_close
    }

    /// Sets where unsaved work is copied (`None`: nowhere), e.g. before [`Self::offer_recovery`].
    pub fn set_recovery_file(&mut self, path: Option<PathBuf>) {
        self.recovery = Recovery::at(path, files::RECOVERY_EVERY);
    }

    /// Sets where unsaved work is copied and how often at most (tests use a short interval).
    pub fn set_recovery_file_every(&mut self, path: Option<PathBuf>, every: Duration) {
        self.recovery = Recovery::at(path, every);
    }

    /// Writes the recovery copy of the document now and waits for it.
    pub fn write_recovery_now(&mut self) -> Result<(), String> {
        let path = self
            .recovery
            .path()
            .map(Path::to_path_buf)
            .ok_or("no recovery file is set")?;
        files::write_recovery(&path, &self.scenario, &self.origin())?;
        self.recovery.written = Some(self.revision);
        Ok(())
    }

    /// At start-up: if a previous session left unsaved work, offer it back.
    pub fn offer_recovery(&mut self) {
        self.recovery_offer = self.recovery.path().and_then(files::read_recovery);
    }

    /// Where the document came from, for its recovery copy.
    fn origin(&self) -> Origin {
        match &self.path {
            Some(p) => Origin::File(std::fs::canonicalize(p).unwrap_or_else(|_| p.clone())),
            None => Origin::Untitled(self.source.clone()),
        }
    }

    /// The answer to "restore unsaved work?": restored work is unsaved, and untitled unless
    /// it came from a scenario file.
    pub(super) fn answer_recovery(&mut self, restore: bool) {
        let Some((s, origin)) = self.recovery_offer.take() else {
            return;
        };
        if restore {
            let (path, source) = match origin {
                Origin::File(p) => (Some(p.clone()), p.display().to_string()),
                Origin::Untitled(name) => (None, name),
            };
            self.replace_document(s, path, source, false);
            // The copy on disk already holds this work.
            self.recovery.written = Some(self.revision);
            self.status = i18n::s().status_restored.into();
        } else {
            self.recovery.remove();
        }
    }

    /// Copies unsaved work to the recovery file at most every so often, in the background, and
    /// removes the copy once the document is clean again (saved, or undone to the saved state).
    pub(super) fn keep_recovery(&mut self, ctx: &egui::Context) {
        if self.recovery.path().is_none() || self.recovery_offer.is_some() {
            return;
        }
        if !self.dirty {
            if self.recovery.written.is_some() {
                self.recovery.remove();
            }
            return;
        }
        if self.recovery.written == Some(self.revision) {
            return;
        }
        let wait = self.recovery.due_in();
        if wait > Duration::ZERO {
            // An idle window draws no frames: ask for one when the copy is due.
            ctx.request_repaint_after(wait);
            return;
        }
        let origin = self.origin();
        self.recovery.write(&self.scenario, origin, self.revision);
    }
}
