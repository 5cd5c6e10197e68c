//! A matrix exported as CSV and imported again scores exactly as the scenario it came from,
//! under every method and every normalisation the method allows; and what the CSV carries
//! besides (names, families, scales, units, uncertainty ranges, value functions, outranking
//! parameters, settings) comes back as it went out. The expected numbers are the original
//! scenario's own scores, computed from the `.ron` file: an independent path for the round trip.

use std::path::Path;

use tideline::csv_import::parse_csv;
use tideline::export::matrix_csv;
use tideline::model::{
    Method, Outranking, PreferenceFunction, Scenario, Uncertainty, ValueFunction,
};
use tideline::scenario_file::{default_scenario, load_path};
use tideline::scoring::{score, score_with};

fn default() -> Scenario {
    default_scenario().unwrap_or_else(|e| panic!("{e}"))
}

/// The second scenario shipped in `scenarios/` (the first is the default).
fn second() -> Scenario {
    load_path(Path::new("scenarios/unep-ea3-inf5-architectures.ron"))
        .unwrap_or_else(|e| panic!("{e}"))
}

/// The default scenario with what the shipped scenarios lack: PROMETHEE parameters of every
/// kind, a value function, a VIKOR v of 0.3 with VIKOR as the method, a missing value on a
/// criterion the profile does not weigh, and an option whose name needs quoting.
fn enriched() -> Scenario {
    let mut s = default();
    let params = [
        (PreferenceFunction::Linear, Some(0.5), Some(2.0), None),
        (PreferenceFunction::VShape, None, Some(3.0), None),
        (PreferenceFunction::Level, Some(1.0), Some(2.5), None),
        (PreferenceFunction::UShape, Some(0.5), None, None),
        (PreferenceFunction::Gaussian, None, None, Some(1.5)),
        (PreferenceFunction::Usual, None, None, None),
    ];
    for (c, (function, q, p, s_)) in s.criteria.iter_mut().zip(params) {
        c.outranking = Some(Outranking {
            function,
            q,
            p,
            s: s_,
        });
    }
    s.criteria[7].value_function = Some(ValueFunction {
        points: vec![(0.0, 1.0), (4.0, 0.7), (10.0, 0.0)],
    });
    s.settings.method = Method::Vikor;
    s.settings.normalization = tideline::model::Normalization::None;
    s.settings.vikor_v = 0.3;
    s.options[2].name = "Advisory group, \"science\" first".into();
    // A value nobody knows, on a criterion the first profile gives no weight.
    let last = s.criteria.len() - 1;
    let id = s.criteria[last].id.clone();
    s.profiles[0].criterion_weights = s
        .criteria
        .iter()
        .map(|c| (c.id.clone(), if c.id == id { 0.0 } else { 1.0 }))
        .collect();
    let opt = s.options[4].id.clone();
    if let Some(cell) = s
        .performance
        .iter_mut()
        .find(|c| c.option == opt && c.criterion == id)
    {
        cell.value = None;
        cell.uncertainty = None;
    }
    let problems = tideline::validate::validate(&s);
    assert!(problems.is_empty(), "{problems:?}");
    s
}

fn round_trip(s: &Scenario, profile: usize) -> Scenario {
    let csv = matrix_csv(s, profile).unwrap_or_else(|e| panic!("{e}"));
    parse_csv(csv.as_bytes(), "export.csv").unwrap_or_else(|e| panic!("{e}\n{csv}"))
}

/// Every method, every normalisation it allows, every profile: the same scores (to 1e-12)
/// and the same ranks after the round trip. Returns how many combinations were compared.
fn assert_same_scores(s: &Scenario, what: &str) -> usize {
    let mut compared = 0;
    for profile in 0..s.profiles.len() {
        let again = round_trip(s, profile);
        assert_eq!(again.profiles.len(), 1);
        for method in Method::ALL {
            for &n in method.normalizations() {
                let want = score_with(s, profile, method, n);
                let got = score_with(&again, 0, method, n);
                let (want, got) = match (want, got) {
                    (Ok(w), Ok(g)) => (w, g),
                    (Err(w), Err(g)) => {
                        // A combination that cannot score (e.g. a ratio over a zero) fails alike.
                        assert_eq!(w.to_string(), g.to_string(), "{what} {method:?} {n:?}");
                        continue;
                    }
                    (w, g) => panic!("{what} {method:?} {n:?}: {w:?} vs {g:?}"),
                };
                for (i, (a, b)) in want.scores.iter().zip(&got.scores).enumerate() {
                    assert!(
                        (a - b).abs() <= 1e-12,
                        "{what}, profile {profile}, {method:?}/{n:?}, option {i}: {a} became {b}"
                    );
                }
                assert_eq!(
                    want.ranks, got.ranks,
                    "{what}, profile {profile}, {method:?}/{n:?}"
                );
                compared += 1;
            }
        }
    }
    compared
}

#[test]
fn the_default_scenario_scores_the_same_after_a_csv_round_trip() {
    let s = default();
    let n = assert_same_scores(&s, "default");
    // 5 methods, 13 method/normalisation pairs, for each profile: none was skipped.
    assert_eq!(n, 13 * s.profiles.len());
}

#[test]
fn the_second_scenario_scores_the_same_after_a_csv_round_trip() {
    let s = second();
    let n = assert_same_scores(&s, "second");
    assert_eq!(n, 13 * s.profiles.len());
}

#[test]
fn outranking_value_functions_vikor_v_and_missing_values_survive_the_round_trip() {
    let s = enriched();
    assert_same_scores(&s, "enriched");
    let again = round_trip(&s, 0);
    let pick = |s: &Scenario| -> Vec<_> {
        s.criteria
            .iter()
            .map(|c| (c.outranking.clone(), c.value_function.clone()))
            .collect()
    };
    assert_eq!(pick(&again), pick(&s));
    assert_eq!(again.settings.vikor_v, 0.3);
    assert_eq!(again.matrix(), s.matrix());
    assert_eq!(again.options[2].name, s.options[2].name);
}

/// The case: the first score under the scenario's own method and normalisation
/// (`scale`) came back as a `minmax` score. Now `score` of the import is the scenario's score.
#[test]
fn the_imported_matrix_keeps_the_scenario_s_method_and_normalisation() {
    for s in [default(), second(), enriched()] {
        let again = round_trip(&s, s.active_profile_index());
        assert_eq!(again.settings.method, s.settings.method);
        assert_eq!(again.settings.normalization, s.settings.normalization);
        let (want, got) = match (score(&s), score(&again)) {
            (Ok(w), Ok(g)) => (w, g),
            (w, g) => panic!("{w:?} vs {g:?}"),
        };
        for (a, b) in want.scores.iter().zip(&got.scores) {
            assert!((a - b).abs() <= 1e-12, "{a} became {b}");
        }
        assert_eq!(want.ranks, got.ranks);
    }
}

#[test]
fn names_families_scales_and_ranges_survive_the_round_trip() {
    for s in [default(), second()] {
        let again = round_trip(&s, 0);
        // Ids and names of options and criteria.
        let options = |s: &Scenario| -> Vec<(String, String)> {
            s.options
                .iter()
                .map(|o| (o.id.clone(), o.name.clone()))
                .collect()
        };
        assert_eq!(options(&again), options(&s));
        let criteria = |s: &Scenario| -> Vec<_> {
            s.criteria
                .iter()
                .map(|c| {
                    (
                        c.id.clone(),
                        c.name.clone(),
                        c.direction,
                        c.scale.clone(),
                        s.family_name(&c.family),
                    )
                })
                .collect()
        };
        assert_eq!(criteria(&again), criteria(&s));
        // Families: the same names, in the same order, grouping the same criteria.
        let families = |s: &Scenario| -> Vec<(String, Vec<String>)> {
            s.families
                .iter()
                .map(|f| {
                    let members = s.criteria.iter().filter(|c| c.family == f.id);
                    (f.name.clone(), members.map(|c| c.id.clone()).collect())
                })
                .collect()
        };
        assert_eq!(families(&again), families(&s));
        // Every uncertainty range, Range or Triangular, with its bounds.
        let ranges = |s: &Scenario| -> Vec<(String, String, Option<Uncertainty>)> {
            let mut v: Vec<_> = s
                .performance
                .iter()
                .map(|c| (c.option.clone(), c.criterion.clone(), c.uncertainty.clone()))
                .collect();
            v.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
            v
        };
        assert_eq!(ranges(&again), ranges(&s));
        assert!(
            ranges(&s)
                .iter()
                .any(|r| matches!(r.2, Some(Uncertainty::Triangular { .. })))
        );
        assert!(
            ranges(&s)
                .iter()
                .any(|r| matches!(r.2, Some(Uncertainty::Range { .. })))
        );
    }
}

/// A matrix in the first dialect (no name column, no new rows) reads as it always did.
#[test]
fn an_old_style_matrix_reads_as_before() {
    let text = "option,Leakage cut,Cost\n\
        direction,max,min\n\
        weight,3,1\n\
        Knowledge hub,3,3.5\n\
        Binding agreement,8.5,8\n";
    let s = parse_csv(text.as_bytes(), "old.csv").unwrap_or_else(|e| panic!("{e}"));
    let ids: Vec<&str> = s.criteria.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["leakage-cut", "cost"]);
    assert_eq!(s.options[1].id, "binding-agreement");
    assert_eq!(s.options[1].name, "Binding agreement");
    assert_eq!(s.families.len(), 1);
    assert_eq!(s.settings.normalization, tideline::model::Normalization::MinMax);
    assert_eq!((s.criteria[0].scale.min, s.criteria[0].scale.max), (3.0, 8.5));
    // Min–max by hand: hub 0·0.75 + (8 − 3.5)/(8 − 3.5)·0.25 = 0.25; agreement 0.75 + 0 = 0.75.
    let r = score(&s).unwrap_or_else(|e| panic!("{e}"));
    assert!((r.scores[0] - 0.25).abs() < 1e-12 && (r.scores[1] - 0.75).abs() < 1e-12);
}

/// The weight row gives each criterion's share of the whole, also across families: with
/// weights 1, 1, 2 and families A, A, B the criteria weigh 1/4, 1/4, 1/2 (not 1/4, 1/4 and
/// B's equal half, which is what equal family weights would give for other weights).
#[test]
fn the_weight_row_is_each_criterion_s_share_across_families() {
    let text = "option,name,a,b,c\n\
        family,,A,A,B\n\
        weight,,1,1,6\n\
        x,X,1,2,3\n\
        y,Y,2,1,1\n";
    let s = parse_csv(text.as_bytes(), "f.csv").unwrap_or_else(|e| panic!("{e}"));
    let w = tideline::weights::effective_weights(&s, &s.profiles[0]);
    for (got, want) in w.iter().zip([0.125, 0.125, 0.75]) {
        assert!((got - want).abs() < 1e-15, "{w:?}");
    }
    let fams: Vec<(&str, &str)> = s
        .families
        .iter()
        .map(|f| (f.id.as_str(), f.name.as_str()))
        .collect();
    assert_eq!(fams, [("a", "A"), ("b", "B")]);
}
