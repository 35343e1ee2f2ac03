use std::fs::File;
use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A child process that is stopped by PID when dropped: SIGTERM, then SIGKILL.
pub struct Proc {
    pub name: String,
    child: Child,
}

impl Proc {
    /// Starts `cmd` with its output in `<log_dir>/<name>.log`.
    pub fn spawn(name: &str, mut cmd: Command, log_dir: &Path) -> crate::Result<Proc> {
        let log_path = log_dir.join(format!("{name}.log"));
        let log = File::create(&log_path).map_err(|e| format!("{}: {e}", log_path.display()))?;
        let log_err = log.try_clone().map_err(|e| e.to_string())?;
        cmd.stdin(Stdio::null()).stdout(log).stderr(log_err);
        // If this process dies without running destructors, the kernel stops the child.
        unsafe {
            cmd.pre_exec(|| {
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGTERM);
                Ok(())
            });
        }
        let child = cmd.spawn().map_err(|e| format!("cannot start {name}: {e}"))?;
        Ok(Proc { name: name.to_owned(), child })
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn is_running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    pub fn stop(&mut self) {
        if !self.is_running() {
            return;
        }
        let pid = self.child.id() as libc::pid_t;
        unsafe { libc::kill(pid, libc::SIGTERM) };
        let deadline = Instant::now() + Duration::from_secs(8);
        while Instant::now() < deadline {
            if !self.is_running() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Proc {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A port nobody listens on right now.
pub fn free_port() -> crate::Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    listener.local_addr().map(|a| a.port()).map_err(|e| e.to_string())
}

/// Starts a process that listens on the port it is given, on a free port,
/// and waits until it does. A port found free can be taken before the process
/// binds it (by any connection's ephemeral port): if the process exits
/// without listening, it starts again on another port, three times at most.
pub fn spawn_listening(name: &str, log_dir: &Path, command: impl Fn(u16) -> Command) -> crate::Result<(u16, Proc)> {
    let mut problem = String::new();
    for _ in 0..3 {
        let port = free_port()?;
        let mut proc = Proc::spawn(name, command(port), log_dir)?;
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline && proc.is_running() && !port_open(port) {
            std::thread::sleep(Duration::from_millis(50));
        }
        // Someone else's listener would answer too: ours must still be running after a moment.
        std::thread::sleep(Duration::from_millis(100));
        if proc.is_running() && port_open(port) {
            return Ok((port, proc));
        }
        problem = if proc.is_running() {
            format!("{name} did not listen on port {port} within 20 s")
        } else {
            format!("{name} exited before listening on port {port} (see {}/{name}.log)", log_dir.display())
        };
    }
    Err(problem)
}

/// Polls until `check` is true or the time is up.
pub fn wait_until(what: &str, timeout: Duration, mut check: impl FnMut() -> bool) -> crate::Result<()> {
    let deadline = Instant::now() + timeout;
    while Instant::now() < deadline {
        if check() {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Err(format!("timed out after {timeout:?} waiting for {what}"))
}

pub fn port_open(port: u16) -> bool {
    std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
}

/// Starts chromedriver on a free loopback port: (port, the process).
pub fn start_chromedriver(log_dir: &Path) -> crate::Result<(u16, Proc)> {
    let port = free_port()?;
    let mut cmd = Command::new("chromedriver");
    cmd.arg(format!("--port={port}")).arg("--allowed-ips=127.0.0.1");
    let proc = Proc::spawn("chromedriver", cmd, log_dir)
        .map_err(|e| format!("{e} (run scripts/setup.sh to install chromium-driver)"))?;
    wait_until("chromedriver", Duration::from_secs(20), || port_open(port))?;
    Ok((port, proc))
}

/// One WebDriver call to chromedriver; answers the reply's `value`.
pub fn webdriver_call(method: &str, url: &str, body: Option<serde_json::Value>) -> crate::Result<serde_json::Value> {
    let request = ureq::request(method, url).timeout(Duration::from_secs(300));
    let result = match body {
        Some(body) => request.send_json(body),
        None => request.call(),
    };
    let answer: serde_json::Value = match result {
        Ok(r) => r.into_json().map_err(|e| e.to_string())?,
        Err(ureq::Error::Status(code, r)) => {
            let text = r.into_string().unwrap_or_default();
            return Err(format!("webdriver {method} {url}: HTTP {code}: {}", text.chars().take(600).collect::<String>()));
        }
        Err(e) => return Err(format!("webdriver {method} {url}: {e}")),
    };
    Ok(answer["value"].clone())
}
