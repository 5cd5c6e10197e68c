//! The egui layer: a thin shell that shows the scenario and the cached results, and turns
//! user actions into edits of the document. No scoring happens here.

mod panels;
pub mod theme;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::diagnostic::LoadError;
use crate::model::Scenario;
use crate::scenario_file::{self, DEFAULT_SCENARIO_NAME};
use crate::scoring::{Ranking, score};
use crate::weights;

/// An edit of the document. Panels return these; [`TidelineApp::apply`] is the one place that
/// changes the scenario, so every change bumps the revision that the cached results key on.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    SetActiveProfile(usize),
    SetFamilyShare { family: usize, share: f64 },
    SetCriterionShare { criterion: usize, share: f64 },
}

/// What a panel asks for: an edit of the document, or a change of what the window shows.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    Edit(Edit),
    DismissLoadErrors,
}

/// Results derived from the scenario, recomputed only when its revision changes.
struct Derived {
    revision: u64,
    ranking: Result<Ranking, String>,
}

/// The application state.
pub struct TidelineApp {
    pub scenario: Scenario,
    /// Where the scenario came from (a path, or the built-in default's name).
    pub source: String,
    /// Bumped by every edit.
    revision: u64,
    derived: Derived,
    /// Problems of a file that failed to load; the open scenario stays as it was.
    pub load_errors: Option<LoadError>,
}

impl TidelineApp {
    /// An app showing `scenario`, which came from `source`.
    pub fn new(scenario: Scenario, source: impl Into<String>) -> Self {
        let derived = Derived {
            revision: 0,
            ranking: score(&scenario).map_err(|e| e.to_string()),
        };
        Self {
            scenario,
            source: source.into(),
            revision: 0,
            derived,
            load_errors: None,
        }
    }

    /// The built-in default scenario.
    pub fn with_default_scenario() -> Result<Self, LoadError> {
        Ok(Self::new(
            scenario_file::default_scenario()?,
            DEFAULT_SCENARIO_NAME,
        ))
    }

    /// Opens `path`; on failure the current scenario stays and the problems are kept for display.
    pub fn open(&mut self, path: &Path) -> bool {
        match scenario_file::load_path(path) {
            Ok(s) => {
                self.scenario = s;
                self.source = path.display().to_string();
                self.load_errors = None;
                self.bump();
                true
            }
            Err(e) => {
                self.load_errors = Some(e);
                false
            }
        }
    }

    /// The ranking under the current scenario and weights (cached).
    pub fn ranking(&self) -> Result<&Ranking, &str> {
        self.derived.ranking.as_ref().map_err(String::as_str)
    }

    /// How many edits have been applied.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    fn bump(&mut self) {
        self.revision += 1;
    }

    /// Applies one edit to the document.
    pub fn apply(&mut self, edit: Edit) {
        let s = &mut self.scenario;
        let active = s.active_profile_index();
        match edit {
            Edit::SetActiveProfile(i) => {
                let Some(p) = s.profiles.get(i) else { return };
                s.settings.active_profile = p.id.clone();
            }
            Edit::SetFamilyShare { family, share } => {
                let Some(mut p) = s.profiles.get(active).cloned() else {
                    return;
                };
                weights::set_family_share(s, &mut p, family, share);
                s.profiles[active] = p;
            }
            Edit::SetCriterionShare { criterion, share } => {
                let Some(mut p) = s.profiles.get(active).cloned() else {
                    return;
                };
                weights::set_criterion_share(s, &mut p, criterion, share);
                s.profiles[active] = p;
            }
        }
        self.bump();
    }

    /// Brings derived results up to date with the document; cheap when nothing changed.
    fn refresh(&mut self) {
        if self.derived.revision != self.revision {
            self.derived = Derived {
                revision: self.revision,
                ranking: score(&self.scenario).map_err(|e| e.to_string()),
            };
        }
    }

    /// Draws the whole window into `ui` (also used by the UI tests).
    pub fn show(&mut self, ui: &mut egui::Ui) {
        self.refresh();
        for action in panels::workspace(ui, self) {
            match action {
                Action::Edit(edit) => self.apply(edit),
                Action::DismissLoadErrors => self.load_errors = None,
            }
        }
        self.refresh();
    }
}

impl eframe::App for TidelineApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }
}

/// Starts the desktop app on `file`, or on the built-in default scenario.
pub fn run(file: Option<PathBuf>) -> ExitCode {
    let mut app = match TidelineApp::with_default_scenario() {
        Ok(app) => app,
        Err(e) => {
            eprintln!("the built-in scenario is invalid (a bug): {e}");
            return ExitCode::FAILURE;
        }
    };
    if let Some(path) = &file
        && !app.open(path)
        && let Some(e) = &app.load_errors
    {
        eprintln!("{e}");
    }
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(format!("Tideline — {}", app.scenario.metadata.title))
            .with_inner_size([1400.0, 860.0])
            .with_min_inner_size([800.0, 500.0]),
        ..Default::default()
    };
    let result = eframe::run_native(
        "Tideline",
        options,
        Box::new(|cc| {
            theme::apply(&cc.egui_ctx);
            Ok(Box::new(app))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cannot open a window: {e}");
            ExitCode::FAILURE
        }
    }
}
