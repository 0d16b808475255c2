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
use std::path::PathBuf;
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
    loose_chars(t).collect()
}

/// The characters of [`loose_key`].
fn loose_chars(t: &str) -> impl Iterator<Item = char> + '_ {
    t.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
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
/// that a save works out the warnings of the guides it changed and of
/// those whose warnings read them, not of every guide (43,000 warnings at
/// 10,000 generated guides).
#[derive(Debug, Default)]
pub(crate) struct Kept {
    /// What every guide's warnings read of `site.yaml`.
    config: Option<Config>,
    /// The newest `updated` date: salary figures are old against it.
    newest: Option<Option<Date>>,
    /// By path, as bytes: hashing a `Path` parses its components, which
    /// for every guide of a large site on every edit showed in profiles.
    each: rustc_hash::FxHashMap<std::ffi::OsString, Own>,
    /// How many of the links of `each` lead to each slug: a guide no link
    /// leads to is told without going through every guide's links.
    linked: rustc_hash::FxHashMap<String, usize>,
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
        let old = self.each.insert(path.into_os_string(), own);
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

    /// Forgets every guide's warnings: what they all read changed.
    fn clear(&mut self) {
        self.each.clear();
        self.linked.clear();
    }
}

/// One guide's own warnings, for the text it was read from.
#[derive(Debug)]
struct Own {
    text: Arc<str>,
    /// What other guides' warnings read of it, when they were worked out.
    fact: Fact,
    /// What its warnings looked up among the other guides: the slug of
    /// each `guide:` item (is it a draft?) and the [`title_key`] and
    /// [`loose_key`] of each item named by title alone (which guide has
    /// that title?). A change to another guide's [`Fact`] under one of
    /// these keys works its warnings out again.
    looks: Vec<String>,
    warnings: Vec<Diagnostic>,
    /// The slugs its progression links to.
    linked: Vec<String>,
    /// Whether the guide is valid (a refused one's warnings that repeat
    /// the schema's are dropped).
    valid: bool,
    /// Where its title is: the place of its "no other guide links here"
    /// warning, which is worked out with every guide's links.
    title_at: (usize, usize),
}

impl Own {
    fn same(&self, other: &Own) -> bool {
        self.warnings == other.warnings && self.linked == other.linked && self.valid == other.valid
    }
}

/// What the warnings of other guides read of a guide: its slug (is a link
/// to it a link to a draft?), its title (do items name it by title?) and
/// whether it is published. Its `updated` date counts through
/// [`Kept::newest`].
#[derive(Debug, PartialEq)]
struct Fact {
    slug: String,
    title: String,
    published: bool,
}

impl Fact {
    fn of(g: &Guide, drafts: bool) -> Fact {
        Fact {
            slug: g.slug.clone(),
            title: g.front.title.clone(),
            published: g.front.is_published(drafts),
        }
    }

    fn is(&self, g: &Guide, drafts: bool) -> bool {
        self.slug == g.slug
            && self.title == g.front.title
            && self.published == g.front.is_published(drafts)
    }

    /// The keys a guide's [`Own::looks`] holds when this fact can change
    /// its warnings.
    fn keys(&self) -> [String; 3] {
        [
            self.slug.clone(),
            title_key(&self.title),
            loose_key(&self.title),
        ]
    }
}

/// What a guide's own warnings read of `site.yaml`: while it is the same,
/// a guide whose text and view of the others are the same has the same
/// warnings.
#[derive(Debug, PartialEq)]
struct Config {
    levels: Vec<crate::guide::model::LevelRef>,
    skills: Vec<crate::guide::model::SkillEntry>,
    /// Whether every guide file parsed (else no guide is unlinked).
    all_parsed: bool,
    one_way: bool,
    drafts: bool,
}

impl Config {
    fn of(context: &Context<'_>) -> Config {
        Config {
            levels: context.levels.to_vec(),
            skills: context.skills.to_vec(),
            all_parsed: context.unparsed.is_empty(),
            one_way: context.lints.one_way_transitions,
            drafts: context.drafts,
        }
    }
}

/// Up to this many guides to work out, their lookups among the others
/// scan the guides instead of indexing them first: indexing 10,000 titles
/// took 25 ms, a scan a fraction of one.
const SCANNED: usize = 32;

/// The other guides, as a guide's own warnings look them up: indexed by
/// slug and title when many guides are worked out, else scanned.
struct Others<'g> {
    guides: &'g [&'g Guide],
    published: &'g [&'g Guide],
    with_drafts: bool,
    indexed: Option<Indexed<'g>>,
}

/// [`Others`] indexed.
struct Indexed<'g> {
    drafts: HashSet<&'g str>,
    targets: Targets<'g>,
    by_loose: HashMap<String, &'g Guide>,
}

impl<'g> Others<'g> {
    fn new(
        guides: &'g [&'g Guide],
        published: &'g [&'g Guide],
        with_drafts: bool,
        index: bool,
    ) -> Others<'g> {
        let indexed = index.then(|| {
            let mut by_loose: HashMap<String, &Guide> = HashMap::new();
            for g in published {
                by_loose.entry(loose_key(&g.front.title)).or_insert(g);
            }
            Indexed {
                drafts: guides
                    .iter()
                    .filter(|g| !g.front.is_published(with_drafts))
                    .map(|g| g.slug.as_str())
                    .collect(),
                targets: Targets::new(published),
                by_loose,
            }
        });
        Others {
            guides,
            published,
            with_drafts,
            indexed,
        }
    }

    /// Whether the guide with this slug is an unpublished draft.
    fn is_draft(&self, slug: &str) -> bool {
        match &self.indexed {
            Some(ix) => ix.drafts.contains(slug),
            None => self
                .guides
                .iter()
                .any(|g| g.slug == slug && !g.front.is_published(self.with_drafts)),
        }
    }

    /// The published guide whose title is `title` (by [`title_key`]); of
    /// several, the one with the smallest slug.
    fn by_title(&self, title: &str) -> Option<&'g Guide> {
        match &self.indexed {
            Some(ix) => ix.targets.by_title(title),
            None => {
                let key = title_key(title);
                self.published
                    .iter()
                    .copied()
                    .filter(|g| has_title_key(&g.front.title, &key))
                    .min_by(|a, b| a.slug.cmp(&b.slug))
            }
        }
    }

    /// The first published guide whose title is `title` by [`loose_key`].
    fn by_loose(&self, title: &str) -> Option<&'g Guide> {
        match &self.indexed {
            Some(ix) => ix.by_loose.get(&loose_key(title)).copied(),
            None => {
                let key = loose_key(title);
                self.published
                    .iter()
                    .copied()
                    .find(|g| has_loose_key(&g.front.title, &key))
            }
        }
    }
}

/// Whether `title_key(title) == key`, without making the key: the scan
/// runs over every guide.
fn has_title_key(title: &str, key: &str) -> bool {
    let title = title.trim();
    if title.is_ascii() {
        // `key` is lower case already.
        return title.eq_ignore_ascii_case(key);
    }
    // `str::to_lowercase` lowers a final capital sigma by its place in
    // the word, which lowering char by char does not.
    if title.contains('\u{3a3}') {
        return title_key(title) == key;
    }
    title.chars().flat_map(char::to_lowercase).eq(key.chars())
}

/// Whether `loose_key(title) == key`, without making the key.
fn has_loose_key(title: &str, key: &str) -> bool {
    if title.is_ascii() {
        return title
            .bytes()
            .filter(u8::is_ascii_alphanumeric)
            .map(|b| b.to_ascii_lowercase())
            .eq(key.bytes());
    }
    loose_chars(title).eq(key.chars())
}

/// Everything a guide's own warnings read, made once per run.
struct Maps<'g, 'c> {
    others: Others<'g>,
    newest: Option<Date>,
    levels: Option<UnlistedLevels<'c>>,
    level_order: &'c [crate::guide::model::LevelRef],
    skills: Option<super::skills::UnknownSkills<'c>>,
    /// Whether drafts are built (and so count as published).
    with_drafts: bool,
}

impl<'g, 'c> Maps<'g, 'c> {
    fn new(others: Others<'g>, newest: Option<Date>, context: &'c Context<'_>) -> Self {
        Maps {
            others,
            newest,
            levels: UnlistedLevels::new(context.levels),
            level_order: context.levels,
            skills: super::skills::UnknownSkills::new(context.skills),
            with_drafts: context.drafts,
        }
    }

    /// The warnings about guide `g` alone, the slugs it links to and the
    /// keys it looked up ([`Own::looks`]).
    fn own(&self, g: &'g Guide) -> (Vec<Diagnostic>, Vec<&'g str>, Vec<String>) {
        let mut out = Vec::new();
        let mut linked = Vec::new();
        let mut looks = Vec::new();
        guide_warnings(g, &self.others, &mut out, &mut linked, &mut looks);
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
        (out, linked, looks)
    }
}

/// [`lint`], taking from `kept` the warnings of each guide whose text and
/// whose view of the others are as they were, and leaving there those of
/// this run. Returns `false`, adding nothing to `out`, when the warnings
/// are those the last run gave: at 10,000 guides copying 43,000 of them
/// took longer than working out the few that changed.
///
/// A guide's warnings are worked out again when its text changed, when
/// `site.yaml` or the newest date changed (then every guide's), or when a
/// guide came, went or changed its slug, title or draft flag under a key
/// its warnings looked up ([`Own::looks`]).
pub(crate) fn lint_kept(
    guides: &[&Guide],
    context: &Context<'_>,
    kept: &mut Kept,
    out: &mut Vec<Diagnostic>,
) -> bool {
    let from = out.len();
    let mut changed = !kept.given;
    let config = Config::of(context);
    if kept.config.as_ref() != Some(&config) {
        kept.clear();
        kept.config = Some(config);
        changed = true;
    }
    let newest = newest(guides);
    if kept.newest != Some(newest) {
        kept.clear();
        kept.newest = Some(newest);
        changed = true;
    }
    let drafts = context.drafts;
    // The keys under which some guide's fact changed, came or went: they
    // matter only to guides whose warnings are kept (none on a first run,
    // as in every `build` and `check`).
    let some_kept = !kept.each.is_empty();
    let mut keys: HashSet<String> = HashSet::new();
    let mut fresh: Vec<bool> = Vec::with_capacity(guides.len());
    let mut found = 0;
    for g in guides {
        match kept.each.get(g.source.path.as_os_str()) {
            Some(own) => {
                found += 1;
                let same_fact = own.fact.is(g, drafts);
                if !same_fact {
                    keys.extend(own.fact.keys());
                    keys.extend(Fact::of(g, drafts).keys());
                }
                fresh.push(!same_fact || !Arc::ptr_eq(&own.text, &g.source.text));
            }
            None => {
                if some_kept {
                    keys.extend(Fact::of(g, drafts).keys());
                }
                fresh.push(true);
            }
        }
    }
    if found < kept.each.len() {
        let now: HashSet<&std::ffi::OsStr> =
            guides.iter().map(|g| g.source.path.as_os_str()).collect();
        let gone: Vec<std::ffi::OsString> = kept
            .each
            .keys()
            .filter(|p| !now.contains(p.as_os_str()))
            .cloned()
            .collect();
        for p in gone {
            if let Some(own) = kept.each.remove(&p) {
                keys.extend(own.fact.keys());
                kept.unlink(&own);
            }
        }
        changed = true;
    }
    if !keys.is_empty() {
        for (g, fresh) in guides.iter().zip(&mut fresh) {
            if !*fresh {
                let own = &kept.each[g.source.path.as_os_str()];
                *fresh = own.looks.iter().any(|k| keys.contains(k));
            }
        }
    }
    let published: Vec<&Guide> = guides
        .iter()
        .copied()
        .filter(|g| g.front.is_published(drafts))
        .collect();
    let fresh: Vec<&Guide> = guides
        .iter()
        .zip(&fresh)
        .filter(|(_, &f)| f)
        .map(|(&g, _)| g)
        .collect();
    let one_way = context.lints.one_way_transitions;
    let index = one_way || fresh.len() > SCANNED;
    let maps = (!fresh.is_empty() || one_way).then(|| {
        Maps::new(
            Others::new(guides, &published, drafts, index),
            newest,
            context,
        )
    });
    // The guides read again whose title moved or whose slug, title or
    // draft flag changed.
    let mut shifted: Vec<&Guide> = Vec::new();
    if let Some(maps) = &maps {
        // Each guide's warnings read only it and the maps: they are
        // worked out in parallel.
        let made: Vec<(Vec<Diagnostic>, Vec<&str>, Vec<String>)> =
            fresh.par_iter().map(|&g| maps.own(g)).collect();
        for (g, (warnings, linked, looks)) in fresh.iter().zip(made) {
            let own = Own {
                text: Arc::clone(&g.source.text),
                fact: Fact::of(g, drafts),
                looks,
                warnings,
                linked: linked.into_iter().map(str::to_string).collect(),
                valid: g.is_valid(),
                title_at: g.position(&[Seg::Key("title")]),
            };
            let old = kept.put(g.source.path.clone(), own);
            let now = &kept.each[g.source.path.as_os_str()];
            changed |= old.as_ref().is_none_or(|old| !old.same(now));
            if old.is_none_or(|old| old.title_at != now.title_at || old.fact != now.fact) {
                shifted.push(*g);
            }
        }
    }
    let linked = &kept.linked;
    let unlinked = |g: &Guide| !linked.contains_key(g.slug.as_str());
    // A guide read again keeps its "no other guide links here" (whether
    // any guide links to it changes only with some guide's links, above),
    // but the warning moves with its title and names its slug; one-way
    // moves read every guide's moves.
    changed |= (one_way && !fresh.is_empty()) || shifted.iter().any(|g| unlinked(g));
    if !changed {
        return false;
    }
    kept.given = true;
    for g in guides {
        if let Some(own) = kept.each.get(g.source.path.as_os_str()) {
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
    if let (true, Some(ix)) = (
        one_way,
        maps.as_ref().and_then(|m| m.others.indexed.as_ref()),
    ) {
        super::moves::one_way_transitions(&published, &ix.targets, out);
    }
    super::drop_repeats(guides, out, from);
    true
}

/// The warnings about guide `g` alone, given the site's drafts and the
/// guides its progression items can name; the slugs its items link to go
/// to `linked`.
fn guide_warnings<'g>(
    g: &'g Guide,
    others: &Others<'g>,
    out: &mut Vec<Diagnostic>,
    linked: &mut Vec<&'g str>,
    looks: &mut Vec<String>,
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
                looks.push(slug.to_string());
                if others.is_draft(slug) && !g.front.draft {
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
            looks.push(title_key(title));
            looks.push(loose_key(title));
            if let Some(target) = others.by_title(title) {
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
            if let Some(target) = others.by_loose(title) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guide::load::{parse_guide, SourceFile};

    fn guide(file: &str, title: &str, draft: bool, moves: &[&str]) -> Guide {
        let moves: String = match moves {
            [] => String::new(),
            _ => moves
                .iter()
                .map(|m| format!("    - {m}\n"))
                .fold("progression:\n  transitions:\n".into(), |a, m| a + &m),
        };
        let draft = if draft { "draft: true\n" } else { "" };
        let text = format!(
            "---\ntitle: \"{title}\"\nupdated: 2026-01-01\n{draft}summary: S.\nresponsibilities:\n  - R\nskills:\n  - K\n{moves}---\nBody.\n"
        );
        parse_guide(&SourceFile {
            path: format!("guides/{file}.md").into(),
            text: text.into(),
        })
        .expect("a valid guide")
    }

    /// Scanning the guides and indexing them find the same guides for
    /// every lookup a guide's warnings make: exact and near titles, case,
    /// a final capital sigma, two guides with one title, drafts.
    #[test]
    fn scanned_and_indexed_lookups_give_the_same_warnings() {
        let mut guides = vec![
            guide("b-ops", "Site Ops", false, &[]),
            guide("a-ops", "site ops", false, &[]),
            guide("sigma", "ΟΔΟΣ Lead", false, &[]),
            guide("draft", "Hidden Role", true, &[]),
            guide("near", "Staff/Principal TPM", false, &[]),
            guide("zurich", "Zürich Lead", false, &[]),
            guide(
                "mover",
                "Mover",
                false,
                &[
                    "SITE OPS",
                    "  Site Ops  ",
                    "οδος lead",
                    "Staff Principal TPM",
                    "{guide: draft, title: Hidden}",
                    "{guide: b-ops, title: Ops}",
                    "Mover",
                    "Nobody",
                    "ZÜRICH LEAD",
                    "zurich-lead",
                ],
            ),
        ];
        for k in 0..40 {
            guides.push(guide(
                &format!("filler-{k:02}"),
                &format!("Filler {k}"),
                false,
                &["Mover"],
            ));
        }
        let all: Vec<&Guide> = guides.iter().collect();
        for with_drafts in [false, true] {
            let published: Vec<&Guide> = all
                .iter()
                .copied()
                .filter(|g| g.front.is_published(with_drafts))
                .collect();
            let context = Context {
                unparsed: &[],
                drafts: with_drafts,
                statics: &[],
                levels: &[],
                skills: &[],
                lints: Default::default(),
            };
            let newest = newest(&all);
            let maps = |index| {
                Maps::new(
                    Others::new(&all, &published, with_drafts, index),
                    newest,
                    &context,
                )
            };
            let (scanned, indexed) = (maps(false), maps(true));
            let mut told = 0;
            for &g in &all {
                let (a, b) = (scanned.own(g), indexed.own(g));
                assert_eq!(a, b, "{}", g.slug);
                told += a.0.len();
            }
            // The mover is told of each move by title, the near miss and,
            // without --drafts, the draft.
            let mover: Vec<&str> = scanned.own(all[6]).0.iter().map(|d| d.code.id).collect();
            let (by_title, near, draft) = (codes::W0509.id, codes::W0502.id, codes::W0505.id);
            let expected = if with_drafts {
                vec![by_title, by_title, by_title, near, by_title]
            } else {
                vec![by_title, by_title, by_title, near, draft, by_title]
            };
            assert_eq!(mover, expected, "{told} {:#?}", scanned.own(all[6]).0);
        }
    }
}
