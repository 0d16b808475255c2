//! Themes: Tera templates and static files.
//!
//! The default theme is compiled into the binary so a folder holding only
//! `guides/` builds. A site's `themes/<name>/templates/X.html` replaces the
//! built-in template of the same name, one file at a time, and its
//! `themes/<name>/static/` files are copied over the built-in ones. The
//! words come from the translation files of the site's language
//! ([`crate::render::i18n`]), printed by the templates' `t` function.

use crate::diag::{codes, Diagnostic};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tera::Tera;
use walkdir::WalkDir;

macro_rules! embed_templates {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../themes/default/templates/", $name)))),*]
    };
}
macro_rules! embed_static {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_bytes!(concat!("../../themes/default/static/", $name)) as &[u8])),*]
    };
}

/// The built-in templates, by name.
pub const TEMPLATES: &[(&str, &str)] = embed_templates!(
    "base.html",
    "macros.html",
    "index.html",
    "guide.html",
    "404.html",
    "paths.html",
    "family-paths.html",
    "salaries.html",
    "salary_family.html",
    "terms.html",
    "term.html",
    "search.html",
    "transition.html",
    "skills.html",
    "skill.html",
    "assess.html"
);

/// The built-in static files, by path relative to the output root.
pub const STATIC: &[(&str, &[u8])] = embed_static!(
    "style.css",
    "favicon.svg",
    "search.js",
    "sort.js",
    "assess.js"
);

/// A loaded theme: compiled templates and the static files to copy.
pub struct Theme {
    /// Compiled templates.
    pub tera: Tera,
    /// Static files by output-relative path.
    pub statics: BTreeMap<String, Vec<u8>>,
    /// Where each template came from, for error messages.
    pub origins: BTreeMap<String, PathBuf>,
    /// The ids a guide page's own markup uses (`main`, `search-q`,
    /// `skills`, ...), read from `guide.html` and every template it extends,
    /// imports or includes: a body heading never takes one, whatever the
    /// theme writes.
    pub guide_ids: Vec<String>,
    /// The words of the site's language, for the renderers' own titles and
    /// labels (templates call `t`).
    pub strings: std::sync::Arc<crate::render::i18n::Strings>,
    /// What `check` reports about the words: keys a template names that
    /// no file has, keys the language lacks.
    pub warnings: Vec<Diagnostic>,
}

/// Loads the theme named in `site.yaml`: built-ins, overridden from disk,
/// with the words of `language`.
pub fn load(root: &Path, name: &str, language: &str) -> Result<Theme, Vec<Diagnostic>> {
    if !is_theme_name(name) {
        return Err(vec![Diagnostic::new(
            "site.yaml",
            0,
            0,
            "theme",
            codes::E0401,
            format!("theme `{name}` must be the name of a folder under themes/"),
        )]);
    }
    let dir = root.join("themes").join(name);
    if name != "default" && !dir.is_dir() {
        return Err(vec![Diagnostic::new(
            "site.yaml",
            0,
            0,
            "theme",
            codes::E0401,
            format!("theme `{name}` not found: there is no folder themes/{name}/"),
        )]);
    }
    let mut templates: BTreeMap<String, (String, PathBuf)> = TEMPLATES
        .iter()
        .map(|(n, t)| {
            (
                n.to_string(),
                (t.to_string(), PathBuf::from(format!("(built-in)/{n}"))),
            )
        })
        .collect();
    let mut statics: BTreeMap<String, Vec<u8>> = STATIC
        .iter()
        .map(|(n, b)| (n.to_string(), b.to_vec()))
        .collect();
    let mut diags = Vec::new();
    for (rel, full) in files_under(root, &dir.join("templates")) {
        match std::fs::read_to_string(&full) {
            Ok(text) => {
                let display = full.strip_prefix(root).unwrap_or(&full).to_path_buf();
                templates.insert(rel, (text, display));
            }
            Err(e) => diags.push(io_diag(root, &full, &e)),
        }
    }
    for (rel, full) in files_under(root, &dir.join("static")) {
        match std::fs::read(&full) {
            Ok(bytes) => {
                statics.insert(rel, bytes);
            }
            Err(e) => diags.push(io_diag(root, &full, &e)),
        }
    }
    let strings = match crate::render::i18n::load(root, name, language) {
        Ok(s) => std::sync::Arc::new(s),
        Err(mut d) => {
            diags.append(&mut d);
            return Err(diags);
        }
    };
    if !diags.is_empty() {
        return Err(diags);
    }
    let uses: Vec<(String, PathBuf, String)> = templates
        .iter()
        .map(|(n, (t, p))| (n.clone(), p.clone(), t.clone()))
        .collect();
    let warnings = crate::render::i18n::check(&strings, &uses);
    let mut tera = Tera::default();
    tera.register_function("t", crate::render::i18n::Translate(strings.clone()));
    tera.register_filter("number", crate::render::i18n::NumberFilter(strings.clone()));
    tera.register_filter("list", crate::render::i18n::ListFilter(strings.clone()));
    tera.register_filter(
        "local_date",
        crate::render::i18n::DateFilter(strings.clone()),
    );
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.set_escape_fn(crate::util::html::escape_html);
    let origins: BTreeMap<String, PathBuf> = templates
        .iter()
        .map(|(n, (_, p))| (n.clone(), p.clone()))
        .collect();
    let guide_ids = literal_ids(&templates, "guide.html");
    let mut raw: Vec<(String, String)> = templates.into_iter().map(|(n, (t, _))| (n, t)).collect();
    // One guide's card through the theme's `card` macro: rendered once per
    // guide and reused by every page listing it (see `GuideCard::html`).
    raw.push((
        CARD_TEMPLATE.into(),
        "{% import \"macros.html\" as m %}{{ m::card(g=g) }}".into(),
    ));
    if let Err(e) = tera.add_raw_templates(raw) {
        return Err(vec![template_diag(&e, &origins)]);
    }
    Ok(Theme {
        tera,
        statics,
        origins,
        guide_ids,
        strings,
        warnings,
    })
}

/// Every literal `id="..."` in template `start` and the templates it pulls
/// in (`extends`, `import`, `include`), sorted. Ids built by an expression
/// (`id="{{ f.id }}"`) cannot collide with a body heading's on a guide page,
/// which the theme does not know; they are left out.
fn literal_ids(templates: &BTreeMap<String, (String, PathBuf)>, start: &str) -> Vec<String> {
    let mut ids = std::collections::BTreeSet::new();
    let mut seen = std::collections::BTreeSet::new();
    let mut queue = vec![start.to_string()];
    while let Some(name) = queue.pop() {
        let Some((text, _)) = templates.get(&name) else {
            continue;
        };
        if !seen.insert(name) {
            continue;
        }
        for tag in text.split("{%").skip(1) {
            let tag = tag
                .split("%}")
                .next()
                .unwrap_or("")
                .trim_start_matches('-')
                .trim();
            let pulls = ["extends", "import", "include"].iter().any(|k| {
                tag.strip_prefix(k)
                    .is_some_and(|r| r.starts_with(char::is_whitespace))
            });
            if let Some(used) = pulls.then(|| quoted(tag)).flatten() {
                queue.push(used.to_string());
            }
        }
        for (at, _) in text.match_indices("id=") {
            let after_space = text[..at].ends_with(char::is_whitespace);
            let rest = &text[at + 3..];
            let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') else {
                continue;
            };
            let id = rest[1..].split(quote).next().unwrap_or("");
            if after_space && !id.is_empty() && !id.contains(['{', '}']) {
                ids.insert(id.to_string());
            }
        }
    }
    ids.into_iter().collect()
}

/// The first quoted string in a template tag: `"base.html"` in
/// `extends "base.html"`.
fn quoted(tag: &str) -> Option<&str> {
    let start = tag.find(['"', '\''])?;
    let quote = tag[start..].chars().next()?;
    let rest = &tag[start + 1..];
    Some(&rest[..rest.find(quote)?])
}

/// The internal template that renders one card with the theme's `card`
/// macro, given the card as `g`.
pub const CARD_TEMPLATE: &str = "careerbook-card.html";

fn io_diag(root: &Path, full: &Path, e: &std::io::Error) -> Diagnostic {
    let rel = full.strip_prefix(root).unwrap_or(full);
    Diagnostic::new(
        rel,
        0,
        0,
        "",
        codes::E0006,
        format!("cannot read file: {e}"),
    )
}

/// Whether `name` can name a folder under `themes/`: not empty, one path
/// segment, not hidden (so not `.` or `..`).
fn is_theme_name(name: &str) -> bool {
    !(name.is_empty() || name.contains(['/', '\\']) || name.starts_with('.'))
}

/// The output paths of the static files theme `name` publishes, built in
/// and the site's own (`style.css`, `img/logo.svg`), without reading them;
/// only the built-in ones for a name `load` would refuse.
pub(crate) fn static_names(root: &Path, name: &str) -> Vec<String> {
    let mut names: Vec<String> = STATIC.iter().map(|(n, _)| n.to_string()).collect();
    if is_theme_name(name) {
        let dir = root.join("themes").join(name).join("static");
        names.extend(files_under(root, &dir).into_iter().map(|(rel, _)| rel));
    }
    names
}

/// Regular files under `dir`, as (path relative to `dir` with `/`, full path),
/// sorted. A symbolic link is used only when it resolves to a file inside
/// the site root, so a theme cannot pull in files from elsewhere on disk.
fn files_under(root: &Path, dir: &Path) -> Vec<(String, PathBuf)> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let real_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    // WalkDir follows its starting folder even when it is a link: a theme
    // folder linked from outside the root is not read at all.
    if !crate::guide::load::folder_inside(&real_root, dir) {
        return Vec::new();
    }
    WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| {
            if e.path_is_symlink() {
                crate::guide::load::symlink_target_inside(&real_root, e.path()) == Some(true)
            } else {
                e.file_type().is_file()
            }
        })
        .filter_map(|e| {
            let rel = e.path().strip_prefix(dir).ok()?;
            let parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            Some((parts.join("/"), e.path().to_path_buf()))
        })
        .collect()
}

/// A warning for every symbolic link under `themes/` that is not followed
/// because it leads outside the site root (or nowhere).
pub fn link_warnings(root: &Path) -> Vec<crate::diag::Diagnostic> {
    let dir = root.join("themes");
    let Ok(real_root) = std::fs::canonicalize(root) else {
        return Vec::new();
    };
    WalkDir::new(&dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path_is_symlink())
        .filter(|e| {
            let file_inside =
                crate::guide::load::symlink_target_inside(&real_root, e.path()) == Some(true);
            !file_inside && !crate::guide::load::folder_inside(&real_root, e.path())
        })
        .map(|e| {
            let rel = e.path().strip_prefix(root).unwrap_or(e.path());
            crate::guide::load::symlink_warning(rel, "the theme")
        })
        .collect()
}

/// Turns a Tera error into a diagnostic naming the template file, the line
/// when Tera reports one, and the whole chain of causes.
pub fn template_diag(e: &tera::Error, origins: &BTreeMap<String, PathBuf>) -> Diagnostic {
    let mut chain = vec![e.to_string()];
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        chain.push(s.to_string());
        source = s.source();
    }
    let text = chain.join(": ");
    let name = origins
        .keys()
        .find(|n| text.contains(&format!("'{n}'")))
        .cloned()
        .unwrap_or_default();
    let file = origins
        .get(&name)
        .cloned()
        .unwrap_or_else(|| PathBuf::from("themes"));
    let (line, column) = pest_position(&text).unwrap_or((0, 0));
    let message = chain
        .iter()
        .map(|s| {
            s.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join(": ");
    Diagnostic::new(
        file,
        line,
        column,
        "",
        codes::E0402,
        format!("template error: {message}"),
    )
}

/// Tera parse errors carry ` --> line:col`.
fn pest_position(text: &str) -> Option<(usize, usize)> {
    let at = text.find("--> ")? + 4;
    let rest = &text[at..];
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == ':'))
        .unwrap_or(rest.len());
    let (l, c) = rest[..end].split_once(':')?;
    Some((l.parse().ok()?, c.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_guide_page_reserves_the_literal_ids_of_its_templates() {
        let Ok(theme) = load(Path::new("/nonexistent"), "default", "en") else {
            panic!("the built-in theme loads");
        };
        let ids: Vec<&str> = theme.guide_ids.iter().map(String::as_str).collect();
        for id in [
            "main",
            "search-q",
            "search-hint",
            "search-results",
            "skills",
            "sources",
        ] {
            assert!(ids.contains(&id), "{id} missing from {ids:?}");
        }
        // Only what the templates write: no section is called `overview`,
        // and the paths page's ids are not on a guide page.
        assert!(!ids.contains(&"overview"), "{ids:?}");
        assert!(!ids.contains(&"graph-heading"), "{ids:?}");
    }

    #[test]
    fn ids_come_from_every_template_pulled_in() {
        let t = |text: &str| (text.to_string(), PathBuf::new());
        let templates: BTreeMap<String, (String, PathBuf)> = [
            ("page.html".to_string(), t("{% extends \"frame.html\" %}<h2 id=\"one\">{% include 'part.html' %}<p data-id=\"no\" id=\"{{ x }}\">")),
            ("frame.html".to_string(), t("{%- import \"m.html\" as m -%}<main\n  id='two'>")),
            ("part.html".to_string(), t("<i id=\"three\"></i>")),
            ("m.html".to_string(), t("<b id=\"four\"></b>")),
            ("other.html".to_string(), t("<b id=\"not-pulled-in\"></b>")),
        ]
        .into_iter()
        .collect();
        assert_eq!(
            literal_ids(&templates, "page.html"),
            ["four", "one", "three", "two"]
        );
    }
}
