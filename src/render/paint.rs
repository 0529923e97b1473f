//! Shapes and images: anti-aliased (rounded) rectangles and resampled logos.

use crate::template::{Rect, Rgba};
use image::imageops::{self, FilterType};
use image::{RgbImage, RgbaImage};

/// Blends `color` over the pixel at (x, y) with `coverage` in 0..=1.
#[inline]
pub(super) fn blend(canvas: &mut RgbImage, x: u32, y: u32, color: Rgba, coverage: f32) {
    let alpha = coverage * f32::from(color.0[3]) / 255.0;
    if alpha <= 0.0 {
        return;
    }
    let pixel = canvas.get_pixel_mut(x, y);
    for c in 0..3 {
        let under = f32::from(pixel.0[c]);
        pixel.0[c] = (under + (f32::from(color.0[c]) - under) * alpha.min(1.0) + 0.5) as u8;
    }
}

/// How much of the pixel span [p, p+1) lies inside [start, end).
fn span_coverage(p: f32, start: f32, end: f32) -> f32 {
    ((p + 1.0).min(end) - p.max(start)).clamp(0.0, 1.0)
}

/// Fills `rect`, anti-aliasing fractional edges and corners of `radius`.
pub fn fill_rect(canvas: &mut RgbImage, rect: Rect, color: Rgba, radius: f32) {
    let (w, h) = (canvas.width() as f32, canvas.height() as f32);
    let x0 = rect.x.max(0.0).floor() as u32;
    let y0 = rect.y.max(0.0).floor() as u32;
    let x1 = rect.right().min(w).ceil() as u32;
    let y1 = rect.bottom().min(h).ceil() as u32;
    let radius = radius.min(rect.w / 2.0).min(rect.h / 2.0).max(0.0);
    for y in y0..y1 {
        let cy = span_coverage(y as f32, rect.y, rect.bottom());
        for x in x0..x1 {
            let mut coverage = cy * span_coverage(x as f32, rect.x, rect.right());
            if radius > 0.0 {
                // Distance from the pixel centre to the nearest corner circle's centre.
                let (px, py) = (x as f32 + 0.5, y as f32 + 0.5);
                let cx = px.clamp(rect.x + radius, rect.right() - radius);
                let cyc = py.clamp(rect.y + radius, rect.bottom() - radius);
                let distance = ((px - cx).powi(2) + (py - cyc).powi(2)).sqrt();
                coverage *= (radius - distance + 0.5).clamp(0.0, 1.0);
            }
            if coverage > 0.0 {
                blend(canvas, x, y, color, coverage);
            }
        }
    }
}

/// Resamples `image` to `rect`'s size and composites it with its alpha.
pub fn draw_image(canvas: &mut RgbImage, rect: Rect, image: &RgbaImage) {
    let (w, h) = (rect.w.round().max(1.0) as u32, rect.h.round().max(1.0) as u32);
    let scaled;
    let source = if (w, h) == image.dimensions() {
        image
    } else {
        scaled = imageops::resize(image, w, h, FilterType::CatmullRom);
        &scaled
    };
    let (ox, oy) = (rect.x.round() as i64, rect.y.round() as i64);
    for (sx, sy, pixel) in source.enumerate_pixels() {
        let (x, y) = (ox + i64::from(sx), oy + i64::from(sy));
        if x < 0 || y < 0 || x >= i64::from(canvas.width()) || y >= i64::from(canvas.height()) {
            continue;
        }
        blend(canvas, x as u32, y as u32, Rgba(pixel.0), 1.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Rgb;

    #[test]
    fn fills_whole_pixels_exactly_and_edges_partially() {
        let mut canvas = RgbImage::from_pixel(10, 10, Rgb([255, 255, 255]));
        fill_rect(
            &mut canvas,
            Rect {
                x: 2.0,
                y: 2.0,
                w: 3.5,
                h: 2.0,
            },
            Rgba::BLACK,
            0.0,
        );
        assert_eq!(canvas.get_pixel(2, 2), &Rgb([0, 0, 0]));
        assert_eq!(canvas.get_pixel(5, 2), &Rgb([128, 128, 128]));
        assert_eq!(canvas.get_pixel(6, 2), &Rgb([255, 255, 255]));
        assert_eq!(canvas.get_pixel(2, 4), &Rgb([255, 255, 255]));
    }

    #[test]
    fn rounded_corners_leave_the_corner_pixel_empty() {
        let mut canvas = RgbImage::from_pixel(20, 20, Rgb([255, 255, 255]));
        fill_rect(
            &mut canvas,
            Rect {
                x: 0.0,
                y: 0.0,
                w: 20.0,
                h: 20.0,
            },
            Rgba::BLACK,
            8.0,
        );
        assert_eq!(canvas.get_pixel(0, 0), &Rgb([255, 255, 255]));
        assert_eq!(canvas.get_pixel(10, 10), &Rgb([0, 0, 0]));
    }
}
