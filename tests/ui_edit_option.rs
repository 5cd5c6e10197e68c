//! The option editor driven through the window with egui_kittest: opened from the matrix's
//! option rows and the Options view's cards, each change checked against the document, a
//! refused edit leaving it as it was, undo, and a save and load keeping every field.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use tideline::analysis::scoring::score;
use tideline::app::{Command, TidelineApp, View};
use tideline::files::scenario_file;
use tideline::i18n::Lang;
use tideline::scenario::model::{Interaction, Scenario, Translation};

fn harness(view: View) -> Harness<'static, TidelineApp> {
    let mut app = TidelineApp::with_default_scenario().expect("the built-in scenario loads");
    app.execute(Command::ShowView(view));
    let mut harness = Harness::builder()
        .with_max_steps(12)
        .with_size(egui::vec2(1400.0, 900.0))
        // Frames 50 ms apart, so two clicks make a double-click.
        .with_step_dt(0.05)
        .build_ui_state(|ui, app: &mut TidelineApp| app.show(ui), app);
    harness.run();
    harness
}

fn editor_is_open(h: &Harness<'_, TidelineApp>, s: &Scenario, i: usize) -> bool {
    h.query_by_label(&format!("Edit option: {}", s.options[i].name))
        .is_some()
}

/// Scrolls the node with `role` and `label` into view, then clicks it.
fn click(h: &mut Harness<'_, TidelineApp>, role: Role, label: &str) {
    h.get_by_role_and_label(role, label).scroll_to_me();
    h.run();
    h.get_by_role_and_label(role, label).click();
    h.run();
}

/// The role of the text field named `name`: one line or several.
fn text_role(h: &Harness<'_, TidelineApp>, name: &str) -> Role {
    if h.query_by_role_and_label(Role::TextInput, name).is_some() {
        Role::TextInput
    } else {
        Role::MultilineTextInput
    }
}

/// Replaces the text of the field named `name` with `text`.
fn set_text(h: &mut Harness<'_, TidelineApp>, name: &str, text: &str) {
    let role = text_role(h, name);
    h.get_by_role_and_label(role, name).scroll_to_me();
    h.run();
    h.get_by_role_and_label(role, name).focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    if text.is_empty() {
        h.key_press(Key::Backspace);
    } else {
        h.get_by_role_and_label(role, name).type_text(text);
    }
    h.run();
}

fn field_text(h: &Harness<'_, TidelineApp>, name: &str) -> String {
    h.get_by_role_and_label(text_role(h, name), name)
        .value()
        .unwrap_or_default()
}

fn apply(h: &mut Harness<'_, TidelineApp>) {
    h.get_by_role_and_label(Role::Button, "Apply").click();
    h.run();
}

/// Clicks the last node labelled `label` (in an open list, the list's entry).
fn pick(h: &mut Harness<'_, TidelineApp>, label: &str) {
    h.query_all_by_label(label)
        .last()
        .unwrap_or_else(|| panic!("no `{label}` to pick"))
        .click();
    h.run();
}

#[test]
fn the_editor_opens_from_the_matrix_and_a_cost_change_is_one_undoable_edit() {
    let mut h = harness(View::Matrix);
    let s0 = h.state().scenario.clone();
    let i = 2;
    let ranking = h.state().ranking().unwrap().clone();
    let revision = h.state().revision();

    // A double-click on the option's name opens its editor.
    let row = h.get_by_role_and_label(Role::RowHeader, s0.options[i].label());
    row.click();
    row.click();
    h.run();
    assert!(editor_is_open(&h, &s0, i), "double-click did not open it");
    assert_eq!(
        field_text(&h, "Cost"),
        s0.options[i].cost.map_or(String::new(), |c| c.to_string())
    );
    set_text(&mut h, "Cost", "7.5");
    apply(&mut h);

    assert!(!editor_is_open(&h, &s0, i), "Apply left the editor open");
    let app = h.state();
    let mut expected = s0.clone();
    expected.options[i].cost = Some(7.5);
    assert_eq!(app.scenario, expected, "only the cost changed");
    assert_eq!(app.revision(), revision + 1, "one edit, one revision");
    assert!(app.is_dirty(), "the document is marked unsaved");
    // Results are derived from the edited document (a cost does not move the scores).
    assert_eq!(app.ranking().unwrap(), &score(&expected).unwrap());
    assert_eq!(app.ranking().unwrap(), &ranking);

    h.state_mut().execute(Command::Undo);
    h.run();
    assert_eq!(h.state().scenario, s0, "undo restores the option");

    // The context menu opens it too; Cancel closes it with nothing changed.
    h.get_by_role_and_label(Role::RowHeader, s0.options[i].label())
        .click_secondary();
    h.run();
    h.get_by_role_and_label(Role::Button, "Edit option…")
        .click();
    h.run();
    assert!(editor_is_open(&h, &s0, i), "the menu did not open it");
    h.get_by_role_and_label(Role::Button, "Cancel").click();
    h.run();
    assert!(!editor_is_open(&h, &s0, i));
    assert_eq!(h.state().scenario, s0);
}

#[test]
fn a_negative_cost_is_refused_with_the_reason_and_the_typed_text_stays() {
    let mut h = harness(View::Options);
    let s0 = h.state().scenario.clone();
    let revision = h.state().revision();
    click(
        &mut h,
        Role::Button,
        &format!("Edit… {}", s0.options[0].name),
    );
    assert!(editor_is_open(&h, &s0, 0));
    set_text(&mut h, "Cost", "-2");
    set_text(&mut h, "Short label", "Kept");
    apply(&mut h);

    assert!(
        editor_is_open(&h, &s0, 0),
        "a refused edit closed the editor"
    );
    let reason = h.get_by_label_contains("Cost -2 is negative");
    assert!(
        reason
            .value()
            .unwrap_or_default()
            .starts_with("Not changed"),
        "{:?}",
        reason.value()
    );
    assert_eq!(h.state().scenario, s0, "the scenario is as it was");
    assert_eq!(h.state().revision(), revision);
    assert_eq!(field_text(&h, "Cost"), "-2", "the typed cost is kept");
    assert_eq!(
        field_text(&h, "Short label"),
        "Kept",
        "other fields are kept"
    );

    // Put right, the same editor applies everything typed.
    set_text(&mut h, "Cost", "");
    apply(&mut h);
    assert!(!editor_is_open(&h, &s0, 0));
    let o = &h.state().scenario.options[0];
    assert_eq!((o.cost, o.short.as_str()), (None, "Kept"));
}

#[test]
fn the_reason_is_given_in_the_interface_language() {
    let mut h = harness(View::Options);
    h.state_mut().execute(Command::SetLanguage(Lang::ZhCn));
    h.run();
    let s0 = h.state().scenario.clone();
    let name = s0.options[1].name_in(Lang::ZhCn).to_string();
    click(&mut h, Role::Button, &format!("编辑… {name}"));
    set_text(&mut h, "成本", "-1");
    h.get_by_role_and_label(Role::Button, "应用").click();
    h.run();
    h.get_by_label_contains("成本 -1 为负数");
    assert_eq!(h.state().scenario, s0);
}

#[test]
fn tags_principles_interactions_and_translations_are_edited_and_survive_save_and_load() {
    let mut h = harness(View::Options);
    let s0 = h.state().scenario.clone();
    let i = 3;
    let o0 = s0.options[i].clone();
    let principle = s0
        .principles
        .iter()
        .find(|p| !o0.principles.contains(&p.id))
        .expect("a principle the option does not serve yet")
        .clone();
    // Any other option not yet paired with it, and not the status quo (the portfolio's
    // baseline, which no interaction may involve).
    let partner = (0..s0.options.len())
        .find(|&j| {
            let other = &s0.options[j];
            j != i
                && other.id != s0.settings.portfolio.baseline
                && !o0.interactions.iter().any(|x| x.with == other.id)
                && !other.interactions.iter().any(|x| x.with == o0.id)
        })
        .expect("an option to pair with");

    click(&mut h, Role::Button, &format!("Edit… {}", o0.name));
    assert!(editor_is_open(&h, &s0, i));

    // Translations beside the English.
    set_text(&mut h, "Name (简体中文)", "新名称");
    set_text(&mut h, "Description (简体中文)", "新的说明");
    // A tag added, the first one taken off.
    set_text(&mut h, "New tag", "briefing-2026");
    click(&mut h, Role::Button, "Add tag");
    let removed = o0.tags.first().cloned();
    if let Some(tag) = &removed {
        click(&mut h, Role::Button, &format!("Remove tag {tag}"));
    }
    // A principle ticked.
    click(&mut h, Role::CheckBox, &principle.name);
    // A conflict with another option, with its note.
    click(&mut h, Role::Button, "Add interaction");
    let k = o0.interactions.len() + 1;
    click(&mut h, Role::ComboBox, &format!("Interaction {k}: with"));
    pick(&mut h, s0.options[partner].label());
    click(&mut h, Role::ComboBox, &format!("Interaction {k}: kind"));
    pick(&mut h, "Conflict");
    set_text(&mut h, &format!("Interaction {k}: effect"), "0.04");
    set_text(
        &mut h,
        &format!("Interaction {k}: note"),
        "both draw on the same fund",
    );
    apply(&mut h);
    assert!(!editor_is_open(&h, &s0, i), "the edit was refused");

    let mut expected = o0.clone();
    expected.i18n.insert(
        "zh-CN".into(),
        Translation {
            name: "新名称".into(),
            description: "新的说明".into(),
            ..o0.i18n.get("zh-CN").cloned().unwrap_or_default()
        },
    );
    expected.tags.retain(|t| Some(t) != removed.as_ref());
    expected.tags.push("briefing-2026".into());
    expected.principles.push(principle.id.clone());
    expected.interactions.push(Interaction {
        with: s0.options[partner].id.clone(),
        relation: Default::default(),
        effect: -0.04,
        note: "both draw on the same fund".into(),
    });
    let s1 = h.state().scenario.clone();
    assert_eq!(s1.options[i], expected);
    let mut whole = s0.clone();
    whole.options[i] = expected;
    assert_eq!(s1, whole, "nothing else changed");

    // Saved and read back, every edited field is there.
    let dir = std::env::temp_dir().join(format!("tideline-edit-option-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("edited.ron");
    scenario_file::save(&path, &s1).unwrap();
    let back = scenario_file::load_path(&path).unwrap();
    assert_eq!(back, s1);
    let _ = std::fs::remove_dir_all(&dir);

    h.state_mut().execute(Command::Undo);
    h.run();
    assert_eq!(h.state().scenario, s0, "one undo takes the whole edit back");
}
