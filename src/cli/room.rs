//! `tideline room FILE`: a session on the room's network for a headless laptop. Prints the
//! address, the PIN and a QR code of the address; each submission becomes (or replaces) its
//! delegation's profile, saved atomically to the output after each one. Commands come on
//! standard input, one a line; the end of standard input leaves the session running (there may
//! be no terminal), Ctrl+C stops it.

use std::io::BufRead;
use std::net::{IpAddr, Ipv4Addr};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc;

use clap::Args;
use qrcode::QrCode;
use qrcode::render::unicode::Dense1x2;

use crate::files::diagnostic::printable;
use crate::files::scenario_file::{self, load_path};
use crate::room::{
    RoomConfig, Session, Submission, group_reveal, name_key, profile_from, room_profiles,
};
use crate::scenario::model::Scenario;
use crate::scenario::validate::validate;

#[derive(Debug, Args)]
pub struct RoomArgs {
    /// Scenario file (.ron) or CSV matrix (.csv); it is not changed unless `--out` names it.
    file: PathBuf,
    /// The address to listen on (default: every interface, 0.0.0.0).
    #[arg(long, value_name = "ADDR")]
    bind: Option<IpAddr>,
    /// The port (default: one the system picks).
    #[arg(long, value_name = "N", default_value_t = 0)]
    port: u16,
    /// Where the scenario with the submitted profiles is saved (default: FILE's name with
    /// `.room.ron`, next to it).
    #[arg(long, value_name = "OUT.ron")]
    out: Option<PathBuf>,
}

const HELP: &str =
    "Commands: list, close, open, reveal, hide, remove NAME, quit (Ctrl+C also stops)";

enum Event {
    Line(String),
    Eof,
    Arrived,
}

/// Runs `tideline room`.
pub fn run(args: &RoomArgs) -> ExitCode {
    let mut scenario = match load_path(&args.file) {
        Ok(s) => s,
        Err(e) => {
            say!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let out = args.out.clone().unwrap_or_else(|| default_out(&args.file));
    let config = RoomConfig {
        bind: args.bind.unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED)),
        port: args.port,
        ..RoomConfig::default()
    };
    let (tx, events) = mpsc::channel();
    let wake = tx.clone();
    let session = match Session::open(
        &config,
        &scenario,
        Box::new(move || {
            let _ = wake.send(Event::Arrived);
        }),
    ) {
        Ok(s) => s,
        Err(e) => {
            say!("{}: {e}", args.file.display());
            return ExitCode::FAILURE;
        }
    };
    println!("Tideline room: {}", printable(&scenario.metadata.title));
    println!("Open on a phone: {}", session.url());
    println!("PIN: {}", session.pin());
    println!("Listening on {}", session.local_addr());
    println!("Saving to {}", out.display());
    println!("{}", qr(session.url()));
    println!("{HELP}");
    std::thread::spawn(move || {
        for line in std::io::stdin().lock().lines() {
            let Ok(line) = line else { break };
            if tx.send(Event::Line(line)).is_err() {
                return;
            }
        }
        let _ = tx.send(Event::Eof);
    });
    for event in events {
        match event {
            Event::Arrived => arrived(&session, &mut scenario, &out),
            Event::Eof => println!("Standard input closed; the session goes on until Ctrl+C."),
            Event::Line(line) => {
                if !command(line.trim(), &session, &mut scenario, &out) {
                    break;
                }
            }
        }
    }
    session.close();
    println!("Session closed.");
    ExitCode::SUCCESS
}

/// `dir/name.ron` → `dir/name.room.ron` (a CSV matrix too: the output is a scenario file).
fn default_out(file: &Path) -> PathBuf {
    let stem = file
        .file_stem()
        .map_or_else(|| "scenario".into(), |s| s.to_string_lossy().into_owned());
    file.with_file_name(format!("{stem}.room.ron"))
}

/// The address as a QR code of Unicode half blocks, light modules drawn, for the usual
/// light-on-dark terminal.
fn qr(url: &str) -> String {
    match QrCode::new(url.as_bytes()) {
        Ok(code) => code
            .render::<Dense1x2>()
            .dark_color(Dense1x2::Light)
            .light_color(Dense1x2::Dark)
            .quiet_zone(true)
            .build(),
        Err(e) => format!("(no QR code: {e})"),
    }
}

/// Takes what arrived into the scenario, saves it, then says what arrived.
fn arrived(session: &Session, scenario: &mut Scenario, out: &Path) {
    let subs = session.take_submissions();
    let mut taken = Vec::new();
    for sub in &subs {
        match put(scenario, sub) {
            Ok(()) => taken.push(sub),
            Err(message) => say!("{}: refused: {message}", sub.delegation),
        }
    }
    if taken.is_empty() {
        return;
    }
    save(scenario, out);
    for sub in taken {
        println!(
            "{}  {} submitted (revision {})",
            sub.received,
            printable(&sub.delegation),
            sub.revision
        );
    }
}

/// The submission as its delegation's profile (replacing an earlier one), if the scenario
/// stays valid.
fn put(scenario: &mut Scenario, sub: &Submission) -> Result<(), String> {
    let profile = profile_from(sub, scenario);
    let mut next = scenario.clone();
    match next.profiles.iter().position(|p| p.id == profile.id) {
        Some(i) => next.profiles[i] = profile,
        None => next.profiles.push(profile),
    }
    let problems = validate(&next);
    if let Some(p) = problems.first() {
        return Err(format!("{}: {}", p.field, p.message));
    }
    *scenario = next;
    Ok(())
}

fn save(scenario: &Scenario, out: &Path) {
    if let Err(message) = scenario_file::save(out, scenario) {
        say!("{message}");
    }
}

/// Runs one command line; false to stop.
fn command(line: &str, session: &Session, scenario: &mut Scenario, out: &Path) -> bool {
    let (word, rest) = line.split_once(' ').unwrap_or((line, ""));
    match word {
        "" => {}
        "quit" | "exit" => return false,
        "list" => list(session),
        "close" => {
            session.set_open(false);
            println!("Submissions closed.");
        }
        "open" => {
            session.set_open(true);
            println!("Submissions open.");
        }
        "reveal" => match group_reveal(scenario, &room_profiles(scenario)) {
            Ok(result) => {
                println!("Revealed to the phones ({}):", result.method);
                for o in result.ranking.iter().take(10) {
                    println!("  {:>3}. {}  {:.3}", o.rank, printable(&o.name), o.score);
                }
                session.reveal(Some(result));
            }
            Err(e) => say!("cannot reveal: {e}"),
        },
        "hide" => {
            session.reveal(None);
            println!("Result hidden.");
        }
        "remove" if !rest.trim().is_empty() => remove(rest.trim(), session, scenario, out),
        _ => println!("{HELP}"),
    }
    true
}

fn list(session: &Session) {
    let people = session.participants();
    if people.is_empty() {
        println!("Nobody has joined yet.");
    }
    for p in people {
        let submitted = p.submitted.map_or_else(
            || "not submitted".to_string(),
            |t| format!("revision {} at {t}", p.revision),
        );
        println!(
            "  {}  joined {}  {submitted}",
            printable(&p.delegation),
            p.joined
        );
    }
}

/// Forgets a delegation in the session and drops its room profile from the output.
fn remove(name: &str, session: &Session, scenario: &mut Scenario, out: &Path) {
    session.remove(name);
    let key = name_key(name);
    let Some(i) = scenario
        .profiles
        .iter()
        .position(|p| p.room.is_some() && name_key(&p.name) == key)
    else {
        println!(
            "{}: no profile from the room by that name.",
            printable(name)
        );
        return;
    };
    let removed = scenario.profiles.remove(i);
    if scenario.settings.active_profile == removed.id {
        scenario.settings.active_profile.clear();
    }
    save(scenario, out);
    println!("{}: removed.", printable(name));
}
