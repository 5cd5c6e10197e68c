//! Faults around the document's file: a save that cannot be written (an unwritable folder, a
//! read-only file, a full disk) says why and keeps both the document and the old file; a save
//! killed at any moment leaves the old file or the new one, whole; the recovery copy brings back
//! the work of a killed window; and a file changed by another program is noticed, offered for
//! reload and never written over without asking.
//!
//! The kill tests run a child process: this test binary again, running one of the `child_…`
//! tests below, which do nothing unless the environment variable naming their job is set.
//! The full-disk and read-only-folder tests mount a small tmpfs; without the right to (not
//! root) they say so and pass, except under CI (`CI` set) as root, where a mount that fails is a
//! failure.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command as Process, Stdio};
use std::time::{Duration, Instant, SystemTime};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use tideline::app::{Command, TidelineApp};
use tideline::files::scenario_file::{
    default_scenario, load_path, parse_ron, to_ron, write_atomic, write_atomic_with,
};
use tideline::scenario::edit::{self, Edit};
use tideline::scenario::model::Scenario;

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tideline-faults-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir
}

fn harness(app: TidelineApp) -> Harness<'static, TidelineApp> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut TidelineApp| app.show(ui), app);
    harness.run();
    harness
}

fn app() -> TidelineApp {
    let mut app = TidelineApp::with_default_scenario().unwrap_or_else(|e| panic!("{e}"));
    app.use_in_window_file_dialog();
    app
}

fn edit() -> Edit {
    Edit::SetFamilyShare {
        family: "economic".into(),
        share: 0.55,
        locked: Vec::new(),
    }
}

/// The built-in scenario with a description of `extra` bytes, so that its file is large.
fn large_scenario(extra: usize, mark: char) -> Scenario {
    let mut s = default_scenario().unwrap_or_else(|e| panic!("{e}"));
    s.metadata.description = std::iter::repeat_n(mark, extra).collect();
    s
}

fn ron(s: &Scenario) -> String {
    to_ron(s).unwrap_or_else(|e| panic!("{e}"))
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The temporary files a save leaves beside `target` if it is killed.
fn temporaries(target: &Path) -> Vec<PathBuf> {
    let dir = target.parent().unwrap_or(Path::new("."));
    let prefix = format!(
        ".{}.",
        target.file_name().unwrap_or_default().to_string_lossy()
    );
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| {
                    p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with(&prefix) && n.ends_with(".tmp"))
                })
                .collect()
        })
        .unwrap_or_default()
}

fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status").is_ok_and(|s| {
        s.lines()
            .find(|l| l.starts_with("Uid:"))
            .and_then(|l| l.split_whitespace().nth(1))
            == Some("0")
    })
}

/// A tmpfs mounted on a folder, unmounted (and the folder removed) when dropped.
struct Tmpfs(PathBuf);

impl Tmpfs {
    /// Mounts a tmpfs of `size` on `dir`; `None` (having said why) where that is not allowed.
    /// Under CI as root, a failed mount fails the test.
    fn mount(dir: &Path, size: &str) -> Option<Self> {
        let out = Process::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir)
            .output();
        match out {
            Ok(o) if o.status.success() => Some(Self(dir.to_path_buf())),
            other => {
                let why = match other {
                    Ok(o) => String::from_utf8_lossy(&o.stderr).into_owned(),
                    Err(e) => e.to_string(),
                };
                assert!(
                    !(std::env::var_os("CI").is_some() && is_root()),
                    "under CI as root the tmpfs must mount: {why}"
                );
                eprintln!("skipped: cannot mount a tmpfs here (not root?): {why}");
                None
            }
        }
    }

    fn read_only(&self) {
        let ok = Process::new("mount")
            .args(["-o", "remount,ro"])
            .arg(&self.0)
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "remount read-only");
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Process::new("umount").arg(&self.0).status();
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Opens `file` in a new app, makes the document large (so that it cannot fit a small disk),
/// saves, and checks that the save failed saying `why`, the document is unchanged and still
/// unsaved, the old file is byte for byte what it was, and no temporary file is left.
fn check_failed_save(file: &Path, why: &[&str]) {
    let old = read(file);
    let mut app = app();
    assert!(app.open(file), "{}", app.status);
    let big = large_scenario(200_000, 'x');
    app.execute(Command::Edit(Edit::SetMetadata(Box::new(
        big.metadata.clone(),
    ))));
    app.execute(Command::Edit(edit()));
    let document = app.scenario.clone();
    assert!(app.is_dirty());
    app.execute(Command::Save);
    app.finish_file_jobs();
    assert!(
        why.iter().any(|w| app.status.contains(w)),
        "the status says why: {}",
        app.status
    );
    assert!(app.status.contains("cannot save"), "{}", app.status);
    assert!(app.is_dirty(), "still unsaved");
    assert_eq!(app.scenario, document, "the document is as it was");
    assert_eq!(app.path.as_deref(), Some(file));
    assert_eq!(read(file), old, "the old file is untouched");
    assert!(temporaries(file).is_empty(), "{:?}", temporaries(file));
}

/// A small valid scenario file's text (the built-in one, under its own description).
fn small_file(dir: &Path) -> PathBuf {
    let file = dir.join("work.ron");
    std::fs::write(&file, ron(&large_scenario(10, 'a'))).unwrap_or_else(|e| panic!("{e}"));
    file
}

#[test]
fn a_save_onto_a_full_disk_keeps_the_document_and_the_old_file() {
    let dir = temp_dir("full");
    let Some(disk) = Tmpfs::mount(&dir, "160k") else {
        return;
    };
    // The old file takes about half of the disk; the new one would need more than is left.
    let file = small_file(&disk.0);
    check_failed_save(&file, &["No space left", "space"]);
}

#[test]
fn a_write_failing_with_no_space_removes_its_temporary_and_keeps_the_old_file() {
    // /dev/full fails every write with ENOSPC: the body of the save is sent there.
    let dir = temp_dir("dev-full");
    let file = dir.join("kept.ron");
    std::fs::write(&file, b"old contents").unwrap_or_else(|e| panic!("{e}"));
    let err = write_atomic_with(&file, |_| {
        std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")?
            .write_all(&[b'x'; 8192])
    })
    .err();
    assert_eq!(err.map(|e| e.kind()), Some(std::io::ErrorKind::StorageFull));
    assert_eq!(read(&file), b"old contents");
    assert!(temporaries(&file).is_empty());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_save_into_an_unwritable_folder_keeps_the_document_and_the_old_file() {
    let dir = temp_dir("unwritable");
    if is_root() {
        // Folder permissions do not stop root: a read-only file system does.
        let Some(disk) = Tmpfs::mount(&dir, "1m") else {
            return;
        };
        let file = small_file(&disk.0);
        disk.read_only();
        check_failed_save(&file, &["Read-only file system"]);
    } else {
        use std::os::unix::fs::PermissionsExt;
        let file = small_file(&dir);
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555))
            .unwrap_or_else(|e| panic!("{e}"));
        check_failed_save(&file, &["Permission denied"]);
        let _ = std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755));
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[test]
fn a_save_over_a_read_only_file_is_refused_and_keeps_the_document_and_the_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir("read-only-file");
    let file = small_file(&dir);
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o444))
        .unwrap_or_else(|e| panic!("{e}"));
    check_failed_save(&file, &["read-only"]);
    // Made writable again, the same save goes through.
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644))
        .unwrap_or_else(|e| panic!("{e}"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// The environment variable that makes `child_saving_in_a_loop` work: `TARGET|A|B`.
const SAVE_LOOP: &str = "TIDELINE_FAULTS_SAVE_LOOP";
/// The environment variable that makes `child_editing_with_recovery` work: `FILE|COPY`.
const EDIT_AND_WAIT: &str = "TIDELINE_FAULTS_EDIT_AND_WAIT";

/// This test binary, running one child test with `var` set to `value`; stdout piped.
fn spawn_child(test: &str, var: &str, value: &str) -> Child {
    let exe = std::env::current_exe().unwrap_or_else(|e| panic!("{e}"));
    Process::new(exe)
        .args([test, "--exact", "--nocapture", "--test-threads=1"])
        .env(var, value)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"))
}

/// Waits until the child prints `child-ready` (or ends).
fn wait_ready(child: &mut Child) -> bool {
    let Some(out) = child.stdout.take() else {
        return false;
    };
    BufReader::new(out)
        .lines()
        .map_while(Result::ok)
        .any(|l| l.trim_end().ends_with("child-ready"))
}

/// In the child: writes A and B over the target in turn with the real atomic writer, forever.
#[test]
fn child_saving_in_a_loop() {
    let Ok(job) = std::env::var(SAVE_LOOP) else {
        return;
    };
    let parts: Vec<&str> = job.split('|').collect();
    let (target, texts) = (
        Path::new(parts[0]),
        [read_text(parts[1]), read_text(parts[2])],
    );
    println!("child-ready");
    let _ = std::io::stdout().flush();
    for k in 0.. {
        let _ = write_atomic(target, &texts[(k + 1) % 2]);
    }
}

fn read_text(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{e}"))
}

/// A small generator for the kill delays (no randomness crate needed), seeded by the clock.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

#[test]
fn a_save_killed_at_any_moment_leaves_the_old_or_the_new_file_whole() {
    let dir = temp_dir("killed");
    // Two versions of about 1.5 MB each, so that a write takes a while and kills land in it.
    let texts = [
        ron(&large_scenario(1_500_000, 'a')),
        ron(&large_scenario(1_500_000, 'b')),
    ];
    for (i, t) in texts.iter().enumerate() {
        assert!(parse_ron(t.as_bytes(), "v").is_ok(), "version {i} parses");
    }
    let (a, b) = (dir.join("a.txt"), dir.join("b.txt"));
    std::fs::write(&a, &texts[0]).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&b, &texts[1]).unwrap_or_else(|e| panic!("{e}"));
    let target = dir.join("scenario.ron");
    std::fs::write(&target, &texts[0]).unwrap_or_else(|e| panic!("{e}"));
    let seed = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64);
    eprintln!("kill delays seeded with {seed}");
    let mut rng = Lcg(seed);
    let job = format!("{}|{}|{}", target.display(), a.display(), b.display());
    let (mut seen, mut leftovers) = ([0; 2], 0);
    for kill in 0..60 {
        let mut child = spawn_child("child_saving_in_a_loop", SAVE_LOOP, &job);
        assert!(wait_ready(&mut child), "the child started");
        std::thread::sleep(Duration::from_micros(rng.below(80_000)));
        child.kill().unwrap_or_else(|e| panic!("{e}")); // SIGKILL
        let _ = child.wait();
        let now = read(&target);
        let which = texts.iter().position(|t| t.as_bytes() == now.as_slice());
        let Some(which) = which else {
            panic!(
                "after kill {kill} the file is neither version whole ({} bytes)",
                now.len()
            );
        };
        seen[which] += 1;
        leftovers = leftovers.max(temporaries(&target).len());
    }
    eprintln!(
        "after 60 kills: old {} times, new {} times; at most {leftovers} temporaries left",
        seen[0], seen[1]
    );
    assert!(seen[1] > 0, "some kills came after a finished save");

    // Leftover temporaries do not disturb the next save, which removes those over a minute old.
    let old = SystemTime::now() - Duration::from_secs(120);
    for t in temporaries(&target) {
        let f = std::fs::File::options().write(true).open(&t);
        f.and_then(|f| f.set_modified(old))
            .unwrap_or_else(|e| panic!("{e}"));
    }
    write_atomic(&target, &texts[0]).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(read(&target), texts[0].as_bytes());
    assert!(
        temporaries(&target).is_empty(),
        "{:?}",
        temporaries(&target)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// In the child: the window opens FILE, an edit is made, and once the recovery copy (COPY) is
/// written the child says `child-ready` and waits to be killed.
#[test]
fn child_editing_with_recovery() {
    let Ok(job) = std::env::var(EDIT_AND_WAIT) else {
        return;
    };
    let (file, copy) = job.split_once('|').unwrap_or_else(|| panic!("{job}"));
    let mut app = app();
    app.set_recovery_file_every(Some(PathBuf::from(copy)), Duration::from_millis(50));
    assert!(app.open(Path::new(file)));
    app.execute(Command::Edit(edit()));
    let mut h = harness(app);
    let start = Instant::now();
    while !Path::new(copy).exists() && start.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(20));
        h.run();
    }
    println!("child-ready");
    let _ = std::io::stdout().flush();
    std::thread::sleep(Duration::from_secs(600));
}

#[test]
fn the_recovery_copy_brings_back_the_work_of_a_killed_window() {
    let dir = temp_dir("recovered");
    let file = small_file(&dir);
    let copy = dir.join("recovery.ron");
    let mut child = spawn_child(
        "child_editing_with_recovery",
        EDIT_AND_WAIT,
        &format!("{}|{}", file.display(), copy.display()),
    );
    assert!(wait_ready(&mut child));
    child.kill().unwrap_or_else(|e| panic!("{e}"));
    let _ = child.wait();
    assert!(copy.exists(), "the killed window left its recovery copy");

    // What the killed window held: the file with the edit.
    let on_disk = load_path(&file).unwrap_or_else(|e| panic!("{e}"));
    let expected = edit::apply(&on_disk, &edit()).unwrap_or_else(|e| panic!("{e}"));
    assert_ne!(expected, on_disk);

    let mut next = app();
    next.set_recovery_file(Some(copy.clone()));
    next.offer_recovery();
    let mut h = harness(next);
    assert!(h.query_by_label("Restore").is_some(), "the work is offered");
    h.get_by_label("Restore").click();
    h.run();
    assert_eq!(h.state().scenario, expected, "the unsaved work is back");
    assert!(h.state().is_dirty(), "and still unsaved");
    let canonical = std::fs::canonicalize(&file).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(h.state().path.as_deref(), Some(canonical.as_path()));
    // Saved, it reaches the file and the copy goes.
    h.state_mut().execute(Command::Save);
    h.run();
    h.state_mut().finish_file_jobs();
    h.run();
    h.state_mut().finish_file_jobs();
    assert_eq!(load_path(&file).ok(), Some(expected));
    assert!(!copy.exists(), "the copy is removed once saved");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Another program's version of `file`: the same scenario under another title.
fn change_on_disk(file: &Path, title: &str) -> Scenario {
    let mut s = load_path(file).unwrap_or_else(|e| panic!("{e}"));
    s.metadata.title = title.into();
    std::fs::write(file, ron(&s)).unwrap_or_else(|e| panic!("{e}"));
    s
}

/// The window regains focus, and its look at the file is done.
fn regain_focus(h: &mut Harness<'static, TidelineApp>) {
    h.event(egui::Event::WindowFocused(true));
    h.run();
    let ctx = h.ctx.clone();
    h.state_mut().finish_disk_look(&ctx);
    h.run();
}

fn opened(dir: &Path) -> (PathBuf, Harness<'static, TidelineApp>) {
    let file = small_file(dir);
    let mut app = app();
    assert!(app.open(&file));
    (file, harness(app))
}

#[test]
fn a_file_changed_on_disk_is_offered_for_reload_when_the_window_regains_focus() {
    let dir = temp_dir("changed");
    let (file, mut h) = opened(&dir);
    // Nothing changed: nothing asked; a file merely touched is not a change either.
    regain_focus(&mut h);
    assert!(h.query_by_label("Changed on disk").is_none());
    let f = std::fs::File::options().write(true).open(&file);
    f.and_then(|f| f.set_modified(SystemTime::now() + Duration::from_secs(5)))
        .unwrap_or_else(|e| panic!("{e}"));
    regain_focus(&mut h);
    assert!(
        h.query_by_label("Changed on disk").is_none(),
        "touched only"
    );

    let theirs = change_on_disk(&file, "Their version");
    h.run();
    assert!(
        h.query_by_label("Changed on disk").is_none(),
        "not before focus"
    );
    regain_focus(&mut h);
    assert!(h.query_by_label("Changed on disk").is_some(), "noticed");
    h.get_by_label("Reload").click();
    h.run();
    assert_eq!(h.state().scenario, theirs, "reloaded");
    assert!(!h.state().is_dirty());
    assert!(h.query_by_label("Changed on disk").is_none());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn reloading_over_unsaved_work_asks_first_and_keep_mine_is_not_asked_again() {
    let dir = temp_dir("changed-dirty");
    let (file, mut h) = opened(&dir);
    h.state_mut().execute(Command::Edit(edit()));
    let mine = h.state().scenario.clone();
    let theirs = change_on_disk(&file, "Their version");
    regain_focus(&mut h);
    assert!(h.query_by_label_contains("unsaved changes").is_some());
    // Keep mine: the question goes, and the same version is not offered again.
    h.get_by_label("Keep mine").click();
    h.run();
    assert_eq!(h.state().scenario, mine);
    regain_focus(&mut h);
    assert!(h.query_by_label("Changed on disk").is_none(), "asked once");

    // A newer version is offered; Reload asks about the unsaved work before replacing it.
    let theirs = {
        let _ = theirs;
        change_on_disk(&file, "Their second version")
    };
    regain_focus(&mut h);
    h.get_by_label("Reload").click();
    h.run();
    assert_eq!(
        h.state().scenario,
        mine,
        "nothing replaced before the answer"
    );
    assert!(
        h.query_by_label("Don't save").is_some(),
        "the unsaved work is asked about"
    );
    h.get_by_label("Don't save").click();
    h.run();
    assert_eq!(h.state().scenario, theirs);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_reload_of_a_file_that_no_longer_reads_keeps_the_document() {
    let dir = temp_dir("changed-broken");
    let (file, mut h) = opened(&dir);
    let before = h.state().scenario.clone();
    std::fs::write(&file, "(metadata: (format_version: 1").unwrap_or_else(|e| panic!("{e}"));
    regain_focus(&mut h);
    h.get_by_label("Reload").click();
    h.run();
    assert_eq!(h.state().scenario, before, "the document stays");
    assert!(
        h.state().load_errors.is_some(),
        "the file's problems are shown"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Saves and lets the save finish and its outcome show.
fn save(h: &mut Harness<'static, TidelineApp>) {
    h.state_mut().execute(Command::Save);
    h.run();
    h.state_mut().finish_file_jobs();
    h.run();
}

#[test]
fn a_save_over_a_file_changed_on_disk_asks_and_writes_nothing_until_told() {
    let dir = temp_dir("conflict");
    let (file, mut h) = opened(&dir);
    h.state_mut().execute(Command::Edit(edit()));
    let mine = h.state().scenario.clone();
    change_on_disk(&file, "Their version");
    let theirs_bytes = read(&file);

    // Saved without the window noticing first (no focus change): still not written over.
    save(&mut h);
    assert!(
        h.query_by_label("Save over another program's changes?")
            .is_some()
    );
    assert_eq!(read(&file), theirs_bytes, "their version is kept");
    assert!(h.state().is_dirty());
    assert!(
        h.state().status.contains("changed on disk"),
        "{}",
        h.state().status
    );
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(read(&file), theirs_bytes);

    // Asked again; Overwrite writes mine.
    save(&mut h);
    h.get_by_label("Overwrite").click();
    h.run();
    h.state_mut().finish_file_jobs();
    h.run();
    assert_eq!(load_path(&file).ok(), Some(mine.clone()));
    assert!(!h.state().is_dirty());
    // Now the file holds what was saved: the next save does not ask.
    h.state_mut().execute(Command::Edit(Edit::SetFamilyShare {
        family: "economic".into(),
        share: 0.4,
        locked: Vec::new(),
    }));
    save(&mut h);
    assert!(
        h.query_by_label("Save over another program's changes?")
            .is_none()
    );
    assert_eq!(load_path(&file).ok().as_ref(), Some(&h.state().scenario));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_save_conflict_can_discard_mine_and_reload_theirs() {
    let dir = temp_dir("conflict-reload");
    let (file, mut h) = opened(&dir);
    h.state_mut().execute(Command::Edit(edit()));
    let theirs = change_on_disk(&file, "Their version");
    save(&mut h);
    h.get_by_label("Discard mine and reload").click();
    h.run();
    assert_eq!(h.state().scenario, theirs);
    assert!(!h.state().is_dirty());
    let _ = std::fs::remove_dir_all(&dir);
}
