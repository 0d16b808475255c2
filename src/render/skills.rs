//! The skill pages: `skills/`, the index of the skills guides share, and
//! `skills/<slug>/`, one skill with the roles that list it and the roles
//! that list it as a common gap, both split into pages of `paginate`
//! entries like every list that grows with the site.
//!
//! In: the site's [`crate::site::skills::SkillIndex`] and the theme. Out:
//! the pages of the `Skills` unit (`skills.html`, `skill.html`).

use crate::diag::Diagnostic;
use crate::render::i18n::Arg;
use crate::render::page::{render_one, Page};
use crate::render::paginate::{self, slot, PaginationView};
use crate::render::theme::Theme;
use crate::render::view::{LinkView, PageKind, PageView, SiteView};
use crate::site::Site;
use crate::util::layout::{Listing, PageLinks, Route};
use serde::Serialize;

/// A skill on the index.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SkillSummary {
    /// The name shown.
    pub(crate) name: String,
    /// Link to its page.
    pub(crate) url: String,
    /// How many guides list it under their skills.
    pub(crate) count: usize,
    /// How many guides list it as a common gap.
    pub(crate) gap_count: usize,
}

/// A guide named on a skill's page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SkillRole {
    /// The guide's title.
    pub(crate) title: String,
    /// Link to the guide.
    pub(crate) url: String,
    /// Its job family.
    pub(crate) family: Option<String>,
}

/// `skill` on a skill's page.
#[derive(Debug, Serialize)]
pub(crate) struct SkillView {
    /// The name shown.
    pub(crate) name: String,
    /// Its slug.
    pub(crate) slug: String,
    /// Link to its first page.
    pub(crate) url: String,
    /// Link to the index of skills.
    pub(crate) index_url: String,
    /// The other spellings the guides use.
    pub(crate) spellings: Vec<String>,
    /// How many guides list it.
    pub(crate) count: usize,
    /// How many guides list it as a gap.
    pub(crate) gap_count: usize,
    /// The guides on this page that list it, by title.
    pub(crate) roles: Vec<SkillRole>,
    /// The guides on this page that list it as a common gap, by title.
    pub(crate) gap_roles: Vec<SkillRole>,
    /// Its `skills.yaml` description, rendered inline.
    pub(crate) description_html: Option<String>,
    /// Its ESCO or O*NET URI from `skills.yaml`.
    pub(crate) uri: Option<String>,
    /// Its resources from `skills.yaml`.
    pub(crate) resources: Vec<LinkView>,
}

#[derive(Serialize)]
struct IndexContext<'a> {
    site: &'a SiteView<'a>,
    page: PageView,
    skills: Vec<SkillSummary>,
    skill_count: usize,
    pagination: PaginationView,
}

#[derive(Serialize)]
struct SkillContext<'a> {
    site: &'a SiteView<'a>,
    page: PageView,
    skill: SkillView,
    pagination: PaginationView,
}

fn by_title(site: &Site, ids: &[usize]) -> Vec<usize> {
    let mut ids = ids.to_vec();
    ids.sort_by(|&a, &b| {
        let (a, b) = (&site.guides[a], &site.guides[b]);
        a.front.title.cmp(&b.front.title).then(a.slug.cmp(&b.slug))
    });
    ids
}

fn role(site: &Site, links: &PageLinks, i: usize) -> SkillRole {
    let g = &site.guides[i];
    SkillRole {
        title: g.front.title.clone(),
        url: links.to(&Route::Guide(&g.slug)),
        family: g.front.family.clone(),
    }
}

/// `skills/` and its further pages.
pub(crate) fn index_pages(
    site: &Site,
    theme: &Theme,
    sv: &SiteView<'_>,
) -> Result<Vec<Page>, Diagnostic> {
    let paged = site.skills.paged();
    let total = paged.len();
    let strings = &theme.strings;
    let description = strings.get(
        "career.skills_description",
        None,
        &[("site", Arg::Str(&site.config.title))],
    );
    let heading = strings.text("career.skills");
    let pages = paginate::split(paged, site.config.paginate);
    let mut out = Vec::with_capacity(pages.len());
    for (k, ids) in pages.iter().enumerate() {
        let s = slot(
            site,
            Listing::Skills,
            k + 1,
            total,
            (&heading, &description, PageKind::Skills),
            &theme.strings,
        );
        let skills = ids
            .iter()
            .filter_map(|&id| {
                let skill = &site.skills.skills[id];
                Some(SkillSummary {
                    name: skill.name.clone(),
                    url: s.links.to(&Route::Skill(skill.slug.as_deref()?)),
                    count: skill.guides.len(),
                    gap_count: skill.gaps.len(),
                })
            })
            .collect();
        out.push(render_one(
            theme,
            "skills.html",
            &IndexContext {
                site: &sv.at(&s.links),
                page: s.page,
                skills,
                skill_count: total,
                pagination: s.pagination,
            },
            s.route.file(),
        )?);
    }
    Ok(out)
}

/// The pages of skill `id` (none when it has no page of its own).
pub(crate) fn skill_pages(
    site: &Site,
    theme: &Theme,
    sv: &SiteView<'_>,
    id: usize,
) -> Result<Vec<Page>, Diagnostic> {
    let skill = &site.skills.skills[id];
    let Some(slug) = skill.slug.as_deref() else {
        return Ok(Vec::new());
    };
    let of = Listing::Skill(slug);
    // The guides listing it, then those listing it as a gap: one list, so
    // that no page grows past `paginate` entries.
    let listed = by_title(site, &skill.guides);
    let gaps = by_title(site, &skill.gaps);
    let entries: Vec<(bool, usize)> = listed
        .iter()
        .map(|&i| (false, i))
        .chain(gaps.iter().map(|&i| (true, i)))
        .collect();
    let total = entries.len();
    let strings = &theme.strings;
    let mut description = format!(
        "{}: {}",
        skill.name,
        strings.get("career.skill_listed", Some(skill.guides.len() as f64), &[])
    );
    if !skill.gaps.is_empty() {
        description.push(' ');
        description.push_str(&strings.get(
            "career.skill_gap_count",
            Some(skill.gaps.len() as f64),
            &[],
        ));
    }
    let spellings = spellings(site, id);
    let entry = skill.entry.and_then(|e| site.config.skills.get(e));
    let md = crate::render::markdown::Markdown::of(&site.config);
    let description_html = entry.and_then(|e| e.description.as_deref().map(|d| md.inline(d)));
    let uri = entry.and_then(|e| e.uri.clone());
    let resources = entry
        .map(|e| resource_views(&e.resources))
        .unwrap_or_default();
    let pages = paginate::split(entries, site.config.paginate);
    let mut out = Vec::with_capacity(pages.len());
    for (k, entries) in pages.iter().enumerate() {
        let s = slot(
            site,
            of,
            k + 1,
            total,
            (&skill.name, &description, PageKind::Skill),
            &theme.strings,
        );
        let role_entries = entries.iter().filter(|e| !e.0);
        let gap_entries = entries.iter().filter(|e| e.0);
        let view = SkillView {
            name: skill.name.clone(),
            slug: slug.to_string(),
            url: s.links.to(&of.first()),
            index_url: s.links.to(&Route::Skills),
            spellings: spellings.clone(),
            count: skill.guides.len(),
            gap_count: skill.gaps.len(),
            roles: role_entries.map(|e| role(site, &s.links, e.1)).collect(),
            gap_roles: gap_entries.map(|e| role(site, &s.links, e.1)).collect(),
            description_html: description_html.clone(),
            uri: uri.clone(),
            resources: resources.clone(),
        };
        out.push(render_one(
            theme,
            "skill.html",
            &SkillContext {
                site: &sv.at(&s.links),
                page: s.page,
                skill: view,
                pagination: s.pagination,
            },
            s.route.file(),
        )?);
    }
    Ok(out)
}

/// Resources as templates show them.
pub(crate) fn resource_views(resources: &[crate::guide::model::Resource]) -> Vec<LinkView> {
    resources
        .iter()
        .map(|r| LinkView {
            title: r.title.clone(),
            url: r.url.clone(),
            kind: r.kind.map(|k| k.as_str()),
        })
        .collect()
}

/// The spellings of skill `id` other than its shown name, sorted, at most
/// a few (a skill many guides list may be spelled many ways).
fn spellings(site: &Site, id: usize) -> Vec<String> {
    const MAX: usize = 8;
    let skill = &site.skills.skills[id];
    let mut out: Vec<String> = Vec::new();
    for &g in skill.guides.iter().chain(&skill.gaps) {
        let f = &site.guides[g].front;
        let gaps = f.skill_gaps.as_ref().map(|s| &s.missing[..]).unwrap_or(&[]);
        let ids = site
            .skills
            .listed(g)
            .iter()
            .chain(site.skills.listed_gaps(g));
        for (s, _) in f
            .skills
            .iter()
            .chain(gaps)
            .zip(ids)
            .filter(|(_, &k)| k == Some(id))
        {
            let s = s.trim();
            if s != skill.name && !out.iter().any(|o| o == s) {
                out.push(s.to_string());
            }
        }
        if out.len() >= MAX {
            break;
        }
    }
    out.sort();
    out.truncate(MAX);
    out
}
