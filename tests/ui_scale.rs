//! Large scenarios through the real window: the long tables of the Methods and Perspectives
//! views lay out only the rows in sight (a frame must not lay out 1,000 rows), yet scrolling
//! reaches every row, in the order the view promises; the Compare view offers a searchable
//! picker instead of a check box per option.

use egui::accesskit::Role;
use egui::{Event, Modifiers, MouseWheelUnit, TouchPhase, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use tideline::analysis::method_comparison::compare_methods;
use tideline::app::{Command, TidelineApp, View};
use tideline::files::generate::generate;
use tideline::scenario::model::Scenario;

const OPTIONS: usize = 300;

fn harness(s: &Scenario, view: View) -> Harness<'static, TidelineApp> {
    let mut app = TidelineApp::new(s.clone(), "generated.ron");
    app.execute(Command::ShowView(view));
    let mut h = Harness::builder()
        .with_max_steps(12)
        .with_size(vec2(1400.0, 860.0))
        .build_ui_state(|ui, app: &mut TidelineApp| app.show(ui), app);
    h.run();
    h
}

/// The generated options' labels ("O1" … "O300") that are in the accessibility tree, that is,
/// laid out this frame; the common ground's tick, if any, dropped.
fn labels_laid_out(h: &Harness<'_, TidelineApp>) -> Vec<String> {
    // A label's text is its node's value; its text runs repeat it.
    h.query_all_by(|n| n.role() == Role::Label && n.value().is_some_and(|l| is_option_label(&l)))
        .filter_map(|n| n.accesskit_node().value())
        .map(|l| l.trim_start_matches("✔ ").to_string())
        .collect()
}

fn is_option_label(l: &str) -> bool {
    let l = l.trim_start_matches("✔ ");
    l.len() > 1 && l.starts_with('O') && l[1..].chars().all(|c| c.is_ascii_digit())
}

/// Scrolls the view down a page at a time, over its left part, until `label` is laid out;
/// returns the pages it took, or `None` after `max` pages.
fn scroll_until(h: &mut Harness<'_, TidelineApp>, label: &str, max: usize) -> Option<usize> {
    for page in 0..max {
        if labels_laid_out(h).iter().any(|l| l == label) {
            return Some(page);
        }
        h.hover_at(egui::pos2(300.0, 600.0));
        h.event(Event::MouseWheel {
            unit: MouseWheelUnit::Page,
            delta: vec2(0.0, -1.0),
            phase: TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
            modifiers: Modifiers::NONE,
        });
        h.run();
    }
    None
}

#[test]
fn the_methods_table_lays_out_the_rows_in_sight_and_scrolls_to_the_last() {
    let s = generate(OPTIONS, 5, 1).unwrap_or_else(|e| panic!("{e}"));
    let mut h = harness(&s, View::Methods);
    // The rows follow the first method's ranks (the weighted sum): best first, worst last.
    let c = compare_methods(&s, s.active_profile_index());
    let ranks = c
        .ranks(0)
        .unwrap_or_else(|| panic!("the weighted sum scores"));
    let by_rank = |r: usize| {
        let i = ranks
            .iter()
            .position(|&x| x == r)
            .unwrap_or_else(|| panic!("no rank {r}"));
        s.options[i].label().to_string()
    };
    let (best, worst) = (by_rank(1), by_rank(OPTIONS));
    let first = labels_laid_out(&h);
    assert!(
        first.contains(&best),
        "the best option, {best}, is in sight"
    );
    assert!(
        (10..60).contains(&first.len()),
        "a screenful of rows is laid out, not {} of {OPTIONS}",
        first.len()
    );
    assert!(!first.contains(&worst));
    let pages = scroll_until(&mut h, &worst, 80);
    assert!(pages.is_some(), "scrolling never reached {worst}");
    let last = labels_laid_out(&h);
    assert!(!last.contains(&best), "the top has scrolled away");
    assert!(last.len() < 60, "{} rows laid out at the end", last.len());
}

#[test]
fn the_perspectives_rank_matrix_lays_out_the_rows_in_sight_and_scrolls_to_the_last() {
    let s = generate(OPTIONS, 5, 1).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        s.profiles.len() >= 2,
        "the generated scenario has profiles to compare"
    );
    let mut h = harness(&s, View::Perspectives);
    // The rows are in the scenario's order until a heading is clicked.
    let (first_label, last_label) = (
        s.options[0].label().to_string(),
        s.options[OPTIONS - 1].label().to_string(),
    );
    let first = labels_laid_out(&h);
    assert!(first.contains(&first_label), "{first_label} is in sight");
    assert!(
        (5..60).contains(&first.len()),
        "a screenful of rows is laid out, not {} of {OPTIONS}",
        first.len()
    );
    assert!(scroll_until(&mut h, &last_label, 80).is_some());
    let last = labels_laid_out(&h);
    assert!(!last.contains(&first_label));
    assert!(last.len() < 60, "{} rows laid out at the end", last.len());
}

/// The options compared, as their chips name them ("Remove O152").
fn chips(h: &Harness<'_, TidelineApp>) -> Vec<String> {
    h.query_all_by(|n| {
        n.role() == Role::Button && n.label().is_some_and(|l| l.starts_with("Remove O"))
    })
    .filter_map(|n| n.accesskit_node().label())
    .map(|l| l.trim_start_matches("Remove ").to_string())
    .collect()
}

#[test]
fn the_compare_view_picks_from_many_options_by_search_not_by_check_boxes() {
    let s = generate(OPTIONS, 5, 1).unwrap_or_else(|e| panic!("{e}"));
    let mut h = harness(&s, View::Compare);
    let option_boxes = h
        .query_all_by(|n| {
            n.role() == Role::CheckBox && n.label().is_some_and(|l| is_option_label(&l))
        })
        .count();
    assert_eq!(
        option_boxes, 0,
        "no check box per option at {OPTIONS} options"
    );
    // The top two of the ranking are compared first, as with check boxes.
    let r = tideline::analysis::scoring::score(&s).unwrap_or_else(|e| panic!("{e}"));
    let top: Vec<String> = r.order()[..2]
        .iter()
        .map(|&i| s.options[i].label().to_string())
        .collect();
    assert_eq!(chips(&h), top);

    // Search narrows the list: "O29" matches O29 and O290–O299, and nothing else of 300.
    h.get_by_role_and_label(Role::ComboBox, "Add an option…")
        .click();
    h.run();
    h.get_by_role(Role::TextInput).type_text("O29");
    h.run();
    assert!(h.query_by_label("11 of 298 options match").is_some());
    assert!(h.query_by_label("O30 — Option 30").is_none());
    h.get_by_label("O29 — Option 29").click();
    h.run();
    let mut expected = top.clone();
    expected.push("O29".to_string());
    assert_eq!(chips(&h), expected);
    assert!(
        h.query_by_label_contains("Option 29: score").is_some(),
        "the radar's legend names the added option"
    );

    // Enter takes the first match; a fourth is the most, and then no list is offered.
    h.get_by_role_and_label(Role::ComboBox, "Add an option…")
        .click();
    h.run();
    h.get_by_role(Role::TextInput).type_text("Status");
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(chips(&h).last().map(String::as_str), Some("O1"));
    assert!(
        h.query_by_role_and_label(Role::ComboBox, "Add an option…")
            .is_none()
    );
    assert!(h.query_by_label_contains("4 options chosen").is_some());

    // A chip's click takes its option out.
    h.get_by_label("Remove O29").click();
    h.run();
    assert!(!chips(&h).contains(&"O29".to_string()));
    assert_eq!(chips(&h).len(), 3);
    assert!(
        h.query_by_role_and_label(Role::ComboBox, "Add an option…")
            .is_some()
    );
}

#[test]
fn the_sweep_chart_of_many_options_draws_the_ones_that_matter_and_says_so() {
    let s = generate(OPTIONS, 5, 1).unwrap_or_else(|e| panic!("{e}"));
    let mut h = harness(&s, View::Robustness);
    h.state_mut().finish_robustness();
    h.run();
    let note = h
        .query_by_label_contains(&format!("of the {OPTIONS} options"))
        .and_then(|n| n.accesskit_node().value())
        .unwrap_or_else(|| panic!("no note that the chart draws some of the options"));
    let drawn: usize = note
        .split_whitespace()
        .find_map(|w| w.parse().ok())
        .unwrap_or_else(|| panic!("no count in {note:?}"));
    assert!((12..OPTIONS).contains(&drawn), "{note}");
    // The legend names exactly the options drawn (the generated labels are O1 … O300).
    assert_eq!(labels_laid_out(&h).len(), drawn, "{note}");
}
