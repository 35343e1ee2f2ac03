//! A small blocking WebDriver client for chromedriver: sessions, scripts,
//! real key presses (W3C actions become trusted keyboard events), Chrome
//! DevTools commands and the performance (network) log.

use harness::process::webdriver_call as call;
use harness::Proc;
use serde_json::{json, Value};
use std::path::Path;
use std::sync::Mutex;

/// Open sessions, so an interrupted run can still close its browsers
/// (chromedriver leaves them running when it is stopped).
static OPEN: Mutex<Vec<String>> = Mutex::new(Vec::new());

pub fn close_all_sessions() {
    let open = std::mem::take(&mut *OPEN.lock().unwrap_or_else(|e| e.into_inner()));
    for url in open {
        let _ = call("DELETE", &url, None);
    }
}

pub const TAB: &str = "\u{E004}";
/// "Return" (code Enter); WebDriver's "Enter" key is the numpad one.
pub const RETURN: &str = "\u{E006}";
pub const SHIFT: &str = "\u{E008}";
pub const UP: &str = "\u{E013}";
pub const DOWN: &str = "\u{E015}";

pub struct Chromedriver {
    url: String,
    _proc: Proc,
}

impl Chromedriver {
    pub fn start(log_dir: &Path) -> harness::Result<Chromedriver> {
        let (port, proc) = harness::process::start_chromedriver(log_dir)?;
        Ok(Chromedriver { url: format!("http://127.0.0.1:{port}"), _proc: proc })
    }

    /// A headless Chromium on the profile folder `profile` (created if missing).
    pub fn session(&self, profile: &Path) -> harness::Result<Session> {
        let args = [
            "--headless=new".to_owned(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--no-first-run".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-sync".into(),
            "--disable-dev-shm-usage".into(),
            "--window-size=1280,900".into(),
            format!("--user-data-dir={}", profile.display()),
        ];
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": "/usr/bin/chromium", "args": args,
                                   "perfLoggingPrefs": {"enableNetwork": true, "enablePage": false}},
            "goog:loggingPrefs": {"performance": "ALL"},
            "timeouts": {"script": 180_000, "pageLoad": 180_000},
        }}});
        let created = call("POST", &format!("{}/session", self.url), Some(caps))?;
        let id = created["sessionId"].as_str().ok_or_else(|| format!("no session id in {created}"))?;
        let url = format!("{}/session/{id}", self.url);
        OPEN.lock().unwrap_or_else(|e| e.into_inner()).push(url.clone());
        Ok(Session {
            url,
            browser_version: created["capabilities"]["browserVersion"].as_str().unwrap_or_default().to_owned(),
            scripts: Default::default(),
        })
    }
}

pub struct Session {
    url: String,
    pub browser_version: String,
    /// Scripts run so far: their CPU time on the page's main thread is the driver's, not the page's.
    scripts: std::cell::Cell<usize>,
}

impl Session {
    fn post(&self, path: &str, body: Value) -> harness::Result<Value> {
        call("POST", &format!("{}{path}", self.url), Some(body))
    }

    pub fn goto(&self, url: &str) -> harness::Result<()> {
        self.post("/url", json!({ "url": url })).map(|_| ())
    }

    pub fn js(&self, script: &str, args: Value) -> harness::Result<Value> {
        self.scripts.set(self.scripts.get() + 1);
        self.post("/execute/sync", json!({"script": script, "args": args}))
    }

    /// Runs `script` with a callback as its last argument; returns what it is called with.
    pub fn js_async(&self, script: &str, args: Value) -> harness::Result<Value> {
        self.scripts.set(self.scripts.get() + 1);
        self.post("/execute/async", json!({"script": script, "args": args}))
    }

    pub fn scripts_run(&self) -> usize {
        self.scripts.get()
    }

    /// Presses each chord in turn (a chord's keys go down in order, up in reverse).
    pub fn press(&self, chords: &[&[&str]]) -> harness::Result<()> {
        let mut actions = vec![];
        for chord in chords {
            actions.extend(chord.iter().map(|k| json!({"type": "keyDown", "value": k})));
            actions.extend(chord.iter().rev().map(|k| json!({"type": "keyUp", "value": k})));
        }
        if actions.is_empty() {
            return Ok(());
        }
        self.post("/actions", json!({"actions": [{"type": "key", "id": "keyboard", "actions": actions}]})).map(|_| ())
    }

    pub fn type_into(&self, css: &str, text: &str) -> harness::Result<()> {
        let element = self.element(css)?;
        self.post(&format!("/element/{element}/value"), json!({ "text": text })).map(|_| ())
    }

    pub fn click(&self, css: &str) -> harness::Result<()> {
        let element = self.element(css)?;
        self.post(&format!("/element/{element}/click"), json!({})).map(|_| ())
    }

    /// Clicks an element that a script returned.
    pub fn click_element(&self, element: &Value) -> harness::Result<()> {
        self.post(&format!("/element/{}/click", element_id(element)?), json!({})).map(|_| ())
    }

    pub fn type_into_element(&self, element: &Value, text: &str) -> harness::Result<()> {
        self.post(&format!("/element/{}/value", element_id(element)?), json!({ "text": text })).map(|_| ())
    }

    fn element(&self, css: &str) -> harness::Result<String> {
        let found = self.post("/element", json!({"using": "css selector", "value": css}))?;
        element_id(&found).map_err(|_| format!("no element {css}"))
    }

    /// A Chrome DevTools Protocol command on this page.
    pub fn cdp(&self, cmd: &str, params: Value) -> harness::Result<Value> {
        self.post("/goog/cdp/execute", json!({"cmd": cmd, "params": params}))
    }

    /// The DevTools events logged since the last call (network events only).
    pub fn performance_log(&self) -> harness::Result<Vec<Value>> {
        let entries = self.post("/se/log", json!({"type": "performance"}))?;
        Ok(entries
            .as_array()
            .map(|list| {
                list.iter()
                    .filter_map(|e| e["message"].as_str())
                    .filter_map(|m| serde_json::from_str::<Value>(m).ok())
                    .map(|m| m["message"].clone())
                    .collect()
            })
            .unwrap_or_default())
    }
}

/// The id in a WebDriver element reference (`{"element-6066-…": id}`).
fn element_id(reference: &Value) -> harness::Result<String> {
    reference
        .as_object()
        .and_then(|o| o.values().next())
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| format!("not an element: {reference}"))
}

impl Drop for Session {
    fn drop(&mut self) {
        OPEN.lock().unwrap_or_else(|e| e.into_inner()).retain(|u| *u != self.url);
        let _ = call("DELETE", &self.url, None);
    }
}

