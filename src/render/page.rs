//! What every rendered page shares: the [`Page`] a renderer produces, the
//! `site` and `page` contexts every template gets, and rendering one
//! template into one page.

use crate::diag::Diagnostic;
use crate::render::theme::{template_diag, Theme};
use crate::render::view::{PageKind, PageView, SiteView};
use crate::site::Site;
use crate::util::layout::{PageLinks, Route};
use serde::Serialize;

/// Receives pages to write; callable from many threads at once.
pub type Sink<'a> = &'a (dyn Fn(&Page) -> anyhow::Result<()> + Sync);

/// One output file: its path relative to the output root and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Output-relative path with `/` separators, e.g. `guides/x/index.html`.
    pub path: String,
    /// File contents.
    pub bytes: Vec<u8>,
}

/// Options that change how pages render but not what they contain.
#[derive(Debug, Clone, Copy, Default)]
pub struct RenderOptions {
    /// Inject the live-reload script (serve mode).
    pub serving: bool,
}

/// The `site` context for these options. Its `root` is the base path:
/// each page sets its own with [`SiteView::at`].
pub fn site_view<'a>(site: &'a Site, opts: RenderOptions) -> SiteView<'a> {
    SiteView {
        title: &site.config.title,
        description: &site.config.description,
        language: &site.config.language,
        dir: crate::render::i18n::format::direction(&site.config.language),
        base_url: &site.config.base_url,
        root: &site.base.path,
        serving: opts.serving,
        generator: concat!("careerbook ", env!("CARGO_PKG_VERSION")),
    }
}

impl<'a> SiteView<'a> {
    /// The view for a page whose links start with `links.root()`.
    pub fn at<'b>(&self, links: &'b PageLinks) -> SiteView<'b>
    where
        'a: 'b,
    {
        SiteView {
            root: links.root(),
            ..*self
        }
    }
}

/// The `page` context of the page at `route`.
pub(crate) fn page_view(
    site: &Site,
    route: &Route<'_>,
    title: String,
    description: String,
    kind: PageKind,
) -> PageView {
    let path = route.url_path();
    // A 404 page is served at every missing address and a redirect is
    // left behind: neither has a counterpart to name.
    let (alternates, languages) = match (&site.translations, route) {
        (Some(t), r) if !matches!(r, Route::NotFound | Route::Alias(_)) => t.views(&path),
        _ => (Vec::new(), Vec::new()),
    };
    PageView {
        title,
        description,
        path,
        url: site.base.link(route),
        permalink: site.base.absolute(route),
        kind,
        alternates,
        languages,
    }
}

/// Sorts rendered results into `pages` and `errors`, keeping each error once
/// (a template error repeats for every page that uses the template).
pub(crate) fn collect(
    results: impl IntoIterator<Item = Result<Page, Diagnostic>>,
    pages: &mut Vec<Page>,
    errors: &mut Vec<Diagnostic>,
) {
    for r in results {
        match r {
            Ok(p) => pages.push(p),
            Err(d) => {
                if !errors.contains(&d) {
                    errors.push(d);
                }
            }
        }
    }
}

/// Renders `template` with `ctx` into the page at `path`.
pub(crate) fn render_one<T: Serialize>(
    theme: &Theme,
    template: &str,
    ctx: &T,
    path: String,
) -> Result<Page, Diagnostic> {
    let context =
        tera::Context::from_serialize(ctx).map_err(|e| template_diag(&e, &theme.origins))?;
    let html = theme
        .tera
        .render(template, &context)
        .map_err(|e| template_diag(&e, &theme.origins))?;
    Ok(Page {
        path,
        bytes: html.into_bytes(),
    })
}
