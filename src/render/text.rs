//! Glyph rasterising with ab_glyph outlines, blended onto the canvas.

use super::paint::blend;
use crate::template::Rgba;
use crate::typeset::{FontBook, PlacedGlyph};
use ab_glyph::{point, Font, GlyphId};
use image::RgbImage;

/// Calls `pixel(x, y, coverage)` for every canvas pixel the glyphs touch.
pub(super) fn for_each_pixel(
    glyphs: &[PlacedGlyph],
    fonts: &FontBook,
    (width, height): (u32, u32),
    mut pixel: impl FnMut(u32, u32, f32),
) {
    let (width, height) = (width as i32, height as i32);
    for placed in glyphs {
        let face = fonts.face(placed.face);
        let glyph =
            GlyphId(placed.id).with_scale_and_position(face.px_scale(placed.size), point(placed.x, placed.y));
        let Some(outline) = face.raster.outline_glyph(glyph) else {
            continue;
        };
        let bounds = outline.px_bounds();
        let (left, top) = (bounds.min.x as i32, bounds.min.y as i32);
        outline.draw(|gx, gy, coverage| {
            let (x, y) = (left + gx as i32, top + gy as i32);
            if x >= 0 && y >= 0 && x < width && y < height {
                pixel(x as u32, y as u32, coverage);
            }
        });
    }
}

/// Draws `glyphs` onto `canvas` in `color`.
pub fn draw_glyphs(canvas: &mut RgbImage, glyphs: &[PlacedGlyph], color: Rgba, fonts: &FontBook) {
    let size = canvas.dimensions();
    for_each_pixel(glyphs, fonts, size, |x, y, coverage| {
        blend(canvas, x, y, color, coverage)
    });
}
