//! The author's loop: incremental rebuilds, `watch` and `serve`.

pub(crate) mod conn;
pub mod incremental;
pub(crate) mod report;
pub(crate) mod serve;
pub(crate) mod watch;
