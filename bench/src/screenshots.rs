//! `--screenshots DIR`: both frontends at the same states (signed out, a
//! sign-in error, home, a dialog, annotation focus, filters open, bulk,
//! settings, a missing dataset), at desktop and phone widths and in the dark, as PNGs plus
//! an `index.html` that shows each pair side by side.

use crate::dataset::Data;
use crate::frontend::Frontend;
use crate::webdriver::{Chromedriver, Session};
use serde_json::json;
use std::path::Path;
use std::time::{Duration, Instant};

/// Desktop and phone widths, and the desktop again with the system set to
/// dark (both apps follow `prefers-color-scheme` until a theme is chosen).
const WIDTHS: [(&str, u32, u32); 3] = [("desktop", 1280, 800), ("phone", 380, 780), ("dark", 1280, 800)];

/// A state: its name, what it shows, and the JavaScript that gets there on
/// each frontend after the page at `path` has loaded (lite first).
struct State {
    name: &'static str,
    caption: &'static str,
    path: fn(&Data) -> String,
    act: [&'static str; 2],
}

/// Clicks the first button or link whose text (or label) matches, if any;
/// or, for `select:CSS`, picks the first real option of that select.
const ACT: &str = "const [what] = arguments;
if (what.startsWith('select:')) {
  const s = document.querySelector(what.slice(7));
  if (!s || s.options.length < 2) return false;
  s.value = s.options[1].value; s.dispatchEvent(new Event('change', {bubbles: true})); return true;
}
const hit = [...document.querySelectorAll('button, a, [role=button]')]
  .find(b => new RegExp(what, 'i').test((b.textContent || '') + ' ' + (b.getAttribute('aria-label') || '')));
if (hit) hit.click(); return !!hit;";

fn states() -> Vec<State> {
    let dataset = |d: &Data| format!("/dataset/{}/annotation-mode", d.dataset_id);
    vec![
        State { name: "home", caption: "Home: the datasets", path: |_| "/".into(), act: ["", ""] },
        State { name: "dialog", caption: "A dialog: Import from Python", path: |_| "/".into(), act: ["python", "python"] },
        State { name: "annotation", caption: "Annotation, focus view", path: dataset, act: ["", ""] },
        State { name: "filters", caption: "Filters open", path: dataset, act: ["select:.add-filter", "^\\s*filters\\s*$"] },
        State {
            name: "bulk",
            caption: "Bulk view",
            path: |d| format!("/dataset/{}/annotation-mode?status=pending&view=bulk&per_page=25|?status=pending&page=1~25", d.dataset_id),
            act: ["", ""],
        },
        State { name: "settings", caption: "Dataset settings", path: |d| format!("/dataset/{}/settings", d.dataset_id), act: ["", ""] },
        State {
            name: "error",
            caption: "An error: a dataset that does not exist",
            path: |_| "/dataset/00000000-0000-4000-8000-000000000000/annotation-mode".into(),
            act: ["", ""],
        },
    ]
}

pub fn take(driver: &Chromedriver, frontends: &[Frontend; 2], data: &Data, user: (&str, &str), profiles: &Path, out: &Path) -> harness::Result<()> {
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let states = states();
    for (side, frontend) in frontends.iter().enumerate() {
        for (width_name, width, height) in WIDTHS {
            let session = driver.session(&profiles.join(format!("shots-{}-{width_name}", frontend.id)))?;
            session.cdp("Emulation.setDeviceMetricsOverride", json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600}))?;
            let scheme = if width_name == "dark" { "dark" } else { "light" };
            session.cdp("Emulation.setEmulatedMedia", json!({"features": [{"name": "prefers-color-scheme", "value": scheme}]}))?;
            session.goto(&frontend.sign_in_url())?;
            wait_for(&session, &format!("return !!document.querySelector('{}')", frontend.submit_css))?;
            settle(&session, 1500);
            save(&session, out, &format!("signed-out-{width_name}-{}.png", frontend.id))?;
            sign_in_error(&session, frontend, user)?;
            save(&session, out, &format!("sign-in-error-{width_name}-{}.png", frontend.id))?;
            sign_in(&session, frontend, user)?;
            for state in &states {
                let path = (state.path)(data);
                // "lite|argilla" when the two frontends spell the address differently.
                let path = path.split_once('|').map(|(lite, argilla)| {
                    let base = lite.split('?').next().unwrap_or_default();
                    if side == 0 { lite.to_owned() } else { format!("{base}{argilla}") }
                }).unwrap_or(path);
                session.goto(&format!("{}{path}", frontend.base))?;
                settle(&session, 2500);
                if !state.act[side].is_empty() {
                    let clicked = session.js(ACT, json!([state.act[side]]))?;
                    if clicked != json!(true) {
                        println!("  {} {}: nothing matched /{}/", frontend.label, state.name, state.act[side]);
                    }
                    settle(&session, 1200);
                }
                save(&session, out, &format!("{}-{width_name}-{}.png", state.name, frontend.id))?;
            }
            println!("screenshots: {} at {width_name} width done", frontend.label);
        }
    }
    let mut names = vec![("signed-out", "Sign-in page"), ("sign-in-error", "Sign-in refused (wrong password)")];
    names.extend(states.iter().map(|s| (s.name, s.caption)));
    std::fs::write(out.join("index.html"), index(&names)).map_err(|e| format!("index.html: {e}"))?;
    println!("Written to {}: index.html and {} PNGs", out.display(), names.len() * 2 * WIDTHS.len());
    Ok(())
}

fn sign_in_error(session: &Session, frontend: &Frontend, user: (&str, &str)) -> harness::Result<()> {
    session.goto(&frontend.sign_in_url())?;
    wait_for(session, &format!("return !!document.querySelector('{}')", frontend.submit_css))?;
    session.type_into(frontend.username_css, user.0)?;
    session.type_into(frontend.password_css, "not-the-password")?;
    session.click(frontend.submit_css)?;
    settle(session, 1500);
    Ok(())
}

fn sign_in(session: &Session, frontend: &Frontend, user: (&str, &str)) -> harness::Result<()> {
    session.goto("about:blank")?;
    session.goto(&frontend.sign_in_url())?;
    wait_for(session, &format!("return !!document.querySelector('{}')", frontend.submit_css))?;
    session.type_into(frontend.username_css, user.0)?;
    session.type_into(frontend.password_css, user.1)?;
    session.click(frontend.submit_css)?;
    wait_for(session, "return !location.pathname.endsWith('/sign-in')")?;
    settle(session, 1000);
    Ok(())
}

fn wait_for(session: &Session, script: &str) -> harness::Result<()> {
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if session.js(script, json!([]))? == json!(true) {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Err(format!("timed out waiting for: {script}"))
}

/// Lets the page load and draw: both apps fetch after the first paint.
fn settle(session: &Session, ms: u64) {
    let _ = wait_for(session, "return document.readyState === 'complete'");
    std::thread::sleep(Duration::from_millis(ms));
}

fn save(session: &Session, out: &Path, name: &str) -> harness::Result<()> {
    let shot = session.cdp("Page.captureScreenshot", json!({"format": "png"}))?;
    let data = shot["data"].as_str().ok_or("no screenshot data")?;
    let path = out.join(name);
    std::fs::write(&path, decode_base64(data)?).map_err(|e| format!("{}: {e}", path.display()))
}

fn decode_base64(text: &str) -> harness::Result<Vec<u8>> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let digits: Vec<u8> = text.bytes().filter(|c| *c != b'=').map(|c| value(c).ok_or("not base64")).collect::<Result<_, _>>()?;
    let mut out = Vec::with_capacity(digits.len() * 3 / 4);
    for chunk in digits.chunks(4) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, d)| n | (u32::from(*d) << (18 - 6 * i)));
        out.extend_from_slice(&n.to_be_bytes()[1..chunk.len()]);
    }
    Ok(out)
}

fn index(states: &[(&str, &str)]) -> String {
    let mut html = String::from(
        "<!doctype html><meta charset=utf-8><title>argilla-lite and Argilla 2.8.0, side by side</title>
<style>body{font:15px system-ui,sans-serif;margin:1rem;background:#f5f6f8}h2{margin:1.5rem 0 .5rem}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:1rem;align-items:start}.phone{grid-template-columns:repeat(2,max-content)}
figure{margin:0}img{max-width:100%;border:1px solid #ccc;background:#fff}figcaption{font-weight:600;margin-bottom:.25rem}</style>
<h1>argilla-lite and Argilla 2.8.0's own frontend, side by side</h1>
<p>Same argilla-server, same data, same browser; taken by <code>scripts/screenshots.sh</code>.</p>\n",
    );
    for (name, caption) in states {
        for (width, _, _) in WIDTHS {
            html.push_str(&format!(
                "<h2>{caption} ({width})</h2><div class=\"pair {width}\">\
<figure><figcaption>argilla-lite</figcaption><img loading=lazy src=\"{name}-{width}-lite.png\" alt=\"argilla-lite: {caption}\"></figure>\
<figure><figcaption>Argilla 2.8.0</figcaption><img loading=lazy src=\"{name}-{width}-argilla.png\" alt=\"Argilla 2.8.0: {caption}\"></figure></div>\n"
            ));
        }
    }
    html
}

#[cfg(test)]
mod tests {
    use super::decode_base64;

    #[test]
    fn decodes_base64_with_and_without_padding() {
        assert_eq!(decode_base64("aGVsbG8=").unwrap(), b"hello");
        assert_eq!(decode_base64("aGk=").unwrap(), b"hi");
        assert_eq!(decode_base64("YWJj").unwrap(), b"abc");
        assert!(decode_base64("a*b").is_err());
    }
}
