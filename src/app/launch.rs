//! Starting the window: what the command line asked for, the saved preferences, the
//! recovery copy, and eframe's native options.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{Command, Prefs, TidelineApp, View, files, screenshot, theme};
use crate::i18n::Lang;

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
    /// The window's inner size in points (default 1400 × 860).
    pub size: Option<[f32; 2]>,
    /// Weights forms or scenario files whose participants' weights are imported at start.
    pub import_weights: Vec<PathBuf>,
    /// Open the quick-entry table of weights at start.
    pub quick_entry: bool,
}

/// Starts the desktop app.
pub fn run(launch: Launch) -> ExitCode {
    // First, so that a first frame's time (`TIDELINE_FIRST_FRAME`) counts reading the scenario.
    let job = launch.screenshot.clone().map(screenshot::Job::new);
    let mut app = match TidelineApp::with_default_scenario() {
        Ok(app) => app,
        Err(e) => {
            eprintln!("the built-in scenario is invalid (a bug): {e}");
            return ExitCode::FAILURE;
        }
    };
    let outcome = job.as_ref().map(|j| std::sync::Arc::clone(&j.outcome));
    app.screenshot = job;
    let screenshot_storage = launch
        .screenshot
        .as_ref()
        .map(|_| std::env::temp_dir().join(format!("tideline-screenshot-{}", std::process::id())));
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(app.title())
            .with_inner_size(launch.size.unwrap_or([1400.0, 860.0]))
            .with_min_inner_size([800.0, 500.0])
            .with_drag_and_drop(true),
        // Screenshot mode must not read or write the user's preferences or egui's memory
        // (panel widths, window places): a picture is the same whatever ran before.
        persist_window: launch.screenshot.is_none(),
        persistence_path: screenshot_storage.clone(),
        ..Default::default()
    };
    let screenshot_mode = launch.screenshot.is_some();
    let result = eframe::run_native(
        "Tideline",
        options,
        Box::new(move |cc| {
            theme::apply(&cc.egui_ctx);
            let (prefs, recovery) = if screenshot_mode {
                (None, None)
            } else {
                (
                    cc.storage
                        .and_then(|storage| eframe::get_value::<Prefs>(storage, "prefs")),
                    files::default_recovery_path(),
                )
            };
            app.start(&launch, prefs, recovery);
            Ok(Box::new(app))
        }),
    );
    if let Some(dir) = &screenshot_storage {
        let _ = std::fs::remove_dir_all(dir);
    }
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
        // The first frame's time was asked for, and printed (`TIDELINE_FIRST_FRAME`).
        Some(Ok(path)) if path.as_os_str().is_empty() => ExitCode::SUCCESS,
        Some(Ok(path)) => {
            println!("wrote {}", path.display());
            ExitCode::SUCCESS
        }
        None => ExitCode::SUCCESS,
    }
}

impl TidelineApp {
    /// Sets the app up as `launch` asks, once the window exists: the saved preferences, the
    /// recovery copy (offered back), then the file named on the command line (after the
    /// preferences, so that it joins Open recent), view, language and projection.
    pub fn start(&mut self, launch: &Launch, prefs: Option<Prefs>, recovery: Option<PathBuf>) {
        if let Some(prefs) = prefs {
            self.view = prefs.view;
            self.prefs = prefs;
        }
        if recovery.is_some() {
            self.set_recovery_file(recovery);
            self.offer_recovery();
        }
        if let Some(path) = &launch.file
            && !self.open(path)
            && let Some(e) = &self.load_errors
        {
            eprintln!("{e}");
        }
        if let Some(v) = launch.view {
            self.view = v;
        }
        if let Some(l) = launch.lang {
            self.prefs.lang = l;
        }
        if launch.projection {
            self.execute(Command::Projection(true));
        }
        if !launch.import_weights.is_empty() {
            self.import_weights(&launch.import_weights);
        }
        if launch.quick_entry {
            self.open_quick_entry();
        }
        // Pictures of an editor: `TIDELINE_OPEN_EDITOR=criterion:<id>` (or `criteria`,
        // `scenario`, `option[:id]`, `profile[:id]`) with `--screenshot`.
        if launch.screenshot.is_some()
            && let Some(editor) = super::EditorRequest::from_env(&self.scenario)
        {
            self.execute(Command::OpenEditor(editor));
        }
        if launch.screenshot.is_some() {
            self.open_room_from_env();
            self.disk_question_from_env();
        }
    }
}
