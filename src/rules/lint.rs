//! Warnings: things that are allowed but probably not meant, reported
//! without failing the check (no `updated` date, a progression title that
//! almost names another guide or is linked only by matching one's title, a
//! guide nobody links to, old salary figures, a salary level `site.yaml`'s
//! `levels` does not list, pay that falls as the level rises, and, when
//! `site.yaml` asks, a transition nothing leads back from).
//!
//! Nothing here reads the clock: "old" is measured against the newest
//! `updated` date in the site, so the same site always gives the same output.
//!
//! Most warnings are about one guide, given a few facts about the others
//! (which slugs are drafts, which titles name which guides, the newest
//! date): [`lint_kept`] keeps those per guide between runs, for `watch` and
//! `serve`; only "no other guide links here" (W0503) and one-way moves
//! (W0510) are worked out across guides every time.

use crate::diag::{codes, Code, Diagnostic};
use crate::guide::load::Guide;
use crate::guide::model::{title_key, Date, RoleRef};
use crate::guide::yaml::{path_string, Seg};
use crate::rules::validate::Context;
use crate::util::text::level_key;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Salary figures older than this many months (before the newest `updated`
/// date in the site) are reported.
pub(crate) const STALE_SALARY_MONTHS: i32 = 36;

/// A warning about `g` at `path`, placed where that value starts.
pub(super) fn warn(
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
    lint_kept(guides, context, &mut Kept::default(), out);
}

/// Each guide's own warnings as a run of [`lint_kept`] left them, with
/// what they read of the other guides: `watch` and `serve` keep one, so
/// that a save works out the warnings of the guides it changed, not of
/// every guide (43,000 warnings at 10,000 generated guides).
#[derive(Debug, Default)]
pub(crate) struct Kept {
    shared: Option<Shared>,
    each: HashMap<PathBuf, Own>,
    /// How many of the links of `each` lead to each slug: a guide no link
    /// leads to is told without going through every guide's links.
    linked: HashMap<String, usize>,
    /// Whether a run has given every warning since `each` was made.
    given: bool,
}

impl Kept {
    /// Keeps `own` for the guide read from `path`, returning what was kept
    /// for it before.
    fn put(&mut self, path: PathBuf, own: Own) -> Option<Own> {
        for slug in &own.linked {
            *self.linked.entry(slug.clone()).or_default() += 1;
        }
        let old = self.each.insert(path, own);
        if let Some(old) = &old {
            self.unlink(old);
        }
        old
    }

    /// Takes the links of `own`, no longer kept, off the counts.
    fn unlink(&mut self, own: &Own) {
        for slug in &own.linked {
            if let Some(n) = self.linked.get_mut(slug) {
                *n -= 1;
                if *n == 0 {
                    self.linked.remove(slug);
                }
            }
        }
    }
}

/// One guide's own warnings, for the text it was read from.
#[derive(Debug)]
struct Own {
    text: Arc<str>,
    warnings: Vec<Diagnostic>,
    /// The slugs its progression links to.
    linked: Vec<String>,
    /// Whether the guide is valid (a refused one's warnings that repeat
    /// the schema's are dropped).
    valid: bool,
}

impl Own {
    fn same(&self, other: &Own) -> bool {
        self.warnings == other.warnings && self.linked == other.linked && self.valid == other.valid
    }
}

/// What a guide's own warnings read of the other guides and of
/// `site.yaml`: while it is the same, a guide whose text is the same has
/// the same warnings.
#[derive(Debug, PartialEq)]
struct Shared {
    /// Each guide's slug, title, `updated` date and whether it is
    /// published, in the guides' order (drafts, links by title, the
    /// newest date).
    guides: Vec<(String, String, Option<Date>, bool)>,
    levels: Vec<crate::guide::model::LevelRef>,
    skills: Vec<crate::guide::model::SkillEntry>,
    /// Whether every guide file parsed (else no guide is unlinked).
    all_parsed: bool,
    one_way: bool,
}

impl Shared {
    fn of(guides: &[&Guide], context: &Context<'_>) -> Shared {
        Shared {
            guides: guides
                .iter()
                .map(|g| {
                    (
                        g.slug.clone(),
                        g.front.title.clone(),
                        g.front.updated,
                        g.front.is_published(context.drafts),
                    )
                })
                .collect(),
            levels: context.levels.to_vec(),
            skills: context.skills.to_vec(),
            all_parsed: context.unparsed.is_empty(),
            one_way: context.lints.one_way_transitions,
        }
    }
}

/// Everything a guide's own warnings read, made once per run.
struct Maps<'g, 'c> {
    drafts: HashSet<&'g str>,
    targets: Targets<'g>,
    by_loose: HashMap<String, &'g Guide>,
    newest: Option<Date>,
    levels: Option<UnlistedLevels<'c>>,
    level_order: &'c [crate::guide::model::LevelRef],
    skills: Option<super::skills::UnknownSkills<'c>>,
    /// Whether drafts are built (and so count as published).
    with_drafts: bool,
}

impl<'g, 'c> Maps<'g, 'c> {
    fn new(guides: &[&'g Guide], published: &[&'g Guide], context: &'c Context<'_>) -> Self {
        let mut by_loose: HashMap<String, &Guide> = HashMap::new();
        for g in published {
            by_loose.entry(loose_key(&g.front.title)).or_insert(g);
        }
        Maps {
            drafts: guides
                .iter()
                .filter(|g| !g.front.is_published(context.drafts))
                .map(|g| g.slug.as_str())
                .collect(),
            targets: Targets::new(published),
            by_loose,
            newest: newest(guides),
            levels: UnlistedLevels::new(context.levels),
            level_order: context.levels,
            skills: super::skills::UnknownSkills::new(context.skills),
            with_drafts: context.drafts,
        }
    }

    /// The warnings about guide `g` alone, and the slugs it links to.
    fn own(&self, g: &'g Guide) -> (Vec<Diagnostic>, Vec<&'g str>) {
        let mut out = Vec::new();
        let mut linked = Vec::new();
        guide_warnings(
            g,
            &self.drafts,
            &self.targets,
            &self.by_loose,
            &mut out,
            &mut linked,
        );
        stale_salary(g, self.newest, &mut out);
        if g.front.is_published(self.with_drafts) {
            if let Some(levels) = &self.levels {
                levels.check(g, &mut out);
            }
            super::pay::falling_salary(g, self.level_order, &mut out);
            if let Some(skills) = &self.skills {
                skills.check(g, &mut out);
            }
        }
        (out, linked)
    }
}

/// [`lint`], taking from `kept` the warnings of each guide whose text and
/// whose view of the others are as they were, and leaving there those of
/// this run. Returns `false`, adding nothing to `out`, when the warnings
/// are those the last run gave: at 10,000 guides copying 43,000 of them
/// took longer than working out the few that changed.
pub(crate) fn lint_kept(
    guides: &[&Guide],
    context: &Context<'_>,
    kept: &mut Kept,
    out: &mut Vec<Diagnostic>,
) -> bool {
    let from = out.len();
    let shared = Shared::of(guides, context);
    let mut changed = !kept.given;
    if kept.shared.as_ref() != Some(&shared) {
        kept.each.clear();
        kept.linked.clear();
        kept.shared = Some(shared);
        changed = true;
    }
    let is_kept = |g: &Guide| {
        kept.each
            .get(&g.source.path)
            .is_some_and(|o| Arc::ptr_eq(&o.text, &g.source.text))
    };
    let published: Vec<&Guide> = guides
        .iter()
        .copied()
        .filter(|g| g.front.is_published(context.drafts))
        .collect();
    let fresh: Vec<&Guide> = guides.iter().copied().filter(|g| !is_kept(g)).collect();
    let one_way = context.lints.one_way_transitions;
    let maps = (!fresh.is_empty() || one_way).then(|| Maps::new(guides, &published, context));
    if let Some(maps) = &maps {
        // Each guide's warnings read only it and the maps: they are
        // worked out in parallel.
        let made: Vec<(Vec<Diagnostic>, Vec<&str>)> =
            fresh.par_iter().map(|&g| maps.own(g)).collect();
        for (g, (warnings, linked)) in fresh.iter().zip(made) {
            let own = Own {
                text: Arc::clone(&g.source.text),
                warnings,
                linked: linked.into_iter().map(str::to_string).collect(),
                valid: g.is_valid(),
            };
            let old = kept.put(g.source.path.clone(), own);
            changed |= old.is_none_or(|old| !old.same(&kept.each[&g.source.path]));
        }
    }
    if kept.each.len() > guides.len() {
        let now: HashSet<&Path> = guides.iter().map(|g| g.source.path.as_path()).collect();
        let gone: Vec<PathBuf> = kept
            .each
            .keys()
            .filter(|p| !now.contains(p.as_path()))
            .cloned()
            .collect();
        for p in gone {
            if let Some(own) = kept.each.remove(&p) {
                kept.unlink(&own);
            }
        }
        changed = true;
    }
    let linked = &kept.linked;
    let unlinked = |g: &Guide| !linked.contains_key(g.slug.as_str());
    // A guide read again keeps its "no other guide links here", but not
    // necessarily where the warning points; one-way moves read every
    // guide's moves.
    changed |= !fresh.is_empty() && (one_way || fresh.iter().any(|g| unlinked(g)));
    if !changed {
        return false;
    }
    kept.given = true;
    for g in guides {
        if let Some(own) = kept.each.get(&g.source.path) {
            out.extend(own.warnings.iter().cloned());
        }
    }
    // A guide file that did not parse may link to any guide: until it
    // parses, no guide is said to have no links.
    if published.len() > 1 && context.unparsed.is_empty() {
        for g in &published {
            if unlinked(g) {
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
    if let (true, Some(maps)) = (one_way, &maps) {
        super::moves::one_way_transitions(&published, &maps.targets, out);
    }
    super::drop_repeats(guides, out, from);
    true
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

/// Checks salary and rubric levels against `site.yaml`'s `levels`
/// (W0506): a level it does not list, when it lists any, goes after every
/// listed level on the salary pages.
struct UnlistedLevels<'c> {
    /// Every name and alias, by key, with the name it stands for.
    keys: Vec<String>,
    names: Vec<&'c str>,
    listed: HashSet<String>,
    /// The names, for the message.
    shown: String,
}

impl<'c> UnlistedLevels<'c> {
    /// The checker for `levels`; `None` when it lists none.
    fn new(levels: &'c [crate::guide::model::LevelRef]) -> Option<UnlistedLevels<'c>> {
        if levels.is_empty() {
            return None;
        }
        let (keys, names): (Vec<String>, Vec<&str>) = levels
            .iter()
            .flat_map(|l| l.spellings().map(move |s| (level_key(s), l.name().trim())))
            .unzip();
        let listed = keys.iter().cloned().collect();
        let shown = levels
            .iter()
            .map(|l| l.name().trim())
            .collect::<Vec<_>>()
            .join(", ");
        Some(UnlistedLevels {
            keys,
            names,
            listed,
            shown,
        })
    }

    fn check(&self, g: &Guide, out: &mut Vec<Diagnostic>) {
        let ranges = g.front.salary.iter().flat_map(|s| &s.ranges);
        let salary_levels = ranges.enumerate().map(|(i, r)| (&r.level, "salary", i));
        let rubric = g.front.rubric.iter().enumerate();
        let rubric_levels = rubric.map(|(i, r)| (&r.level, "rubric", i));
        for (level, at, i) in salary_levels.chain(rubric_levels) {
            if self.listed.contains(&level_key(level)) {
                continue;
            }
            // Compared case and spaces aside: `mid levl` against `Mid Level`.
            let key = level_key(level);
            let close = crate::util::suggest::closest(&key, self.keys.iter().map(String::as_str))
                .and_then(|k| self.keys.iter().position(|x| x == k))
                .map(|at| self.names[at]);
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
                "{} level `{}` is not in `levels` of site.yaml ({})",
                at,
                level.trim(),
                self.shown
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

/// The newest `updated` date of `guides`: salary figures are old against
/// it (W0504).
fn newest(guides: &[&Guide]) -> Option<Date> {
    guides.iter().filter_map(|g| g.front.updated).max()
}

fn stale_salary(g: &Guide, newest: Option<Date>, out: &mut Vec<Diagnostic>) {
    let Some(newest) = newest else {
        return;
    };
    let months = |y: u16, m: u8| i32::from(y) * 12 + i32::from(m) - 1;
    let now = months(newest.year, newest.month);
    let Some(as_of) = g.front.salary.as_ref().and_then(|s| s.as_of) else {
        return;
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
