//! The offline search index, `search-index.json`, read by `static/search.js`.
//!
//! Shape (documented in `docs/themes.md`): skill, employer and tag names
//! are stored once in tables and referenced by number. Guides share many of
//! them, so this keeps the index small (at 1,000 generated guides, skills
//! alone would otherwise be over half a megabyte).
//!
//! ```json
//! {"v":3,"base":"guides/","skills":["SQL"],"employers":["SAP"],"tags":["apis"],
//!  "docs":[["slug","Title","Alt; titles","Summary",[0],[0],[0]]]}
//! ```

use crate::render::markdown::plain;
use crate::site::Site;
use crate::util::layout::GUIDES_DIR;
use serde::Serialize;
use std::collections::BTreeMap;

/// The whole index.
#[derive(Debug, Serialize)]
pub(crate) struct SearchIndex {
    /// Format version.
    pub v: u32,
    /// Prefix of every guide link, relative to the site root (the folder
    /// of `search-index.json`): a document's link is `base + slug + "/"`,
    /// resolved against the site root wherever the searching page is.
    pub base: String,
    /// Skills as plain text, sorted.
    pub skills: Vec<String>,
    /// Employer names, sorted.
    pub employers: Vec<String>,
    /// Tag names, sorted.
    pub tags: Vec<String>,
    /// One entry per guide, by slug.
    pub docs: Vec<SearchDoc>,
}

/// One guide: `[slug, title, alt titles joined by "; ", summary, skill ids,
/// employer ids, tag ids]`.
#[derive(Debug, Serialize)]
pub(crate) struct SearchDoc(
    pub String,
    pub String,
    pub String,
    pub String,
    pub Vec<usize>,
    pub Vec<usize>,
    pub Vec<usize>,
);

fn table<'a>(names: impl Iterator<Item = &'a str>) -> BTreeMap<&'a str, usize> {
    let mut m: BTreeMap<&str, usize> = names.map(|n| (n, 0)).collect();
    for (i, v) in m.values_mut().enumerate() {
        *v = i;
    }
    m
}

/// Builds the index of every guide in `site`.
pub(crate) fn index(site: &Site) -> SearchIndex {
    use crate::site::terms::Kind;
    let emp = table(site.guides.iter().flat_map(|g| Kind::Employer.names(g)));
    let tag = table(site.guides.iter().flat_map(|g| Kind::Tag.names(g)));
    let plain_skills: Vec<Vec<String>> = site
        .guides
        .iter()
        .map(|g| g.front.skills.iter().map(|s| plain(s)).collect())
        .collect();
    let skill = table(plain_skills.iter().flatten().map(String::as_str));
    let docs = site
        .guides
        .iter()
        .zip(&plain_skills)
        .map(|(g, skills)| {
            let f = &g.front;
            let ids = |kind: Kind, t: &BTreeMap<&str, usize>| {
                let mut v: Vec<usize> = kind
                    .names(g)
                    .iter()
                    .filter_map(|n| t.get(n).copied())
                    .collect();
                v.sort_unstable();
                v.dedup();
                v
            };
            SearchDoc(
                g.slug.clone(),
                f.title.clone(),
                f.alt_titles.join("; "),
                plain(&f.summary),
                skills
                    .iter()
                    .filter_map(|s| skill.get(s.as_str()).copied())
                    .collect(),
                ids(Kind::Employer, &emp),
                ids(Kind::Tag, &tag),
            )
        })
        .collect();
    SearchIndex {
        v: 3,
        base: GUIDES_DIR.to_string(),
        skills: skill.keys().map(|s| s.to_string()).collect(),
        employers: emp.keys().map(|s| s.to_string()).collect(),
        tags: tag.keys().map(|s| s.to_string()).collect(),
        docs,
    }
}

/// The index as compact JSON.
pub(crate) fn json(site: &Site) -> Vec<u8> {
    serde_json::to_vec(&index(site)).unwrap_or_else(|_| b"{}".to_vec())
}
