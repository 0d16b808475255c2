//! `careerbook build` on fixture sites and on this repository's own guides.

use careerbook::guide::load::{parse_guide, SourceFile};
use careerbook::guide::model::FrontMatter;
use careerbook::render::markdown;

use crate::common::*;
use std::path::Path;

const SEED: &str = "guides/technical-program-manager-engineering-platforms.md";

fn front(path: &Path, rel: &str) -> FrontMatter {
    let text = read(path);
    let source = SourceFile {
        path: rel.into(),
        text: text.into(),
    };
    parse_guide(&source)
        .unwrap_or_else(|d| panic!("{rel} does not parse: {d:?}"))
        .front
}

/// Every item of a guide, as the text a reader should find on its page.
fn expected_items(f: &FrontMatter) -> Vec<String> {
    let plain = |s: &str| collapse(&markdown::plain(s));
    let mut items = vec![f.title.clone(), plain(&f.summary)];
    items.extend(f.responsibilities.iter().map(|s| plain(s)));
    items.extend(f.skills.iter().map(|s| plain(s)));
    if let Some(p) = &f.progression {
        items.extend(
            p.leads_to
                .iter()
                .chain(&p.transitions)
                .map(|r| r.title().to_string()),
        );
    }
    if let Some(g) = &f.skill_gaps {
        items.extend(g.missing.iter().map(|s| plain(s)));
        items.extend(g.development.iter().map(|s| plain(s)));
    }
    if let Some(s) = &f.salary {
        for r in &s.ranges {
            let mut line = String::new();
            if let Some(region) = &r.region {
                line.push_str(&format!("{region}: "));
            }
            line.push_str(&careerbook::render::money::figures(&s.currency, r));
            if let Some(b) = r.basis {
                line.push_str(&format!(" {}", b.as_str()));
            }
            items.push(line);
            items.push(r.level.clone());
            items.extend(r.titles.iter().map(|t| format!("often titled {t}")));
            items.extend(r.note.iter().map(|n| plain(n)));
        }
    }
    if let Some(d) = &f.demand {
        items.extend(d.summary.iter().map(|s| plain(s)));
    }
    if let Some(h) = &f.hiring {
        items.extend(h.employers.iter().cloned());
        items.extend(h.sectors.iter().cloned());
    }
    items.extend(f.next_steps.iter().map(|s| plain(s)));
    items.extend(f.sources.iter().map(|s| s.title.clone()));
    items.extend(f.alt_titles.iter().cloned());
    items.extend(f.resources.iter().map(|s| s.title.clone()));
    if let Some(r) = &f.requirements {
        items.extend(r.education.iter().chain(&r.experience).map(|s| plain(s)));
        items.extend(r.certifications.iter().cloned());
    }
    items
}

#[test]
fn seed_guide_page_shows_every_item() {
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("site");
    build_ok(&repo(), &["--output", dest.to_str().unwrap()]);
    let f = front(&repo().join(SEED), SEED);
    let slug = f
        .slug
        .clone()
        .unwrap_or_else(|| "technical-program-manager-engineering-platforms".into());
    let html = read(dest.join(format!("guides/{slug}/index.html")));
    let text = page_text(&html);
    let items = expected_items(&f);
    assert!(items.len() > 60, "the seed guide has {} items", items.len());
    let missing: Vec<&String> = items
        .iter()
        .filter(|i| !text.contains(i.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "items missing from the page: {missing:#?}"
    );
    // The sections appear in the seed's order, under the seed's names.
    let order = [
        "Key Responsibilities",
        "Top Skills for Success",
        "Career Progression",
        "Can Lead To",
        "Transition Opportunities",
        "Common Skill Gaps",
        "Often Missing Skills",
        "Development Suggestions",
        "Salary & Demand",
        "Salary range",
        "Growth Trend",
        "Companies Hiring",
        "Major Employers",
        "Industry Sectors",
        "Recommended Next Steps",
    ];
    let body = &text[text.find("Career Guide").expect("eyebrow")..];
    let body = &body[body.find("On this page").unwrap()..];
    let body = &body[body.find("Sources").unwrap()..];
    let mut at = 0;
    for name in order {
        let i = body[at..]
            .find(name)
            .unwrap_or_else(|| panic!("section {name} missing or out of order"));
        at += i + name.len();
    }
    // The seed's open-ended top range reads like the seed.
    assert!(text.contains("US: $185k–$240k+ base"), "open-ended range");
    // Next steps are an ordered list.
    assert!(html.contains("<ol class=\"steps\">"));
}

#[test]
fn every_repo_guide_page_shows_every_item_and_links_resolve() {
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("site");
    build_ok(
        &repo(),
        &["--output", dest.to_str().unwrap(), "--base-url", "/"],
    );
    let paths = careerbook::guide::load::guide_paths(&repo()).unwrap();
    assert!(paths.len() >= 4, "the repo has at least four guides");
    let mut cross_links = 0;
    for rel in &paths {
        let rel_s = rel.to_str().unwrap();
        let f = front(&repo().join(rel), rel_s);
        if f.draft {
            continue;
        }
        let slug = f
            .slug
            .clone()
            .unwrap_or_else(|| careerbook::guide::load::slug_from_path(rel));
        let html = read(dest.join(format!("guides/{slug}/index.html")));
        let text = page_text(&html);
        for item in expected_items(&f) {
            assert!(
                text.contains(&item),
                "{rel_s}: `{item}` missing from its page"
            );
        }
        for link in links(&html) {
            if let Some(other) = link.strip_prefix("../../guides/") {
                cross_links += 1;
                let target = dest.join("guides").join(other).join("index.html");
                assert!(target.is_file(), "{rel_s}: link {link} has no page");
            }
        }
    }
    assert!(
        cross_links >= 4,
        "guides link to each other ({cross_links} links)"
    );
}

#[test]
fn site_without_themes_builds_from_embedded_theme() {
    let site = fixture("minimal");
    assert!(!site.path().join("themes").exists());
    build_ok(site.path(), &[]);
    let out = site.path().join("output");
    let index = read(out.join("index.html"));
    assert!(
        index.contains("<a href=\"./guides/solo/\">Solo Role</a>"),
        "{index}"
    );
    assert!(index.contains("<html lang=\"en\">"));
    let css = std::fs::read(out.join("style.css")).unwrap();
    assert_eq!(
        css,
        std::fs::read(repo().join("themes/default/static/style.css")).unwrap()
    );
    let page = read(out.join("guides/solo/index.html"));
    assert!(page.contains("<meta charset=\"utf-8\">"));
    assert!(page.contains("<title>Solo Role · Career Guides</title>"));
    assert!(page.contains("<meta name=\"description\" content=\"The only guide in a site with no site.yaml and no themes.\">"));
    assert_eq!(page.matches("<h1").count(), 1);
    assert!(out.join(".nojekyll").is_file());
    assert!(out.join("404.html").is_file());
}

#[test]
fn a_site_template_overrides_the_builtin_one_file_at_a_time() {
    let site = fixture("basic");
    let dir = site.path().join("themes/default/templates");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("guide.html"),
        "{% extends \"base.html\" %}{% block content %}<h1>CUSTOM {{ guide.title }}</h1>{% endblock content %}",
    )
    .unwrap();
    build_ok(site.path(), &[]);
    let page = read(site.path().join("output/guides/staff-engineer/index.html"));
    assert!(page.contains("<h1>CUSTOM Staff Engineer</h1>"), "{page}");
    // base.html still comes from the built-in theme.
    assert!(page.contains("class=\"site-header\""));
    // index.html is not overridden.
    let index = read(site.path().join("output/index.html"));
    assert!(index.contains("class=\"overview\""));
}

/// A GitHub project site: published under `/repo/`. Pages link to each
/// other relative to their own folder, so every link resolves both from
/// disk and under the sub-path; only 404.html (served at any depth) uses
/// root-absolute links, and those are under `/repo/`; what must be
/// absolute (canonical, Open Graph) is under `https://user.github.io/repo/`.
#[test]
fn base_url_with_sub_path_gives_links_that_work_under_it_and_from_disk() {
    let site = fixture("basic");
    build_ok(site.path(), &["--base-url", "https://user.github.io/repo/"]);
    let out = site.path().join("output");
    let mut checked = 0;
    for (path, bytes) in tree(&out) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        for link in links(&html) {
            if link.starts_with('#') || link.starts_with("mailto:") {
                continue;
            }
            let own = link.strip_prefix("https://user.github.io");
            if link.starts_with("http") && own.is_none() {
                continue; // external
            }
            checked += 1;
            let local = own.unwrap_or(&link);
            if local.starts_with('/') {
                assert!(
                    own.is_some() || path == "404.html",
                    "{path}: link {link} is root-absolute"
                );
                let rel = local
                    .strip_prefix("/repo/")
                    .unwrap_or_else(|| panic!("{path}: link {link} is not under /repo/"));
                let file = out.join(rel);
                let file = if rel.is_empty() || rel.ends_with('/') {
                    file.join("index.html")
                } else {
                    file
                };
                assert!(file.exists(), "{path}: link {link} does not resolve");
            } else {
                assert_ne!(path, "404.html", "404.html: relative link {link}");
                let file = file_on_disk(&path, &link)
                    .expect("an internal link")
                    .unwrap_or_else(|why| panic!("{path}: {why}"));
                assert!(
                    out.join(&file).is_file(),
                    "{path}: link {link} does not resolve"
                );
            }
        }
    }
    assert!(checked > 20, "checked {checked} links");
    // The built-in checker, which resolves links under /repo/ as a browser
    // does on the published site, agrees, fragments included.
    let res = careerbook(&[
        "check",
        "--links",
        "--root",
        site.path().to_str().unwrap(),
        "--base-url",
        "https://user.github.io/repo/",
    ]);
    assert_eq!(res.status.code(), Some(0), "{}", stderr(&res));
    assert!(stderr(&res).contains("links: 0 broken"));
    let page = read(out.join("guides/backend-engineer/index.html"));
    assert!(page.contains(
        "<link rel=\"canonical\" href=\"https://user.github.io/repo/guides/backend-engineer/\">"
    ));
    assert!(page.contains(
        "<meta property=\"og:url\" content=\"https://user.github.io/repo/guides/backend-engineer/\">"
    ));
    assert!(page.contains("<link rel=\"stylesheet\" href=\"../../style.css\">"));
    let not_found = read(out.join("404.html"));
    assert!(not_found.contains("<link rel=\"stylesheet\" href=\"/repo/style.css\">"));
}

#[test]
fn two_builds_are_byte_identical() {
    let site = fixture("basic");
    let a = site.path().join("out-a");
    let b = site.path().join("out-b");
    build_ok(site.path(), &["--output", a.to_str().unwrap()]);
    build_ok(site.path(), &["--output", b.to_str().unwrap()]);
    let (ta, tb) = (tree(&a), tree(&b));
    assert!(ta.len() > 5);
    assert_eq!(ta, tb);
}

#[test]
fn a_failed_build_leaves_the_previous_output_in_place() {
    let site = fixture("basic");
    build_ok(site.path(), &[]);
    let out = site.path().join("output");
    let before = tree(&out);
    std::fs::write(
        site.path().join("guides/broken.md"),
        "---\ntitle: Broken\nsummary: s\nresponsibilities: [a]\nskills: [b]\nsalary:\n  currency: USD\n  period: year\n  ranges:\n    - level: Entry\n      min: \"110k\"\n      max: 2\n---\n",
    )
    .unwrap();
    // Also change a valid guide, so a partial write would show.
    let staff = site.path().join("guides/staff-engineer.md");
    std::fs::write(
        &staff,
        read(&staff).replace("Technical leadership", "CHANGED"),
    )
    .unwrap();
    let res = careerbook(&["build", "--root", site.path().to_str().unwrap()]);
    assert_eq!(res.status.code(), Some(1));
    assert_eq!(tree(&out), before, "output changed after a failed build");
    let err = stderr(&res);
    assert!(err.contains("guides/broken.md:11:12"), "{err}");
    assert!(err.contains("salary.ranges[0].min"), "{err}");
    // No staging folders are left behind.
    let leftovers = staging_leftovers(site.path());
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn an_invalid_guide_exits_1_naming_file_line_and_field() {
    let site = fixture("minimal");
    std::fs::write(
        site.path().join("guides/bad.md"),
        "---\ntitle: Bad\nsummary: s\nresponsibilities: just one string\nskills: [b]\n---\n",
    )
    .unwrap();
    let res = careerbook(&["build", "--root", site.path().to_str().unwrap()]);
    assert_eq!(res.status.code(), Some(1));
    let err = stderr(&res);
    assert!(err.contains("guides/bad.md:4"), "{err}");
    assert!(err.contains("responsibilities"), "{err}");
    assert!(!site.path().join("output").exists(), "nothing is written");
}

#[test]
fn drafts_build_only_with_the_flag() {
    let site = fixture("basic");
    build_ok(site.path(), &[]);
    assert!(!site.path().join("output/guides/draft-role").exists());
    assert!(!read(site.path().join("output/index.html")).contains("Draft Role"));
    build_ok(site.path(), &["--drafts"]);
    let page = read(site.path().join("output/guides/draft-role/index.html"));
    assert!(page.contains("<h1>Draft Role</h1>"), "{page}");
    assert!(read(site.path().join("output/index.html")).contains("Draft Role"));
}

/// The home page is an overview: each family by name with its count, its
/// guides (at most three, most recently updated first) and a link to the
/// family's page; the guides without a family under "Other roles", linked
/// to the search page's list of every guide.
#[test]
fn index_lists_each_family_with_its_count_and_latest_guides() {
    let site = fixture("basic");
    write_guide(site.path(), "loose", "Loose Role", "updated: 2026-01-01\n");
    build_ok(site.path(), &[]);
    let html = read(site.path().join("output/index.html"));
    let text = page_text(&html);
    let eng = text
        .find("Engineering 2 role guides Backend Engineer Staff Engineer")
        .expect("Engineering family first");
    let mgmt = text
        .find("Management 1 role guide Engineering Manager")
        .expect("Management family");
    let other = text
        .find("Other roles 1 role guide Loose Role")
        .expect("guides without a family last");
    assert!(eng < mgmt && mgmt < other, "{text}");
    assert!(html.contains("<a href=\"./families/engineering/\">Engineering</a>"));
    assert!(html.contains("<a href=\"./search/\">Other roles</a>"));
    assert!(text.contains("4 role guides in 2 job families."), "{text}");
}

#[test]
fn guide_page_links_progression_by_slug_and_by_title_and_back() {
    let site = fixture("basic");
    build_ok(site.path(), &[]);
    let out = site.path().join("output");
    let backend = read(out.join("guides/backend-engineer/index.html"));
    // By `guide:` slug.
    assert!(backend.contains("<a href=\"../../guides/staff-engineer/\">Staff Engineer</a>"));
    // A plain title equal to another guide's title links too.
    assert!(
        backend.contains("<a href=\"../../guides/engineering-manager/\">Engineering Manager</a>")
    );
    // A plain title with no guide stays text.
    assert!(backend.contains("<span>Site Reliability Engineer</span>"));
    // Reverse links.
    let staff = page_text(&read(out.join("guides/staff-engineer/index.html")));
    assert!(
        staff.contains("Roles That Lead Here Backend Engineer"),
        "{staff}"
    );
    // Salary figures in euros, with the open end and the note.
    let text = page_text(&backend);
    assert!(
        text.contains("Germany: €75k–€95.5k+ total (Munich and Berlin pay the most)"),
        "{text}"
    );
    assert!(text.contains("Junior Germany: €48k–€60k base"), "{text}");
    // Alias redirect page, relative to its own folder.
    let alias = read(out.join("backend/index.html"));
    assert!(alias
        .contains("<meta http-equiv=\"refresh\" content=\"0; url=../guides/backend-engineer/\">"));
    // Markdown in the summary renders; the meta description is plain text.
    assert!(backend.contains("<meta name=\"description\" content=\"Builds the services behind products. Writes reliable APIs.\">"));
    assert!(backend.contains("Writes <em>reliable</em> APIs."));
    assert!(backend.contains("<html lang=\"en-GB\">"));
}

#[test]
fn every_item_of_the_original_seed_guide_is_on_its_page() {
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("site");
    build_ok(&repo(), &["--output", dest.to_str().unwrap()]);
    let text = page_text(&read(
        dest.join("guides/technical-program-manager-engineering-platforms/index.html"),
    ));
    let items: Vec<String> = read(repo().join("tests/fixtures/seed-items.txt"))
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(collapse)
        .collect();
    assert_eq!(items.len(), 84, "the seed guide's item list is complete");
    let missing: Vec<&String> = items
        .iter()
        .filter(|i| !text.contains(i.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "seed items missing from the page: {missing:#?}"
    );
}

/// A reader that stops early (`careerbook man | head`) is no failure: the
/// command says nothing about it and exits as it would have (0, or 1 for a
/// `check` that found errors).
#[test]
fn a_closed_pipe_on_stdout_exits_quietly() {
    let fixture = repo().join("tests/fixtures/invalid/multi");
    let root = fixture.to_str().expect("utf-8 path");
    let commands: [&[&str]; 5] = [
        &["man"],
        &["completions", "bash"],
        &["schema"],
        &["check", "--format", "json", "--root", root],
        &["check", "--format", "github", "--root", root],
    ];
    for args in commands {
        let (reader, writer) = std::io::pipe().expect("pipe");
        // The reading end is closed before the command starts, so its
        // first write fails however little it prints.
        drop(reader);
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_careerbook"))
            .args(args)
            .stdout(writer)
            .stderr(std::process::Stdio::piped())
            .output()
            .expect("run careerbook");
        let err = String::from_utf8_lossy(&out.stderr);
        let quiet = !err.contains("Broken pipe") && !err.contains("panicked");
        // `check` still gives its verdict: the fixture has errors.
        let expected = if args[0] == "check" { 1 } else { 0 };
        assert!(
            quiet && out.status.code() == Some(expected),
            "careerbook {args:?}: exit {:?}, stderr:\n{err}",
            out.status.code()
        );
    }
}
