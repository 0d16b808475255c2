//! What can be built from a tree the schema walk refused: the tree and the
//! field paths the walk reported in, the JSON of a value the typed model
//! accepts out, so that the rules can still check the rest of the guide in
//! the same run.
//!
//! Every value the walk reported is left out, and so is every field the
//! schema does not know. A field the model cannot do without (a required
//! field, a list item) gets a stand-in instead: empty text, an empty list,
//! the first allowed value, `1` for a number. The stand-ins are not the
//! author's values: a rule about a reported value, or about a field beside
//! one, is not reported ([`crate::guide::load::Guide::repeats`]).

use crate::guide::resolve::to_json;
use crate::guide::schema::resolve;
use crate::guide::walk::Step;
use crate::guide::yaml::Node;
use serde_json::{Map, Value};
use std::collections::HashSet;

/// The JSON of `tree` with the values at `flagged` left out or replaced,
/// as the schema `root` needs.
pub(crate) fn salvage(tree: &Node, flagged: &[Vec<Step>], root: &'static Value) -> Value {
    let flagged: HashSet<&[Step]> = flagged.iter().map(Vec::as_slice).collect();
    let mut value = to_json(tree);
    repair(&mut value, root, root, &mut Vec::new(), &flagged);
    value
}

fn repair(
    value: &mut Value,
    root: &'static Value,
    schema: &'static Value,
    path: &mut Vec<Step>,
    flagged: &HashSet<&[Step]>,
) {
    let s = resolve(root, schema);
    if let Some(branch) = branch_for(root, s, value) {
        repair(value, root, branch, path, flagged);
        return;
    }
    match value {
        Value::Object(map) => {
            let props = s.get("properties").and_then(Value::as_object);
            let keys: Vec<String> = map.keys().cloned().collect();
            for key in keys {
                path.push(Step::Key(key.clone()));
                match props.and_then(|p| p.get(&key)) {
                    Some(p) if !flagged.contains(path.as_slice()) => {
                        if let Some(v) = map.get_mut(&key) {
                            repair(v, root, p, path, flagged);
                        }
                    }
                    _ => {
                        map.remove(&key);
                    }
                }
                path.pop();
            }
            let required = s.get("required").and_then(Value::as_array);
            for name in required.into_iter().flatten().filter_map(Value::as_str) {
                if !map.contains_key(name) {
                    let p = props.and_then(|p| p.get(name)).unwrap_or(&Value::Null);
                    map.insert(name.to_string(), stand_in(root, p));
                }
            }
        }
        Value::Array(items) => {
            let item = s.get("items").unwrap_or(&Value::Null);
            for (i, v) in items.iter_mut().enumerate() {
                path.push(Step::Index(i));
                if flagged.contains(path.as_slice()) {
                    *v = stand_in(root, item);
                } else {
                    repair(v, root, item, path, flagged);
                }
                path.pop();
            }
        }
        _ => {}
    }
}

/// For a schema that is one of several (`anyOf`, `oneOf` of types, not an
/// enumeration), the branch whose type fits `value`.
fn branch_for(
    root: &'static Value,
    s: &'static Map<String, Value>,
    value: &Value,
) -> Option<&'static Value> {
    let branches = s.get("anyOf").or_else(|| s.get("oneOf"))?.as_array()?;
    if branches.iter().all(|b| b.get("const").is_some()) {
        return None;
    }
    branches.iter().find(|b| {
        let t = types(resolve(root, b));
        t.iter().any(|t| fits(t, value))
    })
}

fn types(s: &Map<String, Value>) -> Vec<&str> {
    match s.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

fn fits(t: &str, value: &Value) -> bool {
    matches!(
        (t, value),
        ("string", Value::String(_))
            | ("object", Value::Object(_))
            | ("array", Value::Array(_))
            | ("number" | "integer", Value::Number(_))
            | ("boolean", Value::Bool(_))
            | ("null", Value::Null)
    )
}

/// A value of the type `schema` asks for, standing in for one the author
/// has not given correctly.
fn stand_in(root: &'static Value, schema: &'static Value) -> Value {
    let s = resolve(root, schema);
    if let Some(first) = s
        .get("enum")
        .and_then(Value::as_array)
        .and_then(|e| e.first())
    {
        return first.clone();
    }
    if let Some(branches) = s
        .get("anyOf")
        .or_else(|| s.get("oneOf"))
        .and_then(Value::as_array)
    {
        if let Some(c) = branches.iter().find_map(|b| b.get("const")) {
            return c.clone();
        }
        if let Some(first) = branches.first() {
            return stand_in(root, first);
        }
    }
    let t = types(s).into_iter().find(|t| *t != "null");
    match t {
        Some("string") if s.get("format").and_then(Value::as_str) == Some("date") => {
            Value::String("2000-01-01".into())
        }
        Some("string") => Value::String(String::new()),
        Some("number" | "integer") => Value::from(1),
        Some("boolean") => Value::Bool(false),
        Some("array") => Value::Array(Vec::new()),
        Some("object") => {
            let mut object = Value::Object(Map::new());
            repair(&mut object, root, schema, &mut Vec::new(), &HashSet::new());
            object
        }
        _ => Value::Null,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guide::model::FrontMatter;
    use crate::guide::walk::Walker;
    use crate::guide::yaml::parse_tree;

    /// The walk's diagnostics and the front matter salvaged from `yaml`.
    fn salvaged(yaml: &str) -> (Vec<String>, FrontMatter) {
        let tree = parse_tree(yaml).unwrap().unwrap();
        let schema = crate::guide::schema::guide();
        let mut walker = Walker::new(schema, std::path::Path::new("g.md"), 0);
        walker.walk(&tree);
        let fields = walker.out.iter().map(|d| d.field.clone()).collect();
        let json = salvage(&tree, &walker.flagged, schema);
        (fields, serde_json::from_value(json).expect("a model"))
    }

    #[test]
    fn reported_values_are_left_out_and_the_rest_kept() {
        let (fields, front) = salvaged(
            "titel: T\nsummary: S\nskills: Writing\nresponsibilities: [r]\nslug: Bad_Slug\n\
             tags: [a, '']\nsalary:\n  currency: usd\n  period: yearly\n  ranges:\n    - {level: A, min: 5, max: -1}\n    - {level: B, min: 9, max: 3}\n",
        );
        assert_eq!(
            fields,
            [
                "titel",
                "skills",
                "slug",
                "tags[1]",
                "salary.currency",
                "salary.period",
                "salary.ranges[0].max"
            ]
        );
        assert_eq!(front.title, "", "a required field stands in");
        assert_eq!(front.summary, "S");
        assert!(front.skills.is_empty());
        assert_eq!(front.slug, None, "an optional field is left out");
        assert_eq!(front.tags, ["a", ""], "list items keep their places");
        let ranges = &front.salary.unwrap().ranges;
        assert_eq!(ranges.len(), 2);
        assert_eq!((ranges[0].min, ranges[0].max), (5.0, 1.0));
        assert_eq!(
            (ranges[1].min, ranges[1].max),
            (9.0, 3.0),
            "kept as written"
        );
    }

    #[test]
    fn a_value_of_the_wrong_shape_is_left_out_whole() {
        let (fields, front) = salvaged(
            "title: T\nsummary: S\nskills: [a]\nresponsibilities: [r]\nsalary: lots\n\
             progression:\n  leads_to:\n    - {title: X, guide: x}\n    - {title: Y}\n    - Z\n",
        );
        assert_eq!(fields, ["salary", "progression.leads_to[1].guide"]);
        assert!(front.salary.is_none());
        let leads = front.progression.unwrap().leads_to;
        assert_eq!(leads.len(), 3);
        assert_eq!(leads[0].guide(), Some("x"));
        assert_eq!(leads[1].guide(), Some(""), "a stand-in, never reported");
        assert_eq!(leads[2].title(), "Z");
    }
}
