//! Markup of a card's text: emphasis spans (`**markup**` read out of the text and highlight words
//! found in it, both as byte ranges of the plain text) and the line breaks the writer forced.

use crate::boundary::SafeSlice;
use std::ops::Range;

/// The text without its paired `**` markers, and the byte ranges they enclosed. An unpaired
/// `**` stays as typed.
pub fn parse_markup(text: &str) -> (String, Vec<Range<usize>>) {
    let pairs = text.matches("**").count() / 2;
    if pairs == 0 {
        return (text.to_owned(), Vec::new());
    }
    let mut plain = String::with_capacity(text.len());
    let mut spans = Vec::new();
    let mut rest = text;
    let mut start = 0;
    for n in 0..pairs * 2 {
        let at = rest.find("**").expect("counted above");
        plain.push_str(rest.slice(..at));
        if n % 2 == 0 {
            start = plain.len();
        } else if plain.len() > start {
            spans.push(start..plain.len());
        }
        rest = rest.slice(at + 2..);
    }
    plain.push_str(rest);
    (plain, spans)
}

/// The line breaks a writer asked for: a newline, or `\n` typed as two characters (as a command
/// line or a spreadsheet cell carries it). The spaces around a break go with it; other runs of
/// white space are left to typography.
pub fn forced_breaks(text: &str) -> String {
    let text = text.replace("\\n", "\n").replace("\r\n", "\n");
    if !text.contains('\n') {
        return text;
    }
    text.split('\n')
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A quotes file's text with `|` as a line break and `\|` as a literal bar.
pub fn bars_to_breaks(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                out.push('|');
                chars.next();
            }
            '|' => out.push('\n'),
            c => out.push(c),
        }
    }
    out
}

/// A character as compared when finding highlights: lower case, one apostrophe, one space.
fn fold(c: char) -> char {
    match c {
        '’' | '‘' | 'ʼ' | '`' => '\'',
        '\u{00A0}' | '\u{202F}' | '\u{2009}' | '\n' => ' ',
        c => c.to_lowercase().next().unwrap_or(c),
    }
}

/// Every whole-word occurrence in `text` of each of `words` (ignoring case and the style of
/// apostrophes), and the words that do not occur.
pub fn find_highlights(text: &str, words: &[String]) -> (Vec<Range<usize>>, Vec<String>) {
    // The folded text keeps one character per original character, so offsets map back through
    // a table of (folded offset, original offset) pairs.
    let mut folded = String::with_capacity(text.len());
    let mut offsets: Vec<(usize, usize)> = Vec::with_capacity(text.len());
    for (at, c) in text.char_indices() {
        offsets.push((folded.len(), at));
        folded.push(fold(c));
    }
    offsets.push((folded.len(), text.len()));
    let original = |folded_at: usize| {
        offsets
            .binary_search_by_key(&folded_at, |&(f, _)| f)
            .map(|i| offsets[i].1)
            .ok()
    };
    let is_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    let mut spans = Vec::new();
    let mut missing = Vec::new();
    for word in words {
        let needle: String = word.trim().chars().map(fold).collect();
        if needle.is_empty() {
            continue;
        }
        let mut found = false;
        for (at, matched) in folded.match_indices(&needle) {
            let (Some(start), Some(end)) = (original(at), original(at + matched.len())) else {
                continue;
            };
            // A word's edge must not fall inside a longer word: `mieux` is not in `mieuxvaut`.
            let starts_word =
                !is_word(needle.chars().next()) || !is_word(text.slice(..start).chars().next_back());
            let ends_word =
                !is_word(needle.chars().next_back()) || !is_word(text.slice(end..).chars().next());
            if starts_word && ends_word {
                spans.push(start..end);
                found = true;
            }
        }
        if !found {
            missing.push(word.clone());
        }
    }
    (spans, missing)
}

/// `spans` made valid for `text`: inside it, on character boundaries, non-empty, sorted, with
/// overlapping or touching spans joined.
pub fn normalise(text: &str, spans: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut valid: Vec<Range<usize>> = spans
        .iter()
        .filter(|r| {
            r.start < r.end
                && r.end <= text.len()
                && text.is_char_boundary(r.start)
                && text.is_char_boundary(r.end)
        })
        .cloned()
        .collect();
    valid.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(valid.len());
    for r in valid {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

#[cfg(test)]
// Lists of one byte range are what these tests mean, not a range to collect.
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;

    #[test]
    fn forced_breaks_from_newlines_and_typed_backslash_n() {
        assert_eq!(
            forced_breaks("On ne communique plus, \\n on converse."),
            "On ne communique plus,\non converse."
        );
        assert_eq!(forced_breaks("Un\r\n\ndeux"), "Un\ndeux");
        assert_eq!(forced_breaks("Sans coupure"), "Sans coupure");
    }

    #[test]
    fn bars_break_lines_unless_escaped() {
        assert_eq!(
            bars_to_breaks("On ne communique plus, | on converse."),
            "On ne communique plus, \n on converse."
        );
        assert_eq!(bars_to_breaks("Oui \\| non"), "Oui | non");
    }

    #[test]
    fn markup_becomes_spans_of_the_plain_text() {
        assert_eq!(
            parse_markup("Il faut **oser** et **tenir**."),
            ("Il faut oser et tenir.".into(), vec![8..12, 16..21])
        );
        assert_eq!(parse_markup("a ** b"), ("a ** b".into(), vec![]));
        assert_eq!(parse_markup("**é** ** x"), ("é ** x".into(), vec![0..2]));
        assert_eq!(parse_markup("****"), (String::new(), vec![]));
    }

    #[test]
    fn highlights_match_whole_words_ignoring_case_and_apostrophes() {
        let text = "Jamais on n’a mieux fait ; MIEUX vaut tard, dit-il, mieuxvaut rien.";
        let (spans, missing) = find_highlights(
            text,
            &["mieux".into(), "n'a".into(), "jamais on".into(), "absent".into()],
        );
        let found: Vec<&str> = normalise(text, &spans).iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(found, ["Jamais on", "n’a", "mieux", "MIEUX"]);
        assert_eq!(missing, ["absent"]);
    }

    #[test]
    fn spans_are_clamped_sorted_and_joined() {
        let text = "économie";
        assert_eq!(normalise(text, &[4..6, 0..2, 1..3, 5..99]), vec![0..2, 4..6]);
        assert_eq!(normalise("abcdef", &[3..5, 0..2, 1..3]), vec![0..5]);
    }
}
