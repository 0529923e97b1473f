//! Where each key and value of a document sits, by dotted path (`elements.1.children.0.color`),
//! so that errors found after parsing point at the exact line and column even when values repeat.

use std::collections::BTreeMap;

/// A 1-based line and column (columns count characters).
pub type Position = (usize, usize);

/// The position of a mapping key (absent for sequence items and the root) and of its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub key: Option<Position>,
    pub value: Position,
}

/// Positions of every node in one document, keyed by dotted path; the root's path is empty.
#[derive(Debug, Clone, Default)]
pub struct Spans {
    nodes: BTreeMap<String, Span>,
    /// Scalar values by path, to find a value an error quotes.
    scalars: BTreeMap<String, String>,
}

impl Spans {
    pub(super) fn insert(&mut self, path: String, span: Span, scalar: Option<&str>) {
        if let Some(value) = scalar {
            self.scalars.insert(path.clone(), value.to_owned());
        }
        self.nodes.insert(path, span);
    }

    /// The position of the first scalar equal to `value` at or under `path`.
    pub fn find_value(&self, path: &str, value: &str) -> Option<Position> {
        let below = format!("{path}.");
        self.scalars
            .iter()
            .filter(|(p, _)| path.is_empty() || *p == path || p.starts_with(&below))
            .find(|(_, v)| *v == value)
            .and_then(|(p, _)| self.get(p))
            .map(|span| span.value)
    }

    /// The scalar at `path`, as written.
    pub fn scalar(&self, path: &str) -> Option<&str> {
        self.scalars.get(path).map(String::as_str)
    }

    /// The path of the first scalar under a key named `key` whose value is `value`.
    pub fn path_of_scalar(&self, key: &str, value: &str) -> Option<&str> {
        let suffix = format!(".{key}");
        self.scalars
            .iter()
            .find(|(p, v)| p.ends_with(&suffix) && *v == value)
            .map(|(p, _)| p.as_str())
    }

    pub fn get(&self, path: &str) -> Option<Span> {
        self.nodes.get(path).copied()
    }

    /// The node at `path`, or its nearest ancestor that exists, and how far up that was.
    pub fn nearest(&self, path: &str) -> Option<(Span, usize)> {
        let mut current = path;
        let mut up = 0;
        loop {
            if let Some(span) = self.get(current) {
                return Some((span, up));
            }
            let (parent, _) = current.rsplit_once('.')?;
            current = parent;
            up += 1;
        }
    }
}
