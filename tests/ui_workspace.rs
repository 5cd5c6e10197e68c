//! The workspace as a whole, driven through the real window: undo and redo from the keyboard,
//! one drag as one step, the unsaved-changes prompt, saving, and view switching.

use std::path::{Path, PathBuf};

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use tideline::app::{Command, TidelineApp, View};
use tideline::files::scenario_file::load_path;
use tideline::scenario::edit::Edit;

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
    TidelineApp::with_default_scenario().unwrap_or_else(|e| panic!("{e}"))
}

fn family_share(family: &str, share: f64) -> Command {
    Command::Edit(Edit::SetFamilyShare {
        family: family.into(),
        share,
        locked: Vec::new(),
    })
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tideline-ui-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir
}

#[test]
fn ctrl_z_undoes_and_ctrl_shift_z_redoes() {
    let mut h = harness(default_app());
    let original = h.state().scenario.clone();
    let scores0 = h
        .state()
        .ranking()
        .map(|r| r.scores.clone())
        .unwrap_or_default();
    h.state_mut().execute(family_share("feasibility", 0.6));
    h.run();
    let edited = h.state().scenario.clone();
    assert_ne!(edited, original);
    assert!(h.state().is_dirty());
    assert!(h.state().title().starts_with("* "), "{}", h.state().title());

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().scenario, original);
    let scores = h
        .state()
        .ranking()
        .map(|r| r.scores.clone())
        .unwrap_or_default();
    assert_eq!(scores, scores0, "undo restores the ranking too");

    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(h.state().scenario, edited);
}

/// The active profile's share of the effectiveness family.
fn effectiveness_share(s: &tideline::scenario::model::Scenario) -> f64 {
    let p = &s.profiles[s.active_profile_index()];
    let f = s
        .families
        .iter()
        .position(|f| f.id == "effectiveness")
        .unwrap_or_else(|| panic!("no effectiveness family"));
    tideline::scenario::weights::family_shares(s, p)[f]
}

#[test]
fn a_whole_drag_is_one_undo_step() {
    let mut h = harness(default_app());
    let original = h.state().scenario.clone();
    for share in [0.25, 0.3, 0.35, 0.4] {
        h.state_mut().execute(family_share("effectiveness", share));
    }
    h.state_mut().execute(Command::EndGesture);
    let after_first = h.state().scenario.clone();
    assert!((effectiveness_share(&after_first) - 0.4).abs() < 1e-12);
    h.state_mut().execute(family_share("effectiveness", 0.5));
    h.run();
    // One undo takes back the second gesture, the next the whole first one.
    h.state_mut().execute(Command::Undo);
    assert_eq!(h.state().scenario, after_first);
    h.state_mut().execute(Command::Undo);
    assert_eq!(h.state().scenario, original);
    assert!(!h.state().can_undo());
}

#[test]
fn the_undo_button_is_disabled_until_there_is_something_to_undo() {
    let mut h = harness(default_app());
    assert!(!h.state().can_undo());
    h.get_by_label("Undo").click();
    h.run();
    assert_eq!(h.state().revision(), 0, "a disabled button does nothing");
    let original = h.state().scenario.clone();
    h.state_mut().execute(family_share("social", 0.5));
    h.run();
    let edited = h.state().scenario.clone();
    assert_ne!(edited, original);
    h.get_by_label("Undo").click();
    h.run();
    assert_eq!(h.state().scenario, original);
    assert!(!h.state().can_undo());
    h.get_by_label("Redo").click();
    h.run();
    assert_eq!(h.state().scenario, edited);
}

#[test]
fn opening_with_unsaved_changes_asks_first() {
    let other =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/unep-ea3-inf5-architectures.ron");
    let mut h = harness(default_app());
    h.state_mut().execute(family_share("economic", 0.5));
    h.run();
    let edited = h.state().scenario.clone();

    h.state_mut().execute(Command::OpenPath(other.clone()));
    h.run();
    assert!(h.state().pending.is_some());
    h.get_by_label("Save changes?");
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.state().pending.is_none());
    assert_eq!(h.state().scenario, edited, "cancel keeps the work");

    h.state_mut().execute(Command::OpenPath(other.clone()));
    h.run();
    h.get_by_label("Don't save").click();
    h.run();
    let expected = load_path(&other).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(h.state().scenario, expected);
    assert!(!h.state().is_dirty());
    assert!(!h.state().can_undo(), "a new document starts a new history");
}

#[test]
fn save_writes_the_file_and_clears_the_unsaved_mark() {
    let dir = temp_dir("save");
    let path = dir.join("mine.ron");
    let mut h = harness(default_app());
    h.state_mut().path = Some(path.clone());
    h.state_mut().execute(family_share("environmental", 0.7));
    h.run();
    assert!(h.state().is_dirty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    // Saves are written off the UI thread.
    h.state_mut().finish_file_jobs();
    h.run();
    assert!(!h.state().is_dirty(), "{}", h.state().status);
    let saved = load_path(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(saved, h.state().scenario);
    assert!(
        h.state()
            .prefs
            .recent
            .iter()
            .any(|p| p.ends_with("mine.ron"))
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A harness that draws the window as eframe does (`eframe::App::ui`), so that what the app asks
/// of the window itself, such as closing, shows in the frame's output.
fn window_harness(app: TidelineApp) -> Harness<'static, TidelineApp> {
    let mut frame = eframe::Frame::_new_kittest();
    let mut harness = Harness::builder()
        // Background results (the ranking's badges) may settle a few frames later.
        .with_max_steps(12)
        .with_size(egui::vec2(1400.0, 900.0))
        .build_ui_state(
            move |ui, app: &mut TidelineApp| eframe::App::ui(app, ui, &mut frame),
            app,
        );
    harness.run_steps(3);
    harness
}

/// Whether the last frame asked the window to close.
fn asks_to_close(h: &Harness<'_, TidelineApp>) -> bool {
    h.output()
        .viewport_output
        .values()
        .any(|v| v.commands.contains(&egui::ViewportCommand::Close))
}

#[test]
fn quitting_with_unsaved_changes_asks_and_save_then_proceeds() {
    let dir = temp_dir("quit");
    let path = dir.join("work.ron");
    let mut h = window_harness(default_app());
    h.state_mut().path = Some(path.clone());
    h.state_mut().execute(family_share("social", 0.1));
    let edited = h.state().scenario.clone();
    h.state_mut().execute(Command::Quit);
    h.run_steps(3);
    h.get_by_label("Save changes?");
    assert!(!asks_to_close(&h), "closing before the answer");
    h.get_by_label("Save").click();
    h.run_steps(3);
    // Saves are written off the UI thread.
    h.state_mut().finish_file_jobs();
    h.run_steps(2);
    assert!(!h.state().is_dirty());
    assert_eq!(load_path(&path).unwrap_or_else(|e| panic!("{e}")), edited);
    assert!(asks_to_close(&h), "saved, but the window stays open");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn quitting_cancelled_keeps_the_window_and_the_work() {
    let mut h = window_harness(default_app());
    h.state_mut().execute(family_share("social", 0.1));
    let edited = h.state().scenario.clone();
    h.state_mut().execute(Command::Quit);
    h.run_steps(3);
    h.get_by_label("Cancel").click();
    h.run_steps(3);
    assert!(!asks_to_close(&h));
    assert!(h.query_by_label("Save changes?").is_none());
    assert_eq!(h.state().scenario, edited);
    assert!(h.state().is_dirty());
    // Nothing unsaved: Quit closes at once.
    let mut h = window_harness(default_app());
    h.state_mut().execute(Command::Quit);
    h.run_steps(3);
    assert!(asks_to_close(&h));
}

#[test]
fn opening_with_unsaved_changes_and_save_saves_then_opens() {
    let dir = temp_dir("save-then-open");
    let path = dir.join("work.ron");
    let other =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/unep-ea3-inf5-architectures.ron");
    let mut h = harness(default_app());
    h.state_mut().path = Some(path.clone());
    h.state_mut().execute(family_share("economic", 0.5));
    let edited = h.state().scenario.clone();
    h.state_mut().execute(Command::OpenPath(other.clone()));
    h.run();
    h.get_by_label("Save changes?");
    h.get_by_label("Save").click();
    h.run();
    // Saves are written off the UI thread.
    h.state_mut().finish_file_jobs();
    h.run();
    // The work is in its file, and the other scenario is open in its place.
    assert_eq!(load_path(&path).unwrap_or_else(|e| panic!("{e}")), edited);
    let expected = load_path(&other).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(h.state().scenario, expected);
    assert_eq!(h.state().path.as_deref(), Some(other.as_path()));
    assert!(!h.state().is_dirty());
    let _ = std::fs::remove_dir_all(&dir);
}

/// The share a family slider shows, in percent.
fn slider_percent(h: &Harness<'_, TidelineApp>, name: &str) -> f64 {
    h.get_by_role_and_label(egui::accesskit::Role::Slider, name)
        .accesskit_node()
        .numeric_value()
        .unwrap_or_else(|| panic!("slider {name:?} has no value"))
}

/// Presses on a slider at `from` (a fraction of its width), drags through `to` in steps, one
/// frame each, and releases there.
fn drag_slider(h: &mut Harness<'_, TidelineApp>, name: &str, from: f32, to: &[f32]) {
    let rect = h
        .get_by_role_and_label(egui::accesskit::Role::Slider, name)
        .rect();
    let at = |t: f32| egui::pos2(rect.left() + t * rect.width(), rect.center().y);
    h.hover_at(at(from));
    h.run();
    h.drag_at(at(from));
    h.run();
    for &t in to {
        h.hover_at(at(t));
        h.run();
    }
    h.drop_at(at(to.last().copied().unwrap_or(from)));
    h.run();
}

#[test]
fn a_slider_dragged_with_the_pointer_is_undone_in_one_step() {
    let mut h = harness(default_app());
    let original = h.state().scenario.clone();
    let name = original
        .families
        .iter()
        .find(|f| f.id == "effectiveness")
        .map(|f| f.name.clone())
        .unwrap_or_else(|| panic!("no effectiveness family"));
    let start = slider_percent(&h, &name);
    let revision = h.state().revision();

    // One drag, pressed and moved to the right over several frames, then released.
    drag_slider(&mut h, &name, 0.3, &[0.4, 0.5, 0.6, 0.7]);
    let after_drag = h.state().scenario.clone();
    let moved = slider_percent(&h, &name);
    assert!(moved > start + 10.0, "{start} % → {moved} %");
    assert!(
        h.state().revision() >= revision + 3,
        "the drag should be several edits, made {}",
        h.state().revision() - revision
    );
    assert!((effectiveness_share(&after_drag) * 100.0 - moved).abs() < 1e-9);

    // A second drag after the release is a step of its own.
    drag_slider(&mut h, &name, 0.7, &[0.6, 0.5]);
    assert_ne!(h.state().scenario, after_drag);

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(
        h.state().scenario == after_drag,
        "one undo, the second drag"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(
        h.state().scenario == original,
        "one undo, the whole first drag"
    );
    assert!(!h.state().can_undo());
    assert!((slider_percent(&h, &name) - start).abs() < 1e-9);
}

#[test]
fn a_refused_edit_changes_nothing_and_says_why() {
    let mut h = harness(default_app());
    let original = h.state().scenario.clone();
    let mut cell = original.performance[0].clone();
    cell.value = Some(99.0);
    h.state_mut()
        .execute(Command::Edit(Edit::SetCell(Box::new(cell))));
    h.run();
    assert_eq!(h.state().scenario, original);
    assert!(!h.state().can_undo());
    assert!(
        h.state().status.starts_with("Not changed:"),
        "{}",
        h.state().status
    );
    assert!(h.query_by_label_contains("outside the scale").is_some());
}

#[test]
fn ctrl_number_keys_switch_views() {
    let mut h = harness(default_app());
    for (k, (key, view)) in [
        (Key::Num1, View::Options),
        (Key::Num2, View::Matrix),
        (Key::Num5, View::Tradeoff),
        (Key::Num3, View::Ranking),
    ]
    .into_iter()
    .enumerate()
    {
        h.key_press_modifiers(Modifiers::COMMAND, key);
        h.run();
        assert_eq!(h.state().view, view, "step {k}");
    }
}

#[test]
fn unsaved_work_is_offered_back_after_a_crash_and_restored_as_unsaved() {
    let dir = temp_dir("recovery");
    let copy = dir.join("recovery.ron");
    // Session one: an edit, copied to the recovery file, then the process "dies".
    let mut first = default_app();
    first.set_recovery_file(Some(copy.clone()));
    first.execute(family_share("social", 0.05));
    let edited = first.scenario.clone();
    first.write_recovery_now().unwrap_or_else(|e| panic!("{e}"));
    drop(first);

    // Session two starts on the default scenario and finds the copy.
    let mut second = default_app();
    second.set_recovery_file(Some(copy.clone()));
    second.offer_recovery();
    let original = second.scenario.clone();
    assert_ne!(original, edited);
    let mut h = harness(second);
    h.get_by_label("Restore unsaved work?");
    assert!(
        h.query_by_label_contains("closed with unsaved changes to unep-aheg-2018.ron")
            .is_some(),
        "the prompt names where the work came from"
    );
    h.get_by_label("Restore").click();
    h.run();
    assert_eq!(h.state().scenario, edited);
    assert!(h.state().is_dirty(), "restored work is unsaved until saved");
    assert!(h.query_by_label("Restore unsaved work?").is_none());

    // Saving it makes the copy unnecessary.
    let path = dir.join("kept.ron");
    h.state_mut().path = Some(path.clone());
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    // Saves are written off the UI thread.
    h.state_mut().finish_file_jobs();
    h.run();
    assert!(!h.state().is_dirty(), "{}", h.state().status);
    assert!(!copy.exists(), "the recovery copy is removed after a save");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn discarding_the_offer_deletes_the_copy_and_keeps_the_open_scenario() {
    let dir = temp_dir("recovery-discard");
    let copy = dir.join("recovery.ron");
    let mut first = default_app();
    first.set_recovery_file(Some(copy.clone()));
    first.execute(family_share("economic", 0.9));
    first.write_recovery_now().unwrap_or_else(|e| panic!("{e}"));

    let mut second = default_app();
    second.set_recovery_file(Some(copy.clone()));
    second.offer_recovery();
    let original = second.scenario.clone();
    let mut h = harness(second);
    h.get_by_label("Discard").click();
    h.run();
    assert_eq!(h.state().scenario, original);
    assert!(!h.state().is_dirty());
    assert!(!copy.exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_damaged_recovery_copy_is_not_offered() {
    let dir = temp_dir("recovery-damaged");
    let copy = dir.join("recovery.ron");
    let mut first = default_app();
    first.set_recovery_file(Some(copy.clone()));
    first.execute(family_share("economic", 0.9));
    first.write_recovery_now().unwrap_or_else(|e| panic!("{e}"));
    // A crash mid-write cannot leave this (the write is atomic), but a disk can.
    let text = std::fs::read_to_string(&copy).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&copy, &text[..text.len() / 2]).unwrap_or_else(|e| panic!("{e}"));
    let mut second = default_app();
    second.set_recovery_file(Some(copy));
    second.offer_recovery();
    assert!(second.recovery_offer.is_none());
    let _ = std::fs::remove_dir_all(&dir);
}
