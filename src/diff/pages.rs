//! The pages of two versions of a site, compared.
//!
//! In: a resolved site and its theme's static file names. Out: every file
//! its build writes ([`crate::render::routes`], so the URL layout stays
//! [`Route`]'s alone), each with what it is (a guide, a tag page, a
//! redirect…); then, for two versions, the files that appear and disappear,
//! and what a reader finds at a guide's old URL.

use crate::diff::url;
use crate::site::terms::Kind;
use crate::site::Site;
use crate::util::layout::Route;
use serde::Serialize;
use std::collections::BTreeMap;

/// One output file and what it is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PageInfo {
    /// Its URL path under the site's base URL, e.g. `/tags/ml/`.
    pub url: String,
    /// The file in the output folder, e.g. `tags/ml/index.html`.
    pub file: String,
    /// What it is: `home`, `not_found`, `guide`, `guide_data`,
    /// `guide_list`, `skill_list`, `term_index`, `family`, `tag`, `employer`, `sector`,
    /// `redirect`, `paths`, `transition`, `skills`, `skill`, `salaries`,
    /// `salaries_family`, `search`,
    /// `feed`, `sitemap`,
    /// `robots`, `search_index`, `nojekyll`, `cname` or `static`.
    pub kind: &'static str,
    /// The guide's title (`guide`, `guide_data`, and for `redirect` the
    /// guide it leads to), the term (`family`, `tag`, `employer`, `sector`),
    /// or the kind of term listed (`term_index`); else null.
    pub name: Option<String>,
    /// The slug of the guide the page belongs to or redirects to.
    pub guide: Option<String>,
    /// For a redirect, the alias as the guide writes it.
    #[serde(skip)]
    pub alias: Option<String>,
}

/// Every output file of `site`, by file, with what it is.
pub(crate) fn describe(site: &Site, statics: &[String]) -> BTreeMap<String, PageInfo> {
    let mut terms: BTreeMap<(&str, &str), (Kind, &str)> = BTreeMap::new();
    for kind in Kind::ALL {
        for (name, t) in site.terms.of(kind) {
            terms.insert((kind.key(), &t.slug), (kind, name));
        }
    }
    // The first guide to claim an alias writes its redirect.
    let mut redirects: BTreeMap<String, (&str, &str, &str)> = BTreeMap::new();
    for g in &site.guides {
        for alias in &g.front.aliases {
            redirects
                .entry(Route::Alias(alias).file())
                .or_insert((&g.slug, &g.front.title, alias));
        }
    }
    let title = |slug: &str| site.by_slug(slug).map(|g| g.front.title.clone());
    let mut out = BTreeMap::new();
    for route in crate::render::routes::routes(site, statics) {
        let file = route.file();
        if out.contains_key(&file) {
            continue;
        }
        let mut info = PageInfo {
            url: url(&route),
            file: file.clone(),
            kind: "",
            name: None,
            guide: None,
            alias: None,
        };
        info.kind = match route {
            Route::Index => "home",
            Route::NotFound => "not_found",
            Route::GuideList => "guide_list",
            Route::SkillList => "skill_list",
            Route::Paths => "paths",
            Route::FamilyPaths(slug) => {
                info.name = terms
                    .get(&("families", slug))
                    .map(|(_, name)| name.to_string());
                "family_paths"
            }
            Route::Transition { from, .. } => {
                info.guide = Some(from.to_string());
                "transition"
            }
            Route::Skills => "skills",
            Route::Skill(_) => "skill",
            Route::Assess => "assess",
            Route::AssessData | Route::AssessSteps(_) => "assess_data",
            Route::Salaries => "salaries",
            Route::SalaryFamily { .. } => "salaries_family",
            Route::Search => "search",
            Route::Feed => "feed",
            Route::Sitemap | Route::SitemapPart(_) => "sitemap",
            Route::Page { .. } => "list_page",
            Route::Robots => "robots",
            Route::SearchIndex | Route::SearchShard(_) | Route::SearchRecords(_) => "search_index",
            Route::NoJekyll => "nojekyll",
            Route::Cname => "cname",
            Route::Static(_) => "static",
            Route::Guide(slug) | Route::GuideData(slug) => {
                info.name = title(slug);
                info.guide = Some(slug.to_string());
                if matches!(route, Route::Guide(_)) {
                    "guide"
                } else {
                    "guide_data"
                }
            }
            Route::KindIndex(key) => {
                let kind = Kind::ALL.into_iter().find(|k| k.key() == key);
                info.name = kind.map(|k| k.plural().to_string());
                "term_index"
            }
            Route::Term { kind_key, slug } => match terms.get(&(kind_key, slug)) {
                Some((kind, name)) => {
                    info.name = Some(name.to_string());
                    term_kind(*kind)
                }
                None => "term",
            },
            Route::Alias(_) => {
                if let Some((slug, title, alias)) = redirects.get(&file) {
                    info.name = Some(title.to_string());
                    info.guide = Some(slug.to_string());
                    info.alias = Some(alias.to_string());
                }
                "redirect"
            }
        };
        out.insert(file, info);
    }
    out
}

/// The `kind` of a term's page.
fn term_kind(kind: Kind) -> &'static str {
    match kind {
        Kind::Family => "family",
        Kind::Tag => "tag",
        Kind::Employer => "employer",
        Kind::Sector => "sector",
    }
}

/// The files only in `new` (appear) and only in `old` (disappear), each
/// sorted by URL.
pub(crate) fn compare(
    old: &BTreeMap<String, PageInfo>,
    new: &BTreeMap<String, PageInfo>,
) -> crate::diff::Pages {
    let only = |a: &BTreeMap<String, PageInfo>, b: &BTreeMap<String, PageInfo>| {
        let mut v: Vec<PageInfo> = a
            .iter()
            .filter(|(file, _)| !b.contains_key(*file))
            .map(|(_, p)| p.clone())
            .collect();
        v.sort_by(|x, y| (&x.url, &x.file).cmp(&(&y.url, &y.file)));
        v
    };
    crate::diff::Pages {
        appear: only(new, old),
        disappear: only(old, new),
    }
}

/// What a reader who follows an old link to a guide finds now.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum OldUrl {
    /// The guide kept its slug, so its URL is the same.
    Unchanged,
    /// A redirect, written for an alias of a guide.
    Redirect {
        /// The alias as the guide writes it.
        alias: String,
        /// The slug of the guide it leads to.
        to: String,
        /// That guide's title.
        title: String,
    },
    /// Another guide's page, which took the slug.
    OtherGuide {
        /// That guide's slug.
        guide: String,
        /// That guide's title.
        title: String,
    },
    /// Nothing: the page is gone and no alias covers it.
    Broken,
}

/// What the current version serves at the URL of the guide `slug` had.
pub(crate) fn old_url(new: &BTreeMap<String, PageInfo>, slug: &str) -> OldUrl {
    let Some(page) = new.get(&Route::Guide(slug).file()) else {
        return OldUrl::Broken;
    };
    let guide = page.guide.clone().unwrap_or_default();
    let title = page.name.clone().unwrap_or_default();
    match page.kind {
        "redirect" => OldUrl::Redirect {
            alias: page.alias.clone().unwrap_or_else(|| page.url.clone()),
            to: guide,
            title,
        },
        _ => OldUrl::OtherGuide { guide, title },
    }
}
