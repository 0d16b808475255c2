//! Serial CPU cost of each site-wide page generator.
//!
//! ```text
//! python3 /work/shared/bench/gen.py --n 10000 --out /dev/shm/g10k --format careerbook
//! cargo run --release --example bench_pages -- /dev/shm/g10k [RUNS]
//! ```
//!
//! The site is loaded once; each generator then runs RUNS times (default 5)
//! on one thread and its fastest wall time is printed. Building the views of
//! every guide page (without Tera) is timed too, for scale.

use anyhow::{Context, Result};
use careerbook::build::{self, BuildOptions};
use careerbook::site::Site;
use careerbook::taxonomy::{self, Kind};
use careerbook::view::{GuideCard, GuideView};
use careerbook::{feeds, graph, salaries, search};
use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn fastest(runs: usize, mut f: impl FnMut()) -> Duration {
    let times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    // The fastest run is the least disturbed by other work on the machine.
    times.into_iter().min().unwrap_or_default()
}

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().context("usage: bench_pages SITE_DIR [RUNS]")?);
    let runs: usize = args.next().map_or(Ok(5), |s| s.parse())?;
    let checked = build::check(&BuildOptions {
        root,
        ..Default::default()
    })?;
    let site = Site::new(checked.loaded.config.clone(), checked.loaded.guides.clone());
    println!("{} guides, fastest of {runs} runs", site.guides.len());
    let cards: Vec<GuideCard> = (0..site.guides.len())
        .map(|i| taxonomy::card(&site, i))
        .collect();
    let rows: Vec<(&str, Duration)> = vec![
        (
            "paths (graph build, svg, text list)",
            fastest(runs, || {
                let g = graph::build(&site);
                black_box(graph::svg(&site, &g));
                black_box(graph::text_list(&site, &g));
            }),
        ),
        (
            "api/guides.json",
            fastest(runs, || {
                black_box(feeds::api(&site));
            }),
        ),
        (
            "feed.xml",
            fastest(runs, || {
                black_box(feeds::atom(&site));
            }),
        ),
        (
            "search-index.json",
            fastest(runs, || {
                black_box(search::json(&site));
            }),
        ),
        (
            "salary groups",
            fastest(runs, || {
                black_box(salaries::groups(&site));
            }),
        ),
        (
            "cards",
            fastest(runs, || {
                for i in 0..site.guides.len() {
                    black_box(taxonomy::card(&site, i));
                }
            }),
        ),
        (
            "term views and summaries",
            fastest(runs, || {
                for kind in Kind::ALL {
                    black_box(taxonomy::term_views(&site, kind, &cards));
                    black_box(taxonomy::summaries(&site, kind));
                }
            }),
        ),
        (
            "guide views (no template)",
            fastest(runs.min(3), || {
                for i in 0..site.guides.len() {
                    black_box(GuideView::new(&site, i));
                }
            }),
        ),
    ];
    for (name, d) in rows {
        println!("{:>9.1} ms  {name}", d.as_secs_f64() * 1000.0);
    }
    Ok(())
}
