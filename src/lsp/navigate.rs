//! Hover, go to definition and quick fixes: a document and a position (or
//! a range) in; the schema's description of the field under the cursor,
//! the file of the guide a `guide:` slug names, and edits that put a
//! diagnostic's suggestion in place of the text it points at out.

use crate::guide::yaml::Seg;
use crate::lsp::convert;
use crate::lsp::fields;
use crate::lsp::outline::DocKind;
use crate::lsp::outline::{self, Step};
use crate::lsp::workspace::Workspace;
use lsp_types as lsp;
use std::collections::HashMap;

/// A path as the docs write it: `salary.ranges[].min`.
fn path_text(path: &[Step]) -> String {
    let mut out = String::new();
    for step in path {
        match step {
            Step::Key(k) if out.is_empty() => out.push_str(k),
            Step::Key(k) => {
                out.push('.');
                out.push_str(k);
            }
            Step::Item => out.push_str("[]"),
        }
    }
    out
}

/// The field under the cursor and the line's bytes its token spans.
fn token_at(
    text: &str,
    kind: DocKind,
    pos: lsp::Position,
) -> Option<(Vec<Step>, Option<String>, lsp::Range)> {
    let line = convert::line(text, pos.line as usize);
    let column = convert::utf16_to_byte(line, pos.character);
    let (path, value, bytes) = outline::token(text, kind, pos.line as usize, column)?;
    let range = lsp::Range::new(
        lsp::Position::new(pos.line, convert::byte_to_utf16(line, bytes.start)),
        lsp::Position::new(pos.line, convert::byte_to_utf16(line, bytes.end)),
    );
    Some((path, value, range))
}

/// The description of the field under the cursor, and of the value there
/// when it is one of an enumeration's or a guide's slug.
pub(crate) fn hover(
    text: &str,
    kind: DocKind,
    pos: lsp::Position,
    site: Option<&Workspace>,
) -> Option<lsp::Hover> {
    let (path, value, range) = token_at(text, kind, pos)?;
    let root = fields::root(kind);
    let field = fields::field(root, &path)?;
    let mut shown = format!("**`{}`**: {}", path_text(&path), field.kind);
    if field.required {
        shown.push_str(", required");
    }
    if !field.description.is_empty() {
        shown.push_str("\n\n");
        shown.push_str(&field.description);
    }
    if let Some(value) = &value {
        let described = fields::values_at(root, &path)
            .into_iter()
            .find(|(v, _)| v == value)
            .filter(|(_, d)| !d.is_empty());
        if let Some((v, d)) = described {
            shown.push_str(&format!("\n\n`{v}`: {d}"));
        }
        if path.last() == Some(&Step::Key("guide".into())) {
            if let Some(g) = site.and_then(|s| s.guide(value)) {
                shown.push_str(&format!(
                    "\n\n`{value}`: **{}** (`{}`)",
                    g.front.title,
                    g.source.path.display()
                ));
            }
        }
    }
    Some(lsp::Hover {
        contents: lsp::HoverContents::Markup(lsp::MarkupContent {
            kind: lsp::MarkupKind::Markdown,
            value: shown,
        }),
        range: Some(range),
    })
}

/// The file of the guide a `guide:` slug under the cursor names, at its
/// `slug:` line when it has one.
pub(crate) fn definition(
    text: &str,
    pos: lsp::Position,
    site: &Workspace,
) -> Option<lsp::Location> {
    let (path, value, _) = token_at(text, DocKind::Guide, pos)?;
    if path.last() != Some(&Step::Key("guide".into())) {
        return None;
    }
    let g = site.guide(value.as_deref()?)?;
    let uri = convert::path_to_uri(&site.root().join(&g.source.path))?;
    let start = if g.front.slug.is_some() {
        let (line, column) = g.position(&[Seg::Key("slug")]);
        lsp::Position::new(
            line.saturating_sub(1) as u32,
            column.saturating_sub(1) as u32,
        )
    } else {
        lsp::Position::new(0, 0)
    };
    Some(lsp::Location::new(uri, lsp::Range::new(start, start)))
}

/// Whether two ranges share a position.
fn overlaps(a: &lsp::Range, b: &lsp::Range) -> bool {
    let key = |p: &lsp::Position| (p.line, p.character);
    key(&a.start) <= key(&b.end) && key(&b.start) <= key(&a.end)
}

/// A quick fix for each diagnostic in `range` that suggests a
/// replacement: the suggestion in place of the text the diagnostic covers.
pub(crate) fn quick_fixes(
    uri: &lsp::Uri,
    range: &lsp::Range,
    published: &[lsp::Diagnostic],
) -> Vec<lsp::CodeActionOrCommand> {
    published
        .iter()
        .filter(|d| overlaps(&d.range, range))
        .filter_map(|d| {
            let with = d.data.as_ref()?.get("replace_with")?.as_str()?;
            let edit = lsp::TextEdit::new(d.range, with.to_string());
            Some(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                title: format!("Replace with `{with}`"),
                kind: Some(lsp::CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![d.clone()]),
                edit: Some(lsp::WorkspaceEdit {
                    changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
                    ..Default::default()
                }),
                is_preferred: Some(true),
                ..Default::default()
            }))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hover_shows_the_schema_description() {
        let text = "---\nsalary:\n  period: year\n---\n";
        let h = hover(text, DocKind::Guide, lsp::Position::new(2, 4), None).unwrap();
        let lsp::HoverContents::Markup(m) = h.contents else {
            panic!()
        };
        assert_eq!(
            m.value,
            "**`salary.period`**: year | month | hour, required\n\n`year`, `month` or `hour`."
        );
        assert_eq!(
            h.range,
            Some(lsp::Range::new(
                lsp::Position::new(2, 2),
                lsp::Position::new(2, 8)
            ))
        );
        let h = hover(text, DocKind::Guide, lsp::Position::new(2, 11), None).unwrap();
        let lsp::HoverContents::Markup(m) = h.contents else {
            panic!()
        };
        assert!(m.value.ends_with("\n\n`year`: Per year."), "{}", m.value);
        assert!(hover(text, DocKind::Guide, lsp::Position::new(4, 0), None).is_none());
    }

    #[test]
    fn quick_fixes_replace_the_range_with_the_suggestion() {
        let uri: lsp::Uri = "file:///s/guides/a.md".parse().unwrap();
        let at = lsp::Range::new(lsp::Position::new(1, 0), lsp::Position::new(1, 6));
        let d = lsp::Diagnostic {
            range: at,
            message: "m".into(),
            data: Some(serde_json::json!({"replace_with": "salary"})),
            ..Default::default()
        };
        let plain = lsp::Diagnostic {
            data: None,
            ..d.clone()
        };
        let cursor = lsp::Range::new(lsp::Position::new(1, 3), lsp::Position::new(1, 3));
        let fixes = quick_fixes(&uri, &cursor, &[d, plain]);
        assert_eq!(fixes.len(), 1);
        let lsp::CodeActionOrCommand::CodeAction(a) = &fixes[0] else {
            panic!()
        };
        assert_eq!(a.title, "Replace with `salary`");
        let edits = &a.edit.as_ref().unwrap().changes.as_ref().unwrap()[&uri];
        assert_eq!(edits, &vec![lsp::TextEdit::new(at, "salary".into())]);
        let elsewhere = lsp::Range::new(lsp::Position::new(3, 0), lsp::Position::new(3, 1));
        assert!(quick_fixes(&uri, &elsewhere, &[]).is_empty());
    }
}
