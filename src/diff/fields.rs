//! Two versions of one guide (or of `site.yaml`) in, the fields that
//! changed out.
//!
//! Values are compared field by field in the order of the guide format.
//! Lists are compared as lists of items: items added, items removed (each
//! counted, so a repeated item is noticed), or the same items in a new
//! order. Salary ranges are matched by level and region, and each figure
//! is reported with both values as the site writes them
//! ([`crate::render::money`]) and the change in percent. Progression items
//! are matched by title; one whose link to a guide changed is reported too.

use crate::guide::load::Guide;
use crate::guide::model::{RoleRef, Salary, SalaryRange, SiteConfig, SourceRef};
use crate::render::money::money;
use crate::site::Site;
use crate::util::layout::Route;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// One change to a field. Serialised with `change` naming the variant.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum Change {
    /// A value set, changed or cleared (`null` when unset).
    Changed {
        /// The field's path in the front matter, e.g. `demand.outlook`.
        field: &'static str,
        /// The salary range, e.g. `Senior, US`, for `salary.ranges.*`.
        range: Option<String>,
        /// The old value.
        old: Value,
        /// The new value.
        new: Value,
    },
    /// A salary figure (`min`, `max` or `median` of a range).
    Figure {
        /// `salary.ranges.min`, `salary.ranges.max` or `salary.ranges.median`.
        field: &'static str,
        /// The range, e.g. `Senior, US`.
        range: String,
        /// The old amount.
        old: Option<f64>,
        /// The new amount.
        new: Option<f64>,
        /// The old amount as the site shows it, e.g. `$240k`.
        old_text: Option<String>,
        /// The new amount as the site shows it.
        new_text: Option<String>,
        /// The change in percent of the old amount, when both are set in
        /// the same currency and period.
        percent: Option<f64>,
    },
    /// An item added to a list.
    Added {
        /// The list, e.g. `skills`.
        field: &'static str,
        /// The item as the site shows it.
        item: String,
        /// For a progression item, the guide it links to.
        url: Option<String>,
    },
    /// An item removed from a list.
    Removed {
        /// The list.
        field: &'static str,
        /// The item as the site showed it.
        item: String,
        /// For a progression item, the guide it linked to.
        url: Option<String>,
    },
    /// The same items in another order.
    Reordered {
        /// The list.
        field: &'static str,
    },
    /// A progression item, in both versions, that links to another guide
    /// or to none now.
    Relinked {
        /// `progression.leads_to` or `progression.transitions`.
        field: &'static str,
        /// The item's title.
        item: String,
        /// The guide it linked to.
        old_url: Option<String>,
        /// The guide it links to.
        new_url: Option<String>,
    },
    /// The Markdown body changed.
    Rewritten {
        /// `body`.
        field: &'static str,
        /// Lines of the new body that the old one does not have.
        lines_added: usize,
        /// Lines of the old body that the new one does not have.
        lines_removed: usize,
    },
}

/// Changes collected in order.
#[derive(Default)]
struct Changes(Vec<Change>);

impl Changes {
    fn value(&mut self, field: &'static str, old: Value, new: Value) {
        self.range_value(field, None, old, new);
    }

    fn range_value(&mut self, field: &'static str, range: Option<&str>, old: Value, new: Value) {
        if old != new {
            self.0.push(Change::Changed {
                field,
                range: range.map(str::to_string),
                old,
                new,
            });
        }
    }

    /// Items added, then items removed, each in its list's order; or
    /// `Reordered` when only the order changed.
    fn list(&mut self, field: &'static str, old: &[String], new: &[String]) {
        let (added, removed) = unmatched(old, new);
        for item in &added {
            self.0.push(Change::Added {
                field,
                item: item.to_string(),
                url: None,
            });
        }
        for item in &removed {
            self.0.push(Change::Removed {
                field,
                item: item.to_string(),
                url: None,
            });
        }
        if added.is_empty() && removed.is_empty() && old != new {
            self.0.push(Change::Reordered { field });
        }
    }
}

/// The items of `new` that `old` lacks and the items of `old` that `new`
/// lacks, each in its list's order, counting repeats.
fn unmatched<'a>(old: &'a [String], new: &'a [String]) -> (Vec<&'a str>, Vec<&'a str>) {
    fn missing<'a>(from: &'a [String], other: &[String]) -> Vec<&'a str> {
        let mut left: BTreeMap<&str, usize> = BTreeMap::new();
        for s in other {
            *left.entry(s).or_default() += 1;
        }
        from.iter()
            .filter(|s| match left.get_mut(s.as_str()) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            })
            .map(String::as_str)
            .collect()
    }
    (missing(new, old), missing(old, new))
}

fn text(s: &Option<String>) -> Value {
    s.as_ref().map_or(Value::Null, |s| Value::String(s.clone()))
}

fn shown(v: Option<impl ToString>) -> Value {
    v.map_or(Value::Null, |v| Value::String(v.to_string()))
}

fn number(v: Option<f64>) -> Value {
    v.and_then(serde_json::Number::from_f64)
        .map_or(Value::Null, Value::Number)
}

fn source(s: Option<&SourceRef>) -> Value {
    match s {
        None => Value::Null,
        Some(SourceRef::Text(t)) => Value::String(t.clone()),
        Some(SourceRef::Link(l)) => Value::String(format!("{} ({})", l.title, l.url)),
    }
}

/// The `site.yaml` settings a reader sees that differ.
pub(crate) fn config(old: &SiteConfig, new: &SiteConfig) -> Vec<Change> {
    let mut c = Changes::default();
    let s = |v: &str| Value::String(v.to_string());
    c.value("title", s(&old.title), s(&new.title));
    c.value("description", s(&old.description), s(&new.description));
    c.value("base_url", s(&old.base_url), s(&new.base_url));
    c.value("language", s(&old.language), s(&new.language));
    c.value("theme", s(&old.theme), s(&new.theme));
    c.value("cname", text(&old.cname), text(&new.cname));
    c.value(
        "allow_raw_html",
        Value::Bool(old.allow_raw_html),
        Value::Bool(new.allow_raw_html),
    );
    c.0
}

/// Every change from guide `o` of the site `old` to guide `n` of `new`,
/// in the order of the guide format's fields (the slug aside: a new slug
/// is a rename).
pub(crate) fn guide(old: &Site, o: &Guide, new: &Site, n: &Guide) -> Vec<Change> {
    let (a, b) = (&o.front, &n.front);
    let mut c = Changes::default();
    let s = |v: &str| Value::String(v.to_string());
    c.value("title", s(&a.title), s(&b.title));
    c.value("family", text(&a.family), text(&b.family));
    c.value("summary", s(&a.summary), s(&b.summary));
    c.value("updated", shown(a.updated), shown(b.updated));
    c.value("draft", Value::Bool(a.draft), Value::Bool(b.draft));
    c.list("tags", &a.tags, &b.tags);
    c.list("aliases", &a.aliases, &b.aliases);
    c.list("responsibilities", &a.responsibilities, &b.responsibilities);
    c.list("skills", &a.skills, &b.skills);
    let (pa, pb) = (a.progression.as_ref(), b.progression.as_ref());
    let (la, lb) = (pa.map(|p| &p.leads_to[..]), pb.map(|p| &p.leads_to[..]));
    progression(&mut c, "progression.leads_to", (old, la), (new, lb));
    let (ta, tb) = (
        pa.map(|p| &p.transitions[..]),
        pb.map(|p| &p.transitions[..]),
    );
    progression(&mut c, "progression.transitions", (old, ta), (new, tb));
    let (ga, gb) = (a.skill_gaps.clone(), b.skill_gaps.clone());
    let (ga, gb) = (ga.unwrap_or_default(), gb.unwrap_or_default());
    c.list("skill_gaps.missing", &ga.missing, &gb.missing);
    c.value(
        "skill_gaps.development",
        text(&ga.development),
        text(&gb.development),
    );
    salary(&mut c, a.salary.as_ref(), b.salary.as_ref());
    let (da, db) = (a.demand.as_ref(), b.demand.as_ref());
    c.value(
        "demand.outlook",
        shown(da.and_then(|d| d.outlook).map(|o| o.as_str())),
        shown(db.and_then(|d| d.outlook).map(|o| o.as_str())),
    );
    c.value(
        "demand.summary",
        shown(da.and_then(|d| d.summary.as_ref())),
        shown(db.and_then(|d| d.summary.as_ref())),
    );
    c.value(
        "demand.growth_pct",
        number(da.and_then(|d| d.growth_pct)),
        number(db.and_then(|d| d.growth_pct)),
    );
    c.value(
        "demand.growth_period",
        shown(da.and_then(|d| d.growth_period.as_ref())),
        shown(db.and_then(|d| d.growth_period.as_ref())),
    );
    c.value(
        "demand.openings_per_year",
        da.and_then(|d| d.openings_per_year)
            .map_or(Value::Null, Value::from),
        db.and_then(|d| d.openings_per_year)
            .map_or(Value::Null, Value::from),
    );
    c.value(
        "demand.source",
        source(da.and_then(|d| d.source.as_ref())),
        source(db.and_then(|d| d.source.as_ref())),
    );
    let (ha, hb) = (a.hiring.clone().unwrap_or_default(), b.hiring.clone());
    let hb = hb.unwrap_or_default();
    c.list("hiring.employers", &ha.employers, &hb.employers);
    c.list("hiring.sectors", &ha.sectors, &hb.sectors);
    c.list("next_steps", &a.next_steps, &b.next_steps);
    let link = |l: &crate::guide::model::Link| format!("{} ({})", l.title, l.url);
    c.list(
        "sources",
        &a.sources.iter().map(link).collect::<Vec<_>>(),
        &b.sources.iter().map(link).collect::<Vec<_>>(),
    );
    c.list("alt_titles", &a.alt_titles, &b.alt_titles);
    let (ca, cb) = (a.codes.clone().unwrap_or_default(), b.codes.clone());
    let cb = cb.unwrap_or_default();
    c.value("codes.onet_soc", text(&ca.onet_soc), text(&cb.onet_soc));
    c.value("codes.isco", text(&ca.isco), text(&cb.isco));
    let (ra, rb) = (a.requirements.clone(), b.requirements.clone());
    let (ra, rb) = (ra.unwrap_or_default(), rb.unwrap_or_default());
    c.value(
        "requirements.education",
        text(&ra.education),
        text(&rb.education),
    );
    c.value(
        "requirements.experience",
        text(&ra.experience),
        text(&rb.experience),
    );
    c.list(
        "requirements.certifications",
        &ra.certifications,
        &rb.certifications,
    );
    let resource = |r: &crate::guide::model::Resource| match r.kind {
        Some(k) => format!("{} ({}, {})", r.title, r.url, k.as_str()),
        None => format!("{} ({})", r.title, r.url),
    };
    c.list(
        "resources",
        &a.resources.iter().map(resource).collect::<Vec<_>>(),
        &b.resources.iter().map(resource).collect::<Vec<_>>(),
    );
    if o.body.trim() != n.body.trim() {
        let lines = |s: &str| -> Vec<String> {
            s.lines()
                .map(str::trim_end)
                .filter(|l| !l.trim().is_empty())
                .map(str::to_string)
                .collect()
        };
        let (lo, ln) = (lines(&o.body), lines(&n.body));
        let (added, removed) = unmatched(&lo, &ln);
        c.0.push(Change::Rewritten {
            field: "body",
            lines_added: added.len(),
            lines_removed: removed.len(),
        });
    }
    c.0
}

/// The URL of the guide a progression item links to in `site`, if any.
fn target(site: &Site, item: &RoleRef) -> Option<String> {
    site.resolve(item)
        .map(|i| crate::diff::url(&Route::Guide(&site.guides[i].slug)))
}

/// A progression list: items (by title) added and removed, with the guide
/// each links to; items in both whose link changed; or a new order.
fn progression(
    c: &mut Changes,
    field: &'static str,
    (old, a): (&Site, Option<&[RoleRef]>),
    (new, b): (&Site, Option<&[RoleRef]>),
) {
    let (a, b) = (a.unwrap_or_default(), b.unwrap_or_default());
    let titles = |items: &[RoleRef]| items.iter().map(|r| r.title().to_string()).collect();
    let (ta, tb): (Vec<String>, Vec<String>) = (titles(a), titles(b));
    let (added, removed) = unmatched(&ta, &tb);
    // The n-th item of a title in one list is the n-th in the other.
    let nth = |items: &[RoleRef], title: &str, n: usize| {
        items.iter().filter(|r| r.title() == title).nth(n).cloned()
    };
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    let mut relinked = Vec::new();
    for r in b {
        let k = seen.entry(r.title()).or_default();
        if let Some(before) = nth(a, r.title(), *k) {
            let (was, now) = (target(old, &before), target(new, r));
            if was != now {
                relinked.push(Change::Relinked {
                    field,
                    item: r.title().to_string(),
                    old_url: was,
                    new_url: now,
                });
            }
        }
        *k += 1;
    }
    // Added items are the last of their title in the new list, removed
    // ones the last in the old list.
    let last =
        |items: &[RoleRef], title: &str| items.iter().rev().find(|r| r.title() == title).cloned();
    for item in &added {
        let url = last(b, item).and_then(|r| target(new, &r));
        c.0.push(Change::Added {
            field,
            item: item.to_string(),
            url,
        });
    }
    for item in &removed {
        let url = last(a, item).and_then(|r| target(old, &r));
        c.0.push(Change::Removed {
            field,
            item: item.to_string(),
            url,
        });
    }
    let reordered = added.is_empty() && removed.is_empty() && ta != tb;
    c.0.extend(relinked);
    if reordered {
        c.0.push(Change::Reordered { field });
    }
}

/// `Senior, US`, or `Senior` without a region: how a range is named.
fn range_name(r: &SalaryRange) -> String {
    match &r.region {
        Some(region) => format!("{}, {region}", r.level),
        None => r.level.clone(),
    }
}

/// Salary: currency, period, date and source; then each range, matched by
/// level and region (the n-th range of a name with the n-th), figure by
/// figure; then ranges added and removed.
fn salary(c: &mut Changes, a: Option<&Salary>, b: Option<&Salary>) {
    c.value(
        "salary.currency",
        shown(a.map(|s| &s.currency)),
        shown(b.map(|s| &s.currency)),
    );
    c.value(
        "salary.period",
        shown(a.map(|s| s.period.as_str())),
        shown(b.map(|s| s.period.as_str())),
    );
    c.value(
        "salary.as_of",
        shown(a.and_then(|s| s.as_of)),
        shown(b.and_then(|s| s.as_of)),
    );
    c.value(
        "salary.source",
        source(a.and_then(|s| s.source.as_ref())),
        source(b.and_then(|s| s.source.as_ref())),
    );
    let ra = a.map(|s| &s.ranges[..]).unwrap_or_default();
    let rb = b.map(|s| &s.ranges[..]).unwrap_or_default();
    let cur_a = a.map(|s| s.currency.as_str()).unwrap_or_default();
    let cur_b = b.map(|s| s.currency.as_str()).unwrap_or_default();
    // Percentages only compare like with like.
    let comparable =
        matches!((a, b), (Some(x), Some(y)) if x.currency == y.currency && x.period == y.period);
    let names_a: Vec<String> = ra.iter().map(range_name).collect();
    let names_b: Vec<String> = rb.iter().map(range_name).collect();
    let mut used = vec![false; ra.len()];
    let mut added = Vec::new();
    for (j, y) in rb.iter().enumerate() {
        let name = &names_b[j];
        let found = (0..ra.len()).find(|&i| !used[i] && names_a[i] == *name);
        let Some(i) = found else {
            added.push(j);
            continue;
        };
        used[i] = true;
        let x = &ra[i];
        let figures = [
            ("salary.ranges.min", Some(x.min), Some(y.min)),
            ("salary.ranges.max", Some(x.max), Some(y.max)),
            ("salary.ranges.median", x.median, y.median),
        ];
        for (field, old, new) in figures {
            // Equal amounts differ only in another currency; two unset
            // medians never do.
            if (old == new && cur_a == cur_b) || (old.is_none() && new.is_none()) {
                continue;
            }
            let percent = match (old, new) {
                (Some(o), Some(n)) if comparable && o != 0.0 && o != n => Some((n - o) / o * 100.0),
                _ => None,
            };
            c.0.push(Change::Figure {
                field,
                range: name.clone(),
                old,
                new,
                old_text: old.map(|v| money(cur_a, v)),
                new_text: new.map(|v| money(cur_b, v)),
                percent,
            });
        }
        let r = Some(name.as_str());
        let basis = |v: &SalaryRange| shown(v.basis.map(|b| b.as_str()));
        c.range_value("salary.ranges.basis", r, basis(x), basis(y));
        c.range_value(
            "salary.ranges.open_ended",
            r,
            Value::Bool(x.open_ended),
            Value::Bool(y.open_ended),
        );
        c.range_value("salary.ranges.titles", r, text(&x.titles), text(&y.titles));
        c.range_value("salary.ranges.note", r, text(&x.note), text(&y.note));
        c.range_value(
            "salary.ranges.source",
            r,
            source(x.source.as_ref()),
            source(y.source.as_ref()),
        );
    }
    let item = |cur: &str, r: &SalaryRange| {
        format!(
            "{}: {}",
            range_name(r),
            crate::render::money::figures(cur, r)
        )
    };
    for j in added {
        c.0.push(Change::Added {
            field: "salary.ranges",
            item: item(cur_b, &rb[j]),
            url: None,
        });
    }
    for (i, x) in ra.iter().enumerate() {
        if !used[i] {
            c.0.push(Change::Removed {
                field: "salary.ranges",
                item: item(cur_a, x),
                url: None,
            });
        }
    }
}
