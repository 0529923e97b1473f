//! Line breaking: UAX #14 break opportunities, then greedy and balanced lines that fit a width.

use super::shape::Glyph;
use std::ops::Range;
use unicode_linebreak::{linebreaks, BreakOpportunity};

/// The text between two break opportunities, measured in em.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    /// Byte range in the shaped text.
    pub start: usize,
    pub end: usize,
    /// Indices of this segment's glyphs, in drawing order.
    pub glyphs: Vec<usize>,
    /// Advance including trailing white space.
    pub width: f32,
    /// Advance of the trailing white space, which disappears at the end of a line.
    pub trailing: f32,
    /// A hard line break follows this segment.
    pub forced_break: bool,
}

/// Splits shaped text into segments at every break opportunity.
pub fn segments(text: &str, glyphs: &[Glyph]) -> Vec<Segment> {
    let mut segments: Vec<Segment> = Vec::new();
    let mut start = 0;
    for (end, opportunity) in linebreaks(text) {
        if end > start {
            segments.push(Segment {
                start,
                end,
                glyphs: Vec::new(),
                width: 0.0,
                trailing: 0.0,
                forced_break: opportunity == BreakOpportunity::Mandatory && end < text.len(),
            });
        }
        start = end;
    }
    for (i, glyph) in glyphs.iter().enumerate() {
        let index = segments.partition_point(|s| s.end <= glyph.cluster);
        if let Some(segment) = segments.get_mut(index) {
            segment.glyphs.push(i);
            segment.width += glyph.advance;
        }
    }
    for segment in &mut segments {
        let body = &text[segment.start..segment.end];
        let content_end = segment.start + body.trim_end().len();
        segment.trailing = segment
            .glyphs
            .iter()
            .filter(|&&g| glyphs[g].cluster >= content_end)
            .map(|&g| glyphs[g].advance)
            .sum();
    }
    segments
}

/// Width of a line made of `segments[range]`, without its trailing space.
pub fn line_width(segments: &[Segment], range: Range<usize>) -> f32 {
    let total: f32 = segments[range.clone()].iter().map(|s| s.width).sum();
    total
        - range
            .end
            .checked_sub(1)
            .map_or(0.0, |last| segments[last].trailing)
}

/// Fills lines as far as they go. `None` if one segment alone is wider than `max`.
pub fn greedy(segments: &[Segment], max: f32) -> Option<Vec<Range<usize>>> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut width = 0.0;
    for (i, segment) in segments.iter().enumerate() {
        let content = width + segment.width - segment.trailing;
        if i > start && content > max {
            lines.push(start..i);
            start = i;
            width = 0.0;
        }
        if segment.width - segment.trailing > max {
            return None;
        }
        width += segment.width;
        if segment.forced_break {
            lines.push(start..i + 1);
            start = i + 1;
            width = 0.0;
        }
    }
    if start < segments.len() {
        lines.push(start..segments.len());
    }
    Some(lines)
}

/// The same number of lines as a greedy fill at `max`, but as even in width as possible: the
/// narrowest width that still needs no more lines is found by bisection, then filled greedily.
pub fn balanced(segments: &[Segment], max: f32) -> Option<Vec<Range<usize>>> {
    let lines = greedy(segments, max)?;
    if lines.len() < 2 {
        return Some(lines);
    }
    let widest_segment = segments.iter().map(|s| s.width - s.trailing).fold(0.0, f32::max);
    let (mut low, mut high) = (widest_segment, max);
    for _ in 0..24 {
        let middle = (low + high) / 2.0;
        match greedy(segments, middle) {
            Some(l) if l.len() <= lines.len() => high = middle,
            _ => low = middle,
        }
    }
    greedy(segments, high)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transcript::Language;
    use crate::typeset::{shape::shape, FontBook};

    fn measure(text: &str) -> Vec<Segment> {
        let fonts = FontBook::embedded();
        let face = fonts.find("Inter", 400, false).unwrap();
        segments(text, &shape(text, face, fonts, Language::French).unwrap())
    }

    fn lines(text: &str, segs: &[Segment], ranges: &[Range<usize>]) -> Vec<String> {
        ranges
            .iter()
            .map(|r| {
                text[segs[r.start].start..segs[r.end - 1].end]
                    .trim_end()
                    .to_owned()
            })
            .collect()
    }

    #[test]
    fn no_break_inside_french_no_break_spaces() {
        let text = "Vraiment\u{202F}? «\u{A0}Oui\u{A0}» dit-il";
        let segs = measure(text);
        let starts: Vec<&str> = segs.iter().map(|s| &text[s.start..s.end]).collect();
        assert!(
            starts.iter().all(|s| !s.starts_with('?') && !s.starts_with('»')),
            "{starts:?}"
        );
    }

    #[test]
    fn balanced_lines_are_more_even_than_greedy() {
        let text = "Les réseaux sociaux peuvent contribuer à cette attractivité mais ça serait donner trop d’importance à notre travail.";
        let segs = measure(text);
        let greedy_lines = greedy(&segs, 12.0).unwrap();
        let balanced_lines = balanced(&segs, 12.0).unwrap();
        assert_eq!(greedy_lines.len(), balanced_lines.len());
        let spread = |ls: &[Range<usize>]| {
            let widths: Vec<f32> = ls.iter().map(|r| line_width(&segs, r.clone())).collect();
            widths.iter().cloned().fold(0.0, f32::max) - widths.iter().cloned().fold(f32::MAX, f32::min)
        };
        assert!(spread(&balanced_lines) < spread(&greedy_lines));
        for line in lines(text, &segs, &balanced_lines) {
            assert!(line.contains(' '), "single-word line {line:?}");
        }
    }

    #[test]
    fn a_word_wider_than_the_box_does_not_fit() {
        assert!(greedy(&measure("anticonstitutionnellement"), 3.0).is_none());
    }
}
