//! Shaping: text to positioned glyphs through rustybuzz (GPOS kerning, GSUB ligatures), with
//! per-character font fallback. A character no font covers is an error, never a drawn box.

use super::fonts::{FaceId, FontBook};
use crate::transcript::Language;

/// One shaped glyph; lengths are in em, so scaling to a font size is one multiplication.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    pub face: FaceId,
    pub id: u16,
    /// Byte offset in the shaped text of the character this glyph belongs to.
    pub cluster: usize,
    pub advance: f32,
    pub x_offset: f32,
    pub y_offset: f32,
}

/// A character that no available font can draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingGlyph {
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

/// The first face, among `primary` and its fallbacks, that covers `c`.
fn face_for(c: char, chain: &[FaceId], fonts: &FontBook) -> Option<FaceId> {
    chain.iter().copied().find(|&f| fonts.face(f).covers(c))
}

/// Shapes `text` with `primary`, falling back per character to the bundled fallback fonts.
pub fn shape(
    text: &str,
    primary: FaceId,
    fonts: &FontBook,
    language: Language,
) -> Result<Vec<Glyph>, Vec<MissingGlyph>> {
    let mut chain = vec![primary];
    chain.extend(fonts.fallbacks(primary));

    // Split into runs of one face; spaces and marks join the run they sit in.
    let mut runs: Vec<(FaceId, Vec<(char, usize)>)> = Vec::new();
    let mut missing = Vec::new();
    for (offset, c) in text.char_indices() {
        if is_invisible(c) {
            continue;
        }
        let joins_current = c.is_whitespace() || matches!(c, '\u{200C}' | '\u{200D}') || unicode_is_mark(c);
        let current = runs.last().map(|&(face, _)| face);
        let face = match (current, joins_current) {
            (Some(face), true) => face,
            _ => match face_for(c, &chain, fonts) {
                Some(face) => face,
                None if c.is_whitespace() || space_substitute(c).is_some() => primary,
                None => {
                    missing.push(MissingGlyph { character: c, offset });
                    continue;
                }
            },
        };
        match runs.last_mut() {
            Some((f, chars)) if *f == face => chars.push((c, offset)),
            _ => runs.push((face, vec![(c, offset)])),
        }
    }
    if !missing.is_empty() {
        return Err(missing);
    }

    let mut glyphs = Vec::with_capacity(text.len());
    let lang = rustybuzz::Language::from_str_opt(language.code());
    for (face_id, chars) in runs {
        let face = fonts.face(face_id);
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        let mut scale_by_cluster: Vec<(usize, f32)> = Vec::new();
        for &(c, offset) in &chars {
            let (shaped_char, share) = match space_substitute(c) {
                Some(sub) if !face.covers(c) => sub,
                _ => (c, 1.0),
            };
            if share != 1.0 {
                scale_by_cluster.push((offset, share));
            }
            buffer.add(shaped_char, offset as u32);
        }
        buffer.guess_segment_properties();
        if let Some(lang) = lang.clone() {
            buffer.set_language(lang);
        }
        let output = rustybuzz::shape(&face.shaper, &[], buffer);
        let per_em = 1.0 / face.units_per_em;
        for (info, pos) in output.glyph_infos().iter().zip(output.glyph_positions()) {
            let cluster = info.cluster as usize;
            let share = scale_by_cluster
                .iter()
                .find(|(o, _)| *o == cluster)
                .map_or(1.0, |(_, s)| *s);
            glyphs.push(Glyph {
                face: face_id,
                id: info.glyph_id as u16,
                cluster,
                advance: pos.x_advance as f32 * per_em * share,
                x_offset: pos.x_offset as f32 * per_em,
                y_offset: pos.y_offset as f32 * per_em,
            });
        }
    }
    Ok(glyphs)
}

/// Combining marks stay in the run of their base character.
fn unicode_is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{0591}'..='\u{05C7}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{1AB0}'..='\u{1AFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

trait LanguageExt {
    fn from_str_opt(code: &str) -> Option<rustybuzz::Language>;
}

impl LanguageExt for rustybuzz::Language {
    fn from_str_opt(code: &str) -> Option<rustybuzz::Language> {
        code.parse().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inter() -> (FaceId, &'static FontBook) {
        let fonts = FontBook::embedded();
        (fonts.find("Inter", 400, false).unwrap(), fonts)
    }

    fn width(text: &str) -> f32 {
        let (face, fonts) = inter();
        shape(text, face, fonts, Language::English)
            .unwrap()
            .iter()
            .map(|g| g.advance)
            .sum()
    }

    #[test]
    fn kerned_pairs_are_narrower_than_their_advances() {
        for pair in ["AV", "To"] {
            let apart: f32 = pair.chars().map(|c| width(&c.to_string())).sum();
            assert!(width(pair) < apart - 0.02, "{pair}: {} vs {apart}", width(pair));
        }
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
