//! The template file as written: serde structs that mirror the YAML, rejecting unknown fields.

use super::values::{ColorRef, FontRef, Length, SizeRange};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTemplate {
    pub name: Option<String>,
    pub description: Option<String>,
    /// Named colours usable wherever a colour is expected.
    #[serde(default)]
    pub palette: BTreeMap<String, ColorRef>,
    /// Named font roles usable wherever a font is expected.
    #[serde(default)]
    pub fonts: BTreeMap<String, FontRef>,
    /// Path of the brand logo, relative to the template file.
    pub logo: Option<String>,
    pub background: Option<ColorRef>,
    /// Regional typography, e.g. `fr-CA` or `[fr-CA, en-GB]`.
    pub locale: Option<OneOrMany>,
    #[serde(default)]
    pub elements: Vec<RawElement>,
    /// Per-format changes: keys are format ids or shapes (`square`, `portrait`, `landscape`);
    /// values map element ids to the fields that change.
    #[serde(default)]
    pub formats: BTreeMap<String, BTreeMap<String, RawElement>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ElementKind {
    /// A filled rectangle, optionally with rounded corners.
    Rect,
    /// A vertical flow of children that share one box: the quote re-flows inside it.
    Stack,
    /// The quote text, fitted to the space it is given.
    Quote,
    /// The opening quotation mark drawn large, above the quote.
    Ornament,
    /// Free text with placeholders such as `{speaker.name}`.
    Text,
    /// A short bar, usually an accent between quote and credit.
    Rule,
    /// The brand logo.
    Logo,
    /// Empty space in a stack.
    Spacer,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Area {
    /// The format's safe area (the whole canvas except where the network draws its interface).
    Safe,
    Canvas,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Align {
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum VAlign {
    Top,
    Center,
    Bottom,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Case {
    None,
    Upper,
    Lower,
}

/// One element. Fields that do not apply to an element's `type` are rejected when resolved.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawElement {
    #[serde(rename = "type")]
    pub kind: Option<ElementKind>,
    pub id: Option<String>,
    pub area: Option<Area>,
    pub left: Option<Length>,
    pub top: Option<Length>,
    pub right: Option<Length>,
    pub bottom: Option<Length>,
    pub width: Option<Length>,
    pub height: Option<Length>,
    pub color: Option<ColorRef>,
    pub radius: Option<Length>,
    pub gap: Option<Length>,
    /// Horizontal alignment: of text lines, or of a stack's children.
    pub align: Option<Align>,
    /// Vertical placement of a stack's content in its box.
    pub valign: Option<VAlign>,
    pub children: Option<Vec<RawElement>>,
    pub text: Option<String>,
    pub font: Option<FontRef>,
    pub size: Option<SizeRange>,
    pub line_height: Option<f32>,
    pub case: Option<Case>,
    pub max_lines: Option<u32>,
    /// Extra space above this child in a stack, on top of the stack's gap.
    pub space_before: Option<Length>,
    /// Ornament glyph: `auto` (« in French, “ in English) or a literal character.
    pub glyph: Option<String>,
    /// Whether the element is drawn; a per-format override can hide an element with `false`.
    pub visible: Option<bool>,
    /// Colour of `**emphasised**` words in the quote (default: the palette's `accent`).
    pub emphasis_color: Option<ColorRef>,
    /// Weight of emphasised words, in the same family (default: the text's own weight).
    pub emphasis_weight: Option<u16>,
}

/// A single value or a list of them.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub fn values(&self) -> Vec<&str> {
        match self {
            OneOrMany::One(v) => vec![v.as_str()],
            OneOrMany::Many(v) => v.iter().map(String::as_str).collect(),
        }
    }
}

impl RawElement {
    /// Applies the fields set in `patch` over `self`.
    pub fn merge(&mut self, patch: &RawElement) {
        macro_rules! take {
            ($($field:ident),*) => {$(
                if patch.$field.is_some() {
                    self.$field = patch.$field.clone();
                }
            )*};
        }
        take!(
            kind,
            area,
            left,
            top,
            right,
            bottom,
            width,
            height,
            color,
            radius,
            gap,
            align,
            valign,
            children,
            text,
            font,
            size,
            line_height,
            case,
            max_lines,
            space_before,
            glyph,
            visible,
            emphasis_color,
            emphasis_weight
        );
    }
}
