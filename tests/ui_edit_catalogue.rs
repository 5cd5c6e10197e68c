//! File › New scenario and the catalogue editor (Edit › Families, clusters and principles…)
//! driven through egui_kittest: a new scenario from the starter, a family, a cluster and a
//! principle added and one renamed in one Apply, one undo step, a used family that cannot be
//! removed, and save → load keeping it all.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use tideline::app::{Command, TidelineApp, View};
use tideline::files::scenario_file::{load_path, save, starter_scenario};

fn harness() -> Harness<'static, TidelineApp> {
    let mut app = TidelineApp::with_default_scenario().expect("the built-in scenario loads");
    app.execute(Command::ShowView(View::Ranking));
    let mut h = Harness::builder()
        .with_max_steps(12)
        .with_size(egui::vec2(1400.0, 900.0))
        .with_step_dt(0.05)
        .build_ui_state(|ui, app: &mut TidelineApp| app.show(ui), app);
    h.run();
    h
}

fn menu(h: &mut Harness<'static, TidelineApp>, menu: &str, item: &str) {
    h.get_by_label(menu).click();
    h.run();
    h.get_by_label(item).click();
    h.run();
}

fn editor_open(h: &Harness<'_, TidelineApp>) -> bool {
    h.query_by_label("Families of criteria").is_some()
}

/// Replaces the text of the `n`th field named `label` (in window order) with `text`.
fn set_text(h: &mut Harness<'static, TidelineApp>, label: &str, n: usize, text: &str) {
    let nth = |h: &Harness<'static, TidelineApp>| {
        h.get_all_by_role_and_label(Role::TextInput, label)
            .nth(n)
            .unwrap_or_else(|| panic!("no field {label} #{n}"))
            .accesskit_node()
            .id()
    };
    let id = nth(h);
    h.get_by(|node| node.id() == id).scroll_to_me();
    h.run();
    h.get_by(|node| node.id() == id).focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by(|node| node.id() == id).type_text(text);
    h.run();
}

fn press(h: &mut Harness<'static, TidelineApp>, button: &str) {
    h.get_by_role_and_label(Role::Button, button).click();
    h.run();
}

#[test]
fn a_new_scenario_gets_families_clusters_and_principles_in_one_undoable_step() {
    let mut h = harness();
    menu(&mut h, "File", "New scenario");
    let starter = starter_scenario().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(h.state().scenario, starter);
    assert!(!h.state().is_dirty());
    let revision = h.state().revision();

    menu(&mut h, "Edit", "Families, clusters and principles…");
    assert!(editor_open(&h), "the catalogue editor did not open");
    // Nothing to remove in the starter but its family, which its criterion uses.
    let remove = h.get_by_role_and_label(Role::Button, "Remove");
    assert!(
        remove.accesskit_node().is_disabled(),
        "a used family can be removed"
    );

    set_text(&mut h, "New family id", 0, "social");
    press(&mut h, "Add family");
    set_text(&mut h, "New cluster id", 0, "governance");
    press(&mut h, "Add cluster");
    set_text(&mut h, "New principle id", 0, "prevention");
    press(&mut h, "Add principle");
    // Names in window order: family-1, social, governance, prevention.
    set_text(&mut h, "Name", 0, "Environment");
    set_text(&mut h, "Name", 1, "Social");
    set_text(&mut h, "Name (简体中文)", 1, "社会");
    set_text(&mut h, "Name", 2, "Governance");
    set_text(&mut h, "Name", 3, "Prevention first");
    set_text(&mut h, "Document", 3, "UNEP/EA.4/1/Rev.1");
    set_text(&mut h, "Paragraph", 3, "Annex ¶7");
    press(&mut h, "Apply");
    assert!(editor_open(&h), "Apply closes the editor");

    let s = h.state().scenario.clone();
    let ids = |v: Vec<&str>| v.into_iter().map(str::to_string).collect::<Vec<_>>();
    let family_ids: Vec<String> = s.families.iter().map(|f| f.id.clone()).collect();
    assert_eq!(family_ids, ids(vec!["family-1", "social"]));
    assert_eq!(s.families[0].name, "Environment");
    assert_eq!(s.families[1].name, "Social");
    assert_eq!(s.families[1].i18n["zh-CN"].name, "社会");
    assert_eq!(s.clusters.len(), 1);
    assert_eq!(
        (s.clusters[0].id.as_str(), s.clusters[0].name.as_str()),
        ("governance", "Governance")
    );
    assert_eq!(s.principles.len(), 1);
    let p = &s.principles[0];
    assert_eq!(
        (p.id.as_str(), p.name.as_str()),
        ("prevention", "Prevention first")
    );
    let provenance = p
        .provenance
        .as_ref()
        .expect("the principle cites its document");
    assert_eq!(
        (provenance.document.as_str(), provenance.paragraph.as_str()),
        ("UNEP/EA.4/1/Rev.1", "Annex ¶7")
    );
    // Nothing else changed.
    let mut rest = s.clone();
    rest.families = starter.families.clone();
    rest.clusters.clear();
    rest.principles.clear();
    assert_eq!(rest, starter);
    assert_eq!(h.state().revision(), revision + 1, "one Apply, one edit");
    assert!(h.state().is_dirty());

    // The used family's Remove stays off; the new, unused one can go.
    let removes: Vec<bool> = h
        .get_all_by_role_and_label(Role::Button, "Remove")
        .map(|b| b.accesskit_node().is_disabled())
        .collect();
    assert_eq!(removes, vec![true, false, false, false]);
    press(&mut h, "OK");
    assert!(!editor_open(&h), "OK leaves the editor open");

    // One undo takes the whole Apply back, redo puts it again.
    h.state_mut().execute(Command::Undo);
    h.run();
    assert_eq!(h.state().scenario, starter);
    h.state_mut().execute(Command::Redo);
    h.run();
    assert_eq!(h.state().scenario, s);

    let dir = std::env::temp_dir().join(format!("tideline-edit-catalogue-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("new.ron");
    save(&path, &s).unwrap();
    let back = load_path(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back, s);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn an_unused_item_is_removed_and_a_bad_id_or_empty_name_is_refused() {
    let mut h = harness();
    menu(&mut h, "File", "New scenario");
    let starter = h.state().scenario.clone();
    menu(&mut h, "Edit", "Families, clusters and principles…");
    // An id with a space is not added.
    set_text(&mut h, "New cluster id", 0, "two words");
    press(&mut h, "Add cluster");
    assert!(h.query_by_label_contains("is not an id").is_some());
    assert_eq!(
        h.get_all_by_role_and_label(Role::Button, "Remove").count(),
        1
    );
    // A new item left without a name is refused, the document unchanged, the typing kept.
    set_text(&mut h, "New cluster id", 0, "science");
    press(&mut h, "Add cluster");
    press(&mut h, "Apply");
    assert!(h.query_by_label_contains("science: give a name").is_some());
    assert_eq!(h.state().scenario, starter);
    set_text(&mut h, "Name", 1, "Science-policy interface");
    press(&mut h, "Apply");
    assert_eq!(h.state().scenario.clusters.len(), 1);
    // Removed again: the cluster goes, nothing else changes.
    let removes = h.get_all_by_role_and_label(Role::Button, "Remove");
    let id = removes.last().unwrap().accesskit_node().id();
    h.get_by(|node| node.id() == id).click();
    h.run();
    press(&mut h, "OK");
    assert_eq!(h.state().scenario, starter);
}

#[test]
fn a_new_scenario_asks_first_when_the_open_one_has_unsaved_work() {
    let mut h = harness();
    let before = h.state().scenario.clone();
    h.state_mut()
        .execute(Command::Edit(tideline::scenario::edit::Edit::SetVikorV(
            0.25,
        )));
    h.run();
    let edited = h.state().scenario.clone();
    assert_ne!(edited, before);
    menu(&mut h, "File", "New scenario");
    h.get_by_label("Save changes?");
    assert_eq!(h.state().scenario, edited, "replaced before the answer");
    h.get_by_label("Don't save").click();
    h.run();
    let starter = starter_scenario().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(h.state().scenario, starter);
    assert!(!h.state().is_dirty());
    assert!(
        !h.state().title().starts_with("* "),
        "{}",
        h.state().title()
    );
}
