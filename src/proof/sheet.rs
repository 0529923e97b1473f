//! The contact sheet: every proof card of a template in one labelled image, a row per sample.

use crate::render::{draw_glyphs, paint::fill_rect};
use crate::template::Format;
use crate::template::{Align, Case, Rect, Rgba, TextStyle};
use crate::transcript::Language;
use crate::typeset::{set_text, FontBook, PlacedGlyph};
use image::imageops::{self, FilterType};
use image::{Rgb, RgbImage};

/// Side of a square tile; every tile has this area, keeping its card's aspect ratio, so a story
/// is as present on the sheet as a square and a wide card as wide (at one height, stories looked
/// tiny).
const TILE: f64 = 300.0;
const MARGIN: u32 = 32;
const GUTTER: u32 = 24;
const LABEL: f32 = 17.0;
const HEADER: f32 = 22.0;
const BACKDROP: Rgb<u8> = Rgb([232, 232, 236]);
const LABEL_INK: Rgba = Rgba([70, 74, 82, 255]);
const ERROR_INK: Rgba = Rgba([176, 32, 32, 255]);

/// Draws one line of `text` with its top-left corner at (`x`, `y`); returns its width.
fn label(canvas: &mut RgbImage, text: &str, x: f32, y: f32, size: f32, weight: u16, color: Rgba) -> f32 {
    let fonts = FontBook::embedded();
    let Some(face) = fonts.find("Inter", weight, false) else {
        return 0.0;
    };
    let style = TextStyle {
        face,
        min_size: size,
        max_size: size,
        line_height: 1.2,
        letter_spacing: 0.0,
        color,
        align: Align::Left,
        case: Case::None,
        hanging: Default::default(),
        max_lines: Some(1),
        element: String::new(),
        emphasis: None,
        finish: Default::default(),
    };
    let Ok(set) = set_text(
        text,
        &style,
        fonts,
        Language::English,
        f32::INFINITY,
        f32::INFINITY,
    ) else {
        return 0.0;
    };
    let baseline = y + set.ascender * size;
    let mut pen = x;
    let mut glyphs = Vec::with_capacity(set.glyphs.len());
    for g in &set.glyphs {
        glyphs.push(PlacedGlyph {
            face: g.face,
            id: g.id,
            x: pen + g.x_offset * size,
            y: baseline - g.y_offset * size,
            size,
        });
        pen += g.advance * size;
    }
    draw_glyphs(canvas, &glyphs, color, fonts);
    pen - x
}

/// One card on the sheet: its sample's row, its format, and its pixels or why it is missing.
pub struct Tile<'a> {
    /// The row it belongs to.
    pub sample: &'a str,
    /// The format it was drawn at.
    pub format: Format,
    /// Its pixels, or a few words on why it could not be drawn.
    pub image: Result<RgbImage, &'static str>,
}

/// A tile's size: the card's aspect ratio at [`TILE`]² area.
fn tile_size(card: &Tile) -> (u32, u32) {
    let ratio = (f64::from(card.format.width.max(1)) / f64::from(card.format.height.max(1))).sqrt();
    ((TILE * ratio).round() as u32, (TILE / ratio).round() as u32)
}

/// Lays out `cards` (grouped by sample, in order) in rows, each card scaled to one area (its own
/// aspect ratio kept) and labelled with its format; a card that failed shows why in its place.
pub fn contact_sheet(title: &str, cards: &[Tile]) -> RgbImage {
    let mut rows: Vec<Vec<&Tile>> = Vec::new();
    for card in cards {
        match rows.last_mut() {
            Some(row) if row[0].sample == card.sample => row.push(card),
            _ => rows.push(vec![card]),
        }
    }
    let row_width = |row: &Vec<&Tile>| -> u32 {
        row.iter()
            .map(|c| tile_size(c).0 + GUTTER)
            .sum::<u32>()
            .saturating_sub(GUTTER)
    };
    let width = rows.iter().map(row_width).max().unwrap_or(0).max(600) + 2 * MARGIN;
    let header = 2 * MARGIN + HEADER as u32;
    let row_height = |row: &Vec<&Tile>| row.iter().map(|c| tile_size(c).1).max().unwrap_or(0);
    let row_pitch =
        |row: &Vec<&Tile>| (HEADER * 1.6) as u32 + row_height(row) + (LABEL * 3.4) as u32 + MARGIN;
    let height = header + rows.iter().map(row_pitch).sum::<u32>();
    let mut sheet = RgbImage::from_pixel(width, height, BACKDROP);
    label(
        &mut sheet,
        title,
        MARGIN as f32,
        MARGIN as f32,
        HEADER * 1.3,
        700,
        LABEL_INK,
    );
    let mut y = header as f32;
    for row in &rows {
        label(
            &mut sheet,
            row[0].sample,
            MARGIN as f32,
            y,
            HEADER,
            700,
            LABEL_INK,
        );
        let top = y + HEADER * 1.6;
        let mut x = MARGIN;
        for card in row {
            let (w, h) = tile_size(card);
            match &card.image {
                Ok(image) => {
                    // Through DynamicImage so the resampler is the image crate's optimised build.
                    let scaled = image::DynamicImage::ImageRgb8(image.clone())
                        .resize_exact(w, h, FilterType::Triangle)
                        .into_rgb8();
                    imageops::replace(&mut sheet, &scaled, i64::from(x), top as i64);
                }
                Err(reason) => {
                    let frame = Rect {
                        x: x as f32,
                        y: top,
                        w: w as f32,
                        h: h as f32,
                    };
                    fill_rect(&mut sheet, frame, Rgba([250, 236, 236, 255]), 0.0);
                    label(
                        &mut sheet,
                        reason,
                        x as f32 + 8.0,
                        top + 8.0,
                        LABEL,
                        700,
                        ERROR_INK,
                    );
                }
            }
            let ink = if card.image.is_ok() { LABEL_INK } else { ERROR_INK };
            let below = top + h as f32 + LABEL * 0.5;
            label(&mut sheet, card.format.id, x as f32, below, LABEL, 600, ink);
            let size = format!("{}×{}", card.format.width, card.format.height);
            label(&mut sheet, &size, x as f32, below + LABEL * 1.3, LABEL, 400, ink);
            x += w + GUTTER;
        }
        y += row_pitch(row) as f32;
    }
    sheet
}
