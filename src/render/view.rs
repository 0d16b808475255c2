//! The template context: what every template receives, as typed structs.
//!
//! Markdown fields arrive here already rendered to safe HTML (fields ending in
//! `_html`, to be printed with `| safe`); everything else is plain text that
//! Tera escapes. `docs/themes.md` documents every field.

use crate::guide::load::Guide;
use crate::guide::model::{Period, SourceRef};
use crate::render::markdown;
use crate::render::terms::{GuideCard, TermLink};
use crate::site::terms::Kind;
use crate::site::{LinkKind, Site};
use crate::util::layout::{PageLinks, Route};
use serde::Serialize;

/// `site` in every template.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct SiteView<'a> {
    /// Site title.
    pub title: &'a str,
    /// Site description.
    pub description: &'a str,
    /// `<html lang>`.
    pub language: &'a str,
    /// `rtl` for a language written right to left, else `ltr`.
    pub dir: &'static str,
    /// The configured base URL.
    pub base_url: &'a str,
    /// Prefix of every internal link on the page being rendered: the way
    /// back to the site root from the page's folder (`./`, `../../`), or
    /// the base path (`/`, `/sub/`) on `404.html`
    /// ([`crate::util::layout::PageLinks::root`]).
    pub root: &'a str,
    /// True while `careerbook serve` runs (the live-reload script is injected).
    pub serving: bool,
    /// careerbook's version.
    pub generator: &'static str,
}

/// The kind of a page, as templates see it in `page.kind`: `index`,
/// `guide`, `paths`, `transition`, `skills`, `skill`, `assess`, `salaries`, `terms`,
/// `term`, `search` or `404`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PageKind {
    /// The home page.
    Index,
    /// A guide's page.
    Guide,
    /// The career-path map.
    Paths,
    /// The page of a move from one role to another.
    Transition,
    /// The index of skills.
    Skills,
    /// One skill's page.
    Skill,
    /// The self-assessment page.
    Assess,
    /// The salary comparison.
    Salaries,
    /// The index of one kind of term (families, tags, employers, sectors).
    Terms,
    /// One term's page.
    Term,
    /// The search page.
    Search,
    /// The page for a missing URL.
    #[serde(rename = "404")]
    NotFound,
}

/// `page` in every template: what the `<head>` needs.
#[derive(Debug, Serialize)]
pub struct PageView {
    /// `<title>` text (without the site name).
    pub title: String,
    /// Meta description (plain text).
    pub description: String,
    /// The page's URL path relative to the site root: `guides/x/`, empty
    /// for the home page.
    pub path: String,
    /// The page's root-absolute address under the base path,
    /// `/sub/guides/x/`.
    pub url: String,
    /// Absolute URL (canonical), or the link when no origin is configured.
    pub permalink: String,
    /// Which kind of page this is.
    pub kind: PageKind,
    /// On a multilingual site, the page in each language that has it
    /// (this one included) and `x-default`, the default language's: for
    /// `<link rel="alternate" hreflang>`. Empty otherwise.
    pub alternates: Vec<crate::site::lang::AlternateView>,
    /// On a multilingual site, the language switcher: every language, with
    /// a link to this page in it or to its home page. Empty otherwise.
    pub languages: Vec<crate::site::lang::LanguageView>,
}

/// A role named in a progression list.
#[derive(Debug, Serialize)]
pub struct RoleView {
    /// The title as written.
    pub title: String,
    /// Link to the guide, when the role has one.
    pub url: Option<String>,
    /// Link to the page of the move between this guide and the role
    /// (from it, or for "Roles That Lead Here" to it), when the role has
    /// a guide of its own.
    pub move_url: Option<String>,
}

impl RoleView {
    /// A role with a guide at `url`, without a move's link.
    pub(crate) fn guide(title: String, url: String) -> RoleView {
        RoleView {
            title,
            url: Some(url),
            move_url: None,
        }
    }
}

/// A role like this one, by the skills both list.
#[derive(Debug, Serialize)]
pub struct SimilarView {
    /// The other guide's title.
    pub title: String,
    /// Link to it.
    pub url: String,
    /// How many skills both list.
    pub shared: usize,
}

/// A role two or three moves away, and the way there.
#[derive(Debug, Serialize)]
pub struct RouteView {
    /// The roles along the way, this one first; each after the first with
    /// the link to its guide and to the page of the move into it.
    pub steps: Vec<RoleView>,
    /// The skills to learn along the way, each once, as the index names
    /// them.
    pub missing: Vec<String>,
}

/// A titled link.
#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    /// Link text.
    pub title: String,
    /// Target URL.
    pub url: String,
    /// Resource kind, for resources.
    pub kind: Option<&'static str>,
}

/// One salary range, formatted like `$110k–$145k+ base`.
#[derive(Debug, Serialize)]
pub struct RangeView {
    /// Level as the guide writes it, e.g. `Entry`.
    pub level: String,
    /// Region, e.g. `US`.
    pub region: Option<String>,
    /// The figures, e.g. `$110k–$145k+`.
    pub figures: String,
    /// `base` or `total`.
    pub basis: Option<&'static str>,
    /// Median formatted, when given.
    pub median: Option<String>,
    /// "often titled ..." text.
    pub titles: Option<String>,
    /// Rendered note.
    pub note_html: Option<String>,
    /// Raw numbers, for charts.
    pub min: f64,
    /// Raw upper bound.
    pub max: f64,
    /// Open-ended top.
    pub open_ended: bool,
    /// Source as text or link.
    pub source: Option<LinkView>,
}

/// The salary section.
#[derive(Debug, Serialize)]
pub struct SalaryView {
    /// ISO 4217 code.
    pub currency: String,
    /// `year`, `month` or `hour`.
    pub period: &'static str,
    /// As-of date text.
    pub as_of: Option<String>,
    /// Ranges in career order.
    pub ranges: Vec<RangeView>,
    /// Source as text or link.
    pub source: Option<LinkView>,
    /// The heading of the charts: `Salary range`, or `Salary range and
    /// median` when some range gives a median.
    pub title: String,
    /// One range chart per basis (base salary, total compensation), never
    /// both on one scale: `{label, html}`.
    pub charts: Vec<crate::render::salaries::GuideChart>,
}

/// The demand section.
#[derive(Debug, Serialize)]
pub struct DemandView {
    /// `declining`, `stable`, `growing`, `strong`.
    pub outlook: Option<&'static str>,
    /// Rendered summary.
    pub summary_html: Option<String>,
    /// Projected growth in percent.
    pub growth_pct: Option<f64>,
    /// Period of the projection.
    pub growth_period: Option<String>,
    /// Openings per year.
    pub openings_per_year: Option<u64>,
    /// Source as text or link.
    pub source: Option<LinkView>,
}

/// Occupation codes with links to their public profiles.
#[derive(Debug, Serialize)]
pub struct CodeView {
    /// `O*NET-SOC` or `ISCO-08`.
    pub scheme: &'static str,
    /// The code.
    pub code: String,
    /// Public profile URL.
    pub url: String,
}

/// Everything a guide page shows.
#[derive(Debug, Serialize)]
pub struct GuideView {
    /// Slug.
    pub slug: String,
    /// Link to the page.
    pub url: String,
    /// Title (plain).
    pub title: String,
    /// Job family.
    pub family: Option<String>,
    /// Link to the family's page.
    pub family_url: Option<String>,
    /// Summary rendered.
    pub summary_html: String,
    /// Summary as plain text.
    pub summary_text: String,
    /// `YYYY-MM-DD`.
    pub updated: Option<String>,
    /// Whether it is a draft.
    pub draft: bool,
    /// Tags, each with the link to its page.
    pub tags: Vec<TermLink>,
    /// Also known as.
    pub alt_titles: Vec<String>,
    /// Key Responsibilities, rendered inline.
    pub responsibilities: Vec<String>,
    /// Top Skills for Success, rendered inline.
    pub skills: Vec<String>,
    /// For each of `skills`, the link to its page (`skills/<slug>/`), when
    /// it has one.
    pub skill_urls: Vec<Option<String>>,
    /// Guides listing the most of the same skills, most first (at most
    /// five).
    pub similar: Vec<SimilarView>,
    /// Guides two or three moves away, nearest first, each with the
    /// shortest way there and the skills it adds up to.
    pub routes: Vec<RouteView>,
    /// Expectations by level, lowest first, each with what changes from
    /// the level below.
    pub rubric: Vec<crate::render::rubric::RubricView>,
    /// Can Lead To.
    pub leads_to: Vec<RoleView>,
    /// Transition Opportunities.
    pub transitions: Vec<RoleView>,
    /// Guides whose progression lists this one: the first `paginate`, so
    /// a role thousands of guides lead to keeps a light page.
    pub leads_here: Vec<RoleView>,
    /// How many more guides lead here than `leads_here` shows.
    pub leads_here_more: usize,
    /// Often Missing Skills, rendered inline.
    pub missing_skills: Vec<String>,
    /// Development Suggestions, rendered.
    pub development_html: Option<String>,
    /// Salary section.
    pub salary: Option<SalaryView>,
    /// Growth Trend.
    pub demand: Option<DemandView>,
    /// Major Employers, each with the link to its page.
    pub employers: Vec<TermLink>,
    /// Industry Sectors, each with the link to its page.
    pub sectors: Vec<TermLink>,
    /// Recommended Next Steps, rendered inline, in order.
    pub next_steps: Vec<String>,
    /// Sources.
    pub sources: Vec<LinkView>,
    /// Occupation codes.
    pub codes: Vec<CodeView>,
    /// Education, rendered.
    pub education_html: Option<String>,
    /// Experience, rendered.
    pub experience_html: Option<String>,
    /// Certifications.
    pub certifications: Vec<String>,
    /// Learning resources.
    pub resources: Vec<LinkView>,
    /// The Markdown body, rendered.
    pub body_html: String,
    /// Headings of the body.
    pub headings: Vec<markdown::Heading>,
    /// schema.org `Occupation` JSON-LD, escaped for a `<script>` element.
    pub jsonld: String,
    /// The neighbourhood map (inline SVG), when a move leads to or from
    /// the guide.
    pub map_svg: Option<String>,
}

/// A job family on the home page's overview.
#[derive(Debug, Serialize)]
pub struct FamilyView {
    /// Family name ("Other roles" for guides without one).
    pub name: String,
    /// Anchor id on the index page.
    pub id: String,
    /// Link to the family's page (for "Other roles", the search page,
    /// which lists every guide).
    pub url: String,
    /// How many guides the family has.
    pub count: usize,
    /// Its most recently updated guides (a few), newest first.
    pub guides: Vec<GuideCard>,
}

fn source_view(s: &Option<SourceRef>) -> Option<LinkView> {
    s.as_ref().map(|s| match s {
        SourceRef::Text(t) => LinkView {
            title: t.clone(),
            url: String::new(),
            kind: None,
        },
        SourceRef::Link(l) => LinkView {
            title: l.title.clone(),
            url: l.url.clone(),
            kind: None,
        },
    })
}

fn inline_all(md: markdown::Markdown, items: &[String]) -> Vec<String> {
    items.iter().map(|s| md.inline(s)).collect()
}

fn period_word(p: Period) -> &'static str {
    p.as_str()
}

fn route_view(site: &Site, links: &PageLinks, c: &crate::render::career::Chain) -> RouteView {
    let steps = c
        .steps
        .iter()
        .enumerate()
        .map(|(k, &g)| RoleView {
            title: site.guides[g].front.title.clone(),
            url: Some(links.to(&Route::Guide(&site.guides[g].slug))),
            move_url: (k > 0)
                .then(|| links.to(&crate::render::career::route(site, c.steps[k - 1], g))),
        })
        .collect();
    RouteView {
        steps,
        missing: c
            .missing
            .iter()
            .map(|&s| site.skills.skills[s].name.clone())
            .collect(),
    }
}

impl GuideView {
    /// Builds the view of guide `i` of `site`, with links relative to the
    /// guide's page. `reserved` holds the ids the page's own markup uses,
    /// which a body heading must not take
    /// ([`crate::render::theme::Theme::guide_ids`]).
    pub fn new(
        site: &Site,
        i: usize,
        reserved: &[&str],
        strings: &crate::render::i18n::Strings,
    ) -> GuideView {
        let links = PageLinks::of(&Route::Guide(&site.guides[i].slug), &site.base);
        GuideView::with_links(site, i, &links, reserved, strings)
    }

    /// Builds the view of guide `i` of `site`, with the links of `links`.
    pub(crate) fn with_links(
        site: &Site,
        i: usize,
        links: &PageLinks,
        reserved: &[&str],
        strings: &crate::render::i18n::Strings,
    ) -> GuideView {
        let g: &Guide = &site.guides[i];
        let md = crate::render::markdown::Markdown::of(&site.config);
        let f = &g.front;
        let role = |r: &crate::guide::model::RoleRef| {
            let to = site.resolve(r);
            RoleView {
                title: r.title().to_string(),
                url: to.map(|t| links.to(&Route::Guide(&site.guides[t].slug))),
                move_url: to
                    .filter(|&t| t != i)
                    .map(|t| links.to(&crate::render::career::route(site, i, t))),
            }
        };
        let progression = f.progression.clone().unwrap_or_default();
        let incoming: Vec<&(usize, LinkKind)> = site
            .incoming(i)
            .iter()
            .filter(|(_, k)| *k == LinkKind::LeadsTo || *k == LinkKind::Transition)
            .collect();
        let leads_here_more = incoming.len().saturating_sub(site.config.paginate);
        let leads_here = incoming
            .into_iter()
            .take(site.config.paginate)
            .map(|&(from, _)| {
                let o = &site.guides[from];
                RoleView {
                    title: o.front.title.clone(),
                    url: Some(links.to(&Route::Guide(&o.slug))),
                    move_url: Some(links.to(&crate::render::career::route(site, from, i))),
                }
            })
            .collect();
        let gaps = f.skill_gaps.clone().unwrap_or_default();
        let salary = f.salary.as_ref().map(|s| SalaryView {
            currency: s.currency.clone(),
            period: period_word(s.period),
            as_of: s.as_of.map(|d| d.to_string()),
            source: source_view(&s.source),
            title: crate::render::salaries::guide_title(s, strings),
            charts: crate::render::salaries::guide_charts(s, strings),
            ranges: s
                .ranges
                .iter()
                .map(|r| RangeView {
                    level: r.level.trim().to_string(),
                    region: r.region.clone(),
                    figures: strings.formats.figures(&s.currency, r),
                    basis: r.basis.map(|b| b.as_str()),
                    median: r.median.map(|m| strings.formats.money(&s.currency, m)),
                    titles: r.titles.clone(),
                    note_html: r.note.as_deref().map(|s| md.inline(s)),
                    min: r.min,
                    max: r.max,
                    open_ended: r.open_ended,
                    source: source_view(&r.source),
                })
                .collect(),
        });
        let demand = f.demand.as_ref().map(|d| DemandView {
            outlook: d.outlook.map(|o| o.as_str()),
            summary_html: d.summary.as_deref().map(|s| md.block(s)),
            growth_pct: d.growth_pct,
            growth_period: d.growth_period.clone(),
            openings_per_year: d.openings_per_year,
            source: source_view(&d.source),
        });
        let terms = |kind: Kind| crate::render::terms::links(site, links, kind, &kind.names(g));
        let mut codes = Vec::new();
        if let Some(c) = &f.codes {
            if let Some(code) = &c.onet_soc {
                codes.push(CodeView {
                    scheme: "O*NET-SOC",
                    code: code.clone(),
                    url: format!("https://www.onetonline.org/link/summary/{code}"),
                });
            }
            if let Some(code) = &c.isco {
                codes.push(CodeView {
                    scheme: "ISCO-08",
                    code: code.clone(),
                    url: format!("https://isco.ilo.org/en/isco-08/{code}/"),
                });
            }
        }
        let req = f.requirements.clone().unwrap_or_default();
        let (body_html, headings) = md.body(&g.body, reserved);
        GuideView {
            slug: g.slug.clone(),
            url: links.to(&Route::Guide(&g.slug)),
            title: f.title.clone(),
            family: f.family.clone(),
            family_url: f
                .family
                .as_deref()
                .and_then(|n| site.terms.route(Kind::Family, n))
                .map(|r| links.to(&r)),
            summary_html: md.inline(&f.summary),
            summary_text: markdown::plain(&f.summary),
            updated: f.updated.map(|d| d.to_string()),
            draft: f.draft,
            tags: terms(Kind::Tag),
            alt_titles: f.alt_titles.clone(),
            responsibilities: inline_all(md, &f.responsibilities),
            skills: inline_all(md, &f.skills),
            skill_urls: site
                .skills
                .listed(i)
                .iter()
                .map(|id| {
                    let slug = site.skills.skills[(*id)?].slug.as_deref()?;
                    Some(links.to(&Route::Skill(slug)))
                })
                .collect(),
            similar: site
                .skills
                .similar(i, crate::render::career::SIMILAR)
                .into_iter()
                .map(|(o, shared)| SimilarView {
                    title: site.guides[o].front.title.clone(),
                    url: links.to(&Route::Guide(&site.guides[o].slug)),
                    shared,
                })
                .collect(),
            rubric: crate::render::rubric::views(md, &f.rubric),
            routes: crate::render::career::routes(site, i)
                .into_iter()
                .map(|c| route_view(site, links, &c))
                .collect(),
            leads_to: progression.leads_to.iter().map(role).collect(),
            transitions: progression.transitions.iter().map(role).collect(),
            leads_here,
            leads_here_more,
            missing_skills: inline_all(md, &gaps.missing),
            development_html: gaps.development.as_deref().map(|s| md.block(s)),
            salary,
            demand,
            employers: terms(Kind::Employer),
            sectors: terms(Kind::Sector),
            next_steps: inline_all(md, &f.next_steps),
            sources: f
                .sources
                .iter()
                .map(|l| LinkView {
                    title: l.title.clone(),
                    url: l.url.clone(),
                    kind: None,
                })
                .collect(),
            codes,
            education_html: req.education.as_deref().map(|s| md.block(s)),
            experience_html: req.experience.as_deref().map(|s| md.block(s)),
            certifications: req.certifications,
            resources: f
                .resources
                .iter()
                .map(|r| LinkView {
                    title: r.title.clone(),
                    url: r.url.clone(),
                    kind: r.kind.map(|k| k.as_str()),
                })
                .collect(),
            body_html,
            map_svg: None,
            headings,
            jsonld: crate::render::jsonld::script_json(&crate::render::jsonld::occupation(site, i)),
        }
    }
}
