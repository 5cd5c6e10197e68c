//! Projection in a second window: it opens beside the workspace, shows its own view with its own
//! keys, follows the document live, and Escape closes it. (Under kittest the second window is
//! drawn embedded in the first, as egui does where a backend has one window only.)

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use tideline::app::{Command, TidelineApp, View};
use tideline::scenario::edit::Edit;

fn harness() -> Harness<'static, TidelineApp> {
    let app = TidelineApp::with_default_scenario().unwrap_or_else(|e| panic!("{e}"));
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut TidelineApp| app.show(ui), app);
    harness.run();
    harness
}

#[test]
fn shift_f5_opens_a_second_window_with_its_own_view_and_escape_closes_it() {
    let mut h = harness();
    // Embedded, two windows drawing one view would share its widgets' ids: the workspace shows
    // another view here.
    h.state_mut().execute(Command::ShowView(View::Tradeoff));
    h.run();
    h.key_press_modifiers(Modifiers::SHIFT, Key::F5);
    h.run();
    let view = h.state().projector.map(|p| p.view);
    assert_eq!(
        view,
        Some(View::Tradeoff),
        "it starts on the workspace's view"
    );
    h.key_press(Key::Num3);
    h.run();
    h.state_mut().execute(Command::ShowView(View::Matrix));
    h.run();
    assert!(
        h.state().projection.is_none(),
        "the workspace stays as it is"
    );
    assert!(
        h.query_by_label_contains("PgUp/PgDn: profiles").is_some(),
        "the projection header with its keys"
    );

    // Its number keys change its view, not the workspace's.
    assert_eq!(h.state().projector.map(|p| p.view), Some(View::Ranking));
    assert_eq!(h.state().view, View::Matrix);

    // Live: a profile stepped from it changes the document both windows show.
    let before = h.state().scenario.settings.active_profile.clone();
    h.key_press(Key::PageDown);
    h.run();
    assert_ne!(h.state().scenario.settings.active_profile, before);

    h.key_press(Key::Escape);
    h.run();
    assert!(h.state().projector.is_none());
    assert_eq!(h.state().view, View::Matrix);
}

#[test]
fn the_view_menu_toggles_the_second_window_and_a_weight_change_shows_in_it() {
    let mut h = harness();
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Projection in a second window (Shift+F5)")
        .click();
    h.run();
    assert!(h.state().projector.is_some());
    let top = |h: &Harness<'static, TidelineApp>| {
        h.state()
            .ranking()
            .map(|r| r.order()[0])
            .unwrap_or(usize::MAX)
    };
    let first = top(&h);
    // Weigh feasibility alone: the ranking both windows draw comes from the same results.
    h.state_mut().execute(Command::Edit(Edit::SetFamilyShare {
        family: "feasibility".into(),
        share: 1.0,
        locked: Vec::new(),
    }));
    h.run();
    assert_ne!(top(&h), first);
    h.state_mut().execute(Command::ToggleProjector);
    h.run();
    assert!(h.state().projector.is_none());
}
