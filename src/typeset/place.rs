//! Placing set text: every glyph of every line at its final position, in visual order (right-to-left
//! runs reordered per line), emphasised words in their colour, the hanging mark left of the letters.

use super::bidi::visual_runs;
use super::fit::SetText;
use super::fonts::FontBook;
use super::{Item, PlacedGlyph, Placement, PlacementKind, Silhouette};
use crate::boundary::SafeSlice;
use crate::template::{Align, Mark, Rect, Rgba, TextStyle};
use std::ops::Range;

/// The glyphs of line `line`, in the order they are drawn left to right, without trailing spaces.
fn visual_glyphs(set: &SetText, line: usize) -> (Range<usize>, Vec<usize>) {
    let segments = &set.segments[set.lines[line].clone()];
    let start = segments.first().map_or(0, |s| s.start);
    let end = segments.last().map_or(0, |s| s.end);
    let content = start..start + set.text.slice(start..end).trim_end().len();
    let mut logical: Vec<usize> = segments
        .iter()
        .flat_map(|s| s.glyphs.iter().copied())
        .filter(|&g| content.contains(&set.glyphs[g].cluster))
        .collect();
    logical.sort_unstable();
    if !set.bidi {
        return (content, logical);
    }
    let mut ordered = Vec::with_capacity(logical.len());
    for (run, level) in visual_runs(&set.text, content.clone()) {
        let in_run: Vec<usize> = logical
            .iter()
            .copied()
            .filter(|&g| run.contains(&set.glyphs[g].cluster))
            .collect();
        if level % 2 == 0 {
            ordered.extend(in_run);
            continue;
        }
        // Each shaping run is already in visual order; a right-to-left stretch lists them last first.
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for g in in_run {
            match groups.last_mut() {
                Some(group) if set.glyphs[group[0]].run == set.glyphs[g].run => group.push(g),
                _ => groups.push(vec![g]),
            }
        }
        ordered.extend(groups.into_iter().rev().flatten());
    }
    (content, ordered)
}

/// Where the pen starts on line `line` (at its letters, after any hanging mark), in canvas px.
fn line_x(set: &SetText, style: &TextStyle, frame: Rect, line: usize) -> f32 {
    let width = set.line_width_px(line);
    let start = set.lines[line].start;
    // The box of the line begins where its ink (or first advance) does.
    let lead = if start == 0 && set.hang > 0.0 {
        0.0
    } else {
        set.segments[start].lead * set.size
    };
    let left = match style.align {
        Align::Left => frame.x + set.indent,
        Align::Center => frame.x + (frame.w - width) / 2.0,
        Align::Right => frame.x + frame.w - width,
    };
    left + lead
}

/// The left edge of the first letter's ink on the first line (after a hanging mark), in canvas
/// px: what an ornament above the text lines up with.
pub fn first_letter_ink_left(set: &SetText, style: &TextStyle, frame: Rect, fonts: &FontBook) -> Option<f32> {
    if set.lines.is_empty() {
        return None;
    }
    let (_, glyphs) = visual_glyphs(set, 0);
    let mut pen = line_x(set, style, frame, 0) - set.hang * set.size;
    let mut hang_left = set.hang;
    for g in glyphs {
        let glyph = set.glyphs[g];
        if hang_left > 1e-6 {
            hang_left -= glyph.advance;
            pen += glyph.advance * set.size;
            continue;
        }
        let face = fonts.face(glyph.face);
        if let Some((x_min, ..)) = face.glyph_bounds(glyph.id) {
            return Some(pen + (glyph.x_offset + x_min / face.units_per_em) * set.size);
        }
        pen += glyph.advance * set.size;
    }
    None
}

/// Places `set` with its top edge at `top` inside `frame`, appending what to paint to `items`.
pub fn place_text(
    set: &SetText,
    style: &TextStyle,
    frame: Rect,
    top: f32,
    fonts: &FontBook,
    kind: PlacementKind,
    items: &mut Vec<Item>,
) -> Placement {
    let size = set.size;
    let emphasis = style.emphasis.map_or(style.color, |e| e.color);
    let mark = style.emphasis.and_then(|e| e.mark);
    // Marks behind emphasised words: per line, from the first emphasised glyph's pen to the last's.
    let mut marks: Vec<Rect> = Vec::new();
    let mut runs: Vec<(Rgba, Vec<PlacedGlyph>)> = Vec::new();
    let mut ink = InkBounds::default();
    let mut lines = Vec::with_capacity(set.lines.len());
    for line in 0..set.lines.len() {
        let (content, glyphs) = visual_glyphs(set, line);
        lines.push(set.text[content].to_owned());
        let baseline = top + size * (set.ascender + line as f32 * set.line_height);
        let mut pen = line_x(set, style, frame, line) - if line == 0 { set.hang * size } else { 0.0 };
        let mut span: Option<(f32, f32)> = None;
        let mut close = |span: &mut Option<(f32, f32)>| {
            if let (Some((start, end)), Some((kind, _))) = (span.take(), mark) {
                marks.push(mark_rect(kind, start, end, baseline, size));
            }
        };
        for g in glyphs {
            let glyph = set.glyphs[g];
            let emphasised = set.emphasis.iter().any(|r| r.contains(&glyph.cluster));
            if emphasised {
                let end = pen + glyph.advance * size;
                span = Some(span.map_or((pen, end), |(start, _)| (start, end)));
            } else {
                close(&mut span);
            }
            let placed = PlacedGlyph {
                face: glyph.face,
                id: glyph.id,
                x: pen + glyph.x_offset * size,
                y: baseline - glyph.y_offset * size,
                size,
            };
            pen += glyph.advance * size;
            ink.add(fonts, &placed);
            let color = if emphasised { emphasis } else { style.color };
            match runs.last_mut() {
                Some((c, run)) if *c == color => run.push(placed),
                _ => runs.push((color, vec![placed])),
            }
        }
        close(&mut span);
    }
    if let Some(shadow) = style.finish.shadow {
        let glyphs = runs.iter().flat_map(|(_, g)| g.iter().copied()).collect();
        items.push(Item::Shadow {
            silhouette: Silhouette::Glyphs(glyphs),
            shadow,
        });
    }
    if let Some((_, color)) = mark {
        items.extend(marks.into_iter().map(|rect| Item::Rect {
            rect,
            color,
            radius: 0.0,
        }));
    }
    items.extend(runs.into_iter().map(|(color, glyphs)| Item::Glyphs {
        color,
        glyphs,
        element: style.element.clone(),
        decorative: style.finish.decorative,
    }));
    Placement {
        kind,
        frame,
        ink: ink.rect(),
        size,
        lines,
        line_widths: (0..set.lines.len()).map(|l| set.line_width_px(l)).collect(),
    }
}

/// The band or underline under emphasised words running from `start` to `end` on a baseline.
fn mark_rect(mark: Mark, start: f32, end: f32, baseline: f32, size: f32) -> Rect {
    // A highlighter stroke: over the lower part of the lower-case letters, a little past the ends.
    let (top, bottom, pad) = match mark {
        Mark::Band => (baseline - 0.46 * size, baseline + 0.1 * size, 0.06 * size),
        Mark::Underline | Mark::None => (
            baseline + 0.09 * size,
            baseline + 0.09 * size + (0.06 * size).max(1.0),
            0.0,
        ),
    };
    Rect {
        x: start - pad,
        y: top,
        w: end - start + 2.0 * pad,
        h: bottom - top,
    }
}

/// Union of glyph bounding boxes, in canvas px.
#[derive(Default)]
pub struct InkBounds {
    bounds: Option<(f32, f32, f32, f32)>,
}

impl InkBounds {
    pub fn add(&mut self, fonts: &FontBook, glyph: &PlacedGlyph) {
        let face = fonts.face(glyph.face);
        let Some((x_min, y_min, x_max, y_max)) = face.glyph_bounds(glyph.id) else {
            return;
        };
        let scale = glyph.size / face.units_per_em;
        let rect = (
            glyph.x + x_min * scale,
            glyph.y - y_max * scale,
            glyph.x + x_max * scale,
            glyph.y - y_min * scale,
        );
        self.bounds = Some(match self.bounds {
            None => rect,
            Some(r) => (r.0.min(rect.0), r.1.min(rect.1), r.2.max(rect.2), r.3.max(rect.3)),
        });
    }

    pub fn rect(&self) -> Rect {
        let (x0, y0, x1, y1) = self.bounds.unwrap_or_default();
        Rect {
            x: x0,
            y: y0,
            w: x1 - x0,
            h: y1 - y0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::Case;
    use crate::transcript::Language;
    use crate::typeset::set_text;

    fn style(align: Align) -> TextStyle {
        let fonts = FontBook::embedded();
        TextStyle {
            face: fonts.find("Inter", 400, false).unwrap(),
            min_size: 40.0,
            max_size: 40.0,
            line_height: 1.2,
            letter_spacing: 0.0,
            color: Rgba::BLACK,
            align,
            case: Case::None,
            hanging: Default::default(),
            max_lines: None,
            element: String::new(),
            emphasis: None,
            finish: Default::default(),
        }
    }

    #[test]
    fn right_to_left_words_are_drawn_from_the_right() {
        let fonts = FontBook::embedded();
        let text = "added مرحبا بكم here";
        let set = set_text(text, &style(Align::Left), fonts, Language::English, 2000.0, 500.0).unwrap();
        let (_, order) = visual_glyphs(&set, 0);
        let position = |byte: usize| {
            order
                .iter()
                .position(|&g| set.glyphs[g].cluster == byte)
                .unwrap_or_else(|| panic!("no glyph for byte {byte}"))
        };
        let added = position(0);
        let marhaba = text.find("مرحبا").unwrap();
        let bikum = text.find("بكم").unwrap();
        let here = text.find("here").unwrap();
        assert!(added < position(bikum), "left-to-right text comes first");
        assert!(
            position(bikum) < position(marhaba),
            "the second Arabic word is drawn left of the first"
        );
        assert!(position(marhaba) < position(here));
    }

    #[test]
    fn emphasis_gets_its_own_colour_and_lines_stay_in_the_frame() {
        let fonts = FontBook::embedded();
        let mut style = style(Align::Center);
        let accent = Rgba([200, 0, 0, 255]);
        style.emphasis = Some(crate::template::Emphasis {
            color: accent,
            face: style.face,
            mark: None,
        });
        let options = crate::typeset::SetOptions {
            emphasis: std::iter::once(4..9).collect(),
            ..crate::typeset::SetOptions::new(Language::English)
        };
        let text = "One short word and then the rest of a line";
        let set = crate::typeset::set_text_with(text, &style, fonts, &options, 500.0, 500.0).unwrap();
        let frame = Rect {
            x: 10.0,
            y: 0.0,
            w: 500.0,
            h: 500.0,
        };
        let mut items = Vec::new();
        let placement = place_text(&set, &style, frame, 0.0, fonts, PlacementKind::Quote, &mut items);
        let colors: Vec<Rgba> = items
            .iter()
            .map(|i| match i {
                Item::Glyphs { color, .. } => *color,
                _ => unreachable!(),
            })
            .collect();
        assert_eq!(colors, [Rgba::BLACK, accent, Rgba::BLACK]);
        assert!(frame.contains(&placement.ink, 1.0), "{:?}", placement.ink);
        assert_eq!(placement.lines.join(" "), text);
    }

    #[test]
    fn a_band_lies_behind_the_emphasised_word_only() {
        let fonts = FontBook::embedded();
        let mut style = style(Align::Left);
        let band = Rgba([255, 220, 0, 120]);
        style.emphasis = Some(crate::template::Emphasis {
            color: Rgba::BLACK,
            face: style.face,
            mark: Some((Mark::Band, band)),
        });
        let options = crate::typeset::SetOptions {
            emphasis: std::iter::once(4..9).collect(),
            ..crate::typeset::SetOptions::new(Language::English)
        };
        let set =
            crate::typeset::set_text_with("One short word", &style, fonts, &options, 900.0, 500.0).unwrap();
        let frame = Rect {
            x: 0.0,
            y: 0.0,
            w: 900.0,
            h: 500.0,
        };
        let mut items = Vec::new();
        place_text(&set, &style, frame, 0.0, fonts, PlacementKind::Quote, &mut items);
        let Some(Item::Rect { rect, color, .. }) = items.first() else {
            panic!("the band comes first, behind the letters: {items:?}");
        };
        assert_eq!(*color, band);
        let glyphs: Vec<&PlacedGlyph> = items
            .iter()
            .filter_map(|i| match i {
                Item::Glyphs { glyphs, .. } => Some(glyphs),
                _ => None,
            })
            .flatten()
            .collect();
        // "short" runs from the fifth glyph to the ninth.
        assert!(rect.x < glyphs[4].x && rect.x > glyphs[3].x, "{rect:?}");
        assert!(
            rect.right() > glyphs[8].x && rect.right() < glyphs[10].x,
            "{rect:?}"
        );
        assert_eq!(items.iter().filter(|i| matches!(i, Item::Rect { .. })).count(), 1);
    }
}
