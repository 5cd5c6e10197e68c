//! Participants' weights offline: weights forms written and read back, profiles merged into a
//! scenario (added, replaced, refused with file:line:col), and hostile files refused whole.

use tideline::files::scenario_file::{default_scenario, to_ron};
use tideline::files::weights_form::import::{Import, import_bytes};
use tideline::files::weights_form::write_form;
use tideline::scenario::edit::{Edit, apply};
use tideline::scenario::merge::put_profiles;
use tideline::scenario::model::Scenario;
use tideline::scenario::weights::effective_weights;

fn scenario() -> Scenario {
    default_scenario().unwrap_or_else(|e| panic!("{e}"))
}

fn import(target: &Scenario, files: &[(&str, &str)]) -> Import {
    import_bytes(
        target,
        files.iter().map(|(n, t)| (n.to_string(), t.as_bytes())),
    )
}

/// The 1-based line of the first line of `text` holding `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .map(|i| i + 1)
        .unwrap_or_else(|| panic!("no {needle:?}"))
}

/// Every profile of the built-in scenario, exported as a form and imported into the scenario
/// without it, comes back with the same effective weights, vote weight, name and id.
#[test]
fn a_profile_exported_as_a_form_comes_back_with_the_same_weights() {
    let s = scenario();
    for (k, p) in s.profiles.iter().enumerate() {
        let form = write_form(&s, Some(p));
        let mut without = s.clone();
        without.profiles.remove(k);
        without.settings.active_profile.clear();
        let got = import(&without, &[("form.ron", &form)]);
        assert!(got.summary.refused.is_empty(), "{:?}", got.summary.refused);
        assert_eq!(got.summary.added.len(), 1);
        assert_eq!(got.summary.added[0].id, p.id);
        let back = &got.profiles[0];
        assert_eq!(back.name, p.name);
        assert_eq!(back.vote_weight, p.vote_weight);
        assert_eq!(
            back.i18n.get("zh-CN").map(|t| &t.name),
            p.i18n.get("zh-CN").map(|t| &t.name)
        );
        let (want, have) = (effective_weights(&s, p), effective_weights(&s, back));
        for (a, b) in want.iter().zip(&have) {
            assert!((a - b).abs() < 1e-15, "{}: {want:?} vs {have:?}", p.id);
        }
        let mut merged = without.clone();
        put_profiles(&mut merged, &got.profiles);
        assert_eq!(merged.profiles.len(), s.profiles.len());
    }
}

/// A form for an id the scenario has replaces that profile in its place; another id is added.
#[test]
fn the_same_participant_replaces_and_a_new_one_is_added() {
    let s = scenario();
    let p = &s.profiles[1];
    let revised = write_form(&s, Some(p)).replace("points: 40.0", "points: 80.0");
    let renamed =
        write_form(&s, Some(p)).replacen(&format!("id: \"{}\"", p.id), "id: \"delegation-b\"", 1);
    let got = import(&s, &[("a.ron", &revised), ("b.ron", &renamed)]);
    assert!(got.summary.refused.is_empty(), "{:?}", got.summary.refused);
    assert_eq!(got.summary.replaced.len(), 1);
    assert_eq!(got.summary.replaced[0].from.file, "a.ron");
    assert_eq!(got.summary.added.len(), 1);
    assert_eq!(got.summary.added[0].id, "delegation-b");
    let t = apply(&s, &Edit::ImportProfiles(got.profiles)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(t.profiles.len(), s.profiles.len() + 1);
    assert_eq!(t.profiles[1].id, p.id);
    assert_eq!(
        t.profiles[1].family_weights.get("environmental"),
        Some(80.0)
    );
    assert_eq!(t.settings.active_profile, s.settings.active_profile);
}

/// A form filled by hand: family points, one family's criteria given, the others left alike.
/// Effective weights by hand: environmental 40 of 100 split 3:1 = 30 % and 10 %;
/// effectiveness 60 of 100 split alike over its four criteria = 15 % each; the rest 0.
#[test]
fn a_hand_filled_form_gives_the_weights_worked_out_by_hand() {
    let s = scenario();
    let form = r#"// filled in by hand
(
    weights_form: 1,
    participant: (name: "Delegation of Atlantis", vote_weight: 2.5),
    families: [
        (id: "environmental", points: 40, criteria: [
            (id: "leakage-reduction", points: 3),
            (id: "ecosystem-legacy", points: 1),
        ]),
        (id: "social", points: 0, criteria: [(id: "health-community"), (id: "just-transition")]),
        (id: "economic", points: 0, criteria: [(id: "implementation-cost"), (id: "damage-avoided")]),
        (id: "feasibility", points: 0, criteria: [(id: "political-feasibility"), (id: "capacity-needed")]),
        (id: "effectiveness", points: 60, criteria: [
            (id: "speed"), (id: "scope"), (id: "enforceability"), (id: "knowledge-gain"),
        ]),
    ],
)"#;
    let got = import(&s, &[("atlantis.ron", form)]);
    assert!(got.summary.refused.is_empty(), "{:?}", got.summary.refused);
    let p = &got.profiles[0];
    assert_eq!(p.id, "delegation-of-atlantis");
    assert_eq!(p.vote_weight, 2.5);
    let w = effective_weights(&s, p);
    let by_id = |id: &str| w[s.criterion_index(id).unwrap_or_else(|| panic!("{id}"))];
    for (id, want) in [
        ("leakage-reduction", 0.30),
        ("ecosystem-legacy", 0.10),
        ("speed", 0.15),
        ("scope", 0.15),
        ("enforceability", 0.15),
        ("knowledge-gain", 0.15),
        ("health-community", 0.0),
        ("implementation-cost", 0.0),
    ] {
        assert!((by_id(id) - want).abs() < 1e-12, "{id}: {}", by_id(id));
    }
}

/// Hostile and mistaken files change nothing and say why, at the file, line and column.
#[test]
fn hostile_weights_files_are_refused_with_their_place() {
    let s = scenario();
    let good = write_form(&s, Some(&s.profiles[1]));
    let wrong_family = good.replacen("id: \"social\"", "id: \"sociall\"", 1);
    let nan = good.replacen("points: 40.0", "points: NaN", 1);
    let huge = good.replacen("points: 40.0", "points: 1e300", 1);
    let inf = good.replacen("points: 40.0", "points: 1e999", 1);
    let negative_vote = good.replacen("vote_weight: 1.0", "vote_weight: -3.0", 1);
    let partial = good.replacen("points: 40.0", "points: None", 1);
    let deep = format!("(weights_form: 1, participant: {}", "(".repeat(100_000));
    let deep_list = format!(
        "(weights_form: 1, participant: (name: \"x\"), families: {})",
        "[".repeat(100_000)
    );
    let mut other_tree = s.clone();
    other_tree.criteria[0].id = "something-else".into();
    for cell in &mut other_tree.performance {
        if cell.criterion == s.criteria[0].id {
            cell.criterion = "something-else".into();
        }
    }
    for p in &mut other_tree.profiles {
        for (k, _) in &mut p.criterion_weights.0 {
            if *k == s.criteria[0].id {
                *k = "something-else".into();
            }
        }
        for r in &mut p.weight_ranges {
            if r.criterion == s.criteria[0].id {
                r.criterion = "something-else".into();
            }
        }
        p.elicited.clear();
    }
    let other_tree = to_ron(&other_tree).unwrap_or_else(|e| panic!("{e}"));
    let cases: Vec<(&str, String, Option<usize>, &str)> = vec![
        (
            "wrong-family.ron",
            wrong_family.clone(),
            Some(line_of(&wrong_family, "\"sociall\"")),
            "no family `sociall`",
        ),
        (
            "nan.ron",
            nan.clone(),
            Some(line_of(&nan, "NaN")),
            "expected a number",
        ),
        (
            "huge.ron",
            huge.clone(),
            Some(line_of(&huge, "1e300")),
            "over the limit",
        ),
        ("inf.ron", inf.clone(), Some(line_of(&inf, "1e999")), ""),
        (
            "vote.ron",
            negative_vote.clone(),
            Some(line_of(&negative_vote, "vote_weight")),
            "vote weight",
        ),
        (
            "partial.ron",
            partial.clone(),
            Some(line_of(&partial, "points: None,")),
            "no points for family `environmental`",
        ),
        ("deep.ron", deep, Some(1), ""),
        ("deep-list.ron", deep_list, Some(1), ""),
        (
            "other-tree.ron",
            other_tree.clone(),
            Some(line_of(&other_tree, "\"something-else\"")),
            "differs",
        ),
        ("empty.ron", String::new(), None, "empty"),
    ];
    for (name, text, line, says) in &cases {
        let got = import(&s, &[(name, text)]);
        assert!(got.profiles.is_empty(), "{name} let a profile in");
        let first = got
            .summary
            .refused
            .first()
            .unwrap_or_else(|| panic!("{name}: no reason"));
        assert_eq!(&first.file, name);
        assert_eq!(first.line(), *line, "{name}: {first}");
        assert!(first.message.contains(says), "{name}: {first}");
        if line.is_some() {
            assert!(
                first
                    .to_string()
                    .starts_with(&format!("{name}:{}:", line.unwrap_or(0)))
            );
        }
        assert!(
            apply(&s, &Edit::ImportProfiles(got.profiles)).is_err(),
            "an empty import is no edit"
        );
    }
    // Binary garbage: not UTF-8, refused at the first bad byte's place.
    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let got = import_bytes(&s, [("garbage.bin".to_string(), garbage.as_slice())]);
    assert!(got.profiles.is_empty());
    assert!(
        got.summary.refused[0].message.contains("UTF-8"),
        "{:?}",
        got.summary.refused
    );
    assert!(got.summary.refused[0].location.is_some());
}

/// Many files, one bad: the good ones are merged, the bad one is reported alone.
#[test]
fn a_bad_file_among_many_leaves_the_good_ones_merged() {
    let s = scenario();
    let mut forms = Vec::new();
    for (k, name) in ["Ann", "Bo", "Cy"].iter().enumerate() {
        let mut p = s.profiles[k % s.profiles.len()].clone();
        p.id = format!("p-{name}");
        p.name = (*name).to_string();
        forms.push((format!("{name}.ron"), write_form(&s, Some(&p))));
    }
    forms.insert(
        1,
        (
            "bad.ron".into(),
            "(weights_form: 1, participant: (name: \"X\"), families: [(id: \"nope\")])".into(),
        ),
    );
    let got = import_bytes(&s, forms.iter().map(|(n, t)| (n.clone(), t.as_bytes())));
    assert_eq!(got.summary.files, 4);
    assert_eq!(got.summary.added.len(), 3);
    assert!(
        got.summary.refused.iter().all(|d| d.file == "bad.ron"),
        "{:?}",
        got.summary.refused
    );
    assert!(!got.summary.refused.is_empty());
    assert_eq!(got.summary.refused_files(), 1);
    let t = apply(&s, &Edit::ImportProfiles(got.profiles)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(t.profiles.len(), s.profiles.len() + 3);
}

/// A whole scenario file with the same value tree gives all its profiles; the same participant
/// twice in one import keeps the first.
#[test]
fn a_scenario_file_gives_its_profiles_and_a_participant_twice_keeps_the_first() {
    let s = scenario();
    let mut other = s.clone();
    for p in &mut other.profiles {
        p.id = format!("room-{}", p.id);
    }
    other.settings.active_profile.clear();
    let text = to_ron(&other).unwrap_or_else(|e| panic!("{e}"));
    let form = write_form(&s, Some(&other.profiles[0]));
    let got = import(&s, &[("room.ron", &text), ("again.ron", &form)]);
    assert_eq!(got.summary.added.len(), s.profiles.len());
    assert_eq!(got.summary.refused.len(), 1, "{:?}", got.summary.refused);
    let twice = &got.summary.refused[0];
    assert_eq!(twice.file, "again.ron");
    assert!(twice.message.contains("twice"), "{twice}");
    // Each profile is placed where it stands in its file.
    let line = line_of(&text, "\"room-");
    assert_eq!(got.summary.added[0].from.file, "room.ron");
    assert!(
        got.summary.added[0]
            .from
            .location
            .is_some_and(|(l, _)| l < line && l + 3 > line)
    );
}

/// The form in `docs/weights-form.md` imports into the annotated example scenario of
/// `docs/scenario-format.md` with the weights worked out by hand there: 2/3, 1/4, 1/12.
#[test]
fn the_documented_form_imports_into_the_documented_scenario() {
    let block = |file: &str, after: &str| {
        let doc = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{e}"));
        let from = doc
            .find(after)
            .unwrap_or_else(|| panic!("no {after} in {file}"));
        doc[from..]
            .split("```ron\n")
            .nth(1)
            .and_then(|b| b.split("```").next())
            .unwrap_or_default()
            .to_string()
    };
    let scenario = block("docs/scenario-format.md", "## An annotated example");
    let s = tideline::files::scenario_file::parse_ron(scenario.as_bytes(), "example.ron")
        .unwrap_or_else(|e| panic!("{e}"));
    let form = block("docs/weights-form.md", "## An example");
    let got = import(&s, &[("form.ron", &form)]);
    assert!(got.summary.refused.is_empty(), "{:?}", got.summary.refused);
    let p = &got.profiles[0];
    assert_eq!(p.id, "fishers-association");
    assert_eq!(p.vote_weight, 2.0);
    assert_eq!(
        p.i18n.get("zh-CN").map(|t| t.name.as_str()),
        Some("渔民协会")
    );
    let w = effective_weights(&s, p);
    let at = |id: &str| w[s.criterion_index(id).unwrap_or(usize::MAX)];
    assert!((at("litter-cut") - 2.0 / 3.0).abs() < 1e-12);
    assert!((at("cost") - 0.25).abs() < 1e-12);
    assert!((at("jobs") - 1.0 / 12.0).abs() < 1e-12);
}

/// Mangled forms (bytes changed, cut short, repeated) never panic: each either gives a
/// profile that passes the scenario's checks or is refused with at least one reason.
#[test]
fn mangled_forms_never_panic() {
    let s = scenario();
    let form = write_form(&s, Some(&s.profiles[1])).into_bytes();
    let mut seed: u64 = 2019;
    let mut next = move || {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) as usize
    };
    for round in 0..1500 {
        let mut bytes = form.clone();
        match round % 3 {
            0 => {
                for _ in 0..1 + next() % 4 {
                    let at = next() % bytes.len();
                    let pool = b"()[]{},:\"0-9eN \n\xff";
                    bytes[at] = pool[next() % pool.len()];
                }
            }
            1 => bytes.truncate(next() % bytes.len()),
            _ => {
                let at = next() % bytes.len();
                let piece = bytes[at..(at + next() % 200).min(bytes.len())].to_vec();
                bytes.splice(at..at, piece);
            }
        }
        let got = import_bytes(&s, [("m.ron".to_string(), bytes.as_slice())]);
        assert_eq!(
            got.profiles.len() + usize::from(!got.summary.refused.is_empty()),
            1,
            "round {round}"
        );
        if let Some(p) = got.profiles.first() {
            let t = apply(&s, &Edit::ImportProfiles(vec![p.clone()]));
            assert!(t.is_ok(), "round {round}: {t:?}");
        }
    }
}
