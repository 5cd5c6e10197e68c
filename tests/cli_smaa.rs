//! `tideline smaa`, run as a user would: JSON shape, defaults, reproducibility across threads, a
//! CSV matrix with an answer worked out by hand, and bad arguments.

use std::process::{Command, Output};

use serde_json::Value;
use tideline::files::scenario_file::default_scenario;

const FILE: &str = "scenarios/unep-aheg-2018.ron";

fn tideline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tideline"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap_or_else(|e| panic!("cannot run tideline: {e}"))
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json(args: &[&str]) -> (String, Value) {
    let o = tideline(args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    let v = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    (text, v)
}

#[test]
fn json_has_every_field_options_in_file_order_and_the_scenario_defaults() {
    let (text, v) = json(&["smaa", FILE, "--format", "json"]);
    // The default scenario's settings: wsm on its scale, the equal profile, 10,000 draws, 2019.
    assert_eq!(v["method"], "wsm");
    assert_eq!(v["normalization"], "scale");
    assert_eq!(v["profile"], "equal");
    assert_eq!(v["weights"], "exact");
    assert_eq!(v["draws"], 10_000);
    assert_eq!(v["seed"], 2019);
    assert_eq!(v["uncertain_cells"], 40);
    let s = default_scenario().unwrap_or_else(|e| panic!("{e}"));
    let options = v["options"].as_array().cloned().unwrap_or_default();
    let ids: Vec<&str> = options
        .iter()
        .filter_map(|o| o["option"].as_str())
        .collect();
    let expected: Vec<&str> = s.options.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(ids, expected);
    let m = ids.len();
    let mut first_sum = 0.0;
    for o in &options {
        let b = o["rank_acceptability"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert_eq!(b.len(), m);
        assert_eq!(o["standard_error"].as_array().map(Vec::len), Some(m));
        first_sum += b[0].as_f64().unwrap_or(f64::NAN);
        match &o["central_weights"] {
            Value::Null => assert!(o["confidence"].is_null()),
            Value::Object(w) => {
                assert_eq!(w.len(), s.criteria.len());
                assert!(o["confidence"].is_f64());
            }
            other => panic!("central_weights: {other}"),
        }
        assert!(o["holistic"].is_f64());
    }
    assert!((first_sum - 1.0).abs() < 1e-12);
    let pw = v["pairwise_winning"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(pw.len(), m);
    assert!(pw.iter().all(|row| row.as_array().map(Vec::len) == Some(m)));
    // Central weights are keyed in the scenario's criterion order, not alphabetically.
    let at = |key: &str| text.find(&format!("\"{key}\":")).unwrap_or(usize::MAX);
    assert!(at(&s.criteria[0].id) < at(&s.criteria[1].id), "{text}");
    assert!(
        s.criteria[0].id > s.criteria[1].id,
        "the check above needs unsorted ids"
    );
}

#[test]
fn the_output_is_byte_identical_whatever_the_number_of_threads() {
    for method in ["wsm", "promethee2"] {
        let args = |threads: &'static str| {
            vec![
                "smaa",
                FILE,
                "--draws",
                "3000",
                "--seed",
                "7",
                "--weights",
                "none",
                "--method",
                method,
                "--threads",
                threads,
                "--format",
                "json",
            ]
        };
        let (one, _) = json(&args("1"));
        let (three, _) = json(&args("3"));
        assert_eq!(one, three, "{method}");
        let (other_seed, _) = json(&[
            "smaa",
            FILE,
            "--draws",
            "3000",
            "--seed",
            "8",
            "--weights",
            "none",
            "--method",
            method,
            "--format",
            "json",
        ]);
        assert_ne!(one, other_seed);
    }
}

#[test]
fn the_rooms_weights_are_named_in_json_and_reproducible_across_threads() {
    for weights in ["profiles", "blend"] {
        let args = |threads: &'static str| {
            vec![
                "smaa",
                FILE,
                "--draws",
                "2000",
                "--weights",
                weights,
                "--threads",
                threads,
                "--format",
                "json",
            ]
        };
        let (one, v) = json(&args("1"));
        assert_eq!(v["weights"], weights);
        let (two, _) = json(&args("2"));
        assert_eq!(one, two, "{weights}");
        // The default scenario's profiles disagree: more than one option is ever first.
        let firsts = v["options"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .filter(|o| o["rank_acceptability"][0].as_f64().unwrap_or(0.0) > 0.0)
            .count();
        assert!(firsts > 1, "{weights}: {firsts}");
    }
    // The table names the pooled profiles, not one.
    let o = tideline(&["smaa", FILE, "--draws", "500", "--weights", "profiles"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("weights profiles"), "{}", stdout(&o));
}

#[test]
fn a_csv_matrix_works_and_matches_the_crossing_weight() {
    // Min-max on two columns: A = (1, 0), B = (0, 1), so A − B = w − (1 − w) and A is first
    // when w > 1/2: half the draws under uniform weights.
    let dir = std::env::temp_dir().join(format!("tideline-smaa-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let csv = dir.join("two.csv");
    std::fs::write(&csv, "option,c1,c2\ndirection,max,max\nA,9,2\nB,3,6\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let path = csv.to_string_lossy().into_owned();
    let (_, v) = json(&[
        "smaa",
        &path,
        "--draws",
        "20000",
        "--weights",
        "none",
        "--normalization",
        "minmax",
        "--format",
        "json",
    ]);
    let b = v["options"][0]["rank_acceptability"][0]
        .as_f64()
        .unwrap_or(f64::NAN);
    let se = (0.25_f64 / 20_000.0).sqrt();
    assert!((b - 0.5).abs() < 4.0 * se, "{b}");
    // The import turns names into ids.
    assert_eq!(v["options"][0]["option"], "a");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_table_names_every_option_and_section() {
    let o = tideline(&["smaa", FILE, "--draws", "500", "--weights", "ordinal"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("SMAA-2: method wsm (Weighted sum), normalisation scale, profile Equal weights, weights ordinal"), "{text}");
    assert!(
        text.contains("500 draws, seed 2019, 40 uncertain cells"),
        "{text}"
    );
    assert!(text.contains("central weights"));
    assert!(text.contains("pairwise winning"));
    let s = default_scenario().unwrap_or_else(|e| panic!("{e}"));
    for o in &s.options {
        assert!(text.contains(&o.name), "{}", o.name);
    }
}

#[test]
fn bad_arguments_exit_1_with_a_clear_message() {
    let cases: [(&[&str], &str); 6] = [
        (&["--draws", "0"], "--draws must be 1 to 10000000, found 0"),
        (
            &["--draws", "10000001"],
            "--draws must be 1 to 10000000, found 10000001",
        ),
        (
            &["--weights", "ordinal", "--order", "scope>speed=scope"],
            "criterion `scope` is ranked in places 1 and 2: the order contradicts itself",
        ),
        (
            &["--order", "scope>speed"],
            "--order needs --weights ordinal",
        ),
        (&["--method", "all"], "SMAA analyses one method at a time"),
        (
            &["--weights", "ranges", "--profile", "equal"],
            "profile `equal` has no weight ranges",
        ),
    ];
    for (extra, message) in cases {
        let mut args = vec!["smaa", FILE];
        args.extend_from_slice(extra);
        let o = tideline(&args);
        assert_eq!(o.status.code(), Some(1), "{extra:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(message), "{extra:?}: {}", stderr(&o));
        assert!(stdout(&o).is_empty());
    }
}
