//! The search index, in shards that `static/search.js` fetches on demand.
//!
//! In: the resolved site. Out: the files of the index (format described in
//! `docs/themes.md`, "Search"): a small manifest, `search-index.json`; one
//! shard per word key under `search-index/w/`, holding the words that start
//! with the key and, for each word, the guides it occurs in, field by field;
//! and the records the results show (slug, title, summary) under
//! `search-index/r/`, [`CHUNK`] guides to a file. The shard of each
//! single character also holds the first guides whose title starts with
//! it, which the box shows after the first key. A query reads the
//! manifest, the shard of each of its words and the records of the results
//! it shows, so what it transfers grows with the words it names, not with
//! the site.
//!
//! Guides are numbered in title order, so the client breaks ties by number
//! and the numbers of a word's guides compress well. The folding of text to
//! words here and in `search.js` must agree: lower case, the Latin letters
//! with diacritics in [`FOLD_FROM`] to their base letter, combining marks
//! U+0300-U+036F dropped, then runs of letters and digits (Unicode
//! `Alphabetic` or `Numeric`), each cut to [`MAX_WORD`] characters.

use crate::render::markdown::plain;
use crate::render::Page;
use crate::site::terms::Kind;
use crate::site::Site;
use crate::util::layout::{Route, GUIDES_DIR, SEARCH_DIR};
use rayon::prelude::*;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

/// Format version of the index.
pub(crate) const VERSION: u32 = 4;

/// Guides per record file.
pub(crate) const CHUNK: usize = 16;

/// The fields searched, in the order of the postings of a word: title,
/// alt titles, tags, employers, skills, summary, and the first word of the
/// title (so that "Data Engineer" ranks before "Senior Data Engineer").
const FIELDS: usize = 7;

/// The summary's place among the [`FIELDS`].
const SUMMARY_FIELD: usize = 5;

/// The place of the title's first word among the [`FIELDS`].
const FIRST_WORD_FIELD: usize = 6;

/// Words are cut to this many characters (a hostile guide's one very long
/// word stays one small entry); `search.js` cuts query words the same way.
pub(crate) const MAX_WORD: usize = 32;

/// Letters with diacritics whose canonical decomposition is an ASCII letter
/// and marks in U+0300-U+036F (from U+00C0-U+024F and U+1E00-U+1EFF, lower
/// case), and in [`FOLD_TO`] their base letters, in the same order.
/// `search.js` computes the same mapping with `String.normalize("NFD")`.
const FOLD_FROM: &str = "àáâãäåçèéêëìíîïñòóôõöùúûüýÿāăąćĉċčďēĕėęěĝğġģĥĩīĭįĵķĺļľńņňōŏőŕŗřśŝşšţťũūŭůűųŵŷźżžơưǎǐǒǔǖǘǚǜǟǡǧǩǫǭǰǵǹǻȁȃȅȇȉȋȍȏȑȓȕȗșțȟȧȩȫȭȯȱȳḁḃḅḇḉḋḍḏḑḓḕḗḙḛḝḟḡḣḥḧḩḫḭḯḱḳḵḷḹḻḽḿṁṃṅṇṉṋṍṏṑṓṕṗṙṛṝṟṡṣṥṧṩṫṭṯṱṳṵṷṹṻṽṿẁẃẅẇẉẋẍẏẑẓẕẖẗẘẙạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ";
const FOLD_TO: &str =
    "aaaaaaceeeeiiiinooooouuuuyyaaaccccdeeeeegggghiiiijklllnnnooorrrssssttuuuuuuwyzzzouaiouuuuuaagkoojgnaaaeeiioorruusthaeooooyabbbcdddddeeeeefghhhhhiikkkllllmmmnnnnoooopprrrrsssssttttuuuuuvvwwwwwxxyzzzhtwyaaaaaaaaaaaaeeeeeeeeiioooooooooooouuuuuuuyyyy";

/// Folds text for search: lower case, diacritics off Latin letters.
pub(crate) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.to_lowercase().chars() {
        if c.is_ascii() {
            out.push(c);
        } else if ('\u{300}'..='\u{36f}').contains(&c) {
        } else if let Some(i) = FOLD_FROM.chars().position(|f| f == c) {
            out.extend(FOLD_TO.chars().nth(i));
        } else {
            out.push(c);
        }
    }
    out
}

/// The words of `s`, folded, in order (repeats kept).
pub(crate) fn words(s: &str) -> Vec<String> {
    fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.chars().take(MAX_WORD).collect())
        .collect()
}

/// The file name (without `.json`) of the shard holding words that start
/// with `chars` (the first two characters of a word, or its only one):
/// `[a-z0-9]` as they are, anything else as `_<hex code point>_`.
fn key_of(chars: impl Iterator<Item = char>) -> String {
    let mut k = String::new();
    for c in chars {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            k.push(c);
        } else {
            k.push_str(&format!("_{:x}_", c as u32));
        }
    }
    k
}

/// The shard a word's postings are in: its first two characters.
pub(crate) fn primary_key(word: &str) -> String {
    key_of(word.chars().take(2))
}

/// The other shards that name a word of four characters or more, so that a
/// query word one edit away from it finds it even when the edit is in the
/// first two characters: the keys of the word without its first or its
/// second character. (If two words are one edit apart, deleting at most one
/// character from each makes them equal, so some key of one is a key of
/// the other; `search.js` looks in the shards of the query word's keys.)
fn neighbour_keys(word: &str) -> Vec<String> {
    let c: Vec<char> = word.chars().take(3).collect();
    if word.chars().count() < 4 {
        return Vec::new();
    }
    let primary = key_of(c[..2].iter().copied());
    let mut out: Vec<String> = [
        key_of(c[1..3].iter().copied()),
        key_of([c[0], c[2]].into_iter()),
    ]
    .into_iter()
    .filter(|k| *k != primary)
    .collect();
    out.dedup();
    out
}

/// The 64 characters postings are written in, none of which JSON escapes.
const DIGITS: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// A sorted list of guide numbers as text, whichever is shorter: the gaps
/// (`id - previous - 1`, the first from -1) as numbers in base 32, most
/// significant digit first, digits before the last one marked by adding
/// 32; or `~` and a bitmap, six guides to a character, guide `6k + j` in
/// bit `j` of character `k`, up to the last guide listed.
pub(crate) fn encode_ids(ids: &[u32]) -> String {
    let mut gaps = String::new();
    let mut prev: i64 = -1;
    for &id in ids {
        let mut gap = (i64::from(id) - prev - 1) as u64;
        prev = i64::from(id);
        let mut digits = [0u8; 13];
        let mut n = 0;
        loop {
            digits[n] = (gap & 31) as u8;
            n += 1;
            gap >>= 5;
            if gap == 0 {
                break;
            }
        }
        for i in (0..n).rev() {
            let d = digits[i] + if i > 0 { 32 } else { 0 };
            gaps.push(DIGITS[d as usize] as char);
        }
    }
    let last = ids.last().map_or(0, |&l| l as usize);
    let len = last / 6 + 1;
    if len + 1 >= gaps.len() {
        return gaps;
    }
    let mut bits = vec![0u8; len];
    for &id in ids {
        bits[id as usize / 6] |= 1 << (id % 6);
    }
    let mut out = String::with_capacity(len + 1);
    out.push('~');
    out.extend(bits.iter().map(|&b| DIGITS[b as usize] as char));
    out
}

/// One shard: its words with their guides field by field (trailing empty
/// fields left out), and the words of other shards that one edit in their
/// first two characters may bring here (see [`neighbour_keys`]).
#[derive(Debug, Serialize)]
struct Shard<'a> {
    w: BTreeMap<&'a str, Vec<String>>,
    #[serde(skip_serializing_if = "BTreeSet::is_empty")]
    n: &'a BTreeSet<String>,
    /// In the shard of one character: the guides whose title starts with
    /// it (see [`Initial`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    f: Option<Initial>,
}

/// What the box shows after the first key, before a query has a word of
/// two characters: how many guides' titles start with that character and
/// the records of the first [`INITIAL_SHOWN`] in title order, so that the
/// first key shows results with one small file.
#[derive(Debug, Serialize)]
struct Initial {
    /// How many guides.
    n: usize,
    /// Their first records: slug, title, summary.
    r: Vec<[String; 3]>,
}

/// Results the box shows, and so the records a one-character shard holds.
const INITIAL_SHOWN: usize = 8;

/// `search-index.json`: what a client needs before its first shard.
#[derive(Debug, Serialize)]
struct Manifest<'a> {
    /// Format version.
    v: u32,
    /// Prefix of every guide link, relative to the site root.
    base: &'a str,
    /// The folder of the shards (`w/<key>.json`) and records
    /// (`r/<n>.json`), relative to the site root.
    dir: &'a str,
    /// How many guides (the numbers are `0..n`, in title order).
    n: usize,
    /// Guides per record file.
    chunk: usize,
    /// The shards that exist, by key.
    shards: Vec<&'a str>,
    /// The search box's messages in the site's language
    /// ([`crate::render::i18n::Strings::group`]).
    messages: serde_json::Value,
}

/// The text of each field of guide `i`, as searched.
fn field_texts(site: &Site, i: usize) -> [Vec<String>; FIELDS] {
    let g = &site.guides[i];
    let f = &g.front;
    let names = |kind: Kind| kind.names(g).into_iter().map(str::to_string).collect();
    [
        vec![f.title.clone()],
        f.alt_titles.clone(),
        names(Kind::Tag),
        names(Kind::Employer),
        f.skills.iter().map(|s| plain(s)).collect(),
        vec![plain(&f.summary)],
        words(&f.title).into_iter().take(1).collect(),
    ]
}

/// Guide numbers: the indexes into `site.guides` in title order (slug for
/// equal titles), as the search page sorts its cards.
pub(crate) fn title_order(site: &Site) -> Vec<usize> {
    let mut order: Vec<usize> = (0..site.guides.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&site.guides[a], &site.guides[b]);
        a.front.title.cmp(&b.front.title).then(a.slug.cmp(&b.slug))
    });
    order
}

/// What one guide gives the index.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    /// Its distinct words in each field, sorted.
    words: [Vec<String>; FIELDS],
    /// Its summary as plain text, for its record.
    summary: String,
}

/// What guide `i` gives the index.
pub(crate) fn entry(site: &Site, i: usize) -> Entry {
    let texts = field_texts(site, i);
    let summary = texts[SUMMARY_FIELD].concat();
    Entry {
        words: texts.map(|texts| {
            let mut w: Vec<String> = texts.iter().flat_map(|t| words(t)).collect();
            w.sort_unstable();
            w.dedup();
            w
        }),
        summary,
    }
}

/// Every file of the index of `site`: its manifest, its shards and its
/// records. `entry_of` gives each guide's [`entry`] (the card cache keeps
/// them between rebuilds).
pub(crate) fn pages<'w>(
    site: &Site,
    strings: &crate::render::i18n::Strings,
    entry_of: impl Fn(usize) -> Cow<'w, Entry> + Sync,
) -> Vec<Page> {
    Index::build(site, &entry_of).pages(site, strings, &entry_of)
}

/// The index in memory, as its files show it: each word's guides field by
/// field, the words of each shard and each guide's words. `watch` and
/// `serve` keep it between rebuilds, so that an edit which leaves every
/// guide's number as it was rewrites only the shards of the words it
/// added or removed and the records of the guides it changed
/// ([`Index::edit`]).
#[derive(Debug)]
pub(crate) struct Index {
    /// The site's index of each guide, by number (title order).
    order: Vec<usize>,
    /// Each word's number in `words`.
    ids: rustc_hash::FxHashMap<String, u32>,
    /// Every word ever seen, by number; a word no guide has any more
    /// keeps its number, with no guides.
    words: Vec<String>,
    /// Each word's guides (by number, ascending), field by field.
    postings: Vec<[Vec<u32>; FIELDS]>,
    /// Each guide's words (by number, ascending), field by field.
    of_guide: Vec<[Vec<u32>; FIELDS]>,
    /// The shards, by key.
    shards: BTreeMap<String, ShardWords>,
}

/// The shards an edit of the index touched.
struct Touched {
    /// To be written again.
    keys: BTreeSet<String>,
    /// Made by the edit.
    came: BTreeSet<String>,
    /// Emptied by the edit, and taken out.
    went: BTreeSet<String>,
}

/// What a shard holds, by word number.
#[derive(Debug, Default)]
struct ShardWords {
    /// Its words.
    w: BTreeMap<String, u32>,
    /// Words of other shards one edit may bring here.
    n: BTreeSet<String>,
    /// In the shard of one character: how many guides' titles start with
    /// it, and the numbers of the first [`INITIAL_SHOWN`].
    f: Option<(usize, Vec<u32>)>,
}

impl ShardWords {
    fn is_empty(&self) -> bool {
        self.w.is_empty() && self.n.is_empty() && self.f.is_none()
    }
}

impl Index {
    /// The index of `site`, each guide's words from `entry_of`.
    pub(crate) fn build<'w>(
        site: &Site,
        entry_of: &(impl Fn(usize) -> Cow<'w, Entry> + Sync),
    ) -> Index {
        let order = title_order(site);
        let per_guide: Vec<Cow<'_, Entry>> = order.par_iter().map(|&i| entry_of(i)).collect();
        let mut ix = Index {
            order,
            ids: Default::default(),
            words: Vec::new(),
            postings: Vec::new(),
            of_guide: Vec::with_capacity(per_guide.len()),
            shards: BTreeMap::new(),
        };
        for (number, entry) in per_guide.iter().enumerate() {
            let mut mine: [Vec<u32>; FIELDS] = Default::default();
            for (f, ws) in entry.words.iter().enumerate() {
                for w in ws {
                    let id = ix.id_of(w);
                    ix.postings[id as usize][f].push(number as u32);
                    mine[f].push(id);
                }
                mine[f].sort_unstable();
            }
            ix.of_guide.push(mine);
        }
        for (id, w) in ix.words.iter().enumerate() {
            for k in neighbour_keys(w) {
                ix.shards.entry(k).or_default().n.insert(w.clone());
            }
            ix.shards
                .entry(primary_key(w))
                .or_default()
                .w
                .insert(w.clone(), id as u32);
        }
        for (number, entry) in per_guide.iter().enumerate() {
            // The title's first word, folded.
            let first = entry.words[FIRST_WORD_FIELD]
                .first()
                .and_then(|w| w.chars().next());
            let Some(c) = first else { continue };
            let shard = ix.shards.entry(key_of(std::iter::once(c))).or_default();
            let (n, firsts) = shard.f.get_or_insert_with(|| (0, Vec::new()));
            *n += 1;
            if firsts.len() < INITIAL_SHOWN {
                firsts.push(number as u32);
            }
        }
        ix
    }

    /// The number of word `w`, given one if it is new.
    fn id_of(&mut self, w: &str) -> u32 {
        if let Some(&id) = self.ids.get(w) {
            return id;
        }
        let id = self.words.len() as u32;
        self.ids.insert(w.to_string(), id);
        self.words.push(w.to_string());
        self.postings.push(Default::default());
        id
    }

    /// Every file of the index.
    pub(crate) fn pages<'w>(
        &self,
        site: &Site,
        strings: &crate::render::i18n::Strings,
        entry_of: &(impl Fn(usize) -> Cow<'w, Entry> + Sync),
    ) -> Vec<Page> {
        let mut out = Vec::with_capacity(self.shards.len() + self.order.len() / CHUNK + 2);
        out.push(self.manifest(strings));
        let keys: Vec<&String> = self.shards.keys().collect();
        out.par_extend(keys.par_iter().map(|k| self.shard(k, site, entry_of)));
        let chunks = self.order.len().div_ceil(CHUNK);
        out.par_extend(
            (0..chunks)
                .into_par_iter()
                .map(|c| self.records(c, site, entry_of)),
        );
        out
    }

    /// The files that change when the guides at `edited` (indexes into
    /// `site.guides`) changed their words or summary, the index taking
    /// their new words from `entry_of`, with the manifest when a shard
    /// came or went, and the paths of the shards that went (their last
    /// word went); `None` when the change needs every file rendered again
    /// (a guide's number or initial changed), after which this index is no
    /// longer that of the site.
    ///
    /// Only the guides in `edited` may have changed since the index was
    /// made or last edited: whether the others keep their numbers is
    /// told by comparing each edited guide with its neighbours in title
    /// order, not by sorting every title again.
    pub(crate) fn edit<'w>(
        &mut self,
        site: &Site,
        strings: &crate::render::i18n::Strings,
        edited: &[usize],
        entry_of: &(impl Fn(usize) -> Cow<'w, Entry> + Sync),
    ) -> Option<(Vec<Page>, Vec<String>)> {
        if self.order.len() != site.guides.len() {
            return None;
        }
        let numbers: Vec<usize> = edited
            .iter()
            .map(|&i| self.order.iter().position(|&j| j == i))
            .collect::<Option<_>>()?;
        let before = |a: usize, b: usize| {
            let (a, b) = (&site.guides[a], &site.guides[b]);
            (&a.front.title, &a.slug) < (&b.front.title, &b.slug)
        };
        let in_order = numbers.iter().all(|&n| {
            (n == 0 || before(self.order[n - 1], self.order[n]))
                && (n + 1 == self.order.len() || before(self.order[n], self.order[n + 1]))
        });
        if !in_order {
            return None;
        }
        let mut touched = Touched {
            keys: BTreeSet::new(),
            came: BTreeSet::new(),
            went: BTreeSet::new(),
        };
        let mut chunks: BTreeSet<usize> = BTreeSet::new();
        for (&i, &number) in edited.iter().zip(&numbers) {
            let entry = entry_of(i);
            let mut now: [Vec<u32>; FIELDS] = Default::default();
            for (f, ws) in entry.words.iter().enumerate() {
                now[f] = ws.iter().map(|w| self.id_of(w)).collect();
                now[f].sort_unstable();
            }
            if self.of_guide[number][FIRST_WORD_FIELD] != now[FIRST_WORD_FIELD] {
                // The shards of initials count the guides by it.
                return None;
            }
            let was = std::mem::replace(&mut self.of_guide[number], now.clone());
            for f in 0..FIELDS {
                for &id in was[f].iter().filter(|id| now[f].binary_search(id).is_err()) {
                    let list = &mut self.postings[id as usize][f];
                    if let Ok(at) = list.binary_search(&(number as u32)) {
                        list.remove(at);
                    }
                    self.touch(id, &mut touched, false)?;
                }
                for &id in now[f].iter().filter(|id| was[f].binary_search(id).is_err()) {
                    let came = self.postings[id as usize].iter().all(Vec::is_empty);
                    let list = &mut self.postings[id as usize][f];
                    if let Err(at) = list.binary_search(&(number as u32)) {
                        list.insert(at, number as u32);
                    }
                    self.touch(id, &mut touched, came)?;
                }
            }
            chunks.insert(number / CHUNK);
            // Its record among the first of its initial's, if it is.
            let listed = self.shards.iter().find(|(_, s)| {
                s.f.as_ref()
                    .is_some_and(|(_, firsts)| firsts.contains(&(number as u32)))
            });
            if let Some((k, _)) = listed {
                touched.keys.insert(k.clone());
            }
        }
        // A shard may have gone and come back within the edit.
        let Touched { keys, came, went } = touched;
        let went: Vec<String> = went
            .into_iter()
            .filter(|k| !self.shards.contains_key(k))
            .collect();
        let came = came.iter().any(|k| self.shards.contains_key(k));
        let mut out: Vec<Page> = keys
            .par_iter()
            .filter(|k| self.shards.contains_key(*k))
            .map(|k| self.shard(k, site, entry_of))
            .collect();
        if came || !went.is_empty() {
            out.push(self.manifest(strings));
        }
        out.extend(chunks.into_iter().map(|c| self.records(c, site, entry_of)));
        let gone = went.iter().map(|k| Route::SearchShard(k).file()).collect();
        Some((out, gone))
    }

    /// Word `id` changed its guides: its shard is to be written again, and
    /// when it `came` (it had no guide) or went (it has none now), so are
    /// the shards naming it as a neighbour. A shard comes with its first
    /// word and goes with its last. `None` when the index does not hold
    /// what the word's going needs (it is not that of the site).
    fn touch(&mut self, id: u32, touched: &mut Touched, came: bool) -> Option<()> {
        let w = &self.words[id as usize];
        let went = self.postings[id as usize].iter().all(Vec::is_empty);
        let primary = primary_key(w);
        if came || went {
            for k in neighbour_keys(w).into_iter().chain([primary.clone()]) {
                let shard = if came {
                    self.shards.entry(k.clone()).or_insert_with(|| {
                        touched.came.insert(k.clone());
                        ShardWords::default()
                    })
                } else {
                    self.shards.get_mut(&k)?
                };
                let is_primary = k == primary;
                match (came, is_primary) {
                    (true, true) => {
                        shard.w.insert(w.clone(), id);
                    }
                    (true, false) => {
                        shard.n.insert(w.clone());
                    }
                    (false, true) => {
                        shard.w.remove(w);
                    }
                    (false, false) => {
                        shard.n.remove(w);
                    }
                }
                if shard.is_empty() {
                    self.shards.remove(&k);
                    touched.went.insert(k);
                } else {
                    touched.keys.insert(k);
                }
            }
        } else {
            touched.keys.insert(primary);
        }
        Some(())
    }

    /// `search-index.json`.
    fn manifest(&self, strings: &crate::render::i18n::Strings) -> Page {
        let manifest = Manifest {
            v: VERSION,
            base: GUIDES_DIR,
            dir: SEARCH_DIR,
            n: self.order.len(),
            chunk: CHUNK,
            shards: self.shards.keys().map(String::as_str).collect(),
            messages: strings.group("search.script"),
        };
        Page {
            path: Route::SearchIndex.file(),
            bytes: serde_json::to_vec(&manifest).unwrap_or_default(),
        }
    }

    /// The shard with key `k`.
    fn shard<'w>(
        &self,
        k: &str,
        site: &Site,
        entry_of: &(impl Fn(usize) -> Cow<'w, Entry> + Sync),
    ) -> Page {
        let words = &self.shards[k];
        let shard = Shard {
            w: words
                .w
                .iter()
                .map(|(w, &id)| {
                    let fields = &self.postings[id as usize];
                    let mut enc: Vec<String> = fields.iter().map(|ids| encode_ids(ids)).collect();
                    while enc.last().is_some_and(String::is_empty) {
                        enc.pop();
                    }
                    (w.as_str(), enc)
                })
                .collect(),
            n: &words.n,
            f: words.f.as_ref().map(|(n, firsts)| Initial {
                n: *n,
                r: firsts
                    .iter()
                    .map(|&number| self.record(number as usize, site, entry_of))
                    .collect(),
            }),
        };
        Page {
            path: Route::SearchShard(k).file(),
            bytes: serde_json::to_vec(&shard).unwrap_or_default(),
        }
    }

    /// Records file `c`: the records of guides `c * CHUNK` onwards.
    fn records<'w>(
        &self,
        c: usize,
        site: &Site,
        entry_of: &(impl Fn(usize) -> Cow<'w, Entry> + Sync),
    ) -> Page {
        let numbers = c * CHUNK..((c + 1) * CHUNK).min(self.order.len());
        let records: Vec<[String; 3]> = numbers
            .map(|number| self.record(number, site, entry_of))
            .collect();
        Page {
            path: Route::SearchRecords(c).file(),
            bytes: serde_json::to_vec(&records).unwrap_or_default(),
        }
    }

    /// The record of guide `number`: slug, title and summary.
    fn record<'w>(
        &self,
        number: usize,
        site: &Site,
        entry_of: &(impl Fn(usize) -> Cow<'w, Entry> + Sync),
    ) -> [String; 3] {
        let i = self.order[number];
        let g = &site.guides[i];
        [
            g.slug.clone(),
            g.front.title.clone(),
            entry_of(i).summary.clone(),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(s: &str) -> Vec<u32> {
        let val = |c: char| DIGITS.iter().position(|&d| d as char == c).unwrap() as u32;
        let mut out = Vec::new();
        if let Some(bits) = s.strip_prefix('~') {
            for (k, c) in bits.chars().enumerate() {
                for j in 0..6 {
                    if val(c) & (1 << j) != 0 {
                        out.push(k as u32 * 6 + j);
                    }
                }
            }
            return out;
        }
        let (mut prev, mut n) = (-1i64, 0u32);
        for c in s.chars() {
            let v = val(c);
            if v >= 32 {
                n = n * 32 + (v - 32);
            } else {
                prev += i64::from(n * 32 + v) + 1;
                out.push(prev as u32);
                n = 0;
            }
        }
        out
    }

    #[test]
    fn ids_round_trip_in_either_encoding() {
        let sparse = vec![0, 5, 40, 1000, 40_000, 1_000_000];
        let dense: Vec<u32> = (0..600).filter(|i| i % 3 != 1).collect();
        for ids in [sparse, dense.clone(), vec![7], vec![]] {
            assert_eq!(decode(&encode_ids(&ids)), ids);
        }
        assert!(encode_ids(&dense).starts_with('~'));
        assert_eq!(encode_ids(&[0, 1, 2]), "~7");
        assert_eq!(encode_ids(&[0, 100]), "0Z3");
        assert_eq!(encode_ids(&[32]), "X0");
    }

    #[test]
    fn folding_and_keys() {
        assert_eq!(
            words("Zürich-based DATA engineer; Ærø"),
            ["zurich", "based", "data", "engineer", "ærø"]
        );
        assert_eq!(FOLD_FROM.chars().count(), FOLD_TO.chars().count());
        assert_eq!(primary_key("engineer"), "en");
        assert_eq!(primary_key("c"), "c");
        assert_eq!(primary_key("жук"), "_436__443_");
        assert_eq!(primary_key("ærø"), "_e6_r");
        assert_eq!(neighbour_keys("engineer"), ["ng", "eg"]);
        assert_eq!(neighbour_keys("eel"), Vec::<String>::new());
        assert_eq!(neighbour_keys("aaab"), Vec::<String>::new());
    }
}
