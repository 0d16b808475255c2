//! `careerbook watch`: build, then rebuild incrementally whenever a guide, a
//! theme file or `site.yaml` changes.
//!
//! File events come from `notify`. A burst of events (an editor's several
//! writes, or an atomic save that writes a temporary file and renames it
//! over the guide) is gathered until the files have been quiet for
//! [`DEBOUNCE`], then handed to [`SiteState::apply`] as one change. Editor
//! swap, backup and lock files and everything outside the inputs (such as
//! the output folder) are ignored.

use crate::build::BuildOptions;
use crate::dev::incremental::{RebuildOutcome, SiteState, StateOptions};
use crate::dev::report::Reporter;
use crate::util::term;
use anyhow::{Context, Result};
use notify::{EventKind, RecursiveMode, Watcher as _};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// How long the files must be quiet before a rebuild starts. An editor's
/// save (a write, or a temporary file renamed over the guide, plus backup
/// and lock files) is a burst of events within a few milliseconds; every
/// millisecond waited here is added to what an author waits for a page, so
/// this stays short (`bench/serve_edit.py` measures the whole wait).
pub(crate) const DEBOUNCE: Duration = Duration::from_millis(20);

/// The longest a steady stream of events can hold a rebuild back.
const MAX_WAIT: Duration = Duration::from_secs(1);

/// What changed during one burst of file events.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Batch {
    /// These input paths changed.
    Paths(Vec<PathBuf>),
    /// Events were lost; everything must be read again.
    Rescan,
}

/// The folders watched recursively, as found under the root.
const INPUT_DIRS: [&str; 2] = ["guides", "themes"];

/// Watches a site's inputs: `site.yaml`, `guides/` and `themes/`, and the
/// files that symbolic links among the guides point to.
pub(crate) struct SiteWatcher {
    root: PathBuf,
    watcher: notify::RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
    /// The files symlinked guides resolve to (see [`SiteWatcher::follow`]).
    targets: BTreeSet<PathBuf>,
    /// Folders watched on their own, not recursively, because they hold
    /// targets and nothing else watches them.
    followed: BTreeSet<PathBuf>,
    /// Folders that could not be watched, warned about once.
    warned: BTreeSet<PathBuf>,
}

impl SiteWatcher {
    /// Starts watching the site at `root` (a canonical path).
    pub(crate) fn new(root: &Path) -> Result<SiteWatcher> {
        let (tx, events) = mpsc::channel();
        let mut watcher = notify::recommended_watcher(move |e| {
            let _ = tx.send(e);
        })
        .context("cannot start watching files")?;
        // The root itself, not recursively: it reports site.yaml being
        // replaced and guides/ or themes/ appearing.
        watcher
            .watch(root, RecursiveMode::NonRecursive)
            .with_context(|| format!("cannot watch {}", root.display()))?;
        let mut w = SiteWatcher {
            root: root.to_path_buf(),
            watcher,
            events,
            targets: BTreeSet::new(),
            followed: BTreeSet::new(),
            warned: BTreeSet::new(),
        };
        w.watch_inputs(&INPUT_DIRS);
        Ok(w)
    }

    /// Watches `guides/` and `themes/` afresh, recursively, where they
    /// exist. A folder that was removed, moved away or replaced took its
    /// watch with it (the system watches the folder, not its name), so
    /// this runs whenever one of them comes, goes or moves.
    fn watch_inputs(&mut self, dirs: &[&str]) {
        for dir in dirs {
            let path = self.root.join(dir);
            // Gone already when the folder went; what may remain is a watch
            // on the folder moved elsewhere, which must not report into
            // this site.
            let _ = self.watcher.unwatch(&path);
            if path.is_dir() {
                if let Err(e) = self.watcher.watch(&path, RecursiveMode::Recursive) {
                    term::say(format_args!(
                        "warning: cannot watch {}: {e}",
                        path.display()
                    ));
                }
            }
        }
    }

    /// Watches the files that symlinked guides resolve to, given as
    /// canonical paths (those outside the root are never watched): each
    /// through its folder, so that a file replaced by an atomic save is
    /// still seen. Events for a target are passed on as that target's
    /// path; [`SiteState::apply`] maps it to the guides linking to it.
    ///
    /// Returns the targets in folders watched only now: an edit made before
    /// the watch took hold was missed, so the caller reads them again.
    pub(crate) fn follow<'a>(&mut self, targets: impl Iterator<Item = &'a Path>) -> Vec<PathBuf> {
        self.targets = targets
            .filter(|t| t.starts_with(&self.root))
            .map(Path::to_path_buf)
            .collect();
        let needed: BTreeSet<PathBuf> = self
            .targets
            .iter()
            .filter_map(|t| t.parent())
            .filter(|dir| !self.is_watched_anyway(dir))
            .map(Path::to_path_buf)
            .collect();
        for dir in self.followed.difference(&needed) {
            let _ = self.watcher.unwatch(dir);
        }
        self.followed.retain(|d| needed.contains(d));
        let mut fresh = Vec::new();
        for dir in needed {
            if self.followed.contains(&dir) {
                continue;
            }
            match self.watcher.watch(&dir, RecursiveMode::NonRecursive) {
                Ok(()) => {
                    fresh.extend(
                        self.targets
                            .iter()
                            .filter(|t| t.parent() == Some(dir.as_path()))
                            .cloned(),
                    );
                    self.warned.remove(&dir);
                    self.followed.insert(dir);
                }
                Err(e) => {
                    if self.warned.insert(dir.clone()) {
                        term::say(format_args!("warning: cannot watch {}: {e}", dir.display()));
                    }
                }
            }
        }
        fresh
    }

    /// Whether changes in the folder `dir` are reported without a watch of
    /// its own: it is the root, or inside `guides/` or `themes/`.
    fn is_watched_anyway(&self, dir: &Path) -> bool {
        dir == self.root
            || INPUT_DIRS
                .iter()
                .any(|d| dir.starts_with(self.root.join(d)))
    }

    /// Blocks until input files change, waits for the burst to settle, and
    /// returns what changed. `None` when the watcher stopped.
    pub(crate) fn next_batch(&mut self) -> Option<Batch> {
        let mut paths = BTreeSet::new();
        let mut rescan = false;
        // Events about other files (our own reads, the output folder) do
        // not start the clock.
        while paths.is_empty() && !rescan {
            let event = self.events.recv().ok()?;
            self.take(event, &mut paths, &mut rescan);
        }
        let start = Instant::now();
        while start.elapsed() < MAX_WAIT {
            let left = MAX_WAIT.saturating_sub(start.elapsed());
            match self.events.recv_timeout(DEBOUNCE.min(left)) {
                Ok(e) => self.take(e, &mut paths, &mut rescan),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return None,
            }
        }
        // Watches go with their folders, or may be lost with events.
        let moved: Vec<&str> = INPUT_DIRS
            .into_iter()
            .filter(|d| rescan || paths.contains(&self.root.join(d)))
            .collect();
        self.watch_inputs(&moved);
        // Files written into a folder before its new watch was in place
        // sent no events.
        rescan |= moved.iter().any(|d| self.root.join(d).is_dir());
        Some(if rescan {
            Batch::Rescan
        } else {
            Batch::Paths(paths.into_iter().collect())
        })
    }

    fn take(
        &mut self,
        event: notify::Result<notify::Event>,
        paths: &mut BTreeSet<PathBuf>,
        rescan: &mut bool,
    ) {
        let event = match event {
            Ok(e) => e,
            Err(e) => {
                term::say(format_args!(
                    "warning: file watching reported an error ({e}); reading everything again"
                ));
                *rescan = true;
                return;
            }
        };
        if event.need_rescan() {
            *rescan = true;
        }
        // Opening and reading files (our own rebuilds do) is not a change.
        if let EventKind::Access(kind) = event.kind {
            if !matches!(
                kind,
                notify::event::AccessKind::Close(notify::event::AccessMode::Write)
            ) {
                return;
            }
        }
        for p in event.paths {
            if self.followed.remove(&p) {
                // A folder holding targets went or moved, and its watch
                // with it: the next `follow` watches it again if it is
                // back, and the guides linking into it are read again.
                paths.extend(self.targets.iter().filter(|t| t.starts_with(&p)).cloned());
                let _ = self.watcher.unwatch(&p);
            } else if is_input(&self.root, &p) || self.targets.contains(&p) {
                paths.insert(p);
            }
        }
    }
}

/// Whether a changed path is one the site is built from: `site.yaml`,
/// `skills.yaml`, or a
/// file under `guides/` or `themes/` that is not an editor's scratch file.
pub(crate) fn is_input(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let mut parts = rel.components();
    let first = parts.next().map(|c| c.as_os_str());
    let in_tree = first == Some("guides".as_ref()) || first == Some("themes".as_ref());
    let config =
        rel == Path::new("site.yaml") || rel == Path::new(crate::guide::skills::SKILLS_FILE);
    if !(in_tree || config) {
        return false;
    }
    !rel.file_name()
        .is_some_and(|n| is_temp_file(&n.to_string_lossy()))
}

/// Editor scratch files: Emacs locks and autosaves (`.#x`, `#x#`), backups
/// (`x~`), Vim swap files (`.x.swp`, `.x.swo`, …) and its write test file
/// `4913`, Kate swap files, JetBrains safe-write files, and `*.tmp`.
pub(crate) fn is_temp_file(name: &str) -> bool {
    let swap = name.starts_with('.')
        && name
            .rsplit_once('.')
            .is_some_and(|(_, ext)| ext.len() == 3 && ext.starts_with("sw"));
    name.starts_with(".#")
        || (name.starts_with('#') && name.ends_with('#'))
        || name.ends_with('~')
        || swap
        || name == "4913"
        || name.ends_with(".kate-swp")
        || name.ends_with("___jb_tmp___")
        || name.ends_with("___jb_old___")
        || name.ends_with(".tmp")
        || name.contains(".careerbook-tmp")
}

/// Applies one batch of changes, turning I/O errors into a printed message:
/// a watcher keeps running whatever happens to the files.
pub(crate) fn rebuild(
    state: &mut SiteState,
    reporter: &mut Reporter,
    batch: &Batch,
) -> Option<RebuildOutcome> {
    let start = Instant::now();
    let (result, paths) = match batch {
        Batch::Paths(p) => (state.apply(p), p.as_slice()),
        Batch::Rescan => (state.rescan(), &[][..]),
    };
    match result {
        Ok(outcome) => {
            reporter.report(state, &outcome, start.elapsed(), paths);
            Some(outcome)
        }
        Err(e) => {
            term::say(format_args!("{e_}error:{e_:#} {e:#}", e_ = term::ERROR));
            None
        }
    }
}

/// Keeps the watches on the targets of symlinked guides in step with the
/// site (see [`SiteWatcher::follow`]), and reads again the guides whose
/// targets were only now watched. Returns the outcome when that changed
/// anything.
pub(crate) fn follow_links(
    watcher: &mut SiteWatcher,
    state: &mut SiteState,
    reporter: &mut Reporter,
) -> Option<RebuildOutcome> {
    let fresh = watcher.follow(state.linked_targets());
    if fresh.is_empty() {
        return None;
    }
    let start = Instant::now();
    match state.apply(&fresh) {
        Ok(outcome) if outcome.changed() || outcome.failed => {
            reporter.report(state, &outcome, start.elapsed(), &fresh);
            Some(outcome)
        }
        Ok(_) => None,
        Err(e) => {
            term::say(format_args!("{e_}error:{e_:#} {e:#}", e_ = term::ERROR));
            None
        }
    }
}

/// Runs `careerbook watch`: builds into the output folder, then rebuilds on
/// every change until interrupted.
pub(crate) fn run(build: BuildOptions) -> Result<()> {
    let root = std::fs::canonicalize(&build.root)
        .with_context(|| format!("cannot open the site root {}", build.root.display()))?;
    // Watch first, so nothing saved during the first build is missed.
    let mut watcher = SiteWatcher::new(&root)?;
    let start = Instant::now();
    let opts = StateOptions {
        build: BuildOptions { root, ..build },
        origin: None,
        write: true,
    };
    let (mut state, outcome) = SiteState::new(opts)?;
    let mut reporter = Reporter::default();
    reporter.report(&state, &outcome, start.elapsed(), &[]);
    follow_links(&mut watcher, &mut state, &mut reporter);
    if let Some(out) = state.output() {
        term::note(format_args!(
            "watching {} for changes; writing {}",
            state.root().display(),
            out.display()
        ));
    }
    while let Some(batch) = watcher.next_batch() {
        rebuild(&mut state, &mut reporter, &batch);
        follow_links(&mut watcher, &mut state, &mut reporter);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_scratch_files_are_not_inputs() {
        for t in [
            ".#tpm.md",
            "#tpm.md#",
            "tpm.md~",
            ".tpm.md.swp",
            ".tpm.md.swx",
            "4913",
            "tpm.md___jb_tmp___",
            "x.tmp",
            ".index.html.careerbook-tmp",
        ] {
            assert!(is_temp_file(t), "{t}");
        }
        for f in ["tpm.md", "style.css", "swp.md", ".well-known", "base.html"] {
            assert!(!is_temp_file(f), "{f}");
        }
        let root = Path::new("/site");
        assert!(is_input(root, Path::new("/site/guides/a.md")));
        assert!(is_input(root, Path::new("/site/site.yaml")));
        assert!(is_input(root, Path::new("/site/skills.yaml")));
        assert!(is_input(root, Path::new("/site/themes/x/static/s.css")));
        assert!(!is_input(root, Path::new("/site/output/index.html")));
        assert!(!is_input(root, Path::new("/site/guides/.a.md.swp")));
        assert!(!is_input(root, Path::new("/site/README.md")));
        assert!(!is_input(root, Path::new("/elsewhere/guides/a.md")));
    }
}
