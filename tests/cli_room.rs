//! `tideline room`, run as a facilitator would on a headless laptop: it prints where to go and
//! the PIN, saves each submission into OUT (never into FILE), answers commands on standard
//! input, keeps going when standard input ends, and refuses a bad file or a taken port.

#[path = "room/client.rs"]
mod client;

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use client::{join_body, post, submit_body};
use serde_json::{Value, json};
use tideline::files::scenario_file::load_path;

fn temp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("tideline-cli-room-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap_or_else(|e| panic!("{e}"));
    d
}

const SCENARIO: &str = "scenarios/unep-aheg-2018.ron";

/// A running `tideline room` and the lines it prints.
struct Room {
    child: Child,
    stdin: Option<ChildStdin>,
    lines: Receiver<String>,
    addr: SocketAddr,
    pin: String,
}

impl Room {
    fn start(args: &[&str], stdin: Stdio) -> Room {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tideline"))
            .arg("room")
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdin(stdin)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run tideline: {e}"));
        let stdout = child.stdout.take().unwrap_or_else(|| panic!("no stdout"));
        let (tx, lines) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let stdin = child.stdin.take();
        let mut room = Room {
            child,
            stdin,
            lines,
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            pin: String::new(),
        };
        let listening = room.wait_for("Listening on ");
        room.addr = listening["Listening on ".len()..]
            .parse()
            .unwrap_or_else(|e| panic!("{listening}: {e}"));
        room
    }

    /// The first line printed from now on that contains `what` (the PIN is noted on the way).
    fn wait_for(&mut self, what: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            let Ok(line) = self.lines.recv_timeout(left) else {
                break;
            };
            if let Some(pin) = line.strip_prefix("PIN: ") {
                self.pin = pin.trim().to_string();
            }
            if line.contains(what) {
                return line;
            }
        }
        panic!("`{what}` never printed");
    }

    fn say(&mut self, command: &str) {
        let stdin = self.stdin.as_mut().unwrap_or_else(|| panic!("no stdin"));
        writeln!(stdin, "{command}").unwrap_or_else(|e| panic!("{e}"));
        stdin.flush().unwrap_or_else(|e| panic!("{e}"));
    }
}

impl Drop for Room {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

#[test]
fn submissions_are_saved_to_out_and_commands_work() {
    let d = temp("session");
    let file = d.join("s.ron");
    std::fs::copy(SCENARIO, &file).unwrap_or_else(|e| panic!("{e}"));
    let original = std::fs::read(&file).unwrap_or_else(|e| panic!("{e}"));
    let file_arg = file.display().to_string();
    let mut room = Room::start(
        &[&file_arg, "--bind", "127.0.0.1", "--port", "0"],
        Stdio::piped(),
    );
    assert_eq!(room.pin.len(), 6, "no PIN printed");
    let out = d.join("s.room.ron");

    let s = load_path(&file).unwrap_or_else(|e| panic!("{e}"));
    let joined = post(room.addr, "/api/join", &join_body(&room.pin, "Kenya", None)).json();
    let token = joined["token"].as_str().unwrap_or_default().to_string();
    let families: serde_json::Map<String, Value> = s
        .families
        .iter()
        .enumerate()
        .map(|(i, f)| (f.id.clone(), json!(i + 1)))
        .collect();
    let criteria: serde_json::Map<String, Value> = s
        .criteria
        .iter()
        .map(|c| (c.id.clone(), json!(2)))
        .collect();
    let (families, criteria) = (Value::Object(families), Value::Object(criteria));
    let a = post(
        room.addr,
        "/api/submit",
        &submit_body(&room.pin, &token, &families, &criteria),
    );
    assert_eq!(a.status, 200, "{}", a.body);
    room.wait_for("Kenya submitted (revision 1)");

    let saved = load_path(&out).unwrap_or_else(|e| panic!("{e}"));
    let p = saved
        .profiles
        .iter()
        .find(|p| p.name == "Kenya")
        .unwrap_or_else(|| panic!("no Kenya profile in {}", out.display()));
    assert_eq!(p.id, "kenya");
    for (i, f) in s.families.iter().enumerate() {
        assert_eq!(p.family_weights.get(&f.id), Some((i + 1) as f64));
    }
    assert!(
        s.criteria
            .iter()
            .all(|c| p.criterion_weights.get(&c.id) == Some(2.0))
    );
    assert_eq!(p.room.as_ref().map(|m| m.revision), Some(1));
    assert_eq!(saved.profiles.len(), s.profiles.len() + 1);
    assert_eq!(
        std::fs::read(&file).unwrap_or_default(),
        original,
        "FILE was changed"
    );

    // A revision replaces the profile.
    post(
        room.addr,
        "/api/submit",
        &submit_body(&room.pin, &token, &families, &criteria),
    );
    room.wait_for("Kenya submitted (revision 2)");
    let saved = load_path(&out).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(saved.profiles.len(), s.profiles.len() + 1);
    assert_eq!(
        saved
            .profiles
            .last()
            .and_then(|p| p.room.as_ref())
            .map(|m| m.revision),
        Some(2)
    );

    room.say("list");
    room.wait_for("Kenya  joined");
    room.say("reveal");
    room.wait_for("Revealed to the phones");
    let status = json!({"pin": room.pin, "token": token}).to_string();
    // The command and the poll race: poll until the result shows.
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let v = post(room.addr, "/api/status", &status).json();
        if v["revealed"] == true {
            assert_eq!(
                v["result"]["ranking"].as_array().map(Vec::len),
                Some(s.options.len())
            );
            break;
        }
        assert!(Instant::now() < deadline, "never revealed: {v}");
        std::thread::sleep(Duration::from_millis(50));
    }
    room.say("close");
    room.wait_for("Submissions closed");
    let a = post(
        room.addr,
        "/api/submit",
        &submit_body(&room.pin, &token, &families, &criteria),
    );
    assert_eq!(a.status, 409);
    room.say("remove kenya");
    room.wait_for("removed");
    let saved = load_path(&out).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(saved.profiles.len(), s.profiles.len());

    room.say("quit");
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Ok(Some(status)) = room.child.try_wait() {
            break status;
        }
        assert!(Instant::now() < deadline, "quit did not stop it");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success());
    assert!(TcpStream::connect_timeout(&room.addr, Duration::from_secs(1)).is_err());
}

#[test]
fn the_end_of_standard_input_does_not_stop_the_session() {
    let d = temp("eof");
    let out = d.join("o.ron").display().to_string();
    let mut room = Room::start(
        &[SCENARIO, "--bind", "127.0.0.1", "--out", &out],
        Stdio::null(),
    );
    room.wait_for("Standard input closed");
    std::thread::sleep(Duration::from_millis(300));
    assert!(matches!(room.child.try_wait(), Ok(None)), "it stopped");
    assert_eq!(client::get(room.addr, "/").status, 200);
}

#[test]
fn a_bad_file_or_a_taken_port_exits_non_zero_with_a_message() {
    let d = temp("bad");
    let bad = d.join("bad.ron");
    std::fs::write(&bad, "(not a scenario").unwrap_or_else(|e| panic!("{e}"));
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_tideline"))
            .arg("room")
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdin(Stdio::null())
            .output()
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let o = run(&[&bad.display().to_string(), "--bind", "127.0.0.1"]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("bad.ron"));
    assert!(!d.join("bad.room.ron").exists());

    let taken = TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("{e}"));
    let port = taken
        .local_addr()
        .map(|a| a.port())
        .unwrap_or_default()
        .to_string();
    let o = run(&[SCENARIO, "--bind", "127.0.0.1", "--port", &port]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("cannot listen on 127.0.0.1:"), "{err}");
}
