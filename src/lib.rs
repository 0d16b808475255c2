//! careerbook: a static site generator for career guides.
//!
//! A guide is Markdown with YAML front matter that describes one role. The
//! crate turns a folder of guides into a website in layers, each a folder
//! under `src/` that uses only the layers listed before it (the order is
//! `LAYERS` in `src/layers.rs`, and a test there enforces it):
//!
//! | layer | takes | gives |
//! |---|---|---|
//! | [`util`] | strings | slugs, suggestions, currency codes, escaping, the output URL layout |
//! | [`diag`] | problems found anywhere | [`diag::Diagnostic`] values and their human, JSON and GitHub renderings |
//! | [`guide`] | one file's bytes | a typed [`guide::load::Guide`] with positions, or diagnostics |
//! | [`rules`] | parsed guides | errors and warnings that need more than one field or one guide |
//! | [`site`] | valid guides and `site.yaml` | the resolved [`site::Site`]: lookups, links between guides, terms |
//! | [`render`] | a site and a theme | page bytes ([`render::Page`]), nothing on disk |
//! | [`output`] | pages | an output folder swapped in atomically; link checking |
//! | [`build`] | command-line options | the whole pipeline: check, then render and write |
//! | [`diff`] | two versions of a site | what changed for a reader: guides, fields, pages |
//! | [`dev`] | file changes | incremental rebuilds, `watch` and `serve` |
//! | [`lsp`] | an editor's messages | diagnostics as you type, completion, hover, definition, quick fixes |
//! | [`cli`] | arguments | calls of the above, printed diagnostics, exit codes |
//!
//! `docs/architecture.md` walks through the same map module by module.

pub mod build;
pub mod cli;
pub mod dev;
pub mod diag;
pub mod diff;
pub mod guide;
pub mod lsp;
pub mod output;
pub mod render;
pub mod rules;
pub mod site;
pub mod util;

#[cfg(test)]
mod layers;
