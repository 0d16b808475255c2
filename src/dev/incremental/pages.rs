//! The pages of a site held in memory, shared between the rebuilds that
//! change them and the readers (`serve`'s requests) that read a version.
//!
//! In: pages written and removed by a commit. Out: [`Pages`], whose clone
//! is a version of the site that later commits leave as it is. The pages
//! are split in shards by a hash of their path, each shard shared until a
//! commit changes it: taking a version after a save copies the few shards
//! the save touched, where copying one map of every page (100,000 paths at
//! 10,000 guides) took 10–18 ms of every save.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// How many shards: enough that a save touching a few pages copies a
/// small part of a large site, few enough that a version costs nothing.
const SHARDS: usize = 256;

type Shard = BTreeMap<String, Arc<[u8]>>;

/// The pages of a site by output-relative path. Cloning it is cheap and
/// gives a version that changes to the original do not reach.
#[derive(Debug, Clone)]
pub struct Pages {
    shards: Vec<Arc<Shard>>,
    len: usize,
}

impl Default for Pages {
    fn default() -> Pages {
        Pages {
            shards: (0..SHARDS).map(|_| Arc::default()).collect(),
            len: 0,
        }
    }
}

fn shard_of(path: &str) -> usize {
    // A fixed hash, so that the same path always lands in the same shard.
    let mut h = rustc_hash::FxHasher::default();
    path.hash(&mut h);
    (h.finish() % SHARDS as u64) as usize
}

impl Pages {
    /// The bytes of the page at `path`.
    pub fn get(&self, path: &str) -> Option<&Arc<[u8]>> {
        self.shards[shard_of(path)].get(path)
    }

    /// Whether there is a page at `path`.
    pub fn contains_key(&self, path: &str) -> bool {
        self.get(path).is_some()
    }

    /// How many pages.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there is no page.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Every page, shard by shard, sorted by path within a shard: collect
    /// into a sorted map for one order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Arc<[u8]>)> {
        self.shards.iter().flat_map(|s| s.iter())
    }

    /// Puts `bytes` at `path`, copying its shard first if a version still
    /// shares it.
    pub(crate) fn insert(&mut self, path: String, bytes: Arc<[u8]>) {
        let shard = Arc::make_mut(&mut self.shards[shard_of(&path)]);
        if shard.insert(path, bytes).is_none() {
            self.len += 1;
        }
    }

    /// Removes the page at `path`.
    pub(crate) fn remove(&mut self, path: &str) {
        let i = shard_of(path);
        if self.shards[i].contains_key(path) {
            Arc::make_mut(&mut self.shards[i]).remove(path);
            self.len -= 1;
        }
    }
}

impl std::ops::Index<&str> for Pages {
    type Output = Arc<[u8]>;

    fn index(&self, path: &str) -> &Arc<[u8]> {
        self.get(path)
            .unwrap_or_else(|| panic!("no page at {path}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bytes(s: &str) -> Arc<[u8]> {
        s.as_bytes().into()
    }

    #[test]
    fn a_version_keeps_its_pages_while_the_site_changes() {
        let mut pages = Pages::default();
        for i in 0..500 {
            pages.insert(format!("guides/g{i}/index.html"), bytes("old"));
        }
        pages.insert("index.html".into(), bytes("home"));
        let version = pages.clone();
        pages.insert("guides/g7/index.html".into(), bytes("new"));
        pages.remove("index.html");
        pages.remove("not/there.html");
        pages.insert("guides/g500/index.html".into(), bytes("added"));

        assert_eq!(&*version["guides/g7/index.html"], b"old");
        assert_eq!(&*version["index.html"], b"home");
        assert!(!version.contains_key("guides/g500/index.html"));
        assert_eq!(version.len(), 501);
        assert_eq!(&*pages["guides/g7/index.html"], b"new");
        assert!(!pages.contains_key("index.html"));
        assert_eq!(pages.len(), 501);
        assert_eq!(pages.iter().count(), 501);
        // Only the shards the changes touched were copied.
        let shared = version
            .shards
            .iter()
            .zip(&pages.shards)
            .filter(|(a, b)| Arc::ptr_eq(a, b))
            .count();
        assert!(shared >= SHARDS - 3, "{shared} of {SHARDS} shards shared");
    }
}
