//! The room's server over loopback, through a small raw-HTTP client: every hostile or clumsy
//! request is refused with the protocol's status and code and delivers nothing; valid
//! submissions arrive once each; a slow client blocks nobody; closing frees the port; 200
//! participants submitting at once lose nothing.

#[path = "room/client.rs"]
mod client;

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use client::{Answer, get, join_body, post, raw, submit_body};
use serde_json::{Value, json};
use tideline::files::scenario_file::default_scenario;
use tideline::room::{Limits, RoomConfig, Session, Submission, profile_from};
use tideline::scenario::model::Scenario;

fn scenario() -> Scenario {
    default_scenario().unwrap_or_else(|e| panic!("{e}"))
}

fn loopback(limits: Limits) -> RoomConfig {
    RoomConfig {
        bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
        port: 0,
        limits,
    }
}

fn open_with(limits: Limits) -> (Session, SocketAddr, Arc<AtomicUsize>) {
    let woken = Arc::new(AtomicUsize::new(0));
    let w = Arc::clone(&woken);
    let session = Session::open(
        &loopback(limits),
        &scenario(),
        Box::new(move || {
            w.fetch_add(1, Ordering::SeqCst);
        }),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let addr = session.local_addr();
    (session, addr, woken)
}

fn open() -> (Session, SocketAddr, Arc<AtomicUsize>) {
    open_with(Limits::default())
}

/// Equal weights for every family and criterion of the scenario, each `w`.
fn weights(s: &Scenario, w: f64) -> (Value, Value) {
    let f: serde_json::Map<String, Value> = s
        .families
        .iter()
        .map(|f| (f.id.clone(), json!(w)))
        .collect();
    let c: serde_json::Map<String, Value> = s
        .criteria
        .iter()
        .map(|c| (c.id.clone(), json!(w)))
        .collect();
    (Value::Object(f), Value::Object(c))
}

fn join(addr: SocketAddr, pin: &str, name: &str) -> String {
    let a = post(addr, "/api/join", &join_body(pin, name, None));
    assert_eq!(a.status, 200, "{}", a.body);
    a.json()["token"].as_str().unwrap_or_default().to_string()
}

fn assert_refused(a: &Answer, status: u16, code: &str) {
    assert_eq!(a.status, status, "{}", a.body);
    assert_eq!(a.json()["error"], code, "{}", a.body);
    assert!(a.json()["message"].as_str().is_some_and(|m| !m.is_empty()));
}

#[test]
fn the_page_and_its_files_are_served_with_strict_headers() {
    let (_session, addr, _) = open();
    for (path, kind) in [
        ("/", "text/html; charset=utf-8"),
        ("/room.css", "text/css; charset=utf-8"),
        ("/room.js", "text/javascript; charset=utf-8"),
    ] {
        let a = get(addr, path);
        assert_eq!(a.status, 200, "{path}");
        assert_eq!(a.header("content-type"), Some(kind), "{path}");
    }
    assert!(get(addr, "/").body.contains("Tideline"));
    // Every response, refusals included, carries the strict headers.
    let answers = [
        get(addr, "/"),
        get(addr, "/room.js"),
        get(addr, "/nothing"),
        get(addr, "/api/join"),
        post(addr, "/api/join", "{"),
        post(addr, "/api/join", &join_body("000000x", "Kenya", None)),
    ];
    for a in &answers {
        assert_eq!(
            a.header("content-security-policy"),
            Some(
                "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; \
                 img-src 'self' data:; form-action 'none'; frame-ancestors 'none'; base-uri 'none'"
            ),
            "{} {}",
            a.status,
            a.body
        );
        assert_eq!(a.header("cache-control"), Some("no-store"));
        assert_eq!(a.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(a.header("referrer-policy"), Some("no-referrer"));
        assert_eq!(a.header("x-frame-options"), Some("DENY"));
    }
}

#[test]
fn unknown_paths_and_wrong_methods_are_refused() {
    let (session, addr, _) = open();
    assert_refused(&get(addr, "/admin"), 404, "not_found");
    assert_refused(&get(addr, "/../Cargo.toml"), 404, "not_found");
    assert_refused(&get(addr, "/api/join"), 405, "method");
    let a = raw(
        addr,
        b"DELETE / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert_refused(&a, 405, "method");
    assert_eq!(a.header("allow"), Some("GET, HEAD"));
    let a = raw(
        addr,
        b"PUT /api/submit HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}",
    );
    assert_refused(&a, 405, "method");
    assert!(session.take_submissions().is_empty());
}

#[test]
fn join_gives_a_token_the_scenario_and_equal_starting_point() {
    let s = scenario();
    let (session, addr, woken) = open();
    let a = post(
        addr,
        "/api/join",
        &join_body(session.pin(), "  Kenya ", None),
    );
    assert_eq!(a.status, 200, "{}", a.body);
    let v = a.json();
    let token = v["token"].as_str().unwrap_or_default();
    assert_eq!(token.len(), 32);
    assert!(token.bytes().all(|b| b.is_ascii_hexdigit()));
    assert_eq!(v["scenario"]["title"], s.metadata.title.as_str());
    let families = v["scenario"]["families"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(families.len(), s.families.len());
    let criteria: usize = families
        .iter()
        .map(|f| f["criteria"].as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(criteria, s.criteria.len());
    assert_eq!(v["open"], true);
    assert_eq!(v["revealed"], false);
    assert_eq!(v["submitted"], Value::Null);
    let people = session.participants();
    assert_eq!(people.len(), 1);
    assert_eq!(people[0].delegation, "Kenya");
    assert_eq!(people[0].revision, 0);
    assert!(woken.load(Ordering::SeqCst) >= 1);
    // The same token and name resume the same participant.
    let again = post(
        addr,
        "/api/join",
        &join_body(session.pin(), "Kenya", Some(token)),
    );
    assert_eq!(again.json()["token"], token);
    assert_eq!(session.participants().len(), 1);
}

/// Nothing arrived and nobody new joined.
fn assert_unchanged(session: &Session, participants: usize) {
    assert!(session.take_submissions().is_empty());
    assert_eq!(session.participants().len(), participants);
}

#[test]
fn a_wrong_pin_is_refused_and_changes_nothing() {
    let (session, addr, woken) = open();
    let wrong = if session.pin() == "000000" {
        "000001"
    } else {
        "000000"
    };
    for pin in [wrong, "", "12345", "1234567", "abcdef"] {
        let a = post(addr, "/api/join", &join_body(pin, "Kenya", None));
        assert_refused(&a, 401, "wrong_pin");
    }
    assert_unchanged(&session, 0);
    assert_eq!(woken.load(Ordering::SeqCst), 0);
}

#[test]
fn repeated_wrong_pins_are_slowed_then_blocked() {
    // Default limits: five wrong PINs, then a wait of 1 s that even the right PIN must honour.
    let (session, addr, _) = open();
    let wrong = if session.pin() == "000000" {
        "000001"
    } else {
        "000000"
    };
    for _ in 0..5 {
        let a = post(addr, "/api/join", &join_body(wrong, "Kenya", None));
        assert_refused(&a, 401, "wrong_pin");
    }
    let a = post(addr, "/api/join", &join_body(session.pin(), "Kenya", None));
    assert_refused(&a, 429, "slow_down");
    assert_eq!(a.header("retry-after"), Some("1"));
    assert_unchanged(&session, 0);

    // Waits of a few milliseconds, so that twenty wrong PINs are quickly reached.
    let limits = Limits {
        first_wait: Duration::from_millis(2),
        max_wait: Duration::from_millis(4),
        ..Limits::default()
    };
    let (session, addr, _) = open_with(limits);
    let wrong = if session.pin() == "000000" {
        "000001"
    } else {
        "000000"
    };
    let (mut wrong_answers, mut waits) = (0, 0);
    while wrong_answers < 20 {
        let a = post(addr, "/api/join", &join_body(wrong, "Kenya", None));
        match a.status {
            401 => wrong_answers += 1,
            429 => {
                waits += 1;
                std::thread::sleep(Duration::from_millis(5));
            }
            other => panic!("unexpected {other}: {}", a.body),
        }
        assert!(waits < 1000, "never reached twenty wrong PINs");
    }
    assert!(waits > 0, "no try was slowed");
    std::thread::sleep(Duration::from_millis(10));
    // Blocked for the rest of the session, the right PIN too, on every endpoint.
    let a = post(addr, "/api/join", &join_body(session.pin(), "Kenya", None));
    assert_refused(&a, 403, "blocked");
    let body = json!({"pin": session.pin(), "token": "0".repeat(32)}).to_string();
    assert_refused(&post(addr, "/api/status", &body), 403, "blocked");
    assert_unchanged(&session, 0);
}

#[test]
fn oversized_and_malformed_bodies_are_refused() {
    let (session, addr, _) = open();
    let token = join(addr, session.pin(), "Kenya");
    // Declared too large: refused before it is read.
    let big = format!(
        r#"{{"pin":"{}","token":"{token}","pad":"{}"}}"#,
        session.pin(),
        "x".repeat(17_000)
    );
    assert_refused(&post(addr, "/api/submit", &big), 413, "too_large");
    // Too large without a declared length (chunked): cut off while read.
    let chunked = format!(
        "POST /api/join HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
         Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n{:x}\r\n{big}\r\n0\r\n\r\n",
        big.len()
    );
    assert_refused(&raw(addr, chunked.as_bytes()), 413, "too_large");
    let pin = session.pin();
    for body in [
        "{".to_string(),
        "not json".to_string(),
        "[]".to_string(),
        "null".to_string(),
        json!({"pin": pin}).to_string(),
        json!({"pin": pin, "token": token, "families": [1, 2], "criteria": {}}).to_string(),
        json!({"pin": 123456, "token": token}).to_string(),
        "\u{0}\u{1}".to_string(),
    ] {
        assert_refused(&post(addr, "/api/submit", &body), 400, "malformed");
    }
    // JSON must say so: a form post (which a foreign page may send without asking) is refused.
    let form = format!(
        "POST /api/join HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n{}",
        join_body(pin, "Chile", None).len(),
        join_body(pin, "Chile", None)
    );
    assert_refused(&raw(addr, form.as_bytes()), 400, "malformed");
    // A head past 16 KiB (one endless header line): refused or dropped once the buffer is full.
    let mut endless = TcpStream::connect(addr).unwrap_or_else(|e| panic!("{e}"));
    let _ = endless.set_read_timeout(Some(Duration::from_secs(5)));
    let _ = endless.write_all(b"GET / HTTP/1.1\r\nX-Long: ");
    let _ = endless.write_all(&vec![b'a'; 100_000]);
    let mut bytes = Vec::new();
    let t = Instant::now();
    let _ = endless.read_to_end(&mut bytes);
    assert!(t.elapsed() < Duration::from_secs(3), "{:?}", t.elapsed());
    let status = client::parse(&bytes).status;
    assert!(status == 0 || status == 431, "{status}");
    // Garbage that is not HTTP at all: the connection is dropped and the server goes on.
    let _ = raw(addr, b"\x00\xff\xfe garbage\r\n\r\n");
    let _ = raw(addr, b"GET / HTTP/9.9\r\n\r\n");
    assert_eq!(get(addr, "/").status, 200);
    assert_unchanged(&session, 1);
}

#[test]
fn invalid_weights_are_refused_and_deliver_nothing() {
    let s = scenario();
    // Refusals count against the rate too; room for all of them here.
    let limits = Limits {
        submit_burst: 100.0,
        ..Limits::default()
    };
    let (session, addr, _) = open_with(limits);
    let pin = session.pin().to_string();
    let token = join(addr, &pin, "Kenya");
    let (families, criteria) = weights(&s, 1.0);
    let f0 = s.families[0].id.clone();
    let c0 = s.criteria[0].id.clone();
    let with = |v: &Value, id: &str, w: &str| -> String {
        // Written by hand so that `1e999` and strings reach the server as typed.
        let mut text = v.to_string();
        let at = format!("\"{id}\":1.0");
        assert!(text.contains(&at), "{text}");
        text = text.replace(&at, &format!("\"{id}\":{w}"));
        text
    };
    let body = |f: String, c: String| {
        format!(r#"{{"pin":"{pin}","token":"{token}","families":{f},"criteria":{c}}}"#)
    };
    let mut cases: Vec<(String, &str)> = Vec::new();
    for bad in [
        "-1", "1e999", "-1e999", "\"1\"", "null", "true", "[1]", "2e6", "{}",
    ] {
        cases.push((body(with(&families, &f0, bad), criteria.to_string()), bad));
        cases.push((body(families.to_string(), with(&criteria, &c0, bad)), bad));
    }
    // An unknown id, a missing one, one given twice.
    let mut unknown = families.clone();
    unknown["nope"] = json!(1);
    cases.push((
        body(unknown.to_string(), criteria.to_string()),
        "unknown id",
    ));
    let mut missing = criteria.clone();
    if let Some(m) = missing.as_object_mut() {
        m.remove(&c0);
    }
    cases.push((
        body(families.to_string(), missing.to_string()),
        "missing id",
    ));
    let twice = criteria
        .to_string()
        .replacen('{', &format!("{{\"{c0}\":2,"), 1);
    cases.push((body(families.to_string(), twice), "id twice"));
    // Nothing weighed: all families 0; a weighed family whose criteria are all 0.
    let (zero_f, zero_c) = weights(&s, 0.0);
    cases.push((
        body(zero_f.to_string(), criteria.to_string()),
        "families all 0",
    ));
    let mut c_zero_in_f0 = criteria.clone();
    for c in s.criteria.iter().filter(|c| c.family == f0) {
        c_zero_in_f0[&c.id] = json!(0);
    }
    cases.push((
        body(families.to_string(), c_zero_in_f0.to_string()),
        "criteria of a family all 0",
    ));
    cases.push((
        body(families.to_string(), zero_c.to_string()),
        "criteria all 0",
    ));
    for (b, why) in &cases {
        let a = post(addr, "/api/submit", b);
        assert_eq!(a.status, 422, "{why}: {}", a.body);
        assert_eq!(a.json()["error"], "invalid", "{why}");
    }
    assert_unchanged(&session, 1);
    assert_eq!(session.participants()[0].revision, 0);
}

#[test]
fn bad_names_and_taken_names_are_refused() {
    let (session, addr, _) = open();
    let pin = session.pin().to_string();
    for name in [
        "".to_string(),
        "   ".to_string(),
        "x".repeat(61),
        "Ken\u{7}ya".to_string(),
        "Ken\nya".to_string(),
        "Kenya\u{202E}".to_string(),
    ] {
        let a = post(addr, "/api/join", &join_body(&pin, &name, None));
        assert_refused(&a, 422, "invalid");
    }
    assert_unchanged(&session, 0);
    // Sixty characters of any script are a name.
    let sixty = "肯".repeat(60);
    join(addr, &pin, &sixty);
    let kenya = join(addr, &pin, "Kenya");
    // The same delegation under another token (or none), in other case or spacing: taken.
    for (name, token) in [
        ("Kenya", None),
        (" kenya ", None),
        ("KENYA", Some("0".repeat(32))),
    ] {
        let a = post(addr, "/api/join", &join_body(&pin, name, token.as_deref()));
        assert_refused(&a, 409, "name_taken");
    }
    assert_unchanged(&session, 2);
    // Its own token resumes it.
    let a = post(addr, "/api/join", &join_body(&pin, "Kenya", Some(&kenya)));
    assert_eq!(a.status, 200);
    assert_eq!(a.json()["token"], kenya.as_str());
}

#[test]
fn a_submission_and_a_revision_arrive_once_each() {
    let s = scenario();
    let (session, addr, woken) = open();
    let pin = session.pin().to_string();
    let token = join(addr, &pin, "Kenya");
    let before = woken.load(Ordering::SeqCst);
    let mut families = weights(&s, 1.0).0;
    let mut criteria = weights(&s, 1.0).1;
    families[&s.families[0].id] = json!(3);
    criteria[&s.criteria[0].id] = json!(0.25);
    let a = post(
        addr,
        "/api/submit",
        &submit_body(&pin, &token, &families, &criteria),
    );
    assert_eq!(a.status, 200, "{}", a.body);
    assert_eq!(a.json()["revision"], 1);
    let received = a.json()["received"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert_eq!(received.len(), 20, "{received}"); // 2026-12-02T19:32:05Z
    assert!(received.ends_with('Z'));
    assert!(woken.load(Ordering::SeqCst) > before);

    let got = session.take_submissions();
    assert_eq!(got.len(), 1);
    let first: &Submission = &got[0];
    assert_eq!(first.delegation, "Kenya");
    assert_eq!(first.revision, 1);
    assert_eq!(first.received, received);
    let f: HashMap<&str, f64> = first
        .families
        .iter()
        .map(|(k, w)| (k.as_str(), *w))
        .collect();
    let c: HashMap<&str, f64> = first
        .criteria
        .iter()
        .map(|(k, w)| (k.as_str(), *w))
        .collect();
    assert_eq!(f.len(), s.families.len());
    assert_eq!(c.len(), s.criteria.len());
    assert_eq!(f[s.families[0].id.as_str()], 3.0);
    assert_eq!(f[s.families[1].id.as_str()], 1.0);
    assert_eq!(c[s.criteria[0].id.as_str()], 0.25);
    assert_eq!(c[s.criteria[1].id.as_str()], 1.0);
    assert!(session.take_submissions().is_empty(), "delivered twice");

    // The profile it becomes.
    let p = profile_from(first, &s);
    assert_eq!(p.name, "Kenya");
    assert_eq!(p.id, "kenya");
    assert_eq!(p.family_weights.get(&s.families[0].id), Some(3.0));
    assert_eq!(p.criterion_weights.get(&s.criteria[0].id), Some(0.25));
    let mark = p.room.clone().unwrap_or_else(|| panic!("no room mark"));
    assert_eq!(
        (mark.submitted.as_str(), mark.revision),
        (received.as_str(), 1)
    );

    // A revision.
    families[&s.families[0].id] = json!(0);
    let a = post(
        addr,
        "/api/submit",
        &submit_body(&pin, &token, &families, &criteria),
    );
    assert_eq!(a.json()["revision"], 2, "{}", a.body);
    let got = session.take_submissions();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].revision, 2);
    assert_eq!(got[0].families[0], (s.families[0].id.clone(), 0.0));
    assert_eq!(session.participants()[0].revision, 2);
    // The phone that comes back finds its last submission; its status says submitted.
    let back = post(addr, "/api/join", &join_body(&pin, "Kenya", Some(&token))).json();
    assert_eq!(back["submitted"]["revision"], 2);
    assert_eq!(back["submitted"]["families"][&s.families[0].id], 0.0);
    let status = post(
        addr,
        "/api/status",
        &json!({"pin": pin, "token": token}).to_string(),
    );
    assert_eq!(status.json()["submitted"], true, "{}", status.body);
    assert_eq!(status.json()["result"], Value::Null);
}

#[test]
fn closed_sessions_removed_participants_rates_and_the_cap() {
    let s = scenario();
    let limits = Limits {
        max_participants: 2,
        // One submission every 2 s: a busy machine cannot refill the bucket during the burst.
        submits_per_second: 0.5,
        ..Limits::default()
    };
    let (session, addr, _) = open_with(limits);
    let pin = session.pin().to_string();
    let (families, criteria) = weights(&s, 1.0);
    let kenya = join(addr, &pin, "Kenya");
    let chile = join(addr, &pin, "Chile");
    assert_refused(
        &post(addr, "/api/join", &join_body(&pin, "Fiji", None)),
        503,
        "full",
    );

    session.set_open(false);
    let a = post(
        addr,
        "/api/submit",
        &submit_body(&pin, &kenya, &families, &criteria),
    );
    assert_refused(&a, 409, "closed");
    let status = post(
        addr,
        "/api/status",
        &json!({"pin": pin, "token": kenya}).to_string(),
    );
    assert_eq!(status.json()["open"], false);
    assert!(session.take_submissions().is_empty());
    session.set_open(true);

    session.remove("Chile");
    let a = post(
        addr,
        "/api/submit",
        &submit_body(&pin, &chile, &families, &criteria),
    );
    assert_refused(&a, 410, "unknown_participant");
    let a = post(
        addr,
        "/api/status",
        &json!({"pin": pin, "token": chile}).to_string(),
    );
    assert_refused(&a, 410, "unknown_participant");
    assert_refused(
        &post(
            addr,
            "/api/submit",
            &submit_body(&pin, &"f".repeat(32), &families, &criteria),
        ),
        410,
        "unknown_participant",
    );
    assert!(session.take_submissions().is_empty());
    assert_eq!(session.participants().len(), 1);

    // Five submissions at once, then the sixth must wait.
    for r in 1..=5 {
        let a = post(
            addr,
            "/api/submit",
            &submit_body(&pin, &kenya, &families, &criteria),
        );
        assert_eq!(a.json()["revision"], r, "{}", a.body);
    }
    let a = post(
        addr,
        "/api/submit",
        &submit_body(&pin, &kenya, &families, &criteria),
    );
    assert_refused(&a, 429, "slow_down");
    assert_eq!(a.header("retry-after"), Some("2"));
    // Untaken revisions are delivered once, as the latest.
    let got = session.take_submissions();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].revision, 5);
}

#[test]
fn the_group_result_reaches_the_phones_only_when_revealed() {
    let mut s = scenario();
    let (session, addr, _) = open();
    let pin = session.pin().to_string();
    let token = join(addr, &pin, "Kenya");
    let (families, criteria) = weights(&s, 1.0);
    post(
        addr,
        "/api/submit",
        &submit_body(&pin, &token, &families, &criteria),
    );
    for sub in session.take_submissions() {
        let p = profile_from(&sub, &s);
        s.profiles.push(p);
    }
    let status = |session: &Session| {
        post(
            addr,
            "/api/status",
            &json!({"pin": session.pin(), "token": token}).to_string(),
        )
        .json()
    };
    assert_eq!(status(&session)["revealed"], false);
    assert_eq!(status(&session)["result"], Value::Null);
    let members = tideline::room::room_profiles(&s);
    assert_eq!(members, vec![s.profiles.len() - 1]);
    let reveal = tideline::room::group_reveal(&s, &members).unwrap_or_else(|e| panic!("{e}"));
    // Equal family and criterion points: each criterion's share is its family's share split
    // evenly, computed here independently of the scoring code.
    for w in &reveal.weights {
        let family = s
            .criteria
            .iter()
            .find(|c| c.id == w.id)
            .map(|c| c.family.clone());
        let members = s
            .criteria
            .iter()
            .filter(|c| Some(&c.family) == family.as_ref())
            .count();
        let expected = 1.0 / s.families.len() as f64 / members as f64;
        assert!(
            (w.share - expected).abs() < 1e-12,
            "{}: {} vs {expected}",
            w.id,
            w.share
        );
    }
    session.reveal(Some(reveal.clone()));
    let v = status(&session);
    assert_eq!(v["revealed"], true);
    let ranking = v["result"]["ranking"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(ranking.len(), s.options.len());
    assert_eq!(ranking[0]["rank"], 1);
    assert_eq!(ranking[0]["id"], reveal.ranking[0].id.as_str());
    session.reveal(None);
    assert_eq!(status(&session)["result"], Value::Null);
}

#[test]
fn a_slow_client_blocks_nobody_and_is_dropped() {
    let limits = Limits {
        header_timeout: Duration::from_secs(2),
        body_timeout: Duration::from_secs(2),
        ..Limits::default()
    };
    let (session, addr, _) = open_with(limits);
    // Half a head, and a whole head with half its body.
    let mut half_head = TcpStream::connect(addr).unwrap_or_else(|e| panic!("{e}"));
    half_head
        .write_all(b"POST /api/join HTTP/1.1\r\nHost: x\r\nContent-Le")
        .unwrap_or_else(|e| panic!("{e}"));
    let body = join_body(session.pin(), "Slow", None);
    let mut half_body = TcpStream::connect(addr).unwrap_or_else(|e| panic!("{e}"));
    let head = format!(
        "POST /api/join HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    half_body
        .write_all(format!("{head}{}", &body[..10]).as_bytes())
        .unwrap_or_else(|e| panic!("{e}"));
    let idle = TcpStream::connect(addr).unwrap_or_else(|e| panic!("{e}"));
    // Meanwhile everyone else is served at once.
    let started = Instant::now();
    for name in ["Kenya", "Chile", "Fiji"] {
        join(addr, session.pin(), name);
    }
    assert!(
        started.elapsed() < Duration::from_millis(1500),
        "{:?}",
        started.elapsed()
    );
    // The slow ones are answered or dropped once their time is up; nothing of theirs counts.
    let answer = |mut stream: TcpStream| {
        let _ = stream.set_read_timeout(Some(Duration::from_secs(8)));
        let mut bytes = Vec::new();
        let t = Instant::now();
        let _ = stream.read_to_end(&mut bytes);
        (client::parse(&bytes), t.elapsed())
    };
    let (a, waited) = answer(half_body);
    assert_refused(&a, 400, "malformed");
    assert!(waited < Duration::from_secs(5), "{waited:?}");
    for stream in [half_head, idle] {
        let (_, waited) = answer(stream);
        assert!(waited < Duration::from_secs(5), "not dropped: {waited:?}");
    }
    let names: Vec<String> = session
        .participants()
        .into_iter()
        .map(|p| p.delegation)
        .collect();
    assert_eq!(names, ["Kenya", "Chile", "Fiji"]);
}

#[test]
fn after_close_the_port_refuses_connections() {
    let (session, addr, _) = open();
    assert_eq!(get(addr, "/").status, 200);
    // A connection held open does not keep the server alive.
    let _held = TcpStream::connect(addr).unwrap_or_else(|e| panic!("{e}"));
    let t = Instant::now();
    session.close();
    assert!(t.elapsed() < Duration::from_secs(2), "{:?}", t.elapsed());
    assert!(TcpStream::connect_timeout(&addr, Duration::from_secs(1)).is_err());
    // Dropping does the same.
    let (session, addr, _) = open();
    drop(session);
    assert!(TcpStream::connect_timeout(&addr, Duration::from_secs(1)).is_err());
}

/// 200 participants join, submit and revise five times, all at once; a reader takes what
/// arrives meanwhile. Every delegation's revisions arrive in order, none twice, the last being
/// the sixth with its final weights.
#[test]
fn two_hundred_participants_lose_nothing() {
    const PEOPLE: usize = 200;
    const SUBMITS: u32 = 6;
    let s = scenario();
    let limits = Limits {
        max_connections_per_address: 4 * PEOPLE,
        ..Limits::default()
    };
    let (session, addr, _) = open_with(limits);
    let pin = session.pin().to_string();
    let session = Arc::new(session);
    let delivered: Arc<Mutex<Vec<Submission>>> = Arc::default();
    let done = Arc::new(AtomicUsize::new(0));
    let reader = {
        let (session, delivered, done) = (
            Arc::clone(&session),
            Arc::clone(&delivered),
            Arc::clone(&done),
        );
        std::thread::spawn(move || {
            while done.load(Ordering::SeqCst) < PEOPLE {
                let got = session.take_submissions();
                delivered
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .extend(got);
                std::thread::sleep(Duration::from_millis(2));
            }
        })
    };
    let started = Instant::now();
    let people: Vec<_> = (0..PEOPLE)
        .map(|k| {
            let (pin, s, done) = (pin.clone(), s.clone(), Arc::clone(&done));
            std::thread::spawn(move || {
                let token = join(addr, &pin, &format!("Delegation {k}"));
                for r in 1..=SUBMITS {
                    let (families, criteria) = weights(&s, (k as f64) + f64::from(r));
                    loop {
                        let a = post(
                            addr,
                            "/api/submit",
                            &submit_body(&pin, &token, &families, &criteria),
                        );
                        if a.status == 429 {
                            let secs: u64 = a
                                .header("retry-after")
                                .and_then(|v| v.parse().ok())
                                .unwrap_or(1);
                            std::thread::sleep(Duration::from_secs(secs));
                            continue;
                        }
                        assert_eq!(a.status, 200, "{}", a.body);
                        assert_eq!(a.json()["revision"], r);
                        break;
                    }
                }
                done.fetch_add(1, Ordering::SeqCst);
            })
        })
        .collect();
    for p in people {
        p.join().unwrap_or_else(|_| panic!("a participant failed"));
    }
    reader
        .join()
        .unwrap_or_else(|_| panic!("the reader failed"));
    let mut all = std::mem::take(&mut *delivered.lock().unwrap_or_else(|e| e.into_inner()));
    all.extend(session.take_submissions());
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
    let mut by_name: HashMap<String, Vec<Submission>> = HashMap::new();
    for sub in all {
        by_name.entry(sub.delegation.clone()).or_default().push(sub);
    }
    assert_eq!(by_name.len(), PEOPLE);
    for k in 0..PEOPLE {
        let subs = &by_name[&format!("Delegation {k}")];
        let revisions: Vec<u32> = subs.iter().map(|s| s.revision).collect();
        assert!(
            revisions.windows(2).all(|w| w[0] < w[1]),
            "{k}: {revisions:?}"
        );
        let last = subs.last().unwrap_or_else(|| panic!("{k}: nothing"));
        assert_eq!(last.revision, SUBMITS);
        let fin = (k as f64) + f64::from(SUBMITS);
        assert!(
            last.families
                .iter()
                .chain(&last.criteria)
                .all(|(_, w)| *w == fin),
            "{k}"
        );
    }
    let people = session.participants();
    assert_eq!(people.len(), PEOPLE);
    assert!(people.iter().all(|p| p.revision == SUBMITS));
}
