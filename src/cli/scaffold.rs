//! Scaffolding: `careerbook init` (a new site) and `careerbook new` (a new
//! guide). The files come from `src/cli/scaffold/`, embedded in the binary.
//!
//! Neither command ever overwrites a file: every target is checked before the
//! first one is written, so a refused run changes nothing. The editor
//! settings `init` writes for `careerbook lsp` (docs/editors.md) are the
//! exception that refuses nothing: one that exists already is kept as it is
//! and named, since a repository often has its own.

use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};

const SITE_YAML: &str = include_str!("scaffold/site.yaml");
const GITIGNORE: &str = include_str!("scaffold/gitignore");
const WORKFLOW: &str = include_str!("scaffold/pages.yml");
const EXAMPLE_GUIDE: &str = include_str!("scaffold/example-guide.md");
const NEW_GUIDE: &str = include_str!("scaffold/new-guide.md");
const VSCODE_SETTINGS: &str = include_str!("scaffold/vscode-settings.json");
const VSCODE_EXTENSIONS: &str = include_str!("scaffold/vscode-extensions.json");
const HELIX_LANGUAGES: &str = include_str!("scaffold/helix-languages.toml");

/// The editor settings `init` writes, relative to the site root: VS Code's
/// settings for the Generic LSP Client and the recommendation to install
/// it, and Helix's per-project languages file. Each starts `careerbook lsp`.
pub(crate) fn editor_files() -> Vec<(&'static str, &'static str)> {
    vec![
        (".vscode/settings.json", VSCODE_SETTINGS),
        (".vscode/extensions.json", VSCODE_EXTENSIONS),
        (".helix/languages.toml", HELIX_LANGUAGES),
    ]
}

/// What `init` did.
#[derive(Debug, Default)]
pub(crate) struct Created {
    /// The files written.
    pub written: Vec<PathBuf>,
    /// Editor settings that existed already and were left alone.
    pub kept: Vec<PathBuf>,
}

/// The path of the example guide `init` writes, relative to the site root.
pub(crate) const EXAMPLE_GUIDE_PATH: &str = "guides/site-reliability-engineer.md";

/// The files `init` writes, relative to the site root, with their contents.
pub(crate) fn init_files() -> Vec<(&'static str, String)> {
    vec![
        ("site.yaml", SITE_YAML.to_string()),
        (".gitignore", GITIGNORE.to_string()),
        (
            ".github/workflows/pages.yml",
            WORKFLOW.replace("{version}", env!("CARGO_PKG_VERSION")),
        ),
        (EXAMPLE_GUIDE_PATH, EXAMPLE_GUIDE.to_string()),
    ]
}

/// Creates a new site in `dir` (created if missing) and returns the paths
/// written. Refuses, writing nothing, if any of the site's files already
/// exists; editor settings that exist are kept.
pub(crate) fn init(dir: &Path) -> Result<Created> {
    let files = init_files();
    let existing: Vec<String> = files
        .iter()
        .map(|(rel, _)| dir.join(rel))
        .filter(|p| p.exists() || p.is_symlink())
        .map(|p| p.display().to_string())
        .collect();
    if !existing.is_empty() {
        bail!(
            "refusing to overwrite existing files: {}\n(nothing was written; move them away or choose another folder)",
            existing.join(", ")
        );
    }
    let mut created = Created::default();
    for (rel, text) in files {
        let path = dir.join(rel);
        write_new(&path, &text)?;
        created.written.push(path);
    }
    for (rel, text) in editor_files() {
        let path = dir.join(rel);
        if path.exists() || path.is_symlink() {
            created.kept.push(path);
        } else {
            write_new(&path, text)?;
            created.written.push(path);
        }
    }
    Ok(created)
}

/// The text of a new guide scaffold for `title`, with placeholders marked
/// `TODO:` so that `check` can list what is left to fill in.
pub(crate) fn new_guide_text(title: &str, family: Option<&str>) -> String {
    let family = family.map_or_else(
        || yaml_string("TODO: a job family, e.g. Engineering"),
        yaml_string,
    );
    NEW_GUIDE
        .replace("{title}", &yaml_string(title))
        .replace("{family}", &family)
}

/// Writes a new draft guide for `title` under `root/guides/` and returns its
/// path. The file name is the title's slug, folded as the site folds slugs.
pub(crate) fn new_guide(root: &Path, title: &str, family: Option<&str>) -> Result<PathBuf> {
    if title.trim().is_empty() {
        bail!("the title must not be empty");
    }
    let slug = crate::util::slug::slugify(title);
    if slug.is_empty() {
        bail!("the title `{title}` has no letters or digits to make a file name from");
    }
    let path = root.join("guides").join(format!("{slug}.md"));
    if path.exists() || path.is_symlink() {
        bail!(
            "refusing to overwrite {}; edit it, or choose another title",
            path.display()
        );
    }
    write_new(&path, &new_guide_text(title.trim(), family))?;
    Ok(path)
}

/// A YAML double-quoted scalar; JSON strings are valid YAML.
fn yaml_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("{s:?}"))
}

/// Creates `path` and its parents; fails if the file appeared meanwhile.
fn write_new(path: &Path, text: &str) -> Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    use std::io::Write;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .with_context(|| format!("cannot create {}", path.display()))?;
    f.write_all(text.as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_quoted_safely() {
        let text = new_guide_text("Data: \"Lead\" #1", Some("Data"));
        assert!(
            text.contains("title: \"Data: \\\"Lead\\\" #1\"\n"),
            "{text}"
        );
        assert!(text.contains("family: \"Data\""));
    }

    #[test]
    fn init_workflow_pins_this_version() {
        let files = init_files();
        let (_, wf) = files
            .iter()
            .find(|(p, _)| p.ends_with("pages.yml"))
            .expect("workflow");
        assert!(wf.contains(&format!(
            "CAREERBOOK_VERSION: \"{}\"",
            env!("CARGO_PKG_VERSION")
        )));
        assert!(!wf.contains("{version}"));
    }
}
