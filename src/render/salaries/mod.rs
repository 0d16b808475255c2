//! Salary charts and the site-wide salary comparison, as data for the
//! templates.
//!
//! In: the site's guides and `site.yaml`'s `levels`. Out: a guide's range
//! charts ([`guide_charts`]), the overview of `salaries/` (each level's
//! ranges across roles, [`overview`]) and the pages of one job family
//! (each role's ranges side by side, [`family_page`]).
//!
//! Figures are compared only within one [`GroupKey`]: one currency, one pay
//! period and one basis. A EUR-per-hour range never shares a scale with a
//! USD-per-year one, and base salary never shares a row, a chart or a scale
//! with total compensation, not even within one guide.

pub(crate) mod bars;
pub(crate) mod compare;

use crate::guide::levels::LevelOrder;
use crate::guide::model::{Basis, Period, Salary, SalaryRange};
use crate::render::i18n::{Arg, Strings};
use crate::site::terms::Kind;
use crate::site::Site;
use crate::util::layout::{PageLinks, Route, SALARIES_NO_FAMILY};
use bars::{chart, Bar};
use serde::Serialize;
use std::collections::BTreeMap;

/// How many roles one page of a family's comparison lists.
pub(crate) const ROLES_PER_PAGE: usize = 100;

/// What makes figures comparable: one currency, period and basis.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct GroupKey {
    currency: String,
    period: Period,
    /// `base`, `total`, or empty when the guide does not say.
    basis: &'static str,
}

impl GroupKey {
    fn of(salary: &Salary, r: &SalaryRange) -> GroupKey {
        GroupKey {
            currency: salary.currency.trim().to_uppercase(),
            period: salary.period,
            basis: r.basis.map_or("", Basis::as_str),
        }
    }

    /// Whether range `r` of `salary` is in this group: [`GroupKey::of`]
    /// without making a key, for every range of every guide.
    fn holds(&self, salary: &Salary, r: &SalaryRange) -> bool {
        self.holds_in(salary.currency.trim(), salary, r)
    }

    /// [`GroupKey::holds`], given the salary's `currency` trimmed.
    fn holds_in(&self, currency: &str, salary: &Salary, r: &SalaryRange) -> bool {
        self.period == salary.period
            && self.basis == r.basis.map_or("", Basis::as_str)
            && if currency.is_ascii() {
                // `currency` is upper case already.
                self.currency.eq_ignore_ascii_case(currency)
            } else {
                self.currency == currency.to_uppercase()
            }
    }

    /// Anchor id, e.g. `usd-year-base`.
    fn id(&self) -> String {
        let mut id = format!(
            "{}-{}",
            crate::util::slug::slugify(&self.currency),
            self.period.as_str()
        );
        if !self.basis.is_empty() {
            id.push('-');
            id.push_str(self.basis);
        }
        id
    }

    /// The label of a table or chart, e.g. `Base salary, USD per year`.
    fn label(&self, strings: &Strings) -> String {
        let what = match self.basis {
            "base" => "salary.base",
            "total" => "salary.total",
            _ => "salary.unstated",
        };
        let period = strings.get(
            &format!("period.{}", self.period.as_str()),
            None,
            &[("currency", Arg::Str(&self.currency))],
        );
        strings.get(
            "salary.label",
            None,
            &[
                ("what", Arg::Str(&strings.text(what))),
                ("period", Arg::Str(&period)),
            ],
        )
    }
}

/// One chart of a guide's salary section: the ranges of one basis.
#[derive(Debug, Serialize)]
pub struct GuideChart {
    /// What the chart shows, e.g. `Base salary, USD per year`.
    pub label: String,
    /// The chart: HTML bars with the levels and figures as text.
    pub html: String,
}

/// A guide's range charts, one per basis, in the order the guide first
/// uses each basis; levels in the guide's order.
pub(crate) fn guide_charts(salary: &Salary, strings: &Strings) -> Vec<GuideChart> {
    let mut keys: Vec<GroupKey> = Vec::new();
    for r in &salary.ranges {
        let k = GroupKey::of(salary, r);
        if !keys.contains(&k) {
            keys.push(k);
        }
    }
    keys.into_iter()
        .map(|k| {
            let bars: Vec<Bar> = salary
                .ranges
                .iter()
                .filter(|r| k.holds(salary, r))
                .map(|r| Bar {
                    label: match r.region.as_deref().map(str::trim) {
                        Some(region) if !region.is_empty() => {
                            format!("{} ({region})", r.level.trim())
                        }
                        _ => r.level.trim().to_string(),
                    },
                    lo: r.min,
                    hi: r.max,
                    inner: None,
                    median: r.median,
                    open: r.open_ended,
                    text: strings.formats.figures(&k.currency, r),
                })
                .collect();
            GuideChart {
                label: k.label(strings),
                html: chart(&bars, &k.currency, &strings.formats),
            }
        })
        .collect()
}

/// The heading of a guide's salary chart: "Salary range", or "Salary range
/// and median" when some range gives a median.
pub(crate) fn guide_title(salary: &Salary, strings: &Strings) -> String {
    if salary.ranges.iter().any(|r| r.median.is_some()) {
        strings.text("guide.salary_title_median")
    } else {
        strings.text("guide.salary_title")
    }
}

/// The career order of every level in `site`.
pub(crate) fn level_order(site: &Site) -> LevelOrder {
    LevelOrder::new(
        &site.config.levels,
        site.guides.iter().filter_map(|g| {
            let s = g.front.salary.as_ref()?;
            Some(s.ranges.iter().map(|r| r.level.as_str()).collect())
        }),
    )
}

/// The guides of one family that give salary figures, by title.
#[derive(Debug)]
pub(crate) struct Family<'a> {
    /// The family's name; `None` for the guides without a family.
    pub name: Option<&'a str>,
    /// Its slug under `salaries/`.
    pub slug: &'a str,
    /// Guides, by title then slug.
    pub guides: Vec<usize>,
}

impl<'a> Family<'a> {
    /// How many pages the family's comparison takes.
    pub(crate) fn pages(&self) -> usize {
        self.guides.len().div_ceil(ROLES_PER_PAGE).max(1)
    }

    /// The route of page `page` (from 1).
    pub(crate) fn route(&self, page: usize) -> Route<'a> {
        Route::SalaryFamily {
            slug: self.slug,
            page,
        }
    }

    /// The shown name.
    pub(crate) fn title(&self, strings: &Strings) -> String {
        match self.name {
            Some(n) => n.to_string(),
            None => strings.text("salary.no_family"),
        }
    }
}

/// Every family with salary figures, by name, then the guides without a
/// family.
pub(crate) fn families(site: &Site) -> Vec<Family<'_>> {
    let with_salary = |i: &usize| site.guides[*i].front.salary.is_some();
    let by_title = |mut v: Vec<usize>| {
        v.sort_by(|a, b| {
            let (a, b) = (&site.guides[*a], &site.guides[*b]);
            a.front.title.cmp(&b.front.title).then(a.slug.cmp(&b.slug))
        });
        v
    };
    let mut out: Vec<Family<'_>> = site
        .terms
        .of(Kind::Family)
        .map(|(name, t)| Family {
            name: Some(name.as_str()),
            slug: t.slug.as_str(),
            guides: by_title(t.guides.iter().copied().filter(with_salary).collect()),
        })
        .filter(|f| !f.guides.is_empty())
        .collect();
    let loose: Vec<usize> = (0..site.guides.len())
        .filter(|i| with_salary(i) && Kind::Family.names(&site.guides[*i]).is_empty())
        .collect();
    if !loose.is_empty() {
        out.push(Family {
            name: None,
            slug: SALARIES_NO_FAMILY,
            guides: by_title(loose),
        });
    }
    out
}

/// Every range of one level within one group.
#[derive(Default)]
struct Level {
    mins: Vec<f64>,
    maxs: Vec<f64>,
    medians: Vec<f64>,
    /// The roles giving them, each once: a role's ranges come one after
    /// another.
    guides: Vec<usize>,
}

/// Level rank -> the level's label and ranges.
type Levels = BTreeMap<usize, (String, Level)>;

/// Group -> level rank -> the level's ranges.
type Collected = BTreeMap<GroupKey, Levels>;

/// Every range of guides `ids`, by group and level.
fn collect(site: &Site, order: &LevelOrder, ids: &[usize]) -> Collected {
    // A site has a handful of groups: they are told apart by a scan, not
    // by a key made for each of thousands of ranges.
    let mut groups: Vec<(GroupKey, Levels)> = Vec::new();
    for &i in ids {
        let Some(s) = &site.guides[i].front.salary else {
            continue;
        };
        let currency = s.currency.trim();
        for r in &s.ranges {
            let at = match groups.iter().position(|(k, _)| k.holds_in(currency, s, r)) {
                Some(at) => at,
                None => {
                    groups.push((GroupKey::of(s, r), BTreeMap::new()));
                    groups.len() - 1
                }
            };
            let e = groups[at]
                .1
                .entry(order.rank(&r.level))
                .or_insert_with(|| (order.label(&r.level).to_string(), Level::default()));
            e.1.mins.push(r.min);
            e.1.maxs.push(r.max);
            e.1.medians.extend(r.median);
            if e.1.guides.last() != Some(&i) {
                e.1.guides.push(i);
            }
        }
    }
    groups.into_iter().collect()
}

/// The median, found by selection rather than by sorting: the overview
/// takes the medians of every level's figures across every role.
fn median_of(mut v: Vec<f64>) -> Option<f64> {
    let n = v.len();
    if n == 0 {
        return None;
    }
    let (below, &mut mid, _) = v.select_nth_unstable_by(n / 2, f64::total_cmp);
    if n % 2 == 1 {
        return Some(mid);
    }
    let low = below.iter().copied().max_by(f64::total_cmp)?;
    Some((low + mid) / 2.0)
}

/// One level of a group, summarised across roles.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct LevelRow {
    /// The level, as first written (or as `site.yaml` spells it).
    pub level: String,
    /// How many roles give a range for it.
    pub roles: usize,
    /// The middle of the roles' ranges: median low to median high, e.g.
    /// `$110k–$145k`.
    pub typical: String,
    /// The lowest low, formatted.
    pub lowest: String,
    /// The highest high, formatted.
    pub highest: String,
    /// The median of the roles' medians, when any role gives one.
    pub median: Option<String>,
    /// Median low, for sorting.
    pub typical_min: f64,
}

/// One comparable group summarised by level.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct LevelGroup {
    /// Anchor id, e.g. `usd-year-base`.
    pub id: String,
    /// e.g. `Base salary, USD per year`.
    pub label: String,
    /// ISO 4217 code.
    pub currency: String,
    /// `year`, `month` or `hour`.
    pub period: &'static str,
    /// `base`, `total`, or empty when not stated.
    pub basis: &'static str,
    /// How many roles the group covers.
    pub role_count: usize,
    /// Whether any range gives a median.
    pub has_median: bool,
    /// Levels in career order.
    pub levels: Vec<LevelRow>,
    /// Chart of the levels: full span light, typical range dark, median tick.
    pub chart_html: String,
}

fn level_group(
    key: &GroupKey,
    levels: &BTreeMap<usize, (String, Level)>,
    strings: &Strings,
) -> LevelGroup {
    let cur = key.currency.as_str();
    let mut rows = Vec::new();
    let mut bars = Vec::new();
    let mut roles: rustc_hash::FxHashSet<usize> = Default::default();
    for (label, l) in levels.values() {
        roles.extend(l.guides.iter().copied());
        let lo = l.mins.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = l.maxs.iter().copied().fold(0.0, f64::max);
        let mlo = median_of(l.mins.clone()).unwrap_or(lo);
        let mhi = median_of(l.maxs.clone()).unwrap_or(hi).max(mlo);
        let median = median_of(l.medians.clone());
        let money = |v: f64| strings.formats.money(cur, v);
        let typical = format!("{}–{}", money(mlo), money(mhi));
        bars.push(Bar {
            label: label.clone(),
            lo,
            hi,
            inner: Some((mlo, mhi)),
            median,
            open: false,
            text: typical.clone(),
        });
        rows.push(LevelRow {
            level: label.clone(),
            roles: l.guides.len(),
            typical,
            lowest: money(lo),
            highest: money(hi),
            median: median.map(money),
            typical_min: mlo,
        });
    }
    LevelGroup {
        id: key.id(),
        label: key.label(strings),
        currency: key.currency.clone(),
        period: key.period.as_str(),
        basis: key.basis,
        role_count: roles.len(),
        has_median: rows.iter().any(|r| r.median.is_some()),
        chart_html: chart(&bars, cur, &strings.formats),
        levels: rows,
    }
}

fn by_size(groups: &mut [LevelGroup]) {
    groups.sort_by(|a, b| b.role_count.cmp(&a.role_count).then(a.id.cmp(&b.id)));
}

/// A family on the overview.
#[derive(Debug, Serialize)]
pub(crate) struct FamilyLink {
    /// The family's name.
    pub name: String,
    /// Link to its first comparison page.
    pub url: String,
    /// How many of its roles give salary figures.
    pub roles: usize,
}

/// One range as [`collect`] takes it: its group, its level's rank and
/// label, and its figures.
type Taken = (GroupKey, usize, f64, f64, Option<f64>);

/// Every range of every guide, by group and level, as the overview shows
/// them, kept between rebuilds by `watch` and `serve`: a salary edit takes
/// the edited guides' ranges out and puts their new ones in, rather than
/// collecting every guide's again.
#[derive(Default)]
pub(crate) struct Ranges {
    collected: Collected,
    /// Each guide's ranges as they were put in, by index into the guides.
    of_guide: Vec<Vec<Taken>>,
}

impl Ranges {
    /// Those of every guide of `site`.
    pub(crate) fn new(site: &Site, order: &LevelOrder) -> Ranges {
        let all: Vec<usize> = (0..site.guides.len()).collect();
        let mut r = Ranges {
            collected: collect(site, order, &all),
            of_guide: Vec::with_capacity(all.len()),
        };
        for i in all {
            let taken = Ranges::of(site, order, i);
            r.of_guide.push(taken);
        }
        r
    }

    /// The ranges of guide `i`.
    fn of(site: &Site, order: &LevelOrder, i: usize) -> Vec<Taken> {
        let Some(s) = &site.guides[i].front.salary else {
            return Vec::new();
        };
        s.ranges
            .iter()
            .map(|r| {
                (
                    GroupKey::of(s, r),
                    order.rank(&r.level),
                    r.min,
                    r.max,
                    r.median,
                )
            })
            .collect()
    }

    /// Takes in the new ranges of guides `edited`, the others being as
    /// when these were made; `false` (and these are to be made again) when
    /// the guides are not those these were made from.
    pub(crate) fn edit(&mut self, site: &Site, order: &LevelOrder, edited: &[usize]) -> bool {
        if self.of_guide.len() != site.guides.len() {
            return false;
        }
        for &i in edited {
            for (key, rank, min, max, median) in std::mem::take(&mut self.of_guide[i]) {
                let Some(levels) = self.collected.get_mut(&key) else {
                    return false;
                };
                let Some((_, level)) = levels.get_mut(&rank) else {
                    return false;
                };
                let took = take_one(&mut level.mins, min)
                    && take_one(&mut level.maxs, max)
                    && median.is_none_or(|m| take_one(&mut level.medians, m));
                if !took {
                    return false;
                }
                level.guides.retain(|&j| j != i);
                if level.mins.is_empty() {
                    levels.remove(&rank);
                }
                if levels.is_empty() {
                    self.collected.remove(&key);
                }
            }
            let Some(s) = &site.guides[i].front.salary else {
                continue;
            };
            for r in &s.ranges {
                let level = &mut self
                    .collected
                    .entry(GroupKey::of(s, r))
                    .or_default()
                    .entry(order.rank(&r.level))
                    .or_insert_with(|| (order.label(&r.level).to_string(), Level::default()))
                    .1;
                level.mins.push(r.min);
                level.maxs.push(r.max);
                level.medians.extend(r.median);
                if level.guides.last() != Some(&i) {
                    level.guides.push(i);
                }
            }
            self.of_guide[i] = Ranges::of(site, order, i);
        }
        true
    }
}

/// Takes one `v` out of `list`; whether there was one.
fn take_one(list: &mut Vec<f64>, v: f64) -> bool {
    match list.iter().position(|x| x.total_cmp(&v).is_eq()) {
        Some(at) => {
            list.swap_remove(at);
            true
        }
        None => false,
    }
}

/// The overview: each group by level across every role (`ranges`, those
/// of the site's guides), and the families.
pub(crate) fn overview(
    ranges: &Ranges,
    families: &[Family<'_>],
    links: &PageLinks,
    strings: &Strings,
) -> (Vec<LevelGroup>, Vec<FamilyLink>) {
    let mut groups: Vec<LevelGroup> = ranges
        .collected
        .iter()
        .map(|(k, levels)| level_group(k, levels, strings))
        .collect();
    by_size(&mut groups);
    let fams = families
        .iter()
        .map(|f| FamilyLink {
            name: f.title(strings),
            url: links.to(&f.route(1)),
            roles: f.guides.len(),
        })
        .collect();
    (groups, fams)
}

/// One role's ranges at one level (several when the guide gives regions).
#[derive(Debug, Serialize)]
pub(crate) struct RoleCell {
    /// Each range: `{figures, region, median}`, median formatted or none.
    pub ranges: Vec<CellRange>,
    /// The lowest figure, for sorting; -1 when the role gives none.
    pub sort: f64,
}

/// One range in a role's cell.
#[derive(Debug, Serialize)]
pub(crate) struct CellRange {
    /// e.g. `$110k–$145k+`.
    pub figures: String,
    /// Region, when given.
    pub region: Option<String>,
    /// Median, formatted, when given.
    pub median: Option<String>,
}

/// One role of a family page: its ranges side by side, one cell per level.
#[derive(Debug, Serialize)]
pub(crate) struct RoleRow {
    /// Guide title.
    pub title: String,
    /// Link to the guide.
    pub url: String,
    /// One cell per level of the group, in the order of `levels`.
    pub cells: Vec<RoleCell>,
}

/// One comparable group on a family page.
#[derive(Debug, Serialize)]
pub(crate) struct RoleGroup {
    /// The family's ranges of this group by level (chart and summary).
    pub summary: LevelGroup,
    /// Column heads: the levels of this page's roles, in career order.
    pub levels: Vec<String>,
    /// The roles on this page with ranges in this group, by title.
    pub roles: Vec<RoleRow>,
}

/// A family's ranges summarised by group, shown on each of its pages.
#[derive(Debug, PartialEq)]
pub(crate) struct FamilySummary(BTreeMap<GroupKey, LevelGroup>);

impl FamilySummary {
    /// That of `family`.
    pub(crate) fn of(
        site: &Site,
        order: &LevelOrder,
        family: &Family<'_>,
        strings: &Strings,
    ) -> FamilySummary {
        let summaries = collect(site, order, &family.guides);
        FamilySummary(
            summaries
                .iter()
                .map(|(key, levels)| (key.clone(), level_group(key, levels, strings)))
                .collect(),
        )
    }
}

/// The groups of page `page` of `family`: the family's summary by level
/// (`summary`, [`FamilySummary::of`] the family), and this page's roles
/// side by side.
pub(crate) fn family_page(
    site: &Site,
    order: &LevelOrder,
    family: &Family<'_>,
    summary: &FamilySummary,
    page: usize,
    links: &PageLinks,
    strings: &Strings,
) -> Vec<RoleGroup> {
    let start = (page - 1) * ROLES_PER_PAGE;
    let end = (start + ROLES_PER_PAGE).min(family.guides.len());
    let here = &family.guides[start.min(end)..end];
    let mut out = Vec::new();
    for (key, levels) in collect(site, order, here) {
        let Some(summary) = summary.0.get(&key) else {
            continue;
        };
        let ranks: Vec<usize> = levels.keys().copied().collect();
        let roles = here
            .iter()
            .filter_map(|&i| {
                let g = &site.guides[i];
                let s = g.front.salary.as_ref()?;
                let mine: Vec<&SalaryRange> = s.ranges.iter().filter(|r| key.holds(s, r)).collect();
                if mine.is_empty() {
                    return None;
                }
                let cells = ranks
                    .iter()
                    .map(|&rank| {
                        let at: Vec<&&SalaryRange> = mine
                            .iter()
                            .filter(|r| order.rank(&r.level) == rank)
                            .collect();
                        RoleCell {
                            sort: at.iter().map(|r| r.min).fold(f64::INFINITY, f64::min),
                            ranges: at
                                .iter()
                                .map(|r| CellRange {
                                    figures: strings.formats.figures(&key.currency, r),
                                    region: r
                                        .region
                                        .as_deref()
                                        .map(str::trim)
                                        .filter(|x| !x.is_empty())
                                        .map(str::to_string),
                                    median: r
                                        .median
                                        .map(|m| strings.formats.money(&key.currency, m)),
                                })
                                .collect(),
                        }
                    })
                    .map(|mut c| {
                        if c.ranges.is_empty() {
                            c.sort = -1.0;
                        }
                        c
                    })
                    .collect();
                Some(RoleRow {
                    title: g.front.title.clone(),
                    url: links.to(&Route::Guide(&g.slug)),
                    cells,
                })
            })
            .collect();
        out.push(RoleGroup {
            summary: summary.clone(),
            levels: levels.values().map(|(l, _)| l.clone()).collect(),
            roles,
        });
    }
    out.sort_by(|a, b| {
        b.roles
            .len()
            .cmp(&a.roles.len())
            .then(a.summary.id.cmp(&b.summary.id))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn salary(currency: &str, period: &str, bases: &[Option<&str>]) -> Salary {
        let ranges: Vec<serde_json::Value> = bases
            .iter()
            .map(|b| serde_json::json!({"level": "Mid", "min": 1.0, "max": 2.0, "basis": b}))
            .collect();
        serde_json::from_value(serde_json::json!({
            "currency": currency, "period": period, "ranges": ranges
        }))
        .unwrap()
    }

    #[test]
    fn the_median_is_the_middle_figure_or_the_mean_of_the_two() {
        assert_eq!(median_of(vec![]), None);
        assert_eq!(median_of(vec![5.0]), Some(5.0));
        assert_eq!(median_of(vec![9.0, 1.0, 5.0]), Some(5.0));
        assert_eq!(median_of(vec![9.0, 1.0, 3.0, 5.0]), Some(4.0));
        assert_eq!(median_of(vec![2.0, 2.0, 8.0, 2.0]), Some(2.0));
        // Against sorting, on figures in every order.
        let figures: Vec<f64> = (0..101)
            .map(|i| f64::from((i * 37) % 101) * 1000.0)
            .collect();
        for n in [2, 3, 10, 11, 100, 101] {
            let v = figures[..n].to_vec();
            let mut sorted = v.clone();
            sorted.sort_by(f64::total_cmp);
            let expected = if n % 2 == 1 {
                sorted[n / 2]
            } else {
                (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
            };
            assert_eq!(median_of(v), Some(expected), "{n}");
        }
    }

    #[test]
    fn ranges_kept_and_edited_give_the_overview_ranges_made_afresh_give() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/salaries");
        let loaded = crate::guide::load::load(&root).expect("load");
        let mut site = Site::new(loaded.config, loaded.guides);
        let strings = crate::render::i18n::english();
        let links = PageLinks::of(&Route::Salaries, &site.base);
        let order = level_order(&site);
        let mut kept = Ranges::new(&site, &order);
        let staff = site
            .guides
            .iter()
            .position(|g| g.slug == "staff-engineer")
            .expect("staff-engineer");
        let was = site.guides[staff].front.salary.clone().expect("salary");
        let mut edits: Vec<Option<Salary>> = Vec::new();
        // A new highest figure; a median; a second range at one level; a
        // new currency (a group that comes); no salary at all (levels and
        // groups that go); the figures as they were.
        let mut s = was.clone();
        s.ranges[0].max = 250_000.0;
        edits.push(Some(s.clone()));
        s.ranges[1].median = Some(240_000.0);
        edits.push(Some(s.clone()));
        let mut again = s.ranges[1].clone();
        again.region = Some("EU".into());
        again.min = 100_000.0;
        s.ranges.push(again);
        edits.push(Some(s.clone()));
        s.currency = "EUR".into();
        edits.push(Some(s));
        edits.push(None);
        edits.push(Some(was));
        for (n, salary) in edits.into_iter().enumerate() {
            site.guides[staff].front.salary = salary;
            assert!(kept.edit(&site, &order, &[staff]), "edit {n}");
            let afresh = Ranges::new(&site, &order);
            let got = overview(&kept, &[], &links, strings).0;
            let expected = overview(&afresh, &[], &links, strings).0;
            assert_eq!(
                serde_json::to_string(&got).unwrap(),
                serde_json::to_string(&expected).unwrap(),
                "edit {n}"
            );
            assert_eq!(kept.collected.len(), afresh.collected.len(), "edit {n}");
        }
    }

    #[test]
    fn a_range_is_held_by_the_group_whose_key_it_makes() {
        let salaries = [
            salary("USD", "year", &[Some("base"), Some("total"), None]),
            salary(" usd ", "year", &[Some("base"), None]),
            salary("EUR", "year", &[Some("base")]),
            salary("USD", "hour", &[Some("base")]),
            salary("\u{e9}ur", "month", &[None]),
        ];
        let ranges: Vec<(&Salary, &SalaryRange)> = salaries
            .iter()
            .flat_map(|s| s.ranges.iter().map(move |r| (s, r)))
            .collect();
        for &(a, ra) in &ranges {
            let key = GroupKey::of(a, ra);
            for &(b, rb) in &ranges {
                assert_eq!(
                    key.holds(b, rb),
                    key == GroupKey::of(b, rb),
                    "{key:?} and {:?}",
                    GroupKey::of(b, rb)
                );
            }
        }
        // `USD` and ` usd ` meet; base, total and unstated do not.
        let usd_base = GroupKey::of(&salaries[0], &salaries[0].ranges[0]);
        assert!(usd_base.holds(&salaries[1], &salaries[1].ranges[0]));
        assert!(!usd_base.holds(&salaries[0], &salaries[0].ranges[1]));
        assert!(!usd_base.holds(&salaries[1], &salaries[1].ranges[1]));
    }
}
