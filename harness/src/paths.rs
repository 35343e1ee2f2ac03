use std::path::PathBuf;

/// The project's top folder (the one with the workspace Cargo.toml).
pub fn project_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("harness lives inside the project")
        .to_path_buf()
}

/// Scratch space for installs and runs; never committed.
pub fn work_dir() -> PathBuf {
    project_root().join(".work")
}

/// The Python venv with argilla-server and osmem-server (scripts/setup.sh makes it).
pub fn venv() -> PathBuf {
    std::env::var_os("ARGILLA_LITE_VENV")
        .map(PathBuf::from)
        .unwrap_or_else(|| work_dir().join("venv"))
}

pub fn python() -> PathBuf {
    venv().join("bin/python")
}

/// The Python SDK's venv (argilla 2.8.0), for checking backups with `Dataset.from_disk`.
pub fn sdk_python() -> PathBuf {
    work_dir().join("sdk-venv/bin/python")
}

pub fn launcher() -> PathBuf {
    project_root().join("harness/py/argilla_launch.py")
}

/// The release build of the app (trunk build --release).
pub fn dist() -> PathBuf {
    project_root().join("dist")
}

pub fn osmem_binary() -> crate::Result<PathBuf> {
    let lib = venv().join("lib");
    let entries = std::fs::read_dir(&lib).map_err(|e| {
        format!("no Python venv at {} ({e}); run scripts/setup.sh first", venv().display())
    })?;
    for entry in entries.flatten() {
        let candidate = entry.path().join("site-packages/osmem_server/bin/osmem-server");
        if candidate.exists() {
            return Ok(candidate);
        }
    }
    Err(format!("osmem-server is not installed in {}; run scripts/setup.sh", venv().display()))
}

/// A fresh folder for one server's database and logs, with a `tmp/` for its
/// temporary files (argilla-server copies its 14 MB UI there at every start
/// and never deletes it). The `tmp/` of runs whose harness has exited goes.
pub fn new_run_dir(name: &str) -> crate::Result<PathBuf> {
    prune_finished_runs();
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let dir = work_dir().join("runs").join(format!("{name}-{}-{stamp}", std::process::id()));
    std::fs::create_dir_all(dir.join("tmp")).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    Ok(dir)
}

/// Removes `runs/<name>-<pid>-<stamp>/tmp` where process `<pid>` is gone.
fn prune_finished_runs() {
    let Ok(entries) = std::fs::read_dir(work_dir().join("runs")) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let pid = name.rsplitn(3, '-').nth(1).and_then(|p| p.parse::<u32>().ok());
        let tmp = entry.path().join("tmp");
        if pid.is_some_and(|pid| !std::path::Path::new(&format!("/proc/{pid}")).exists()) && tmp.exists() {
            let _ = std::fs::remove_dir_all(tmp);
        }
    }
}
