//! The criterion editor driven through egui_kittest: opened from the matrix header and from
//! Edit › Criteria…, each field changed and checked against the document, refusals that leave
//! it as it was and say why (in English and Chinese), undo, and a save → load round trip.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui::accesskit::Role;
use egui::{Key, Modifiers, Pos2, Rect, pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use tideline::analysis::scoring::score;
use tideline::app::{Command, EditorRequest, TidelineApp, View};
use tideline::files::scenario_file::{load_path, save};
use tideline::i18n::Lang;
use tideline::scenario::model::{Direction, Outranking, PreferenceFunction, Scenario};

const WINDOW: egui::Vec2 = egui::vec2(1400.0, 900.0);

fn harness() -> Harness<'static, TidelineApp> {
    let mut app = TidelineApp::with_default_scenario().expect("the built-in scenario loads");
    app.execute(Command::ShowView(View::Matrix));
    let mut h = Harness::builder()
        .with_max_steps(12)
        .with_size(WINDOW)
        .with_step_dt(0.05)
        .build_ui_state(|ui, app: &mut TidelineApp| app.show(ui), app);
    h.run();
    h
}

/// The first criterion of the built-in scenario: what every test edits.
fn first(h: &Harness<'_, TidelineApp>) -> tideline::scenario::model::Criterion {
    h.state().scenario.criteria[0].clone()
}

fn open(h: &mut Harness<'static, TidelineApp>, id: &str) {
    h.state_mut()
        .execute(Command::OpenEditor(EditorRequest::Criterion(id.into())));
    h.run();
    assert!(editor_open(h), "the criterion editor did not open");
}

fn editor_open(h: &Harness<'_, TidelineApp>) -> bool {
    h.query_by_label("Use a value function").is_some()
}

/// The role of the text field named `label`: one line or several.
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

/// Clicks a labelled widget, scrolling it into view first.
fn click(h: &mut Harness<'static, TidelineApp>, label: &str) {
    h.get_by_label(label).scroll_to_me();
    h.run();
    h.get_by_label(label).click();
    h.run();
}

fn choose_function(h: &mut Harness<'static, TidelineApp>, name: &str) {
    h.get_by_role_and_label(Role::ComboBox, "Function")
        .scroll_to_me();
    h.run();
    h.get_by_role_and_label(Role::ComboBox, "Function").click();
    h.run();
    h.get_by_role(Role::ListBox).get_by_label(name).click();
    h.run();
}

#[test]
fn the_header_menu_opens_the_editor_and_a_change_is_one_undoable_step() {
    let mut h = harness();
    let c = first(&h);
    let before = h.state().scenario.clone();
    let revision = h.state().revision();
    // The matrix header's context menu.
    let header = match c.direction {
        Direction::Maximize => c.label().to_string(),
        Direction::Minimize => format!("{} (min)", c.label()),
    };
    h.get_by_role_and_label(Role::ColumnHeader, &header)
        .click_secondary();
    h.run();
    h.get_by_label("Edit criterion…").click();
    h.run();
    assert!(editor_open(&h));
    assert_eq!(field(&h, "Name (English)"), c.name);

    set_text(&mut h, "Short label (English)", "Leakage");
    set_text(&mut h, "Name (简体中文)", "渗漏");
    press(&mut h, "OK");
    assert!(!editor_open(&h), "OK leaves the editor open");
    let app = h.state();
    let mut expected = before.clone();
    expected.criteria[0].short = "Leakage".into();
    expected.criteria[0]
        .i18n
        .entry("zh-CN".into())
        .or_default()
        .name = "渗漏".into();
    assert_eq!(
        app.scenario, expected,
        "only the short label and the translation changed"
    );
    assert_eq!(app.revision(), revision + 1, "one Apply, one revision");
    assert!(app.is_dirty(), "an edit marks the document unsaved");
    assert!(
        h.query_by_role_and_label(Role::ColumnHeader, "Leakage")
            .is_some(),
        "the header shows the new short label"
    );

    h.state_mut().execute(Command::Undo);
    h.run();
    assert_eq!(h.state().scenario, before);
}

#[test]
fn the_criteria_list_opens_each_editor() {
    let mut h = harness();
    h.get_by_label("Edit").click();
    h.run();
    h.get_by_label("Criteria…").click();
    h.run();
    let s = h.state().scenario.clone();
    // One Edit… button per criterion; the third opens the third criterion.
    let buttons: Vec<_> = h.get_all_by_role_and_label(Role::Button, "Edit…").collect();
    assert_eq!(buttons.len(), s.criteria.len());
    // Buttons come family by family: find the third criterion's place in that order.
    let order: Vec<&str> = s
        .families
        .iter()
        .flat_map(|f| s.criteria.iter().filter(move |c| c.family == f.id))
        .map(|c| c.id.as_str())
        .collect();
    buttons[2].click();
    h.run();
    assert!(editor_open(&h));
    let c = &s.criteria[s.criterion_index(order[2]).unwrap()];
    assert_eq!(field(&h, "Name (English)"), c.name);
}

#[test]
fn a_refused_edit_keeps_the_document_and_the_typing_and_says_why() {
    let mut h = harness();
    let c = first(&h);
    let before = h.state().scenario.clone();
    let revision = h.state().revision();
    open(&mut h, &c.id);

    // The scale's lower end above its upper end.
    let high = format!("{}", c.scale.max + 1.0);
    set_text(&mut h, "From", &high);
    press(&mut h, "Apply");
    assert!(
        h.query_by_label_contains("lower end must be below its upper end")
            .is_some(),
        "no reason shown"
    );
    assert_eq!(h.state().scenario, before);
    assert_eq!(h.state().revision(), revision);
    assert_eq!(field(&h, "From"), high, "the typing is kept");
    set_text(&mut h, "From", &format!("{}", c.scale.min));

    // A value function with a value above 1.
    click(&mut h, "Use a value function");
    set_text(&mut h, "Point 2: value", "1.5");
    press(&mut h, "Apply");
    assert!(
        h.query_by_label_contains("point 2: the value must lie between 0 and 1")
            .is_some()
    );
    assert_eq!(h.state().scenario, before);
    assert_eq!(field(&h, "Point 2: value"), "1.5");
    // …and one whose x goes back.
    set_text(&mut h, "Point 2: value", "0.5");
    set_text(&mut h, "Point 2: x", &format!("{}", c.scale.max + 2.0));
    press(&mut h, "Apply");
    assert!(
        h.query_by_label_contains("point 3: x must be greater than the x of the point before")
            .is_some()
    );
    assert_eq!(h.state().scenario, before);
    click(&mut h, "Use a value function");

    // q above p.
    choose_function(&mut h, "Linear (type V, q and p)");
    set_text(&mut h, "q", "5");
    set_text(&mut h, "p", "2");
    press(&mut h, "Apply");
    assert!(
        h.query_by_label_contains("q must not exceed the preference threshold p")
            .is_some()
    );
    assert_eq!(h.state().scenario, before);
    assert_eq!((field(&h, "q"), field(&h, "p")), ("5".into(), "2".into()));

    // Fixed, the same editor applies.
    set_text(&mut h, "p", "6");
    press(&mut h, "Apply");
    let got = &h.state().scenario.criteria[0];
    assert_eq!(
        got.outranking,
        Some(Outranking {
            function: PreferenceFunction::Linear,
            q: Some(5.0),
            p: Some(6.0),
            s: None
        })
    );
    assert!(editor_open(&h), "Apply keeps the editor open");
    assert!(
        h.query_by_label_contains("Not changed").is_none(),
        "the old reason stays"
    );
}

#[test]
fn a_refusal_is_said_in_chinese_in_the_chinese_interface() {
    let mut h = harness();
    h.state_mut().execute(Command::SetLanguage(Lang::ZhCn));
    h.run();
    let c = first(&h);
    let before = h.state().scenario.clone();
    h.state_mut()
        .execute(Command::OpenEditor(EditorRequest::Criterion(c.id.clone())));
    h.run();
    h.get_by_role_and_label(Role::ComboBox, "函数")
        .scroll_to_me();
    h.run();
    h.get_by_role_and_label(Role::ComboBox, "函数").click();
    h.run();
    h.get_by_role(Role::ListBox)
        .get_by_label("线性型（V 型，q 与 p）")
        .click();
    h.run();
    set_text(&mut h, "q", "5");
    set_text(&mut h, "p", "2");
    press(&mut h, "应用");
    assert!(
        h.query_by_label("未更改：无差异门限 q 不得超过严格偏好门限 p")
            .is_some(),
        "the reason is not shown in Chinese"
    );
    assert_eq!(h.state().scenario, before);
}

#[test]
fn an_edited_criterion_scores_at_once_and_survives_save_and_load() {
    let mut h = harness();
    let c = first(&h);
    let before = h.state().ranking().unwrap().clone();
    open(&mut h, &c.id);
    set_text(&mut h, "Description (简体中文)", "防止塑料进入海洋的程度");
    set_text(&mut h, "unit", "score");
    click(&mut h, "Use a value function");
    // A concave curve: the middle of the scale is worth 0.8, not 0.5.
    set_text(&mut h, "Point 2: value", "0.8");
    choose_function(&mut h, "Gaussian (type VI, s)");
    set_text(&mut h, "s", "1.5");
    press(&mut h, "OK");

    let s: Scenario = h.state().scenario.clone();
    let got = &s.criteria[0];
    let mid = c.scale.min + (c.scale.max - c.scale.min) / 2.0;
    let vf = got.value_function.as_ref().expect("a value function");
    assert_eq!(
        vf.points,
        vec![(c.scale.min, 0.0), (mid, 0.8), (c.scale.max, 1.0)]
    );
    assert_eq!(
        got.outranking,
        Some(Outranking {
            function: PreferenceFunction::Gaussian,
            q: None,
            p: None,
            s: Some(1.5)
        })
    );
    assert_eq!(got.scale.unit, "score");
    assert_eq!(got.i18n["zh-CN"].description, "防止塑料进入海洋的程度");
    // The results are those of the edited scenario, and differ from before.
    let after = h.state().ranking().unwrap().clone();
    assert_eq!(after, score(&s).unwrap());
    assert_ne!(after.scores, before.scores);

    let dir = std::env::temp_dir().join(format!("tideline-edit-criterion-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("edited.ron");
    save(&path, &s).unwrap();
    let back = load_path(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back.criteria[0], s.criteria[0]);
    assert_eq!(back, s);
    std::fs::remove_dir_all(&dir).ok();
}

/// The plotting areas of the editor's two charts (value function, then preference), in screen
/// points: the only large nodes without a role.
fn charts(h: &Harness<'_, TidelineApp>) -> Vec<Rect> {
    let mut rects: Vec<Rect> = h
        .query_all_by_role(Role::Unknown)
        .map(|n| n.rect())
        .filter(|r| r.height() > 100.0 && r.width() > 200.0)
        .collect();
    rects.sort_by(|a, b| a.top().total_cmp(&b.top()));
    rects
}

/// Where plot coordinates `(x, y)` are drawn in `area`, which shows `xs` × `ys`.
fn at(area: Rect, xs: (f64, f64), ys: (f64, f64), x: f64, y: f64) -> Pos2 {
    let fx = ((x - xs.0) / (xs.1 - xs.0)) as f32;
    let fy = ((y - ys.0) / (ys.1 - ys.0)) as f32;
    pos2(
        area.left() + fx * area.width(),
        area.bottom() - fy * area.height(),
    )
}

/// A press at `from`, a few moves, a release at `to`.
fn drag(h: &mut Harness<'static, TidelineApp>, from: Pos2, to: Pos2) {
    h.hover_at(from);
    h.run();
    h.drag_at(from);
    h.run();
    for k in 1..=4 {
        h.hover_at(from + (to - from) * (k as f32 / 4.0));
        h.run();
    }
    h.drop_at(to);
    h.run();
}

fn number(h: &Harness<'_, TidelineApp>, label: &str) -> f64 {
    field(h, label)
        .parse()
        .unwrap_or_else(|e| panic!("{label}: {e}"))
}

#[test]
fn points_and_thresholds_are_dragged_on_the_charts() {
    let mut h = harness();
    let c = first(&h);
    let (lo, hi) = (c.scale.min, c.scale.max);
    open(&mut h, &c.id);
    click(&mut h, "Use a value function");
    h.get_by_role_and_label(Role::TextInput, "Point 3: x")
        .scroll_to_me();
    h.run();
    // The chart shows the scale with 4 % either side, and values −0.05..1.05.
    let pad = (hi - lo) * 0.04;
    let (xs, ys) = ((lo - pad, hi + pad), (-0.05, 1.05));
    let area = charts(&h)[0];
    let mid = lo + (hi - lo) / 2.0;
    let to_x = lo + (hi - lo) * 0.75;
    drag(
        &mut h,
        at(area, xs, ys, mid, 0.5),
        at(area, xs, ys, to_x, 0.9),
    );
    // Where the pointer was let go, to within a pixel or so.
    let per_px = (xs.1 - xs.0) / f64::from(area.width());
    assert!(
        (number(&h, "Point 2: x") - to_x).abs() <= 2.0 * per_px,
        "{}",
        field(&h, "Point 2: x")
    );
    assert!((number(&h, "Point 2: value") - 0.9).abs() <= 0.02);
    // Past the next point, it stops a step short of it.
    let now = (number(&h, "Point 2: x"), number(&h, "Point 2: value"));
    drag(
        &mut h,
        at(area, xs, ys, now.0, now.1),
        at(area, xs, ys, hi + pad, 0.9),
    );
    let x = number(&h, "Point 2: x");
    assert!(
        x < hi && x > hi - 0.05,
        "point 2 at {x}, past point 3 at {hi}"
    );
    press(&mut h, "Apply");
    let vf = h.state().scenario.criteria[0]
        .value_function
        .clone()
        .expect("applied");
    assert_eq!(vf.points[1].0, x);
    assert!(vf.points.windows(2).all(|w| w[0].0 < w[1].0));

    // The preference function: p dragged from 3 to 4 on an axis of 0..4.2 (1.4 × p).
    choose_function(&mut h, "Linear (type V, q and p)");
    set_text(&mut h, "q", "1");
    set_text(&mut h, "p", "3");
    h.get_by_role_and_label(Role::TextInput, "p").scroll_to_me();
    h.run();
    let area = charts(&h)[1];
    let max = 3.0 * 1.4;
    let (xs, ys) = ((-max * 0.03, max * 1.03), (-0.05, 1.08));
    drag(
        &mut h,
        at(area, xs, ys, 3.0, 0.3),
        at(area, xs, ys, 4.0, 0.3),
    );
    let per_px = (xs.1 - xs.0) / f64::from(area.width());
    let p = number(&h, "p");
    assert!((p - 4.0).abs() <= 2.0 * per_px, "p = {p}");
    assert_eq!(number(&h, "q"), 1.0, "q moved with p");
}
