pub mod annotation;
pub mod backup;
pub mod home;
pub mod not_found;
pub mod oauth_callback;
pub mod sign_in;
