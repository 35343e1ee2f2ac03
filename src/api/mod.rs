//! The Argilla REST API: typed bodies, one error type, and the HTTP client.

pub mod client;
pub mod early;
pub mod error;
pub mod lenient;
pub mod types;

pub use client::Client;
pub use error::ApiError;
