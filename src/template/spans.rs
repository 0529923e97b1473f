//! Where each key and value of a YAML file sits, by path (`elements.1.children.0.color`), so that
//! errors found after parsing point at the exact line and column even when values repeat.

use std::collections::BTreeMap;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// A 1-based line and column.
pub type Position = (usize, usize);

/// The position of a mapping key (absent for sequence items) and of its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub key: Option<Position>,
    pub value: Position,
}

/// Positions of every node in one YAML document, keyed by dotted path.
#[derive(Debug, Clone, Default)]
pub struct Spans {
    nodes: BTreeMap<String, Span>,
    /// Scalar values by path, to find a value an error quotes.
    scalars: BTreeMap<String, String>,
}

/// What the walker is inside.
enum Frame {
    /// A mapping: the path, and the key read whose value comes next.
    Map {
        path: String,
        key: Option<(String, Position)>,
        fresh: bool,
    },
    Seq {
        path: String,
        next: usize,
    },
}

struct Collector {
    stack: Vec<Frame>,
    nodes: BTreeMap<String, Span>,
    scalars: BTreeMap<String, String>,
}

fn join(path: &str, part: &str) -> String {
    if path.is_empty() {
        part.to_owned()
    } else {
        format!("{path}.{part}")
    }
}

impl Collector {
    /// The path and key position of a node starting now, advancing the parent's state.
    /// Returns `None` when the node is a mapping key.
    fn claim(&mut self, scalar: Option<&str>, at: Position) -> Option<(String, Option<Position>)> {
        match self.stack.last_mut() {
            None => Some((String::new(), None)),
            Some(Frame::Seq { path, next }) => {
                let item = join(path, &next.to_string());
                *next += 1;
                Some((item, None))
            }
            Some(Frame::Map { path, key, fresh }) => match key.take() {
                Some((name, key_at)) => Some((join(path, &name), Some(key_at))),
                None => {
                    // The parser marks a block mapping's start oddly; its first key is a better place.
                    if std::mem::take(fresh) {
                        if let Some(span) = self.nodes.get_mut(path.as_str()) {
                            span.value = at;
                        }
                    }
                    *key = Some((scalar.unwrap_or_default().to_owned(), at));
                    None
                }
            },
        }
    }
}

impl MarkedEventReceiver for Collector {
    fn on_event(&mut self, event: Event, mark: Marker) {
        // yaml-rust2 counts columns from 0.
        let at = (mark.line(), mark.col() + 1);
        match event {
            Event::Scalar(value, ..) => {
                if let Some((path, key)) = self.claim(Some(&value), at) {
                    self.nodes.insert(path.clone(), Span { key, value: at });
                    self.scalars.insert(path, value);
                }
            }
            Event::Alias(_) => {
                if let Some((path, key)) = self.claim(None, at) {
                    self.nodes.insert(path, Span { key, value: at });
                }
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let is_map = matches!(event, Event::MappingStart(..));
                // A collection used as a key has no useful path; give it an unlikely name.
                let (path, key) = self.claim(None, at).unwrap_or_else(|| ("?".to_owned(), None));
                self.nodes.insert(path.clone(), Span { key, value: at });
                self.stack.push(if is_map {
                    Frame::Map {
                        path,
                        key: None,
                        fresh: true,
                    }
                } else {
                    Frame::Seq { path, next: 0 }
                });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

impl Spans {
    /// Indexes `source`; a syntax error leaves the index partial (serde reports the error itself).
    pub fn index(source: &str) -> Spans {
        let mut collector = Collector {
            stack: Vec::new(),
            nodes: BTreeMap::new(),
            scalars: BTreeMap::new(),
        };
        let mut parser = Parser::new_from_str(source);
        let _ = parser.load(&mut collector, false);
        Spans {
            nodes: collector.nodes,
            scalars: collector.scalars,
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_keys_and_values_by_path() {
        let spans = Spans::index(
            "name: x\nelements:\n  - type: rect\n    color: red\n  - type: text\n    color: red\n    size: { min: 4, max: 9 }\n",
        );
        assert_eq!(
            spans.get("elements.1.color"),
            Some(Span {
                key: Some((6, 5)),
                value: (6, 12)
            })
        );
        assert_eq!(spans.get("elements.0.color").unwrap().value, (4, 12));
        assert_eq!(spans.get("elements.1.size.max").unwrap().value, (7, 26));
        assert_eq!(spans.get("elements.1").unwrap().value, (5, 5));
        let (span, up) = spans.nearest("elements.1.font.family").unwrap();
        assert_eq!((span.value, up), ((5, 5), 2));
    }
}
