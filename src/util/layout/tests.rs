//! Tests of the URL layout: every route's URL path and file, links between
//! pages, base URLs and aliases.

use super::*;

#[test]
fn base_url_forms() {
    let b = BaseUrl::parse("https://user.github.io/repo");
    assert_eq!(b.origin, "https://user.github.io");
    assert_eq!(b.path, "/repo/");
    assert_eq!(b.link(&Route::Guide("x")), "/repo/guides/x/");
    assert_eq!(
        b.absolute(&Route::Paths),
        "https://user.github.io/repo/paths/"
    );
    assert_eq!(b.absolute(&Route::Index), "https://user.github.io/repo/");
    assert_eq!(BaseUrl::parse("https://h.io").path, "/");
    assert_eq!(BaseUrl::parse("/").path, "/");
    assert_eq!(BaseUrl::parse("sub").path, "/sub/");
}

#[test]
fn the_longest_slug_fits_every_name_it_becomes() {
    let slug = "a".repeat(MAX_SLUG_BYTES);
    let numbered = format!("{slug}-99999");
    let segment = "b".repeat(MAX_SLUG_BYTES);
    let alias = format!("/{segment}/{}.html", &segment[5..]);
    let routes = [
        Route::Guide(&numbered),
        Route::GuideData(&numbered),
        Route::Term {
            kind_key: "employers",
            slug: &numbered,
        },
        Route::Alias(&alias),
    ];
    for route in routes {
        for name in route.file().split('/') {
            // The temporary name a rebuild writes beside the file.
            let tmp = format!(".{name}.careerbook-tmp");
            assert!(tmp.len() <= MAX_NAME_BYTES, "{route:?}: {}", tmp.len());
        }
    }
    assert!(check_alias(&alias).is_ok());
    assert!(check_alias(&format!("/{segment}b/")).is_err());
}

#[test]
fn every_route_has_a_url_path_and_a_file() {
    let term = Route::Term {
        kind_key: "employers",
        slug: "sap",
    };
    let cases = [
        (Route::Index, "", "index.html"),
        (Route::NotFound, "404.html", "404.html"),
        (Route::Guide("tpm"), "guides/tpm/", "guides/tpm/index.html"),
        (
            Route::GuideData("tpm"),
            "api/guides/tpm.json",
            "api/guides/tpm.json",
        ),
        (Route::GuideList, "api/guides.json", "api/guides.json"),
        (Route::KindIndex("tags"), "tags/", "tags/index.html"),
        (term, "employers/sap/", "employers/sap/index.html"),
        (Route::Alias("/old/url/"), "old/url/", "old/url/index.html"),
        (Route::Alias("/old"), "old/", "old/index.html"),
        (Route::Alias("/old.html"), "old.html", "old.html"),
        (Route::Alias("//old//x//"), "old/x/", "old/x/index.html"),
        (
            Route::Alias("/old/index.html"),
            "old/index.html",
            "old/index.html",
        ),
        (Route::Paths, "paths/", "paths/index.html"),
        (Route::FamilyPaths("qa"), "paths/qa/", "paths/qa/index.html"),
        (
            Route::Transition {
                from: "qa",
                to: "sre",
            },
            "transitions/qa/to/sre/",
            "transitions/qa/to/sre/index.html",
        ),
        (Route::Skills, "skills/", "skills/index.html"),
        (Route::Skill("sql"), "skills/sql/", "skills/sql/index.html"),
        (Route::Assess, "assess/", "assess/index.html"),
        (Route::AssessData, "assess/data.js", "assess/data.js"),
        (
            Route::AssessSteps(3),
            "assess/steps-3.js",
            "assess/steps-3.js",
        ),
        (Route::Salaries, "salaries/", "salaries/index.html"),
        (
            Route::SalaryFamily {
                slug: "data",
                page: 1,
            },
            "salaries/data/",
            "salaries/data/index.html",
        ),
        (
            Route::SalaryFamily {
                slug: SALARIES_NO_FAMILY,
                page: 3,
            },
            "salaries/no_family/page/3/",
            "salaries/no_family/page/3/index.html",
        ),
        (Route::Search, "search/", "search/index.html"),
        (Route::Feed, "feed.xml", "feed.xml"),
        (Route::Sitemap, "sitemap.xml", "sitemap.xml"),
        (Route::Robots, "robots.txt", "robots.txt"),
        (Route::SearchIndex, "search-index.json", "search-index.json"),
        (Route::NoJekyll, ".nojekyll", ".nojekyll"),
        (Route::Cname, "CNAME", "CNAME"),
        (Route::Static("css/a.css"), "css/a.css", "css/a.css"),
        (Route::SitemapPart(3), "sitemap-3.xml", "sitemap-3.xml"),
        (
            Route::SearchShard("en"),
            "search-index/w/en.json",
            "search-index/w/en.json",
        ),
        (
            Route::SearchRecords(3),
            "search-index/r/3.json",
            "search-index/r/3.json",
        ),
        (Listing::Index.page(2), "page/2/", "page/2/index.html"),
        (
            Listing::Search.page(12),
            "search/page/12/",
            "search/page/12/index.html",
        ),
        (
            Listing::Kind("tags").page(3),
            "tags/page/3/",
            "tags/page/3/index.html",
        ),
        (
            Listing::Term {
                kind_key: "employers",
                slug: "sap",
            }
            .page(2),
            "employers/sap/page/2/",
            "employers/sap/page/2/index.html",
        ),
    ];
    // Page 1 of a list is the list's own page.
    assert_eq!(Listing::Index.page(1), Route::Index);
    assert_eq!(Listing::Kind("tags").page(1), Route::KindIndex("tags"));
    for (route, url, file) in cases {
        assert_eq!(route.url_path(), url, "{route:?}");
        assert_eq!(route.file(), file, "{route:?}");
        // Whatever serves a folder URL finds the same file.
        if url.is_empty() || url.ends_with('/') {
            assert_eq!(folder_file(url), file, "{route:?}");
        }
    }
    assert_eq!(folder_file("guides/tpm"), "guides/tpm/index.html");
}

#[test]
fn links_are_relative_to_the_page_folder_except_on_the_404_page() {
    let base = BaseUrl::parse("https://user.github.io/repo/");
    let cases = [
        (Route::Index, "./", "./guides/x/", "./style.css"),
        (
            Route::Guide("y"),
            "../../",
            "../../guides/x/",
            "../../style.css",
        ),
        (Route::Search, "../", "../guides/x/", "../style.css"),
        (
            Route::Alias("/a/b/c.html"),
            "../../",
            "../../guides/x/",
            "../../style.css",
        ),
        (
            Route::NotFound,
            "/repo/",
            "/repo/guides/x/",
            "/repo/style.css",
        ),
    ];
    for (page, root, guide, css) in cases {
        let links = PageLinks::of(&page, &base);
        assert_eq!(links.root(), root, "{page:?}");
        assert_eq!(links.to(&Route::Guide("x")), guide, "{page:?}");
        assert_eq!(links.to(&Route::Static("style.css")), css, "{page:?}");
        assert_eq!(links.to(&Route::Index), root, "{page:?}");
        assert_eq!(
            links.to(&Route::Guide("x")),
            if page == Route::NotFound {
                base.link(&Route::Guide("x"))
            } else {
                relative_link(&page.url_path(), "guides/x/")
            }
        );
    }
    assert_eq!(PageLinks::of(&Route::Index, &base).depth(), Some(0));
    assert_eq!(PageLinks::of(&Route::Search, &base).depth(), Some(1));
    assert_eq!(PageLinks::of(&Route::Guide("y"), &base).depth(), Some(2));
    assert_eq!(PageLinks::of(&Route::NotFound, &base).depth(), None);
    assert_eq!(relative_link("feed.xml", "a:b/"), "./a:b/");
    assert_eq!(relative_link("guides/x/", ""), "../../");
}

/// Every relative link resolves, from the page's own folder, to the
/// target's URL path, as a browser resolves it.
#[test]
fn relative_links_resolve_to_their_target() {
    let pages = [
        "",
        "guides/x/",
        "a/b/c/",
        "old.html",
        "a/old.html",
        "feed.xml",
    ];
    let targets = ["", "style.css", "guides/y/", "api/guides.json", "a/b/c/"];
    for from in pages {
        for to in targets {
            let link = relative_link(from, to);
            let mut dir: Vec<&str> = from.split('/').collect();
            dir.pop();
            for seg in link.split_inclusive('/') {
                match seg {
                    "./" => {}
                    "../" => assert!(dir.pop().is_some(), "{from} -> {link} climbs too far"),
                    s => dir.push(s.trim_end_matches('/')),
                }
            }
            let mut resolved = dir.join("/");
            if link.ends_with('/') && !resolved.is_empty() {
                resolved.push('/');
            }
            assert_eq!(resolved, to, "{from} -> {link}");
        }
    }
}

#[test]
fn aliases_cannot_escape() {
    assert!(check_alias("/old/url/").is_ok());
    for bad in [
        "old",
        "/../x",
        "/a/../../b",
        "/",
        "/.git/x",
        "/a\\b",
        "/a\0",
    ] {
        assert!(check_alias(bad).is_err(), "{bad}");
    }
    assert_eq!(alias_guide_slug("/guides/tpm/").as_deref(), Some("tpm"));
    assert_eq!(
        alias_guide_slug("/guides/tpm/index.html").as_deref(),
        Some("tpm")
    );
    assert_eq!(alias_guide_slug("//guides//tpm").as_deref(), Some("tpm"));
    assert_eq!(alias_guide_slug("/old/tpm/"), None);
}
