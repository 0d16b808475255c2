//! What the incremental engine keeps between rebuilds: the inputs as last
//! read (`site.yaml`, the theme, every guide file with its own diagnostics)
//! and the guides that parsed, sorted into the resolved site, the drafts
//! held back and those read since the site was last resolved.
//!
//! In: the paths of changed files. Out: the updated [`Store`], with each
//! changed guide noted in [`Pending`] and how far the change reaches as a
//! [`Stale`] level; the resolved [`Site`]; every diagnostic a clean `check`
//! would report.

use crate::build::BuildOptions;
use crate::dev::incremental::deps::{LinkId, Pending, Stale};
use crate::diag::{self, Diagnostic};
use crate::guide::load::{self, Guide, SourceFile};
use crate::guide::model::{FrontMatter, SiteConfig};
use crate::render::theme::{self, Theme};
use crate::rules;
use crate::site::Site;
use crate::util::layout::BaseUrl;
use anyhow::{Context, Result};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How a `SiteState` builds and where its pages go.
#[derive(Debug, Clone, Default)]
pub struct StateOptions {
    /// Root, drafts, output folder and base URL override, as for `build`.
    pub build: BuildOptions,
    /// Serve mode: an origin such as `http://127.0.0.1:1111` that replaces
    /// the configured base URL's origin, keeping its path.
    pub origin: Option<String>,
    /// Write pages into the output folder (watch); otherwise they stay in
    /// memory only (serve).
    pub write: bool,
}

/// One guide file as last read.
#[derive(Debug)]
struct FileEntry {
    /// The text, when the file could be read and decoded.
    source: Option<SourceFile>,
    /// Problems found while reading and parsing it, and by the rules about
    /// one guide on its own.
    diagnostics: Vec<Diagnostic>,
    /// What other pages and the cross-guide rules read of it, when it parsed.
    links: Option<LinkId>,
    /// The guide built from what the schema walk accepted, when it refused
    /// something: the cross-guide rules check it, it is never published.
    partial: Option<Guide>,
}

/// The inputs and the guides, kept from one rebuild to the next.
pub(crate) struct Store {
    pub(crate) opts: StateOptions,
    pub(crate) config: SiteConfig,
    config_diags: Vec<Diagnostic>,
    config_source: Option<SourceFile>,
    /// `skills.yaml`'s text, for showing its diagnostics (which are kept
    /// with `config_diags`).
    skills_source: Option<SourceFile>,
    pub(crate) theme: Result<Theme, Vec<Diagnostic>>,
    files: BTreeMap<PathBuf, FileEntry>,
    /// Guide files that are symbolic links, with the file each resolves to
    /// (canonical): an edit of that file is an edit of the guide.
    links: BTreeMap<PathBuf, PathBuf>,
    /// The resolved site: every published guide that parsed. It lives from
    /// one rebuild to the next, so an edit that changes no [`LinkId`] swaps
    /// the guide in place instead of resolving the whole site again.
    pub(crate) site: Site,
    /// The slug and file of each guide of `site` as last resolved, in its
    /// order (an edit takes guides out of `site` before it is resolved
    /// again).
    resolved: Vec<(String, PathBuf)>,
    /// Guides that parsed but are not published (drafts), by path.
    held: BTreeMap<PathBuf, Guide>,
    /// Guides read since the site was last resolved whose [`LinkId`]
    /// changed.
    loose: Vec<Guide>,
    /// Cross-guide diagnostics as of the last resolve.
    site_diags: Vec<Diagnostic>,
    /// Every diagnostic as [`Store::check`] last gave it, sorted, while
    /// none of the parts above changed: at 10,000 guides a site can carry
    /// tens of thousands of warnings, and copying and sorting them on
    /// every save cost more than the rebuild.
    checked: Option<Arc<Vec<Diagnostic>>>,
    /// The warnings as of the last check, while no guide's front matter
    /// text has changed since.
    warnings: Vec<Diagnostic>,
    /// Whether `warnings` must be worked out again.
    warnings_stale: bool,
    /// Each guide's own warnings, kept for the guides a change leaves as
    /// they were.
    lints: rules::lint::Kept,
    /// What walking `guides/` warns of (links not followed, files not
    /// named `.md`), as of the last walk: only a change to something other
    /// than a known guide file can change it.
    walked: Option<Vec<Diagnostic>>,
}

impl Store {
    /// Reads `site.yaml` and the theme under `opts.build.root`, which must
    /// be canonical; no guide is read yet.
    pub(crate) fn new(opts: StateOptions) -> Result<Store> {
        let (mut config, mut config_diags, config_source) = load::load_config(&opts.build.root)?;
        let (skills, skills_diags, skills_source) = crate::guide::skills::load(&opts.build.root)?;
        config.skills = skills;
        config_diags.extend(skills_diags);
        let theme = theme::load(&opts.build.root, &config.theme, &config.language);
        Ok(Store {
            opts,
            config,
            config_diags,
            config_source,
            skills_source,
            theme,
            files: BTreeMap::new(),
            links: BTreeMap::new(),
            site: Site::new(SiteConfig::default(), Vec::new()),
            resolved: Vec::new(),
            held: BTreeMap::new(),
            loose: Vec::new(),
            site_diags: Vec::new(),
            checked: None,
            warnings: Vec::new(),
            warnings_stale: true,
            lints: rules::lint::Kept::default(),
            walked: None,
        })
    }

    /// The site root, canonicalized.
    pub(crate) fn root(&self) -> &Path {
        &self.opts.build.root
    }

    /// The current text of a file diagnostics point into.
    pub(crate) fn source(&self, file: &Path) -> Option<&str> {
        let s = if file == Path::new("site.yaml") {
            self.config_source.as_ref()
        } else if file == Path::new(crate::guide::skills::SKILLS_FILE) {
            self.skills_source.as_ref()
        } else {
            self.files.get(file).and_then(|f| f.source.as_ref())
        };
        s.map(|s| &*s.text)
    }

    /// `site.yaml` with the base URL the pages are built for.
    pub(crate) fn site_config(&self) -> SiteConfig {
        let mut c = self.config.clone();
        if let Some(url) = &self.opts.build.base_url {
            c.base_url = url.clone();
        } else if let Some(origin) = &self.opts.origin {
            c.base_url = format!("{origin}{}", BaseUrl::parse(&c.base_url).path);
        }
        c
    }

    /// Reads `site.yaml` and `skills.yaml` again.
    pub(crate) fn reload_config(&mut self) -> Result<()> {
        let (mut c, mut d, s) = load::load_config(self.root())?;
        let (skills, skills_diags, skills_source) = crate::guide::skills::load(self.root())?;
        c.skills = skills;
        d.extend(skills_diags);
        (self.config, self.config_diags, self.config_source) = (c, d, s);
        self.skills_source = skills_source;
        // The warnings read `levels`.
        self.warnings_stale = true;
        self.checked = None;
        Ok(())
    }

    /// Loads the configured theme again.
    pub(crate) fn reload_theme(&mut self) {
        self.checked = None;
        self.theme = theme::load(self.root(), &self.config.theme, &self.config.language);
    }

    /// The guide files known, by path relative to the root.
    pub(crate) fn known_files(&self) -> impl Iterator<Item = &PathBuf> {
        self.files.keys()
    }

    /// The files symlinked guides resolve to, canonical.
    pub(crate) fn linked_targets(&self) -> impl Iterator<Item = &Path> {
        self.links.values().map(PathBuf::as_path)
    }

    /// The guide files that are links resolving to `target` (absolute).
    pub(crate) fn linking_to<'a>(&'a self, target: &'a Path) -> impl Iterator<Item = &'a PathBuf> {
        self.links
            .iter()
            .filter(move |(_, t)| *t == target)
            .map(|(link, _)| link)
    }

    /// `path` relative to the root, if it is under it (relative paths are
    /// taken as they are).
    pub(crate) fn relative(&self, path: &Path) -> Option<PathBuf> {
        if path.is_absolute() {
            path.strip_prefix(self.root()).ok().map(Path::to_path_buf)
        } else {
            Some(path.to_path_buf())
        }
    }

    fn is_known_under(&self, dir: &Path) -> bool {
        self.files
            .range(dir.to_path_buf()..)
            .next()
            .is_some_and(|(p, _)| p.starts_with(dir))
    }

    /// Re-reads the changed guide files. A plain edit of a known file reads
    /// that file only; anything that may add or remove files (a new file, a
    /// deletion, a folder) lists `guides/` again so that exactly the files a
    /// full build would read are known. Returns [`Stale::Links`] when a
    /// guide came, went or changed its [`LinkId`], so the site must be
    /// resolved again, else [`Stale::Edits`].
    pub(crate) fn update_guides(
        &mut self,
        changed: &BTreeSet<PathBuf>,
        pending: &mut Pending,
    ) -> Result<Stale> {
        let mut relist = false;
        let mut reread = BTreeSet::new();
        // Anything but an edit of a known guide file may change what the
        // walk warns of (a `.markdown` file, a link leading out).
        let mut walk_stale = false;
        for rel in changed {
            let known = self.files.contains_key(rel);
            let meta = std::fs::symlink_metadata(self.root().join(rel));
            walk_stale |= !(known && meta.as_ref().is_ok_and(|m| m.is_file()));
            match meta {
                Ok(m) if m.is_file() && known => {
                    reread.insert(rel.clone());
                }
                Ok(m) if m.is_dir() => relist = true,
                Ok(_) => relist |= known || rel.extension().is_some_and(|e| e == "md"),
                Err(_) => relist |= known || self.is_known_under(rel),
            }
        }
        let walked = if walk_stale { self.walked.take() } else { None };
        let stale = if relist {
            self.rescan_guides(changed, pending)?
        } else {
            if walk_stale {
                self.walked = load::scan_guides(self.root()).ok().map(|(_, d)| d);
            }
            self.read_guides(reread, pending)
        };
        // New walk warnings are the site's: it is checked again even when
        // no guide came or went.
        if walk_stale && self.walked != walked {
            return Ok(stale.max(Stale::Links));
        }
        Ok(stale)
    }

    /// Lists `guides/`, forgets files that are gone, and reads new files
    /// plus the known ones in `changed`.
    pub(crate) fn rescan_guides(
        &mut self,
        changed: &BTreeSet<PathBuf>,
        pending: &mut Pending,
    ) -> Result<Stale> {
        let (mut listed, walked) = load::scan_guides(self.root())?;
        self.walked = Some(walked);
        // The walk lists files in order already, mostly: sorting checks it.
        // The files listed and those known are then walked side by side,
        // rather than each looked up in the other (paths compare component
        // by component, and a site has thousands).
        listed.sort();
        listed.dedup();
        let (gone, new) = apart(self.files.keys(), &listed);
        let mut change = Stale::Edits;
        for rel in gone {
            change.raise(self.take_out(&rel, pending));
            if self
                .files
                .remove(&rel)
                .is_some_and(|f| !f.diagnostics.is_empty())
            {
                self.checked = None;
            }
            self.links.remove(&rel);
            pending.files.insert(rel);
        }
        let mut read: BTreeSet<PathBuf> = new.into_iter().cloned().collect();
        read.extend(
            changed
                .iter()
                .filter(|p| listed.binary_search(p).is_ok())
                .cloned(),
        );
        Ok(change.max(self.read_guides(read, pending)))
    }

    fn read_guides(&mut self, paths: BTreeSet<PathBuf>, pending: &mut Pending) -> Stale {
        let root = self.root().to_path_buf();
        let opts = load::ReadOptions::of(&self.config);
        let results: Vec<_> = paths
            .into_par_iter()
            .map(|rel| {
                let mut read = load::read_and_parse(&root, &rel, opts);
                if let Some(g) = read.guide.as_ref().or(read.partial.as_ref()) {
                    rules::validate::validate_guide(g, &mut read.diagnostics);
                }
                let target = link_target(&root, &rel);
                (rel, target, read)
            })
            .collect();
        let mut change = Stale::Edits;
        for (rel, target, read) in results {
            let load::Read {
                guide,
                partial,
                diagnostics,
                source,
            } = read;
            match target {
                Some(t) => self.links.insert(rel.clone(), t),
                None => self.links.remove(&rel),
            };
            let old = self.files.get(&rel).and_then(|f| f.source.as_ref());
            if let (Some(old), Some(new)) = (old, &source) {
                if old.text == new.text {
                    continue;
                }
            }
            let same_head = match (old, &source) {
                (Some(old), Some(new)) => head(old).is_some_and(|h| Some(h) == head(new)),
                _ => false,
            };
            if !same_head {
                self.warnings_stale = true;
            }
            let links = guide.as_ref().map(LinkId::of);
            let old = self.files.get(&rel).and_then(|f| f.links.as_ref());
            match guide {
                Some(g) if links.as_ref() == old => {
                    if self.held.contains_key(&rel) {
                        self.held.insert(rel.clone(), g);
                    } else if let Some(i) = self.site_index(&rel, &g.slug) {
                        let old = std::mem::replace(&mut self.site.guides[i], g);
                        if old.front != self.site.guides[i].front {
                            pending.edited(&rel, old.front);
                        }
                    } else {
                        change.raise(Stale::Links);
                        self.loose.push(g);
                    }
                }
                g => {
                    change.raise(self.take_out(&rel, pending));
                    self.loose.extend(g);
                }
            }
            let entry = FileEntry {
                source,
                diagnostics,
                links,
                partial,
            };
            if self
                .files
                .insert(rel.clone(), entry)
                .is_none_or(|old| old.diagnostics != self.files[&rel].diagnostics)
            {
                self.checked = None;
            }
            pending.files.insert(rel);
        }
        change
    }

    /// Where the guide read from `rel` sits in the site, if it is published.
    pub(crate) fn guide_index(&self, rel: &Path) -> Option<usize> {
        let slug = &self.files.get(rel)?.links.as_ref()?.slug;
        self.site_index(rel, slug)
    }

    /// Where the guide read from `rel` sits in the site (sorted by slug).
    fn site_index(&self, rel: &Path, slug: &str) -> Option<usize> {
        let guides = &self.site.guides;
        let start = guides.partition_point(|g| g.slug.as_str() < slug);
        (start..guides.len())
            .take_while(|&i| guides[i].slug == slug)
            .find(|&i| guides[i].source.path == rel)
    }

    /// Removes the guide read from `rel` from wherever it is; the site must
    /// then be resolved again, so this returns [`Stale::Links`].
    fn take_out(&mut self, rel: &Path, pending: &mut Pending) -> Stale {
        self.warnings_stale = true;
        if self.held.remove(rel).is_some() {
            return Stale::Links;
        }
        if let Some(i) = self.guide_index(rel) {
            let old = self.site.guides.remove(i);
            // As last rendered: an earlier edit since may have replaced it.
            let shown = pending.edited.get(rel).unwrap_or(&old.front).clone();
            pending.gone(&old.slug, shown);
            pending.edited(rel, old.front);
        }
        Stale::Links
    }

    /// Resolves the site again from every guide, and runs the rules that
    /// span guides (on all guides in path order, as `validate` does).
    /// Raises `pending` to [`Stale::Units`] unless the same family, tag,
    /// employer and sector pages exist as before.
    pub(crate) fn resolve(&mut self, pending: &mut Pending) {
        let mut all = std::mem::take(&mut self.site.guides);
        all.extend(std::mem::take(&mut self.held).into_values());
        all.append(&mut self.loose);
        all.sort_by(|a, b| a.source.path.cmp(&b.source.path));
        let unparsed = self.unparsed();
        let statics: Vec<String> = match &self.theme {
            Ok(theme) => theme.statics.keys().cloned().collect(),
            Err(_) => Vec::new(),
        };
        let context = rules::Context {
            unparsed: &unparsed,
            drafts: self.opts.build.drafts,
            statics: &statics,
            levels: &self.config.levels,
            skills: &self.config.skills,
            lints: self.config.lint,
        };
        let mut checked: Vec<&Guide> = all.iter().chain(self.partial()).collect();
        checked.sort_by(|a, b| a.source.path.cmp(&b.source.path));
        let mut site_diags = Vec::new();
        rules::validate::validate_site(&checked, &context, &mut site_diags);
        if self.walked.is_none() {
            self.walked = load::scan_guides(self.root()).ok().map(|(_, d)| d);
        }
        site_diags.extend(self.walked.iter().flatten().cloned());
        site_diags.extend(theme::link_warnings(self.root()));
        if site_diags != self.site_diags {
            self.site_diags = site_diags;
            self.checked = None;
        }
        let drafts = self.opts.build.drafts;
        let (published, held): (Vec<Guide>, Vec<Guide>) =
            all.into_iter().partition(|g| g.front.is_published(drafts));
        self.held = held
            .into_iter()
            .map(|g| (g.source.path.clone(), g))
            .collect();
        let config = self.site_config();
        let kept = self.kept(&published, &config, pending);
        let terms_kept = kept.terms.is_some();
        let site = Site::again(config, published, kept);
        // While every term page stays, the edited guides' fields and the
        // guides that came or went decide what to render again. The terms
        // are compared with those of the site resolved before.
        if !terms_kept && !site.terms.same_names(&self.site.terms) {
            pending.stale.raise(Stale::Units);
        }
        self.resolved = site
            .guides
            .iter()
            .map(|g| (g.slug.clone(), g.source.path.clone()))
            .collect();
        self.site = site;
    }

    /// What the site about to be resolved from `published` can keep of the
    /// one resolved before: only the guides in `pending.edited` changed
    /// their front matter since.
    fn kept(
        &mut self,
        published: &[Guide],
        config: &SiteConfig,
        pending: &Pending,
    ) -> crate::site::Kept {
        let mut now: Vec<(&str, &Path)> = published
            .iter()
            .map(|g| (g.slug.as_str(), g.source.path.as_path()))
            .collect();
        now.sort_unstable();
        let same_guides = now.len() == self.resolved.len()
            && now
                .iter()
                .zip(&self.resolved)
                .all(|(a, b)| a.0 == b.0 && a.1 == b.1);
        if !same_guides {
            return crate::site::Kept::default();
        }
        let by_path: std::collections::HashMap<&Path, &FrontMatter> = published
            .iter()
            .map(|g| (g.source.path.as_path(), &g.front))
            .collect();
        let edited: Vec<(&FrontMatter, &FrontMatter)> = pending
            .edited
            .iter()
            .filter_map(|(rel, old)| Some((old, *by_path.get(rel.as_path())?)))
            .collect();
        let gaps = |f: &FrontMatter| f.skill_gaps.as_ref().map(|g| g.missing.clone());
        let same_skills = config.skills == self.site.config.skills
            && edited
                .iter()
                .all(|(a, b)| a.skills == b.skills && gaps(a) == gaps(b));
        let same_terms = edited.iter().all(|(a, b)| {
            crate::site::terms::Kind::ALL
                .iter()
                .all(|k| k.names_of(a) == k.names_of(b))
        });
        crate::site::Kept {
            terms: same_terms.then(|| std::mem::take(&mut self.site.terms)),
            skills: same_skills.then(|| std::mem::take(&mut self.site.skills)),
        }
    }

    /// Takes in `site.yaml`'s current settings without resolving the site
    /// again (no guide moved).
    pub(crate) fn reconfigure(&mut self) {
        let config = self.site_config();
        self.site.base = BaseUrl::parse(&config.base_url);
        if config.skills != self.site.config.skills {
            // `skills.yaml` decides which spellings are one skill.
            self.site.skills =
                crate::site::skills::SkillIndex::new(&self.site.guides, &config.skills);
        }
        self.site.config = config;
    }

    /// The guides the schema walk refused, built from what it accepted.
    fn partial(&self) -> impl Iterator<Item = &Guide> {
        self.files.values().filter_map(|f| f.partial.as_ref())
    }

    /// Slugs and paths of guide files that did not parse at all, as `load`
    /// lists them, so links to them are not reported a second time.
    fn unparsed(&self) -> Vec<(String, PathBuf)> {
        self.files
            .iter()
            .filter(|(_, f)| f.links.is_none() && f.partial.is_none())
            .filter_map(|(p, f)| {
                f.source
                    .as_ref()
                    .map(|src| (load::fallback_slug(src), p.clone()))
            })
            .collect()
    }

    /// Every diagnostic a clean `build` would report for the current files.
    /// This is `rules::validate` split in two: the rules about one guide
    /// ran when it was read, the rules spanning guides run again only when
    /// something they read changed.
    pub(crate) fn check(&mut self) -> Arc<Vec<Diagnostic>> {
        if self.warnings_stale {
            let warnings = self.lint();
            self.warnings_stale = false;
            if let Some(warnings) = warnings.filter(|w| *w != self.warnings) {
                self.warnings = warnings;
                self.checked = None;
            }
        }
        if let Some(checked) = &self.checked {
            return Arc::clone(checked);
        }
        let mut out = self.config_diags.clone();
        for f in self.files.values() {
            out.extend(f.diagnostics.iter().cloned());
        }
        out.extend(self.site_diags.iter().cloned());
        // What `check` says about the theme's words (E0404, W0405), as of
        // the theme's last load.
        if let Ok(theme) = &self.theme {
            let mut words = theme.warnings.clone();
            let site_yaml = self.config_source.as_ref().map(|s| &*s.text);
            crate::build::place_language(&mut words, site_yaml);
            out.extend(words);
        }
        out.extend(self.warnings.iter().cloned());
        diag::sort(&mut out);
        let out = Arc::new(out);
        self.checked = Some(Arc::clone(&out));
        out
    }

    /// The warnings of the whole site. They read dates and titles of every
    /// guide (the newest `updated` date, near-miss titles), which an edit can
    /// change without touching any link, so they run again after any change
    /// to a guide's front matter; an edit of a body alone keeps them. Of
    /// the guides a change leaves as they were, each keeps its own
    /// warnings while no guide's slug, title, date or draft flag changed
    /// ([`rules::lint::Kept`]). `None` when the warnings are the same as
    /// the last time.
    fn lint(&mut self) -> Option<Vec<Diagnostic>> {
        let mut kept = std::mem::take(&mut self.lints);
        let mut out = Vec::new();
        let mut all: Vec<&Guide> = self
            .site
            .guides
            .iter()
            .chain(self.held.values())
            .chain(&self.loose)
            .chain(self.partial())
            .collect();
        // Usually in order already: the site's guides are, and most edits
        // leave no guide held, loose or partial.
        if !all.is_sorted_by(|a, b| a.source.path <= b.source.path) {
            all.sort_by(|a, b| a.source.path.cmp(&b.source.path));
        }
        let unparsed = self.unparsed();
        let context = rules::Context {
            unparsed: &unparsed,
            drafts: self.opts.build.drafts,
            statics: &[],
            levels: &self.config.levels,
            skills: &self.config.skills,
            lints: self.config.lint,
        };
        let changed = rules::lint::lint_kept(&all, &context, &mut kept, &mut out);
        drop(all);
        self.lints = kept;
        changed.then_some(out)
    }
}

/// The text of a guide file before its body: the fences and the front
/// matter, which is all that warnings read.
fn head(source: &SourceFile) -> Option<&str> {
    let parts = load::split(&source.path, &source.text).ok()?;
    Some(&source.text[..source.text.len() - parts.body.len()])
}

/// What the guide file `rel` resolves to when it is a symbolic link.
fn link_target(root: &Path, rel: &Path) -> Option<PathBuf> {
    let path = root.join(rel);
    let link = std::fs::symlink_metadata(&path)
        .ok()?
        .file_type()
        .is_symlink();
    link.then(|| std::fs::canonicalize(&path).ok()).flatten()
}

/// Canonicalizes the site root in `opts`, so paths from file events can be
/// made relative to it.
pub(crate) fn canonical_root(mut opts: StateOptions) -> Result<StateOptions> {
    let root = &opts.build.root;
    opts.build.root = std::fs::canonicalize(root)
        .with_context(|| format!("cannot open the site root {}", root.display()))?;
    Ok(opts)
}

/// Of two lists of paths in order, the paths only in `known` and those
/// only in `listed`, each in order.
fn apart<'k, 'l>(
    known: impl Iterator<Item = &'k PathBuf>,
    listed: &'l [PathBuf],
) -> (Vec<PathBuf>, Vec<&'l PathBuf>) {
    let (mut gone, mut new) = (Vec::new(), Vec::new());
    let mut known = known.peekable();
    let mut listed = listed.iter().peekable();
    loop {
        match (known.peek(), listed.peek()) {
            (Some(a), Some(b)) => match a.cmp(b) {
                std::cmp::Ordering::Less => gone.extend(known.next().cloned()),
                std::cmp::Ordering::Greater => new.extend(listed.next()),
                std::cmp::Ordering::Equal => {
                    known.next();
                    listed.next();
                }
            },
            (Some(_), None) => gone.extend(known.next().cloned()),
            (None, Some(_)) => new.extend(listed.next()),
            (None, None) => return (gone, new),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apart_gives_the_paths_gone_and_new_in_order() {
        let p = |s: &str| PathBuf::from(s);
        let known = [p("a.md"), p("b.md"), p("eng/c.md"), p("eng-x.md")];
        let listed = [p("b.md"), p("d.md"), p("eng/c.md"), p("eng/e.md")];
        let (gone, new) = apart(known.iter(), &listed);
        assert_eq!(gone, [p("a.md"), p("eng-x.md")]);
        assert_eq!(new, [&p("d.md"), &p("eng/e.md")]);
        let (gone, new) = apart(known.iter(), &[]);
        assert_eq!(gone.len(), 4);
        assert!(new.is_empty());
    }
}
