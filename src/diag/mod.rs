//! Diagnostics: what is wrong with an input, where, and how to say it.
//!
//! Every stage that reads author input reports problems as [`Diagnostic`]
//! values rather than failing on the first one, so `check` and `build` can
//! show every problem in every file in one run.

pub mod codes;

pub use codes::Code;
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file, relative to the site root where possible.
    pub file: PathBuf,
    /// 1-based line in the file (0 when the problem is the file as a whole).
    pub line: usize,
    /// 1-based column in characters (0 when unknown).
    pub column: usize,
    /// The field path, e.g. `salary.ranges[1].max` (empty for file-level problems).
    pub field: String,
    /// A stable code such as `E0101` from [`codes`], documented in
    /// `docs/check.md`; it decides the severity.
    pub code: &'static Code,
    /// What is wrong, in words an author understands.
    pub message: String,
    /// An optional hint: a suggestion or the allowed values.
    pub help: Option<String>,
    /// The text that likely belongs where the diagnostic points, when the
    /// help suggests one ("did you mean `salary`?"): what an editor's quick
    /// fix puts in place of the offending key or value.
    pub suggestion: Option<String>,
}

/// A diagnostic serialises as an object with the keys `file`, `line`,
/// `column`, `field`, `code` (its text, such as E0101), `severity`
/// (`"error"` or `"warning"`), `message` and, when there is one, `help`.
impl Serialize for Diagnostic {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Shape<'a> {
            file: &'a Path,
            line: usize,
            column: usize,
            field: &'a str,
            code: &'a str,
            severity: Severity,
            message: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            help: Option<&'a str>,
        }
        Shape {
            file: &self.file,
            line: self.line,
            column: self.column,
            field: &self.field,
            code: self.code.id,
            severity: self.severity(),
            message: &self.message,
            help: self.help.as_deref(),
        }
        .serialize(s)
    }
}

impl Diagnostic {
    /// A new diagnostic at `file:line:column`, an error or a warning as
    /// `code` says.
    pub fn new(
        file: impl Into<PathBuf>,
        line: usize,
        column: usize,
        field: impl Into<String>,
        code: &'static Code,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            file: file.into(),
            line,
            column,
            field: field.into(),
            code,
            message: message.into(),
            help: None,
            suggestion: None,
        }
    }

    /// Adds the text that likely belongs where the diagnostic points.
    pub fn with_suggestion(mut self, suggestion: impl Into<String>) -> Diagnostic {
        self.suggestion = Some(suggestion.into());
        self
    }

    /// Error or warning, as the code says.
    pub fn severity(&self) -> Severity {
        self.code.severity
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
        self.severity() == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}[{}]: ",
            self.location(),
            self.severity().as_str(),
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
        (&a.file, a.line, a.column, a.code.id, &a.field, &a.message)
            .cmp(&(&b.file, b.line, b.column, b.code.id, &b.field, &b.message))
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
    render_human_styled(d, source, false)
}

/// ANSI styles for the human format, those of [`crate::util::term`]; all
/// empty when colour is off.
struct Style {
    head: String,
    accent: String,
    bold: String,
    reset: &'static str,
}

impl Style {
    fn new(severity: Severity, color: bool) -> Style {
        use crate::util::term;
        if !color {
            return Style {
                head: String::new(),
                accent: String::new(),
                bold: String::new(),
                reset: "",
            };
        }
        let head = match severity {
            Severity::Error => term::ERROR,
            Severity::Warning => term::WARNING,
        };
        Style {
            head: head.render().to_string(),
            accent: term::ACCENT.render().to_string(),
            bold: anstyle::Style::new().bold().render().to_string(),
            reset: "\x1b[0m",
        }
    }
}

/// [`render_human`], with ANSI colours when `color` is true.
pub fn render_human_styled(d: &Diagnostic, source: Option<&str>, color: bool) -> String {
    let st = Style::new(d.severity(), color);
    let st = &st;
    let mut out = format!(
        "{}{}[{}]{}{}: {}{}\n",
        st.head,
        d.severity().as_str(),
        d.code,
        st.reset,
        st.bold,
        d.message,
        st.reset
    );
    // rustc aligns the arrow and the help line with the source gutter.
    let pad = " ".repeat(d.line.max(1).to_string().len());
    out.push_str(&format!(
        "{pad}{}-->{} {}",
        st.accent,
        st.reset,
        d.location()
    ));
    if !d.field.is_empty() {
        out.push_str(&format!(" (field `{}`)", d.field));
    }
    out.push('\n');
    if let (Some(src), true) = (source, d.line > 0) {
        if let Some(text) = src.lines().nth(d.line - 1) {
            let (text, column) = excerpt(text.trim_end_matches('\r'), d.column);
            let text = text.as_str();
            let gutter = d.line.to_string();
            let (a, r) = (&st.accent, st.reset);
            out.push_str(&format!("{pad} {a}|{r}\n{a}{gutter} |{r} {text}\n"));
            if column > 0 {
                let lead: String = text
                    .chars()
                    .take(column - 1)
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                let width = value_width(text, column);
                out.push_str(&format!(
                    "{pad} {}|{} {lead}{}{}{}\n",
                    st.accent,
                    st.reset,
                    st.head,
                    "^".repeat(width),
                    st.reset
                ));
            }
        }
    }
    if let Some(help) = &d.help {
        out.push_str(&format!("{pad} {}= help:{} {help}\n", st.bold, st.reset));
    }
    out
}

/// How many characters of `line` from `column` the caret underlines: a
/// quoted string up to its closing quote, a flow list or mapping to the end
/// of the line, anything else up to a space, comment or flow delimiter.
pub fn value_width(line: &str, column: usize) -> usize {
    let rest: Vec<char> = line.chars().skip(column - 1).collect();
    let width = match rest.first() {
        Some(q @ ('"' | '\'')) => rest[1..]
            .iter()
            .position(|c| c == q)
            .map_or(rest.len(), |i| i + 2),
        Some('[' | '{') => rest.len(),
        _ => rest
            .iter()
            .take_while(|c| !c.is_whitespace() && !matches!(c, '#' | ',' | ']' | '}'))
            .count(),
    };
    width.clamp(1, MAX_SHOWN)
}

/// Longest source excerpt shown under a diagnostic, in characters.
const MAX_SHOWN: usize = 100;

/// The part of a long source line around `column`, with `…` where it was
/// cut, and the column within the excerpt.
fn excerpt(line: &str, column: usize) -> (String, usize) {
    let len = line.chars().count();
    if len <= MAX_SHOWN {
        return (line.to_string(), column);
    }
    let start = column.saturating_sub(MAX_SHOWN / 2).min(len - MAX_SHOWN);
    let mut out: String = line.chars().skip(start).take(MAX_SHOWN).collect();
    let mut column = column.saturating_sub(start);
    if start > 0 {
        out.insert(0, '…');
        column += 1;
    }
    if start + MAX_SHOWN < len {
        out.push('…');
    }
    (out, column)
}

/// A path as written in every output format: its components joined by
/// `/`. A `\\` inside a file name (allowed on Unix) stays as it is.
fn slash_path(p: &Path) -> String {
    use std::path::Component;
    let mut out = String::new();
    for c in p.components() {
        match c {
            Component::Prefix(_) => {}
            Component::RootDir => {
                out.push('/');
                continue;
            }
            _ if out.is_empty() || out.ends_with('/') => {}
            _ => out.push('/'),
        }
        out.push_str(&c.as_os_str().to_string_lossy());
    }
    out
}

/// One diagnostic in the JSON format. Field order is part of the format.
#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    file: String,
    line: usize,
    column: usize,
    field: &'a str,
    code: &'a str,
    severity: Severity,
    message: &'a str,
    help: Option<&'a str>,
}

/// The JSON format: a pretty-printed array of objects with the keys `file`,
/// `line`, `column`, `field`, `code`, `severity`, `message` and `help`
/// (`null` when there is none), in that order.
pub fn render_json(diags: &[Diagnostic]) -> String {
    let items: Vec<JsonDiagnostic<'_>> = diags
        .iter()
        .map(|d| JsonDiagnostic {
            file: slash_path(&d.file),
            line: d.line,
            column: d.column,
            field: &d.field,
            code: d.code.id,
            severity: d.severity(),
            message: &d.message,
            help: d.help.as_deref(),
        })
        .collect();
    serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".into())
}

/// Escapes workflow-command data (the message) per the GitHub Actions
/// toolkit: `%`, CR and LF.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow-command property value: as data, plus `:` and `,`.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// The GitHub Actions format: one `::error` or `::warning` workflow command,
/// which GitHub shows as an annotation on the file and line.
pub fn render_github(d: &Diagnostic) -> String {
    let mut props = vec![format!("file={}", escape_property(&slash_path(&d.file)))];
    if d.line > 0 {
        props.push(format!("line={}", d.line));
        if d.column > 0 {
            props.push(format!("col={}", d.column));
        }
    }
    let title = if d.field.is_empty() {
        d.code.id.to_string()
    } else {
        format!("{} {}", d.code, d.field)
    };
    props.push(format!("title={}", escape_property(&title)));
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str(&format!("\nhelp: {help}"));
    }
    format!(
        "::{} {}::{}",
        d.severity().as_str(),
        props.join(","),
        escape_data(&message)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_shown_as_they_are_named() {
        assert_eq!(slash_path(Path::new("guides/x/a.md")), "guides/x/a.md");
        assert_eq!(slash_path(Path::new("/tmp/site/a.md")), "/tmp/site/a.md");
        #[cfg(unix)]
        assert_eq!(slash_path(Path::new("guides/a\\b.md")), "guides/a\\b.md");
        #[cfg(windows)]
        assert_eq!(slash_path(Path::new("guides\\a.md")), "guides/a.md");
    }

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
        let a = Diagnostic::new("a.md", 1, 1, "title", codes::E0202, "x");
        let b = Diagnostic::new("b.md", 2, 1, "", codes::W0501, "y");
        assert_eq!(
            summary(&[a.clone(), a, b]),
            "2 errors, 1 warning in 2 files"
        );
    }

    #[test]
    fn github_format_escapes_data_and_properties() {
        let d = Diagnostic::new("guides/a,b:c.md", 7, 3, "x", codes::E0201, "50% off\nnext")
            .with_help("h\r");
        assert_eq!(
            render_github(&d),
            "::error file=guides/a%2Cb%3Ac.md,line=7,col=3,title=E0201 x::50%25 off%0Anext%0Ahelp: h%0D"
        );
        let w = Diagnostic::new("g.md", 0, 0, "", codes::W0501, "m");
        assert_eq!(render_github(&w), "::warning file=g.md,title=W0501::m");
    }

    #[test]
    fn json_format_keeps_every_key() {
        let d = Diagnostic::new("g.md", 1, 2, "", codes::E0002, "m");
        let v: serde_json::Value = serde_json::from_str(&render_json(&[d])).unwrap();
        assert_eq!(v[0]["help"], serde_json::Value::Null);
        assert_eq!(v[0]["severity"], "error");
        assert_eq!(render_json(&[]), "[]");
    }

    #[test]
    fn serialises_code_and_severity_as_text() {
        let d = Diagnostic::new("g.md", 1, 2, "f", codes::W0501, "m");
        assert_eq!(
            serde_json::to_string(&d).unwrap(),
            format!(
                r#"{{"file":"g.md","line":1,"column":2,"field":"f","code":"{}","severity":"warning","message":"m"}}"#,
                codes::W0501.id
            )
        );
        let v = serde_json::to_value(d.with_help("h")).unwrap();
        assert_eq!(v["help"], "h");
    }

    #[test]
    fn long_lines_are_cut_around_the_column() {
        let line = format!("{}X{}", "a ".repeat(500), "b".repeat(500));
        let d = Diagnostic::new("g.md", 1, 1001, "", codes::E0003, "m");
        let out = render_human(&d, Some(&line));
        let shown = out.lines().nth(3).unwrap();
        assert!(
            shown.starts_with("1 | …") && shown.ends_with('…'),
            "{shown}"
        );
        let caret = out.lines().nth(4).unwrap();
        let col = |s: &str, c: char| s.chars().position(|x| x == c).unwrap();
        assert_eq!(col(caret, '^'), col(shown, 'X'));
    }

    #[test]
    fn caret_covers_the_value_only() {
        assert_eq!(value_width("a: {min: 2, max: 1}", 18), 1);
        assert_eq!(value_width("t: \"a, b\" # c", 4), 6);
        assert_eq!(value_width("t: [a, b]", 4), 6);
        assert_eq!(value_width("t: x", 9), 1);
    }

    #[test]
    fn human_format_has_caret_under_value() {
        let d = Diagnostic::new("g.md", 2, 6, "min", codes::E0201, "bad");
        let out = render_human(&d, Some("---\nmin: \"110k\"\n"));
        assert!(
            out.contains("2 | min: \"110k\"\n  |      ^^^^^^\n"),
            "{out}"
        );
    }
}
