//! Dates in front matter: a full calendar date (`updated: 2026-11-20`) and
//! a partial one (`as_of: 2026-01`), each checked on parse and described to
//! the JSON Schema.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;

/// A calendar date, `YYYY-MM-DD`, checked on parse.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year.
    pub year: u16,
    /// Month, 1-12.
    pub month: u8,
    /// Day, 1-31 (valid for the month).
    pub day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD`, rejecting impossible days.
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let year: u16 = digits(&s[0..4])?;
        let month: u8 = digits(&s[5..7])?;
        let day: u8 = digits(&s[8..10])?;
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }
}

fn digits<T: std::str::FromStr>(s: &str) -> Option<T> {
    if s.bytes().all(|c| c.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse(&s).ok_or_else(|| {
            serde::de::Error::custom(format!("`{s}` is not a valid date (expected YYYY-MM-DD)"))
        })
    }
}

/// A year, a month or a day: `2026`, `2026-01` or `2026-01-15`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct PartialDate {
    /// Year.
    pub year: u16,
    /// Month, if given.
    pub month: Option<u8>,
    /// Day, if given (then month is given too).
    pub day: Option<u8>,
}

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<PartialDate> {
        match s.len() {
            4 => Some(PartialDate {
                year: digits(s)?,
                month: None,
                day: None,
            }),
            7 if s.as_bytes()[4] == b'-' => {
                let month: u8 = digits(&s[5..7])?;
                (1..=12).contains(&month).then_some(PartialDate {
                    year: digits(&s[0..4])?,
                    month: Some(month),
                    day: None,
                })
            }
            10 => Date::parse(s).map(|d| PartialDate {
                year: d.year,
                month: Some(d.month),
                day: Some(d.day),
            }),
            _ => None,
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // `as_of: 2026` arrives as a number, `as_of: 2026-01` as a string.
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Num(u64),
            Str(String),
        }
        let s = match Raw::deserialize(d)? {
            Raw::Num(n) => n.to_string(),
            Raw::Str(s) => s,
        };
        PartialDate::parse(&s).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "`{s}` is not a valid date (expected YYYY, YYYY-MM or YYYY-MM-DD)"
            ))
        })
    }
}

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A calendar date, `YYYY-MM-DD`.",
            "type": "string",
            "format": "date",
            "pattern": r"^\d{4}-\d{2}-\d{2}$"
        })
    }
}

impl JsonSchema for PartialDate {
    fn schema_name() -> Cow<'static, str> {
        "PartialDate".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        // A bare year arrives from YAML as a number.
        schemars::json_schema!({
            "description": "A year, a month or a day: `2026`, `2026-01` or `2026-01-15`.",
            "anyOf": [
                { "type": "integer", "minimum": 1000, "maximum": 9999 },
                { "type": "string", "pattern": r"^\d{4}(-\d{2}){0,2}$" }
            ]
        })
    }
}
