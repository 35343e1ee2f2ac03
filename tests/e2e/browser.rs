//! Headless Chromium through chromedriver, and small helpers that wait for the
//! page instead of sleeping.

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use harness::Proc;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

pub const WAIT: Duration = Duration::from_secs(20);

pub struct Driver {
    pub port: u16,
    _proc: Proc,
}

impl Driver {
    pub fn start(log_dir: &std::path::Path) -> Result<Driver, String> {
        let (port, proc) = harness::process::start_chromedriver(log_dir)?;
        Ok(Driver { port, _proc: proc })
    }

    /// A new browser with a fresh profile (empty storage, no cookies) and
    /// Chromium's defaults, but for the given profile preferences.
    pub async fn browser(&self, prefs: Value) -> Client {
        let args: Vec<String> = [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--window-size=1280,900",
            // A second site for the host page that frames the app, like huggingface.co.
            "--host-resolver-rules=MAP hf-host.test 127.0.0.1",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), json!("chrome"));
        caps.insert(
            "goog:chromeOptions".into(),
            json!({"binary": "/usr/bin/chromium", "args": args, "prefs": prefs}),
        );
        ClientBuilder::native()
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", self.port))
            .await
            .expect("chromedriver session")
    }
}

/// The first element matching `css`, once it is there and shown: pages keep
/// what they are still filling in out of sight until it is complete (nothing
/// moves after the first paint). An option counts as shown (a select draws
/// it); an element that stays out of sight is given back after a short wait.
pub async fn find(c: &Client, css: &str) -> Element {
    let element = c
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no element {css:?} within {WAIT:?}: {e}"));
    let deadline = Instant::now() + Duration::from_secs(3);
    while Instant::now() < deadline {
        let shown = c
            .execute("const e = arguments[0]; return e.tagName === 'OPTION' || e.checkVisibility({visibilityProperty: true})", vec![json!(element)])
            .await
            .is_ok_and(|v| v == json!(true));
        if shown {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    element
}

pub async fn exists_now(c: &Client, css: &str) -> bool {
    c.find(Locator::Css(css)).await.is_ok()
}

pub async fn texts(c: &Client, css: &str) -> Vec<String> {
    let mut out = vec![];
    for el in c.find_all(Locator::Css(css)).await.unwrap_or_default() {
        out.push(el.text().await.unwrap_or_default());
    }
    out
}

/// Waits until `check` holds for the text of `css`, then returns that text.
pub async fn wait_text(c: &Client, css: &str, what: &str, check: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + WAIT;
    let mut last = String::new();
    while Instant::now() < deadline {
        if let Ok(el) = c.find(Locator::Css(css)).await {
            last = el.text().await.unwrap_or_default();
            if check(&last) {
                return last;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{css:?} never showed {what}; last text: {last:?}");
}

/// Waits until the page path (and query) satisfies `check`.
pub async fn wait_url(c: &Client, what: &str, check: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + WAIT;
    let mut last = String::new();
    while Instant::now() < deadline {
        if let Ok(url) = c.current_url().await {
            last = url.to_string();
            if check(&last) {
                return last;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("URL never became {what}; last: {last}");
}

/// Waits until `script` (a function body, run in the page) returns true.
pub async fn wait_until(c: &Client, what: &str, script: &str) {
    let deadline = Instant::now() + WAIT;
    while Instant::now() < deadline {
        if c.execute(script, vec![]).await.ok() == Some(Value::Bool(true)) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("never {what}");
}

/// Waits until a list of texts satisfies `check`.
pub async fn wait_texts(c: &Client, css: &str, what: &str, check: impl Fn(&[String]) -> bool) -> Vec<String> {
    let deadline = Instant::now() + WAIT;
    let mut last = vec![];
    while Instant::now() < deadline {
        last = texts(c, css).await;
        if check(&last) {
            return last;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{css:?} never showed {what}; last: {last:?}");
}

pub async fn type_into(c: &Client, css: &str, text: &str) {
    let el = find(c, css).await;
    el.clear().await.ok();
    el.send_keys(text).await.expect("typing");
}

pub async fn js(c: &Client, script: &str) -> Value {
    c.execute(script, vec![]).await.expect("script")
}

/// Fills and submits the sign-in form already on screen.
pub async fn submit_sign_in(c: &Client, user: &str, password: &str) {
    type_into(c, "#username", user).await;
    type_into(c, "#password", password).await;
    find(c, "form.sign-in-form button[type=submit]").await.click().await.expect("submit");
}

/// Signs in through the real form.
pub async fn sign_in(c: &Client, app_url: &str, user: &str, password: &str) {
    c.goto(&format!("{app_url}/sign-in")).await.expect("open sign-in");
    submit_sign_in(c, user, password).await;
    // Signed in, the sign-in pages hand over to the bundle of the page asked for.
    find(c, "html:not([data-bundle=sign-in]) [data-testid=current-user]").await;
}

/// Signs out through the user menu in the header.
pub async fn sign_out(c: &Client) {
    find(c, "[data-testid=current-user]").await.click().await.expect("open the user menu");
    find(c, "[data-testid=sign-out]").await.click().await.expect("sign out");
}

/// The id of the record shown on the annotation page.
pub async fn current_record(c: &Client) -> String {
    let deadline = Instant::now() + WAIT;
    while Instant::now() < deadline {
        if let Ok(el) = c.find(fantoccini::Locator::Css(".record-pane[data-record-id]")).await {
            if let Ok(Some(id)) = el.attr("data-record-id").await {
                if !id.is_empty() {
                    return id;
                }
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let url = c.current_url().await.map(|u| u.to_string()).unwrap_or_default();
    let said = c
        .execute("return [...document.querySelectorAll('main .loading, main .notice, main [role=alert], main h1, main h2')].map(e => e.textContent.trim()).join(' | ')", vec![])
        .await
        .unwrap_or_default();
    panic!("no record shown at {url}; the page says: {said}");
}

/// A Chrome DevTools command on `c`'s page, through chromedriver on `port`.
pub async fn cdp(port: u16, c: &Client, cmd: &str, params: Value) -> Value {
    let session = c.session_id().await.expect("session id").expect("a session");
    let url = format!("http://127.0.0.1:{port}/session/{session}/goog/cdp/execute");
    harness::process::webdriver_call("POST", &url, Some(json!({"cmd": cmd, "params": params})))
        .unwrap_or_else(|e| panic!("{cmd}: {e}"))
}

/// Whether leaving the page now would ask first (the beforeunload handler's verdict).
pub async fn leave_would_ask(c: &Client) -> bool {
    js(c, LEAVE_WOULD_ASK).await == json!(true)
}

/// The same as a script, for `wait_until` (negate with `!`).
pub const LEAVE_WOULD_ASK: &str = "const e = new Event('beforeunload', {cancelable: true}); window.dispatchEvent(e); return e.defaultPrevented";

/// Keys sent to whatever has the focus now.
pub async fn press(c: &Client, keys: &str) {
    c.active_element().await.unwrap().send_keys(keys).await.unwrap();
}

/// The server does what was asked, but the reply never reaches the page (a proxy's 502, a
/// dropped connection), once for each rule `[method, path ending]`, in the page's `fetch`.
pub async fn lose_replies(c: &Client, rules: Value) {
    js(c, &format!("const rules = window.lostReplies = {rules}; const real = window.fetch; window.fetch = async (r, init) => {{ \
        const method = (init && init.method) || r.method || 'GET'; \
        const path = new URL(r.url ?? String(r), document.baseURI).pathname; \
        const res = await real(r, init); \
        const i = rules.findIndex(([m, end]) => m === method && path.endsWith(end)); \
        if (i >= 0) {{ rules.splice(i, 1); throw new TypeError('Failed to fetch'); }} \
        return res; }}; return null")).await;
}
