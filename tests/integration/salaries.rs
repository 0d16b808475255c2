//! The salary pages and a guide's salary charts: what they compare, in
//! which order, and how large they grow.

use crate::common::*;
use careerbook::guide::load::load;
use careerbook::render::money::figures;
use scraper::{ElementRef, Html, Selector};
use std::collections::BTreeSet;
use std::path::Path;

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("selector")
}

fn text(e: ElementRef<'_>) -> String {
    collapse(&e.text().collect::<String>())
}

fn built(fixture_name: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let site = fixture(fixture_name);
    let out = site.path().join("out");
    build_ok(site.path(), &["--output", out.to_str().expect("utf-8")]);
    (site, out)
}

/// Every (guide slug, level, figures) a guide gives, with the id of the one
/// group (currency, period, basis) it belongs to.
fn ranges(root: &Path) -> BTreeSet<(String, String, String, String)> {
    let loaded = load(root).expect("load");
    let mut out = BTreeSet::new();
    for g in &loaded.guides {
        let Some(s) = &g.front.salary else { continue };
        for r in &s.ranges {
            let mut id = format!("{}-{}", s.currency.to_lowercase(), s.period.as_str());
            if let Some(b) = r.basis {
                id = format!("{id}-{}", b.as_str());
            }
            out.insert((g.slug.clone(), r.level.clone(), figures(&s.currency, r), id));
        }
    }
    out
}

/// The `(guide slug, level, figures, group id)` of every range in every
/// per-role table of the family pages under `out/salaries/`.
fn role_table_ranges(out: &Path) -> Vec<(String, String, String, String)> {
    let mut found = Vec::new();
    for (path, bytes) in tree(&out.join("salaries")) {
        if path == "index.html" {
            continue;
        }
        let html = Html::parse_document(&String::from_utf8(bytes).expect("utf-8"));
        for section in html.select(&sel("section.salary-group")) {
            let id = section
                .value()
                .attr("aria-labelledby")
                .expect("labelled")
                .to_string();
            for row in section.select(&sel("tbody tr")) {
                let href = row
                    .select(&sel("th a"))
                    .next()
                    .and_then(|a| a.value().attr("href"))
                    .expect("role link");
                let slug = href.trim_end_matches('/').rsplit('/').next().expect("slug");
                for cell in row.select(&sel("td")) {
                    let level = cell.value().attr("data-label").expect("label").to_string();
                    for range in cell.select(&sel(".cell-range")) {
                        let figs = range
                            .text()
                            .map(str::trim)
                            .find(|t| t.contains('–'))
                            .expect("figures")
                            .to_string();
                        found.push((slug.to_string(), level.clone(), figs, id.clone()));
                    }
                }
            }
        }
    }
    found
}

#[test]
fn no_row_table_or_chart_mixes_basis_period_or_currency() {
    let (site, out) = built("salaries");
    let given = ranges(site.path());
    let shown = role_table_ranges(&out);
    // Every range is shown once, in the table of its own group.
    assert_eq!(shown.len(), given.len(), "{shown:#?}");
    for r in &shown {
        assert!(given.contains(r), "{r:?} is in the wrong group");
    }
    // The overview: one section per group, each labelled with what it is.
    let html = Html::parse_document(&read(out.join("salaries/index.html")));
    let labels: Vec<String> = html
        .select(&sel("section.salary-group h2"))
        .map(text)
        .collect();
    for want in [
        "Base salary, USD per year",
        "Total compensation, USD per year",
        "Salary (base or total not stated), EUR per month",
        "Salary (base or total not stated), USD per hour",
    ] {
        assert!(labels.iter().any(|l| l == want), "{want} not in {labels:?}");
    }
    // The base group's Senior row does not reach the total's $480k.
    let base = html
        .select(&sel("section[aria-labelledby=usd-year-base]"))
        .next()
        .expect("base group");
    assert!(!text(base).contains("$480k"), "{}", text(base));
    // A guide with both bases draws two charts, each labelled, each with
    // only its own ranges.
    let guide = Html::parse_document(&read(out.join("guides/backend-engineer/index.html")));
    let charts: Vec<(String, String)> = guide
        .select(&sel("#salary ~ .salary-box figure"))
        .map(|f| {
            let cap = f
                .select(&sel("figcaption"))
                .next()
                .map(text)
                .unwrap_or_default();
            (cap, text(f))
        })
        .collect();
    assert_eq!(charts.len(), 2, "{charts:?}");
    assert_eq!(charts[0].0, "Base salary, USD per year");
    assert!(!charts[0].1.contains("$480k"), "{charts:?}");
    assert_eq!(charts[1].0, "Total compensation, USD per year");
    assert!(charts[1].1.contains("$220k–$480k+"), "{charts:?}");
}

/// The level row heads of the overview's group `id`, in order.
fn overview_levels(out: &Path, id: &str) -> Vec<String> {
    let html = Html::parse_document(&read(out.join("salaries/index.html")));
    let section = html
        .select(&sel(&format!("section[aria-labelledby={id}]")))
        .next()
        .expect("group");
    section.select(&sel("tbody th")).map(text).collect()
}

#[test]
fn levels_come_in_career_order_from_the_guides_or_site_yaml() {
    let (site, out) = built("salaries");
    // The guides' own orders merged: pay would put Manager before Staff.
    assert_eq!(
        overview_levels(&out, "usd-year-base"),
        [
            "Entry",
            "Mid",
            "Senior",
            "Staff",
            "Principal",
            "Manager",
            "Senior Manager"
        ]
    );
    // The family page's columns follow the same order.
    let fam = Html::parse_document(&read(out.join("salaries/software-engineering/index.html")));
    let heads: Vec<String> = fam
        .select(&sel("section[aria-labelledby=usd-year-base] thead th"))
        .map(text)
        .collect();
    assert_eq!(
        heads,
        [
            "Role",
            "Entry",
            "Mid",
            "Senior",
            "Staff",
            "Principal",
            "Manager",
            "Senior Manager"
        ]
    );

    // site.yaml's list wins, and `check` names a level it lacks.
    std::fs::write(
        site.path().join("site.yaml"),
        "title: Salary fixture\nlevels: [Entry, Mid, Senior, Manager, Senior Manager, Staff, Principal, Junior]\n",
    )
    .expect("write");
    build_ok(site.path(), &["--output", out.to_str().expect("utf-8")]);
    assert_eq!(
        overview_levels(&out, "usd-year-base"),
        [
            "Entry",
            "Mid",
            "Senior",
            "Manager",
            "Senior Manager",
            "Staff",
            "Principal"
        ]
    );
    let check = careerbook(&["check", "--root", site.path().to_str().expect("utf-8")]);
    let report = stderr(&check) + &String::from_utf8_lossy(&check.stdout);
    assert!(report.contains("W0506"), "{report}");
    assert!(
        report
            .contains("salary level `Senior (large tech) L6 and above, remote` is not in `levels`"),
        "{report}"
    );
    assert!(report.contains("guides/data-analyst.md:14"), "{report}");
    assert!(!report.contains("level `Entry`"), "{report}");
    // A blank entry is refused.
    std::fs::write(site.path().join("site.yaml"), "levels: [Entry, '']\n").expect("write");
    let check = careerbook(&["check", "--root", site.path().to_str().expect("utf-8")]);
    assert!(!check.status.success(), "{}", stderr(&check));
}

#[test]
fn labels_are_whole_without_suffix_and_median_only_where_given() {
    let (_site, out) = built("salaries");
    for (path, bytes) in tree(&out) {
        if !path.ends_with(".html") {
            continue;
        }
        let page = page_text(&String::from_utf8(bytes).expect("utf-8"));
        assert!(!page.contains('…'), "{path}: {page}");
        for suffix in [
            "Entry Level",
            "Senior Level",
            "Manager Level",
            "Staff Level",
        ] {
            assert!(!page.contains(suffix), "{path}: {suffix}");
        }
        assert!(!page.contains("Median Salary Range"), "{path}");
    }
    let overview = read(out.join("salaries/index.html"));
    assert!(overview.contains("Senior (large tech) L6 and above, remote"));
    let html = Html::parse_document(&overview);
    let heads = |id: &str| -> Vec<String> {
        html.select(&sel(&format!("section[aria-labelledby={id}] thead th")))
            .map(text)
            .collect()
    };
    // Medians given in the base group only.
    assert!(heads("usd-year-base").contains(&"Median".to_string()));
    assert!(!heads("eur-month").contains(&"Median".to_string()));
    assert!(!heads("usd-year-total").contains(&"Median".to_string()));
    // Every row has a cell under every head: no empty column.
    for section in html.select(&sel("section.salary-group")) {
        let n = section.select(&sel("thead th")).count();
        for row in section.select(&sel("tbody tr")) {
            assert_eq!(row.children().filter(|c| c.value().is_element()).count(), n);
        }
    }
    // A guide's chart heading says "median" only when one is given.
    let title = |slug: &str| {
        let html = Html::parse_document(&read(out.join(format!("guides/{slug}/index.html"))));
        let h = html.select(&sel("#salary ~ h3")).next().map(text);
        h.expect("salary heading")
    };
    assert_eq!(title("backend-engineer"), "Salary range and median");
    assert_eq!(title("staff-engineer"), "Salary range");
}

/// A site of `n` guides in 12 families, each with three salary levels, some
/// base and some total, in three currencies.
fn generated_site(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let guides = dir.path().join("guides");
    std::fs::create_dir_all(&guides).expect("mkdir");
    let currencies = ["USD", "USD", "USD", "GBP", "EUR"];
    for i in 0..n {
        let family = format!("Family {}", i % 12);
        let cur = currencies[i % currencies.len()];
        let mut ranges = String::new();
        let mut lo = 60_000 + (i % 37) * 2_500;
        for (k, level) in ["Entry", "Mid", "Senior"].iter().enumerate() {
            let hi = lo + 20_000 + (i * 7 + k) % 9 * 5_000;
            let basis = if (i + k) % 5 == 0 { "total" } else { "base" };
            ranges.push_str(&format!(
                "    - level: {level}\n      region: US\n      min: {lo}\n      max: {hi}\n      basis: {basis}\n"
            ));
            lo = hi;
        }
        std::fs::write(
            guides.join(format!("role-{i:05}.md")),
            format!(
                "---\ntitle: Role Number {i} (Specialist in Area {})\nfamily: {family}\nsummary: A generated role.\nresponsibilities: [Work.]\nskills: [Skill]\nsalary:\n  currency: {cur}\n  period: year\n  ranges:\n{ranges}---\n",
                i % 101
            ),
        )
        .expect("write");
    }
    dir
}

#[test]
fn salary_pages_stay_small_and_reach_every_role_at_2000_guides() {
    let site = generated_site(2000);
    let out = site.path().join("out");
    build_ok(site.path(), &["--output", out.to_str().expect("utf-8")]);
    let pages = tree(&out);
    // Follow links from the overview through the salary pages only.
    let mut seen = BTreeSet::from(["salaries/index.html".to_string()]);
    let mut todo = vec!["salaries/index.html".to_string()];
    let mut roles = BTreeSet::new();
    while let Some(page) = todo.pop() {
        let html = String::from_utf8_lossy(&pages[&page]).to_string();
        assert!(html.len() < 200 * 1024, "{page} is {} bytes", html.len());
        for link in links(&html) {
            let Some(Ok(file)) = file_on_disk(&page, &link) else {
                continue;
            };
            if let Some(slug) = file.strip_prefix("guides/") {
                roles.insert(slug.to_string());
            } else if file.starts_with("salaries/") && seen.insert(file.clone()) {
                todo.push(file);
            }
        }
    }
    let salary_pages = pages.keys().filter(|p| p.starts_with("salaries/")).count();
    assert_eq!(seen.len(), salary_pages, "every salary page is reached");
    assert!(salary_pages > 13, "families are paginated: {salary_pages}");
    // Every role is listed on a page of its family, reached from the overview.
    assert_eq!(roles.len(), 2000);
    assert_links_open_from_disk(&out, "salaries/index.html");
}
