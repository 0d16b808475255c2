//! Incremental rebuilds for `watch` and `serve`: the loaded and rendered site
//! stays in memory between changes, so saving one guide re-parses that one
//! file and re-renders only the pages that show its data.
//!
//! A changed guide re-renders its own page and every guide page whose links
//! to other guides now come out differently (see [`LinkSig`]): pages that
//! list it in their progression and pages it lists, by slug or by title, in
//! the site before the change or after it. Of the site-wide pages (each a
//! [`Unit`]), an edit that leaves every guide's [`LinkId`] alone re-renders
//! only the units that show a field it changed ([`Unit::reads`]): a body
//! edit none, a summary edit the cards on the index, the search page and the
//! guide's own term pages, plus the feed and the data files. Any other edit
//! re-renders every unit. A template or `site.yaml` change re-renders
//! everything.
//!
//! The invariant, checked by the tests: after any sequence of changes the
//! pages are byte for byte those of a clean build of the files on disk.

use crate::build::{self, BuildOptions};
use crate::diag::{self, Diagnostic};
use crate::guide::load::{self, Guide, SourceFile};
use crate::guide::model::{FrontMatter, SiteConfig};
use crate::output::write;
use crate::render::theme::{self, Theme};
use crate::render::units::{self, Cards, Unit, UnitContext};
use crate::render::{self, Page, RenderOptions};
use crate::rules;
use crate::site::terms::Kind;
use crate::site::{LinkKind, Site};
use crate::util::layout::{BaseUrl, Route};
use anyhow::{Context, Result};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

/// How a [`SiteState`] builds and where its pages go.
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

/// What one rebuild did.
#[derive(Debug, Default)]
pub struct RebuildOutcome {
    /// Every diagnostic for the current files, warnings too, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// The files are invalid: nothing was rendered and the last good site
    /// stays in place. `diagnostics` holds the errors.
    pub failed: bool,
    /// Every page was re-rendered (first build, template or `site.yaml`).
    pub full: bool,
    /// Number of guide pages rendered.
    pub rendered: usize,
    /// Output paths whose bytes changed, sorted.
    pub written: Vec<String>,
    /// Output paths no longer produced, sorted.
    pub removed: Vec<String>,
}

impl RebuildOutcome {
    /// Whether any output file changed.
    pub fn changed(&self) -> bool {
        !self.written.is_empty() || !self.removed.is_empty()
    }
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
}

/// The parts of a guide that other guides' pages and the rules spanning
/// guides read: while no guide's `LinkId` changes and no guide comes or
/// goes, every other guide page and every cross-guide diagnostic stays the
/// same, so an edit of a guide's content skips both.
#[derive(Debug, PartialEq)]
struct LinkId {
    slug: String,
    title: String,
    draft: bool,
    aliases: Vec<String>,
    progression: Option<crate::guide::model::Progression>,
    /// Family, tag, employer and sector names: they decide which term pages
    /// exist, and the slugs other guides' pages link to.
    terms: Vec<Vec<String>>,
}

impl LinkId {
    fn of(g: &Guide) -> LinkId {
        LinkId {
            slug: g.slug.clone(),
            title: g.front.title.clone(),
            draft: g.front.draft,
            aliases: g.front.aliases.clone(),
            progression: g.front.progression.clone(),
            terms: Kind::ALL
                .iter()
                .map(|k| k.names(g).into_iter().map(str::to_string).collect())
                .collect(),
        }
    }
}

/// What a guide page shows of other guides: everything
/// `view::GuideView::new` reads from the site besides the guide itself and
/// the site config. When this is unchanged and the guide is unchanged, the
/// page is unchanged.
#[derive(Debug, PartialEq, Eq)]
struct LinkSig {
    /// The slug each progression item links to, in order.
    targets: Vec<Option<String>>,
    /// The guides that list this one: how, their title and their slug.
    incoming: Vec<(LinkKind, String, String)>,
    /// The slug of each of its family, tag, employer and sector names (in
    /// [`Kind::ALL`] order), which depends on every other guide's names
    /// (collisions get `-2`).
    term_slugs: Vec<Option<String>>,
}

fn term_slugs<'a>(site: &'a Site, i: usize) -> impl Iterator<Item = Option<&'a str>> + 'a {
    let g = &site.guides[i];
    Kind::ALL
        .into_iter()
        .flat_map(move |k| k.names(g).into_iter().map(move |n| site.terms.slug(k, n)))
}

fn targets<'a>(site: &'a Site, i: usize) -> impl Iterator<Item = Option<&'a str>> + 'a {
    let p = site.guides[i].front.progression.as_ref();
    let items = p
        .into_iter()
        .flat_map(|p| p.leads_to.iter().chain(&p.transitions));
    items.map(move |r| site.resolve(r).map(|t| site.guides[t].slug.as_str()))
}

impl LinkSig {
    fn of(site: &Site, i: usize) -> LinkSig {
        LinkSig {
            targets: targets(site, i).map(|t| t.map(str::to_string)).collect(),
            incoming: site
                .incoming(i)
                .iter()
                .map(|&(from, kind)| {
                    let g = &site.guides[from];
                    (kind, g.front.title.clone(), g.slug.clone())
                })
                .collect(),
            term_slugs: term_slugs(site, i).map(|s| s.map(str::to_string)).collect(),
        }
    }

    /// Compares with few allocations: this runs for every guide on every edit.
    fn matches(&self, site: &Site, i: usize) -> bool {
        let incoming = site.incoming(i);
        self.term_slugs
            .iter()
            .map(Option::as_deref)
            .eq(term_slugs(site, i))
            && self.incoming.len() == incoming.len()
            && self
                .targets
                .iter()
                .map(Option::as_deref)
                .eq(targets(site, i))
            && self
                .incoming
                .iter()
                .zip(incoming)
                .all(|(a, &(from, kind))| {
                    let g = &site.guides[from];
                    a.0 == kind && a.1 == g.front.title && a.2 == g.slug
                })
    }
}

/// A site loaded and rendered in memory, kept up to date by [`apply`].
///
/// [`apply`]: SiteState::apply
pub struct SiteState {
    opts: StateOptions,
    output: Option<PathBuf>,
    /// The output folder holds exactly `pages` (plus the marker file).
    on_disk: bool,
    config: SiteConfig,
    config_diags: Vec<Diagnostic>,
    config_source: Option<SourceFile>,
    theme: Result<Theme, Vec<Diagnostic>>,
    files: BTreeMap<PathBuf, FileEntry>,
    /// The resolved site: every published guide that parsed. It lives from
    /// one rebuild to the next, so an edit that changes no [`LinkId`] swaps
    /// the guide in place instead of resolving the whole site again.
    site: Site,
    /// Guides that parsed but are not published (drafts), by path.
    held: BTreeMap<PathBuf, Guide>,
    /// Guides read since the last regroup whose [`LinkId`] changed.
    loose: Vec<Guide>,
    pages: BTreeMap<String, Arc<[u8]>>,
    /// For each guide page in `pages`, by slug, what it shows of others.
    shown: HashMap<String, LinkSig>,
    /// Cross-guide diagnostics as of the last regroup.
    site_diags: Vec<Diagnostic>,
    /// A guide's [`LinkId`] changed, or a guide came or went, since the
    /// site was last resolved and the cross-guide rules last ran.
    regroup: bool,
    /// The same, since the last successful render.
    links_stale: bool,
    /// Output paths of the site-wide pages in `pages`, by unit.
    unit_paths: BTreeMap<Unit, Vec<String>>,
    /// Guide cards of `site`, kept while their guides are unchanged.
    cards: Cards,
    /// Guides changed since the last successful render, by path, with their
    /// front matter as it was rendered then.
    edited: BTreeMap<PathBuf, FrontMatter>,
    /// Every site-wide unit must be re-rendered: the theme was reloaded, or
    /// the site was resolved again with guides or terms that came or went.
    units_stale: bool,
    /// The warnings as of the last check, while no guide's front matter
    /// text has changed since.
    warnings: Option<Vec<Diagnostic>>,
    /// Guide files changed since the last successful render.
    pending: BTreeSet<PathBuf>,
    /// Everything must be re-rendered at the next successful render.
    pending_full: bool,
}

impl SiteState {
    /// Loads the site under `opts.build.root` and renders it in full.
    ///
    /// Invalid guides do not make this fail: the outcome carries their
    /// diagnostics and the site has no pages until a change fixes them.
    pub fn new(mut opts: StateOptions) -> Result<(SiteState, RebuildOutcome)> {
        let root = &opts.build.root;
        opts.build.root = std::fs::canonicalize(root)
            .with_context(|| format!("cannot open the site root {}", root.display()))?;
        let (config, config_diags, config_source) = load::load_config(&opts.build.root)?;
        let output = if opts.write {
            let out = build::output_dir(&opts.build, &config);
            write::check_output_dir(&opts.build.root, &out)?;
            Some(out)
        } else {
            None
        };
        let theme = theme::load(&opts.build.root, &config.theme);
        let mut state = SiteState {
            opts,
            output,
            on_disk: false,
            config,
            config_diags,
            config_source,
            theme,
            files: BTreeMap::new(),
            site: Site::new(SiteConfig::default(), Vec::new()),
            held: BTreeMap::new(),
            loose: Vec::new(),
            pages: BTreeMap::new(),
            shown: HashMap::new(),
            site_diags: Vec::new(),
            regroup: true,
            links_stale: true,
            unit_paths: BTreeMap::new(),
            cards: Cards::default(),
            edited: BTreeMap::new(),
            units_stale: true,
            warnings: None,
            pending: BTreeSet::new(),
            pending_full: true,
        };
        state.rescan_guides(&BTreeSet::new())?;
        let outcome = state.rebuild()?;
        Ok((state, outcome))
    }

    /// The site root, canonicalized.
    pub fn root(&self) -> &Path {
        &self.opts.build.root
    }

    /// The output folder pages are written to, in watch mode.
    pub fn output(&self) -> Option<&Path> {
        self.output.as_deref()
    }

    /// The pages of the last good build, by output-relative path.
    pub fn pages(&self) -> &BTreeMap<String, Arc<[u8]>> {
        &self.pages
    }

    /// The base URL the pages are built for.
    pub fn base(&self) -> BaseUrl {
        BaseUrl::parse(&self.site_config().base_url)
    }

    /// The current text of a file diagnostics point into.
    pub fn source(&self, file: &Path) -> Option<&str> {
        let s = if file == Path::new("site.yaml") {
            self.config_source.as_ref()
        } else {
            self.files.get(file).and_then(|f| f.source.as_ref())
        };
        s.map(|s| &*s.text)
    }

    /// `site.yaml` with the base URL the pages are built for.
    fn site_config(&self) -> SiteConfig {
        let mut c = self.config.clone();
        if let Some(url) = &self.opts.build.base_url {
            c.base_url = url.clone();
        } else if let Some(origin) = &self.opts.origin {
            c.base_url = format!("{origin}{}", BaseUrl::parse(&c.base_url).path);
        }
        c
    }

    /// Brings the site up to date after the files at `paths` changed (were
    /// written, created, deleted or renamed). Paths are absolute or relative
    /// to the root; paths outside `site.yaml`, `guides/` and `themes/` are
    /// ignored.
    ///
    /// Errors are I/O failures only; invalid content is reported in the
    /// outcome.
    pub fn apply<P: AsRef<Path>>(&mut self, paths: &[P]) -> Result<RebuildOutcome> {
        let mut config = false;
        let mut themes = Vec::new();
        let mut guides = BTreeSet::new();
        for path in paths {
            let Some(rel) = self.relative(path.as_ref()) else {
                continue;
            };
            match rel.components().next() {
                Some(Component::Normal(first)) if first == "guides" => {
                    guides.insert(rel);
                }
                Some(Component::Normal(first)) if first == "themes" => themes.push(rel),
                _ if rel == Path::new("site.yaml") => config = true,
                _ => {}
            }
        }
        self.update_guides(&guides)?;
        if config {
            let (c, d, s) = load::load_config(self.root())?;
            (self.config, self.config_diags, self.config_source) = (c, d, s);
            self.pending_full = true;
        }
        // Only the site's own theme folder matters; a change under its
        // static/ leaves the templates, so guide pages stay as they are.
        let theme_dir = Path::new("themes").join(&self.config.theme);
        let mine: Vec<&PathBuf> = themes
            .iter()
            .filter(|p| p.starts_with(&theme_dir) || theme_dir.starts_with(p))
            .collect();
        let templates = mine
            .iter()
            .any(|p| !p.starts_with(theme_dir.join("static")));
        if config || !mine.is_empty() {
            self.theme = theme::load(self.root(), &self.config.theme);
            self.units_stale = true;
        }
        self.pending_full |= templates;
        self.rebuild()
    }

    /// Re-reads everything, for when file events were lost.
    pub fn rescan(&mut self) -> Result<RebuildOutcome> {
        let known: BTreeSet<PathBuf> = self.files.keys().cloned().collect();
        let mut all: Vec<PathBuf> = known.into_iter().collect();
        all.extend(["site.yaml", "guides", "themes"].map(PathBuf::from));
        self.apply(&all)
    }

    fn relative(&self, path: &Path) -> Option<PathBuf> {
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
    /// full build would read are known.
    fn update_guides(&mut self, changed: &BTreeSet<PathBuf>) -> Result<()> {
        let mut relist = false;
        let mut reread = BTreeSet::new();
        for rel in changed {
            let known = self.files.contains_key(rel);
            match std::fs::symlink_metadata(self.root().join(rel)) {
                Ok(m) if m.is_file() && known => {
                    reread.insert(rel.clone());
                }
                Ok(m) if m.is_dir() => relist = true,
                Ok(_) => relist |= known || rel.extension().is_some_and(|e| e == "md"),
                Err(_) => relist |= known || self.is_known_under(rel),
            }
        }
        if relist {
            self.rescan_guides(changed)
        } else {
            self.read_guides(reread);
            Ok(())
        }
    }

    /// Lists `guides/`, forgets files that are gone, and reads new files
    /// plus the known ones in `changed`.
    fn rescan_guides(&mut self, changed: &BTreeSet<PathBuf>) -> Result<()> {
        let listed: BTreeSet<PathBuf> = load::guide_paths(self.root())?.into_iter().collect();
        let gone: Vec<PathBuf> = self
            .files
            .keys()
            .filter(|p| !listed.contains(*p))
            .cloned()
            .collect();
        for rel in gone {
            self.forget(&rel);
            self.pending.insert(rel);
        }
        let read: BTreeSet<PathBuf> = listed
            .into_iter()
            .filter(|p| !self.files.contains_key(p) || changed.contains(p))
            .collect();
        self.read_guides(read);
        Ok(())
    }

    fn read_guides(&mut self, paths: BTreeSet<PathBuf>) {
        let root = self.root().to_path_buf();
        let max_kib = self.config.max_guide_kib;
        let results: Vec<_> = paths
            .into_par_iter()
            .map(|rel| {
                let (guide, mut diagnostics, source) = load::read_and_parse(&root, &rel, max_kib);
                if let Some(g) = &guide {
                    rules::validate::validate_guide(g, &mut diagnostics);
                }
                (rel, (guide, diagnostics, source))
            })
            .collect();
        for (rel, (guide, diagnostics, source)) in results {
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
                self.warnings = None;
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
                            // Units compare with what they last showed.
                            self.edited.entry(rel.clone()).or_insert(old.front);
                        }
                    } else {
                        self.regroup = true;
                        self.links_stale = true;
                        self.loose.push(g);
                    }
                }
                g => {
                    self.take_out(&rel);
                    self.loose.extend(g);
                }
            }
            self.files.insert(
                rel.clone(),
                FileEntry {
                    source,
                    diagnostics,
                    links,
                },
            );
            self.pending.insert(rel);
        }
    }

    /// Where the guide read from `rel` sits in the site, if it is published.
    fn guide_index(&self, rel: &Path) -> Option<usize> {
        let slug = &self.files.get(rel)?.links.as_ref()?.slug;
        self.site_index(rel, slug)
    }

    /// Indices of the published guides changed since the last render.
    fn edited_guides(&self) -> Vec<usize> {
        self.edited
            .keys()
            .filter_map(|rel| self.guide_index(rel))
            .collect()
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
    /// then be resolved again.
    fn take_out(&mut self, rel: &Path) {
        self.regroup = true;
        self.warnings = None;
        self.links_stale = true;
        if self.held.remove(rel).is_some() {
            return;
        }
        let slug = self.files.get(rel).and_then(|f| f.links.as_ref());
        if let Some(i) = slug.and_then(|l| self.site_index(rel, &l.slug)) {
            let old = self.site.guides.remove(i);
            self.edited.entry(rel.to_path_buf()).or_insert(old.front);
        }
    }

    fn forget(&mut self, rel: &Path) {
        self.take_out(rel);
        self.files.remove(rel);
    }

    /// Resolves the site again from every guide, and runs the rules that
    /// span guides (on all guides in path order, as `validate` does).
    fn regroup(&mut self) {
        let mut all = std::mem::take(&mut self.site.guides);
        all.extend(std::mem::take(&mut self.held).into_values());
        all.append(&mut self.loose);
        all.sort_by(|a, b| a.source.path.cmp(&b.source.path));
        self.site_diags.clear();
        let unparsed = self.unparsed();
        let context = rules::Context {
            unparsed: &unparsed,
            drafts: self.opts.build.drafts,
        };
        rules::validate::validate_site(&all, &context, &mut self.site_diags);
        if let Ok((_, links)) = load::scan_guides(self.root()) {
            self.site_diags.extend(links);
        }
        self.site_diags.extend(theme::link_warnings(self.root()));
        let drafts = self.opts.build.drafts;
        let (published, held): (Vec<Guide>, Vec<Guide>) =
            all.into_iter().partition(|g| drafts || !g.front.draft);
        self.held = held
            .into_iter()
            .map(|g| (g.source.path.clone(), g))
            .collect();
        let site = Site::new(self.site_config(), published);
        // While the same guides are published under the same slugs, with
        // the same family, tag, employer and sector pages, every unit and
        // guide keeps its place and the edited guides' fields decide what
        // to render again. The terms are compared with those of the site
        // resolved before, and the slugs with the pages last rendered.
        let same_guides = site.guides.len() == self.shown.len()
            && site.guides.iter().all(|g| self.shown.contains_key(&g.slug));
        if !same_guides || site.terms != self.site.terms {
            self.units_stale = true;
        }
        self.site = site;
        self.regroup = false;
    }

    /// Slugs and paths of guide files that did not parse, as `load` lists
    /// them, so links to them are not reported a second time.
    fn unparsed(&self) -> Vec<(String, PathBuf)> {
        self.files
            .iter()
            .filter(|(_, f)| f.links.is_none())
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
    fn check(&mut self) -> Vec<Diagnostic> {
        let mut out = self.config_diags.clone();
        for f in self.files.values() {
            out.extend(f.diagnostics.iter().cloned());
        }
        out.extend(self.site_diags.iter().cloned());
        let warnings = match self.warnings.take() {
            Some(w) => w,
            None => self.lint(),
        };
        out.extend(warnings.iter().cloned());
        self.warnings = Some(warnings);
        diag::sort(&mut out);
        out
    }

    /// The warnings of the whole site. They read dates and titles of every
    /// guide (the newest `updated` date, near-miss titles), which an edit can
    /// change without touching any link, so they run again after any change
    /// to a guide's front matter; an edit of a body alone keeps them.
    fn lint(&self) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let mut all: Vec<&Guide> = self
            .site
            .guides
            .iter()
            .chain(self.held.values())
            .chain(&self.loose)
            .collect();
        all.sort_by(|a, b| a.source.path.cmp(&b.source.path));
        let unparsed = self.unparsed();
        let context = rules::Context {
            unparsed: &unparsed,
            drafts: self.opts.build.drafts,
        };
        crate::rules::lint::lint(&all, &context, &mut out);
        out
    }

    /// Validates, renders what is pending, and writes what changed.
    fn rebuild(&mut self) -> Result<RebuildOutcome> {
        if self.regroup {
            self.regroup();
        } else {
            let config = self.site_config();
            self.site.base = BaseUrl::parse(&config.base_url);
            self.site.config = config;
        }
        let mut outcome = RebuildOutcome {
            diagnostics: self.check(),
            full: self.pending_full,
            ..Default::default()
        };
        if outcome.diagnostics.iter().any(Diagnostic::is_error) {
            outcome.failed = true;
            return Ok(outcome);
        }
        if self.pending_full || self.units_stale || !self.cards.fits(self.site.guides.len()) {
            // Guides moved, or the base URL or Markdown settings changed.
            self.cards = Cards::new(self.site.guides.len());
            self.units_stale = true;
        } else {
            for i in self.edited_guides() {
                self.cards.forget(i);
            }
        }
        let rendered = match &self.theme {
            Ok(theme) => self.render(&self.site, theme),
            Err(d) => Err(d.clone()),
        };
        let rendered = match rendered {
            Ok(r) => r,
            Err(errors) => {
                outcome.diagnostics.extend(errors);
                outcome.failed = true;
                return Ok(outcome);
            }
        };
        outcome.rendered = rendered.guide_pages.len();
        self.commit(rendered, &mut outcome)?;
        self.pending.clear();
        self.pending_full = false;
        self.links_stale = false;
        self.units_stale = false;
        self.edited.clear();
        Ok(outcome)
    }

    /// Renders the guide pages that may have changed, and every site page.
    fn render(&self, site: &Site, theme: &Theme) -> Result<Rendered, Vec<Diagnostic>> {
        let sv = render::site_view(
            site,
            RenderOptions {
                serving: self.opts.build.serving,
            },
        );
        let dirty: Vec<usize> = if self.pending_full || self.links_stale {
            (0..site.guides.len())
                .into_par_iter()
                .filter(|&i| {
                    let g = &site.guides[i];
                    self.pending_full
                        || self.pending.contains(&g.source.path)
                        || !self.shown.get(&g.slug).is_some_and(|s| s.matches(site, i))
                })
                .collect()
        } else {
            // No links changed: only the changed guides' own pages, found
            // without visiting every guide.
            let mut v: Vec<usize> = self
                .pending
                .iter()
                .filter_map(|rel| {
                    let slug = &self.files.get(rel)?.links.as_ref()?.slug;
                    self.site_index(rel, slug)
                })
                .collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        let results: Vec<(usize, Result<Page, Diagnostic>)> = dirty
            .par_iter()
            .map(|&i| (i, render::guide_page(site, theme, &sv, i)))
            .collect();
        let mut errors = Vec::new();
        let mut guide_pages = Vec::with_capacity(results.len());
        let mut guide_data = Vec::with_capacity(results.len());
        let mut shown = Vec::with_capacity(results.len());
        for (i, r) in results {
            match r {
                Ok(p) => {
                    guide_pages.push(p);
                    guide_data.push(render::guide_data(site, i));
                    shown.push((site.guides[i].slug.clone(), LinkSig::of(site, i)));
                }
                // The same template error would repeat for every guide.
                Err(d) if !errors.contains(&d) => errors.push(d),
                Err(_) => {}
            }
        }
        let all_units = self.pending_full || self.units_stale;
        let mut todo = units::units(site);
        if !all_units {
            let edited: Vec<(usize, &FrontMatter)> = self
                .edited
                .iter()
                .filter_map(|(rel, old)| Some((self.guide_index(rel)?, old)))
                .collect();
            todo.retain(|u| {
                edited
                    .iter()
                    .any(|&(i, old)| u.shows(site, i) && u.reads(old, &site.guides[i].front))
            });
        }
        let cx = UnitContext {
            site,
            theme,
            sv: &sv,
            cards: &self.cards,
        };
        let units = match units::collect_units(&cx, &todo) {
            Ok(units) => units,
            Err(unit_errors) => {
                for d in unit_errors {
                    if !errors.contains(&d) {
                        errors.push(d);
                    }
                }
                Vec::new()
            }
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Rendered {
            guide_pages,
            guide_data,
            units,
            all_units,
            shown,
            all_guides: self
                .links_stale
                .then(|| site.guides.iter().map(|g| g.slug.clone()).collect()),
        })
    }

    /// Takes the newly rendered pages into `self.pages`, drops pages that are
    /// no longer produced, and mirrors the difference on disk.
    fn commit(&mut self, r: Rendered, outcome: &mut RebuildOutcome) -> Result<()> {
        let mut removed = Vec::new();
        if let Some(all) = &r.all_guides {
            let now: HashSet<&str> = all.iter().map(String::as_str).collect();
            self.shown.retain(|slug, _| {
                let keep = now.contains(slug.as_str());
                if !keep {
                    removed.push(Route::Guide(slug).file());
                    removed.push(Route::GuideData(slug).file());
                }
                keep
            });
        }
        self.shown.extend(r.shown);
        let before: BTreeSet<String> = self.unit_paths.values().flatten().cloned().collect();
        if r.all_units {
            self.unit_paths.clear();
        }
        for (unit, pages) in &r.units {
            let paths = pages.iter().map(|p| p.path.clone()).collect();
            self.unit_paths.insert(unit.clone(), paths);
        }
        let site_paths: BTreeSet<&String> = self.unit_paths.values().flatten().collect();
        // A path can move between a guide page and a site page (an alias
        // taking over a renamed guide's old URL, or a guide taking an old
        // alias's): a page still made by a guide or a unit stays.
        removed.retain(|p| !site_paths.contains(p));
        let mut gone: Vec<String> = before
            .into_iter()
            .filter(|p| !site_paths.contains(p))
            .collect();
        if !gone.is_empty() {
            let guide_files: HashSet<String> = self
                .shown
                .keys()
                .flat_map(|s| [Route::Guide(s).file(), Route::GuideData(s).file()])
                .collect();
            gone.retain(|p| !guide_files.contains(p));
        }
        removed.extend(gone);
        removed.sort();
        removed.dedup();
        for p in &removed {
            self.pages.remove(p);
        }
        outcome.removed = removed;
        let unit_pages = r.units.into_iter().flat_map(|(_, p)| p);
        let guide_pages = r.guide_pages.into_iter().chain(r.guide_data);
        for page in guide_pages.chain(unit_pages) {
            if self.pages.get(&page.path).map(|b| &**b) != Some(&page.bytes[..]) {
                outcome.written.push(page.path.clone());
                self.pages.insert(page.path, page.bytes.into());
            }
        }
        outcome.written.sort();
        if let Some(out) = &self.output {
            let result = if self.on_disk {
                write_changes(out, &self.pages, &outcome.written, &outcome.removed)
            } else {
                let all: Vec<Page> = self
                    .pages
                    .iter()
                    .map(|(path, bytes)| Page {
                        path: path.clone(),
                        bytes: bytes.to_vec(),
                    })
                    .collect();
                write::write_site(out, &all)
            };
            // After a failed write the folder is in an unknown state: the
            // next rebuild writes it whole again.
            self.on_disk = result.is_ok();
            result?;
        }
        Ok(())
    }
}

/// What [`SiteState::render`] produced.
struct Rendered {
    /// Newly rendered guide pages.
    guide_pages: Vec<Page>,
    /// The JSON records of the same guides.
    guide_data: Vec<Page>,
    /// Newly rendered site-wide units and their pages.
    units: Vec<(Unit, Vec<Page>)>,
    /// `units` holds every unit of the site: any other is gone.
    all_units: bool,
    /// What each newly rendered guide page shows of others, by slug.
    shown: Vec<(String, LinkSig)>,
    /// The slug of every published guide, when guides may have come or gone.
    all_guides: Option<Vec<String>>,
}

/// The text of a guide file before its body: the fences and the front
/// matter, which is all that warnings read.
fn head(source: &SourceFile) -> Option<&str> {
    let parts = load::split(&source.path, &source.text).ok()?;
    Some(&source.text[..source.text.len() - parts.body.len()])
}

/// Writes the changed files (each through a temporary file and a rename, so
/// a reader never sees half a page) and deletes the removed ones, pruning
/// folders they leave empty.
fn write_changes(
    out: &Path,
    pages: &BTreeMap<String, Arc<[u8]>>,
    written: &[String],
    removed: &[String],
) -> Result<()> {
    for rel in removed {
        let target = write::safe_join(out, rel)?;
        match std::fs::remove_file(&target) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e).with_context(|| format!("cannot remove {}", target.display())),
        }
        let mut dir = target.parent();
        while let Some(d) = dir.filter(|d| *d != out) {
            if std::fs::remove_dir(d).is_err() {
                break;
            }
            dir = d.parent();
        }
    }
    written.par_iter().try_for_each(|rel| {
        let target = write::safe_join(out, rel)?;
        let bytes = pages.get(rel).map_or(&[][..], |b| &**b);
        let dir = target.parent().unwrap_or(out);
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let name = target.file_name().unwrap_or_default().to_string_lossy();
        let tmp = dir.join(format!(".{name}.careerbook-tmp"));
        std::fs::write(&tmp, bytes).with_context(|| format!("cannot write {}", tmp.display()))?;
        std::fs::rename(&tmp, &target).with_context(|| format!("cannot write {}", target.display()))
    })
}
