//! File chores of the window: file dialogs (the desktop's own, off the UI thread, else the
//! in-window chooser), what the File › Export menu writes, recent files, and the recovery copy
//! of unsaved work (written by one background worker, in order).

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};
use std::time::{Duration, Instant};

use super::file_chooser::{FileChooser, Question};
use crate::files::scenario_file;
use crate::i18n;
use crate::scenario::model::Scenario;

/// How many recent files the File menu lists.
const RECENT_MAX: usize = 8;

/// How often, at most, unsaved work is copied to the recovery file.
pub const RECOVERY_EVERY: Duration = Duration::from_secs(3);

/// What a file is asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// A scenario or CSV matrix to open.
    Open,
    /// Where to save the scenario.
    Save,
    /// Where to save a picture of the view.
    Picture,
    /// Where to write an export.
    Export(Export),
    /// Weights forms or scenario files to take participants' weights from (several at once).
    ImportWeights,
}

/// A question for a file dialog: what for, its title and filter, and where to start.
#[derive(Clone, Debug)]
pub struct Request {
    pub purpose: Purpose,
    pub title: &'static str,
    pub filter: &'static str,
    pub extensions: &'static [&'static str],
    /// The file name suggested when saving.
    pub name: Option<String>,
    /// The folder to start in.
    pub folder: Option<PathBuf>,
}

impl Request {
    /// The question for `purpose`, in the current language (dialogs run on other threads,
    /// whose language is not the window's, so the words are taken now).
    pub fn new(purpose: Purpose, name: Option<String>, folder: Option<PathBuf>) -> Self {
        let t = i18n::s();
        let (title, filter, extensions): (_, _, &'static [&'static str]) = match purpose {
            Purpose::Open => (t.file_open_title, t.file_open_filter, &["ron", "csv"]),
            Purpose::Save => (t.file_save_title, t.file_save_filter, &["ron"]),
            Purpose::Picture => (t.file_picture_title, t.file_picture_filter, &["png"]),
            Purpose::Export(what) => what.dialog(),
            Purpose::ImportWeights => {
                let a = crate::i18n::perspectives::t();
                (a.import_weights_title, a.form_filter, &["ron"])
            }
        };
        Self {
            purpose,
            title,
            filter,
            extensions,
            name,
            folder,
        }
    }

    /// Whether the answer names a file to create rather than one that exists.
    pub fn saves(&self) -> bool {
        !matches!(self.purpose, Purpose::Open | Purpose::ImportWeights)
    }

    /// Whether several files may be picked at once.
    pub fn many(&self) -> bool {
        self.purpose == Purpose::ImportWeights
    }

    /// The question as the in-window chooser asks it.
    fn question(&self) -> Question {
        Question {
            title: self.title,
            filter: self.filter,
            extensions: self.extensions,
            name: self.name.clone(),
            folder: self.folder.clone(),
            saves: self.saves(),
            many: self.many(),
        }
    }

    fn native(&self) -> rfd::FileDialog {
        let mut d = rfd::FileDialog::new()
            .set_title(self.title)
            .add_filter(self.filter, self.extensions);
        if let Some(name) = &self.name {
            d = d.set_file_name(name);
        }
        if let Some(folder) = &self.folder {
            d = d.set_directory(folder);
        }
        d
    }
}

/// The answer of a file dialog.
#[derive(Clone, Debug, PartialEq)]
pub enum Picked {
    Chosen(Purpose, PathBuf),
    /// Several files, for a purpose that takes many ([`Request::many`]).
    ChosenMany(Purpose, Vec<PathBuf>),
    Cancelled(Purpose),
}

impl Picked {
    /// The answer for `purpose` from the files picked (none: cancelled).
    fn of(purpose: Purpose, mut paths: Vec<PathBuf>) -> Self {
        match paths.len() {
            0 => Picked::Cancelled(purpose),
            1 if purpose != Purpose::ImportWeights => Picked::Chosen(purpose, paths.swap_remove(0)),
            _ => Picked::ChosenMany(purpose, paths),
        }
    }
}

/// Which kind of dialog asks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DialogKind {
    /// The desktop's dialog (portal or zenity) until it turns out to be missing.
    Native,
    /// Tideline's own chooser, drawn in the window.
    InWindow,
}

/// A desktop dialog's answer: `None` when none could be shown, `Some(None)` when cancelled,
/// else the files picked.
type NativeAnswer = Option<Option<Vec<PathBuf>>>;

/// One file dialog at a time: the desktop's own on a thread (the portal call blocks until the
/// user answers), falling back to the in-window chooser where there is none.
pub struct DialogSlot {
    kind: DialogKind,
    /// A native dialog's answer: `None` when it could not be shown at all.
    waiting: Option<(Request, Receiver<NativeAnswer>)>,
    /// The in-window chooser, and what it was asked for.
    chooser: Option<(Purpose, FileChooser)>,
}

impl Default for DialogSlot {
    fn default() -> Self {
        // TIDELINE_FILE_DIALOG=builtin skips the desktop's dialog (a broken portal, tests).
        let builtin = std::env::var("TIDELINE_FILE_DIALOG").is_ok_and(|v| v == "builtin");
        Self {
            kind: if builtin {
                DialogKind::InWindow
            } else {
                DialogKind::Native
            },
            waiting: None,
            chooser: None,
        }
    }
}

impl DialogSlot {
    /// Uses the in-window chooser from now on.
    pub fn use_in_window(&mut self) {
        self.kind = DialogKind::InWindow;
    }

    pub fn kind(&self) -> DialogKind {
        self.kind
    }

    /// Whether a dialog is open.
    pub fn is_open(&self) -> bool {
        self.waiting.is_some() || self.chooser.is_some()
    }

    /// Asks `request`; the answer comes from [`Self::show`]. Ignored while a dialog is open.
    pub fn ask(&mut self, request: Request) {
        if self.is_open() {
            return;
        }
        match self.kind {
            DialogKind::InWindow => {
                self.chooser = Some((request.purpose, FileChooser::new(request.question())));
            }
            DialogKind::Native => {
                let (tx, rx) = channel();
                let dialog = request.native();
                let (saves, many) = (request.saves(), request.many());
                std::thread::spawn(move || {
                    let started = Instant::now();
                    let picked = if saves {
                        dialog.save_file().map(|p| vec![p])
                    } else if many {
                        dialog.pick_files()
                    } else {
                        dialog.pick_file().map(|p| vec![p])
                    };
                    // rfd answers None at once when no dialog backend exists; a real cancel
                    // takes longer.
                    let answer = match picked {
                        None if started.elapsed() < Duration::from_millis(150) => None,
                        p => Some(p),
                    };
                    let _ = tx.send(answer);
                });
                self.waiting = Some((request, rx));
            }
        }
    }

    /// Draws the in-window chooser if it is open, and returns the answer once there is one.
    pub fn show(&mut self, ctx: &egui::Context) -> Option<Picked> {
        if let Some((request, rx)) = &self.waiting {
            match rx.try_recv() {
                Ok(Some(answer)) => {
                    let purpose = request.purpose;
                    self.waiting = None;
                    return Some(Picked::of(purpose, answer.unwrap_or_default()));
                }
                // No desktop dialog: ask again in the window, and from now on.
                Ok(None) | Err(TryRecvError::Disconnected) => {
                    if let Some((request, _)) = self.waiting.take() {
                        self.kind = DialogKind::InWindow;
                        self.chooser =
                            Some((request.purpose, FileChooser::new(request.question())));
                    }
                }
                Err(TryRecvError::Empty) => {
                    ctx.request_repaint_after(Duration::from_millis(100));
                    return None;
                }
            }
        }
        let (purpose, chooser) = self.chooser.as_mut()?;
        let answer = chooser.show(ctx)?;
        let purpose = *purpose;
        self.chooser = None;
        Some(Picked::of(purpose, answer.unwrap_or_default()))
    }
}

/// What the File › Export menu writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Export {
    BriefingHtml,
    BriefingMarkdown,
    MatrixCsv,
    ResultsCsv,
    /// A weights form filled with the active profile's weights.
    WeightsFormActive,
    /// An empty weights form, for a new participant.
    WeightsFormEmpty,
}

impl Export {
    /// Dialog title, filter name (in the current language) and file extension.
    fn dialog(self) -> (&'static str, &'static str, &'static [&'static str]) {
        let t = i18n::s();
        match self {
            Export::BriefingHtml => (t.export_briefing_title, t.export_html_filter, &["html"]),
            Export::BriefingMarkdown => {
                (t.export_briefing_title, t.export_markdown_filter, &["md"])
            }
            Export::MatrixCsv => (t.export_matrix_title, t.export_matrix_filter, &["csv"]),
            Export::ResultsCsv => (t.export_results_title, t.export_results_filter, &["csv"]),
            Export::WeightsFormActive | Export::WeightsFormEmpty => {
                let a = crate::i18n::perspectives::t();
                (a.export_form_title, a.form_filter, &["ron"])
            }
        }
    }

    /// A file name to suggest, from the scenario's file stem.
    pub fn suggested_name(self, stem: &str) -> String {
        match self {
            Export::BriefingHtml => format!("{stem}-briefing.html"),
            Export::BriefingMarkdown => format!("{stem}-briefing.md"),
            Export::MatrixCsv => format!("{stem}-matrix.csv"),
            Export::ResultsCsv => format!("{stem}-results.csv"),
            Export::WeightsFormActive | Export::WeightsFormEmpty => {
                format!("{stem}-weights-form.ron")
            }
        }
    }

    /// The file's text for `scenario` as it stands, under its active profile and method.
    pub fn render(self, scenario: &Scenario, file_name: &str) -> Result<String, String> {
        use crate::report::{self, export};
        match self {
            Export::BriefingHtml | Export::BriefingMarkdown => {
                let at = report::now_utc();
                let request = report::Request::new(scenario, file_name, &at);
                let b = report::briefing(scenario, &request).map_err(|e| e.to_string())?;
                Ok(report::render(
                    &b,
                    if self == Export::BriefingHtml {
                        report::Format::Html
                    } else {
                        report::Format::Markdown
                    },
                ))
            }
            Export::MatrixCsv => export::matrix_csv(scenario, scenario.active_profile_index())
                .map_err(|e| e.to_string()),
            Export::ResultsCsv => crate::analysis::scoring::score(scenario)
                .map(|r| export::results_csv(scenario, &r))
                .map_err(|e| e.to_string()),
            Export::WeightsFormActive => Ok(crate::files::weights_form::write_form(
                scenario,
                scenario.profiles.get(scenario.active_profile_index()),
            )),
            Export::WeightsFormEmpty => Ok(crate::files::weights_form::write_form(scenario, None)),
        }
    }
}

/// Puts `path` first in the recent list, without duplicates.
pub fn remember_recent(recent: &mut Vec<PathBuf>, path: &Path) {
    let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    recent.retain(|p| p != &path);
    recent.insert(0, path);
    recent.truncate(RECENT_MAX);
}

/// The usual place of the recovery copy: `$TIDELINE_RECOVERY_DIR`, else the app's data folder.
pub fn default_recovery_path() -> Option<PathBuf> {
    let dir = std::env::var_os("TIDELINE_RECOVERY_DIR")
        .map(PathBuf::from)
        .or_else(|| eframe::storage_dir("Tideline"))?;
    Some(dir.join("recovery.ron"))
}

/// The first line of a recovery copy of a document that has a file: that file's path.
const FILE_PREFIX: &str = "// recovered from file: ";
/// The first line of a recovery copy of a document with no file (the built-in scenario, a CSV
/// import): only a name for the prompt.
const ORIGIN_PREFIX: &str = "// recovered from: ";

/// Where recovered work came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// The document's own scenario file: saving the restored work goes there.
    File(PathBuf),
    /// A document with no file yet: restored work is untitled until saved.
    Untitled(String),
}

impl Origin {
    /// How the prompt names it.
    pub fn describe(&self) -> String {
        match self {
            Origin::File(p) => p.display().to_string(),
            Origin::Untitled(name) => name.clone(),
        }
    }

    fn first_line(&self) -> String {
        // One line only: a newline in a name would end the comment and break the file.
        let one_line = |s: String| s.replace(['\n', '\r'], " ");
        match self {
            Origin::File(p) => format!("{FILE_PREFIX}{}", one_line(p.display().to_string())),
            Origin::Untitled(n) => format!("{ORIGIN_PREFIX}{}", one_line(n.clone())),
        }
    }

    fn parse(first_line: &str) -> Self {
        if let Some(p) = first_line.strip_prefix(FILE_PREFIX) {
            return Origin::File(PathBuf::from(p));
        }
        match first_line.strip_prefix(ORIGIN_PREFIX) {
            // Copies written before files were told apart: only an absolute path ending in .ron
            // is trusted as a file (a bare name would save into the current folder).
            Some(o) => {
                let p = PathBuf::from(o);
                if p.is_absolute() && p.extension().is_some_and(|e| e == "ron") {
                    Origin::File(p)
                } else {
                    Origin::Untitled(o.to_string())
                }
            }
            None => Origin::Untitled(i18n::s().recovery_unknown_origin.to_string()),
        }
    }
}

/// Writes `scenario` as the recovery copy at `path`, atomically, noting where it came from.
pub fn write_recovery(path: &Path, scenario: &Scenario, origin: &Origin) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let text = scenario_file::to_ron(scenario)?;
    scenario_file::write_atomic(path, &format!("{}\n{text}", origin.first_line()))
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// Reads a recovery copy: the scenario and where it came from. A missing, unreadable or
/// invalid copy gives `None`: there is nothing trustworthy to offer.
pub fn read_recovery(path: &Path) -> Option<(Scenario, Origin)> {
    let bytes = scenario_file::read_limited(path).ok()?;
    let origin = Origin::parse(String::from_utf8_lossy(&bytes).lines().next().unwrap_or(""));
    let s = scenario_file::parse_ron(&bytes, &path.display().to_string()).ok()?;
    Some((s, origin))
}

/// A job for the recovery worker. One worker takes them in order, so a removal never races
/// ahead of a write started before it.
enum RecoveryJob {
    Write(Box<Scenario>, Origin),
    Remove,
    /// Answers once every earlier job is done.
    Flush(Sender<()>),
}

/// The recovery copy of unsaved work: where it goes, when it was last written, and the worker
/// that writes it.
pub struct Recovery {
    /// Where the copy goes; `None` keeps no copy (UI tests, screenshot mode).
    path: Option<PathBuf>,
    /// The revision last copied, if the copy holds the document's unsaved work.
    pub(super) written: Option<u64>,
    pub(super) last: Option<Instant>,
    /// How long after the last copy the next may be written.
    pub(super) every: Duration,
    worker: Option<Sender<RecoveryJob>>,
}

impl Recovery {
    pub fn at(path: Option<PathBuf>, every: Duration) -> Self {
        Self {
            path,
            written: None,
            last: None,
            every,
            worker: None,
        }
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    fn send(&mut self, job: RecoveryJob) {
        let Some(path) = self.path.clone() else {
            return;
        };
        let worker = self.worker.get_or_insert_with(|| {
            let (tx, rx) = channel::<RecoveryJob>();
            std::thread::spawn(move || {
                for job in rx {
                    match job {
                        RecoveryJob::Write(s, origin) => {
                            let _ = write_recovery(&path, &s, &origin);
                        }
                        RecoveryJob::Remove => {
                            let _ = std::fs::remove_file(&path);
                        }
                        RecoveryJob::Flush(done) => {
                            let _ = done.send(());
                        }
                    }
                }
            });
            tx
        });
        let _ = worker.send(job);
    }

    /// Copies `scenario` (at `revision`) in the background.
    pub fn write(&mut self, scenario: &Scenario, origin: Origin, revision: u64) {
        self.send(RecoveryJob::Write(Box::new(scenario.clone()), origin));
        self.written = Some(revision);
        self.last = Some(Instant::now());
    }

    /// Deletes the copy (after a save, or once discarded work has been replaced), after any
    /// write already asked for.
    pub fn remove(&mut self) {
        self.send(RecoveryJob::Remove);
        self.written = None;
    }

    /// Waits until every write and removal asked for so far is done.
    pub fn flush(&mut self) {
        let (tx, rx) = channel();
        if self.path.is_some() {
            self.send(RecoveryJob::Flush(tx));
            let _ = rx.recv_timeout(Duration::from_secs(10));
        }
    }

    /// How long until a copy of new work may be written (zero: now).
    pub fn due_in(&self) -> Duration {
        self.last
            .map_or(Duration::ZERO, |t| self.every.saturating_sub(t.elapsed()))
    }
}
