//! One policy for what every command prints on standard error: colour from
//! `--color`, `NO_COLOR` and `CLICOLOR_FORCE` (never on a pipe otherwise),
//! `--quiet` for errors only and `--verbose` for what was read and
//! written, with timings. Each test runs the binary with its output piped.

use crate::common::server::*;
use crate::common::*;
use std::path::Path;
use std::process::Output;

/// The fixture `basic` (warnings, no errors) plus a guide with an error.
fn site_with_an_error() -> tempfile::TempDir {
    let site = fixture("basic");
    std::fs::write(
        site.path().join("guides/bad.md"),
        "---\ntitle: ''\nsummary: s\nresponsibilities: [a]\nskills: [b]\n---\n",
    )
    .unwrap();
    site
}

/// `careerbook ARGS --root ROOT` with `env` set and `NO_COLOR` only where
/// `env` sets it.
fn run(root: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = command();
    cmd.env_remove("NO_COLOR").env_remove("CLICOLOR_FORCE");
    cmd.env_remove("CLICOLOR");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.args(args).arg("--root").arg(root).output().unwrap()
}

/// Text with ANSI escape sequences (`ESC [ … letter`) taken out.
fn plain(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn colour_follows_the_flag_then_the_environment_and_never_a_pipe_by_itself() {
    let site = site_with_an_error();
    let root = site.path();
    let check = |args: &[&str], env: &[(&str, &str)]| {
        let mut all = vec!["check"];
        all.extend_from_slice(args);
        let out = run(root, &all, env);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        stderr(&out)
    };
    let piped = check(&[], &[]);
    assert!(piped.contains("error[E0202]"), "{piped}");
    assert!(!piped.contains('\x1b'), "{piped:?}");

    let red_error = "\x1b[1m\x1b[31merror[E0202]\x1b[0m";
    for (args, env) in [
        (&["--color", "always"][..], &[("NO_COLOR", "1")][..]),
        (&[], &[("CLICOLOR_FORCE", "1")]),
        (&["--color", "auto"], &[("CLICOLOR_FORCE", "1")]),
    ] {
        let coloured = check(args, env);
        assert!(
            coloured.contains(red_error),
            "{args:?} {env:?}: {coloured:?}"
        );
        assert!(
            coloured.contains("\x1b[1m\x1b[33mwarning[W0501]\x1b[0m"),
            "{coloured:?}"
        );
        // The same words, only styled.
        assert_eq!(plain(&coloured), piped, "{args:?} {env:?}");
    }
    for (args, env) in [
        (&["--color", "never"][..], &[("CLICOLOR_FORCE", "1")][..]),
        (&[], &[("NO_COLOR", "1"), ("CLICOLOR_FORCE", "1")]),
        (&["--color", "auto"], &[]),
    ] {
        let out = check(args, env);
        assert!(!out.contains('\x1b'), "{args:?} {env:?}: {out:?}");
    }

    // The same for build, and for the messages of the development server.
    let out = run(root, &["build", "--color", "always"], &[]);
    let err = stderr(&out);
    assert!(err.contains(red_error), "{err:?}");
    assert!(
        err.contains("\x1b[1m\x1b[31mbuild failed:\x1b[0m"),
        "{err:?}"
    );
    std::fs::remove_file(root.join("guides/bad.md")).unwrap();
    let out = run(root, &["build", "--color=always"], &[]);
    assert!(
        stderr(&out).contains("\x1b[1m\x1b[32mbuilt\x1b[0m 3 guides"),
        "{:?}",
        stderr(&out)
    );
    let running = Running::start(&["watch", "--color", "always"], root);
    let seen = wait_line(&running.stderr, |l| l.contains("guides in "));
    assert!(
        seen.contains("\x1b[1m\x1b[32mbuilt\x1b[0m 3 guides in "),
        "{seen:?}"
    );
    assert!(seen.contains("\x1b[1m\x1b[33mwarning[W0501]"), "{seen:?}");
}

#[test]
fn quiet_prints_errors_only() {
    let site = fixture("basic");
    let root = site.path();
    // Warnings only: nothing at all.
    for args in [
        &["check", "-q"][..],
        &["build", "--quiet"],
        &["check", "--links", "-q"],
    ] {
        let out = run(root, args, &[]);
        assert!(out.status.success(), "{args:?}");
        assert_eq!(stderr(&out), "", "{args:?}");
    }
    // With an error: the error and the verdict, no warnings.
    let site = site_with_an_error();
    let out = run(site.path(), &["check", "-q"], &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.starts_with("error[E0202]: "), "{err}");
    assert!(!err.contains("warning["), "{err}");
    assert!(err.ends_with("\n1 error, 7 warnings in 5 files\n"), "{err}");
    let out = run(site.path(), &["build", "-q"], &[]);
    let err = stderr(&out);
    assert!(err.starts_with("error[E0202]: "), "{err}");
    assert!(!err.contains("warning["), "{err}");
    assert!(err.contains("\nbuild failed: 1 error, 7 warnings"), "{err}");
    // `--quiet` and `--verbose` together are a usage error.
    let out = run(root, &["check", "-q", "-v"], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("cannot be used with"),
        "{}",
        stderr(&out)
    );

    // watch: nothing until an error, then the error and the verdict.
    let site = fixture("basic");
    let root = site.path();
    let running = Running::start(&["watch", "-q"], root);
    let built = root.join("output/index.html");
    let deadline = std::time::Instant::now() + WAIT;
    while !built.is_file() {
        assert!(
            std::time::Instant::now() < deadline,
            "watch -q built nothing"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    edit(
        &root.join("guides/staff-engineer.md"),
        "summary: Technical leadership across teams.",
        "summary: [",
    );
    let seen = wait_line(&running.stderr, |l| l.starts_with("rebuild failed"));
    assert!(
        seen.starts_with(
            "error[E0003]: the list of `summary` opens with `[` but is never closed\n"
        ),
        "{seen}"
    );
    assert!(!seen.contains("warning["), "{seen}");
    assert!(
        !seen.contains("built") && !seen.contains("watching"),
        "{seen}"
    );

    let dir = tempfile::tempdir().unwrap();
    let out = command()
        .args(["init", "-q"])
        .arg(dir.path().join("new"))
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(stderr(&out), "");
}

#[test]
fn verbose_says_what_was_read_and_written_and_how_long_it_took() {
    let site = fixture("basic");
    let root = site.path();
    let out = run(root, &["build", "-v"], &[]);
    assert!(out.status.success());
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    for want in [
        "read site.yaml",
        "read guides/staff-engineer.md",
        "read guides/eng/backend-engineer.md",
    ] {
        assert!(lines.contains(&want), "{want}: {err}");
    }
    let out_dir = root.join("output");
    let staff = format!(
        "wrote {}",
        out_dir.join("guides/staff-engineer/index.html").display()
    );
    assert!(lines.contains(&staff.as_str()), "{staff}: {err}");
    let timed = |prefix: &str| {
        lines.iter().any(|l| {
            l.strip_prefix(prefix)
                .and_then(|rest| rest.strip_suffix(" ms"))
                .is_some_and(|n| n.parse::<u64>().is_ok())
        })
    };
    assert!(timed("read and checked 5 files in "), "{err}");
    let written = walkdir::WalkDir::new(&out_dir)
        .into_iter()
        .filter(|e| e.as_ref().is_ok_and(|e| e.file_type().is_file()))
        .count();
    // Every file of the output but the marker careerbook keeps there.
    let said = lines
        .iter()
        .find_map(|l| {
            let rest = l.strip_prefix("rendered and wrote ")?;
            let (n, time) = rest.split_once(" files in ")?;
            time.strip_suffix(" ms")?.parse::<u64>().ok()?;
            n.parse::<usize>().ok()
        })
        .unwrap_or_else(|| panic!("{err}"));
    assert!(said + 1 == written, "{said} of {written}: {err}");
    // Without -v, none of it.
    let err = stderr(&run(root, &["build"], &[]));
    assert!(!err.contains("read site.yaml"), "{err}");
    assert!(!err.contains("wrote "), "{err}");

    // watch: the files a rebuild read and the pages it wrote.
    let running = Running::start(&["watch", "-v"], root);
    wait_line(&running.stderr, |l| l.starts_with("watching "));
    edit(
        &root.join("guides/staff-engineer.md"),
        "Technical leadership across teams.",
        "Technical leadership.",
    );
    let seen = wait_line(&running.stderr, |l| l.starts_with("rebuilt in "));
    assert!(seen.contains("read guides/staff-engineer.md\n"), "{seen}");
    assert!(
        seen.contains("wrote guides/staff-engineer/index.html\n"),
        "{seen}"
    );
    // And where its time went: each stage, then the slowest units, of
    // which a summary edit renders the search index.
    let took = seen
        .lines()
        .find(|l| l.starts_with("took read "))
        .unwrap_or_else(|| panic!("{seen}"));
    for stage in [
        ", resolve ",
        ", check ",
        ", guide pages ",
        ", site-wide pages ",
        ", write ",
    ] {
        assert!(took.contains(stage), "{took}");
    }
    assert!(
        took.contains(" (slowest: ") && took.ends_with(" ms)"),
        "{took}"
    );
}
