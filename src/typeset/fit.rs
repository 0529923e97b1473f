//! Fitting: the size and the line breaks chosen together. The largest size in the style's range
//! at which the text fits its box is found first; then sizes from there down are weighed as a
//! designer would: a lone word on the last line is avoided first, then a line ending on an
//! article or a short preposition, both whenever any size in the range avoids them; among the
//! sizes left, a smaller size is taken when the rag it gives (short lines, lines of one or two
//! words in a short quote, breaks inside a phrase rather than after a comma) is worth the size
//! it costs.

use super::balance::{balanced, Breaking};
use super::fonts::FontBook;
use super::linebreak::{greedy, line_width, measure_ink, segments, split_wide, Segment};
use super::shape::{shape_styled, Glyph, MissingGlyph};
use super::typography::hangs;
use crate::boundary::SafeSlice;
use crate::template::{Align, Hanging, TextStyle};
use crate::transcript::Language;
use std::borrow::Cow;
use std::ops::Range;

/// Below the largest fitting size, the share of that size searched in half-pixel steps; further
/// down the search takes coarser steps.
const BETTER_BREAKS_SIZE_RANGE: f32 = 0.1;
/// What giving up size costs, in units of rag per share of the largest fitting size: a tenth
/// smaller costs as much as half a line of one or two words.
const SIZE_COST: f32 = 4.0;

/// Text broken into lines at a chosen size.
#[derive(Debug, Clone)]
pub struct SetText {
    /// The text as drawn (after typography).
    pub text: String,
    /// Its shaped glyphs, in logical order.
    pub glyphs: Vec<Glyph>,
    /// Stretches of glyphs between break opportunities.
    pub segments: Vec<Segment>,
    /// Each line, as a range of `segments`.
    pub lines: Vec<Range<usize>>,
    /// The chosen size, in px.
    pub size: f32,
    /// Ascender and descender of the faces drawn, in em.
    pub ascender: f32,
    /// The descender, in em.
    pub descender: f32,
    /// Distance between baselines, in em.
    pub line_height: f32,
    /// Byte ranges of `text` drawn with the style's emphasis.
    pub emphasis: Vec<Range<usize>>,
    /// Advance of the opening mark (and the space after it) that hangs left of the first line, in em.
    pub hang: f32,
    /// How far the lines are set in from the left of the box, in px, for the part of the hanging
    /// mark that could not go into the margin.
    pub indent: f32,
    /// The text has right-to-left characters, so lines are reordered when placed.
    pub bidi: bool,
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

    /// Width of a line in px, without the hanging mark, with ink reaching past the advances.
    pub fn line_width_px(&self, line: usize) -> f32 {
        line_width(&self.segments, self.lines[line].clone(), self.hang) * self.size
    }
}

fn block_height(size: f32, lines: usize, ascender: f32, descender: f32, line_height: f32) -> f32 {
    if lines == 0 {
        return 0.0;
    }
    size * (ascender + descender + (lines - 1) as f32 * line_height)
}

/// Why a text cannot be set.
#[derive(Debug, Clone, PartialEq)]
pub enum SetError {
    /// Characters no font in the fallback chain can draw.
    Missing(Vec<MissingGlyph>),
    /// Even at the smallest allowed size the text needs more room than the box has.
    DoesNotFit {
        /// The smallest size allowed, in px.
        min_size: f32,
        /// The box's width, in px.
        width: f32,
        /// The box's height, in px.
        height: f32,
        /// The height the text needs at the smallest size, when it is known.
        needed_height: Option<f32>,
    },
}

/// What besides the text and its style decides how it is set.
#[derive(Debug, Clone, PartialEq)]
pub struct SetOptions {
    /// The text's language: typography and line-breaking rules.
    pub language: Language,
    /// Byte ranges drawn with the style's emphasis.
    pub emphasis: Vec<Range<usize>>,
    /// Room left of the box, in px, that an opening quotation mark may hang into.
    pub hang_room: f32,
}

impl SetOptions {
    /// Options for `language` with no emphasis and no room to hang punctuation.
    pub fn new(language: Language) -> Self {
        SetOptions {
            language,
            emphasis: Vec::new(),
            hang_room: 0.0,
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
    set_text_with(text, style, fonts, &SetOptions::new(language), width, height)
}

/// The measured text, ready to be tried at any size.
struct Measured<'a> {
    text: &'a str,
    glyphs: &'a [Glyph],
    segments: &'a [Segment],
    hang: f32,
    hang_room: f32,
    width: f32,
    height: f32,
    ascender: f32,
    descender: f32,
    line_height: f32,
    max_lines: usize,
}

/// One size tried: its segments (split if words had to be) and the fewest lines it needs.
struct Attempt<'a> {
    segments: Cow<'a, [Segment]>,
    max: f32,
    count: usize,
}

impl Measured<'_> {
    fn indent(&self, size: f32) -> f32 {
        (self.hang * size - self.hang_room).max(0.0)
    }

    /// The text at `size` (px), if it fits; `split` lets words too wide for a line break.
    fn attempt(&self, size: f32, split: bool) -> Option<Attempt<'_>> {
        let max = (self.width - self.indent(size)) / size;
        let segments = if split {
            Cow::Owned(split_wide(self.segments, self.text, self.glyphs, max))
        } else {
            Cow::Borrowed(self.segments)
        };
        let count = greedy(&segments, max, self.hang)?.len();
        let fits = count <= self.max_lines
            && block_height(size, count, self.ascender, self.descender, self.line_height)
                <= self.height + 0.01;
        fits.then_some(Attempt { segments, max, count })
    }

    fn fits(&self, size: f32, split: bool) -> bool {
        self.attempt(size, split).is_some()
    }

    /// The best breaking at `size`: in the fewest lines, or in one more when that reads better.
    fn breaking(&self, size: f32, split: bool) -> Option<(Attempt<'_>, Breaking)> {
        let attempt = self.attempt(size, split)?;
        let breaking = balanced(&attempt.segments, attempt.max, self.hang, attempt.count)?;
        let more = attempt.count + 1;
        let room = more <= self.max_lines
            && block_height(size, more, self.ascender, self.descender, self.line_height)
                <= self.height + 0.01;
        if let Some(better) = room
            .then(|| balanced(&attempt.segments, attempt.max, self.hang, more))
            .flatten()
            .filter(|b| Rank::of(b, 0.0) < Rank::of(&breaking, 0.0))
        {
            return Some((attempt, better));
        }
        Some((attempt, breaking))
    }
}

/// How a breaking ranks, best first: no lone last word, then fewest lines ending on an article,
/// then the least rag plus size given up.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
struct Rank {
    lone_last_word: bool,
    weak_ends: usize,
    cost: f32,
}

impl Rank {
    fn of(breaking: &Breaking, size_cost: f32) -> Rank {
        Rank {
            lone_last_word: breaking.single_word_last,
            weak_ends: breaking.weak_ends,
            cost: breaking.rag + size_cost,
        }
    }
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

/// Like [`set_text`], with emphasis and a room for hanging punctuation.
pub fn set_text_with(
    text: &str,
    style: &TextStyle,
    fonts: &FontBook,
    options: &SetOptions,
    width: f32,
    height: f32,
) -> Result<SetText, SetError> {
    let overrides: Vec<(Range<usize>, usize)> = match &style.emphasis {
        Some(emphasis) if emphasis.face != style.face => options
            .emphasis
            .iter()
            .map(|r| (r.clone(), emphasis.face))
            .collect(),
        _ => Vec::new(),
    };
    let mut glyphs =
        shape_styled(text, style.face, &overrides, fonts, options.language).map_err(SetError::Missing)?;
    add_letter_spacing(&mut glyphs, style.letter_spacing);
    let mut segments = segments(text, &glyphs, options.language);
    measure_ink(&mut segments, text, &glyphs, fonts);
    let (mut ascender, mut descender) = {
        let face = fonts.face(style.face);
        (face.ascender, face.descender)
    };
    for glyph in &glyphs {
        let face = fonts.face(glyph.face);
        ascender = ascender.max(face.ascender);
        descender = descender.max(face.descender);
    }
    let hang = hanging_advance(text, &glyphs, style);
    let measured = Measured {
        text,
        glyphs: &glyphs,
        segments: &segments,
        hang,
        hang_room: options.hang_room.max(0.0),
        width,
        height,
        ascender,
        descender,
        line_height: style.line_height,
        max_lines: style.max_lines.map_or(usize::MAX, |n| n as usize),
    };

    let steps = |px: f32| (px * 2.0).round() as i64;
    let size_of = |step: i64| step as f32 / 2.0;
    let (low, high) = (
        steps(style.min_size),
        steps(style.max_size).max(steps(style.min_size)),
    );
    // Words are split only when no size in the range keeps them whole.
    let split = !measured.fits(size_of(low), false);
    if !measured.fits(size_of(low), split) {
        let min_size = size_of(low);
        let max = (width - measured.indent(min_size)) / min_size;
        let all = split_wide(&segments, text, &glyphs, max);
        let needed = greedy(&all, max, hang)
            .map(|l| block_height(min_size, l.len(), ascender, descender, style.line_height));
        return Err(SetError::DoesNotFit {
            min_size,
            width,
            height,
            needed_height: needed,
        });
    }
    // Largest fitting step by bisection: fitting is monotone in size for a fixed box.
    let largest = if measured.fits(size_of(high), split) {
        high
    } else {
        let (mut fits, mut fails) = (low, high);
        while fails - fits > 1 {
            let middle = (fits + fails) / 2;
            if measured.fits(size_of(middle), split) {
                fits = middle;
            } else {
                fails = middle;
            }
        }
        fits
    };
    // Sizes from the largest down, in half-pixel steps close to it, then in steps of a fiftieth,
    // each weighed by its rank; the search stops once no smaller size could rank better.
    let near = largest - (size_of(largest) * BETTER_BREAKS_SIZE_RANGE * 2.0).ceil() as i64;
    let mut candidates: Vec<i64> = (near.max(low)..=largest).rev().collect();
    let mut step = near;
    while step > low {
        step = (step - (step / 50).max(1)).max(low);
        candidates.push(step);
    }
    let mut chosen: Option<(Rank, i64, Attempt, Breaking)> = None;
    for &step in &candidates {
        let size_cost = SIZE_COST * (1.0 - step as f32 / largest as f32);
        if let Some((rank, ..)) = &chosen {
            if !rank.lone_last_word && rank.weak_ends == 0 && size_cost >= rank.cost {
                break;
            }
        }
        let Some((attempt, breaking)) = measured.breaking(size_of(step), split) else {
            continue;
        };
        let rank = Rank::of(&breaking, size_cost);
        if chosen.as_ref().is_none_or(|(best, ..)| rank < *best) {
            chosen = Some((rank, step, attempt, breaking));
        }
    }
    let (_, step, attempt, breaking) = chosen.expect("the largest size was checked to fit");
    let size = size_of(step);
    let indent = measured.indent(size);
    let bidi = glyphs.iter().any(|g| g.level > 0);
    let segments = attempt.segments.into_owned();
    Ok(SetText {
        text: text.to_owned(),
        glyphs,
        segments,
        lines: breaking.lines,
        size,
        ascender,
        descender,
        line_height: style.line_height,
        emphasis: options.emphasis.clone(),
        hang,
        indent,
        bidi,
    })
}

/// The advance, in em, of an opening quotation mark (and the no-break space after a French one)
/// starting a left-aligned text: it is set left of the line so the letters align.
fn hanging_advance(text: &str, glyphs: &[Glyph], style: &TextStyle) -> f32 {
    if style.align != Align::Left || style.hanging == Hanging::None || !text.starts_with(hangs) {
        return 0.0;
    }
    let first = text.chars().next().map_or(0, char::len_utf8);
    let body = text
        .slice(first..)
        .char_indices()
        .find(|(_, c)| !matches!(c, '\u{A0}' | '\u{202F}'))
        .map_or(text.len(), |(i, _)| first + i);
    if body >= text.len() {
        return 0.0; // a mark alone is not hung
    }
    glyphs
        .iter()
        .filter(|g| g.cluster < body)
        .map(|g| g.advance)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::{Case, Rgba};

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
            hanging: Default::default(),
            max_lines: None,
            element: String::new(),
            emphasis: None,
            finish: Default::default(),
        }
    }

    fn lines_of(set: &SetText) -> Vec<&str> {
        set.lines
            .iter()
            .map(|r| set.text[set.segments[r.start].start..set.segments[r.end - 1].end].trim_end())
            .collect()
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

    #[test]
    fn size_gives_way_to_avoid_a_lone_last_word() {
        let fonts = FontBook::embedded();
        let text = "Nous avons tout misé sur la vidéo courte.";
        for width in [300.0, 420.0, 560.0, 700.0] {
            let set = set_text(text, &style(16.0, 120.0), fonts, Language::French, width, 2000.0).unwrap();
            let lines = lines_of(&set);
            if lines.len() > 1 {
                assert!(lines.last().unwrap().contains(' '), "{width}: {lines:?}");
            }
        }
    }

    #[test]
    fn a_slightly_smaller_size_is_taken_to_avoid_ending_a_line_on_a_preposition() {
        let fonts = FontBook::embedded();
        let text = "Moi j’ai été étudiant à Castres avant d’être étudiant à Toulouse et j’étais cent fois mieux à Castres qu’à Toulouse mais parce que le cadre de vie pour moi était plus intéressant là-bas.";
        let weak = ["à", "de", "le", "la", "les", "sur", "pour"];
        let mut ends = 0;
        for width in [900.0, 1000.0, 1100.0, 1200.0, 1300.0, 1400.0] {
            let set = set_text(
                text,
                &style(30.0, 90.0),
                fonts,
                Language::French,
                width,
                width * 0.3,
            )
            .unwrap();
            let lines = lines_of(&set);
            ends += lines[..lines.len() - 1]
                .iter()
                .filter(|l| weak.contains(&l.rsplit(' ').next().unwrap()))
                .count();
        }
        assert_eq!(ends, 0);
    }

    fn bold_sans(min: f32, max: f32) -> TextStyle {
        TextStyle {
            face: FontBook::embedded().find("Inter", 700, false).unwrap(),
            line_height: 1.1,
            ..style(min, max)
        }
    }

    #[test]
    fn a_short_quote_is_set_in_phrases_rather_than_a_column_of_words() {
        // A story's quote box: at the largest size the words fall one or two to a line.
        let fonts = FontBook::embedded();
        let text = "On ne communique plus, on converse.";
        for language in [Language::French, Language::English] {
            let set = set_text(text, &bold_sans(50.0, 130.0), fonts, language, 920.0, 900.0).unwrap();
            assert_eq!(
                lines_of(&set),
                ["On ne communique plus,", "on converse."],
                "{language:?}"
            );
        }
    }

    #[test]
    fn a_forced_break_is_kept_at_every_size() {
        let fonts = FontBook::embedded();
        let text = "Nous écoutons d’abord,\net nous répondons ensuite à chacun.";
        for width in [500.0, 800.0, 1400.0, 3000.0] {
            let set = set_text(text, &style(20.0, 90.0), fonts, Language::French, width, 2000.0).unwrap();
            let lines = lines_of(&set);
            assert_eq!(lines[0], "Nous écoutons d’abord,", "{width}: {lines:?}");
            assert!(lines.iter().all(|l| !l.contains('\n')), "{lines:?}");
        }
    }

    #[test]
    fn no_line_ends_on_an_article_or_a_short_preposition() {
        let fonts = FontBook::embedded();
        let cases = [
            (
                Language::French,
                "Nous avons ouvert les comptes de la mairie à tous les habitants et aux associations du quartier",
                &["le", "la", "les", "de", "du", "des", "à", "au", "aux", "et", "un", "une"][..],
            ),
            (
                Language::English,
                "We opened the accounts of the town hall to all of the residents and to the associations in the area",
                &["a", "an", "the", "of", "to", "in", "on", "at"][..],
            ),
        ];
        for (language, text, weak) in cases {
            for width in (400..=1400).step_by(50) {
                let set = set_text(text, &style(24.0, 80.0), fonts, language, width as f32, 2000.0).unwrap();
                let lines = lines_of(&set);
                for line in &lines[..lines.len() - 1] {
                    let last = line.rsplit(' ').next().unwrap();
                    assert!(!weak.contains(&last), "{width}: {lines:?}");
                }
            }
        }
    }

    #[test]
    fn a_break_after_a_comma_is_taken_when_it_costs_little() {
        let fonts = FontBook::embedded();
        let text = "Nous publions moins, mais nous répondons à chacun.";
        let mut after_comma = 0;
        let widths = (500..=1300).step_by(50);
        let count = widths.clone().count();
        let mut all = Vec::new();
        for width in widths {
            let set = set_text(
                text,
                &style(40.0, 60.0),
                fonts,
                Language::French,
                width as f32,
                2000.0,
            )
            .unwrap();
            let lines = lines_of(&set);
            if lines.len() > 1 && lines[0].ends_with(',') {
                after_comma += 1;
            }
            all.push((width, set.size, lines.join(" / ")));
        }
        assert!(after_comma * 2 > count, "{after_comma} of {count}: {all:#?}");
    }

    #[test]
    fn a_url_breaks_instead_of_overflowing() {
        let fonts = FontBook::embedded();
        let text = "Tout est sur https://www.laregion.fr/reseaux-sociaux/strategie-numerique-2024";
        let set = set_text(text, &style(30.0, 60.0), fonts, Language::French, 400.0, 1000.0).unwrap();
        // The URL breaks rather than shrinking the quote to its smallest size; the size only
        // gives way so that no line ends on « sur ».
        assert!(set.size > 45.0, "{}", set.size);
        assert!(
            lines_of(&set).iter().all(|l| !l.ends_with(" sur")),
            "{:?}",
            lines_of(&set)
        );
        for i in 0..set.lines.len() {
            assert!(set.line_width_px(i) <= 400.0 + 0.01);
        }
    }

    #[test]
    fn a_long_word_splits_only_below_the_minimum_size() {
        let fonts = FontBook::embedded();
        let text = "Anticonstitutionnellement";
        let whole = set_text(text, &style(10.0, 80.0), fonts, Language::French, 300.0, 400.0).unwrap();
        assert_eq!(whole.lines.len(), 1);
        let split = set_text(text, &style(60.0, 80.0), fonts, Language::French, 300.0, 2000.0).unwrap();
        assert!(split.lines.len() > 1);
        assert_eq!(split.size, 80.0);
    }

    #[test]
    fn opening_mark_hangs_into_the_room_given() {
        let fonts = FontBook::embedded();
        let text = "«\u{A0}Oui, et encore\u{A0}»";
        let options = SetOptions {
            hang_room: 100.0,
            ..SetOptions::new(Language::French)
        };
        let set = set_text_with(text, &style(40.0, 40.0), fonts, &options, 1000.0, 200.0).unwrap();
        assert!(set.hang > 0.3 && set.hang < 1.0, "{}", set.hang);
        assert_eq!(set.indent, 0.0);
        let cramped = set_text_with(
            text,
            &style(40.0, 40.0),
            fonts,
            &SetOptions::new(Language::French),
            1000.0,
            200.0,
        )
        .unwrap();
        assert!((cramped.indent - cramped.hang * 40.0).abs() < 1e-3);
    }

    #[test]
    fn a_style_can_keep_the_opening_mark_in_the_line() {
        let fonts = FontBook::embedded();
        let text = "«\u{A0}Oui, et encore\u{A0}»";
        let options = SetOptions {
            hang_room: 100.0,
            ..SetOptions::new(Language::French)
        };
        let plain = TextStyle {
            hanging: Hanging::None,
            ..style(40.0, 40.0)
        };
        let set = set_text_with(text, &plain, fonts, &options, 1000.0, 200.0).unwrap();
        assert_eq!((set.hang, set.indent), (0.0, 0.0));
    }
}
