//! The skill index: every skill the guides name, matched across guides.
//!
//! In: the guides' `skills` and `skill_gaps.missing` lists (free text).
//! Out: a [`SkillIndex`]: each skill once, by its key
//! ([`crate::util::text::skill_key`]: case, spaces, marks and `&`/`and`
//! ignored), with the name it is shown by (the spelling most guides use),
//! the guides that list it and the guides that list it as a common gap;
//! for each guide, its skills in its own order. With `skills.yaml`, every
//! spelling of an entry (its name and aliases) is one skill, shown by the
//! entry's name. A skill at least two guides name, or one `skills.yaml`
//! lists, gets a slug and a page (`skills/<slug>/`); the others are matched
//! all the same (transition pages compare every skill).

use crate::guide::load::Guide;
use crate::guide::model::SkillEntry;
use crate::util::text::skill_key;
use rustc_hash::FxHashMap;
use std::collections::HashMap;

/// One skill of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skill {
    /// The key it is matched by.
    pub key: String,
    /// The name shown: the spelling most guides use, ties to the first in
    /// sorted order.
    pub name: String,
    /// The slug of its page, when it has one ([`Skill::has_page`]).
    pub slug: Option<String>,
    /// Guides listing it under `skills`, by index, ascending.
    pub guides: Vec<usize>,
    /// Guides listing it under `skill_gaps.missing`, by index, ascending.
    pub gaps: Vec<usize>,
    /// Its entry in `skills.yaml`, by index into the config's `skills`.
    pub entry: Option<usize>,
}

impl Skill {
    /// How many different guides name it, as a skill or as a gap.
    pub fn reach(&self) -> usize {
        let mut all: Vec<usize> = self.guides.iter().chain(&self.gaps).copied().collect();
        all.sort_unstable();
        all.dedup();
        all.len()
    }
}

/// Every skill of the site and each guide's skills.
#[derive(Debug, Default)]
pub struct SkillIndex {
    /// Skills by key, sorted by key.
    pub skills: Vec<Skill>,
    by_key: HashMap<String, usize>,
    /// The key of every spelling `skills.yaml` gives → its entry's key.
    aliases: HashMap<String, String>,
    /// For each guide, the skills of its `skills` list, in its order,
    /// each once.
    of_guide: Vec<Vec<usize>>,
    /// For each guide, the skills of its `skill_gaps.missing`, in order.
    gaps_of_guide: Vec<Vec<usize>>,
    /// For each guide, the skill each item of its `skills` list names, item
    /// by item (`None` for a blank item): pages look skills up here rather
    /// than normalising the text again for every page that shows them.
    listed: Vec<Vec<Option<usize>>>,
    /// The same for each guide's `skill_gaps.missing`.
    listed_gaps: Vec<Vec<Option<usize>>>,
}

/// How many guides must name a skill for it to get a page (unless
/// `skills.yaml` lists it).
pub const PAGE_REACH: usize = 2;

impl SkillIndex {
    /// The index of `guides` (in the site's order), with the entries of
    /// `skills.yaml` (`catalog`, empty without the file).
    pub fn new<'g>(guides: &'g [Guide], catalog: &[SkillEntry]) -> SkillIndex {
        let mut aliases: HashMap<String, String> = HashMap::new();
        let mut entries: HashMap<String, usize> = HashMap::new();
        for (i, e) in catalog.iter().enumerate() {
            let key = skill_key(&e.name);
            if key.is_empty() || entries.contains_key(&key) {
                continue;
            }
            entries.insert(key.clone(), i);
            for s in std::iter::once(&e.name).chain(&e.aliases) {
                aliases.entry(skill_key(s)).or_insert_with(|| key.clone());
            }
        }
        // Guides repeat the same few thousand spellings: each distinct
        // text is keyed once, and keys are numbered, so the lists below
        // hold numbers rather than copies of strings. (The faster hash is
        // safe: the texts come from the site's own files.)
        let mut keys: Vec<String> = Vec::new();
        let mut key_ids: FxHashMap<String, usize> = FxHashMap::default();
        let mut intern = |key: String, keys: &mut Vec<String>| -> usize {
            *key_ids.entry(key).or_insert_with_key(|k| {
                keys.push(k.clone());
                keys.len() - 1
            })
        };
        for key in entries.keys() {
            intern(key.clone(), &mut keys);
        }
        let mut text_ids: FxHashMap<&str, Option<usize>> = FxHashMap::default();
        let mut key_of = |s: &'g str, keys: &mut Vec<String>| -> Option<usize> {
            if let Some(&id) = text_ids.get(s) {
                return id;
            }
            let k = skill_key(s);
            let k = aliases.get(&k).cloned().unwrap_or(k);
            let id = (!k.is_empty()).then(|| intern(k, keys));
            text_ids.insert(s, id);
            id
        };
        // Key -> spelling -> how many guides use it.
        let mut spellings: FxHashMap<usize, FxHashMap<&str, usize>> = FxHashMap::default();
        let mut keyed: Vec<[Vec<usize>; 2]> = Vec::with_capacity(guides.len());
        let mut listed_keys: Vec<[Vec<Option<usize>>; 2]> = Vec::with_capacity(guides.len());
        for g in guides {
            let missing = g
                .front
                .skill_gaps
                .as_ref()
                .map_or(&[][..], |s| &s.missing[..]);
            let mut lists: [Vec<usize>; 2] = Default::default();
            let mut items: [Vec<Option<usize>>; 2] = Default::default();
            for ((list, out), ids) in [&g.front.skills[..], missing]
                .into_iter()
                .zip(&mut lists)
                .zip(&mut items)
            {
                for s in list {
                    let id = key_of(s, &mut keys);
                    ids.push(id);
                    let Some(id) = id else { continue };
                    if out.contains(&id) {
                        continue;
                    }
                    *spellings
                        .entry(id)
                        .or_default()
                        .entry(s.trim())
                        .or_default() += 1;
                    out.push(id);
                }
            }
            keyed.push(lists);
            listed_keys.push(items);
        }
        // Skills sorted by key; `skill_of[key id]` is where each went.
        let mut order: Vec<usize> = (0..keys.len())
            .filter(|id| spellings.contains_key(id) || entries.contains_key(&keys[*id]))
            .collect();
        order.sort_unstable_by(|&a, &b| keys[a].cmp(&keys[b]));
        let mut skill_of: Vec<Option<usize>> = vec![None; keys.len()];
        let mut skills: Vec<Skill> = Vec::with_capacity(order.len());
        for &id in &order {
            let key = keys[id].clone();
            let entry = entries.get(&key).copied();
            // Most used first, ties to the first in sorted order.
            let name = match entry {
                Some(e) => catalog[e].name.trim().to_string(),
                None => spellings
                    .get(&id)
                    .and_then(|names| {
                        names
                            .iter()
                            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                            .map(|(n, _)| n.to_string())
                    })
                    .unwrap_or_default(),
            };
            skill_of[id] = Some(skills.len());
            skills.push(Skill {
                key,
                name,
                slug: None,
                guides: Vec::new(),
                gaps: Vec::new(),
                entry,
            });
        }
        let by_key: HashMap<String, usize> = skills
            .iter()
            .enumerate()
            .map(|(i, s)| (s.key.clone(), i))
            .collect();
        let ids = |list: &[Option<usize>]| -> Vec<Option<usize>> {
            list.iter().map(|k| k.and_then(|k| skill_of[k])).collect()
        };
        let listed = listed_keys.iter().map(|[own, _]| ids(own)).collect();
        let listed_gaps = listed_keys.iter().map(|[_, gaps]| ids(gaps)).collect();
        let mut of_guide = Vec::with_capacity(guides.len());
        let mut gaps_of_guide = Vec::with_capacity(guides.len());
        for (gi, [own, gaps]) in keyed.into_iter().enumerate() {
            let own: Vec<usize> = own.iter().filter_map(|&k| skill_of[k]).collect();
            let gaps: Vec<usize> = gaps.iter().filter_map(|&k| skill_of[k]).collect();
            for &s in &own {
                skills[s].guides.push(gi);
            }
            for &s in &gaps {
                skills[s].gaps.push(gi);
            }
            of_guide.push(own);
            gaps_of_guide.push(gaps);
        }
        let paged: Vec<usize> = (0..skills.len())
            .filter(|&s| skills[s].reach() >= PAGE_REACH || skills[s].entry.is_some())
            .collect();
        let names: Vec<&str> = paged.iter().map(|&s| skills[s].key.as_str()).collect();
        let slugs: Vec<String> = crate::util::slug::unique_slugs(names)
            .into_iter()
            .map(|(_, slug)| slug)
            .collect();
        for (s, slug) in paged.into_iter().zip(slugs) {
            skills[s].slug = Some(slug);
        }
        SkillIndex {
            skills,
            by_key,
            aliases,
            of_guide,
            gaps_of_guide,
            listed,
            listed_gaps,
        }
    }

    /// The skill `text` names, if any guide names it.
    pub fn find(&self, text: &str) -> Option<usize> {
        let k = skill_key(text);
        let k = self.aliases.get(&k).unwrap_or(&k);
        self.by_key.get(k).copied()
    }

    /// The skill matched by `key` (a [`Skill::key`]).
    pub fn by_key(&self, key: &str) -> Option<usize> {
        self.by_key.get(key).copied()
    }

    /// The skills guide `i` lists, in its order, each once.
    pub fn of_guide(&self, i: usize) -> &[usize] {
        self.of_guide.get(i).map_or(&[], Vec::as_slice)
    }

    /// The skill each item of guide `i`'s `skills` list names, item by item
    /// (`None` for a blank item): `listed(i)[n]` is `find` of its `n`th
    /// skill.
    pub fn listed(&self, i: usize) -> &[Option<usize>] {
        self.listed.get(i).map_or(&[], Vec::as_slice)
    }

    /// [`SkillIndex::listed`] for guide `i`'s `skill_gaps.missing`.
    pub fn listed_gaps(&self, i: usize) -> &[Option<usize>] {
        self.listed_gaps.get(i).map_or(&[], Vec::as_slice)
    }

    /// The skills guide `i` lists as common gaps, in its order.
    pub fn gaps_of_guide(&self, i: usize) -> &[usize] {
        self.gaps_of_guide.get(i).map_or(&[], Vec::as_slice)
    }

    /// The skills that have a page, sorted by name (case-folded) then key.
    pub fn paged(&self) -> Vec<usize> {
        let mut out: Vec<usize> = (0..self.skills.len())
            .filter(|&s| self.skills[s].slug.is_some())
            .collect();
        out.sort_by_cached_key(|&s| (self.skills[s].name.to_lowercase(), s));
        out
    }

    /// The guides most like guide `i` by skills they share, most shared
    /// first, ties by index (the site's slug order); at most `limit`,
    /// only guides sharing at least one skill.
    pub fn similar(&self, i: usize, limit: usize) -> Vec<(usize, usize)> {
        thread_local! {
            // Shared-skill counts by guide, all zero between calls: a
            // common skill is shared with thousands of guides, and every
            // guide page asks.
            static COUNTS: std::cell::RefCell<Vec<u32>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        let mut out: Vec<(usize, usize)> = Vec::new();
        COUNTS.with_borrow_mut(|counts| {
            if counts.len() < self.of_guide.len() {
                counts.resize(self.of_guide.len(), 0);
            }
            for &s in self.of_guide(i) {
                for &g in &self.skills[s].guides {
                    if g != i {
                        if counts[g] == 0 {
                            out.push((g, 0));
                        }
                        counts[g] += 1;
                    }
                }
            }
            for (g, n) in &mut out {
                *n = std::mem::take(&mut counts[*g]) as usize;
            }
        });
        let order = |a: &(usize, usize), b: &(usize, usize)| b.1.cmp(&a.1).then(a.0.cmp(&b.0));
        // A common skill is shared with thousands of guides; only the first
        // `limit` are shown, so only they are sorted.
        if out.len() > limit && limit > 0 {
            out.select_nth_unstable_by(limit - 1, order);
        }
        out.truncate(limit);
        out.sort_by(order);
        out
    }

    /// The skills guides `a` and `b` both list, in `b`'s order, and the
    /// skills `b` lists that `a` does not, in `b`'s order.
    pub fn compare(&self, a: usize, b: usize) -> (Vec<usize>, Vec<usize>) {
        let have = self.of_guide(a);
        self.of_guide(b).iter().partition(|s| have.contains(s))
    }
}
