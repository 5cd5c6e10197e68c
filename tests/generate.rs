//! `tideline generate` and `files::generate`: every generated scenario passes the same
//! reading and validation as a user's file, holds what it promises (both directions, both kinds
//! of uncertainty, costs and a budget, every kind of interaction, consistent relations, a
//! baseline, several profiles), scores with every method, is the same file for the same seed,
//! and is refused past the limits with the limit named.

use std::collections::{HashMap, HashSet};
use std::process::{Command, Output};

use tideline::analysis::scoring::score_with;
use tideline::files::generate::{generate, generate_ron};
use tideline::files::scenario_file::{load_path, parse_ron};
use tideline::scenario::model::{Direction, Method, Relation, Scenario, Uncertainty};

fn tideline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tideline"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run tideline: {e}"))
}

fn read_back(options: usize, criteria: usize, seed: u64) -> Scenario {
    let text = generate_ron(options, criteria, seed).unwrap_or_else(|e| panic!("{e}"));
    parse_ron(text.as_bytes(), "generated.ron")
        .unwrap_or_else(|e| panic!("{options}×{criteria} seed {seed}: {e}"))
}

#[test]
fn generated_scenarios_pass_validation_and_hold_what_they_promise() {
    for (options, criteria) in [(2, 1), (3, 2), (9, 4), (40, 12), (200, 50)] {
        for seed in [0, 1, 2019, u64::MAX] {
            let s = read_back(options, criteria, seed);
            assert_eq!((s.options.len(), s.criteria.len()), (options, criteria));
            assert_eq!(s.performance.len(), options * criteria);
            assert!(s.profiles.len() >= 3);
            assert!(s.settings.budget.is_some_and(|b| b > 0.0));
            let baseline = s.settings.portfolio.baseline.as_str();
            assert_eq!(baseline, "o1");
            assert!(
                s.options
                    .iter()
                    .filter(|o| o.id != baseline)
                    .all(|o| o.cost.is_some_and(|c| c > 0.0))
            );
            if criteria >= 4 {
                let costs = s
                    .criteria
                    .iter()
                    .filter(|c| c.direction == Direction::Minimize);
                assert!((1..criteria).contains(&costs.count()), "both directions");
            }
            if options * criteria >= 400 {
                let kinds: HashSet<&str> = s
                    .performance
                    .iter()
                    .filter_map(|c| c.uncertainty.as_ref())
                    .map(|u| match u {
                        Uncertainty::Range { .. } => "range",
                        Uncertainty::Triangular { .. } => "triangular",
                    })
                    .collect();
                assert_eq!(kinds.len(), 2, "both kinds of uncertainty");
                for relation in [Relation::Effect, Relation::Excludes, Relation::Requires] {
                    let mut all = s.options.iter().flat_map(|o| &o.interactions);
                    assert!(all.any(|x| x.relation == relation), "{relation:?}");
                }
            }
            relations_are_consistent(&s);
            for profile in 0..s.profiles.len() {
                for method in Method::ALL {
                    let n = method.default_normalization();
                    if let Err(e) = score_with(&s, profile, method, n) {
                        panic!(
                            "{options}×{criteria} seed {seed}, profile {profile}, {method:?}: {e}"
                        );
                    }
                }
            }
        }
    }
}

/// No option both excludes and requires (in either direction) the same other, no requirement
/// runs in a circle, and the baseline takes part in none.
fn relations_are_consistent(s: &Scenario) {
    let mut excludes = HashSet::new();
    let mut requires: HashMap<&str, Vec<&str>> = HashMap::new();
    for o in &s.options {
        for x in &o.interactions {
            assert_ne!(o.id, s.settings.portfolio.baseline);
            assert_ne!(x.with, s.settings.portfolio.baseline);
            match x.relation {
                Relation::Excludes => {
                    excludes.insert((o.id.as_str(), x.with.as_str()));
                    excludes.insert((x.with.as_str(), o.id.as_str()));
                }
                Relation::Requires => requires.entry(&o.id).or_default().push(&x.with),
                Relation::Effect => {}
            }
        }
    }
    for (&a, needs) in &requires {
        let mut seen = HashSet::from([a]);
        let mut stack = needs.clone();
        while let Some(b) = stack.pop() {
            assert!(!excludes.contains(&(a, b)), "{a} requires and excludes {b}");
            assert!(seen.insert(b), "a requirement of {a} runs in a circle");
            stack.extend(requires.get(b).into_iter().flatten());
        }
    }
}

#[test]
fn the_same_seed_gives_the_same_bytes_and_another_seed_another_file() {
    let a = generate_ron(60, 9, 42).unwrap_or_else(|e| panic!("{e}"));
    let b = generate_ron(60, 9, 42).unwrap_or_else(|e| panic!("{e}"));
    let c = generate_ron(60, 9, 43).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(a, b);
    assert_ne!(a, c);
    // Through the command line too, written to two files.
    let dir = std::env::temp_dir().join(format!("tideline-generate-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let paths = [dir.join("a.ron"), dir.join("b.ron")];
    for p in &paths {
        let p = p.to_string_lossy();
        let o = tideline(&[
            "generate",
            "--options",
            "60",
            "--criteria",
            "9",
            "--seed",
            "42",
            "-o",
            &p,
        ]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    let read = |p: &std::path::Path| std::fs::read(p).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(read(&paths[0]), read(&paths[1]));
    assert_eq!(read(&paths[0]), a.as_bytes());
    let loaded = load_path(&paths[0]).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(Some(loaded), generate(60, 9, 42).ok());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn sizes_past_the_limits_are_refused_with_the_limit_and_nothing_written() {
    let dir = std::env::temp_dir().join(format!("tideline-generate-big-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let out = dir.join("x.ron");
    let o = out.to_string_lossy();
    for (options, criteria, limit) in [
        ("20001", "2", "limit of 20,000"),
        ("10", "1001", "limit of 1,000"),
        ("1000", "201", "limit of 200,000"),
        // Within the counts, but the file would pass the 16 MiB a file may have.
        ("4000", "50", "16 MiB"),
        ("1", "5", "at least 2 options"),
    ] {
        let r = tideline(&[
            "generate",
            "--options",
            options,
            "--criteria",
            criteria,
            "-o",
            &o,
        ]);
        let err = String::from_utf8_lossy(&r.stderr);
        assert_eq!(r.status.code(), Some(1), "{options}×{criteria}: {err}");
        assert!(err.contains(limit), "{options}×{criteria}: {err}");
        assert!(!out.exists(), "{options}×{criteria}: a file was written");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn cost_effects_and_budget_make_a_portfolio_within_budget() {
    let dir = std::env::temp_dir().join(format!("tideline-generate-pf-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let path = dir.join("p.ron");
    let p = path.to_string_lossy();
    let o = tideline(&["generate", "--options", "30", "--criteria", "6", "-o", &p]);
    assert_eq!(o.status.code(), Some(0));
    let r = tideline(&["portfolio", &p, "--format", "json"]);
    let text = String::from_utf8_lossy(&r.stdout);
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    let v: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
    let s = load_path(&path).unwrap_or_else(|e| panic!("{e}"));
    let budget = s.settings.budget.unwrap_or(0.0);
    let cost = v["best"]["cost"].as_f64().unwrap_or_else(|| panic!("{v}"));
    assert!(cost > 0.0 && cost <= budget, "cost {cost}, budget {budget}");
    let _ = std::fs::remove_dir_all(&dir);
}
