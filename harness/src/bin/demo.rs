//! `argilla-demo`: a real argilla-server with demo data, serving this app.
//! Ctrl-C stops every process it started.

use harness::seed::{seed_demo, ANNOTATOR};
use harness::server::OWNER;
use harness::{paths, Argilla, ServerOptions, SpaceSettings};
use std::sync::mpsc;

fn main() {
    if let Err(e) = run() {
        eprintln!("argilla-demo: {e}");
        std::process::exit(1);
    }
}

fn run() -> harness::Result<()> {
    let mut options = ServerOptions::named("demo").with_app();
    if !paths::dist().join("index.html").exists() {
        return Err("dist/ is missing: build the app first (trunk build --release)".into());
    }
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut records = 300;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--base-url" => options.base_url = it.next().cloned(),
            "--space-without-storage" => {
                options.space = Some(SpaceSettings { persistent_storage: false, show_warning: None })
            }
            "--records" => records = it.next().and_then(|n| n.parse().ok()).unwrap_or(records),
            other => return Err(format!("unknown option {other}; options: --base-url /path, --space-without-storage, --records N")),
        }
    }
    // A fixed key keeps sessions valid across restarts of the demo server.
    options.secret_key = Some("argilla-lite-demo-secret".into());
    println!("Starting Redis, osmem and argilla-server on 127.0.0.1 ...");
    let server = Argilla::start(options)?;
    println!("Seeding demo data ({records} records) ...");
    seed_demo(&server.owner_api(), records)?;
    println!();
    println!("  Argilla is ready at  {}/", server.url());
    println!("  annotator:  {} / {}", ANNOTATOR.0, ANNOTATOR.1);
    println!("  owner:      {} / {}", OWNER.0, OWNER.1);
    println!("  logs:       {}", server.run_dir.display());
    println!();
    println!("Press Ctrl-C to stop everything.");
    let (tx, rx) = mpsc::channel();
    ctrlc::set_handler(move || {
        let _ = tx.send(());
    })
    .map_err(|e| e.to_string())?;
    let _ = rx.recv();
    println!("Stopping ...");
    drop(server);
    Ok(())
}
