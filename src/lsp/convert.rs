//! Between careerbook's terms and the protocol's: a `file:` URI and a path,
//! a 1-based line and character column and a 0-based line and UTF-16
//! offset, a [`Diagnostic`] and an editor's diagnostic with its range over
//! the offending token; and edits applied to a document's text.

use crate::diag::{Diagnostic, Severity};
use lsp_types as lsp;
use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use std::path::{Path, PathBuf};

/// The path a `file:` URI names; `None` for other schemes and for hosts
/// other than the local one.
pub(crate) fn uri_to_path(uri: &str) -> Option<PathBuf> {
    let rest = uri
        .strip_prefix("file://")
        .or_else(|| uri.strip_prefix("FILE://"))?;
    let (host, path) = rest.split_at(rest.find('/')?);
    if !host.is_empty() && !host.eq_ignore_ascii_case("localhost") {
        return None;
    }
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let bytes: Vec<u8> = percent_decode_str(path).collect();
    bytes_to_path(bytes)
}

#[cfg(unix)]
fn bytes_to_path(bytes: Vec<u8>) -> Option<PathBuf> {
    use std::os::unix::ffi::OsStringExt;
    Some(PathBuf::from(std::ffi::OsString::from_vec(bytes)))
}

#[cfg(not(unix))]
fn bytes_to_path(bytes: Vec<u8>) -> Option<PathBuf> {
    let text = String::from_utf8(bytes).ok()?;
    // `/C:/x` names `C:/x`.
    let text = match text.strip_prefix('/') {
        Some(rest) if rest.get(1..2) == Some(":") => rest.to_string(),
        _ => text,
    };
    Some(PathBuf::from(text))
}

/// What a path keeps unescaped in a URI besides letters and digits.
const PATH_SET: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'/')
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The `file:` URI of an absolute path.
pub(crate) fn path_to_uri(path: &Path) -> Option<lsp::Uri> {
    let text = path.to_string_lossy().replace('\\', "/");
    let text = if text.starts_with('/') {
        text
    } else {
        format!("/{text}")
    };
    format!("file://{}", utf8_percent_encode(&text, PATH_SET))
        .parse()
        .ok()
}

/// The byte offset in `line` of a UTF-16 offset (clamped to the line).
pub(crate) fn utf16_to_byte(line: &str, utf16: u32) -> usize {
    let mut units = 0u32;
    for (i, c) in line.char_indices() {
        if units >= utf16 {
            return i;
        }
        units += c.len_utf16() as u32;
    }
    line.len()
}

/// The UTF-16 offset of a byte offset in `line`.
pub(crate) fn byte_to_utf16(line: &str, byte: usize) -> u32 {
    line[..floor_boundary(line, byte)]
        .chars()
        .map(|c| c.len_utf16() as u32)
        .sum()
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Line `n` (0-based) of `text`, without its line break; empty past the end.
pub(crate) fn line(text: &str, n: usize) -> &str {
    let line = text.split('\n').nth(n).unwrap_or("");
    line.strip_suffix('\r').unwrap_or(line)
}

/// The byte offset in `text` of a protocol position (clamped to the text).
pub(crate) fn offset(text: &str, pos: lsp::Position) -> usize {
    let mut start = 0;
    for _ in 0..pos.line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let line = text[start..end]
        .strip_suffix('\r')
        .unwrap_or(&text[start..end]);
    start + utf16_to_byte(line, pos.character)
}

/// Applies one change an editor sent: a range replaced, or the whole text.
pub(crate) fn apply_change(text: &mut String, change: lsp::TextDocumentContentChangeEvent) {
    match change.range {
        None => *text = change.text,
        Some(range) => {
            let start = offset(text, range.start);
            let end = offset(text, range.end).max(start);
            text.replace_range(start..end, &change.text);
        }
    }
}

/// The range a diagnostic covers in `text`: from its line and column over
/// the token there, as the caret of `careerbook check` underlines it, but
/// without the `:` after a key; the whole line when the column is unknown,
/// and the first line for a problem with the file as a whole.
pub(crate) fn range_of(d: &Diagnostic, text: &str) -> lsp::Range {
    let n = d.line.saturating_sub(1);
    let l = line(text, n);
    let (start, end) = if d.line == 0 || d.column == 0 {
        (0, l.len())
    } else {
        let start = l
            .char_indices()
            .nth(d.column - 1)
            .map_or(l.len(), |(i, _)| i);
        let width = crate::diag::value_width(l, d.column);
        let mut end = l[start..]
            .char_indices()
            .nth(width)
            .map_or(l.len(), |(i, _)| start + i);
        if end > start + 1 && l[..end].ends_with(':') {
            end -= 1;
        }
        (start, end)
    };
    lsp::Range::new(
        lsp::Position::new(n as u32, byte_to_utf16(l, start)),
        lsp::Position::new(n as u32, byte_to_utf16(l, end)),
    )
}

/// A careerbook diagnostic as an editor shows it. The help follows the
/// message on a line of its own; the suggestion, if any, rides in `data`
/// for the quick fix.
pub(crate) fn to_lsp(d: &Diagnostic, text: &str) -> lsp::Diagnostic {
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    lsp::Diagnostic {
        range: range_of(d, text),
        severity: Some(match d.severity() {
            Severity::Error => lsp::DiagnosticSeverity::ERROR,
            Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        }),
        code: Some(lsp::NumberOrString::String(d.code.id.to_string())),
        source: Some("careerbook".into()),
        message,
        data: d
            .suggestion
            .as_ref()
            .map(|s| serde_json::json!({ "replace_with": s })),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::codes;

    #[test]
    fn file_uris_and_paths_round_trip() {
        let path = Path::new("/tmp/a site/guides/é #1.md");
        let uri = path_to_uri(path).unwrap();
        assert_eq!(uri.as_str(), "file:///tmp/a%20site/guides/%C3%A9%20%231.md");
        assert_eq!(uri_to_path(uri.as_str()).unwrap(), path);
        assert_eq!(
            uri_to_path("file://localhost/x/y.md").unwrap(),
            Path::new("/x/y.md")
        );
        assert_eq!(uri_to_path("untitled:Untitled-1"), None);
        assert_eq!(uri_to_path("file://server/share/x.md"), None);
    }

    #[test]
    fn columns_count_utf16_units() {
        let l = "a: é😀x";
        assert_eq!(utf16_to_byte(l, 4), "a: é".len());
        assert_eq!(utf16_to_byte(l, 6), "a: é😀".len());
        assert_eq!(utf16_to_byte(l, 99), l.len());
        assert_eq!(byte_to_utf16(l, "a: é😀".len()), 6);
        let text = "one\r\ntwo é\nthree";
        assert_eq!(offset(text, lsp::Position::new(1, 5)), "one\r\ntwo é".len());
        assert_eq!(offset(text, lsp::Position::new(9, 0)), text.len());
    }

    #[test]
    fn ranged_and_whole_changes_apply() {
        let mut text = "---\ntitle: Pé\n---\n".to_string();
        let change = |sl, sc, el, ec, t: &str| lsp::TextDocumentContentChangeEvent {
            range: Some(lsp::Range::new(
                lsp::Position::new(sl, sc),
                lsp::Position::new(el, ec),
            )),
            range_length: None,
            text: t.into(),
        };
        apply_change(&mut text, change(1, 9, 1, 9, "ter"));
        assert_eq!(text, "---\ntitle: Péter\n---\n");
        apply_change(&mut text, change(1, 0, 2, 0, ""));
        assert_eq!(text, "---\n---\n");
        apply_change(
            &mut text,
            lsp::TextDocumentContentChangeEvent {
                range: None,
                range_length: None,
                text: "new".into(),
            },
        );
        assert_eq!(text, "new");
    }

    #[test]
    fn ranges_cover_the_token_without_a_key_colon() {
        let text = "---\nsalery:\n  currency: \"UDS\" # x\nname: é😀 y\n";
        let at = |line, column| {
            let d = Diagnostic::new("g.md", line, column, "", codes::E0101, "m");
            let r = range_of(&d, text);
            (r.start.line, r.start.character, r.end.character)
        };
        assert_eq!(at(2, 1), (1, 0, 6));
        assert_eq!(at(3, 13), (2, 12, 17));
        assert_eq!(at(4, 7), (3, 6, 9));
        assert_eq!(at(0, 0), (0, 0, 3));
        assert_eq!(at(3, 0), (2, 0, 21));
        // Past the end of the text: an empty range on the last line.
        assert_eq!(at(9, 1), (8, 0, 0));
    }

    #[test]
    fn help_and_suggestion_reach_the_editor() {
        let d = Diagnostic::new(
            "g.md",
            2,
            1,
            "salery",
            codes::E0101,
            "unknown field `salery` in the guide",
        )
        .with_help("did you mean `salary`?")
        .with_suggestion("salary");
        let l = to_lsp(&d, "---\nsalery: 1\n");
        assert_eq!(
            l.message,
            "unknown field `salery` in the guide\nhelp: did you mean `salary`?"
        );
        assert_eq!(
            l.code,
            Some(lsp::NumberOrString::String(codes::E0101.id.into()))
        );
        assert_eq!(l.severity, Some(lsp::DiagnosticSeverity::ERROR));
        assert_eq!(l.data, Some(serde_json::json!({"replace_with": "salary"})));
    }
}
