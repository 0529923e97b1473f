//! Rasterising: paints a typeset [`Card`] into pixels. Takes no decisions and cannot fail.

mod paint;
mod text;

use crate::typeset::{Card, FontBook, Item};
use image::{Rgb, RgbImage};

/// Paints `card` onto a new opaque canvas.
pub fn render(card: &Card, fonts: &FontBook) -> RgbImage {
    let [r, g, b, _] = card.background.0;
    let mut canvas = RgbImage::from_pixel(card.width, card.height, Rgb([r, g, b]));
    for item in &card.items {
        match item {
            Item::Rect { rect, color, radius } => paint::fill_rect(&mut canvas, *rect, *color, *radius),
            Item::Image { rect, image } => paint::draw_image(&mut canvas, *rect, image),
            Item::Glyphs { color, glyphs } => text::draw_glyphs(&mut canvas, glyphs, *color, fonts),
        }
    }
    canvas
}
