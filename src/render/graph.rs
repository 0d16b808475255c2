//! The career-path graph: every role and the moves between them, laid out in
//! layers by progression depth, and its text equivalent.
//!
//! The maps of `render::maps` start from this layering; the order comes
//! only from the guides (sorted titles), so it is identical across builds.

use crate::render::view::RoleView;
use crate::site::{LinkKind, Site};
use crate::util::layout::{PageLinks, Route};
use serde::Serialize;
use std::collections::BTreeMap;

/// A role in the graph: a guide, or a plain title some guide names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Node {
    /// The title shown.
    pub title: String,
    /// The guide describing the role, by index into `Site::guides`.
    pub guide: Option<usize>,
    /// Layer: the longest chain of "Can Lead To" moves ending here.
    pub depth: usize,
    /// Position within the layer (by title).
    pub row: usize,
}

/// A move from one role to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Edge {
    /// Source node index (always a guide).
    pub from: usize,
    /// Target node index.
    pub to: usize,
    /// "Can Lead To" or "Transition Opportunities".
    pub kind: LinkKind,
}

/// Roles and moves of the whole site.
#[derive(Debug, Clone, Default)]
pub(crate) struct Graph {
    /// Guides first (in `Site::guides` order), then plain titles by title.
    pub nodes: Vec<Node>,
    /// Sorted, without duplicates.
    pub edges: Vec<Edge>,
}

fn key(title: &str) -> String {
    title.trim().to_lowercase()
}

/// Builds the graph of `site`. Plain titles naming the same role (ignoring
/// case) become one node.
pub(crate) fn build(site: &Site) -> Graph {
    let mut nodes: Vec<Node> = site
        .guides
        .iter()
        .enumerate()
        .map(|(i, g)| Node {
            title: g.front.title.clone(),
            guide: Some(i),
            depth: 0,
            row: 0,
        })
        .collect();
    let mut keys: Vec<String> = nodes.iter().map(|n| key(&n.title)).collect();
    let mut edges = Vec::new();
    // The moves to plain titles, each with its title's key, found once:
    // (key, from, kind, title).
    let mut plain: Vec<(String, usize, LinkKind, &str)> = Vec::new();
    for (i, g) in site.guides.iter().enumerate() {
        for ((kind, r), t) in crate::site::items(g).zip(site.targets(i)) {
            match *t {
                Some(to) if to != i => edges.push(Edge { from: i, to, kind }),
                Some(_) => {}
                None => plain.push((key(r.title()), i, kind, r.title())),
            }
        }
    }
    // One node per key, in key order, named as the first move met names it.
    let mut order: Vec<usize> = (0..plain.len()).collect();
    order.sort_unstable_by(|&a, &b| plain[a].0.cmp(&plain[b].0).then(a.cmp(&b)));
    let mut last: Option<&str> = None;
    for &k in &order {
        let (key, from, kind, title) = &plain[k];
        if last != Some(key.as_str()) {
            last = Some(key.as_str());
            nodes.push(Node {
                title: title.trim().to_string(),
                guide: None,
                depth: 0,
                row: 0,
            });
            keys.push(key.clone());
        }
        edges.push(Edge {
            from: *from,
            to: nodes.len() - 1,
            kind: *kind,
        });
    }
    edges.sort_unstable();
    edges.dedup();
    layer(&mut nodes, &keys, &edges);
    Graph { nodes, edges }
}

/// Longest-path layering over "Can Lead To" edges (Kahn's algorithm). A cycle
/// is broken at its lowest-numbered node, so every node gets a finite depth.
fn layer(nodes: &mut [Node], keys: &[String], edges: &[Edge]) {
    let n = nodes.len();
    let mut indeg = vec![0usize; n];
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    for e in edges.iter().filter(|e| e.kind == LinkKind::LeadsTo) {
        indeg[e.to] += 1;
        out[e.from].push(e.to);
    }
    let indeg_leads = indeg.clone();
    let mut depth = crate::render::maplayout::longest_path(&out, indeg);
    // A plain title reached only by transitions sits one layer after the
    // earliest role that names it, rather than among the entry roles.
    let mut first_transition: Vec<Option<usize>> = vec![None; n];
    for e in edges {
        let d = depth[e.from] + 1;
        let slot = &mut first_transition[e.to];
        *slot = Some(slot.map_or(d, |s| s.min(d)));
    }
    for i in 0..n {
        if nodes[i].guide.is_none() && indeg_leads[i] == 0 {
            if let Some(d) = first_transition[i] {
                depth[i] = d;
            }
        }
    }
    let mut layers: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, d) in depth.iter().enumerate() {
        layers.entry(*d).or_default().push(i);
    }
    for members in layers.values_mut() {
        members.sort_by(|&a, &b| keys[a].cmp(&keys[b]).then(a.cmp(&b)));
        for (row, &i) in members.iter().enumerate() {
            nodes[i].depth = depth[i];
            nodes[i].row = row;
        }
    }
}

/// One guide in the text version of the graph.
#[derive(Debug, Serialize)]
pub(crate) struct PathRoleView {
    /// Guide title.
    pub title: String,
    /// Link to the guide.
    pub url: String,
    /// "Can Lead To" targets.
    pub leads_to: Vec<RoleView>,
    /// "Transition Opportunities" targets.
    pub transitions: Vec<RoleView>,
}

/// The text equivalent of a map: each of the guides `ids` and where it
/// leads, by title.
pub(crate) fn text_list(
    site: &Site,
    links: &PageLinks,
    g: &Graph,
    ids: &[usize],
) -> Vec<PathRoleView> {
    let link = |to: usize| RoleView {
        title: g.nodes[to].title.clone(),
        url: g.nodes[to]
            .guide
            .map(|i| links.to(&Route::Guide(&site.guides[i].slug))),
        move_url: None,
    };
    // Edges are sorted by source, so each guide's moves are one run.
    let mut from: Vec<&[Edge]> = vec![&[]; site.guides.len()];
    for run in g.edges.chunk_by(|a, b| a.from == b.from) {
        if let Some(slot) = from.get_mut(run[0].from) {
            *slot = run;
        }
    }
    let mut out: Vec<PathRoleView> = ids
        .iter()
        .map(|&i| {
            let mut leads_to = Vec::new();
            let mut transitions = Vec::new();
            for e in from[i] {
                match e.kind {
                    LinkKind::LeadsTo => leads_to.push(link(e.to)),
                    LinkKind::Transition => transitions.push(link(e.to)),
                }
            }
            leads_to.sort_by(|a, b| a.title.cmp(&b.title));
            transitions.sort_by(|a, b| a.title.cmp(&b.title));
            PathRoleView {
                title: site.guides[i].front.title.clone(),
                url: links.to(&Route::Guide(&site.guides[i].slug)),
                leads_to,
                transitions,
            }
        })
        .collect();
    out.sort_by(|a, b| a.title.cmp(&b.title).then(a.url.cmp(&b.url)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// [`layer`], with each node's key made here.
    fn layer_of(nodes: &mut [Node], edges: &[Edge]) {
        let keys: Vec<String> = nodes.iter().map(|n| key(&n.title)).collect();
        layer(nodes, &keys, edges);
    }

    /// The layering as first written: the lowest undone node is searched
    /// from 0 after every cycle, and sort keys are built per comparison.
    fn layer_reference(nodes: &mut [Node], edges: &[Edge]) {
        let n = nodes.len();
        let mut indeg = vec![0usize; n];
        let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
        for e in edges.iter().filter(|e| e.kind == LinkKind::LeadsTo) {
            indeg[e.to] += 1;
            out[e.from].push(e.to);
        }
        let indeg_leads = indeg.clone();
        let mut depth = vec![0usize; n];
        let mut done = vec![false; n];
        let mut queue: std::collections::VecDeque<usize> =
            (0..n).filter(|&i| indeg[i] == 0).collect();
        let mut remaining = n;
        while remaining > 0 {
            let next = match queue.pop_front() {
                Some(v) => v,
                None => match (0..n).find(|&i| !done[i]) {
                    Some(v) => v,
                    None => break,
                },
            };
            if done[next] {
                continue;
            }
            done[next] = true;
            remaining -= 1;
            for &t in &out[next] {
                if done[t] {
                    continue;
                }
                depth[t] = depth[t].max(depth[next] + 1);
                indeg[t] = indeg[t].saturating_sub(1);
                if indeg[t] == 0 {
                    queue.push_back(t);
                }
            }
        }
        let mut first_transition: Vec<Option<usize>> = vec![None; n];
        for e in edges {
            let d = depth[e.from] + 1;
            let slot = &mut first_transition[e.to];
            *slot = Some(slot.map_or(d, |s| s.min(d)));
        }
        for i in 0..n {
            if nodes[i].guide.is_none() && indeg_leads[i] == 0 {
                if let Some(d) = first_transition[i] {
                    depth[i] = d;
                }
            }
        }
        let mut layers: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (i, d) in depth.iter().enumerate() {
            layers.entry(*d).or_default().push(i);
        }
        for members in layers.values_mut() {
            members.sort_by(|&a, &b| {
                key(&nodes[a].title)
                    .cmp(&key(&nodes[b].title))
                    .then(a.cmp(&b))
            });
            for (row, &i) in members.iter().enumerate() {
                nodes[i].depth = depth[i];
                nodes[i].row = row;
            }
        }
    }

    /// `n` nodes (the first `guides` of them guides) with titles that clash
    /// when case is ignored, so the tie-break by index matters too.
    fn nodes(n: usize, guides: usize) -> Vec<Node> {
        (0..n)
            .map(|i| Node {
                title: if i % 3 == 0 {
                    format!("Role {}", i % 7)
                } else {
                    format!(" role {} ", i % 5)
                },
                guide: (i < guides).then_some(i),
                depth: 0,
                row: 0,
            })
            .collect()
    }

    fn edges(raw: &[(usize, usize, bool)], n: usize, guides: usize) -> Vec<Edge> {
        let mut edges: Vec<Edge> = raw
            .iter()
            .map(|&(f, t, leads)| Edge {
                from: f % guides,
                to: t % n,
                kind: if leads {
                    LinkKind::LeadsTo
                } else {
                    LinkKind::Transition
                },
            })
            .filter(|e| e.from != e.to)
            .collect();
        edges.sort();
        edges.dedup();
        edges
    }

    #[test]
    fn many_cycles_lay_out_as_before() {
        // 400 two-node cycles chained one after another, plus transitions
        // pointing back: every cycle must be broken by the fallback search.
        let n = 1000;
        let guides = 800;
        let mut raw = Vec::new();
        for c in 0..400 {
            let (a, b) = (2 * c, 2 * c + 1);
            raw.push((a, b, true));
            raw.push((b, a, true));
            raw.push((b, (a + 2) % guides, true));
            raw.push((a, 800 + c % 200, c % 2 == 0));
        }
        let edges = edges(&raw, n, guides);
        let mut fast = nodes(n, guides);
        let mut reference = fast.clone();
        layer_of(&mut fast, &edges);
        layer_reference(&mut reference, &edges);
        assert_eq!(fast, reference);
        assert!(fast.iter().any(|n| n.depth > 100), "the chain is deep");
    }

    proptest! {
        #[test]
        fn layout_matches_the_reference(
            n in 2usize..40,
            raw in proptest::collection::vec((0usize..40, 0usize..40, any::<bool>()), 0..120),
        ) {
            let guides = (n * 2 / 3).max(1);
            let edges = edges(&raw, n, guides);
            let mut fast = nodes(n, guides);
            let mut reference = fast.clone();
            layer_of(&mut fast, &edges);
            layer_reference(&mut reference, &edges);
            prop_assert_eq!(fast, reference);
        }
    }
}
