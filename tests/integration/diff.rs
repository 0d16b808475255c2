//! `careerbook diff`: pairs of small sites, a base and a changed copy, in
//! one temporary folder (`base/` and `new/`), compared line by line.

use crate::common::*;
use std::path::Path;
use std::process::Output;

const SITE_YAML: &str = "title: Diff Fixture\nbase_url: https://example.org/careers/\n";

const TPM: &str = "---
title: Technical Program Manager
summary: Runs cross-team programs.
tags: [delivery]
responsibilities:
  - Plan programs.
  - Report status.
skills:
  - Planning
  - Jira
progression:
  leads_to:
    - title: Staff TPM
      guide: staff-tpm
salary:
  currency: USD
  period: year
  ranges:
    - level: Entry
      region: US
      min: 110000
      max: 145000
    - level: Senior
      region: US
      min: 200000
      max: 240000
hiring:
  employers: [SAP, Acme]
next_steps:
  - Lead a migration.
---
Body text.
";

const STAFF: &str = "---
title: Staff TPM
summary: Runs the largest programs.
responsibilities: [Run programs across organisations.]
skills: [Executive communication]
hiring:
  employers: [Acme]
---
";

const SRE: &str = "---
title: Site Reliability Engineer
summary: Keeps services up.
responsibilities: [Run on-call.]
skills: [Linux]
---
";

const MLE: &str = "---
title: ML Engineer
summary: Ships models.
responsibilities: [Train models.]
skills: [Python]
---
";

const OLD: &str = "---
title: Old Role
summary: Not needed any more.
tags: [legacy]
responsibilities: [Nothing.]
skills: [Nothing]
---
";

/// A folder with `base/` and `new/`, each the same five-guide site.
fn pair() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for side in ["base", "new"] {
        let root = dir.path().join(side);
        std::fs::create_dir_all(root.join("guides")).unwrap();
        std::fs::write(root.join("site.yaml"), SITE_YAML).unwrap();
        for (name, text) in [
            ("tpm", TPM),
            ("staff-tpm", STAFF),
            ("sre", SRE),
            ("mle", MLE),
            ("old-role", OLD),
        ] {
            std::fs::write(root.join(format!("guides/{name}.md")), text).unwrap();
        }
    }
    dir
}

/// `careerbook diff BASE --root new` (plus `extra`), run in `dir`.
fn diff_in(dir: &Path, base: &str, extra: &[&str]) -> Output {
    let mut cmd = command();
    cmd.current_dir(dir)
        .args(["diff", base, "--root", "new"])
        .args(extra);
    cmd.output().expect("run careerbook diff")
}

/// The Markdown summary of `new` against `base`, asserting exit code 0.
fn summary(dir: &Path) -> String {
    let out = diff_in(dir, "base", &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    String::from_utf8(out.stdout).unwrap()
}

/// The lines of `text` under the heading `#### heading`, up to the next
/// heading, blank lines left out.
fn section(text: &str, heading: &str) -> Vec<String> {
    text.lines()
        .skip_while(|l| *l != format!("#### {heading}"))
        .skip(1)
        .take_while(|l| !l.starts_with('#'))
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// The change lines under the guide titled `title` in "Guides changed".
fn changes_of(text: &str, title: &str) -> Vec<String> {
    section(text, "Guides changed")
        .into_iter()
        .skip_while(|l| !l.starts_with(&format!("- **{title}**")))
        .skip(1)
        .take_while(|l| l.starts_with("  - "))
        .collect()
}

fn new_guide(dir: &Path, name: &str) -> std::path::PathBuf {
    dir.join("new/guides").join(format!("{name}.md"))
}

#[test]
fn a_salary_figure_change_shows_both_figures_as_the_site_does_and_the_percentage() {
    let dir = pair();
    let tpm = new_guide(dir.path(), "tpm");
    edit(&tpm, "max: 240000", "max: 255000");
    edit(&tpm, "min: 110000", "min: 104500\n      median: 125000");
    let text = summary(dir.path());
    assert_eq!(
        changes_of(&text, "Technical Program Manager"),
        [
            "  - Entry, US: min $110k -> $104.5k (-5%)",
            "  - Entry, US: median none -> $125k",
            "  - Senior, US: max $240k -> $255k (+6%)",
        ],
        "{text}"
    );
    assert!(
        text.contains(
            "Guides: 0 added, 0 removed, 0 renamed, 1 changed. Pages: 0 appear, 0 disappear.\n"
        ),
        "{text}"
    );
}

#[test]
fn a_new_currency_shows_figures_in_each_currency_without_a_percentage() {
    let dir = pair();
    let tpm = new_guide(dir.path(), "tpm");
    edit(&tpm, "currency: USD", "currency: EUR");
    edit(&tpm, "max: 240000", "max: 225000");
    let changes = changes_of(&summary(dir.path()), "Technical Program Manager");
    assert_eq!(
        changes,
        [
            "  - Salary currency: USD -> EUR",
            "  - Entry, US: min $110k -> €110k",
            "  - Entry, US: max $145k -> €145k",
            "  - Senior, US: min $200k -> €200k",
            "  - Senior, US: max $240k -> €225k",
        ]
    );
}

#[test]
fn list_items_added_and_removed_are_one_line_each() {
    let dir = pair();
    let tpm = new_guide(dir.path(), "tpm");
    edit(&tpm, "  - Jira\n", "  - Rust\n");
    edit(&tpm, "  - Report status.\n", "");
    edit(&tpm, "employers: [SAP, Acme]", "employers: [Acme, Globex]");
    edit(
        &tpm,
        "  - Lead a migration.\n",
        "  - Lead a migration.\n  - Mentor TPMs.\n",
    );
    edit(
        &tpm,
        "      guide: staff-tpm\n",
        "      guide: staff-tpm\n  transitions:\n    - title: ML Engineer\n      guide: mle\n    - Product Manager\n",
    );
    edit(&tpm, "Body text.\n", "Body text.\nA second paragraph.\n");
    assert_eq!(
        changes_of(&summary(dir.path()), "Technical Program Manager"),
        [
            "  - Responsibilities: removed \"Report status.\"",
            "  - Skills: added \"Rust\"",
            "  - Skills: removed \"Jira\"",
            "  - Transitions: added \"ML Engineer\" (`/guides/mle/`)",
            "  - Transitions: added \"Product Manager\"",
            "  - Employers: added \"Globex\"",
            "  - Employers: removed \"SAP\"",
            "  - Next steps: added \"Mentor TPMs.\"",
            "  - Body: 1 line added",
        ]
    );
}

#[test]
fn a_progression_link_removed_names_the_guide_it_led_to() {
    let dir = pair();
    let tpm = new_guide(dir.path(), "tpm");
    edit(
        &tpm,
        "    - title: Staff TPM\n      guide: staff-tpm\n",
        "    - Principal TPM\n",
    );
    assert_eq!(
        changes_of(&summary(dir.path()), "Technical Program Manager"),
        [
            "  - Can lead to: added \"Principal TPM\"",
            "  - Can lead to: removed \"Staff TPM\" (`/guides/staff-tpm/`)",
        ]
    );
}

#[test]
fn a_renamed_guide_with_an_alias_keeps_its_old_url() {
    let dir = pair();
    // New file, new slug, new title: only the alias says it is the same guide.
    std::fs::remove_file(new_guide(dir.path(), "sre")).unwrap();
    std::fs::write(
        new_guide(dir.path(), "site-reliability-engineer"),
        SRE.replace(
            "title: Site Reliability Engineer",
            "aliases: [/guides/sre/]\ntitle: Site Reliability Engineer (SRE)",
        ),
    )
    .unwrap();
    let text = summary(dir.path());
    assert_eq!(
        section(&text, "Guides renamed"),
        ["- **Site Reliability Engineer (SRE)**: `/guides/sre/` -> `/guides/site-reliability-engineer/`; the alias `/guides/sre/` keeps the old URL"],
        "{text}"
    );
    assert_eq!(
        changes_of(&text, "Site Reliability Engineer (SRE)"),
        [
            "  - Title: \"Site Reliability Engineer\" -> \"Site Reliability Engineer (SRE)\"",
            "  - Aliases: added `/guides/sre/`"
        ]
    );
    assert!(section(&text, "Guides added").is_empty(), "{text}");
    assert!(section(&text, "Guides removed").is_empty(), "{text}");
    // The old page is now the redirect: only the JSON record moves.
    assert_eq!(
        section(&text, "Pages that appear"),
        [
            "- `/api/guides/site-reliability-engineer.json`: JSON record of \"Site Reliability Engineer (SRE)\"",
            "- `/guides/site-reliability-engineer/`: guide \"Site Reliability Engineer (SRE)\"",
        ]
    );
    assert_eq!(
        section(&text, "Pages that disappear"),
        ["- `/api/guides/sre.json`: JSON record of \"Site Reliability Engineer\""]
    );
}

#[test]
fn a_renamed_guide_without_an_alias_warns_that_its_old_url_breaks() {
    let dir = pair();
    // Same file, new slug and title: the file says it is the same guide.
    edit(
        &new_guide(dir.path(), "mle"),
        "title: ML Engineer",
        "title: Machine Learning Engineer\nslug: machine-learning-engineer",
    );
    let text = summary(dir.path());
    assert_eq!(
        section(&text, "Guides renamed"),
        ["- **Machine Learning Engineer**: `/guides/mle/` -> `/guides/machine-learning-engineer/`; ⚠️ the old URL `/guides/mle/` breaks: no alias covers it"],
        "{text}"
    );
    assert_eq!(
        changes_of(&text, "Machine Learning Engineer"),
        ["  - Title: \"ML Engineer\" -> \"Machine Learning Engineer\""]
    );
    assert!(
        section(&text, "Pages that disappear")
            .contains(&"- `/guides/mle/`: guide \"ML Engineer\"".to_string()),
        "{text}"
    );
}

#[test]
fn a_guide_moved_with_git_mv_is_paired_by_title() {
    let dir = pair();
    std::fs::rename(
        new_guide(dir.path(), "mle"),
        new_guide(dir.path(), "ml-engineer"),
    )
    .unwrap();
    let text = summary(dir.path());
    assert_eq!(
        section(&text, "Guides renamed"),
        ["- **ML Engineer**: `/guides/mle/` -> `/guides/ml-engineer/`; ⚠️ the old URL `/guides/mle/` breaks: no alias covers it"]
    );
    assert!(section(&text, "Guides changed").is_empty(), "{text}");
}

#[test]
fn guides_added_and_removed_are_listed_with_their_urls() {
    let dir = pair();
    std::fs::remove_file(new_guide(dir.path(), "old-role")).unwrap();
    std::fs::write(
        new_guide(dir.path(), "data-engineer"),
        "---\ntitle: Data Engineer\nsummary: Builds pipelines.\ntags: [data]\nresponsibilities: [Build pipelines.]\nskills: [SQL]\nhiring:\n  employers: [Initech]\n---\n",
    )
    .unwrap();
    let text = summary(dir.path());
    assert_eq!(
        section(&text, "Guides added"),
        ["- **Data Engineer** `/guides/data-engineer/` (guides/data-engineer.md)"]
    );
    assert_eq!(
        section(&text, "Guides removed"),
        ["- **Old Role** `/guides/old-role/`: ⚠️ its URL breaks: no alias covers `/guides/old-role/`"]
    );
    assert!(section(&text, "Guides changed").is_empty(), "{text}");
}

#[test]
fn a_removed_guide_whose_url_another_guide_keeps_says_where_it_leads() {
    let dir = pair();
    std::fs::remove_file(new_guide(dir.path(), "old-role")).unwrap();
    edit(
        &new_guide(dir.path(), "staff-tpm"),
        "title: Staff TPM",
        "title: Staff TPM\naliases: [/guides/old-role/]",
    );
    let text = summary(dir.path());
    assert_eq!(
        section(&text, "Guides removed"),
        ["- **Old Role** `/guides/old-role/`: the alias `/guides/old-role/` on **Staff TPM** keeps its URL, redirecting there"]
    );
}

#[test]
fn pages_that_appear_and_disappear_come_from_both_sites_output_files() {
    let dir = pair();
    // A new tag and a new employer appear; SAP's page and the `legacy` tag
    // go; a custom domain adds CNAME.
    edit(
        &new_guide(dir.path(), "tpm"),
        "tags: [delivery]",
        "tags: [delivery, planning]",
    );
    edit(
        &new_guide(dir.path(), "tpm"),
        "employers: [SAP, Acme]",
        "employers: [Acme, Globex]",
    );
    std::fs::remove_file(new_guide(dir.path(), "old-role")).unwrap();
    std::fs::write(
        dir.path().join("new/site.yaml"),
        format!("{SITE_YAML}cname: careers.example.org\n"),
    )
    .unwrap();
    let text = summary(dir.path());
    assert_eq!(
        section(&text, "Pages that appear"),
        [
            "- `/CNAME`: custom-domain file",
            "- `/employers/globex/`: employer \"Globex\"",
            "- `/tags/planning/`: tag \"planning\"",
        ],
        "{text}"
    );
    assert_eq!(
        section(&text, "Pages that disappear"),
        [
            "- `/api/guides/old-role.json`: JSON record of \"Old Role\"",
            "- `/employers/sap/`: employer \"SAP\"",
            "- `/guides/old-role/`: guide \"Old Role\"",
            "- `/tags/legacy/`: tag \"legacy\"",
        ]
    );
    assert_eq!(
        section(&text, "site.yaml"),
        ["- Custom domain: none -> careers.example.org"]
    );
    // And a build agrees: the files it writes differ by exactly these.
    let (base_out, new_out) = (dir.path().join("base-out"), dir.path().join("new-out"));
    for (root, out) in [("base", &base_out), ("new", &new_out)] {
        build_ok(&dir.path().join(root), &["--output", out.to_str().unwrap()]);
    }
    let (a, b) = (tree(&base_out), tree(&new_out));
    // The search index's shards and records are data named by the words of
    // the guides, not pages: `diff` leaves them out.
    let page = |k: &&String| !k.starts_with("search-index/");
    let appear: Vec<&String> = b
        .keys()
        .filter(|k| !a.contains_key(*k))
        .filter(page)
        .collect();
    let gone: Vec<&String> = a
        .keys()
        .filter(|k| !b.contains_key(*k))
        .filter(page)
        .collect();
    assert_eq!(
        appear,
        [
            "CNAME",
            "employers/globex/index.html",
            "tags/planning/index.html"
        ]
    );
    assert_eq!(
        gone,
        [
            "api/guides/old-role.json",
            "employers/sap/index.html",
            "guides/old-role/index.html",
            "tags/legacy/index.html"
        ]
    );
}

#[test]
fn json_has_the_same_changes_under_stable_field_names() {
    let dir = pair();
    edit(&new_guide(dir.path(), "tpm"), "max: 240000", "max: 255000");
    edit(&new_guide(dir.path(), "tpm"), "  - Jira\n", "  - Rust\n");
    std::fs::remove_file(new_guide(dir.path(), "old-role")).unwrap();
    std::fs::remove_file(new_guide(dir.path(), "sre")).unwrap();
    std::fs::write(
        new_guide(dir.path(), "site-reliability-engineer"),
        SRE.replace("title:", "aliases: [/guides/sre/]\ntitle:"),
    )
    .unwrap();
    let out = diff_in(dir.path(), "base", &["--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON value");
    // Every key, always present (serde_json's map lists them sorted).
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "added",
            "base",
            "base_commit",
            "changed",
            "counts",
            "empty",
            "notes",
            "pages",
            "removed",
            "renamed",
            "root",
            "site"
        ]
    );
    assert_eq!(v["base"], "base");
    assert_eq!(v["base_commit"], serde_json::Value::Null);
    assert_eq!(v["empty"], false);
    assert_eq!(
        v["counts"],
        serde_json::json!({"added": 0, "removed": 1, "renamed": 1, "changed": 2,
            "settings": 0, "pages_appear": 2, "pages_disappear": 4})
    );
    assert_eq!(
        v["removed"][0],
        serde_json::json!({"slug": "old-role", "title": "Old Role", "file": "guides/old-role.md",
            "url": "/guides/old-role/", "now_draft": false, "old_url": {"status": "broken"}})
    );
    assert_eq!(
        v["renamed"],
        serde_json::json!([{"title": "Site Reliability Engineer",
            "old_slug": "sre", "new_slug": "site-reliability-engineer",
            "old_file": "guides/sre.md", "new_file": "guides/site-reliability-engineer.md",
            "old_url": "/guides/sre/", "new_url": "/guides/site-reliability-engineer/",
            "old_url_now": {"status": "redirect", "alias": "/guides/sre/",
                "to": "site-reliability-engineer", "title": "Site Reliability Engineer"}}])
    );
    assert_eq!(v["changed"][0]["slug"], "site-reliability-engineer");
    assert_eq!(
        v["changed"][0]["changes"],
        serde_json::json!([{"change": "added", "field": "aliases", "item": "/guides/sre/", "url": null}])
    );
    let changed = &v["changed"][1];
    assert_eq!(changed["slug"], "tpm");
    assert_eq!(changed["url"], "/guides/tpm/");
    assert_eq!(
        changed["changes"],
        serde_json::json!([
            {"change": "added", "field": "skills", "item": "Rust", "url": null},
            {"change": "removed", "field": "skills", "item": "Jira", "url": null},
            {"change": "figure", "field": "salary.ranges.max", "range": "Senior, US",
             "old": 240000.0, "new": 255000.0, "old_text": "$240k", "new_text": "$255k",
             "percent": 6.25}
        ])
    );
    assert_eq!(
        v["pages"]["disappear"],
        serde_json::json!([
            {"url": "/api/guides/old-role.json", "file": "api/guides/old-role.json",
             "kind": "guide_data", "name": "Old Role", "guide": "old-role"},
            {"url": "/api/guides/sre.json", "file": "api/guides/sre.json",
             "kind": "guide_data", "name": "Site Reliability Engineer", "guide": "sre"},
            {"url": "/guides/old-role/", "file": "guides/old-role/index.html",
             "kind": "guide", "name": "Old Role", "guide": "old-role"},
            {"url": "/tags/legacy/", "file": "tags/legacy/index.html",
             "kind": "tag", "name": "legacy", "guide": null}
        ])
    );
}

#[test]
fn no_changes_is_one_line_and_exit_code_zero() {
    let dir = pair();
    let out = diff_in(dir.path(), "base", &[]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "No changes to the site since `base`.\n"
    );
    let json = diff_in(dir.path(), "base", &["--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["empty"], true);
}

#[test]
fn the_same_inputs_give_the_same_bytes() {
    let dir = pair();
    edit(
        &new_guide(dir.path(), "tpm"),
        "tags: [delivery]",
        "tags: [a, b, c]",
    );
    std::fs::remove_file(new_guide(dir.path(), "old-role")).unwrap();
    let first = diff_in(dir.path(), "base", &[]).stdout;
    for _ in 0..3 {
        assert_eq!(diff_in(dir.path(), "base", &[]).stdout, first);
    }
}

#[test]
fn a_bad_base_fails_with_exit_code_two_and_names_what_was_wrong() {
    let dir = pair();
    std::fs::create_dir(dir.path().join("empty")).unwrap();
    std::fs::write(dir.path().join("notes.txt"), "x").unwrap();
    let cases = [
        (
            "missing",
            "error: BASE `missing`: no such folder; it was not tried as a git revision because the site root new is not in a git repository",
        ),
        (
            "empty",
            "error: BASE `empty` is not a careerbook site: empty has neither site.yaml nor guides/",
        ),
        (
            "notes.txt",
            "error: BASE `notes.txt` is a file, not a folder holding a site; it was not tried as a git revision because the site root new is not in a git repository",
        ),
    ];
    for (base, message) in cases {
        let out = diff_in(dir.path(), base, &[]);
        assert_eq!(out.status.code(), Some(2), "{base}");
        assert_eq!(stderr(&out).trim_end(), message, "{base}");
        assert!(out.stdout.is_empty(), "{base}");
    }
}

/// Runs git in `dir`, asserting success.
fn git(dir: &Path, args: &[&str]) {
    let out = std::process::Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.org"])
        .args(args)
        .output()
        .expect("run git");
    assert!(out.status.success(), "git {args:?}: {}", stderr(&out));
}

#[test]
fn a_git_revision_as_base_gives_the_same_summary_and_leaves_nothing_behind() {
    let dir = pair();
    // The repository holds the site in `new/`; its first commit is the base.
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "new"]);
    git(dir.path(), &["commit", "-q", "-m", "base"]);
    edit(&new_guide(dir.path(), "tpm"), "max: 240000", "max: 255000");
    std::fs::remove_file(new_guide(dir.path(), "old-role")).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let out = command()
        .current_dir(dir.path())
        .env("TMPDIR", tmp.path())
        .args(["diff", "HEAD", "--root", "new"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let by_revision = String::from_utf8(out.stdout).unwrap();
    let by_folder = summary(dir.path());
    let heading = by_revision.lines().next().unwrap();
    assert!(
        heading.starts_with("### Changes to the site since `HEAD` ("),
        "{heading}"
    );
    assert_eq!(
        by_revision.lines().skip(1).collect::<Vec<_>>(),
        by_folder.lines().skip(1).collect::<Vec<_>>()
    );
    assert_eq!(
        std::fs::read_dir(tmp.path()).unwrap().count(),
        0,
        "the extracted revision is removed"
    );
    // git's index and worktrees are untouched: only the edits show.
    let status = std::process::Command::new("git")
        .current_dir(dir.path())
        .args(["status", "--porcelain"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&status.stdout),
        " D new/guides/old-role.md\n M new/guides/tpm.md\n?? base/\n"
    );

    let bad = diff_in(dir.path(), "no-such-rev", &[]);
    assert_eq!(bad.status.code(), Some(2));
    let top = std::fs::canonicalize(dir.path()).unwrap();
    assert_eq!(
        stderr(&bad).trim_end(),
        format!(
            "error: BASE `no-such-rev`: no such folder, nor a revision of the git repository at {}",
            top.display()
        )
    );
}

#[test]
fn a_revision_without_the_site_folder_is_an_error() {
    let dir = pair();
    git(dir.path(), &["init", "-q"]);
    std::fs::write(dir.path().join("README"), "x").unwrap();
    git(dir.path(), &["add", "README"]);
    git(dir.path(), &["commit", "-q", "-m", "before the site"]);
    let out = diff_in(dir.path(), "HEAD", &[]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out).trim_end(),
        "error: revision `HEAD` has no folder `new`, where the site root is now"
    );
}

#[test]
fn a_base_guide_that_does_not_parse_is_left_out_and_named() {
    let dir = pair();
    std::fs::write(
        dir.path().join("base/guides/mle.md"),
        "---\ntitle: [\n---\n",
    )
    .unwrap();
    let text = summary(dir.path());
    assert!(
        text.contains("\n- ⚠️ guides/mle.md in the base did not parse and is left out (`careerbook check` shows why)\n"),
        "{text}"
    );
    assert_eq!(
        section(&text, "Guides added"),
        ["- **ML Engineer** `/guides/mle/` (guides/mle.md)"]
    );
}

#[test]
fn a_draft_published_is_added_and_says_so() {
    let dir = pair();
    edit(
        &dir.path().join("base/guides/mle.md"),
        "title: ML Engineer",
        "title: ML Engineer\ndraft: true",
    );
    let text = summary(dir.path());
    assert_eq!(
        section(&text, "Guides added"),
        ["- **ML Engineer** `/guides/mle/` (guides/mle.md) (was a draft)"]
    );
    // With --drafts both versions publish it: only the flag changed.
    let out = diff_in(dir.path(), "base", &["--drafts"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(changes_of(&text, "ML Engineer"), ["  - Draft: yes -> no"]);
}
