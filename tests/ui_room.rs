//! The room in the window: Room › Open a session… starts a server that answers on loopback;
//! a phone's submission (sent here by a small raw-HTTP client) becomes a profile with exactly
//! its weights, marked from the room, one undo step each; a revision replaces it; Remove forgets
//! it on the server and in the scenario; the server follows the scenario's criteria; reveal
//! reaches the phones; closing the session, or replacing the document, frees the port; a port
//! in use is reported and changes nothing; the QR code drawn is the URL's.

use std::io::{Read, Write};
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::time::Duration;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use serde_json::{Value, json};
use tideline::app::{Command, RoomCommand, TidelineApp};
use tideline::scenario::edit::Edit;
use tideline::scenario::model::{Scenario, WeightProfile};

fn harness() -> Harness<'static, TidelineApp> {
    let app = TidelineApp::with_default_scenario().unwrap_or_else(|e| panic!("{e}"));
    let mut harness = Harness::builder()
        .with_max_steps(12)
        .with_size(egui::vec2(1400.0, 900.0))
        .build_ui_state(|ui, app: &mut TidelineApp| app.show(ui), app);
    harness.run();
    harness
}

const LOOPBACK: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);

/// Opens a session on loopback through its command; returns where it listens and its PIN.
fn start(h: &mut Harness<'static, TidelineApp>) -> (SocketAddr, String) {
    h.state_mut().execute(Command::Room(RoomCommand::Start {
        bind: LOOPBACK,
        port: 0,
    }));
    h.run();
    let s = h
        .state()
        .room_session()
        .unwrap_or_else(|| panic!("no session: {}", h.state().status));
    (s.local_addr(), s.pin().to_string())
}

/// One HTTP/1.1 request per connection; the status and the JSON body of the answer.
fn request(addr: SocketAddr, method: &str, path: &str, body: &str) -> (u16, Value) {
    let mut stream = TcpStream::connect(addr).unwrap_or_else(|e| panic!("connect {addr}: {e}"));
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let text = format!(
        "{method} {path} HTTP/1.1\r\nHost: room\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream
        .write_all(text.as_bytes())
        .unwrap_or_else(|e| panic!("{e}"));
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer);
    let status = answer
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let json = answer
        .split_once("\r\n\r\n")
        .and_then(|(_, b)| serde_json::from_str(b).ok())
        .unwrap_or(Value::Null);
    (status, json)
}

fn join(addr: SocketAddr, pin: &str, delegation: &str) -> (String, Value) {
    let (status, body) = request(
        addr,
        "POST",
        "/api/join",
        &json!({"pin": pin, "delegation": delegation}).to_string(),
    );
    assert_eq!(status, 200, "{body}");
    let token = body["token"].as_str().unwrap_or_default().to_string();
    (token, body)
}

/// Weights that differ from family to family and criterion to criterion: the k-th gets
/// `base + k`, so a mix-up between ids would show.
/// Family weights and criterion weights, by id.
type Weights = (Vec<(String, f64)>, Vec<(String, f64)>);

fn weights(s: &Scenario, base: f64) -> Weights {
    let f = s
        .families
        .iter()
        .enumerate()
        .map(|(k, f)| (f.id.clone(), base + k as f64))
        .collect();
    let c = s
        .criteria
        .iter()
        .enumerate()
        .map(|(k, c)| (c.id.clone(), base + 2.0 * k as f64))
        .collect();
    (f, c)
}

fn submit(addr: SocketAddr, pin: &str, token: &str, w: &Weights) {
    let map =
        |v: &[(String, f64)]| Value::Object(v.iter().map(|(k, x)| (k.clone(), json!(x))).collect());
    let body = json!({"pin": pin, "token": token, "families": map(&w.0), "criteria": map(&w.1)});
    let (status, answer) = request(addr, "POST", "/api/submit", &body.to_string());
    assert_eq!(status, 200, "{answer}");
}

fn room_profiles(h: &Harness<'static, TidelineApp>, name: &str) -> Vec<WeightProfile> {
    h.state()
        .scenario
        .profiles
        .iter()
        .filter(|p| p.name == name)
        .cloned()
        .collect()
}

/// Runs frames until `done` holds (the server wakes the window from its own thread).
fn run_until(h: &mut Harness<'static, TidelineApp>, done: impl Fn(&TidelineApp) -> bool) {
    for _ in 0..100 {
        h.run();
        if done(h.state()) {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("never happened; status: {}", h.state().status);
}

fn refuses(addr: SocketAddr) -> bool {
    TcpStream::connect_timeout(&addr, Duration::from_secs(2)).is_err()
}

#[test]
fn the_room_menu_opens_a_session_that_answers_on_loopback() {
    let mut h = harness();
    h.get_by_label("Room").click();
    h.run();
    h.get_by_label("Open a session…").click();
    h.run();
    assert!(h.query_by_label("Open a room session").is_some());
    h.get_by_label("This computer only (to try it out)").click();
    h.run();
    h.get_by_label("Start").click();
    h.run();
    let (addr, url, pin) = {
        let s = h
            .state()
            .room_session()
            .unwrap_or_else(|| panic!("no session: {}", h.state().status));
        (s.local_addr(), s.url().to_string(), s.pin().to_string())
    };
    assert!(addr.ip().is_loopback());
    assert_eq!(url, format!("http://127.0.0.1:{}/", addr.port()));
    // The page is served.
    let (status, _) = request(addr, "GET", "/", "");
    assert_eq!(status, 200);
    // The panel shows the address as the session gives it and the PIN in two groups.
    assert!(
        h.query_by_label(&url).is_some(),
        "the address {url} is shown"
    );
    let grouped = format!("{} {}", &pin[..3], &pin[3..]);
    assert!(h.query_by_label(&grouped).is_some(), "the PIN {grouped}");
    // The QR code drawn is the URL's: square, its side a whole number of modules of the code
    // the qrcode crate makes of the URL, plus the four-module quiet zone on each side.
    let code = qrcode::QrCode::new(url.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    let label = format!("QR code of {url}");
    let rect = h.get_by_role_and_label(Role::Image, &label).rect();
    let (w, ht) = (rect.width(), rect.height());
    assert!((w - ht).abs() < 0.01, "square: {w} × {ht}");
    let modules = (code.width() + 8) as f32;
    let per = w / modules;
    assert!(
        per >= 2.0 && (per - per.round()).abs() < 1e-3,
        "{per} per module"
    );
    // Nothing asks for frames while nobody submits: the harness settles.
    assert!(h.run_ok().is_some());
}

#[test]
fn submissions_become_profiles_one_undo_step_each_and_a_revision_replaces() {
    let mut h = harness();
    let before = h.state().scenario.profiles.len();
    let (addr, pin) = start(&mut h);
    let (token, joined) = join(addr, &pin, "Kenya");
    assert_eq!(joined["open"], true);
    let first = weights(&h.state().scenario, 1.0);
    submit(addr, &pin, &token, &first);
    run_until(&mut h, |a| {
        a.scenario.profiles.iter().any(|p| p.name == "Kenya")
    });
    let kenya = room_profiles(&h, "Kenya");
    assert_eq!(kenya.len(), 1);
    assert_eq!(kenya[0].family_weights.0, first.0);
    assert_eq!(kenya[0].criterion_weights.0, first.1);
    let mark = kenya[0].room.clone().unwrap_or_else(|| panic!("marked"));
    assert_eq!(mark.revision, 1);
    assert!(mark.submitted.ends_with('Z'), "{}", mark.submitted);
    // The active profile stays the facilitator's.
    assert_ne!(h.state().scenario.settings.active_profile, kenya[0].id);
    // The panel lists Kenya as submitted.
    assert!(h.query_by_label("Kenya").is_some());

    let second = weights(&h.state().scenario, 5.0);
    submit(addr, &pin, &token, &second);
    run_until(&mut h, |a| {
        a.scenario
            .profiles
            .iter()
            .any(|p| p.room.as_ref().is_some_and(|m| m.revision == 2))
    });
    let kenya = room_profiles(&h, "Kenya");
    assert_eq!(kenya.len(), 1, "a revision replaces the profile");
    assert_eq!(kenya[0].criterion_weights.0, second.1);
    assert_eq!(h.state().scenario.profiles.len(), before + 1);

    // Each submission was one step, named for the delegation in the Edit menu: undo goes back
    // to the first, then to none.
    h.get_by_label("Edit").click();
    h.run();
    assert!(
        h.query_by_label_contains("Undo weights from the room: Kenya")
            .is_some()
    );
    h.key_press(egui::Key::Escape);
    h.run();
    h.state_mut().execute(Command::Undo);
    h.run();
    let kenya = room_profiles(&h, "Kenya");
    assert_eq!(kenya.len(), 1);
    assert_eq!(kenya[0].criterion_weights.0, first.1);
    h.state_mut().execute(Command::Undo);
    h.run();
    assert!(room_profiles(&h, "Kenya").is_empty());
    assert_eq!(h.state().scenario.profiles.len(), before);
}

#[test]
fn remove_forgets_the_participant_and_deletes_the_profile_as_one_step() {
    let mut h = harness();
    let (addr, pin) = start(&mut h);
    let (token, _) = join(addr, &pin, "Chile");
    submit(addr, &pin, &token, &weights(&h.state().scenario, 2.0));
    run_until(&mut h, |a| {
        a.scenario.profiles.iter().any(|p| p.name == "Chile")
    });
    // Made active, the profile is marked in the weights panel with the time it arrived (hours
    // and minutes of the server's UTC time).
    let chile = room_profiles(&h, "Chile")[0].clone();
    let mark = chile.room.clone().unwrap_or_else(|| panic!("marked"));
    h.state_mut()
        .execute(Command::Edit(Edit::SetActiveProfile(chile.id.clone())));
    h.run();
    let shown = format!("from the room, {} UTC", &mark.submitted[11..16]);
    assert!(h.query_by_label(&shown).is_some(), "{shown}");
    let with = h.state().scenario.clone();
    h.state_mut()
        .execute(Command::Room(RoomCommand::Remove("Chile".into())));
    h.run();
    assert!(room_profiles(&h, "Chile").is_empty());
    let session = h.state().room_session().unwrap_or_else(|| panic!("open"));
    assert!(
        session
            .participants()
            .iter()
            .all(|p| p.delegation != "Chile")
    );
    // The phone is told it is no longer known.
    let status = json!({"pin": pin, "token": token}).to_string();
    assert_eq!(request(addr, "POST", "/api/status", &status).0, 410);
    h.state_mut().execute(Command::Undo);
    h.run();
    assert_eq!(h.state().scenario, with);
}

#[test]
fn the_server_follows_the_criteria_and_reveals_the_group_result() {
    let mut h = harness();
    let (addr, pin) = start(&mut h);
    let id = h.state().scenario.criteria[0].id.clone();
    h.state_mut().execute(Command::Edit(Edit::RenameCriterion {
        id: id.clone(),
        name: "Renamed in the window".into(),
        short: String::new(),
    }));
    h.run();
    let (token, joined) = join(addr, &pin, "Fiji");
    let names: Vec<&str> = joined["scenario"]["families"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|f| f["criteria"].as_array().into_iter().flatten())
        .filter(|c| c["id"] == id.as_str())
        .filter_map(|c| c["name"].as_str())
        .collect();
    assert_eq!(names, ["Renamed in the window"]);

    submit(addr, &pin, &token, &weights(&h.state().scenario, 1.0));
    run_until(&mut h, |a| {
        a.scenario.profiles.iter().any(|p| p.name == "Fiji")
    });
    let status = json!({"pin": pin, "token": token}).to_string();
    assert_eq!(
        request(addr, "POST", "/api/status", &status).1["result"],
        Value::Null
    );
    h.state_mut()
        .execute(Command::Room(RoomCommand::Reveal(true)));
    h.run();
    let (_, answer) = request(addr, "POST", "/api/status", &status);
    assert_eq!(answer["revealed"], true);
    let revealed: Vec<String> = answer["result"]["ranking"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|o| o["id"].as_str().map(str::to_string))
        .collect();
    // With one delegation in the room, the group's weights are Fiji's: the phones get the
    // ranking the window shows with Fiji's profile active.
    let fiji = room_profiles(&h, "Fiji")[0].id.clone();
    h.state_mut()
        .execute(Command::Edit(Edit::SetActiveProfile(fiji)));
    h.run();
    let expected: Vec<String> = {
        let app = h.state();
        let ranking = app.ranking().unwrap_or_else(|e| panic!("{e}"));
        ranking
            .order()
            .into_iter()
            .map(|i| app.scenario.options[i].id.clone())
            .collect()
    };
    assert_eq!(revealed, expected);

    // While revealed, a new submission moves the group's weights on the phones too.
    let shares = |a: &Value| a["result"]["weights"].clone();
    let before = shares(&request(addr, "POST", "/api/status", &status).1);
    let (tonga, _) = join(addr, &pin, "Tonga");
    // Fiji's criterion weights in reverse order.
    let (families, mut criteria) = weights(&h.state().scenario, 1.0);
    let reversed: Vec<f64> = criteria.iter().rev().map(|(_, w)| *w).collect();
    for ((_, w), r) in criteria.iter_mut().zip(reversed) {
        *w = r;
    }
    let other = (families, criteria);
    submit(addr, &pin, &tonga, &other);
    run_until(&mut h, |a| {
        a.scenario.profiles.iter().any(|p| p.name == "Tonga")
    });
    let after = shares(&request(addr, "POST", "/api/status", &status).1);
    assert!(before.is_array() && after.is_array());
    assert_ne!(before, after, "the revealed weights follow the room");
    h.state_mut()
        .execute(Command::Room(RoomCommand::Reveal(false)));
    h.run();
    let (_, answer) = request(addr, "POST", "/api/status", &status);
    assert_eq!(answer["result"], Value::Null);

    // Closing submissions reaches the phones too.
    h.state_mut()
        .execute(Command::Room(RoomCommand::SetOpen(false)));
    h.run();
    let (_, answer) = request(addr, "POST", "/api/status", &status);
    assert_eq!(answer["open"], false);
}

#[test]
fn closing_the_session_or_replacing_the_document_frees_the_port() {
    let mut h = harness();
    let (addr, _) = start(&mut h);
    assert!(!refuses(addr));
    h.state_mut().execute(Command::Room(RoomCommand::Close));
    h.run();
    assert!(h.state().room_session().is_none());
    assert!(refuses(addr), "nothing listens on {addr} once closed");

    let (addr, _) = start(&mut h);
    h.state_mut().execute(Command::NewScenario);
    h.run();
    assert!(h.state().room_session().is_none());
    assert!(refuses(addr), "a new scenario ends the session");

    // Quitting (the app dropped) ends it too.
    let (addr, _) = start(&mut h);
    drop(h);
    assert!(refuses(addr), "the app's end ends the session");
}

#[test]
fn a_port_in_use_is_reported_and_changes_nothing() {
    let taken = TcpListener::bind((LOOPBACK, 0)).unwrap_or_else(|e| panic!("{e}"));
    let port = taken.local_addr().map(|a| a.port()).unwrap_or(0);
    let mut h = harness();
    let before = h.state().scenario.clone();
    h.state_mut().execute(Command::Room(RoomCommand::Start {
        bind: LOOPBACK,
        port,
    }));
    h.run();
    assert!(h.state().room_session().is_none());
    let status = h.state().status.clone();
    assert!(
        status.contains("could not start")
            && status.contains(&format!("port {port} is already in use")),
        "{status}"
    );
    // The dialog stays open with the reason, and the scenario is as it was.
    assert!(h.query_by_label("Open a room session").is_some());
    assert!(
        h.query_all_by_label_contains("could not start").count() >= 2,
        "in the dialog and the status line"
    );
    assert_eq!(h.state().scenario, before);
}
