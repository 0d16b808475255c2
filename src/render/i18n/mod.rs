//! The words of a theme in the site's language: translation files in,
//! [`Strings`] out, for templates (the `t` function) and for the titles and
//! labels the renderers write themselves.
//!
//! A translation file is YAML: nested mappings whose leaves are texts, keys
//! joined with dots (`nav.paths`). A leaf may instead be a mapping of CLDR
//! plural categories (`one`, `other`, ...), chosen by a count with the
//! language's plural rules (`icu_plurals`). `{name}` in a text is filled from
//! the call's arguments, numbers in the language's notation
//! ([`format`]).
//!
//! The built-in languages are embedded from `themes/default/i18n/`; a
//! theme's `i18n/<lang>.yaml` overrides them key by key, and adds
//! languages. A key the language lacks falls back to English, which `check`
//! reports (W0405).

pub(crate) mod format;
mod functions;

use crate::diag::{codes, Diagnostic};
use crate::guide::yaml::{parse_tree, Node, NodeKind};
use format::Formats;
pub(crate) use functions::{DateFilter, ListFilter, NumberFilter, Translate};
use icu_plurals::{PluralCategory, PluralRules};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

macro_rules! embed_languages {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../../themes/default/i18n/", $name, ".yaml")))),*]
    };
}

/// The built-in translation files, by language tag; English first.
pub const BUILT_IN: &[(&str, &str)] = embed_languages!("en", "de", "fr", "es", "pt-BR");

/// The language every other one falls back to.
pub const FALLBACK: &str = "en";

/// The CLDR plural categories, in the order a translation file lists them.
const CATEGORIES: [(&str, PluralCategory); 6] = [
    ("zero", PluralCategory::Zero),
    ("one", PluralCategory::One),
    ("two", PluralCategory::Two),
    ("few", PluralCategory::Few),
    ("many", PluralCategory::Many),
    ("other", PluralCategory::Other),
];

/// One entry of a translation file.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Text {
    /// A text without plural forms.
    Plain(String),
    /// Forms by plural category (indexes of [`CATEGORIES`]); `other`
    /// is always there.
    Plural([Option<String>; 6]),
}

/// The texts of one language, by key, with where each came from.
#[derive(Debug, Default, Clone)]
struct Catalog {
    texts: HashMap<String, Text>,
}

/// The words of one language with English behind them, and the
/// language's notation for numbers, dates and lists.
pub struct Strings {
    /// The language tag, as `site.yaml` gives it.
    pub language: String,
    own: Catalog,
    english: Catalog,
    rules: PluralRules,
    /// Numbers, money, dates and lists in this language.
    pub formats: Formats,
    /// The file that added or overrode this language, for the warnings.
    source: Option<PathBuf>,
}

impl std::fmt::Debug for Strings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Strings")
            .field("language", &self.language)
            .finish_non_exhaustive()
    }
}

/// A value for a `{name}` in a text.
#[derive(Debug, Clone, Copy)]
pub enum Arg<'a> {
    /// Printed as it is.
    Str(&'a str),
    /// Printed in the language's notation (`1,234`, `1.234`).
    Num(f64),
}

impl Strings {
    /// The text of `key` without plural forms or arguments: the
    /// language's, else English's, else the key itself.
    pub fn text(&self, key: &str) -> String {
        self.get(key, None, &[])
    }

    /// The text of `key` for `count` (its plural form when it has forms),
    /// with `{count}` and each `{name}` of `args` filled in.
    pub fn get(&self, key: &str, count: Option<f64>, args: &[(&str, Arg<'_>)]) -> String {
        self.render(key, count, args, false)
    }

    /// The text of `key` with its one `{name}` filled with `value`.
    pub fn with(&self, key: &str, name: &str, value: &str) -> String {
        self.get(key, None, &[(name, Arg::Str(value))])
    }

    /// The text of `key` for `count`, with its one `{name}` filled with
    /// `value`.
    pub fn count_with(&self, key: &str, count: usize, name: &str, value: &str) -> String {
        self.get(key, Some(count as f64), &[(name, Arg::Str(value))])
    }

    /// [`Strings::get`], as HTML when `html`: the text escaped for text and
    /// double-quoted attributes, the arguments like any template value.
    fn render(
        &self,
        key: &str,
        count: Option<f64>,
        args: &[(&str, Arg<'_>)],
        html: bool,
    ) -> String {
        let (text, rules) = match self.own.texts.get(key) {
            Some(t) => (t, &self.rules),
            None => match self.english.texts.get(key) {
                Some(t) => (t, &*ENGLISH_RULES),
                None => return key.to_string(),
            },
        };
        let pattern = match text {
            Text::Plain(s) => s.as_str(),
            Text::Plural(forms) => {
                let category = count.map_or(PluralCategory::Other, |n| category(rules, n));
                let at = CATEGORIES
                    .iter()
                    .position(|(_, c)| *c == category)
                    .unwrap_or(5);
                forms[at].as_deref().or(forms[5].as_deref()).unwrap_or("")
            }
        };
        if html {
            self.fill(&escape_text(pattern), count, args, true)
        } else {
            self.fill(pattern, count, args, false)
        }
    }

    /// `pattern` with `{count}` and the `{name}`s of `args` replaced; a
    /// name without a value stays as written.
    fn fill(
        &self,
        pattern: &str,
        count: Option<f64>,
        args: &[(&str, Arg<'_>)],
        html: bool,
    ) -> String {
        if !pattern.contains('{') {
            return pattern.to_string();
        }
        let mut out = String::with_capacity(pattern.len() + 16);
        let mut rest = pattern;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else {
                out.push_str(&rest[open..]);
                return out;
            };
            let name = &after[..close];
            let given = || args.iter().find(|(n, _)| *n == name).map(|(_, v)| *v);
            let value = match count {
                Some(n) if name == "count" => Some(Arg::Num(n)),
                _ => given(),
            };
            match value {
                Some(Arg::Str(s)) if html => out.push_str(&crate::util::html::escape_html(s)),
                Some(Arg::Str(s)) => out.push_str(s),
                Some(Arg::Num(n)) => out.push_str(&self.formats.number(n)),
                None => out.push_str(&rest[open..open + close + 2]),
            }
            rest = &after[close + 1..];
        }
        out.push_str(rest);
        out
    }

    /// Every text under `prefix` (`search.script`) as a JSON object by the
    /// rest of the key, plural forms as an object by CLDR category, for a
    /// script to fill in (placeholders stay as written).
    pub fn group(&self, prefix: &str) -> serde_json::Value {
        let dotted = format!("{prefix}.");
        let mut out = serde_json::Map::new();
        for key in self.english.texts.keys().filter(|k| k.starts_with(&dotted)) {
            let text = self
                .own
                .texts
                .get(key)
                .or_else(|| self.english.texts.get(key));
            let value = match text {
                Some(Text::Plain(s)) => serde_json::Value::String(s.clone()),
                Some(Text::Plural(forms)) => serde_json::Value::Object(
                    CATEGORIES
                        .iter()
                        .zip(forms)
                        .filter_map(|((name, _), f)| {
                            Some((name.to_string(), serde_json::Value::String(f.clone()?)))
                        })
                        .collect(),
                ),
                None => continue,
            };
            out.insert(key[dotted.len()..].to_string(), value);
        }
        serde_json::Value::Object(out)
    }

    /// Whether `key` has an English text (so a template may use it).
    pub fn has_key(&self, key: &str) -> bool {
        self.english.texts.contains_key(key)
    }

    /// The English keys this language has no text for, sorted.
    pub fn missing(&self) -> Vec<&str> {
        let mut keys: Vec<&str> = self
            .english
            .texts
            .keys()
            .filter(|k| !self.own.texts.contains_key(*k))
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        keys
    }

    /// Every English text, each plural form on its own, for tests that
    /// look for English left on a page in another language.
    pub fn english_texts(&self) -> Vec<String> {
        let mut all = Vec::new();
        for t in self.english.texts.values() {
            match t {
                Text::Plain(s) => all.push(s.clone()),
                Text::Plural(forms) => all.extend(forms.iter().flatten().cloned()),
            }
        }
        all.sort();
        all
    }
}

static ENGLISH_RULES: std::sync::LazyLock<PluralRules> =
    std::sync::LazyLock::new(|| rules_for(FALLBACK).expect("CLDR has English plural rules"));

fn rules_for(tag: &str) -> Option<PluralRules> {
    let locale: icu_locale_core::Locale = tag.parse().ok()?;
    PluralRules::try_new_cardinal((&locale).into()).ok()
}

fn category(rules: &PluralRules, n: f64) -> PluralCategory {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        rules.category_for(n.abs() as u64)
    } else {
        match format!("{}", n.abs()).parse::<fixed_decimal::Decimal>() {
            Ok(d) => rules.category_for(&d),
            Err(_) => PluralCategory::Other,
        }
    }
}

/// Loads the words of `language` for theme `theme` of the site at `root`:
/// the built-in file, then the theme's `i18n/<language>.yaml`, key by key;
/// English the same way. A region's tag (`de-AT`) starts from its
/// language's (`de`). Errors are files that do not parse or hold something
/// other than texts and plural forms (E0403).
pub fn load(root: &Path, theme: &str, language: &str) -> Result<Strings, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let mut catalog_for = |tag: &str| {
        let mut c = Catalog::default();
        let mut source = None;
        let base = tag.split(['-', '_']).next().unwrap_or(tag);
        let real_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        for t in dedup([base, tag]) {
            if let Some((_, text)) = BUILT_IN.iter().find(|(n, _)| n.eq_ignore_ascii_case(t)) {
                let name = PathBuf::from(format!("(built-in)/i18n/{t}.yaml"));
                c.merge(read(text, &name, &mut diags));
            }
            let rel = Path::new("themes")
                .join(theme)
                .join("i18n")
                .join(format!("{t}.yaml"));
            let full = root.join(&rel);
            // A file linked from outside the site root is not read, as
            // for templates.
            if !std::fs::canonicalize(&full).is_ok_and(|p| p.starts_with(&real_root) && p.is_file())
            {
                continue;
            }
            match std::fs::read_to_string(&full) {
                Ok(text) => {
                    c.merge(read(&text, &rel, &mut diags));
                    source = Some(rel);
                }
                Err(e) => diags.push(Diagnostic::new(
                    &rel,
                    0,
                    0,
                    "",
                    codes::E0006,
                    format!("cannot read file: {e}"),
                )),
            }
        }
        (c, source)
    };
    let (english, _) = catalog_for(FALLBACK);
    let (own, source) = if language.eq_ignore_ascii_case(FALLBACK) {
        (english.clone(), None)
    } else {
        catalog_for(language)
    };
    if !diags.is_empty() {
        return Err(diags);
    }
    let rules = rules_for(language)
        .or_else(|| rules_for(FALLBACK))
        .expect("CLDR has English plural rules");
    Ok(Strings {
        language: language.to_string(),
        own,
        english,
        rules,
        formats: Formats::new(language),
        source,
    })
}

fn dedup(tags: [&str; 2]) -> Vec<&str> {
    if tags[0] == tags[1] {
        vec![tags[0]]
    } else {
        tags.to_vec()
    }
}

impl Catalog {
    fn merge(&mut self, other: Catalog) {
        self.texts.extend(other.texts);
    }
}

/// The entries of translation file `name` with text `text`; problems go to
/// `diags` as E0403 at their line and column.
fn read(text: &str, name: &Path, diags: &mut Vec<Diagnostic>) -> Catalog {
    let mut c = Catalog::default();
    let bad = |line: usize, column: usize, field: &str, message: String| {
        Diagnostic::new(name, line, column, field, codes::E0403, message)
    };
    let root = match parse_tree(text) {
        Ok(Some(root)) => root,
        Ok(None) => return c,
        Err(e) => {
            diags.push(bad(e.line, e.column, "", e.message));
            return c;
        }
    };
    let mut stack: Vec<(String, &Node)> = vec![(String::new(), &root)];
    while let Some((prefix, node)) = stack.pop() {
        let NodeKind::Map(entries) = &node.kind else {
            diags.push(bad(
                node.line,
                node.column,
                &prefix,
                "a translation file holds `key: text` lines, grouped under keys".into(),
            ));
            continue;
        };
        for (k, v) in entries.iter().rev() {
            let Some(key) = k.as_str() else { continue };
            let full = if prefix.is_empty() {
                key.to_string()
            } else {
                format!("{prefix}.{key}")
            };
            match &v.kind {
                NodeKind::Scalar { value, .. } => {
                    c.texts.insert(full, Text::Plain(value.clone()));
                }
                NodeKind::Map(forms) if is_plural(forms) => match plural(forms) {
                    Ok(t) => {
                        c.texts.insert(full, t);
                    }
                    Err((node, message)) => {
                        diags.push(bad(node.line, node.column, &full, message));
                    }
                },
                NodeKind::Map(_) => stack.push((full, v)),
                NodeKind::Seq(_) => diags.push(bad(
                    v.line,
                    v.column,
                    &full,
                    format!("`{full}` is a list; a translation is a text or plural forms"),
                )),
            }
        }
    }
    c
}

/// A mapping is plural forms when one of its keys is `other`.
fn is_plural(forms: &[(Node, Node)]) -> bool {
    forms.iter().any(|(k, _)| k.as_str() == Some("other"))
}

fn plural(forms: &[(Node, Node)]) -> Result<Text, (&Node, String)> {
    let mut out: [Option<String>; 6] = Default::default();
    for (k, v) in forms {
        let name = k.as_str().unwrap_or("");
        let Some(at) = CATEGORIES.iter().position(|(n, _)| *n == name) else {
            return Err((
                k,
                format!(
                    "`{name}` is not a CLDR plural category (zero, one, two, few, many, other)"
                ),
            ));
        };
        let NodeKind::Scalar { value, .. } = &v.kind else {
            return Err((v, format!("the `{name}` form must be a text")));
        };
        out[at] = Some(value.clone());
    }
    Ok(Text::Plural(out))
}

/// The keys a template names literally, `t(key="nav.paths")`, with their
/// 1-based line and column.
pub(crate) fn literal_keys(text: &str) -> Vec<(String, usize, usize)> {
    static CALL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r#"\bt\(\s*key\s*=\s*"([^"]+)"\s*[,)]"#).expect("valid pattern")
    });
    CALL.captures_iter(text)
        .filter_map(|c| {
            let m = c.get(0)?;
            let key = c.get(1)?.as_str().to_string();
            let before = &text[..m.start()];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
            Some((key, line, column))
        })
        .collect()
}

/// `check`'s findings about the words of a theme: a key a template names
/// that no English file has (E0404, the page would fail to render) and,
/// for a language other than English, each key it lacks (W0405, English
/// is shown instead). `templates` are (name, origin, text).
pub(crate) fn check(strings: &Strings, templates: &[(String, PathBuf, String)]) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for (_, origin, text) in templates {
        for (key, line, column) in literal_keys(text) {
            if !strings.has_key(&key) {
                diags.push(
                    Diagnostic::new(
                        origin,
                        line,
                        column,
                        "",
                        codes::E0404,
                        format!("no translation file has the key `{key}`"),
                    )
                    .with_help("add it to the theme's i18n/en.yaml (and the other languages)"),
                );
            }
        }
    }
    if strings.language.eq_ignore_ascii_case(FALLBACK) {
        return diags;
    }
    let base = strings.language.split(['-', '_']).next().unwrap_or("");
    let built_in = BUILT_IN
        .iter()
        .any(|(n, _)| n.eq_ignore_ascii_case(&strings.language) || n.eq_ignore_ascii_case(base));
    let Some(file) = strings.source.clone().or_else(|| {
        built_in.then(|| PathBuf::from(format!("(built-in)/i18n/{}.yaml", strings.language)))
    }) else {
        // No file at all for the language: one warning, not one a key.
        diags.push(
            Diagnostic::new(
                "site.yaml",
                0,
                0,
                "language",
                codes::W0405,
                format!(
                    "no translation file for `{}`; every word of the theme is shown in English",
                    strings.language
                ),
            )
            .with_help(format!(
                "add themes/<theme>/i18n/{}.yaml (docs/localisation.md)",
                strings.language
            )),
        );
        return diags;
    };
    for key in strings.missing() {
        diags.push(
            Diagnostic::new(
                &file,
                1,
                1,
                key,
                codes::W0405,
                format!(
                    "`{key}` has no {} text; the English one is shown",
                    strings.language
                ),
            )
            .with_help(format!(
                "add `{key}` to themes/<theme>/i18n/{}.yaml",
                strings.language
            )),
        );
    }
    diags
}

/// A translation as it goes into HTML: `&`, `<`, `>` and `"` escaped, so
/// it fits in text and in a double-quoted attribute. An apostrophe stays,
/// as it would written in the template.
fn escape_text(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains(['&', '<', '>', '"']) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The built-in English words, for what compares rendered text without a
/// theme (the incremental rebuild's view of a guide's map) and for tests.
pub(crate) fn english() -> &'static Strings {
    static ENGLISH: std::sync::LazyLock<Strings> = std::sync::LazyLock::new(|| {
        load(Path::new("/nonexistent"), "default", FALLBACK).expect("the built-in English loads")
    });
    &ENGLISH
}

/// The built-in file of `language`, for tests.
pub fn built_in(language: &str) -> Option<&'static str> {
    BUILT_IN
        .iter()
        .find(|(n, _)| *n == language)
        .map(|(_, t)| *t)
}

/// Every key of a translation file and its texts (each plural form on its
/// own), for tests.
pub fn texts_of(text: &str) -> BTreeMap<String, Vec<String>> {
    let mut diags = Vec::new();
    read(text, Path::new("-"), &mut diags)
        .texts
        .into_iter()
        .map(|(k, t)| {
            let v = match t {
                Text::Plain(s) => vec![s],
                Text::Plural(f) => f.into_iter().flatten().collect(),
            };
            (k, v)
        })
        .collect()
}

#[cfg(test)]
mod tests;
