//! Where the cursor is in the front matter: the text of a document and a
//! line and byte column in, the path of fields and list items the cursor
//! writes into out (`salary` → `ranges` → an item), and whether it is
//! where a key goes or in a value.
//!
//! Read from the indentation of block YAML, line by line, not with the
//! YAML reader: while an author types, the text is usually not valid YAML
//! (`sal` alone on a line, a value half written), and completion is
//! wanted exactly then. Block scalars (`|`, `>`) are skipped; flow
//! collections (`[a, b]`) are values.

use std::ops::Range;

/// Which of a site's files a document is: it decides where the YAML is (a
/// guide's front matter, or the whole file) and the schema it follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DocKind {
    /// `guides/**/*.md`: YAML front matter, then Markdown.
    Guide,
    /// `site.yaml`.
    Site,
    /// `skills.yaml`, beside `site.yaml`.
    Skills,
}

impl DocKind {
    /// The kind of the file at `rel` (relative to a site root), if it is
    /// one the server reads.
    pub(crate) fn of(rel: &std::path::Path) -> Option<DocKind> {
        if rel == std::path::Path::new("site.yaml") {
            Some(DocKind::Site)
        } else if rel == std::path::Path::new(crate::guide::skills::SKILLS_FILE) {
            Some(DocKind::Skills)
        } else if crate::lsp::workspace::is_guide_path(rel) {
            Some(DocKind::Guide)
        } else {
            None
        }
    }
}

/// A step of a path through front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Step {
    /// The value of a mapping key.
    Key(String),
    /// An item of a list.
    Item,
}

/// What the cursor is on or in.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Cursor {
    /// In a value: the path of its field (the last step its key or
    /// [`Step::Item`]). Elsewhere: the path of the mapping or list the
    /// line writes into.
    pub(crate) path: Vec<Step>,
    /// After `key: `, in the value.
    pub(crate) in_value: bool,
    /// The bytes of the line that a completion replaces: the key or value
    /// under the cursor, or an empty range at it.
    pub(crate) word: Range<usize>,
    /// The cursor is right after the `:` of `key:`: a value needs a space
    /// before it.
    pub(crate) after_colon: bool,
    /// Where a key goes: the word is followed by its `:` already.
    pub(crate) keyed: bool,
    /// Whether the line has a `- ` before the cursor.
    pub(crate) dashed: bool,
    /// The keys the mapping at `path` already has (where a key goes).
    pub(crate) present: Vec<String>,
}

/// The lines of `text` that hold YAML: a guide's front matter (from the
/// line after the opening `---` to its closing fence, or to the end while
/// it is not closed), or all of `site.yaml` or `skills.yaml`. `None` when
/// a guide has no front matter.
pub(crate) fn yaml_lines(text: &str, kind: DocKind) -> Option<Range<usize>> {
    let lines: Vec<&str> = text.split('\n').collect();
    if kind != DocKind::Guide {
        return Some(0..lines.len());
    }
    if lines.first()?.trim_end() != "---" {
        return None;
    }
    let end = lines
        .iter()
        .enumerate()
        .skip(1)
        .find(|(_, l)| matches!(l.trim_end(), "---" | "..."))
        .map_or(lines.len(), |(i, _)| i);
    Some(1..end)
}

/// The shape of one line of block YAML.
#[derive(Debug, Default)]
struct Shape<'a> {
    /// The column of each `- ` that opens a list item.
    dashes: Vec<usize>,
    /// Where the content after the dashes starts.
    content: usize,
    /// The key of `key:` and its column.
    key: Option<(usize, &'a str)>,
    /// The value after `key: `, or the content of a line without a key,
    /// and where it starts; without a trailing comment.
    value: Option<(usize, &'a str)>,
}

impl Shape<'_> {
    /// Nothing but space or a comment.
    fn blank(&self) -> bool {
        self.dashes.is_empty() && self.key.is_none() && self.value.is_none()
    }

    /// The column the line's structure starts at.
    fn first(&self) -> usize {
        self.dashes.first().copied().unwrap_or(self.content)
    }
}

fn shape(line: &str) -> Shape<'_> {
    let bytes = line.as_bytes();
    let mut pos = bytes.iter().take_while(|b| **b == b' ').count();
    let mut dashes = Vec::new();
    while bytes.get(pos) == Some(&b'-') && matches!(bytes.get(pos + 1), None | Some(b' ')) {
        dashes.push(pos);
        pos += 1;
        pos += bytes[pos..].iter().take_while(|b| **b == b' ').count();
    }
    let content = pos;
    let rest = &line[pos..];
    if rest.is_empty() || rest.starts_with('#') {
        return Shape {
            dashes,
            content,
            ..Shape::default()
        };
    }
    if let Some(colon) = key_colon(rest) {
        let key = rest[..colon].trim_end().trim_matches(['"', '\'']);
        let after = colon + 1;
        let skip = rest[after..].len() - rest[after..].trim_start().len();
        let vstart = pos + after + skip;
        let value = strip_comment(&line[vstart..]);
        return Shape {
            dashes,
            content,
            key: Some((pos, key)),
            value: (!value.is_empty()).then_some((vstart, value)),
        };
    }
    Shape {
        dashes,
        content,
        key: None,
        value: Some((pos, strip_comment(rest))),
    }
}

/// Where the `:` of `key:` is in `rest`, if it starts with a key: a `:`
/// followed by a space or the end, before any comment, in text that does
/// not open a quoted or flow value.
fn key_colon(rest: &str) -> Option<usize> {
    let bytes = rest.as_bytes();
    if let Some(q @ (b'"' | b'\'')) = bytes.first() {
        let close = rest[1..].find(*q as char)? + 1;
        let after = rest[close + 1..].trim_start();
        return after
            .starts_with(':')
            .then(|| rest.len() - after.len())
            .filter(|c| matches!(bytes.get(c + 1), None | Some(b' ' | b'\t')));
    }
    if matches!(
        bytes.first(),
        Some(b'[' | b'{' | b'|' | b'>' | b'&' | b'*' | b'!')
    ) {
        return None;
    }
    for (i, b) in bytes.iter().enumerate() {
        match b {
            b'#' if i > 0 && bytes[i - 1] == b' ' => return None,
            b':' if matches!(bytes.get(i + 1), None | Some(b' ' | b'\t')) => return Some(i),
            _ => {}
        }
    }
    None
}

/// A value without a trailing ` # comment` (a quoted value is kept whole).
fn strip_comment(value: &str) -> &str {
    let end = match value.as_bytes().first() {
        Some(q @ (b'"' | b'\'')) => value[1..].find(*q as char).map(|i| i + 2),
        _ => value.find(" #"),
    };
    value[..end.unwrap_or(value.len()).min(value.len())].trim_end()
}

/// The open mappings and lists above a line: each step with the column
/// it was written at.
#[derive(Debug, Default)]
struct Stack(Vec<(usize, Step)>);

impl Stack {
    /// Closes what a line starting at `col` ends: deeper steps, a sibling
    /// key, a sibling item. A key at the same column stays open under a
    /// dash (a list written flush with its key).
    fn close(&mut self, col: usize, dash: bool) {
        while let Some((c, step)) = self.0.last() {
            if *c > col || (*c == col && (*step == Step::Item || !dash)) {
                self.0.pop();
            } else {
                break;
            }
        }
    }

    fn path(&self) -> Vec<Step> {
        self.0.iter().map(|(_, s)| s.clone()).collect()
    }
}

/// The stack of open steps after reading `lines` (block scalars skipped).
fn outline<'a>(lines: impl Iterator<Item = &'a str>) -> Stack {
    let mut stack = Stack::default();
    let mut block: Option<usize> = None;
    for line in lines {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let indent = line.len() - line.trim_start_matches(' ').len();
        if let Some(min) = block {
            if line.trim().is_empty() || indent >= min {
                continue;
            }
            block = None;
        }
        let s = shape(line);
        if s.blank() {
            continue;
        }
        stack.close(s.first(), !s.dashes.is_empty());
        for d in &s.dashes {
            stack.0.push((*d, Step::Item));
        }
        if let Some((col, key)) = s.key {
            stack.0.push((col, Step::Key(key.to_string())));
        }
        if let Some((_, v)) = s.value {
            if v.starts_with(['|', '>']) {
                let owner = s.key.map(|(c, _)| c).or(s.dashes.last().copied());
                block = owner.map(|c| c + 1);
            }
        }
    }
    stack
}

/// The bytes of `line` around `at` that make one word of a key or value.
fn word_at(line: &str, start: usize, at: usize, value: bool) -> Range<usize> {
    let end = if value {
        start + strip_comment(&line[start..]).len()
    } else {
        at + line[at..]
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(line.len() - at)
    };
    start..end.max(at)
}

/// The place of the cursor at `(line, column)` (0-based line, byte
/// column), or `None` outside the YAML.
pub(crate) fn cursor(text: &str, kind: DocKind, line: usize, column: usize) -> Option<Cursor> {
    let range = yaml_lines(text, kind)?;
    if !range.contains(&line) {
        return None;
    }
    let lines: Vec<&str> = text.split('\n').collect();
    let full = lines[line].strip_suffix('\r').unwrap_or(lines[line]);
    let column = column.min(full.len());
    let prefix = &full[..column];
    let mut stack = outline(lines[range.start..line].iter().copied());
    let s = shape(prefix);
    stack.close(s.first(), !s.dashes.is_empty());
    let mut path = stack.path();
    path.extend(s.dashes.iter().map(|_| Step::Item));
    let dashed = !s.dashes.is_empty();
    if let Some((_, key)) = s.key {
        path.push(Step::Key(key.to_string()));
        let start = s.value.map_or(column, |(v, _)| v);
        return Some(Cursor {
            path,
            in_value: true,
            word: word_at(full, start, column, true),
            after_colon: prefix.ends_with(':'),
            keyed: false,
            dashed,
            present: Vec::new(),
        });
    }
    let start = s.content.min(column);
    let present = siblings(&lines[range.clone()], line - range.start, s.content);
    let word = word_at(full, start, column, false);
    let keyed = full[word.end..].trim_start().starts_with(':');
    Some(Cursor {
        path,
        in_value: false,
        word,
        after_colon: false,
        keyed,
        dashed,
        present,
    })
}

/// The keys written at column `col` in the mapping that line `at` of
/// `lines` belongs to, that line's own excepted.
fn siblings(lines: &[&str], at: usize, col: usize) -> Vec<String> {
    let shaped = |i: usize| shape(lines[i].strip_suffix('\r').unwrap_or(lines[i]));
    let mut found = Vec::new();
    for i in (0..at).rev() {
        let s = shaped(i);
        if s.blank() {
            continue;
        }
        if let Some((_, k)) = s.key.filter(|(c, _)| *c == col) {
            found.push(k.to_string());
        }
        // A line left of the column, or a dash at it, opens the mapping
        // (its first key was just taken) or something else.
        if s.first() < col || (s.first() == col && !s.dashes.is_empty()) {
            break;
        }
    }
    for i in at + 1..lines.len() {
        let s = shaped(i);
        if s.blank() {
            continue;
        }
        if s.first() < col || (s.first() == col && !s.dashes.is_empty()) {
            break;
        }
        if let Some((_, k)) = s.key.filter(|(c, _)| *c == col) {
            found.push(k.to_string());
        }
    }
    found
}

/// The field under the cursor, for hover and go to definition: its path
/// (ending with its key, or an item), the value's text when the cursor is
/// on the value, and the value's byte range in the line.
pub(crate) fn token(
    text: &str,
    kind: DocKind,
    line: usize,
    column: usize,
) -> Option<(Vec<Step>, Option<String>, Range<usize>)> {
    let range = yaml_lines(text, kind)?;
    if !range.contains(&line) {
        return None;
    }
    let lines: Vec<&str> = text.split('\n').collect();
    let full = lines[line].strip_suffix('\r').unwrap_or(lines[line]);
    let mut stack = outline(lines[range.start..line].iter().copied());
    let s = shape(full);
    if s.blank() {
        return None;
    }
    stack.close(s.first(), !s.dashes.is_empty());
    let mut path = stack.path();
    path.extend(s.dashes.iter().map(|_| Step::Item));
    let value = s.value.filter(|(start, v)| {
        (*start..start + v.len()).contains(&column) || column == start + v.len()
    });
    if let Some((col, key)) = s.key {
        path.push(Step::Key(key.to_string()));
        let on_key = (col..=col + key.len()).contains(&column);
        return match (on_key, value) {
            (true, _) => Some((path, None, col..col + key.len())),
            (false, Some((start, v))) => Some((path, Some(unquote(v)), start..start + v.len())),
            _ => None,
        };
    }
    let (start, v) = value?;
    Some((path, Some(unquote(v)), start..start + v.len()))
}

/// A scalar's text without its quotes.
fn unquote(v: &str) -> String {
    let t = v.trim();
    for q in ['"', '\''] {
        if let Some(inner) = t.strip_prefix(q).and_then(|r| r.strip_suffix(q)) {
            return inner.to_string();
        }
    }
    t.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const GUIDE: &str = "---
title: Platform Engineer
summary: |
  Builds: the platform.
  key: not a key
salary:
  currency: USD
  period: 
  ranges:
    - level: Mid
      
    - { level: Senior, min: 1, max: 2 }
progression:
  leads_to:
    - title: Staff
      guide: staf
  transitions:
  - SRE
tags:
  - pla
---
body: text
";

    fn key(k: &str) -> Step {
        Step::Key(k.into())
    }

    fn at(line: usize, column: usize) -> Cursor {
        cursor(GUIDE, DocKind::Guide, line, column).expect("in the front matter")
    }

    #[test]
    fn finds_where_keys_go() {
        let c = at(5, 0);
        assert_eq!(
            (c.path, c.in_value, c.word, c.keyed),
            (vec![], false, 0..6, true)
        );
        assert!(
            c.present.contains(&"title".to_string()) && c.present.contains(&"tags".to_string())
        );
        assert!(!c.present.contains(&"key".to_string()), "{:?}", c.present);
        let c = at(10, 6);
        assert_eq!(c.path, vec![key("salary"), key("ranges"), Step::Item]);
        assert!(!c.in_value);
        assert_eq!(c.present, vec!["level".to_string()]);
        let c = at(9, 6);
        assert_eq!(c.path, vec![key("salary"), key("ranges"), Step::Item]);
        assert!(c.dashed);
    }

    #[test]
    fn finds_values() {
        let c = at(7, 10);
        assert_eq!(c.path, vec![key("salary"), key("period")]);
        assert!(c.in_value && !c.after_colon);
        assert_eq!(c.word, 10..10);
        let c = at(7, 9);
        assert!(c.in_value && c.after_colon);
        let c = at(15, 13);
        assert_eq!(
            c.path,
            vec![
                key("progression"),
                key("leads_to"),
                Step::Item,
                key("guide")
            ]
        );
        assert_eq!(c.word, 13..17);
        // An item of a list written flush with its key.
        let c = at(17, 4);
        assert_eq!(
            c.path,
            vec![key("progression"), key("transitions"), Step::Item]
        );
        assert!(!c.in_value && c.dashed);
        let c = at(19, 6);
        assert_eq!(c.path, vec![key("tags"), Step::Item]);
        assert_eq!(c.word, 4..7);
    }

    #[test]
    fn the_body_and_block_text_are_not_front_matter() {
        assert_eq!(cursor(GUIDE, DocKind::Guide, 21, 2), None);
        assert_eq!(cursor(GUIDE, DocKind::Guide, 0, 1), None);
        assert_eq!(cursor("no front matter\n", DocKind::Guide, 0, 1), None);
        // Inside `summary: |`, `key: not a key` opens nothing.
        assert_eq!(at(5, 3).path, vec![]);
    }

    #[test]
    fn tokens_under_the_cursor() {
        let (path, value, _) = token(GUIDE, DocKind::Guide, 7, 4).unwrap();
        assert_eq!((path, value), (vec![key("salary"), key("period")], None));
        let (path, value, range) = token(GUIDE, DocKind::Guide, 15, 15).unwrap();
        assert_eq!(path.last(), Some(&key("guide")));
        assert_eq!((value.as_deref(), range), (Some("staf"), 13..17));
        let (path, value, _) = token(GUIDE, DocKind::Guide, 6, 13).unwrap();
        assert_eq!(
            (path, value.as_deref()),
            (vec![key("salary"), key("currency")], Some("USD"))
        );
        let (path, value, _) = token("a:\n  - \"x y\" # c\n", DocKind::Site, 1, 6).unwrap();
        assert_eq!(
            (path, value.as_deref()),
            (vec![key("a"), Step::Item], Some("x y"))
        );
    }
}
