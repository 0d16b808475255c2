//! Site-wide pages beyond the index: career paths, salaries, taxonomy pages,
//! search, and the publishing files (sitemap, robots, feed, API, index).
//!
//! Called from [`crate::render::site_pages`], so incremental rebuilds redo
//! all of it after every edit.

use crate::diag::Diagnostic;
use crate::graph::{self, PathRoleView};
use crate::model::Date;
use crate::render::{page_view as page, render_one, Page};
use crate::salaries::{self, SalaryGroup};
use crate::site::Site;
use crate::taxonomy::{self, Kind, KindView, TermSummary, TermView};
use crate::theme::Theme;
use crate::view::{GuideCard, PageView, SiteView};
use rayon::prelude::*;
use serde::Serialize;

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
                "paths/",
                "Career paths".into(),
                format!(
                    "How the {} roles in {} lead to one another: every progression and transition.",
                    site.guides.len(),
                    site.config.title
                ),
                "paths",
            ),
            graph_svg: graph::svg(site, &g),
            roles: graph::text_list(site, &g),
            plain_count,
        },
        "paths/index.html".into(),
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
                "salaries/",
                "Salaries compared".into(),
                "Salary ranges of every role by level, compared within each currency and pay period."
                    .into(),
                "salaries",
            ),
            groups: salaries::groups(site),
        },
        "salaries/index.html".into(),
    )
}

/// Renders every site-wide page added on top of the index and 404 page, plus
/// `sitemap.xml` (which lists the index and the guides too).
pub fn extra_pages(
    site: &Site,
    theme: &Theme,
    sv: &SiteView<'_>,
) -> Result<Vec<Page>, Vec<Diagnostic>> {
    let mut results: Vec<Result<Page, Diagnostic>> = Vec::new();
    let all = newest(site, 0..site.guides.len());
    let mut sitemap: Vec<(String, Option<Date>)> = vec![(String::new(), all)];
    for g in &site.guides {
        sitemap.push((Site::guide_path(&g.slug), g.front.updated));
    }

    // Term pages list the same guides many times over: render each card once.
    let cards: Vec<GuideCard> = (0..site.guides.len())
        .into_par_iter()
        .map(|i| taxonomy::card(site, i))
        .collect();
    let ((paths, salaries), files) = rayon::join(
        || {
            rayon::join(
                || paths_page(site, theme, sv),
                || salaries_page(site, theme, sv),
            )
        },
        || {
            rayon::join(
                || (crate::feeds::api(site), crate::feeds::atom(site)),
                || crate::search::json(site),
            )
        },
    );
    results.push(paths);
    results.push(salaries);
    sitemap.push(("paths/".into(), all));

    sitemap.push(("salaries/".into(), all));

    for kind in Kind::ALL {
        let index_rel = format!("{}/", kind.key());
        results.push(render_one(
            theme,
            "terms.html",
            &TermsContext {
                site: sv,
                page: page(
                    site,
                    &index_rel,
                    kind.plural().into(),
                    format!(
                        "{} named in the guides of {}.",
                        kind.plural(),
                        site.config.title
                    ),
                    "terms",
                ),
                kind: taxonomy::kind_view(site, kind),
                terms: taxonomy::summaries(site, kind),
            },
            format!("{index_rel}index.html"),
        ));
        sitemap.push((index_rel, all));
        for (_, t) in site.terms.of(kind) {
            sitemap.push((
                format!("{}/{}/", kind.key(), t.slug),
                newest(site, t.guides.iter().copied()),
            ));
        }
        let term_pages: Vec<Result<Page, Diagnostic>> = taxonomy::term_views(site, kind, &cards)
            .into_par_iter()
            .map(|term| {
                let rel = format!("{}/{}/", kind.key(), term.slug);
                let n = term.guides.len();
                let description = format!(
                    "{n} role guide{} naming {} ({}).",
                    if n == 1 { "" } else { "s" },
                    term.name,
                    kind.singular().to_lowercase()
                );
                render_one(
                    theme,
                    "term.html",
                    &TermContext {
                        site: sv,
                        page: page(site, &rel, term.name.clone(), description, "term"),
                        kind: taxonomy::kind_view(site, kind),
                        term,
                    },
                    format!("{rel}index.html"),
                )
            })
            .collect();
        results.extend(term_pages);
    }

    let mut cards = cards;
    cards.sort_by(|a, b| a.title.cmp(&b.title).then(a.url.cmp(&b.url)));
    results.push(render_one(
        theme,
        "search.html",
        &SearchContext {
            site: sv,
            page: page(
                site,
                "search/",
                "Search".into(),
                format!("Search the role guides of {}.", site.config.title),
                "search",
            ),
            guides: cards,
        },
        "search/index.html".into(),
    ));
    sitemap.push(("search/".into(), all));

    let mut pages = Vec::new();
    let mut errors = Vec::new();
    crate::render::collect(results, &mut pages, &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    sitemap.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, bytes) in [
        ("sitemap.xml", crate::feeds::sitemap(site, &sitemap)),
        ("robots.txt", crate::feeds::robots(site)),
        ("feed.xml", files.0 .1),
        ("api/guides.json", files.0 .0),
        ("search-index.json", files.1),
    ] {
        pages.push(Page {
            path: path.into(),
            bytes,
        });
    }
    Ok(pages)
}
