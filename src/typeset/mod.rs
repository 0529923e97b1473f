//! Typesetting: places every piece of text and every shape of a layout for one quote, producing a
//! [`Card`] that the renderer paints without further decisions.
//!
//! For each text: apply language typography (typography.rs) → shape with harfrust, per-character
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
use crate::template::{Outline, Paint, Picture, Rect, Rgba, Shadow, Stroke};

/// A glyph at its final position: `x`, `y` are the pen position on the baseline, in canvas px.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlacedGlyph {
    /// The face.
    pub face: FaceId,
    /// The glyph id in that face.
    pub id: u16,
    /// Pen position, in canvas px.
    pub x: f32,
    /// Baseline, in canvas px.
    pub y: f32,
    /// Font size in px.
    pub size: f32,
}

/// One thing to paint, in painting order.
#[derive(Debug, Clone)]
pub enum Item {
    /// A filled rectangle with rounded corners.
    Rect {
        /// Its box.
        rect: Rect,
        /// Its colour.
        color: Rgba,
        /// Corner radius, in px.
        radius: f32,
    },
    /// A rectangle or ellipse filled with a colour or gradient.
    Shape {
        /// Its box.
        rect: Rect,
        /// Its outline.
        outline: Outline,
        /// What fills it.
        paint: Paint,
    },
    /// A picture fitted into `rect` and cropped to its outline.
    Picture {
        /// Its box.
        rect: Rect,
        /// The picture.
        picture: Picture,
    },
    /// Text; `element` is the template element it comes from, for diagnostics.
    Glyphs {
        /// The text's colour.
        color: Rgba,
        /// The glyphs, in drawing order.
        glyphs: Vec<PlacedGlyph>,
        /// The template element's path.
        element: String,
        /// Decorative text, left out of the contrast check.
        decorative: bool,
    },
    /// A line along the inside of an outline.
    Stroke {
        /// Its box.
        rect: Rect,
        /// The outline it follows.
        outline: Outline,
        /// Its width and colour.
        stroke: Stroke,
    },
    /// The blurred silhouette of what is drawn next.
    Shadow {
        /// The silhouette.
        silhouette: Silhouette,
        /// Offset, blur and colour.
        shadow: Shadow,
    },
}

/// The shape a shadow is cast from.
#[derive(Debug, Clone)]
pub enum Silhouette {
    /// A filled outline.
    Outline(Rect, Outline),
    /// Letters.
    Glyphs(Vec<PlacedGlyph>),
}

/// What a placement on the card holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlacementKind {
    /// The quote.
    Quote,
    /// The opening-mark ornament.
    Ornament,
    /// Other text (name, credit, kicker…).
    Text,
    /// The logo.
    Logo,
    /// Another picture.
    Image,
    /// The speaker's photo, or their initials.
    Photo,
}

/// Where a piece of content was put, for checks: `ink` must lie inside `frame`.
#[derive(Debug, Clone, PartialEq)]
pub struct Placement {
    /// What it holds.
    pub kind: PlacementKind,
    /// The box the layout gave it.
    pub frame: Rect,
    /// The bounds of what is actually drawn.
    pub ink: Rect,
    /// Font size in px, for text.
    pub size: f32,
    /// The drawn lines, for text.
    pub lines: Vec<String>,
    /// The width of each drawn line in px (its advances, without a hanging mark), for text.
    pub line_widths: Vec<f32>,
}

/// A fully laid-out card.
#[derive(Debug, Clone)]
pub struct Card {
    /// Width in px.
    pub width: u32,
    /// Height in px.
    pub height: u32,
    /// The colour under everything.
    pub background: Rgba,
    /// What to paint, in order.
    pub items: Vec<Item>,
    /// How many leading `items` come from the layout alone (backgrounds, shapes, the logo) and
    /// are the same on every card of this layout, so a batch can paint them once.
    pub layout_items: usize,
    /// Where each piece of content went.
    pub placements: Vec<Placement>,
    /// The format's safe area.
    pub safe: Rect,
    /// The name of the template's variant the card uses; `None` for its own arrangement.
    pub variant: Option<String>,
    /// Stacks whose children need more height than their box: drawn, but worth a designer's look.
    pub overflows: Vec<Overflow>,
}

/// Which edge of its stack's box a child crosses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edge {
    /// It starts above the box.
    Top,
    /// It ends below the box.
    Bottom,
}

/// A stack whose children outgrow its box: the stack keeps their order and spacing, so they
/// spill over its top, its bottom or both, depending on its `valign`.
#[derive(Debug, Clone, PartialEq)]
pub struct Overflow {
    /// The stack's template element (`elements.3`), to point at its line.
    pub element: String,
    /// How messages name the stack.
    pub stack: String,
    /// The height its children need, in px.
    pub needed: f32,
    /// The height of its box, in px.
    pub height: f32,
    /// The children that cross the box's edge: how messages name them, which edge, by how many px.
    pub children: Vec<(String, Edge, f32)>,
    /// Whether a child leaves the format's safe area.
    pub leaves_safe: bool,
}

impl Overflow {
    /// The most any child crosses the box's edge, in px.
    pub fn by(&self) -> f32 {
        self.children.iter().map(|(_, _, by)| *by).fold(0.0, f32::max)
    }

    /// What crosses which edge, e.g. "`dateline` ends 14 px below its box".
    pub fn describe(&self) -> String {
        let crossings: Vec<String> = self
            .children
            .iter()
            .map(|(child, edge, by)| match edge {
                Edge::Top => format!("{child} starts {by:.0} px above"),
                Edge::Bottom => format!("{child} ends {by:.0} px below"),
            })
            .collect();
        format!(
            "the children of stack {} need {:.0} px of height and its box is {:.0} px: {} it{}",
            self.stack,
            self.needed,
            self.height,
            crossings.join(", "),
            if self.leaves_safe {
                ", outside the safe area"
            } else {
                ""
            }
        )
    }
}

impl Card {
    /// Where the quote went.
    pub fn quote(&self) -> Option<&Placement> {
        self.placements.iter().find(|p| p.kind == PlacementKind::Quote)
    }
}

/// Why a card could not be set.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum TypesetError {
    /// The text does not fit its box even at the template's smallest size.
    #[error("the {what} does not fit format `{format}`: at the minimum size of {min_size:.0} px it needs {} px of height, and the box is {width:.0} × {height:.0} px", needed.map_or("more".to_owned(), |n| format!("{n:.0}")))]
    DoesNotFit {
        /// Which text: "quote", "text of `name`"…
        what: String,
        /// The template element's path (`elements.2.children.1`), to point at its line.
        element: String,
        /// The format's id.
        format: String,
        /// The smallest size allowed, in px.
        min_size: f32,
        /// The box's width, in px.
        width: f32,
        /// The box's height, in px.
        height: f32,
        /// The height needed at the smallest size, when known.
        needed: Option<f32>,
    },
    /// The text is longer than any card could hold.
    #[error("the {what} is {chars} characters long; a card holds at most {max}: shorten it")]
    TooLong {
        /// Which text: "quote", "text of an element".
        what: String,
        /// Its length in characters.
        chars: usize,
        /// The most a card is set with.
        max: usize,
    },
    /// A stack's children outgrow its box so far that they leave the card or cover another element.
    #[error("on format `{format}`, {}, and {harm}", overflow.describe())]
    Overflows {
        /// The overflow.
        overflow: Box<Overflow>,
        /// What it does: "leaves the card", "covers `logo`".
        harm: String,
        /// The format's id.
        format: String,
    },
    /// Characters that no embedded font can draw.
    #[error("no bundled font can draw {} in the {what} (fonts tried: {fonts})", describe_missing(.missing))]
    MissingGlyphs {
        /// The characters.
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
    /// What a designer can do about a stack whose children outgrow it.
    pub fn overflow_hint() -> &'static str {
        "make the stack taller (its `top`, `bottom` or `height`), or its children shorter: a smaller `size`, fewer `max_lines`, less `gap` or `space_before`"
    }

    /// What the user can do about it.
    pub fn hint(&self) -> String {
        match self {
            TypesetError::DoesNotFit { what, .. } if what == "quote" => {
                "shorten the quote (an editor's cut with […] is fine), choose another format, or lower the template's minimum size".into()
            }
            TypesetError::DoesNotFit { what, .. } if what == "photo initials" => {
                "make the photo element larger, or set `fallback: none`".into()
            }
            TypesetError::DoesNotFit { .. } => {
                "this text comes from the card's speaker or the template, not the quote: allow it more lines (`max_lines`), a wider box or a smaller minimum `size` in the template".into()
            }
            TypesetError::Overflows { .. } => Self::overflow_hint().into(),
            TypesetError::TooLong { .. } => {
                "shorten the text, or cut the quote with […]; a card is read in seconds".into()
            }
            TypesetError::MissingGlyphs { .. } => "remove or replace the character, or use a template font that has it".into(),
        }
    }
}
