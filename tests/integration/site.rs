//! Site-wide pages: taxonomies, career paths, salaries, search, JSON-LD,
//! sitemap, feed, API and redirects, built from `tests/fixtures/site`.

use crate::common::{build_ok, edit, file_on_disk, fixture, links, page_text, read, tree};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn built() -> (tempfile::TempDir, PathBuf) {
    let site = fixture("site");
    build_ok(site.path(), &[]);
    let out = site.path().join("output");
    (site, out)
}

/// The JSON-LD block of a page, parsed.
fn jsonld(html: &str) -> Value {
    let start = html
        .find("<script type=\"application/ld+json\">")
        .expect("a JSON-LD block")
        + "<script type=\"application/ld+json\">".len();
    let end = start + html[start..].find("</script>").expect("closed");
    serde_json::from_str(&html[start..end]).expect("valid JSON")
}

#[test]
fn every_page_kind_is_written() {
    let (_s, out) = built();
    for p in [
        "index.html",
        "404.html",
        "paths/index.html",
        "salaries/index.html",
        "search/index.html",
        "employers/index.html",
        "sectors/index.html",
        "tags/index.html",
        "families/index.html",
        "employers/acme/index.html",
        "sectors/banking/index.html",
        "tags/sql/index.html",
        "families/data-analytics/index.html",
        "sitemap.xml",
        "robots.txt",
        "feed.xml",
        "api/guides.json",
        "api/guides/data-analyst.json",
        "search-index.json",
        "search.js",
        "sort.js",
    ] {
        assert!(out.join(p).is_file(), "{p} missing");
    }
}

#[test]
fn employer_names_fold_to_slugs_and_collisions_are_numbered() {
    let (_s, out) = built();
    // "Zurich Insurance" sorts before "Zürich Insurance", so it keeps the
    // plain slug and the other gets `-2`.
    let plain = page_text(&read(out.join("employers/zurich-insurance/index.html")));
    let umlaut = page_text(&read(out.join("employers/zurich-insurance-2/index.html")));
    assert!(plain.contains("Zurich Insurance") && plain.contains("Data Scientist"));
    assert!(!plain.contains("Data Analyst"), "{plain}");
    assert!(umlaut.contains("Zürich Insurance") && umlaut.contains("Data Analyst"));
    assert!(!umlaut.contains("Data Scientist"), "{umlaut}");
    assert!(out.join("employers/cafe-unicode/index.html").is_file());
    let acme = page_text(&read(out.join("employers/acme/index.html")));
    assert!(acme.contains("Data Analyst") && acme.contains("Data Scientist"));
    let index = read(out.join("employers/index.html"));
    for slug in [
        "acme",
        "cafe-unicode",
        "zurich-insurance",
        "zurich-insurance-2",
    ] {
        assert!(
            index.contains(&format!("href=\"../employers/{slug}/\"")),
            "{slug}"
        );
    }
    // The guide page links its employers, sectors, tags and family there.
    let analyst = read(out.join("guides/data-analyst/index.html"));
    for href in [
        "../../employers/zurich-insurance-2/",
        "../../employers/acme/",
        "../../sectors/insurance/",
        "../../tags/sql/",
        "../../families/data-analytics/",
    ] {
        assert!(analyst.contains(&format!("href=\"{href}\"")), "{href}");
    }
}

#[test]
fn guide_pages_show_forward_and_reverse_links() {
    let (_s, out) = built();
    let scientist = read(out.join("guides/data-scientist/index.html"));
    let text = page_text(&scientist);
    let here = text.find("Roles That Lead Here").expect("reverse section");
    assert!(text[here..].contains("Data Analyst"));
    assert!(scientist.contains("<a href=\"../../guides/data-analyst/\">Data Analyst</a>"));
    // Transitions count as a way in too.
    let analyst = page_text(&read(out.join("guides/data-analyst/index.html")));
    let here = analyst
        .find("Roles That Lead Here")
        .expect("reverse section");
    assert!(analyst[here..].contains("Barista Trainer"));
}

#[test]
fn paths_page_draws_every_role_and_move() {
    let (_s, out) = built();
    let html = read(out.join("paths/index.html"));
    // The wide drawing (the phone's `graph-v` follows with the same boxes).
    let svg_start = html
        .find("<svg class=\"graph graph-h\"")
        .expect("inline svg");
    let svg = &html[svg_start..svg_start + html[svg_start..].find("</svg>").unwrap()];
    // Guides link to their pages; a plain title is drawn dashed, unlinked.
    for slug in ["data-analyst", "data-scientist", "barista-trainer"] {
        assert!(svg.contains(&format!("<a class=\"g-node\" href=\"../guides/{slug}/\">")));
    }
    assert!(
        svg.contains("<g class=\"g-node g-plain\"><title>Analytics Manager (no guide yet)</title>"),
        "{svg}"
    );
    assert_eq!(
        svg.matches("class=\"g-node g-plain\"").count(),
        1,
        "plain titles merge"
    );
    // Edges: analyst->scientist, analyst->manager (leads to); scientist->
    // manager and barista->analyst (transitions).
    assert_eq!(svg.matches("<path class=\"g-edge\"").count(), 2);
    assert_eq!(
        svg.matches("<path class=\"g-edge g-transition\"").count(),
        2
    );
    // The text equivalent names each role and where it leads.
    let text = page_text(&html);
    assert!(
        text.contains("Data Analyst Can lead to: Analytics Manager, Data Scientist"),
        "{text}"
    );
    assert!(
        text.contains("Barista Trainer Transitions: Data Analyst"),
        "{text}"
    );
}

#[test]
fn paths_layout_is_layered_by_progression() {
    let (_s, out) = built();
    let html = read(out.join("paths/index.html"));
    let x_of = |label: &str| -> u32 {
        let at = html.find(&format!(">{label}</tspan></text>")).expect(label);
        let before = &html[..at];
        let x = before.rfind("<rect x=\"").unwrap() + 9;
        before[x..x + before[x..].find('"').unwrap()]
            .parse()
            .unwrap()
    };
    assert!(x_of("Data Analyst") < x_of("Data Scientist"));
    assert!(x_of("Data Analyst") < x_of("Analytics Manager"));
    assert_eq!(x_of("Data Analyst"), x_of("Barista Trainer"));
}

#[test]
fn salaries_are_grouped_by_currency_period_and_basis() {
    let (_s, out) = built();
    let html = read(out.join("salaries/index.html"));
    let ids: Vec<&str> = ["usd-year", "eur-year", "usd-hour"]
        .into_iter()
        .filter(|id| html.contains(&format!("<h2 id=\"{id}\">")))
        .collect();
    assert_eq!(ids.len(), 3, "one group per currency, period and basis");
    assert_eq!(html.matches("<table class=\"salary-table\">").count(), 3);
    assert_eq!(html.matches("<div class=\"bars\">").count(), 3);
    // Each table holds only its own group's levels.
    let section = |id: &str| {
        let s = html.find(&format!("<h2 id=\"{id}\">")).unwrap();
        let e = html[s..].find("</section>").unwrap() + s;
        page_text(&html[s..e])
    };
    let usd_year = section("usd-year");
    assert!(usd_year.contains("Entry 1 $60k–$80k"), "{usd_year}");
    assert!(section("eur-year").contains("€65k"));
    // The family page lists the roles, each in its group.
    let family = page_text(&read(out.join("salaries/data-analytics/index.html")));
    assert!(family.contains("Data Analyst"), "{family}");
    // The guide page carries its own chart, levels and figures as text.
    let guide = read(out.join("guides/data-analyst/index.html"));
    let chart = page_text(&guide[guide.find("<div class=\"bars\">").unwrap()..]);
    assert!(
        chart.starts_with("Entry (US) $60k–$80k Senior (US) $95k–$130k+"),
        "{chart}"
    );
}

#[test]
fn guide_jsonld_is_an_occupation_and_cannot_break_out() {
    let (_s, out) = built();
    let html = read(out.join("guides/data-analyst/index.html"));
    let v = jsonld(&html);
    assert_eq!(v["@context"], "https://schema.org");
    assert_eq!(v["@type"], "Occupation");
    assert_eq!(v["name"], "Data Analyst");
    assert_eq!(v["description"], "Turns raw data into decisions.");
    assert_eq!(v["skills"][0]["@type"], "DefinedTerm");
    assert_eq!(v["skills"][0]["name"], "SQL window functions");
    assert_eq!(v["responsibilities"][0], "Build dashboards.");
    assert_eq!(v["occupationalCategory"][0], "Data & Analytics");
    assert_eq!(v["occupationalCategory"][1]["@type"], "CategoryCode");
    assert_eq!(v["occupationalCategory"][1]["codeValue"], "15-2051.01");
    assert_eq!(
        v["occupationalCategory"][1]["inCodeSet"],
        serde_json::json!({"@type": "CategoryCodeSet", "name": "O*NET-SOC"})
    );
    let pay = v["estimatedSalary"].as_array().unwrap();
    assert_eq!(pay.len(), 2);
    assert_eq!(pay[0]["@type"], "MonetaryAmountDistribution");
    assert_eq!(pay[0]["currency"], "USD");
    assert_eq!(pay[0]["duration"], "P1Y");
    assert_eq!(pay[0]["minValue"], 60000.0);
    assert_eq!(pay[0]["maxValue"], 80000.0);
    assert_eq!(pay[0]["median"], 70000.0);
    assert_eq!(v["occupationLocation"][0]["@type"], "Country");
    assert_eq!(v["occupationLocation"][0]["name"], "US");
    assert_eq!(v["url"], "https://example.org/careers/guides/data-analyst/");

    let barista = read(out.join("guides/barista-trainer/index.html"));
    let v = jsonld(&barista);
    assert_eq!(v["estimatedSalary"][0]["duration"], "PT1H");
    assert_eq!(v["occupationLocation"][0]["@type"], "Place");
    assert!(v["description"]
        .as_str()
        .unwrap()
        .contains("</script><script>"));
    // Exactly one script element opened by the JSON-LD and it closes once.
    let start = barista.find("application/ld+json").unwrap();
    let block = &barista[start..start + barista[start..].find("</script>").unwrap()];
    assert!(!block[20..].contains('<'), "{block}");
}

#[test]
fn every_page_has_head_metadata_with_absolute_urls() {
    let (_s, out) = built();
    let html = read(out.join("guides/data-analyst/index.html"));
    for tag in [
        "<html lang=\"en\">",
        "<title>Data Analyst · Site Fixture</title>",
        "<meta name=\"description\" content=\"Turns raw data into decisions.\">",
        "<link rel=\"canonical\" href=\"https://example.org/careers/guides/data-analyst/\">",
        "<meta property=\"og:title\" content=\"Data Analyst\">",
        "<meta property=\"og:url\" content=\"https://example.org/careers/guides/data-analyst/\">",
        "<meta property=\"og:type\" content=\"article\">",
        "<meta property=\"og:site_name\" content=\"Site Fixture\">",
        "<meta property=\"og:description\" content=\"Turns raw data into decisions.\">",
        "<meta name=\"twitter:card\" content=\"summary\">",
    ] {
        assert!(html.contains(tag), "{tag}");
    }
    let emp = read(out.join("employers/acme/index.html"));
    assert!(emp
        .contains("<link rel=\"canonical\" href=\"https://example.org/careers/employers/acme/\">"));
    assert!(emp.contains("<meta property=\"og:type\" content=\"website\">"));
}

#[test]
fn sitemap_lists_absolute_urls_with_lastmod() {
    let (_s, out) = built();
    let xml = read(out.join("sitemap.xml"));
    let doc = roxmltree::Document::parse(&xml).expect("well-formed sitemap");
    let ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
    assert_eq!(doc.root_element().tag_name().namespace(), Some(ns));
    let mut entries = std::collections::BTreeMap::new();
    for url in doc
        .root_element()
        .children()
        .filter(|n| n.has_tag_name("url"))
    {
        let loc = url
            .children()
            .find(|n| n.has_tag_name("loc"))
            .unwrap()
            .text()
            .unwrap();
        let lastmod = url
            .children()
            .find(|n| n.has_tag_name("lastmod"))
            .and_then(|n| n.text());
        assert!(loc.starts_with("https://example.org/careers/"), "{loc}");
        entries.insert(loc.to_string(), lastmod.map(str::to_string));
    }
    let at = |p: &str| {
        entries
            .get(&format!("https://example.org/careers/{p}"))
            .cloned()
    };
    assert_eq!(at("guides/data-analyst/"), Some(Some("2026-05-01".into())));
    assert_eq!(at("guides/barista-trainer/"), Some(None));
    assert_eq!(at(""), Some(Some("2026-06-10".into())));
    assert_eq!(
        at("employers/zurich-insurance-2/"),
        Some(Some("2026-05-01".into()))
    );
    assert!(at("paths/").is_some() && at("salaries/").is_some());
    assert!(at("backend/").is_none(), "aliases are not listed");
    let robots = read(out.join("robots.txt"));
    assert!(robots.contains("Sitemap: https://example.org/careers/sitemap.xml"));
}

#[test]
fn feed_lists_dated_guides_newest_first() {
    let (_s, out) = built();
    let xml = read(out.join("feed.xml"));
    let doc = roxmltree::Document::parse(&xml).expect("well-formed feed");
    let feed = doc.root_element();
    assert_eq!(feed.tag_name().name(), "feed");
    let child = |n: roxmltree::Node, name: &str| {
        n.children()
            .find(|c| c.has_tag_name(name))
            .and_then(|c| c.text())
            .map(str::to_string)
    };
    assert_eq!(
        child(feed, "updated").as_deref(),
        Some("2026-06-10T00:00:00Z")
    );
    let entries: Vec<_> = feed
        .children()
        .filter(|n| n.has_tag_name("entry"))
        .collect();
    let titles: Vec<String> = entries
        .iter()
        .map(|e| child(*e, "title").unwrap())
        .collect();
    assert_eq!(titles, ["Data Scientist", "Data Analyst"]);
    assert_eq!(
        child(entries[0], "id").as_deref(),
        Some("https://example.org/careers/guides/data-scientist/")
    );
    let href = entries[1]
        .children()
        .find(|c| c.has_tag_name("link"))
        .and_then(|l| l.attribute("href"));
    assert_eq!(
        href,
        Some("https://example.org/careers/guides/data-analyst/")
    );
}

#[test]
fn api_and_search_index_describe_every_guide() {
    let (_s, out) = built();
    let api: Value = serde_json::from_str(&read(out.join("api/guides.json"))).unwrap();
    assert_eq!(api["version"], 2);
    let guides = api["guides"].as_array().unwrap();
    assert_eq!(guides.len(), 3);
    assert_eq!(guides[1]["slug"], "data-analyst");
    assert_eq!(
        guides[1]["url"],
        "https://example.org/careers/guides/data-analyst/"
    );
    assert_eq!(guides[1]["title"], "Data Analyst");
    assert_eq!(guides[1]["summary"], "Turns raw data into decisions.");
    assert_eq!(guides[1]["updated"], "2026-05-01");
    assert_eq!(
        guides[1]["data"],
        "https://example.org/careers/api/guides/data-analyst.json"
    );
    // Each guide's full record, at the URL the list gives.
    let record: Value =
        serde_json::from_str(&read(out.join("api/guides/data-analyst.json"))).unwrap();
    assert_eq!(record["version"], 2);
    assert_eq!(record["slug"], "data-analyst");
    assert_eq!(record["url"], guides[1]["url"]);
    assert_eq!(record["title"], "Data Analyst");
    assert_eq!(record["salary"]["ranges"][0]["min"], 60000.0);
    assert_eq!(record["hiring"]["employers"][0], "Zürich Insurance");
    assert_eq!(record["alt_titles"][0], "BI Analyst");
    let text = read(out.join("api/guides/data-analyst.json"));
    assert_eq!(text.matches("\"slug\"").count(), 1, "{text}");

    let ix: Value = serde_json::from_str(&read(out.join("search-index.json"))).unwrap();
    // Relative to the site root, where search-index.json is: search.js
    // resolves it there, whichever page searches.
    assert_eq!(ix["v"], 4);
    assert_eq!(ix["base"], "guides/");
    assert_eq!(ix["dir"], "search-index/");
    assert_eq!(ix["n"], 3);
    // Guides are numbered in title order; the analyst is 1.
    let records: Value = serde_json::from_str(&read(out.join("search-index/r/0.json"))).unwrap();
    assert_eq!(
        records[1],
        serde_json::json!([
            "data-analyst",
            "Data Analyst",
            "Turns raw data into decisions."
        ])
    );
    let shard = |key: &str| -> Value {
        serde_json::from_str(&read(out.join(format!("search-index/w/{key}.json")))).unwrap()
    };
    // Fields: title, alt titles, tags, employers, skills, summary, first
    // word of the title; "1" lists guide 1 alone (a gap of 1 from -1).
    assert_eq!(shard("bi")["w"]["bi"], serde_json::json!(["", "1"]));
    assert_eq!(shard("an")["w"]["analyst"], serde_json::json!(["1", "1"]));
    assert_eq!(
        shard("sq")["w"]["sql"],
        serde_json::json!(["", "", "10", "", "1"])
    );
    assert_eq!(
        shard("zu")["w"]["zurich"],
        serde_json::json!(["", "", "", "10"])
    );
    assert_eq!(
        shard("wi")["w"]["window"],
        serde_json::json!(["", "", "", "", "1"])
    );
}

#[test]
fn search_box_is_on_every_page_and_works_without_javascript() {
    let (_s, out) = built();
    for (p, root) in [
        ("index.html", "./"),
        ("guides/data-analyst/index.html", "../../"),
        ("paths/index.html", "../"),
        ("404.html", "/careers/"),
    ] {
        let html = read(out.join(p));
        assert!(
            html.contains(&format!(
                "<form class=\"search\" role=\"search\" action=\"{root}search/\" method=\"get\" \
                 data-index=\"{root}search-index.json\" data-script=\"{root}search.js\" "
            )),
            "{p}"
        );
        // The search code is not loaded with the page, only when the box is used.
        assert!(!html.contains("<script src="), "{p}");
    }
    // Without JavaScript, /search/ lists every guide.
    let text = page_text(&read(out.join("search/index.html")));
    for t in ["Barista Trainer", "Data Analyst", "Data Scientist"] {
        assert!(text.contains(t), "{t}");
    }
}

/// A redirect leads to the guide relative to its own folder, however deep,
/// so it works under any base path, under `serve` and from disk; its
/// canonical link is the guide's absolute URL.
#[test]
fn alias_redirects_lead_to_the_guide_from_their_own_depth() {
    let site = fixture("site");
    edit(
        &site.path().join("guides/data-analyst.md"),
        "aliases: [/analyst/]",
        "aliases: [/analyst/, /old/roles/analyst.html, /a/b/c/]",
    );
    build_ok(site.path(), &[]);
    let out = site.path().join("output");
    for (page, target) in [
        ("analyst/index.html", "../guides/data-analyst/"),
        ("old/roles/analyst.html", "../../guides/data-analyst/"),
        ("a/b/c/index.html", "../../../guides/data-analyst/"),
    ] {
        let html = read(out.join(page));
        assert!(
            html.contains(&format!(
                "<meta http-equiv=\"refresh\" content=\"0; url={target}\">"
            )),
            "{page}: {html}"
        );
        assert!(html.contains(&format!("<a href=\"{target}\">Data Analyst</a>")));
        assert!(html.contains(
            "<link rel=\"canonical\" href=\"https://example.org/careers/guides/data-analyst/\">"
        ));
        assert_eq!(
            file_on_disk(page, target),
            Some(Ok("guides/data-analyst/index.html".to_string())),
            "{page}"
        );
    }
}

fn attr_values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let needle = format!("{attr}=\"");
    html.match_indices(&needle)
        .map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            &rest[..rest.find('"').unwrap_or(0)]
        })
        .collect()
}

#[test]
fn no_page_loads_anything_from_elsewhere() {
    let (_s, out) = built();
    let mut checked = 0;
    for (path, bytes) in tree(&out) {
        if !path.ends_with(".html") && !path.ends_with(".css") {
            continue;
        }
        let text = String::from_utf8(bytes).unwrap();
        assert!(!text.contains("@import"), "{path}");
        assert!(!text.contains("url(http"), "{path}");
        for tag in text.split('<').skip(1) {
            let is_asset = tag.starts_with("script")
                || tag.starts_with("img")
                || (tag.starts_with("link") && !tag.contains("rel=\"canonical\""));
            if !is_asset {
                continue;
            }
            for v in attr_values(tag, "src")
                .into_iter()
                .chain(attr_values(tag, "href"))
            {
                checked += 1;
                // Relative to the page, or under the base path on 404.html.
                let local = if v.starts_with('/') {
                    v.starts_with("/careers/")
                } else {
                    !v.contains(':')
                };
                assert!(local, "{path}: external asset {v}");
            }
        }
    }
    assert!(checked > 50, "checked {checked} asset references");
}

#[test]
fn internal_links_resolve() {
    let (_s, out) = built();
    let mut checked = 0;
    for (path, bytes) in tree(&out) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        for link in links(&html) {
            // Absolute (canonical), root-absolute (404.html) or relative.
            let own = link
                .strip_prefix("https://example.org")
                .unwrap_or(&link)
                .strip_prefix("/careers/");
            let file = match own {
                Some(rel) => Some(Ok(rel.to_string())),
                None => file_on_disk(&path, &link),
            };
            let Some(file) = file else { continue };
            let file = file.unwrap_or_else(|why| panic!("{path}: {why}"));
            checked += 1;
            let file = file.split('#').next().unwrap();
            let target: &Path = &out.join(file);
            let ok = if file.is_empty() || file.ends_with('/') {
                target.join("index.html").is_file()
            } else {
                target.is_file()
            };
            assert!(ok, "{path}: {link}");
        }
    }
    assert!(checked > 300, "checked {checked} internal links");
}

/// Links between pages are relative, but what names the published site to
/// the outside stays absolute under the base URL, sub-path included:
/// canonical and Open Graph URLs, JSON-LD, the feed, the sitemap,
/// robots.txt and the JSON API.
#[test]
fn urls_for_crawlers_and_feeds_stay_absolute_under_a_sub_path() {
    const BASE: &str = "https://user.github.io/repo/";
    let site = fixture("site");
    build_ok(site.path(), &["--base-url", BASE]);
    let out = site.path().join("output");
    let page = read(out.join("guides/data-analyst/index.html"));
    let url = format!("{BASE}guides/data-analyst/");
    assert!(page.contains(&format!("<link rel=\"canonical\" href=\"{url}\">")));
    assert!(page.contains(&format!("<meta property=\"og:url\" content=\"{url}\">")));
    assert_eq!(jsonld(&page)["url"], url.as_str());
    assert!(page.contains("<link rel=\"stylesheet\" href=\"../../style.css\">"));

    let sitemap = read(out.join("sitemap.xml"));
    let locs: Vec<&str> = sitemap
        .split("<loc>")
        .skip(1)
        .map(|s| &s[..s.find("</loc>").unwrap()])
        .collect();
    assert!(locs.len() > 10, "{sitemap}");
    assert!(locs.contains(&url.as_str()), "{sitemap}");
    assert!(locs.iter().all(|l| l.starts_with(BASE)), "{sitemap}");

    let feed = read(out.join("feed.xml"));
    let doc = roxmltree::Document::parse(&feed).unwrap();
    let mut urls = 0;
    for node in doc.descendants() {
        let value = match node.tag_name().name() {
            "link" => node.attribute("href"),
            "id" => node.text(),
            _ => None,
        };
        if let Some(v) = value {
            urls += 1;
            assert!(v.starts_with(BASE), "feed: {v}");
        }
    }
    assert!(urls >= 6, "{feed}");
    assert!(feed.contains(&format!("<id>{url}</id>")), "{feed}");

    let robots = read(out.join("robots.txt"));
    assert!(
        robots.contains(&format!("Sitemap: {BASE}sitemap.xml")),
        "{robots}"
    );

    let api: Value = serde_json::from_str(&read(out.join("api/guides.json"))).unwrap();
    assert_eq!(api["site"]["url"], BASE);
    for g in api["guides"].as_array().unwrap() {
        for key in ["url", "data"] {
            assert!(g[key].as_str().unwrap().starts_with(BASE), "{g}");
        }
    }
}

#[test]
fn site_relative_base_url_gives_site_relative_urls() {
    let site = fixture("site");
    build_ok(site.path(), &["--base-url", "/"]);
    let out = site.path().join("output");
    let xml = read(out.join("sitemap.xml"));
    assert!(xml.contains("<loc>/guides/data-analyst/</loc>"), "{xml}");
    let feed = read(out.join("feed.xml"));
    assert!(
        feed.contains("<id>urn:careerbook:/guides/data-analyst/</id>"),
        "{feed}"
    );
}

#[test]
fn not_found_page_uses_links_and_assets_under_the_base_path() {
    let (_s, out) = built();
    let html = read(out.join("404.html"));
    assert!(html.contains("<link rel=\"stylesheet\" href=\"/careers/style.css\">"));
    assert!(html.contains("<a class=\"button\" href=\"/careers/\">"));
    for link in links(&html) {
        assert!(
            link == "#main"
                || link.starts_with("/careers/")
                || link.starts_with("https://example.org/careers/"),
            "{link}"
        );
    }
}
