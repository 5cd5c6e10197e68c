//! The command line against hostile or careless input: long names, control characters,
//! outputs that name the input, formulas in CSV cells.

use std::path::{Path, PathBuf};
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

fn fresh_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tideline-hard-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir
}

/// A two-criterion matrix whose options are `rows` (name, cost, effect).
fn matrix(dir: &Path, file: &str, rows: &[(&str, &str, &str)]) -> PathBuf {
    let mut text = String::from("option,cost,effect\ndirection,min,max\nweight,1,3\n");
    for (name, cost, effect) in rows {
        text.push_str(&format!(
            "\"{}\",{cost},{effect}\n",
            name.replace('"', "\"\"")
        ));
    }
    let path = dir.join(file);
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
    path
}

fn path_str(p: &Path) -> &str {
    p.to_str().unwrap_or_else(|| panic!("non-UTF-8 temp path"))
}

/// A format width taken from a name's length panicked at 65,536 characters; the column now
/// stops growing, and the long name is printed whole.
#[test]
fn a_name_of_70_000_characters_scores_in_every_table() {
    let dir = fresh_dir("long-name");
    let long = "A".repeat(70_000);
    let file = matrix(&dir, "m.csv", &[(&long, "10", "2"), ("B", "0", "4")]);
    for extra in [&[][..], &["--method", "all"][..]] {
        let mut args = vec!["score", path_str(&file)];
        args.extend_from_slice(extra);
        let out = tideline(&args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        assert!(stdout(&out).contains(&long), "{args:?}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Escape sequences in names (a terminal title, a screen clear, a bell) are shown escaped by
/// the table, the CSV on the terminal and `check`'s messages, never sent raw.
#[test]
fn control_characters_in_names_are_shown_escaped_on_the_terminal() {
    let dir = fresh_dir("control");
    let title = "A\u{1b}]0;pwned\u{7}";
    let clear = "B\r\u{1b}[2J";
    let file = matrix(&dir, "m.csv", &[(title, "10", "2"), (clear, "0", "4")]);
    for format in ["table", "csv"] {
        let out = tideline(&["score", path_str(&file), "--format", format]);
        assert!(out.status.success(), "{}", stderr(&out));
        let text = stdout(&out);
        assert!(
            !text.contains(['\u{1b}', '\u{7}', '\r']),
            "{format}: {text:?}"
        );
        assert!(text.contains(r"A\x1b]0;pwned\x07"), "{format}: {text}");
        assert!(text.contains(r"B\x0d\x1b[2J"), "{format}: {text}");
    }
    // JSON stays JSON: serde escapes them and the names read back whole.
    let out = tideline(&["score", path_str(&file), "--format", "json"]);
    let text = stdout(&out);
    assert!(!text.contains('\u{1b}') && text.contains(r"\u001b]0;pwned\u0007"));

    let dup = matrix(&dir, "dup.csv", &[(clear, "10", "2"), (clear, "0", "4")]);
    let out = tideline(&["check", path_str(&dup)]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(!err.contains(['\u{1b}', '\r']), "{err:?}");
    assert!(err.contains(r"duplicate option `B\x0d\x1b[2J`"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// `import`, `report` and `export` refuse to write over the file they read, by any name.
#[test]
fn no_command_writes_over_its_input() {
    let dir = fresh_dir("over-input");
    let csv = matrix(&dir, "m.csv", &[("A", "10", "2"), ("B", "0", "4")]);
    let before = std::fs::read(&csv).unwrap_or_else(|e| panic!("{e}"));
    let other_name = dir.join(".").join("m.csv");
    let runs: [Vec<&str>; 4] = [
        vec!["import", path_str(&csv), "-o", path_str(&csv)],
        vec!["import", path_str(&csv), "-o", path_str(&other_name)],
        vec!["export", path_str(&csv), "--results", path_str(&csv)],
        vec!["export", path_str(&csv), "--matrix", path_str(&other_name)],
    ];
    for args in &runs {
        let out = tideline(args);
        assert!(!out.status.success(), "{args:?}");
        assert!(
            stderr(&out).contains("the output is the input file"),
            "{args:?}: {}",
            stderr(&out)
        );
        assert_eq!(std::fs::read(&csv).unwrap_or_default(), before, "{args:?}");
    }
    let ron = dir.join("s.ron");
    let out = tideline(&["import", path_str(&csv), "-o", path_str(&ron)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let md = dir.join("s.md");
    std::fs::rename(&ron, &md).unwrap_or_else(|e| panic!("{e}"));
    let out = tideline(&[
        "report",
        path_str(&md),
        "-o",
        path_str(&md),
        "--method",
        "wsm",
    ]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("the output is the input file"),
        "{}",
        stderr(&out)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Scale bounds each finite whose width is not (−1e308 to 1e308) are refused by `check`, as
/// they gave NaN under `scale` and `minmax`; bounds as wide as a float allows score with no
/// NaN under any method and normalisation.
#[test]
fn a_scale_whose_width_overflows_is_refused_and_no_accepted_file_scores_nan() {
    let dir = fresh_dir("wide-scale");
    let head = "option,cost,effect\ndirection,min,max\nweight,1,3\n";
    let wide = dir.join("wide.csv");
    let text = format!("{head}scale min,-1e308,0\nscale max,1e308,1\nA,-1e308,0.5\nB,1e308,1\n");
    std::fs::write(&wide, text).unwrap_or_else(|e| panic!("{e}"));
    let out = tideline(&["check", path_str(&wide)]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("criteria[0].scale: scale from -1e308 to 1e308 is too wide"),
        "{err}"
    );
    for n in ["scale", "minmax"] {
        let out = tideline(&[
            "score",
            path_str(&wide),
            "--normalization",
            n,
            "--format",
            "json",
        ]);
        assert!(!out.status.success(), "{n}: {}", stdout(&out));
    }

    let edge = dir.join("edge.csv");
    let text =
        format!("{head}scale min,-1.7e308,0\nscale max,0,1\nA,-1.7e308,0.5\nB,0,1\nC,-1e300,0\n");
    std::fs::write(&edge, text).unwrap_or_else(|e| panic!("{e}"));
    assert!(tideline(&["check", path_str(&edge)]).status.success());
    let mut scored = 0;
    for m in ["wsm", "wpm", "topsis", "promethee2", "vikor"] {
        for n in ["minmax", "scale", "max", "sum", "vector", "none"] {
            let args = [
                "score",
                path_str(&edge),
                "--method",
                m,
                "--normalization",
                n,
            ];
            for format in ["json", "table"] {
                let mut all = args.to_vec();
                all.extend(["--format", format]);
                let out = tideline(&all);
                if out.status.success() {
                    scored += 1;
                    let text = stdout(&out).to_lowercase();
                    assert!(
                        !text.contains("nan") && !text.contains("null"),
                        "{all:?}: {text}"
                    );
                }
            }
        }
    }
    assert!(scored >= 10, "only {scored} runs scored");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Text a spreadsheet would run as a formula is never written raw to CSV, and the matrix
/// reads back to the same names.
#[test]
fn csv_exports_neutralise_formulas_and_read_back_the_same_text() {
    use tideline::analysis::scoring::score_with;
    use tideline::files::csv_import::parse_csv;
    use tideline::files::scenario_file::default_scenario;
    use tideline::report::export::{matrix_csv, results_csv};

    let mut s = default_scenario().unwrap_or_else(|e| panic!("{e}"));
    let hostile = [
        "=HYPERLINK(\"http://x\",\"y\")",
        "+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(1,1)",
        "'=already quoted",
        "''+two apostrophes",
        "'plain apostrophe",
        "-",
    ];
    for (o, name) in s.options.iter_mut().zip(hostile) {
        o.name = name.to_string();
    }
    s.criteria[0].name = "=1+1".to_string();
    let dangerous = |text: &str| {
        text.lines().any(|line| {
            line.split(',').any(|cell| {
                cell.trim_start_matches('"')
                    .starts_with(['=', '+', '@', '\t'])
            })
        })
    };
    let matrix = matrix_csv(&s, 0).unwrap_or_else(|e| panic!("{e}"));
    assert!(!dangerous(&matrix), "{matrix}");
    assert!(
        matrix.contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""),
        "{matrix}"
    );
    assert!(matrix.contains("'-2+3"), "{matrix}");
    let ranking = score_with(&s, 0, s.settings.method, s.settings.normalization)
        .unwrap_or_else(|e| panic!("{e}"));
    let results = results_csv(&s, &ranking);
    assert!(!dangerous(&results), "{results}");
    assert!(results.contains("'@SUM(1,1)"), "{results}");

    let back = parse_csv(matrix.as_bytes(), "back.csv").unwrap_or_else(|e| panic!("{e}"));
    let names: Vec<&str> = back.options.iter().map(|o| o.name.as_str()).collect();
    let want: Vec<&str> = s.options.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(names, want);
    assert_eq!(back.criteria[0].name, "=1+1");
    // Numbers are not text: a negative value is written as a number, not guarded.
    assert!(
        !matrix.contains("'-0") && !matrix.contains("'-1"),
        "{matrix}"
    );
}

/// A missing value met when scoring names its line and column, in a CSV matrix and in a
/// scenario file (it named the file only).
#[test]
fn a_missing_value_met_when_scoring_is_placed() {
    let dir = fresh_dir("missing");
    let csv = dir.join("m.csv");
    std::fs::write(
        &csv,
        "option,cost,effect\ndirection,min,max\nweight,1,3\nA,10,2\nB,,4\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let out = tideline(&["score", path_str(&csv)]);
    assert!(!out.status.success());
    let want = "option `b` has no value for criterion `cost`";
    assert!(
        stderr(&out).starts_with(&format!("{}:5:3: {want}", csv.display())),
        "{}",
        stderr(&out)
    );
    let ron = dir.join("m.ron");
    assert!(
        tideline(&["import", path_str(&csv), "-o", path_str(&ron)])
            .status
            .success()
    );
    let text = std::fs::read_to_string(&ron).unwrap_or_default();
    // The `None` of option b's cost cell, found independently of the program.
    let at = text
        .find("option: \"b\",\n            criterion: \"cost\",\n            value: None")
        .map(|i| i + text[i..].find("None").unwrap_or(0))
        .unwrap_or_else(|| panic!("{text}"));
    let line = text[..at].matches('\n').count() + 1;
    let col = at - text[..at].rfind('\n').map_or(0, |i| i + 1) + 1;
    for args in [
        vec!["score", path_str(&ron)],
        vec![
            "report",
            path_str(&ron),
            "-o",
            "/dev/null/x.md",
            "--method",
            "wsm",
        ],
    ] {
        let out = tideline(&args);
        assert!(!out.status.success());
        assert!(
            stderr(&out).starts_with(&format!("{}:{line}:{col}: {want}", ron.display())),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// `sensitivity`, `smaa` and `score --method all` place a missing value at its line and
/// column as `score` does (they named the file only).
#[test]
fn every_scoring_command_places_a_missing_value() {
    let dir = fresh_dir("missing-all");
    let csv = dir.join("m.csv");
    std::fs::write(
        &csv,
        "option,cost,effect\ndirection,min,max\nweight,1,3\nA,10,2\nB,,4\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    // Line 5 (`B,,4`), column 3: the empty cell after `B,`.
    let place = format!("{}:5:3: ", csv.display());
    let f = path_str(&csv);
    let runs: [Vec<&str>; 4] = [
        vec!["sensitivity", f, "--method", "wsm"],
        vec![
            "sensitivity",
            f,
            "--method",
            "topsis",
            "--criterion",
            "effect",
        ],
        vec!["smaa", f, "--method", "wsm", "--draws", "100"],
        vec!["score", f, "--method", "all"],
    ];
    for args in &runs {
        let out = tideline(args);
        assert!(!out.status.success(), "{args:?}");
        let err = stderr(&out);
        assert!(!err.is_empty(), "{args:?}");
        for line in err.lines() {
            assert!(
                line.starts_with(&place)
                    && line.contains("option `b` has no value for criterion `cost`"),
                "{args:?}: {err}"
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// A save through a symbolic link whose target is missing says so, naming the target, and
/// creates nothing (it gave "No such file or directory" alone).
#[cfg(unix)]
#[test]
fn a_dangling_link_as_the_output_names_its_missing_target() {
    let dir = fresh_dir("dangling");
    let csv = matrix(&dir, "m.csv", &[("A", "10", "2"), ("B", "0", "4")]);
    let link = dir.join("link.ron");
    std::os::unix::fs::symlink("gone/missing.ron", &link).unwrap_or_else(|e| panic!("{e}"));
    let out = tideline(&["import", path_str(&csv), "-o", path_str(&link)]);
    assert!(!out.status.success());
    let want = format!(
        "{}: cannot save: it is a symbolic link to {}, which does not exist; create that file (and its folder), or save under another name",
        link.display(),
        dir.join("gone/missing.ron").display()
    );
    assert_eq!(stderr(&out).trim_end(), want);
    assert!(!dir.join("gone").exists());
    let out = tideline(&["export", path_str(&csv), "--matrix", path_str(&link)]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("is a symbolic link to") && stderr(&out).contains("missing.ron"),
        "{}",
        stderr(&out)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Sweeping every weight of a large matrix would run for minutes (options² pairs may cross
/// in each sweep): it is refused at once with the count and the limit.
#[test]
fn sensitivity_past_its_limit_is_refused_with_the_count_and_the_limit() {
    let dir = fresh_dir("sweep-limit");
    let rows: Vec<(String, String, String)> = (0..5_000)
        .map(|i| (format!("o{i}"), (i % 89).to_string(), (i % 7).to_string()))
        .collect();
    let rows: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str()))
        .collect();
    let file = matrix(&dir, "m.csv", &rows);
    let out = tideline(&["sensitivity", path_str(&file), "--method", "wsm"]);
    assert!(!out.status.success());
    // 5,000² options × (2 criteria + 1 family) = 75,000,000.
    assert_eq!(
        stderr(&out).trim_end(),
        format!(
            "{}: too large to sweep with wsm: 5000 options, 2 criteria and 3 weights to sweep make 75,000,000 (options² × weights swept), over the limit of 60,000,000; sweep one weight with --criterion or --family",
            file.display()
        )
    );
    let _ = std::fs::remove_dir_all(&dir);
}
