//! One-way sensitivity against hand-solved cases, brute force and the closed form.

use tideline::analysis::scoring::{Problem, score_problem};
use tideline::analysis::sensitivity::{
    Sensitivity, SensitivityError, Settings, Sweep, Target, sampled,
};
use tideline::files::scenario_file::{default_scenario, parse_ron};
use tideline::scenario::model::{Method, Normalization, Scenario};

/// A scenario on a 0..10 scale (so `scale` normalises x to x/10): `criteria` as (id, family,
/// direction), `rows` as (option id, values; `None` for a missing value), and one profile with
/// the given criterion weights (empty: equal within each family, families equal).
fn scenario(
    criteria: &[(&str, &str, &str)],
    rows: &[(&str, &[Option<f64>])],
    criterion_weights: &str,
) -> Scenario {
    let mut families: Vec<&str> = criteria.iter().map(|c| c.1).collect();
    families.dedup();
    let mut t = String::from("(metadata: (format_version: 1, title: \"hand\"), families: [");
    for f in &families {
        t.push_str(&format!("(id: \"{f}\", name: \"{f}\"),"));
    }
    t.push_str("], criteria: [");
    for (id, family, dir) in criteria {
        t.push_str(&format!(
            "(id: \"{id}\", name: \"{id}\", family: \"{family}\", direction: {dir}, scale: (min: 0, max: 10)),"
        ));
    }
    t.push_str("], options: [");
    for (id, _) in rows {
        t.push_str(&format!(
            "(id: \"{id}\", name: \"{id}\", provenance: (document: \"hand\")),"
        ));
    }
    t.push_str("], performance: [");
    for (id, values) in rows {
        for ((c, ..), v) in criteria.iter().zip(values.iter()) {
            let v = v.map_or("None".to_string(), |x| format!("Some({x:?})"));
            t.push_str(&format!(
                "(option: \"{id}\", criterion: \"{c}\", value: {v}),"
            ));
        }
    }
    t.push_str(&format!(
        "], profiles: [(id: \"p\", name: \"P\", criterion_weights: {{{criterion_weights}}})])"
    ));
    parse_ron(t.as_bytes(), "hand.ron").unwrap_or_else(|e| panic!("{e}"))
}

/// Three options, three criteria: c1 and c2 in family f1, c3 alone in f2, so the equal profile
/// gives effective weights 0.25, 0.25, 0.5. Normalised values (x/10):
/// A = (0.9, 0.2, 0.5), B = (0.3, 0.9, 0.6), C = (0.6, 0.6, 0.3).
/// Now: A = 0.225 + 0.05 + 0.25 = 0.525, B = 0.075 + 0.225 + 0.3 = 0.6,
/// C = 0.15 + 0.15 + 0.15 = 0.45; B first, then A, then C.
fn hand() -> Scenario {
    scenario(
        &[
            ("c1", "f1", "Maximize"),
            ("c2", "f1", "Maximize"),
            ("c3", "f2", "Maximize"),
        ],
        &[
            ("A", &[Some(9.0), Some(2.0), Some(5.0)]),
            ("B", &[Some(3.0), Some(9.0), Some(6.0)]),
            ("C", &[Some(6.0), Some(6.0), Some(3.0)]),
        ],
        "",
    )
}

fn prepared(s: &Scenario, method: Method) -> Sensitivity {
    Sensitivity::new(s, 0, method, method.default_normalization()).unwrap_or_else(|e| panic!("{e}"))
}

fn sweep(s: &Sensitivity, target: Target, settings: &Settings) -> Sweep {
    s.sweep(target, settings).unwrap_or_else(|e| panic!("{e}"))
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

/// (weight, before, after, top_changes) of each reversal.
fn reversals(s: &Sweep) -> Vec<(f64, usize, usize, bool)> {
    s.reversals
        .iter()
        .map(|r| (r.weight, r.before, r.after, r.top_changes))
        .collect()
}

const A: usize = 0;
const B: usize = 1;
const C: usize = 2;

#[test]
fn weighted_sum_reversals_of_c1_match_the_hand_solution() {
    // c1 at w, c2 and c3 rescaled by (1 − w)/0.75 to (1 − w)/3 and 2(1 − w)/3:
    //   S = w r1 + (1 − w)(r2 + 2 r3)/3
    //   A = 0.9w + 0.4(1 − w) = 0.4 + 0.5w
    //   B = 0.3w + 0.7(1 − w) = 0.7 − 0.4w
    //   C = 0.6w + 0.4(1 − w) = 0.4 + 0.2w
    // A = B at 0.9w = 0.3, w = 1/3 (B led below; B was first, A is first above: top change).
    // B = C at 0.6w = 0.3, w = 1/2 (B led; at 1/2 A = 0.65 is first: no top change).
    // A = C at w = 0 only: a tie at the end, not a reversal.
    let p = prepared(&hand(), Method::Wsm);
    let s = sweep(&p, Target::Criterion(0), &Settings::default());
    assert!(s.closed_form);
    assert!(close(s.current_weight, 0.25, 1e-15));
    let got = reversals(&s);
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(close(got[0].0, 1.0 / 3.0, 1e-12), "{got:?}");
    assert_eq!((got[0].1, got[0].2, got[0].3), (B, A, true));
    assert!(close(got[1].0, 0.5, 1e-12), "{got:?}");
    assert_eq!((got[1].1, got[1].2, got[1].3), (B, C, false));
    // The curves are those lines: A at w = 0.7 is 0.4 + 0.35 = 0.75.
    let k = s
        .weights
        .iter()
        .position(|&w| close(w, 0.7, 1e-12))
        .unwrap_or(0);
    assert!(close(s.curves[A][k], 0.75, 1e-12), "{}", s.curves[A][k]);
    assert!(close(s.curves[B][k], 0.42, 1e-12), "{}", s.curves[B][k]);
    // The current weight is among the sampled ones, with the current scores.
    let now = s.weights.iter().position(|&w| w == 0.25).unwrap_or(0);
    assert!(close(s.curves[B][now], 0.6, 1e-12));
}

#[test]
fn stability_intervals_of_the_hand_case() {
    let p = prepared(&hand(), Method::Wsm);
    // c1 (lines above): B stays first from w = 0 up to 1/3. The whole ranking B, A, C holds
    // over (0, 1/3], but at w = 0 exactly A and C tie (both 0.4), so moving down to 0 changes it.
    let s = sweep(&p, Target::Criterion(0), &Settings::default()).stable;
    assert_eq!(s.top_now, vec![B]);
    assert!(
        close(s.top.lo, 0.0, 0.0) && !s.top.lo_changes,
        "{:?}",
        s.top
    );
    assert!(
        close(s.top.hi, 1.0 / 3.0, 1e-12) && s.top.hi_changes,
        "{:?}",
        s.top
    );
    assert_eq!(s.top_above, vec![A]);
    assert!(
        s.ranking.lo == 0.0 && s.ranking.lo_changes,
        "{:?}",
        s.ranking
    );
    assert!(close(s.ranking.hi, 1.0 / 3.0, 1e-12) && s.ranking.hi_changes);
    let (change, to, new_top) = s.critical_change(0.25).unwrap_or((0.0, 0.0, &[]));
    assert!(close(change, 1.0 / 12.0, 1e-12) && close(to, 1.0 / 3.0, 1e-12));
    assert_eq!(new_top, &[A]);

    // c2 at w, c1 and c3 rescaled to (1 − w)/3 and 2(1 − w)/3:
    //   A = 0.2w + (0.9 + 1.0)/3 (1 − w) = 19/30 − 13/30 w
    //   B = 0.9w + (0.3 + 1.2)/3 (1 − w) = 1/2 + 2/5 w
    //   C = 0.6w + (0.6 + 0.6)/3 (1 − w) = 2/5 + 1/5 w
    // A = B at 4/30 = 25/30 w, w = 0.16 (A first below); A = C at w = 7/19; B = C at w = −1/2.
    let s = sweep(&p, Target::Criterion(1), &Settings::default());
    let got = reversals(&s);
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(close(got[0].0, 0.16, 1e-12) && (got[0].1, got[0].2, got[0].3) == (A, B, true));
    assert!(close(got[1].0, 7.0 / 19.0, 1e-12) && (got[1].1, got[1].2, got[1].3) == (A, C, false));
    assert!(close(s.stable.top.lo, 0.16, 1e-12) && s.stable.top.lo_changes);
    assert!(s.stable.top.hi == 1.0 && !s.stable.top.hi_changes);
    assert_eq!(s.stable.top_below, vec![A]);
    // The ranking B, A, C holds from 0.16 (A overtakes B below) to 7/19 (C overtakes A above).
    assert!(
        close(s.stable.ranking.lo, 0.16, 1e-12) && close(s.stable.ranking.hi, 7.0 / 19.0, 1e-12)
    );
}

#[test]
fn families_sweep_their_share_and_the_most_critical_is_c1() {
    // c3 at w (0.5 now), c1 and c2 rescaled to (1 − w)/2 each:
    //   A = 0.5w + 0.55(1 − w) = 0.55 − 0.05w;  B = 0.6 (flat);  C = 0.6 − 0.3w
    // A = C at 0.25w = 0.05, w = 0.2; B = C at w = 0 (a tie at the end, for first place).
    // Family f2 holds c3 alone: the same sweep. Family f1 at share s gives c3 1 − s: the
    // A/C reversal sits at s = 0.8, and the B/C tie at s = 1.
    let p = prepared(&hand(), Method::Wsm);
    let c3 = sweep(&p, Target::Criterion(2), &Settings::default());
    let f2 = sweep(&p, Target::Family(1), &Settings::default());
    let f1 = sweep(&p, Target::Family(0), &Settings::default());
    assert_eq!(reversals(&c3).len(), 1);
    assert!(close(c3.reversals[0].weight, 0.2, 1e-12));
    assert_eq!((c3.reversals[0].before, c3.reversals[0].after), (C, A));
    assert_eq!(reversals(&c3), reversals(&f2));
    assert!(
        close(f1.reversals[0].weight, 0.8, 1e-12),
        "{:?}",
        f1.reversals
    );
    // B stays first over all of c3's range but ties with C at exactly 0: that is a change
    // of the top (now shared), 0.5 away.
    assert!(c3.stable.top.lo == 0.0 && c3.stable.top.lo_changes && c3.stable.top.hi == 1.0);
    assert_eq!(c3.stable.top_below, vec![B, C]);
    // Family f1's share: weights (s/2, s/2, 1 − s) over the ones above.
    let w = p.weights_at(Target::Family(0), 0.3).unwrap_or_default();
    assert!(close(w[0], 0.15, 1e-15) && close(w[1], 0.15, 1e-15) && close(w[2], 0.7, 1e-15));

    // Smallest change that changes the top: c1 by 1/12 (8.33 pp), c2 by 0.09, c3 by 0.5.
    let summary = p.summary(&Settings::default());
    let changes: Vec<f64> = summary
        .criteria
        .iter()
        .map(|t| match &t.stable {
            Ok(s) => s.top.smallest_change(t.weight).unwrap_or(f64::NAN),
            Err(e) => panic!("{e}"),
        })
        .collect();
    assert!(close(changes[0], 1.0 / 12.0, 1e-12), "{changes:?}");
    assert!(close(changes[1], 0.09, 1e-12), "{changes:?}");
    assert!(close(changes[2], 0.5, 1e-12), "{changes:?}");
    let critical = summary
        .most_critical
        .unwrap_or_else(|| panic!("no critical criterion"));
    assert_eq!(critical.target, Target::Criterion(0));
    assert!(close(critical.change * 100.0, 100.0 / 12.0, 1e-9));
    assert_eq!(critical.new_top, vec![A]);
}

#[test]
fn bisection_equals_the_closed_form_where_both_apply() {
    // The default scenario: every criterion and family, under each method with a closed form,
    // once by the closed form and once forced through the grid and bisection.
    let s = default_scenario().unwrap_or_else(|e| panic!("{e}"));
    let forced = Settings {
        closed_form: false,
        ..Settings::default()
    };
    let targets: Vec<Target> = (0..s.criteria.len())
        .map(Target::Criterion)
        .chain((0..s.families.len()).map(Target::Family))
        .collect();
    let mut compared = 0;
    for method in [Method::Wsm, Method::Promethee2, Method::Wpm] {
        let p = prepared(&s, method);
        for &t in &targets {
            let exact = sweep(&p, t, &Settings::default());
            let bisected = sweep(&p, t, &forced);
            assert!(exact.closed_form && !bisected.closed_form);
            // Several pairs can cross at one weight: compare pair by pair.
            let by_pair = |s: &Sweep| {
                let mut r = reversals(s);
                r.sort_by(|x, y| (x.1, x.2).cmp(&(y.1, y.2)).then(x.0.total_cmp(&y.0)));
                r
            };
            let (e, b) = (by_pair(&exact), by_pair(&bisected));
            assert_eq!(e.len(), b.len(), "{method:?} {t:?}: {e:?} vs {b:?}");
            for (x, y) in e.iter().zip(&b) {
                assert!(close(x.0, y.0, 1e-9), "{method:?} {t:?}: {x:?} vs {y:?}");
                assert_eq!((x.1, x.2, x.3), (y.1, y.2, y.3), "{method:?} {t:?}");
            }
            for (x, y) in [
                (exact.stable.top, bisected.stable.top),
                (exact.stable.ranking, bisected.stable.ranking),
            ] {
                assert!(
                    close(x.lo, y.lo, 1e-9) && close(x.hi, y.hi, 1e-9),
                    "{x:?} {y:?}"
                );
                assert_eq!((x.lo_changes, x.hi_changes), (y.lo_changes, y.hi_changes));
            }
            compared += e.len();
        }
    }
    assert!(compared > 20, "too few reversals to compare: {compared}");
}

/// The method's scores at the given effective weights, straight from the scorer.
fn direct(s: &Scenario, weights: &[f64], method: Method) -> Vec<f64> {
    let matrix = s.matrix();
    let ids: Vec<&str> = s.options.iter().map(|o| o.id.as_str()).collect();
    let p = Problem {
        options: &ids,
        criteria: &s.criteria,
        matrix: &matrix,
        weights,
        vikor_v: s.settings.vikor_v,
    };
    score_problem(&p, method, method.default_normalization())
        .unwrap_or_else(|e| panic!("{e}"))
        .scores
}

/// The effective weights of the default scenario's equal profile with criterion `j` set to `w`
/// and the others rescaled in proportion, written out independently of the engine.
fn rescaled(base: &[f64], j: usize, w: f64) -> Vec<f64> {
    let rest = 1.0 - base[j];
    (0..base.len())
        .map(|k| {
            if k == j {
                w
            } else {
                base[k] * (1.0 - w) / rest
            }
        })
        .collect()
}

#[test]
fn curves_are_the_methods_own_scores_along_the_sweep() {
    let s = default_scenario().unwrap_or_else(|e| panic!("{e}"));
    for method in Method::ALL {
        let p = prepared(&s, method);
        let base = p.current.weights.clone();
        let j = 4;
        let sw = sweep(&p, Target::Criterion(j), &Settings::default());
        for (k, &w) in sw.weights.iter().enumerate().step_by(7) {
            let want = direct(&s, &rescaled(&base, j, w), method);
            for (i, curve) in sw.curves.iter().enumerate() {
                assert!(
                    close(curve[k], want[i], 1e-9 * want[i].abs().max(1.0)),
                    "{method:?} w = {w}, option {i}: {} vs {}",
                    curve[k],
                    want[i]
                );
            }
        }
    }
}

#[test]
fn nonlinear_methods_find_every_order_change_a_fine_scan_sees() {
    // TOPSIS and VIKOR by brute force: scan 20,000 steps and list where each pair's order flips;
    // every flip must be a reported reversal (within one step), and each reversal's pair must
    // really be in the stated order a little either side of it.
    let s = default_scenario().unwrap_or_else(|e| panic!("{e}"));
    for method in [Method::Topsis, Method::Vikor] {
        let p = prepared(&s, method);
        let base = p.current.weights.clone();
        let better = |x: f64, y: f64| {
            if method == Method::Vikor {
                x < y
            } else {
                x > y
            }
        };
        for j in [0, 6] {
            let sw = sweep(&p, Target::Criterion(j), &Settings::default());
            assert!(!sw.closed_form);
            let steps = 20_000;
            let scan: Vec<Vec<f64>> = (0..=steps)
                .map(|k| direct(&s, &rescaled(&base, j, k as f64 / steps as f64), method))
                .collect();
            let m = s.options.len();
            let mut flips = 0;
            for a in 0..m {
                for b in a + 1..m {
                    for k in 0..steps {
                        let (x, y) = (&scan[k], &scan[k + 1]);
                        if (x[a] - x[b]) * (y[a] - y[b]) < 0.0 {
                            flips += 1;
                            let w = k as f64 / steps as f64;
                            assert!(
                                sw.reversals.iter().any(|r| {
                                    (r.before.min(r.after), r.before.max(r.after)) == (a, b)
                                        && r.weight >= w - 1e-9
                                        && r.weight <= w + 1.0 / steps as f64 + 1e-9
                                }),
                                "{method:?} c{j}: pair ({a}, {b}) flips near {w}: {:?}",
                                sw.reversals
                            );
                        }
                    }
                }
            }
            assert_eq!(flips, sw.reversals.len(), "{method:?} c{j}");
            for r in &sw.reversals {
                let below = direct(&s, &rescaled(&base, j, r.weight - 1e-6), method);
                let above = direct(&s, &rescaled(&base, j, r.weight + 1e-6), method);
                assert!(better(below[r.before], below[r.after]), "{method:?} {r:?}");
                assert!(better(above[r.after], above[r.before]), "{method:?} {r:?}");
            }
        }
    }
}

#[test]
fn a_double_crossing_inside_one_grid_cell_is_found() {
    // d(w) = (w − 0.5004)² − 0.0002² crosses 0 at 0.5002 and 0.5006, both inside the grid cell
    // [0.500, 0.501]; d is positive at every grid point (1.2e-7 at 0.500, 3.2e-7 at 0.501), so
    // a sign-change scan alone would miss both.
    let keys = |w: f64| -> Result<Vec<f64>, ()> {
        let d = (w - 0.5004) * (w - 0.5004) - 0.0002 * 0.0002;
        Ok(vec![1.0 + d, 1.0])
    };
    let found = sampled(keys, 1000).unwrap_or_default();
    let mut w: Vec<f64> = found.crossings.iter().map(|c| c.weight).collect();
    w.sort_by(f64::total_cmp);
    assert_eq!(w.len(), 2, "{found:?}");
    assert!(
        close(w[0], 0.5002, 2e-9) && close(w[1], 0.5006, 2e-9),
        "{w:?}"
    );
    // Option 0 leads outside the dip, option 1 inside it.
    let first = found.crossings.iter().find(|c| c.weight < 0.5004);
    assert_eq!(first.map(|c| (c.before, c.after)), Some((0, 1)));
}

#[test]
fn a_tie_at_the_current_weight_is_a_zero_width_interval() {
    // A = (10, 0), B = (0, 10), weights 0.5 each: A = w, B = 1 − w, tied now at w = 0.5.
    let s = scenario(
        &[("c1", "f", "Maximize"), ("c2", "f", "Maximize")],
        &[
            ("A", &[Some(10.0), Some(0.0)]),
            ("B", &[Some(0.0), Some(10.0)]),
        ],
        "",
    );
    let p = prepared(&s, Method::Wsm);
    let sw = sweep(&p, Target::Criterion(0), &Settings::default());
    assert_eq!(reversals(&sw), vec![(0.5, B, A, true)]);
    assert_eq!(sw.stable.top_now, vec![A, B]);
    let t = sw.stable.top;
    assert!(
        t.lo == 0.5 && t.hi == 0.5 && t.lo_changes && t.hi_changes,
        "{t:?}"
    );
    assert_eq!(t.smallest_change(0.5), Some(0.0));
}

#[test]
fn the_whole_weight_on_one_criterion_spreads_the_rest_equally() {
    let s = scenario(
        &[
            ("c1", "f", "Maximize"),
            ("c2", "f", "Maximize"),
            ("c3", "f", "Maximize"),
        ],
        &[
            ("A", &[Some(1.0), Some(2.0), Some(3.0)]),
            ("B", &[Some(3.0), Some(2.0), Some(1.0)]),
        ],
        "\"c1\": 1.0, \"c2\": 0.0, \"c3\": 0.0",
    );
    let p = prepared(&s, Method::Wsm);
    assert_eq!(p.current_weight(Target::Criterion(0)), 1.0);
    let w = p.weights_at(Target::Criterion(0), 0.4).unwrap_or_default();
    assert_eq!(w, vec![0.4, 0.3, 0.3]);
    // A = 0.1w + 0.25(1 − w), B = 0.3w + 0.15(1 − w): equal at 0.1 = 0.3w, w = 1/3.
    let sw = sweep(&p, Target::Criterion(0), &Settings::default());
    assert!(
        close(sw.reversals[0].weight, 1.0 / 3.0, 1e-12),
        "{:?}",
        sw.reversals
    );
    // B leads at w = 1 (now) down to 1/3.
    assert!(close(sw.stable.top.lo, 1.0 / 3.0, 1e-12) && sw.stable.top.hi == 1.0);
}

#[test]
fn what_cannot_be_swept_says_why() {
    // One criterion: nothing to trade its weight against.
    let one = scenario(
        &[("c1", "f", "Maximize")],
        &[("A", &[Some(1.0)]), ("B", &[Some(2.0)])],
        "",
    );
    let p = prepared(&one, Method::Wsm);
    assert_eq!(
        p.sweep(Target::Criterion(0), &Settings::default()),
        Err(SensitivityError::NothingToTrade("c1".into()))
    );
    // A criterion with a missing value weighs 0 and cannot be raised.
    let gap = scenario(
        &[("c1", "f", "Maximize"), ("c2", "f", "Maximize")],
        &[("A", &[Some(1.0), None]), ("B", &[Some(2.0), Some(3.0)])],
        "\"c1\": 1.0, \"c2\": 0.0",
    );
    let p = prepared(&gap, Method::Wsm);
    let err = p
        .sweep(Target::Criterion(1), &Settings::default())
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        err.starts_with("sweeping the weight of `c2`: option `A` has no value"),
        "{err}"
    );
    // The summary still covers what can be swept.
    let summary = p.summary(&Settings::default());
    assert!(summary.criteria[1].stable.is_err());
    assert!(
        summary.criteria[0].stable.is_err(),
        "c1 would hand its weight to c2"
    );
    assert_eq!(summary.most_critical, None);
    // The normalisation must suit the method, as in scoring.
    assert!(Sensitivity::new(&gap, 0, Method::Topsis, Normalization::Scale).is_err());
}

#[test]
fn the_default_scenario_matches_the_issue_numbers() {
    // The issue: under the weighted sum and the equal profile, the top three score 0.5575,
    // 0.5500 and 0.5475.
    let s = default_scenario().unwrap_or_else(|e| panic!("{e}"));
    let equal = s.profile_index("equal").unwrap_or(0);
    let p = Sensitivity::new(&s, equal, Method::Wsm, Normalization::Scale)
        .unwrap_or_else(|e| panic!("{e}"));
    let mut top: Vec<f64> = p.current.scores.clone();
    top.sort_by(|a, b| b.total_cmp(a));
    for (got, want) in top.iter().zip([0.5575, 0.55, 0.5475]) {
        assert!(close(*got, want, 1e-12), "{top:?}");
    }
    // With the leader 0.0075 ahead, some single weight must be able to change the top, and the
    // most critical change is no larger than any criterion's own.
    let summary = p.summary(&Settings::default());
    let critical = summary.most_critical.unwrap_or_else(|| panic!("none"));
    for t in &summary.criteria {
        if let Ok(st) = &t.stable
            && let Some(c) = st.top.smallest_change(t.weight)
        {
            assert!(critical.change <= c);
        }
    }
    // Moving that weight by the change (and a hair beyond) really changes the top.
    let Target::Criterion(j) = critical.target else {
        panic!("a criterion")
    };
    let beyond = critical.to_weight + (critical.to_weight - p.current.weights[j]).signum() * 1e-7;
    let scores = direct(&s, &rescaled(&p.current.weights, j, beyond), Method::Wsm);
    let best = (0..scores.len())
        .max_by(|&a, &b| scores[a].total_cmp(&scores[b]))
        .unwrap_or(0);
    assert_eq!(vec![best], critical.new_top);
    assert_ne!(
        critical.new_top,
        summary.criteria[j]
            .stable
            .as_ref()
            .map(|s| s.top_now.clone())
            .unwrap_or_default()
    );
}

/// The stability intervals and each reversal's `top_changes`, worked out by reading every
/// stretch between the reported crossings with the scorer itself (the engine reads the top only
/// where a crossing involves it): the same answers on generated scenarios, for every criterion.
#[test]
fn stability_read_lazily_matches_reading_every_stretch() {
    use tideline::analysis::scoring::ranks;
    /// A stretch's ranks and the option(s) ranked first.
    type State = (Vec<usize>, Vec<usize>);
    let mut compared = 0;
    for seed in 1..=3 {
        let s = tideline::files::generate::generate(40, 4, seed).unwrap_or_else(|e| panic!("{e}"));
        for method in [Method::Wsm, Method::Promethee2] {
            let p = prepared(&s, method);
            let base = p.current.weights.clone();
            let hib = p.current.higher_is_better;
            for j in 0..s.criteria.len() {
                let sw = sweep(&p, Target::Criterion(j), &Settings::default());
                let current = sw.current_weight;
                let mut points: Vec<f64> = sw.reversals.iter().map(|r| r.weight).collect();
                points.extend([0.0, 1.0, current]);
                points.sort_by(f64::total_cmp);
                points.dedup_by(|a, b| (*a - *b).abs() <= 1e-12);
                let state = |w: f64| {
                    let r = ranks(&direct(&s, &rescaled(&base, j, w), method), hib);
                    let top: Vec<usize> = (0..r.len()).filter(|&i| r[i] == 1).collect();
                    (r, top)
                };
                let stretches: Vec<State> = points
                    .windows(2)
                    .map(|w| state(0.5 * (w[0] + w[1])))
                    .collect();
                let here = points
                    .iter()
                    .position(|&w| w == current)
                    .unwrap_or_else(|| panic!("the current weight is a point"));
                let now = state(current);
                // Walk out from the current weight while `same` holds.
                let walk = |same: &dyn Fn(&State) -> bool| {
                    let up = (here..stretches.len()).find(|&k| !same(&stretches[k]));
                    let down = (0..here).rev().find(|&k| !same(&stretches[k]));
                    let hi = up.map_or(1.0, |k| points[k]);
                    let lo = down.map_or(0.0, |k| points[k + 1]);
                    let hi_changes = up.is_some() || (current < 1.0 && !same(&state(1.0)));
                    let lo_changes = down.is_some() || (current > 0.0 && !same(&state(0.0)));
                    (lo, hi, lo_changes, hi_changes, down, up)
                };
                let (lo, hi, lo_c, hi_c, down, up) = walk(&|st| st.1 == now.1);
                let t = &sw.stable.top;
                let what = format!("seed {seed}, {method:?}, criterion {j}");
                assert_eq!(
                    (t.lo, t.hi, t.lo_changes, t.hi_changes),
                    (lo, hi, lo_c, hi_c),
                    "top: {what}"
                );
                let beyond = |changes: bool, k: Option<usize>, end: f64| {
                    if !changes {
                        return Vec::new();
                    }
                    k.map_or_else(|| state(end).1, |k| stretches[k].1.clone())
                };
                assert_eq!(
                    sw.stable.top_below,
                    beyond(lo_c, down, 0.0),
                    "below: {what}"
                );
                assert_eq!(sw.stable.top_above, beyond(hi_c, up, 1.0), "above: {what}");
                let (lo, hi, lo_c, hi_c, ..) = walk(&|st| st.0 == now.0);
                let r = &sw.stable.ranking;
                assert_eq!(
                    (r.lo, r.hi, r.lo_changes, r.hi_changes),
                    (lo, hi, lo_c, hi_c),
                    "ranking: {what}"
                );
                for rev in &sw.reversals {
                    let k = points.partition_point(|&p| p < rev.weight - 1e-12);
                    let changes =
                        k >= 1 && k < stretches.len() && stretches[k - 1].1 != stretches[k].1;
                    assert_eq!(
                        rev.top_changes, changes,
                        "reversal at {}: {what}",
                        rev.weight
                    );
                    compared += 1;
                }
            }
        }
    }
    assert!(compared > 300, "too few reversals to compare: {compared}");
}
