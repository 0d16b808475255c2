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
use std::collections::{HashMap, VecDeque};

/// How many similar roles a guide page names.
pub(crate) const SIMILAR: usize = 5;

/// Every pair of guides a progression link joins, `(from, to)`, sorted,
/// each once (a guide listing another under both "Can Lead To" and
/// "Transition Opportunities" gets one page).
pub(crate) fn moves(site: &Site) -> Vec<(usize, usize)> {
    (0..site.guides.len())
        .flat_map(|i| site.next(i).iter().map(move |&t| (i, t)))
        .collect()
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
    // Guide -> (moves from `i`, the guide before it). A map, not a table
    // as long as the site: three moves reach a few hundred guides, and
    // every guide page asks.
    let mut seen: HashMap<usize, (usize, Option<usize>)> = HashMap::from([(i, (0, None))]);
    let mut queue = VecDeque::from([i]);
    let mut found: Vec<usize> = Vec::new();
    while let Some(g) = queue.pop_front() {
        let d = seen[&g].0;
        if d == 3 {
            continue;
        }
        for &t in site.next(g) {
            if let std::collections::hash_map::Entry::Vacant(e) = seen.entry(t) {
                e.insert((d + 1, Some(g)));
                if d + 1 >= 2 {
                    found.push(t);
                }
                queue.push_back(t);
            }
        }
    }
    let mut found: Vec<(usize, &str, &str, usize)> = found
        .into_iter()
        .map(|t| {
            let g = &site.guides[t];
            (seen[&t].0, g.front.title.as_str(), g.slug.as_str(), t)
        })
        .collect();
    // Hundreds are found and only the first few shown: select them, then
    // sort those.
    if found.len() > MAX_ROUTES {
        found.select_nth_unstable(MAX_ROUTES - 1);
        found.truncate(MAX_ROUTES);
    }
    found.sort_unstable();
    found
        .into_iter()
        .map(|(_, _, _, t)| {
            let mut steps = vec![t];
            while let Some(p) = seen[steps.last().unwrap_or(&i)].1 {
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

/// What the page (and JSON record) of guide `i` shows of other guides
/// through skills and moves: its skills' page slugs, its similar roles,
/// the skills each of its moves shares and lacks, and its routes, by
/// slug, title and skill name. `watch` re-renders the page when this
/// changes.
pub(crate) fn shown_of_others(site: &Site, i: usize) -> Vec<String> {
    shown_and_named(site, i).0
}

/// [`shown_of_others`], with the guides it names (its similar roles, the
/// ends of its moves and the steps of its routes), sorted.
pub(crate) fn shown_and_named(site: &Site, i: usize) -> (Vec<String>, Vec<usize>) {
    let mut named: Vec<usize> = Vec::new();
    let mut out: Vec<String> = Vec::new();
    for id in site.skills.listed(i) {
        let slug = id.and_then(|id| site.skills.skills[id].slug.as_deref());
        out.push(slug.unwrap_or("").to_string());
    }
    for (o, shared) in site.skills.similar(i, SIMILAR) {
        let g = &site.guides[o];
        named.push(o);
        out.push(format!("{}\n{}\n{shared}", g.slug, g.front.title));
    }
    // The guide's JSON record lists each move's shared and missing skills.
    for &t in site.next(i) {
        named.push(t);
        let (shared, missing) = site.skills.compare(i, t);
        let mut line = format!("{}\n", site.guides[t].slug);
        for s in shared.iter().chain([&usize::MAX]).chain(&missing) {
            if let Some(skill) = site.skills.skills.get(*s) {
                line.push_str(&skill.key);
                line.push('\t');
                line.push_str(&skill.name);
            }
            line.push('\n');
        }
        out.push(line);
    }
    for c in routes(site, i) {
        let mut line = String::new();
        for &s in &c.steps {
            let g = &site.guides[s];
            named.push(s);
            line.push_str(&format!("{}\n{}\n", g.slug, g.front.title));
        }
        for &s in &c.missing {
            line.push_str(&site.skills.skills[s].name);
            line.push('\n');
        }
        out.push(line);
    }
    named.sort_unstable();
    named.dedup();
    (out, named)
}
