//! Bidirectional text (UAX #9): embedding levels for shaping, and the visual order of the runs
//! of one line. Quotes are in left-to-right languages, so a paragraph is left-to-right unless it
//! has no left-to-right letter at all.

use std::ops::Range;
use unicode_bidi::{bidi_class, BidiClass, BidiInfo, Level};

/// Whether any character of `text` is written right to left.
fn has_rtl_characters(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(
            bidi_class(c),
            BidiClass::R | BidiClass::AL | BidiClass::RLE | BidiClass::RLO | BidiClass::RLI
        )
    })
}

fn paragraph_level(text: &str) -> Option<Level> {
    let has_ltr_letter = text.chars().any(|c| bidi_class(c) == BidiClass::L);
    has_ltr_letter.then(Level::ltr)
}

/// The embedding level of every byte of `text`, or `None` when it is all left to right.
pub fn levels(text: &str) -> Option<Vec<u8>> {
    if !has_rtl_characters(text) {
        return None;
    }
    let info = BidiInfo::new(text, paragraph_level(text));
    Some(info.levels.iter().map(|l| l.number()).collect())
}

/// The runs of `line` (a byte range of `text`) in visual order, left to right, with their levels.
/// Trailing white space takes the paragraph's level (rule L1).
pub fn visual_runs(text: &str, line: Range<usize>) -> Vec<(Range<usize>, u8)> {
    if !has_rtl_characters(&text[line.clone()]) {
        return vec![(line, 0)];
    }
    let info = BidiInfo::new(text, paragraph_level(text));
    let Some(paragraph) = info
        .paragraphs
        .iter()
        .find(|p| p.range.contains(&line.start) || p.range.end == line.start)
    else {
        return vec![(line, 0)];
    };
    let line = line.start.max(paragraph.range.start)..line.end.min(paragraph.range.end);
    let (levels, runs) = info.visual_runs(paragraph, line);
    runs.into_iter()
        .map(|run| {
            let level = levels[run.start].number();
            (run, level)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_text_needs_no_reordering() {
        assert_eq!(levels("Bonjour à tous"), None);
        assert_eq!(visual_runs("Bonjour à tous", 0..15), vec![(0..15, 0)]);
    }

    #[test]
    fn an_embedded_hebrew_word_is_its_own_right_to_left_run() {
        let text = "Il a dit שלום עולם puis est parti";
        let runs = visual_runs(text, 0..text.len());
        let words: Vec<(&str, u8)> = runs.iter().map(|(r, l)| (&text[r.clone()], *l)).collect();
        assert_eq!(
            words,
            [("Il a dit ", 0), ("שלום עולם", 1), (" puis est parti", 0)]
        );
    }

    #[test]
    fn two_right_to_left_words_separated_by_a_number_keep_right_to_left_order() {
        let text = "Le nom: مدينة 2024 تونس fin";
        let runs = visual_runs(text, 0..text.len());
        let pieces: Vec<&str> = runs.iter().map(|(r, _)| &text[r.clone()]).collect();
        // The right-to-left stretch reads from the right: تونس is drawn left of 2024, then مدينة.
        let tunis = pieces.iter().position(|p| p.contains("تونس")).unwrap();
        let year = pieces.iter().position(|p| p.contains("2024")).unwrap();
        let madina = pieces.iter().position(|p| p.contains("مدينة")).unwrap();
        assert!(tunis < year && year < madina, "{pieces:?}");
    }
}
