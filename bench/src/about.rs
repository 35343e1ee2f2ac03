//! The facts printed above the results: machine, versions, data, method.

use crate::page::QUIET_MS;
use crate::report::About;
use crate::options::Options;
use harness::{paths, Api};
use std::process::Command;
use std::time::Duration;

/// Which build of the app the server copied at start-up.
pub struct AppBuild {
    commit: String,
    /// Each wasm bundle and its size, e.g. "annotation 1450 KB, owner pages 1084 KB".
    wasm: String,
    load_at_start: String,
}

pub fn app_build() -> AppBuild {
    let mut bundles: Vec<(String, u64)> = std::fs::read_dir(paths::dist())
        .map(|dir| {
            dir.flatten()
                .filter(|e| e.path().extension().is_some_and(|x| x == "wasm"))
                .filter_map(|e| Some((e.file_name().to_string_lossy().into_owned(), e.metadata().ok()?.len() / 1024)))
                .collect()
        })
        .unwrap_or_default();
    bundles.sort();
    let name = |file: &str| match file.split('-').next() {
        Some("owner") => "owner pages",
        Some("sign") => "sign-in pages",
        _ => "annotation",
    };
    let wasm = bundles.iter().map(|(f, kb)| format!("{} {kb} KB", name(f))).collect::<Vec<_>>().join(", ");
    AppBuild { commit: git_commit(), wasm, load_at_start: load_average() }
}

pub fn collect(api: &Api, options: &Options, app: &AppBuild, browser: &str, took: Duration) -> About {
    let server = api.get("/version").ok().and_then(|v| v["version"].as_str().map(str::to_owned)).unwrap_or_default();
    let n = options.annotate;
    let facts = [
        ("Date", output("date", &["-u", "+%Y-%m-%d %H:%M UTC"])),
        ("Machine", machine()),
        ("Browser", format!("Chromium {browser}, headless (--headless=new, 1280×900), driven by {}", output("chromedriver", &["--version"]).split(" (").next().unwrap_or_default())),
        ("Server", format!("one argilla-server {server} process (SQLite, Redis, osmem-server) serving Argilla's own UI at / and argilla-lite's dist/ at /lite, both through its Brotli middleware")),
        ("argilla-lite", format!("commit {} (release build; wasm before compression: {}; each page loads only its own)", app.commit, app.wasm)),
        ("Dataset", format!("{} records; text and markdown fields; one question of each of the six types; every 10th record ~4 KB and every 100th ~40 KB of text; suggestions for topics and entities. Plus a one-record dataset whose text field is {} bytes", options.records, options.big_bytes)),
        ("** Large dataset", match options.large {
            0 => "not measured (--large 0)".to_owned(),
            n => format!("{n} records like the first dataset's, in the same workspace; the far page is record {} of the Pending queue; the search is for a word in one record of five, the filter a value of a terms property one record in four has; each time is from the last click or key to the result answerable, and each result is checked against the API", (n * 3 / 4).max(1)),
        }),
        ("Repetitions", format!("{} visits per frontend, alternating which goes first, after one unmeasured warm-up visit each; every visit is a fresh annotator in a fresh browser profile", options.reps)),
        ("Cold / warm", "cold: signed in, HTTP and code caches deleted, new browser; warm: the same URL loaded again right after".to_owned()),
        ("* Slow link", format!("{} (Chrome DevTools Network.emulateNetworkConditions), the HTTP cache cleared for the cold load; every other figure is over loopback", crate::visit::SLOW_LINK)),
        ("Answerable / interactive", format!("the record and its form are in the DOM and the main thread has handled a message posted then; moved past any long task starting within {QUIET_MS:.0} ms after that")),
        ("Annotating", format!("{n} records per visit by keyboard (move to the label question, 1, move to the rating, 4, Enter), each answer checked through the API afterwards; client time = the page's main-thread task time (CDP Performance.getMetrics TaskDuration minus the driver's DevToolsCommandDuration) / {n}")),
        ("Run time", format!("{:.1} min", took.as_secs_f64() / 60.0)),
        ("Machine load", format!("1/5/15-minute load averages {} at the start, {} at the end (other work on the machine skews timings)", app.load_at_start, load_average())),
    ];
    facts.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
}

fn machine() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let cpu = cpuinfo.lines().find_map(|l| l.strip_prefix("model name")).map(|l| l.trim_start_matches([' ', '\t', ':'])).unwrap_or("?");
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0);
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let kb: f64 = meminfo.lines().find_map(|l| l.strip_prefix("MemTotal:")).and_then(|l| l.trim().split(' ').next()?.parse().ok()).unwrap_or(0.0);
    let os = std::fs::read_to_string("/etc/os-release").unwrap_or_default();
    let os = os.lines().find_map(|l| l.strip_prefix("PRETTY_NAME=")).unwrap_or("?").trim_matches('"').to_owned();
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
    format!("{cpu}, {cores} cores, {:.0} GiB RAM, {os}, Linux {}", kb / 1024.0 / 1024.0, kernel.trim())
}

fn load_average() -> String {
    let text = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    text.split(' ').take(3).collect::<Vec<_>>().join(" ")
}

fn git_commit() -> String {
    let root = paths::project_root();
    let hash = output("git", &["-C", &root.to_string_lossy(), "rev-parse", "--short", "HEAD"]);
    let dirty = !output("git", &["-C", &root.to_string_lossy(), "status", "--porcelain", "--", "src", "index.html", "style", "Cargo.toml"]).is_empty();
    if dirty { format!("{hash} with uncommitted changes") } else { hash }
}

fn output(program: &str, args: &[&str]) -> String {
    Command::new(program)
        .args(args)
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default()
}
