//! careerbook's integration tests, compiled into one test binary: one
//! module per feature, sharing the helpers in `common`.
//!
//! Run them all with `cargo test`, one feature with `cargo test --test
//! integration serve::`, one test by (part of) its name. Fixture sites live
//! in `tests/fixtures/`, insta snapshots in `tests/integration/snapshots/`.

mod common;

mod assess;
mod authoring;
mod build;
mod career;
mod check;
mod check_first;
mod dev_messages;
mod diff;
mod golden;
mod hardening;
mod i18n;
mod incremental;
mod lsp;
mod maps;
mod multilingual;
mod pages;
mod properties;
mod publish;
mod robustness;
mod salaries;
mod search;
mod serve;
mod serve_hostile;
mod site;
mod terminal;
