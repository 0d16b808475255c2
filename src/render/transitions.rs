//! Transition pages: what it takes to move from one role to another.
//!
//! In: the site (every progression link from one guide to another, by
//! `guide:` or by a title naming a guide; the skill index; salaries and
//! the level order) and the theme. Out: one page per pair of guides a link
//! joins, `transitions/<from>/to/<to>/` (`transition.html`): the skills both
//! list, the skills the target lists that the current role does not, the
//! current role's common gaps, requirement differences, both salaries by
//! level where currency, period and basis agree, the target's resources
//! and next steps.

use crate::diag::Diagnostic;
use crate::render::career::route;
use crate::render::i18n::Arg;
use crate::render::markdown::Markdown;
use crate::render::page::{page_view, render_one, Page};
use crate::render::salaries::compare::{compare, CompareTable};
use crate::render::theme::Theme;
use crate::render::view::{LinkView, PageKind, PageView, SiteView};
use crate::site::Site;
use crate::util::layout::{PageLinks, Route};
use serde::Serialize;

/// A role at one end of a move.
#[derive(Debug, Serialize)]
pub(crate) struct EndView {
    /// The guide's title.
    pub(crate) title: String,
    /// Link to the guide.
    pub(crate) url: String,
    /// Its job family.
    pub(crate) family: Option<String>,
}

/// A skill on a transition page.
#[derive(Debug, Serialize)]
pub(crate) struct SkillItem {
    /// The skill as the target guide writes it, rendered inline.
    pub(crate) html: String,
    /// Link to the skill's page, when it has one.
    pub(crate) url: Option<String>,
}

/// A requirement of both roles, side by side.
#[derive(Debug, Serialize)]
pub(crate) struct RequirementRow {
    /// `Education` or `Experience`.
    pub(crate) label: &'static str,
    /// The current role's, rendered; absent when it says nothing.
    pub(crate) from_html: Option<String>,
    /// The target role's, rendered.
    pub(crate) to_html: Option<String>,
}

/// The resources `skills.yaml` gives for one skill.
#[derive(Debug, Serialize)]
pub(crate) struct SkillResources {
    /// The skill's name.
    pub(crate) name: String,
    /// Link to its page.
    pub(crate) url: Option<String>,
    /// Its resources.
    pub(crate) resources: Vec<LinkView>,
}

/// `transition` on a transition page.
#[derive(Debug, Serialize)]
pub(crate) struct TransitionView {
    /// The role the move starts from.
    pub(crate) from: EndView,
    /// The role it leads to.
    pub(crate) to: EndView,
    /// Skills both list, in the target's order.
    pub(crate) shared: Vec<SkillItem>,
    /// Skills the target lists and the current role does not, in the
    /// target's order.
    pub(crate) missing: Vec<SkillItem>,
    /// The current role's common skill gaps, rendered inline.
    pub(crate) gaps: Vec<String>,
    /// The current role's development suggestions, rendered.
    pub(crate) development_html: Option<String>,
    /// Education and experience, where either role says something.
    pub(crate) requirements: Vec<RequirementRow>,
    /// Certifications the target lists and the current role does not.
    pub(crate) certifications_missing: Vec<String>,
    /// Certifications both list.
    pub(crate) certifications_shared: Vec<String>,
    /// Both salaries by level: one table per currency, period and basis
    /// both use, rows only for levels both give.
    pub(crate) salaries: Vec<CompareTable>,
    /// Whether both guides give salary figures (when they do and
    /// `salaries` is empty, nothing was comparable).
    pub(crate) both_salaries: bool,
    /// The target's learning resources.
    pub(crate) resources: Vec<LinkView>,
    /// For each missing skill `skills.yaml` gives resources for: `{name,
    /// url, resources}`.
    pub(crate) skill_resources: Vec<SkillResources>,
    /// The target's recommended next steps, rendered inline.
    pub(crate) next_steps: Vec<String>,
}

#[derive(Serialize)]
struct TransitionContext<'a> {
    site: &'a SiteView<'a>,
    page: PageView,
    transition: TransitionView,
}

fn end(site: &Site, links: &PageLinks, i: usize) -> EndView {
    let g = &site.guides[i];
    EndView {
        title: g.front.title.clone(),
        url: links.to(&Route::Guide(&g.slug)),
        family: g.front.family.clone(),
    }
}

/// The spelling guide `g` gives skill `s` (its own list, else the index's
/// name).
fn spelled(site: &Site, g: usize, s: usize) -> &str {
    let listed = site.skills.listed(g);
    listed
        .iter()
        .position(|&t| t == Some(s))
        .and_then(|n| site.guides[g].front.skills.get(n))
        .map_or(site.skills.skills[s].name.as_str(), String::as_str)
}

fn skill_items(
    site: &Site,
    links: &PageLinks,
    md: Markdown,
    g: usize,
    ids: &[usize],
) -> Vec<SkillItem> {
    ids.iter()
        .map(|&s| SkillItem {
            html: md.inline(spelled(site, g, s)),
            url: site.skills.skills[s]
                .slug
                .as_deref()
                .map(|slug| links.to(&Route::Skill(slug))),
        })
        .collect()
}

/// The view of the move from `a` to `b`, with links as the page with
/// `links` writes them.
pub(crate) fn view(
    site: &Site,
    links: &PageLinks,
    order: &crate::guide::levels::LevelOrder,
    a: usize,
    b: usize,
    strings: &crate::render::i18n::Strings,
) -> TransitionView {
    let md = Markdown::of(&site.config);
    let (fa, fb) = (&site.guides[a].front, &site.guides[b].front);
    let (shared, missing) = site.skills.compare(a, b);
    let gaps = fa.skill_gaps.clone().unwrap_or_default();
    let (ra, rb) = (
        fa.requirements.clone().unwrap_or_default(),
        fb.requirements.clone().unwrap_or_default(),
    );
    let mut requirements = Vec::new();
    for (label, x, y) in [
        ("education", &ra.education, &rb.education),
        ("experience", &ra.experience, &rb.experience),
    ] {
        if x.is_some() || y.is_some() {
            requirements.push(RequirementRow {
                label,
                from_html: x.as_deref().map(|s| md.block(s)),
                to_html: y.as_deref().map(|s| md.block(s)),
            });
        }
    }
    let cert_key = |c: &String| crate::util::text::skill_key(c);
    let have: Vec<String> = ra.certifications.iter().map(cert_key).collect();
    let (certifications_shared, certifications_missing): (Vec<String>, Vec<String>) = rb
        .certifications
        .iter()
        .cloned()
        .partition(|c| have.contains(&cert_key(c)));
    let salaries = match (&fa.salary, &fb.salary) {
        (Some(x), Some(y)) => compare(x, y, order, strings),
        _ => Vec::new(),
    };
    let skill_resources = missing
        .iter()
        .filter_map(|&s| {
            let skill = &site.skills.skills[s];
            let entry = site.config.skills.get(skill.entry?)?;
            (!entry.resources.is_empty()).then(|| SkillResources {
                name: skill.name.clone(),
                url: skill
                    .slug
                    .as_deref()
                    .map(|slug| links.to(&Route::Skill(slug))),
                resources: crate::render::skills::resource_views(&entry.resources),
            })
        })
        .collect();
    TransitionView {
        skill_resources,
        from: end(site, links, a),
        to: end(site, links, b),
        shared: skill_items(site, links, md, b, &shared),
        missing: skill_items(site, links, md, b, &missing),
        gaps: gaps.missing.iter().map(|s| md.inline(s)).collect(),
        development_html: gaps.development.as_deref().map(|s| md.block(s)),
        requirements,
        certifications_missing,
        certifications_shared,
        salaries,
        both_salaries: fa.salary.is_some() && fb.salary.is_some(),
        resources: crate::render::skills::resource_views(&fb.resources),
        next_steps: fb.next_steps.iter().map(|s| md.inline(s)).collect(),
    }
}

/// The pages of the moves from guide `a`: what a build renders and writes
/// at a time, so that it never holds every move's page at once (six or so
/// a guide: hundreds of thousands at 100,000 guides).
pub(crate) fn pages_from(
    site: &Site,
    theme: &Theme,
    sv: &SiteView<'_>,
    order: &crate::guide::levels::LevelOrder,
    a: usize,
) -> Result<Vec<Page>, Diagnostic> {
    site.next(a)
        .iter()
        .map(|&b| page(site, theme, sv, order, a, b))
        .collect()
}

/// The page of the move from guide `a` to guide `b`.
fn page(
    site: &Site,
    theme: &Theme,
    sv: &SiteView<'_>,
    order: &crate::guide::levels::LevelOrder,
    a: usize,
    b: usize,
) -> Result<Page, Diagnostic> {
    let route = route(site, a, b);
    let links = PageLinks::of(&route, &site.base);
    let transition = view(site, &links, order, a, b, &theme.strings);
    let strings = &theme.strings;
    let (from, to) = (
        Arg::Str(&transition.from.title),
        Arg::Str(&transition.to.title),
    );
    let title = strings.get("career.from_to", None, &[("from", from), ("to", to)]);
    let description = format!(
        "{} {}",
        strings.get(
            "career.move_description",
            None,
            &[("from", from), ("to", to)]
        ),
        strings.get(
            "career.move_lead",
            Some(transition.shared.len() as f64),
            &[("missing", Arg::Num(transition.missing.len() as f64))],
        )
    );
    render_one(
        theme,
        "transition.html",
        &TransitionContext {
            site: &sv.at(&links),
            page: page_view(site, &route, title, description, PageKind::Transition),
            transition,
        },
        route.file(),
    )
}
