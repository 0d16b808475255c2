//! Every output location of a site, without rendering anything.
//!
//! In: the resolved site and the names of the theme's static files. Out:
//! the [`Route`] of every file a build writes, so that tools that compare
//! two versions of a site (`careerbook diff`) know which pages appear and
//! disappear. A test renders fixture sites and checks that the files of
//! these routes are exactly the files rendering produces.
//!
//! The search index is listed by its manifest, `search-index.json`, alone:
//! the shards and records under `search-index/` are named by the words of
//! the guides and read only through the manifest, data rather than pages.

use crate::render::feeds::SITEMAP_MAX_URLS;
use crate::render::paginate;
use crate::site::terms::Kind;
use crate::site::Site;
use crate::util::layout::Route;

/// The route of every file a build of `site` writes, given the output
/// paths of the theme's static files (`render::theme::static_names`), in
/// no particular order; a route may repeat when two guides claim the same
/// alias (the rules report that as an error).
pub fn routes<'a>(site: &'a Site, statics: &'a [String]) -> Vec<Route<'a>> {
    let mut out = vec![
        Route::NotFound,
        Route::GuideList,
        Route::SkillList,
        Route::Paths,
        Route::Salaries,
        Route::Feed,
        Route::Robots,
        Route::SearchIndex,
        Route::NoJekyll,
        Route::Assess,
        Route::AssessData,
    ];
    out.extend((0..crate::render::assess::steps_files(site)).map(Route::AssessSteps));
    for g in &site.guides {
        out.push(Route::Guide(&g.slug));
        out.push(Route::GuideData(&g.slug));
        out.extend(g.front.aliases.iter().map(|a| Route::Alias(a)));
    }
    for f in crate::render::salaries::families(site) {
        out.extend((1..=f.pages()).map(|p| f.route(p)));
    }
    out.extend(
        site.terms
            .of(Kind::Family)
            .map(|(_, t)| Route::FamilyPaths(&t.slug)),
    );
    out.extend(
        crate::render::career::moves(site)
            .into_iter()
            .map(|(a, b)| crate::render::career::route(site, a, b)),
    );
    // Every page of every list: page 1 at the list's own route.
    for (of, entries) in paginate::lists(site) {
        let pages = paginate::page_count(entries, site.config.paginate);
        out.extend((1..=pages).map(|k| of.page(k)));
    }
    // As many sitemap files as the sitemap's own list of pages needs.
    let urls = crate::render::units::sitemap(site).len();
    out.push(Route::Sitemap);
    out.extend((1..=sitemap_parts(urls)).map(Route::SitemapPart));
    out.extend(statics.iter().map(|s| Route::Static(s)));
    if site.config.cname.is_some() {
        out.push(Route::Cname);
    }
    out
}

/// How many `sitemap-<n>.xml` files a sitemap of `urls` URLs takes: none
/// while one `sitemap.xml` holds them. (Counted by URLs; a sitemap split
/// because of its bytes alone would need URLs of about a kilobyte each.)
fn sitemap_parts(urls: usize) -> usize {
    if urls <= SITEMAP_MAX_URLS {
        0
    } else {
        urls.div_ceil(SITEMAP_MAX_URLS)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// Renders the site at `tests/fixtures/<name>` (drafts included) and
    /// compares its files with [`routes`].
    fn same_files(name: &str, cname: Option<&str>) {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        let mut loaded = crate::guide::load::load(&root).expect("load");
        loaded.config.cname = cname.map(str::to_string);
        let theme =
            crate::render::theme::load(&root, &loaded.config.theme, &loaded.config.language)
                .expect("theme");
        let statics = crate::render::theme::static_names(&root, &loaded.config.theme);
        let site = Site::new(loaded.config, loaded.guides);
        let pages = crate::render::render(&site, &theme, Default::default()).expect("render");
        let rendered: BTreeSet<String> = pages
            .into_iter()
            .map(|p| p.path)
            .filter(|p| !p.starts_with(crate::util::layout::SEARCH_DIR))
            .collect();
        let listed: BTreeSet<String> = routes(&site, &statics).iter().map(Route::file).collect();
        assert_eq!(listed, rendered, "{name}");
        assert!(rendered.iter().any(|f| f.starts_with("tags/")), "{name}");
    }

    #[test]
    fn the_routes_are_the_files_rendering_writes() {
        same_files("site", None);
        same_files("full", Some("careers.example.org"));
        same_files("basic", None);
        same_files("career", None);
    }
}
