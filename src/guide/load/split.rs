//! A guide file's text split at its fences: the YAML front matter between
//! the `---` lines, and the Markdown body after them; or E0002, at the
//! line where the closing `---` is missing.

use crate::diag::{codes, Diagnostic};
use std::path::Path;

/// The parts of a guide file around its front matter.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML text between the fences.
    pub yaml: &'a str,
    /// Number of lines before the YAML text (the opening fence).
    pub yaml_line_offset: usize,
    /// Everything after the closing fence.
    pub body: &'a str,
}

/// Splits `---` fenced front matter from the body.
pub fn split<'a>(rel: &Path, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    if text.trim().is_empty() {
        return Err(
            Diagnostic::new(rel, 0, 0, "", codes::E0002, "file is empty")
                .with_help("a guide starts with `---`, its YAML front matter, and `---`"),
        );
    }
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_end].trim_end() != "---" {
        return Err(
            Diagnostic::new(rel, 1, 1, "", codes::E0002, "front matter is missing").with_help(
                "the first line of a guide must be `---`, opening its YAML front matter",
            ),
        );
    }
    let mut pos = first_end;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        let line = text[pos..end].trim_end();
        if line == "---" || line == "..." {
            return Ok(Split {
                yaml: &text[first_end..pos],
                yaml_line_offset: 1,
                body: &text[end..],
            });
        }
        pos = end;
    }
    Err(unclosed(rel, &text[first_end..]))
}

/// E0002 for front matter that is never closed, at the line where the
/// guide's text most likely starts (`rest` follows the opening fence): the
/// first line at the margin that is not a `field:`, a `- ` item or a
/// comment, with the headings and blank lines just before it; else at the
/// last line, as the whole file reads as front matter.
fn unclosed(rel: &Path, rest: &str) -> Diagnostic {
    let lines: Vec<&str> = rest.lines().collect();
    let blank_or_heading = |l: &str| l.trim().is_empty() || l.starts_with('#');
    let field = |l: &str| {
        let l = l.trim_end();
        let name = l
            .split_once(": ")
            .map_or(l.strip_suffix(':'), |(n, _)| Some(n));
        name.is_some_and(|n| !n.is_empty() && !n.contains(' '))
    };
    let yaml = |l: &str| {
        blank_or_heading(l) || l.starts_with([' ', '\t', '-']) || field(l) || l.starts_with("...")
    };
    let prose = lines.iter().position(|l| !yaml(l)).map(|mut at| {
        while at > 0 && blank_or_heading(lines[at - 1]) {
            at -= 1;
        }
        while lines[at].trim().is_empty() {
            at += 1;
        }
        at
    });
    let last = lines.iter().rposition(|l| !l.trim().is_empty());
    let (line, help) = match (prose, last) {
        (Some(at), _) => (
            at + 2,
            format!(
                "add a line `---` above line {}, where the text of the guide starts, to end the front matter that line 1 opens",
                at + 2
            ),
        ),
        (None, Some(at)) => (
            at + 2,
            format!(
                "add a line `---` below line {}, the last front matter field, to end the front matter that line 1 opens",
                at + 2
            ),
        ),
        (None, None) => (1, "add a line `---` after the last front matter field".into()),
    };
    Diagnostic::new(rel, line, 1, "", codes::E0002, "front matter is not closed").with_help(help)
}
