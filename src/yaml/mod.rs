//! YAML read once for both purposes: the values serde deserialises and the line and column of
//! every node, so that an error found long after parsing still points into the file.
//!
//! The file is parsed into a tree of positioned nodes (`tree.rs`), indexed by dotted path
//! (`Spans`), and serde reads its types straight from that tree (`de.rs`). Scalars resolve as
//! YAML 1.2's core schema says (`~` is null, `true` a boolean, `12` and `1.5` numbers, anything
//! quoted a string), with the same messages serde gives elsewhere.

mod de;
mod spans;
mod tree;

use spans::Position;
pub use spans::Spans;

use serde::de::DeserializeOwned;
use std::fmt;

/// One parsed YAML document.
#[derive(Debug, Clone)]
pub struct Document {
    root: tree::Node,
    spans: Spans,
}

impl Document {
    /// Parses `source`, which must hold at most one document (none reads as an empty value).
    pub fn parse(source: &str) -> Result<Document, Error> {
        let (root, spans) = tree::build(source)?;
        Ok(Document { root, spans })
    }

    /// Where each node sits, by path.
    pub fn spans(&self) -> &Spans {
        &self.spans
    }

    /// Reads the document as a `T`; an error names the path and position of the node at fault.
    pub fn deserialize<T: DeserializeOwned>(&self) -> Result<T, Error> {
        T::deserialize(de::Value::root(&self.root))
    }
}

/// A syntax or type error, with the path (`elements[0].children[1]`) and position of the node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    message: String,
    path: String,
    position: Option<Position>,
}

impl Error {
    pub(crate) fn new(message: impl Into<String>, path: String, position: Option<Position>) -> Error {
        Error {
            message: message.into(),
            path,
            position,
        }
    }

    /// The 1-based line and column the error points at, when known.
    pub fn location(&self) -> Option<Position> {
        self.position
    }

    /// The message without the path.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for Error {}

impl serde::de::Error for Error {
    fn custom<T: fmt::Display>(message: T) -> Error {
        Error::new(message.to_string(), String::new(), None)
    }
}
