//! Validation: the rules a guide must follow beyond its YAML shape, and the
//! rules that span guides (unique slugs, links that resolve).
//!
//! Every rule reports a [`Diagnostic`] at the line of the offending value and
//! carries on, so one run shows every problem.
//!
//! What the schema says (required fields, types, allowed values, non-empty
//! lists and text, patterns such as the slug's, positive salary figures, the
//! currency list) is checked by the schema walk ([`crate::guide::walk`])
//! alone, and a guide it rejects never gets here. Here are only the rules
//! the schema cannot express: `min <= max`, URLs, the paths in
//! `aliases:`, and the rules spanning guides. YAML aliases are expanded by
//! the reader, so the walk has seen every value, aliased or not.

use crate::diag::{codes, Code, Diagnostic};
use crate::guide::load::Guide;
use crate::guide::model::PLACEHOLDER;
use crate::guide::yaml::{path_string, Seg};
use crate::util::layout::overlaps;
use std::collections::BTreeMap;

/// Collects diagnostics about one guide at positions taken from its tree.
pub(super) struct Report<'a> {
    pub(super) guide: &'a Guide,
    pub(super) out: &'a mut Vec<Diagnostic>,
}

impl Report<'_> {
    pub(super) fn error(
        &mut self,
        path: &[Seg<'_>],
        code: &'static Code,
        message: String,
    ) -> &mut Diagnostic {
        let (line, column) = self.guide.position(path);
        self.out.push(Diagnostic::new(
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
    /// Output paths of the theme's static files (`img/logo.svg`): no alias may take one.
    pub statics: &'a [String],
    /// `site.yaml`'s salary levels in career order; empty when not given.
    pub levels: &'a [crate::guide::model::LevelRef],
    /// The entries of `skills.yaml`; empty without the file.
    pub skills: &'a [crate::guide::model::SkillEntry],
    /// The warnings `site.yaml` turns on.
    pub lints: crate::guide::model::Lints,
}

/// The rules about one guide on its own.
pub fn validate_guide(g: &Guide, out: &mut Vec<Diagnostic>) {
    let from = out.len();
    guide_rules(g, out);
    super::drop_repeats(&[g], out, from);
}

fn guide_rules(g: &Guide, out: &mut Vec<Diagnostic>) {
    let f = &g.front;
    let mut r = Report { guide: g, out };
    super::names::names_fit(&mut r);
    if f.slug.is_none() && g.slug.is_empty() {
        r.error(
            &[Seg::Key("title")],
            codes::E0301,
            "cannot make a slug from the file name".into(),
        )
        .help = Some("rename the file using letters and digits, or add `slug: some-name`".into());
    }
    for (i, alias) in f.aliases.iter().enumerate() {
        if let Err(why) = crate::util::layout::check_alias(alias) {
            r.error(
                &[Seg::Key("aliases"), Seg::Index(i)],
                codes::E0304,
                format!("alias `{alias}` {why}"),
            );
        }
    }
    if let Some(s) = &f.salary {
        for (i, range) in s.ranges.iter().enumerate() {
            let at = |k: &'static str| {
                [
                    Seg::Key("salary"),
                    Seg::Key("ranges"),
                    Seg::Index(i),
                    Seg::Key(k),
                ]
            };
            if range.min > range.max {
                r.error(
                    &at("max"),
                    codes::E0205,
                    format!("`max` ({}) is below `min` ({})", range.max, range.min),
                );
            }
            if let Some(m) = range.median {
                if m < range.min || m > range.max {
                    r.error(
                        &at("median"),
                        codes::E0205,
                        format!("`median` ({m}) is outside min..max"),
                    );
                }
            }
        }
    }
    placeholders(g, r.out);
}

/// Warns about every value (and the body) still holding [`PLACEHOLDER`],
/// so `check` on a fresh scaffold lists what is left to write.
fn placeholders(g: &Guide, out: &mut Vec<Diagnostic>) {
    let found = g.positions.marked();
    for (field, line, column) in found {
        let line = line + g.line_offset;
        // A value marked by a `# TODO:` comment after it, as `careerbook
        // new` marks figures and choices, rather than holding the text.
        let commented = g
            .source
            .text
            .lines()
            .nth(line.saturating_sub(1))
            .and_then(crate::guide::yaml::comment)
            .is_some_and(|c| c.contains(PLACEHOLDER));
        let (message, help) = if commented {
            (
                format!("`{field}` still holds the placeholder `careerbook new` wrote"),
                format!("write the real value, then delete the `# {PLACEHOLDER}` comment on line {line}"),
            )
        } else {
            (
                format!("placeholder text left in `{field}`"),
                format!("replace the `{PLACEHOLDER}` text with real content"),
            )
        };
        out.push(
            Diagnostic::new(&g.source.path, line, column, field, codes::W0901, message)
                .with_help(help),
        );
    }
    if let Some(i) = g.body.find(PLACEHOLDER) {
        let body_start = g.source.text.len() - g.body.len();
        let (line, column) = crate::diag::line_col(&g.source.text, body_start + i);
        out.push(
            Diagnostic::new(
                &g.source.path,
                line,
                column,
                "",
                codes::W0901,
                "placeholder text left in the body",
            )
            .with_help(format!(
                "replace the `{PLACEHOLDER}` text with real content"
            )),
        );
    }
}

/// The guide whose alias already writes `key`, or a file `key` needs as a
/// folder (`old.html` for `old.html/index.html`), or the other way round.
fn alias_owner(aliases: &BTreeMap<String, &Guide>, key: &str) -> Option<String> {
    let same = aliases.get(key);
    let above = key
        .match_indices('/')
        .find_map(|(i, _)| aliases.get(&key[..i]));
    let below = aliases
        .range(format!("{key}/")..)
        .next()
        .filter(|(k, _)| k.starts_with(&format!("{key}/")))
        .map(|(_, g)| g);
    same.or(above)
        .or(below)
        .map(|o| o.source.path.display().to_string())
}

/// The rules that span guides: unique slugs and aliases, links that resolve.
/// Reads only each guide's path, slug, aliases and progression.
pub fn validate_site(guides: &[&Guide], context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let from = out.len();
    site_rules(guides, context, out);
    super::drop_repeats(guides, out, from);
}

fn site_rules(guides: &[&Guide], context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let mut by_slug: BTreeMap<&str, &Guide> = BTreeMap::new();
    for &g in guides {
        if let Some(first) = by_slug.get(g.slug.as_str()) {
            let mut r = Report { guide: g, out };
            r.error(
                &[Seg::Key("slug")],
                codes::E0302,
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
    // Aliases are compared by the file they would write, so `/old/` and
    // `/old/index.html` clash, and against every file careerbook writes
    // itself: a redirect must never replace a page.
    let mut aliases: BTreeMap<String, &Guide> = BTreeMap::new();
    for &g in guides {
        for (i, alias) in g.front.aliases.iter().enumerate() {
            if crate::util::layout::check_alias(alias).is_err() {
                continue; // E0304, reported with the guide's own rules
            }
            let key = crate::util::layout::alias_file(alias);
            let clash = alias_owner(&aliases, &key)
                .or_else(|| {
                    // A guide's page, or a path through it.
                    let rest = key.strip_prefix(crate::util::layout::GUIDES_DIR)?;
                    let slug = rest.split('/').next()?;
                    let page = format!("{}{slug}/index.html", crate::util::layout::GUIDES_DIR);
                    let o = by_slug.get(slug).filter(|_| overlaps(&key, &page))?;
                    Some(format!("the page of {}", o.source.path.display()))
                })
                .or_else(|| crate::util::layout::generated_owner(&key))
                .or_else(|| {
                    let f = context.statics.iter().find(|f| overlaps(&key, f))?;
                    Some(format!("the theme's `{f}`"))
                });
            let mut r = Report { guide: g, out };
            if let Some(other) = clash {
                r.error(
                    &[Seg::Key("aliases"), Seg::Index(i)],
                    codes::E0303,
                    format!("alias `{alias}` is already taken"),
                )
                .help = Some(format!("{other} uses that URL (the file `{key}`)"));
            } else {
                aliases.insert(key, g);
            }
        }
    }
    for &g in guides {
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
                        codes::E0305,
                        format!("no guide has the slug `{target}`"),
                    );
                    if let Some(best) =
                        crate::util::suggest::closest(target, by_slug.keys().copied())
                    {
                        d.help = Some(format!("did you mean `{best}`?"));
                        d.suggestion = Some(best.to_string());
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
