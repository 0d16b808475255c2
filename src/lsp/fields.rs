//! The schema of guides and `site.yaml` (from [`crate::guide::schema`],
//! itself derived from the model) read for an editor: a path of steps in;
//! the fields a mapping there may have, with their descriptions, types and
//! whether they are required; the values a field allows; the description
//! of a field or of one of its values out.

use crate::guide::schema::{enum_values, resolve};
use crate::lsp::outline::{DocKind, Step};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// The schema of a document of this kind.
pub(crate) fn root(kind: DocKind) -> &'static Value {
    match kind {
        DocKind::Guide => crate::guide::schema::guide(),
        DocKind::Site => crate::guide::schema::site(),
        DocKind::Skills => crate::guide::schema::skills(),
    }
}

/// One field a mapping may have.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Field {
    /// The key.
    pub(crate) name: String,
    /// The schema's description (the doc comment of the model's field).
    pub(crate) description: String,
    /// Its type in words: `text`, `list`, `year | month | hour`, ...
    pub(crate) kind: String,
    /// Whether the mapping must have it.
    pub(crate) required: bool,
    /// Whether its value is a mapping or a list, written on the lines below.
    pub(crate) nested: bool,
}

/// The shapes a value at `schema` may take: each branch of an `anyOf` or a
/// `oneOf` of shapes (an enumeration stays one), `$ref`s followed.
fn branches(
    root: &'static Value,
    schema: &'static Value,
    depth: usize,
) -> Vec<&'static Map<String, Value>> {
    let s = resolve(root, schema);
    if depth < 8 && enum_values(s).is_none() {
        if let Some(list) = s
            .get("anyOf")
            .or_else(|| s.get("oneOf"))
            .and_then(Value::as_array)
        {
            return list
                .iter()
                .flat_map(|b| branches(root, b, depth + 1))
                .collect();
        }
    }
    vec![s]
}

/// The shapes the value at `path` may take.
pub(crate) fn schemas_at(root: &'static Value, path: &[Step]) -> Vec<&'static Map<String, Value>> {
    let mut current = branches(root, root, 0);
    for step in path {
        current = current
            .into_iter()
            .filter_map(|s| match step {
                Step::Key(k) => s.get("properties").and_then(|p| p.get(k.as_str())),
                Step::Item => s.get("items"),
            })
            .flat_map(|c| branches(root, c, 0))
            .collect();
    }
    current
}

fn types(s: &Map<String, Value>) -> Vec<&str> {
    match s.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// Whether a value at `path` may be of JSON Schema type `t`.
pub(crate) fn allows(root: &'static Value, path: &[Step], t: &str) -> bool {
    schemas_at(root, path).iter().any(|s| types(s).contains(&t))
}

/// A property's type in words.
fn kind(root: &'static Value, prop: &'static Value) -> (String, bool) {
    let mut words: Vec<String> = Vec::new();
    let mut nested = false;
    for b in branches(root, prop, 0) {
        if let Some(values) = enum_values(b) {
            words.push(values.join(" | "));
            continue;
        }
        for t in types(b) {
            let w = match t {
                "string" => "text",
                "integer" => "whole number",
                "number" => "number",
                "boolean" => "true or false",
                "array" => "list",
                "object" => "fields",
                _ => continue,
            };
            nested |= matches!(t, "array" | "object");
            words.push(w.to_string());
        }
    }
    words.dedup();
    (words.join(" or "), nested)
}

fn description(root: &'static Value, prop: &'static Value) -> String {
    prop.get("description")
        .or_else(|| resolve(root, prop).get("description"))
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string()
}

/// The fields a mapping at `path` may have, by name.
pub(crate) fn fields_at(root: &'static Value, path: &[Step]) -> Vec<Field> {
    let mut out: BTreeMap<String, Field> = BTreeMap::new();
    for s in schemas_at(root, path) {
        let Some(props) = s.get("properties").and_then(Value::as_object) else {
            continue;
        };
        let required: Vec<&str> = s
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        for (name, prop) in props {
            let (kind, nested) = kind(root, prop);
            out.entry(name.clone()).or_insert(Field {
                name: name.clone(),
                description: description(root, prop),
                kind,
                required: required.contains(&name.as_str()),
                nested,
            });
        }
    }
    out.into_values().collect()
}

/// The field at `path` (the last step its key), if the schema has it.
pub(crate) fn field(root: &'static Value, path: &[Step]) -> Option<Field> {
    let (last, parent) = path.split_last()?;
    match last {
        Step::Key(k) => fields_at(root, parent).into_iter().find(|f| f.name == *k),
        // An item is described by its list.
        Step::Item => field(root, parent),
    }
}

/// The values an enumeration at `path` allows, each with its description.
pub(crate) fn values_at(root: &'static Value, path: &[Step]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for s in schemas_at(root, path) {
        if enum_values(s).is_none() {
            continue;
        }
        if let Some(list) = s.get("enum").and_then(Value::as_array) {
            out.extend(
                list.iter()
                    .filter_map(Value::as_str)
                    .map(|v| (v.to_string(), String::new())),
            );
        }
        for b in s
            .get("oneOf")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(v) = b.get("const").and_then(Value::as_str) {
                let d = b.get("description").and_then(Value::as_str).unwrap_or("");
                out.push((v.to_string(), d.to_string()));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(k: &str) -> Step {
        Step::Key(k.into())
    }

    #[test]
    fn every_level_has_its_fields() {
        let g = root(DocKind::Guide);
        let top: Vec<String> = fields_at(g, &[]).into_iter().map(|f| f.name).collect();
        assert!(
            top.contains(&"title".into()) && top.contains(&"salary".into()),
            "{top:?}"
        );
        let range: Vec<Field> = fields_at(g, &[key("salary"), key("ranges"), Step::Item]);
        let names: Vec<&str> = range.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "basis",
                "level",
                "max",
                "median",
                "min",
                "note",
                "open_ended",
                "region",
                "source",
                "titles"
            ]
        );
        let min = range.iter().find(|f| f.name == "min").unwrap();
        assert_eq!(
            (min.description.as_str(), min.required, min.kind.as_str()),
            ("Lower bound, > 0.", true, "number")
        );
        let basis = range.iter().find(|f| f.name == "basis").unwrap();
        assert_eq!(basis.kind, "base | total");
        // A role item is a title or a linked guide: its fields are the latter's.
        let role: Vec<String> = fields_at(g, &[key("progression"), key("leads_to"), Step::Item])
            .into_iter()
            .map(|f| f.name)
            .collect();
        assert_eq!(role, ["guide", "title"]);
        let site: Vec<String> = fields_at(root(DocKind::Site), &[])
            .into_iter()
            .map(|f| f.name)
            .collect();
        assert!(site.contains(&"base_url".into()) && !site.contains(&"salary".into()));
    }

    #[test]
    fn enumerations_and_descriptions() {
        let g = root(DocKind::Guide);
        let period = values_at(g, &[key("salary"), key("period")]);
        assert_eq!(
            period,
            [
                ("year".into(), "Per year.".into()),
                ("month".into(), "Per month.".into()),
                ("hour".into(), "Per hour.".into())
            ]
        );
        let kinds = values_at(g, &[key("resources"), Step::Item, key("kind")]);
        assert_eq!(kinds.len(), 6);
        assert_eq!(values_at(g, &[key("demand"), key("outlook")]).len(), 4);
        let f = field(g, &[key("salary"), key("currency")]).unwrap();
        assert_eq!(f.description, "ISO 4217 currency code, e.g. `USD`.");
        let f = field(g, &[key("tags"), Step::Item]).unwrap();
        assert_eq!(f.name, "tags");
        assert!(field(g, &[key("nope")]).is_none());
        assert!(allows(g, &[key("draft")], "boolean"));
    }
}
