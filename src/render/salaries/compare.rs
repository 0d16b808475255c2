//! Two roles' salaries side by side, by level.
//!
//! In: two guides' salary sections and the site's level order. Out: one
//! table per [`GroupKey`] the two share (one currency, period and basis),
//! each row a level (and region) both give; figures are never converted,
//! so ranges in another currency, period or basis are left out, and the
//! table says nothing about them.

use super::order::LevelOrder;
use super::GroupKey;
use crate::guide::model::{Salary, SalaryRange};
use crate::render::money::figures;
use crate::util::text::level_key;
use serde::Serialize;
use std::collections::BTreeMap;

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
    /// The levels both give, in career order.
    pub(crate) rows: Vec<CompareRow>,
}

/// One level of a [`CompareTable`].
#[derive(Debug, Serialize)]
pub(crate) struct CompareRow {
    /// The level, as the site's order spells it.
    pub(crate) level: String,
    /// The region, when the ranges name one.
    pub(crate) region: Option<String>,
    /// The current role's figures, e.g. `$90k–$120k`.
    pub(crate) from: String,
    /// The target role's figures.
    pub(crate) to: String,
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

/// The tables comparing `from` with `to`: only figures in the same
/// currency, period and basis, at the same level and region.
pub(crate) fn compare(
    from: &Salary,
    to: &Salary,
    order: &LevelOrder,
    strings: &crate::render::i18n::Strings,
) -> Vec<CompareTable> {
    let a = rows(from, order);
    let b = rows(to, order);
    let mut tables: Vec<CompareTable> = Vec::new();
    for ((group, key), ra) in &a {
        let Some(rb) = b.get(&(group.clone(), key.clone())) else {
            continue;
        };
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
            });
        }
        if let Some(t) = tables.last_mut() {
            t.rows.push(CompareRow {
                level: order.label(&ra.level).to_string(),
                region: ra.region.clone(),
                from: figures(&from.currency, ra),
                to: figures(&to.currency, rb),
            });
        }
    }
    tables
}
