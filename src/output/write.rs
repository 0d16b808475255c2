//! Writing: put rendered pages on disk so that a reader never sees a half
//! built site. With `output::update`, the only module that writes output
//! files.
//!
//! In: rendered [`Page`]s and the output folder. Out: the folder holding
//! exactly those pages; after an error, the previous output, whole.
//!
//! The whole site is written into a staging folder beside the output, then
//! swapped in with one atomic rename exchange (Linux) or two renames, so a
//! failed or interrupted build leaves the previous output whole. careerbook
//! only ever replaces a folder it created itself, recognised by a marker file.
//! `watch` then updates that folder in place, only the pages that changed,
//! all or nothing as well (`output::update`).

use crate::render::{Page, Sink};
use anyhow::{bail, Context, Result};
use rayon::prelude::*;
use std::path::{Component, Path, PathBuf};

/// The file that marks an output folder as careerbook's own.
pub const MARKER: &str = ".careerbook-output";

/// Joins an output-relative `/`-separated path under `dir`, refusing any
/// path that could land outside it.
pub fn safe_join(dir: &Path, rel: &str) -> Result<PathBuf> {
    let mut out = dir.to_path_buf();
    for part in rel.split('/') {
        let c = Path::new(part).components().next();
        match c {
            Some(Component::Normal(p)) if p == part && !part.contains('\0') => out.push(part),
            _ => bail!("refusing to write `{rel}`: not a plain relative path"),
        }
    }
    Ok(out)
}

/// Refuses output folders that would destroy inputs: the root itself, a
/// parent of it, `guides/`, `themes/`, or anything inside those.
pub fn check_output_dir(root: &Path, output: &Path) -> Result<()> {
    let abs = |p: &Path| -> PathBuf {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        };
        normalize(&p)
    };
    if std::fs::symlink_metadata(output).is_ok_and(|m| m.file_type().is_symlink()) {
        bail!(
            "the output folder {} is a symbolic link; careerbook replaces the folder \
             itself, so give the folder it points to instead",
            output.display()
        );
    }
    // Compared as the file system resolves them: through links in the
    // root's path (`--root link`) or the output's (`-o link/guides/out`).
    let (root, out) = (resolved(&abs(root)), resolved(&abs(output)));
    if out.parent().is_none() {
        bail!("the output folder cannot be `/`");
    }
    if root.starts_with(&out) {
        bail!(
            "the output folder {} contains the site root; choose a folder such as `output/`",
            out.display()
        );
    }
    for input in ["guides", "themes"] {
        if out.starts_with(root.join(input)) {
            bail!(
                "the output folder {} is inside `{input}/`, which holds inputs",
                out.display()
            );
        }
    }
    Ok(())
}

/// `p` with its longest existing ancestor resolved through symbolic links,
/// and the part that does not exist yet appended as written.
fn resolved(p: &Path) -> PathBuf {
    let mut rest = Vec::new();
    let mut base = p.to_path_buf();
    loop {
        if let Ok(real) = std::fs::canonicalize(&base) {
            return rest.iter().rev().fold(real, |acc, c| acc.join(c));
        }
        match (
            base.file_name().map(std::ffi::OsStr::to_os_string),
            base.parent(),
        ) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                base = parent.to_path_buf();
            }
            _ => return p.to_path_buf(),
        }
    }
}

fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}

/// Whether `dir` may be replaced: it does not exist, is empty, or carries
/// careerbook's marker.
fn replaceable(dir: &Path) -> Result<bool> {
    match std::fs::read_dir(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(true),
        Err(e) => Err(e).with_context(|| format!("cannot read {}", dir.display())),
        Ok(mut entries) => Ok(entries.next().is_none() || dir.join(MARKER).is_file()),
    }
}

fn sibling(output: &Path, tag: &str) -> Result<PathBuf> {
    let name = output
        .file_name()
        .context("the output folder has no name")?;
    let parent = output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    Ok(parent.join(format!(
        ".{}.careerbook-{tag}-{}",
        name.to_string_lossy(),
        std::process::id()
    )))
}

/// Writes `pages` into staging and swaps the staging folder in as `output`.
pub fn write_site(output: &Path, pages: &[Page]) -> Result<()> {
    write_site_with(output, |sink| {
        pages.par_iter().try_for_each(sink)?;
        Ok(pages.len())
    })
    .map(|_| ())
}

/// Prepares a staging folder beside `output`, lets `fill` write pages into
/// it through a [`Sink`], and swaps it in as `output` only when `fill`
/// succeeds. On any error the staging folder is removed and `output` is
/// left as it was. Returns what `fill` returns (the number of files).
pub fn write_site_with(
    output: &Path,
    fill: impl FnOnce(Sink<'_>) -> Result<usize>,
) -> Result<usize> {
    if !replaceable(output)? {
        bail!(
            "{} exists and was not made by careerbook (no {MARKER} file); \
             move it away or choose another output folder",
            output.display()
        );
    }
    if let Some(parent) = output.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    remove_stale_siblings(output);
    let staging = sibling(output, "staging")?;
    if staging.exists() {
        std::fs::remove_dir_all(&staging)
            .with_context(|| format!("cannot remove {}", staging.display()))?;
    }
    let result = start_tree(&staging).and_then(|_lock| {
        // `_lock` is held until the new site is in place: another build
        // that finds this folder sees it is in use (see
        // `remove_stale_siblings`).
        let sink = |page: &Page| write_page(&staging, page);
        let files = fill(&sink)?;
        swap_in(&staging, output)?;
        Ok(files)
    });
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    result
}

/// Creates `dir` with careerbook's marker in it, and returns the marker
/// open and locked: the lock says "a live build owns this folder" on every
/// operating system, and the operating system drops it when the process
/// ends, however it ends.
fn start_tree(dir: &Path) -> Result<std::fs::File> {
    // The marker goes in first, so even a build killed at once leaves a
    // staging folder that is recognisably careerbook's.
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let path = dir.join(MARKER);
    let mut marker = std::fs::File::create(&path)
        .with_context(|| format!("cannot write into {}", dir.display()))?;
    std::io::Write::write_all(
        &mut marker,
        b"This folder is written by careerbook and replaced on every build.\n",
    )
    .with_context(|| format!("cannot write {}", path.display()))?;
    marker
        .try_lock()
        .with_context(|| format!("cannot lock {}", path.display()))?;
    Ok(marker)
}

/// Writes one page under `dir`, creating its folder.
fn write_page(dir: &Path, page: &Page) -> Result<()> {
    let target = safe_join(dir, &page.path)?;
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    std::fs::write(&target, &page.bytes)
        .with_context(|| format!("cannot write {}", target.display()))
}

/// Removes staging and old folders left by builds that were killed: those
/// named for this output that carry careerbook's marker while no live
/// build holds the marker's lock, or are empty. A live build's folders, and
/// folders that only look like careerbook's (no marker), are left alone.
fn remove_stale_siblings(output: &Path) {
    let (Some(name), Some(parent)) = (output.file_name(), output.parent()) else {
        return;
    };
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    let prefix = format!(".{}.careerbook-", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let ours = entry
            .file_name()
            .to_str()
            .is_some_and(|n| n.starts_with(&prefix));
        if ours && is_abandoned(&entry.path()) {
            let _ = std::fs::remove_dir_all(entry.path());
        } else if ours {
            // A build killed between creating its folder and writing the
            // marker leaves it empty; `remove_dir` removes only an empty one.
            let _ = std::fs::remove_dir(entry.path());
        }
    }
}

/// Whether `dir` is a folder careerbook wrote (it holds the marker, and is
/// not a symbolic link) whose build is gone (nobody holds the marker's lock).
fn is_abandoned(dir: &Path) -> bool {
    let is_dir = std::fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir());
    let Ok(marker) = std::fs::File::open(dir.join(MARKER)) else {
        return false;
    };
    // The lock is dropped with `marker` at the end of this function, before
    // the caller removes the folder.
    is_dir && marker.try_lock().is_ok()
}

fn swap_in(staging: &Path, output: &Path) -> Result<()> {
    if !output.exists() {
        return std::fs::rename(staging, output)
            .with_context(|| format!("cannot move the new site into {}", output.display()));
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{renameat_with, RenameFlags, CWD};
        if renameat_with(CWD, staging, CWD, output, RenameFlags::EXCHANGE).is_ok() {
            // `staging` now holds the previous site.
            return remove_tree(staging).with_context(|| {
                format!("cannot remove the previous site at {}", staging.display())
            });
        }
    }
    let old = sibling(output, "old")?;
    std::fs::rename(output, &old)
        .with_context(|| format!("cannot move {} aside", output.display()))?;
    if let Err(e) = std::fs::rename(staging, output) {
        let _ = std::fs::rename(&old, output);
        return Err(e)
            .with_context(|| format!("cannot move the new site into {}", output.display()));
    }
    remove_tree(&old).with_context(|| format!("cannot remove {}", old.display()))
}

/// Removes a folder and everything in it, folders side by side on the
/// thread pool: a large site's previous output (tens of thousands of files)
/// goes in about half the time it takes one thread. Symbolic links are
/// removed, never followed.
fn remove_tree(dir: &Path) -> std::io::Result<()> {
    let entries: Vec<std::fs::DirEntry> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.par_iter().try_for_each(|e| {
        if e.file_type()?.is_dir() {
            remove_tree(&e.path())
        } else {
            std::fs::remove_file(e.path())
        }
    })?;
    std::fs::remove_dir(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_join_refuses_traversal() {
        let d = Path::new("/tmp/out");
        assert!(safe_join(d, "a/b/index.html").is_ok());
        for bad in ["../x", "/abs", "a/../../x", "a//b", ""] {
            assert!(safe_join(d, bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn output_dir_guards() {
        let root = Path::new("/site");
        assert!(check_output_dir(root, Path::new("/site/output")).is_ok());
        assert!(check_output_dir(root, Path::new("/site")).is_err());
        assert!(check_output_dir(root, Path::new("/")).is_err());
        assert!(check_output_dir(root, Path::new("/site/guides/out")).is_err());
        assert!(check_output_dir(root, Path::new("/site/themes")).is_err());
        assert!(check_output_dir(Path::new("/a/site"), Path::new("/a")).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn the_output_guard_sees_through_links() {
        let dir = tempfile::tempdir().expect("tempdir");
        let site = dir.path().join("site");
        std::fs::create_dir_all(site.join("guides")).expect("mkdir");
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&site, &link).expect("symlink");
        // `--root link -o site/guides/out` is inside the real `guides/`.
        let err = check_output_dir(&link, &site.join("guides/out")).unwrap_err();
        assert!(err.to_string().contains("inside `guides/`"), "{err}");
        let err = check_output_dir(&site, &link.join("guides/out")).unwrap_err();
        assert!(err.to_string().contains("inside `guides/`"), "{err}");
        // An output that is itself a link is never followed.
        let other = dir.path().join("other-output");
        std::fs::create_dir_all(&other).expect("mkdir");
        let linked = site.join("output");
        std::os::unix::fs::symlink(&other, &linked).expect("symlink");
        let err = check_output_dir(&site, &linked).unwrap_err();
        assert!(err.to_string().contains("symbolic link"), "{err}");
        assert!(check_output_dir(&site, &site.join("public")).is_ok());
    }

    #[test]
    fn only_abandoned_folders_with_the_marker_are_removed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let output = dir.path().join("out");
        let live = dir.path().join(".out.careerbook-staging-1");
        let dead = dir.path().join(".out.careerbook-staging-2");
        let foreign = dir.path().join(".out.careerbook-backup");
        let empty = dir.path().join(".out.careerbook-staging-3");
        std::fs::create_dir_all(&empty).expect("mkdir");
        let _held = start_tree(&live).expect("live build");
        drop(start_tree(&dead).expect("killed build"));
        std::fs::create_dir_all(&foreign).expect("mkdir");
        std::fs::write(foreign.join("keep.txt"), "mine").expect("write");
        remove_stale_siblings(&output);
        assert!(live.join(MARKER).is_file(), "a live build's folder stays");
        assert!(!dead.exists(), "a killed build's folder goes");
        assert!(foreign.join("keep.txt").is_file(), "no marker, not ours");
        assert!(!empty.exists(), "killed before its marker: nothing to keep");
    }
}
