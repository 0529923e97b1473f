//! The finish of shapes, pictures and text: strokes along the inside of an outline, and soft
//! shadows cast from a silhouette (blurred with imageproc's Gaussian filter).

use super::paint::{blend, coverage};
use super::text;
use crate::template::{Outline, Rect, Shadow, Stroke};
use crate::typeset::{FontBook, Silhouette};
use image::{ImageBuffer, Luma, RgbImage};

/// Draws `stroke` along the inside of `outline` in `rect`: what the outline covers minus what the
/// same outline set in by the stroke's width covers, so both edges are anti-aliased.
pub fn stroke_outline(canvas: &mut RgbImage, rect: Rect, outline: Outline, stroke: Stroke) {
    let inner = Rect {
        x: rect.x + stroke.width,
        y: rect.y + stroke.width,
        w: (rect.w - 2.0 * stroke.width).max(0.0),
        h: (rect.h - 2.0 * stroke.width).max(0.0),
    };
    let inner_outline = match outline {
        Outline::Rect { radius } => Outline::Rect {
            radius: (radius - stroke.width).max(0.0),
        },
        Outline::Ellipse => Outline::Ellipse,
    };
    let (x0, y0, x1, y1) = bounds(canvas, rect, 0.0);
    for y in y0..y1 {
        for x in x0..x1 {
            let outer = coverage(rect, outline, x, y);
            if outer <= 0.0 {
                continue;
            }
            let inside = if inner.w > 0.0 && inner.h > 0.0 {
                coverage(inner, inner_outline, x, y)
            } else {
                0.0
            };
            blend(canvas, x, y, stroke.color, outer - inside);
        }
    }
}

/// The pixel bounds of `rect` grown by `margin`, clipped to the canvas: x0, y0, x1, y1.
fn bounds(canvas: &RgbImage, rect: Rect, margin: f32) -> (u32, u32, u32, u32) {
    let (w, h) = (canvas.width() as f32, canvas.height() as f32);
    let clip = |v: f32, max: f32| v.clamp(0.0, max) as u32;
    (
        clip((rect.x - margin).floor(), w),
        clip((rect.y - margin).floor(), h),
        clip((rect.right() + margin).ceil(), w),
        clip((rect.bottom() + margin).ceil(), h),
    )
}

/// Draws the blurred, offset silhouette in the shadow's colour.
pub fn cast_shadow(canvas: &mut RgbImage, silhouette: &Silhouette, shadow: Shadow, fonts: &FontBook) {
    let Some(area) = silhouette_bounds(silhouette, fonts) else {
        return;
    };
    // The mask covers the silhouette and the blur's reach (three standard deviations) around it.
    let reach = (shadow.blur * 3.0).ceil();
    let (x0, y0, x1, y1) = bounds(canvas, area, reach);
    if x1 <= x0 || y1 <= y0 {
        return;
    }
    let mut mask: ImageBuffer<Luma<f32>, Vec<f32>> = ImageBuffer::new(x1 - x0, y1 - y0);
    match silhouette {
        Silhouette::Outline(rect, outline) => {
            for y in y0..y1 {
                for x in x0..x1 {
                    mask.put_pixel(x - x0, y - y0, Luma([coverage(*rect, *outline, x, y)]));
                }
            }
        }
        Silhouette::Glyphs(glyphs) => {
            text::for_each_pixel(glyphs, fonts, canvas.dimensions(), |x, y, c| {
                if (x0..x1).contains(&x) && (y0..y1).contains(&y) {
                    let pixel = mask.get_pixel_mut(x - x0, y - y0);
                    pixel.0[0] = (pixel.0[0] + c).min(1.0);
                }
            });
        }
    }
    if shadow.blur >= 0.5 {
        mask = imageproc::filter::gaussian_blur_f32(&mask, shadow.blur);
    }
    // Whole-pixel offsets keep the shadow's edges as sharp as its blur says.
    let (dx, dy) = (shadow.offset.0.round() as i64, shadow.offset.1.round() as i64);
    let (width, height) = (i64::from(canvas.width()), i64::from(canvas.height()));
    for (mx, my, value) in mask.enumerate_pixels() {
        let (x, y) = (i64::from(x0 + mx) + dx, i64::from(y0 + my) + dy);
        if value.0[0] > 0.0 && (0..width).contains(&x) && (0..height).contains(&y) {
            blend(canvas, x as u32, y as u32, shadow.color, value.0[0]);
        }
    }
}

fn silhouette_bounds(silhouette: &Silhouette, fonts: &FontBook) -> Option<Rect> {
    match silhouette {
        Silhouette::Outline(rect, _) => Some(*rect),
        Silhouette::Glyphs(glyphs) => text::ink_bounds(glyphs, fonts),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::Rgba;
    use image::Rgb;

    #[test]
    fn a_stroke_draws_the_edge_and_leaves_the_middle() {
        let mut canvas = RgbImage::from_pixel(40, 40, Rgb([255, 255, 255]));
        let stroke = Stroke {
            width: 4.0,
            color: Rgba::BLACK,
        };
        stroke_outline(
            &mut canvas,
            Rect {
                x: 0.0,
                y: 0.0,
                w: 40.0,
                h: 40.0,
            },
            Outline::Ellipse,
            stroke,
        );
        assert_eq!(canvas.get_pixel(20, 1), &Rgb([0, 0, 0]), "on the ring");
        assert_eq!(
            canvas.get_pixel(20, 20),
            &Rgb([255, 255, 255]),
            "the middle is left"
        );
        assert_eq!(
            canvas.get_pixel(1, 1),
            &Rgb([255, 255, 255]),
            "outside the circle"
        );
    }

    #[test]
    fn a_shadow_is_offset_and_soft() {
        let mut canvas = RgbImage::from_pixel(60, 60, Rgb([255, 255, 255]));
        let shadow = Shadow {
            offset: (0.0, 6.0),
            blur: 3.0,
            color: Rgba::BLACK,
        };
        let square = Silhouette::Outline(
            Rect {
                x: 20.0,
                y: 20.0,
                w: 20.0,
                h: 20.0,
            },
            Outline::Rect { radius: 0.0 },
        );
        cast_shadow(&mut canvas, &square, shadow, FontBook::embedded());
        let at = |x, y| canvas.get_pixel(x, y).0[0];
        assert!(at(30, 35) < 5, "dark in the middle: {}", at(30, 35));
        assert!(
            at(30, 46) > 20 && at(30, 46) < 235,
            "soft at the offset edge: {}",
            at(30, 46)
        );
        assert!(at(30, 16) > at(30, 46), "falls downwards");
        assert_eq!(at(2, 2), 255, "nothing far away");
    }
}
