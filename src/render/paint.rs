//! Shapes and pictures: anti-aliased rectangles (rounded or not) and ellipses filled with a colour
//! or a gradient, and pictures fitted (cover or contain) and cropped to an outline.

use crate::template::{Fit, GradientShape, Outline, Paint, Picture, Rect, Rgba};
use image::RgbImage;

/// Blends `color` over the pixel at (x, y) with `coverage` in 0..=1.
#[inline]
pub(super) fn blend(canvas: &mut RgbImage, x: u32, y: u32, color: Rgba, coverage: f32) {
    let weight = weight(color, coverage);
    if weight == 0 {
        return;
    }
    let index = (y as usize * canvas.width() as usize + x as usize) * 3;
    let pixels: &mut [u8] = canvas;
    blend_at(&mut pixels[index..index + 3], color, weight);
}

/// The blend weight in 0..=256 of `color` at `coverage`: fixed point keeps blending cheap and
/// identical on every machine.
#[inline]
fn weight(color: Rgba, coverage: f32) -> u32 {
    let alpha = coverage.clamp(0.0, 1.0) * f32::from(color.0[3]) * (256.0 / 255.0);
    (alpha + 0.5) as u32
}

/// Blends `color` with `weight` (0..=256) over one RGB pixel.
#[inline]
fn blend_at(pixel: &mut [u8], color: Rgba, weight: u32) {
    if weight >= 256 {
        pixel.copy_from_slice(&color.0[..3]);
        return;
    }
    let keep = 256 - weight;
    for (channel, &paint) in pixel.iter_mut().zip(&color.0[..3]) {
        *channel = ((u32::from(*channel) * keep + u32::from(paint) * weight + 128) >> 8) as u8;
    }
}

/// How much of the pixel span [p, p+1) lies inside [start, end).
fn span_coverage(p: f32, start: f32, end: f32) -> f32 {
    ((p + 1.0).min(end) - p.max(start)).clamp(0.0, 1.0)
}

/// How much of pixel (x, y) lies inside `outline` drawn in `rect`.
pub(super) fn coverage(rect: Rect, outline: Outline, x: u32, y: u32) -> f32 {
    let (px, py) = (x as f32 + 0.5, y as f32 + 0.5);
    match outline {
        Outline::Rect { radius } => {
            let mut c = span_coverage(y as f32, rect.y, rect.bottom())
                * span_coverage(x as f32, rect.x, rect.right());
            let radius = radius.min(rect.w / 2.0).min(rect.h / 2.0).max(0.0);
            if radius > 0.0 && c > 0.0 {
                // Distance from the pixel centre to the nearest corner circle's centre.
                let cx = px.clamp(rect.x + radius, rect.right() - radius);
                let cy = py.clamp(rect.y + radius, rect.bottom() - radius);
                let distance = ((px - cx).powi(2) + (py - cy).powi(2)).sqrt();
                c *= (radius - distance + 0.5).clamp(0.0, 1.0);
            }
            c
        }
        Outline::Ellipse => {
            let (rx, ry) = (rect.w / 2.0, rect.h / 2.0);
            if rx <= 0.0 || ry <= 0.0 {
                return 0.0;
            }
            let (dx, dy) = (px - (rect.x + rx), py - (rect.y + ry));
            let f = ((dx / rx).powi(2) + (dy / ry).powi(2)).sqrt();
            if f == 0.0 {
                return 1.0;
            }
            // Signed distance to the edge, to first order: (1 - f) / |∇f|.
            let gradient = ((dx / (rx * rx)).powi(2) + (dy / (ry * ry)).powi(2)).sqrt() / f;
            ((1.0 - f) / gradient + 0.5).clamp(0.0, 1.0)
        }
    }
}

/// The pixel bounds of `rect` clipped to the canvas: x0, y0, x1, y1 (exclusive).
fn pixel_bounds(canvas: &RgbImage, rect: Rect) -> (u32, u32, u32, u32) {
    let (w, h) = (canvas.width() as f32, canvas.height() as f32);
    (
        rect.x.max(0.0).floor() as u32,
        rect.y.max(0.0).floor() as u32,
        rect.right().min(w).max(0.0).ceil() as u32,
        rect.bottom().min(h).max(0.0).ceil() as u32,
    )
}

/// Fills `rect`, anti-aliasing fractional edges and corners of `radius`.
pub fn fill_rect(canvas: &mut RgbImage, rect: Rect, color: Rgba, radius: f32) {
    fill_shape(canvas, rect, Outline::Rect { radius }, &Paint::Solid(color));
}

/// Interpolates premultiplied colours, as CSS does, so fading to transparent does not grey.
fn mix(a: Rgba, b: Rgba, t: f32) -> Rgba {
    let alpha = |c: Rgba| f32::from(c.0[3]) / 255.0;
    let (aa, ab) = (alpha(a), alpha(b));
    let out_alpha = aa + (ab - aa) * t;
    if out_alpha <= 0.0 {
        return Rgba([0, 0, 0, 0]);
    }
    let mut out = [0u8; 4];
    for (c, slot) in out.iter_mut().enumerate().take(3) {
        let pa = f32::from(a.0[c]) * aa;
        let pb = f32::from(b.0[c]) * ab;
        *slot = ((pa + (pb - pa) * t) / out_alpha).round().clamp(0.0, 255.0) as u8;
    }
    out[3] = (out_alpha * 255.0).round() as u8;
    Rgba(out)
}

/// The colour of a gradient at position `t` along it.
fn sample_stops(stops: &[(f32, Rgba)], t: f32) -> Rgba {
    let Some(&(first_at, first)) = stops.first() else {
        return Rgba([0, 0, 0, 0]);
    };
    if t <= first_at {
        return first;
    }
    for pair in stops.windows(2) {
        let ((a_at, a), (b_at, b)) = (pair[0], pair[1]);
        if t <= b_at {
            let span = b_at - a_at;
            return if span <= f32::EPSILON {
                b
            } else {
                mix(a, b, (t - a_at) / span)
            };
        }
    }
    stops[stops.len() - 1].1
}

/// Entries in a gradient's colour table: fine enough that neighbouring entries differ by well
/// under one level of an 8-bit channel.
const GRADIENT_STEPS: usize = 2048;

/// A gradient's colours at evenly spaced positions from 0 to 1.
fn gradient_table(stops: &[(f32, Rgba)]) -> Vec<Rgba> {
    (0..=GRADIENT_STEPS)
        .map(|i| sample_stops(stops, i as f32 / GRADIENT_STEPS as f32))
        .collect()
}

#[inline]
fn lookup(table: &[Rgba], t: f32) -> Rgba {
    let i = (t.clamp(0.0, 1.0) * GRADIENT_STEPS as f32 + 0.5) as usize;
    table[i.min(GRADIENT_STEPS)]
}

/// Precomputed geometry for evaluating a paint at any pixel of `rect`.
enum Sampler {
    Solid(Rgba),
    Linear {
        center: (f32, f32),
        direction: (f32, f32),
        length: f32,
        table: Vec<Rgba>,
    },
    Radial {
        center: (f32, f32),
        radius: f32,
        table: Vec<Rgba>,
    },
}

impl Sampler {
    fn new(paint: &Paint, rect: Rect) -> Sampler {
        match paint {
            Paint::Solid(c) => Sampler::Solid(*c),
            Paint::Gradient { shape, stops } => match shape {
                GradientShape::Linear { angle } => {
                    let radians = angle.to_radians();
                    let direction = (radians.sin(), -radians.cos());
                    // CSS: the gradient line is long enough that the corners get the end colours.
                    let length = (rect.w * direction.0).abs() + (rect.h * direction.1).abs();
                    Sampler::Linear {
                        center: (rect.x + rect.w / 2.0, rect.y + rect.h / 2.0),
                        direction,
                        length: length.max(f32::EPSILON),
                        table: gradient_table(stops),
                    }
                }
                GradientShape::Radial { center, radius } => Sampler::Radial {
                    center: *center,
                    radius: radius.max(f32::EPSILON),
                    table: gradient_table(stops),
                },
            },
        }
    }

    /// The colour for a whole row, when the paint does not vary along it.
    fn row_colour(&self, y: u32) -> Option<Rgba> {
        match self {
            Sampler::Solid(c) => Some(*c),
            Sampler::Linear { direction, .. } if direction.0.abs() < 1e-6 => Some(self.at(0, y)),
            _ => None,
        }
    }

    fn at(&self, x: u32, y: u32) -> Rgba {
        let (px, py) = (x as f32 + 0.5, y as f32 + 0.5);
        match self {
            Sampler::Solid(c) => *c,
            Sampler::Linear {
                center,
                direction,
                length,
                table,
            } => {
                let along = (px - center.0) * direction.0 + (py - center.1) * direction.1;
                lookup(table, along / length + 0.5)
            }
            Sampler::Radial {
                center,
                radius,
                table,
            } => {
                let distance = ((px - center.0).powi(2) + (py - center.1).powi(2)).sqrt();
                lookup(table, distance / radius)
            }
        }
    }
}

/// The columns of row `y` where a rectangle outline covers whole pixels: there, coverage is the
/// row's vertical coverage alone and no corner needs computing.
fn solid_span(rect: Rect, outline: Outline, y: u32) -> (u32, u32) {
    let Outline::Rect { radius } = outline else {
        return (0, 0);
    };
    let radius = radius.min(rect.w / 2.0).min(rect.h / 2.0).max(0.0);
    let (top, bottom) = (y as f32, y as f32 + 1.0);
    let inset = if top >= rect.y + radius && bottom <= rect.bottom() - radius {
        0.0
    } else {
        radius
    };
    let start = (rect.x + inset).max(0.0).ceil() as u32;
    let end = (rect.right() - inset).max(0.0).floor() as u32;
    (start, end.max(start))
}

/// Fills `outline` in `rect` with `paint`.
pub fn fill_shape(canvas: &mut RgbImage, rect: Rect, outline: Outline, paint: &Paint) {
    let (x0, y0, x1, y1) = pixel_bounds(canvas, rect);
    let sampler = Sampler::new(paint, rect);
    let width = canvas.width() as usize;
    // A gradient across the canvas (90° or 270°) has one colour per column: compute them once.
    let columns: Option<Vec<(Rgba, u32)>> = match &sampler {
        Sampler::Linear { direction, .. } if direction.1.abs() < 1e-6 => Some(
            (x0..x1)
                .map(|x| sampler.at(x, y0))
                .map(|c| (c, weight(c, 1.0)))
                .collect(),
        ),
        _ => None,
    };
    let pixels: &mut [u8] = canvas;
    for y in y0..y1 {
        let (solid_start, solid_end) = solid_span(rect, outline, y);
        let row_coverage = span_coverage(y as f32, rect.y, rect.bottom());
        let row_colour = sampler.row_colour(y).map(|c| (c, weight(c, row_coverage)));
        let row = &mut pixels[y as usize * width * 3..(y as usize + 1) * width * 3];
        for x in x0..x1 {
            let solid = x >= solid_start && x < solid_end;
            let (colour, w) = match (&row_colour, &columns) {
                (Some(row_colour), _) if solid => *row_colour,
                (None, Some(columns)) if solid && row_coverage >= 1.0 => columns[(x - x0) as usize],
                _ => {
                    let c = if solid {
                        row_coverage
                    } else {
                        coverage(rect, outline, x, y)
                    };
                    if c <= 0.0 {
                        continue;
                    }
                    let colour = row_colour.map_or_else(|| sampler.at(x, y), |(c, _)| c);
                    (colour, weight(colour, c))
                }
            };
            if w > 0 {
                let i = x as usize * 3;
                blend_at(&mut row[i..i + 3], colour, w);
            }
        }
    }
}

/// Where a picture lands: the rectangle it is scaled to, before cropping to the box.
pub fn fitted_rect(rect: Rect, picture: &Picture) -> Rect {
    let (iw, ih) = picture.asset.size();
    let scale = match picture.fit {
        Fit::Cover => (rect.w / iw).max(rect.h / ih),
        Fit::Contain => (rect.w / iw).min(rect.h / ih),
    };
    let (w, h) = (iw * scale, ih * scale);
    Rect {
        x: rect.x + (rect.w - w) * picture.position.0,
        y: rect.y + (rect.h - h) * picture.position.1,
        w,
        h,
    }
}

fn intersect(a: Rect, b: Rect) -> Rect {
    let (x, y) = (a.x.max(b.x), a.y.max(b.y));
    Rect {
        x,
        y,
        w: (a.right().min(b.right()) - x).max(0.0),
        h: (a.bottom().min(b.bottom()) - y).max(0.0),
    }
}

/// Scales `picture` into `rect` (cover crops, contain leaves space) and composites it with
/// its alpha, cropped to its outline.
pub fn draw_picture(canvas: &mut RgbImage, rect: Rect, picture: &Picture) {
    let placed = fitted_rect(rect, picture);
    // The asset draws (and caches) its pixels at the fitted size.
    let source = picture.asset.pixels(rect.w, rect.h, picture.fit);
    let (w, h) = source.dimensions();
    let (ox, oy) = (placed.x.round(), placed.y.round());
    let clip = intersect(
        rect,
        Rect {
            x: ox,
            y: oy,
            w: w as f32,
            h: h as f32,
        },
    );
    if clip.w <= 0.0 || clip.h <= 0.0 {
        return;
    }
    let (x0, y0, x1, y1) = pixel_bounds(canvas, clip);
    let width = canvas.width() as usize;
    let (ox, oy) = (ox as i64, oy as i64);
    let source_pixels = source.as_raw();
    let pixels: &mut [u8] = canvas;
    for y in y0..y1 {
        let sy = i64::from(y) - oy;
        if sy < 0 || sy >= i64::from(h) {
            continue;
        }
        let source_row = sy as usize * w as usize * 4;
        let (solid_start, solid_end) = solid_span(clip, picture.outline, y);
        let row_coverage = span_coverage(y as f32, clip.y, clip.bottom());
        let row = &mut pixels[y as usize * width * 3..(y as usize + 1) * width * 3];
        for x in x0..x1 {
            let sx = i64::from(x) - ox;
            if sx < 0 || sx >= i64::from(w) {
                continue;
            }
            let s = source_row + sx as usize * 4;
            let colour = Rgba([
                source_pixels[s],
                source_pixels[s + 1],
                source_pixels[s + 2],
                source_pixels[s + 3],
            ]);
            let colour = if picture.opacity < 1.0 {
                colour.faded(picture.opacity)
            } else {
                colour
            };
            let i = x as usize * 3;
            let solid = x >= solid_start && x < solid_end && row_coverage >= 1.0;
            if solid && colour.0[3] == 255 {
                // An opaque pixel fully inside: a copy, which is most of a photo background.
                row[i..i + 3].copy_from_slice(&colour.0[..3]);
                continue;
            }
            let c = if x >= solid_start && x < solid_end {
                row_coverage
            } else {
                coverage(clip, picture.outline, x, y)
            };
            let w = weight(colour, c);
            if w > 0 {
                blend_at(&mut row[i..i + 3], colour, w);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{Rgb, RgbaImage};
    use std::sync::Arc;

    fn rect(x: f32, y: f32, w: f32, h: f32) -> Rect {
        Rect { x, y, w, h }
    }

    #[test]
    fn fills_whole_pixels_exactly_and_edges_partially() {
        let mut canvas = RgbImage::from_pixel(10, 10, Rgb([255, 255, 255]));
        fill_rect(&mut canvas, rect(2.0, 2.0, 3.5, 2.0), Rgba::BLACK, 0.0);
        assert_eq!(canvas.get_pixel(2, 2), &Rgb([0, 0, 0]));
        assert_eq!(canvas.get_pixel(5, 2), &Rgb([128, 128, 128]));
        assert_eq!(canvas.get_pixel(6, 2), &Rgb([255, 255, 255]));
        assert_eq!(canvas.get_pixel(2, 4), &Rgb([255, 255, 255]));
    }

    #[test]
    fn rounded_corners_leave_the_corner_pixel_empty() {
        let mut canvas = RgbImage::from_pixel(20, 20, Rgb([255, 255, 255]));
        fill_rect(&mut canvas, rect(0.0, 0.0, 20.0, 20.0), Rgba::BLACK, 8.0);
        assert_eq!(canvas.get_pixel(0, 0), &Rgb([255, 255, 255]));
        assert_eq!(canvas.get_pixel(10, 10), &Rgb([0, 0, 0]));
    }

    #[test]
    fn circles_are_round() {
        let mut canvas = RgbImage::from_pixel(40, 40, Rgb([255, 255, 255]));
        fill_shape(
            &mut canvas,
            rect(0.0, 0.0, 40.0, 40.0),
            Outline::Ellipse,
            &Paint::Solid(Rgba::BLACK),
        );
        assert_eq!(canvas.get_pixel(20, 20), &Rgb([0, 0, 0]));
        assert_eq!(canvas.get_pixel(20, 1), &Rgb([0, 0, 0]));
        assert_eq!(canvas.get_pixel(2, 2), &Rgb([255, 255, 255]));
        // On the diagonal the edge is at 20 - 20/√2 ≈ 5.86 px from the corner.
        assert_eq!(canvas.get_pixel(4, 4), &Rgb([255, 255, 255]));
        assert_eq!(canvas.get_pixel(7, 7), &Rgb([0, 0, 0]));
    }

    #[test]
    fn linear_gradient_runs_along_its_angle() {
        let mut canvas = RgbImage::from_pixel(10, 100, Rgb([0, 0, 0]));
        let paint = Paint::Gradient {
            shape: GradientShape::Linear { angle: 180.0 },
            stops: vec![(0.0, Rgba::WHITE), (1.0, Rgba::BLACK)],
        };
        fill_shape(
            &mut canvas,
            rect(0.0, 0.0, 10.0, 100.0),
            Outline::Rect { radius: 0.0 },
            &paint,
        );
        assert!(canvas.get_pixel(5, 0).0[0] > 250);
        assert!((125..=130).contains(&canvas.get_pixel(5, 50).0[0]));
        assert!(canvas.get_pixel(5, 99).0[0] < 5);
        assert_eq!(canvas.get_pixel(0, 30), canvas.get_pixel(9, 30));
    }

    #[test]
    fn fading_to_transparent_keeps_the_colour() {
        let red = Rgba([200, 0, 0, 255]);
        assert_eq!(mix(red, Rgba([0, 0, 0, 0]), 0.5), Rgba([200, 0, 0, 128]));
    }

    #[test]
    fn cover_crops_and_contain_fits() {
        let image = Arc::new(RgbaImage::from_pixel(200, 100, image::Rgba([0, 0, 255, 255])));
        let cover = Picture {
            asset: crate::template::Asset::from_image(image),
            fit: Fit::Cover,
            position: (0.5, 0.5),
            outline: Outline::Ellipse,
            opacity: 1.0,
        };
        let frame = rect(10.0, 10.0, 40.0, 40.0);
        assert_eq!(fitted_rect(frame, &cover), rect(-10.0, 10.0, 80.0, 40.0));
        let mut canvas = RgbImage::from_pixel(60, 60, Rgb([255, 255, 255]));
        draw_picture(&mut canvas, frame, &cover);
        assert_eq!(canvas.get_pixel(30, 30), &Rgb([0, 0, 255]));
        assert_eq!(
            canvas.get_pixel(11, 11),
            &Rgb([255, 255, 255]),
            "cropped to the circle"
        );
        assert_eq!(
            canvas.get_pixel(5, 30),
            &Rgb([255, 255, 255]),
            "nothing outside the box"
        );
        let contain = Picture {
            fit: Fit::Contain,
            outline: Outline::Rect { radius: 0.0 },
            ..cover
        };
        assert_eq!(fitted_rect(frame, &contain), rect(10.0, 20.0, 40.0, 20.0));
    }
}
