//! The room's server over loopback, through a small raw-HTTP client: every hostile or clumsy
//! request is refused with the protocol's status and code and delivers nothing; valid
//! submissions arrive once each; a slow client blocks nobody; closing frees the port; 200
//! participants submitting at once lose nothing.

#[path = "room/client.rs"]
mod client;

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
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
