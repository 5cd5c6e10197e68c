//! Portfolios checked against brute force: the best portfolio and the efficient frontier on
//! hundreds of random small instances (effects, exclusions, requirements, cluster limits,
//! must-in and must-out, a second resource), each of the 2ⁿ subsets checked by this file's own
//! evaluation; hand-worked cases through a scenario file; the core index without uncertainty;
//! the reasons for the best portfolio (each left-out option forced in) against brute force.

use std::num::NonZeroUsize;

use tideline::analysis::portfolio::{
    Clash, ClusterBound, CoreClass, CoreRequest, Instance, Item, PortfolioError, Why, best,
    best_within, by_profile, clashes, core, frontier, reasons, scored,
};
use tideline::analysis::scoring::score_with;
use tideline::analysis::smaa::WeightInfo;
use tideline::files::scenario_file::{default_scenario, parse_ron};
use tideline::scenario::model::{Method, Normalization, Scenario};

/// SplitMix64, seeded: the same cases on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
}

/// A random instance of `n` items. Half the cases use quarter-unit values and whole costs, so
/// that ties in value and cost are common and the tie rule is exercised; the others use
/// arbitrary reals.
fn random_instance(rng: &mut Rng, n: usize) -> Instance {
    let coarse = rng.chance(0.5);
    let num = |rng: &mut Rng, lo: f64, hi: f64, step: f64| {
        if coarse {
            let steps = ((hi - lo) / step) as u64;
            lo + step * rng.below(steps + 1) as f64
        } else {
            lo + (hi - lo) * rng.unit()
        }
    };
    let clusters = if rng.chance(0.4) {
        (0..2)
            .map(|k| {
                let min = rng.below(3) as u32;
                ClusterBound {
                    id: format!("k{k}"),
                    min,
                    max: rng.chance(0.6).then(|| min + rng.below(3) as u32),
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    let has_resource = rng.chance(0.3);
    let items: Vec<Item> = (0..n)
        .map(|i| Item {
            id: format!("o{i}"),
            value: num(rng, -0.3, 1.0, 0.25),
            cost: if rng.chance(0.1) {
                0.0
            } else {
                num(rng, 0.0, 6.0, 1.0)
            },
            resource: if has_resource {
                num(rng, 0.0, 3.0, 1.0)
            } else {
                0.0
            },
            cluster: if clusters.is_empty() || rng.chance(0.3) {
                None
            } else {
                Some(rng.below(clusters.len() as u64) as usize)
            },
        })
        .collect();
    let pair = |rng: &mut Rng| {
        let a = rng.below(n as u64) as usize;
        let mut b = rng.below(n as u64) as usize;
        if a == b {
            b = (b + 1) % n;
        }
        (a, b)
    };
    let mut inst = Instance {
        items,
        clusters,
        budget: rng.chance(0.85).then(|| num(rng, 0.0, 3.0 * n as f64, 1.0)),
        resource_limit: has_resource.then(|| num(rng, 0.0, 2.0 * n as f64, 1.0)),
        ..Instance::default()
    };
    if n >= 2 {
        for _ in 0..rng.below(2 * n as u64) {
            let (a, b) = pair(rng);
            let e = num(rng, -0.5, 0.6, 0.25);
            inst.effects.push((a, b, e));
        }
        for _ in 0..rng.below(3) {
            inst.excludes.push(pair(rng));
        }
        for _ in 0..rng.below(3) {
            inst.requires.push(pair(rng));
        }
    }
    for i in 0..n {
        if rng.chance(0.06) {
            inst.include.push(i);
        } else if rng.chance(0.06) {
            inst.exclude.push(i);
        }
    }
    inst
}

/// Cost and value of the subset `mask`, or `None` when it breaks a constraint — written out
/// from the definitions, independently of the solver.
fn evaluate(inst: &Instance, mask: u32, cost_limit: Option<f64>) -> Option<(f64, f64)> {
    let has = |i: usize| mask & (1 << i) != 0;
    let n = inst.items.len();
    let members: Vec<usize> = (0..n).filter(|&i| has(i)).collect();
    let cost: f64 = members.iter().map(|&i| inst.items[i].cost).sum();
    let res: f64 = members.iter().map(|&i| inst.items[i].resource).sum();
    let slack = 1e-9 * (1.0 + inst.items.iter().map(|i| i.cost).sum::<f64>());
    if cost_limit.is_some_and(|b| cost > b + slack) {
        return None;
    }
    if inst
        .resource_limit
        .is_some_and(|r| res > r + 1e-9 * (1.0 + res))
    {
        return None;
    }
    if inst.include.iter().any(|&i| !has(i)) || inst.exclude.iter().any(|&i| has(i)) {
        return None;
    }
    if inst.excludes.iter().any(|&(a, b)| has(a) && has(b)) {
        return None;
    }
    if inst.requires.iter().any(|&(a, b)| has(a) && !has(b)) {
        return None;
    }
    for (k, c) in inst.clusters.iter().enumerate() {
        let count = members
            .iter()
            .filter(|&&i| inst.items[i].cluster == Some(k))
            .count() as u32;
        if count < c.min || c.max.is_some_and(|m| count > m) {
            return None;
        }
    }
    let mut value: f64 = members.iter().map(|&i| inst.items[i].value).sum();
    for &(a, b, e) in &inst.effects {
        if has(a) && has(b) {
            value += e;
        }
    }
    Some((cost, value))
}

fn all_feasible(inst: &Instance, cost_limit: Option<f64>) -> Vec<(u32, f64, f64)> {
    (0..1u32 << inst.items.len())
        .filter_map(|m| evaluate(inst, m, cost_limit).map(|(c, v)| (m, c, v)))
        .collect()
}

fn mask_of(members: &[usize]) -> u32 {
    members.iter().map(|&i| 1u32 << i).sum()
}

const TOL: f64 = 1e-7;

#[test]
fn the_best_portfolio_equals_brute_force_on_600_random_instances() {
    let mut rng = Rng(7);
    let (mut feasible, mut infeasible, mut nonempty) = (0, 0, 0);
    for case in 0..600 {
        let n = 1 + (case % 10);
        let inst = random_instance(&mut rng, n);
        let all = all_feasible(&inst, inst.budget);
        match best(&inst) {
            Err(PortfolioError::Infeasible(why)) => {
                assert!(
                    all.is_empty(),
                    "case {case}: brute force finds {all:?}\n{inst:?}"
                );
                assert!(!why.is_empty());
                infeasible += 1;
            }
            Err(e) => panic!("case {case}: {e}"),
            Ok(p) => {
                feasible += 1;
                let (cost, value) = evaluate(&inst, mask_of(&p.members), inst.budget)
                    .unwrap_or_else(|| panic!("case {case}: {p:?} breaks a constraint\n{inst:?}"));
                assert!((cost - p.cost).abs() < TOL && (value - p.value).abs() < TOL);
                let top = all.iter().map(|x| x.2).fold(f64::NEG_INFINITY, f64::max);
                assert!(
                    (value - top).abs() < TOL,
                    "case {case}: value {value}, brute force {top}\n{inst:?}"
                );
                // The cheapest of the best.
                let cheapest = all
                    .iter()
                    .filter(|x| x.2 > top - TOL)
                    .map(|x| x.1)
                    .fold(f64::INFINITY, f64::min);
                assert!(
                    cost < cheapest + TOL,
                    "case {case}: cost {cost}, {cheapest}"
                );
                if !p.members.is_empty() {
                    nonempty += 1;
                }
            }
        }
    }
    // The generator covers both outcomes well.
    assert!(
        feasible > 300 && infeasible > 20 && nonempty > 250,
        "{feasible} {infeasible} {nonempty}"
    );
}

#[test]
fn the_frontier_equals_the_brute_force_non_dominated_set() {
    let mut rng = Rng(11);
    let mut points = 0;
    for case in 0..300 {
        let n = 1 + (case % 9);
        let inst = random_instance(&mut rng, n);
        let all = all_feasible(&inst, None);
        let front = match frontier(&inst) {
            Err(PortfolioError::Infeasible(_)) => {
                assert!(all.is_empty(), "case {case}");
                continue;
            }
            Err(e) => panic!("case {case}: {e}"),
            Ok(f) => f,
        };
        // Monotone: costs and values strictly rise.
        for w in front.windows(2) {
            assert!(
                w[1].cost > w[0].cost && w[1].value > w[0].value,
                "case {case}"
            );
        }
        // Every point is feasible and the best for its own cost (brute force).
        for p in &front {
            let (c, v) = evaluate(&inst, mask_of(&p.members), None)
                .unwrap_or_else(|| panic!("case {case}: infeasible point"));
            assert!((c - p.cost).abs() < TOL && (v - p.value).abs() < TOL);
            let top = all
                .iter()
                .filter(|x| x.1 <= c + TOL)
                .map(|x| x.2)
                .fold(f64::NEG_INFINITY, f64::max);
            assert!(
                (v - top).abs() < TOL,
                "case {case}: point ({c}, {v}) but {top}"
            );
        }
        // Every non-dominated (cost, value) pair is on it.
        for &(_, c, v) in &all {
            let dominated = all.iter().any(|&(_, c2, v2)| {
                (c2 <= c + TOL && v2 > v + TOL) || (c2 < c - TOL && v2 >= v - TOL)
            });
            if !dominated {
                assert!(
                    front
                        .iter()
                        .any(|p| (p.cost - c).abs() < TOL && (p.value - v).abs() < TOL),
                    "case {case}: ({c}, {v}) missing from {front:?}"
                );
            }
        }
        points += front.len();
    }
    assert!(points > 300, "{points}");
}

/// A small scenario: one criterion on 0–10 (so a value x scores x/10 under the weighted sum), a
/// baseline scoring 0.1, and options a, b, c, d.
fn small(extra_options: &str, settings: &str) -> Scenario {
    let text = format!(
        r#"(
    metadata: (format_version: 1, title: "Portfolio by hand"),
    clusters: [(id: "k", name: "K")],
    families: [(id: "f", name: "F")],
    criteria: [(id: "x", name: "X", family: "f", direction: Maximize, scale: (min: 0.0, max: 10.0))],
    options: [
        (id: "base", name: "Status quo", provenance: (document: "d"), cost: 0.0),
        (id: "a", name: "A", cluster: "k", provenance: (document: "d"), cost: 5.0 {extra_options}),
        (id: "b", name: "B", cluster: "k", provenance: (document: "d"), cost: 5.0),
        (id: "c", name: "C", provenance: (document: "d"), cost: 10.0),
        (id: "d", name: "D", provenance: (document: "d"), cost: 1.0),
    ],
    performance: [
        (option: "base", criterion: "x", value: 1.0),
        (option: "a", criterion: "x", value: 3.0),
        (option: "b", criterion: "x", value: 3.0),
        (option: "c", criterion: "x", value: 6.0),
        (option: "d", criterion: "x", value: 0.5),
    ],
    profiles: [(id: "p", name: "P")],
    settings: (budget: 10.0, portfolio: (baseline: "base" {settings})),
)"#
    );
    parse_ron(text.as_bytes(), "small.ron").unwrap_or_else(|e| panic!("{e}"))
}

fn best_ids(s: &Scenario) -> Result<(Vec<String>, f64, f64), PortfolioError> {
    let inst = scored(s, 0, Method::Wsm, Normalization::Scale, s.settings.budget)?;
    let p = best(&inst)?;
    Ok((
        p.ids(&inst).into_iter().map(String::from).collect(),
        p.cost,
        p.value,
    ))
}

#[test]
fn a_synergy_large_enough_flips_a_pair_into_the_portfolio() {
    // Above the baseline's 0.1: a and b 0.2 each, c 0.5, d −0.05. Budget 10: {c} = 0.5 beats
    // {a, b} = 0.4 (d only lowers any value).
    let (ids, cost, value) = best_ids(&small("", "")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ids, ["c"]);
    assert!((cost - 10.0).abs() < 1e-12 && (value - 0.5).abs() < 1e-12);
    // A synergy of 0.05 gives {a, b} 0.45: still c.
    let weak = r#", interactions: [(with: "b", effect: 0.05)]"#;
    assert_eq!(
        best_ids(&small(weak, "")).map(|r| r.0),
        Ok(vec!["c".into()])
    );
    // 0.15 gives {a, b} 0.55 > 0.5: the pair.
    let strong = r#", interactions: [(with: "b", effect: 0.15)]"#;
    let (ids, _, value) = best_ids(&small(strong, "")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ids, ["a", "b"]);
    assert!((value - 0.55).abs() < 1e-12, "{value}");
}

#[test]
fn must_in_must_out_exclusions_and_requirements_are_respected() {
    // d must be in (value −0.05, cost 1): {d} + the best of 9 → {a} or {b} (0.2), total 0.15.
    let (ids, cost, value) =
        best_ids(&small("", r#", include: ["d"]"#)).unwrap_or_else(|e| panic!("{e}"));
    assert!(ids == ["a", "d"] || ids == ["b", "d"], "{ids:?}");
    assert!((cost - 6.0).abs() < 1e-12 && (value - 0.15).abs() < 1e-12);
    // c must stay out: {a, b} 0.4.
    let (ids, ..) = best_ids(&small("", r#", exclude: ["c"]"#)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ids, ["a", "b"]);
    // c out and a excludes b: one of them, 0.2 (the first found of equals: a).
    let excl = r#", interactions: [(with: "b", relation: Excludes)]"#;
    let (ids, _, value) =
        best_ids(&small(excl, r#", exclude: ["c"]"#)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ids.len(), 1);
    assert!((value - 0.2).abs() < 1e-12);
    // a requires d: {a, b} no longer fits 10 with d (11); {a, d} = 0.15 < {b} = 0.2... and {c}
    // is out: {b, d}? d lowers it. Best: {b} alone or {a, d}: {b} at 0.2.
    let req = r#", interactions: [(with: "d", relation: Requires)]"#;
    let (ids, ..) = best_ids(&small(req, r#", exclude: ["c"]"#)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ids, ["b"]);
    // At most one from cluster k, at least one: {a} or {b}, with c out; c in, over budget.
    let (ids, ..) = best_ids(&small(
        "",
        r#", exclude: ["c"], clusters: [(cluster: "k", min: 1, max: Some(1))]"#,
    ))
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ids.len(), 1);
    assert!(ids[0] == "a" || ids[0] == "b");
}

#[test]
fn conflicting_constraints_are_named() {
    // a must be in and requires c; a and c together cost 15 > 10.
    let req = r#", interactions: [(with: "c", relation: Requires)]"#;
    let err = best_ids(&small(req, r#", include: ["a"]"#)).err();
    let Some(PortfolioError::Infeasible(why)) = err else {
        panic!("{err:?}")
    };
    assert_eq!(
        why,
        ["the budget of 10", "`a` must be in", "`a` requires `c`"]
    );
    // A requirement of an excluded option: the budget plays no part.
    let err = best_ids(&small(req, r#", include: ["a"], exclude: ["c"]"#)).err();
    let Some(PortfolioError::Infeasible(why)) = err else {
        panic!("{err:?}")
    };
    assert_eq!(
        why,
        ["`a` must be in", "`c` must stay out", "`a` requires `c`"]
    );
}

#[test]
fn a_budget_below_every_cost_gives_the_empty_portfolio() {
    let mut s = small("", "");
    s.settings.budget = Some(0.5);
    assert_eq!(best_ids(&s), Ok((Vec::new(), 0.0, 0.0)));
}

#[test]
fn methods_whose_scores_do_not_add_are_refused() {
    let s = small("", "");
    for m in [Method::Wpm, Method::Topsis, Method::Vikor] {
        let n = m.default_normalization();
        let err = scored(&s, 0, m, n, Some(10.0)).err();
        assert!(
            matches!(&err, Some(PortfolioError::NotAdditive(msg)) if msg.contains("use `wsm` or `promethee2`")),
            "{m:?}: {err:?}"
        );
    }
    assert!(scored(&s, 0, Method::Promethee2, Normalization::None, Some(10.0)).is_ok());
}

/// The default scenario's best portfolio for its budget of 20, by brute force over its nine
/// candidates with scores from the scorer and this file's own sums.
#[test]
fn the_default_scenarios_best_portfolio_matches_brute_force() {
    let s = default_scenario().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(s.settings.portfolio.baseline, "status-quo");
    for p in 0..s.profiles.len() {
        let inst = scored(&s, p, Method::Wsm, Normalization::Scale, Some(20.0))
            .unwrap_or_else(|e| panic!("{e}"));
        // The values really are scores above the status quo's.
        let ranking =
            score_with(&s, p, Method::Wsm, Normalization::Scale).unwrap_or_else(|e| panic!("{e}"));
        let base = ranking.scores[0];
        for (item, o) in inst.items.iter().zip(1..) {
            assert_eq!(item.id, s.options[o].id);
            assert!((item.value - (ranking.scores[o] - base)).abs() < 1e-12);
        }
        let all = all_feasible(&inst, Some(20.0));
        let top = all.iter().map(|x| x.2).fold(f64::NEG_INFINITY, f64::max);
        let got = best(&inst).unwrap_or_else(|e| panic!("{e}"));
        assert!((got.value - top).abs() < 1e-12, "profile {p}");
        assert!(got.cost <= 20.0);
    }
}

#[test]
fn the_core_index_without_uncertainty_is_the_best_portfolio() {
    let s = small(r#", interactions: [(with: "b", effect: 0.15)]"#, "");
    let req = CoreRequest {
        profile: 0,
        method: Method::Wsm,
        normalization: Normalization::Scale,
        weights: WeightInfo::Exact,
        draws: 1000,
        seed: 1,
        budget: Some(10.0),
        threads: None,
    };
    let shares = core(&s, &req).unwrap_or_else(|e| panic!("{e}"));
    let got: Vec<(&str, f64, CoreClass)> = shares
        .iter()
        .map(|c| (c.option.as_str(), c.share, c.class))
        .collect();
    assert_eq!(
        got,
        [
            ("a", 1.0, CoreClass::Core),
            ("b", 1.0, CoreClass::Core),
            ("c", 0.0, CoreClass::Exterior),
            ("d", 0.0, CoreClass::Exterior),
        ]
    );
    // The default scenario has uncertain cells but, with exact weights and its cells drawn,
    // every share still lies in 0..1 and the result does not depend on threads.
    let d = default_scenario().unwrap_or_else(|e| panic!("{e}"));
    let mut req = CoreRequest {
        profile: d.active_profile_index(),
        weights: WeightInfo::None,
        draws: 2000,
        seed: 5,
        budget: d.settings.budget,
        threads: NonZeroUsize::new(1),
        ..req
    };
    let one = core(&d, &req).unwrap_or_else(|e| panic!("{e}"));
    req.threads = NonZeroUsize::new(3);
    let three = core(&d, &req).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(one, three);
    assert!(one.iter().all(|c| (0.0..=1.0).contains(&c.share)));
    assert!(one.iter().any(|c| c.class == CoreClass::Borderline));
}

#[test]
fn each_profile_chooses_its_own_portfolio() {
    let d = default_scenario().unwrap_or_else(|e| panic!("{e}"));
    let choices = by_profile(&d, Method::Wsm, Normalization::Scale, Some(20.0));
    assert_eq!(choices.len(), d.profiles.len());
    for (c, p) in choices.iter().zip(0..) {
        let inst = scored(&d, p, Method::Wsm, Normalization::Scale, Some(20.0))
            .unwrap_or_else(|e| panic!("{e}"));
        let b = best(&inst).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(c.profile, d.profiles[p].id);
        assert_eq!(c.options, b.ids(&inst));
    }
}

#[test]
fn relations_and_portfolio_settings_survive_a_save_and_load_and_old_interactions_read_as_effects() {
    let s = small(
        r#", interactions: [(with: "b", relation: Excludes), (with: "d", relation: Requires), (with: "c", effect: 0.1)]"#,
        r#", include: ["d"], clusters: [(cluster: "k", max: Some(1))], resource: Some((limit: 2.0, uses: {"a": 1.0, "b": 1.0, "c": 1.0, "d": 0.5}))"#,
    );
    let text = tideline::files::scenario_file::to_ron(&s).unwrap_or_else(|e| panic!("{e}"));
    let back = parse_ron(text.as_bytes(), "back.ron").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back, s);
    // A value effect is the default: not written, and an interaction without a relation (every
    // file before relations existed) reads as one.
    assert_eq!(text.matches("relation:").count(), 2, "{text}");
    use tideline::scenario::model::Relation;
    let kinds: Vec<Relation> = s.options[1]
        .interactions
        .iter()
        .map(|x| x.relation)
        .collect();
    assert_eq!(
        kinds,
        [Relation::Excludes, Relation::Requires, Relation::Effect]
    );
}

#[test]
fn the_second_resource_limits_the_portfolio() {
    // Uses a 1, b 1, c 3, d 0; limit 2: c no longer fits, {a, b} (0.4) is best.
    let s = small(
        "",
        r#", resource: Some((name: "staff", limit: 2.0, uses: {"a": 1.0, "b": 1.0, "c": 3.0, "d": 0.0}))"#,
    );
    let (ids, ..) = best_ids(&s).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ids, ["a", "b"]);
    // An option with no use given stops the analysis, naming it.
    let s = small("", r#", resource: Some((limit: 2.0, uses: {"a": 1.0}))"#);
    assert_eq!(best_ids(&s), Err(PortfolioError::NoResourceUse("b".into())));
}

/// Value proportional to cost makes every bound as good as the budget: the search cannot cut
/// and would visit 2²⁰⁰ nodes. It stops at its limit with an error, not a guess.
#[test]
fn a_hostile_instance_stops_at_the_node_limit_with_an_error() {
    let mut rng = Rng(3);
    let items: Vec<Item> = (0..200)
        .map(|i| {
            let c = 1.0 + rng.unit();
            Item {
                id: format!("o{i}"),
                value: c,
                cost: c,
                resource: 0.0,
                cluster: None,
            }
        })
        .collect();
    let total: f64 = items.iter().map(|i| i.cost).sum();
    let inst = Instance {
        items,
        budget: Some(total / 2.0 + 0.123_456),
        ..Instance::default()
    };
    let t = std::time::Instant::now();
    let got = best_within(&inst, 200_000);
    assert_eq!(got, Err(PortfolioError::NodeLimit));
    assert!(t.elapsed().as_secs() < 30);
    assert!(
        PortfolioError::NodeLimit
            .to_string()
            .contains("without proving the best portfolio")
    );
}

/// Each left-out option's value lost when forced in equals brute force's best over the
/// feasible subsets holding it, and "unreachable" means brute force finds none; the members'
/// own values and half their synergies add up to the portfolio's value; the structural reasons
/// hold by the definitions; conflicting constraints come back as a set that is infeasible.
#[test]
fn reasons_for_the_best_portfolio_match_brute_force() {
    let mut rng = Rng(23);
    let (mut losses, mut unreachable, mut structural, mut conflicts) = (0, 0, 0, 0);
    for case in 0..400 {
        let n = 1 + (case % 9);
        let inst = random_instance(&mut rng, n);
        let all = all_feasible(&inst, inst.budget);
        let p = match best(&inst) {
            Ok(p) => p,
            Err(PortfolioError::Infeasible(_)) => {
                // The clashing constraints, kept alone, admit no portfolio either.
                let (list, smallest) = clashes(&inst);
                assert!(smallest && !list.is_empty(), "case {case}");
                let mut only = inst.clone();
                only.include.clear();
                only.exclude.clear();
                only.excludes.clear();
                only.requires.clear();
                only.budget = None;
                only.resource_limit = None;
                for c in &mut only.clusters {
                    c.min = 0;
                    c.max = None;
                }
                for c in &list {
                    match *c {
                        Clash::Budget(b) => only.budget = Some(b),
                        Clash::Resource(r) => only.resource_limit = Some(r),
                        Clash::MustIn(i) => only.include.push(i),
                        Clash::MustOut(i) => only.exclude.push(i),
                        Clash::ClusterMin(k) => only.clusters[k].min = inst.clusters[k].min,
                        Clash::ClusterMax(k) => only.clusters[k].max = inst.clusters[k].max,
                        Clash::Excludes(a, b) => only.excludes.push((a, b)),
                        Clash::Requires(a, b) => only.requires.push((a, b)),
                    }
                }
                assert!(all_feasible(&only, only.budget).is_empty(), "case {case}");
                conflicts += 1;
                continue;
            }
            Err(e) => panic!("case {case}: {e}"),
        };
        let r = reasons(&inst, &p, |_| true).unwrap_or_else(|| panic!("not cancelled"));
        let own: f64 = r
            .members
            .iter()
            .map(|m| m.value + 0.5 * m.synergies.iter().map(|s| s.1).sum::<f64>())
            .sum();
        assert!(
            (own - p.value).abs() < TOL,
            "case {case}: {own} {}",
            p.value
        );
        assert_eq!(r.members.len() + r.left_out.len(), n);
        let has = |i: usize| p.members.contains(&i);
        for out in &r.left_out {
            let i = out.item;
            assert!(!has(i));
            let holding = all
                .iter()
                .filter(|x| x.0 & (1 << i) != 0)
                .map(|x| x.2)
                .fold(f64::NEG_INFINITY, f64::max);
            for why in &out.why {
                match why {
                    Why::MustStayOut => assert!(inst.exclude.contains(&i)),
                    Why::TooDear => assert!(inst.items[i].cost > inst.budget.unwrap_or(f64::MAX)),
                    Why::ExcludedBy(j) => {
                        structural += 1;
                        assert!(has(*j));
                        assert!(inst.excludes.iter().any(|&e| e == (i, *j) || e == (*j, i)));
                    }
                    Why::RequiresOut(j) => {
                        structural += 1;
                        assert!(!has(*j) && inst.requires.contains(&(i, *j)));
                    }
                    Why::ClusterFull(k) => {
                        structural += 1;
                        let count = p
                            .members
                            .iter()
                            .filter(|&&m| inst.items[m].cluster == Some(*k))
                            .count() as u32;
                        assert_eq!(inst.items[i].cluster, Some(*k));
                        assert_eq!(Some(count), inst.clusters[*k].max);
                    }
                    Why::Unreachable => {
                        unreachable += 1;
                        assert!(holding == f64::NEG_INFINITY, "case {case}: {holding}");
                    }
                    Why::BetterUse { with_it, loss } => {
                        losses += 1;
                        assert!(with_it.members.contains(&i));
                        assert!(
                            (with_it.value - holding).abs() < TOL,
                            "case {case}: {} {holding}",
                            with_it.value
                        );
                        assert!((loss - (p.value - holding)).abs() < TOL && *loss >= 0.0);
                    }
                    Why::Unknown => panic!("case {case}: a tiny search ran out of nodes"),
                }
            }
            // Every option that may be in and fits the budget gets a forced search.
            if !inst.exclude.contains(&i) && inst.items[i].cost <= inst.budget.unwrap_or(f64::MAX) {
                assert!(
                    out.why
                        .iter()
                        .any(|w| matches!(w, Why::Unreachable | Why::BetterUse { .. })),
                    "case {case}: {out:?}"
                );
            }
        }
    }
    assert!(
        losses > 300 && unreachable > 10 && structural > 20 && conflicts > 20,
        "{losses} {unreachable} {structural} {conflicts}"
    );
}

/// The default scenario at its budget of 20: binding-agreement (cost 9) and finance-capacity
/// (cost 8) are out; forcing either in loses what brute force says.
#[test]
fn the_default_scenarios_left_out_options_lose_what_brute_force_says() {
    let s = default_scenario().unwrap_or_else(|e| panic!("{e}"));
    let inst = scored(
        &s,
        s.active_profile_index(),
        Method::Wsm,
        Normalization::Scale,
        Some(20.0),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let p = best(&inst).unwrap_or_else(|e| panic!("{e}"));
    let all = all_feasible(&inst, Some(20.0));
    let r = reasons(&inst, &p, |_| true).unwrap_or_else(|| panic!("not cancelled"));
    assert!(!r.left_out.is_empty());
    for out in &r.left_out {
        let i = out.item;
        let holding = all
            .iter()
            .filter(|x| x.0 & (1 << i) != 0)
            .map(|x| x.2)
            .fold(f64::NEG_INFINITY, f64::max);
        let Some(Why::BetterUse { loss, .. }) = out.why.last() else {
            panic!("{out:?}")
        };
        assert!((loss - (p.value - holding)).abs() < 1e-12 && *loss > 0.0);
    }
    // Cancelled before the first search: nothing.
    assert!(reasons(&inst, &p, |_| false).is_none());
}
