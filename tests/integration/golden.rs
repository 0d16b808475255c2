//! The built output of a fixture site, pinned: performance work and
//! refactoring must not change a single byte of what a build writes.
//!
//! When a change to the output is intended, regenerate the manifest with
//! `CAREERBOOK_BLESS=1 cargo test --test integration golden::` and review its diff.

use crate::common::*;

/// FNV-1a, 64 bits: enough to notice any change to a file.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[test]
fn a_full_build_of_the_fixture_site_is_byte_for_byte_unchanged() {
    let site = fixture("site");
    build_ok(site.path(), &["--base-url", "https://example.org/careers/"]);
    let manifest: String = tree(&site.path().join("output"))
        .iter()
        .map(|(path, bytes)| format!("{path} {} {:016x}\n", bytes.len(), fnv1a(bytes)))
        .collect();
    let golden = repo().join("tests/golden/site.manifest");
    if std::env::var_os("CAREERBOOK_BLESS").is_some() {
        std::fs::write(&golden, &manifest).expect("write manifest");
    }
    let want = read(&golden);
    let changed: Vec<String> = diff_lines(&want, &manifest);
    assert!(
        changed.is_empty(),
        "the build output changed:\n{}",
        changed.join("\n")
    );
}

fn diff_lines(want: &str, got: &str) -> Vec<String> {
    let w: std::collections::BTreeSet<&str> = want.lines().collect();
    let g: std::collections::BTreeSet<&str> = got.lines().collect();
    w.difference(&g)
        .map(|l| format!("- {l}"))
        .chain(g.difference(&w).map(|l| format!("+ {l}")))
        .collect()
}
