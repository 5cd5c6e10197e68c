//! The egui layer: a thin shell that shows the scenario and the cached results, and turns
//! user actions into [`Command`]s. [`TidelineApp::execute`] is the one place that changes the
//! document, records undo steps and touches files. No scoring happens while drawing.

mod chrome;
mod derived;
mod disk_watch;
mod editors;
mod elicit;
mod file_chooser;
mod file_flow;
mod files;
mod fonts;
pub mod labels;
mod launch;
pub use file_flow::Answer;
pub use files::{DialogKind, Export};
pub use launch::{Launch, run};
pub use room::RoomCommand;
mod perspectives_job;
mod portfolio;
mod portfolio_job;
mod projection;
mod projector;
mod qr;
mod robustness;
mod robustness_job;
mod room;
mod room_panel;
mod screenshot;
pub mod theme;
mod views;
mod weights_io;
mod weights_panel;

use std::path::PathBuf;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::analysis::scoring::Ranking;
use crate::files::diagnostic::LoadError;
use crate::files::scenario_file::{self, DEFAULT_SCENARIO_NAME};
use crate::i18n::{self, Lang, fill};
use crate::scenario::edit::{self, Edit};
use crate::scenario::history::History;
use crate::scenario::model::Scenario;

pub use derived::Derived;
pub use editors::Request as EditorRequest;
pub use views::View;

/// Everything the user can ask for. Panels push these; [`TidelineApp::execute`] carries them out.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Change the document (undoable).
    Edit(Edit),
    /// A drag or other gesture ended: the next edit starts a new undo step.
    EndGesture,
    Undo,
    Redo,
    /// Ask for a file to open (native dialog), after the unsaved-changes check.
    Open,
    /// Open this file, after the unsaved-changes check.
    OpenPath(PathBuf),
    Save,
    SaveAs,
    /// Go back to the built-in scenario, after the unsaved-changes check.
    OpenDefault,
    /// Start a new scenario from the small starter, after the unsaved-changes check.
    NewScenario,
    ShowView(View),
    SetDarkMode(bool),
    /// Switch the interface language (takes effect on the next frame).
    SetLanguage(Lang),
    DismissLoadErrors,
    /// Close the window, after the unsaved-changes check.
    Quit,
    /// Enter (true) or leave (false) projection mode.
    Projection(bool),
    /// Open or close projection in a second window (for the projector), the workspace staying
    /// in this one.
    ToggleProjector,
    /// Make the next (+1) or previous (−1) weight profile the active one.
    StepProfile(i32),
    /// A step of revealing the ranking one option at a time.
    Reveal(projection::Reveal),
    /// Ask where to save a picture of the current view, then take it.
    SavePicture,
    /// Ask where to write a briefing or a CSV file, then write it.
    Export(files::Export),
    /// Ask for weights forms or scenario files, then import participants' weights from them.
    ImportWeights,
    /// Import participants' weights from these files (dropped on the window, or picked).
    ImportWeightsFrom(Vec<PathBuf>),
    /// Open the quick-entry table of every participant's points.
    QuickEntry,
    /// Open an editor (a criterion's, the list of criteria, the scenario's details, an
    /// option's, a weight profile's).
    OpenEditor(EditorRequest),
    /// Open, run or close the room's session (the Room menu, the session panel).
    Room(room::RoomCommand),
}

/// What waits for the user's answer to "save changes first?".
#[derive(Clone, Debug, PartialEq)]
pub enum Pending {
    Open,
    OpenPath(PathBuf),
    OpenDefault,
    NewScenario,
    Quit,
}

/// Preferences kept between runs (not part of any scenario).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub dark_mode: bool,
    pub recent: Vec<PathBuf>,
    pub view: View,
    /// The interface language.
    pub lang: Lang,
}

impl Default for Prefs {
    fn default() -> Self {
        Self {
            dark_mode: true,
            recent: Vec::new(),
            view: View::Ranking,
            lang: Lang::En,
        }
    }
}

/// The application state.
pub struct TidelineApp {
    pub scenario: Scenario,
    /// The file the scenario is saved to; `None` for the built-in scenario or an import.
    pub path: Option<PathBuf>,
    /// Where the scenario came from, for the title and messages.
    pub source: String,
    /// The file the document was read from: its scenario file, or the CSV matrix it was
    /// imported from. Exports and pictures never write over it, nor over `path`.
    read_from: Option<PathBuf>,
    history: History<Scenario>,
    /// Bumped by every change of the document.
    revision: u64,
    /// The revision an edit of the profiles alone made (the matrix's caches outlive it).
    profiles_edit: Option<u64>,
    /// The document as it is on disk (or as built in), and the revision that matched it;
    /// `None` for work that was never saved (restored after a crash).
    saved: Option<Arc<Scenario>>,
    saved_revision: u64,
    /// Whether the document differs from `saved` (kept up to date by `document_changed`).
    dirty: bool,
    derived: Derived,
    pub view: View,
    views: views::ViewStates,
    pub prefs: Prefs,
    /// Problems of a file that failed to load; the open scenario stays as it was.
    pub load_errors: Option<LoadError>,
    /// A one-line message for the status bar.
    pub status: String,
    /// An action waiting for the unsaved-changes answer.
    pub pending: Option<Pending>,
    /// Why the save asked for by that answer failed; the question stays open with it.
    pub prompt_error: Option<String>,
    /// What goes on once the Save As dialog's save has succeeded.
    after_save: Option<Pending>,
    /// The revision at which replacing the document by a file still to be picked was agreed.
    open_approved: Option<u64>,
    saving: Option<file_flow::SaveJob>,
    exports: Vec<file_flow::ExportJob>,
    /// Quit once the writes in flight are done.
    quit_after_writes: bool,
    dialog: files::DialogSlot,
    recovery: files::Recovery,
    /// The document's file as last read or saved, and the question when another program
    /// changed it.
    disk: disk_watch::DiskWatch,
    /// Unsaved work found from an earlier session, and where it came from.
    pub recovery_offer: Option<(Scenario, files::Origin)>,
    weights: weights_panel::WeightsState,
    /// The weights import summary and the quick-entry table.
    weights_io: weights_io::WeightsIo,
    /// The editor window open, if any, with its fields as typed.
    editors: editors::EditorsState,
    /// Set once the user agreed to close.
    allow_close: bool,
    /// Screenshot mode: take one picture, then close.
    screenshot: Option<screenshot::Job>,
    /// Projection mode, while it is on.
    pub projection: Option<projection::Projection>,
    /// Projection in a second window, while it is open.
    pub projector: Option<projector::Projector>,
    /// Whether the window is set up for projection (full screen, zoom): follows `projection`.
    projection_applied: Option<bool>,
    /// A picture of the view to take once the dialog has closed, and its outcome.
    picture: Option<PathBuf>,
    picture_outcome: Option<screenshot::Outcome>,
    /// Where the central view was drawn last frame, for pictures of it.
    view_rect: egui::Rect,
    /// The window title last sent (sending one asks for another frame).
    sent_title: String,
    /// The window's context, for background work to ask for a frame when it is done.
    ctx: Option<egui::Context>,
    /// The room's session, while one is open, and its panel.
    room: room::RoomState,
}

impl TidelineApp {
    /// An app showing `scenario`, which came from `source`.
    pub fn new(scenario: Scenario, source: impl Into<String>) -> Self {
        let derived = Derived::compute(&scenario, 0);
        let prefs = Prefs::default();
        Self {
            saved: Some(Arc::new(scenario.clone())),
            scenario,
            path: None,
            source: source.into(),
            read_from: None,
            history: History::default(),
            revision: 0,
            profiles_edit: None,
            saved_revision: 0,
            dirty: false,
            derived,
            view: prefs.view,
            views: views::ViewStates::default(),
            prefs,
            load_errors: None,
            status: String::new(),
            pending: None,
            prompt_error: None,
            after_save: None,
            open_approved: None,
            saving: None,
            exports: Vec::new(),
            quit_after_writes: false,
            dialog: files::DialogSlot::default(),
            recovery: files::Recovery::at(None, files::RECOVERY_EVERY),
            recovery_offer: None,
            disk: disk_watch::DiskWatch::default(),
            weights: weights_panel::WeightsState::default(),
            weights_io: weights_io::WeightsIo::default(),
            editors: editors::EditorsState::default(),
            allow_close: false,
            screenshot: None,
            projection: None,
            projector: None,
            projection_applied: None,
            picture: None,
            picture_outcome: None,
            view_rect: egui::Rect::NOTHING,
            sent_title: String::new(),
            ctx: None,
            room: room::RoomState::default(),
        }
    }

    /// The built-in default scenario.
    pub fn with_default_scenario() -> Result<Self, LoadError> {
        Ok(Self::new(
            scenario_file::default_scenario()?,
            DEFAULT_SCENARIO_NAME,
        ))
    }

    /// The ranking under the current scenario and weights (cached).
    pub fn ranking(&self) -> Result<&Ranking, &str> {
        self.derived.ranking.as_ref().map_err(String::as_str)
    }

    /// How many changes have been made to the document.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    pub fn can_undo(&self) -> bool {
        self.history.can_undo()
    }

    pub fn can_redo(&self) -> bool {
        self.history.can_redo()
    }

    /// The window title: file, unsaved mark, app name.
    pub fn title(&self) -> String {
        let name = self
            .path
            .as_ref()
            .and_then(|p| p.file_name())
            .map_or_else(|| self.source.clone(), |n| n.to_string_lossy().into_owned());
        let mark = if self.is_dirty() { "* " } else { "" };
        format!("{mark}{name} — Tideline")
    }

    /// Which file dialog asks for files.
    pub fn dialog_kind(&self) -> DialogKind {
        self.dialog.kind()
    }

    /// Uses Tideline's own in-window file chooser from now on (no desktop dialog).
    pub fn use_in_window_file_dialog(&mut self) {
        self.dialog.use_in_window();
    }

    /// Theme, zoom and full screen for the current mode; viewport commands only on a change.
    fn apply_look(&mut self, ctx: &egui::Context) {
        ctx.set_visuals(if self.projection.is_some() {
            theme::projection_visuals()
        } else if self.prefs.dark_mode {
            egui::Visuals::dark()
        } else {
            egui::Visuals::light()
        });
        let on = self.projection.is_some();
        // Checked from the first frame on: a zoom left by a projection session that ended
        // abruptly may come back with egui's saved memory.
        if self.projection_applied == Some(on) {
            return;
        }
        self.projection_applied = Some(on);
        ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(on));
        ctx.set_zoom_factor(if on { projection::ZOOM } else { 1.0 });
    }

    /// Takes the picture asked for, once the save dialog is gone, and reports how it went.
    fn take_picture(&mut self, ctx: &egui::Context) {
        if let Some(path) = self.picture.take() {
            self.picture_outcome = Some(screenshot::save_region(ctx, self.view_rect, path));
        }
        let done = self
            .picture_outcome
            .as_ref()
            .and_then(|o| o.lock().ok().and_then(|mut g| g.take()));
        match done {
            Some(Ok(path)) => {
                self.status = fill(i18n::s().status_picture_saved, &[&path.display()]);
                self.picture_outcome = None;
            }
            Some(Err(e)) => {
                self.status = e;
                self.picture_outcome = None;
            }
            None => {}
        }
    }

    /// Carries out one command.
    pub fn execute(&mut self, command: Command) {
        match command {
            Command::Edit(e) => self.apply_edit(&e),
            Command::EndGesture => self.history.close_group(),
            Command::Undo => match self.history.undo(self.scenario.clone()) {
                Ok(s) => self.set_scenario(s, i18n::s().status_undone),
                Err(_) => self.status = i18n::s().status_nothing_to_undo.into(),
            },
            Command::Redo => match self.history.redo(self.scenario.clone()) {
                Ok(s) => self.set_scenario(s, i18n::s().status_redone),
                Err(_) => self.status = i18n::s().status_nothing_to_redo.into(),
            },
            Command::Open => self.guard(Pending::Open),
            Command::OpenPath(p) => self.guard(Pending::OpenPath(p)),
            Command::OpenDefault => self.guard(Pending::OpenDefault),
            Command::NewScenario => self.guard(Pending::NewScenario),
            Command::Quit => self.request_quit(),
            Command::Save => self.save(None),
            Command::SaveAs => self.save_as(None),
            Command::ShowView(v) => {
                self.view = v;
                self.prefs.view = v;
            }
            Command::SetDarkMode(d) => self.prefs.dark_mode = d,
            Command::SetLanguage(l) => self.prefs.lang = l,
            Command::Projection(on) => {
                self.projection = on.then(projection::Projection::default);
                if !on {
                    self.views.ranking.reveal = None;
                }
            }
            Command::ToggleProjector => {
                self.projector = match self.projector {
                    Some(_) => None,
                    None => Some(projector::Projector { view: self.view }),
                };
            }
            Command::StepProfile(step) => {
                let n = self.scenario.profiles.len();
                if n > 1 {
                    let k = self.scenario.active_profile_index() as i64 + i64::from(step);
                    let k = k.rem_euclid(n as i64) as usize;
                    let id = self.scenario.profiles[k].id.clone();
                    self.apply_edit(&Edit::SetActiveProfile(id));
                    // Each profile's ranking is revealed afresh.
                    if self.views.ranking.reveal.is_some() {
                        self.views.ranking.reveal = Some(0);
                    }
                }
            }
            Command::Reveal(step) => {
                let n = self.scenario.options.len();
                let r = &mut self.views.ranking.reveal;
                *r = match step {
                    projection::Reveal::Start => Some(0),
                    projection::Reveal::Stop => None,
                    projection::Reveal::More => r.map(|k| (k + 1).min(n)),
                    projection::Reveal::Less => r.map(|k| k.saturating_sub(1)),
                };
                if step == projection::Reveal::Start {
                    self.view = View::Ranking;
                }
            }
            Command::Export(what) => {
                let stem = self.path.as_ref().and_then(|p| p.file_stem()).map_or_else(
                    || "tideline".to_string(),
                    |s| s.to_string_lossy().into_owned(),
                );
                self.ask_file(
                    files::Purpose::Export(what),
                    Some(what.suggested_name(&stem)),
                );
            }
            Command::SavePicture => {
                let name = format!("tideline-{}.png", self.view.keyword());
                self.ask_file(files::Purpose::Picture, Some(name));
            }
            Command::DismissLoadErrors => self.load_errors = None,
            Command::ImportWeights => self.ask_file(files::Purpose::ImportWeights, None),
            Command::ImportWeightsFrom(paths) => self.import_weights(&paths),
            Command::QuickEntry => self.open_quick_entry(),
            Command::OpenEditor(request) => self.editors.open(&self.scenario, &request),
            Command::Room(c) => self.room_command(c),
        }
    }

    fn set_scenario(&mut self, s: Scenario, status: &str) {
        self.scenario = s;
        self.document_changed();
        self.status = status.to_string();
    }

    fn apply_edit(&mut self, e: &Edit) {
        let group = e.group();
        // Inside one gesture the undo step already holds the document as it was: no copy.
        let before = (!self.history.merges(group.as_deref())).then(|| self.scenario.clone());
        match edit::apply_mut(&mut self.scenario, e) {
            Ok(()) => {
                match before {
                    Some(before) => {
                        self.history
                            .record(before, &labels::edit_label(e), group.as_deref());
                    }
                    None => self.history.extend_step(),
                }
                self.document_changed();
                self.profiles_edit = e.profiles_only().then_some(self.revision);
                self.status.clear();
            }
            Err(why) => self.status = fill(i18n::s().not_changed, &[&why]),
        }
    }

    /// Brings derived results up to date with the document; cheap when nothing changed.
    fn refresh(&mut self) {
        if self.derived.revision != self.revision {
            // One edit of the profiles alone since the last results: the data are as they were.
            let same_data = self.profiles_edit == Some(self.revision)
                && self.derived.revision + 1 == self.revision;
            let data = same_data.then_some(self.derived.data_revision);
            self.derived = Derived::compute(&self.scenario, self.revision);
            self.derived.data_revision = data.unwrap_or(self.revision);
        }
    }

    /// Draws the whole window into `ui` and carries out what the user asked (also used by the
    /// UI tests).
    pub fn show(&mut self, ui: &mut egui::Ui) {
        // Before any text is laid out, so that the fonts apply from this frame on.
        fonts::install(ui.ctx());
        i18n::set(self.prefs.lang);
        if self.ctx.is_none() {
            self.ctx = Some(ui.ctx().clone());
        }
        // The window's close button goes through the same checks as File › Quit.
        if ui.ctx().input(|i| i.viewport().close_requested()) && !self.allow_close {
            self.request_quit();
            if !self.allow_close {
                ui.ctx()
                    .send_viewport_cmd(egui::ViewportCommand::CancelClose);
            }
        }
        self.poll_file_jobs();
        self.watch_disk(ui.ctx());
        self.poll_room();
        self.refresh();
        let mut commands = Vec::new();
        chrome::shortcuts(ui.ctx(), &mut commands);
        chrome::dropped_files(ui.ctx(), &mut commands);
        projection::keys(
            ui.ctx(),
            self.projection.is_some(),
            self.view,
            &mut commands,
        );
        self.apply_look(ui.ctx());
        if self.projection.is_some() {
            projection::header(ui, &self.scenario, self.view);
        } else {
            chrome::top_bar(ui, self, &mut commands);
            chrome::status_line(ui, self);
            chrome::navigator(ui, self.view, &mut commands);
        }
        let presenting = self.projection.is_some();
        room_panel::show(
            ui,
            &self.scenario,
            &mut self.room,
            &mut commands,
            presenting,
        );
        // The join card takes the weights panel's room too: it is read from the back.
        if !self.room.shows_card() {
            weights_panel::show(
                ui,
                &self.scenario,
                &self.derived,
                &mut self.weights,
                &mut commands,
                presenting,
            );
        }
        self.views.ranking.presenting = self.projection.is_some();
        self.update_robustness();
        self.update_concessions();
        self.update_portfolio();
        self.view_rect = egui::CentralPanel::default()
            .show(ui, |ui| {
                if room_panel::card(ui, &self.room, &mut commands) {
                    return;
                }
                views::show(
                    ui,
                    self.view,
                    &self.scenario,
                    &self.derived,
                    &mut self.views,
                    &mut commands,
                );
            })
            .response
            .rect;
        weights_io::show(ui, &self.scenario, &mut self.weights_io, &mut commands);
        editors::show(ui.ctx(), &self.scenario, &mut self.editors, &mut commands);
        // One question at a time: the restore offer first, then a file's problems, then
        // "save changes?", then a file dialog.
        let origin = self.recovery_offer.as_ref().map(|(_, o)| o.describe());
        if let Some(restore) = chrome::recovery_prompt(ui, origin.as_deref()) {
            self.answer_recovery(restore);
        } else if self.recovery_offer.is_none() {
            chrome::load_errors(ui, self.load_errors.as_ref(), &mut commands);
            if let Some(answer) = chrome::unsaved_prompt(
                ui,
                self.pending.as_ref(),
                &self.title(),
                self.prompt_error.as_deref(),
            ) {
                self.answer_unsaved(answer);
            } else if self.pending.is_none()
                && !self.ask_about_disk(ui)
                && self.load_errors.is_none()
                && let Some(picked) = self.dialog.show(ui.ctx())
            {
                self.picked(picked);
            }
        }
        if let Some(p) = &mut self.projector {
            let mut close = false;
            let asked = projector::show(
                ui.ctx(),
                p,
                &self.scenario,
                &self.derived,
                &mut self.views,
                &self.room,
                &mut close,
            );
            commands.extend(asked);
            if close {
                self.projector = None;
            }
        }
        for c in commands {
            self.execute(c);
        }
        // The server learns this frame's changes now: no other frame may follow.
        self.poll_room();
        self.refresh();
        if self.screenshot.is_none() {
            self.keep_recovery(ui.ctx());
        }
    }
}

impl eframe::App for TidelineApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.show(ui);
        self.take_picture(&ctx);
        if let Some(job) = &mut self.screenshot
            && job.step(&ctx)
        {
            self.allow_close = true;
        }
        if self.allow_close {
            self.room.end();
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        // Only on a change: every viewport command asks for another frame, and an idle window
        // must not repaint.
        let title = self.title();
        if title != self.sent_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.sent_title = title;
        }
    }

    /// Pictures are taken as if no pointer were over the window: the real one would leave its
    /// hover (crosshairs, tooltips) in them.
    fn raw_input_hook(&mut self, _ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        if self.screenshot.is_some() {
            raw_input
                .events
                .retain(|e| !screenshot::is_pointer_event(e));
        }
    }

    fn persist_egui_memory(&self) -> bool {
        self.screenshot.is_none()
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if self.screenshot.is_none() {
            eframe::set_value(storage, "prefs", &self.prefs);
        }
    }
}
