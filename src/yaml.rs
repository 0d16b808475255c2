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
