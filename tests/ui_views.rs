//! The Compare and Trade-off views in the real window, driven through egui_kittest.
//!
//! On the default scenario, expected values come from the app's cached ranking and from the
//! engine (`tideline::analysis::pareto::pareto_front`), never from hard-coded option names; family
//! sub-scores are recomputed here from the ranking's contributions, independently of the
//! view's code. On a small scenario, the fronts and totals are worked out by hand.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui::accesskit::{Role, Toggled};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use tideline::analysis::pareto::pareto_front;
use tideline::analysis::scoring::Ranking;
use tideline::app::{Command, TidelineApp, View};
use tideline::files::scenario_file::parse_ron;
use tideline::scenario::edit::Edit;
use tideline::scenario::model::{Direction, Scenario};

/// Large enough that both views' controls and charts fit unscrolled.
const WINDOW: egui::Vec2 = egui::vec2(1400.0, 900.0);

fn harness() -> Harness<'static, TidelineApp> {
    let app = TidelineApp::with_default_scenario()
        .unwrap_or_else(|e| panic!("the built-in scenario does not load: {e}"));
    let mut harness = Harness::builder()
        // Background results (the ranking's badges) may settle a few frames later.
        .with_max_steps(12)
        .with_size(WINDOW)
        .build_ui_state(|ui, app: &mut TidelineApp| app.show(ui), app);
    harness.run();
    harness
}

fn ranking(harness: &Harness<'_, TidelineApp>) -> Ranking {
    harness
        .state()
        .ranking()
        .unwrap_or_else(|e| panic!("the app cannot score its scenario: {e}"))
        .clone()
}

fn show_view(harness: &mut Harness<'_, TidelineApp>, view: View) {
    harness.state_mut().execute(Command::ShowView(view));
    harness.run();
    assert_eq!(harness.state().view, view);
}

/// The accessible value (shown text) of the combo box labelled `label`.
fn combo_value(harness: &Harness<'_, TidelineApp>, label: &str) -> String {
    harness
        .get_by_role_and_label(Role::ComboBox, label)
        .value()
        .unwrap_or_else(|| panic!("combo box {label:?} shows nothing"))
}

/// Opens the combo box labelled `label` and picks `item` from its list.
fn pick(harness: &mut Harness<'_, TidelineApp>, label: &str, item: &str) {
    harness.get_by_role_and_label(Role::ComboBox, label).click();
    harness.run();
    harness
        .get_by_role(Role::ListBox)
        .get_by_label(item)
        .click();
    harness.run();
    assert_eq!(
        combo_value(harness, label),
        item,
        "{label:?} did not take {item:?}"
    );
}

/// The texts of every node whose label starts with `prefix`.
fn labels_starting_with(harness: &Harness<'_, TidelineApp>, prefix: &str) -> Vec<String> {
    harness
        .query_all_by_label_contains(prefix)
        .filter_map(|n| {
            let node = n.accesskit_node();
            node.label().or_else(|| node.value())
        })
        .filter(|l| l.starts_with(prefix))
        .collect()
}

// ---------------------------------------------------------------------------------------
// Trade-off

/// Every option's value on the axis the combo boxes call `name`: "Overall score", a
/// criterion's name, or "<family name> (family)".
fn axis_values(s: &Scenario, r: &Ranking, name: &str) -> Vec<f64> {
    if name == "Overall score" {
        return r.scores.clone();
    }
    if let Some(j) = s.criteria.iter().position(|c| c.name == name) {
        return r.normalized.iter().map(|row| row[j]).collect();
    }
    let family = s
        .families
        .iter()
        .find(|f| format!("{} (family)", f.name) == name)
        .unwrap_or_else(|| panic!("no axis called {name:?}"));
    let js: Vec<usize> = (0..s.criteria.len())
        .filter(|&j| s.criteria[j].family == family.id)
        .collect();
    let share: f64 = js.iter().map(|&j| r.weights[j]).sum();
    (0..s.options.len())
        .map(|i| {
            if share > 0.0 {
                js.iter().map(|&j| r.contributions[i][j]).sum::<f64>() / share
            } else {
                js.iter().map(|&j| r.normalized[i][j]).sum::<f64>() / js.len() as f64
            }
        })
        .collect()
}

/// "Pareto front: A, B, C" for these axes, members from left to right.
fn expected_front(s: &Scenario, r: &Ranking, x: &str, y: &str) -> String {
    let pts: Vec<(f64, f64)> = axis_values(s, r, x)
        .into_iter()
        .zip(axis_values(s, r, y))
        .collect();
    let on = pareto_front(&pts);
    let mut front: Vec<usize> = (0..pts.len()).filter(|&i| on[i]).collect();
    front.sort_by(|&a, &b| {
        pts[a]
            .0
            .total_cmp(&pts[b].0)
            .then(pts[b].1.total_cmp(&pts[a].1))
            .then(a.cmp(&b))
    });
    let names: Vec<&str> = front.iter().map(|&i| s.options[i].name.as_str()).collect();
    format!("Pareto front: {}", names.join(", "))
}

fn shown_front(harness: &Harness<'_, TidelineApp>) -> String {
    let shown = labels_starting_with(harness, "Pareto front:");
    assert_eq!(shown.len(), 1, "front labels: {shown:?}");
    shown[0].clone()
}

#[test]
fn tradeoff_lists_the_pareto_front_of_the_chosen_axes() {
    let mut harness = harness();
    harness
        .get_by_role_and_label(Role::Button, "Trade-off")
        .click();
    harness.run();
    assert_eq!(harness.state().view, View::Tradeoff);
    let s = harness.state().scenario.clone();
    let r = ranking(&harness);

    let x = combo_value(&harness, "X axis:");
    let y = combo_value(&harness, "Y axis:");
    // The default X axis is a cost criterion ("less is better").
    let cost = s
        .criteria
        .iter()
        .find(|c| c.name == x)
        .unwrap_or_else(|| panic!("X axis {x:?} is not a criterion"));
    assert_eq!(cost.direction, Direction::Minimize);

    let want = expected_front(&s, &r, &x, &y);
    assert_eq!(shown_front(&harness), want);
    // A real trade-off: more than one option but not all of them on the front.
    let members = want.matches(", ").count() + 1;
    assert!(members > 1 && members < s.options.len(), "{want}");
}

#[test]
fn changing_an_axis_changes_the_front_when_the_engine_says_so() {
    let mut harness = harness();
    show_view(&mut harness, View::Tradeoff);
    let s = harness.state().scenario.clone();
    let r = ranking(&harness);
    let x = combo_value(&harness, "X axis:");
    let y = combo_value(&harness, "Y axis:");
    let before = shown_front(&harness);
    assert_eq!(before, expected_front(&s, &r, &x, &y));

    // The first other Y axis under which the engine puts other options on the front.
    let candidates = std::iter::once("Overall score".to_string())
        .chain(s.criteria.iter().map(|c| c.name.clone()))
        .chain(s.families.iter().map(|f| format!("{} (family)", f.name)));
    let (new_y, want) = candidates
        .filter(|c| *c != y)
        .map(|c| {
            let front = expected_front(&s, &r, &x, &c);
            (c, front)
        })
        .find(|(_, front)| *front != before)
        .unwrap_or_else(|| panic!("no Y axis changes the front"));

    pick(&mut harness, "Y axis:", &new_y);
    assert_eq!(shown_front(&harness), want);
    assert_ne!(shown_front(&harness), before);

    // The same axis on both sides: only the best option(s) on it remain.
    pick(&mut harness, "X axis:", &new_y);
    assert_eq!(
        shown_front(&harness),
        expected_front(&s, &r, &new_y, &new_y)
    );
}

#[test]
fn tradeoff_front_follows_a_weight_change() {
    let mut harness = harness();
    show_view(&mut harness, View::Tradeoff);
    pick(&mut harness, "Y axis:", "Overall score");
    let s = harness.state().scenario.clone();
    let x = combo_value(&harness, "X axis:");
    let before = shown_front(&harness);
    assert_eq!(
        before,
        expected_front(&s, &ranking(&harness), &x, "Overall score")
    );

    // Some share of one family that changes the front, according to the engine.
    let mut changed = None;
    'search: for f in &s.families {
        for share in [0.05, 0.6, 0.9] {
            harness
                .state_mut()
                .execute(Command::Edit(Edit::SetFamilyShare {
                    family: f.id.clone(),
                    share,
                    locked: Vec::new(),
                }));
            harness.run();
            let want = expected_front(&s, &ranking(&harness), &x, "Overall score");
            assert_eq!(shown_front(&harness), want, "{} at {share}", f.id);
            if want != before {
                changed = Some(want);
                break 'search;
            }
        }
    }
    assert!(changed.is_some(), "no family share changed the front");
}

// ---------------------------------------------------------------------------------------
// Compare

/// "Total difference: +0.123", formatted as the view does.
fn total_text(r: &Ranking, a: usize, b: usize) -> String {
    format!("Total difference: {:+.3}", r.scores[a] - r.scores[b])
}

fn shown_total(harness: &Harness<'_, TidelineApp>) -> String {
    let shown = labels_starting_with(harness, "Total difference:");
    assert_eq!(shown.len(), 1, "total labels: {shown:?}");
    shown[0].clone()
}

/// Whether the legend under the radar lists option `i`.
fn listed(harness: &Harness<'_, TidelineApp>, s: &Scenario, i: usize) -> bool {
    !labels_starting_with(harness, &format!("{}: score", s.options[i].name)).is_empty()
}

fn checkbox_ticked(harness: &Harness<'_, TidelineApp>, label: &str) -> bool {
    harness
        .get_by_role_and_label(Role::CheckBox, label)
        .accesskit_node()
        .toggled()
        == Some(Toggled::True)
}

#[test]
fn compare_starts_with_the_top_two_and_states_their_score_difference() {
    let mut harness = harness();
    harness
        .get_by_role_and_label(Role::Button, "Compare")
        .click();
    harness.run();
    assert_eq!(harness.state().view, View::Compare);
    let s = harness.state().scenario.clone();
    let r = ranking(&harness);
    let order = r.order();
    let (a, b) = (order[0], order[1]);

    for (i, o) in s.options.iter().enumerate() {
        let chosen = i == a || i == b;
        assert_eq!(checkbox_ticked(&harness, o.label()), chosen, "{}", o.name);
        assert_eq!(listed(&harness, &s, i), chosen, "{}", o.name);
    }
    assert_eq!(combo_value(&harness, "Option A:"), s.options[a].label());
    assert_eq!(combo_value(&harness, "Reference B:"), s.options[b].label());
    let total = shown_total(&harness);
    assert!(
        total.starts_with(&total_text(&r, a, b)),
        "{total:?} vs {:?}",
        total_text(&r, a, b)
    );

    // By family: other spokes and bars, the same total.
    harness
        .get_by_role_and_label(Role::Button, "By family")
        .click();
    harness.run();
    harness.get_by_label("Family sub-scores (centre 0, rim 1 = best)");
    assert!(shown_total(&harness).starts_with(&total_text(&r, a, b)));
}

#[test]
fn ticking_options_adds_them_up_to_four_and_the_reference_sets_the_total() {
    let mut harness = harness();
    show_view(&mut harness, View::Compare);
    let s = harness.state().scenario.clone();
    let r = ranking(&harness);
    let order = r.order();

    for &i in &order[2..4] {
        harness
            .get_by_role_and_label(Role::CheckBox, s.options[i].label())
            .click();
        harness.run();
        assert!(listed(&harness, &s, i), "{} not listed", s.options[i].name);
    }
    // A fifth is refused, with a note.
    let fifth = order[4];
    harness
        .get_by_role_and_label(Role::CheckBox, s.options[fifth].label())
        .click();
    harness.run();
    assert!(!listed(&harness, &s, fifth));
    assert!(!checkbox_ticked(&harness, s.options[fifth].label()));
    assert!(!labels_starting_with(&harness, "At most 4 options").is_empty());

    // The last-ranked of the four as reference B: the total is A's score minus B's.
    let b = order[3];
    pick(&mut harness, "Reference B:", s.options[b].label());
    let a = order[0];
    assert_eq!(combo_value(&harness, "Option A:"), s.options[a].label());
    assert!(shown_total(&harness).starts_with(&total_text(&r, a, b)));
    // Another A.
    let a = order[2];
    pick(&mut harness, "Option A:", s.options[a].label());
    assert!(shown_total(&harness).starts_with(&total_text(&r, a, b)));

    // Unticking one removes it from the legend, and makes room for the fifth.
    harness
        .get_by_role_and_label(Role::CheckBox, s.options[order[1]].label())
        .click();
    harness.run();
    assert!(!listed(&harness, &s, order[1]));
    harness
        .get_by_role_and_label(Role::CheckBox, s.options[fifth].label())
        .click();
    harness.run();
    assert!(listed(&harness, &s, fifth));
    assert!(labels_starting_with(&harness, "At most 4 options").is_empty());
}

#[test]
fn moving_a_weight_changes_the_compare_total() {
    let mut harness = harness();
    show_view(&mut harness, View::Compare);
    let s = harness.state().scenario.clone();
    let r0 = ranking(&harness);
    let (a, b) = (r0.order()[0], r0.order()[1]);
    let before = shown_total(&harness);
    assert!(before.starts_with(&total_text(&r0, a, b)));

    let family = s
        .families
        .iter()
        .find(|f| f.id == "effectiveness")
        .unwrap_or_else(|| panic!("no effectiveness family"));
    harness
        .state_mut()
        .execute(Command::Edit(Edit::SetFamilyShare {
            family: family.id.clone(),
            share: 0.7,
            locked: Vec::new(),
        }));
    harness.run();

    let r1 = ranking(&harness);
    assert_ne!(
        total_text(&r1, a, b),
        total_text(&r0, a, b),
        "precondition: the engine should give another difference"
    );
    // The same two options stay chosen (by id); the total follows the new weights.
    assert_eq!(combo_value(&harness, "Option A:"), s.options[a].label());
    assert_eq!(combo_value(&harness, "Reference B:"), s.options[b].label());
    let after = shown_total(&harness);
    assert!(after.starts_with(&total_text(&r1, a, b)), "{after:?}");
    assert_ne!(after, before);
}

#[test]
fn every_input_widget_of_both_views_has_an_accessible_name() {
    let mut harness = harness();
    for view in [View::Compare, View::Tradeoff] {
        show_view(&mut harness, view);
        let unnamed = harness.unnamed_widgets();
        assert!(
            unnamed.is_empty(),
            "{view:?}: unnamed widgets: {unnamed:#?}"
        );
    }
}

// ---------------------------------------------------------------------------------------
// A small scenario worked out by hand

/// Four options, three criteria on the scale 0 to 10; A and B (more is better) in family Env,
/// Cost (less is better) alone in family Eco; equal weights: families ½ each, A and B ¼ each.
/// Normalised (x/10, Cost 1 − x/10) and the family sub-scores (the family's weighted mean):
///
/// | option | A, B, Cost | normalised     | Env | Eco | overall              |
/// |--------|------------|----------------|-----|-----|----------------------|
/// | P      | 10, 6, 8   | 1.0, 0.6, 0.2  | 0.8 | 0.2 | .25 + .15 + .1 = .50 |
/// | Q      | 4, 4, 2    | 0.4, 0.4, 0.8  | 0.4 | 0.8 | .1 + .1 + .4 = .60   |
/// | R      | 8, 2, 4    | 0.8, 0.2, 0.6  | 0.5 | 0.6 | .2 + .05 + .3 = .55  |
/// | S      | 2, 2, 6    | 0.2, 0.2, 0.4  | 0.2 | 0.4 | .05 + .05 + .2 = .30 |
const SMALL: &str = r#"(
    metadata: (format_version: 1, title: "Small"),
    families: [(id: "env", name: "Env"), (id: "eco", name: "Eco")],
    criteria: [
        (id: "a", name: "A", family: "env", direction: Maximize, scale: (min: 0, max: 10)),
        (id: "b", name: "B", family: "env", direction: Maximize, scale: (min: 0, max: 10)),
        (id: "c", name: "Cost", family: "eco", direction: Minimize, scale: (min: 0, max: 10)),
    ],
    options: [
        (id: "p", name: "P", provenance: (document: "test")),
        (id: "q", name: "Q", provenance: (document: "test")),
        (id: "r", name: "R", provenance: (document: "test")),
        (id: "s", name: "S", provenance: (document: "test")),
    ],
    performance: [
        (option: "p", criterion: "a", value: 10), (option: "p", criterion: "b", value: 6),
        (option: "p", criterion: "c", value: 8),
        (option: "q", criterion: "a", value: 4), (option: "q", criterion: "b", value: 4),
        (option: "q", criterion: "c", value: 2),
        (option: "r", criterion: "a", value: 8), (option: "r", criterion: "b", value: 2),
        (option: "r", criterion: "c", value: 4),
        (option: "s", criterion: "a", value: 2), (option: "s", criterion: "b", value: 2),
        (option: "s", criterion: "c", value: 6),
    ],
    profiles: [(id: "equal", name: "Equal")],
    settings: (active_profile: "equal"),
)"#;

fn small_harness() -> Harness<'static, TidelineApp> {
    let s = parse_ron(SMALL.as_bytes(), "small.ron").unwrap_or_else(|e| panic!("{e}"));
    let mut harness = Harness::builder()
        // Background results (the ranking's badges) may settle a few frames later.
        .with_max_steps(12)
        .with_size(WINDOW)
        .build_ui_state(
            |ui, app: &mut TidelineApp| app.show(ui),
            TidelineApp::new(s, "small.ron"),
        );
    harness.run();
    harness
}

/// Fronts by hand, from the table above (both axes more is better; members left to right):
/// - Cost × Env: P (.2, .8), Q (.8, .4), R (.6, .5), S (.4, .2). S is beaten by R; R is not
///   beaten (P is costlier, Q worse on Env): P, R, Q.
/// - Cost × B alone: R's B is 0.2, so Q (.8, .4) beats R (.6, .2): P, Q. Only the family's mean
///   keeps R on the front above.
/// - Env × Eco: P (.8, .2), Q (.4, .8), R (.5, .6), S (.2, .4): Q, R, P.
/// - Env × Overall score: P (.8, .50), Q (.4, .60), R (.5, .55), S (.2, .30): Q, R, P.
#[test]
fn tradeoff_fronts_of_a_small_scenario_worked_out_by_hand() {
    let mut harness = small_harness();
    show_view(&mut harness, View::Tradeoff);
    for (x, y, front) in [
        ("Cost", "Env (family)", "P, R, Q"),
        ("Cost", "B", "P, Q"),
        ("Env (family)", "Eco (family)", "Q, R, P"),
        ("Env (family)", "Overall score", "Q, R, P"),
    ] {
        pick(&mut harness, "X axis:", x);
        pick(&mut harness, "Y axis:", y);
        assert_eq!(
            shown_front(&harness),
            format!("Pareto front: {front}"),
            "{x} × {y}"
        );
    }
}

/// Compare starts with the top two by hand, Q (0.60) and R (0.55): their legend lines and the
/// total difference +0.050; with P as A instead, 0.50 − 0.55 = −0.050.
#[test]
fn compare_totals_of_a_small_scenario_worked_out_by_hand() {
    let mut harness = small_harness();
    show_view(&mut harness, View::Compare);
    assert_eq!(combo_value(&harness, "Option A:"), "Q");
    assert_eq!(combo_value(&harness, "Reference B:"), "R");
    assert!(!labels_starting_with(&harness, "Q: score 0.600 (rank 1)").is_empty());
    assert!(!labels_starting_with(&harness, "R: score 0.550 (rank 2)").is_empty());
    assert!(
        shown_total(&harness).starts_with("Total difference: +0.050"),
        "{}",
        shown_total(&harness)
    );
    harness.get_by_role_and_label(Role::CheckBox, "P").click();
    harness.run();
    pick(&mut harness, "Option A:", "P");
    assert!(
        shown_total(&harness).starts_with("Total difference: -0.050"),
        "{}",
        shown_total(&harness)
    );
}

/// Rectangles filled with `colour` in the last frame's shapes.
fn filled_with(harness: &Harness<'_, TidelineApp>, colour: egui::Color32) -> Vec<egui::Rect> {
    harness
        .output()
        .shapes
        .iter()
        .filter_map(|c| match &c.shape {
            egui::Shape::Rect(r) if r.fill == colour => Some(r.rect),
            _ => None,
        })
        .collect()
}

#[test]
fn each_compare_swatch_sits_in_its_own_options_check_box_in_a_small_window() {
    // 800 × 500, where the list wraps onto many rows and each option used to show the next
    // option's colour.
    for size in [egui::vec2(800.0, 500.0), WINDOW] {
        let mut harness = harness();
        harness.set_size(size);
        harness.run();
        show_view(&mut harness, View::Compare);
        harness.run();
        let s = harness.state().scenario.clone();
        for (i, o) in s.options.iter().enumerate() {
            let tick = harness
                .get_by_role_and_label(Role::CheckBox, o.label())
                .rect();
            for (k, _) in s.options.iter().enumerate() {
                let colour = tideline::app::theme::option_colour(k);
                let inside = filled_with(&harness, colour)
                    .iter()
                    .filter(|r| tick.contains_rect(**r))
                    .count();
                let want = usize::from(k == i);
                assert_eq!(
                    inside,
                    want,
                    "{size:?}: check box of {:?} holds {inside} swatches of option {k}'s colour",
                    o.label()
                );
            }
        }
    }
}

/// The ranking legend's entries (the criterion labels left of the weights panel), top down.
fn legend_entries(harness: &Harness<'_, TidelineApp>, s: &Scenario) -> Vec<(String, egui::Rect)> {
    let mut entries: Vec<(String, egui::Rect)> = s
        .criteria
        .iter()
        .filter_map(|c| {
            harness
                .query_all_by_label(c.label())
                .map(|n| n.rect())
                .min_by(|a, b| a.left().total_cmp(&b.left()))
                .map(|r| (c.label().to_string(), r))
        })
        .collect();
    entries.sort_by(|a, b| {
        (a.1.top(), a.1.left())
            .partial_cmp(&(b.1.top(), b.1.left()))
            .unwrap()
    });
    entries
}

#[test]
fn the_ranking_legend_follows_the_stack_and_stays_off_the_numbers() {
    for size in [WINDOW, egui::vec2(1280.0, 720.0), egui::vec2(800.0, 500.0)] {
        let mut harness = harness();
        harness.set_size(size);
        harness.run();
        show_view(&mut harness, View::Ranking);
        harness.run();
        let s = harness.state().scenario.clone();
        let r = ranking(&harness);
        // Stacked from 0 outwards in scenario order, criteria of weight 0 left out.
        let want: Vec<String> = s
            .criteria
            .iter()
            .enumerate()
            .filter(|(j, _)| r.weights[*j] > 0.0)
            .map(|(_, c)| c.label().to_string())
            .collect();
        let entries = legend_entries(&harness, &s);
        let names: Vec<String> = entries.iter().map(|e| e.0.clone()).collect();
        assert_eq!(names, want, "{size:?}: legend out of stack order");
        // Above the numbers table, never over it.
        let table = harness.get_by_label("Rank").rect();
        for (name, rect) in &entries {
            assert!(
                rect.bottom() <= table.top(),
                "{size:?}: {name} at {rect:?} reaches the table at {table:?}"
            );
        }
    }
}
