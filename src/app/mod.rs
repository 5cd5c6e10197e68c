//! The egui layer: a thin shell that shows the scenario and the cached results, and turns
//! user actions into [`Command`]s. [`TidelineApp::execute`] is the one place that changes the
//! document, records undo steps and touches files. No scoring happens while drawing.

mod chrome;
mod elicit;
mod files;
mod fonts;
pub use files::Export;
mod projection;
mod screenshot;
pub mod theme;
mod views;
mod weights_panel;

use std::cell::OnceCell;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde::{Deserialize, Serialize};

use crate::diagnostic::LoadError;
use crate::edit::{self, Edit};
use crate::history::History;
use crate::i18n::{self, Lang, fill};
use crate::method_comparison::{MethodComparison, compare_methods};
use crate::model::Scenario;
use crate::scenario_file::{self, DEFAULT_SCENARIO_NAME};
use crate::scoring::{MethodDetail, Ranking, incomparable_pairs, score};
use crate::weights::{criterion_shares, family_shares};

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
    ShowView(View),
    SetDarkMode(bool),
    /// Switch the interface language (takes effect on the next frame).
    SetLanguage(Lang),
    DismissLoadErrors,
    /// Close the window, after the unsaved-changes check.
    Quit,
    /// Enter (true) or leave (false) projection mode.
    Projection(bool),
    /// Make the next (+1) or previous (−1) weight profile the active one.
    StepProfile(i32),
    /// A step of revealing the ranking one option at a time.
    Reveal(projection::Reveal),
    /// Ask where to save a picture of the current view, then take it.
    SavePicture,
    /// Ask where to write a briefing or a CSV file, then write it.
    Export(files::Export),
}

/// What waits for the user's answer to "save changes first?".
#[derive(Clone, Debug, PartialEq)]
pub enum Pending {
    Open,
    OpenPath(PathBuf),
    OpenDefault,
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

/// Results derived from the scenario, recomputed only when its revision changes.
pub struct Derived {
    pub revision: u64,
    pub ranking: Result<Ranking, String>,
    /// The active profile's family shares, in `scenario.families` order (the weights panel).
    pub family_shares: Vec<f64>,
    /// Each criterion's share within its family, in `scenario.criteria` order.
    pub criterion_shares: Vec<f64>,
    /// Every method's ranking, worked out when first asked for (the Methods view), not on
    /// every weight change.
    comparison: OnceCell<MethodComparison>,
    /// PROMETHEE I's incomparable pairs, worked out when the ranking view first asks.
    incomparable: OnceCell<Vec<(usize, usize)>>,
}

impl Derived {
    pub(crate) fn compute(scenario: &Scenario, revision: u64) -> Self {
        let profile = scenario.profiles.get(scenario.active_profile_index());
        Self {
            revision,
            ranking: score(scenario).map_err(|e| e.to_string()),
            family_shares: profile.map_or_else(Vec::new, |p| family_shares(scenario, p)),
            criterion_shares: profile.map_or_else(Vec::new, |p| criterion_shares(scenario, p)),
            comparison: OnceCell::new(),
            incomparable: OnceCell::new(),
        }
    }

    /// The pairs of options PROMETHEE I leaves incomparable (none for other methods).
    pub fn incomparable_pairs(&self) -> &[(usize, usize)] {
        self.incomparable.get_or_init(|| match &self.ranking {
            Ok(r) => match &r.detail {
                MethodDetail::Promethee {
                    phi_plus,
                    phi_minus,
                    ..
                } => incomparable_pairs(&r.order(), phi_plus, phi_minus),
                _ => Vec::new(),
            },
            Err(_) => Vec::new(),
        })
    }

    /// Every method's ranking of `scenario` (the one these results were derived from) under
    /// the active profile.
    pub fn comparison(&self, scenario: &Scenario) -> &MethodComparison {
        self.comparison
            .get_or_init(|| compare_methods(scenario, scenario.active_profile_index()))
    }
}

/// The application state.
pub struct TidelineApp {
    pub scenario: Scenario,
    /// The file the scenario is saved to; `None` for the built-in scenario or an import.
    pub path: Option<PathBuf>,
    /// Where the scenario came from, for the title and messages.
    pub source: String,
    history: History<Scenario>,
    /// Bumped by every change of the document.
    revision: u64,
    /// The revision last saved (or loaded).
    saved_revision: u64,
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
    dialog: files::DialogSlot,
    recovery: files::Recovery,
    /// Unsaved work found from an earlier session, and where it came from.
    pub recovery_offer: Option<(Scenario, String)>,
    weights: weights_panel::WeightsState,
    /// Set once the user agreed to close.
    allow_close: bool,
    /// Screenshot mode: take one picture, then close.
    screenshot: Option<screenshot::Job>,
    /// Projection mode, while it is on.
    pub projection: Option<projection::Projection>,
    /// Whether the window is set up for projection (full screen, zoom): follows `projection`.
    projection_applied: Option<bool>,
    /// A picture of the view to take once the dialog has closed, and its outcome.
    picture: Option<PathBuf>,
    picture_outcome: Option<screenshot::Outcome>,
    /// Where the central view was drawn last frame, for pictures of it.
    view_rect: egui::Rect,
}

impl TidelineApp {
    /// An app showing `scenario`, which came from `source`.
    pub fn new(scenario: Scenario, source: impl Into<String>) -> Self {
        let derived = Derived::compute(&scenario, 0);
        let prefs = Prefs::default();
        Self {
            scenario,
            path: None,
            source: source.into(),
            history: History::default(),
            revision: 0,
            saved_revision: 0,
            derived,
            view: prefs.view,
            views: views::ViewStates::default(),
            prefs,
            load_errors: None,
            status: String::new(),
            pending: None,
            dialog: files::DialogSlot::default(),
            recovery: files::Recovery::at(None),
            recovery_offer: None,
            weights: weights_panel::WeightsState::default(),
            allow_close: false,
            screenshot: None,
            projection: None,
            projection_applied: None,
            picture: None,
            picture_outcome: None,
            view_rect: egui::Rect::NOTHING,
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

    /// Whether the document has changes that are not saved.
    pub fn is_dirty(&self) -> bool {
        self.revision != self.saved_revision
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

    /// Replaces the document with a freshly loaded one.
    fn replace_document(&mut self, scenario: Scenario, path: Option<PathBuf>, source: String) {
        self.scenario = scenario;
        self.path = path;
        self.source = source;
        self.history.clear();
        self.weights = weights_panel::WeightsState::default();
        self.load_errors = None;
        self.revision += 1;
        self.saved_revision = self.revision;
    }

    /// Opens `path`; on failure the current scenario stays and the problems are kept for display.
    pub fn open(&mut self, path: &Path) -> bool {
        match scenario_file::load_path(path) {
            Ok(s) => {
                // A CSV import has no scenario file yet: saving asks where.
                let keep_path = !scenario_file::is_csv(path);
                self.replace_document(
                    s,
                    keep_path.then(|| path.to_path_buf()),
                    path.display().to_string(),
                );
                if keep_path {
                    files::remember_recent(&mut self.prefs.recent, path);
                }
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

    /// Saves to `path` (atomically) and makes it the document's file.
    pub fn save_to(&mut self, path: &Path) -> bool {
        match scenario_file::save(path, &self.scenario) {
            Ok(()) => {
                self.path = Some(path.to_path_buf());
                self.source = path.display().to_string();
                self.saved_revision = self.revision;
                files::remember_recent(&mut self.prefs.recent, path);
                self.recovery.remove();
                self.status = fill(i18n::s().status_saved, &[&path.display()]);
                true
            }
            Err(e) => {
                self.status = e;
                false
            }
        }
    }

    /// Writes `what` to `path` (atomically) and says how it went on the status line.
    pub fn export_to(&mut self, what: files::Export, path: &Path) {
        let name = self
            .path
            .as_ref()
            .and_then(|p| p.file_name())
            .map_or_else(|| self.source.clone(), |n| n.to_string_lossy().into_owned());
        self.status = match what.render(&self.scenario, &name).and_then(|text| {
            scenario_file::write_atomic(path, &text).map_err(|e| format!("{}: {e}", path.display()))
        }) {
            Ok(()) => fill(i18n::s().status_exported, &[&path.display()]),
            Err(e) => fill(i18n::s().status_not_exported, &[&e]),
        };
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
            Command::Quit => self.guard(Pending::Quit),
            Command::Save => match self.path.clone() {
                Some(p) => {
                    self.save_to(&p);
                }
                None => self.execute(Command::SaveAs),
            },
            Command::SaveAs => {
                let name = self.path.as_ref().and_then(|p| p.file_name()).map_or_else(
                    || "scenario.ron".to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                self.dialog.save(name);
            }
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
                self.dialog.export(what, what.suggested_name(&stem));
            }
            Command::SavePicture => {
                let name = format!("tideline-{}.png", self.view.keyword());
                self.dialog.save_picture(name);
            }
            Command::DismissLoadErrors => self.load_errors = None,
        }
    }

    /// Runs `action` now if nothing is unsaved, else asks first.
    fn guard(&mut self, action: Pending) {
        if self.is_dirty() {
            self.pending = Some(action);
        } else {
            self.proceed(action);
        }
    }

    /// Carries out an action that the unsaved-changes check let through.
    pub fn proceed(&mut self, action: Pending) {
        self.pending = None;
        match action {
            Pending::Open => self.dialog.open(),
            Pending::OpenPath(p) => {
                self.open(&p);
            }
            Pending::OpenDefault => {
                if let Ok(s) = scenario_file::default_scenario() {
                    self.replace_document(s, None, DEFAULT_SCENARIO_NAME.to_string());
                }
            }
            Pending::Quit => self.allow_close = true,
        }
    }

    fn set_scenario(&mut self, s: Scenario, status: &str) {
        self.scenario = s;
        self.revision += 1;
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
                            .record(before, &i18n::edit_label(e), group.as_deref());
                    }
                    None => self.history.extend_step(),
                }
                self.revision += 1;
                self.status.clear();
            }
            Err(why) => self.status = fill(i18n::s().not_changed, &[&why]),
        }
    }

    /// Brings derived results up to date with the document; cheap when nothing changed.
    fn refresh(&mut self) {
        if self.derived.revision != self.revision {
            self.derived = Derived::compute(&self.scenario, self.revision);
        }
    }

    /// Draws the whole window into `ui` and carries out what the user asked (also used by the
    /// UI tests).
    pub fn show(&mut self, ui: &mut egui::Ui) {
        // Before any text is laid out, so that the fonts apply from this frame on.
        fonts::install(ui.ctx());
        i18n::set(self.prefs.lang);
        self.refresh();
        let mut commands = Vec::new();
        chrome::shortcuts(ui.ctx(), &mut commands);
        chrome::dropped_files(ui.ctx(), &mut commands);
        if let Some(path) = self.dialog.poll() {
            match path {
                files::Picked::Open(p) => commands.push(Command::OpenPath(p)),
                files::Picked::Save(p) => {
                    self.save_to(&p);
                }
                files::Picked::Picture(p) => self.picture = Some(p),
                files::Picked::Export(what, p) => self.export_to(what, &p),
                files::Picked::Unavailable => {
                    self.status = i18n::s().status_no_file_dialog.into();
                }
            }
        }
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
        weights_panel::show(
            ui,
            &self.scenario,
            &self.derived,
            &mut self.weights,
            &mut commands,
            self.projection.is_some(),
        );
        self.views.ranking.presenting = self.projection.is_some();
        self.view_rect = egui::CentralPanel::default()
            .show(ui, |ui| {
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
        chrome::load_errors(ui, self.load_errors.as_ref(), &mut commands);
        if let Some(answer) = chrome::unsaved_prompt(ui, self.pending.as_ref(), &self.title()) {
            match answer {
                chrome::Answer::Save => {
                    let pending = self.pending.take();
                    self.execute(Command::Save);
                    if !self.is_dirty()
                        && let Some(p) = pending
                    {
                        self.proceed(p);
                    }
                }
                chrome::Answer::Discard => {
                    if let Some(p) = self.pending.take() {
                        // Discarding: the work is not wanted, so neither is its recovery copy.
                        self.saved_revision = self.revision;
                        self.recovery.remove();
                        self.proceed(p);
                    }
                }
                chrome::Answer::Cancel => self.pending = None,
            }
        }
        let origin = self.recovery_offer.as_ref().map(|(_, o)| o.as_str());
        if let Some(restore) = chrome::recovery_prompt(ui, origin)
            && let Some((s, origin)) = self.recovery_offer.take()
        {
            if restore {
                let path = PathBuf::from(&origin);
                let path = (path.extension().is_some_and(|e| e == "ron")).then_some(path);
                self.replace_document(s, path, origin);
                // Restored work is unsaved until the user saves it.
                self.saved_revision = self.revision.wrapping_sub(1);
                self.status = i18n::s().status_restored.into();
            } else {
                self.recovery.remove();
            }
        }
        for c in commands {
            self.execute(c);
        }
        self.refresh();
    }
}

impl eframe::App for TidelineApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close {
            if self.is_dirty() {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.pending = Some(Pending::Quit);
            } else {
                self.allow_close = true;
            }
        }
        self.show(ui);
        self.take_picture(&ctx);
        if let Some(job) = &mut self.screenshot
            && job.step(&ctx)
        {
            self.allow_close = true;
        }
        if self.allow_close {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        ctx.send_viewport_cmd(egui::ViewportCommand::Title(self.title()));
        if self.screenshot.is_none() {
            files::keep_recovery(self);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if self.screenshot.is_none() {
            eframe::set_value(storage, "prefs", &self.prefs);
        }
    }
}

/// How the window is started.
#[derive(Clone, Debug, Default)]
pub struct Launch {
    /// Scenario to open; the built-in one when `None`.
    pub file: Option<PathBuf>,
    /// Screenshot mode: write the window to this PNG, then exit.
    pub screenshot: Option<PathBuf>,
    /// The view to show first.
    pub view: Option<View>,
    /// The interface language; the saved preference (else English) when `None`.
    pub lang: Option<Lang>,
    /// Start in projection mode.
    pub projection: bool,
}

/// Starts the desktop app.
pub fn run(launch: Launch) -> ExitCode {
    let mut app = match TidelineApp::with_default_scenario() {
        Ok(app) => app,
        Err(e) => {
            eprintln!("the built-in scenario is invalid (a bug): {e}");
            return ExitCode::FAILURE;
        }
    };
    if let Some(path) = &launch.file
        && !app.open(path)
        && let Some(e) = &app.load_errors
    {
        eprintln!("{e}");
    }
    let job = launch.screenshot.clone().map(screenshot::Job::new);
    let outcome = job.as_ref().map(|j| std::sync::Arc::clone(&j.outcome));
    app.screenshot = job;
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(app.title())
            .with_inner_size([1400.0, 860.0])
            .with_min_inner_size([800.0, 500.0])
            .with_drag_and_drop(true),
        // Screenshot mode must not read or write the user's preferences.
        persist_window: launch.screenshot.is_none(),
        ..Default::default()
    };
    let screenshot_mode = launch.screenshot.is_some();
    let result = eframe::run_native(
        "Tideline",
        options,
        Box::new(move |cc| {
            theme::apply(&cc.egui_ctx);
            if !screenshot_mode {
                if let Some(storage) = cc.storage
                    && let Some(prefs) = eframe::get_value::<Prefs>(storage, "prefs")
                {
                    app.view = prefs.view;
                    app.prefs = prefs;
                }
                app.set_recovery_file(files::default_recovery_path());
                app.offer_recovery();
            }
            if let Some(v) = launch.view {
                app.view = v;
            }
            if let Some(l) = launch.lang {
                app.prefs.lang = l;
            }
            if launch.projection {
                app.execute(Command::Projection(true));
            }
            Ok(Box::new(app))
        }),
    );
    if let Err(e) = result {
        eprintln!("cannot open a window: {e}");
        return ExitCode::FAILURE;
    }
    match outcome.and_then(|o| o.lock().ok().and_then(|mut g| g.take())) {
        None if screenshot_mode => {
            eprintln!("the window closed before the screenshot was taken");
            ExitCode::FAILURE
        }
        Some(Err(e)) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
        Some(Ok(path)) => {
            println!("wrote {}", path.display());
            ExitCode::SUCCESS
        }
        None => ExitCode::SUCCESS,
    }
}
