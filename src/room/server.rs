//! The HTTP side: hyper's HTTP/1 server on a one-thread tokio runtime of its own. Each
//! connection is a task, not a thread, so idle and slow phones cost a little memory each; the
//! connections are capped (in all and per address), a request's head and body must arrive
//! within their timeouts, the head is read into a bounded buffer and the body is cut at
//! `Limits::max_body`. Nothing is served but the page, its two files and three endpoints.

use std::collections::HashMap;
use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Instant;

use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::header::{ALLOW, CONTENT_LENGTH, CONTENT_TYPE, HeaderValue, RETRY_AFTER};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::sync::watch;

use super::state::{Reply, State, error};
use super::{RoomError, Shared};

const INDEX: &str = include_str!("../../assets/room/index.html");
const CSS: &str = include_str!("../../assets/room/room.css");
const JS: &str = include_str!("../../assets/room/room.js");

/// The headers every response carries (docs/room-protocol.md).
const STRICT: [(&str, &str); 5] = [
    (
        "content-security-policy",
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; \
         img-src 'self' data:; form-action 'none'; frame-ancestors 'none'; base-uri 'none'",
    ),
    ("cache-control", "no-store"),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
    ("x-frame-options", "DENY"),
];

/// What answers one of the JSON endpoints.
type Endpoint = fn(&mut State, IpAddr, &[u8], Instant) -> Reply;

/// Largest request head (request line and headers) hyper buffers; hyper's least is 8 KiB.
const HEAD_BUFFER: usize = 16 * 1024;

/// Connections the system queues before they are accepted: a room's phones may all connect at
/// once (at 128, the usual default, a burst of 200 left some waiting a second for a retry).
const BACKLOG: u32 = 1024;

/// The runtime the server will run on, and its listener bound to `addr`.
pub fn listen(
    addr: SocketAddr,
) -> Result<(tokio::runtime::Runtime, tokio::net::TcpListener), RoomError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()
        .map_err(RoomError::Start)?;
    let listener = {
        let _entered = runtime.enter();
        let bind = || -> std::io::Result<tokio::net::TcpListener> {
            let socket = match addr {
                SocketAddr::V4(_) => tokio::net::TcpSocket::new_v4()?,
                SocketAddr::V6(_) => tokio::net::TcpSocket::new_v6()?,
            };
            // As std's listeners do on Unix: a fixed port can be taken again at once after a
            // session closes (Windows' meaning of the option differs; it is left alone there).
            #[cfg(unix)]
            socket.set_reuseaddr(true)?;
            socket.bind(addr)?;
            socket.listen(BACKLOG)
        };
        bind().map_err(|source| RoomError::Bind { addr, source })?
    };
    Ok((runtime, listener))
}

/// Starts the server's thread; it stops when `stop` says so, dropping the listener and every
/// connection with the runtime.
pub fn start(
    runtime: tokio::runtime::Runtime,
    listener: tokio::net::TcpListener,
    shared: Arc<Shared>,
    mut stop: watch::Receiver<bool>,
) -> Result<JoinHandle<()>, RoomError> {
    std::thread::Builder::new()
        .name("tideline-room".into())
        .spawn(move || {
            runtime.block_on(async move {
                let counts = Arc::new(Mutex::new(Counts::default()));
                loop {
                    let accepted = tokio::select! {
                        a = listener.accept() => a,
                        _ = stop.changed() => break,
                    };
                    match accepted {
                        Ok((stream, peer)) => {
                            if let Some(slot) = Slot::take(&counts, &shared, peer.ip()) {
                                tokio::spawn(serve(stream, peer, Arc::clone(&shared), slot));
                            }
                        }
                        // Out of descriptors or an aborted handshake: wait a moment, go on.
                        Err(_) => tokio::time::sleep(std::time::Duration::from_millis(20)).await,
                    }
                }
            });
            // Dropping the runtime here drops the listener and every connection's task.
            drop(runtime);
        })
        .map_err(RoomError::Start)
}

#[derive(Default)]
struct Counts {
    total: usize,
    by_address: HashMap<IpAddr, usize>,
}

/// One admitted connection; dropping it frees its place.
struct Slot {
    counts: Arc<Mutex<Counts>>,
    ip: IpAddr,
}

impl Slot {
    fn take(counts: &Arc<Mutex<Counts>>, shared: &Shared, ip: IpAddr) -> Option<Slot> {
        let mut c = counts.lock().unwrap_or_else(|e| e.into_inner());
        let from_ip = c.by_address.get(&ip).copied().unwrap_or(0);
        if c.total >= shared.limits.max_connections
            || from_ip >= shared.limits.max_connections_per_address
        {
            return None;
        }
        c.total += 1;
        c.by_address.insert(ip, from_ip + 1);
        Some(Slot {
            counts: Arc::clone(counts),
            ip,
        })
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut c = self.counts.lock().unwrap_or_else(|e| e.into_inner());
        c.total = c.total.saturating_sub(1);
        if let Some(n) = c.by_address.get_mut(&self.ip) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                c.by_address.remove(&self.ip);
            }
        }
    }
}

async fn serve(stream: tokio::net::TcpStream, peer: SocketAddr, shared: Arc<Shared>, slot: Slot) {
    let _slot = slot;
    let _ = stream.set_nodelay(true);
    let header_timeout = shared.limits.header_timeout;
    let service = service_fn(move |req| {
        let shared = Arc::clone(&shared);
        async move { Ok::<_, Infallible>(respond(&shared, peer.ip(), req).await) }
    });
    let _ = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(header_timeout)
        .max_buf_size(HEAD_BUFFER)
        .serve_connection(TokioIo::new(stream), service)
        .await;
}

async fn respond(shared: &Shared, ip: IpAddr, req: Request<Incoming>) -> Response<Full<Bytes>> {
    let asset = |body: &'static str, kind: &'static str| (body, kind);
    let page = match req.uri().path() {
        "/" => Some(asset(INDEX, "text/html; charset=utf-8")),
        "/room.css" => Some(asset(CSS, "text/css; charset=utf-8")),
        "/room.js" => Some(asset(JS, "text/javascript; charset=utf-8")),
        _ => None,
    };
    if let Some((body, kind)) = page {
        return match *req.method() {
            Method::GET => with_headers(200, kind, Bytes::from_static(body.as_bytes()), None),
            Method::HEAD => with_headers(200, kind, Bytes::new(), None),
            _ => not_allowed("GET, HEAD"),
        };
    }
    let endpoint: Option<Endpoint> = match req.uri().path() {
        "/api/join" => Some(State::join),
        "/api/submit" => Some(State::submit),
        "/api/status" => Some(State::status),
        _ => None,
    };
    let Some(endpoint) = endpoint else {
        return reply(error(404, "not_found", "nothing is served at this address"));
    };
    if req.method() != Method::POST {
        return not_allowed("POST");
    }
    let json = req
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"));
    if !json {
        return reply(error(
            400,
            "malformed",
            "the body must be sent as application/json",
        ));
    }
    let max = shared.limits.max_body;
    let declared = req
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > max as u64) {
        return reply(error(413, "too_large", "the request's body is too large"));
    }
    let body = Limited::new(req.into_body(), max).collect();
    let body = match tokio::time::timeout(shared.limits.body_timeout, body).await {
        Ok(Ok(b)) => b.to_bytes(),
        Ok(Err(e)) if e.is::<http_body_util::LengthLimitError>() => {
            return reply(error(413, "too_large", "the request's body is too large"));
        }
        _ => return reply(error(400, "malformed", "the request's body did not arrive")),
    };
    let answer = endpoint(&mut shared.state(), ip, &body, Instant::now());
    if answer.changed {
        (shared.wake)();
    }
    reply(answer)
}

fn reply(answer: Reply) -> Response<Full<Bytes>> {
    let body = Bytes::from(answer.body.to_string());
    with_headers(answer.status, "application/json", body, answer.retry_after)
}

fn not_allowed(allow: &'static str) -> Response<Full<Bytes>> {
    let mut response = reply(error(
        405,
        "method",
        "this address does not take that method",
    ));
    response
        .headers_mut()
        .insert(ALLOW, HeaderValue::from_static(allow));
    response
}

fn with_headers(
    status: u16,
    kind: &'static str,
    body: Bytes,
    retry_after: Option<u64>,
) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(body));
    *response.status_mut() =
        hyper::StatusCode::from_u16(status).unwrap_or(hyper::StatusCode::INTERNAL_SERVER_ERROR);
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(kind));
    for (name, value) in STRICT {
        headers.insert(name, HeaderValue::from_static(value));
    }
    if let Some(secs) = retry_after {
        headers.insert(RETRY_AFTER, HeaderValue::from(secs));
    }
    response
}
