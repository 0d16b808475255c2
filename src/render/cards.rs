//! Guide cards for the pages that list guides (the index, the search page,
//! term pages), made once and shared.
//!
//! In: a guide and the links of the page listing it. Out: its
//! [`GuideCard`], with the link to the guide and, for the search and term
//! pages, the card as the theme's `card` macro renders it. A card's link is
//! relative to the page it is on, and pages at the same depth write the
//! same link (`../../guides/x/` from every term page), so the rendered card
//! is kept once per depth: an employer's page listing thousands of guides
//! renders none of them again.
//!
//! The same cache keeps what each guide gives the search index, its words
//! and its summary as plain text (`Cards::search_entry`): they are what
//! takes longest in building the index, and an edit changes one guide's.
//! So it keeps each guide's entry in the API's list (`Cards::api_entry`).

use crate::diag::Diagnostic;
use crate::render::page::render_one;
use crate::render::terms::{self, GuideCard};
use crate::render::theme::{Theme, CARD_TEMPLATE};
use crate::site::Site;
use crate::util::layout::{PageLinks, Route};
use serde::Serialize;
use std::sync::OnceLock;

/// Depths of listing pages whose cards are kept: the index (0), `search/`
/// (1), term pages (2), the search page's further pages (3,
/// `search/page/2/`) and a term's (4, `employers/sap/page/2/`). A card for
/// any other page is rendered on the spot.
const KEPT_DEPTHS: usize = 5;

/// What is kept of one guide's card: the parts every listing page shares,
/// and the HTML of the pages at each depth; and its words for the search
/// index.
#[derive(Debug, Default)]
struct Slot {
    /// Title, summary and family, without link or HTML.
    plain: OnceLock<GuideCard>,
    /// The card's HTML, by depth of the listing page.
    html: [OnceLock<Result<String, Diagnostic>>; KEPT_DEPTHS],
    /// What it gives the search index.
    search: OnceLock<crate::render::search::Entry>,
    /// Its entry in the API's list of guides, as JSON.
    api: OnceLock<String>,
}

/// Guide cards, each made at most once per depth and shared by every unit
/// that lists the guide. `watch` and `serve` keep one between rebuilds and
/// forget only the cards of edited guides.
#[derive(Debug, Default)]
pub struct Cards(Vec<Slot>);

impl Cards {
    /// An empty cache for a site of `n` guides.
    pub fn new(n: usize) -> Cards {
        Cards((0..n).map(|_| Slot::default()).collect())
    }

    /// Forgets the card of guide `i`, whose front matter changed.
    pub fn forget(&mut self, i: usize) {
        if let Some(c) = self.0.get_mut(i) {
            *c = Slot::default();
        }
    }

    /// The cache for a site of `n` guides whose guide `i` was guide
    /// `from(i)` of the site this cache was made for (guides came, went or
    /// were renamed): the cards of guides that stayed are kept.
    pub fn reorder(&mut self, n: usize, from: impl Fn(usize) -> Option<usize>) {
        let mut old: Vec<Option<Slot>> =
            std::mem::take(&mut self.0).into_iter().map(Some).collect();
        self.0 = (0..n)
            .map(|i| {
                from(i)
                    .and_then(|j| old.get_mut(j)?.take())
                    .unwrap_or_default()
            })
            .collect();
    }

    /// The card of guide `i` as the page with `links` lists it, without the
    /// macro's HTML (the index lays out its own cards).
    pub(crate) fn plain(&self, site: &Site, links: &PageLinks, i: usize) -> GuideCard {
        let mut card = match self.0.get(i) {
            Some(slot) => slot.plain.get_or_init(|| terms::card(site, i)).clone(),
            None => terms::card(site, i),
        };
        card.url = links.to(&Route::Guide(&site.guides[i].slug));
        card
    }

    /// What guide `i` gives the search index.
    pub(crate) fn search_entry(
        &self,
        site: &Site,
        i: usize,
    ) -> std::borrow::Cow<'_, crate::render::search::Entry> {
        use crate::render::search::entry;
        match self.0.get(i) {
            Some(slot) => std::borrow::Cow::Borrowed(slot.search.get_or_init(|| entry(site, i))),
            None => std::borrow::Cow::Owned(entry(site, i)),
        }
    }

    /// Guide `i`'s entry in the API's list of guides.
    pub(crate) fn api_entry(&self, site: &Site, i: usize) -> std::borrow::Cow<'_, str> {
        use crate::render::feeds::api_entry;
        match self.0.get(i) {
            Some(slot) => std::borrow::Cow::Borrowed(slot.api.get_or_init(|| api_entry(site, i))),
            None => std::borrow::Cow::Owned(api_entry(site, i)),
        }
    }

    /// The card of guide `i` as the page with `links` lists it, with its
    /// HTML from the theme's `card` macro.
    pub(crate) fn get(
        &self,
        site: &Site,
        theme: &Theme,
        links: &PageLinks,
        i: usize,
    ) -> Result<GuideCard, Diagnostic> {
        let mut card = self.plain(site, links, i);
        let make = || {
            let page = render_one(
                theme,
                CARD_TEMPLATE,
                &CardContext { g: &card },
                String::new(),
            )?;
            Ok(String::from_utf8(page.bytes).unwrap_or_default())
        };
        let kept = links.depth().and_then(|d| self.0.get(i)?.html.get(d));
        card.html = match kept {
            Some(html) => html.get_or_init(make).clone()?,
            None => make()?,
        };
        Ok(card)
    }
}

#[derive(Serialize)]
struct CardContext<'a> {
    g: &'a GuideCard,
}
