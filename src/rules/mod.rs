//! The rules beyond a guide's shape: per-guide and site-wide validation
//! (errors, [`validate`]) and lints (warnings, [`lint`]). Guides that
//! parsed come in; diagnostics go out, in the guides' order.

pub(crate) mod lint;
mod names;
mod skills;
pub mod validate;

use crate::diag::Diagnostic;
use crate::guide::load::Guide;
use rayon::prelude::*;
pub use validate::Context;
use validate::{validate_guide, validate_site};

/// Checks every guide on its own and the site as a whole.
pub fn validate(guides: &[Guide]) -> Vec<Diagnostic> {
    validate_with(guides, &Context::default())
}

/// [`validate`] with knowledge of the files that did not parse.
pub fn validate_with(guides: &[Guide], context: &Context<'_>) -> Vec<Diagnostic> {
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
    let refs: Vec<&Guide> = guides.iter().collect();
    out.extend(validate_across(&refs, context));
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
