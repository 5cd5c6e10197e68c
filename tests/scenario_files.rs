//! The bundled scenarios: all valid, the embedded default equal to its file, and RON
//! save → load giving back the same scenario.

use std::path::Path;

use tideline::analysis::scoring::score;
use tideline::files::scenario_file::{
    DEFAULT_SCENARIO, default_scenario, load_path, parse_ron, save, to_ron, write_atomic_with,
};
use tideline::scenario::model::Basis;

fn scenarios_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios")
}

#[test]
fn every_file_in_scenarios_is_valid_and_scores() {
    let mut count = 0;
    for entry in std::fs::read_dir(scenarios_dir())
        .into_iter()
        .flatten()
        .flatten()
    {
        let path = entry.path();
        let s = load_path(&path).unwrap_or_else(|e| panic!("{e}"));
        for p in 0..s.profiles.len() {
            let r = tideline::analysis::scoring::score_with(
                &s,
                p,
                s.settings.method,
                s.settings.normalization,
            )
            .unwrap_or_else(|e| panic!("{}: profile {p}: {e}", path.display()));
            assert!(r.scores.iter().all(|x| x.is_finite()));
        }
        count += 1;
    }
    assert!(
        count >= 2,
        "expected the two bundled scenarios, found {count}"
    );
}

#[test]
fn the_embedded_default_is_the_file_in_scenarios() {
    let on_disk = std::fs::read_to_string(scenarios_dir().join("unep-aheg-2018.ron"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(DEFAULT_SCENARIO, on_disk);
}

#[test]
fn the_default_scenario_covers_the_report() {
    let s = default_scenario().unwrap_or_else(|e| panic!("{e}"));
    let ids: Vec<&str> = s.options.iter().map(|o| o.id.as_str()).collect();
    for (id, paragraph) in [
        ("knowledge-hub", "Annex ¶9(a)"),
        ("advisory-group", "Annex ¶9(b)"),
        ("source-to-sea-review", "Annex ¶9(c)"),
        ("industry-compendium", "Annex ¶9(d)"),
        ("global-coordination", "Annex ¶11(a)"),
        ("regional-coordination", "Annex ¶11(b)"),
        ("finance-capacity", "Annex ¶11(c)"),
        ("binding-agreement", "Annex ¶11(d)"),
        ("stakeholder-forum", "Annex ¶11(e)"),
    ] {
        let o = s
            .options
            .iter()
            .find(|o| o.id == id)
            .unwrap_or_else(|| panic!("{id} missing: {ids:?}"));
        assert_eq!(o.provenance.paragraph, paragraph, "{id}");
    }
    assert!(ids.contains(&"status-quo"));
    assert_eq!(s.options.len(), 10);
    assert!(s.criteria.len() >= 9);
    for family in [
        "environmental",
        "social",
        "economic",
        "feasibility",
        "effectiveness",
    ] {
        assert!(
            s.criteria.iter().any(|c| c.family == family),
            "no criterion in {family}"
        );
    }
    for c in &s.criteria {
        assert!(
            c.provenance.is_some(),
            "criterion {} cites no paragraph",
            c.id
        );
    }
    // Every cell: a value, a one-line rationale, and marked as an illustrative judgement.
    assert_eq!(s.performance.len(), s.options.len() * s.criteria.len());
    for cell in &s.performance {
        assert!(cell.value.is_some(), "{}/{}", cell.option, cell.criterion);
        assert_eq!(
            cell.basis,
            Basis::Illustrative,
            "{}/{}",
            cell.option,
            cell.criterion
        );
        let r = cell.rationale.trim();
        assert!(
            !r.is_empty() && !r.contains('\n'),
            "{}/{}: {r:?}",
            cell.option,
            cell.criterion
        );
    }
    let profiles: Vec<&str> = s.profiles.iter().map(|p| p.id.as_str()).collect();
    for id in [
        "equal",
        "prevention-first",
        "capacity-sids",
        "urgency",
        "governance-ambition",
    ] {
        assert!(profiles.contains(&id), "profile {id} missing: {profiles:?}");
    }
}

#[test]
fn save_then_load_gives_the_same_scenario() {
    for name in ["unep-aheg-2018.ron", "unep-ea3-inf5-architectures.ron"] {
        let original = load_path(&scenarios_dir().join(name)).unwrap_or_else(|e| panic!("{e}"));
        let text = to_ron(&original).unwrap_or_else(|e| panic!("{e}"));
        let back = parse_ron(text.as_bytes(), "saved.ron").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back, original, "{name}");
        assert_eq!(score(&back), score(&original));
    }
}

/// The names in a folder, sorted.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn fresh_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("tideline-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir
}

#[test]
fn saving_replaces_the_file_whole_and_leaves_no_temporary_behind() {
    let dir = fresh_dir("save");
    let path = dir.join("s.ron");
    std::fs::write(&path, "old contents").unwrap_or_else(|e| panic!("{e}"));
    let s = default_scenario().unwrap_or_else(|e| panic!("{e}"));
    save(&path, &s).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(load_path(&path).unwrap_or_else(|e| panic!("{e}")), s);
    assert_eq!(names_in(&dir), vec!["s.ron".to_string()]);
    // A save that cannot happen (the folder is gone) reports an error and writes nothing.
    let _ = std::fs::remove_dir_all(&dir);
    let err = save(&path, &s).err().unwrap_or_default();
    assert!(err.contains("cannot save"), "{err}");
    assert!(!dir.exists());
}

/// A write that fails part-way (a full disk, a dying device) leaves the old file exactly as it
/// was and no temporary beside it. While the body is being written, the target still holds the
/// old contents: the body goes elsewhere, and only a finished write replaces the file.
#[test]
fn a_write_failing_part_way_leaves_the_old_file_whole_and_no_temporary() {
    use std::io::Write;
    let dir = fresh_dir("save-fails");
    let path = dir.join("s.ron");
    std::fs::write(&path, "old contents").unwrap_or_else(|e| panic!("{e}"));
    let mut seen_during_write = String::new();
    let result = write_atomic_with(&path, |f| {
        f.write_all(b"the first half of the new ")?;
        f.flush()?;
        seen_during_write = std::fs::read_to_string(&path).unwrap_or_default();
        Err(std::io::Error::other("no space left on device"))
    });
    let err = result.err().map(|e| e.to_string()).unwrap_or_default();
    assert_eq!(err, "no space left on device");
    assert_eq!(
        seen_during_write, "old contents",
        "the file was written in place"
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap_or_default(),
        "old contents"
    );
    assert_eq!(names_in(&dir), vec!["s.ron".to_string()]);

    // The same through `save`, whose body is a whole scenario: the message names the file.
    let s = default_scenario().unwrap_or_else(|e| panic!("{e}"));
    save(&path, &s).unwrap_or_else(|e| panic!("{e}"));
    let saved = std::fs::read_to_string(&path).unwrap_or_default();
    let result = write_atomic_with(&path, |f| {
        f.write_all(&saved.as_bytes()[..saved.len() / 3])?;
        Err(std::io::Error::other("the writer was stopped"))
    });
    assert!(result.is_err());
    assert_eq!(std::fs::read_to_string(&path).unwrap_or_default(), saved);
    assert_eq!(load_path(&path).unwrap_or_else(|e| panic!("{e}")), s);
    assert_eq!(names_in(&dir), vec!["s.ron".to_string()]);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A write whose last step fails (the target is a folder, so the rename is refused) after the
/// whole body went to the temporary: the folder and what it holds are untouched, the error is
/// reported, and the temporary is removed.
#[test]
fn a_save_whose_rename_fails_removes_its_temporary() {
    let dir = fresh_dir("save-onto-folder");
    let target = dir.join("s.ron");
    std::fs::create_dir_all(target.join("inside")).unwrap_or_else(|e| panic!("{e}"));
    let s = default_scenario().unwrap_or_else(|e| panic!("{e}"));
    let err = save(&target, &s).err().unwrap_or_default();
    assert!(
        err.starts_with(&format!("{}: cannot save", target.display())),
        "{err}"
    );
    assert!(target.is_dir());
    assert_eq!(names_in(&target), vec!["inside".to_string()]);
    assert_eq!(names_in(&dir), vec!["s.ron".to_string()]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_default_scenario_names_everything_in_chinese() {
    use tideline::i18n::Lang;
    let s = default_scenario().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(s.metadata.languages, ["en", "zh-CN"]);
    let has_han = |t: &str| t.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    for o in &s.options {
        assert!(has_han(o.name_in(Lang::ZhCn)), "option {}", o.id);
        assert!(has_han(o.label_in(Lang::ZhCn)), "option {} short", o.id);
        assert_eq!(o.name_in(Lang::En), o.name);
    }
    for c in &s.criteria {
        assert!(has_han(c.name_in(Lang::ZhCn)), "criterion {}", c.id);
        assert!(has_han(c.label_in(Lang::ZhCn)), "criterion {} short", c.id);
    }
    for f in &s.families {
        assert!(has_han(f.name_in(Lang::ZhCn)), "family {}", f.id);
    }
    for k in &s.clusters {
        assert!(has_han(k.name_in(Lang::ZhCn)), "cluster {}", k.id);
    }
    for p in &s.principles {
        assert!(has_han(p.name_in(Lang::ZhCn)), "principle {}", p.id);
    }
    // What the top bar and weights panel show: the title, each profile's name and note.
    assert!(has_han(s.metadata.title_in(Lang::ZhCn)));
    for p in &s.profiles {
        assert!(has_han(p.name_in(Lang::ZhCn)), "profile {}", p.id);
        assert!(has_han(p.note_in(Lang::ZhCn)), "profile {} note", p.id);
        assert_eq!(p.name_in(Lang::En), p.name);
    }
}

#[test]
fn translations_survive_a_save_and_load() {
    let s = default_scenario().unwrap_or_else(|e| panic!("{e}"));
    let text = to_ron(&s).unwrap_or_else(|e| panic!("{e}"));
    assert!(text.contains("\"zh-CN\""));
    let back = parse_ron(text.as_bytes(), "saved.ron").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back, s);
}

/// Saving to a symbolic link writes the file it points to, and the link stays a link.
#[cfg(unix)]
#[test]
fn saving_through_a_symbolic_link_writes_its_target_and_keeps_the_link() {
    let dir = fresh_dir("save-symlink");
    let real = dir.join("real.ron");
    let link = dir.join("link.ron");
    std::fs::write(&real, "old contents").unwrap_or_else(|e| panic!("{e}"));
    std::os::unix::fs::symlink("real.ron", &link).unwrap_or_else(|e| panic!("{e}"));
    let s = default_scenario().unwrap_or_else(|e| panic!("{e}"));
    save(&link, &s).unwrap_or_else(|e| panic!("{e}"));
    let meta = std::fs::symlink_metadata(&link).unwrap_or_else(|e| panic!("{e}"));
    assert!(meta.file_type().is_symlink(), "the link was replaced");
    assert_eq!(load_path(&real).unwrap_or_else(|e| panic!("{e}")), s);
    assert_eq!(
        names_in(&dir),
        vec!["link.ron".to_string(), "real.ron".to_string()]
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A killed write leaves its temporary behind; the next save to the same file removes ours
/// once they are over a minute old, and leaves fresh ones and other files alone.
#[test]
fn a_save_removes_stale_temporaries_of_its_own_naming() {
    let dir = fresh_dir("save-stale");
    let path = dir.join("s.ron");
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    let make = |name: &str, age: Option<std::time::SystemTime>| {
        let f = std::fs::File::create(dir.join(name)).unwrap_or_else(|e| panic!("{e}"));
        if let Some(t) = age {
            f.set_modified(t).unwrap_or_else(|e| panic!("{e}"));
        }
    };
    make(".s.ron.123-4.tmp", Some(old)); // ours, stale
    make(".s.ron.124-0.tmp", None); // ours, fresh: a save running now
    make(".s.ron.notes.tmp", Some(old)); // not our naming
    make(".t.ron.123-4.tmp", Some(old)); // another file's
    let s = default_scenario().unwrap_or_else(|e| panic!("{e}"));
    save(&path, &s).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        names_in(&dir),
        vec![
            ".s.ron.124-0.tmp".to_string(),
            ".s.ron.notes.tmp".to_string(),
            ".t.ron.123-4.tmp".to_string(),
            "s.ron".to_string()
        ]
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Equality is written by hand (cheap parts first, for the unsaved mark on every edit): a
/// change in any part of the document must still make it unequal, as its saved text says.
#[test]
fn a_change_in_any_part_makes_scenarios_unequal() {
    let base = default_scenario().unwrap_or_else(|e| panic!("{e}"));
    assert!(base == base.clone());
    type Change = fn(&mut tideline::scenario::model::Scenario);
    let changes: Vec<(&str, Change)> = vec![
        ("metadata", |s| s.metadata.title.push('!')),
        ("clusters", |s| s.clusters[0].name.push('!')),
        ("principles", |s| s.principles[0].name.push('!')),
        ("families", |s| s.families[0].name.push('!')),
        ("criteria", |s| s.criteria[0].name.push('!')),
        ("options", |s| s.options[0].name.push('!')),
        ("performance", |s| {
            let last = s.performance.len() - 1;
            s.performance[last].value = Some(s.performance[last].value.unwrap_or(0.0) + 0.5);
        }),
        ("profiles", |s| s.profiles[0].note.push('!')),
        ("settings", |s| s.settings.cost_unit.push('!')),
    ];
    for (part, change) in changes {
        let mut other = base.clone();
        change(&mut other);
        assert_ne!(
            to_ron(&base).unwrap_or_else(|e| panic!("{e}")),
            to_ron(&other).unwrap_or_else(|e| panic!("{e}")),
            "{part}: the change should show in the file"
        );
        assert!(base != other, "{part}: a change there went unnoticed");
        assert!(other != base, "{part}: unnoticed the other way round");
    }
}
