//! A stand-in for huggingface.co's OpenID Connect provider, on loopback, for
//! "Sign in with Hugging Face" tests. argilla-server is pointed at it with
//! environment variables only (see `server::OAuthSetup`).
//!
//! - `GET /.well-known/openid-configuration`: discovery (userinfo URL, Basic client auth)
//! - `GET /authorize`: a page to pick an identity, or deny
//! - `GET /approve?user=…`, `GET /deny`: back to the `redirect_uri` with a code or `error=access_denied`
//! - `POST /token`, `GET /userinfo`: what argilla calls server-side
//! - `GET /host?src=…`: a page that frames `src`, like huggingface.co frames a Space
//!
//! Switches: `no_username` users get no `preferred_username`; `set_coop(true)`
//! sends `Cross-Origin-Opener-Policy: same-origin` on the provider's pages.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// An identity whose userinfo lacks `preferred_username` (argilla answers 500).
pub const NO_USERNAME: &str = "no-username";

#[derive(Default)]
struct Shared {
    coop: AtomicBool,
    stop: AtomicBool,
    next_code: AtomicU64,
    codes: Mutex<HashMap<String, String>>,
}

pub struct Provider {
    pub port: u16,
    shared: Arc<Shared>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Provider {
    /// Starts on a free 127.0.0.1 port; `identities` are offered on the authorize page.
    pub fn start(identities: Vec<String>) -> crate::Result<Provider> {
        let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
        let port = listener.local_addr().map_err(|e| e.to_string())?.port();
        let shared = Arc::new(Shared::default());
        let for_thread = shared.clone();
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if for_thread.stop.load(Ordering::SeqCst) {
                    break;
                }
                if let Ok(stream) = stream {
                    let shared = for_thread.clone();
                    let identities = identities.clone();
                    std::thread::spawn(move || {
                        let _ = handle(stream, port, &shared, &identities);
                    });
                }
            }
        });
        Ok(Provider { port, shared, thread: Some(thread) })
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn set_coop(&self, on: bool) {
        self.shared.coop.store(on, Ordering::SeqCst);
    }
}

impl Drop for Provider {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

struct Request {
    method: String,
    path: String,
    query: HashMap<String, String>,
    headers: HashMap<String, String>,
    body: String,
}

fn read_request(stream: &TcpStream) -> Option<Request> {
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_owned();
    let target = parts.next()?.to_owned();
    let mut headers = HashMap::new();
    loop {
        let mut h = String::new();
        reader.read_line(&mut h).ok()?;
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_owned());
        }
    }
    let length: usize = headers.get("content-length").and_then(|l| l.parse().ok()).unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    let (path, query) = target.split_once('?').unwrap_or((&target, ""));
    Some(Request {
        method,
        path: path.to_owned(),
        query: parse_form(query),
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    })
}

pub fn parse_form(text: &str) -> HashMap<String, String> {
    text.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect()
}

fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok()).and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'+', _) => out.push(b' '),
            (b'%', Some(b)) => {
                out.push(b);
                i += 2;
            }
            (b, _) => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn respond(mut stream: &TcpStream, status: &str, headers: &[(&str, String)], body: &str) -> std::io::Result<()> {
    let mut head = format!("HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n", body.len());
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    stream.write_all(body.as_bytes())
}

fn handle(stream: TcpStream, port: u16, shared: &Shared, identities: &[String]) -> std::io::Result<()> {
    let Some(req) = read_request(&stream) else { return Ok(()) };
    let base = format!("http://127.0.0.1:{port}");
    let mut page_headers = vec![("Content-Type", "text/html; charset=utf-8".to_owned())];
    if shared.coop.load(Ordering::SeqCst) {
        page_headers.push(("Cross-Origin-Opener-Policy", "same-origin".to_owned()));
    }
    let q = |k: &str| req.query.get(k).cloned().unwrap_or_default();
    match (req.method.as_str(), req.path.as_str()) {
        ("GET", "/.well-known/openid-configuration") => {
            let body = format!(
                r#"{{"issuer":"{base}","authorization_endpoint":"{base}/authorize","token_endpoint":"{base}/token","userinfo_endpoint":"{base}/userinfo","token_endpoint_auth_methods_supported":["client_secret_basic"],"response_types_supported":["code"],"subject_types_supported":["public"],"id_token_signing_alg_values_supported":["RS256"]}}"#
            );
            respond(&stream, "200 OK", &[("Content-Type", "application/json".into())], &body)
        }
        ("GET", "/authorize") => {
            let back = format!("redirect_uri={}&state={}", encode(&q("redirect_uri")), encode(&q("state")));
            let choices: String = identities
                .iter()
                .map(|id| format!(r#"<li><a class="identity" data-user="{0}" href="/approve?user={1}&{back}">Continue as {0}</a></li>"#, html_escape(id), encode(id)))
                .collect();
            let body = format!(
                r#"<!doctype html><title>Local Hugging Face</title><h1>Sign in to Argilla with Hugging Face (local stand-in)</h1><ul>{choices}</ul><a id="deny" href="/deny?{back}">Deny</a>"#
            );
            respond(&stream, "200 OK", &page_headers, &body)
        }
        ("GET", "/approve") => {
            let code = format!("code-{}", shared.next_code.fetch_add(1, Ordering::SeqCst));
            if let Ok(mut codes) = shared.codes.lock() {
                codes.insert(code.clone(), q("user"));
            }
            let location = format!("{}?code={}&state={}", q("redirect_uri"), encode(&code), encode(&q("state")));
            let mut headers = page_headers.clone();
            headers.push(("Location", location));
            respond(&stream, "302 Found", &headers, "")
        }
        ("GET", "/deny") => {
            let location = format!("{}?error=access_denied&state={}", q("redirect_uri"), encode(&q("state")));
            let mut headers = page_headers.clone();
            headers.push(("Location", location));
            respond(&stream, "302 Found", &headers, "")
        }
        ("POST", "/token") => {
            let form = parse_form(&req.body);
            let code = form.get("code").cloned().unwrap_or_default();
            let known = shared.codes.lock().map(|c| c.contains_key(&code)).unwrap_or(false);
            if !known {
                return respond(&stream, "400 Bad Request", &[("Content-Type", "application/json".into())], r#"{"error":"invalid_grant"}"#);
            }
            let body = format!(r#"{{"access_token":"at-{code}","token_type":"bearer","expires_in":3600,"scope":"openid profile"}}"#);
            respond(&stream, "200 OK", &[("Content-Type", "application/json".into())], &body)
        }
        ("GET", "/userinfo") => {
            let token = req.headers.get("authorization").cloned().unwrap_or_default();
            let code = token.trim_start_matches("Bearer ").trim_start_matches("at-").to_owned();
            let user = shared.codes.lock().ok().and_then(|c| c.get(&code).cloned());
            match user {
                None => respond(&stream, "401 Unauthorized", &[], ""),
                Some(user) if user == NO_USERNAME => {
                    respond(&stream, "200 OK", &[("Content-Type", "application/json".into())], r#"{"sub":"no-username-sub","name":"Nameless"}"#)
                }
                Some(user) => {
                    let body = format!(r#"{{"sub":"sub-{0}","preferred_username":"{0}","name":"{0}","given_name":"{0}"}}"#, user);
                    respond(&stream, "200 OK", &[("Content-Type", "application/json".into())], &body)
                }
            }
        }
        ("GET", "/host") => {
            let body = format!(
                r#"<!doctype html><title>Space host</title><style>body{{margin:0}}iframe{{border:0;width:100%;height:100vh}}</style><iframe id="space" src="{}" allow="clipboard-write"></iframe>"#,
                html_escape(&q("src"))
            );
            respond(&stream, "200 OK", &[("Content-Type", "text/html; charset=utf-8".into())], &body)
        }
        _ => respond(&stream, "404 Not Found", &[], "not found"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_decoding() {
        let f = parse_form("a=1&b=x%20y+z&redirect_uri=http%3A%2F%2F127.0.0.1%3A1%2Fcb");
        assert_eq!(f["b"], "x y z");
        assert_eq!(f["redirect_uri"], "http://127.0.0.1:1/cb");
        assert_eq!(encode("a b/c"), "a%20b%2Fc");
    }
}
