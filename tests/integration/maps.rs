//! The career maps: labels whole, family pages, the neighbourhood of each
//! guide, and page sizes on a large generated site.

use crate::common::*;
use std::path::Path;

/// The text of every SVG `<text>` element in `html`, its lines (`<tspan>`)
/// joined (with a space, except after a `/` or `-` that ends a line),
/// entities decoded.
fn svg_labels(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for svg in html.split("<svg").skip(1) {
        let svg = svg.split("</svg>").next().unwrap_or("");
        for text in svg.split("<text").skip(1) {
            let text = text.split("</text>").next().unwrap_or("");
            let lines: Vec<String> = text
                .split("<tspan")
                .skip(1)
                .map(|t| {
                    let inner = t.split_once('>').map_or("", |x| x.1);
                    decode_entities(inner.split("</tspan>").next().unwrap_or(""))
                })
                .collect();
            // A line broken after `/` or `-` joins without a space.
            let mut label = String::new();
            for line in lines {
                if !label.is_empty() && !label.ends_with(['/', '-']) {
                    label.push(' ');
                }
                label.push_str(&line);
            }
            out.push(label);
        }
    }
    out
}

/// A guide with a family and moves; `leads` and `trans` name other guides
/// by slug.
fn guide(slug: &str, title: &str, family: &str, leads: &[&str], trans: &[&str]) -> String {
    let list = |items: &[&str]| -> String {
        items
            .iter()
            .map(|s| format!("\n    - guide: {s}\n      title: {s}"))
            .collect()
    };
    let _ = slug;
    format!(
        "---\ntitle: \"{title}\"\nfamily: {family}\nsummary: A role.\nresponsibilities: [Do things.]\nskills: [Skill]\nprogression:\n  leads_to:{}\n  transitions:{}\n---\n",
        if leads.is_empty() { " []".to_string() } else { list(leads) },
        if trans.is_empty() { " []".to_string() } else { list(trans) },
    )
}

fn write_site(root: &Path, guides: &[(&str, String)]) {
    std::fs::create_dir_all(root.join("guides")).expect("mkdir");
    std::fs::write(
        root.join("site.yaml"),
        "title: Maps\ndescription: Map tests.\nlanguage: en\n",
    )
    .expect("site.yaml");
    for (slug, text) in guides {
        std::fs::write(root.join("guides").join(format!("{slug}.md")), text).expect("guide");
    }
}

#[test]
fn map_labels_are_whole_and_every_guide_title_appears() {
    for name in ["site", "full", "basic"] {
        let site = fixture(name);
        build_ok(site.path(), &[]);
        let out = site.path().join("output");
        let paths = read(out.join("paths/index.html"));
        assert!(!paths.contains('…'), "{name}: an ellipsis on paths/");
        let labels = svg_labels(&paths);
        assert!(!labels.is_empty(), "{name}: no map");
        for entry in std::fs::read_dir(site.path().join("guides")).expect("guides") {
            let path = entry.expect("entry").path();
            if path.extension().and_then(|e| e.to_str()) != Some("md") {
                continue;
            }
            let text = read(&path);
            if text.contains("draft: true") {
                continue;
            }
            let title = text
                .lines()
                .find_map(|l| l.strip_prefix("title: "))
                .expect("title")
                .split(" #")
                .next()
                .unwrap_or("")
                .trim()
                .trim_matches('"')
                .to_string();
            assert!(
                labels.contains(&title),
                "{name}: {title:?} is not whole in {labels:?}"
            );
        }
    }
}

#[test]
fn a_long_title_wraps_onto_lines_and_stays_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    let long = "Staff / Principal Technical Program Manager for Machine Learning Infrastructure (Payments)";
    write_site(
        dir.path(),
        &[
            ("a", guide("a", long, "Programs", &["b"], &[])),
            (
                "b",
                guide("b", "Director of Programs", "Programs", &[], &[]),
            ),
        ],
    );
    build_ok(dir.path(), &[]);
    let out = dir.path().join("output");
    for page in [
        "paths/index.html",
        "paths/programs/index.html",
        "guides/b/index.html",
    ] {
        let html = read(out.join(page));
        assert!(!html.contains('…'), "{page}");
        let labels = svg_labels(&html);
        assert!(labels.iter().any(|l| l == long), "{page}: {labels:?}");
        // Wrapped: the long title takes several lines in each drawing.
        assert!(html.matches("<tspan").count() > 4, "{page}");
    }
}

#[test]
fn family_maps_exist_and_link_back() {
    let site = fixture("full");
    build_ok(site.path(), &[]);
    let out = site.path().join("output");
    let paths = read(out.join("paths/index.html"));
    let mut pages = 0;
    for entry in std::fs::read_dir(out.join("paths")).expect("paths") {
        let dir = entry.expect("entry").path();
        if !dir.is_dir() {
            continue;
        }
        pages += 1;
        let slug = dir
            .file_name()
            .and_then(|n| n.to_str())
            .expect("name")
            .to_string();
        let html = read(dir.join("index.html"));
        assert!(
            paths.contains(&format!("href=\"../paths/{slug}/\"")),
            "paths/ links {slug}"
        );
        assert!(
            html.contains("href=\"../../paths/\""),
            "{slug} links back to paths/"
        );
        assert!(
            html.contains("<svg class=\"graph graph-h\""),
            "{slug} has a map"
        );
        assert!(
            html.contains("<svg class=\"graph graph-v\""),
            "{slug} has a phone map"
        );
        assert!(html.contains("role=\"group\""), "{slug}");
        assert_links_open_from_disk(&out, &format!("paths/{slug}/index.html"));
    }
    // One map a family: as many as there are family pages.
    let families = std::fs::read_dir(out.join("families"))
        .expect("families")
        .filter(|e| e.as_ref().expect("entry").path().is_dir())
        .count();
    assert!(families > 0);
    assert_eq!(pages, families);
}

/// The guide names (aria names of linked boxes and box labels) in the
/// wide drawing of the neighbourhood map on `page`.
fn near_labels(html: &str) -> Vec<String> {
    let start = html
        .find("class=\"graph-scroll near-map\"")
        .expect("a neighbourhood map");
    let part = &html[start..];
    let wide = part.split("</svg>").next().expect("svg");
    let mut labels = svg_labels(&format!("{wide}</svg>"));
    labels.sort();
    labels
}

#[test]
fn the_neighbourhood_map_shows_exactly_the_roles_two_steps_away() {
    // a -> b -> c -> d -> e, x -> c (transition), c -> y (transition); f
    // stands apart. From c: one step back b and x, two back a; one on d
    // and y, two on e.
    let dir = tempfile::tempdir().expect("tempdir");
    write_site(
        dir.path(),
        &[
            ("a", guide("a", "Role A", "F", &["b"], &[])),
            ("b", guide("b", "Role B", "F", &["c"], &[])),
            ("c", guide("c", "Role C", "F", &["d"], &["y"])),
            ("d", guide("d", "Role D", "G", &["e"], &[])),
            ("e", guide("e", "Role E", "G", &["f"], &[])),
            ("f", guide("f", "Role F", "G", &[], &[])),
            ("x", guide("x", "Role X", "G", &[], &["c"])),
            ("y", guide("y", "Role Y", "G", &[], &[])),
        ],
    );
    build_ok(dir.path(), &[]);
    let out = dir.path().join("output");
    let c = read(out.join("guides/c/index.html"));
    assert_eq!(
        near_labels(&c),
        ["Role A", "Role B", "Role C", "Role D", "Role E", "Role X", "Role Y"]
    );
    for slug in ["a", "b", "d", "e", "x", "y"] {
        assert!(
            c.contains(&format!("href=\"../../guides/{slug}/\"")),
            "{slug}"
        );
    }
    // f is three steps on: not on c's map, but on e's and d's.
    assert!(!near_labels(&c).contains(&"Role F".to_string()));
    assert!(near_labels(&read(out.join("guides/d/index.html"))).contains(&"Role F".to_string()));
    let a = read(out.join("guides/a/index.html"));
    assert_eq!(near_labels(&a), ["Role A", "Role B", "Role C"]);
    assert_links_open_from_disk(&out, "guides/c/index.html");
}

#[test]
fn map_pages_stay_small_on_a_large_generated_site() {
    let dir = tempfile::tempdir().expect("tempdir");
    let n = 2000;
    let families = ["Data", "Design", "Platform", "Product", "Security"];
    let guides: Vec<(String, String)> = (0..n)
        .map(|i| {
            let slug = format!("role-{i:04}");
            let fam = families[i % families.len()];
            let next = |k: usize| format!("role-{:04}", (i * 7 + k * 13 + 1) % n);
            let leads = [next(1), next(2), next(3)];
            let trans = [next(4), next(5)];
            let leads: Vec<&str> = leads.iter().map(String::as_str).collect();
            let trans: Vec<&str> = trans.iter().map(String::as_str).collect();
            let title = format!("Senior {fam} Engineer for Platform Reliability {i}");
            let mut text = guide(&slug, &title, fam, &leads, &trans);
            // Plain roles too, named by many guides.
            text = text.replace(
                "  transitions:",
                &format!("    - Head of {fam} {}\n  transitions:", i % 50),
            );
            (slug, text)
        })
        .collect();
    let refs: Vec<(&str, String)> = guides
        .iter()
        .map(|(s, t)| (s.as_str(), t.clone()))
        .collect();
    write_site(dir.path(), &refs);
    build_ok(dir.path(), &[]);
    let out = dir.path().join("output");
    let mut checked = 0;
    let mut biggest = (0, String::new());
    for (path, bytes) in tree(&out) {
        let mine = path.starts_with("paths/") || path.starts_with("guides/");
        if mine && path.ends_with(".html") {
            checked += 1;
            if bytes.len() > biggest.0 {
                biggest = (bytes.len(), path.clone());
            }
            assert!(bytes.len() < 200_000, "{path}: {} bytes", bytes.len());
            assert!(!String::from_utf8_lossy(&bytes).contains('…'), "{path}");
        }
    }
    assert_eq!(checked, n + 1 + families.len());
    println!("largest map page: {} ({} bytes)", biggest.1, biggest.0);
}

/// The links of `selector` on `page` (under `out`), resolved to the files
/// they open, in order.
fn linked_files(out: &Path, page: &str, selector: &str) -> Vec<String> {
    let html = scraper::Html::parse_document(&read(out.join(page)));
    let sel = scraper::Selector::parse(selector).expect("selector");
    let dir = Path::new(page).parent().expect("a folder");
    html.select(&sel)
        .filter_map(|a| a.value().attr("href"))
        .map(|href| {
            let mut parts: Vec<&str> = dir.iter().filter_map(|p| p.to_str()).collect();
            for seg in href.split('/').filter(|s| !s.is_empty()) {
                if seg == ".." {
                    parts.pop();
                } else {
                    parts.push(seg);
                }
            }
            format!("{}/index.html", parts.join("/"))
        })
        .collect()
}

/// Lists of guides that grow with the site (a family's guides left off its
/// map, the guides without a family) show the first `paginate` A to Z and
/// link the full list, page by page, where every guide is.
#[test]
fn lists_on_map_pages_are_cut_at_the_page_size_and_link_the_full_list() {
    let dir = tempfile::tempdir().expect("tempdir");
    // 45 guides in one family: more than a map holds (40), none linked.
    let mut guides: Vec<(String, String)> = (0..45)
        .map(|i| {
            let slug = format!("ops-{i:02}");
            (
                slug.clone(),
                guide(&slug, &format!("Ops Role {i:02}"), "Ops", &[], &[]),
            )
        })
        .collect();
    for i in 0..5 {
        let slug = format!("lone-{i}");
        let text =
            guide(&slug, &format!("Lone Role {i}"), "x", &[], &[]).replace("family: x\n", "");
        guides.push((slug, text));
    }
    let refs: Vec<(&str, String)> = guides
        .iter()
        .map(|(s, t)| (s.as_str(), t.clone()))
        .collect();
    write_site(dir.path(), &refs);
    let yaml = dir.path().join("site.yaml");
    std::fs::write(&yaml, read(&yaml) + "paginate: 3\n").expect("site.yaml");
    build_ok(dir.path(), &[]);
    let out = dir.path().join("output");

    // The family's map: 40 boxes, the first 3 of the 5 others, and a link
    // to the family's guide list, whose pages hold all 45.
    let page = read(out.join("paths/ops/index.html"));
    let on_map: std::collections::BTreeSet<String> = svg_labels(&page).into_iter().collect();
    let off_map: Vec<String> = (0..45)
        .filter(|i| !on_map.contains(&format!("Ops Role {i:02}")))
        .map(|i| format!("guides/ops-{i:02}/index.html"))
        .collect();
    assert_eq!(off_map.len(), 5, "{on_map:?}");
    let others = linked_files(&out, "paths/ops/index.html", "#others-heading ~ ul a");
    assert_eq!(others, off_map[..3]);
    assert!(page.contains("All 45 in Ops"), "{page}");
    let full = linked_files(&out, "paths/ops/index.html", "#others-heading ~ p a");
    assert_eq!(full, ["families/ops/index.html"]);
    let mut listed = std::collections::BTreeSet::new();
    let mut next = Some("families/ops/index.html".to_string());
    while let Some(p) = next.take() {
        for g in linked_files(&out, &p, "article h3 a, .card a, li a")
            .into_iter()
            .filter(|f| f.starts_with("guides/ops-"))
        {
            listed.insert(g);
        }
        next = linked_files(&out, &p, "a[rel=next]").into_iter().next();
    }
    assert_eq!(listed.len(), 45, "{listed:?}");
    // The guides without a family: the first 3 A to Z, and every guide A
    // to Z behind a link.
    let lone = linked_files(&out, "paths/index.html", "#families-heading ~ h3 + ul a");
    assert_eq!(
        lone,
        (0..3)
            .map(|i| format!("guides/lone-{i}/index.html"))
            .collect::<Vec<_>>()
    );
    let all = linked_files(&out, "paths/index.html", "#families-heading ~ p a");
    assert_eq!(all, ["search/index.html"]);
    assert_links_open_from_disk(&out, "paths/ops/index.html");
}

/// A role many guides lead to lists the first `paginate` of them and counts
/// the rest, so its page stays light however many there are.
#[test]
fn roles_that_lead_here_are_cut_at_the_page_size_and_counted() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut guides: Vec<(String, String)> = (0..10)
        .map(|i| {
            let slug = format!("feeder-{i}");
            (
                slug.clone(),
                guide(&slug, &format!("Feeder {i}"), "Ops", &["hub"], &[]),
            )
        })
        .collect();
    guides.push(("hub".into(), guide("hub", "Hub", "Ops", &[], &[])));
    let refs: Vec<(&str, String)> = guides
        .iter()
        .map(|(s, t)| (s.as_str(), t.clone()))
        .collect();
    write_site(dir.path(), &refs);
    let yaml = dir.path().join("site.yaml");
    std::fs::write(&yaml, read(&yaml) + "paginate: 3\n").expect("site.yaml");
    build_ok(dir.path(), &[]);
    let out = dir.path().join("output");
    // The hub leads nowhere: its progression section is "Roles That Lead
    // Here" alone.
    let listed = linked_files(
        &out,
        "guides/hub/index.html",
        "section[aria-labelledby=progression] ul.roles li > a:not(.move)",
    );
    assert_eq!(
        listed,
        (0..3)
            .map(|i| format!("guides/feeder-{i}/index.html"))
            .collect::<Vec<_>>()
    );
    let page = read(out.join("guides/hub/index.html"));
    assert!(
        page.contains("And 7 more roles whose guides list this one."),
        "{page}"
    );
}
