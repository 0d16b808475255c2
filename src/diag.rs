//! Diagnostics: what is wrong with an input, where, and how to say it.
//!
//! Every stage that reads author input reports problems as [`Diagnostic`]
//! values rather than failing on the first one, so `check` and `build` can
//! show every problem in every file in one run.

use serde::Serialize;
use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Blocks the build.
    Error,
    /// Reported, does not block.
    Warning,
}

impl Severity {
    /// `error` or `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One problem in one input file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// The file, relative to the site root where possible.
    pub file: PathBuf,
    /// 1-based line in the file (0 when the problem is the file as a whole).
    pub line: usize,
    /// 1-based column in characters (0 when unknown).
    pub column: usize,
    /// The field path, e.g. `salary.ranges[1].max` (empty for file-level problems).
    pub field: String,
    /// A stable code such as `E0101`, documented in `docs/guide-format.md`.
    pub code: &'static str,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in words an author understands.
    pub message: String,
    /// An optional hint: a suggestion or the allowed values.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl Diagnostic {
    /// A new error at `file:line:column`.
    pub fn error(
        file: impl Into<PathBuf>,
        line: usize,
        column: usize,
        field: impl Into<String>,
        code: &'static str,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            file: file.into(),
            line,
            column,
            field: field.into(),
            code,
            severity: Severity::Error,
            message: message.into(),
            help: None,
        }
    }

    /// Turns an error into a warning.
    pub fn warning(mut self) -> Diagnostic {
        self.severity = Severity::Warning;
        self
    }

    /// Adds a hint.
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// `file:line:column`, omitting unknown parts.
    pub fn location(&self) -> String {
        let mut s = self.file.display().to_string();
        if self.line > 0 {
            s.push_str(&format!(":{}", self.line));
            if self.column > 0 {
                s.push_str(&format!(":{}", self.column));
            }
        }
        s
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}[{}]: ",
            self.location(),
            self.severity.as_str(),
            self.code
        )?;
        if !self.field.is_empty() {
            write!(f, "`{}`: ", self.field)?;
        }
        write!(f, "{}", self.message)?;
        if let Some(help) = &self.help {
            write!(f, " ({help})")?;
        }
        Ok(())
    }
}

/// The error a build returns when inputs are invalid: every diagnostic found,
/// sorted by file and line. Warnings ride along so they can be printed too.
#[derive(Debug)]
pub struct Invalid(pub Vec<Diagnostic>);

impl Invalid {
    /// Number of errors (not warnings).
    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", summary(&self.0))
    }
}

impl std::error::Error for Invalid {}

/// Sorts diagnostics by file, line, column, then code, so output is stable.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (&a.file, a.line, a.column, a.code, &a.field, &a.message)
            .cmp(&(&b.file, b.line, b.column, b.code, &b.field, &b.message))
    });
}

/// `3 errors, 1 warning in 2 files`.
pub fn summary(diags: &[Diagnostic]) -> String {
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
    let mut files: Vec<&Path> = diags.iter().map(|d| d.file.as_path()).collect();
    files.sort();
    files.dedup();
    format!(
        "{} {}, {} {} in {} {}",
        errors,
        plural(errors, "error", "errors"),
        warnings,
        plural(warnings, "warning", "warnings"),
        files.len(),
        plural(files.len(), "file", "files")
    )
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// Converts a byte offset in `text` to a 1-based (line, column) pair, the
/// column counted in characters.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Renders a diagnostic in the human format: the location line, then the
/// source line with a caret under the column when the source is at hand.
pub fn render_human(d: &Diagnostic, source: Option<&str>) -> String {
    let mut out = format!("{}[{}]: ", d.severity.as_str(), d.code);
    out.push_str(&d.message);
    out.push('\n');
    out.push_str(&format!("  --> {}", d.location()));
    if !d.field.is_empty() {
        out.push_str(&format!(" (field `{}`)", d.field));
    }
    out.push('\n');
    if let (Some(src), true) = (source, d.line > 0) {
        if let Some(text) = src.lines().nth(d.line - 1) {
            let text = text.trim_end_matches('\r');
            let gutter = d.line.to_string();
            let pad = " ".repeat(gutter.len());
            out.push_str(&format!("{pad} |\n{gutter} | {text}\n"));
            if d.column > 0 {
                let lead: String = text
                    .chars()
                    .take(d.column - 1)
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                let width = text
                    .chars()
                    .skip(d.column - 1)
                    .take_while(|c| !c.is_whitespace() && *c != '#')
                    .count()
                    .max(1);
                out.push_str(&format!("{pad} | {lead}{}\n", "^".repeat(width)));
            }
        }
    }
    if let Some(help) = &d.help {
        out.push_str(&format!("  = help: {help}\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters() {
        let text = "ab\ncé x\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 3), (2, 1));
        // 'x' is after "cé " = 4 bytes, 3 chars.
        assert_eq!(line_col(text, 7), (2, 4));
    }

    #[test]
    fn summary_counts_files() {
        let a = Diagnostic::error("a.md", 1, 1, "title", "E1", "x");
        let b = Diagnostic::error("b.md", 2, 1, "", "E2", "y").warning();
        assert_eq!(
            summary(&[a.clone(), a, b]),
            "2 errors, 1 warning in 2 files"
        );
    }

    #[test]
    fn human_format_has_caret_under_value() {
        let d = Diagnostic::error("g.md", 2, 6, "min", "E0201", "bad");
        let out = render_human(&d, Some("---\nmin: \"110k\"\n"));
        assert!(
            out.contains("2 | min: \"110k\"\n  |      ^^^^^^\n"),
            "{out}"
        );
    }
}
