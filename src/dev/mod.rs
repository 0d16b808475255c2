//! The author's loop: incremental rebuilds, `watch` and `serve`.

pub mod incremental;
pub(crate) mod serve;
pub(crate) mod watch;
