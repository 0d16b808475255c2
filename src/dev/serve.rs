//! `careerbook serve`: the site from memory over HTTP on the loopback
//! interface, rebuilt incrementally on every change, with live reload.
//!
//! Pages are built for the local server's origin under the configured base
//! path, so a site published at `https://u.github.io/repo/` is served at
//! `http://127.0.0.1:PORT/repo/` and its links behave as they will there.
//! HTML responses get a small script (never written to disk) that listens
//! on [`LIVERELOAD`] for Server-Sent Events: the page reloads after each
//! rebuild, and while the last change does not build the errors show over
//! the last good page.

use crate::build::BuildOptions;
use crate::dev::conn;
use crate::dev::incremental::{RebuildOutcome, SiteState, StateOptions};
use crate::dev::report::{Move, Reporter};
use crate::dev::watch::{self, SiteWatcher};
use crate::diag;
use crate::util::html::escape_html;
use crate::util::layout::{self, Route};
use crate::util::term;
use anyhow::{Context, Result};
use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderValue, Method, StatusCode, Uri};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use std::convert::Infallible;
use std::io::Write;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Instant;
use tokio::sync::watch as channel;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// The event stream the injected script listens to. It sits outside any
/// base path, under a prefix no site page uses.
pub(crate) const LIVERELOAD: &str = "/__careerbook/livereload";

const SCRIPT: &str = include_str!("livereload.js");
const OVERLAY_STYLE: &str =
    "position:fixed;inset:auto 1rem 1rem 1rem;max-height:60vh;overflow:auto;\
z-index:2147483647;background:#fff8f6;color:#3b0a00;border:2px solid #b42318;border-radius:6px;\
padding:1rem;font:14px/1.4 ui-monospace,monospace;box-shadow:0 4px 24px rgba(0,0,0,.25)";
const OVERLAY_TITLE: &str =
    "careerbook: the last change did not build, so this is the last good version of the page.";
/// The notice of pages that moved, at the top, clear of the error overlay.
const NOTICE_STYLE: &str =
    "position:fixed;inset:1rem 1rem auto 1rem;max-height:40vh;overflow:auto;\
z-index:2147483647;background:#fffbeb;color:#3b2a00;border:2px solid #b54708;border-radius:6px;\
padding:1rem;font:14px/1.4 ui-monospace,monospace;box-shadow:0 4px 24px rgba(0,0,0,.25)";

/// What `careerbook serve` needs to know.
#[derive(Debug, Clone)]
pub(crate) struct ServeOptions {
    /// Root and drafts, as for a build.
    pub build: BuildOptions,
    /// Address to listen on.
    pub bind: IpAddr,
    /// Port; 0 picks a free one.
    pub port: u16,
    /// Open the site in the default browser.
    pub open: bool,
}

/// The site as the HTTP side sees it after a rebuild.
#[derive(Debug, Default)]
pub(crate) struct Snapshot {
    /// The last good pages by output-relative path.
    pub pages: crate::dev::incremental::Pages,
    /// The base path pages are served under, e.g. `/repo/`.
    pub base_path: String,
    /// The diagnostics of the last rebuild when it failed.
    pub error: Option<String>,
    /// Guide pages that moved and whose old URL serves nothing yet.
    pub moves: Arc<Vec<Move>>,
    /// Goes up whenever the pages or the error change.
    pub generation: u64,
}

impl Snapshot {
    fn next(
        prev: &Snapshot,
        state: &SiteState,
        outcome: &RebuildOutcome,
        moves: &[Move],
    ) -> Option<Snapshot> {
        let error = outcome.failed.then(|| error_text(state, outcome));
        if !outcome.changed() && error == prev.error && *prev.moves == moves && prev.generation > 0
        {
            return None;
        }
        Some(Snapshot {
            pages: state.pages().clone(),
            base_path: state.base().path,
            error,
            moves: Arc::new(moves.to_vec()),
            generation: prev.generation + 1,
        })
    }

    /// The move whose old URL is `path` (a request path under the base).
    fn moved_from(&self, path: &str) -> Option<&Move> {
        let base = self.base_path.trim_end_matches('/');
        self.moves.iter().find(|m| {
            let old = format!("{base}{}", m.old);
            path == old || path == old.trim_end_matches('/')
        })
    }
}

fn error_text(state: &SiteState, outcome: &RebuildOutcome) -> String {
    let mut text = String::new();
    for d in outcome.diagnostics.iter().filter(|d| d.is_error()) {
        text.push_str(&diag::render_human(d, state.source(&d.file)));
        text.push('\n');
    }
    text.push_str(&diag::summary(&outcome.diagnostics));
    text
}

/// Runs `careerbook serve` until interrupted. Only I/O problems (such as a
/// port in use) end it; invalid content is shown, never fatal.
pub(crate) fn run(opts: ServeOptions) -> Result<()> {
    let listener = std::net::TcpListener::bind((opts.bind, opts.port))
        .with_context(|| format!("cannot listen on {}:{}", opts.bind, opts.port))?;
    let addr = listener.local_addr()?;
    let shown = SocketAddr::new(
        if addr.ip().is_unspecified() {
            IpAddr::from([127, 0, 0, 1])
        } else {
            addr.ip()
        },
        addr.port(),
    );
    let origin = format!("http://{shown}");
    let root = std::fs::canonicalize(&opts.build.root)
        .with_context(|| format!("cannot open the site root {}", opts.build.root.display()))?;
    let mut watcher = SiteWatcher::new(&root)?;
    let start = Instant::now();
    let (mut state, outcome) = SiteState::new(StateOptions {
        build: BuildOptions {
            root,
            serving: true,
            ..opts.build
        },
        origin: Some(origin.clone()),
        write: false,
    })?;
    let mut reporter = Reporter::default();
    reporter.report(&state, &outcome, start.elapsed(), &[]);
    let first = Snapshot::next(&Snapshot::default(), &state, &outcome, &[]).unwrap_or_default();
    let url = format!("{origin}{}", first.base_path);
    let (tx, rx) = channel::channel(Arc::new(first));

    std::thread::spawn(move || {
        let publish = |state: &SiteState, r: &Reporter, outcome: Option<RebuildOutcome>| {
            let Some(outcome) = outcome else { return };
            let prev = tx.borrow().clone();
            if let Some(next) = Snapshot::next(&prev, state, &outcome, r.moves()) {
                tx.send_replace(Arc::new(next));
            }
        };
        let outcome = watch::follow_links(&mut watcher, &mut state, &mut reporter);
        publish(&state, &reporter, outcome);
        while let Some(batch) = watcher.next_batch() {
            let outcome = watch::rebuild(&mut state, &mut reporter, &batch);
            publish(&state, &reporter, outcome);
            let outcome = watch::follow_links(&mut watcher, &mut state, &mut reporter);
            publish(&state, &reporter, outcome);
        }
    });

    let mut out = std::io::stdout().lock();
    writeln!(out, "Serving at {url}")?;
    out.flush()?;
    drop(out);
    term::note("watching for changes; press Ctrl-C to stop");
    if opts.open {
        open_browser(&url);
    }

    let app = axum::Router::new()
        .route(LIVERELOAD, axum::routing::get(livereload))
        .fallback(serve_path)
        .with_state(App {
            site: rx,
            streams: Arc::new(Semaphore::new(MAX_STREAMS)),
        });
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the HTTP server")?;
    runtime.block_on(async move {
        listener.set_nonblocking(true)?;
        conn::accept(tokio::net::TcpListener::from_std(listener)?, app).await;
        Ok::<_, std::io::Error>(())
    })?;
    Ok(())
}

type Site = channel::Receiver<Arc<Snapshot>>;

/// Live-reload streams open at once. A stream lasts as long as its page
/// stays open, and a client can hold one without reading it, so streams
/// get a budget of their own, well inside [`conn::MAX_CONNECTIONS`]: the
/// connections left always serve pages. A browser opens one per tab.
pub(crate) const MAX_STREAMS: usize = 64;

/// What the handlers share.
#[derive(Clone)]
struct App {
    site: Site,
    /// One permit per open live-reload stream.
    streams: Arc<Semaphore>,
}

impl axum::extract::FromRef<App> for Site {
    fn from_ref(app: &App) -> Site {
        app.site.clone()
    }
}

async fn livereload(State(app): State<App>) -> Response {
    let Ok(permit) = Arc::clone(&app.streams).try_acquire_owned() else {
        // Closed at once, so the refusal holds no connection either.
        return Response::builder()
            .status(StatusCode::SERVICE_UNAVAILABLE)
            .header(header::RETRY_AFTER, "10")
            .header(header::CONNECTION, "close")
            .header(header::CACHE_CONTROL, "no-cache")
            .body(Body::from("503 too many live-reload streams\n"))
            .unwrap_or_default();
    };
    stream(app.site, permit).into_response()
}

/// The live-reload stream: the state now, then after every change. It holds
/// `permit` until the client goes.
fn stream(site: Site, permit: OwnedSemaphorePermit) -> impl IntoResponse {
    let start = (site, true, permit);
    let stream = futures_util::stream::unfold(start, |(mut site, first, permit)| async move {
        if !first && site.changed().await.is_err() {
            return None;
        }
        let snap = site.borrow_and_update().clone();
        let data = serde_json::json!({ "generation": snap.generation, "error": snap.error });
        let event = Event::default().event("state").data(data.to_string());
        Some((Ok::<_, Infallible>(event), (site, false, permit)))
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

/// How a request path maps onto the site.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Target {
    /// The page at this output-relative path.
    Page(String),
    /// Redirect here.
    Redirect(String),
    /// No such page.
    NotFound,
    /// A path no page can have (`..`, backslashes, NUL, bad encoding).
    BadRequest,
}

/// Maps a raw (percent-encoded) request path onto the site's pages.
pub(crate) fn resolve(raw: &str, base: &str, has: impl Fn(&str) -> bool) -> Target {
    let Ok(path) = percent_encoding::percent_decode_str(raw).decode_utf8() else {
        return Target::BadRequest;
    };
    if path.contains(['\\', '\0']) || path.split('/').any(|s| s == ".." || s == ".") {
        return Target::BadRequest;
    }
    let bare_base = base.trim_end_matches('/');
    if path == "/" && base != "/" || (!bare_base.is_empty() && path == bare_base) {
        return Target::Redirect(base.to_string());
    }
    let Some(rel) = path.strip_prefix(base) else {
        return Target::NotFound;
    };
    if rel.is_empty() || rel.ends_with('/') {
        let index = layout::folder_file(rel);
        return if has(&index) {
            Target::Page(index)
        } else {
            Target::NotFound
        };
    }
    if has(rel) {
        Target::Page(rel.to_string())
    } else if has(&layout::folder_file(rel)) {
        Target::Redirect(format!("{raw}/"))
    } else {
        Target::NotFound
    }
}

async fn serve_path(State(site): State<Site>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        let mut r = (StatusCode::METHOD_NOT_ALLOWED, "405 method not allowed\n").into_response();
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    let snap = site.borrow().clone();
    let target = resolve(uri.path(), &snap.base_path, |p| snap.pages.contains_key(p));
    let response = match target {
        Target::Page(path) => page(&snap, StatusCode::OK, &path),
        Target::Redirect(to) => Response::builder()
            .status(StatusCode::FOUND)
            .header(header::LOCATION, to)
            .body(Body::empty())
            .unwrap_or_default(),
        Target::BadRequest => (StatusCode::BAD_REQUEST, "400 bad request\n").into_response(),
        Target::NotFound if snap.moved_from(uri.path()).is_some() => {
            // A page open on a guide's old URL: the site's 404 page with
            // the way to the new page and the line that keeps the old URL.
            let html = snap.pages.get(&Route::NotFound.file()).map_or(
                &b"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Page moved</title></head><body></body></html>\n"[..],
                |b| &**b,
            );
            let body = inject_with(html, &snap, snap.moved_from(uri.path()));
            html_bytes(StatusCode::NOT_FOUND, body)
        }
        Target::NotFound if snap.pages.contains_key(&Route::NotFound.file()) => {
            page(&snap, StatusCode::NOT_FOUND, &Route::NotFound.file())
        }
        Target::NotFound if snap.error.is_some() => {
            // Nothing has built yet: a bare page to carry the overlay.
            let html = b"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Build failed</title></head><body></body></html>\n";
            html_response(&snap, StatusCode::INTERNAL_SERVER_ERROR, html)
        }
        Target::NotFound => (StatusCode::NOT_FOUND, "404 not found\n").into_response(),
    };
    if method == Method::HEAD {
        let (parts, _) = response.into_parts();
        return Response::from_parts(parts, Body::empty());
    }
    response
}

fn page(snap: &Snapshot, status: StatusCode, path: &str) -> Response {
    let bytes = snap.pages.get(path).map_or(&[][..], |b| &**b);
    let kind = content_type(path);
    if kind.starts_with("text/html") {
        return html_response(snap, status, bytes);
    }
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, kind)
        .header(header::CACHE_CONTROL, "no-cache")
        .header(header::CONTENT_LENGTH, bytes.len())
        .body(Body::from(bytes.to_vec()))
        .unwrap_or_default()
}

fn html_response(snap: &Snapshot, status: StatusCode, html: &[u8]) -> Response {
    html_bytes(status, inject(html, snap))
}

fn html_bytes(status: StatusCode, body: Vec<u8>) -> Response {
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, "text/html; charset=utf-8")
        .header(header::CACHE_CONTROL, "no-cache")
        .header(header::CONTENT_LENGTH, body.len())
        .body(Body::from(body))
        .unwrap_or_default()
}

/// Adds the live-reload script, and the error overlay while the last
/// rebuild failed, before `</body>` (or at the end when there is none).
pub(crate) fn inject(html: &[u8], snap: &Snapshot) -> Vec<u8> {
    inject_with(html, snap, None)
}

/// [`inject`], plus a notice of the pages that moved while their old URL
/// serves nothing: `here` is the move whose old URL was asked for, linked
/// to its new page.
pub(crate) fn inject_with(html: &[u8], snap: &Snapshot, here: Option<&Move>) -> Vec<u8> {
    let config = serde_json::json!({
        "generation": snap.generation,
        "url": LIVERELOAD,
        "style": OVERLAY_STYLE,
        "title": OVERLAY_TITLE,
    });
    // `<` is escaped so that nothing in the JSON can close the script.
    let config = config.to_string().replace('<', "\\u003c");
    let mut snippet = String::new();
    if let Some(error) = &snap.error {
        snippet.push_str(&format!(
            "<div id=\"careerbook-overlay\" role=\"alert\" style=\"{OVERLAY_STYLE}\"><strong>{}</strong>\
             <pre style=\"white-space:pre-wrap;margin:.5em 0 0\">{}</pre></div>\n",
            escape_html(OVERLAY_TITLE),
            escape_html(error)
        ));
    }
    if !snap.moves.is_empty() {
        snippet.push_str(&notice(snap, here));
    }
    snippet.push_str(&format!(
        "<script>window.__careerbook={config};</script>\n<script>{SCRIPT}</script>\n"
    ));
    let at = find_last(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + snippet.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(snippet.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// The notice of moved pages: for each, what happened and the `aliases:`
/// line that keeps its old URL working.
fn notice(snap: &Snapshot, here: Option<&Move>) -> String {
    let base = snap.base_path.trim_end_matches('/');
    let title = match here {
        Some(m) => format!(
            "careerbook: this page moved to <a href=\"{}\">{}</a>.",
            escape_html(&format!("{base}{}", m.new)),
            escape_html(&m.new)
        ),
        None => "careerbook: a page moved, and its old URL now leads nowhere.".to_string(),
    };
    let hints: Vec<String> = snap.moves.iter().map(Move::hint).collect();
    format!(
        "<div id=\"careerbook-notice\" role=\"status\" style=\"{NOTICE_STYLE}\"><strong>{title}</strong>\
         <pre style=\"white-space:pre-wrap;margin:.5em 0 0\">{}</pre></div>\n",
        escape_html(&hints.join("\n\n"))
    )
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle))
}

/// The `Content-Type` for a file, by extension.
pub(crate) fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
    match ext.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        "webmanifest" => "application/manifest+json",
        _ => "application/octet-stream",
    }
}

fn open_browser(url: &str) {
    let mut cmd = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    if let Err(e) = cmd.arg(url).spawn() {
        term::say(format_args!(
            "warning: cannot open a browser ({e}); open {url} yourself"
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(p: &str) -> bool {
        ["index.html", "guides/x/index.html", "style.css", "404.html"].contains(&p)
    }

    #[test]
    fn paths_map_onto_pages_under_the_base() {
        let r = |raw| resolve(raw, "/repo/", has);
        assert_eq!(r("/repo/"), Target::Page("index.html".into()));
        assert_eq!(r("/repo/style.css"), Target::Page("style.css".into()));
        assert_eq!(
            r("/repo/guides/x/"),
            Target::Page("guides/x/index.html".into())
        );
        assert_eq!(
            r("/repo/guides/x"),
            Target::Redirect("/repo/guides/x/".into())
        );
        assert_eq!(r("/"), Target::Redirect("/repo/".into()));
        assert_eq!(r("/repo"), Target::Redirect("/repo/".into()));
        assert_eq!(r("/style.css"), Target::NotFound);
        assert_eq!(r("/repo/nope"), Target::NotFound);
        assert_eq!(resolve("/", "/", has), Target::Page("index.html".into()));
    }

    #[test]
    fn traversal_is_refused() {
        for raw in [
            "/repo/../Cargo.toml",
            "/repo/%2e%2e/x",
            "/repo/..%2fx",
            "/repo/a%5c..%5cb",
            "/repo/a\\b",
            "/repo/%00",
            "/repo/./x",
            "/repo/%ff",
        ] {
            assert_eq!(resolve(raw, "/repo/", has), Target::BadRequest, "{raw}");
        }
    }

    #[test]
    fn script_goes_before_the_body_end() {
        let snap = Snapshot {
            error: Some("bad </script> <b>".into()),
            generation: 3,
            ..Default::default()
        };
        let out = String::from_utf8(inject(b"<html><body><p>x</p></BODY></html>", &snap)).unwrap();
        assert!(out.ends_with("</script>\n</BODY></html>"), "{out}");
        assert!(out.contains("\"generation\":3"));
        assert!(out.contains("bad &lt;/script&gt; &lt;b&gt;"));
        assert_eq!(out.matches("</script>").count(), 2, "{out}");
        assert_eq!(content_type("a/b.SVG"), "image/svg+xml");
        assert_eq!(content_type("CNAME"), "application/octet-stream");
    }
}
