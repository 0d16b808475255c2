//! Internal link checking of a rendered site: every `href`/`src` that points
//! inside the site must name a page or file that exists, and every
//! `#fragment` must name an `id` on the target page.
//!
//! Links are resolved exactly as a browser resolves them on the published
//! site, under the base path (`/repo/` for a GitHub project site), so a link
//! that only works at the domain root is caught. HTML is read with
//! html5ever's tokenizer, which reports the line of every tag.

use crate::render::Page;
use crate::util::layout::{self, Route};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use rayon::prelude::*;
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// One link that does not resolve.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct BrokenLink {
    /// The page holding the link, relative to the output folder.
    pub page: String,
    /// 1-based line of the tag in the page.
    pub line: u64,
    /// The link as written in the page.
    pub link: String,
    /// The URL path it resolves to on the published site, with fragment.
    pub target: String,
    /// Why it is broken.
    pub reason: &'static str,
}

impl fmt::Display for BrokenLink {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: `{}` -> {} ({})",
            self.page, self.line, self.link, self.target, self.reason
        )
    }
}

/// A link found in a page, with the line of its tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundLink {
    /// 1-based line.
    pub line: u64,
    /// The attribute value.
    pub url: String,
}

/// What link checking needs from one HTML page.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Scanned {
    /// Every link-carrying attribute, in document order.
    pub links: Vec<FoundLink>,
    /// Every `id`, and every `name` of an `<a>`: the valid fragments.
    pub ids: BTreeSet<String>,
}

#[derive(Default)]
struct Sink(RefCell<Scanned>);

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<()> {
        let Token::TagToken(tag) = token else {
            return TokenSinkResult::Continue;
        };
        if tag.kind != TagKind::StartTag {
            return TokenSinkResult::Continue;
        }
        let name: &str = &tag.name;
        let mut scanned = self.0.borrow_mut();
        let attr = |n: &str| {
            tag.attrs
                .iter()
                .find(|a| &*a.name.local == n)
                .map(|a| a.value.to_string())
        };
        if let Some(id) = attr("id") {
            scanned.ids.insert(id);
        }
        if name == "a" {
            if let Some(n) = attr("name") {
                scanned.ids.insert(n);
            }
        }
        let url = match name {
            "a" | "area" | "link" => attr("href"),
            "img" | "script" | "iframe" | "source" | "audio" | "video" | "track" | "embed" => {
                attr("src")
            }
            "meta" if attr("http-equiv").is_some_and(|v| v.eq_ignore_ascii_case("refresh")) => {
                attr("content").and_then(|c| refresh_url(&c))
            }
            _ => None,
        };
        if let Some(url) = url {
            scanned.links.push(FoundLink { line, url });
        }
        // The tokenizer alone does not know these elements hold raw text.
        match name {
            "script" => TokenSinkResult::RawData(RawKind::ScriptData),
            "style" | "noscript" | "xmp" | "iframe" | "noembed" | "noframes" => {
                TokenSinkResult::RawData(RawKind::Rawtext)
            }
            "textarea" | "title" => TokenSinkResult::RawData(RawKind::Rcdata),
            _ => TokenSinkResult::Continue,
        }
    }
}

/// The URL in a `<meta http-equiv="refresh" content="0; url=...">`.
fn refresh_url(content: &str) -> Option<String> {
    let (_, rest) = content.split_once(';')?;
    let rest = rest.trim_start();
    let eq = rest.find('=')?;
    if !rest[..eq].trim().eq_ignore_ascii_case("url") {
        return None;
    }
    Some(
        rest[eq + 1..]
            .trim()
            .trim_matches(|c| c == '\'' || c == '"')
            .to_string(),
    )
}

/// Reads the links and ids of one HTML page.
pub fn scan(html: &str) -> Scanned {
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let tok = Tokenizer::new(Sink::default(), TokenizerOpts::default());
    let _ = tok.feed(&input);
    tok.end();
    tok.sink.0.take()
}

/// Checks every internal link of a rendered site published under
/// `base_path` (e.g. `/` or `/repo/`) and, when known, `origin`
/// (e.g. `https://user.github.io`): absolute links to the site itself are
/// checked too. Returns the broken links sorted by page and line.
pub fn check_pages(pages: &[Page], origin: &str, base_path: &str) -> Vec<BrokenLink> {
    let files: BTreeSet<&str> = pages.iter().map(|p| p.path.as_str()).collect();
    let scanned: BTreeMap<&str, Scanned> = pages
        .par_iter()
        .filter(|p| p.path.ends_with(".html"))
        .map(|p| (p.path.as_str(), scan(&String::from_utf8_lossy(&p.bytes))))
        .collect();
    let not_found = Route::NotFound.file();
    let mut broken = Vec::new();
    for (page, s) in &scanned {
        let page_dir = format!("{base_path}{}", page.rfind('/').map_or("", |i| &page[..=i]));
        for link in &s.links {
            let mut report = |target: String, reason| {
                broken.push(BrokenLink {
                    page: page.to_string(),
                    line: link.line,
                    link: link.url.clone(),
                    target,
                    reason,
                })
            };
            let url = link.url.trim();
            let url = match url.strip_prefix(origin) {
                Some(rest) if !origin.is_empty() && rest.starts_with('/') => rest,
                _ => url,
            };
            if is_external(url) {
                continue;
            }
            let (rest, fragment) = url.split_once('#').unwrap_or((url, ""));
            let path = rest.split_once('?').map_or(rest, |(p, _)| p);
            if *page == not_found && !path.is_empty() && !path.starts_with('/') {
                // GitHub Pages serves 404.html at every missing URL's depth.
                report(resolve(&page_dir, path), "relative link in 404.html");
                continue;
            }
            let resolved = if path.is_empty() {
                format!("{base_path}{page}")
            } else {
                resolve(&page_dir, path)
            };
            let shown = if fragment.is_empty() {
                resolved.clone()
            } else {
                format!("{resolved}#{fragment}")
            };
            let Some(rel) = resolved.strip_prefix(base_path) else {
                report(shown, "outside the site's base path");
                continue;
            };
            let rel = percent_decode(rel);
            let file = if rel.is_empty() || rel.ends_with('/') || !files.contains(rel.as_str()) {
                layout::folder_file(&rel)
            } else {
                rel
            };
            if !files.contains(file.as_str()) {
                report(shown, "no such page");
                continue;
            }
            if fragment.is_empty() {
                continue;
            }
            if let Some(target) = scanned.get(file.as_str()) {
                if !target.ids.contains(&percent_decode(fragment)) {
                    report(shown, "no such #fragment");
                }
            }
        }
    }
    broken.sort();
    broken
}

/// Links with a scheme (`https:`, `mailto:`) or a host (`//cdn`) leave the
/// site and are not checked.
fn is_external(url: &str) -> bool {
    if url.starts_with("//") {
        return true;
    }
    let scheme_end = url.find(':');
    let first_sep = url.find(['/', '?', '#']);
    match (scheme_end, first_sep) {
        (Some(c), Some(s)) => c < s,
        (Some(_), None) => true,
        _ => false,
    }
}

/// Resolves `link` (absolute or relative path) against the directory URL
/// `dir`, normalising `.` and `..` segments.
fn resolve(dir: &str, link: &str) -> String {
    let joined = if link.starts_with('/') {
        link.to_string()
    } else {
        format!("{dir}{link}")
    };
    let mut out: Vec<&str> = Vec::new();
    let segs: Vec<&str> = joined.split('/').collect();
    let last = segs.len() - 1;
    for (i, seg) in segs.iter().enumerate() {
        match *seg {
            "." => {
                if i == last {
                    out.push("");
                }
            }
            ".." => {
                if out.len() > 1 {
                    out.pop();
                }
                if i == last {
                    out.push("");
                }
            }
            "" if i != 0 && i != last => {}
            s => out.push(s),
        }
    }
    let s = out.join("/");
    if s.starts_with('/') {
        s
    } else {
        format!("/{s}")
    }
}

/// Decodes `%XX` escapes; invalid escapes are kept as written.
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_like_a_browser() {
        assert_eq!(resolve("/repo/guides/x/", "../y/"), "/repo/guides/y/");
        assert_eq!(resolve("/repo/guides/x/", "../../"), "/repo/");
        assert_eq!(resolve("/repo/", "a/./b"), "/repo/a/b");
        assert_eq!(resolve("/repo/", "/other/"), "/other/");
        assert_eq!(resolve("/", "../../x"), "/x");
    }

    #[test]
    fn scans_lines_ids_and_skips_script_text() {
        let html = "<!doctype html>\n<p id=a>\n<a href=\"/x/\">x</a>\n<script>var s = '<a href=\"/no/\">';</script>\n<a name=b href='#a'>\n<meta http-equiv=refresh content=\"0; url=/r/\">";
        let s = scan(html);
        let got: Vec<(u64, &str)> = s.links.iter().map(|l| (l.line, l.url.as_str())).collect();
        assert_eq!(got, vec![(3, "/x/"), (5, "#a"), (6, "/r/")]);
        assert_eq!(s.ids.iter().collect::<Vec<_>>(), vec!["a", "b"]);
    }

    #[test]
    fn external_links_are_skipped() {
        for url in ["https://a.b/", "mailto:x@y", "//cdn/x", "tel:1"] {
            assert!(is_external(url), "{url}");
        }
        for url in ["/a:b", "a/b:c", "#x:y", "x"] {
            assert!(!is_external(url), "{url}");
        }
    }

    #[test]
    fn percent_escapes_decode() {
        assert_eq!(percent_decode("caf%C3%A9"), "café");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz"), "%zz");
    }
}
