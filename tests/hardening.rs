//! The engine against extreme but valid input: weights near the largest float, many problems,
//! many duplicate names, big matrices answered in bounded time.

use tideline::files::scenario_file::default_scenario;
use tideline::scenario::model::{Scenario, WeightMap};
use tideline::scenario::validate::validate;
use tideline::scenario::weights::{criterion_shares, effective_weights, family_shares};

fn default() -> Scenario {
    default_scenario().unwrap_or_else(|e| panic!("{e}"))
}

/// Family weights that overflow when summed (each 1e308) were read as all zero and refused
/// with "every criterion has a weight of zero"; they are proportions like any others.
#[test]
fn weights_whose_sum_overflows_keep_their_proportions() {
    let mut s = default();
    let families: Vec<String> = s.families.iter().map(|f| f.id.clone()).collect();
    let criteria: Vec<(String, String)> = s
        .criteria
        .iter()
        .map(|c| (c.id.clone(), c.family.clone()))
        .collect();
    let p = &mut s.profiles[0];
    // Every family 1e308 except the first, 5e307: the first has half the share of the others.
    p.family_weights = families
        .iter()
        .enumerate()
        .map(|(i, f)| (f.clone(), if i == 0 { 5e307 } else { 1e308 }))
        .collect::<WeightMap>();
    p.criterion_weights = criteria
        .iter()
        .map(|(c, _)| (c.clone(), 1e308))
        .collect::<WeightMap>();
    let problems = validate(&s);
    assert!(problems.is_empty(), "{problems:?}");

    let n = families.len() as f64;
    let fam = family_shares(&s, &s.profiles[0]);
    let half = 1.0 / (2.0 * n - 1.0);
    assert!((fam[0] - half).abs() < 1e-12, "{fam:?}");
    assert!(
        fam[1..].iter().all(|&x| (x - 2.0 * half).abs() < 1e-12),
        "{fam:?}"
    );

    let within = criterion_shares(&s, &s.profiles[0]);
    let w = effective_weights(&s, &s.profiles[0]);
    assert!((w.iter().sum::<f64>() - 1.0).abs() < 1e-12, "{w:?}");
    for (k, (c, family)) in criteria.iter().enumerate() {
        let size = criteria.iter().filter(|(_, f)| f == family).count() as f64;
        assert!((within[k] - 1.0 / size).abs() < 1e-12, "{c}: {within:?}");
        let f = families.iter().position(|x| x == family).unwrap_or(0);
        assert!((w[k] - fam[f] / size).abs() < 1e-12, "{c}: {w:?}");
    }
}
