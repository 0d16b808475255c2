//! Authoring and publishing: `init`, `new`, GitHub Pages files, link
//! checking, completions and the man page.

use crate::common::*;
use std::path::Path;

fn run_in(root: &Path, args: &[&str]) -> std::process::Output {
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--root", root.to_str().unwrap()]);
    careerbook(&all)
}

#[test]
fn init_creates_a_site_that_builds_and_checks_clean() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("my-guides");
    let out = careerbook(&["init", site.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let files: Vec<String> = tree(&site).into_keys().collect();
    assert_eq!(
        files,
        [
            ".github/workflows/pages.yml",
            ".gitignore",
            ".helix/languages.toml",
            ".vscode/extensions.json",
            ".vscode/settings.json",
            "guides/site-reliability-engineer.md",
            "site.yaml"
        ]
    );
    assert!(read(site.join(".gitignore")).contains("/output/"));
    let check = run_in(&site, &["check"]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    assert!(
        stderr(&check).contains("0 errors, 0 warnings"),
        "{}",
        stderr(&check)
    );
    let links = run_in(&site, &["check", "--links"]);
    assert!(
        stderr(&links).contains("links: 0 broken"),
        "{}",
        stderr(&links)
    );
    build_ok(&site, &[]);
    let page = read(site.join("output/guides/site-reliability-engineer/index.html"));
    let text = page_text(&page);
    // The example guide fills every section of the format.
    for section in [
        "Key Responsibilities",
        "Top Skills for Success",
        "Can Lead To",
        "Transition Opportunities",
        "Often Missing Skills",
        "Development Suggestions",
        "Salary range",
        "Growth Trend",
        "Major Employers",
        "Industry Sectors",
        "Recommended Next Steps",
        "Sources",
    ] {
        assert!(text.contains(section), "example guide lacks {section}");
    }
    assert!(site.join("output/sre/index.html").is_file(), "alias");
}

/// `careerbook init` says to build and then open output/index.html. Opened
/// from disk, the home page, a guide page and every other page must find
/// their stylesheet and scripts and every page they link to, relative to
/// their own folder; a link to a folder must have its `index.html` there.
#[test]
fn an_initialised_site_opens_from_disk() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("my-guides");
    let init = careerbook(&["init", site.to_str().unwrap()]);
    assert!(init.status.success(), "{}", stderr(&init));
    assert!(
        stderr(&init).contains("careerbook build, then open output/index.html"),
        "{}",
        stderr(&init)
    );
    build_ok(&site, &[]);
    let out = site.join("output");
    let index = assert_links_open_from_disk(&out, "index.html");
    assert!(index >= 15, "index.html: {index} internal links");
    let guide = "guides/site-reliability-engineer/index.html";
    let links = assert_links_open_from_disk(&out, guide);
    assert!(links >= 20, "{guide}: {links} internal links");
    let html = read(out.join(guide));
    assert!(html.contains("<link rel=\"stylesheet\" href=\"../../style.css\">"));
    // The search code, loaded when the box is first used.
    assert!(html.contains(" data-script=\"../../search.js\" "));
    assert!(out.join("search.js").is_file());
    // Every other page too, except 404.html, which a host serves at any
    // depth and so links root-absolute.
    for page in tree(&out).into_keys() {
        if page.ends_with(".html") && page != "404.html" {
            assert_links_open_from_disk(&out, &page);
        }
    }
}

/// The section of a Markdown document under the heading `heading`, up to
/// the next heading of the same or a higher level.
fn section<'a>(doc: &'a str, heading: &str) -> &'a str {
    let level = heading.chars().take_while(|c| *c == '#').count();
    let start = doc
        .find(&format!("\n{heading}\n"))
        .unwrap_or_else(|| panic!("no heading {heading}"));
    let body = &doc[start + heading.len() + 2..];
    let end = body
        .match_indices("\n#")
        .find(|(i, _)| {
            let hashes = body[i + 1..].chars().take_while(|c| *c == '#').count();
            hashes <= level && body[i + 1 + hashes..].starts_with(' ')
        })
        .map_or(body.len(), |(i, _)| i);
    &body[..end]
}

/// The first fenced block of `lang` in `text`.
fn fenced<'a>(text: &'a str, lang: &str) -> &'a str {
    let open = format!("```{lang}\n");
    let start = text.find(&open).expect("a fenced block") + open.len();
    let len = text[start..].find("```").expect("closed");
    &text[start..start + len]
}

/// Every editor tip names files that an initialised site has, with the
/// text the tips show; and the settings start a server that works.
#[test]
fn an_initialised_site_has_every_file_the_editor_tips_name() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("my-guides");
    let out = careerbook(&["init", site.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let editors = read(repo().join("docs/editors.md"));
    let readme = read(repo().join("README.md"));

    // The table of what `init` writes, and every settings file the
    // README's editor section names.
    let table = section(&editors, "## What `careerbook init` writes for editors");
    let listed: Vec<&str> = table
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split('`').next())
        .collect();
    assert_eq!(
        listed,
        [
            ".vscode/settings.json",
            ".vscode/extensions.json",
            ".helix/languages.toml"
        ]
    );
    let tips = section(&readme, "## Editor support");
    let named: Vec<&str> = tips
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|w| w.starts_with(".vscode/") || w.starts_with(".helix/"))
        .collect();
    assert_eq!(named.len(), 3, "{tips}");
    for file in listed.iter().chain(&named) {
        assert!(site.join(file).is_file(), "init did not write {file}");
    }
    // No tip points at a schema file in the site, which init does not write.
    assert!(!tips.contains("$schema=."), "{tips}");
    assert!(!site.join("schema").exists());

    // The files hold what the tips show.
    let vscode: serde_json::Value =
        serde_json::from_str(fenced(section(&editors, "## VS Code"), "json")).unwrap();
    let written: serde_json::Value =
        serde_json::from_str(&read(site.join(".vscode/settings.json"))).unwrap();
    assert_eq!(written, vscode);
    assert_eq!(written["glspc.serverCommand"], "careerbook");
    assert_eq!(
        written["glspc.serverCommandArguments"],
        serde_json::json!(["lsp"])
    );
    let extensions: serde_json::Value =
        serde_json::from_str(&read(site.join(".vscode/extensions.json"))).unwrap();
    let id = extensions["recommendations"][0].as_str().unwrap();
    assert!(
        section(&editors, "## VS Code").contains(&format!("(`{id}`")),
        "{id}"
    );
    let helix = fenced(section(&editors, "## Helix"), "toml");
    assert_eq!(read(site.join(".helix/languages.toml")), helix);
    assert!(helix.contains("command = \"careerbook\"\nargs = [\"lsp\"]\n"));

    // The command they start, on the new site: diagnostics for a guide.
    let guide = site.join("guides/site-reliability-engineer.md");
    let (mut lsp, _) = crate::common::lsp::Lsp::initialized(&site);
    let text = read(&guide).replace("summary:", "sumary:");
    lsp.open(&guide, &text);
    let diags = lsp.diagnostics(&guide);
    assert!(diags.iter().any(|d| d["code"] == "E0101"), "{diags:?}");
    assert!(lsp.shutdown().success());

    // Settings a repository has already are kept, and said to be.
    let other = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(other.path().join(".vscode")).unwrap();
    std::fs::write(other.path().join(".vscode/settings.json"), "{}\n").unwrap();
    let out = careerbook(&["init", other.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(read(other.path().join(".vscode/settings.json")), "{}\n");
    assert!(other.path().join(".vscode/extensions.json").is_file());
    assert!(other.path().join("site.yaml").is_file());
    assert!(
        stderr(&out).contains(&format!(
            "kept {} as it was; docs/editors.md says what careerbook lsp needs in it",
            other.path().join(".vscode/settings.json").display()
        )),
        "{}",
        stderr(&out)
    );
}

#[test]
fn init_refuses_to_overwrite_and_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path();
    assert!(careerbook(&["init", site.to_str().unwrap()])
        .status
        .success());
    std::fs::write(site.join("site.yaml"), "title: Mine\n").unwrap();
    let before = tree(site);
    let again = careerbook(&["init", site.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("refusing to overwrite"));
    assert_eq!(tree(site), before);

    // One existing file is enough to write nothing at all.
    let other = tempfile::tempdir().unwrap();
    std::fs::write(other.path().join(".gitignore"), "keep\n").unwrap();
    let res = careerbook(&["init", other.path().to_str().unwrap()]);
    assert_eq!(res.status.code(), Some(2));
    assert!(stderr(&res).contains(".gitignore"), "{}", stderr(&res));
    let left: Vec<String> = tree(other.path()).into_keys().collect();
    assert_eq!(left, [".gitignore"]);
    assert_eq!(read(other.path().join(".gitignore")), "keep\n");
}

#[test]
fn init_workflow_matches_the_repository_workflow_but_uses_a_release() {
    let tmp = tempfile::tempdir().unwrap();
    assert!(careerbook(&["init", tmp.path().to_str().unwrap()])
        .status
        .success());
    let init = read(tmp.path().join(".github/workflows/pages.yml"));
    let repo_wf = read(repo().join(".github/workflows/pages.yml"));
    let version = env!("CARGO_PKG_VERSION");
    let jobs = |wf: &str| -> (String, String) {
        let (build, deploy) = wf.split_once("\n  deploy:\n").expect("a deploy job");
        (build.to_string(), deploy.to_string())
    };
    for wf in [&init, &repo_wf] {
        let (build, deploy) = jobs(wf);
        // Pushes and pull requests check, build and keep the site, read-only
        // and outside the deploy's concurrency group.
        for needle in [
            "pull_request:",
            "contents: read",
            "pages: read",
            "group: pages-build-",
            "if: github.event_name == 'pull_request'",
            "actions/upload-artifact@",
            "actions/upload-pages-artifact@",
        ] {
            assert!(build.contains(needle), "build job lacks {needle}:\n{wf}");
        }
        // Only pushes to main deploy, and only the deploy job may.
        for needle in ["pages: write", "id-token: write", "group: pages\n"] {
            assert!(!build.contains(needle), "build job has {needle}:\n{wf}");
            assert!(deploy.contains(needle), "deploy job lacks {needle}:\n{wf}");
        }
        for needle in [
            "if: github.event_name == 'push' && github.ref == 'refs/heads/main'",
            "cancel-in-progress: false",
            "name: github-pages",
            "url: ${{ steps.deployment.outputs.page_url }}",
            "actions/deploy-pages@",
        ] {
            assert!(deploy.contains(needle), "deploy job lacks {needle}:\n{wf}");
        }
        assert!(!wf.contains("cargo install"), "{wf}");
        // On a pull request, the base commit is checked out beside the
        // site for `careerbook diff`'s summary.
        for needle in [
            "ref: ${{ github.event.pull_request.base.sha }}",
            "path: base",
        ] {
            assert!(build.contains(needle), "build job lacks {needle}:\n{wf}");
        }
    }
    assert!(repo_wf.contains("./target/release/careerbook diff base"));
    assert!(init.contains("diff-base: ${{ github.event_name == 'pull_request' && 'base' || '' }}"));
    // One deploy job, and each action at the same commit in both.
    assert_eq!(jobs(&init).1, jobs(&repo_wf).1);
    let pins = |wf: &str| -> std::collections::BTreeSet<String> {
        wf.lines()
            .filter_map(|l| l.trim().trim_start_matches("- ").strip_prefix("uses: "))
            .filter(|u| u.starts_with("actions/"))
            .map(str::to_string)
            .collect()
    };
    assert!(pins(&init).is_subset(&pins(&repo_wf)), "{init}");
    // This repository builds careerbook from its own source; a new site uses
    // the release that wrote it, through the action, and never compiles.
    assert!(repo_wf.contains("cargo build --release --locked"));
    assert!(repo_wf.contains("check --format github"));
    assert!(repo_wf.contains("actions/configure-pages@"));
    assert!(init.contains(&format!("uses: careerbook/careerbook@v{version}\n")));
    assert!(init.contains(&format!("CAREERBOOK_VERSION: \"{version}\"")));
    assert!(!init.contains("cargo build") && !init.contains("{version}"));
}

#[test]
fn the_action_installs_this_version_by_default() {
    let action = read(repo().join("action.yml"));
    let version = env!("CARGO_PKG_VERSION");
    assert!(
        action.contains(&format!("    default: \"{version}\"\n")),
        "action.yml's `version` input should default to {version}"
    );
    assert!(!action.contains("cargo install") && !action.contains("cargo build"));
    assert!(action
        .contains("\"$CAREERBOOK\" diff \"$BASE\" --root \"$ROOT\" >> \"$GITHUB_STEP_SUMMARY\""));
}

#[test]
fn new_scaffolds_a_draft_that_builds_and_lists_what_to_fill_in() {
    let site = fixture("minimal");
    let out = run_in(
        site.path(),
        &["new", "Ingénieur Données (Paris)", "--family", "Data"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let path = site.path().join("guides/ingenieur-donnees-paris.md");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        path.display().to_string()
    );
    let text = read(&path);
    assert!(text.contains("title: \"Ingénieur Données (Paris)\""));
    assert!(text.contains("family: \"Data\""));
    assert!(text.contains("draft: true"));
    assert!(text.contains("# 5-10 items, each one sentence"));
    // Every section of the format is there to fill in.
    for key in [
        "summary:",
        "responsibilities:",
        "skills:",
        "progression:",
        "leads_to:",
        "transitions:",
        "skill_gaps:",
        "missing:",
        "development:",
        "salary:",
        "ranges:",
        "demand:",
        "hiring:",
        "employers:",
        "sectors:",
        "next_steps:",
        "sources:",
        "alt_titles:",
        "requirements:",
        "resources:",
    ] {
        assert!(text.contains(key), "scaffold lacks {key}");
    }

    // A draft: left out of a normal build, built with --drafts.
    build_ok(site.path(), &[]);
    assert!(!site
        .path()
        .join("output/guides/ingenieur-donnees-paris")
        .exists());
    build_ok(site.path(), &["--drafts"]);
    let page = read(
        site.path()
            .join("output/guides/ingenieur-donnees-paris/index.html"),
    );
    assert!(page.contains("Ingénieur Données (Paris)"));

    // check passes, but lists every placeholder left, with its line.
    let check = run_in(site.path(), &["check", "--drafts"]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    let err = stderr(&check);
    for field in [
        "summary",
        "responsibilities[0]",
        "skills[0]",
        "progression.leads_to[0]",
        "skill_gaps.development",
        "salary.ranges[0].level",
        "demand.summary",
        "hiring.employers[0]",
        "next_steps[0]",
        "sources[0].url",
        "resources[0].title",
    ] {
        assert!(
            err.contains(&format!("placeholder text left in `{field}`")),
            "check does not flag {field}:\n{err}"
        );
    }
    assert!(err.contains("warning[W0901]"));
    assert!(err.contains("placeholder text left in the body"));
    let summary_line = text
        .lines()
        .position(|l| l.starts_with("summary:"))
        .unwrap()
        + 1;
    assert!(
        err.contains(&format!(
            "guides/ingenieur-donnees-paris.md:{summary_line}:10"
        )),
        "{err}"
    );
}

#[test]
fn new_refuses_to_overwrite_a_guide() {
    let site = fixture("minimal");
    std::fs::write(site.path().join("guides/solo-role.md"), "mine\n").unwrap();
    let out = run_in(site.path(), &["new", "Solo Role"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("refusing to overwrite"),
        "{}",
        stderr(&out)
    );
    assert_eq!(read(site.path().join("guides/solo-role.md")), "mine\n");
    let out = run_in(site.path(), &["new", "!!!"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no letters or digits"));
}

#[test]
fn new_without_family_still_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let out = run_in(tmp.path(), &["new", "Data Engineer"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(read(tmp.path().join("guides/data-engineer.md")).contains("family: \"TODO: "));
    build_ok(tmp.path(), &["--drafts"]);
    let page = read(tmp.path().join("output/guides/data-engineer/index.html"));
    assert!(
        page.contains("<title>Data Engineer · Career Guides</title>"),
        "{page}"
    );
}

#[test]
fn pages_files_nojekyll_cname_and_an_absolute_404() {
    let site = fixture("basic");
    std::fs::write(
        site.path().join("site.yaml"),
        "title: T\nbase_url: https://user.github.io/careers/\ncname: careers.example.com\n",
    )
    .unwrap();
    build_ok(site.path(), &[]);
    let out = site.path().join("output");
    assert_eq!(std::fs::read(out.join(".nojekyll")).unwrap(), b"");
    assert_eq!(read(out.join("CNAME")), "careers.example.com\n");
    // GitHub Pages serves 404.html at any depth: every link and asset in it
    // must be absolute under the base path.
    let html = read(out.join("404.html"));
    let scanned = careerbook::output::links::scan(&html);
    assert!(scanned.links.len() >= 4, "{:?}", scanned.links);
    for link in &scanned.links {
        let url = &link.url;
        assert!(
            url.starts_with("/careers/")
                || url.starts_with("https://user.github.io/careers/")
                || url.starts_with('#'),
            "404.html:{}: `{url}` is not absolute under /careers/",
            link.line
        );
    }
    // Without a cname there is no CNAME file.
    let plain = fixture("minimal");
    build_ok(plain.path(), &[]);
    assert!(plain.path().join("output/.nojekyll").is_file());
    assert!(!plain.path().join("output/CNAME").exists());
}

#[test]
fn link_checker_reports_exactly_the_planted_broken_links() {
    let root = fixture_path("broken-links");
    let out = careerbook(&["check", "--links", "--root", root.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    let got: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("broken link"))
        .map(|l| l.split("/output/").nth(1).unwrap_or(l))
        .collect();
    let planted = "guides/planted/index.html";
    // The lines come from the page as built, so a theme change that moves
    // the body does not break the test, while a wrong line still does.
    let built = tempfile::tempdir().unwrap();
    let dest = built.path().join("site");
    build_ok(&root, &["--output", dest.to_str().unwrap()]);
    let html = read(dest.join(planted));
    let line_of = |href: &str| {
        let needle = format!("href=\"{href}\"");
        html.lines()
            .position(|l| l.contains(&needle))
            .unwrap_or_else(|| panic!("{needle} not in the page"))
            + 1
    };
    let want = [
        format!("{planted}:{}: broken link `../nope/` -> /careers/guides/nope/ (no such page)", line_of("../nope/")),
        format!("{planted}:{}: broken link `#missing` -> /careers/guides/planted/index.html#missing (no such #fragment)", line_of("#missing")),
        format!("{planted}:{}: broken link `/careers/guides/real/#nope` -> /careers/guides/real/#nope (no such #fragment)", line_of("/careers/guides/real/#nope")),
        format!("{planted}:{}: broken link `/guides/real/` -> /guides/real/ (outside the site's base path)", line_of("/guides/real/")),
        format!("{planted}:{}: broken link `https://user.github.io/careers/gone/` -> /careers/gone/ (no such page)", line_of("https://user.github.io/careers/gone/")),
        format!("{planted}:{}: broken link `../../missing.css` -> /careers/missing.css (no such page)", line_of("../../missing.css")),
    ];
    assert_eq!(got, want, "{err}");
    let pages = tree(&dest).keys().filter(|p| p.ends_with(".html")).count();
    assert!(
        err.contains(&format!(
            "links: 6 broken in {pages} pages (checked under /careers/)"
        )),
        "{err}"
    );
    // The same site checked at the domain root: /guides/real/ resolves, and
    // the pages the /careers/ links name do not exist there.
    let root_out = careerbook(&[
        "check",
        "--links",
        "--root",
        root.to_str().unwrap(),
        "--base-url",
        "/",
    ]);
    assert_eq!(root_out.status.code(), Some(1));
    let err = stderr(&root_out);
    assert!(
        !err.contains("`/guides/real/`"),
        "/guides/real/ resolves at the root:\n{err}"
    );
    assert!(
        err.contains("`/careers/guides/real/#nope` -> /careers/guides/real/#nope (no such page)"),
        "{err}"
    );
}

#[test]
fn link_checker_finds_a_relative_link_in_404() {
    use careerbook::render::Page;
    let page = |path: &str, html: &str| Page {
        path: path.into(),
        bytes: html.as_bytes().to_vec(),
    };
    let pages = [
        page("index.html", "<a href=\"guides/\">x</a>"),
        page("guides/index.html", "<p id=top>"),
        page(
            "404.html",
            "<a href=\"/sub/guides/#top\">ok</a>\n<link href=\"style.css\">",
        ),
        page("style.css", ""),
    ];
    let broken = careerbook::output::links::check_pages(&pages, "", "/sub/");
    let got: Vec<String> = broken.iter().map(ToString::to_string).collect();
    assert_eq!(
        got,
        ["404.html:2: `style.css` -> /sub/style.css (relative link in 404.html)"]
    );
}

#[test]
fn completions_and_man_page_print_to_stdout() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = careerbook(&["completions", shell]);
        assert!(out.status.success(), "{shell}");
        let text = String::from_utf8_lossy(&out.stdout);
        for word in ["careerbook", "init", "check", "--base-url"] {
            assert!(text.contains(word), "{shell} completions lack {word}");
        }
    }
    let man = careerbook(&["man"]);
    assert!(man.status.success());
    let text = String::from_utf8_lossy(&man.stdout);
    assert!(
        text.starts_with(".ie") || text.contains(".TH careerbook"),
        "{text}"
    );
    assert!(text.contains("completions"));
    let version = careerbook(&["--version"]);
    assert_eq!(
        String::from_utf8_lossy(&version.stdout).trim(),
        format!("careerbook {}", env!("CARGO_PKG_VERSION"))
    );
    // Every subcommand's help carries examples.
    for cmd in ["build", "check", "init", "new", "completions", "man"] {
        let help = careerbook(&[cmd, "--help"]);
        assert!(help.status.success(), "{cmd}");
        let text = String::from_utf8_lossy(&help.stdout);
        assert!(text.contains("Example"), "`{cmd} --help` has no example");
    }
}

#[test]
fn output_has_no_colour_or_progress_when_not_a_terminal() {
    let site = fixture("minimal");
    std::fs::write(
        site.path().join("guides/bad.md"),
        "---\ntitle: ''\nsummary: s\nresponsibilities: [a]\nskills: [b]\n---\n",
    )
    .unwrap();
    let out = command()
        .args(["build", "--root", site.path().to_str().unwrap()])
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(err.contains("error[E0202]"), "{err}");
    assert!(
        !err.contains('\x1b'),
        "escape codes in piped output: {err:?}"
    );
    assert!(
        !err.contains('\r'),
        "progress line in piped output: {err:?}"
    );
}
