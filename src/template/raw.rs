//! The template file as written: serde structs that mirror the YAML, rejecting unknown fields.

use super::values::{Angle, ColorRef, FontRef, Fraction, GradientStop, Length, LetterSpacing, SizeRange};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTemplate {
    pub name: Option<String>,
    pub description: Option<String>,
    /// A built-in template name or a template file (relative to this one) to start from.
    pub extends: Option<String>,
    /// A folder (relative to this file) its pictures may come from besides its own folder.
    pub assets_root: Option<String>,
    #[serde(default)]
    pub brand: RawBrand,
    /// Named text styles that text elements refer to with `style:`.
    #[serde(default)]
    pub styles: BTreeMap<String, RawTextStyle>,
    pub background: Option<RawBackground>,
    /// Regional typography, e.g. `fr-CA` or `[fr-CA, en-GB]`.
    pub locale: Option<OneOrMany>,
    pub elements: Option<Vec<RawElement>>,
    /// Per-format changes: keys are `all`, shapes (`square`, `portrait`, `landscape`) or format
    /// ids; values map element ids to the fields that change.
    #[serde(default)]
    pub formats: BTreeMap<String, BTreeMap<String, RawElement>>,
    /// Other arrangements for some quotes, tried in order before the template's own.
    pub variants: Option<Vec<RawVariant>>,
}

/// Another arrangement of the same elements, for the quotes its `when` admits.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawVariant {
    /// Its name, shown in the manifest and in messages.
    pub name: Option<String>,
    #[serde(default)]
    pub when: RawWhen,
    /// Changes to elements by id, laid over the format's own.
    #[serde(default)]
    pub elements: BTreeMap<String, RawElement>,
    /// Per-format changes within the variant, as the template's `formats:`.
    #[serde(default)]
    pub formats: BTreeMap<String, BTreeMap<String, RawElement>>,
}

/// Which quotes a variant is for.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawWhen {
    /// The quote's length in characters.
    pub chars: Option<RawCount>,
}

/// A range of counts; either end may be left open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCount {
    pub min: Option<u32>,
    pub max: Option<u32>,
}

/// A line drawn along the inside of a shape's or picture's edge.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStroke {
    pub width: Length,
    pub color: Option<ColorRef>,
}

/// A blurred copy of an element drawn behind it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawShadow {
    /// How far right and down it falls: `[0, 8px]`.
    pub offset: Option<[Length; 2]>,
    pub blur: Option<Length>,
    pub color: Option<ColorRef>,
}

/// What draws attention to emphasised words besides their colour and weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mark {
    /// A highlighter band behind the words.
    Band,
    /// A line under the words.
    Underline,
    /// Nothing.
    None,
}

/// Whether a text's contrast is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ContrastCheck {
    Check,
    /// The text is decorative: its contrast is not reported.
    Ignore,
}

/// The brand: colours, fonts, logo and the words that end every card.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBrand {
    /// Named colours usable wherever a colour is expected.
    #[serde(default)]
    pub palette: BTreeMap<String, ColorRef>,
    /// Named font roles usable wherever a font is expected.
    #[serde(default)]
    pub fonts: BTreeMap<String, FontRef>,
    /// Path of the brand logo (PNG, JPEG or SVG), relative to the template file.
    pub logo: Option<AssetPath>,
    /// The address `{url}` expands to.
    pub url: Option<String>,
    /// The hashtags `{hashtags}` expands to.
    pub hashtags: Option<Vec<String>>,
}

/// A file a template refers to, and which template file (layer) wrote it.
#[derive(Debug, Clone, PartialEq)]
pub struct AssetPath {
    pub path: String,
    /// Index of the template file in the `extends` chain, set after parsing.
    pub layer: usize,
}

impl<'de> Deserialize<'de> for AssetPath {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let path = String::deserialize(deserializer)?;
        if path.trim().is_empty() {
            return Err(de::Error::custom(
                "expected the path of an image file, found an empty string",
            ));
        }
        Ok(AssetPath { path, layer: 0 })
    }
}

/// A named text style: every field is optional and an element's own fields win.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTextStyle {
    pub font: Option<FontRef>,
    pub size: Option<SizeRange>,
    pub line_height: Option<f32>,
    pub letter_spacing: Option<LetterSpacing>,
    pub color: Option<ColorRef>,
    pub align: Option<Align>,
    pub case: Option<Case>,
    pub max_lines: Option<u32>,
    pub hanging_punctuation: Option<Hanging>,
    pub emphasis_color: Option<ColorRef>,
    pub emphasis_weight: Option<u16>,
    pub emphasis_mark: Option<Mark>,
    pub emphasis_mark_color: Option<ColorRef>,
    pub shadow: Option<RawShadow>,
}

/// The canvas background: a colour, or layers of colour, gradient, image and overlay.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawBackground {
    pub color: Option<ColorRef>,
    pub gradient: Option<RawGradient>,
    pub image: Option<AssetPath>,
    pub fit: Option<Fit>,
    /// The point of the image kept in view when `cover` crops it: `[50%, 30%]`.
    pub focus: Option<[Length; 2]>,
    /// A colour (usually translucent) laid over the image.
    pub tint: Option<ColorRef>,
    /// Darkens the image by this fraction (`40%`), to carry light text.
    pub darken: Option<Fraction>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BackgroundFields {
    color: Option<ColorRef>,
    gradient: Option<RawGradient>,
    image: Option<AssetPath>,
    fit: Option<Fit>,
    focus: Option<[Length; 2]>,
    tint: Option<ColorRef>,
    darken: Option<Fraction>,
}

impl<'de> Deserialize<'de> for RawBackground {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct BackgroundVisitor;
        impl<'de> Visitor<'de> for BackgroundVisitor {
            type Value = RawBackground;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a colour, or a map with `color`, `gradient`, `image`, `fit`, `tint` or `darken`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawBackground, E> {
                let color = ColorRef::deserialize(de::value::StrDeserializer::<E>::new(v))?;
                Ok(RawBackground {
                    color: Some(color),
                    ..RawBackground::default()
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawBackground, A::Error> {
                let b = BackgroundFields::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(RawBackground {
                    color: b.color,
                    gradient: b.gradient,
                    image: b.image,
                    fit: b.fit,
                    focus: b.focus,
                    tint: b.tint,
                    darken: b.darken,
                })
            }
        }
        deserializer.deserialize_any(BackgroundVisitor)
    }
}

/// A linear or radial gradient.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGradient {
    #[serde(rename = "type", default)]
    pub kind: GradientKind,
    /// Direction of a linear gradient: 180 (the default) runs top to bottom.
    pub angle: Option<Angle>,
    /// Centre of a radial gradient in its box: `[50%, 40%]`.
    pub center: Option<[Length; 2]>,
    /// Radius of a radial gradient: `%` is of the box's half-diagonal.
    pub radius: Option<Length>,
    pub stops: Vec<GradientStop>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum GradientKind {
    #[default]
    Linear,
    Radial,
}

/// How a picture fills its box.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Fit {
    /// Fill the box, cropping what overflows.
    Cover,
    /// Show all of the image, leaving space around it.
    Contain,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ElementKind {
    /// A filled rectangle, optionally with rounded corners or a gradient.
    Rect,
    /// A filled circle (an ellipse if its box is not square).
    Circle,
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
    /// A picture file from the template's folder.
    Image,
    /// The speaker's photo, cropped to a circle or rounded square; their initials without one.
    Photo,
    /// Empty space in a stack.
    Spacer,
}

impl ElementKind {
    pub const ALL: &'static [ElementKind] = &[
        ElementKind::Rect,
        ElementKind::Circle,
        ElementKind::Stack,
        ElementKind::Quote,
        ElementKind::Ornament,
        ElementKind::Text,
        ElementKind::Rule,
        ElementKind::Logo,
        ElementKind::Image,
        ElementKind::Photo,
        ElementKind::Spacer,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ElementKind::Rect => "rect",
            ElementKind::Circle => "circle",
            ElementKind::Stack => "stack",
            ElementKind::Quote => "quote",
            ElementKind::Ornament => "ornament",
            ElementKind::Text => "text",
            ElementKind::Rule => "rule",
            ElementKind::Logo => "logo",
            ElementKind::Image => "image",
            ElementKind::Photo => "photo",
            ElementKind::Spacer => "spacer",
        }
    }

    /// Whether the element sits inside a stack's `children` rather than on the canvas.
    pub fn in_stack(self) -> bool {
        matches!(
            self,
            ElementKind::Quote | ElementKind::Ornament | ElementKind::Rule | ElementKind::Spacer
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Area {
    /// The format's safe area (the whole canvas except where the network draws its interface).
    Safe,
    Canvas,
}

/// Horizontal alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Align {
    /// Flush left.
    Left,
    /// Centred.
    Center,
    /// Flush right.
    Right,
}

/// Vertical alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum VAlign {
    /// At the top.
    Top,
    /// In the middle.
    Center,
    /// At the bottom.
    Bottom,
}

/// Where a box sits in its area along an axis it has a size but no edge for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Anchor {
    TopLeft,
    Top,
    TopRight,
    Left,
    Center,
    Right,
    BottomLeft,
    Bottom,
    BottomRight,
}

impl Anchor {
    pub fn align(self) -> Align {
        match self {
            Anchor::TopLeft | Anchor::Left | Anchor::BottomLeft => Align::Left,
            Anchor::Top | Anchor::Center | Anchor::Bottom => Align::Center,
            Anchor::TopRight | Anchor::Right | Anchor::BottomRight => Align::Right,
        }
    }

    pub fn valign(self) -> VAlign {
        match self {
            Anchor::TopLeft | Anchor::Top | Anchor::TopRight => VAlign::Top,
            Anchor::Left | Anchor::Center | Anchor::Right => VAlign::Center,
            Anchor::BottomLeft | Anchor::Bottom | Anchor::BottomRight => VAlign::Bottom,
        }
    }
}

/// Letter case applied to a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Case {
    /// As written.
    None,
    /// Upper case.
    Upper,
    /// Lower case.
    Lower,
}

/// Where an opening quotation mark that starts a text goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Hanging {
    /// Left of the box, in the margin the safe area leaves; the words line up with the lines below.
    #[default]
    Margin,
    /// Inside the box: every line is set in by the mark's width, so the words still line up.
    Inside,
    /// Nowhere special: the mark is the first character of the first line.
    None,
}

/// How a photo is cropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PhotoShape {
    Circle,
    /// A square with rounded corners (`radius`, default 12 % of the side).
    Rounded,
    Square,
}

/// What a photo element draws when the card has no photo of the speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PhotoFallback {
    /// The speaker's initials on the element's `color`.
    Initials,
    /// Nothing.
    None,
}

/// One element. Fields that do not apply to an element's `type` are rejected when resolved.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawElement {
    #[serde(rename = "type")]
    pub kind: Option<ElementKind>,
    pub id: Option<String>,
    pub area: Option<Area>,
    pub anchor: Option<Anchor>,
    pub left: Option<Length>,
    pub top: Option<Length>,
    pub right: Option<Length>,
    pub bottom: Option<Length>,
    pub width: Option<Length>,
    pub height: Option<Length>,
    pub color: Option<ColorRef>,
    pub gradient: Option<RawGradient>,
    pub radius: Option<Length>,
    pub gap: Option<Length>,
    /// Horizontal alignment: of text lines, or of a stack's children.
    pub align: Option<Align>,
    /// Vertical placement of a stack's content in its box.
    pub valign: Option<VAlign>,
    pub children: Option<Vec<RawElement>>,
    pub text: Option<String>,
    /// A named text style from `styles:`; the element's own fields override it.
    pub style: Option<String>,
    pub font: Option<FontRef>,
    pub size: Option<SizeRange>,
    pub line_height: Option<f32>,
    pub letter_spacing: Option<LetterSpacing>,
    pub case: Option<Case>,
    pub max_lines: Option<u32>,
    /// Where an opening quotation mark that starts the text goes.
    pub hanging_punctuation: Option<Hanging>,
    /// Extra space above this child in a stack, on top of the stack's gap.
    pub space_before: Option<Length>,
    /// Ornament glyph: `auto` (« in French, “ in English) or a literal character.
    pub glyph: Option<String>,
    /// Picture file of an `image` element, relative to the template file.
    pub src: Option<AssetPath>,
    pub fit: Option<Fit>,
    pub shape: Option<PhotoShape>,
    pub fallback: Option<PhotoFallback>,
    /// Whether the element is drawn; a per-format override can hide an element with `false`.
    pub visible: Option<bool>,
    /// Colour of `**emphasised**` words (default: the palette's `accent`).
    pub emphasis_color: Option<ColorRef>,
    /// Weight of emphasised words, in the same family (default: the text's own weight).
    pub emphasis_weight: Option<u16>,
    /// A band or underline behind emphasised words.
    pub emphasis_mark: Option<Mark>,
    /// The colour of that band or underline (default: the accent, translucent for a band).
    pub emphasis_mark_color: Option<ColorRef>,
    /// A line along the inside of a shape's or picture's edge.
    pub stroke: Option<RawStroke>,
    /// A soft shadow behind the element.
    pub shadow: Option<RawShadow>,
    /// How opaque the element is, from 0 to 100 %.
    pub opacity: Option<Fraction>,
    /// The point of a photo kept in view when it is cropped: `[50%, 30%]`.
    pub focus: Option<[Length; 2]>,
    /// Placement after another element is laid out: under it, by element id.
    pub below: Option<String>,
    /// Over it.
    pub above: Option<String>,
    /// To its right.
    pub right_of: Option<String>,
    /// `ignore` leaves a decorative text out of the contrast check.
    pub contrast: Option<ContrastCheck>,
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

/// Applies `$body` to every optional field of [`RawElement`] except `type` and `id`, by name.
macro_rules! element_fields {
    ($mac:ident) => {
        $mac!(
            area,
            anchor,
            left,
            top,
            right,
            bottom,
            width,
            height,
            color,
            gradient,
            radius,
            gap,
            align,
            valign,
            children,
            text,
            style,
            font,
            size,
            line_height,
            letter_spacing,
            case,
            max_lines,
            hanging_punctuation,
            space_before,
            glyph,
            src,
            fit,
            shape,
            fallback,
            visible,
            emphasis_color,
            emphasis_weight,
            emphasis_mark,
            emphasis_mark_color,
            stroke,
            shadow,
            opacity,
            focus,
            below,
            above,
            right_of,
            contrast
        )
    };
}

impl RawElement {
    /// Applies the fields set in `patch` over `self`, returning the names of those it set.
    pub fn merge(&mut self, patch: &RawElement) -> Vec<&'static str> {
        let mut changed = Vec::new();
        if patch.kind.is_some() {
            self.kind = patch.kind;
            changed.push("type");
        }
        macro_rules! take {
            ($($field:ident),*) => {$(
                if patch.$field.is_some() {
                    self.$field = patch.$field.clone();
                    changed.push(stringify!($field));
                }
            )*};
        }
        element_fields!(take);
        changed
    }

    /// Names of the fields set, besides `type` and `id`.
    pub fn set_fields(&self) -> Vec<&'static str> {
        let mut fields = Vec::new();
        macro_rules! check {
            ($($field:ident),*) => {$(
                if self.$field.is_some() {
                    fields.push(stringify!($field));
                }
            )*};
        }
        element_fields!(check);
        fields
    }

    /// Every field name an element may have, for suggestions and the schema.
    pub fn field_names() -> Vec<&'static str> {
        let mut fields = vec!["type", "id"];
        macro_rules! names {
            ($($field:ident),*) => {$(
                fields.push(stringify!($field));
            )*};
        }
        element_fields!(names);
        fields
    }
}
