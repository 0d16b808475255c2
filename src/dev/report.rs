//! What `watch` and `serve` tell the author after the first build and after
//! each rebuild.
//!
//! In: the site after a rebuild ([`SiteState`]), what the rebuild did
//! ([`RebuildOutcome`]), how long it took and the files that changed. Out:
//! lines on standard error (through [`crate::util::term`], so `--quiet`,
//! `--verbose` and `--color` hold), and the pages that moved
//! ([`Reporter::moves`]), which `serve` also shows in the browser.
//!
//! A warning is printed when it appears, not again on every save while it
//! stands, and a `fixed:` line says when it is gone. Errors are printed on
//! every failed rebuild, since each one keeps the last good site. A guide
//! whose URL changes (its file renamed, or its `slug:` edited) gets the
//! `aliases:` line that keeps the old URL working, until the old URL works
//! again.

use crate::dev::incremental::{RebuildOutcome, SiteState};
use crate::diag::{self, Diagnostic};
use crate::util::layout::Route;
use crate::util::term;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// What identifies a diagnostic from one rebuild to the next: its file,
/// code, field and message, not its line, which moves when lines are added
/// above it.
type Key = (PathBuf, &'static str, String, String);

fn key(d: &Diagnostic) -> Key {
    (
        d.file.clone(),
        d.code.id,
        d.field.clone(),
        d.message.clone(),
    )
}

/// A guide page whose URL changed while nothing serves the old URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Move {
    /// The guide's file now, relative to the root.
    pub file: PathBuf,
    /// The guide's file before, when it was renamed.
    pub from_file: Option<PathBuf>,
    /// The old URL path as `aliases:` writes it: `/guides/old-slug/`.
    pub old: String,
    /// The old page's file in the output: `guides/old-slug/index.html`.
    pub old_page: String,
    /// The new URL path, written the same way.
    pub new: String,
    /// The guide's `aliases:` line with the old URL added, e.g.
    /// `aliases: ["/guides/old-slug/"]`.
    pub aliases: String,
}

impl Move {
    /// What happened and what to do, in two lines and the one to add.
    pub(crate) fn hint(&self) -> String {
        let why = match &self.from_file {
            Some(from) => format!("{} was renamed to {}", from.display(), self.file.display()),
            None => format!("the slug of {} changed", self.file.display()),
        };
        format!(
            "{why}: its page {} is now {}.\n\
             To keep the old URL working, add to the front matter of {}:\n    {}",
            self.old,
            self.new,
            self.file.display(),
            self.aliases
        )
    }
}

/// The URL path `aliases:` gives a guide's page: `/guides/<slug>/`.
fn alias_of(slug: &str) -> String {
    format!("/{}", Route::Guide(slug).url_path())
}

/// Remembers what was said, so that each rebuild says only what is new.
#[derive(Debug, Default)]
pub(crate) struct Reporter {
    /// Whether the first build was reported.
    started: bool,
    /// The diagnostics printed that still stand.
    standing: BTreeMap<Key, Diagnostic>,
    /// The published guides of the last good build: file → slug.
    guides: BTreeMap<PathBuf, String>,
    /// The same guides in the order [`SiteState::guide_urls`] gave them,
    /// when that was all of `guides` (empty otherwise): a save that moves
    /// nothing is told by walking the two side by side.
    listed: Vec<(PathBuf, String)>,
    /// Pages that moved and whose old URL serves nothing yet.
    moves: Vec<Move>,
    /// The diagnostics of the last report, sorted by file: only the files
    /// whose diagnostics differ from these are compared with `standing`.
    last: Arc<Vec<Diagnostic>>,
}

impl Reporter {
    /// The pages that moved and whose old URL serves nothing yet.
    pub(crate) fn moves(&self) -> &[Move] {
        &self.moves
    }

    /// Prints what a build or rebuild found and did. `changed` are the
    /// paths that set it off.
    pub(crate) fn report(
        &mut self,
        state: &SiteState,
        outcome: &RebuildOutcome,
        took: Duration,
        changed: &[PathBuf],
    ) {
        let first = !self.started;
        self.started = true;
        for p in changed {
            let shown = p.strip_prefix(state.root()).unwrap_or(p);
            term::detail(format_args!("read {}", shown.display()));
        }
        if self.nothing_moved(state, outcome) {
            self.diagnostics(state, outcome, &[]);
            return self.finish(state, outcome, took, first);
        }
        let now = self.urls_now(state, outcome);
        self.listed = if outcome.failed {
            Vec::new()
        } else {
            state
                .guide_urls()
                .map(|(f, s, _)| (f.to_path_buf(), s.to_string()))
                .collect()
        };
        let before = std::mem::replace(
            &mut self.guides,
            now.iter()
                .map(|(f, (s, _))| (f.clone(), s.clone()))
                .collect(),
        );
        let pairs = if before.is_empty() {
            Vec::new()
        } else {
            pair_moves(&before, &now)
        };
        let renamed = renamed_files(&before, &now, &pairs);
        self.carry(&renamed);
        self.diagnostics(state, outcome, &renamed);
        if !before.is_empty() {
            self.track_moves(state, outcome, (&before, &now), &pairs, &renamed);
        }
        self.finish(state, outcome, took, first);
    }

    /// Whether no guide came, went or moved and no page move is being
    /// followed: then only the diagnostics are reported (the common save,
    /// where comparing every guide's URL would cost more than the rebuild).
    fn nothing_moved(&self, state: &SiteState, outcome: &RebuildOutcome) -> bool {
        if !self.moves.is_empty() || self.guides.is_empty() || outcome.failed {
            return false;
        }
        let mut listed = self.listed.iter();
        let same = state
            .guide_urls()
            .all(|(f, s, _)| listed.next().is_some_and(|(lf, ls)| lf == f && ls == s));
        same && listed.next().is_none() && self.listed.len() == self.guides.len()
    }

    /// The lines every report ends with: pages written and removed, and
    /// the outcome.
    fn finish(&self, state: &SiteState, outcome: &RebuildOutcome, took: Duration, first: bool) {
        for p in &outcome.written {
            term::detail(format_args!("wrote {p}"));
        }
        for p in &outcome.removed {
            term::detail(format_args!("removed {p}"));
        }
        let ms = took.as_millis();
        let (e, w, g) = (term::ERROR, term::WARNING, term::GOOD);
        if outcome.failed {
            let what = if first { "build" } else { "rebuild" };
            term::say(format_args!(
                "{e}{what} failed:{e:#} {}; {}",
                diag::summary(&outcome.diagnostics),
                if first {
                    "the site appears once the files build. Fix them and save."
                } else {
                    "keeping the last good site. Fix the file and save again."
                }
            ));
            return;
        }
        let warnings = outcome.diagnostics.len();
        let also = match warnings {
            0 => String::new(),
            1 => format!(" ({w}1 warning{w:#})"),
            n => format!(" ({w}{n} warnings{w:#})"),
        };
        if first {
            let guides = state.guide_urls().count();
            let s = if guides == 1 { "" } else { "s" };
            term::note(format_args!(
                "{g}built{g:#} {guides} guide{s} in {ms} ms{also}"
            ));
        } else {
            term::detail(format_args!("took {}", outcome.timings.summary()));
            term::note(format_args!(
                "{g}rebuilt{g:#} in {ms} ms: {} guide page(s) rendered, {} file(s) changed, {} removed{also}",
                outcome.rendered,
                outcome.written.len(),
                outcome.removed.len()
            ));
        }
    }

    /// Prints the errors, the warnings not printed before, and a `fixed:`
    /// line for each one printed before that is gone. Only the files whose
    /// diagnostics changed since the last report (or were `renamed`) are
    /// compared: a large site can stand with tens of thousands of warnings,
    /// most of them the same on every save.
    fn diagnostics(
        &mut self,
        state: &SiteState,
        outcome: &RebuildOutcome,
        renamed: &[(PathBuf, PathBuf)],
    ) {
        let now = &outcome.diagnostics;
        let last = std::mem::replace(&mut self.last, Arc::clone(now));
        let mut changed: BTreeSet<&Path> = if Arc::ptr_eq(&last, now) {
            BTreeSet::new()
        } else {
            files_differing(&last, now)
        };
        for (from, to) in renamed {
            changed.extend([from.as_path(), to.as_path()]);
        }
        // Each file's run is looked up once: a site can stand with tens of
        // thousands of warnings in thousands of files, and few change.
        let mut in_changed: Vec<&Diagnostic> = Vec::new();
        for run in now.chunk_by(|x, y| x.file == y.file) {
            let new = changed.contains(run[0].file.as_path());
            for d in run {
                let fresh = new && !self.standing.contains_key(&key(d));
                if d.is_error() || (fresh && !term::quiet()) {
                    // Styled always: the stream drops the colours where
                    // they are not wanted.
                    let text = diag::render_human_styled(d, state.source(&d.file), true);
                    term::say(text.trim_end_matches('\n'));
                }
            }
            if new {
                in_changed.extend(run);
            }
        }
        if changed.is_empty() {
            return;
        }
        let keys: BTreeSet<Key> = in_changed.iter().map(|d| key(d)).collect();
        // A file with errors may not have been read far enough to show its
        // warnings: they are not fixed until it builds.
        let broken: BTreeSet<&Path> = in_changed
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.file.as_path())
            .collect();
        let mut fixed = Vec::new();
        for file in &changed {
            if broken.contains(file) {
                continue;
            }
            // Keys sort by file first: a file's warnings are one range.
            let from: Key = (file.to_path_buf(), "", String::new(), String::new());
            let gone: Vec<Key> = self
                .standing
                .range(from..)
                .take_while(|(k, _)| k.0 == *file)
                .filter(|(k, _)| !keys.contains(*k))
                .map(|(k, _)| k.clone())
                .collect();
            fixed.extend(gone.iter().filter_map(|k| self.standing.remove(k)));
        }
        let g = term::GOOD;
        for d in fixed {
            term::note(format_args!(
                "{g}fixed:{g:#} {}[{}] in {}: {}",
                d.severity().as_str(),
                d.code,
                d.file.display(),
                d.message
            ));
        }
        for d in in_changed {
            self.standing.entry(key(d)).or_insert_with(|| d.clone());
        }
    }

    /// The published guides now: file → slug and aliases. A rename often
    /// breaks a link by slug, so moves are followed on failed rebuilds
    /// too.
    fn urls_now(&self, state: &SiteState, outcome: &RebuildOutcome) -> Urls {
        let mut now: Urls = state
            .guide_urls()
            .map(|(f, s, a)| (f.to_path_buf(), (s.to_string(), a.to_vec())))
            .collect();
        if outcome.failed {
            // A guide that does not parse is not gone: it keeps its URL
            // until it parses again.
            for d in outcome.diagnostics.iter().filter(|d| d.is_error()) {
                if let (Some(slug), false) = (self.guides.get(&d.file), now.contains_key(&d.file)) {
                    now.insert(d.file.clone(), (slug.clone(), Vec::new()));
                }
            }
        }
        now
    }

    /// The warnings printed about a file that was renamed stand for its new
    /// name: they are not printed again, nor said to be fixed.
    fn carry(&mut self, renamed: &[(PathBuf, PathBuf)]) {
        if renamed.is_empty() {
            return;
        }
        // Keys sort by file first: a file's warnings are one range, and
        // only those move (a site can stand with tens of thousands).
        let mut moved = Vec::new();
        for (from, to) in renamed {
            let start: Key = (from.clone(), "", String::new(), String::new());
            let keys: Vec<Key> = self
                .standing
                .range(start..)
                .take_while(|(k, _)| k.0 == *from)
                .map(|(k, _)| k.clone())
                .collect();
            for k in keys {
                if let Some(d) = self.standing.remove(&k) {
                    moved.push((to, k, d));
                }
            }
        }
        for (to, (_, code, field, message), mut d) in moved {
            d.file.clone_from(to);
            self.standing.insert((to.clone(), code, field, message), d);
        }
    }

    /// Against the guides of the build before (`before`, file → slug): a
    /// page that moved (`pairs`, from [`pair_moves`]) gets the `aliases:`
    /// line that keeps its old URL, and a `fixed:` line once the old URL
    /// works again. `renamed` are the files renamed, whatever their URL.
    fn track_moves(
        &mut self,
        state: &SiteState,
        outcome: &RebuildOutcome,
        (before, now): (&BTreeMap<PathBuf, String>, &Urls),
        pairs: &[(PathBuf, PathBuf, String)],
        renamed: &[(PathBuf, PathBuf)],
    ) {
        // Guides already moved whose file was renamed again, or whose URL
        // moved again.
        for m in &mut self.moves {
            if let Some((_, to)) = renamed.iter().find(|(from, _)| *from == m.file) {
                m.file = to.clone();
            }
            if let Some((slug, _)) = now.get(&m.file) {
                m.new = alias_of(slug);
            }
        }
        let pages = state.pages();
        let mut fresh = Vec::new();
        for (from, to, slug) in pairs {
            let old_slug = &before[from];
            let m = Move {
                file: to.clone(),
                from_file: (from != to).then(|| from.clone()),
                old: alias_of(old_slug),
                old_page: Route::Guide(old_slug).file(),
                new: alias_of(slug),
                aliases: String::new(),
            };
            if !self.moves.iter().any(|k| k.old == m.old) {
                fresh.push(m.old.clone());
                self.moves.push(m);
            }
        }
        let g = term::GOOD;
        self.moves.retain(|m| {
            // After a failed rebuild the pages are the last good ones,
            // where the old page still is.
            let served = !outcome.failed && pages.contains_key(&m.old_page);
            if served {
                term::note(format_args!(
                    "{g}fixed:{g:#} the old URL {} works again",
                    m.old
                ));
            }
            !served && now.contains_key(&m.file) && m.old != m.new
        });
        // Each guide's line lists its own aliases and every old URL it
        // needs, so that the line can replace the one in the file.
        let olds: Vec<(PathBuf, String)> = self
            .moves
            .iter()
            .map(|m| (m.file.clone(), m.old.clone()))
            .collect();
        for m in &mut self.moves {
            let mut list = now[&m.file].1.clone();
            for (file, old) in &olds {
                if *file == m.file && !list.contains(old) {
                    list.push(old.clone());
                }
            }
            let quoted: Vec<String> = list
                .iter()
                .map(|a| serde_json::Value::from(a.as_str()).to_string())
                .collect();
            m.aliases = format!("aliases: [{}]", quoted.join(", "));
        }
        let w = term::WARNING;
        for m in self.moves.iter().filter(|m| fresh.contains(&m.old)) {
            let hint = m.hint().replace('\n', "\n  ");
            term::note(format_args!("{w}moved:{w:#} {hint}"));
        }
    }
}

/// The files whose diagnostics differ between two lists; all their files
/// unless both are sorted by file (errors from templates come last).
fn files_differing<'a>(a: &'a [Diagnostic], b: &'a [Diagnostic]) -> BTreeSet<&'a Path> {
    let sorted = |l: &[Diagnostic]| l.is_sorted_by(|x, y| x.file <= y.file);
    if !sorted(a) || !sorted(b) {
        return a.iter().chain(b).map(|d| d.file.as_path()).collect();
    }
    // Both lists cut into each file's run and walked side by side.
    let mut a = a.chunk_by(|x, y| x.file == y.file).peekable();
    let mut b = b.chunk_by(|x, y| x.file == y.file).peekable();
    let mut out = BTreeSet::new();
    loop {
        let order = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) => x[0].file.cmp(&y[0].file),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => return out,
        };
        match order {
            std::cmp::Ordering::Less => out.extend(a.next().map(|r| r[0].file.as_path())),
            std::cmp::Ordering::Greater => out.extend(b.next().map(|r| r[0].file.as_path())),
            std::cmp::Ordering::Equal => {
                if let (Some(x), Some(y)) = (a.next(), b.next()) {
                    if x != y {
                        out.insert(x[0].file.as_path());
                    }
                }
            }
        }
    }
}

/// The published guides of a build: file → slug and `aliases:`.
type Urls = BTreeMap<PathBuf, (String, Vec<String>)>;

/// The files of two builds side by side, each once: the files only
/// before, those only now, and those of both, with what each build gave.
/// Both maps are in file order, so they are walked together rather than
/// one looked up in the other for every guide (a file path compares
/// component by component, and a site has thousands).
enum Side<'a> {
    Before(&'a PathBuf, &'a String),
    Now(&'a PathBuf, &'a (String, Vec<String>)),
    Both(&'a PathBuf, &'a String, &'a (String, Vec<String>)),
}

fn sides<'a>(before: &'a BTreeMap<PathBuf, String>, now: &'a Urls) -> Vec<Side<'a>> {
    let mut out = Vec::with_capacity(before.len().max(now.len()));
    let (mut a, mut b) = (before.iter().peekable(), now.iter().peekable());
    loop {
        let side = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) => x.0.cmp(y.0),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => return out,
        };
        out.push(match side {
            std::cmp::Ordering::Less => {
                let Some((f, s)) = a.next() else { return out };
                Side::Before(f, s)
            }
            std::cmp::Ordering::Greater => {
                let Some((f, u)) = b.next() else { return out };
                Side::Now(f, u)
            }
            std::cmp::Ordering::Equal => {
                let (Some((f, s)), Some((_, u))) = (a.next(), b.next()) else {
                    return out;
                };
                Side::Both(f, s, u)
            }
        });
    }
}

/// The guide files renamed between two builds, as (before, now): those of
/// `pairs` ([`pair_moves`]) and those whose slug (and so URL) stayed, such
/// as a guide moved to another folder.
fn renamed_files(
    before: &BTreeMap<PathBuf, String>,
    now: &Urls,
    pairs: &[(PathBuf, PathBuf, String)],
) -> Vec<(PathBuf, PathBuf)> {
    let mut out: Vec<(PathBuf, PathBuf)> = pairs
        .iter()
        .filter(|(from, to, _)| from != to)
        .map(|(from, to, _)| (from.clone(), to.clone()))
        .collect();
    let sides = sides(before, now);
    let came: Vec<(&PathBuf, &String)> = sides
        .iter()
        .filter_map(|s| match s {
            Side::Now(f, (slug, _)) => Some((*f, slug)),
            _ => None,
        })
        .collect();
    for side in &sides {
        let Side::Before(file, slug) = side else {
            continue;
        };
        if let Some((to, _)) = came.iter().find(|(_, s)| s == slug) {
            out.push(((*file).clone(), (*to).clone()));
        }
    }
    out
}

/// The guides whose URL changed between two builds, as (file before, file
/// now, slug now): a file whose slug changed, and a file gone paired with
/// a file new, by file name, else when exactly one went and one came.
fn pair_moves(before: &BTreeMap<PathBuf, String>, now: &Urls) -> Vec<(PathBuf, PathBuf, String)> {
    let slugs_now: BTreeSet<&str> = now.values().map(|(s, _)| s.as_str()).collect();
    let mut pairs = Vec::new();
    let mut gone = Vec::new();
    let mut came: Vec<(&PathBuf, &String)> = Vec::new();
    for side in sides(before, now) {
        match side {
            Side::Both(file, slug, (s, _)) if s != slug && !slugs_now.contains(slug.as_str()) => {
                pairs.push((file.clone(), file.clone(), s.clone()));
            }
            Side::Both(..) => {}
            Side::Before(file, slug) if !slugs_now.contains(slug.as_str()) => gone.push(file),
            Side::Before(..) => {}
            Side::Now(file, (slug, _)) => came.push((file, slug)),
        }
    }
    gone.retain(|from| {
        let Some(i) = came
            .iter()
            .position(|(to, _)| to.file_name() == from.file_name())
        else {
            return true;
        };
        let (to, slug) = came.remove(i);
        pairs.push(((*from).clone(), to.clone(), slug.clone()));
        false
    });
    if let ([from], [(to, slug)]) = (&gone[..], &came[..]) {
        pairs.push(((*from).clone(), (*to).clone(), (*slug).clone()));
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now(list: &[(&str, &str)]) -> BTreeMap<PathBuf, (String, Vec<String>)> {
        list.iter()
            .map(|(f, s)| (PathBuf::from(f), (s.to_string(), Vec::new())))
            .collect()
    }

    #[test]
    fn renames_and_slug_changes_pair_up() {
        let before: BTreeMap<PathBuf, String> = [("guides/a.md", "a"), ("guides/b.md", "b")]
            .iter()
            .map(|(f, s)| (PathBuf::from(f), s.to_string()))
            .collect();
        // One file renamed: paired although the names differ.
        let pairs = pair_moves(&before, &now(&[("guides/a.md", "a"), ("guides/c.md", "c")]));
        assert_eq!(
            pairs,
            [("guides/b.md".into(), "guides/c.md".into(), "c".into())]
        );
        // A slug edited in place.
        let pairs = pair_moves(&before, &now(&[("guides/a.md", "x"), ("guides/b.md", "b")]));
        assert_eq!(
            pairs,
            [("guides/a.md".into(), "guides/a.md".into(), "x".into())]
        );
        // A folder moved with the file name (and so the slug) kept: no
        // URL changed.
        let pairs = pair_moves(
            &before,
            &now(&[("guides/a.md", "a"), ("guides/eng/b.md", "b")]),
        );
        assert!(pairs.is_empty(), "{pairs:?}");
        // A guide deleted and another added at once is still one pair;
        // two and two are paired only by name.
        let pairs = pair_moves(&before, &now(&[("guides/c.md", "c"), ("guides/d.md", "d")]));
        assert!(pairs.is_empty(), "{pairs:?}");
    }

    #[test]
    fn a_guide_moved_to_another_folder_keeps_its_warnings() {
        let before: BTreeMap<PathBuf, String> = [("guides/a.md", "a"), ("guides/b.md", "b")]
            .iter()
            .map(|(f, s)| (PathBuf::from(f), s.to_string()))
            .collect();
        let after = now(&[("guides/a.md", "a"), ("guides/eng/b.md", "b")]);
        let pairs = pair_moves(&before, &after);
        assert_eq!(
            renamed_files(&before, &after, &pairs),
            [("guides/b.md".into(), "guides/eng/b.md".into())]
        );
        let after = now(&[("guides/a.md", "a"), ("guides/c.md", "c")]);
        let pairs = pair_moves(&before, &after);
        assert_eq!(
            renamed_files(&before, &after, &pairs),
            [("guides/b.md".into(), "guides/c.md".into())]
        );
    }

    #[test]
    fn files_differing_names_each_file_whose_run_changed() {
        use crate::diag::codes::{W0503, W0901};
        let d = |file: &str, line: usize, code| Diagnostic::new(file, line, 1, "title", code, "m");
        let before = [
            d("guides/a.md", 1, W0901),
            d("guides/b.md", 2, W0901),
            d("guides/b.md", 3, W0503),
            d("guides/d.md", 1, W0901),
        ];
        let now = [
            d("guides/a.md", 1, W0901),
            d("guides/b.md", 2, W0901),
            d("guides/c.md", 1, W0503),
            d("guides/d.md", 2, W0901),
            d("guides/e.md", 1, W0901),
        ];
        let got: Vec<&Path> = files_differing(&before, &now).into_iter().collect();
        let want: Vec<&Path> = ["guides/b.md", "guides/c.md", "guides/d.md", "guides/e.md"]
            .iter()
            .map(Path::new)
            .collect();
        assert_eq!(got, want);
        // Either way round, and nothing when the lists are the same.
        let got: Vec<&Path> = files_differing(&now, &before).into_iter().collect();
        assert_eq!(got, want);
        assert!(files_differing(&now, &now).is_empty());
        // A list not sorted by file (template errors last) names every file.
        let unsorted = [d("guides/b.md", 1, W0901), d("guides/a.md", 1, W0901)];
        assert_eq!(files_differing(&unsorted, &unsorted).len(), 2);
    }

    #[test]
    fn the_hint_names_the_line_to_add() {
        let m = Move {
            file: "guides/new.md".into(),
            from_file: Some("guides/old.md".into()),
            old: alias_of("old"),
            old_page: Route::Guide("old").file(),
            new: alias_of("new"),
            aliases: "aliases: [\"/guides/old/\"]".into(),
        };
        assert_eq!(
            m.hint(),
            "guides/old.md was renamed to guides/new.md: its page /guides/old/ is now /guides/new/.\n\
             To keep the old URL working, add to the front matter of guides/new.md:\n    \
             aliases: [\"/guides/old/\"]"
        );
        assert_eq!(m.old_page, "guides/old/index.html");
    }
}
