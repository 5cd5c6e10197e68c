//! Methods and elicitation through the real window: choosing each scoring method from the top
//! bar, the normalisations it offers, the method's own numbers under the ranking, the Methods
//! view, and eliciting weights from a ranking and from pairwise comparisons.

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use tideline::app::{Command, TidelineApp, View};
use tideline::edit::Edit;
use tideline::method_comparison::compare_methods;
use tideline::model::{Elicitation, Method, Normalization, Scenario};
use tideline::scoring::{MethodDetail, score};
use tideline::weights::family_shares;

fn harness() -> Harness<'static, TidelineApp> {
    let app = TidelineApp::with_default_scenario().unwrap_or_else(|e| panic!("{e}"));
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1500.0, 1000.0))
        .build_ui_state(|ui, app: &mut TidelineApp| app.show(ui), app);
    harness.run();
    harness
}

fn pick_method(h: &mut Harness<'static, TidelineApp>, m: Method) {
    h.get_by_role_and_label(Role::ComboBox, "Method:").click();
    h.run();
    h.get_by_label(m.title()).click();
    h.run();
}

#[test]
fn every_method_is_picked_from_the_top_bar_and_shows_its_numbers() {
    let mut h = harness();
    for m in [
        Method::Topsis,
        Method::Promethee2,
        Method::Vikor,
        Method::Wpm,
        Method::Wsm,
    ] {
        pick_method(&mut h, m);
        let s = h.state().scenario.clone();
        assert_eq!(s.settings.method, m);
        assert!(
            m.allows(s.settings.normalization),
            "{m:?} with {:?}",
            s.settings.normalization
        );
        let expected = score(&s).unwrap_or_else(|e| panic!("{m:?}: {e}"));
        let shown = h
            .state()
            .ranking()
            .unwrap_or_else(|e| panic!("{e}"))
            .clone();
        assert_eq!(shown.ranks, expected.ranks, "{m:?}");
        h.get_by_label(&format!("{} in numbers", m.title()));
    }
}

#[test]
fn switching_method_takes_an_allowed_normalisation_and_undo_restores_both() {
    let mut h = harness();
    let before = h.state().scenario.settings.clone();
    assert_eq!(before.normalization, Normalization::Scale);
    pick_method(&mut h, Method::Promethee2);
    assert_eq!(
        h.state().scenario.settings.normalization,
        Normalization::None
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().scenario.settings, before);
}

#[test]
fn the_normalisation_menu_offers_only_what_the_method_takes() {
    let mut h = harness();
    pick_method(&mut h, Method::Topsis);
    h.get_by_role_and_label(Role::ComboBox, "Normalisation:")
        .click();
    h.run();
    assert!(h.query_by_label("minmax").is_some());
    assert!(h.query_by_label("scale").is_none());
    h.get_by_label("minmax").click();
    h.run();
    assert_eq!(
        h.state().scenario.settings.normalization,
        Normalization::MinMax
    );
}

#[test]
fn vikor_shows_v_and_the_compromise_set() {
    let mut h = harness();
    pick_method(&mut h, Method::Vikor);
    h.get_by_label_contains("Compromise set:");
    h.get_by_label_contains("Acceptable advantage");
    h.state_mut().execute(Command::Edit(Edit::SetVikorV(0.2)));
    h.run();
    match &h.state().ranking().unwrap_or_else(|e| panic!("{e}")).detail {
        MethodDetail::Vikor { v, .. } => assert_eq!(*v, 0.2),
        other => panic!("not VIKOR: {other:?}"),
    }
    h.get_by_label_contains("v = 0.20");
}

#[test]
fn promethee_states_its_partial_order() {
    let mut h = harness();
    pick_method(&mut h, Method::Promethee2);
    h.get_by_label_contains("PROMETHEE I (partial order)");
}

#[test]
fn the_methods_view_names_every_method_and_the_top_option() {
    let mut h = harness();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num6);
    h.run();
    assert_eq!(h.state().view, View::Methods);
    let s = h.state().scenario.clone();
    for m in Method::ALL {
        // The table's column (and, for the method in use, the top bar too).
        assert!(
            h.query_all_by_label(m.title()).count() >= 1,
            "{}",
            m.title()
        );
    }
    h.get_by_label("Kendall's τ-b between methods");
    // The sentence on agreement, worked out here from the engine directly.
    let c = compare_methods(&s, s.active_profile_index());
    let tops: Vec<usize> = (0..c.methods.len())
        .filter_map(|k| c.ranks(k)?.iter().position(|&r| r == 1))
        .collect();
    if tops.iter().all(|&t| t == tops[0]) {
        h.get_by_label_contains(&format!(
            "Every method that scored puts {} first",
            s.options[tops[0]].label()
        ));
    } else {
        h.get_by_label_contains("The methods disagree on the top option");
    }
}

fn shares(s: &Scenario) -> Vec<f64> {
    family_shares(s, &s.profiles[s.active_profile_index()])
}

#[test]
fn a_ranking_of_the_families_gives_rank_order_centroid_weights() {
    let mut h = harness();
    let before = h.state().scenario.clone();
    h.get_by_label("Elicit…").click();
    h.run();
    h.get_by_label("Rank order").click();
    h.run();
    // The equal profile starts with every family tied: untie them, keeping scenario order.
    for _ in 0..4 {
        let ticked = h
            .get_all_by_label("tied with the one above")
            .find(|n| n.accesskit_node().toggled() == Some(egui::accesskit::Toggled::True));
        ticked.unwrap_or_else(|| panic!("a ticked box")).click();
        h.run();
    }
    h.get_by_label(&format!("Apply to {}", before.profiles[0].name))
        .click();
    h.run();
    let s = h.state().scenario.clone();
    // Rank-order centroid for n = 5 (Barron & Barrett 1996), by hand: w_k = (1/5) Σ_{i=k..5} 1/i.
    let roc = [
        (1.0 + 1.0 / 2.0 + 1.0 / 3.0 + 1.0 / 4.0 + 1.0 / 5.0) / 5.0,
        (1.0 / 2.0 + 1.0 / 3.0 + 1.0 / 4.0 + 1.0 / 5.0) / 5.0,
        (1.0 / 3.0 + 1.0 / 4.0 + 1.0 / 5.0) / 5.0,
        (1.0 / 4.0 + 1.0 / 5.0) / 5.0,
        (1.0 / 5.0) / 5.0,
    ];
    let got = shares(&s);
    for (g, w) in got.iter().zip(roc) {
        assert!((g - w).abs() < 1e-9, "{got:?} vs {roc:?}");
    }
    let p = &s.profiles[s.active_profile_index()];
    assert_eq!(p.elicitation, Elicitation::Ranking);
    assert_eq!(p.elicited.len(), 1);
    // One undo takes the whole elicitation back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(h.state().scenario == before);
}

#[test]
fn pairwise_judgements_show_consistency_and_apply() {
    let mut h = harness();
    let s0 = h.state().scenario.clone();
    h.get_by_label("Elicit…").click();
    h.run();
    h.get_by_label("Pairwise (AHP)").click();
    h.run();
    let (a, b, c) = (
        &s0.families[0].name,
        &s0.families[1].name,
        &s0.families[2].name,
    );
    // a = 3 b, b = 3 c, but a = 1/3 c: a contradiction the dialog must point out.
    for (x, y, v) in [(a, b, "3"), (b, c, "3"), (a, c, "1/3")] {
        h.get_by_label(&format!("{x} against {y}")).click();
        h.run();
        // By accessibility action: the list may open below the bottom of the test screen.
        h.get_by_role_and_label(Role::Button, v).click_accesskit();
        h.run();
    }
    h.get_by_label_contains("above 0.10");
    h.get_by_label_contains("Most inconsistent judgement");
    h.get_by_label(&format!("Apply to {}", s0.profiles[0].name))
        .click();
    h.run();
    let got = shares(&h.state().scenario);
    assert!(got[0] != got[3], "the weights changed: {got:?}");
    assert_eq!(
        h.state().scenario.profiles[0].elicitation,
        Elicitation::Pairwise
    );
}

#[test]
fn the_tau_table_names_rows_and_columns_alike() {
    let mut h = harness();
    h.state_mut().execute(Command::ShowView(View::Methods));
    h.run();
    let top = h
        .get_by_label("Kendall's τ-b between methods")
        .rect()
        .bottom();
    // Below the τ heading each method's title appears twice: over its column and before its
    // row.
    let mut columns = Vec::new();
    let mut rows = Vec::new();
    for m in Method::ALL {
        let mut at: Vec<egui::Rect> = h
            .query_all_by_label(m.title())
            .map(|n| n.rect())
            .filter(|r| r.top() > top)
            .collect();
        assert_eq!(at.len(), 2, "{} in the τ table: {at:?}", m.title());
        at.sort_by(|a, b| a.top().total_cmp(&b.top()));
        columns.push(at[0]);
        rows.push(at[1]);
        assert!(
            h.query_by_label(m.keyword()).is_none(),
            "the id {:?} shown as a heading",
            m.keyword()
        );
    }
    // One header row, left to right in method order; row names down the left in the same order.
    for pair in columns.windows(2) {
        assert!((pair[0].center().y - pair[1].center().y).abs() < 1.0);
        assert!(pair[0].left() < pair[1].left());
    }
    for pair in rows.windows(2) {
        assert!((pair[0].left() - pair[1].left()).abs() < 1.0);
        assert!(pair[0].top() < pair[1].top());
    }
    assert!(
        rows[0].right() < columns[0].left(),
        "row names left of the columns"
    );
}
