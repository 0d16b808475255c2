//! Salary levels in career order.
//!
//! In: the levels of every guide's salary ranges, each guide's list in the
//! order the guide gives it, and the optional `levels:` list of
//! `site.yaml`. Out: a [`LevelOrder`], the rank and the shown spelling of
//! every level. Levels are told apart by their trimmed, case-folded name,
//! so `Senior` and `senior ` are one level, spelled as first written.
//!
//! Without a site-wide list, the guides' own orders are merged: a guide
//! listing `Entry, Mid, Senior` says Entry comes before Mid, and the merged
//! order keeps every such "before" the guides agree on, taking levels in
//! the order they first appear where nothing else decides (so pay never
//! does), and following one track (`Senior, Staff, Principal`) to its end
//! before starting another (`Manager, Director`). Where guides disagree (one lists `Mid, Senior`, another `Senior,
//! Mid`), the level that appeared first goes first.

use crate::guide::model::LevelRef;
use crate::util::text::level_key;
use std::collections::{BTreeSet, HashMap};

/// Every level's rank and shown name.
#[derive(Debug, Default, Clone)]
pub(crate) struct LevelOrder {
    rank: HashMap<String, usize>,
    labels: Vec<String>,
    /// The key of each alias `site.yaml` gives → its level's key.
    aliases: HashMap<String, String>,
    /// Each spelling the order was made from, as written, → its rank: the
    /// salary pages look up every range's level, and at 10,000 guides
    /// making each one's key took longer than the rest of the overview.
    written: rustc_hash::FxHashMap<String, usize>,
}

/// Two orders are the same when they rank and show every level alike,
/// however the levels were spelled.
impl PartialEq for LevelOrder {
    fn eq(&self, other: &LevelOrder) -> bool {
        self.rank == other.rank && self.labels == other.labels && self.aliases == other.aliases
    }
}

impl Eq for LevelOrder {}

impl LevelOrder {
    /// The order of `lists` (each guide's levels, in the guide's order,
    /// guides in a stable order), after `config`'s levels when given.
    pub(crate) fn new<'a>(
        config: &[LevelRef],
        lists: impl IntoIterator<Item = Vec<&'a str>>,
    ) -> LevelOrder {
        let mut aliases: HashMap<String, String> = HashMap::new();
        for l in config {
            let key = level_key(l.name());
            for s in l.spellings().skip(1) {
                aliases.entry(level_key(s)).or_insert_with(|| key.clone());
            }
        }
        let canon = |level: &str| {
            let k = level_key(level);
            aliases.get(&k).cloned().unwrap_or(k)
        };
        // Key -> (first appearance, spelling).
        let mut first: HashMap<String, (usize, String)> = HashMap::new();
        let mut edges: HashMap<usize, BTreeSet<usize>> = HashMap::new();
        let mut names: Vec<String> = Vec::new();
        // Each spelling as written -> its level's id: thousands of guides
        // spell a few levels alike.
        let mut spelled: rustc_hash::FxHashMap<&'a str, usize> = Default::default();
        for list in lists {
            let mut seen: Vec<usize> = Vec::new();
            for level in list {
                let id = match spelled.get(level) {
                    Some(&id) => id,
                    None => {
                        let key = canon(level);
                        let next = names.len();
                        let id = first
                            .entry(key.clone())
                            .or_insert_with(|| (next, level.trim().to_string()))
                            .0;
                        if id == next {
                            names.push(key);
                        }
                        spelled.insert(level, id);
                        id
                    }
                };
                if !seen.contains(&id) {
                    if let Some(&prev) = seen.last() {
                        edges.entry(prev).or_default().insert(id);
                    }
                    seen.push(id);
                }
            }
        }
        let mut indegree = vec![0usize; names.len()];
        for to in edges.values().flatten() {
            indegree[*to] += 1;
        }
        let mut done = vec![false; names.len()];
        let mut ready: BTreeSet<usize> = (0..names.len()).filter(|&i| indegree[i] == 0).collect();
        let mut merged = Vec::with_capacity(names.len());
        while merged.len() < names.len() {
            // On a disagreement nothing is ready: the earliest level left
            // breaks the cycle.
            // A track is followed to its end before the next begins:
            // after Senior comes the Staff that follows it, not a Manager
            // that merely appeared earlier.
            let follows = merged
                .last()
                .and_then(|last| edges.get(last))
                .and_then(|next| next.iter().find(|id| ready.contains(*id)).copied());
            let id = match follows.or_else(|| ready.first().copied()) {
                Some(id) => {
                    ready.remove(&id);
                    id
                }
                None => (0..names.len()).find(|&i| !done[i]).unwrap_or(0),
            };
            if done[id] {
                continue;
            }
            done[id] = true;
            merged.push(id);
            for &to in edges.get(&id).into_iter().flatten() {
                indegree[to] = indegree[to].saturating_sub(1);
                if indegree[to] == 0 && !done[to] {
                    ready.insert(to);
                }
            }
        }
        let mut order = LevelOrder::default();
        for level in config {
            order.push(level_key(level.name()), level.name().trim().to_string());
        }
        for id in merged {
            let key = &names[id];
            order.push(key.clone(), first[key].1.clone());
        }
        order.aliases = aliases;
        order.written = spelled
            .into_iter()
            .map(|(level, id)| (level.to_string(), order.rank[&names[id]]))
            .collect();
        order
    }

    /// The key `level` is ranked by: its own, or its level's when it is an
    /// alias.
    fn key(&self, level: &str) -> String {
        let k = level_key(level);
        self.aliases.get(&k).cloned().unwrap_or(k)
    }

    fn push(&mut self, key: String, label: String) {
        if !self.rank.contains_key(&key) {
            self.rank.insert(key, self.labels.len());
            self.labels.push(label);
        }
    }

    /// The rank of `level`: smaller is earlier in a career. A level never
    /// seen comes last.
    pub(crate) fn rank(&self, level: &str) -> usize {
        self.find(level).unwrap_or(usize::MAX)
    }

    /// How `level` is shown: its first spelling (`site.yaml`'s, when listed
    /// there).
    pub(crate) fn label<'a>(&'a self, level: &'a str) -> &'a str {
        match self.find(level) {
            Some(i) => &self.labels[i],
            None => level.trim(),
        }
    }

    fn find(&self, level: &str) -> Option<usize> {
        match self.written.get(level) {
            Some(&i) => Some(i),
            None => self.rank.get(&self.key(level)).copied(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order(config: &[&str], lists: &[&[&'static str]]) -> Vec<String> {
        let config: Vec<LevelRef> = config.iter().map(|&s| LevelRef::from(s)).collect();
        let o = LevelOrder::new(&config, lists.iter().map(|l| l.to_vec()));
        o.labels
    }

    #[test]
    fn aliases_rank_with_their_level_and_show_its_name() {
        let config = vec![
            LevelRef::from("Entry"),
            LevelRef::Aliased {
                name: "Mid".into(),
                aliases: vec!["TPM II".into(), "Mid Level".into()],
            },
            LevelRef::from("Senior"),
        ];
        let o = LevelOrder::new(
            &config,
            [vec!["Senior", "tpm ii"], vec!["Mid level", "Staff"]],
        );
        assert_eq!(o.labels, ["Entry", "Mid", "Senior", "Staff"]);
        assert_eq!(o.rank("TPM  II"), o.rank("mid"));
        assert_eq!(o.label("mid level"), "Mid");
    }

    #[test]
    fn a_level_ranks_alike_however_it_is_spelled_and_spellings_do_not_make_another_order() {
        let config = vec![LevelRef::Aliased {
            name: "Mid".into(),
            aliases: vec!["TPM II".into()],
        }];
        let a = LevelOrder::new(
            &config,
            [vec!["Senior", "tpm ii"], vec![" senior", "Staff"]],
        );
        // Spellings the order was made from, and others it never saw.
        for (seen, unseen) in [
            ("Senior", "SENIOR"),
            (" senior", "senior  "),
            ("tpm ii", "Mid"),
        ] {
            assert_eq!(a.rank(seen), a.rank(unseen), "{seen} / {unseen}");
            assert_eq!(a.label(seen), a.label(unseen), "{seen} / {unseen}");
        }
        assert_eq!(a.label("tpm ii"), "Mid");
        assert_eq!(a.rank("Nowhere"), usize::MAX);
        assert_eq!(a.label(" Nowhere "), "Nowhere");
        let b = LevelOrder::new(&config, [vec!["Senior", "TPM II"], vec!["senior", "Staff"]]);
        assert_eq!(a, b, "the same levels in the same order");
        let c = LevelOrder::new(&config, [vec!["Staff", "Senior"]]);
        assert_ne!(a, c);
    }

    #[test]
    fn guides_orders_are_merged_not_sorted_by_pay() {
        assert_eq!(
            order(
                &[],
                &[
                    &["Entry", "Senior"],
                    &["Mid", "Senior", "Staff"],
                    &["entry", "Mid"]
                ]
            ),
            ["Entry", "Mid", "Senior", "Staff"]
        );
    }

    #[test]
    fn one_track_is_followed_before_the_next() {
        assert_eq!(
            order(
                &[],
                &[
                    &["Entry", "Senior"],
                    &["Manager", "Director"],
                    &["Senior", "Staff"]
                ]
            ),
            ["Entry", "Senior", "Staff", "Manager", "Director"]
        );
    }

    #[test]
    fn disagreements_keep_the_first_appearance() {
        assert_eq!(
            order(&[], &[&["Mid", "Senior"], &["Senior", "Mid"]]),
            ["Mid", "Senior"]
        );
    }

    #[test]
    fn the_site_list_comes_first_and_wins() {
        let o = order(&["Entry", "Mid", "Senior"], &[&["Senior", "Mid", "Lead"]]);
        assert_eq!(o, ["Entry", "Mid", "Senior", "Lead"]);
    }

    #[test]
    fn regions_repeating_levels_are_no_disagreement() {
        assert_eq!(
            order(
                &[],
                &[&["Entry", "Mid", "Entry", "Mid"], &["Mid", "Senior"]]
            ),
            ["Entry", "Mid", "Senior"]
        );
    }
}
