//! Loading: the site root in, the typed guides and `site.yaml` out, with a
//! diagnostic for every problem beside them.
//!
//! Every guide under `guides/` is found, read and split into front matter
//! and body. `site.yaml` and each front matter go the same way: the YAML
//! reader ([`yaml::parse_tree`]) makes a marked tree, the schema walk
//! ([`crate::guide::walk`]) reports everything wrong with it, and only a
//! tree the walk accepts is turned into the typed model
//! ([`crate::guide::resolve::to_json`], then serde).
//!
//! Loading never stops at the first bad file. Every file is read and parsed;
//! problems come back as diagnostics beside the guides that did parse.

use crate::diag::{codes, Diagnostic};
use crate::guide::model::{FrontMatter, SiteConfig};
use crate::guide::yaml;
use anyhow::{Context, Result};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use walkdir::WalkDir;

/// One guide file as read from disk.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the site root, e.g. `guides/tpm.md`.
    pub path: PathBuf,
    /// The file's text with a leading BOM removed.
    pub text: Arc<str>,
}

/// A guide whose front matter parsed into the typed model.
#[derive(Debug, Clone)]
pub struct Guide {
    /// The file it came from. Its text ends with the front matter (the
    /// closing fence included) unless the body holds
    /// [`crate::guide::model::PLACEHOLDER`]: every other diagnostic about a
    /// parsed guide points into the front matter, and the bodies of a large
    /// site are not worth keeping twice (the body is kept on its own).
    pub source: SourceFile,
    /// The slug: from the front matter, else from the file name.
    pub slug: String,
    /// The typed front matter.
    pub front: FrontMatter,
    /// The Markdown body.
    pub body: String,
    /// Where every front matter value starts, for rules that run after
    /// parsing; scalars holding [`crate::guide::model::PLACEHOLDER`] are marked.
    pub positions: crate::guide::positions::Positions,
    /// Lines before the YAML text in the file (the opening `---`).
    pub line_offset: usize,
}

impl Guide {
    /// The file line and column of the value at `path` (or of its nearest
    /// existing ancestor).
    pub fn position(&self, path: &[yaml::Seg<'_>]) -> (usize, usize) {
        let (line, column) = self.positions.at(path);
        (line + self.line_offset, column)
    }
}

/// Everything read from a site root.
#[derive(Debug, Default)]
pub struct Loaded {
    /// `site.yaml`, or the defaults.
    pub config: SiteConfig,
    /// Guides that parsed, sorted by path.
    pub guides: Vec<Guide>,
    /// Problems found while reading and parsing.
    pub diagnostics: Vec<Diagnostic>,
    /// Every file read, for showing source lines in diagnostics.
    pub sources: Vec<SourceFile>,
    /// The slugs of guide files that did not parse, with their paths, so
    /// that links to them are not also reported as broken.
    pub unparsed: Vec<(String, PathBuf)>,
}

/// Reads `site.yaml` (if present) and every `guides/**/*.md` under `root`.
///
/// I/O failures that prevent loading at all (an unreadable `guides/` folder)
/// are errors; problems in individual files are diagnostics.
pub fn load(root: &Path) -> Result<Loaded> {
    let mut loaded = Loaded::default();
    let (config, diags, source) = load_config(root)?;
    loaded.config = config;
    loaded.diagnostics.extend(diags);
    loaded.sources.extend(source);

    let (paths, link_diags) = scan_guides(root)?;
    loaded.diagnostics.extend(link_diags);
    let opts = ReadOptions::of(&loaded.config);
    let results: Vec<(Option<Guide>, Vec<Diagnostic>, Option<SourceFile>)> = paths
        .par_iter()
        .map(|rel| {
            let (guide, diags, source) = read_and_parse(root, rel, opts);
            // A parsed guide keeps all of its file that diagnostics can
            // show; the whole text goes as soon as the guide is read.
            let source = if guide.is_some() { None } else { source };
            (guide, diags, source)
        })
        .collect();
    // Sized once: growing these by doubling would hold two copies of every
    // guide for a moment, at the point where memory use peaks.
    loaded.guides.reserve_exact(results.len());
    loaded.sources.reserve_exact(results.len());
    for (guide, diags, source) in results {
        if let (None, Some(src)) = (&guide, &source) {
            loaded.unparsed.push((fallback_slug(src), src.path.clone()));
        }
        let shown = guide.as_ref().map(|g| g.source.clone()).or(source);
        loaded.guides.extend(guide);
        loaded.diagnostics.extend(diags);
        loaded.sources.extend(shown);
    }
    Ok(loaded)
}

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
            "run careerbook in the site's root (the folder with site.yaml and guides/), give it with `--root`, or start a guide with `careerbook new \"Role Title\"`",
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

/// Reads `site.yaml` under `root`: the config (defaults when missing or
/// invalid), its diagnostics and its source text.
pub fn load_config(root: &Path) -> Result<(SiteConfig, Vec<Diagnostic>, Option<SourceFile>)> {
    let path = root.join("site.yaml");
    match std::fs::read(&path) {
        Ok(bytes) => Ok(parse_config(&bytes)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Ok((SiteConfig::default(), Vec::new(), None))
        }
        Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
    }
}

/// The bytes of `site.yaml` (from disk, or an editor's buffer) → the
/// config (defaults when invalid), its diagnostics and its source text.
pub fn parse_config(bytes: &[u8]) -> (SiteConfig, Vec<Diagnostic>, Option<SourceFile>) {
    let rel = PathBuf::from("site.yaml");
    let text = match decode(&rel, bytes) {
        Ok(t) => t,
        Err(d) => return (SiteConfig::default(), vec![d], None),
    };
    let source = SourceFile {
        path: rel.clone(),
        text: text.into(),
    };
    if source.text.trim().is_empty() {
        return (SiteConfig::default(), Vec::new(), Some(source));
    }
    let tree = match yaml::parse_tree(&source.text) {
        Ok(tree) => tree,
        Err(e) => {
            let d = Diagnostic::new(
                &rel,
                e.line,
                e.column,
                "",
                codes::E0003,
                format!("invalid YAML: {}", e.message),
            );
            return (SiteConfig::default(), vec![d], Some(source));
        }
    };
    let Some(tree) = tree else {
        return (SiteConfig::default(), Vec::new(), Some(source));
    };
    let mut walker =
        crate::guide::walk::Walker::new(crate::guide::schema::site(), &rel, 0).named("site.yaml");
    walker.walk(&tree);
    if !walker.out.is_empty() {
        return (SiteConfig::default(), walker.out, Some(source));
    }
    match model_from(&tree, "site.yaml does not fit the site format") {
        Ok(c) => (c, Vec::new(), Some(source)),
        Err(e) => {
            let d = Diagnostic::new(&rel, e.line, e.column, "", codes::E0100, e.message);
            (SiteConfig::default(), vec![d], Some(source))
        }
    }
}

/// Builds a typed value from a tree the schema walk accepted. The walk and
/// the model type values by the same rule, so this fails only if the schema
/// and the model drift apart; then the error is reported at the document.
fn model_from<T: serde::de::DeserializeOwned>(
    tree: &yaml::Node,
    what: &str,
) -> Result<T, yaml::YamlError> {
    serde_json::from_value(crate::guide::resolve::to_json(tree)).map_err(|e| yaml::YamlError {
        line: tree.line,
        column: tree.column,
        message: format!("{what}: {e}"),
    })
}

/// Everything of `site.yaml` that reading and parsing one guide file
/// depends on: when it changes, every guide must be read again (`watch`
/// and `serve` compare it before and after `site.yaml` changes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadOptions {
    /// Files larger than this many KiB are refused (`max_guide_kib`).
    pub max_kib: u64,
}

impl ReadOptions {
    /// The options `config` sets.
    pub fn of(config: &SiteConfig) -> ReadOptions {
        ReadOptions {
            max_kib: config.max_guide_kib,
        }
    }

    /// The largest file read, in bytes.
    fn max_bytes(self) -> u64 {
        self.max_kib.saturating_mul(1024)
    }
}

/// Reads and parses one guide file, `rel` relative to `root`.
pub fn read_and_parse(
    root: &Path,
    rel: &Path,
    opts: ReadOptions,
) -> (Option<Guide>, Vec<Diagnostic>, Option<SourceFile>) {
    let full = root.join(rel);
    // The size is checked before reading, so a huge file costs nothing.
    let read = std::fs::metadata(&full).and_then(|m| {
        if m.len() > opts.max_bytes() {
            Ok(None)
        } else {
            std::fs::read(&full).map(Some)
        }
    });
    match read {
        Ok(Some(bytes)) => parse_file(rel, &bytes, opts),
        Ok(None) => (None, vec![too_large(rel, opts)], None),
        Err(e) => {
            let d = Diagnostic::new(
                rel,
                0,
                0,
                "",
                codes::E0006,
                format!("cannot read file: {e}"),
            );
            (None, vec![d], None)
        }
    }
}

/// Parses the bytes of the guide file `rel` (read from disk, or an
/// editor's buffer), refused as a whole when larger than `opts` allow.
pub fn parse_file(
    rel: &Path,
    bytes: &[u8],
    opts: ReadOptions,
) -> (Option<Guide>, Vec<Diagnostic>, Option<SourceFile>) {
    if bytes.len() as u64 > opts.max_bytes() {
        return (None, vec![too_large(rel, opts)], None);
    }
    let text = match decode(rel, bytes) {
        Ok(t) => t,
        Err(d) => return (None, vec![d], None),
    };
    let source = SourceFile {
        path: rel.to_path_buf(),
        text: text.into(),
    };
    match parse_guide(&source) {
        Ok(g) => (Some(g), Vec::new(), Some(source)),
        Err(d) => (None, d, Some(source)),
    }
}

/// E0005: a guide file over `max_guide_kib`.
fn too_large(rel: &Path, opts: ReadOptions) -> Diagnostic {
    let max_kib = opts.max_kib;
    Diagnostic::new(
        rel,
        0,
        0,
        "",
        codes::E0005,
        format!("file is larger than {max_kib} KiB (site.yaml `max_guide_kib`)"),
    )
    .with_help("split the guide, or raise `max_guide_kib` in site.yaml")
}

/// Checks UTF-8 and strips a byte-order mark.
pub fn decode(rel: &Path, bytes: &[u8]) -> Result<String, Diagnostic> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let offset = e.valid_up_to();
            let (line, column) =
                crate::diag::line_col(std::str::from_utf8(&bytes[..offset]).unwrap_or(""), offset);
            Err(Diagnostic::new(
                rel,
                line,
                column,
                "",
                codes::E0001,
                format!("file is not valid UTF-8 (invalid byte at offset {offset})"),
            )
            .with_help("save the file with UTF-8 encoding"))
        }
    }
}

/// The parts of a guide file around its front matter.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML text between the fences.
    pub yaml: &'a str,
    /// Number of lines before the YAML text (the opening fence).
    pub yaml_line_offset: usize,
    /// Everything after the closing fence.
    pub body: &'a str,
}

/// Splits `---` fenced front matter from the body.
pub fn split<'a>(rel: &Path, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    if text.trim().is_empty() {
        return Err(
            Diagnostic::new(rel, 0, 0, "", codes::E0002, "file is empty")
                .with_help("a guide starts with `---`, its YAML front matter, and `---`"),
        );
    }
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_end].trim_end() != "---" {
        return Err(
            Diagnostic::new(rel, 1, 1, "", codes::E0002, "front matter is missing").with_help(
                "the first line of a guide must be `---`, opening its YAML front matter",
            ),
        );
    }
    let mut pos = first_end;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        let line = text[pos..end].trim_end();
        if line == "---" || line == "..." {
            return Ok(Split {
                yaml: &text[first_end..pos],
                yaml_line_offset: 1,
                body: &text[end..],
            });
        }
        pos = end;
    }
    Err(
        Diagnostic::new(rel, 1, 1, "", codes::E0002, "front matter is not closed")
            .with_help("add a line `---` after the last front matter field"),
    )
}

/// Parses one guide file into the typed model, or explains why it cannot.
pub fn parse_guide(source: &SourceFile) -> Result<Guide, Vec<Diagnostic>> {
    let rel = &source.path;
    let parts = split(rel, &source.text).map_err(|d| vec![d])?;
    let off = parts.yaml_line_offset;
    let at = |line: usize| if line == 0 { 0 } else { line + off };
    let tree = match yaml::parse_tree(parts.yaml) {
        Ok(Some(t)) => t,
        Ok(None) => {
            return Err(vec![Diagnostic::new(
                rel,
                1,
                1,
                "",
                codes::E0004,
                "front matter is empty",
            )
            .with_help(
                "add at least `title`, `summary`, `responsibilities` and `skills`",
            )])
        }
        Err(e) => {
            return Err(vec![Diagnostic::new(
                rel,
                at(e.line),
                e.column,
                "",
                codes::E0003,
                format!("invalid YAML: {}", e.message),
            )])
        }
    };
    if !matches!(tree.kind, yaml::NodeKind::Map(_)) {
        return Err(vec![Diagnostic::new(
            rel,
            at(tree.line),
            tree.column,
            "",
            codes::E0004,
            "front matter must be a mapping of `field: value` lines",
        )]);
    }
    // The closing fence: where a missing top-level field should go.
    let fence = off + parts.yaml.lines().count() + 1;
    let mut walker =
        crate::guide::walk::Walker::new(crate::guide::schema::guide(), rel, off).end_line(fence);
    walker.walk(&tree);
    if !walker.out.is_empty() {
        return Err(walker.out);
    }
    let positions = crate::guide::positions::Positions::new(&tree, |s| {
        s.contains(crate::guide::model::PLACEHOLDER)
    });
    let front: FrontMatter = model_from(&tree, "the front matter does not fit the guide format")
        .map_err(|e| {
            vec![Diagnostic::new(
                rel,
                at(e.line),
                e.column,
                "",
                codes::E0100,
                e.message,
            )]
        })?;
    let slug = front.slug.clone().unwrap_or_else(|| slug_from_path(rel));
    let kept = if parts.body.contains(crate::guide::model::PLACEHOLDER) {
        source.clone()
    } else {
        SourceFile {
            path: source.path.clone(),
            text: source.text[..source.text.len() - parts.body.len()].into(),
        }
    };
    Ok(Guide {
        source: kept,
        slug,
        front,
        body: parts.body.to_string(),
        positions,
        line_offset: off,
    })
}

/// The slug a guide that failed to parse would most likely have: its
/// `slug` field if that can be read, else the one from its file name.
/// The slug a guide that did not parse would most likely have had: its
/// `slug:` if that much of the front matter reads, else the file name's.
pub fn fallback_slug(source: &SourceFile) -> String {
    let from_front = split(&source.path, &source.text)
        .ok()
        .and_then(|parts| yaml::parse_tree(parts.yaml).ok().flatten())
        .and_then(|tree| {
            let (_, v) = tree.entry("slug")?;
            v.as_str().map(str::to_string)
        })
        .filter(|s| crate::util::slug::is_valid_slug(s));
    from_front.unwrap_or_else(|| slug_from_path(&source.path))
}

/// The default slug: the file name without `.md`, folded to `[a-z0-9-]`.
pub fn slug_from_path(rel: &Path) -> String {
    let stem = rel
        .file_stem()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    crate::util::slug::slugify(&stem)
}

#[cfg(test)]
mod tests;
