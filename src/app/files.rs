//! File chores of the window: native dialogs off the UI thread, recent files, and the
//! recovery copy of unsaved work.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

use super::TidelineApp;
use crate::i18n;
use crate::model::Scenario;
use crate::scenario_file;

/// How many recent files the File menu lists.
const RECENT_MAX: usize = 8;

/// How often, at most, unsaved work is copied to the recovery file.
const RECOVERY_EVERY: Duration = Duration::from_secs(3);

/// The answer of a file dialog.
pub enum Picked {
    Open(PathBuf),
    Save(PathBuf),
    /// Where to save a picture of the view.
    Picture(PathBuf),
    /// Where to write an export.
    Export(Export, PathBuf),
    /// No dialog could be shown (no portal, no zenity).
    Unavailable,
}

/// A file dialog running on its own thread (the portal call blocks until the user answers).
#[derive(Default)]
pub struct DialogSlot {
    waiting: Option<Receiver<Option<Picked>>>,
}

impl DialogSlot {
    fn start(&mut self, run: impl FnOnce() -> Option<Picked> + Send + 'static) {
        if self.waiting.is_some() {
            return; // one dialog at a time
        }
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let started = Instant::now();
            let mut picked = run();
            // rfd returns None at once when no dialog backend exists; a real cancel takes longer.
            if picked.is_none() && started.elapsed() < Duration::from_millis(150) {
                picked = Some(Picked::Unavailable);
            }
            let _ = tx.send(picked);
        });
        self.waiting = Some(rx);
    }

    /// Asks for a scenario or CSV file to open.
    pub fn open(&mut self) {
        // The dialog runs on another thread, whose language is not the window's: take the
        // words now.
        let t = i18n::s();
        self.start(move || {
            rfd::FileDialog::new()
                .set_title(t.file_open_title)
                .add_filter(t.file_open_filter, &["ron", "csv"])
                .pick_file()
                .map(Picked::Open)
        });
    }

    /// Asks where to save, suggesting `name`.
    pub fn save(&mut self, name: String) {
        let t = i18n::s();
        self.start(move || {
            rfd::FileDialog::new()
                .set_title(t.file_save_title)
                .add_filter(t.file_save_filter, &["ron"])
                .set_file_name(name)
                .save_file()
                .map(Picked::Save)
        });
    }

    /// Asks where to save a PNG picture of the view, suggesting `name`.
    pub fn save_picture(&mut self, name: String) {
        let t = i18n::s();
        self.start(move || {
            rfd::FileDialog::new()
                .set_title(t.file_picture_title)
                .add_filter(t.file_picture_filter, &["png"])
                .set_file_name(name)
                .save_file()
                .map(Picked::Picture)
        });
    }

    /// Asks where to write `what`, suggesting `name`.
    pub fn export(&mut self, what: Export, name: String) {
        // In the window's language: the dialog's own thread has another.
        let (title, filter, ext) = what.dialog();
        self.start(move || {
            rfd::FileDialog::new()
                .set_title(title)
                .add_filter(filter, &[ext])
                .set_file_name(name)
                .save_file()
                .map(|p| Picked::Export(what, p))
        });
    }

    /// The dialog's answer, once there is one.
    pub fn poll(&mut self) -> Option<Picked> {
        let rx = self.waiting.as_ref()?;
        match rx.try_recv() {
            Ok(answer) => {
                self.waiting = None;
                answer
            }
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => {
                self.waiting = None;
                None
            }
        }
    }
}

/// What the File › Export menu writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Export {
    BriefingHtml,
    BriefingMarkdown,
    MatrixCsv,
    ResultsCsv,
}

impl Export {
    /// Dialog title, filter name (in the current language) and file extension.
    fn dialog(self) -> (&'static str, &'static str, &'static str) {
        let t = i18n::s();
        match self {
            Export::BriefingHtml => (t.export_briefing_title, t.export_html_filter, "html"),
            Export::BriefingMarkdown => (t.export_briefing_title, t.export_markdown_filter, "md"),
            Export::MatrixCsv => (t.export_matrix_title, t.export_matrix_filter, "csv"),
            Export::ResultsCsv => (t.export_results_title, t.export_results_filter, "csv"),
        }
    }

    /// A file name to suggest, from the scenario's file stem.
    pub fn suggested_name(self, stem: &str) -> String {
        match self {
            Export::BriefingHtml => format!("{stem}-briefing.html"),
            Export::BriefingMarkdown => format!("{stem}-briefing.md"),
            Export::MatrixCsv => format!("{stem}-matrix.csv"),
            Export::ResultsCsv => format!("{stem}-results.csv"),
        }
    }

    /// The file's text for `scenario` as it stands, under its active profile and method.
    pub fn render(self, scenario: &Scenario, file_name: &str) -> Result<String, String> {
        use crate::{export, report};
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
            Export::ResultsCsv => crate::scoring::score(scenario)
                .map(|r| export::results_csv(scenario, &r))
                .map_err(|e| e.to_string()),
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

/// The first line of a recovery file names where the work came from.
const ORIGIN_PREFIX: &str = "// recovered from: ";

/// State of the recovery copy of unsaved work.
pub struct Recovery {
    /// Where the copy goes; `None` keeps no copy (UI tests, screenshot mode).
    path: Option<PathBuf>,
    /// The revision last copied.
    written: u64,
    last: Instant,
}

impl Recovery {
    pub fn at(path: Option<PathBuf>) -> Self {
        Self {
            path,
            written: 0,
            last: Instant::now(),
        }
    }

    /// Deletes the copy (after a save, or when the user discards the work).
    pub fn remove(&self) {
        if let Some(p) = &self.path {
            let _ = std::fs::remove_file(p);
        }
    }
}

/// Writes `scenario` as the recovery copy at `path`, atomically, noting where it came from.
pub fn write_recovery(path: &Path, scenario: &Scenario, origin: &str) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let text = scenario_file::to_ron(scenario)?;
    // One line only: a newline in the origin would end the comment and break the file.
    let origin = origin.replace(['\n', '\r'], " ");
    scenario_file::write_atomic(path, &format!("{ORIGIN_PREFIX}{origin}\n{text}"))
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// Reads a recovery copy: the scenario and where it came from. A missing, unreadable or
/// invalid copy gives `None`: there is nothing trustworthy to offer.
pub fn read_recovery(path: &Path) -> Option<(Scenario, String)> {
    let bytes = std::fs::read(path).ok()?;
    let origin = String::from_utf8_lossy(&bytes)
        .lines()
        .next()
        .and_then(|l| l.strip_prefix(ORIGIN_PREFIX))
        .unwrap_or(i18n::s().recovery_unknown_origin)
        .to_string();
    let s = scenario_file::parse_ron(&bytes, &path.display().to_string()).ok()?;
    Some((s, origin))
}

/// Copies unsaved work to the recovery file now and then, on a background thread.
pub fn keep_recovery(app: &mut TidelineApp) {
    if !app.is_dirty()
        || app.recovery.written == app.revision()
        || app.recovery.last.elapsed() < RECOVERY_EVERY
    {
        return;
    }
    let Some(path) = app.recovery.path.clone() else {
        return;
    };
    app.recovery.written = app.revision();
    app.recovery.last = Instant::now();
    let scenario = app.scenario.clone();
    let origin = app.origin();
    std::thread::spawn(move || {
        let _ = write_recovery(&path, &scenario, &origin);
    });
}

impl TidelineApp {
    /// Sets where unsaved work is copied (`None`: nowhere), e.g. before [`Self::offer_recovery`].
    pub fn set_recovery_file(&mut self, path: Option<PathBuf>) {
        self.recovery = Recovery::at(path);
    }

    /// Writes the recovery copy of the document now, on this thread.
    pub fn write_recovery_now(&mut self) -> Result<(), String> {
        let path = self
            .recovery
            .path
            .clone()
            .ok_or("no recovery file is set")?;
        write_recovery(&path, &self.scenario, &self.origin())?;
        self.recovery.written = self.revision();
        Ok(())
    }

    /// At start-up: if a previous session left unsaved work, offer it back.
    pub fn offer_recovery(&mut self) {
        self.recovery_offer = self.recovery.path.as_deref().and_then(read_recovery);
    }

    /// Where the document came from: its file, else its source's name.
    fn origin(&self) -> String {
        self.path
            .as_ref()
            .map_or_else(|| self.source.clone(), |p| p.display().to_string())
    }
}
