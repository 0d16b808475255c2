//! What an author meets while writing: YAML mistakes reported at the line
//! to change with what to type, every problem in one run, placeholders and
//! `--strict`, and the site found from any folder inside it. Each test runs
//! the binary on a site in a temporary folder.

use crate::common::*;
use serde_json::Value;
use std::path::Path;

/// A guide as an author writes it; its line numbers are the file's.
const GUIDE: &str = "---
title: Data Engineer
summary: Builds pipelines.
updated: 2026-01-01
responsibilities:
  - Build pipelines
skills:
  - SQL
requirements:
  education: A degree.
  experience: Two years.
salary:
  currency: USD
  period: year
  ranges:
    - level: Mid
      region: US
      min: 100000
      max: 150000
---
Body.
";

/// A site with one guide, `guides/data-engineer.md`, holding `text`.
fn site_with(text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("guides")).unwrap();
    std::fs::write(dir.path().join("guides/data-engineer.md"), text).unwrap();
    dir
}

/// `check --format json` on `root` plus `extra`: the exit code and the
/// diagnostics.
fn check(root: &Path, extra: &[&str]) -> (i32, Vec<Value>) {
    let mut args = vec![
        "check",
        "--root",
        root.to_str().unwrap(),
        "--format",
        "json",
    ];
    args.extend_from_slice(extra);
    let out = careerbook(&args);
    let json: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
    (out.status.code().unwrap(), json.as_array().unwrap().clone())
}

/// The one error `check` reports: (line, column, message, help).
fn the_error(text: &str) -> (u64, u64, String, String) {
    let site = site_with(text);
    let (code, found) = check(site.path(), &[]);
    assert_eq!(code, 1, "{text}");
    let errors: Vec<&Value> = found.iter().filter(|d| d["severity"] == "error").collect();
    assert_eq!(errors.len(), 1, "{text}\n{found:#?}");
    let d = errors[0];
    assert_eq!(d["code"], "E0003", "{d:#}");
    (
        d["line"].as_u64().unwrap(),
        d["column"].as_u64().unwrap(),
        d["message"].as_str().unwrap().to_string(),
        d["help"].as_str().unwrap_or("").to_string(),
    )
}

fn edited(from: &str, to: &str) -> String {
    assert!(GUIDE.contains(from), "{from}");
    GUIDE.replacen(from, to, 1)
}

#[test]
fn yaml_mistakes_are_reported_where_to_act_with_what_to_type() {
    let cases = [
        (
            edited("      region:", "    region:"),
            (17, 5),
            "`region` is indented 4 spaces; the other fields of this salary range use 6",
            "indent `region` with 6 spaces, like `level` on line 16",
        ),
        (
            edited("  experience:", "    experience:"),
            (11, 5),
            "`experience` is indented 4 spaces; the other fields of `requirements` use 2",
            "indent `experience` with 2 spaces, like `education` on line 10",
        ),
        (
            edited("  experience:", "\texperience:"),
            (11, 1),
            "`experience` is indented with a tab; YAML indentation must be spaces",
            "replace the tab with 2 spaces, like `education` on line 10",
        ),
        (
            edited("title: Data", "title:\tData"),
            (2, 7),
            "a tab follows `title:`; careerbook reads a field's value only after a space",
            "put a space after the colon instead of the tab: `title: Data Engineer`",
        ),
        (
            edited("title: Data Engineer", "title: \"Data Engineer"),
            (2, 8),
            "the quote `\"` that opens the value of `title` is never closed",
            "end the value with `\"` on this line: `title: \"Data Engineer\"`",
        ),
        (
            edited("  - SQL\n", "  - SQL\n  Python:\n"),
            (9, 3),
            "`Python:` sits among the items of the list `skills`, but has no `- ` before it",
            "write `- Python` to make it an item, like `- SQL` on line 8, or start `Python` at the beginning of the line if it is a field of its own",
        ),
    ];
    for (text, (line, column), message, help) in cases {
        assert_eq!(
            the_error(&text),
            (line, column, message.to_string(), help.to_string()),
            "{text}"
        );
    }
}

/// A tab after a colon is fine before a quoted value, so it is not blamed
/// for a mistake further down: the over-indented line is.
#[test]
fn a_tab_before_a_quoted_value_is_not_taken_for_the_mistake() {
    let text = edited("title: Data Engineer", "title:\t\"Data Engineer\"").replacen(
        "  experience:",
        "    experience:",
        1,
    );
    assert_eq!(
        the_error(&text),
        (
            11,
            5,
            "`experience` is indented 4 spaces; the other fields of `requirements` use 2"
                .to_string(),
            "indent `experience` with 2 spaces, like `education` on line 10".to_string()
        ),
        "{text}"
    );
    // Alone, it is no mistake at all.
    let text = edited("title: Data Engineer", "title:\t\"Data Engineer\"");
    let (code, found) = check(site_with(&text).path(), &[]);
    assert_eq!(code, 0, "{found:#?}");
}

#[test]
fn a_missing_colon_is_reported_on_its_line_not_at_the_closing_fence() {
    // `updated` is line 6; the parser only notices at the `---` on line 7.
    let text =
        "---\ntitle: T\nsummary: S\nresponsibilities: [r]\nskills: [s]\nupdated 2026-01-01\n---\n";
    assert_eq!(
        the_error(text),
        (
            6,
            1,
            "`updated 2026-01-01` has no `:` after the field name".into(),
            "write `updated: 2026-01-01`".into()
        )
    );
}

#[test]
fn unclosed_front_matter_is_reported_where_the_text_starts() {
    let site = site_with(
        "---\ntitle: T\nsummary: S\nresponsibilities: [r]\nskills: [s]\n\nThe role is about pipelines.\n",
    );
    let (code, found) = check(site.path(), &[]);
    assert_eq!(code, 1);
    let d = &found[0];
    assert_eq!(
        (&d["code"], &d["line"], &d["column"]),
        (&"E0002".into(), &7.into(), &1.into()),
        "{d:#}"
    );
    assert!(
        d["help"].as_str().unwrap().contains("above line 7"),
        "{d:#}"
    );
}

#[test]
fn the_human_format_shows_the_line_to_change() {
    let site = site_with(&edited("      region:", "    region:"));
    let out = careerbook(&["check", "--root", site.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let shown =
        "error[E0003]: `region` is indented 4 spaces; the other fields of this salary range use 6
  --> guides/data-engineer.md:17:5
   |
17 |     region: US
   |     ^^^^^^^
   = help: indent `region` with 6 spaces, like `level` on line 16
";
    assert!(stderr(&out).contains(shown), "{}", stderr(&out));
    // README.md shows the same.
    assert!(read(repo().join("README.md")).contains(shown));
}

/// Four schema errors do not hide a `min` above its `max` or a link to no
/// guide, and the misspelled `titel` is one error.
#[test]
fn schema_errors_do_not_hide_the_rules() {
    let text = edited("title: Data Engineer", "titel: Data Engineer")
        .replacen("period: year", "period: yearly", 1)
        .replacen("  - SQL", "  - \"\"", 1)
        .replacen("min: 100000", "min: 200000", 1)
        .replacen(
            "updated: 2026-01-01\n",
            "updated: 2026-02-30\nprogression:\n  leads_to:\n    - {title: Next, guide: nowhere}\n",
            1,
        );
    let site = site_with(&text);
    let (code, found) = check(site.path(), &[]);
    assert_eq!(code, 1);
    let errors: Vec<(&str, u64, &str)> = found
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| {
            (
                d["code"].as_str().unwrap(),
                d["line"].as_u64().unwrap(),
                d["field"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        errors,
        [
            ("E0101", 2, "titel"),
            ("E0107", 4, "updated"),
            ("E0305", 7, "progression.leads_to[0].guide"),
            ("E0202", 11, "skills[0]"),
            ("E0104", 17, "salary.period"),
            ("E0205", 22, "salary.ranges[0].max"),
        ],
        "{found:#?}"
    );
    let typo = &found[0];
    assert_eq!(
        typo["message"],
        "unknown field `titel` in the guide; did you mean `title`, which is required?"
    );
    // Nothing about the refused `updated` from the rules either.
    assert!(!found.iter().any(|d| d["code"] == "W0501"), "{found:#?}");
}

/// A guide file that does not parse makes no other guide warn that nobody
/// links to it, and a link to its `slug:` is not called broken.
#[test]
fn a_broken_guide_hides_no_links() {
    let dir = tempfile::tempdir().unwrap();
    let guides = dir.path().join("guides");
    std::fs::create_dir_all(&guides).unwrap();
    let guide = |name: &str, text: &str| std::fs::write(guides.join(name), text).unwrap();
    guide(
        "broken.md",
        "---\ntitle: Broken\nslug: custom-slug\nsummary: \"unclosed\nresponsibilities: [r]\nskills: [s]\n\
         progression:\n  leads_to:\n    - {title: Target, guide: target}\n---\n",
    );
    guide(
        "target.md",
        "---\ntitle: Target\nsummary: S\nupdated: 2026-01-01\nresponsibilities: [r]\nskills: [s]\n\
         progression:\n  leads_to:\n    - {title: Broken, guide: custom-slug}\n---\n",
    );
    guide(
        "other.md",
        "---\ntitle: Other\nsummary: S\nupdated: 2026-01-01\nresponsibilities: [r]\nskills: [s]\n---\n",
    );
    let (code, found) = check(dir.path(), &[]);
    assert_eq!(code, 1);
    let codes: Vec<(&str, &str)> = found
        .iter()
        .map(|d| (d["file"].as_str().unwrap(), d["code"].as_str().unwrap()))
        .collect();
    assert_eq!(codes, [("guides/broken.md", "E0003")], "{found:#?}");
    // Once it parses, the warnings come back.
    std::fs::write(
        guides.join("broken.md"),
        "---\ntitle: Broken\nslug: custom-slug\nsummary: S\nupdated: 2026-01-01\nresponsibilities: [r]\nskills: [s]\n---\n",
    )
    .unwrap();
    let (code, found) = check(dir.path(), &[]);
    assert_eq!(code, 0);
    let unlinked: Vec<&str> = found
        .iter()
        .filter(|d| d["code"] == "W0503")
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    assert_eq!(
        unlinked,
        ["guides/other.md", "guides/target.md"],
        "{found:#?}"
    );
}

/// Every value `careerbook new` writes for the author to replace is
/// flagged, the figures and choices too, and `--strict` fails on them in
/// `check` and `build`, which then writes nothing.
#[test]
fn placeholders_of_a_new_guide_are_flagged_and_strict_fails_on_them() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_str().unwrap();
    assert!(careerbook(&["init", root]).status.success());
    let out = careerbook(&["new", "Data Engineer", "--family", "Data", "--root", root]);
    assert!(out.status.success(), "{}", stderr(&out));
    let path = dir.path().join("guides/data-engineer.md");
    let text = read(&path);
    // Every value in the front matter but those the author gave (title,
    // family) and `draft`.
    let yaml = &text[4..text[4..].find("\n---").unwrap() + 5];
    let tree = careerbook::guide::yaml::parse_tree(yaml).unwrap().unwrap();
    let mut values = Vec::new();
    scalars(&tree, String::new(), &mut values);
    values.retain(|f| !["title", "family", "draft"].contains(&f.as_str()));
    let (code, found) = check(dir.path(), &[]);
    assert_eq!(code, 0, "{found:#?}");
    let mut flagged: Vec<String> = found
        .iter()
        .filter(|d| d["code"] == "W0901" && d["file"] == "guides/data-engineer.md")
        .map(|d| d["field"].as_str().unwrap().to_string())
        .filter(|f| !f.is_empty())
        .collect();
    flagged.sort();
    values.sort();
    assert_eq!(flagged, values);
    for figure in ["salary.ranges[0].min", "salary.ranges[0].max"] {
        assert!(flagged.iter().any(|f| f == figure), "{figure}");
    }
    let (code, _) = check(dir.path(), &["--strict"]);
    assert_eq!(code, 1);
    let out = careerbook(&["build", "--strict", "--drafts", "--root", root]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("--strict"), "{}", stderr(&out));
    assert!(!dir.path().join("output").exists());
    // The real figure written, the comment gone: no longer flagged.
    let text = text.replacen(
        "min: 1                          # TODO: the real figure",
        "min: 90000",
        1,
    );
    std::fs::write(&path, text).unwrap();
    let (_, found) = check(dir.path(), &[]);
    assert!(
        !found.iter().any(|d| d["field"] == "salary.ranges[0].min"),
        "{found:#?}"
    );
}

#[test]
fn strict_passes_a_site_without_warnings() {
    let site = fixture("full");
    let (code, found) = check(site.path(), &["--strict"]);
    assert_eq!((code, found.len()), (0, 0), "{found:#?}");
    let out = careerbook(&["build", "--strict", "--root", site.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
}

/// The field path of every scalar value under `node`.
fn scalars(node: &careerbook::guide::yaml::Node, path: String, out: &mut Vec<String>) {
    use careerbook::guide::yaml::NodeKind;
    match &node.kind {
        NodeKind::Scalar { .. } => out.push(path),
        NodeKind::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                scalars(item, format!("{path}[{i}]"), out);
            }
        }
        NodeKind::Map(entries) => {
            for (k, v) in entries {
                let key = k.as_str().unwrap();
                let sub = if path.is_empty() {
                    key.to_string()
                } else {
                    format!("{path}.{key}")
                };
                scalars(v, sub, out);
            }
        }
    }
}

/// Without `--root`, the site is found from a folder inside it, as cargo
/// finds Cargo.toml, and nothing is written inside `guides/`.
#[test]
fn the_site_is_found_from_a_folder_inside_it() {
    let dir = tempfile::tempdir().unwrap();
    assert!(careerbook(&["init", dir.path().to_str().unwrap()])
        .status
        .success());
    let guides = dir.path().join("guides");
    let run = |args: &[&str]| command().args(args).current_dir(&guides).output().unwrap();
    let out = run(&["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = run(&["new", "Data Engineer"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(guides.join("data-engineer.md").is_file());
    assert!(!guides.join("guides").exists());
    let out = run(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dir.path().join("output/index.html").is_file());
    assert!(!guides.join("output").exists());
    let out = run(&["diff", ".."]);
    assert!(out.status.success(), "{}", stderr(&out));
    // Without site.yaml, the folder holding guides/ is the site.
    std::fs::remove_file(dir.path().join("site.yaml")).unwrap();
    let out = run(&["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // An explicit --root is taken as given: `guides/` has no guides/.
    let out = run(&["check", "--root", ".", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("E0007"));
    let out = run(&["build", "--root", "."]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!guides.join("output").exists());
}

#[test]
fn no_site_is_exit_2_saying_how_to_make_one() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["check"][..],
        &["build"],
        &["new", "Data Engineer"],
        &["watch"],
        &["serve", "--port", "0"],
        &["diff", "HEAD"],
    ] {
        let out = command()
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains("no careerbook site here"), "{args:?}: {err}");
        assert!(
            err.contains("site.yaml") && err.contains("guides/"),
            "{err}"
        );
        assert!(err.contains("careerbook init"), "{err}");
    }
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing written"
    );
}
