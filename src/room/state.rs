//! The session's state and the answers of the three endpoints. Every request is checked in
//! full before anything changes: a refused request leaves the state as it was (except the
//! count of wrong PINs and the rate buckets, which exist to count refusals).

use std::collections::HashMap;
use std::net::IpAddr;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::net::{rfc3339_now, token};
use super::profile::name_key;
use super::protocol::{
    JoinRequest, StatusRequest, SubmitRequest, Tree, check_weights, delegation_name,
    scenario_summary,
};
use super::{Limits, Participant, Reveal, Submission};
use crate::scenario::model::Scenario;

/// An answer: status, JSON body, and `Retry-After` seconds for 429.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub body: Value,
    pub retry_after: Option<u64>,
    /// Whether the caller should wake the window (someone joined or submitted).
    pub changed: bool,
}

impl Reply {
    fn ok(body: Value) -> Self {
        Self {
            status: 200,
            body,
            retry_after: None,
            changed: false,
        }
    }
}

/// An error answer as the protocol writes it.
pub fn error(status: u16, code: &str, message: &str) -> Reply {
    Reply {
        status,
        body: json!({"error": code, "message": message}),
        retry_after: None,
        changed: false,
    }
}

fn slow_down(wait: Duration) -> Reply {
    Reply {
        retry_after: Some(wait.as_secs_f64().ceil().max(1.0) as u64),
        ..error(429, "slow_down", "too many requests; wait a moment")
    }
}

/// Where wrong PINs are counted: an IPv4 address, or an IPv6 address's /64 (one host may hold
/// a whole /64).
fn throttle_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let s = v6.segments();
                IpAddr::V6([s[0], s[1], s[2], s[3], 0, 0, 0, 0].into())
            }
        },
        v4 => v4,
    }
}

#[derive(Default)]
struct Throttle {
    wrong: u32,
    until: Option<Instant>,
}

/// A token bucket: `burst` at most, refilled at `rate` per second.
struct Bucket {
    tokens: f64,
    at: Instant,
}

impl Bucket {
    fn full(burst: f64, now: Instant) -> Self {
        Self {
            tokens: burst,
            at: now,
        }
    }

    /// Takes one token, or says how long until one is there.
    fn take(&mut self, burst: f64, rate: f64, now: Instant) -> Result<(), Duration> {
        let elapsed = now.saturating_duration_since(self.at).as_secs_f64();
        self.tokens = (self.tokens + elapsed * rate).min(burst);
        self.at = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64(
                (1.0 - self.tokens) / rate.max(1e-9),
            ))
        }
    }
}

struct Member {
    delegation: String,
    key: String,
    joined: String,
    revision: u32,
    last: Option<Submission>,
    submits: Bucket,
    polls: Bucket,
}

pub struct State {
    pin: String,
    limits: Limits,
    open: bool,
    reveal: Option<Value>,
    tree: Tree,
    summary: Value,
    /// By token.
    members: HashMap<String, Member>,
    /// Tokens in the order they joined.
    order: Vec<String>,
    /// Name key → token.
    names: HashMap<String, String>,
    throttles: HashMap<IpAddr, Throttle>,
    pending: Vec<Submission>,
}

impl State {
    pub fn new(pin: String, limits: Limits, scenario: &Scenario) -> Self {
        Self {
            pin,
            limits,
            open: true,
            reveal: None,
            tree: Tree::of(scenario),
            summary: scenario_summary(scenario),
            members: HashMap::new(),
            order: Vec::new(),
            names: HashMap::new(),
            throttles: HashMap::new(),
            pending: Vec::new(),
        }
    }

    /// The largest request body the endpoints take, in bytes.
    pub fn max_body(&self) -> usize {
        self.limits.max_body
    }

    /// Checks the PIN from `ip`, counting wrong ones; `Err` is the answer to send.
    fn check_pin(&mut self, ip: IpAddr, pin: &str, now: Instant) -> Result<(), Reply> {
        let limits = &self.limits;
        let throttle = self.throttles.entry(throttle_key(ip)).or_default();
        if throttle.wrong >= limits.wrong_pins_before_block {
            return Err(error(
                403,
                "blocked",
                "too many wrong PINs from this device",
            ));
        }
        if let Some(until) = throttle.until
            && now < until
        {
            return Err(slow_down(until - now));
        }
        // Compared in full whatever the first difference, so timing says nothing.
        let same = pin.len() == self.pin.len()
            && pin
                .bytes()
                .zip(self.pin.bytes())
                .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                == 0;
        if same {
            return Ok(());
        }
        throttle.wrong += 1;
        if throttle.wrong >= limits.wrong_pins_before_wait {
            let doublings = (throttle.wrong - limits.wrong_pins_before_wait).min(30);
            let wait = limits
                .first_wait
                .saturating_mul(1u32 << doublings)
                .min(limits.max_wait);
            throttle.until = Some(now + wait);
        }
        Err(error(401, "wrong_pin", "the PIN is not this session's"))
    }

    pub fn join(&mut self, ip: IpAddr, body: &[u8], now: Instant) -> Reply {
        let Ok(req) = serde_json::from_slice::<JoinRequest>(body) else {
            return malformed();
        };
        if let Err(reply) = self.check_pin(ip, &req.pin, now) {
            return reply;
        }
        let name = match delegation_name(&req.delegation) {
            Ok(n) => n,
            Err(message) => return error(422, "invalid", &message),
        };
        let key = name_key(&name);
        // A known token under the same name resumes; any other join is a new participant.
        if let Some(token) = req.token.as_deref()
            && self.members.get(token).is_some_and(|m| m.key == key)
        {
            return Reply::ok(self.welcome(token));
        }
        if self.names.contains_key(&key) {
            return error(409, "name_taken", "another participant has this name");
        }
        if self.members.len() >= self.limits.max_participants {
            return error(
                503,
                "full",
                "the session has as many participants as it can hold",
            );
        }
        let Ok(token) = token() else {
            return error(503, "full", "the server cannot make a token now");
        };
        let member = Member {
            delegation: name,
            key: key.clone(),
            joined: rfc3339_now(),
            revision: 0,
            last: None,
            submits: Bucket::full(self.limits.submit_burst, now),
            polls: Bucket::full(self.limits.status_burst, now),
        };
        self.members.insert(token.clone(), member);
        self.names.insert(key, token.clone());
        self.order.push(token.clone());
        Reply {
            changed: true,
            ..Reply::ok(self.welcome(&token))
        }
    }

    fn welcome(&self, token: &str) -> Value {
        let submitted = self
            .members
            .get(token)
            .and_then(|m| m.last.as_ref())
            .map(|s| {
                let map = |w: &[(String, f64)]| -> serde_json::Map<String, Value> {
                    w.iter().map(|(k, v)| (k.clone(), json!(v))).collect()
                };
                json!({"families": map(&s.families), "criteria": map(&s.criteria),
                       "revision": s.revision, "received": s.received})
            });
        json!({"token": token, "scenario": self.summary, "open": self.open,
               "revealed": self.reveal.is_some(), "submitted": submitted})
    }

    pub fn submit(&mut self, ip: IpAddr, body: &[u8], now: Instant) -> Reply {
        let Ok(req) = serde_json::from_slice::<SubmitRequest>(body) else {
            return malformed();
        };
        if let Err(reply) = self.check_pin(ip, &req.pin, now) {
            return reply;
        }
        if !self.members.contains_key(&req.token) {
            return unknown();
        }
        if !self.open {
            return error(409, "closed", "the facilitator has closed submissions");
        }
        let (burst, rate) = (self.limits.submit_burst, self.limits.submits_per_second);
        let Some(member) = self.members.get_mut(&req.token) else {
            return unknown();
        };
        if let Err(wait) = member.submits.take(burst, rate, now) {
            return slow_down(wait);
        }
        let (families, criteria) = match check_weights(&self.tree, &req.families, &req.criteria) {
            Ok(w) => w,
            Err(message) => return error(422, "invalid", &message),
        };
        member.revision += 1;
        let submission = Submission {
            delegation: member.delegation.clone(),
            families,
            criteria,
            revision: member.revision,
            received: rfc3339_now(),
        };
        member.last = Some(submission.clone());
        let answer = json!({"revision": submission.revision, "received": submission.received});
        // One pending submission per delegation: a newer revision replaces an untaken one.
        self.pending
            .retain(|s| name_key(&s.delegation) != name_key(&submission.delegation));
        self.pending.push(submission);
        Reply {
            changed: true,
            ..Reply::ok(answer)
        }
    }

    pub fn status(&mut self, ip: IpAddr, body: &[u8], now: Instant) -> Reply {
        let Ok(req) = serde_json::from_slice::<StatusRequest>(body) else {
            return malformed();
        };
        if let Err(reply) = self.check_pin(ip, &req.pin, now) {
            return reply;
        }
        let (burst, rate) = (self.limits.status_burst, self.limits.status_per_second);
        let Some(member) = self.members.get_mut(&req.token) else {
            return unknown();
        };
        if let Err(wait) = member.polls.take(burst, rate, now) {
            return slow_down(wait);
        }
        let submitted = member.last.is_some();
        Reply::ok(json!({"open": self.open, "revealed": self.reveal.is_some(),
                         "submitted": submitted, "result": self.reveal}))
    }

    pub fn take_submissions(&mut self) -> Vec<Submission> {
        std::mem::take(&mut self.pending)
    }

    pub fn participants(&self) -> Vec<Participant> {
        self.order
            .iter()
            .filter_map(|t| self.members.get(t))
            .map(|m| Participant {
                delegation: m.delegation.clone(),
                joined: m.joined.clone(),
                submitted: m.last.as_ref().map(|s| s.received.clone()),
                revision: m.revision,
            })
            .collect()
    }

    pub fn set_open(&mut self, open: bool) {
        self.open = open;
    }

    pub fn is_open(&self) -> bool {
        self.open
    }

    pub fn reveal(&mut self, result: Option<Reveal>) {
        self.reveal = result.and_then(|r| serde_json::to_value(r).ok());
    }

    pub fn remove(&mut self, delegation: &str) {
        let key = name_key(delegation.trim());
        if let Some(token) = self.names.remove(&key) {
            self.members.remove(&token);
            self.order.retain(|t| *t != token);
        }
        self.pending.retain(|s| name_key(&s.delegation) != key);
    }

    pub fn set_scenario(&mut self, scenario: &Scenario) {
        self.tree = Tree::of(scenario);
        self.summary = scenario_summary(scenario);
    }
}

fn malformed() -> Reply {
    error(
        400,
        "malformed",
        "the request is not the JSON this endpoint expects",
    )
}

fn unknown() -> Reply {
    error(
        410,
        "unknown_participant",
        "this session does not know you; join again",
    )
}
