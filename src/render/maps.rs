//! The career maps: `paths/` (the whole map while it is small, and always
//! the job families with the moves between them), one map per family at
//! `paths/<family>/`, and the neighbourhood map of each guide page.
//!
//! In: the site, its progression graph ([`graph::build`]) and the links of
//! the page. Out: the pages of the `paths/` folder, and a guide's
//! neighbourhood as SVG. Every map is bounded: a family with more than
//! [`MAX_BOXES`] roles shows those with the most moves inside the family
//! and lists the rest as text; a neighbourhood shows at most
//! [`NEAR_PER_RANK`] roles a step and counts the others.

use crate::diag::Diagnostic;
use crate::render::graph::{self, Edge, Graph, PathRoleView};
use crate::render::i18n::{Arg, Strings};
use crate::render::maplayout;
use crate::render::mapsvg::{self, Map, MapEdge, MapNode};
use crate::render::page::{page_view, render_one, Page};
use crate::render::theme::Theme;
use crate::render::view::{PageKind, RoleView, SiteView};
use crate::site::terms::Kind;
use crate::site::{LinkKind, Site};
use crate::util::layout::{PageLinks, Route};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// The most boxes one map draws; a whole site this small gets its map on
/// `paths/`, a larger family only its best-connected roles.
pub(crate) const MAX_BOXES: usize = 40;
/// The most roles a neighbourhood shows one step further along.
pub(crate) const NEAR_PER_RANK: usize = 8;

#[derive(Serialize)]
struct PathsContext<'a> {
    site: &'a SiteView<'a>,
    page: crate::render::view::PageView,
    graph_svg: String,
    whole: bool,
    roles: Vec<PathRoleView>,
    plain_count: usize,
    guide_count: usize,
    families: Vec<FamilySummary>,
    moves: Vec<FamilyMove>,
    /// The first guides without a family, A to Z: at most `paginate`, so
    /// the page stays light at any size (`all_url` lists every guide).
    no_family: Vec<RoleView>,
    /// How many guides have no family.
    no_family_total: usize,
    /// Every guide, A to Z: the paginated search listing.
    all_url: String,
}

/// A family on `paths/`.
#[derive(Serialize)]
struct FamilySummary {
    name: String,
    url: String,
    guides: usize,
    roles: usize,
}

/// Moves from the guides of one family to roles of another.
#[derive(Serialize)]
struct FamilyMove {
    from: String,
    from_url: String,
    to: String,
    to_url: String,
    count: usize,
}

#[derive(Serialize)]
struct FamilyContext<'a> {
    site: &'a SiteView<'a>,
    page: crate::render::view::PageView,
    family: FamilyView,
}

/// One family's map page.
#[derive(Serialize)]
struct FamilyView {
    name: String,
    term_url: String,
    paths_url: String,
    map_svg: String,
    shown: usize,
    total: usize,
    roles: Vec<PathRoleView>,
    /// The family's first guides not on the map, A to Z: at most
    /// `paginate`, so the page stays light at any size (`term_url` lists
    /// every guide of the family, page by page).
    others: Vec<RoleView>,
    /// How many of the family's guides are not on the map.
    others_total: usize,
    /// How many of its guides the family's guide list holds.
    guides_total: usize,
    plain_others: usize,
    moves_out: Vec<FamilyMove>,
    moves_in: Vec<FamilyMove>,
}

/// The families of the site by name, and the family of each graph node: a
/// guide's own, a plain role's that of the first family naming it.
struct Families<'a> {
    list: Vec<(&'a String, &'a crate::site::terms::Term)>,
    of: Vec<Option<usize>>,
    /// For each family, the moves among its own roles, by index into the
    /// graph's edges: each family page reads only these, not all of them.
    inner: Vec<Vec<usize>>,
    /// How many moves lead from a family to another, by (from, to).
    between: BTreeMap<(usize, usize), usize>,
}

impl<'a> Families<'a> {
    fn new(site: &'a Site, g: &Graph) -> Families<'a> {
        let list: Vec<_> = site.terms.of(Kind::Family).collect();
        let mut of = vec![None; g.nodes.len()];
        for (f, (_, t)) in list.iter().enumerate() {
            for &i in &t.guides {
                of[i].get_or_insert(f);
            }
        }
        for e in &g.edges {
            if g.nodes[e.to].guide.is_none() {
                if let Some(f) = of[e.from] {
                    of[e.to] = Some(of[e.to].map_or(f, |x: usize| x.min(f)));
                }
            }
        }
        let mut inner = vec![Vec::new(); list.len()];
        let mut between: BTreeMap<(usize, usize), usize> = BTreeMap::new();
        for (k, e) in g.edges.iter().enumerate() {
            if let (Some(a), Some(b)) = (of[e.from], of[e.to]) {
                if a == b {
                    inner[a].push(k);
                } else {
                    *between.entry((a, b)).or_default() += 1;
                }
            }
        }
        Families {
            list,
            of,
            inner,
            between,
        }
    }

    /// The moves among family `f`'s own roles.
    fn inner<'s>(&'s self, g: &'s Graph, f: usize) -> impl Iterator<Item = &'s Edge> + 's {
        self.inner[f].iter().map(move |&k| &g.edges[k])
    }

    fn route(&self, f: usize) -> Route<'a> {
        Route::FamilyPaths(&self.list[f].1.slug)
    }

    /// Moves between families, counted, by (from, to) name.
    fn moves(&self, links: &PageLinks) -> Vec<FamilyMove> {
        self.between
            .iter()
            .map(|(&(a, b), &count)| FamilyMove {
                from: self.list[a].0.clone(),
                from_url: links.to(&self.route(a)),
                to: self.list[b].0.clone(),
                to_url: links.to(&self.route(b)),
                count,
            })
            .collect()
    }
}

fn node_box(site: &Site, links: &PageLinks, g: &Graph, i: usize, strings: &Strings) -> MapNode {
    let n = &g.nodes[i];
    MapNode {
        label: n.title.clone(),
        href: n
            .guide
            .map(|x| links.to(&Route::Guide(&site.guides[x].slug))),
        tip: if n.guide.is_some() {
            n.title.clone()
        } else {
            strings.with("map.no_guide", "title", &n.title)
        },
        rank: 0,
        class: if n.guide.is_some() {
            "g-node"
        } else {
            "g-node g-plain"
        },
    }
}

/// The map of graph nodes `members` and the moves among them (those of
/// `moves` with both ends among them), ranked by their own progressions.
fn sub_map<'g>(
    site: &Site,
    links: &PageLinks,
    g: &Graph,
    members: &[usize],
    moves: impl IntoIterator<Item = &'g Edge>,
    strings: &Strings,
) -> Map {
    let mut members = members.to_vec();
    // Start from the site-wide layering, by title within a layer.
    members.sort_by_key(|&i| (g.nodes[i].depth, g.nodes[i].row));
    let mut index: Vec<Option<usize>> = vec![None; g.nodes.len()];
    for (k, &i) in members.iter().enumerate() {
        index[i] = Some(k);
    }
    let mut edges = Vec::new();
    for e in moves {
        if let (Some(a), Some(b)) = (index[e.from], index[e.to]) {
            edges.push(MapEdge {
                from: a,
                to: b,
                dashed: e.kind == LinkKind::Transition,
            });
        }
    }
    let pairs = |dashed: bool| -> Vec<(usize, usize)> {
        edges
            .iter()
            .filter(|e| e.dashed == dashed)
            .map(|e| (e.from, e.to))
            .collect()
    };
    let rank = maplayout::ranks(members.len(), &pairs(false), &pairs(true));
    let nodes = members
        .iter()
        .zip(rank)
        .map(|(&i, rank)| MapNode {
            rank,
            ..node_box(site, links, g, i, strings)
        })
        .collect();
    Map {
        nodes,
        edges,
        rtl: rtl(site),
    }
}

/// Whether the site's language is written right to left: its maps are
/// drawn mirrored.
fn rtl(site: &Site) -> bool {
    crate::render::i18n::format::direction(&site.config.language) == "rtl"
}

/// The `members` a bounded map draws: all of them when few, else the
/// [`MAX_BOXES`] with the most moves among the members (those of `moves`
/// with both ends among them; guides first on a tie, then by title).
fn bounded<'g>(
    g: &Graph,
    members: &[usize],
    moves: impl IntoIterator<Item = &'g Edge>,
) -> Vec<usize> {
    if members.len() <= MAX_BOXES {
        return members.to_vec();
    }
    let mut inside = vec![false; g.nodes.len()];
    for &i in members {
        inside[i] = true;
    }
    let mut degree = vec![0usize; g.nodes.len()];
    for e in moves {
        if inside[e.from] && inside[e.to] {
            degree[e.from] += 1;
            degree[e.to] += 1;
        }
    }
    let mut ranked = members.to_vec();
    ranked.sort_by(|&a, &b| {
        let key = |i: usize| (std::cmp::Reverse(degree[i]), g.nodes[i].guide.is_none());
        key(a)
            .cmp(&key(b))
            .then_with(|| g.nodes[a].title.cmp(&g.nodes[b].title))
            .then(a.cmp(&b))
    });
    ranked.truncate(MAX_BOXES);
    ranked
}

/// The pages of the `paths/` folder: the overview and one map a family;
/// with `retitled` (guides whose titles alone changed, no move), the
/// overview and the maps that show one of them.
pub(crate) fn pages(
    site: &Site,
    theme: &Theme,
    sv: &SiteView<'_>,
    retitled: Option<&[usize]>,
) -> Result<Vec<Page>, Diagnostic> {
    let g = graph::build(site);
    let fams = Families::new(site, &g);
    let mut out = vec![overview(site, theme, sv, &g, &fams)?];
    let mut todo = vec![retitled.is_none(); fams.list.len()];
    // A family's map shows its own roles, and its text list the titles
    // its guides lead to; the order within a layer follows titles only
    // among the family's own roles.
    for &i in retitled.unwrap_or_default() {
        let leading = site.incoming(i).iter().map(|&(from, _)| from);
        for node in std::iter::once(i).chain(leading) {
            if let Some(f) = fams.of[node] {
                todo[f] = true;
            }
        }
    }
    for f in (0..fams.list.len()).filter(|&f| todo[f]) {
        out.push(family_page(site, theme, sv, &g, &fams, f)?);
    }
    Ok(out)
}

fn overview(
    site: &Site,
    theme: &Theme,
    sv: &SiteView<'_>,
    g: &Graph,
    fams: &Families<'_>,
) -> Result<Page, Diagnostic> {
    let links = PageLinks::of(&Route::Paths, &site.base);
    let whole = g.nodes.len() <= MAX_BOXES;
    let moves = fams.moves(&links);
    let mut sizes = vec![0usize; fams.list.len()];
    for f in fams.of.iter().flatten() {
        sizes[*f] += 1;
    }
    let families: Vec<FamilySummary> = fams
        .list
        .iter()
        .enumerate()
        .map(|(f, (name, t))| FamilySummary {
            name: (*name).clone(),
            url: links.to(&fams.route(f)),
            guides: t.guides.len(),
            roles: sizes[f],
        })
        .collect();
    let graph_svg = if whole {
        let all: Vec<usize> = (0..g.nodes.len()).collect();
        let strings = &*theme.strings;
        let name = strings.get("map.whole", Some(g.nodes.len() as f64), &[]);
        let map = sub_map(site, &links, g, &all, &g.edges, strings);
        mapsvg::draw(&map, &name, "paths")
    } else {
        families_svg(&families, &moves, &theme.strings, rtl(site))
    };
    let ids: Vec<usize> = if whole {
        (0..site.guides.len()).collect()
    } else {
        Vec::new()
    };
    let mut no_family: Vec<RoleView> = (0..site.guides.len())
        .filter(|&i| fams.of[i].is_none())
        .map(|i| {
            let g = &site.guides[i];
            RoleView::guide(g.front.title.clone(), links.to(&Route::Guide(&g.slug)))
        })
        .collect();
    let no_family_total = no_family.len();
    first_a_to_z(&mut no_family, site.config.paginate);
    render_one(
        theme,
        "paths.html",
        &PathsContext {
            site: &sv.at(&links),
            page: page_view(
                site,
                &Route::Paths,
                theme.strings.text("paths.title"),
                theme.strings.count_with(
                    "meta.paths",
                    site.guides.len(),
                    "site",
                    &site.config.title,
                ),
                PageKind::Paths,
            ),
            graph_svg,
            whole,
            roles: graph::text_list(site, &links, g, &ids),
            plain_count: g.nodes.iter().filter(|n| n.guide.is_none()).count(),
            guide_count: site.guides.len(),
            families,
            moves,
            no_family,
            no_family_total,
            all_url: links.to(&Route::Search),
        },
        Route::Paths.file(),
    )
}

/// Keeps the first `n` of `roles` by title (then URL): a list that grows
/// with the site is cut where the page would stop being light, and the
/// page links the full list, which is split into pages.
fn first_a_to_z(roles: &mut Vec<RoleView>, n: usize) {
    let by_title = |a: &RoleView, b: &RoleView| a.title.cmp(&b.title).then(a.url.cmp(&b.url));
    if roles.len() > n {
        roles.select_nth_unstable_by(n, by_title);
        roles.truncate(n);
    }
    roles.sort_by(by_title);
}

/// The families as boxes, with each family's two largest moves into others.
fn families_svg(
    families: &[FamilySummary],
    moves: &[FamilyMove],
    strings: &Strings,
    rtl: bool,
) -> String {
    let index: HashMap<&str, usize> = families
        .iter()
        .enumerate()
        .map(|(k, f)| (f.name.as_str(), k))
        .collect();
    let mut edges: Vec<MapEdge> = Vec::new();
    for (k, _) in families.iter().enumerate() {
        let mut out: Vec<&FamilyMove> = moves
            .iter()
            .filter(|m| index.get(m.from.as_str()) == Some(&k))
            .collect();
        out.sort_by(|a, b| b.count.cmp(&a.count).then(a.to.cmp(&b.to)));
        for m in out.into_iter().take(2) {
            if let Some(&to) = index.get(m.to.as_str()) {
                edges.push(MapEdge {
                    from: k,
                    to,
                    dashed: false,
                });
            }
        }
    }
    let pairs: Vec<(usize, usize)> = edges.iter().map(|e| (e.from, e.to)).collect();
    let rank = maplayout::ranks(families.len(), &pairs, &[]);
    let nodes = families
        .iter()
        .zip(rank)
        .map(|(f, rank)| MapNode {
            label: strings.count_with("map.family_box", f.guides, "family", &f.name),
            href: Some(f.url.clone()),
            tip: strings.count_with("map.family_tip", f.roles, "family", &f.name),
            rank,
            class: "g-node",
        })
        .collect();
    mapsvg::draw(
        &Map { nodes, edges, rtl },
        &strings.text("map.families"),
        "families",
    )
}

fn family_page(
    site: &Site,
    theme: &Theme,
    sv: &SiteView<'_>,
    g: &Graph,
    fams: &Families<'_>,
    f: usize,
) -> Result<Page, Diagnostic> {
    let route = fams.route(f);
    let links = PageLinks::of(&route, &site.base);
    let name = fams.list[f].0.clone();
    let members: Vec<usize> = (0..g.nodes.len())
        .filter(|&i| fams.of[i] == Some(f))
        .collect();
    let shown = bounded(g, &members, fams.inner(g, f));
    let on_map: std::collections::HashSet<usize> = shown.iter().copied().collect();
    let strings = &*theme.strings;
    let map = sub_map(site, &links, g, &shown, fams.inner(g, f), strings);
    let n = |x: usize| Arg::Num(x as f64);
    let label = strings.get(
        "map.family",
        None,
        &[
            ("family", Arg::Str(&name)),
            ("shown", n(shown.len())),
            ("total", n(members.len())),
        ],
    );
    let ids: Vec<usize> = shown.iter().filter_map(|&i| g.nodes[i].guide).collect();
    let mut others: Vec<RoleView> = members
        .iter()
        .filter(|i| !on_map.contains(i))
        .filter_map(|&i| g.nodes[i].guide)
        .map(|x| {
            let g = &site.guides[x];
            RoleView::guide(g.front.title.clone(), links.to(&Route::Guide(&g.slug)))
        })
        .collect();
    let others_total = others.len();
    first_a_to_z(&mut others, site.config.paginate);
    let plain_others = members
        .iter()
        .filter(|i| !on_map.contains(i) && g.nodes[**i].guide.is_none())
        .count();
    let moves = fams.moves(&links);
    let (moves_out, moves_in) = moves
        .into_iter()
        .filter(|m| m.from == name || m.to == name)
        .partition(|m| m.from == name);
    let term_url = site
        .terms
        .route(Kind::Family, &name)
        .map(|r| links.to(&r))
        .unwrap_or_default();
    render_one(
        theme,
        "family-paths.html",
        &FamilyContext {
            site: &sv.at(&links),
            page: page_view(
                site,
                &route,
                strings.with("paths.family_title", "family", &name),
                strings.with("meta.family_paths", "family", &name),
                PageKind::Paths,
            ),
            family: FamilyView {
                name,
                term_url,
                paths_url: links.to(&Route::Paths),
                map_svg: mapsvg::draw(&map, &label, "family"),
                shown: shown.len(),
                total: members.len(),
                roles: graph::text_list(site, &links, g, &ids),
                others,
                others_total,
                guides_total: fams.list[f].1.guides.len(),
                plain_others,
                moves_out,
                moves_in,
            },
        },
        route.file(),
    )
}

/// A role in a neighbourhood: a guide, or a plain title by its key.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Near {
    Guide(usize),
    Plain(String),
}

fn targets(site: &Site, i: usize) -> Vec<(Near, String, bool)> {
    crate::site::items(&site.guides[i])
        .zip(site.targets(i))
        .map(|((kind, r), &t)| (r, kind == LinkKind::Transition, t))
        .filter_map(|(r, dashed, t)| match t {
            Some(t) if t == i => None,
            Some(t) => Some((Near::Guide(t), site.guides[t].front.title.clone(), dashed)),
            None => Some((
                Near::Plain(r.title().trim().to_lowercase()),
                r.title().trim().to_string(),
                dashed,
            )),
        })
        .collect()
}

/// The neighbourhood of guide `i`: two steps back (what leads here, and
/// what leads there), the guide, two steps on (where it leads, and where
/// those lead), each move drawn once from one step to the next.
pub(crate) fn near_map(site: &Site, i: usize, links: &PageLinks, strings: &Strings) -> Map {
    // Rank of each role: 0 and 1 lead here, 2 is the guide, 3 and 4 follow.
    let mut rank: BTreeMap<Near, (usize, String)> = BTreeMap::new();
    rank.insert(Near::Guide(i), (2, site.guides[i].front.title.clone()));
    let mut edges: Vec<(Near, Near, bool)> = Vec::new();
    let mut step = |rank: &mut BTreeMap<Near, (usize, String)>,
                    at: usize,
                    list: Vec<(Near, String, bool)>,
                    from: Option<&Near>,
                    to: Option<&Near>| {
        for (n, title, dashed) in list {
            let r = rank.entry(n.clone()).or_insert_with(|| (at, title)).0;
            if r == at {
                match (from, to) {
                    (Some(f), _) => edges.push((f.clone(), n, dashed)),
                    (_, Some(t)) => edges.push((n, t.clone(), dashed)),
                    _ => {}
                }
            }
        }
    };
    let me = Near::Guide(i);
    step(&mut rank, 3, targets(site, i), Some(&me), None);
    let incoming = |t: usize| -> Vec<(Near, String, bool)> {
        site.incoming(t)
            .iter()
            .map(|&(f, k)| {
                (
                    Near::Guide(f),
                    site.guides[f].front.title.clone(),
                    k == LinkKind::Transition,
                )
            })
            .collect()
    };
    step(&mut rank, 1, incoming(i), None, Some(&me));
    let firsts: Vec<(Near, usize)> = rank
        .iter()
        .filter(|(_, (r, _))| *r == 1 || *r == 3)
        .map(|(n, (r, _))| (n.clone(), *r))
        .collect();
    for (n, r) in &firsts {
        if let Near::Guide(t) = n {
            if *r == 3 {
                step(&mut rank, 4, targets(site, *t), Some(n), None);
            } else {
                step(&mut rank, 0, incoming(*t), None, Some(n));
            }
        }
    }
    // Bound each step: the first roles by title, the rest counted.
    let mut by_rank: BTreeMap<usize, Vec<(String, Near)>> = BTreeMap::new();
    for (n, (r, title)) in &rank {
        by_rank
            .entry(*r)
            .or_default()
            .push((title.to_lowercase(), n.clone()));
    }
    let mut map = Map {
        rtl: rtl(site),
        ..Map::default()
    };
    let mut index: HashMap<Near, usize> = HashMap::new();
    for (r, mut list) in by_rank {
        list.sort();
        let more = list.len().saturating_sub(NEAR_PER_RANK);
        for (_, n) in list.into_iter().take(NEAR_PER_RANK) {
            let title = rank[&n].1.clone();
            let note = |key: &str| strings.with(key, "title", &title);
            let (href, class, tip) = match &n {
                Near::Guide(x) if *x == i => (None, "g-node g-self", note("map.this_page")),
                Near::Guide(x) => (
                    Some(links.to(&Route::Guide(&site.guides[*x].slug))),
                    "g-node",
                    title.clone(),
                ),
                Near::Plain(_) => (None, "g-node g-plain", note("map.no_guide")),
            };
            index.insert(n, map.nodes.len());
            map.nodes.push(MapNode {
                label: title,
                href,
                tip,
                rank: r,
                class,
            });
        }
        if more > 0 {
            let text = strings.get("map.more", Some(more as f64), &[]);
            map.nodes.push(MapNode {
                label: text.clone(),
                href: None,
                tip: text,
                rank: r,
                class: "g-node g-more",
            });
        }
    }
    for (a, b, dashed) in edges {
        if let (Some(&from), Some(&to)) = (index.get(&a), index.get(&b)) {
            map.edges.push(MapEdge { from, to, dashed });
        }
    }
    map
}

/// The neighbourhood map of guide `i` as inline SVG, or nothing when no
/// move leads to or from it.
pub(crate) fn near_svg(
    site: &Site,
    i: usize,
    links: &PageLinks,
    strings: &Strings,
) -> Option<String> {
    let map = near_map(site, i, links, strings);
    if map.nodes.len() < 2 {
        return None;
    }
    let name = strings.with("map.near", "title", &site.guides[i].front.title);
    Some(mapsvg::draw_compact(&map, &name, "near"))
}

#[cfg(test)]
#[path = "maps_tests.rs"]
mod tests;
