//! careerbook: a static site generator for career guides.
//!
//! A guide is Markdown with YAML front matter validated against a schema.
//! The pipeline runs one way, one module per stage:
//! [`load`] → [`validate`] → [`render`] → [`write`], orchestrated by
//! [`build`]. [`cli`] turns command-line arguments into calls of those.

pub mod build;
pub mod check;
pub mod cli;
pub mod currency;
pub mod diag;
pub mod feeds;
pub mod graph;
pub mod incremental;
pub mod jsonld;
pub mod links;
pub mod lint;
pub mod load;
pub mod markdown;
pub mod model;
pub mod pages;
pub mod progress;
pub mod render;
pub mod salaries;
pub mod scaffold;
pub mod schema;
pub mod search;
pub mod serve;
pub mod site;
pub mod slug;
pub mod suggest;
pub mod taxonomy;
pub mod theme;
pub mod tree_de;
pub mod validate;
pub mod view;
pub mod watch;
pub mod write;
pub mod yaml;
