//! The words of a site in its language: a site whose `site.yaml` says
//! `language: de` shows no English text of the theme on any page, counts
//! in German notation with German plural forms; a theme's translation file
//! overrides a word, and one that lacks words makes `check` name each key.

use crate::common::*;
use careerbook::render::i18n::{built_in, texts_of};
use std::path::Path;

fn set_language(root: &Path, lang: &str) {
    let yaml = root.join("site.yaml");
    let text = read(&yaml);
    let text = if text.contains("language:") {
        text.lines()
            .map(|l| {
                if l.starts_with("language:") {
                    format!("language: {lang}")
                } else {
                    l.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
            + "\n"
    } else {
        format!("{text}language: {lang}\n")
    };
    std::fs::write(yaml, text).unwrap();
}

/// The English texts of the built-in theme that German writes otherwise,
/// the parts between `{placeholders}` with at least four letters, less
/// those the site's own files hold (a guide may well say "Sources").
fn english_only(root: &Path) -> Vec<String> {
    let mut inputs = read(root.join("site.yaml"));
    for (_, bytes) in tree(&root.join("guides")) {
        inputs.push_str(&String::from_utf8_lossy(&bytes));
    }
    let en = texts_of(built_in("en").unwrap());
    let de = texts_of(built_in("de").unwrap());
    let german: Vec<&String> = de.values().flatten().collect();
    let mut out = Vec::new();
    for texts in en.values() {
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

/// What a reader sees or hears of a page: its text, and the attributes
/// that carry words (labels, placeholders, the title and descriptions).
fn words(html: &str) -> String {
    let attrs = regex::Regex::new(r#"(?:aria-label|placeholder|content|title)="([^"]*)""#).unwrap();
    let mut out = page_text(html);
    for c in attrs.captures_iter(html) {
        out.push('\n');
        out.push_str(&decode_entities(&c[1]));
    }
    out
}

#[test]
fn a_german_site_shows_no_english_word_of_the_theme() {
    let site = fixture("site");
    set_language(site.path(), "de");
    let out = site.path().join("out");
    build_ok(site.path(), &["--output", out.to_str().unwrap()]);
    let english = english_only(site.path());
    assert!(english.len() > 100, "{}", english.len());
    let mut pages = 0;
    let mut redirects = 0;
    for (path, bytes) in tree(&out) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        // Redirects left at old URLs speak the language too.
        redirects += usize::from(html.contains("http-equiv=\"refresh\""));
        pages += 1;
        assert!(html.contains("<html lang=\"de\">"), "{path}");
        let text = words(&html);
        for e in &english {
            assert!(!text.contains(e.as_str()), "{path} shows English `{e}`");
        }
    }
    assert!(pages > 10, "{pages} pages");
    assert!(redirects > 0, "no redirect page checked");
    let index = read(out.join("index.html"));
    assert!(
        index.contains("3 Berufsprofile in 1 Berufsfeld."),
        "{index}"
    );
    let guide = read(out.join("guides/data-analyst/index.html"));
    assert!(guide.contains(">Hauptaufgaben</h2>"), "{guide}");
    // Money keeps its currency, in German notation; dates as German
    // writes them, with the ISO date for machines.
    assert!(
        guide.contains("<strong>95.000\u{a0}$–130.000\u{a0}$+</strong>"),
        "{guide}"
    );
    assert!(
        guide.contains("<time datetime=\"2026-05-01\">1. Mai 2026</time>"),
        "{guide}"
    );
    let scientist = read(out.join("guides/data-scientist/index.html"));
    assert!(
        scientist.contains("65.000\u{a0}€–85.000\u{a0}€"),
        "{scientist}"
    );
}

#[test]
fn counts_take_the_language_s_notation_and_plural_forms() {
    let site = fixture("site");
    set_language(site.path(), "fr");
    let out = site.path().join("out");
    build_ok(site.path(), &["--output", out.to_str().unwrap()]);
    let index = read(out.join("index.html"));
    // French: 0 and 1 take the singular.
    assert!(index.contains("1 famille de métiers"), "{index}");
    let guide = read(out.join("guides/data-analyst/index.html"));
    assert!(
        guide.contains("95\u{a0}k\u{a0}$US–130\u{a0}k\u{a0}$US"),
        "{guide}"
    );
}

#[test]
fn a_theme_overrides_a_word_and_check_names_each_missing_key() {
    let site = fixture("site");
    set_language(site.path(), "nl");
    let yaml = site.path().join("site.yaml");
    std::fs::write(&yaml, format!("{}theme: mine\n", read(&yaml))).unwrap();
    let i18n = site.path().join("themes/mine/i18n");
    std::fs::create_dir_all(&i18n).unwrap();
    std::fs::write(
        i18n.join("nl.yaml"),
        "nav:\n  paths: Loopbaanpaden\nindex:\n  guides:\n    one: \"{count} beroepsgids\"\n    other: \"{count} beroepsgidsen\"\n",
    )
    .unwrap();
    std::fs::write(i18n.join("en.yaml"), "nav:\n  salaries: Pay\n").unwrap();
    let out = site.path().join("out");
    build_ok(site.path(), &["--output", out.to_str().unwrap()]);
    let index = read(out.join("index.html"));
    assert!(index.contains(">Loopbaanpaden</a>"), "{index}");
    assert!(index.contains("3 beroepsgidsen"), "{index}");
    // A key Dutch lacks shows the site's English.
    assert!(index.contains(">Pay</a>"), "{index}");
    let check = careerbook(&["check", "--root", site.path().to_str().unwrap()]);
    let err = stderr(&check);
    assert!(check.status.success(), "{err}");
    assert!(
        err.contains("themes/mine/i18n/nl.yaml:1:1")
            && err.contains("W0405")
            && err.contains("`nav.salaries`"),
        "{err}"
    );
    assert!(!err.contains("`nav.paths`"), "{err}");
}

#[test]
fn a_template_naming_an_unknown_key_fails_check_at_its_line() {
    let site = fixture("site");
    let yaml = site.path().join("site.yaml");
    std::fs::write(&yaml, format!("{}theme: mine\n", read(&yaml))).unwrap();
    let t = site.path().join("themes/mine/templates");
    std::fs::create_dir_all(&t).unwrap();
    std::fs::write(
        t.join("404.html"),
        "{% extends \"base.html\" %}\n{% block content %}\n  <p>{{ t(key=\"nav.pathz\") }}</p>\n{% endblock content %}\n",
    )
    .unwrap();
    let check = careerbook(&["check", "--root", site.path().to_str().unwrap()]);
    let err = stderr(&check);
    assert!(!check.status.success(), "{err}");
    assert!(
        err.contains("themes/mine/templates/404.html:3:9") && err.contains("E0404"),
        "{err}"
    );
}

#[test]
fn a_right_to_left_language_sets_dir_and_the_stylesheet_uses_logical_sides() {
    let site = fixture("site");
    set_language(site.path(), "he");
    std::fs::write(
        site.path().join("guides/nurse.md"),
        "---\ntitle: אח סיעודי\nsummary: מטפל בחולים במחלקה.\nresponsibilities: [טיפול בחולים.]\nskills: [אמפתיה]\nupdated: 2026-11-23\n---\nגוף.\n",
    )
    .unwrap();
    let out = site.path().join("out");
    build_ok(site.path(), &["--output", out.to_str().unwrap()]);
    let guide = read(out.join("guides/nurse/index.html"));
    assert!(
        guide.starts_with("<!DOCTYPE html>\n<html lang=\"he\" dir=\"rtl\">"),
        "{guide}"
    );
    assert!(guide.contains("<h1>אח סיעודי</h1>"), "{guide}");
    // Hebrew dates from CLDR.
    assert!(guide.contains("23 בנובמבר 2026"), "{guide}");
    // Every side in the stylesheet is logical, so it mirrors with `dir`.
    let css = read(out.join("style.css"));
    let physical = regex::Regex::new(
        r"(?m)(^|[;{\s])(left|right|margin-left|margin-right|padding-left|padding-right|border-left|border-right)\s*:|text-align:\s*(left|right)",
    )
    .unwrap();
    let found: Vec<&str> = physical.find_iter(&css).map(|m| m.as_str()).collect();
    assert!(found.is_empty(), "{found:?}");
    // The salary bars too.
    let analyst = read(out.join("guides/data-analyst/index.html"));
    assert!(analyst.contains("style=\"inset-inline-start:"), "{analyst}");
    assert!(!analyst.contains("style=\"left:"), "{analyst}");
    // The maps run right to left: a guide's box stands right of the box
    // of the role it leads to, and the edges are mirrored with the boxes.
    let paths = read(out.join("paths/index.html"));
    let wide = paths
        .split("<svg class=\"graph graph-h\"")
        .nth(1)
        .and_then(|s| s.split("</svg>").next())
        .expect("the wide map");
    let x_of = |slug: &str| -> u32 {
        let at = wide
            .find(&format!("href=\"../guides/{slug}/\""))
            .unwrap_or_else(|| panic!("{slug} on the map: {wide}"));
        let rest = &wide[at..];
        let x = &rest[rest.find("<rect x=\"").expect("a box") + 9..];
        x[..x.find('"').expect("quote")].parse().expect("a number")
    };
    assert!(x_of("data-analyst") > x_of("data-scientist"), "{wide}");
    assert!(
        wide.contains("<g class=\"g-edges\" transform=\"matrix(-1 0 0 1 "),
        "{wide}"
    );
    // Hebrew has no translation file: one warning says so, at `language`.
    let check = careerbook(&["check", "--root", site.path().to_str().unwrap()]);
    let err = stderr(&check);
    assert_eq!(err.matches("W0405").count(), 1, "{err}");
    assert!(
        err.contains("site.yaml:4:11") && err.contains("no translation file for `he`"),
        "{err}"
    );
    // A left-to-right language writes no `dir`.
    set_language(site.path(), "de");
    build_ok(site.path(), &["--output", out.to_str().unwrap()]);
    assert!(read(out.join("index.html")).contains("<html lang=\"de\">"));
    let paths = read(out.join("paths/index.html"));
    assert!(!paths.contains("transform=\"matrix(-1"), "{paths}");
}

/// Lists in running text are joined as the language joins them: a skill
/// the guides spell three ways names the other two "A und B" in German.
#[test]
fn a_skill_s_other_spellings_are_joined_as_the_language_joins_a_list() {
    let site = fixture("career");
    set_language(site.path(), "de");
    std::fs::write(
        site.path().join("skills.yaml"),
        "skills:\n  - name: Kubernetes\n    aliases: [K8s, Kube]\n",
    )
    .unwrap();
    let g = site.path().join("guides");
    for (file, from, to) in [
        ("data-scientist.md", "    - Kubernetes\n", "    - K8s\n"),
        ("ml-engineer.md", "  - Kubernetes\n", "  - Kube\n"),
    ] {
        let text = read(g.join(file));
        assert!(text.contains(from), "{file}");
        std::fs::write(g.join(file), text.replacen(from, to, 1)).unwrap();
    }
    let out = site.path().join("out");
    build_ok(site.path(), &["--output", out.to_str().unwrap()]);
    let page = words(&read(out.join("skills/kubernetes/index.html")));
    assert!(page.contains("Auch geschrieben: K8s und Kube"), "{page}");
}

/// No built-in template writes words of its own: every word a reader sees
/// comes from a translation file (or from the guides), so no page of a
/// German site shows an English phrase that no translation file holds.
#[test]
fn built_in_templates_hold_no_words_outside_the_translation_files() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
    let tera_tag = regex::Regex::new(r"(?s)\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}").unwrap();
    let element =
        regex::Regex::new(r"(?s)<script\b.*?</script>|<style\b.*?</style>|<[^>]*>").unwrap();
    let entity = regex::Regex::new(r"&[a-zA-Z]+;|&#[0-9]+;").unwrap();
    let mut found = Vec::new();
    let mut files = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        files += 1;
        let text = read(&path);
        let text = tera_tag.replace_all(&text, " ");
        let text = element.replace_all(&text, " ");
        let text = entity.replace_all(&text, " ");
        for word in text.split_whitespace() {
            if word.chars().any(char::is_alphabetic) {
                found.push(format!(
                    "{}: {word}",
                    path.file_name().unwrap().to_string_lossy()
                ));
            }
        }
    }
    assert!(files > 10, "{files} templates");
    assert!(found.is_empty(), "{found:#?}");
}
