//! Editorial cuts: dropping a leading connective or a spoken hesitation with the standard marks
//! (`[…]` for a cut, brackets around a changed capital), never rewording.

use super::lexicon;
use super::words::tokenize;
use crate::transcript::Language;
use serde::{Deserialize, Serialize};

/// A part of the verbatim passage an editor left out, and what stands in its place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cut {
    /// Character offsets in the verbatim passage: the left-out part is `start..end`.
    pub start: usize,
    /// End of the left-out range.
    pub end: usize,
    /// `[…]` for an omission; `[L]` when the cut leaves a capital to supply; empty otherwise.
    pub replacement: String,
}

/// A passage with its cuts applied.
#[derive(Debug, Clone, PartialEq)]
pub struct Edited {
    /// The text with its cuts applied.
    pub text: String,
    /// The cuts, as ranges of the verbatim passage.
    pub cuts: Vec<Cut>,
}

/// Openers that are conjunctions wherever they stand; other openers (`so`, `après`, `well`) are
/// only cut when a comma shows they are discourse markers, not part of the sentence.
const CONJUNCTIONS: &[&str] = &[
    "et", "mais", "donc", "du coup", "en fait", "et puis", "et donc", "and", "but", "and so", "and then",
];

/// Hesitations that are fillers wherever they occur; the others need a comma beside them.
const ALWAYS_FILLER: &[&str] = &["euh", "heu", "um", "uh", "erm", "er", "hmm"];

/// The cuts an editor would make to `verbatim`, or `None` if it needs none.
pub fn edit(verbatim: &str, language: Language) -> Option<Edited> {
    let lexicon = lexicon::of(language);
    let tokens = tokenize(verbatim, language);
    let words: Vec<&str> = tokens.iter().map(|t| t.lower.as_str()).collect();
    // Byte ranges to remove, each with its replacement.
    let mut removals: Vec<(usize, usize, String)> = Vec::new();
    let phrase_len = |entry: &str, at: usize| -> Option<usize> {
        let phrase: Vec<String> = tokenize(entry, language).into_iter().map(|t| t.lower).collect();
        (at + phrase.len() <= words.len() && words[at..at + phrase.len()] == phrase[..])
            .then_some(phrase.len())
    };

    // A leading connective or hesitation, with the comma after it.
    let opener = lexicon
        .cuttable_openers
        .iter()
        .chain(&lexicon.hesitations)
        .filter_map(|entry| phrase_len(entry, 0).map(|n| (n, CONJUNCTIONS.contains(entry))))
        .max();
    let mut first_kept = 0;
    if let Some((n, conjunction)) = opener {
        let gap = text_between(verbatim, &tokens, n);
        let marked = gap.contains(',') || (conjunction && gap.trim().is_empty());
        // Keep at least a short sentence after the cut.
        if words.len() >= n + 4 && marked && gap.chars().all(|c| ", ".contains(c)) {
            let rest = &tokens[n];
            let letter = verbatim[rest.start..].chars().next().unwrap_or(' ');
            if letter.is_lowercase() {
                let upper: String = letter.to_uppercase().collect();
                removals.push((0, rest.start + letter.len_utf8(), format!("[{upper}]")));
            } else {
                removals.push((0, rest.start, String::new()));
            }
            first_kept = n;
        }
    }

    // Hesitations inside the passage become `[…]`; one right after a cut opener stays, since
    // its cut would overlap the opener's.
    let mut i = if first_kept > 0 { first_kept + 1 } else { 1 };
    while i < tokens.len() {
        let Some(n) = lexicon.hesitations.iter().filter_map(|e| phrase_len(e, i)).max() else {
            i += 1;
            continue;
        };
        let before = &verbatim[tokens[i - 1].end..tokens[i].start];
        let after_end = tokens.get(i + n).map_or(verbatim.len(), |t| t.start);
        let after = &verbatim[tokens[i + n - 1].end..after_end];
        let always = n == 1 && ALWAYS_FILLER.contains(&words[i]);
        if (always || before.contains(',') || after.contains(',')) && i + n < tokens.len() {
            let end = tokens[i + n].start;
            removals.push((tokens[i - 1].end, end, " […] ".to_owned()));
        }
        i += n;
    }
    if removals.is_empty() {
        return None;
    }

    let mut text = String::new();
    let mut cuts = Vec::new();
    let mut at = 0;
    for (start, end, replacement) in removals {
        // Removals come in text order and never overlap; one that would is not made.
        if start < at
            || end < start
            || verbatim.get(at..start).is_none()
            || verbatim.get(start..end).is_none()
        {
            continue;
        }
        text.push_str(&verbatim[at..start]);
        text.push_str(&replacement);
        cuts.push(Cut {
            start: verbatim[..start].chars().count(),
            end: verbatim[..end].chars().count(),
            replacement: replacement.trim().to_owned(),
        });
        at = end;
    }
    text.push_str(&verbatim[at..]);
    Some(Edited { text, cuts })
}

/// The text between token `n - 1` and token `n`.
fn text_between<'a>(text: &'a str, tokens: &[super::words::Token], n: usize) -> &'a str {
    match (n.checked_sub(1).and_then(|p| tokens.get(p)), tokens.get(n)) {
        (Some(a), Some(b)) => &text[a.end..b.start],
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edited(text: &str, language: Language) -> Option<String> {
        edit(text, language).map(|e| e.text)
    }

    #[test]
    fn leading_connective_is_dropped_and_the_capital_bracketed() {
        assert_eq!(
            edited(
                "Et l’idée c’est justement d’y impliquer les jeunes.",
                Language::French
            )
            .as_deref(),
            Some("[L]’idée c’est justement d’y impliquer les jeunes.")
        );
        assert_eq!(
            edited(
                "Du coup, on a énormément communiqué sur la transition.",
                Language::French
            )
            .as_deref(),
            Some("[O]n a énormément communiqué sur la transition.")
        );
        assert_eq!(
            edited("So, I think we got it right.", Language::English).as_deref(),
            Some("I think we got it right.")
        );
    }

    #[test]
    fn cuts_record_the_verbatim_offsets() {
        let verbatim = "Mais on a, euh, beaucoup communiqué là-dessus.";
        let e = edit(verbatim, Language::French).unwrap();
        assert_eq!(e.text, "[O]n a […] beaucoup communiqué là-dessus.");
        assert_eq!(
            e.cuts,
            [
                Cut {
                    start: 0,
                    end: 6,
                    replacement: "[O]".into()
                },
                Cut {
                    start: 9,
                    end: 16,
                    replacement: "[…]".into()
                }
            ]
        );
        let chars: Vec<char> = verbatim.chars().collect();
        assert_eq!(chars[9..16].iter().collect::<String>(), ", euh, ");
    }

    #[test]
    fn ambiguous_fillers_need_commas() {
        assert_eq!(
            edited(
                "It was, you know, the hardest part of the job.",
                Language::English
            )
            .as_deref(),
            Some("It was […] the hardest part of the job.")
        );
        assert_eq!(
            edited("I think you know the answer to that one.", Language::English),
            None
        );
    }

    #[test]
    fn a_hesitation_right_after_a_cut_opener_does_not_overlap_it() {
        let text = "But, I mean, the short answer on your question is it depends on your baseline.";
        let e = edit(text, Language::English).unwrap();
        assert_eq!(
            e.text,
            "I mean, the short answer on your question is it depends on your baseline."
        );
        for text in [
            "And, um, well, you know, it was the best year.",
            "So, uh, um, we did it again and again.",
        ] {
            let _ = edit(text, Language::English);
        }
    }

    #[test]
    fn nothing_to_cut_and_too_short_to_cut() {
        assert_eq!(edited("We built it and they came.", Language::English), None);
        assert_eq!(edited("And then what.", Language::English), None);
        assert_eq!(edited("So many people came to see it.", Language::English), None);
        assert_eq!(
            edited("Après la guerre, on a communiqué.", Language::French),
            None
        );
        assert_eq!(
            edited("Parce que c’est notre métier de le faire.", Language::French),
            None
        );
    }
}
