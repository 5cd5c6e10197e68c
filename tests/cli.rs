//! The command line, run as a user would: exit codes, messages and JSON.

use std::path::Path;
use std::process::{Command, Output};

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

#[test]
fn check_passes_on_the_bundled_scenarios() {
    let o = tideline(&[
        "check",
        "scenarios/unep-aheg-2018.ron",
        "scenarios/unep-ea3-inf5-architectures.ron",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("scenarios/unep-aheg-2018.ron: ok (10 options"));
}

#[test]
fn check_fails_and_prints_every_problem_of_every_file() {
    let o = tideline(&[
        "check",
        "scenarios/unep-aheg-2018.ron",
        "tests/data/bad/several-problems.ron",
        "tests/data/bad/ragged.csv",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains(
            "tests/data/bad/several-problems.ron:14:14: options[1].id: duplicate id `hub`"
        ),
        "{err}"
    );
    assert!(err.contains("tests/data/bad/several-problems.ron:24:90: profiles[1].criterion_weights[\"cost\"]: weight -1 is negative"), "{err}");
    assert!(err.contains("tests/data/bad/ragged.csv:4:1:"), "{err}");
    assert!(err.contains("2 of 3 files have problems"), "{err}");
    // The valid file is still reported as fine.
    assert!(stdout(&o).contains("unep-aheg-2018.ron: ok"));
}

#[test]
fn check_needs_a_file() {
    let o = tideline(&["check"]);
    assert_eq!(o.status.code(), Some(2));
}

#[derive(serde::Deserialize)]
struct JsonOut {
    method: String,
    normalization: String,
    profile: String,
    results: Vec<JsonResult>,
}

#[derive(serde::Deserialize)]
struct JsonResult {
    option: String,
    name: String,
    score: f64,
    rank: usize,
}

fn score_json(args: &[&str]) -> JsonOut {
    let mut all = vec!["score"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    let o = tideline(&all);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    serde_json::from_str(&stdout(&o)).unwrap_or_else(|e| panic!("{e}: {}", stdout(&o)))
}

/// A matrix whose scores are easy to work out by hand: minmax on cost (min) and effect (max),
/// weights 1 and 3 → 0.25 and 0.75.
/// A: cost 10 → 0, effect 2 → 0          → 0
/// B: cost 0 → 1, effect 4 → 1           → 1
/// C: cost 5 → 0.5, effect 3 → 0.5       → 0.5
fn write_matrix(dir: &Path) -> std::path::PathBuf {
    std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{e}"));
    let path = dir.join("matrix.csv");
    std::fs::write(
        &path,
        "option,cost,effect\ndirection,min,max\nweight,1,3\nA,10,2\nB,0,4\n\"C, the third\",5,3\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    path
}

#[test]
fn score_json_is_in_input_order_with_hand_checked_scores() {
    let dir = std::env::temp_dir().join(format!("tideline-cli-{}", std::process::id()));
    let csv = write_matrix(&dir);
    let out = score_json(&[csv.to_str().unwrap_or_default()]);
    assert_eq!(out.method, "wsm");
    assert_eq!(out.normalization, "minmax");
    assert_eq!(out.profile, "imported");
    let ids: Vec<&str> = out.results.iter().map(|r| r.option.as_str()).collect();
    assert_eq!(ids, vec!["a", "b", "c-the-third"]);
    assert_eq!(out.results[2].name, "C, the third");
    let scores: Vec<f64> = out.results.iter().map(|r| r.score).collect();
    for (got, want) in scores.iter().zip([0.0, 1.0, 0.5]) {
        assert!((got - want).abs() < 1e-12, "{scores:?}");
    }
    let ranks: Vec<usize> = out.results.iter().map(|r| r.rank).collect();
    assert_eq!(ranks, vec![3, 1, 2]);

    // `max` normalisation on the same file: cost 1 − x/10 → A 0, B 1, C 0.5; effect x/4 → A 0.5,
    // B 1, C 0.75. Scores: A 0.375, B 1, C 0.6875.
    let out = score_json(&[csv.to_str().unwrap_or_default(), "--normalization", "max"]);
    assert_eq!(out.normalization, "max");
    let scores: Vec<f64> = out.results.iter().map(|r| r.score).collect();
    for (got, want) in scores.iter().zip([0.375, 1.0, 0.6875]) {
        assert!((got - want).abs() < 1e-12, "{scores:?}");
    }

    // CSV output in input order, quoting the name with a comma.
    let o = tideline(&["score", csv.to_str().unwrap_or_default(), "--format", "csv"]);
    let text = stdout(&o);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "option,name,score,rank");
    assert_eq!(lines[3], "c-the-third,\"C, the third\",0.5,2");

    // import writes a scenario that checks clean and scores the same.
    let ron = dir.join("imported.ron");
    let o = tideline(&[
        "import",
        csv.to_str().unwrap_or_default(),
        "-o",
        ron.to_str().unwrap_or_default(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let again = score_json(&[ron.to_str().unwrap_or_default()]);
    let again: Vec<f64> = again.results.iter().map(|r| r.score).collect();
    assert_eq!(again, vec![0.0, 1.0, 0.5]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn score_uses_the_named_profile_and_reports_unknown_ones() {
    let by_id = score_json(&["scenarios/unep-aheg-2018.ron", "--profile", "capacity-sids"]);
    assert_eq!(by_id.profile, "capacity-sids");
    assert_eq!(by_id.results.len(), 10);
    let equal = score_json(&["scenarios/unep-aheg-2018.ron"]);
    assert_eq!(equal.profile, "equal");
    let differs = by_id
        .results
        .iter()
        .zip(&equal.results)
        .any(|(a, b)| (a.score - b.score).abs() > 1e-9);
    assert!(differs, "another profile should change the scores");

    let o = tideline(&[
        "score",
        "scenarios/unep-aheg-2018.ron",
        "--profile",
        "nobody",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("unknown profile `nobody`"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn score_refuses_an_undefined_normalisation_naming_the_criterion() {
    let dir = std::env::temp_dir().join(format!("tideline-cli-zero-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let csv = dir.join("zero.csv");
    std::fs::write(&csv, "option,cost\ndirection,min\nA,0\nB,2\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let o = tideline(&[
        "score",
        csv.to_str().unwrap_or_default(),
        "--normalization",
        "linear",
    ]);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("criterion `cost`") && err.contains("`linear`"),
        "{err}"
    );
}

#[test]
fn score_on_a_bad_file_exits_non_zero_with_the_location() {
    let o = tideline(&["score", "tests/data/bad/nan-value.ron", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).is_empty());
    assert!(stderr(&o).contains("tests/data/bad/nan-value.ron:17:54: performance[0].value"));
}

/// The text table's rows after its header: (rank, name, score), top to bottom.
fn table_rows(text: &str) -> Vec<(usize, String, f64)> {
    text.lines()
        .skip_while(|l| !l.trim_start().starts_with("rank"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .map(|l| {
            let l = l.trim();
            let (rank, rest) = l.split_once(' ').unwrap_or((l, ""));
            let (name, score) = rest.trim().rsplit_once(' ').unwrap_or((rest, ""));
            (
                rank.parse().unwrap_or_else(|_| panic!("rank in {l:?}")),
                name.trim().to_string(),
                score.parse().unwrap_or_else(|_| panic!("score in {l:?}")),
            )
        })
        .collect()
}

#[test]
fn table_lists_options_best_first() {
    // The hand-checked matrix: B (1), then C (0.5), then A (0), though the file lists A first.
    let dir = temp_dir("table");
    let csv = write_matrix(&dir);
    let o = tideline(&["score", csv.to_str().unwrap_or_default()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let rows = table_rows(&stdout(&o));
    assert_eq!(
        rows,
        vec![
            (1, "B".to_string(), 1.0),
            (2, "C, the third".to_string(), 0.5),
            (3, "A".to_string(), 0.0),
        ],
        "{}",
        stdout(&o)
    );
    let _ = std::fs::remove_dir_all(&dir);

    // On the bundled scenario: every option once, ranks rising and scores falling down the table.
    let o = tideline(&[
        "score",
        "scenarios/unep-aheg-2018.ron",
        "--profile",
        "equal",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let rows = table_rows(&stdout(&o));
    assert_eq!(rows.len(), 10, "{}", stdout(&o));
    assert_eq!(rows[0].0, 1);
    for w in rows.windows(2) {
        assert!(w[0].0 <= w[1].0 && w[0].2 >= w[1].2, "{w:?}");
    }
}

/// Every method on the hand-checked matrix above (B is best on both criteria, A worst, C
/// halfway), in JSON with each method's own figures.
#[test]
fn every_method_scores_the_matrix_with_its_own_figures() {
    let dir = std::env::temp_dir().join(format!("tideline-cli-methods-{}", std::process::id()));
    let csv = write_matrix(&dir);
    let file = csv.to_str().unwrap_or_default();
    let json = |method: &str| -> serde_json::Value {
        let o = tideline(&["score", file, "--method", method, "--format", "json"]);
        assert_eq!(o.status.code(), Some(0), "{method}: {}", stderr(&o));
        serde_json::from_str(&stdout(&o)).unwrap_or_else(|e| panic!("{e}: {}", stdout(&o)))
    };
    let field = |v: &serde_json::Value, name: &str| -> Vec<f64> {
        v["results"]
            .as_array()
            .map(|rs| {
                rs.iter()
                    .map(|r| r[name].as_f64().unwrap_or(f64::NAN))
                    .collect()
            })
            .unwrap_or_default()
    };
    let near = |got: Vec<f64>, want: [f64; 3]| {
        assert!(
            got.iter().zip(want).all(|(g, w)| (g - w).abs() < 1e-12),
            "{got:?} vs {want:?}"
        );
    };

    // TOPSIS under the file's `minmax` (TOPSIS takes it): B is the ideal (C = 1), A the
    // anti-ideal (C = 0), and C sits at the same distance from both (C = 0.5).
    let t = json("topsis");
    assert_eq!(t["normalization"], "minmax");
    near(field(&t, "score"), [0.0, 1.0, 0.5]);
    assert!(field(&t, "d_plus")[1].abs() < 1e-12);

    // PROMETHEE II, usual criterion: B beats both others on both criteria, C beats A.
    // φ⁺(B) = 1, φ(B) = 1, φ(A) = −1, φ(C) = 0.
    let p = json("promethee2");
    assert_eq!(p["normalization"], "none");
    near(field(&p, "phi_net"), [-1.0, 1.0, 0.0]);
    near(field(&p, "phi_plus"), [0.0, 1.0, 0.5]);
    near(field(&p, "score"), [-1.0, 1.0, 0.0]);

    // VIKOR: S(A) = 0.25 + 0.75 = 1, R(A) = 0.75; S(B) = R(B) = 0; S(C) = 0.125 + 0.375 = 0.5,
    // R(C) = 0.375. Q = 1, 0, 0.5. Q(C) − Q(B) = 0.5 = DQ = 1/(3 − 1): an acceptable
    // advantage, exactly at the limit; B is best by S too, so B alone is the compromise.
    let v = json("vikor");
    assert_eq!(v["higher_is_better"], false);
    near(field(&v, "s"), [1.0, 0.0, 0.5]);
    near(field(&v, "r"), [0.75, 0.0, 0.375]);
    near(field(&v, "q"), [1.0, 0.0, 0.5]);
    assert_eq!(v["compromise"], serde_json::json!(["b"]));
    assert_eq!(v["acceptable_advantage"], true);
    let ranks: Vec<f64> = field(&v, "rank");
    assert_eq!(ranks, vec![3.0, 1.0, 2.0]);

    // The weighted product on raw values cannot take B's cost of 0.
    let o = tideline(&["score", file, "--method", "wpm"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("option `b`, criterion `cost`") && err.contains("found 0"),
        "{err}"
    );
    // Nor under `linear`, whose cost ratio min/x cannot take a 0 either; the refusal names
    // the normalisation.
    let o = tideline(&[
        "score",
        file,
        "--method",
        "wpm",
        "--normalization",
        "linear",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("`linear`"), "{}", stderr(&o));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_disallowed_normalisation_is_refused_with_the_allowed_ones() {
    let o = tideline(&[
        "score",
        "scenarios/unep-aheg-2018.ron",
        "--method",
        "topsis",
        "--normalization",
        "scale",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(
            "the `topsis` method does not work with the `scale` normalisation; use `vector` or `minmax`"
        ),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).is_empty());
    // Omitted, the scenario's `scale` falls back to TOPSIS's default, `vector`.
    let out = score_json(&["scenarios/unep-aheg-2018.ron", "--method", "topsis"]);
    assert_eq!(out.normalization, "vector");
    // `none` is a normalisation of its own.
    let out = score_json(&[
        "scenarios/unep-aheg-2018.ron",
        "--method",
        "vikor",
        "--normalization",
        "none",
    ]);
    assert_eq!(
        (out.method.as_str(), out.normalization.as_str()),
        ("vikor", "none")
    );
}

#[test]
fn method_all_compares_ranks_and_reports_a_method_that_cannot_score() {
    let dir = std::env::temp_dir().join(format!("tideline-cli-all-{}", std::process::id()));
    let csv = write_matrix(&dir);
    let file = csv.to_str().unwrap_or_default();

    let o = tideline(&["score", file, "--method", "all"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    let header = text
        .lines()
        .find(|l| l.starts_with("option"))
        .unwrap_or_default();
    let columns: Vec<&str> = header.split_whitespace().collect();
    assert_eq!(
        columns,
        ["option", "wsm", "wpm", "topsis", "promethee2", "vikor"]
    );
    // B first; every method that scores ranks it 1; WPM could not score.
    let b = text
        .lines()
        .find(|l| l.starts_with("B "))
        .unwrap_or_default();
    assert_eq!(
        b.split_whitespace().collect::<Vec<_>>(),
        ["B", "1", "-", "1", "1", "1"]
    );
    assert!(text.contains("Kendall's tau-b between methods"), "{text}");
    assert!(text.contains("wpm: option `b`, criterion `cost`"), "{text}");

    let o = tideline(&["score", file, "--method", "all", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value =
        serde_json::from_str(&stdout(&o)).unwrap_or_else(|e| panic!("{e}: {}", stdout(&o)));
    assert_eq!(v["methods"][1]["method"], "wpm");
    assert!(
        v["methods"][1]["error"]
            .as_str()
            .is_some_and(|e| e.contains("found 0"))
    );
    assert_eq!(v["methods"][2]["normalization"], "minmax");
    // Every method that scored agrees on B, C, A: τ = 1; WPM's row is null.
    assert_eq!(v["tau"][0][2], 1.0);
    assert_eq!(v["tau"][0][4], 1.0);
    assert!(v["tau"][0][1].is_null());

    let o = tideline(&["score", file, "--method", "all", "--format", "csv"]);
    let text = stdout(&o);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "option,name,wsm,wpm,topsis,promethee2,vikor");
    assert_eq!(lines[2], "b,B,1,,1,1,1");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_unknown_interface_language_is_refused_with_the_known_ones() {
    let o = tideline(&["--lang", "fr", "--screenshot", "never-written.png"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("unknown language `fr`; expected one of: en, zh-CN"),
        "{}",
        stderr(&o)
    );
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("tideline-cli-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir
}

fn tideline_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tideline"))
        .args(args)
        .envs(env.iter().copied())
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap_or_else(|e| panic!("cannot run tideline: {e}"))
}

#[test]
fn report_writes_html_or_markdown_by_the_extension() {
    let dir = temp_dir("report");
    let html = dir.join("brief.html");
    let md = dir.join("brief.MD");
    let epoch = [("SOURCE_DATE_EPOCH", "1735689599")];
    let o = tideline_env(
        &[
            "report",
            "scenarios/unep-aheg-2018.ron",
            "-o",
            html.to_str().unwrap_or_default(),
        ],
        &epoch,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = std::fs::read_to_string(&html).unwrap_or_else(|e| panic!("{e}"));
    assert!(text.starts_with("<!DOCTYPE html>"));
    assert!(
        text.contains("2024-12-31 23:59 UTC"),
        "SOURCE_DATE_EPOCH stamps the time"
    );
    assert!(text.contains("unep-aheg-2018.ron"));
    assert!(text.contains("Weighted sum (scale)"));

    let o = tideline_env(
        &[
            "report",
            "scenarios/unep-aheg-2018.ron",
            "--output",
            md.to_str().unwrap_or_default(),
            "--profile",
            "Prevention first",
            "--method",
            "topsis",
            "--normalization",
            "minmax",
        ],
        &epoch,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = std::fs::read_to_string(&md).unwrap_or_else(|e| panic!("{e}"));
    assert!(text.starts_with("# UNEA-4"));
    assert!(text.contains("Method **TOPSIS (minmax)**, profile “Prevention first”"));
    // No temporary file left beside the output.
    let left: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{e}"))
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn report_refuses_a_bad_extension_a_bad_file_an_unwritable_path_and_method_all() {
    let dir = temp_dir("report-bad");
    let pdf = dir.join("brief.pdf");
    let o = tideline(&[
        "report",
        "scenarios/unep-aheg-2018.ron",
        "-o",
        pdf.to_str().unwrap_or_default(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("unknown briefing format"),
        "{}",
        stderr(&o)
    );
    assert!(!pdf.exists());

    let out = dir.join("brief.html");
    let o = tideline(&[
        "report",
        "tests/data/bad/several-problems.ron",
        "-o",
        out.to_str().unwrap_or_default(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("several-problems.ron:14:14:"),
        "{}",
        stderr(&o)
    );
    assert!(!out.exists());

    let nowhere = dir.join("no-such-folder").join("brief.html");
    let o = tideline(&[
        "report",
        "scenarios/unep-aheg-2018.ron",
        "-o",
        nowhere.to_str().unwrap_or_default(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("cannot write the briefing"),
        "{}",
        stderr(&o)
    );

    let o = tideline(&[
        "report",
        "scenarios/unep-aheg-2018.ron",
        "-o",
        out.to_str().unwrap_or_default(),
        "--method",
        "all",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("pick one with --method"),
        "{}",
        stderr(&o)
    );

    // No output named: a usage error.
    let o = tideline(&["report", "scenarios/unep-aheg-2018.ron"]);
    assert_eq!(o.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn export_writes_the_matrix_and_the_results() {
    let dir = temp_dir("export");
    let csv = write_matrix(&dir);
    let matrix = dir.join("out-matrix.csv");
    let results = dir.join("out-results.csv");
    let o = tideline(&[
        "export",
        csv.to_str().unwrap_or_default(),
        "--matrix",
        matrix.to_str().unwrap_or_default(),
        "--results",
        results.to_str().unwrap_or_default(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // Weights as shares of 1; option rows by id and name; scales from the data (effect's
    // values 2, 4, 3 give 2 to 4); the import's normalisation, minmax.
    assert_eq!(
        std::fs::read_to_string(&matrix).unwrap_or_default(),
        "option,name,cost,effect\nname,,cost,effect\nfamily,,Criteria,Criteria\n\
         direction,,min,max\nweight,,0.25,0.75\nscale min,,0,2\nscale max,,10,4\n\
         method,wsm,,\nnormalization,minmax,,\n\
         a,A,10,2\nb,B,0,4\nc-the-third,\"C, the third\",5,3\n"
    );
    // The results, options in file order, with the scores and ranks worked out by hand above
    // `write_matrix`.
    assert_eq!(
        std::fs::read_to_string(&results).unwrap_or_default(),
        "option,name,score,rank\na,A,0,3\nb,B,1,1\nc-the-third,\"C, the third\",0.5,2\n"
    );
    // The exported matrix scores as the original does.
    let again = score_json(&[matrix.to_str().unwrap_or_default()]);
    let scores: Vec<f64> = again.results.iter().map(|r| r.score).collect();
    assert_eq!(scores, vec![0.0, 1.0, 0.5]);

    // Every method's ranks with `--method all`.
    let o = tideline(&[
        "export",
        csv.to_str().unwrap_or_default(),
        "--results",
        results.to_str().unwrap_or_default(),
        "--method",
        "all",
    ]);
    // The raw weighted product cannot score B's 0: said on stderr, an empty column in the file.
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("wpm: option `b`"), "{}", stderr(&o));
    let text = std::fs::read_to_string(&results).unwrap_or_default();
    assert_eq!(text.lines().nth(2), Some("b,B,1,,1,1,1"));
    let o = tideline(&[
        "export",
        "scenarios/unep-aheg-2018.ron",
        "--results",
        results.to_str().unwrap_or_default(),
        "--method",
        "all",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = std::fs::read_to_string(&results).unwrap_or_default();
    assert!(text.starts_with("option,name,wsm,wpm,topsis,promethee2,vikor\n"));

    // Nothing asked for: a usage error.
    let o = tideline(&["export", csv.to_str().unwrap_or_default()]);
    assert_eq!(o.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}

/// `export --matrix` then `score` of the CSV gives each bundled scenario's own scores: the
/// same method, normalisation, options in order, scores (as printed) and ranks.
#[test]
fn an_exported_matrix_scores_as_its_scenario() {
    let dir = temp_dir("round-trip");
    for file in [
        "scenarios/unep-aheg-2018.ron",
        "scenarios/unep-ea3-inf5-architectures.ron",
    ] {
        let csv = dir.join("m.csv");
        let o = tideline(&["export", file, "--matrix", csv.to_str().unwrap_or_default()]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let want = score_json(&[file]);
        let got = score_json(&[csv.to_str().unwrap_or_default()]);
        assert_eq!(
            (&got.method, &got.normalization),
            (&want.method, &want.normalization)
        );
        assert_eq!(got.results.len(), want.results.len());
        for (g, w) in got.results.iter().zip(&want.results) {
            assert_eq!((&g.option, &g.name, g.rank), (&w.option, &w.name, w.rank));
            assert!((g.score - w.score).abs() < 1e-12, "{file}: {}", g.option);
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
