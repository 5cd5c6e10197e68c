//! A matrix exported as CSV and imported again scores exactly as the scenario it came from,
//! under every method and every normalisation the method allows; and what the CSV carries
//! besides (names, families, scales, units, uncertainty ranges, value functions, outranking
//! parameters, settings) comes back as it went out. The expected numbers are the original
//! scenario's own scores, computed from the `.ron` file: an independent path for the round trip.

use std::path::Path;

use tideline::analysis::scoring::{score, score_with};
use tideline::files::csv_import::parse_csv;
use tideline::files::scenario_file::{default_scenario, load_path};
use tideline::report::export::matrix_csv;
use tideline::scenario::model::{
    Basis, Method, Outranking, PreferenceFunction, Scenario, Uncertainty, ValueFunction,
};

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
    s.settings.normalization = tideline::scenario::model::Normalization::None;
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
    let problems = tideline::scenario::validate::validate(&s);
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

/// The issue's case: the first score under the scenario's own method and normalisation
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
fn names_families_scales_ranges_and_basis_survive_the_round_trip() {
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
        // Every uncertainty range, Range or Triangular, with its bounds; every cell's basis.
        let ranges = |s: &Scenario| -> Vec<(String, String, Option<Uncertainty>, Basis)> {
            let mut v: Vec<_> = s
                .performance
                .iter()
                .map(|c| {
                    let u = c.uncertainty.clone();
                    (c.option.clone(), c.criterion.clone(), u, c.basis)
                })
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
        assert!(ranges(&s).iter().any(|r| r.3 == Basis::Illustrative));
    }
    // A sourced cell among illustrative ones keeps its basis too.
    let mut s = second();
    s.performance[4].basis = Basis::Sourced;
    let again = round_trip(&s, 0);
    let basis = |s: &Scenario| -> Vec<Basis> { s.performance.iter().map(|c| c.basis).collect() };
    assert_eq!(basis(&again), basis(&s));
    assert_eq!(again.performance[4].basis, Basis::Sourced);
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
    assert_eq!(
        s.settings.normalization,
        tideline::scenario::model::Normalization::MinMax
    );
    assert_eq!(
        (s.criteria[0].scale.min, s.criteria[0].scale.max),
        (3.0, 8.5)
    );
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
    let w = tideline::scenario::weights::effective_weights(&s, &s.profiles[0]);
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

// ---- Bad input in the new rows and columns: each problem at its own cell ----

struct Bad {
    text: &'static str,
    at: (usize, usize),
    /// What the text starts with at that line and column.
    starts: &'static str,
    field: &'static str,
    message: &'static str,
}

const BAD: &[Bad] = &[
    Bad {
        text: "option,name,a,b\nfamily,,F,\nx,,1,2\n",
        at: (2, 11),
        starts: "\n",
        field: "family, column `b`",
        message: "the family is missing; name one for every criterion",
    },
    Bad {
        text: "option,a\nfamily,F\nfamily,G\nx,1\n",
        at: (3, 1),
        starts: "family,G",
        field: "family",
        message: "a second `family` row",
    },
    Bad {
        text: "option,a\nscale min,low\nx,1\n",
        at: (2, 11),
        starts: "low",
        field: "scale min, column `a`",
        message: "expected a number, found `low`",
    },
    Bad {
        text: "option,a\nScale  Min,5\nscale max,2\nx,3\n",
        at: (3, 11),
        starts: "2",
        field: "scale max, column `a`",
        message: "inverted or empty scale: min 5 must be below max 2",
    },
    Bad {
        text: "option,a,b\nscale max,10,\nx,11,2\ny,0,1\n",
        at: (3, 3),
        starts: "11",
        field: "row `x`, column `a`",
        message: "11 is outside the scale of criterion `a` (0 to 10; the `scale min` and `scale max` rows)",
    },
    Bad {
        text: "option,a\nscale min,2\nx,3\nlow,1\nhigh,4\n",
        at: (4, 5),
        starts: "1",
        field: "low of `x`, column `a`",
        message: "1 is outside the scale of criterion `a` (2 to 4; the `scale min` and `scale max` rows)",
    },
    Bad {
        text: "option,a\nunit,points\nvalue function,0:0; 5:2\nx,1\n",
        at: (3, 16),
        starts: "0:0; 5:2",
        field: "value function, column `a`",
        message: "value 2 of the point `5:2` is outside 0..1",
    },
    Bad {
        text: "option,a\nvalue function,0:0; 5:1; 4:1\nx,1\n",
        at: (2, 16),
        starts: "0:0",
        field: "value function, column `a`",
        message: "x values must increase: 4 follows 5",
    },
    Bad {
        text: "option,a\nvalue function,0-1\nx,1\n",
        at: (2, 16),
        starts: "0-1",
        field: "value function, column `a`",
        message: "expected points `x:value` separated by `;` (e.g. `0:0; 5:0.8; 10:1`), found `0-1`",
    },
    Bad {
        text: "option,a\nlow,1\nx,2\n",
        at: (2, 1),
        starts: "low,1",
        field: "low",
        message: "a `low` row must come right after the option row it belongs to",
    },
    Bad {
        text: "option,a\nx,3\nlow,2\n",
        at: (3, 5),
        starts: "2",
        field: "low of `x`, column `a`",
        message: "a `low` value needs a `high` value in the same column",
    },
    Bad {
        text: "option,a,b\nx,3,1\nhigh,,2\n",
        at: (3, 7),
        starts: "2",
        field: "high of `x`, column `b`",
        message: "a `high` value needs a `low` value in the same column",
    },
    Bad {
        text: "option,a\nx,2\nlikely,2\n",
        at: (3, 8),
        starts: "2",
        field: "likely of `x`, column `a`",
        message: "a `likely` value needs `low` and `high` values in the same column",
    },
    Bad {
        text: "option,a\nx,5\nlow,1\nhigh,3\n",
        at: (2, 3),
        starts: "5",
        field: "row `x`, column `a`",
        message: "value 5 is outside its own range 1 to 3 (the `low` and `high` rows)",
    },
    Bad {
        text: "option,a\nx,2\nlow,3\nhigh,1\n",
        at: (3, 5),
        starts: "3",
        field: "low of `x`, column `a`",
        message: "inverted range: low 3 is above high 1",
    },
    Bad {
        text: "option,a\nx,2\nlow,1\nlikely,4\nhigh,3\n",
        at: (4, 8),
        starts: "4",
        field: "likely of `x`, column `a`",
        message: "likely value 4 is outside its range 1 to 3",
    },
    Bad {
        text: "option,a\nx,2\nlow,1\nhigh,3\nlow,1\n",
        at: (5, 1),
        starts: "low,1",
        field: "low of `x`",
        message: "a second `low` row for option `x`",
    },
    Bad {
        text: "option,a\nx,2\nlow,one\nhigh,3\n",
        at: (3, 5),
        starts: "one",
        field: "low of `x`, column `a`",
        message: "expected a number, found `one`",
    },
    Bad {
        text: "option,a,b\nx,2,3\nbasis,illustrative,guessed\n",
        at: (3, 20),
        starts: "guessed",
        field: "basis of `x`, column `b`",
        message: "expected `sourced` or `illustrative` (or an empty cell for sourced), found `guessed`",
    },
    Bad {
        text: "option,a\nx,2\nbasis,sourced\nlow,1\nhigh,3\nbasis,sourced\n",
        at: (6, 1),
        starts: "basis,sourced",
        field: "basis of `x`",
        message: "a second `basis` row for option `x`",
    },
    Bad {
        text: "option,a\ndirection,max\nbasis,sourced\nx,1\n",
        at: (3, 1),
        starts: "basis",
        field: "basis",
        message: "a `basis` row must come right after the option row it belongs to",
    },
    Bad {
        text: "option,a\nmethod,ahp\nx,1\n",
        at: (2, 8),
        starts: "ahp",
        field: "method",
        message: "expected one of `wsm`, `wpm`, `topsis`, `promethee2`, `vikor`, found `ahp`",
    },
    Bad {
        text: "option,a\nnormalisation,z-score\nx,1\n",
        at: (2, 15),
        starts: "z-score",
        field: "normalisation",
        message: "expected one of `scale`, `minmax`, `max`, `linear`, `sum`, `vector`, `none`, found `z-score`",
    },
    Bad {
        text: "option,a\nmethod,vikor\nnormalization,scale\nx,1\n",
        at: (3, 15),
        starts: "scale",
        field: "normalization",
        message: "the `vikor` method does not work with the `scale` normalisation; use `none`",
    },
    Bad {
        text: "option,a,b\nmethod,wsm,topsis\nx,1,2\n",
        at: (2, 12),
        starts: "topsis",
        field: "method",
        message: "`method` takes one value, in the cell after the label; found `topsis` further on",
    },
    Bad {
        text: "option,a\nmethod\nx,1\n",
        at: (2, 1),
        starts: "method",
        field: "method",
        message: "expected a value in the cell after `method`",
    },
    Bad {
        text: "option,a\nvikor v,1.5\nx,1\n",
        at: (2, 9),
        starts: "1.5",
        field: "vikor v",
        message: "VIKOR's v must be between 0 and 1, found 1.5",
    },
    Bad {
        text: "option,a\nmethod,wsm\nmethod,wpm\nx,1\n",
        at: (3, 1),
        starts: "method,wpm",
        field: "method",
        message: "a second `method` row",
    },
    Bad {
        text: "option,name,a\nx,X,1\nx,Y,2\n",
        at: (3, 1),
        starts: "x,Y",
        field: "row `x`",
        message: "duplicate option `x` (also on line 2)",
    },
    Bad {
        text: "option,name,a\nname,,A,extra\nx,X,1\n",
        at: (2, 1),
        starts: "name,,A",
        field: "row `name`",
        message: "row has 4 cells but the header has 3",
    },
];

/// The text at a 1-based line and column.
fn text_at(text: &str, (line, col): (usize, usize)) -> String {
    let line_text = text.split('\n').nth(line - 1).unwrap_or("");
    let rest: String = line_text.chars().skip(col - 1).collect();
    // An empty cell at the end of a line: the line break is the culprit.
    if rest.is_empty() { "\n".into() } else { rest }
}

#[test]
fn each_bad_cell_of_the_new_rows_is_reported_where_it_stands() {
    for bad in BAD {
        let e = parse_csv(bad.text.as_bytes(), "bad.csv")
            .err()
            .unwrap_or_else(|| panic!("accepted:\n{}", bad.text));
        assert_eq!(e.diagnostics.len(), 1, "{e}\n{}", bad.text);
        let d = &e.diagnostics[0];
        assert_eq!(
            (d.location, d.field.as_str(), d.message.as_str()),
            (Some(bad.at), bad.field, bad.message),
            "\n{}",
            bad.text
        );
        assert!(
            text_at(bad.text, bad.at).starts_with(bad.starts),
            "{:?} at {:?} in\n{}",
            bad.starts,
            bad.at,
            bad.text
        );
        assert!(
            e.to_string()
                .starts_with(&format!("bad.csv:{}:{}: ", bad.at.0, bad.at.1))
        );
    }
}

/// The full example in `docs/scenario-format.md` reads, and scores as worked out by hand.
#[test]
fn the_documented_full_matrix_reads_and_scores_by_hand() {
    let doc = std::fs::read_to_string("docs/scenario-format.md").unwrap_or_else(|e| panic!("{e}"));
    let from = doc
        .find("### The full matrix")
        .unwrap_or_else(|| panic!("no full matrix section"));
    let block = doc[from..]
        .split("```text\n")
        .nth(1)
        .and_then(|b| b.split("```").next())
        .unwrap_or_default();
    let s = parse_csv(block.as_bytes(), "doc.csv").unwrap_or_else(|e| panic!("{e}\n{block}"));
    assert_eq!(s.options[0].id, "hub");
    assert_eq!(s.criteria[1].name, "Cost to governments");
    let basis = |o: &str, c: &str| s.cell(o, c).map(|cell| cell.basis);
    assert_eq!(basis("hub", "leakage"), Some(Basis::Illustrative));
    assert_eq!(basis("hub", "cost"), Some(Basis::Sourced));
    assert_eq!(basis("treaty", "leakage"), Some(Basis::Sourced));
    assert_eq!(
        s.cell("hub", "cost").and_then(|c| c.uncertainty.clone()),
        Some(Uncertainty::Triangular {
            low: 2.5,
            likely: 3.0,
            high: 5.0
        })
    );
    // Scale 0..10, weights ½ ¼ ¼, cost is a `min`, jobs through the value function
    // (0:0; 5:0.8; 10:1). Hub: 0.3·½ + (1 − 0.35)·¼ + (2/5·0.8)·¼ = 0.3925.
    // Treaty: 0.85·½ + (1 − 0.8)·¼ + (4/5·0.8)·¼ = 0.635.
    let r = score(&s).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (r.method, r.normalization),
        (Method::Wsm, tideline::scenario::model::Normalization::Scale)
    );
    assert!((r.scores[0] - 0.3925).abs() < 1e-12, "{:?}", r.scores);
    assert!((r.scores[1] - 0.635).abs() < 1e-12, "{:?}", r.scores);
}

/// No panic on any damage to a full-layout matrix: every prefix of the second scenario's
/// export, single bytes changed, and whole rows dropped or repeated (a range row without its
/// option, a second settings row, a name row after the options…).
#[test]
fn no_panic_on_a_damaged_full_layout_matrix() {
    let mut s = enriched();
    s.options.truncate(3);
    let keep: Vec<String> = s.options.iter().map(|o| o.id.clone()).collect();
    s.performance.retain(|c| keep.contains(&c.option));
    let good = matrix_csv(&s, 0).unwrap_or_else(|e| panic!("{e}"));
    assert!(parse_csv(good.as_bytes(), "good.csv").is_ok());
    let bytes = good.as_bytes();
    for cut in 0..bytes.len() {
        let _ = parse_csv(&bytes[..cut], "cut.csv");
    }
    for i in (0..bytes.len()).step_by(3) {
        for b in [b',', b'"', b'\n', b'-', b'x', b'9', 0xff] {
            let mut damaged = bytes.to_vec();
            damaged[i] = b;
            let _ = parse_csv(&damaged, "flip.csv");
        }
    }
    let lines: Vec<&str> = good.lines().collect();
    for i in 0..lines.len() {
        let mut dropped = lines.clone();
        dropped.remove(i);
        let _ = parse_csv(dropped.join("\n").as_bytes(), "drop.csv");
        let mut twice = lines.clone();
        twice.insert(i, lines[i]);
        assert!(parse_csv(twice.join("\n").as_bytes(), "twice.csv").is_err() || i == 0);
    }
}
