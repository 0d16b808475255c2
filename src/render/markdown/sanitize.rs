//! What untrusted Markdown may link to, and the allow-list raw HTML passes
//! through when a site allows it.

/// Whether a URL is safe to put in `href`/`src`: relative, fragment, or an
/// allowed scheme. `data:` is allowed only for images, and only `data:image/`.
///
/// Whitespace and control characters are ignored, as browsers strip them
/// (`java\tscript:` is `javascript:` to a browser). Text before the first
/// `:` is a scheme only if it has a scheme's shape (RFC 3986: a letter, then
/// letters, digits, `+`, `-` or `.`); otherwise the URL is a relative
/// reference, as `foo):` is.
pub fn is_safe_url(url: &str, image: bool) -> bool {
    let lower: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    match lower.split_once(':') {
        Some((scheme, _)) if is_scheme(scheme) => {
            matches!(scheme, "http" | "https" | "mailto" | "tel")
                || (image && scheme == "data" && lower.starts_with("data:image/"))
        }
        _ => true,
    }
}

/// RFC 3986 `scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )`.
fn is_scheme(s: &str) -> bool {
    let mut bytes = s.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_alphabetic())
        && bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
}

/// Sanitises HTML: ammonia's allow-list (no `<script>`, `<style>`,
/// `<iframe>`, event handlers or script URLs), plus `id` so heading anchors
/// survive, and `data:` URLs on images only.
pub(crate) fn clean(html: &str) -> String {
    use std::sync::OnceLock;
    static CLEANER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    let cleaner = CLEANER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.add_generic_attributes(["id"]);
        // Fenced code blocks carry `class="language-x"`: allowing raw HTML
        // must not change what plain Markdown renders.
        b.add_tag_attributes("code", ["class"]);
        b.add_url_schemes(["data"]);
        b.attribute_filter(|element, attribute, value| {
            if element == "code" && attribute == "class" {
                return language_classes(value).map(Into::into);
            }
            let is_url = matches!(attribute, "href" | "src" | "srcset" | "cite" | "longdesc");
            let data = value
                .trim_start()
                .get(..5)
                .is_some_and(|p| p.eq_ignore_ascii_case("data:"));
            if is_url
                && data
                && !(element == "img" && attribute == "src" && is_safe_url(value, true))
            {
                None
            } else {
                Some(value.into())
            }
        });
        b
    });
    cleaner.clean(html).to_string()
}

/// The `language-x` classes of a `class` value, the only ones a code
/// element keeps; `None` when there are none.
fn language_classes(value: &str) -> Option<String> {
    let kept: Vec<&str> = value
        .split_ascii_whitespace()
        .filter(|c| {
            c.strip_prefix("language-").is_some_and(|l| {
                !l.is_empty()
                    && l.bytes().all(|b| {
                        b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'+' | b'.' | b'#')
                    })
            })
        })
        .collect();
    (!kept.is_empty()).then(|| kept.join(" "))
}

/// Raw HTML nested deeper than this is shown as text instead: parsing HTML
/// into a tree costs time in proportion to the depth for every element
/// (`<p>` closes any open `<p>` "in button scope", found by walking up the
/// open elements), so 100,000 nested `<div>`s took minutes.
pub(crate) const MAX_RAW_HTML_DEPTH: usize = 256;

/// Whether the tags in `src` nest no deeper than [`MAX_RAW_HTML_DEPTH`],
/// found with html5ever's tokenizer, which takes time in proportion to the
/// text. Void elements and elements whose end tag may be left out (`<p>`,
/// `<li>`, `<td>`, ...) do not count, so ordinary HTML is never refused.
pub(crate) fn nests_shallowly(src: &str) -> bool {
    use html5ever::tendril::StrTendril;
    use html5ever::tokenizer::{
        BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
    };
    use std::cell::Cell;

    #[derive(Default)]
    struct Depth {
        now: Cell<usize>,
        max: Cell<usize>,
    }
    impl TokenSink for Depth {
        type Handle = ();
        fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
            if let Token::TagToken(tag) = token {
                let counted = !matches!(
                    &*tag.name,
                    "area"
                        | "base"
                        | "br"
                        | "col"
                        | "embed"
                        | "hr"
                        | "img"
                        | "input"
                        | "link"
                        | "meta"
                        | "source"
                        | "track"
                        | "wbr"
                        | "param"
                        | "keygen"
                        | "p"
                        | "li"
                        | "dt"
                        | "dd"
                        | "option"
                        | "optgroup"
                        | "tr"
                        | "td"
                        | "th"
                        | "tbody"
                        | "thead"
                        | "tfoot"
                        | "rt"
                        | "rp"
                        | "colgroup"
                        | "caption"
                );
                match tag.kind {
                    TagKind::StartTag if counted && !tag.self_closing => {
                        self.now.set(self.now.get() + 1);
                        self.max.set(self.max.get().max(self.now.get()));
                    }
                    TagKind::EndTag if counted => self.now.set(self.now.get().saturating_sub(1)),
                    _ => {}
                }
            }
            TokenSinkResult::Continue
        }
    }
    if !src.contains('<') {
        return true;
    }
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(src));
    let tok = Tokenizer::new(Depth::default(), TokenizerOpts::default());
    let _ = tok.feed(&input);
    tok.end();
    tok.sink.max.get() <= MAX_RAW_HTML_DEPTH
}
