//! Names that become files: a guide in, an error out for each slug too long
//! to be a file or folder name.
//!
//! A guide's slug names its folder, and the slugs of its family, tags,
//! employers and sectors name the term pages. A file system refuses a name
//! over 255 bytes, so `build` would stop half-way through writing; `check`
//! reports it first, at the value it comes from.

use super::validate::Report;
use crate::diag::codes;
use crate::guide::load::Guide;
use crate::guide::yaml::Seg;
use crate::util::layout::MAX_SLUG_BYTES;
use crate::util::slug::slugify;

/// Reports every name in `g` whose slug is longer than [`MAX_SLUG_BYTES`].
pub(super) fn names_fit(r: &mut Report<'_>) {
    let g: &Guide = r.guide;
    let f = &g.front;
    if g.slug.len() > MAX_SLUG_BYTES {
        let from = if f.slug.is_some() {
            "`slug`"
        } else {
            "the file name"
        };
        r.error(
            &[Seg::Key("slug")],
            codes::E0307,
            format!(
                "the slug from {from} is {} bytes long; a file name holds at most {MAX_SLUG_BYTES}",
                g.slug.len()
            ),
        )
        .help = Some(if f.slug.is_some() {
            "shorten `slug:`".into()
        } else {
            "rename the file, or add a shorter `slug:`".into()
        });
    }
    let mut terms: Vec<(Vec<Seg<'static>>, &str)> = Vec::new();
    if let Some(family) = &f.family {
        terms.push((vec![Seg::Key("family")], family));
    }
    for (i, tag) in f.tags.iter().enumerate() {
        terms.push((vec![Seg::Key("tags"), Seg::Index(i)], tag));
    }
    if let Some(h) = &f.hiring {
        for (key, names) in [("employers", &h.employers), ("sectors", &h.sectors)] {
            for (i, name) in names.iter().enumerate() {
                terms.push((vec![Seg::Key("hiring"), Seg::Key(key), Seg::Index(i)], name));
            }
        }
    }
    for (path, name) in terms {
        let len = slugify(name).len();
        if len > MAX_SLUG_BYTES {
            r.error(
                &path,
                codes::E0307,
                format!(
                    "this name makes a {len}-byte slug for its page; a file name holds at most {MAX_SLUG_BYTES}"
                ),
            )
            .help = Some("shorten the name; put the detail in the guide's text".into());
        }
    }
}
