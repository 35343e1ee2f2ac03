pub mod error_panel;
pub mod fields;
pub mod header;
pub mod questions;
pub mod storage_banner;
