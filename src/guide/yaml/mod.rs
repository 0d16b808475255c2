//! The YAML reader: YAML text in, a marked tree ([`Node`]) out, or a
//! [`YamlError`] at the line and column where reading stopped.
//!
//! Every YAML file careerbook reads (`site.yaml` and the front matter of
//! each guide) goes through [`parse_tree`]: the tree keeps the line and
//! column of every key and value, the schema walk ([`crate::guide::walk`])
//! checks it, and the typed model is built from it
//! ([`crate::guide::resolve::to_json`]). The tree holds scalars as written;
//! [`crate::guide::resolve`] decides what a plain scalar means.
//!
//! Aliases are expanded here, so nothing downstream sees one: an alias
//! (`*name`) becomes a copy of the value anchored as `&name`. The copy
//! starts at the alias; the values inside it keep the positions of the
//! anchored text, which is where a problem in them can be fixed. Reading
//! stays bounded: nesting deeper than [`MAX_DEPTH`] (aliases included) and
//! aliases that would copy more than [`MAX_ALIAS_NODES`] values in all are
//! errors, and the parser's events are pulled one by one, so nothing
//! recurses deeper than the nesting cap.

use std::collections::HashMap;
use typing::Plain;
use yaml_rust2::parser::{Event, Parser, Tag};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// Nesting deeper than this is rejected while the tree is built.
pub const MAX_DEPTH: usize = 64;

/// The most values (keys, items and scalars) that expanding the aliases of
/// one document may add to its tree: far beyond any real guide, and small
/// enough that an alias bomb ("billion laughs") fails in milliseconds.
pub const MAX_ALIAS_NODES: usize = 100_000;

/// A read failure with its 1-based position in the YAML text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// 1-based line in the YAML text (0 when unknown).
    pub line: usize,
    /// 1-based column (0 when unknown).
    pub column: usize,
    /// What went wrong.
    pub message: String,
    /// What to type to fix it, when careerbook can tell.
    pub help: Option<String>,
}

impl YamlError {
    /// An error without help.
    pub(super) fn at(line: usize, column: usize, message: impl Into<String>) -> YamlError {
        YamlError {
            line,
            column,
            message: message.into(),
            help: None,
        }
    }
}

/// The shape of a node in the marked tree.
#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    /// A scalar with its text; `quoted` is true for quoted and block scalars,
    /// which are always strings.
    Scalar {
        /// The scalar's text.
        value: String,
        /// Whether it was quoted (so `"12"` is a string, `12` a number).
        quoted: bool,
    },
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, in document order.
    Map(Vec<(Node, Node)>),
}

/// A YAML node with the position of its first character.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// What the node holds.
    pub kind: NodeKind,
    /// 1-based line in the YAML text.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

/// A step in a field path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seg<'a> {
    /// A mapping key.
    Key(&'a str),
    /// A sequence index.
    Index(usize),
}

/// Renders a field path the way authors read it: `salary.ranges[1].max`.
pub fn path_string(path: &[Seg<'_>]) -> String {
    let mut s = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            Seg::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    s
}

impl Node {
    /// The value under `key` in a mapping, with the key node.
    pub fn entry(&self, key: &str) -> Option<(&Node, &Node)> {
        match &self.kind {
            NodeKind::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.as_str() == Some(key))
                .map(|(k, v)| (k, v)),
            _ => None,
        }
    }

    /// The node at a path, or the deepest ancestor that exists.
    pub fn at(&self, path: &[Seg<'_>]) -> &Node {
        let mut node = self;
        for seg in path {
            let next = match (seg, &node.kind) {
                (Seg::Key(k), NodeKind::Map(_)) => node.entry(k).map(|(_, v)| v),
                (Seg::Index(i), NodeKind::Seq(items)) => items.get(*i),
                _ => None,
            };
            match next {
                Some(n) => node = n,
                None => break,
            }
        }
        node
    }

    /// The scalar text, if this is a scalar.
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Scalar { value, .. } => Some(value),
            _ => None,
        }
    }

    /// The child in `slot`: a sequence's item, or for a mapping the key
    /// (`2 * i`) or value (`2 * i + 1`) of entry `i`.
    fn child(&self, slot: usize) -> Option<&Node> {
        match &self.kind {
            NodeKind::Seq(items) => items.get(slot),
            NodeKind::Map(entries) => {
                let (key, value) = entries.get(slot / 2)?;
                Some(if slot.is_multiple_of(2) { key } else { value })
            }
            NodeKind::Scalar { .. } => None,
        }
    }
}

/// Reads YAML text into a marked tree with its aliases expanded. An empty
/// document yields `None`. Duplicate keys are kept in document order: the
/// schema walk reports them with their field path.
pub fn parse_tree(text: &str) -> Result<Option<Node>, YamlError> {
    parse_tree_at(text, 0)
}

/// [`parse_tree`] for YAML text that starts after `line_offset` lines of
/// its file (a guide's opening `---`): the help of an error names lines
/// of the file. The error's own line stays a line of `text`.
pub fn parse_tree_at(text: &str, line_offset: usize) -> Result<Option<Node>, YamlError> {
    // One pass over the bytes for both checks: this runs on every guide.
    if check_depth(text)? {
        check_characters(text)?;
    }
    let mut builder = Builder::default();
    let mut parser = Parser::new_from_str(text);
    // Pull events one by one rather than through `Parser::load`, which
    // recurses once per nesting level and can overflow the stack on hostile
    // input before any depth check runs.
    loop {
        let (ev, mark) = parser
            .next_token()
            .map_err(|e| stopped::scan_error(text, &e, line_offset))?;
        match ev {
            Event::StreamEnd => break,
            // The text is read to its end, so a stray `]` or an unclosed
            // quote after the first value is an error, not ignored.
            Event::DocumentEnd => {
                let (next, mark) = parser
                    .next_token()
                    .map_err(|e| stopped::scan_error(text, &e, line_offset))?;
                if !matches!(next, Event::StreamEnd) {
                    return Err(YamlError::at(
                        mark.line(),
                        mark.col() + 1,
                        "a second YAML document starts here; front matter is one \
                         mapping of `field: value` lines",
                    ));
                }
                break;
            }
            ev => builder.on_event(ev, mark, text)?,
        }
    }
    Ok(builder.root)
}

/// The comment on one line of YAML text (from its `#`), if it has one: a
/// `#` that starts the line's content or follows white space, outside
/// quotes.
pub fn comment(line: &str) -> Option<&str> {
    let read = lines::read(0, line);
    read.comment.and_then(|at| line.get(at..))
}

/// The standard tags' prefix: `!!int` is `tag:yaml.org,2002:int`.
const CORE: &str = "tag:yaml.org,2002:";

/// What a tag on a scalar asks for.
enum ScalarTag {
    /// `!!str`, or the non-specific `!`: the value is text.
    Text,
    /// `!!int`, `!!float`, `!!bool`, `!!null` (the suffix): read as a plain
    /// value, which must be of that type.
    Typed(&'static str),
}

fn scalar_tag(tag: &Tag, line: usize, column: usize) -> Result<ScalarTag, YamlError> {
    if tag.handle.is_empty() && tag.suffix == "!" {
        return Ok(ScalarTag::Text);
    }
    match (tag.handle == CORE, tag.suffix.as_str()) {
        (true, "str") => Ok(ScalarTag::Text),
        (true, "int") => Ok(ScalarTag::Typed("int")),
        (true, "float") => Ok(ScalarTag::Typed("float")),
        (true, "bool") => Ok(ScalarTag::Typed("bool")),
        (true, "null") => Ok(ScalarTag::Typed("null")),
        _ => Err(unknown_tag(tag, line, column)),
    }
}

/// The value of a scalar tagged `!!int`, `!!float`, `!!bool` or `!!null`
/// (`want`), which must be one: `!!int abc` is not valid YAML. An integer
/// written with leading zeros is read as the integer it names, as the tag
/// asks, though untagged it stays text.
fn typed(value: String, want: &str, line: usize, column: usize) -> Result<String, YamlError> {
    let value = if want == "int" {
        let (sign, digits) = match value.strip_prefix(['-', '+']) {
            Some(rest) => (&value[..1], rest),
            None => ("", value.as_str()),
        };
        let trimmed = digits.trim_start_matches('0');
        if digits.len() > 1
            && trimmed.len() < digits.len()
            && digits.bytes().all(|b| b.is_ascii_digit())
        {
            let trimmed = if trimmed.is_empty() { "0" } else { trimmed };
            format!("{sign}{trimmed}")
        } else {
            value
        }
    } else {
        value
    };
    let fits = matches!(
        (want, typing::plain(&value)),
        ("int", Plain::Int(_))
            | ("float", Plain::Int(_) | Plain::Num(_))
            | ("bool", Plain::Bool(_))
            | ("null", Plain::Null)
    );
    if fits {
        return Ok(value);
    }
    let what = match want {
        "int" => "an integer",
        "float" => "a number",
        "bool" => "`true` or `false`",
        _ => "empty (`~` or `null`)",
    };
    Err(YamlError::at(
        line,
        column,
        format!(
            "`{value}` is tagged `!!{want}` but is not {what}; remove the tag or fix the value"
        ),
    ))
}

/// `!!seq` on a list and `!!map` on a mapping say what they are; any other
/// tag on a collection is refused.
fn collection_tag(
    tag: Option<&Tag>,
    want: &str,
    line: usize,
    column: usize,
) -> Result<(), YamlError> {
    match tag {
        None => Ok(()),
        Some(t) if t.handle == CORE && t.suffix == want => Ok(()),
        Some(t) => Err(unknown_tag(t, line, column)),
    }
}

fn unknown_tag(tag: &Tag, line: usize, column: usize) -> YamlError {
    let shown = match tag.handle.as_str() {
        CORE => format!("!!{}", tag.suffix),
        "!" | "" => format!("!{}", tag.suffix.trim_start_matches('!')),
        handle => format!("{handle}{}", tag.suffix),
    };
    YamlError::at(
        line,
        column,
        format!(
            "the tag `{shown}` is not one careerbook reads here; use YAML's standard tags \
             (`!!str`, `!!int`, `!!float`, `!!bool`, `!!null`, and `!!seq`, `!!map` on \
             lists and mappings), or none"
        ),
    )
}

/// Refuses the characters YAML does not allow in a document: C0 controls
/// other than tab, line feed and carriage return (NUL among them), DEL,
/// and C1 controls other than NEL. Reported at their line and column, as
/// nothing after them could be trusted to mean what it shows.
fn check_characters(text: &str) -> Result<(), YamlError> {
    let bad = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{85}');
    let Some((at, c)) = text.char_indices().find(|(_, c)| bad(*c)) else {
        return Ok(());
    };
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before[before.rfind('\n').map_or(0, |i| i + 1)..]
        .chars()
        .count()
        + 1;
    Err(YamlError::at(
        line,
        column,
        format!(
            "the control character U+{:04X} is not allowed in YAML; delete it",
            c as u32
        ),
    ))
}

/// The name of the alias at a 1-based line and 0-based column.
pub(super) fn alias_name(text: &str, line: usize, col: usize) -> &str {
    let line = text.split('\n').nth(line.saturating_sub(1)).unwrap_or("");
    let rest = line.char_indices().nth(col).map_or("", |(i, _)| &line[i..]);
    let rest = rest.strip_prefix('*').unwrap_or(rest);
    let end = rest
        .find(|c: char| c.is_whitespace() || matches!(c, ',' | '[' | ']' | '{' | '}'))
        .unwrap_or(rest.len());
    &rest[..end]
}

/// Rejects deeply nested flow collections before the parser sees them: its
/// scanner reads ahead through `[[[[…` and gives up at 255 levels with a
/// message that says nothing about nesting.
/// Rejects flow nesting deeper than [`MAX_DEPTH`]; returns whether the
/// text holds a byte that may start a control character (see
/// [`check_characters`]), so the usual text is read once.
fn check_depth(text: &str) -> Result<bool, YamlError> {
    let mut depth = 0usize;
    let mut line = 1;
    let mut suspicious = false;
    // Brackets, newlines and C0/DEL are ASCII, so bytes suffice (and are
    // faster); a C1 control is 0xC2 followed by 0x80..=0x9F.
    for (i, c) in text.bytes().enumerate() {
        match c {
            b'\n' => line += 1,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    let col = text[..i].rfind('\n').map_or(i, |n| i - n - 1) + 1;
                    return Err(too_deep(line, col));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b'\t' | b'\r' => {}
            0..0x20 | 0x7f | 0xc2 => suspicious = true,
            _ => {}
        }
    }
    Ok(suspicious)
}

fn too_deep(line: usize, column: usize) -> YamlError {
    YamlError::at(
        line,
        column,
        format!("nesting deeper than {MAX_DEPTH} levels"),
    )
}

#[derive(Default)]
struct Builder {
    /// The collections being read, outermost first.
    stack: Vec<Frame>,
    root: Option<Node>,
    /// Where each anchored value is, by the parser's anchor id: the child
    /// slots from the root down (see [`Frame::next_slot`]). Slots are only
    /// ever appended, so a path stays valid while the tree grows.
    anchors: HashMap<usize, Vec<usize>>,
    /// Values added so far by expanding aliases.
    expanded: usize,
}

struct Frame {
    node: Node,
    /// A mapping's key whose value has not been read yet.
    key: Option<Node>,
    /// The parser's id of the collection's anchor (0 for none).
    anchor: usize,
}

impl Frame {
    /// The slot the next child goes to (see [`Node::child`]).
    fn next_slot(&self) -> usize {
        match &self.node.kind {
            NodeKind::Seq(items) => items.len(),
            NodeKind::Map(entries) => 2 * entries.len() + usize::from(self.key.is_some()),
            NodeKind::Scalar { .. } => 0,
        }
    }
}

impl Builder {
    fn on_event(&mut self, ev: Event, mark: Marker, text: &str) -> Result<(), YamlError> {
        let (line, column) = (mark.line(), mark.col() + 1);
        let (kind, anchor) = match ev {
            Event::Scalar(mut value, style, anchor, tag) => {
                let mut quoted = !matches!(style, TScalarStyle::Plain);
                match tag
                    .as_ref()
                    .map(|t| scalar_tag(t, line, column))
                    .transpose()?
                {
                    // `!!str 123` and `! 123` are text.
                    Some(ScalarTag::Text) => quoted = true,
                    // `!!int "5"` is read as `5` would be; the schema walk
                    // then checks the value against the field's type.
                    Some(ScalarTag::Typed(want)) => {
                        quoted = false;
                        value = typed(value, want, line, column)?;
                    }
                    None => {}
                }
                let kind = NodeKind::Scalar { value, quoted };
                self.push(Node { kind, line, column }, anchor);
                return Ok(());
            }
            Event::Alias(id) => return self.expand(id, mark, text),
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some(frame) = self.stack.pop() {
                    self.push(frame.node, frame.anchor);
                }
                return Ok(());
            }
            Event::SequenceStart(anchor, tag) => {
                collection_tag(tag.as_ref(), "seq", line, column)?;
                (NodeKind::Seq(Vec::new()), anchor)
            }
            Event::MappingStart(anchor, tag) => {
                collection_tag(tag.as_ref(), "map", line, column)?;
                (NodeKind::Map(Vec::new()), anchor)
            }
            _ => return Ok(()),
        };
        if self.stack.len() >= MAX_DEPTH {
            return Err(too_deep(line, column));
        }
        let node = Node { kind, line, column };
        self.stack.push(Frame {
            node,
            key: None,
            anchor,
        });
        Ok(())
    }

    /// Adds a finished value to the collection being read, remembering
    /// where it went if it is anchored.
    fn push(&mut self, node: Node, anchor: usize) {
        if anchor > 0 {
            let path = self.stack.iter().map(Frame::next_slot).collect();
            self.anchors.insert(anchor, path);
        }
        let Some(frame) = self.stack.last_mut() else {
            self.root = Some(node);
            return;
        };
        match &mut frame.node.kind {
            NodeKind::Seq(items) => items.push(node),
            NodeKind::Map(entries) => match frame.key.take() {
                None => frame.key = Some(node),
                Some(key) => entries.push((key, node)),
            },
            NodeKind::Scalar { .. } => {}
        }
    }

    /// The finished value at `path`.
    fn find(&self, path: &[usize]) -> Option<&Node> {
        let mut found: Option<&Node> = None;
        for (depth, &slot) in path.iter().enumerate() {
            found = Some(match found {
                Some(node) => node.child(slot)?,
                None => {
                    let frame = self.stack.get(depth)?;
                    if slot == frame.next_slot() {
                        // Inside the collection still being read there.
                        continue;
                    }
                    match &frame.key {
                        Some(key) if slot + 1 == frame.next_slot() => key,
                        _ => frame.node.child(slot)?,
                    }
                }
            });
        }
        found
    }

    /// Adds a copy of the value anchored with id `id`, placed at the alias.
    fn expand(&mut self, id: usize, mark: Marker, text: &str) -> Result<(), YamlError> {
        let (line, column) = (mark.line(), mark.col() + 1);
        let error = |message: String| YamlError::at(line, column, message);
        let name = || alias_name(text, mark.line(), mark.col());
        let Some(target) = self.anchors.get(&id).and_then(|path| self.find(path)) else {
            let name = name();
            return Err(error(format!(
                "alias `*{name}` is used inside the value anchored as `&{name}`"
            )));
        };
        let (nodes, height) = measure(target);
        if self.stack.len() + height > MAX_DEPTH {
            return Err(too_deep(line, column));
        }
        let expanded = self.expanded + nodes;
        if expanded > MAX_ALIAS_NODES {
            return Err(error(format!(
                "alias `*{}` copies too much: aliases may add at most {MAX_ALIAS_NODES} \
                 values to a document",
                name()
            )));
        }
        let mut copy = target.clone();
        copy.line = line;
        copy.column = column;
        self.expanded = expanded;
        self.push(copy, 0);
        Ok(())
    }
}

/// The number of values in `node` (itself, keys and items included) and
/// how many levels of collections it nests.
fn measure(node: &Node) -> (usize, usize) {
    let add = |(n, h): (usize, usize), child: &Node| {
        let (cn, ch) = measure(child);
        (n + cn, h.max(ch + 1))
    };
    match &node.kind {
        NodeKind::Scalar { .. } => (1, 0),
        NodeKind::Seq(items) => items.iter().fold((1, 1), add),
        NodeKind::Map(entries) => entries.iter().flat_map(|(k, v)| [k, v]).fold((1, 1), add),
    }
}

mod diagnose;
mod lines;
mod stopped;
#[cfg(test)]
mod tests;

pub(crate) mod typing;
