//! ISO 4217 currency codes a salary can be given in.
//!
//! The list is ISO 4217 List One (active codes) as published by the SIX
//! maintenance agency, without the fund codes (`BOV`, `CHE`, `USN`, ...),
//! precious metals, bond-market units and the testing codes: none of those
//! is a currency anyone is paid in. Codes in transition (`ANG`/`XCG`,
//! `ZWL`/`ZWG`, `SLL`/`SLE`, `BGN`) stay while guides may still cite them.

/// Active ISO 4217 currency codes, sorted.
pub(crate) const CODES: &[&str] = &[
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT",
    "BGN", "BHD", "BIF", "BMD", "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD",
    "CDF", "CHF", "CLP", "CNY", "COP", "CRC", "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD",
    "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ",
    "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD", "JOD",
    "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR",
    "LRD", "LSL", "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR",
    "MWK", "MXN", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN",
    "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR",
    "SDG", "SEK", "SGD", "SHP", "SLE", "SLL", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL",
    "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "UYU",
    "UZS", "VED", "VES", "VND", "VUV", "WST", "XAF", "XCD", "XCG", "XOF", "XPF", "YER", "ZAR",
    "ZMW", "ZWG", "ZWL",
];

/// Whether `code` is an active currency code.
pub(crate) fn is_known(code: &str) -> bool {
    CODES.binary_search(&code).is_ok()
}

/// A likely intended code for a wrong one: common informal names first
/// (`UKP`, `RMB`), then the closest code by spelling.
pub(crate) fn suggest(code: &str) -> Option<&'static str> {
    let upper = code.trim().to_ascii_uppercase();
    let informal = match upper.as_str() {
        "UKP" | "GPB" | "STG" => Some("GBP"),
        "RMB" => Some("CNY"),
        "NTD" | "NT$" => Some("TWD"),
        "EURO" | "EUROS" => Some("EUR"),
        "US$" | "USDOLLAR" | "DOLLAR" | "DOLLARS" => Some("USD"),
        "YEN" => Some("JPY"),
        "HRK" => Some("EUR"),
        _ => None,
    };
    if informal.is_some() {
        return informal;
    }
    if is_known(&upper) {
        return CODES.iter().copied().find(|c| *c == upper);
    }
    crate::util::suggest::closest(&upper, CODES.iter().copied())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_is_sorted_and_unique() {
        assert!(CODES.windows(2).all(|w| w[0] < w[1]));
        assert!(CODES.iter().all(|c| c.len() == 3));
    }

    #[test]
    fn knows_real_codes_only() {
        assert!(is_known("USD") && is_known("EUR") && is_known("GBP"));
        assert!(!is_known("ABC") && !is_known("XXX") && !is_known("usd"));
        assert_eq!(suggest("UKP"), Some("GBP"));
        assert_eq!(suggest("usd"), Some("USD"));
    }
}
