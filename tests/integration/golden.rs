//! The built output of a fixture site, pinned: performance work and
//! refactoring must not change a single byte of what a build writes.
//!
//! `tests/fixtures/site` is built with `--base-url
//! https://example.org/careers/`, and every text file of the output is its
//! own insta snapshot, named after its path: `guides/data-analyst/index.html`
//! is `snapshots/integration__golden__guides__data-analyst__index.html.snap`.
//! A change fails with a diff of the files it touched, all of them in one
//! run. The `file-list` snapshot names every file with its size, so a file
//! added or gone fails too, and so does a change that insta's comparison
//! does not see (it ignores trailing whitespace at the end of a file; text
//! with `\r` is therefore pinned like a binary file). A file that is not
//! text is listed with its size and hash, without a snapshot of its own.
//! The files under `search-index/` (shards and records, many and small)
//! share one snapshot, `search-index`.
//!
//! Nothing is redacted: the build is deterministic. It reads no clock (the
//! dates in the feed and sitemap come from the guides' `updated` fields),
//! and no temporary path reaches the output.
//!
//! When a change to the output is intended, bless it and review the diff:
//! `cargo insta test --review` (or `cargo test`, then `cargo insta review`),
//! or without cargo-insta `INSTA_UPDATE=always cargo test --test integration
//! golden::` and `git diff tests/integration/snapshots/`. The snapshot of a
//! file the build no longer writes is deleted by hand (or with `cargo insta
//! test --unreferenced=delete`).

use crate::common::*;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// FNV-1a, 64 bits: enough to notice any change to a binary file.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// How a text file ends, when it is not the usual single `\n`: the part
/// insta's comparison ignores.
fn ending(text: &str) -> String {
    let tail = &text[text.trim_end().len()..];
    match tail {
        _ if text.is_empty() => String::new(),
        "\n" => String::new(),
        "" => ", no final newline".into(),
        _ => format!(", ends in {tail:?}"),
    }
}

/// Asserts one snapshot; a mismatch is printed and recorded in `failed`
/// instead of stopping the test, so one run shows every changed file.
fn snapshot(name: &str, contents: &str, failed: &mut Vec<String>) {
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        insta::with_settings!({
            description => "tests/fixtures/site built with --base-url https://example.org/careers/",
            omit_expression => true,
        }, {
            insta::assert_snapshot!(name, contents);
        });
    }));
    if outcome.is_err() {
        failed.push(name.to_string());
    }
}

#[test]
fn a_full_build_of_the_fixture_site_is_byte_for_byte_unchanged() {
    let site = fixture("site");
    build_ok(site.path(), &["--base-url", "https://example.org/careers/"]);
    let files = tree(&site.path().join("output"));
    assert!(files.len() > 30, "{} files", files.len());
    let mut list = String::new();
    let mut texts = Vec::new();
    for (path, bytes) in &files {
        match std::str::from_utf8(bytes) {
            Ok(text) if !text.contains('\r') => {
                list.push_str(&format!("{path}  {} bytes{}\n", bytes.len(), ending(text)));
                // An empty file is pinned by its size alone.
                if !text.is_empty() {
                    texts.push((path, text));
                }
            }
            _ => list.push_str(&format!(
                "{path}  {} bytes, not text, fnv1a {:016x}\n",
                bytes.len(),
                fnv1a(bytes)
            )),
        }
    }
    let mut failed = Vec::new();
    snapshot("file-list", &list, &mut failed);
    // The search index's many small shards and records: one snapshot.
    let mut search = String::new();
    for (path, text) in &texts {
        if path.starts_with("search-index/") {
            search.push_str(&format!("== {path}\n{text}\n"));
        }
    }
    snapshot("search-index", &search, &mut failed);
    for (path, text) in texts {
        if !path.starts_with("search-index/") {
            snapshot(path, text, &mut failed);
        }
    }
    assert!(
        failed.is_empty(),
        "the build output changed; see the diffs above for: {}",
        failed.join(", ")
    );
}
