//! The rules beyond a guide's shape: per-guide and site-wide validation
//! (errors, [`validate`]) and lints (warnings, [`lint`]). Guides that
//! parsed come in; diagnostics go out, in the guides' order.

pub(crate) mod lint;
mod moves;
mod names;
mod pay;
mod skills;
pub mod validate;

use crate::diag::Diagnostic;
use crate::guide::load::Guide;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::Path;
pub use validate::Context;
use validate::{validate_guide, validate_site};

/// Checks every guide on its own and the site as a whole.
pub fn validate(guides: &[Guide]) -> Vec<Diagnostic> {
    let refs: Vec<&Guide> = guides.iter().collect();
    validate_with(&refs, &Context::default())
}

/// [`validate`] with knowledge of the files that did not parse. `guides`
/// may hold guides the schema walk refused ([`Guide::is_valid`]): the rules
/// check what was built of them, and say nothing the walk already said
/// ([`Guide::repeats`]).
pub fn validate_with(guides: &[&Guide], context: &Context<'_>) -> Vec<Diagnostic> {
    // The rules about one guide read nothing else: run them in parallel,
    // keeping the guides' order.
    let mut out: Vec<Diagnostic> = guides
        .par_iter()
        .flat_map_iter(|g| {
            let mut found = Vec::new();
            validate_guide(g, &mut found);
            found
        })
        .collect();
    out.extend(validate_across(guides, context));
    out
}

/// The rules spanning guides and the warnings, without the rules about
/// each guide on its own (which a caller keeping guides between edits has
/// run once per guide with [`validate::validate_guide`]).
pub fn validate_across(guides: &[&Guide], context: &Context<'_>) -> Vec<Diagnostic> {
    // They read the guides only: run them side by side, keeping their
    // order in the output.
    let (mut site, warnings) = rayon::join(
        || {
            let mut found = Vec::new();
            validate_site(guides, context, &mut found);
            found
        },
        || {
            let mut found = Vec::new();
            lint::lint(guides, context, &mut found);
            found
        },
    );
    site.extend(warnings);
    site
}

/// Drops the diagnostics in `out[from..]` that repeat, for a guide the
/// schema walk refused, what the walk said about it.
pub(crate) fn drop_repeats(guides: &[&Guide], out: &mut Vec<Diagnostic>, from: usize) {
    let refused: HashMap<&Path, &Guide> = guides
        .iter()
        .filter(|g| !g.is_valid())
        .map(|g| (g.source.path.as_path(), *g))
        .collect();
    if refused.is_empty() || from >= out.len() {
        return;
    }
    let mut index = 0;
    out.retain(|d| {
        let keep = index < from
            || !refused
                .get(d.file.as_path())
                .is_some_and(|g| g.repeats(&d.field));
        index += 1;
        keep
    });
}
