//! What the values of a marked tree mean: a [`Node`] in, its `Kind` (for
//! the schema walk) or its JSON value (for the typed model) out.
//!
//! This is the one typing rule. A quoted or block scalar is text; a plain
//! scalar resolves as YAML 1.2's core schema reads it (`null`, `true`,
//! `12`, `1.5e3`, `.inf`), except that a number written with a leading zero
//! stays text. The schema walk ([`crate::guide::walk`]) checks the kinds
//! this module gives, and the typed model is deserialised from
//! [`to_json`] of the same tree, so the model never reads a value
//! differently from the walk.

use crate::guide::yaml::typing::{plain, Plain};
use crate::guide::yaml::{Node, NodeKind};
use serde_json::Value;

/// A YAML value as the schema sees it, with plain scalars resolved.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Kind<'n> {
    Null,
    Bool(bool),
    Int(f64),
    Num(f64),
    Str(&'n str),
    Seq(&'n [Node]),
    Map(&'n [(Node, Node)]),
}

/// What `node` holds, with a plain scalar resolved.
pub(crate) fn kind(node: &Node) -> Kind<'_> {
    match &node.kind {
        NodeKind::Seq(items) => Kind::Seq(items),
        NodeKind::Map(entries) => Kind::Map(entries),
        NodeKind::Scalar {
            value,
            quoted: true,
        } => Kind::Str(value),
        NodeKind::Scalar {
            value,
            quoted: false,
        } => resolve_plain(value),
    }
}

fn resolve_plain(s: &str) -> Kind<'_> {
    match plain(s) {
        Plain::Null => Kind::Null,
        Plain::Bool(b) => Kind::Bool(b),
        Plain::Int(n) => Kind::Int(n),
        Plain::Num(n) => Kind::Num(n),
        Plain::Str => Kind::Str(s),
    }
}

/// The tree as a JSON value, for `serde_json::from_value` to build the
/// typed model from. Integers keep their exact value; a number that is not
/// finite becomes null; a mapping key is its text, and the last of
/// duplicate keys wins (the walk reports both).
pub fn to_json(node: &Node) -> Value {
    match kind(node) {
        Kind::Null => Value::Null,
        Kind::Bool(b) => Value::Bool(b),
        Kind::Int(n) => {
            let text = node.as_str().unwrap_or("").trim_start_matches('+');
            match (text.parse::<i64>(), text.parse::<u64>()) {
                (Ok(i), _) => Value::from(i),
                (_, Ok(u)) => Value::from(u),
                _ => float(n),
            }
        }
        Kind::Num(n) => float(n),
        Kind::Str(s) => Value::String(s.to_string()),
        Kind::Seq(items) => Value::Array(items.iter().map(to_json).collect()),
        Kind::Map(entries) => Value::Object(
            entries
                .iter()
                .map(|(k, v)| (k.as_str().unwrap_or("").to_string(), to_json(v)))
                .collect(),
        ),
    }
}

fn float(n: f64) -> Value {
    serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guide::yaml::parse_tree;

    #[test]
    fn plain_scalars_resolve_like_yaml_core() {
        assert_eq!(resolve_plain(""), Kind::Null);
        assert_eq!(resolve_plain("true"), Kind::Bool(true));
        assert_eq!(resolve_plain("FALSE"), Kind::Bool(false));
        assert_eq!(resolve_plain("maybe"), Kind::Str("maybe"));
        assert_eq!(resolve_plain("yes"), Kind::Str("yes"));
        assert_eq!(resolve_plain("110000"), Kind::Int(110000.0));
        assert_eq!(resolve_plain("-1.5e3"), Kind::Num(-1500.0));
        assert_eq!(resolve_plain("110k"), Kind::Str("110k"));
        assert_eq!(resolve_plain("2026-01-02"), Kind::Str("2026-01-02"));
        assert_eq!(resolve_plain("inf"), Kind::Str("inf"));
        assert_eq!(resolve_plain("007"), Kind::Str("007"));
        assert_eq!(resolve_plain("0"), Kind::Int(0.0));
    }

    fn json(yaml: &str) -> Value {
        to_json(&parse_tree(yaml).unwrap().unwrap())
    }

    #[test]
    fn numbers_keep_their_exact_value() {
        let v = json("a: 18446744073709551615\nb: -9\nc: +7\nd: 1e400\ne: .nan\nf: 2.5\n");
        assert_eq!(v["a"], Value::from(u64::MAX));
        assert_eq!(v["b"], Value::from(-9));
        assert_eq!(v["c"], Value::from(7));
        assert_eq!((&v["d"], &v["e"]), (&Value::Null, &Value::Null));
        assert_eq!(v["f"], Value::from(2.5));
    }

    /// An independent reader (libyaml through serde_yaml, a dev-dependency
    /// only) must read the same values, aliases included, wherever both
    /// follow YAML 1.2 (so not `007`, which each reads its own way).
    #[test]
    fn an_independent_reader_reads_the_same_values() {
        let mut texts: Vec<String> = [
            "a: &x {b: [1, 2.5, -3, null, true, text, 'quoted 12']}\nc: *x\nd: [*x, *x]\n",
            "family: &f Engineering\ntags: [*f, &t two]\nalt_titles: [*t]\n",
            "s: &s |\n  block\n  text\nt: *s\nu: {k: *s}\n",
            "? &k key\n: v\nother: *k\n",
            "a: &a [x]\nb: &b [*a, *a]\nc: [*b, *b]\n",
        ]
        .map(String::from)
        .to_vec();
        for entry in walkdir::WalkDir::new("tests/fixtures") {
            let entry = entry.unwrap();
            let Ok(text) = std::fs::read_to_string(entry.path()) else {
                continue;
            };
            if let Ok(parts) = crate::guide::load::split(entry.path(), &text) {
                texts.push(parts.yaml.to_string());
            }
        }
        let mut compared = 0;
        for text in &texts {
            let Ok(Some(tree)) = parse_tree(text) else {
                continue;
            };
            // libyaml refuses duplicate keys; the walk reports them.
            let Ok(theirs) = serde_yaml::from_str::<Value>(text) else {
                continue;
            };
            assert_eq!(to_json(&tree), theirs, "{text}");
            compared += 1;
        }
        assert!(compared > 20, "only {compared} documents compared");
    }
}
