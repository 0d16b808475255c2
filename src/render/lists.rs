//! The pages of the lists that grow with the site: the home page's
//! overview of job families, the search page's list of every guide, each
//! kind's index of terms and each term's guides, every one split into
//! pages of `paginate` entries ([`crate::render::paginate`]).
//!
//! In: the resolved site, the theme and the card cache of a
//! [`UnitContext`]. Out: the pages of one list, first page first.

use crate::diag::Diagnostic;
use crate::render::i18n::Arg;
use crate::render::page::{render_one, Page};
use crate::render::paginate::{self, slot, PaginationView};
use crate::render::terms::{self, GuideCard, KindView, TermSummary, TermView};
use crate::render::units::UnitContext;
use crate::render::view::{FamilyView, PageKind, PageView, SiteView};
use crate::site::terms::Kind;
use crate::site::Site;
use crate::util::layout::{Listing, PageLinks, Route};
use serde::Serialize;

/// How many of a family's guides the home page names: the most recently
/// updated, so the overview shows what changed and each family's own
/// pages (A to Z) show the rest.
const INDEX_TOP: usize = 3;

#[derive(Serialize)]
struct IndexContext<'a> {
    site: &'a SiteView<'a>,
    page: PageView,
    families: Vec<FamilyView>,
    family_count: usize,
    guide_count: usize,
    all_url: String,
    pagination: PaginationView,
}

#[derive(Serialize)]
struct TermsContext<'a> {
    site: &'a SiteView<'a>,
    page: PageView,
    kind: KindView,
    terms: Vec<TermSummary>,
    term_count: usize,
    pagination: PaginationView,
}

#[derive(Serialize)]
struct TermContext<'a> {
    site: &'a SiteView<'a>,
    page: PageView,
    kind: KindView,
    term: TermView,
    pagination: PaginationView,
}

#[derive(Serialize)]
struct SearchContext<'a> {
    site: &'a SiteView<'a>,
    page: PageView,
    guides: Vec<GuideCard>,
    guide_count: usize,
    pagination: PaginationView,
}

/// Guides `ids` sorted as listing pages show them: by title, then slug
/// (the lists sort by each guide's place in this order, found once).
#[cfg(test)]
fn by_title(site: &Site, ids: Vec<usize>) -> Vec<usize> {
    by_title_then(site, ids, &[])
}

/// Guides `ids` sorted by title then slug, with the guides of `titles` sorted by the title given
/// there instead of their own.
fn by_title_then(site: &Site, mut ids: Vec<usize>, titles: &[(usize, String)]) -> Vec<usize> {
    let title = |i: usize| match titles.iter().find(|(j, _)| *j == i) {
        Some((_, t)) => t.as_str(),
        None => site.guides[i].front.title.as_str(),
    };
    ids.sort_by(|&a, &b| (title(a), &site.guides[a].slug).cmp(&(title(b), &site.guides[b].slug)));
    ids
}

/// Which pages of a list of guides in title order, `pages` (as now), to
/// render: every page without `edited`; with it (the guides whose entries
/// changed, with the titles they had when the list was last rendered), the
/// pages showing one of them and those whose guides are not the ones they
/// showed then.
fn pages_to_render(
    site: &Site,
    pages: &[Vec<usize>],
    edited: Option<&[(usize, String)]>,
) -> Vec<bool> {
    let Some(edited) = edited else {
        return vec![true; pages.len()];
    };
    let now: Vec<usize> = pages.iter().flatten().copied().collect();
    // When no title changed, the guides sorted then as they are now.
    let retitled = edited
        .iter()
        .any(|(i, title)| site.guides[*i].front.title != *title);
    let before = if retitled {
        by_title_then(site, now, edited)
    } else {
        now
    };
    let mut at = 0;
    pages
        .iter()
        .map(|ids| {
            let was = &before[at..at + ids.len()];
            at += ids.len();
            was != &ids[..] || ids.iter().any(|i| edited.iter().any(|(j, _)| j == i))
        })
        .collect()
}

impl UnitContext<'_> {
    /// Guides `ids` sorted as listing pages show them, by title then slug:
    /// by each guide's place among all the site's guides in that order,
    /// found once for every list: a summary edit renders
    /// twenty-odd term pages in part, and sorting each term's guides by
    /// their titles again showed in profiles.
    fn by_title(&self, mut ids: Vec<usize>) -> Vec<usize> {
        let rank = self.title_rank();
        ids.sort_unstable_by_key(|&i| rank[i]);
        ids
    }

    /// The cards of guides `ids`, in that order, as the page with `links`
    /// lists them.
    fn cards_in_order(
        &self,
        links: &PageLinks,
        ids: &[usize],
    ) -> Result<Vec<GuideCard>, Diagnostic> {
        ids.iter()
            .map(|&i| self.cards.get(self.site, self.theme, links, i))
            .collect()
    }

    /// The search page: every guide, A to Z, split into pages; with
    /// `edited`, only the pages [`pages_to_render`] picks.
    pub(crate) fn search_pages(
        &self,
        edited: Option<&[(usize, String)]>,
    ) -> Result<Vec<Page>, Diagnostic> {
        let site = self.site;
        let total = site.guides.len();
        let strings = &self.theme.strings;
        let description = strings.get(
            "search.description",
            None,
            &[("site", Arg::Str(&site.config.title))],
        );
        let title = strings.text("search.title");
        let ids = self.by_title((0..total).collect());
        let pages = paginate::split(ids, site.config.paginate);
        let mut out = Vec::with_capacity(pages.len());
        let render = pages_to_render(site, &pages, edited);
        for (k, ids) in pages.iter().enumerate().filter(|(k, _)| render[*k]) {
            let s = slot(
                site,
                Listing::Search,
                k + 1,
                total,
                (&title, &description, PageKind::Search),
                strings,
            );
            out.push(render_one(
                self.theme,
                "search.html",
                &SearchContext {
                    site: &self.sv.at(&s.links),
                    guides: self.cards_in_order(&s.links, ids)?,
                    page: s.page,
                    guide_count: total,
                    pagination: s.pagination,
                },
                s.route.file(),
            )?);
        }
        Ok(out)
    }

    /// The home page: each job family with its guide count and its most
    /// recently updated guides, linking to the family's own pages; the
    /// guides without a family last, linking to the search page's list of
    /// every guide. Long overviews are split into pages too.
    pub(crate) fn index_pages(&self) -> Result<Vec<Page>, Diagnostic> {
        let site = self.site;
        let all = self.families();
        let family_count = site.terms.of(Kind::Family).count();
        let total = all.len();
        let pages = paginate::split(all, site.config.paginate);
        let mut out = Vec::with_capacity(pages.len());
        for (k, entries) in pages.into_iter().enumerate() {
            let s = slot(
                site,
                Listing::Index,
                k + 1,
                total,
                (
                    &site.config.title,
                    &site.config.description,
                    PageKind::Index,
                ),
                &self.theme.strings,
            );
            let families = entries
                .into_iter()
                .map(|(name, route, ids)| {
                    let top = ids.iter().take(INDEX_TOP);
                    let guides = top.map(|&i| self.cards.plain(site, &s.links, i)).collect();
                    let (id, url) = match (&name, route) {
                        (Some(n), Some(r)) => (
                            format!("family-{}", crate::util::slug::slugify(n)),
                            s.links.to(&r),
                        ),
                        _ => ("family-other".into(), s.links.to(&Route::Search)),
                    };
                    FamilyView {
                        name: name.unwrap_or_else(|| self.theme.strings.text("index.other_roles")),
                        id,
                        url,
                        count: ids.len(),
                        guides,
                    }
                })
                .collect();
            out.push(render_one(
                self.theme,
                "index.html",
                &IndexContext {
                    site: &self.sv.at(&s.links),
                    families,
                    family_count,
                    guide_count: site.guides.len(),
                    all_url: s.links.to(&Route::Search),
                    page: s.page,
                    pagination: s.pagination,
                },
                s.route.file(),
            )?);
        }
        Ok(out)
    }

    /// The entries of the home page's overview, in order: each family by
    /// name with its page and its guides, most recently updated first (then
    /// by title), and last the guides without a family.
    #[allow(clippy::type_complexity)]
    fn families(&self) -> Vec<(Option<String>, Option<Route<'_>>, Vec<usize>)> {
        let site = self.site;
        let recent = |ids: Vec<usize>| {
            let mut ids = self.by_title(ids);
            // Stable: equal dates keep the title order.
            ids.sort_by(|&a, &b| {
                site.guides[b]
                    .front
                    .updated
                    .cmp(&site.guides[a].front.updated)
            });
            ids
        };
        let mut out: Vec<(Option<String>, Option<Route<'_>>, Vec<usize>)> = site
            .terms
            .of(Kind::Family)
            .map(|(name, t)| {
                let route = Kind::Family.term(&t.slug);
                (Some(name.clone()), Some(route), recent(t.guides.clone()))
            })
            .collect();
        out.sort_by(|a, b| a.0.cmp(&b.0));
        let other: Vec<usize> = (0..site.guides.len())
            .filter(|&i| site.guides[i].front.family.is_none())
            .collect();
        if !other.is_empty() {
            out.push((None, None, recent(other)));
        }
        out
    }

    /// The pages of one term, none when no guide names it any more; with
    /// `edited`, only the pages [`pages_to_render`] picks.
    pub(crate) fn term_pages(
        &self,
        kind: Kind,
        name: &str,
        edited: Option<&[(usize, String)]>,
    ) -> Result<Vec<Page>, Diagnostic> {
        let site = self.site;
        let Some((name, t)) = site.terms.of(kind).find(|(n, _)| *n == name) else {
            return Ok(Vec::new());
        };
        let of = Listing::Term {
            kind_key: kind.key(),
            slug: &t.slug,
        };
        let total = t.guides.len();
        let strings = &self.theme.strings;
        let description = strings.get(
            &format!("kind.{}.naming", kind.key()),
            Some(total as f64),
            &[("term", Arg::Str(name))],
        );
        let ids = self.by_title(t.guides.clone());
        let pages = paginate::split(ids, site.config.paginate);
        let mut out = Vec::with_capacity(pages.len());
        let render = pages_to_render(site, &pages, edited);
        for (k, ids) in pages.iter().enumerate().filter(|(k, _)| render[*k]) {
            let s = slot(
                site,
                of,
                k + 1,
                total,
                (name, &description, PageKind::Term),
                &self.theme.strings,
            );
            out.push(render_one(
                self.theme,
                "term.html",
                &TermContext {
                    site: &self.sv.at(&s.links),
                    kind: terms::kind_view(&s.links, kind, &self.theme.strings),
                    term: TermView {
                        name: name.clone(),
                        slug: t.slug.clone(),
                        url: s.links.to(&of.first()),
                        guides: self.cards_in_order(&s.links, ids)?,
                        count: total,
                    },
                    page: s.page,
                    pagination: s.pagination,
                },
                s.route.file(),
            )?);
        }
        Ok(out)
    }

    /// The index of one kind of term, by name, split into pages.
    pub(crate) fn terms_pages(&self, kind: Kind) -> Result<Vec<Page>, Diagnostic> {
        let site = self.site;
        let of = Listing::Kind(kind.key());
        let strings = &self.theme.strings;
        let plural = strings.text(&format!("kind.{}.plural", kind.key()));
        let description = strings.get(
            &format!("kind.{}.description", kind.key()),
            None,
            &[("site", Arg::Str(&site.config.title))],
        );
        // The links depend on the page's depth only, which is the same on
        // every page after the first.
        let first = PageLinks::of(&of.first(), &site.base);
        let later = PageLinks::of(&of.page(2), &site.base);
        let total = site.terms.of(kind).count();
        let pages = paginate::split((0..total).collect::<Vec<usize>>(), site.config.paginate);
        let near = terms::summaries(site, &first, kind);
        let far = if pages.len() > 1 {
            terms::summaries(site, &later, kind)
        } else {
            Vec::new()
        };
        let mut out = Vec::with_capacity(pages.len());
        for (k, range) in pages.iter().enumerate() {
            let s = slot(
                site,
                of,
                k + 1,
                total,
                (&plural, &description, PageKind::Terms),
                &self.theme.strings,
            );
            let all = if k == 0 { &near } else { &far };
            let terms = range.iter().map(|&j| all[j].clone()).collect();
            out.push(render_one(
                self.theme,
                "terms.html",
                &TermsContext {
                    site: &self.sv.at(&s.links),
                    kind: terms::kind_view(&s.links, kind, &self.theme.strings),
                    terms,
                    term_count: total,
                    page: s.page,
                    pagination: s.pagination,
                },
                s.route.file(),
            )?);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A site of nine guides, "Role 0" to "Role 8", two to a page.
    fn site() -> (tempfile::TempDir, Site) {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("site.yaml"), "title: T\npaginate: 2\n").expect("write");
        std::fs::create_dir(dir.path().join("guides")).expect("mkdir");
        for i in 0..9 {
            let text = format!(
                "---\ntitle: Role {i}\nsummary: S.\nresponsibilities: [W.]\nskills: [C]\n---\n"
            );
            std::fs::write(dir.path().join(format!("guides/r{i}.md")), text).expect("write");
        }
        let loaded = crate::guide::load::load(dir.path()).expect("load");
        (dir, Site::new(loaded.config, loaded.guides))
    }

    /// Retitles guide `i` and says which pages of the list by title
    /// [`pages_to_render`] picks for it.
    fn picked(site: &mut Site, i: usize, title: &str) -> Vec<bool> {
        let old = std::mem::replace(&mut site.guides[i].front.title, title.to_string());
        let ids = by_title(site, (0..site.guides.len()).collect());
        let pages = paginate::split(ids, 2);
        let got = pages_to_render(site, &pages, Some(&[(i, old.clone())]));
        site.guides[i].front.title = old;
        got
    }

    #[test]
    fn only_the_pages_an_edit_changes_are_rendered_again() {
        let (_dir, mut site) = site();
        let at = |title: &str| site.guides.iter().position(|g| g.front.title == title);
        let (r2, r4, r6, r0) = (at("Role 2"), at("Role 4"), at("Role 6"), at("Role 0"));
        let (r2, r4, r6, r0) = (r2.unwrap(), r4.unwrap(), r6.unwrap(), r0.unwrap());
        // Pages: [0 1] [2 3] [4 5] [6 7] [8].
        assert_eq!(
            picked(&mut site, r2, "Role 2"),
            [false, true, false, false, false]
        );
        assert_eq!(
            picked(&mut site, r2, "Role 2b"),
            [false, true, false, false, false]
        );
        // Past its neighbour on the same page.
        assert_eq!(
            picked(&mut site, r4, "Role 5b"),
            [false, false, true, false, false]
        );
        // Back two places: the pages between shift.
        assert_eq!(
            picked(&mut site, r6, "Role 2b"),
            [false, true, true, true, false]
        );
        // From first to last: every page.
        assert_eq!(picked(&mut site, r0, "Zed"), [true; 5]);
        // The same title (a summary edit): its page alone.
        assert_eq!(
            picked(&mut site, r4, "Role 4"),
            [false, false, true, false, false]
        );
        // Without a list of edits, every page.
        let pages = paginate::split(by_title(&site, (0..9).collect()), 2);
        assert_eq!(pages_to_render(&site, &pages, None), [true; 5]);
    }

    #[test]
    fn sorting_by_title_rank_sorts_by_title_then_slug() {
        let (_dir, mut site) = site();
        // Two guides of one title: their slugs decide.
        site.guides[7].front.title = "Role 1".into();
        site.guides[3].front.title = "role 1".into();
        let rank = crate::render::units::title_ranks(&site);
        for ids in [vec![8, 7, 1, 3, 0], (0..9).rev().collect(), vec![5]] {
            let mut by_rank = ids.clone();
            by_rank.sort_by_key(|&i| rank[i]);
            assert_eq!(by_rank, by_title(&site, ids));
        }
    }
}
