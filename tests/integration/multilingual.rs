//! Multilingual sites: `tests/fixtures/multilingual` (English and German,
//! three guides, one of them untranslated, one translation with a slug of
//! its own) builds into an English site at the root and a German one under
//! `de/`; the German pages show no English word of the theme, carry
//! `lang="de"`, German notation and `hreflang` alternates both ways; the
//! sitemap lists the alternates; `check` warns about translations that
//! drifted from their guide.

use crate::common::*;
use careerbook::render::i18n::{built_in, texts_of};
use regex::Regex;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

const BASE: &str = "https://example.org/careers/";

/// The fixture built into `<tmp>/out`.
fn built() -> (tempfile::TempDir, BTreeMap<String, Vec<u8>>) {
    let site = fixture("multilingual");
    let out = site.path().join("out");
    build_ok(site.path(), &["--output", out.to_str().unwrap()]);
    let files = tree(&out);
    (site, files)
}

fn text(files: &BTreeMap<String, Vec<u8>>, path: &str) -> String {
    String::from_utf8(
        files
            .get(path)
            .unwrap_or_else(|| panic!("no {path}"))
            .clone(),
    )
    .unwrap()
}

/// The guide files of the fixture: (file name, language, translated file).
fn guides(root: &Path) -> Vec<(String, &'static str, String)> {
    let mut out = Vec::new();
    for (name, _) in tree(&root.join("guides")) {
        match name.strip_suffix(".de.md") {
            Some(stem) => out.push((name.clone(), "de", format!("{stem}.md"))),
            None => out.push((name.clone(), "en", name.clone())),
        }
    }
    out
}

/// A front matter field of a guide file, as written on its own line.
fn field(root: &Path, file: &str, key: &str) -> Option<String> {
    read(root.join("guides").join(file))
        .lines()
        .map(str::trim_start)
        .find_map(|l| {
            l.strip_prefix(&format!("{key}: "))
                .map(|v| v.trim().to_string())
        })
}

/// The slug of a guide file: its `slug:`, else its translated file's
/// name, else its own name.
fn slug(root: &Path, file: &str, base: &str) -> String {
    field(root, file, "slug").unwrap_or_else(|| base.trim_end_matches(".md").to_string())
}

/// The English texts of the built-in theme that German writes otherwise,
/// as in `i18n.rs`, less the site's own words and the names of languages
/// (the switcher names each language in itself: "English" is meant).
fn english_only(root: &Path) -> Vec<String> {
    let mut inputs = read(root.join("site.yaml"));
    for (_, bytes) in tree(&root.join("guides")) {
        inputs.push_str(&String::from_utf8_lossy(&bytes));
    }
    let en = texts_of(built_in("en").unwrap());
    let de = texts_of(built_in("de").unwrap());
    let german: Vec<&String> = de.values().flatten().collect();
    let mut out = Vec::new();
    for (key, texts) in &en {
        if key == "language.name" {
            continue;
        }
        for t in texts {
            for part in t.split(['{', '}']).step_by(2) {
                let part = part.trim_matches(|c: char| c.is_whitespace() || c == '.' || c == ':');
                if part.chars().filter(|c| c.is_alphabetic()).count() >= 4
                    && !german.iter().any(|g| g.contains(part))
                    && !inputs.contains(part)
                {
                    out.push(part.to_string());
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// What a reader sees or hears of a page, as in `i18n.rs`.
fn words(html: &str) -> String {
    let attrs = Regex::new(r#"(?:aria-label|placeholder|content|title)="([^"]*)""#).unwrap();
    let mut out = page_text(html);
    for c in attrs.captures_iter(html) {
        out.push('\n');
        out.push_str(&decode_entities(&c[1]));
    }
    out
}

/// The `hreflang` alternates in a page's head, as (language, URL).
fn alternates(html: &str) -> Vec<(String, String)> {
    let re = Regex::new(r#"<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">"#).unwrap();
    re.captures_iter(html)
        .map(|c| (c[1].to_string(), c[2].to_string()))
        .collect()
}

#[test]
fn german_pages_speak_german_under_de() {
    let (site, files) = built();
    let english = english_only(site.path());
    assert!(english.len() > 100, "{}", english.len());
    let mut pages = 0;
    for (path, bytes) in &files {
        if !path.starts_with("de/") || !path.ends_with(".html") {
            continue;
        }
        pages += 1;
        let html = String::from_utf8(bytes.clone()).unwrap();
        assert!(html.contains("<html lang=\"de\">"), "{path}");
        let seen = words(&html);
        for e in &english {
            assert!(!seen.contains(e.as_str()), "{path} shows English `{e}`");
        }
    }
    assert!(pages > 10, "{pages} German pages");
    // The English pages stay English, at the root.
    for (path, bytes) in &files {
        if path.ends_with(".html") && !path.starts_with("de/") {
            let html = String::from_utf8_lossy(bytes);
            assert!(html.contains("<html lang=\"en\">"), "{path}");
        }
    }
}

#[test]
fn each_guide_is_published_in_its_languages_only() {
    let (site, files) = built();
    let all = guides(site.path());
    let untranslated: Vec<_> = all
        .iter()
        .filter(|(f, l, _)| *l == "en" && !all.iter().any(|(_, l2, b)| *l2 == "de" && b == f))
        .collect();
    assert!(
        !untranslated.is_empty(),
        "the fixture has an untranslated guide"
    );
    for (file, lang, base) in &all {
        let slug = slug(site.path(), file, base);
        let prefix = if *lang == "en" { "" } else { "de/" };
        let page = text(&files, &format!("{prefix}guides/{slug}/index.html"));
        let title = field(site.path(), file, "title").unwrap();
        assert!(
            page.contains(&format!("<h1>{title}</h1>")),
            "{file}: {page}"
        );
        assert!(files.contains_key(&format!("{prefix}api/guides/{slug}.json")));
    }
    // No German page is invented for an untranslated guide.
    for (file, _, base) in untranslated {
        let slug = slug(site.path(), file, base);
        assert!(!files.contains_key(&format!("de/guides/{slug}/index.html")));
    }
    // Each language has its own index, lists, search index and feed; the
    // files of the site root are written once.
    for f in [
        "index.html",
        "search/index.html",
        "search-index.json",
        "feed.xml",
        "paths/index.html",
        "salaries/index.html",
        "families/index.html",
    ] {
        assert!(files.contains_key(f), "{f}");
        assert!(files.contains_key(&format!("de/{f}")), "de/{f}");
    }
    for f in ["404.html", "robots.txt", "sitemap.xml", ".nojekyll"] {
        assert!(files.contains_key(f), "{f}");
        assert!(!files.contains_key(&format!("de/{f}")), "de/{f}");
    }
    assert!(text(&files, "de/feed.xml").contains("xml:lang=\"de\""));
    // The German search index holds the German guides alone.
    let index: String = files
        .iter()
        .filter(|(p, _)| p.starts_with("de/search-index"))
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .collect();
    assert!(index.contains("Technischer Programmmanager"));
    assert!(!index.contains("Platform Engineer\""), "{index}");
}

#[test]
fn guide_pages_link_their_translations_both_ways() {
    let (site, files) = built();
    let all = guides(site.path());
    let mut pairs = 0;
    for (file, lang, base) in all.iter().filter(|(_, l, _)| *l == "de") {
        let de_slug = slug(site.path(), file, base);
        let en_slug = slug(site.path(), base, base);
        let en_url = format!("{BASE}guides/{en_slug}/");
        let de_url = format!("{BASE}{lang}/guides/{de_slug}/");
        let expected = vec![
            ("en".to_string(), en_url.clone()),
            ("de".to_string(), de_url.clone()),
            ("x-default".to_string(), en_url.clone()),
        ];
        let de_page = text(&files, &format!("de/guides/{de_slug}/index.html"));
        let en_page = text(&files, &format!("guides/{en_slug}/index.html"));
        assert_eq!(alternates(&de_page), expected, "{file}");
        assert_eq!(alternates(&en_page), expected, "{base}");
        // The switcher goes to the same guide in the other language.
        assert!(
            de_page.contains(&format!(
                "<a href=\"../../../guides/{en_slug}/\" hreflang=\"en\" lang=\"en\">English</a>"
            )),
            "{de_page}"
        );
        assert!(
            en_page.contains(&format!(
                "<a href=\"../../de/guides/{de_slug}/\" hreflang=\"de\" lang=\"de\">Deutsch</a>"
            )),
            "{en_page}"
        );
        pairs += 1;
    }
    assert!(pairs >= 2, "{pairs}");
    // A translation with its own slug still pairs up through its file.
    assert!(all
        .iter()
        .any(|(f, l, b)| *l == "de" && slug(site.path(), f, b) != slug(site.path(), b, b)));
    // An untranslated guide has no alternates, and its switcher goes to
    // the German home page.
    for (file, _, _) in all
        .iter()
        .filter(|(f, l, _)| *l == "en" && !all.iter().any(|(_, l2, b)| *l2 == "de" && b == f))
    {
        let s = slug(site.path(), file, file);
        let page = text(&files, &format!("guides/{s}/index.html"));
        assert!(alternates(&page).is_empty(), "{file}");
        assert!(page.contains("<a href=\"../../de/\" hreflang=\"de\" lang=\"de\">Deutsch</a>"));
    }
    // Other pages pair with the same page of the other language.
    assert_eq!(
        alternates(&text(&files, "de/index.html")),
        [
            ("en".to_string(), BASE.to_string()),
            ("de".to_string(), format!("{BASE}de/")),
            ("x-default".to_string(), BASE.to_string())
        ]
    );
    // A single-language page of a single-language site has no switcher.
    assert!(!text(&files, "404.html").contains("class=\"languages\""));
}

#[test]
fn german_pages_write_numbers_as_german_does() {
    let (site, files) = built();
    let file = "technical-program-manager.de.md";
    let slug = slug(site.path(), file, "technical-program-manager.md");
    let min = field(site.path(), file, "min").unwrap();
    assert_eq!(min, "110000");
    let de = text(&files, &format!("de/guides/{slug}/index.html"));
    let en = text(&files, "guides/technical-program-manager/index.html");
    // German groups thousands with a dot and puts the symbol after.
    assert!(
        de.contains("<strong>110.000\u{a0}$–150.000\u{a0}$</strong>"),
        "{de}"
    );
    assert!(en.contains("$110k"), "{en}");
}

#[test]
fn progression_links_stay_within_the_language() {
    let (_site, files) = built();
    // staff-tpm.de.md names `technical-program-manager`, whose German
    // translation has its own slug: the link goes to the German page.
    let staff = text(&files, "de/guides/staff-tpm/index.html");
    assert!(
        staff.contains("href=\"../../guides/technischer-programmmanager/\""),
        "{staff}"
    );
    // An untranslated guide shows as text, without a link.
    let tpm = text(&files, "de/guides/technischer-programmmanager/index.html");
    assert!(
        tpm.contains("<li><span>Platform Engineer</span></li>"),
        "{tpm}"
    );
    assert!(!tpm.contains("guides/platform-engineer/"), "{tpm}");
}

#[test]
fn the_sitemap_lists_every_language_with_its_alternates() {
    let (_site, files) = built();
    let sitemap = text(&files, "sitemap.xml");
    assert!(sitemap.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""));
    let url = Regex::new(r"<url>(.*?)</url>").unwrap();
    let loc = Regex::new(r"<loc>([^<]+)</loc>").unwrap();
    let link =
        Regex::new(r#"<xhtml:link rel="alternate" hreflang="([^"]+)" href="([^"]+)"/>"#).unwrap();
    let mut entries: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for u in url.captures_iter(&sitemap) {
        let l = loc.captures(&u[1]).unwrap()[1].to_string();
        let links = link
            .captures_iter(&u[1])
            .map(|c| (c[1].to_string(), c[2].to_string()))
            .collect();
        entries.insert(l, links);
    }
    // Every HTML page of both languages is listed, and its alternates are
    // those in its head.
    let mut checked = 0;
    for (path, bytes) in &files {
        let Some(dir) = path.strip_suffix("index.html") else {
            continue;
        };
        let html = String::from_utf8_lossy(bytes);
        if html.contains("http-equiv=\"refresh\"") {
            continue;
        }
        let at = format!("{BASE}{dir}");
        let listed = entries
            .get(&at)
            .unwrap_or_else(|| panic!("{at} not in the sitemap"));
        assert_eq!(listed, &alternates(&html), "{at}");
        checked += usize::from(!listed.is_empty());
    }
    assert!(checked > 10, "{checked}");
}

/// `check --format json` on a site root: the diagnostics as JSON values.
fn check_json(root: &Path) -> Vec<Value> {
    let out = careerbook(&[
        "check",
        "--root",
        root.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let text = String::from_utf8(out.stdout).unwrap();
    serde_json::from_str::<Value>(&text)
        .unwrap_or_else(|e| panic!("{e}: {text}"))
        .as_array()
        .unwrap()
        .clone()
}

/// The 1-based line of the first line of `file` containing `needle`.
fn line_of(file: &Path, needle: &str) -> u64 {
    read(file)
        .lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle} not in {}", file.display())) as u64
        + 1
}

#[test]
fn the_fixture_checks_clean() {
    let site = fixture("multilingual");
    assert_eq!(check_json(site.path()), Vec::<Value>::new());
}

#[test]
fn check_warns_about_translations_that_drifted() {
    let site = fixture("multilingual");
    let root = site.path();
    let staff = root.join("guides/staff-tpm.de.md");
    edit(&staff, "max: 240000", "max: 250000");
    edit(&staff, "currency: USD", "currency: EUR");
    let tpm = root.join("guides/technical-program-manager.de.md");
    edit(
        &tpm,
        "- title: Platform Engineer\n      guide: platform-engineer",
        "- Platform Engineer",
    );
    std::fs::write(
        root.join("guides/data-engineer.de.md"),
        read(root.join("guides/staff-tpm.de.md")).replace("slug: ", "x: "),
    )
    .unwrap();
    let diags = check_json(root);
    let find = |code: &str, file: &str, field: &str| {
        diags
            .iter()
            .find(|d| d["code"] == code && d["file"] == file && d["field"] == field)
            .unwrap_or_else(|| panic!("no {code} {file} {field}: {diags:#?}"))
            .clone()
    };
    let d = find("W0603", "guides/staff-tpm.de.md", "salary.ranges[0].max");
    assert_eq!(d["line"], line_of(&staff, "max: 250000"));
    assert_eq!(d["severity"], "warning");
    let d = find("W0603", "guides/staff-tpm.de.md", "salary.currency");
    assert_eq!(d["line"], line_of(&staff, "currency: EUR"));
    let d = find(
        "W0604",
        "guides/technical-program-manager.de.md",
        "progression",
    );
    // At the progression's value: its first entry, on the next line.
    assert_eq!(d["line"], line_of(&tpm, "progression:") + 1);
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("guides/platform-engineer.md"),
        "{d}"
    );
    let d = find("W0602", "guides/data-engineer.de.md", "");
    assert_eq!(d["line"], 1);
    assert!(
        diags.iter().all(|d| d["severity"] == "warning"),
        "{diags:#?}"
    );
    // Warnings do not stop the build.
    build_ok(root, &["--output", root.join("out").to_str().unwrap()]);
}

#[test]
fn check_refuses_languages_that_cannot_work() {
    let site = fixture("multilingual");
    let root = site.path();
    let yaml = root.join("site.yaml");
    edit(
        &yaml,
        "languages: [en, de]",
        "language: de\nlanguages: [en, de, de, de_AT]",
    );
    let diags = check_json(root);
    let codes: Vec<(&str, &str, u64)> = diags
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap(),
                d["field"].as_str().unwrap(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect();
    let at = line_of(&yaml, "languages:");
    let lang = line_of(&yaml, "language: de");
    assert_eq!(
        codes,
        [
            ("E0601", "language", lang),
            ("E0601", "languages", at),
            ("E0601", "languages", at)
        ],
        "{diags:#?}"
    );
    let out = careerbook(&["build", "--root", root.to_str().unwrap()]);
    assert!(!out.status.success());
}

#[test]
fn a_single_language_site_keeps_translation_like_names_as_guides() {
    // Without `languages`, `x.de.md` is a guide like any other.
    let site = fixture("multilingual");
    let root = site.path();
    edit(
        &root.join("site.yaml"),
        "languages: [en, de]",
        "language: en",
    );
    let out = root.join("out");
    build_ok(
        root,
        &["--output", out.to_str().unwrap(), "--base-url", BASE],
    );
    let files = tree(&out);
    assert!(
        files.contains_key("guides/staff-tpm-de/index.html"),
        "{:?}",
        files.keys()
    );
    assert!(!files.keys().any(|p| p.starts_with("de/")));
    assert!(!text(&files, "index.html").contains("hreflang"));
}

/// The output of `watch` (the incremental engine writing `<root>/output`)
/// after a change, against a clean build of the same files.
fn assert_watch_matches_build(root: &Path, state: &careerbook::dev::incremental::SiteState) {
    let clean = tempfile::tempdir().unwrap();
    let out = clean.path().join("out");
    careerbook::build::build(&careerbook::build::BuildOptions {
        root: root.to_path_buf(),
        output: Some(out.clone()),
        ..Default::default()
    })
    .expect("clean build");
    let mut expected = tree(&out);
    let got = tree(&root.join("output"));
    assert_eq!(
        got.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &expected {
        assert!(got[path] == *bytes, "{path} differs");
    }
    expected.remove(".careerbook-output");
    let in_memory: BTreeMap<String, Vec<u8>> = state
        .pages()
        .iter()
        .map(|(p, b)| (p.clone(), b.to_vec()))
        .collect();
    assert_eq!(in_memory, expected);
}

#[test]
fn watch_rebuilds_a_multilingual_site_as_build_does() {
    use careerbook::dev::incremental::{SiteState, StateOptions};
    let site = fixture("multilingual");
    let root = site.path().canonicalize().unwrap();
    let (mut state, first) = SiteState::new(StateOptions {
        build: careerbook::build::BuildOptions {
            root: root.clone(),
            ..Default::default()
        },
        origin: None,
        write: true,
    })
    .unwrap();
    assert!(!first.failed, "{:?}", first.diagnostics);
    assert!(first.written.iter().any(|p| p.starts_with("de/guides/")));
    assert_watch_matches_build(&root, &state);

    // A German body edit changes the German page and nothing English.
    let staff = root.join("guides/staff-tpm.de.md");
    edit(
        &staff,
        "keiner einzelnen Leitung",
        "keiner einzelnen Bereichsleitung",
    );
    let out = state.apply(&[&staff]).unwrap();
    assert!(!out.failed, "{:?}", out.diagnostics);
    assert!(out
        .written
        .contains(&"de/guides/staff-tpm/index.html".to_string()));
    assert!(!out
        .written
        .contains(&"guides/staff-tpm/index.html".to_string()));
    assert_watch_matches_build(&root, &state);

    // A new translation appears with its alternates; deleting it takes its
    // pages away again.
    let platform = root.join("guides/platform-engineer.de.md");
    std::fs::write(
        &platform,
        read(root.join("guides/platform-engineer.md"))
            .replace("title: Platform Engineer", "title: Plattform-Ingenieur"),
    )
    .unwrap();
    let out = state.apply(&[&platform]).unwrap();
    assert!(out
        .written
        .contains(&"de/guides/platform-engineer/index.html".to_string()));
    assert!(out
        .written
        .contains(&"guides/platform-engineer/index.html".to_string()));
    assert_watch_matches_build(&root, &state);
    std::fs::remove_file(&platform).unwrap();
    let out = state.apply(&[&platform]).unwrap();
    assert!(out
        .removed
        .contains(&"de/guides/platform-engineer/index.html".to_string()));
    assert_watch_matches_build(&root, &state);

    // Back to one language: the German folder goes, the engine goes on
    // incrementally.
    let yaml = root.join("site.yaml");
    edit(&yaml, "languages: [en, de]", "language: en");
    let out = state.apply(&[&yaml]).unwrap();
    assert!(!out.failed, "{:?}", out.diagnostics);
    assert_watch_matches_build(&root, &state);
    let tpm = root.join("guides/technical-program-manager.md");
    edit(&tpm, "written status update", "short written status update");
    let out = state.apply(&[&tpm]).unwrap();
    assert!(!out.full);
    assert_eq!(out.rendered, 1);
    assert_watch_matches_build(&root, &state);

    // And multilingual again.
    edit(&yaml, "language: en", "languages: [en, de]");
    let out = state.apply(&[&yaml]).unwrap();
    assert!(out.full);
    assert_watch_matches_build(&root, &state);
}

#[test]
fn one_listed_language_is_a_site_in_that_language() {
    let site = fixture("multilingual");
    let root = site.path();
    edit(
        &root.join("site.yaml"),
        "languages: [en, de]",
        "languages: [de]",
    );
    let out = root.join("out");
    build_ok(root, &["--output", out.to_str().unwrap()]);
    let files = tree(&out);
    let index = text(&files, "index.html");
    assert!(index.contains("<html lang=\"de\">"), "{index}");
    assert!(!index.contains("hreflang"));
    assert!(!files.keys().any(|p| p.starts_with("de/")));
}
