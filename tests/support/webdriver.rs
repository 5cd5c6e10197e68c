//! A tiny WebDriver client for the browser tests: Debian's `chromium` driven through
//! `chromedriver` over HTTP/1.1 on loopback, bodies through serde_json. Only the commands the
//! tests use; no dependency beyond the standard library.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// The browser and its driver, when both are installed.
pub struct Tools {
    pub chromium: PathBuf,
    pub chromedriver: PathBuf,
}

/// Finds Chromium and chromedriver (`TIDELINE_CHROMIUM` / `TIDELINE_CHROMEDRIVER` override the
/// Debian paths). `None` when either is missing; under CI (the `CI` variable set and not
/// `0`/`false`) a missing browser is a failure, not a skip.
pub fn tools_or_skip(test: &str) -> Option<Tools> {
    let pick = |var: &str, default: &str| {
        std::env::var_os(var)
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(default))
    };
    let chromium = pick("TIDELINE_CHROMIUM", "/usr/bin/chromium");
    let chromedriver = pick("TIDELINE_CHROMEDRIVER", "/usr/bin/chromedriver");
    let missing: Vec<&Path> = [chromium.as_path(), chromedriver.as_path()]
        .into_iter()
        .filter(|p| !p.is_file())
        .collect();
    if missing.is_empty() {
        return Some(Tools {
            chromium,
            chromedriver,
        });
    }
    let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && v != "false");
    assert!(
        !ci,
        "{test}: CI is set but {missing:?} is missing (Debian: apt-get install chromium chromium-driver)"
    );
    eprintln!(
        "{test}: skipped, {missing:?} not found (Debian: apt-get install chromium chromium-driver)"
    );
    None
}

/// How the browser is started: its language (`--lang` and `Accept-Language`) and a phone's
/// viewport (CSS pixels, device pixel ratio) through Chromium's mobile emulation.
pub struct Options<'a> {
    pub lang: &'a str,
    pub phone: Option<(u32, u32, f64)>,
}

/// A running chromedriver with one browser session. Dropping it ends the session, stops the
/// driver and removes the browser's profile folder.
pub struct Browser {
    driver: Child,
    port: u16,
    session: String,
    profile: PathBuf,
}

impl Browser {
    pub fn start(tools: &Tools, options: &Options) -> Result<Browser, String> {
        let port = free_port()?;
        let driver = Command::new(&tools.chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("starting {}: {e}", tools.chromedriver.display()))?;
        let profile = fresh_dir()?;
        let mut browser = Browser {
            driver,
            port,
            session: String::new(),
            profile,
        };
        let deadline = Instant::now() + Duration::from_secs(10);
        while browser.call("GET", "/status", None).is_err() {
            if Instant::now() > deadline {
                return Err("chromedriver did not answer within 10 s".into());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let mut args = vec![
            "--headless".to_string(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--disable-quic".into(),
            "--no-first-run".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-sync".into(),
            format!("--user-data-dir={}", browser.profile.display()),
            format!("--lang={}", options.lang),
        ];
        if options.phone.is_none() {
            args.push("--window-size=1000,1400".into());
        }
        let mut chrome = json!({
            "binary": tools.chromium,
            "args": args,
            "prefs": { "intl.accept_languages": options.lang },
        });
        if let Some((width, height, ratio)) = options.phone {
            chrome["mobileEmulation"] = json!({
                "deviceMetrics": { "width": width, "height": height, "pixelRatio": ratio, "touch": true }
            });
        }
        let caps = json!({ "capabilities": { "alwaysMatch": {
            "goog:chromeOptions": chrome,
            "goog:loggingPrefs": { "browser": "ALL" },
        } } });
        let value = browser.call("POST", "/session", Some(&caps))?;
        browser.session = value["sessionId"]
            .as_str()
            .ok_or_else(|| format!("no session id in {value}"))?
            .to_string();
        Ok(browser)
    }

    /// One WebDriver command of this session (`path` after `/session/{id}`).
    pub fn command(&self, method: &str, path: &str, body: Option<&Value>) -> Value {
        let full = format!("/session/{}{path}", self.session);
        self.call(method, &full, body)
            .unwrap_or_else(|e| panic!("WebDriver {method} {path}: {e}"))
    }

    pub fn goto(&self, url: &str) {
        self.command("POST", "/url", Some(&json!({ "url": url })));
    }

    /// The element that `css` selects (panics when there is none).
    pub fn find(&self, css: &str) -> String {
        let value = self.command(
            "POST",
            "/element",
            Some(&json!({ "using": "css selector", "value": css })),
        );
        value
            .as_object()
            .and_then(|o| o.values().next())
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("no element id for {css}: {value}"))
            .to_string()
    }

    /// Types `text` into the element (WebDriver key codes such as [`keys::HOME`] included).
    pub fn type_into(&self, css: &str, text: &str) {
        let id = self.find(css);
        self.command(
            "POST",
            &format!("/element/{id}/value"),
            Some(&json!({ "text": text })),
        );
    }

    pub fn clear(&self, css: &str) {
        let id = self.find(css);
        self.command("POST", &format!("/element/{id}/clear"), Some(&json!({})));
    }

    pub fn click(&self, css: &str) {
        let id = self.find(css);
        self.command("POST", &format!("/element/{id}/click"), Some(&json!({})));
    }

    /// A DOM property of the element (`value`, `hidden`, …).
    pub fn property(&self, css: &str, name: &str) -> Value {
        let id = self.find(css);
        self.command("GET", &format!("/element/{id}/property/{name}"), None)
    }

    pub fn text(&self, css: &str) -> String {
        let id = self.find(css);
        let value = self.command("GET", &format!("/element/{id}/text"), None);
        value.as_str().unwrap_or_default().to_string()
    }

    /// Runs `script` (a function body; `arguments[k]` are `args`) in the page.
    pub fn script(&self, script: &str, args: &[Value]) -> Value {
        self.command(
            "POST",
            "/execute/sync",
            Some(&json!({ "script": script, "args": args })),
        )
    }

    /// The page's console messages of level SEVERE since the last call: script errors, and
    /// anything the content security policy refused.
    pub fn console_errors(&self) -> Vec<String> {
        let value = self.command("POST", "/se/log", Some(&json!({ "type": "browser" })));
        value
            .as_array()
            .into_iter()
            .flatten()
            .filter(|e| e["level"] == "SEVERE")
            .map(|e| e["message"].as_str().unwrap_or_default().to_string())
            .collect()
    }

    /// The handle of the current tab.
    pub fn window(&self) -> String {
        let value = self.command("GET", "/window", None);
        value.as_str().unwrap_or_default().to_string()
    }

    /// Opens a new tab (not switching to it); its handle.
    pub fn new_tab(&self) -> String {
        let value = self.command("POST", "/window/new", Some(&json!({ "type": "tab" })));
        value["handle"].as_str().unwrap_or_default().to_string()
    }

    /// Brings the tab `handle` to the front; commands go to it from now on.
    pub fn switch_to(&self, handle: &str) {
        self.command("POST", "/window", Some(&json!({ "handle": handle })));
    }

    /// The viewport as a PNG.
    pub fn screenshot(&self) -> Vec<u8> {
        let value = self.command("GET", "/screenshot", None);
        base64_decode(value.as_str().unwrap_or_default())
            .unwrap_or_else(|| panic!("screenshot is not base64"))
    }

    /// Waits until `probe` gives `Some`, checking every 50 ms, for at most `seconds`.
    pub fn wait_for<T>(&self, seconds: u64, what: &str, mut probe: impl FnMut() -> Option<T>) -> T {
        let deadline = Instant::now() + Duration::from_secs(seconds);
        loop {
            if let Some(v) = probe() {
                return v;
            }
            assert!(Instant::now() < deadline, "waited {seconds} s for {what}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// One HTTP request to chromedriver; the `value` of its answer, or the error it reports.
    fn call(&self, method: &str, path: &str, body: Option<&Value>) -> Result<Value, String> {
        let body = body.map(Value::to_string).unwrap_or_default();
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).map_err(|e| e.to_string())?;
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .map_err(|e| e.to_string())?;
        let request = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            self.port,
            body.len()
        );
        stream
            .write_all(request.as_bytes())
            .map_err(|e| e.to_string())?;
        let raw = read_response(&mut stream)?;
        let (status, payload) = parse_response(&raw)?;
        let json: Value = serde_json::from_slice(&payload)
            .map_err(|e| format!("{e} in {}", String::from_utf8_lossy(&payload)))?;
        if status != 200 {
            return Err(format!(
                "{status}: {} {}",
                json["value"]["error"], json["value"]["message"]
            ));
        }
        Ok(json["value"].clone())
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = self.call("DELETE", &format!("/session/{}", self.session), None);
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// WebDriver's codes for keys that are not text.
pub mod keys {
    pub const HOME: &str = "\u{E011}";
    pub const ARROW_DOWN: &str = "\u{E015}";
}

/// Reads one response: chromedriver keeps the connection open whatever the request says, so
/// the end is found from `Content-Length` or the last chunk, not from the stream's end.
fn read_response(stream: &mut TcpStream) -> Result<Vec<u8>, String> {
    let mut raw = Vec::new();
    let mut buf = [0u8; 16 * 1024];
    loop {
        if let Some(split) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&raw[..split]).to_ascii_lowercase();
            let body = &raw[split + 4..];
            let length = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse::<usize>().ok());
            let done = match length {
                Some(n) => body.len() >= n,
                None if head.contains("transfer-encoding: chunked") => body.ends_with(b"0\r\n\r\n"),
                None => false,
            };
            if done {
                return Ok(raw);
            }
        }
        let n = stream.read(&mut buf).map_err(|e| e.to_string())?;
        if n == 0 {
            return Ok(raw);
        }
        raw.extend_from_slice(&buf[..n]);
    }
}

/// The status code and the body (de-chunked) of an HTTP/1.1 response.
fn parse_response(raw: &[u8]) -> Result<(u16, Vec<u8>), String> {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or("no end of headers")?;
    let head = String::from_utf8_lossy(&raw[..split]).to_ascii_lowercase();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("bad status line in {head}"))?;
    let mut body = raw[split + 4..].to_vec();
    if head.contains("transfer-encoding: chunked") {
        body = dechunk(&body).ok_or("bad chunked body")?;
    }
    Ok((status, body))
}

fn dechunk(mut rest: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let line_end = rest.windows(2).position(|w| w == b"\r\n")?;
        let size_text = std::str::from_utf8(&rest[..line_end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        rest = &rest[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(rest.get(..size)?);
        rest = rest.get(size + 2..)?;
    }
}

/// Standard base64 (RFC 4648, with padding), as WebDriver sends screenshots.
pub fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text
        .bytes()
        .filter(|c| !c.is_ascii_whitespace() && *c != b'=')
    {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

fn free_port() -> Result<u16, String> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(|e| e.to_string())
}

fn fresh_dir() -> Result<PathBuf, String> {
    static COUNT: AtomicU32 = AtomicU32::new(0);
    let dir = std::env::temp_dir().join(format!(
        "tideline-chromium-{}-{}",
        std::process::id(),
        COUNT.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    Ok(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_of_rfc_4648_examples() {
        // RFC 4648 §10 test vectors.
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64_decode(coded).as_deref(), Some(plain.as_bytes()));
        }
    }

    #[test]
    fn chunked_bodies_are_joined() {
        let raw = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n";
        assert_eq!(parse_response(raw), Ok((200, b"Wikipedia".to_vec())));
    }
}
