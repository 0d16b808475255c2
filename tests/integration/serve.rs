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

    // An invalid edit: an error event naming file and line (of the `[`
    // never closed), the overlay on every page, and the last good page
    // still served.
    edit(&guide, "title: Engineering Manager", "title: [");
    let ev = events.recv_timeout(WAIT).expect("error event");
    assert!(ev.contains("guides/engineering-manager.md:2"), "{ev}");
    let (status, _, body) = get(&page);
    assert_eq!(status, 200);
    assert!(body.contains("Leads two teams."), "last good page");
    assert!(body.contains("id=\"careerbook-overlay\""));
    assert!(body.contains("guides/engineering-manager.md:2"));
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

/// Polls `done` until it holds, keeping what the process printed for the
/// failure message; panics after [`WAIT`].
fn wait_until(running: &Running, what: &str, done: impl Fn() -> bool) {
    let deadline = Instant::now() + WAIT;
    let mut seen = String::new();
    while !done() {
        assert!(
            Instant::now() < deadline,
            "timed out waiting until {what}; watch printed:\n{seen}"
        );
        if let Ok(line) = running.stderr.recv_timeout(Duration::from_millis(50)) {
            seen.push_str(&line);
            seen.push('\n');
        }
    }
}

/// Waits until no rebuild has printed anything for a while, then checks
/// the output folder against a clean build of the same files.
fn assert_settled_like_a_clean_build(running: &Running, root: &std::path::Path) {
    while running
        .stderr
        .recv_timeout(Duration::from_millis(500))
        .is_ok()
    {}
    let clean = tempfile::tempdir().expect("tempdir");
    let clean_out = clean.path().join("out");
    build_ok(root, &["--output", clean_out.to_str().expect("utf-8")]);
    assert_eq!(tree(&root.join("output")), tree(&clean_out));
}

/// `guides/` moved away and back, and `themes/` deleted and copied back:
/// edits made afterwards under both still reach the output.
#[test]
fn watch_keeps_watching_input_folders_that_are_removed_and_restored() {
    let site = fixture("basic");
    let root = site.path();
    let tpl = root.join("themes/default/templates/404.html");
    std::fs::create_dir_all(tpl.parent().expect("parent")).expect("mkdir");
    std::fs::write(
        &tpl,
        "{% extends \"base.html\" %}{% block content %}<h1>Gone</h1>{% endblock content %}",
    )
    .expect("write");
    let running = Running::start(&["watch"], root);
    wait_line(&running.stderr, |l| l.starts_with("watching "));
    let out = root.join("output");
    let page = out.join("guides/staff-engineer/index.html");
    let not_found = out.join("404.html");
    assert!(read(&not_found).contains("<h1>Gone</h1>"));
    let away = tempfile::tempdir().expect("tempdir");

    // `mv guides elsewhere`, then back.
    let guides = root.join("guides");
    // A site without `guides/` is an error (E0007): the last good site stays.
    std::fs::rename(&guides, away.path().join("guides")).expect("mv away");
    wait_line(&running.stderr, |l| l.starts_with("error[E0007]"));
    assert!(page.is_file(), "the last good site stays");
    std::fs::rename(away.path().join("guides"), &guides).expect("mv back");
    wait_line(&running.stderr, |l| l.starts_with("rebuilt in"));
    assert!(page.is_file());

    // `rm -r themes`, then `cp -r` it back.
    let themes = root.join("themes");
    copy_dir(&themes, &away.path().join("themes"));
    std::fs::remove_dir_all(&themes).expect("rm themes");
    wait_until(&running, "the built-in 404 page is used", || {
        !read(&not_found).contains("<h1>Gone</h1>")
    });
    copy_dir(&away.path().join("themes"), &themes);
    wait_until(&running, "the theme's 404 page is back", || {
        read(&not_found).contains("<h1>Gone</h1>")
    });

    // Later edits under both folders are seen.
    edit(
        &root.join("guides/staff-engineer.md"),
        "Technical leadership",
        "Restored leadership",
    );
    wait_until(&running, "the guide edit shows", || {
        read(&page).contains("Restored leadership")
    });
    edit(&tpl, "<h1>Gone</h1>", "<h1>Still gone</h1>");
    wait_until(&running, "the template edit shows", || {
        read(&not_found).contains("<h1>Still gone</h1>")
    });
    assert_settled_like_a_clean_build(&running, root);
}

/// A guide that is a symbolic link to a file elsewhere in the site: edits
/// of that file, in place or by an atomic save, reach the guide's page.
#[cfg(unix)]
#[test]
fn watch_follows_the_target_of_a_symlinked_guide() {
    let site = fixture("basic");
    let root = site.path();
    let target = root.join("notes/shared-role.md");
    std::fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
    std::fs::write(
        &target,
        "---\ntitle: Shared Role\nsummary: Kept in notes.\nresponsibilities: [a]\nskills: [b]\n---\n\nFirst version.\n",
    )
    .expect("write");
    std::os::unix::fs::symlink(
        "../notes/shared-role.md",
        root.join("guides/shared-role.md"),
    )
    .expect("symlink");
    let running = Running::start(&["watch"], root);
    wait_line(&running.stderr, |l| l.starts_with("watching "));
    let page = root.join("output/guides/shared-role/index.html");
    assert!(read(&page).contains("First version."));

    edit(&target, "First version.", "Second version.");
    wait_until(&running, "the edit in place shows", || {
        read(&page).contains("Second version.")
    });
    let saved = root.join("notes/shared-role.md.new");
    std::fs::write(
        &saved,
        read(&target).replace("Second version.", "Third version."),
    )
    .expect("write");
    std::fs::rename(&saved, &target).expect("rename");
    wait_until(&running, "the atomic save shows", || {
        read(&page).contains("Third version.")
    });
    assert_settled_like_a_clean_build(&running, root);
}
