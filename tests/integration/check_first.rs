//! `check` says no wherever `build` would: names too long for a file, a
//! theme `build` cannot load, text that shows nothing, a site with no
//! `guides/` folder. Each case runs `check --format json` on a copy of the
//! `init` site with one thing broken, and `build` on the same copy.

use crate::common::*;
use serde_json::Value;
use std::path::Path;

const GUIDE: &str = "guides/site-reliability-engineer.md";

/// A fresh `careerbook init` site in a temporary folder.
fn init_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let out = careerbook(&["init", dir.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    dir
}

/// (exit code, [(file, line, column, field, code)], the JSON) of `check`.
type Found = (i32, Vec<(String, u64, u64, String, String)>, Value);

fn check(root: &Path) -> Found {
    let out = careerbook(&[
        "check",
        "--root",
        root.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let json: Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    let found = json
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["field"].as_str().unwrap().to_string(),
                d["code"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (out.status.code().unwrap(), found, json)
}

/// Replaces the first `from` in the file with `to`.
fn edit_first(path: &Path, from: &str, to: &str) {
    let text = read(path);
    assert!(text.contains(from), "{} lacks {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// The 1-based line of the first line of `file` starting with `prefix`.
fn line_of(root: &Path, file: &str, prefix: &str) -> u64 {
    let text = read(root.join(file));
    1 + text
        .lines()
        .position(|l| l.starts_with(prefix))
        .expect(prefix) as u64
}

/// `check` fails with exactly `want` among its errors, and `build` fails
/// too, printing the same code and writing no output folder.
fn refused(root: &Path, want: (&str, u64, u64, &str, &str)) {
    let (code, found, json) = check(root);
    assert_eq!(code, 1, "{json:#}");
    let errors: Vec<_> = found.iter().filter(|d| d.4.starts_with('E')).collect();
    let want = (
        want.0.to_string(),
        want.1,
        want.2,
        want.3.to_string(),
        want.4.to_string(),
    );
    assert_eq!(errors, [&want], "{json:#}");
    let out = careerbook(&["build", "--root", root.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains(&want.4), "{}", stderr(&out));
    assert!(!root.join("output").exists(), "build wrote output");
}

#[test]
fn a_slug_too_long_for_a_file_name_is_refused_by_check() {
    let site = init_site();
    let root = site.path();
    edit_first(
        &root.join(GUIDE),
        "title: Site",
        &format!("slug: {}\ntitle: Site", "a".repeat(300)),
    );
    let line = line_of(root, GUIDE, "slug:");
    refused(root, (GUIDE, line, 7, "slug", "E0307"));
}

#[test]
fn a_file_name_too_long_for_a_slug_is_refused_by_check() {
    let site = init_site();
    let root = site.path();
    // 252 bytes with `.md`: the slug would be 249 bytes.
    let long = format!("guides/{}.md", "b".repeat(249));
    std::fs::rename(root.join(GUIDE), root.join(&long)).unwrap();
    let (code, found, json) = check(root);
    assert_eq!(code, 1, "{json:#}");
    assert_eq!(found.len(), 1, "{json:#}");
    assert_eq!(
        (found[0].0.as_str(), found[0].4.as_str()),
        (long.as_str(), "E0307")
    );
    let message = json[0]["message"].as_str().unwrap();
    assert!(
        message.contains("249 bytes") && message.contains("file name"),
        "{message}"
    );
    assert!(
        json[0]["help"].as_str().unwrap().contains("slug:"),
        "{json:#}"
    );
}

#[test]
fn a_term_name_too_long_for_its_page_is_refused_by_check() {
    let site = init_site();
    let root = site.path();
    // 3 MB: under the 4 MiB guide limit, far over a file name.
    edit_first(
        &root.join(GUIDE),
        "family: Engineering",
        &format!("family: {}", "x".repeat(3_000_000)),
    );
    let line = line_of(root, GUIDE, "family:");
    refused(root, (GUIDE, line, 9, "family", "E0307"));

    let site = init_site();
    let root = site.path();
    edit_first(
        &root.join(GUIDE),
        "tags: [reliability",
        &format!("tags: [{}", "t".repeat(201)),
    );
    let line = line_of(root, GUIDE, "tags:");
    refused(root, (GUIDE, line, 8, "tags[0]", "E0307"));
}

#[test]
fn a_theme_build_cannot_load_is_refused_by_check_at_its_line() {
    for theme in ["nonexistent", "\"..\"", "../other"] {
        let site = init_site();
        let root = site.path();
        let config = read(root.join("site.yaml"));
        let config: String = config
            .lines()
            .filter(|l| !l.starts_with("theme:"))
            .map(|l| format!("{l}\n"))
            .collect();
        std::fs::write(root.join("site.yaml"), format!("{config}theme: {theme}\n")).unwrap();
        let line = line_of(root, "site.yaml", "theme:");
        refused(root, ("site.yaml", line, 8, "theme", "E0401"));
    }
}

#[test]
fn text_that_shows_nothing_is_refused() {
    let cases = [
        ("tags: [reliability", "tags: [''", "tags:", 8, "tags[0]"),
        (
            "title: Site Reliability Engineer",
            "title: \"\u{200B}\u{2060}\"",
            "title:",
            8,
            "title",
        ),
        (
            "title: Site Reliability Engineer",
            "title: \"\u{3000}\"",
            "title:",
            8,
            "title",
        ),
    ];
    for (from, to, prefix, column, field) in cases {
        let site = init_site();
        let root = site.path();
        edit_first(&root.join(GUIDE), from, to);
        let line = line_of(root, GUIDE, prefix);
        refused(root, (GUIDE, line, column, field, "E0202"));
    }
    // A salary level, at any depth.
    let site = init_site();
    let root = site.path();
    let text = read(root.join(GUIDE));
    let level = text
        .lines()
        .find(|l| l.trim_start().starts_with("- level:"))
        .unwrap();
    let indent = level.len() - level.trim_start().len();
    edit_first(
        &root.join(GUIDE),
        level,
        &format!("{}- level: ''", " ".repeat(indent)),
    );
    let line = line_of(root, GUIDE, &format!("{}- level: ''", " ".repeat(indent)));
    let column = (indent + "- level: ".len() + 1) as u64;
    let (code, found, json) = check(root);
    assert_eq!(code, 1, "{json:#}");
    let errors: Vec<_> = found.iter().filter(|d| d.4 == "E0202").collect();
    assert_eq!(errors.len(), 1, "{json:#}");
    assert_eq!((errors[0].1, errors[0].2), (line, column), "{json:#}");
    assert!(errors[0].3.ends_with(".level"), "{json:#}");
}

#[test]
fn a_site_without_a_guides_folder_is_an_error() {
    let site = init_site();
    let root = site.path();
    std::fs::remove_dir_all(root.join("guides")).unwrap();
    refused(root, ("guides", 0, 0, "", "E0007"));
    let (_, _, json) = check(root);
    assert!(
        json[0]["help"].as_str().unwrap().contains("--root"),
        "{json:#}"
    );

    std::fs::write(root.join("guides"), "not a folder").unwrap();
    refused(root, ("guides", 0, 0, "", "E0007"));
    let (_, _, json) = check(root);
    assert!(
        json[0]["message"]
            .as_str()
            .unwrap()
            .contains("not a folder"),
        "{json:#}"
    );
}

#[test]
fn markdown_files_not_named_md_are_pointed_out() {
    let site = init_site();
    let root = site.path();
    std::fs::copy(root.join(GUIDE), root.join("guides/Data-Engineer.MD")).unwrap();
    std::fs::write(root.join("guides/notes.markdown"), "# notes\n").unwrap();
    std::fs::write(root.join("guides/notes.txt"), "notes\n").unwrap();
    let (code, found, json) = check(root);
    assert_eq!(code, 0, "a warning does not fail the check: {json:#}");
    let warned: Vec<(&str, &str)> = found.iter().map(|d| (d.0.as_str(), d.4.as_str())).collect();
    assert_eq!(
        warned,
        [
            ("guides/Data-Engineer.MD", "W0011"),
            ("guides/notes.markdown", "W0011")
        ],
        "{json:#}"
    );
    assert_eq!(
        json[0]["help"],
        "rename it to `Data-Engineer.md` to publish it"
    );
}

/// Every `id="..."` in a page, in order.
fn ids(html: &str) -> Vec<String> {
    html.match_indices(" id=\"")
        .map(|(at, _)| html[at + 5..].split('"').next().unwrap().to_string())
        .collect()
}

#[test]
fn body_headings_sit_beside_the_sections_and_never_take_a_page_id() {
    let site = init_site();
    let root = site.path();
    let path = root.join(GUIDE);
    let text = read(&path);
    let body = "\n## Overview\n\nSee [the overview](#overview).\n\n## A day in the life\n\n### Mornings\n\n\
                # Search results\n\n# Search q\n\n## Main\n\n## Skills\n";
    std::fs::write(&path, format!("{text}{body}")).unwrap();
    // `#overview` is the body's own heading: the link resolves.
    let out = careerbook(&["check", "--links", "--root", root.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    build_ok(root, &[]);
    let html = read(root.join("output/guides/site-reliability-engineer/index.html"));
    for want in [
        "<h2 id=\"overview\">Overview</h2>",
        "<h2 id=\"a-day-in-the-life\">A day in the life</h2>",
        "<h3 id=\"mornings\">Mornings</h3>",
        // Ids the page's header and sections use move on.
        "<h2 id=\"search-results-2\">Search results</h2>",
        "<h2 id=\"search-q-2\">Search q</h2>",
        "<h2 id=\"main-2\">Main</h2>",
        "<h2 id=\"skills-2\">Skills</h2>",
    ] {
        assert!(html.contains(want), "no {want}");
    }
    let all = ids(&html);
    let mut unique = all.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(all.len(), unique.len(), "duplicate ids: {all:?}");
    // The table of contents has no heading of its own, so it parents none
    // of the body's headings in the outline.
    let toc = html.split("<nav class=\"toc\"").nth(1).unwrap();
    let toc = toc.split("</nav>").next().unwrap();
    assert!(!toc.contains("<h"), "{toc}");
    assert!(toc.contains("<a href=\"#a-day-in-the-life\">"), "{toc}");
}

#[test]
fn a_value_that_is_not_of_its_tagged_type_is_a_yaml_error() {
    for (tagged, column) in [("!!int abc", 14), ("!!bool maybe", 15), ("!!null text", 15)] {
        let site = init_site();
        let root = site.path();
        edit_first(
            &root.join(GUIDE),
            "title: Site Reliability Engineer",
            &format!("title: {tagged}"),
        );
        let line = line_of(root, GUIDE, "title:");
        refused(root, (GUIDE, line, column, "", "E0003"));
    }
}
