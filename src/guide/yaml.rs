//! The YAML boundary: the only module that names `serde_yaml`.
//!
//! Two readers serve two needs. `serde_yaml` turns front matter into the typed
//! model. A marked tree ([`Node`]), built from `yaml-rust2`'s event stream,
//! keeps the line and column of every key and value so that a problem found
//! after parsing (`min > max`, an unknown slug) can still point at its line.
//! `serde_yaml` is deprecated upstream; swapping it for a maintained fork
//! means editing this file only.

use serde::de::DeserializeOwned;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// Nesting deeper than this is rejected before any parser recurses into it.
pub const MAX_DEPTH: usize = 64;

/// A parse failure with its 1-based position in the YAML text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// 1-based line in the YAML text (0 when unknown).
    pub line: usize,
    /// 1-based column (0 when unknown).
    pub column: usize,
    /// Field path the error is about, when the parser knows it.
    pub field: String,
    /// What went wrong.
    pub message: String,
}

/// Deserialises YAML text into a typed value.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    serde_yaml::from_str(text).map_err(|e| convert(&e))
}

/// Serialises a value to YAML text (used by `new` and round-trip tests).
pub fn to_string<T: serde::Serialize>(value: &T) -> Result<String, YamlError> {
    serde_yaml::to_string(value).map_err(|e| convert(&e))
}

fn convert(e: &serde_yaml::Error) -> YamlError {
    let (line, column) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
    // serde_yaml renders "path: message at line L column C"; the location is
    // available structurally, so strip it from the text and split off the path.
    let mut text = e.to_string();
    if let Some(i) = text.rfind(" at line ") {
        text.truncate(i);
    }
    let (field, message) = split_path(&text);
    YamlError {
        line,
        column,
        field,
        message,
    }
}

fn split_path(text: &str) -> (String, String) {
    if let Some((path, rest)) = text.split_once(": ") {
        let looks_like_path = !path.is_empty()
            && !path.contains(' ')
            && path
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '[' | ']' | '-'));
        if looks_like_path {
            return (path.to_string(), rest.to_string());
        }
    }
    (String::new(), text.to_string())
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
    /// An alias (`*name`), left unexpanded.
    Alias,
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
}

/// Where every value of a marked tree starts, without the values: all that
/// rules running after parsing need to point at a line, in a small fraction
/// of the tree's memory (a guide keeps this for as long as it is checked).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Positions {
    /// The value nodes in document order, each followed by its descendants.
    nodes: Vec<Pos>,
    /// The mapping keys of all nodes, concatenated in node order.
    keys: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pos {
    line: u32,
    column: u32,
    /// One past the index of the node's last descendant.
    end: u32,
    /// Where the node's key ends in `keys`; it starts where the previous
    /// node's key ends.
    key_end: u32,
    shape: Shape,
    /// Whether the node is under a mapping key that is text.
    has_key: bool,
    /// Whether the node is a scalar the marker picked out.
    marked: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Scalar,
    Seq,
    Map,
    Alias,
}

/// A position as stored: lines and columns beyond `u32` (a 4 GiB line) are
/// not worth twice the memory.
fn narrow(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Positions {
    /// The positions of every value under `root`, with each scalar for which
    /// `mark` holds remembered for [`Positions::marked`].
    pub fn new(root: &Node, mark: impl Fn(&str) -> bool) -> Positions {
        let (nodes, keys) = count(root);
        let mut table = Positions {
            nodes: Vec::with_capacity(nodes),
            keys: String::with_capacity(keys),
        };
        table.add(root, None, &mark);
        table
    }

    fn add(&mut self, node: &Node, key: Option<&str>, mark: &impl Fn(&str) -> bool) {
        let index = self.nodes.len();
        if let Some(k) = key {
            self.keys.push_str(k);
        }
        let (shape, marked) = match &node.kind {
            NodeKind::Scalar { value, .. } => (Shape::Scalar, mark(value)),
            NodeKind::Seq(_) => (Shape::Seq, false),
            NodeKind::Map(_) => (Shape::Map, false),
            NodeKind::Alias => (Shape::Alias, false),
        };
        self.nodes.push(Pos {
            line: narrow(node.line),
            column: narrow(node.column),
            end: 0,
            key_end: narrow(self.keys.len()),
            shape,
            has_key: key.is_some(),
            marked,
        });
        match &node.kind {
            NodeKind::Seq(items) => items.iter().for_each(|n| self.add(n, None, mark)),
            NodeKind::Map(entries) => {
                for (k, v) in entries {
                    self.add(v, k.as_str(), mark);
                }
            }
            NodeKind::Scalar { .. } | NodeKind::Alias => {}
        }
        self.nodes[index].end = narrow(self.nodes.len());
    }

    /// The mapping key of node `i`, if it has a text key.
    fn key(&self, i: usize) -> Option<&str> {
        let pos = self.nodes[i];
        let start = i.checked_sub(1).map_or(0, |p| self.nodes[p].key_end);
        pos.has_key
            .then(|| self.keys.get(start as usize..pos.key_end as usize))
            .flatten()
    }

    /// The line and column of the value at `path`, or of its deepest
    /// ancestor that exists (as [`Node::at`] finds it); `(0, 0)` for an
    /// empty table.
    pub fn at(&self, path: &[Seg<'_>]) -> (usize, usize) {
        let Some(root) = self.nodes.first() else {
            return (0, 0);
        };
        let mut found = (0, *root);
        'path: for seg in path {
            let (i, node) = found;
            let mut child = i + 1;
            let mut n = 0;
            while child < node.end as usize {
                let hit = match (seg, node.shape) {
                    (Seg::Key(k), Shape::Map) => self.key(child) == Some(*k),
                    (Seg::Index(want), Shape::Seq) => n == *want,
                    _ => break,
                };
                if hit {
                    found = (child, self.nodes[child]);
                    continue 'path;
                }
                n += 1;
                child = self.nodes[child].end as usize;
            }
            break;
        }
        (found.1.line as usize, found.1.column as usize)
    }

    /// The line and column of every alias (`*name`) in the tree: values the
    /// schema walk does not see, since it leaves aliases unexpanded.
    pub fn aliases(&self) -> Vec<(usize, usize)> {
        self.nodes
            .iter()
            .filter(|p| p.shape == Shape::Alias)
            .map(|p| (p.line as usize, p.column as usize))
            .collect()
    }

    /// The field path (`a.b[2].c`, `?` for a key that is not text), line
    /// and column of every scalar value that was marked, in document order.
    pub fn marked(&self) -> Vec<(String, usize, usize)> {
        let mut found = Vec::new();
        if self.nodes.iter().any(|p| p.marked) {
            self.marked_under(0, &mut String::new(), 0, &mut found);
        }
        found
    }

    fn marked_under(
        &self,
        i: usize,
        path: &mut String,
        depth: usize,
        found: &mut Vec<(String, usize, usize)>,
    ) {
        let node = self.nodes[i];
        if node.marked {
            found.push((path.clone(), node.line as usize, node.column as usize));
        }
        let mut child = i + 1;
        let mut n = 0;
        while child < node.end as usize {
            let len = path.len();
            match node.shape {
                Shape::Map => {
                    if depth > 0 {
                        path.push('.');
                    }
                    path.push_str(self.key(child).unwrap_or("?"));
                }
                _ => path.push_str(&format!("[{n}]")),
            }
            self.marked_under(child, path, depth + 1, found);
            path.truncate(len);
            n += 1;
            child = self.nodes[child].end as usize;
        }
    }
}

/// The number of value nodes under `node` and the length of their keys.
fn count(node: &Node) -> (usize, usize) {
    match &node.kind {
        NodeKind::Seq(items) => items
            .iter()
            .map(count)
            .fold((1, 0), |a, b| (a.0 + b.0, a.1 + b.1)),
        NodeKind::Map(entries) => entries.iter().fold((1, 0), |a, (k, v)| {
            let (n, len) = count(v);
            (a.0 + n, a.1 + len + k.as_str().map_or(0, str::len))
        }),
        NodeKind::Scalar { .. } | NodeKind::Alias => (1, 0),
    }
}

/// Parses YAML text into a marked tree. An empty document yields `None`.
pub fn parse_marked(text: &str) -> Result<Option<Node>, YamlError> {
    let (root, mut duplicates) = parse_marked_all(text)?;
    if !duplicates.is_empty() {
        return Err(duplicates.swap_remove(0));
    }
    Ok(root)
}

/// Parses YAML text into a marked tree like [`parse_marked`], but reports
/// every duplicate key beside the tree instead of failing on the first, so
/// a checker can show them all along with other problems.
pub fn parse_marked_all(text: &str) -> Result<(Option<Node>, Vec<YamlError>), YamlError> {
    build(text, true)
}

/// Parses YAML text into a marked tree without looking for duplicate keys,
/// for callers that check keys themselves (the schema walk reports them
/// with their full field path).
pub fn parse_tree(text: &str) -> Result<Option<Node>, YamlError> {
    build(text, false).map(|(root, _)| root)
}

fn build(text: &str, find_duplicates: bool) -> Result<(Option<Node>, Vec<YamlError>), YamlError> {
    check_depth(text)?;
    let mut builder = Builder {
        find_duplicates,
        ..Builder::default()
    };
    let mut parser = Parser::new_from_str(text);
    // Pull events one by one rather than through `Parser::load`, which
    // recurses once per nesting level and can overflow the stack on hostile
    // input before any depth check runs.
    loop {
        let (ev, mark) = parser.next_token().map_err(|e| YamlError {
            line: e.marker().line(),
            column: e.marker().col() + 1,
            field: String::new(),
            message: describe_scan_error(e.info()),
        })?;
        if matches!(ev, Event::StreamEnd | Event::DocumentEnd) {
            break;
        }
        builder.on_event(ev, mark);
        if builder.too_deep.is_some() {
            break;
        }
    }
    if let Some(err) = builder.too_deep {
        return Err(err);
    }
    Ok((builder.root, builder.duplicates))
}

fn describe_scan_error(info: &str) -> String {
    if info.contains("tab") {
        format!("{info} (YAML indentation must use spaces, not tabs)")
    } else if info.contains("quoted scalar") {
        format!("{info} (is a closing quote missing?)")
    } else if info.contains("mapping values are not allowed") {
        format!("{info} (check this line's indentation, and quote text that contains `: `)")
    } else {
        info.to_string()
    }
}

/// Rejects deeply nested flow collections before a recursive parser sees them.
fn check_depth(text: &str) -> Result<(), YamlError> {
    let mut depth = 0usize;
    let mut line = 1;
    // Brackets and newlines are ASCII, so bytes suffice (and are faster).
    for (i, c) in text.bytes().enumerate() {
        match c {
            b'\n' => line += 1,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    let col = text[..i].rfind('\n').map_or(i, |n| i - n - 1) + 1;
                    return Err(YamlError {
                        line,
                        column: col,
                        field: String::new(),
                        message: format!("nesting deeper than {MAX_DEPTH} levels"),
                    });
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    root: Option<Node>,
    find_duplicates: bool,
    duplicates: Vec<YamlError>,
    /// Set when block nesting goes deeper than [`MAX_DEPTH`]; later events
    /// are ignored so that nothing recurses into the excess (building,
    /// walking or dropping the tree).
    too_deep: Option<YamlError>,
}

enum Frame {
    Seq(Node),
    Map(Node, Option<Node>),
}

impl Builder {
    fn push_value(&mut self, node: Node) {
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Frame::Seq(seq)) => {
                if let NodeKind::Seq(items) = &mut seq.kind {
                    items.push(node);
                }
            }
            Some(Frame::Map(map, pending)) => match pending.take() {
                None => *pending = Some(node),
                Some(key) => {
                    if let NodeKind::Map(entries) = &mut map.kind {
                        if let Some(k) = key.as_str().filter(|_| self.find_duplicates) {
                            if entries.iter().any(|(e, _)| e.as_str() == Some(k)) {
                                self.duplicates.push(YamlError {
                                    line: key.line,
                                    column: key.column,
                                    field: k.to_string(),
                                    message: format!("duplicate key `{k}`"),
                                });
                            }
                        }
                        entries.push((key, node));
                    }
                }
            },
        }
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        let (line, column) = (mark.line(), mark.col() + 1);
        if self.too_deep.is_some() {
            return;
        }
        if matches!(ev, Event::SequenceStart(..) | Event::MappingStart(..))
            && self.stack.len() >= MAX_DEPTH
        {
            self.too_deep = Some(YamlError {
                line,
                column,
                field: String::new(),
                message: format!("nesting deeper than {MAX_DEPTH} levels"),
            });
            return;
        }
        match ev {
            Event::Scalar(value, style, _, _) => {
                let quoted = !matches!(style, TScalarStyle::Plain);
                self.push_value(Node {
                    kind: NodeKind::Scalar { value, quoted },
                    line,
                    column,
                });
            }
            Event::Alias(_) => self.push_value(Node {
                kind: NodeKind::Alias,
                line,
                column,
            }),
            Event::SequenceStart(..) => self.stack.push(Frame::Seq(Node {
                kind: NodeKind::Seq(Vec::new()),
                line,
                column,
            })),
            Event::MappingStart(..) => self.stack.push(Frame::Map(
                Node {
                    kind: NodeKind::Map(Vec::new()),
                    line,
                    column,
                },
                None,
            )),
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some(Frame::Seq(node) | Frame::Map(node, _)) = self.stack.pop() {
                    self.push_value(node);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_one_based() {
        let root = parse_marked("a: 1\nb:\n  - x\n  - y: 2\n")
            .unwrap()
            .unwrap();
        let b1 = root.at(&[Seg::Key("b"), Seg::Index(1), Seg::Key("y")]);
        assert_eq!((b1.line, b1.column), (4, 8));
        let a = root.at(&[Seg::Key("a")]);
        assert_eq!((a.line, a.column), (1, 4));
    }

    /// Every path into `node`, and one step past each that does not exist.
    fn paths<'a>(node: &'a Node, prefix: Vec<Seg<'a>>, out: &mut Vec<Vec<Seg<'a>>>) {
        for extra in [Seg::Key("nope"), Seg::Index(7)] {
            let mut p = prefix.clone();
            p.push(extra);
            out.push(p);
        }
        out.push(prefix.clone());
        match &node.kind {
            NodeKind::Seq(items) => {
                for (i, item) in items.iter().enumerate() {
                    let mut p = prefix.clone();
                    p.push(Seg::Index(i));
                    paths(item, p, out);
                }
            }
            NodeKind::Map(entries) => {
                for (k, v) in entries {
                    let mut p = prefix.clone();
                    p.push(Seg::Key(k.as_str().unwrap_or("?")));
                    paths(v, p, out);
                }
            }
            _ => {}
        }
    }

    #[test]
    fn positions_find_what_the_tree_finds() {
        let text = "a: 1\nb:\n  - x\n  - y: 'TODO: 2'\n    z: [1, {q: r}]\n  - []\n\
                    c: {}\n? [k]\n: v\n'': e\nd: &n 'TODO: one'\ne: *n\nf:\n  g:\n    h: |\n      TODO: x\n";
        let root = parse_marked(text).unwrap().unwrap();
        let table = Positions::new(&root, |s| s.contains("TODO:"));
        let mut all = Vec::new();
        paths(&root, Vec::new(), &mut all);
        assert!(all.len() > 40);
        for path in &all {
            let node = root.at(path);
            assert_eq!(table.at(path), (node.line, node.column), "{path:?}");
        }
        assert_eq!(
            table.marked(),
            vec![
                ("b[1].y".to_string(), 4, 8),
                ("d".to_string(), 11, 7),
                ("f.g.h".to_string(), 16, 7)
            ]
        );
        assert_eq!(Positions::default().at(&[Seg::Key("a")]), (0, 0));
    }

    #[test]
    fn duplicate_keys_are_errors() {
        let err = parse_marked("a: 1\nb: 2\na: 3\n").unwrap_err();
        assert_eq!((err.line, err.column), (3, 1));
        assert!(err.message.contains("duplicate key `a`"));
    }

    #[test]
    fn deep_nesting_is_rejected() {
        let text = format!("a: {}{}", "[".repeat(10_000), "]".repeat(10_000));
        let err = parse_marked(&text).unwrap_err();
        assert!(err.message.contains("nesting"), "{err:?}");
    }

    #[test]
    fn deep_block_nesting_is_rejected() {
        let text = format!("a:\n  {}x\n", "- ".repeat(100_000));
        let err = parse_marked(&text).unwrap_err();
        assert!(err.message.contains("nesting"), "{err:?}");
        assert_eq!(err.line, 2);
    }

    #[test]
    fn serde_errors_carry_path_and_position() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct T {
            inner: Inner,
        }
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Inner {
            n: u32,
        }
        let err = from_str::<T>("inner:\n  n: abc\n").unwrap_err();
        assert_eq!(err.field, "inner.n");
        assert_eq!(err.line, 2);
        assert!(err.message.contains("invalid type"), "{err:?}");
    }
}
