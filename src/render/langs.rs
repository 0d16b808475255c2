//! Rendering a multilingual site: one [`Site`] per language, each rendered
//! as a site of its own under its folder, and the files of the site root
//! written once.
//!
//! In: the site's settings, its published guides and the site root (for
//! the theme). Out: every page of every language, through a [`Sink`]: the
//! default language's at the root, the others' under `<lang>/` with
//! relative links that stay inside that folder; one `sitemap.xml` listing
//! every language's pages with their `xhtml:link` alternates; `404.html`,
//! `robots.txt`, `.nojekyll` and `CNAME` from the default language alone.

use crate::diag::Diagnostic;
use crate::guide::load::Guide;
use crate::guide::model::SiteConfig;
use crate::render::feeds::{SITEMAP_MAX_BYTES, SITEMAP_MAX_URLS};
use crate::render::page::{Page, RenderOptions, Sink};
use crate::render::theme::{self, Theme};
use crate::site::lang::{self, Language, PageKey};
use crate::site::Site;
use crate::util::html::escape_xml;
use crate::util::layout::{BaseUrl, Route};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// One language of a multilingual site, resolved and ready to render.
pub struct LangSite {
    /// The language's guides and everything derived from them; its
    /// `translations` link it to the other languages.
    pub site: Site,
    /// The theme with the language's words.
    pub theme: Theme,
    /// The folder its pages go under, from the output root (`de/`).
    pub prefix: String,
}

/// Resolves one site per language of `config.languages` from the published
/// `guides`: each guide goes to its file's language
/// ([`lang::language_of`]), each language's base URL is the site's plus
/// `<lang>/` (the default language's is the site's), and every site learns
/// where its pages are in the others.
pub fn sites(
    root: &Path,
    config: &SiteConfig,
    guides: Vec<Guide>,
) -> Result<Vec<LangSite>, Vec<Diagnostic>> {
    let base = BaseUrl::parse(&config.base_url);
    let mut by_lang: Vec<Vec<Guide>> = config.languages.iter().map(|_| Vec::new()).collect();
    for g in guides {
        let tag = lang::language_of(&g.source.path, config);
        let i = config.languages.iter().position(|l| l == tag).unwrap_or(0);
        by_lang[i].push(g);
    }
    let mut out = Vec::with_capacity(by_lang.len());
    for (i, guides) in by_lang.into_iter().enumerate() {
        let tag = &config.languages[i];
        let mut cfg = config.clone();
        cfg.language = tag.clone();
        let prefix = if i == 0 {
            String::new()
        } else {
            format!("{tag}/")
        };
        if i > 0 {
            cfg.base_url = format!("{}{}{prefix}", base.origin, base.path);
            // The domain is the root's alone.
            cfg.cname = None;
        }
        let theme = theme::load(root, &cfg.theme, tag)?;
        out.push(LangSite {
            site: Site::new(cfg, guides),
            theme,
            prefix,
        });
    }
    let languages: Vec<Language> = out
        .iter()
        .map(|l| Language {
            tag: l.site.config.language.clone(),
            // A language the theme has no name for is named by its tag,
            // not by the English fallback's "English".
            name: if l.theme.strings.missing().contains(&"language.name") {
                l.site.config.language.clone()
            } else {
                l.theme.strings.text("language.name")
            },
            prefix: l.prefix.clone(),
        })
        .collect();
    let pages: Vec<BTreeMap<PageKey, String>> = out.iter().map(|l| html_pages(l, config)).collect();
    for (l, t) in out.iter_mut().zip(lang::link_up(&languages, &base, &pages)) {
        l.site.translations = Some(Arc::new(t));
    }
    Ok(out)
}

/// Every page of one language a reader can switch to, by what identifies
/// it across languages, with its URL path: the pages at folder URLs,
/// without the 404 page and the redirects left at old URLs.
fn html_pages(l: &LangSite, config: &SiteConfig) -> BTreeMap<PageKey, String> {
    let statics: Vec<String> = l.theme.statics.keys().cloned().collect();
    crate::render::routes::routes(&l.site, &statics)
        .into_iter()
        .filter(|r| !matches!(r, Route::NotFound | Route::Alias(_)))
        .filter_map(|r| {
            let path = r.url_path();
            if !(path.is_empty() || path.ends_with('/')) {
                return None;
            }
            let key = match r {
                Route::Guide(slug) => {
                    let g = l.site.by_slug(slug)?;
                    lang::guide_key(&g.source.path, &config.languages)
                }
                _ => PageKey::Path(path.clone()),
            };
            Some((key, path))
        })
        .collect()
}

/// Whether the file at `path` of a language's rendering belongs to the
/// site root alone: the sitemap (written once for every language) always;
/// `404.html`, `robots.txt`, `.nojekyll` and `CNAME` outside the default
/// language.
fn root_only(path: &str, site: &Site, default: bool) -> bool {
    if path == Route::Sitemap.file() || is_sitemap_part(path, site) {
        return true;
    }
    !default
        && [
            Route::NotFound,
            Route::Robots,
            Route::NoJekyll,
            Route::Cname,
        ]
        .iter()
        .any(|r| r.file() == path)
}

fn is_sitemap_part(path: &str, site: &Site) -> bool {
    let urls = crate::render::units::sitemap(site).len();
    urls > SITEMAP_MAX_URLS
        && (1..=urls.div_ceil(SITEMAP_MAX_URLS)).any(|k| Route::SitemapPart(k).file() == path)
}

/// Renders every language of `sites` into `sink`, then the sitemap.
/// Returns the number of files written.
pub fn render_to(sites: &[LangSite], opts: RenderOptions, sink: Sink<'_>) -> anyhow::Result<usize> {
    let files = AtomicUsize::new(0);
    for (i, l) in sites.iter().enumerate() {
        let forward = |page: &Page| -> anyhow::Result<()> {
            if root_only(&page.path, &l.site, i == 0) {
                return Ok(());
            }
            files.fetch_add(1, Ordering::Relaxed);
            if l.prefix.is_empty() {
                sink(page)
            } else {
                sink(&Page {
                    path: format!("{}{}", l.prefix, page.path),
                    bytes: page.bytes.clone(),
                })
            }
        };
        crate::render::render_to(&l.site, &l.theme, opts, &forward)?;
    }
    for page in sitemaps(sites) {
        files.fetch_add(1, Ordering::Relaxed);
        sink(&page)?;
    }
    Ok(files.into_inner())
}

/// The sitemap of every language: each page at its absolute URL, with an
/// `xhtml:link` for each language that has the page and for `x-default`.
/// One `sitemap.xml` while the URLs fit, else `sitemap-<n>.xml` files and
/// `sitemap.xml` as their index.
pub fn sitemaps(sites: &[LangSite]) -> Vec<Page> {
    const HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n";
    const TAIL: &str = "</urlset>\n";
    let mut files: Vec<(String, usize)> = Vec::new();
    for l in sites {
        for crate::render::feeds::SitemapEntry {
            route,
            path,
            lastmod,
        } in crate::render::units::sitemap(&l.site)
        {
            let mut entry = format!(
                "  <url><loc>{}</loc>",
                escape_xml(&l.site.base.absolute(&route))
            );
            if let Some(d) = lastmod {
                let _ = write!(entry, "<lastmod>{d}</lastmod>");
            }
            if let Some(t) = &l.site.translations {
                for a in t.views(&path).0 {
                    let _ = write!(
                        entry,
                        "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                        escape_xml(&a.lang),
                        escape_xml(&a.url)
                    );
                }
            }
            entry.push_str("</url>\n");
            let room = SITEMAP_MAX_BYTES - HEAD.len() - TAIL.len();
            let fits = files
                .last()
                .is_some_and(|(s, n)| *n < SITEMAP_MAX_URLS && s.len() + entry.len() <= room);
            if !fits {
                files.push((String::new(), 0));
            }
            if let Some((s, n)) = files.last_mut() {
                s.push_str(&entry);
                *n += 1;
            }
        }
    }
    let urlset = |body: &str| format!("{HEAD}{body}{TAIL}").into_bytes();
    if files.len() <= 1 {
        let body = files.pop().map(|f| f.0).unwrap_or_default();
        return vec![Page {
            path: Route::Sitemap.file(),
            bytes: urlset(&body),
        }];
    }
    let root = &sites[0].site.base;
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut out = Vec::with_capacity(files.len() + 1);
    for (k, (body, _)) in files.iter().enumerate() {
        let route = Route::SitemapPart(k + 1);
        let _ = writeln!(
            index,
            "  <sitemap><loc>{}</loc></sitemap>",
            escape_xml(&root.absolute(&route))
        );
        out.push(Page {
            path: route.file(),
            bytes: urlset(body),
        });
    }
    index.push_str("</sitemapindex>\n");
    out.push(Page {
        path: Route::Sitemap.file(),
        bytes: index.into_bytes(),
    });
    out
}

/// Renders every language into memory, sorted by path (for `check
/// --links`).
pub fn render(sites: &[LangSite], opts: RenderOptions) -> anyhow::Result<Vec<Page>> {
    let pages = std::sync::Mutex::new(Vec::new());
    let keep = |p: &Page| -> anyhow::Result<()> {
        pages
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(p.clone());
        Ok(())
    };
    render_to(sites, opts, &keep)?;
    let mut pages = pages
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(pages)
}
