//! `careerbook serve` and `careerbook watch` as a user runs them: the binary
//! on a copied fixture site, driven over HTTP and through file edits.
//! Every wait is bounded; the child process is killed when a test ends
//! (see `common::server`).

use crate::common::server::*;
use crate::common::*;
use std::time::{Duration, Instant};

#[test]
fn serve_reloads_on_edit_shows_errors_and_recovers() {
    let site = fixture("basic");
    set_base_url(site.path(), "https://u.github.io/repo/");
    let server = serve(site.path());
    let url = &server.url;
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    assert!(url.ends_with("/repo/"), "{url}");

    let (status, kind, index) = get(url);
    assert_eq!(status, 200);
    assert_eq!(kind, "text/html; charset=utf-8");
    assert!(index.contains("Fixture Careers"));
    assert!(
        index.contains("/__careerbook/livereload"),
        "script injected"
    );
    assert!(
        index.contains(&format!("<link rel=\"canonical\" href=\"{url}\">")),
        "canonical link points at the local server"
    );
    let page = format!("{url}guides/engineering-manager/");
    assert!(get(&page).2.contains("Leads a team of engineers."));

    let events = server.subscribe();
    let first = events.recv_timeout(WAIT).expect("first state");
    assert!(first.contains("\"error\":null"), "{first}");

    // A valid edit: a reload event, then the new page.
    let guide = site.path().join("guides/engineering-manager.md");
    edit(&guide, "Leads a team of engineers.", "Leads two teams.");
    let ev = events.recv_timeout(WAIT).expect("reload event");
    assert!(ev.contains("\"error\":null") && ev != first, "{ev}");
    let (_, _, body) = get(&page);
    assert!(body.contains("Leads two teams."));
    assert!(!body.contains("id=\"careerbook-overlay\""));

    // An invalid edit: an error event naming file and line, the overlay on
    // every page, and the last good page still served.
    edit(&guide, "title: Engineering Manager", "title: [");
    let ev = events.recv_timeout(WAIT).expect("error event");
    assert!(ev.contains("guides/engineering-manager.md:3"), "{ev}");
    let (status, _, body) = get(&page);
    assert_eq!(status, 200);
    assert!(body.contains("Leads two teams."), "last good page");
    assert!(body.contains("id=\"careerbook-overlay\""));
    assert!(body.contains("guides/engineering-manager.md:3"));
    wait_line(server.stderr(), |l| l.starts_with("rebuild failed"));

    // Fixing the file recovers by itself.
    edit(&guide, "title: [", "title: Engineering Lead");
    let ev = events.recv_timeout(WAIT).expect("recovery event");
    assert!(ev.contains("\"error\":null"), "{ev}");
    let (_, _, body) = get(&page);
    assert!(body.contains("Engineering Lead"));
    assert!(!body.contains("id=\"careerbook-overlay\""));

    // Deleting the guide: its URL is gone.
    std::fs::remove_file(&guide).expect("rm");
    let ev = events.recv_timeout(WAIT).expect("delete event");
    assert!(ev.contains("\"error\":null"), "{ev}");
    assert_eq!(get(&page).0, 404);
}

#[test]
fn serve_speaks_http_correctly_and_stays_inside_the_site() {
    let site = fixture("basic");
    set_base_url(site.path(), "https://u.github.io/repo/");
    let server = serve(site.path());
    let url = &server.url;
    let root = server.origin();

    // The site's own 404 page, with status 404.
    let (status, kind, body) = get(&format!("{url}no/such/page"));
    assert_eq!(status, 404);
    assert_eq!(kind, "text/html; charset=utf-8");
    assert!(body.contains("<h1>Page not found</h1>"), "{body}");
    assert_eq!(get(&format!("{root}/elsewhere")).0, 404);

    // Content types.
    for (path, want) in [
        ("style.css", "text/css; charset=utf-8"),
        ("favicon.svg", "image/svg+xml"),
        ("backend/", "text/html; charset=utf-8"),
    ] {
        let (status, kind, _) = get(&format!("{url}{path}"));
        assert_eq!((status, kind.as_str()), (200, want), "{path}");
    }

    // HEAD: headers without a body.
    let resp = agent().head(url).call().expect("HEAD");
    assert_eq!(resp.status().as_u16(), 200);
    let len: usize = header(&resp, "content-length").parse().expect("length");
    assert_eq!(len, get(url).2.len());
    assert!(resp
        .into_body()
        .read_to_string()
        .unwrap_or_default()
        .is_empty());

    // Only GET and HEAD.
    let resp = agent().post(url).send_empty().expect("POST");
    assert_eq!(resp.status().as_u16(), 405);
    assert_eq!(header(&resp, "allow"), "GET, HEAD");

    // Redirects: the bare origin and the base without its slash go to the
    // base; a folder without its slash gets it.
    for (from, to) in [
        (format!("{root}/"), "/repo/"),
        (format!("{root}/repo"), "/repo/"),
        (
            format!("{url}guides/staff-engineer"),
            "/repo/guides/staff-engineer/",
        ),
    ] {
        let resp = agent().get(&from).call().expect("GET");
        assert_eq!(resp.status().as_u16(), 302, "{from}");
        assert_eq!(header(&resp, "location"), to, "{from}");
    }

    // Traversal, sent byte for byte: refused, never a file from outside.
    for path in [
        "/../Cargo.toml",
        "/repo/../Cargo.toml",
        "/repo/../../../../etc/passwd",
        "/%2e%2e/Cargo.toml",
        "/repo/%2e%2e/%2e%2e/Cargo.toml",
        "/repo/..%2fCargo.toml",
        "/repo/..%2F..%2Fetc%2Fpasswd",
        "/repo/..\\..\\Cargo.toml",
        "/repo/%5c..%5cCargo.toml",
        "/repo/%00",
    ] {
        let resp = server.raw_get(path);
        let status_line = resp.lines().next().unwrap_or_default().to_string();
        assert!(
            status_line.contains(" 400 ") || status_line.contains(" 404 "),
            "{path}: {status_line}"
        );
        assert!(!resp.contains("[package]"), "{path} leaked Cargo.toml");
        assert!(!resp.contains("root:x:0:0"), "{path} leaked /etc/passwd");
    }
}

#[test]
fn serve_reports_a_site_that_does_not_build_yet_and_recovers() {
    let site = fixture("minimal");
    let guide = site.path().join("guides/solo.md");
    edit(&guide, "title: Solo Role", "title: [");
    let server = serve(site.path());
    let url = &server.url;
    let (status, _, body) = get(url);
    assert_eq!(status, 500);
    assert!(body.contains("id=\"careerbook-overlay\""));
    assert!(body.contains("guides/solo.md:"), "{body}");
    let events = server.subscribe();
    events.recv_timeout(WAIT).expect("first state");
    edit(&guide, "title: [", "title: Solo Role");
    let ev = events.recv_timeout(WAIT).expect("recovery");
    assert!(ev.contains("\"error\":null"), "{ev}");
    let (status, _, body) = get(url);
    assert_eq!(status, 200);
    assert!(body.contains("Solo Role"));
}

#[test]
fn watch_rebuilds_the_output_folder_like_a_clean_build() {
    let site = fixture("basic");
    let root = site.path();
    let running = Running::start(&["watch"], root);
    wait_line(&running.stderr, |l| l.starts_with("watching "));
    let out = root.join("output");
    assert!(out.join("guides/staff-engineer/index.html").is_file());

    // An atomic save (write a temporary file, rename it over the guide),
    // editor scratch files, a new guide and a deleted one.
    let staff = root.join("guides/staff-engineer.md");
    let tmp = root.join("guides/.staff-engineer.md.swp");
    std::fs::write(&tmp, "swap").expect("swap");
    let new_text = read(&staff).replace("Technical leadership", "Deep technical leadership");
    let saved = root.join("guides/staff-engineer.md.tmp");
    std::fs::write(&saved, new_text).expect("write tmp");
    std::fs::rename(&saved, &staff).expect("rename");
    std::fs::remove_file(&tmp).expect("rm swap");
    wait_line(&running.stderr, |l| l.starts_with("rebuilt in"));
    assert!(read(out.join("guides/staff-engineer/index.html")).contains("Deep technical"));

    std::fs::write(
        root.join("guides/new-role.md"),
        "---\ntitle: New Role\nsummary: Fresh.\nresponsibilities: [a]\nskills: [b]\n---\n",
    )
    .expect("write");
    std::fs::remove_file(root.join("guides/engineering-manager.md")).expect("rm");
    let deadline = Instant::now() + WAIT;
    let done = || {
        out.join("guides/new-role/index.html").is_file()
            && !out.join("guides/engineering-manager").exists()
    };
    while !done() {
        assert!(
            Instant::now() < deadline,
            "watch did not pick up the changes"
        );
        let _ = running.stderr.recv_timeout(Duration::from_millis(200));
    }
    // Let any rebuild still running finish before comparing.
    while running
        .stderr
        .recv_timeout(Duration::from_millis(500))
        .is_ok()
    {}

    let clean = tempfile::tempdir().expect("tempdir");
    let clean_out = clean.path().join("out");
    build_ok(root, &["--output", clean_out.to_str().expect("utf-8")]);
    assert_eq!(tree(&out), tree(&clean_out));
}
