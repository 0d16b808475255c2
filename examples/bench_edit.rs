//! Save-to-rebuilt latency of the incremental engine for one-guide edits.
//!
//! ```text
//! python3 /work/shared/bench/gen.py --n 10000 --out /dev/shm/g10k --format careerbook
//! cargo run --release --example bench_edit -- /dev/shm/g10k [EDITS] [KINDS]
//! ```
//!
//! The site is copied into a temporary folder, loaded and written once, then
//! EDITS (default 20) different guides are edited one after another, once
//! for each of KINDS (default `body,summary,title,salary`), each edit
//! followed by one putting the guide back; each
//! edit is timed from the file write to `apply()` returning with the output
//! files written. Medians are printed, along with the cost of rendering
//! every site-wide page (what an edit pays that adds, removes or renames a
//! guide or changes its terms) and of validating every guide, which an edit
//! avoids. Each kind's line is followed by its median edit's stages
//! ([`Timings::summary`]). The last two figures are left out when KINDS
//! is given.

use anyhow::{Context, Result};
use careerbook::build::{self, BuildOptions};
use careerbook::dev::incremental::{SiteState, StateOptions, Timings};
use careerbook::render::theme;
use careerbook::render::{self, RenderOptions};
use careerbook::site::Site;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let source = PathBuf::from(args.next().context("usage: bench_edit SITE_DIR [EDITS]")?);
    let edits: usize = args.next().map_or(Ok(20), |s| s.parse())?;
    let tmp = tempfile::Builder::new()
        .prefix("careerbook-bench-")
        .tempdir_in(if Path::new("/dev/shm").is_dir() {
            Path::new("/dev/shm")
        } else {
            Path::new(".")
        })?;
    copy_dir(&source, tmp.path())?;
    let root = tmp.path().to_path_buf();

    let start = Instant::now();
    let opts = StateOptions {
        build: BuildOptions {
            root: root.clone(),
            ..Default::default()
        },
        origin: None,
        write: true,
    };
    let (mut state, first) = SiteState::new(opts)?;
    anyhow::ensure!(
        !first.failed,
        "the site does not build: {:?}",
        first.diagnostics
    );
    let guides = careerbook::guide::load::guide_paths(&root)?;
    println!(
        "site: {} ({} guides, {} pages); initial load + full build + write: {} ms",
        source.display(),
        guides.len(),
        state.pages().len(),
        start.elapsed().as_millis()
    );

    // Which kinds to time (all by default): the others are not made, so
    // that a profile of one kind sees only it.
    let chosen = args.next();
    let kinds: Vec<String> = chosen.clone().map_or_else(
        || {
            ["body", "summary", "title", "salary"]
                .map(String::from)
                .to_vec()
        },
        |s| s.split(',').map(String::from).collect(),
    );
    let mut times: Vec<(&str, Vec<Edit>)> = Vec::new();
    for kind in ["body", "summary", "title", "salary"] {
        if kinds.iter().any(|k| k == kind) {
            times.push((kind, Vec::new()));
        }
    }
    for k in 0..edits {
        let rel = &guides[k * guides.len() / edits];
        let path = root.join(rel);
        let text = std::fs::read_to_string(&path)?;
        for (kind, times) in &mut times {
            let edited = match *kind {
                // The guide's own page only.
                "body" => format!("{text}\nEdited {k}.\n"),
                // Its card on the index, the search page and its term
                // pages, the feed and the data files too.
                "summary" => text.replacen("summary: ", &format!("summary: Edited {k}. "), 1),
                // Other guides may link here by title, so the site is
                // resolved again, every guide page's links are compared,
                // and the pages listing the title (cards, paths, salaries)
                // are rendered.
                "title" => text.replacen("title: ", &format!("title: Edited {k} "), 1),
                // The guide's family's salary pages, the salary overview,
                // and the moves that lead here.
                _ => match lower_salary(&text, 1000 * (k as u64 + 1)) {
                    Some(edited) => edited,
                    None => continue,
                },
            };
            times.push(timed_edit(&mut state, &path, edited)?);
            // Back as it was, so that each kind starts from the same guide.
            timed_edit(&mut state, &path, text.clone())?;
        }
    }
    for (kind, times) in times {
        if !times.is_empty() {
            let n = times.len();
            report_edits(&format!("one-guide {kind} edit"), n, times);
        }
    }

    if chosen.is_some() {
        return Ok(());
    }
    // What every edit pays whatever changed.
    let checked = build::check(&BuildOptions {
        root: root.clone(),
        ..Default::default()
    })?;
    let mut validating = Vec::new();
    for _ in 0..edits {
        let t = Instant::now();
        std::hint::black_box(careerbook::rules::validate(&checked.loaded.guides));
        validating.push(t.elapsed());
    }
    let site = Site::new(checked.loaded.config.clone(), checked.loaded.guides.clone());
    let theme = theme::load(&root, &site.config.theme, &site.config.language)
        .map_err(|d| anyhow::anyhow!("{d:?}"))?;
    let sv = render::site_view(&site, RenderOptions::default());
    let mut site_pages = Vec::new();
    for _ in 0..edits {
        let (t, cpu) = (Instant::now(), cpu_time());
        let pages = render::site_pages(&site, &theme, &sv).map_err(|d| anyhow::anyhow!("{d:?}"))?;
        std::hint::black_box(pages);
        site_pages.push((t.elapsed(), cpu_time() - cpu));
    }
    report(
        "  render::site_pages() alone, every site-wide page",
        edits,
        site_pages,
    );
    println!(
        "  validate() of all guides, which an edit no longer runs: {}",
        ms(median(validating))
    );
    Ok(())
}

/// One edit: wall time, CPU time, and its stages.
type Edit = (Duration, Duration, Timings);

/// `text` with its first salary minimum lowered by `by`.
fn lower_salary(text: &str, by: u64) -> Option<String> {
    let key = "\n      min: ";
    let start = text.find(key)? + key.len();
    let end = start + text[start..].find('\n')?;
    let figure: u64 = text[start..end].parse().ok()?;
    let lowered = figure.saturating_sub(by);
    Some(format!("{}{lowered}{}", &text[..start], &text[end..]))
}

/// Wall-clock and CPU time (all threads) of one edit, and its stages.
fn timed_edit(state: &mut SiteState, path: &Path, text: String) -> Result<Edit> {
    let cpu = cpu_time();
    let t = Instant::now();
    std::fs::write(path, text)?;
    let outcome = state.apply(&[path])?;
    let took = t.elapsed();
    let cpu = cpu_time() - cpu;
    anyhow::ensure!(!outcome.failed, "edit failed: {:?}", outcome.diagnostics);
    anyhow::ensure!(outcome.rendered >= 1, "the edited page was not rendered");
    Ok((took, cpu, outcome.timings))
}

/// CPU time of the whole process: unlike wall time, it does not count
/// waiting for a busy machine's cores.
fn cpu_time() -> Duration {
    let t = rustix::time::clock_gettime(rustix::time::ClockId::ProcessCPUTime);
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

fn report_edits(what: &str, edits: usize, mut v: Vec<Edit>) {
    v.sort_by_key(|(wall, _, _)| *wall);
    let (_, _, stages) = &v[v.len() / 2];
    let times = v.iter().map(|(wall, cpu, _)| (*wall, *cpu)).collect();
    report(what, edits, times);
    println!("  the median edit: {}", stages.summary());
    let units: Vec<String> = stages
        .unit_times
        .iter()
        .map(|(u, d)| format!("{u} {:.1}", d.as_secs_f64() * 1000.0))
        .collect();
    if !units.is_empty() {
        println!("  its {} units, ms: {}", units.len(), units.join(", "));
    }
}

fn report(what: &str, edits: usize, v: Vec<(Duration, Duration)>) {
    let (wall, cpu): (Vec<Duration>, Vec<Duration>) = v.into_iter().unzip();
    println!(
        "{what}, median of {edits}: {} wall, {} CPU",
        ms(median(wall)),
        ms(median(cpu))
    );
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry?;
        let target = to.join(entry.path().strip_prefix(from)?);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target)?;
        } else if entry.file_type().is_file() {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}
