//! Candidate passages: windows of one to three consecutive sentences of one segment (an answer
//! paragraph, or a paragraph of prose) that fit the card's length window, each scored. A window
//! never crosses a paragraph, so never a turn.

use super::cuts::{self, Cut};
use super::features::{Context, Passage};
use super::score::{self, Scored};
use super::sentences;
use super::SelectOptions;
use crate::boundary::SafeSlice;
use crate::transcript::Language;

/// A run of text that candidates may come from, with what the scorer needs to know about it.
#[derive(Debug, Clone, Default)]
pub struct Segment<'a> {
    pub text: &'a str,
    /// Byte ranges of direct speech in `text`; `None` when all of it is speech (an answer).
    pub speech: Option<Vec<(usize, usize)>>,
    pub context: Context<'a>,
    /// The segment is the first paragraph of an answer.
    pub opens_answer: bool,
    /// The segment is the last paragraph of an answer of more than one sentence.
    pub closes_answer: bool,
}

/// A scored window of a segment.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Byte range of the verbatim passage in the segment's text.
    pub start: usize,
    pub end: usize,
    /// Indexes of the first and last sentence of the window in the segment.
    pub sentences: (usize, usize),
    /// What the card says: the verbatim passage, or the passage with its cuts.
    pub text: String,
    pub cuts: Vec<Cut>,
    pub scored: Scored,
}

/// Quote marks that may open or close a passage.
const OPENING: &[char] = &['«', '“', '"', '‘', '„'];
const CLOSING: &[char] = &['»', '”', '"', '’'];

/// Trims quote marks left unpaired at either end of a window, e.g. the `“` of an answer wrapped
/// in quote marks when the window holds only its first sentence. Returns the trimmed byte range.
fn balance_marks(text: &str, mut start: usize, mut end: usize) -> (usize, usize) {
    let count = |s: &str, set: &[char]| s.chars().filter(|c| set.contains(c)).count();
    let slice = text.slice(start..end);
    let straight = slice.matches('"').count();
    let opens = count(slice, OPENING) - straight;
    let closes = count(slice, CLOSING) - straight;
    let first = slice.chars().next();
    let leading_unpaired = first.is_some_and(|c| {
        (c == '"' && straight % 2 == 1) || (OPENING.contains(&c) && c != '"' && opens > closes)
    });
    if leading_unpaired {
        start += first.map_or(0, char::len_utf8);
        start += text.slice(start..end).len() - text.slice(start..end).trim_start().len();
    }
    let slice = text.slice(start..end);
    let straight = slice.matches('"').count();
    let opens = count(slice, OPENING) - straight;
    let closes = count(slice, CLOSING) - straight;
    let last = slice.chars().next_back();
    let trailing_unpaired = last.is_some_and(|c| {
        (c == '"' && straight % 2 == 1) || (CLOSING.contains(&c) && c != '"' && c != '’' && closes > opens)
    });
    if trailing_unpaired {
        end -= last.map_or(0, char::len_utf8);
        end -= text.slice(start..end).len() - text.slice(start..end).trim_end().len();
    }
    (start, end)
}

/// Skips a list marker (`- `, `* `, `• `, `– `) at the start of a window: an answer written as a
/// bulleted list keeps its markers in the paragraph, but a card shows the item's words alone.
fn skip_list_marker(text: &str, start: usize, end: usize) -> usize {
    let slice = text.slice(start..end);
    for marker in ["- ", "* ", "• ", "– ", "— "] {
        if let Some(rest) = slice.strip_prefix(marker) {
            return end - rest.trim_start().len();
        }
    }
    start
}

/// The speech ranges of `speech` that fall inside `start..end`, relative to `start`.
fn speech_within(speech: &[(usize, usize)], start: usize, end: usize) -> Vec<(usize, usize)> {
    speech
        .iter()
        .filter(|&&(s, e)| s < end && e > start)
        .map(|&(s, e)| (s.max(start) - start, e.min(end) - start))
        .collect()
}

/// Every window of one to `max_sentences` sentences of `segment` within the length window.
pub fn windows(segment: &Segment, language: Language, options: &SelectOptions) -> Vec<Candidate> {
    let sentences = sentences::split(segment.text);
    let mut out = Vec::new();
    for i in 0..sentences.len() {
        for j in i..sentences.len().min(i + options.max_sentences.max(1)) {
            let first = skip_list_marker(segment.text, sentences[i].0, sentences[j].1);
            let (start, end) = balance_marks(segment.text, first, sentences[j].1);
            if start >= end {
                continue;
            }
            let verbatim = segment.text.slice(start..end);
            let chars = verbatim.chars().count();
            if chars > options.max_chars {
                break;
            }
            if chars < options.min_chars {
                continue;
            }
            let speech = segment.speech.as_ref().map(|s| speech_within(s, start, end));
            // Cuts are for answers; prose keeps its speech ranges, which index the verbatim text.
            let edited = (options.cuts && speech.is_none())
                .then(|| cuts::edit(verbatim, language))
                .flatten();
            let (text, cuts) = match edited {
                Some(e) => (e.text, e.cuts),
                None => (verbatim.to_owned(), Vec::new()),
            };
            let passage = Passage {
                text: &text,
                speech: speech.as_deref(),
                cut: !cuts.is_empty(),
                sentences: j - i + 1,
                opens_answer: segment.opens_answer && i == 0,
                closes_answer: segment.closes_answer && j + 1 == sentences.len(),
            };
            let scored = score::score(passage, language, segment.context, &options.weights);
            out.push(Candidate {
                start,
                end,
                sentences: (i, j),
                text,
                cuts,
                scored,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> SelectOptions {
        SelectOptions::default()
    }

    fn segment(text: &str) -> Segment<'_> {
        Segment {
            text,
            ..Segment::default()
        }
    }

    #[test]
    fn windows_span_one_to_three_sentences_within_the_length_window() {
        let text = "Short one. This second sentence is long enough to stand on a card by itself. \
                    A third sentence follows it here. And a fourth one closes the answer today.";
        let found = windows(&segment(text), Language::English, &options());
        assert!(found.iter().all(|c| (30..=300).contains(&c.text.chars().count())));
        assert!(found.iter().any(|c| c.sentences == (1, 1)));
        assert!(found.iter().any(|c| c.sentences == (1, 3)));
        assert!(!found.iter().any(|c| c.sentences == (0, 0)), "too short");
        assert!(found.iter().all(|c| c.sentences.1 - c.sentences.0 < 3));
    }

    #[test]
    fn length_window_is_configurable() {
        let text = "This second sentence is long enough to stand on a card by itself.";
        let narrow = SelectOptions {
            max_chars: 40,
            ..options()
        };
        assert!(windows(&segment(text), Language::English, &narrow).is_empty());
    }

    #[test]
    fn unpaired_quote_marks_are_trimmed() {
        let text = "“We tried everything we could think of, and then some more on top of it. \
                    Nothing worked until we asked the users themselves what they needed.”";
        let found = windows(&segment(text), Language::English, &options());
        let first = found.iter().find(|c| c.sentences == (0, 0)).unwrap();
        assert_eq!(
            first.text,
            "We tried everything we could think of, and then some more on top of it."
        );
        let both = found.iter().find(|c| c.sentences == (0, 1)).unwrap();
        assert!(both.text.starts_with('“') && both.text.ends_with('”'));
        let second = found.iter().find(|c| c.sentences == (1, 1)).unwrap();
        assert_eq!(
            second.text,
            "Nothing worked until we asked the users themselves what they needed."
        );
    }

    #[test]
    fn list_markers_are_not_quoted() {
        let text = "- Une fois le cadrage effectué, on lance le projet avec toute l’équipe.";
        let found = windows(&segment(text), Language::French, &options());
        assert_eq!(
            found[0].text,
            "Une fois le cadrage effectué, on lance le projet avec toute l’équipe."
        );
        assert_eq!(&text[found[0].start..found[0].end], found[0].text);
    }

    #[test]
    fn cuts_are_applied_when_enabled() {
        let text = "Et l’idée c’est justement d’y impliquer les jeunes, avec des formats adaptés.";
        let found = windows(&segment(text), Language::French, &options());
        assert_eq!(
            found[0].text,
            "[L]’idée c’est justement d’y impliquer les jeunes, avec des formats adaptés."
        );
        assert_eq!(found[0].cuts.len(), 1);
        assert_eq!(&text[found[0].start..found[0].end], text);
        let verbatim = SelectOptions {
            cuts: false,
            ..options()
        };
        let found = windows(&segment(text), Language::French, &verbatim);
        assert_eq!(found[0].text, text);
    }
}
