//! The self-assessment page: `assess/`, where a reader ticks the skills
//! they have, sees every role ranked by how many of its skills they cover,
//! and picks a target to get a plan (missing skills with resources, the
//! target's next steps, the move from their best-matching role).
//!
//! In: the site (guides, the skill index, `skills.yaml` resources, the
//! moves between guides) and the theme. Out: the pages of the `Assess`
//! unit: the page itself (`assess.html`, small at any size of site: the
//! skill list is built in the browser), `assess/data.js` with every skill
//! and every guide's skills by index, and `assess/steps-<n>.js`, the next
//! steps of [`STEPS_CHUNK`] guides each, read only when a target is picked.
//!
//! The data files are scripts that hand JSON to a callback, not JSON files
//! to fetch: a browser runs a script from a page opened from disk but
//! refuses it a `fetch`, and the page must work offline from the files.
//! Nothing the reader ticks leaves the browser: the page keeps it in
//! `localStorage`.

use crate::diag::Diagnostic;
use crate::render::i18n::Arg;
use crate::render::markdown::Markdown;
use crate::render::page::{page_view, render_one, Page};
use crate::render::theme::Theme;
use crate::render::view::{PageKind, PageView, SiteView};
use crate::site::Site;
use crate::util::layout::{PageLinks, Route};
use serde::Serialize;
use serde_json::{json, Value};

/// How many guides' next steps one `assess/steps-<n>.js` holds: picking a
/// target reads one file of about this many guides' steps.
pub(crate) const STEPS_CHUNK: usize = 64;

/// The most moves the page links without JavaScript; a larger site's
/// moves are reached from the career paths and the guides.
const MAX_MOVES: usize = 60;

/// The callback `assess/data.js` calls with the data.
pub(crate) const DATA_CALLBACK: &str = "careerbookAssess";

/// The callback each `assess/steps-<n>.js` calls with its number and steps.
pub(crate) const STEPS_CALLBACK: &str = "careerbookAssessSteps";

/// How many `assess/steps-<n>.js` files a site has.
pub(crate) fn steps_files(site: &Site) -> usize {
    site.guides.len().div_ceil(STEPS_CHUNK)
}

/// A move the page links for readers without JavaScript.
#[derive(Debug, Serialize)]
pub(crate) struct MoveLink {
    /// "From X to Y".
    pub(crate) title: String,
    /// Link to its page.
    pub(crate) url: String,
}

/// `assess` on the self-assessment page.
#[derive(Debug, Serialize)]
pub(crate) struct AssessView {
    /// Link to `assess/data.js`.
    pub(crate) data_url: String,
    /// The prefix every URL path in the data is written under: the way
    /// back to the site root.
    pub(crate) root: String,
    /// The `localStorage` key the answers are kept under: one per site
    /// (by its base path), so that two sites on one host keep apart.
    pub(crate) storage_key: String,
    /// The theme's `assess.script` texts, as JSON, for the script.
    pub(crate) messages: String,
    /// How many roles and skills the data holds.
    pub(crate) guide_count: usize,
    /// How many skills.
    pub(crate) skill_count: usize,
    /// Links to the skill index, the career paths and the search page.
    pub(crate) skills_url: String,
    /// The career paths.
    pub(crate) paths_url: String,
    /// Every move's page when the site has at most a few, else empty.
    pub(crate) moves: Vec<MoveLink>,
}

#[derive(Serialize)]
struct AssessContext<'a> {
    site: &'a SiteView<'a>,
    page: PageView,
    assess: AssessView,
}

/// The job family each skill is shown under: the family most of the
/// guides listing it belong to (ties to the name first in sorted order),
/// counting the guides that list it as a gap only when none lists it.
/// A reader looks for a skill where they work; one family per skill keeps
/// each checkbox once. `None` for skills of guides without a family.
fn groups(site: &Site) -> Vec<Option<&str>> {
    // Each guide's family by its place among the names, sorted: a tally
    // per skill is then a row of counts, not a map of names.
    fn family(g: &crate::guide::load::Guide) -> Option<&str> {
        g.front.family.as_deref().map(str::trim)
    }
    let mut names: Vec<&str> = site.guides.iter().filter_map(family).collect();
    names.sort_unstable();
    names.dedup();
    let of: Vec<Option<usize>> = site
        .guides
        .iter()
        .map(|g| family(g).and_then(|f| names.binary_search(&f).ok()))
        .collect();
    let mut counts = vec![0usize; names.len()];
    site.skills
        .skills
        .iter()
        .map(|s| {
            let ids = if s.guides.is_empty() {
                &s.gaps
            } else {
                &s.guides
            };
            counts.fill(0);
            for &g in ids {
                if let Some(f) = of[g] {
                    counts[f] += 1;
                }
            }
            // The most guides; on a tie, the name first in sorted order.
            let mut best: Option<usize> = None;
            for (f, &n) in counts.iter().enumerate() {
                if n > 0 && best.is_none_or(|b| n > counts[b]) {
                    best = Some(f);
                }
            }
            best.map(|f| names[f])
        })
        .collect()
}

/// The skills the page offers to tick, by their index in the site's skill
/// index (those some guide lists under `skills`), and for each skill of the
/// index its place among them.
fn checkable(site: &Site) -> (Vec<usize>, Vec<Option<usize>>) {
    let all = &site.skills.skills;
    let kept: Vec<usize> = (0..all.len())
        .filter(|&s| !all[s].guides.is_empty())
        .collect();
    let mut index = vec![None; all.len()];
    for (k, &s) in kept.iter().enumerate() {
        index[s] = Some(k);
    }
    (kept, index)
}

/// A route's URL path with `{}` for each slug: the script fills them in,
/// and the layout stays spelled in one place.
fn pattern(route: Route<'_>) -> String {
    route.url_path()
}

/// `assess/data.js`'s data, in the order its JSON object keys sort.
#[derive(Serialize)]
struct Data<'a> {
    chunk: usize,
    groups: Vec<&'a str>,
    guides: Vec<GuideEntry<'a>>,
    routes: Routes,
    skills: Vec<Value>,
}

/// A guide as the script reads it: `[title, slug, [skill…], [guide it
/// has a move to…]]`. Written straight from the site: at 10,000 guides a
/// tree of JSON values took most of the unit's time.
#[derive(Serialize)]
struct GuideEntry<'a>(&'a str, &'a str, Checkable<'a>, &'a [usize]);

/// A guide's skills (by index into the site's skill index), written as
/// their places among the skills offered to tick, skipping the others.
struct Checkable<'a> {
    skills: &'a [usize],
    place: &'a [Option<usize>],
}

impl Serialize for Checkable<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.skills.iter().filter_map(|&k| self.place[k]))
    }
}

/// The URL path patterns of the data, keys sorted.
#[derive(Serialize)]
struct Routes {
    guide: String,
    skill: String,
    steps: String,
    transition: String,
}

/// The data of `assess/data.js`, as JSON: `groups` (family names, sorted,
/// `""` last for skills of no family), `skills` (`[name, slug or "",
/// group, resources?]`, resources as `[title, url, kind or ""]`),
/// `guides` (`[title, slug, [skill…], [guide it has a move to…]]`, skills
/// and guides by index), `routes` (URL path patterns) and `chunk`.
pub(crate) fn data(site: &Site) -> String {
    // Only skills some guide lists under `skills`: a skill named only as a
    // common gap is a sentence about a shortfall ("Escalating too late"),
    // not something a reader ticks as theirs, and no role's score counts it.
    let (kept, index) = checkable(site);
    let of: Vec<Option<&str>> = {
        let all = groups(site);
        kept.iter().map(|&s| all[s]).collect()
    };
    let mut names: Vec<&str> = of.iter().flatten().copied().collect();
    names.sort_unstable();
    names.dedup();
    let none = names.len();
    let skills: Vec<Value> = kept
        .iter()
        .map(|&s| &site.skills.skills[s])
        .zip(&of)
        .map(|(s, g)| {
            let group = g.map_or(none, |g| names.binary_search(&g).unwrap_or(none));
            let mut v = vec![
                json!(s.name),
                json!(s.slug.as_deref().unwrap_or("")),
                json!(group),
            ];
            let entry = s.entry.and_then(|e| site.config.skills.get(e));
            if let Some(e) = entry.filter(|e| !e.resources.is_empty()) {
                let res: Vec<Value> = e
                    .resources
                    .iter()
                    .map(|r| json!([r.title, r.url, r.kind.map_or("", |k| k.as_str())]))
                    .collect();
                v.push(Value::Array(res));
            }
            Value::Array(v)
        })
        .collect();
    let guides: Vec<GuideEntry<'_>> = site
        .guides
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let own = Checkable {
                skills: site.skills.of_guide(i),
                place: &index,
            };
            GuideEntry(&g.front.title, &g.slug, own, site.next(i))
        })
        .collect();
    let mut groups: Vec<&str> = names;
    if of.iter().any(Option::is_none) {
        groups.push("");
    }
    let data = Data {
        chunk: STEPS_CHUNK,
        groups,
        guides,
        routes: Routes {
            guide: pattern(Route::Guide("{}")),
            skill: pattern(Route::Skill("{}")),
            steps: pattern(Route::AssessSteps(usize::MAX)).replace(&usize::MAX.to_string(), "{}"),
            transition: pattern(Route::Transition {
                from: "{}",
                to: "{}",
            }),
        },
        skills,
    };
    serde_json::to_string(&data).unwrap_or_default()
}

/// The next steps of the guides of file `n`, rendered inline, in the
/// site's order.
fn steps(site: &Site, n: usize) -> Value {
    let md = Markdown::of(&site.config);
    let from = n * STEPS_CHUNK;
    let to = (from + STEPS_CHUNK).min(site.guides.len());
    Value::Array(
        site.guides[from..to]
            .iter()
            .map(|g| {
                json!(g
                    .front
                    .next_steps
                    .iter()
                    .map(|s| md.inline(s))
                    .collect::<Vec<_>>())
            })
            .collect(),
    )
}

/// `callback(args);` as a script.
fn script(callback: &str, args: &str) -> Vec<u8> {
    // `</` never appears in JSON strings here unescaped by serde_json; the
    // file is a script of its own, not inline, so nothing to break out of.
    format!("{callback}({args});\n").into_bytes()
}

/// The step files that hold the next steps of guides `edited` (by index),
/// sorted: with the same guides in the same order, the only step files
/// whose text an edit can change.
fn steps_holding(edited: &[usize]) -> Vec<usize> {
    let mut files: Vec<usize> = edited.iter().map(|&i| i / STEPS_CHUNK).collect();
    files.sort_unstable();
    files.dedup();
    files
}

/// The page, its data file and its step files; with `edited` (guides by
/// index, while the same guides are published in the same order), the
/// page, the data file and only the step files holding those guides' next
/// steps: rendering every guide's steps as Markdown is most of the cost.
pub(crate) fn pages(
    site: &Site,
    theme: &Theme,
    sv: &SiteView<'_>,
    edited: Option<&[usize]>,
) -> Result<Vec<Page>, Diagnostic> {
    let route = Route::Assess;
    let links = PageLinks::of(&route, &site.base);
    let strings = &theme.strings;
    let moves = crate::render::career::moves(site);
    let move_links = if moves.len() <= MAX_MOVES {
        moves
            .iter()
            .map(|&(a, b)| MoveLink {
                title: strings.get(
                    "career.from_to",
                    None,
                    &[
                        ("from", Arg::Str(&site.guides[a].front.title)),
                        ("to", Arg::Str(&site.guides[b].front.title)),
                    ],
                ),
                url: links.to(&crate::render::career::route(site, a, b)),
            })
            .collect()
    } else {
        Vec::new()
    };
    let view = AssessView {
        data_url: links.to(&Route::AssessData),
        root: links.root().to_string(),
        storage_key: format!("careerbook-assess:{}", site.base.path),
        messages: strings.group("assess.script").to_string(),
        guide_count: site.guides.len(),
        skill_count: checkable(site).0.len(),
        skills_url: links.to(&Route::Skills),
        paths_url: links.to(&Route::Paths),
        moves: move_links,
    };
    let title = strings.text("assess.title");
    let description = strings.get(
        "assess.description",
        None,
        &[("site", Arg::Str(&site.config.title))],
    );
    let mut out = vec![render_one(
        theme,
        "assess.html",
        &AssessContext {
            site: &sv.at(&links),
            page: page_view(site, &route, title, description, PageKind::Assess),
            assess: view,
        },
        route.file(),
    )?];
    let d = data(site);
    out.push(Page {
        path: Route::AssessData.file(),
        bytes: script(DATA_CALLBACK, &d),
    });
    let files = match edited {
        Some(edited) => steps_holding(edited),
        None => (0..steps_files(site)).collect(),
    };
    for n in files {
        out.push(Page {
            path: Route::AssessSteps(n).file(),
            bytes: script(STEPS_CALLBACK, &format!("{n},{}", steps(site, n))),
        });
    }
    Ok(out)
}
