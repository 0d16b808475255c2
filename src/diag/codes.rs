//! Every diagnostic code in one table, in the spirit of rustc's error index
//! and cargo's lint definitions: the code, its severity, what it means and an
//! example. A diagnostic is made from one of these entries
//! ([`crate::diag::Diagnostic::new`]), never from a bare string, so its
//! severity always comes from here.
//!
//! The table in `docs/check.md` lists the same entries; a test keeps the two
//! equal, and another keeps every code here in use.

use super::Severity;
use std::fmt;

/// One diagnostic code and its documentation.
#[derive(Clone, Copy)]
pub struct Code {
    /// The stable code, e.g. `E0101`: `E` for errors, `W` for warnings.
    pub id: &'static str,
    /// The severity of every diagnostic with this code.
    pub severity: Severity,
    /// What is wrong, one line of Markdown (the table in `docs/check.md`).
    pub title: &'static str,
    /// A bad input and/or the message shown, Markdown; empty when none.
    pub example: &'static str,
}

impl PartialEq for Code {
    fn eq(&self, other: &Code) -> bool {
        self.id == other.id
    }
}

impl Eq for Code {}

/// A code compares equal to its text, as it did when codes were strings.
impl PartialEq<str> for Code {
    fn eq(&self, other: &str) -> bool {
        self.id == other
    }
}

impl fmt::Debug for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id)
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id)
    }
}

/// Defines one constant per code, named by the code itself, and [`ALL`].
macro_rules! codes {
    ($($id:ident $severity:ident $title:literal $example:literal;)*) => {
        $(
            #[doc = concat!("`", stringify!($id), "` (", stringify!($severity), "): ", $title)]
            pub const $id: &Code = &Code {
                id: stringify!($id),
                severity: Severity::$severity,
                title: $title,
                example: $example,
            };
        )*
        /// Every code, in the order `docs/check.md` lists them.
        pub const ALL: &[&Code] = &[$($id),*];
    };
}

codes! {
    // Reading the file.
    E0001 Error
        "The file is not valid UTF-8; the message names the byte offset."
        r"a file saved as Latin-1: `Caf\xe9`";
    E0002 Error
        "The file is empty, has no front matter, or the front matter is not closed."
        "a file starting with `# Title`";
    E0003 Error
        "The front matter is not valid YAML, reported at the line to change with what to type: a field indented unlike the others of its group, tab indentation, a tab after a `:`, a missing `:`, an unclosed quote or bracket, a key among list items, text after a value, nesting deeper than 64 levels, an alias (`*name`) with no anchor (`&name`) before it, aliases that copy more than 100,000 values, anything after the first value (a stray `]`, a second document), a control character such as NUL, or a tag other than YAML's standard ones (`!!str`, `!!int`, ...)."
        r#"`title: "Unclosed`, `tags: *nope`"#;
    E0004 Error
        "The front matter is empty, or is not a mapping of `field: value` lines."
        "`- title`";
    E0005 Error
        "The file is larger than `max_guide_kib` in `site.yaml` (4 MiB by default)."
        "";
    E0006 Error
        "The file cannot be read."
        "permissions";
    E0007 Error
        "The site has no `guides/` folder, or `guides` is not a folder: the site would have no guides."
        "`careerbook build --root guides`, or a mistyped `--root`";
    W0010 Warning
        "A symbolic link under `guides/` or the theme's folder points outside the site root (or nowhere), so it is not followed."
        "`guides/x.md` linking to `/etc/passwd`";
    W0011 Warning
        "A file under `guides/` named like Markdown but not `*.md` (`.MD`, `.markdown`): it is not read."
        "`guides/Data-Engineer.MD`";
    // The schema walk.
    E0100 Error
        "The front matter does not fit the guide format although the schema walk found nothing wrong: the schema and the model disagree, which is a careerbook bug."
        "";
    E0101 Error
        "Unknown field, at any depth, with a did-you-mean suggestion. Points at the key. A misspelled required field that is missing is this one error (`titel` for `title`: \"did you mean `title`, which is required?\"), not also E0102."
        "`responsibilites:`, `salary.rangs:`";
    E0102 Error
        "A required field is missing. Top-level fields point at the closing `---` (where to add it); nested ones at the key that owns the group."
        "no `skills:`; a salary range without `max`";
    E0103 Error
        "Wrong type: text where a list is expected, a quoted number, a non-boolean `draft`."
        r#"`skills: Writing`, `min: "110k"`, `draft: maybe`, `isco: 2421`"#;
    E0104 Error
        "A value that is not one of the allowed values; the help lists them."
        "`period: yearly`, `basis: gross`, `outlook: booming`, `kind: video`";
    E0105 Error
        "A field given twice in the same group. Points at the second key; the help names the first line."
        "two `title:` lines";
    E0106 Error
        "A code in the wrong format."
        r#"`onet_soc: "15-1299"` (needs `NN-NNNN.NN`)"#;
    E0107 Error
        "An impossible date."
        "`updated: 2026-02-30`, `as_of: 2026-13`";
    // Values.
    E0201 Error
        "A list that needs at least one item is empty."
        "`responsibilities: []`, `salary.ranges: []`";
    E0202 Error
        "Empty or blank text where text is required."
        r#"`title: ""`, `summary:`, `- "  "`"#;
    E0203 Error
        "Not an active ISO 4217 currency code (checked against the real list, not just the shape)."
        "`currency: usd`, `currency: XYZ`";
    E0204 Error
        "A salary figure that is not a positive number."
        "`min: 0`, `max: -5`";
    E0205 Error
        "`max` below `min`, or `median` outside `min..max`."
        "`min: 150000`, `max: 120000`";
    E0206 Error
        "A URL that is not an absolute http(s) URL, in any URL field: `sources`, `resources`, and the `source` of `salary`, of a salary range and of `demand`."
        "`url: www.bls.gov/ooh/`, `url: \"javascript:alert(1)\"`";
    // Slugs, aliases and links.
    E0301 Error
        "A slug that is not `[a-z0-9-]+` (the help suggests one), or a file name no slug can be made from."
        "`slug: Bad_Slug`";
    E0302 Error
        "Two guides with the same slug; both files are named."
        "`slug: shared` twice";
    E0303 Error
        "An alias that would write where something else is written: another guide's alias (compared as files, so `/old/` and `/old/index.html` are one), a guide's page or data, or a page or file careerbook writes itself (the home page, `/search/`, the sitemap, the feed, the theme's files, ...)."
        "`/old-url/` twice, `/guides/one/`, `/index.html`, `/sitemap.xml`";
    E0304 Error
        "An alias that does not start with `/`, or could address a path outside the output folder."
        "`/../../etc/passwd`, `relative/path`";
    E0305 Error
        "`guide:` names a slug no guide has (the help suggests the closest)."
        "`guide: staff-enginer`";
    E0306 Error
        "`output` in `site.yaml` names a folder outside the site root (an absolute path, or one that climbs out with `..`); such a folder can only be given on the command line with `--output`."
        "`output: ../public`, `output: /var/www`";
    E0307 Error
        "A name too long to become a file name: a guide's slug (from the file name or `slug:`), or a family, tag, employer or sector whose slug is over 200 bytes."
        "a 300-character file name; a `family` pasted from a whole paragraph";
    // The theme.
    E0401 Error
        "The theme named in `site.yaml` is not a folder under `themes/`."
        "`theme: ../other`, `theme: missing`";
    E0402 Error
        "A template does not parse, or fails to render (found by `build` and by `check --links`, which render every page); the message names the template."
        "";
    E0403 Error
        "A translation file (a theme's `i18n/<lang>.yaml`) does not parse, or holds something other than texts grouped under keys and plural forms named by CLDR category (`zero`, `one`, `two`, `few`, `many`, `other`)."
        "`paths: [a, b]`, `several: …` among plural forms";
    E0404 Error
        "A template calls `t(key=\"…\")` with a key that no English translation file has, so the page cannot render."
        r#"`{{ t(key="nav.pathz") }}`"#;
    W0405 Warning
        "The site's language has no text for a key the English file has (the message names the key), or no translation file at all (at `language` in `site.yaml`); the page shows the English text."
        "`nav.paths` missing from `themes/mine/i18n/nl.yaml`";
    // Warnings about guides.
    W0501 Warning
        "The guide has no `updated` date."
        "";
    W0502 Warning
        "A progression title nearly matches another guide's title (ignoring case, spaces and punctuation) but is not linked to it; the help shows the `guide:` to add."
        "`Staff/Principal Engineer` vs a guide titled `Staff Principal Engineer`";
    W0503 Warning
        "No other guide links to this guide (sites with more than one guide). Not reported while a guide file does not parse: its links are unknown."
        "";
    W0504 Warning
        "`salary.as_of` is more than 3 years older than the newest `updated` date in the site. The clock is never read, so the result is the same on every run."
        "`as_of: 2023-06` when the newest guide is from 2026-11";
    W0505 Warning
        "A published guide links to a draft, so the link goes nowhere on the built site (without `--drafts`)."
        "";
    W0506 Warning
        "A salary range's or rubric's `level` is neither in the `levels` list of `site.yaml` nor an alias of one (only when the list is given); the salary pages put unlisted levels after the listed ones. The help suggests the closest level."
        "`level: Lead` when site.yaml has `levels: [Entry, Mid, Senior]`";
    W0507 Warning
        "A guide's skill (under `skills`) matches no entry of `skills.yaml` (only when the file exists), by name or alias with case, spaces, marks and `&`/`and` ignored; the help suggests the closest entry. Common gaps are not checked: guides write them as sentences."
        "`K8S` when skills.yaml has `Kubernetes` with no such alias: did you mean `Kubernetes`?";
    W0508 Warning
        "Two entries of `skills.yaml` claim the same spelling, or their names differ by a typo."
        "`Kubernetes` and `Kubernets`";
    W0509 Warning
        "A progression item without `guide:` links to a guide only because its title equals that guide's title (ignoring case and surrounding space): the link quietly goes if either title changes. The help shows the `guide:` to add."
        "`- Data Scientist` under `transitions` when a guide is titled `Data Scientist`: add `guide: data-scientist`";
    W0510 Warning
        "Only with `lint: {one_way_transitions: true}` in `site.yaml`: a `transitions` item points at another guide (by `guide:` or by title) whose own `leads_to` and `transitions` point back at this guide in no way."
        "`data-analyst` lists a transition to `Analytics Engineer`, whose progression names neither `data-analyst` nor `Data Analyst`";
    W0511 Warning
        "A salary range pays less at both ends (`min` and `max`) than the level before it, within one guide, basis and region; levels in the order of `levels` in `site.yaml`, else the guide's order."
        "`Senior: 70000–90000` after `Mid: 80000–100000`";
    // Multilingual sites.
    E0601 Error
        "`languages` in `site.yaml` holds a tag that is not a BCP 47 language tag, names a language twice, or disagrees with `language` (which, when both are written, must be the first of `languages`)."
        "`languages: [en, de, en]`, `languages: [en, de_DE]`, `language: de` with `languages: [en, de]`";
    W0602 Warning
        "A translation (`<name>.<lang>.md`, for a language of `languages`) has no guide `<name>.md` in the default language beside it: it is published in its language, with no alternate to link to."
        "`guides/tpm.de.md` without `guides/tpm.md`";
    W0603 Warning
        "A translation's salary differs from its guide's in what does not change between languages: `currency`, `period`, the number of ranges, or a range's `min`, `max` or `median` (compared range by range; level names may be translated)."
        "`max: 150000` in `tpm.md`, `max: 15000` in `tpm.de.md`";
    W0604 Warning
        "A translation's progression leads to other guides than its guide's (targets compared through their files: a `guide:` slug of the translation's language counts as the guide it translates)."
        "`tpm.md` leads to `staff-tpm`, `tpm.de.md` to nothing";
    W0901 Warning
        "Placeholder text (`TODO:`, as `careerbook new` writes it) is left in a field or in the body, or a value still has the `# TODO:` comment `careerbook new` puts after the figures and choices it cannot write as text. `--strict` makes it fail."
        r#"`summary: "TODO: One or two sentences…"`, `min: 1  # TODO: the real figure`"#;
}

/// The entry for the text of a code, such as E0101.
pub fn by_id(id: &str) -> Option<&'static Code> {
    ALL.iter().copied().find(|c| c.id == id)
}

/// The code table as `docs/check.md` shows it: a Markdown table with the
/// columns Code, Level, What is wrong and Example.
pub fn markdown_table() -> String {
    let mut out = String::from("| Code | Level | What is wrong | Example |\n|---|---|---|---|\n");
    for c in ALL {
        let example = if c.example.is_empty() {
            String::new()
        } else {
            format!(" {}", c.example)
        };
        out.push_str(&format!(
            "| {} | {} | {} |{example} |\n",
            c.id,
            c.severity.as_str(),
            c.title
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn read(rel: &str) -> String {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// The rows of the code table in `docs/check.md`, split into cells (code,
    /// level, what is wrong, example).
    fn documented() -> Vec<Vec<String>> {
        let text = read("docs/check.md");
        let section = text
            .split("\n## Diagnostic codes\n")
            .nth(1)
            .expect("docs/check.md has a `## Diagnostic codes` section");
        let row = regex::Regex::new(r"^\|\s*[EW][0-9]{4}\b").unwrap();
        section
            .lines()
            .take_while(|l| !l.starts_with("## "))
            .filter(|l| row.is_match(l))
            .map(|l| {
                l.trim()
                    .trim_matches('|')
                    .split('|')
                    .map(|c| c.trim().to_string())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn docs_list_every_code_as_the_table_says() {
        let docs = documented();
        let mut problems = Vec::new();
        for row in &docs {
            if row.len() != 4 {
                problems.push(format!(
                    "{}: a row needs 4 cells, has {}",
                    row[0],
                    row.len()
                ));
            }
        }
        for c in ALL {
            match docs.iter().find(|r| r[0] == c.id).map(Vec::as_slice) {
                None => problems.push(format!("{c} is not documented")),
                Some([_, level, title, example]) => {
                    if level != c.severity.as_str() {
                        problems.push(format!(
                            "{c}: documented as {level}, is {}",
                            c.severity.as_str()
                        ));
                    }
                    if title != c.title {
                        problems.push(format!("{c}: documented as `{title}`, is `{}`", c.title));
                    }
                    if example != c.example {
                        problems.push(format!(
                            "{c}: example documented as `{example}`, is `{}`",
                            c.example
                        ));
                    }
                }
                Some(_) => {}
            }
        }
        for id in docs.iter().map(|r| &r[0]) {
            if by_id(id).is_none() {
                problems.push(format!("{id} is documented but not in diag::codes"));
            }
            if docs.iter().filter(|r| r[0] == *id).count() > 1 {
                problems.push(format!("{id} is documented twice"));
            }
        }
        let order: Vec<&str> = docs.iter().map(|r| r[0].as_str()).collect();
        let table: Vec<&str> = ALL.iter().map(|c| c.id).collect();
        if problems.is_empty() && order != table {
            problems.push("docs/check.md lists the codes in another order".into());
        }
        assert!(
            problems.is_empty(),
            "docs/check.md and diag::codes disagree:\n  {}\n\nthe table in docs/check.md should read:\n\n{}",
            problems.join("\n  "),
            markdown_table()
        );
    }

    #[test]
    fn the_letter_says_the_severity() {
        for c in ALL {
            let want = if c.id.starts_with('W') {
                Severity::Warning
            } else {
                Severity::Error
            };
            assert_eq!(c.severity, want, "{c}");
            assert!(!c.title.is_empty(), "{c} has no title");
        }
    }

    /// Every `.rs` file under `src/`, with its path relative to the crate.
    fn sources() -> Vec<(String, String)> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        walkdir::WalkDir::new(root.join("src"))
            .sort_by_file_name()
            .into_iter()
            .map(|e| e.expect("walk src"))
            .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
            .map(|e| {
                let rel = e.path().strip_prefix(root).unwrap();
                (rel.display().to_string(), read(&rel.to_string_lossy()))
            })
            .collect()
    }

    #[test]
    fn no_code_is_written_as_a_string() {
        let literal = regex::Regex::new(r#""[EW][0-9]{4}""#).unwrap();
        let mut found = Vec::new();
        for (file, text) in sources() {
            for (n, line) in text.lines().enumerate() {
                if literal.is_match(line) {
                    found.push(format!("{file}:{}: {}", n + 1, line.trim()));
                }
            }
        }
        assert!(
            found.is_empty(),
            "name codes by their constant in diag::codes (codes::E0101), not as strings:\n{}",
            found.join("\n")
        );
    }

    #[test]
    fn every_code_is_used_outside_tests() {
        let comment = regex::Regex::new(r"//.*").unwrap();
        let string = regex::Regex::new(r#""(?:[^"\\]|\\.)*""#).unwrap();
        let mut code = String::new();
        for (file, text) in sources() {
            if file.ends_with("codes.rs") && file.contains("diag") {
                continue;
            }
            // Test modules come last in a file.
            let text = text.split("#[cfg(test)]").next().unwrap_or("");
            for line in text.lines() {
                let line = comment.replace(line, "");
                code.push_str(&string.replace_all(&line, "\"\""));
                code.push('\n');
            }
        }
        let unused: Vec<&str> = ALL
            .iter()
            .map(|c| c.id)
            .filter(|id| {
                !regex::Regex::new(&format!(r"\b{id}\b"))
                    .unwrap()
                    .is_match(&code)
            })
            .collect();
        assert!(
            unused.is_empty(),
            "codes in diag::codes that nothing reports (remove them, and their row in docs/check.md): {unused:?}"
        );
    }

    #[test]
    fn the_docs_name_only_codes_in_the_table() {
        let mention = regex::Regex::new(r"\b[EW][0-9]{4}\b").unwrap();
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = vec!["README.md".to_string()];
        for e in std::fs::read_dir(root.join("docs")).unwrap() {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            if name.ends_with(".md") {
                files.push(format!("docs/{name}"));
            }
        }
        let mut unknown = Vec::new();
        for file in files {
            for m in mention.find_iter(&read(&file)) {
                if by_id(m.as_str()).is_none() {
                    unknown.push(format!("{file}: {}", m.as_str()));
                }
            }
        }
        assert!(unknown.is_empty(), "unknown codes in the docs: {unknown:?}");
    }
}
