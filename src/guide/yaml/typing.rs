//! YAML 1.2's core schema: a plain scalar's text in, what it is out
//! (null, a boolean, an integer, a number or text).
//!
//! The one typing rule for plain scalars: [`crate::guide::resolve`] gives
//! the schema walk and the typed model their values through it, and the
//! reader checks a `!!int`, `!!float`, `!!bool` or `!!null` tag against it.

/// What a plain scalar is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Plain {
    /// `~`, `null`, or nothing.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// An integer, as its exact value when it fits an `f64`.
    Int(f64),
    /// Any other number, `.inf` and `.nan` included.
    Num(f64),
    /// Text; so is a number with a leading zero such as `007`.
    Str,
}

/// Resolves a plain scalar as the core schema does, except that a number
/// written with a leading zero stays text.
pub(crate) fn plain(s: &str) -> Plain {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return Plain::Null,
        "true" | "True" | "TRUE" => return Plain::Bool(true),
        "false" | "False" | "FALSE" => return Plain::Bool(false),
        _ => {}
    }
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    // A leading zero keeps `007` (or an ISCO code such as `0110`) text:
    // YAML 1.1 reads it as octal and 1.2 as decimal, and neither is likely
    // what was meant.
    if digits.len() > 1 && digits.starts_with('0') && !digits.starts_with("0.") {
        return Plain::Str;
    }
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(n) = s.parse::<f64>() {
            return Plain::Int(n);
        }
    }
    let numeric = digits
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'-' | b'+'))
        && digits.bytes().any(|b| b.is_ascii_digit());
    if numeric {
        if let Ok(n) = s.parse::<f64>() {
            return Plain::Num(n);
        }
    }
    match digits {
        ".inf" | ".Inf" | ".INF" => Plain::Num(f64::INFINITY),
        ".nan" | ".NaN" | ".NAN" => Plain::Num(f64::NAN),
        _ => Plain::Str,
    }
}
