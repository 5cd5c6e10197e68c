//! The scenario editor (Edit › Scenario details…) driven through egui_kittest: metadata,
//! translations and every analysis setting changed and checked against the document; refusals
//! that leave it as it was and say why; one Apply one undo step; save → load keeps it all.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use tideline::analysis::scoring::score;
use tideline::app::{Command, TidelineApp, View};
use tideline::files::scenario_file::{load_path, save};
use tideline::scenario::model::{Method, Normalization};

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

/// Opens the editor through the Edit menu.
fn open(h: &mut Harness<'static, TidelineApp>) {
    h.get_by_label("Edit").click();
    h.run();
    h.get_by_label("Scenario details…").click();
    h.run();
    assert!(editor_open(h), "the scenario editor did not open");
}

fn editor_open(h: &Harness<'_, TidelineApp>) -> bool {
    h.query_by_label("Analysis settings").is_some()
}

fn role_of(h: &Harness<'_, TidelineApp>, label: &str) -> Role {
    if h.query_by_role_and_label(Role::TextInput, label).is_some() {
        Role::TextInput
    } else {
        Role::MultilineTextInput
    }
}

/// Replaces the text of the field named `label` with `text`.
fn set_text(h: &mut Harness<'static, TidelineApp>, label: &str, text: &str) {
    let role = role_of(h, label);
    h.get_by_role_and_label(role, label).scroll_to_me();
    h.run();
    h.get_by_role_and_label(role, label).focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(role, label).type_text(text);
    h.run();
}

fn field(h: &Harness<'_, TidelineApp>, label: &str) -> String {
    h.get_by_role_and_label(role_of(h, label), label)
        .value()
        .unwrap_or_default()
}

fn press(h: &mut Harness<'static, TidelineApp>, button: &str) {
    h.get_by_role_and_label(Role::Button, button).click();
    h.run();
}

fn choose(h: &mut Harness<'static, TidelineApp>, combo: &str, item: &str) {
    h.get_by_role_and_label(Role::ComboBox, combo)
        .scroll_to_me();
    h.run();
    h.get_by_role_and_label(Role::ComboBox, combo).click();
    h.run();
    h.get_by_role(Role::ListBox).get_by_label(item).click();
    h.run();
}

#[test]
fn details_and_settings_change_together_as_one_step_and_survive_save_and_load() {
    let mut h = harness();
    let before = h.state().scenario.clone();
    let ranking_before = h.state().ranking().unwrap().clone();
    let revision = h.state().revision();
    open(&mut h);
    assert_eq!(field(&h, "Title"), before.metadata.title);

    set_text(&mut h, "Title", "Briefing for the second session");
    set_text(&mut h, "Title (简体中文)", "第二次会议简报");
    set_text(&mut h, "Description (简体中文)", "供秘书处使用");
    set_text(&mut h, "Source document", "UNEP/AHEG/2019/3/6");
    set_text(&mut h, "Date", "2019-11");
    set_text(&mut h, "Author", "Secretariat");
    set_text(&mut h, "Languages", "en, zh-CN");
    choose(&mut h, "Method", "VIKOR");
    set_text(&mut h, "VIKOR v", "0.3");
    set_text(&mut h, "Monte Carlo draws", "2500");
    set_text(&mut h, "Seed", "77");
    set_text(&mut h, "Budget", "40");
    set_text(&mut h, "Cost unit", "USD million");
    press(&mut h, "OK");
    assert!(!editor_open(&h), "OK leaves the editor open");

    let s = h.state().scenario.clone();
    let m = &s.metadata;
    assert_eq!(m.title, "Briefing for the second session");
    assert_eq!(m.i18n["zh-CN"].name, "第二次会议简报");
    assert_eq!(m.i18n["zh-CN"].description, "供秘书处使用");
    assert_eq!(
        (m.source.as_str(), m.date.as_str(), m.author.as_str()),
        ("UNEP/AHEG/2019/3/6", "2019-11", "Secretariat")
    );
    assert_eq!(m.languages, vec!["en".to_string(), "zh-CN".to_string()]);
    let st = &s.settings;
    assert_eq!(st.method, Method::Vikor);
    // VIKOR works on raw values: the normalisation follows the method.
    assert_eq!(st.normalization, Normalization::None);
    assert_eq!(st.vikor_v, 0.3);
    assert_eq!((st.monte_carlo.draws, st.monte_carlo.seed), (2500, 77));
    assert_eq!(st.budget, Some(40.0));
    assert_eq!(st.cost_unit, "USD million");
    // Everything else is as it was.
    let mut rest = s.clone();
    rest.metadata = before.metadata.clone();
    rest.settings = before.settings.clone();
    assert_eq!(rest, before);
    // The results follow at once: VIKOR with v = 0.3.
    let after = h.state().ranking().unwrap().clone();
    assert_eq!(after, score(&s).unwrap());
    assert_eq!(after.method, Method::Vikor);
    assert_ne!(after.scores, ranking_before.scores);
    assert_eq!(h.state().revision(), revision + 2, "two edits…");
    assert!(h.state().is_dirty());
    // …and one undo step takes both back.
    h.state_mut().execute(Command::Undo);
    h.run();
    assert_eq!(h.state().scenario, before);
    h.state_mut().execute(Command::Redo);
    h.run();
    assert_eq!(h.state().scenario, s);

    let dir = std::env::temp_dir().join(format!("tideline-edit-scenario-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("edited.ron");
    save(&path, &s).unwrap();
    let back = load_path(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back.metadata, s.metadata);
    assert_eq!(back.settings, s.settings);
    assert_eq!(back, s);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_refused_setting_keeps_the_document_and_the_typing_and_says_why() {
    let mut h = harness();
    let before = h.state().scenario.clone();
    open(&mut h);
    for (label, text, reason) in [
        ("VIKOR v", "1.5", "VIKOR's v must lie between 0 and 1"),
        (
            "Monte Carlo draws",
            "0",
            "Monte Carlo draws must be from 1 to 10000000",
        ),
        ("Budget", "-5", "the budget must not be negative"),
        ("Title", "   ", "the scenario needs a title"),
        ("Seed", "-1", "\"-1\" is not a whole number"),
    ] {
        let old = field(&h, label);
        set_text(&mut h, label, text);
        press(&mut h, "Apply");
        assert!(
            h.query_by_label_contains(reason).is_some(),
            "{label} = {text}: no reason shown"
        );
        assert_eq!(
            h.state().scenario,
            before,
            "{label} = {text} changed the document"
        );
        assert_eq!(field(&h, label), text, "{label}: the typing is lost");
        set_text(&mut h, label, &old);
    }
    // Put right, Apply goes through and the editor stays open.
    set_text(&mut h, "Seed", "5");
    press(&mut h, "Apply");
    assert_eq!(h.state().scenario.settings.monte_carlo.seed, 5);
    assert!(editor_open(&h));
    assert!(h.query_by_label_contains("Not changed").is_none());
}
