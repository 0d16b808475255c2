//! The typed model built straight from a marked tree: no second parse of the
//! text and no intermediate JSON value. Strings are still copied, at their
//! exact length: the parser's strings carry spare capacity that would
//! otherwise stay in the model for the whole run.
//!
//! Every value reaches serde exactly as it would from the
//! `serde_json::Value` of the same tree, so the model, and any message serde
//! gives, is the same: plain scalars resolve as YAML 1.2's core schema reads
//! them (see [`crate::guide::walk`]), integers that are not negative arrive as
//! `u64`, a number that is not finite arrives as null, mapping keys arrive in
//! sorted order with the last of duplicate keys winning, and errors are
//! `serde_json`'s.

use crate::guide::walk::{kind, Kind};
use crate::guide::yaml::{Node, NodeKind};
use serde::de::value::StringDeserializer;
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, EnumAccess, Error as _, IntoDeserializer, MapAccess,
    SeqAccess, Unexpected, VariantAccess, Visitor,
};
use serde_json::Error;
use std::vec;

/// Deserialises `T` from the tree. `None` when the tree holds an alias
/// (`*name`) or a key that is not a scalar, which only a full YAML reader
/// can make sense of.
pub fn from_tree<T: DeserializeOwned>(node: Node) -> Option<Result<T, Error>> {
    if !plain(&node) {
        return None;
    }
    Some(T::deserialize(Value::of(node)))
}

/// Whether the tree holds no alias and only scalar keys.
fn plain(node: &Node) -> bool {
    match &node.kind {
        NodeKind::Alias => false,
        NodeKind::Scalar { .. } => true,
        NodeKind::Seq(items) => items.iter().all(plain),
        NodeKind::Map(entries) => entries
            .iter()
            .all(|(k, v)| matches!(k.kind, NodeKind::Scalar { .. }) && plain(v)),
    }
}

/// One node, resolved to what its JSON value would hold.
enum Value {
    Null,
    Bool(bool),
    U64(u64),
    I64(i64),
    F64(f64),
    Str(String),
    Seq(Vec<Node>),
    /// Sorted by key, one entry per key.
    Map(Vec<(Node, Node)>),
}

impl Value {
    fn of(node: Node) -> Value {
        match kind(&node) {
            Kind::Null | Kind::Alias => Value::Null,
            Kind::Bool => Value::Bool(matches!(node.as_str(), Some("true" | "True" | "TRUE"))),
            Kind::Int(n) => {
                let text = node.as_str().unwrap_or("").trim_start_matches('+');
                match (text.parse::<i64>(), text.parse::<u64>()) {
                    (Ok(i), _) => u64::try_from(i).map_or(Value::I64(i), Value::U64),
                    (_, Ok(u)) => Value::U64(u),
                    _ => float(n),
                }
            }
            Kind::Num(n) => float(n),
            Kind::Str(_) | Kind::Seq(_) | Kind::Map(_) => match node.kind {
                NodeKind::Scalar { value, .. } => Value::Str(value),
                NodeKind::Seq(items) => Value::Seq(items),
                NodeKind::Map(entries) => Value::Map(by_key(entries)),
                NodeKind::Alias => Value::Null,
            },
        }
    }

    fn unexpected(&self) -> Unexpected<'_> {
        match self {
            Value::Null => Unexpected::Unit,
            Value::Bool(b) => Unexpected::Bool(*b),
            Value::U64(n) => Unexpected::Unsigned(*n),
            Value::I64(n) => Unexpected::Signed(*n),
            Value::F64(n) => Unexpected::Float(*n),
            Value::Str(s) => Unexpected::Str(s),
            Value::Seq(_) => Unexpected::Seq,
            Value::Map(_) => Unexpected::Map,
        }
    }

    fn invalid_type<'de, V: Visitor<'de>>(&self, visitor: &V) -> Error {
        Error::invalid_type(self.unexpected(), visitor)
    }
}

fn float(n: f64) -> Value {
    if n.is_finite() {
        Value::F64(n)
    } else {
        Value::Null
    }
}

fn key(node: Node) -> String {
    match node.kind {
        NodeKind::Scalar { value, .. } => value,
        _ => String::new(),
    }
}

/// The entries in key order, keeping the last of each key (as a map
/// built by inserting them in document order would).
fn by_key(mut entries: Vec<(Node, Node)>) -> Vec<(Node, Node)> {
    if !entries.is_sorted_by(|a, b| a.0.as_str() < b.0.as_str()) {
        entries.sort_by(|a, b| a.0.as_str().cmp(&b.0.as_str()));
        entries.dedup_by(|later, kept| {
            let same = later.0.as_str() == kept.0.as_str();
            if same {
                std::mem::swap(later, kept);
            }
            same
        });
    }
    entries
}

fn visit_seq<'de, V: Visitor<'de>>(items: Vec<Node>, visitor: V) -> Result<V::Value, Error> {
    let len = items.len();
    let mut seq = Seq(items.into_iter());
    let value = visitor.visit_seq(&mut seq)?;
    if seq.0.len() == 0 {
        Ok(value)
    } else {
        Err(Error::invalid_length(len, &"fewer elements in array"))
    }
}

fn visit_map<'de, V: Visitor<'de>>(
    entries: Vec<(Node, Node)>,
    visitor: V,
) -> Result<V::Value, Error> {
    let len = entries.len();
    let mut map = Map {
        entries: entries.into_iter(),
        value: None,
    };
    let value = visitor.visit_map(&mut map)?;
    if map.entries.len() == 0 {
        Ok(value)
    } else {
        Err(Error::invalid_length(len, &"fewer elements in map"))
    }
}

macro_rules! number {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            match self {
                Value::U64(n) => visitor.visit_u64(n),
                Value::I64(n) => visitor.visit_i64(n),
                Value::F64(n) => visitor.visit_f64(n),
                _ => Err(self.invalid_type(&visitor)),
            }
        }
    )*};
}

impl<'de> de::Deserializer<'de> for Value {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(b),
            Value::U64(n) => visitor.visit_u64(n),
            Value::I64(n) => visitor.visit_i64(n),
            Value::F64(n) => visitor.visit_f64(n),
            Value::Str(s) => visitor.visit_str(&s),
            Value::Seq(items) => visit_seq(items, visitor),
            Value::Map(entries) => visit_map(entries, visitor),
        }
    }

    number! {
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128
        deserialize_f32 deserialize_f64
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self {
            Value::Map(entries) => {
                let mut entries = entries.into_iter();
                match (entries.next(), entries.next()) {
                    (Some((k, v)), None) => visitor.visit_enum(Enum {
                        variant: key(k),
                        value: Some(v),
                    }),
                    _ => Err(Error::invalid_value(
                        Unexpected::Map,
                        &"map with a single key",
                    )),
                }
            }
            Value::Str(variant) => visitor.visit_enum(Enum {
                variant,
                value: None,
            }),
            other => Err(Error::invalid_type(other.unexpected(), &"string or map")),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self {
            Value::Bool(b) => visitor.visit_bool(b),
            _ => Err(self.invalid_type(&visitor)),
        }
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_string(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_string(visitor)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self {
            Value::Str(s) => visitor.visit_str(&s),
            _ => Err(self.invalid_type(&visitor)),
        }
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_byte_buf(visitor)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self {
            Value::Str(s) => visitor.visit_str(&s),
            Value::Seq(items) => visit_seq(items, visitor),
            _ => Err(self.invalid_type(&visitor)),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self {
            Value::Null => visitor.visit_unit(),
            _ => Err(self.invalid_type(&visitor)),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self {
            Value::Seq(items) => visit_seq(items, visitor),
            _ => Err(self.invalid_type(&visitor)),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self {
            Value::Map(entries) => visit_map(entries, visitor),
            _ => Err(self.invalid_type(&visitor)),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self {
            Value::Seq(items) => visit_seq(items, visitor),
            Value::Map(entries) => visit_map(entries, visitor),
            _ => Err(self.invalid_type(&visitor)),
        }
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_string(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }
}

struct Seq(vec::IntoIter<Node>);

impl<'de> SeqAccess<'de> for Seq {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        self.0
            .next()
            .map(|node| seed.deserialize(Value::of(node)))
            .transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

struct Map {
    entries: vec::IntoIter<(Node, Node)>,
    value: Option<Node>,
}

impl<'de> MapAccess<'de> for Map {
    type Error = Error;

    fn next_key_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        let Some((k, v)) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some(v);
        let k: StringDeserializer<Error> = key(k).into_deserializer();
        seed.deserialize(k).map(Some)
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, Error> {
        match self.value.take() {
            Some(node) => seed.deserialize(Value::of(node)),
            None => Err(Error::custom("value is missing")),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

struct Enum {
    variant: String,
    value: Option<Node>,
}

impl<'de> EnumAccess<'de> for Enum {
    type Error = Error;
    type Variant = Variant;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Variant), Error> {
        let variant: StringDeserializer<Error> = self.variant.into_deserializer();
        let rest = Variant(self.value);
        seed.deserialize(variant).map(|v| (v, rest))
    }
}

struct Variant(Option<Node>);

impl<'de> VariantAccess<'de> for Variant {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        match self.0 {
            Some(node) => de::Deserialize::deserialize(Value::of(node)),
            None => Ok(()),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        match self.0 {
            Some(node) => seed.deserialize(Value::of(node)),
            None => Err(Error::invalid_type(
                Unexpected::UnitVariant,
                &"newtype variant",
            )),
        }
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        match self.0.map(Value::of) {
            Some(Value::Seq(items)) if items.is_empty() => visitor.visit_unit(),
            Some(Value::Seq(items)) => visit_seq(items, visitor),
            Some(other) => Err(Error::invalid_type(other.unexpected(), &"tuple variant")),
            None => Err(Error::invalid_type(
                Unexpected::UnitVariant,
                &"tuple variant",
            )),
        }
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.0.map(Value::of) {
            Some(Value::Map(entries)) => visit_map(entries, visitor),
            Some(other) => Err(Error::invalid_type(other.unexpected(), &"struct variant")),
            None => Err(Error::invalid_type(
                Unexpected::UnitVariant,
                &"struct variant",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guide::model::FrontMatter;

    /// The tree as a `serde_json::Value`: the route the model took before,
    /// kept here as the reference `from_tree` must agree with.
    fn to_json(node: &Node) -> Option<serde_json::Value> {
        use serde_json::Value as J;
        Some(match kind(node) {
            Kind::Null => J::Null,
            Kind::Bool => J::Bool(matches!(node.as_str(), Some("true" | "True" | "TRUE"))),
            Kind::Int(n) => {
                let text = node.as_str().unwrap_or("").trim_start_matches('+');
                match (text.parse::<i64>(), text.parse::<u64>()) {
                    (Ok(i), _) => J::from(i),
                    (_, Ok(u)) => J::from(u),
                    _ => serde_json::Number::from_f64(n).map_or(J::Null, J::Number),
                }
            }
            Kind::Num(n) => serde_json::Number::from_f64(n).map_or(J::Null, J::Number),
            Kind::Str(s) => J::String(s.to_string()),
            Kind::Seq(items) => J::Array(items.iter().map(to_json).collect::<Option<_>>()?),
            Kind::Map(entries) => {
                let mut map = serde_json::Map::new();
                for (k, v) in entries {
                    map.insert(k.as_str()?.to_string(), to_json(v)?);
                }
                J::Object(map)
            }
            Kind::Alias => return None,
        })
    }

    /// A parse through each route, or `None` when a route declines.
    type Outcome = Option<Result<FrontMatter, String>>;

    fn both(yaml: &str) -> (Outcome, Outcome) {
        let tree = crate::guide::yaml::parse_tree(yaml).unwrap().unwrap();
        let reference =
            to_json(&tree).map(|v| serde_json::from_value(v).map_err(|e| e.to_string()));
        let direct = from_tree::<FrontMatter>(tree).map(|r| r.map_err(|e| e.to_string()));
        (reference, direct)
    }

    const BASE: &str = "title: T\nsummary: S\nresponsibilities: [a]\nskills: [b]\n";

    #[test]
    fn agrees_with_the_json_route_on_every_fixture_guide() {
        let mut seen = 0;
        for entry in walkdir::WalkDir::new("tests/fixtures") {
            let entry = entry.unwrap();
            if entry.path().extension().is_none_or(|e| e != "md") {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(entry.path()) else {
                continue;
            };
            let Ok(parts) = crate::guide::load::split(entry.path(), &text) else {
                continue;
            };
            let Ok(Some(tree)) = crate::guide::yaml::parse_tree(parts.yaml) else {
                continue;
            };
            let reference = to_json(&tree)
                .map(|v| serde_json::from_value::<FrontMatter>(v).map_err(|e| e.to_string()));
            let direct = from_tree::<FrontMatter>(tree).map(|r| r.map_err(|e| e.to_string()));
            assert_eq!(direct, reference, "{}", entry.path().display());
            seen += 1;
        }
        assert!(seen > 20, "only {seen} fixture guides");
    }

    #[test]
    fn agrees_with_the_json_route_on_values_serde_rejects() {
        let extras = [
            "",
            "draft: yes\n",
            "draft: True\n",
            "title: 12\n",
            "updated: 2026-02-30\n",
            "updated: [2026]\n",
            "slug: ~\n",
            "tags: {a: 1}\n",
            "tags: [1, 2.5, -3, .inf, null, true]\n",
            "salary: {currency: USD, period: weekly, ranges: []}\n",
            "salary: {currency: USD, period: {year: 1}, ranges: []}\n",
            "salary: {currency: USD, period: {year: 1, month: 2}, ranges: []}\n",
            "salary: {currency: USD, period: [year], ranges: []}\n",
            "salary: {currency: USD, period: 3, ranges: []}\n",
            "salary: {currency: USD, period: year, ranges: [{level: L, min: .nan, max: +7}]}\n",
            "salary: {currency: USD, period: year, ranges: [{level: L, min: 1, max: 99999999999999999999}]}\n",
            "salary: {currency: USD, period: year, ranges: [{level: L, min: -1, max: 2, median: 1e3}], as_of: 2026}\n",
            "salary: {currency: USD, period: year, ranges: [], as_of: -2026}\n",
            "salary: {currency: USD, period: year, ranges: [], source: {title: t, url: u, x: 1}}\n",
            "progression: {leads_to: [{title: x, guide: y, z: 1}, plain, 7]}\n",
            "progression: {leads_to: [{title: x}], transitions: {a: b}}\n",
            "demand: {outlook: growing, growth_pct: 007, openings: 12.5}\n",
            "unknown: 1\n",
            "zzz: 1\naaa: 2\n",
            "codes: {isco: 2421}\n",
            "title: a\ntitle: b\n",
            "\"1\": x\n",
        ];
        for extra in extras {
            let yaml = format!("{BASE}{extra}");
            let (reference, direct) = both(&yaml);
            assert!(reference.is_some(), "{yaml}");
            assert_eq!(direct, reference, "{yaml}");
        }
    }

    #[test]
    fn aliases_and_complex_keys_are_left_to_the_full_reader() {
        for extra in ["tags: &t [a]\naliases: *t\n", "? [k]\n: v\n"] {
            let (reference, direct) = both(&format!("{BASE}{extra}"));
            assert!(reference.is_none() && direct.is_none(), "{extra}");
        }
    }
}
