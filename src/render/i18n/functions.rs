//! The templates' side of the words: the Tera function `t` and the
//! filters `number`, `list` and `local_date`, each holding the site's
//! [`Strings`].

use super::{Arg, Strings};
use std::collections::HashMap;
use std::sync::Arc;

/// The Tera function `t`: `t(key="guide.skills")`, `t(key="index.guides",
/// count=guide_count)`, `t(key="paths.family_title", family=f.name)`.
pub(crate) struct Translate(pub(crate) Arc<Strings>);

impl tera::Function for Translate {
    /// The text is escaped here: the translation as HTML text, the
    /// arguments (guide data) like any other value.
    fn is_safe(&self) -> bool {
        true
    }

    fn call(&self, args: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
        let key = match args.get("key") {
            Some(tera::Value::String(k)) => k,
            _ => return Err(tera::Error::msg("t() needs key=\"...\", a text")),
        };
        if !self.0.has_key(key) {
            return Err(tera::Error::msg(format!(
                "no translation file has the key `{key}`"
            )));
        }
        let count = match args.get("count") {
            None => None,
            Some(v) => Some(v.as_f64().ok_or_else(|| {
                tera::Error::msg(format!("t(key=\"{key}\"): count must be a number"))
            })?),
        };
        let texts: Vec<(&str, String)> = args
            .iter()
            .filter(|(n, _)| *n != "key" && *n != "count")
            .filter_map(|(n, v)| match v {
                tera::Value::String(s) => Some((n.as_str(), s.clone())),
                tera::Value::Number(_) => None,
                other => Some((n.as_str(), other.to_string())),
            })
            .collect();
        let mut values: Vec<(&str, Arg<'_>)> = texts
            .iter()
            .map(|(n, s)| (*n, Arg::Str(s.as_str())))
            .collect();
        for (n, v) in args {
            if let (tera::Value::Number(x), true) = (v, n != "count") {
                values.push((n.as_str(), Arg::Num(x.as_f64().unwrap_or_default())));
            }
        }
        Ok(tera::Value::String(
            self.0.render(key, count, &values, true),
        ))
    }
}

/// The Tera filter `number`: `{{ guide.demand.openings_per_year | number }}`
/// in the language's notation (`1,200`, `1.200`); a value that is not a
/// number passes unchanged.
pub(crate) struct NumberFilter(pub(crate) Arc<Strings>);

impl tera::Filter for NumberFilter {
    fn filter(
        &self,
        value: &tera::Value,
        _: &HashMap<String, tera::Value>,
    ) -> tera::Result<tera::Value> {
        Ok(match value.as_f64() {
            Some(n) => tera::Value::String(self.0.formats.number(n)),
            None => value.clone(),
        })
    }
}

/// The Tera filter `list`: a list of texts joined as the language joins a
/// list (`A, B und C`); English keeps `A, B, C`.
pub(crate) struct ListFilter(pub(crate) Arc<Strings>);

impl tera::Filter for ListFilter {
    fn filter(
        &self,
        value: &tera::Value,
        _: &HashMap<String, tera::Value>,
    ) -> tera::Result<tera::Value> {
        let Some(items) = value.as_array() else {
            return Ok(value.clone());
        };
        let texts: Vec<String> = items
            .iter()
            .map(|v| match v {
                tera::Value::String(s) => s.clone(),
                other => other.to_string(),
            })
            .collect();
        Ok(tera::Value::String(self.0.formats.list(&texts)))
    }
}

/// The Tera filter `local_date`: a full or partial ISO date
/// (`2026-11-23`, `2026-11`) as the language writes it (`23. November
/// 2026`); English and anything that is not such a date pass unchanged.
/// For the text of a `<time datetime="…">`.
pub(crate) struct DateFilter(pub(crate) Arc<Strings>);

impl tera::Filter for DateFilter {
    fn filter(
        &self,
        value: &tera::Value,
        _: &HashMap<String, tera::Value>,
    ) -> tera::Result<tera::Value> {
        Ok(match value.as_str() {
            Some(s) => tera::Value::String(self.0.formats.date(s)),
            None => value.clone(),
        })
    }
}
