//! Salary charts and the site-wide comparison.
//!
//! Figures are only ever compared within one currency and pay period: a
//! EUR-per-hour range never shares an axis with a USD-per-year one.

use crate::guide::model::{Period, Salary};
use crate::render::money::{figures, money};
use crate::site::Site;
use crate::util::html::escape_html;
use crate::util::layout::{PageLinks, Route};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write;

fn level_label(level: &str) -> String {
    if level.to_lowercase().contains("level") {
        level.to_string()
    } else {
        format!("{level} Level")
    }
}

/// Where a value falls on a bar of `width` pixels scaled to `top`.
fn scale(v: f64, top: f64, width: f64) -> f64 {
    if top <= 0.0 {
        0.0
    } else {
        (v / top * width).clamp(0.0, width)
    }
}

/// A rounded, readable axis top: 10 % head room, rounded up to a "nice" step.
fn axis_top(max: f64) -> f64 {
    if max <= 0.0 {
        return 1.0;
    }
    let raw = max * 1.1;
    let mag = 10f64.powf((raw / 4.0).log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw / 4.0)
        .unwrap_or(10.0 * mag);
    (raw / step).ceil() * step
}

/// One labelled bar: `lo..hi` (open on the right when `open`), with an
/// optional inner bar and median tick.
struct Bar {
    label: String,
    lo: f64,
    hi: f64,
    inner: Option<(f64, f64)>,
    median: Option<f64>,
    open: bool,
    text: String,
}

const PLOT_W: f64 = 220.0;
const LABEL_CHARS: usize = 22;
/// Rough advance of one 12px character, to size the text columns so the
/// chart stays legible when a phone scales it down.
const CHAR_W: f64 = 7.0;
const ROW_H: f64 = 26.0;

fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let cut: String = s.chars().take(max - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

fn chart(bars: &[Bar], currency: &str, aria: &str) -> String {
    let top = axis_top(bars.iter().map(|b| b.hi).fold(0.0, f64::max));
    let longest = |f: &dyn Fn(&Bar) -> usize| bars.iter().map(f).max().unwrap_or(0) as f64;
    let label_w =
        (longest(&|b| b.label.chars().count().min(LABEL_CHARS)) * CHAR_W + 10.0).max(40.0);
    let value_w = longest(&|b| b.text.chars().count()) * (CHAR_W + 0.5) + 20.0;
    let width = (label_w + PLOT_W + value_w).round();
    let height = ROW_H * bars.len() as f64 + 22.0;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg class=\"range-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{}\">",
        escape_html(aria)
    );
    for (i, b) in bars.iter().enumerate() {
        let y = ROW_H * i as f64;
        let x1 = label_w + scale(b.lo, top, PLOT_W);
        let x2 = label_w + scale(b.hi, top, PLOT_W);
        let _ = write!(
            s,
            "<text class=\"rc-label\" x=\"0\" y=\"{:.0}\">{}</text><rect class=\"rc-track\" x=\"{label_w}\" y=\"{:.0}\" width=\"{PLOT_W}\" height=\"10\" rx=\"5\"/>",
            y + 17.0,
            escape_html(&clip(&b.label, LABEL_CHARS)),
            y + 8.0
        );
        let class = if b.open { "rc-bar rc-open" } else { "rc-bar" };
        let _ = write!(
            s,
            "<rect class=\"{class}\" x=\"{x1:.1}\" y=\"{:.0}\" width=\"{:.1}\" height=\"10\" rx=\"5\"/>",
            y + 8.0,
            (x2 - x1).max(3.0)
        );
        if let Some((a, z)) = b.inner {
            let (ia, iz) = (
                label_w + scale(a, top, PLOT_W),
                label_w + scale(z, top, PLOT_W),
            );
            let _ = write!(
                s,
                "<rect class=\"rc-inner\" x=\"{ia:.1}\" y=\"{:.0}\" width=\"{:.1}\" height=\"10\" rx=\"5\"/>",
                y + 8.0,
                (iz - ia).max(3.0)
            );
        }
        if let Some(m) = b.median {
            let mx = label_w + scale(m, top, PLOT_W);
            let _ = write!(
                s,
                "<rect class=\"rc-median\" x=\"{:.1}\" y=\"{:.0}\" width=\"3\" height=\"16\"/>",
                mx - 1.5,
                y + 5.0
            );
        }
        let _ = write!(
            s,
            "<text class=\"rc-value\" x=\"{:.0}\" y=\"{:.0}\">{}</text>",
            label_w + PLOT_W + 8.0,
            y + 17.0,
            escape_html(&b.text)
        );
    }
    let axis_y = ROW_H * bars.len() as f64 + 14.0;
    for k in 0..=2 {
        let v = top * k as f64 / 2.0;
        let x = label_w + PLOT_W * k as f64 / 2.0;
        let anchor = match k {
            0 => "start",
            2 => "end",
            _ => "middle",
        };
        let _ = write!(
            s,
            "<text class=\"rc-axis\" x=\"{x:.0}\" y=\"{axis_y:.0}\" text-anchor=\"{anchor}\">{}</text>",
            escape_html(&money(currency, v))
        );
    }
    s.push_str("</svg>");
    s
}

/// The small range chart of one guide, with its text alternative as the
/// `aria-label` (the ranges themselves are also printed beside it).
pub(crate) fn guide_chart(salary: &Salary) -> String {
    let bars: Vec<Bar> = salary
        .ranges
        .iter()
        .map(|r| Bar {
            label: r.level.clone(),
            lo: r.min,
            hi: r.max,
            inner: None,
            median: r.median,
            open: r.open_ended,
            text: figures(&salary.currency, r),
        })
        .collect();
    let parts: Vec<String> = salary
        .ranges
        .iter()
        .map(|r| {
            let region = r
                .region
                .as_deref()
                .map(|x| format!(" ({x})"))
                .unwrap_or_default();
            let median = r
                .median
                .map(|m| format!(", median {}", money(&salary.currency, m)))
                .unwrap_or_default();
            format!(
                "{}{region}: {}{median}",
                level_label(&r.level),
                figures(&salary.currency, r)
            )
        })
        .collect();
    let aria = format!(
        "Salary ranges, {} per {}: {}",
        salary.currency,
        salary.period.as_str(),
        parts.join("; ")
    );
    chart(&bars, &salary.currency, &aria)
}

/// One row of a comparison table.
#[derive(Debug, Serialize)]
pub(crate) struct SalaryRow {
    /// Guide title.
    pub title: String,
    /// Link to the guide.
    pub url: String,
    /// Level as written.
    pub level: String,
    /// Region, or empty.
    pub region: String,
    /// Lower bound.
    pub min: f64,
    /// Upper bound.
    pub max: f64,
    /// Median, when given.
    pub median: Option<f64>,
    /// `min` formatted.
    pub min_text: String,
    /// `max` formatted (with `+` when open-ended).
    pub max_text: String,
    /// `median` formatted, or empty.
    pub median_text: String,
    /// `base`, `total` or empty.
    pub basis: &'static str,
}

/// Every range sharing one currency and period.
#[derive(Debug, Serialize)]
pub(crate) struct SalaryGroup {
    /// Anchor id, e.g. `usd-year`.
    pub id: String,
    /// ISO 4217 code.
    pub currency: String,
    /// `year`, `month` or `hour`.
    pub period: &'static str,
    /// Rows by guide title, then in each guide's career order.
    pub rows: Vec<SalaryRow>,
    /// Chart of each level across guides (inline SVG with a text alternative).
    pub chart_svg: String,
    /// How many guides the group covers.
    pub guide_count: usize,
}

fn median_of(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n == 0 {
        0.0
    } else if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// Groups every guide's ranges by (currency, period), largest group first,
/// then by currency and period.
pub(crate) fn groups(site: &Site, links: &PageLinks) -> Vec<SalaryGroup> {
    let mut by: BTreeMap<(String, Period), Vec<(usize, &Salary)>> = BTreeMap::new();
    for (i, g) in site.guides.iter().enumerate() {
        if let Some(s) = &g.front.salary {
            by.entry((s.currency.trim().to_uppercase(), s.period))
                .or_default()
                .push((i, s));
        }
    }
    let mut out: Vec<SalaryGroup> = by
        .into_iter()
        .map(|((currency, period), members)| group(site, links, currency, period, members))
        .collect();
    out.sort_by(|a, b| b.guide_count.cmp(&a.guide_count).then(a.id.cmp(&b.id)));
    out
}

fn group(
    site: &Site,
    links: &PageLinks,
    currency: String,
    period: Period,
    mut members: Vec<(usize, &Salary)>,
) -> SalaryGroup {
    members.sort_by(|a, b| {
        site.guides[a.0]
            .front
            .title
            .cmp(&site.guides[b.0].front.title)
    });
    let mut rows = Vec::new();
    // Level label -> (mins, maxes, medians).
    let mut levels: BTreeMap<String, (Vec<f64>, Vec<f64>)> = BTreeMap::new();
    for (i, s) in &members {
        let g = &site.guides[*i];
        for r in &s.ranges {
            rows.push(SalaryRow {
                title: g.front.title.clone(),
                url: links.to(&Route::Guide(&g.slug)),
                level: r.level.clone(),
                region: r.region.clone().unwrap_or_default(),
                min: r.min,
                max: r.max,
                median: r.median,
                min_text: money(&currency, r.min),
                max_text: format!(
                    "{}{}",
                    money(&currency, r.max),
                    if r.open_ended { "+" } else { "" }
                ),
                median_text: r.median.map(|m| money(&currency, m)).unwrap_or_default(),
                basis: r.basis.map(|b| b.as_str()).unwrap_or(""),
            });
            let e = levels.entry(level_label(r.level.trim())).or_default();
            e.0.push(r.min);
            e.1.push(r.max);
        }
    }
    // Levels in career order: by the median of their lower bounds.
    let mut lv: Vec<(String, Vec<f64>, Vec<f64>)> =
        levels.into_iter().map(|(k, (a, b))| (k, a, b)).collect();
    lv.sort_by(|a, b| {
        median_of(a.1.clone())
            .total_cmp(&median_of(b.1.clone()))
            .then(a.0.cmp(&b.0))
    });
    let bars: Vec<Bar> = lv
        .iter()
        .map(|(label, mins, maxs)| {
            let lo = mins.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = maxs.iter().copied().fold(0.0, f64::max);
            let (mlo, mhi) = (median_of(mins.clone()), median_of(maxs.clone()));
            Bar {
                label: label.clone(),
                lo,
                hi,
                inner: Some((mlo, mhi.max(mlo))),
                median: None,
                open: false,
                text: format!("{}–{}", money(&currency, mlo), money(&currency, mhi)),
            }
        })
        .collect();
    let parts: Vec<String> = bars
        .iter()
        .map(|b| {
            format!(
                "{}: typical {}, full span {}–{}",
                b.label,
                b.text,
                money(&currency, b.lo),
                money(&currency, b.hi)
            )
        })
        .collect();
    let aria = format!(
        "Salary ranges by level, {currency} per {}: {}",
        period.as_str(),
        parts.join("; ")
    );
    SalaryGroup {
        id: format!(
            "{}-{}",
            crate::util::slug::slugify(&currency),
            period.as_str()
        ),
        period: period.as_str(),
        chart_svg: chart(&bars, &currency, &aria),
        guide_count: members.len(),
        currency,
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_tops_are_round() {
        assert_eq!(axis_top(240_000.0), 300_000.0);
        assert_eq!(axis_top(95_500.0), 150_000.0);
        assert_eq!(axis_top(45.0), 60.0);
    }
}
