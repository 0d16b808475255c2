//! What templates see of taxonomy terms: the links on a guide page, the
//! kind and term headings, the index of a kind and a guide's card.

use crate::site::terms::Kind;
use crate::site::Site;
use crate::util::layout::PageLinks;
use serde::Serialize;

/// Links to the term pages of the names a guide carries.
pub(crate) fn links(site: &Site, links: &PageLinks, kind: Kind, names: &[&str]) -> Vec<TermLink> {
    names
        .iter()
        .map(|n| TermLink {
            name: n.to_string(),
            url: site
                .terms
                .route(kind, n)
                .map(|r| links.to(&r))
                .unwrap_or_default(),
        })
        .collect()
}

/// A term named on a page, with the link to its page.
#[derive(Debug, Clone, Serialize)]
pub struct TermLink {
    /// The name as written.
    pub name: String,
    /// Link to the term's page.
    pub url: String,
}

/// `kind` on term pages.
#[derive(Debug, Serialize)]
pub(crate) struct KindView {
    /// `families`, `tags`, `employers` or `sectors`.
    pub key: &'static str,
    /// e.g. `Employer`.
    pub singular: String,
    /// e.g. `Employers`.
    pub plural: String,
    /// Link to the kind's index page.
    pub url: String,
}

/// A term on its kind's index page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TermSummary {
    /// Name.
    pub name: String,
    /// Link to the term page.
    pub url: String,
    /// How many guides name it.
    pub count: usize,
}

/// `term` on a term page.
#[derive(Debug, Serialize)]
pub(crate) struct TermView {
    /// Name.
    pub name: String,
    /// Slug.
    pub slug: String,
    /// Link to this page.
    pub url: String,
    /// The guides naming the term on this page, by title.
    pub guides: Vec<GuideCard>,
    /// How many guides name the term, on every page.
    pub count: usize,
}

/// The `kind` view of `kind`.
pub(crate) fn kind_view(
    links: &PageLinks,
    kind: Kind,
    strings: &crate::render::i18n::Strings,
) -> KindView {
    KindView {
        key: kind.key(),
        singular: strings.text(&format!("kind.{}.singular", kind.key())),
        plural: strings.text(&format!("kind.{}.plural", kind.key())),
        url: links.to(&kind.index()),
    }
}

/// Every term of `kind`, by name (case-insensitive), for the index page.
pub(crate) fn summaries(site: &Site, links: &PageLinks, kind: Kind) -> Vec<TermSummary> {
    let mut out: Vec<TermSummary> = site
        .terms
        .of(kind)
        .map(|(name, t)| TermSummary {
            name: name.clone(),
            url: links.to(&kind.term(&t.slug)),
            count: t.guides.len(),
        })
        .collect();
    out.sort_by(|a, b| {
        a.name
            .to_lowercase()
            .cmp(&b.name.to_lowercase())
            .then(a.name.cmp(&b.name))
    });
    out
}

/// The card of guide `i`, without its link (which depends on the page
/// listing it: [`crate::render::cards::Cards`] adds it) or HTML.
pub(crate) fn card(site: &Site, i: usize) -> GuideCard {
    let g = &site.guides[i];
    GuideCard {
        title: g.front.title.clone(),
        url: String::new(),
        summary_html: crate::render::markdown::Markdown::of(&site.config).inline(&g.front.summary),
        family: g.front.family.clone(),
        html: String::new(),
    }
}

/// A guide on the index.
#[derive(Debug, Clone, Serialize)]
pub struct GuideCard {
    /// Title.
    pub title: String,
    /// Link to the guide, relative to the listing page.
    pub url: String,
    /// Summary rendered inline.
    pub summary_html: String,
    /// Family.
    pub family: Option<String>,
    /// The card as the theme's `card` macro renders it, for printing with
    /// `| safe`: listing pages with thousands of cards print each guide's
    /// card rendered once instead of calling the macro again and again.
    /// Empty on the index's `families`.
    pub html: String,
}
