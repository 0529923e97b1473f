//! Typesetting: places every piece of text and every shape of a layout for one quote, producing a
//! [`Card`] that the renderer paints without further decisions.
//!
//! For each text: apply language typography (typography.rs) → shape with rustybuzz, per-character
//! fallback and bidi runs (shape.rs, bidi.rs) → find break opportunities (linebreak.rs) → choose
//! size and breaks together (fit.rs, balance.rs) → place the glyphs in visual order (place.rs).

mod balance;
mod bidi;
mod compose;
mod fit;
mod linebreak;
mod pictures;
mod place;
mod shape;
pub mod typography;

pub use crate::fonts::{Face, FaceId, FontBook};
pub use compose::compose;
pub use fit::{set_text, set_text_with, SetError, SetOptions, SetText};
pub use place::place_text;
pub use shape::{shape, shape_styled, Glyph, MissingGlyph};

use crate::fonts;
use crate::template::{Outline, Paint, Picture, Rect, Rgba};

/// A glyph at its final position: `x`, `y` are the pen position on the baseline, in canvas px.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlacedGlyph {
    pub face: FaceId,
    pub id: u16,
    pub x: f32,
    pub y: f32,
    pub size: f32,
}

/// One thing to paint, in painting order.
#[derive(Debug, Clone)]
pub enum Item {
    Rect {
        rect: Rect,
        color: Rgba,
        radius: f32,
    },
    /// A rectangle or ellipse filled with a colour or gradient.
    Shape {
        rect: Rect,
        outline: Outline,
        paint: Paint,
    },
    /// A picture fitted into `rect` and cropped to its outline.
    Picture {
        rect: Rect,
        picture: Picture,
    },
    /// Text; `element` is the template element it comes from, for diagnostics.
    Glyphs {
        color: Rgba,
        glyphs: Vec<PlacedGlyph>,
        element: String,
    },
}

/// What a placement on the card holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlacementKind {
    Quote,
    Ornament,
    Text,
    Logo,
    Image,
    Photo,
}

/// Where a piece of content was put, for checks: `ink` must lie inside `frame`.
#[derive(Debug, Clone, PartialEq)]
pub struct Placement {
    pub kind: PlacementKind,
    /// The box the layout gave it.
    pub frame: Rect,
    /// The bounds of what is actually drawn.
    pub ink: Rect,
    /// Font size in px, for text.
    pub size: f32,
    /// The drawn lines, for text.
    pub lines: Vec<String>,
}

/// A fully laid-out card.
#[derive(Debug, Clone)]
pub struct Card {
    pub width: u32,
    pub height: u32,
    pub background: Rgba,
    pub items: Vec<Item>,
    /// How many leading `items` come from the layout alone (backgrounds, shapes, the logo) and
    /// are the same on every card of this layout, so a batch can paint them once.
    pub layout_items: usize,
    pub placements: Vec<Placement>,
    /// The format's safe area.
    pub safe: Rect,
}

impl Card {
    pub fn quote(&self) -> Option<&Placement> {
        self.placements.iter().find(|p| p.kind == PlacementKind::Quote)
    }
}

/// Why a card could not be set.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum TypesetError {
    #[error("the {what} does not fit format `{format}`: at the minimum size of {min_size:.0} px it needs {} px of height, and the box is {width:.0} × {height:.0} px", needed.map_or("more".to_owned(), |n| format!("{n:.0}")))]
    DoesNotFit {
        what: String,
        format: String,
        min_size: f32,
        width: f32,
        height: f32,
        needed: Option<f32>,
    },
    #[error("the {what} is {chars} characters long; a card holds at most {max}: shorten it")]
    TooLong { what: String, chars: usize, max: usize },
    #[error("no bundled font can draw {} in the {what} (fonts tried: {fonts})", describe_missing(.missing))]
    MissingGlyphs {
        missing: Vec<char>,
        /// Which text holds them: "quote", "credit text"…
        what: String,
        /// The fallback chain that was searched, in order.
        fonts: String,
    },
}

fn describe_missing(missing: &[char]) -> String {
    missing
        .iter()
        .map(|c| format!("`{c}` (U+{:04X})", *c as u32))
        .collect::<Vec<_>>()
        .join(", ")
}

impl TypesetError {
    pub fn hint(&self) -> String {
        match self {
            TypesetError::DoesNotFit { .. } => {
                "shorten the quote (an editor's cut with […] is fine), choose another format, or lower the template's minimum size".into()
            }
            TypesetError::TooLong { .. } => {
                "shorten the text, or cut the quote with […]; a card is read in seconds".into()
            }
            TypesetError::MissingGlyphs { .. } => "remove or replace the character, or use a template font that has it".into(),
        }
    }
}
