//! Salary figures as the guides read them: `$110k`, `€45.50`, `CHF 95k`,
//! `$110k–$145k+`.

use crate::guide::model::SalaryRange;

fn currency_symbol(code: &str) -> Option<&'static str> {
    Some(match code {
        "USD" => "$",
        "EUR" => "€",
        "GBP" => "£",
        "JPY" => "¥",
        "INR" => "₹",
        "CAD" => "CA$",
        "AUD" => "A$",
        _ => return None,
    })
}

fn number(v: f64) -> String {
    if v >= 1000.0 {
        let k = v / 1000.0;
        if (k - k.round()).abs() < 1e-9 {
            format!("{}k", k.round() as u64)
        } else {
            let s = format!("{k:.1}");
            format!("{}k", s.trim_end_matches('0').trim_end_matches('.'))
        }
    } else if (v - v.round()).abs() < 1e-9 {
        format!("{}", v.round() as u64)
    } else {
        format!("{v:.2}")
    }
}

/// Formats an amount the way the guides read: `$110k`, `€45.50`, `CHF 95k`.
pub fn money(currency: &str, v: f64) -> String {
    match currency_symbol(currency) {
        Some(sym) => format!("{sym}{}", number(v)),
        None => format!("{currency} {}", number(v)),
    }
}

/// `$110k–$145k`, with `+` when the top is open.
pub fn figures(currency: &str, r: &SalaryRange) -> String {
    let plus = if r.open_ended { "+" } else { "" };
    format!(
        "{}–{}{}",
        money(currency, r.min),
        money(currency, r.max),
        plus
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_reads_like_the_guides() {
        assert_eq!(money("USD", 110_000.0), "$110k");
        assert_eq!(money("USD", 112_500.0), "$112.5k");
        assert_eq!(money("EUR", 45.5), "€45.50");
        assert_eq!(money("CHF", 95_000.0), "CHF 95k");
    }
}
