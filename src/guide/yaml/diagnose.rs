//! Why the YAML parser stopped, in an author's words: the text and the
//! parser's error in, the line and column where the author must act, a
//! message and a help that says what to type out (or nothing, when the
//! text around the error matches no known mistake).
//!
//! The parser is kept; this only reads the lines around where it stopped
//! ([`super::lines`]) and follows the block structure from the top, as an
//! author sees it: which fields and list items sit at which indentation.
//! The first line that breaks that structure, or a line with a mistake of
//! its own (a tab, an unclosed quote, text after a closing quote), is the
//! suspect. Each suspect comes with the edit that would fix it, and is only
//! reported if the parser, given the edited text, gets past the point where
//! it stopped ([`super::stopped`]): the explanation never names a line
//! that is not at fault.

use super::lines::{lines, Line, Value};

/// A mistake found, with where to fix it and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Explained {
    /// 1-based line in the YAML text.
    pub(super) line: usize,
    /// 1-based column.
    pub(super) column: usize,
    pub(super) message: String,
    pub(super) help: String,
    /// The lines to replace (0-based index, new text) to fix it.
    fix: Vec<(usize, String)>,
}

impl Explained {
    /// The text with the fix applied, or `None` when the fix changes
    /// nothing (so it cannot be what is wrong).
    pub(super) fn fixed(&self, text: &str) -> Option<String> {
        let mut out = String::with_capacity(text.len() + 16);
        let mut changed = false;
        let mut sorted: Vec<&(usize, String)> = self.fix.iter().collect();
        sorted.sort_by_key(|(at, _)| *at);
        let mut fix = sorted.into_iter().peekable();
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                out.push('\n');
            }
            match fix.peek() {
                Some((at, new)) if *at == i => {
                    changed |= new != line;
                    out.push_str(new);
                    fix.next();
                }
                _ => out.push_str(line),
            }
        }
        changed.then_some(out)
    }
}

/// Every explanation of the first mistake in `text` up to line `limit`
/// (1-based), most likely first. `offset` is added to line numbers that
/// the help names (the lines before the YAML text in its file).
pub(super) fn explain(text: &str, limit: usize, offset: usize) -> Vec<Explained> {
    let all = lines(text);
    let mut walk = Walk::new(&all, offset);
    walk.stop = limit;
    for (i, l) in all.iter().enumerate() {
        if l.no > limit.saturating_add(1) {
            break;
        }
        let mut found = walk.line(i);
        if !found.is_empty() {
            // The earliest line first: what comes after a mistake follows
            // from it. The order otherwise stays as found.
            found.sort_by_key(|e| e.line);
            return found;
        }
    }
    Vec::new()
}

/// How irregular the indentation of `text` is: the number of nested
/// blocks not indented by the file's usual step, plus 1000 if its
/// structure breaks somewhere. Of two fixes that both read, the one that
/// leaves the file more regular is the likelier.
pub(super) fn irregularity(text: &str) -> usize {
    let all = lines(text);
    let mut walk = Walk::new(&all, 0);
    let broken = (0..all.len()).any(|i| !walk.line(i).is_empty());
    let total: usize = walk.steps.iter().sum();
    let usual = walk.steps.iter().max().copied().unwrap_or(0);
    total - usual + if broken { 1000 } else { 0 }
}

/// How often, in the whole text, the lines below a `key:` or `- ` with
/// nothing after it are indented 1..=8 more than it.
fn steps(lines: &[Line<'_>]) -> [usize; 9] {
    let mut steps = [0; 9];
    let content: Vec<&Line<'_>> = lines.iter().filter(|l| !l.blank).collect();
    for pair in content.windows(2) {
        let (p, next) = (pair[0], pair[1]);
        if !p.opens() || next.tab.is_some() {
            continue;
        }
        let owner = if p.key.is_some() {
            p.body
        } else {
            p.dashes.last().copied().unwrap_or(p.body)
        };
        if let Some(step) = next.start().checked_sub(owner) {
            if (1..steps.len()).contains(&step) {
                steps[step] += 1;
            }
        }
    }
    steps
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Map,
    Seq,
}

/// A block mapping or sequence open at some indentation.
#[derive(Debug, Clone)]
struct Open {
    shape: Shape,
    /// The column of its keys or dashes.
    col: usize,
    /// Its first line (index).
    first: usize,
    /// How many lines start an entry of it.
    members: usize,
    /// The line whose `key:` it is the value of.
    owner: Option<usize>,
    /// For the mapping of a list item: the list's owner line.
    item_of: Option<usize>,
}

/// The text of a block scalar (`|`, `>`) being read.
#[derive(Debug, Clone, Copy)]
struct BlockText {
    /// Its lines are indented beyond this column.
    col: usize,
    /// The line with the `|`.
    owner: usize,
    /// Its first line and that line's indentation.
    first: Option<(usize, usize)>,
}

struct Walk<'l, 't> {
    lines: &'l [Line<'t>],
    offset: usize,
    stack: Vec<Open>,
    /// The last line that was content (not blank, not a continuation).
    prev: Option<usize>,
    /// A plain scalar whose text may go on below: the column its lines
    /// must be indented beyond.
    scalar: Option<usize>,
    /// Inside a quote or flow collection going on below: the column its
    /// lines must be indented beyond.
    flow: Option<usize>,
    block: Option<BlockText>,
    /// A value on a line of its own (no `key:`, no `- `) below a `key:`.
    lone: Option<usize>,
    /// The last line that closed blocks, with the blocks it closed.
    closer: Option<(usize, Vec<Open>)>,
    /// A `key:` with nothing under it, and the line after it.
    empty: Option<(usize, usize)>,
    /// How often a nested block is indented by 1..=8 more than its owner
    /// ([`steps`]).
    steps: [usize; 9],
    /// The line where the parser stopped (0 when not known).
    stop: usize,
}

impl<'l, 't> Walk<'l, 't> {
    fn new(lines: &'l [Line<'t>], offset: usize) -> Walk<'l, 't> {
        Walk {
            lines,
            offset,
            stack: Vec::new(),
            prev: None,
            scalar: None,
            flow: None,
            block: None,
            lone: None,
            closer: None,
            empty: None,
            steps: steps(lines),
            stop: 0,
        }
    }

    /// Follows line `i`; returns the explanations if it breaks the structure.
    fn line(&mut self, i: usize) -> Vec<Explained> {
        let l = &self.lines[i];
        if l.blank {
            return Vec::new();
        }
        let start = l.start();
        if let Some(col) = self.flow {
            if start > col {
                return Vec::new();
            }
            self.flow = None;
        }
        if let Some(mut b) = self.block {
            if start > b.col {
                return match b.first {
                    None => {
                        b.first = Some((i, l.indent));
                        self.block = Some(b);
                        Vec::new()
                    }
                    Some((_, first)) if l.indent >= first => Vec::new(),
                    Some((f, first)) => {
                        let mut found = self.block_text(b, f, first, i);
                        let text_lines = (f + 1..self.lines.len())
                            .take_while(|&j| self.lines[j].blank || self.lines[j].start() > b.col);
                        let alike = text_lines.filter(|&j| {
                            j != i && !self.lines[j].blank && self.lines[j].indent == first
                        });
                        if alike.count() > 0 {
                            // The first line is not alone in its indentation.
                            found.remove(0);
                        }
                        found
                    }
                };
            }
            self.block = None;
        }
        if let Some(col) = self.scalar {
            // A plain scalar's text goes on while lines are indented
            // beyond it, unless a line holds a `key: ` or starts an item.
            if start > col && l.tab.is_none() && l.key.is_none() && l.dashes.is_empty() {
                return Vec::new();
            }
        }
        if let Some(found) = self.own_mistake(i) {
            return found;
        }
        let found = self.place(i);
        if !found.is_empty() {
            return found;
        }
        self.after(i);
        Vec::new()
    }

    /// Mistakes a line makes on its own.
    fn own_mistake(&self, i: usize) -> Option<Vec<Explained>> {
        let l = &self.lines[i];
        if let Some(tab) = l.tab {
            return Some(self.tab_indent(i, tab));
        }
        if let Some(tab) = l.tab_after_colon {
            return Some(vec![words::tab_after_colon(l, tab)]);
        }
        match l.value {
            Value::Quoted {
                at,
                quote,
                closed: None,
            } if self.stop == l.no || !self.closes_below(i, quote) => {
                return Some(vec![words::unclosed_quote(l, at, quote)]);
            }
            Value::Flow {
                at,
                open,
                closed: None,
            } if self.stop == l.no || !self.closes_below(i, open) => {
                return Some(vec![words::unclosed_flow(l, at, open)]);
            }
            Value::Plain { colon: Some(c) } => return Some(vec![words::colon_in_value(l, c)]),
            _ => {}
        }
        // `-item` among `- item` lines: the dash needs its space.
        let after_dash = l.text.as_bytes().get(l.body + 1);
        let listed = self
            .prev
            .is_some_and(|p| self.lines[p].dashes.first() == Some(&l.body));
        if l.dashes.is_empty()
            && listed
            && l.text[l.body..].starts_with('-')
            && after_dash.is_some_and(|b| b.is_ascii_alphabetic())
        {
            return Some(vec![words::dash_space(l)]);
        }
        l.stray.map(|at| vec![words::stray(l, at)])
    }

    /// Whether a quote or flow collection opened on line `i` ends on one of
    /// the lines below, before a `key:` or `- ` line as far left as line
    /// `i` (which shows the author went on with the next field).
    fn closes_below(&self, i: usize, open: u8) -> bool {
        let own = self.lines[i].start();
        let mut depth = 1usize;
        for l in &self.lines[i + 1..] {
            let structure = l.key.is_some() || !l.dashes.is_empty();
            if structure && l.indent <= own {
                return false;
            }
            for b in l.text.bytes() {
                match (open, b) {
                    (b'"' | b'\'', q) if q == open => return true,
                    (b'[', b'[') | (b'{', b'{') => depth += 1,
                    (b'[', b']') | (b'{', b'}') => {
                        depth -= 1;
                        if depth == 0 {
                            return true;
                        }
                    }
                    _ => {}
                }
            }
        }
        false
    }

    /// Checks where line `i` sits among the blocks open above it.
    fn place(&mut self, i: usize) -> Vec<Explained> {
        let l = &self.lines[i];
        let at = l.start();
        let item = !l.dashes.is_empty();
        // A value on its own line, then a field beside it: the value was
        // meant as a field too.
        if let Some(s) = self.lone {
            if at >= self.lines[s].start() && (l.key.is_some() || item) {
                return vec![words::missing_colon(&self.lines[s], None)];
            }
        }
        // A value on the lines below a `key:` or `- `.
        if let Some(p) = self.prev.filter(|&p| self.lines[p].opens()) {
            let owner = self.owner_col(p);
            let compact = item && at == owner && self.lines[p].dashes.is_empty();
            if at > owner || compact {
                if !item && l.key.is_none() {
                    self.scalar = Some(owner);
                    self.lone = Some(i);
                    if l.value == Value::Block {
                        self.block = Some(BlockText {
                            col: owner,
                            owner: i,
                            first: None,
                        });
                    }
                    return Vec::new();
                }
                let shape = if item { Shape::Seq } else { Shape::Map };
                self.stack.push(Open {
                    shape,
                    col: at,
                    first: i,
                    members: 0,
                    owner: Some(p),
                    item_of: None,
                });
                return Vec::new();
            }
            if self.lines[p].dashes.is_empty() {
                self.empty = Some((p, i));
            }
        }
        let mut popped = Vec::new();
        while self.stack.last().is_some_and(|top| top.col > at) {
            popped.extend(self.stack.pop());
        }
        let Some(top) = self.stack.last().cloned() else {
            if !popped.is_empty() {
                return self.misplaced(i, None, &popped);
            }
            if !item && l.key.is_none() {
                self.scalar = Some(at);
                self.lone = Some(i);
                return Vec::new();
            }
            let shape = if item { Shape::Seq } else { Shape::Map };
            self.stack.push(Open {
                shape,
                col: at,
                first: i,
                members: 0,
                owner: None,
                item_of: None,
            });
            return Vec::new();
        };
        if top.col < at {
            return self.misplaced(i, Some(&top), &popped);
        }
        let fits = match (top.shape, item) {
            (Shape::Seq, true) => true,
            // An item among fields: fine only right below a `key:`.
            (Shape::Map, true) => {
                let found = self.misplaced(i, Some(&top), &popped);
                if !found.is_empty() {
                    return found;
                }
                true
            }
            (Shape::Map, false) => l.key.is_some(),
            (Shape::Seq, false) => {
                let below = self.stack.len().checked_sub(2).map(|b| &self.stack[b]);
                if below.is_some_and(|b| b.shape == Shape::Map && b.col == at) {
                    // `key:` then `- item` at the key's own column: the
                    // list ends at the next key.
                    self.stack.pop();
                    l.key.is_some()
                } else {
                    let mut found = self.misplaced(i, Some(&top), &popped);
                    let owner = top.owner.map(|o| &self.lines[o]);
                    let first = &self.lines[top.first];
                    let not_item = words::not_an_item(l, owner, first, self.offset);
                    // A field just left of the item's other fields is one
                    // of them; anything else at the items' column is most
                    // likely an item without its `- `.
                    let field = l.key.is_some() && popped.iter().any(|b| b.item_of.is_some());
                    if field {
                        found.push(not_item);
                    } else {
                        found.insert(0, not_item);
                    }
                    return found;
                }
            }
        };
        if !fits {
            let mut found = self.misplaced(i, Some(&top), &popped);
            found.push(words::missing_colon(l, self.prev_plain_key()));
            return found;
        }
        if popped.is_empty() {
            self.closer = None;
        } else {
            self.closer = Some((i, popped));
        }
        Vec::new()
    }

    /// Every way line `i` may be out of place: it is indented unlike the
    /// block it belongs to (`inner`, a block it closed, or `outer`, the
    /// innermost still open), or an earlier line is.
    fn misplaced(&self, i: usize, outer: Option<&Open>, inner: &[Open]) -> Vec<Explained> {
        let l = &self.lines[i];
        let at = l.start();
        let item = !l.dashes.is_empty();
        let fits = |b: &Open| (b.shape == Shape::Seq) == item;
        let mut found = Vec::new();
        // The first line of a block may be the odd one, indented unlike
        // the file's habit, with this line where it should have been.
        let recent = inner.iter().chain(self.stack.iter().rev()).take(4);
        for b in recent.filter(|b| b.members <= 1) {
            if let Some(want) = self.habit(b) {
                if want != b.col {
                    found.extend(self.shift(b.first, i, want, Some(b), l));
                }
            }
        }
        // The line that closed a block just above may have been meant
        // inside it.
        if let (Some((p, closed)), Some(o)) = (&self.closer, outer) {
            let pl = &self.lines[*p];
            if self.prev == Some(*p) && !pl.opens() && pl.start() == o.col && at > o.col {
                for b in closed
                    .iter()
                    .filter(|b| (b.shape == Shape::Seq) != pl.dashes.is_empty())
                {
                    found.push(self.indent(*p, b));
                }
            }
        }
        // A `key:` left empty because the line after it is not indented.
        if let Some((o, next)) = self.empty {
            let want = self.owner_col(o) + self.unit();
            if at == want {
                found.extend(self.shift(next, i, want, None, l));
            }
        }
        let open = self.stack.iter().rev().skip(usize::from(outer.is_some()));
        for b in inner
            .iter()
            .chain(outer)
            .chain(open)
            .take(6)
            .filter(|b| fits(b))
        {
            found.push(self.indent(i, b));
        }
        found
    }

    /// Where `block` should start by the file's habit: its owner's column
    /// plus the usual step, or 0 for the top level; `None` for the fields
    /// of a list item, which start where their `- ` puts them.
    fn habit(&self, block: &Open) -> Option<usize> {
        if block.item_of.is_some() {
            return None;
        }
        match block.owner {
            Some(o) => Some(self.owner_col(o) + self.unit()),
            None => self
                .stack
                .first()
                .map_or(Some(0), |root| (root.first == block.first).then_some(0)),
        }
    }

    /// The column a value below line `p` must be indented beyond.
    fn owner_col(&self, p: usize) -> usize {
        let l = &self.lines[p];
        if l.key.is_some() {
            l.body
        } else {
            l.dashes.last().copied().unwrap_or(l.body)
        }
    }

    /// The file's habit: how far a nested block is indented beyond its
    /// owner (2 when nothing says).
    fn unit(&self) -> usize {
        let mut best = (0, 2);
        for (step, &n) in self.steps.iter().enumerate() {
            if n > best.0 {
                best = (n, step);
            }
        }
        best.1
    }

    /// Takes line `i` in once it fits: counts it as a member of its block
    /// and opens the blocks it starts.
    fn after(&mut self, i: usize) {
        let l = &self.lines[i];
        self.prev = Some(i);
        if l.key.is_none() && l.dashes.is_empty() {
            // A value on its own line: `place` noted where it may go on.
            return;
        }
        self.lone = None;
        let at = l.start();
        if let Some((o, n)) = self.empty {
            if n != i && at <= self.lines[o].start() {
                self.empty = None;
            }
        }
        if let Some(top) = self.stack.last_mut() {
            if top.col == at {
                top.members += 1;
            }
        }
        // `- - x` and `- key: v`: the blocks inside the item.
        let list_owner = self.stack.last().and_then(|b| b.owner);
        for &d in l.dashes.iter().skip(1) {
            self.stack.push(Open {
                shape: Shape::Seq,
                col: d,
                first: i,
                members: 1,
                owner: None,
                item_of: None,
            });
        }
        if !l.dashes.is_empty() && l.key.is_some() {
            self.stack.push(Open {
                shape: Shape::Map,
                col: l.body,
                first: i,
                members: 1,
                owner: None,
                item_of: list_owner.filter(|_| l.dashes.len() == 1),
            });
        }
        self.scalar = None;
        let own = self.owner_col(i);
        match l.value {
            Value::Plain { .. } => self.scalar = Some(own),
            Value::Block => {
                self.block = Some(BlockText {
                    col: own,
                    owner: i,
                    first: None,
                });
            }
            Value::Quoted { closed: None, .. } | Value::Flow { closed: None, .. } => {
                self.flow = Some(l.start());
            }
            _ => {}
        }
    }
}

mod blame;
mod words;

#[cfg(test)]
mod tests;
