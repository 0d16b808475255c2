//! The sharded search index, queried by the default theme's own
//! `search.js` under node (`tests/node/search-query.js` gives it a `fetch`
//! that reads the output folder and records what it asks for).

use crate::common::*;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

const ROLES: &[&str] = &[
    "Data Engineer",
    "Platform Engineer",
    "Data Analyst",
    "Engineering Manager",
    "Security Engineer",
    "Product Manager",
    "Data Scientist",
    "Site Reliability Engineer",
];
const LEVELS: &[&str] = &["", "Senior ", "Staff ", "Lead "];
const FOCUS: &[&str] = &[
    "", "Payments", "Search", "Billing", "Growth", "Identity", "Gaming", "Storage", "Edge",
    "Fintech",
];
const SKILLS: &[&str] = &[
    "SQL and data modelling",
    "Stakeholder management",
    "Incident management",
    "API design",
    "Capacity planning",
];

/// A site of 320 generated guides and one that names "platform" everywhere
/// but in its title, built.
fn built_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    std::fs::create_dir_all(root.join("guides")).unwrap();
    std::fs::write(
        root.join("site.yaml"),
        "title: Search Fixture\ndescription: Generated guides.\n",
    )
    .unwrap();
    let mut n = 0;
    for (r, role) in ROLES.iter().enumerate() {
        for level in LEVELS {
            for (f, focus) in FOCUS.iter().enumerate() {
                let title = if focus.is_empty() {
                    format!("{level}{role}")
                } else {
                    format!("{level}{role} ({focus})")
                };
                let guide = format!(
                    "---\ntitle: {title}\nsummary: Works with teams on {focus} problems.\n\
                     tags: [t{r}]\nresponsibilities: [Ship things.]\nskills: [\"{}\"]\n\
                     hiring:\n  employers: [Employer {f}]\n---\n",
                    SKILLS[(n + r) % SKILLS.len()]
                );
                std::fs::write(root.join(format!("guides/g{n:03}.md")), guide).unwrap();
                n += 1;
            }
        }
    }
    std::fs::write(
        root.join("guides/cloud-architect.md"),
        "---\ntitle: Cloud Architect\nalt_titles: [Platform Architect]\n\
         summary: Designs the platform others build on.\ntags: [platform]\n\
         responsibilities: [Design.]\nskills: [Platform thinking]\n---\n",
    )
    .unwrap();
    build_ok(root, &[]);
    dir
}

fn node() -> Option<&'static str> {
    let ok = Command::new("node").arg("--version").output();
    ok.is_ok_and(|o| o.status.success()).then_some("node")
}

/// Runs each query through `search.js`: one JSON value per query.
fn query(out: &Path, queries: &[&str]) -> Option<Vec<Value>> {
    let Some(node) = node() else {
        eprintln!("node is not installed: search.js not run");
        return None;
    };
    let script = repo().join("tests/node/search-query.js");
    let run = Command::new(node)
        .arg(script)
        .arg(out)
        .args(queries)
        .output()
        .expect("node");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let text = String::from_utf8(run.stdout).unwrap();
    Some(
        text.lines()
            .map(|l| serde_json::from_str(l).expect("json"))
            .collect(),
    )
}

fn titles(v: &Value) -> Vec<&str> {
    v["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["title"].as_str().unwrap())
        .collect()
}

fn files(v: &Value) -> Vec<&str> {
    v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect()
}

#[test]
fn the_index_is_a_manifest_shards_and_records() {
    let site = built_site();
    let out = site.path().join("output");
    let files = tree(&out);
    let manifest: Value = serde_json::from_slice(&files["search-index.json"]).unwrap();
    assert_eq!(manifest["v"], 4);
    assert_eq!(manifest["n"], 321);
    let listed: BTreeSet<String> = manifest["shards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| format!("search-index/w/{}.json", k.as_str().unwrap()))
        .collect();
    let shards: BTreeSet<String> = files
        .keys()
        .filter(|p| p.starts_with("search-index/w/"))
        .cloned()
        .collect();
    assert_eq!(listed, shards);
    let records = files
        .keys()
        .filter(|p| p.starts_with("search-index/r/"))
        .count();
    assert_eq!(records, 321usize.div_ceil(16));
    let total: usize = files
        .iter()
        .filter(|(p, _)| p.starts_with("search-index"))
        .map(|(_, b)| b.len())
        .sum();
    // No shard holds more than a small part of the index.
    let (largest, size) = files
        .iter()
        .filter(|(p, _)| p.starts_with("search-index/w/"))
        .map(|(p, b)| (p, b.len()))
        .max_by_key(|(_, n)| *n)
        .unwrap();
    assert!(size * 8 < total, "{largest}: {size} of {total} bytes");
    assert!(!files.contains_key("search-index/w/pl.json.tmp"));
}

#[test]
fn a_query_fetches_its_words_shards_and_the_records_it_shows() {
    let site = built_site();
    let Some(r) = query(&site.path().join("output"), &["data engineer", "Platform"]) else {
        return;
    };
    let f = files(&r[0]);
    assert_eq!(
        f[..3],
        [
            "search-index.json",
            "search-index/w/da.json",
            "search-index/w/en.json"
        ]
    );
    assert!(
        f[3..].iter().all(|p| p.starts_with("search-index/r/")),
        "{f:?}"
    );
    assert!(f.len() - 3 <= 8, "{f:?}");
    // Equal scores rank in title order, so the shown results share files.
    assert!(f.len() - 3 <= 2, "{f:?}");
    assert_eq!(
        files(&r[1])[..2],
        ["search-index.json", "search-index/w/pl.json"]
    );
}

#[test]
fn every_word_of_a_query_must_match() {
    let site = built_site();
    let Some(r) = query(
        &site.path().join("output"),
        &[
            "data engineer",
            "data",
            "engineer",
            "data engineer payments",
        ],
    ) else {
        return;
    };
    // 40 Data Engineer guides, and engineers with the SQL and data
    // modelling skill: fewer than either word finds alone.
    let total = |v: &Value| v["total"].as_u64().unwrap();
    assert!(total(&r[0]) >= 40, "{}", r[0]);
    assert!(total(&r[0]) < total(&r[1]).min(total(&r[2])), "{r:?}");
    for t in titles(&r[0]) {
        assert!(t.contains("Data Engineer"), "{t}");
    }
    // The title that starts with the query's first word comes first.
    assert_eq!(titles(&r[0])[0], "Data Engineer");
    assert_eq!(
        titles(&r[3])[..4],
        [
            "Data Engineer (Payments)",
            "Lead Data Engineer (Payments)",
            "Senior Data Engineer (Payments)",
            "Staff Data Engineer (Payments)"
        ]
    );
}

#[test]
fn one_typo_in_a_long_word_still_finds_it() {
    let site = built_site();
    let Some(r) = query(
        &site.path().join("output"),
        &[
            "enginer",
            "ngineer",
            "rngineer",
            "egnineer",
            "data enigneer",
            "dta",
            "engxnexr",
        ],
    ) else {
        return;
    };
    for v in &r[..5] {
        let t = titles(v);
        assert!(!t.is_empty(), "{v}");
        assert!(t.iter().all(|t| t.contains("Engineer")), "{v}");
    }
    // A typo in the first two letters looks in the neighbouring shards.
    assert!(files(&r[1]).contains(&"search-index/w/en.json"), "{}", r[1]);
    assert!(r[4]["total"].as_u64() >= Some(40), "{}", r[4]);
    assert_eq!(titles(&r[4])[0], "Data Engineer");
    // Three letters are too few for a typo; two edits are too many.
    assert_eq!(r[5]["total"], 0);
    assert_eq!(r[6]["total"], 0);
}

#[test]
fn title_matches_rank_first() {
    let site = built_site();
    let Some(r) = query(
        &site.path().join("output"),
        &["platform", "architect", "payments"],
    ) else {
        return;
    };
    let t = titles(&r[0]);
    // 40 Platform Engineer guides match in the title, before the one that
    // says "platform" only in its alt title, tags, skills and summary.
    assert_eq!(r[0]["total"], 41);
    assert_eq!(t[0], "Platform Engineer");
    assert!(
        t.iter().all(|t| t.starts_with("Platform Engineer")),
        "{t:?}"
    );
    assert_eq!(titles(&r[1]), ["Cloud Architect"]);
    let p = titles(&r[2]);
    assert!(p.iter().all(|t| t.contains("(Payments)")), "{p:?}");
}

/// After the first key the box lists the guides whose title starts with
/// that character, read from the one shard of the character: a result
/// shows before the query has a word of two characters.
#[test]
fn the_first_key_lists_titles_starting_with_it_from_one_shard() {
    let site = built_site();
    let Some(r) = query(&site.path().join("output"), &["d", "D", "x"]) else {
        return;
    };
    // Data Engineer, Data Analyst and Data Scientist, in ten focuses each.
    assert_eq!(r[0]["total"], 30, "{}", r[0]);
    let t = titles(&r[0]);
    assert_eq!(t.len(), 8, "{t:?}");
    assert_eq!(t[..2], ["Data Analyst", "Data Analyst (Billing)"]);
    assert!(t.iter().all(|t| t.starts_with("Data Analyst")), "{t:?}");
    assert_eq!(files(&r[0]), ["search-index.json", "search-index/w/d.json"]);
    assert_eq!(r[1]["results"], r[0]["results"]);
    assert_eq!(r[2]["total"], 0);
    assert_eq!(files(&r[2]), ["search-index.json"]);
}
