//! Glyph rasterising with ab_glyph outlines, blended onto the canvas.

use super::paint::blend;
use crate::template::Rgba;
use crate::typeset::{FontBook, PlacedGlyph};
use ab_glyph::{point, Font, GlyphId, OutlinedGlyph};
use image::RgbImage;

/// The outline of every glyph that has one (spaces have none), placed on the canvas.
fn outlines<'a>(glyphs: &'a [PlacedGlyph], fonts: &'a FontBook) -> impl Iterator<Item = OutlinedGlyph> + 'a {
    glyphs.iter().filter_map(|placed| {
        let face = fonts.face(placed.face);
        let glyph =
            GlyphId(placed.id).with_scale_and_position(face.px_scale(placed.size), point(placed.x, placed.y));
        face.raster.outline_glyph(glyph)
    })
}

/// Calls `pixel(x, y, coverage)` for every canvas pixel the glyphs touch.
pub(super) fn for_each_pixel(
    glyphs: &[PlacedGlyph],
    fonts: &FontBook,
    (width, height): (u32, u32),
    mut pixel: impl FnMut(u32, u32, f32),
) {
    let (width, height) = (width as i32, height as i32);
    for outline in outlines(glyphs, fonts) {
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

/// The box the glyphs' outlines cover, in canvas px; `None` for blank text.
pub fn ink_bounds(glyphs: &[PlacedGlyph], fonts: &FontBook) -> Option<crate::template::Rect> {
    let mut bounds: Option<(f32, f32, f32, f32)> = None;
    for outline in outlines(glyphs, fonts) {
        let b = outline.px_bounds();
        let (x0, y0, x1, y1) = bounds.unwrap_or((b.min.x, b.min.y, b.max.x, b.max.y));
        bounds = Some((x0.min(b.min.x), y0.min(b.min.y), x1.max(b.max.x), y1.max(b.max.y)));
    }
    bounds.map(|(x0, y0, x1, y1)| crate::template::Rect {
        x: x0,
        y: y0,
        w: x1 - x0,
        h: y1 - y0,
    })
}

/// Draws `glyphs` onto `canvas` in `color`.
pub fn draw_glyphs(canvas: &mut RgbImage, glyphs: &[PlacedGlyph], color: Rgba, fonts: &FontBook) {
    let size = canvas.dimensions();
    for_each_pixel(glyphs, fonts, size, |x, y, coverage| {
        blend(canvas, x, y, color, coverage)
    });
}
