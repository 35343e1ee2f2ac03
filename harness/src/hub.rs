//! The stand-in for huggingface.co's Hub and dataset viewer
//! (`harness/py/hub_standin.py`), for the Hub import and export tests.
//! Only huggingface.co is stood in for: argilla-server, its rq worker and
//! the `datasets` library they run are the real ones.

use crate::paths;
use crate::process::{free_port, port_open, wait_until, Proc};
use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

/// The token the stand-in accepts for writes (repo creation, uploads, commits).
pub const WRITE_TOKEN: &str = "hf_local_write_token";
/// A sample dataset: text, ClassLabel, list of labels, image, chat, numbers, a low-cardinality string.
pub const SAMPLE: &str = "local/reviews";
/// A dataset the stand-in refuses like a gated or private one without access.
pub const GATED: &str = "local/gated";
/// Two subsets: `dishes` (split train) and `drinks` (splits summer, winter), with different columns.
pub const KITCHEN: &str = "local/kitchen";
/// The dataset viewer reads it, but its file in the repo is not parquet: the import job fails.
pub const BROKEN: &str = "local/broken";

pub struct HubStandin {
    pub port: u16,
    /// Holds `datasets/<org>/<name>/` for every repo, as stored.
    pub data_dir: PathBuf,
    _proc: Proc,
}

impl HubStandin {
    pub fn start(log_dir: &std::path::Path) -> crate::Result<HubStandin> {
        let port = free_port()?;
        let data_dir = log_dir.join("hub");
        let mut cmd = Command::new(paths::python());
        cmd.arg(paths::project_root().join("harness/py/hub_standin.py"))
            .arg(&data_dir)
            .arg(port.to_string())
            .env("HF_HUB_OFFLINE", "1")
            .env("HF_HUB_DISABLE_TELEMETRY", "1")
            .env("PYTHONUNBUFFERED", "1");
        let proc = Proc::spawn("hub-standin", cmd, log_dir)?;
        wait_until("the Hub stand-in", Duration::from_secs(60), || port_open(port))?;
        Ok(HubStandin { port, data_dir, _proc: proc })
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The folder of a repo as the stand-in stores it.
    pub fn repo_dir(&self, repo: &str) -> PathBuf {
        self.data_dir.join("datasets").join(repo)
    }
}
