//! One browser session on one frontend, instrumented by the probe script, with
//! the readings the benchmark takes from it.

use crate::frontend::{Frontend, Step};
use crate::webdriver::Session;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

/// Long tasks that start within this long after the page looked ready still
/// count as loading: the person could not use the page yet.
pub const QUIET_MS: f64 = 1000.0;

pub struct Page<'a> {
    pub session: Session,
    pub frontend: &'a Frontend,
}

/// A page load, read from the browser.
pub struct Load {
    /// From navigation start until the page was interactive, ms.
    pub interactive_ms: f64,
    /// Bytes on the wire (Resource Timing transferSize, headers included) and
    /// network requests (not served from the cache), for everything that
    /// started before the page was interactive.
    pub bytes: f64,
    pub requests: f64,
    /// The longest main-thread task or animation frame (a task with the rendering after it).
    pub longest_task_ms: f64,
    pub largest: Vec<Transfer>,
}

/// One response: its path, bytes on the wire and bytes after decoding.
#[derive(Clone)]
pub struct Transfer {
    pub path: String,
    pub wire: f64,
    pub decoded: f64,
}

impl<'a> Page<'a> {
    pub fn open(session: Session, frontend: &'a Frontend) -> harness::Result<Page<'a>> {
        session.cdp("Page.addScriptToEvaluateOnNewDocument", json!({"source": frontend.probe()}))?;
        session.cdp("Performance.enable", json!({}))?;
        Ok(Page { session, frontend })
    }

    /// Calls `ui.<name>(args...)` from the page model.
    pub fn ui(&self, call: &str) -> harness::Result<Value> {
        self.session.js(&format!("return window.__bench.ui.{call}"), json!([]))
    }

    /// Navigates and waits until the probe marks `state` (`signInReady` or
    /// `recordReady`) and the main thread has been quiet for `QUIET_MS`.
    pub fn load(&self, url: &str, state: &str) -> harness::Result<Load> {
        self.session.goto("about:blank")?;
        self.session.goto(url)?;
        let mark = self.wait_value(&format!("window.__bench && window.__bench.marks.{state}"), Duration::from_secs(180))?;
        let ready = mark["free"].as_f64().ok_or("no mark time")?;
        let interactive = self.settle(ready)?;
        let (_, tasks) = self.now_and_long_tasks()?;
        let frames = self.session.js("return window.__bench.frames", json!([]))?;
        let longest_frame = frames.as_array().into_iter().flatten().filter_map(Value::as_f64).fold(0.0, f64::max);
        let resources = self.session.js(
            "const all = performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'));
             return all.filter(e => e.startTime < arguments[0])
                       .map(e => [new URL(e.name).pathname, e.transferSize, e.decodedBodySize]);",
            json!([interactive]),
        )?;
        let mut resources: Vec<Transfer> = resources
            .as_array()
            .map(|list| {
                list.iter()
                    .map(|r| Transfer {
                        path: r[0].as_str().unwrap_or_default().to_owned(),
                        wire: r[1].as_f64().unwrap_or(0.0),
                        decoded: r[2].as_f64().unwrap_or(0.0),
                    })
                    .collect()
            })
            .unwrap_or_default();
        resources.sort_by(|a, b| b.wire.total_cmp(&a.wire));
        Ok(Load {
            interactive_ms: interactive,
            bytes: resources.iter().map(|r| r.wire).sum(),
            requests: resources.iter().filter(|r| r.wire > 0.0).count() as f64,
            longest_task_ms: tasks.iter().map(|t| t.1).fold(longest_frame, f64::max),
            largest: resources.into_iter().take(5).collect(),
        })
    }

    /// `ready` moved past the long tasks that follow it closely (see [`interactive_after`]).
    fn settle(&self, ready: f64) -> harness::Result<f64> {
        loop {
            let (now, tasks) = self.now_and_long_tasks()?;
            let interactive = interactive_after(ready, &tasks);
            if now >= interactive + QUIET_MS {
                return Ok(interactive);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Times an interaction: from the person's last input (`steps`, done
    /// through the driver as trusted clicks and keys) until `holds`, a
    /// JavaScript expression over `ui`, is true and the page is interactive.
    pub fn time_steps(&self, steps: &[Step], holds: &str) -> harness::Result<f64> {
        let arm = format!(
            "const bench = window.__bench, ui = bench.ui;
             const holds = () => {{ try {{ return !!({holds}); }} catch (_) {{ return false; }} }};
             if (holds()) return false;
             if (bench.watchObserver) bench.watchObserver.disconnect();
             const watch = (bench.watch = {{ from: bench.inputs.length, seen: null, free: null }});
             const observer = (bench.watchObserver = new MutationObserver(() => {{
               if (watch.seen !== null || !holds()) return;
               watch.seen = performance.now();
               observer.disconnect();
               const channel = new MessageChannel();
               channel.port1.onmessage = () => (watch.free = performance.now());
               channel.port2.postMessage(0);
             }}));
             observer.observe(document, {{ childList: true, subtree: true, attributes: true, characterData: true }});
             return true;"
        );
        if self.session.js(&arm, json!([]))? != json!(true) {
            return Err(format!("{}: {holds} already held before the interaction", self.frontend.label));
        }
        for step in steps {
            self.step(step)?;
        }
        let watch = self.wait_value("window.__bench.watch.free !== null && window.__bench.watch", Duration::from_secs(120))?;
        let seen = watch["seen"].as_f64().ok_or("no time seen")?;
        let inputs = self.session.js("const b = window.__bench; return b.inputs.slice(b.watch.from)", json!([]))?;
        let last_input = inputs.as_array().into_iter().flatten().filter_map(Value::as_f64).filter(|t| *t <= seen).fold(f64::NAN, f64::max);
        if last_input.is_nan() {
            return Err(format!("{}: {holds} held before any input", self.frontend.label));
        }
        Ok(self.settle(watch["free"].as_f64().ok_or("no time free")?)? - last_input)
    }

    /// One step on the first element that matches and shows (waiting for it).
    fn step(&self, step: &Step) -> harness::Result<()> {
        let (css, text) = match step {
            Step::Click(css, text) => (css, text.as_deref()),
            Step::Type(css, _) => (css, None),
        };
        let find = format!(
            "[...document.querySelectorAll({})].find((e) => {{
               const r = e.getBoundingClientRect();
               return (e.tagName === 'OPTION' || (r.width > 0 && r.height > 0)) && ({} === null || e.textContent.trim() === {1});
             }})",
            json!(css),
            json!(text)
        );
        // A menu may draw its items again as it opens: find the element anew then.
        let mut attempts = 0;
        loop {
            let element = self.wait_value(&find, Duration::from_secs(30))?;
            let done = match step {
                Step::Click(..) => self.session.click_element(&element),
                Step::Type(_, keys) => self.session.type_into_element(&element, keys),
            };
            match done {
                Err(e) if e.contains("stale element") && attempts < 5 => attempts += 1,
                other => return other,
            }
        }
    }

    fn now_and_long_tasks(&self) -> harness::Result<(f64, Vec<(f64, f64)>)> {
        let v = self.session.js(
            "return [performance.now(), window.__bench.longTasks.map(t => [t.start, t.duration])]",
            json!([]),
        )?;
        let tasks = v[1]
            .as_array()
            .map(|l| l.iter().map(|t| (t[0].as_f64().unwrap_or(0.0), t[1].as_f64().unwrap_or(0.0))).collect())
            .unwrap_or_default();
        Ok((v[0].as_f64().unwrap_or(0.0), tasks))
    }

    /// Polls a JavaScript expression until it is truthy; returns its value.
    pub fn wait_value(&self, expression: &str, timeout: Duration) -> harness::Result<Value> {
        let deadline = Instant::now() + timeout;
        loop {
            let value = self.session.js(&format!("return {expression}"), json!([]))?;
            if !value.is_null() && value != json!(false) {
                return Ok(value);
            }
            if Instant::now() > deadline {
                let url = self.session.js("return location.href", json!([])).unwrap_or_default();
                return Err(format!("{}: timed out waiting for {expression} at {url}", self.frontend.label));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Starts watching, inside the page, for a record other than `previous`
    /// to be shown and answerable; `next_record_shown` waits for it. Armed
    /// before the key press, so the time is the page's, not the driver's.
    pub fn watch_for_next_record(&self, previous: &str) -> harness::Result<()> {
        let script = "const previous = arguments[0], bench = window.__bench, ui = bench.ui;
            const ready = () => { const key = ui.recordKey(); return !!key && key !== previous && ui.recordReady(); };
            if (bench.nextObserver) bench.nextObserver.disconnect();
            bench.nextRecord = new Promise((resolve) => {
              const observer = (bench.nextObserver = new MutationObserver(() => {
                if (!ready()) return;
                observer.disconnect();
                const channel = new MessageChannel();
                channel.port1.onmessage = () => resolve(performance.now());
                channel.port2.postMessage(0);
              }));
              observer.observe(document, { childList: true, subtree: true, attributes: true });
            });";
        self.session.js(script, json!([previous])).map(|_| ())
    }

    /// The page time at which the watched-for record became answerable, or
    /// None if it did not within `timeout`.
    pub fn next_record_shown(&self, timeout: Duration) -> harness::Result<Option<f64>> {
        let script = "const [timeout, done] = arguments;
            window.__bench.nextRecord.then(done);
            setTimeout(() => done(null), timeout);";
        Ok(self.session.js_async(script, json!([timeout.as_millis() as u64]))?.as_f64())
    }

    /// What the page shows, for error messages.
    pub fn diagnose(&self) -> String {
        let script = "const ui = window.__bench.ui, a = document.activeElement;
            const alerts = [...document.querySelectorAll('[role=alert], [role=status], .notice, .toast')]
              .map(e => e.textContent.trim()).filter(t => t).slice(0, 5);
            return {url: location.href, record: ui.recordKey(), ready: ui.recordReady(), question: ui.focusedQuestion(), selected: ui.selected(),
                    active: a ? a.tagName + '.' + a.className : null, alerts};";
        self.session.js(script, json!([])).map(|v| v.to_string()).unwrap_or_else(|e| e)
    }

    /// Chromium's cumulative counters for this page (seconds, counts).
    pub fn metrics(&self) -> harness::Result<std::collections::HashMap<String, f64>> {
        let answer = self.session.cdp("Performance.getMetrics", json!({}))?;
        Ok(answer["metrics"]
            .as_array()
            .map(|l| l.iter().map(|m| (m["name"].as_str().unwrap_or_default().to_owned(), m["value"].as_f64().unwrap_or(0.0))).collect())
            .unwrap_or_default())
    }
}

/// The end of loading: the ready mark, pushed past every long task that starts
/// before the page has been quiet for `QUIET_MS`.
fn interactive_after(ready: f64, tasks: &[(f64, f64)]) -> f64 {
    let mut sorted = tasks.to_vec();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut interactive = ready;
    for (start, duration) in sorted {
        if start <= interactive + QUIET_MS {
            interactive = interactive.max(start + duration);
        }
    }
    interactive
}

#[cfg(test)]
mod tests {
    use super::interactive_after;

    #[test]
    fn long_tasks_soon_after_ready_delay_interactive() {
        assert_eq!(interactive_after(100.0, &[]), 100.0);
        assert_eq!(interactive_after(100.0, &[(50.0, 60.0)]), 110.0);
        assert_eq!(interactive_after(100.0, &[(600.0, 880.0), (1500.0, 100.0)]), 1600.0);
        assert_eq!(interactive_after(100.0, &[(20.0, 30.0), (5000.0, 80.0)]), 100.0);
    }
}
