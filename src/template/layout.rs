//! A template resolved for one format: every length in pixels, every colour parsed, every font
//! and image loaded. Typesetting and rendering take only this.

use super::assets::Asset;
use super::format::Format;
pub use super::raw::{Align, Case, Fit, Hanging, VAlign};
use super::values::Rgba;
use crate::diagnostic::Diagnostic;
use crate::fonts::FaceId;
use crate::locale::Locale;

/// A rectangle in canvas pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Rect {
    pub fn right(&self) -> f32 {
        self.x + self.w
    }

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
    pub face: FaceId,
    /// Font size range in px: the text takes the largest size in it that fits.
    pub min_size: f32,
    pub max_size: f32,
    /// Distance between baselines, as a multiple of the font size.
    pub line_height: f32,
    /// Extra space after each character, in em.
    pub letter_spacing: f32,
    pub color: Rgba,
    pub align: Align,
    pub case: Case,
    pub max_lines: Option<u32>,
    /// Where an opening quotation mark that starts the text goes.
    pub hanging: Hanging,
    /// The template element this text comes from (a path such as `elements.1.children.2`).
    pub element: String,
    /// How `**emphasised**` words are drawn; `None` draws them like the rest.
    pub emphasis: Option<Emphasis>,
}

/// The colour and face of emphasised words.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Emphasis {
    pub color: Rgba,
    pub face: FaceId,
}

/// A gradient's geometry, in canvas px.
#[derive(Debug, Clone, PartialEq)]
pub enum GradientShape {
    /// Along `angle` degrees (0 up, 90 right) through the centre of the painted box.
    Linear {
        angle: f32,
    },
    Radial {
        center: (f32, f32),
        radius: f32,
    },
}

/// What a shape is filled with.
#[derive(Debug, Clone, PartialEq)]
pub enum Paint {
    Solid(Rgba),
    Gradient {
        shape: GradientShape,
        /// Positions in 0..=1, ascending.
        stops: Vec<(f32, Rgba)>,
    },
}

/// The outline of a filled shape or of a picture's crop.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Outline {
    /// A rectangle with corners of this radius in px (0 for square corners).
    Rect { radius: f32 },
    /// The ellipse inscribed in the box (a circle in a square box).
    Ellipse,
}

/// A raster picture placed in a box.
#[derive(Debug, Clone)]
pub struct Picture {
    pub asset: Asset,
    pub fit: Fit,
    /// Which point of the picture lines up with the same point of the box, as fractions.
    pub position: (f32, f32),
    pub outline: Outline,
}

/// What a photo element shows when the card has no photo.
#[derive(Debug, Clone)]
pub struct Initials {
    pub style: TextStyle,
    pub fill: Rgba,
}

/// Something drawn at a fixed place on the canvas.
#[derive(Debug, Clone)]
pub enum Element {
    Shape {
        rect: Rect,
        outline: Outline,
        paint: Paint,
    },
    Picture {
        rect: Rect,
        picture: Picture,
        /// Whether this is the brand logo (for placement checks).
        logo: bool,
    },
    /// The speaker's photo, known only per card.
    Photo {
        rect: Rect,
        outline: Outline,
        initials: Option<Initials>,
    },
    Text {
        rect: Rect,
        text: String,
        style: TextStyle,
        valign: VAlign,
    },
    Stack(Stack),
}

/// A vertical flow: children are laid out top to bottom, the quote taking the space left.
#[derive(Debug, Clone)]
pub struct Stack {
    pub rect: Rect,
    pub gap: f32,
    pub align: Align,
    pub valign: VAlign,
    pub children: Vec<StackChild>,
}

#[derive(Debug, Clone)]
pub enum StackChild {
    Quote {
        style: TextStyle,
        space_before: f32,
    },
    Ornament {
        face: FaceId,
        size: f32,
        color: Rgba,
        glyph: Option<String>,
        space_before: f32,
        element: String,
    },
    Text {
        text: String,
        style: TextStyle,
        space_before: f32,
    },
    Rule {
        width: f32,
        height: f32,
        color: Rgba,
        space_before: f32,
    },
    Spacer {
        height: f32,
    },
}

/// A template resolved for one format.
#[derive(Debug, Clone)]
pub struct Layout {
    pub template: String,
    pub format: Format,
    /// The colour under everything else.
    pub background: Rgba,
    /// The format's safe area: text and logos belong inside it.
    pub safe: Rect,
    pub elements: Vec<Element>,
    /// Problems that do not stop rendering, such as text that may get too small to read.
    pub warnings: Vec<Diagnostic>,
    /// Regional typographic conventions (fr-CA spacing, en-GB quotation marks).
    pub locale: Locale,
}

impl Layout {
    pub fn width(&self) -> u32 {
        self.format.width
    }

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
