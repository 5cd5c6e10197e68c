//! Projection mode through the real window: F5 in, Esc out, the editing chrome hidden and the
//! weights kept, keys between views and profiles, and the ranking revealed from the bottom up.

use egui::Key;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use tideline::app::{TidelineApp, View};

fn harness() -> Harness<'static, TidelineApp> {
    let app = TidelineApp::with_default_scenario().unwrap_or_else(|e| panic!("{e}"));
    let mut harness = Harness::builder()
        // Background results (the ranking's badges) may settle a few frames later.
        .with_max_steps(12)
        .with_size(egui::vec2(1600.0, 1000.0))
        .build_ui_state(|ui, app: &mut TidelineApp| app.show(ui), app);
    harness.run();
    harness
}

fn press(h: &mut Harness<'static, TidelineApp>, key: Key) {
    h.key_press(key);
    h.run();
}

#[test]
fn f5_enters_and_escape_leaves_keeping_the_weights_panel() {
    let mut h = harness();
    assert!(h.query_by_label("File").is_some());
    press(&mut h, Key::F5);
    assert!(h.state().projection.is_some());
    assert!(h.query_by_label("File").is_none(), "menus are hidden");
    assert!(
        h.query_by_role_and_label(Role::ComboBox, "Method:")
            .is_none(),
        "the toolbar is hidden"
    );
    let family = h.state().scenario.families[0].name.clone();
    h.get_by_role_and_label(Role::Slider, &family);
    assert!(
        h.query_by_label("Elicit…").is_none(),
        "profile management stays on the presenter's screen"
    );
    h.get_by_label_contains("Esc leaves");
    press(&mut h, Key::Escape);
    assert!(h.state().projection.is_none());
    assert!(h.query_by_label("File").is_some());
}

#[test]
fn arrows_and_number_keys_move_between_views() {
    let mut h = harness();
    press(&mut h, Key::F5);
    assert_eq!(h.state().view, View::Ranking);
    press(&mut h, Key::ArrowRight);
    assert_eq!(h.state().view, View::Compare);
    press(&mut h, Key::ArrowLeft);
    press(&mut h, Key::ArrowLeft);
    assert_eq!(h.state().view, View::Matrix);
    press(&mut h, Key::Num6);
    assert_eq!(h.state().view, View::Methods);
    // Outside projection, plain number keys do nothing (they may be typed into fields).
    press(&mut h, Key::Escape);
    press(&mut h, Key::Num1);
    assert_eq!(h.state().view, View::Methods);
}

#[test]
fn reveal_shows_the_ranking_from_the_bottom_up() {
    let mut h = harness();
    let n = h.state().scenario.options.len();
    press(&mut h, Key::F5);
    press(&mut h, Key::Num2);
    press(&mut h, Key::R);
    assert_eq!(h.state().view, View::Ranking, "reveal goes to the ranking");
    h.get_by_label_contains(&format!("{n} still hidden"));
    press(&mut h, Key::Space);
    h.get_by_label_contains(&format!("{} still hidden", n - 1));
    // The table of numbers would give the order away: on the projector it is not shown.
    assert!(h.query_by_label_contains("in numbers").is_none());
    for _ in 1..n {
        press(&mut h, Key::Space);
    }
    h.get_by_label("All revealed.");
    // A new profile is revealed afresh.
    let before = h.state().scenario.settings.active_profile.clone();
    press(&mut h, Key::PageDown);
    assert_ne!(h.state().scenario.settings.active_profile, before);
    h.get_by_label_contains(&format!("{n} still hidden"));
    press(&mut h, Key::A);
    assert!(h.query_by_label_contains("still hidden").is_none());
}

#[test]
fn during_a_reveal_the_criteria_legend_stays_on_screen_at_projector_sizes() {
    for size in [egui::vec2(1920.0, 1080.0), egui::vec2(1280.0, 720.0)] {
        let app = TidelineApp::with_default_scenario().unwrap_or_else(|e| panic!("{e}"));
        let mut h = Harness::builder()
            // Background results (the ranking's badges) may settle a few frames later.
            .with_max_steps(12)
            .with_size(size)
            .build_ui_state(|ui, app: &mut TidelineApp| app.show(ui), app);
        h.run();
        press(&mut h, Key::F5);
        press(&mut h, Key::R);
        press(&mut h, Key::Space);
        let s = h.state().scenario.clone();
        let screen = h.ctx.content_rect();
        // Each criterion's legend entry (the leftmost node of that name: the weights panel
        // lists it too) lies wholly on screen, in the criteria's order.
        let mut last = f32::NEG_INFINITY;
        for c in &s.criteria {
            let rect = h
                .query_all_by_label(c.label())
                .map(|n| n.rect())
                .min_by(|a, b| a.left().total_cmp(&b.left()))
                .unwrap_or_else(|| panic!("{size:?}: no legend entry for {}", c.label()));
            assert!(
                screen.contains_rect(rect),
                "{size:?}: {} at {rect:?} is off the screen {screen:?}",
                c.label()
            );
            let key = rect.top() * 10_000.0 + rect.left();
            assert!(key > last, "{size:?}: {} out of order", c.label());
            last = key;
        }
    }
}
