//! The incremental engine against clean builds: after every change the
//! output folder must hold exactly what `build` writes for the same files.

use careerbook::build::{self, BuildOptions};
use careerbook::dev::incremental::{RebuildOutcome, SiteState, StateOptions};

use crate::common::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A site under edit, with its watch-mode state writing `<root>/output`.
struct Editing {
    site: tempfile::TempDir,
    state: SiteState,
    drafts: bool,
}

impl Editing {
    fn new(fixture_name: &str, drafts: bool) -> Editing {
        let site = fixture(fixture_name);
        let opts = StateOptions {
            build: BuildOptions {
                root: site.path().to_path_buf(),
                drafts,
                ..Default::default()
            },
            origin: None,
            write: true,
        };
        let (state, outcome) = SiteState::new(opts).expect("load");
        assert!(!outcome.failed, "{:?}", outcome.diagnostics);
        assert!(outcome.full);
        Editing {
            site,
            state,
            drafts,
        }
    }

    fn root(&self) -> &Path {
        self.site.path()
    }

    fn write(&self, rel: &str, text: &str) -> PathBuf {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, text).expect("write");
        path
    }

    fn text(&self, rel: &str) -> String {
        read(self.root().join(rel))
    }

    /// Applies a change; the diagnostics must be those of `check`.
    fn apply<P: AsRef<Path>>(&mut self, paths: &[P]) -> RebuildOutcome {
        let outcome = self.state.apply(paths).expect("apply");
        let checked = build::check(&BuildOptions {
            root: self.root().to_path_buf(),
            drafts: self.drafts,
            ..Default::default()
        })
        .expect("check");
        if checked.has_errors() {
            assert_eq!(*outcome.diagnostics, checked.diagnostics);
        } else {
            // Template errors come on top, from rendering.
            assert_eq!(
                outcome.diagnostics[..checked.diagnostics.len()],
                checked.diagnostics[..]
            );
        }
        outcome
    }

    /// Applies a change and checks the output against a clean build.
    fn apply_ok<P: AsRef<Path>>(&mut self, paths: &[P]) -> RebuildOutcome {
        let outcome = self.apply(paths);
        assert!(!outcome.failed, "{:#?}", outcome.diagnostics);
        self.assert_same_as_clean_build();
        outcome
    }

    fn assert_same_as_clean_build(&self) {
        let clean = tempfile::tempdir().expect("tempdir");
        let out = clean.path().join("out");
        build::build(&BuildOptions {
            root: self.root().to_path_buf(),
            output: Some(out.clone()),
            drafts: self.drafts,
            ..Default::default()
        })
        .expect("clean build");
        let expected = tree(&out);
        let got = tree(&self.root().join("output"));
        assert_same_tree(&got, &expected);
        let in_memory: BTreeMap<String, Vec<u8>> = self
            .state
            .pages()
            .iter()
            .map(|(p, b)| (p.clone(), b.to_vec()))
            .collect();
        let mut expected_pages = expected.clone();
        expected_pages.remove(".careerbook-output");
        assert_same_tree(&in_memory, &expected_pages);
    }
}

fn assert_same_tree(got: &BTreeMap<String, Vec<u8>>, expected: &BTreeMap<String, Vec<u8>>) {
    let got_paths: Vec<&String> = got.keys().collect();
    let expected_paths: Vec<&String> = expected.keys().collect();
    assert_eq!(got_paths, expected_paths, "different files");
    for (path, bytes) in expected {
        assert!(
            got[path] == *bytes,
            "{path} differs:\n--- incremental\n{}\n--- clean\n{}",
            String::from_utf8_lossy(&got[path]),
            String::from_utf8_lossy(bytes)
        );
    }
}

#[test]
fn edits_deletes_renames_and_template_changes_match_clean_builds() {
    let mut e = Editing::new("basic", false);
    e.assert_same_as_clean_build();

    // A body edit of a guide nobody links to by its changed parts renders
    // its own page and the pages whose links show it.
    let path = e.write(
        "guides/eng/backend-engineer.md",
        &e.text("guides/eng/backend-engineer.md")
            .replace("owns the server side", "owns the whole server side"),
    );
    let out = e.apply_ok(&[&path]);
    assert!(!out.full);
    assert_eq!(out.rendered, 1, "only the edited guide's page");
    assert!(out
        .written
        .contains(&"guides/backend-engineer/index.html".to_string()));
    assert!(!out
        .written
        .contains(&"guides/staff-engineer/index.html".to_string()));

    // Saving the same bytes again changes nothing.
    let out = e.apply_ok(&[path]);
    assert_eq!(out.rendered, 0);
    assert!(!out.changed(), "{:?}", out.written);

    // Renaming a title that another guide links to by title: the linking
    // pages lose the link, the renamed page changes.
    let em = e.write(
        "guides/engineering-manager.md",
        &e.text("guides/engineering-manager.md")
            .replace("title: Engineering Manager", "title: Engineering Lead"),
    );
    let out = e.apply_ok(&[em]);
    assert_eq!(out.rendered, 3, "manager, staff (links by title), backend");

    // A new guide that takes the old title over.
    let new = e.write(
        "guides/em2.md",
        "---\ntitle: Engineering Manager\nsummary: The new one.\nresponsibilities: [Lead.]\nskills: [People]\n---\n",
    );
    let out = e.apply_ok(&[&new]);
    assert!(out.written.contains(&"guides/em2/index.html".to_string()));

    // Renaming a file changes its slug: the old page goes away.
    let renamed = e.root().join("guides/em-two.md");
    std::fs::rename(&new, &renamed).expect("rename");
    let out = e.apply_ok(&[new, renamed.clone()]);
    assert!(out.removed.contains(&"guides/em2/index.html".to_string()));
    assert!(!e.root().join("output/guides/em2").exists());

    // Deleting a guide that others link to by slug is an error (E0305);
    // the output stays as it was. Restoring it recovers.
    let staff = e.root().join("guides/staff-engineer.md");
    let staff_text = e.text("guides/staff-engineer.md");
    let before = tree(&e.root().join("output"));
    std::fs::remove_file(&staff).expect("remove");
    let out = e.apply(&[&staff]);
    assert!(out.failed);
    assert!(out.diagnostics.iter().any(|d| d.code == "E0305"));
    assert_eq!(tree(&e.root().join("output")), before);
    e.write("guides/staff-engineer.md", &staff_text);
    e.apply_ok(&[&staff]);

    // An invalid edit keeps the last good site; the fix renders the edit
    // made to another file in the meantime too.
    let backend = e.root().join("guides/eng/backend-engineer.md");
    e.write(
        "guides/eng/backend-engineer.md",
        &e.text("guides/eng/backend-engineer.md")
            .replace("min: 48000", "min: [oops"),
    );
    let bad = e.apply(&[&backend]);
    assert!(bad.failed);
    assert!(bad.diagnostics.iter().any(|d| d.is_error()
        && d.file == Path::new("guides/eng/backend-engineer.md")
        && d.line > 0));
    assert!(!bad.changed());
    let solo = e.write(
        "guides/engineering-manager.md",
        &e.text("guides/engineering-manager.md")
            .replace("Leads a team", "Leads one team"),
    );
    assert!(e.apply(&[solo]).failed);
    e.write(
        "guides/eng/backend-engineer.md",
        &e.text("guides/eng/backend-engineer.md")
            .replace("min: [oops", "min: 48000"),
    );
    e.apply_ok(&[&backend]);
    assert!(read(
        e.root()
            .join("output/guides/engineering-manager/index.html")
    )
    .contains("Leads one team"));

    // Moving a guide into another folder (a folder rename) keeps its slug.
    let eng = e.root().join("guides/eng");
    let team = e.root().join("guides/team");
    std::fs::rename(&eng, &team).expect("rename dir");
    e.apply_ok(&[eng, team.clone()]);

    // Deleting a whole folder.
    std::fs::remove_dir_all(&team).expect("rm dir");
    let out = e.apply_ok(&[team]);
    assert!(out
        .removed
        .contains(&"guides/backend-engineer/index.html".to_string()));
    assert!(out.removed.contains(&"backend/index.html".to_string()));

    // Editing an unpublished draft changes no page.
    let draft = e.write(
        "guides/draft-role.md",
        &e.text("guides/draft-role.md")
            .replace("Not finished yet.", "Nearly there."),
    );
    let out = e.apply_ok(&[draft]);
    assert_eq!(out.rendered, 0);

    // Publishing a draft.
    let draft = e.write(
        "guides/draft-role.md",
        &e.text("guides/draft-role.md")
            .replace("draft: true", "draft: false"),
    );
    let out = e.apply_ok(&[draft]);
    assert!(out
        .written
        .contains(&"guides/draft-role/index.html".to_string()));

    // A static file of the theme: site pages only.
    let css = e.write("themes/default/static/style.css", "body { color: red }\n");
    let out = e.apply_ok(&[css]);
    assert!(!out.full);
    assert_eq!(out.rendered, 0);
    assert_eq!(out.written, vec!["style.css".to_string()]);

    // A template override re-renders everything.
    let tpl = e.write(
        "themes/default/templates/404.html",
        "{% extends \"base.html\" %}{% block content %}<h1>Gone</h1>{% endblock content %}",
    );
    let out = e.apply_ok(&[&tpl]);
    assert!(out.full);
    let guide_tpl = e.write(
        "themes/default/templates/guide.html",
        "{% extends \"base.html\" %}{% block content %}<h1>{{ guide.title }}</h1>{% endblock content %}",
    );
    let out = e.apply_ok(&[&guide_tpl]);
    assert!(out.full);
    assert!(out.rendered >= 4);

    // A broken template fails the rebuild; removing it recovers.
    std::fs::write(&guide_tpl, "{% block content %}").expect("write");
    let out = e.apply(&[&guide_tpl]);
    assert!(out.failed);
    assert!(out.diagnostics.iter().any(|d| d.code == "E0402"));
    std::fs::remove_file(&guide_tpl).expect("rm");
    e.apply_ok(&[guide_tpl]);

    // site.yaml: a new title everywhere, then a sub-path base URL.
    let cfg = e.write(
        "site.yaml",
        &e.text("site.yaml")
            .replace("Fixture Careers", "Renamed Careers"),
    );
    let out = e.apply_ok(&[&cfg]);
    assert!(out.full);
    let cfg = e.write(
        "site.yaml",
        &format!(
            "{}base_url: https://u.github.io/repo/\ncname: careers.example.com\n",
            e.text("site.yaml")
        ),
    );
    e.apply_ok(&[cfg]);

    // Paths outside the inputs are ignored; a rescan finds nothing new.
    let out = e.apply_ok(&[
        e.root().join("output/index.html"),
        e.root().join("notes.txt"),
    ]);
    assert!(!out.changed());
    let out = e.state.rescan().expect("rescan");
    assert!(!out.changed());
}

#[test]
fn files_added_without_events_are_found_by_a_rescan() {
    let mut e = Editing::new("minimal", false);
    e.write(
        "guides/other.md",
        "---\ntitle: Other\nsummary: Another.\nresponsibilities: [x]\nskills: [y]\n---\n",
    );
    let out = e.state.rescan().expect("rescan");
    assert!(out.written.contains(&"guides/other/index.html".to_string()));
    e.assert_same_as_clean_build();
}

#[test]
fn drafts_flag_renders_drafts_incrementally() {
    let mut e = Editing::new("basic", true);
    let draft = e.write(
        "guides/draft-role.md",
        &e.text("guides/draft-role.md")
            .replace("Not finished yet.", "Almost finished."),
    );
    let out = e.apply_ok(&[draft]);
    assert_eq!(out.rendered, 1);
    assert!(out
        .written
        .contains(&"guides/draft-role/index.html".to_string()));
    assert!(e
        .text("output/guides/draft-role/index.html")
        .contains("Almost finished."));
}

#[test]
fn a_site_that_starts_invalid_builds_once_fixed() {
    let site = fixture("minimal");
    let guide = site.path().join("guides/solo.md");
    let good = read(&guide);
    std::fs::write(&guide, good.replace("title: Solo Role", "title: [")).expect("write");
    let opts = StateOptions {
        build: BuildOptions {
            root: site.path().to_path_buf(),
            ..Default::default()
        },
        origin: None,
        write: true,
    };
    let (mut state, outcome) = SiteState::new(opts).expect("load");
    assert!(outcome.failed);
    assert!(
        outcome
            .diagnostics
            .iter()
            // The line of the `[` that is never closed.
            .any(|d| d.is_error() && d.file == Path::new("guides/solo.md") && d.line == 2),
        "{:#?}",
        outcome.diagnostics
    );
    assert!(state.pages().is_empty());
    assert!(!site.path().join("output").exists());
    assert!(state.source(Path::new("guides/solo.md")).is_some());
    std::fs::write(&guide, good).expect("write");
    let outcome = state.apply(&[guide]).expect("apply");
    assert!(!outcome.failed);
    assert!(outcome.full);
    let page = read(site.path().join("output/guides/solo/index.html"));
    assert!(page.contains("<h1>Solo Role</h1>"), "{page}");
}

#[test]
fn serve_mode_builds_for_the_local_origin_in_memory() {
    let site = fixture("basic");
    std::fs::write(
        site.path().join("site.yaml"),
        "title: T\nbase_url: https://u.github.io/repo/\n",
    )
    .expect("write");
    let opts = StateOptions {
        build: BuildOptions {
            root: site.path().to_path_buf(),
            ..Default::default()
        },
        origin: Some("http://127.0.0.1:4000".into()),
        write: false,
    };
    let (state, outcome) = SiteState::new(opts).expect("load");
    assert!(!outcome.failed);
    assert_eq!(state.base().path, "/repo/");
    let index = String::from_utf8_lossy(&state.pages()["index.html"]).into_owned();
    assert!(
        index.contains("href=\"http://127.0.0.1:4000/repo/\""),
        "canonical link points at the local server"
    );
    assert!(!site.path().join("output").exists(), "serve writes nothing");
}

/// Employer, sector, tag and family pages get slugs from the names across
/// the whole site, with `-2` for collisions; a name added to one guide can
/// move the slug another guide's page links to.
#[test]
fn a_new_name_that_moves_another_guides_term_slug_matches_a_clean_build() {
    let mut e = Editing::new("basic", false);
    let staff = e.text("guides/staff-engineer.md");
    let p = e.write(
        "guides/staff-engineer.md",
        &staff.replace(
            "skills: [Writing design documents]",
            "skills: [Writing design documents]\nhiring:\n  employers: [\"C++ Labs\"]\ntags: [c]",
        ),
    );
    e.apply_ok(&[p]);
    let before = e.text("output/guides/staff-engineer/index.html");
    assert!(before.contains("/employers/c-labs/"), "{before}");
    let manager = e.text("guides/engineering-manager.md");
    // "C Labs" folds to the same slug and sorts first, so "C++ Labs" moves to `c-labs-2`.
    let p = e.write(
        "guides/engineering-manager.md",
        &manager.replace(
            "skills: [Coaching]",
            "skills: [Coaching]\nhiring:\n  employers: [C Labs]",
        ),
    );
    e.apply_ok(&[p]);
    let after = e.text("output/guides/staff-engineer/index.html");
    assert!(after.contains("/employers/c-labs-2/"), "{after}");
}

/// A guide page's URL can pass to an alias page and back in one edit: a
/// guide renamed with an alias at its old URL keeps that URL written, and
/// dropping the alias hands the URL back to the guide.
#[test]
fn a_guide_url_passes_to_an_alias_and_back() {
    let mut e = Editing::new("basic", false);
    let manager = e.text("guides/engineering-manager.md");
    let old_url = "guides/engineering-manager/index.html".to_string();
    let p = e.write(
        "guides/engineering-manager.md",
        &manager.replace(
            "title: Engineering Manager",
            "title: Engineering Manager\nslug: em-new\naliases: [/guides/engineering-manager/]",
        ),
    );
    let out = e.apply_ok(&[&p]);
    assert!(!out.removed.contains(&old_url), "{:?}", out.removed);
    assert!(e
        .text("output/guides/engineering-manager/index.html")
        .contains("/guides/em-new/"));
    e.write("guides/engineering-manager.md", &manager);
    let out = e.apply_ok(&[&p]);
    assert!(!out.removed.contains(&old_url), "{:?}", out.removed);
    assert!(out
        .removed
        .contains(&"guides/em-new/index.html".to_string()));
}

/// A changed copy of one front matter line: its value edited so that the
/// guide most likely stays valid (a number grows, a date moves, a word is
/// added), or `None` for lines without a scalar value.
fn mutate_line(line: &str) -> Option<String> {
    let trimmed = line.trim_start();
    if trimmed == "---" || trimmed.starts_with('#') {
        return None;
    }
    let at = match (line.find(": "), line.find("- ")) {
        (Some(c), _) => c + 2,
        (None, Some(d)) if line[..d].trim().is_empty() => d + 2,
        _ => return None,
    };
    let (key, rest) = line.split_at(at);
    // A trailing comment stays as it is.
    let (value, comment) = rest.split_at(rest.find(" #").unwrap_or(rest.len()));
    let value = value.trim_end();
    let new = if value.is_empty() {
        return None;
    } else if let Some(rest) = value.strip_prefix("[/") {
        format!("[/zed/{rest}")
    } else if let Some(rest) = value.strip_prefix('[') {
        format!("[Zed {rest}")
    } else if let Ok(n) = value.parse::<i64>() {
        (n + 1).to_string()
    } else if value.len() == 10 && value.as_bytes()[4] == b'-' && value.as_bytes()[7] == b'-' {
        let day = if value.ends_with("02") { "03" } else { "02" };
        format!("{}{day}", &value[..8])
    } else if value == "true" || value == "false" {
        (value == "false").to_string()
    } else if let Some(inner) = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
        format!("\"{inner}9\"")
    } else {
        format!("{value} Zed")
    };
    Some(format!("{key}{new}{comment}"))
}

/// Every value of every front matter field, changed one after another:
/// after each change the output equals a clean build. Site-wide pages are
/// re-rendered only when a field they show changes, so a field missing from
/// that list shows up here as a difference.
fn edit_every_field(fixture_name: &str, rel: &str) {
    let mut ed = Editing::new(fixture_name, false);
    let mut current = ed.text(rel);
    let fence = current
        .match_indices("\n---")
        .next()
        .expect("front matter")
        .0;
    let lines = current[..fence].lines().count();
    let (mut valid, mut tried) = (0, 0);
    let mut written = std::collections::BTreeSet::new();
    for n in 0..lines {
        let Some(edited) = current.lines().nth(n).and_then(mutate_line) else {
            continue;
        };
        tried += 1;
        let text: String = current
            .lines()
            .enumerate()
            .map(|(i, l)| if i == n { edited.as_str() } else { l })
            .flat_map(|l| [l, "\n"])
            .collect();
        let path = ed.write(rel, &text);
        let outcome = ed.apply(&[&path]);
        if outcome.failed {
            // Not every change keeps the guide valid (an enum value, a
            // minimum above its maximum); put the line back.
            let path = ed.write(rel, &current);
            assert!(!ed.apply(&[&path]).failed);
            continue;
        }
        ed.assert_same_as_clean_build();
        written.extend(outcome.written);
        current = text;
        valid += 1;
    }
    assert!(
        valid * 3 >= tried * 2,
        "only {valid} of {tried} edits kept the guide valid"
    );
    for page in [
        "index.html",
        "search/index.html",
        "feed.xml",
        "sitemap.xml",
        "api/guides.json",
        "api/skills.json",
        "search-index.json",
        "salaries/index.html",
        "paths/index.html",
    ] {
        assert!(written.contains(page), "no edit changed {page}");
    }
    assert!(written.iter().any(|p| p.starts_with("employers/")));
    assert!(written.iter().any(|p| p.starts_with("search-index/w/")));
    assert!(written.iter().any(|p| p.starts_with("search-index/r/")));
}

#[test]
fn every_field_edit_of_a_guide_matches_a_clean_build() {
    edit_every_field("site", "guides/data-analyst.md");
}

#[test]
fn every_field_edit_of_the_full_guide_matches_a_clean_build() {
    edit_every_field(
        "full",
        "guides/technical-program-manager-engineering-platforms.md",
    );
}

/// `max_guide_kib` decides which guides are read at all: lowering it under a
/// guide's size while watching refuses that guide exactly as `build` does,
/// and raising it again brings the guide back.
#[test]
fn a_changed_guide_size_limit_reads_every_guide_again() {
    let mut e = Editing::new("basic", false);
    let backend = e.root().join("guides/eng/backend-engineer.md");
    let size = std::fs::metadata(&backend).expect("stat").len();
    let staff = e.text("guides/staff-engineer.md");
    // Over 1 KiB on its own.
    let long = e.write(
        "guides/staff-engineer.md",
        &format!("{staff}\n{}\n", "Design reviews. ".repeat(100)),
    );
    e.apply_ok(&[long]);
    assert!(size < 1024, "the other guides stay under the limit");
    let config = e.text("site.yaml");
    let cfg = e.write("site.yaml", &format!("{config}max_guide_kib: 1\n"));
    // `apply` checks the diagnostics against `build::check`'s.
    let out = e.apply(&[&cfg]);
    assert!(out.failed, "{:#?}", out.diagnostics);
    let refused: Vec<_> = out
        .diagnostics
        .iter()
        .filter(|d| d.code == "E0005")
        .map(|d| d.file.clone())
        .collect();
    assert_eq!(refused, [PathBuf::from("guides/staff-engineer.md")]);
    let built = careerbook(&["build", "--root", e.root().to_str().expect("utf-8")]);
    assert!(!built.status.success());
    assert!(
        stderr(&built).contains("guides/staff-engineer.md") && stderr(&built).contains("E0005"),
        "{}",
        stderr(&built)
    );

    // Raised again: the guide is read again and the site builds.
    let cfg = e.write("site.yaml", &format!("{config}max_guide_kib: 64\n"));
    let out = e.apply_ok(&[&cfg]);
    assert!(out.full);
    e.write("site.yaml", &config);
    e.apply_ok(&[&cfg]);
}

/// Every file under `dir` whose name marks it as a scratch file of `watch`:
/// a new version (`.x.careerbook-tmp`) or a previous one (`.x.careerbook-old`).
fn scratch_files(dir: &Path) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.path().display().to_string())
        .filter(|p| p.ends_with(".careerbook-tmp") || p.ends_with(".careerbook-old"))
        .collect()
}

/// A rebuild whose write fails half way (a full disk, here a folder where a
/// new page must go, which stops the rename even for root) leaves the output
/// exactly as the last good rebuild wrote it, with no scratch files; the
/// next good rebuild writes everything changed since then.
#[test]
fn a_write_that_fails_mid_rebuild_leaves_the_previous_output_whole() {
    let mut e = Editing::new("basic", false);
    let out = e.root().join("output");
    let before = tree(&out);
    // The new guide's page sorts after pages the change rewrites first
    // (`api/guides.json`, `feed.xml`, the other guide pages).
    let blocker = out.join("guides/new-role/index.html");
    std::fs::create_dir_all(&blocker).expect("mkdir");
    let new = e.write(
        "guides/new-role.md",
        "---\ntitle: New Role\nsummary: Fresh.\nresponsibilities: [a]\nskills: [b]\n---\n",
    );
    let err = e.state.apply(&[&new]).expect_err("the write fails");
    assert!(
        format!("{err:#}").contains("guides/new-role/index.html"),
        "{err:#}"
    );
    std::fs::remove_dir(&blocker).expect("rmdir");
    assert_same_tree(&tree(&out), &before);
    assert_eq!(scratch_files(&out), Vec::<String>::new());

    // A later change writes its own pages and those of the failed rebuild.
    let em = e.write(
        "guides/engineering-manager.md",
        &e.text("guides/engineering-manager.md")
            .replace("Leads a team", "Leads one team"),
    );
    let outcome = e.apply_ok(&[em]);
    assert!(!outcome.full);
    assert!(read(out.join("guides/new-role/index.html")).contains("New Role"));
    assert_eq!(scratch_files(&out), Vec::<String>::new());
}

/// A guide that is a symbolic link to a file elsewhere in the site: the
/// state names that file among its linked targets, and a change reported
/// for it re-reads the guide.
#[cfg(unix)]
#[test]
fn an_edit_of_a_symlinked_guides_target_reads_the_guide_again() {
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
    let mut e = Editing {
        state: SiteState::new(StateOptions {
            build: BuildOptions {
                root: root.to_path_buf(),
                ..Default::default()
            },
            origin: None,
            write: true,
        })
        .expect("load")
        .0,
        site,
        drafts: false,
    };
    let real = std::fs::canonicalize(&target).expect("canonical");
    let targets: Vec<&Path> = e.state.linked_targets().collect();
    assert_eq!(targets, [real.as_path()]);
    e.write(
        "notes/shared-role.md",
        &e.text("notes/shared-role.md")
            .replace("First version.", "Second version."),
    );
    let out = e.apply_ok(&[&real]);
    assert!(out
        .written
        .contains(&"guides/shared-role/index.html".to_string()));
    assert!(e
        .text("output/guides/shared-role/index.html")
        .contains("Second version."));
}

#[test]
fn a_changed_salary_figure_rebuilds_the_salary_pages_as_a_clean_build_does() {
    let mut e = Editing::new("salaries", false);
    // One figure: the overview, the family page and the guide's chart.
    let path = e.write(
        "guides/staff-engineer.md",
        &e.text("guides/staff-engineer.md")
            .replace("max: 280000", "max: 290000"),
    );
    let out = e.apply_ok(&[&path]);
    assert!(!out.full);
    for page in [
        "salaries/index.html",
        "salaries/software-engineering/index.html",
        "guides/staff-engineer/index.html",
    ] {
        assert!(
            out.written.contains(&page.to_string()),
            "{page}: {:?}",
            out.written
        );
    }
    assert!(e
        .text("output/salaries/software-engineering/index.html")
        .contains("$215k–$290k"));
    // A basis changes group; a family's last salary goes, and its page too.
    let path = e.write(
        "guides/backend-engineer.md",
        &e.text("guides/backend-engineer.md")
            .replace("basis: total", "basis: base"),
    );
    e.apply_ok(&[&path]);
    let text = e.text("guides/data-analyst.md");
    let cut = text.find("salary:").expect("salary");
    let path = e.write("guides/data-analyst.md", &format!("{}---\n", &text[..cut]));
    e.apply_ok(&[&path]);
    assert!(!e.root().join("output/salaries/data/index.html").exists());
    // site.yaml's levels reorder every salary page.
    let path = e.write(
        "site.yaml",
        "title: Salary fixture\nlevels: [Principal, Staff]\n",
    );
    e.apply_ok(&[&path]);
}

/// A family's salary pages each show the family's summary by level and
/// a page of its roles: a figure that leaves the summary as it was
/// rewrites only the page listing its guide; one that moves the summary,
/// every page of the family.
#[test]
fn a_salary_figure_that_keeps_the_family_summary_rewrites_only_its_page() {
    let mut e = Editing::new("salaries", false);
    let model = e.text("guides/staff-engineer.md");
    // 150 roles like the staff engineer: the family takes two pages.
    let added: Vec<PathBuf> = (0..150)
        .map(|n| {
            let text = model.replacen(
                "title: Staff Engineer",
                &format!("title: Role {n:03}\nslug: role-{n:03}"),
                1,
            );
            e.write(&format!("guides/role-{n:03}.md"), &text)
        })
        .collect();
    e.apply_ok(&added);
    let unit = "SalaryFamily(\"software-engineering\")";
    let units = |out: &RebuildOutcome| -> Vec<String> {
        out.timings
            .unit_times
            .iter()
            .map(|(u, _)| u.clone())
            .collect()
    };
    let salary_pages = |out: &RebuildOutcome| -> Vec<String> {
        out.written
            .iter()
            .filter(|p| p.starts_with("salaries/software-engineering/"))
            .cloned()
            .collect()
    };
    // Role 140 is on the second page; one of 152 Senior maxima of 240000
    // lowered moves no lowest, highest or median.
    let rel = "guides/role-140.md";
    let text = e.text(rel);
    let path = e.write(rel, &text.replacen("max: 240000", "max: 239000", 1));
    let out = e.apply_ok(&[&path]);
    assert!(
        units(&out).contains(&format!("{unit} (in part)")),
        "{:?}",
        units(&out)
    );
    assert_eq!(
        salary_pages(&out),
        ["salaries/software-engineering/page/2/index.html"]
    );
    assert!(e
        .text("output/salaries/software-engineering/page/2/index.html")
        .contains("$190k–$239k"));
    // A new highest Senior maximum: the summary on both pages.
    let path = e.write(rel, &text.replacen("max: 240000", "max: 250000", 1));
    let out = e.apply_ok(&[&path]);
    assert!(units(&out).contains(&unit.to_string()), "{:?}", units(&out));
    assert_eq!(
        salary_pages(&out),
        [
            "salaries/software-engineering/index.html",
            "salaries/software-engineering/page/2/index.html"
        ]
    );
    // A retitled role may change pages: the family is rendered whole.
    let path = e.write(
        rel,
        &text.replacen("max: 240000", "max: 250000", 1).replacen(
            "title: Role 140",
            "title: A Role 140",
            1,
        ),
    );
    let out = e.apply_ok(&[&path]);
    assert!(units(&out).contains(&unit.to_string()), "{:?}", units(&out));
}

/// The self-assessment's step files each hold the next steps of 64
/// guides: an edit of one guide's next steps renders the page and its data
/// and only the step file holding that guide, and a guide that comes
/// renders them all (the guides after it move to other files).
#[test]
fn a_next_steps_edit_renders_only_the_assessment_step_file_holding_it() {
    let mut e = Editing::new("career", false);
    let model = e.text("guides/data-scientist.md");
    // 140 guides: three step files.
    let added: Vec<PathBuf> = (0..135)
        .map(|n| {
            let text = model.replacen(
                "title: Data Scientist",
                &format!("title: Role {n:03}\nslug: role-{n:03}"),
                1,
            );
            e.write(&format!("guides/role-{n:03}.md"), &text)
        })
        .collect();
    e.apply_ok(&added);
    let steps = |e: &Editing| -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(e.root().join("output/assess"))
            .expect("assess folder")
            .map(|d| d.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("steps-"))
            .collect();
        v.sort();
        v
    };
    assert_eq!(steps(&e), ["steps-0.js", "steps-1.js", "steps-2.js"]);
    let units = |out: &RebuildOutcome| -> Vec<String> {
        out.timings
            .unit_times
            .iter()
            .map(|(u, _)| u.clone())
            .collect()
    };
    let rel = "guides/role-100.md";
    let text = e.text(rel);
    let path = e.write(
        rel,
        &text.replacen("Learn experiment design.", "Learn causal *inference*.", 1),
    );
    let out = e.apply_ok(&[&path]);
    assert!(
        units(&out).contains(&"Assess (in part)".to_string()),
        "{:?}",
        units(&out)
    );
    let written: Vec<&String> = out
        .written
        .iter()
        .filter(|p| p.starts_with("assess/"))
        .collect();
    assert_eq!(written.len(), 1, "{written:?}");
    assert!(
        e.text(&format!("output/{}", written[0]))
            .contains("Learn causal <em>inference</em>."),
        "{}",
        written[0]
    );
    e.assert_same_as_clean_build();
    // A title: the data names every guide by title.
    let path = e.write(
        rel,
        &text.replacen("title: Role 100", "title: Role One Hundred", 1),
    );
    let out = e.apply_ok(&[&path]);
    assert!(
        out.written.iter().any(|p| p == "assess/data.js"),
        "{:?}",
        out.written
    );
    assert!(e
        .text("output/assess/data.js")
        .contains("\"Role One Hundred\""));
    e.assert_same_as_clean_build();
    // A guide that comes first shifts every guide's steps along.
    let path = e.write(
        "guides/aaa-first.md",
        &model.replacen("title: Data Scientist", "title: First\nslug: aaa-first", 1),
    );
    let out = e.apply_ok(&[&path]);
    assert!(
        units(&out).contains(&"Assess".to_string()),
        "{:?}",
        units(&out)
    );
    e.assert_same_as_clean_build();
}

/// A guide page's neighbourhood map shows roles two moves away, so a
/// progression edit changes the pages of guides that do not link to the
/// edited one: the rebuild must render them again.
#[test]
fn a_changed_progression_link_redraws_the_maps_two_steps_away() {
    let mut e = Editing::new("basic", false);
    let page = |title: &str, leads: &str| {
        format!(
            "---\ntitle: {title}\nfamily: Chain\nsummary: A role.\nresponsibilities: [Work.]\nskills: [Skill]\nprogression:\n  leads_to: [{leads}]\n---\n"
        )
    };
    let a = e.write("guides/chain-a.md", &page("Chain A", "Chain B"));
    let b = e.write("guides/chain-b.md", &page("Chain B", "Chain C"));
    let c = e.write("guides/chain-c.md", &page("Chain C", ""));
    e.apply_ok(&[a.clone(), b, c]);
    // The map alone: the page names Chain A elsewhere too (a similar role).
    let map = |page: String| -> String {
        let start = page.find("near-map").expect("map");
        let end = start + page[start..].find("</div>").expect("end");
        page[start..end].to_string()
    };
    let before = map(e.text("output/guides/chain-c/index.html"));
    assert!(before.contains("Chain A"), "two steps back from C");
    // A now leads to the Staff Engineer instead: C's map loses A, though
    // neither A's old nor its new target is C.
    let a = e.write("guides/chain-a.md", &page("Chain A", "Staff Engineer"));
    e.apply_ok(&[a]);
    let after = map(e.text("output/guides/chain-c/index.html"));
    assert!(!after.contains("Chain A"), "{after}");
    let staff = e.text("output/guides/staff-engineer/index.html");
    assert!(staff.contains("Chain A"));
}

/// A title shows on the neighbourhood maps of the guides two moves away,
/// which link to the renamed guide by slug through another guide: only maps
/// near a guide whose links changed are drawn again, and these are.
#[test]
fn a_changed_title_redraws_the_maps_two_steps_away() {
    let mut e = Editing::new("basic", false);
    let page = |slug: &str, title: &str, next: &str| {
        let leads = if next.is_empty() {
            String::new()
        } else {
            format!("{{title: Next, guide: {next}}}")
        };
        format!(
            "---\ntitle: {title}\nslug: {slug}\nfamily: Chain\nsummary: A role.\nresponsibilities: [Work.]\nskills: [Skill]\nprogression:\n  leads_to: [{leads}]\n---\n"
        )
    };
    let a = e.write("guides/chain-a.md", &page("chain-a", "Chain A", "chain-b"));
    let b = e.write("guides/chain-b.md", &page("chain-b", "Chain B", "chain-c"));
    let c = e.write("guides/chain-c.md", &page("chain-c", "Chain C", "chain-d"));
    let d = e.write("guides/chain-d.md", &page("chain-d", "Chain D", ""));
    // A guide of another family leading to C: its family's map lists C's
    // title.
    let x = e.write(
        "guides/other-x.md",
        &page("other-x", "Other X", "chain-c").replace("family: Chain", "family: Other"),
    );
    e.apply_ok(&[a, b, c, d, x]);
    assert!(e
        .text("output/guides/chain-a/index.html")
        .contains("Chain C"));
    // A links to B by slug and B to C: neither A's nor B's links change.
    let c = e.write(
        "guides/chain-c.md",
        &page("chain-c", "Chain Third", "chain-d"),
    );
    e.apply_ok(&[c]);
    let a = e.text("output/guides/chain-a/index.html");
    assert!(a.contains("Chain Third") && !a.contains("Chain C"), "{a}");
    let other = e.text("output/paths/other/index.html");
    assert!(other.contains("Chain Third"), "{other}");
}

/// With two entries a page, edits that move a guide to another page, add a
/// guide (a new last page) and remove it again (the last page goes) leave
/// the output as a clean build writes it.
#[test]
fn edits_that_shift_pages_match_clean_builds() {
    let mut e = Editing::new("basic", false);
    let guide = |title: &str, updated: &str| {
        format!(
            "---\ntitle: {title}\nfamily: Engineering\ntags: [paged]\nsummary: About {title}.\n\
             responsibilities: [Work.]\nskills: [Care]\nupdated: {updated}\n---\nBody.\n"
        )
    };
    let mut paths = vec![e.write("site.yaml", &(e.text("site.yaml") + "paginate: 2\n"))];
    for i in 0..5 {
        let text = guide(&format!("Paged {i}"), &format!("2026-02-0{}", i + 1));
        paths.push(e.write(&format!("guides/p{i}.md"), &text));
    }
    e.apply_ok(&paths);
    let out = e.root().join("output");
    // 3 published guides of the fixture and 5 new ones: 4 search pages.
    assert!(out.join("search/page/4/index.html").is_file());
    assert!(!out.join("search/page/5").exists());

    // A new title moves a guide from the first page of its lists to the
    // last; a newer date moves it to the top of its family on the home
    // page.
    let p0 = e.write("guides/p0.md", &guide("Zed Paged", "2026-02-01"));
    e.apply_ok(&[p0]);
    let last = read(out.join("tags/paged/page/3/index.html"));
    assert!(last.contains("Zed Paged"), "{last}");
    let p1 = e.write("guides/p1.md", &guide("Paged 1", "2026-03-01"));
    e.apply_ok(&[p1]);

    // Lists that keep their guides render only the pages an edit changes:
    // a new summary on a middle page, a title that keeps its place, two
    // guides trading titles in one save, and one moving back two places.
    let p2 = e.write(
        "guides/p2.md",
        &guide("Paged 2", "2026-02-03").replace("About Paged 2.", "Newly summed up."),
    );
    let out_of = e.apply_ok(&[p2]);
    assert!(
        out_of.written.iter().any(|p| p == "tags/paged/index.html"),
        "{:?}",
        out_of.written
    );
    let p3 = e.write("guides/p3.md", &guide("Paged 3b", "2026-02-04"));
    e.apply_ok(&[p3]);
    let p2 = e.write("guides/p2.md", &guide("Paged 3b", "2026-02-03"));
    let p3 = e.write("guides/p3.md", &guide("Paged 2", "2026-02-04"));
    e.apply_ok(&[p2, p3]);
    let p4 = e.write("guides/p4.md", &guide("Paged 1b", "2026-02-05"));
    e.apply_ok(&[p4]);

    // A ninth guide needs a fifth search page, and takes it away again.
    let p9 = e.write("guides/p9.md", &guide("Paged 9", "2026-01-01"));
    e.apply_ok(&[&p9]);
    assert!(out.join("search/page/5/index.html").is_file());
    std::fs::remove_file(&p9).unwrap();
    e.apply_ok(&[&p9]);
    assert!(!out.join("search/page/5").exists());
    assert!(!e.state.pages().contains_key("search/page/5/index.html"));

    // Fewer entries a page: every list gets longer.
    let yaml = e.write(
        "site.yaml",
        &e.text("site.yaml").replace("paginate: 2", "paginate: 1"),
    );
    e.apply_ok(&[yaml]);
    assert!(out.join("search/page/8/index.html").is_file());
}

/// A guide the schema walk refuses is still checked by the rules in watch
/// mode, as `check` does (`apply` compares the two), and is never
/// published; a guide file that does not parse at all keeps the others
/// from being told nobody links to them.
#[test]
fn refused_and_broken_guides_are_checked_as_check_does() {
    let mut e = Editing::new("basic", false);
    let refused = e.write(
        "guides/refused.md",
        "---\ntitle: Refused\nsummary: s\nresponsibilities: [r]\nskills: [s]\ndraft: maybe\n\
         salary:\n  currency: USD\n  period: year\n  ranges:\n    - {level: A, min: 9, max: 3}\n\
         progression:\n  leads_to:\n    - {title: Staff, guide: staff-engineer}\n---\n",
    );
    let out = e.apply(&[&refused]);
    assert!(out.failed);
    let codes: Vec<&str> = out
        .diagnostics
        .iter()
        .filter(|d| d.file == Path::new("guides/refused.md"))
        .map(|d| d.code.id)
        .collect();
    assert_eq!(
        codes,
        ["W0501", "W0503", "E0103", "E0205"],
        "{:#?}",
        out.diagnostics
    );
    let w0503 = |out: &careerbook::dev::incremental::RebuildOutcome| {
        out.diagnostics
            .iter()
            .filter(|d| d.code.id == "W0503")
            .count()
    };
    assert!(w0503(&out) > 0);
    // Now the file does not parse: nobody is told they have no links.
    let broken = e.write("guides/refused.md", "---\ntitle: [\n---\n");
    let out = e.apply(&[&broken]);
    assert_eq!(w0503(&out), 0, "{:#?}", out.diagnostics);
    std::fs::remove_file(&broken).unwrap();
    let out = e.apply_ok(&[&broken]);
    assert!(w0503(&out) > 0);
}

/// Skills and moves join guides: an edit of one guide's skills changes the
/// transition pages, skill pages and other guides' similar roles and routes
/// exactly as a clean build does.
#[test]
fn edits_of_skills_and_moves_match_clean_builds() {
    let mut e = Editing::new("career", false);
    let rel = "guides/data-scientist.md";
    let original = e.text(rel);
    for (from, to) in [
        ("  - sql\n", "  - Structured Query Language\n"),
        ("  - Python\n", "  - Python\n  - Excel\n"),
        ("    - Kubernetes\n", "    - K8s\n"),
        (
            "    - guide: ml-engineer\n      title: Machine Learning Engineer\n",
            "    - Product Manager\n",
        ),
        ("title: Data Scientist\n", "title: Data Scientist II\n"),
        // Python keeps its page (two other guides list it), which must no
        // longer list this guide.
        ("  - Python\n", ""),
    ] {
        let text = e.text(rel);
        assert!(text.contains(from), "{from}");
        let path = e.write(rel, &text.replacen(from, to, 1));
        e.apply_ok(&[path]);
    }
    let path = e.write(rel, &original);
    e.apply_ok(&[path]);
    let analyst = e.text("guides/data-analyst.md");
    let path = e.write(
        "guides/data-analyst.md",
        &analyst.replacen("  - Excel\n", "  - Excel\n  - Experiment design\n", 1),
    );
    e.apply_ok(&[path]);
    // A skills.yaml comes, merges two spellings, changes and goes.
    let catalog = "skills:\n  - name: Machine Learning\n    aliases: [Experiment design]\n";
    let path = e.write("skills.yaml", catalog);
    e.apply_ok(&[&path]);
    assert!(e
        .text("output/skills/machine-learning/index.html")
        .contains("data-analyst"));
    let path = e.write("skills.yaml", "skills:\n  - name: Excel\n");
    e.apply_ok(&[&path]);
    std::fs::remove_file(&path).expect("remove");
    e.apply_ok(&[&path]);
}

#[test]
fn a_changed_translation_file_rerenders_what_shows_its_words() {
    let mut e = Editing::new("site", false);
    // The site's own words for its language, in its theme folder.
    let file = e.write(
        "themes/default/i18n/en.yaml",
        "guide:\n  skills: What you need\n",
    );
    let out = e.apply_ok(&[&file]);
    assert!(out.full);
    assert!(e
        .text("output/guides/data-analyst/index.html")
        .contains(">What you need</h2>"));
    // A language the built-in theme lacks: each missing key is a warning,
    // as `check` gives it, and the English text is shown.
    let yaml = e.root().join("site.yaml");
    let text = read(&yaml).replace("language: en", "language: nl");
    std::fs::write(&yaml, text).unwrap();
    e.write(
        "themes/default/i18n/nl.yaml",
        "guide:\n  skills: Wat je nodig hebt\n",
    );
    let out = e.apply_ok(&[yaml.clone(), e.root().join("themes/default/i18n/nl.yaml")]);
    assert!(out
        .diagnostics
        .iter()
        .any(|d| d.code.id == "W0405" && d.field == "nav.paths"));
    assert!(e
        .text("output/guides/data-analyst/index.html")
        .contains(">Wat je nodig hebt</h2>"));
    let nl = e.write(
        "themes/default/i18n/nl.yaml",
        "guide:\n  skills: Vaardigheden\n",
    );
    e.apply_ok(&[&nl]);
    assert!(e
        .text("output/guides/data-analyst/index.html")
        .contains(">Vaardigheden</h2>"));
}

#[test]
fn a_guide_moving_between_existing_families_and_tags_matches_a_clean_build() {
    // Every family and tag page stays, so the site-wide pages are not all
    // rendered again: those showing the guide's family or tags must be.
    let mut e = Editing::new("career", false);
    let rel = "guides/data-scientist.md";
    let text = e.text(rel);
    assert!(text.contains("family: Data\n"));
    let path = e.write(
        rel,
        &text.replacen("family: Data\n", "family: Engineering\n", 1),
    );
    let out = e.apply_ok(&[path]);
    assert!(!out.full);
    assert!(e
        .text("output/families/engineering/index.html")
        .contains("data-scientist"));
    assert!(!e
        .text("output/families/data/index.html")
        .contains("data-scientist"));
    let text = e.text(rel);
    let path = e.write(
        rel,
        &text.replacen(
            "family: Engineering\n",
            "family: Data\ntags: [strategy]\n",
            1,
        ),
    );
    e.apply_ok(&[path]);
    assert!(e
        .text("output/tags/strategy/index.html")
        .contains("data-scientist"));
    let text = e.text(rel);
    let path = e.write(rel, &text.replacen("tags: [strategy]\n", "", 1));
    e.apply_ok(&[path]);
}

#[test]
fn a_retitled_guide_three_moves_off_reorders_routes_it_was_not_shown_in() {
    // `start` leads by way of two roles to six goals: with the role two
    // moves off, seven routes, of which a page shows six, nearest first
    // and then by title. The goals are three moves off, beyond the
    // neighbourhood map's two; retitling the sixth puts it before the
    // others, on a page that did not name it before.
    let mut e = Editing::new("career", false);
    let guide = |title: &str, skill: &str, next: &[String]| {
        let mut text = format!(
            "---\ntitle: {title}\nsummary: A role.\nresponsibilities:\n  - Work.\nskills:\n  - {skill}\n"
        );
        if !next.is_empty() {
            text.push_str("progression:\n  leads_to:\n");
            for slug in next {
                text.push_str(&format!("    - title: {slug}\n      guide: {slug}\n"));
            }
        }
        text + "---\nBody.\n"
    };
    let goals: Vec<String> = (1..=6).map(|k| format!("goal-{k}")).collect();
    let mut paths = vec![
        e.write(
            "guides/start.md",
            &guide("Route Start", "Skill start", &["step".into()]),
        ),
        e.write(
            "guides/step.md",
            &guide("Step", "Skill step", &["mid".into()]),
        ),
        e.write("guides/mid.md", &guide("Mid", "Skill mid", &goals)),
    ];
    for k in 1..=6 {
        paths.push(e.write(
            &format!("guides/goal-{k}.md"),
            &guide(&format!("Goal {k}"), &format!("Skill g{k}"), &[]),
        ));
    }
    e.apply_ok(&paths);
    assert!(!e.text("output/guides/start/index.html").contains("Goal 6"));
    let path = e.write(
        "guides/goal-6.md",
        &guide("A Goal Retitled", "Skill g6", &[]),
    );
    let out = e.apply_ok(&[path]);
    assert!(!out.full);
    assert!(e
        .text("output/guides/start/index.html")
        .contains("A Goal Retitled"));
}

#[test]
fn a_guide_that_comes_and_goes_rerenders_the_pages_listing_it() {
    let mut e = Editing::new("career", false);
    let every_unit = e
        .state
        .apply(&[e.root().join("site.yaml")])
        .expect("apply")
        .units;
    // A guide in a family, tag and skills that have pages already, with
    // levels the site knows: no page of the site comes or goes but its
    // own, and the pages that list guides take it in.
    let added = "---\ntitle: Product Analyst\nfamily: Product\ntags: [strategy]\n\
        summary: Measures what the product does.\nupdated: 2025-06-01\n\
        responsibilities: [Measure.]\nskills:\n  - Statistics\n  - Communication & Storytelling\n\
        progression:\n  leads_to:\n    - guide: product-manager\n      title: Product Manager\n---\n";
    let path = e.write("guides/product-analyst.md", added);
    let out = e.apply_ok(&[&path]);
    assert!(!out.full);
    assert!(
        out.units < every_unit,
        "{} of {every_unit} units",
        out.units
    );
    let listing = e.text("output/tags/strategy/index.html");
    assert!(
        listing.contains("Measures what the product does."),
        "{listing}"
    );
    let moves = "output/transitions/product-analyst/to/product-manager/index.html";
    assert!(e.root().join(moves).exists());
    // A guide that is not linked to, sharing two skills with it, lists it
    // among its similar roles.
    assert!(e
        .text("output/guides/product-manager/index.html")
        .contains("product-analyst"));

    // The same guide from another file with other words: its card is new.
    let moved = e.write(
        "guides/pa.md",
        &added
            .replace(
                "title: Product Analyst\n",
                "title: Product Analyst\nslug: product-analyst\n",
            )
            .replace("Measures what", "Counts what"),
    );
    std::fs::remove_file(&path).expect("remove");
    let out = e.apply_ok(&[&path, &moved]);
    assert!(!out.full);
    assert!(e
        .text("output/tags/strategy/index.html")
        .contains("Counts what the product does."));

    // It goes: its page and its moves go, the lists forget it.
    std::fs::remove_file(&moved).expect("remove");
    let out = e.apply_ok(&[&moved]);
    assert!(!out.full);
    assert!(
        out.units < every_unit,
        "{} of {every_unit} units",
        out.units
    );
    assert!(!e.root().join(moves).exists());
    assert!(!e
        .text("output/tags/strategy/index.html")
        .contains("Counts what"));
}

#[test]
fn a_family_losing_its_last_salary_figures_loses_its_salary_pages() {
    let mut e = Editing::new("career", false);
    let rel = "guides/ml-engineer.md";
    let original = e.text(rel);
    let page = "output/salaries/engineering/index.html";
    assert!(e.root().join(page).exists());
    // The one guide of the family with figures drops them: the family's
    // salary pages go, the overview no longer links to them.
    let start = original.find("salary:\n").expect("salary");
    let end = original.find("next_steps:").expect("next_steps");
    let text = format!("{}{}", &original[..start], &original[end..]);
    let path = e.write(rel, &text);
    let out = e.apply_ok(&[&path]);
    assert!(!out.full);
    assert!(!e.root().join(page).exists());
    assert!(!e
        .text("output/salaries/index.html")
        .contains("salaries/engineering/"));
    // And they come back with the figures.
    let path = e.write(rel, &original);
    e.apply_ok(&[&path]);
    assert!(e.root().join(page).exists());
}

#[test]
fn a_newer_date_on_one_guide_makes_another_guides_salary_figures_old() {
    let mut e = Editing::new("career", false);
    let analyst = "guides/data-analyst.md";
    let path = e.write(
        analyst,
        &e.text(analyst)
            .replacen("salary:\n", "salary:\n  as_of: 2023-01\n", 1),
    );
    let out = e.apply_ok(&[&path]);
    let old = |out: &RebuildOutcome| {
        out.diagnostics
            .iter()
            .any(|d| d.code.id == "W0504" && d.file == Path::new(analyst))
    };
    assert!(!old(&out), "2023-01 is within three years of 2025-05");
    // Only the product manager's file changes; the analyst's figures are
    // now more than three years older than the newest update.
    let pm = "guides/product-manager.md";
    let path = e.write(
        pm,
        &e.text(pm)
            .replace("updated: 2025-01-01", "updated: 2026-06-01"),
    );
    let out = e.apply_ok(&[&path]);
    assert!(old(&out), "{:#?}", out.diagnostics);
}

#[test]
fn a_warning_about_a_guide_nobody_links_to_follows_its_title_line() {
    let mut e = Editing::new("career", false);
    let pm = "guides/product-manager.md";
    let line = |out: &RebuildOutcome| {
        out.diagnostics
            .iter()
            .find(|d| d.code.id == "W0503" && d.file == Path::new(pm))
            .map(|d| d.line)
    };
    let path = e.write(pm, &e.text(pm));
    let before = line(&e.apply_ok(&[&path])).expect("W0503 for the product manager");
    let path = e.write(
        pm,
        &e.text(pm)
            .replacen("---\n", "---\n# Owned by the product team.\n", 1),
    );
    let out = e.apply_ok(&[&path]);
    assert_eq!(line(&out), Some(before + 1));
}

#[test]
fn a_guide_losing_its_last_incoming_link_is_told_nobody_links_to_it() {
    let mut e = Editing::new("career", false);
    let ds = "guides/data-scientist.md";
    let unlinked = |out: &RebuildOutcome, file: &str| {
        out.diagnostics
            .iter()
            .any(|d| d.code.id == "W0503" && d.file == Path::new(file))
    };
    let text = e.text(ds);
    let link = "  leads_to:\n    - guide: ml-engineer\n      title: Machine Learning Engineer\n";
    assert!(text.contains(link), "{text}");
    let path = e.write(ds, &text);
    let out = e.apply_ok(&[&path]);
    assert!(!unlinked(&out, "guides/ml-engineer.md"));
    // The one link to the engineer goes, then comes back, then two
    // guides lead there and one of them stops.
    let path = e.write(ds, &text.replace(link, "  leads_to: []\n"));
    let out = e.apply_ok(&[&path]);
    assert!(
        unlinked(&out, "guides/ml-engineer.md"),
        "{:#?}",
        out.diagnostics
    );
    let path = e.write(ds, &text);
    let out = e.apply_ok(&[&path]);
    assert!(!unlinked(&out, "guides/ml-engineer.md"));
    let pm = "guides/product-manager.md";
    let pm_text = e.text(pm);
    let with_link = pm_text.replacen(
        "---\n",
        "---\nprogression:\n  transitions:\n    - guide: ml-engineer\n      title: Machine Learning Engineer\n",
        1,
    );
    let pm_path = e.write(pm, &with_link);
    e.apply_ok(&[&pm_path]);
    let path = e.write(ds, &text.replace(link, "  leads_to: []\n"));
    let out = e.apply_ok(&[&path]);
    assert!(
        !unlinked(&out, "guides/ml-engineer.md"),
        "{:#?}",
        out.diagnostics
    );
    // The other guide leading there is deleted.
    std::fs::remove_file(&pm_path).unwrap();
    let out = e.apply_ok(&[&pm_path]);
    assert!(
        unlinked(&out, "guides/ml-engineer.md"),
        "{:#?}",
        out.diagnostics
    );
}

#[test]
fn files_the_walk_warns_of_are_told_as_they_come_and_go() {
    let mut e = Editing::new("basic", false);
    let warned = |out: &RebuildOutcome, code: &str, file: &str| {
        out.diagnostics
            .iter()
            .any(|d| d.code.id == code && d.file == Path::new(file))
    };
    let notes = e.write("guides/notes.markdown", "# Notes\n");
    let out = e.apply_ok(&[&notes]);
    assert!(
        warned(&out, "W0011", "guides/notes.markdown"),
        "{:#?}",
        out.diagnostics
    );
    // An edit of a guide keeps the warning; deleting the file ends it.
    let guide = e.root().join("guides").join(
        std::fs::read_dir(e.root().join("guides"))
            .unwrap()
            .map(|f| f.unwrap().file_name())
            .find(|n| n.to_string_lossy().ends_with(".md"))
            .expect("a guide"),
    );
    let text = std::fs::read_to_string(&guide).unwrap();
    std::fs::write(&guide, text + "\nMore.\n").unwrap();
    let out = e.apply_ok(&[&guide]);
    assert!(warned(&out, "W0011", "guides/notes.markdown"));
    std::fs::remove_file(&notes).unwrap();
    let out = e.apply_ok(&[&notes]);
    assert!(!warned(&out, "W0011", "guides/notes.markdown"));
    #[cfg(unix)]
    {
        let link = e.root().join("guides/elsewhere.md");
        std::os::unix::fs::symlink("/nonexistent/x.md", &link).unwrap();
        let out = e.apply_ok(&[&link]);
        assert!(
            warned(&out, "W0010", "guides/elsewhere.md"),
            "{:#?}",
            out.diagnostics
        );
        std::fs::remove_file(&link).unwrap();
        let out = e.apply_ok(&[&link]);
        assert!(!warned(&out, "W0010", "guides/elsewhere.md"));
    }
}

#[test]
fn a_title_that_another_guides_move_names_adds_that_move_everywhere() {
    let mut e = Editing::new("career", false);
    let pm = "guides/product-manager.md";
    let text = e.text(pm);
    // The data analyst's move to "Chief Data Wizard" names no guide yet.
    assert!(e
        .text("guides/data-analyst.md")
        .contains("Chief Data Wizard"));
    let path = e.write(
        pm,
        &text.replace("title: Product Manager", "title: Chief Data Wizard"),
    );
    e.apply_ok(&[&path]);
    let sitemap = e.text("output/sitemap.xml");
    assert!(
        sitemap.contains("/transitions/data-analyst/to/product-manager/"),
        "{sitemap}"
    );
    let path = e.write(pm, &text);
    e.apply_ok(&[&path]);
    assert!(!e
        .text("output/sitemap.xml")
        .contains("/transitions/data-analyst/to/product-manager/"));
}

/// The warnings of a guide that read other guides (a move named by title
/// alone, a move to a draft) follow edits of those other guides, and only
/// the guides whose moves name them are told.
#[test]
fn warnings_that_read_another_guides_title_or_draft_flag_follow_its_edits() {
    let mut e = Editing::new("career", false);
    let pm = "guides/product-manager.md";
    let ml = "guides/ml-engineer.md";
    let (pm_text, ml_text) = (e.text(pm), e.text(ml));
    // The files told, once each, of a warning whose message names `about`.
    let codes_of = |out: &RebuildOutcome, code: &str, about: &str| -> Vec<String> {
        let mut files: Vec<String> = out
            .diagnostics
            .iter()
            .filter(|d| d.code == code && d.message.contains(about))
            .map(|d| d.file.display().to_string())
            .collect();
        files.dedup();
        files
    };
    let retitle = |e: &mut Editing, title: &str| {
        let path = e.write(
            pm,
            &pm_text.replace("title: Product Manager", &format!("title: {title}")),
        );
        e.apply_ok(&[&path])
    };
    // Equal to the data analyst's move "Chief Data Wizard": linked by title.
    let out = retitle(&mut e, "chief data wizard");
    assert_eq!(codes_of(&out, "W0509", "Chief"), ["guides/data-analyst.md"]);
    assert!(codes_of(&out, "W0502", "Chief").is_empty());
    // Nearly equal: not linked, and told so.
    let out = retitle(&mut e, "Chief-Data Wizard!");
    assert!(codes_of(&out, "W0509", "Chief").is_empty());
    assert_eq!(codes_of(&out, "W0502", "Chief"), ["guides/data-analyst.md"]);
    // The message names the title the guide has now.
    let out = retitle(&mut e, "Chief Data-Wizard");
    assert!(
        out.diagnostics
            .iter()
            .any(|d| d.code == "W0502" && d.message.contains("`Chief Data-Wizard`")),
        "{:#?}",
        out.diagnostics
    );
    let path = e.write(pm, &pm_text);
    let out = e.apply_ok(&[&path]);
    assert!(
        codes_of(&out, "W0502", "Chief").is_empty() && codes_of(&out, "W0509", "Chief").is_empty()
    );
    // The data scientist's move to the ML engineer leads to a draft.
    assert!(codes_of(&out, "W0505", "ml-engineer").is_empty());
    let path = e.write(ml, &ml_text.replacen("title: ", "draft: true\ntitle: ", 1));
    let out = e.apply(&[&path]);
    assert_eq!(
        codes_of(&out, "W0505", "ml-engineer"),
        ["guides/data-scientist.md"]
    );
    let path = e.write(ml, &ml_text);
    let out = e.apply_ok(&[&path]);
    assert!(codes_of(&out, "W0505", "ml-engineer").is_empty());
}

#[test]
fn a_rebuild_times_its_stages_and_names_the_units_it_rendered() {
    let mut e = Editing::new("full", false);
    let rel = "guides/technical-program-manager-engineering-platforms.md";
    let text = e.text(rel);
    // A body edit: the guide's page, no site-wide unit.
    let path = e.write(rel, &format!("{text}\nOne more line.\n"));
    let o = e.apply_ok(&[&path]);
    assert_eq!(o.units, 0);
    assert!(
        o.timings.unit_times.is_empty(),
        "{:?}",
        o.timings.unit_times
    );
    assert!(o.timings.guide_pages > std::time::Duration::ZERO);
    // A summary edit: the units showing cards, the search index among
    // them, and not the career maps, which show no summary.
    let path = e.write(rel, &text.replacen("summary: ", "summary: Edited. ", 1));
    let o = e.apply_ok(&[&path]);
    let t = &o.timings;
    let names: Vec<&str> = t.unit_times.iter().map(|(u, _)| u.as_str()).collect();
    assert_eq!(names.len(), o.units, "{names:?}");
    for unit in ["SearchIndex (in part)", "Index", "Search (in part)", "Feed"] {
        assert!(names.contains(&unit), "{unit} not in {names:?}");
    }
    assert!(!names.contains(&"Paths"), "{names:?}");
    assert!(
        t.unit_times.windows(2).all(|w| w[0].1 >= w[1].1),
        "slowest first: {:?}",
        t.unit_times
    );
    assert!(t.read > std::time::Duration::ZERO && t.commit > std::time::Duration::ZERO);
    let line = t.summary();
    assert!(
        line.starts_with("read ") && line.contains(" ms, check ") && line.contains(" ms, write "),
        "{line}"
    );
    assert!(line.contains(&format!("(slowest: {} ", names[0])), "{line}");
}

#[test]
fn a_guide_nobody_links_to_is_told_so_where_its_title_is_now() {
    let mut e = Editing::new("career", false);
    // A guide with no warning of its own, and no guide linking to it.
    let rel = "guides/quiet-role.md";
    let text = e.text("guides/data-scientist.md").replacen(
        "title: Data Scientist",
        "title: Quiet Role",
        1,
    );
    let path = e.write(rel, &text);
    e.apply_ok(&[&path]);
    let unlinked = |out: &RebuildOutcome| -> Vec<(usize, String)> {
        out.diagnostics
            .iter()
            .filter(|d| d.code == "W0503" && d.file == Path::new(rel))
            .map(|d| (d.line, d.message.clone()))
            .collect()
    };
    let told = "no other guide links to `quiet-role`".to_string();
    // A line above the title moves the warning down one line, though the
    // guide's own warnings and links stay as they were.
    let edited = text.replacen("---\n", "---\n# A comment.\n", 1);
    let path = e.write(rel, &edited);
    let out = e.apply_ok(&[&path]);
    assert_eq!(unlinked(&out), [(3, told.clone())]);
    // A summary edit leaves it where it is.
    let path = e.write(rel, &edited.replacen("summary: ", "summary: Edited. ", 1));
    let out = e.apply_ok(&[&path]);
    assert_eq!(unlinked(&out), [(3, told)]);
    // A new slug: the warning names it.
    let path = e.write(
        rel,
        &edited.replacen(
            "\ntitle: Quiet Role\n",
            "\ntitle: Quiet Role\nslug: role-of-quiet\n",
            1,
        ),
    );
    let out = e.apply_ok(&[&path]);
    assert_eq!(
        unlinked(&out),
        [(3, "no other guide links to `role-of-quiet`".to_string())]
    );
}

#[test]
fn a_summary_edit_rewrites_only_the_search_files_of_its_words() {
    let mut e = Editing::new("career", false);
    let rel = "guides/data-scientist.md";
    let text = e.text(rel);
    let search_files = |out: &RebuildOutcome| -> Vec<String> {
        out.written
            .iter()
            .chain(&out.removed)
            .filter(|p| p.starts_with("search-index"))
            .cloned()
            .collect()
    };
    let shards_before = std::fs::read_dir(e.root().join("output/search-index/w"))
        .unwrap()
        .count();
    // "data", a word other guides have, comes: its shard, the guide's
    // records and the shard of its initial, which shows its record; not
    // the manifest, nor any other shard.
    let edited = text.replacen("predict and explain.", "predict and explain data.", 1);
    let path = e.write(rel, &edited);
    let out = e.apply_ok(&[&path]);
    assert_eq!(
        search_files(&out),
        [
            "search-index/r/0.json",
            "search-index/w/d.json",
            "search-index/w/da.json"
        ]
    );
    assert!(shards_before > 20);
    // A word in a shard of its own: the shard comes, and the manifest
    // names it; then goes with the word.
    let path = e.write(
        rel,
        &edited.replacen("explain data.", "explain qzxv data.", 1),
    );
    let out = e.apply_ok(&[&path]);
    let files = search_files(&out);
    assert!(
        files.contains(&"search-index/w/qz.json".to_string()),
        "{files:?}"
    );
    assert!(
        files.contains(&"search-index.json".to_string()),
        "{files:?}"
    );
    assert!(read(e.root().join("output/search-index.json")).contains("\"qz\""));
    let path = e.write(rel, &edited);
    let out = e.apply_ok(&[&path]);
    assert!(
        out.removed.contains(&"search-index/w/qz.json".to_string()),
        "{:?}",
        out.removed
    );
    assert!(!e.root().join("output/search-index/w/qz.json").exists());
    // The shard went with the edit, not with the index made again.
    let units: Vec<&str> = out
        .timings
        .unit_times
        .iter()
        .map(|(u, _)| u.as_str())
        .collect();
    assert!(units.contains(&"SearchIndex (in part)"), "{units:?}");
    assert!(
        !read(e.root().join("output/search-index.json")).contains("\"qz\""),
        "the manifest still names the shard that went"
    );
    // A rebuild that fails (the guide's template breaks on "qzxv data")
    // after the index took a new shard keeps the pages as they were: the
    // next edit, keeping the word and dropping "data", which other guides
    // have, must still bring the shard and the manifest naming it.
    let boom =
        "{% if guide.summary_text is containing(\"qzxv data\") %}{{ missing.field }}{% endif %}";
    let guide_tpl = e.write(
        "themes/default/templates/guide.html",
        &read(repo().join("themes/default/templates/guide.html")).replacen(
            "{% block content %}",
            &format!("{{% block content %}}{boom}"),
            1,
        ),
    );
    e.apply_ok(&[&guide_tpl]);
    let path = e.write(
        rel,
        &edited.replacen("explain data.", "explain qzxv data.", 1),
    );
    assert!(e.apply(&[&path]).failed);
    let path = e.write(rel, &edited.replacen("explain data.", "explain qzxv.", 1));
    let out = e.apply_ok(&[&path]);
    assert!(search_files(&out).contains(&"search-index.json".to_string()));
    assert!(read(e.root().join("output/search-index.json")).contains("\"qz\""));
}
