//! Trade-offs between two "more is better" measures: the Pareto front, and the family
//! sub-scores the trade-off and compare views plot. Pure functions over plain data.

use crate::analysis::scoring::Ranking;
use crate::scenario::model::Scenario;

/// Which points of a two-measure comparison no other point beats, both coordinates being
/// "more is better".
///
/// Point `p` is *dominated* when another point `q` is at least as good on both coordinates and
/// strictly better on at least one (`q.0 >= p.0 && q.1 >= p.1 && q != p`). The result is `true`
/// for every point that is not dominated: identical points do not dominate each other, so both
/// are on the front or neither is. A point with a NaN coordinate cannot be compared: it is
/// never on the front and dominates nothing.
///
/// O(n²), which is plenty for the few hundred options a scenario holds.
pub fn pareto_front(points: &[(f64, f64)]) -> Vec<bool> {
    let comparable = |p: &(f64, f64)| !p.0.is_nan() && !p.1.is_nan();
    points
        .iter()
        .map(|p| {
            comparable(p)
                && !points
                    .iter()
                    .any(|q| comparable(q) && q.0 >= p.0 && q.1 >= p.1 && (q.0 > p.0 || q.1 > p.1))
        })
        .collect()
}

/// The sub-score of every option on every family, `[option][family]` in `scenario.families`
/// order; 0..1 for the 0..1 normalisations, more is better.
///
/// With `W_f = Σ_{j in f} w_j`, the family's share of the effective weights, the sub-score of
/// option `i` is `Σ_{j in f} contributions[i][j] / W_f`: the mean of the option's normalised
/// values over the family's criteria, weighted by the profile's weights within the family.
/// The overall score is then `Σ_f W_f × sub-score`.
///
/// When `W_f` is 0 (the family, or every criterion in it, weighs nothing) the sub-score is the
/// unweighted mean of the normalised values over the family's criteria, so the family can
/// still be looked at. A family with no criteria scores 0.
///
/// `ranking` must come from `scenario` (its columns follow `scenario.criteria`).
pub fn family_scores(scenario: &Scenario, ranking: &Ranking) -> Vec<Vec<f64>> {
    let members: Vec<Vec<usize>> = family_members(scenario)
        .into_iter()
        .map(|js| {
            js.into_iter()
                .filter(|&j| j < ranking.weights.len())
                .collect()
        })
        .collect();
    ranking
        .contributions
        .iter()
        .zip(&ranking.normalized)
        .map(|(contributions, normalized)| {
            members
                .iter()
                .map(|js| family_score(js, &ranking.weights, contributions, normalized))
                .collect()
        })
        .collect()
}

/// One option's sub-score on the family made of criteria `js` (see [`family_scores`]).
fn family_score(js: &[usize], weights: &[f64], contributions: &[f64], normalized: &[f64]) -> f64 {
    if js.is_empty() {
        return 0.0;
    }
    let share: f64 = js.iter().map(|&j| weights[j]).sum();
    if share > 0.0 {
        js.iter().map(|&j| contributions[j]).sum::<f64>() / share
    } else {
        js.iter().map(|&j| normalized[j]).sum::<f64>() / js.len() as f64
    }
}

/// Indices of the criteria in each family, in `scenario.families` order.
pub fn family_members(scenario: &Scenario) -> Vec<Vec<usize>> {
    scenario
        .families
        .iter()
        .map(|f| {
            (0..scenario.criteria.len())
                .filter(|&j| scenario.criteria[j].family == f.id)
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn front(points: &[(f64, f64)]) -> Vec<bool> {
        pareto_front(points)
    }

    #[test]
    fn empty_and_single_point() {
        assert_eq!(front(&[]), Vec::<bool>::new());
        assert_eq!(front(&[(0.3, 0.7)]), vec![true]);
    }

    #[test]
    fn a_point_beaten_on_both_axes_is_off_the_front() {
        // (0.05, 0.05) is beaten by every other point; the others trade off.
        assert_eq!(
            front(&[(0.9, 0.1), (0.05, 0.05), (0.1, 0.9), (0.5, 0.5)]),
            vec![true, false, true, true]
        );
        // Beaten on one axis by each of the others, but on both by none: on the front.
        assert_eq!(
            front(&[(0.9, 0.1), (0.2, 0.2), (0.1, 0.9)]),
            vec![true, true, true]
        );
    }

    #[test]
    fn equal_on_one_axis_and_worse_on_the_other_is_dominated() {
        // Same x, lower y: dominated. Same y, lower x: dominated.
        assert_eq!(front(&[(0.5, 0.5), (0.5, 0.4)]), vec![true, false]);
        assert_eq!(front(&[(0.4, 0.5), (0.5, 0.5)]), vec![false, true]);
    }

    #[test]
    fn identical_points_are_both_on_the_front_or_both_off() {
        assert_eq!(front(&[(0.5, 0.5), (0.5, 0.5)]), vec![true, true]);
        assert_eq!(
            front(&[(0.5, 0.5), (0.6, 0.6), (0.5, 0.5)]),
            vec![false, true, false]
        );
        // Duplicates of a front member next to another trade-off point.
        assert_eq!(
            front(&[(1.0, 0.0), (0.3, 0.8), (0.3, 0.8), (0.2, 0.7)]),
            vec![true, true, true, false]
        );
    }

    #[test]
    fn a_falling_line_is_all_front_and_a_rising_line_has_one_member() {
        // x + y = 1: every point trades x for y.
        let falling: Vec<(f64, f64)> = (0..=4)
            .map(|k| (k as f64 / 4.0, 1.0 - k as f64 / 4.0))
            .collect();
        assert_eq!(front(&falling), vec![true; 5]);
        // y = x: the top-right point beats all others.
        let rising: Vec<(f64, f64)> = (0..=4).map(|k| (k as f64 / 4.0, k as f64 / 4.0)).collect();
        assert_eq!(front(&rising), vec![false, false, false, false, true]);
        // All on a vertical line: only the highest.
        assert_eq!(
            front(&[(0.5, 0.1), (0.5, 0.9), (0.5, 0.4)]),
            vec![false, true, false]
        );
    }

    #[test]
    fn a_staircase_keeps_its_corners() {
        // Hand-checked: A(1,4) B(2,3) C(3,1) are the corners; D(2,2) is under B, E(1,1) under all.
        let pts = [(1.0, 4.0), (2.0, 3.0), (3.0, 1.0), (2.0, 2.0), (1.0, 1.0)];
        assert_eq!(front(&pts), vec![true, true, true, false, false]);
    }

    #[test]
    fn nan_points_are_neither_on_the_front_nor_dominating() {
        assert_eq!(
            front(&[(f64::NAN, 1.0), (0.5, 0.5), (0.4, f64::NAN)]),
            vec![false, true, false]
        );
    }

    #[test]
    fn family_scores_are_weighted_means_and_fall_back_to_plain_means() {
        use crate::analysis::scoring::score;
        use crate::files::scenario_file::default_scenario;
        let mut s = match default_scenario() {
            Ok(s) => s,
            Err(e) => panic!("default scenario: {e}"),
        };
        let r = match score(&s) {
            Ok(r) => r,
            Err(e) => panic!("score: {e}"),
        };
        let fam = family_scores(&s, &r);
        let members = family_members(&s);
        let shares: Vec<f64> = members
            .iter()
            .map(|js| js.iter().map(|&j| r.weights[j]).sum())
            .collect();
        for (i, row) in fam.iter().enumerate() {
            // Σ_f W_f × sub-score = overall score.
            let total: f64 = row.iter().zip(&shares).map(|(x, w)| x * w).sum();
            assert!((total - r.scores[i]).abs() < 1e-12, "option {i}");
            for &x in row {
                assert!((0.0..=1.0 + 1e-12).contains(&x), "{x}");
            }
        }
        // A family weighed 0: its sub-score is the plain mean of its normalised values.
        let f = 0;
        let active = s.active_profile_index();
        let ids: Vec<String> = s.families.iter().map(|f| f.id.clone()).collect();
        s.profiles[active].family_weights = ids
            .iter()
            .enumerate()
            .map(|(k, id)| (id.clone(), if k == f { 0.0 } else { 1.0 }))
            .collect();
        let r = match score(&s) {
            Ok(r) => r,
            Err(e) => panic!("score: {e}"),
        };
        let fam = family_scores(&s, &r);
        for (i, row) in fam.iter().enumerate() {
            let js = &members[f];
            let mean = js.iter().map(|&j| r.normalized[i][j]).sum::<f64>() / js.len() as f64;
            assert!((row[f] - mean).abs() < 1e-12);
        }
    }
}
