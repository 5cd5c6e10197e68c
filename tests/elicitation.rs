//! Elicitation records in a scenario: applying them to a profile (directly and as an undoable
//! edit), what happens when weights or the tree change afterwards, validation with located
//! problems, and the round trip through a saved file. The math itself is tested against
//! published examples in `src/elicitation.rs`.

use tideline::files::scenario_file::{default_scenario, load_path, parse_ron, save, to_ron};
use tideline::scenario::edit::{Edit, apply};
use tideline::scenario::elicitation::{
    apply_record, blank_input, compute, find_record, record_matches_weights, scope_members,
};
use tideline::scenario::model::{
    Criterion, Direction, Elicitation, ElicitationInput, ElicitationRecord, ElicitationScope,
    PairwiseWeighting, RankRule, Scale, Scenario,
};
use tideline::scenario::weights::{criterion_shares, effective_weights, family_shares};

/// Two families: environmental (litter, legacy) and economic (cost, jobs, speed).
const BASE: &str = r#"(
    metadata: (format_version: 1, title: "Elicitation test"),
    families: [
        (id: "environmental", name: "Environmental"),
        (id: "economic", name: "Economic"),
    ],
    criteria: [
        (id: "litter", name: "Litter cut", family: "environmental", direction: Maximize, scale: (min: 0.0, max: 10.0)),
        (id: "legacy", name: "Legacy litter", family: "environmental", direction: Maximize, scale: (min: 0.0, max: 10.0)),
        (id: "cost", name: "Cost", family: "economic", direction: Minimize, scale: (min: 0.0, max: 10.0)),
        (id: "jobs", name: "Jobs", family: "economic", direction: Maximize, scale: (min: 0.0, max: 10.0)),
        (id: "speed", name: "Speed", family: "economic", direction: Maximize, scale: (min: 0.0, max: 10.0)),
    ],
    options: [
        (id: "a", name: "A", provenance: (document: "test")),
        (id: "b", name: "B", provenance: (document: "test")),
    ],
    performance: [
        (option: "a", criterion: "litter", value: 4.0),
        (option: "a", criterion: "legacy", value: 2.0),
        (option: "a", criterion: "cost", value: 3.0),
        (option: "a", criterion: "jobs", value: 5.0),
        (option: "a", criterion: "speed", value: 6.0),
        (option: "b", criterion: "litter", value: 8.0),
        (option: "b", criterion: "legacy", value: 7.0),
        (option: "b", criterion: "cost", value: 7.0),
        (option: "b", criterion: "jobs", value: 1.0),
        (option: "b", criterion: "speed", value: 2.0),
    ],
    profiles: [
        (id: "equal", name: "Equal weights"),
        (id: "set", name: "Set by hand", family_weights: {"environmental": 2.0, "economic": 1.0},
            criterion_weights: {"litter": 3.0, "legacy": 1.0, "cost": 1.0, "jobs": 1.0, "speed": 2.0}),
    ],
)"#;

fn base() -> Scenario {
    parse_ron(BASE.as_bytes(), "base.ron").unwrap_or_else(|e| panic!("{e}"))
}

fn ids(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn families_pairwise(x: f64) -> ElicitationRecord {
    ElicitationRecord {
        scope: ElicitationScope::Families,
        input: ElicitationInput::Pairwise {
            items: ids(&["environmental", "economic"]),
            judgements: vec![("environmental".into(), "economic".into(), x)],
            weighting: PairwiseWeighting::Eigenvector,
        },
    }
}

fn economic_swing() -> ElicitationRecord {
    ElicitationRecord {
        scope: ElicitationScope::Family("economic".into()),
        input: ElicitationInput::Swing {
            swings: vec![
                ("cost".into(), 100.0),
                ("speed".into(), 60.0),
                ("jobs".into(), 40.0),
            ],
        },
    }
}

fn elicit(s: &Scenario, profile: &str, record: ElicitationRecord) -> Result<Scenario, String> {
    apply(
        s,
        &Edit::Elicit {
            profile: profile.into(),
            record: Box::new(record),
        },
    )
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-12
}

#[test]
fn existing_files_load_with_no_records_and_save_without_the_field() {
    let s = default_scenario().unwrap_or_else(|e| panic!("{e}"));
    assert!(s.profiles.iter().all(|p| p.elicited.is_empty()));
    let text = to_ron(&s).unwrap_or_default();
    assert!(!text.contains("elicited"), "an empty list is not written");
    assert!(parse_ron(text.as_bytes(), "again.ron").is_ok_and(|t| t == s));
}

#[test]
fn pairwise_on_the_families_sets_their_weights_and_keeps_the_record() {
    let s = base();
    // Environmental 3 times as important as economic: 3/4 and 1/4.
    let t = elicit(&s, "set", families_pairwise(3.0)).unwrap_or_else(|e| panic!("{e}"));
    let p = &t.profiles[1];
    assert_eq!(p.elicitation, Elicitation::Pairwise);
    assert_eq!(p.elicited, vec![families_pairwise(3.0)]);
    let shares = family_shares(&t, p);
    assert!(
        close(shares[0], 0.75) && close(shares[1], 0.25),
        "{shares:?}"
    );
    // Within-family weights are untouched; the other profile too.
    assert_eq!(p.criterion_weights, s.profiles[1].criterion_weights);
    assert_eq!(t.profiles[0], s.profiles[0]);
    assert!(record_matches_weights(p, &p.elicited[0]));
    // Reopening finds the record; the preview shows a consistent 2 × 2.
    let found = find_record(p, &ElicitationScope::Families).map(|r| compute(&r.input));
    let outcome = found
        .and_then(Result::ok)
        .unwrap_or_else(|| panic!("no record"));
    assert_eq!(outcome.pairwise.and_then(|c| c.cr), Some(0.0));
}

#[test]
fn a_new_elicitation_of_the_same_scope_replaces_the_old_record() {
    let s = base();
    let t = elicit(&s, "set", families_pairwise(3.0)).unwrap_or_else(|e| panic!("{e}"));
    let t = elicit(&t, "set", economic_swing()).unwrap_or_else(|e| panic!("{e}"));
    let ranking = ElicitationRecord {
        scope: ElicitationScope::Families,
        input: ElicitationInput::Ranking {
            order: vec![ids(&["economic"]), ids(&["environmental"])],
            rule: RankRule::Centroid,
        },
    };
    let u = elicit(&t, "set", ranking.clone()).unwrap_or_else(|e| panic!("{e}"));
    let p = &u.profiles[1];
    assert_eq!(
        p.elicited,
        vec![ranking, economic_swing()],
        "replaced in place"
    );
    assert_eq!(
        p.elicitation,
        Elicitation::Ranking,
        "the tag names the latest method"
    );
    // Centroid for two: 3/4, 1/4 — now economic first.
    let shares = family_shares(&u, p);
    assert!(
        close(shares[0], 0.25) && close(shares[1], 0.75),
        "{shares:?}"
    );
}

#[test]
fn weights_within_a_family_leave_the_other_families_as_they_were() {
    let s = base();
    // The equal profile has empty maps: equal within every family.
    let before = effective_weights(&s, &s.profiles[0]);
    let t = elicit(&s, "equal", economic_swing()).unwrap_or_else(|e| panic!("{e}"));
    let p = &t.profiles[0];
    assert!(p.family_weights.is_empty(), "families untouched");
    // Swings 100, 60, 40 → cost 0.5, speed 0.3, jobs 0.2 within economic.
    let shares = criterion_shares(&t, p);
    let expected = [0.5, 0.5, 0.5, 0.2, 0.3]; // litter, legacy, cost, jobs, speed
    for (got, want) in shares.iter().zip(expected) {
        assert!(close(*got, want), "{shares:?}");
    }
    let after = effective_weights(&t, p);
    assert!(close(after[0], before[0]) && close(after[1], before[1]));
    assert!(
        close(after[2], 0.5 * 0.5),
        "economic keeps its half: {after:?}"
    );
}

#[test]
fn a_ranking_with_ties_through_the_record() {
    let s = base();
    let record = ElicitationRecord {
        scope: ElicitationScope::Family("economic".into()),
        input: ElicitationInput::Ranking {
            order: vec![ids(&["cost"]), ids(&["jobs", "speed"])],
            rule: RankRule::Centroid,
        },
    };
    // Centroid for three positions: (1 + 1/2 + 1/3)/3 = 11/18, (1/2 + 1/3)/3 = 5/18,
    // (1/3)/3 = 2/18; jobs and speed tie for positions 2 and 3: 7/36 each.
    let outcome = compute(&record.input).unwrap_or_else(|e| panic!("{e}"));
    assert!(close(
        outcome.weight("cost").unwrap_or_default(),
        11.0 / 18.0
    ));
    assert!(close(
        outcome.weight("jobs").unwrap_or_default(),
        7.0 / 36.0
    ));
    assert!(close(
        outcome.weight("speed").unwrap_or_default(),
        7.0 / 36.0
    ));
    let p = apply_record(&s, "set", &record).unwrap_or_else(|e| panic!("{e}"));
    assert!(close(
        p.criterion_weights.get("jobs").unwrap_or_default(),
        7.0 / 36.0
    ));
    // The environmental weights of the profile keep their raw values.
    assert_eq!(p.criterion_weights.get("litter"), Some(3.0));
}

#[test]
fn dragging_a_weight_keeps_the_record_but_it_no_longer_matches() {
    let s = base();
    let t = elicit(&s, "set", families_pairwise(3.0)).unwrap_or_else(|e| panic!("{e}"));
    let t = apply(&t, &Edit::SetActiveProfile("set".into())).unwrap_or_else(|e| panic!("{e}"));
    let dragged = Edit::SetFamilyShare {
        family: "economic".into(),
        share: 0.4,
        locked: Vec::new(),
    };
    let u = apply(&t, &dragged).unwrap_or_else(|e| panic!("{e}"));
    let p = &u.profiles[1];
    assert_eq!(p.elicited.len(), 1, "the record stays");
    assert!(!record_matches_weights(p, &p.elicited[0]));
    // Dragging back to the elicited share makes it match again.
    let back = Edit::SetFamilyShare {
        family: "economic".into(),
        share: 0.25,
        locked: Vec::new(),
    };
    let v = apply(&u, &back).unwrap_or_else(|e| panic!("{e}"));
    assert!(record_matches_weights(
        &v.profiles[1],
        &v.profiles[1].elicited[0]
    ));
}

#[test]
fn a_bad_record_is_refused_and_the_document_is_unchanged() {
    let s = base();
    let e = elicit(&s, "set", families_pairwise(12.0))
        .err()
        .unwrap_or_default();
    assert!(e.starts_with("input.judgements[0].2: judgement 12"), "{e}");
    let wrong_family = ElicitationRecord {
        scope: ElicitationScope::Family("economic".into()),
        input: ElicitationInput::Direct {
            points: [
                ("cost", 1.0),
                ("jobs", 1.0),
                ("speed", 1.0),
                ("litter", 2.0),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
        },
    };
    let e = elicit(&s, "set", wrong_family).err().unwrap_or_default();
    assert!(
        e.contains("criterion `litter` belongs to family `environmental`, not `economic`"),
        "{e}"
    );
    let mut missing = economic_swing();
    if let ElicitationInput::Swing { swings } = &mut missing.input {
        swings.pop();
    }
    let e = elicit(&s, "set", missing).err().unwrap_or_default();
    assert!(e.starts_with("input.swings: no input for `jobs`"), "{e}");
    let e = elicit(&s, "nobody", economic_swing())
        .err()
        .unwrap_or_default();
    assert!(e.contains("no profile `nobody`"), "{e}");
}

#[test]
fn the_most_inconsistent_judgement_follows_the_order_it_was_written_in() {
    // Weights 8:4:2:1, judged consistently except the pair (a, d), written with d first:
    // (d, a, 8) says d is 8× a, where consistency asks for 1/8.
    let input = ElicitationInput::Pairwise {
        items: ids(&["a", "b", "c", "d"]),
        judgements: vec![
            ("a".into(), "b".into(), 2.0),
            ("a".into(), "c".into(), 4.0),
            ("d".into(), "a".into(), 8.0),
            ("b".into(), "c".into(), 2.0),
            ("b".into(), "d".into(), 4.0),
            ("c".into(), "d".into(), 2.0),
        ],
        weighting: PairwiseWeighting::Eigenvector,
    };
    let outcome = compute(&input).unwrap_or_else(|e| panic!("{e}"));
    let c = outcome
        .pairwise
        .clone()
        .unwrap_or_else(|| panic!("no consistency"));
    assert!(c.warning, "CR {:?}", c.cr);
    let worst = c.most_inconsistent.unwrap_or_else(|| panic!("none found"));
    assert_eq!(worst.judgement, Some(2));
    assert_eq!((worst.row, worst.col, worst.given), (3, 0, 8.0));
    // The value consistent with the weights, in the same orientation (d against a).
    let w = |id: &str| outcome.weight(id).unwrap_or_default();
    assert!(close(worst.consistent, w("d") / w("a")));
    assert!(worst.consistent < 8.0);
    assert_eq!(worst.nearest_scale, 2.0, "{worst:?}"); // w_d / w_a ≈ 1.52 with the error in
}

#[test]
fn blank_inputs_give_equal_weights_for_every_method() {
    let s = base();
    let members: Vec<String> = scope_members(&s, &ElicitationScope::Family("economic".into()))
        .unwrap_or_default()
        .into_iter()
        .map(str::to_string)
        .collect();
    assert_eq!(members, ids(&["cost", "jobs", "speed"]));
    for method in [
        Elicitation::Direct,
        Elicitation::Swing,
        Elicitation::Pairwise,
        Elicitation::Ranking,
    ] {
        let input = blank_input(method, &members);
        assert_eq!(input.method(), method);
        let outcome = compute(&input).unwrap_or_else(|e| panic!("{method:?}: {e}"));
        assert!(
            outcome.weights.iter().all(|(_, w)| close(*w, 1.0 / 3.0)),
            "{method:?}"
        );
    }
}

#[test]
fn a_changed_tree_drops_the_records_it_no_longer_fits() {
    let s = base();
    let t = elicit(&s, "set", families_pairwise(3.0)).unwrap_or_else(|e| panic!("{e}"));
    let t = elicit(&t, "set", economic_swing()).unwrap_or_else(|e| panic!("{e}"));
    let weights_before = t.profiles[1].criterion_weights.clone();
    let new = Criterion {
        id: "equity".into(),
        name: "Equity".into(),
        short: String::new(),
        family: "economic".into(),
        description: String::new(),
        direction: Direction::Maximize,
        scale: Scale {
            min: 0.0,
            max: 1.0,
            unit: String::new(),
        },
        provenance: None,
        value_function: None,
        outranking: None,
        i18n: Default::default(),
    };
    let u = apply(&t, &Edit::AddCriterion(Box::new(new))).unwrap_or_else(|e| panic!("{e}"));
    let p = &u.profiles[1];
    assert_eq!(
        p.elicited,
        vec![families_pairwise(3.0)],
        "the economic record went"
    );
    assert_eq!(p.criterion_weights.get("cost"), weights_before.get("cost"));
    // Removing a criterion of the other family drops that family's records only.
    let v = elicit(&t, "set", {
        let mut r = economic_swing();
        r.scope = ElicitationScope::Family("environmental".into());
        r.input = ElicitationInput::Direct {
            points: [("litter".to_string(), 2.0), ("legacy".to_string(), 1.0)]
                .into_iter()
                .collect(),
        };
        r
    })
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(v.profiles[1].elicited.len(), 3);
    let w = apply(&v, &Edit::RemoveCriterion("legacy".into())).unwrap_or_else(|e| panic!("{e}"));
    let scopes: Vec<&ElicitationScope> = w.profiles[1].elicited.iter().map(|r| &r.scope).collect();
    assert_eq!(
        scopes,
        [
            &ElicitationScope::Families,
            &ElicitationScope::Family("economic".into())
        ]
    );
}

#[test]
fn records_round_trip_through_a_saved_file() {
    let s = base();
    let records = [
        families_pairwise(1.0 / 3.0),
        economic_swing(),
        ElicitationRecord {
            scope: ElicitationScope::Family("environmental".into()),
            input: ElicitationInput::Ranking {
                order: vec![ids(&["legacy", "litter"])],
                rule: RankRule::Reciprocal,
            },
        },
    ];
    let mut t = s.clone();
    for r in records.iter().cloned() {
        t = elicit(&t, "set", r).unwrap_or_else(|e| panic!("{e}"));
    }
    let direct = ElicitationRecord {
        scope: ElicitationScope::Families,
        input: ElicitationInput::Direct {
            points: [
                ("environmental".to_string(), 30.0),
                ("economic".to_string(), 70.0),
            ]
            .into_iter()
            .collect(),
        },
    };
    t = elicit(&t, "equal", direct).unwrap_or_else(|e| panic!("{e}"));
    let dir = std::env::temp_dir().join(format!("tideline-elicit-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let path = dir.join("elicited.ron");
    save(&path, &t).unwrap_or_else(|e| panic!("{e}"));
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    for needle in [
        "elicited:",
        "Pairwise(",
        "Swing(",
        "Ranking(",
        "Direct(",
        "Family(",
    ] {
        assert!(text.contains(needle), "{needle} missing from\n{text}");
    }
    let loaded = load_path(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded, t);
    assert_eq!(loaded.profiles[1].elicited.len(), 3);
    assert!(
        loaded.profiles[1]
            .elicited
            .iter()
            .all(|r| record_matches_weights(&loaded.profiles[1], r))
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_hand_written_record_loads_and_its_problems_are_located() {
    let good = BASE.replace(
        "(id: \"equal\", name: \"Equal weights\"),",
        r#"(id: "equal", name: "Equal weights", elicitation: Pairwise,
            family_weights: {"environmental": 0.75, "economic": 0.25},
            elicited: [
                (scope: Families, input: Pairwise(
                    items: ["environmental", "economic"],
                    judgements: [("economic", "environmental", 0.333333333333333)])),
                (scope: Family("economic"), input: Ranking(order: [["cost"], ["jobs", "speed"]])),
            ]),"#,
    );
    let s = parse_ron(good.as_bytes(), "good.ron").unwrap_or_else(|e| panic!("{e}"));
    let p = &s.profiles[0];
    // Defaults fill in the weighting and the rule.
    assert!(matches!(
        &p.elicited[0].input,
        ElicitationInput::Pairwise {
            weighting: PairwiseWeighting::Eigenvector,
            ..
        }
    ));
    assert!(matches!(
        &p.elicited[1].input,
        ElicitationInput::Ranking {
            rule: RankRule::Centroid,
            ..
        }
    ));
    assert!(record_matches_weights(p, &p.elicited[0]));
    // The ranking was never applied: the within-family weights are still equal.
    assert!(!record_matches_weights(p, &p.elicited[1]));

    let bad = good
        .replace("0.333333333333333", "0.05")
        .replace("[\"jobs\", \"speed\"]", "[\"jobs\", \"litter\"]")
        .replace("(scope: Family(\"economic\")", "(scope: Families");
    let err = parse_ron(bad.as_bytes(), "bad.ron")
        .err()
        .unwrap_or_else(|| panic!("loaded"));
    let found: Vec<(String, String)> = err
        .diagnostics
        .iter()
        .map(|d| (d.field.clone(), d.message.clone()))
        .collect();
    let has = |field: &str, start: &str| {
        found
            .iter()
            .any(|(f, m)| f == field && m.starts_with(start))
    };
    assert!(
        has(
            "profiles[0].elicited[0].input.judgements[0].2",
            "judgement 0.05 is outside"
        ),
        "{found:#?}"
    );
    assert!(
        has(
            "profiles[0].elicited[1].scope",
            "a second record for the family weights"
        ),
        "{found:#?}"
    );
    assert!(
        has(
            "profiles[0].elicited[1].input.order[0][0]",
            "unknown family `cost`"
        ),
        "{found:#?}"
    );
    // Every problem has a line and column in the file.
    assert!(
        err.diagnostics.iter().all(|d| d.location.is_some()),
        "{err}"
    );
}
