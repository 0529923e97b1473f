//! Fitting: the largest font size, within a style's range, at which text fits its box.

use super::fonts::FontBook;
use super::linebreak::{balanced, greedy, line_width, segments, Segment};
use super::shape::{shape, Glyph, MissingGlyph};
use crate::template::TextStyle;
use crate::transcript::Language;
use std::ops::Range;

/// Text broken into lines at a chosen size.
#[derive(Debug, Clone)]
pub struct SetText {
    pub text: String,
    pub glyphs: Vec<Glyph>,
    pub segments: Vec<Segment>,
    pub lines: Vec<Range<usize>>,
    pub size: f32,
    /// Ascender and descender of the style's face, in em.
    pub ascender: f32,
    pub descender: f32,
    pub line_height: f32,
}

impl SetText {
    /// Height of the block from the first line's ascender to the last line's descender.
    pub fn height(&self) -> f32 {
        block_height(
            self.size,
            self.lines.len(),
            self.ascender,
            self.descender,
            self.line_height,
        )
    }

    pub fn line_width_px(&self, line: usize) -> f32 {
        line_width(&self.segments, self.lines[line].clone()) * self.size
    }
}

fn block_height(size: f32, lines: usize, ascender: f32, descender: f32, line_height: f32) -> f32 {
    if lines == 0 {
        return 0.0;
    }
    size * (ascender + descender + (lines - 1) as f32 * line_height)
}

#[derive(Debug, Clone, PartialEq)]
pub enum SetError {
    Missing(Vec<MissingGlyph>),
    /// Even at the smallest allowed size the text needs more room than the box has.
    DoesNotFit {
        min_size: f32,
        width: f32,
        height: f32,
        needed_height: Option<f32>,
    },
}

/// Widens each character by `spacing` em (after its last glyph, so marks stay on their base);
/// done before breaking so that line widths include it.
fn add_letter_spacing(glyphs: &mut [Glyph], spacing: f32) {
    if spacing == 0.0 {
        return;
    }
    for i in 0..glyphs.len() {
        let ends_cluster = glyphs
            .get(i + 1)
            .is_none_or(|next| next.cluster != glyphs[i].cluster);
        if ends_cluster {
            glyphs[i].advance += spacing;
        }
    }
}

/// Shapes `text` and finds the largest size in the style's range (in half-pixel steps) at which
/// its balanced lines fit `width` × `height` and the style's line limit.
pub fn set_text(
    text: &str,
    style: &TextStyle,
    fonts: &FontBook,
    language: Language,
    width: f32,
    height: f32,
) -> Result<SetText, SetError> {
    let mut glyphs = shape(text, style.face, fonts, language).map_err(SetError::Missing)?;
    add_letter_spacing(&mut glyphs, style.letter_spacing);
    let segments = segments(text, &glyphs);
    let face = fonts.face(style.face);
    let (ascender, descender) = (face.ascender, face.descender);
    let max_lines = style.max_lines.map_or(usize::MAX, |n| n as usize);
    let lines_at = |size: f32| -> Option<Vec<Range<usize>>> {
        let lines = greedy(&segments, width / size)?;
        let fits = lines.len() <= max_lines
            && block_height(size, lines.len(), ascender, descender, style.line_height) <= height + 0.01;
        fits.then_some(lines)
    };
    let steps = |px: f32| (px * 2.0).round() as i64;
    let (low, high) = (
        steps(style.min_size),
        steps(style.max_size).max(steps(style.min_size)),
    );
    if lines_at(low as f32 / 2.0).is_none() {
        let min_size = low as f32 / 2.0;
        let needed = greedy(&segments, width / min_size)
            .map(|l| block_height(min_size, l.len(), ascender, descender, style.line_height));
        return Err(SetError::DoesNotFit {
            min_size,
            width,
            height,
            needed_height: needed,
        });
    }
    // Largest fitting step by bisection: fitting is monotone in size for a fixed box.
    let (mut fits, mut fails) = (low, high + 1);
    if lines_at(high as f32 / 2.0).is_some() {
        fits = high;
    } else {
        while fails - fits > 1 {
            let middle = (fits + fails) / 2;
            if lines_at(middle as f32 / 2.0).is_some() {
                fits = middle;
            } else {
                fails = middle;
            }
        }
    }
    let size = fits as f32 / 2.0;
    let lines = balanced(&segments, width / size).unwrap_or_default();
    Ok(SetText {
        text: text.to_owned(),
        glyphs,
        segments,
        lines,
        size,
        ascender,
        descender,
        line_height: style.line_height,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::{Align, Case, Rgba};

    fn style(min: f32, max: f32) -> TextStyle {
        let fonts = FontBook::embedded();
        TextStyle {
            face: fonts.find("Source Serif 4 Display", 400, false).unwrap(),
            min_size: min,
            max_size: max,
            line_height: 1.2,
            letter_spacing: 0.0,
            color: Rgba::BLACK,
            align: Align::Left,
            case: Case::None,
            max_lines: None,
            element: String::new(),
        }
    }

    #[test]
    fn short_text_takes_the_largest_size_and_long_text_shrinks() {
        let fonts = FontBook::embedded();
        let short = set_text(
            "Short.",
            &style(20.0, 90.0),
            fonts,
            Language::English,
            800.0,
            500.0,
        )
        .unwrap();
        assert_eq!(short.size, 90.0);
        let long_text = "A much longer passage of text that will certainly need several lines at any large size, and so it must come out smaller than the short one did.";
        let long = set_text(
            long_text,
            &style(20.0, 90.0),
            fonts,
            Language::English,
            800.0,
            500.0,
        )
        .unwrap();
        assert!(long.size < 90.0);
        assert!(long.height() <= 500.0);
        for i in 0..long.lines.len() {
            assert!(long.line_width_px(i) <= 800.0);
        }
        // One step larger would not fit.
        let bigger = style(long.size + 0.5, long.size + 0.5);
        assert!(set_text(long_text, &bigger, fonts, Language::English, 800.0, 500.0).is_err());
    }

    #[test]
    fn too_long_at_min_size_is_an_error() {
        let fonts = FontBook::embedded();
        let text = "word ".repeat(200);
        assert!(matches!(
            set_text(&text, &style(40.0, 90.0), fonts, Language::English, 400.0, 200.0),
            Err(SetError::DoesNotFit { .. })
        ));
    }
}
