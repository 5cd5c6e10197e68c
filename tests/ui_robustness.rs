//! The Robustness view through the real window: the sweep of a scenario small enough to work
//! out by hand, the background job restarting after an edit (coalesced) and being cancelled,
//! the Ranking view's first-rank badges against `smaa::run`, Chinese and projection mode, and
//! an idle window once the job is done.

use std::time::Duration;

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use tideline::analysis::smaa::{self, Control, Request, WeightInfo};
use tideline::app::{Command, TidelineApp, View};
use tideline::files::scenario_file::{default_scenario, parse_ron};
use tideline::i18n::Lang;
use tideline::scenario::edit::Edit;
use tideline::scenario::model::{Method, Scenario};
use tideline::scenario::validate::MAX_DRAWS;

/// Three options on two benefit criteria (scale 0 to 10), each criterion in its own family,
/// equal weights: X = (9, 1), Y = (5, 4), Z = (2, 2). Under the weighted sum with the scale
/// normalised to 0..1, and `w` the weight of B (D weighs 1 − w):
/// X = 0.9w + 0.1(1 − w) = 0.1 + 0.8w, Y = 0.5w + 0.4(1 − w) = 0.4 + 0.1w, Z = 0.2.
/// X passes Z at w = 1/8 (Y stays first) and Y at w = 3/7 ≈ 42.857 % (X becomes first); Y and
/// Z never cross. At w = 1/2 the order is X, Y, Z, and X stays first for w in [3/7, 1].
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

fn by_hand() -> Scenario {
    parse_ron(BY_HAND.as_bytes(), "by-hand.ron").unwrap_or_else(|e| panic!("{e}"))
}

fn harness_with(app: TidelineApp, size: egui::Vec2) -> Harness<'static, TidelineApp> {
    let mut harness = Harness::builder()
        // Background results (the ranking's badges) may settle a few frames later.
        .with_max_steps(12)
        .with_size(size)
        .build_ui_state(|ui, app: &mut TidelineApp| app.show(ui), app);
    harness.run();
    harness
}

fn harness_on(s: Scenario, view: View) -> Harness<'static, TidelineApp> {
    let mut app = TidelineApp::new(s, "test.ron");
    app.execute(Command::ShowView(view));
    harness_with(app, egui::vec2(1500.0, 1000.0))
}

/// Waits for the job and draws the result.
fn settle(h: &mut Harness<'static, TidelineApp>) {
    h.state_mut().finish_robustness();
    h.run();
}

fn repaint_pending(h: &Harness<'static, TidelineApp>) -> bool {
    h.output()
        .viewport_output
        .get(&egui::ViewportId::ROOT)
        .is_some_and(|v| v.repaint_delay != Duration::MAX)
}

/// Whether the window stops asking for frames within a few (a frame may still be owed to the
/// job's last message on a loaded machine; a window that repaints forever never stops).
fn no_repaint_pending(h: &mut Harness<'static, TidelineApp>) -> bool {
    for _ in 0..5 {
        if !repaint_pending(h) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(60));
        h.step();
    }
    !repaint_pending(h)
}

#[test]
fn the_sweep_shows_the_reversal_worked_out_by_hand() {
    let mut h = harness_on(by_hand(), View::Robustness);
    settle(&mut h);
    let (rev, sweep) = h
        .state()
        .robustness_sweep()
        .unwrap_or_else(|| panic!("no sweep"));
    assert_eq!(rev, h.state().revision());
    let sweep = sweep.unwrap_or_else(|e| panic!("{e}"));
    // Both criteria are equally critical (3/7 is 1/14 below B's 1/2, and D's crossing at 4/7
    // 1/14 above): the first, B, is swept.
    assert!((sweep.current_weight - 0.5).abs() < 1e-12);
    let top: Vec<f64> = sweep
        .reversals
        .iter()
        .filter(|r| r.top_changes)
        .map(|r| r.weight)
        .collect();
    assert_eq!(top.len(), 1);
    assert!((top[0] - 3.0 / 7.0).abs() < 1e-9, "{top:?}");
    assert!((sweep.stable.top.lo - 3.0 / 7.0).abs() < 1e-9);
    assert!((sweep.stable.top.hi - 1.0).abs() < 1e-9);
    let all: Vec<f64> = sweep.reversals.iter().map(|r| r.weight).collect();
    assert_eq!(all.len(), 2, "{all:?}");
    assert!((all[0] - 0.125).abs() < 1e-9);
    // On screen, in words.
    h.get_by_label_contains("X stays first while it weighs between 42.9 % and 100.0 %");
    h.get_by_label_contains("at 42.9 %: X overtakes Y — a new option comes first");
    h.get_by_label_contains("at 12.5 %: X overtakes Z");
    assert!(
        no_repaint_pending(&mut h),
        "an idle window must not repaint"
    );
}

#[test]
fn badges_show_what_smaa_gives_for_the_same_request() {
    let s = by_hand();
    let mut h = harness_on(s.clone(), View::Ranking);
    settle(&mut h);
    // The scenario has no weight ranges: the view asks for ordinal weights. One level (equal
    // weights) is no order at all, so w_B is uniform on 0..1 and X is first with
    // P(w_B > 3/7) = 4/7 ≈ 57 %, Y with 3/7, Z never.
    let mut req = Request::from_settings(&s);
    req.weights = WeightInfo::Ordinal;
    let r = smaa::run(&s, &req, &Control::default()).unwrap_or_else(|e| panic!("{e}"));
    let first: Vec<f64> = r.options.iter().map(|o| o.rank_acceptability[0]).collect();
    // Three standard errors of 10,000 draws.
    assert!((first[0] - 4.0 / 7.0).abs() < 0.015, "{first:?}");
    assert!((first[1] - 3.0 / 7.0).abs() < 0.015, "{first:?}");
    assert_eq!(first[2], 0.0);
    for v in &first {
        h.get_by_label(&format!("{:.0} % first", v * 100.0));
    }
    assert!(no_repaint_pending(&mut h));
}

#[test]
fn an_edit_restarts_the_job_after_the_inputs_settle() {
    let mut h = harness_on(by_hand(), View::Robustness);
    settle(&mut h);
    let before = h.state().revision();
    h.state_mut().execute(Command::Edit(Edit::SetFamilyShare {
        family: "breadth".into(),
        share: 0.8,
        locked: Vec::new(),
    }));
    assert_ne!(h.state().revision(), before);
    // A drag's first frames start nothing: the old results stay, marked as updating.
    h.step();
    assert!(!h.state().robustness_running());
    assert_eq!(h.state().robustness_smaa().map(|(r, _)| r), Some(before));
    h.get_by_label("Updating…");
    // Once the inputs have stood still long enough, a frame starts the run.
    std::thread::sleep(Duration::from_millis(350));
    h.step();
    let rev = h.state().revision();
    let started =
        h.state().robustness_running() || h.state().robustness_smaa().map(|(r, _)| r) == Some(rev);
    assert!(started, "no run started after the settling time");
    settle(&mut h);
    let (r, smaa) = h
        .state()
        .robustness_smaa()
        .unwrap_or_else(|| panic!("none"));
    assert_eq!(r, rev);
    // B now weighs 0.8 > D: ordinal weights keep w_B > 1/2 > 3/7, so X is always first.
    let smaa = smaa.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(smaa.options[0].rank_acceptability[0], 1.0);
    let sweep = h.state().robustness_sweep().and_then(|(_, s)| s.ok());
    assert!(sweep.is_some_and(|s| (s.current_weight - 0.8).abs() < 1e-12));
    h.get_by_label("Up to date.");
    assert!(no_repaint_pending(&mut h));
}

#[test]
fn cancel_stops_the_run_and_it_does_not_come_back_by_itself() {
    // Long enough to cancel: TOPSIS (rescored in full each draw), ten million draws.
    let mut s = default_scenario().unwrap_or_else(|e| panic!("{e}"));
    s.settings.method = Method::Topsis;
    s.settings.monte_carlo.draws = MAX_DRAWS;
    let mut app = TidelineApp::new(s, "long.ron");
    app.execute(Command::ShowView(View::Robustness));
    let mut h = Harness::builder()
        // Background results (the ranking's badges) may settle a few frames later.
        .with_max_steps(12)
        .with_size(egui::vec2(1500.0, 1000.0))
        .build_ui_state(|ui, app: &mut TidelineApp| app.show(ui), app);
    h.step();
    assert!(
        h.state().robustness_running(),
        "the first run starts at once"
    );
    h.get_by_label("Cancel").click();
    h.step();
    h.step();
    assert!(!h.state().robustness_running());
    assert!(h.state().robustness_smaa().is_none());
    h.get_by_label_contains("Stopped");
    h.get_by_label("Run again");
    std::thread::sleep(Duration::from_millis(350));
    h.step();
    assert!(!h.state().robustness_running(), "restarted by itself");
    assert!(no_repaint_pending(&mut h));
}

#[test]
fn chinese_and_projection_render_with_every_glyph() {
    let mut app = TidelineApp::with_default_scenario().unwrap_or_else(|e| panic!("{e}"));
    app.execute(Command::SetLanguage(Lang::ZhCn));
    app.execute(Command::ShowView(View::Robustness));
    app.execute(Command::Projection(true));
    let mut h = harness_with(app, egui::vec2(1920.0, 1080.0));
    settle(&mut h);
    h.get_by_label("对单个权重的敏感性");
    h.get_by_label("不确定性（蒙特卡洛）");
    // Every new string has a Chinese translation in the catalogue.
    let zh = Lang::ZhCn.strings().entries();
    let en = Lang::En.strings().entries();
    for ((name, z), (_, e)) in zh.iter().zip(&en) {
        if name.starts_with("robust_") || name.starts_with("ranking_badge") {
            assert!(
                z.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) || z == e,
                "{name} is not translated"
            );
        }
    }
    // kittest panics on a character no font has: drawing the view in Chinese is the check.
    assert!(h.query_all_by_label_contains("首位").next().is_some());
}

/// Five options on two criteria and two profiles that each weigh one criterion: "breadth"
/// (vote weight 3) ranks A 9, B 8, C 7, E 2, D 1 and "depth" (vote weight 1) ranks D 9, E 8,
/// C 3, B 2, A 1. With no score uncertainty and each draw one profile in proportion to its vote
/// weight, the share of draws with each option in the top 3 is A 3/4, B 3/4, C 1, D 1/4,
/// E 1/4: at the default threshold of 50 %, A, B and C are robust across the room.
const ROOM: &str = r#"(
    metadata: (format_version: 1, title: "Room"),
    families: [(id: "f", name: "F")],
    criteria: [
        (id: "b", name: "B", family: "f", direction: Maximize, scale: (min: 0, max: 10)),
        (id: "d", name: "D", family: "f", direction: Maximize, scale: (min: 0, max: 10)),
    ],
    options: [
        (id: "a", name: "Opt A", provenance: (document: "test")),
        (id: "bb", name: "Opt B", provenance: (document: "test")),
        (id: "c", name: "Opt C", provenance: (document: "test")),
        (id: "dd", name: "Opt D", provenance: (document: "test")),
        (id: "e", name: "Opt E", provenance: (document: "test")),
    ],
    performance: [
        (option: "a", criterion: "b", value: 9), (option: "a", criterion: "d", value: 1),
        (option: "bb", criterion: "b", value: 8), (option: "bb", criterion: "d", value: 2),
        (option: "c", criterion: "b", value: 7), (option: "c", criterion: "d", value: 3),
        (option: "dd", criterion: "b", value: 1), (option: "dd", criterion: "d", value: 9),
        (option: "e", criterion: "b", value: 2), (option: "e", criterion: "d", value: 8),
    ],
    profiles: [
        (id: "breadth", name: "Breadth", vote_weight: 3, criterion_weights: {"b": 1, "d": 0}),
        (id: "depth", name: "Depth", criterion_weights: {"b": 0, "d": 1}),
    ],
    settings: (active_profile: "breadth", monte_carlo: (draws: 4000, seed: 7)),
)"#;

#[test]
fn options_robust_across_the_room_are_marked_with_their_share() {
    let s = parse_ron(ROOM.as_bytes(), "room.ron").unwrap_or_else(|e| panic!("{e}"));
    let mut app = TidelineApp::new(s, "room.ron");
    app.execute(Command::ShowView(View::Robustness));
    app.set_robustness_weights(WeightInfo::Profiles);
    let mut h = harness_with(app, egui::vec2(1500.0, 2400.0));
    settle(&mut h);
    h.run();
    let marks: Vec<String> = h
        .query_all_by_label_contains("Robust across the room: in the top 3 in")
        .filter_map(|n| {
            let node = n.accesskit_node();
            node.label().or_else(|| node.value())
        })
        .collect();
    assert_eq!(marks.len(), 3, "{marks:#?}");
    // The shares, 3/4 and 1 within Monte Carlo error (4,000 draws: σ ≈ 0.7 points at 3/4).
    let shares: Vec<f64> = marks
        .iter()
        .filter_map(|m| {
            let after = m.split("in the top 3 in ").nth(1)?;
            after.split(' ').next()?.parse().ok()
        })
        .collect();
    assert_eq!(shares.len(), 3, "{marks:#?}");
    let mut sorted = shares.clone();
    sorted.sort_by(f64::total_cmp);
    assert!((sorted[0] - 75.0).abs() <= 3.0, "{sorted:?}");
    assert!((sorted[1] - 75.0).abs() <= 3.0, "{sorted:?}");
    assert!((sorted[2] - 100.0).abs() < 1e-9, "{sorted:?}");
    // Under any other weight information there is no marker.
    h.state_mut().set_robustness_weights(WeightInfo::Exact);
    settle(&mut h);
    h.run();
    assert_eq!(
        h.query_all_by_label_contains("Robust across the room: in the top")
            .count(),
        0
    );
}
