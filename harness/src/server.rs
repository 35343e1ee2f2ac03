use crate::paths;
use crate::process::{free_port, spawn_listening, wait_until, Proc};
use crate::Api;
use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

pub const OWNER: (&str, &str) = ("owner", "12345678");
pub const OWNER_API_KEY: &str = "owner.apikey";

/// Environment a Hugging Face Space gives the server (see `GET /api/v1/settings`).
#[derive(Clone, Debug)]
pub struct SpaceSettings {
    pub persistent_storage: bool,
    /// `ARGILLA_SHOW_HUGGINGFACE_SPACE_PERSISTENT_STORAGE_WARNING`; None leaves argilla's default (true).
    pub show_warning: Option<bool>,
}

/// "Sign in with Hugging Face" against a local OpenID Connect provider.
#[derive(Clone, Debug)]
pub struct OAuthSetup {
    /// e.g. `http://127.0.0.1:PORT`
    pub provider_url: String,
    /// The Hugging Face username that becomes owner (`USERNAME`).
    pub owner_username: String,
    pub allowed_workspaces: Vec<String>,
}

#[derive(Clone, Debug, Default)]
pub struct ServerOptions {
    /// A name for logs and the run folder.
    pub name: String,
    /// Serve this folder as the frontend instead of argilla's bundled one.
    pub static_dir: Option<PathBuf>,
    /// `ARGILLA_BASE_URL`, e.g. `/argilla`.
    pub base_url: Option<String>,
    pub space: Option<SpaceSettings>,
    /// Fixed JWT signing key; without one each server process signs with a random key.
    pub secret_key: Option<String>,
    pub oauth: Option<OAuthSetup>,
    /// The Hub's address (a stand-in's): runs argilla's rq worker for the Hub
    /// import/export jobs, with `HF_ENDPOINT` there and Hub access on, and
    /// points the app's dataset viewer calls there.
    pub hub: Option<String>,
}

impl ServerOptions {
    pub fn named(name: &str) -> Self {
        ServerOptions { name: name.to_owned(), ..Default::default() }
    }

    /// Serve this project's release build (dist/).
    pub fn with_app(mut self) -> Self {
        self.static_dir = Some(paths::dist());
        self
    }
}

/// A running argilla-server with its own Redis, osmem and SQLite database.
pub struct Argilla {
    pub options: ServerOptions,
    pub run_dir: PathBuf,
    pub port: u16,
    redis_port: u16,
    osmem_port: u16,
    // Field order is drop order: the server first, then what it depends on.
    server: std::sync::Mutex<Option<Proc>>,
    _worker: Option<Proc>,
    _osmem: Proc,
    _redis: Proc,
}

impl Argilla {
    pub fn start(options: ServerOptions) -> crate::Result<Argilla> {
        Ok(Self::start_all(vec![options])?.remove(0))
    }

    /// Starts several servers, preparing their databases in parallel.
    /// Long-lived processes are spawned from this thread: the parent-death
    /// signal is tied to the spawning thread.
    pub fn start_all(all: Vec<ServerOptions>) -> crate::Result<Vec<Argilla>> {
        let mut half_started = vec![];
        for options in all {
            let run_dir = paths::new_run_dir(&options.name)?;
            let (redis_port, redis) = spawn_listening("redis", &run_dir, |port| {
                let mut redis = Command::new("redis-server");
                redis.args(["--port", &port.to_string(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]);
                redis.current_dir(&run_dir);
                redis
            })
            .map_err(|e| format!("{e} (is redis-server installed? run scripts/setup.sh)"))?;
            let osmem_binary = paths::osmem_binary()?;
            let (osmem_port, osmem) = spawn_listening("osmem", &run_dir, |port| {
                let mut osmem = Command::new(&osmem_binary);
                osmem.args(["-addr", &format!("127.0.0.1:{port}"), "-no-stdin-watch", "-no-ja"]);
                osmem.args(["-parent-pid", &std::process::id().to_string()]);
                osmem
            })?;
            half_started.push((options, run_dir, redis_port, redis, osmem_port, osmem));
        }
        let prepared: Vec<crate::Result<()>> = std::thread::scope(|scope| {
            let jobs: Vec<_> = half_started
                .iter()
                .map(|(options, run_dir, redis_port, _, osmem_port, _)| {
                    scope.spawn(move || {
                        let mut cmd = launcher_command(options, run_dir, *redis_port, *osmem_port);
                        cmd.args(["prepare", OWNER.0, OWNER.1, OWNER_API_KEY]);
                        run_to_end(cmd, "database migrate and owner creation")
                    })
                })
                .collect();
            jobs.into_iter().map(|j| j.join().unwrap_or_else(|_| Err("prepare panicked".into()))).collect()
        });
        prepared.into_iter().collect::<crate::Result<Vec<()>>>()?;
        let mut servers = vec![];
        for (options, run_dir, redis_port, redis, osmem_port, osmem) in half_started {
            let worker = match options.hub {
                Some(_) => {
                    let mut cmd = launcher_command(&options, &run_dir, redis_port, osmem_port);
                    cmd.args(["worker", "--num-workers", "1"]);
                    Some(Proc::spawn("worker", cmd, &run_dir)?)
                }
                None => None,
            };
            let argilla = Argilla {
                port: free_port()?,
                options,
                run_dir,
                redis_port,
                osmem_port,
                server: std::sync::Mutex::new(None),
                _worker: worker,
                _osmem: osmem,
                _redis: redis,
            };
            argilla.spawn_server()?;
            servers.push(argilla);
        }
        for server in &servers {
            server.wait_ready()?;
        }
        Ok(servers)
    }

    fn spawn_server(&self) -> crate::Result<()> {
        let mut cmd = launcher_command(&self.options, &self.run_dir, self.redis_port, self.osmem_port);
        cmd.args(["start", "--host", "127.0.0.1", "--port", &self.port.to_string()]);
        let proc = Proc::spawn("argilla", cmd, &self.run_dir)?;
        *self.server.lock().map_err(|e| e.to_string())? = Some(proc);
        Ok(())
    }

    fn wait_ready(&self) -> crate::Result<()> {
        let status = format!("{}/api/v1/status", self.url());
        let log = self.run_dir.join("argilla.log");
        let mut guard = self.server.lock().map_err(|e| e.to_string())?;
        let server = guard.as_mut().ok_or("server not started")?;
        wait_until("argilla-server /api/v1/status", Duration::from_secs(90), || {
            if !server.is_running() {
                return true;
            }
            ureq::get(&status).call().map(|r| r.status() == 200).unwrap_or(false)
        })?;
        if !server.is_running() {
            let tail = std::fs::read_to_string(&log).unwrap_or_default();
            let tail: String = tail.chars().rev().take(3000).collect::<Vec<_>>().into_iter().rev().collect();
            return Err(format!("argilla-server exited during start-up; log {}:\n{tail}", log.display()));
        }
        Ok(())
    }

    /// Stops argilla-server only (Redis, osmem and the database stay), as a crash would.
    pub fn stop_server(&self) {
        let taken = self.server.lock().ok().and_then(|mut s| s.take());
        if let Some(mut server) = taken {
            server.stop();
        }
    }

    /// Starts argilla-server again on the same port and data. Call it from
    /// the thread that started the server (the parent-death signal is per thread).
    pub fn restart_server(&self) -> crate::Result<()> {
        self.stop_server();
        self.spawn_server()?;
        self.wait_ready()
    }

    /// A Space restart without persistent storage: argilla-server stops, its
    /// database is deleted, and it starts again empty but for the owner.
    pub fn restart_empty(&self) -> crate::Result<()> {
        self.stop_server();
        for file in ["argilla.db", "argilla.db-journal", "argilla.db-wal", "argilla.db-shm"] {
            let _ = std::fs::remove_file(self.run_dir.join(file));
        }
        let mut cmd = launcher_command(&self.options, &self.run_dir, self.redis_port, self.osmem_port);
        cmd.args(["prepare", OWNER.0, OWNER.1, OWNER_API_KEY]);
        run_to_end(cmd, "database migrate and owner creation")?;
        self.spawn_server()?;
        self.wait_ready()
    }

    /// The app's address: origin plus base URL, no trailing slash.
    pub fn url(&self) -> String {
        format!("{}{}", self.origin(), self.base_path())
    }

    pub fn origin(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// `""` at the root, `"/argilla"` under a base URL.
    pub fn base_path(&self) -> String {
        self.options.base_url.as_deref().unwrap_or("").trim_end_matches('/').to_owned()
    }

    pub fn owner_api(&self) -> Api {
        Api::with_api_key(&self.url(), OWNER_API_KEY)
    }
}

fn launcher_command(options: &ServerOptions, run_dir: &std::path::Path, redis: u16, osmem: u16) -> Command {
    let mut cmd = Command::new(paths::python());
    cmd.arg(paths::launcher()).current_dir(run_dir);
    for inherited in ["USERNAME", "PASSWORD", "API_KEY", "SPACE_ID", "PERSISTANT_STORAGE_ENABLED"] {
        cmd.env_remove(inherited);
    }
    cmd.env("ARGILLA_HOME_PATH", run_dir)
        .env("TMPDIR", run_dir.join("tmp"))
        .env(
            "ARGILLA_DATABASE_URL",
            format!("sqlite+aiosqlite:///{}/argilla.db?check_same_thread=False", run_dir.display()),
        )
        .env("ARGILLA_REDIS_URL", format!("redis://127.0.0.1:{redis}/0"))
        .env("ARGILLA_ELASTICSEARCH", format!("http://127.0.0.1:{osmem}"))
        .env("ARGILLA_SEARCH_ENGINE", "osmem")
        .env("HF_HUB_DISABLE_TELEMETRY", "1")
        .env("HF_HUB_OFFLINE", "1")
        .env("PYTHONUNBUFFERED", "1");
    if let Some(dir) = &options.static_dir {
        cmd.env("ARGILLA_LITE_STATIC_DIR", dir);
    }
    if let Some(base) = &options.base_url {
        cmd.env("ARGILLA_BASE_URL", base);
    }
    if let Some(key) = &options.secret_key {
        cmd.env("ARGILLA_AUTH_SECRET_KEY", key);
    }
    if let Some(space) = &options.space {
        cmd.env("SPACE_ID", "local/argilla-space")
            .env("SPACE_TITLE", "Argilla (local Space)")
            .env("SPACE_SUBDOMAIN", "local-argilla-space")
            .env("SPACE_HOST", "local-argilla-space.hf.space")
            .env("SPACE_REPO_NAME", "argilla-space")
            .env("SPACE_AUTHOR_NAME", "local")
            .env("PERSISTANT_STORAGE_ENABLED", if space.persistent_storage { "true" } else { "false" });
        if let Some(show) = space.show_warning {
            cmd.env("ARGILLA_SHOW_HUGGINGFACE_SPACE_PERSISTENT_STORAGE_WARNING", show.to_string());
        }
    }
    if let Some(hub) = &options.hub {
        cmd.env("HF_ENDPOINT", hub)
            .env("HF_HUB_OFFLINE", "0")
            .env("HF_HOME", run_dir.join("hf-home"))
            .env("ARGILLA_LITE_DATASETS_SERVER", hub);
    }
    if let Some(oauth) = &options.oauth {
        let cfg = run_dir.join(".oauth.yaml");
        let workspaces: String =
            oauth.allowed_workspaces.iter().map(|w| format!("  - name: {w}\n")).collect();
        let yaml = format!(
            "providers:\n  - name: huggingface\n    client_id: argilla-local\n    client_secret: argilla-local-secret\n    scope: openid profile\nallowed_workspaces:\n{workspaces}allow_http_redirect: true\n"
        );
        let _ = std::fs::write(&cfg, yaml);
        let p = &oauth.provider_url;
        cmd.env("ARGILLA_AUTH_OAUTH_CFG", &cfg)
            .env("SOCIAL_AUTH_HUGGINGFACE_AUTHORIZATION_URL", format!("{p}/authorize"))
            .env("SOCIAL_AUTH_HUGGINGFACE_ACCESS_TOKEN_URL", format!("{p}/token"))
            .env("SOCIAL_AUTH_HUGGINGFACE_OIDC_ENDPOINT", p)
            .env("USERNAME", &oauth.owner_username);
    }
    cmd
}

fn run_to_end(mut cmd: Command, what: &str) -> crate::Result<()> {
    let output = cmd.output().map_err(|e| {
        format!("{what}: cannot run {} ({e}); run scripts/setup.sh", paths::python().display())
    })?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{what} failed ({}):\n{}\n{}",
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}
