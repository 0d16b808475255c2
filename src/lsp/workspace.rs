//! One site as an editor sees it: the files on disk with the text of open
//! documents laid over them, checked as `careerbook check` checks the site.
//!
//! In: the site root and the open documents' text. Out: every diagnostic
//! `check` would report if the documents were saved, and the parsed guides
//! that completion and navigation read (slugs, titles, terms in use).
//!
//! Each guide file is read and parsed again only when its text changed (an
//! open document's text, or the size and time a file on disk has); the
//! rules about one guide run with it. What spans guides (unique slugs and
//! aliases, links between guides, the warnings) runs over all of them on
//! every check, and the theme's checks when `site.yaml` or a saved file
//! changes. So an edit costs one guide's parse plus the site-wide rules.

use crate::diag::{self, Diagnostic};
use crate::guide::load::{self, Guide, SourceFile};
use crate::guide::model::{SiteConfig, SkillEntry};
use crate::rules;
use anyhow::Result;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What a file's content was last read from.
#[derive(Debug, Clone, PartialEq)]
enum Stamp {
    /// Not on disk and not open.
    Missing,
    /// On disk: its size and modification time.
    Disk(u64, Option<std::time::SystemTime>),
    /// An open document's text.
    Open(Arc<str>),
}

impl Stamp {
    fn of(root: &Path, rel: &Path, open: &BTreeMap<PathBuf, Arc<str>>) -> Stamp {
        if let Some(text) = open.get(rel) {
            return Stamp::Open(text.clone());
        }
        match std::fs::metadata(root.join(rel)) {
            Ok(m) => Stamp::Disk(m.len(), m.modified().ok()),
            Err(_) => Stamp::Missing,
        }
    }
}

/// One guide file as last read.
struct Entry {
    stamp: Stamp,
    guide: Option<Guide>,
    /// The guide built from what the schema walk accepted, when it refused
    /// something: the rules check it as `check` does; nothing reads it else.
    partial: Option<Guide>,
    /// Reading and parsing problems, and the rules about this guide alone.
    diagnostics: Vec<Diagnostic>,
    /// The slug a file that did not parse would likely have.
    unparsed: Option<String>,
}

/// `site.yaml` as last read.
struct Config {
    stamp: Stamp,
    config: SiteConfig,
    diagnostics: Vec<Diagnostic>,
    source: Option<SourceFile>,
}

/// `skills.yaml` as last read.
struct Skills {
    stamp: Stamp,
    entries: Vec<SkillEntry>,
    diagnostics: Vec<Diagnostic>,
}

/// The checks of the theme and the output folder, kept until `site.yaml`
/// changes or a file is saved.
struct SiteChecks {
    diagnostics: Vec<Diagnostic>,
    statics: Vec<String>,
}

/// One site root and what was read of it.
pub(crate) struct Workspace {
    root: PathBuf,
    drafts: bool,
    config: Option<Config>,
    skills: Option<Skills>,
    /// The guide files as last read, by path relative to the root (hashed:
    /// comparing paths in order costs more than a site-wide rule).
    files: HashMap<PathBuf, Entry>,
    /// Their paths, sorted, as last listed.
    order: Vec<PathBuf>,
    site_checks: Option<SiteChecks>,
}

/// Whether `rel` (relative to a site root) is a file `check` reads as a
/// guide when it exists: `guides/**/*.md`, no part hidden.
pub(crate) fn is_guide_path(rel: &Path) -> bool {
    let mut parts = rel.components();
    let under_guides = parts
        .next()
        .is_some_and(|c| c.as_os_str() == std::ffi::OsStr::new("guides"));
    let visible = rel.components().all(|c| match c {
        std::path::Component::Normal(p) => !p.to_string_lossy().starts_with('.'),
        _ => false,
    });
    under_guides
        && visible
        && rel.components().count() > 1
        && rel.extension().is_some_and(|e| e == "md")
}

impl Workspace {
    /// A site at `root`; nothing is read until [`Workspace::check`].
    pub(crate) fn new(root: PathBuf, drafts: bool) -> Workspace {
        Workspace {
            root,
            drafts,
            config: None,
            skills: None,
            files: HashMap::new(),
            order: Vec::new(),
            site_checks: None,
        }
    }

    /// The site root.
    pub(crate) fn root(&self) -> &Path {
        &self.root
    }

    /// Forgets the theme's checks, so the next check runs them again (a
    /// file was saved: a template or a theme's link may have changed too).
    pub(crate) fn saved(&mut self) {
        self.site_checks = None;
    }

    /// Every diagnostic `careerbook check` would report for the site with
    /// the open documents' text (keyed by path relative to the root) in
    /// place of their files, sorted as `check` sorts them.
    pub(crate) fn check(&mut self, open: &BTreeMap<PathBuf, Arc<str>>) -> Result<Vec<Diagnostic>> {
        if !self.root.is_dir() {
            anyhow::bail!("site root {} is not a folder", self.root.display());
        }
        self.read_config(open)?;
        self.read_skills(open);
        let (mut paths, scanned) = load::scan_guides(&self.root)?;
        // An open document not yet saved is a guide as soon as it is one.
        for rel in open.keys() {
            let on_disk = std::fs::symlink_metadata(self.root.join(rel)).is_ok();
            if !on_disk && is_guide_path(rel) && self.root.join("guides").is_dir() {
                paths.push(rel.clone());
            }
        }
        paths.sort();
        paths.dedup();
        self.read_guides(&paths, open);
        self.order = paths;

        let config = self.config.as_ref().expect("read above");
        let site_checks = self.site_checks.get_or_insert_with(|| SiteChecks {
            diagnostics: crate::build::site_checks(
                &self.root,
                &config.config,
                config.source.as_ref().map(|s| &*s.text),
                false,
            ),
            statics: crate::render::theme::static_names(&self.root, &config.config.theme),
        });
        let entries: Vec<(&PathBuf, &Entry)> = self
            .order
            .iter()
            .filter_map(|p| Some((p, self.files.get(p)?)))
            .collect();
        // The guides the schema walk refused are checked too, as `check`
        // checks them; `order` is sorted by path, as `check` sorts them.
        let guides: Vec<&Guide> = entries
            .iter()
            .filter_map(|(_, e)| e.guide.as_ref().or(e.partial.as_ref()))
            .collect();
        let unparsed: Vec<(String, PathBuf)> = entries
            .iter()
            .filter_map(|(p, e)| Some((e.unparsed.clone()?, (*p).clone())))
            .collect();
        let context = rules::Context {
            unparsed: &unparsed,
            drafts: self.drafts,
            statics: &site_checks.statics,
            levels: &config.config.levels,
            skills: self.skills.as_ref().map_or(&[], |s| &s.entries),
            lints: config.config.lint,
        };
        let mut out = config.diagnostics.clone();
        out.extend(
            self.skills
                .iter()
                .flat_map(|s| s.diagnostics.iter().cloned()),
        );
        out.extend(scanned);
        for (_, e) in &entries {
            out.extend(e.diagnostics.iter().cloned());
        }
        out.extend(rules::validate_across(&guides, &context));
        out.extend(site_checks.diagnostics.iter().cloned());
        diag::sort(&mut out);
        Ok(out)
    }

    /// Reads `site.yaml` again if its text changed; a change to what
    /// reading a guide depends on reads every guide again.
    fn read_config(&mut self, open: &BTreeMap<PathBuf, Arc<str>>) -> Result<()> {
        let rel = Path::new("site.yaml");
        let stamp = Stamp::of(&self.root, rel, open);
        if self.config.as_ref().is_some_and(|c| c.stamp == stamp) {
            return Ok(());
        }
        let (config, diagnostics, source) = match &stamp {
            Stamp::Open(text) => load::parse_config(text.as_bytes()),
            _ => load::load_config(&self.root)?,
        };
        let before = self
            .config
            .as_ref()
            .map(|c| load::ReadOptions::of(&c.config));
        if before != Some(load::ReadOptions::of(&config)) {
            self.files.clear();
        }
        self.site_checks = None;
        self.config = Some(Config {
            stamp,
            config,
            diagnostics,
            source,
        });
        Ok(())
    }

    /// Reads `skills.yaml` again if its text changed.
    fn read_skills(&mut self, open: &BTreeMap<PathBuf, Arc<str>>) {
        let rel = Path::new(crate::guide::skills::SKILLS_FILE);
        let stamp = Stamp::of(&self.root, rel, open);
        if self.skills.as_ref().is_some_and(|s| s.stamp == stamp) {
            return;
        }
        let (entries, diagnostics) = match &stamp {
            Stamp::Open(text) => crate::guide::skills::parse(text),
            Stamp::Missing => (Vec::new(), Vec::new()),
            Stamp::Disk(..) => match crate::guide::skills::load(&self.root) {
                Ok((entries, diagnostics, _)) => (entries, diagnostics),
                Err(e) => {
                    eprintln!("careerbook lsp: {e:#}");
                    (Vec::new(), Vec::new())
                }
            },
        };
        self.skills = Some(Skills {
            stamp,
            entries,
            diagnostics,
        });
    }

    /// The entries of the site's `skills.yaml` as last read (none without
    /// the file).
    pub(crate) fn catalog(&self) -> &[SkillEntry] {
        self.skills.as_ref().map_or(&[], |s| &s.entries)
    }

    /// Reads the guides at `paths` whose text changed, in parallel, and
    /// forgets those no longer there.
    fn read_guides(&mut self, paths: &[PathBuf], open: &BTreeMap<PathBuf, Arc<str>>) {
        let opts = load::ReadOptions::of(&self.config.as_ref().expect("read first").config);
        let root = &self.root;
        let stale: Vec<(&PathBuf, Stamp)> = paths
            .iter()
            .map(|rel| (rel, Stamp::of(root, rel, open)))
            .filter(|(rel, stamp)| self.files.get(*rel).is_none_or(|e| e.stamp != *stamp))
            .collect();
        let read: Vec<(PathBuf, Entry)> = stale
            .into_par_iter()
            .map(|(rel, stamp)| {
                let load::Read {
                    guide,
                    partial,
                    mut diagnostics,
                    source,
                } = match &stamp {
                    Stamp::Open(text) => load::parse_file(rel, text.as_bytes(), opts),
                    _ => load::read_and_parse(root, rel, opts),
                };
                if let Some(g) = guide.as_ref().or(partial.as_ref()) {
                    rules::validate::validate_guide(g, &mut diagnostics);
                }
                let unparsed = match (&guide, &partial, &source) {
                    (None, None, Some(src)) => Some(load::fallback_slug(src)),
                    _ => None,
                };
                let entry = Entry {
                    stamp,
                    guide,
                    partial,
                    diagnostics,
                    unparsed,
                };
                (rel.clone(), entry)
            })
            .collect();
        self.files.extend(read);
        if self.files.len() != paths.len() {
            let keep: HashSet<&PathBuf> = paths.iter().collect();
            self.files.retain(|p, _| keep.contains(p));
        }
    }

    /// The guides that parsed, in path order.
    pub(crate) fn guides(&self) -> impl Iterator<Item = &Guide> {
        self.order
            .iter()
            .filter_map(|p| self.files.get(p)?.guide.as_ref())
    }

    /// The guide with this slug, if one parsed.
    pub(crate) fn guide(&self, slug: &str) -> Option<&Guide> {
        self.guides().find(|g| g.slug == slug)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::codes;

    fn fixture(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name)
    }

    /// With no document open, a workspace reports exactly what `check` does.
    #[test]
    fn agrees_with_check_on_every_fixture_site() {
        let mut roots = vec![fixture("site"), fixture("full"), fixture("basic")];
        for entry in std::fs::read_dir(fixture("invalid")).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                roots.push(path);
            }
        }
        roots.sort();
        let mut compared = 0;
        for root in roots {
            let opts = crate::build::BuildOptions {
                root: root.clone(),
                ..Default::default()
            };
            let Ok(checked) = crate::build::check(&opts) else {
                continue;
            };
            let mut ws = Workspace::new(root.clone(), false);
            let got = ws.check(&BTreeMap::new()).unwrap();
            assert_eq!(got, checked.diagnostics, "{}", root.display());
            // A second check reads nothing again and finds the same.
            assert_eq!(ws.check(&BTreeMap::new()).unwrap(), got);
            compared += 1;
        }
        assert!(compared > 5, "{compared} sites compared");
    }

    /// A guide the schema walk refuses is still checked by the rules, as
    /// `check` checks it: a misspelled field and a `min` above its `max`
    /// come together, and the buffer reports what the saved file does.
    #[test]
    fn a_refused_guide_is_checked_by_the_rules_as_check_does() {
        let dir = tempfile::tempdir().unwrap();
        copy_site(&fixture("site"), dir.path());
        let root = dir.path().to_path_buf();
        let rel = PathBuf::from("guides/data-analyst.md");
        let text = std::fs::read_to_string(root.join(&rel)).unwrap();
        let broken = text
            .replacen("title:", "titel:", 1)
            .replacen("min: 60000", "min: 90000", 1);
        let mut ws = Workspace::new(root.clone(), false);
        let open = BTreeMap::from([(rel.clone(), Arc::from(broken.as_str()))]);
        let typed = ws.check(&open).unwrap();
        let codes_in = |found: &[Diagnostic]| -> Vec<&str> {
            found
                .iter()
                .filter(|d| d.file == rel && d.is_error())
                .map(|d| d.code.id)
                .collect()
        };
        let want = [codes::E0101.id, codes::E0205.id, codes::E0205.id];
        assert_eq!(codes_in(&typed), want, "{typed:#?}");
        std::fs::write(root.join(&rel), &broken).unwrap();
        let opts = crate::build::BuildOptions {
            root: root.clone(),
            ..Default::default()
        };
        let checked = crate::build::check(&opts).unwrap();
        assert_eq!(typed, checked.diagnostics);
    }

    fn copy_site(from: &Path, to: &Path) {
        for entry in walkdir::WalkDir::new(from) {
            let entry = entry.unwrap();
            let dest = to.join(entry.path().strip_prefix(from).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(dest).unwrap();
            } else {
                std::fs::copy(entry.path(), dest).unwrap();
            }
        }
    }

    #[test]
    fn open_text_replaces_the_file_and_new_files_count() {
        let dir = tempfile::tempdir().unwrap();
        copy_site(&fixture("site"), dir.path());
        let root = dir.path().to_path_buf();
        let mut ws = Workspace::new(root.clone(), false);
        let clean = ws.check(&BTreeMap::new()).unwrap();
        assert!(!clean.iter().any(Diagnostic::is_error), "{clean:#?}");

        let rel = PathBuf::from("guides/data-analyst.md");
        let text = std::fs::read_to_string(root.join(&rel)).unwrap();
        let broken = text.replacen("title:", "titel:", 1);
        let open = BTreeMap::from([(rel.clone(), Arc::from(broken.as_str()))]);
        let found = ws.check(&open).unwrap();
        assert!(
            found
                .iter()
                .any(|d| d.code == codes::E0101 && d.file == rel),
            "{found:#?}"
        );

        // A guide typed into a new buffer links to a slug no file has yet.
        let new = PathBuf::from("guides/new-role.md");
        let text = "---\ntitle: New Role\nsummary: s\nresponsibilities: [r]\nskills: [s]\nprogression:\n  leads_to:\n    - title: X\n      guide: not-yet\n---\n";
        let open = BTreeMap::from([(new.clone(), Arc::from(text))]);
        let found = ws.check(&open).unwrap();
        assert!(
            found
                .iter()
                .any(|d| d.code == codes::E0305 && d.file == new),
            "{found:#?}"
        );
        let later = "---\ntitle: Not Yet\nsummary: s\nresponsibilities: [r]\nskills: [s]\n---\n";
        let open = BTreeMap::from([
            (new.clone(), Arc::from(text)),
            (PathBuf::from("guides/not-yet.md"), Arc::from(later)),
        ]);
        let found = ws.check(&open).unwrap();
        assert!(!found.iter().any(|d| d.code == codes::E0305), "{found:#?}");
        // Closed without saving, the files are gone again.
        let found = ws.check(&BTreeMap::new()).unwrap();
        assert_eq!(found, clean);
    }

    /// `skills.yaml` is read as `check` reads it, and an open buffer of it
    /// counts: an alias typed there settles the warning about a guide.
    #[test]
    fn skills_yaml_is_checked_and_its_open_text_counts() {
        let dir = tempfile::tempdir().unwrap();
        copy_site(&fixture("career"), dir.path());
        let root = dir.path().to_path_buf();
        let catalog = "skills:\n  - name: Roadmaps\n  - name: Roadmap\n";
        std::fs::write(root.join("skills.yaml"), catalog).unwrap();
        let opts = crate::build::BuildOptions {
            root: root.clone(),
            ..Default::default()
        };
        let checked = crate::build::check(&opts).unwrap();
        let mut ws = Workspace::new(root.clone(), false);
        let found = ws.check(&BTreeMap::new()).unwrap();
        assert_eq!(found, checked.diagnostics);
        let about = |found: &[Diagnostic], code: &codes::Code, needle: &str| {
            found
                .iter()
                .any(|d| d.code == code && d.message.contains(needle))
        };
        assert!(about(&found, codes::W0507, "Roadmapping"), "{found:#?}");
        assert!(
            found
                .iter()
                .any(|d| d.code == codes::W0508 && d.file == Path::new("skills.yaml")),
            "{found:#?}"
        );
        assert_eq!(ws.catalog().len(), 2);
        // The buffer, not the file: an alias claims the guide's spelling.
        let typed = "skills:\n  - name: Roadmaps\n    aliases: [Roadmapping]\n";
        let open = BTreeMap::from([(PathBuf::from("skills.yaml"), Arc::from(typed))]);
        let found = ws.check(&open).unwrap();
        assert!(!about(&found, codes::W0507, "Roadmapping"), "{found:#?}");
        assert!(!found.iter().any(|d| d.code == codes::W0508), "{found:#?}");
        // An error in the buffer is reported at its line, as `check` would.
        let broken = "skills:\n  - name: Roadmaps\n    alias: [x]\n";
        let open = BTreeMap::from([(PathBuf::from("skills.yaml"), Arc::from(broken))]);
        let found = ws.check(&open).unwrap();
        std::fs::write(root.join("skills.yaml"), broken).unwrap();
        assert_eq!(found, crate::build::check(&opts).unwrap().diagnostics);
        assert!(
            found
                .iter()
                .any(|d| d.file == Path::new("skills.yaml") && d.is_error() && d.line == 3),
            "{found:#?}"
        );
        // Removed, nothing is checked against it.
        std::fs::remove_file(root.join("skills.yaml")).unwrap();
        let found = ws.check(&BTreeMap::new()).unwrap();
        assert!(!found.iter().any(|d| d.code == codes::W0507), "{found:#?}");
        assert!(ws.catalog().is_empty());
    }
}
