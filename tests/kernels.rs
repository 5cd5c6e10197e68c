//! The flat scoring kernels (`scoring::Prepared`, behind `score_problem`) against plain
//! implementations of each method's published definition written here, row by row and pair by
//! pair, on random matrices: many seeds, every method with every normalisation it takes,
//! directions, ties, constant columns, every preference function, zero weights with missing
//! values, and a prepared problem scored again and again (other weights, other methods) so
//! that nothing left in its buffers leaks into the next result.

use std::collections::BTreeMap;

use tideline::analysis::scoring::{MethodDetail, Prepared, Problem, Scored, score_problem};
use tideline::scenario::model::{
    Criterion, Direction, Method, Normalization, Outranking, PreferenceFunction, Scale,
    ValueFunction,
};

/// SplitMix64.
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
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn criterion(j: usize, rng: &mut Rng) -> Criterion {
    use PreferenceFunction as F;
    let function = [
        F::Usual,
        F::UShape,
        F::VShape,
        F::Level,
        F::Linear,
        F::Gaussian,
    ][rng.below(6)];
    let direction = if rng.below(3) == 0 {
        Direction::Minimize
    } else {
        Direction::Maximize
    };
    let value_function = (rng.below(4) == 0).then(|| ValueFunction {
        points: vec![(0.0, 0.0), (4.0, 0.7), (12.0, 1.0)],
    });
    Criterion {
        id: format!("c{j}"),
        name: format!("C{j}"),
        short: String::new(),
        family: "f".to_string(),
        description: String::new(),
        direction,
        scale: Scale {
            min: 0.0,
            max: 12.0,
            unit: String::new(),
        },
        provenance: None,
        value_function,
        outranking: Some(Outranking {
            function,
            q: Some(rng.below(3) as f64 * 0.5),
            p: Some(1.0 + rng.below(4) as f64),
            s: Some(0.5 + rng.below(3) as f64),
        }),
        i18n: BTreeMap::new(),
    }
}

/// A normalised column by the formulas of docs/methods.md, or `None` where undefined.
fn normalise(xs: &[f64], c: &Criterion, n: Normalization) -> Option<Vec<f64>> {
    let benefit = c.direction == Direction::Maximize;
    let len = xs.len() as f64;
    let min = xs.iter().copied().fold(f64::INFINITY, f64::min);
    let max = xs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let constant = min == max;
    let out = |f: &dyn Fn(f64) -> f64| Some(xs.iter().map(|&x| f(x)).collect());
    match n {
        Normalization::None => out(&|x| x),
        Normalization::Scale => match &c.value_function {
            Some(vf) => out(&|x| vf.value(x)),
            None => out(&|x| {
                let t = (x - c.scale.min) / (c.scale.max - c.scale.min);
                if benefit { t } else { 1.0 - t }
            }),
        },
        Normalization::MinMax if constant => out(&|_| 1.0),
        Normalization::MinMax => out(&|x| {
            if benefit {
                (x - min) / (max - min)
            } else {
                (max - x) / (max - min)
            }
        }),
        _ if constant => match n {
            Normalization::Sum => out(&|_| 1.0 / len),
            Normalization::Vector if benefit => out(&|_| 1.0 / len.sqrt()),
            Normalization::Vector => out(&|_| 1.0 - 1.0 / len.sqrt()),
            _ => out(&|_| 1.0),
        },
        Normalization::Max if min < 0.0 => None,
        Normalization::Max => out(&|x| if benefit { x / max } else { 1.0 - x / max }),
        Normalization::Linear | Normalization::Sum if !benefit && min <= 0.0 => None,
        Normalization::Linear | Normalization::Sum if min < 0.0 => None,
        Normalization::Linear => out(&|x| if benefit { x / max } else { min / x }),
        Normalization::Sum => {
            let total: f64 = if benefit {
                xs.iter().sum()
            } else {
                xs.iter().map(|x| 1.0 / x).sum()
            };
            out(&|x| {
                if benefit {
                    x / total
                } else {
                    (1.0 / x) / total
                }
            })
        }
        Normalization::Vector => {
            let norm = xs.iter().map(|x| x * x).sum::<f64>().sqrt();
            out(&|x| if benefit { x / norm } else { 1.0 - x / norm })
        }
    }
}

/// Brans & Vincke's preference functions, from their definitions.
fn preference(o: &Outranking, d: f64) -> f64 {
    use PreferenceFunction as F;
    let (q, p, s) = (o.q.unwrap_or(0.0), o.p.unwrap_or(0.0), o.s.unwrap_or(0.0));
    if d <= 0.0 {
        return 0.0;
    }
    match o.function {
        F::Usual => 1.0,
        F::UShape => f64::from(u8::from(d > q)),
        F::VShape => (d / p).min(1.0),
        F::Level if d > p.max(q) => 1.0,
        F::Level if d > q => 0.5,
        F::Level => 0.0,
        F::Linear if p <= q => f64::from(u8::from(d > q)),
        F::Linear => ((d - q) / (p - q)).clamp(0.0, 1.0),
        F::Gaussian => 1.0 - (-(d * d) / (2.0 * s * s)).exp(),
    }
}

/// What a method gives: scores, the normalised matrix, contributions, and its three detail
/// vectors (D⁺, D⁻; φ⁺, φ⁻, φ; S, R, Q), `[option][criterion]`.
struct Expected {
    scores: Vec<f64>,
    normalized: Vec<Vec<f64>>,
    contributions: Vec<Vec<f64>>,
    detail: Vec<Vec<f64>>,
}

/// The reference: each method as its authors define it, one option or pair at a time.
fn reference(
    x: &[Vec<f64>],
    cs: &[Criterion],
    w: &[f64],
    method: Method,
    n: Normalization,
    v: f64,
) -> Option<Expected> {
    let (m, k) = (x.len(), cs.len());
    let col = |j: usize| -> Vec<f64> { x.iter().map(|r| r[j]).collect() };
    let display = match method {
        Method::Promethee2 | Method::Vikor => Normalization::MinMax,
        Method::Wpm if n == Normalization::None => Normalization::MinMax,
        _ => n,
    };
    let mut normalized = vec![vec![0.0; k]; m];
    for j in 0..k {
        let r = normalise(&col(j), &cs[j], display)?;
        for i in 0..m {
            normalized[i][j] = r[i];
        }
    }
    let weighted = |i: usize| -> Vec<f64> { (0..k).map(|j| w[j] * normalized[i][j]).collect() };
    let mut contributions: Vec<Vec<f64>> = (0..m).map(weighted).collect();
    let mut detail = Vec::new();
    let scores: Vec<f64> = match method {
        Method::Wsm => contributions.iter().map(|r| r.iter().sum()).collect(),
        Method::Wpm => (0..m)
            .map(|i| {
                (0..k)
                    .filter(|&j| w[j] > 0.0)
                    .map(|j| {
                        if n == Normalization::None {
                            let e = if cs[j].direction == Direction::Maximize {
                                w[j]
                            } else {
                                -w[j]
                            };
                            x[i][j].powf(e)
                        } else {
                            normalized[i][j].powf(w[j])
                        }
                    })
                    .product()
            })
            .collect(),
        Method::Topsis => {
            let (mut dp, mut dm) = (vec![0.0; m], vec![0.0; m]);
            for i in 0..m {
                for j in (0..k).filter(|&j| w[j] > 0.0) {
                    let vs: Vec<f64> = (0..m).map(|a| w[j] * normalized[a][j]).collect();
                    let best = vs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                    let worst = vs.iter().copied().fold(f64::INFINITY, f64::min);
                    dp[i] += (vs[i] - best).powi(2);
                    dm[i] += (vs[i] - worst).powi(2);
                }
            }
            let dp: Vec<f64> = dp.into_iter().map(f64::sqrt).collect();
            let dm: Vec<f64> = dm.into_iter().map(f64::sqrt).collect();
            let c = (0..m)
                .map(|i| {
                    if dp[i] + dm[i] > 0.0 {
                        dm[i] / (dp[i] + dm[i])
                    } else {
                        0.5
                    }
                })
                .collect();
            detail = vec![dp, dm];
            c
        }
        Method::Promethee2 => {
            let (mut plus, mut minus) = (vec![0.0; m], vec![0.0; m]);
            contributions = vec![vec![0.0; k]; m];
            let denom = (m as f64 - 1.0).max(1.0);
            for a in 0..m {
                for b in 0..m {
                    for j in (0..k).filter(|&j| w[j] > 0.0) {
                        let sign = if cs[j].direction == Direction::Maximize {
                            1.0
                        } else {
                            -1.0
                        };
                        let o = cs[j].outranking.as_ref()?;
                        let pab = preference(o, sign * (x[a][j] - x[b][j]));
                        let pba = preference(o, sign * (x[b][j] - x[a][j]));
                        plus[a] += w[j] * pab / denom;
                        minus[a] += w[j] * pba / denom;
                        contributions[a][j] += w[j] * (pab - pba) / denom;
                    }
                }
            }
            let net: Vec<f64> = (0..m).map(|i| plus[i] - minus[i]).collect();
            detail = vec![plus, minus, net.clone()];
            net
        }
        Method::Vikor => {
            let (mut s, mut r) = (vec![0.0; m], vec![0.0_f64; m]);
            for j in (0..k).filter(|&j| w[j] > 0.0) {
                let c = col(j);
                let hi = c.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                let lo = c.iter().copied().fold(f64::INFINITY, f64::min);
                if hi == lo {
                    continue;
                }
                let (best, worst) = if cs[j].direction == Direction::Maximize {
                    (hi, lo)
                } else {
                    (lo, hi)
                };
                for i in 0..m {
                    let t = w[j] * (best - c[i]) / (best - worst);
                    s[i] += t;
                    r[i] = r[i].max(t);
                }
            }
            let span = |z: &[f64]| {
                let lo = z.iter().copied().fold(f64::INFINITY, f64::min);
                let hi = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                (lo, hi)
            };
            let ((s0, s1), (r0, r1)) = (span(&s), span(&r));
            let part = |z: f64, lo: f64, hi: f64| if hi > lo { (z - lo) / (hi - lo) } else { 0.0 };
            let q: Vec<f64> = (0..m)
                .map(|i| v * part(s[i], s0, s1) + (1.0 - v) * part(r[i], r0, r1))
                .collect();
            detail = vec![s, r, q.clone()];
            q
        }
    };
    Some(Expected {
        scores,
        normalized,
        contributions,
        detail,
    })
}

fn close(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

fn detail_vectors(d: &MethodDetail) -> Vec<Vec<f64>> {
    match d {
        MethodDetail::None => Vec::new(),
        MethodDetail::Topsis { d_plus, d_minus } => vec![d_plus.clone(), d_minus.clone()],
        MethodDetail::Promethee {
            phi_plus,
            phi_minus,
            phi_net,
        } => vec![phi_plus.clone(), phi_minus.clone(), phi_net.clone()],
        MethodDetail::Vikor { s, r, q, .. } => vec![s.clone(), r.clone(), q.clone()],
    }
}

fn check(got: &Scored, want: &Expected, what: &str) {
    let m = want.scores.len();
    for i in 0..m {
        assert!(
            close(got.scores()[i], want.scores[i]),
            "{what}: score of option {i}: kernel {} vs definition {}",
            got.scores()[i],
            want.scores[i]
        );
    }
    let k = want.normalized.first().map_or(0, Vec::len);
    for j in 0..k {
        for i in 0..m {
            let (n, c) = (got.normalized_column(j)[i], got.contribution_column(j)[i]);
            assert!(
                close(n, want.normalized[i][j]),
                "{what}: normalized [{i}][{j}]"
            );
            assert!(
                close(c, want.contributions[i][j]),
                "{what}: contribution [{i}][{j}]"
            );
        }
    }
    for (g, e) in detail_vectors(&got.detail()).iter().zip(&want.detail) {
        for i in 0..m {
            assert!(close(g[i], e[i]), "{what}: detail of option {i}");
        }
    }
}

fn weights(rng: &mut Rng, k: usize) -> Vec<f64> {
    let mut w: Vec<f64> = (0..k)
        .map(|_| if rng.below(4) == 0 { 0.0 } else { rng.unit() })
        .collect();
    if w.iter().all(|&x| x == 0.0) {
        w[0] = 1.0;
    }
    let total: f64 = w.iter().sum();
    w.iter().map(|x| x / total).collect()
}

#[test]
fn kernels_equal_the_definitions_on_random_matrices() {
    let mut compared = 0;
    for seed in 0..300u64 {
        let mut rng = Rng(seed);
        let (m, k) = (1 + rng.below(25), 1 + rng.below(7));
        let cs: Vec<Criterion> = (0..k).map(|j| criterion(j, &mut rng)).collect();
        // Columns of a few kinds: spread reals, few integer levels (ties), constant, and now
        // and then one with zero or negative values (where ratio normalisations refuse).
        let kinds: Vec<usize> = (0..k).map(|_| rng.below(10)).collect();
        let x: Vec<Vec<f64>> = (0..m)
            .map(|_| {
                kinds
                    .iter()
                    .map(|&kind| match kind {
                        0 => 4.0,
                        1 => rng.below(4) as f64 - 1.0,
                        2..=4 => 1.0 + rng.below(5) as f64,
                        _ => 0.5 + 11.0 * rng.unit(),
                    })
                    .collect()
            })
            .collect();
        let matrix: Vec<Vec<Option<f64>>> = x
            .iter()
            .map(|r| r.iter().map(|&v| Some(v)).collect())
            .collect();
        let ids: Vec<String> = (0..m).map(|i| format!("o{i}")).collect();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        let v = [0.0, 0.5, 1.0, rng.unit()][rng.below(4)];
        let w0 = weights(&mut rng, k);
        let problem = Problem {
            options: &ids,
            criteria: &cs,
            matrix: &matrix,
            weights: &w0,
            vikor_v: v,
        };
        // One prepared problem for every method, normalisation and weight vector in turn.
        let mut prepared = Prepared::new(&problem);
        for round in 0..3 {
            let w = if round == 0 {
                w0.clone()
            } else {
                weights(&mut rng, k)
            };
            for method in Method::ALL {
                for &n in method.normalizations() {
                    let what = format!("seed {seed}, {m}×{k}, {method:?}/{n:?}, weights {w:?}");
                    let want = reference(&x, &cs, &w, method, n, v);
                    let wpm_raw = method == Method::Wpm && n == Normalization::None;
                    let nonpositive = (0..k).any(|j| w[j] > 0.0 && x.iter().any(|r| r[j] <= 0.0));
                    match (prepared.score(&w, method, n), want) {
                        (Err(_), None) => {}
                        (Err(_), Some(_)) if wpm_raw && nonpositive => {}
                        (Ok(got), Some(want)) => {
                            check(got, &want, &what);
                            compared += 1;
                        }
                        (got, want) => panic!(
                            "{what}: kernel {:?}, definition {}",
                            got.err(),
                            if want.is_some() {
                                "defined"
                            } else {
                                "undefined"
                            }
                        ),
                    }
                    if round == 0 {
                        // score_problem goes through the same kernels: same result.
                        let fresh = score_problem(&problem, method, n);
                        match (fresh, prepared.score(&w, method, n)) {
                            (Ok(a), Ok(b)) => assert_eq!(a, b.to_output(), "{what}"),
                            (Err(a), Err(b)) => assert_eq!(a, b, "{what}"),
                            (a, b) => panic!("{what}: {a:?} vs {:?}", b.err()),
                        }
                    }
                }
            }
        }
    }
    assert!(compared > 5000, "only {compared} results compared");
}

#[test]
fn missing_values_count_only_where_weighted() {
    let mut rng = Rng(7);
    let cs: Vec<Criterion> = (0..3).map(|j| criterion(j, &mut rng)).collect();
    let matrix = vec![
        vec![Some(3.0), None, Some(2.0)],
        vec![Some(5.0), Some(1.0), None],
        vec![Some(4.0), Some(2.0), Some(6.0)],
    ];
    let ids = ["a", "b", "c"];
    let w = [1.0, 0.0, 0.0];
    let problem = Problem {
        options: &ids,
        criteria: &cs,
        matrix: &matrix,
        weights: &w,
        vikor_v: 0.5,
    };
    let mut prepared = Prepared::new(&problem);
    let full: Vec<Vec<f64>> = matrix.iter().map(|r| vec![r[0].unwrap_or(0.0)]).collect();
    let got = prepared
        .score(&w, Method::Wsm, Normalization::MinMax)
        .unwrap_or_else(|e| panic!("{e}"));
    let want = reference(
        &full,
        &cs[..1],
        &[1.0],
        Method::Wsm,
        Normalization::MinMax,
        0.5,
    )
    .unwrap_or_else(|| panic!("defined"));
    for i in 0..3 {
        assert!(close(got.scores()[i], want.scores[i]));
    }
    // The missing cells of the unweighted columns are shown as 0; the others are normalised
    // over the present values alone.
    assert_eq!(got.normalized_column(1)[0], 0.0);
    assert_eq!(got.normalized_column(2)[1], 0.0);
    let present = normalise(&[1.0, 2.0], &cs[1], Normalization::MinMax);
    assert_eq!(Some(got.normalized_column(1)[1..].to_vec()), present);
    // Weighting a column with a missing value names the first one in row order.
    let err = prepared
        .score(&[0.0, 0.5, 0.5], Method::Wsm, Normalization::MinMax)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(err.contains("option `a`") && err.contains("`c1`"), "{err}");
}
