//! `careerbook check`: one fixture site per defect class under
//! `tests/fixtures/invalid/<case>/`, asserted by code, field and line through
//! the JSON format; the three output formats as snapshots; the schema file.

use crate::common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// One diagnostic as printed by `--format json`.
#[derive(Debug, Clone, PartialEq)]
struct D {
    file: String,
    line: u64,
    column: u64,
    field: String,
    code: String,
    severity: String,
    message: String,
    help: Option<String>,
}

/// Runs `check --format json` on a fixture and returns (exit code, diagnostics).
fn check_json(case: &str) -> (i32, Vec<D>) {
    let root = fixture_path(case);
    let out = careerbook(&[
        "check",
        "--root",
        root.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let text = String::from_utf8(out.stdout).expect("utf-8 stdout");
    let value: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    let diags = value
        .as_array()
        .expect("an array")
        .iter()
        .map(|d| {
            let keys: Vec<&str> = d.as_object().unwrap().keys().map(String::as_str).collect();
            let mut sorted = keys.clone();
            sorted.sort_unstable();
            assert_eq!(
                sorted,
                ["code", "column", "field", "file", "help", "line", "message", "severity"],
                "every key is always present"
            );
            D {
                file: d["file"].as_str().unwrap().to_string(),
                line: d["line"].as_u64().unwrap(),
                column: d["column"].as_u64().unwrap(),
                field: d["field"].as_str().unwrap().to_string(),
                code: d["code"].as_str().unwrap().to_string(),
                severity: d["severity"].as_str().unwrap().to_string(),
                message: d["message"].as_str().unwrap().to_string(),
                help: d["help"].as_str().map(str::to_string),
            }
        })
        .collect();
    (out.status.code().expect("exit code"), diags)
}

/// Finds the diagnostic with this file, code, field and line, or panics
/// listing what was found.
fn find<'a>(diags: &'a [D], file: &str, code: &str, field: &str, line: u64) -> &'a D {
    diags
        .iter()
        .find(|d| d.file == file && d.code == code && d.field == field && d.line == line)
        .unwrap_or_else(|| panic!("no {code} on `{field}` at {file}:{line} in {diags:#?}"))
}

fn errors(diags: &[D]) -> Vec<&D> {
    diags.iter().filter(|d| d.severity == "error").collect()
}

/// Asserts a fixture fails with exactly these errors (file, code, field,
/// line), and returns the diagnostics for further checks.
fn expect_errors(case: &str, expected: &[(&str, &str, &str, u64)]) -> Vec<D> {
    let (code, diags) = check_json(&format!("invalid/{case}"));
    assert_eq!(code, 1, "{case}: {diags:#?}");
    for (file, c, field, line) in expected {
        find(&diags, &format!("guides/{file}"), c, field, *line);
    }
    assert_eq!(
        errors(&diags).len(),
        expected.len(),
        "{case}: unexpected errors in {diags:#?}"
    );
    diags
}

#[test]
fn file_level_defects() {
    let d = expect_errors("empty-file", &[("empty.md", "E0002", "", 0)]);
    assert!(d[0].message.contains("empty"));
    let d = expect_errors("no-front-matter", &[("plain.md", "E0002", "", 1)]);
    assert!(d[0].message.contains("missing"));
    let d = expect_errors("unterminated", &[("open.md", "E0002", "", 3)]);
    assert!(d[0].message.contains("not closed"));
    assert!(
        d[0].help.as_deref().unwrap().contains("below line 3"),
        "{d:?}"
    );
    let d = expect_errors("not-a-mapping", &[("list.md", "E0004", "", 2)]);
    assert!(d[0].message.contains("mapping"));
    let d = expect_errors("invalid-utf8", &[("latin1.md", "E0001", "", 2)]);
    assert!(d[0].message.contains("offset 14"), "{d:?}");
    assert_eq!(d[0].column, 11);
}

#[test]
fn yaml_syntax_defects() {
    // Each at the line and column to change, saying what to type.
    let cases = [
        (
            "bad-indent",
            "indent.md",
            (4, 3),
            "`skills` is indented 2 spaces; the top-level fields are not indented",
            "start `skills` at the beginning of the line, like `title` on line 2",
        ),
        (
            "tab-indent",
            "tabs.md",
            (5, 1),
            "`- r` is indented with a tab; YAML indentation must be spaces",
            "replace the tab with 2 spaces to put `- r` under `responsibilities`",
        ),
        (
            "unclosed-quote",
            "quote.md",
            (2, 8),
            "the quote `\"` that opens the value of `title` is never closed",
            "end the value with `\"` on this line: `title: \"Unclosed\"`",
        ),
    ];
    for (case, file, (line, column), message, help) in cases {
        let d = expect_errors(case, &[(file, "E0003", "", line)]);
        let d = &d[0];
        assert_eq!(
            (d.column, d.message.as_str(), d.help.as_deref()),
            (column, message, Some(help)),
            "{case}"
        );
    }
}

#[test]
fn every_duplicate_key_is_reported_at_the_key() {
    let d = expect_errors(
        "duplicate-key",
        &[
            ("dup.md", "E0105", "salary.currency", 9),
            ("dup.md", "E0105", "title", 12),
        ],
    );
    let title = find(&d, "guides/dup.md", "E0105", "title", 12);
    assert_eq!(title.column, 1);
    assert!(title.help.as_deref().unwrap().contains("line 2"));
}

#[test]
fn missing_required_fields_are_named() {
    let d = expect_errors(
        "missing-required",
        &[
            ("missing.md", "E0102", "responsibilities", 9),
            ("missing.md", "E0102", "skills", 9),
            ("missing.md", "E0102", "salary.period", 4),
            ("missing.md", "E0102", "salary.ranges[0].max", 7),
        ],
    );
    let r = find(&d, "guides/missing.md", "E0102", "skills", 9);
    assert!(r.message.contains("`skills`"), "{r:?}");
}

#[test]
fn wrong_types_point_at_the_value() {
    let d = expect_errors(
        "wrong-types",
        &[
            ("types.md", "E0103", "responsibilities", 4),
            ("types.md", "E0103", "draft", 6),
            ("types.md", "E0103", "salary.ranges[0].min", 12),
        ],
    );
    let min = find(&d, "guides/types.md", "E0103", "salary.ranges[0].min", 12);
    assert_eq!(min.column, 12);
    assert!(min.help.as_deref().unwrap().contains("110000"), "{min:?}");
    let list = find(&d, "guides/types.md", "E0103", "responsibilities", 4);
    assert!(list.message.contains("should be a list"), "{list:?}");
}

#[test]
fn empty_lists_and_strings() {
    expect_errors(
        "empty-values",
        &[
            ("empty.md", "E0202", "summary", 3),
            ("empty.md", "E0201", "responsibilities", 4),
            ("empty.md", "E0202", "skills[0]", 6),
        ],
    );
}

#[test]
fn unknown_fields_suggest_at_every_level() {
    let d = expect_errors(
        "unknown-fields",
        &[
            ("typos.md", "E0101", "responsibilites", 4),
            ("typos.md", "E0101", "salary.rangs", 10),
            ("typos.md", "E0101", "resources[0].knd", 18),
        ],
    );
    let help = |field: &str, line| {
        find(&d, "guides/typos.md", "E0101", field, line)
            .help
            .clone()
            .unwrap()
    };
    assert!(help("responsibilites", 4).contains("`responsibilities`"));
    assert!(help("salary.rangs", 10).contains("`ranges`"));
    assert!(help("resources[0].knd", 18).contains("`kind`"));
}

#[test]
fn enums_list_the_allowed_values() {
    let d = expect_errors(
        "enums",
        &[
            ("enums.md", "E0104", "salary.period", 8),
            ("enums.md", "E0104", "salary.ranges[0].basis", 13),
            ("enums.md", "E0104", "demand.outlook", 15),
            ("enums.md", "E0104", "resources[0].kind", 19),
        ],
    );
    let period = find(&d, "guides/enums.md", "E0104", "salary.period", 8);
    let help = period.help.as_deref().unwrap();
    assert!(
        help.contains("`year`") && help.contains("year, month, hour"),
        "{help}"
    );
    let kind = find(&d, "guides/enums.md", "E0104", "resources[0].kind", 19);
    assert!(kind.help.as_deref().unwrap().contains("certification"));
}

#[test]
fn currency_must_be_a_real_iso_code() {
    let d = expect_errors(
        "currency",
        &[
            ("shape.md", "E0203", "salary.currency", 7),
            ("unknown.md", "E0203", "salary.currency", 7),
        ],
    );
    let shape = find(&d, "guides/shape.md", "E0203", "salary.currency", 7);
    assert!(shape.help.as_deref().unwrap().contains("`USD`"));
}

#[test]
fn salary_bounds() {
    expect_errors(
        "min-max",
        &[
            ("order.md", "E0205", "salary.ranges[0].max", 12),
            ("negative.md", "E0204", "salary.ranges[0].min", 11),
            ("negative.md", "E0204", "salary.ranges[0].max", 12),
        ],
    );
}

#[test]
fn impossible_dates() {
    expect_errors(
        "bad-date",
        &[
            ("date.md", "E0107", "updated", 4),
            ("date.md", "E0107", "salary.as_of", 10),
        ],
    );
}

#[test]
fn slugs_are_well_formed_and_unique_naming_both_files() {
    let d = expect_errors(
        "slugs",
        &[
            ("bad-slug.md", "E0301", "slug", 3),
            ("second.md", "E0302", "slug", 3),
        ],
    );
    let bad = find(&d, "guides/bad-slug.md", "E0301", "slug", 3);
    assert!(bad.help.as_deref().unwrap().contains("`bad-slug`"));
    let dup = find(&d, "guides/second.md", "E0302", "slug", 3);
    assert!(dup.message.contains("guides/first.md"), "{dup:?}");
}

#[test]
fn aliases_are_unique_and_stay_inside_the_output() {
    let d = expect_errors(
        "aliases",
        &[
            ("escape.md", "E0304", "aliases[0]", 4),
            ("escape.md", "E0304", "aliases[1]", 4),
            ("two.md", "E0303", "aliases[0]", 5),
            ("two.md", "E0303", "aliases[1]", 6),
        ],
    );
    let page = find(&d, "guides/two.md", "E0303", "aliases[1]", 6);
    assert!(page.help.as_deref().unwrap().contains("guides/one.md"));
}

#[test]
fn unknown_guide_reference_suggests_the_closest_slug() {
    let d = expect_errors(
        "unknown-guide",
        &[("links.md", "E0305", "progression.leads_to[0].guide", 9)],
    );
    let e = find(
        &d,
        "guides/links.md",
        "E0305",
        "progression.leads_to[0].guide",
        9,
    );
    assert_eq!(e.help.as_deref(), Some("did you mean `staff-engineer`?"));
}

#[test]
fn urls_and_occupation_codes() {
    expect_errors(
        "urls-and-codes",
        &[
            ("url.md", "E0206", "sources[0].url", 8),
            ("codes.md", "E0106", "codes.onet_soc", 7),
            ("codes.md", "E0103", "codes.isco", 8),
        ],
    );
}

#[test]
fn site_yaml_is_checked_like_a_guide() {
    let (code, d) = check_json("invalid/site-yaml");
    assert_eq!(code, 1);
    find(&d, "site.yaml", "E0103", "title", 1);
    let unknown = find(&d, "site.yaml", "E0101", "base_urll", 2);
    assert_eq!(unknown.help.as_deref(), Some("did you mean `base_url`?"));
    assert_eq!(errors(&d).len(), 2, "{d:#?}");
}

#[test]
fn warnings_do_not_fail_the_check() {
    let (code, d) = check_json("invalid/warnings");
    assert_eq!(code, 0, "{d:#?}");
    assert!(errors(&d).is_empty());
    find(&d, "guides/old-role.md", "W0501", "updated", 2);
    find(&d, "guides/old-role.md", "W0504", "salary.as_of", 11);
    find(&d, "guides/staff.md", "W0503", "title", 2);
    let near = find(&d, "guides/tpm.md", "W0502", "progression.leads_to[0]", 9);
    assert!(
        near.help.as_deref().unwrap().contains("guide: staff"),
        "{near:?}"
    );
    // Plain titles equal to a guide's title: linked, with the `guide:` to add.
    for (file, line, slug) in [
        ("guides/old-role.md", 7, "tpm"),
        ("guides/staff.md", 8, "tpm"),
    ] {
        let exact = find(&d, file, "W0509", "progression.transitions[0]", line);
        let help = exact.help.as_deref().unwrap_or("");
        assert!(help.contains(&format!("guide: {slug}")), "{exact:?}");
    }
    assert_eq!(d.len(), 6, "{d:#?}");
    assert!(d.iter().all(|d| d.severity == "warning"));
}

#[test]
fn every_error_in_every_file_in_one_run() {
    let (code, d) = check_json("invalid/multi");
    assert_eq!(code, 1);
    let per_file = |f: &str| {
        let all: Vec<&D> = d.iter().filter(|x| x.file == f).collect();
        (errors(&d).iter().filter(|x| x.file == f).count(), all.len())
    };
    // (errors, all): the misspelled `responsibilites` is one error, not
    // also a missing `responsibilities`; the rules run on alpha and beta,
    // though the schema walk refused them (beta's and gamma's no-link
    // warnings, alpha's missing `updated`); gamma's `min` above `max`.
    assert_eq!(per_file("guides/alpha.md"), (6, 7), "{d:#?}");
    assert_eq!(per_file("guides/beta.md"), (3, 4), "{d:#?}");
    assert_eq!(per_file("guides/gamma.md"), (2, 3), "{d:#?}");
    let typo = find(&d, "guides/alpha.md", "E0101", "responsibilites", 4);
    assert_eq!(
        typo.message,
        "unknown field `responsibilites` in the guide; did you mean `responsibilities`, which is required?"
    );
    // Sorted by file, then line.
    let keys: Vec<(&str, u64)> = d.iter().map(|x| (x.file.as_str(), x.line)).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
}

#[test]
fn valid_sites_check_clean() {
    let (code, d) = check_json("full");
    assert_eq!(code, 0, "{d:#?}");
    assert!(d.is_empty(), "{d:#?}");
    let (code, d) = check_json("basic");
    assert_eq!(code, 0, "{d:#?}");
    assert!(errors(&d).is_empty(), "{d:#?}");
}

#[test]
fn exit_code_2_for_usage_and_io_errors() {
    let out = careerbook(&["check", "--root", "/nonexistent/site/root"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not a folder"), "{}", stderr(&out));
    let root = fixture_path("minimal");
    let out = careerbook(&["check", "--root", root.to_str().unwrap(), "--format", "xml"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("invalid value 'xml' for '--format"), "{err}");
    assert!(err.contains("human, json, github"), "{err}");
}

#[test]
fn check_writes_nothing() {
    let site = fixture("invalid/multi");
    let before = tree(site.path());
    let out = careerbook(&["check", "--root", site.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("11 errors, 3 warnings in 3 files"),
        "{}",
        stderr(&out)
    );
    assert_eq!(tree(site.path()), before);
}

fn run_in(case: &str, format: &str) -> std::process::Output {
    let root = fixture_path(case);
    command()
        .args(["check", "--root", ".", "--format", format])
        .current_dir(&root)
        .output()
        .expect("run careerbook")
}

#[test]
fn snapshot_human() {
    let out = run_in("invalid/multi", "human");
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!("human", stderr(&out));
}

#[test]
fn snapshot_json() {
    let out = run_in("invalid/multi", "json");
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!("json", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn snapshot_github() {
    let out = run_in("invalid/multi", "github");
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(text
        .lines()
        .all(|l| l.starts_with("::error ") || l.starts_with("::warning ")));
    insta::assert_snapshot!("github", text);
}

#[test]
fn build_prints_the_same_diagnostics_and_writes_nothing() {
    let site = fixture("invalid/multi");
    let out = careerbook(&["build", "--root", site.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let check = run_in("invalid/multi", "human");
    let checked = stderr(&check);
    let body = checked.rsplit_once("\n\n").map_or("", |(b, _)| b);
    assert!(stderr(&out).starts_with(body), "{}", stderr(&out));
    assert!(!site.path().join("output").exists());
}

#[test]
fn shipped_schema_matches_the_schema_command() {
    let out = careerbook(&["schema"]);
    assert!(out.status.success());
    let printed = String::from_utf8(out.stdout).unwrap();
    let shipped = read(repo().join("schema/guide.schema.json"));
    assert_eq!(
        printed, shipped,
        "schema/guide.schema.json is stale: run `careerbook schema > schema/guide.schema.json`"
    );
    let twice = String::from_utf8(careerbook(&["schema"]).stdout).unwrap();
    assert_eq!(printed, twice);
}

/// The front matter of a guide file as JSON, as careerbook reads it.
fn front_matter_json(path: &Path) -> Option<Value> {
    let text = std::fs::read_to_string(path).ok()?;
    let rest = text.strip_prefix("---\n")?;
    let end = rest.find("\n---")?;
    let tree = careerbook::guide::yaml::parse_tree(&rest[..end + 1]).ok()??;
    Some(careerbook::guide::resolve::to_json(&tree))
}

fn schema_validator() -> (boon::Schemas, boon::SchemaIndex) {
    let schema: Value =
        serde_json::from_str(&read(repo().join("schema/guide.schema.json"))).unwrap();
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.enable_format_assertions();
    let url = "https://careerbook.invalid/guide.schema.json";
    compiler.add_resource(url, schema).unwrap();
    let index = compiler.compile(url, &mut schemas).unwrap();
    (schemas, index)
}

fn guide_files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    out.sort();
    out
}

/// Files whose defect is one the schema itself expresses (types, required
/// fields, patterns, enums, bounds, unknown fields, date format).
const SCHEMA_LEVEL: &[&str] = &[
    "invalid/wrong-types/guides/types.md",
    "invalid/empty-values/guides/empty.md",
    "invalid/unknown-fields/guides/typos.md",
    "invalid/enums/guides/enums.md",
    "invalid/currency/guides/shape.md",
    "invalid/min-max/guides/negative.md",
    "invalid/bad-date/guides/date.md",
    "invalid/slugs/guides/bad-slug.md",
    "invalid/missing-required/guides/missing.md",
    "invalid/urls-and-codes/guides/codes.md",
    "invalid/multi/guides/alpha.md",
    "invalid/multi/guides/beta.md",
    "invalid/readme/guides/data-engineer.md",
    "invalid/not-a-mapping/guides/list.md",
    // URLs are a schema pattern (`^https?://`) on every URL field.
    "invalid/urls-and-codes/guides/url.md",
];

#[test]
fn an_independent_validator_agrees_with_the_schema() {
    let (schemas, index) = schema_validator();
    let fixtures = repo().join("tests/fixtures");
    let mut dirs: Vec<PathBuf> = vec![repo().join("guides")];
    for entry in std::fs::read_dir(&fixtures).unwrap() {
        let p = entry.unwrap().path();
        if p.file_name().is_some_and(|n| n == "invalid") {
            for case in std::fs::read_dir(&p).unwrap() {
                dirs.push(case.unwrap().path().join("guides"));
            }
        } else {
            dirs.push(p.join("guides"));
        }
    }
    let (mut accepted, mut rejected) = (0, 0);
    for dir in dirs {
        for file in guide_files(&dir) {
            let rel = file.strip_prefix(&fixtures).unwrap_or(&file);
            let rel = rel.to_string_lossy().replace('\\', "/");
            // Files that are not YAML at all are covered by the runtime tests.
            let Some(json) = front_matter_json(&file) else {
                continue;
            };
            let valid = schemas.validate(&json, index).is_ok();
            if SCHEMA_LEVEL.contains(&rel.as_str()) {
                assert!(!valid, "{rel} should be rejected by the schema");
                rejected += 1;
            } else {
                assert!(
                    valid,
                    "{rel} should satisfy the schema: {:?}",
                    schemas.validate(&json, index).err().map(|e| e.to_string())
                );
                accepted += 1;
            }
        }
    }
    assert!(accepted >= 15, "accepted {accepted}");
    assert_eq!(rejected, SCHEMA_LEVEL.len());
}

#[test]
fn hostile_nesting_is_an_error_not_a_crash() {
    let site = fixture("minimal");
    let deep_block = format!(
        "---\ntitle: x\nsummary: y\nresponsibilities: [a]\nskills:\n  {}x\n---\n",
        "- ".repeat(200_000)
    );
    let deep_flow = format!(
        "---\ntitle: x\nsummary: y\nresponsibilities: [a]\nskills: {}{}\n---\n",
        "[".repeat(200_000),
        "]".repeat(200_000)
    );
    std::fs::write(site.path().join("guides/block.md"), deep_block).unwrap();
    std::fs::write(site.path().join("guides/flow.md"), deep_flow).unwrap();
    let out = careerbook(&["check", "--root", site.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("guides/block.md:6:"), "{err}");
    assert!(err.contains("guides/flow.md:5:"), "{err}");
    assert_eq!(err.matches("nesting deeper than").count(), 2, "{err}");
    assert!(
        err.lines().all(|l| l.chars().count() < 200),
        "long lines are cut"
    );
}

#[test]
fn links_to_drafts_warn_unless_drafts_are_built() {
    let site = fixture("basic");
    std::fs::write(
        site.path().join("guides/links-to-draft.md"),
        "---\ntitle: Links To Draft\nsummary: s\nupdated: 2026-01-01\nresponsibilities: [r]\nskills: [a]\nprogression:\n  leads_to:\n    - title: Draft Role\n      guide: draft-role\n---\n",
    )
    .unwrap();
    let root = site.path().to_str().unwrap();
    let run = |extra: &[&str]| {
        let mut args = vec!["check", "--root", root, "--format", "json"];
        args.extend_from_slice(extra);
        let out = careerbook(&args);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        String::from_utf8(out.stdout).unwrap()
    };
    let without = run(&[]);
    assert!(without.contains("\"W0505\""), "{without}");
    assert!(
        without.contains("progression.leads_to[0].guide"),
        "{without}"
    );
    assert!(!run(&["--drafts"]).contains("\"W0505\""));
}

/// The README shows `careerbook check`'s output on a fixture with
/// mistakes; every such block, command line included, must be what the
/// binary prints (standard output, then standard error) when run from the
/// repository's root, so the README cannot go stale.
#[test]
fn the_readmes_check_output_is_what_check_prints() {
    let readme = read(repo().join("README.md"));
    let mut blocks = 0;
    for (at, _) in readme.match_indices("\n```\n$ careerbook check ") {
        let block = &readme[at + 5..];
        let block = &block[..block.find("\n```").expect("closed") + 1];
        let rest = &block["$ careerbook check ".len()..];
        let (args, shown) = rest.split_once('\n').expect("output");
        let out = command()
            .arg("check")
            .args(args.split_whitespace())
            .current_dir(repo())
            .output()
            .expect("run careerbook");
        let printed = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            shown, printed,
            "README's output of `careerbook check {args}`"
        );
        assert_eq!(out.status.code(), Some(1), "{args}");
        blocks += 1;
    }
    assert_eq!(blocks, 2, "the human and the github blocks");
}
