#![allow(clippy::unwrap_used, clippy::expect_used)]
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use tideline::app::TidelineApp;

#[test]
fn explore() {
    let app = TidelineApp::with_default_scenario().unwrap();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0)).with_accessibility_check(false)
        .build_ui_state(|ui, app: &mut TidelineApp| app.show(ui), app);
    h.run();
    h.get_by_role_and_label(Role::Slider, "Feasibility").focus();
    h.run();
    for _ in 0..10 {
        h.key_press(egui::Key::ArrowRight);
        h.run();
        eprintln!("rev {} fam {:?}", h.state().revision(), h.state().scenario.profiles[0].family_weights);
    }
    h.get_by_role_and_label(Role::Slider, "Leakage cut").focus();
    h.run();
    for _ in 0..3 {
        h.key_press(egui::Key::ArrowRight);
        h.run();
        eprintln!("rev {} crit {:?}", h.state().revision(), h.state().scenario.profiles[0].criterion_weights);
    }
}
