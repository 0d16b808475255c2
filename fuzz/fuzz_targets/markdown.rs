//! Any text through every Markdown renderer: never a panic, and never a
//! script element, a script URL or a control character HTML forbids in the
//! output.
#![no_main]

use careerbook::render::markdown;
use libfuzzer_sys::fuzz_target;

fn assert_printable(text: &str) {
    assert!(
        !text.chars().any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\x0c' | '\r')),
        "control character in {text:?}"
    );
}

fn assert_inert(html: &str) {
    assert_printable(html);
    let lower = html.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "script element in {html:?}");
    assert!(!lower.contains("<iframe"), "iframe in {html:?}");
    for attr in ["href=\"", "src=\""] {
        for (i, _) in lower.match_indices(attr) {
            let value: String = lower[i + attr.len()..].chars().take_while(|c| *c != '"').collect();
            let squashed: String = value.chars().filter(|c| !c.is_whitespace()).collect();
            assert!(!squashed.starts_with("javascript:"), "script URL in {html:?}");
            assert!(!squashed.starts_with("vbscript:"), "script URL in {html:?}");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    assert_inert(&markdown::block(text));
    assert_inert(&markdown::inline(text));
    assert_inert(&markdown::body(text, &["main"]).0);
    let raw = markdown::Markdown { allow_raw_html: true };
    assert_inert(&raw.block(text));
    assert_inert(&raw.inline(text));
    assert_inert(&raw.body(text, &["main"]).0);
    // Plain text, escaped where a template puts it: only printable.
    assert_printable(&markdown::plain(text));
});
