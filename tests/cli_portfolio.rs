//! `tideline portfolio`, run as a user would: the JSON shape, the frontier and core options, the
//! empty portfolio under a small budget, conflicting constraints and refused methods.

use std::process::{Command, Output};

use serde_json::Value;

const FILE: &str = "scenarios/unep-aheg-2018.ron";

fn tideline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tideline"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap_or_else(|e| panic!("cannot run tideline: {e}"))
}

fn json(args: &[&str]) -> Value {
    let o = tideline(args);
    let text = String::from_utf8_lossy(&o.stdout);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

fn ids(v: &Value) -> Vec<&str> {
    v.as_array()
        .unwrap_or_else(|| panic!("{v}"))
        .iter()
        .filter_map(Value::as_str)
        .collect()
}

#[test]
fn json_has_the_best_portfolio_and_the_frontier_and_core_when_asked() {
    let v = json(&["portfolio", FILE, "--format", "json"]);
    assert_eq!(v["method"], "wsm");
    assert_eq!(v["profile"], "equal");
    assert_eq!(v["budget"], 20.0);
    assert!(v.get("frontier").is_none() && v.get("core").is_none());
    let best = &v["best"];
    let cost = best["cost"].as_f64().unwrap_or(f64::NAN);
    assert!(cost <= 20.0, "{best}");
    // The status quo is the baseline: never a member.
    assert!(!ids(&best["options"]).contains(&"status-quo"));

    let v = json(&[
        "portfolio",
        FILE,
        "--frontier",
        "--core",
        "--draws",
        "500",
        "--seed",
        "3",
        "--weights",
        "none",
        "--format",
        "json",
    ]);
    let frontier = v["frontier"].as_array().unwrap_or_else(|| panic!("{v}"));
    // Cheapest first, both rising, starting from the empty portfolio; the best for the budget
    // is the dearest frontier point within it.
    assert_eq!(frontier[0]["cost"], 0.0);
    assert!(ids(&frontier[0]["options"]).is_empty());
    for w in frontier.windows(2) {
        assert!(w[1]["cost"].as_f64() > w[0]["cost"].as_f64());
        assert!(w[1]["value"].as_f64() > w[0]["value"].as_f64());
    }
    let within = frontier
        .iter()
        .rfind(|p| p["cost"].as_f64().is_some_and(|c| c <= 20.0))
        .unwrap_or_else(|| panic!("{v}"));
    assert_eq!(within["options"], v["best"]["options"]);
    let core = v["core"].as_array().unwrap_or_else(|| panic!("{v}"));
    assert_eq!(core.len(), 9);
    for c in core {
        let share = c["share"].as_f64().unwrap_or(f64::NAN);
        let class = c["class"].as_str().unwrap_or("");
        let expected = if share == 1.0 {
            "core"
        } else if share == 0.0 {
            "exterior"
        } else {
            "borderline"
        };
        assert_eq!(class, expected, "{c}");
    }
    // Reproducible, whatever the threads.
    let again = json(&[
        "portfolio",
        FILE,
        "--core",
        "--draws",
        "500",
        "--seed",
        "3",
        "--weights",
        "none",
        "--threads",
        "1",
        "--format",
        "json",
    ]);
    assert_eq!(again["core"], v["core"]);
}

#[test]
fn a_budget_below_every_cost_gives_the_empty_portfolio() {
    let v = json(&["portfolio", FILE, "--budget", "1", "--format", "json"]);
    assert_eq!(v["budget"], 1.0);
    assert!(ids(&v["best"]["options"]).is_empty());
    assert_eq!(v["best"]["cost"], 0.0);
    assert_eq!(v["best"]["value"], 0.0);
}

#[test]
fn conflicting_constraints_exit_1_and_are_named() {
    let dir = std::env::temp_dir().join(format!("tideline-portfolio-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let path = dir.join("conflict.ron");
    let text = std::fs::read_to_string(FILE).unwrap_or_else(|e| panic!("{e}"));
    // The binding agreement (9) and the finance mechanism (8) both in: 17, under a budget of 10.
    let text = text.replace(
        "portfolio: (baseline: \"status-quo\"),",
        "portfolio: (baseline: \"status-quo\", include: [\"binding-agreement\", \"finance-capacity\"]),",
    );
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
    let file = path.to_string_lossy().into_owned();
    let o = tideline(&["portfolio", &file, "--budget", "10"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("no portfolio meets every constraint; these conflict: the budget of 10 effort units; `binding-agreement` must be in; `finance-capacity` must be in"),
        "{err}"
    );
    // With room for both, it is answered.
    let o = tideline(&["portfolio", &file, "--budget", "17"]);
    assert_eq!(o.status.code(), Some(0));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn methods_whose_scores_do_not_add_up_are_refused_with_the_reason() {
    for m in ["topsis", "wpm", "vikor"] {
        let o = tideline(&["portfolio", FILE, "--method", m]);
        assert_eq!(o.status.code(), Some(1), "{m}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("portfolios need scores that add up"),
            "{m}: {err}"
        );
    }
    let v = json(&[
        "portfolio",
        FILE,
        "--method",
        "promethee2",
        "--format",
        "json",
    ]);
    assert_eq!(v["method"], "promethee2");
    for bad in ["--budget=-1", "--budget=NaN", "--draws=0"] {
        let args = ["portfolio", FILE, "--core", bad];
        assert_eq!(tideline(&args).status.code(), Some(1), "{bad:?}");
    }
}

#[test]
fn the_table_lists_the_members_and_each_profiles_choice() {
    let o = tideline(&["portfolio", FILE, "--by-profile"]);
    assert_eq!(o.status.code(), Some(0));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("best portfolio: "), "{text}");
    assert!(text.contains("best portfolio by profile"), "{text}");
    for p in ["equal", "prevention-first", "governance-ambition"] {
        assert!(text.contains(p), "{p}\n{text}");
    }
}
