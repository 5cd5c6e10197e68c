//! The weights panel through the real window: percentages that add up to exactly 100, sliders
//! as wide as the panel with a fine mode (Shift) for steps of 0.1 %, typed values, each gesture
//! one undo step; and in projection a narrow panel that W folds away and brings back.

use egui::accesskit::Role;
use egui::{Event, Key, Modifiers, Pos2, Rect, pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use tideline::app::{Command, TidelineApp, View};
use tideline::scenario::edit::Edit;
use tideline::scenario::model::Scenario;
use tideline::scenario::weights::family_shares;

fn harness(width: f32, height: f32) -> Harness<'static, TidelineApp> {
    let app = TidelineApp::with_default_scenario().unwrap_or_else(|e| panic!("{e}"));
    let mut harness = Harness::builder()
        // Background results (the ranking's badges) may settle a few frames later.
        .with_max_steps(12)
        .with_size(egui::vec2(width, height))
        .build_ui_state(|ui, app: &mut TidelineApp| app.show(ui), app);
    harness.run();
    harness
}

fn share(s: &Scenario, family: usize) -> f64 {
    family_shares(s, &s.profiles[s.active_profile_index()])[family]
}

fn slider_rect(h: &Harness<'_, TidelineApp>, name: &str) -> Rect {
    h.get_by_role_and_label(Role::Slider, name).rect()
}

/// Where the handle's centre travels: the slider's rect less a handle radius (height / 2.5)
/// at each end, as egui's own slider does.
fn rail(r: Rect) -> (f32, f32) {
    let radius = r.height() / 2.5;
    (r.left() + radius, r.right() - radius)
}

/// The x of value `pct` on a slider.
fn x_of(r: Rect, pct: f64) -> f32 {
    let (a, b) = rail(r);
    a + (b - a) * (pct / 100.0) as f32
}

fn drag(h: &mut Harness<'_, TidelineApp>, from: Pos2, to: Pos2, modifiers: Modifiers) {
    h.event(Event::ModifiersChanged(modifiers));
    h.hover_at(from);
    h.run();
    h.drag_at(from);
    h.run();
    // In a few steps, as a hand would.
    for k in 1..=4 {
        let t = k as f32 / 4.0;
        h.hover_at(from + (to - from) * t);
        h.run();
    }
    h.drop_at(to);
    h.run();
    h.event(Event::ModifiersChanged(Modifiers::NONE));
    h.run();
}

fn undo(h: &mut Harness<'_, TidelineApp>) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
}

/// The number a readout shows ("16.7 %" → 16.7).
fn readout(h: &Harness<'_, TidelineApp>, name: &str) -> f64 {
    let text = h
        .get_by_role_and_label(Role::SpinButton, name)
        .value()
        .unwrap_or_default();
    text.trim_end_matches('%')
        .trim()
        .parse()
        .unwrap_or_else(|e| panic!("{name}: {text:?}: {e}"))
}

#[test]
fn shown_family_percentages_add_up_to_exactly_100() {
    let mut h = harness(1400.0, 900.0);
    let s = h.state().scenario.clone();
    // 2:1:1:1:1 is 33.33…, 16.66… ×4: rounded one by one to tenths, 33.3 + 4 × 16.7 = 100.1.
    let mut p = s.profiles[s.active_profile_index()].clone();
    p.family_weights = s
        .families
        .iter()
        .enumerate()
        .map(|(k, f)| (f.id.clone(), if k == 0 { 2.0 } else { 1.0 }))
        .collect();
    h.state_mut()
        .execute(Command::Edit(Edit::ReplaceProfile(Box::new(p))));
    h.run();
    let shown: Vec<f64> = s.families.iter().map(|f| readout(&h, &f.name)).collect();
    let tenths: i64 = shown.iter().map(|p| (p * 10.0).round() as i64).sum();
    assert_eq!(tenths, 1000, "{shown:?}");
    let exact = [100.0 / 3.0, 50.0 / 3.0, 50.0 / 3.0, 50.0 / 3.0, 50.0 / 3.0];
    for (p, e) in shown.iter().zip(exact) {
        assert!((p - e).abs() < 0.1, "{shown:?}");
    }
    // Whole percentages are shown whole.
    h.state_mut().execute(Command::Undo);
    h.run();
    assert_eq!(readout(&h, &s.families[0].name), 20.0);
}

#[test]
fn a_family_slider_spans_most_of_the_panel() {
    let h = harness(1280.0, 720.0);
    let s = h.state().scenario.clone();
    let r = slider_rect(&h, &s.families[0].name);
    // egui's default slider is 100 points, a rail of 87 (1.15 % a point); this one is about
    // three times as long even at 1280 × 720.
    let (a, b) = rail(r);
    assert!(b - a > 250.0, "the rail is {} points", b - a);
}

#[test]
fn a_plain_drag_sets_whole_percent_under_the_pointer_in_one_undo_step() {
    let mut h = harness(1400.0, 900.0);
    let s0 = h.state().scenario.clone();
    let name = s0.families[0].name.clone();
    let r = slider_rect(&h, &name);
    let y = r.center().y;
    drag(
        &mut h,
        pos2(x_of(r, share(&s0, 0) * 100.0), y),
        pos2(x_of(r, 41.3), y),
        Modifiers::NONE,
    );
    let got = share(&h.state().scenario, 0) * 100.0;
    assert!((got - 41.0).abs() < 1e-9, "{got}");
    undo(&mut h);
    assert!(
        h.state().scenario == s0,
        "one undo takes back the whole drag"
    );
}

#[test]
fn a_shift_drag_moves_a_tenth_as_fast_in_steps_of_a_tenth() {
    let mut h = harness(1400.0, 900.0);
    let s0 = h.state().scenario.clone();
    let name = s0.families[0].name.clone();
    let r = slider_rect(&h, &name);
    let start = share(&s0, 0) * 100.0;
    let from = pos2(x_of(r, start), r.center().y);
    // A travel that a plain drag would turn into +20 %: fine, it is +2 %.
    let to = pos2(x_of(r, start + 20.0), r.center().y);
    drag(&mut h, from, to, Modifiers::SHIFT);
    let got = share(&h.state().scenario, 0) * 100.0;
    assert!((got - (start + 2.0)).abs() < 0.05 + 1e-9, "{start} → {got}");
    assert!(((got * 10.0) - (got * 10.0).round()).abs() < 1e-9, "{got}");
    // Again from there: a plain drag's +35 % of travel is +3.5 %.
    let r = slider_rect(&h, &name);
    let from = pos2(x_of(r, got), r.center().y);
    let to = pos2(x_of(r, got + 3.5 * 10.0), r.center().y);
    drag(&mut h, from, to, Modifiers::SHIFT);
    let got2 = share(&h.state().scenario, 0) * 100.0;
    assert!((got2 - (got + 3.5)).abs() < 0.05 + 1e-9, "{got} → {got2}");
    undo(&mut h);
    undo(&mut h);
    assert!(h.state().scenario == s0, "each drag is one undo step");
}

#[test]
fn arrow_keys_step_one_percent_and_a_tenth_with_shift() {
    let mut h = harness(1400.0, 900.0);
    let s0 = h.state().scenario.clone();
    let name = s0.families[0].name.clone();
    h.get_by_role_and_label(Role::Slider, &name).focus();
    h.run();
    let start = share(&s0, 0) * 100.0;
    h.key_press(Key::ArrowRight);
    h.run();
    let one = share(&h.state().scenario, 0) * 100.0;
    assert!((one - (start + 1.0)).abs() < 1e-9, "{start} → {one}");
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowLeft);
    h.run();
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowLeft);
    h.run();
    let two = share(&h.state().scenario, 0) * 100.0;
    assert!((two - (one - 0.2)).abs() < 1e-9, "{one} → {two}");
}

#[test]
fn a_typed_value_is_set_exactly() {
    let mut h = harness(1400.0, 900.0);
    let s0 = h.state().scenario.clone();
    let name = s0.families[1].name.clone();
    h.get_by_role_and_label(Role::SpinButton, &name).focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(Role::SpinButton, &name)
        .type_text("37.5");
    h.run();
    // Nothing moves while typing: other weights would jump at every digit.
    assert!(h.state().scenario == s0);
    h.key_press(Key::Enter);
    h.run();
    let got = share(&h.state().scenario, 1);
    assert!((got - 0.375).abs() < 1e-12, "{got}");
    assert_eq!(readout(&h, &name), 37.5);
}

fn press(h: &mut Harness<'_, TidelineApp>, key: Key) {
    h.key_press(key);
    h.run();
}

#[test]
fn in_projection_the_panel_is_narrow_and_w_folds_it_for_the_session() {
    let mut h = harness(1280.0, 720.0);
    let family = h.state().scenario.families[0].name.clone();
    press(&mut h, Key::F5);
    assert!(h.state().projection.is_some());
    let screen = h.ctx.content_rect();
    let panel_left = slider_rect(&h, &family).left();
    let share_of_width = (screen.right() - panel_left) / screen.width();
    assert!(
        share_of_width < 0.36,
        "the weights take {:.0} % of the width",
        share_of_width * 100.0
    );
    h.get_by_label_contains("W: weights");

    press(&mut h, Key::W);
    assert!(h.query_by_role_and_label(Role::Slider, &family).is_none());
    h.get_by_role_and_label(Role::Button, "Show the weights (W)");
    // Folded through view changes, profile changes, and leaving and coming back.
    press(&mut h, Key::ArrowRight);
    press(&mut h, Key::PageDown);
    assert_eq!(h.state().view, View::Compare);
    assert!(h.query_by_role_and_label(Role::Slider, &family).is_none());
    press(&mut h, Key::Escape);
    assert!(h.state().projection.is_none());
    h.get_by_role_and_label(Role::Slider, &family);
    press(&mut h, Key::F5);
    assert!(h.query_by_role_and_label(Role::Slider, &family).is_none());

    // The button brings it back too, and the hide button folds it.
    h.get_by_role_and_label(Role::Button, "Show the weights (W)")
        .click();
    h.run();
    h.get_by_role_and_label(Role::Slider, &family);
    h.get_by_role_and_label(Role::Button, "Hide the weights (W)")
        .click();
    h.run();
    assert!(h.query_by_role_and_label(Role::Slider, &family).is_none());
    press(&mut h, Key::W);
    h.get_by_role_and_label(Role::Slider, &family);
}
