//! `tideline sensitivity`, run as a user would: the JSON shapes field by field against
//! hand-solved cases, the table, and bad arguments.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

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
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}"))
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "tideline-cli-sensitivity-{name}-{}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
    path.to_string_lossy().into_owned()
}

/// A CSV matrix (imported with `minmax`): c1 = (10, 0, 5) → (1, 0, 0.5), c2 = (0, 10, 2) →
/// (0, 1, 0.2), weights 1 and 3 → 0.25 and 0.75. Sweeping c1 to w leaves c2 1 − w:
///   a = w,  b = 1 − w,  c = 0.5w + 0.2(1 − w) = 0.2 + 0.3w
/// Now (w = 0.25): a = 0.25, b = 0.75, c = 0.275; b first, then c, then a.
/// a = c at w = 0.2 + 0.3w, w = 2/7 (c ahead below);
/// a = b at w = 1/2 (b ahead below; the top changes from b to a);
/// b = c at 0.8 = 1.3w, w = 8/13 (b ahead below; a is first there, so no top change).
const MATRIX: &str = "option,c1,c2\ndirection,max,max\nweight,1,3\na,10,0\nb,0,10\nc,5,2\n";

/// The hand scenario of `tests/sensitivity.rs`: c1 and c2 in family f1, c3 in f2, effective
/// weights 0.25, 0.25, 0.5; A = (0.9, 0.2, 0.5), B = (0.3, 0.9, 0.6), C = (0.6, 0.6, 0.3) on
/// the 0..10 scale. The smallest weight changes that change the top (B) are, worked out there:
/// c1 by 1/12 (to 1/3, A first), c2 by 0.09 (to 0.16, A first), c3 by 0.5 (to 0, B and C tied).
const HAND: &str = r#"(
    metadata: (format_version: 1, title: "Hand case"),
    families: [(id: "f1", name: "F1"), (id: "f2", name: "F2")],
    criteria: [
        (id: "c1", name: "C1", family: "f1", direction: Maximize, scale: (min: 0, max: 10)),
        (id: "c2", name: "C2", family: "f1", direction: Maximize, scale: (min: 0, max: 10)),
        (id: "c3", name: "C3", family: "f2", direction: Maximize, scale: (min: 0, max: 10)),
    ],
    options: [
        (id: "A", name: "Option A", provenance: (document: "hand")),
        (id: "B", name: "Option B", provenance: (document: "hand")),
        (id: "C", name: "Option C", provenance: (document: "hand")),
    ],
    performance: [
        (option: "A", criterion: "c1", value: 9), (option: "A", criterion: "c2", value: 2),
        (option: "A", criterion: "c3", value: 5),
        (option: "B", criterion: "c1", value: 3), (option: "B", criterion: "c2", value: 9),
        (option: "B", criterion: "c3", value: 6),
        (option: "C", criterion: "c1", value: 6), (option: "C", criterion: "c2", value: 6),
        (option: "C", criterion: "c3", value: 3),
    ],
    profiles: [(id: "equal", name: "Equal")],
)"#;

fn close(v: &Value, want: f64) -> bool {
    v.as_f64().is_some_and(|x| (x - want).abs() < 1e-9)
}

fn pair(v: &Value) -> (f64, f64) {
    (
        v[0].as_f64().unwrap_or(f64::NAN),
        v[1].as_f64().unwrap_or(f64::NAN),
    )
}

#[test]
fn a_criterion_sweep_of_a_csv_matrix_as_json() {
    let dir = temp_dir("csv");
    let file = write(&dir, "m.csv", MATRIX);
    let out = json(&[
        "sensitivity",
        &file,
        "--criterion",
        "c1",
        "--format",
        "json",
    ]);
    assert_eq!(out["method"], "wsm");
    assert_eq!(out["normalization"], "minmax");
    assert_eq!(out["profile"], "imported");
    assert_eq!(out["target"], "c1");
    assert_eq!(out["target_kind"], "criterion");
    assert!(close(&out["current_weight"], 0.25));
    assert_eq!(out["top"], serde_json::json!(["b"]));

    // Curves: one per option in file order, points [w, score] on the lines above.
    let curves = out["curves"].as_array().cloned().unwrap_or_default();
    let ids: Vec<&str> = curves.iter().filter_map(|c| c["option"].as_str()).collect();
    assert_eq!(ids, ["a", "b", "c"]);
    let line = [|w: f64| w, |w: f64| 1.0 - w, |w: f64| 0.2 + 0.3 * w];
    for (curve, f) in curves.iter().zip(line) {
        let points = curve["points"].as_array().cloned().unwrap_or_default();
        assert_eq!(points.len(), 101, "0, 1 %, …, 100 % (0.25 is among them)");
        for p in &points {
            let (w, s) = pair(p);
            assert!((s - f(w)).abs() < 1e-12, "{curve}");
        }
        assert!(close(&points[25][0], 0.25));
    }

    let reversals = out["reversals"].as_array().cloned().unwrap_or_default();
    let want = [
        (2.0 / 7.0, ["c", "a"], false),
        (0.5, ["b", "a"], true),
        (8.0 / 13.0, ["b", "c"], false),
    ];
    assert_eq!(reversals.len(), want.len(), "{reversals:?}");
    for (r, (w, options, top)) in reversals.iter().zip(want) {
        assert!(close(&r["weight"], w), "{r}");
        assert_eq!(r["options"], serde_json::json!(options), "{r}");
        assert_eq!(r["top_changes"], top, "{r}");
    }
    // b stays first from 0 (b = 1 there) up to 1/2; the ranking b, c, a from 0 up to 2/7.
    assert_eq!(pair(&out["top_stable"]), (0.0, 0.5));
    let (lo, hi) = pair(&out["ranking_stable"]);
    assert!(lo == 0.0 && (hi - 2.0 / 7.0).abs() < 1e-12);
    assert!(close(&out["top_change"]["change"], 25.0));
    assert_eq!(out["top_change"]["new_top"], serde_json::json!(["a"]));
}

#[test]
fn every_criterion_and_family_and_the_most_critical_as_json() {
    let dir = temp_dir("summary");
    let file = write(&dir, "hand.ron", HAND);
    let out = json(&["sensitivity", &file, "--format", "json"]);
    assert_eq!(out["method"], "wsm");
    assert_eq!(out["profile"], "equal");
    let criteria = out["criteria"].as_array().cloned().unwrap_or_default();
    let ids: Vec<&str> = criteria
        .iter()
        .filter_map(|c| c["criterion"].as_str())
        .collect();
    assert_eq!(ids, ["c1", "c2", "c3"]);
    for (c, w) in criteria.iter().zip([0.25, 0.25, 0.5]) {
        assert!(close(&c["weight"], w), "{c}");
    }
    // c1: B first over [0, 1/3]; c2: over [0.16, 1]; c3: over the whole range.
    let top: Vec<(f64, f64)> = criteria.iter().map(|c| pair(&c["top_stable"])).collect();
    assert!(
        top[0].0 == 0.0 && (top[0].1 - 1.0 / 3.0).abs() < 1e-12,
        "{top:?}"
    );
    assert!(
        (top[1].0 - 0.16).abs() < 1e-12 && top[1].1 == 1.0,
        "{top:?}"
    );
    assert_eq!(top[2], (0.0, 1.0));
    // The ranking B, A, C under c2 holds from 0.16 to 7/19 (C overtakes A).
    let (lo, hi) = pair(&criteria[1]["ranking_stable"]);
    assert!((lo - 0.16).abs() < 1e-12 && (hi - 7.0 / 19.0).abs() < 1e-12);
    for (c, pp) in criteria.iter().zip([100.0 / 12.0, 9.0, 50.0]) {
        assert!(close(&c["top_change"]["change"], pp), "{c}");
    }
    let families = out["families"].as_array().cloned().unwrap_or_default();
    let ids: Vec<&str> = families
        .iter()
        .filter_map(|f| f["family"].as_str())
        .collect();
    assert_eq!(ids, ["f1", "f2"]);
    assert_eq!(out["most_critical"]["criterion"], "c1");
    assert!(close(&out["most_critical"]["change"], 100.0 / 12.0));
    assert!(close(&out["most_critical"]["to_weight"], 1.0 / 3.0));
    assert_eq!(out["most_critical"]["new_top"], serde_json::json!(["A"]));
}

#[test]
fn when_no_weight_can_change_the_top_most_critical_is_null() {
    // a is best on both criteria: no weights make anyone else first.
    let dir = temp_dir("dominant");
    let file = write(&dir, "d.csv", "option,c1,c2\na,9,9\nb,1,5\nc,5,1\n");
    let out = json(&["sensitivity", &file, "--format", "json"]);
    assert!(out["most_critical"].is_null(), "{out}");
    assert!(out["criteria"][0]["top_change"].is_null());
    assert_eq!(pair(&out["criteria"][0]["top_stable"]), (0.0, 1.0));
    let o = tideline(&["sensitivity", &file]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains(
            "most critical criterion: none; no change of a single weight changes the top option"
        ),
        "{text}"
    );
}

#[test]
fn the_table_names_the_interval_and_the_reversals() {
    let dir = temp_dir("table");
    let file = write(&dir, "hand.ron", HAND);
    let o = tideline(&["sensitivity", &file, "--criterion", "c1"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("criterion c1: weight now 25.00 %"), "{text}");
    assert!(
        text.contains("top option stable:   0.00 % – 33.33 %"),
        "{text}"
    );
    assert!(
        text.contains("+8.33 pp, at 33.33 %: Option A first"),
        "{text}"
    );
    assert!(text.contains(" 33.33 %  yes   Option B"), "{text}");
    let o = tideline(&["sensitivity", &file]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains("most critical criterion: c1, by 8.33 pp (to 33.33 %): Option A first"),
        "{text}"
    );
}

#[test]
fn bad_arguments_exit_1_with_a_clear_message() {
    let dir = temp_dir("bad");
    let file = write(&dir, "hand.ron", HAND);
    let csv = write(&dir, "m.csv", MATRIX);
    let cases: [(&[&str], &str); 6] = [
        (
            &["--criterion", "nope"],
            "unknown criterion `nope`; expected one of: c1, c2, c3",
        ),
        (
            &["--family", "nope"],
            "unknown family `nope`; expected one of: f1, f2",
        ),
        (
            &["--criterion", "c1", "--family", "f1"],
            "give --criterion or --family, not both",
        ),
        (
            &["--method", "all"],
            "sensitivity sweeps one method at a time",
        ),
        (&["--profile", "nope"], "unknown profile `nope`"),
        (
            &["--method", "topsis", "--normalization", "scale"],
            "the `topsis` method does not work with the `scale` normalisation",
        ),
    ];
    for (args, message) in cases {
        let mut all = vec!["sensitivity", file.as_str()];
        all.extend_from_slice(args);
        let o = tideline(&all);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert!(stderr(&o).contains(message), "{args:?}: {}", stderr(&o));
        assert!(o.stdout.is_empty(), "{args:?}");
    }
    // A CSV matrix has one family holding every criterion: nothing to trade against.
    let o = tideline(&["sensitivity", &csv, "--family", "criteria"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("`criteria` holds every criterion"),
        "{}",
        stderr(&o)
    );
    let o = tideline(&["sensitivity", "no/such/file.ron"]);
    assert_eq!(o.status.code(), Some(1));
}
