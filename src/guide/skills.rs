//! `skills.yaml`: the text of the file in, its entries and diagnostics out.
//!
//! The file is walked against its schema like `site.yaml` (unknown fields
//! with suggestions, wrong types, empty text: each with its line, column
//! and field), then its entries are compared with each other: a spelling
//! that two entries claim, or two entries whose names differ by a typo,
//! are warnings (W0508) at the later one.

use crate::diag::{codes, Diagnostic};
use crate::guide::load::{decode, SourceFile};
use crate::guide::model::{SkillEntry, SkillsFile};
use crate::guide::yaml::{self, Node, NodeKind};
use crate::util::text::skill_key;
use anyhow::Context;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The file's name, beside `site.yaml`.
pub const SKILLS_FILE: &str = "skills.yaml";

/// Reads `skills.yaml` under `root`: its entries (none when missing or
/// invalid), its diagnostics and its source text.
pub fn load(root: &Path) -> anyhow::Result<(Vec<SkillEntry>, Vec<Diagnostic>, Option<SourceFile>)> {
    let rel = PathBuf::from(SKILLS_FILE);
    let bytes = match std::fs::read(root.join(&rel)) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok((Vec::new(), Vec::new(), None));
        }
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", rel.display())),
    };
    let text = match decode(&rel, &bytes) {
        Ok(t) => t,
        Err(d) => return Ok((Vec::new(), vec![d], None)),
    };
    let (skills, diags) = parse(&text);
    let source = SourceFile {
        path: rel,
        text: text.into(),
    };
    Ok((skills, diags, Some(source)))
}

/// The entries of `skills.yaml`'s `text` (empty when it is invalid) and
/// every problem found.
pub fn parse(text: &str) -> (Vec<SkillEntry>, Vec<Diagnostic>) {
    let rel = Path::new(SKILLS_FILE);
    if text.trim().is_empty() {
        return (Vec::new(), Vec::new());
    }
    let tree = match yaml::parse_tree(text) {
        Ok(Some(tree)) => tree,
        Ok(None) => return (Vec::new(), Vec::new()),
        Err(e) => {
            let d = Diagnostic::new(
                rel,
                e.line,
                e.column,
                "",
                codes::E0003,
                format!("invalid YAML: {}", e.message),
            );
            return (Vec::new(), vec![d]);
        }
    };
    let mut walker =
        crate::guide::walk::Walker::new(crate::guide::schema::skills(), rel, 0).named(SKILLS_FILE);
    walker.walk(&tree);
    if !walker.out.is_empty() {
        return (Vec::new(), walker.out);
    }
    let file: SkillsFile = match serde_json::from_value(crate::guide::resolve::to_json(&tree)) {
        Ok(f) => f,
        Err(e) => {
            let d = Diagnostic::new(
                rel,
                tree.line,
                tree.column,
                "",
                codes::E0100,
                format!("skills.yaml does not fit the skills format: {e}"),
            );
            return (Vec::new(), vec![d]);
        }
    };
    let diags = duplicates(&file.skills, &spelling_positions(&tree));
    (file.skills, diags)
}

/// For each entry, the position of its name then of each alias, with the
/// field path.
fn spelling_positions(tree: &Node) -> Vec<Vec<(usize, usize, String)>> {
    let field = |node: &Node, key: &str| -> Option<Node> {
        match &node.kind {
            NodeKind::Map(pairs) => pairs
                .iter()
                .find(|(k, _)| matches!(&k.kind, NodeKind::Scalar { value, .. } if value == key))
                .map(|(_, v)| v.clone()),
            _ => None,
        }
    };
    let Some(list) = field(tree, "skills") else {
        return Vec::new();
    };
    let NodeKind::Seq(items) = &list.kind else {
        return Vec::new();
    };
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let mut out = Vec::new();
            if let Some(n) = field(item, "name") {
                out.push((n.line, n.column, format!("skills[{i}].name")));
            }
            if let Some(Node {
                kind: NodeKind::Seq(aliases),
                ..
            }) = field(item, "aliases")
            {
                for (j, a) in aliases.iter().enumerate() {
                    out.push((a.line, a.column, format!("skills[{i}].aliases[{j}]")));
                }
            }
            out
        })
        .collect()
}

/// Spellings two entries claim, and names a typo apart.
fn duplicates(entries: &[SkillEntry], at: &[Vec<(usize, usize, String)>]) -> Vec<Diagnostic> {
    let rel = Path::new(SKILLS_FILE);
    let mut out = Vec::new();
    let mut owner: HashMap<String, usize> = HashMap::new();
    let place = |i: usize, k: usize| {
        at.get(i)
            .and_then(|v| v.get(k))
            .cloned()
            .unwrap_or((0, 0, String::new()))
    };
    for (i, e) in entries.iter().enumerate() {
        let spellings = std::iter::once(&e.name).chain(&e.aliases);
        for (k, s) in spellings.enumerate() {
            let key = skill_key(s);
            match owner.get(&key) {
                Some(&j) if j != i => {
                    let (line, column, field) = place(i, k);
                    out.push(
                        Diagnostic::new(
                            rel,
                            line,
                            column,
                            field,
                            codes::W0508,
                            format!(
                                "`{}` is already a spelling of `{}` in skills.yaml",
                                s.trim(),
                                entries[j].name.trim()
                            ),
                        )
                        .with_help("merge the two entries, or keep the spelling under one of them"),
                    );
                }
                Some(_) => {}
                None => {
                    owner.insert(key, i);
                }
            }
        }
    }
    // Names a typo apart (not equal: those are reported above).
    let names: Vec<String> = entries.iter().map(|e| skill_key(&e.name)).collect();
    for i in 1..entries.len() {
        if names[i].chars().count() < 5 {
            continue;
        }
        let earlier = names[..i]
            .iter()
            .map(String::as_str)
            .filter(|n| *n != names[i]);
        if let Some(close) = crate::util::suggest::closest(&names[i], earlier) {
            let j = names.iter().position(|n| n == close).unwrap_or(0);
            let (line, column, field) = place(i, 0);
            out.push(
                Diagnostic::new(
                    rel,
                    line,
                    column,
                    field,
                    codes::W0508,
                    format!(
                        "skill `{}` nearly repeats `{}` in skills.yaml",
                        entries[i].name.trim(),
                        entries[j].name.trim()
                    ),
                )
                .with_help(format!(
                    "if they are one skill, keep one entry and list `{}` under its `aliases`",
                    entries[i].name.trim()
                )),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_two_entries_claim_and_near_names_are_warned_about() {
        let (entries, diags) = parse(
            "skills:\n  - name: Kubernetes\n    aliases: [K8s]\n  - name: Kubernets\n  - name: Containers\n    aliases: [k8s]\n",
        );
        assert_eq!(entries.len(), 3);
        let got: Vec<(usize, &str)> = diags.iter().map(|d| (d.line, d.field.as_str())).collect();
        assert_eq!(
            got,
            [(6, "skills[2].aliases[0]"), (4, "skills[1].name")],
            "{diags:?}"
        );
        assert!(diags.iter().all(|d| *d.code == *codes::W0508));
    }

    #[test]
    fn errors_name_the_line_column_and_field() {
        let (entries, diags) = parse("skills:\n  - name: SQL\n    alias: [sql]\n");
        assert!(entries.is_empty());
        assert_eq!(diags.len(), 1, "{diags:?}");
        let d = &diags[0];
        assert_eq!((d.line, d.column), (3, 5));
        assert!(d.field.contains("skills[0]"), "{}", d.field);
        assert!(d.file.ends_with(SKILLS_FILE));
    }
}
