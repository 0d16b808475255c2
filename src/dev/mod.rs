//! The author's loop: incremental rebuilds, `watch` and `serve`.

pub mod incremental;
pub mod serve;
pub mod watch;
