//! Editorial cuts: dropping a leading connective or a spoken hesitation with the standard marks
//! (`[…]` for a cut, brackets around a changed capital), never rewording.

use super::lexicon;
use super::words::tokenize;
use crate::boundary::SafeSlice;
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
    "et",
    "mais",
    "donc",
    "du coup",
    "en fait",
    "et puis",
    "et donc",
    "par contre",
    "en revanche",
    "pourtant",
    "and",
    "but",
    "and so",
    "and then",
];

/// Hesitations that are fillers wherever they occur; the others need a comma beside them.
const ALWAYS_FILLER: &[&str] = &["euh", "heu", "um", "uh", "erm", "er", "hmm"];

/// Words after which a leading clause is not done: what follows its comma depends on it.
const DEPENDENT: &[&str] = &[
    "que", "qu’", "qui", "où", "dont", "parce", "car", "puisque", "lorsque", "that", "which", "who",
    "because", "since", "whereas", "if", "si", "whether",
];

/// Last words of a leading-clause opening that ask for the rest of the clause (`c’est là où je
/// vais…,`, `going back to your point,`); other openings only take a word or three more (`as I
/// said earlier,`), and single adverbs none (`honestly,`).
const OPEN_ENDED: &[&str] = &["où", "que", "qu’", "where", "to", "à", "au", "aux"];

/// Words an enumeration that trails off may end on instead of `…`.
const ENUMERATION_ENDS: &[&[&str]] = &[
    &["etc"],
    &["and", "so", "on"],
    &["and", "so", "forth"],
    &["et", "cetera"],
    &["et", "caetera"],
    &["and", "all", "that"],
    &["et", "tout", "ça"],
];

/// Longest item, in words, of an enumeration that trails off.
const ITEM_WORDS: usize = 5;
/// Fewest words a clause must keep for an editor to end a quote on it.
const KEPT_WORDS: usize = 6;

/// The cuts an editor would make to `verbatim`, or `None` if it needs none: a leading
/// connective or hesitation, a leading clause that points back or announces, hesitations inside,
/// and an enumeration the passage trails off on.
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
            first_kept = n;
        }
    }
    // Then a clause that points back or announces, up to its comma, when a complete sentence
    // follows: `As I said,`, « C’est là où je vais avoir un discours un peu étrange, ».
    if let Some(n) = leading_clause(verbatim, &tokens, &words, first_kept, language) {
        first_kept = n;
    }
    if first_kept > 0 {
        let rest = &tokens[first_kept];
        let letter = verbatim.slice(rest.start..).chars().next().unwrap_or(' ');
        if letter.is_lowercase() {
            let upper: String = letter.to_uppercase().collect();
            removals.push((0, rest.start + letter.len_utf8(), format!("[{upper}]")));
        } else {
            removals.push((0, rest.start, String::new()));
        }
    }
    let tail = trailing_enumeration(verbatim, &tokens, &words);

    // Hesitations inside the passage become `[…]`; one right after a cut opener stays, since
    // its cut would overlap the opener's.
    let mut i = if first_kept > 0 { first_kept + 1 } else { 1 };
    while i < tokens.len() {
        let Some(n) = lexicon.hesitations.iter().filter_map(|e| phrase_len(e, i)).max() else {
            i += 1;
            continue;
        };
        let before = verbatim.slice(tokens[i - 1].end..tokens[i].start);
        let after_end = tokens.get(i + n).map_or(verbatim.len(), |t| t.start);
        let after = verbatim.slice(tokens[i + n - 1].end..after_end);
        let always = n == 1 && ALWAYS_FILLER.contains(&words[i]);
        if (always || before.contains(',') || after.contains(',')) && i + n < tokens.len() {
            let end = tokens[i + n].start;
            if tail.is_none_or(|t| end <= t) {
                removals.push((tokens[i - 1].end, end, " […] ".to_owned()));
            }
        }
        i += n;
    }
    if let Some(at) = tail {
        removals.push((at, verbatim.len(), " […]".to_owned()));
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
        text.push_str(verbatim.slice(at..start));
        text.push_str(&replacement);
        cuts.push(Cut {
            start: verbatim.slice(..start).chars().count(),
            end: verbatim.slice(..end).chars().count(),
            replacement: replacement.trim().to_owned(),
        });
        at = end;
    }
    text.push_str(verbatim.slice(at..));
    Some(Edited { text, cuts })
}

/// The index of the first token after a leading clause that points back or announces, starting
/// at token `from`: the clause runs to its comma, and what follows must open a complete sentence
/// of its own (not `que…`, `because…`, nor another connective).
fn leading_clause(
    verbatim: &str,
    tokens: &[super::words::Token],
    words: &[&str],
    from: usize,
    language: Language,
) -> Option<usize> {
    let lexicon = lexicon::of(language);
    let rest = words.get(from..)?;
    let entry = super::words::starts_with(rest, &lexicon.leading_clauses, language)?;
    let phrase = super::words::phrase_words(&entry, language);
    let last = phrase.last()?;
    let extra = if OPEN_ENDED.contains(&last.as_str()) {
        12
    } else if phrase.len() >= 2 {
        3
    } else {
        0
    };
    let phrase_end = from + phrase.len();
    let comma = (phrase_end..=phrase_end + extra)
        .find(|&k| k < tokens.len() && text_between(verbatim, tokens, k).contains(','))?;
    let clause = &words[phrase_end..comma];
    let gaps_plain = (from + 1..comma)
        .all(|k| !text_between(verbatim, tokens, k).contains(['.', '!', '?', ';', ':', '…', ',']));
    if !gaps_plain || clause.iter().any(|w| DEPENDENT.contains(w)) {
        return None;
    }
    // What follows is a sentence of its own: it does not lean on the clause and says enough.
    let following = &words[comma..];
    let sentence_words = (comma..tokens.len())
        .position(|k| k > comma && text_between(verbatim, tokens, k).contains(['.', '!', '?', '…', ';']))
        .unwrap_or(following.len());
    let dependent = DEPENDENT.contains(&following[0])
        || lexicon.leading_connectives.contains(&following[0])
        || lexicon.cuttable_openers.contains(&following[0]);
    (!dependent && sentence_words >= 4).then_some(comma)
}

/// Where an enumeration that the passage trails off on starts (the byte offset of the comma
/// before it), when a clause of its own comes before: « …qu’elle nous propose, sur le logement,
/// sur l’éducation… » ends at « propose ». The items are short and separated by commas; the last
/// ends on `…`, `etc.` or `and so on`.
fn trailing_enumeration(verbatim: &str, tokens: &[super::words::Token], words: &[&str]) -> Option<usize> {
    let trimmed = verbatim.trim_end();
    let last = tokens.last()?;
    let after_last = trimmed.slice(last.end..);
    let mut n = tokens.len();
    if !matches!(after_last, "…" | "..." | "....") {
        // `etc.`, `and so on.`: the words are the ending.
        let end = ENUMERATION_ENDS.iter().find(|e| words.ends_with(e))?;
        if !matches!(after_last, "" | "." | "…" | "...") {
            return None;
        }
        n = n.checked_sub(end.len())?;
    }
    // The last sentence's start, and the commas of its clauses (token indexes after them).
    let start = (1..n)
        .rev()
        .find(|&k| text_between(verbatim, tokens, k).contains(['.', '!', '?', '…']))
        .unwrap_or(0);
    let mut bounds: Vec<usize> = vec![start];
    for k in start + 1..n {
        let gap = text_between(verbatim, tokens, k);
        if gap.contains(['(', ')', ';', ':', '—', '–']) {
            bounds.truncate(1);
            bounds[0] = k;
        } else if gap.contains(',') {
            bounds.push(k);
        }
    }
    // `…, etc.` leaves an empty last item; otherwise the last item runs to `n`.
    if bounds.last() != Some(&n) {
        bounds.push(n);
    }
    // Items from the last back, while they are short; the first segment is the kept clause.
    let mut first_item = bounds.len() - 1;
    while first_item > 1 && bounds[first_item] - bounds[first_item - 1] <= ITEM_WORDS {
        first_item -= 1;
    }
    let items = bounds.len() - 1 - first_item;
    let kept = bounds[first_item] - bounds[0];
    // Two items at least (one alone may be an afterthought, not a list), after a clause that
    // says something on its own.
    if items < 2 || kept < KEPT_WORDS || bounds[0] != start {
        return None;
    }
    Some(tokens[bounds[first_item] - 1].end)
}

/// What each cut left out, as an editor would say it: « cuts “Par contre” at the start ».
pub fn explain(verbatim: &str, cuts: &[Cut]) -> Vec<String> {
    let chars: Vec<char> = verbatim.chars().collect();
    cuts.iter()
        .filter(|c| c.start < c.end && c.end <= chars.len())
        .map(|cut| {
            let left_out: String = chars[cut.start..cut.end].iter().collect();
            let words = left_out.trim_matches(|c: char| c.is_whitespace() || c == ',');
            let mark = if cut.replacement.is_empty() {
                String::new()
            } else {
                format!(", marked {}", cut.replacement)
            };
            if cut.start == 0 {
                // The supplied capital stands for a letter that was kept, not left out.
                let shown: String = if cut.replacement.is_empty() {
                    words.to_owned()
                } else {
                    let mut w: Vec<char> = words.chars().collect();
                    w.pop();
                    w.into_iter()
                        .collect::<String>()
                        .trim_end_matches([',', ' '])
                        .to_owned()
                };
                format!("cuts “{shown}” at the start{mark}")
            } else if cut.end == chars.len() {
                format!(
                    "ends on its last complete clause, cutting the list it trailed off on (“{words}”){mark}"
                )
            } else {
                format!("cuts the hesitation “{words}”{mark}")
            }
        })
        .collect()
}

/// The text between token `n - 1` and token `n`.
fn text_between<'a>(text: &'a str, tokens: &[super::words::Token], n: usize) -> &'a str {
    match (n.checked_sub(1).and_then(|p| tokens.get(p)), tokens.get(n)) {
        (Some(a), Some(b)) => text.slice(a.end..b.start),
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
    fn a_leading_contrast_is_cut_like_a_connective() {
        assert_eq!(
            edited(
                "Par contre sur la transition écologique, on a énormément communiqué.",
                Language::French
            )
            .as_deref(),
            Some("[S]ur la transition écologique, on a énormément communiqué.")
        );
        assert_eq!(
            edited(
                "En revanche, les jeunes ne lisent plus la presse.",
                Language::French
            )
            .as_deref(),
            Some("[L]es jeunes ne lisent plus la presse.")
        );
        assert_eq!(
            edited(
                "However, the best teams talk to their users every week.",
                Language::English
            )
            .as_deref(),
            Some("[T]he best teams talk to their users every week.")
        );
        assert_eq!(
            edited(
                "On the other hand, nobody reads the documentation first.",
                Language::English
            )
            .as_deref(),
            Some("[N]obody reads the documentation first.")
        );
        // `However` without its comma is part of the sentence.
        assert_eq!(
            edited("However hard it gets, you keep going.", Language::English),
            None
        );
    }

    #[test]
    fn a_clause_pointing_back_is_cut_before_a_complete_sentence() {
        let verbatim = "C’est là où je vais avoir un discours un peu étrange, pour moi ça reste de la \
                        communication et ce n’est pas le cœur de votre vie d’étudiant.";
        let e = edit(verbatim, Language::French).unwrap();
        assert_eq!(
            e.text,
            "[P]our moi ça reste de la communication et ce n’est pas le cœur de votre vie d’étudiant."
        );
        assert_eq!(e.cuts[0].start, 0);
        assert_eq!(e.cuts[0].replacement, "[P]");
        assert_eq!(
            edited(
                "As I said earlier, trust is built one release at a time.",
                Language::English
            )
            .as_deref(),
            Some("[T]rust is built one release at a time.")
        );
        assert_eq!(
            edited(
                "And, as I said, trust is built one release at a time.",
                Language::English
            )
            .as_deref(),
            Some("[T]rust is built one release at a time.")
        );
        assert_eq!(
            edited(
                "Comme je disais, on ne peut pas tout faire seul.",
                Language::French
            )
            .as_deref(),
            Some("[O]n ne peut pas tout faire seul.")
        );
        // What follows leans on the clause, or is not a sentence: nothing is cut.
        for (text, language) in [
            (
                "C’est là que, parce que c’est loin, on a renoncé.",
                Language::French,
            ),
            ("C’est là où on voit, que tout change.", Language::French),
            ("As I said, because we had to.", Language::English),
            (
                "Honestly we tried many things, and some worked.",
                Language::English,
            ),
            (
                "Again and again we tried, then it worked out fine.",
                Language::English,
            ),
        ] {
            assert_eq!(edited(text, language), None, "{text}");
        }
    }

    #[test]
    fn an_enumeration_trailing_off_ends_at_the_last_clause() {
        let verbatim = "Je ne cible pas une ville pour ses réseaux sociaux mais pour l’environnement \
                        qu’elle nous propose, sur le logement, sur l’éducation…";
        let e = edit(verbatim, Language::French).unwrap();
        assert_eq!(
            e.text,
            "Je ne cible pas une ville pour ses réseaux sociaux mais pour l’environnement \
             qu’elle nous propose […]"
        );
        let chars: Vec<char> = verbatim.chars().collect();
        let cut = &e.cuts[0];
        assert_eq!(
            chars[cut.start..cut.end].iter().collect::<String>(),
            ", sur le logement, sur l’éducation…"
        );
        assert_eq!(
            edited(
                "What matters is the team you join, the people, the code review, etc.",
                Language::English
            )
            .as_deref(),
            Some("What matters is the team you join […]")
        );
        assert_eq!(
            edited(
                "It was a good year. We learned to listen to users, to designers, to support and so on.",
                Language::English
            )
            .as_deref(),
            Some("It was a good year. We learned to listen to users […]")
        );
        // Too little before the list to end on, one item only, or long items: left as said.
        for text in [
            "Il y a les livres, les jeux, les concerts, les ateliers…",
            "We need to think about the users first, honestly…",
            "We care about the people who use it, about the people who build it every day…",
        ] {
            let language = if text.starts_with("Il") {
                Language::French
            } else {
                Language::English
            };
            assert_eq!(edited(text, language), None, "{text}");
        }
    }

    #[test]
    fn cuts_are_explained_in_an_editors_words() {
        let verbatim = "Par contre, on a, euh, beaucoup parlé de ce que la ville propose aux familles, \
                        des écoles, des parcs, des gens…";
        let e = edit(verbatim, Language::French).unwrap();
        assert_eq!(
            e.text,
            "[O]n a […] beaucoup parlé de ce que la ville propose aux familles […]"
        );
        assert_eq!(
            explain(verbatim, &e.cuts),
            [
                "cuts “Par contre” at the start, marked [O]",
                "cuts the hesitation “euh”, marked […]",
                "ends on its last complete clause, cutting the list it trailed off on \
                 (“des écoles, des parcs, des gens…”), marked […]",
            ]
        );
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
