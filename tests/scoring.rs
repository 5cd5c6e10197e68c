//! The scoring core against a published example and hand-checkable cases.

use tideline::analysis::scoring::{ScoreError, normalize_column, ranks, score_with, weighted_sum};
use tideline::files::scenario_file::parse_ron;
use tideline::scenario::model::{
    Criterion, Direction, Normalization, Scale, Scenario, ValueFunction,
};
use tideline::scenario::weights::effective_weights;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

fn assert_all_close(got: &[f64], want: &[f64]) {
    assert_eq!(got.len(), want.len(), "{got:?} vs {want:?}");
    for (g, w) in got.iter().zip(want) {
        assert!(close(*g, *w), "got {got:?}, want {want:?}");
    }
}

fn criterion(direction: Direction, min: f64, max: f64) -> Criterion {
    Criterion {
        id: "c".into(),
        name: "C".into(),
        short: String::new(),
        family: "f".into(),
        description: String::new(),
        direction,
        scale: Scale {
            min,
            max,
            unit: String::new(),
        },
        provenance: None,
        value_function: None,
        outranking: None,
        i18n: Default::default(),
    }
}

fn norm(values: &[f64], direction: Direction, method: Normalization) -> Vec<f64> {
    let column: Vec<Option<f64>> = values.iter().map(|&x| Some(x)).collect();
    normalize_column(&column, &criterion(direction, 0.0, 10.0), method)
        .map(|v| v.into_iter().map(|x| x.unwrap_or(f64::NAN)).collect())
        .unwrap_or_default()
}

/// Triantaphyllou, E. (2000). *Multi-Criteria Decision Making Methods: A Comparative Study*.
/// Kluwer/Springer, §2.2.1 (the WSM example; also reproduced in Wikipedia's "Weighted sum
/// model"): weights 0.20, 0.15, 0.40, 0.25; A1 = (25, 20, 15, 30), A2 = (10, 30, 20, 30),
/// A3 = (30, 10, 30, 10); published scores A1 = 21.50, A2 = 22.00, A3 = 22.00, so A2 and A3
/// tie for best.
#[test]
fn weighted_sum_matches_triantaphyllou_example() {
    let matrix = vec![
        vec![25.0, 20.0, 15.0, 30.0],
        vec![10.0, 30.0, 20.0, 30.0],
        vec![30.0, 10.0, 30.0, 10.0],
    ];
    let scores = weighted_sum(&matrix, &[0.20, 0.15, 0.40, 0.25]);
    assert_all_close(&scores, &[21.50, 22.00, 22.00]);
    assert_eq!(ranks(&scores, true), vec![3, 1, 1]);
}

/// The same example through the whole pipeline from a scenario file: one family, raw weights
/// 20/15/40/25, and the `max` normalisation (x / column max), which divides each column by a
/// constant and so cannot change the ranks of the raw weighted sum. Hand check of A1:
/// 0.20·25/30 + 0.15·20/30 + 0.40·15/30 + 0.25·30/30 = 0.16667 + 0.1 + 0.2 + 0.25 = 0.71667.
#[test]
fn scenario_pipeline_on_the_triantaphyllou_example() {
    let text = r#"(
        metadata: (format_version: 1, title: "Triantaphyllou 2000, §2.2.1"),
        families: [(id: "f", name: "F")],
        criteria: [
            (id: "c1", name: "C1", family: "f", direction: Maximize, scale: (min: 0, max: 40)),
            (id: "c2", name: "C2", family: "f", direction: Maximize, scale: (min: 0, max: 40)),
            (id: "c3", name: "C3", family: "f", direction: Maximize, scale: (min: 0, max: 40)),
            (id: "c4", name: "C4", family: "f", direction: Maximize, scale: (min: 0, max: 40)),
        ],
        options: [
            (id: "a1", name: "A1", provenance: (document: "T")),
            (id: "a2", name: "A2", provenance: (document: "T")),
            (id: "a3", name: "A3", provenance: (document: "T")),
        ],
        performance: [
            (option: "a1", criterion: "c1", value: 25), (option: "a1", criterion: "c2", value: 20),
            (option: "a1", criterion: "c3", value: 15), (option: "a1", criterion: "c4", value: 30),
            (option: "a2", criterion: "c1", value: 10), (option: "a2", criterion: "c2", value: 30),
            (option: "a2", criterion: "c3", value: 20), (option: "a2", criterion: "c4", value: 30),
            (option: "a3", criterion: "c1", value: 30), (option: "a3", criterion: "c2", value: 10),
            (option: "a3", criterion: "c3", value: 30), (option: "a3", criterion: "c4", value: 10),
        ],
        profiles: [(id: "t", name: "T", criterion_weights: {"c1": 20, "c2": 15, "c3": 40, "c4": 25})],
    )"#;
    let s = parse_ron(text.as_bytes(), "t.ron").unwrap_or_else(|e| panic!("{e}"));
    let r =
        score_with(&s, 0, s.settings.method, Normalization::Max).unwrap_or_else(|e| panic!("{e}"));
    assert_all_close(&r.weights, &[0.20, 0.15, 0.40, 0.25]);
    let a1 = 0.20 * 25.0 / 30.0 + 0.15 * 20.0 / 30.0 + 0.40 * 15.0 / 30.0 + 0.25;
    assert!(close(r.scores[0], a1), "{:?}", r.scores);
    assert_eq!(r.ranks, vec![3, 1, 1]);
    // Contributions add up to each score.
    for (row, score) in r.contributions.iter().zip(&r.scores) {
        assert!(close(row.iter().sum::<f64>(), *score));
    }
    // The declared 0–40 scale: A1 = (0.2·25 + 0.15·20 + 0.4·15 + 0.25·30) / 40 = 21.5 / 40.
    let r = score_with(&s, 0, s.settings.method, Normalization::Scale)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_all_close(&r.scores, &[21.5 / 40.0, 22.0 / 40.0, 22.0 / 40.0]);
}

#[test]
fn scale_uses_declared_bounds_and_direction() {
    use Direction::*;
    assert_all_close(
        &norm(&[0.0, 2.5, 10.0], Maximize, Normalization::Scale),
        &[0.0, 0.25, 1.0],
    );
    assert_all_close(
        &norm(&[0.0, 2.5, 10.0], Minimize, Normalization::Scale),
        &[1.0, 0.75, 0.0],
    );
    // A constant column keeps its place on the declared scale.
    assert_all_close(
        &norm(&[4.0, 4.0], Maximize, Normalization::Scale),
        &[0.4, 0.4],
    );
}

/// A constant column under `sum` and `vector` gets what the references' formulas give
/// (pymcdm's `sum_normalization` x/Σx, cost (1/x)/Σ(1/x); `vector_normalization` x/‖x‖, cost
/// 1 − x/‖x‖; scikit-criteria's SumScaler and VectorScaler agree): 1/n and 1/√n, not 1. The
/// expected values are the formulas evaluated here on the column itself.
#[test]
fn constant_column_follows_the_reference_formulas() {
    use Direction::*;
    let c = 7.3;
    for n in [2usize, 3, 4, 9] {
        let column = vec![c; n];
        let total: f64 = column.iter().sum();
        let inverse_total: f64 = column.iter().map(|x| 1.0 / x).sum();
        let norm2 = column.iter().map(|x| x * x).sum::<f64>().sqrt();
        let sum_benefit: Vec<f64> = column.iter().map(|x| x / total).collect();
        let sum_cost: Vec<f64> = column.iter().map(|x| (1.0 / x) / inverse_total).collect();
        let vector_benefit: Vec<f64> = column.iter().map(|x| x / norm2).collect();
        let vector_cost: Vec<f64> = column.iter().map(|x| 1.0 - x / norm2).collect();
        assert_all_close(&norm(&column, Maximize, Normalization::Sum), &sum_benefit);
        assert_all_close(&norm(&column, Minimize, Normalization::Sum), &sum_cost);
        assert_all_close(
            &norm(&column, Maximize, Normalization::Vector),
            &vector_benefit,
        );
        assert_all_close(
            &norm(&column, Minimize, Normalization::Vector),
            &vector_cost,
        );
        // The analytic values the formulas reduce to.
        assert!(close(sum_benefit[0], 1.0 / n as f64));
        assert!(close(vector_benefit[0], 1.0 / (n as f64).sqrt()));
        // A column of zeros, where the formulas are 0/0, gets the same as any other constant.
        let zeros = vec![0.0; n];
        assert_all_close(&norm(&zeros, Maximize, Normalization::Sum), &sum_benefit);
        assert_all_close(
            &norm(&zeros, Maximize, Normalization::Vector),
            &vector_benefit,
        );
    }
    // Missing values take no part: n counts the present ones.
    let crit = criterion(Maximize, 0.0, 10.0);
    let got = normalize_column(&[Some(3.0), None, Some(3.0)], &crit, Normalization::Sum)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(got, vec![Some(0.5), None, Some(0.5)]);
    // minmax is 0/0 on a constant column: every option gets 1.
    assert_all_close(&norm(&[5.0; 3], Maximize, Normalization::MinMax), &[1.0; 3]);
}

#[test]
fn scale_uses_a_value_function_when_given() {
    let mut c = criterion(Direction::Maximize, 0.0, 10.0);
    c.value_function = Some(ValueFunction {
        points: vec![(0.0, 0.0), (5.0, 0.8), (10.0, 1.0)],
    });
    let got = normalize_column(
        &[Some(2.5), Some(7.5), Some(12.0)],
        &c,
        Normalization::Scale,
    )
    .unwrap_or_default();
    assert_eq!(got, vec![Some(0.4), Some(0.9), Some(1.0)]);
}

#[test]
fn minmax_uses_observed_range() {
    use Direction::*;
    assert_all_close(
        &norm(&[2.0, 4.0, 6.0], Maximize, Normalization::MinMax),
        &[0.0, 0.5, 1.0],
    );
    assert_all_close(
        &norm(&[2.0, 4.0, 6.0], Minimize, Normalization::MinMax),
        &[1.0, 0.5, 0.0],
    );
}

#[test]
fn max_divides_by_the_column_max() {
    use Direction::*;
    assert_all_close(
        &norm(&[2.0, 4.0, 8.0], Maximize, Normalization::Max),
        &[0.25, 0.5, 1.0],
    );
    assert_all_close(
        &norm(&[2.0, 4.0, 8.0], Minimize, Normalization::Max),
        &[0.75, 0.5, 0.0],
    );
}

#[test]
fn linear_uses_min_over_x_for_costs() {
    use Direction::*;
    assert_all_close(
        &norm(&[2.0, 4.0, 8.0], Maximize, Normalization::Linear),
        &[0.25, 0.5, 1.0],
    );
    assert_all_close(
        &norm(&[2.0, 4.0, 8.0], Minimize, Normalization::Linear),
        &[1.0, 0.5, 0.25],
    );
}

#[test]
fn sum_divides_by_the_total() {
    use Direction::*;
    assert_all_close(
        &norm(&[1.0, 3.0, 4.0], Maximize, Normalization::Sum),
        &[0.125, 0.375, 0.5],
    );
    // Costs: reciprocals 1/1, 1/2, 1/4 sum to 1.75.
    assert_all_close(
        &norm(&[1.0, 2.0, 4.0], Minimize, Normalization::Sum),
        &[1.0 / 1.75, 0.5 / 1.75, 0.25 / 1.75],
    );
}

#[test]
fn vector_divides_by_the_euclidean_norm() {
    use Direction::*;
    // √(3² + 4²) = 5.
    assert_all_close(
        &norm(&[3.0, 4.0], Maximize, Normalization::Vector),
        &[0.6, 0.8],
    );
    assert_all_close(
        &norm(&[3.0, 4.0], Minimize, Normalization::Vector),
        &[0.4, 0.2],
    );
}

#[test]
fn a_constant_column_gives_one_under_minmax_max_and_linear() {
    // `sum` and `vector` follow their formulas instead (next test); a constant column is
    // still the same value for every option there, whatever its sign.
    for method in [Normalization::Sum, Normalization::Vector] {
        for value in [0.0, -3.0, 7.0] {
            for dir in [Direction::Maximize, Direction::Minimize] {
                let got = norm(&[value, value, value], dir, method);
                assert!(
                    got.iter().all(|x| close(*x, got[0])),
                    "{method:?} {dir:?} {got:?}"
                );
            }
        }
    }
    for method in [
        Normalization::MinMax,
        Normalization::Max,
        Normalization::Linear,
    ] {
        for value in [0.0, -3.0, 7.0] {
            for dir in [Direction::Maximize, Direction::Minimize] {
                let got = norm(&[value, value, value], dir, method);
                assert_eq!(got, vec![1.0; 3], "{method:?} {dir:?} {value}");
            }
        }
    }
}

#[test]
fn ratio_normalisations_refuse_values_they_cannot_divide() {
    let c = criterion(Direction::Minimize, -10.0, 10.0);
    let with_zero = [Some(0.0), Some(2.0)];
    let with_negative = [Some(-1.0), Some(2.0)];
    for (values, method) in [
        (&with_zero[..], Normalization::Linear),
        (&with_zero[..], Normalization::Sum),
        (&with_negative[..], Normalization::Max),
    ] {
        match normalize_column(values, &c, method) {
            Err(ScoreError::Undefined { criterion, .. }) => assert_eq!(criterion, "c"),
            other => panic!("{method:?}: expected a refusal, got {other:?}"),
        }
    }
    // Benefit columns may hold zeros under the ratio normalisations: 0, 1, 3 give x/Σx = 0,
    // 1/4, 3/4 and x/max = 0, 1/3, 1.
    let b = criterion(Direction::Maximize, 0.0, 10.0);
    for (method, want) in [
        (Normalization::Sum, [0.0, 0.25, 0.75]),
        (Normalization::Linear, [0.0, 1.0 / 3.0, 1.0]),
    ] {
        match normalize_column(&[Some(0.0), Some(1.0), Some(3.0)], &b, method) {
            Ok(got) => assert_eq!(got, want.map(Some), "{method:?}"),
            Err(e) => panic!("{method:?}: {e}"),
        }
    }
    let e = normalize_column(&with_negative, &c, Normalization::Max)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(e.contains("criterion `c`") && e.contains("`max`"), "{e}");
}

#[test]
fn missing_values_stay_missing_and_take_no_part() {
    let c = criterion(Direction::Maximize, 0.0, 10.0);
    let got = normalize_column(&[Some(2.0), None, Some(6.0)], &c, Normalization::MinMax)
        .unwrap_or_default();
    assert_eq!(got, vec![Some(0.0), None, Some(1.0)]);
}

fn two_family_scenario() -> Scenario {
    let text = r#"(
        metadata: (format_version: 1, title: "two families"),
        families: [(id: "env", name: "Env"), (id: "eco", name: "Eco")],
        criteria: [
            (id: "a", name: "A", family: "env", direction: Maximize, scale: (min: 0, max: 10)),
            (id: "b", name: "B", family: "env", direction: Maximize, scale: (min: 0, max: 10)),
            (id: "c", name: "C", family: "eco", direction: Minimize, scale: (min: 0, max: 10)),
        ],
        options: [
            (id: "x", name: "X", provenance: (document: "D")),
            (id: "y", name: "Y", provenance: (document: "D")),
        ],
        performance: [
            (option: "x", criterion: "a", value: 10), (option: "x", criterion: "b", value: 0),
            (option: "x", criterion: "c", value: 10),
            (option: "y", criterion: "a", value: 0), (option: "y", criterion: "b", value: None),
            (option: "y", criterion: "c", value: 0),
        ],
        profiles: [
            (id: "tree", name: "Tree", family_weights: {"env": 3, "eco": 1},
             criterion_weights: {"a": 1, "b": 0, "c": 5}),
            (id: "equal", name: "Equal"),
            (id: "env-only", name: "Env only", family_weights: {"env": 1, "eco": 0}),
        ],
    )"#;
    parse_ron(text.as_bytes(), "two.ron").unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn family_times_criterion_weights() {
    let s = two_family_scenario();
    // env 3/4 shared a:b = 1:0; eco 1/4 to c alone.
    assert_all_close(&effective_weights(&s, &s.profiles[0]), &[0.75, 0.0, 0.25]);
    // Empty maps: families alike (1/2 each), criteria alike within their family.
    assert_all_close(&effective_weights(&s, &s.profiles[1]), &[0.25, 0.25, 0.5]);
    // A zero family weight is allowed.
    assert_all_close(&effective_weights(&s, &s.profiles[2]), &[0.5, 0.5, 0.0]);
}

#[test]
fn a_missing_value_is_an_error_only_where_it_is_weighted() {
    let s = two_family_scenario();
    // Profile "tree" gives b a weight of 0, so y's missing b does not matter: x = 0.75, y = 0.25.
    let r = score_with(&s, 0, s.settings.method, Normalization::Scale)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_all_close(&r.scores, &[0.75, 0.25]);
    assert_eq!(r.ranks, vec![1, 2]);
    match score_with(&s, 1, s.settings.method, Normalization::Scale) {
        Err(ScoreError::MissingValue { option, criterion }) => {
            assert_eq!((option.as_str(), criterion.as_str()), ("y", "b"));
        }
        other => panic!("expected a missing-value error, got {other:?}"),
    }
}
