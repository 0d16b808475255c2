//! Shared helpers for the integration tests: copy a fixture site into a
//! temporary folder, run the binary on it, read what it wrote. `server`
//! runs `careerbook serve` and `careerbook watch`, `lsp` talks to
//! `careerbook lsp` as an editor does.

pub(crate) mod lsp;
pub(crate) mod server;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub(crate) fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `tests/fixtures/<name>`, in place: for tests that only read it.
pub(crate) fn fixture_path(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name)
}

/// Copies `tests/fixtures/<name>` into a fresh temporary folder.
pub(crate) fn fixture(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&fixture_path(name), dir.path());
    dir
}

/// Recursively copies `from` into `to`.
pub(crate) fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk");
        let rel = entry.path().strip_prefix(from).expect("prefix");
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// The `careerbook` binary as a command, colour off.
pub(crate) fn command() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_careerbook"));
    cmd.env("NO_COLOR", "1");
    cmd
}

/// Runs `careerbook ARGS` and returns its output.
pub(crate) fn careerbook(args: &[&str]) -> Output {
    command().args(args).output().expect("run careerbook")
}

/// Runs `careerbook build --root ROOT` plus `extra`, asserting success.
pub(crate) fn build_ok(root: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["build", "--root", root.to_str().expect("utf-8 path")];
    args.extend_from_slice(extra);
    let out = careerbook(&args);
    assert!(
        out.status.success(),
        "build failed: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Standard error as text.
pub(crate) fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Reads a file as text, panicking with the path when it is missing.
pub(crate) fn read(path: impl AsRef<Path>) -> String {
    let path = path.as_ref();
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// Replaces `from` with `to` in a file, which must contain `from`.
pub(crate) fn edit(path: &Path, from: &str, to: &str) {
    let text = read(path);
    assert!(text.contains(from), "{} lacks {from:?}", path.display());
    std::fs::write(path, text.replace(from, to)).expect("write");
}

/// Appends `base_url: URL` to the site's `site.yaml`.
pub(crate) fn set_base_url(root: &Path, url: &str) {
    let cfg = read(root.join("site.yaml"));
    std::fs::write(root.join("site.yaml"), format!("{cfg}base_url: {url}\n"))
        .expect("write site.yaml");
}

/// Names in `dir` that a build stages its output under (`careerbook-` in
/// the name): a finished or failed build leaves none behind.
pub(crate) fn staging_leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("read_dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("careerbook-"))
        .collect()
}

/// Every file under `dir` with its bytes, keyed by relative path.
pub(crate) fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.expect("walk");
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).expect("prefix");
            out.insert(
                rel.to_string_lossy().replace('\\', "/"),
                std::fs::read(entry.path()).expect("read"),
            );
        }
    }
    out
}

/// The visible text of an HTML page: tags removed, entities decoded,
/// whitespace collapsed. Script and style contents are dropped.
pub(crate) fn page_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let after = &rest[lt..];
        let lower = after.get(..8).unwrap_or(after).to_ascii_lowercase();
        let skip_to = if lower.starts_with("<script") {
            after.find("</script>").map(|i| i + 9)
        } else if lower.starts_with("<style") {
            after.find("</style>").map(|i| i + 8)
        } else {
            after.find('>').map(|i| i + 1)
        };
        match skip_to {
            Some(n) => {
                out.push(' ');
                rest = &after[n..];
            }
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    collapse(&decode_entities(&out))
}

/// Collapses runs of whitespace to one space.
pub(crate) fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Decodes the entities careerbook and pulldown-cmark emit.
pub(crate) fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp..];
        let end = after.find(';').filter(|&i| i <= 10);
        let decoded = end.and_then(|i| {
            let name = &after[1..i];
            let c = match name {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                "nbsp" => ' ',
                n if n.starts_with("#x") || n.starts_with("#X") => {
                    char::from_u32(u32::from_str_radix(&n[2..], 16).ok()?)?
                }
                n if n.starts_with('#') => char::from_u32(n[1..].parse().ok()?)?,
                _ => return None,
            };
            Some((c, i + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &after[len..];
            }
            None => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Every `href="..."` and `src="..."` value in an HTML page.
pub(crate) fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\"", "content=\"0; url="] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            let after = &rest[i + attr.len()..];
            let end = after.find('"').unwrap_or(after.len());
            out.push(decode_entities(&after[..end]));
            rest = &after[end..];
        }
    }
    out
}

/// Where an internal link in the output page `page` (a path relative to the
/// output folder, e.g. `guides/x/index.html`) leads when the page is opened
/// from disk: the file relative to the output folder, with `index.html`
/// added to a folder link, as a browser resolves a relative link against
/// the page's own folder. `None` for a link that leaves the site (a scheme
/// such as `https:` or `mailto:`, or `//host`) or stays on the page
/// (`#fragment` only); `Err` for a root-absolute link (`/style.css` means
/// the root of the disk there) or one that climbs above the output folder.
pub(crate) fn file_on_disk(page: &str, link: &str) -> Option<Result<String, String>> {
    let scheme = link
        .find(':')
        .is_some_and(|c| !link[..c].contains(['/', '?', '#']));
    if link.starts_with('#') || link.starts_with("//") || scheme {
        return None;
    }
    let path = link.split(['#', '?']).next().unwrap_or("");
    if path.starts_with('/') {
        return Some(Err(format!("`{link}` is root-absolute")));
    }
    let mut segs: Vec<&str> = page.split('/').collect();
    segs.pop();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if segs.pop().is_none() {
                    return Some(Err(format!("`{link}` climbs above the site")));
                }
            }
            s => segs.push(s),
        }
    }
    let last = path.rsplit('/').next().unwrap_or("");
    if matches!(last, "" | "." | "..") {
        segs.push("index.html");
    }
    Some(Ok(segs.join("/")))
}

/// Fails unless every internal link of the output page `page` leads, from
/// disk, to a file under `out` (a folder link to its `index.html`); returns
/// how many internal links it checked. The canonical link is left out: it
/// names the published page and is not followed (with a path-only
/// `base_url` it is root-absolute).
pub(crate) fn assert_links_open_from_disk(out: &Path, page: &str) -> usize {
    let mut html = read(out.join(page));
    if let Some(start) = html.find("<link rel=\"canonical\"") {
        let end = start + html[start..].find('>').expect("a closed tag");
        html.replace_range(start..=end, "");
    }
    let mut checked = 0;
    for link in links(&html) {
        match file_on_disk(page, &link) {
            None => {}
            Some(Err(why)) => panic!("{page}: {why}"),
            Some(Ok(file)) => {
                checked += 1;
                assert!(
                    out.join(&file).is_file(),
                    "{page}: `{link}` leads to {file}, which is not in the output"
                );
            }
        }
    }
    checked
}

/// Writes a small valid guide at `guides/<file>.md` titled `title`, with
/// `extra` (front matter lines, each ending in a newline) added.
pub(crate) fn write_guide(root: &Path, file: &str, title: &str, extra: &str) {
    let path = root.join("guides").join(format!("{file}.md"));
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(
        path,
        format!(
            "---\ntitle: {title}\nsummary: About {title}.\nresponsibilities: [Work.]\nskills: [Care]\n{extra}---\nBody.\n"
        ),
    )
    .expect("write guide");
}
