//! Site-wide pages: the index, career paths, salaries, taxonomy pages,
//! search, the publishing files (sitemap, robots, feed, API, search index),
//! alias redirects and static files, each an independent [`Unit`].

use crate::diag::Diagnostic;
use crate::guide::model::{Date, FrontMatter};
use crate::render::cards::Cards;
use crate::render::feeds::SitemapEntry;
use crate::render::page::{page_view as page, render_one, Page};
use crate::render::paginate;
use crate::render::theme::Theme;
use crate::render::view::{PageKind, PageView, SiteView};
use crate::site::terms::Kind;
use crate::site::Site;
use crate::util::layout::{Listing, PageLinks, Route};
use rayon::prelude::*;
use serde::Serialize;
use std::sync::PoisonError;

#[derive(Serialize)]
struct PlainContext<'a> {
    site: &'a SiteView<'a>,
    page: PageView,
}

/// Newest `updated` among guides `ids`.
fn newest(site: &Site, ids: impl IntoIterator<Item = usize>) -> Option<Date> {
    ids.into_iter()
        .filter_map(|i| site.guides[i].front.updated)
        .max()
}

/// One site-wide output, rendered on its own: a page, a term page, a data
/// file, or a group of small files. Splitting the site-wide pages this way
/// lets a build stream each one to disk as soon as it is ready, and lets
/// `watch`/`serve` re-render only the units an edit can change
/// ([`Unit::reads`], [`Unit::shows`]).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Unit {
    /// `index.html` (and `page/2/`, … when the families fill more than a
    /// page): each family with its count and latest guides.
    Index,
    /// `404.html`.
    NotFound,
    /// `paths/` and `paths/<family>/`: the career maps.
    Paths,
    /// `transitions/<from>/to/<to>/` for every move from one guide, by
    /// the slug of the guide they start from: one unit per guide, so
    /// that an edit re-renders the moves of the guides it touches, not
    /// every move of the site.
    Moves(String),
    /// `skills/` and its further pages: every skill with a page.
    SkillIndex,
    /// `skills/<slug>/` with its further pages, by the skill's key.
    Skill(String),
    /// `assess/`, the self-assessment page, with its data files.
    Assess,
    /// `salaries/`: the salary overview, by level across roles.
    Salaries,
    /// `salaries/<family>/` and its further pages: one job family's salary
    /// tables and charts, by the family's slug there.
    SalaryFamily(String),
    /// `search/` and its further pages: every card, A to Z (works without
    /// JS).
    Search,
    /// The index pages of one kind of term, e.g. `employers/`.
    Terms(Kind),
    /// The pages of one term, by kind and name, e.g. `employers/sap/`,
    /// `employers/sap/page/2/`.
    Term(Kind, String),
    /// `sitemap.xml`, and `sitemap-<n>.xml` when it is split.
    Sitemap,
    /// `robots.txt`.
    Robots,
    /// `feed.xml`.
    Feed,
    /// `api/guides.json`, the list of guides (each guide's own record is
    /// written beside its page).
    Api,
    /// `api/skills.json`, the list of skills.
    SkillApi,
    /// The search index: `search-index.json` and its shards and records
    /// under `search-index/`.
    SearchIndex,
    /// A redirect page for every alias.
    Aliases,
    /// The theme's static files, `.nojekyll` and `CNAME`.
    Statics,
}

/// Which pages of a unit to render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// Every page.
    All,
    /// Only the pages whose entries changed, for a unit showing the same
    /// guides as when it was last rendered, where only these guides (by
    /// index into `site.guides`, each with the title it had then) changed
    /// what their entries show or where they sort. For a list, the pages
    /// showing one of them now and those a title change shifted; for the
    /// career maps (where only titles changed, and no move), the overview
    /// and the maps of the families that show one of them; for a family's
    /// salary pages, those listing one of them, when the family's summary
    /// is as kept and no title changed; for the self-assessment, its page,
    /// its data and the step files holding their next steps. The unit's
    /// other pages are as last rendered. Only units for which
    /// [`Unit::renders_in_part`] holds take it.
    Edited(Vec<(usize, String)>),
}

impl Unit {
    /// Whether the unit can render only some of its pages
    /// ([`Part::Edited`]): the lists of guide cards in title order, whose
    /// pages each show a run of the list, the career maps, whose
    /// family pages each show one family's roles, and the search index,
    /// whose files each hold some words or some guides' records (when
    /// the index is kept between rebuilds and the edit allows), and a
    /// family's salary pages, each a page of its roles under the family's
    /// summary (when the summary is kept and the edit leaves it as it was),
    /// and the self-assessment, whose step files each hold a run of guides'
    /// next steps.
    pub fn renders_in_part(&self) -> bool {
        matches!(
            self,
            Unit::Search
                | Unit::Term(..)
                | Unit::Paths
                | Unit::SearchIndex
                | Unit::SalaryFamily(_)
                | Unit::Salaries
                | Unit::Assess
        )
    }

    /// Whether this unit's output depends on guide `i` at all. Most units
    /// list every guide; a term page lists only the guides naming the term,
    /// a guide's moves only it and the guides it leads to, a skill's page
    /// the guides listing the skill.
    pub fn shows(&self, site: &Site, i: usize) -> bool {
        match self {
            Unit::Moves(slug) => site
                .index_of(slug)
                .is_some_and(|a| a == i || site.next(a).contains(&i)),
            Unit::Skill(key) => site.skills.by_key(key).is_some_and(|s| {
                let skill = &site.skills.skills[s];
                skill.guides.binary_search(&i).is_ok() || skill.gaps.binary_search(&i).is_ok()
            }),
            Unit::Term(kind, name) => site
                .terms
                .get(*kind, name)
                .is_some_and(|t| t.guides.binary_search(&i).is_ok()),
            Unit::SalaryFamily(slug) => {
                let g = &site.guides[i];
                g.front.salary.is_some()
                    && salary_family_slugs(site, &g.front).contains(&slug.as_str())
            }
            _ => self.lists_all(),
        }
    }

    /// Whether this unit's output depends on every guide (it lists them,
    /// counts them or draws them all): a guide that comes or goes changes
    /// it, whatever its fields.
    pub fn lists_all(&self) -> bool {
        !matches!(
            self,
            Unit::Moves(_)
                | Unit::SalaryFamily(_)
                | Unit::Skill(_)
                | Unit::Term(..)
                | Unit::NotFound
                | Unit::Robots
                | Unit::Statics
        )
    }

    /// Whether a guide whose front matter went from `a` to `b` may change
    /// this unit's output, given that the same guides are published under
    /// the same slugs, and the same family, tag, employer and sector pages
    /// exist, though a guide may have moved between them (otherwise every
    /// unit is rendered again). Each arm lists the fields the unit's
    /// renderer reads; the incremental tests change every value of every
    /// field of a guide in turn and compare with a clean build, so a field
    /// missing here fails them.
    pub fn reads(&self, a: &FrontMatter, b: &FrontMatter) -> bool {
        // A card shows the title, the family and the summary.
        let card = a.title != b.title || a.summary != b.summary || a.family != b.family;
        let names = |k: Kind| k.names_of(a) != k.names_of(b);
        let any_names = || Kind::ALL.into_iter().any(names);
        match self {
            // The home page shows each family with its count and its most
            // recently updated guides.
            Unit::Index => card || a.updated != b.updated,
            Unit::Search => card,
            // The guides naming the term, and how many.
            Unit::Term(kind, _) => card || names(*kind),
            Unit::Terms(kind) => names(*kind),
            Unit::Feed | Unit::Api => card || a.updated != b.updated,
            // Skills and gaps, by guide slug: a title is not shown.
            Unit::SkillApi => a.skills != b.skills || a.skill_gaps != b.skill_gaps,
            // The sitemap lists each family's salary pages, as many as its
            // guides with salary figures fill, each skill's pages, each
            // move's page and each term's pages, dated by their newest
            // guide. The moves change with titles and progressions, but
            // the engine renders it again only when they do (one title may
            // name another guide's move).
            Unit::Sitemap => {
                any_names()
                    || a.updated != b.updated
                    || a.salary.is_some() != b.salary.is_some()
                    || a.skills != b.skills
                    || a.skill_gaps != b.skill_gaps
            }
            Unit::Salaries | Unit::SalaryFamily(_) => {
                a.title != b.title || a.family != b.family || a.salary != b.salary
            }
            Unit::Paths => {
                a.title != b.title || a.family != b.family || a.progression != b.progression
            }
            // Both ends of a move; the salary tables follow the level
            // order every guide's salary levels make, which the incremental
            // engine compares on its own.
            Unit::Moves(_) => {
                a.title != b.title
                    || a.family != b.family
                    || a.progression != b.progression
                    || a.skills != b.skills
                    || a.skill_gaps != b.skill_gaps
                    || a.requirements != b.requirements
                    || a.salary != b.salary
                    || a.resources != b.resources
                    || a.next_steps != b.next_steps
            }
            // The skills with a page and how many guides name each.
            Unit::SkillIndex => a.skills != b.skills || a.skill_gaps != b.skill_gaps,
            Unit::Skill(_) => {
                a.title != b.title
                    || a.family != b.family
                    || a.skills != b.skills
                    || a.skill_gaps != b.skill_gaps
            }
            // Every guide's title, slug, skills and next steps, the skill
            // index's names, slugs and groups, and the moves.
            Unit::Assess => {
                a.title != b.title
                    || a.family != b.family
                    || a.skills != b.skills
                    || a.skill_gaps != b.skill_gaps
                    || a.next_steps != b.next_steps
                    || a.progression != b.progression
            }
            // Tags and employers are searched.
            Unit::SearchIndex => {
                card || any_names() || a.skills != b.skills || a.alt_titles != b.alt_titles
            }
            Unit::Aliases => a.title != b.title || a.aliases != b.aliases,
            Unit::NotFound | Unit::Robots | Unit::Statics => false,
        }
    }
}

/// Every site-wide unit of `site`, in a fixed order with the costly ones
/// first, so that parallel rendering does not end waiting on one of them.
pub fn units(site: &Site) -> Vec<Unit> {
    units_moving_from(site, 0..site.guides.len())
}

/// Every unit of `site` but the moves of guides other than `from` (by
/// index): what an edit of a few guides can re-render, without listing a
/// unit for every guide's moves.
pub(crate) fn units_moving_from(site: &Site, from: impl IntoIterator<Item = usize>) -> Vec<Unit> {
    let mut out = vec![
        Unit::Paths,
        Unit::Assess,
        Unit::Api,
        Unit::SkillApi,
        Unit::Salaries,
        Unit::SearchIndex,
        Unit::Index,
        Unit::Search,
        Unit::Feed,
        Unit::Sitemap,
        Unit::SkillIndex,
    ];
    out.extend(
        crate::render::salaries::families(site)
            .iter()
            .map(|f| Unit::SalaryFamily(f.slug.to_string())),
    );
    out.extend(
        from.into_iter()
            .map(|i| Unit::Moves(site.guides[i].slug.clone())),
    );
    // In index order: the order of units does not matter, and sorting
    // thousands of skill names by their lower case did, on every edit.
    out.extend(
        site.skills
            .skills
            .iter()
            .filter(|s| s.slug.is_some())
            .map(|s| Unit::Skill(s.key.clone())),
    );
    for kind in Kind::ALL {
        out.push(Unit::Terms(kind));
        out.extend(
            site.terms
                .of(kind)
                .map(|(n, _)| Unit::Term(kind, n.clone())),
        );
    }
    out.extend([Unit::Aliases, Unit::NotFound, Unit::Robots, Unit::Statics]);
    out
}

/// What rendering a unit needs.
pub struct UnitContext<'a> {
    /// The resolved site.
    pub site: &'a Site,
    /// The theme.
    pub theme: &'a Theme,
    /// The `site` template variable.
    pub sv: &'a SiteView<'a>,
    /// Card cache, sized for `site`.
    pub cards: &'a Cards,
    /// The career order of every level, worked out once for all the
    /// units of moves and salaries.
    levels: std::sync::OnceLock<crate::guide::levels::LevelOrder>,
    /// The families with salary figures, worked out once for all the
    /// salary units.
    salary_families: std::sync::OnceLock<Vec<crate::render::salaries::Family<'a>>>,
    /// What units rendered last, kept between rebuilds by `watch` and
    /// `serve` ([`UnitContext::keeping`]).
    kept: Option<&'a Kept>,
    /// Each guide's place in title order, worked out once for the lists.
    title_rank: std::sync::OnceLock<Vec<u32>>,
}

/// What some units keep of what they last rendered, so that an edit renders
/// only the files it changes: the search index, and each family's salary
/// summary (shown on every page of the family). `watch` and `serve` hold
/// one between rebuilds.
#[derive(Default)]
pub(crate) struct Kept {
    search: std::sync::Mutex<Option<crate::render::search::Index>>,
    /// By family slug, as its pages show it.
    salaries:
        std::sync::Mutex<std::collections::HashMap<String, crate::render::salaries::FamilySummary>>,
    /// Every guide's salary ranges, as the salary overview shows them.
    ranges: std::sync::Mutex<Option<crate::render::salaries::Ranges>>,
}

impl Kept {
    /// Forgets everything: the pages rendered with it were not kept, or
    /// the next render may number the guides differently.
    pub(crate) fn clear(&mut self) {
        *self
            .search
            .get_mut()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = None;
        self.salaries
            .get_mut()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clear();
        *self
            .ranges
            .get_mut()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = None;
    }
}

impl<'a> UnitContext<'a> {
    /// What rendering the units of `site` needs.
    pub fn new(
        site: &'a Site,
        theme: &'a Theme,
        sv: &'a SiteView<'a>,
        cards: &'a Cards,
    ) -> UnitContext<'a> {
        UnitContext {
            site,
            theme,
            sv,
            cards,
            levels: std::sync::OnceLock::new(),
            salary_families: std::sync::OnceLock::new(),
            kept: None,
            title_rank: std::sync::OnceLock::new(),
        }
    }

    /// The same, keeping in `kept` what units rendered (the search index,
    /// the salary summaries): an edit that leaves the rest as it was then
    /// renders only the files it changes. `kept` must be
    /// [cleared](Kept::clear) whenever pages rendered with it are not kept.
    pub(crate) fn keeping(mut self, kept: &'a Kept) -> UnitContext<'a> {
        self.kept = Some(kept);
        self
    }

    /// The search index's files: those the guides in `edited` change when
    /// the index is kept and the edit allows, else all of them.
    fn search_index(&self, edited: Option<&[(usize, String)]>) -> Rendering {
        let site = self.site;
        let entry_of = |i| self.cards.search_entry(site, i);
        let Some(kept) = self.kept.map(|k| &k.search) else {
            let pages = crate::render::search::pages(site, &self.theme.strings, entry_of);
            return Rendering::whole(pages);
        };
        let mut kept = kept
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let (Some(index), Some(edited)) = (kept.as_mut(), edited) {
            let ids: Vec<usize> = edited.iter().map(|&(i, _)| i).collect();
            if let Some((pages, gone)) = index.edit(site, &self.theme.strings, &ids, &entry_of) {
                return Rendering::part(pages, gone);
            }
        }
        let index = crate::render::search::Index::build(site, &entry_of);
        let pages = index.pages(site, &self.theme.strings, &entry_of);
        *kept = Some(index);
        Rendering::whole(pages)
    }

    /// The same, with the site's level order known already.
    pub(crate) fn with_levels(self, levels: crate::guide::levels::LevelOrder) -> UnitContext<'a> {
        let _ = self.levels.set(levels);
        self
    }

    /// `salaries/`, from the ranges kept, with those of the guides in
    /// `edited` taken in, when they are kept; else from every guide's.
    fn salary_overview(&self, edited: Option<&[(usize, String)]>) -> Result<Vec<Page>, Diagnostic> {
        use crate::render::salaries::Ranges;
        let (site, theme, sv) = (self.site, self.theme, self.sv);
        let page = |ranges: &Ranges| {
            crate::render::salary_pages::overview_page(
                site,
                theme,
                sv,
                ranges,
                self.salary_families(),
            )
            .map(|p| vec![p])
        };
        let Some(kept) = self.kept else {
            return page(&Ranges::new(site, self.levels()));
        };
        let mut kept = kept
            .ranges
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let (Some(ranges), Some(edited)) = (kept.as_mut(), edited) {
            let ids: Vec<usize> = edited.iter().map(|&(i, _)| i).collect();
            if ranges.edit(site, self.levels(), &ids) {
                return page(ranges);
            }
        }
        let ranges = kept.insert(Ranges::new(site, self.levels()));
        page(ranges)
    }

    /// The salary pages of family `slug`: when the guides in `edited`
    /// left the family's summary as its pages show it and kept their
    /// titles (so their places), only the pages listing them; else all.
    fn salary_family(
        &self,
        slug: &str,
        edited: Option<&[(usize, String)]>,
    ) -> Result<Rendering, Diagnostic> {
        use crate::render::salaries::{FamilySummary, ROLES_PER_PAGE};
        let (site, theme, sv) = (self.site, self.theme, self.sv);
        let Some(f) = self.salary_families().iter().find(|f| f.slug == slug) else {
            return Ok(Rendering::whole(Vec::new()));
        };
        let summary = FamilySummary::of(site, self.levels(), f, &theme.strings);
        let mut kept = self.kept.map(|k| {
            k.salaries
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
        });
        let only: Option<std::collections::BTreeSet<usize>> = edited
            .filter(|_| kept.as_ref().is_some_and(|k| k.get(slug) == Some(&summary)))
            .and_then(|edited| {
                edited
                    .iter()
                    .map(|(i, title)| {
                        if site.guides[*i].front.title != *title {
                            return None;
                        }
                        let at = f.guides.iter().position(|j| j == i)?;
                        Some(at / ROLES_PER_PAGE + 1)
                    })
                    .collect()
            });
        let pages = crate::render::salary_pages::family_pages(
            site,
            theme,
            sv,
            self.levels(),
            f,
            &summary,
            only.as_ref(),
        )?;
        if only.is_some() {
            return Ok(Rendering::part(pages, Vec::new()));
        }
        if let Some(kept) = kept.as_mut() {
            kept.insert(slug.to_string(), summary);
        }
        Ok(Rendering::whole(pages))
    }

    /// Each guide's place (by index into `site.guides`) among the site's
    /// guides by title, then slug, as the lists show them.
    pub(crate) fn title_rank(&self) -> &[u32] {
        self.title_rank.get_or_init(|| title_ranks(self.site))
    }

    /// The site's level order ([`crate::render::salaries::level_order`]),
    /// made once for every unit.
    pub(crate) fn levels(&self) -> &crate::guide::levels::LevelOrder {
        self.levels
            .get_or_init(|| crate::render::salaries::level_order(self.site))
    }

    /// The families with salary pages
    /// ([`crate::render::salaries::families`]), found once for every unit.
    pub(crate) fn salary_families(&self) -> &[crate::render::salaries::Family<'a>] {
        self.salary_families
            .get_or_init(|| crate::render::salaries::families(self.site))
    }

    /// Renders `part` of one unit: all its pages, or those of a unit that
    /// [renders in part](Unit::renders_in_part) which show the guides
    /// named (for any other unit, all its pages).
    pub fn render_part(&self, unit: &Unit, part: &Part) -> Result<Rendering, Diagnostic> {
        let in_part = |pages: Result<Vec<Page>, Diagnostic>| {
            pages.map(|pages| Rendering::part(pages, Vec::new()))
        };
        match (unit, part) {
            (Unit::Search, Part::Edited(edited)) => in_part(self.search_pages(Some(edited))),
            (Unit::Term(kind, name), Part::Edited(edited)) => {
                in_part(self.term_pages(*kind, name, Some(edited)))
            }
            (Unit::Paths, Part::Edited(edited)) => {
                let ids: Vec<usize> = edited.iter().map(|&(i, _)| i).collect();
                in_part(crate::render::maps::pages(
                    self.site,
                    self.theme,
                    self.sv,
                    Some(&ids),
                ))
            }
            (Unit::SearchIndex, Part::Edited(edited)) => Ok(self.search_index(Some(edited))),
            (Unit::Assess, Part::Edited(edited)) => {
                let ids: Vec<usize> = edited.iter().map(|&(i, _)| i).collect();
                in_part(crate::render::assess::pages(
                    self.site,
                    self.theme,
                    self.sv,
                    Some(&ids),
                ))
            }
            // One page: rendered whole, from the ranges kept.
            (Unit::Salaries, Part::Edited(edited)) => {
                self.salary_overview(Some(edited)).map(Rendering::whole)
            }
            (Unit::SalaryFamily(slug), Part::Edited(edited)) => {
                self.salary_family(slug, Some(edited))
            }
            (Unit::SearchIndex, Part::All) => Ok(self.search_index(None)),
            _ => self.render(unit).map(Rendering::whole),
        }
    }

    /// Renders one unit into its pages.
    pub fn render(&self, unit: &Unit) -> Result<Vec<Page>, Diagnostic> {
        let (site, theme, sv) = (self.site, self.theme, self.sv);
        let one = |p: Result<Page, Diagnostic>| p.map(|p| vec![p]);
        let file = |route: Route<'_>, bytes: Vec<u8>| {
            Ok(vec![Page {
                path: route.file(),
                bytes,
            }])
        };
        match unit {
            Unit::Index => self.index_pages(),
            Unit::NotFound => one(render_one(
                theme,
                "404.html",
                &PlainContext {
                    site: &sv.at(&PageLinks::of(&Route::NotFound, &site.base)),
                    page: page(
                        site,
                        &Route::NotFound,
                        theme.strings.text("not_found.title"),
                        site.config.description.clone(),
                        PageKind::NotFound,
                    ),
                },
                Route::NotFound.file(),
            )),
            Unit::Paths => crate::render::maps::pages(site, theme, sv, None),
            Unit::Moves(slug) => match site.index_of(slug) {
                Some(a) => {
                    crate::render::transitions::pages_from(site, theme, sv, self.levels(), a)
                }
                None => Ok(Vec::new()),
            },
            Unit::SkillIndex => crate::render::skills::index_pages(site, theme, sv),
            Unit::Skill(key) => match site.skills.by_key(key) {
                Some(s) => crate::render::skills::skill_pages(site, theme, sv, s),
                None => Ok(Vec::new()),
            },
            Unit::Assess => crate::render::assess::pages(site, theme, sv, None),
            Unit::Salaries => self.salary_overview(None),
            Unit::SalaryFamily(slug) => self.salary_family(slug, None).map(|r| r.pages),
            Unit::Search => self.search_pages(None),
            Unit::Terms(kind) => self.terms_pages(*kind),
            Unit::Term(kind, name) => self.term_pages(*kind, name, None),
            Unit::Sitemap => Ok(crate::render::feeds::sitemaps(site, &sitemap(site))),
            Unit::Robots => file(Route::Robots, crate::render::feeds::robots(site)),
            Unit::Feed => file(Route::Feed, crate::render::feeds::atom(site)),
            Unit::Api => file(
                Route::GuideList,
                crate::render::feeds::api(site, |i| self.cards.api_entry(site, i)),
            ),
            Unit::SkillApi => file(Route::SkillList, crate::render::feeds::api_skills(site)),
            Unit::SearchIndex => Ok(self.search_index(None).pages),
            Unit::Aliases => Ok(alias_pages(site, &theme.strings)),
            Unit::Statics => Ok(statics(site, theme)),
        }
    }
}

/// Every page the sitemap lists, sorted by URL, with its last change:
/// every page of every list split into pages, each guide, paths and
/// salaries.
pub(crate) fn sitemap(site: &Site) -> Vec<SitemapEntry<'_>> {
    let all = newest(site, 0..site.guides.len());
    let per_page = site.config.paginate;
    let mut out: Vec<(Route<'_>, Option<Date>)> = Vec::new();
    let term_dates: std::collections::HashMap<(&str, &str), Option<Date>> = Kind::ALL
        .into_iter()
        .flat_map(|k| site.terms.of(k).map(move |(_, t)| (k, t)))
        .map(|(k, t)| {
            (
                (k.key(), t.slug.as_str()),
                newest(site, t.guides.iter().copied()),
            )
        })
        .collect();
    let skill_dates: std::collections::HashMap<&str, Option<Date>> = site
        .skills
        .skills
        .iter()
        .filter_map(|s| {
            let slug = s.slug.as_deref()?;
            Some((slug, newest(site, s.guides.iter().chain(&s.gaps).copied())))
        })
        .collect();
    for (of, entries) in paginate::lists(site) {
        let lastmod = match of {
            Listing::Term { kind_key, slug } => {
                term_dates.get(&(kind_key, slug)).copied().flatten()
            }
            Listing::Skill(slug) => skill_dates.get(slug).copied().flatten(),
            _ => all,
        };
        let pages = (1..=paginate::page_count(entries, per_page)).map(|k| (of.page(k), lastmod));
        out.extend(pages);
    }
    for g in &site.guides {
        out.push((Route::Guide(&g.slug), g.front.updated));
    }
    for route in [Route::Paths, Route::Salaries, Route::Assess] {
        out.push((route, all));
    }
    for f in crate::render::salaries::families(site) {
        let changed = newest(site, f.guides.iter().copied());
        out.extend((1..=f.pages()).map(|p| (f.route(p), changed)));
    }
    for (_, t) in site.terms.of(Kind::Family) {
        let newest = newest(site, t.guides.iter().copied());
        out.push((Route::FamilyPaths(&t.slug), newest));
    }
    for (a, b) in crate::render::career::moves(site) {
        let changed = newest(site, [a, b]);
        out.push((crate::render::career::route(site, a, b), changed));
    }
    let mut out: Vec<SitemapEntry<'_>> = out
        .into_iter()
        .map(|(route, lastmod)| SitemapEntry {
            path: route.url_path(),
            route,
            lastmod,
        })
        .collect();
    // Each page is listed once, so no two paths are equal.
    out.sort_unstable_by(|a, b| a.path.cmp(&b.path));
    out
}

fn statics(site: &Site, theme: &Theme) -> Vec<Page> {
    let mut pages: Vec<Page> = theme
        .statics
        .iter()
        .map(|(path, bytes)| Page {
            path: Route::Static(path).file(),
            bytes: bytes.clone(),
        })
        .collect();
    pages.push(Page {
        path: Route::NoJekyll.file(),
        bytes: Vec::new(),
    });
    if let Some(cname) = &site.config.cname {
        pages.push(Page {
            path: Route::Cname.file(),
            bytes: format!("{}\n", cname.trim()).into_bytes(),
        });
    }
    pages
}

/// Renders `units` in parallel, handing each page to `sink` as soon as its
/// unit is done: a unit is at most a list's pages, a guide's moves or a
/// skill's pages, so a build holds a few of those at a time rather than
/// all (hundreds of thousands of moves at 100,000 guides).
/// Template errors are collected, each once; the sink's own errors stop
/// the work.
pub fn render_units<E: Send>(
    cx: &UnitContext<'_>,
    units: &[Unit],
    sink: impl Fn(&Unit, Vec<Page>) -> Result<(), E> + Sync,
) -> Result<Vec<Diagnostic>, E> {
    let errors = std::sync::Mutex::new(Vec::new());
    let note = |d: Diagnostic| {
        let mut errors = errors.lock().unwrap_or_else(PoisonError::into_inner);
        if !errors.contains(&d) {
            errors.push(d);
        }
    };
    let each = |u: &Unit, pages: Result<Vec<Page>, Diagnostic>| match pages {
        Ok(pages) if pages.is_empty() => Ok(()),
        Ok(pages) => sink(u, pages),
        Err(d) => {
            note(d);
            Ok(())
        }
    };
    units
        .par_iter()
        .with_max_len(1)
        .try_for_each(|u| each(u, cx.render(u)))?;
    Ok(errors.into_inner().unwrap_or_else(PoisonError::into_inner))
}

/// Renders `units` in parallel, each whole or in part, and keeps their
/// pages, by unit, in the order of `units`: for callers that hold the site
/// in memory. On failure, every template error, each once.
#[allow(clippy::type_complexity)]
pub fn collect_units(
    cx: &UnitContext<'_>,
    units: Vec<(Unit, Part)>,
) -> Result<Vec<(Unit, Part, Vec<Page>)>, Vec<Diagnostic>> {
    let timed = collect_units_timed(cx, units)?;
    Ok(timed
        .into_iter()
        .map(|t| (t.unit, t.part, t.pages))
        .collect())
}

/// Each guide's place (by index into `site.guides`) among all the site's
/// guides by title, then slug: sorting by it sorts as the lists show.
pub(crate) fn title_ranks(site: &Site) -> Vec<u32> {
    let mut rank = vec![0u32; site.guides.len()];
    for (place, i) in crate::render::search::title_order(site)
        .into_iter()
        .enumerate()
    {
        rank[i] = place as u32;
    }
    rank
}

/// What rendering a unit, whole or in part, gave.
#[derive(Debug)]
pub struct Rendering {
    /// The pages rendered.
    pub pages: Vec<Page>,
    /// Whether `pages` are all the unit's pages: a unit asked for in part
    /// may have had to render whole.
    pub whole: bool,
    /// Output paths of pages the unit made before and no longer makes,
    /// when it rendered in part (a search index shard whose last word
    /// went); a unit rendered whole makes what it makes.
    pub gone: Vec<String>,
}

impl Rendering {
    /// Every page of a unit.
    fn whole(pages: Vec<Page>) -> Rendering {
        Rendering {
            pages,
            whole: true,
            gone: Vec::new(),
        }
    }

    /// Some pages of a unit, the others as last rendered but `gone`.
    fn part(pages: Vec<Page>, gone: Vec<String>) -> Rendering {
        Rendering {
            pages,
            whole: false,
            gone,
        }
    }
}

/// A unit rendered: what was asked ([`Part::All`] when it rendered whole),
/// what it gave, and how long it took.
#[derive(Debug)]
pub(crate) struct TimedUnit {
    pub(crate) unit: Unit,
    pub(crate) part: Part,
    pub(crate) pages: Vec<Page>,
    /// As in [`Rendering::gone`].
    pub(crate) gone: Vec<String>,
    pub(crate) took: std::time::Duration,
}

/// [`collect_units`], with how long each unit took to render and the pages
/// units rendered in part no longer make.
pub(crate) fn collect_units_timed(
    cx: &UnitContext<'_>,
    units: Vec<(Unit, Part)>,
) -> Result<Vec<TimedUnit>, Vec<Diagnostic>> {
    let rendered: Vec<(Result<Rendering, Diagnostic>, std::time::Duration)> = units
        .par_iter()
        .with_max_len(1)
        .map(|(u, part)| {
            let start = std::time::Instant::now();
            let pages = cx.render_part(u, part);
            (pages, start.elapsed())
        })
        .collect();
    let mut out = Vec::with_capacity(units.len());
    let mut errors = Vec::new();
    for ((unit, part), (r, took)) in units.into_iter().zip(rendered) {
        match r {
            Ok(r) => out.push(TimedUnit {
                unit,
                part: if r.whole { Part::All } else { part },
                pages: r.pages,
                gone: r.gone,
                took,
            }),
            Err(d) if !errors.contains(&d) => errors.push(d),
            Err(_) => {}
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// A redirect page for every alias: a meta refresh plus a canonical link, so
/// old URLs keep working on static hosts without server-side redirects. The
/// refresh and the link are relative to the alias's own folder, so they
/// lead to the guide wherever the site is served; the canonical link is the
/// guide's absolute URL.
pub fn alias_pages(site: &Site, strings: &crate::render::i18n::Strings) -> Vec<Page> {
    use crate::util::html::escape_html;
    let mut out = Vec::new();
    // The sentence with a mark where the link goes: the translation
    // decides where the title sits, the link is written here.
    const MARK: &str = "\u{1}";
    let moved = escape_html(&strings.with("redirect.moved", "title", MARK));
    let lang = escape_html(&site.config.language);
    // As base.html writes it: `dir` only where it is not the default.
    let dir = match crate::render::i18n::format::direction(&site.config.language) {
        "rtl" => " dir=\"rtl\"",
        _ => "",
    };
    for g in &site.guides {
        let route = Route::Guide(&g.slug);
        let canonical = escape_html(&site.base.absolute(&route));
        let title = escape_html(&g.front.title);
        let heading = escape_html(&strings.with("redirect.title", "title", &g.front.title));
        for alias in &g.front.aliases {
            let alias = Route::Alias(alias);
            let link = escape_html(&PageLinks::of(&alias, &site.base).to(&route));
            let text = moved.replace(MARK, &format!("<a href=\"{link}\">{title}</a>"));
            let html = format!(
                "<!DOCTYPE html>\n<html lang=\"{lang}\"{dir}>\n<head>\n<meta charset=\"utf-8\">\n\
                 <title>{heading}</title>\n<meta name=\"robots\" content=\"noindex\">\n\
                 <link rel=\"canonical\" href=\"{canonical}\">\n<meta http-equiv=\"refresh\" content=\"0; url={link}\">\n\
                 </head>\n<body>\n<p>{text}</p>\n</body>\n</html>\n",
            );
            out.push(Page {
                path: alias.file(),
                bytes: html.into_bytes(),
            });
        }
    }
    out
}

/// The slugs under `salaries/` of the families front matter `f` puts a
/// guide in: its families' term slugs, or the page of guides without one.
pub(crate) fn salary_family_slugs<'s>(site: &'s Site, f: &FrontMatter) -> Vec<&'s str> {
    let names = Kind::Family.names_of(f);
    if names.is_empty() {
        return vec![crate::util::layout::SALARIES_NO_FAMILY];
    }
    names
        .into_iter()
        .filter_map(|n| site.terms.slug(Kind::Family, n))
        .collect()
}
