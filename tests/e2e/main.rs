//! End-to-end tests: the built app (dist/) in headless Chromium against real
//! argilla-servers that serve it, started on 127.0.0.1 by the harness.
//!
//! A custom runner (harness = false) so the servers start once, every test
//! gets a fresh browser profile, and every process is stopped by PID at the
//! end whatever happened. `cargo test --test e2e -- <filter>` runs a subset.

/// `test!(name)` registers the async fn `name(ctx, client)` under its own name.
macro_rules! test {
    ($name:ident) => {
        Test { name: stringify!($name), run: |ctx, c| Box::pin($name(ctx, c)) }
    };
}

mod accessibility;
mod annotation;
mod annotation_aids;
mod backup;
mod browser;
mod bundles;
mod find;
mod foundation;
mod dataset_settings;
mod design;
mod home;
mod keyboard;
mod languages;
mod hub;
mod my_settings;
mod people;
mod saving;
mod space;
mod team_progress;
mod tour;

use browser::Driver;
use fantoccini::Client;
use futures::future::{BoxFuture, FutureExt};
use harness::seed::{seed_demo, Demo};
use harness::hub::HubStandin;
use harness::oidc::{Provider, NO_USERNAME};
use harness::{Argilla, OAuthSetup, ServerOptions, SpaceSettings};
use std::panic::AssertUnwindSafe;
use std::time::Instant;

/// What every test can use.
pub struct Ctx {
    /// Serves the app at the root, with the demo data.
    pub main: Argilla,
    pub demo: Demo,
    /// Looks like a Hugging Face Space without persistent storage, served under /space.
    pub space: Argilla,
    /// Serves the app under /argilla.
    pub based: Argilla,
    pub based_demo: Demo,
    /// Has "Sign in with Hugging Face" against `provider`; `hf-owner` is its owner.
    pub oauth: Argilla,
    pub oauth_demo: Demo,
    pub provider: Provider,
    /// Runs argilla's rq worker with the Hub at `hub_standin` (import/export jobs).
    pub hub: Argilla,
    pub hub_demo: Demo,
    pub hub_standin: HubStandin,
    pub driver: Driver,
}

pub type TestFn = for<'a> fn(&'a Ctx, &'a Client) -> BoxFuture<'a, ()>;

pub struct Test {
    pub name: &'static str,
    pub run: TestFn,
}

/// The `items` of an API list answer.
pub fn items(v: serde_json::Value) -> Vec<serde_json::Value> {
    v["items"].as_array().cloned().unwrap_or_default()
}

fn main() {
    let filters: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    let tests: Vec<Test> = [foundation::tests(), home::tests(), annotation::tests(), annotation_aids::tests(), team_progress::tests(), find::tests(), space::tests(), backup::tests(), saving::tests(), dataset_settings::tests(), my_settings::tests(), hub::tests(), bundles::tests(), people::tests(), keyboard::tests(), design::tests(), accessibility::tests(), languages::tests()].into_iter().flatten().collect();
    let selected: Vec<&Test> =
        tests.iter().filter(|t| filters.is_empty() || filters.iter().any(|f| t.name.contains(f.as_str()))).collect();
    if std::env::args().any(|a| a == "--list") {
        for t in &tests {
            println!("{}: test", t.name);
        }
        return;
    }
    if selected.is_empty() {
        println!("running 0 tests\n\ntest result: ok. 0 passed; 0 failed; 0 ignored");
        return;
    }
    if !harness::paths::dist().join("index.html").exists() {
        eprintln!("dist/ is missing: run scripts/build.sh (or scripts/test.sh) first");
        std::process::exit(1);
    }

    let started = Instant::now();
    let ctx = match setup() {
        Ok(ctx) => ctx,
        Err(e) => {
            eprintln!("could not start the test servers: {e}");
            std::process::exit(1);
        }
    };
    println!("servers ready in {:.1}s\n\nrunning {} tests", started.elapsed().as_secs_f32(), selected.len());

    // Report a failing assertion as one line with its place, not a backtrace.
    std::panic::set_hook(Box::new(|info| {
        let place = info.location().map(|l| format!("{}:{}", l.file(), l.line())).unwrap_or_default();
        LAST_PANIC_PLACE.with(|p| *p.borrow_mut() = place);
    }));
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("tokio runtime");
    let mut failed = vec![];
    for test in &selected {
        let t0 = Instant::now();
        let outcome = runtime.block_on(async {
            let client = ctx.driver.browser(serde_json::json!({})).await;
            let result = AssertUnwindSafe((test.run)(&ctx, &client)).catch_unwind().await;
            // E2E_SCREENSHOTS=<dir> keeps a picture of each test's last page, for debugging.
            if let Some(dir) = std::env::var_os("E2E_SCREENSHOTS") {
                if let Ok(png) = client.screenshot().await {
                    let _ = std::fs::write(std::path::Path::new(&dir).join(format!("{}.png", test.name)), png);
                }
            }
            let _ = client.close().await;
            result
        });
        match outcome {
            Ok(()) => println!("test {} ... ok ({:.1}s)", test.name, t0.elapsed().as_secs_f32()),
            Err(panic) => {
                let message = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                let place = LAST_PANIC_PLACE.with(|p| p.borrow().clone());
                println!("test {} ... FAILED\n    {message}\n    at {place}", test.name);
                failed.push(test.name);
            }
        }
    }
    drop(ctx); // stops chromedriver and every server, by PID
    println!(
        "\ntest result: {}. {} passed; {} failed; 0 ignored; finished in {:.1}s",
        if failed.is_empty() { "ok" } else { "FAILED" },
        selected.len() - failed.len(),
        failed.len(),
        started.elapsed().as_secs_f32()
    );
    if !failed.is_empty() {
        println!("failures: {}", failed.join(", "));
        std::process::exit(101);
    }
}

thread_local! {
    static LAST_PANIC_PLACE: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

fn setup() -> harness::Result<Ctx> {
    let mut space = ServerOptions::named("e2e-space").with_app();
    space.space = Some(SpaceSettings { persistent_storage: false, show_warning: None });
    // Also under a base path, like a Space behind a proxy: the banner tests cover both.
    space.base_url = Some("/space".into());
    let mut based = ServerOptions::named("e2e-based").with_app();
    based.base_url = Some("/argilla".into());
    let provider = Provider::start(vec!["hf-alice".into(), "hf-owner".into(), NO_USERNAME.into()])?;
    let mut oauth = ServerOptions::named("e2e-oauth").with_app();
    oauth.oauth = Some(OAuthSetup {
        provider_url: provider.url(),
        owner_username: "hf-owner".into(),
        allowed_workspaces: vec!["argilla".into()],
    });
    let hub_standin = HubStandin::start(&harness::paths::new_run_dir("e2e-hub-standin")?)?;
    let mut hub = ServerOptions::named("e2e-hub").with_app();
    hub.hub = Some(hub_standin.url());
    let mut servers = Argilla::start_all(vec![ServerOptions::named("e2e-main").with_app(), space, based, oauth, hub])?;
    let hub = servers.pop().ok_or("no server")?;
    let oauth = servers.pop().ok_or("no server")?;
    let based = servers.pop().ok_or("no server")?;
    let space = servers.pop().ok_or("no server")?;
    let main = servers.pop().ok_or("no server")?;
    let demo = seed_demo(&main.owner_api(), 120)?;
    seed_demo(&space.owner_api(), 10)?;
    let based_demo = seed_demo(&based.owner_api(), 10)?;
    let oauth_demo = seed_demo(&oauth.owner_api(), 10)?;
    let hub_demo = seed_demo(&hub.owner_api(), 6)?;
    let driver = Driver::start(&main.run_dir)?;
    Ok(Ctx { main, demo, space, based, based_demo, oauth, oauth_demo, provider, hub, hub_demo, hub_standin, driver })
}
