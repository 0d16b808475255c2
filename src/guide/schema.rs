//! The JSON Schema (draft 2020-12) of guide front matter and of `site.yaml`,
//! derived from the types in [`crate::guide::model`] so the two cannot disagree.
//!
//! `careerbook schema` prints the guide schema; the repository ships the same
//! text as `schema/guide.schema.json` for editors, and [`crate::guide::walk`] walks
//! guides against it at run time.

use crate::guide::model::{FrontMatter, SiteConfig};
use serde_json::Value;
use std::sync::OnceLock;

fn generate<T: schemars::JsonSchema>(title: &str) -> Value {
    let mut schema = schemars::SchemaGenerator::default().into_root_schema_for::<T>();
    schema.insert("title".into(), title.into());
    schema.to_value()
}

/// The schema of a guide's front matter.
pub(crate) fn guide() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(|| generate::<FrontMatter>("careerbook guide front matter"))
}

/// The schema of `site.yaml`.
pub(crate) fn site() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(|| generate::<SiteConfig>("careerbook site.yaml"))
}

/// The guide schema as printed by `careerbook schema`: pretty JSON with a
/// trailing newline. Keys come out sorted, so the text is deterministic.
pub(crate) fn guide_text() -> String {
    let mut text = serde_json::to_string_pretty(guide()).unwrap_or_default();
    text.push('\n');
    text
}
