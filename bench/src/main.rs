//! `bench`: this app against Argilla 2.8.0's own frontend, side by side: one
//! argilla-server serving both, the same data, the same headless Chromium,
//! measured from inside the browser. See bench/README-section.md.

mod about;
mod annotate;
mod chart;
mod dataset;
mod frontend;
mod large;
mod options;
mod page;
mod report;
mod screenshots;
mod stats;
mod visit;
mod webdriver;

use harness::{paths, Argilla, ServerOptions};
use frontend::LITE_PATH;
use options::Options;
use visit::{visit, Bench, Visit};


fn main() {
    let options = match Options::parse(std::env::args().skip(1).collect()) {
        Ok(options) => options,
        Err(e) => {
            eprintln!("bench: {e}\nusage: {}", options::USAGE);
            std::process::exit(2);
        }
    };
    // Read by harness/py/argilla_launch.py in the server process this starts:
    // serve dist/ under /lite beside Argilla's own UI. Set before any thread exists.
    std::env::set_var("ARGILLA_LITE_ALSO_AT", LITE_PATH);
    std::env::set_var("ARGILLA_LITE_ALSO_DIR", paths::dist());
    // Servers and chromedriver stop with this process; browsers must be closed.
    let _ = ctrlc::set_handler(|| {
        webdriver::close_all_sessions();
        std::process::exit(130);
    });
    if let Err(e) = run(&options) {
        eprintln!("bench: {e}");
        std::process::exit(1);
    }
}

fn run(options: &Options) -> harness::Result<()> {
    if !paths::dist().join("index.html").exists() {
        return Err("dist/ is missing: run scripts/build.sh first".into());
    }
    let started = std::time::Instant::now();
    let app = about::app_build();
    let server = Argilla::start(ServerOptions::named("bench"))?;
    let api = server.owner_api();
    println!("argilla-server at {} (Argilla's UI at /, argilla-lite at {LITE_PATH}); seeding {} records…", server.url(), options.records);
    let data = dataset::seed(&api, options.records, options.big_bytes, options.large)?;
    if options.serve {
        dataset::annotator(&api, &data, "person")?;
        println!("ready: sign in as person / {} at {}/ (Argilla) or {}{LITE_PATH}/ (argilla-lite); dataset {}, 1 MB dataset {}; Ctrl-C stops",
            dataset::PASSWORD, server.url(), server.url(), data.dataset_id, data.big_dataset_id);
        loop {
            std::thread::park();
        }
    }
    let driver = webdriver::Chromedriver::start(&server.run_dir)?;
    let frontends = frontend::both(&server.origin());
    if let Some(out) = &options.screenshots {
        return screenshots::take(&driver, &frontends, &data, harness::server::OWNER, &server.run_dir.join("profiles"), out);
    }
    let bench = Bench { driver: &driver, api_url: server.url(), data: &data, profiles: server.run_dir.join("profiles") };
    let results = measure(&bench, &api, &frontends, options)?;

    let rows = report::rows(&results[0], &results[1]);
    let browser = results[0].first().map(|v| v.browser_version.clone()).unwrap_or_default();
    let about = about::collect(&api, options, &app, &browser, started.elapsed());
    let largest = [
        (frontends[0].label, results[0].iter().map(|v| v.largest.as_slice()).find(|l| !l.is_empty()).unwrap_or_default()),
        (frontends[1].label, results[1].iter().map(|v| v.largest.as_slice()).find(|l| !l.is_empty()).unwrap_or_default()),
    ];
    std::fs::create_dir_all(&options.out).map_err(|e| format!("{}: {e}", options.out.display()))?;
    let write = |name: &str, text: String| {
        let path = options.out.join(name);
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))
    };
    let problems = report::problems(&frontends, &results);
    let json = report::json(&rows, &about, &results[0], &results[1]);
    write("results.json", serde_json::to_string_pretty(&json).unwrap_or_default() + "\n")?;
    write("results.md", report::markdown(&rows, &about, options.annotate, &largest, &problems))?;
    write("ratios.svg", chart::svg(&rows, options.annotate))?;
    println!("\n{}", report::terminal(&rows, &about, options.annotate));
    for problem in &problems {
        println!("problem: {problem}");
    }
    println!("Written to {}: results.json, results.md, ratios.svg", options.out.display());
    check_answers(&results, options.annotate)
}

/// One unmeasured warm-up visit of each frontend, then the repetitions,
/// alternating which frontend goes first; every visit is a new annotator.
fn measure(bench: &Bench, api: &harness::Api, frontends: &[frontend::Frontend; 2], options: &Options) -> harness::Result<[Vec<Visit>; 2]> {
    println!("warm-up visit of each frontend (not measured)…");
    for frontend in frontends {
        let user = format!("warmup-{}", frontend.id);
        dataset::annotator(api, bench.data, &user)?;
        visit(bench, frontend, &user, 5)?;
    }
    let mut results: [Vec<Visit>; 2] = Default::default();
    for rep in 0..options.reps {
        for i in if rep % 2 == 0 { [0, 1] } else { [1, 0] } {
            let frontend = &frontends[i];
            let user = format!("{}-{}", frontend.id, rep + 1);
            dataset::annotator(api, bench.data, &user)?;
            // One visit's failure is reported, not fatal: the others still measure.
            let measured = visit(bench, frontend, &user, options.annotate)
                .unwrap_or_else(|e| Visit { errors: vec![e], ..Default::default() });
            println!("repetition {}/{} {}: {}", rep + 1, options.reps, frontend.label, progress_line(&measured, options.annotate));
            for error in &measured.errors {
                println!("  problem: {error}");
            }
            results[i].push(measured);
        }
    }
    Ok(results)
}

fn progress_line(v: &Visit, annotated: usize) -> String {
    let get = |k: &str| v.values.get(k).copied().unwrap_or(f64::NAN);
    format!(
        "first record {:.0} ms cold / {:.0} ms warm, {:.0} KB; {annotated} records in {:.1} s ({:.1} ms client/record); 1 MB field {:.0} ms, longest task {:.0} ms",
        get("first_record_cold_ms"),
        get("first_record_warm_ms"),
        get("bytes_cold_kb"),
        get("annotate_total_s"),
        get("client_ms_per_record"),
        get("big_interactive_ms"),
        get("big_longest_task_ms"),
    )
}

/// Every submitted response must hold the keys pressed, or the figures mean nothing.
fn check_answers(results: &[Vec<Visit>; 2], annotated: usize) -> harness::Result<()> {
    let wrong: Vec<f64> = results
        .iter()
        .flatten()
        .filter_map(|v| v.values.get("answers_as_pressed").copied())
        .filter(|n| *n as usize != annotated)
        .collect();
    if wrong.is_empty() {
        Ok(())
    } else {
        Err(format!("some visits stored other answers than the keys pressed (correct counts: {wrong:?} of {annotated})"))
    }
}
