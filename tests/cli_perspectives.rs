//! `tideline perspectives` and `tideline group`, run as a user would: the JSON shape, a CSV
//! matrix worked by hand, the group profile written and read back, and bad arguments.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;
use tideline::files::scenario_file::{default_scenario, load_path};
use tideline::scenario::weights::effective_weights;

const FILE: &str = "scenarios/unep-aheg-2018.ron";

fn tideline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tideline"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap_or_else(|e| panic!("cannot run tideline: {e}"))
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json(args: &[&str]) -> Value {
    let o = tideline(args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = String::from_utf8_lossy(&o.stdout).into_owned();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

fn fails(args: &[&str], says: &str) {
    let o = tideline(args);
    assert_eq!(o.status.code(), Some(1), "{args:?}");
    let e = stderr(&o);
    assert!(e.contains(says), "{args:?}: {e}");
}

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tideline-persp-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir
}

fn strs(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

/// The JSON has every field the issue names; its ranks agree with `score` run on each profile
/// (a separate path through the program), τ is a square with 1 on the diagonal, the common
/// ground really is in every top 3, and there is one exact concession a profile.
#[test]
fn json_shape_and_ranks_agree_with_score() {
    let v = json(&["perspectives", FILE, "--format", "json"]);
    let s = default_scenario().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(v["method"], "wsm");
    let profiles = strs(&v["profiles"]);
    let ids: Vec<String> = s.profiles.iter().map(|p| p.id.clone()).collect();
    assert_eq!(profiles, ids);
    let options: Vec<String> = s.options.iter().map(|o| o.id.clone()).collect();
    assert_eq!(strs(&v["options"]), options);
    for p in &profiles {
        let score = json(&["score", FILE, "--profile", p, "--format", "json"]);
        let want: Vec<u64> = score["results"]
            .as_array()
            .map(|r| r.iter().filter_map(|x| x["rank"].as_u64()).collect())
            .unwrap_or_default();
        let got: Vec<u64> = v["ranks"][p]
            .as_array()
            .map(|r| r.iter().filter_map(Value::as_u64).collect())
            .unwrap_or_default();
        assert_eq!(got, want, "{p}");
    }
    let tau = v["kendall_tau"].as_array().cloned().unwrap_or_default();
    assert_eq!(tau.len(), profiles.len());
    for (k, row) in tau.iter().enumerate() {
        assert_eq!(row.as_array().map(Vec::len), Some(profiles.len()));
        assert!((row[k].as_f64().unwrap_or(0.0) - 1.0).abs() < 1e-12);
    }
    for id in strs(&v["common_ground"]) {
        let i = options.iter().position(|o| *o == id).unwrap_or(usize::MAX);
        for p in &profiles {
            assert!(v["ranks"][p][i].as_u64().is_some_and(|r| r <= 3));
        }
    }
    let mut order = strs(&v["order"]);
    order.sort();
    let mut sorted = profiles.clone();
    sorted.sort();
    assert_eq!(order, sorted);
    let c = v["concessions"].as_array().cloned().unwrap_or_default();
    assert_eq!(c.len(), profiles.len());
    for (x, p) in c.iter().zip(&profiles) {
        assert_eq!(x["profile"].as_str(), Some(p.as_str()));
        assert_eq!(x["exact"], true);
        assert!(x["top"].is_string());
        assert!(x["rival"].is_string() || x["rival"].is_null());
        assert!(x["change_pp"].is_number() || x["change_pp"].is_null());
    }
}

/// A CSV matrix: two options on two criteria, weights 0.7 and 0.3. Min-max: a = (1, 0),
/// b = (0, 1); a scores 0.7, b 0.3. For b, d = (−1, 1), d · w = −0.4: 0.2 must move from the
/// first criterion to the second, a change of 40 points, giving weights (0.5, 0.5).
#[test]
fn a_csv_matrix_by_hand() {
    let dir = temp_dir("csv");
    let csv = dir.join("two.csv");
    std::fs::write(&csv, "option,x,y\nweight,0.7,0.3\na,9,1\nb,1,9\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let path = csv.to_string_lossy().into_owned();
    let v = json(&[
        "perspectives",
        &path,
        "--normalization",
        "minmax",
        "--top",
        "1",
        "--format",
        "json",
    ]);
    assert_eq!(v["common_ground"], serde_json::json!(["a"]));
    let c = &v["concessions"][0];
    assert_eq!(
        (c["top"].as_str(), c["rival"].as_str()),
        (Some("a"), Some("b"))
    );
    assert!(
        (c["change_pp"].as_f64().unwrap_or(0.0) - 40.0).abs() < 1e-9,
        "{c}"
    );
    assert!((c["weights"]["x"].as_f64().unwrap_or(0.0) - 0.5).abs() < 1e-12);
    // The table names the same.
    let o = tideline(&["perspectives", &path, "--normalization", "minmax"]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("reaches it at 40.0 points (exact)"), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn estimates_say_so() {
    let v = json(&[
        "perspectives",
        FILE,
        "--method",
        "topsis",
        "--format",
        "json",
    ]);
    for c in v["concessions"].as_array().cloned().unwrap_or_default() {
        assert_eq!(c["exact"], false);
    }
}

#[test]
fn perspectives_bad_arguments_exit_1() {
    fails(&["perspectives", FILE, "--method", "all"], "one method");
    fails(&["perspectives", "no-such-file.ron"], "no-such-file.ron");
    fails(
        &[
            "perspectives",
            FILE,
            "--method",
            "wsm",
            "--normalization",
            "none",
        ],
        "does not work with",
    );
    let o = tideline(&["perspectives", FILE, "--top", "x"]);
    assert_eq!(o.status.code(), Some(2), "clap refuses a bad number");
}

/// The written scenario loads, holds the input's profiles and the group profile, whose
/// effective weights are the mean of the chosen profiles' (computed here from the input).
#[test]
fn group_writes_the_mean_profile() {
    let dir = temp_dir("group");
    let out = dir.join("with-group.ron");
    let o = tideline(&[
        "group",
        FILE,
        "--profiles",
        "equal,urgency",
        "--rule",
        "mean",
        "-o",
        out.to_str().unwrap_or_default(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let input = load_path(Path::new(FILE)).unwrap_or_else(|e| panic!("{e}"));
    let written = load_path(&out).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(written.profiles.len(), input.profiles.len() + 1);
    let group = written
        .profiles
        .iter()
        .find(|p| p.id == "group")
        .unwrap_or_else(|| panic!("no group profile"));
    let a = effective_weights(&input, &input.profiles[0]);
    let b = effective_weights(&input, &input.profiles[3]);
    assert_eq!(input.profiles[3].id, "urgency");
    let got = effective_weights(&written, group);
    for ((g, x), y) in got.iter().zip(&a).zip(&b) {
        assert!((g - (x + y) / 2.0).abs() < 1e-12, "{got:?}");
    }
    // Again: the id is taken, so the next is `group-2`.
    let again = dir.join("again.ron");
    let o = tideline(&[
        "group",
        out.to_str().unwrap_or_default(),
        "--profiles",
        "equal,urgency",
        "-o",
        again.to_str().unwrap_or_default(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let twice = load_path(&again).unwrap_or_else(|e| panic!("{e}"));
    assert!(twice.profile_index("group-2").is_some());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn group_bad_arguments_exit_1() {
    let dir = temp_dir("bad");
    let out = dir.join("out.ron");
    let out = out.to_str().unwrap_or_default();
    fails(
        &["group", FILE, "--profiles", "equal,nobody", "-o", out],
        "unknown profile `nobody`",
    );
    fails(
        &[
            "group",
            FILE,
            "--profiles",
            "equal,urgency",
            "--rule",
            "geometric",
            "-o",
            out,
        ],
        "no pairwise judgements in: equal, urgency",
    );
    fails(
        &["group", FILE, "--profiles", "equal,equal", "-o", out],
        "listed twice",
    );
    fails(
        &[
            "group",
            FILE,
            "--profiles",
            "equal",
            "--id",
            "urgency",
            "-o",
            out,
        ],
        "already exists",
    );
    fails(
        &["group", FILE, "--profiles", "equal", "-o", FILE],
        "the output is the input",
    );
    assert!(!Path::new(out).exists(), "nothing written after a refusal");
    let _ = std::fs::remove_dir_all(&dir);
}
