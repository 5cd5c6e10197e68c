//! File chores of the window: native dialogs off the UI thread, recent files, and the
//! recovery copy of unsaved work.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

use super::TidelineApp;
use crate::scenario_file;

/// How many recent files the File menu lists.
const RECENT_MAX: usize = 8;

/// How often, at most, unsaved work is copied to the recovery file.
const RECOVERY_EVERY: Duration = Duration::from_secs(3);

/// The answer of a file dialog.
pub enum Picked {
    Open(PathBuf),
    Save(PathBuf),
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
        self.start(|| {
            rfd::FileDialog::new()
                .set_title("Open a scenario")
                .add_filter("Scenario or CSV matrix", &["ron", "csv"])
                .pick_file()
                .map(Picked::Open)
        });
    }

    /// Asks where to save, suggesting `name`.
    pub fn save(&mut self, name: String) {
        self.start(move || {
            rfd::FileDialog::new()
                .set_title("Save the scenario")
                .add_filter("Scenario", &["ron"])
                .set_file_name(name)
                .save_file()
                .map(Picked::Save)
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

/// Puts `path` first in the recent list, without duplicates.
pub fn remember_recent(recent: &mut Vec<PathBuf>, path: &Path) {
    let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    recent.retain(|p| p != &path);
    recent.insert(0, path);
    recent.truncate(RECENT_MAX);
}

/// Where unsaved work is copied: `$TIDELINE_RECOVERY_DIR`, else the app's data folder.
fn recovery_path() -> Option<PathBuf> {
    let dir = std::env::var_os("TIDELINE_RECOVERY_DIR")
        .map(PathBuf::from)
        .or_else(|| eframe::storage_dir("Tideline"))?;
    Some(dir.join("recovery.ron"))
}

/// Deletes the recovery copy (after a save, or when the user discards the work).
pub fn remove_recovery() {
    if let Some(p) = recovery_path() {
        let _ = std::fs::remove_file(p);
    }
}

/// State of the recovery copy.
pub struct Recovery {
    written: u64,
    last: Instant,
}

impl Default for Recovery {
    fn default() -> Self {
        Self {
            written: 0,
            last: Instant::now(),
        }
    }
}

/// Copies unsaved work to the recovery file now and then, on a background thread.
pub fn keep_recovery(app: &mut TidelineApp) {
    if !app.is_dirty()
        || app.recovery.written == app.revision()
        || app.recovery.last.elapsed() < RECOVERY_EVERY
    {
        return;
    }
    let Some(path) = recovery_path() else { return };
    app.recovery.written = app.revision();
    app.recovery.last = Instant::now();
    let scenario = app.scenario.clone();
    let origin = app
        .path
        .as_ref()
        .map_or_else(|| app.source.clone(), |p| p.display().to_string());
    std::thread::spawn(move || {
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        if let Ok(text) = scenario_file::to_ron(&scenario) {
            let text = format!("// recovered from: {origin}\n{text}");
            let _ = scenario_file::write_atomic(&path, &text);
        }
    });
}

/// At start-up: if a previous session left unsaved work, offer it back.
pub fn offer_recovery(app: &mut TidelineApp) {
    let Some(path) = recovery_path() else { return };
    let Ok(bytes) = std::fs::read(&path) else {
        return;
    };
    let origin = String::from_utf8_lossy(&bytes)
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("// recovered from: "))
        .unwrap_or("an earlier session")
        .to_string();
    if let Ok(s) = scenario_file::parse_ron(&bytes, &path.display().to_string()) {
        app.recovery_offer = Some((s, origin));
    }
}
