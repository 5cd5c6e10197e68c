//! Exports from the window: the File › Export menu lists them, and each writes a file that
//! holds what the scenario holds (the formats themselves are tested in tests/report.rs).

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use tideline::app::{Export, TidelineApp};
use tideline::files::csv_import::parse_csv;

fn harness() -> Harness<'static, TidelineApp> {
    let app = TidelineApp::with_default_scenario().unwrap_or_else(|e| panic!("{e}"));
    let mut harness = Harness::builder()
        // Background results (the ranking's badges) may settle a few frames later.
        .with_max_steps(12)
        .with_size(egui::vec2(1400.0, 900.0))
        .build_ui_state(|ui, app: &mut TidelineApp| app.show(ui), app);
    harness.run();
    harness
}

#[test]
fn each_file_menu_export_asks_where_and_writes_there() {
    let dir = std::env::temp_dir().join(format!("tideline-export-menu-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let mut h = harness();
    // The in-window chooser, as on a desktop without a file dialog: it can be answered here.
    h.state_mut().use_in_window_file_dialog();
    // Two clicks to a briefing: File, then the item; then where to write it.
    let first = h.state().scenario.options[0].clone();
    for (item, suggested, holds) in [
        (
            "Export a briefing (HTML)…",
            "tideline-briefing.html",
            &first.name,
        ),
        (
            "Export a briefing (Markdown)…",
            "tideline-briefing.md",
            &first.name,
        ),
        (
            "Export the matrix as CSV…",
            "tideline-matrix.csv",
            &first.id,
        ),
        (
            "Export the results as CSV…",
            "tideline-results.csv",
            &first.id,
        ),
    ] {
        h.get_by_label("File").click();
        h.run();
        h.get_by_label(item).click();
        h.run();
        let name = h.get_by_role_and_label(Role::TextInput, "File name:");
        assert_eq!(name.value().as_deref(), Some(suggested), "{item}");
        name.focus();
        h.run();
        h.key_press_modifiers(Modifiers::COMMAND, Key::A);
        let path = dir.join(suggested);
        h.get_by_role_and_label(Role::TextInput, "File name:")
            .type_text(&path.display().to_string());
        h.run();
        h.get_by_role_and_label(Role::Button, "Save").click();
        h.run();
        h.state_mut().finish_file_jobs();
        h.run();
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{item}: {e}; {}", h.state().status));
        assert!(text.contains(holds.as_str()), "{item} lacks {holds}");
        assert_eq!(
            h.state().status,
            format!("Exported {}", path.display()),
            "{item}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn each_export_writes_a_file_with_the_scenario_in_it() {
    let mut h = harness();
    let s = h.state().scenario.clone();
    let dir = std::env::temp_dir().join(format!("tideline-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    for (what, name) in [
        (Export::BriefingHtml, "b.html"),
        (Export::BriefingMarkdown, "b.md"),
        (Export::MatrixCsv, "m.csv"),
        (Export::ResultsCsv, "r.csv"),
    ] {
        let path = dir.join(name);
        h.state_mut().export_to(what, &path);
        h.state_mut().finish_file_jobs();
        h.run();
        assert!(
            h.state().status.starts_with("Exported"),
            "{what:?}: {}",
            h.state().status
        );
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
        for o in &s.options {
            let shown = if name.ends_with(".csv") {
                &o.id
            } else {
                &o.name
            };
            assert!(text.contains(shown.as_str()), "{name} lacks {shown}");
        }
    }
    // The matrix goes back in through the CSV importer unchanged.
    let text = std::fs::read_to_string(dir.join("m.csv")).unwrap_or_else(|e| panic!("{e}"));
    let back = parse_csv(text.as_bytes(), "m.csv").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back.matrix(), s.matrix());
    let _ = std::fs::remove_dir_all(&dir);
}
