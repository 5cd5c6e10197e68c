//! The Matrix view driven through egui_kittest: editing cells in place, adding and removing
//! options, sorting and keyboard navigation, each checked against the document and the engine.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use tideline::analysis::scoring::{Ranking, score};
use tideline::app::{Command, TidelineApp, View};
use tideline::scenario::model::{Direction, Scenario};

const WINDOW: egui::Vec2 = egui::vec2(1400.0, 900.0);

/// Frames 50 ms apart, so two clicks (four events, one frame each) make a double-click.
const STEP: f32 = 0.05;

/// A harness on the built-in scenario, showing the Matrix view, run until it settles.
fn harness() -> Harness<'static, TidelineApp> {
    let mut app = TidelineApp::with_default_scenario().expect("the built-in scenario loads");
    app.execute(Command::ShowView(View::Matrix));
    let mut harness = Harness::builder()
        // Background results (the ranking's badges) may settle a few frames later.
        .with_max_steps(12)
        .with_size(WINDOW)
        .with_step_dt(STEP)
        .build_ui_state(|ui, app: &mut TidelineApp| app.show(ui), app);
    harness.run();
    harness
}

fn ranking(harness: &Harness<'_, TidelineApp>) -> Ranking {
    harness.state().ranking().expect("the app scores").clone()
}

/// The accessible label of the cell of option `i` on criterion `j`.
fn cell_label(s: &Scenario, i: usize, j: usize) -> String {
    format!("{}, {}", s.options[i].label(), s.criteria[j].label())
}

fn header_label(s: &Scenario, j: usize) -> String {
    let c = &s.criteria[j];
    match c.direction {
        Direction::Maximize => c.label().to_string(),
        Direction::Minimize => format!("{} (min)", c.label()),
    }
}

fn criterion_index(s: &Scenario, id: &str) -> usize {
    s.criterion_index(id)
        .unwrap_or_else(|| panic!("no criterion `{id}` in the default scenario"))
}

fn value(s: &Scenario, i: usize, j: usize) -> Option<f64> {
    s.cell(&s.options[i].id, &s.criteria[j].id)
        .and_then(|c| c.value)
}

/// A scored cell with no uncertainty on a weighted criterion: (option, criterion, value).
fn plain_cell(s: &Scenario, r: &Ranking) -> (usize, usize, f64) {
    (0..s.options.len())
        .flat_map(|i| (0..s.criteria.len()).map(move |j| (i, j)))
        .find_map(|(i, j)| {
            let cell = s.cell(&s.options[i].id, &s.criteria[j].id)?;
            (cell.uncertainty.is_none() && r.weights[j] > 0.0 && i > 0).then_some((
                i,
                j,
                cell.value?,
            ))
        })
        .expect("the default scenario has a plain, weighted cell")
}

/// Options in the order their rows appear on screen, top first.
fn rows_on_screen(harness: &Harness<'_, TidelineApp>) -> Vec<usize> {
    let s = &harness.state().scenario;
    let mut ys: Vec<(f32, usize)> = s
        .options
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let y = harness
                .get_by_role_and_label(Role::RowHeader, o.label())
                .rect()
                .center()
                .y;
            (y, i)
        })
        .collect();
    ys.sort_by(|a, b| a.0.total_cmp(&b.0));
    ys.into_iter().map(|(_, i)| i).collect()
}

/// Rows by criterion `j`: best first (or worst first when `reversed`); missing values last;
/// ties in scenario order.
fn expected_order(s: &Scenario, j: usize, reversed: bool) -> Vec<usize> {
    let high_first = (s.criteria[j].direction == Direction::Maximize) != reversed;
    let mut rows: Vec<usize> = (0..s.options.len()).collect();
    rows.sort_by(|&a, &b| match (value(s, a, j), value(s, b, j)) {
        (Some(x), Some(y)) if high_first => y.total_cmp(&x),
        (Some(x), Some(y)) => x.total_cmp(&y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    rows
}

/// Scrolls the table until the node with `role` and `label` is in view, then clicks it.
fn click_in_view(harness: &mut Harness<'_, TidelineApp>, role: Role, label: &str) {
    harness.get_by_role_and_label(role, label).scroll_to_me();
    harness.run();
    harness.get_by_role_and_label(role, label).click();
}

/// Scrolls the table sideways to criterion `j`'s column (the body's own vertical scroll area
/// does not pass sideways requests on, so the header is the one to ask).
fn show_column(harness: &mut Harness<'_, TidelineApp>, j: usize) {
    let header = header_label(&harness.state().scenario, j);
    harness
        .get_by_role_and_label(Role::ColumnHeader, &header)
        .scroll_to_me();
    harness.run();
}

fn editor_is_open(harness: &Harness<'_, TidelineApp>) -> bool {
    harness.query_by_label("Edit value").is_some()
}

/// Replaces the focused text field's content (all selected on opening) with `text`.
fn type_into_value(harness: &mut Harness<'_, TidelineApp>, text: &str) {
    let field = harness.get_by_role_and_label(Role::TextInput, "Value");
    assert!(field.is_focused(), "the value field should have focus");
    field.type_text(text);
    harness.run();
}

#[test]
fn editing_a_cell_changes_the_scores_and_undo_restores_it() {
    let mut harness = harness();
    let s0 = harness.state().scenario.clone();
    let before = ranking(&harness);
    let revision = harness.state().revision();
    let (i, j, old) = plain_cell(&s0, &before);
    let new = if old < 5.0 { old + 2.5 } else { old - 2.5 };

    // Double-click opens the editor.
    let label = cell_label(&s0, i, j);
    show_column(&mut harness, j);
    let cell = harness.get_by_role_and_label(Role::Cell, &label);
    assert_eq!(cell.value().as_deref(), Some(format!("{old:.1}").as_str()));
    cell.click();
    cell.click();
    harness.run();
    assert!(
        editor_is_open(&harness),
        "double-click did not open the editor"
    );
    assert_eq!(
        harness
            .get_by_role_and_label(Role::TextInput, "Value")
            .value()
            .as_deref(),
        Some(format!("{old}").as_str())
    );
    type_into_value(&mut harness, &new.to_string());
    harness.get_by_role_and_label(Role::Button, "Apply").click();
    harness.run();

    assert!(
        !editor_is_open(&harness),
        "the editor stays open after Apply"
    );
    let app = harness.state();
    assert_eq!(value(&app.scenario, i, j), Some(new));
    assert_eq!(app.revision(), revision + 1, "one edit, one revision");
    let mut expected = s0.clone();
    let k = expected
        .performance
        .iter()
        .position(|c| c.option == s0.options[i].id && c.criterion == s0.criteria[j].id)
        .unwrap();
    expected.performance[k].value = Some(new);
    assert_eq!(app.scenario, expected, "only that value changed");
    let after = ranking(&harness);
    assert_ne!(after.scores, before.scores);
    assert_eq!(after, score(&expected).unwrap());
    // The table shows the new value.
    assert_eq!(
        harness
            .get_by_role_and_label(Role::Cell, &cell_label(&s0, i, j))
            .value()
            .as_deref(),
        Some(format!("{new:.1}").as_str())
    );

    harness.state_mut().execute(Command::Undo);
    harness.run();
    assert_eq!(
        harness.state().scenario,
        s0,
        "undo restores the scenario exactly"
    );
    assert_eq!(ranking(&harness), before);
    assert_eq!(
        harness
            .get_by_role_and_label(Role::Cell, &cell_label(&s0, i, j))
            .value()
            .as_deref(),
        Some(format!("{old:.1}").as_str())
    );

    harness.state_mut().execute(Command::Redo);
    harness.run();
    assert_eq!(
        harness.state().scenario,
        expected,
        "redo re-applies the edit"
    );
    assert_eq!(ranking(&harness), after);
}

#[test]
fn a_value_off_the_scale_shows_an_error_and_changes_nothing() {
    let mut harness = harness();
    let s0 = harness.state().scenario.clone();
    let revision = harness.state().revision();
    let j = criterion_index(&s0, "leakage-reduction");
    assert_eq!(s0.criteria[j].scale.max, 10.0, "precondition: a 0-10 scale");

    // Select the cell, then Enter opens the editor.
    show_column(&mut harness, j);
    harness
        .get_by_role_and_label(Role::Cell, &cell_label(&s0, 0, j))
        .click();
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    assert!(editor_is_open(&harness), "Enter did not open the editor");
    type_into_value(&mut harness, "42");
    harness.get_by_role_and_label(Role::Button, "Apply").click();
    harness.run();

    assert!(
        editor_is_open(&harness),
        "a refused value closed the editor"
    );
    let error = harness.get_by_label_contains("outside the scale");
    assert!(
        error.value().unwrap_or_default().starts_with("Not changed"),
        "{:?}",
        error.value()
    );
    assert_eq!(harness.state().scenario, s0);
    assert_eq!(harness.state().revision(), revision);

    // A bad number is caught before the engine sees it.
    let field = harness.get_by_role_and_label(Role::TextInput, "Value");
    field.focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_role_and_label(Role::TextInput, "Value")
        .type_text("6,5");
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    harness.get_by_label_contains("is not a number");
    assert_eq!(harness.state().scenario, s0);

    // Escape closes the editor without a change.
    harness.key_press(Key::Escape);
    harness.run();
    assert!(!editor_is_open(&harness), "Escape did not close the editor");
    assert_eq!(harness.state().scenario, s0);
    assert_eq!(harness.state().revision(), revision);
}

#[test]
fn an_option_added_from_the_toolbar_can_be_removed_from_its_context_menu() {
    let mut harness = harness();
    let s0 = harness.state().scenario.clone();
    let name = "Deposit-refund for fishing gear";

    harness
        .get_by_role_and_label(Role::Button, "Add option")
        .click();
    harness.run();
    let field = harness.get_by_role_and_label(Role::TextInput, "Name");
    assert!(field.is_focused(), "the name field should have focus");
    field.type_text(name);
    harness.run();
    harness.get_by_role_and_label(Role::Button, "Add").click();
    harness.run();

    let s1 = harness.state().scenario.clone();
    assert_eq!(s1.options.len(), s0.options.len() + 1);
    let added = s1.options.last().unwrap();
    assert_eq!(added.name, name);
    assert_eq!(added.id, "deposit-refund-for-fishing-gear");
    assert_eq!(added.provenance.document, "added in Tideline");
    for c in &s1.criteria {
        let cell = s1
            .cell(&added.id, &c.id)
            .unwrap_or_else(|| panic!("no cell for {}", c.id));
        assert_eq!(cell.value, None, "{} should start missing", c.id);
    }
    // Its row shows every value as missing.
    let i = s1.options.len() - 1;
    for j in 0..s1.criteria.len() {
        assert_eq!(
            harness
                .get_by_role_and_label(Role::Cell, &cell_label(&s1, i, j))
                .value()
                .as_deref(),
            Some("—")
        );
    }

    harness
        .get_by_role_and_label(Role::RowHeader, name)
        .click_secondary();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Remove…")
        .click();
    harness.run();
    harness.get_by_label("Remove option?");
    assert_eq!(harness.state().scenario, s1, "removed before confirming");
    harness
        .get_by_role_and_label(Role::Button, "Remove")
        .click();
    harness.run();

    assert_eq!(
        harness.state().scenario,
        s0,
        "removing the option round-trips"
    );
    assert!(
        harness
            .query_by_role_and_label(Role::RowHeader, name)
            .is_none()
    );
}

#[test]
fn clicking_headers_sorts_the_rows() {
    let mut harness = harness();
    let s0 = harness.state().scenario.clone();
    let file_order: Vec<usize> = (0..s0.options.len()).collect();
    assert_eq!(rows_on_screen(&harness), file_order);

    for id in ["political-feasibility", "implementation-cost"] {
        let j = criterion_index(&s0, id);
        let best_first = expected_order(&s0, j, false);
        assert_ne!(
            best_first, file_order,
            "precondition: {id} reorders the rows"
        );
        let header = header_label(&s0, j);

        click_in_view(&mut harness, Role::ColumnHeader, &header);
        harness.run();
        assert_eq!(rows_on_screen(&harness), best_first, "{id}, best first");

        click_in_view(&mut harness, Role::ColumnHeader, &header);
        harness.run();
        assert_eq!(
            rows_on_screen(&harness),
            expected_order(&s0, j, true),
            "{id}, worst first"
        );

        click_in_view(&mut harness, Role::ColumnHeader, &header);
        harness.run();
        assert_eq!(
            rows_on_screen(&harness),
            file_order,
            "{id}, back to file order"
        );
    }

    // By overall score, best first.
    click_in_view(&mut harness, Role::ColumnHeader, "Score");
    harness.run();
    assert_eq!(rows_on_screen(&harness), ranking(&harness).order());
    // Sorting is view state: the document is untouched.
    assert_eq!(harness.state().scenario, s0);
    assert!(!harness.state().is_dirty());
}

#[test]
fn arrow_keys_move_the_selection_and_enter_edits_the_selected_cell() {
    let mut harness = harness();
    let s0 = harness.state().scenario.clone();
    // Sort by a criterion, so "down" means the next row on screen, not the next option.
    let j = criterion_index(&s0, "political-feasibility");
    click_in_view(&mut harness, Role::ColumnHeader, &header_label(&s0, j));
    harness.run();
    let rows = rows_on_screen(&harness);

    show_column(&mut harness, 0);
    harness
        .get_by_role_and_label(Role::Cell, &cell_label(&s0, rows[0], 0))
        .click();
    harness.run();
    for key in [Key::ArrowDown, Key::ArrowDown, Key::ArrowRight] {
        harness.key_press(key);
        harness.run();
    }
    let (i, j) = (rows[2], 1);
    assert!(
        harness
            .get_by_role_and_label(Role::Cell, &cell_label(&s0, i, j))
            .is_focused(),
        "the cell two rows down and one column right should have focus"
    );
    harness.key_press(Key::Enter);
    harness.run();
    assert!(editor_is_open(&harness));
    let shown = value(&s0, i, j).map_or(String::new(), |v| v.to_string());
    assert_eq!(
        harness
            .get_by_role_and_label(Role::TextInput, "Value")
            .value()
            .unwrap_or_default(),
        shown
    );
    harness.get_by_label(&s0.options[i].name);

    harness.key_press(Key::Escape);
    harness.run();
    assert!(!editor_is_open(&harness));
    assert_eq!(harness.state().scenario, s0);

    // Escape gave the keyboard back to the cell; walking right to the last criterion scrolls
    // the table sideways so the selected cell stays in view, left of the weights panel.
    let last = s0.criteria.len() - 1;
    for _ in 0..last {
        harness.key_press(Key::ArrowRight);
        harness.run();
    }
    let label = cell_label(&s0, i, last);
    let cell = harness.get_by_role_and_label(Role::Cell, &label);
    assert!(
        cell.is_focused(),
        "the last cell of the row should have focus"
    );
    let panel = harness.get_by_label("Weights").rect().left();
    assert!(
        cell.rect().right() <= panel,
        "the selected cell ({:?}) is hidden under the weights panel (x = {panel})",
        cell.rect()
    );
}

#[test]
fn criteria_are_renamed_from_their_header_and_added_from_the_toolbar() {
    let mut harness = harness();
    let s0 = harness.state().scenario.clone();
    let j = criterion_index(&s0, "speed");
    let header = header_label(&s0, j);

    show_column(&mut harness, j);
    harness
        .get_by_role_and_label(Role::ColumnHeader, &header)
        .click_secondary();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Rename…")
        .click();
    harness.run();
    let field = harness.get_by_role_and_label(Role::TextInput, "Name");
    assert!(field.is_focused(), "the name field should have focus");
    assert_eq!(field.value().as_deref(), Some(s0.criteria[j].name.as_str()));
    // The whole name is selected: typing replaces it.
    field.type_text("Speed of results");
    harness.run();
    // The short label, which headers and charts show, is offered for renaming too.
    let short = harness.get_by_role_and_label(Role::TextInput, "Short label");
    assert_eq!(
        short.value().as_deref(),
        Some(s0.criteria[j].short.as_str())
    );
    short.focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_role_and_label(Role::TextInput, "Short label")
        .type_text("Time to results");
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    let s1 = harness.state().scenario.clone();
    assert_eq!(s1.criteria[j].name, "Speed of results");
    assert_eq!(s1.criteria[j].short, "Time to results");
    harness.get_by_role_and_label(Role::ColumnHeader, &header_label(&s1, j));
    assert!(header_label(&s1, j).contains("Time to results"));
    assert_eq!(s1.criteria.len(), s0.criteria.len());
    assert_eq!(s1.performance, s0.performance);

    harness
        .get_by_role_and_label(Role::Button, "Add criterion")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Name")
        .type_text("Cost to industry");
    harness
        .get_by_role_and_label(Role::RadioButton, "Less is better (a cost)")
        .click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "Add").click();
    harness.run();

    let s2 = harness.state().scenario.clone();
    assert_eq!(s2.criteria.len(), s0.criteria.len() + 1);
    let added = s2.criteria.last().unwrap();
    assert_eq!(added.id, "cost-to-industry");
    assert_eq!(added.direction, Direction::Minimize);
    assert_eq!((added.scale.min, added.scale.max), (0.0, 10.0));
    assert_eq!(added.family, s0.families[0].id);
    for o in &s2.options {
        assert_eq!(s2.cell(&o.id, &added.id).map(|c| c.value), Some(None));
    }
    harness.get_by_role_and_label(Role::ColumnHeader, "Cost to industry (min)");

    // Both are one undo step each.
    harness.state_mut().execute(Command::Undo);
    harness.state_mut().execute(Command::Undo);
    harness.run();
    assert_eq!(harness.state().scenario, s0);
}

#[test]
fn names_stay_level_with_their_values_when_the_table_scrolls() {
    // A short window, so the rows do not all fit.
    let mut app = TidelineApp::with_default_scenario().expect("the built-in scenario loads");
    app.execute(Command::ShowView(View::Matrix));
    let mut harness = Harness::builder()
        // Background results (the ranking's badges) may settle a few frames later.
        .with_max_steps(12)
        .with_size(egui::vec2(1400.0, 400.0))
        .with_step_dt(STEP)
        .build_ui_state(|ui, app: &mut TidelineApp| app.show(ui), app);
    harness.run();
    let s = harness.state().scenario.clone();
    // (option, y of its name, y of its first value) for every row drawn.
    let rows = |harness: &Harness<'_, TidelineApp>| -> Vec<(usize, f32, f32)> {
        (0..s.options.len())
            .filter_map(|i| {
                let name =
                    harness.query_by_role_and_label(Role::RowHeader, s.options[i].label())?;
                let label = cell_label(&s, i, 0);
                let cell = harness.query_by_role_and_label(Role::Cell, &label)?;
                Some((i, name.rect().center().y, cell.rect().center().y))
            })
            .collect()
    };
    let before = rows(&harness);
    assert!(
        before.iter().all(|&(i, _, _)| i + 1 < s.options.len()),
        "precondition: the last row is out of view"
    );

    // Scroll the values down: the names follow.
    let at = harness
        .get_by_role_and_label(Role::Cell, &cell_label(&s, 0, 0))
        .rect()
        .center();
    harness.hover_at(at);
    harness.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, -400.0),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
        modifiers: Modifiers::NONE,
    });
    // Wheel scrolling is animated: give it its frames.
    harness.run_steps(40);
    let after = rows(&harness);
    assert!(
        after.iter().any(|&(i, _, _)| i + 1 == s.options.len()),
        "the table did not scroll to the last row: {after:?}"
    );
    for (i, name, cell) in after {
        assert!(
            (name - cell).abs() < 0.5,
            "row {i}: name at {name}, values at {cell}"
        );
    }
}

/// Three options on two benefit criteria (scale 0 to 10), each in its own family, equal weights:
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

/// Editing a cell of the small scenario, by hand: scores (b/10 + d/10)/2 are X 0.5, Y 0.45,
/// Z 0.2. Y's D from 4 to 9 makes Y (0.5 + 0.9)/2 = 0.7, first; undo gives 0.45 back.
#[test]
fn editing_a_cell_rescores_the_small_scenario_as_worked_out_by_hand() {
    let s = tideline::files::scenario_file::parse_ron(BY_HAND.as_bytes(), "by-hand.ron").unwrap();
    let mut app = TidelineApp::new(s, "by-hand.ron");
    app.execute(Command::ShowView(View::Matrix));
    let mut harness = Harness::builder()
        // Background results (the ranking's badges) may settle a few frames later.
        .with_max_steps(12)
        .with_size(WINDOW)
        .with_step_dt(STEP)
        .build_ui_state(|ui, app: &mut TidelineApp| app.show(ui), app);
    harness.run();
    let scores = |h: &Harness<'_, TidelineApp>| ranking(h).scores;
    let close = |got: Vec<f64>, want: [f64; 3]| {
        assert!(
            got.iter().zip(want).all(|(g, w)| (g - w).abs() < 1e-12),
            "{got:?} vs {want:?}"
        );
    };
    close(scores(&harness), [0.5, 0.45, 0.2]);

    let cell = harness.get_by_role_and_label(Role::Cell, "Y, D");
    assert_eq!(cell.value().as_deref(), Some("4.0"));
    cell.click();
    cell.click();
    harness.run();
    assert!(editor_is_open(&harness));
    type_into_value(&mut harness, "9");
    harness.get_by_role_and_label(Role::Button, "Apply").click();
    harness.run();
    close(scores(&harness), [0.5, 0.7, 0.2]);
    assert_eq!(ranking(&harness).ranks, vec![2, 1, 3]);
    assert_eq!(
        harness
            .get_by_role_and_label(Role::Cell, "Y, D")
            .value()
            .as_deref(),
        Some("9.0")
    );

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    close(scores(&harness), [0.5, 0.45, 0.2]);
    assert_eq!(ranking(&harness).ranks, vec![1, 2, 3]);
}

#[test]
fn every_criterion_fits_beside_the_weights_panel_at_1400_points() {
    let h = harness();
    let s = h.state().scenario.clone();
    // The weights panel's heading marks where the central view ends.
    let panel = h.get_by_label("Weights").rect().left();
    for j in 0..s.criteria.len() {
        let header = h
            .get_by_role_and_label(Role::ColumnHeader, &header_label(&s, j))
            .rect();
        assert!(
            header.right() <= panel,
            "{} ends at {} under the weights panel at {panel}",
            header_label(&s, j),
            header.right()
        );
        // And so is its first row's cell (the range moves to the cell's tooltip).
        let cell = h
            .get_by_role_and_label(Role::Cell, &cell_label(&s, 0, j))
            .rect();
        assert!(cell.right() <= panel);
    }
}

#[test]
fn the_cell_editor_draws_the_value_and_its_uncertainty_on_the_scale() {
    let mut harness = harness();
    let s0 = harness.state().scenario.clone();
    let (i, j, old) = plain_cell(&s0, &ranking(&harness));
    let (min, max) = (s0.criteria[j].scale.min, s0.criteria[j].scale.max);
    show_column(&mut harness, j);
    let label = cell_label(&s0, i, j);
    let cell = harness.get_by_role_and_label(Role::Cell, &label);
    cell.click();
    cell.click();
    harness.run();
    assert!(editor_is_open(&harness));
    let drawing = |h: &Harness<'_, TidelineApp>| {
        h.get_by_role(Role::Image)
            .accesskit_node()
            .label()
            .unwrap_or_default()
    };
    assert_eq!(
        drawing(&harness),
        format!("On the scale {min} to {max}: value {old}")
    );

    // Low–likely–high starts at the value; the drawing follows what is typed.
    harness
        .get_by_role_and_label(Role::RadioButton, "Low–likely–high")
        .click();
    harness.run();
    assert_eq!(
        drawing(&harness),
        format!(
            "On the scale {min} to {max}: value {old}, range {old} to {old}, most likely {old}"
        )
    );
    for (name, text) in [("Low", min), ("High", max)] {
        harness.get_by_role_and_label(Role::TextInput, name).focus();
        harness.run();
        harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
        harness
            .get_by_role_and_label(Role::TextInput, name)
            .type_text(&text.to_string());
        harness.run();
    }
    assert_eq!(
        drawing(&harness),
        format!(
            "On the scale {min} to {max}: value {old}, range {min} to {max}, most likely {old}"
        )
    );
    // The drawing is only a view of the fields: nothing is applied until Apply.
    assert_eq!(harness.state().scenario, s0);
}
