//! Whether text shows anything: a string in, a yes or no out; and the keys
//! a salary level and a skill are compared by.
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

/// The key a skill is matched by across guides: lower-case, `&` read as
/// `and`, every other mark but `+` and `#` (which tell `C++` and `C#` from
/// `C`) read as a space, spaces collapsed. `CI/CD`, `ci-cd` and `CI CD`
/// meet; so do `Research & Analysis` and `research and analysis`.
pub(crate) fn skill_key(skill: &str) -> String {
    let mut spaced = String::with_capacity(skill.len());
    for c in skill.chars() {
        if c == '&' {
            spaced.push_str(" and ");
        } else if c.is_alphanumeric() || c == '+' || c == '#' {
            spaced.extend(c.to_lowercase());
        } else {
            spaced.push(' ');
        }
    }
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skill_keys_ignore_case_marks_and_ampersands() {
        assert_eq!(
            skill_key("  Research &  Analysis "),
            "research and analysis"
        );
        assert_eq!(skill_key("research and analysis"), "research and analysis");
        assert_eq!(skill_key("CI/CD"), skill_key("ci-cd"));
        assert_eq!(skill_key("**Kubernetes**"), "kubernetes");
        assert_ne!(skill_key("C++"), skill_key("C"));
        assert_ne!(skill_key("C#"), skill_key("C++"));
    }

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
