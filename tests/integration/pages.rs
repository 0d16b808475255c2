//! Lists split into pages, the feed's length and the sitemap's split: every
//! guide reachable once per list by following `rel=next`, the page count
//! and its text, `paginate` and `feed_entries` honoured and validated, and
//! a sitemap index past 50,000 URLs.

use crate::common::*;
use std::collections::BTreeMap;
use std::path::Path;

/// A site of `n` guides (`Role 00` … ), every third one without a family,
/// the others in family `Ops`, all tagged `shared`, with `settings`
/// appended to `site.yaml`.
fn site_of(n: usize, settings: &str) -> tempfile::TempDir {
    let site = fixture("basic");
    let guides = site.path().join("guides");
    std::fs::remove_dir_all(&guides).unwrap();
    for i in 0..n {
        let family = if i % 3 == 0 { "" } else { "family: Ops\n" };
        let extra = format!(
            "{family}tags: [shared]\nupdated: 2026-01-{:02}\n",
            1 + i % 28
        );
        write_guide(
            site.path(),
            &format!("r{i:02}"),
            &format!("Role {i:02}"),
            &extra,
        );
    }
    let yaml = site.path().join("site.yaml");
    let mut text = read(&yaml);
    text.push_str(settings);
    std::fs::write(&yaml, text).unwrap();
    site
}

/// The `href` of `<link rel="{rel}" …>` in the page's head.
fn head_link(html: &str, rel: &str) -> Option<String> {
    let at = html.find(&format!("<link rel=\"{rel}\" href=\""))?;
    let rest = &html[at + rel.len() + 19..];
    Some(rest[..rest.find('"')?].to_string())
}

/// The output file a relative link from the page at `page` (a file under
/// the output folder) leads to.
fn follow(page: &str, link: &str) -> String {
    file_on_disk(page, link)
        .expect("a relative link")
        .expect("inside the site")
}

/// The files of the site the relative links of `html` (at `page`) lead to.
fn targets(page: &str, html: &str) -> Vec<String> {
    links(html)
        .iter()
        .filter_map(|l| file_on_disk(page, l)?.ok())
        .collect()
}

/// Walks a list from its first page (`first`, a file under `out`) by its
/// `rel=next` links: each page's file, and the guides each links to.
fn walk(out: &Path, first: &str) -> Vec<(String, Vec<String>)> {
    let mut pages = Vec::new();
    let mut file = first.to_string();
    loop {
        let html = read(out.join(&file));
        let guides = targets(&file, &html)
            .into_iter()
            .filter(|t| t.starts_with("guides/"))
            .collect();
        let next = head_link(&html, "next");
        if let Some(prev) = head_link(&html, "prev") {
            let (before, _) = pages.last().expect("no rel=prev on the first page");
            assert_eq!(&follow(&file, &prev), before, "rel=prev of {file}");
        }
        pages.push((file.clone(), guides));
        match next {
            Some(next) => file = follow(&file, &next),
            None => break,
        }
        assert!(pages.len() < 100, "rel=next loops");
    }
    pages
}

/// Walks a list and checks each page's "Page k of n", its own number marked
/// current, and that it links to every page; returns how many pages it
/// has and how often each guide appears.
fn walk_checked(out: &Path, first: &str) -> (usize, BTreeMap<String, usize>) {
    let pages = walk(out, first);
    let n = pages.len();
    let mut seen = BTreeMap::new();
    for (k, (file, guides)) in pages.iter().enumerate() {
        let html = read(out.join(file));
        if n > 1 {
            let text = page_text(&html);
            assert!(
                text.contains(&format!("Page {} of {n}", k + 1)),
                "{file}: {text}"
            );
            assert!(html.contains("<nav class=\"pagination\" aria-label=\"Pagination\">"));
            let current = format!(
                "aria-current=\"page\"><span class=\"visually-hidden\">Page </span>{}</a>",
                k + 1
            );
            assert!(html.contains(&current), "{file}");
            // A link to every page (few enough for all of them).
            let linked = targets(file, &html);
            for (other, _) in &pages {
                assert!(linked.contains(other), "{file} does not link to {other}");
            }
        } else {
            assert!(!html.contains("aria-label=\"Pagination\""), "{file}");
        }
        for g in guides {
            *seen.entry(g.clone()).or_insert(0) += 1;
        }
    }
    (n, seen)
}

#[test]
fn every_list_reaches_each_guide_once_by_following_rel_next() {
    let site = site_of(23, "paginate: 5\n");
    build_ok(site.path(), &[]);
    let out = site.path().join("output");
    let all: Vec<String> = (0..23)
        .map(|i| format!("guides/r{i:02}/index.html"))
        .collect();
    let ops: Vec<String> = all
        .iter()
        .enumerate()
        .filter(|(i, _)| i % 3 != 0)
        .map(|(_, g)| g.clone())
        .collect();
    for (first, expected, pages) in [
        ("search/index.html", &all, 5),
        ("tags/shared/index.html", &all, 5),
        ("families/ops/index.html", &ops, 3),
    ] {
        let (n, seen) = walk_checked(&out, first);
        assert_eq!(n, pages, "{first}");
        assert_eq!(
            seen.keys().collect::<Vec<_>>(),
            expected.iter().collect::<Vec<_>>(),
            "{first}"
        );
        assert!(seen.values().all(|&c| c == 1), "{first}: {seen:?}");
    }
    // Page 1 stays at the list's own URL; the next ones follow.
    assert!(out.join("search/page/5/index.html").is_file());
    assert!(!out.join("search/page/6").exists());
    assert!(!out.join("search/page/1").exists());
    let text = page_text(&read(out.join("families/ops/page/2/index.html")));
    assert!(text.contains("15 role guides name Ops."), "{text}");
    let title = read(out.join("families/ops/page/2/index.html"));
    assert!(title.contains("<title>Ops (page 2 of 3) · "), "{title}");
    // The sitemap lists every page of every list.
    let sitemap = read(out.join("sitemap.xml"));
    assert!(sitemap.contains("/families/ops/page/3/</loc>"), "{sitemap}");
    assert!(
        !sitemap.contains("/families/ops/page/4/</loc>"),
        "{sitemap}"
    );
    assert!(sitemap.contains("/search/page/2/</loc>"));
}

/// Every guide is reachable from the home page: through its family's
/// pages, or for guides without one, through the search page's list.
#[test]
fn every_guide_is_reachable_by_links_from_the_home_page() {
    let site = site_of(40, "paginate: 3\n");
    build_ok(site.path(), &[]);
    let out = site.path().join("output");
    let mut seen = std::collections::BTreeSet::new();
    let mut todo = vec!["index.html".to_string()];
    let mut visited = std::collections::BTreeSet::new();
    while let Some(file) = todo.pop() {
        if !visited.insert(file.clone()) {
            continue;
        }
        if file.starts_with("guides/") {
            seen.insert(file);
            continue;
        }
        let html = read(out.join(&file));
        for target in targets(&file, &html) {
            let listing = target.starts_with("families/")
                || target.starts_with("search/")
                || target.starts_with("page/")
                || target.starts_with("guides/");
            if listing && target.ends_with(".html") {
                todo.push(target);
            }
        }
    }
    assert_eq!(seen.len(), 40, "{seen:?}");
}

#[test]
fn the_home_page_splits_many_families_into_pages() {
    let site = fixture("basic");
    std::fs::remove_dir_all(site.path().join("guides")).unwrap();
    for i in 0..7 {
        write_guide(
            site.path(),
            &format!("g{i}"),
            &format!("Role {i}"),
            &format!("family: Family {i}\n"),
        );
    }
    write_guide(site.path(), "loose", "Loose", "");
    std::fs::write(site.path().join("site.yaml"), "paginate: 3\n").unwrap();
    build_ok(site.path(), &[]);
    let out = site.path().join("output");
    let (n, seen) = walk_checked(&out, "index.html");
    assert_eq!(n, 3);
    assert_eq!(seen.len(), 8, "{seen:?}");
    let last = page_text(&read(out.join("page/3/index.html")));
    assert!(last.contains("Other roles 1 role guide Loose"), "{last}");
    // Nothing but the first page's own number is current on it.
    let first = read(out.join("index.html"));
    assert_eq!(
        first.matches("aria-current=\"page\"").count(),
        2,
        "nav + pagination"
    );
}

#[test]
fn paginate_and_feed_entries_must_be_positive_integers() {
    for (setting, line_text) in [
        ("paginate: 0", "`paginate` must be at least 1"),
        ("paginate: -3", "`paginate` must be at least 1"),
        ("feed_entries: 0", "`feed_entries` must be at least 1"),
    ] {
        let site = fixture("basic");
        let yaml = site.path().join("site.yaml");
        std::fs::write(&yaml, format!("{}{setting}\n", read(&yaml))).unwrap();
        let out = careerbook(&["build", "--root", site.path().to_str().unwrap()]);
        assert!(!out.status.success(), "{setting}");
        let err = stderr(&out);
        assert!(err.contains("site.yaml:4:"), "{setting}: {err}");
        assert!(err.contains(line_text), "{setting}: {err}");
    }
    let site = fixture("basic");
    std::fs::write(site.path().join("site.yaml"), "paginate: many\n").unwrap();
    let out = careerbook(&["build", "--root", site.path().to_str().unwrap()]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("site.yaml:1:") && err.contains("paginate"),
        "{err}"
    );
}

#[test]
fn the_feed_holds_the_most_recently_updated_n_guides_newest_first() {
    let site = site_of(9, "feed_entries: 4\n");
    // r05 and r08 are tied with r07's date after this: slugs break ties.
    for slug in ["r05", "r08"] {
        let path = site.path().join(format!("guides/{slug}.md"));
        let text = read(&path);
        let text = text.replace(
            &format!(
                "updated: 2026-01-0{}",
                1 + slug[1..].parse::<usize>().unwrap()
            ),
            "updated: 2026-01-08",
        );
        std::fs::write(&path, text).unwrap();
    }
    build_ok(site.path(), &[]);
    let feed = read(site.path().join("output/feed.xml"));
    let ids: Vec<&str> = feed
        .split("<entry>")
        .skip(1)
        .map(|e| {
            let title = &e[e.find("<title>").unwrap() + 7..];
            &title[..title.find('<').unwrap()]
        })
        .collect();
    assert_eq!(ids, ["Role 05", "Role 07", "Role 08", "Role 06"], "{feed}");
    // The default is 50.
    let site = site_of(60, "");
    build_ok(site.path(), &[]);
    let feed = read(site.path().join("output/feed.xml"));
    assert_eq!(feed.matches("<entry>").count(), 50);
}

/// 2,610 guides with one family and five each of skills, tags, employers
/// and sectors, one entry a page: 60,056 URLs in all. (The shared sitemap
/// checker, `site-checks/feeds.py`, accepts this output too, but it reads
/// every page and takes minutes, so it is run by hand.)
#[test]
fn a_sitemap_of_more_than_50000_urls_is_split_under_a_sitemap_index() {
    // Few guides with many terms each, since a term's page
    // with one entry costs a fraction of a guide page. On a tmpfs when the
    // machine has one, many times faster than a disk shared with other work.
    let shm = Path::new("/dev/shm");
    let site = if shm.is_dir() {
        tempfile::tempdir_in(shm).unwrap()
    } else {
        tempfile::tempdir().unwrap()
    };
    let guides = site.path().join("guides");
    std::fs::create_dir_all(&guides).unwrap();
    const GUIDES: usize = 2_610;
    const EACH: usize = 5;
    let five = |prefix: &str| {
        let names: Vec<String> = (1..=EACH).map(|k| format!("{prefix}{k}")).collect();
        format!("[{}]", names.join(", "))
    };
    let (skills, tags, employers, sectors) = (five("C"), five("t"), five("E"), five("S"));
    for i in 0..GUIDES {
        std::fs::write(
            guides.join(format!("g{i:05}.md")),
            format!(
                "---\ntitle: Role {i:05}\nsummary: S.\nresponsibilities: [W.]\nskills: {skills}\nfamily: F\ntags: {tags}\nhiring: {{employers: {employers}, sectors: {sectors}}}\nupdated: 2026-01-01\n---\n"
            ),
        )
        .unwrap();
    }
    std::fs::write(
        site.path().join("site.yaml"),
        "base_url: https://example.org/careers/\npaginate: 1\n",
    )
    .unwrap();
    build_ok(site.path(), &[]);
    let out = site.path().join("output");
    let index = read(out.join("sitemap.xml"));
    assert!(index.contains("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"));
    let parts: Vec<&str> = index
        .split("<loc>")
        .skip(1)
        .map(|s| &s[..s.find("</loc>").unwrap()])
        .collect();
    assert_eq!(
        parts,
        [
            "https://example.org/careers/sitemap-1.xml",
            "https://example.org/careers/sitemap-2.xml"
        ]
    );
    let mut all = std::collections::BTreeSet::new();
    let mut counts = Vec::new();
    for k in 1..=2 {
        let part = read(out.join(format!("sitemap-{k}.xml")));
        assert!(part.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset "));
        let urls: Vec<String> = part
            .split("<loc>")
            .skip(1)
            .map(|s| s[..s.find("</loc>").unwrap()].to_string())
            .collect();
        counts.push(urls.len());
        for u in urls {
            assert!(all.insert(u.clone()), "{u} listed twice");
        }
    }
    // One entry a page: each guide has its page, a page of search, of its
    // family's list and of each of its five employers', sectors', tags'
    // and skills' lists. Then the home page; the kind indexes (five pages
    // for each kind of five terms, one for the one family) and the skill
    // index (five pages); paths and salaries, the family's map and the
    // self-check.
    let expected = GUIDES * (3 + 4 * EACH) + 1 + (3 * EACH + 1) + EACH + 2 + 1 + 1;
    assert_eq!(expected, 60_056);
    assert_eq!(counts, [50_000, expected - 50_000]);
    assert!(all.contains("https://example.org/careers/employers/e5/page/2610/"));
    assert!(all.contains("https://example.org/careers/skills/c3/page/1305/"));
    assert!(all.contains("https://example.org/careers/guides/g02609/"));
    let robots = read(out.join("robots.txt"));
    assert!(
        robots.contains("Sitemap: https://example.org/careers/sitemap.xml\n"),
        "{robots}"
    );
    assert!(!out.join("sitemap-3.xml").exists());
}
