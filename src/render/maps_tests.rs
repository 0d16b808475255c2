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
        let m = sub_map(site, &links, &g, &all, crate::render::i18n::english());
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
            &bounded(&g, &members),
            crate::render::i18n::english(),
        );
        let (b, a) = mapsvg::crossings(&m, 8);
        out.push((fams.list[f].0.clone(), b, a));
    }
    out
}

#[test]
fn the_layout_has_fewer_crossings_than_title_order_on_this_repositorys_site() {
    let s = site(".");
    let r = report(&s);
    for (name, before, after) in &r {
        println!("{name}: {before} crossings in title order, {after} after");
        assert!(after <= before, "{name}");
    }
}

/// `CAREERBOOK_MAP_SITE=/path/to/site cargo test --lib crossings_of -- --ignored --nocapture`
/// prints the crossings of the maps of any site.
#[test]
#[ignore]
fn crossings_of_a_site_named_in_the_environment() {
    let root = std::env::var("CAREERBOOK_MAP_SITE").expect("CAREERBOOK_MAP_SITE");
    let loaded = crate::guide::load::load(Path::new(&root)).expect("load");
    let s = Site::new(loaded.config, loaded.guides);
    let (mut tb, mut ta) = (0, 0);
    for (name, before, after) in report(&s) {
        println!("{name}: {before} -> {after}");
        tb += before;
        ta += after;
    }
    println!("total: {tb} -> {ta}");
}
