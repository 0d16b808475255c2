//! The self-assessment page on `tests/fixtures/career`: its data file must
//! hold every guide with its skills (by index into the skill list, each
//! naming the skill the guide lists), its moves and next steps, worked out
//! here from the fixture's front matter; the page must stay small, link
//! its data relative to itself and honour `base_url`.

use crate::career::{guides, key, links, Fixture};
use crate::common::*;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The arguments a data script hands to its callback, `name(a, b);`, as
/// the JSON array `[a, b]`.
fn script_args(path: &Path, callback: &str) -> Value {
    let text = read(path);
    let body = text
        .trim_end()
        .strip_prefix(&format!("{callback}("))
        .and_then(|t| t.strip_suffix(");"))
        .unwrap_or_else(|| panic!("{} is not one {callback}(...) call", path.display()));
    serde_json::from_str(&format!("[{body}]")).expect("JSON")
}

fn strs(v: &Value) -> Vec<String> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|x| x.as_str().expect("string").to_string())
        .collect()
}

fn ids(v: &Value) -> Vec<usize> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|x| x.as_u64().expect("index") as usize)
        .collect()
}

/// Each fixture skill's keys, in the guide's order, each once.
fn keys(list: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in list {
        let k = key(s);
        if !k.is_empty() && !out.contains(&k) {
            out.push(k);
        }
    }
    out
}

/// The family a skill is grouped under: the one most of the guides listing
/// it belong to (those listing it as a gap when none lists it), ties to
/// the first name in sorted order; empty for none.
fn family_of(guides: &[Fixture], skill: &str) -> String {
    let listing: Vec<&Fixture> = guides
        .iter()
        .filter(|g| keys(&g.skills()).contains(&skill.to_string()))
        .collect();
    let listing = if listing.is_empty() {
        guides
            .iter()
            .filter(|g| keys(&g.gaps()).contains(&skill.to_string()))
            .collect()
    } else {
        listing
    };
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for g in listing {
        if let Some(f) = g.front["family"].as_str() {
            *counts.entry(f.to_string()).or_default() += 1;
        }
    }
    let best = counts.values().max().copied().unwrap_or(0);
    counts
        .into_iter()
        .find(|(_, n)| *n == best)
        .map(|(f, _)| f)
        .unwrap_or_default()
}

#[test]
fn the_data_file_holds_every_guide_with_its_skills_moves_and_next_steps() {
    let site = fixture("career");
    // A common gap written as a sentence, which no guide lists as a skill.
    let analyst = site.path().join("guides/data-analyst.md");
    let text = read(&analyst);
    assert!(text.contains("  missing:\n"));
    std::fs::write(
        &analyst,
        text.replacen(
            "  missing:\n",
            "  missing:\n    - Escalating too late, without options\n",
            1,
        ),
    )
    .expect("write");
    build_ok(site.path(), &[]);
    let out = site.path().join("output");
    let fixture = guides(site.path());
    let data = script_args(&out.join("assess/data.js"), "careerbookAssess")[0].clone();
    let skills = data["skills"].as_array().expect("skills");
    let groups = strs(&data["groups"]);
    let listed = data["guides"].as_array().expect("guides");

    // Every guide, once, by its title and slug.
    let slugs: Vec<String> = listed
        .iter()
        .map(|g| g[1].as_str().expect("slug").to_string())
        .collect();
    let want: BTreeSet<String> = fixture.iter().map(|g| g.slug.clone()).collect();
    assert_eq!(slugs.iter().cloned().collect::<BTreeSet<_>>(), want);
    assert_eq!(slugs.len(), fixture.len());

    // Every skill the guides list under `skills`, once; a skill named only
    // as a common gap is not offered to tick.
    let all: BTreeSet<String> = fixture.iter().flat_map(|g| keys(&g.skills())).collect();
    let gap_only: BTreeSet<String> = fixture
        .iter()
        .flat_map(|g| keys(&g.gaps()))
        .filter(|k| !all.contains(k))
        .collect();
    assert!(!gap_only.is_empty(), "the fixture has a gap no guide lists");
    let names: Vec<String> = skills
        .iter()
        .map(|s| s[0].as_str().expect("name").to_string())
        .collect();
    assert_eq!(
        names.iter().map(|n| key(n)).collect::<BTreeSet<_>>(),
        all,
        "{names:?}"
    );
    assert_eq!(names.len(), all.len());

    let moves = links(&fixture);
    let chunk = data["chunk"].as_u64().expect("chunk") as usize;
    for (i, g) in listed.iter().enumerate() {
        let f = fixture
            .iter()
            .find(|f| f.slug == slugs[i])
            .expect("fixture guide");
        assert_eq!(g[0].as_str(), Some(f.title()));
        // The indices resolve to the skills the guide lists, in its order.
        let named: Vec<String> = ids(&g[2]).iter().map(|&s| key(&names[s])).collect();
        assert_eq!(named, keys(&f.skills()), "{}", f.slug);
        // The guides it has a move to.
        let to: BTreeSet<(String, String)> = ids(&g[3])
            .iter()
            .map(|&t| (f.slug.clone(), slugs[t].clone()))
            .collect();
        let want: BTreeSet<(String, String)> =
            moves.iter().filter(|m| m.0 == f.slug).cloned().collect();
        assert_eq!(to, want, "{}", f.slug);
        // Its next steps, in the steps file of its number.
        let steps = script_args(
            &out.join(format!("assess/steps-{}.js", i / chunk)),
            "careerbookAssessSteps",
        );
        assert_eq!(steps[0], i / chunk);
        assert_eq!(
            strs(&steps[1][i % chunk]),
            f.strings(&["next_steps"]),
            "{}",
            f.slug
        );
    }

    // Each skill's slug is that of its page, and its group its family.
    for (s, name) in skills.iter().zip(&names) {
        let slug = s[1].as_str().expect("slug");
        let reach = fixture
            .iter()
            .filter(|g| {
                keys(&g.skills()).contains(&key(name)) || keys(&g.gaps()).contains(&key(name))
            })
            .count();
        assert_eq!(!slug.is_empty(), reach >= 2, "{name}");
        if !slug.is_empty() {
            let page = read(out.join(format!("skills/{slug}/index.html")));
            assert!(
                page.contains(&format!("<h1>{}</h1>", name.replace('&', "&amp;"))),
                "{name}"
            );
        }
        let group = s[2].as_u64().expect("group") as usize;
        assert_eq!(groups[group], family_of(&fixture, &key(name)), "{name}");
    }
    let routes = &data["routes"];
    assert_eq!(routes["guide"], "guides/{}/");
    assert_eq!(routes["skill"], "skills/{}/");
    assert_eq!(routes["transition"], "transitions/{}/to/{}/");
}

#[test]
fn the_page_is_small_links_its_data_and_honours_base_url() {
    let site = fixture("career");
    build_ok(
        site.path(),
        &["--base-url", "https://jobs.example.net/sub/dir/"],
    );
    let out = site.path().join("output");
    let page = read(out.join("assess/index.html"));
    assert!(page.len() < 20_000, "{} bytes", page.len());
    assert!(
        page.contains(r#"<link rel="canonical" href="https://jobs.example.net/sub/dir/assess/">"#)
    );
    // Data and script relative to the page, so the site works under any
    // sub-path and from disk; answers kept per site.
    assert!(page.contains(r#"data-data="../assess/data.js""#), "{page}");
    assert!(page.contains(r#"<script src="../assess.js" defer></script>"#));
    assert!(page.contains(r#"data-key="careerbook-assess:/sub/dir/""#));
    assert!(out.join("assess.js").is_file());
    // Without JavaScript: what the page is, and every move's page (the
    // fixture has few).
    let fixture = guides(site.path());
    for (from, to) in links(&fixture) {
        let href = format!("href=\"../transitions/{from}/to/{to}/\"");
        assert!(page.contains(&href), "{href}");
    }
    // The texts the script shows, in the page's language.
    assert!(page.contains("data-messages=\"{"));
    assert!(page.contains("Tick the skills you have"));
    // Found from every page's footer and the skill index, and in the sitemap.
    assert!(read(out.join("index.html")).contains(r#"<a href="./assess/">"#));
    assert!(read(out.join("skills/index.html")).contains(r#"href="../assess/""#));
    assert!(read(out.join("sitemap.xml"))
        .contains("<loc>https://jobs.example.net/sub/dir/assess/</loc>"));
}
