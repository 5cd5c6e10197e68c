//! Participants' weights in the window: File › Import weights… (several files through the
//! in-window chooser, one bad), the summary, one Undo for the whole import; the quick-entry
//! table; a weights form exported from the File menu; a form dropped on the window.

use std::path::{Path, PathBuf};

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use tideline::app::{Command, TidelineApp};
use tideline::files::weights_form::import::import_bytes;
use tideline::files::weights_form::write_form;
use tideline::scenario::weights::effective_weights;

fn harness() -> Harness<'static, TidelineApp> {
    let mut app = TidelineApp::with_default_scenario().unwrap_or_else(|e| panic!("{e}"));
    app.use_in_window_file_dialog();
    let mut harness = Harness::builder()
        .with_max_steps(12)
        .with_size(egui::vec2(1400.0, 900.0))
        .build_ui_state(|ui, app: &mut TidelineApp| app.show(ui), app);
    harness.run();
    harness
}

fn temp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("tideline-ui-weights-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap_or_else(|e| panic!("{e}"));
    d
}

/// Replaces the text of the input labelled `label` with `text`.
fn type_into(h: &mut Harness<'static, TidelineApp>, label: &str, text: &str) {
    h.get_by_role_and_label(Role::TextInput, label).focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    h.run();
}

/// Writes three forms into `dir`: a new participant, a revision of "prevention-first", and
/// one naming a criterion the scenario lacks. Returns the bad one's text.
fn three_forms(dir: &Path, s: &tideline::scenario::model::Scenario) -> String {
    let k = s.profile_index("prevention-first").unwrap_or(0);
    let mut newcomer = s.profiles[k].clone();
    newcomer.id = "delegation-b".into();
    newcomer.name = "Delegation B".into();
    let write = |name: &str, text: &str| {
        std::fs::write(dir.join(name), text).unwrap_or_else(|e| panic!("{e}"));
    };
    write("a-new.ron", &write_form(s, Some(&newcomer)));
    write(
        "b-revised.ron",
        &write_form(s, Some(&s.profiles[k])).replace("points: 40.0", "points: 80.0"),
    );
    let bad = write_form(s, Some(&newcomer)).replace("id: \"speed\"", "id: \"sped\"");
    write("c-bad.ron", &bad);
    bad
}

#[test]
fn several_forms_picked_in_the_chooser_import_as_one_undo_step() {
    let dir = temp("import");
    let mut h = harness();
    let before = h.state().scenario.clone();
    let bad = three_forms(&dir, &before);
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Import weights…").click();
    h.run();
    assert!(
        h.query_by_label("Import weights").is_some(),
        "the chooser asks"
    );
    type_into(&mut h, "Folder:", &dir.display().to_string());
    h.key_press(Key::Enter);
    for _ in 0..50 {
        h.run();
        if h.query_by_label("c-bad.ron").is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    // A click adds each file to those picked.
    for name in ["a-new.ron", "b-revised.ron", "c-bad.ron"] {
        h.get_by_label(name).click();
        h.run();
    }
    let field = h.get_by_role_and_label(Role::TextInput, "File:");
    assert_eq!(
        field.value().as_deref(),
        Some("\"a-new.ron\" \"b-revised.ron\" \"c-bad.ron\"")
    );
    h.get_by_label("Open").click();
    h.run();

    // The good two are in, the bad one is refused at its line, all shown in the summary.
    let s = h.state().scenario.clone();
    assert_eq!(s.profiles.len(), before.profiles.len() + 1);
    assert!(s.profile_index("delegation-b").is_some());
    let k = s.profile_index("prevention-first").unwrap_or(0);
    assert_eq!(
        s.profiles[k].family_weights.get("environmental"),
        Some(80.0)
    );
    assert!(h.query_by_label("Weights imported").is_some());
    let line = bad
        .lines()
        .position(|l| l.contains("\"sped\""))
        .unwrap_or(0)
        + 1;
    let refusal = format!("{}:{line}:", dir.join("c-bad.ron").display());
    assert!(
        h.query_by_label_contains(&refusal).is_some(),
        "the summary names {refusal}"
    );
    assert!(
        h.query_by_label_contains("Participants added: 1, replaced: 1")
            .is_some()
    );
    h.get_by_label("Close").click();
    h.run();
    assert!(h.query_by_label("Weights imported").is_none());

    // One Undo takes the whole import back; Redo puts it all in again.
    h.get_by_label("Edit").click();
    h.run();
    h.get_by_label("Undo weights of 2 participants Ctrl+Z")
        .click();
    h.run();
    assert_eq!(h.state().scenario, before);
    assert!(!h.state().can_undo());
    h.state_mut().execute(Command::Redo);
    h.run();
    assert_eq!(h.state().scenario, s);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Typed family points for "Prevention first", whose criteria weigh 3:1 (environmental) and
/// 1:2:1.5:1 (effectiveness): 50, 0, 0, 0, 50 gives by hand leakage 0.5 × 3/4 = 0.375 and
/// scope 0.5 × 2/5.5. A bad cell is refused, keeps its text and changes nothing.
#[test]
fn the_quick_entry_table_applies_typed_points_and_refuses_bad_cells() {
    let mut h = harness();
    let before = h.state().scenario.clone();
    h.get_by_label("Edit").click();
    h.run();
    h.get_by_label("Quick entry of weights…").click();
    h.run();
    assert!(h.query_by_label("Quick entry of weights").is_some());
    // A bad cell first: nothing applied, the table stays with the text and says why.
    type_into(
        &mut h,
        "Prevention first: Social costs and benefits",
        "lots",
    );
    h.get_by_label("Apply").click();
    h.run();
    assert_eq!(h.state().scenario, before);
    assert!(
        h.query_by_label_contains("1 cells cannot be read")
            .is_some()
    );
    let cell = h.get_by_role_and_label(
        Role::TextInput,
        "Prevention first: Social costs and benefits",
    );
    assert_eq!(cell.value().as_deref(), Some("lots"));
    for (family, points) in [
        ("Environmental costs and benefits", "50"),
        ("Social costs and benefits", "0"),
        ("Economic costs and benefits", "0"),
        ("Feasibility", "0"),
        ("Effectiveness", "50"),
    ] {
        type_into(&mut h, &format!("Prevention first: {family}"), points);
    }
    type_into(&mut h, "Prevention first: Vote weight", "2");
    h.get_by_label("Apply").click();
    h.run();
    assert!(
        h.query_by_label("Quick entry of weights").is_none(),
        "closed once applied"
    );
    let s = &h.state().scenario;
    let p = &s.profiles[s.profile_index("prevention-first").unwrap_or(0)];
    assert_eq!(p.vote_weight, 2.0);
    let w = effective_weights(s, p);
    let at = |id: &str| w[s.criterion_index(id).unwrap_or(0)];
    assert!((at("leakage-reduction") - 0.375).abs() < 1e-12);
    assert!((at("scope") - 0.5 * 2.0 / 5.5).abs() < 1e-12);
    assert!(at("health-community").abs() < 1e-15);
    // The other profiles are untouched.
    for q in &before.profiles {
        if q.id != "prevention-first" {
            assert_eq!(s.profiles[s.profile_index(&q.id).unwrap_or(0)], *q);
        }
    }
    h.state_mut().execute(Command::Undo);
    h.run();
    assert_eq!(h.state().scenario, before);
}

#[test]
fn a_new_participant_typed_in_the_table_is_added() {
    let mut h = harness();
    let before = h.state().scenario.clone();
    h.state_mut().execute(Command::QuickEntry);
    h.run();
    h.get_by_label("Add a participant").click();
    h.run();
    type_into(&mut h, "Name", "Delegation Z");
    for (family, points) in [
        ("Environmental costs and benefits", "1"),
        ("Social costs and benefits", "1"),
        ("Economic costs and benefits", "2"),
        ("Feasibility", "0"),
        ("Effectiveness", "0"),
    ] {
        type_into(&mut h, &format!("Delegation Z: {family}"), points);
    }
    h.get_by_label("Apply").click();
    h.run();
    let s = &h.state().scenario;
    assert_eq!(s.profiles.len(), before.profiles.len() + 1);
    let p = &s.profiles[s.profile_index("delegation-z").unwrap_or(0)];
    // Families 1:1:2, criteria alike within each: economic 50 % over two criteria.
    let w = effective_weights(s, p);
    assert!((w[s.criterion_index("damage-avoided").unwrap_or(0)] - 0.25).abs() < 1e-12);
    assert!((w[s.criterion_index("leakage-reduction").unwrap_or(0)] - 0.125).abs() < 1e-12);
}

#[test]
fn a_form_exported_from_the_file_menu_imports_back() {
    let dir = temp("export");
    let mut h = harness();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Export a weights form").click();
    h.run();
    h.get_by_label("With the weights of “Equal weights”…")
        .click();
    h.run();
    let name = h.get_by_role_and_label(Role::TextInput, "File name:");
    assert_eq!(name.value().as_deref(), Some("tideline-weights-form.ron"));
    let path = dir.join("form.ron");
    type_into(&mut h, "File name:", &path.display().to_string());
    h.get_by_role_and_label(Role::Button, "Save").click();
    h.run();
    h.state_mut().finish_file_jobs();
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
    let mut s = h.state().scenario.clone();
    let p = s.profiles.remove(0);
    s.settings.active_profile.clear();
    let got = import_bytes(&s, [("form.ron".to_string(), text.as_bytes())]);
    assert_eq!(got.summary.added.len(), 1, "{:?}", got.summary.refused);
    assert_eq!(
        effective_weights(&s, &got.profiles[0]),
        effective_weights(&s, &p)
    );
    let _ = std::fs::remove_dir_all(&dir);
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

#[test]
fn a_dropped_weights_form_is_imported_not_opened() {
    let dir = temp("drop");
    let mut h = harness();
    let before = h.state().scenario.clone();
    three_forms(&dir, &before);
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(dir.join("a-new.ron"))));
    h.run();
    assert!(h.state().load_errors.is_none());
    assert!(h.state().scenario.profile_index("delegation-b").is_some());
    assert_eq!(h.state().import_summary().map(|s| s.added.len()), Some(1));
    h.get_by_label("Close").click();
    h.run();
    // A bad form dropped alone changes nothing, is no undo step, and says why.
    let after = h.state().scenario.clone();
    let steps = h.state().can_undo();
    h.state_mut().execute(Command::Undo);
    h.run();
    assert!(steps && !h.state().can_undo());
    let before_bad = h.state().scenario.clone();
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(dir.join("c-bad.ron"))));
    h.run();
    assert_eq!(h.state().scenario, before_bad);
    assert_ne!(h.state().scenario, after);
    assert!(!h.state().can_undo(), "a refused import is no undo step");
    assert!(h.query_by_label_contains("no criterion `sped`").is_some());
    let _ = std::fs::remove_dir_all(&dir);
}
