//! Incremental rebuilds for `watch` and `serve`: the loaded and rendered site
//! stays in memory between changes, so saving one guide re-parses that one
//! file and re-renders only the pages that show its data.
//!
//! In: the paths of changed files. Out: the site's pages, in memory
//! ([`SiteState::pages`]) and in watch mode on disk, and a
//! [`RebuildOutcome`] saying what changed.
//!
//! A changed guide re-renders its own page and every guide page whose links
//! to other guides now come out differently: pages that list it in their
//! progression and pages it lists, by slug or by title, in the site before
//! the change or after it. Of the site-wide pages (each a
//! [`crate::render::units::Unit`]), an edit that leaves every guide's links
//! alone re-renders only the units that show a field it changed: a body
//! edit none, a summary edit the cards on the index, the search page and the
//! guide's own term pages, plus the feed and the data files. So does an edit
//! that changes links while the same term pages exist
//! (`deps::units_to_render`), with the moves of every guide whose links
//! changed; a guide that comes or goes (a new file, a deletion, a new
//! slug) re-renders the units that list every guide and those that show
//! it (`deps::Turnover`). An edit that adds or removes a term page, or
//! changes the level order or a skill's name or page (`deps::Globals`),
//! re-renders every unit. A template or `site.yaml` change re-renders
//! everything.
//!
//! The work is split in four modules: `state` keeps the inputs and guides
//! between rebuilds, `deps` tracks what each page shows and decides what to
//! render again, `render` renders that, and `commit` takes the pages into
//! memory and onto disk through `output::write`.
//!
//! The invariant, checked by the tests: after any sequence of changes the
//! pages are byte for byte those of a clean build of the files on disk.

mod commit;
mod deps;
mod pages;
mod render;
mod state;

use crate::build;
use crate::dev::incremental::commit::Output;
use crate::dev::incremental::deps::{Pending, Shown, Stale};
use crate::dev::incremental::state::Store;
use crate::diag::Diagnostic;
use crate::guide::load::ReadOptions;
use crate::output::write;
use crate::render::cards::Cards;
use crate::util::layout::BaseUrl;
use anyhow::Result;
use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub use pages::Pages;
pub use state::StateOptions;

/// What one rebuild did.
#[derive(Debug, Default)]
pub struct RebuildOutcome {
    /// Every diagnostic for the current files, warnings too, sorted. The
    /// list is shared with the site kept in memory: while it stays the same
    /// from one rebuild to the next, it is the same allocation
    /// ([`Arc::ptr_eq`]), so a caller can skip comparing it.
    pub diagnostics: Arc<Vec<Diagnostic>>,
    /// The files are invalid: nothing was rendered and the last good site
    /// stays in place. `diagnostics` holds the errors.
    pub failed: bool,
    /// Every page was re-rendered (first build, template or `site.yaml`).
    pub full: bool,
    /// Number of guide pages rendered.
    pub rendered: usize,
    /// Number of site-wide units rendered
    /// ([`crate::render::units::Unit`]): the index, a term's pages, the
    /// moves from one guide, the sitemap, and so on.
    pub units: usize,
    /// Output paths whose bytes changed, sorted.
    pub written: Vec<String>,
    /// Output paths no longer produced, sorted.
    pub removed: Vec<String>,
    /// How long each stage took.
    pub timings: Timings,
}

/// How long each stage of a rebuild took: what `serve --verbose` prints
/// after each rebuild and the edit benchmark breaks its medians into, so
/// that a slow save says where its time went.
#[derive(Debug, Default, Clone)]
pub struct Timings {
    /// Reading and parsing the changed files, and the site's settings.
    pub read: Duration,
    /// Resolving the site again: links, terms, skills.
    pub resolve: Duration,
    /// Working out the diagnostics.
    pub check: Duration,
    /// Finding the guide pages that may have changed and rendering them.
    pub guide_pages: Duration,
    /// Rendering the site-wide pages (in parallel: the wall time).
    pub units: Duration,
    /// Each site-wide unit rendered and how long it took, slowest first;
    /// a unit that rendered only the pages an edit changed is named with
    /// "(in part)".
    pub unit_times: Vec<(String, Duration)>,
    /// Comparing the pages with those kept and writing those that changed.
    pub commit: Duration,
}

impl Timings {
    /// One line: each stage in milliseconds, then the slowest units.
    pub fn summary(&self) -> String {
        let ms = |d: Duration| format!("{:.1}", d.as_secs_f64() * 1000.0);
        let mut line = format!(
            "read {} ms, resolve {} ms, check {} ms, guide pages {} ms, site-wide pages {} ms, write {} ms",
            ms(self.read),
            ms(self.resolve),
            ms(self.check),
            ms(self.guide_pages),
            ms(self.units),
            ms(self.commit)
        );
        let slowest: Vec<String> = self
            .unit_times
            .iter()
            .take(3)
            .map(|(u, d)| format!("{u} {} ms", ms(*d)))
            .collect();
        if !slowest.is_empty() {
            line.push_str(&format!(" (slowest: {})", slowest.join(", ")));
        }
        line
    }
}

impl RebuildOutcome {
    /// Whether any output file changed.
    pub fn changed(&self) -> bool {
        !self.written.is_empty() || !self.removed.is_empty()
    }
}

/// A site loaded and rendered in memory, kept up to date by [`apply`].
///
/// [`apply`]: SiteState::apply
pub struct SiteState {
    /// The inputs and the guides.
    store: Store,
    /// What changed since the last successful render.
    pending: Pending,
    /// What each guide page last rendered shows of other guides.
    shown: Shown,
    /// Guide cards of the site, kept while their guides are unchanged.
    cards: Cards,
    /// What units keep of what they rendered (the search index, the
    /// salary summaries), while the pages rendered with it are those kept.
    kept: crate::render::units::Kept,
    /// The slug of each guide `cards` holds, in order.
    card_slugs: Vec<String>,
    /// The pages, and the folder they are mirrored to.
    output: Output,
    /// On a multilingual site, which is built whole on every change: the
    /// published guides of the last good build, as [`guide_urls`] gives
    /// them. `None` on a site in one language.
    ///
    /// [`guide_urls`]: SiteState::guide_urls
    languages: Option<Vec<(PathBuf, String, Vec<String>)>>,
}

impl SiteState {
    /// Loads the site under `opts.build.root` and renders it in full.
    ///
    /// Invalid guides do not make this fail: the outcome carries their
    /// diagnostics and the site has no pages until a change fixes them.
    pub fn new(opts: StateOptions) -> Result<(SiteState, RebuildOutcome)> {
        let opts = state::canonical_root(opts)?;
        let write = opts.write;
        let store = Store::new(opts)?;
        let folder = if write {
            let out = build::output_dir(&store.opts.build, &store.config);
            write::check_output_dir(store.root(), &out)?;
            Some(out)
        } else {
            None
        };
        let mut state = SiteState {
            store,
            pending: Pending::everything(),
            shown: Shown::default(),
            cards: Cards::default(),
            kept: Default::default(),
            card_slugs: Vec::new(),
            output: Output::new(folder),
            languages: None,
        };
        state
            .store
            .rescan_guides(&BTreeSet::new(), &mut state.pending)?;
        let outcome = state.rebuild(Stale::Links)?;
        Ok((state, outcome))
    }

    /// The site root, canonicalized.
    pub fn root(&self) -> &Path {
        self.store.root()
    }

    /// The output folder pages are written to, in watch mode.
    pub fn output(&self) -> Option<&Path> {
        self.output.folder()
    }

    /// The pages of the last good build, by output-relative path.
    pub fn pages(&self) -> &Pages {
        self.output.pages()
    }

    /// The base URL the pages are built for.
    pub fn base(&self) -> BaseUrl {
        BaseUrl::parse(&self.store.site_config().base_url)
    }

    /// The files that guides which are symbolic links resolve to
    /// (canonical paths, inside the root): a change to one of them, passed
    /// to [`apply`](SiteState::apply), re-reads the guides linking to it.
    pub fn linked_targets(&self) -> impl Iterator<Item = &Path> {
        self.store.linked_targets()
    }

    /// Each published guide of the last good build: its file (relative to
    /// the root), slug and `aliases:`. What `watch` and `serve` compare to
    /// tell an author that a page moved.
    pub fn guide_urls(&self) -> Box<dyn Iterator<Item = (&Path, &str, &[String])> + '_> {
        if let Some(guides) = &self.languages {
            return Box::new(
                guides
                    .iter()
                    .map(|(f, s, a)| (f.as_path(), s.as_str(), &a[..])),
            );
        }
        Box::new(self.store.site.guides.iter().map(|g| {
            (
                g.source.path.as_path(),
                g.slug.as_str(),
                &g.front.aliases[..],
            )
        }))
    }

    /// The current text of a file diagnostics point into.
    pub fn source(&self, file: &Path) -> Option<&str> {
        self.store.source(file)
    }

    /// Brings the site up to date after the files at `paths` changed (were
    /// written, created, deleted or renamed). Paths are absolute or relative
    /// to the root; paths outside `site.yaml`, `guides/` and `themes/` are
    /// ignored, except the files symlinked guides resolve to, which stand
    /// for those guides ([`linked_targets`](SiteState::linked_targets)).
    ///
    /// Errors are I/O failures only; invalid content is reported in the
    /// outcome.
    pub fn apply<P: AsRef<Path>>(&mut self, paths: &[P]) -> Result<RebuildOutcome> {
        let start = Instant::now();
        let mut config = false;
        let mut themes = Vec::new();
        let mut guides = BTreeSet::new();
        for path in paths {
            let path = path.as_ref();
            // The file a symlinked guide resolves to stands for the guide.
            let abs = self.root().join(path);
            guides.extend(self.store.linking_to(&abs).cloned());
            let Some(rel) = self.store.relative(path) else {
                continue;
            };
            match rel.components().next() {
                Some(Component::Normal(first)) if first == "guides" => {
                    guides.insert(rel);
                }
                Some(Component::Normal(first)) if first == "themes" => themes.push(rel),
                _ if rel == Path::new("site.yaml")
                    || rel == Path::new(crate::guide::skills::SKILLS_FILE) =>
                {
                    config = true
                }
                _ => {}
            }
        }
        if config {
            let reading = ReadOptions::of(&self.store.config);
            self.store.reload_config()?;
            self.pending.stale.raise(Stale::All);
            if ReadOptions::of(&self.store.config) != reading {
                // Every guide as `build` would read it now.
                guides.extend(self.store.known_files().cloned());
            }
        }
        let moved = self.store.update_guides(&guides, &mut self.pending)?;
        // Only the site's own theme folder matters; a change under its
        // static/ leaves the templates, so guide pages stay as they are.
        let theme_dir = Path::new("themes").join(&self.store.config.theme);
        let mine: Vec<&PathBuf> = themes
            .iter()
            .filter(|p| p.starts_with(&theme_dir) || theme_dir.starts_with(p))
            .collect();
        let templates = mine
            .iter()
            .any(|p| !p.starts_with(theme_dir.join("static")));
        if config || !mine.is_empty() {
            self.store.reload_theme();
            self.pending.stale.raise(Stale::Units);
        }
        if templates {
            self.pending.stale.raise(Stale::All);
        }
        let read = start.elapsed();
        let mut outcome = self.rebuild(moved)?;
        outcome.timings.read = read;
        Ok(outcome)
    }

    /// Re-reads everything, for when file events were lost.
    pub fn rescan(&mut self) -> Result<RebuildOutcome> {
        let mut all: Vec<PathBuf> = self.store.known_files().cloned().collect();
        all.extend(["site.yaml", "skills.yaml", "guides", "themes"].map(PathBuf::from));
        self.apply(&all)
    }

    /// Validates, renders what is pending, and writes what changed. `moved`
    /// is how far the guides just read reach: from [`Stale::Links`] up, the
    /// site is resolved again.
    fn rebuild(&mut self, mut moved: Stale) -> Result<RebuildOutcome> {
        if crate::site::lang::is_multilingual(&self.store.config) {
            return self.rebuild_languages();
        }
        if self.languages.take().is_some() {
            // The site was multilingual until `site.yaml` changed: nothing
            // kept describes the pages, so everything is made again.
            self.shown = Shown::default();
            self.output.replace(Vec::new())?;
            moved = Stale::All;
        }
        self.pending.stale.raise(moved);
        let start = Instant::now();
        if moved >= Stale::Links {
            self.store.resolve(&mut self.pending);
        } else {
            self.store.reconfigure();
        }
        let resolve = start.elapsed();
        let start = Instant::now();
        let diagnostics = self.store.check();
        let mut outcome = RebuildOutcome {
            diagnostics,
            full: self.pending.stale == Stale::All,
            ..Default::default()
        };
        outcome.timings.resolve = resolve;
        outcome.timings.check = start.elapsed();
        if outcome.diagnostics.iter().any(Diagnostic::is_error) {
            outcome.failed = true;
            return Ok(outcome);
        }
        let guides = &self.store.site.guides;
        let n = guides.len();
        let same = self.card_slugs.len() == n
            && guides
                .iter()
                .zip(&self.card_slugs)
                .all(|(g, s)| g.slug == *s);
        if self.pending.stale >= Stale::Units || !same {
            // Every guide's number may change.
            self.kept.clear();
        }
        if self.pending.stale >= Stale::Units {
            // The base URL or Markdown settings may have changed.
            self.cards = Cards::new(n);
        } else {
            if !same {
                // Guides came, went or changed their slugs.
                let was: std::collections::HashMap<&str, usize> = self
                    .card_slugs
                    .iter()
                    .enumerate()
                    .map(|(i, s)| (s.as_str(), i))
                    .collect();
                self.cards
                    .reorder(n, |i| was.get(guides[i].slug.as_str()).copied());
            }
            let read = self.pending.edited.keys().chain(&self.pending.files);
            for rel in read {
                if let Some(i) = self.store.guide_index(rel) {
                    self.cards.forget(i);
                }
            }
        }
        if !same {
            self.card_slugs = guides.iter().map(|g| g.slug.clone()).collect();
        }
        let rendered = match &self.store.theme {
            Ok(theme) => render::render(
                &self.store,
                theme,
                &self.pending,
                &self.shown,
                &self.cards,
                &self.kept,
            ),
            Err(d) => Err(d.clone()),
        };
        let mut rendered = match rendered {
            Ok(r) => r,
            Err(errors) => {
                // It may hold what was not kept.
                self.kept.clear();
                Arc::make_mut(&mut outcome.diagnostics).extend(errors);
                outcome.failed = true;
                return Ok(outcome);
            }
        };
        outcome.rendered = rendered.guide_pages.len();
        outcome.units = rendered.units.len();
        outcome.timings.guide_pages = rendered.guide_time;
        outcome.timings.units = rendered.unit_time;
        outcome.timings.unit_times = std::mem::take(&mut rendered.unit_times);
        outcome
            .timings
            .unit_times
            .sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let start = Instant::now();
        let changes = self.output.commit(rendered, &mut self.shown);
        outcome.timings.commit = start.elapsed();
        // The pages in memory are the new ones even when the output folder
        // could not take them: it remembers what it still lacks.
        self.pending.clear();
        let changes = changes?;
        outcome.written = changes.written;
        outcome.removed = changes.removed;
        Ok(outcome)
    }

    /// Rebuilds a multilingual site whole, as `build` does: the languages'
    /// pages link to each other's, which the incremental engine does not
    /// track. The guides are still kept up to date in the store (for the
    /// sources diagnostics show); only what changed is written.
    fn rebuild_languages(&mut self) -> Result<RebuildOutcome> {
        // The guides just read join the store's site, so that a switch
        // back to one language starts from them.
        self.store.resolve(&mut self.pending);
        let mut opts = self.store.opts.build.clone();
        opts.base_url = Some(self.store.site_config().base_url);
        let checked = build::check(&opts)?;
        let mut outcome = RebuildOutcome {
            diagnostics: Arc::new(checked.diagnostics.clone()),
            full: true,
            ..Default::default()
        };
        if checked.has_errors() {
            outcome.failed = true;
            return Ok(outcome);
        }
        let pages = match build::render_checked(&checked, &opts) {
            Ok((_, pages)) => pages,
            Err(crate::diag::Invalid(errors)) => {
                Arc::make_mut(&mut outcome.diagnostics).extend(errors);
                outcome.failed = true;
                return Ok(outcome);
            }
        };
        let guides: Vec<(PathBuf, String, Vec<String>)> = checked
            .loaded
            .guides
            .iter()
            .filter(|g| g.front.is_published(opts.drafts))
            .map(|g| {
                (
                    g.source.path.clone(),
                    g.slug.clone(),
                    g.front.aliases.clone(),
                )
            })
            .collect();
        outcome.rendered = guides.len();
        self.languages = Some(guides);
        self.pending.clear();
        let changes = self.output.replace(pages)?;
        outcome.written = changes.written;
        outcome.removed = changes.removed;
        Ok(outcome)
    }
}
