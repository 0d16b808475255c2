//! Completion: a document, a position and its site in; what may be
//! written there out. Where a key goes, the fields the mapping may have
//! (with the schema's descriptions); in a value, what the field allows:
//! an enumeration's values, a currency code, `true`/`false`, the slug of a
//! guide (with its title), or a family, tag, employer, sector or skill the
//! site's guides already use.

use crate::lsp::convert;
use crate::lsp::fields::{self, Field};
use crate::lsp::outline::DocKind;
use crate::lsp::outline::{self, Step};
use crate::lsp::workspace::Workspace;
use crate::util::text::skill_key;
use lsp_types as lsp;
use std::collections::BTreeMap;

/// The completions at `pos` in `text`, a document of `kind`.
pub(crate) fn complete(
    text: &str,
    kind: DocKind,
    pos: lsp::Position,
    site: Option<&Workspace>,
) -> Vec<lsp::CompletionItem> {
    let n = pos.line as usize;
    let line = convert::line(text, n);
    let column = convert::utf16_to_byte(line, pos.character);
    let Some(cursor) = outline::cursor(text, kind, n, column) else {
        return Vec::new();
    };
    let root = fields::root(kind);
    let range = lsp::Range::new(
        lsp::Position::new(pos.line, convert::byte_to_utf16(line, cursor.word.start)),
        lsp::Position::new(pos.line, convert::byte_to_utf16(line, cursor.word.end)),
    );
    let mut items = Vec::new();
    if cursor.in_value {
        let lead = if cursor.after_colon { " " } else { "" };
        values(root, kind, &cursor.path, site, &mut items);
        return finish(items, range, lead);
    }
    let mut path = cursor.path;
    let mut lead = "";
    // On a line of its own under a list's key: an item, once `- ` is written.
    let is_list = !path.is_empty()
        && fields::allows(root, &path, "array")
        && !fields::allows(root, &path, "object");
    if !cursor.dashed && is_list {
        path.push(Step::Item);
        lead = "- ";
    }
    for f in fields::fields_at(root, &path) {
        if !cursor.present.contains(&f.name) {
            items.push(key_item(f, cursor.keyed));
        }
    }
    if path.last() == Some(&Step::Item) && cursor.present.is_empty() {
        values(root, kind, &path, site, &mut items);
    }
    finish(items, range, lead)
}

/// Every item replaces the word at the cursor, `lead` before it.
fn finish(
    mut items: Vec<lsp::CompletionItem>,
    range: lsp::Range,
    lead: &str,
) -> Vec<lsp::CompletionItem> {
    for item in &mut items {
        let text = item
            .insert_text
            .take()
            .unwrap_or_else(|| item.label.clone());
        item.filter_text = Some(item.label.clone());
        item.text_edit = Some(lsp::CompletionTextEdit::Edit(lsp::TextEdit::new(
            range,
            format!("{lead}{text}"),
        )));
    }
    items
}

/// A field name; with its `:` unless the line has one after the word.
fn key_item(f: Field, keyed: bool) -> lsp::CompletionItem {
    let detail = if f.required {
        format!("{} (required)", f.kind)
    } else {
        f.kind.clone()
    };
    let insert = if keyed {
        f.name.clone()
    } else if f.nested {
        format!("{}:", f.name)
    } else {
        format!("{}: ", f.name)
    };
    lsp::CompletionItem {
        label: f.name.clone(),
        kind: Some(lsp::CompletionItemKind::FIELD),
        detail: Some(detail),
        documentation: (!f.description.is_empty()).then(|| markdown(f.description)),
        // Required fields first, then the others, each by name.
        sort_text: Some(format!("{}{}", u8::from(!f.required), f.name)),
        insert_text: Some(insert),
        ..Default::default()
    }
}

fn markdown(text: String) -> lsp::Documentation {
    lsp::Documentation::MarkupContent(lsp::MarkupContent {
        kind: lsp::MarkupKind::Markdown,
        value: text,
    })
}

/// What the value at `path` may be.
fn values(
    root: &'static serde_json::Value,
    kind: DocKind,
    path: &[Step],
    site: Option<&Workspace>,
    items: &mut Vec<lsp::CompletionItem>,
) {
    for (value, description) in fields::values_at(root, path) {
        items.push(lsp::CompletionItem {
            label: value,
            kind: Some(lsp::CompletionItemKind::ENUM_MEMBER),
            documentation: (!description.is_empty()).then(|| markdown(description)),
            ..Default::default()
        });
    }
    if fields::allows(root, path, "boolean") {
        for value in ["true", "false"] {
            items.push(lsp::CompletionItem {
                label: value.into(),
                kind: Some(lsp::CompletionItemKind::VALUE),
                ..Default::default()
            });
        }
    }
    let name = |i: usize| match path.len().checked_sub(i).map(|j| &path[j]) {
        Some(Step::Key(k)) => k.as_str(),
        _ => "",
    };
    match kind {
        DocKind::Site => return,
        DocKind::Skills => {
            // A name or an alias: the spellings guides use that no entry
            // claims yet, most used first.
            if matches!((name(1), name(2)), ("name", _) | ("", "aliases")) {
                unclaimed_skills(site, items);
            }
            return;
        }
        DocKind::Guide => {}
    }
    match (name(1), name(2)) {
        ("currency", _) => {
            for code in crate::util::currency::CODES {
                items.push(lsp::CompletionItem {
                    label: (*code).into(),
                    kind: Some(lsp::CompletionItemKind::VALUE),
                    ..Default::default()
                });
            }
        }
        ("guide", _) => {
            for g in site.into_iter().flat_map(Workspace::guides) {
                items.push(lsp::CompletionItem {
                    label: g.slug.clone(),
                    kind: Some(lsp::CompletionItemKind::REFERENCE),
                    detail: Some(g.front.title.clone()),
                    documentation: Some(markdown(format!(
                        "**{}**\n\n`{}`",
                        g.front.title,
                        g.source.path.display()
                    ))),
                    ..Default::default()
                });
            }
        }
        ("family", _) => used(site, |g, out| out.extend(g.front.family.clone()), items),
        ("", "tags") => used(
            site,
            |g, out| out.extend(g.front.tags.iter().cloned()),
            items,
        ),
        ("", "skills") => {
            // The site's skills first (with their descriptions), then the
            // spellings guides use that no entry claims.
            let catalog = site.map_or(&[][..], Workspace::catalog);
            for (i, e) in catalog.iter().enumerate() {
                items.push(lsp::CompletionItem {
                    insert_text: Some(scalar(&e.name)),
                    label: e.name.clone(),
                    kind: Some(lsp::CompletionItemKind::CONSTANT),
                    detail: Some(format!("in {}", crate::guide::skills::SKILLS_FILE)),
                    documentation: e.description.clone().map(markdown),
                    sort_text: Some(format!("0{i:06}")),
                    ..Default::default()
                });
            }
            let from = items.len();
            unclaimed_skills(site, items);
            for item in &mut items[from..] {
                item.sort_text = item.sort_text.take().map(|t| format!("1{t}"));
            }
        }
        ("", "employers") => used(
            site,
            |g, out| {
                out.extend(
                    g.front
                        .hiring
                        .iter()
                        .flat_map(|h| h.employers.iter().cloned()),
                )
            },
            items,
        ),
        ("", "sectors") => used(
            site,
            |g, out| {
                out.extend(
                    g.front
                        .hiring
                        .iter()
                        .flat_map(|h| h.sectors.iter().cloned()),
                )
            },
            items,
        ),
        _ => {}
    }
}

/// The values `take` finds in the site's guides, the most used first.
/// The spellings of skills the site's guides use that no entry of its
/// `skills.yaml` claims (by name or alias), most used first.
fn unclaimed_skills(site: Option<&Workspace>, items: &mut Vec<lsp::CompletionItem>) {
    let known: std::collections::HashSet<String> = site
        .map_or(&[][..], Workspace::catalog)
        .iter()
        .flat_map(|e| std::iter::once(&e.name).chain(&e.aliases))
        .map(|s| skill_key(s))
        .collect();
    used(
        site,
        |g, out| {
            out.extend(
                g.front
                    .skills
                    .iter()
                    .filter(|s| !known.contains(&skill_key(s)))
                    .cloned(),
            )
        },
        items,
    );
}

fn used(
    site: Option<&Workspace>,
    take: impl Fn(&crate::guide::load::Guide, &mut Vec<String>),
    items: &mut Vec<lsp::CompletionItem>,
) {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut found = Vec::new();
    for g in site.into_iter().flat_map(Workspace::guides) {
        found.clear();
        take(g, &mut found);
        found.sort();
        found.dedup();
        for v in found.drain(..) {
            *counts.entry(v).or_default() += 1;
        }
    }
    let mut ranked: Vec<(String, usize)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    for (i, (value, n)) in ranked.into_iter().enumerate() {
        items.push(lsp::CompletionItem {
            insert_text: Some(scalar(&value)),
            label: value,
            kind: Some(lsp::CompletionItemKind::VALUE),
            detail: Some(format!(
                "used in {n} guide{}",
                if n == 1 { "" } else { "s" }
            )),
            sort_text: Some(format!("{i:06}")),
            ..Default::default()
        });
    }
}

/// `text` as a YAML value that reads back as this text: plain when it
/// can be, else double-quoted (JSON's escapes are YAML's).
fn scalar(text: &str) -> String {
    use crate::guide::yaml::typing::{plain, Plain};
    let special = text.starts_with([
        '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@',
        '`', ' ',
    ]) || text.ends_with(' ')
        || text.contains(": ")
        || text.contains(" #")
        || text.ends_with(':')
        || text.contains(['\n', '\r', '\t']);
    if special || plain(text) != Plain::Str {
        serde_json::to_string(text).unwrap_or_default()
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(text: &str, line: u32, character: u32) -> Vec<String> {
        complete(
            text,
            DocKind::Guide,
            lsp::Position::new(line, character),
            None,
        )
        .into_iter()
        .map(|i| i.label)
        .collect()
    }

    fn edit(item: &lsp::CompletionItem) -> (lsp::Range, String) {
        match &item.text_edit {
            Some(lsp::CompletionTextEdit::Edit(e)) => (e.range, e.new_text.clone()),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn keys_at_the_top_skip_those_written() {
        let text = "---\ntitle: T\nsu\n---\n";
        let items = complete(text, DocKind::Guide, lsp::Position::new(2, 2), None);
        let names: Vec<&str> = items.iter().map(|i| i.label.as_str()).collect();
        assert!(
            names.contains(&"summary") && !names.contains(&"title"),
            "{names:?}"
        );
        let summary = items.iter().find(|i| i.label == "summary").unwrap();
        assert_eq!(
            edit(summary),
            (
                lsp::Range::new(lsp::Position::new(2, 0), lsp::Position::new(2, 2)),
                "summary: ".into()
            )
        );
        assert_eq!(summary.detail.as_deref(), Some("text (required)"));
        let salary = items.iter().find(|i| i.label == "salary").unwrap();
        assert_eq!(edit(salary).1, "salary:");
        // Renaming a key keeps its colon and value.
        let items = complete(
            "---\ntitel: T\n---\n",
            DocKind::Guide,
            lsp::Position::new(1, 2),
            None,
        );
        let title = items.iter().find(|i| i.label == "title").unwrap();
        assert_eq!(
            edit(title),
            (
                lsp::Range::new(lsp::Position::new(1, 0), lsp::Position::new(1, 5)),
                "title".into()
            )
        );
    }

    #[test]
    fn values_of_enumerations_and_booleans() {
        let text = "---\nsalary:\n  period:\n  ranges:\n    - basis: \ndraft: t\n---\n";
        assert_eq!(labels(text, 2, 9), ["year", "month", "hour"]);
        let item = &complete(text, DocKind::Guide, lsp::Position::new(2, 9), None)[0];
        assert_eq!(edit(item).1, " year");
        assert_eq!(labels(text, 4, 13), ["base", "total"]);
        assert_eq!(labels(text, 5, 8), ["true", "false"]);
        assert!(labels("---\nsalary:\n  currency: E\n---\n", 2, 13).contains(&"EUR".to_string()));
    }

    #[test]
    fn a_line_under_a_list_key_becomes_an_item() {
        let text = "---\nresources:\n  \n---\n";
        let items = complete(text, DocKind::Guide, lsp::Position::new(2, 2), None);
        let kind = items.iter().find(|i| i.label == "kind").unwrap();
        assert_eq!(edit(kind).1, "- kind: ");
    }

    /// With a `skills.yaml`, a guide's skills complete to its entries first
    /// (described), then to spellings guides use that no entry claims; in
    /// `skills.yaml` an alias completes to those unclaimed spellings.
    #[test]
    fn skills_complete_from_the_catalogue_and_aliases_from_the_guides() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("guides")).unwrap();
        std::fs::write(root.join("site.yaml"), "title: T\n").unwrap();
        std::fs::write(
            root.join("skills.yaml"),
            "skills:\n  - name: Kubernetes\n    aliases: [K8s]\n    description: Runs containers.\n  - name: SQL\n",
        )
        .unwrap();
        for (name, skills) in [("a", "[K8s, Terraform]"), ("b", "[Terraform, Go, sql]")] {
            std::fs::write(
                root.join(format!("guides/{name}.md")),
                format!("---\ntitle: {name}\nsummary: s\nresponsibilities: [r]\nskills: {skills}\n---\n"),
            )
            .unwrap();
        }
        let mut ws = Workspace::new(root.to_path_buf(), false);
        ws.check(&BTreeMap::new()).unwrap();
        let text = "---\ntitle: c\nskills:\n  - \n---\n";
        let mut items = complete(text, DocKind::Guide, lsp::Position::new(3, 4), Some(&ws));
        items.sort_by(|a, b| a.sort_text.cmp(&b.sort_text));
        let labels: Vec<&str> = items.iter().map(|i| i.label.as_str()).collect();
        assert_eq!(labels, ["Kubernetes", "SQL", "Terraform", "Go"]);
        assert_eq!(
            items[0].documentation,
            Some(markdown("Runs containers.".into()))
        );
        let yaml = "skills:\n  - name: Kubernetes\n    aliases:\n      - \n";
        let labels: Vec<String> =
            complete(yaml, DocKind::Skills, lsp::Position::new(3, 8), Some(&ws))
                .into_iter()
                .map(|i| i.label)
                .collect();
        assert_eq!(labels, ["Terraform", "Go"]);
    }

    /// Every position of texts an author may well be in the middle of
    /// typing: no panic, whatever the place.
    #[test]
    fn no_position_of_odd_text_panics() {
        let guide = include_str!("../../tests/fixtures/site/guides/data-analyst.md");
        let texts = [
            guide.to_string(),
            guide.replace('\n', "\r\n"),
            guide.replace("  ", "\t"),
            "---\n\"quoted key\": 1\n'a': |\n  b: c\n- - - x\n  - y: \"unterminated\n? k\n: v\n[a, {b: c}]: d\né😀: ✓ # ü\n---".into(),
            "---\n:\n- :\n -\n--\n---x\n#\n  #: #\n".into(),
            "---".into(),
            String::new(),
        ];
        for text in &texts {
            let lines = text.split('\n').count() as u32 + 1;
            for line in 0..lines {
                let width = crate::lsp::convert::line(text, line as usize)
                    .encode_utf16()
                    .count() as u32;
                for character in 0..width + 2 {
                    let p = lsp::Position::new(line, character);
                    for kind in [DocKind::Guide, DocKind::Site, DocKind::Skills] {
                        let _ = complete(text, kind, p, None);
                        let _ = crate::lsp::navigate::hover(text, kind, p, None);
                    }
                }
            }
        }
    }

    #[test]
    fn values_are_quoted_when_yaml_would_read_them_otherwise() {
        assert_eq!(scalar("Kubernetes"), "Kubernetes");
        assert_eq!(scalar("Planning: milestones"), "\"Planning: milestones\"");
        assert_eq!(scalar("2024"), "\"2024\"");
        assert_eq!(scalar("true"), "\"true\"");
        assert_eq!(scalar("*nix"), "\"*nix\"");
    }
}
