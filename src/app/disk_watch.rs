//! Another program changing the document's file while it is open: noticed when the window
//! regains focus (one look at the file's length and time, off the UI thread, reading it only
//! if they moved) and offered for reload; and never written over by a save without asking
//! (Overwrite, Save as…, or reload theirs).
//!
//! Reloading goes through the usual open: unsaved changes are asked about first, and the
//! document is replaced only once the file on disk has been read and checked.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError};

use egui::{Key, RichText, Ui};

use super::file_flow::in_background;
use super::{Pending, TidelineApp, theme};
use crate::files::fingerprint::{Fingerprint, OnDisk};
use crate::files::scenario_file;
use crate::i18n::{self, files as texts, fill};

/// What is known of the document's file, and the question about it, if any.
#[derive(Default)]
pub(super) struct DiskWatch {
    /// The document's file and what it held when last read or saved here.
    known: Option<(PathBuf, Fingerprint)>,
    /// A version on disk the user chose to keep working over: not offered again (a save over
    /// it still asks).
    declined: Option<Fingerprint>,
    /// A look at the file under way.
    looking: Option<Receiver<io::Result<OnDisk>>>,
    pub(super) question: Option<Question>,
}

/// The question to put.
#[derive(Clone, Debug, PartialEq)]
pub enum Question {
    /// The file changed on disk: reload it?
    Changed(Fingerprint),
    /// A save found the file changed on disk and wrote nothing; then `then` was to go on.
    SaveOver(PathBuf, Option<Pending>),
}

/// The answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Reply {
    Reload,
    Keep,
    Overwrite,
    SaveAs,
    DiscardAndReload,
    Cancel,
}

impl DiskWatch {
    /// A new document: nothing known of its file yet.
    pub(super) fn forget(&mut self) {
        *self = Self::default();
    }

    /// The document was just read from `path`, as `bytes`.
    pub(super) fn opened(&mut self, path: &Path, bytes: &[u8]) {
        self.known = Some((path.to_path_buf(), Fingerprint::of_bytes(path, bytes)));
    }

    /// The document was just written to `path`, as `written`.
    pub(super) fn saved(&mut self, path: &Path, written: Fingerprint) {
        self.known = Some((path.to_path_buf(), written));
        self.declined = None;
    }

    /// What the file at `path` must still hold for a save to write over it without asking:
    /// the known version, if `path` is the document's file.
    pub(super) fn expected(&self, path: &Path) -> Option<Fingerprint> {
        self.known
            .as_ref()
            .filter(|(known, _)| known == path || scenario_file::same_file(known, path))
            .map(|(_, f)| f.clone())
    }
}

impl TidelineApp {
    /// A save found the file changed by someone else: nothing was written; ask.
    pub(super) fn save_conflict(&mut self, path: &Path, then: Option<Pending>) {
        self.status = fill(texts::t().status_not_saved, &[&path.display()]);
        self.disk.question = Some(Question::SaveOver(path.to_path_buf(), then));
    }

    /// Looks at the document's file when the window regains focus, and takes in the answer.
    pub(super) fn watch_disk(&mut self, ctx: &egui::Context) {
        let regained = ctx.input(|i| {
            i.events
                .iter()
                .any(|e| matches!(e, egui::Event::WindowFocused(true)))
        });
        if regained {
            self.look_at_disk();
        }
        let Some(rx) = &self.disk.looking else {
            return;
        };
        let seen = match rx.try_recv() {
            Ok(r) => r,
            Err(TryRecvError::Empty) => return,
            Err(TryRecvError::Disconnected) => Ok(OnDisk::Missing),
        };
        self.disk.looking = None;
        match seen {
            // A new time on the same bytes: remembered, so the next look is cheap again.
            Ok(OnDisk::Same(now)) => {
                if let Some((_, known)) = &mut self.disk.known {
                    *known = now;
                }
            }
            Ok(OnDisk::Changed(now)) => {
                let asked = self.disk.question.is_some() || self.pending.is_some();
                // Our own save may have landed while the look was under way.
                let ours = self.saving.is_some()
                    || self
                        .disk
                        .known
                        .as_ref()
                        .is_some_and(|(_, k)| k.same_bytes(&now));
                let declined = self
                    .disk
                    .declined
                    .as_ref()
                    .is_some_and(|d| d.same_bytes(&now));
                if !declined && !asked && !ours {
                    self.disk.question = Some(Question::Changed(now));
                }
            }
            // Gone or unreadable: a save will write it anew, or say why it cannot.
            Ok(OnDisk::Missing) | Err(_) => {}
        }
    }

    /// Starts a look at the document's file on another thread (unless one is under way).
    pub fn look_at_disk(&mut self) {
        // A save in flight is changing the file itself: its outcome says what is there.
        if self.disk.looking.is_some() || self.saving.is_some() {
            return;
        }
        if let Some((path, known)) = self.disk.known.clone() {
            let rx = in_background(self.ctx.as_ref(), move || known.compare(&path));
            self.disk.looking = Some(rx);
        }
    }

    /// Pictures of the questions: `TIDELINE_DISK_QUESTION=changed` (or `save`) with
    /// `--screenshot` and a scenario file.
    pub(super) fn disk_question_from_env(&mut self) {
        let path = self.path.clone();
        self.disk.question = match std::env::var("TIDELINE_DISK_QUESTION").as_deref() {
            Ok("changed") => self.disk.known.clone().map(|(_, f)| Question::Changed(f)),
            Ok("save") => path.map(|p| Question::SaveOver(p, None)),
            _ => return,
        };
    }

    /// Waits for a look at the file under way and takes in what it saw (tests).
    pub fn finish_disk_look(&mut self, ctx: &egui::Context) {
        if let Some(rx) = self.disk.looking.take() {
            let seen = rx.recv().unwrap_or(Ok(OnDisk::Missing));
            let (tx, again) = std::sync::mpsc::channel();
            let _ = tx.send(seen);
            self.disk.looking = Some(again);
            self.watch_disk(ctx);
        }
    }

    /// The question about the file on disk, if one is open: draws it and carries out the
    /// answer. Returns whether a question is showing.
    pub(super) fn ask_about_disk(&mut self, ui: &mut Ui) -> bool {
        let Some(question) = self.disk.question.clone() else {
            return false;
        };
        let name = self
            .path
            .as_ref()
            .map_or_else(|| self.source.clone(), |p| p.display().to_string());
        let Some(reply) = prompt(ui, &question, &name, self.is_dirty()) else {
            return true;
        };
        self.disk.question = None;
        match (question, reply) {
            (Question::Changed(_), Reply::Reload) => {
                if let Some(path) = self.path.clone() {
                    // Unsaved changes are asked about first; the document is replaced only
                    // once the file has been read.
                    self.guard(Pending::OpenPath(path));
                }
            }
            (Question::Changed(now), _) => self.disk.declined = Some(now),
            (Question::SaveOver(path, then), Reply::Overwrite) => {
                self.start_save_over(&path, then, None);
            }
            (Question::SaveOver(_, then), Reply::SaveAs) => self.save_as(then),
            (Question::SaveOver(path, _), Reply::DiscardAndReload) => {
                self.open(&path);
            }
            (Question::SaveOver(..), _) => {}
        }
        true
    }
}

/// Draws the question; returns the answer once given.
fn prompt(ui: &mut Ui, question: &Question, name: &str, dirty: bool) -> Option<Reply> {
    let t = texts::t();
    let s = i18n::s();
    let mut reply = None;
    egui::Modal::new(egui::Id::unique("disk_prompt")).show(ui.ctx(), |ui| {
        ui.set_max_width(560.0);
        match question {
            Question::Changed(_) => {
                ui.heading(t.changed_heading);
                ui.label(fill(t.changed_body, &[&name]));
                if dirty {
                    ui.add_space(4.0);
                    ui.label(t.changed_unsaved);
                }
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button(t.reload).clicked() {
                        reply = Some(Reply::Reload);
                    }
                    if ui.button(t.keep_mine).clicked() || ui.input(|i| i.key_pressed(Key::Escape))
                    {
                        reply = Some(Reply::Keep);
                    }
                });
            }
            Question::SaveOver(..) => {
                ui.heading(t.conflict_heading);
                ui.label(fill(t.conflict_body, &[&name]));
                ui.add_space(4.0);
                ui.label(RichText::new(t.conflict_nothing_written).color(theme::ERROR));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button(t.overwrite).clicked() {
                        reply = Some(Reply::Overwrite);
                    }
                    if ui.button(s.menu_save_as).clicked() {
                        reply = Some(Reply::SaveAs);
                    }
                    if ui.button(t.discard_and_reload).clicked() {
                        reply = Some(Reply::DiscardAndReload);
                    }
                    if ui.button(s.cancel).clicked() || ui.input(|i| i.key_pressed(Key::Escape)) {
                        reply = Some(Reply::Cancel);
                    }
                });
            }
        }
    });
    reply
}
