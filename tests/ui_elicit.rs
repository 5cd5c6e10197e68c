//! The elicitation dialog through the real window: Escape closes it, it keeps its size and
//! place whichever method or scope is chosen (so the method tabs stay under the pointer), and
//! its help says plainly how to answer.

use egui::Key;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use tideline::app::TidelineApp;

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

const TITLE: &str = "Elicit weights";
const METHODS: [&str; 4] = ["Points", "Swing", "Pairwise (AHP)", "Rank order"];

fn open_dialog(h: &mut Harness<'_, TidelineApp>) {
    h.get_by_label("Elicit…").click();
    h.run();
    h.get_by_role_and_label(Role::Window, TITLE);
}

fn dialog(h: &Harness<'_, TidelineApp>) -> egui::Rect {
    h.get_by_role_and_label(Role::Window, TITLE).rect()
}

#[test]
fn escape_closes_the_dialog() {
    let mut h = harness(1400.0, 900.0);
    open_dialog(&mut h);
    h.key_press(Key::Escape);
    h.run();
    assert!(h.query_by_role_and_label(Role::Window, TITLE).is_none());
    // And it opens again afterwards.
    open_dialog(&mut h);
}

#[test]
fn escape_closes_an_open_list_first_then_the_dialog() {
    let mut h = harness(1400.0, 900.0);
    open_dialog(&mut h);
    h.get_by_role_and_label(Role::ComboBox, "Weigh:").click();
    h.run();
    assert!(h.query_by_role(Role::ListBox).is_some());
    h.key_press(Key::Escape);
    h.run();
    assert!(h.query_by_role(Role::ListBox).is_none());
    h.get_by_role_and_label(Role::Window, TITLE);
    h.key_press(Key::Escape);
    h.run();
    assert!(h.query_by_role_and_label(Role::Window, TITLE).is_none());
}

#[test]
fn the_dialog_keeps_its_size_and_place_on_every_tab_and_scope() {
    for (w, hgt) in [(1280.0, 720.0), (1600.0, 1000.0)] {
        let mut h = harness(w, hgt);
        open_dialog(&mut h);
        let first = dialog(&h);
        let tabs: Vec<egui::Rect> = METHODS.iter().map(|m| h.get_by_label(m).rect()).collect();
        // Every method, then back, each with the families and a family with four criteria.
        let family = h.state().scenario.families[4].name.clone();
        for scope in [None, Some(family.as_str())] {
            if let Some(name) = scope {
                h.get_by_role_and_label(Role::ComboBox, "Weigh:").click();
                h.run();
                h.get_by_label(&format!("the criteria within {name}"))
                    .click();
                h.run();
            }
            for m in METHODS.iter().chain(&METHODS[..1]) {
                h.get_by_label(m).click();
                h.run();
                assert_eq!(dialog(&h), first, "{w}×{hgt}: {m} ({scope:?})");
                for (tab, r) in METHODS.iter().zip(&tabs) {
                    assert_eq!(h.get_by_label(tab).rect(), *r, "{tab} moved on {m}");
                }
            }
        }
        // It fits in the window.
        let screen = h.ctx.content_rect();
        assert!(screen.contains_rect(first), "{first:?} in {screen:?}");
    }
}

#[test]
fn the_pairwise_help_says_what_a_reciprocal_means() {
    let mut h = harness(1400.0, 900.0);
    open_dialog(&mut h);
    h.get_by_label("Pairwise (AHP)").click();
    h.run();
    h.get_by_label_contains("how much more important is the row than the column");
    h.get_by_label_contains("If the column is the more important, pick the reciprocal");
    // Not the old "(1/3 … the column is)".
    assert!(h.query_by_label_contains("the column is)").is_none());
}
