//! Inputs saved from fuzzing (`tests/data/fuzz/<target>/`), replayed through the same code
//! the fuzz targets run (`tests/fuzz_pipeline/mod.rs`; see the README's "Fuzzing"): each must
//! be answered (refused with an error, or accepted with every check of the target holding)
//! without a panic and in bounded time.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod fuzz_pipeline;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The fuzzing target is 1 s per input in a release build; tests run unoptimised on a shared
/// machine, so they are given ten times as long.
const BOUND: Duration = Duration::from_secs(10);

fn inputs(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/fuzz")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no saved inputs in {}", dir.display());
    files
}

/// Runs `run` on every saved input of `target` within [`BOUND`]; returns each file's name
/// with what `run` said.
fn replay<T>(target: &str, run: impl Fn(&[u8]) -> T) -> Vec<(String, T)> {
    inputs(target)
        .into_iter()
        .map(|path| {
            let data = std::fs::read(&path).unwrap();
            let start = Instant::now();
            let out = run(&data);
            let took = start.elapsed();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            assert!(took < BOUND, "{target}/{name} took {took:?}");
            (name, out)
        })
        .collect()
}

fn outcome<'a, T>(results: &'a [(String, T)], name: &str) -> &'a T {
    &results
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no saved input {name}"))
        .1
}

/// Found by the `scenario` target within its first minute (92 inputs, all one bug): a RON map
/// used as the key of a map, whose own key ends the file (`{{"a`), left the locator that
/// places a parse error one byte past the end, and slicing the outer key panicked
/// (`files/locate.rs`). Each is now refused with a located parse error; the fuzzer's smallest
/// input (990 bytes, a scenario cut and spliced), the four bytes of the idea, and 20,000 nested
/// maps at the end of a file. 20,000 nested lists must be refused too, in bounded time.
#[test]
fn scenario_inputs_are_refused_with_a_located_error() {
    let results = replay("scenario", fuzz_pipeline::scenario);
    for (name, loaded) in &results {
        assert!(!loaded, "{name} loaded");
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/fuzz/scenario")
            .join(name);
        let data = std::fs::read(path).unwrap();
        let err = tideline::files::scenario_file::parse_ron(&data, name).unwrap_err();
        let first = &err.diagnostics[0];
        assert!(first.location.is_some(), "{name}: {first}");
    }
    assert!(!outcome(&results, "map-key-cut-short.ron"));
    assert!(!outcome(&results, "crash-locate-map-key-at-end.ron"));
}

/// The largest seed, the built-in scenario (82 KB: ten options, twelve criteria, five profiles,
/// costs and uncertainty), goes through the whole `scenario` pipeline in bounded time.
#[test]
fn the_largest_seed_goes_through_the_whole_pipeline() {
    let data = tideline::files::scenario_file::DEFAULT_SCENARIO.as_bytes();
    let start = Instant::now();
    assert!(fuzz_pipeline::scenario(data));
    assert!(start.elapsed() < BOUND, "took {:?}", start.elapsed());
}

/// Room requests (ROOM-PROTOCOL.md's status codes): a whole submission then a status poll are
/// taken; a submission with a family twice, an infinite and a negative weight and an unknown
/// id is `invalid` (422); a body that is not JSON is `malformed` (400), as is JSON sent as
/// another type, and an unknown path is 404; three wrong PINs are each 401.
#[test]
fn room_requests_get_the_protocols_answers() {
    let results = replay("room_submit", fuzz_pipeline::room_submit);
    assert_eq!(outcome(&results, "submit-then-status"), &[200, 200]);
    assert_eq!(outcome(&results, "submit-dup-keys"), &[422]);
    assert_eq!(outcome(&results, "malformed"), &[400, 400, 404]);
    assert_eq!(outcome(&results, "join-wrong-pin"), &[401, 401, 401]);
}

/// CSV matrices: the full example of docs/scenario-format.md imports (and survives save and
/// load); quoted cells with line breaks, doubled quotes and formula guards, and the largest
/// entry of the fuzzing corpus, are answered in bounded time.
#[test]
fn csv_inputs_are_answered() {
    let results = replay("csv_import", fuzz_pipeline::csv_import);
    assert!(outcome(&results, "full.csv"));
}

/// Weights forms: the form `tideline weights-form` writes for the built-in scenario, given a
/// new participant and other points, is accepted and goes in as a checked edit; the largest
/// entry of the fuzzing corpus is answered in bounded time.
#[test]
fn weights_inputs_are_answered() {
    let results = replay("weights_import", fuzz_pipeline::weights_import);
    assert!(outcome(&results, "form.ron"));
}
