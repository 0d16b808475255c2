//! Commit: newly rendered pages taken into the site kept in memory, and the
//! difference mirrored in the output folder.
//!
//! In: [`Rendered`] pages and units, and the guides whose pages were
//! rendered before ([`Shown`], updated here). Out: the pages of the site by
//! output path ([`Output::pages`]), the paths written and removed
//! ([`Changes`]), and in watch mode the output folder brought up to date
//! through [`crate::output`].

use crate::dev::incremental::deps::Shown;
use crate::dev::incremental::pages::Pages;
use crate::dev::incremental::render::Rendered;
use crate::output::{update, write};
use crate::render::units::{Part, Unit};
use crate::render::Page;
use crate::util::layout::Route;
use anyhow::Result;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};

/// The output folder, if pages go to one, and whether it holds them.
#[derive(Debug)]
enum Disk {
    /// Pages stay in memory (serve).
    Off,
    /// The folder must be written whole: nothing was written yet, or the
    /// last write failed and left it in an unknown state.
    Behind(PathBuf),
    /// The folder holds exactly the pages (plus the marker file), except
    /// for the paths listed: changed in memory by commits whose write
    /// failed and was undone, so they are still as last written.
    Synced(PathBuf, BTreeSet<String>),
}

/// What one commit changed, as output-relative paths.
#[derive(Debug, Default)]
pub(crate) struct Changes {
    /// Paths whose bytes changed, sorted.
    pub(crate) written: Vec<String>,
    /// Paths no longer produced, sorted.
    pub(crate) removed: Vec<String>,
}

/// The rendered site: every page in memory, which unit made which of them,
/// and the folder they are mirrored to.
#[derive(Debug)]
pub(crate) struct Output {
    pages: Pages,
    /// Output paths of the site-wide pages in `pages`, by unit.
    unit_paths: BTreeMap<Unit, Vec<String>>,
    disk: Disk,
}

impl Output {
    /// An empty site, mirrored to `folder` when there is one.
    pub(crate) fn new(folder: Option<PathBuf>) -> Output {
        Output {
            pages: Pages::default(),
            unit_paths: BTreeMap::new(),
            disk: folder.map_or(Disk::Off, Disk::Behind),
        }
    }

    /// The output folder, in watch mode.
    pub(crate) fn folder(&self) -> Option<&Path> {
        match &self.disk {
            Disk::Off => None,
            Disk::Behind(dir) | Disk::Synced(dir, _) => Some(dir),
        }
    }

    /// Every page, by output-relative path.
    pub(crate) fn pages(&self) -> &Pages {
        &self.pages
    }

    /// Takes the newly rendered pages into memory, drops pages that are no
    /// longer produced, and mirrors the difference on disk.
    pub(crate) fn commit(&mut self, r: Rendered, shown: &mut Shown) -> Result<Changes> {
        let gone_guides = shown.update(r.all_guides.as_deref(), r.shown);
        if let Some(globals) = r.globals {
            shown.set_globals(globals);
        }
        // Paths a unit made before and makes no more: those of the units
        // rendered again, and those of the units that are gone (all but
        // those in `units` when it is every unit). Units not rendered
        // again keep their pages.
        let mut dropped: Vec<String> = Vec::new();
        if r.all_units {
            let now: BTreeSet<&Unit> = r.units.iter().map(|(u, ..)| u).collect();
            self.unit_paths.retain(|u, paths| {
                let keep = now.contains(u);
                if !keep {
                    dropped.append(paths);
                }
                keep
            });
        }
        for unit in &r.gone_units {
            dropped.extend(self.unit_paths.remove(unit).into_iter().flatten());
        }
        let mut gone_in_part: Vec<String> = Vec::new();
        for (unit, part, pages, gone) in &r.units {
            if *part != Part::All {
                // The unit's other pages stay, but those it says are gone;
                // these join its paths, if they are new (a search index
                // shard that came).
                if let Some(paths) = self.unit_paths.get_mut(unit) {
                    if !gone.is_empty() {
                        let gone: HashSet<&str> = gone.iter().map(String::as_str).collect();
                        paths.retain(|p| !gone.contains(p.as_str()));
                    }
                    let known: HashSet<&str> = paths.iter().map(String::as_str).collect();
                    let new: Vec<String> = pages
                        .iter()
                        .filter(|p| !known.contains(p.path.as_str()))
                        .map(|p| p.path.clone())
                        .collect();
                    paths.extend(new);
                }
                // Only the unit made them (a search shard's file): no
                // other unit or guide page can still make them.
                gone_in_part.extend(gone.iter().cloned());
                continue;
            }
            let paths: Vec<String> = pages.iter().map(|p| p.path.clone()).collect();
            if let Some(old) = self.unit_paths.insert(unit.clone(), paths) {
                let now: HashSet<&str> = pages.iter().map(|p| p.path.as_str()).collect();
                dropped.extend(old.into_iter().filter(|p| !now.contains(p.as_str())));
            }
        }
        let mut removed = Vec::new();
        if !dropped.is_empty() || !gone_guides.is_empty() {
            // A path can move between a guide page and a site page (an
            // alias taking over a renamed guide's old URL, or a guide taking
            // an old alias's), or from one unit to another: a page still
            // made by a unit or a guide stays.
            let site_paths: HashSet<&str> = self
                .unit_paths
                .values()
                .flatten()
                .map(String::as_str)
                .collect();
            removed.extend(
                gone_guides
                    .iter()
                    .flat_map(|slug| [Route::Guide(slug).file(), Route::GuideData(slug).file()])
                    .filter(|p| !site_paths.contains(p.as_str())),
            );
            dropped.retain(|p| !site_paths.contains(p.as_str()));
            if !dropped.is_empty() {
                let guide_files: HashSet<String> = shown
                    .slugs()
                    .flat_map(|s| [Route::Guide(s).file(), Route::GuideData(s).file()])
                    .collect();
                dropped.retain(|p| !guide_files.contains(p));
            }
            removed.extend(dropped);
        }
        removed.append(&mut gone_in_part);
        removed.sort();
        removed.dedup();
        for p in &removed {
            self.pages.remove(p);
        }
        let mut written = Vec::new();
        let unit_pages = r.units.into_iter().flat_map(|(_, _, p, _)| p);
        let guide_pages = r.guide_pages.into_iter().chain(r.guide_data);
        for page in guide_pages.chain(unit_pages) {
            if self.pages.get(&page.path).map(|b| &**b) != Some(&page.bytes[..]) {
                written.push(page.path.clone());
                self.pages.insert(page.path, page.bytes.into());
            }
        }
        written.sort();
        let changes = Changes { written, removed };
        self.mirror(&changes)?;
        Ok(changes)
    }

    /// Takes a whole site in place of the pages kept: a page whose bytes
    /// changed is written, a page no longer made is removed, and the
    /// difference is mirrored on disk. For sites built whole on every
    /// change (multilingual ones); what units made is forgotten, so a later
    /// [`commit`](Output::commit) must bring every unit again.
    pub(crate) fn replace(&mut self, pages: Vec<Page>) -> Result<Changes> {
        let now: HashSet<&str> = pages.iter().map(|p| p.path.as_str()).collect();
        let mut removed: Vec<String> = self
            .pages
            .iter()
            .map(|(p, _)| p)
            .filter(|p| !now.contains(p.as_str()))
            .cloned()
            .collect();
        removed.sort();
        for p in &removed {
            self.pages.remove(p);
        }
        let mut written = Vec::new();
        for page in pages {
            if self.pages.get(&page.path).map(|b| &**b) != Some(&page.bytes[..]) {
                written.push(page.path.clone());
                self.pages.insert(page.path, page.bytes.into());
            }
        }
        written.sort();
        self.unit_paths.clear();
        let changes = Changes { written, removed };
        self.mirror(&changes)?;
        Ok(changes)
    }

    /// Brings the output folder up to date: only the changes (with those
    /// of earlier commits it could not take) when it holds the pages as
    /// last written, else the whole site.
    fn mirror(&mut self, changes: &Changes) -> Result<()> {
        let (result, disk) = match std::mem::replace(&mut self.disk, Disk::Off) {
            Disk::Off => return Ok(()),
            Disk::Synced(dir, mut unwritten) => {
                unwritten.extend(changes.written.iter().cloned());
                unwritten.extend(changes.removed.iter().cloned());
                let mut changed: Vec<(&str, &[u8])> = Vec::new();
                let mut removed = Vec::new();
                for path in &unwritten {
                    match self.pages.get(path) {
                        Some(bytes) => changed.push((path.as_str(), bytes)),
                        None => removed.push(path.clone()),
                    }
                }
                match update::write_changes(&dir, &changed, &removed) {
                    Ok(()) => (Ok(()), Disk::Synced(dir, BTreeSet::new())),
                    Err(e) if e.restored => (
                        Err(e.error.context(
                            "nothing in the output folder changed; \
                             the next rebuild writes these changes too",
                        )),
                        Disk::Synced(dir, unwritten),
                    ),
                    Err(e) => (
                        Err(e.error.context(
                            "the output folder could not be put back as it was; \
                             the next rebuild writes it whole",
                        )),
                        Disk::Behind(dir),
                    ),
                }
            }
            Disk::Behind(dir) => {
                let all: Vec<Page> = self
                    .pages
                    .iter()
                    .map(|(path, bytes)| Page {
                        path: path.clone(),
                        bytes: bytes.to_vec(),
                    })
                    .collect();
                // A failed write leaves the folder as it was, which is not
                // the pages either: the next commit writes it whole again.
                match write::write_site(&dir, &all) {
                    Ok(()) => (Ok(()), Disk::Synced(dir, BTreeSet::new())),
                    Err(e) => (Err(e), Disk::Behind(dir)),
                }
            }
        };
        self.disk = disk;
        result
    }
}
