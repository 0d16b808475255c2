//! Validation: the rules a guide must follow beyond its YAML shape, and the
//! rules that span guides (unique slugs, links that resolve).
//!
//! Every rule reports a [`Diagnostic`] at the line of the offending value and
//! carries on, so one run shows every problem.

use crate::diag::Diagnostic;
use crate::guide::load::Guide;
use crate::guide::model::PLACEHOLDER;
use crate::guide::yaml::{path_string, Seg};
use crate::util::slug::is_valid_slug;
use std::collections::BTreeMap;

/// Collects diagnostics about one guide at positions taken from its tree.
struct Report<'a> {
    guide: &'a Guide,
    out: &'a mut Vec<Diagnostic>,
}

impl Report<'_> {
    fn error(&mut self, path: &[Seg<'_>], code: &'static str, message: String) -> &mut Diagnostic {
        let (line, column) = self.guide.position(path);
        self.out.push(Diagnostic::error(
            &self.guide.source.path,
            line,
            column,
            path_string(path),
            code,
            message,
        ));
        self.out.last_mut().expect("just pushed")
    }
}

/// What site-wide rules need to know beyond the guides that parsed.
#[derive(Debug, Default, Clone, Copy)]
pub struct Context<'a> {
    /// Slugs (and files) of guides that did not parse: links to them are
    /// not reported again as broken.
    pub unparsed: &'a [(String, std::path::PathBuf)],
    /// Whether drafts are published (`--drafts`).
    pub drafts: bool,
}

fn non_empty_list(r: &mut Report<'_>, key: &'static str, items: &[String]) {
    if items.is_empty() {
        r.error(
            &[Seg::Key(key)],
            "E0201",
            format!("`{key}` needs at least one item"),
        );
    }
    for (i, item) in items.iter().enumerate() {
        if item.trim().is_empty() {
            r.error(
                &[Seg::Key(key), Seg::Index(i)],
                "E0202",
                "list item is empty".into(),
            );
        }
    }
}

/// The rules about one guide on its own.
pub fn validate_guide(g: &Guide, out: &mut Vec<Diagnostic>) {
    let f = &g.front;
    let mut r = Report { guide: g, out };
    for (key, value) in [("title", &f.title), ("summary", &f.summary)] {
        if value.trim().is_empty() {
            r.error(
                &[Seg::Key(key)],
                "E0202",
                format!("`{key}` must not be empty"),
            );
        }
    }
    non_empty_list(&mut r, "responsibilities", &f.responsibilities);
    non_empty_list(&mut r, "skills", &f.skills);
    if f.slug.is_none() && g.slug.is_empty() {
        r.error(
            &[Seg::Key("title")],
            "E0301",
            "cannot make a slug from the file name".into(),
        )
        .help = Some("rename the file using letters and digits, or add `slug: some-name`".into());
    }
    if let Some(slug) = &f.slug {
        if !is_valid_slug(slug) {
            r.error(
                &[Seg::Key("slug")],
                "E0301",
                format!("slug `{slug}` may only contain a-z, 0-9 and -"),
            )
            .help = Some(format!("try `{}`", crate::util::slug::slugify(slug)));
        }
    }
    for (i, alias) in f.aliases.iter().enumerate() {
        if let Err(why) = crate::util::layout::check_alias(alias) {
            r.error(
                &[Seg::Key("aliases"), Seg::Index(i)],
                "E0304",
                format!("alias `{alias}` {why}"),
            );
        }
    }
    if let Some(s) = &f.salary {
        let cur = &s.currency;
        if cur.len() != 3 || !cur.bytes().all(|b| b.is_ascii_uppercase()) {
            r.error(
                &[Seg::Key("salary"), Seg::Key("currency")],
                "E0203",
                format!("`{cur}` is not an ISO 4217 currency code"),
            )
            .help = Some("use a three-letter code such as USD, EUR or GBP".into());
        }
        if s.ranges.is_empty() {
            r.error(
                &[Seg::Key("salary"), Seg::Key("ranges")],
                "E0201",
                "`salary.ranges` needs at least one range".into(),
            );
        }
        for (i, range) in s.ranges.iter().enumerate() {
            let at = |k: &'static str| {
                [
                    Seg::Key("salary"),
                    Seg::Key("ranges"),
                    Seg::Index(i),
                    Seg::Key(k),
                ]
            };
            for (k, v) in [("min", range.min), ("max", range.max)] {
                if !(v > 0.0 && v.is_finite()) {
                    r.error(
                        &at(k),
                        "E0204",
                        format!("`{k}` must be a positive number, not {v}"),
                    );
                }
            }
            if range.min > range.max {
                r.error(
                    &at("max"),
                    "E0205",
                    format!("`max` ({}) is below `min` ({})", range.max, range.min),
                );
            }
            if let Some(m) = range.median {
                if m < range.min || m > range.max {
                    r.error(
                        &at("median"),
                        "E0205",
                        format!("`median` ({m}) is outside min..max"),
                    );
                }
            }
        }
    }
    for (key, list) in [("sources", &f.sources)] {
        for (i, link) in list.iter().enumerate() {
            check_url(
                &mut r,
                &[Seg::Key(key), Seg::Index(i), Seg::Key("url")],
                &link.url,
            );
        }
    }
    for (i, res) in f.resources.iter().enumerate() {
        check_url(
            &mut r,
            &[Seg::Key("resources"), Seg::Index(i), Seg::Key("url")],
            &res.url,
        );
    }
    placeholders(g, r.out);
}

/// Warns about every value (and the body) still holding [`PLACEHOLDER`],
/// so `check` on a fresh scaffold lists what is left to write.
fn placeholders(g: &Guide, out: &mut Vec<Diagnostic>) {
    let found = g.positions.marked();
    for (field, line, column) in found {
        out.push(
            Diagnostic::error(
                &g.source.path,
                line + g.line_offset,
                column,
                field.clone(),
                "W0901",
                format!("placeholder text left in `{field}`"),
            )
            .warning()
            .with_help(format!(
                "replace the `{PLACEHOLDER}` text with real content"
            )),
        );
    }
    if let Some(i) = g.body.find(PLACEHOLDER) {
        let body_start = g.source.text.len() - g.body.len();
        let (line, column) = crate::diag::line_col(&g.source.text, body_start + i);
        out.push(
            Diagnostic::error(
                &g.source.path,
                line,
                column,
                "",
                "W0901",
                "placeholder text left in the body",
            )
            .warning()
            .with_help(format!(
                "replace the `{PLACEHOLDER}` text with real content"
            )),
        );
    }
}

fn check_url(r: &mut Report<'_>, path: &[Seg<'_>], url: &str) {
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        r.error(
            path,
            "E0206",
            format!("`{url}` is not an absolute http(s) URL"),
        );
    }
}

/// The rules that span guides: unique slugs and aliases, links that resolve.
/// Reads only each guide's path, slug, aliases and progression.
pub fn validate_site(guides: &[Guide], context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let mut by_slug: BTreeMap<&str, &Guide> = BTreeMap::new();
    for g in guides {
        if let Some(first) = by_slug.get(g.slug.as_str()) {
            let mut r = Report { guide: g, out };
            r.error(
                &[Seg::Key("slug")],
                "E0302",
                format!(
                    "slug `{}` is already used by {}",
                    g.slug,
                    first.source.path.display()
                ),
            )
            .help = Some(format!(
                "{} uses it too; give one of them another `slug:`",
                first.source.path.display()
            ));
        } else {
            by_slug.insert(&g.slug, g);
        }
    }
    let mut aliases: BTreeMap<&str, &Guide> = BTreeMap::new();
    for g in guides {
        for (i, alias) in g.front.aliases.iter().enumerate() {
            let key = alias.trim_matches('/');
            let clash = aliases
                .get(key)
                .map(|o| o.source.path.display().to_string())
                .or_else(|| {
                    let page = crate::util::layout::alias_guide_slug(alias).unwrap_or("");
                    by_slug
                        .get(page)
                        .map(|o| format!("the page of {}", o.source.path.display()))
                });
            let mut r = Report { guide: g, out };
            if let Some(other) = clash {
                r.error(
                    &[Seg::Key("aliases"), Seg::Index(i)],
                    "E0303",
                    format!("alias `{alias}` is already taken"),
                )
                .help = Some(format!("{other} uses that URL"));
            } else {
                aliases.insert(key, g);
            }
        }
    }
    for g in guides {
        let Some(p) = &g.front.progression else {
            continue;
        };
        for (list, items) in [("leads_to", &p.leads_to), ("transitions", &p.transitions)] {
            for (i, item) in items.iter().enumerate() {
                let Some(target) = item.guide() else { continue };
                let unparsed = context.unparsed.iter().any(|(s, _)| s == target);
                if !by_slug.contains_key(target) && !unparsed {
                    let mut r = Report { guide: g, out };
                    let d = r.error(
                        &[
                            Seg::Key("progression"),
                            Seg::Key(list),
                            Seg::Index(i),
                            Seg::Key("guide"),
                        ],
                        "E0305",
                        format!("no guide has the slug `{target}`"),
                    );
                    if let Some(best) =
                        crate::util::suggest::closest(target, by_slug.keys().copied())
                    {
                        d.help = Some(format!("did you mean `{best}`?"));
                    }
                }
            }
        }
    }
}
