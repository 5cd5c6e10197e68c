//! The layout's promises, checked on the source: the engine's folders only look down (see
//! ARCHITECTURE.md), only `app/` knows egui, no two sibling files import each other, and no
//! source file grows far past 600 lines. Test modules are left out: they may load the built-in
//! scenario from `files/`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`, recursively.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The file's text up to its test module (a test-only file, `tests.rs` or `*_tests.rs`:
/// nothing).
fn non_test_text(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{e}"));
    if path
        .file_name()
        .is_some_and(|n| n == "tests.rs" || n.to_string_lossy().ends_with("_tests.rs"))
    {
        return String::new();
    }
    match text.find("#[cfg(test)]\nmod ") {
        Some(k) => text[..k].to_string(),
        None => text,
    }
}

/// The top-level folder a file belongs to (`scenario`, `app`, …), or its own name at the root.
fn top(path: &Path) -> String {
    let rel = path.strip_prefix(src()).unwrap_or(path);
    let first = rel.components().next().map_or(String::new(), |c| {
        c.as_os_str().to_string_lossy().into_owned()
    });
    first.trim_end_matches(".rs").to_string()
}

/// The top-level modules a text names as `crate::name`.
fn crate_uses(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (k, _) in text.match_indices("crate::") {
        let name: String = text[k + 7..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() {
            out.insert(name);
        }
    }
    out
}

#[test]
fn the_engine_folders_only_look_down() {
    // What each engine folder may use, as ARCHITECTURE.md draws it.
    let allowed: BTreeMap<&str, &[&str]> = [
        ("i18n", &[][..]),
        ("scenario", &["scenario", "i18n"][..]),
        ("files", &["files", "scenario", "i18n"][..]),
        ("analysis", &["analysis", "scenario", "i18n"][..]),
        (
            "report",
            &["report", "analysis", "files", "scenario", "i18n"][..],
        ),
        (
            "room",
            &["room", "analysis", "files", "scenario", "i18n"][..],
        ),
    ]
    .into_iter()
    .collect();
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut broken = Vec::new();
    for f in &files {
        let folder = top(f);
        let Some(ok) = allowed.get(folder.as_str()) else {
            continue;
        };
        for used in crate_uses(&non_test_text(f)) {
            if !ok.contains(&used.as_str()) {
                broken.push(format!("{} uses crate::{used}", f.display()));
            }
        }
    }
    assert!(broken.is_empty(), "{broken:#?}");
}

#[test]
fn only_the_window_knows_egui() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut broken = Vec::new();
    for f in &files {
        if top(f) == "app" || top(f) == "main" {
            continue;
        }
        let text = non_test_text(f);
        for name in ["egui", "eframe", "egui_plot", "egui_extras"] {
            if text.contains(&format!("use {name}")) || text.contains(&format!("{name}::")) {
                broken.push(format!("{} names {name}", f.display()));
            }
        }
    }
    assert!(broken.is_empty(), "{broken:#?}");
}

#[test]
fn no_two_sibling_files_import_each_other() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    // For each file, the sibling modules it names through `super::name` or its folder's full
    // path (`crate::app::name` from a file in `src/app/`).
    let mut uses: BTreeMap<PathBuf, BTreeSet<String>> = BTreeMap::new();
    for f in &files {
        let text = non_test_text(f);
        let folder =
            f.parent()
                .and_then(|d| d.strip_prefix(src()).ok())
                .map_or(String::new(), |d| {
                    d.components()
                        .map(|c| c.as_os_str().to_string_lossy().into_owned())
                        .collect::<Vec<_>>()
                        .join("::")
                });
        let full = format!("crate::{folder}::");
        let mut names = BTreeSet::new();
        for (k, len) in text
            .match_indices("super::")
            .map(|(k, m)| (k, m.len()))
            .chain(text.match_indices(full.as_str()).map(|(k, m)| (k, m.len())))
        {
            let k = k - 7 + len;
            let name: String = text[k + 7..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            names.insert(name);
        }
        uses.insert(f.clone(), names);
    }
    let stem = |p: &Path| {
        p.file_stem()
            .map_or(String::new(), |s| s.to_string_lossy().into_owned())
    };
    let mut broken = Vec::new();
    for a in &files {
        for b in &files {
            if a >= b || a.parent() != b.parent() || stem(a) == "mod" || stem(b) == "mod" {
                continue;
            }
            let ab = uses.get(a).is_some_and(|u| u.contains(&stem(b)));
            let ba = uses.get(b).is_some_and(|u| u.contains(&stem(a)));
            if ab && ba {
                broken.push(format!("{} ↔ {}", a.display(), b.display()));
            }
        }
    }
    assert!(broken.is_empty(), "{broken:#?}");
}

#[test]
fn no_source_file_is_far_past_600_lines() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let long: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let n = std::fs::read_to_string(f).ok()?.lines().count();
            (n > 650).then(|| format!("{}: {n} lines", f.display()))
        })
        .collect();
    assert!(long.is_empty(), "{long:#?}");
}
