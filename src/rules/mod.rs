//! The rules beyond a guide's shape: per-guide and site-wide validation
//! (errors) and lints (warnings).

pub mod lint;
pub mod validate;
