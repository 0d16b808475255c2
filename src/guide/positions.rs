//! Positions: a marked tree ([`Node`]) in, a compact table out of where
//! every value starts, kept beside a parsed guide so that rules running after
//! parsing (`min > max`, an unknown slug) can point at a line once the tree
//! itself is gone.

use crate::guide::yaml::{Node, NodeKind, Seg};

/// Where every value of a marked tree starts, without the values: all that
/// rules running after parsing need to point at a line, in a small fraction
/// of the tree's memory (a guide keeps this for as long as it is checked).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Positions {
    /// The value nodes in document order, each followed by its descendants.
    nodes: Vec<Pos>,
    /// The mapping keys of all nodes, concatenated in node order.
    keys: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pos {
    line: u32,
    column: u32,
    /// One past the index of the node's last descendant.
    end: u32,
    /// Where the node's key ends in `keys`; it starts where the previous
    /// node's key ends.
    key_end: u32,
    shape: Shape,
    /// Whether the node is under a mapping key that is text.
    has_key: bool,
    /// Whether the node is a scalar the marker picked out.
    marked: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Scalar,
    Seq,
    Map,
}

/// A position as stored: lines and columns beyond `u32` (a 4 GiB line) are
/// not worth twice the memory.
fn narrow(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Positions {
    /// The positions of every value under `root`, with each value for
    /// which `mark` holds remembered for [`Positions::marked`]. `mark` sees
    /// the values in document order.
    pub fn new(root: &Node, mut mark: impl FnMut(&Node) -> bool) -> Positions {
        let (nodes, keys) = count(root);
        let mut table = Positions {
            nodes: Vec::with_capacity(nodes),
            keys: String::with_capacity(keys),
        };
        table.add(root, None, &mut mark);
        table
    }

    fn add(&mut self, node: &Node, key: Option<&str>, mark: &mut impl FnMut(&Node) -> bool) {
        let index = self.nodes.len();
        if let Some(k) = key {
            self.keys.push_str(k);
        }
        let shape = match &node.kind {
            NodeKind::Scalar { .. } => Shape::Scalar,
            NodeKind::Seq(_) => Shape::Seq,
            NodeKind::Map(_) => Shape::Map,
        };
        let marked = mark(node);
        self.nodes.push(Pos {
            line: narrow(node.line),
            column: narrow(node.column),
            end: 0,
            key_end: narrow(self.keys.len()),
            shape,
            has_key: key.is_some(),
            marked,
        });
        match &node.kind {
            NodeKind::Seq(items) => items.iter().for_each(|n| self.add(n, None, mark)),
            NodeKind::Map(entries) => {
                for (k, v) in entries {
                    self.add(v, k.as_str(), mark);
                }
            }
            NodeKind::Scalar { .. } => {}
        }
        self.nodes[index].end = narrow(self.nodes.len());
    }

    /// The mapping key of node `i`, if it has a text key.
    fn key(&self, i: usize) -> Option<&str> {
        let pos = self.nodes[i];
        let start = i.checked_sub(1).map_or(0, |p| self.nodes[p].key_end);
        pos.has_key
            .then(|| self.keys.get(start as usize..pos.key_end as usize))
            .flatten()
    }

    /// The line and column of the value at `path`, or of its deepest
    /// ancestor that exists (as [`Node::at`] finds it); `(0, 0)` for an
    /// empty table.
    pub fn at(&self, path: &[Seg<'_>]) -> (usize, usize) {
        let Some(root) = self.nodes.first() else {
            return (0, 0);
        };
        let mut found = (0, *root);
        'path: for seg in path {
            let (i, node) = found;
            let mut child = i + 1;
            let mut n = 0;
            while child < node.end as usize {
                let hit = match (seg, node.shape) {
                    (Seg::Key(k), Shape::Map) => self.key(child) == Some(*k),
                    (Seg::Index(want), Shape::Seq) => n == *want,
                    _ => break,
                };
                if hit {
                    found = (child, self.nodes[child]);
                    continue 'path;
                }
                n += 1;
                child = self.nodes[child].end as usize;
            }
            break;
        }
        (found.1.line as usize, found.1.column as usize)
    }

    /// The field path (`a.b[2].c`, `?` for a key that is not text), line
    /// and column of every scalar value that was marked, in document order.
    pub fn marked(&self) -> Vec<(String, usize, usize)> {
        let mut found = Vec::new();
        if self.nodes.iter().any(|p| p.marked) {
            self.marked_under(0, &mut String::new(), 0, &mut found);
        }
        found
    }

    fn marked_under(
        &self,
        i: usize,
        path: &mut String,
        depth: usize,
        found: &mut Vec<(String, usize, usize)>,
    ) {
        let node = self.nodes[i];
        if node.marked {
            found.push((path.clone(), node.line as usize, node.column as usize));
        }
        let mut child = i + 1;
        let mut n = 0;
        while child < node.end as usize {
            let len = path.len();
            match node.shape {
                Shape::Map => {
                    if depth > 0 {
                        path.push('.');
                    }
                    path.push_str(self.key(child).unwrap_or("?"));
                }
                _ => path.push_str(&format!("[{n}]")),
            }
            self.marked_under(child, path, depth + 1, found);
            path.truncate(len);
            n += 1;
            child = self.nodes[child].end as usize;
        }
    }
}

/// The number of value nodes under `node` and the length of their keys.
fn count(node: &Node) -> (usize, usize) {
    match &node.kind {
        NodeKind::Seq(items) => items
            .iter()
            .map(count)
            .fold((1, 0), |a, b| (a.0 + b.0, a.1 + b.1)),
        NodeKind::Map(entries) => entries.iter().fold((1, 0), |a, (k, v)| {
            let (n, len) = count(v);
            (a.0 + n, a.1 + len + k.as_str().map_or(0, str::len))
        }),
        NodeKind::Scalar { .. } => (1, 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guide::yaml::parse_tree;

    /// Every path into `node`, and one step past each that does not exist.
    fn paths<'a>(node: &'a Node, prefix: Vec<Seg<'a>>, out: &mut Vec<Vec<Seg<'a>>>) {
        for extra in [Seg::Key("nope"), Seg::Index(7)] {
            let mut p = prefix.clone();
            p.push(extra);
            out.push(p);
        }
        out.push(prefix.clone());
        match &node.kind {
            NodeKind::Seq(items) => {
                for (i, item) in items.iter().enumerate() {
                    let mut p = prefix.clone();
                    p.push(Seg::Index(i));
                    paths(item, p, out);
                }
            }
            NodeKind::Map(entries) => {
                for (k, v) in entries {
                    let mut p = prefix.clone();
                    p.push(Seg::Key(k.as_str().unwrap_or("?")));
                    paths(v, p, out);
                }
            }
            NodeKind::Scalar { .. } => {}
        }
    }

    #[test]
    fn positions_find_what_the_tree_finds() {
        let text = "a: 1\nb:\n  - x\n  - y: 'TODO: 2'\n    z: [1, {q: r}]\n  - []\n\
                    c: {}\n? [k]\n: v\n'': e\nd: &n 'TODO: one'\ne: *n\nf:\n  g:\n    h: |\n      TODO: x\n\
                    i: &m {j: 'TODO: m'}\nk: *m\n";
        let root = parse_tree(text).unwrap().unwrap();
        let table = Positions::new(&root, |n| n.as_str().is_some_and(|s| s.contains("TODO:")));
        let mut all = Vec::new();
        paths(&root, Vec::new(), &mut all);
        assert!(all.len() > 40);
        for path in &all {
            let node = root.at(path);
            assert_eq!(table.at(path), (node.line, node.column), "{path:?}");
        }
        // An alias is marked where it stands; what it copies keeps the
        // anchored value's positions.
        assert_eq!(
            table.marked(),
            vec![
                ("b[1].y".to_string(), 4, 8),
                ("d".to_string(), 11, 7),
                ("e".to_string(), 12, 4),
                ("f.g.h".to_string(), 16, 7),
                ("i.j".to_string(), 17, 11),
                ("k.j".to_string(), 17, 11),
            ]
        );
        assert_eq!(Positions::default().at(&[Seg::Key("a")]), (0, 0));
    }
}
