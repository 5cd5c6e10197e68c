//! The room: delegations set their weights from their phones during a session that Tideline
//! serves itself on the room's network, with no cloud.
//!
//! [`Session::open`] starts an HTTP server on a thread of its own (hyper on a one-thread tokio
//! runtime, `server.rs`) that serves the participant's page (`assets/room/`) and three JSON
//! endpoints (`state.rs` answers them, `protocol.rs` reads and checks their bodies). The caller
//! (the window or `tideline room`) collects [`Submission`]s and turns each into a profile with
//! [`profile_from`]. The contract with the page is `docs/room-protocol.md`; the README's "The room"
//! gives the security model.

mod net;
mod profile;
mod protocol;
mod server;
mod state;

use std::io;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::Duration;

use thiserror::Error;

use crate::scenario::model::Scenario;

pub use net::rfc3339_now;
pub use profile::{name_key, profile_from, profile_id, room_profiles};
pub use protocol::{Reveal, RevealError, RevealedOption, RevealedWeight, group_reveal};

/// Where the session listens.
#[derive(Clone, Debug)]
pub struct RoomConfig {
    /// The address to listen on: 0.0.0.0 (every interface) unless told.
    pub bind: IpAddr,
    /// The port; 0 lets the system pick a free one.
    pub port: u16,
    /// Every bound the server keeps; the defaults are the ones docs/room-protocol.md names.
    pub limits: Limits,
}

impl Default for RoomConfig {
    fn default() -> Self {
        Self {
            bind: IpAddr::V4(Ipv4Addr::UNSPECIFIED),
            port: 0,
            limits: Limits::default(),
        }
    }
}

/// The bounds on what the room's clients may ask of the server. Tests shorten the waits.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Participants a session holds (503 `full` beyond).
    pub max_participants: usize,
    /// Largest request body in bytes (413 `too_large` beyond).
    pub max_body: usize,
    /// Wrong PINs from one address before each further try must wait (429 `slow_down`).
    pub wrong_pins_before_wait: u32,
    /// Wrong PINs from one address before it is refused for the rest of the session (403).
    pub wrong_pins_before_block: u32,
    /// The first wait after `wrong_pins_before_wait` wrong PINs; it doubles with each one more.
    pub first_wait: Duration,
    /// The longest such wait.
    pub max_wait: Duration,
    /// Submissions one participant may send at once, and per second sustained.
    pub submit_burst: f64,
    pub submits_per_second: f64,
    /// Status polls one participant may send at once, and per second sustained (the page polls
    /// every 3 s).
    pub status_burst: f64,
    pub status_per_second: f64,
    /// Open connections at once, in all and from one address; more are closed at once.
    pub max_connections: usize,
    pub max_connections_per_address: usize,
    /// How long a client may take to send a request's head (an idle kept-alive connection is
    /// closed after as long), and its body.
    pub header_timeout: Duration,
    pub body_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_participants: 500,
            max_body: 16 * 1024,
            wrong_pins_before_wait: 5,
            wrong_pins_before_block: 20,
            first_wait: Duration::from_secs(1),
            max_wait: Duration::from_secs(60),
            submit_burst: 5.0,
            submits_per_second: 2.0,
            status_burst: 10.0,
            status_per_second: 2.0,
            max_connections: 1024,
            max_connections_per_address: 32,
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(10),
        }
    }
}

/// Why a session could not open.
#[derive(Debug, Error)]
pub enum RoomError {
    #[error("cannot listen on {addr}: {source}")]
    Bind { addr: SocketAddr, source: io::Error },
    #[error("cannot start the room's server: {0}")]
    Start(io::Error),
    #[error("the system's random number generator failed: {0}")]
    Random(String),
}

/// What the window passes so that it is woken when something arrives (`ctx.request_repaint`).
pub type Waker = Box<dyn Fn() + Send + Sync>;

/// One delegation's weights as submitted (a first submission or a revision).
#[derive(Clone, Debug, PartialEq)]
pub struct Submission {
    pub delegation: String,
    /// Weight of each family, in the scenario's family order.
    pub families: Vec<(String, f64)>,
    /// Weight of each criterion within its family, in the scenario's criterion order.
    pub criteria: Vec<(String, f64)>,
    /// 1 for the first submission, one more for each revision.
    pub revision: u32,
    /// When it arrived, RFC 3339 in UTC.
    pub received: String,
}

/// Someone who joined the session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Participant {
    pub delegation: String,
    /// When they joined, RFC 3339 in UTC.
    pub joined: String,
    /// When their latest submission arrived, if any.
    pub submitted: Option<String>,
    /// Their latest revision, 0 before they submit.
    pub revision: u32,
}

/// What the server's thread and the session share.
pub(crate) struct Shared {
    pub state: Mutex<state::State>,
    pub wake: Waker,
    pub limits: Limits,
}

impl Shared {
    /// The state, even if a thread panicked while holding it (its data stays consistent: every
    /// change is made after all its checks).
    pub fn state(&self) -> MutexGuard<'_, state::State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// An open session: the server listens until it is closed or dropped.
pub struct Session {
    shared: Arc<Shared>,
    url: String,
    pin: String,
    local: SocketAddr,
    stop: Option<tokio::sync::watch::Sender<bool>>,
    thread: Option<JoinHandle<()>>,
}

impl Session {
    /// Starts listening on `config`'s address with a fresh PIN; `wake` is called (from the
    /// server's thread) whenever a participant joins or submits.
    pub fn open(config: &RoomConfig, scenario: &Scenario, wake: Waker) -> Result<Self, RoomError> {
        let pin = net::pin()?;
        let addr = SocketAddr::new(config.bind, config.port);
        let (runtime, listener) = server::listen(addr)?;
        let local = listener
            .local_addr()
            .map_err(|source| RoomError::Bind { addr, source })?;
        let shared = Arc::new(Shared {
            state: Mutex::new(state::State::new(
                pin.clone(),
                config.limits.clone(),
                scenario,
            )),
            wake,
            limits: config.limits.clone(),
        });
        let (stop, stopped) = tokio::sync::watch::channel(false);
        let thread = server::start(runtime, listener, Arc::clone(&shared), stopped)?;
        let host = net::room_address(config.bind);
        let url = match host {
            IpAddr::V4(ip) => format!("http://{ip}:{}/", local.port()),
            IpAddr::V6(ip) => format!("http://[{ip}]:{}/", local.port()),
        };
        Ok(Self {
            shared,
            url,
            pin,
            local,
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    /// The address participants open, e.g. `http://192.168.1.20:40123/`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The session's six-digit PIN.
    pub fn pin(&self) -> &str {
        &self.pin
    }

    /// The address the server listens on (the port the system picked when asked for 0).
    pub fn local_addr(&self) -> SocketAddr {
        self.local
    }

    /// The submissions that arrived since the last call, in arrival order. A delegation that
    /// revised twice in between is given once, with its latest revision.
    pub fn take_submissions(&self) -> Vec<Submission> {
        self.shared.state().take_submissions()
    }

    /// Everyone who joined, in the order they joined.
    pub fn participants(&self) -> Vec<Participant> {
        self.shared.state().participants()
    }

    /// Opens or closes submissions (participants can still join and see the status).
    pub fn set_open(&self, open: bool) {
        self.shared.state().set_open(open);
    }

    /// Whether submissions are open.
    pub fn is_open(&self) -> bool {
        self.shared.state().is_open()
    }

    /// Shows the group result on the phones; `None` hides it again.
    pub fn reveal(&self, result: Option<Reveal>) {
        self.shared.state().reveal(result);
    }

    /// Forgets a delegation: its pending submission is dropped and its phone is told it is
    /// unknown (it may join again).
    pub fn remove(&self, delegation: &str) {
        self.shared.state().remove(delegation);
    }

    /// The scenario changed while the session is open: later submissions are checked against
    /// its families and criteria.
    pub fn set_scenario(&self, scenario: &Scenario) {
        self.shared.state().set_scenario(scenario);
    }

    /// Stops listening and joins the server's thread.
    pub fn close(self) {}
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(true);
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
