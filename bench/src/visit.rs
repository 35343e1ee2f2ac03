//! One measured visit of one frontend by one fresh annotator: the sign-in
//! page, the first record with a cold and a warm cache (also over a slow
//! link), annotating records, memory, the large dataset, and the record with
//! a 1 MB text field.

use crate::annotate::annotate;
use crate::large;
use crate::dataset::{Data, PASSWORD};
use crate::frontend::Frontend;
use crate::page::{Page, Transfer};
use crate::webdriver::Chromedriver;
use harness::Api;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub struct Bench<'a> {
    pub driver: &'a Chromedriver,
    pub api_url: String,
    pub data: &'a Data,
    pub profiles: PathBuf,
}

/// Readings keyed as in `report::METRICS`, the cold load's largest
/// transfers, and what went wrong in a part of the visit that was skipped.
#[derive(Default)]
pub struct Visit {
    pub values: BTreeMap<&'static str, f64>,
    pub largest: Vec<Transfer>,
    pub browser_version: String,
    pub errors: Vec<String>,
}

pub fn visit(bench: &Bench, frontend: &Frontend, username: &str, records: usize) -> harness::Result<Visit> {
    let profile = bench.profiles.join(username);
    let mut visit = Visit::default();
    sign_in(bench, frontend, username, &profile, &mut visit)?;
    // Signed in (storage kept), HTTP and code caches emptied.
    for cache in ["Default/Cache", "Default/Code Cache"] {
        let _ = std::fs::remove_dir_all(profile.join(cache));
    }
    let page = Page::open(bench.driver.session(&profile)?, frontend)?;
    first_record(bench, &page, &mut visit)?;
    let dataset_url = page.frontend.dataset_url(&bench.data.dataset_id);
    if let Err(e) = cold_and_warm_over_a_slow_link(&page, &dataset_url, "recordReady", ["slow_first_record_cold_ms", "slow_first_record_warm_ms"], &mut visit.values) {
        visit.errors.push(e);
    }
    // The app may fail at annotating; the rest of the visit still tells something.
    if let Err(e) = annotate_and_weigh(bench, &page, username, records, &mut visit.values) {
        visit.errors.push(e);
    }
    if let Some((dataset_id, records)) = &bench.data.large {
        let measured = Api::sign_in(&bench.api_url, username, PASSWORD).and_then(|api| large::measure(&page, &api, dataset_id, *records, &mut visit.values));
        if let Err(e) = measured {
            visit.errors.push(e);
        }
    }
    let big = page.load(&frontend.dataset_url(&bench.data.big_dataset_id), "recordReady")?;
    visit.values.insert("big_interactive_ms", big.interactive_ms);
    visit.values.insert("big_longest_task_ms", big.longest_task_ms);
    drop(page);
    let _ = std::fs::remove_dir_all(&profile);
    Ok(visit)
}

/// A fresh profile: the sign-in page cold, then warm, then both over a slow
/// link, then signing in through its form.
fn sign_in(bench: &Bench, frontend: &Frontend, username: &str, profile: &Path, visit: &mut Visit) -> harness::Result<()> {
    let page = Page::open(bench.driver.session(profile)?, frontend)?;
    visit.browser_version = page.session.browser_version.clone();
    let v = &mut visit.values;
    let cold = page.load(&frontend.sign_in_url(), "signInReady")?;
    v.insert("sign_in_cold_ms", cold.interactive_ms);
    v.insert("sign_in_bytes_cold_kb", cold.bytes / 1024.0);
    v.insert("sign_in_warm_ms", page.load(&frontend.sign_in_url(), "signInReady")?.interactive_ms);
    if let Err(e) = cold_and_warm_over_a_slow_link(&page, &frontend.sign_in_url(), "signInReady", ["slow_sign_in_cold_ms", "slow_sign_in_warm_ms"], v) {
        visit.errors.push(e);
    }
    page.session.type_into(frontend.username_css, username)?;
    page.session.type_into(frontend.password_css, PASSWORD)?;
    page.session.click(frontend.submit_css)?;
    page.wait_value("window.__bench.ui.signedIn()", Duration::from_secs(60)).map(|_| ())
}

/// The dataset page with a cold cache, then warm.
fn first_record(bench: &Bench, page: &Page, visit: &mut Visit) -> harness::Result<()> {
    let dataset_url = page.frontend.dataset_url(&bench.data.dataset_id);
    let cold = page.load(&dataset_url, "recordReady")?;
    let v = &mut visit.values;
    v.insert("first_record_cold_ms", cold.interactive_ms);
    v.insert("bytes_cold_kb", cold.bytes / 1024.0);
    v.insert("requests_cold", cold.requests);
    visit.largest = cold.largest;
    let warm = page.load(&dataset_url, "recordReady")?;
    v.insert("first_record_warm_ms", warm.interactive_ms);
    v.insert("bytes_warm_kb", warm.bytes / 1024.0);
    v.insert("requests_warm", warm.requests);
    Ok(())
}

/// A Space opened from far away: Chrome's own network emulation.
pub const SLOW_LINK: &str = "20 Mbit/s down, 5 Mbit/s up, 80 ms round trip";

/// A page loaded cold (HTTP cache cleared) then warm over [`SLOW_LINK`],
/// recorded under the two keys.
fn cold_and_warm_over_a_slow_link(page: &Page, url: &str, state: &str, keys: [&'static str; 2], v: &mut BTreeMap<&'static str, f64>) -> harness::Result<()> {
    let s = &page.session;
    s.cdp("Network.enable", json!({}))?;
    let slow = json!({"offline": false, "latency": 80, "downloadThroughput": 20_000_000 / 8, "uploadThroughput": 5_000_000 / 8});
    s.cdp("Network.emulateNetworkConditions", slow)?;
    let result = (|| -> harness::Result<(f64, f64)> {
        s.cdp("Network.clearBrowserCache", json!({}))?;
        let cold = page.load(url, state)?.interactive_ms;
        let warm = page.load(url, state)?.interactive_ms;
        Ok((cold, warm))
    })();
    s.cdp("Network.emulateNetworkConditions", json!({"offline": false, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}))?;
    let (cold, warm) = result?;
    v.insert(keys[0], cold);
    v.insert(keys[1], warm);
    Ok(())
}

/// Annotates `records` records, checks the stored answers, then reads memory.
fn annotate_and_weigh(bench: &Bench, page: &Page, username: &str, records: usize, v: &mut BTreeMap<&'static str, f64>) -> harness::Result<()> {
    let user_api = Api::sign_in(&bench.api_url, username, PASSWORD)?;
    let dataset_id = &bench.data.dataset_id;
    let confirmed = || submitted(&user_api, dataset_id).map(|n| n >= records);
    let done = annotate(page, records, &confirmed)?;
    v.insert("annotate_total_s", done.total_ms / 1000.0);
    v.insert("client_ms_per_record", done.client_ms_per_record);
    v.insert("client_ms_per_shown", done.client_ms_per_shown);
    v.insert("client_cpu_ms_per_record", done.client_cpu_ms_per_record);
    v.insert("script_ms_per_record", done.script_ms_per_record);
    v.insert("layout_and_style_ms_per_record", done.layout_and_style_ms_per_record);
    v.insert("submit_to_next_ms", done.submit_to_next_ms);
    v.insert("api_requests_per_record", done.api_requests_per_record);
    v.insert("writes_per_record", done.writes_per_record);
    v.insert("shown_again", done.shown_again as f64);
    v.insert("reentered", done.reentered as f64);
    v.insert("answers_as_pressed", answers_as_pressed(&user_api, dataset_id, records)? as f64);

    page.session.cdp("HeapProfiler.collectGarbage", json!({}))?;
    let heap = page.session.cdp("Runtime.getHeapUsage", json!({}))?;
    let wasm = page.session.js("const m = window.__bench.wasmMemory; return m ? m.buffer.byteLength : 0", json!([]))?;
    let mb = |x: &Value| x.as_f64().unwrap_or(0.0) / (1024.0 * 1024.0);
    v.insert("js_heap_mb", mb(&heap["usedSize"]));
    v.insert("wasm_mb", mb(&wasm));
    v.insert("memory_mb", mb(&heap["usedSize"]) + mb(&wasm));
    v.insert("dom_nodes", page.session.cdp("Memory.getDOMCounters", json!({}))?["nodes"].as_f64().unwrap_or(0.0));
    Ok(())
}

fn submitted(api: &Api, dataset_id: &str) -> harness::Result<usize> {
    let metrics = api.get(&format!("/me/datasets/{dataset_id}/metrics"))?;
    Ok(metrics["responses"]["submitted"].as_u64().unwrap_or(0) as usize)
}

/// How many of the user's submitted responses hold exactly the keys pressed.
fn answers_as_pressed(api: &Api, dataset_id: &str, records: usize) -> harness::Result<usize> {
    let filter = json!({"type": "terms", "scope": {"entity": "response", "property": "status"}, "values": ["submitted"]});
    let found = api.post(
        &format!("/me/datasets/{dataset_id}/records/search?include=responses&limit={}", records.max(1)),
        json!({"query": {}, "filters": {"and": [filter]}}),
    )?;
    let items = found["items"].as_array().cloned().unwrap_or_default();
    Ok(items
        .iter()
        .filter_map(|i| i["record"]["responses"].as_array()?.first().cloned())
        .filter(|r| r["values"]["sentiment"]["value"] == "positive" && r["values"]["quality"]["value"] == 4)
        .count())
}
