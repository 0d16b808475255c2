//! Numbers, dates and lists in a language's notation, from the CLDR data
//! ICU4X compiles into the binary: a number and a language in, its text
//! out (`110,000` in English, `110.000` in German, `110 000` in French).

use fixed_decimal::Decimal;
use icu_datetime::fieldsets::{YM, YMD};
use icu_datetime::DateTimeFormatter;
use icu_decimal::DecimalFormatter;
use icu_list::{options::ListFormatterOptions, ListFormatter};
use icu_locale_core::Locale;

/// The formatters of one language, made once per build.
pub struct Formats {
    decimal: DecimalFormatter,
    day: DateTimeFormatter<YMD>,
    month: DateTimeFormatter<YM>,
    and: ListFormatter,
}

/// `tag` as a locale, English when it does not parse.
pub(crate) fn locale(tag: &str) -> Locale {
    tag.parse()
        .unwrap_or_else(|_| "en".parse().expect("`en` is a locale"))
}

impl Formats {
    /// The formatters of language `tag` (`de`, `pt-BR`); CLDR's own
    /// fallback (`de-AT` to `de`, an unknown language to the root locale)
    /// picks the data.
    pub fn new(tag: &str) -> Formats {
        let loc = locale(tag);
        let english = locale("en");
        let pick = |l: &Locale| {
            Some((
                DecimalFormatter::try_new(l.into(), Default::default()).ok()?,
                DateTimeFormatter::try_new(l.into(), YMD::long()).ok()?,
                DateTimeFormatter::try_new(l.into(), YM::long()).ok()?,
                ListFormatter::try_new_and(l.into(), ListFormatterOptions::default()).ok()?,
            ))
        };
        let (decimal, day, month, and) = pick(&loc)
            .or_else(|| pick(&english))
            .expect("CLDR has English formats");
        Formats {
            decimal,
            day,
            month,
            and,
        }
    }

    /// `n` with the language's digits, grouping and decimal separator; at
    /// most two decimals, none when `n` is whole.
    pub fn number(&self, n: f64) -> String {
        let text = if n.fract() == 0.0 {
            format!("{n:.0}")
        } else {
            let s = format!("{n:.2}");
            s.trim_end_matches('0').to_string()
        };
        match text.parse::<Decimal>() {
            Ok(d) => self.decimal.format(&d).to_string(),
            Err(_) => text,
        }
    }

    /// A full or partial ISO date (`2026-11-23`, `2026-11`, `2026`) as the
    /// language writes it: `November 23, 2026`, `23. November 2026`; a text
    /// that is not such a date is returned as it is.
    pub fn date(&self, iso: &str) -> String {
        let mut parts = iso.splitn(3, '-').map(str::parse::<u8>);
        let year: Option<i32> = iso.get(..4).and_then(|y| y.parse().ok());
        let _ = parts.next();
        let month = parts.next().and_then(Result::ok);
        let day = parts.next().and_then(Result::ok);
        let Some(year) = year else {
            return iso.to_string();
        };
        let Some(month) = month else {
            return year.to_string();
        };
        let Ok(date) = icu_calendar::Date::try_new_iso(year, month, day.unwrap_or(1)) else {
            return iso.to_string();
        };
        match day {
            Some(_) => self.day.format(&date).to_string(),
            None => self.month.format(&date).to_string(),
        }
    }

    /// `items` joined as the language joins a list with "and": `A, B, and
    /// C`, `A, B und C`.
    pub fn list<S: AsRef<str>>(&self, items: &[S]) -> String {
        self.and
            .format(items.iter().map(|s| s.as_ref()))
            .to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_the_language() {
        assert_eq!(Formats::new("en").number(110_000.0), "110,000");
        assert_eq!(Formats::new("de").number(110_000.0), "110.000");
        assert_eq!(Formats::new("pt-BR").number(110_000.0), "110.000");
        assert_eq!(Formats::new("fr").number(110_000.0), "110\u{202f}000");
        assert_eq!(Formats::new("de").number(12.5), "12,5");
        assert_eq!(Formats::new("en").number(7.0), "7");
    }

    #[test]
    fn dates_follow_the_language() {
        assert_eq!(Formats::new("de").date("2026-11-23"), "23. November 2026");
        assert_eq!(Formats::new("en").date("2026-11-23"), "November 23, 2026");
        assert_eq!(Formats::new("fr").date("2026-11"), "novembre 2026");
        assert_eq!(Formats::new("en").date("not a date"), "not a date");
    }

    #[test]
    fn lists_follow_the_language() {
        assert_eq!(Formats::new("de").list(&["A", "B", "C"]), "A, B und C");
        assert_eq!(Formats::new("en").list(&["A", "B", "C"]), "A, B, and C");
        assert_eq!(Formats::new("es").list(&["A", "B"]), "A y B");
    }
}
