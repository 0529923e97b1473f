//! Rasterising: paints a typeset [`Card`] into pixels. Takes no decisions and cannot fail.

pub(crate) mod contrast;
mod finish;
pub(crate) mod paint;
mod text;

pub use text::{draw_glyphs, ink_bounds};

use crate::typeset::{Card, FontBook, Item};
use image::RgbImage;

/// Paints `card` onto a new opaque canvas.
pub fn render(card: &Card, fonts: &FontBook) -> RgbImage {
    let mut canvas = blank(card);
    for item in &card.items {
        paint_item(&mut canvas, item, fonts);
    }
    canvas
}

/// Paints what comes from the card's layout alone (background, shapes, logo): the same pixels
/// for every card of that layout, so a batch paints them once and finishes each card with
/// [`render_over`].
pub fn render_layout(card: &Card, fonts: &FontBook) -> RgbImage {
    let mut canvas = blank(card);
    for item in &card.items[..card.layout_items] {
        paint_item(&mut canvas, item, fonts);
    }
    canvas
}

/// Finishes `card` on a copy of its layout's pixels from [`render_layout`]; the result is the
/// same as [`render`].
pub fn render_over(layout_pixels: &RgbImage, card: &Card, fonts: &FontBook) -> RgbImage {
    let mut canvas = layout_pixels.clone();
    for item in &card.items[card.layout_items..] {
        paint_item(&mut canvas, item, fonts);
    }
    canvas
}

/// The canvas in the card's background colour.
fn blank(card: &Card) -> RgbImage {
    let [r, g, b, _] = card.background.0;
    let row: Vec<u8> = [r, g, b].repeat(card.width as usize);
    let mut pixels = Vec::with_capacity(row.len() * card.height as usize);
    for _ in 0..card.height {
        pixels.extend_from_slice(&row);
    }
    RgbImage::from_raw(card.width, card.height, pixels).expect("the buffer matches the card's size")
}

fn paint_item(canvas: &mut RgbImage, item: &Item, fonts: &FontBook) {
    match item {
        Item::Rect { rect, color, radius } => paint::fill_rect(canvas, *rect, *color, *radius),
        Item::Shape { rect, outline, paint } => paint::fill_shape(canvas, *rect, *outline, paint),
        Item::Picture { rect, picture } => paint::draw_picture(canvas, *rect, picture),
        Item::Glyphs { color, glyphs, .. } => text::draw_glyphs(canvas, glyphs, *color, fonts),
        Item::Stroke {
            rect,
            outline,
            stroke,
        } => finish::stroke_outline(canvas, *rect, *outline, *stroke),
        Item::Shadow { silhouette, shadow } => finish::cast_shadow(canvas, silhouette, *shadow, fonts),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::{CardContent, Format, Template};
    use crate::transcript::Language;

    #[test]
    fn painting_over_shared_layout_pixels_gives_the_same_card() {
        let fonts = FontBook::embedded();
        let content = CardContent {
            quote: "On ne communique plus, on converse.".into(),
            speaker_name: "Camille Ferrand".into(),
            role: Some("directrice de la communication".into()),
            language: Language::French,
            ..CardContent::default()
        };
        for name in Template::builtin_names() {
            let template = Template::builtin(name).unwrap();
            let format = Format::by_id("instagram-square").unwrap().scaled(0.25);
            let layout = template.resolve(&format, fonts).unwrap();
            let card = crate::typeset::compose(&layout, &content, fonts).unwrap();
            let shared = render_layout(&card, fonts);
            assert!(
                render_over(&shared, &card, fonts) == render(&card, fonts),
                "{name}"
            );
        }
    }
}
