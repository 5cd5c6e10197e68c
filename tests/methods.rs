//! The scoring methods against published worked examples, each citing its source, and
//! properties that must hold on any data (random matrices from a small deterministic
//! generator).

use tideline::analysis::scoring::{
    MethodDetail, MethodOutput, Problem, ScoreError, ranks, score_problem, score_with,
};
use tideline::files::scenario_file::{parse_ron, to_ron};
use tideline::scenario::model::{
    Criterion, Direction, Method, Normalization, Outranking, PreferenceFunction, Scale,
};

fn criterion(j: usize, direction: Direction, outranking: Option<Outranking>) -> Criterion {
    Criterion {
        id: format!("c{}", j + 1),
        name: format!("C{}", j + 1),
        short: String::new(),
        family: "f".into(),
        description: String::new(),
        direction,
        scale: Scale {
            min: -1e9,
            max: 1e9,
            unit: String::new(),
        },
        provenance: None,
        value_function: None,
        outranking,
        i18n: Default::default(),
    }
}

/// A problem to score: rows are options, `dirs` and `prefs` one per column.
struct Case {
    matrix: Vec<Vec<Option<f64>>>,
    criteria: Vec<Criterion>,
    weights: Vec<f64>,
    ids: Vec<String>,
    v: f64,
}

impl Case {
    fn new(rows: &[&[f64]], dirs: &[Direction], weights: &[f64]) -> Case {
        Case {
            matrix: rows
                .iter()
                .map(|r| r.iter().map(|&x| Some(x)).collect())
                .collect(),
            criteria: dirs
                .iter()
                .enumerate()
                .map(|(j, &d)| criterion(j, d, None))
                .collect(),
            weights: weights.to_vec(),
            ids: (1..=rows.len()).map(|i| format!("a{i}")).collect(),
            v: 0.5,
        }
    }

    /// The matrix given criterion by criterion, as some sources print it.
    fn transposed(columns: &[&[f64]], dirs: &[Direction], weights: &[f64]) -> Case {
        let m = columns.first().map_or(0, |c| c.len());
        let rows: Vec<Vec<f64>> = (0..m)
            .map(|i| columns.iter().map(|c| c[i]).collect())
            .collect();
        let refs: Vec<&[f64]> = rows.iter().map(Vec::as_slice).collect();
        Case::new(&refs, dirs, weights)
    }

    fn with_preference(mut self, f: impl Fn(usize) -> Outranking) -> Case {
        for (j, c) in self.criteria.iter_mut().enumerate() {
            c.outranking = Some(f(j));
        }
        self
    }

    fn run(&self, method: Method, n: Normalization) -> Result<MethodOutput, ScoreError> {
        let ids: Vec<&str> = self.ids.iter().map(String::as_str).collect();
        let p = Problem {
            options: &ids,
            criteria: &self.criteria,
            matrix: &self.matrix,
            weights: &self.weights,
            vikor_v: self.v,
        };
        score_problem(&p, method, n)
    }

    fn score(&self, method: Method, n: Normalization) -> MethodOutput {
        self.run(method, n)
            .unwrap_or_else(|e| panic!("{method:?}/{n:?}: {e}"))
    }
}

fn outranking(function: PreferenceFunction, q: f64, p: f64) -> Outranking {
    Outranking {
        function,
        q: Some(q),
        p: Some(p),
        s: None,
    }
}

/// `got` rounds to `want` at the published number of decimals (`tol` = half a unit in the last
/// place, plus a hair for the binary representation).
fn assert_published(got: &[f64], want: &[f64], tol: f64) {
    assert_eq!(got.len(), want.len());
    for (g, w) in got.iter().zip(want) {
        assert!((g - w).abs() <= tol, "got {got:?}, published {want:?}");
    }
}

use Direction::{Maximize as Max, Minimize as Min};

/// The 6 × 4 example used throughout Papathanasiou, J. & Ploskas, N. (2018), *Multiple Criteria
/// Decision Aid: Methods, Examples and Python Implementations*, Springer Optimization and Its
/// Applications 136: four benefit criteria, weights 0.4, 0.3, 0.1, 0.2.
fn papathanasiou_ploskas() -> Case {
    Case::new(
        &[
            &[8.0, 7.0, 2.0, 1.0],
            &[5.0, 3.0, 7.0, 5.0],
            &[7.0, 5.0, 6.0, 4.0],
            &[9.0, 9.0, 7.0, 3.0],
            &[11.0, 10.0, 3.0, 7.0],
            &[6.0, 9.0, 5.0, 4.0],
        ],
        &[Max, Max, Max, Max],
        &[0.4, 0.3, 0.1, 0.2],
    )
}

/// Papathanasiou & Ploskas (2018), ch. 1 "TOPSIS", pp. 1–30: vector normalisation, closeness
/// 0.387, 0.327, 0.391, 0.615, 0.868, 0.493 (A5 best, then A4, A6, A3, A1, A2).
#[test]
fn topsis_matches_papathanasiou_ploskas() {
    let out = papathanasiou_ploskas().score(Method::Topsis, Normalization::Vector);
    assert_published(
        &out.scores,
        &[0.387, 0.327, 0.391, 0.615, 0.868, 0.493],
        0.0005 + 1e-9,
    );
    assert_eq!(ranks(&out.scores, true), vec![5, 6, 4, 2, 1, 3]);
    let MethodDetail::Topsis { d_plus, d_minus } = &out.detail else {
        panic!("no TOPSIS detail")
    };
    for i in 0..6 {
        assert!((d_minus[i] / (d_plus[i] + d_minus[i]) - out.scores[i]).abs() < 1e-12);
    }
}

/// Ersoy, Y. (2021). Equipment selection for an e-commerce company using entropy-based TOPSIS,
/// EDAS and CODAS methods during the COVID-19. *LogForum* 17(3): six options, four benefit and
/// two cost criteria, entropy weights 0.405, 0.221, 0.134, 0.199, 0.007, 0.034; TOPSIS (vector)
/// closeness 0.308, 0.254, 0.327, 0.263, 0.857, 0.192. Checked to two decimals, as the
/// published weights are rounded. The cost columns exercise our flipped cost normalisation
/// (1 − x/‖x‖, ideal = column maximum) against Hwang & Yoon's (x/‖x‖, ideal = column minimum).
#[test]
fn topsis_with_cost_criteria_matches_ersoy() {
    let case = Case::new(
        &[
            &[256.0, 8.0, 41.0, 1.6, 1.77, 7347.16],
            &[256.0, 8.0, 32.0, 1.0, 1.8, 6919.99],
            &[256.0, 8.0, 53.0, 1.6, 1.9, 8400.0],
            &[256.0, 8.0, 41.0, 1.0, 1.75, 6808.9],
            &[512.0, 8.0, 35.0, 1.6, 1.7, 8479.99],
            &[256.0, 4.0, 35.0, 1.6, 1.7, 7499.99],
        ],
        &[Max, Max, Max, Max, Min, Min],
        &[0.405, 0.221, 0.134, 0.199, 0.007, 0.034],
    );
    let out = case.score(Method::Topsis, Normalization::Vector);
    assert_published(
        &out.scores,
        &[0.308, 0.254, 0.327, 0.263, 0.857, 0.192],
        0.005,
    );
    assert_eq!(ranks(&out.scores, true), vec![3, 5, 2, 4, 1, 6]);
}

/// Hwang & Yoon's own handling of a cost criterion (keep x/‖x‖, take the column minimum as the
/// ideal) worked out independently here gives the same closeness as our flipped normalisation.
#[test]
fn topsis_cost_flip_leaves_the_distances_unchanged() {
    let rows: [[f64; 3]; 4] = [
        [3.0, 9.0, 0.2],
        [5.0, 4.0, 0.9],
        [1.0, 7.0, 0.5],
        [4.0, 4.0, 0.1],
    ];
    let dirs = [Max, Min, Min];
    let w = [0.5, 0.3, 0.2];
    let refs: Vec<&[f64]> = rows.iter().map(|r| r.as_slice()).collect();
    let ours = Case::new(&refs, &dirs, &w).score(Method::Topsis, Normalization::Vector);
    for i in 0..4 {
        let (mut dp, mut dm) = (0.0_f64, 0.0_f64);
        for j in 0..3 {
            let norm = rows.iter().map(|r| r[j] * r[j]).sum::<f64>().sqrt();
            let v: Vec<f64> = rows.iter().map(|r| w[j] * r[j] / norm).collect();
            let (lo, hi) = v
                .iter()
                .fold((f64::MAX, f64::MIN), |(a, b), &x| (a.min(x), b.max(x)));
            let (ideal, anti) = if dirs[j] == Max { (hi, lo) } else { (lo, hi) };
            dp += (v[i] - ideal).powi(2);
            dm += (v[i] - anti).powi(2);
        }
        let c = dm.sqrt() / (dp.sqrt() + dm.sqrt());
        assert!(
            (ours.scores[i] - c).abs() < 1e-12,
            "{i}: {} vs {c}",
            ours.scores[i]
        );
    }
}

/// Papathanasiou & Ploskas (2018), ch. 2 "VIKOR", pp. 31–55: with v = 0.625,
/// Q = 0.640, 1.000, 0.693, 0.271, 0.000, 0.694.
#[test]
fn vikor_q_matches_papathanasiou_ploskas() {
    let mut case = papathanasiou_ploskas();
    case.v = 0.625;
    let out = case.score(Method::Vikor, Normalization::None);
    assert_published(
        &out.scores,
        &[0.640, 1.000, 0.693, 0.271, 0.000, 0.694],
        0.0005 + 1e-9,
    );
    // Q ascending is better: A5, A4, A1, A3, A6, A2.
    assert_eq!(ranks(&out.scores, false), vec![3, 6, 4, 2, 1, 5]);
}

/// Opricovic, S. & Tzeng, G.-H. (2004). Compromise solution by MCDM methods: a comparative
/// analysis of VIKOR and TOPSIS. *European Journal of Operational Research* 156(2), 445–455,
/// numerical example: A1 = (1, 3000), A2 = (2, 3750), A3 = (5, 4500), criterion 1 a cost,
/// criterion 2 a benefit, equal weights, v = 0.5; Q = 1, 0, 1, so A2 is the compromise.
///
/// S and R worked out by hand from the definitions (f*₁ = 1, f⁻₁ = 5, f*₂ = 4500,
/// f⁻₂ = 3000):
/// A1: 0.5·0/4 = 0 and 0.5·1500/1500 = 0.5 → S = 0.5, R = 0.5;
/// A2: 0.5·1/4 = 0.125 and 0.5·750/1500 = 0.25 → S = 0.375, R = 0.25;
/// A3: 0.5·4/4 = 0.5 and 0 → S = 0.5, R = 0.5.
/// A2 leads by Q(A1) − Q(A2) = 1 ≥ DQ = 1/(3 − 1) and is also best by S and R, so both
/// conditions hold and the compromise is A2 alone.
#[test]
fn vikor_matches_opricovic_tzeng_2004() {
    let case = Case::new(
        &[&[1.0, 3000.0], &[2.0, 3750.0], &[5.0, 4500.0]],
        &[Min, Max],
        &[0.5, 0.5],
    );
    let out = case.score(Method::Vikor, Normalization::None);
    let MethodDetail::Vikor {
        s,
        r,
        q,
        compromise,
        advantage,
        stability,
        ..
    } = &out.detail
    else {
        panic!("no VIKOR detail")
    };
    assert_published(s, &[0.5, 0.375, 0.5], 1e-12);
    assert_published(r, &[0.5, 0.25, 0.5], 1e-12);
    assert_published(q, &[1.0, 0.0, 1.0], 1e-12);
    assert_eq!(compromise, &vec![1]);
    assert!(*advantage && *stability);
}

/// Papathanasiou & Ploskas (2018), ch. 3 "PROMETHEE", pp. 57–89: the linear preference
/// function with q = 1 and p = 2 on every criterion; net flows −0.26, −0.52, −0.22, 0.36, 0.70,
/// −0.06.
#[test]
fn promethee2_linear_matches_papathanasiou_ploskas() {
    let case = papathanasiou_ploskas()
        .with_preference(|_| outranking(PreferenceFunction::Linear, 1.0, 2.0));
    let out = case.score(Method::Promethee2, Normalization::None);
    assert_published(
        &out.scores,
        &[-0.26, -0.52, -0.22, 0.36, 0.70, -0.06],
        0.005 + 1e-9,
    );
}

/// Zhao, H., Peng, Y. & Li, W. (2013). Revised PROMETHEE II for improving efficiency in
/// emergency response. *Procedia Computer Science* 17, 181–188: three options, three benefit
/// criteria, weights 0.5, 0.3, 0.2, the usual criterion; net flows 0.1, −0.3, 0.2.
#[test]
fn promethee2_usual_matches_zhao_peng_li() {
    let case = Case::new(
        &[&[4.0, 3.0, 2.0], &[3.0, 2.0, 4.0], &[5.0, 1.0, 3.0]],
        &[Max, Max, Max],
        &[0.5, 0.3, 0.2],
    );
    let out = case.score(Method::Promethee2, Normalization::None);
    assert_published(&out.scores, &[0.1, -0.3, 0.2], 1e-12);
    // By hand: π(a1, a2) = 0.5 + 0.3 = 0.8 and π(a2, a1) = 0.2, so φ⁺(a1) = (0.8 + 0.3)/2.
    let MethodDetail::Promethee { phi_plus, .. } = &out.detail else {
        panic!("no PROMETHEE detail")
    };
    assert!((phi_plus[0] - 0.55).abs() < 1e-12);
}

/// Ziemba, P., Wątróbski, J., Zioło, M. & Karczmarczyk, A. (2017). Using the PROSA method in
/// offshore wind farm location problems. *Energies* 10(11), 1755: four locations, twelve
/// criteria (nine costs), the V-shape function with the published p; net flows −0.0445,
/// 0.1884, −0.0954, −0.0485.
#[test]
fn promethee2_v_shape_with_costs_matches_ziemba_2017() {
    let columns: [&[f64]; 12] = [
        &[16347.0, 14219.0, 8160.0, 8160.0],
        &[9.0, 8.5, 9.0, 8.5],
        &[73.8, 55.0, 64.8, 62.5],
        &[36.7, 36.0, 28.5, 29.5],
        &[1.5, 2.0, 2.0, 1.5],
        &[3730.0, 3240.0, 1860.0, 1860.0],
        &[2.0, 1.0, 2.0, 1.0],
        &[1.0, 1.0, 2.0, 3.0],
        &[38.8, 33.1, 45.8, 27.3],
        &[4.0, 2.0, 4.0, 3.0],
        &[1720524.0, 1496512.0, 858830.0, 858830.0],
        &[40012.0, 34803.0, 19973.0, 19973.0],
    ];
    let dirs = [Min, Min, Min, Min, Min, Max, Min, Min, Max, Min, Max, Max];
    let raw = [
        20.0, 5.0, 5.0, 1.67, 1.67, 11.67, 11.67, 5.0, 5.0, 16.67, 8.33, 8.33,
    ];
    let total: f64 = raw.iter().sum();
    let w: Vec<f64> = raw.iter().map(|x| x / total).collect();
    let p = [
        7280.0, 4.0, 13.4, 7.4, 3.0, 1662.0, 3.0, 3.0, 13.8, 3.0, 766240.0, 17820.0,
    ];
    let case = Case::transposed(&columns, &dirs, &w)
        .with_preference(|j| outranking(PreferenceFunction::VShape, 0.0, p[j]));
    let out = case.score(Method::Promethee2, Normalization::None);
    assert_published(
        &out.scores,
        &[-0.0445, 0.1884, -0.0954, -0.0485],
        0.00005 + 1e-9,
    );
}

/// Ziemba, P. (2019). Towards strong sustainability management — a generalized PROSA method.
/// *Sustainability* 11(6), 1555: nine options, twelve criteria (six costs, one with negative
/// values), the linear function with the published q and p; PROMETHEE II net flows −0.4143,
/// −0.5056, −0.2317, −0.2892, 0.3313, 0.0619, 0.4296, 0.1626, 0.4554.
#[test]
fn promethee2_linear_with_costs_matches_ziemba_2019() {
    let columns: [&[f64]; 12] = [
        &[
            38723.0, 34913.0, 25596.0, 34842.0, 22570.0, 39773.0, 19500.0, 34525.0, 16486.0,
        ],
        &[
            33207.0, 32085.0, 2123.0, 32095.0, 1445.0, 17485.0, 868.0, 16958.0, 958.0,
        ],
        &[0.0, 0.2, 5.0, 0.2, 0.2, 0.2, 99.0, 99.0, 99.0],
        &[
            3375.0, 3127.0, 3547.0, 3115.0, 3090.0, 4135.0, 3160.0, 4295.0, 3653.0,
        ],
        &[11.36, 12.78, 12.78, 12.86, 12.86, 17.0, 12.86, 17.0, 12.86],
        &[-320.9, -148.4, -148.4, -9.9, -9.9, 0.0, -9.9, 0.0, -9.9],
        &[
            203.7, 463.0, 356.2, 552.5, 295.0, 383.0, 264.0, 352.0, 264.0,
        ],
        &[0.0, 11.7, 44.8, 11.7, 95.9, 95.9, 116.8, 116.8, 164.9],
        &[0.0, 4.9, 10.7, 5.4, 11.2, 11.2, 11.2, 11.2, 11.2],
        &[1.0, 1.0, 1.0, 3.5, 4.0, 4.0, 4.0, 4.0, 4.0],
        &[21.5, 47.9, 27.7, 39.7, 1.5, 22.7, 2.7, 23.9, 1.0],
        &[0.0, 3.7, 4.5, 10.3, 11.5, 11.5, 11.3, 11.3, 11.4],
    ];
    let dirs = [Min, Min, Max, Min, Max, Max, Min, Max, Max, Min, Min, Max];
    let raw = [
        0.3333, 0.1667, 0.1667, 0.3333, 0.25, 0.75, 1.0, 1.0, 0.4, 0.20, 0.40, 1.0,
    ];
    let total: f64 = raw.iter().sum();
    let w: Vec<f64> = raw.iter().map(|x| x / total).collect();
    let p = [
        2100.0, 5000.0, 50.0, 200.0, 5.0, 20.0, 100.0, 80.0, 4.0, 2.0, 23.0, 3.0,
    ];
    let q = [
        420.0, 1000.0, 10.0, 40.0, 1.0, 7.0, 50.0, 20.0, 1.0, 1.0, 4.6, 1.0,
    ];
    let case = Case::transposed(&columns, &dirs, &w)
        .with_preference(|j| outranking(PreferenceFunction::Linear, q[j], p[j]));
    let out = case.score(Method::Promethee2, Normalization::None);
    assert_published(
        &out.scores,
        &[
            -0.4143, -0.5056, -0.2317, -0.2892, 0.3313, 0.0619, 0.4296, 0.1626, 0.4554,
        ],
        0.00005 + 1e-9,
    );
    // Contributions w_j φ_j add up to the net flow.
    for (row, phi) in out.contributions.iter().zip(&out.scores) {
        assert!((row.iter().sum::<f64>() - phi).abs() < 1e-12);
    }
}

/// PROMETHEE I's partial order on the plant-location example of Brans, J.-P. & Mareschal, B.
/// (2005), "PROMETHEE methods", ch. 5 of Figueira, Greco & Ehrgott (eds.), *Multiple Criteria
/// Decision Analysis: State of the Art Surveys*, Springer: six actions, six criteria of equal
/// weight, one of each of the six preference functions (f3 here in hundreds, its thresholds
/// scaled alike).
///
/// We could not consult the chapter's printed flows, so they are worked out independently: a
/// plain pair loop below with the preference functions written from the chapter's definitions
/// (not the engine's), and, as a second check, the flows to four places from a separate script:
///   φ⁺ = 0.2199, 0.3963, 0.2466, 0.3293, 0.4547, 0.3001;
///   φ⁻ = 0.3655, 0.3791, 0.3362, 0.3493, 0.1618, 0.3549.
/// From these, by hand: a5 has the highest φ⁺ and the lowest φ⁻, so it is preferred to every
/// other action; a2 leaves most but is also entered most, so it is incomparable with a1, a3,
/// a4 and a6; a3 is incomparable with a4 and a6 (lower φ⁺ and lower φ⁻); every other pair is
/// ordered by both flows alike. The complete order (net flow) is a5, a2, a4, a6, a3, a1.
#[test]
fn promethee1_partial_order_on_the_brans_mareschal_example() {
    use tideline::analysis::scoring::{Outrank, incomparable_pairs, promethee1};
    let rows: [[f64; 6]; 6] = [
        [80.0, 90.0, 6.0, 5.4, 8.0, 5.0],
        [65.0, 58.0, 2.0, 9.7, 1.0, 1.0],
        [83.0, 60.0, 4.0, 7.2, 4.0, 7.0],
        [40.0, 80.0, 10.0, 7.5, 7.0, 10.0],
        [52.0, 72.0, 6.0, 2.0, 3.0, 8.0],
        [94.0, 96.0, 7.0, 3.6, 5.0, 6.0],
    ];
    let dirs = [Min, Max, Min, Min, Min, Max];
    use PreferenceFunction as F;
    let functions = [
        (F::UShape, 10.0, 0.0, 0.0),
        (F::VShape, 0.0, 30.0, 0.0),
        (F::Linear, 0.5, 5.0, 0.0),
        (F::Level, 1.0, 6.0, 0.0),
        (F::Usual, 0.0, 0.0, 0.0),
        (F::Gaussian, 0.0, 0.0, 5.0),
    ];
    let refs: Vec<&[f64]> = rows.iter().map(|r| r.as_slice()).collect();
    let case = Case::new(&refs, &dirs, &[1.0 / 6.0; 6]).with_preference(|j| {
        let (function, q, p, s) = functions[j];
        Outranking {
            function,
            q: Some(q),
            p: Some(p),
            s: Some(s),
        }
    });
    let out = case.score(Method::Promethee2, Normalization::None);
    let MethodDetail::Promethee {
        phi_plus,
        phi_minus,
        ..
    } = &out.detail
    else {
        panic!("no PROMETHEE detail")
    };

    // The definition, pair by pair: P_j(d) for an advantage d of a over b on criterion j.
    let pref = |j: usize, d: f64| -> f64 {
        if d <= 0.0 {
            return 0.0;
        }
        match j {
            0 => f64::from(u8::from(d > 10.0)),
            1 => (d / 30.0).min(1.0),
            2 => ((d - 0.5) / 4.5).clamp(0.0, 1.0),
            3 => [0.0, 0.5, 1.0][usize::from(d > 1.0) + usize::from(d > 6.0)],
            4 => 1.0,
            _ => 1.0 - (-d * d / 50.0).exp(),
        }
    };
    let pi = |a: usize, b: usize| -> f64 {
        (0..6)
            .map(|j| {
                let d = rows[a][j] - rows[b][j];
                pref(j, if dirs[j] == Max { d } else { -d }) / 6.0
            })
            .sum()
    };
    for a in 0..6 {
        let leaving: f64 = (0..6).filter(|&b| b != a).map(|b| pi(a, b)).sum::<f64>() / 5.0;
        let entering: f64 = (0..6).filter(|&b| b != a).map(|b| pi(b, a)).sum::<f64>() / 5.0;
        assert!((phi_plus[a] - leaving).abs() < 1e-12, "φ⁺ of a{}", a + 1);
        assert!((phi_minus[a] - entering).abs() < 1e-12, "φ⁻ of a{}", a + 1);
    }
    assert_published(
        phi_plus,
        &[0.2199, 0.3963, 0.2466, 0.3293, 0.4547, 0.3001],
        0.00005 + 1e-9,
    );
    assert_published(
        phi_minus,
        &[0.3655, 0.3791, 0.3362, 0.3493, 0.1618, 0.3549],
        0.00005 + 1e-9,
    );

    // The partial order, pair by pair (0-based: a1 is 0): incomparable, or as the complete order.
    let rank = [6, 2, 5, 3, 1, 4];
    assert_eq!(ranks(&out.scores, true), rank);
    let incomparable = [(0, 1), (1, 2), (1, 3), (1, 5), (2, 3), (2, 5)];
    for a in 0..6 {
        for b in 0..6 {
            if a == b {
                continue;
            }
            let want = if incomparable.contains(&(a.min(b), a.max(b))) {
                Outrank::Incomparable
            } else if rank[a] < rank[b] {
                Outrank::Prefers
            } else {
                Outrank::PreferredBy
            };
            assert_eq!(
                promethee1(phi_plus, phi_minus, a, b),
                want,
                "a{} against a{}",
                a + 1,
                b + 1
            );
        }
    }
    for b in [0, 1, 2, 3, 5] {
        assert_eq!(promethee1(phi_plus, phi_minus, 4, b), Outrank::Prefers);
    }
    // Listed in the complete order a5, a2, a4, a6, a3, a1, each pair best first.
    let order = [4, 1, 3, 5, 2, 0];
    assert_eq!(
        incomparable_pairs(&order, phi_plus, phi_minus),
        vec![(1, 3), (1, 5), (1, 2), (1, 0), (3, 2), (5, 2)]
    );
}

/// Triantaphyllou, E. (2000). *Multi-Criteria Decision Making Methods: A Comparative Study*,
/// §2.2.2, the weighted product model on the data of the WSM example (§2.2.1, used in
/// `tests/scoring.rs`): A1 = (25, 20, 15, 30), A2 = (10, 30, 20, 30), A3 = (30, 10, 30, 10),
/// weights 0.20, 0.15, 0.40, 0.25, all benefits. The book compares options by the ratio
/// P(A_K/A_L) = Π (a_Kj/a_Lj)^w_j and finds A1 best, then A2, then A3.
///
/// The ratios as printed, to three decimals: P(A1/A2) = 1.007, P(A1/A3) = 1.067 and
/// P(A2/A3) = 1.059 (the example as reproduced in the Wikipedia article "Weighted product
/// model"). To more places, worked out here by hand in logarithms (ln 2.5 = 0.916291, ln(2/3) = −0.405465, ln 0.75 = −0.287682, ln(5/6) =
/// −0.182322, ln 2 = 0.693147, ln 3 = 1.098612):
/// ln P(A1/A2) = 0.2·0.916291 − 0.15·0.405465 − 0.4·0.287682 + 0.25·0
///             = 0.183258 − 0.060820 − 0.115073 = 0.007366 → 1.00739;
/// ln P(A1/A3) = −0.2·0.182322 + 0.15·0.693147 − 0.4·0.693147 + 0.25·1.098612
///             = −0.036464 + 0.103972 − 0.277259 + 0.274653 = 0.064902 → 1.06705;
/// ln P(A2/A3) = −0.2·1.098612 + 0.15·1.098612 − 0.4·0.405465 + 0.25·1.098612
///             = −0.219722 + 0.164792 − 0.162186 + 0.274653 = 0.057537 → 1.05922.
#[test]
fn wpm_ratios_on_the_triantaphyllou_example() {
    let case = Case::new(
        &[
            &[25.0, 20.0, 15.0, 30.0],
            &[10.0, 30.0, 20.0, 30.0],
            &[30.0, 10.0, 30.0, 10.0],
        ],
        &[Max, Max, Max, Max],
        &[0.20, 0.15, 0.40, 0.25],
    );
    let out = case.score(Method::Wpm, Normalization::None);
    let s = &out.scores;
    assert_published(
        &[s[0] / s[1], s[0] / s[2], s[1] / s[2]],
        &[1.007, 1.067, 1.059],
        0.0005 + 1e-9,
    );
    assert!((s[0] / s[1] - 1.00739).abs() < 5e-6, "{}", s[0] / s[1]);
    assert!((s[0] / s[2] - 1.06705).abs() < 5e-6, "{}", s[0] / s[2]);
    assert!((s[1] / s[2] - 1.05922).abs() < 5e-6, "{}", s[1] / s[2]);
    assert_eq!(ranks(s, true), vec![1, 2, 3]);
    // The `linear` normalisation divides each column by a constant: same ratios.
    let lin = case.score(Method::Wpm, Normalization::Linear);
    assert!((lin.scores[0] / lin.scores[1] - s[0] / s[1]).abs() < 1e-12);
}

/// A cost under raw WPM enters as x^−w: halving a cost doubles the score's ratio by 2^w.
#[test]
fn wpm_raw_inverts_costs_and_refuses_non_positive_values() {
    let case = Case::new(&[&[4.0, 2.0], &[4.0, 1.0]], &[Max, Min], &[0.5, 0.5]);
    let out = case.score(Method::Wpm, Normalization::None);
    assert!((out.scores[1] / out.scores[0] - 2f64.sqrt()).abs() < 1e-12);
    let zero = Case::new(&[&[4.0, 0.0], &[4.0, 1.0]], &[Max, Min], &[0.5, 0.5]);
    let e = zero
        .run(Method::Wpm, Normalization::None)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        e.contains("option `a1`") && e.contains("criterion `c2`") && e.contains("found 0"),
        "{e}"
    );
}

// ---------------------------------------------------------------------------------------------
// Properties on random data.

/// SplitMix64: small, deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn below(&mut self, n: u64) -> usize {
        (self.next() % n) as usize
    }
}

/// A random case: 2–12 options, 1–6 criteria, values in 1..100 (some rounded, for ties),
/// random directions, positive weights summing to 1, random preference functions.
fn random_case(rng: &mut Rng) -> Case {
    let m = 2 + rng.below(11);
    let n = 1 + rng.below(6);
    let rows: Vec<Vec<f64>> = (0..m)
        .map(|_| {
            (0..n)
                .map(|_| {
                    let x = 1.0 + 99.0 * rng.unit();
                    if rng.below(3) == 0 { x.round() } else { x }
                })
                .collect()
        })
        .collect();
    let dirs: Vec<Direction> = (0..n)
        .map(|_| if rng.below(2) == 0 { Max } else { Min })
        .collect();
    let raw: Vec<f64> = (0..n).map(|_| 0.05 + rng.unit()).collect();
    let total: f64 = raw.iter().sum();
    let w: Vec<f64> = raw.iter().map(|x| x / total).collect();
    let refs: Vec<&[f64]> = rows.iter().map(Vec::as_slice).collect();
    let mut case = Case::new(&refs, &dirs, &w);
    use PreferenceFunction as F;
    for c in &mut case.criteria {
        let function = [
            F::Usual,
            F::UShape,
            F::VShape,
            F::Level,
            F::Linear,
            F::Gaussian,
        ][rng.below(6)];
        let q = 10.0 * rng.unit();
        c.outranking = Some(Outranking {
            function,
            q: Some(q),
            p: Some(q + 30.0 * rng.unit()),
            s: Some(1.0 + 20.0 * rng.unit()),
        });
    }
    case.v = rng.unit();
    case
}

#[test]
fn scaling_a_benefit_column_keeps_topsis_vector_and_wsm_minmax_ranks() {
    let mut rng = Rng(7);
    for _ in 0..300 {
        let case = random_case(&mut rng);
        let Some(j) = case.criteria.iter().position(|c| c.direction == Max) else {
            continue;
        };
        let k = 0.01 + 100.0 * rng.unit();
        let mut scaled = Case {
            matrix: case.matrix.clone(),
            criteria: case.criteria.clone(),
            weights: case.weights.clone(),
            ids: case.ids.clone(),
            v: case.v,
        };
        for row in &mut scaled.matrix {
            row[j] = row[j].map(|x| x * k);
        }
        for (method, n) in [
            (Method::Topsis, Normalization::Vector),
            (Method::Wsm, Normalization::MinMax),
        ] {
            let a = case.score(method, n);
            let b = scaled.score(method, n);
            assert_eq!(
                ranks(&a.scores, true),
                ranks(&b.scores, true),
                "{method:?} changed under scaling column {j} by {k}"
            );
        }
    }
}

#[test]
fn a_dominated_option_never_ranks_first_under_wsm() {
    let mut rng = Rng(11);
    for _ in 0..300 {
        let mut case = random_case(&mut rng);
        // Option 0 dominates option 1: at least as good everywhere, better on one criterion.
        let better = rng.below(case.criteria.len() as u64);
        for j in 0..case.criteria.len() {
            let x = case.matrix[0][j].unwrap_or(0.0);
            let worse = if j == better {
                1.0 + 5.0 * rng.unit()
            } else {
                0.0
            };
            let y = match case.criteria[j].direction {
                Max => x - worse,
                Min => x + worse,
            };
            case.matrix[1][j] = Some(y);
        }
        for n in Method::Wsm.normalizations() {
            if *n == Normalization::Scale {
                continue; // the random scale bounds are wide; covered by the others
            }
            let Ok(out) = case.run(Method::Wsm, *n) else {
                continue; // a ratio normalisation may refuse a value ≤ 0
            };
            assert!(out.scores[0] > out.scores[1], "{n:?}: {:?}", out.scores);
            assert_ne!(ranks(&out.scores, true)[1], 1, "{n:?}");
        }
    }
}

#[test]
fn promethee_net_flows_sum_to_zero_and_vikor_q_stays_in_0_1() {
    let mut rng = Rng(13);
    for _ in 0..300 {
        let case = random_case(&mut rng);
        let out = case.score(Method::Promethee2, Normalization::None);
        let total: f64 = out.scores.iter().sum();
        assert!(total.abs() < 1e-12, "Σφ = {total}");
        assert!(out.scores.iter().all(|phi| (-1.0..=1.0).contains(phi)));
        let out = case.score(Method::Vikor, Normalization::None);
        assert!(
            out.scores.iter().all(|q| (0.0..=1.0).contains(q)),
            "{:?}",
            out.scores
        );
        let MethodDetail::Vikor { compromise, .. } = &out.detail else {
            panic!("no VIKOR detail")
        };
        assert!(!compromise.is_empty());
    }
}

/// Degenerate inputs give finite numbers (or, for raw WPM on a value ≤ 0, a clear refusal):
/// a constant criterion, a single option, identical options, a column of zeros, equal S or R.
#[test]
fn every_method_and_normalisation_is_finite_on_degenerate_inputs() {
    let cases: Vec<(&str, Case)> = vec![
        (
            "one option",
            Case::new(&[&[3.0, 5.0]], &[Max, Min], &[0.5, 0.5]),
        ),
        (
            "constant criterion",
            Case::new(
                &[&[3.0, 5.0], &[3.0, 6.0], &[3.0, 7.0]],
                &[Max, Min],
                &[0.5, 0.5],
            ),
        ),
        (
            "identical options",
            Case::new(&[&[2.0, 5.0], &[2.0, 5.0]], &[Max, Min], &[0.5, 0.5]),
        ),
        (
            "column of zeros",
            Case::new(&[&[0.0, 5.0], &[0.0, 6.0]], &[Min, Max], &[0.5, 0.5]),
        ),
        (
            "equal S and R",
            Case::new(&[&[1.0, 0.0], &[0.5, 0.5]], &[Max, Max], &[0.5, 0.5]),
        ),
        (
            "one weighted criterion",
            Case::new(
                &[&[1.0, 9.0], &[2.0, 8.0], &[3.0, 7.0]],
                &[Max, Max],
                &[1.0, 0.0],
            ),
        ),
    ];
    for (name, case) in &cases {
        for method in Method::ALL {
            for &n in method.normalizations() {
                match case.run(method, n) {
                    Ok(out) => {
                        let all = out
                            .scores
                            .iter()
                            .chain(out.normalized.iter().flatten())
                            .chain(out.contributions.iter().flatten());
                        for x in all {
                            assert!(x.is_finite(), "{name}: {method:?}/{n:?}: {out:?}");
                        }
                        if let MethodDetail::Topsis { d_plus, d_minus } = &out.detail {
                            assert!(d_plus.iter().chain(d_minus).all(|x| x.is_finite()));
                        }
                    }
                    Err(ScoreError::NotPositive { .. })
                        if method == Method::Wpm && n == Normalization::None => {}
                    Err(ScoreError::Undefined { .. }) if n != Normalization::None => {}
                    Err(e) => panic!("{name}: {method:?}/{n:?}: {e}"),
                }
            }
        }
    }
    // Identical options tie under every method; TOPSIS then gives each 0.5.
    let (_, same) = &cases[2];
    for method in Method::ALL {
        let out = same.score(method, method.default_normalization());
        assert_eq!(
            ranks(&out.scores, method.higher_is_better()),
            vec![1, 1],
            "{method:?}"
        );
    }
    assert_eq!(
        same.score(Method::Topsis, Normalization::Vector).scores,
        vec![0.5, 0.5]
    );
    // One option: PROMETHEE flows are 0 and VIKOR's compromise is that option.
    let (_, one) = &cases[0];
    assert_eq!(
        one.score(Method::Promethee2, Normalization::None).scores,
        vec![0.0]
    );
    let out = one.score(Method::Vikor, Normalization::None);
    let MethodDetail::Vikor { compromise, .. } = &out.detail else {
        panic!("no VIKOR detail")
    };
    assert_eq!(compromise, &vec![0]);
}

fn small_scenario(settings: &str) -> tideline::scenario::model::Scenario {
    let text = format!(
        r#"(
        metadata: (format_version: 1, title: "small"),
        families: [(id: "f", name: "F")],
        criteria: [
            (id: "cost", name: "Cost", family: "f", direction: Minimize, scale: (min: 0, max: 10),
             outranking: Some((function: Linear, q: Some(1), p: Some(3)))),
            (id: "gain", name: "Gain", family: "f", direction: Maximize, scale: (min: 0, max: 10)),
        ],
        options: [
            (id: "a", name: "A", provenance: (document: "D")),
            (id: "b", name: "B", provenance: (document: "D")),
            (id: "c", name: "C", provenance: (document: "D")),
        ],
        performance: [
            (option: "a", criterion: "cost", value: 2), (option: "a", criterion: "gain", value: 4),
            (option: "b", criterion: "cost", value: 6), (option: "b", criterion: "gain", value: 9),
            (option: "c", criterion: "cost", value: 5), (option: "c", criterion: "gain", value: 5),
        ],
        profiles: [(id: "p", name: "P")],
        {settings}
    )"#
    );
    parse_ron(text.as_bytes(), "small.ron").unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn score_with_runs_every_method_and_refuses_a_disallowed_normalisation() {
    let s = small_scenario("settings: (method: Vikor, normalization: None, vikor_v: 0.25),");
    assert_eq!(s.settings.vikor_v, 0.25);
    assert_eq!(
        (s.settings.method, s.settings.normalization),
        (Method::Vikor, Normalization::None)
    );
    // The settings survive a save and load (`None` is the normalisation's name, not RON's).
    let text = to_ron(&s).unwrap_or_else(|e| panic!("{e}"));
    let again = parse_ron(text.as_bytes(), "again.ron").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(again.settings, s.settings);
    // v = 0.5 is the default and is not written.
    let plain = small_scenario("");
    assert!(!to_ron(&plain).unwrap_or_default().contains("vikor_v"));
    for method in Method::ALL {
        let r = score_with(&s, 0, method, method.default_normalization())
            .unwrap_or_else(|e| panic!("{method:?}: {e}"));
        assert_eq!(r.higher_is_better, method.higher_is_better());
        assert_eq!(r.ranks, ranks(&r.scores, method.higher_is_better()));
        assert_eq!(r.normalized.len(), 3);
        if r.additive {
            for (row, score) in r.contributions.iter().zip(&r.scores) {
                assert!(
                    (row.iter().sum::<f64>() - score).abs() < 1e-12,
                    "{method:?}"
                );
            }
        }
        if let MethodDetail::Vikor { v, .. } = r.detail {
            assert_eq!(v, 0.25);
        }
    }
    // Cost, linear q = 1, p = 3: b − c costs 1 more (P = 0), c − a costs 3 more (P = 1),
    // b − a costs 4 more (P = 1). Gain, usual. φ(a) = 0.5·(2 − 0)/2 + 0.5·(0 − 2)/2 = 0.
    let r = score_with(&s, 0, Method::Promethee2, Normalization::None)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(r.scores[0].abs() < 1e-12, "{:?}", r.scores);
    assert!(r.additive);
    let e = score_with(&s, 0, Method::Topsis, Normalization::Scale)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert_eq!(
        e,
        "the `topsis` method does not work with the `scale` normalisation; use `vector` or `minmax`"
    );
}
