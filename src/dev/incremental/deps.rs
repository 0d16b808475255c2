//! Dependency tracking: what each page shows of the guides, so that an edit
//! re-renders only the pages it can change.
//!
//! In: guides as read ([`LinkId`]), the resolved site, and the edits since
//! the last render with the front matter each guide had then. Out: how much
//! is stale ([`Stale`], gathered in [`Pending`]), which guide pages must be
//! rendered again ([`dirty_guides`], by [`LinkSig`]) and which site-wide
//! units ([`units_to_render`], by [`Unit::shows`] and [`Unit::reads`]).

use crate::guide::load::Guide;
use crate::guide::model::{FrontMatter, Progression};
use crate::render::units::{self, Part, Unit};
use crate::site::terms::Kind;
use crate::site::{LinkKind, Site};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// How much of the site the next render must redo besides the pages of the
/// guides that changed, from least to most: each level includes the ones
/// before it. Changes raise it; a successful render sets it back to
/// [`Stale::Edits`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Stale {
    /// Only what the edits show: the changed guides' own pages, and the
    /// units that show a field they changed. No guide's [`LinkId`] changed.
    Edits,
    /// A guide's [`LinkId`] changed, or a guide came or went: other guide
    /// pages may link to it differently, so every guide's [`LinkSig`] is
    /// compared, and the pages of guides that are gone are removed.
    Links,
    /// Every site-wide unit too: the theme was reloaded, or the site was
    /// resolved again with guides, slugs or terms that came or went.
    Units,
    /// Every page: the first build, `site.yaml` or a template changed.
    All,
}

impl Stale {
    /// Raises the level to at least `to`.
    pub(crate) fn raise(&mut self, to: Stale) {
        *self = (*self).max(to);
    }
}

/// Everything changed since the last successful render: what the next one
/// must redo.
#[derive(Debug)]
pub(crate) struct Pending {
    /// How much beyond the changed guides.
    pub(crate) stale: Stale,
    /// Guide files changed since, by path.
    pub(crate) files: BTreeSet<PathBuf>,
    /// Guides whose front matter changed since, by path, with the front
    /// matter as it was rendered then: units compare with what they last
    /// showed.
    pub(crate) edited: BTreeMap<PathBuf, FrontMatter>,
    /// Guides taken out of the site since, by the slug they were rendered
    /// under, with the front matter they had then: the pages that listed
    /// one of them are rendered again.
    pub(crate) gone: BTreeMap<String, FrontMatter>,
}

impl Pending {
    /// Everything is stale: nothing has been rendered yet.
    pub(crate) fn everything() -> Pending {
        Pending {
            stale: Stale::All,
            files: BTreeSet::new(),
            edited: BTreeMap::new(),
            gone: BTreeMap::new(),
        }
    }

    /// Notes that the guide read from `rel` had front matter `old` when last
    /// rendered; a later edit keeps the first.
    pub(crate) fn edited(&mut self, rel: &Path, old: FrontMatter) {
        self.edited.entry(rel.to_path_buf()).or_insert(old);
    }

    /// Notes that the guide published under `slug`, with front matter
    /// `old` when last rendered, left the site; a later one keeps the
    /// first.
    pub(crate) fn gone(&mut self, slug: &str, old: FrontMatter) {
        self.gone.entry(slug.to_string()).or_insert(old);
    }

    /// After a successful render: nothing is stale.
    pub(crate) fn clear(&mut self) {
        self.stale = Stale::Edits;
        self.files.clear();
        self.edited.clear();
        self.gone.clear();
    }
}

/// The parts of a guide that other guides' pages and the rules spanning
/// guides read: while no guide's `LinkId` changes and no guide comes or
/// goes, every other guide page and every cross-guide diagnostic stays the
/// same, so an edit of a guide's content skips both.
#[derive(Debug, PartialEq)]
pub(crate) struct LinkId {
    /// The slug the guide is published under.
    pub(crate) slug: String,
    title: String,
    draft: bool,
    aliases: Vec<String>,
    progression: Option<Progression>,
    /// Skills and common gaps: they make the skill index, which other
    /// guides' pages read (similar roles, routes, links to skill pages).
    skills: Vec<String>,
    gaps: Vec<String>,
    /// Family, tag, employer and sector names: they decide which term pages
    /// exist, and the slugs other guides' pages link to.
    terms: Vec<Vec<String>>,
}

impl LinkId {
    /// What others read of `g`.
    pub(crate) fn of(g: &Guide) -> LinkId {
        LinkId {
            slug: g.slug.clone(),
            title: g.front.title.clone(),
            draft: g.front.draft,
            aliases: g.front.aliases.clone(),
            progression: g.front.progression.clone(),
            skills: g.front.skills.clone(),
            gaps: g
                .front
                .skill_gaps
                .as_ref()
                .map(|s| s.missing.clone())
                .unwrap_or_default(),
            terms: Kind::ALL
                .iter()
                .map(|k| k.names(g).into_iter().map(str::to_string).collect())
                .collect(),
        }
    }
}

/// What a guide page shows of other guides: everything
/// `view::GuideView::new` reads from the site besides the guide itself and
/// the site config. When this is unchanged and the guide is unchanged, the
/// page is unchanged.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct LinkSig {
    /// The slug each progression item links to, in order.
    targets: Vec<Option<String>>,
    /// The guides that list this one: how, their title and their slug.
    incoming: Vec<(LinkKind, String, String)>,
    /// The slug of each of its family, tag, employer and sector names (in
    /// [`Kind::ALL`] order), which depends on every other guide's names
    /// (collisions get `-2`).
    term_slugs: Vec<Option<String>>,
    /// The neighbourhood map: roles up to two moves away, their titles and
    /// the moves between them.
    near: crate::render::mapsvg::Map,
    /// Skill page slugs, similar roles and routes
    /// (`render::career::shown_of_others`).
    career: Vec<String>,
    /// The slugs of the guides `career` names, sorted.
    named: Vec<String>,
}

fn near(site: &Site, i: usize) -> crate::render::mapsvg::Map {
    let route = crate::util::layout::Route::Guide(&site.guides[i].slug);
    let links = crate::util::layout::PageLinks::of(&route, &site.base);
    // Any one language's words compare the same: the language only
    // changes with `site.yaml`, which re-renders everything.
    crate::render::maps::near_map(site, i, &links, crate::render::i18n::english())
}

fn term_slugs<'a>(site: &'a Site, i: usize) -> impl Iterator<Item = Option<&'a str>> + 'a {
    let g = &site.guides[i];
    Kind::ALL
        .into_iter()
        .flat_map(move |k| k.names(g).into_iter().map(move |n| site.terms.slug(k, n)))
}

fn targets<'a>(site: &'a Site, i: usize) -> impl Iterator<Item = Option<&'a str>> + 'a {
    site.targets(i)
        .iter()
        .map(move |t| t.map(|t| site.guides[t].slug.as_str()))
}

impl LinkSig {
    /// What the page of guide `i` shows of other guides.
    pub(crate) fn of(site: &Site, i: usize) -> LinkSig {
        let (career, named) = crate::render::career::shown_and_named(site, i);
        let mut named: Vec<String> = named
            .into_iter()
            .map(|t| site.guides[t].slug.clone())
            .collect();
        named.sort_unstable();
        LinkSig {
            targets: targets(site, i).map(|t| t.map(str::to_string)).collect(),
            incoming: site
                .incoming(i)
                .iter()
                .map(|&(from, kind)| {
                    let g = &site.guides[from];
                    (kind, g.front.title.clone(), g.slug.clone())
                })
                .collect(),
            term_slugs: term_slugs(site, i).map(|s| s.map(str::to_string)).collect(),
            near: near(site, i),
            career,
            named,
        }
    }

    /// Compares all but the neighbourhood map, with few allocations: this
    /// runs for every guide on every edit that moves links. What the page
    /// shows through skills and moves (the costly part) only when
    /// `career`; the slugs of its terms only when `terms` (below
    /// [`Stale::Units`] every term keeps its slug, and a guide whose file
    /// did not change keeps its terms).
    fn matches_links(&self, site: &Site, i: usize, career: bool, terms: bool) -> bool {
        let incoming = site.incoming(i);
        (!terms
            || self
                .term_slugs
                .iter()
                .map(Option::as_deref)
                .eq(term_slugs(site, i)))
            && self.incoming.len() == incoming.len()
            && self.same_targets(site, i)
            && self
                .incoming
                .iter()
                .zip(incoming)
                .all(|(a, &(from, kind))| {
                    let g = &site.guides[from];
                    a.0 == kind && a.1 == g.front.title && a.2 == g.slug
                })
            && (!career || self.career == crate::render::career::shown_of_others(site, i))
    }

    /// Whether guide `i`'s moves lead where they led when this was taken.
    fn same_targets(&self, site: &Site, i: usize) -> bool {
        self.targets
            .iter()
            .map(Option::as_deref)
            .eq(targets(site, i))
    }

    /// Whether what the page shows through skills and moves names the
    /// guide with this slug.
    fn names(&self, slug: &str) -> bool {
        self.named
            .binary_search_by(|s| s.as_str().cmp(slug))
            .is_ok()
    }
}

/// What the pages of moves, skills and salaries show that every guide
/// decides: the career order of the levels (from every guide's salary
/// levels), each skill's name and page, and which families have salary
/// pages. While it stays the same, an edit re-renders only the moves,
/// skill and salary pages that show the guide edited.
#[derive(Debug, PartialEq)]
pub(crate) struct Globals {
    levels: crate::guide::levels::LevelOrder,
    /// The families with salary pages: each is a unit.
    salary_families: Vec<String>,
    skills: Vec<(String, String, Option<String>, Option<usize>)>,
}

impl Globals {
    /// The career order of the salary levels.
    pub(crate) fn levels(&self) -> &crate::guide::levels::LevelOrder {
        &self.levels
    }

    /// Those of `site`, whose level order and salary families the units
    /// rendering it found (`levels`, `families`).
    pub(crate) fn of(
        site: &Site,
        levels: &crate::guide::levels::LevelOrder,
        families: &[crate::render::salaries::Family<'_>],
    ) -> Globals {
        Globals {
            levels: levels.clone(),
            salary_families: families.iter().map(|f| f.slug.to_string()).collect(),
            skills: site
                .skills
                .skills
                .iter()
                .map(|s| (s.key.clone(), s.name.clone(), s.slug.clone(), s.entry))
                .collect(),
        }
    }
}

/// For each guide page rendered, by slug, what it shows of others; and the
/// [`Globals`] the units last rendered read.
#[derive(Debug, Default)]
pub(crate) struct Shown(HashMap<String, LinkSig>, Option<Globals>);

impl Shown {
    /// Whether one of guides `dirty` (by index; a guide whose links did
    /// not change cannot lead elsewhere) leads elsewhere than its page last
    /// showed, or had no page.
    pub(crate) fn moves_changed(&self, site: &Site, dirty: &[usize]) -> bool {
        dirty.iter().any(|&i| {
            self.0
                .get(&site.guides[i].slug)
                .is_none_or(|s| !s.same_targets(site, i))
        })
    }

    /// The guides of `site` whose pages were not rendered last (by index,
    /// sorted), and the slugs of the pages rendered last whose guide is no
    /// longer in `site` (sorted).
    pub(crate) fn came_and_went<'a>(&'a self, site: &Site) -> (Vec<usize>, Vec<&'a str>) {
        let came: Vec<usize> = (0..site.guides.len())
            .filter(|&i| !self.0.contains_key(&site.guides[i].slug))
            .collect();
        // Every page shown is of a guide still there when the counts add up.
        let mut went: Vec<&str> = if self.0.len() + came.len() == site.guides.len() {
            Vec::new()
        } else {
            self.0
                .keys()
                .map(String::as_str)
                .filter(|s| site.index_of(s).is_none())
                .collect()
        };
        went.sort_unstable();
        (came, went)
    }

    /// The globals the units last rendered read.
    pub(crate) fn globals(&self) -> Option<&Globals> {
        self.1.as_ref()
    }

    /// Whether the units last rendered read `globals`.
    pub(crate) fn same_globals(&self, globals: &Globals) -> bool {
        self.1.as_ref() == Some(globals)
    }

    /// Notes the globals the units just rendered read.
    pub(crate) fn set_globals(&mut self, globals: Globals) {
        self.1 = Some(globals);
    }

    /// The slugs of the guides whose pages were rendered.
    pub(crate) fn slugs(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
    }

    /// Takes in what newly rendered pages show. When `all` lists every
    /// published guide, forgets the others and returns their slugs: their
    /// pages are gone.
    pub(crate) fn update(
        &mut self,
        all: Option<&[String]>,
        rendered: Vec<(String, LinkSig)>,
    ) -> Vec<String> {
        let mut gone = Vec::new();
        if let Some(all) = all {
            let now: HashSet<&str> = all.iter().map(String::as_str).collect();
            self.0.retain(|slug, _| {
                let keep = now.contains(slug.as_str());
                if !keep {
                    gone.push(slug.clone());
                }
                keep
            });
        }
        self.0.extend(rendered);
        gone
    }
}

/// The guides that came into the site or left it since the pages were
/// last rendered, while every term page and every skill page stays: the
/// pages that list them are rendered again, not every page.
#[derive(Debug, Default)]
pub(crate) struct Turnover<'a> {
    /// The guides new to the site, by index, sorted.
    pub(crate) came: Vec<usize>,
    /// The guides gone, by the slug they were rendered under, with their
    /// front matter then.
    pub(crate) went: Vec<(&'a str, &'a FrontMatter)>,
}

impl<'a> Turnover<'a> {
    /// Those since `shown` was rendered, or `None` when a guide left
    /// without `pending` knowing what it showed.
    pub(crate) fn of(site: &Site, shown: &'a Shown, pending: &'a Pending) -> Option<Turnover<'a>> {
        let (came, went) = shown.came_and_went(site);
        let went = went
            .into_iter()
            .map(|slug| Some((slug, pending.gone.get(slug)?)))
            .collect::<Option<Vec<_>>>()?;
        Some(Turnover { came, went })
    }

    /// Whether no guide came or went.
    pub(crate) fn is_empty(&self) -> bool {
        self.came.is_empty() && self.went.is_empty()
    }

    /// The guides that share a skill or a gap with a guide that came or
    /// went, sorted: their similar roles may now name it, or no longer.
    fn mates(&self, site: &Site) -> Vec<usize> {
        let mut keys: BTreeSet<usize> = BTreeSet::new();
        for &i in &self.came {
            let ids = site
                .skills
                .listed(i)
                .iter()
                .chain(site.skills.listed_gaps(i));
            keys.extend(ids.flatten());
        }
        for (_, old) in &self.went {
            let gaps = old.skill_gaps.iter().flat_map(|g| &g.missing);
            keys.extend(
                old.skills
                    .iter()
                    .chain(gaps)
                    .filter_map(|t| site.skills.find(t)),
            );
        }
        let mut out: Vec<usize> = keys
            .into_iter()
            .flat_map(|s| {
                let skill = &site.skills.skills[s];
                skill.guides.iter().chain(&skill.gaps).copied()
            })
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// The guide pages to render again, by index into `site.guides`: every
/// page at [`Stale::All`]; from [`Stale::Links`] up, the changed guides'
/// pages and those whose [`LinkSig`] no longer matches (compared on every
/// guide, but the neighbourhood map only within two moves of a guide whose
/// links changed: drawing it for every guide took seconds at 10,000
/// guides); below, the changed guides' pages alone (`changed`, found without
/// visiting every guide).
pub(crate) fn dirty_guides(
    site: &Site,
    stale: Stale,
    pending: &Pending,
    shown: &Shown,
    changed: impl Iterator<Item = usize>,
    edited: &[(usize, &FrontMatter)],
    turnover: &Turnover<'_>,
) -> Vec<usize> {
    if stale == Stale::All {
        return (0..site.guides.len()).collect();
    }
    if stale >= Stale::Links {
        // While every guide keeps its skills, what a page shows through
        // skills and moves (similar roles, each move's skills, routes up
        // to three moves away) changes only near an edited guide or one
        // whose moves changed, or where the page names an edited guide:
        // only those pages are compared on it.
        let skills_kept = stale == Stale::Links
            && edited.iter().all(|&(i, old)| {
                let new = &site.guides[i].front;
                old.skills == new.skills && old.skill_gaps == new.skill_gaps
            });
        let is_changed = |i: usize| pending.files.contains(&site.guides[i].source.path);
        let terms_moved = stale >= Stale::Units;
        let moved: Vec<usize> = (0..site.guides.len())
            .into_par_iter()
            .filter(|&i| {
                let g = &site.guides[i];
                is_changed(i)
                    || !shown
                        .0
                        .get(&g.slug)
                        .is_some_and(|s| s.matches_links(site, i, !skills_kept, terms_moved))
            })
            .collect();
        // The guides whose moves or title changed, and where a move that
        // is gone led: what routes and maps are drawn from.
        let relinked: Vec<usize> = (0..site.guides.len())
            .into_par_iter()
            .filter(|&i| {
                is_changed(i)
                    || shown
                        .0
                        .get(&site.guides[i].slug)
                        .is_none_or(|s| !s.same_targets(site, i))
            })
            .collect();
        let mut ends: BTreeSet<usize> = relinked.iter().copied().collect();
        for &i in &relinked {
            let Some(sig) = shown.0.get(&site.guides[i].slug) else {
                continue;
            };
            let now: Vec<Option<&str>> = targets(site, i).collect();
            let gone = sig
                .targets
                .iter()
                .flatten()
                .filter(|t| !now.contains(&Some(t.as_str())));
            ends.extend(gone.filter_map(|t| site.index_of(t)));
        }
        let ends: Vec<usize> = ends.into_iter().collect();
        let moved = if skills_kept {
            career_changed(site, shown, moved, &relinked, edited, turnover)
        } else {
            moved
        };
        // A neighbourhood map shows what lies within two moves of its
        // guide, either way: it can change only when a guide within two
        // moves changed its title or moves, or a move that is gone led
        // to one (`ends`). So only maps near `ends` are drawn again.
        let mut near_moved = within_moves(site, &ends, 2, true);
        near_moved.retain(|i| moved.binary_search(i).is_err());
        let redrawn: Vec<usize> = near_moved
            .into_par_iter()
            .filter(|&i| {
                let g = &site.guides[i];
                shown.0.get(&g.slug).is_none_or(|s| s.near != near(site, i))
            })
            .collect();
        let mut v = moved;
        v.extend(redrawn);
        v.sort_unstable();
        return v;
    }
    let mut v: Vec<usize> = changed.collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// `moved` (sorted: the guides whose files or links changed) with the
/// guides whose page shows something else through skills and moves, when
/// no guide that stayed changed its skills: of those whose page names an
/// `edited` guide or one that went, from which a route (three moves at
/// most) reaches one of `relinked` (sorted: the guides whose title or
/// moves changed, and those that came), or which share a skill with a
/// guide that came or went, those whose [`LinkSig::career`] differs.
fn career_changed(
    site: &Site,
    shown: &Shown,
    moved: Vec<usize>,
    relinked: &[usize],
    edited: &[(usize, &FrontMatter)],
    turnover: &Turnover<'_>,
) -> Vec<usize> {
    let upstream = within_moves(site, relinked, 3, false);
    let mates = turnover.mates(site);
    let slugs: Vec<&str> = edited
        .iter()
        .map(|&(i, _)| site.guides[i].slug.as_str())
        .chain(turnover.went.iter().map(|&(slug, _)| slug))
        .collect();
    (0..site.guides.len())
        .into_par_iter()
        .filter(|&i| {
            if moved.binary_search(&i).is_ok() {
                return true;
            }
            let Some(sig) = shown.0.get(&site.guides[i].slug) else {
                return true;
            };
            let near = upstream.binary_search(&i).is_ok()
                || mates.binary_search(&i).is_ok()
                || slugs.iter().any(|s| sig.names(s));
            near && sig.career != crate::render::career::shown_of_others(site, i)
        })
        .collect()
}

/// The guides up to `n` moves from one of `from` (sorted), `from`
/// included, sorted: either way when `both`, else only those from which
/// `n` moves or fewer reach one of `from`.
fn within_moves(site: &Site, from: &[usize], n: usize, both: bool) -> Vec<usize> {
    let mut seen: BTreeSet<usize> = from.iter().copied().collect();
    let mut ring: Vec<usize> = from.to_vec();
    for _ in 0..n {
        let mut next = Vec::new();
        for &i in &ring {
            let out = site.next(i).iter().copied().filter(|_| both);
            let back = site.incoming(i).iter().map(|&(f, _)| f);
            for j in out.chain(back) {
                if seen.insert(j) {
                    next.push(j);
                }
            }
        }
        ring = next;
    }
    seen.into_iter().collect()
}

/// The site-wide units to render again: every unit of `site` from
/// [`Stale::Units`] up; below, those that show one of the `edited` guides
/// (by index, with the front matter last rendered) and read a field that
/// changed, those that list every guide or show one that came or went
/// (`turnover`), and the moves of the guides whose pages are rendered
/// again because their links changed (`dirty`, sorted: a move that is gone
/// started at one of them). A list of cards in title order that lists the
/// same guides as before (no guide came, went, joined or left it) renders
/// only the pages whose entries changed ([`Part::Edited`]), as do the
/// career maps when only titles changed; any other unit renders whole.
/// `moves_changed`: some guide's moves lead elsewhere than when last
/// rendered ([`LinkSig::same_targets`]), which the maps and the sitemap
/// show whichever field changed.
pub(crate) fn units_to_render(
    site: &Site,
    stale: Stale,
    edited: &[(usize, &FrontMatter)],
    dirty: &[usize],
    turnover: &Turnover<'_>,
    moves_changed: bool,
) -> Vec<(Unit, Part)> {
    // Below `Links` no guide's links changed: `dirty` are the edited.
    let dirty = if stale >= Stale::Links { dirty } else { &[] };
    if stale < Stale::Units && edited.is_empty() && dirty.is_empty() && turnover.is_empty() {
        return Vec::new();
    }
    if stale >= Stale::Units {
        return units::units(site)
            .into_iter()
            .map(|u| (u, Part::All))
            .collect();
    }
    // The moves that can show a guide edited or come: its own, and those
    // of the guides leading to it; with the moves of `dirty`.
    let mut from: BTreeSet<usize> = dirty.iter().copied().collect();
    for i in edited
        .iter()
        .map(|&(i, _)| i)
        .chain(turnover.came.iter().copied())
    {
        from.insert(i);
        from.extend(site.incoming(i).iter().map(|&(a, _)| a));
    }
    let all = units::units_moving_from(site, from);
    let went: Vec<Was> = turnover
        .went
        .iter()
        .map(|&(_, old)| Was::of(site, old))
        .collect();
    let was: Vec<Was> = edited.iter().map(|&(_, old)| Was::of(site, old)).collect();
    all.into_iter()
        .filter_map(|u| {
            if !turnover.is_empty()
                && (u.lists_all()
                    || turnover.came.iter().any(|&i| u.shows(site, i))
                    || went.iter().any(|w| w.showed(&u, site)))
            {
                return Some((u, Part::All));
            }
            if let Unit::Moves(slug) = &u {
                let from = site.index_of(slug);
                if from.is_some_and(|a| dirty.binary_search(&a).is_ok()) {
                    return Some((u, Part::All));
                }
            }
            if moves_changed && matches!(u, Unit::Paths | Unit::Sitemap) {
                return Some((u, Part::All));
            }
            let mut in_place = u.renders_in_part();
            let mut shown = Vec::new();
            for (&(i, old), was) in edited.iter().zip(&was) {
                let new = &site.guides[i].front;
                let now = u.shows(site, i);
                if (now || was.showed(&u, site)) && u.reads(old, new) {
                    // Still listed, and listed before.
                    in_place &= now && (u.lists_all() || was.showed(&u, site));
                    // A map in part only redraws titles.
                    in_place &= u != Unit::Paths
                        || (old.family == new.family && old.progression == new.progression);
                    shown.push((i, old.title.clone()));
                }
            }
            if shown.is_empty() {
                None
            } else if in_place {
                Some((u, Part::Edited(shown)))
            } else {
                Some((u, Part::All))
            }
        })
        .collect()
}

/// The term names and skills a guide showed with the front matter it was
/// last rendered with, looked up once for all units.
struct Was<'a> {
    /// Its names of each kind, in [`Kind::ALL`] order.
    names: Vec<Vec<&'a str>>,
    /// The skills of its `skills` and `skill_gaps.missing`, by index into
    /// the site's skill index.
    skills: Vec<usize>,
    /// The salary pages of families it was on (none without figures).
    salary_families: Vec<&'a str>,
}

impl<'a> Was<'a> {
    fn of(site: &'a Site, old: &'a FrontMatter) -> Was<'a> {
        let gaps = old.skill_gaps.iter().flat_map(|g| &g.missing);
        Was {
            names: Kind::ALL.into_iter().map(|k| k.names_of(old)).collect(),
            skills: old
                .skills
                .iter()
                .chain(gaps)
                .filter_map(|t| site.skills.find(t))
                .collect(),
            salary_families: match old.salary {
                Some(_) => units::salary_family_slugs(site, old),
                None => Vec::new(),
            },
        }
    }

    /// Whether unit `u` showed the guide, where that is not what
    /// [`Unit::shows`] says of it now: a skill's or a term's page lists the
    /// guides naming it, and an edit can take the name off a guide.
    fn showed(&self, u: &Unit, site: &Site) -> bool {
        match u {
            Unit::Term(kind, name) => Kind::ALL
                .iter()
                .zip(&self.names)
                .any(|(k, names)| k == kind && names.contains(&name.as_str())),
            Unit::Skill(key) => site
                .skills
                .by_key(key)
                .is_some_and(|s| self.skills.contains(&s)),
            Unit::SalaryFamily(slug) => self.salary_families.contains(&slug.as_str()),
            _ => false,
        }
    }
}
