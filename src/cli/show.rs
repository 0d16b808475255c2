//! What `build` and `check` print for people: diagnostics, broken links,
//! and with `--verbose` the files read and written.
//!
//! In: a checked site (and for links, its pages rendered in memory). Out:
//! lines on standard error through [`crate::util::term`], so `--color`,
//! `--quiet` and `--verbose` hold; the exit code of `check --links`.

use crate::build::{self, BuildOptions, Checked};
use crate::diag;
use crate::util::term;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Renders the checked site in memory and reports every internal link or
/// fragment that does not resolve.
pub(crate) fn check_links(checked: &Checked, opts: &BuildOptions) -> anyhow::Result<ExitCode> {
    let (site, pages) = build::render_checked(checked, opts)?;
    let broken = crate::output::links::check_pages(&pages, &site.base.origin, &site.base.path);
    let output = build::output_dir(opts, &site.config);
    let mut err = term::stderr();
    let red = term::ERROR;
    for b in &broken {
        let _ = writeln!(
            err,
            "{}/{}:{}: {red}broken link{red:#} `{}` -> {} ({})",
            output.display().to_string().trim_end_matches('/'),
            b.page,
            b.line,
            b.link,
            b.target,
            b.reason
        );
    }
    let htmls = pages.iter().filter(|p| p.path.ends_with(".html")).count();
    if !term::quiet() || !broken.is_empty() {
        let _ = writeln!(
            err,
            "links: {} broken in {htmls} pages (checked under {})",
            broken.len(),
            site.base.path
        );
    }
    Ok(if broken.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// With `--verbose`: the files a check read, and how long it took.
pub(crate) fn read_detail(checked: &Checked, start: std::time::Instant) {
    if !term::verbose() {
        return;
    }
    for s in &checked.sources {
        term::detail(format_args!("read {}", s.path.display()));
    }
    term::detail(format_args!(
        "read and checked {} files in {} ms",
        checked.sources.len(),
        start.elapsed().as_millis()
    ));
}

/// The files under a built output folder, sorted.
pub(crate) fn written_files(output: &std::path::Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(output)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files
}

/// Prints diagnostics for people on standard error, styled: the stream
/// keeps the colours only where `--color` and the environment want them.
/// With `--quiet`, errors only.
pub(crate) fn print_diagnostics(diags: &[diag::Diagnostic], checked: &Checked) {
    let mut err = term::stderr();
    let sources: std::collections::HashMap<&std::path::Path, &str> = checked
        .sources
        .iter()
        .map(|s| (s.path.as_path(), &*s.text))
        .collect();
    for d in diags.iter().filter(|d| d.is_error() || !term::quiet()) {
        let source = sources.get(d.file.as_path()).copied();
        let text = diag::render_human_styled(d, source, true);
        let _ = writeln!(err, "{text}");
    }
}
