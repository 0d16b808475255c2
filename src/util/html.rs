//! Escaping text for HTML and XML output.

/// Escapes text for HTML content and quoted attribute values. Unlike Tera's
/// default it leaves `/` alone, so URLs stay readable in the output.
pub(crate) fn escape_html(input: &str) -> String {
    // Most values need no escaping at all: copy runs between the special
    // bytes instead of pushing one char at a time (this runs for every
    // value printed into every page).
    let bytes = input.as_bytes();
    let mut out = String::with_capacity(input.len() + input.len() / 16);
    let mut start = 0;
    for (i, b) in bytes.iter().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&input[start..i]);
        out.push_str(rep);
        start = i + 1;
    }
    out.push_str(&input[start..]);
    out
}

/// Escapes text for XML content and attribute values.
pub(crate) fn escape_xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_escaped_xml(&mut out, s);
    out
}

/// [`escape_xml`], written at the end of `out`.
pub(crate) fn push_escaped_xml(out: &mut String, s: &str) {
    let plain = |b: &u8| !matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'') && *b >= 0x20;
    if s.as_bytes().iter().all(plain) {
        out.push_str(s);
        return;
    }
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_html_escapes_the_five_specials() {
        assert_eq!(escape_html("a<b>&\"c'/é"), "a&lt;b&gt;&amp;&quot;c&#39;/é");
        assert_eq!(escape_html(""), "");
        assert_eq!(escape_html("plain"), "plain");
    }
}
