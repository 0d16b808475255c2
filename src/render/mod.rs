//! Rendering: the resolved site and a theme in, page bytes out.
//!
//! Pages are independent, so guide pages render in parallel; each gets a
//! small context built from its own guide. Nothing here touches the disk.

pub(crate) mod assess;
pub mod cards;
pub(crate) mod career;
pub(crate) mod feeds;
pub(crate) mod graph;
pub mod i18n;
pub(crate) mod jsonld;
pub mod langs;
pub(crate) mod lists;
pub(crate) mod maplayout;
pub(crate) mod maps;
pub(crate) mod mapsvg;
pub mod markdown;
pub mod money;
pub(crate) mod page;
pub mod paginate;
pub mod routes;
pub mod rubric;
pub(crate) mod salaries;
pub(crate) mod salary_pages;
pub(crate) mod search;
pub(crate) mod skills;
pub(crate) mod terms;
pub mod theme;
pub(crate) mod transitions;
pub mod units;
pub mod view;

use crate::diag::Diagnostic;
use crate::render::theme::Theme;
use crate::render::view::{GuideView, PageKind, PageView, SiteView};
use crate::site::Site;
use crate::util::layout::{PageLinks, Route};
use cards::Cards;
use rayon::prelude::*;
use serde::Serialize;
use units::UnitContext;

pub use page::site_view;
use page::{collect, page_view, render_one};
pub use page::{Page, RenderOptions, Sink};

#[derive(Serialize)]
struct GuideContext<'a> {
    site: &'a SiteView<'a>,
    page: PageView,
    guide: GuideView,
}

/// Renders the page of guide `i`.
pub fn guide_page(
    site: &Site,
    theme: &Theme,
    sv: &SiteView<'_>,
    i: usize,
) -> Result<Page, Diagnostic> {
    let g = &site.guides[i];
    let route = Route::Guide(&g.slug);
    let links = PageLinks::of(&route, &site.base);
    let reserved: Vec<&str> = theme.guide_ids.iter().map(String::as_str).collect();
    let mut guide = GuideView::with_links(site, i, &links, &reserved, &theme.strings);
    guide.map_svg = maps::near_svg(site, i, &links, &theme.strings);
    let page = page_view(
        site,
        &route,
        guide.title.clone(),
        guide.summary_text.clone(),
        PageKind::Guide,
    );
    render_one(
        theme,
        "guide.html",
        &GuideContext {
            site: &sv.at(&links),
            page,
            guide,
        },
        route.file(),
    )
}

/// The JSON record of guide `i`, published beside its page.
pub fn guide_data(site: &Site, i: usize) -> Page {
    Page {
        path: Route::GuideData(&site.guides[i].slug).file(),
        bytes: crate::render::feeds::api_guide(site, i),
    }
}

/// Renders every page that is not a guide page: the index, the 404 page,
/// alias redirects, static files and every other [`Unit`], in no
/// particular order.
pub fn site_pages(
    site: &Site,
    theme: &Theme,
    sv: &SiteView<'_>,
) -> Result<Vec<Page>, Vec<Diagnostic>> {
    let cards = Cards::new(site.guides.len());
    let cx = UnitContext::new(site, theme, sv, &cards);
    let all = units::units(site)
        .into_iter()
        .map(|u| (u, units::Part::All))
        .collect();
    let units = units::collect_units(&cx, all)?;
    Ok(units.into_iter().flat_map(|(_, _, p)| p).collect())
}

/// Renders every page of the site, sorted by path: each guide page (in
/// parallel) and JSON record, plus [`site_pages`].
pub fn render(
    site: &Site,
    theme: &Theme,
    opts: RenderOptions,
) -> Result<Vec<Page>, Vec<Diagnostic>> {
    let sv = site_view(site, opts);
    let results: Vec<Result<Page, Diagnostic>> = (0..site.guides.len())
        .into_par_iter()
        .map(|i| guide_page(site, theme, &sv, i))
        .collect();
    let mut pages = Vec::with_capacity(results.len() + 8);
    let mut errors = Vec::new();
    collect(results, &mut pages, &mut errors);
    pages.extend((0..site.guides.len()).map(|i| guide_data(site, i)));
    match site_pages(site, theme, &sv) {
        Ok(p) => pages.extend(p),
        Err(d) => errors.extend(d),
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(pages)
}

/// Renders every page of the site like [`render`], handing each page to
/// `sink` as soon as it is rendered instead of keeping them, so a build of a
/// large site never holds all its pages in memory. Template errors come back
/// as [`crate::diag::Invalid`]; the sink's own errors (I/O) as they are.
pub fn render_to(
    site: &Site,
    theme: &Theme,
    opts: RenderOptions,
    sink: Sink<'_>,
) -> anyhow::Result<usize> {
    let sv = site_view(site, opts);
    let errors = std::sync::Mutex::new(Vec::new());
    let note = |d: Diagnostic| {
        let mut errors = errors
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        // The same template error would repeat for every guide.
        if !errors.contains(&d) {
            errors.push(d);
        }
    };
    let cards = Cards::new(site.guides.len());
    let cx = UnitContext::new(site, theme, &sv, &cards);
    let files = std::sync::atomic::AtomicUsize::new(2 * site.guides.len());
    let units = units::units(site);
    // Guide pages and site-wide units share the thread pool, so a costly
    // unit runs beside guide pages instead of after all of them.
    let (guides, unit_errors) = rayon::join(
        || {
            (0..site.guides.len()).into_par_iter().try_for_each(|i| {
                match guide_page(site, theme, &sv, i) {
                    Ok(page) => {
                        sink(&page)?;
                        sink(&guide_data(site, i))
                    }
                    Err(d) => {
                        note(d);
                        Ok(())
                    }
                }
            })
        },
        || {
            units::render_units(&cx, &units, |_, pages| {
                files.fetch_add(pages.len(), std::sync::atomic::Ordering::Relaxed);
                pages.iter().try_for_each(sink)
            })
        },
    );
    guides?;
    unit_errors?.into_iter().for_each(note);
    let files = files.into_inner();
    let mut errors = errors
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if !errors.is_empty() {
        crate::diag::sort(&mut errors);
        return Err(crate::diag::Invalid(errors).into());
    }
    Ok(files)
}
