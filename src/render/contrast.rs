//! Legibility: the WCAG contrast of each text against the pixels actually behind its glyphs,
//! which on a photo or gradient differ from one letter to the next.

use super::{blank, paint_item, text};
use crate::template::Rgba;
use crate::typeset::{Card, FontBook, Item};

/// How one text of a card contrasts with what is behind it.
#[derive(Debug, Clone, PartialEq)]
pub struct TextContrast {
    /// The template element the text comes from.
    pub element: String,
    pub color: Rgba,
    /// The contrast that 90 % of the glyphs' pixels reach or exceed.
    pub ratio: f64,
    /// The font size in px, and whether it counts as large text for WCAG.
    pub size: f32,
    pub large: bool,
}

impl TextContrast {
    /// WCAG 2 AA: 4.5:1 for body text, 3:1 for large text.
    pub fn required(&self) -> f64 {
        if self.large {
            3.0
        } else {
            4.5
        }
    }

    pub fn passes(&self) -> bool {
        self.ratio + 1e-9 >= self.required()
    }
}

/// Whether text of `size` px (weight `weight`) on a card `width` px wide is "large" for WCAG:
/// at least 24 CSS px, or 18.7 bold, once a phone shows the card about 390 CSS px wide.
pub fn is_large(size: f32, weight: u16, width: u32) -> bool {
    let css_px = size * 390.0 / width as f32;
    css_px >= 24.0 || (weight >= 700 && css_px >= 18.66)
}

/// Measures every text of `card`, painting the card in order so each text is measured against
/// everything drawn before it.
pub fn text_contrast(card: &Card, fonts: &FontBook) -> Vec<TextContrast> {
    let mut canvas = blank(card);
    let mut found = Vec::new();
    for item in &card.items {
        if let Item::Glyphs {
            color,
            glyphs,
            element,
            decorative: false,
        } = item
        {
            let mut ratios = Vec::new();
            text::for_each_pixel(glyphs, fonts, canvas.dimensions(), |x, y, coverage| {
                // Only the body of the strokes: edges are half background by nature.
                if coverage >= 0.5 {
                    let under = canvas.get_pixel(x, y).0;
                    let behind = Rgba([under[0], under[1], under[2], 255]);
                    ratios.push(over(*color, behind).contrast(behind));
                }
            });
            if !ratios.is_empty() {
                ratios.sort_by(f64::total_cmp);
                let size = glyphs.iter().map(|g| g.size).fold(0.0, f32::max);
                let weight = glyphs.first().map_or(400, |g| fonts.face(g.face).weight);
                found.push(TextContrast {
                    element: element.clone(),
                    color: *color,
                    ratio: ratios[ratios.len() / 10],
                    size,
                    large: is_large(size, weight, card.width),
                });
            }
        }
        paint_item(&mut canvas, item, fonts);
    }
    found
}

/// `color` composited over an opaque `under`.
fn over(color: Rgba, under: Rgba) -> Rgba {
    let alpha = f32::from(color.0[3]) / 255.0;
    let mut out = [0, 0, 0, 255];
    for (c, slot) in out.iter_mut().enumerate().take(3) {
        let (top, bottom) = (f32::from(color.0[c]), f32::from(under.0[c]));
        *slot = (bottom + (top - bottom) * alpha).round() as u8;
    }
    Rgba(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_text_follows_the_phone_scale() {
        assert!(is_large(70.0, 400, 1080));
        assert!(!is_large(40.0, 400, 1080));
        assert!(is_large(55.0, 700, 1080));
        assert!(!is_large(55.0, 400, 1080));
    }

    #[test]
    fn translucent_text_is_measured_as_seen() {
        let half_white = Rgba([255, 255, 255, 128]);
        let seen = over(half_white, Rgba::BLACK);
        assert_eq!(seen, Rgba([128, 128, 128, 255]));
    }
}
