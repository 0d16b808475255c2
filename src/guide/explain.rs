//! How the schema walk words a problem: a value's kind and a schema type
//! in, the words for them out; a value that fails a `pattern` in, its
//! diagnostic code, message and help out (by the field it belongs to).

use crate::diag::{codes, Code};
use crate::guide::resolve::Kind;

/// How a message names what a value holds.
pub(crate) fn kind_name(k: Kind<'_>) -> &'static str {
    match k {
        Kind::Null => "nothing (an empty value)",
        Kind::Bool(_) => "true/false",
        Kind::Int(_) | Kind::Num(_) => "a number",
        Kind::Str(_) => "text",
        Kind::Seq(_) => "a list",
        Kind::Map(_) => "a group of fields",
    }
}

/// How a message names a JSON Schema type.
pub(crate) fn type_name(t: &str) -> &'static str {
    match t {
        "string" => "text",
        "integer" => "a whole number",
        "number" => "a number",
        "boolean" => "true or false",
        "array" => "a list",
        "object" => "a group of `field: value` lines",
        _ => "nothing",
    }
}

/// How a failed `pattern` is explained, by field name.
pub(crate) fn pattern_problem(field: &str, value: &str) -> (&'static Code, String, String) {
    match field {
        "slug" | "guide" => (
            codes::E0301,
            format!("`{value}` is not a valid slug"),
            format!(
                "a slug may only contain a-z, 0-9 and -; try `{}`",
                crate::util::slug::slugify(value)
            ),
        ),
        "currency" => (
            codes::E0203,
            format!("`{value}` is not an ISO 4217 currency code"),
            currency_help(value),
        ),
        "onet_soc" => (
            codes::E0106,
            format!("`{value}` is not an O*NET-SOC code"),
            "write it as NN-NNNN.NN in quotes, e.g. \"15-1299.09\"".into(),
        ),
        "isco" => (
            codes::E0106,
            format!("`{value}` is not an ISCO-08 code"),
            "write the four digits in quotes, e.g. \"2421\"".into(),
        ),
        // Every `url` field of the format has this pattern in the schema,
        // so the walk checks each one wherever it occurs: a `sources` item,
        // a resource, a salary's, a range's or demand's `source`.
        "url" => (
            codes::E0206,
            format!("`{value}` is not an absolute http(s) URL"),
            "links must start with `https://` or `http://`; other schemes (`javascript:`, `data:`) are refused".into(),
        ),
        "as_of" => (
            codes::E0107,
            format!("`{value}` is not a valid date"),
            "write YYYY, YYYY-MM or YYYY-MM-DD".into(),
        ),
        _ => (
            codes::E0106,
            format!("`{value}` does not have the expected format"),
            String::new(),
        ),
    }
}

/// The help for a currency that is not an ISO 4217 code.
pub(crate) fn currency_help(value: &str) -> String {
    match crate::util::currency::suggest(value) {
        Some(c) => format!("did you mean `{c}`? use an ISO 4217 code such as USD, EUR or GBP"),
        None => "use an ISO 4217 code such as USD, EUR or GBP".into(),
    }
}

/// The text that likely belongs in place of a value refused by its
/// pattern or the currency list, as the help above words it: the slug
/// made of a name, or the currency code meant.
pub(crate) fn replacement(field: &str, value: &str) -> Option<String> {
    match field {
        "slug" | "guide" => {
            let slug = crate::util::slug::slugify(value);
            (!slug.is_empty() && slug != value).then_some(slug)
        }
        "currency" => crate::util::currency::suggest(value)
            .filter(|c| *c != value)
            .map(str::to_string),
        _ => None,
    }
}

/// The plural ending for `n` things.
pub(crate) fn plural(n: u64) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The number that text meant as one probably is (`110k`: `, e.g. 110000`).
pub(crate) fn number_hint(v: &str) -> String {
    let lower = v.trim().to_lowercase();
    let digits: String = lower.chars().filter(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() {
        return String::new();
    }
    let n: u64 = digits.parse().unwrap_or(0);
    let n = if lower.ends_with('k') {
        n.saturating_mul(1000)
    } else {
        n
    };
    format!(", e.g. {n}")
}
