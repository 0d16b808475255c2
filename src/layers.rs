//! The layering rule, checked: a module may use only the layers before it
//! in [`LAYERS`], so data flows one way and no import cycle can form.
//!
//! The test reads every `crate::` path in `src/` (including grouped imports
//! such as `use crate::{a, b}`) and fails naming each edge that points
//! backwards, with the file and line where it is written. Inside a layer
//! the modules of one folder (the layer's own, or one below it such as
//! `dev/incremental/`) may use each other, but never in a cycle.

/// The top-level modules in dependency order: each may use the ones before
/// it, never one after it.
pub(crate) const LAYERS: &[&str] = &[
    "util", "diag", "guide", "rules", "site", "render", "output", "build", "diff", "dev", "lsp",
    "cli",
];

/// The layer a file under `src/` belongs to: its first path component.
fn layer_of(rel: &std::path::Path) -> Option<&str> {
    let first = rel.components().next()?.as_os_str().to_str()?;
    Some(first.strip_suffix(".rs").unwrap_or(first))
}

/// Every module path named after `crate::` in `text` (comments skipped),
/// with its line, e.g. `(3, "render::units")`.
fn crate_paths(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(i) = rest.find("crate::") {
            rest = &rest[i + "crate::".len()..];
            if let Some(group) = rest.strip_prefix('{') {
                let end = group.find('}').unwrap_or(group.len());
                for item in group[..end].split(',') {
                    let name = item.trim();
                    if !name.is_empty() {
                        out.push((n + 1, name.to_string()));
                    }
                }
            } else {
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                    .collect();
                out.push((n + 1, name.trim_end_matches(':').to_string()));
            }
        }
    }
    out
}

/// Every back edge in the crate: `(file, line, from, to)`.
fn back_edges(src: &std::path::Path) -> Vec<(String, usize, String, String)> {
    let rank = |m: &str| LAYERS.iter().position(|l| *l == m);
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(src).sort_by_file_name() {
        let entry = entry.expect("walk src");
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = entry.path().strip_prefix(src).expect("under src");
        let Some(from) = layer_of(rel).and_then(|l| rank(l).map(|r| (l.to_string(), r))) else {
            continue;
        };
        let text = std::fs::read_to_string(entry.path()).expect("read source");
        for (line, path) in crate_paths(&text) {
            let to = path.split("::").next().unwrap_or("").to_string();
            if let Some(r) = rank(&to) {
                if r > from.1 {
                    found.push((rel.display().to_string(), line, from.0.clone(), to));
                }
            }
        }
    }
    found
}

/// A cycle among the modules of one folder, if there is one: the modules
/// on it, in order, each using the next (`src/render/a.rs` naming
/// `crate::render::b` is an edge `a` → `b`). Every folder counts, a layer's
/// and those below it: `src/dev/incremental/` holds `dev::incremental`'s
/// modules, and is itself the module `incremental` of the folder `dev`.
fn sibling_cycle(src: &std::path::Path) -> Option<Vec<String>> {
    use std::collections::{BTreeMap, BTreeSet};
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for entry in walkdir::WalkDir::new(src).sort_by_file_name() {
        let entry = entry.expect("walk src");
        let rel = entry.path().strip_prefix(src).expect("under src");
        let parts: Vec<&str> = rel.iter().filter_map(|p| p.to_str()).collect();
        let Some((file, dirs)) = parts.split_last() else {
            continue;
        };
        let Some(stem) = file.strip_suffix(".rs") else {
            continue;
        };
        // `a/b/mod.rs` is the module `b` of the folder `a`.
        let (folder, me) = match (stem, dirs.split_last()) {
            ("mod", Some((me, folder))) => (folder, *me),
            ("mod", None) => continue,
            _ => (dirs, stem),
        };
        if folder.is_empty() {
            continue;
        }
        let prefix = format!("{}::", folder.join("::"));
        let dir = folder.iter().fold(src.to_path_buf(), |d, f| d.join(f));
        let text = std::fs::read_to_string(entry.path()).expect("read source");
        // A module's own unit tests may use anything.
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for (_, path) in crate_paths(code) {
            let Some(rest) = path.strip_prefix(&prefix) else {
                continue;
            };
            let to = rest.split("::").next().unwrap_or("");
            let is_module =
                dir.join(format!("{to}.rs")).is_file() || dir.join(to).join("mod.rs").is_file();
            if to != me && is_module {
                edges
                    .entry(format!("{prefix}{me}"))
                    .or_default()
                    .insert(format!("{prefix}{to}"));
            }
        }
    }
    // Depth-first search; a module met again while still on the path
    // closes a cycle.
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| p == node) {
            let mut cycle = path[i..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if !done.insert(node.to_string()) {
            return None;
        }
        path.push(node.to_string());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(c) = visit(next, edges, path, done) {
                return Some(c);
            }
        }
        path.pop();
        None
    }
    let mut done = BTreeSet::new();
    edges
        .keys()
        .find_map(|start| visit(start, &edges, &mut Vec::new(), &mut done))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_module_uses_a_later_layer() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let edges = back_edges(&src);
        let shown: Vec<String> = edges
            .iter()
            .map(|(file, line, from, to)| {
                format!("src/{file}:{line}: `{from}` uses `crate::{to}`, a later layer")
            })
            .collect();
        assert!(
            shown.is_empty(),
            "layers are {LAYERS:?}; back edges:\n{}",
            shown.join("\n")
        );
    }

    #[test]
    fn no_modules_of_one_layer_use_each_other_in_a_cycle() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        if let Some(cycle) = sibling_cycle(&src) {
            panic!("modules use each other in a cycle: {}", cycle.join(" → "));
        }
    }

    #[test]
    fn the_check_finds_cycles_in_nested_folders() {
        let dir = tempfile::tempdir().expect("tempdir");
        let deep = dir.path().join("dev/deep");
        std::fs::create_dir_all(&deep).expect("mkdir");
        let write =
            |path: std::path::PathBuf, text: &str| std::fs::write(path, text).expect("write");
        write(deep.join("mod.rs"), "use crate::dev::deep::a::A;\n");
        write(deep.join("a.rs"), "use crate::dev::deep::b::B;\n");
        write(
            dir.path().join("dev/watch.rs"),
            "use crate::dev::deep::A;\n",
        );
        assert_eq!(sibling_cycle(dir.path()), None);
        write(deep.join("b.rs"), "fn f() { crate::dev::deep::a::g() }\n");
        assert_eq!(
            sibling_cycle(dir.path()),
            Some(vec![
                "dev::deep::a".to_string(),
                "dev::deep::b".to_string(),
                "dev::deep::a".to_string()
            ])
        );
        // A folder module and a file beside it count as siblings.
        write(deep.join("b.rs"), "");
        write(deep.join("a.rs"), "use crate::dev::watch::W;\n");
        assert_eq!(sibling_cycle(dir.path()), None);
        write(deep.join("a.rs"), "");
        write(deep.join("mod.rs"), "use crate::dev::watch::W;\n");
        assert_eq!(
            sibling_cycle(dir.path()),
            Some(vec![
                "dev::deep".to_string(),
                "dev::watch".to_string(),
                "dev::deep".to_string()
            ])
        );
    }

    #[test]
    fn every_top_level_module_has_a_layer() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let lib = std::fs::read_to_string(src.join("lib.rs")).expect("read lib.rs");
        for line in lib.lines() {
            let line = line.trim();
            let Some(name) = line
                .strip_prefix("pub mod ")
                .or_else(|| line.strip_prefix("mod "))
                .or_else(|| line.strip_prefix("pub(crate) mod "))
            else {
                continue;
            };
            let name = name.trim_end_matches(';');
            assert!(
                LAYERS.contains(&name) || name == "layers",
                "`{name}` is not in LAYERS: add it where it belongs"
            );
        }
    }

    #[test]
    fn the_check_finds_planted_back_edges() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir_all(dir.path().join("guide")).expect("mkdir");
        std::fs::write(
            dir.path().join("guide/load.rs"),
            "use crate::diag::Diagnostic;\nuse crate::{util, render::Page};\n// crate::cli in a comment\nfn f() { crate::build::x(); }\n",
        )
        .expect("write");
        let edges = back_edges(dir.path());
        let got: Vec<(usize, &str)> = edges.iter().map(|e| (e.1, e.3.as_str())).collect();
        assert_eq!(got, vec![(2, "render"), (4, "build")]);

        assert_eq!(sibling_cycle(dir.path()), None);
        std::fs::write(
            dir.path().join("guide/yaml.rs"),
            "use crate::guide::walk::x;\n",
        )
        .expect("write");
        std::fs::write(
            dir.path().join("guide/walk.rs"),
            "fn f() { crate::guide::load::y() }\n",
        )
        .expect("write");
        assert_eq!(sibling_cycle(dir.path()), None);
        std::fs::write(
            dir.path().join("guide/load.rs"),
            "use crate::guide::yaml::Node;\n",
        )
        .expect("write");
        assert_eq!(
            sibling_cycle(dir.path()),
            Some(vec![
                "guide::load".to_string(),
                "guide::yaml".to_string(),
                "guide::walk".to_string(),
                "guide::load".to_string()
            ])
        );
    }
}
