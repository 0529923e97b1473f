//! Ranking plain prose (articles, case studies, blog posts): every sentence gets a score, so a
//! text without speaker turns can be searched for pull quotes and the scorer can be measured
//! against editors' choices. In prose, only direct speech (words in quote marks) counts as speech.

use super::candidates::{self, Segment};
use super::features::Context;
use super::score::Scored;
use super::words::WordStats;
use super::{sentences, SelectOptions};
use crate::transcript::Language;

/// One sentence of prose with its score.
#[derive(Debug, Clone, PartialEq)]
pub struct SentenceScore {
    /// Byte range in the text.
    pub start: usize,
    pub end: usize,
    /// The best-scoring passage that holds the sentence; `None` when no passage that fits a card
    /// holds it.
    pub scored: Option<Scored>,
}

impl SentenceScore {
    /// Log-odds of being a pull quote as selection ranks it (held-back passages after the rest),
    /// lowest when the sentence fits no card.
    pub fn logit(&self) -> f64 {
        self.scored.as_ref().map_or(f64::NEG_INFINITY, Scored::rank)
    }
}

/// Byte ranges of direct speech in one paragraph, reading quote marks left to right: a straight
/// `"` toggles, `“` and `«` open, `”` and `»` close. A quotation still open at the end of the
/// paragraph runs to its end, as news style leaves a quote open across paragraphs.
pub fn speech_ranges(paragraph: &str) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in paragraph.char_indices() {
        let after = i + c.len_utf8();
        match (c, open) {
            ('"', None) | ('“' | '«', None) => open = Some(after),
            ('"' | '”' | '»', Some(start)) => {
                ranges.push((start, i));
                open = None;
            }
            _ => {}
        }
    }
    if let Some(start) = open {
        ranges.push((start, paragraph.len()));
    }
    ranges.retain(|(s, e)| e > s);
    ranges
}

/// The non-empty lines of `text` with their byte offsets.
fn paragraphs(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split('\n') {
        let trimmed = line.trim_end_matches('\r');
        if !trimmed.trim().is_empty() {
            out.push((offset, trimmed));
        }
        offset += line.len() + 1;
    }
    out
}

/// Scores every sentence of `text` (paragraphs are lines; blank lines are skipped): each takes
/// the score of the best candidate passage of up to `options.max_sentences` sentences that holds
/// it, as quote selection sees it. Sentences in no passage that fits a card get no score.
pub fn score_sentences(text: &str, language: Language, options: &SelectOptions) -> Vec<SentenceScore> {
    let paragraphs = paragraphs(text);
    let stats = WordStats::new(paragraphs.iter().map(|(_, p)| *p), language);
    let context = Context {
        stats: Some(&stats),
        ..Context::default()
    };
    let window_options = SelectOptions {
        cuts: false,
        ..options.clone()
    };
    let mut out = Vec::new();
    for (offset, paragraph) in paragraphs {
        let segment = Segment {
            text: paragraph,
            speech: Some(speech_ranges(paragraph)),
            context,
            ..Segment::default()
        };
        let mut scores: Vec<SentenceScore> = sentences::split(paragraph)
            .into_iter()
            .map(|(s, e)| SentenceScore {
                start: offset + s,
                end: offset + e,
                scored: None,
            })
            .collect();
        for candidate in candidates::windows(&segment, language, &window_options) {
            for sentence in &mut scores[candidate.sentences.0..=candidate.sentences.1] {
                if sentence
                    .scored
                    .as_ref()
                    .is_none_or(|s| candidate.scored.rank() > s.rank())
                {
                    sentence.scored = Some(candidate.scored.clone());
                }
            }
        }
        out.extend(scores);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::boundary::SafeSlice;

    #[test]
    fn speech_is_what_stands_in_quote_marks() {
        let p = "\"We were engineers before,\" adds Eichten. \"We know what they need.";
        let ranges = speech_ranges(p);
        let spoken: Vec<&str> = ranges.iter().map(|&(s, e)| p.slice(s..e)).collect();
        assert_eq!(spoken, ["We were engineers before,", "We know what they need."]);
        let p = "Il a dit « on verra » puis « jamais ».";
        let spoken: Vec<&str> = speech_ranges(p).iter().map(|&(s, e)| p.slice(s..e)).collect();
        assert_eq!(spoken, [" on verra ", " jamais "]);
        assert!(speech_ranges("No speech here.").is_empty());
    }

    #[test]
    fn every_sentence_is_scored_and_speech_ranks_above_narration() {
        let text = "Challenge\n\nThe company moved its services to containers in 2017, the report says.\n\n\
                    \"We never anticipated that people would come and just love it,\" says Eichten.";
        let scores = score_sentences(text, Language::English, &SelectOptions::default());
        assert_eq!(scores.len(), 3);
        assert_eq!(&text[scores[0].start..scores[0].end], "Challenge");
        assert_eq!(scores[0].scored, None, "a heading fits no card");
        assert_eq!(scores[0].logit(), f64::NEG_INFINITY);
        let narration = scores[1].logit();
        let speech = scores[2].logit();
        assert!(speech > narration, "{speech} {narration}");
        let reasons = &scores[2].scored.as_ref().unwrap().reasons;
        assert!(reasons.iter().any(|r| r.contains("direct speech")), "{reasons:?}");
    }
}
