//! A map of roles drawn as inline SVG, twice: left to right for wide
//! screens and top to bottom for phones, one shown at a time by the
//! stylesheet (`.graph-h`, `.graph-v`), so no script is needed.
//!
//! In: a [`Map`] (boxes with labels, links and ranks; moves between them).
//! Out: the markup of both drawings. Labels are wrapped, never cut; each
//! drawing has `role="group"` and a name, and every box with a guide is a
//! link whose `<title>` names it.

use crate::render::maplayout;
use crate::util::html::escape_html;
use std::fmt::Write;

/// One box.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MapNode {
    /// The text shown, whole.
    pub label: String,
    /// Link, when the box is a page.
    pub href: Option<String>,
    /// The tooltip and accessible name.
    pub tip: String,
    /// Layer: smaller ranks come first.
    pub rank: usize,
    /// `g-node` plus a modifier: `g-plain` for a role without a guide,
    /// `g-self` for the page's own role, `g-more` for a summary box.
    pub class: &'static str,
}

/// One move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct MapEdge {
    /// Source box.
    pub from: usize,
    /// Target box.
    pub to: usize,
    /// Drawn dashed: a transition rather than a progression.
    pub dashed: bool,
}

/// A map ready to draw.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Map {
    /// Boxes, in the order the layout starts from (by title).
    pub nodes: Vec<MapNode>,
    /// Moves.
    pub edges: Vec<MapEdge>,
    /// Drawn mirrored, first rank on the right, for a language written
    /// right to left; the text in the boxes is not mirrored.
    pub rtl: bool,
}

/// The measures of one drawing.
struct Shape {
    /// Box width and the widest text line inside it.
    w: u32,
    text_w: u32,
    font: u32,
    line_h: u32,
    /// Space between columns (along the ranks) and between rows.
    gap_along: u32,
    gap_across: u32,
    pad: u32,
    per_col: usize,
    horizontal: bool,
}

const WIDE: Shape = Shape {
    w: 184,
    text_w: 158,
    font: 14,
    line_h: 17,
    gap_along: 56,
    gap_across: 14,
    pad: 10,
    per_col: 8,
    horizontal: true,
};

/// Narrower boxes, for the neighbourhood beside a guide's table of contents.
const COMPACT: Shape = Shape {
    w: 130,
    text_w: 110,
    font: 13,
    line_h: 16,
    gap_along: 34,
    gap_across: 12,
    pad: 8,
    per_col: 8,
    horizontal: true,
};

/// Two boxes a row, 350 units wide: about 14 px text on a 390 px phone.
const NARROW: Shape = Shape {
    w: 161,
    text_w: 140,
    font: 14,
    line_h: 17,
    gap_along: 36,
    gap_across: 12,
    pad: 8,
    per_col: 2,
    horizontal: false,
};

/// Both drawings of `map`, named `name` for assistive technology; `id`
/// makes the ids inside unique on the page.
pub(crate) fn draw(map: &Map, name: &str, id: &str) -> String {
    let mut s = String::new();
    draw_one(&mut s, map, name, &format!("{id}-h"), &WIDE);
    draw_one(&mut s, map, name, &format!("{id}-v"), &NARROW);
    s
}

/// [`draw`] with narrower boxes on wide screens.
pub(crate) fn draw_compact(map: &Map, name: &str, id: &str) -> String {
    let mut s = String::new();
    draw_one(&mut s, map, name, &format!("{id}-h"), &COMPACT);
    draw_one(&mut s, map, name, &format!("{id}-v"), &NARROW);
    s
}

/// The layout of `map` in columns of at most `per_col` boxes, and the
/// crossings before (boxes in title order) and after the reduction.
#[cfg(test)]
pub(crate) fn crossings(map: &Map, per_col: usize) -> (usize, usize) {
    let rank: Vec<usize> = map.nodes.iter().map(|n| n.rank).collect();
    let edges: Vec<(usize, usize)> = map.edges.iter().map(|e| (e.from, e.to)).collect();
    let after = maplayout::place(&rank, &edges, per_col, true);
    // Before: one column a rank, boxes in title order, as the map was drawn.
    let mut col = vec![0; rank.len()];
    let mut across = vec![0.0; rank.len()];
    let mut seen: std::collections::BTreeMap<usize, usize> = Default::default();
    let mut distinct = rank.clone();
    distinct.sort_unstable();
    distinct.dedup();
    for (i, r) in rank.iter().enumerate() {
        col[i] = distinct.binary_search(r).unwrap_or(0);
        let row = seen.entry(*r).or_default();
        across[i] = *row as f64;
        *row += 1;
    }
    let before = maplayout::Placement {
        col,
        across,
        cols: distinct.len(),
        rows: 0.0,
    };
    (
        maplayout::crossings(&before, &edges),
        maplayout::crossings(&after, &edges),
    )
}

fn draw_one(s: &mut String, map: &Map, name: &str, id: &str, k: &Shape) {
    let rank: Vec<usize> = map.nodes.iter().map(|n| n.rank).collect();
    let pairs: Vec<(usize, usize)> = map.edges.iter().map(|e| (e.from, e.to)).collect();
    let p = maplayout::place(&rank, &pairs, k.per_col, k.horizontal);
    let lines: Vec<Vec<String>> = map
        .nodes
        .iter()
        .map(|n| maplayout::wrap(&n.label, k.font, k.text_w))
        .collect();
    let most = lines.iter().map(Vec::len).max().unwrap_or(1).max(1) as u32;
    let h = most * k.line_h + 14;
    let (along, across) = if k.horizontal {
        (k.w + k.gap_along, h + k.gap_across)
    } else {
        (h + k.gap_along, k.w + k.gap_across)
    };
    let cols = p.cols.max(1) as u32;
    let extent_along = cols * along - if cols > 0 { k.gap_along } else { 0 };
    let extent_across = (p.rows * across as f64).ceil() as u32 - k.gap_across;
    // Top-left corner of each box.
    let at = |i: usize| -> (u32, u32) {
        let a = k.pad + p.col[i] as u32 * along;
        let c = k.pad + (p.across[i] * across as f64).round() as u32;
        if k.horizontal {
            (a, c)
        } else {
            (c, a)
        }
    };
    // A move back or within a column curves out right of its boxes, by
    // three quarters of half a gap (a cubic's reach) plus the stroke: from
    // the last column that is past the padding, so the drawing widens.
    let last = p.cols.saturating_sub(1);
    let loops_out = k.horizontal
        && map
            .edges
            .iter()
            .any(|e| p.col[e.to] <= p.col[e.from] && p.col[e.from].max(p.col[e.to]) == last);
    let bulge = if loops_out {
        ((k.gap_along / 2) * 3 / 4 + 2).saturating_sub(k.pad)
    } else {
        0
    };
    let (width, height) = if k.horizontal {
        (extent_along + 2 * k.pad + bulge, extent_across + 2 * k.pad)
    } else {
        (extent_across + 2 * k.pad, extent_along + 2 * k.pad)
    };
    // Right to left: the boxes' places mirror, and so do the edges between
    // them (one transform; the arrowheads turn with them).
    let placed = |i: usize| -> (u32, u32) {
        let (x, y) = at(i);
        if map.rtl {
            (width - x - k.w, y)
        } else {
            (x, y)
        }
    };
    let flip = if map.rtl {
        format!(" transform=\"matrix(-1 0 0 1 {width} 0)\"")
    } else {
        String::new()
    };
    let class = if k.horizontal { "graph-h" } else { "graph-v" };
    let _ = write!(
        s,
        "<svg class=\"graph {class}\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" style=\"max-width:{width}px;min-width:{}px;font-size:{}px\" role=\"group\" aria-label=\"{}\">\
         <defs><marker id=\"{id}-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0 0L10 5L0 10z\" class=\"g-head\"/></marker></defs><g class=\"g-edges\"{flip}>",
        // Never scaled below 12 px text: a wider map scrolls instead.
        (width * 12).div_ceil(k.font),
        k.font,
        escape_html(name)
    );
    for e in &map.edges {
        let (fx, fy) = at(e.from);
        let (tx, ty) = at(e.to);
        let forward = p.col[e.to] > p.col[e.from];
        let d = if k.horizontal {
            let (x1, y1) = (fx + k.w, fy + h / 2);
            if forward {
                let (x2, y2) = (tx, ty + h / 2);
                let mid = (x1 + x2) / 2;
                format!("M{x1} {y1}C{mid} {y1} {mid} {y2} {x2} {y2}")
            } else {
                // Back or within a column: round the right-hand side.
                let (x2, y2) = (tx + k.w, ty + h / 2);
                let r = x1.max(x2) + k.gap_along / 2;
                format!("M{x1} {y1}C{r} {y1} {r} {y2} {x2} {y2}")
            }
        } else {
            let (x1, y1) = (fx + k.w / 2, fy + h);
            let next = p.col[e.to] == p.col[e.from] + 1;
            if !next {
                // Down the gap below the source, along the gutter between
                // the two boxes of a row, into the gap next to the target:
                // never behind a box, where it would seem to join two.
                let gutter = k.pad + k.w + k.gap_across / 2;
                let below = y1 + k.gap_along / 2;
                let x2 = tx + k.w / 2;
                if forward {
                    let above = ty - k.gap_along / 2;
                    format!("M{x1} {y1}V{below}H{gutter}V{above}H{x2}V{ty}")
                } else {
                    let under = ty + h + k.gap_along / 2;
                    format!("M{x1} {y1}V{below}H{gutter}V{under}H{x2}V{}", ty + h)
                }
            } else {
                // The next row: a curve through the gap between them.
                let (x2, y2) = (tx + k.w / 2, ty);
                let mid = (y1 + y2) / 2;
                format!("M{x1} {y1}C{x1} {mid} {x2} {mid} {x2} {y2}")
            }
        };
        let class = if e.dashed {
            "g-edge g-transition"
        } else {
            "g-edge"
        };
        let _ = write!(
            s,
            "<path class=\"{class}\" d=\"{d}\" marker-end=\"url(#{id}-arrow)\"/>"
        );
    }
    s.push_str("</g>");
    for (i, n) in map.nodes.iter().enumerate() {
        let (x, y) = placed(i);
        let tip = escape_html(&n.tip);
        match &n.href {
            Some(href) => {
                let _ = write!(
                    s,
                    "<a class=\"{}\" href=\"{}\"><title>{tip}</title>",
                    n.class,
                    escape_html(href)
                );
            }
            None => {
                let _ = write!(s, "<g class=\"{}\"><title>{tip}</title>", n.class);
            }
        }
        let cx = x + k.w / 2;
        let count = lines[i].len() as u32;
        // Lines centred in the box: the first baseline, then one a line.
        let top = y + h / 2 + k.font * 9 / 25 - (count.saturating_sub(1) * k.line_h) / 2;
        let _ = write!(
            s,
            "<rect x=\"{x}\" y=\"{y}\" width=\"{}\" height=\"{h}\" rx=\"6\"/><text x=\"{cx}\" y=\"{top}\">",
            k.w
        );
        for (j, line) in lines[i].iter().enumerate() {
            let dy = if j == 0 { 0 } else { k.line_h };
            let _ = write!(
                s,
                "<tspan x=\"{cx}\" dy=\"{dy}\">{}</tspan>",
                escape_html(line)
            );
        }
        s.push_str("</text>");
        s.push_str(if n.href.is_some() { "</a>" } else { "</g>" });
    }
    s.push_str("</svg>");
}
