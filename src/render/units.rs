//! Site-wide pages: the index, career paths, salaries, taxonomy pages,
//! search, the publishing files (sitemap, robots, feed, API, search index),
//! alias redirects and static files, each an independent [`Unit`].

use crate::diag::Diagnostic;
use crate::guide::model::{Date, FrontMatter};
use crate::render::cards::Cards;
use crate::render::graph::{self, PathRoleView};
use crate::render::page::{page_view as page, render_one, Page};
use crate::render::salaries::{self, SalaryGroup};
use crate::render::terms::GuideCard;
use crate::render::terms::{self, KindView, TermSummary, TermView};
use crate::render::theme::Theme;
use crate::render::view::{families, FamilyView, PageKind, PageView, SiteView};
use crate::site::terms::Kind;
use crate::site::Site;
use crate::util::layout::{PageLinks, Route};
use rayon::prelude::*;
use serde::Serialize;
use std::sync::PoisonError;

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
    let links = PageLinks::of(&Route::Paths, &site.base);
    render_one(
        theme,
        "paths.html",
        &PathsContext {
            site: &sv.at(&links),
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
            graph_svg: graph::svg(site, &links, &g),
            roles: graph::text_list(site, &links, &g),
            plain_count,
        },
        Route::Paths.file(),
    )
}

fn salaries_page(site: &Site, theme: &Theme, sv: &SiteView<'_>) -> Result<Page, Diagnostic> {
    let links = PageLinks::of(&Route::Salaries, &site.base);
    render_one(
        theme,
        "salaries.html",
        &SalariesContext {
            site: &sv.at(&links),
            page: page(
                site,
                &Route::Salaries,
                "Salaries compared".into(),
                "Salary ranges of every role by level, compared within each currency and pay period."
                    .into(),
                PageKind::Salaries,
            ),
            groups: salaries::groups(site, &links),
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
    /// The search index: `search-index.json` and its shards and records
    /// under `search-index/`.
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
    /// The cards of guides `ids` as the page with `links` lists them, by
    /// title.
    fn cards(
        &self,
        links: &PageLinks,
        ids: impl IntoIterator<Item = usize>,
    ) -> Result<Vec<GuideCard>, Diagnostic> {
        let mut cards = ids
            .into_iter()
            .map(|i| self.cards.get(self.site, self.theme, links, i))
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
                    site: &sv.at(&PageLinks::of(&Route::NotFound, &site.base)),
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
            Unit::Search => one(self.search()),
            Unit::Terms(kind) => one(terms_page(site, theme, sv, *kind)),
            Unit::Term(kind, name) => Ok(self.term_page(*kind, name)?.into_iter().collect()),
            Unit::Sitemap => file(
                Route::Sitemap,
                crate::render::feeds::sitemap(site, &sitemap(site)),
            ),
            Unit::Robots => file(Route::Robots, crate::render::feeds::robots(site)),
            Unit::Feed => file(Route::Feed, crate::render::feeds::atom(site)),
            Unit::Api => file(Route::GuideList, crate::render::feeds::api(site)),
            Unit::SearchIndex => Ok(crate::render::search::pages(site)),
            Unit::Aliases => Ok(alias_pages(site)),
            Unit::Statics => Ok(statics(site, theme)),
        }
    }

    fn search(&self) -> Result<Page, Diagnostic> {
        let site = self.site;
        let links = PageLinks::of(&Route::Search, &site.base);
        render_one(
            self.theme,
            "search.html",
            &SearchContext {
                site: &self.sv.at(&links),
                page: page(
                    site,
                    &Route::Search,
                    "Search".into(),
                    format!("Search the role guides of {}.", site.config.title),
                    PageKind::Search,
                ),
                guides: self.cards(&links, 0..site.guides.len())?,
            },
            Route::Search.file(),
        )
    }

    fn index(&self) -> Result<Page, Diagnostic> {
        let site = self.site;
        let links = PageLinks::of(&Route::Index, &site.base);
        // The index lays out its own cards: the macro's HTML is not needed.
        let cards = (0..site.guides.len())
            .map(|i| self.cards.plain(site, &links, i))
            .collect();
        render_one(
            self.theme,
            "index.html",
            &IndexContext {
                site: &self.sv.at(&links),
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
        let links = PageLinks::of(&route, &site.base);
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
                site: &self.sv.at(&links),
                page: page(site, &route, name.clone(), description, PageKind::Term),
                kind: terms::kind_view(&links, kind),
                term: TermView {
                    name: name.clone(),
                    slug: t.slug.clone(),
                    url: links.to(&route),
                    guides: self.cards(&links, t.guides.iter().copied())?,
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
    let links = PageLinks::of(&route, &site.base);
    render_one(
        theme,
        "terms.html",
        &TermsContext {
            site: &sv.at(&links),
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
            kind: terms::kind_view(&links, kind),
            terms: terms::summaries(site, &links, kind),
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
/// old URLs keep working on static hosts without server-side redirects. The
/// refresh and the link are relative to the alias's own folder, so they
/// lead to the guide wherever the site is served; the canonical link is the
/// guide's absolute URL.
pub fn alias_pages(site: &Site) -> Vec<Page> {
    let mut out = Vec::new();
    for g in &site.guides {
        let route = Route::Guide(&g.slug);
        let canonical = crate::util::html::escape_html(&site.base.absolute(&route));
        let title = crate::util::html::escape_html(&g.front.title);
        for alias in &g.front.aliases {
            let alias = Route::Alias(alias);
            let link =
                crate::util::html::escape_html(&PageLinks::of(&alias, &site.base).to(&route));
            let html = format!(
                "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
                 <title>Redirecting to {title}</title>\n<meta name=\"robots\" content=\"noindex\">\n\
                 <link rel=\"canonical\" href=\"{canonical}\">\n<meta http-equiv=\"refresh\" content=\"0; url={link}\">\n\
                 </head>\n<body>\n<p>This page has moved to <a href=\"{link}\">{title}</a>.</p>\n</body>\n</html>\n",
                lang = crate::util::html::escape_html(&site.config.language),
            );
            out.push(Page {
                path: alias.file(),
                bytes: html.into_bytes(),
            });
        }
    }
    out
}
