//! Finding the guides: a site root in, every `*.md` file under `guides/`
//! out (sorted, relative to the root), with a diagnostic for a missing
//! `guides/` folder, a symbolic link that is not followed, or a file named
//! like Markdown that is not read.

use crate::diag::{codes, Diagnostic};
use anyhow::{Context, Result};
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// Every `*.md` file under `root/guides`, relative to `root`, sorted.
pub fn guide_paths(root: &Path) -> Result<Vec<PathBuf>> {
    Ok(scan_guides(root)?.0)
}

/// Every `*.md` file under `root/guides`, relative to `root`, sorted, with a
/// warning for each symbolic link that is not followed.
///
/// A link is followed only when its target is a file inside the site root:
/// a guide folder from a pull request must not be able to pull in, say,
/// `/etc/passwd` or a file from a sibling checkout.
pub fn scan_guides(root: &Path) -> Result<(Vec<PathBuf>, Vec<Diagnostic>)> {
    let dir = root.join("guides");
    if !dir.is_dir() {
        return Ok((Vec::new(), vec![no_guides_folder(&dir)]));
    }
    let real_root =
        std::fs::canonicalize(root).with_context(|| format!("cannot read {}", root.display()))?;
    if !folder_inside(&real_root, &dir) {
        // WalkDir follows its starting folder even when it is a link.
        return Ok((Vec::new(), vec![symlink_warning("guides", "the site root")]));
    }
    let mut paths = Vec::new();
    let mut diags = Vec::new();
    for entry in WalkDir::new(&dir).follow_links(false).sort_by_file_name() {
        let entry = entry.with_context(|| format!("cannot read {}", dir.display()))?;
        let is_md = entry.path().extension().is_some_and(|e| e == "md");
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        let rel = entry
            .path()
            .strip_prefix(root)
            .unwrap_or(entry.path())
            .to_path_buf();
        if hidden {
            continue;
        }
        if !is_md && entry.file_type().is_file() {
            diags.extend(not_md(&rel));
        }
        if entry.path_is_symlink() {
            match symlink_target_inside(&real_root, entry.path()) {
                Some(true) if is_md => paths.push(rel),
                Some(true) => {}
                _ => diags.push(symlink_warning(rel, "guides/")),
            }
        } else if entry.file_type().is_file() && is_md {
            paths.push(rel);
        }
    }
    Ok((paths, diags))
}

/// E0007: a site without a `guides/` folder would build an empty site, which
/// is never what was meant (a mistyped `--root`, or a command run in the
/// wrong folder).
fn no_guides_folder(dir: &Path) -> Diagnostic {
    let (what, help) = if dir.exists() || dir.is_symlink() {
        (
            "`guides` is not a folder",
            "make `guides/` a folder of `.md` files",
        )
    } else {
        (
            "there is no `guides/` folder, so the site would have no guides",
            "give `--root` the site's folder (the one with site.yaml and guides/), or leave it out to use the nearest such folder above this one; start a guide with `careerbook new \"Role Title\"`",
        )
    };
    Diagnostic::new("guides", 0, 0, "", codes::E0007, what).with_help(help)
}

/// W0011 for a file that looks like Markdown but is not named `*.md`, so it
/// is not read: `Guide.MD`, `guide.markdown`.
fn not_md(rel: &Path) -> Option<Diagnostic> {
    let ext = rel.extension()?.to_str()?;
    let markdown = ext.eq_ignore_ascii_case("md")
        || ext.eq_ignore_ascii_case("markdown")
        || ext.eq_ignore_ascii_case("mdown");
    if !markdown {
        return None;
    }
    let stem = rel.file_stem()?.to_string_lossy();
    Some(
        Diagnostic::new(
            rel,
            0,
            0,
            "",
            codes::W0011,
            format!("`.{ext}` files are not read; only `.md` files are guides"),
        )
        .with_help(format!("rename it to `{stem}.md` to publish it")),
    )
}

/// The warning for a symbolic link under `folder` that is not followed.
pub fn symlink_warning(rel: impl Into<PathBuf>, folder: &str) -> Diagnostic {
    Diagnostic::new(
        rel,
        0,
        0,
        "",
        codes::W0010,
        "symbolic link points outside the site root; not followed",
    )
    .with_help(format!(
        "copy the file into {folder} instead of linking to it"
    ))
}

/// Whether a symlink resolves to a regular file inside `real_root` (and not
/// inside its `.git/`); `None` when it does not resolve at all.
pub fn symlink_target_inside(real_root: &Path, link: &Path) -> Option<bool> {
    let target = std::fs::canonicalize(link).ok()?;
    Some(resolves_inside(real_root, &target) && target.is_file())
}

/// Whether the folder `dir` (itself a link, or under one) resolves to a
/// folder inside `real_root`: the rule for linked files, applied to the
/// folders careerbook reads (`guides/`, a theme and its `static/` and
/// `templates/`). `false` when it does not resolve.
pub fn folder_inside(real_root: &Path, dir: &Path) -> bool {
    std::fs::canonicalize(dir).is_ok_and(|d| resolves_inside(real_root, &d) && d.is_dir())
}

/// A resolved path inside the root, but not in its `.git/` (a link into the
/// repository's own data would publish its objects and config).
fn resolves_inside(real_root: &Path, target: &Path) -> bool {
    target.starts_with(real_root) && !target.starts_with(real_root.join(".git"))
}
