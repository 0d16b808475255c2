//! The salary pages: `salaries/`, an overview of every comparable group by
//! level across roles, and `salaries/<family>/` (paginated), each role of
//! one job family with its ranges side by side.
//!
//! In: the site and the theme. Out: the pages, rendered from
//! `salaries.html` and `salary_family.html`. The overview stays small
//! however many guides there are (its size grows with the levels and
//! families, not the roles); each family page lists at most
//! [`ROLES_PER_PAGE`] roles.

use crate::diag::Diagnostic;
use crate::guide::levels::LevelOrder;
use crate::render::i18n::Arg;
use crate::render::page::{page_view, render_one, Page};
use crate::render::paginate;
use crate::render::salaries::{
    self, family_page, Family, FamilyLink, FamilySummary, LevelGroup, RoleGroup, ROLES_PER_PAGE,
};
use crate::render::theme::Theme;
use crate::render::view::{PageKind, PageView, SiteView};
use crate::site::terms::Kind;
use crate::site::Site;
use crate::util::layout::{PageLinks, Route};
use serde::Serialize;

#[derive(Serialize)]
struct OverviewContext<'a> {
    site: &'a SiteView<'a>,
    page: PageView,
    groups: Vec<LevelGroup>,
    families: Vec<FamilyLink>,
}

/// Links between the pages of one family.
#[derive(Serialize)]
struct Pagination {
    /// This page, from 1.
    page: usize,
    /// How many pages.
    pages: usize,
    prev_url: Option<String>,
    next_url: Option<String>,
    /// Every page's link, in order.
    urls: Vec<String>,
}

#[derive(Serialize)]
struct FamilyView {
    name: String,
    /// The family's own page (its guides), when it is a family.
    url: Option<String>,
    /// How many roles of the family give salary figures.
    roles: usize,
}

#[derive(Serialize)]
struct FamilyContext<'a> {
    site: &'a SiteView<'a>,
    page: PageView,
    family: FamilyView,
    overview_url: String,
    pagination: Pagination,
    groups: Vec<RoleGroup>,
}

/// `salaries/`, the overview, with every level group across roles and a
/// link to each family's pages. `ranges` are those of the site's guides
/// ([`salaries::Ranges`]), `families` those of [`salaries::families`].
pub(crate) fn overview_page(
    site: &Site,
    theme: &Theme,
    sv: &SiteView<'_>,
    ranges: &salaries::Ranges,
    families: &[Family<'_>],
) -> Result<Page, Diagnostic> {
    let links = PageLinks::of(&Route::Salaries, &site.base);
    let strings = &*theme.strings;
    let (groups, family_links) = salaries::overview(ranges, families, &links, strings);
    render_one(
        theme,
        "salaries.html",
        &OverviewContext {
            site: &sv.at(&links),
            page: page_view(
                site,
                &Route::Salaries,
                theme.strings.text("salaries.title"),
                strings.text("meta.salaries"),
                PageKind::Salaries,
            ),
            groups,
            families: family_links,
        },
        Route::Salaries.file(),
    )
}

/// The pages of one family's comparison, `salaries/<family>/` and its
/// further pages (`only` those, numbered from 1, when given), showing
/// `summary` ([`FamilySummary::of`] the family).
pub(crate) fn family_pages(
    site: &Site,
    theme: &Theme,
    sv: &SiteView<'_>,
    order: &LevelOrder,
    f: &Family<'_>,
    summary: &FamilySummary,
    only: Option<&std::collections::BTreeSet<usize>>,
) -> Result<Vec<Page>, Diagnostic> {
    let strings = &*theme.strings;
    let pages = f.pages();
    debug_assert!(f.guides.len() <= pages * ROLES_PER_PAGE);
    let family_url = f.name.and_then(|name| {
        site.terms
            .of(Kind::Family)
            .find(|(n, _)| n.as_str() == name)
            .map(|(_, t)| Kind::Family.term(&t.slug))
    });
    let mut out = Vec::with_capacity(pages);
    for p in 1..=pages {
        if only.is_some_and(|only| !only.contains(&p)) {
            continue;
        }
        let route = f.route(p);
        let links = PageLinks::of(&route, &site.base);
        let name = f.title(strings);
        let title = strings.get(
            "meta.salary_family_title",
            None,
            &[("family", Arg::Str(&name))],
        );
        let title = paginate::title(&title, p, pages, strings);
        let link = |n: usize| links.to(&f.route(n));
        out.push(render_one(
            theme,
            "salary_family.html",
            &FamilyContext {
                site: &sv.at(&links),
                page: page_view(
                    site,
                    &route,
                    title,
                    strings.get(
                        "meta.salary_family",
                        Some(f.guides.len() as f64),
                        &[("family", Arg::Str(&name))],
                    ),
                    PageKind::Salaries,
                ),
                family: FamilyView {
                    name: name.clone(),
                    url: family_url.as_ref().map(|r| links.to(r)),
                    roles: f.guides.len(),
                },
                overview_url: links.to(&Route::Salaries),
                pagination: Pagination {
                    page: p,
                    pages,
                    prev_url: (p > 1).then(|| link(p - 1)),
                    next_url: (p < pages).then(|| link(p + 1)),
                    urls: (1..=pages).map(link).collect(),
                },
                groups: family_page(site, order, f, summary, p, &links, strings),
            },
            route.file(),
        )?);
    }
    Ok(out)
}
