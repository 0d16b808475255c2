//! Plain text: what a field's text looks like with no Markdown in it. Text
//! with no character that could start Markdown skips the parser (most
//! summaries, skills and list items), and no control character that HTML
//! forbids reaches a page.

/// `src` with every control character that HTML forbids in text (C0 other
/// than tab, line feed, form feed and carriage return; DEL; C1) replaced by
/// U+FFFD, so no page carries one whatever a guide holds.
pub(crate) fn printable(src: &str) -> std::borrow::Cow<'_, str> {
    let forbidden =
        |c: char| (c.is_control() && !matches!(c, '\t' | '\n' | '\x0c' | '\r')) || c == '\0';
    // C0 and DEL are single bytes; C1 is encoded as 0xC2 0x80..=0x9F.
    let maybe = src.bytes().any(|b| {
        (b < 0x20 && !matches!(b, b'\t' | b'\n' | 0x0c | b'\r')) || b == 0x7f || b == 0xc2
    });
    if maybe && src.chars().any(forbidden) {
        src.chars()
            .map(|c| if forbidden(c) { '\u{FFFD}' } else { c })
            .collect::<String>()
            .into()
    } else {
        src.into()
    }
}

/// Whether `src` can contain no Markdown construct with the options used
/// here, so that its text events are `src` itself up to whitespace. Refuses
/// every character that starts inline markup, an entity, a backslash escape,
/// a table or a footnote anywhere, and every line that starts like a block
/// (heading, list item, quote, fence, rule, setext underline) or is
/// indented by a tab or four spaces (code). NUL is refused because the
/// parser replaces it. A refusal only costs a parse.
pub(crate) fn is_plain_text(src: &str) -> bool {
    if !src.is_ascii() {
        return is_plain_text_by_lines(src);
    }
    // One pass over the bytes, the same decision as `is_plain_text_by_lines`
    // (a property test compares them): this runs on every summary, skill
    // and list item of every guide.
    #[derive(PartialEq)]
    enum At {
        /// In the run of spaces and tabs that starts a line.
        Indent,
        /// Past the indent, skipping other whitespace before the first
        /// character.
        Lead,
        /// Past the line's first character.
        Rest,
    }
    let mut at = At::Indent;
    let (mut indent, mut tab) = (0, false);
    for &b in src.as_bytes() {
        if plain_refuses(b) {
            return false;
        }
        if b == b'\n' || b == b'\r' {
            if at == At::Indent && (tab || indent >= 4) {
                return false;
            }
            (at, indent, tab) = (At::Indent, 0, false);
            continue;
        }
        if at == At::Indent {
            match b {
                b' ' => indent += 1,
                b'\t' => (indent, tab) = (indent + 1, true),
                _ if tab || indent >= 4 => return false,
                _ => at = At::Lead,
            }
        }
        if at == At::Lead && !matches!(b, b' ' | b'\t' | 0x0b | 0x0c) {
            if starts_block(b) {
                return false;
            }
            at = At::Rest;
        }
    }
    !(at == At::Indent && (tab || indent >= 4))
}

/// Characters that start inline markup, an entity, an escape, a table or a
/// footnote wherever they are.
fn plain_refuses(b: u8) -> bool {
    matches!(
        b,
        b'\\' | b'`' | b'*' | b'_' | b'[' | b']' | b'<' | b'>' | b'&' | b'|' | b'~' | 0
    )
}

/// Characters that may start a block when first on a line.
fn starts_block(b: u8) -> bool {
    b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'#' | b'=' | b':')
}

/// [`is_plain_text`] line by line, for any text.
pub(crate) fn is_plain_text_by_lines(src: &str) -> bool {
    !src.bytes().any(plain_refuses)
        && src.split(['\n', '\r']).all(|line| {
            let indent = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
            !indent.contains('\t')
                && indent.len() < 4
                && line
                    .trim_start()
                    .bytes()
                    .next()
                    .is_none_or(|b| !starts_block(b))
        })
}

/// `s` with every run of whitespace made one space, trimmed at both ends:
/// `s.split_whitespace()` joined by spaces.
pub(crate) fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    if s.is_ascii() {
        // The ASCII characters `char::is_whitespace` accepts; a byte loop is
        // several times faster than the Unicode-aware split.
        let ws = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r');
        let bytes = s.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            while i < bytes.len() && ws(bytes[i]) {
                i += 1;
            }
            let start = i;
            while i < bytes.len() && !ws(bytes[i]) {
                i += 1;
            }
            if start < i {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(&s[start..i]);
            }
        }
        return out;
    }
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}
