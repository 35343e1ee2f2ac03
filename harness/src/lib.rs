//! The local Argilla stack used by the demo command and every end-to-end test.
//!
//! Everything binds to 127.0.0.1 on free ports, lives under `.work/runs/`, and
//! every process started here is stopped by PID when its owner is dropped
//! (and, should the test process die, by the kernel's parent-death signal).

pub mod api;
pub mod hub;
pub mod oidc;
pub mod paths;
pub mod process;
pub mod seed;
pub mod server;

pub use api::Api;
pub use process::Proc;
pub use server::{Argilla, OAuthSetup, ServerOptions, SpaceSettings};

pub type Result<T> = std::result::Result<T, String>;
