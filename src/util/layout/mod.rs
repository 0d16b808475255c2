//! The URL layout of the output, owned here and nowhere else.
//!
//! In: what a page is ([`Route`]: a guide by slug, a term by kind key and
//! slug, an alias by its URL path, one of the fixed site-wide pages) and the
//! site's base URL. Out: the page's URL path relative to the site root
//! ([`Route::url_path`]), the file that holds it relative to the output
//! folder ([`Route::file`]), the links one page writes to others
//! ([`PageLinks`]: relative to the page's own folder, so that the output
//! works from disk, under any sub-path and under `careerbook serve`), and
//! URLs under the base URL for what must stay absolute (canonical links,
//! feeds, the sitemap: [`BaseUrl::absolute`]). Other modules name routes and
//! never spell `guides/<slug>/` themselves; code that needs to know which
//! guide a page belongs to keeps the slug, not the path.

use std::fmt::Write;

/// The file a folder URL is served from.
const INDEX_FILE: &str = "index.html";

/// The most bytes a slug (or one segment of an alias) may have. Slugs
/// become file and folder names (`guides/<slug>/`, `api/guides/<slug>.json`,
/// and while a rebuild writes, `.<slug>.json.careerbook-tmp` beside it);
/// file systems hold at most [`MAX_NAME_BYTES`] per name, and 200 leaves
/// room for every suffix, including the `-2` that tells equal slugs apart.
pub const MAX_SLUG_BYTES: usize = 200;

/// The most bytes in one file or folder name on Linux, macOS and Windows.
pub const MAX_NAME_BYTES: usize = 255;

/// The folder that holds every guide page, `guides/`: a guide's URL path is
/// this plus its slug and a `/` (the search index links guides that way).
pub const GUIDES_DIR: &str = "guides/";

/// The folder under `salaries/` of the guides without a job family: a `_`
/// is in no slug, so no family's folder can take it.
pub const SALARIES_NO_FAMILY: &str = "no_family";
/// The folder, under a list's own URL, that holds its further pages:
/// `page/`, as in `employers/acme/page/2/`.
pub const PAGES_DIR: &str = "page/";
/// The folder of the search index's shards and records, beside the
/// manifest `search-index.json`.
pub const SEARCH_DIR: &str = "search-index/";

/// One location in the output. Folder pages (`guides/<slug>/`) are written
/// as the folder's `index.html`; the others are files of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Route<'a> {
    /// The home page: the site root, an empty URL path, file `index.html`.
    Index,
    /// `404.html`, served for every missing page.
    NotFound,
    /// A guide's page, by slug: `guides/<slug>/`.
    Guide(&'a str),
    /// A guide's JSON record, by slug: `api/guides/<slug>.json`.
    GuideData(&'a str),
    /// The list of every guide: `api/guides.json`.
    GuideList,
    /// The list of every skill: `api/skills.json`.
    SkillList,
    /// The index of one kind of term, by its key: `<kind>/`, e.g.
    /// `employers/`.
    KindIndex(&'a str),
    /// The page of one term: `<kind>/<slug>/`, e.g. `employers/sap/`.
    Term {
        /// `families`, `tags`, `employers` or `sectors`.
        kind_key: &'a str,
        /// The term's slug, unique within its kind.
        slug: &'a str,
    },
    /// A redirect left at an old URL path, as written in `aliases:` (e.g.
    /// `/old/url/`, or `/old.html` for a file of that name).
    Alias(&'a str),
    /// `paths/`: the progression graph.
    Paths,
    /// `paths/<slug>/`: the map of one job family, by the family's slug.
    FamilyPaths(&'a str),
    /// `transitions/<from>/to/<to>/`: what it takes to move from one
    /// guide's role to another's, by the two slugs. A folder of its own,
    /// so that no job family's map (`paths/<family>/`) can meet it.
    Transition {
        /// The slug of the guide the move starts from.
        from: &'a str,
        /// The slug of the guide it leads to.
        to: &'a str,
    },
    /// `skills/`: the index of skills the guides share.
    Skills,
    /// `skills/<slug>/`: one skill's page, by its slug.
    Skill(&'a str),
    /// `assess/`: the self-assessment page.
    Assess,
    /// `assess/data.js`: every skill and every guide's skills, for the
    /// self-assessment page.
    AssessData,
    /// One file of guides' next steps for the self-assessment page, by
    /// number from 0: `assess/steps-<n>.js`.
    AssessSteps(usize),
    /// `salaries/`: salary tables.
    Salaries,
    /// One page of a job family's salary comparison: `salaries/<slug>/`,
    /// then `salaries/<slug>/page/2/`, ... (`page` counts from 1), as every
    /// list's pages are numbered.
    SalaryFamily {
        /// The family's slug, or [`SALARIES_NO_FAMILY`].
        slug: &'a str,
        /// The page, from 1.
        page: usize,
    },
    /// `search/`: the search page.
    Search,
    /// `feed.xml`: the Atom feed.
    Feed,
    /// `sitemap.xml`: the sitemap, or the sitemap index when the URLs
    /// need more than one file.
    Sitemap,
    /// One file of a split sitemap, by number from 1: `sitemap-<n>.xml`.
    SitemapPart(usize),
    /// Page `number` (2 or more) of a list split into pages: the list's
    /// own URL path then `page/<number>/`, e.g. `employers/acme/page/2/`,
    /// or `page/3/` for the home page. Page 1 is the list's own route.
    Page {
        /// The list.
        of: Listing<'a>,
        /// The page's number, 2 or more.
        number: usize,
    },
    /// `robots.txt`.
    Robots,
    /// `search-index.json`, the search index's manifest, read by the
    /// search box and the search page.
    SearchIndex,
    /// One shard of the search index, by key: `search-index/w/<key>.json`.
    SearchShard(&'a str),
    /// One file of search result records, by number:
    /// `search-index/r/<n>.json`.
    SearchRecords(usize),
    /// `.nojekyll`, which stops GitHub Pages from running Jekyll.
    NoJekyll,
    /// `CNAME`, GitHub Pages' custom domain.
    Cname,
    /// A theme's static file, by its path under the theme's `static/`.
    Static(&'a str),
}

/// A list that may be split into pages ([`Route::Page`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Listing<'a> {
    /// The home page's overview of job families.
    Index,
    /// The search page's list of every guide.
    Search,
    /// The index of one kind of term, by its key.
    Kind(&'a str),
    /// The index of skills, `skills/`.
    Skills,
    /// The guides naming one skill, by the skill's slug.
    Skill(&'a str),
    /// The guides of one term.
    Term {
        /// `families`, `tags`, `employers` or `sectors`.
        kind_key: &'a str,
        /// The term's slug.
        slug: &'a str,
    },
}

impl<'a> Listing<'a> {
    /// The route of the list's first page, at the list's own URL.
    pub fn first(&self) -> Route<'a> {
        match *self {
            Listing::Index => Route::Index,
            Listing::Search => Route::Search,
            Listing::Kind(key) => Route::KindIndex(key),
            Listing::Skills => Route::Skills,
            Listing::Skill(slug) => Route::Skill(slug),
            Listing::Term { kind_key, slug } => Route::Term { kind_key, slug },
        }
    }

    /// The route of page `number`, counted from 1: the list's own route
    /// for the first page, `…/page/<number>/` after it.
    pub fn page(&self, number: usize) -> Route<'a> {
        if number <= 1 {
            self.first()
        } else {
            Route::Page { of: *self, number }
        }
    }
}

impl Route<'_> {
    /// The URL path relative to the site root: `guides/x/` for a folder
    /// page, `feed.xml` for a file, empty for the home page.
    pub fn url_path(&self) -> String {
        let mut s = String::new();
        self.push_url_path(&mut s);
        s
    }

    /// The file that holds the page, relative to the output folder, with `/`
    /// separators: `guides/x/index.html`, `feed.xml`, `index.html`.
    pub fn file(&self) -> String {
        let mut s = String::new();
        self.push_url_path(&mut s);
        if self.is_folder() {
            s.push_str(INDEX_FILE);
        }
        s
    }

    /// Whether the URL path names a folder, served from its `index.html`.
    fn is_folder(&self) -> bool {
        match self {
            Route::Index
            | Route::Guide(_)
            | Route::KindIndex(_)
            | Route::Term { .. }
            | Route::Paths
            | Route::FamilyPaths(_)
            | Route::Transition { .. }
            | Route::Skills
            | Route::Skill(_)
            | Route::Assess
            | Route::Salaries
            | Route::SalaryFamily { .. }
            | Route::Search
            | Route::Page { .. } => true,
            Route::Alias(alias) => !alias_is_file(alias),
            _ => false,
        }
    }

    /// Appends the URL path to `out`.
    fn push_url_path(&self, out: &mut String) {
        let fixed = match self {
            Route::Index => "",
            Route::NotFound => "404.html",
            Route::GuideList => "api/guides.json",
            Route::SkillList => "api/skills.json",
            Route::Paths => "paths/",
            Route::Salaries => "salaries/",
            Route::Skills => "skills/",
            Route::Assess => "assess/",
            Route::AssessData => "assess/data.js",
            Route::Search => "search/",
            Route::Feed => "feed.xml",
            Route::Sitemap => "sitemap.xml",
            Route::Robots => "robots.txt",
            Route::SearchIndex => "search-index.json",
            Route::NoJekyll => ".nojekyll",
            Route::Cname => "CNAME",
            Route::Static(path) => path,
            Route::AssessSteps(n) => {
                let _ = write!(out, "assess/steps-{n}.js");
                return;
            }
            Route::SitemapPart(n) => {
                let _ = write!(out, "sitemap-{n}.xml");
                return;
            }
            Route::Page { of, number } => {
                of.first().push_url_path(out);
                let _ = write!(out, "{PAGES_DIR}{number}/");
                return;
            }
            Route::Guide(slug) => {
                let _ = write!(out, "{GUIDES_DIR}{slug}/");
                return;
            }
            Route::GuideData(slug) => {
                let _ = write!(out, "api/guides/{slug}.json");
                return;
            }
            Route::SearchShard(key) => {
                let _ = write!(out, "{SEARCH_DIR}w/{key}.json");
                return;
            }
            Route::SearchRecords(n) => {
                let _ = write!(out, "{SEARCH_DIR}r/{n}.json");
                return;
            }
            Route::KindIndex(key) => {
                let _ = write!(out, "{key}/");
                return;
            }
            Route::Term { kind_key, slug } => {
                let _ = write!(out, "{kind_key}/{slug}/");
                return;
            }
            Route::SalaryFamily { slug, page } => {
                let _ = write!(out, "salaries/{slug}/");
                if *page > 1 {
                    let _ = write!(out, "{PAGES_DIR}{page}/");
                }
                return;
            }
            Route::FamilyPaths(slug) => {
                let _ = write!(out, "paths/{slug}/");
                return;
            }
            Route::Transition { from, to } => {
                let _ = write!(out, "transitions/{from}/to/{to}/");
                return;
            }
            Route::Skill(slug) => {
                let _ = write!(out, "skills/{slug}/");
                return;
            }
            Route::Alias(alias) => {
                // Empty segments dropped: `//old//x//` is `old/x/`, as a
                // static host resolves it.
                let mut segs = alias.split('/').filter(|s| !s.is_empty()).peekable();
                while let Some(seg) = segs.next() {
                    out.push_str(seg);
                    if segs.peek().is_some() {
                        out.push('/');
                    }
                }
                if !alias_is_file(alias) {
                    out.push('/');
                }
                return;
            }
        };
        out.push_str(fixed);
    }
}

/// Whether an alias names a file of its own (`/old.html`) rather than a
/// folder whose `index.html` holds the redirect.
fn alias_is_file(alias: &str) -> bool {
    alias.trim_matches('/').ends_with(".html")
}

/// The file a request for the site-relative `url_path` is served from when
/// it names a folder: `a/b/` and `a/b` give `a/b/index.html`, the empty
/// path gives `index.html`. (Static hosts, `serve` and the link checker all
/// map URLs to files this way.)
pub fn folder_file(url_path: &str) -> String {
    if url_path.is_empty() || url_path.ends_with('/') {
        format!("{url_path}{INDEX_FILE}")
    } else {
        format!("{url_path}/{INDEX_FILE}")
    }
}

/// The file of the redirect left at `alias`: [`Route::Alias`]'s file.
pub fn alias_file(alias: &str) -> String {
    Route::Alias(alias).file()
}

/// What careerbook itself writes at the output file `file`, if anything
/// does whatever the guides say: the fixed files (home page, 404, feed,
/// sitemap and its parts `sitemap-<n>.xml`, robots, search index, guide
/// list, CNAME) and everything in the folders of generated pages (`api/`,
/// `paths/`, `salaries/`, `transitions/`, `skills/`, `assess/`, `search/`, each kind of term, and `page/`, where
/// the home page's further pages go). A redirect written there would replace a page,
/// so an alias may not name one. (The theme's static files depend on the
/// theme: the rules get their names from the theme.)
pub fn generated_owner(file: &str) -> Option<String> {
    const FIXED: &[(Route<'static>, &str)] = &[
        (Route::Index, "the home page"),
        (Route::NotFound, "the page for missing URLs"),
        (Route::Feed, "the Atom feed"),
        (Route::Sitemap, "the sitemap"),
        (Route::Robots, "robots.txt"),
        (Route::SearchIndex, "the search index"),
        (Route::GuideList, "the JSON list of guides"),
        (Route::SkillList, "the JSON list of skills"),
        (Route::Cname, "the custom-domain file"),
    ];
    if let Some((_, what)) = FIXED.iter().find(|(r, _)| overlaps(file, &r.file())) {
        return Some(what.to_string());
    }
    // The files of a split sitemap, `sitemap-<n>.xml`, however many.
    let first = file.split('/').next().unwrap_or(file);
    let part = first
        .strip_prefix("sitemap-")
        .and_then(|n| n.strip_suffix(".xml"));
    if part.is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())) {
        return Some("a file of the sitemap".to_string());
    }
    const FOLDERS: &[&str] = &[
        // The home page's further pages (`page/2/`); every other list's
        // pages sit in a folder below that is generated already.
        PAGES_DIR,
        "api/",
        "paths/",
        "salaries/",
        "transitions/",
        "skills/",
        "assess/",
        "search/",
        SEARCH_DIR,
        "families/",
        "tags/",
        "employers/",
        "sectors/",
    ];
    FOLDERS
        .iter()
        .find(|f| file.starts_with(**f))
        .map(|folder| format!("a generated page under `/{folder}`"))
}

/// Whether two output files cannot both be written: the same path, or one
/// is a folder the other needs (`a.xml` and `a.xml/index.html`).
pub fn overlaps(a: &str, b: &str) -> bool {
    let under =
        |x: &str, y: &str| x.len() > y.len() && x.starts_with(y) && x.as_bytes()[y.len()] == b'/';
    a == b || under(a, b) || under(b, a)
}

/// The slug of the guide whose page an alias names, when the alias is the
/// URL path of a guide page (`/guides/<slug>/`), so the rules can report
/// an alias that takes a guide's URL.
pub fn alias_guide_slug(alias: &str) -> Option<String> {
    let file = alias_file(alias);
    let slug = file.strip_prefix(GUIDES_DIR)?.strip_suffix("/index.html")?;
    (!slug.contains('/')).then(|| slug.to_string())
}

/// The relative path from the folder of the page at `page` (a URL path
/// relative to the site root, as [`Route::url_path`] gives it) back to the
/// site root: `./` for a page in the root folder (`index.html`,
/// `feed.xml`), `../../` for `guides/x/`. Never empty, so that a link
/// made from it never starts with a segment a browser could read as a
/// scheme (`a:b/`).
pub fn path_to_root(page: &str) -> String {
    match page.matches('/').count() {
        0 => "./".to_string(),
        depth => "../".repeat(depth),
    }
}

/// The link from the page at URL path `from` to URL path `to` (both
/// relative to the site root), relative to `from`'s folder: up to the
/// root, then down to `to`. `guides/x/` links to `style.css` as
/// `../../style.css` and to `guides/y/` as `../../guides/y/`. The link
/// depends only on `from`'s depth, so everything that lists the same guides
/// at the same depth (term pages) can share one rendering of them.
pub fn relative_link(from: &str, to: &str) -> String {
    let mut s = path_to_root(from);
    s.push_str(to);
    s
}

/// How one page writes its links to the rest of the site: the target's URL
/// path after a prefix, [`PageLinks::root`]. The prefix is the way back to
/// the site root from the page's folder ([`path_to_root`]), except on
/// `404.html`: a host serves that page at the address of every missing
/// page, at any depth, so its links are root-absolute under the base path
/// (`/` or `/repo/`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageLinks {
    root: String,
}

impl PageLinks {
    /// The links of the page at `page`, on a site published at `base`.
    pub fn of(page: &Route<'_>, base: &BaseUrl) -> PageLinks {
        let root = match page {
            Route::NotFound => base.path.clone(),
            _ => path_to_root(&page.url_path()),
        };
        PageLinks { root }
    }

    /// The prefix of every internal link: `./`, `../../`, or on `404.html`
    /// the base path. Templates see it as `site.root`.
    pub fn root(&self) -> &str {
        &self.root
    }

    /// The link to `route`.
    pub fn to(&self, route: &Route<'_>) -> String {
        let mut s = self.root.clone();
        route.push_url_path(&mut s);
        s
    }

    /// How many folders up the site root is, for links relative to the
    /// page; `None` for root-absolute links.
    pub fn depth(&self) -> Option<usize> {
        if self.root == "./" {
            Some(0)
        } else if self.root.starts_with("../") {
            Some(self.root.len() / 3)
        } else {
            None
        }
    }
}

/// Where a site is published: the base URL split into what links need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    /// Scheme and host, e.g. `https://user.github.io` (empty when the base
    /// URL is only a path).
    pub origin: String,
    /// The path every internal link starts with, with leading and trailing
    /// `/`, e.g. `/repo/`.
    pub path: String,
}

impl BaseUrl {
    /// Parses `https://host/sub/`, `/sub/` or `` (root).
    pub fn parse(s: &str) -> BaseUrl {
        let s = s.trim();
        let (origin, path) = match s.find("://") {
            Some(i) => {
                let after = &s[i + 3..];
                let slash = after.find('/').map_or(s.len(), |j| i + 3 + j);
                (s[..slash].to_string(), &s[slash..])
            }
            None => (String::new(), s),
        };
        let trimmed = path.trim_matches('/');
        let path = if trimmed.is_empty() {
            "/".to_string()
        } else {
            format!("/{trimmed}/")
        };
        BaseUrl { origin, path }
    }

    /// The root-absolute path of `route` under the base path, e.g.
    /// `/repo/guides/x/`: a page's address (`page.url`), and the Atom ids
    /// of a site without an origin. Links in pages use [`PageLinks`].
    pub fn link(&self, route: &Route<'_>) -> String {
        let mut s = self.path.clone();
        route.push_url_path(&mut s);
        s
    }

    /// An absolute URL to `route` when the origin is known, else the link.
    pub fn absolute(&self, route: &Route<'_>) -> String {
        let mut s = String::new();
        self.push_absolute(route, &mut s);
        s
    }

    /// [`absolute`](BaseUrl::absolute), written at the end of `out`.
    pub fn push_absolute(&self, route: &Route<'_>, out: &mut String) {
        out.push_str(&self.origin);
        out.push_str(&self.path);
        route.push_url_path(out);
    }
}

/// Checks an alias (an old URL path) can be written as a page: it starts
/// with `/`, and no segment is empty-dotted, reserved or hidden.
pub fn check_alias(alias: &str) -> Result<(), &'static str> {
    if !alias.starts_with('/') {
        return Err("must start with `/`");
    }
    if alias.contains(['\\', '\0', '?', '#', ':']) {
        return Err("may not contain `\\`, NUL, `?`, `#` or `:`");
    }
    let segs: Vec<&str> = alias.split('/').filter(|s| !s.is_empty()).collect();
    if segs.is_empty() {
        return Err("cannot be the site root");
    }
    if segs
        .iter()
        .any(|s| *s == "." || *s == ".." || s.starts_with('.'))
    {
        return Err("may not contain `.` or `..` segments or hidden names");
    }
    if segs.iter().any(|s| s.len() > MAX_SLUG_BYTES) {
        return Err("has a segment longer than 200 bytes, more than a file name can hold");
    }
    Ok(())
}

#[cfg(test)]
mod tests;
