//! Transitions and the skill index on `tests/fixtures/career`: what each
//! page must list is worked out here from the fixture's front matter, with
//! a skill key written independently of careerbook's, and compared with
//! what the built pages show.

use crate::common::*;
use scraper::{Html, Selector};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A guide of the fixture, read with an independent YAML reader.
pub(crate) struct Fixture {
    pub(crate) slug: String,
    pub(crate) front: serde_yaml::Value,
}

impl Fixture {
    pub(crate) fn title(&self) -> &str {
        self.front["title"].as_str().expect("title")
    }

    pub(crate) fn strings(&self, path: &[&str]) -> Vec<String> {
        let mut v = &self.front;
        for p in path {
            v = &v[*p];
        }
        v.as_sequence()
            .map(|s| {
                s.iter()
                    .filter_map(|x| x.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    }

    pub(crate) fn skills(&self) -> Vec<String> {
        self.strings(&["skills"])
    }

    pub(crate) fn gaps(&self) -> Vec<String> {
        self.strings(&["skill_gaps", "missing"])
    }
}

pub(crate) fn guides(root: &Path) -> Vec<Fixture> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(root.join("guides")).expect("guides") {
        let path = entry.expect("entry").path();
        let text = read(&path);
        let yaml = text.split("---\n").nth(1).expect("front matter");
        out.push(Fixture {
            slug: path.file_stem().expect("stem").to_string_lossy().into(),
            front: serde_yaml::from_str(yaml).expect("yaml"),
        });
    }
    out.sort_by(|a, b| a.slug.cmp(&b.slug));
    out
}

/// How skills are matched, as the format reference words it: case, marks
/// other than `+` and `#`, spaces and `&` against `and` ignored.
pub(crate) fn key(skill: &str) -> String {
    let spaced: String = skill
        .replace('&', " and ")
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '+' || c == '#' {
                c.to_lowercase().next().unwrap_or(c)
            } else {
                ' '
            }
        })
        .collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every progression link from one guide to another, `(from, to)` slugs:
/// by `guide:`, or by a plain title equal to a guide's title.
pub(crate) fn links(guides: &[Fixture]) -> BTreeSet<(String, String)> {
    let by_title: BTreeMap<String, &str> = guides
        .iter()
        .map(|g| (g.title().to_lowercase(), g.slug.as_str()))
        .collect();
    let mut out = BTreeSet::new();
    for g in guides {
        for list in ["leads_to", "transitions"] {
            let items = g.front["progression"][list].as_sequence().cloned();
            for item in items.unwrap_or_default() {
                let to = match (item.as_str(), item["guide"].as_str()) {
                    (Some(title), _) => by_title.get(&title.to_lowercase()).map(|s| s.to_string()),
                    (None, Some(slug)) => Some(slug.to_string()),
                    _ => None,
                };
                if let Some(to) = to.filter(|t| *t != g.slug) {
                    out.insert((g.slug.clone(), to));
                }
            }
        }
    }
    out
}

fn texts(html: &Html, css: &str) -> Vec<String> {
    let sel = Selector::parse(css).expect("selector");
    html.select(&sel)
        .map(|e| collapse(&e.text().collect::<String>()))
        .collect()
}

fn hrefs(html: &Html, css: &str) -> Vec<String> {
    let sel = Selector::parse(css).expect("selector");
    html.select(&sel)
        .filter_map(|e| e.value().attr("href").map(str::to_string))
        .collect()
}

fn built() -> (tempfile::TempDir, std::path::PathBuf, Vec<Fixture>) {
    let site = fixture("career");
    build_ok(site.path(), &[]);
    let out = site.path().join("output");
    let guides = guides(site.path());
    (site, out, guides)
}

#[test]
fn each_transition_page_lists_exactly_the_shared_and_the_missing_skills() {
    let (_site, out, guides) = built();
    let by_slug: BTreeMap<&str, &Fixture> = guides.iter().map(|g| (g.slug.as_str(), g)).collect();
    let links = links(&guides);
    assert!(links.len() >= 4, "{links:?}");
    // One page per link, and no other.
    let mut pages = BTreeSet::new();
    for from in std::fs::read_dir(out.join("transitions")).expect("transitions/") {
        let from = from
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .to_string();
        for to in std::fs::read_dir(out.join("transitions").join(&from).join("to")).expect("to/") {
            pages.insert((
                from.clone(),
                to.expect("entry").file_name().to_string_lossy().into(),
            ));
        }
    }
    assert_eq!(pages, links);
    for (from, to) in &links {
        let (a, b) = (by_slug[from.as_str()], by_slug[to.as_str()]);
        let have: BTreeSet<String> = a.skills().iter().map(|s| key(s)).collect();
        let mut shared = Vec::new();
        let mut missing = Vec::new();
        let mut seen = BTreeSet::new();
        for s in b.skills() {
            if !seen.insert(key(&s)) {
                continue;
            }
            if have.contains(&key(&s)) {
                shared.push(s);
            } else {
                missing.push(s);
            }
        }
        let file = out.join(format!("transitions/{from}/to/{to}/index.html"));
        let html = Html::parse_document(&read(&file));
        assert_eq!(
            texts(&html, "ul[data-skills=shared] li"),
            shared,
            "{from} → {to}"
        );
        assert_eq!(
            texts(&html, "ul[data-skills=missing] li"),
            missing,
            "{from} → {to}"
        );
        let title = &texts(&html, "title")[0];
        let h1 = &texts(&html, "h1")[0];
        for name in [a.title(), b.title()] {
            assert!(title.contains(name) && h1.contains(name), "{title} / {h1}");
        }
        // The current role's common gaps and the target's next steps.
        assert_eq!(texts(&html, "ul.gaps li"), a.gaps());
        assert_eq!(texts(&html, "ol.steps li"), b.strings(&["next_steps"]));
        // Linked from the item on the start guide's page and from "Roles
        // That Lead Here" on the target's.
        let link = format!("../../transitions/{from}/to/{to}/");
        for page in [from, to] {
            let guide = read(out.join(format!("guides/{page}/index.html")));
            assert!(
                guide.contains(&format!("href=\"{link}\"")),
                "{page} lacks {link}"
            );
        }
    }
    // A plain title that names a guide is a link; one that names none is not.
    assert!(links.contains(&("data-analyst".into(), "analytics-engineer".into())));
    assert!(!out
        .join("transitions/data-analyst/to/chief-data-wizard")
        .exists());
}

#[test]
fn each_shared_skill_page_links_every_guide_that_lists_it() {
    let (_site, out, guides) = built();
    let mut listed: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut gapped: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for g in &guides {
        for s in g.skills() {
            listed.entry(key(&s)).or_default().insert(g.slug.clone());
        }
        for s in g.gaps() {
            gapped.entry(key(&s)).or_default().insert(g.slug.clone());
        }
    }
    let keys: BTreeSet<&String> = listed.keys().chain(gapped.keys()).collect();
    let shared: BTreeSet<String> = keys
        .into_iter()
        .filter(|k| {
            let mut all = listed.get(*k).cloned().unwrap_or_default();
            all.extend(gapped.get(*k).cloned().unwrap_or_default());
            all.len() >= 2
        })
        .cloned()
        .collect();
    assert!(shared.len() >= 5, "{shared:?}");
    let index = Html::parse_document(&read(out.join("skills/index.html")));
    let names = texts(&index, ".term-cloud a");
    let urls = hrefs(&index, ".term-cloud a");
    let on_index: BTreeMap<String, String> = names
        .iter()
        .zip(&urls)
        .map(|(n, u)| {
            // The name, then its count.
            let name = n.rsplit_once(' ').map_or(n.as_str(), |x| x.0);
            (key(name), u.clone())
        })
        .collect();
    assert_eq!(on_index.keys().cloned().collect::<BTreeSet<_>>(), shared);
    let guide_of = |href: &str| -> String {
        href.trim_end_matches('/')
            .rsplit('/')
            .next()
            .expect("slug")
            .to_string()
    };
    for (k, url) in &on_index {
        let page = Html::parse_document(&read(out.join("skills").join(url).join("index.html")));
        let roles: BTreeSet<String> = hrefs(&page, "ul[data-list=roles] a")
            .iter()
            .map(|h| guide_of(h))
            .collect();
        let gaps: BTreeSet<String> = hrefs(&page, "ul[data-list=gaps] a")
            .iter()
            .map(|h| guide_of(h))
            .collect();
        assert_eq!(roles, listed.get(k).cloned().unwrap_or_default(), "{k}");
        assert_eq!(gaps, gapped.get(k).cloned().unwrap_or_default(), "{k}");
    }
    // The guide page links its skills to their pages and names similar
    // roles, most shared skills first.
    let analyst = Html::parse_document(&read(out.join("guides/data-analyst/index.html")));
    assert!(hrefs(&analyst, "#skills ~ ul a").contains(&"../../skills/sql/".to_string()));
    let similar = texts(&analyst, "ul.similar li a");
    assert_eq!(similar.first().map(String::as_str), Some("Data Scientist"));
}

#[test]
fn salary_comparisons_never_pair_different_currencies_periods_or_bases() {
    let (_site, out, guides) = built();
    let by_slug: BTreeMap<&str, &Fixture> = guides.iter().map(|g| (g.slug.as_str(), g)).collect();
    // (currency, period, basis, level) of each range of a guide.
    let ranges = |g: &Fixture| -> BTreeSet<(String, String, String, String)> {
        let s = &g.front["salary"];
        let cur = s["currency"].as_str().unwrap_or("").to_uppercase();
        let period = s["period"].as_str().unwrap_or("").to_string();
        s["ranges"]
            .as_sequence()
            .cloned()
            .unwrap_or_default()
            .iter()
            .map(|r| {
                (
                    cur.clone(),
                    period.clone(),
                    r["basis"].as_str().unwrap_or("").to_string(),
                    r["level"].as_str().unwrap_or("").to_lowercase(),
                )
            })
            .collect()
    };
    let mut compared = 0;
    let mut one_sided = 0;
    for (from, to) in links(&guides) {
        let (a, b) = (ranges(by_slug[from.as_str()]), ranges(by_slug[to.as_str()]));
        // A row for each level either gives, in a currency, period and
        // basis both use; the other role's cell is empty.
        let group = |r: &(String, String, String, String)| (r.0.clone(), r.1.clone(), r.2.clone());
        let groups_b: BTreeSet<_> = b.iter().map(group).collect();
        let shared: BTreeSet<_> = a
            .iter()
            .map(group)
            .filter(|g| groups_b.contains(g))
            .collect();
        let expected: BTreeSet<_> = a
            .union(&b)
            .filter(|r| shared.contains(&group(r)))
            .cloned()
            .collect();
        let html = Html::parse_document(&read(
            out.join(format!("transitions/{from}/to/{to}/index.html")),
        ));
        let sel = Selector::parse("table.compare[data-currency]").expect("selector");
        let row = Selector::parse("tbody th").expect("selector");
        let mut got = BTreeSet::new();
        let tr = Selector::parse("tbody tr").expect("selector");
        let td = Selector::parse("td").expect("selector");
        for table in html.select(&sel) {
            let v = table.value();
            for r in table.select(&tr) {
                let th = r.select(&row).next().expect("a level");
                let key = (
                    v.attr("data-currency").unwrap_or("").to_string(),
                    v.attr("data-period").unwrap_or("").to_string(),
                    v.attr("data-basis").unwrap_or("").to_string(),
                    collapse(&th.text().collect::<String>()).to_lowercase(),
                );
                // Each cell has figures exactly when that role gives the level.
                let cells: Vec<String> = r.select(&td).map(|c| c.text().collect()).collect();
                for (cell, side) in cells.iter().zip([&a, &b]) {
                    assert_eq!(
                        cell.contains(char::is_numeric),
                        side.contains(&key),
                        "{from} → {to}: {key:?} {cell:?}"
                    );
                }
                one_sided += usize::from(!(a.contains(&key) && b.contains(&key)));
                got.insert(key);
            }
        }
        assert_eq!(got, expected, "{from} → {to}");
        if !expected.is_empty() && a.intersection(&b).next().is_none() {
            let text = page_text(&read(
                out.join(format!("transitions/{from}/to/{to}/index.html")),
            ));
            assert!(text.contains("each is shown at its own levels"), "{text}");
        }
        compared += got.len();
        if expected.is_empty() && !a.is_empty() && !b.is_empty() {
            let text = page_text(&read(
                out.join(format!("transitions/{from}/to/{to}/index.html")),
            ));
            assert!(text.contains("never converted"), "{text}");
        }
    }
    // The fixture pairs USD with EUR, per year with per month, base with
    // total, and still has levels that agree and levels only one role
    // gives.
    assert!(compared >= 2);
    assert!(one_sided >= 1);
}

#[test]
fn routes_two_and_three_moves_away_add_up_the_missing_skills() {
    let (_site, out, guides) = built();
    let by_slug: BTreeMap<&str, &Fixture> = guides.iter().map(|g| (g.slug.as_str(), g)).collect();
    let html = Html::parse_document(&read(out.join("guides/data-analyst/index.html")));
    let routes = texts(&html, "ul.routes li");
    assert_eq!(routes.len(), 1, "{routes:?}");
    // Analyst → Scientist → ML engineer: every skill of the two later
    // roles the analyst does not list, each once.
    let mut have: BTreeSet<String> = by_slug["data-analyst"]
        .skills()
        .iter()
        .map(|s| key(s))
        .collect();
    let mut missing = Vec::new();
    for step in ["data-scientist", "ml-engineer"] {
        for s in by_slug[step].skills() {
            if have.insert(key(&s)) {
                missing.push(key(&s));
            }
        }
    }
    let listed = routes[0]
        .rsplit_once("to build: ")
        .expect("skills")
        .1
        .trim_end_matches(')');
    let got: Vec<String> = listed.split(", ").map(key).collect();
    assert_eq!(got, missing);
    assert!(routes[0].starts_with("Data Analyst → Data Scientist → Machine Learning Engineer"));
}

#[test]
fn long_skill_lists_are_split_into_pages() {
    let site = fixture("career");
    edit(
        &site.path().join("site.yaml"),
        "language: en",
        "language: en\npaginate: 2",
    );
    build_ok(site.path(), &[]);
    let out = site.path().join("output");
    assert!(out.join("skills/page/2/index.html").is_file());
    // SQL: three guides list it, so its page goes on to a second page.
    let second = read(out.join("skills/sql/page/2/index.html"));
    assert!(second.contains("Roles that list it"));
    let sitemap = read(out.join("sitemap.xml"));
    assert!(sitemap.contains("skills/sql/page/2/"));
    assert!(sitemap.contains("transitions/data-analyst/to/data-scientist/"));
    assert_links_open_from_disk(&out, "skills/sql/page/2/index.html");
    assert_links_open_from_disk(
        &out,
        "transitions/data-analyst/to/data-scientist/index.html",
    );
}

const SKILLS_YAML: &str = "skills:
  - name: Kubernetes
    aliases: [K8s]
    description: Runs containers across machines.
    uri: http://data.europa.eu/esco/skill/kubernetes
    resources:
      - title: Kubernetes Basics
        url: https://example.org/k8s-basics
        kind: course
  - name: SQL
    aliases: [Structured Query Language]
  - name: Machine Learning
    aliases: [ML]
  - name: Python
  - name: Experiment Design
    resources:
      - title: Trustworthy Online Experiments
        url: https://example.org/experiments
        kind: book
  - name: Data Visualization
  - name: Communication & Storytelling
  - name: Statistics
  - name: Excel
  - name: dbt
  - name: Data Modeling
  - name: MLOps
  - name: Software Engineering
  - name: Roadmapping
";

/// The career fixture with a `skills.yaml` and guides spelling some skills
/// by an alias.
fn with_catalog() -> tempfile::TempDir {
    let site = fixture("career");
    std::fs::write(site.path().join("skills.yaml"), SKILLS_YAML).expect("write");
    let g = site.path().join("guides");
    edit(
        &g.join("data-scientist.md"),
        "    - Kubernetes\n",
        "    - K8s\n",
    );
    edit(
        &g.join("analytics-engineer.md"),
        "  - SQL\n",
        "  - structured query language\n",
    );
    site
}

fn json_diagnostics(root: &Path) -> (i32, Vec<serde_json::Value>) {
    let out = careerbook(&[
        "check",
        "--root",
        root.to_str().expect("utf-8"),
        "--format",
        "json",
    ]);
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let v: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    (
        out.status.code().expect("code"),
        v.as_array().cloned().unwrap_or_default(),
    )
}

#[test]
fn skills_yaml_aliases_merge_spellings() {
    let site = with_catalog();
    build_ok(site.path(), &[]);
    let out = site.path().join("output");
    // K8s (a gap of the scientist) and Kubernetes (a skill of the ML
    // engineer) are one skill, shown by its entry's name.
    let k8s = Html::parse_document(&read(out.join("skills/kubernetes/index.html")));
    assert_eq!(texts(&k8s, "h1"), ["Kubernetes"]);
    assert_eq!(
        hrefs(&k8s, "ul[data-list=roles] a"),
        ["../../guides/ml-engineer/"]
    );
    assert_eq!(
        hrefs(&k8s, "ul[data-list=gaps] a"),
        ["../../guides/data-scientist/"]
    );
    assert!(texts(&k8s, "main")
        .join(" ")
        .contains("Runs containers across machines."));
    assert!(hrefs(&k8s, "main a").contains(&"https://example.org/k8s-basics".to_string()));
    assert!(!out.join("skills/k8s").exists());
    // `structured query language` is SQL: shared on the move to the
    // scientist, and listed on SQL's page.
    let sql = Html::parse_document(&read(out.join("skills/sql/index.html")));
    let roles = hrefs(&sql, "ul[data-list=roles] a");
    assert!(
        roles.contains(&"../../guides/analytics-engineer/".to_string()),
        "{roles:?}"
    );
    let moved = Html::parse_document(&read(
        out.join("transitions/analytics-engineer/to/data-scientist/index.html"),
    ));
    assert!(texts(&moved, "ul[data-skills=shared] li").contains(&"sql".to_string()));
    // The resources of a skill the move requires.
    let resources = hrefs(&moved, "#resources ~ ul a");
    assert!(
        resources.contains(&"https://example.org/experiments".to_string()),
        "{resources:?}"
    );
    // A skill named in skills.yaml has a page even with one guide.
    assert!(out.join("skills/roadmapping/index.html").is_file());
    // The check is clean: every guide skill matches an entry.
    let (code, diags) = json_diagnostics(site.path());
    assert_eq!(code, 0);
    assert!(!diags.iter().any(|d| d["code"] == "W0507"), "{diags:?}");
}

#[test]
fn unknown_skills_and_levels_get_warnings_with_did_you_mean() {
    let site = with_catalog();
    let root = site.path();
    edit(
        &root.join("guides/product-manager.md"),
        "  - Roadmapping\n",
        "  - Roadmaping\n  - Juggling\n",
    );
    // A common gap written as a sentence is not a catalogue's business.
    edit(
        &root.join("guides/data-analyst.md"),
        "  missing:\n",
        "  missing:\n    - Escalating too late, without options\n",
    );
    edit(
        &root.join("site.yaml"),
        "language: en",
        "language: en\nlevels: [Entry, Mid, Senior]",
    );
    edit(
        &root.join("guides/ml-engineer.md"),
        "    - level: Mid\n",
        "    - level: Midd\n",
    );
    std::fs::write(
        root.join("skills.yaml"),
        format!("{SKILLS_YAML}  - name: Kubernets\n  - name: Containers\n    aliases: [k8s]\n"),
    )
    .expect("write");
    let (_, diags) = json_diagnostics(root);
    let find = |code: &str, needle: &str| {
        diags
            .iter()
            .find(|d| d["code"] == code && d["message"].as_str().unwrap_or("").contains(needle))
            .unwrap_or_else(|| panic!("no {code} about {needle}: {diags:#?}"))
            .clone()
    };
    assert!(
        !diags
            .iter()
            .any(|d| d["message"].as_str().unwrap_or("").contains("Escalating")),
        "{diags:#?}"
    );
    let typo = find("W0507", "Roadmaping");
    assert_eq!(typo["file"], "guides/product-manager.md");
    assert_eq!(typo["field"], "skills[1]");
    assert_eq!(typo["line"], 11);
    assert!(typo["help"]
        .as_str()
        .unwrap_or("")
        .contains("did you mean `Roadmapping`"));
    let unknown = find("W0507", "Juggling");
    assert!(!unknown["help"]
        .as_str()
        .unwrap_or("")
        .contains("did you mean"));
    let level = find("W0506", "Midd");
    assert_eq!(level["field"], "salary.ranges[1].level");
    assert!(
        level["help"]
            .as_str()
            .unwrap_or("")
            .contains("did you mean `Mid`"),
        "{level}"
    );
    let near = find("W0508", "Kubernets");
    assert_eq!(near["file"], "skills.yaml");
    assert_eq!(near["field"], format!("skills[14].name"));
    let claimed = find("W0508", "k8s");
    assert_eq!(claimed["field"], "skills[15].aliases[0]");
    // An error in skills.yaml names the file, line, column and field.
    std::fs::write(
        root.join("skills.yaml"),
        "skills:\n  - name: SQL\n    alias: [sql]\n",
    )
    .expect("write");
    let (code, diags) = json_diagnostics(root);
    assert_eq!(code, 1, "{diags:?}");
    let e = diags
        .iter()
        .find(|d| d["file"] == "skills.yaml")
        .expect("an error in skills.yaml");
    assert_eq!(
        (e["line"].as_u64(), e["column"].as_u64()),
        (Some(3), Some(5))
    );
    assert!(
        e["field"].as_str().unwrap_or("").starts_with("skills[0]"),
        "{e}"
    );
    assert!(e["severity"] == "error");
}

#[test]
fn level_aliases_meet_their_level_in_comparisons_and_in_check() {
    let site = fixture("career");
    let root = site.path();
    edit(
        &root.join("site.yaml"),
        "language: en",
        "language: en\nlevels:\n  - Entry\n  - name: Mid\n    aliases: [Mid Level, IC2]\n  - Senior",
    );
    edit(
        &root.join("guides/data-scientist.md"),
        "    - level: Mid\n",
        "    - level: IC2\n",
    );
    edit(
        &root.join("guides/data-analyst.md"),
        "    - level: Mid\n",
        "    - level: mid level\n",
    );
    let (_, diags) = json_diagnostics(root);
    assert!(!diags.iter().any(|d| d["code"] == "W0506"), "{diags:#?}");
    build_ok(root, &[]);
    let html = Html::parse_document(&read(
        root.join("output/transitions/data-analyst/to/data-scientist/index.html"),
    ));
    // The aliases meet their level: one row per level, both roles' figures
    // on Entry and Mid (the analyst's Senior range is total pay, so the
    // base-pay table shows only the scientist's).
    let rows: Vec<(String, usize)> = html
        .select(&Selector::parse("table.compare[data-basis=base] tbody tr").expect("selector"))
        .map(|tr| {
            let th = tr
                .select(&Selector::parse("th").expect("th"))
                .next()
                .expect("th");
            let filled = tr
                .select(&Selector::parse("td").expect("td"))
                .filter(|td| td.text().collect::<String>().contains(char::is_numeric))
                .count();
            (collapse(&th.text().collect::<String>()), filled)
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("Entry".to_string(), 2),
            ("Mid".to_string(), 2),
            ("Senior".to_string(), 1)
        ]
    );
    edit(
        &root.join("guides/data-scientist.md"),
        "    - level: IC2\n",
        "    - level: IC3\n",
    );
    let (_, diags) = json_diagnostics(root);
    let w = diags.iter().find(|d| d["code"] == "W0506").expect("W0506");
    assert!(
        w["help"]
            .as_str()
            .unwrap_or("")
            .contains("did you mean `Mid`"),
        "{w}"
    );
    // Rubric levels are checked against the ladder too.
    edit(
        &root.join("guides/data-scientist.md"),
        "  - level: Senior\n    scope",
        "  - level: Senoir\n    scope",
    );
    let (_, diags) = json_diagnostics(root);
    let w = diags
        .iter()
        .find(|d| d["code"] == "W0506" && d["field"] == "rubric[2].level")
        .unwrap_or_else(|| panic!("{diags:#?}"));
    assert!(
        w["help"]
            .as_str()
            .unwrap_or("")
            .contains("did you mean `Senior`"),
        "{w}"
    );
}

#[test]
fn a_rubric_is_a_matrix_with_what_changes_from_the_level_below() {
    let (_site, out, guides) = built();
    let g = guides
        .iter()
        .find(|g| g.slug == "data-scientist")
        .expect("guide");
    let rubric = g.front["rubric"].as_sequence().cloned().expect("rubric");
    let html = Html::parse_document(&read(out.join("guides/data-scientist/index.html")));
    let levels: Vec<String> = rubric
        .iter()
        .map(|r| r["level"].as_str().unwrap_or("").to_string())
        .collect();
    let mut head = vec![String::from("Expectation")];
    head.extend(levels.iter().cloned());
    assert_eq!(texts(&html, "table.rubric thead th"), head);
    let scopes: Vec<String> = rubric
        .iter()
        .map(|r| r["scope"].as_str().unwrap_or("").to_string())
        .collect();
    let sel = Selector::parse("table.rubric tbody tr").expect("selector");
    let td = Selector::parse("td").expect("selector");
    let first = html.select(&sel).next().expect("scope row");
    let got: Vec<String> = first
        .select(&td)
        .map(|c| collapse(&c.text().collect::<String>()))
        .collect();
    assert_eq!(got, scopes);
    // One "what changes" per level after the first: the examples it adds,
    // and the scope only where it changes.
    let details = Selector::parse("details.rubric-change").expect("selector");
    let changes: Vec<_> = html.select(&details).collect();
    assert_eq!(changes.len(), levels.len() - 1);
    for (k, d) in changes.iter().enumerate() {
        let (below, this) = (&rubric[k], &rubric[k + 1]);
        let text = collapse(&d.text().collect::<String>());
        assert!(text.contains(&format!(
            "What changes from {} to {}",
            levels[k],
            levels[k + 1]
        )));
        let examples = |r: &serde_yaml::Value| -> Vec<String> {
            r["examples"]
                .as_sequence()
                .cloned()
                .unwrap_or_default()
                .iter()
                .filter_map(|e| e.as_str().map(str::to_string))
                .collect()
        };
        let old = examples(below);
        for e in examples(this) {
            assert_eq!(text.contains(&e), !old.contains(&e), "{e} in {text}");
        }
        assert_eq!(
            text.contains("Scope"),
            below["scope"] != this["scope"],
            "{text}"
        );
    }
}

/// The 1-based line of the first line of `file` that reads `text` once
/// trimmed (the opening `---` is line 1).
fn line_of(file: &Path, text: &str) -> u64 {
    let n = read(file)
        .lines()
        .position(|l| l.trim() == text)
        .unwrap_or_else(|| panic!("{} has no line {text:?}", file.display()));
    n as u64 + 1
}

/// `(file, field)` of each diagnostic with `code`.
fn fields_of(diags: &[serde_json::Value], code: &str) -> BTreeSet<(String, String)> {
    diags
        .iter()
        .filter(|d| d["code"] == code)
        .map(|d| {
            (
                d["file"].as_str().unwrap_or("").to_string(),
                d["field"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn a_title_linked_only_by_matching_a_guide_title_gets_the_guide_to_add() {
    let site = fixture("career");
    let root = site.path();
    let guides = guides(root);
    let by_title: BTreeMap<String, &str> = guides
        .iter()
        .map(|g| (g.title().trim().to_lowercase(), g.slug.as_str()))
        .collect();
    // Every plain item naming another guide's title exactly.
    let mut expected = BTreeMap::new();
    for g in &guides {
        for list in ["leads_to", "transitions"] {
            let items = g.front["progression"][list].as_sequence().cloned();
            for (i, item) in items.unwrap_or_default().iter().enumerate() {
                let Some(title) = item.as_str() else { continue };
                if let Some(to) = by_title
                    .get(&title.trim().to_lowercase())
                    .filter(|t| **t != g.slug)
                {
                    expected.insert(
                        (
                            format!("guides/{}.md", g.slug),
                            format!("progression.{list}[{i}]"),
                        ),
                        (title.to_string(), to.to_string()),
                    );
                }
            }
        }
    }
    assert!(!expected.is_empty());
    let (code, diags) = json_diagnostics(root);
    assert_eq!(code, 0, "{diags:#?}");
    assert_eq!(
        fields_of(&diags, "W0509"),
        expected.keys().cloned().collect(),
        "{diags:#?}"
    );
    for ((file, field), (title, to)) in &expected {
        let d = diags
            .iter()
            .find(|d| {
                d["code"] == "W0509" && d["field"] == field.as_str() && d["file"] == file.as_str()
            })
            .expect("W0509");
        assert_eq!(d["line"], line_of(&root.join(file), &format!("- {title}")));
        assert_eq!(d["severity"], "warning");
        let help = d["help"].as_str().unwrap_or("");
        assert!(help.contains(&format!("guide: {to}")), "{help}");
        // A near match is a different warning: one diagnostic per item.
        assert!(!fields_of(&diags, "W0502").contains(&(file.clone(), field.clone())));
    }
    // Linked by `guide:`, the item is quiet; a near match still gets W0502.
    edit(
        &root.join("guides/data-analyst.md"),
        "    - Analytics Engineer\n",
        "    - title: Analytics Engineer\n      guide: analytics-engineer\n    - Data-Scientist\n",
    );
    let (_, diags) = json_diagnostics(root);
    assert!(fields_of(&diags, "W0509").is_empty(), "{diags:#?}");
    assert_eq!(
        fields_of(&diags, "W0502"),
        BTreeSet::from([(
            "guides/data-analyst.md".to_string(),
            "progression.transitions[1]".to_string()
        )])
    );
}

#[test]
fn one_way_transitions_are_reported_only_when_site_yaml_asks() {
    let site = fixture("career");
    let root = site.path();
    let (_, diags) = json_diagnostics(root);
    assert!(fields_of(&diags, "W0510").is_empty(), "{diags:#?}");
    edit(
        &root.join("site.yaml"),
        "language: en",
        "language: en\nlint:\n  one_way_transitions: true",
    );
    // Every transition whose target's progression names the source in no
    // list, by slug or by title.
    let guides = guides(root);
    let links = links(&guides);
    let by_title: BTreeMap<String, &str> = guides
        .iter()
        .map(|g| (g.title().to_lowercase(), g.slug.as_str()))
        .collect();
    let mut expected = BTreeSet::new();
    for g in &guides {
        let items = g.front["progression"]["transitions"].as_sequence().cloned();
        for (i, item) in items.unwrap_or_default().iter().enumerate() {
            let to = match (item.as_str(), item["guide"].as_str()) {
                (Some(t), _) => by_title.get(&t.to_lowercase()).map(|s| s.to_string()),
                (None, Some(s)) => Some(s.to_string()),
                _ => None,
            };
            let Some(to) = to.filter(|t| *t != g.slug) else {
                continue;
            };
            if !links.contains(&(to.clone(), g.slug.clone())) {
                expected.insert((
                    format!("guides/{}.md", g.slug),
                    format!("progression.transitions[{i}]"),
                ));
            }
        }
    }
    assert!(!expected.is_empty());
    let (code, diags) = json_diagnostics(root);
    assert_eq!(code, 0);
    assert_eq!(fields_of(&diags, "W0510"), expected, "{diags:#?}");
    let d = diags
        .iter()
        .find(|d| d["code"] == "W0510" && d["file"] == "guides/data-analyst.md")
        .expect("the analyst's move to the analytics engineer");
    assert_eq!(
        d["line"],
        line_of(&root.join("guides/data-analyst.md"), "- Analytics Engineer")
    );
    let help = d["help"].as_str().unwrap_or("");
    assert!(
        help.contains("guide: data-analyst") && help.contains("guides/analytics-engineer.md"),
        "{help}"
    );
    // A link back of any kind, here a plain title under `leads_to`, is enough.
    edit(
        &root.join("guides/analytics-engineer.md"),
        "  leads_to:\n",
        "  leads_to:\n    - data analyst\n",
    );
    let (_, diags) = json_diagnostics(root);
    assert!(fields_of(&diags, "W0510").is_empty(), "{diags:#?}");
    // Turned off again, nothing.
    edit(
        &root.join("site.yaml"),
        "one_way_transitions: true",
        "one_way_transitions: false",
    );
    edit(
        &root.join("guides/analytics-engineer.md"),
        "    - data analyst\n",
        "",
    );
    let (_, diags) = json_diagnostics(root);
    assert!(fields_of(&diags, "W0510").is_empty(), "{diags:#?}");
}

#[test]
fn pay_falling_as_the_level_rises_is_reported_at_the_level() {
    let site = fixture("career");
    let root = site.path();
    let (_, diags) = json_diagnostics(root);
    assert!(fields_of(&diags, "W0511").is_empty(), "{diags:#?}");
    let scientist = root.join("guides/data-scientist.md");
    // Senior below Mid at both ends.
    edit(
        &scientist,
        "      min: 140000\n      max: 180000\n",
        "      min: 100000\n      max: 130000\n",
    );
    let (_, diags) = json_diagnostics(root);
    assert_eq!(
        fields_of(&diags, "W0511"),
        BTreeSet::from([(
            "guides/data-scientist.md".to_string(),
            "salary.ranges[2].level".to_string()
        )]),
        "{diags:#?}"
    );
    let d = diags.iter().find(|d| d["code"] == "W0511").expect("W0511");
    assert_eq!(d["line"], line_of(&scientist, "- level: Senior"));
    assert!(d["message"].as_str().unwrap_or("").contains("`Mid`"), "{d}");
    assert!(d["help"]
        .as_str()
        .unwrap_or("")
        .contains("check the figures"));
    // Only one end lower is an overlap, not a fall.
    edit(&scientist, "      min: 100000\n", "      min: 120000\n");
    let (_, diags) = json_diagnostics(root);
    assert!(fields_of(&diags, "W0511").is_empty(), "{diags:#?}");
    // Total pay is not compared with base pay: the analyst's Senior range,
    // as total pay below the base of Mid, is quiet.
    let analyst = root.join("guides/data-analyst.md");
    edit(
        &analyst,
        "      min: 100000\n      max: 130000\n      basis: total\n",
        "      min: 70000\n      max: 90000\n      basis: total\n",
    );
    let (_, diags) = json_diagnostics(root);
    assert!(fields_of(&diags, "W0511").is_empty(), "{diags:#?}");
    // The order of `levels` in site.yaml decides which level comes first:
    // reversed, each lower-paid level falls from the one before it.
    edit(
        &root.join("site.yaml"),
        "language: en",
        "language: en\nlevels: [Senior, Mid, Entry]",
    );
    let (_, diags) = json_diagnostics(root);
    let falls = fields_of(&diags, "W0511");
    for (file, field) in [
        ("guides/data-scientist.md", "salary.ranges[0].level"),
        ("guides/data-analyst.md", "salary.ranges[0].level"),
        ("guides/ml-engineer.md", "salary.ranges[0].level"),
        ("guides/analytics-engineer.md", "salary.ranges[0].level"),
    ] {
        assert!(
            falls.contains(&(file.to_string(), field.to_string())),
            "{file} {field}: {falls:?}"
        );
    }
    assert!(!falls.contains(&(
        "guides/data-analyst.md".to_string(),
        "salary.ranges[2].level".to_string()
    )));
}

/// The skills of `skills.yaml` in `root`: the key of each spelling → the
/// key of its entry's name, and each entry by the key of its name.
fn catalog(
    root: &Path,
) -> (
    BTreeMap<String, String>,
    BTreeMap<String, serde_yaml::Value>,
) {
    let file: serde_yaml::Value =
        serde_yaml::from_str(&read(root.join("skills.yaml"))).expect("skills.yaml");
    let mut spellings = BTreeMap::new();
    let mut entries = BTreeMap::new();
    for e in file["skills"].as_sequence().expect("skills") {
        let name = key(e["name"].as_str().expect("name"));
        for alias in e["aliases"].as_sequence().cloned().unwrap_or_default() {
            spellings.insert(key(alias.as_str().expect("alias")), name.clone());
        }
        spellings.insert(name.clone(), name.clone());
        entries.insert(name, e.clone());
    }
    (spellings, entries)
}

#[test]
fn api_skills_json_lists_each_skill_with_its_page_entry_and_guides() {
    let site = with_catalog();
    let root = site.path();
    build_ok(root, &[]);
    let guides = guides(root);
    let (spellings, entries) = catalog(root);
    let canon = |s: &str| {
        let k = key(s);
        spellings.get(&k).cloned().unwrap_or(k)
    };
    // Key → (guides listing it, guides with it as a gap).
    let mut expected: BTreeMap<String, (Vec<String>, Vec<String>)> = entries
        .keys()
        .map(|k| (k.clone(), Default::default()))
        .collect();
    for g in &guides {
        for s in g.skills() {
            let v = &mut expected.entry(canon(&s)).or_default().0;
            if !v.contains(&g.slug) {
                v.push(g.slug.clone());
            }
        }
        for s in g.gaps() {
            let v = &mut expected.entry(canon(&s)).or_default().1;
            if !v.contains(&g.slug) {
                v.push(g.slug.clone());
            }
        }
    }
    let api: serde_json::Value =
        serde_json::from_str(&read(root.join("output/api/skills.json"))).expect("json");
    let skills = api["skills"].as_array().expect("skills");
    let strings = |v: &serde_json::Value| -> Vec<String> {
        v.as_array()
            .expect("array")
            .iter()
            .map(|s| s.as_str().expect("string").to_string())
            .collect()
    };
    let got: BTreeMap<String, (Vec<String>, Vec<String>)> = skills
        .iter()
        .map(|s| {
            (
                key(s["key"].as_str().expect("key")),
                (strings(&s["guides"]), strings(&s["gaps"])),
            )
        })
        .collect();
    assert_eq!(got, expected);
    // Sorted by key, so the file is the same on every build.
    let keys: Vec<&str> = skills.iter().filter_map(|s| s["key"].as_str()).collect();
    assert!(keys.windows(2).all(|w| w[0] < w[1]), "{keys:?}");
    let mut pages = 0;
    for s in skills {
        let k = key(s["key"].as_str().expect("key"));
        let entry = entries.get(&k);
        for field in ["description", "uri"] {
            assert_eq!(
                s[field].as_str(),
                entry.and_then(|e| e[field].as_str()),
                "{k} {field}"
            );
        }
        if let Some(e) = entry {
            assert_eq!(s["name"], e["name"].as_str().expect("name"));
        }
        // A URL exactly when the skill has a page.
        match s["slug"].as_str() {
            Some(slug) => {
                assert_eq!(
                    s["url"],
                    format!("https://example.org/careers/skills/{slug}/")
                );
                assert!(root
                    .join(format!("output/skills/{slug}/index.html"))
                    .is_file());
                pages += 1;
            }
            None => assert!(s.get("url").is_none(), "{s}"),
        }
    }
    let dirs = std::fs::read_dir(root.join("output/skills"))
        .expect("skills/")
        .filter(|e| {
            let e = e.as_ref().expect("entry");
            e.path().is_dir() && e.file_name() != "page"
        })
        .count();
    assert_eq!(pages, dirs);
    assert!(skills.iter().any(|s| s["uri"].is_string()));
}

#[test]
fn each_guide_record_lists_its_moves_with_the_transition_pages_skills() {
    let (_site, out, guides) = built();
    let by_slug: BTreeMap<&str, &Fixture> = guides.iter().map(|g| (g.slug.as_str(), g)).collect();
    let links = links(&guides);
    let names = |v: &serde_json::Value| -> Vec<String> {
        v.as_array()
            .expect("array")
            .iter()
            .map(|s| key(s["name"].as_str().expect("name")))
            .collect()
    };
    let mut moves = 0;
    for g in &guides {
        let record: serde_json::Value =
            serde_json::from_str(&read(out.join(format!("api/guides/{}.json", g.slug))))
                .expect("json");
        let listed = record["transitions"].as_array().expect("transitions");
        let to: Vec<&str> = listed.iter().filter_map(|m| m["to"].as_str()).collect();
        let want: Vec<&str> = links
            .iter()
            .filter(|(f, _)| *f == g.slug)
            .map(|(_, t)| t.as_str())
            .collect();
        assert_eq!(to, want, "{}", g.slug);
        for m in listed {
            let t = m["to"].as_str().expect("to");
            assert_eq!(
                m["url"],
                format!("https://example.org/careers/transitions/{}/to/{t}/", g.slug)
            );
            // The lists the transition page shows, skill for skill.
            let page = Html::parse_document(&read(
                out.join(format!("transitions/{}/to/{t}/index.html", g.slug)),
            ));
            let on_page = |kind: &str| -> Vec<String> {
                texts(&page, &format!("ul[data-skills={kind}] li"))
                    .iter()
                    .map(|s| key(s))
                    .collect()
            };
            assert_eq!(names(&m["shared"]), on_page("shared"), "{} → {t}", g.slug);
            assert_eq!(names(&m["missing"]), on_page("missing"), "{} → {t}", g.slug);
            // And what the fixture says: the target's skills the start lacks.
            let have: BTreeSet<String> = g.skills().iter().map(|s| key(s)).collect();
            let mut missing: Vec<String> = by_slug[t]
                .skills()
                .iter()
                .map(|s| key(s))
                .filter(|k| !have.contains(k))
                .collect();
            missing.dedup();
            assert_eq!(names(&m["missing"]), missing);
            moves += 1;
        }
        // The front matter follows, unchanged.
        assert_eq!(record["title"], g.title());
    }
    assert_eq!(moves, links.len());
    assert!(moves >= 4);
}

/// The JSON-LD block of a page, parsed.
fn jsonld(html: &str) -> serde_json::Value {
    let open = "<script type=\"application/ld+json\">";
    let start = html.find(open).expect("a JSON-LD block") + open.len();
    let end = start + html[start..].find("</script>").expect("closed");
    serde_json::from_str(&html[start..end]).expect("valid JSON")
}

#[test]
fn guide_jsonld_lists_skills_as_defined_terms_with_pages_and_uris() {
    let site = with_catalog();
    let root = site.path();
    edit(
        &root.join("guides/data-scientist.md"),
        "rubric:\n",
        "codes:\n  onet_soc: \"15-2051.00\"\n  isco: \"2120\"\nrubric:\n",
    );
    build_ok(root, &[]);
    let out = root.join("output");
    let (spellings, entries) = catalog(root);
    let mut terms = 0;
    for g in guides(root) {
        let html = read(out.join(format!("guides/{}/index.html", g.slug)));
        let v = jsonld(&html);
        assert_eq!(v["@type"], "Occupation");
        let skills = v["skills"].as_array().expect("skills");
        let names: Vec<&str> = skills.iter().filter_map(|s| s["name"].as_str()).collect();
        assert_eq!(names, g.skills(), "{}", g.slug);
        // The skill links the page itself shows, in order.
        let page = Html::parse_document(&html);
        let linked: BTreeMap<String, String> = page
            .select(&Selector::parse("#skills ~ ul a").expect("selector"))
            .map(|a| {
                let href = a.value().attr("href").expect("href");
                let slug = href.trim_end_matches('/').rsplit('/').next().expect("slug");
                (
                    collapse(&a.text().collect::<String>()),
                    format!("https://example.org/careers/skills/{slug}/"),
                )
            })
            .collect();
        for s in skills {
            let name = s["name"].as_str().expect("name");
            assert_eq!(s["@type"], "DefinedTerm");
            assert_eq!(s["inDefinedTermSet"], "https://example.org/careers/skills/");
            assert_eq!(
                s["url"].as_str(),
                linked.get(name).map(String::as_str),
                "{name}"
            );
            if let Some(url) = s["url"].as_str() {
                let rel = url.trim_start_matches("https://example.org/careers/");
                assert!(out.join(rel).join("index.html").is_file(), "{url}");
            }
            let k = key(name);
            let entry = spellings.get(&k).and_then(|n| entries.get(n));
            assert_eq!(
                s["sameAs"].as_str(),
                entry.and_then(|e| e["uri"].as_str()),
                "{name}"
            );
            terms += 1;
        }
    }
    assert!(terms >= 20);
    // The ML engineer's Kubernetes carries its ESCO URI.
    let ml = jsonld(&read(out.join("guides/ml-engineer/index.html")));
    assert!(ml["skills"]
        .as_array()
        .expect("skills")
        .iter()
        .any(|s| s["name"] == "Kubernetes"
            && s["sameAs"] == "http://data.europa.eu/esco/skill/kubernetes"));
    // The codes, each in its code set, after the family.
    let v = jsonld(&read(out.join("guides/data-scientist/index.html")));
    let cats = v["occupationalCategory"].as_array().expect("categories");
    assert_eq!(cats[0], "Data");
    let codes: Vec<(&str, &str)> = cats[1..]
        .iter()
        .map(|c| {
            assert_eq!(c["@type"], "CategoryCode");
            assert_eq!(c["inCodeSet"]["@type"], "CategoryCodeSet");
            (
                c["codeValue"].as_str().expect("code"),
                c["inCodeSet"]["name"].as_str().expect("set"),
            )
        })
        .collect();
    assert_eq!(codes, [("15-2051.00", "O*NET-SOC"), ("2120", "ISCO-08")]);
}
