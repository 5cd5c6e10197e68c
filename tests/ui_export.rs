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

/// Exports and pictures never write over the open scenario's file, nor over the CSV matrix
/// it was imported from, by any name: the status line says why and the file is unchanged (the
/// command line already refused this; the window wrote over it).
#[test]
fn no_export_writes_over_the_open_file() {
    let dir = std::env::temp_dir().join(format!("tideline-export-over-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let ron = dir.join("s.ron");
    std::fs::write(&ron, tideline::files::scenario_file::DEFAULT_SCENARIO)
        .unwrap_or_else(|e| panic!("{e}"));
    let csv = dir.join("m.csv");
    std::fs::write(
        &csv,
        "option,cost,effect\ndirection,min,max\nA,1,2\nB,2,1\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let refused = |path: &std::path::Path| {
        format!(
            "Not written: {} is the open scenario's own file; choose another name",
            path.display()
        )
    };
    let mut h = harness();
    h.state_mut().use_in_window_file_dialog();
    for open in [&ron, &csv] {
        assert!(h.state_mut().open(open), "{}", h.state().status);
        h.run();
        let before = std::fs::read(open).unwrap_or_default();
        let other_name = dir.join(".").join(open.file_name().unwrap_or_default());
        for what in [
            Export::BriefingHtml,
            Export::BriefingMarkdown,
            Export::MatrixCsv,
            Export::ResultsCsv,
        ] {
            for target in [open, &other_name] {
                h.state_mut().export_to(what, target);
                h.state_mut().finish_file_jobs();
                h.run();
                assert_eq!(h.state().status, refused(target), "{what:?}");
                assert_eq!(std::fs::read(open).unwrap_or_default(), before, "{what:?}");
            }
        }
    }
    // Through the menu and the chooser, as someone would: the matrix over the imported CSV,
    // confirmed at "already exists", is refused; another name is written.
    let before = std::fs::read(&csv).unwrap_or_default();
    for (name, written) in [("m.csv", false), ("m2.csv", true)] {
        h.get_by_label("File").click();
        h.run();
        h.get_by_label("Export the matrix as CSV…").click();
        h.run();
        h.get_by_role_and_label(Role::TextInput, "File name:")
            .focus();
        h.run();
        h.key_press_modifiers(Modifiers::COMMAND, Key::A);
        let target = dir.join(name);
        h.get_by_role_and_label(Role::TextInput, "File name:")
            .type_text(&target.display().to_string());
        h.run();
        h.get_by_role_and_label(Role::Button, "Save").click();
        h.run();
        if !written {
            h.get_by_label("Replace").click();
            h.run();
        }
        h.state_mut().finish_file_jobs();
        h.run();
        if written {
            assert_eq!(h.state().status, format!("Exported {}", target.display()));
        } else {
            assert_eq!(h.state().status, refused(&target));
        }
    }
    assert_eq!(std::fs::read(&csv).unwrap_or_default(), before);
    // A picture of the view over the scenario file is refused the same way.
    assert!(h.state_mut().open(&ron));
    h.run();
    let before = std::fs::read(&ron).unwrap_or_default();
    h.state_mut().execute(tideline::app::Command::SavePicture);
    h.run();
    h.get_by_role_and_label(Role::TextInput, "File name:")
        .focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    // A link to the scenario file, named as a picture.
    let link = dir.join("view.png");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&ron, &link).unwrap_or_else(|e| panic!("{e}"));
    h.get_by_role_and_label(Role::TextInput, "File name:")
        .type_text(&link.display().to_string());
    h.run();
    h.get_by_role_and_label(Role::Button, "Save").click();
    h.run();
    if h.query_by_label("Replace").is_some() {
        h.get_by_label("Replace").click();
    }
    for _ in 0..4 {
        h.run();
    }
    #[cfg(unix)]
    assert_eq!(h.state().status, refused(&link));
    assert_eq!(std::fs::read(&ron).unwrap_or_default(), before);
    let _ = std::fs::remove_dir_all(&dir);
}
