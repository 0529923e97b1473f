//! Rasterising: paints a typeset [`Card`] into pixels. Takes no decisions and cannot fail.

pub mod contrast;
pub mod paint;
mod text;

pub use text::draw_glyphs;

use crate::typeset::{Card, FontBook, Item};
use image::{Rgb, RgbImage};

/// Paints `card` onto a new opaque canvas.
pub fn render(card: &Card, fonts: &FontBook) -> RgbImage {
    let mut canvas = blank(card);
    for item in &card.items {
        paint_item(&mut canvas, item, fonts);
    }
    canvas
}

/// The canvas in the card's background colour.
fn blank(card: &Card) -> RgbImage {
    let [r, g, b, _] = card.background.0;
    RgbImage::from_pixel(card.width, card.height, Rgb([r, g, b]))
}

fn paint_item(canvas: &mut RgbImage, item: &Item, fonts: &FontBook) {
    match item {
        Item::Rect { rect, color, radius } => paint::fill_rect(canvas, *rect, *color, *radius),
        Item::Shape { rect, outline, paint } => paint::fill_shape(canvas, *rect, *outline, paint),
        Item::Picture { rect, picture } => paint::draw_picture(canvas, *rect, picture),
        Item::Glyphs { color, glyphs, .. } => text::draw_glyphs(canvas, glyphs, *color, fonts),
    }
}
