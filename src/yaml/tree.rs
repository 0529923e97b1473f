//! The parser's events folded into a tree of positioned nodes, with every node's position
//! recorded by path on the way. Aliases are expanded here, within a budget, so a small file cannot
//! expand into millions of nodes.

use super::spans::{Position, Span, Spans};
use super::Error;
use saphyr_parser::{Event, Marker, Parser, ScalarStyle, ScanError, StrInput};
use std::collections::HashMap;

/// Deeper nesting than this is refused rather than recursed into.
const MAX_DEPTH: usize = 128;
/// Most nodes a document may hold once its aliases are expanded.
const MAX_NODES: usize = 250_000;

#[derive(Debug, Clone)]
pub(super) struct Node {
    pub at: Position,
    pub kind: Kind,
}

#[derive(Debug, Clone)]
pub(super) enum Kind {
    /// A scalar's text; `plain` when it was written without quotes (so `12` may be a number).
    Scalar {
        text: String,
        plain: bool,
    },
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

impl Node {
    fn count(&self) -> usize {
        1 + match &self.kind {
            Kind::Scalar { .. } => 0,
            Kind::Seq(items) => items.iter().map(Node::count).sum(),
            Kind::Map(entries) => entries.iter().map(|(k, v)| k.count() + v.count()).sum(),
        }
    }
}

fn position(mark: &Marker) -> Position {
    (mark.line(), mark.col() + 1)
}

fn syntax(e: ScanError) -> Error {
    Error::new(e.info().to_owned(), String::new(), Some(position(e.marker())))
}

fn join(path: &str, part: &str) -> String {
    if path.is_empty() {
        part.to_owned()
    } else {
        format!("{path}.{part}")
    }
}

struct Builder<'s> {
    parser: Parser<'s, StrInput<'s>>,
    anchors: HashMap<usize, Node>,
    nodes: usize,
    spans: Spans,
}

/// Where a node goes: its dotted path (none for mapping keys, which are not indexed) and the
/// position of the key it is the value of.
struct Place {
    path: Option<String>,
    key: Option<Position>,
}

impl<'s> Builder<'s> {
    fn next(&mut self) -> Result<(Event<'s>, Position), Error> {
        match self.parser.next_event() {
            Some(Ok((event, span))) => Ok((event, position(&span.start))),
            Some(Err(e)) => Err(syntax(e)),
            None => Err(Error::new("unexpected end of the file", String::new(), None)),
        }
    }

    fn counted(&mut self, added: usize, at: Position) -> Result<(), Error> {
        self.nodes += added;
        if self.nodes > MAX_NODES {
            return Err(Error::new(
                format!("the file expands to more than {MAX_NODES} values (through its aliases)"),
                String::new(),
                Some(at),
            ));
        }
        Ok(())
    }

    fn record(&mut self, place: &Place, at: Position, scalar: Option<&str>) {
        if let Some(path) = &place.path {
            self.spans.insert(
                path.clone(),
                Span {
                    key: place.key,
                    value: at,
                },
                scalar,
            );
        }
    }

    fn node(&mut self, event: Event<'s>, at: Position, place: Place, depth: usize) -> Result<Node, Error> {
        if depth > MAX_DEPTH {
            return Err(Error::new(
                format!("the values are nested more than {MAX_DEPTH} levels deep"),
                String::new(),
                Some(at),
            ));
        }
        let (node, anchor) = match event {
            Event::Scalar(text, style, anchor, tag) => {
                let mut plain = style == ScalarStyle::Plain;
                if let Some(tag) = tag {
                    match (tag.is_yaml_core_schema(), tag.suffix.as_str()) {
                        (true, "str") => plain = false,
                        (true, "null" | "bool" | "int" | "float") => {}
                        _ => return Err(unsupported_tag(&tag.to_string(), at)),
                    }
                }
                self.counted(1, at)?;
                self.record(&place, at, Some(&text));
                let text = text.into_owned();
                (
                    Node {
                        at,
                        kind: Kind::Scalar { text, plain },
                    },
                    anchor,
                )
            }
            Event::Alias(id) => {
                let Some(target) = self.anchors.get(&id) else {
                    return Err(Error::new(
                        "an alias names no anchor before it",
                        String::new(),
                        Some(at),
                    ));
                };
                let mut copy = target.clone();
                copy.at = at;
                self.counted(copy.count(), at)?;
                self.record(&place, at, None);
                (copy, 0)
            }
            Event::SequenceStart(anchor, tag) => {
                check_collection_tag(tag.as_deref(), "seq", at)?;
                self.counted(1, at)?;
                self.record(&place, at, None);
                let mut items = Vec::new();
                loop {
                    let (event, item_at) = self.next()?;
                    if event == Event::SequenceEnd {
                        break;
                    }
                    let path = place.path.as_deref().map(|p| join(p, &items.len().to_string()));
                    items.push(self.node(event, item_at, Place { path, key: None }, depth + 1)?);
                }
                (
                    Node {
                        at,
                        kind: Kind::Seq(items),
                    },
                    anchor,
                )
            }
            Event::MappingStart(anchor, tag) => {
                check_collection_tag(tag.as_deref(), "map", at)?;
                self.counted(1, at)?;
                let mut entries: Vec<(Node, Node)> = Vec::new();
                loop {
                    let (event, key_at) = self.next()?;
                    if event == Event::MappingEnd {
                        break;
                    }
                    let key = self.node(
                        event,
                        key_at,
                        Place {
                            path: None,
                            key: None,
                        },
                        depth + 1,
                    )?;
                    let name = match &key.kind {
                        Kind::Scalar { text, .. } => text.clone(),
                        _ => "?".to_owned(),
                    };
                    let is_scalar = matches!(key.kind, Kind::Scalar { .. });
                    if is_scalar && entries.iter().any(|(k, _)| scalar_text(k) == Some(&name)) {
                        return Err(Error::new(
                            format!("duplicate key `{name}`: a key appears once in a map"),
                            String::new(),
                            Some(key.at),
                        ));
                    }
                    let (event, value_at) = self.next()?;
                    let path = place.path.as_deref().map(|p| join(p, &name));
                    let value = self.node(
                        event,
                        value_at,
                        Place {
                            path,
                            key: Some(key.at),
                        },
                        depth + 1,
                    )?;
                    entries.push((key, value));
                }
                // A mapping is best pointed at by its first key.
                let at = entries.first().map_or(at, |(k, _)| k.at);
                self.record(&place, at, None);
                (
                    Node {
                        at,
                        kind: Kind::Map(entries),
                    },
                    anchor,
                )
            }
            other => {
                return Err(Error::new(
                    format!("unexpected YAML event {other:?}"),
                    String::new(),
                    Some(at),
                ))
            }
        };
        if anchor != 0 {
            self.anchors.insert(anchor, node.clone());
        }
        Ok(node)
    }
}

fn scalar_text(node: &Node) -> Option<&String> {
    match &node.kind {
        Kind::Scalar { text, .. } => Some(text),
        _ => None,
    }
}

fn unsupported_tag(tag: &str, at: Position) -> Error {
    Error::new(
        format!("unsupported YAML tag `{tag}`: write the value without a tag"),
        String::new(),
        Some(at),
    )
}

fn check_collection_tag(tag: Option<&saphyr_parser::Tag>, expected: &str, at: Position) -> Result<(), Error> {
    match tag {
        None => Ok(()),
        Some(t) if t.is_yaml_core_schema() && t.suffix == expected => Ok(()),
        Some(t) => Err(unsupported_tag(&t.to_string(), at)),
    }
}

/// Parses `source` (one document at most) into a tree and the positions of its nodes.
pub(super) fn build(source: &str) -> Result<(Node, Spans), Error> {
    let mut builder = Builder {
        parser: Parser::new_from_str(source),
        anchors: HashMap::new(),
        nodes: 0,
        spans: Spans::default(),
    };
    let empty = |at| Node {
        at,
        kind: Kind::Scalar {
            text: String::new(),
            plain: true,
        },
    };
    let (event, _) = builder.next()?;
    debug_assert_eq!(event, Event::StreamStart);
    let (event, at) = builder.next()?;
    let root = match event {
        Event::StreamEnd => {
            builder.record(
                &Place {
                    path: Some(String::new()),
                    key: None,
                },
                (1, 1),
                None,
            );
            empty((1, 1))
        }
        Event::DocumentStart(_) => {
            let (event, at) = builder.next()?;
            let root = builder.node(
                event,
                at,
                Place {
                    path: Some(String::new()),
                    key: None,
                },
                0,
            )?;
            loop {
                match builder.next()? {
                    (Event::DocumentEnd, _) => {}
                    (Event::StreamEnd, _) => break,
                    (_, at) => {
                        return Err(Error::new(
                            "the file holds more than one YAML document (a second `---`): expected one",
                            String::new(),
                            Some(at),
                        ))
                    }
                }
            }
            root
        }
        other => {
            return Err(Error::new(
                format!("unexpected YAML event {other:?}"),
                String::new(),
                Some(at),
            ))
        }
    };
    Ok((root, builder.spans))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(source: &str) -> Spans {
        build(source).unwrap().1
    }

    #[test]
    fn locates_keys_and_values_by_path() {
        let spans = spans(
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
        assert_eq!(spans.get("elements.1.size").unwrap().value, (7, 13));
        assert_eq!(spans.get("elements.1").unwrap().value, (5, 5));
        let (span, up) = spans.nearest("elements.1.font.family").unwrap();
        assert_eq!((span.value, up), ((5, 5), 2));
        assert_eq!(spans.find_value("elements", "red"), Some((4, 12)));
        assert_eq!(spans.find_value("elements.1", "red"), Some((6, 12)));
    }

    #[test]
    fn aliases_are_copies_pointed_at_where_they_are_used() {
        let (root, spans) = build("a: &x { b: 1 }\nc: *x\n").unwrap();
        let Kind::Map(entries) = &root.kind else { panic!() };
        assert!(matches!(entries[1].1.kind, Kind::Map(ref m) if m.len() == 1));
        assert_eq!(spans.get("c").unwrap().value, (2, 4));
    }

    #[test]
    fn refuses_what_a_template_never_needs() {
        let error = |source: &str| build(source).unwrap_err();
        let e = error("a: 1\na: 2\n");
        assert_eq!(
            (e.message(), e.location()),
            ("duplicate key `a`: a key appears once in a map", Some((2, 1)))
        );
        assert!(error("a: 1\n---\nb: 2\n")
            .message()
            .contains("more than one YAML document"));
        assert!(error("a: !color red\n")
            .message()
            .contains("unsupported YAML tag `!color`"));
        assert!(error("a: [1, 2\n").location().is_some());
        let deep = format!("{}1{}", "[".repeat(200), "]".repeat(200));
        assert!(error(&deep).message().contains("nested more than"));
        // Each level doubles the one before: 2^30 nodes if expanded.
        let mut bomb = String::from("a0: &a0 [x, x]\n");
        for i in 1..30 {
            bomb.push_str(&format!("a{i}: &a{i} [*a{}, *a{}]\n", i - 1, i - 1));
        }
        assert!(error(&bomb).message().contains("expands to more than"));
    }

    #[test]
    fn an_empty_file_is_an_empty_value() {
        let (root, spans) = build("").unwrap();
        assert!(matches!(root.kind, Kind::Scalar { ref text, plain: true } if text.is_empty()));
        assert_eq!(spans.get("").unwrap().value, (1, 1));
        assert!(build("# only a comment\n").is_ok());
    }
}
