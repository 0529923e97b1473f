//! serde reading from the positioned tree. An error raised while a node is being read takes that
//! node's path and position, so messages read `elements[0].right: unknown unit …` and point at
//! the value itself; an error about a mapping key points at the key.

use super::tree::{Kind, Node};
use super::Error;
use serde::de::{self, DeserializeSeed, Expected, IntoDeserializer, Unexpected, Visitor};
use serde::forward_to_deserialize_any;
use std::fmt;

/// Where a node sits, as serde-style text: `elements[0].children[1].type`.
#[derive(Clone, Copy)]
enum Path<'p> {
    Root,
    Index(&'p Path<'p>, usize),
    Key(&'p Path<'p>, &'p str),
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root => Ok(()),
            Path::Index(parent, i) => write!(f, "{parent}[{i}]"),
            Path::Key(Path::Root, key) => f.write_str(key),
            Path::Key(parent, key) => write!(f, "{parent}.{key}"),
        }
    }
}

/// A node being read.
pub(super) struct Value<'a, 'p> {
    node: &'a Node,
    path: &'p Path<'p>,
}

impl<'a> Value<'a, 'static> {
    pub(super) fn root(node: &'a Node) -> Value<'a, 'static> {
        Value {
            node,
            path: &Path::Root,
        }
    }
}

/// Gives an error that has no place yet the place of `node`.
fn place<'x>(node: &'x Node, path: &'x Path<'x>) -> impl FnOnce(Error) -> Error + 'x {
    move |mut e| {
        if e.position.is_none() {
            e.position = Some(node.at);
            e.path = path.to_string();
        }
        e
    }
}

fn is_null(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

fn boolean(text: &str) -> Option<bool> {
    match text {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

/// An integer in YAML 1.2's core schema (decimal, `0x`, `0o`, `0b`, with a sign). Decimal digits
/// after a leading zero (`007`) stay text, as an identifier would.
fn integer(text: &str) -> Option<i128> {
    let (negative, unsigned) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let (radix, digits) = match unsigned.get(..2) {
        Some("0x") => (16, &unsigned[2..]),
        Some("0o") => (8, &unsigned[2..]),
        Some("0b") => (2, &unsigned[2..]),
        _ if unsigned.len() > 1 && unsigned.starts_with('0') => return None,
        _ => (10, unsigned),
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let magnitude = i128::from_str_radix(digits, radix).ok()?;
    Some(if negative { -magnitude } else { magnitude })
}

/// A finite float written the YAML way (`1.5`, `-.5`, `2e3`), or `.inf` / `.nan`.
fn float(text: &str) -> Option<f64> {
    let unsigned = text.trim_start_matches(['-', '+']);
    if text.len() - unsigned.len() > 1 {
        return None;
    }
    match unsigned {
        ".inf" | ".Inf" | ".INF" => {
            return Some(if text.starts_with('-') {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            })
        }
        ".nan" | ".NaN" | ".NAN" if text == unsigned => return Some(f64::NAN),
        _ => {}
    }
    let numeric = unsigned
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'));
    if !numeric || !unsigned.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
        return None;
    }
    text.parse::<f64>().ok().filter(|f| f.is_finite())
}

impl<'a, 'p> Value<'a, 'p> {
    fn scalar(&self) -> Option<(&'a str, bool)> {
        match &self.node.kind {
            Kind::Scalar { text, plain } => Some((text, *plain)),
            _ => None,
        }
    }

    /// What the node is, for "invalid type" messages.
    fn unexpected(&self) -> Unexpected<'a> {
        match &self.node.kind {
            Kind::Scalar { text, plain: true } => {
                if is_null(text) {
                    Unexpected::Unit
                } else if let Some(b) = boolean(text) {
                    Unexpected::Bool(b)
                } else if let Some(i) = integer(text) {
                    match (u64::try_from(i), i64::try_from(i)) {
                        (Ok(u), _) => Unexpected::Unsigned(u),
                        (_, Ok(i)) => Unexpected::Signed(i),
                        _ => Unexpected::Other("a very large integer"),
                    }
                } else if let Some(f) = float(text) {
                    Unexpected::Float(f)
                } else {
                    Unexpected::Str(text)
                }
            }
            Kind::Scalar { text, plain: false } => Unexpected::Str(text),
            Kind::Seq(_) => Unexpected::Seq,
            Kind::Map(_) => Unexpected::Map,
        }
    }

    fn is_null(&self) -> bool {
        matches!(self.scalar(), Some((text, true)) if is_null(text))
    }

    fn any<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.node.kind {
            Kind::Scalar { text, plain: true } => {
                if is_null(text) {
                    visitor.visit_unit()
                } else if let Some(b) = boolean(text) {
                    visitor.visit_bool(b)
                } else if let Some(i) = integer(text) {
                    match (u64::try_from(i), i64::try_from(i)) {
                        (Ok(u), _) => visitor.visit_u64(u),
                        (_, Ok(i)) => visitor.visit_i64(i),
                        _ => visitor.visit_i128(i),
                    }
                } else if let Some(f) = float(text) {
                    visitor.visit_f64(f)
                } else {
                    visitor.visit_str(text)
                }
            }
            Kind::Scalar { text, plain: false } => visitor.visit_str(text),
            Kind::Seq(items) => {
                let mut access = Items {
                    items: items.iter(),
                    path: self.path,
                    index: 0,
                };
                let value = visitor.visit_seq(&mut access)?;
                access.end()?;
                Ok(value)
            }
            Kind::Map(entries) => {
                let mut access = Entries {
                    entries: entries.iter(),
                    path: self.path,
                    value: None,
                };
                visitor.visit_map(&mut access)
            }
        }
    }
}

impl<'de> de::Deserializer<'de> for Value<'_, '_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let place = place(self.node, self.path);
        self.any(visitor).map_err(place)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let place = place(self.node, self.path);
        match self.scalar() {
            Some((text, _)) => visitor.visit_str(text),
            None => self.any(visitor),
        }
        .map_err(place)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let place = place(self.node, self.path);
        if self.is_null() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
        .map_err(place)
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_any(visitor)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_any(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        let place = place(self.node, self.path);
        visitor.visit_newtype_struct(self).map_err(place)
    }

    /// Only a list reads as a list; an empty value (`key:` with nothing after it) is an empty one.
    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let place = place(self.node, self.path);
        match &self.node.kind {
            Kind::Seq(_) => self.any(visitor),
            Kind::Scalar { text, plain: true } if text.is_empty() => {
                visitor.visit_seq(de::value::SeqDeserializer::new(std::iter::empty::<()>()))
            }
            _ => Err(de::Error::invalid_type(self.unexpected(), &visitor)),
        }
        .map_err(place)
    }

    /// Only a map reads as a map or struct (not a list of its fields in order, which serde would
    /// otherwise accept); an empty value is an empty map.
    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let place = place(self.node, self.path);
        match &self.node.kind {
            Kind::Map(_) => self.any(visitor),
            Kind::Scalar { text, plain: true } if text.is_empty() => {
                visitor.visit_map(de::value::MapDeserializer::new(std::iter::empty::<((), ())>()))
            }
            _ => Err(de::Error::invalid_type(self.unexpected(), &visitor)),
        }
        .map_err(place)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_map(visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    /// `variant` for a unit variant, `{ variant: content }` for one with content.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let place = place(self.node, self.path);
        match &self.node.kind {
            Kind::Scalar { text, .. } => visitor.visit_enum(text.as_str().into_deserializer()),
            Kind::Map(entries) if entries.len() == 1 => {
                let (key, value) = &entries[0];
                visitor.visit_enum(Variant {
                    key,
                    value,
                    path: self.path,
                })
            }
            _ => self.any(visitor),
        }
        .map_err(place)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    fn is_human_readable(&self) -> bool {
        true
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char bytes byte_buf
    }
}

struct Items<'a, 'p> {
    items: std::slice::Iter<'a, Node>,
    path: &'p Path<'p>,
    index: usize,
}

impl Items<'_, '_> {
    /// A list with more items than the type reads is an error, not a silent cut.
    fn end(&self) -> Result<(), Error> {
        let left = self.items.len();
        if left == 0 {
            return Ok(());
        }
        struct Count(usize);
        impl Expected for Count {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{} item{}", self.0, if self.0 == 1 { "" } else { "s" })
            }
        }
        Err(de::Error::invalid_length(self.index + left, &Count(self.index)))
    }
}

impl<'de> de::SeqAccess<'de> for &mut Items<'_, '_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        let Some(node) = self.items.next() else {
            return Ok(None);
        };
        let path = Path::Index(self.path, self.index);
        self.index += 1;
        seed.deserialize(Value { node, path: &path }).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct Entries<'a, 'p> {
    entries: std::slice::Iter<'a, (Node, Node)>,
    path: &'p Path<'p>,
    /// The entry whose key was read last, waiting for its value to be read.
    value: Option<&'a (Node, Node)>,
}

/// The name a key gives its value in paths.
fn key_name(key: &Node) -> &str {
    match &key.kind {
        Kind::Scalar { text, .. } => text,
        _ => "?",
    }
}

impl<'de> de::MapAccess<'de> for &mut Entries<'_, '_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        let Some(entry) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some(entry);
        // A key's errors (an unknown field) are the map's, pointed at the key.
        let key = Value {
            node: &entry.0,
            path: self.path,
        };
        seed.deserialize(key).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let (key, node) = self.value.take().expect("serde reads a key before its value");
        let path = Path::Key(self.path, key_name(key));
        seed.deserialize(Value { node, path: &path })
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// An enum written as a one-entry map: `{ variant: content }`.
struct Variant<'a, 'p> {
    key: &'a Node,
    value: &'a Node,
    path: &'p Path<'p>,
}

impl<'de, 'a, 'p> de::EnumAccess<'de> for Variant<'a, 'p> {
    type Error = Error;
    type Variant = Value<'a, 'p>;

    fn variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<(T::Value, Value<'a, 'p>), Error> {
        let variant = seed.deserialize(Value {
            node: self.key,
            path: self.path,
        })?;
        Ok((
            variant,
            Value {
                node: self.value,
                path: self.path,
            },
        ))
    }
}

impl<'de> de::VariantAccess<'de> for Value<'_, '_> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        de::Deserialize::deserialize(self)
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_seq(self, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_map(self, visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Document, Error};
    use serde::de::DeserializeOwned;
    use serde::Deserialize;
    use std::collections::BTreeMap;

    fn from_str<T: DeserializeOwned>(source: &str) -> Result<T, Error> {
        Document::parse(source)?.deserialize()
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Item {
        #[serde(rename = "type")]
        kind: Kind,
        size: Option<f32>,
        label: Option<String>,
        pair: Option<[u32; 2]>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "lowercase")]
    enum Kind {
        Rect,
        Text,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Doc {
        name: Option<String>,
        #[serde(default)]
        items: Vec<Item>,
        #[serde(default)]
        table: BTreeMap<String, serde_json::Value>,
    }

    #[test]
    fn reads_scalars_the_core_schema_way() {
        let doc: Doc = from_str(
            "name: 007\nitems:\n  - { type: rect, size: 1.5, label: 12 }\ntable: { a: ~, b: true, c: 0x1F, d: -3, e: '12', f: .5, g: 1e3, h: nan, i: 12px }\n",
        )
        .unwrap();
        assert_eq!(doc.name.as_deref(), Some("007"));
        assert_eq!(doc.items[0].size, Some(1.5));
        assert_eq!(doc.items[0].label.as_deref(), Some("12"));
        let t = &doc.table;
        assert_eq!(t["a"], serde_json::Value::Null);
        assert_eq!(t["b"], serde_json::json!(true));
        assert_eq!(t["c"], serde_json::json!(31));
        assert_eq!(t["d"], serde_json::json!(-3));
        assert_eq!(t["e"], serde_json::json!("12"));
        assert_eq!(t["f"], serde_json::json!(0.5));
        assert_eq!(t["g"], serde_json::json!(1000.0));
        assert_eq!(t["h"], serde_json::json!("nan"));
        assert_eq!(t["i"], serde_json::json!("12px"));
        let empty: Doc = from_str("").unwrap();
        assert_eq!(empty.name, None);
        let blank: Doc = from_str("items:\ntable:\n").unwrap();
        assert!(blank.items.is_empty() && blank.table.is_empty());
    }

    #[test]
    fn errors_name_the_path_and_point_at_the_node() {
        let fails = |source: &str| {
            let e = from_str::<Doc>(source).unwrap_err();
            (e.to_string(), e.location().unwrap())
        };
        assert_eq!(
            fails("items:\n  - type: rect\n  - type: text\n    colour: red\n"),
            (
                "items[1]: unknown field `colour`, expected one of `type`, `size`, `label`, `pair`".into(),
                (4, 5)
            )
        );
        assert_eq!(
            fails("items:\n  - type: txt\n"),
            (
                "items[0].type: unknown variant `txt`, expected `rect` or `text`".into(),
                (2, 11)
            )
        );
        assert_eq!(
            fails("items:\n  - { type: rect, size: tall }\n"),
            (
                "items[0].size: invalid type: string \"tall\", expected f32".into(),
                (2, 25)
            )
        );
        assert_eq!(
            fails("items:\n  - { type: rect, size: '3' }\n").0,
            "items[0].size: invalid type: string \"3\", expected f32"
        );
        assert_eq!(
            fails("items: 3\n"),
            (
                "items: invalid type: integer `3`, expected a sequence".into(),
                (1, 8)
            )
        );
        assert_eq!(
            fails("items:\n  - { type: rect, pair: [1, 2, 3] }\n").0,
            "items[0].pair: invalid length 3, expected 2 items"
        );
        assert_eq!(
            fails("- 1\n"),
            ("invalid type: sequence, expected struct Doc".into(), (1, 1))
        );
    }
}
