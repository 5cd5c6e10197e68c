//! The scenario editor's portfolio settings driven through egui_kittest: a baseline, cluster
//! limits, must-in options and a second resource set and applied as one undoable step; bad
//! values (fewest above most, a negative count, limit or use) refused with the field named,
//! the document unchanged and the typing kept; opening and applying without a change sends
//! nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use tideline::app::{Command, TidelineApp, View};
use tideline::scenario::model::{ClusterLimit, Resource};

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

fn set_text(h: &mut Harness<'static, TidelineApp>, label: &str, text: &str) {
    h.get_by_role_and_label(Role::TextInput, label)
        .scroll_to_me();
    h.run();
    h.get_by_role_and_label(Role::TextInput, label).focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    // Typing nothing over a selection keeps it: delete it first.
    h.key_press(Key::Backspace);
    h.run();
    h.get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    h.run();
}

fn field(h: &Harness<'_, TidelineApp>, label: &str) -> String {
    h.get_by_role_and_label(Role::TextInput, label)
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

fn tick(h: &mut Harness<'static, TidelineApp>, label: &str) {
    h.get_by_role_and_label(Role::CheckBox, label)
        .scroll_to_me();
    h.run();
    h.get_by_role_and_label(Role::CheckBox, label).click();
    h.run();
}

const SCIENCE_MOST: &str = "Most from Science-policy interface";
const SCIENCE_FEWEST: &str = "Fewest from Science-policy interface";
const GOVERNANCE_FEWEST: &str = "Fewest from Coordination and governance";
const RESOURCE: &str = "Limit a second resource (staff, political attention…)";

#[test]
fn opening_and_applying_without_a_change_sends_nothing() {
    let mut h = harness();
    let revision = h.state().revision();
    open(&mut h);
    press(&mut h, "OK");
    assert!(!editor_open(&h));
    assert_eq!(h.state().revision(), revision);
}

#[test]
fn a_baseline_cluster_limits_and_must_in_apply_as_one_step_and_undo_restores() {
    let mut h = harness();
    let before = h.state().scenario.clone();
    assert_eq!(before.settings.portfolio.baseline, "status-quo");
    open(&mut h);

    // No baseline first: scores count from 0.
    choose(&mut h, "Baseline", "none: values are the scores themselves");
    press(&mut h, "Apply");
    assert_eq!(h.state().scenario.settings.portfolio.baseline, "");
    let without = h.state().scenario.clone();
    let revision = h.state().revision();

    // Then the status quo as the baseline again, with limits and a must-in option.
    choose(&mut h, "Baseline", "Status quo: continue existing efforts");
    set_text(&mut h, SCIENCE_MOST, "2");
    set_text(&mut h, GOVERNANCE_FEWEST, "1");
    choose(
        &mut h,
        "In a portfolio: Multi-stakeholder forum",
        "must be in",
    );
    choose(
        &mut h,
        "In a portfolio: New legally binding international agreement",
        "must stay out",
    );
    press(&mut h, "OK");
    assert!(!editor_open(&h));

    let s = h.state().scenario.clone();
    let p = &s.settings.portfolio;
    assert_eq!(p.baseline, "status-quo");
    assert_eq!(
        p.clusters,
        vec![
            ClusterLimit {
                cluster: "science-policy".into(),
                min: 0,
                max: Some(2),
            },
            ClusterLimit {
                cluster: "coordination-governance".into(),
                min: 1,
                max: None,
            },
        ]
    );
    assert_eq!(p.include, vec!["stakeholder-forum".to_string()]);
    assert_eq!(p.exclude, vec!["binding-agreement".to_string()]);
    assert!(p.resource.is_none());
    // Nothing else changed.
    let mut rest = s.clone();
    rest.settings.portfolio = without.settings.portfolio.clone();
    assert_eq!(rest, without);
    assert_eq!(h.state().revision(), revision + 1, "one edit");

    h.state_mut().execute(Command::Undo);
    h.run();
    assert_eq!(h.state().scenario, without);
    h.state_mut().execute(Command::Undo);
    h.run();
    assert_eq!(h.state().scenario, before);
}

#[test]
fn a_second_resource_with_its_uses_is_applied() {
    let mut h = harness();
    open(&mut h);
    tick(&mut h, RESOURCE);
    set_text(&mut h, "Resource name", "staff years");
    set_text(&mut h, "Resource limit", "6");
    set_text(&mut h, "Use of the resource: Global knowledge hub", "2.5");
    set_text(&mut h, "Use of the resource: Multi-stakeholder forum", "0");
    press(&mut h, "Apply");
    let p = h.state().scenario.settings.portfolio.clone();
    assert_eq!(
        p.resource,
        Some(Resource {
            name: "staff years".into(),
            limit: 6.0,
            uses: BTreeMap::from([
                ("knowledge-hub".to_string(), 2.5),
                ("stakeholder-forum".to_string(), 0.0),
            ]),
        })
    );
    // Unticked, the resource goes.
    tick(&mut h, RESOURCE);
    press(&mut h, "Apply");
    assert!(h.state().scenario.settings.portfolio.resource.is_none());
}

#[test]
fn bad_values_are_refused_with_the_field_named_and_nothing_changes() {
    let mut h = harness();
    let before = h.state().scenario.clone();
    open(&mut h);
    tick(&mut h, RESOURCE);
    set_text(&mut h, "Resource limit", "5");
    for (label, text, reason) in [
        (
            SCIENCE_FEWEST,
            "3",
            "Most from Science-policy interface: the most is below the fewest",
        ),
        (
            SCIENCE_FEWEST,
            "-1",
            "Fewest from Science-policy interface: \"-1\" is not a whole number",
        ),
        ("Resource limit", "-2", "Resource limit: must be 0 or more"),
        (
            "Use of the resource: Global knowledge hub",
            "-1",
            "Use of the resource: Global knowledge hub: must be 0 or more",
        ),
    ] {
        set_text(&mut h, SCIENCE_MOST, "1");
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
        set_text(&mut h, SCIENCE_MOST, "");
    }
    // Put right, it goes through.
    press(&mut h, "Apply");
    assert!(h.query_by_label_contains("Not changed").is_none());
    let r = h.state().scenario.settings.portfolio.resource.clone();
    assert_eq!(r.map(|r| r.limit), Some(5.0));
}
