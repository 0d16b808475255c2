//! Unit tests of [`super`].

use super::*;

#[test]
fn split_accepts_crlf() {
    let text = "---\r\ntitle: x\r\n---\r\nbody\r\n";
    let s = split(Path::new("a.md"), text).unwrap();
    assert_eq!(s.yaml, "title: x\r\n");
    assert_eq!(s.body, "body\r\n");
}

#[test]
fn split_reports_unterminated() {
    let d = split(Path::new("a.md"), "---\ntitle: x\n").unwrap_err();
    assert!(d.message.contains("not closed"));
}

fn parse(yaml: &str) -> Result<Guide, Vec<Diagnostic>> {
    parse_guide(&SourceFile {
        path: "guides/g.md".into(),
        text: format!("---\n{yaml}---\nBody\n").into(),
    })
}

/// The code, field, line and column of each diagnostic.
fn found(yaml: &str) -> Vec<(&'static str, String, usize, usize)> {
    let diags = parse(yaml).err().unwrap_or_default();
    diags
        .into_iter()
        .map(|d| (d.code.id, d.field, d.line, d.column))
        .collect()
}

const BASE: &str = "title: T\nsummary: S\nresponsibilities: [a]\nskills: [b]\n";

#[test]
fn a_str_tag_makes_text() {
    let yaml = "title: !!str 123\nsummary: S\nresponsibilities: [a]\nskills: [b]\n";
    assert_eq!(found(yaml), []);
    assert_eq!(parse(yaml).unwrap().front.title, "123");
}

#[test]
fn an_alias_is_checked_like_the_value_it_copies() {
    let aliased = found(&format!(
        "{BASE}family: &c not-a-code\ncodes: {{isco: *c}}\n"
    ));
    assert_eq!(aliased, [(codes::E0106.id, "codes.isco".into(), 7, 15)]);
    let written = found(&format!("{BASE}codes: {{isco: not-a-code}}\n"));
    assert_eq!(written, [(codes::E0106.id, "codes.isco".into(), 6, 15)]);
}

#[test]
fn a_guide_with_aliases_reads_as_if_written_out() {
    let link = "{title: BLS, url: 'https://www.bls.gov/'}";
    let aliased = [
        "title: T",
        "summary: &s Builds things.",
        "responsibilities: &r [Design, Build]",
        "skills: *r",
        "alt_titles: [*s]",
        "salary:",
        "  currency: USD",
        "  period: year",
        &format!("  source: &src {link}"),
        "  ranges:",
        "    - {level: Entry, min: 1, max: 2, source: *src}",
        "sources: [*src]",
        "",
    ];
    let written = [
        "title: T",
        "summary: Builds things.",
        "responsibilities: [Design, Build]",
        "skills: [Design, Build]",
        "alt_titles: [Builds things.]",
        "salary:",
        "  currency: USD",
        "  period: year",
        &format!("  source: {link}"),
        "  ranges:",
        &format!("    - {{level: Entry, min: 1, max: 2, source: {link}}}"),
        &format!("sources: [{link}]"),
        "",
    ];
    let aliased = parse(&aliased.join("\n")).unwrap();
    let written = parse(&written.join("\n")).unwrap();
    assert_eq!(aliased.front, written.front);
    assert_eq!(aliased.front.skills, ["Design", "Build"]);
}

#[test]
fn an_unknown_alias_is_an_error_at_its_line_and_column() {
    let diags = parse(&format!("{BASE}tags: [x, *nope]\n")).unwrap_err();
    assert_eq!(diags.len(), 1, "{diags:?}");
    let d = &diags[0];
    assert_eq!(
        (d.code.id, d.line, d.column),
        (codes::E0003.id, 6, 11),
        "{d:?}"
    );
    assert!(d.message.contains("`*nope`"), "{d:?}");
}

#[test]
fn decode_strips_bom_and_names_bad_byte() {
    assert_eq!(decode(Path::new("a"), b"\xEF\xBB\xBFhi").unwrap(), "hi");
    let d = decode(Path::new("a"), b"ab\ncd\xFF").unwrap_err();
    assert!(d.message.contains("offset 5"), "{}", d.message);
    assert_eq!((d.line, d.column), (2, 3));
}

#[test]
fn unclosed_front_matter_points_where_the_text_starts() {
    let rel = Path::new("a.md");
    let text = "---\ntitle: T\nsummary: S\n\n# Overview\n\nThe role is about\npeople.\n";
    let d = split(rel, text).unwrap_err();
    assert_eq!((d.code, d.line, d.column), (codes::E0002, 5, 1), "{d:?}");
    assert_eq!(
        d.help.as_deref(),
        Some("add a line `---` above line 5, where the text of the guide starts, to end the front matter that line 1 opens")
    );
    let d = split(rel, "---\ntitle: T\nskills:\n  - a\nThe role.\n").unwrap_err();
    assert_eq!(d.line, 5, "{d:?}");
    // All of it reads as front matter: the `---` goes after the last line.
    let d = split(rel, "---\ntitle: T\nsummary: S\n\n").unwrap_err();
    assert_eq!(d.line, 3, "{d:?}");
    assert!(d.help.unwrap().contains("below line 3"));
}

#[test]
fn a_yaml_mistake_is_reported_at_its_file_line_with_file_lines_in_the_help() {
    // `updated` on line 6 lacks its colon; the parser notices at the
    // closing `---` on line 7.
    let text = "---\ntitle: T\nsummary: S\nresponsibilities: [a]\nskills: [b]\nupdated 2026-01-01\n---\nBody\n";
    let diags = parse_guide(&SourceFile {
        path: "guides/g.md".into(),
        text: text.into(),
    })
    .unwrap_err();
    let d = &diags[0];
    assert_eq!((d.code, d.line, d.column), (codes::E0003, 6, 1), "{d:?}");
    assert_eq!(d.help.as_deref(), Some("write `updated: 2026-01-01`"));
    // A help that names another line names it as the file numbers it.
    let yaml = "title: T\nsummary: S\nresponsibilities: [a]\nskills: [b]\nsalary:\n  currency: USD\n  period: year\n  ranges:\n    - level: Mid\n    region: US\n      min: 1\n      max: 2\n";
    let d = &parse(yaml).unwrap_err()[0];
    assert_eq!((d.line, d.column), (11, 5), "{d:?}");
    assert_eq!(
        d.message,
        "`region` is indented 4 spaces; the other fields of this salary range use 6"
    );
    assert_eq!(
        d.help.as_deref(),
        Some("indent `region` with 6 spaces, like `level` on line 10")
    );
}
