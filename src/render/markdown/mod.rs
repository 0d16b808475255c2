//! Markdown to HTML for guide bodies and Markdown fields.
//!
//! Guides are untrusted input: raw HTML written in Markdown is shown as text,
//! and link or image URLs with a script-capable scheme are neutralised. A
//! site that sets `allow_raw_html` gets raw HTML through [`Markdown`], which
//! runs the result through the `ammonia` sanitiser. Body headings get stable
//! ids and keep their level, except that `#` becomes `<h2>` so the guide's
//! title stays the page's only `<h1>`.

mod plain;
mod sanitize;

use plain::{collapse_whitespace, is_plain_text, printable};
use pulldown_cmark::{html, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use sanitize::clean;
pub use sanitize::is_safe_url;

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH
}

fn sanitize(event: Event<'_>, raw: bool) -> Event<'_> {
    match event {
        // Raw HTML becomes visible text (pulldown-cmark escapes Text), unless
        // the site allows it; then the sanitiser cleans the whole result.
        Event::Html(s) | Event::InlineHtml(s) if !raw => Event::Text(s),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest_url = if is_safe_url(&dest_url, false) {
                dest_url
            } else {
                CowStr::from("#")
            };
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            })
        }
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest_url = if is_safe_url(&dest_url, true) {
                dest_url
            } else {
                CowStr::from("#")
            };
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            })
        }
        e => e,
    }
}

/// Rendered HTML with any control character HTML forbids replaced. The
/// source went through [`printable`] already, but a character reference
/// (`&#1;`, `&#x1B;`) decodes to one after that, in text, in a link title,
/// or in raw HTML that the sanitiser parses and writes back out.
fn finish(html: String) -> String {
    match printable(&html) {
        std::borrow::Cow::Borrowed(_) => html,
        std::borrow::Cow::Owned(clean) => clean,
    }
}

/// Renders a Markdown block (a body, `development`, a `note`) to HTML.
pub fn block(src: &str) -> String {
    block_with(src, false)
}

fn block_with(src: &str, raw: bool) -> String {
    let src = &*printable(src);
    let mut out = String::with_capacity(src.len() * 3 / 2);
    html::push_html(
        &mut out,
        Parser::new_ext(src, options()).map(|e| sanitize(e, raw)),
    );
    finish(out)
}

/// Renders a one-line Markdown item (a list item, a title) to HTML without
/// the wrapping `<p>`.
pub fn inline(src: &str) -> String {
    inline_with(src, false)
}

fn inline_with(src: &str, raw: bool) -> String {
    let src = &*printable(src);
    // One line of plain text renders to itself: no markup, nothing to
    // escape (`is_plain_text` refuses `&`, `<` and `>`), no edge whitespace.
    if is_plain_text(src) && !src.contains(['\n', '\r']) && src.trim() == src {
        return src.to_string();
    }
    let mut out = String::with_capacity(src.len() + 16);
    let events = Parser::new_ext(src, options())
        .filter(|e| {
            !matches!(
                e,
                Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph)
            )
        })
        .map(|e| sanitize(e, raw));
    html::push_html(&mut out, events);
    out.truncate(out.trim_end().len());
    finish(out)
}

/// The text of Markdown with all markup removed, whitespace collapsed: for
/// meta descriptions and search.
pub fn plain(src: &str) -> String {
    let src = &*printable(src);
    // Most summaries and skills are plain sentences; the parser would hand
    // their text back unchanged, so skip it.
    if is_plain_text(src) {
        return collapse_whitespace(src);
    }
    finish(plain_parsed(src))
}

fn plain_parsed(src: &str) -> String {
    let mut out = String::with_capacity(src.len());
    for event in Parser::new_ext(src, options()) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                out.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) => out.push(' '),
            _ => {}
        }
    }
    collapse_whitespace(&out)
}

/// A heading of a rendered body: for a table of contents.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    /// Level after demotion (2..=6).
    pub level: u8,
    /// The anchor id.
    pub id: String,
    /// The heading's text.
    pub text: String,
}

/// Renders a guide body: headings at their own level (an `#` becomes
/// `<h2>`, see [`section_level`]) and given ids unique within the page
/// (`reserved` ids are the ones the page's own markup uses, which a body
/// heading must not take).
pub fn body(src: &str, reserved: &[&str]) -> (String, Vec<Heading>) {
    body_with(src, reserved, false)
}

fn body_with(src: &str, reserved: &[&str], raw: bool) -> (String, Vec<Heading>) {
    let src = &*printable(src);
    let events: Vec<Event<'_>> = Parser::new_ext(src, options())
        .map(|e| sanitize(e, raw))
        .collect();
    let mut used: std::collections::HashSet<String> =
        reserved.iter().map(|s| s.to_string()).collect();
    // The next suffix to try for each base id: a page of 20,000 `## Same`
    // headings must not try `same-2`, `same-3`, ... again for each one.
    let mut next: std::collections::HashMap<String, usize> = Default::default();
    let mut headings = Vec::new();
    let mut out_events = Vec::with_capacity(events.len());
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading {
            level,
            classes,
            attrs,
            ..
        }) = &events[i]
        {
            let mut text = String::new();
            let mut j = i + 1;
            while j < events.len() && !matches!(events[j], Event::End(TagEnd::Heading(_))) {
                if let Event::Text(t) | Event::Code(t) = &events[j] {
                    text.push_str(t);
                }
                j += 1;
            }
            let base = match crate::util::slug::slugify(&text) {
                s if s.is_empty() => "section".to_string(),
                s => s,
            };
            let mut id = base.clone();
            let n = next.entry(base.clone()).or_insert(2);
            while !used.insert(id.clone()) {
                id = format!("{base}-{n}");
                *n += 1;
            }
            let level = section_level(*level);
            headings.push(Heading {
                level: level as u8,
                id: id.clone(),
                text: text.clone(),
            });
            out_events.push(Event::Start(Tag::Heading {
                level,
                id: Some(CowStr::from(id)),
                classes: classes.clone(),
                attrs: attrs.clone(),
            }));
            out_events.extend(events[i + 1..j].iter().cloned());
            out_events.push(Event::End(TagEnd::Heading(level)));
            i = j + 1;
            continue;
        }
        out_events.push(events[i].clone());
        i += 1;
    }
    let mut out = String::with_capacity(src.len() * 3 / 2);
    html::push_html(&mut out, out_events.into_iter());
    (finish(out), headings)
}

/// A body heading's level on the page: as written, except that `#` is an
/// `<h2>` like `##`, because the guide's title is the page's one `<h1>`.
/// The page's own sections are `<h2>`, so a body `## A day in the life`
/// sits beside them in the outline, as Zola, Hugo and mdBook render it.
fn section_level(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        other => other,
    }
}

/// The Markdown renderer for one site: [`block`], [`inline`] and [`body`]
/// with the site's raw-HTML policy applied.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Markdown {
    /// Pass raw HTML through, sanitised, instead of showing it as text.
    pub allow_raw_html: bool,
}

impl Markdown {
    /// The renderer for a site: its `allow_raw_html` setting applied.
    pub fn of(config: &crate::guide::model::SiteConfig) -> Markdown {
        Markdown {
            allow_raw_html: config.allow_raw_html,
        }
    }

    /// Whether `src`'s raw HTML goes through the sanitiser: the site allows
    /// raw HTML and `src` does not nest it absurdly deep (then it is shown
    /// as text, as on a site that does not allow it).
    fn raw_html_for(self, src: &str) -> bool {
        self.allow_raw_html && sanitize::nests_shallowly(src)
    }

    /// Like [`block`].
    pub fn block(self, src: &str) -> String {
        if self.raw_html_for(src) {
            finish(clean(&block_with(src, true)))
        } else {
            block(src)
        }
    }

    /// Like [`inline`].
    pub fn inline(self, src: &str) -> String {
        if self.raw_html_for(src) {
            finish(clean(&inline_with(src, true)))
        } else {
            inline(src)
        }
    }

    /// Like [`body`].
    pub fn body(self, src: &str, reserved: &[&str]) -> (String, Vec<Heading>) {
        if self.raw_html_for(src) {
            let (html, headings) = body_with(src, reserved, true);
            (finish(clean(&html)), headings)
        } else {
            body(src, reserved)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::plain::is_plain_text_by_lines;
    use super::*;

    #[test]
    fn a_colon_after_other_characters_is_no_scheme() {
        // CommonMark example 500: `foo):` is a relative reference.
        assert_eq!(inline(r"[link](foo\)\:)"), r#"<a href="foo):">link</a>"#);
        assert!(!is_safe_url("a.b-c+d:x", false), "a real unknown scheme");
        assert!(is_safe_url("1abc:x", true), "a scheme starts with a letter");
        assert!(!is_safe_url("java\tscript:alert(1)", false));
        assert!(!is_safe_url(" JAVASCRIPT:alert(1)", false));
        assert!(is_safe_url("./a:b", false));
    }

    #[test]
    fn control_characters_never_reach_a_page() {
        let md = Markdown {
            allow_raw_html: true,
        };
        let raw_chars =
            "# A\u{1}B\n\nx\u{1b}[31my \u{7f}\u{85}z\ttab\n\n[l\u{2}](https://e.org/)\n";
        // Character references decode to control characters after the
        // source was cleaned: in text, code, a link title, raw HTML.
        let references = "# A&#1;B\n\nx&#x1B;y &#127;&#x85;z `&#1;` [l](https://e.org/ \"t&#2;\") <b title=\"&#3;\">&#4;</b>\n";
        for src in [raw_chars, references] {
            control_characters_are_replaced(src, &md);
        }
        assert_eq!(inline("plain\ttext"), "plain\ttext");
    }

    fn control_characters_are_replaced(src: &str, md: &Markdown) {
        for html in [
            block(src),
            inline(src),
            body(src, &[]).0,
            plain(src),
            md.block(src),
            md.inline(src),
            md.body(src, &[]).0,
        ] {
            assert!(
                !html
                    .chars()
                    .any(|c| c.is_control() && !matches!(c, '\t' | '\n')),
                "{html:?}"
            );
            assert!(html.contains('\u{FFFD}'), "{html:?}");
        }
    }

    #[test]
    fn many_equal_headings_get_ids_in_linear_time() {
        let src = "## Same\n\n".repeat(20_000) + "## Same 2\n";
        let start = std::time::Instant::now();
        let (_, headings) = body(&src, &["same-5"]);
        let ids: Vec<&str> = headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(&ids[..5], ["same", "same-2", "same-3", "same-4", "same-6"]);
        assert_eq!(ids[19_999], "same-20001");
        // `same-2` is taken by the second heading, so `Same 2` moves on.
        assert_eq!(ids[20_000], "same-2-2");
        let unique: std::collections::HashSet<&&str> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len());
        // Quadratic id search took about 30 s here; linear takes milliseconds
        // even in a debug build on a loaded machine.
        assert!(start.elapsed().as_secs() < 10, "{:?}", start.elapsed());
    }

    #[test]
    fn deeply_nested_raw_html_is_shown_as_text_in_linear_time() {
        let md = Markdown {
            allow_raw_html: true,
        };
        let deep = "<div>".repeat(100_000) + &"</div>".repeat(100_000);
        let start = std::time::Instant::now();
        let html = md.block(&deep);
        assert!(
            html.starts_with("&lt;div&gt;&lt;div&gt;"),
            "{}",
            &html[..40]
        );
        // Sanitising it took over a minute; the depth check takes well under
        // a second even in a debug build on a loaded machine.
        assert!(start.elapsed().as_secs() < 10, "{:?}", start.elapsed());
        let shallow = "<div>".repeat(200) + "x" + &"</div>".repeat(200);
        assert!(md.block(&shallow).starts_with("<div><div>"));
        let list = "<ul>".to_string() + &"<li>x".repeat(10_000) + "</ul>";
        assert!(
            md.block(&list).starts_with("<ul><li>x</li>"),
            "unclosed items are not depth"
        );
    }

    #[test]
    fn raw_html_keeps_the_language_of_fenced_code() {
        let md = Markdown {
            allow_raw_html: true,
        };
        let src = "```ruby\nputs 1\n```\n";
        assert_eq!(md.block(src), block(src));
        assert!(block(src).contains(r#"<code class="language-ruby">"#));
        let html =
            md.block(r#"<code class="language-rust evil x">a</code> <code class="x">b</code>"#);
        assert!(
            html.contains(r#"<code class="language-rust">a</code>"#),
            "{html}"
        );
        assert!(html.contains("<code>b</code>"), "{html}");
    }

    #[test]
    fn raw_html_is_escaped() {
        let out = block("hello <script>alert(1)</script>\n\n<div onclick=x>hi</div>");
        assert!(!out.contains("<script"), "{out}");
        assert!(!out.contains("<div"), "{out}");
        assert!(out.contains("&lt;script&gt;"), "{out}");
    }

    #[test]
    fn script_urls_are_neutralised() {
        let out =
            inline("[x](javascript:alert(1)) [y]( JaVaScRiPt:alert(1)) ![i](data:text/html,x)");
        assert!(!out.to_ascii_lowercase().contains("javascript:"), "{out}");
        assert!(!out.contains("data:text"), "{out}");
        assert!(inline("[ok](https://a.b/c)").contains("href=\"https://a.b/c\""));
        assert!(inline("[rel](../x/#y)").contains("href=\"../x/#y\""));
    }

    #[test]
    fn allowed_raw_html_is_sanitised() {
        let md = Markdown {
            allow_raw_html: true,
        };
        let out = md.block(
            "<b>bold</b> <script>alert(1)</script> <img src=x onerror=alert(1)> \
             <iframe src=https://e.example></iframe> <a href=\"javascript:alert(1)\">j</a> \
             <img src=\"data:image/png;base64,AAAA\"> <a href=\"data:text/html,x\">d</a>",
        );
        assert!(out.contains("<b>bold</b>"), "{out}");
        for bad in ["<script", "onerror", "<iframe", "javascript:", "data:text"] {
            assert!(!out.contains(bad), "{bad} in {out}");
        }
        assert!(out.contains("src=\"data:image/png;base64,AAAA\""), "{out}");
        let (body, _) = md.body("# Title\n\n<div onclick=x>hi</div>", &[]);
        assert!(body.contains("<h2 id=\"title\">"), "{body}");
        assert!(body.contains("<div>hi</div>"), "{body}");
    }

    #[test]
    fn inline_drops_paragraph() {
        assert_eq!(inline("a *b*"), "a <em>b</em>");
    }

    #[test]
    fn plain_strips_markup() {
        assert_eq!(
            plain("A **bold** [link](x) and `code`.\nNext"),
            "A bold link and code. Next"
        );
    }

    #[test]
    fn plain_sentences_skip_the_parser() {
        for s in [
            "Builds data pipelines (ETL), e.g. for 3 teams; 40% less toil.",
            "Python",
            "  C# and F#\n  on .NET 8: full-stack work!  ",
            "",
        ] {
            assert!(is_plain_text(s), "{s:?}");
            assert_eq!(plain(s), plain_parsed(s));
            assert_eq!(inline(s), inline_parsed(s));
        }
        for s in [
            "1. first",
            "- item",
            "a *b*",
            "x\r# heading",
            "\té\n\ré",
            "    code",
            "a\n===",
            "&amp;",
            "a\0b",
        ] {
            assert!(!is_plain_text(s), "{s:?}");
        }
    }

    /// `inline` without its fast path.
    fn inline_parsed(src: &str) -> String {
        let mut out = String::new();
        let events = Parser::new_ext(src, options()).filter(|e| {
            !matches!(
                e,
                Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph)
            )
        });
        html::push_html(&mut out, events.map(|e| sanitize(e, false)));
        out.truncate(out.trim_end().len());
        out
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4096))]

        /// The fast path of `plain` gives exactly what parsing gives, for
        /// text built from the characters that matter to Markdown.
        #[test]
        fn plain_fast_path_matches_the_parser(
            src in "([a-zA-Z0-9 .,;:!?'\"()/%$@=+#>|~_*`\\\\&<\\[\\]\\-]|\n|\r|\t|\u{a0}|\u{b}|\u{c}|\u{0}|é|\u{3000}){0,60}",
        ) {
            proptest::prop_assert_eq!(plain(&src), plain_parsed(&printable(&src)), "{:?}", src);
        }

        /// `inline`'s fast path gives what rendering gives.
        #[test]
        fn inline_fast_path_matches_the_parser(
            src in "([a-zA-Z0-9 .,;:!?'\"()/%$@=+#>|~_*`\\\\&<\\[\\]\\-]|\n|\t|\u{a0}|\u{0}|é){0,40}",
        ) {
            proptest::prop_assert_eq!(inline(&src), inline_parsed(&printable(&src)), "{:?}", src);
        }

        /// The one-pass check decides as the line-by-line one.
        #[test]
        fn plain_text_check_in_one_pass_matches_by_lines(
            src in "([a-z0-9 .,;:!?()'\"/%$@=+#-]|\n|\r|\r\n|\t|    |\u{b}|\u{c}|[*_<>&\\\\]){0,40}",
        ) {
            proptest::prop_assert_eq!(is_plain_text(&src), is_plain_text_by_lines(&src), "{:?}", src);
        }

        /// The same on text the fast path accepts more often: words, digits,
        /// sentence punctuation and line breaks.
        #[test]
        fn plain_fast_path_matches_the_parser_on_sentences(
            src in "([a-z]{1,6}|[0-9]{1,3}|[ .,;:!?()'\"/%$@=+#-]|\n|\r\n|\n\n|    |\t){0,30}",
        ) {
            proptest::prop_assert_eq!(plain(&src), plain_parsed(&printable(&src)), "{:?}", src);
        }
    }

    #[test]
    fn collapse_whitespace_is_split_whitespace_joined() {
        for s in [
            "",
            "  ",
            " a  b\t\nc\r\n d\u{b}e\u{c}f ",
            "x\u{a0}y\u{3000}z\u{85}w",
            "\u{1c}a\u{1f}",
        ] {
            assert_eq!(
                collapse_whitespace(s),
                s.split_whitespace().collect::<Vec<_>>().join(" "),
                "{s:?}"
            );
        }
    }

    #[test]
    fn body_headings_keep_their_level_with_unique_ids() {
        let (html, heads) = body(
            "# Overview\n\n## Overview\n\n### Detail\n\n## Key Responsibilities",
            &["key-responsibilities"],
        );
        assert!(html.contains("<h2 id=\"overview\">Overview</h2>"), "{html}");
        assert!(html.contains("<h2 id=\"overview-2\">"), "{html}");
        assert!(html.contains("<h3 id=\"detail\">"), "{html}");
        assert!(html.contains("<h2 id=\"key-responsibilities-2\""), "{html}");
        let levels: Vec<u8> = heads.iter().map(|h| h.level).collect();
        assert_eq!(levels, [2, 2, 3, 2]);
    }
}
