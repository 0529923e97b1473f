//! Line-break opportunities: UAX #14, tightened so that no line starts with closing punctuation
//! or a dash, loosened inside URLs, and, as a last resort, between the letters of a word too
//! long for the box. Each opportunity carries the cost of breaking there.

use super::fonts::FontBook;
use super::shape::Glyph;
use super::typography::forbidden_at_line_start;
use crate::boundary::SafeSlice;
use crate::transcript::Language;
use std::ops::Range;
use unicode_linebreak::{linebreaks, BreakOpportunity};
use unicode_segmentation::UnicodeSegmentation;

/// The text between two break opportunities, measured in em.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    /// Byte range in the shaped text.
    pub start: usize,
    pub end: usize,
    /// Indices of this segment's glyphs in the shaped glyph list.
    pub glyphs: Vec<usize>,
    /// Advance including trailing white space.
    pub width: f32,
    /// Advance of the trailing white space, which disappears at the end of a line.
    pub trailing: f32,
    /// A hard line break follows this segment.
    pub forced_break: bool,
    /// What a line break after this segment costs: breaking after a French article, inside a URL
    /// or inside a word is avoided when another choice exists.
    pub penalty: f32,
    /// The segment begins a new word (it follows white space or starts the text).
    pub starts_word: bool,
    /// How far the ink of the first glyph reaches left of its pen position, in em (the foot of
    /// an `A`, the hook of a `J`): at the start of a line it is kept inside the box.
    pub lead: f32,
    /// How far the ink of the last glyph reaches right of its advance, in em.
    pub tail: f32,
}

/// Cost of ending a line after an article or a short preposition ("de", "la", "à"…).
const WEAK_WORD_PENALTY: f32 = 0.6;
/// Cost of breaking inside a French locution read as one word ("parce que", "afin de").
const LOCUTION_PENALTY: f32 = 1.5;
/// First words of those locutions.
const FRENCH_LOCUTION_STARTS: &[&str] = &["parce", "afin"];
/// Cost of ending a line after an English article, a short preposition or `I`.
const ENGLISH_WEAK_PENALTY: f32 = 0.4;
/// Cost of ending a line after an English conjunction: it reads less well than a break before
/// it, but it is common enough in good typesetting not to count as a weak ending.
const ENGLISH_CONJUNCTION_PENALTY: f32 = 0.2;
/// A break after a comma, a colon or the end of a sentence lets each line read as a phrase: it
/// costs less than any other (negative, so that balancing gives way to it when the lines stay
/// close to even).
const CLAUSE_BREAK_BONUS: f32 = 0.15;
/// Cost of breaking a URL at one of its slashes or dots rather than at a space.
const URL_PENALTY: f32 = 0.1;
/// Cost of breaking a word between two letters, done only when it is wider than the box.
pub const SPLIT_WORD_PENALTY: f32 = 2.0;

/// Words after which a French line should not end: articles, short prepositions, conjunctions,
/// determiners and the pronouns that lean on the verb after them.
const FRENCH_WEAK_WORDS: &[&str] = &[
    "le", "la", "les", "l’", "un", "une", "des", "du", "de", "d’", "au", "aux", "à", "en", "et", "ou", "que",
    "qu’", "qui", "sur", "par", "pour", "dans", "sans", "sous", "chez", "vers", "avec", "ce", "cet", "cette",
    "ces", "mon", "ma", "mes", "ton", "ta", "tes", "son", "sa", "ses", "notre", "nos", "votre", "vos",
    "leur", "leurs", "ne", "se", "je", "tu", "on", "y", "d’un", "d’une", "d’y", "n’y", "qu’un", "qu’une",
    "l’on",
];

/// Words after which an English line should not end: articles, short prepositions and `I`.
const ENGLISH_WEAK_WORDS: &[&str] = &[
    "a", "an", "the", "i", "of", "to", "in", "on", "at", "by", "for", "with", "from", "into", "onto", "as",
    "my", "our", "your", "their", "its",
];

const ENGLISH_CONJUNCTIONS: &[&str] = &["and", "or", "nor", "but"];

/// Characters after which a break ends a phrase.
fn ends_clause(content: &str) -> bool {
    content
        .trim_end_matches(['»', '”', '’', ')', '\u{A0}', '\u{202F}'])
        .ends_with([',', ';', ':', '.', '!', '?', '…', '—', '–'])
}

/// Whether a word is a URL, an e-mail address or a path, where more break points are allowed.
fn is_url_like(word: &str) -> bool {
    word.contains("://")
        || word.to_ascii_lowercase().starts_with("www.")
        || (word.contains('@') && word.contains('.'))
        || (word.matches('/').count() >= 2 && word.len() > 20)
}

/// The cost of breaking after `content` (a segment without its trailing space).
fn penalty_after(content: &str, language: Language) -> f32 {
    let Some(last) = content.split_whitespace().next_back() else {
        return 0.0;
    };
    if !content.ends_with(last) {
        return 0.0;
    }
    if ends_clause(content) {
        return -CLAUSE_BREAK_BONUS;
    }
    let mut word = last.to_lowercase();
    if word.contains('\'') {
        word = word.replace('\'', "’");
    }
    let word = word.as_str();
    match language {
        Language::French if FRENCH_LOCUTION_STARTS.contains(&word) => LOCUTION_PENALTY,
        Language::French if FRENCH_WEAK_WORDS.contains(&word) => WEAK_WORD_PENALTY,
        Language::English if ENGLISH_WEAK_WORDS.contains(&word) => ENGLISH_WEAK_PENALTY,
        Language::English if ENGLISH_CONJUNCTIONS.contains(&word) => ENGLISH_CONJUNCTION_PENALTY,
        _ => 0.0,
    }
}

/// A place where a new line may start.
struct Opportunity {
    at: usize,
    mandatory: bool,
    /// Added inside a URL, not given by UAX #14.
    in_url: bool,
}

/// Break positions (byte offsets where a new line may start).
fn opportunities(text: &str) -> Vec<Opportunity> {
    let mut breaks: Vec<Opportunity> = linebreaks(text)
        .map(|(at, kind)| Opportunity {
            at,
            mandatory: kind == BreakOpportunity::Mandatory && at < text.len(),
            in_url: false,
        })
        .collect();
    // Inside URLs: after `/ . - _ ? & = #` when a letter or digit follows.
    let mut word_start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        if !c.is_whitespace() {
            word_start.get_or_insert(i);
            continue;
        }
        let Some(start) = word_start.take() else { continue };
        let word = text.slice(start..i);
        if !is_url_like(word) {
            continue;
        }
        for (j, d) in word.char_indices() {
            let after = j + d.len_utf8();
            let next_is_alnum = word
                .slice(after..)
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric);
            if matches!(d, '/' | '.' | '-' | '_' | '?' | '&' | '=' | '#') && next_is_alnum && after > 1 {
                breaks.push(Opportunity {
                    at: start + after,
                    mandatory: false,
                    in_url: true,
                });
            }
        }
    }
    breaks.sort_by_key(|b| (b.at, b.in_url));
    breaks.dedup_by_key(|b| b.at);
    breaks.retain(|b| {
        b.mandatory
            || b.at >= text.len()
            || !text
                .slice(b.at..)
                .chars()
                .next()
                .is_some_and(forbidden_at_line_start)
    });
    breaks
}

/// Splits shaped text into segments at every break opportunity.
pub fn segments(text: &str, glyphs: &[Glyph], language: Language) -> Vec<Segment> {
    let mut segments: Vec<Segment> = Vec::new();
    let mut start = 0;
    for opportunity in opportunities(text) {
        let end = opportunity.at;
        if end <= start {
            continue;
        }
        let content = text.slice(start..end).trim_end();
        let penalty = if opportunity.in_url {
            URL_PENALTY
        } else {
            penalty_after(content, language)
        };
        segments.push(Segment {
            start,
            end,
            glyphs: Vec::new(),
            width: 0.0,
            trailing: 0.0,
            forced_break: opportunity.mandatory,
            penalty,
            starts_word: start == 0 || text.slice(..start).ends_with(char::is_whitespace),
            lead: 0.0,
            tail: 0.0,
        });
        start = end;
    }
    if start < text.len() {
        segments.push(Segment {
            start,
            end: text.len(),
            glyphs: Vec::new(),
            width: 0.0,
            trailing: 0.0,
            forced_break: false,
            penalty: 0.0,
            starts_word: start == 0 || text.slice(..start).ends_with(char::is_whitespace),
            lead: 0.0,
            tail: 0.0,
        });
    }
    for (i, glyph) in glyphs.iter().enumerate() {
        let index = segments.partition_point(|s| s.end <= glyph.cluster);
        if let Some(segment) = segments.get_mut(index) {
            segment.glyphs.push(i);
            segment.width += glyph.advance;
        }
    }
    for segment in &mut segments {
        let content_end = segment.start + text.slice(segment.start..segment.end).trim_end().len();
        segment.trailing = segment
            .glyphs
            .iter()
            .filter(|&&g| glyphs[g].cluster >= content_end)
            .map(|&g| glyphs[g].advance)
            .sum();
    }
    segments
}

/// Sets each segment's `lead` and `tail` from the outlines of its first and last glyphs.
pub fn measure_ink(segments: &mut [Segment], text: &str, glyphs: &[Glyph], fonts: &FontBook) {
    let bounds = |g: &Glyph| {
        let face = fonts.face(g.face);
        face.glyph_bounds(g.id).map(|(x_min, _, x_max, _)| {
            let per_em = 1.0 / face.units_per_em;
            (x_min * per_em + g.x_offset, x_max * per_em + g.x_offset)
        })
    };
    for segment in segments {
        let content_end = segment.start + text.slice(segment.start..segment.end).trim_end().len();
        let visible = || {
            segment
                .glyphs
                .iter()
                .map(|&g| &glyphs[g])
                .filter(move |g| g.cluster < content_end)
        };
        if let Some((x_min, _)) = visible().min_by_key(|g| g.cluster).and_then(bounds) {
            segment.lead = (-x_min).max(0.0);
        }
        if let Some(last) = visible().max_by_key(|g| g.cluster) {
            if let Some((_, x_max)) = bounds(last) {
                segment.tail = (x_max - last.advance).max(0.0);
            }
        }
    }
}

/// Splits every segment wider than `max` between graphemes, as a last resort for words (and
/// URLs without break points) that no line could hold.
pub fn split_wide(segments: &[Segment], text: &str, glyphs: &[Glyph], max: f32) -> Vec<Segment> {
    let mut out = Vec::with_capacity(segments.len());
    for segment in segments {
        if segment.width - segment.trailing <= max {
            out.push(segment.clone());
            continue;
        }
        let content_end = segment.start + text.slice(segment.start..segment.end).trim_end().len();
        // Advance per byte of the segment, summed once: measuring each grapheme by scanning
        // every glyph made a long word quadratic.
        let mut advance_at = vec![0.0f32; segment.end - segment.start];
        for &g in &segment.glyphs {
            if let Some(slot) = glyphs[g]
                .cluster
                .checked_sub(segment.start)
                .and_then(|at| advance_at.get_mut(at))
            {
                *slot += glyphs[g].advance;
            }
        }
        let mut piece_start = segment.start;
        let mut piece_width = 0.0;
        let mut cuts = Vec::new();
        for (offset, grapheme) in text.slice(segment.start..content_end).grapheme_indices(true) {
            let at = segment.start + offset;
            let w: f32 = advance_at[offset..offset + grapheme.len()].iter().sum();
            if at > piece_start && piece_width + w > max {
                cuts.push(at);
                piece_start = at;
                piece_width = 0.0;
            }
            piece_width += w;
        }
        // Each glyph goes to the piece its cluster falls in, keeping the segment's glyph order.
        let mut piece_glyphs: Vec<Vec<usize>> = vec![Vec::new(); cuts.len() + 1];
        for &g in &segment.glyphs {
            piece_glyphs[cuts.partition_point(|&c| c <= glyphs[g].cluster)].push(g);
        }
        let mut start = segment.start;
        for (end, pieces_glyphs) in cuts.into_iter().chain([segment.end]).zip(piece_glyphs) {
            let last = end == segment.end;
            out.push(Segment {
                start,
                end,
                width: pieces_glyphs.iter().map(|&g| glyphs[g].advance).sum(),
                glyphs: pieces_glyphs,
                trailing: if last { segment.trailing } else { 0.0 },
                forced_break: last && segment.forced_break,
                penalty: if last { segment.penalty } else { SPLIT_WORD_PENALTY },
                starts_word: start == segment.start && segment.starts_word,
                lead: if start == segment.start { segment.lead } else { 0.0 },
                tail: if last { segment.tail } else { 0.0 },
            });
            start = end;
        }
    }
    out
}

/// Width of a line made of `segments[range]`, without its trailing space but with any ink that
/// reaches past its first and last advances; the first line of the text leaves out `hang`, the
/// opening mark that hangs in the margin.
pub fn line_width(segments: &[Segment], range: Range<usize>, hang: f32) -> f32 {
    if range.is_empty() {
        return 0.0;
    }
    let total: f32 = segments[range.clone()].iter().map(|s| s.width).sum();
    let last = &segments[range.end - 1];
    total - last.trailing + last.tail + line_lead(segments, range.start, hang)
}

/// The ink overhang kept inside the box at the start of a line beginning at segment `start`.
pub fn line_lead(segments: &[Segment], start: usize, hang: f32) -> f32 {
    if start == 0 && hang > 0.0 {
        -hang
    } else {
        segments[start].lead
    }
}

/// Fills lines as far as they go: the fewest lines at width `max`. `None` if one segment alone
/// is wider than `max`.
pub fn greedy(segments: &[Segment], max: f32, hang: f32) -> Option<Vec<Range<usize>>> {
    let mut lines = Vec::new();
    let mut start = 0;
    // Sum of the advances of the line being filled, trailing spaces included.
    let mut width = 0.0;
    for (i, segment) in segments.iter().enumerate() {
        let content = |start: usize, width: f32| {
            width + segment.width - segment.trailing + segment.tail + line_lead(segments, start, hang)
        };
        if i > start && content(start, width) > max {
            lines.push(start..i);
            start = i;
            width = 0.0;
        }
        if content(i, 0.0) > max && start == i {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::typeset::{shape::shape, FontBook};

    fn measure(text: &str, language: Language) -> Vec<Segment> {
        let fonts = FontBook::embedded();
        let face = fonts.find("Inter", 400, false).unwrap();
        segments(text, &shape(text, face, fonts, language).unwrap(), language)
    }

    fn pieces<'a>(text: &'a str, segs: &[Segment]) -> Vec<&'a str> {
        segs.iter().map(|s| &text[s.start..s.end]).collect()
    }

    #[test]
    fn no_break_inside_french_no_break_spaces() {
        let text = "Vraiment\u{202F}? «\u{A0}Oui\u{A0}» dit-il";
        let segs = measure(text, Language::French);
        assert!(
            pieces(text, &segs)
                .iter()
                .all(|s| !s.starts_with('?') && !s.starts_with('»')),
            "{:?}",
            pieces(text, &segs)
        );
    }

    #[test]
    fn no_line_starts_with_a_dash_or_closing_punctuation() {
        let text = "work—not luck (really) … yes";
        let segs = measure(text, Language::English);
        for piece in pieces(text, &segs) {
            assert!(!piece.starts_with(forbidden_at_line_start), "{piece:?}");
        }
    }

    #[test]
    fn urls_get_more_break_points_with_a_small_cost() {
        let text = "voir https://www.laregion.fr/Les-reseaux-sociaux-de-la-Region ici";
        let segs = measure(text, Language::French);
        assert!(segs.len() > 6, "{:?}", pieces(text, &segs));
        assert!(segs.iter().any(|s| s.penalty == URL_PENALTY));
        assert!(pieces(text, &segs).iter().all(|p| *p != "/" && *p != "//"));
    }

    #[test]
    fn breaking_after_an_article_costs_more() {
        let segs = measure("Je parle de la région", Language::French);
        let costs: Vec<f32> = segs.iter().map(|s| s.penalty).collect();
        assert_eq!(
            costs,
            [WEAK_WORD_PENALTY, 0.0, WEAK_WORD_PENALTY, WEAK_WORD_PENALTY, 0.0]
        );
    }

    #[test]
    fn breaking_inside_parce_que_or_after_an_elided_article_costs_more() {
        let segs = measure("parce qu'un jour", Language::French);
        let costs: Vec<f32> = segs.iter().map(|s| s.penalty).collect();
        assert_eq!(costs, [LOCUTION_PENALTY, WEAK_WORD_PENALTY, 0.0]);
    }

    #[test]
    fn a_word_wider_than_the_box_does_not_fit_unless_split() {
        let text = "anticonstitutionnellement";
        let fonts = FontBook::embedded();
        let face = fonts.find("Inter", 400, false).unwrap();
        let glyphs = shape(text, face, fonts, Language::French).unwrap();
        let segs = segments(text, &glyphs, Language::French);
        assert!(greedy(&segs, 3.0, 0.0).is_none());
        let split = split_wide(&segs, text, &glyphs, 3.0);
        let lines = greedy(&split, 3.0, 0.0).unwrap();
        assert!(lines.len() >= 4);
        let joined: String = pieces(text, &split).concat();
        assert_eq!(joined, text);
        assert!(split.iter().all(|s| s.width <= 3.0));
    }

    #[test]
    fn hanging_mark_is_left_out_of_the_first_line() {
        let segs = measure("«\u{A0}Oui, bien sûr", Language::French);
        let full = line_width(&segs, 0..segs.len(), 0.0);
        assert!((line_width(&segs, 0..segs.len(), 0.5) - (full - 0.5)).abs() < 1e-4);
        assert_eq!(greedy(&segs, full - 0.4, 0.5).unwrap().len(), 1);
        assert_eq!(greedy(&segs, full - 0.6, 0.5).unwrap().len(), 2);
    }
}
