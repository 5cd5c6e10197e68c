//! The facilitator's side of the room: the session the window holds open (`crate::room`), its
//! submissions turned into profiles as undoable edits, and what the panel asks of it.
//!
//! The server wakes the window (`ctx.request_repaint`) and raises a flag when someone joins or
//! submits; only then does a frame take the submissions and the list of participants, so an
//! idle window still draws nothing.

use std::io::ErrorKind;
use std::net::{IpAddr, Ipv4Addr};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use super::qr::Qr;
use super::{Command, TidelineApp};
use crate::i18n::{self, fill, room as texts};
use crate::room::{
    Participant, RoomConfig, RoomError, Session, Waker, group_reveal, profile_from, room_profiles,
};
use crate::scenario::edit::Edit;
use crate::scenario::model::{Criterion, Family, Metadata, Scenario, WeightProfile};

/// What the Room menu and the session panel ask for.
#[derive(Clone, Debug, PartialEq)]
pub enum RoomCommand {
    /// Show the dialog that starts a session.
    OpenDialog,
    CancelDialog,
    /// Start listening on this address and port (0: any free one).
    Start {
        bind: IpAddr,
        port: u16,
    },
    /// Stop listening; the profiles stay.
    Close,
    /// Open (true) or close submissions.
    SetOpen(bool),
    /// Show (true) or hide the group result on the phones.
    Reveal(bool),
    /// Forget this delegation's submission and delete its profile.
    Remove(String),
    /// The join card fills the central area (true), or the view comes back.
    ShowToRoom(bool),
    /// Show or fold the session panel.
    ShowPanel(bool),
}

/// The start dialog's fields as typed.
#[derive(Clone, Debug)]
pub struct StartForm {
    pub automatic_port: bool,
    pub port: String,
    /// 0: every interface, 1: loopback, 2: the typed address.
    pub bind: u8,
    pub address: String,
    /// Why the last try failed (a bad field or the server's refusal).
    pub error: Option<String>,
}

impl Default for StartForm {
    fn default() -> Self {
        Self {
            automatic_port: true,
            port: "8080".into(),
            bind: 0,
            address: String::new(),
            error: None,
        }
    }
}

impl StartForm {
    /// The address and port asked for, or why they cannot be used.
    pub fn parsed(&self) -> Result<(IpAddr, u16), String> {
        let t = texts::t();
        let port = if self.automatic_port {
            0
        } else {
            match self.port.trim().parse::<u16>() {
                Ok(p) if p > 0 => p,
                _ => return Err(t.start_bad_port.into()),
            }
        };
        let bind = match self.bind {
            0 => IpAddr::V4(Ipv4Addr::UNSPECIFIED),
            1 => IpAddr::V4(Ipv4Addr::LOCALHOST),
            _ => {
                let a = self.address.trim();
                a.parse::<IpAddr>()
                    .map_err(|_| fill(t.start_bad_address, &[&a]))?
            }
        };
        Ok((bind, port))
    }
}

/// The parts of a scenario the phones are shown: when they change, the server is told.
#[derive(Clone, Debug, PartialEq)]
struct Tree {
    metadata: Metadata,
    families: Vec<Family>,
    criteria: Vec<Criterion>,
}

impl Tree {
    fn of(s: &Scenario) -> Self {
        Self {
            metadata: s.metadata.clone(),
            families: s.families.clone(),
            criteria: s.criteria.clone(),
        }
    }

    fn same_as(&self, s: &Scenario) -> bool {
        self.metadata == s.metadata && self.families == s.families && self.criteria == s.criteria
    }
}

/// The room as the window holds it.
#[derive(Default)]
pub struct RoomState {
    session: Option<Session>,
    /// Raised by the server's thread when someone joined or submitted.
    woken: Arc<AtomicBool>,
    /// Everyone who joined, as of the last wake.
    pub participants: Vec<Participant>,
    pub qr: Option<Qr>,
    pub form: Option<StartForm>,
    /// The join card fills the central area.
    pub showing: bool,
    /// The session panel is folded away.
    pub folded: bool,
    /// The group result is shown on the phones.
    pub revealed: bool,
    /// The revision the server's scenario and the revealed result were last brought up to.
    synced: u64,
    tree: Option<Tree>,
}

impl RoomState {
    pub fn session(&self) -> Option<&Session> {
        self.session.as_ref()
    }

    /// Whether the join card replaces the central view.
    pub fn shows_card(&self) -> bool {
        self.showing && self.session.is_some()
    }

    /// Stops listening (dropping the session joins the server's thread). True if one was open.
    pub fn end(&mut self) -> bool {
        let was = self.session.take().is_some();
        *self = Self {
            form: self.form.take(),
            ..Self::default()
        };
        was
    }
}

/// The profile a delegation's submissions became, if it is still in the scenario.
pub fn profile_of<'a>(s: &'a Scenario, delegation: &str) -> Option<&'a WeightProfile> {
    s.profiles
        .iter()
        .find(|p| p.room.is_some() && p.name == delegation)
}

/// Why a session could not open, in the window's words for the usual causes.
fn why_not(e: &RoomError) -> String {
    let t = texts::t();
    match e {
        RoomError::Bind { addr, source } => match source.kind() {
            ErrorKind::AddrInUse => fill(t.start_port_in_use, &[&addr.port()]),
            ErrorKind::PermissionDenied => fill(t.start_port_denied, &[&addr.port()]),
            ErrorKind::AddrNotAvailable => fill(t.start_no_address, &[&addr.ip()]),
            _ => e.to_string(),
        },
        _ => e.to_string(),
    }
}

/// "19:32 UTC" from an RFC 3339 time such as `2026-12-02T19:32:05Z` (the text as is if it is
/// not one).
pub fn clock(rfc3339: &str) -> String {
    let hm = rfc3339
        .split_once('T')
        .and_then(|(_, time)| time.get(..5))
        .filter(|hm| hm.as_bytes().get(2) == Some(&b':'));
    match hm {
        Some(hm) => fill(texts::t().time_utc, &[&hm]),
        None => rfc3339.to_string(),
    }
}

/// "from the room, 19:32 UTC" for a profile submitted from the room.
pub fn mark(p: &WeightProfile) -> Option<String> {
    let m = p.room.as_ref()?;
    Some(fill(texts::t().from_room, &[&clock(&m.submitted)]))
}

impl TidelineApp {
    /// Carries out a command of the room.
    pub(super) fn room_command(&mut self, c: RoomCommand) {
        match c {
            RoomCommand::OpenDialog => {
                if self.room.session.is_some() {
                    self.room.folded = false;
                } else {
                    self.room.form = Some(StartForm::default());
                }
            }
            RoomCommand::CancelDialog => self.room.form = None,
            RoomCommand::Start { bind, port } => self.start_room(bind, port),
            RoomCommand::Close => {
                if self.room.end() {
                    self.status = texts::t().status_closed.into();
                }
            }
            RoomCommand::SetOpen(open) => {
                if let Some(s) = &self.room.session {
                    s.set_open(open);
                }
            }
            RoomCommand::Reveal(on) => {
                self.room.revealed = on;
                self.send_reveal();
            }
            RoomCommand::Remove(delegation) => {
                if let Some(s) = &self.room.session {
                    s.remove(&delegation);
                    self.room.participants = s.participants();
                }
                if let Some(id) = profile_of(&self.scenario, &delegation).map(|p| p.id.clone()) {
                    self.apply_edit(&Edit::DeleteProfile(id));
                }
            }
            RoomCommand::ShowToRoom(on) => self.room.showing = on,
            RoomCommand::ShowPanel(on) => self.room.folded = !on,
        }
    }

    fn start_room(&mut self, bind: IpAddr, port: u16) {
        // Before the waker takes the flag: ending a session makes a fresh one.
        self.room.end();
        let woken = Arc::clone(&self.room.woken);
        let ctx = self.ctx.clone();
        let wake: Waker = Box::new(move || {
            woken.store(true, Ordering::Release);
            if let Some(ctx) = &ctx {
                ctx.request_repaint();
            }
        });
        let config = RoomConfig {
            bind,
            port,
            ..RoomConfig::default()
        };
        match Session::open(&config, &self.scenario, wake) {
            Ok(session) => {
                self.status = fill(texts::t().status_opened, &[&session.url()]);
                self.room.qr = Qr::new(session.url());
                self.room.tree = Some(Tree::of(&self.scenario));
                self.room.synced = self.revision;
                self.room.session = Some(session);
                self.room.form = None;
                self.room.folded = false;
            }
            Err(e) => {
                let why = fill(texts::t().start_failed, &[&why_not(&e)]);
                self.status.clone_from(&why);
                self.room.form.get_or_insert_with(StartForm::default).error = Some(why);
            }
        }
    }

    /// Sends the group result to the phones, or hides it.
    fn send_reveal(&mut self) {
        let Some(session) = &self.room.session else {
            return;
        };
        if !self.room.revealed {
            session.reveal(None);
            return;
        }
        match group_reveal(&self.scenario, &room_profiles(&self.scenario)) {
            Ok(r) => session.reveal(Some(r)),
            Err(e) => {
                session.reveal(None);
                self.room.revealed = false;
                self.status = fill(texts::t().reveal_failed, &[&e]);
            }
        }
    }

    /// Takes what arrived since the server last woke the window: each submission becomes (or
    /// replaces) its delegation's profile, one undo step each. Then keeps the server's copy of
    /// the scenario and the revealed result in step with the document.
    pub(super) fn poll_room(&mut self) {
        let Some(session) = &self.room.session else {
            return;
        };
        if self.room.woken.swap(false, Ordering::AcqRel) {
            let arrived = session.take_submissions();
            self.room.participants = session.participants();
            for sub in arrived {
                let profile = profile_from(&sub, &self.scenario);
                self.apply_edit(&Edit::ImportProfiles(vec![profile]));
            }
        }
        if self.room.synced != self.revision {
            self.room.synced = self.revision;
            let changed = !self
                .room
                .tree
                .as_ref()
                .is_some_and(|t| t.same_as(&self.scenario));
            if changed && let Some(session) = &self.room.session {
                session.set_scenario(&self.scenario);
                self.room.tree = Some(Tree::of(&self.scenario));
            }
            if self.room.revealed {
                self.send_reveal();
            }
        }
    }

    /// The document was replaced (opened, new, restored): its session ends with it.
    pub(super) fn end_room_with_document(&mut self) {
        if self.room.end() {
            self.status = i18n::room::t().status_closed_by_document.into();
        }
    }

    /// The open session, if any (for tests and the status line).
    pub fn room_session(&self) -> Option<&Session> {
        self.room.session()
    }

    /// Pictures of the room: `TIDELINE_OPEN_ROOM=1` (the panel) or `=show` (the join card)
    /// with `--screenshot` opens a session on loopback.
    pub(super) fn open_room_from_env(&mut self) {
        let Ok(how) = std::env::var("TIDELINE_OPEN_ROOM") else {
            return;
        };
        i18n::set(self.prefs.lang);
        self.execute(Command::Room(RoomCommand::Start {
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 0,
        }));
        if how == "show" {
            self.room.showing = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_reads_hours_and_minutes() {
        i18n::set(i18n::Lang::En);
        assert_eq!(clock("2026-12-02T19:32:05Z"), "19:32 UTC");
        assert_eq!(clock("not a time"), "not a time");
        assert_eq!(clock("2026-12-02T1"), "2026-12-02T1");
    }

    #[test]
    fn the_form_refuses_bad_ports_and_addresses() {
        i18n::set(i18n::Lang::En);
        let mut f = StartForm::default();
        assert_eq!(f.parsed(), Ok((IpAddr::V4(Ipv4Addr::UNSPECIFIED), 0)));
        f.automatic_port = false;
        f.port = "0".into();
        assert!(f.parsed().is_err());
        f.port = "65536".into();
        assert!(f.parsed().is_err());
        f.port = " 8080 ".into();
        f.bind = 2;
        f.address = "::1".into();
        assert_eq!(
            f.parsed(),
            Ok((
                "::1".parse().unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST)),
                8080
            ))
        );
        f.address = "room.local".into();
        assert!(f.parsed().is_err());
    }
}
