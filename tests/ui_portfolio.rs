//! The Portfolio view through the real window, on the built-in scenario (nine candidates with
//! costs, a status-quo baseline, a budget of 20): the best portfolio it lists against a
//! brute-force enumeration written here from the definitions (every subset, the scorer's
//! scores minus the baseline's, the interactions' effects, exclusions and requirements, the
//! must-in and must-out lists, the budget), for the scenario's budget and after the budget
//! slider moves; a must-out toggle as one undoable edit of `settings.portfolio.exclude`; the
//! refusal of a method whose scores do not add up, with the way back; the constraints named
//! when they clash; missing costs named; an idle window once the runs are done.

use std::time::Duration;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use tideline::analysis::scoring::score_with;
use tideline::app::{Command, TidelineApp, View, labels};
use tideline::files::scenario_file::default_scenario;
use tideline::i18n::{Lang, fill, portfolio};
use tideline::scenario::edit::Edit;
use tideline::scenario::model::{Method, Relation, Scenario};

fn scenario() -> Scenario {
    let mut s = default_scenario().unwrap_or_else(|e| panic!("{e}"));
    // Fewer draws for the core index: the tests are about the plan, and stay quick.
    s.settings.monte_carlo.draws = 300;
    s
}

fn harness_on(s: Scenario) -> Harness<'static, TidelineApp> {
    let mut app = TidelineApp::new(s, "test.ron");
    app.execute(Command::ShowView(View::Portfolio));
    let mut harness = Harness::builder()
        .with_max_steps(12)
        .with_size(egui::vec2(1500.0, 1000.0))
        .build_ui_state(|ui, app: &mut TidelineApp| app.show(ui), app);
    harness.run();
    settle(&mut harness);
    harness
}

/// Waits for the background runs of the current inputs and draws their results.
fn settle(h: &mut Harness<'static, TidelineApp>) {
    h.state_mut().finish_portfolio();
    h.run();
}

/// The best portfolio by brute force: option ids, cost, value. Ties in value go to the cheaper.
fn brute_force(s: &Scenario, budget: f64) -> (Vec<String>, f64, f64) {
    brute_force_holding(s, budget, None).unwrap_or_else(|| panic!("no feasible portfolio"))
}

/// The best portfolio by brute force among those holding `with` (all, when `None`).
fn brute_force_holding(
    s: &Scenario,
    budget: f64,
    with: Option<&str>,
) -> Option<(Vec<String>, f64, f64)> {
    let scores = score_with(
        s,
        s.active_profile_index(),
        s.settings.method,
        s.settings.normalization,
    )
    .unwrap_or_else(|e| panic!("{e}"))
    .scores;
    let p = &s.settings.portfolio;
    let base_index = s
        .options
        .iter()
        .position(|o| o.id == p.baseline)
        .unwrap_or_else(|| panic!("no baseline"));
    let base = scores[base_index];
    let candidates: Vec<usize> = (0..s.options.len()).filter(|&o| o != base_index).collect();
    let n = candidates.len();
    let mut best: Option<(Vec<String>, f64, f64)> = None;
    for mask in 0u32..1 << n {
        let chosen: Vec<usize> = (0..n)
            .filter(|k| mask & (1 << k) != 0)
            .map(|k| candidates[k])
            .collect();
        let has = |id: &str| chosen.iter().any(|&o| s.options[o].id == id);
        let cost: f64 = chosen
            .iter()
            .map(|&o| s.options[o].cost.unwrap_or_else(|| panic!("no cost")))
            .sum();
        if cost > budget + 1e-9 {
            continue;
        }
        if p.include.iter().any(|id| !has(id)) || p.exclude.iter().any(|id| has(id)) {
            continue;
        }
        if with.is_some_and(|id| !has(id)) {
            continue;
        }
        let mut value: f64 = chosen.iter().map(|&o| scores[o] - base).sum();
        let mut feasible = true;
        for &o in &chosen {
            for x in &s.options[o].interactions {
                match x.relation {
                    Relation::Effect if has(&x.with) => value += x.effect,
                    Relation::Excludes if has(&x.with) => feasible = false,
                    Relation::Requires if !has(&x.with) => feasible = false,
                    _ => {}
                }
            }
        }
        if !feasible {
            continue;
        }
        let better = best
            .as_ref()
            .is_none_or(|(_, c, v)| value > v + 1e-9 || (value > v - 1e-9 && cost < c - 1e-9));
        if better {
            let ids = chosen.iter().map(|&o| s.options[o].id.clone()).collect();
            best = Some((ids, cost, value));
        }
    }
    best
}

/// The options the view lists as members of the best portfolio ("✔ name").
fn listed(h: &Harness<'static, TidelineApp>, s: &Scenario) -> Vec<String> {
    s.options
        .iter()
        .filter(|o| {
            h.query_all_by_label(&format!("✔ {}", o.name_in(Lang::En)))
                .next()
                .is_some()
        })
        .map(|o| o.id.clone())
        .collect()
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

fn summary(n: usize, cost: f64, value: f64) -> String {
    let t = portfolio::texts(Lang::En);
    // The view's own rounding: cost to 2 decimals, value to 3, trailing zeros dropped.
    let trim = |x: String| {
        if x.contains('.') {
            x.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            x
        }
    };
    fill(
        t.best_summary,
        &[
            &n,
            // `+ 0.0`: an empty sum is −0.
            &format!("{} effort units", trim(format!("{:.2}", cost + 0.0))),
            &trim(format!("{:.3}", value + 0.0)),
        ],
    )
}

#[test]
fn the_best_portfolio_at_the_budget_of_20_is_the_brute_force_one() {
    let s = scenario();
    assert_eq!(s.settings.budget, Some(20.0));
    let (ids, cost, value) = brute_force(&s, 20.0);
    assert!(!ids.is_empty() && ids.len() < 9, "{ids:?}");
    let h = harness_on(s.clone());
    assert_eq!(sorted(listed(&h, &s)), sorted(ids.clone()));
    h.get_by_label(&summary(ids.len(), cost, value));
    let t = portfolio::texts(Lang::En);
    let name = |id: &str| {
        s.options
            .iter()
            .find(|o| o.id == id)
            .map_or_else(|| panic!("{id}"), |o| o.name_in(Lang::En).to_string())
    };
    // The interactions at work: every effect between two members.
    let mut effects = 0;
    for o in s.options.iter().filter(|o| ids.contains(&o.id)) {
        for x in o.interactions.iter().filter(|x| ids.contains(&x.with)) {
            h.get_by_label(&fill(t.effect_pair, &[&name(&o.id), &name(&x.with)]));
            effects += 1;
        }
    }
    assert!(effects > 0);
    // Each option left out: the value lost when it is forced in, by brute force.
    for o in s.options.iter().skip(1).filter(|o| !ids.contains(&o.id)) {
        let (_, c, v) = brute_force_holding(&s, 20.0, Some(&o.id))
            .unwrap_or_else(|| panic!("{} cannot be in", o.id));
        let three = |x: f64| {
            let t = format!("{x:.3}");
            t.trim_end_matches('0').trim_end_matches('.').to_string()
        };
        h.get_by_label(&fill(
            t.why_better_use,
            &[&three(value - v), &three(v), &format!("{c} effort units")],
        ));
    }
}

#[test]
fn moving_the_budget_gives_the_brute_force_portfolio_for_it() {
    let s = scenario();
    let mut h = harness_on(s.clone());
    let mut seen = Vec::new();
    for budget in [10.0, 5.5, 27.0, 0.0] {
        h.get_by_role_and_label(Role::Slider, "Budget:")
            .set_value_accesskit(budget);
        h.run();
        settle(&mut h);
        let (ids, cost, value) = brute_force(&s, budget);
        assert_eq!(
            sorted(listed(&h, &s)),
            sorted(ids.clone()),
            "budget {budget}"
        );
        h.get_by_label(&summary(ids.len(), cost, value));
        seen.push(sorted(ids));
    }
    // The budgets were chosen so that the portfolio changes each time.
    for w in seen.windows(2) {
        assert_ne!(w[0], w[1]);
    }
    // Nothing was edited: the slider is the view's own.
    assert_eq!(h.state().scenario.settings.budget, Some(20.0));
    assert!(!h.state().can_undo());
    // Until the button makes it the scenario's budget, one undoable edit.
    h.get_by_label(&fill(
        portfolio::texts(Lang::En).set_budget,
        &[&"0 effort units"],
    ))
    .click();
    h.run();
    assert_eq!(h.state().scenario.settings.budget, Some(0.0));
    h.state_mut().execute(Command::Undo);
    h.run();
    assert_eq!(h.state().scenario.settings.budget, Some(20.0));
}

#[test]
fn a_must_out_toggle_removes_a_member_and_undo_brings_it_back() {
    let s = scenario();
    let (ids, ..) = brute_force(&s, 20.0);
    let member = s
        .options
        .iter()
        .find(|o| ids.contains(&o.id))
        .unwrap_or_else(|| panic!("no member"))
        .clone();
    let mut h = harness_on(s.clone());
    let out = portfolio::texts(Lang::En).choice_out;
    h.get_by_label(&format!("{}: {out}", member.name_in(Lang::En)))
        .click();
    h.run();
    settle(&mut h);
    let now = h.state().scenario.clone();
    assert_eq!(now.settings.portfolio.exclude, vec![member.id.clone()]);
    let (without, ..) = brute_force(&now, 20.0);
    assert!(!without.contains(&member.id));
    assert_eq!(sorted(listed(&h, &now)), sorted(without));
    // The option left out says why: the scenario keeps it out.
    h.get_by_label(portfolio::texts(Lang::En).why_must_out);

    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    settle(&mut h);
    assert!(h.state().scenario.settings.portfolio.exclude.is_empty());
    assert_eq!(sorted(listed(&h, &s)), sorted(ids));
}

#[test]
fn a_method_whose_scores_do_not_add_up_is_refused_with_the_way_back() {
    let mut h = harness_on(scenario());
    h.state_mut()
        .execute(Command::Edit(Edit::SetMethod(Method::Topsis)));
    h.run();
    settle(&mut h);
    let t = portfolio::texts(Lang::En);
    h.get_by_label(&fill(
        t.not_additive,
        &[&labels::method_title(Method::Topsis)],
    ));
    assert!(listed(&h, &h.state().scenario.clone()).is_empty());
    h.get_by_label(&fill(t.switch_to, &[&labels::method_title(Method::Wsm)]))
        .click();
    h.run();
    settle(&mut h);
    assert_eq!(h.state().scenario.settings.method, Method::Wsm);
    assert!(!listed(&h, &h.state().scenario.clone()).is_empty());
}

#[test]
fn clashing_constraints_and_missing_costs_are_named() {
    let t = portfolio::texts(Lang::En);
    // Must-ins costing 21 together against a budget of 20.
    let mut s = scenario();
    s.settings.portfolio.include = vec![
        "binding-agreement".into(),
        "finance-capacity".into(),
        "knowledge-hub".into(),
    ];
    let h = harness_on(s);
    h.get_by_label(t.infeasible);
    h.get_by_label(&format!(
        "• {}",
        fill(t.clash_budget, &[&"20 effort units"])
    ));
    for name in [
        "New legally binding international agreement",
        "Financial and technical support and capacity building",
        "Global knowledge hub",
    ] {
        h.get_by_label(&format!("• {}", fill(t.clash_must_in, &[&name])));
    }

    let mut s = scenario();
    s.options[2].cost = None;
    s.options[5].cost = None;
    let names = format!(
        "{}, {}",
        s.options[2].name_in(Lang::En),
        s.options[5].name_in(Lang::En)
    );
    let h = harness_on(s);
    h.get_by_label(t.no_cost);
    h.get_by_label(&fill(t.no_cost_list, &[&names]));
}

fn repaint_pending(h: &Harness<'static, TidelineApp>) -> bool {
    h.output()
        .viewport_output
        .get(&egui::ViewportId::ROOT)
        .is_some_and(|v| v.repaint_delay != Duration::MAX)
}

#[test]
fn the_window_is_idle_once_the_runs_are_done() {
    let mut h = harness_on(scenario());
    let mut idle = false;
    for _ in 0..8 {
        h.step();
        if !repaint_pending(&h) && !h.state().portfolio_running() {
            idle = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(60));
    }
    assert!(idle, "the window keeps asking for frames");
}

/// Every portfolio no other beats on both value and cost, by brute force: (cost, value, ids),
/// cheapest first; `None` in place of the ids where two subsets tie on both.
fn brute_frontier(s: &Scenario) -> Vec<(f64, f64, Option<Vec<String>>)> {
    let p = &s.settings.portfolio;
    let candidates: Vec<&str> = s
        .options
        .iter()
        .filter(|o| o.id != p.baseline)
        .map(|o| o.id.as_str())
        .collect();
    let mut all: Vec<(f64, f64, Vec<String>)> = Vec::new();
    // Each subset as the best holding exactly it: brute force over subsets via the budget
    // loop would repeat work, so evaluate every subset directly with a budget of infinity
    // and the subset's members forced.
    let scores = score_with(
        s,
        s.active_profile_index(),
        s.settings.method,
        s.settings.normalization,
    )
    .unwrap_or_else(|e| panic!("{e}"))
    .scores;
    let index = |id: &str| {
        s.options
            .iter()
            .position(|o| o.id == id)
            .unwrap_or_else(|| panic!("{id}"))
    };
    let base = scores[index(&p.baseline)];
    for mask in 0u32..1 << candidates.len() {
        let ids: Vec<&str> = (0..candidates.len())
            .filter(|k| mask & (1 << k) != 0)
            .map(|k| candidates[k])
            .collect();
        let has = |id: &str| ids.contains(&id);
        let mut value = 0.0;
        let mut cost = 0.0;
        let mut feasible = true;
        for id in &ids {
            let o = &s.options[index(id)];
            value += scores[index(id)] - base;
            cost += o.cost.unwrap_or_else(|| panic!("no cost"));
            for x in &o.interactions {
                match x.relation {
                    Relation::Effect if has(&x.with) => value += x.effect,
                    Relation::Excludes if has(&x.with) => feasible = false,
                    Relation::Requires if !has(&x.with) => feasible = false,
                    _ => {}
                }
            }
        }
        if feasible {
            all.push((cost, value, ids.iter().map(|x| x.to_string()).collect()));
        }
    }
    let beats = |a: &(f64, f64, Vec<String>), b: &(f64, f64, Vec<String>)| {
        a.0 <= b.0 + 1e-9 && a.1 >= b.1 - 1e-9 && (a.0 < b.0 - 1e-9 || a.1 > b.1 + 1e-9)
    };
    let mut front: Vec<(f64, f64, Option<Vec<String>>)> = Vec::new();
    for a in &all {
        if all.iter().any(|b| beats(b, a)) {
            continue;
        }
        match front
            .iter_mut()
            .find(|f| (f.0 - a.0).abs() < 1e-9 && (f.1 - a.1).abs() < 1e-9)
        {
            Some(f) => f.2 = None,
            None => front.push((a.0, a.1, Some(a.2.clone()))),
        }
    }
    front.sort_by(|a, b| a.0.total_cmp(&b.0));
    front
}

#[test]
fn the_frontier_on_offer_is_the_brute_force_one_and_a_point_lists_its_members() {
    let s = scenario();
    let front = brute_frontier(&s);
    assert!(front.len() > 10, "{}", front.len());
    let mut h = harness_on(s.clone());
    let t = portfolio::texts(Lang::En);
    h.get_by_role_and_label(Role::ComboBox, "Efficient portfolio:")
        .click();
    h.run();
    // The entries as the view shows them: "cost C effort units, value V, N options".
    let shown: Vec<(f64, f64, usize)> = h
        .query_all_by_label_contains(" effort units, value ")
        .filter_map(|n| n.accesskit_node().label())
        .map(|label| {
            let parts: Vec<&str> = label.split(", ").collect();
            let num = |s: &str, k: usize| -> f64 {
                let word = s.split(' ').nth(k).unwrap_or_else(|| panic!("{label}"));
                word.parse().unwrap_or_else(|e| panic!("{label}: {e}"))
            };
            (
                num(parts[0], 1),
                num(parts[1], 1),
                num(parts[2], 0) as usize,
            )
        })
        .collect();
    assert_eq!(shown.len(), front.len(), "{shown:?}");
    for (f, got) in front.iter().zip(&shown) {
        // Cost to 2 decimals, value to 3 (half a unit of the last decimal either way).
        assert!((f.0 - got.0).abs() < 0.005 + 1e-9, "{f:?} {got:?}");
        assert!((f.1 - got.1).abs() < 0.0005 + 1e-9, "{f:?} {got:?}");
        if let Some(ids) = &f.2 {
            assert_eq!(ids.len(), got.2, "{f:?}");
        }
    }
    // A point in the middle, with one subset of its cost and value: its members listed.
    let (k, f) = front
        .iter()
        .enumerate()
        .skip(front.len() / 2)
        .find(|(_, f)| f.2.is_some())
        .unwrap_or_else(|| panic!("every point ties"));
    let ids = f.2.clone().unwrap_or_default();
    let (cost, value, n) = shown[k];
    assert_eq!(n, ids.len());
    let text = |x: f64, places: usize| {
        let t = format!("{x:.places$}");
        t.trim_end_matches('0').trim_end_matches('.').to_string()
    };
    h.get_by_label(&fill(
        t.selected,
        &[
            &format!("{} effort units", text(cost, 2)),
            &text(value, 3),
            &n,
        ],
    ))
    // As a screen reader or the keyboard would: the list scrolls, the entry may be hidden.
    .click_accesskit();
    h.run();
    let names: Vec<&str> = s
        .options
        .iter()
        .filter(|o| ids.contains(&o.id))
        .map(|o| o.name_in(Lang::En))
        .collect();
    h.get_by_label(&fill(t.point_members, &[&names.join(", ")]));
}
