//! The JSON Schema (draft 2020-12) of guide front matter and of `site.yaml`,
//! derived from the types in [`crate::guide::model`] so the two cannot disagree.
//!
//! `careerbook schema` prints the guide schema; the repository ships the same
//! text as `schema/guide.schema.json` for editors, and [`crate::guide::walk`] walks
//! guides against it at run time. [`resolve`] and [`enum_values`] read a
//! schema the one way the walk and the editor support (`crate::lsp`) share.

use crate::guide::model::{FrontMatter, SiteConfig, SkillsFile};
use serde_json::{Map, Value};
use std::sync::OnceLock;

fn generate<T: schemars::JsonSchema>(title: &str) -> Value {
    let mut schema = schemars::SchemaGenerator::default().into_root_schema_for::<T>();
    schema.insert("title".into(), title.into());
    schema.to_value()
}

/// The schema of a guide's front matter. Every text value must show
/// something: an empty `level: ''` or `tags: ['']` is a mistake in a guide,
/// never a value, so every string gets `minLength: 1` (and the walk counts
/// only visible characters).
pub(crate) fn guide() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        let mut schema = generate::<FrontMatter>("careerbook guide front matter");
        require_text(&mut schema);
        schema
    })
}

/// Adds `minLength: 1` to every string schema that has no length of its own.
fn require_text(schema: &mut Value) {
    match schema {
        Value::Object(map) => {
            let is_string = match map.get("type") {
                Some(Value::String(t)) => t == "string",
                Some(Value::Array(ts)) => ts.iter().any(|t| t == "string"),
                _ => false,
            };
            if is_string && !map.contains_key("minLength") && !map.contains_key("enum") {
                map.insert("minLength".into(), 1.into());
            }
            map.values_mut().for_each(require_text);
        }
        Value::Array(items) => items.iter_mut().for_each(require_text),
        _ => {}
    }
}

/// The schema of `site.yaml`.
pub(crate) fn site() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(|| generate::<SiteConfig>("careerbook site.yaml"))
}

/// The schema of `skills.yaml`: every text must show something, as in a
/// guide.
pub(crate) fn skills() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        let mut schema = generate::<SkillsFile>("careerbook skills.yaml");
        require_text(&mut schema);
        schema
    })
}

/// The guide schema as printed by `careerbook schema`: pretty JSON with a
/// trailing newline. Keys come out sorted, so the text is deterministic.
pub(crate) fn guide_text() -> String {
    let mut text = serde_json::to_string_pretty(guide()).unwrap_or_default();
    text.push('\n');
    text
}

/// The object a schema stands for: `schema` itself, or what its `$ref`
/// names in the `$defs` of `root` (followed a few times). A schema that is
/// not an object reads as an empty one.
pub(crate) fn resolve<'s>(root: &'s Value, schema: &'s Value) -> &'s Map<String, Value> {
    static EMPTY: OnceLock<Map<String, Value>> = OnceLock::new();
    let mut schema = schema;
    for _ in 0..8 {
        let Some(r) = schema.get("$ref").and_then(Value::as_str) else {
            break;
        };
        let name = r.rsplit('/').next().unwrap_or("");
        match root.get("$defs").and_then(|d| d.get(name)) {
            Some(target) => schema = target,
            None => break,
        }
    }
    schema
        .as_object()
        .unwrap_or_else(|| EMPTY.get_or_init(Map::new))
}

/// The allowed strings of an enumeration: `enum`, or a `oneOf` of `const`s
/// (how documented enum variants come out of the derive).
pub(crate) fn enum_values(s: &Map<String, Value>) -> Option<Vec<&str>> {
    if let Some(values) = s.get("enum").and_then(Value::as_array) {
        return values.iter().map(Value::as_str).collect();
    }
    let branches = s.get("oneOf")?.as_array()?;
    branches
        .iter()
        .map(|b| b.get("const").and_then(Value::as_str))
        .collect()
}

/// Whether `text` matches `pattern`, one of the schemas' patterns.
pub(crate) fn pattern_matches(pattern: &str, text: &str) -> bool {
    use std::collections::HashMap;
    use std::sync::OnceLock;
    // Every pattern comes from the static schemas: compile them once.
    static COMPILED: OnceLock<HashMap<String, regex::Regex>> = OnceLock::new();
    let compiled = COMPILED.get_or_init(|| {
        let mut found = Vec::new();
        collect_patterns(guide(), &mut found);
        collect_patterns(site(), &mut found);
        collect_patterns(skills(), &mut found);
        found
            .into_iter()
            .filter_map(|p| Some((p.clone(), regex::Regex::new(&p).ok()?)))
            .collect()
    });
    compiled.get(pattern).is_none_or(|re| re.is_match(text))
}

fn collect_patterns(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            if let Some(Value::String(p)) = m.get("pattern") {
                out.push(p.clone());
            }
            m.values().for_each(|c| collect_patterns(c, out));
        }
        Value::Array(a) => a.iter().for_each(|c| collect_patterns(c, out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    /// `schema/skills.schema.json`, shipped for editors, is this schema.
    #[test]
    fn the_shipped_skills_schema_is_current() {
        let mut text = serde_json::to_string_pretty(super::skills()).unwrap_or_default();
        text.push('\n');
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/skills.schema.json");
        if std::env::var_os("CAREERBOOK_WRITE_SCHEMA").is_some() {
            std::fs::write(&path, &text).expect("write");
        }
        let shipped = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            shipped == text,
            "schema/skills.schema.json is stale: run `CAREERBOOK_WRITE_SCHEMA=1 cargo test --lib shipped_skills_schema`"
        );
    }
}
