//! Moves between guides that go one way (W0510, only when `site.yaml` sets
//! `lint: {one_way_transitions: true}`). Published guides in; a warning
//! out for each `transitions` item that points at another guide whose own
//! progression, under `leads_to` or `transitions`, points back at the
//! guide in no way (neither by `guide:` nor by title).
//!
//! Only `transitions` are checked: a sideways move is usually open both
//! ways, while `leads_to` climbs a ladder that is not walked back down.

use super::lint::Targets;
use crate::diag::{codes, Diagnostic};
use crate::guide::load::Guide;
use crate::guide::yaml::Seg;

/// Adds a warning for every transition of `guides` that nothing links back.
pub(super) fn one_way_transitions(
    guides: &[&Guide],
    targets: &Targets<'_>,
    out: &mut Vec<Diagnostic>,
) {
    for &g in guides {
        let Some(p) = &g.front.progression else {
            continue;
        };
        for (i, item) in p.transitions.iter().enumerate() {
            let Some(target) = targets.resolve(item) else {
                continue;
            };
            if target.slug == g.slug || links_back(target, g, targets) {
                continue;
            }
            let path = [
                Seg::Key("progression"),
                Seg::Key("transitions"),
                Seg::Index(i),
            ];
            out.push(super::lint::warn(
                g,
                &path,
                codes::W0510,
                format!(
                    "the move to `{}` goes one way: that guide links back to `{}` neither under `leads_to` nor under `transitions`",
                    target.front.title.trim(),
                    g.slug
                ),
                format!(
                    "if the move is open both ways, add `- title: {}` with `guide: {}` under `progression.transitions` in {}",
                    g.front.title.trim(),
                    g.slug,
                    target.source.path.display()
                ),
            ));
        }
    }
}

/// Whether `from`'s progression points at `to` in either list.
fn links_back(from: &Guide, to: &Guide, targets: &Targets<'_>) -> bool {
    from.front.progression.as_ref().is_some_and(|p| {
        p.leads_to
            .iter()
            .chain(&p.transitions)
            .any(|item| targets.resolve(item).is_some_and(|t| t.slug == to.slug))
    })
}
