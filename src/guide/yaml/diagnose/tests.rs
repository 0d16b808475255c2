//! Unit tests of [`super`]: each kind of mistake at its line, column and
//! help; the YAML test suite's error cases; and every one-line mistake
//! made in real guides, explained at the line that was changed.

use crate::guide::yaml::{parse_tree, parse_tree_at, YamlError};

fn err(text: &str) -> YamlError {
    parse_tree(text).expect_err(text)
}

/// A guide's front matter, as careerbook's scaffold indents it; line
/// numbers below are lines of this text.
const GUIDE: &str = "\
title: Data Engineer
summary: Builds pipelines.
updated: 2026-01-01
responsibilities:
  - Build pipelines
skills:
  - SQL
requirements:
  education: A degree.
  experience: Two years.
salary:
  currency: USD
  period: year
  ranges:
    - level: Mid
      region: US
      min: 100000
      max: 150000
";

/// The guide with `from` replaced by `to` (once).
fn guide(from: &str, to: &str) -> String {
    assert!(GUIDE.contains(from), "{from}");
    GUIDE.replacen(from, to, 1)
}

/// Asserts the error's line, column, message and help.
fn says(text: &str, line: usize, column: usize, message: &str, help: &str) {
    let e = err(text);
    assert_eq!(
        (e.line, e.column, e.message.as_str(), e.help.as_deref()),
        (line, column, message, Some(help)),
        "{text}"
    );
}

#[test]
fn the_guide_reads() {
    assert!(parse_tree(GUIDE).is_ok());
}

#[test]
fn a_field_indented_less_than_its_siblings() {
    says(
        &guide("      region: US", "    region: US"),
        16,
        5,
        "`region` is indented 4 spaces; the other fields of this salary range use 6",
        "indent `region` with 6 spaces, like `level` on line 15",
    );
    says(
        &guide("  experience:", " experience:"),
        10,
        2,
        "`experience` is indented 1 space; the other fields of `requirements` use 2",
        "indent `experience` with 2 spaces, like `education` on line 9",
    );
}

#[test]
fn a_field_indented_more_than_its_siblings() {
    says(
        &guide("  experience:", "    experience:"),
        10,
        5,
        "`experience` is indented 4 spaces; the other fields of `requirements` use 2",
        "indent `experience` with 2 spaces, like `education` on line 9",
    );
    // The first field is the odd one: the next one is where the file's
    // habit (2 spaces under the key) puts it.
    says(
        &guide("  education:", "    education:"),
        9,
        5,
        "`education` is indented 4 spaces; the other fields of `requirements` use 2, as `experience` on line 10 does",
        "indent `education` with 2 spaces, like `experience` on line 10",
    );
    says(
        &guide("title:", "  title:"),
        1,
        3,
        "`title` is indented 2 spaces; the top-level fields are not indented",
        "start `title` at the beginning of the line, like `summary` on line 2",
    );
}

#[test]
fn a_tab_used_for_indentation() {
    let text = guide("  experience:", "\texperience:");
    says(
        &text,
        10,
        1,
        "`experience` is indented with a tab; YAML indentation must be spaces",
        "replace the tab with 2 spaces, like `education` on line 9",
    );
    // The parser itself stops at the line above, inside `A degree.`.
    let mut parser = yaml_rust2::parser::Parser::new_from_str(&text);
    let stopped = loop {
        if let Err(e) = parser.next_token() {
            break e;
        }
    };
    assert_eq!(stopped.marker().line(), 9);
    says(
        &guide("  - SQL", "\t- SQL"),
        7,
        1,
        "`- SQL` is indented with a tab; YAML indentation must be spaces",
        "replace the tab with 2 spaces to put `- SQL` under `skills`",
    );
}

#[test]
fn a_tab_after_a_colon() {
    says(
        &guide("title: Data", "title:\tData"),
        1,
        7,
        "a tab follows `title:`; careerbook reads a field's value only after a space",
        "put a space after the colon instead of the tab: `title: Data Engineer`",
    );
}

#[test]
fn a_missing_colon_is_found_on_its_own_line() {
    // The parser notices only at the next line, or at the end of the text.
    says(
        &guide("      max: 150000", "      max 150000"),
        18,
        7,
        "`max 150000` has no `:` after the field name",
        "write `max: 150000`",
    );
    says(
        &guide("updated: 2026-01-01", "updated 2026-01-01"),
        3,
        1,
        "`updated 2026-01-01` has no `:` after the field name",
        "write `updated: 2026-01-01`",
    );
    says(
        &guide("skills:", "skills"),
        6,
        1,
        "`skills` has no `:` after it",
        "write `skills:` followed by its value",
    );
    // Prose most likely goes on with the text above it.
    says(
        &guide("updated: 2026-01-01", "and keeps them running"),
        3,
        1,
        "`and keeps them running` has no `:` after the field name",
        "if it goes on with the text of `summary` on line 2, indent it by 2 spaces; if it is a field, write it as `and: keeps them running`",
    );
}

#[test]
fn an_unclosed_quote_or_bracket() {
    says(
        &guide("title: Data Engineer", "title: \"Data Engineer"),
        1,
        8,
        "the quote `\"` that opens the value of `title` is never closed",
        "end the value with `\"` on this line: `title: \"Data Engineer\"`",
    );
    says(
        &guide("skills:\n  - SQL", "skills: [SQL, Python"),
        6,
        9,
        "the list of `skills` opens with `[` but is never closed",
        "end it with `]` after its last item: `skills: [SQL, Python]`",
    );
    says(
        &guide(
            "requirements:\n  education: A degree.\n  experience: Two years.",
            "requirements: {education: A degree.",
        ),
        8,
        15,
        "the group of fields of `requirements` opens with `{` but is never closed",
        "end it with `}` after its last item: `requirements: {education: A degree.}`",
    );
}

#[test]
fn a_key_where_a_list_item_was_expected() {
    says(
        &guide("  - SQL\n", "  - SQL\n  Python:\n"),
        8,
        3,
        "`Python:` sits among the items of the list `skills`, but has no `- ` before it",
        "write `- Python` to make it an item, like `- SQL` on line 7, or start `Python` at the beginning of the line if it is a field of its own",
    );
    says(
        &guide("  - SQL\n", "  - SQL\n  Python\n"),
        8,
        3,
        "`Python` sits among the items of the list `skills`, but has no `- ` before it",
        "write `- Python` to make it an item, like `- SQL` on line 7",
    );
    says(
        &guide("  - SQL\n", "  - SQL\n  -Python\n"),
        8,
        3,
        "`-Python` has no space after its `-`, so it is not a list item",
        "write `- Python`",
    );
}

#[test]
fn stray_text_after_a_value() {
    says(
        &guide("title: Data Engineer", "title: \"Data\" Engineer"),
        1,
        15,
        "`Engineer` follows the closing quote of the value of `title`",
        "to keep the quotes as text, put the whole value in single quotes: `title: '\"Data\" Engineer'`",
    );
    says(
        &guide("title: Data Engineer", "title: 'Data Engineer's guide'"),
        1,
        22,
        "the `'` after `Data Engineer` ends the value of `title` early",
        "inside single quotes write an apostrophe twice (`title: 'Data Engineer''s guide'`), or use double quotes: `title: \"Data Engineer's guide\"`",
    );
    says(
        &guide("skills:\n  - SQL", "skills: [SQL] Python"),
        6,
        15,
        "`Python` follows the end of the value of `skills`",
        "put it inside the brackets with the other items (`skills: [SQL, Python]`), or delete it",
    );
    says(
        &guide(
            "summary: Builds pipelines.",
            "summary: Note: builds pipelines.",
        ),
        2,
        14,
        "the value of `summary` holds `: `, which YAML reads as the start of another field",
        "put the value in quotes: `summary: \"Note: builds pipelines.\"`",
    );
}

#[test]
fn the_first_line_of_a_text_block_sets_its_indentation() {
    says(
        "a: |\n      one\n    two\n    three\n",
        2,
        1,
        "the first line of the text of `a` is indented 6 spaces; the line after it uses 4",
        "indent line 2 with 4 spaces, like line 3: the first line sets the indentation of the whole text",
    );
}

/// The error cases of the YAML test suite (github.com/yaml/yaml-test-suite,
/// `src/<id>.yaml`) whose text is a mapping or list gone wrong: the line
/// careerbook names is the one an author must change.
#[test]
fn yaml_test_suite_error_cases() {
    let cases = [
        // Invalid value after mapping.
        (
            "236B",
            "foo:\n  bar\ninvalid\n",
            3,
            "`invalid` has no `:` after it",
        ),
        // Invalid scalar at the end of sequence.
        (
            "6S55",
            "key:\n - bar\n - baz\n invalid\n",
            4,
            "`invalid` sits among the items of the list `key`, but has no `- ` before it",
        ),
        // Missing colon.
        (
            "7MNF",
            "top1:\n  key1: val1\ntop2\n",
            3,
            "`top2` has no `:` after it",
        ),
        // Invalid scalar at the end of mapping.
        (
            "9CWY",
            "key:\n - item1\n - item2\ninvalid\n",
            4,
            "`invalid` has no `:` after it",
        ),
        // Comment that looks like a mapping key.
        (
            "GDY7",
            "key: value\nthis is #not a: key\n",
            2,
            "`this is` has no `:` after the field name",
        ),
        // Invalid scalar after sequence.
        (
            "TD5N",
            "- item1\n- item2\ninvalid\n",
            3,
            "`invalid` sits among the items of a list, but has no `- ` before it",
        ),
    ];
    for (id, text, line, message) in cases {
        let e = err(text);
        assert_eq!((e.line, e.message.as_str()), (line, message), "{id}: {e:?}");
        assert!(e.help.is_some(), "{id}");
    }
    let e = err("key: value\nthis is #not a: key\n");
    assert!(
        e.help.unwrap().contains("` #` starts a comment"),
        "GDY7 says why `a: key` is not read"
    );
}

#[test]
fn what_cannot_be_explained_keeps_the_parsers_place_in_plainer_words() {
    let e = err("a: b\n? c\n: d\ne\n");
    assert_eq!(e.line, 5 - 1 + 1);
    assert!(
        e.message
            .starts_with("the YAML cannot be read from here on"),
        "{e:?}"
    );
    assert!(!e.message.contains(")) "), "{e:?}");
    let e = err("a: \"x\\q\"\n");
    assert_eq!((e.line, e.column), (1, 4));
    assert!(e.message.contains("escape"), "{e:?}");
}

/// The guides a mutation is tried on: the scaffold's example, the
/// repository's own guides.
fn real_guides() -> Vec<String> {
    let mut out = vec![
        include_str!("../../../cli/scaffold/example-guide.md").to_string(),
        include_str!("../../../cli/scaffold/new-guide.md")
            .replace("{title}", "\"Data Engineer\"")
            .replace("{family}", "\"Data\""),
    ];
    for path in [
        "guides/engineering-manager-platform-infrastructure.md",
        "guides/product-manager-developer-experience-platform.md",
        "guides/senior-technical-program-manager.md",
        "tests/fixtures/site/guides/data-analyst.md",
        "tests/fixtures/site/guides/barista-trainer.md",
    ] {
        let path = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
        out.push(std::fs::read_to_string(path).unwrap());
    }
    out.into_iter()
        .map(|g| {
            let rest = g.strip_prefix("---\n").unwrap();
            rest[..rest.find("\n---").unwrap() + 1].to_string()
        })
        .collect()
}

/// One-line mistakes an author makes, as (what, the changed line).
fn mutations(line: &str) -> Vec<(&'static str, String)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let body = &line[indent..];
    let mut out = Vec::new();
    if body.is_empty() || body.starts_with('#') {
        return out;
    }
    if indent >= 1 {
        out.push(("dedent 1", format!("{}{body}", " ".repeat(indent - 1))));
        out.push(("tab", format!("\t{body}")));
    }
    if indent >= 2 {
        out.push(("dedent 2", format!("{}{body}", " ".repeat(indent - 2))));
    }
    out.push(("indent 2", format!("{}{body}", " ".repeat(indent + 2))));
    if let Some(c) = body.find(": ") {
        if !body.starts_with("- ") && !body[..c].contains(['"', '\'', '[', '{']) {
            out.push((
                "no colon",
                format!("{}{} {}", " ".repeat(indent), &body[..c], &body[c + 2..]),
            ));
            out.push((
                "tab after colon",
                format!("{}{}:\t{}", " ".repeat(indent), &body[..c], &body[c + 2..]),
            ));
        }
    }
    let trimmed = line.trim_end();
    if trimmed.ends_with('"') && trimmed.matches('"').count() == 2 {
        out.push(("unclosed quote", trimmed[..trimmed.len() - 1].to_string()));
    }
    if trimmed.ends_with(']') && trimmed.matches(']').count() == 1 && !trimmed.contains('"') {
        out.push(("unclosed flow", trimmed[..trimmed.len() - 1].to_string()));
    }
    out
}

#[test]
fn one_line_mistakes_in_real_guides_are_explained_at_their_line() {
    let (mut tried, mut failed, mut right, mut plain) = (0, 0, 0, 0);
    let mut wrong = Vec::new();
    for guide in real_guides() {
        let lines: Vec<&str> = guide.lines().collect();
        for (n, line) in lines.iter().enumerate() {
            for (what, changed) in mutations(line) {
                tried += 1;
                let mut edited = lines.clone();
                edited[n] = &changed;
                let text = edited.join("\n") + "\n";
                let Err(e) = parse_tree_at(&text, 1) else {
                    continue;
                };
                failed += 1;
                if e.message.contains("the YAML parser says") {
                    plain += 1;
                }
                if e.line == n + 1 {
                    right += 1;
                } else {
                    wrong.push(format!(
                        "{what} on line {}: {changed:?}\n  reported at {}:{} {}\n  help: {:?}",
                        n + 1,
                        e.line,
                        e.column,
                        e.message,
                        e.help
                    ));
                }
            }
        }
    }
    let summary =
        format!("{tried} edits, {failed} not YAML, {right} at their line, {plain} unexplained");
    assert!(wrong.is_empty(), "{summary}\n{}", wrong.join("\n"));
    assert_eq!(plain, 0, "{summary}");
    assert!(failed > 2000, "{summary}");
}
