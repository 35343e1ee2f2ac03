pub mod bulk_view;
pub mod error_panel;
pub mod fields;
pub mod find_panel;
pub mod header;
pub mod questions;
pub mod similar;
pub mod storage_banner;
