//! Range charts as HTML and CSS bars.
//!
//! In: labelled ranges that share one currency, period and basis. Out: the
//! chart's HTML: one row per range (its label, a bar on a shared scale, the
//! figures as text) and an axis. The text is page text, so it keeps the
//! page's size on a phone (an SVG scaled down to a phone's width shrinks its
//! text with it) and a screen reader reads labels and figures; only the bars
//! are hidden from it.

use crate::render::i18n::format::Formats;
use crate::util::html::escape_html;
use std::fmt::Write;

/// One labelled bar: `lo..hi` (open on the right when `open`), with an
/// optional darker middle part and a median tick.
pub(crate) struct Bar {
    pub label: String,
    pub lo: f64,
    pub hi: f64,
    pub inner: Option<(f64, f64)>,
    pub median: Option<f64>,
    pub open: bool,
    pub text: String,
}

/// A rounded, readable axis top: 10 % head room, rounded up to a "nice" step.
pub(crate) fn axis_top(max: f64) -> f64 {
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

/// Where `v` falls on a scale to `top`, in percent.
fn pct(v: f64, top: f64) -> f64 {
    (v / top * 100.0).clamp(0.0, 100.0)
}

/// The chart of `bars`, all on one scale from zero.
pub(crate) fn chart(bars: &[Bar], currency: &str, formats: &Formats) -> String {
    let top = axis_top(bars.iter().map(|b| b.hi).fold(0.0, f64::max));
    let mut s = String::from("<div class=\"bars\">");
    for b in bars {
        let (l, r) = (pct(b.lo, top), pct(b.hi, top));
        let open = if b.open { " open" } else { "" };
        let _ = write!(
            s,
            "<div class=\"bar-row\"><span class=\"bar-label\">{}</span><span class=\"bar-track\" aria-hidden=\"true\"><span class=\"bar-span{open}\" style=\"inset-inline-start:{l:.1}%;width:{:.1}%\"></span>",
            escape_html(&b.label),
            r - l
        );
        if let Some((a, z)) = b.inner {
            let (a, z) = (pct(a, top), pct(z, top));
            let _ = write!(
                s,
                "<span class=\"bar-mid\" style=\"inset-inline-start:{a:.1}%;width:{:.1}%\"></span>",
                z - a
            );
        }
        if let Some(m) = b.median {
            let _ = write!(
                s,
                "<span class=\"bar-median\" style=\"inset-inline-start:{:.1}%\"></span>",
                pct(m, top)
            );
        }
        let _ = write!(
            s,
            "</span><span class=\"bar-value\">{}</span></div>",
            escape_html(&b.text)
        );
    }
    let _ = write!(
        s,
        "<div class=\"bar-row bar-axis\" aria-hidden=\"true\"><span class=\"bar-ticks\"><span>{}</span><span>{}</span><span>{}</span></span></div></div>",
        escape_html(&formats.money(currency, 0.0)),
        escape_html(&formats.money(currency, top / 2.0)),
        escape_html(&formats.money(currency, top))
    );
    s
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

    #[test]
    fn labels_stay_whole() {
        let label = "Senior (large tech) L6 and above, remote".to_string();
        let html = chart(
            &[Bar {
                label: label.clone(),
                lo: 1.0,
                hi: 2.0,
                inner: None,
                median: None,
                open: false,
                text: "$1–$2".into(),
            }],
            "USD",
            &crate::render::i18n::english().formats,
        );
        assert!(html.contains(&label) && !html.contains('…'), "{html}");
    }
}
