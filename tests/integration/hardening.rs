//! Untrusted input: hostile content, hostile paths, resource bombs, and
//! builds that are killed half-way.

use careerbook::guide::model::*;

use crate::common::*;
use scraper::{Html, Selector};
use std::path::Path;

const PAYLOADS: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "\"><script>alert(1)</script>",
    "'><img src=x onerror=alert(1)>",
    "</script><script>alert(1)</script>",
    "<iframe src=\"https://evil.example/\"></iframe>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "[x](javascript:alert(1))",
    "[x]( JaVaScRiPt:alert(1))",
    "![x](javascript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "<style>body{display:none}</style>",
    "<object data=x></object><embed src=x>",
    "{{ site.title }}{% raw %}",
    "]]></script><!--",
];

fn hostile_guide(p: &str, i: usize) -> FrontMatter {
    let s = |what: &str| format!("{what} {p}");
    FrontMatter {
        title: s("Title"),
        slug: Some(format!("hostile-{i}")),
        family: Some(s("Family")),
        summary: s("Summary"),
        updated: Date::parse("2026-01-01"),
        draft: false,
        tags: vec![s("tag")],
        aliases: vec![],
        responsibilities: vec![s("Responsibility")],
        skills: vec![s("Skill")],
        progression: Some(Progression {
            leads_to: vec![RoleRef::Title(s("Leads"))],
            transitions: vec![RoleRef::Linked {
                title: s("Linked"),
                guide: format!("hostile-{i}"),
            }],
        }),
        skill_gaps: Some(SkillGaps {
            missing: vec![s("Missing")],
            development: Some(s("Development")),
        }),
        salary: Some(Salary {
            currency: "USD".into(),
            period: Period::Year,
            ranges: vec![SalaryRange {
                level: s("Level"),
                region: Some(s("Region")),
                min: 1000.0,
                max: 2000.0,
                median: None,
                basis: Some(Basis::Base),
                open_ended: false,
                titles: Some(s("Titles")),
                note: Some(s("Note")),
                source: Some(SourceRef::Text(s("Source"))),
            }],
            as_of: None,
            source: None,
        }),
        demand: Some(Demand {
            outlook: Some(Outlook::Stable),
            summary: Some(s("Demand")),
            growth_pct: None,
            growth_period: Some(s("Period")),
            openings_per_year: None,
            source: None,
        }),
        hiring: Some(Hiring {
            employers: vec![s("Employer")],
            sectors: vec![s("Sector")],
        }),
        next_steps: vec![s("Step")],
        sources: vec![Link {
            title: s("Source"),
            url: "https://example.org/".into(),
        }],
        alt_titles: vec![s("Alt")],
        codes: None,
        requirements: Some(Requirements {
            education: Some(s("Education")),
            experience: Some(s("Experience")),
            certifications: vec![s("Cert")],
        }),
        resources: vec![Resource {
            title: s("Resource"),
            url: "https://example.org/r".into(),
            kind: None,
        }],
        rubric: vec![
            RubricLevel {
                level: s("Level"),
                scope: Some(s("Scope")),
                impact: Some(s("Impact")),
                examples: vec![s("Example")],
            },
            RubricLevel {
                level: s("Next"),
                scope: Some(s("Wider")),
                impact: None,
                examples: vec![],
            },
        ],
    }
}

fn write_guide(root: &Path, name: &str, front: &FrontMatter, body: &str) {
    let yaml = serde_yaml::to_string(front).expect("serialise");
    std::fs::write(
        root.join("guides").join(name),
        format!("---\n{yaml}---\n{body}\n"),
    )
    .expect("write guide");
}

/// The text of the inline script of the default theme's `base.html`.
fn theme_loader() -> Option<String> {
    let base = read(repo().join("themes/default/templates/base.html"));
    let start = base.find("<script>\n")? + "<script>".len();
    let end = start + base[start..].find("</script>")?;
    Some(base[start..end].to_string())
}

/// Fails if a parsed page holds anything that could run script.
fn assert_inert(path: &str, html: &str) {
    let doc = Html::parse_document(html);
    let all = Selector::parse("*").expect("selector");
    for el in doc.select(&all) {
        let v = el.value();
        let name = v.name();
        assert!(
            !matches!(name, "iframe" | "object" | "embed" | "frame"),
            "{path}: <{name}> survived"
        );
        if name == "script" {
            let ty = v.attr("type").unwrap_or("");
            // The theme's own scripts, linked relative to the page (or
            // under the base path on 404.html).
            let local_src = v.attr("src").is_some_and(|s| {
                !s.starts_with("//")
                    && !s.contains(':')
                    && matches!(
                        s.rsplit('/').next(),
                        Some("search.js" | "sort.js" | "assess.js")
                    )
            });
            // The loader at the end of the theme's base.html, as written.
            let loader = v.attr("src").is_none() && ty.is_empty() && {
                let text: String = el.text().collect();
                theme_loader().is_some_and(|l| l == text)
            };
            assert!(
                ty == "application/ld+json" || local_src || loader,
                "{path}: a <script> survived: {}",
                el.html()
            );
            if ty == "application/ld+json" {
                let text: String = el.text().collect();
                serde_json::from_str::<serde_json::Value>(&text)
                    .unwrap_or_else(|e| panic!("{path}: JSON-LD was broken out of ({e}): {text}"));
            }
        }
        if name == "style" {
            let text: String = el.text().collect();
            assert!(!text.contains("display:none"), "{path}: guide CSS survived");
        }
        for (attr, value) in v.attrs() {
            assert!(
                !attr.starts_with("on"),
                "{path}: event handler {attr} on <{name}>"
            );
            let squashed: String = value
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_ascii_lowercase();
            let refresh = name == "meta" && attr == "content" && v.attr("http-equiv").is_some();
            if matches!(attr, "href" | "src" | "action" | "formaction") || refresh {
                assert!(
                    !squashed.contains("javascript:"),
                    "{path}: {attr}={value} on <{name}>"
                );
                assert!(
                    !squashed.starts_with("data:text"),
                    "{path}: {attr}={value} on <{name}>"
                );
            }
        }
    }
}

#[test]
fn hostile_content_in_every_field_and_the_body_never_becomes_markup() {
    let site = fixture("minimal");
    for (i, p) in PAYLOADS.iter().enumerate() {
        write_guide(
            site.path(),
            &format!("hostile-{i}.md"),
            &hostile_guide(p, i),
            &format!("# Body {p}\n\n{p}\n\n- {p}\n"),
        );
    }
    build_ok(site.path(), &["--base-url", "https://example.org/sub/"]);
    let out = site.path().join("output");
    let mut pages = 0;
    for (path, bytes) in tree(&out) {
        if path.ends_with(".html") {
            pages += 1;
            assert_inert(&path, &String::from_utf8(bytes).expect("utf-8"));
        }
    }
    assert!(pages > PAYLOADS.len(), "{pages} pages checked");
    // The payloads are shown to the reader as text, not dropped.
    let text = page_text(&read(out.join("guides/hostile-0/index.html")));
    assert!(
        text.contains("Responsibility <script>alert(1)</script>"),
        "{text}"
    );
}

#[test]
fn the_output_folder_may_not_hold_or_be_an_input() {
    let site = fixture("minimal");
    let root = site.path();
    let parent = root.parent().expect("parent");
    for (output, why) in [
        (root.to_path_buf(), "contains the site root"),
        (root.join("guides"), "inside `guides/`"),
        (root.join("themes/default"), "inside `themes/`"),
        (parent.to_path_buf(), "contains the site root"),
        (Path::new("/").to_path_buf(), "cannot be `/`"),
    ] {
        let res = careerbook(&[
            "build",
            "--root",
            root.to_str().unwrap(),
            "--output",
            output.to_str().unwrap(),
        ]);
        assert_eq!(res.status.code(), Some(2), "{}", output.display());
        assert!(
            stderr(&res).contains(why),
            "{}: {}",
            output.display(),
            stderr(&res)
        );
    }
    assert!(root.join("guides/solo.md").is_file(), "inputs untouched");
}

#[test]
fn a_folder_careerbook_did_not_create_is_never_replaced() {
    let site = fixture("minimal");
    let precious = site.path().join("precious");
    std::fs::create_dir_all(&precious).unwrap();
    std::fs::write(precious.join("thesis.txt"), "do not delete").unwrap();
    let res = careerbook(&[
        "build",
        "--root",
        site.path().to_str().unwrap(),
        "--output",
        precious.to_str().unwrap(),
    ]);
    assert_eq!(res.status.code(), Some(2));
    assert!(
        stderr(&res).contains("was not made by careerbook"),
        "{}",
        stderr(&res)
    );
    assert_eq!(read(precious.join("thesis.txt")), "do not delete");
    // An empty folder is fine, and after one build it carries the marker.
    let empty = site.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    build_ok(site.path(), &["--output", empty.to_str().unwrap()]);
    assert!(empty.join(careerbook::output::write::MARKER).is_file());
    // A folder with the marker is careerbook's to replace.
    build_ok(site.path(), &["--output", empty.to_str().unwrap()]);
    assert!(empty.join(careerbook::output::write::MARKER).is_file());
    assert!(read(empty.join("guides/solo/index.html")).contains("Solo Role"));
}

#[test]
fn yaml_bombs_and_deep_nesting_fail_fast_with_a_clear_error() {
    let site = fixture("minimal");
    let mut bomb = String::from("---\ntitle: Bomb\nsummary: s\nresponsibilities: [a]\nskills:\n  - &a0 [x, x, x, x, x, x, x, x, x]\n");
    for i in 1..10 {
        bomb.push_str(&format!(
            "  - &a{i} [{}]\n",
            vec![format!("*a{}", i - 1); 9].join(", ")
        ));
    }
    bomb.push_str("---\n");
    std::fs::write(site.path().join("guides/bomb.md"), bomb).unwrap();
    let deep = format!(
        "---\ntitle: Deep\nsummary: s\nresponsibilities: [a]\nskills: [b]\ntags: {}{}\n---\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    std::fs::write(site.path().join("guides/deep.md"), deep).unwrap();
    let started = std::time::Instant::now();
    let res = careerbook(&["check", "--root", site.path().to_str().unwrap()]);
    assert!(
        started.elapsed().as_secs() < 20,
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(res.status.code(), Some(1));
    let err = stderr(&res);
    // The bomb fails at the alias that would take the copies past the cap.
    assert!(err.contains("guides/bomb.md:11:10"), "{err}");
    assert!(err.contains("copies too much"), "{err}");
    assert!(err.contains("guides/deep.md:6"), "{err}");
    assert!(err.contains("nesting deeper than"), "{err}");
}

#[test]
fn an_oversized_guide_is_refused_by_name() {
    let site = fixture("minimal");
    let big = format!(
        "---\ntitle: Big\nsummary: s\nresponsibilities: [a]\nskills: [b]\n---\n{}",
        "x".repeat(5 * 1024 * 1024)
    );
    std::fs::write(site.path().join("guides/big.md"), big).unwrap();
    let res = careerbook(&["check", "--root", site.path().to_str().unwrap()]);
    assert_eq!(res.status.code(), Some(1));
    assert!(stderr(&res).contains("guides/big.md"), "{}", stderr(&res));
    assert!(stderr(&res).contains("larger than"), "{}", stderr(&res));
}

#[test]
fn a_build_killed_mid_way_leaves_the_previous_site_whole() {
    let site = fixture("minimal");
    let root = site.path();
    let solo = read(root.join("guides/solo.md"));
    for i in 0..1500 {
        let text = solo
            .replace("Solo Role", &format!("Role {i}"))
            .replace("Work alone.", &"Work hard. ".repeat(200));
        std::fs::write(root.join(format!("guides/role-{i:04}.md")), text).unwrap();
    }
    build_ok(root, &[]);
    let out = root.join("output");
    let before = tree(&out);
    for i in 0..1500 {
        let p = root.join(format!("guides/role-{i:04}.md"));
        std::fs::write(&p, read(&p).replace("Work hard.", "Work smart.")).unwrap();
    }
    let mut child = command()
        .args(["build", "--root", root.to_str().unwrap()])
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    // Kill it once it has started writing the new site.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let staging_seen = loop {
        let staging = std::fs::read_dir(root)
            .unwrap()
            .filter_map(Result::ok)
            .any(|e| {
                e.file_name()
                    .to_string_lossy()
                    .starts_with(".output.careerbook-staging-")
            });
        if staging || std::time::Instant::now() > deadline {
            break staging;
        }
        if child.try_wait().unwrap().is_some() {
            break false;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    };
    child.kill().ok();
    child.wait().unwrap();
    assert!(
        staging_seen,
        "the build finished before it could be killed; make the site larger"
    );
    assert_eq!(
        tree(&out),
        before,
        "a killed build changed the published output"
    );
    // The next build succeeds and clears what the killed one left behind.
    build_ok(root, &[]);
    assert!(read(out.join("guides/role-0000/index.html")).contains("Work smart."));
    let leftovers = staging_leftovers(root);
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_template_error_names_the_template_line_and_variable() {
    let site = fixture("minimal");
    let dir = site.path().join("themes/default/templates");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("guide.html"), "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ guide.nonexistent_field }}</h1>\n{% endblock content %}\n").unwrap();
    let res = careerbook(&["build", "--root", site.path().to_str().unwrap()]);
    assert_eq!(res.status.code(), Some(1), "{}", stderr(&res));
    let err = stderr(&res);
    assert!(err.contains("themes/default/templates/guide.html"), "{err}");
    assert!(err.contains("guide.nonexistent_field"), "{err}");
    std::fs::write(dir.join("guide.html"), "{% extends \"base.html\" %}\n{% block content %}\n{{ guide.title \n{% endblock content %}\n").unwrap();
    let res = careerbook(&["build", "--root", site.path().to_str().unwrap()]);
    assert_eq!(res.status.code(), Some(1));
    let err = stderr(&res);
    assert!(
        err.contains("themes/default/templates/guide.html:4:1"),
        "{err}"
    );
    assert!(!site.path().join("output").exists());
}

#[test]
fn symlinks_leading_outside_the_site_are_not_followed_and_said_so() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("secret.md"),
        "---\ntitle: Secret\nsummary: s\nresponsibilities: [a]\nskills: [b]\n---\nTOP SECRET\n",
    )
    .unwrap();
    std::fs::write(outside.path().join("base.html"), "LEAKED TEMPLATE").unwrap();
    let site = fixture("minimal");
    let root = site.path();
    std::os::unix::fs::symlink(
        outside.path().join("secret.md"),
        root.join("guides/secret.md"),
    )
    .unwrap();
    // A link that stays inside the site is followed.
    std::fs::create_dir_all(root.join("drafts")).unwrap();
    std::fs::write(
        root.join("drafts/inside.md"),
        read(root.join("guides/solo.md"))
            .replace("Solo Role", "Inside Role")
            .replace("title:", "slug: inside\ntitle:"),
    )
    .unwrap();
    std::os::unix::fs::symlink(root.join("drafts/inside.md"), root.join("guides/inside.md"))
        .unwrap();
    let templates = root.join("themes/default/templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("base.html"),
        templates.join("base.html"),
    )
    .unwrap();
    let res = build_ok(root, &[]);
    let err = stderr(&res);
    assert!(err.contains("guides/secret.md"), "{err}");
    assert!(err.contains("themes/default/templates/base.html"), "{err}");
    assert_eq!(err.matches("not followed").count(), 2, "{err}");
    let out = root.join("output");
    assert!(!out.join("guides/secret").exists());
    assert!(out.join("guides/inside/index.html").is_file());
    for (path, bytes) in tree(&out) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("TOP SECRET") && !text.contains("LEAKED TEMPLATE"),
            "{path}"
        );
    }
}

/// An alias that would replace a page careerbook writes is an error in
/// `check` and in `build`, never a race between two writers.
#[test]
fn aliases_cannot_replace_generated_pages() {
    let site = fixture("minimal");
    let root = site.path();
    let solo = read(root.join("guides/solo.md"));
    std::fs::write(
        root.join("guides/solo.md"),
        solo.replacen(
            "title:",
            "aliases: [/index.html, /sitemap.xml, /search/, /style.css]\ntitle:",
            1,
        ),
    )
    .unwrap();
    let r = root.to_str().unwrap();
    for command in ["check", "build"] {
        let out = careerbook(&[command, "--root", r]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{command}: {err}");
        assert_eq!(err.matches("E0303").count(), 4, "{command}: {err}");
        assert!(err.contains("the home page"), "{err}");
    }
    assert!(!root.join("output").exists());
}

/// `site.yaml` arrives through pull requests like the guides: its `output`
/// may only name a folder inside the site; one elsewhere must come from the
/// command line.
#[test]
fn site_yaml_cannot_send_the_output_outside_the_site() {
    for output in ["../escaped/deep/dir", "/tmp/careerbook-escaped-output"] {
        let site = fixture("minimal");
        let root = site.path().join("site");
        std::fs::create_dir_all(&root).unwrap();
        copy_dir(&repo().join("tests/fixtures/minimal"), &root);
        std::fs::write(
            root.join("site.yaml"),
            format!("title: T\noutput: {output}\n"),
        )
        .unwrap();
        let r = root.to_str().unwrap();
        let check = careerbook(&["check", "--root", r]);
        let err = stderr(&check);
        assert_eq!(check.status.code(), Some(1), "{err}");
        assert!(
            err.contains("E0306") && err.contains("site.yaml:2:9"),
            "{err}"
        );
        let build = careerbook(&["build", "--root", r]);
        assert_eq!(build.status.code(), Some(1), "{}", stderr(&build));
        assert!(!site.path().join("escaped").exists());
        assert!(!std::path::Path::new(output).exists() || !output.starts_with('/'));
        // Given on the command line, a folder outside the site is fine.
        let elsewhere = site.path().join("public");
        build_ok(&root, &["--output", elsewhere.to_str().unwrap()]);
        assert!(elsewhere.join("index.html").is_file());
    }
}

/// The rule for linked files holds for linked folders: a theme, its
/// `static/` or `guides/` that is a link out of the site root is not read
/// (walking a folder follows its starting point even when it is a link).
#[test]
fn folders_linked_from_outside_the_site_are_not_read() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(outside.path().join("static")).unwrap();
    std::fs::write(outside.path().join("static/secret.txt"), "TOP SECRET").unwrap();
    std::fs::create_dir_all(outside.path().join("theme/static")).unwrap();
    std::fs::write(outside.path().join("theme/static/leak.txt"), "TOP SECRET").unwrap();
    std::fs::create_dir_all(outside.path().join("guides")).unwrap();
    std::fs::write(
        outside.path().join("guides/secret.md"),
        "---\ntitle: Secret\nsummary: s\nresponsibilities: [a]\nskills: [b]\n---\nTOP SECRET\n",
    )
    .unwrap();

    // `themes/default/static` linked out of the site.
    let site = fixture("minimal");
    let root = site.path();
    std::fs::create_dir_all(root.join("themes/default")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("static"),
        root.join("themes/default/static"),
    )
    .unwrap();
    let err = stderr(&build_ok(root, &[]));
    assert!(err.contains("themes/default/static"), "{err}");
    assert!(!root.join("output/secret.txt").exists());

    // The whole theme folder linked out of the site.
    let site = fixture("minimal");
    let root = site.path();
    std::fs::create_dir_all(root.join("themes")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("theme"), root.join("themes/default")).unwrap();
    build_ok(root, &[]);
    assert!(!root.join("output/leak.txt").exists());

    // `guides/` itself linked out of the site: nothing is read, and it says so.
    let site = fixture("minimal");
    let root = site.path();
    std::fs::remove_dir_all(root.join("guides")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("guides"), root.join("guides")).unwrap();
    let out = careerbook(&["check", "--root", root.to_str().unwrap()]);
    let err = stderr(&out);
    assert!(err.contains("W0010") && err.contains("guides"), "{err}");
    assert!(!err.contains("secret.md"), "{err}");
    let built = careerbook(&["build", "--root", root.to_str().unwrap()]);
    for (path, bytes) in tree(&root.join("output")) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("TOP SECRET"),
            "{path}"
        );
    }
    assert!(built.status.success(), "{}", stderr(&built));

    // A link into the repository's own `.git/` is not followed either.
    let site = fixture("minimal");
    let root = site.path();
    std::fs::create_dir_all(root.join(".git")).unwrap();
    std::fs::write(root.join(".git/config"), "[remote] TOP SECRET").unwrap();
    std::fs::create_dir_all(root.join("themes/default/static")).unwrap();
    std::os::unix::fs::symlink(
        root.join(".git/config"),
        root.join("themes/default/static/config.txt"),
    )
    .unwrap();
    build_ok(root, &[]);
    assert!(!root.join("output/config.txt").exists());
}

#[test]
fn allow_raw_html_lets_markup_through_sanitised_and_stays_off_by_default() {
    let site = fixture("minimal");
    let body = "<p class=\"lead\">Kept <b>bold</b></p>\n\n<script>alert(1)</script>\n<img src=x onerror=alert(1)>\n<iframe src=\"https://evil.example/\"></iframe>\n<a href=\"javascript:alert(1)\">j</a>\n";
    let solo = read(site.path().join("guides/solo.md"));
    std::fs::write(
        site.path().join("guides/solo.md"),
        format!("{solo}\n{body}"),
    )
    .unwrap();
    build_ok(site.path(), &[]);
    let page = read(site.path().join("output/guides/solo/index.html"));
    assert!(
        page.contains("&lt;b&gt;bold&lt;/b&gt;"),
        "raw HTML is text by default"
    );
    assert_inert("solo", &page);
    std::fs::write(site.path().join("site.yaml"), "allow_raw_html: true\n").unwrap();
    build_ok(site.path(), &[]);
    let page = read(site.path().join("output/guides/solo/index.html"));
    assert!(page.contains("<b>bold</b>"), "allowed raw HTML renders");
    assert_inert("solo", &page);
    assert!(!page.contains("alert(1)</script>"));
}

#[test]
fn the_guide_size_limit_is_configurable() {
    let site = fixture("minimal");
    let solo = read(site.path().join("guides/solo.md"));
    std::fs::write(
        site.path().join("guides/solo.md"),
        format!("{solo}\n{}", "word ".repeat(400)),
    )
    .unwrap();
    std::fs::write(site.path().join("site.yaml"), "max_guide_kib: 1\n").unwrap();
    let res = careerbook(&["check", "--root", site.path().to_str().unwrap()]);
    assert_eq!(res.status.code(), Some(1));
    assert!(
        stderr(&res).contains("larger than 1 KiB"),
        "{}",
        stderr(&res)
    );
    std::fs::write(site.path().join("site.yaml"), "max_guide_kib: 64\n").unwrap();
    build_ok(site.path(), &[]);
    let page = page_text(&read(site.path().join("output/guides/solo/index.html")));
    assert!(
        page.contains(&"word ".repeat(400)),
        "the whole body is built"
    );
}
