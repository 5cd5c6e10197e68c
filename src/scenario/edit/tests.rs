//! Tests of the edits: each applied, refused and undone.

use super::*;
use crate::files::scenario_file::default_scenario;
use crate::scenario::model::{Cluster, Family, Principle};
use crate::scenario::model::{Direction, Interaction, Provenance, Scale, WeightRange};

fn scenario() -> Scenario {
    default_scenario().unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_value_off_the_scale_is_refused_and_the_document_is_unchanged() {
    let s = scenario();
    let mut cell = s.performance[0].clone();
    cell.value = Some(42.0);
    let err = apply(&s, &Edit::SetCell(Box::new(cell)))
        .err()
        .unwrap_or_default();
    assert!(err.contains("outside the scale"), "{err}");
    let mut cell = s.performance[0].clone();
    cell.value = Some(1.0);
    let t = apply(&s, &Edit::SetCell(Box::new(cell))).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(t.performance[0].value, Some(1.0));
}

#[test]
fn adding_then_removing_an_option_round_trips() {
    let s = scenario();
    let o = PolicyOption {
        id: "new".into(),
        name: "New option".into(),
        short: String::new(),
        cluster: String::new(),
        description: String::new(),
        provenance: Provenance {
            document: "workshop".into(),
            paragraph: String::new(),
        },
        tags: Vec::new(),
        principles: Vec::new(),
        cost: None,
        interactions: Vec::new(),
        i18n: Default::default(),
    };
    let t = apply(&s, &Edit::AddOption(Box::new(o.clone()))).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(t.options.len(), s.options.len() + 1);
    assert!(
        t.cell("new", &s.criteria[0].id)
            .is_some_and(|c| c.value.is_none())
    );
    // A duplicate id is refused.
    assert!(apply(&t, &Edit::AddOption(Box::new(o))).is_err());
    let u = apply(&t, &Edit::RemoveOption("new".into())).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(u, s);
}

#[test]
fn a_new_criterion_changes_no_ranking_until_weighted() {
    let s = scenario();
    let c = Criterion {
        id: "new-c".into(),
        name: "New criterion".into(),
        short: String::new(),
        family: s.families[0].id.clone(),
        description: String::new(),
        direction: Direction::Maximize,
        scale: Scale {
            min: 0.0,
            max: 10.0,
            unit: String::new(),
        },
        provenance: None,
        value_function: None,
        outranking: None,
        i18n: Default::default(),
    };
    let t = apply(&s, &Edit::AddCriterion(Box::new(c))).unwrap_or_else(|e| panic!("{e}"));
    let mut checked = 0;
    for p in 0..s.profiles.len() {
        if s.profiles[p].criterion_weights.is_empty() {
            continue; // equal weights spread to the new criterion, whose values are missing
        }
        let score = |s: &Scenario| {
            crate::analysis::scoring::score_with(s, p, Method::Wsm, Normalization::Scale)
                .unwrap_or_else(|e| panic!("profile {p}: {e}"))
        };
        let (before, after) = (score(&s), score(&t));
        // The new criterion is in the ranking, weighted 0, and every score stays the same.
        assert_eq!(after.weights.len(), before.weights.len() + 1);
        assert_eq!(after.weights.last(), Some(&0.0), "profile {p}");
        assert_eq!(after.ranks, before.ranks, "profile {p}");
        for (a, b) in after.scores.iter().zip(&before.scores) {
            assert!((a - b).abs() < 1e-12, "profile {p}: {a} vs {b}");
        }
        checked += 1;
    }
    assert!(checked > 0, "no profile with criterion weights to check");
    let u = apply(&t, &Edit::RemoveCriterion("new-c".into())).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(u, s);
}

#[test]
fn a_replaced_criterion_is_checked_whole_and_undone_exactly() {
    use crate::scenario::model::{Outranking, PreferenceFunction, ValueFunction};
    let s = scenario();
    let mut c = s.criteria[0].clone();
    let (lo, hi) = (c.scale.min, c.scale.max);
    c.description = "edited".into();
    c.value_function = Some(ValueFunction {
        points: vec![(lo, 0.0), ((lo + hi) / 2.0, 0.8), (hi, 1.0)],
    });
    c.outranking = Some(Outranking {
        function: PreferenceFunction::Linear,
        q: Some(0.5),
        p: Some(2.0),
        s: None,
    });
    let t =
        apply(&s, &Edit::ReplaceCriterion(Box::new(c.clone()))).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(t.criteria[0], c);
    assert_eq!(t.criteria[1..], s.criteria[1..]);
    // Each of these is refused with the field at fault, and nothing changes.
    let mut inverted = c.clone();
    inverted.scale.min = hi + 1.0;
    let mut flat = c.clone();
    flat.value_function = Some(ValueFunction {
        points: vec![(lo, 0.0), (lo, 1.0)],
    });
    let mut q_above_p = c.clone();
    q_above_p.outranking = Some(Outranking {
        function: PreferenceFunction::Linear,
        q: Some(3.0),
        p: Some(2.0),
        s: None,
    });
    let mut unknown = c.clone();
    unknown.id = "no-such-criterion".into();
    for (bad, field) in [
        (inverted, "criteria[0].scale"),
        (flat, "criteria[0].value_function.points[1].0"),
        (q_above_p, "criteria[0].outranking.q"),
        (unknown, "no criterion"),
    ] {
        let mut u = t.clone();
        let err = apply_mut(&mut u, &Edit::ReplaceCriterion(Box::new(bad)))
            .err()
            .unwrap_or_default();
        assert!(err.starts_with(field), "{err}");
        assert_eq!(u, t);
    }
}

#[test]
fn metadata_and_settings_are_replaced_whole_and_checked() {
    let s = scenario();
    let mut m = s.metadata.clone();
    m.title = "Briefing for the second session".into();
    m.languages = vec!["en".into(), "zh-CN".into()];
    let t = apply(&s, &Edit::SetMetadata(Box::new(m.clone()))).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(t.metadata, m);
    m.title = "  ".into();
    assert!(apply(&s, &Edit::SetMetadata(Box::new(m))).is_err());

    let mut st = s.settings.clone();
    st.monte_carlo.draws = 500;
    st.monte_carlo.seed = 7;
    st.budget = Some(12.5);
    st.vikor_v = 0.25;
    let t = apply(&s, &Edit::SetSettings(Box::new(st.clone()))).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(t.settings, st);
    // The in-place path (settings alone) restores everything on refusal.
    for bad in [
        AnalysisSettings {
            budget: Some(-1.0),
            ..st.clone()
        },
        AnalysisSettings {
            vikor_v: 1.5,
            ..st.clone()
        },
        AnalysisSettings {
            method: Method::Promethee2,
            normalization: Normalization::Scale,
            ..st.clone()
        },
    ] {
        let mut u = t.clone();
        assert!(apply_mut(&mut u, &Edit::SetSettings(Box::new(bad))).is_err());
        assert_eq!(u, t);
    }
}

#[test]
fn replacing_an_option_keeps_its_place_and_refuses_what_validation_refuses() {
    let s = scenario();
    let mut o = s.options[1].clone();
    o.cost = Some(3.5);
    o.tags.push("new tag".into());
    // Not with options[0]: that is the status quo, the portfolio's baseline, which no
    // interaction may involve.
    let other = s.options.len() - 1;
    o.interactions.push(Interaction {
        with: s.options[other].id.clone(),
        relation: Default::default(),
        effect: -0.02,
        note: "competes for the same funds".into(),
    });
    let t = apply(&s, &Edit::ReplaceOption(Box::new(o.clone()))).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(t.options[1], o);
    let mut expected = s.clone();
    expected.options[1] = o.clone();
    assert_eq!(t, expected, "nothing else changed");
    // Each of these breaks one rule of `validate` and leaves the scenario as it was.
    type Spoil = fn(&mut PolicyOption);
    let refusals: [(&str, Spoil); 4] = [
        ("is negative", |o| o.cost = Some(-1.0)),
        ("cannot interact with itself", |o| {
            o.interactions[0].with = o.id.clone();
        }),
        ("unknown principle", |o| o.principles.push("nowhere".into())),
        ("must cite", |o| o.provenance.document = " ".into()),
    ];
    for (why, spoil) in refusals {
        let mut bad = o.clone();
        spoil(&mut bad);
        let mut doc = s.clone();
        let err = apply_mut(&mut doc, &Edit::ReplaceOption(Box::new(bad)))
            .err()
            .unwrap_or_default();
        assert!(err.contains(why), "{why}: {err}");
        assert_eq!(doc, s, "{why}");
    }
    // An option is found by id: an unknown one is refused, not added.
    let mut stray = o;
    stray.id = "nobody".into();
    assert!(apply(&s, &Edit::ReplaceOption(Box::new(stray))).is_err());
}

#[test]
fn a_profile_edit_is_refused_for_a_bad_vote_weight_or_an_inverted_range() {
    let s = scenario();
    let mut p = s.profiles[0].clone();
    p.vote_weight = 2.5;
    p.weight_ranges.push(WeightRange {
        criterion: s.criteria[0].id.clone(),
        low: 0.5,
        high: 2.0,
    });
    let mut doc = s.clone();
    apply_mut(&mut doc, &Edit::ReplaceProfile(Box::new(p.clone())))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(doc.profiles[0], p);
    for (why, vote, low) in [
        ("outside (0, 1000000]", 0.0, 0.5),
        ("outside (0, 1000000]", 1e7, 0.5),
        ("inverted range", 1.0, 3.0),
    ] {
        let mut bad = p.clone();
        bad.vote_weight = vote;
        bad.weight_ranges[0].low = low;
        let mut doc = s.clone();
        let err = apply_mut(&mut doc, &Edit::ReplaceProfile(Box::new(bad)))
            .err()
            .unwrap_or_default();
        assert!(err.contains(why), "{why}: {err}");
        assert_eq!(doc, s);
    }
}

#[test]
fn the_last_profile_cannot_be_deleted() {
    let mut s = scenario();
    s.profiles.truncate(1);
    s.settings.active_profile = s.profiles[0].id.clone();
    assert!(apply(&s, &Edit::DeleteProfile(s.profiles[0].id.clone())).is_err());
}

#[test]
fn deleting_the_active_profile_activates_another() {
    let s = scenario();
    let active = s.settings.active_profile.clone();
    let t = apply(&s, &Edit::DeleteProfile(active.clone())).unwrap_or_else(|e| panic!("{e}"));
    assert_ne!(t.settings.active_profile, active);
    assert!(t.profile_index(&t.settings.active_profile).is_some());
}

#[test]
fn a_refused_profile_edit_in_place_leaves_everything_as_it_was() {
    // The duplicate id passes `change` and is caught by the profile checks afterwards, so
    // this exercises the restore path of `apply_mut`.
    let mut s = scenario();
    let before = s.clone();
    let dup = s.profiles[0].clone();
    let err = apply_mut(&mut s, &Edit::AddProfile(Box::new(dup))).err();
    assert!(err.is_some_and(|e| e.contains("duplicate id")));
    assert_eq!(s, before);
}

#[test]
fn a_weight_edit_in_place_equals_the_copying_apply() {
    let mut s = scenario();
    let edit = Edit::SetFamilyShare {
        family: s.families[0].id.clone(),
        share: 0.6,
        locked: Vec::new(),
    };
    let copied = apply(&s, &edit).unwrap_or_else(|e| panic!("{e}"));
    apply_mut(&mut s, &edit).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(s, copied);
    assert_ne!(s, scenario());
}

#[test]
fn removing_an_option_removes_it_from_the_portfolio_settings() {
    let mut s = scenario();
    let baseline = s.settings.portfolio.baseline.clone();
    assert!(
        !baseline.is_empty(),
        "the built-in scenario declares a baseline"
    );
    let (a, b) = (s.options[1].id.clone(), s.options[2].id.clone());
    s.settings.portfolio.include.push(a.clone());
    s.settings.portfolio.exclude.push(b.clone());
    let t = apply(&s, &Edit::RemoveOption(baseline)).unwrap_or_else(|e| panic!("{e}"));
    assert!(t.settings.portfolio.baseline.is_empty());
    let t = apply(&t, &Edit::RemoveOption(a)).unwrap_or_else(|e| panic!("{e}"));
    let t = apply(&t, &Edit::RemoveOption(b)).unwrap_or_else(|e| panic!("{e}"));
    assert!(t.settings.portfolio.include.is_empty());
    assert!(t.settings.portfolio.exclude.is_empty());
}

/// The starter of File › New scenario, with the catalogues as `SetCatalogues` takes them.
fn starter() -> Scenario {
    crate::files::scenario_file::starter_scenario().unwrap_or_else(|e| panic!("{e}"))
}

fn catalogues(s: &Scenario) -> Edit {
    Edit::SetCatalogues {
        families: s.families.clone(),
        clusters: s.clusters.clone(),
        principles: s.principles.clone(),
    }
}

#[test]
fn the_starter_scenario_is_valid_and_small() {
    let s = starter();
    assert!(crate::scenario::validate::validate(&s).is_empty());
    assert_eq!(s.families.len(), 1);
    assert_eq!(s.criteria.len(), 1);
    assert_eq!(s.options.len(), 1);
    assert_eq!(s.metadata.title, "Untitled scenario");
    assert_eq!(
        (s.criteria[0].scale.min, s.criteria[0].scale.max),
        (0.0, 10.0)
    );
    assert!(s.performance.iter().all(|c| c.value.is_none()));
}

#[test]
fn catalogues_are_added_renamed_and_removed_in_one_edit() {
    let s = starter();
    let mut t = s.clone();
    t.families.push(Family {
        id: "social".into(),
        name: "Social".into(),
        description: "People and communities".into(),
        provenance: Some(Provenance {
            document: "UNEP/EA.4/1/Rev.1".into(),
            paragraph: "¶4".into(),
        }),
        i18n: Default::default(),
    });
    t.families[0].name = "Environment".into();
    t.clusters.push(Cluster {
        id: "governance".into(),
        name: "Governance".into(),
        description: String::new(),
        provenance: None,
        i18n: Default::default(),
    });
    t.principles.push(Principle {
        id: "prevention".into(),
        name: "Prevention first".into(),
        provenance: None,
        i18n: Default::default(),
    });
    let u = apply(&s, &catalogues(&t)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(u, t);
    // Removing the unused ones again gives the starter back, bar the rename.
    let mut back = u.clone();
    back.families.truncate(1);
    back.clusters.clear();
    back.principles.clear();
    let v = apply(&u, &catalogues(&back)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(v.families, back.families);
    assert!(v.clusters.is_empty() && v.principles.is_empty());
}

#[test]
fn catalogues_with_a_duplicate_id_or_an_empty_name_are_refused() {
    let s = starter();
    let mut t = s.clone();
    t.families.push(t.families[0].clone());
    let err = apply(&s, &catalogues(&t)).err().unwrap_or_default();
    assert!(err.contains("duplicate id"), "{err}");
    let mut t = s.clone();
    t.families[0].name = "  ".into();
    let err = apply(&s, &catalogues(&t)).err().unwrap_or_default();
    assert!(err.contains("name must not be empty"), "{err}");
    let mut in_place = s.clone();
    assert!(apply_mut(&mut in_place, &catalogues(&t)).is_err());
    assert_eq!(in_place, s);
}

#[test]
fn removing_a_used_family_cluster_or_principle_is_refused() {
    let s = scenario();
    // Every family of the default scenario has criteria.
    let mut t = s.clone();
    let gone = t.families.remove(0);
    let err = apply(&s, &catalogues(&t)).err().unwrap_or_default();
    assert!(
        err.contains(&format!("family `{}` still has criteria", gone.id)),
        "{err}"
    );
    let mut in_place = s.clone();
    assert!(apply_mut(&mut in_place, &catalogues(&t)).is_err());
    assert_eq!(in_place, s);
    // A cluster with options, a principle that an option serves.
    let used_cluster = s.options.iter().find(|o| !o.cluster.is_empty());
    let used_cluster = used_cluster.map(|o| o.cluster.clone()).unwrap_or_default();
    let mut t = s.clone();
    t.clusters.retain(|c| c.id != used_cluster);
    assert_eq!(t.clusters.len() + 1, s.clusters.len());
    assert!(apply(&s, &catalogues(&t)).is_err());
    assert!(cluster_in_use(&s, &used_cluster).is_some());
    let served = s.options.iter().find_map(|o| o.principles.first().cloned());
    let served = served.unwrap_or_default();
    let mut t = s.clone();
    t.principles.retain(|p| p.id != served);
    assert_eq!(t.principles.len() + 1, s.principles.len());
    assert!(apply(&s, &catalogues(&t)).is_err());
}

#[test]
fn a_cluster_with_portfolio_limits_is_in_use() {
    let mut s = starter();
    s.clusters.push(Cluster {
        id: "c".into(),
        name: "C".into(),
        description: String::new(),
        provenance: None,
        i18n: Default::default(),
    });
    assert_eq!(cluster_in_use(&s, "c"), None);
    s.settings
        .portfolio
        .clusters
        .push(crate::scenario::model::ClusterLimit {
            cluster: "c".into(),
            min: 0,
            max: Some(1),
        });
    assert_eq!(cluster_in_use(&s, "c"), Some(InUse::PortfolioLimit));
    let mut t = s.clone();
    t.clusters.clear();
    assert!(apply(&s, &catalogues(&t)).is_err());
}
