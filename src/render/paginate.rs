//! Lists split into pages, so that no page grows with the site.
//!
//! In: a list (a [`Listing`]: the home page's families, the search page's
//! guides, a kind's terms, a term's guides), how many entries it holds and
//! `paginate` from `site.yaml`. Out: how many pages it takes, the entries
//! of each page, the route of every page (page 1 at the list's own URL,
//! then `page/2/`, … from [`Listing::page`]) and the `pagination` context
//! a template receives: the page's number, the count, links to the
//! previous and next pages and a link to every page, or to the first, the
//! last and a window around this one when there are many.

use crate::render::i18n::{Arg, Strings};
use crate::render::page::page_view;
use crate::render::view::{PageKind, PageView};
use crate::site::terms::Kind;
use crate::site::Site;
use crate::util::layout::{Listing, PageLinks, Route};
use serde::Serialize;

/// With at most this many pages, every page gets a link; with more, the
/// first, the last and [`WINDOW`] pages either side of the current one.
const ALL_LINKS_UP_TO: usize = 9;

/// Pages linked either side of the current one in a long list.
const WINDOW: usize = 2;

/// How many pages a list of `items` entries takes at `per_page` a page:
/// at least one, so that an empty list still has its page.
pub(crate) fn page_count(items: usize, per_page: usize) -> usize {
    items.div_ceil(per_page.max(1)).max(1)
}

/// `items` cut into pages of `per_page`: [`page_count`] pages, the last one
/// possibly shorter, a single empty page for an empty list.
pub(crate) fn split<T>(items: Vec<T>, per_page: usize) -> Vec<Vec<T>> {
    let per_page = per_page.max(1);
    let mut pages = Vec::with_capacity(page_count(items.len(), per_page));
    let mut items = items.into_iter().peekable();
    while items.peek().is_some() {
        pages.push(items.by_ref().take(per_page).collect());
    }
    if pages.is_empty() {
        pages.push(Vec::new());
    }
    pages
}

/// How many entries the home page's overview lists: one per job family,
/// and one for the guides without a family, when there are any.
pub(crate) fn index_entries(site: &Site) -> usize {
    let families = site.terms.of(Kind::Family).count();
    let other = site.guides.iter().any(|g| g.front.family.is_none());
    families + usize::from(other)
}

/// Every list of `site` that is split into pages, with how many entries it
/// holds: the home page, the search page, each kind's index and each
/// term's page, the skill index and each skill's page (the guides listing
/// the skill, then those listing it as a gap).
pub(crate) fn lists(site: &Site) -> Vec<(Listing<'_>, usize)> {
    let mut out = vec![
        (Listing::Index, index_entries(site)),
        (Listing::Search, site.guides.len()),
    ];
    for kind in Kind::ALL {
        out.push((Listing::Kind(kind.key()), site.terms.of(kind).count()));
        out.extend(site.terms.of(kind).map(|(_, t)| {
            let of = Listing::Term {
                kind_key: kind.key(),
                slug: &t.slug,
            };
            (of, t.guides.len())
        }));
    }
    let skills = &site.skills;
    let paged = skills.paged();
    out.push((Listing::Skills, paged.len()));
    out.extend(paged.into_iter().filter_map(|s| {
        let skill = &skills.skills[s];
        let slug = skill.slug.as_deref()?;
        Some((Listing::Skill(slug), skill.guides.len() + skill.gaps.len()))
    }));
    out
}

/// `pagination` on a page of a list.
#[derive(Debug, Clone, Serialize)]
pub struct PaginationView {
    /// This page's number, from 1.
    pub number: usize,
    /// How many pages the list takes.
    pub count: usize,
    /// How many entries the whole list holds.
    pub total: usize,
    /// The position in the list of this page's first entry, from 1 (0 for
    /// an empty list).
    pub first_item: usize,
    /// The position of this page's last entry.
    pub last_item: usize,
    /// Link to the previous page; absent on the first.
    pub prev: Option<String>,
    /// Link to the next page; absent on the last.
    pub next: Option<String>,
    /// The page links to show, in order: every page, or the first, the last
    /// and a window around this one, with a gap (`number` absent) where
    /// pages are left out.
    pub pages: Vec<PageNumber>,
}

/// One entry of [`PaginationView::pages`].
#[derive(Debug, Clone, Serialize)]
pub struct PageNumber {
    /// The page's number; absent for a gap.
    pub number: Option<usize>,
    /// Link to the page (empty for a gap).
    pub url: String,
    /// Whether it is the page being rendered.
    pub current: bool,
}

/// The `pagination` of page `number` of `of`, a list of `total` entries at
/// `per_page` a page, with links as the page with `links` writes them.
pub(crate) fn view(
    links: &PageLinks,
    of: Listing<'_>,
    number: usize,
    total: usize,
    per_page: usize,
) -> PaginationView {
    let count = page_count(total, per_page);
    let link = |n: usize| links.to(&of.page(n));
    let first_item = if total == 0 {
        0
    } else {
        (number - 1) * per_page + 1
    };
    // Only the numbers shown are visited: a list of 10,000 pages would
    // otherwise cost 10,000 steps on each of its pages.
    let shown: Vec<usize> = if count <= ALL_LINKS_UP_TO {
        (1..=count).collect()
    } else {
        let window = number.saturating_sub(WINDOW).max(1)..=(number + WINDOW).min(count);
        let mut shown = vec![1];
        shown.extend(window);
        shown.push(count);
        shown.dedup();
        shown
    };
    let mut pages = Vec::with_capacity(shown.len() + 2);
    let mut last_shown = 0;
    for n in shown {
        if n > last_shown + 1 {
            pages.push(PageNumber {
                number: None,
                url: String::new(),
                current: false,
            });
        }
        pages.push(PageNumber {
            number: Some(n),
            url: link(n),
            current: n == number,
        });
        last_shown = n;
    }
    PaginationView {
        number,
        count,
        total,
        first_item,
        last_item: (number * per_page).min(total),
        prev: (number > 1).then(|| link(number - 1)),
        next: (number < count).then(|| link(number + 1)),
        pages,
    }
}

/// A page's title: the list's title, and on pages after the first, which
/// page it is, so that every page has a title of its own.
pub(crate) fn title(title: &str, number: usize, count: usize, strings: &Strings) -> String {
    if number <= 1 {
        title.to_string()
    } else {
        let n = |x: usize| Arg::Num(x as f64);
        strings.get(
            "pagination.title",
            None,
            &[
                ("title", Arg::Str(title)),
                ("number", n(number)),
                ("count", n(count)),
            ],
        )
    }
}

/// One page of a list: its route, links, `page` view and `pagination`.
pub(crate) struct Slot<'a> {
    pub(crate) route: Route<'a>,
    pub(crate) links: PageLinks,
    pub(crate) page: PageView,
    pub(crate) pagination: PaginationView,
}

/// The slot of page `number` (from 1) of `of`, a list of `total` entries.
pub(crate) fn slot<'a>(
    site: &Site,
    of: Listing<'a>,
    number: usize,
    total: usize,
    (heading, description, kind): (&str, &str, PageKind),
    strings: &Strings,
) -> Slot<'a> {
    let per_page = site.config.paginate;
    let route = of.page(number);
    let links = PageLinks::of(&route, &site.base);
    let pagination = view(&links, of, number, total, per_page);
    let page = page_view(
        site,
        &route,
        title(heading, number, pagination.count, strings),
        title(description, number, pagination.count, strings),
        kind,
    );
    Slot {
        route,
        links,
        page,
        pagination,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::util::layout::{BaseUrl, Route};

    #[test]
    fn pages_hold_every_entry_once() {
        assert_eq!(page_count(0, 50), 1);
        assert_eq!(page_count(50, 50), 1);
        assert_eq!(page_count(51, 50), 2);
        let pages = split((0..7).collect(), 3);
        assert_eq!(pages, vec![vec![0, 1, 2], vec![3, 4, 5], vec![6]]);
        assert_eq!(split(Vec::<u8>::new(), 3), vec![Vec::<u8>::new()]);
    }

    #[test]
    fn every_page_links_the_ends_and_its_window_in_order() {
        let of = Listing::Index;
        let links = PageLinks::of(&Route::Index, &BaseUrl::parse("/"));
        for count in 1..=30 {
            for number in 1..=count {
                let v = view(&links, of, number, count, 1);
                let rule = |n: usize| {
                    count <= ALL_LINKS_UP_TO || n == 1 || n == count || n.abs_diff(number) <= WINDOW
                };
                let numbers: Vec<usize> = v.pages.iter().filter_map(|p| p.number).collect();
                let expected: Vec<usize> = (1..=count).filter(|&n| rule(n)).collect();
                assert_eq!(numbers, expected, "page {number} of {count}");
                // A gap between two shown numbers is one ellipsis, never two.
                for w in v.pages.windows(2) {
                    match (w[0].number, w[1].number) {
                        (Some(a), Some(b)) => assert_eq!(b, a + 1, "page {number} of {count}"),
                        (None, None) => panic!("two gaps in a row on page {number} of {count}"),
                        _ => {}
                    }
                }
                let current: Vec<usize> = v
                    .pages
                    .iter()
                    .filter(|p| p.current)
                    .filter_map(|p| p.number)
                    .collect();
                assert_eq!(current, [number]);
            }
        }
    }

    #[test]
    fn long_lists_link_the_ends_and_a_window() {
        let of = Listing::Term {
            kind_key: "employers",
            slug: "acme",
        };
        let route = of.page(10);
        assert_eq!(route.url_path(), "employers/acme/page/10/");
        let links = PageLinks::of(&route, &BaseUrl::parse("/"));
        let v = view(&links, of, 10, 1000, 50);
        assert_eq!(v.count, 20);
        assert_eq!((v.first_item, v.last_item), (451, 500));
        let shown: Vec<Option<usize>> = v.pages.iter().map(|p| p.number).collect();
        let expected = [1, 0, 8, 9, 10, 11, 12, 0, 20];
        let expected: Vec<Option<usize>> = expected.iter().map(|&n| (n > 0).then_some(n)).collect();
        assert_eq!(shown, expected);
        assert_eq!(
            v.prev.as_deref(),
            Some("../../../../employers/acme/page/9/")
        );
        assert_eq!(v.pages[0].url, "../../../../employers/acme/");
        assert!(v.pages[4].current);
        let first = view(
            &PageLinks::of(&Route::Index, &BaseUrl::parse("/")),
            Listing::Index,
            1,
            3,
            50,
        );
        assert_eq!((first.count, first.prev, first.next), (1, None, None));
    }
}
