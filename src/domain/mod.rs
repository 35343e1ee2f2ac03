//! The app's rules, in plain Rust: no DOM, no network. Tested natively.

pub mod account;
pub mod backup;
pub mod banner;
pub mod bulk;
pub mod bundle;
pub mod dataset_settings;
pub mod filter;
pub mod find;
pub mod form;
pub mod home;
pub mod hub;
pub mod markdown;
pub mod oauth;
pub mod people;
pub mod progress;
pub mod queue;
pub mod redirect;
pub mod refusal;
pub mod save;
pub mod session;
pub mod span;
pub mod suggestion;
pub mod theme;
pub mod time;
pub mod welcome;
pub mod zip;
