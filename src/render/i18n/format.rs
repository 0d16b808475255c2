//! Numbers, money, dates and lists in a language's notation, from the
//! CLDR data ICU4X compiles into the binary: a number and a language in,
//! its text out (`110,000` in English, `110.000` in German, `110 000` in
//! French; `110.000 $` in German, `110 k$US` in French).
//!
//! English keeps careerbook's own compact salary notation (`$110k`, see
//! [`crate::render::money`]) and ISO dates (`2026-11-23`), as English
//! sites have always shown them; every other language takes CLDR's.

use fixed_decimal::Decimal;
use icu_datetime::fieldsets::{YM, YMD};
use icu_datetime::DateTimeFormatter;
use icu_decimal::{CompactDecimalFormatter, DecimalFormatter};
use icu_experimental::dimension::currency::{formatter::CurrencyFormatter, CurrencyType};
use icu_list::{options::ListFormatterOptions, ListFormatter};
use icu_locale_core::Locale;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// The formatters of one language, made once per build.
pub struct Formats {
    decimal: DecimalFormatter,
    day: DateTimeFormatter<YMD>,
    month: DateTimeFormatter<YM>,
    and: ListFormatter,
    locale: Locale,
    /// careerbook's own notation (`$110k`, ISO dates) instead of CLDR's.
    house: bool,
    /// A compact currency formatter per currency code, made when first
    /// needed (a site uses few currencies).
    money: Mutex<HashMap<String, Option<Arc<CurrencyFormatter<CompactDecimalFormatter>>>>>,
}

/// `rtl` when language `tag` is written right to left (Arabic, Hebrew,
/// Persian, Urdu, …, by CLDR's likely scripts), else `ltr`.
pub(crate) fn direction(tag: &str) -> &'static str {
    let rtl = icu_locale::LocaleDirectionality::new_common().is_right_to_left(&locale(tag).id);
    if rtl {
        "rtl"
    } else {
        "ltr"
    }
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
        let house = loc.id.language.as_str() == "en";
        Formats {
            decimal,
            day,
            month,
            and,
            locale: loc,
            house,
            money: Mutex::new(HashMap::new()),
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

    /// An amount in `currency` (ISO 4217) as the language writes money,
    /// compact: `110.000 $` in German, `110 k$US` in French, `US$ 110 mil`
    /// in Brazilian Portuguese; in English `$110k`. A currency CLDR does not
    /// know keeps its code before the number.
    pub fn money(&self, currency: &str, v: f64) -> String {
        if self.house {
            return crate::render::money::money(currency, v);
        }
        let Some(f) = self.currency_formatter(currency) else {
            return format!("{currency} {}", self.number(v));
        };
        let text = if v.fract() == 0.0 {
            format!("{v:.0}")
        } else {
            format!("{v:.2}")
        };
        match text.parse::<Decimal>() {
            Ok(d) => f.format_fixed_decimal(&d).to_string(),
            Err(_) => text,
        }
    }

    /// A salary range, `110.000 $–145.000 $`, with `+` when the top is open.
    pub fn figures(&self, currency: &str, r: &crate::guide::model::SalaryRange) -> String {
        if self.house {
            return crate::render::money::figures(currency, r);
        }
        let plus = if r.open_ended { "+" } else { "" };
        format!(
            "{}–{}{plus}",
            self.money(currency, r.min),
            self.money(currency, r.max)
        )
    }

    fn currency_formatter(
        &self,
        currency: &str,
    ) -> Option<Arc<CurrencyFormatter<CompactDecimalFormatter>>> {
        let mut cache = self.money.lock().unwrap_or_else(|e| e.into_inner());
        cache
            .entry(currency.to_string())
            .or_insert_with(|| {
                let code = CurrencyType::try_from_str(&currency.to_ascii_lowercase()).ok()?;
                CurrencyFormatter::try_new_compact_symbol(
                    (&self.locale).into(),
                    code,
                    Default::default(),
                )
                .ok()
                .map(Arc::new)
            })
            .clone()
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
        if self.house {
            return iso.to_string();
        }
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

    /// `items` joined as the language joins a list with "and": `A, B und
    /// C`, `A, B et C`; English keeps its plain `A, B, C`.
    pub fn list<S: AsRef<str>>(&self, items: &[S]) -> String {
        if self.house {
            let all: Vec<&str> = items.iter().map(AsRef::as_ref).collect();
            return all.join(", ");
        }
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
        // English keeps ISO dates.
        assert_eq!(Formats::new("en").date("2026-11-23"), "2026-11-23");
        assert_eq!(
            Formats::new("es").date("2026-11-23"),
            "23 de noviembre de 2026"
        );
        assert_eq!(Formats::new("fr").date("2026-11"), "novembre 2026");
        assert_eq!(Formats::new("en").date("not a date"), "not a date");
    }

    #[test]
    fn money_keeps_its_currency_in_the_language_s_notation() {
        assert_eq!(Formats::new("en").money("USD", 110_000.0), "$110k");
        assert_eq!(Formats::new("de").money("EUR", 110_000.0), "110.000\u{a0}€");
        assert_eq!(Formats::new("de").money("USD", 110_000.0), "110.000\u{a0}$");
        // A code CLDR has no symbol for is written as the code.
        assert_eq!(Formats::new("de").money("XYZ", 1500.0), "1500\u{a0}XYZ");
        assert_eq!(
            Formats::new("pt-BR").money("USD", 110_000.0),
            "US$\u{a0}110\u{a0}mil"
        );
    }

    #[test]
    fn right_to_left_languages_are_known_from_cldr() {
        for rtl in ["ar", "he", "fa", "ur", "ar-EG"] {
            assert_eq!(direction(rtl), "rtl", "{rtl}");
        }
        for ltr in ["en", "de", "pt-BR", "not a tag"] {
            assert_eq!(direction(ltr), "ltr", "{ltr}");
        }
    }

    #[test]
    fn lists_follow_the_language() {
        assert_eq!(Formats::new("de").list(&["A", "B", "C"]), "A, B und C");
        assert_eq!(Formats::new("fr").list(&["A", "B", "C"]), "A, B et C");
        assert_eq!(Formats::new("en").list(&["A", "B", "C"]), "A, B, C");
        assert_eq!(Formats::new("es").list(&["A", "B"]), "A y B");
    }
}
