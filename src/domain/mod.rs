//! The app's rules, in plain Rust: no DOM, no network. Tested natively.

pub mod banner;
pub mod home;
pub mod redirect;
pub mod session;
