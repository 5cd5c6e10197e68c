//! Perspectives, concessions and group profiles against hand-worked cases, brute force over a
//! grid of the weight simplex and independent computations.

use tideline::analysis::group::{GroupError, GroupRule, group_profile};
use tideline::analysis::perspectives::{Concession, PerspectiveError, concessions, perspectives};
use tideline::analysis::scoring::{Problem, ranks, score_problem};
use tideline::files::scenario_file::{default_scenario, parse_ron};
use tideline::scenario::model::{
    ElicitationInput, ElicitationRecord, ElicitationScope, Method, Normalization,
    PairwiseWeighting, Scenario, WeightMap, WeightProfile,
};
use tideline::scenario::weights::effective_weights;

/// A scenario with one family `f` of criteria `c1`, `c2`, … on a 0..10 scale (so `scale`
/// normalises x to x/10), one option per row, and one profile per weight vector (ids p0, p1, …).
fn scenario(rows: &[&[f64]], profiles: &[&[f64]]) -> Scenario {
    let m = rows.first().map_or(0, |r| r.len());
    let mut t = String::from(
        "(metadata: (format_version: 1, title: \"hand\"), families: [(id: \"f\", name: \"f\")], criteria: [",
    );
    for j in 1..=m {
        t.push_str(&format!(
            "(id: \"c{j}\", name: \"c{j}\", family: \"f\", direction: Maximize, scale: (min: 0, max: 10)),"
        ));
    }
    t.push_str("], options: [");
    for i in 0..rows.len() {
        t.push_str(&format!(
            "(id: \"o{i}\", name: \"o{i}\", provenance: (document: \"hand\")),"
        ));
    }
    t.push_str("], performance: [");
    for (i, row) in rows.iter().enumerate() {
        for (j, v) in row.iter().enumerate() {
            t.push_str(&format!(
                "(option: \"o{i}\", criterion: \"c{}\", value: Some({v:?})),",
                j + 1
            ));
        }
    }
    t.push_str("], profiles: [(id: \"p0\", name: \"P0\")])");
    let mut s = parse_ron(t.as_bytes(), "hand.ron").unwrap_or_else(|e| panic!("{e}"));
    let template = s.profiles[0].clone();
    s.profiles = profiles
        .iter()
        .enumerate()
        .map(|(k, w)| WeightProfile {
            id: format!("p{k}"),
            name: format!("P{k}"),
            criterion_weights: weights(w),
            ..template.clone()
        })
        .collect();
    s
}

fn weights(w: &[f64]) -> WeightMap {
    w.iter()
        .enumerate()
        .map(|(j, &x)| (format!("c{}", j + 1), x))
        .collect()
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

/// Scores the scenario's options under `method` with arbitrary effective weights.
fn ranks_at(s: &Scenario, method: Method, n: Normalization, w: &[f64]) -> Option<Vec<usize>> {
    let ids: Vec<&str> = s.options.iter().map(|o| o.id.as_str()).collect();
    let matrix = s.matrix();
    let problem = Problem {
        options: &ids,
        criteria: &s.criteria,
        matrix: &matrix,
        weights: w,
        vikor_v: s.settings.vikor_v,
    };
    let out = score_problem(&problem, method, n).ok()?;
    Some(ranks(&out.scores, method.higher_is_better()))
}

/// A small deterministic generator for the random cases.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

// ---------------------------------------------------------------------------------------------
// Ranks, τ, order, common ground
// ---------------------------------------------------------------------------------------------

/// Three options on two criteria, values /10: o0 = (0.9, 0.1), o1 = (0.5, 0.5),
/// o2 = (0.1, 0.8). Weighted sums:
///   p0 = (0.8, 0.2): o0 0.74, o1 0.50, o2 0.24   → ranks (1, 2, 3)
///   p1 = (0.2, 0.8): o0 0.26, o1 0.50, o2 0.66   → ranks (3, 2, 1)
///   p2 = (0.5, 0.5): o0 0.50, o1 0.50, o2 0.45   → ranks (1, 1, 3) (o0 and o1 tie)
/// τ-b, 3 pairs each:
///   p0–p1: every pair reversed: τ = −1.
///   p0–p2: (o0,o1) tied in p2 only (n₂ = 1); (o0,o2), (o1,o2) concordant: 2/√(3·2) = 0.8165.
///   p1–p2: (o0,o1) tied in p2; (o0,o2): p1 says o2 better, p2 says o0: discordant;
///          (o1,o2): p1 o2 better, p2 o1 better: discordant: (0 − 2)/√6 = −0.8165.
/// Top 2 (ranks ≤ 2): p0 {o0, o1}, p1 {o1, o2}, p2 {o0, o1}: common ground {o1}.
#[test]
fn ranks_tau_and_common_ground_by_hand() {
    let s = scenario(
        &[&[9.0, 1.0], &[5.0, 5.0], &[1.0, 8.0]],
        &[&[0.8, 0.2], &[0.2, 0.8], &[0.5, 0.5]],
    );
    let p =
        perspectives(&s, Method::Wsm, Normalization::Scale, 2).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(p.profiles, vec!["p0", "p1", "p2"]);
    assert_eq!(p.options, vec!["o0", "o1", "o2"]);
    assert_eq!(p.ranks, vec![vec![1, 2, 3], vec![3, 2, 1], vec![1, 1, 3]]);
    assert!(close(p.scores[0][0], 0.74, 1e-12) && close(p.scores[1][2], 0.66, 1e-12));
    assert!(close(p.weights[1][1], 0.8, 1e-12));
    let tau = |a: usize, b: usize| p.kendall_tau[a][b].unwrap_or(f64::NAN);
    assert!(close(tau(0, 1), -1.0, 1e-12));
    assert!(close(tau(0, 2), 2.0 / 6f64.sqrt(), 1e-12));
    assert!(close(tau(1, 2), -2.0 / 6f64.sqrt(), 1e-12));
    assert!(close(tau(2, 0), tau(0, 2), 0.0));
    assert_eq!(p.common_ground, vec![1]);
    // p0 and p2 agree most, so they sit together; p1 at one end.
    let pos = |k: usize| p.order.iter().position(|&x| x == k).unwrap_or(99);
    assert_eq!(pos(0).abs_diff(pos(2)), 1);
    assert_eq!(p.order.len(), 3);
}

/// Two profiles with the same weights are placed side by side, wherever they are listed.
#[test]
fn identical_profiles_sit_together() {
    let rows: &[&[f64]] = &[
        &[9.0, 1.0, 4.0],
        &[5.0, 5.0, 5.0],
        &[1.0, 8.0, 2.0],
        &[3.0, 3.0, 9.0],
    ];
    let s = scenario(
        rows,
        &[
            &[0.6, 0.2, 0.2],
            &[0.1, 0.1, 0.8],
            &[0.2, 0.7, 0.1],
            &[0.3, 0.3, 0.4],
            &[0.6, 0.2, 0.2],
        ],
    );
    let p =
        perspectives(&s, Method::Wsm, Normalization::Scale, 1).unwrap_or_else(|e| panic!("{e}"));
    let pos = |k: usize| p.order.iter().position(|&x| x == k).unwrap_or(99);
    assert_eq!(pos(0).abs_diff(pos(4)), 1, "order {:?}", p.order);
    let mut sorted = p.order.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, vec![0, 1, 2, 3, 4]);
}

#[test]
fn the_built_in_scenario_compares_its_profiles() {
    let s = default_scenario().unwrap_or_else(|e| panic!("{e}"));
    for method in Method::ALL {
        let n = method.normalization_for(s.settings.normalization);
        let p = perspectives(&s, method, n, 3).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(p.ranks.len(), s.profiles.len());
        for (k, profile) in s.profiles.iter().enumerate() {
            assert!(close(p.kendall_tau[k][k].unwrap_or(0.0), 1.0, 1e-12));
            let w = effective_weights(&s, profile);
            assert_eq!(p.weights[k], w);
            // Every option in the common ground really is in each profile's top 3.
            for &i in &p.common_ground {
                assert!(p.ranks[k][i] <= 3);
            }
        }
    }
}

#[test]
fn no_profile_is_an_error() {
    let mut s = scenario(&[&[1.0], &[2.0]], &[&[1.0]]);
    s.profiles.clear();
    assert_eq!(
        perspectives(&s, Method::Wsm, Normalization::Scale, 3),
        Err(PerspectiveError::NoProfile)
    );
}

// ---------------------------------------------------------------------------------------------
// Concessions
// ---------------------------------------------------------------------------------------------

/// Every point of the simplex in three dimensions on a grid of step 1/`n`.
fn grid(n: usize) -> impl Iterator<Item = [f64; 3]> {
    (0..=n).flat_map(move |i| {
        (0..=n - i).map(move |j| {
            let (a, b) = (i as f64 / n as f64, j as f64 / n as f64);
            [a, b, ((n - i - j) as f64 / n as f64).max(0.0)]
        })
    })
}

fn l1_pp(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| (x - y).abs()).sum::<f64>() * 100.0
}

/// Random small cases: three criteria, `options` options with values 0.5..10 (above 0, for
/// the weighted product on raw values), `profiles`
/// profiles with weights of at least 0.05 each.
fn random_case(rng: &mut Lcg, options: usize, profiles: usize) -> Scenario {
    let rows: Vec<Vec<f64>> = (0..options)
        .map(|_| {
            (0..3)
                .map(|_| (5.0 + rng.next() * 95.0).round() / 10.0)
                .collect()
        })
        .collect();
    let weights: Vec<Vec<f64>> = (0..profiles)
        .map(|_| (0..3).map(|_| 0.05 + rng.next()).collect())
        .collect();
    let rows: Vec<&[f64]> = rows.iter().map(Vec::as_slice).collect();
    let weights: Vec<&[f64]> = weights.iter().map(Vec::as_slice).collect();
    scenario(&rows, &weights)
}

/// The returned weights are on the simplex, their change is what is reported, and the rival
/// really is ranked first there (scored afresh).
fn check_reach(s: &Scenario, method: Method, n: Normalization, c: &Concession) {
    let Some(reach) = &c.reach else { return };
    let w = effective_weights(s, &s.profiles[c.profile]);
    assert!(reach.weights.iter().all(|&x| x >= 0.0));
    assert!(close(reach.weights.iter().sum::<f64>(), 1.0, 1e-9));
    assert!(close(l1_pp(&reach.weights, &w), reach.change_pp, 1e-9));
    let r = ranks_at(s, method, n, &reach.weights).unwrap_or_default();
    assert_eq!(r.get(reach.rival), Some(&1), "{method:?} {c:?} ranks {r:?}");
    assert_ne!(reach.rival, c.top);
}

/// The cheapest change on a grid of the simplex at which an option other than `top` is ranked
/// first; `None` when no grid point does it.
fn grid_optimum(
    s: &Scenario,
    method: Method,
    n: Normalization,
    w: &[f64],
    top: usize,
    steps: usize,
) -> Option<f64> {
    grid(steps)
        .filter(|g| {
            ranks_at(s, method, n, g)
                .is_some_and(|r| r.iter().enumerate().any(|(i, &x)| i != top && x == 1))
        })
        .map(|g| l1_pp(&g, w))
        .min_by(f64::total_cmp)
}

/// The weighted sum's concession is the exact minimum: never above the best point of a fine
/// grid of the simplex (step 0.005), and the rival reaches the top at the weights returned,
/// so it is also not below the true minimum.
#[test]
fn weighted_sum_concession_matches_brute_force() {
    let mut rng = Lcg(7);
    let mut compared = 0;
    for _ in 0..12 {
        let s = random_case(&mut rng, 4, 2);
        let cs =
            concessions(&s, Method::Wsm, Normalization::Scale).unwrap_or_else(|e| panic!("{e}"));
        for c in &cs {
            assert!(c.exact && c.complete);
            check_reach(&s, Method::Wsm, Normalization::Scale, c);
            let w = effective_weights(&s, &s.profiles[c.profile]);
            let brute = grid_optimum(&s, Method::Wsm, Normalization::Scale, &w, c.top, 200);
            match (&c.reach, brute) {
                (Some(reach), Some(b)) => {
                    assert!(
                        reach.change_pp <= b + 1e-9,
                        "{} > grid {b}",
                        reach.change_pp
                    );
                    compared += 1;
                }
                // The grid misses only slivers: no reach must mean no grid point either.
                (None, Some(b)) => panic!("no reach, but the grid finds {b}"),
                _ => {}
            }
        }
    }
    assert!(compared >= 15, "only {compared} cases compared");
}

/// A hand case: values /10, o0 = (0.8, 0.2, 0.5), o1 = (0.4, 0.7, 0.5), o2 = (0.1, 0.1, 0.1);
/// weights (0.6, 0.2, 0.2): o0 = 0.48 + 0.04 + 0.10 = 0.62, o1 = 0.24 + 0.14 + 0.10 = 0.48.
/// For o1: d = (−0.4, 0.5, 0), d · w = −0.14. Moving weight from c1 (d = −0.4) to c2
/// (d = 0.5) gains 0.9 a unit: 0.14 / 0.9 = 0.15556 moves, 31.11 points.
/// o2 is worse everywhere and never reaches.
#[test]
fn weighted_sum_concession_by_hand() {
    let s = scenario(
        &[&[8.0, 2.0, 5.0], &[4.0, 7.0, 5.0], &[1.0, 1.0, 1.0]],
        &[&[0.6, 0.2, 0.2]],
    );
    let cs = concessions(&s, Method::Wsm, Normalization::Scale).unwrap_or_else(|e| panic!("{e}"));
    let reach = cs[0].reach.clone().unwrap_or_else(|| panic!("no reach"));
    assert_eq!((cs[0].top, reach.rival), (0, 1));
    assert!(close(reach.change_pp, 200.0 * 0.14 / 0.9, 1e-9));
    assert!(close(reach.weights[0], 0.6 - 0.14 / 0.9, 1e-12));
    assert!(close(reach.weights[1], 0.2 + 0.14 / 0.9, 1e-12));
    assert!(close(reach.weights[2], 0.2, 1e-12));
}

/// Two options tied at the top: the concession is 0 and names the other one.
#[test]
fn a_tie_at_the_top_concedes_nothing() {
    let s = scenario(&[&[8.0, 2.0], &[3.0, 3.0], &[8.0, 2.0]], &[&[0.5, 0.5]]);
    for method in [Method::Wsm, Method::Topsis] {
        let n = method.normalization_for(Normalization::Scale);
        let cs = concessions(&s, method, n).unwrap_or_else(|e| panic!("{e}"));
        let reach = cs[0].reach.clone().unwrap_or_else(|| panic!("no reach"));
        assert_eq!((cs[0].top, reach.rival, reach.change_pp), (0, 2, 0.0));
    }
}

/// An option better on every criterion keeps the top whatever the weights.
#[test]
fn a_dominant_top_has_no_rival() {
    let s = scenario(&[&[8.0, 9.0], &[3.0, 3.0], &[7.0, 2.0]], &[&[0.5, 0.5]]);
    let cs = concessions(&s, Method::Wsm, Normalization::Scale).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(cs[0].reach, None);
    assert!(cs[0].exact);
}

/// The other methods' estimates: the rival really reaches the top at the weights returned,
/// and the change is no larger than the best point of a grid of step 0.01 plus one grid step
/// (2 points of L1 change: a grid cell's L1 diameter). The search is a heuristic: in surveys
/// of about 1,300 such concessions (other seeds) it missed this bound 4 times, all under TOPSIS
/// or VIKOR, by 2.4 to 7 points beyond it; these cases were not chosen to avoid one.
#[test]
fn estimates_reach_and_are_near_the_grid_optimum() {
    let mut rng = Lcg(99);
    for method in [
        Method::Wpm,
        Method::Topsis,
        Method::Promethee2,
        Method::Vikor,
    ] {
        let n = method.normalization_for(Normalization::Scale);
        let mut compared = 0;
        for _ in 0..4 {
            let s = random_case(&mut rng, 4, 2);
            let cs = concessions(&s, method, n).unwrap_or_else(|e| panic!("{e}"));
            for c in &cs {
                assert!(!c.exact && c.complete);
                check_reach(&s, method, n, c);
                let w = effective_weights(&s, &s.profiles[c.profile]);
                let brute = grid_optimum(&s, method, n, &w, c.top, 100);
                if let (Some(reach), Some(b)) = (&c.reach, brute) {
                    assert!(
                        reach.change_pp <= b + 2.0,
                        "{method:?}: {} against grid {b}",
                        reach.change_pp
                    );
                    compared += 1;
                } else {
                    assert_eq!(c.reach.is_some(), brute.is_some(), "{method:?} {c:?}");
                }
            }
        }
        assert!(compared >= 4, "{method:?}: {compared}");
    }
}

/// The concessions of the built-in scenario under every method end where they say.
#[test]
fn the_built_in_scenario_concedes_under_every_method() {
    let s = default_scenario().unwrap_or_else(|e| panic!("{e}"));
    for method in Method::ALL {
        let n = method.normalization_for(s.settings.normalization);
        let cs = concessions(&s, method, n).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(cs.len(), s.profiles.len());
        for c in &cs {
            assert_eq!(c.exact, method == Method::Wsm);
            check_reach(&s, method, n, c);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Group profiles
// ---------------------------------------------------------------------------------------------

fn group(s: &Scenario, members: &[usize], rule: GroupRule) -> tideline::analysis::group::Group {
    group_profile(s, members, rule, "group", "Group").unwrap_or_else(|e| panic!("{e}"))
}

fn all_close(a: &[f64], b: &[f64], tol: f64) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| close(*x, *y, tol))
}

#[test]
fn the_mean_or_median_of_identical_profiles_is_that_profile() {
    let s = scenario(
        &[&[1.0, 2.0, 3.0], &[3.0, 2.0, 1.0]],
        &[&[0.5, 0.3, 0.2], &[5.0, 3.0, 2.0], &[0.5, 0.3, 0.2]],
    );
    for rule in [GroupRule::Mean, GroupRule::Median] {
        let g = group(&s, &[0, 1, 2], rule);
        assert!(all_close(&g.weights, &[0.5, 0.3, 0.2], 1e-12), "{rule:?}");
        // The group profile's own effective weights are the ones reported.
        assert!(all_close(
            &effective_weights(&s, &g.profile),
            &g.weights,
            1e-12
        ));
        assert!(g.spread.iter().all(|sp| sp.min == sp.max && sp.iqr == 0.0));
        assert_eq!(
            (g.profile.id.as_str(), g.profile.name.as_str()),
            ("group", "Group")
        );
    }
}

/// Mean by hand: (0.6, 0.2, 0.2) and (0.2, 0.2, 0.6) with vote weights 1 and 3:
/// (0.6 + 3 · 0.2)/4 = 0.3, 0.2, (0.2 + 3 · 0.6)/4 = 0.5.
/// Median by hand: (0.6, 0.2, 0.2), (0.2, 0.2, 0.6), (0.1, 0.8, 0.1), equal votes: per
/// criterion 0.2, 0.2, 0.2, renormalised to a third each.
/// Spread of criterion 1 over 0.6, 0.2, 0.1: min 0.1, max 0.6; quartiles (Hyndman–Fan 2) of
/// three values: p = 0.25 → cumulative 1 > 0.75 at 0.1; p = 0.75 → 2.25 is passed at 0.6:
/// IQR 0.5.
#[test]
fn mean_median_and_spread_by_hand() {
    let mut s = scenario(
        &[&[1.0, 2.0, 3.0], &[3.0, 2.0, 1.0]],
        &[&[0.6, 0.2, 0.2], &[0.2, 0.2, 0.6], &[0.1, 0.8, 0.1]],
    );
    s.profiles[1].vote_weight = 3.0;
    let g = group(&s, &[0, 1], GroupRule::Mean);
    assert!(
        all_close(&g.weights, &[0.3, 0.2, 0.5], 1e-12),
        "{:?}",
        g.weights
    );
    s.profiles[1].vote_weight = 1.0;
    let g = group(&s, &[0, 1, 2], GroupRule::Median);
    assert!(
        all_close(&g.weights, &[1.0 / 3.0; 3], 1e-12),
        "{:?}",
        g.weights
    );
    let sp = g.spread[0];
    assert!(close(sp.min, 0.1, 1e-12) && close(sp.max, 0.6, 1e-12));
    assert!(close(sp.iqr, 0.5, 1e-12), "{sp:?}");
}

/// A pairwise record on the family `f`'s criteria from the upper triangle (a12, a13, a23).
fn pairwise(upper: [f64; 3], weighting: PairwiseWeighting) -> ElicitationRecord {
    let ids = ["c1", "c2", "c3"];
    let pairs = [(0, 1), (0, 2), (1, 2)];
    ElicitationRecord {
        scope: ElicitationScope::Family("f".into()),
        input: ElicitationInput::Pairwise {
            items: ids.iter().map(|s| s.to_string()).collect(),
            judgements: pairs
                .iter()
                .zip(upper)
                .map(|(&(i, j), x)| (ids[i].to_string(), ids[j].to_string(), x))
                .collect(),
            weighting,
        },
    }
}

fn judged(records: &[[f64; 3]]) -> Scenario {
    let mut s = scenario(
        &[&[1.0, 2.0, 3.0], &[3.0, 2.0, 1.0]],
        &vec![&[1.0, 1.0, 1.0][..]; records.len()],
    );
    for (p, upper) in s.profiles.iter_mut().zip(records) {
        p.elicited = vec![pairwise(*upper, PairwiseWeighting::Eigenvector)];
    }
    s
}

/// Consistent judgements, so the answer is analytic. A comes from weights (4, 2, 1)/7:
/// a12 = 2, a13 = 4, a23 = 2. B from (1, 1, 4)/6: a12 = 1, a13 = 1/4, a23 = 1/4.
/// Their geometric mean is a12 = √2, a13 = √(4/4) = 1, a23 = √(2/4) = √½, again consistent,
/// with weights ∝ √(w_A · w_B) = (√4, √2, √4) = (2, √2, 2), i.e. (0.369398, 0.261204, 0.369398)
/// (check: 2/√2 = √2 = a12; 2/2 = 1 = a13; √2/2 = √½ = a23). A consistent matrix's principal
/// eigenvector is its weight vector. With A's vote weight 2, a12 = 2^(2/3), a13 = 4^(2/3) ·
/// (1/4)^(1/3) = 4^(1/3), a23 = 2^(2/3) · 4^(−1/3) = 1: weights ∝ w_A^(2/3) · w_B^(1/3) =
/// (4^(2/3), 2^(2/3), 4^(1/3)).
#[test]
fn geometric_mean_of_consistent_judgements_by_hand() {
    let mut s = judged(&[[2.0, 4.0, 2.0], [1.0, 0.25, 0.25]]);
    let g = group(&s, &[0, 1], GroupRule::Geometric);
    let r2 = 2f64.sqrt();
    let expected: Vec<f64> = [2.0, r2, 2.0].iter().map(|x| x / (4.0 + r2)).collect();
    assert!(all_close(&g.weights, &expected, 1e-9), "{:?}", g.weights);
    assert_eq!(g.pooled, vec![ElicitationScope::Family("f".into())]);
    // The pooled judgements are kept in the profile so that they can be reopened.
    match &g.profile.elicited[..] {
        [
            ElicitationRecord {
                input: ElicitationInput::Pairwise { judgements, .. },
                ..
            },
        ] => {
            assert!(close(judgements[0].2, r2, 1e-12));
            assert!(close(judgements[1].2, 1.0, 1e-12));
            assert!(close(judgements[2].2, 0.5f64.sqrt(), 1e-12));
        }
        other => panic!("{other:?}"),
    }
    s.profiles[0].vote_weight = 2.0;
    let g = group(&s, &[0, 1], GroupRule::Geometric);
    let raw = [
        4f64.powf(2.0 / 3.0),
        2f64.powf(2.0 / 3.0),
        4f64.powf(1.0 / 3.0),
    ];
    let total: f64 = raw.iter().sum();
    let expected: Vec<f64> = raw.iter().map(|x| x / total).collect();
    assert!(all_close(&g.weights, &expected, 1e-9), "{:?}", g.weights);
}

/// Inconsistent judgements. For three items the principal eigenvector of a reciprocal matrix
/// equals its normalised row geometric means (Crawford & Williams 1985, J. Math. Psych.
/// 29:387–405, §4), so the group's weights can be computed here independently of the power
/// iteration: A = (3, 5, 3) (a13 = 5 ≠ a12 · a23 = 9), B = (1/2, 4, 6). Geometric mean:
/// a12 = √1.5, a13 = √20, a23 = √18. Rows: c1 = (1 · √1.5 · √20)^(1/3), c2 = (1/√1.5 · 1 ·
/// √18)^(1/3), c3 = (1/√20 · 1/√18 · 1)^(1/3), normalised.
#[test]
fn geometric_mean_of_inconsistent_judgements_against_row_geometric_means() {
    let s = judged(&[[3.0, 5.0, 3.0], [0.5, 4.0, 6.0]]);
    let g = group(&s, &[0, 1], GroupRule::Geometric);
    let (a12, a13, a23) = (1.5f64.sqrt(), 20f64.sqrt(), 18f64.sqrt());
    let rows = [
        (a12 * a13).cbrt(),
        (a23 / a12).cbrt(),
        (1.0 / (a13 * a23)).cbrt(),
    ];
    let total: f64 = rows.iter().sum();
    let expected: Vec<f64> = rows.iter().map(|x| x / total).collect();
    assert!(
        all_close(&g.weights, &expected, 1e-9),
        "{:?} {expected:?}",
        g.weights
    );
}

/// Vote weight 2 counts exactly as listing the profile twice, under every rule and in the
/// spread.
#[test]
fn vote_weight_two_is_listing_twice() {
    let mut s = judged(&[[3.0, 5.0, 3.0], [0.5, 4.0, 6.0], [2.0, 2.0, 1.0]]);
    for (p, w) in s
        .profiles
        .iter_mut()
        .zip([[0.6, 0.3, 0.1], [0.1, 0.2, 0.7], [0.3, 0.3, 0.4]])
    {
        p.criterion_weights = weights(&w);
    }
    let twice = s.clone();
    s.profiles[1].vote_weight = 2.0;
    for rule in [GroupRule::Mean, GroupRule::Median, GroupRule::Geometric] {
        let weighted = group(&s, &[0, 1, 2], rule);
        let listed = group(&twice, &[0, 1, 1, 2], rule);
        assert!(
            all_close(&weighted.weights, &listed.weights, 1e-12),
            "{rule:?}"
        );
        for (a, b) in weighted.spread.iter().zip(&listed.spread) {
            assert!(close(a.iqr, b.iqr, 1e-12) && a.min == b.min && a.max == b.max);
        }
        // And it differs from counting the profile once (so the test could fail).
        let once = group(&twice, &[0, 1, 2], rule);
        assert!(
            !all_close(&weighted.weights, &once.weights, 1e-6),
            "{rule:?}"
        );
    }
}

#[test]
fn group_errors() {
    let s = scenario(&[&[1.0, 2.0], &[2.0, 1.0]], &[&[0.5, 0.5], &[1.0, 0.0]]);
    assert_eq!(
        group_profile(&s, &[], GroupRule::Mean, "g", "G"),
        Err(GroupError::NoProfiles)
    );
    assert_eq!(
        group_profile(&s, &[0, 7], GroupRule::Mean, "g", "G"),
        Err(GroupError::UnknownProfile(7))
    );
    assert!(matches!(
        group_profile(&s, &[0, 1], GroupRule::Geometric, "g", "G"),
        Err(GroupError::NoSharedJudgements(_))
    ));
}
