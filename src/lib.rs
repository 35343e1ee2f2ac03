//! Argilla annotation frontend.
//!
//! - [`api`]: typed client for the Argilla REST API and its one error type.
//! - [`domain`]: plain Rust rules (session, banner, filters...), tested natively.
//! - [`browser`]: the few things that touch the browser (storage, location).
//! - [`ui`]: Leptos pages and components, thin over the above.

pub mod api;
pub mod browser;
pub mod domain;
pub mod i18n;
pub mod ui;
pub mod text;
pub mod url;
