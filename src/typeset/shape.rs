//! Shaping: text to positioned glyphs through harfrust (GPOS kerning, GSUB ligatures, Arabic
//! joining), with per-character font fallback and one run per bidi level. A character no font
//! covers is an error, never a drawn box.

use super::bidi;
use super::fonts::{FaceId, FontBook};
use crate::transcript::Language;
use std::ops::Range;

/// One shaped glyph; lengths are in em, so scaling to a font size is one multiplication.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    /// The face that draws it (the style's, or a fallback).
    pub face: FaceId,
    /// The glyph id in that face.
    pub id: u16,
    /// Byte offset in the shaped text of the character this glyph belongs to.
    pub cluster: usize,
    /// How far the pen moves, in em.
    pub advance: f32,
    /// Horizontal offset from the pen, in em.
    pub x_offset: f32,
    /// Vertical offset from the baseline, in em.
    pub y_offset: f32,
    /// Bidi embedding level: odd for right-to-left text.
    pub level: u8,
    /// Index of the shaping run: glyphs of one run are stored in visual order, runs in logical order.
    pub run: u32,
}

/// A character that no available font can draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingGlyph {
    /// The character.
    pub character: char,
    /// Byte offset in the shaped text.
    pub offset: usize,
}

/// Characters that take no space and draw nothing; they only guide breaking or direction.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{200B}' | '\u{FEFF}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}' | '\u{2066}'..='\u{2069}')
}

/// A stand-in for a space-like character the font lacks, and the share of its advance to keep.
fn space_substitute(c: char) -> Option<(char, f32)> {
    match c {
        '\u{202F}' => Some((' ', 0.5)),
        '\u{00A0}' | '\u{2007}' | '\u{2002}' | '\u{2003}' => Some((' ', 1.0)),
        '\u{2009}' | '\u{200A}' => Some((' ', 0.6)),
        '\u{2011}' => Some(('-', 1.0)),
        _ => None,
    }
}

/// Combining marks stay in the run of their base character.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{0591}'..='\u{05C7}' | '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' | '\u{1AB0}'..='\u{1AFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// Shapes `text` with `primary`, falling back per character to the bundled fallback fonts.
pub fn shape(
    text: &str,
    primary: FaceId,
    fonts: &FontBook,
    language: Language,
) -> Result<Vec<Glyph>, Vec<MissingGlyph>> {
    shape_styled(text, primary, &[], fonts, language)
}

/// Like [`shape`], with `overrides` giving another primary face to byte ranges (emphasis).
pub fn shape_styled(
    text: &str,
    primary: FaceId,
    overrides: &[(Range<usize>, FaceId)],
    fonts: &FontBook,
    language: Language,
) -> Result<Vec<Glyph>, Vec<MissingGlyph>> {
    let levels = bidi::levels(text);
    let level_at = |offset: usize| levels.as_ref().map_or(0, |l| l[offset]);
    let primary_at = |offset: usize| {
        overrides
            .iter()
            .find(|(range, _)| range.contains(&offset))
            .map_or(primary, |&(_, face)| face)
    };
    let mut chains: Vec<(FaceId, Vec<FaceId>)> = Vec::new();

    // Split into runs of one face and one bidi level; spaces and marks join the run they sit in.
    struct Run {
        /// The face the run's text asked for, before fallback.
        base: FaceId,
        face: FaceId,
        level: u8,
        chars: Vec<(char, usize)>,
    }
    let mut runs: Vec<Run> = Vec::new();
    let mut missing = Vec::new();
    for (offset, c) in text.char_indices() {
        if is_invisible(c) {
            continue;
        }
        let level = level_at(offset);
        let base = primary_at(offset);
        let joins_current = c.is_whitespace() || matches!(c, '\u{200C}' | '\u{200D}') || is_mark(c);
        let current = runs
            .last()
            .filter(|r| (r.level == level && r.base == base) || is_mark(c))
            .map(|r| r.face);
        let face = match (current, joins_current) {
            (Some(face), true)
                if fonts.face(face).covers(c) || space_substitute(c).is_some() || is_mark(c) =>
            {
                face
            }
            _ => {
                if !chains.iter().any(|(p, _)| *p == base) {
                    chains.push((base, fonts.chain(base)));
                }
                let chain = &chains.iter().find(|(p, _)| *p == base).expect("just added").1;
                match chain.iter().copied().find(|&f| fonts.face(f).covers(c)) {
                    Some(face) => face,
                    None if c.is_whitespace() || space_substitute(c).is_some() => base,
                    None => {
                        missing.push(MissingGlyph { character: c, offset });
                        continue;
                    }
                }
            }
        };
        match runs.last_mut() {
            Some(run) if run.face == face && ((run.level == level && run.base == base) || is_mark(c)) => {
                run.chars.push((c, offset))
            }
            _ => runs.push(Run {
                base,
                face,
                level,
                chars: vec![(c, offset)],
            }),
        }
    }
    if !missing.is_empty() {
        return Err(missing);
    }

    let mut glyphs = Vec::with_capacity(text.len());
    let lang: Option<harfrust::Language> = language.code().parse().ok();
    let mut buffer = harfrust::Buffer::new();
    for (run_index, run) in runs.into_iter().enumerate() {
        let face = fonts.face(run.face);
        buffer.clear();
        let mut scale_by_cluster: Vec<(usize, f32)> = Vec::new();
        for &(c, offset) in &run.chars {
            let (shaped_char, share) = match space_substitute(c) {
                Some(sub) if !face.covers(c) => sub,
                _ => (c, 1.0),
            };
            if share != 1.0 {
                scale_by_cluster.push((offset, share));
            }
            buffer.push(u32::from(shaped_char), offset as u32);
        }
        buffer.set_direction(if run.level % 2 == 1 {
            harfrust::Direction::RightToLeft
        } else {
            harfrust::Direction::LeftToRight
        });
        buffer.guess_segment_properties();
        buffer.set_language(lang.clone());
        let font = harfrust::ShaperFont::new(&face.shaper);
        harfrust::shape(&font, &mut buffer, harfrust::ShapeOptions::new())
            .expect("a fresh buffer with a direction and no plan always shapes");
        let output = &buffer;
        let per_em = 1.0 / face.units_per_em;
        for (info, pos) in output.glyph_infos().iter().zip(output.glyph_positions()) {
            let cluster = info.cluster as usize;
            let share = scale_by_cluster
                .iter()
                .find(|(o, _)| *o == cluster)
                .map_or(1.0, |(_, s)| *s);
            glyphs.push(Glyph {
                face: run.face,
                id: info.glyph_id as u16,
                cluster,
                advance: pos.x_advance as f32 * per_em * share,
                x_offset: pos.x_offset as f32 * per_em,
                y_offset: pos.y_offset as f32 * per_em,
                level: run.level,
                run: run_index as u32,
            });
        }
    }
    Ok(glyphs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inter() -> (FaceId, &'static FontBook) {
        let fonts = FontBook::embedded();
        (fonts.find("Inter", 400, false).unwrap(), fonts)
    }

    fn width_in(text: &str, face: FaceId) -> f32 {
        shape(text, face, FontBook::embedded(), Language::English)
            .unwrap()
            .iter()
            .map(|g| g.advance)
            .sum()
    }

    fn width(text: &str) -> f32 {
        width_in(text, inter().0)
    }

    #[test]
    fn kerned_pairs_are_narrower_than_their_advances() {
        let fonts = FontBook::embedded();
        for family in [
            "Inter",
            "Source Serif 4 Display",
            "Playfair Display",
            "Inter Variable",
        ] {
            let face = fonts.find(family, 400, false).unwrap();
            for pair in ["AV", "To"] {
                let apart: f32 = pair.chars().map(|c| width_in(&c.to_string(), face)).sum();
                let together = width_in(pair, face);
                assert!(together < apart - 0.02, "{family} {pair}: {together} vs {apart}");
            }
        }
    }

    #[test]
    fn ligatures_replace_letters() {
        let fonts = FontBook::embedded();
        let serif = fonts.find("Source Serif 4 Display", 400, false).unwrap();
        let glyphs = shape("office", serif, fonts, Language::English).unwrap();
        assert!(glyphs.len() < "office".len(), "{glyphs:?}");
    }

    #[test]
    fn falls_back_for_arabic_and_hebrew() {
        let (face, fonts) = inter();
        let glyphs = shape("Salam سلام שלום", face, fonts, Language::English).unwrap();
        let families: Vec<&str> = glyphs.iter().map(|g| fonts.face(g.face).family).collect();
        assert!(families.contains(&"Noto Sans Arabic"));
        assert!(families.contains(&"Noto Sans Hebrew"));
        assert!(glyphs.iter().all(|g| g.id != 0));
    }

    #[test]
    fn right_to_left_runs_are_shaped_right_to_left() {
        let (face, fonts) = inter();
        let text = "Shalom שלום here";
        let glyphs = shape(text, face, fonts, Language::English).unwrap();
        let hebrew: Vec<&Glyph> = glyphs.iter().filter(|g| g.level == 1).collect();
        assert_eq!(hebrew.len(), 4);
        // Stored in visual order: the last letter of the word comes first.
        assert!(hebrew.windows(2).all(|w| w[0].cluster > w[1].cluster));
        assert!(glyphs
            .iter()
            .filter(|g| g.level == 0)
            .all(|g| g.cluster < 7 || g.cluster > 14));
    }

    #[test]
    fn arabic_letters_join() {
        let fonts = FontBook::embedded();
        let arabic = fonts.find("Noto Sans Arabic", 400, false).unwrap();
        let joined = shape("سلام", arabic, fonts, Language::English).unwrap();
        let isolated: Vec<u16> = "سلام"
            .chars()
            .map(|c| shape(&c.to_string(), arabic, fonts, Language::English).unwrap()[0].id)
            .collect();
        let ids: Vec<u16> = joined.iter().rev().map(|g| g.id).collect();
        assert_ne!(ids, isolated, "contextual forms are used");
    }

    #[test]
    fn emphasis_overrides_the_face() {
        let (face, fonts) = inter();
        let bold = fonts.find("Inter", 700, false).unwrap();
        let glyphs = shape_styled("a bold word", face, &[(2..6, bold)], fonts, Language::English).unwrap();
        let bold_clusters: Vec<usize> = glyphs
            .iter()
            .filter(|g| g.face == bold)
            .map(|g| g.cluster)
            .collect();
        assert_eq!(bold_clusters, [2, 3, 4, 5]);
    }

    #[test]
    fn missing_character_is_reported() {
        let (face, fonts) = inter();
        let missing = shape("ok \u{1F600} ok", face, fonts, Language::English).unwrap_err();
        assert_eq!(
            missing,
            vec![MissingGlyph {
                character: '\u{1F600}',
                offset: 3
            }]
        );
    }

    #[test]
    fn narrow_no_break_space_is_narrower_than_a_space() {
        assert!(width("a\u{202F}?") < width("a ?"));
    }
}
