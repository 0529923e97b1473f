//! A template resolved for one format: every length in pixels, every colour parsed, every font
//! and image loaded. Typesetting and rendering take only this.

use super::format::Format;
pub use super::raw::{Align, Case, VAlign};
use super::values::Rgba;
use crate::typeset::typography::Locale;
use crate::typeset::FaceId;
use image::RgbaImage;
use std::sync::Arc;

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
    pub color: Rgba,
    pub align: Align,
    pub case: Case,
    pub max_lines: Option<u32>,
    /// How `**emphasised**` words are drawn; `None` draws them like the rest.
    pub emphasis: Option<Emphasis>,
}

/// The colour and face of emphasised words.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Emphasis {
    pub color: Rgba,
    pub face: FaceId,
}

/// Something drawn at a fixed place on the canvas.
#[derive(Debug, Clone)]
pub enum Element {
    Rect {
        rect: Rect,
        color: Rgba,
        radius: f32,
    },
    Image {
        rect: Rect,
        image: Arc<RgbaImage>,
        align: Align,
        valign: VAlign,
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
    pub background: Rgba,
    /// The format's safe area: text and logos belong inside it.
    pub safe: Rect,
    pub elements: Vec<Element>,
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
