//! Whether text shows anything: a string in, a yes or no out; and the key a
//! salary level is compared by.
//!
//! A title of spaces, or of zero-width spaces, is there to a parser and
//! empty to a reader; both are refused where text is required.

/// Whether `c` draws nothing: white space, or a character Unicode marks
/// `Default_Ignorable_Code_Point` (zero-width space and joiners, the byte
/// order mark, soft hyphen, bidirectional marks, variation selectors, ...).
pub(crate) fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{034F}'
                | '\u{061C}'
                | '\u{115F}'..='\u{1160}'
                | '\u{17B4}'..='\u{17B5}'
                | '\u{180B}'..='\u{180F}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}'
                | '\u{FFA0}'
                | '\u{FFF0}'..='\u{FFF8}'
                | '\u{1BCA0}'..='\u{1BCA3}'
                | '\u{1D173}'..='\u{1D17A}'
                | '\u{E0000}'..='\u{E0FFF}'
        )
}

/// Whether `text` shows nothing at all: empty, or only invisible characters.
pub(crate) fn is_blank(text: &str) -> bool {
    text.chars().all(is_invisible)
}

/// The key a salary level is compared by: inner spaces collapsed, trimmed,
/// lower-case, so `Senior`, ` senior` and `SENIOR` are one level (the
/// salary pages merge them; `check` matches them against `site.yaml`'s
/// `levels`).
pub(crate) fn level_key(level: &str) -> String {
    level
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_is_what_shows_nothing() {
        for text in [
            "",
            " ",
            "\t\n",
            "\u{200B}",
            "\u{200B}\u{200C}\u{200D}\u{FEFF}",
            "\u{00A0}\u{3000}",
            "\u{2060}\u{00AD}",
        ] {
            assert!(is_blank(text), "{text:?}");
        }
        for text in ["a", " x ", "\u{200B}b", "·", "🙂", "\u{0301}"] {
            assert!(!is_blank(text), "{text:?}");
        }
    }
}
