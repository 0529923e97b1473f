//! A template resolved for one format: every length in pixels, every colour parsed, every font
//! and image loaded. Typesetting and rendering take only this.

use super::assets::Asset;
use super::format::Format;
pub use super::raw::{Align, Case, Fit, Hanging, Mark, VAlign};
use super::values::Rgba;
use crate::diagnostic::Diagnostic;
use crate::fonts::FaceId;
use crate::locale::Locale;

/// A rectangle in canvas pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x: f32,
    /// Top edge.
    pub y: f32,
    /// Width.
    pub w: f32,
    /// Height.
    pub h: f32,
}

impl Rect {
    /// The right edge.
    pub fn right(&self) -> f32 {
        self.x + self.w
    }

    /// The bottom edge.
    pub fn bottom(&self) -> f32 {
        self.y + self.h
    }

    /// Whether `other` lies inside `self`, allowing `slack` pixels for anti-aliasing.
    pub fn contains(&self, other: &Rect, slack: f32) -> bool {
        other.x >= self.x - slack
            && other.y >= self.y - slack
            && other.right() <= self.right() + slack
            && other.bottom() <= self.bottom() + slack
    }
}

/// How a run of text is set.
#[derive(Debug, Clone, PartialEq)]
pub struct TextStyle {
    /// The font face.
    pub face: FaceId,
    /// Font size range in px: the text takes the largest size in it that fits.
    pub min_size: f32,
    /// The largest size tried, in px; `min_size` is the smallest.
    pub max_size: f32,
    /// Distance between baselines, as a multiple of the font size.
    pub line_height: f32,
    /// Extra space after each character, in em.
    pub letter_spacing: f32,
    /// The text's colour.
    pub color: Rgba,
    /// Horizontal alignment of each line.
    pub align: Align,
    /// Letter case applied before drawing.
    pub case: Case,
    /// The most lines the text may take; more is a fit error.
    pub max_lines: Option<u32>,
    /// Where an opening quotation mark that starts the text goes.
    pub hanging: Hanging,
    /// The template element this text comes from (a path such as `elements.1.children.2`).
    pub element: String,
    /// How `**emphasised**` words are drawn; `None` draws them like the rest.
    pub emphasis: Option<Emphasis>,
    /// Shadow, id and contrast check.
    pub finish: TextFinish,
}

/// What a text has besides its type: a shadow, the element's id for messages, whether its
/// contrast matters.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TextFinish {
    /// A soft shadow behind the letters.
    pub shadow: Option<Shadow>,
    /// The template element's `id`, which messages name it by.
    pub id: Option<String>,
    /// A decorative text, left out of the contrast check.
    pub decorative: bool,
}

impl TextStyle {
    /// How messages name the element: its id, else its path in the template.
    pub fn label(&self) -> String {
        match &self.finish.id {
            Some(id) => format!("`{id}`"),
            None => format!("`{}`", self.element),
        }
    }
}

/// A line along the inside of an outline.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stroke {
    /// Its width, in px.
    pub width: f32,
    /// Its colour.
    pub color: Rgba,
}

/// A blurred copy of an element's silhouette, drawn behind it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shadow {
    /// How far right and down it falls, in px.
    pub offset: (f32, f32),
    /// The blur's standard deviation, in px.
    pub blur: f32,
    /// Its colour.
    pub color: Rgba,
}
/// The colour and face of emphasised words.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Emphasis {
    /// The colour of emphasised words.
    pub color: Rgba,
    /// Their face: the text's own, or the same family at another weight.
    pub face: FaceId,
    /// A band or underline drawn behind them, and its colour.
    pub mark: Option<(Mark, Rgba)>,
}

/// A gradient's geometry, in canvas px.
#[derive(Debug, Clone, PartialEq)]
pub enum GradientShape {
    /// Along `angle` degrees (0 up, 90 right) through the centre of the painted box.
    Linear {
        /// The direction, in degrees.
        angle: f32,
    },
    /// Out from a centre.
    Radial {
        /// The centre, in canvas px.
        center: (f32, f32),
        /// The radius at the last stop, in px.
        radius: f32,
    },
}

/// What a shape is filled with.
#[derive(Debug, Clone, PartialEq)]
pub enum Paint {
    /// One colour.
    Solid(Rgba),
    /// Colours blended along a line or out from a point.
    Gradient {
        /// Where the colours go.
        shape: GradientShape,
        /// Positions in 0..=1, ascending.
        stops: Vec<(f32, Rgba)>,
    },
}

/// The outline of a filled shape or of a picture's crop.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Outline {
    /// A rectangle with corners of this radius in px (0 for square corners).
    Rect {
        /// The corners' radius.
        radius: f32,
    },
    /// The ellipse inscribed in the box (a circle in a square box).
    Ellipse,
}

/// A raster picture placed in a box.
#[derive(Debug, Clone)]
pub struct Picture {
    /// The decoded image.
    pub asset: Asset,
    /// How it fills its box.
    pub fit: Fit,
    /// Which point of the picture lines up with the same point of the box, as fractions.
    pub position: (f32, f32),
    /// Its crop.
    pub outline: Outline,
    /// How opaque it is, 0..=1.
    pub opacity: f32,
}

/// What a photo element shows when the card has no photo.
#[derive(Debug, Clone)]
pub struct Initials {
    /// How the initials are set.
    pub style: TextStyle,
    /// The colour behind them.
    pub fill: Rgba,
}

/// Something drawn at a fixed place on the canvas.
#[derive(Debug, Clone)]
pub enum Element {
    /// A filled rectangle or ellipse.
    Shape {
        /// Its box.
        rect: Rect,
        /// Its outline.
        outline: Outline,
        /// What fills it.
        paint: Paint,
        /// Its edge.
        stroke: Option<Stroke>,
        /// Its shadow.
        shadow: Option<Shadow>,
    },
    /// A picture: the logo or an image.
    Picture {
        /// Its box.
        rect: Rect,
        /// The picture.
        picture: Picture,
        /// Whether this is the brand logo (for placement checks).
        logo: bool,
        /// Its edge.
        stroke: Option<Stroke>,
        /// Its shadow.
        shadow: Option<Shadow>,
    },
    /// The speaker's photo, known only per card.
    Photo {
        /// Its box.
        rect: Rect,
        /// Its crop.
        outline: Outline,
        /// The initials drawn without a photo; `None` draws nothing.
        initials: Option<Initials>,
        /// The point of the photo kept in view, as fractions.
        focus: (f32, f32),
        /// Its edge.
        stroke: Option<Stroke>,
        /// Its shadow.
        shadow: Option<Shadow>,
        /// How opaque it is, 0..=1.
        opacity: f32,
    },
    /// Text with placeholders, in a box of its own.
    Text {
        /// Its box.
        rect: Rect,
        /// The text, with `{placeholders}`.
        text: String,
        /// How it is set.
        style: TextStyle,
        /// Where it sits in its box vertically.
        valign: VAlign,
    },
    /// Children set one under another; the quote takes the height left.
    Stack(Stack),
}

/// A vertical flow: children are laid out top to bottom, the quote taking the space left.
#[derive(Debug, Clone)]
pub struct Stack {
    /// Its box.
    pub rect: Rect,
    /// Space between children, in px.
    pub gap: f32,
    /// How the children line up horizontally.
    pub align: Align,
    /// Where the children sit vertically.
    pub valign: VAlign,
    /// The children, top to bottom.
    pub children: Vec<StackChild>,
    /// The template element it comes from (`elements.2`), to point at its line.
    pub element: String,
    /// Its `id`, which messages name it by.
    pub id: Option<String>,
    /// Each child's template element and `id`, in the order of `children`.
    pub child_elements: Vec<(String, Option<String>)>,
}

impl Stack {
    /// How messages name the stack: its id, else its path in the template.
    pub fn label(&self) -> String {
        format!("`{}`", self.id.as_deref().unwrap_or(&self.element))
    }

    /// How messages name child `index`.
    pub fn child_label(&self, index: usize) -> String {
        match self.child_elements.get(index) {
            Some((_, Some(id))) => format!("`{id}`"),
            Some((path, None)) => format!("`{path}`"),
            None => format!("child {index}"),
        }
    }
}

/// One child of a stack.
#[derive(Debug, Clone)]
pub enum StackChild {
    /// The quote.
    Quote {
        /// How it is set.
        style: TextStyle,
        /// Extra space above it, in px.
        space_before: f32,
    },
    /// An opening quotation mark drawn as an ornament.
    Ornament {
        /// Its face.
        face: FaceId,
        /// Its size in px.
        size: f32,
        /// Its colour.
        color: Rgba,
        /// The glyph; `None` uses the quote's opening mark.
        glyph: Option<String>,
        /// Extra space above it, in px.
        space_before: f32,
        /// The template element it comes from.
        element: String,
        /// Left out of the contrast check.
        decorative: bool,
    },
    /// Text with placeholders.
    Text {
        /// The text, with `{placeholders}`.
        text: String,
        /// How it is set.
        style: TextStyle,
        /// Extra space above it, in px.
        space_before: f32,
    },
    /// A horizontal rule.
    Rule {
        /// Its width in px.
        width: f32,
        /// Its thickness in px.
        height: f32,
        /// Its colour.
        color: Rgba,
        /// Extra space above it, in px.
        space_before: f32,
    },
    /// Empty space.
    Spacer {
        /// Its height in px.
        height: f32,
    },
}

/// A template resolved for one format.
#[derive(Debug, Clone)]
pub struct Layout {
    /// The template's name.
    pub template: String,
    /// The format it is resolved for.
    pub format: Format,
    /// The colour under everything else.
    pub background: Rgba,
    /// The format's safe area: text and logos belong inside it.
    pub safe: Rect,
    /// What is drawn, in painting order.
    pub elements: Vec<Element>,
    /// Problems that do not stop rendering, such as text that may get too small to read.
    pub warnings: Vec<Diagnostic>,
    /// Regional typographic conventions (fr-CA spacing, en-GB quotation marks).
    pub locale: Locale,
    /// Elements placed against another once it is laid out.
    pub relations: Vec<Relation>,
    /// Which drawn element or stack child each id names.
    pub ids: Vec<(String, Slot)>,
    /// Other arrangements, tried in order before this one.
    pub variants: Vec<Variant>,
}

/// Where an id points in a layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// `elements[i]`.
    Element(usize),
    /// Child `j` of the stack `elements[i]`.
    Child(usize, usize),
}

/// Which side of the element it refers to an element goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Under it.
    Below,
    /// Over it.
    Above,
    /// To its right.
    RightOf,
}

/// `elements[element]` is moved next to the element `target` once that is laid out.
#[derive(Debug, Clone, PartialEq)]
pub struct Relation {
    /// The element moved.
    pub element: usize,
    /// The id it is placed against.
    pub target: String,
    /// Where.
    pub side: Side,
    /// Space between the two, in px.
    pub gap: f32,
    /// Whether its size along the moved axis was given (kept), or stretches to its far edge.
    pub sized: bool,
}

/// A variant of a layout with the quote lengths it is for.
#[derive(Debug, Clone)]
pub struct Variant {
    /// Its name.
    pub name: String,
    /// Shortest quote, in characters.
    pub min_chars: Option<usize>,
    /// Longest quote, in characters.
    pub max_chars: Option<usize>,
    /// The arrangement.
    pub layout: Box<Layout>,
}

impl Variant {
    /// Whether a quote of `chars` characters may use this variant.
    pub fn admits(&self, chars: usize) -> bool {
        self.min_chars.is_none_or(|m| chars >= m) && self.max_chars.is_none_or(|m| chars <= m)
    }
}

impl Layout {
    /// The canvas width in px.
    pub fn width(&self) -> u32 {
        self.format.width
    }

    /// The canvas height in px.
    pub fn height(&self) -> u32 {
        self.format.height
    }

    /// The style of the quote text, wherever the layout places it.
    pub fn quote_style(&self) -> Option<&TextStyle> {
        self.elements.iter().find_map(|element| match element {
            Element::Stack(stack) => stack.children.iter().find_map(|child| match child {
                StackChild::Quote { style, .. } => Some(style),
                _ => None,
            }),
            _ => None,
        })
    }
}
