//! One line of YAML text as an author sees it: its indentation, the `- `
//! marks that start it, a `key:` and the value after it, a comment. Used
//! only to explain why the parser stopped ([`super::explain`]); nothing
//! here decides what a document means.
//!
//! Columns are byte offsets into the line (every YAML indicator is ASCII);
//! [`Line::column`] turns one into the 1-based character column the parser
//! and the diagnostics use.

/// How a value on a line is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Value {
    /// Nothing after the key or the `- ` (the value is on the lines below).
    Empty,
    /// Plain text; `colon` is where a `: ` inside it starts, if any.
    Plain { colon: Option<usize> },
    /// A quoted scalar opened at `at` with `quote`; `closed` is where its
    /// closing quote is, if it closes on this line.
    Quoted {
        at: usize,
        quote: u8,
        closed: Option<usize>,
    },
    /// A flow collection opened at `at` with `open` (`[` or `{`); `closed`
    /// is where it closes, if on this line.
    Flow {
        at: usize,
        open: u8,
        closed: Option<usize>,
    },
    /// A block scalar indicator (`|`, `>-`, ...): the text is on the lines below.
    Block,
}

/// One line of the text.
#[derive(Debug, Clone)]
pub(super) struct Line<'a> {
    /// 1-based line number.
    pub(super) no: usize,
    /// The line without its line break.
    pub(super) text: &'a str,
    /// Leading spaces before the first other character.
    pub(super) indent: usize,
    /// Where a tab sits in the leading white space, if one does.
    pub(super) tab: Option<usize>,
    /// Nothing but white space and perhaps a comment.
    pub(super) blank: bool,
    /// Where each leading `- ` starts.
    pub(super) dashes: Vec<usize>,
    /// Where the content after the indentation and the dashes starts.
    pub(super) body: usize,
    /// The key, if the content is `key: ...`: where it starts and ends.
    pub(super) key: Option<(usize, usize)>,
    /// Where a tab directly follows the key's `:`.
    pub(super) tab_after_colon: Option<usize>,
    /// The value: after the key's `:`, else the whole content.
    pub(super) value: Value,
    /// Text after a closed quoted or flow value that is not a comment.
    pub(super) stray: Option<usize>,
    /// Where a comment starts.
    pub(super) comment: Option<usize>,
}

impl<'a> Line<'a> {
    /// The 1-based character column of byte offset `at`.
    pub(super) fn column(&self, at: usize) -> usize {
        let at = at.min(self.text.len());
        self.text
            .get(..at)
            .map_or(at, |s| s.chars().count())
            .saturating_add(1)
    }

    /// The key's text.
    pub(super) fn key_name(&self) -> Option<&'a str> {
        let (start, end) = self.key?;
        let name = self.text.get(start..end)?;
        Some(name.trim_matches(|c| c == '"' || c == '\''))
    }

    /// The content after indentation and dashes, without its comment or
    /// trailing white space.
    pub(super) fn content(&self) -> &'a str {
        let end = self.comment.unwrap_or(self.text.len());
        self.text.get(self.body..end).unwrap_or("").trim_end()
    }

    /// The value's text (after the key's `: `), without comment.
    pub(super) fn value_text(&self) -> &'a str {
        let Some((_, end)) = self.key else {
            return self.content();
        };
        let stop = self.comment.unwrap_or(self.text.len());
        let rest = self.text.get(end + 1..stop.max(end + 1)).unwrap_or("");
        rest.trim()
    }

    /// Whether the line starts a value on the lines below it: `key:` or
    /// `- ` with nothing after it.
    pub(super) fn opens(&self) -> bool {
        !self.blank && self.value == Value::Empty
    }

    /// Where the line's content starts, the first dash included: the column
    /// its indentation is measured to.
    pub(super) fn start(&self) -> usize {
        self.dashes.first().copied().unwrap_or(self.body)
    }
}

/// Splits `text` into lines, each read on its own.
pub(super) fn lines(text: &str) -> Vec<Line<'_>> {
    text.split('\n')
        .enumerate()
        .map(|(i, l)| read(i + 1, l.strip_suffix('\r').unwrap_or(l)))
        .collect()
}

/// Reads one line.
pub(super) fn read(no: usize, text: &str) -> Line<'_> {
    let bytes = text.as_bytes();
    let indent = bytes.iter().take_while(|b| **b == b' ').count();
    let lead = bytes
        .iter()
        .take_while(|b| **b == b' ' || **b == b'\t')
        .count();
    let tab = bytes[..lead].iter().position(|b| *b == b'\t');
    let mut line = Line {
        no,
        text,
        indent,
        tab,
        blank: false,
        dashes: Vec::new(),
        body: lead,
        key: None,
        tab_after_colon: None,
        value: Value::Empty,
        stray: None,
        comment: None,
    };
    let mut at = lead;
    // `- ` marks, possibly nested (`- - x`), or a lone `-` at the end.
    while at < bytes.len()
        && bytes[at] == b'-'
        && bytes.get(at + 1).is_none_or(|b| *b == b' ' || *b == b'\t')
    {
        line.dashes.push(at);
        at += 1;
        while at < bytes.len() && (bytes[at] == b' ' || bytes[at] == b'\t') {
            at += 1;
        }
    }
    line.body = at;
    if at >= bytes.len() || bytes[at] == b'#' {
        line.comment = (at < bytes.len()).then_some(at);
        line.blank = line.dashes.is_empty();
        return line;
    }
    // The document markers are not content.
    if line.dashes.is_empty() && (text.starts_with("---") || text.starts_with("...")) {
        line.blank = true;
        return line;
    }
    let first = node(bytes, at);
    line.comment = first.comment;
    match first.key_colon {
        Some(colon) if first.stray.is_none() => {
            line.key = Some((at, colon));
            let mut v = colon + 1;
            while v < bytes.len() && (bytes[v] == b' ' || bytes[v] == b'\t') {
                v += 1;
            }
            // The parser refuses a tab after the colon only before a plain
            // value: a quote, a flow or block opener, an anchor, a tag or a
            // comment may follow one.
            let plain = bytes.get(v).is_some_and(|b| !b"\"'[{|>&!*#".contains(b));
            if bytes.get(colon + 1) == Some(&b'\t') && plain {
                line.tab_after_colon = Some(colon + 1);
            }
            if v >= bytes.len() || bytes[v] == b'#' {
                line.comment = (v < bytes.len()).then_some(v);
                line.value = Value::Empty;
            } else {
                let second = node(bytes, v);
                line.comment = second.comment;
                line.value = match (second.value, second.key_colon) {
                    // `key: text: more`: YAML reads the second `: ` as a key.
                    (Value::Plain { .. }, Some(k)) => Value::Plain { colon: Some(k) },
                    (value, _) => value,
                };
                line.stray = match second.value {
                    Value::Plain { .. } => None,
                    _ => second.stray.or(second.key_colon),
                };
            }
        }
        _ => {
            line.value = first.value;
            line.stray = first.stray;
        }
    }
    line
}

/// What [`node`] found from one starting point.
struct Node {
    value: Value,
    /// The `:` after the node, when the node is a key.
    key_colon: Option<usize>,
    stray: Option<usize>,
    comment: Option<usize>,
}

/// Whether the byte at `i` ends a token: white space or the end.
fn space_or_end(bytes: &[u8], i: usize) -> bool {
    bytes.get(i).is_none_or(|b| *b == b' ' || *b == b'\t')
}

/// Reads one node (a key or a value) starting at `at`.
fn node(bytes: &[u8], mut at: usize) -> Node {
    // Anchors and tags before the node: `&name `, `!!str `.
    while at < bytes.len() && (bytes[at] == b'&' || bytes[at] == b'!') {
        while at < bytes.len() && bytes[at] != b' ' {
            at += 1;
        }
        while at < bytes.len() && bytes[at] == b' ' {
            at += 1;
        }
    }
    let mut found = Node {
        value: Value::Empty,
        key_colon: None,
        stray: None,
        comment: None,
    };
    let Some(&c) = bytes.get(at) else {
        return found;
    };
    let end = match c {
        b'"' | b'\'' => {
            let closed = close_quote(bytes, at);
            found.value = Value::Quoted {
                at,
                quote: c,
                closed,
            };
            match closed {
                Some(q) => q + 1,
                None => return found,
            }
        }
        b'[' | b'{' => {
            let closed = close_flow(bytes, at);
            found.value = Value::Flow {
                at,
                open: c,
                closed,
            };
            match closed {
                Some(q) => q + 1,
                None => return found,
            }
        }
        b'|' | b'>' => {
            found.value = Value::Block;
            let mut i = at + 1;
            while i < bytes.len() && bytes[i] != b'#' {
                i += 1;
            }
            found.comment = (i < bytes.len()).then_some(i);
            return found;
        }
        _ => {
            // Plain text: up to `: ` (a key), ` #` (a comment) or the end.
            let mut i = at;
            let mut colon = None;
            while i < bytes.len() {
                if bytes[i] == b'#' && i > at && matches!(bytes[i - 1], b' ' | b'\t') {
                    found.comment = Some(i);
                    break;
                }
                if bytes[i] == b':' && space_or_end(bytes, i + 1) && colon.is_none() {
                    colon = Some(i);
                }
                i += 1;
            }
            found.key_colon = colon;
            found.value = Value::Plain { colon: None };
            return found;
        }
    };
    // After a closed quote or bracket: a `:` makes it a key; a comment or
    // nothing is fine; anything else is stray text.
    let mut i = end;
    while i < bytes.len() && (bytes[i] == b' ' || bytes[i] == b'\t') {
        i += 1;
    }
    if i >= bytes.len() {
        return found;
    }
    if bytes[i] == b':' && space_or_end(bytes, i + 1) {
        found.key_colon = Some(i);
    } else if bytes[i] == b'#' && i > end {
        found.comment = Some(i);
    } else {
        found.stray = Some(i);
        // A comment after the stray text still ends the line.
        found.comment =
            (i..bytes.len()).find(|&j| bytes[j] == b'#' && matches!(bytes[j - 1], b' ' | b'\t'));
    }
    found
}

/// Where the quote opened at `at` closes on this line.
fn close_quote(bytes: &[u8], at: usize) -> Option<usize> {
    let q = bytes[at];
    let mut i = at + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if q == b'"' => i += 1,
            b'\'' if q == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 1,
            b if b == q => return Some(i),
            _ => {}
        }
        i += 1;
    }
    None
}

/// Where the flow collection opened at `at` closes on this line.
fn close_flow(bytes: &[u8], at: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = at;
    while i < bytes.len() {
        match bytes[i] {
            b'[' | b'{' => depth += 1,
            b']' | b'}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(i);
                }
            }
            b'"' | b'\'' if matches!(bytes[i - 1], b' ' | b'[' | b'{' | b',' | b':') => {
                i = close_quote(bytes, i)?;
            }
            b'#' if matches!(bytes[i - 1], b' ' | b'\t') => return None,
            _ => {}
        }
        i += 1;
    }
    None
}
