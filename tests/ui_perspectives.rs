//! The Perspectives view through the real window, on the built-in scenario (five profiles, ten
//! options): every profile and option on show, the common ground against each profile's ranking
//! from `scoring` for every k, sorting by a heading, the concessions once the background job is
//! done (checked by scoring the weights they name) and marked as estimates under TOPSIS,
//! Chinese and projection, an idle window, the group profile dialog with its one undo step, and
//! a scenario of one profile.

use std::time::Duration;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use tideline::analysis::scoring::{Problem, ranks, score_problem, score_with};
use tideline::app::{Command, TidelineApp, View};
use tideline::files::scenario_file::{default_scenario, parse_ron};
use tideline::i18n::{Lang, perspectives};
use tideline::scenario::model::{Method, Normalization, Scenario};
use tideline::scenario::weights::effective_weights;

fn scenario() -> Scenario {
    default_scenario().unwrap_or_else(|e| panic!("{e}"))
}

fn harness_on(s: Scenario, size: egui::Vec2) -> Harness<'static, TidelineApp> {
    let mut app = TidelineApp::new(s, "test.ron");
    app.execute(Command::ShowView(View::Perspectives));
    let mut harness = Harness::builder()
        .with_max_steps(12)
        .with_size(size)
        .build_ui_state(|ui, app: &mut TidelineApp| app.show(ui), app);
    harness.run();
    harness
}

fn harness() -> Harness<'static, TidelineApp> {
    harness_on(scenario(), egui::vec2(1500.0, 1000.0))
}

/// Waits for the concessions and draws them.
fn settle(h: &mut Harness<'static, TidelineApp>) {
    h.state_mut().finish_concessions();
    h.run();
}

/// Each profile's ranks from `scoring`, under the scenario's method.
fn ranks_by_profile(s: &Scenario) -> Vec<Vec<usize>> {
    (0..s.profiles.len())
        .map(|p| {
            score_with(s, p, s.settings.method, s.settings.normalization)
                .unwrap_or_else(|e| panic!("{e}"))
                .ranks
        })
        .collect()
}

/// The top of the topmost node whose label is exactly `text` (the rank matrix sits above
/// everything else naming options and profiles).
fn top_of(h: &Harness<'static, TidelineApp>, text: &str) -> f32 {
    h.query_all_by_label(text)
        .map(|n| n.rect().top())
        .fold(f32::INFINITY, f32::min)
}

fn repaint_pending(h: &Harness<'static, TidelineApp>) -> bool {
    h.output()
        .viewport_output
        .get(&egui::ViewportId::ROOT)
        .is_some_and(|v| v.repaint_delay != Duration::MAX)
}

/// Whether the window stops asking for frames within a few (as in ui_robustness: one frame
/// may still be owed to the job's last message on a loaded machine).
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
fn every_profile_and_option_is_on_show() {
    let s = scenario();
    assert!(s.profiles.len() >= 5 && s.options.len() >= 10);
    let h = harness();
    for p in &s.profiles {
        assert!(
            h.query_all_by_label(&p.name).next().is_some(),
            "profile {} missing",
            p.name
        );
    }
    for o in &s.options {
        let label = o.label_in(Lang::En);
        assert!(
            h.query_all_by_label(label).next().is_some()
                || h.query_all_by_label(&format!("✔ {label}")).next().is_some(),
            "option {label} missing"
        );
    }
}

#[test]
fn common_ground_names_the_options_in_every_profiles_top_k() {
    let s = scenario();
    let by_profile = ranks_by_profile(&s);
    let mut h = harness();
    // From the default 3 down to 1, then up to every option.
    h.get_by_label("−").click();
    h.run();
    h.get_by_label("−").click();
    h.run();
    for k in 1..=s.options.len() {
        if k > 1 {
            h.get_by_label("+").click();
            h.run();
        }
        let ground: Vec<&str> = (0..s.options.len())
            .filter(|&i| by_profile.iter().all(|r| r[i] <= k))
            .map(|i| s.options[i].label_in(Lang::En))
            .collect();
        let expected = if ground.is_empty() {
            format!("No option is in the top {k} for every profile.")
        } else {
            let list = ground.join(", ");
            // No second full stop after an abbreviation's.
            let end = if list.ends_with('.') { "" } else { "." };
            format!("In the top {k} for every profile: {list}{end}")
        };
        h.get_by_label(&expected);
        // The rows of the common ground are marked.
        for name in &ground {
            h.get_by_label(&format!("✔ {name}"));
        }
    }
    // At k = n every option is in; at k = 1 only an option first for everyone (none here).
    assert!(
        by_profile
            .iter()
            .any(|r| r.iter().filter(|&&x| x == 1).count() == 1)
    );
    for _ in 1..s.options.len() {
        h.get_by_label("−").click();
        h.run();
    }
    h.get_by_label("No option is in the top 1 for every profile.");
}

#[test]
fn a_click_on_a_heading_sorts_the_rows() {
    let s = scenario();
    let by_profile = ranks_by_profile(&s);
    let label = |i: usize| s.options[i].label_in(Lang::En).to_string();
    let mut h = harness();
    let rows_top = |h: &Harness<'static, TidelineApp>| -> Vec<f32> {
        (0..s.options.len()).map(|i| top_of(h, &label(i))).collect()
    };
    // At first, the scenario's order.
    let y = rows_top(&h);
    assert!(y.windows(2).all(|w| w[0] < w[1]), "{y:?}");
    // By one profile's ranking: rows in the order of its ranks (from `scoring`).
    let p = 1;
    let name = s.profiles[p].name.clone();
    let header = h
        .query_all_by_label(&name)
        .min_by(|a, b| a.rect().top().total_cmp(&b.rect().top()))
        .unwrap_or_else(|| panic!("no heading {name}"));
    header.click();
    h.run();
    let y = rows_top(&h);
    let mut by_y: Vec<usize> = (0..s.options.len()).collect();
    by_y.sort_by(|&a, &b| y[a].total_cmp(&y[b]));
    let ranks: Vec<usize> = by_y.iter().map(|&i| by_profile[p][i]).collect();
    assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{ranks:?}");
    assert_ne!(by_y, (0..s.options.len()).collect::<Vec<_>>());
    // By mean rank, worked out here.
    h.get_by_label("Mean rank").click();
    h.run();
    let y = rows_top(&h);
    let mean = |i: usize| by_profile.iter().map(|r| r[i] as f64).sum::<f64>();
    let mut by_y: Vec<usize> = (0..s.options.len()).collect();
    by_y.sort_by(|&a, &b| y[a].total_cmp(&y[b]));
    let means: Vec<f64> = by_y.iter().map(|&i| mean(i)).collect();
    assert!(means.windows(2).all(|w| w[0] <= w[1]), "{means:?}");
    // And back.
    h.get_by_label("Option").click();
    h.run();
    let y = rows_top(&h);
    assert!(y.windows(2).all(|w| w[0] < w[1]), "{y:?}");
}

#[test]
fn concessions_appear_once_the_job_is_done_and_hold_when_scored() {
    let s = scenario();
    let mut h = harness();
    settle(&mut h);
    let (revision, list) = h
        .state()
        .concessions()
        .unwrap_or_else(|| panic!("no concessions"));
    assert_eq!(revision, h.state().revision());
    let list = list.unwrap_or_else(|e| panic!("{e}")).to_vec();
    assert_eq!(list.len(), s.profiles.len());
    let ids: Vec<&str> = s.options.iter().map(|o| o.id.as_str()).collect();
    let matrix = s.matrix();
    let by_profile = ranks_by_profile(&s);
    for c in &list {
        // The top option is the profile's first, by `scoring`.
        assert_eq!(by_profile[c.profile][c.top], 1);
        let reach = c.reach.as_ref().unwrap_or_else(|| panic!("no rival"));
        // Under the weights it names, the rival is first (alone or tied), and the change is
        // the sum of the weight changes.
        let w = &reach.weights;
        assert!((w.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        let problem = Problem {
            options: &ids,
            criteria: &s.criteria,
            matrix: &matrix,
            weights: w,
            vikor_v: s.settings.vikor_v,
        };
        let out = score_problem(&problem, s.settings.method, s.settings.normalization)
            .unwrap_or_else(|e| panic!("{e}"));
        let r = ranks(&out.scores, true);
        // Tied with the top within the scoring's tolerance, so allow a hair.
        let gap = out.scores[c.top] - out.scores[reach.rival];
        assert!(r[reach.rival] == 1 || gap.abs() < 1e-9, "{gap}");
        let own = effective_weights(&s, &s.profiles[c.profile]);
        let moved: f64 = own.iter().zip(w).map(|(a, b)| (a - b).abs()).sum::<f64>() * 100.0;
        assert!((moved - reach.change_pp).abs() < 1e-6);
        // The weighted sum's answer is exact; on screen with one decimal.
        assert!(c.exact);
        if reach.change_pp >= 0.05 {
            let text = format!("{:.1} pp", reach.change_pp);
            assert!(h.query_all_by_label(&text).next().is_some(), "{text}");
        }
    }
    assert!(h.query_all_by_label("exact").count() >= s.profiles.len());
    assert!(
        no_repaint_pending(&mut h),
        "an idle window must not repaint"
    );
}

#[test]
fn chinese_and_projection_render_with_every_glyph() {
    let mut app = TidelineApp::with_default_scenario().unwrap_or_else(|e| panic!("{e}"));
    app.execute(Command::SetLanguage(Lang::ZhCn));
    app.execute(Command::ShowView(View::Perspectives));
    app.execute(Command::Projection(true));
    let mut h = Harness::builder()
        .with_max_steps(12)
        .with_size(egui::vec2(1920.0, 1080.0))
        .build_ui_state(|ui, app: &mut TidelineApp| app.show(ui), app);
    h.run();
    settle(&mut h);
    h.get_by_label("各权重方案下的名次");
    h.get_by_label("没有方案在每个权重方案的前 3 名中。");
    assert!(h.query_all_by_label("精确").next().is_some());
    // kittest panics on a character no font has: drawing the view in Chinese is the check.
    // Every string of the view has a Chinese translation.
    let zh = perspectives::texts(Lang::ZhCn).entries();
    let en = perspectives::texts(Lang::En).entries();
    for ((name, z), (_, e)) in zh.iter().zip(&en) {
        assert!(
            z.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) || z == e,
            "{name} is not translated"
        );
    }
    assert!(no_repaint_pending(&mut h));
    // The group dialog (not offered while presenting) in Chinese too.
    assert!(h.query_all_by_label("生成小组权重方案…").next().is_none());
    h.state_mut().execute(Command::Projection(false));
    h.run();
    h.get_by_label("生成小组权重方案…").click();
    h.run();
    h.get_by_label("添加小组权重方案");
    h.get_by_label("四分位距");
}

#[test]
fn a_group_profile_is_added_in_one_step_and_one_undo_removes_it() {
    let s = scenario();
    let mut h = harness();
    let before = h.state().scenario.profiles.len();
    h.get_by_label("Make group profile…").click();
    // The dialog asks for the frames it needs to settle.
    h.run();
    h.get_by_label("Make a group profile");
    // Open and settled, the dialog lets the window idle.
    assert!(no_repaint_pending(&mut h));
    h.get_by_label("Add group profile").click();
    h.run();
    let after = &h.state().scenario;
    assert_eq!(after.profiles.len(), before + 1, "{}", h.state().status);
    let group = &after.profiles[before];
    assert_eq!(group.name, "Group (mean)");
    // The mean rule with every vote weight 1: each effective weight is the plain mean of the
    // profiles' effective weights.
    let mean: Vec<f64> = (0..s.criteria.len())
        .map(|j| {
            s.profiles
                .iter()
                .map(|p| effective_weights(&s, p)[j])
                .sum::<f64>()
                / s.profiles.len() as f64
        })
        .collect();
    assert!(s.profiles.iter().all(|p| p.vote_weight == 1.0));
    let got = effective_weights(after, group);
    for (g, m) in got.iter().zip(&mean) {
        assert!((g - m).abs() < 1e-9, "{got:?} vs {mean:?}");
    }
    // The dialog is closed and the new profile is in the view.
    assert!(h.query_all_by_label("Add group profile").next().is_none());
    assert!(h.query_all_by_label("Group (mean)").next().is_some());
    h.state_mut().execute(Command::Undo);
    h.run();
    assert_eq!(h.state().scenario.profiles.len(), before);
    assert_eq!(h.state().scenario, s);
}

#[test]
fn one_profile_says_how_to_add_more() {
    let text = r#"(
        metadata: (format_version: 1, title: "One"),
        families: [(id: "f", name: "F")],
        criteria: [(id: "c", name: "C", family: "f", direction: Maximize, scale: (min: 0, max: 10))],
        options: [
            (id: "x", name: "X", provenance: (document: "test")),
            (id: "y", name: "Y", provenance: (document: "test")),
        ],
        performance: [(option: "x", criterion: "c", value: 1), (option: "y", criterion: "c", value: 2)],
        profiles: [(id: "only", name: "Only")],
        settings: (active_profile: "only"),
    )"#;
    let s = parse_ron(text.as_bytes(), "one.ron").unwrap_or_else(|e| panic!("{e}"));
    let mut h = harness_on(s, egui::vec2(1280.0, 720.0));
    h.get_by_label("Perspectives compare two or more weight profiles; this scenario has 1.");
    h.get_by_label_contains("File › Import weights");
    assert!(!h.state().concessions_running());
    assert!(h.state().concessions().is_none());
    assert!(no_repaint_pending(&mut h));
}

#[test]
fn other_methods_give_estimates_marked_as_such() {
    let mut s = scenario();
    s.settings.method = Method::Topsis;
    s.settings.normalization = Normalization::Vector;
    let mut h = harness_on(s.clone(), egui::vec2(1500.0, 1000.0));
    settle(&mut h);
    let (_, list) = h
        .state()
        .concessions()
        .unwrap_or_else(|| panic!("no concessions"));
    let list = list.unwrap_or_else(|e| panic!("{e}")).to_vec();
    assert_eq!(list.len(), s.profiles.len());
    assert!(list.iter().all(|c| !c.exact));
    let shown = h.query_all_by_label("estimate").count()
        + h.query_all_by_label("estimate, search cut short").count();
    assert_eq!(shown, s.profiles.len());
    assert!(h.query_all_by_label("exact").next().is_none());
}
