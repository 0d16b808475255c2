//! Publishing files: `sitemap.xml`, `robots.txt`, the Atom feed `feed.xml`
//! and the JSON API `api/guides.json`.
//!
//! URLs are absolute when `base_url` carries an origin; otherwise they are
//! site-relative (documented in `docs/themes.md`), since nothing better can
//! be known at build time.

use crate::model::{Date, FrontMatter};
use crate::site::Site;
use serde::Serialize;
use std::fmt::Write;

/// Escapes text for XML content and attribute values.
pub fn escape_xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
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
    out
}

/// `sitemap.xml` listing `pages` (site-relative paths with their last change).
pub fn sitemap(site: &Site, pages: &[(String, Option<Date>)]) -> Vec<u8> {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (rel, lastmod) in pages {
        let _ = write!(
            s,
            "  <url><loc>{}</loc>",
            escape_xml(&site.base.absolute(rel))
        );
        if let Some(d) = lastmod {
            let _ = write!(s, "<lastmod>{d}</lastmod>");
        }
        s.push_str("</url>\n");
    }
    s.push_str("</urlset>\n");
    s.into_bytes()
}

/// `robots.txt`: everything may be crawled; points at the sitemap.
pub fn robots(site: &Site) -> Vec<u8> {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        site.base.absolute("sitemap.xml")
    )
    .into_bytes()
}

/// The newest `updated` date among the guides.
pub fn newest(site: &Site) -> Option<Date> {
    site.guides.iter().filter_map(|g| g.front.updated).max()
}

fn stamp(d: Date) -> String {
    format!("{d}T00:00:00Z")
}

/// The Atom feed: guides with an `updated` date, newest first (ties by slug).
/// The feed's own `updated` is the newest guide date, never the clock; a
/// site with no dated guide uses 1970-01-01.
pub fn atom(site: &Site) -> Vec<u8> {
    let mut dated: Vec<(Date, usize)> = site
        .guides
        .iter()
        .enumerate()
        .filter_map(|(i, g)| g.front.updated.map(|d| (d, i)))
        .collect();
    dated.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let feed_updated = newest(site).map_or_else(|| "1970-01-01T00:00:00Z".to_string(), stamp);
    let home = site.base.absolute("");
    let self_url = site.base.absolute("feed.xml");
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = write!(
        s,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}</title>\n  <subtitle>{}</subtitle>\n  <link href=\"{}\" rel=\"self\" type=\"application/atom+xml\"/>\n  <link href=\"{}\" rel=\"alternate\" type=\"text/html\"/>\n  <id>{}</id>\n  <updated>{feed_updated}</updated>\n  <author><name>{}</name></author>\n  <generator>careerbook</generator>\n",
        escape_xml(&site.config.language),
        escape_xml(&site.config.title),
        escape_xml(&site.config.description),
        escape_xml(&self_url),
        escape_xml(&home),
        escape_xml(&entry_id(site, "")),
        escape_xml(&site.config.title),
    );
    for (d, i) in dated {
        let g = &site.guides[i];
        let rel = Site::guide_path(&g.slug);
        let _ = write!(
            s,
            "  <entry>\n    <title>{}</title>\n    <link href=\"{}\" rel=\"alternate\" type=\"text/html\"/>\n    <id>{}</id>\n    <updated>{}</updated>\n    <summary>{}</summary>\n",
            escape_xml(&g.front.title),
            escape_xml(&site.base.absolute(&rel)),
            escape_xml(&entry_id(site, &rel)),
            stamp(d),
            escape_xml(&crate::markdown::plain(&g.front.summary)),
        );
        if let Some(f) = &g.front.family {
            let _ = writeln!(s, "    <category term=\"{}\"/>", escape_xml(f));
        }
        s.push_str("  </entry>\n");
    }
    s.push_str("</feed>\n");
    s.into_bytes()
}

/// A stable Atom id: the absolute URL when the origin is known, else a
/// `urn:` built from the site-relative path (both stay the same across
/// builds and edits of the guide).
fn entry_id(site: &Site, rel: &str) -> String {
    if site.base.origin.is_empty() {
        format!("urn:careerbook:{}{rel}", site.base.path)
    } else {
        site.base.absolute(rel)
    }
}

/// The head of `api/guides.json`: everything but the guides.
#[derive(Serialize)]
struct ApiHead<'a> {
    version: u32,
    site: ApiSite<'a>,
}

#[derive(Serialize)]
struct ApiSite<'a> {
    title: &'a str,
    description: &'a str,
    language: &'a str,
    url: String,
}

/// Every guide's front matter plus its slug and URL, sorted by slug, as
/// compact JSON: `{"version":1,"site":{..},"guides":[{"slug":..,"url":..,
/// <front matter fields>},..]}`.
///
/// Written piece by piece rather than through one derived struct: a
/// `#[serde(flatten)]` field and a copy of every guide's front matter (to
/// drop its `slug`) cost more than the rest of the file at 10,000 guides.
pub fn api(site: &Site) -> Vec<u8> {
    let head = ApiHead {
        version: 1,
        site: ApiSite {
            title: &site.config.title,
            description: &site.config.description,
            language: &site.config.language,
            url: site.base.absolute(""),
        },
    };
    let mut out = Vec::with_capacity(1024 + site.guides.len() * 3072);
    if serde_json::to_writer(&mut out, &head).is_err() || out.pop() != Some(b'}') {
        return b"{}\n".to_vec();
    }
    out.extend_from_slice(b",\"guides\":[");
    for (i, g) in site.guides.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        if write_guide(&mut out, site, g).is_err() {
            return b"{}\n".to_vec();
        }
    }
    out.extend_from_slice(b"]}\n");
    out
}

/// Appends one guide's object: `slug` and `url` first, then its front
/// matter's fields in declaration order, without the front matter's own
/// `slug` (the resolved one above stands for it).
fn write_guide(out: &mut Vec<u8>, site: &Site, g: &crate::load::Guide) -> serde_json::Result<()> {
    out.extend_from_slice(b"{\"slug\":");
    serde_json::to_writer(&mut *out, &g.slug)?;
    out.extend_from_slice(b",\"url\":");
    serde_json::to_writer(&mut *out, &site.base.absolute(&Site::guide_path(&g.slug)))?;
    let start = out.len();
    serde_json::to_writer(&mut *out, &g.front)?;
    if let Some(slug) = &g.front.slug {
        // `title` is the first field and `slug` the second: cut the slug's
        // entry out where it must be, or fall back to a copy without it.
        let mut title = b"{\"title\":".to_vec();
        serde_json::to_writer(&mut title, &g.front.title)?;
        let mut entry = b",\"slug\":".to_vec();
        serde_json::to_writer(&mut entry, slug)?;
        let at = start + title.len();
        if out[start..].starts_with(&title) && out[at..].starts_with(&entry) {
            out.drain(at..at + entry.len());
        } else {
            out.truncate(start);
            let front = FrontMatter {
                slug: None,
                ..g.front.clone()
            };
            serde_json::to_writer(&mut *out, &front)?;
        }
    }
    // The front matter's own braces: `{` becomes the comma after `url`, and
    // its `}` closes the guide. A title is required, so it is never empty.
    out[start] = b',';
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SiteConfig;

    /// `api/guides.json` as one derived struct with the front matter
    /// flattened: what [`api`] must write byte for byte.
    fn api_reference(site: &Site) -> Vec<u8> {
        #[derive(Serialize)]
        struct Api<'a> {
            version: u32,
            site: ApiSite<'a>,
            guides: Vec<ApiGuide<'a>>,
        }
        #[derive(Serialize)]
        struct ApiGuide<'a> {
            slug: &'a str,
            url: String,
            #[serde(flatten)]
            front: FrontMatter,
        }
        let api = Api {
            version: 1,
            site: ApiSite {
                title: &site.config.title,
                description: &site.config.description,
                language: &site.config.language,
                url: site.base.absolute(""),
            },
            guides: site
                .guides
                .iter()
                .map(|g| ApiGuide {
                    slug: &g.slug,
                    url: site.base.absolute(&Site::guide_path(&g.slug)),
                    front: FrontMatter {
                        slug: None,
                        ..g.front.clone()
                    },
                })
                .collect(),
        };
        let mut v = serde_json::to_vec(&api).expect("serialises");
        v.push(b'\n');
        v
    }

    #[test]
    fn api_matches_the_flattened_struct() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/site");
        let loaded = crate::load::load(&root).expect("fixture loads");
        assert!(loaded.guides.len() > 2);
        let mut guides = loaded.guides;
        // With and without an explicit slug, and a title that needs escaping.
        guides[0].front.slug = Some(guides[0].slug.clone());
        guides[1].front.slug = None;
        guides[2].front.title = "Quote \" and \\ backslash \u{1}".into();
        let config = SiteConfig {
            base_url: "https://example.org/sub/".into(),
            ..loaded.config
        };
        let site = Site::new(config, guides);
        let got = api(&site);
        assert_eq!(
            String::from_utf8_lossy(&got),
            String::from_utf8_lossy(&api_reference(&site))
        );
        let v: serde_json::Value = serde_json::from_slice(&got).expect("valid JSON");
        assert_eq!(
            v["guides"].as_array().map(Vec::len),
            Some(site.guides.len())
        );
    }
}
