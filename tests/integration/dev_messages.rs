//! What `watch` and `serve` say while an author edits: the first build's
//! line, a warning printed once and a `fixed:` line when it goes, and the
//! `aliases:` line that keeps a moved page's old URL working, in the
//! terminal and in the browser. The binary runs on a copied fixture.

use crate::common::server::*;
use crate::common::*;
use std::time::Duration;

fn is_summary(l: &str) -> bool {
    l.starts_with("rebuilt in ") || l.starts_with("rebuild failed")
}

#[test]
fn watch_prints_a_warning_once_and_says_when_it_is_fixed() {
    let site = fixture("basic");
    let root = site.path();
    let running = Running::start(&["watch"], root);
    let first = wait_line(&running.stderr, |l| l.starts_with("built "));
    // The first build counts guides, not files changed.
    let last = first.lines().last().unwrap_or_default();
    assert!(last.starts_with("built 3 guides in "), "{first}");
    // Two of them: a plain title that links only by equalling a guide's title.
    assert!(last.ends_with(" ms (6 warnings)"), "{last}");
    assert!(!first.contains("file(s) changed"), "{first}");
    wait_line(&running.stderr, |l| l.starts_with("watching "));

    // A placeholder: the warning, with its line, column and help.
    let guide = root.join("guides/staff-engineer.md");
    edit(
        &guide,
        "summary: Technical leadership across teams.",
        "summary: \"TODO: say what the role is\"",
    );
    let seen = wait_line(&running.stderr, is_summary);
    assert!(
        seen.contains(
            "warning[W0901]: placeholder text left in `summary`\n \
             --> guides/staff-engineer.md:4:10 (field `summary`)\n"
        ),
        "{seen}"
    );
    assert!(
        seen.contains("= help: replace the `TODO:` text with real content"),
        "{seen}"
    );
    // The warnings of the first build are not printed again.
    assert!(!seen.contains("W0501"), "{seen}");
    assert!(seen.ends_with("(7 warnings)\n"), "{seen}");

    // Saved again with the placeholder still there (and a line added
    // above it): the warning is not printed again.
    edit(
        &guide,
        "title: Staff Engineer",
        "title: Staff Engineer\ntags: [x]",
    );
    let seen = wait_line(&running.stderr, is_summary);
    assert!(!seen.contains("warning["), "{seen}");
    assert!(!seen.contains("fixed:"), "{seen}");

    // The placeholder replaced: said once.
    edit(&guide, "\"TODO: say what the role is\"", "Leads.");
    let seen = wait_line(&running.stderr, is_summary);
    assert_eq!(
        seen.lines().next(),
        Some(
            "fixed: warning[W0901] in guides/staff-engineer.md: \
             placeholder text left in `summary`"
        ),
        "{seen}"
    );
    assert!(!seen.lines().any(|l| l.starts_with("warning[")), "{seen}");
    assert!(seen.ends_with("(6 warnings)\n"), "{seen}");
}

#[test]
fn serve_shows_the_alias_that_keeps_a_renamed_guides_old_url() {
    let site = fixture("basic");
    set_base_url(site.path(), "https://u.github.io/repo/");
    let server = serve(site.path());
    let url = &server.url;
    wait_line(server.stderr(), |l| l.starts_with("watching "));
    let events = server.subscribe();
    events.recv_timeout(WAIT).expect("first state");

    // The guide's file renamed: its URL follows the file name.
    let old = site.path().join("guides/engineering-manager.md");
    let new = site.path().join("guides/people-manager.md");
    std::fs::rename(&old, &new).expect("rename");
    let seen = wait_line(server.stderr(), is_summary);
    assert!(
        seen.contains(
            "moved: guides/engineering-manager.md was renamed to guides/people-manager.md: \
             its page /guides/engineering-manager/ is now /guides/people-manager/.\n  \
             To keep the old URL working, add to the front matter of guides/people-manager.md:\n      \
             aliases: [\"/guides/engineering-manager/\"]\n"
        ),
        "{seen}"
    );
    // The guide's warning (no `updated` date) goes with it: neither fixed
    // nor new.
    assert!(!seen.contains("fixed:"), "{seen}");
    assert!(!seen.lines().any(|l| l.starts_with("warning[")), "{seen}");
    events.recv_timeout(WAIT).expect("reload event");

    // A browser open on the old URL: not a bare "page not found", but the
    // way to the new page and the line to add.
    let (status, _, body) = get(&format!("{url}guides/engineering-manager/"));
    assert_eq!(status, 404);
    let notice = body
        .split("<div id=\"careerbook-notice\"")
        .nth(1)
        .unwrap_or_else(|| panic!("no notice: {body}"));
    assert!(
        notice.contains(
            "this page moved to <a href=\"/repo/guides/people-manager/\">/guides/people-manager/</a>"
        ),
        "{notice}"
    );
    assert!(
        notice.contains("aliases: [&quot;/guides/engineering-manager/&quot;]"),
        "{notice}"
    );
    // Every page carries the notice while the old URL leads nowhere.
    let (status, _, body) = get(&format!("{url}guides/people-manager/"));
    assert_eq!(status, 200);
    assert!(body.contains("id=\"careerbook-notice\""), "{body}");

    // The alias added: the old URL works, and the notice goes.
    edit(
        &new,
        "family: Management",
        "family: Management\naliases: [\"/guides/engineering-manager/\"]",
    );
    let seen = wait_line(server.stderr(), is_summary);
    assert!(
        seen.contains("fixed: the old URL /guides/engineering-manager/ works again\n"),
        "{seen}"
    );
    assert!(!seen.contains("moved:"), "{seen}");
    events.recv_timeout(WAIT).expect("reload event");
    let (status, _, body) = get(&format!("{url}guides/engineering-manager/"));
    assert_eq!(status, 200, "the alias page");
    assert!(!body.contains("careerbook-notice"), "{body}");
    assert!(!get(&format!("{url}guides/people-manager/"))
        .2
        .contains("careerbook-notice"));
}

#[test]
fn a_slug_edit_that_breaks_a_link_still_gets_the_alias_line() {
    let site = fixture("basic");
    let running = Running::start(&["watch"], site.path());
    wait_line(&running.stderr, |l| l.starts_with("watching "));
    // backend-engineer links to `guide: staff-engineer`: the rebuild fails,
    // and the hint is given all the same.
    edit(
        &site.path().join("guides/staff-engineer.md"),
        "title: Staff Engineer",
        "title: Staff Engineer\nslug: staff-plus",
    );
    let seen = wait_line(&running.stderr, is_summary);
    assert!(seen.contains("error[E0305]"), "{seen}");
    assert!(
        seen.contains(
            "moved: the slug of guides/staff-engineer.md changed: its page \
             /guides/staff-engineer/ is now /guides/staff-plus/."
        ),
        "{seen}"
    );
    assert!(
        seen.contains("      aliases: [\"/guides/staff-engineer/\"]\n"),
        "{seen}"
    );
    // Nothing more to say until something changes.
    assert!(running
        .stderr
        .recv_timeout(Duration::from_millis(300))
        .is_err());
}
