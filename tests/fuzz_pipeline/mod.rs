//! What each fuzz target runs on one input, shared by the targets in `fuzz/` (through
//! `#[path]`) and by `tests/fuzz_regressions.rs`, so a saved input is replayed through exactly
//! the code that found it. Each function panics when an invariant breaks; a refused input is
//! not a failure.

use std::net::{IpAddr, Ipv4Addr};
use std::num::NonZeroUsize;
use std::sync::LazyLock;
use std::time::Instant;

use tideline::analysis::portfolio;
use tideline::analysis::scoring::score_with;
use tideline::analysis::sensitivity::{self, Sensitivity, Target};
use tideline::analysis::smaa::{self, Control, Request, WeightInfo};
use tideline::files::weights_form::{self, import};
use tideline::files::{csv_import, scenario_file};
use tideline::room::{Limits, State, answer_post, profile_from};
use tideline::scenario::edit::{self, Edit};
use tideline::scenario::model::{Method, Scenario};

/// The built-in scenario: what weights files and the room are read against.
static BUILT_IN: LazyLock<Scenario> =
    LazyLock::new(|| scenario_file::default_scenario().expect("the built-in scenario loads"));

/// Branch-and-bound nodes the portfolio search may visit: enough for every seed scenario,
/// few enough to answer within the time limit.
const PORTFOLIO_NODES: u64 = 20_000;

/// Draws of the short SMAA run.
const DRAWS: u32 = 40;

/// `scenario`: bytes read and checked as `tideline check` reads a `.ron` file, scored with
/// every method under every normalisation it allows, the one-way sensitivity of the
/// scenario's own method, a short SMAA run (the kind of weight information picked by the
/// input's length), the best portfolio when options have costs (a bounded search), then saved
/// as text and read again, which must give the same scenario. `true` when the bytes loaded.
pub fn scenario(data: &[u8]) -> bool {
    let Ok(scenario) = scenario_file::parse_ron(data, "fuzz.ron") else {
        return false;
    };
    analyse(&scenario, data.len());
    round_trip(&scenario);
    true
}

fn analyse(s: &Scenario, salt: usize) {
    let profile = s.active_profile_index();
    for method in Method::ALL {
        for &normalization in method.normalizations() {
            if let Ok(r) = score_with(s, profile, method, normalization) {
                let n = s.options.len();
                assert_eq!(r.ranks.len(), n);
                assert!(
                    r.ranks.iter().all(|&k| (1..=n).contains(&k)),
                    "rank out of 1..={n}"
                );
            }
        }
    }
    let st = &s.settings;
    let normalization = st.method.normalization_for(st.normalization);
    if let Ok(sens) = Sensitivity::new(s, profile, st.method, normalization) {
        let settings = sensitivity::Settings::default();
        let _ = sens.summary(&settings);
        if !s.criteria.is_empty() {
            let _ = sens.sweep(Target::Criterion(salt % s.criteria.len()), &settings);
        }
    }
    let req = Request {
        weights: WeightInfo::ALL[salt % WeightInfo::ALL.len()],
        draws: DRAWS,
        ..Request::from_settings(s)
    };
    let control = Control {
        threads: NonZeroUsize::new(1),
        ..Control::default()
    };
    if let Ok(result) = smaa::run(s, &req, &control) {
        for o in &result.options {
            let sum: f64 = o.rank_acceptability.iter().sum();
            assert!(
                (sum - 1.0).abs() < 1e-9,
                "rank acceptabilities sum to {sum}"
            );
        }
    }
    if s.options.iter().any(|o| o.cost.is_some())
        && let Ok(inst) = portfolio::scored(s, profile, st.method, normalization, st.budget)
        && let Ok(best) = portfolio::best_within(&inst, PORTFOLIO_NODES)
        && let Some(budget) = inst.budget
    {
        let cost: f64 = best.members.iter().map(|&i| inst.items[i].cost).sum();
        assert!(
            cost <= budget + 1e-9 * budget.abs().max(1.0),
            "the best portfolio costs {cost}, over the budget {budget}"
        );
    }
}

/// Saves `scenario` as text and reads it back: it must load, unchanged.
fn round_trip(scenario: &Scenario) {
    let text = scenario_file::to_ron(scenario).expect("a loaded scenario saves");
    let again = scenario_file::parse_ron(text.as_bytes(), "saved.ron")
        .unwrap_or_else(|e| panic!("a saved scenario does not load:\n{e}"));
    assert!(again == *scenario, "save → load changed the scenario");
}

/// `csv_import`: bytes through the CSV matrix import, as `tideline check file.csv` and
/// File › Open read it; a matrix that imports is saved and read back unchanged.
pub fn csv_import(data: &[u8]) -> bool {
    let Ok(scenario) = csv_import::parse_csv(data, "fuzz.csv") else {
        return false;
    };
    round_trip(&scenario);
    true
}

/// `weights_import`: bytes read against the built-in scenario as one weights form
/// (`read_form`) and as a file of profiles, forms or whole scenarios (`import_bytes`, what
/// Weights › Import and `tideline merge-profiles` run). Whatever is accepted must go into the
/// scenario as the one checked edit the window applies. `true` when a profile was accepted.
pub fn weights_import(data: &[u8]) -> bool {
    let target = &*BUILT_IN;
    let mut accepted = false;
    if let Ok(profile) = weights_form::read_form(data, "fuzz.ron", target) {
        accepted = true;
        if let Err(e) = edit::apply(target, &Edit::ImportProfiles(vec![profile])) {
            panic!("a form read as good was refused by the scenario: {e}");
        }
    }
    let result = import::import_bytes(target, [("fuzz.ron".to_string(), data)]);
    if !result.profiles.is_empty() {
        accepted = true;
        if let Err(e) = edit::apply(target, &Edit::ImportProfiles(result.profiles)) {
            panic!("imported profiles were refused by the scenario: {e}");
        }
    }
    accepted
}

/// The room's PIN in `room_submit`'s state.
pub const PIN: &str = "123456";
const PATHS: [&str; 4] = ["/api/join", "/api/submit", "/api/status", "/api/other"];
const TYPES: [Option<&str>; 5] = [
    Some("application/json"),
    Some("application/json; charset=utf-8"),
    Some(" Application/JSON ;x"),
    Some("text/plain"),
    None,
];

/// `room_submit`: the room's endpoints as the server answers them once a body has arrived
/// (`room::answer_post`: route, content type, size, then `State`'s reading and checks), with no
/// socket, on a session of the built-in scenario that one delegation has joined. The input is
/// up to 16 requests separated by NUL bytes: in each the first byte picks the path, the second
/// the `Content-Type` (both modulo their count, so a seed writes join as 4 and JSON as 5), the
/// rest is the body, where `@TOKEN@` stands for the joined delegation's
/// token (so bodies reach past the token check). Every answer must be a status with the
/// protocol's error code, and every submission taken must become a profile the scenario
/// accepts. Returns the statuses.
pub fn room_submit(data: &[u8]) -> Vec<u16> {
    let scenario = &*BUILT_IN;
    let mut state = State::new(PIN.to_string(), Limits::default(), scenario);
    let ip = IpAddr::V4(Ipv4Addr::new(192, 168, 1, 20));
    let now = Instant::now();
    let join = format!(r#"{{"pin":"{PIN}","delegation":"Fuzzland"}}"#);
    let joined = answer_post(&mut state, ip, "/api/join", TYPES[0], join.as_bytes(), now);
    assert_eq!(joined.status, 200, "the harness's own join failed");
    let token = joined.body["token"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let mut statuses = Vec::new();
    for request in data.split(|&b| b == 0).take(16) {
        let [path, kind, body @ ..] = request else {
            continue;
        };
        let path = PATHS[usize::from(*path) % PATHS.len()];
        let kind = TYPES[usize::from(*kind) % TYPES.len()];
        let body = replace(body, b"@TOKEN@", token.as_bytes());
        let reply = answer_post(&mut state, ip, path, kind, &body, now);
        assert!(
            (200..600).contains(&reply.status),
            "status {}",
            reply.status
        );
        if reply.status != 200 {
            assert!(
                reply.body["error"].is_string(),
                "an error answer without its code: {}",
                reply.body
            );
        }
        statuses.push(reply.status);
    }
    for submission in state.take_submissions() {
        let profile = profile_from(&submission, scenario);
        if let Err(e) = edit::apply(scenario, &Edit::ImportProfiles(vec![profile])) {
            panic!("a submission the room took was refused by the scenario: {e}");
        }
    }
    statuses
}

/// `haystack` with every `needle` replaced by `with`.
fn replace(haystack: &[u8], needle: &[u8], with: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(haystack.len());
    let mut rest = haystack;
    while let Some((&first, tail)) = rest.split_first() {
        if let Some(after) = rest.strip_prefix(needle) {
            out.extend_from_slice(with);
            rest = after;
        } else {
            out.push(first);
            rest = tail;
        }
    }
    out
}
