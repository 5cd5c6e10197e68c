//! The room's server under a full room: 200 participants on loopback, each on its own thread,
//! join, submit and revise five times, then poll the status once, all at once; every request
//! a new connection, as a phone's first request is. Prints the p50, p99 and slowest request
//! latency (target: p99 under 50 ms, release, on a shared 2-core machine). Run with
//! `cargo bench --bench room`.

#[path = "../tests/room/client.rs"]
mod client;

use std::net::{IpAddr, Ipv4Addr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use client::{join_body, post, submit_body};
use serde_json::{Value, json};
use tideline::files::scenario_file::default_scenario;
use tideline::room::{Limits, RoomConfig, Session};

const PEOPLE: usize = 200;
const SUBMITS: usize = 6;

fn main() {
    let scenario = default_scenario().unwrap_or_else(|e| panic!("{e}"));
    let config = RoomConfig {
        bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
        port: 0,
        limits: Limits {
            // Every participant is on 127.0.0.1 here, and submits six times without a pause:
            // the per-address and per-participant bounds are widened so each request is served.
            max_connections_per_address: 4 * PEOPLE,
            submit_burst: SUBMITS as f64,
            ..Limits::default()
        },
    };
    let session =
        Session::open(&config, &scenario, Box::new(|| {})).unwrap_or_else(|e| panic!("{e}"));
    let addr = session.local_addr();
    let pin = session.pin().to_string();
    let latencies: Arc<Mutex<Vec<Duration>>> = Arc::default();
    let families: Value = scenario
        .families
        .iter()
        .map(|f| (f.id.clone(), json!(1)))
        .collect();
    let started = Instant::now();
    let threads: Vec<_> = (0..PEOPLE)
        .map(|k| {
            let (pin, latencies, families) =
                (pin.clone(), Arc::clone(&latencies), families.clone());
            let ids: Vec<String> = scenario.criteria.iter().map(|c| c.id.clone()).collect();
            std::thread::spawn(move || {
                let mut mine = Vec::new();
                let mut timed = |path: &str, body: &str| {
                    let t = Instant::now();
                    let a = post(addr, path, body);
                    mine.push(t.elapsed());
                    assert_eq!(a.status, 200, "{path}: {}", a.body);
                    a
                };
                let joined = timed(
                    "/api/join",
                    &join_body(&pin, &format!("Delegation {k}"), None),
                );
                let token = joined.json()["token"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string();
                for r in 0..SUBMITS {
                    let criteria: Value = ids
                        .iter()
                        .map(|id| (id.clone(), json!(k + r + 1)))
                        .collect();
                    timed(
                        "/api/submit",
                        &submit_body(&pin, &token, &families, &criteria),
                    );
                }
                timed(
                    "/api/status",
                    &json!({"pin": pin, "token": token}).to_string(),
                );
                latencies
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .extend(mine);
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap_or_else(|_| panic!("a participant failed"));
    }
    let wall = started.elapsed();
    let delivered = session.take_submissions().len();
    let mut all = latencies.lock().unwrap_or_else(|e| e.into_inner()).clone();
    all.sort();
    let at = |q: f64| all[((all.len() - 1) as f64 * q).round() as usize];
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "room: {PEOPLE} participants × (join, {SUBMITS} submits, status) = {} requests in {:.2} s; \
         latency p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms (target p99 < 50 ms); {delivered} delegations delivered",
        all.len(),
        wall.as_secs_f64(),
        ms(at(0.5)),
        ms(at(0.99)),
        ms(at(1.0)),
    );
    assert_eq!(delivered, PEOPLE);
}
