//! Layered layout of a small map of roles, with no drawing in it.
//!
//! In: a rank per node (its layer), the edges between nodes, and how many
//! nodes one column may hold. Out: a [`Placement`], each node's column and
//! row, with few crossing edges (barycentre sweeps up and down), ranks too
//! tall for one column spread over several; the number of crossings of a
//! placement ([`crossings`]); ranks for a graph that has none yet
//! ([`ranks`]); labels wrapped to a width estimated from a per-character
//! table of the theme's sans-serif font ([`wrap`]), never cut short.
//!
//! Everything is a function of the input order, so layouts repeat byte for
//! byte.

/// Where each node goes.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Placement {
    /// Column of each node, counted along the rank axis.
    pub col: Vec<usize>,
    /// Position of each node across its column, in row units: whole rows,
    /// plus a fraction that staggers the columns a rank is spread over;
    /// when staggered, short columns are centred beside tall ones.
    pub across: Vec<f64>,
    /// Number of columns.
    pub cols: usize,
    /// Rows of the tallest column, the extent of `across`.
    pub rows: f64,
}

/// How many sweeps (each one down and one up) the crossing reduction makes.
const SWEEPS: usize = 6;

/// Places nodes of ranks `rank` (any numbers; only their order matters),
/// with edges `edges` between them, in columns of at most `per_col` nodes.
/// Within a rank, nodes start in index order (callers sort by title) and
/// are then ordered by the mean position of their neighbours in the ranks
/// already placed, sweeping down and up; the order with the fewest
/// crossings wins. `stagger` shifts the columns of one rank against each
/// other by a fraction of a row, so edges into the back columns pass
/// between the boxes of the front ones.
pub(crate) fn place(
    rank: &[usize],
    edges: &[(usize, usize)],
    per_col: usize,
    stagger: bool,
) -> Placement {
    let n = rank.len();
    let per_col = per_col.max(1);
    let mut distinct: Vec<usize> = rank.to_vec();
    distinct.sort_unstable();
    distinct.dedup();
    let r_of: Vec<usize> = rank
        .iter()
        .map(|r| distinct.binary_search(r).unwrap_or(0))
        .collect();
    let mut order: Vec<Vec<usize>> = vec![Vec::new(); distinct.len()];
    for (i, &r) in r_of.iter().enumerate() {
        order[r].push(i);
    }
    let mut adj: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(a, b) in edges {
        if a != b && a < n && b < n {
            adj[a].push(b);
            adj[b].push(a);
        }
    }
    let mut base = Vec::with_capacity(order.len());
    let mut cols = 0;
    for members in &order {
        base.push(cols);
        cols += members.len().div_ceil(per_col).max(1);
    }
    let assign = |order: &[Vec<usize>]| -> Placement {
        let mut col = vec![0; n];
        let mut across = vec![0.0; n];
        let extent = |len: usize| {
            let k = len.div_ceil(per_col).max(1);
            let rows = len.div_ceil(k) as f64;
            if stagger {
                rows + (k - 1) as f64 / k as f64 - 1.0
            } else {
                rows - 1.0
            }
        };
        let rows = order.iter().map(|m| extent(m.len())).fold(0.0, f64::max) + 1.0;
        for (r, members) in order.iter().enumerate() {
            let k = members.len().div_ceil(per_col).max(1);
            // Centred when staggered (drawn across the page); otherwise
            // from the start, which keeps the gutter after the first
            // column free for the edges that skip a column.
            let offset = if stagger {
                (rows - 1.0 - extent(members.len())) / 2.0
            } else {
                0.0
            };
            for (o, &i) in members.iter().enumerate() {
                // Interleaved: the rank reads top to bottom, front column
                // first, as in one tall column.
                col[i] = base[r] + o % k;
                let sub = if stagger {
                    (o % k) as f64 / k as f64
                } else {
                    0.0
                };
                across[i] = offset + (o / k) as f64 + sub;
            }
        }
        Placement {
            col,
            across,
            cols,
            rows,
        }
    };
    let mut best = assign(&order);
    let mut best_x = crossings(&best, edges);
    let mut current = best.clone();
    for sweep in 0..2 * SWEEPS {
        if best_x == 0 {
            break;
        }
        let down = sweep % 2 == 0;
        let ranks: Vec<usize> = if down {
            (1..order.len()).collect()
        } else {
            (0..order.len().saturating_sub(1)).rev().collect()
        };
        for r in ranks {
            let mut keyed: Vec<(f64, usize, usize)> = order[r]
                .iter()
                .enumerate()
                .map(|(o, &i)| {
                    let near: Vec<f64> = adj[i]
                        .iter()
                        .filter(|&&m| if down { r_of[m] < r } else { r_of[m] > r })
                        .map(|&m| current.across[m])
                        .collect();
                    let bary = if near.is_empty() {
                        current.across[i]
                    } else {
                        near.iter().sum::<f64>() / near.len() as f64
                    };
                    (bary, o, i)
                })
                .collect();
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            order[r] = keyed.into_iter().map(|(_, _, i)| i).collect();
            current = assign(&order);
        }
        let x = crossings(&current, edges);
        if x < best_x {
            best_x = x;
            best = current.clone();
        }
    }
    best
}

/// The number of pairs of edges that cross: two edges between the same two
/// columns cross when their ends are in opposite orders in the two.
pub(crate) fn crossings(p: &Placement, edges: &[(usize, usize)]) -> usize {
    let mut spans: Vec<((usize, usize), f64, f64)> = edges
        .iter()
        .filter(|&&(a, b)| p.col[a] != p.col[b])
        .map(|&(a, b)| {
            let (a, b) = if p.col[a] < p.col[b] { (a, b) } else { (b, a) };
            ((p.col[a], p.col[b]), p.across[a], p.across[b])
        })
        .collect();
    spans.sort_by_key(|x| x.0);
    let mut count = 0;
    for group in spans.chunk_by(|x, y| x.0 == y.0) {
        for (k, e) in group.iter().enumerate() {
            for f in &group[k + 1..] {
                if (e.1 - f.1) * (e.2 - f.2) < 0.0 {
                    count += 1;
                }
            }
        }
    }
    count
}

/// Ranks for `n` nodes: the longest chain of `leads` edges ending at each
/// (a cycle is broken at its lowest-numbered node); an end point reached
/// only by `other` edges sits one rank after its earliest source; and a node no
/// edge reaches sits one rank before its earliest target, not in the first
/// rank with every other starting point.
pub(crate) fn ranks(n: usize, leads: &[(usize, usize)], other: &[(usize, usize)]) -> Vec<usize> {
    let mut indeg = vec![0usize; n];
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(a, b) in leads {
        if a != b {
            indeg[b] += 1;
            out[a].push(b);
        }
    }
    let reached = indeg.clone();
    let mut rank = longest_path(&out, indeg);
    let mut by_other = vec![None; n];
    for &(a, b) in other {
        if a != b && reached[b] == 0 && out[b].is_empty() {
            let d = rank[a] + 1;
            by_other[b] = Some(by_other[b].map_or(d, |x: usize| x.min(d)));
        }
    }
    let mut targeted = vec![false; n];
    for &(_, b) in leads.iter().chain(other) {
        targeted[b] = true;
    }
    for i in 0..n {
        if let Some(d) = by_other[i] {
            rank[i] = d;
        }
    }
    for i in 0..n {
        if !targeted[i] {
            if let Some(first) = out[i].iter().map(|&t| rank[t]).min() {
                rank[i] = rank[i].max(first.saturating_sub(1));
            }
        }
    }
    rank
}

/// The longest path ending at each node, over the edges `out` whose
/// in-degrees are `indeg` (Kahn's algorithm). A cycle is broken at its
/// lowest-numbered unfinished node, so every node gets a finite rank. Every
/// node below the cursor is done, so the search for the next one resumes
/// where the last stopped: linear, not quadratic in the number of cycles.
pub(crate) fn longest_path(out: &[Vec<usize>], mut indeg: Vec<usize>) -> Vec<usize> {
    let n = out.len();
    let mut rank = vec![0usize; n];
    let mut done = vec![false; n];
    let mut queue: std::collections::VecDeque<usize> = (0..n).filter(|&i| indeg[i] == 0).collect();
    let mut cursor = 0;
    loop {
        let next = match queue.pop_front() {
            Some(v) => v,
            None => match (cursor..n).find(|&i| !done[i]) {
                Some(v) => {
                    cursor = v;
                    v
                }
                None => break,
            },
        };
        if done[next] {
            continue;
        }
        done[next] = true;
        for &t in &out[next] {
            if !done[t] {
                rank[t] = rank[t].max(rank[next] + 1);
                indeg[t] = indeg[t].saturating_sub(1);
                if indeg[t] == 0 {
                    queue.push_back(t);
                }
            }
        }
    }
    rank
}

/// Width of `c` in thousandths of an em, in the theme's sans-serif
/// (system-ui), rounded up so estimates err on the wide side.
fn char_width(c: char) -> u32 {
    match c {
        'i' | 'j' | 'l' | '\'' | '|' | '.' | ',' | ':' | ';' | '!' => 300,
        'f' | 't' | 'r' | 'I' | ' ' | '(' | ')' | '[' | ']' | '/' | '-' => 380,
        'm' | 'w' => 900,
        'M' | 'W' => 980,
        'A'..='Z' | '&' | '%' | '@' => 720,
        '0'..='9' => 600,
        c if c.is_ascii() => 590,
        // Letters outside ASCII: as wide as a capital, to be safe.
        _ => 760,
    }
}

/// Estimated width in pixels at `font_px` of text whose characters'
/// widths ([`char_width`]) add up to `sum`.
fn px(sum: u32, font_px: u32) -> u32 {
    // The table is for regular weight; labels of guides are bold, a tenth
    // wider.
    (sum * font_px * 11).div_ceil(10_000)
}

/// Estimated width of `s` at `font_px`, in pixels.
#[cfg(test)]
fn text_px(s: &str, font_px: u32) -> u32 {
    px(s.chars().map(char_width).sum(), font_px)
}

/// `label` broken into lines no wider than `max_px` at `font_px`: at
/// spaces, after `/` and `-`, and inside a word only when the word alone is
/// wider than a line. Every character is kept; nothing is cut short.
pub(crate) fn wrap(label: &str, font_px: u32, max_px: u32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    // Words keep the separator that ends them (`/`, `-`), not spaces.
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in label
        .split_whitespace()
        .flat_map(|w| w.chars().chain([' ']))
    {
        if c == ' ' {
            if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            words.push(" ".into());
        } else {
            word.push(c);
            if c == '/' || c == '-' {
                words.push(std::mem::take(&mut word));
            }
        }
    }
    // Widths are kept as sums of character widths, so each word is
    // measured once rather than the whole line again for every word.
    let fits = |sum: u32| px(sum, font_px) <= max_px;
    let mut sum = 0;
    for w in words {
        if w == " " {
            if !line.is_empty() {
                line.push(' ');
                sum += char_width(' ');
            }
            continue;
        }
        let w_sum: u32 = w.chars().map(char_width).sum();
        if fits(sum + w_sum) {
            line.push_str(&w);
            sum += w_sum;
            continue;
        }
        if !line.trim().is_empty() {
            lines.push(line.trim_end().to_string());
        }
        line = String::new();
        sum = 0;
        for c in w.chars() {
            line.push(c);
            sum += char_width(c);
            if !fits(sum) && line.chars().count() > 1 {
                let last = line.pop().unwrap_or(c);
                lines.push(std::mem::take(&mut line));
                line.push(last);
                sum = char_width(last);
            }
        }
    }
    if !line.trim().is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn in_order(p: &Placement, col: usize) -> Vec<usize> {
        let mut v: Vec<usize> = (0..p.col.len()).filter(|&i| p.col[i] == col).collect();
        v.sort_by(|&a, &b| p.across[a].total_cmp(&p.across[b]));
        v
    }

    #[test]
    fn a_tree_given_in_the_worst_order_lays_out_without_crossings() {
        // Rank 0: a, b. Rank 1: children given in the order b's, a's, b's,
        // a's: index order crosses, a tree never has to.
        let rank = [0, 0, 1, 1, 1, 1];
        let edges = [(0, 3), (0, 5), (1, 2), (1, 4)];
        let p = place(&rank, &edges, 10, false);
        assert_eq!(crossings(&p, &edges), 0);
        // The unsorted start does cross: the sweeps did the work.
        let start = Placement {
            col: vec![0, 0, 1, 1, 1, 1],
            across: vec![0.0, 1.0, 0.0, 1.0, 2.0, 3.0],
            cols: 2,
            rows: 4.0,
        };
        assert_eq!(crossings(&start, &edges), 3);
    }

    #[test]
    fn a_complete_bipartite_pair_keeps_its_one_unavoidable_crossing() {
        // K(2,2): whatever the order, exactly one pair crosses.
        let rank = [0, 0, 1, 1];
        let edges = [(0, 2), (0, 3), (1, 2), (1, 3)];
        assert_eq!(crossings(&place(&rank, &edges, 10, false), &edges), 1);
    }

    #[test]
    fn a_three_layer_graph_reaches_its_known_optimum() {
        // a -> d, b -> c, c -> f, d -> e: two chains that index order
        // interleaves; untangled they are two parallel lines.
        let rank = [0, 0, 1, 1, 2, 2];
        let edges = [(0, 3), (1, 2), (2, 5), (3, 4)];
        let p = place(&rank, &edges, 10, false);
        assert_eq!(crossings(&p, &edges), 0);
        assert_eq!(in_order(&p, 0).len(), 2);
    }

    #[test]
    fn tall_ranks_spread_over_columns() {
        let rank = vec![0; 21];
        let p = place(&rank, &[], 8, true);
        assert_eq!(p.cols, 3);
        for c in 0..3 {
            assert_eq!(in_order(&p, c).len(), 7);
        }
    }

    #[test]
    fn ranks_pull_starting_points_towards_their_targets() {
        // 0 -> 1 -> 2 -> 3, and 4 -> 3: 4 sits just before 3.
        let r = ranks(5, &[(0, 1), (1, 2), (2, 3), (4, 3)], &[]);
        assert_eq!(r, vec![0, 1, 2, 3, 2]);
        // A cycle still gets finite ranks.
        let r = ranks(2, &[(0, 1), (1, 0)], &[(0, 1)]);
        assert!(r.iter().all(|&x| x < 2));
    }

    #[test]
    fn wrapping_keeps_every_character() {
        for label in [
            "Staff / Principal Technical Program Manager",
            "Senior Machine Learning Infrastructure Engineer (Payments)",
            "Supercalifragilisticexpialidocious-Engineer",
            "A",
            "Ünïcödé Rôle Tïtle",
        ] {
            let lines = wrap(label, 14, 150);
            assert!(lines.iter().all(|l| text_px(l, 14) <= 150), "{lines:?}");
            let joined: String = lines.concat().split_whitespace().collect();
            let want: String = label.split_whitespace().collect();
            assert_eq!(joined, want);
        }
        assert_eq!(
            wrap("Staff / Principal Technical Program Manager", 14, 168),
            ["Staff / Principal", "Technical Program", "Manager"]
        );
    }
}
