//! Tests of the career maps on fixture sites and on this repository's own.

use super::*;
use std::path::Path;

fn site(rel: &str) -> Site {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    let loaded = crate::guide::load::load(&root).expect("load");
    Site::new(loaded.config, loaded.guides)
}

/// Crossings of every map of a site, before (one column a rank, title
/// order) and after the layout: the whole map and each family's.
fn report(site: &Site) -> Vec<(String, usize, usize)> {
    let g = graph::build(site);
    let fams = Families::new(site, &g);
    let links = PageLinks::of(&Route::Paths, &site.base);
    let mut out = Vec::new();
    if g.nodes.len() <= MAX_BOXES {
        let all: Vec<usize> = (0..g.nodes.len()).collect();
        let m = sub_map(
            site,
            &links,
            &g,
            &all,
            &g.edges,
            crate::render::i18n::english(),
        );
        let (b, a) = mapsvg::crossings(&m, 8);
        out.push(("(whole site)".to_string(), b, a));
    }
    for f in 0..fams.list.len() {
        let members: Vec<usize> = (0..g.nodes.len())
            .filter(|&i| fams.of[i] == Some(f))
            .collect();
        let m = sub_map(
            site,
            &links,
            &g,
            &bounded(&g, &members, fams.inner(&g, f)),
            fams.inner(&g, f),
            crate::render::i18n::english(),
        );
        let (b, a) = mapsvg::crossings(&m, 8);
        out.push((fams.list[f].0.clone(), b, a));
    }
    out
}

/// On this repository's site and the fixture sites with moves, and on the
/// site named by `CAREERBOOK_MAP_SITE` when set, no map crosses more than
/// in title order. `CAREERBOOK_MAP_SITE=/path/to/site cargo test --lib
/// no_more_crossings -- --nocapture` prints the crossings of any site.
#[test]
fn the_layout_has_no_more_crossings_than_title_order() {
    let mut sites: Vec<(String, Site)> = [".", "tests/fixtures/career", "tests/fixtures/full"]
        .iter()
        .map(|rel| (rel.to_string(), site(rel)))
        .collect();
    if let Ok(root) = std::env::var("CAREERBOOK_MAP_SITE") {
        let loaded = crate::guide::load::load(Path::new(&root)).expect("load");
        sites.push((root, Site::new(loaded.config, loaded.guides)));
    }
    for (root, s) in &sites {
        let (mut tb, mut ta) = (0, 0);
        for (name, before, after) in report(s) {
            println!("{root}: {name}: {before} crossings in title order, {after} after");
            assert!(after <= before, "{root}: {name}");
            tb += before;
            ta += after;
        }
        println!("{root}: total: {tb} -> {ta}");
    }
}

/// The farthest right a cubic Bézier `M x0 _ C x1 _ x2 _ x3 _` reaches,
/// sampled.
fn reach(d: &str) -> f64 {
    let nums: Vec<f64> = d
        .split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().expect("a number"))
        .collect();
    let xs = [nums[0], nums[2], nums[4], nums[6]];
    (0..=100)
        .map(|i| {
            let t = f64::from(i) / 100.0;
            let u = 1.0 - t;
            u * u * u * xs[0]
                + 3.0 * u * u * t * xs[1]
                + 3.0 * u * t * t * xs[2]
                + t * t * t * xs[3]
        })
        .fold(0.0, f64::max)
}

/// A move within the last column curves out to the right of it: the
/// drawing is wide enough to hold the curve, whichever way it runs.
#[test]
fn a_loop_out_of_the_last_column_stays_inside_the_drawing() {
    let node = |label: &str| mapsvg::MapNode {
        label: label.into(),
        href: None,
        tip: label.into(),
        rank: 1,
        class: "g-node",
    };
    for rtl in [false, true] {
        let mut start = node("Start");
        start.rank = 0;
        let map = Map {
            nodes: vec![start, node("Lead"), node("Principal")],
            edges: vec![
                mapsvg::MapEdge {
                    from: 0,
                    to: 1,
                    dashed: false,
                },
                mapsvg::MapEdge {
                    from: 1,
                    to: 2,
                    dashed: true,
                },
            ],
            rtl,
        };
        let svg = mapsvg::draw(&map, "test", "t");
        let wide = svg.split("</svg>").next().expect("the wide drawing");
        let width: f64 = wide
            .split("width=\"")
            .nth(1)
            .and_then(|w| w.split('"').next())
            .and_then(|w| w.parse().ok())
            .expect("a width");
        let paths: Vec<&str> = wide
            .split(" d=\"")
            .skip(1)
            .filter_map(|p| p.split('"').next())
            .filter(|d| d.contains('C'))
            .collect();
        assert_eq!(paths.len(), 2, "{wide}");
        // Mirrored or not, the path's own coordinates run left to right.
        for d in paths {
            assert!(reach(d) <= width - 1.0, "{d} reaches past {width}: {wide}");
        }
    }
}
