//! Methods and elicitation through the real window: choosing each scoring method from the top
//! bar, the normalisations it offers, the method's own numbers under the ranking, the Methods
//! view, and eliciting weights from a ranking and from pairwise comparisons.

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{By, NodeT, Queryable};
use tideline::analysis::method_comparison::compare_methods;
use tideline::analysis::scoring::{MethodDetail, score};
use tideline::app::{Command, TidelineApp, View};
use tideline::files::scenario_file::parse_ron;
use tideline::scenario::edit::Edit;
use tideline::scenario::model::{Elicitation, Method, Normalization, Scenario};
use tideline::scenario::weights::family_shares;

fn harness() -> Harness<'static, TidelineApp> {
    let app = TidelineApp::with_default_scenario().unwrap_or_else(|e| panic!("{e}"));
    let mut harness = Harness::builder()
        // Background results (the ranking's badges) may settle a few frames later.
        .with_max_steps(12)
        .with_size(egui::vec2(1500.0, 1000.0))
        .build_ui_state(|ui, app: &mut TidelineApp| app.show(ui), app);
    harness.run();
    harness
}

/// A scenario small enough to score by hand: three options on two benefit criteria (scale 0 to
/// 10), each criterion in its own family, equal weights (1/2 each):
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

fn harness_on(text: &str) -> Harness<'static, TidelineApp> {
    let s = parse_ron(text.as_bytes(), "by-hand.ron").unwrap_or_else(|e| panic!("{e}"));
    let mut harness = Harness::builder()
        // Background results (the ranking's badges) may settle a few frames later.
        .with_max_steps(12)
        .with_size(egui::vec2(1500.0, 1000.0))
        .build_ui_state(
            |ui, app: &mut TidelineApp| app.show(ui),
            TidelineApp::new(s, "by-hand.ron"),
        );
    harness.run();
    harness
}

/// Every label's text, in the order the window lays them out.
fn texts(h: &Harness<'_, TidelineApp>) -> Vec<String> {
    h.query_all(By::new().role(Role::Label))
        .filter_map(|n| {
            n.accesskit_node()
                .label()
                .or_else(|| n.accesskit_node().value())
        })
        .collect()
}

/// Whether the window shows `cells` one after another (a table's rows, read across).
fn shows_in_order(h: &Harness<'_, TidelineApp>, cells: &[&str]) -> bool {
    let all = texts(h);
    all.windows(cells.len())
        .any(|w| w.iter().zip(cells).all(|(a, b)| a == b))
}

fn assert_rows(h: &Harness<'_, TidelineApp>, cells: &[&str]) {
    assert!(shows_in_order(h, cells), "{cells:?} not in {:?}", texts(h));
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

/// Each method's numbers on the small scenario, worked out by hand (TOPSIS's square roots by
/// an independent computation), in rank order under the ranking chart.
///
/// Weighted sum on the scale 0..10: X = (0.9 + 0.1)/2 = 0.5, Y = (0.5 + 0.4)/2 = 0.45,
/// Z = (0.2 + 0.2)/2 = 0.2.
/// Weighted product on raw values: X = 9^½·1^½ = 3, Y = √20 = 4.4721, Z = 2.
/// TOPSIS (vector): column norms √110 and √21, weighted values ½·x/norm, ideal (0.4291,
/// 0.4364), anti-ideal (0.0953, 0.1091); D+, D− and closeness from a separate script:
/// X 0.3273, 0.3337, 0.5048; Y 0.1907, 0.3572, 0.6520; Z 0.3987, 0.1091, 0.2149.
/// PROMETHEE II, usual criterion: π(X,Y) = π(Y,X) = π(X,Z) = π(Z,X) = ½, π(Y,Z) = 1, π(Z,Y) = 0;
/// φ⁺ = ½, ¾, ¼ and φ⁻ = ½, ¼, ¾, so φ = 0, ½, −½.
#[test]
fn each_method_shows_the_small_scenario_as_worked_out_by_hand() {
    let mut h = harness_on(BY_HAND);
    assert_rows(
        &h,
        &["1", "X", "0.5000", "2", "Y", "0.4500", "3", "Z", "0.2000"],
    );
    pick_method(&mut h, Method::Wpm);
    assert_rows(
        &h,
        &["1", "Y", "4.4721", "2", "X", "3.0000", "3", "Z", "2.0000"],
    );
    pick_method(&mut h, Method::Topsis);
    assert_eq!(
        h.state().scenario.settings.normalization,
        Normalization::Vector
    );
    assert_rows(
        &h,
        &[
            "1", "Y", "0.1907", "0.3572", "0.6520", "2", "X", "0.3273", "0.3337", "0.5048", "3",
            "Z", "0.3987", "0.1091", "0.2149",
        ],
    );
    pick_method(&mut h, Method::Promethee2);
    assert_rows(
        &h,
        &[
            "1", "Y", "0.7500", "0.2500", "0.5000", "2", "X", "0.5000", "0.5000", "0.0000", "3",
            "Z", "0.2500", "0.7500", "-0.5000",
        ],
    );
    // Both flows agree on every pair.
    h.get_by_label(
        "PROMETHEE I (partial order): no incomparable pairs; it agrees with the complete ranking.",
    );
}

/// VIKOR on the small scenario, by hand (Opricovic & Tzeng 2004): best and worst values
/// f* = (9, 4), f⁻ = (2, 1); S = ½·(9 − b)/7 + ½·(4 − d)/3 and R the larger term:
/// X: S = 0 + ½ = ½, R = ½; Y: S = R = 2/7; Z: S = ½ + 1/3 = 5/6, R = ½.
/// Q = v·(S − 2/7)/(5/6 − 2/7) + (1 − v)·(R − 2/7)/(½ − 2/7):
/// at v = ½, X: ½·9/23 + ½ = 16/23 = 0.6957, Y: 0, Z: 1. Q(X) − Q(Y) ≥ DQ = ½ and Y is best
/// by S and R: the compromise is Y alone, both conditions met.
/// At v = 0.9, Q(X) = 0.9·9/23 + 0.1 = 10.4/23 = 0.4522 < ½: no acceptable advantage, so the
/// compromise is every option within DQ of Y: Y, then X.
#[test]
fn vikor_shows_v_and_the_compromise_set() {
    let mut h = harness_on(BY_HAND);
    pick_method(&mut h, Method::Vikor);
    assert_eq!(h.state().scenario.settings.method, Method::Vikor);
    assert_rows(
        &h,
        &[
            "1", "Y", "0.2857", "0.2857", "0.0000", "2", "X", "0.5000", "0.5000", "0.6957", "3",
            "Z", "0.8333", "0.5000", "1.0000",
        ],
    );
    h.get_by_label("Compromise set: Y");
    h.get_by_label_contains("Acceptable advantage (Q₂ − Q₁ ≥ 1/(m − 1)): met · acceptable stability (best Q also best by S or R): met");

    h.state_mut().execute(Command::Edit(Edit::SetVikorV(0.9)));
    h.run();
    match &h.state().ranking().unwrap_or_else(|e| panic!("{e}")).detail {
        MethodDetail::Vikor { v, .. } => assert_eq!(*v, 0.9),
        other => panic!("not VIKOR: {other:?}"),
    }
    h.get_by_label_contains("v = 0.90");
    assert_rows(&h, &["2", "X", "0.5000", "0.5000", "0.4522"]);
    h.get_by_label("Compromise set: Y, X");
    h.get_by_label_contains("Acceptable advantage (Q₂ − Q₁ ≥ 1/(m − 1)): not met · acceptable stability (best Q also best by S or R): met");
}

/// Three options on three benefit criteria weighted 0.5, 0.3, 0.2 (usual criterion):
/// P = (1, 1, 1), Q = (2, 2, 1), R = (3, 1, 1). By hand: π(Q,P) = 0.8, π(R,P) = 0.5,
/// π(Q,R) = 0.3, π(R,Q) = 0.5, P prefers nothing. φ⁺ = 0, 0.55, 0.5; φ⁻ = 0.65, 0.25, 0.15;
/// φ = −0.65, 0.3, 0.35: R first, then Q. But Q leaves more (0.55 > 0.5) and is entered more
/// (0.25 > 0.15) than R: PROMETHEE I leaves R and Q incomparable, the one such pair.
const PARTIAL: &str = r#"(
    metadata: (format_version: 1, title: "Partial order"),
    families: [(id: "f", name: "F")],
    criteria: [
        (id: "c1", name: "C1", family: "f", direction: Maximize, scale: (min: 0, max: 10)),
        (id: "c2", name: "C2", family: "f", direction: Maximize, scale: (min: 0, max: 10)),
        (id: "c3", name: "C3", family: "f", direction: Maximize, scale: (min: 0, max: 10)),
    ],
    options: [
        (id: "p", name: "P", provenance: (document: "test")),
        (id: "q", name: "Q", provenance: (document: "test")),
        (id: "r", name: "R", provenance: (document: "test")),
    ],
    performance: [
        (option: "p", criterion: "c1", value: 1), (option: "p", criterion: "c2", value: 1),
        (option: "p", criterion: "c3", value: 1),
        (option: "q", criterion: "c1", value: 2), (option: "q", criterion: "c2", value: 2),
        (option: "q", criterion: "c3", value: 1),
        (option: "r", criterion: "c1", value: 3), (option: "r", criterion: "c2", value: 1),
        (option: "r", criterion: "c3", value: 1),
    ],
    profiles: [(id: "w", name: "W", criterion_weights: {"c1": 5, "c2": 3, "c3": 2})],
    settings: (active_profile: "w"),
)"#;

#[test]
fn promethee_states_its_partial_order() {
    let mut h = harness_on(PARTIAL);
    pick_method(&mut h, Method::Promethee2);
    assert_rows(
        &h,
        &[
            "1", "R", "0.5000", "0.1500", "0.3500", "2", "Q", "0.5500", "0.2500", "0.3000", "3",
            "P", "0.0000", "0.6500", "-0.6500",
        ],
    );
    let note = h
        .get_by_label_contains("PROMETHEE I (partial order): 1 incomparable pair —")
        .accesskit_node()
        .label()
        .or_else(|| {
            h.get_by_label_contains("PROMETHEE I (partial order): 1 incomparable pair —")
                .accesskit_node()
                .value()
        })
        .unwrap_or_default();
    assert!(note.ends_with("R – Q"), "{note}");
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

/// The Methods view on the small scenario. By hand (see the tests above): the weighted sum
/// ranks X, Y, Z; every other method Y, X, Z. Kendall's τ-b between the weighted sum and any
/// other: pair (X, Y) discordant, (X, Z) and (Y, Z) concordant, τ = (2 − 1)/3 = +0.33; between
/// any two others, and of each method with itself, +1.00. So the 5 × 5 table holds +0.33 eight
/// times (the weighted sum's row and column, less the diagonal) and +1.00 seventeen times.
#[test]
fn the_methods_view_shows_ranks_and_tau_worked_out_by_hand() {
    let mut h = harness_on(BY_HAND);
    h.get_by_role_and_label(Role::Button, "Methods").click();
    h.run();
    assert_eq!(h.state().view, View::Methods);
    h.get_by_label(
        "The methods disagree on the top option — Weighted sum: X · Weighted product: Y · \
         TOPSIS: Y · PROMETHEE II: Y · VIKOR: Y.",
    );
    // Rows in the weighted sum's order: its rank, the other four, then the spread.
    assert_rows(&h, &["X", "1", "2", "2", "2", "2", "1–2"]);
    assert_rows(&h, &["Y", "2", "1", "1", "1", "1", "1–2"]);
    assert_rows(&h, &["Z", "3", "3", "3", "3", "3", "3"]);
    let count = |t: &str| texts(&h).iter().filter(|x| *x == t).count();
    assert_eq!((count("+0.33"), count("+1.00")), (8, 17));
    assert_rows(
        &h,
        &["Weighted sum", "+1.00", "+0.33", "+0.33", "+0.33", "+0.33"],
    );
    assert_rows(&h, &["TOPSIS", "+0.33", "+1.00", "+1.00", "+1.00", "+1.00"]);
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
