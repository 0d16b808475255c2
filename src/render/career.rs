//! Moves between guides, as data: which pairs of guides a progression link
//! joins ([`moves`]) and the route of each one's page ([`route`]); for a
//! guide, the guides two or three moves away with the shortest chain there
//! and the skills it adds up to ([`routes`]); and what a guide's page shows
//! of other guides through skills and moves ([`shown_of_others`]).
//!
//! In: the resolved site and its skill index. Out: guide indices and
//! routes; the pages are made by `render::transitions` and `render::view`.

use crate::site::Site;
use crate::util::layout::Route;
use std::collections::VecDeque;

/// How many similar roles a guide page names.
pub(crate) const SIMILAR: usize = 5;

/// Every pair of guides a progression link joins, `(from, to)`, sorted,
/// each once (a guide listing another under both "Can Lead To" and
/// "Transition Opportunities" gets one page).
pub(crate) fn moves(site: &Site) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = site
        .guides
        .iter()
        .enumerate()
        .flat_map(|(i, g)| {
            site.outgoing(g)
                .into_iter()
                .filter(move |&(_, t)| t != i)
                .map(move |(_, t)| (i, t))
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The route of the page of the move from guide `from` to guide `to`.
pub(crate) fn route(site: &Site, from: usize, to: usize) -> Route<'_> {
    Route::Transition {
        from: &site.guides[from].slug,
        to: &site.guides[to].slug,
    }
}

/// The most routes a guide's page shows.
pub(crate) const MAX_ROUTES: usize = 6;

/// A chain of moves from a guide to one two or three moves away.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Chain {
    /// The guides along it, the start first.
    pub(crate) steps: Vec<usize>,
    /// The skills to learn along it, each once, in the order they come:
    /// at each move, the target's skills that neither the start nor an
    /// earlier step lists.
    pub(crate) missing: Vec<usize>,
}

/// The guides two or three moves from guide `i` and, for each, the
/// shortest chain of moves there (ties to the chain through the guides
/// first in the site's order), nearest and then by title; at most
/// [`MAX_ROUTES`].
pub(crate) fn routes(site: &Site, i: usize) -> Vec<Chain> {
    let n = site.guides.len();
    let mut prev: Vec<Option<usize>> = vec![None; n];
    let mut dist: Vec<usize> = vec![usize::MAX; n];
    dist[i] = 0;
    let mut queue = VecDeque::from([i]);
    let mut found: Vec<usize> = Vec::new();
    while let Some(g) = queue.pop_front() {
        if dist[g] == 3 {
            continue;
        }
        let mut next: Vec<usize> = site
            .outgoing(&site.guides[g])
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        next.sort_unstable();
        next.dedup();
        for t in next {
            if dist[t] == usize::MAX {
                dist[t] = dist[g] + 1;
                prev[t] = Some(g);
                if dist[t] >= 2 {
                    found.push(t);
                }
                queue.push_back(t);
            }
        }
    }
    found.sort_by(|&a, &b| {
        let (ga, gb) = (&site.guides[a], &site.guides[b]);
        (dist[a], &ga.front.title, &ga.slug).cmp(&(dist[b], &gb.front.title, &gb.slug))
    });
    found.truncate(MAX_ROUTES);
    found
        .into_iter()
        .map(|t| {
            let mut steps = vec![t];
            while let Some(p) = prev[*steps.last().unwrap_or(&i)] {
                steps.push(p);
            }
            steps.reverse();
            let mut have: Vec<usize> = site.skills.of_guide(i).to_vec();
            let mut missing = Vec::new();
            for &s in &steps[1..] {
                for &k in site.skills.of_guide(s) {
                    if !have.contains(&k) {
                        have.push(k);
                        missing.push(k);
                    }
                }
            }
            Chain { steps, missing }
        })
        .collect()
}

/// What the page of guide `i` shows of other guides through skills and
/// moves: its skills' page slugs, its similar roles and its routes, by
/// slug, title and skill name. `watch` re-renders the page when this
/// changes.
pub(crate) fn shown_of_others(site: &Site, i: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in &site.guides[i].front.skills {
        let slug = site
            .skills
            .find(s)
            .and_then(|id| site.skills.skills[id].slug.as_deref());
        out.push(slug.unwrap_or("").to_string());
    }
    for (o, shared) in site.skills.similar(i, SIMILAR) {
        let g = &site.guides[o];
        out.push(format!("{}\n{}\n{shared}", g.slug, g.front.title));
    }
    for c in routes(site, i) {
        let mut line = String::new();
        for &s in &c.steps {
            let g = &site.guides[s];
            line.push_str(&format!("{}\n{}\n", g.slug, g.front.title));
        }
        for &s in &c.missing {
            line.push_str(&site.skills.skills[s].name);
            line.push('\n');
        }
        out.push(line);
    }
    out
}
