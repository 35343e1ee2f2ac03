//! Annotating records by keyboard as a person would: look where the focus is,
//! move to the label question and press 1 (positive), move to the rating and
//! press 4, press Enter, wait for the next record; repeat.

use crate::page::Page;
use crate::webdriver::RETURN;
use harness::process::wait_until;
use serde_json::{json, Value};
use std::collections::HashSet;
use std::time::Duration;

/// The benchmark dataset's questions, in form order (harness::seed).
const QUESTIONS: [&str; 6] = ["sentiment", "topics", "quality", "ranking", "entities", "comment"];
const ANSWERS: [(&str, &str); 2] = [("sentiment", "1"), ("quality", "4")];

pub struct Annotation {
    /// From the first key press until the last record after them is
    /// answerable and every write has been answered by the server, ms.
    pub total_ms: f64,
    /// Main-thread task time of the page itself (without the driver's own
    /// scripts) per record, ms.
    pub client_ms_per_record: f64,
    /// The same per record shown, a record shown again counting each time.
    pub client_ms_per_shown: f64,
    /// The main thread's CPU time per record, less the driver's scripts'
    /// (a task's duration also counts time the thread waited for a core).
    pub client_cpu_ms_per_record: f64,
    /// Parts of it: JavaScript and WebAssembly; layout and style.
    pub script_ms_per_record: f64,
    pub layout_and_style_ms_per_record: f64,
    /// Enter pressed → next record answerable, median over records, ms.
    pub submit_to_next_ms: f64,
    pub api_requests_per_record: f64,
    pub writes_per_record: f64,
    /// Records shown again in the Pending queue after they were submitted.
    pub shown_again: usize,
    /// Enter presses refused because an answer given had not stuck.
    pub reentered: usize,
}

/// `confirmed` tells whether the server holds all `records` submissions.
pub fn annotate(page: &Page, records: usize, confirmed: &dyn Fn() -> harness::Result<bool>) -> harness::Result<Annotation> {
    page.session.performance_log()?; // drop what came before
    let before = page.metrics()?;
    let start: f64 = page.session.js("return performance.now()", json!([]))?.as_f64().unwrap_or(0.0);
    let scripts_before = page.session.scripts_run();
    let mut shown_at = vec![];
    let (mut submitted, mut shown_again, mut reentered) = (HashSet::new(), 0, 0);
    while submitted.len() < records {
        if shown_at.len() >= records * 4 {
            return Err(format!("{}: {records} records were never all submitted; {}", page.frontend.label, page.diagnose()));
        }
        let key = page.ui("recordKey()")?.as_str().ok_or("no record shown")?.to_owned();
        if !submitted.insert(key.clone()) {
            shown_again += 1;
        }
        let (shown, tries) = submit(page, &key)?;
        shown_at.push(shown);
        reentered += tries - 1;
    }
    let after = page.metrics()?;
    let driver_scripts = page.session.scripts_run() - scripts_before;
    wait_until("the server to hold every answer", Duration::from_secs(120), || confirmed().unwrap_or(false))?;
    std::thread::sleep(Duration::from_secs(1)); // requests that follow the last write
    let requests = api_requests(&page.session.performance_log()?);
    let answered = format!(
        "performance.getEntriesByType('resource').filter(e => e.startTime >= {start} && e.name.includes('/responses')).length >= {}",
        requests.1
    );
    page.wait_value(&answered, Duration::from_secs(30))?;
    let timings = page.session.js(
        "return [window.__bench.enters,
                 performance.getEntriesByType('resource')
                   .filter(e => e.startTime >= arguments[0] && e.name.includes('/responses'))
                   .map(e => e.responseEnd)]",
        json!([start]),
    )?;
    let enters = numbers(&timings[0]);
    // Each record's latency runs from the last Enter before it was shown.
    let mut latencies: Vec<f64> = shown_at
        .iter()
        .filter_map(|shown| enters.iter().filter(|e| *e < shown).fold(None, |_, e| Some(shown - e)))
        .collect();
    let last_write = numbers(&timings[1]).into_iter().fold(0.0, f64::max);
    let last_shown = shown_at.last().copied().unwrap_or(start);
    let n = records as f64;
    let per_record_ms = |metric: &str| (after[metric] - before[metric]) * 1000.0 / n;
    let driver_cpu_ms = driver_scripts as f64 * cpu_ms_per_script(page)? / n;
    Ok(Annotation {
        total_ms: last_shown.max(last_write) - start,
        client_ms_per_record: per_record_ms("TaskDuration") - per_record_ms("DevToolsCommandDuration"),
        client_ms_per_shown: (per_record_ms("TaskDuration") - per_record_ms("DevToolsCommandDuration")) * n / shown_at.len() as f64,
        client_cpu_ms_per_record: per_record_ms("ThreadTime") - driver_cpu_ms,
        script_ms_per_record: per_record_ms("ScriptDuration"),
        layout_and_style_ms_per_record: per_record_ms("LayoutDuration") + per_record_ms("RecalcStyleDuration"),
        submit_to_next_ms: crate::stats::median(&mut latencies),
        api_requests_per_record: requests.0 as f64 / n,
        writes_per_record: requests.1 as f64 / n,
        shown_again,
        reentered,
    })
}

/// Answers the shown record and presses Enter until the next record is
/// shown; returns when it was shown and how many tries it took. A person who
/// sees the form refuse (an answer did not stick) answers again.
fn submit(page: &Page, key: &str) -> harness::Result<(f64, usize)> {
    for tries in 1..=3 {
        answer(page)?;
        page.watch_for_next_record(key)?;
        page.session.press(&[&[RETURN]])?;
        if let Some(shown) = page.next_record_shown(Duration::from_secs(10))? {
            return Ok((shown, tries));
        }
        if all_answered(page)? {
            // Slow, not refused: wait rather than submit twice.
            if let Some(shown) = page.next_record_shown(Duration::from_secs(60))? {
                return Ok((shown, tries));
            }
            break;
        }
    }
    Err(format!("{}: no next record; {}", page.frontend.label, page.diagnose()))
}

fn all_answered(page: &Page) -> harness::Result<bool> {
    for (question, digit) in ANSWERS {
        if !chosen(page, question, digit)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Moves to each question in turn, nearest first, and presses its key unless
/// its answer is already there (a suggestion, a restored edit).
fn answer(page: &Page) -> harness::Result<()> {
    let mut answers = ANSWERS.to_vec();
    let focus = focused(page)?.unwrap_or(0);
    answers.sort_by_key(|(q, _)| index_of(q).abs_diff(focus));
    for (question, digit) in answers {
        move_to(page, index_of(question))?;
        if !chosen(page, question, digit)? {
            page.session.press(&[&[digit]])?;
        }
    }
    Ok(())
}

fn chosen(page: &Page, question: &str, digit: &str) -> harness::Result<bool> {
    Ok(page.ui(&format!("chosen('{question}', {digit})"))? == json!(true))
}

/// Main-thread CPU time of one small driver script, on an idle page.
fn cpu_ms_per_script(page: &Page) -> harness::Result<f64> {
    const CALLS: usize = 40;
    let before = page.metrics()?;
    for _ in 0..CALLS {
        page.ui("recordKey()")?;
    }
    let after = page.metrics()?;
    Ok((after["ThreadTime"] - before["ThreadTime"]) * 1000.0 / CALLS as f64)
}

fn index_of(question: &str) -> usize {
    QUESTIONS.iter().position(|q| *q == question).unwrap_or(0)
}

fn focused(page: &Page) -> harness::Result<Option<usize>> {
    Ok(page.ui("focusedQuestion()")?.as_str().map(index_of))
}

/// Presses the frontend's next/previous-question keys until `target` has the focus.
fn move_to(page: &Page, target: usize) -> harness::Result<()> {
    let frontend = page.frontend;
    for _ in 0..16 {
        let keys: &[&str] = match focused(page)? {
            Some(i) if i == target => return Ok(()),
            Some(i) if i < target => frontend.next_question,
            Some(_) => frontend.previous_question,
            // Number keys answer the first question when the form has no focus.
            None if target == 0 && frontend.activate_form.is_none() => return Ok(()),
            None => frontend.activate_form.unwrap_or(frontend.next_question),
        };
        page.session.press(&[keys])?;
    }
    Err(format!("{}: the focus never reached question {}", frontend.label, QUESTIONS[target]))
}

/// (API requests, writes) in DevTools network events; a write is any
/// non-GET request except searches.
fn api_requests(events: &[Value]) -> (usize, usize) {
    let sent = events.iter().filter(|e| e["method"] == "Network.requestWillBeSent").map(|e| &e["params"]["request"]);
    let api: Vec<&Value> = sent.filter(|r| r["url"].as_str().is_some_and(|u| u.contains("/api/v1/"))).collect();
    let writes = api
        .iter()
        .filter(|r| r["method"] != "GET" && !r["url"].as_str().unwrap_or_default().split('?').next().unwrap_or_default().ends_with("/search"))
        .count();
    (api.len(), writes)
}

fn numbers(list: &Value) -> Vec<f64> {
    list.as_array().map(|l| l.iter().filter_map(Value::as_f64).collect()).unwrap_or_default()
}
