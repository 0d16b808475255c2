//! The rules beyond a guide's shape: per-guide and site-wide validation
//! (errors, [`validate`]) and lints (warnings, [`lint`]). Guides that
//! parsed come in; diagnostics go out, in the guides' order.

pub(crate) mod lint;
mod names;
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
    // The rules spanning guides and the warnings read the guides only:
    // run them side by side, keeping their order in the output.
    let (site, warnings) = rayon::join(
        || {
            let mut found = Vec::new();
            validate_site(guides, context, &mut found);
            found
        },
        || {
            let refs: Vec<&Guide> = guides.iter().collect();
            let mut found = Vec::new();
            lint::lint(&refs, context, &mut found);
            found
        },
    );
    out.extend(site);
    out.extend(warnings);
    out
}
