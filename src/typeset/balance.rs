//! Choosing where lines break: for a given number of lines, the breaks that make the lines most
//! even, avoid a last line of one word, and avoid ending a line on an article or inside a word,
//! found by dynamic programming over all break opportunities; and the rag of the result, which
//! the choice among sizes weighs.

use super::linebreak::{line_lead, line_width, Segment};
use std::ops::Range;

/// Extra cost of a last line holding a single word when the text has more than one.
const SINGLE_WORD_LAST_LINE: f32 = 5.0;
/// A last line somewhat shorter than the others reads naturally; its shortfall counts less.
const SHORT_LAST_LINE_WEIGHT: f32 = 0.5;

/// A break penalty from which a line ending counts as weak (a URL's own break points do not).
const WEAK_END: f32 = 0.25;

/// A line narrower than this share of the box is a hole in the block, unless it ends it.
const SHORT_LINE_SHARE: f32 = 0.4;
/// Rag cost of each line but the last narrower than [`SHORT_LINE_SHARE`] of the box.
const SHORT_LINE: f32 = 0.6;
/// A quote of at most this many words is short: one or two words on a line of it stand out.
pub const SHORT_TEXT_WORDS: usize = 12;
/// Rag cost of each line but the last holding one or two words, in a short text.
const TINY_LINE: f32 = 0.4;
/// Rag cost when every line break falls inside a phrase although the text has phrase breaks
/// (a comma, a full stop) the lines could end on; a share of it when some do.
const MID_PHRASE: f32 = 0.8;
/// Rag cost of uneven lines (the last line excepted), per unit of mean squared shortfall from
/// the longest line.
const UNEVEN: f32 = 0.5;

/// Lines chosen for a text, with what they cost.
#[derive(Debug, Clone, PartialEq)]
pub struct Breaking {
    pub lines: Vec<Range<usize>>,
    pub cost: f32,
    /// The last line is one word although the text has several: avoid this size if another fits.
    pub single_word_last: bool,
    /// Lines ending where breaking costs extra (after an article, inside a word).
    pub weak_ends: usize,
    /// How ragged the block looks (short lines, lines of one or two words in a short text, breaks
    /// inside phrases, uneven lines); comparable between sizes and numbers of lines.
    pub rag: f32,
}

/// Number of words that start in `segments[range]`.
fn words(segments: &[Segment], range: Range<usize>) -> usize {
    segments[range].iter().filter(|s| s.starts_word).count()
}

/// The best way to set `segments` in exactly `count` lines no wider than `max` (em), the first
/// line leaving out `hang`. `None` if no such breaking exists.
pub fn balanced(segments: &[Segment], max: f32, hang: f32, count: usize) -> Option<Breaking> {
    let n = segments.len();
    if n == 0 || count == 0 {
        return (n == 0).then(|| Breaking {
            lines: Vec::new(),
            cost: 0.0,
            single_word_last: false,
            weak_ends: 0,
            rag: 0.0,
        });
    }
    let total_words = words(segments, 0..n);
    let total = line_width(segments, 0..n, hang);
    // What each line would measure if all were even; guarded so costs stay finite.
    let target = if total > 0.0 { total / count as f32 } else { 1.0 };
    // The first forced break at or after each segment: a line may end at one, never pass it.
    let mut next_forced = vec![n; n + 1];
    for i in (0..n).rev() {
        next_forced[i] = if segments[i].forced_break {
            i
        } else {
            next_forced[i + 1]
        };
    }

    let mut prefix = Vec::with_capacity(n + 1);
    prefix.push(0.0f32);
    for segment in segments {
        prefix.push(prefix.last().copied().unwrap_or(0.0) + segment.width);
    }
    let width_of = |range: &Range<usize>| -> f32 {
        let last = &segments[range.end - 1];
        prefix[range.end] - prefix[range.start] - last.trailing
            + last.tail
            + line_lead(segments, range.start, hang)
    };
    let line_cost = |range: Range<usize>, last: bool| -> f32 {
        let width = width_of(&range);
        let shortfall = (target - width) / target;
        let mut cost = shortfall * shortfall;
        if last {
            if width < target {
                cost *= SHORT_LAST_LINE_WEIGHT;
            }
            if count > 1 && total_words > 1 && words(segments, range) <= 1 {
                cost += SINGLE_WORD_LAST_LINE;
            }
        } else {
            cost += segments[range.end - 1].penalty;
        }
        cost
    };

    // best[k][j]: cheapest way to set segments[..j] in k lines, and where its last line starts.
    let mut best = vec![vec![(f32::INFINITY, 0usize); n + 1]; count + 1];
    best[0][0] = (0.0, 0);
    for k in 1..=count {
        for j in 1..=n {
            let last = j == n;
            if !last && k == count {
                continue;
            }
            for i in (0..j).rev() {
                if next_forced[i] < j - 1 || width_of(&(i..j)) > max + 1e-4 {
                    break;
                }
                let before = best[k - 1][i].0;
                if before.is_infinite() {
                    continue;
                }
                let cost = before + line_cost(i..j, last);
                if cost < best[k][j].0 {
                    best[k][j] = (cost, i);
                }
            }
        }
    }
    let (cost, _) = best[count][n];
    if cost.is_infinite() {
        return None;
    }
    let mut lines = Vec::with_capacity(count);
    let mut end = n;
    for k in (1..=count).rev() {
        let start = best[k][end].1;
        lines.push(start..end);
        end = start;
    }
    lines.reverse();
    let last = lines.last().cloned().unwrap_or(0..0);
    let weak_ends = lines[..lines.len().saturating_sub(1)]
        .iter()
        .filter(|line| segments[line.end - 1].penalty >= WEAK_END)
        .count();
    Some(Breaking {
        weak_ends,
        single_word_last: count > 1 && total_words > 1 && words(segments, last) <= 1,
        rag: rag(segments, &lines, max, hang),
        lines,
        cost,
    })
}

/// Whether a line ending after `segment` ends a phrase: a forced break, or a break after a comma
/// or a full stop (which the break penalty rewards).
fn ends_phrase(segment: &Segment) -> bool {
    segment.forced_break || segment.penalty < 0.0
}

/// The rag of `lines` set `max` em wide: what a designer would change about the block's shape.
pub fn rag(segments: &[Segment], lines: &[Range<usize>], max: f32, hang: f32) -> f32 {
    let Some((_, inner)) = lines.split_last() else {
        return 0.0;
    };
    if inner.is_empty() || max <= 0.0 {
        return 0.0;
    }
    let short_text = words(segments, 0..segments.len()) <= SHORT_TEXT_WORDS;
    let widths: Vec<f32> = lines
        .iter()
        .map(|line| line_width(segments, line.clone(), hang))
        .collect();
    let longest = widths.iter().copied().fold(f32::EPSILON, f32::max);
    let mut cost = 0.0;
    for (line, width) in inner.iter().zip(&widths) {
        if *width < SHORT_LINE_SHARE * max {
            cost += SHORT_LINE;
        }
        if short_text && words(segments, line.clone()) <= 2 {
            cost += TINY_LINE;
        }
        let shortfall = 1.0 - width / longest;
        cost += UNEVEN * shortfall * shortfall / inner.len() as f32;
    }
    let phrase_breaks = segments[..segments.len() - 1]
        .iter()
        .filter(|s| ends_phrase(s))
        .count();
    if phrase_breaks > 0 {
        let inside = inner
            .iter()
            .filter(|line| !ends_phrase(&segments[line.end - 1]))
            .count();
        // Only breaks the text could have put at a phrase end count: a block of more lines
        // than it has phrases must break some inside them.
        let avoidable = inside.saturating_sub(inner.len().saturating_sub(phrase_breaks));
        cost += MID_PHRASE * avoidable as f32 / inner.len().min(phrase_breaks) as f32;
    }
    cost
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transcript::Language;
    use crate::typeset::linebreak::{greedy, segments};
    use crate::typeset::{shape::shape, FontBook};

    fn measure(text: &str, language: Language) -> Vec<Segment> {
        let fonts = FontBook::embedded();
        let face = fonts.find("Inter", 400, false).unwrap();
        segments(text, &shape(text, face, fonts, language).unwrap(), language)
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

    fn spread(segs: &[Segment], ranges: &[Range<usize>]) -> f32 {
        let widths: Vec<f32> = ranges.iter().map(|r| line_width(segs, r.clone(), 0.0)).collect();
        widths.iter().cloned().fold(0.0, f32::max) - widths.iter().cloned().fold(f32::MAX, f32::min)
    }

    #[test]
    fn balanced_lines_are_more_even_than_greedy() {
        let text = "Les réseaux sociaux peuvent contribuer à cette attractivité mais ça serait donner trop d’importance à notre travail.";
        let segs = measure(text, Language::French);
        let greedy_lines = greedy(&segs, 12.0, 0.0).unwrap();
        let breaking = balanced(&segs, 12.0, 0.0, greedy_lines.len()).unwrap();
        assert_eq!(greedy_lines.len(), breaking.lines.len());
        assert!(spread(&segs, &breaking.lines) < spread(&segs, &greedy_lines));
        assert!(!breaking.single_word_last);
        for line in lines(text, &segs, &breaking.lines) {
            assert!(line.contains(' '), "single-word line {line:?}");
        }
    }

    #[test]
    fn a_lone_last_word_is_avoided() {
        // Greedy at this width leaves "loin." alone on the last line.
        let text = "Nous irons plus loin ensemble, et toujours plus loin.";
        let segs = measure(text, Language::French);
        let full = line_width(&segs, 0..segs.len(), 0.0);
        let last_word = line_width(&segs, segs.len() - 1..segs.len(), 0.0);
        let max = full - last_word * 0.5;
        let greedy_lines = greedy(&segs, max, 0.0).unwrap();
        assert_eq!(lines(text, &segs, &greedy_lines).last().unwrap(), "loin.");
        let breaking = balanced(&segs, max, 0.0, 2).unwrap();
        assert!(!breaking.single_word_last);
        assert!(lines(text, &segs, &breaking.lines).last().unwrap().contains(' '));
    }

    #[test]
    fn lines_do_not_end_on_an_article_when_avoidable() {
        let text = "Il faut parler de la région et de ses habitants avec le cœur et la tête";
        let segs = measure(text, Language::French);
        let weak_endings = |ranges: &[Range<usize>]| {
            let all = lines(text, &segs, ranges);
            all[..all.len() - 1]
                .iter()
                .filter(|line| ["de", "la", "le", "ses", "avec"].contains(&line.rsplit(' ').next().unwrap()))
                .count()
        };
        let mut total = (0, 0);
        for max in [8.0, 10.0, 12.0, 15.0] {
            let greedy_lines = greedy(&segs, max, 0.0).unwrap();
            let breaking = balanced(&segs, max, 0.0, greedy_lines.len()).unwrap();
            assert!(
                weak_endings(&breaking.lines) <= weak_endings(&greedy_lines),
                "{max}"
            );
            total.0 += weak_endings(&breaking.lines);
            total.1 += weak_endings(&greedy_lines);
            if max == 8.0 {
                assert_eq!(
                    weak_endings(&breaking.lines),
                    0,
                    "{:?}",
                    lines(text, &segs, &breaking.lines)
                );
            }
        }
        assert!(total.0 * 2 <= total.1, "{total:?}");
    }

    #[test]
    fn forced_breaks_are_kept() {
        let text = "Première ligne\nseconde ligne un peu plus longue";
        let segs = measure(text, Language::French);
        let breaking = balanced(&segs, 30.0, 0.0, 2).unwrap();
        assert_eq!(
            lines(text, &segs, &breaking.lines),
            ["Première ligne", "seconde ligne un peu plus longue"]
        );
        assert!(balanced(&segs, 30.0, 0.0, 1).is_none());
    }
}
