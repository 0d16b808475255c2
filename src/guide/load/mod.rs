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
use crate::guide::model::{FrontMatter, SiteConfig, PLACEHOLDER};
use crate::guide::yaml;
use anyhow::{Context, Result};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Arc;

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
    /// The field paths the schema walk reported, empty for a valid guide.
    /// A guide with any is built from the values the walk accepted, with
    /// stand-ins for the rest ([`crate::guide::salvage`]): the rules check
    /// it, so one run reports everything, but it is never published.
    pub refused: Vec<String>,
}

impl Guide {
    /// Whether the schema walk accepted the guide.
    pub fn is_valid(&self) -> bool {
        self.refused.is_empty()
    }

    /// Whether a rule's finding about `field` would repeat what the schema
    /// walk said: it is about a refused value (or a stand-in for one), a
    /// value inside one, a group holding one, or a field beside one in the
    /// same group (`min` beside a refused `max`). Items of a list stand on
    /// their own. Always false for a valid guide.
    pub fn repeats(&self, field: &str) -> bool {
        if field.is_empty() {
            return false;
        }
        let within = |inner: &str, outer: &str| {
            inner == outer
                || inner
                    .strip_prefix(outer)
                    .is_some_and(|rest| rest.starts_with(['.', '[']))
        };
        // A field's group: `salary.ranges[0]` for `salary.ranges[0].max`;
        // none for an item of a list or a top-level field.
        fn group(f: &str) -> Option<&str> {
            f.rfind(['.', '['])
                .filter(|&i| f.as_bytes()[i] == b'.')
                .map(|i| &f[..i])
        }
        self.refused.iter().any(|r| {
            within(r, field)
                || within(field, r)
                || group(field).is_some_and(|g| group(r) == Some(g))
        })
    }

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
    /// Guides whose front matter the schema walk refused, built from what
    /// it accepted ([`Guide::refused`]), sorted by path: the rules check
    /// them; they are never published.
    pub partial: Vec<Guide>,
    /// The slugs of guide files that did not parse at all (no guide could
    /// be built), with their paths, so that links to them are not also
    /// reported as broken.
    pub unparsed: Vec<(String, PathBuf)>,
}

/// One guide file as read and parsed.
#[derive(Debug, Default)]
pub struct Read {
    /// The guide, if its front matter is valid.
    pub guide: Option<Guide>,
    /// The guide built from what the schema walk accepted, when it refused
    /// something: for the rules, never published.
    pub partial: Option<Guide>,
    /// Every problem found reading and parsing the file.
    pub diagnostics: Vec<Diagnostic>,
    /// The file's text, when it could be read and decoded.
    pub source: Option<SourceFile>,
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
    let results: Vec<Read> = paths
        .par_iter()
        .map(|rel| {
            let mut read = read_and_parse(root, rel, opts);
            // A guide keeps all of its file that diagnostics can show; the
            // whole text goes as soon as the guide is read.
            if read.guide.is_some() || read.partial.is_some() {
                read.source = None;
            }
            read
        })
        .collect();
    // Sized once: growing these by doubling would hold two copies of every
    // guide for a moment, at the point where memory use peaks.
    loaded.guides.reserve_exact(results.len());
    loaded.sources.reserve_exact(results.len());
    for read in results {
        let built = read.guide.as_ref().or(read.partial.as_ref());
        if let (None, Some(src)) = (built, &read.source) {
            loaded.unparsed.push((fallback_slug(src), src.path.clone()));
        }
        let shown = built.map(|g| g.source.clone()).or(read.source);
        loaded.guides.extend(read.guide);
        loaded.partial.extend(read.partial);
        loaded.diagnostics.extend(read.diagnostics);
        loaded.sources.extend(shown);
    }
    Ok(loaded)
}

/// The line and column of a top-level `key:`'s value in `site.yaml`'s
/// text; `(0, 0)` when it is not written.
pub(crate) fn site_yaml_value(site_yaml: Option<&str>, key: &str) -> (usize, usize) {
    site_yaml
        .and_then(|text| {
            text.lines().enumerate().find_map(|(n, l)| {
                let rest = l.strip_prefix(key)?.trim_start().strip_prefix(':')?;
                let value = rest.trim_start();
                Some((n + 1, l.len() - value.len() + 1))
            })
        })
        .unwrap_or((0, 0))
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
            let mut d = Diagnostic::new(&rel, e.line, e.column, "", codes::E0003, e.message);
            d.help = e.help;
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
    match model_from::<SiteConfig>(&tree, "site.yaml does not fit the site format") {
        Ok(mut c) => {
            // `languages` without `language`: the first is the language.
            if tree.entry("language").is_none() {
                if let Some(first) = c.languages.first() {
                    c.language = first.clone();
                }
            }
            (c, Vec::new(), Some(source))
        }
        Err(e) => {
            let d = Diagnostic::new(&rel, e.line, e.column, "", codes::E0100, e.message);
            (SiteConfig::default(), vec![d], Some(source))
        }
    }
}

/// The positions of `tree`, with its placeholders marked: every value
/// holding [`PLACEHOLDER`] text, and the value starting a line whose
/// comment holds it (`min: 1  # TODO: the real figure`, as `careerbook
/// new` marks figures and choices it cannot write as text).
fn placeholders(tree: &yaml::Node, text: &str) -> crate::guide::positions::Positions {
    let commented: Vec<bool> = if text.contains(PLACEHOLDER) {
        text.lines()
            .map(|l| yaml::comment(l).is_some_and(|c| c.contains(PLACEHOLDER)))
            .collect()
    } else {
        Vec::new()
    };
    let mut last = 0;
    crate::guide::positions::Positions::new(tree, |node| {
        let yaml::NodeKind::Scalar { value, .. } = &node.kind else {
            return false;
        };
        // One mark per commented line: its first value.
        let on_line = node.line != last
            && node.line.checked_sub(1).and_then(|i| commented.get(i)) == Some(&true);
        if on_line {
            last = node.line;
        }
        value.contains(PLACEHOLDER) || on_line
    })
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
        help: None,
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

impl Read {
    fn failed(d: Diagnostic) -> Read {
        Read {
            diagnostics: vec![d],
            ..Read::default()
        }
    }
}

/// Reads and parses one guide file, `rel` relative to `root`.
pub fn read_and_parse(root: &Path, rel: &Path, opts: ReadOptions) -> Read {
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
        Ok(None) => Read::failed(too_large(rel, opts)),
        Err(e) => Read::failed(Diagnostic::new(
            rel,
            0,
            0,
            "",
            codes::E0006,
            format!("cannot read file: {e}"),
        )),
    }
}

/// Parses the bytes of the guide file `rel` (read from disk, or an
/// editor's buffer), refused as a whole when larger than `opts` allow.
pub fn parse_file(rel: &Path, bytes: &[u8], opts: ReadOptions) -> Read {
    if bytes.len() as u64 > opts.max_bytes() {
        return Read::failed(too_large(rel, opts));
    }
    let text = match decode(rel, bytes) {
        Ok(t) => t,
        Err(d) => return Read::failed(d),
    };
    let source = SourceFile {
        path: rel.to_path_buf(),
        text: text.into(),
    };
    let (guide, diagnostics) = parse_all(&source);
    let (guide, partial) = match guide {
        Some(g) if g.is_valid() => (Some(g), None),
        g => (None, g),
    };
    Read {
        guide,
        partial,
        diagnostics,
        source: Some(source),
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

/// Parses one guide file into the typed model, or explains why it cannot.
pub fn parse_guide(source: &SourceFile) -> Result<Guide, Vec<Diagnostic>> {
    match parse_all(source) {
        (Some(g), diags) if diags.is_empty() => Ok(g),
        (_, diags) => Err(diags),
    }
}

/// Parses one guide file: the guide, with every problem found. When only
/// the schema walk finds problems, the guide is still built from the rest
/// ([`Guide::refused`] lists what it refused), for the rules to check.
pub fn parse_all(source: &SourceFile) -> (Option<Guide>, Vec<Diagnostic>) {
    match parse_tree_of(source) {
        Ok((guide, diags)) => (guide, diags),
        Err(diags) => (None, diags),
    }
}

fn parse_tree_of(source: &SourceFile) -> Result<(Option<Guide>, Vec<Diagnostic>), Vec<Diagnostic>> {
    let rel = &source.path;
    let parts = split(rel, &source.text).map_err(|d| vec![d])?;
    let off = parts.yaml_line_offset;
    let at = |line: usize| if line == 0 { 0 } else { line + off };
    let tree = match yaml::parse_tree_at(parts.yaml, off) {
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
            let mut d = Diagnostic::new(rel, at(e.line), e.column, "", codes::E0003, e.message);
            d.help = e.help;
            return Err(vec![d]);
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
    let positions = placeholders(&tree, parts.yaml);
    let refused: Vec<String> = walker.out.iter().map(|d| d.field.clone()).collect();
    let front: FrontMatter = if refused.is_empty() {
        model_from(&tree, "the front matter does not fit the guide format").map_err(|e| {
            vec![Diagnostic::new(
                rel,
                at(e.line),
                e.column,
                "",
                codes::E0100,
                e.message,
            )]
        })?
    } else {
        let schema = crate::guide::schema::guide();
        let json = crate::guide::salvage::salvage(&tree, &walker.flagged, schema);
        match serde_json::from_value(json) {
            Ok(front) => front,
            Err(_) => return Ok((None, walker.out)),
        }
    };
    let slug = front.slug.clone().unwrap_or_else(|| slug_from_path(rel));
    let kept = if parts.body.contains(PLACEHOLDER) {
        source.clone()
    } else {
        SourceFile {
            path: source.path.clone(),
            text: source.text[..source.text.len() - parts.body.len()].into(),
        }
    };
    let guide = Guide {
        source: kept,
        slug,
        front,
        body: parts.body.to_string(),
        positions,
        line_offset: off,
        refused,
    };
    Ok((Some(guide), walker.out))
}

/// The slug a guide that did not parse would most likely have had: its
/// `slug:` if that much of the front matter reads (from the YAML, or when
/// the YAML does not read, from a `slug:` line), else the file name's.
pub fn fallback_slug(source: &SourceFile) -> String {
    let from_front = split(&source.path, &source.text)
        .ok()
        .and_then(|parts| match yaml::parse_tree(parts.yaml) {
            Ok(tree) => {
                let tree = tree?;
                let (_, v) = tree.entry("slug")?;
                v.as_str().map(str::to_string)
            }
            Err(_) => parts.yaml.lines().find_map(|l| {
                let value = l.strip_prefix("slug:")?;
                let value = value.split(" #").next().unwrap_or("").trim();
                Some(value.trim_matches(|c| c == '"' || c == '\'').to_string())
            }),
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

mod scan;
mod split;
#[cfg(test)]
mod tests;

pub use scan::{folder_inside, guide_paths, scan_guides, symlink_target_inside, symlink_warning};
pub use split::{split, Split};
