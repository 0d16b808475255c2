//! The schema walk: a marked tree (aliases already expanded) and the JSON
//! Schema derived from the model in, every problem out as a diagnostic at
//! the line and column of the offending value (or key, for unknown and
//! duplicate keys), with its field path.
//!
//! Values are typed by [`crate::guide::resolve`], the same rule the typed
//! model is built with, so a tree this walk accepts always deserialises;
//! serde, which stops at the first error, is only asked once the walk has
//! found nothing wrong.

use crate::diag::{codes, Code, Diagnostic};
use crate::guide::explain::{
    currency_help, kind_name, number_hint, pattern_problem, plural, replacement, type_name,
};
use crate::guide::resolve::{kind, Kind};
use crate::guide::yaml::{path_string, Node, Seg};
use serde_json::{Map, Value};
use std::path::Path;

/// Where the diagnostics go and how YAML positions map to file positions.
pub(crate) struct Walker<'a> {
    root: &'static Value,
    file: &'a Path,
    line_offset: usize,
    /// The file line where a missing top-level field should be added.
    end_line: usize,
    /// How the document is named in messages: "the guide", "site.yaml".
    doc_name: &'static str,
    /// The diagnostics found so far.
    pub out: Vec<Diagnostic>,
    /// The field path of each diagnostic: the values the walk refused (or,
    /// for a missing field, where it belongs), so that the rest of the
    /// tree can still be checked by the rules ([`crate::guide::salvage`]).
    pub flagged: Vec<Vec<Step>>,
}

/// A step of a field path, owned: a key or a list index.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Step {
    /// A mapping key.
    Key(String),
    /// A list index.
    Index(usize),
}

impl From<&Seg<'_>> for Step {
    fn from(seg: &Seg<'_>) -> Step {
        match seg {
            Seg::Key(k) => Step::Key((*k).to_string()),
            Seg::Index(i) => Step::Index(*i),
        }
    }
}

fn matches_type(k: Kind<'_>, t: &str) -> bool {
    matches!(
        (k, t),
        (Kind::Null, "null")
            | (Kind::Bool(_), "boolean")
            | (Kind::Int(_), "integer" | "number")
            | (Kind::Num(_), "number")
            | (Kind::Str(_), "string")
            | (Kind::Seq(_), "array")
            | (Kind::Map(_), "object")
    )
}

fn types(schema: &Map<String, Value>) -> Vec<&str> {
    match schema.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

impl<'a> Walker<'a> {
    /// A walker for one file. `line_offset` is the number of lines before
    /// the YAML text in the file.
    pub(crate) fn new(root: &'static Value, file: &'a Path, line_offset: usize) -> Walker<'a> {
        Walker {
            root,
            file,
            line_offset,
            end_line: 0,
            doc_name: "the guide",
            out: Vec::new(),
            flagged: Vec::new(),
        }
    }

    /// Names the document in messages (default "the guide").
    pub(crate) fn named(mut self, doc_name: &'static str) -> Self {
        self.doc_name = doc_name;
        self
    }

    /// The file line where missing top-level fields belong (a guide's
    /// closing `---`); without it they point at the document's first key.
    pub(crate) fn end_line(mut self, line: usize) -> Self {
        self.end_line = line;
        self
    }

    /// Walks a whole document.
    pub(crate) fn walk(&mut self, node: &Node) {
        let mut path = Vec::new();
        self.value(node, self.root, &mut path, None);
    }

    fn resolve(&self, schema: &'static Value) -> &'static Map<String, Value> {
        crate::guide::schema::resolve(self.root, schema)
    }

    fn push(
        &mut self,
        line: usize,
        column: usize,
        path: &[Seg<'_>],
        code: &'static Code,
        message: String,
        help: Option<String>,
    ) {
        let mut d = Diagnostic::new(
            self.file,
            line + self.line_offset,
            column,
            path_string(path),
            code,
            message,
        );
        d.help = help.filter(|h| !h.is_empty());
        self.out.push(d);
        self.flagged.push(path.iter().map(Step::from).collect());
    }

    /// Checks `node` against `schema`. `owner` is the key node the value
    /// belongs to, used to place "missing field" errors.
    fn value<'n>(
        &mut self,
        node: &'n Node,
        schema: &'static Value,
        path: &mut Vec<Seg<'n>>,
        owner: Option<&'n Node>,
    ) {
        let s = self.resolve(schema);
        let k = kind(node);
        if let Some(allowed) = crate::guide::schema::enum_values(s) {
            match k {
                Kind::Str(text) => self.enum_value(node, text, &allowed, path),
                _ => {
                    let field = path_string(path);
                    self.push(
                        node.line,
                        node.column,
                        path,
                        codes::E0104,
                        format!(
                            "`{field}` should be one of the allowed values, not {}",
                            kind_name(k)
                        ),
                        Some(format!("allowed values: {}", allowed.join(", "))),
                    );
                }
            }
            return;
        }
        if let Some(branches) = s.get("anyOf").or_else(|| s.get("oneOf")) {
            self.any_of(node, branches, path, owner);
            return;
        }
        let ts = types(s);
        if !ts.is_empty() && !ts.iter().any(|t| matches_type(k, t)) {
            self.wrong_type(node, k, &ts, path);
            return;
        }
        match k {
            Kind::Str(text) => self.string(node, text, s, path),
            Kind::Int(n) | Kind::Num(n) => self.number(node, n, s, path),
            Kind::Seq(items) => {
                if let Some(min) = s.get("minItems").and_then(Value::as_u64) {
                    if (items.len() as u64) < min {
                        let field = path_string(path);
                        self.push(
                            node.line,
                            node.column,
                            path,
                            codes::E0201,
                            format!("`{field}` needs at least {min} item{}", plural(min)),
                            Some("add items as `- text` lines below the field".into()),
                        );
                    }
                }
                if let Some(item_schema) = s.get("items") {
                    for (i, item) in items.iter().enumerate() {
                        path.push(Seg::Index(i));
                        self.value(item, item_schema, path, None);
                        path.pop();
                    }
                }
            }
            Kind::Map(entries) => self.object(node, entries, s, path, owner),
            Kind::Null | Kind::Bool(_) => {}
        }
    }

    fn any_of<'n>(
        &mut self,
        node: &'n Node,
        branches: &'static Value,
        path: &mut Vec<Seg<'n>>,
        owner: Option<&'n Node>,
    ) {
        let Some(branches) = branches.as_array() else {
            return;
        };
        let k = kind(node);
        let before = self.out.len();
        let mut best: Option<(Vec<Diagnostic>, Vec<Vec<Step>>)> = None;
        let mut expected = Vec::new();
        for branch in branches {
            self.value(node, branch, path, owner);
            let found: Vec<Diagnostic> = self.out.drain(before..).collect();
            let flagged: Vec<Vec<Step>> = self.flagged.drain(before..).collect();
            if found.is_empty() {
                return;
            }
            let bs = self.resolve(branch);
            let ts = types(bs);
            // A branch without a type (a nested `anyOf`) may still fit.
            let fits = if ts.is_empty() {
                !found
                    .iter()
                    .any(|d| d.code == codes::E0103 && d.line == node.line)
            } else {
                ts.iter().any(|t| matches_type(k, t))
            };
            expected.extend(ts.into_iter().filter(|t| *t != "null"));
            if fits && best.as_ref().is_none_or(|b| found.len() < b.0.len()) {
                best = Some((found, flagged));
            }
        }
        match best {
            Some((found, flagged)) => {
                self.out.extend(found);
                self.flagged.extend(flagged);
            }
            None => {
                expected.dedup();
                self.wrong_type(node, k, &expected, path);
            }
        }
    }

    fn wrong_type(&mut self, node: &Node, k: Kind<'_>, expected: &[&str], path: &[Seg<'_>]) {
        let field = path_string(path);
        let mut names: Vec<&str> = expected
            .iter()
            .filter(|t| **t != "null")
            .map(|t| type_name(t))
            .collect();
        names.dedup();
        let want = names.join(" or ");
        if k == Kind::Null {
            let code = if expected.contains(&"string") {
                codes::E0202
            } else {
                codes::E0103
            };
            self.push(
                node.line,
                node.column,
                path,
                code,
                format!("`{field}` is empty; it should be {want}"),
                Some(format!("give `{field}` a value, or remove the line")),
            );
            return;
        }
        let help = match (k, expected.first().copied()) {
            (Kind::Str(_), Some("array")) => {
                Some("write each item on its own line starting with `- `, or as [a, b]".into())
            }
            (Kind::Str(v), Some("number" | "integer")) => Some(format!(
                "write the number without quotes, units or suffixes{}",
                number_hint(v)
            )),
            (Kind::Str(_), Some("boolean")) => Some("write `true` or `false`".into()),
            (Kind::Int(_) | Kind::Num(_) | Kind::Bool(_), Some("string")) => {
                Some("put the value in quotes to make it text".into())
            }
            (Kind::Map(_), Some("string")) => {
                Some("if the text contains `: `, put it in quotes".into())
            }
            _ => None,
        };
        self.push(
            node.line,
            node.column,
            path,
            codes::E0103,
            format!("`{field}` should be {want}, not {}", kind_name(k)),
            help,
        );
    }

    fn enum_value(&mut self, node: &Node, text: &str, allowed: &[&str], path: &[Seg<'_>]) {
        if allowed.contains(&text) {
            return;
        }
        let field = path_string(path);
        let mut help = format!("allowed values: {}", allowed.join(", "));
        let best = crate::util::suggest::closest(&text.to_lowercase(), allowed.iter().copied());
        if let Some(best) = best {
            help = format!("did you mean `{best}`? {help}");
        }
        self.push(
            node.line,
            node.column,
            path,
            codes::E0104,
            format!("`{text}` is not an allowed value for `{field}`"),
            Some(help),
        );
        self.suggest(best);
    }

    /// Gives the diagnostic just pushed the text that likely belongs there.
    fn suggest(&mut self, suggestion: Option<&str>) {
        if let (Some(d), Some(s)) = (self.out.last_mut(), suggestion) {
            d.suggestion = Some(s.to_string());
        }
    }

    fn string(&mut self, node: &Node, text: &str, s: &Map<String, Value>, path: &[Seg<'_>]) {
        if let Some(min) = s.get("minLength").and_then(Value::as_u64) {
            // Text of spaces or zero-width characters is there to YAML and
            // empty to a reader: it counts as empty.
            let blank = crate::util::text::is_blank(text);
            if blank || (text.chars().count() as u64) < min {
                let field = path_string(path);
                let message = if text.is_empty() {
                    format!("`{field}` must not be empty")
                } else {
                    format!(
                        "`{field}` shows nothing: it holds only spaces or invisible characters such as zero-width spaces"
                    )
                };
                self.push(node.line, node.column, path, codes::E0202, message, None);
                return;
            }
        }
        if s.get("format").and_then(Value::as_str) == Some("date")
            && crate::guide::model::Date::parse(text).is_none()
        {
            self.push(
                node.line,
                node.column,
                path,
                codes::E0107,
                format!("`{text}` is not a valid date"),
                Some("write a real calendar date as YYYY-MM-DD, e.g. 2026-02-28".into()),
            );
            return;
        }
        let name = path.iter().rev().find_map(|s| match s {
            Seg::Key(k) => Some(*k),
            Seg::Index(_) => None,
        });
        if let Some(pattern) = s.get("pattern").and_then(Value::as_str) {
            if !crate::guide::schema::pattern_matches(pattern, text) {
                let (code, message, help) = pattern_problem(name.unwrap_or(""), text);
                self.push(node.line, node.column, path, code, message, Some(help));
                self.suggest(replacement(name.unwrap_or(""), text).as_deref());
                return;
            }
        }
        // Semantic checks the schema can only approximate.
        match name {
            Some("currency") if !crate::util::currency::is_known(text) => {
                self.push(
                    node.line,
                    node.column,
                    path,
                    codes::E0203,
                    format!("`{text}` is not an ISO 4217 currency code"),
                    Some(currency_help(text)),
                );
                self.suggest(replacement("currency", text).as_deref());
            }
            Some("as_of") if crate::guide::model::PartialDate::parse(text).is_none() => {
                let (code, message, help) = pattern_problem("as_of", text);
                self.push(node.line, node.column, path, code, message, Some(help));
            }
            _ => {}
        }
    }

    fn number(&mut self, node: &Node, n: f64, s: &Map<String, Value>, path: &[Seg<'_>]) {
        let too_low = match (
            s.get("exclusiveMinimum").and_then(Value::as_f64),
            s.get("minimum").and_then(Value::as_f64),
        ) {
            (Some(m), _) if n.is_nan() || n <= m => Some(format!("greater than {m}")),
            (_, Some(m)) if n.is_nan() || n < m => Some(format!("at least {m}")),
            _ => None,
        };
        let too_high = s
            .get("maximum")
            .and_then(Value::as_f64)
            .filter(|m| n > *m)
            .map(|m| format!("at most {m}"));
        let field = || path_string(path);
        if let Some(bound) = too_low.or(too_high) {
            let field = field();
            self.push(
                node.line,
                node.column,
                path,
                codes::E0204,
                format!(
                    "`{field}` must be {bound}, not {}",
                    node.as_str().unwrap_or("")
                ),
                None,
            );
        } else if !n.is_finite() {
            let field = field();
            self.push(
                node.line,
                node.column,
                path,
                codes::E0204,
                format!("`{field}` must be a finite number"),
                None,
            );
        }
    }

    fn object<'n>(
        &mut self,
        node: &'n Node,
        entries: &'n [(Node, Node)],
        s: &'static Map<String, Value>,
        path: &mut Vec<Seg<'n>>,
        owner: Option<&'n Node>,
    ) {
        static EMPTY: std::sync::OnceLock<Map<String, Value>> = std::sync::OnceLock::new();
        let props = s
            .get("properties")
            .and_then(Value::as_object)
            .unwrap_or_else(|| EMPTY.get_or_init(Map::new));
        let closed = s.get("additionalProperties") == Some(&Value::Bool(false));
        let required: Vec<&str> = s
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let given = |name: &str| entries.iter().any(|(k, _)| k.as_str() == Some(name));
        // Unknown keys that most likely misspell a missing required field:
        // the diagnostic's index and the field.
        let mut misspelled: Vec<(usize, &str)> = Vec::new();
        for (i, (key, value)) in entries.iter().enumerate() {
            let first = entries[..i]
                .iter()
                .find(|(k, _)| k.as_str().is_some() && k.as_str() == key.as_str());
            if let (Some((first, _)), Some(name)) = (first, key.as_str()) {
                path.push(Seg::Key(name));
                self.push(
                    key.line,
                    key.column,
                    path,
                    codes::E0105,
                    format!("`{name}` is given twice"),
                    Some(format!(
                        "it is first given on line {}; keep one of them",
                        first.line + self.line_offset
                    )),
                );
                path.pop();
                continue;
            }
            let Some(name) = key.as_str() else {
                self.push(
                    key.line,
                    key.column,
                    path,
                    codes::E0101,
                    "a field name must be plain text".into(),
                    None,
                );
                continue;
            };
            path.push(Seg::Key(name));
            match props.get(name) {
                Some(p) => self.value(value, p, path, Some(key)),
                None if closed => {
                    let parent = path_string(&path[..path.len() - 1]);
                    let known: Vec<&str> = props.keys().map(String::as_str).collect();
                    let place = if parent.is_empty() {
                        format!("in {}", self.doc_name)
                    } else {
                        format!("in `{parent}`")
                    };
                    let best = crate::util::suggest::closest(name, known.iter().copied());
                    if let Some(best) = best.filter(|b| required.contains(b) && !given(b)) {
                        if misspelled.iter().all(|(_, f)| *f != best) {
                            misspelled.push((self.out.len(), best));
                        }
                    }
                    let help = match best {
                        Some(best) => format!("did you mean `{best}`?"),
                        None => format!("known fields: {}", known.join(", ")),
                    };
                    self.push(
                        key.line,
                        key.column,
                        path,
                        codes::E0101,
                        format!("unknown field `{name}` {place}"),
                        Some(help),
                    );
                    self.suggest(best);
                }
                None => {}
            }
            path.pop();
        }
        let mut missing = required;
        missing.retain(|r| !given(r));
        for name in missing {
            // `titel:` for a missing `title`: one diagnostic, at the key.
            if let Some(&(at, _)) = misspelled.iter().find(|(_, f)| *f == name) {
                let d = &mut self.out[at];
                let typo = d.field.rsplit('.').next().unwrap_or("").to_string();
                d.message = format!("{}; did you mean `{name}`, which is required?", d.message);
                d.help = Some(format!("rename `{typo}` to `{name}`"));
                continue;
            }
            // Point at the key that owns this mapping, or at the opening
            // fence for the document itself.
            let (line, column) = match owner {
                Some(k) => (k.line, k.column),
                None if path.is_empty() && self.end_line > 0 => {
                    (self.end_line - self.line_offset, 1)
                }
                None => entries
                    .first()
                    .map_or((node.line, node.column), |(k, _)| (k.line, k.column)),
            };
            path.push(Seg::Key(name));
            let parent = path_string(&path[..path.len() - 1]);
            let place = if parent.is_empty() {
                self.doc_name.to_string()
            } else {
                format!("`{parent}`")
            };
            let what = props
                .get(name)
                .and_then(|p| p.get("description"))
                .and_then(Value::as_str)
                .map(|d| format!(": {}", d.replace('\n', " ")))
                .unwrap_or_default();
            self.push(
                line,
                column,
                path,
                codes::E0102,
                format!("{place} is missing the required field `{name}`"),
                Some(format!("add a `{name}` field{what}")),
            );
            path.pop();
        }
    }
}
