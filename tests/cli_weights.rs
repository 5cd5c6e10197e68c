//! `tideline weights-form` and `tideline merge-profiles`, run as a user would: the files they
//! write, the problems they print at file:line:col, and their exit codes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tideline::files::scenario_file::load_path;
use tideline::scenario::weights::effective_weights;

fn tideline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tideline"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap_or_else(|e| panic!("cannot run tideline: {e}"))
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn temp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!(
        "tideline-cli-weights-{name}-{}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap_or_else(|e| panic!("{e}"));
    d
}

const SCENARIO: &str = "scenarios/unep-aheg-2018.ron";

fn s(p: &Path) -> String {
    p.display().to_string()
}

#[test]
fn a_form_written_then_merged_under_a_new_id_gives_the_same_weights() {
    let d = temp("roundtrip");
    let form = d.join("pf.ron");
    let o = tideline(&[
        "weights-form",
        SCENARIO,
        "--profile",
        "prevention-first",
        "-o",
        &s(&form),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let filled = std::fs::read_to_string(&form)
        .unwrap_or_else(|e| panic!("{e}"))
        .replace("id: \"prevention-first\"", "id: \"delegation-b\"");
    std::fs::write(&form, filled).unwrap_or_else(|e| panic!("{e}"));
    let out = d.join("merged.ron");
    let o = tideline(&["merge-profiles", SCENARIO, &s(&form), "-o", &s(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(
        text(&o.stdout).contains("added `delegation-b`"),
        "{}",
        text(&o.stdout)
    );
    let before = load_path(Path::new(SCENARIO)).unwrap_or_else(|e| panic!("{e}"));
    let after = load_path(&out).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(after.profiles.len(), before.profiles.len() + 1);
    let k = before
        .profile_index("prevention-first")
        .unwrap_or(usize::MAX);
    let b = after.profile_index("delegation-b").unwrap_or(usize::MAX);
    assert_eq!(
        effective_weights(&before, &before.profiles[k]),
        effective_weights(&after, &after.profiles[b])
    );
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn bad_files_among_many_are_each_reported_the_good_merge_and_the_exit_is_1() {
    let d = temp("many");
    let good = d.join("good.ron");
    let o = tideline(&[
        "weights-form",
        SCENARIO,
        "--profile",
        "prevention-first",
        "-o",
        &s(&good),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let form = std::fs::read_to_string(&good).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&good, form.replace("\"prevention-first\"", "\"p-good\""))
        .unwrap_or_else(|e| panic!("{e}"));
    let bad = d.join("bad.ron");
    let bad_text = form.replace("id: \"scope\"", "id: \"scop\"");
    std::fs::write(&bad, &bad_text).unwrap_or_else(|e| panic!("{e}"));
    let garbage = d.join("garbage.ron");
    std::fs::write(&garbage, [0xff, 0xfe, 0x00, 0x41]).unwrap_or_else(|e| panic!("{e}"));
    let out = d.join("merged.ron");
    let o = tideline(&[
        "merge-profiles",
        SCENARIO,
        &s(&bad),
        &s(&good),
        &s(&garbage),
        "-o",
        &s(&out),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    let line = bad_text
        .lines()
        .position(|l| l.contains("\"scop\""))
        .unwrap_or(0)
        + 1;
    assert!(err.contains(&format!("{}:{line}:", s(&bad))), "{err}");
    assert!(err.contains("no criterion `scop`"), "{err}");
    assert!(err.contains(&format!("{}:1:1: ", s(&garbage))), "{err}");
    let merged = load_path(&out).unwrap_or_else(|e| panic!("{e}"));
    assert!(merged.profile_index("p-good").is_some());
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn merge_profiles_never_writes_over_an_input() {
    let d = temp("overwrite");
    let form = d.join("f.ron");
    let o = tideline(&["weights-form", SCENARIO, "--empty", "-o", &s(&form)]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let before = std::fs::read(&form).unwrap_or_else(|e| panic!("{e}"));
    let o = tideline(&["merge-profiles", SCENARIO, &s(&form), "-o", &s(&form)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("the output is the input file"));
    assert_eq!(std::fs::read(&form).unwrap_or_default(), before);
    // An empty form names no participant: refused, and the exit says so.
    let out = d.join("out.ron");
    let o = tideline(&["merge-profiles", SCENARIO, &s(&form), "-o", &s(&out)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("participant.name"),
        "{}",
        text(&o.stderr)
    );
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn weights_form_refuses_an_unknown_profile_and_both_choices() {
    let d = temp("form");
    let out = s(&d.join("f.ron"));
    let o = tideline(&["weights-form", SCENARIO, "--profile", "nobody", "-o", &out]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("unknown profile `nobody`"));
    let o = tideline(&[
        "weights-form",
        SCENARIO,
        "--profile",
        "equal",
        "--empty",
        "-o",
        &out,
    ]);
    assert_eq!(o.status.code(), Some(2), "clap refuses both");
    let _ = std::fs::remove_dir_all(&d);
}
