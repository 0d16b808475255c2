//! How [`super`] words a line that is out of place: the messages and
//! fixes that name the line, the block it belongs to and the line that
//! shows where it should be.

use super::{words, BlockText, Explained, Open, Shape, Walk};
use crate::guide::yaml::lines::{Line, Value};

impl Walk<'_, '_> {
    /// A line of a block scalar's text is indented less than its first
    /// line: the first line sets the indentation, so one of the two is off.
    pub(super) fn block_text(
        &self,
        b: BlockText,
        f: usize,
        first: usize,
        i: usize,
    ) -> Vec<Explained> {
        let (l, fl) = (&self.lines[i], &self.lines[f]);
        let whose = self.lines[b.owner]
            .key_name()
            .map_or("this text".into(), |k| format!("the text of `{k}`"));
        let (at, near) = (fl.no + self.offset, l.no + self.offset);
        vec![
            Explained {
                line: fl.no,
                column: 1,
                message: format!(
                    "the first line of {whose} is indented {}; the line after it uses {}",
                    words::spaces(first),
                    l.indent
                ),
                help: format!(
                    "indent line {at} with {}, like line {near}: the first line sets the indentation of the whole text",
                    words::spaces(l.indent)
                ),
                fix: vec![(f, words::reindent(fl.text, fl.indent, l.indent))],
            },
            Explained {
                line: l.no,
                column: 1,
                message: format!(
                    "this line of {whose} is indented {}; its first line (line {at}) uses {first}",
                    words::spaces(l.indent)
                ),
                help: format!("indent it with {}, like line {at}", words::spaces(first)),
                fix: vec![(i, words::reindent(l.text, l.indent, first))],
            },
        ]
    }

    /// Line `first` (the only entry of `block`, or a line left outside
    /// the `key:` above it) moved to column `want`, with the lines under
    /// it up to line `until`; `l` is the line that showed the problem.
    pub(super) fn shift(
        &self,
        first: usize,
        until: usize,
        want: usize,
        block: Option<&Open>,
        l: &Line<'_>,
    ) -> Vec<Explained> {
        let f = &self.lines[first];
        let from = f.start();
        let item = block.is_some_and(|b| b.shape == Shape::Seq);
        let (who, is) = (self.name(f, item), words::spaces(from));
        let (shown, near) = (self.name(l, !l.dashes.is_empty()), l.no + self.offset);
        // An item whose fields are out of line with a field below it: the
        // fields are what the author sees.
        let fields = item && f.key.is_some() && l.key.is_some() && l.dashes.is_empty();
        let message = match block.and_then(|b| self.group(b)) {
            _ if fields => {
                let key = self.name(f, false);
                let list = block
                    .and_then(|b| b.owner)
                    .and_then(|o| self.lines[o].key_name());
                let noun = words::item_noun(list.unwrap_or("the list"));
                format!(
                    "{key} is indented {}; the other fields of this {noun} use {}, as {shown} on line {near} does",
                    words::spaces(f.body),
                    f.body + want - from
                )
            }
            Some(g) => format!(
                "{who} is indented {is}; the other {g} use {want}, as {shown} on line {near} does"
            ),
            None if block.is_some() => {
                format!("{who} is indented {is}; the top-level fields are not indented")
            }
            None => {
                let owner = self.empty.map(|(o, _)| &self.lines[o]);
                let name = owner.map_or("the field above".into(), |o| self.name(o, false));
                format!(
                    "{who} is indented {is}, so {name} above it is left empty; its fields use {want}, as {shown} on line {near} does"
                )
            }
        };
        let help = if fields {
            format!(
                "indent the `- ` of line {} with {}, so that {} lines up with {shown}",
                f.no + self.offset,
                words::spaces(want),
                self.name(f, false)
            )
        } else {
            format!(
                "{}, like {shown} on line {near}",
                words::indent_with(&who, want)
            )
        };
        let line_only = vec![(first, words::reindent(f.text, from, want))];
        let mut whole = Vec::new();
        for j in first..until {
            let t = &self.lines[j];
            if !t.text.trim().is_empty() {
                whole.push((j, words::reindent(t.text, from, want)));
            }
        }
        let mut out = vec![Explained {
            line: f.no,
            column: f.column(from),
            message,
            help,
            fix: line_only.clone(),
        }];
        if whole != line_only {
            let mut moved = out[0].clone();
            moved.fix = whole;
            out.push(moved);
        }
        out
    }

    /// Line `i` belongs to `block` but is indented differently.
    pub(super) fn indent(&self, i: usize, block: &Open) -> Explained {
        let l = &self.lines[i];
        let first = &self.lines[block.first];
        let item = block.shape == Shape::Seq;
        let (who, like) = (self.name(l, item), self.name(first, item));
        let is = words::spaces(l.start());
        let message = match self.group(block) {
            Some(g) => format!("{who} is indented {is}; the other {g} use {}", block.col),
            None if block.col == 0 => {
                format!("{who} is indented {is}; the top-level fields are not indented")
            }
            None => format!(
                "{who} is indented {is}; the other top-level fields use {}",
                block.col
            ),
        };
        let help = format!(
            "{}, like {like} on line {}",
            words::indent_with(&who, block.col),
            first.no + self.offset
        );
        Explained {
            line: l.no,
            column: l.column(l.start()),
            message,
            help,
            fix: vec![(i, words::reindent(l.text, l.start(), block.col))],
        }
    }

    /// Line `i` is indented with a tab.
    pub(super) fn tab_indent(&self, i: usize, tab: usize) -> Vec<Explained> {
        let l = &self.lines[i];
        let item = !l.dashes.is_empty();
        let who = self.name(l, item);
        let opener = self.prev.filter(|&p| self.lines[p].opens());
        let (want, like) = match opener {
            Some(p) => (self.owner_col(p) + self.unit(), None),
            None => {
                let shape = if item { Shape::Seq } else { Shape::Map };
                match self.stack.iter().rev().find(|b| b.shape == shape) {
                    Some(b) => (b.col, Some(&self.lines[b.first])),
                    None => (0, None),
                }
            }
        };
        let help = match (like, opener) {
            (Some(first), _) => format!(
                "replace the tab with {}, like {} on line {}",
                words::spaces(want),
                self.name(first, item),
                first.no + self.offset
            ),
            (None, Some(p)) => format!(
                "replace the tab with {} to put {who} under {}",
                words::spaces(want),
                self.name(&self.lines[p], false)
            ),
            (None, None) => format!("replace the tab with {}", words::spaces(want)),
        };
        let body = l.text.trim_start_matches([' ', '\t']);
        vec![Explained {
            line: l.no,
            column: l.column(tab),
            message: format!("{who} is indented with a tab; YAML indentation must be spaces"),
            help,
            fix: vec![(i, format!("{}{body}", " ".repeat(want)))],
        }]
    }

    /// The key of the last line if it holds a plain value: a line without
    /// `:` below it may be that text going on.
    pub(super) fn prev_plain_key(&self) -> Option<(&str, usize)> {
        let p = &self.lines[self.prev?];
        matches!(p.value, Value::Plain { .. })
            .then(|| p.key_name().map(|k| (k, p.no + self.offset)))
            .flatten()
    }

    /// How a line is named in a message: as a list item, its text from
    /// the `- `; else its key, or its text if it has none.
    pub(super) fn name(&self, l: &Line<'_>, item: bool) -> String {
        match l.key_name() {
            Some(k) if !item || l.dashes.is_empty() => format!("`{k}`"),
            _ => format!("`{}`", words::short(l.text.trim())),
        }
    }

    /// "fields of `requirements`", "fields of this salary range", "items
    /// of `skills`"; `None` for the top level.
    pub(super) fn group(&self, block: &Open) -> Option<String> {
        let noun = match block.shape {
            Shape::Map => "fields",
            Shape::Seq => "items",
        };
        if let Some(list) = block.item_of {
            let key = self.lines[list].key_name().unwrap_or("the list");
            return Some(format!("{noun} of this {}", words::item_noun(key)));
        }
        let owner = block.owner?;
        let key = self.lines[owner].key_name()?;
        Some(format!("{noun} of `{key}`"))
    }
}
