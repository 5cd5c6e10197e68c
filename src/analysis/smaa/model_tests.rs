//! Each method's per-draw kernel checked against the scorer.

use super::*;
use crate::analysis::sampling::simplex;
use crate::analysis::scoring::{Problem, ranks, score_problem};
use crate::files::scenario_file::default_scenario;
use crate::scenario::model::{Outranking, PreferenceFunction};

/// The default scenario with every uncertain cell pinned to one point inside its range
/// (`pinned`: a zero-width range to draw from; `moved`: the point as the value).
fn pinned_and_moved() -> (Scenario, Scenario) {
    let s = default_scenario().unwrap_or_else(|e| panic!("{e}"));
    let (mut pinned, mut moved) = (s.clone(), s);
    for (p, m) in pinned.performance.iter_mut().zip(&mut moved.performance) {
        if let Some(u) = &p.uncertainty {
            let (low, high) = u.bounds();
            let x = 0.3 * low + 0.7 * high;
            p.uncertainty = Some(Uncertainty::Range { low: x, high: x });
            m.value = Some(x);
            m.uncertainty = None;
        }
    }
    // Positive values, so the raw weighted product can score too.
    for s in [&mut pinned, &mut moved] {
        for cell in &mut s.performance {
            cell.value = cell.value.map(|x| x + 1.0);
            if let Some(Uncertainty::Range { low, high }) = &mut cell.uncertainty {
                *low += 1.0;
                *high += 1.0;
            }
        }
        // Every PROMETHEE preference function, thresholds in the criteria's 0..10 units.
        let functions = [
            None,
            Some((PreferenceFunction::UShape, Some(1.0), None, None)),
            Some((PreferenceFunction::VShape, None, Some(3.0), None)),
            Some((PreferenceFunction::Level, Some(0.5), Some(2.0), None)),
            Some((PreferenceFunction::Linear, Some(0.5), Some(3.0), None)),
            Some((PreferenceFunction::Gaussian, None, None, Some(1.5))),
        ];
        for (j, c) in s.criteria.iter_mut().enumerate() {
            c.scale.max += 1.0;
            c.scale.min += 1.0;
            c.outranking = functions[j % functions.len()].map(|(function, q, p, s)| Outranking {
                function,
                q,
                p,
                s,
            });
        }
    }
    (pinned, moved)
}

#[test]
fn every_method_scores_and_ranks_as_the_scorer_does() {
    let (pinned, moved) = pinned_and_moved();
    let n = pinned.criteria.len();
    let matrix = moved.matrix();
    let ids: Vec<&str> = moved.options.iter().map(|o| o.id.as_str()).collect();
    let mut checked = 0;
    for method in Method::ALL {
        for &norm in method.normalizations() {
            let kind = Kind::new(method, norm, 0.5);
            let model = Model::new(&pinned, kind, &vec![true; n])
                .unwrap_or_else(|e| panic!("{method:?} {norm:?}: {e}"));
            assert_eq!(model.uncertain_cells(), 40);
            let mut scratch = model.scratch();
            model
                .draw_scores(&mut DrawRng::new(0, 0, 0), &mut scratch)
                .unwrap_or_else(|e| panic!("{e}"));
            let mut buffers = model.score_buffers();
            let mut ours = vec![0.0; model.options()];
            let mut w = vec![0.0; n];
            for k in 0..20 {
                simplex(&mut DrawRng::new(3, 0, k), &mut w);
                // Some criteria without weight, as exact profiles often have.
                w[k as usize % n] = 0.0;
                let total: f64 = w.iter().sum();
                w.iter_mut().for_each(|x| *x /= total);
                model.scores(&scratch.t, &w, &mut buffers, &mut ours);
                let problem = Problem {
                    options: &ids,
                    criteria: &moved.criteria,
                    matrix: &matrix,
                    weights: &w,
                    vikor_v: 0.5,
                };
                let theirs = score_problem(&problem, method, norm)
                    .unwrap_or_else(|e| panic!("{method:?} {norm:?}: {e}"))
                    .scores;
                let sign = if method.higher_is_better() { 1.0 } else { -1.0 };
                for (a, b) in ours.iter().zip(&theirs) {
                    assert!(
                        (a - sign * b).abs() <= 1e-12 * b.abs().max(1.0),
                        "{method:?} {norm:?}: {ours:?} vs {theirs:?}"
                    );
                }
                assert_eq!(
                    ranks(&ours, true),
                    ranks(&theirs, method.higher_is_better()),
                    "{method:?} {norm:?}"
                );
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 20 * 13);
}

#[test]
fn a_missing_value_of_a_criterion_that_can_weigh_is_refused() {
    let mut s = default_scenario().unwrap_or_else(|e| panic!("{e}"));
    s.performance[5].value = None;
    let n = s.criteria.len();
    let mut active = vec![true; n];
    let kind = Kind::new(Method::Wsm, Normalization::Scale, 0.5);
    assert!(matches!(
        Model::new(&s, kind, &active),
        Err(ScoreError::MissingValue { .. })
    ));
    let j = s
        .criterion_index(&s.performance[5].criterion)
        .unwrap_or(usize::MAX);
    active[j] = false;
    assert!(Model::new(&s, kind, &active).is_ok());
}

#[test]
fn rescoring_the_drawn_cells_gives_the_full_scores_below_their_highest() {
    let s = default_scenario().unwrap_or_else(|e| panic!("{e}"));
    let n = s.criteria.len();
    for (method, norms) in [
        (Method::Wsm, Method::Wsm.normalizations()),
        (Method::Promethee2, Method::Promethee2.normalizations()),
    ] {
        for &norm in norms {
            let model = Model::new(&s, Kind::new(method, norm, 0.5), &vec![true; n])
                .unwrap_or_else(|e| panic!("{e}"));
            assert!(model.is_linear());
            let mut buffers = model.score_buffers();
            let mut w = vec![0.0; n];
            simplex(&mut DrawRng::new(1, 0, 0), &mut w);
            let mut at_base = vec![0.0; model.options()];
            model.scores(model.base(), &w, &mut buffers, &mut at_base);
            let mut scratch = model.scratch();
            let reach = model.reach();
            let mut full = at_base.clone();
            for k in 0..20 {
                model
                    .draw_scores(&mut DrawRng::new(2, 1, k), &mut scratch)
                    .unwrap_or_else(|e| panic!("{e}"));
                model.scores(&scratch.t, &w, &mut buffers, &mut full);
                for (i, a) in full.iter().enumerate() {
                    let quick = model.score_of(i, &reach[i], &scratch.t, &w, at_base[i]);
                    assert!((a - quick).abs() < 1e-12, "{method:?} {norm:?}");
                    // No draw goes above the highest possible score.
                    let highest = model.highest_score(i, &reach[i], &w, at_base[i]);
                    assert!(quick <= highest, "{method:?} {norm:?}");
                }
                assert_ne!(full, at_base, "the draw moved something");
            }
        }
    }
}
