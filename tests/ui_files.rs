//! Files and unsaved work, driven through the real window: nothing is lost when an open fails,
//! a save fails, a dialog is cancelled or the window is closed; the unsaved mark follows the
//! document; the recovery copy is written, kept and removed when it should be; and every file
//! action works with the in-window chooser where the desktop has no file dialog.

use std::path::{Path, PathBuf};
use std::time::Duration;

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use tideline::app::{Command, Export, Launch, Pending, Prefs, TidelineApp};
use tideline::files::scenario_file::{DEFAULT_SCENARIO_NAME, load_path, parse_ron};
use tideline::scenario::edit::Edit;
use tideline::scenario::model::Scenario;

fn harness(app: TidelineApp) -> Harness<'static, TidelineApp> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        // A newly opened scenario's tables take a few frames to size themselves.
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut TidelineApp| app.show(ui), app);
    harness.run();
    harness
}

fn default_app() -> TidelineApp {
    let mut app = TidelineApp::with_default_scenario().unwrap_or_else(|e| panic!("{e}"));
    // As on a desktop with neither a file portal nor zenity.
    app.use_in_window_file_dialog();
    app
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tideline-files-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir
}

fn edit() -> Command {
    Command::Edit(Edit::SetFamilyShare {
        family: "economic".into(),
        share: 0.55,
        locked: Vec::new(),
    })
}

/// A copy of the second bundled scenario in the temporary folder, so that no test can save
/// into the repository.
fn other_scenario() -> PathBuf {
    static COPY: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    COPY.get_or_init(|| {
        let dir = temp_dir("source");
        let copy = dir.join("architectures.ron");
        let original =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/unep-ea3-inf5-architectures.ron");
        std::fs::copy(original, &copy).unwrap_or_else(|e| panic!("{e}"));
        copy
    })
    .clone()
}

/// A scenario file that does not parse (a missing closing bracket).
fn broken_file(dir: &Path) -> PathBuf {
    let p = dir.join("broken.ron");
    std::fs::write(&p, "(format_version: 1, metadata: (title: \"x\"")
        .unwrap_or_else(|e| panic!("{e}"));
    p
}

/// A file dropped on the window.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

/// Lets background writes finish and the window take in their outcome.
fn settle(h: &mut Harness<'static, TidelineApp>) {
    h.run();
    h.state_mut().finish_file_jobs();
    h.run();
}

/// The scenario held in a recovery copy (its first line names where it came from).
fn recovery_copy(path: &Path) -> Option<Scenario> {
    let bytes = std::fs::read(path).ok()?;
    parse_ron(&bytes, "recovery").ok()
}

/// Types `text` into the chooser's name field in place of what is there.
fn type_file_name(h: &mut Harness<'static, TidelineApp>, label: &str, text: &str) {
    h.get_by_role_and_label(Role::TextInput, label).focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    h.run();
}

fn chooser_open(h: &Harness<'static, TidelineApp>, title: &str) -> bool {
    h.query_by_label(title).is_some() && h.query_by_label("Folder:").is_some()
}

#[test]
fn a_failed_open_after_dont_save_keeps_the_edits_the_mark_and_the_recovery_copy() {
    let dir = temp_dir("failed-open");
    let copy = dir.join("recovery.ron");
    let broken = broken_file(&dir);
    let mut app = default_app();
    app.set_recovery_file_every(Some(copy.clone()), Duration::ZERO);
    let mut h = harness(app);
    h.state_mut().execute(edit());
    settle(&mut h);
    let edited = h.state().scenario.clone();
    assert_eq!(
        recovery_copy(&copy).as_ref(),
        Some(&edited),
        "the copy is written"
    );

    // Dropped on the window, as a user would.
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(broken.clone())));
    h.run();
    h.get_by_label("Save changes?");
    h.get_by_label("Don't save").click();
    settle(&mut h);

    assert!(h.state().load_errors.is_some(), "the problems are shown");
    assert_eq!(h.state().scenario, edited, "the edits stay");
    assert!(h.state().is_dirty(), "and are still unsaved");
    assert!(h.state().title().starts_with("* "), "{}", h.state().title());
    assert_eq!(
        recovery_copy(&copy).as_ref(),
        Some(&edited),
        "the recovery copy stays"
    );

    // Quitting still asks.
    h.get_by_label("Dismiss").click();
    h.run();
    h.state_mut().execute(Command::Quit);
    h.run();
    assert_eq!(h.state().pending, Some(Pending::Quit));
    assert!(!h.state().close_allowed());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn open_after_dont_save_loses_nothing_until_the_new_file_has_loaded() {
    let dir = temp_dir("open-dialog");
    let copy = dir.join("recovery.ron");
    let mut app = default_app();
    app.set_recovery_file_every(Some(copy.clone()), Duration::ZERO);
    let mut h = harness(app);
    h.state_mut().execute(edit());
    settle(&mut h);
    let edited = h.state().scenario.clone();

    // File › Open, "Don't save", then the chooser is cancelled: nothing is lost.
    h.state_mut().execute(Command::Open);
    h.run();
    h.get_by_label("Don't save").click();
    h.run();
    assert!(chooser_open(&h, "Open a scenario"));
    h.get_by_label("Cancel").click();
    settle(&mut h);
    assert!(!chooser_open(&h, "Open a scenario"));
    assert_eq!(h.state().scenario, edited);
    assert!(h.state().is_dirty());
    assert!(copy.exists(), "the recovery copy stays");

    // Again, and this time a file is chosen: it replaces the work without asking twice, and
    // only now is the copy of the old work removed.
    h.state_mut().execute(Command::Open);
    h.run();
    h.get_by_label("Don't save").click();
    h.run();
    type_file_name(&mut h, "File:", &other_scenario().display().to_string());
    h.get_by_label("Open").click();
    settle(&mut h);
    let expected = load_path(&other_scenario()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(h.state().scenario, expected);
    assert!(!h.state().is_dirty());
    assert!(h.state().pending.is_none(), "no second question");
    assert!(!copy.exists(), "the copy of the replaced work is gone");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_save_that_fails_from_the_quit_question_keeps_it_open_with_the_reason_and_offers_save_as() {
    let dir = temp_dir("refused");
    // A folder where the file should be: the rename onto it is refused.
    let refused = dir.join("work.ron");
    std::fs::create_dir(&refused).unwrap_or_else(|e| panic!("{e}"));
    let mut h = harness(default_app());
    h.state_mut().path = Some(refused.clone());
    h.state_mut().execute(edit());
    h.state_mut().execute(Command::Quit);
    h.run();
    h.get_by_label("Save").click();
    settle(&mut h);

    assert!(!h.state().close_allowed(), "the window stays");
    assert_eq!(h.state().pending, Some(Pending::Quit), "the question stays");
    assert!(h.state().prompt_error.is_some());
    assert!(
        h.query_by_label_contains("Could not save").is_some(),
        "the question says why"
    );
    assert!(h.state().is_dirty());
    assert!(refused.is_dir(), "nothing was written over the folder");

    // "Save as…" picks another file; once saved there, the quit goes on.
    h.get_by_label("Save as…").click();
    h.run();
    assert!(chooser_open(&h, "Save the scenario"));
    let good = dir.join("elsewhere.ron");
    type_file_name(&mut h, "File name:", &good.display().to_string());
    h.get_by_role_and_label(Role::Button, "Save").click();
    settle(&mut h);
    assert_eq!(
        load_path(&good).ok().as_ref(),
        Some(&h.state().scenario),
        "{}",
        h.state().status
    );
    assert!(!h.state().is_dirty());
    assert!(h.state().close_allowed(), "the quit went on");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_unsaved_mark_follows_whether_the_document_differs_from_the_saved_one() {
    let dir = temp_dir("mark");
    let path = dir.join("s.ron");
    let mut h = harness(default_app());
    h.state_mut().execute(edit());
    h.run();
    assert!(h.state().is_dirty());
    h.state_mut().execute(Command::Undo);
    h.run();
    assert!(
        !h.state().is_dirty(),
        "undone back to the built-in scenario"
    );
    assert!(!h.state().title().starts_with('*'), "{}", h.state().title());
    h.state_mut().execute(Command::Redo);
    h.run();
    assert!(h.state().is_dirty(), "redone");

    // After a save, the saved state is the new reference.
    h.state_mut().start_save(&path, None);
    settle(&mut h);
    assert!(!h.state().is_dirty(), "{}", h.state().status);
    h.state_mut().execute(Command::Undo);
    h.run();
    assert!(
        h.state().is_dirty(),
        "the undo moved away from what was saved"
    );
    h.state_mut().execute(Command::Redo);
    h.run();
    assert!(!h.state().is_dirty(), "and redo came back to it");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn save_for_an_untitled_document_asks_where_then_carries_on_or_does_nothing_if_cancelled() {
    let dir = temp_dir("untitled");
    let mut h = harness(default_app());
    h.state_mut().execute(edit());
    h.state_mut().execute(Command::Quit);
    h.run();
    h.get_by_label("Save").click();
    h.run();
    assert!(chooser_open(&h, "Save the scenario"), "Save As is asked");
    h.get_by_label("Cancel").click();
    settle(&mut h);
    assert!(
        !h.state().close_allowed(),
        "a cancelled Save As does not quit"
    );
    assert!(h.state().pending.is_none());
    assert!(h.state().is_dirty());

    // Opening another scenario: Save, Save As to a file, then the open goes on.
    h.state_mut().execute(Command::OpenPath(other_scenario()));
    h.run();
    h.get_by_label("Save").click();
    h.run();
    let path = dir.join("mine.ron");
    type_file_name(&mut h, "File name:", &path.display().to_string());
    h.get_by_role_and_label(Role::Button, "Save").click();
    settle(&mut h);
    let mine = load_path(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(mine.profiles[0].family_weights, {
        let mut s = TidelineApp::with_default_scenario()
            .unwrap_or_else(|e| panic!("{e}"))
            .scenario;
        tideline::scenario::edit::apply_mut(
            &mut s,
            &Edit::SetFamilyShare {
                family: "economic".into(),
                share: 0.55,
                locked: Vec::new(),
            },
        )
        .unwrap_or_else(|e| panic!("{e}"));
        s.profiles[0].family_weights.clone()
    });
    let expected = load_path(&other_scenario()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(h.state().scenario, expected, "the open went on");

    // And quitting through the same path closes (from an untitled document again).
    h.state_mut().execute(Command::OpenDefault);
    h.run();
    h.state_mut().execute(edit());
    h.state_mut().execute(Command::Quit);
    h.run();
    h.get_by_label("Save").click();
    h.run();
    let path = dir.join("other.ron");
    type_file_name(&mut h, "File name:", &path.display().to_string());
    h.get_by_role_and_label(Role::Button, "Save").click();
    settle(&mut h);
    assert!(path.exists());
    assert!(h.state().close_allowed(), "the quit went on after Save As");
    let _ = std::fs::remove_dir_all(&dir);
}

/// An edit that the second scenario accepts (its first family's share).
fn edit_other() -> Command {
    let s = load_path(&other_scenario()).unwrap_or_else(|e| panic!("{e}"));
    Command::Edit(Edit::SetFamilyShare {
        family: s.families[0].id.clone(),
        share: 0.42,
        locked: Vec::new(),
    })
}

#[test]
fn restored_work_on_the_built_in_scenario_is_untitled_and_work_on_a_file_keeps_its_file() {
    let dir = temp_dir("restored");
    let copy = dir.join("recovery.ron");
    let mut first = default_app();
    first.set_recovery_file(Some(copy.clone()));
    first.execute(edit());
    first.write_recovery_now().unwrap_or_else(|e| panic!("{e}"));

    let mut second = default_app();
    second.set_recovery_file(Some(copy.clone()));
    second.offer_recovery();
    let mut h = harness(second);
    h.get_by_label("Restore").click();
    h.run();
    assert_eq!(
        h.state().path,
        None,
        "no file: not {DEFAULT_SCENARIO_NAME} in the working folder"
    );
    assert!(h.state().is_dirty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(chooser_open(&h, "Save the scenario"), "Ctrl+S asks where");
    assert!(!Path::new(DEFAULT_SCENARIO_NAME).exists());
    h.get_by_label("Cancel").click();
    h.run();

    // Work on a scenario file comes back to that file.
    let file = dir.join("kept.ron");
    std::fs::copy(other_scenario(), &file).unwrap_or_else(|e| panic!("{e}"));
    let mut first = default_app();
    first.set_recovery_file(Some(copy.clone()));
    assert!(first.open(&file));
    first.execute(edit_other());
    first.write_recovery_now().unwrap_or_else(|e| panic!("{e}"));
    let mut second = default_app();
    second.set_recovery_file(Some(copy.clone()));
    second.offer_recovery();
    let mut h = harness(second);
    h.get_by_label("Restore").click();
    h.run();
    let canonical = std::fs::canonicalize(&file).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(h.state().path.as_deref(), Some(canonical.as_path()));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn with_no_desktop_dialog_the_built_in_scenario_can_be_saved_and_exported() {
    let dir = temp_dir("in-window");
    let mut h = harness(default_app());
    h.state_mut().execute(Command::SaveAs);
    h.run();
    assert!(chooser_open(&h, "Save the scenario"));
    // A name without the extension gets it.
    type_file_name(
        &mut h,
        "File name:",
        &dir.join("saved").display().to_string(),
    );
    h.get_by_role_and_label(Role::Button, "Save").click();
    settle(&mut h);
    let saved = dir.join("saved.ron");
    assert_eq!(load_path(&saved).ok().as_ref(), Some(&h.state().scenario));
    assert_eq!(h.state().path.as_deref(), Some(saved.as_path()));

    // An export suggests a name and writes the briefing.
    h.state_mut().execute(Command::Export(Export::BriefingHtml));
    h.run();
    assert!(chooser_open(&h, "Export a briefing"));
    let field = h.get_by_role_and_label(Role::TextInput, "File name:");
    assert_eq!(field.value().as_deref(), Some("saved-briefing.html"));
    h.get_by_role_and_label(Role::Button, "Save").click();
    settle(&mut h);
    let html = std::fs::read_to_string(dir.join("saved-briefing.html"))
        .unwrap_or_else(|e| panic!("{e}: {}", h.state().status));
    assert!(html.contains(&h.state().scenario.options[0].name));

    // Saving over a file asks first; "Keep it" writes nothing.
    std::fs::write(dir.join("taken.ron"), "keep me").unwrap_or_else(|e| panic!("{e}"));
    h.state_mut().execute(Command::SaveAs);
    h.run();
    type_file_name(&mut h, "File name:", "taken.ron");
    h.get_by_role_and_label(Role::Button, "Save").click();
    h.run();
    assert!(h.query_by_label_contains("already exists").is_some());
    h.get_by_label("Keep it").click();
    h.run();
    assert_eq!(
        std::fs::read_to_string(dir.join("taken.ron"))
            .ok()
            .as_deref(),
        Some("keep me")
    );
    h.get_by_role_and_label(Role::Button, "Save").click();
    h.run();
    h.get_by_label("Replace").click();
    settle(&mut h);
    assert_eq!(
        load_path(&dir.join("taken.ron")).ok().as_ref(),
        Some(&h.state().scenario)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn quitting_waits_for_a_save_in_flight() {
    let dir = temp_dir("in-flight");
    let path = dir.join("s.ron");
    let mut h = harness(default_app());
    h.state_mut().path = Some(path.clone());
    h.state_mut().execute(edit());
    h.state_mut().execute(Command::Save);
    h.state_mut().execute(Command::Quit);
    assert!(h.state().writing());
    assert!(
        !h.state().close_allowed(),
        "not while the file is being written"
    );
    assert!(
        h.state().pending.is_none(),
        "and without asking: a save is on its way"
    );
    settle(&mut h);
    assert!(path.exists());
    assert!(!h.state().is_dirty());
    assert!(h.state().close_allowed(), "then it quits");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_background_recovery_writer_copies_new_work_and_removes_the_copy_when_clean() {
    let dir = temp_dir("writer");
    let copy = dir.join("recovery.ron");
    let mut app = default_app();
    app.set_recovery_file_every(Some(copy.clone()), Duration::ZERO);
    let mut h = harness(app);
    assert!(!copy.exists(), "nothing unsaved, no copy");
    h.state_mut().execute(edit());
    settle(&mut h);
    assert_eq!(recovery_copy(&copy).as_ref(), Some(&h.state().scenario));
    let text = std::fs::read_to_string(&copy).unwrap_or_default();
    assert!(
        text.starts_with(&format!("// recovered from: {DEFAULT_SCENARIO_NAME}\n")),
        "{}",
        text.lines().next().unwrap_or("")
    );
    h.state_mut().execute(Command::Undo);
    settle(&mut h);
    assert!(
        !copy.exists(),
        "undone to the saved state: nothing to recover"
    );

    // With an interval, a second change within it waits for the next copy.
    let mut app = default_app();
    app.set_recovery_file_every(Some(copy.clone()), Duration::from_secs(3600));
    let mut h = harness(app);
    h.state_mut().execute(edit());
    settle(&mut h);
    let first = h.state().scenario.clone();
    assert_eq!(recovery_copy(&copy).as_ref(), Some(&first));
    h.state_mut().execute(edit_economic(0.2));
    settle(&mut h);
    assert_eq!(recovery_copy(&copy).as_ref(), Some(&first), "not yet");
    let _ = std::fs::remove_dir_all(&dir);
}

fn edit_economic(share: f64) -> Command {
    Command::Edit(Edit::SetFamilyShare {
        family: "economic".into(),
        share,
        locked: Vec::new(),
    })
}

/// The window's close button, as the window system reports it.
fn request_close(h: &mut Harness<'static, TidelineApp>) {
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    h.run();
}

#[test]
fn closing_the_window_goes_through_the_unsaved_changes_question() {
    let mut h = harness(default_app());
    request_close(&mut h);
    assert!(h.state().close_allowed(), "nothing unsaved: it closes");

    let mut h = harness(default_app());
    h.state_mut().execute(edit());
    request_close(&mut h);
    assert!(!h.state().close_allowed());
    h.get_by_label("Save changes?");
    h.get_by_label("Cancel").click();
    h.run();
    assert!(!h.state().close_allowed(), "cancel keeps the window");
    request_close(&mut h);
    h.get_by_label("Don't save").click();
    h.run();
    assert!(h.state().close_allowed(), "don't save closes");
}

#[test]
fn a_file_problem_and_the_restore_question_come_one_after_the_other() {
    let dir = temp_dir("one-at-a-time");
    let copy = dir.join("recovery.ron");
    let mut first = default_app();
    first.set_recovery_file(Some(copy.clone()));
    first.execute(edit());
    first.write_recovery_now().unwrap_or_else(|e| panic!("{e}"));

    let mut app = default_app();
    let launch = Launch {
        file: Some(broken_file(&dir)),
        ..Launch::default()
    };
    app.start(&launch, Some(Prefs::default()), Some(copy.clone()));
    assert!(app.load_errors.is_some() && app.recovery_offer.is_some());
    let mut h = harness(app);
    assert!(h.query_by_label("Restore unsaved work?").is_some());
    assert!(
        h.query_by_label("The file could not be opened").is_none(),
        "not both at once"
    );
    h.get_by_label("Restore").click();
    h.run();
    assert!(h.query_by_label("Restore unsaved work?").is_none());
    assert!(
        h.query_by_label("The file could not be opened").is_some(),
        "then the problem"
    );
    assert!(copy.exists(), "the restored work's copy is kept");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_file_named_on_the_command_line_joins_open_recent() {
    let dir = temp_dir("recent");
    let file = dir.join("from-cli.ron");
    std::fs::copy(other_scenario(), &file).unwrap_or_else(|e| panic!("{e}"));
    let mut app = default_app();
    let launch = Launch {
        file: Some(file.clone()),
        ..Launch::default()
    };
    let earlier = Prefs {
        recent: vec![PathBuf::from("/somewhere/earlier.ron")],
        ..Prefs::default()
    };
    app.start(&launch, Some(earlier), None);
    let canonical = std::fs::canonicalize(&file).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        app.prefs.recent,
        [canonical, PathBuf::from("/somewhere/earlier.ron")],
        "first, before the saved list"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// The recovery copy is read with the same size limit as scenario files: a copy grown past it
/// (padded with a comment) is not offered.
#[test]
fn a_recovery_copy_over_the_size_limit_is_not_offered() {
    use tideline::files::scenario_file::MAX_FILE_BYTES;
    let dir = temp_dir("recovery-too-big");
    let copy = dir.join("recovery.ron");
    let mut first = default_app();
    first.set_recovery_file(Some(copy.clone()));
    first.execute(edit());
    first.write_recovery_now().unwrap_or_else(|e| panic!("{e}"));
    let mut second = default_app();
    second.set_recovery_file(Some(copy.clone()));
    second.offer_recovery();
    assert!(
        second.recovery_offer.is_some(),
        "a copy of normal size is offered"
    );

    let mut text = std::fs::read_to_string(&copy).unwrap_or_else(|e| panic!("{e}"));
    text.push_str("\n// ");
    text.push_str(&"x".repeat(MAX_FILE_BYTES as usize));
    text.push('\n');
    std::fs::write(&copy, text).unwrap_or_else(|e| panic!("{e}"));
    let mut third = default_app();
    third.set_recovery_file(Some(copy.clone()));
    third.offer_recovery();
    assert!(third.recovery_offer.is_none());
    let _ = std::fs::remove_dir_all(&dir);
}
