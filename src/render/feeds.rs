//! Publishing files: `sitemap.xml`, `robots.txt`, the Atom feed `feed.xml`
//! and the JSON API `api/guides.json`, `api/guides/<slug>.json` and
//! `api/skills.json`.
//!
//! URLs are absolute when `base_url` carries an origin; otherwise they are
//! site-relative (documented in `docs/themes.md`), since nothing better can
//! be known at build time.

use crate::guide::model::{Date, FrontMatter};
use crate::render::page::Page;
use crate::site::Site;
use crate::util::html::{escape_xml, push_escaped_xml};
use crate::util::layout::Route;
use serde::Serialize;
use std::fmt::Write;

/// The most URLs one sitemap file may list (sitemaps.org).
pub(crate) const SITEMAP_MAX_URLS: usize = 50_000;

/// The most bytes one sitemap file may hold, uncompressed (sitemaps.org:
/// 50 MB, 52,428,800 bytes).
pub(crate) const SITEMAP_MAX_BYTES: usize = 52_428_800;

const URLSET_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
const URLSET_TAIL: &str = "</urlset>\n";

/// A page the sitemap lists.
pub(crate) struct SitemapEntry<'a> {
    /// The page.
    pub(crate) route: Route<'a>,
    /// Its URL path ([`Route::url_path`]), made once: the entries sort by
    /// it and the sitemap writes it.
    pub(crate) path: String,
    /// Its last change, when a guide it shows says.
    pub(crate) lastmod: Option<Date>,
}

/// The sitemap of `pages` (with their last change), in that order: one
/// `sitemap.xml` while they fit in one file, else `sitemap-1.xml`,
/// `sitemap-2.xml`, … of at most [`SITEMAP_MAX_URLS`] URLs and
/// [`SITEMAP_MAX_BYTES`] each, and `sitemap.xml` as the sitemap index that
/// names them.
pub(crate) fn sitemaps(site: &Site, pages: &[SitemapEntry<'_>]) -> Vec<Page> {
    // Each file: its entries and the newest last change among them.
    let mut files: Vec<(String, usize, Option<Date>)> = Vec::new();
    // One buffer for every URL and entry: a site of 10,000 guides lists
    // some 90,000 pages, and an edit can render the sitemap again.
    let mut url = String::new();
    let mut entry = String::new();
    for SitemapEntry { path, lastmod, .. } in pages {
        url.clear();
        url.push_str(&site.base.origin);
        url.push_str(&site.base.path);
        url.push_str(path);
        entry.clear();
        entry.push_str("  <url><loc>");
        push_escaped_xml(&mut entry, &url);
        entry.push_str("</loc>");
        if let Some(d) = lastmod {
            let _ = write!(entry, "<lastmod>{d}</lastmod>");
        }
        entry.push_str("</url>\n");
        let room = SITEMAP_MAX_BYTES - URLSET_HEAD.len() - URLSET_TAIL.len();
        let fits = files
            .last()
            .is_some_and(|(s, n, _)| *n < SITEMAP_MAX_URLS && s.len() + entry.len() <= room);
        if !fits {
            files.push((String::new(), 0, None));
        }
        if let Some((s, n, newest)) = files.last_mut() {
            s.push_str(&entry);
            *n += 1;
            *newest = (*newest).max(*lastmod);
        }
    }
    let urlset = |body: &str| format!("{URLSET_HEAD}{body}{URLSET_TAIL}").into_bytes();
    if files.len() <= 1 {
        let body = files.pop().map(|f| f.0).unwrap_or_default();
        return vec![Page {
            path: Route::Sitemap.file(),
            bytes: urlset(&body),
        }];
    }
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut out = Vec::with_capacity(files.len() + 1);
    for (k, (body, _, newest)) in files.iter().enumerate() {
        let route = Route::SitemapPart(k + 1);
        let _ = write!(
            index,
            "  <sitemap><loc>{}</loc>",
            escape_xml(&site.base.absolute(&route))
        );
        if let Some(d) = newest {
            let _ = write!(index, "<lastmod>{d}</lastmod>");
        }
        index.push_str("</sitemap>\n");
        out.push(Page {
            path: route.file(),
            bytes: urlset(body),
        });
    }
    index.push_str("</sitemapindex>\n");
    out.push(Page {
        path: Route::Sitemap.file(),
        bytes: index.into_bytes(),
    });
    out
}

/// `robots.txt`: everything may be crawled; points at the sitemap (the
/// sitemap index when the sitemap is split, which has the same name).
pub(crate) fn robots(site: &Site) -> Vec<u8> {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        site.base.absolute(&Route::Sitemap)
    )
    .into_bytes()
}

/// The newest `updated` date among the guides.
pub(crate) fn newest(site: &Site) -> Option<Date> {
    site.guides.iter().filter_map(|g| g.front.updated).max()
}

fn stamp(d: Date) -> String {
    format!("{d}T00:00:00Z")
}

/// The Atom feed: the `feed_entries` most recently updated guides (of
/// those with an `updated` date), newest first, ties by slug.
/// The feed's own `updated` is the newest guide date, never the clock; a
/// site with no dated guide uses 1970-01-01.
pub(crate) fn atom(site: &Site) -> Vec<u8> {
    let mut dated: Vec<(Date, usize)> = site
        .guides
        .iter()
        .enumerate()
        .filter_map(|(i, g)| g.front.updated.map(|d| (d, i)))
        .collect();
    dated.sort_by(|a, b| {
        let slug = |i: usize| &site.guides[i].slug;
        b.0.cmp(&a.0).then_with(|| slug(a.1).cmp(slug(b.1)))
    });
    dated.truncate(site.config.feed_entries);
    let feed_updated = newest(site).map_or_else(|| "1970-01-01T00:00:00Z".to_string(), stamp);
    let home = site.base.absolute(&Route::Index);
    let self_url = site.base.absolute(&Route::Feed);
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = write!(
        s,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}</title>\n  <subtitle>{}</subtitle>\n  <link href=\"{}\" rel=\"self\" type=\"application/atom+xml\"/>\n  <link href=\"{}\" rel=\"alternate\" type=\"text/html\"/>\n  <id>{}</id>\n  <updated>{feed_updated}</updated>\n  <author><name>{}</name></author>\n  <generator>careerbook</generator>\n",
        escape_xml(&site.config.language),
        escape_xml(&site.config.title),
        escape_xml(&site.config.description),
        escape_xml(&self_url),
        escape_xml(&home),
        escape_xml(&entry_id(site, &Route::Index)),
        escape_xml(&site.config.title),
    );
    for (d, i) in dated {
        let g = &site.guides[i];
        let route = Route::Guide(&g.slug);
        let _ = write!(
            s,
            "  <entry>\n    <title>{}</title>\n    <link href=\"{}\" rel=\"alternate\" type=\"text/html\"/>\n    <id>{}</id>\n    <updated>{}</updated>\n    <summary>{}</summary>\n",
            escape_xml(&g.front.title),
            escape_xml(&site.base.absolute(&route)),
            escape_xml(&entry_id(site, &route)),
            stamp(d),
            escape_xml(&crate::render::markdown::plain(&g.front.summary)),
        );
        if let Some(f) = &g.front.family {
            let _ = writeln!(s, "    <category term=\"{}\"/>", escape_xml(f));
        }
        s.push_str("  </entry>\n");
    }
    s.push_str("</feed>\n");
    s.into_bytes()
}

/// A stable Atom id: the absolute URL when the origin is known, else a
/// `urn:` built from the site-relative path (both stay the same across
/// builds and edits of the guide).
fn entry_id(site: &Site, route: &Route<'_>) -> String {
    if site.base.origin.is_empty() {
        format!("urn:careerbook:{}", site.base.link(route))
    } else {
        site.base.absolute(route)
    }
}

/// `api/guides.json`: the site and one short entry per guide, pointing at
/// the guide's full record.
#[derive(Serialize)]
struct ApiHead<'a> {
    version: u32,
    site: ApiSite<'a>,
}

#[derive(Serialize)]
struct ApiSite<'a> {
    title: &'a str,
    description: &'a str,
    language: &'a str,
    url: String,
}

#[derive(Serialize)]
struct ApiEntry<'a> {
    slug: &'a str,
    url: String,
    data: String,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    family: Option<&'a str>,
    summary: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    updated: Option<Date>,
}

/// Version of the JSON API's shape.
pub(crate) const API_VERSION: u32 = 2;

/// The list of every guide, sorted by slug: the fields a listing needs and
/// the URL of each guide's full record ([`api_guide`]). Reads the summary
/// and `updated` besides what resolves the site. `entry_of` gives each
/// guide's entry, as [`api_entry`] writes it (the card cache keeps them
/// between rebuilds, so that an edit writes one guide's).
pub(crate) fn api<'e>(
    site: &Site,
    entry_of: impl Fn(usize) -> std::borrow::Cow<'e, str>,
) -> Vec<u8> {
    let head = ApiHead {
        version: API_VERSION,
        site: ApiSite {
            title: &site.config.title,
            description: &site.config.description,
            language: &site.config.language,
            url: site.base.absolute(&Route::Index),
        },
    };
    let mut v = serde_json::to_vec(&head).unwrap_or_else(|_| b"{}".to_vec());
    // The guides go last, in the object the head opened.
    v.pop();
    v.extend_from_slice(b",\"guides\":[");
    for i in 0..site.guides.len() {
        if i > 0 {
            v.push(b',');
        }
        v.extend_from_slice(entry_of(i).as_bytes());
    }
    v.extend_from_slice(b"]}\n");
    v
}

/// Guide `i`'s entry in the list of guides ([`api`]), as JSON.
pub(crate) fn api_entry(site: &Site, i: usize) -> String {
    let g = &site.guides[i];
    serde_json::to_string(&ApiEntry {
        slug: &g.slug,
        url: site.base.absolute(&Route::Guide(&g.slug)),
        data: site.base.absolute(&Route::GuideData(&g.slug)),
        title: &g.front.title,
        family: g.front.family.as_deref(),
        summary: &g.front.summary,
        updated: g.front.updated,
    })
    .unwrap_or_else(|_| "{}".into())
}

/// A skill named in the JSON API, by its key (as `api/skills.json` lists
/// it) and its shown name.
#[derive(Serialize)]
struct ApiSkillRef<'a> {
    key: &'a str,
    name: &'a str,
}

/// One move in a guide's record: the guide it leads to, its transition
/// page and the skills, as that page lists them.
#[derive(Serialize)]
struct ApiMove<'a> {
    to: &'a str,
    url: String,
    shared: Vec<ApiSkillRef<'a>>,
    missing: Vec<ApiSkillRef<'a>>,
}

fn skill_refs<'a>(site: &'a Site, ids: &[usize]) -> Vec<ApiSkillRef<'a>> {
    ids.iter()
        .map(|&s| {
            let skill = &site.skills.skills[s];
            ApiSkillRef {
                key: &skill.key,
                name: &skill.name,
            }
        })
        .collect()
}

/// Every move from guide `i`, by target slug: the transition pages'
/// skills ([`crate::site::skills::SkillIndex::compare`]) with their URLs.
fn api_moves(site: &Site, i: usize) -> Vec<ApiMove<'_>> {
    site.next(i)
        .iter()
        .map(|&t| {
            let (shared, missing) = site.skills.compare(i, t);
            ApiMove {
                to: &site.guides[t].slug,
                url: site
                    .base
                    .absolute(&crate::render::career::route(site, i, t)),
                shared: skill_refs(site, &shared),
                missing: skill_refs(site, &missing),
            }
        })
        .collect()
}

/// `api/guides/<slug>.json`: the version, slug and URL, the moves it
/// leads to (`transitions`), then the guide's front matter exactly as in
/// the guide format (field names unchanged, absent fields omitted).
pub(crate) fn api_guide(site: &Site, i: usize) -> Vec<u8> {
    let g = &site.guides[i];
    let url = site.base.absolute(&Route::Guide(&g.slug));
    let moves = serde_json::to_string(&api_moves(site, i)).unwrap_or_else(|_| "[]".into());
    let mut out = format!(
        "{{\"version\":{API_VERSION},\"slug\":{},\"url\":{},\"transitions\":{moves},",
        json_string(&g.slug),
        json_string(&url)
    )
    .into_bytes();
    // `slug` is given above, resolved, so it is left out of the front
    // matter; the front matter object's fields follow in the same object.
    let front = if g.front.slug.is_some() {
        serde_json::to_vec(&FrontMatter {
            slug: None,
            ..g.front.clone()
        })
    } else {
        serde_json::to_vec(&g.front)
    };
    match front {
        Ok(f) => out.extend_from_slice(f.strip_prefix(b"{").unwrap_or(&f)),
        Err(_) => {
            out.pop();
            out.push(b'}');
        }
    }
    out.push(b'\n');
    out
}

fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// `api/skills.json`: every skill the guides name or `skills.yaml` lists.
#[derive(Serialize)]
struct ApiSkills<'a> {
    version: u32,
    skills: Vec<ApiSkill<'a>>,
}

#[derive(Serialize)]
struct ApiSkill<'a> {
    key: &'a str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    slug: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri: Option<&'a str>,
    guides: Vec<&'a str>,
    gaps: Vec<&'a str>,
}

/// Every skill of the skill index, sorted by key: its name, its page when
/// it has one, what `skills.yaml` says of it, and the guides listing it as
/// a skill and as a common gap, by slug. Reads the guides' skills and gaps
/// besides what resolves the site.
pub(crate) fn api_skills(site: &Site) -> Vec<u8> {
    let slugs = |ids: &[usize]| -> Vec<&str> {
        let mut v: Vec<&str> = ids.iter().map(|&i| site.guides[i].slug.as_str()).collect();
        v.sort_unstable();
        v
    };
    let api = ApiSkills {
        version: API_VERSION,
        skills: site
            .skills
            .skills
            .iter()
            .map(|s| {
                let entry = s.entry.and_then(|e| site.config.skills.get(e));
                ApiSkill {
                    key: &s.key,
                    name: &s.name,
                    slug: s.slug.as_deref(),
                    url: s
                        .slug
                        .as_deref()
                        .map(|slug| site.base.absolute(&Route::Skill(slug))),
                    description: entry.and_then(|e| e.description.as_deref()),
                    uri: entry.and_then(|e| e.uri.as_deref()),
                    guides: slugs(&s.guides),
                    gaps: slugs(&s.gaps),
                }
            })
            .collect(),
    };
    let mut v = serde_json::to_vec(&api).unwrap_or_else(|_| b"{}".to_vec());
    v.push(b'\n');
    v
}
