//! `scripts/install-into-argilla.sh` swaps an argilla-server's static folder
//! for dist/ and restores it, against a stand-in `argilla_server` package.

use std::path::Path;
use std::process::Command;

fn run(script: &Path, python_path: &Path, args: &[&str]) -> std::process::Output {
    Command::new(script)
        .args(args)
        .env("PYTHONPATH", python_path)
        .output()
        .expect("run the install script")
}

#[test]
fn installs_dist_keeps_the_original_and_restores_it() {
    let root = harness::paths::project_root();
    let dist = root.join("dist/index.html");
    if !dist.exists() {
        panic!("dist/ is missing: run scripts/build.sh first");
    }
    let site = std::env::temp_dir().join(format!("argilla-lite-install-{}", std::process::id()));
    let package = site.join("argilla_server");
    std::fs::create_dir_all(package.join("static")).unwrap();
    std::fs::write(package.join("__init__.py"), "").unwrap();
    std::fs::write(package.join("static/index.html"), "nuxt").unwrap();
    let script = root.join("scripts/install-into-argilla.sh");

    let out = run(&script, &site, &[]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let installed = std::fs::read_to_string(package.join("static/index.html")).unwrap();
    assert_eq!(installed, std::fs::read_to_string(&dist).unwrap(), "dist/ is now argilla's static folder");
    assert_eq!(std::fs::read_to_string(package.join("static.orig/index.html")).unwrap(), "nuxt");

    // Installing again keeps the first original, not our own copy.
    assert!(run(&script, &site, &[]).status.success());
    assert_eq!(std::fs::read_to_string(package.join("static.orig/index.html")).unwrap(), "nuxt");

    let out = run(&script, &site, &["--restore"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(std::fs::read_to_string(package.join("static/index.html")).unwrap(), "nuxt");
    assert!(!package.join("static.orig").exists());
    let _ = std::fs::remove_dir_all(&site);
}
