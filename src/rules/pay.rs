//! Pay that falls as the level rises (W0511). Published guides and
//! `site.yaml`'s `levels` in; a warning out at the `level` of each salary
//! range whose minimum and maximum are both below those of the level
//! before it.
//!
//! Ranges are compared within one guide and one group: the guide's
//! currency and period, and one basis and region, since base pay may well
//! exceed another region's total. Levels go in career order
//! ([`LevelOrder`]): `levels` of `site.yaml` when given, the guide's own
//! order for the levels it does not list. Several ranges at one level are
//! not compared with each other.

use crate::diag::{codes, Diagnostic};
use crate::guide::levels::LevelOrder;
use crate::guide::load::Guide;
use crate::guide::model::{Basis, LevelRef, SalaryRange};
use crate::guide::yaml::Seg;
use crate::util::text::level_key;
use std::collections::BTreeMap;

/// The ranges of a guide that are compared: one basis (`None` when not
/// given) and one region (its key, empty when not given).
type Group<'a> = (Option<&'a str>, String);

/// Adds a warning (W0511) for every salary range of guide `g` that pays
/// less, at both ends, than the level before it: levels ranked by
/// `levels` of `site.yaml`, else in the order the guide gives them.
pub(super) fn falling_salary(g: &Guide, levels: &[LevelRef], out: &mut Vec<Diagnostic>) {
    let Some(salary) = &g.front.salary else {
        return;
    };
    let order = LevelOrder::new(
        levels,
        [salary.ranges.iter().map(|r| r.level.as_str()).collect()],
    );
    let mut groups: BTreeMap<Group<'_>, Vec<(usize, usize)>> = BTreeMap::new();
    for (i, r) in salary.ranges.iter().enumerate() {
        let region = r.region.as_deref().map(level_key).unwrap_or_default();
        groups
            .entry((r.basis.map(Basis::as_str), region))
            .or_default()
            // (rank, index), sorted below into career order.
            .push((order.rank(&r.level), i));
    }
    for ranks in groups.values_mut() {
        ranks.sort_unstable();
        // The first range of the level before.
        let mut before: Option<(usize, &SalaryRange)> = None;
        let mut level_start: Option<(usize, &SalaryRange)> = None;
        for &(rank, i) in ranks.iter() {
            let r = &salary.ranges[i];
            if level_start.is_some_and(|(k, _)| k == rank) {
                continue;
            }
            before = level_start.or(before);
            level_start = Some((rank, r));
            let Some((_, prev)) = before else {
                continue;
            };
            if r.min < prev.min && r.max < prev.max {
                let path = [
                    Seg::Key("salary"),
                    Seg::Key("ranges"),
                    Seg::Index(i),
                    Seg::Key("level"),
                ];
                out.push(super::lint::warn(
                    g,
                    &path,
                    codes::W0511,
                    format!(
                        "`{}` pays less than `{}` below it: {}–{} against {}–{} {}",
                        r.level.trim(),
                        prev.level.trim(),
                        r.min,
                        r.max,
                        prev.min,
                        prev.max,
                        salary.currency
                    ),
                    if levels.is_empty() {
                        "check the figures, or list the levels in career order (the order the guide gives them, or `levels` in site.yaml)".to_string()
                    } else {
                        "check the figures, or the levels: they rank in the order of `levels` in site.yaml".to_string()
                    },
                ));
            }
        }
    }
}
