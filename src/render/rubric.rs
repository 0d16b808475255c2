//! A guide's rubric as the guide page shows it: its `rubric` levels in,
//! each level's expectations rendered and what changes from the level
//! below out ([`views`]).

use crate::guide::model::RubricLevel;
use crate::render::markdown::Markdown;
use serde::Serialize;

/// One level of a guide's rubric.
#[derive(Debug, Serialize)]
pub struct RubricView {
    /// The level as the guide writes it.
    pub level: String,
    /// Scope, rendered inline.
    pub scope_html: Option<String>,
    /// Impact, rendered inline.
    pub impact_html: Option<String>,
    /// Examples, rendered inline.
    pub examples: Vec<String>,
    /// What changes from the level below; absent on the first level.
    pub changes: Option<RubricChange>,
}

/// What one level of a rubric changes from the level below it.
#[derive(Debug, Serialize)]
pub struct RubricChange {
    /// The level below.
    pub from: String,
    /// The scope below, when this level's differs (rendered inline).
    pub scope_before_html: Option<String>,
    /// Whether the scope changes.
    pub scope_changed: bool,
    /// The impact below, when this level's differs (rendered inline).
    pub impact_before_html: Option<String>,
    /// Whether the impact changes.
    pub impact_changed: bool,
    /// Examples this level gives that the level below does not.
    pub new_examples: Vec<String>,
}

/// Each level of `rubric` with what changes from the level below.
pub(crate) fn views(md: Markdown, rubric: &[RubricLevel]) -> Vec<RubricView> {
    let inline = |t: &Option<String>| t.as_deref().map(|t| md.inline(t));
    rubric
        .iter()
        .enumerate()
        .map(|(k, r)| RubricView {
            level: r.level.trim().to_string(),
            scope_html: inline(&r.scope),
            impact_html: inline(&r.impact),
            examples: r.examples.iter().map(|e| md.inline(e)).collect(),
            changes: k.checked_sub(1).map(|below| {
                let b = &rubric[below];
                RubricChange {
                    from: b.level.trim().to_string(),
                    scope_before_html: inline(&b.scope),
                    scope_changed: b.scope != r.scope,
                    impact_before_html: inline(&b.impact),
                    impact_changed: b.impact != r.impact,
                    new_examples: r
                        .examples
                        .iter()
                        .filter(|e| !b.examples.contains(e))
                        .map(|e| md.inline(e))
                        .collect(),
                }
            }),
        })
        .collect()
}
