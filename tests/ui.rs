//! The real window driven through egui_kittest: what it shows, and what clicks and key presses
//! do to the document and its cached ranking.
//!
//! On the default scenario, expected rankings come from the engine (`tideline::analysis::scoring`,
//! `tideline::scenario::weights`) applied to a copy of the scenario changed the same way, never from
//! hard-coded option names; on a small scenario they are worked out by hand.

use std::path::Path;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use tideline::analysis::scoring::{Ranking, score, score_with};
use tideline::app::{Command, TidelineApp};
use tideline::files::scenario_file::parse_ron;
use tideline::scenario::edit::Edit;
use tideline::scenario::model::{Scenario, WeightProfile};
use tideline::scenario::weights::{family_shares, set_criterion_share, set_family_share};

/// Large enough that the options list, the weights panel and the chart all fit unscrolled.
const WINDOW: egui::Vec2 = egui::vec2(1400.0, 900.0);

fn default_app() -> TidelineApp {
    TidelineApp::with_default_scenario()
        .unwrap_or_else(|e| panic!("the built-in scenario does not load: {e}"))
}

/// A harness drawing the whole window of `app`, run until it settles.
///
/// The accessibility check is off: the profile combo box has no accessible name yet, which
/// `every_input_widget_has_an_accessible_name` reports on its own.
fn harness(app: TidelineApp) -> Harness<'static, TidelineApp> {
    let mut harness = Harness::builder()
        // Background results (the ranking's badges) may settle a few frames later.
        .with_max_steps(12)
        .with_size(WINDOW)
        .build_ui_state(|ui, app: &mut TidelineApp| app.show(ui), app);
    harness.run();
    harness
}

fn ranking_ref<'h>(harness: &'h Harness<'_, TidelineApp>) -> &'h Ranking {
    harness
        .state()
        .ranking()
        .unwrap_or_else(|e| panic!("the app cannot score its scenario: {e}"))
}

fn ranking(harness: &Harness<'_, TidelineApp>) -> Ranking {
    ranking_ref(harness).clone()
}

/// Where the cached scores live: a recomputation builds new results while the old ones are
/// still alive, so the address changes.
fn scores_address(harness: &Harness<'_, TidelineApp>) -> *const f64 {
    ranking_ref(harness).scores.as_ptr()
}

/// The engine's ranking of `scenario` after `change` is applied to its active profile.
fn engine_ranking(
    scenario: &Scenario,
    change: impl FnOnce(&Scenario, &mut WeightProfile),
) -> Ranking {
    let mut s = scenario.clone();
    let active = s.active_profile_index();
    let mut profile = s.profiles[active].clone();
    change(&s, &mut profile);
    s.profiles[active] = profile;
    score(&s).unwrap_or_else(|e| panic!("the engine cannot score the changed scenario: {e}"))
}

fn assert_close(got: &[f64], want: &[f64], what: &str) {
    assert_eq!(got.len(), want.len(), "{what}: {got:?} vs {want:?}");
    for (g, w) in got.iter().zip(want) {
        assert!((g - w).abs() < 1e-9, "{what}: got {got:?}, want {want:?}");
    }
}

fn assert_sums_to_one(weights: &[f64]) {
    let total: f64 = weights.iter().sum();
    assert!(
        (total - 1.0).abs() < 1e-9,
        "weights sum to {total}: {weights:?}"
    );
}

/// Gives keyboard focus to a slider.
fn focus_slider(harness: &mut Harness<'_, TidelineApp>, label: &str) {
    harness.get_by_role_and_label(Role::Slider, label).focus();
    harness.run();
    assert!(
        harness
            .get_by_role_and_label(Role::Slider, label)
            .is_focused(),
        "{label:?} did not take focus"
    );
}

/// The value a slider shows (its accessible numeric value).
fn slider_value(harness: &Harness<'_, TidelineApp>, label: &str) -> f64 {
    harness
        .get_by_role_and_label(Role::Slider, label)
        .accesskit_node()
        .numeric_value()
        .unwrap_or_else(|| panic!("slider {label:?} has no value"))
}

fn family_index(s: &Scenario, id: &str) -> usize {
    s.families
        .iter()
        .position(|f| f.id == id)
        .unwrap_or_else(|| panic!("no family `{id}` in the default scenario"))
}

fn criterion_index(s: &Scenario, id: &str) -> usize {
    s.criteria
        .iter()
        .position(|c| c.id == id)
        .unwrap_or_else(|| panic!("no criterion `{id}` in the default scenario"))
}

#[test]
fn window_shows_every_option_and_the_panel_headings() {
    let mut harness = harness(default_app());
    let s = harness.state().scenario.clone();
    assert!(!s.options.is_empty());
    for heading in ["Ranking", "Weights"] {
        assert!(
            harness.query_all_by_label(heading).next().is_some(),
            "{heading}"
        );
    }
    // The navigator leads to the Options view, which lists every option by name.
    harness
        .get_by_role_and_label(Role::Button, "Options")
        .click();
    harness.run();
    assert_eq!(harness.state().view, tideline::app::View::Options);
    for option in &s.options {
        assert!(
            harness.query_all_by_label(&option.name).next().is_some(),
            "option {:?} is not shown",
            option.name
        );
    }
    // One slider per family and per criterion, each showing its share in percent.
    for family in &s.families {
        let pct = slider_value(&harness, &family.name);
        assert!((0.0..=100.0).contains(&pct), "{}: {pct}", family.name);
    }
    for criterion in &s.criteria {
        slider_value(&harness, criterion.label());
    }
}

#[test]
fn arrow_keys_on_a_criterion_slider_change_the_scores() {
    let mut harness = harness(default_app());
    let s0 = harness.state().scenario.clone();
    let before = ranking(&harness);
    let revision = harness.state().revision();
    let c = criterion_index(&s0, "leakage-reduction");
    let label = s0.criteria[c].label().to_owned();
    let start = slider_value(&harness, &label);

    focus_slider(&mut harness, &label);
    for _ in 0..3 {
        harness.key_press(egui::Key::ArrowRight);
        harness.run();
    }

    let pct = slider_value(&harness, &label);
    assert!(pct > start, "{label:?} went from {start} to {pct}");
    assert!(harness.state().revision() > revision);
    let expected = engine_ranking(&s0, |s, p| set_criterion_share(s, p, c, pct / 100.0, &[]));
    let got = ranking(&harness);
    assert_sums_to_one(&got.weights);
    assert_close(&got.weights, &expected.weights, "weights");
    assert_close(&got.scores, &expected.scores, "scores");
    assert_ne!(got.scores, before.scores);
    assert_eq!(got.order(), expected.order());
}

#[test]
fn setting_a_family_slider_changes_the_top_option() {
    let mut harness = harness(default_app());
    let s0 = harness.state().scenario.clone();
    let before = ranking(&harness);
    let f = family_index(&s0, "feasibility");
    let name = s0.families[f].name.clone();
    // 40 %: the four other families then get 15 % each. Shares that are not whole percent
    // drift (see `one_arrow_key_step_is_one_edit`).
    let target = 40.0;
    let expected = engine_ranking(&s0, |s, p| set_family_share(s, p, f, target / 100.0, &[]));
    assert_ne!(
        expected.order()[0],
        before.order()[0],
        "precondition: the engine should put another option first at {target} %"
    );

    harness
        .get_by_role_and_label(Role::Slider, &name)
        .set_value_accesskit(target);
    harness.run();

    assert!((slider_value(&harness, &name) - target).abs() < 1e-9);
    let app = harness.state();
    let profile = &app.scenario.profiles[app.scenario.active_profile_index()];
    assert!((family_shares(&app.scenario, profile)[f] - target / 100.0).abs() < 1e-9);
    let got = ranking(&harness);
    assert_sums_to_one(&got.weights);
    assert_close(&got.weights, &expected.weights, "weights");
    assert_close(&got.scores, &expected.scores, "scores");
    assert_eq!(got.order()[0], expected.order()[0]);
    assert_ne!(got.order()[0], before.order()[0]);
}

#[test]
fn choosing_a_profile_in_the_combo_box_switches_the_ranking() {
    let mut harness = harness(default_app());
    let s0 = harness.state().scenario.clone();
    let before = ranking(&harness);
    let active = s0.active_profile_index();
    // The first other profile under which the engine puts another option first.
    let (target, expected) = (0..s0.profiles.len())
        .filter(|&i| i != active)
        .map(|i| {
            let r = score_with(&s0, i, s0.settings.method, s0.settings.normalization)
                .unwrap_or_else(|e| panic!("profile {i} cannot be scored: {e}"));
            (i, r)
        })
        .find(|(_, r)| r.order()[0] != before.order()[0])
        .unwrap_or_else(|| panic!("no profile changes the top option"));
    let profile = s0.profiles[target].clone();

    harness
        .get_by_role_and_label(Role::ComboBox, "Profile:")
        .click();
    harness.run();
    harness
        .get_by_role(Role::ListBox)
        .get_by_label(&profile.name)
        .click();
    harness.run();

    assert_eq!(harness.state().scenario.settings.active_profile, profile.id);
    assert!(
        harness.query_by_role(Role::ListBox).is_none(),
        "popup still open"
    );
    assert_eq!(
        harness
            .get_by_role_and_label(Role::ComboBox, "Profile:")
            .value()
            .as_deref(),
        Some(profile.name.as_str())
    );
    let got = ranking(&harness);
    assert_eq!(got.profile, profile.id);
    assert_sums_to_one(&got.weights);
    assert_ne!(got.scores, before.scores);
    assert_eq!(got.order()[0], expected.order()[0]);
}

#[test]
fn a_bad_file_keeps_the_scenario_and_shows_where_the_problem_is() {
    let mut harness = harness(default_app());
    let scenario = harness.state().scenario.clone();
    let source = harness.state().source.clone();
    let revision = harness.state().revision();
    let before = ranking(&harness);
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/bad/nan-value.ron");
    assert!(path.is_file(), "missing test file {}", path.display());

    assert!(!harness.state_mut().open(&path), "a NaN value was accepted");

    let app = harness.state();
    assert_eq!(app.scenario, scenario);
    assert_eq!(app.source, source);
    assert_eq!(app.revision(), revision);
    assert_eq!(ranking(&harness), before);
    let errors = app
        .load_errors
        .as_ref()
        .unwrap_or_else(|| panic!("no load errors kept"));
    assert!(
        errors
            .diagnostics
            .iter()
            .any(|d| d.field == "performance[0].value"),
        "{errors}"
    );

    harness.run();
    harness.get_by_label("The file could not be opened");
    let shown: Vec<String> = harness
        .query_all_by_label_contains("performance[0].value")
        .filter_map(|n| n.value())
        .collect();
    assert!(
        shown.iter().any(|text| text.contains("nan-value.ron")),
        "the error window shows {shown:?}"
    );
    // The window is drawn over the unchanged scenario.
    assert_eq!(harness.state().scenario, scenario);
}

#[test]
fn idle_frames_do_not_recompute_the_ranking() {
    let mut harness = harness(default_app());
    let revision = harness.state().revision();
    let scores = ranking(&harness).scores;
    let cached = scores_address(&harness);

    harness.run_steps(10);

    assert_eq!(harness.state().revision(), revision);
    assert_eq!(
        scores_address(&harness),
        cached,
        "the ranking was recomputed"
    );
    assert_eq!(ranking(&harness).scores, scores);
}

#[test]
fn arrow_keys_can_push_a_criterion_until_the_top_option_changes() {
    let mut harness = harness(default_app());
    let s0 = harness.state().scenario.clone();
    let before = ranking(&harness);
    let top_before = before.order()[0];
    let c = criterion_index(&s0, "political-feasibility");
    let label = s0.criteria[c].label().to_owned();

    focus_slider(&mut harness, &label);
    // Step the slider up until the engine says another option should lead.
    let mut pct = slider_value(&harness, &label);
    let expected = loop {
        harness.key_press(egui::Key::ArrowRight);
        harness.run();
        let now = slider_value(&harness, &label);
        assert!(now > pct, "{label:?} is stuck at {now} %");
        pct = now;
        let expected = engine_ranking(&s0, |s, p| set_criterion_share(s, p, c, pct / 100.0, &[]));
        if expected.order()[0] != top_before {
            break expected;
        }
    };

    let got = ranking(&harness);
    assert_sums_to_one(&got.weights);
    assert_close(&got.weights, &expected.weights, "weights");
    assert_close(&got.scores, &expected.scores, "scores");
    assert_eq!(got.order()[0], expected.order()[0]);
    assert_ne!(
        got.order()[0],
        top_before,
        "the top option should have changed"
    );
}

#[test]
fn one_arrow_key_step_is_one_edit() {
    let mut harness = harness(default_app());
    let s0 = harness.state().scenario.clone();
    let f = family_index(&s0, "feasibility");
    let name = s0.families[f].name.clone();
    let start = slider_value(&harness, &name);
    focus_slider(&mut harness, &name);
    let revision = harness.state().revision();

    harness.key_press(egui::Key::ArrowRight);
    harness.run();

    let pct = slider_value(&harness, &name);
    assert!(pct > start, "{name:?} went from {start} to {pct}");
    let expected = engine_ranking(&s0, |s, p| set_family_share(s, p, f, pct / 100.0, &[]));
    assert_eq!(
        harness.state().revision(),
        revision + 1,
        "one key press, one edit"
    );
    assert_close(&ranking(&harness).weights, &expected.weights, "weights");
}

#[test]
fn idle_frames_leave_every_profile_as_written() {
    let mut harness = harness(default_app());
    let s0 = harness.state().scenario.clone();
    for (i, profile) in s0.profiles.iter().enumerate() {
        harness
            .state_mut()
            .execute(Command::Edit(Edit::SetActiveProfile(profile.id.clone())));
        harness.run();
        let revision = harness.state().revision();
        harness.run_steps(5);
        let app = harness.state();
        assert_eq!(
            app.revision(),
            revision,
            "{}: edits without input",
            profile.id
        );
        assert_eq!(
            &app.scenario.profiles[i], profile,
            "{}: weights changed",
            profile.id
        );
    }
}

#[test]
fn every_input_widget_has_an_accessible_name() {
    let harness = harness(default_app());
    let unnamed = harness.unnamed_widgets();
    assert!(unnamed.is_empty(), "unnamed widgets: {unnamed:#?}");
}

/// Three options on two benefit criteria (scale 0 to 10), each in its own family:
/// X = (9, 1), Y = (5, 4), Z = (2, 2).
const BY_HAND: &str = r#"(
    metadata: (format_version: 1, title: "By hand"),
    families: [(id: "breadth", name: "Breadth"), (id: "depth", name: "Depth")],
    criteria: [
        (id: "b", name: "B", family: "breadth", direction: Maximize, scale: (min: 0, max: 10)),
        (id: "d", name: "D", family: "depth", direction: Maximize, scale: (min: 0, max: 10)),
    ],
    options: [
        (id: "x", name: "X", provenance: (document: "test")),
        (id: "y", name: "Y", provenance: (document: "test")),
        (id: "z", name: "Z", provenance: (document: "test")),
    ],
    performance: [
        (option: "x", criterion: "b", value: 9), (option: "x", criterion: "d", value: 1),
        (option: "y", criterion: "b", value: 5), (option: "y", criterion: "d", value: 4),
        (option: "z", criterion: "b", value: 2), (option: "z", criterion: "d", value: 2),
    ],
    profiles: [(id: "equal", name: "Equal")],
    settings: (active_profile: "equal"),
)"#;

/// Moving the Depth slider, by hand. Equal weights: X = (0.9 + 0.1)/2 = 0.5, Y = 0.45,
/// Z = 0.2. Depth at 80 % (Breadth then 20 %): X = 0.2·0.9 + 0.8·0.1 = 0.26,
/// Y = 0.2·0.5 + 0.8·0.4 = 0.42, Z = 0.2·0.2 + 0.8·0.2 = 0.2: Y leads.
#[test]
fn a_family_slider_moves_the_small_scenario_as_worked_out_by_hand() {
    let s = parse_ron(BY_HAND.as_bytes(), "by-hand.ron").unwrap_or_else(|e| panic!("{e}"));
    let mut harness = harness(TidelineApp::new(s, "by-hand.ron"));
    let r = ranking(&harness);
    assert_close(&r.weights, &[0.5, 0.5], "weights");
    assert_close(&r.scores, &[0.5, 0.45, 0.2], "scores");
    assert_eq!(r.ranks, vec![1, 2, 3]);

    harness
        .get_by_role_and_label(Role::Slider, "Depth")
        .set_value_accesskit(80.0);
    harness.run();
    assert!((slider_value(&harness, "Breadth") - 20.0).abs() < 1e-9);
    let r = ranking(&harness);
    assert_close(&r.weights, &[0.2, 0.8], "weights");
    assert_close(&r.scores, &[0.26, 0.42, 0.2], "scores");
    assert_eq!(r.ranks, vec![2, 1, 3]);
}
