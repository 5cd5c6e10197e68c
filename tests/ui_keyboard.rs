//! Everything reachable without a mouse: Tab walks through the menus, the top bar, the view
//! navigator, the weights panel and the central view; Enter and Space press what has focus;
//! arrow keys move a focused weight.

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{By, NodeT, Queryable};
use tideline::app::{TidelineApp, View};

fn harness() -> Harness<'static, TidelineApp> {
    let app = TidelineApp::with_default_scenario().unwrap_or_else(|e| panic!("{e}"));
    let mut harness = Harness::builder()
        // Background results (the ranking's badges) may settle a few frames later.
        .with_max_steps(12)
        .with_size(egui::vec2(1400.0, 900.0))
        .build_ui_state(|ui, app: &mut TidelineApp| app.show(ui), app);
    harness.run();
    harness
}

/// The role and label of the widget with keyboard focus, if any.
fn focused(h: &Harness<'_, TidelineApp>) -> Option<(Role, String)> {
    h.query_all(By::new().predicate(|n| n.is_focused()))
        .next()
        .map(|n| {
            let a = n.accesskit_node();
            (a.role(), a.label().unwrap_or_default())
        })
}

/// Presses Tab until the focused widget matches, or gives up after a full cycle.
fn tab_to(h: &mut Harness<'_, TidelineApp>, role: Role, label: &str) {
    for _ in 0..200 {
        h.key_press(Key::Tab);
        h.run();
        if focused(h).is_some_and(|(r, l)| r == role && l == label) {
            return;
        }
    }
    panic!("Tab never reached {role:?} `{label}`");
}

#[test]
fn tab_walks_through_menus_top_bar_navigator_weights_and_view() {
    let mut h = harness();
    let s = h.state().scenario.clone();
    let mut seen = Vec::new();
    // One full cycle through the window is about 80 stops on the default scenario.
    for _ in 0..100 {
        h.key_press(Key::Tab);
        h.run();
        if let Some(f) = focused(&h) {
            seen.push(f);
        }
    }
    let has = |role: Role, label: &str| seen.iter().any(|(r, l)| *r == role && l == label);
    for menu in ["File", "Edit", "View"] {
        assert!(has(Role::Button, menu), "menu {menu}");
    }
    for combo in ["Profile:", "Method:", "Normalisation:"] {
        assert!(has(Role::ComboBox, combo), "top bar {combo}");
    }
    for v in View::ALL {
        assert!(has(Role::Button, v.title()), "navigator {}", v.title());
    }
    for f in &s.families {
        assert!(has(Role::Slider, &f.name), "weight of {}", f.name);
        assert!(
            has(Role::Button, &format!("Lock {}", f.name)),
            "lock of {}",
            f.name
        );
    }
    for c in &s.criteria {
        assert!(has(Role::Slider, c.label()), "weight of {}", c.label());
    }
    // Every stop says what it is: no nameless buttons for a screen reader to announce.
    for (role, label) in &seen {
        if matches!(
            role,
            Role::Button | Role::Slider | Role::ComboBox | Role::CheckBox
        ) {
            assert!(
                label.chars().any(char::is_alphanumeric),
                "a {role:?} without a name: `{label}`"
            );
        }
    }
}

#[test]
fn enter_presses_a_focused_navigator_entry() {
    let mut h = harness();
    tab_to(&mut h, Role::Button, "Compare");
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().view, View::Compare);
    tab_to(&mut h, Role::Button, "Matrix");
    h.key_press(Key::Space);
    h.run();
    assert_eq!(h.state().view, View::Matrix);
}

#[test]
fn menus_open_and_act_from_the_keyboard() {
    let mut h = harness();
    let dark = h.state().prefs.dark_mode;
    tab_to(&mut h, Role::Button, "View");
    h.key_press(Key::Enter);
    h.run();
    tab_to(
        &mut h,
        Role::Button,
        if dark { "Light theme" } else { "Dark theme" },
    );
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().prefs.dark_mode, !dark);
}

#[test]
fn the_profile_is_switched_from_the_keyboard() {
    let mut h = harness();
    let s = h.state().scenario.clone();
    let other = &s.profiles[1];
    assert_ne!(s.settings.active_profile, other.id);
    tab_to(&mut h, Role::ComboBox, "Profile:");
    h.key_press(Key::Space);
    h.run();
    tab_to(&mut h, Role::Button, &other.name);
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().scenario.settings.active_profile, other.id);
}

#[test]
fn arrow_keys_move_a_focused_weight_and_each_press_undoes_alone() {
    let mut h = harness();
    let before = h.state().scenario.clone();
    let family = before.families[0].name.clone();
    tab_to(&mut h, Role::Slider, &family);
    let shares = |s: &tideline::scenario::model::Scenario| {
        let p = &s.profiles[s.active_profile_index()];
        tideline::scenario::weights::family_shares(s, p)[0]
    };
    let mut seen = vec![shares(&before)];
    for _ in 0..3 {
        h.key_press(Key::ArrowRight);
        h.run();
        seen.push(shares(&h.state().scenario));
    }
    assert!(
        seen.windows(2).all(|w| w[1] > w[0]),
        "each press raises the weight: {seen:?}"
    );
    // A tap is a step of its own (a held key, with no release between, is one step).
    for k in (0..3).rev() {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
        let now = shares(&h.state().scenario);
        assert!(
            (now - seen[k]).abs() < 1e-12,
            "undo {k}: {now} vs {}",
            seen[k]
        );
    }
    assert!(
        h.state().scenario == before,
        "back to the document as loaded"
    );
}
