//! Two roles' salaries side by side, by level.
//!
//! In: two guides' salary sections and the site's level order. Out: one
//! table per [`GroupKey`] the two share (one currency, period and basis),
//! each row a level (and region) either gives, in career order, with the
//! other role's cell empty where it gives no figures at that level, so a
//! move from an individual contributor's ladder to a manager's still shows
//! both roles' pay. Figures are never converted: ranges in a currency,
//! period or basis the other guide does not use are left out.

use super::GroupKey;
use crate::guide::levels::LevelOrder;
use crate::guide::model::{Salary, SalaryRange};
use crate::render::money::figures;
use crate::util::text::level_key;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// One table of a comparison: one currency, period and basis.
#[derive(Debug, Serialize)]
pub(crate) struct CompareTable {
    /// What the figures are, e.g. `Base salary, USD per year`.
    pub(crate) label: String,
    /// ISO 4217 code.
    pub(crate) currency: String,
    /// `year`, `month` or `hour`.
    pub(crate) period: &'static str,
    /// `base`, `total`, or empty when neither guide says.
    pub(crate) basis: &'static str,
    /// The levels either gives, in career order.
    pub(crate) rows: Vec<CompareRow>,
    /// Whether some row has both roles' figures.
    pub(crate) paired: bool,
}

/// One level of a [`CompareTable`].
#[derive(Debug, Serialize)]
pub(crate) struct CompareRow {
    /// The level, as the site's order spells it.
    pub(crate) level: String,
    /// The region, when the ranges name one.
    pub(crate) region: Option<String>,
    /// The current role's figures, e.g. `$90k–$120k`; absent when it
    /// gives none at this level.
    pub(crate) from: Option<String>,
    /// The target role's figures, likewise.
    pub(crate) to: Option<String>,
}

type RowKey = (usize, String, String);

fn rows<'a>(
    salary: &'a Salary,
    order: &LevelOrder,
) -> BTreeMap<(GroupKey, RowKey), &'a SalaryRange> {
    let mut out = BTreeMap::new();
    for r in &salary.ranges {
        let region = r
            .region
            .as_deref()
            .map(str::trim)
            .unwrap_or("")
            .to_lowercase();
        // Levels `site.yaml` ranks (aliases included) meet by rank; others
        // by name.
        let rank = order.rank(&r.level);
        let name = if rank == usize::MAX {
            level_key(&r.level)
        } else {
            String::new()
        };
        let key = (rank, name, region);
        out.entry((GroupKey::of(salary, r), key)).or_insert(r);
    }
    out
}

/// The tables comparing `from` with `to`: only figures in a currency,
/// period and basis both use, each level (and region) once.
pub(crate) fn compare(
    from: &Salary,
    to: &Salary,
    order: &LevelOrder,
    strings: &crate::render::i18n::Strings,
) -> Vec<CompareTable> {
    let a = rows(from, order);
    let b = rows(to, order);
    let groups = |m: &BTreeMap<(GroupKey, RowKey), &SalaryRange>| -> BTreeSet<GroupKey> {
        m.keys().map(|(g, _)| g.clone()).collect()
    };
    let shared: BTreeSet<GroupKey> = groups(&a).intersection(&groups(&b)).cloned().collect();
    let keys: BTreeSet<&(GroupKey, RowKey)> = a
        .keys()
        .chain(b.keys())
        .filter(|(g, _)| shared.contains(g))
        .collect();
    let mut tables: Vec<CompareTable> = Vec::new();
    for key @ (group, _) in keys {
        let (ra, rb) = (a.get(key).copied(), b.get(key).copied());
        let Some(r) = ra.or(rb) else { continue };
        if tables.last().is_none_or(|t| {
            (t.currency.as_str(), t.period, t.basis)
                != (group.currency.as_str(), group.period.as_str(), group.basis)
        }) {
            tables.push(CompareTable {
                label: group.label(strings),
                currency: group.currency.clone(),
                period: group.period.as_str(),
                basis: group.basis,
                rows: Vec::new(),
                paired: false,
            });
        }
        if let Some(t) = tables.last_mut() {
            t.paired |= ra.is_some() && rb.is_some();
            t.rows.push(CompareRow {
                level: order.label(&r.level).to_string(),
                region: r.region.clone(),
                from: ra.map(|r| figures(&from.currency, r)),
                to: rb.map(|r| figures(&to.currency, r)),
            });
        }
    }
    tables
}
