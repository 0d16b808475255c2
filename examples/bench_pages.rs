//! Serial CPU cost of each kind of page, through the real renderer.
//!
//! ```text
//! python3 /work/shared/bench/gen.py --n 10000 --out /dev/shm/g10k --format careerbook
//! cargo run --release --example bench_pages -- /dev/shm/g10k [RUNS]
//! ```
//!
//! The site is loaded once; then, RUNS times (default 5), every site-wide
//! unit is rendered on one thread with a fresh card cache, and each kind of
//! unit's fastest total is printed. The index comes first, so its row
//! includes making every guide's card once (without the `card` macro's
//! HTML, which the index does not print); the search page then renders each
//! card's HTML for its depth, and the first term page to list a guide for
//! term pages' depth; later units reuse them, as a build does. Guide pages
//! (view and template) are timed too, for scale.

use anyhow::{Context, Result};
use careerbook::build::{self, BuildOptions};
use careerbook::render::cards::Cards;
use careerbook::render::theme;
use careerbook::render::units::{self, Unit, UnitContext};
use careerbook::render::view::GuideView;
use careerbook::render::{self, RenderOptions};
use careerbook::site::Site;
use std::collections::BTreeMap;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// The row a unit is counted under.
fn label(unit: &Unit) -> String {
    match unit {
        Unit::Term(kind, _) => format!("term pages: {}", kind.key()),
        Unit::Terms(_) => "term index pages".into(),
        Unit::Moves(_) => "moves (every guide's)".into(),
        Unit::Skill(_) => "skill pages (every skill's)".into(),
        Unit::Index => "index (and every card, once)".into(),
        Unit::Search => "Search (and every card's HTML, once)".into(),
        other => format!("{other:?}"),
    }
}

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().context("usage: bench_pages SITE_DIR [RUNS]")?);
    let runs: usize = args.next().map_or(Ok(5), |s| s.parse())?;
    let checked = build::check(&BuildOptions {
        root: root.clone(),
        ..Default::default()
    })?;
    let site = Site::new(checked.loaded.config.clone(), checked.loaded.guides.clone());
    let theme = theme::load(&root, &site.config.theme, &site.config.language)
        .map_err(|d| anyhow::anyhow!("{d:?}"))?;
    let sv = render::site_view(&site, RenderOptions::default());
    let units = units::units(&site);
    println!(
        "{} guides, {} site-wide units, fastest of {runs} runs, one thread",
        site.guides.len(),
        units.len()
    );
    let mut best: BTreeMap<String, Duration> = BTreeMap::new();
    for _ in 0..runs {
        let cards = Cards::new(site.guides.len());
        let cx = UnitContext::new(&site, &theme, &sv, &cards);
        let mut totals: BTreeMap<String, Duration> = BTreeMap::new();
        for unit in &units {
            let t = Instant::now();
            black_box(cx.render(unit).map_err(|d| anyhow::anyhow!("{d:?}"))?);
            *totals.entry(label(unit)).or_default() += t.elapsed();
        }
        // The fastest run is the least disturbed by other work on the machine.
        for (k, d) in totals {
            let b = best.entry(k).or_insert(d);
            *b = (*b).min(d);
        }
    }
    let views = (0..runs.min(3))
        .map(|_| {
            let t = Instant::now();
            for i in 0..site.guides.len() {
                black_box(GuideView::new(
                    &site,
                    i,
                    &["main", "skills"],
                    &theme.strings,
                ));
            }
            t.elapsed()
        })
        .min()
        .unwrap_or_default();
    let guide_pages = (0..runs.min(3))
        .map(|_| {
            let t = Instant::now();
            for i in 0..site.guides.len() {
                black_box(render::guide_page(&site, &theme, &sv, i).ok());
            }
            t.elapsed()
        })
        .min()
        .unwrap_or_default();
    let mut rows: Vec<(String, Duration)> = best.into_iter().collect();
    rows.sort_by_key(|r| std::cmp::Reverse(r.1));
    rows.push(("guide pages (view and template)".into(), guide_pages));
    rows.push(("  of which guide views, no template".into(), views));
    for (name, d) in rows {
        println!("{:>9.1} ms  {name}", d.as_secs_f64() * 1000.0);
    }
    Ok(())
}
