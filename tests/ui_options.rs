//! The Options view through the real window: tag filters are toggles (framed, with an on/off
//! state a screen reader reads) and costs carry their unit.

use egui::accesskit::{Role, Toggled};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use tideline::app::{Command, TidelineApp, View};

fn harness() -> Harness<'static, TidelineApp> {
    harness_with(TidelineApp::with_default_scenario().unwrap_or_else(|e| panic!("{e}")))
}

fn harness_with(app: TidelineApp) -> Harness<'static, TidelineApp> {
    let mut harness = Harness::builder()
        // Background results (the ranking's badges) may settle a few frames later.
        .with_max_steps(12)
        .with_size(egui::vec2(1600.0, 1000.0))
        .build_ui_state(|ui, app: &mut TidelineApp| app.show(ui), app);
    harness
        .state_mut()
        .execute(Command::ShowView(View::Options));
    harness.run();
    harness
}

fn toggled(h: &Harness<'_, TidelineApp>, tag: &str) -> Option<Toggled> {
    h.get_by_role_and_label(Role::Button, tag)
        .accesskit_node()
        .toggled()
}

#[test]
fn tag_filters_are_toggles_that_filter() {
    let mut h = harness();
    let s = h.state().scenario.clone();
    let tag = "economic";
    let tagged: Vec<&str> = s
        .options
        .iter()
        .filter(|o| o.tags.iter().any(|t| t == tag))
        .map(|o| o.name.as_str())
        .collect();
    let untagged = s
        .options
        .iter()
        .find(|o| !o.tags.iter().any(|t| t == tag))
        .map(|o| o.name.clone())
        .unwrap_or_default();
    assert!(!tagged.is_empty() && !untagged.is_empty());
    assert_eq!(toggled(&h, tag), Some(Toggled::False));
    h.get_by_role_and_label(Role::Button, tag).click();
    h.run();
    assert_eq!(toggled(&h, tag), Some(Toggled::True));
    for name in &tagged {
        h.get_by_label(name);
    }
    assert!(h.query_by_label(&untagged).is_none(), "{untagged} is shown");
    h.get_by_role_and_label(Role::Button, tag).click();
    h.run();
    assert_eq!(toggled(&h, tag), Some(Toggled::False));
    h.get_by_label(&untagged);
}

#[test]
fn costs_are_shown_with_their_unit_and_the_budget() {
    let h = harness();
    let s = h.state().scenario.clone();
    let budget = s
        .settings
        .budget
        .unwrap_or_else(|| panic!("the built-in scenario sets a budget"));
    let costs: Vec<f64> = s.options.iter().filter_map(|o| o.cost).collect();
    assert!(!costs.is_empty());
    assert_eq!(s.settings.cost_unit, "effort units");
    for cost in &costs {
        let text = format!("cost {cost} of a budget of {budget} effort units");
        let same = costs.iter().filter(|c| *c == cost).count();
        assert_eq!(h.get_all_by_label(&text).count(), same, "{text}");
    }
}

#[test]
fn a_scenario_without_a_cost_unit_says_units() {
    let mut app = TidelineApp::with_default_scenario().unwrap_or_else(|e| panic!("{e}"));
    app.scenario.settings.cost_unit.clear();
    app.scenario.settings.budget = None;
    let cost = app.scenario.options.iter().find_map(|o| o.cost);
    let h = harness_with(app);
    let text = format!("cost {} units", cost.unwrap_or_default());
    assert!(h.query_by_label(&text).is_some(), "{text}");
}
