//! SMAA-2 against what must hold whatever the data (shares that sum to 1, dominance,
//! determinism, reproducibility) and against answers worked out by hand.

use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use tideline::analysis::scoring::score_with;
use tideline::analysis::smaa::{self, Control, Request, Smaa, SmaaError, WeightInfo};
use tideline::files::scenario_file::{default_scenario, parse_ron};
use tideline::scenario::model::{Method, Normalization, Scenario, Uncertainty};
use tideline::scenario::weights::effective_weights;

fn default() -> Scenario {
    default_scenario().unwrap_or_else(|e| panic!("{e}"))
}

fn run(s: &Scenario, req: &Request) -> Smaa {
    smaa::run(s, req, &Control::default()).unwrap_or_else(|e| panic!("{req:?}: {e}"))
}

fn request(s: &Scenario, method: Method, weights: WeightInfo, draws: u32) -> Request {
    let mut req = Request::from_settings(s);
    req.method = method;
    req.normalization = method.default_normalization();
    req.weights = weights;
    req.draws = draws;
    if weights == WeightInfo::Ranges {
        req.profile = s.profile_index("prevention-first").unwrap_or(usize::MAX);
    }
    req
}

/// A scenario with one family, the given criteria (`(id, "Maximize"|"Minimize")`, scale 0..10),
/// options and cells (`(option, criterion, value, uncertainty RON or "")`), and profiles (RON).
fn small(criteria: &[(&str, &str)], cells: &[(&str, &str, f64, &str)], profiles: &str) -> Scenario {
    let mut t = String::from("(metadata: (format_version: 1, title: \"small\"),\n");
    t.push_str("families: [(id: \"f\", name: \"F\")],\ncriteria: [");
    for (id, dir) in criteria {
        t.push_str(&format!(
            "(id: \"{id}\", name: \"{id}\", family: \"f\", direction: {dir}, scale: (min: 0.0, max: 10.0)),"
        ));
    }
    t.push_str("],\noptions: [");
    let mut options: Vec<&str> = Vec::new();
    for c in cells {
        if !options.contains(&c.0) {
            options.push(c.0);
        }
    }
    for o in &options {
        t.push_str(&format!(
            "(id: \"{o}\", name: \"{o}\", provenance: (document: \"test\")),"
        ));
    }
    t.push_str("],\nperformance: [");
    for (o, c, v, u) in cells {
        let u = if u.is_empty() {
            String::new()
        } else {
            format!(", uncertainty: {u}")
        };
        t.push_str(&format!(
            "(option: \"{o}\", criterion: \"{c}\", value: {v:?}{u}),"
        ));
    }
    t.push_str(&format!("],\nprofiles: [{profiles}],\n)"));
    parse_ron(t.as_bytes(), "small.ron").unwrap_or_else(|e| panic!("{e}\n{t}"))
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

#[test]
fn every_row_and_column_of_acceptability_sums_to_one() {
    let mut s = default();
    // A twin of the first option, with the same fixed values: the two tie in every draw under
    // fixed weights, and always share their ranks.
    for cell in &mut s.performance {
        if cell.option == s.options[0].id {
            cell.uncertainty = None;
        }
    }
    let mut twin = s.options[0].clone();
    twin.id = "twin".into();
    let twin_cells: Vec<_> = s
        .performance
        .iter()
        .filter(|c| c.option == s.options[0].id)
        .map(|c| {
            let mut c = c.clone();
            c.option = "twin".into();
            c
        })
        .collect();
    s.options.push(twin);
    s.performance.extend(twin_cells);
    let m = s.options.len();
    for method in Method::ALL {
        for info in WeightInfo::ALL {
            let mut req = request(&s, method, info, 1500);
            if method == Method::Wpm {
                // The raw product needs values above 0; the default scenario has zeros.
                req.normalization = Normalization::Linear;
            }
            let r = match smaa::run(&s, &req, &Control::default()) {
                Ok(r) => r,
                Err(e) => panic!("{method:?} {info:?}: {e}"),
            };
            let tag = format!("{method:?} {info:?}");
            for (i, o) in r.options.iter().enumerate() {
                let row: f64 = o.rank_acceptability.iter().sum();
                let col: f64 = r.options.iter().map(|x| x.rank_acceptability[i]).sum();
                assert!(close(row, 1.0, 1e-12) && close(col, 1.0, 1e-12), "{tag}");
                for (b, se) in o.rank_acceptability.iter().zip(&o.standard_error) {
                    assert!((0.0..=1.0).contains(b), "{tag}");
                    assert!(close(*se, (b * (1.0 - b) / 1500.0).sqrt(), 1e-15), "{tag}");
                }
                assert!((0.0..=1.0).contains(&o.holistic), "{tag}");
                // Central weights exactly when the option ever ranks first.
                assert_eq!(
                    o.central_weights.is_some(),
                    o.rank_acceptability[0] > 0.0,
                    "{tag}"
                );
                if let Some(w) = &o.central_weights {
                    assert!(close(w.iter().sum(), 1.0, 1e-12), "{tag}");
                    assert!(w.iter().all(|&x| x >= 0.0), "{tag}");
                }
                for k in 0..m {
                    let (a, b) = (r.pairwise_winning[i][k], r.pairwise_winning[k][i]);
                    assert!(a + b <= 1.0 + 1e-12, "{tag}");
                }
            }
            // The twins: same row, never above one another.
            let (first, twin) = (&r.options[0], &r.options[m - 1]);
            if info == WeightInfo::Exact {
                assert_eq!(first.rank_acceptability, twin.rank_acceptability, "{tag}");
            }
            assert_eq!(r.pairwise_winning[0][m - 1], 0.0, "{tag}");
            assert_eq!(r.pairwise_winning[m - 1][0], 0.0, "{tag}");
        }
    }
}

/// The default scenario plus an option at the best end of every criterion's scale, certain.
fn with_dominant() -> Scenario {
    let mut s = default();
    let mut best = s.options[0].clone();
    best.id = "best".into();
    let cells: Vec<_> = s
        .performance
        .iter()
        .filter(|c| c.option == s.options[0].id)
        .map(|c| {
            let mut c = c.clone();
            let crit = &s.criteria[s.criterion_index(&c.criterion).unwrap_or(0)];
            c.option = "best".into();
            c.uncertainty = None;
            c.value = Some(match crit.direction {
                tideline::scenario::model::Direction::Maximize => crit.scale.max,
                tideline::scenario::model::Direction::Minimize => crit.scale.min,
            });
            c
        })
        .collect();
    s.options.push(best);
    s.performance.extend(cells);
    s
}

#[test]
fn an_option_that_dominates_all_others_is_always_first() {
    let s = with_dominant();
    let best = s.options.len() - 1;
    let mut methods = 0;
    for method in Method::ALL {
        let norm = if method == Method::Wpm {
            Normalization::Sum
        } else {
            method.default_normalization()
        };
        for info in WeightInfo::ALL {
            let mut req = request(&s, method, info, 2000);
            req.normalization = norm;
            let r = match smaa::run(&s, &req, &Control::default()) {
                Ok(r) => r,
                // The product of a cost column holding 0 is undefined: not this test's concern.
                Err(SmaaError::Score(_)) if method == Method::Wpm => continue,
                Err(e) => panic!("{method:?} {info:?}: {e}"),
            };
            let o = &r.options[best];
            assert_eq!(o.rank_acceptability[0], 1.0, "{method:?} {info:?}");
            assert_eq!(o.confidence, Some(1.0), "{method:?} {info:?}");
            assert_eq!(o.holistic, 1.0);
            for (i, other) in r.options.iter().enumerate() {
                if i != best {
                    assert_eq!(other.central_weights, None);
                    assert_eq!(r.pairwise_winning[best][i], 1.0);
                }
            }
        }
        methods += 1;
    }
    assert_eq!(methods, 5);
}

#[test]
fn exact_weights_and_certain_scores_reproduce_the_deterministic_ranking() {
    let mut certain = default();
    let mut pinned = default();
    for (c, p) in certain.performance.iter_mut().zip(&mut pinned.performance) {
        c.uncertainty = None;
        // A zero-width range at the value: drawn every time, to the same value.
        if p.uncertainty.is_some() {
            let x = p.value.unwrap_or(0.0);
            p.uncertainty = Some(Uncertainty::Range { low: x, high: x });
        }
    }
    for method in [
        Method::Wsm,
        Method::Topsis,
        Method::Promethee2,
        Method::Vikor,
    ] {
        let expected = score_with(
            &certain,
            certain.active_profile_index(),
            method,
            method.default_normalization(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let mut sorted = expected.ranks.clone();
        sorted.sort_unstable();
        assert_eq!(
            sorted,
            (1..=certain.options.len()).collect::<Vec<_>>(),
            "no ties here"
        );
        for s in [&certain, &pinned] {
            let r = run(s, &request(s, method, WeightInfo::Exact, 7));
            for (i, o) in r.options.iter().enumerate() {
                for (rank, &b) in o.rank_acceptability.iter().enumerate() {
                    let want = if rank + 1 == expected.ranks[i] {
                        1.0
                    } else {
                        0.0
                    };
                    assert_eq!(b, want, "{method:?} option {i} rank {}", rank + 1);
                }
                for (k, &c) in r.pairwise_winning[i].iter().enumerate() {
                    assert_eq!(
                        c,
                        f64::from(u8::from(expected.ranks[i] < expected.ranks[k]))
                    );
                }
                if expected.ranks[i] == 1 {
                    let w = o.central_weights.as_deref().unwrap_or(&[]);
                    assert_eq!(w.len(), expected.weights.len());
                    for (a, b) in w.iter().zip(&expected.weights) {
                        assert!(close(*a, *b, 1e-12), "{w:?}");
                    }
                    assert_eq!(o.confidence, Some(1.0));
                } else {
                    assert_eq!((o.central_weights.as_ref(), o.confidence), (None, None));
                }
            }
        }
    }
}

#[test]
fn no_weight_information_on_two_criteria_matches_the_crossing_weight() {
    // Weights (w, 1 − w) uniform on the simplex: w ~ U(0, 1). On the 0..10 scale,
    // A = (9, 2) and B = (3, 6) score A = 0.9w + 0.2(1 − w), B = 0.3w + 0.6(1 − w), so
    // A − B = w − 0.4: A is first exactly when w > 0.4, with probability 0.6. A's central
    // weights are E[w | w > 0.4] = 0.7 and 0.3; B's E[w | w < 0.4] = 0.2 and 0.8.
    let s = small(
        &[("c1", "Maximize"), ("c2", "Maximize")],
        &[
            ("A", "c1", 9.0, ""),
            ("A", "c2", 2.0, ""),
            ("B", "c1", 3.0, ""),
            ("B", "c2", 6.0, ""),
        ],
        "(id: \"p\", name: \"P\")",
    );
    let n = 100_000;
    let r = run(&s, &request(&s, Method::Wsm, WeightInfo::None, n));
    let a = &r.options[0];
    let se = (0.6 * 0.4 / f64::from(n)).sqrt();
    assert!(close(a.rank_acceptability[0], 0.6, 4.0 * se), "{a:?}");
    assert!(close(r.pairwise_winning[0][1], 0.6, 4.0 * se));
    // The conditional mean of U(0.4, 1) has sd 0.6/√12 over 60,000 draws: se ≈ 0.0007.
    let wa = a.central_weights.clone().unwrap_or_default();
    assert!(
        close(wa[0], 0.7, 0.003) && close(wa[1], 0.3, 0.003),
        "{wa:?}"
    );
    let wb = r.options[1].central_weights.clone().unwrap_or_default();
    assert!(
        close(wb[0], 0.2, 0.003) && close(wb[1], 0.8, 0.003),
        "{wb:?}"
    );
    // Certain scores: each option is first for sure under its own central weights.
    assert_eq!(a.confidence, Some(1.0));
    // Holistic acceptability with two options is the first-rank acceptability.
    assert_eq!(a.holistic, a.rank_acceptability[0]);

    // PROMETHEE II with the usual criterion: φ(A) = w·1 + (1 − w)·(−1) = 2w − 1, first when
    // w > 1/2.
    let r = run(&s, &request(&s, Method::Promethee2, WeightInfo::None, n));
    let se = (0.25 / f64::from(n)).sqrt();
    assert!(
        close(r.options[0].rank_acceptability[0], 0.5, 4.0 * se),
        "{r:?}"
    );
}

/// Two options, A = (9, 2) and B = (3, 6) on two criteria, and the given profiles.
fn crossing(profiles: &str) -> Scenario {
    small(
        &[("c1", "Maximize"), ("c2", "Maximize")],
        &[
            ("A", "c1", 9.0, ""),
            ("A", "c2", 2.0, ""),
            ("B", "c1", 3.0, ""),
            ("B", "c2", 6.0, ""),
        ],
        profiles,
    )
}

#[test]
fn the_room_with_one_profile_and_certain_scores_is_the_deterministic_ranking() {
    // The default scenario with its scores certain and only its active profile: every draw
    // takes that profile's weights, so each option has its scored rank in every draw.
    let mut s = default();
    for c in &mut s.performance {
        c.uncertainty = None;
    }
    let active = s.active_profile_index();
    s.profiles = vec![s.profiles[active].clone()];
    s.settings.active_profile = s.profiles[0].id.clone();
    let expected = score_with(&s, 0, Method::Wsm, Method::Wsm.default_normalization())
        .unwrap_or_else(|e| panic!("{e}"));
    for info in [WeightInfo::Profiles, WeightInfo::Blend] {
        let r = run(&s, &request(&s, Method::Wsm, info, 500));
        for (i, o) in r.options.iter().enumerate() {
            let rank = expected.ranks[i];
            assert_eq!(o.rank_acceptability[rank - 1], 1.0, "{info:?} option {i}");
        }
    }
}

#[test]
fn the_room_picks_profiles_in_proportion_to_their_vote_weights() {
    // Profile p weighs only c1 (A first), q only c2 (B first); p has 3 votes, q 1: A is first
    // in a draw exactly when p is picked, with probability 3/4.
    let s = crossing(
        "(id: \"p\", name: \"P\", vote_weight: 3.0, criterion_weights: {\"c1\": 1.0, \"c2\": 0.0}),
         (id: \"q\", name: \"Q\", criterion_weights: {\"c1\": 0.0, \"c2\": 1.0})",
    );
    let n = 40_000;
    let r = run(&s, &request(&s, Method::Wsm, WeightInfo::Profiles, n));
    let se = (0.75 * 0.25 / f64::from(n)).sqrt();
    let (a, b) = (&r.options[0], &r.options[1]);
    assert!(close(a.rank_acceptability[0], 0.75, 4.0 * se), "{a:?}");
    assert!(close(b.rank_acceptability[0], 0.25, 4.0 * se), "{b:?}");
    // Each wins under exactly its own profile's weights.
    assert_eq!(a.central_weights, Some(vec![1.0, 0.0]));
    assert_eq!(b.central_weights, Some(vec![0.0, 1.0]));
}

#[test]
fn a_blend_of_two_opposite_profiles_matches_the_crossing_weight() {
    // Profiles (1, 0) and (0, 1) blended with Dirichlet(1, 1) shares: w = (c, 1 − c) with
    // c ~ U(0, 1), as with no weight information on two criteria. A − B = c − 0.4 (see the
    // `none` test): A first with probability 0.6, its central weights (0.7, 0.3).
    let profiles = |p: f64| {
        format!(
            "(id: \"p\", name: \"P\", vote_weight: {p:?}, criterion_weights: {{\"c1\": 1.0, \"c2\": 0.0}}),
             (id: \"q\", name: \"Q\", criterion_weights: {{\"c1\": 0.0, \"c2\": 1.0}})"
        )
    };
    let s = crossing(&profiles(1.0));
    let n = 100_000;
    let r = run(&s, &request(&s, Method::Wsm, WeightInfo::Blend, n));
    let a = &r.options[0];
    let se = (0.6 * 0.4 / f64::from(n)).sqrt();
    assert!(close(a.rank_acceptability[0], 0.6, 4.0 * se), "{a:?}");
    let wa = a.central_weights.clone().unwrap_or_default();
    assert!(
        close(wa[0], 0.7, 0.003) && close(wa[1], 0.3, 0.003),
        "{wa:?}"
    );
    // Vote weights 2 and 1: c ~ Beta(2, 1), P(c > 0.4) = 1 − 0.4² = 0.84, and
    // E[c | c > 0.4] = (2/3)(1 − 0.4³)/0.84 = 0.742857….
    let s = crossing(&profiles(2.0));
    let r = run(&s, &request(&s, Method::Wsm, WeightInfo::Blend, n));
    let a = &r.options[0];
    let se = (0.84 * 0.16 / f64::from(n)).sqrt();
    assert!(close(a.rank_acceptability[0], 0.84, 4.0 * se), "{a:?}");
    let wa = a.central_weights.clone().unwrap_or_default();
    let mean = 2.0 / 3.0 * (1.0 - 0.4_f64.powi(3)) / 0.84;
    assert!(close(wa[0], mean, 0.003), "{wa:?} {mean}");
}

#[test]
fn uncertain_scores_match_their_distributions() {
    // One criterion, B fixed at 6. A triangular (2, 4, 8): P(A > 6) = (8 − 6)² / ((8 − 2)(8 − 4))
    // = 1/6. A uniform on 2..8 against B at 6.5: P = 1.5 / 6 = 1/4. The confidence factor (the
    // one weight is 1) is the same probability, from an independent second pass.
    let n = 100_000;
    for (u, b, p) in [
        (
            "Triangular(low: 2.0, likely: 4.0, high: 8.0)",
            6.0,
            1.0 / 6.0,
        ),
        ("Range(low: 2.0, high: 8.0)", 6.5, 0.25),
    ] {
        let s = small(
            &[("c", "Maximize")],
            &[("A", "c", 4.0, u), ("B", "c", b, "")],
            "(id: \"p\", name: \"P\")",
        );
        let r = run(&s, &request(&s, Method::Wsm, WeightInfo::Exact, n));
        let se = (p * (1.0 - p) / f64::from(n)).sqrt();
        let a = &r.options[0];
        assert!(close(a.rank_acceptability[0], p, 4.0 * se), "{u}: {a:?}");
        assert!(
            close(a.confidence.unwrap_or(-1.0), p, 4.0 * se),
            "{u}: {a:?}"
        );
        // The two passes draw independently: not the very same share.
        assert_ne!(a.confidence, Some(a.rank_acceptability[0]));
        assert_eq!(r.uncertain_cells, 1);
    }
}

#[test]
fn the_same_seed_gives_the_same_result_whatever_the_number_of_threads() {
    let s = default();
    for (method, weights) in [
        (Method::Wsm, WeightInfo::None),
        (Method::Promethee2, WeightInfo::None),
        (Method::Wsm, WeightInfo::Profiles),
        (Method::Wsm, WeightInfo::Blend),
        (Method::Topsis, WeightInfo::Blend),
    ] {
        let req = request(&s, method, weights, 3000);
        let with = |threads: usize| {
            let control = Control {
                threads: NonZeroUsize::new(threads),
                ..Control::default()
            };
            smaa::run(&s, &req, &control).unwrap_or_else(|e| panic!("{e}"))
        };
        let one = with(1);
        assert_eq!(one, with(2));
        assert_eq!(one, with(3));
        let mut other = req.clone();
        other.seed += 1;
        assert_ne!(one, run(&s, &other), "the seed must matter");
    }
}

/// One family of four criteria; a dominant option D and a dominated X: D is first in every
/// draw, so its central weights are the mean of every draw's weights.
fn four(profile: &str) -> Scenario {
    let mut cells = Vec::new();
    for c in ["a", "b", "c", "d"] {
        cells.push(("D", c, 9.0, ""));
        cells.push(("X", c, 5.0, ""));
    }
    let criteria: Vec<(&str, &str)> = ["a", "b", "c", "d"]
        .iter()
        .map(|c| (*c, "Maximize"))
        .collect();
    small(&criteria, &cells, profile)
}

fn mean_weights(s: &Scenario, req: &Request) -> Vec<f64> {
    run(s, req).options[0]
        .central_weights
        .clone()
        .unwrap_or_default()
}

#[test]
fn ordinal_weights_average_to_the_rank_order_centroid() {
    // Order b > d > c > a; uniform ordered weights average (Barron & Barrett 1996) to
    // (1/4) Σ_{i=k..4} 1/i: 25/48, 13/48, 7/48, 3/48.
    let s = four(
        "(id: \"p\", name: \"P\", criterion_weights: {\"a\": 1.0, \"b\": 4.0, \"c\": 2.0, \"d\": 3.0})",
    );
    let req = request(&s, Method::Wsm, WeightInfo::Ordinal, 100_000);
    let w = mean_weights(&s, &req);
    let expected = [3.0 / 48.0, 25.0 / 48.0, 7.0 / 48.0, 13.0 / 48.0];
    for (a, b) in w.iter().zip(expected) {
        assert!(close(*a, b, 0.003), "{w:?}");
    }
    // A ranking elicitation with a tie, b > {a, c} > d, rules over weights edited since: the
    // tied pair shares positions 2 and 3, (13 + 7)/96 each.
    let s = four(
        "(id: \"p\", name: \"P\", criterion_weights: {\"a\": 1.0, \"b\": 1.0, \"c\": 1.0, \"d\": 1.0},
          elicited: [(scope: Family(\"f\"), input: Ranking(order: [[\"b\"], [\"a\", \"c\"], [\"d\"]]))])",
    );
    let req = request(&s, Method::Wsm, WeightInfo::Ordinal, 100_000);
    assert_eq!(
        smaa::profile_order(&s, 0),
        vec![vec![1], vec![0, 2], vec![3]]
    );
    let w = mean_weights(&s, &req);
    let expected = [20.0 / 96.0, 25.0 / 48.0, 20.0 / 96.0, 3.0 / 48.0];
    for (a, b) in w.iter().zip(expected) {
        assert!(close(*a, b, 0.003), "{w:?}");
    }
    // An order given in the request; one that names a criterion twice is refused.
    let mut req = request(&s, Method::Wsm, WeightInfo::Ordinal, 1000);
    req.order = Some(vec![vec!["d".into()], vec!["a".into(), "b".into()]]);
    let w = mean_weights(&s, &req);
    assert!(w[3] > w[0] && w[3] > w[1] && w[2] == 0.0, "{w:?}");
    req.order = Some(vec![vec!["d".into()], vec!["a".into(), "d".into()]]);
    match smaa::run(&s, &req, &Control::default()) {
        Err(SmaaError::Order(m)) => assert!(m.contains("contradicts itself"), "{m}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn weight_ranges_are_drawn_in_their_own_units_then_made_effective() {
    // a's weight within the family uniform on 1..3, b's fixed at 1: w_a = x/(x + 1), whose mean
    // is (1/2) ∫₁³ x/(x + 1) dx = (2 − ln 4 + ln 2)/2 = 1 − (ln 2)/2 ≈ 0.65343.
    let s = small(
        &[("a", "Maximize"), ("b", "Maximize")],
        &[
            ("D", "a", 9.0, ""),
            ("D", "b", 9.0, ""),
            ("X", "a", 1.0, ""),
            ("X", "b", 1.0, ""),
        ],
        "(id: \"p\", name: \"P\", criterion_weights: {\"a\": 2.0, \"b\": 1.0},
          weight_ranges: [(criterion: \"a\", low: 1.0, high: 3.0)])",
    );
    let mut req = request(&s, Method::Wsm, WeightInfo::Ranges, 50_000);
    req.profile = 0;
    let w = mean_weights(&s, &req);
    let expected = 1.0 - std::f64::consts::LN_2 / 2.0;
    assert!(
        close(w[0], expected, 0.002) && close(w[1], 1.0 - expected, 0.002),
        "{w:?}"
    );
    // Exact weights are the profile's: 2/3, 1/3.
    req.weights = WeightInfo::Exact;
    let w = mean_weights(&s, &req);
    let e = effective_weights(&s, &s.profiles[0]);
    assert!(close(w[0], e[0], 1e-12) && close(e[0], 2.0 / 3.0, 1e-12));
}

#[test]
fn a_run_reports_progress_stops_when_cancelled_and_refuses_bad_requests() {
    let s = default();
    let req = request(&s, Method::Wsm, WeightInfo::None, 5000);
    let progress = AtomicU64::new(0);
    let control = Control {
        progress: Some(&progress),
        ..Control::default()
    };
    assert!(smaa::run(&s, &req, &control).is_ok());
    assert_eq!(progress.load(Ordering::Relaxed), smaa::work(5000));

    let cancel = AtomicBool::new(true);
    let control = Control {
        cancel: Some(&cancel),
        ..Control::default()
    };
    assert_eq!(smaa::run(&s, &req, &control), Err(SmaaError::Cancelled));

    let mut bad = req.clone();
    bad.draws = 0;
    assert_eq!(
        smaa::run(&s, &bad, &Control::default()),
        Err(SmaaError::Draws(0))
    );
    bad.draws = 10_000_001;
    assert!(matches!(
        smaa::run(&s, &bad, &Control::default()),
        Err(SmaaError::Draws(_))
    ));
    // The equal profile has no weight ranges to draw.
    let mut bad = req.clone();
    bad.weights = WeightInfo::Ranges;
    bad.profile = s.profile_index("equal").unwrap_or(usize::MAX);
    assert_eq!(
        smaa::run(&s, &bad, &Control::default()),
        Err(SmaaError::NoRanges("equal".into()))
    );
    let mut bad = req;
    bad.method = Method::Promethee2;
    bad.normalization = Normalization::Scale;
    assert!(matches!(
        smaa::run(&s, &bad, &Control::default()),
        Err(SmaaError::Score(_))
    ));
}
