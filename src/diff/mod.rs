//! `careerbook diff`: two versions of a site in, what changed for a reader
//! out.
//!
//! In: the root of a base version of a site (a folder, or a git revision
//! extracted by [`base`]) and the root of the current version. Each is
//! loaded and resolved into a [`Site`] ([`load`]); guides are paired across
//! the two versions by slug, then file, then an alias naming the old URL,
//! then title, so a renamed guide is one guide and not a removal plus an
//! addition. Out: a [`Diff`]: guides added, removed, renamed and changed
//! (field by field, in [`fields`]), `site.yaml` settings changed, and the
//! pages that appear or disappear, computed from the output files of both
//! versions (in [`pages`]). [`markdown`] writes it for people; it
//! serialises to JSON for tools. Everything is in a fixed order, so the
//! same two versions always give the same bytes.

pub mod base;
pub mod fields;
pub mod markdown;
pub mod pages;

use crate::guide::load::{self, Guide};
use crate::guide::model::title_key;
use crate::site::Site;
use crate::util::layout::{alias_guide_slug, Route};
use anyhow::Result;
use pages::{OldUrl, PageInfo};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// One version of a site, loaded for comparison.
pub struct Side {
    /// The published guides, resolved.
    site: Site,
    /// Every output file of the site, by path, with what it is.
    pages: BTreeMap<String, PageInfo>,
    /// Slugs of the guides that parsed but are not published (drafts).
    unpublished: BTreeSet<String>,
    /// What could not be read and is left out of the comparison.
    notes: Vec<String>,
}

/// Loads the site at `root` as a build would see it (drafts only with
/// `drafts`), without checking the rules: a guide with errors that still
/// parsed is compared as written; files that did not parse are left out and
/// named in the notes, with `name` (`the base`) saying which version.
pub fn load(root: &Path, drafts: bool, name: &str) -> Result<Side> {
    if !root.is_dir() {
        anyhow::bail!("site root {} is not a folder", root.display());
    }
    let mut loaded = load::load(root)?;
    loaded.config.skills = crate::guide::skills::load(root)?.0;
    let mut notes = Vec::new();
    let config_broken = loaded
        .diagnostics
        .iter()
        .any(|d| d.is_error() && d.file == Path::new("site.yaml"));
    if config_broken {
        notes.push(format!(
            "site.yaml in {name} has errors, so its settings are the defaults (`careerbook check` shows why)"
        ));
    }
    let partial = loaded.partial.iter().map(|g| &g.source.path);
    let mut unparsed: Vec<String> = loaded
        .unparsed
        .iter()
        .map(|(_, path)| path)
        .chain(partial)
        .map(|path| file_name(path))
        .collect();
    unparsed.sort();
    for file in unparsed {
        notes.push(format!(
            "{file} in {name} did not parse and is left out (`careerbook check` shows why)"
        ));
    }
    let statics = crate::render::theme::static_names(root, &loaded.config.theme);
    let (published, unpublished): (Vec<Guide>, Vec<Guide>) = loaded
        .guides
        .into_iter()
        .partition(|g| g.front.is_published(drafts));
    let site = Site::new(loaded.config, published);
    let pages = pages::describe(&site, &statics);
    Ok(Side {
        site,
        pages,
        unpublished: unpublished.into_iter().map(|g| g.slug).collect(),
        notes,
    })
}

/// A path relative to a site root, with `/` separators.
fn file_name(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// The URL path of a route as a reader (and an alias) writes it:
/// `/guides/x/`, `/feed.xml`, `/` for the home page.
pub(crate) fn url(route: &Route<'_>) -> String {
    format!("/{}", route.url_path())
}

/// What changed between two versions of a site. Field names are stable:
/// `docs/publishing.md` documents them for tools reading `--format json`.
#[derive(Debug, Serialize)]
pub struct Diff {
    /// The base as given on the command line.
    pub base: String,
    /// The commit the base was read from, when it is a git revision.
    pub base_commit: Option<String>,
    /// The current site root as given.
    pub root: String,
    /// Whether nothing changed (notes aside).
    pub empty: bool,
    /// How many of each kind of change.
    pub counts: Counts,
    /// Files that could not be read and are left out, base first.
    pub notes: Vec<String>,
    /// `site.yaml` settings that changed.
    pub site: Vec<fields::Change>,
    /// Guides only in the current version.
    pub added: Vec<Added>,
    /// Guides only in the base.
    pub removed: Vec<Removed>,
    /// Guides whose file or slug changed.
    pub renamed: Vec<Renamed>,
    /// Guides in both versions whose content changed.
    pub changed: Vec<Changed>,
    /// Output files that appear or disappear.
    pub pages: Pages,
}

/// How many of each kind of change a [`Diff`] holds.
#[derive(Debug, Default, Serialize)]
pub struct Counts {
    /// Guides added.
    pub added: usize,
    /// Guides removed.
    pub removed: usize,
    /// Guides renamed.
    pub renamed: usize,
    /// Guides changed.
    pub changed: usize,
    /// `site.yaml` settings changed.
    pub settings: usize,
    /// Pages that appear.
    pub pages_appear: usize,
    /// Pages that disappear.
    pub pages_disappear: usize,
}

/// A guide only in the current version.
#[derive(Debug, Serialize)]
pub struct Added {
    /// Its slug.
    pub slug: String,
    /// Its title.
    pub title: String,
    /// Its file, relative to the site root.
    pub file: String,
    /// Its page, e.g. `/guides/x/`.
    pub url: String,
    /// Whether the base has it as an unpublished draft.
    pub was_draft: bool,
}

/// A guide only in the base.
#[derive(Debug, Serialize)]
pub struct Removed {
    /// Its slug.
    pub slug: String,
    /// Its title.
    pub title: String,
    /// Its file in the base.
    pub file: String,
    /// Its page in the base.
    pub url: String,
    /// Whether the current version still has it, as an unpublished draft.
    pub now_draft: bool,
    /// What a reader finds at its URL now.
    pub old_url: OldUrl,
}

/// A guide whose file or slug changed.
#[derive(Debug, Serialize)]
pub struct Renamed {
    /// Its current title.
    pub title: String,
    /// Its slug in the base.
    pub old_slug: String,
    /// Its current slug.
    pub new_slug: String,
    /// Its file in the base.
    pub old_file: String,
    /// Its current file.
    pub new_file: String,
    /// Its page in the base.
    pub old_url: String,
    /// Its current page.
    pub new_url: String,
    /// What a reader finds at the old URL now.
    pub old_url_now: OldUrl,
}

/// A guide in both versions with what changed in it.
#[derive(Debug, Serialize)]
pub struct Changed {
    /// Its current slug.
    pub slug: String,
    /// Its current title.
    pub title: String,
    /// Its current page.
    pub url: String,
    /// Each change, in the order of the guide format's fields.
    pub changes: Vec<fields::Change>,
}

/// Output files that appear and disappear, sorted by URL.
#[derive(Debug, Default, Serialize)]
pub struct Pages {
    /// In the current version only.
    pub appear: Vec<PageInfo>,
    /// In the base only.
    pub disappear: Vec<PageInfo>,
}

/// The base of a comparison as the reader named it.
#[derive(Debug, Clone, Default)]
pub struct Names {
    /// BASE as given.
    pub base: String,
    /// The commit, when BASE was read as a git revision.
    pub base_commit: Option<String>,
    /// The root as given.
    pub root: String,
}

/// Compares two loaded versions of a site.
pub fn diff(old: &Side, new: &Side, names: Names) -> Diff {
    let (pairs, removed, added) = pair(&old.site.guides, &new.site.guides);
    let mut out = Diff {
        base: names.base,
        base_commit: names.base_commit,
        root: names.root,
        empty: false,
        counts: Counts::default(),
        notes: old.notes.iter().chain(&new.notes).cloned().collect(),
        site: fields::config(&old.site.config, &new.site.config),
        added: Vec::new(),
        removed: Vec::new(),
        renamed: Vec::new(),
        changed: Vec::new(),
        pages: pages::compare(&old.pages, &new.pages),
    };
    for j in added {
        let g = &new.site.guides[j];
        out.added.push(Added {
            slug: g.slug.clone(),
            title: g.front.title.clone(),
            file: file_name(&g.source.path),
            url: url(&Route::Guide(&g.slug)),
            was_draft: old.unpublished.contains(&g.slug),
        });
    }
    for i in removed {
        let g = &old.site.guides[i];
        out.removed.push(Removed {
            slug: g.slug.clone(),
            title: g.front.title.clone(),
            file: file_name(&g.source.path),
            url: url(&Route::Guide(&g.slug)),
            now_draft: new.unpublished.contains(&g.slug),
            old_url: pages::old_url(&new.pages, &g.slug),
        });
    }
    for (i, j) in pairs {
        let (o, n) = (&old.site.guides[i], &new.site.guides[j]);
        if o.slug != n.slug || o.source.path != n.source.path {
            out.renamed.push(Renamed {
                title: n.front.title.clone(),
                old_slug: o.slug.clone(),
                new_slug: n.slug.clone(),
                old_file: file_name(&o.source.path),
                new_file: file_name(&n.source.path),
                old_url: url(&Route::Guide(&o.slug)),
                new_url: url(&Route::Guide(&n.slug)),
                old_url_now: if o.slug == n.slug {
                    OldUrl::Unchanged
                } else {
                    pages::old_url(&new.pages, &o.slug)
                },
            });
        }
        let changes = fields::guide(&old.site, o, &new.site, n);
        if !changes.is_empty() {
            out.changed.push(Changed {
                slug: n.slug.clone(),
                title: n.front.title.clone(),
                url: url(&Route::Guide(&n.slug)),
                changes,
            });
        }
    }
    out.added.sort_by(|a, b| a.slug.cmp(&b.slug));
    out.removed.sort_by(|a, b| a.slug.cmp(&b.slug));
    out.renamed.sort_by(|a, b| a.new_slug.cmp(&b.new_slug));
    out.changed.sort_by(|a, b| a.slug.cmp(&b.slug));
    out.counts = Counts {
        added: out.added.len(),
        removed: out.removed.len(),
        renamed: out.renamed.len(),
        changed: out.changed.len(),
        settings: out.site.len(),
        pages_appear: out.pages.appear.len(),
        pages_disappear: out.pages.disappear.len(),
    };
    let c = &out.counts;
    out.empty = c.added + c.removed + c.renamed + c.changed + c.settings == 0
        && c.pages_appear + c.pages_disappear == 0;
    out
}

/// Pairs the guides of two versions: `(old, new)` pairs, then the old
/// guides left unpaired (removed) and the new ones (added), all by index.
///
/// Two guides are the same guide, tried in this order so that the
/// strongest evidence wins: the same slug (the same URL); the same file
/// (its slug changed); a new guide whose `aliases` name the old guide's URL
/// (it moved and kept the old URL); the same title (file and slug changed
/// together, e.g. by `git mv`).
fn pair(old: &[Guide], new: &[Guide]) -> (Vec<(usize, usize)>, Vec<usize>, Vec<usize>) {
    let mut m = Matching {
        old_free: vec![true; old.len()],
        new_free: vec![true; new.len()],
        pairs: Vec::new(),
    };
    m.by_key(old, new, |g| g.slug.clone());
    m.by_key(old, new, |g| file_name(&g.source.path));
    let mut old_by_slug: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, o) in old.iter().enumerate() {
        if m.old_free[i] {
            old_by_slug.entry(&o.slug).or_insert(i);
        }
    }
    for (j, n) in new.iter().enumerate() {
        for slug in n.front.aliases.iter().filter_map(|a| alias_guide_slug(a)) {
            if !m.new_free[j] {
                break;
            }
            if let Some(i) = old_by_slug.remove(slug.as_str()) {
                m.link(i, j);
            }
        }
    }
    m.by_key(old, new, |g| title_key(&g.front.title));
    let removed = (0..old.len()).filter(|&i| m.old_free[i]).collect();
    let added = (0..new.len()).filter(|&j| m.new_free[j]).collect();
    (m.pairs, removed, added)
}

/// The guides paired so far and those still free, by index.
struct Matching {
    old_free: Vec<bool>,
    new_free: Vec<bool>,
    pairs: Vec<(usize, usize)>,
}

impl Matching {
    fn link(&mut self, i: usize, j: usize) {
        self.old_free[i] = false;
        self.new_free[j] = false;
        self.pairs.push((i, j));
    }

    /// Pairs each free old guide, in order, with the first free new guide
    /// that has the same `key`.
    fn by_key(&mut self, old: &[Guide], new: &[Guide], key: impl Fn(&Guide) -> String) {
        let mut free: BTreeMap<String, std::collections::VecDeque<usize>> = BTreeMap::new();
        for (j, n) in new.iter().enumerate() {
            if self.new_free[j] {
                free.entry(key(n)).or_default().push_back(j);
            }
        }
        for (i, o) in old.iter().enumerate() {
            if !self.old_free[i] {
                continue;
            }
            if let Some(j) = free.get_mut(&key(o)).and_then(|q| q.pop_front()) {
                self.link(i, j);
            }
        }
    }
}
