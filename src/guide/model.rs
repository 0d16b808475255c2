//! Typed model of a guide's front matter and of `site.yaml`, mirroring the
//! format contract (`docs/guide-format.md`) field for field.
//!
//! These types are the single source of truth: the JSON Schema that editors
//! and `careerbook check` use is derived from the same field list, and a test
//! keeps the two in lock-step.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use crate::guide::date::{Date, PartialDate};

/// The marker `careerbook new` puts in every value an author must replace.
pub const PLACEHOLDER: &str = "TODO:";

/// Guide files larger than this are refused unless `site.yaml` sets
/// `max_guide_kib` (a guide is a few KiB of text).
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// The front matter of one guide file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// The role's title, shown as the page's only `<h1>`.
    #[schemars(length(min = 1))]
    pub title: String,
    /// URL slug; defaults to the file name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[a-z0-9-]+$"))]
    pub slug: Option<String>,
    /// Job family; groups guides on the index.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    /// One or two sentences (Markdown) for the index, search and meta description.
    #[schemars(length(min = 1))]
    pub summary: String,
    /// When the guide was last revised (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<Date>,
    /// Drafts build only with `--drafts`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub draft: bool,
    /// Free words for grouping and search.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Old URLs that redirect to this guide.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// "Key Responsibilities" (inline Markdown items).
    #[schemars(length(min = 1), inner(length(min = 1)))]
    pub responsibilities: Vec<String>,
    /// "Top Skills for Success" (inline Markdown items).
    #[schemars(length(min = 1), inner(length(min = 1)))]
    pub skills: Vec<String>,
    /// "Career Progression".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub progression: Option<Progression>,
    /// "Common Skill Gaps".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skill_gaps: Option<SkillGaps>,
    /// "Salary & Demand" / "Median Salary Range".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salary: Option<Salary>,
    /// "Growth Trend".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub demand: Option<Demand>,
    /// "Companies Hiring".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hiring: Option<Hiring>,
    /// "Recommended Next Steps", in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub next_steps: Vec<String>,
    /// Citations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Link>,
    /// Other names the role goes by ("also known as").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alt_titles: Vec<String>,
    /// Occupation codes in public classifications.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub codes: Option<Codes>,
    /// Education, experience and certifications.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requirements: Option<Requirements>,
    /// Learning material.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resources: Vec<Resource>,
    /// What is expected at each level, lowest first: each level extends
    /// the one below.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rubric: Vec<RubricLevel>,
}

/// The expectations of one level of a guide's `rubric`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RubricLevel {
    /// The level, as salary ranges and `site.yaml`'s `levels` name it.
    pub level: String,
    /// How far the work reaches (inline Markdown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// What the work changes (inline Markdown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub impact: Option<String>,
    /// Work that shows the level (inline Markdown).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<String>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// "Career Progression": where the role leads.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Progression {
    /// "Can Lead To".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub leads_to: Vec<RoleRef>,
    /// "Transition Opportunities".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub transitions: Vec<RoleRef>,
}

/// A role named in a progression list: a plain title or a title linked to
/// another guide by slug.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged, deny_unknown_fields)]
pub enum RoleRef {
    /// Just a title.
    Title(String),
    /// A title and the slug of the guide that describes it.
    Linked {
        /// The role's title as shown.
        #[schemars(length(min = 1))]
        title: String,
        /// Slug of another guide; must exist.
        #[schemars(regex(pattern = r"^[a-z0-9-]+$"))]
        guide: String,
    },
}

impl FrontMatter {
    /// Whether the guide is published: not a draft, or drafts are wanted
    /// (`--drafts`).
    pub fn is_published(&self, drafts: bool) -> bool {
        drafts || !self.draft
    }
}

/// The key progression titles are matched by: a guide's title ignoring case
/// and surrounding space, so `staff tpm ` names the guide `Staff TPM`.
pub fn title_key(title: &str) -> String {
    title.trim().to_lowercase()
}

impl RoleRef {
    /// The title as written.
    pub fn title(&self) -> &str {
        match self {
            RoleRef::Title(t) => t,
            RoleRef::Linked { title, .. } => title,
        }
    }
    /// The slug this item links to explicitly, if any.
    pub fn guide(&self) -> Option<&str> {
        match self {
            RoleRef::Title(_) => None,
            RoleRef::Linked { guide, .. } => Some(guide),
        }
    }
}

/// "Common Skill Gaps".
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SkillGaps {
    /// "Often Missing Skills".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<String>,
    /// "Development Suggestions" (Markdown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub development: Option<String>,
}

/// Pay period of salary figures.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    /// Per year.
    Year,
    /// Per month.
    Month,
    /// Per hour.
    Hour,
}

impl Period {
    /// Lower-case name as written in guides.
    pub fn as_str(self) -> &'static str {
        match self {
            Period::Year => "year",
            Period::Month => "month",
            Period::Hour => "hour",
        }
    }
}

/// Whether a figure is base pay or total compensation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Basis {
    /// Base salary.
    Base,
    /// Total compensation.
    Total,
}

impl Basis {
    /// Lower-case name as written in guides.
    pub fn as_str(self) -> &'static str {
        match self {
            Basis::Base => "base",
            Basis::Total => "total",
        }
    }
}

/// "Salary & Demand" / "Median Salary Range".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Salary {
    /// ISO 4217 currency code, e.g. `USD`.
    #[schemars(regex(pattern = r"^[A-Z]{3}$"))]
    pub currency: String,
    /// `year`, `month` or `hour`.
    pub period: Period,
    /// Ranges in career order.
    #[schemars(length(min = 1))]
    pub ranges: Vec<SalaryRange>,
    /// When the figures were true: `YYYY`, `YYYY-MM` or a date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<PartialDate>,
    /// Where the figures come from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceRef>,
}

/// One salary range.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SalaryRange {
    /// Career level, e.g. `Entry`, `Mid`, `Senior`.
    pub level: String,
    /// Region the figures apply to, e.g. `US`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Lower bound, > 0.
    #[schemars(extend("exclusiveMinimum" = 0))]
    pub min: f64,
    /// Upper bound, >= min.
    #[schemars(extend("exclusiveMinimum" = 0))]
    pub max: f64,
    /// Median, between min and max.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("exclusiveMinimum" = 0))]
    pub median: Option<f64>,
    /// `base` or `total`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<Basis>,
    /// The top of the range is open: rendered with a trailing `+`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub open_ended: bool,
    /// "often titled ...".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub titles: Option<String>,
    /// A remark (Markdown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Where this range comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceRef>,
}

/// A source: plain text, or a titled link.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum SourceRef {
    /// Free text.
    Text(String),
    /// A titled link.
    Link(Link),
}

/// Market outlook for the role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Outlook {
    /// Fewer openings over time.
    Declining,
    /// Roughly flat.
    Stable,
    /// More openings over time.
    Growing,
    /// Many openings, competitive hiring.
    Strong,
}

impl Outlook {
    /// Lower-case name as written in guides.
    pub fn as_str(self) -> &'static str {
        match self {
            Outlook::Declining => "declining",
            Outlook::Stable => "stable",
            Outlook::Growing => "growing",
            Outlook::Strong => "strong",
        }
    }
}

/// "Growth Trend".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Demand {
    /// `declining`, `stable`, `growing` or `strong`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlook: Option<Outlook>,
    /// The trend in prose (Markdown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Projected employment growth in percent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub growth_pct: Option<f64>,
    /// The projection's period, e.g. `2024-2034`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub growth_period: Option<String>,
    /// Projected openings per year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub openings_per_year: Option<u64>,
    /// Where the figures come from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceRef>,
}

/// "Companies Hiring".
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Hiring {
    /// "Major Employers".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub employers: Vec<String>,
    /// "Industry Sectors".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sectors: Vec<String>,
}

/// A titled link.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// Link text.
    pub title: String,
    /// Absolute http(s) URL.
    #[schemars(regex(pattern = r"^https?://"))]
    pub url: String,
}

/// Occupation codes.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Codes {
    /// O*NET-SOC code, `NN-NNNN.NN`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^\d{2}-\d{4}\.\d{2}$"))]
    pub onet_soc: Option<String>,
    /// ISCO-08 code, four digits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^\d{4}$"))]
    pub isco: Option<String>,
}

/// Entry requirements.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Requirements {
    /// Education (Markdown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub education: Option<String>,
    /// Experience (Markdown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub experience: Option<String>,
    /// Certifications.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub certifications: Vec<String>,
}

/// Kind of a learning resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ResourceKind {
    /// A course.
    Course,
    /// An article.
    Article,
    /// A book.
    Book,
    /// A certification programme.
    Certification,
    /// A community.
    Community,
    /// A tool.
    Tool,
}

impl ResourceKind {
    /// Lower-case name as written in guides.
    pub fn as_str(self) -> &'static str {
        match self {
            ResourceKind::Course => "course",
            ResourceKind::Article => "article",
            ResourceKind::Book => "book",
            ResourceKind::Certification => "certification",
            ResourceKind::Community => "community",
            ResourceKind::Tool => "tool",
        }
    }
}

/// A learning resource.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Resource {
    /// Link text.
    pub title: String,
    /// Absolute http(s) URL.
    #[schemars(regex(pattern = r"^https?://"))]
    pub url: String,
    /// What kind of resource it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<ResourceKind>,
}

/// `site.yaml`: every field optional.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct SiteConfig {
    /// Site title.
    pub title: String,
    /// Site description, for the index's meta description and the feed.
    pub description: String,
    /// Where the site is published; may carry a sub-path.
    pub base_url: String,
    /// `<html lang>`.
    pub language: String,
    /// The languages of a multilingual site, the default first
    /// (`[en, de]`): a guide's translation is `<name>.<lang>.md` beside
    /// it, and each language other than the first is published under
    /// `/<lang>/`. Empty (or one entry): a site in `language` alone.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schemars(inner(length(min = 1)))]
    pub languages: Vec<String>,
    /// Theme folder under `themes/`.
    pub theme: String,
    /// Output folder, relative to the site root.
    pub output: String,
    /// Custom domain written to `CNAME`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cname: Option<String>,
    /// Let raw HTML in guides through, sanitised (never scripts, event
    /// handlers, frames or script URLs). Off by default: raw HTML is shown
    /// as text.
    #[serde(skip_serializing_if = "is_false")]
    pub allow_raw_html: bool,
    /// Guide files larger than this many KiB are refused.
    pub max_guide_kib: u64,
    /// Salary levels in career order (`[Entry, Mid, Senior]`): the salary
    /// pages list levels in this order, and `check` warns about a level
    /// the list lacks. Empty: the order the guides give.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub levels: Vec<LevelRef>,
    /// How many entries one page of a list shows (the home page's
    /// families, a term's guides, a kind's terms, the search page's
    /// guides); longer lists go on to `page/2/` and so on.
    #[schemars(range(min = 1))]
    pub paginate: usize,
    /// How many guides the Atom feed holds: the most recently updated.
    #[schemars(range(min = 1))]
    pub feed_entries: usize,
    /// Warnings `check` gives only when asked for here.
    #[serde(skip_serializing_if = "Lints::is_default")]
    pub lint: Lints,
    /// The entries of `skills.yaml` beside `site.yaml` (not a setting of
    /// `site.yaml`: read from its own file, empty without one).
    #[serde(skip)]
    #[schemars(skip)]
    pub skills: Vec<SkillEntry>,
}

/// `site.yaml`'s `lint`: warnings that are off unless turned on, because
/// a site may mean what they report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Lints {
    /// Warn (W0510) about a transition to a guide that links back to the
    /// guide it comes from neither under `leads_to` nor under `transitions`.
    #[serde(skip_serializing_if = "is_false")]
    pub one_way_transitions: bool,
}

impl Lints {
    fn is_default(&self) -> bool {
        *self == Lints::default()
    }
}

/// One level of `site.yaml`'s `levels`: a name, or a name with the other
/// names guides give the same level (`TPM II`, `L4`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged, deny_unknown_fields)]
pub enum LevelRef {
    /// Just the level's name, e.g. `Senior`.
    Name(#[schemars(length(min = 1))] String),
    /// A name and its aliases.
    Aliased {
        /// The name salary pages show, e.g. `Mid`.
        #[schemars(length(min = 1))]
        name: String,
        /// Other names of this level in guides, e.g. `[Mid Level, TPM II]`.
        #[schemars(inner(length(min = 1)))]
        aliases: Vec<String>,
    },
}

impl LevelRef {
    /// The name salary pages show.
    pub fn name(&self) -> &str {
        match self {
            LevelRef::Name(n) => n,
            LevelRef::Aliased { name, .. } => name,
        }
    }

    /// The name, then every alias.
    pub fn spellings(&self) -> impl Iterator<Item = &str> {
        let aliases: &[String] = match self {
            LevelRef::Name(_) => &[],
            LevelRef::Aliased { aliases, .. } => aliases,
        };
        std::iter::once(self.name()).chain(aliases.iter().map(String::as_str))
    }
}

impl From<&str> for LevelRef {
    fn from(name: &str) -> LevelRef {
        LevelRef::Name(name.to_string())
    }
}

/// `skills.yaml`: the site's skills, each with the other spellings guides
/// use for it, so that they meet on one skill page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SkillsFile {
    /// The skills, in any order.
    pub skills: Vec<SkillEntry>,
}

/// One skill of `skills.yaml`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SkillEntry {
    /// The name skill pages show, e.g. `Kubernetes`.
    pub name: String,
    /// Other spellings guides use, e.g. `[K8s]`: matched like the name
    /// (case, spaces, marks and `&`/`and` ignored).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// What the skill is, inline Markdown, shown on its page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The skill in a public classification: an ESCO or O*NET URI.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uri: Option<String>,
    /// Where to learn it: shown on its page and, for a skill a move
    /// requires, on the transition page.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resources: Vec<Resource>,
}

/// The default of `paginate` in `site.yaml`.
pub const DEFAULT_PAGINATE: usize = 50;

/// The default of `feed_entries` in `site.yaml`.
pub const DEFAULT_FEED_ENTRIES: usize = 50;

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            title: "Career Guides".into(),
            description: "Role guides for engineering careers.".into(),
            base_url: "/".into(),
            language: "en".into(),
            languages: Vec::new(),
            theme: "default".into(),
            output: "output".into(),
            cname: None,
            allow_raw_html: false,
            max_guide_kib: MAX_FILE_BYTES / 1024,
            levels: Vec::new(),
            paginate: DEFAULT_PAGINATE,
            feed_entries: DEFAULT_FEED_ENTRIES,
            lint: Lints::default(),
            skills: Vec::new(),
        }
    }
}
