//! Site-wide pages: the index, career paths, salaries, taxonomy pages,
//! search, the publishing files (sitemap, robots, feed, API, search index),
//! alias redirects and static files, each an independent [`Unit`].

use crate::diag::Diagnostic;
use crate::guide::model::{Date, FrontMatter};
use crate::render::graph::{self, PathRoleView};
use crate::render::page::{page_view as page, render_one, Page};
use crate::render::salaries::{self, SalaryGroup};
use crate::render::terms::GuideCard;
use crate::render::terms::{self, KindView, TermSummary, TermView};
use crate::render::theme::{Theme, CARD_TEMPLATE};
use crate::render::view::{families, FamilyView, PageKind, PageView, SiteView};
use crate::site::terms::Kind;
use crate::site::Site;
use crate::util::layout::Route;
use rayon::prelude::*;
use serde::Serialize;
use std::sync::{OnceLock, PoisonError};

#[derive(Serialize)]
struct IndexContext<'a> {
    site: &'a SiteView<'a>,
    page: PageView,
    families: Vec<FamilyView>,
    guide_count: usize,
}

#[derive(Serialize)]
struct PlainContext<'a> {
    site: &'a SiteView<'a>,
    page: PageView,
}

#[derive(Serialize)]
struct PathsContext<'a> {
    site: &'a SiteView<'a>,
    page: PageView,
    graph_svg: String,
    roles: Vec<PathRoleView>,
    plain_count: usize,
}

#[derive(Serialize)]
struct SalariesContext<'a> {
    site: &'a SiteView<'a>,
    page: PageView,
    groups: Vec<SalaryGroup>,
}

#[derive(Serialize)]
struct TermsContext<'a> {
    site: &'a SiteView<'a>,
    page: PageView,
    kind: KindView,
    terms: Vec<TermSummary>,
}

#[derive(Serialize)]
struct TermContext<'a> {
    site: &'a SiteView<'a>,
    page: PageView,
    kind: KindView,
    term: TermView,
}

#[derive(Serialize)]
struct SearchContext<'a> {
    site: &'a SiteView<'a>,
    page: PageView,
    guides: Vec<GuideCard>,
}

/// Newest `updated` among guides `ids`.
fn newest(site: &Site, ids: impl IntoIterator<Item = usize>) -> Option<Date> {
    ids.into_iter()
        .filter_map(|i| site.guides[i].front.updated)
        .max()
}

fn paths_page(site: &Site, theme: &Theme, sv: &SiteView<'_>) -> Result<Page, Diagnostic> {
    let g = graph::build(site);
    let plain_count = g.nodes.iter().filter(|n| n.guide.is_none()).count();
    render_one(
        theme,
        "paths.html",
        &PathsContext {
            site: sv,
            page: page(
                site,
                &Route::Paths,
                "Career paths".into(),
                format!(
                    "How the {} roles in {} lead to one another: every progression and transition.",
                    site.guides.len(),
                    site.config.title
                ),
                PageKind::Paths,
            ),
            graph_svg: graph::svg(site, &g),
            roles: graph::text_list(site, &g),
            plain_count,
        },
        Route::Paths.file(),
    )
}

fn salaries_page(site: &Site, theme: &Theme, sv: &SiteView<'_>) -> Result<Page, Diagnostic> {
    render_one(
        theme,
        "salaries.html",
        &SalariesContext {
            site: sv,
            page: page(
                site,
                &Route::Salaries,
                "Salaries compared".into(),
                "Salary ranges of every role by level, compared within each currency and pay period."
                    .into(),
                PageKind::Salaries,
            ),
            groups: salaries::groups(site),
        },
        Route::Salaries.file(),
    )
}

/// One site-wide output, rendered on its own: a page, a term page, a data
/// file, or a group of small files. Splitting the site-wide pages this way
/// lets a build stream each one to disk as soon as it is ready, and lets
/// `watch`/`serve` re-render only the units an edit can change
/// ([`Unit::reads`], [`Unit::shows`]).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Unit {
    /// `index.html`: every guide's card, grouped by family.
    Index,
    /// `404.html`.
    NotFound,
    /// `paths/`: the progression graph.
    Paths,
    /// `salaries/`: salary tables and charts.
    Salaries,
    /// `search/`: the search page with every card (works without JS).
    Search,
    /// The index page of one kind of term, e.g. `employers/`.
    Terms(Kind),
    /// The page of one term, by kind and name, e.g. `employers/sap/`.
    Term(Kind, String),
    /// `sitemap.xml`.
    Sitemap,
    /// `robots.txt`.
    Robots,
    /// `feed.xml`.
    Feed,
    /// `api/guides.json`, the list of guides (each guide's own record is
    /// written beside its page).
    Api,
    /// `search-index.json`.
    SearchIndex,
    /// A redirect page for every alias.
    Aliases,
    /// The theme's static files, `.nojekyll` and `CNAME`.
    Statics,
}

impl Unit {
    /// Whether this unit's output depends on guide `i` at all. Most units
    /// list every guide; a term page lists only the guides naming the term.
    pub fn shows(&self, site: &Site, i: usize) -> bool {
        match self {
            Unit::Term(kind, name) => site
                .terms
                .of(*kind)
                .any(|(n, t)| n == name && t.guides.binary_search(&i).is_ok()),
            Unit::NotFound | Unit::Robots | Unit::Statics => false,
            _ => true,
        }
    }

    /// Whether a guide whose front matter went from `a` to `b` may change
    /// this unit's output, given that the same guides are published under
    /// the same slugs with the same family, tag, employer and sector names
    /// (otherwise every unit is rendered again). Each arm lists the fields
    /// the unit's renderer reads; the incremental tests change every value
    /// of every field of a guide in turn and compare with a clean build, so
    /// a field missing here fails them.
    pub fn reads(&self, a: &FrontMatter, b: &FrontMatter) -> bool {
        let card = a.title != b.title || a.summary != b.summary;
        match self {
            Unit::Index | Unit::Search | Unit::Term(..) => card,
            Unit::Feed | Unit::Api => card || a.updated != b.updated,
            Unit::Sitemap => a.updated != b.updated,
            Unit::Salaries => a.title != b.title || a.salary != b.salary,
            Unit::Paths => a.title != b.title || a.progression != b.progression,
            Unit::SearchIndex => card || a.skills != b.skills || a.alt_titles != b.alt_titles,
            Unit::Aliases => a.title != b.title || a.aliases != b.aliases,
            Unit::NotFound | Unit::Terms(_) | Unit::Robots | Unit::Statics => false,
        }
    }
}

/// Every site-wide unit of `site`, in a fixed order with the costly ones
/// first, so that parallel rendering does not end waiting on one of them.
pub fn units(site: &Site) -> Vec<Unit> {
    let mut out = vec![
        Unit::Paths,
        Unit::Api,
        Unit::Salaries,
        Unit::SearchIndex,
        Unit::Index,
        Unit::Search,
        Unit::Feed,
        Unit::Sitemap,
    ];
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

/// Guide cards, each rendered at most once and shared by every unit that
/// lists the guide (the index, the search page, its term pages). `watch`
/// and `serve` keep one between rebuilds and forget only the cards of
/// edited guides.
#[derive(Debug, Default)]
pub struct Cards(Vec<OnceLock<Result<GuideCard, Diagnostic>>>);

impl Cards {
    /// An empty cache for a site of `n` guides.
    pub fn new(n: usize) -> Cards {
        Cards((0..n).map(|_| OnceLock::new()).collect())
    }

    /// Forgets the card of guide `i`, whose front matter changed.
    pub fn forget(&mut self, i: usize) {
        if let Some(c) = self.0.get_mut(i) {
            *c = OnceLock::new();
        }
    }

    /// Whether the cache was made for a site of `n` guides.
    pub fn fits(&self, n: usize) -> bool {
        self.0.len() == n
    }

    /// The card of guide `i`, with its HTML from the theme's `card` macro.
    fn get(&self, site: &Site, theme: &Theme, i: usize) -> Result<GuideCard, Diagnostic> {
        let make = || {
            let mut card = terms::card(site, i);
            let page = render_one(
                theme,
                CARD_TEMPLATE,
                &CardContext { g: &card },
                String::new(),
            )?;
            card.html = String::from_utf8(page.bytes).unwrap_or_default();
            Ok(card)
        };
        match self.0.get(i) {
            Some(c) => c.get_or_init(make).clone(),
            None => make(),
        }
    }
}

#[derive(Serialize)]
struct CardContext<'a> {
    g: &'a GuideCard,
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
}

impl UnitContext<'_> {
    fn cards(&self, ids: impl IntoIterator<Item = usize>) -> Result<Vec<GuideCard>, Diagnostic> {
        let mut cards = ids
            .into_iter()
            .map(|i| self.cards.get(self.site, self.theme, i))
            .collect::<Result<Vec<GuideCard>, Diagnostic>>()?;
        cards.sort_by(|a, b| a.title.cmp(&b.title).then(a.url.cmp(&b.url)));
        Ok(cards)
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
            Unit::Index => one(self.index()),
            Unit::NotFound => one(render_one(
                theme,
                "404.html",
                &PlainContext {
                    site: sv,
                    page: page(
                        site,
                        &Route::NotFound,
                        "Page not found".into(),
                        site.config.description.clone(),
                        PageKind::NotFound,
                    ),
                },
                Route::NotFound.file(),
            )),
            Unit::Paths => one(paths_page(site, theme, sv)),
            Unit::Salaries => one(salaries_page(site, theme, sv)),
            Unit::Search => one(render_one(
                theme,
                "search.html",
                &SearchContext {
                    site: sv,
                    page: page(
                        site,
                        &Route::Search,
                        "Search".into(),
                        format!("Search the role guides of {}.", site.config.title),
                        PageKind::Search,
                    ),
                    guides: self.cards(0..site.guides.len())?,
                },
                Route::Search.file(),
            )),
            Unit::Terms(kind) => one(terms_page(site, theme, sv, *kind)),
            Unit::Term(kind, name) => Ok(self.term_page(*kind, name)?.into_iter().collect()),
            Unit::Sitemap => file(
                Route::Sitemap,
                crate::render::feeds::sitemap(site, &sitemap(site)),
            ),
            Unit::Robots => file(Route::Robots, crate::render::feeds::robots(site)),
            Unit::Feed => file(Route::Feed, crate::render::feeds::atom(site)),
            Unit::Api => file(Route::GuideList, crate::render::feeds::api(site)),
            Unit::SearchIndex => file(Route::SearchIndex, crate::render::search::json(site)),
            Unit::Aliases => Ok(alias_pages(site)),
            Unit::Statics => Ok(statics(site, theme)),
        }
    }

    fn index(&self) -> Result<Page, Diagnostic> {
        let site = self.site;
        // The index lays out its own cards: leave the macro's HTML out.
        let cards = (0..site.guides.len())
            .map(|i| {
                let mut card = self.cards.get(site, self.theme, i)?;
                card.html = String::new();
                Ok(card)
            })
            .collect::<Result<Vec<GuideCard>, Diagnostic>>()?;
        render_one(
            self.theme,
            "index.html",
            &IndexContext {
                site: self.sv,
                page: page(
                    site,
                    &Route::Index,
                    site.config.title.clone(),
                    site.config.description.clone(),
                    PageKind::Index,
                ),
                families: families(site, cards),
                guide_count: site.guides.len(),
            },
            Route::Index.file(),
        )
    }

    /// The page of a term; none when no guide names it any more.
    fn term_page(&self, kind: Kind, name: &str) -> Result<Option<Page>, Diagnostic> {
        let site = self.site;
        let Some((name, t)) = site.terms.of(kind).find(|(n, _)| *n == name) else {
            return Ok(None);
        };
        let route = kind.term(&t.slug);
        let n = t.guides.len();
        let description = format!(
            "{n} role guide{} naming {name} ({}).",
            if n == 1 { "" } else { "s" },
            kind.singular().to_lowercase()
        );
        render_one(
            self.theme,
            "term.html",
            &TermContext {
                site: self.sv,
                page: page(site, &route, name.clone(), description, PageKind::Term),
                kind: terms::kind_view(site, kind),
                term: TermView {
                    name: name.clone(),
                    slug: t.slug.clone(),
                    url: site.base.link(&route),
                    guides: self.cards(t.guides.iter().copied())?,
                },
            },
            route.file(),
        )
        .map(Some)
    }
}

fn terms_page(
    site: &Site,
    theme: &Theme,
    sv: &SiteView<'_>,
    kind: Kind,
) -> Result<Page, Diagnostic> {
    let route = kind.index();
    render_one(
        theme,
        "terms.html",
        &TermsContext {
            site: sv,
            page: page(
                site,
                &route,
                kind.plural().into(),
                format!(
                    "{} named in the guides of {}.",
                    kind.plural(),
                    site.config.title
                ),
                PageKind::Terms,
            ),
            kind: terms::kind_view(site, kind),
            terms: terms::summaries(site, kind),
        },
        route.file(),
    )
}

/// Every page the sitemap lists, sorted by URL, with its last change.
fn sitemap(site: &Site) -> Vec<(Route<'_>, Option<Date>)> {
    let all = newest(site, 0..site.guides.len());
    let mut out: Vec<(Route<'_>, Option<Date>)> = vec![(Route::Index, all)];
    for g in &site.guides {
        out.push((Route::Guide(&g.slug), g.front.updated));
    }
    for route in [Route::Paths, Route::Salaries, Route::Search] {
        out.push((route, all));
    }
    for kind in Kind::ALL {
        out.push((kind.index(), all));
        for (_, t) in site.terms.of(kind) {
            out.push((kind.term(&t.slug), newest(site, t.guides.iter().copied())));
        }
    }
    out.sort_by_cached_key(|(route, _)| route.url_path());
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
/// unit is done. Template errors are collected, each once; the sink's own
/// errors stop the work.
pub fn render_units<E: Send>(
    cx: &UnitContext<'_>,
    units: &[Unit],
    sink: impl Fn(&Unit, Vec<Page>) -> Result<(), E> + Sync,
) -> Result<Vec<Diagnostic>, E> {
    let errors = std::sync::Mutex::new(Vec::new());
    units
        .par_iter()
        .with_max_len(1)
        .try_for_each(|u| match cx.render(u) {
            Ok(pages) => sink(u, pages),
            Err(d) => {
                let mut errors = errors.lock().unwrap_or_else(PoisonError::into_inner);
                if !errors.contains(&d) {
                    errors.push(d);
                }
                Ok(())
            }
        })?;
    Ok(errors.into_inner().unwrap_or_else(PoisonError::into_inner))
}

/// Renders `units` in parallel and keeps their pages, by unit, in the order
/// of `units`: for callers that hold the site in memory. On failure, every
/// template error, each once.
pub fn collect_units(
    cx: &UnitContext<'_>,
    units: &[Unit],
) -> Result<Vec<(Unit, Vec<Page>)>, Vec<Diagnostic>> {
    let rendered: Vec<Result<Vec<Page>, Diagnostic>> = units
        .par_iter()
        .with_max_len(1)
        .map(|u| cx.render(u))
        .collect();
    let mut out = Vec::with_capacity(units.len());
    let mut errors = Vec::new();
    for (unit, r) in units.iter().zip(rendered) {
        match r {
            Ok(pages) => out.push((unit.clone(), pages)),
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
/// old URLs keep working on static hosts without server-side redirects.
pub fn alias_pages(site: &Site) -> Vec<Page> {
    let mut out = Vec::new();
    for g in &site.guides {
        let target = site.base.absolute(&Route::Guide(&g.slug));
        let link = crate::util::html::escape_html(&target);
        let title = crate::util::html::escape_html(&g.front.title);
        for alias in &g.front.aliases {
            let html = format!(
                "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
                 <title>Redirecting to {title}</title>\n<meta name=\"robots\" content=\"noindex\">\n\
                 <link rel=\"canonical\" href=\"{link}\">\n<meta http-equiv=\"refresh\" content=\"0; url={link}\">\n\
                 </head>\n<body>\n<p>This page has moved to <a href=\"{link}\">{title}</a>.</p>\n</body>\n</html>\n",
                lang = crate::util::html::escape_html(&site.config.language),
            );
            out.push(Page {
                path: Route::Alias(alias).file(),
                bytes: html.into_bytes(),
            });
        }
    }
    out
}
