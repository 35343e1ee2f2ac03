pub mod error_panel;
pub mod header;
pub mod storage_banner;
