//! Warnings: things that are allowed but probably not meant, reported
//! without failing the check (no `updated` date, a progression title that
//! almost names another guide or is linked only by matching one's title, a
//! guide nobody links to, old salary figures, a salary level `site.yaml`'s
//! `levels` does not list, pay that falls as the level rises, and, when
//! `site.yaml` asks, a transition nothing leads back from).
//!
//! Nothing here reads the clock: "old" is measured against the newest
//! `updated` date in the site, so the same site always gives the same output.

use crate::diag::{codes, Code, Diagnostic};
use crate::guide::load::Guide;
use crate::guide::model::{title_key, Date, RoleRef};
use crate::guide::yaml::{path_string, Seg};
use crate::rules::validate::Context;
use crate::util::text::level_key;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};

/// Salary figures older than this many months (before the newest `updated`
/// date in the site) are reported.
pub(crate) const STALE_SALARY_MONTHS: i32 = 36;

fn warn(
    g: &Guide,
    path: &[Seg<'_>],
    code: &'static Code,
    message: String,
    help: String,
) -> Diagnostic {
    let (line, column) = g.position(path);
    Diagnostic::new(
        &g.source.path,
        line,
        column,
        path_string(path),
        code,
        message,
    )
    .with_help(help)
}

/// A looser key: letters and digits only, so `Staff/Principal TPM` and
/// `Staff Principal TPM` meet.
fn loose_key(t: &str) -> String {
    t.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The published guides a progression item can point at, found the way
/// the site links them ([`crate::site::Site::resolve`]): by `guide:` slug,
/// else by a title equal to a guide's title ([`title_key`]). Of two guides
/// with one title, the one with the smaller slug, as the site picks.
pub(super) struct Targets<'g> {
    by_slug: HashMap<&'g str, &'g Guide>,
    by_title: HashMap<String, &'g Guide>,
}

impl<'g> Targets<'g> {
    pub(super) fn new(published: &[&'g Guide]) -> Targets<'g> {
        let mut by_title: HashMap<String, &Guide> = HashMap::new();
        for &g in published {
            by_title
                .entry(title_key(&g.front.title))
                .and_modify(|o| {
                    if g.slug < o.slug {
                        *o = g;
                    }
                })
                .or_insert(g);
        }
        Targets {
            by_slug: published.iter().map(|g| (g.slug.as_str(), *g)).collect(),
            by_title,
        }
    }

    /// The guide whose title is `title`, ignoring case and surrounding space.
    pub(super) fn by_title(&self, title: &str) -> Option<&'g Guide> {
        self.by_title.get(&title_key(title)).copied()
    }

    /// The guide `item` points at, if it is published.
    pub(super) fn resolve(&self, item: &RoleRef) -> Option<&'g Guide> {
        match item.guide() {
            Some(slug) => self.by_slug.get(slug).copied(),
            None => self.by_title(item.title()),
        }
    }
}

/// Adds every warning for `guides` to `out`.
pub(crate) fn lint(guides: &[&Guide], context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let from = out.len();
    warnings(guides, context, out);
    super::drop_repeats(guides, out, from);
}

fn warnings(guides: &[&Guide], context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let published: Vec<&Guide> = guides
        .iter()
        .copied()
        .filter(|g| g.front.is_published(context.drafts))
        .collect();
    let drafts: HashSet<&str> = guides
        .iter()
        .copied()
        .filter(|g| !g.front.is_published(context.drafts))
        .map(|g| g.slug.as_str())
        .collect();
    let targets = Targets::new(&published);
    let mut by_loose: HashMap<String, &Guide> = HashMap::new();
    for g in &published {
        by_loose.entry(loose_key(&g.front.title)).or_insert(g);
    }
    // Each guide's warnings read only it and the maps above: they are
    // worked out in parallel, and kept in the guides' order.
    let each: Vec<(Vec<Diagnostic>, Vec<&str>)> = guides
        .par_iter()
        .map(|&g| {
            let mut out = Vec::new();
            let mut linked = Vec::new();
            guide_warnings(g, &drafts, &targets, &by_loose, &mut out, &mut linked);
            (out, linked)
        })
        .collect();
    let mut linked: HashSet<&str> = HashSet::new();
    for (warnings, links) in each {
        out.extend(warnings);
        linked.extend(links);
    }
    // A guide file that did not parse may link to any guide: until it
    // parses, no guide is said to have no links.
    if published.len() > 1 && context.unparsed.is_empty() {
        for g in &published {
            if !linked.contains(g.slug.as_str()) {
                out.push(warn(
                    g,
                    &[Seg::Key("title")],
                    codes::W0503,
                    format!("no other guide links to `{}`", g.slug),
                    "list it under another guide's `progression` (with `guide: slug`) so readers can find it"
                        .into(),
                ));
            }
        }
    }
    if context.lints.one_way_transitions {
        super::moves::one_way_transitions(&published, &targets, out);
    }
    stale_salaries(guides, out);
    unlisted_levels(&published, context.levels, out);
    super::pay::falling_salaries(&published, context.levels, out);
    super::skills::unknown_skills(&published, context.skills, out);
}

/// The warnings about guide `g` alone, given the site's drafts and the
/// guides its progression items can name; the slugs its items link to go
/// to `linked`.
fn guide_warnings<'g>(
    g: &'g Guide,
    drafts: &HashSet<&str>,
    targets: &Targets<'g>,
    by_loose: &HashMap<String, &Guide>,
    out: &mut Vec<Diagnostic>,
    linked: &mut Vec<&'g str>,
) {
    if g.front.updated.is_none() {
        let mut d = warn(
            g,
            &[Seg::Key("title")],
            codes::W0501,
            "the guide has no `updated` date".into(),
            "add `updated: YYYY-MM-DD` so readers, feeds and the sitemap know how fresh it is"
                .into(),
        );
        d.field = "updated".into();
        out.push(d);
    }
    let Some(p) = &g.front.progression else {
        return;
    };
    for (list, items) in [("leads_to", &p.leads_to), ("transitions", &p.transitions)] {
        for (i, item) in items.iter().enumerate() {
            let path = [Seg::Key("progression"), Seg::Key(list), Seg::Index(i)];
            if let Some(slug) = item.guide() {
                linked.push(slug);
                if drafts.contains(slug) && !g.front.draft {
                    let mut at = path.to_vec();
                    at.push(Seg::Key("guide"));
                    out.push(warn(
                        g,
                        &at,
                        codes::W0505,
                        format!("`{slug}` is a draft, so this link goes nowhere on the built site"),
                        "publish the draft (remove `draft: true`) or build with --drafts".into(),
                    ));
                }
                continue;
            }
            let title = item.title();
            if let Some(target) = targets.by_title(title) {
                // A guide naming itself links nowhere.
                if target.slug != g.slug {
                    linked.push(&target.slug);
                    out.push(warn(
                        g,
                        &path,
                        codes::W0509,
                        // The message leaves the slug out, so that
                        // renaming the target's file is no new warning.
                        format!(
                            "`{}` is linked to a guide only because it equals that guide's title",
                            title.trim()
                        ),
                        format!(
                            "write it as `- title: {}` with `guide: {}`, so that `check` keeps the link if either title changes",
                            title.trim(),
                            target.slug
                        ),
                    ));
                }
                continue;
            }
            if let Some(target) = by_loose.get(&loose_key(title)) {
                if target.slug != g.slug {
                    out.push(warn(
                        g,
                        &path,
                        codes::W0502,
                        format!(
                            "`{title}` nearly matches the guide `{}` but is not linked to it",
                            target.front.title
                        ),
                        format!(
                            "write it as `- title: {title}` with `guide: {}` to link it",
                            target.slug
                        ),
                    ));
                }
            }
        }
    }
}

/// A salary level that `site.yaml`'s `levels` does not list, when it lists
/// any: the salary pages would put it after every listed level.
fn unlisted_levels(
    guides: &[&Guide],
    levels: &[crate::guide::model::LevelRef],
    out: &mut Vec<Diagnostic>,
) {
    if levels.is_empty() {
        return;
    }
    // Every name and alias, with the name it stands for.
    let (keys, names): (Vec<String>, Vec<&str>) = levels
        .iter()
        .flat_map(|l| l.spellings().map(move |s| (level_key(s), l.name().trim())))
        .unzip();
    let listed: HashSet<&String> = keys.iter().collect();
    let shown = levels
        .iter()
        .map(|l| l.name().trim())
        .collect::<Vec<_>>()
        .join(", ");
    for &g in guides {
        let ranges = g.front.salary.iter().flat_map(|s| &s.ranges);
        let salary_levels = ranges.enumerate().map(|(i, r)| (&r.level, "salary", i));
        let rubric = g.front.rubric.iter().enumerate();
        let rubric_levels = rubric.map(|(i, r)| (&r.level, "rubric", i));
        for (level, at, i) in salary_levels.chain(rubric_levels) {
            if listed.contains(&level_key(level)) {
                continue;
            }
            // Compared case and spaces aside: `mid levl` against `Mid Level`.
            let key = level_key(level);
            let close = crate::util::suggest::closest(&key, keys.iter().map(String::as_str))
                .and_then(|k| keys.iter().position(|x| x == k))
                .map(|at| names[at]);
            let d = warn(
                g,
                &if at == "salary" {
                    vec![
                        Seg::Key("salary"),
                        Seg::Key("ranges"),
                        Seg::Index(i),
                        Seg::Key("level"),
                    ]
                } else {
                    vec![Seg::Key("rubric"), Seg::Index(i), Seg::Key("level")]
                },
                codes::W0506,
                format!(
                    "{} level `{}` is not in `levels` of site.yaml ({shown})",
                    at,
                    level.trim()
                ),
                match close {
                    Some(c) => format!("did you mean `{}`? Or add this level to `levels` in site.yaml in its place in a career", c.trim()),
                    None => "use one of the listed levels, or add this one to `levels` in site.yaml in its place in a career".into(),
                },
            );
            out.push(match close {
                Some(c) => d.with_suggestion(c.trim()),
                None => d,
            });
        }
    }
}

fn stale_salaries(guides: &[&Guide], out: &mut Vec<Diagnostic>) {
    let Some(newest) = guides.iter().filter_map(|g| g.front.updated).max() else {
        return;
    };
    let months = |y: u16, m: u8| i32::from(y) * 12 + i32::from(m) - 1;
    let now = months(newest.year, newest.month);
    for &g in guides {
        let Some(as_of) = g.front.salary.as_ref().and_then(|s| s.as_of) else {
            continue;
        };
        // A bare year counts from its last month: `2023` is true until December.
        let then = months(as_of.year, as_of.month.unwrap_or(12));
        if now - then > STALE_SALARY_MONTHS {
            out.push(warn(
                g,
                &[Seg::Key("salary"), Seg::Key("as_of")],
                codes::W0504,
                format!(
                    "salary figures are from {as_of}, more than {} years before the newest guide update ({})",
                    STALE_SALARY_MONTHS / 12,
                    Date::to_string(&newest)
                ),
                "refresh the figures and `as_of`, or remove the salary section".into(),
            ));
        }
    }
}
