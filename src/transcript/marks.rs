//! Editor marks: passages set apart as pull quotes (a line in « », “ ” or "…", a `>` blockquote),
//! their credit lines, and whether a set-apart line repeats an answer at all.
//!
//! A line in quote marks that repeats no answer and carries no credit is speech, not a pull quote:
//! a lyric or a quoted sentence inside an answer stays the answerer's.

use super::labels::is_space;
use super::source::SourceLine;
use super::EditorMark;
use crate::slug::fold_accent;
use std::collections::HashSet;

/// Opening marks and the closing marks that may end a quotation they open. Real text mixes them
/// (‘…”, „…“, »…«), so a closing mark is any of the family's, not one fixed partner.
const OPENERS: &[(char, &[char])] = &[
    ('«', &['»']),
    ('“', &['”', '“', '"']),
    ('"', &['"', '”', '“']),
    ('„', &['“', '”', '"']),
    ('‘', &['’', '”']),
    ('»', &['«']),
    ('‹', &['›']),
    ('”', &['”']),
];

const DASHES: &[char] = &['—', '–', '-', '―', '~'];

/// Reads a line that is nothing but a quotation, optionally followed by a credit (`— Name`).
/// A line hinted as a block quote needs no quote marks.
pub fn as_mark(line: &SourceLine) -> Option<EditorMark> {
    let text = line.text.as_str();
    let leading = text.len() - text.trim_start_matches(is_space).len();
    let trimmed = text.trim_matches(is_space);
    let (inner_start, inner, credit) = match quoted(trimmed) {
        Some(found) => found,
        None if line.hint.block_quote => {
            let (body, credit) = split_trailing_credit(trimmed);
            (0, body, credit)
        }
        None => return None,
    };
    // A mark is a sentence or more; a quoted word alone on a line is not a pull quote.
    if inner.chars().count() < 20 {
        return None;
    }
    Some(EditorMark {
        text: inner.to_owned(),
        line: line.line,
        column: line.column_at(leading + inner_start),
        credit: credit.map(str::to_owned),
        speaker: None,
    })
}

/// `« text » — credit` → (byte offset of text, text, credit).
fn quoted(trimmed: &str) -> Option<(usize, &str, Option<&str>)> {
    let open = trimmed.chars().next()?;
    let (_, closers) = OPENERS.iter().find(|(o, _)| *o == open)?;
    let body_start = open.len_utf8();
    let body = &trimmed[body_start..];
    // The last closing mark after which only a credit (or nothing) follows.
    for (at, c) in body.char_indices().rev() {
        if !closers.contains(&c) {
            continue;
        }
        let after = body[at + c.len_utf8()..].trim_matches(is_space);
        let credit = if after.is_empty() {
            None
        } else if after.starts_with(DASHES) || after.starts_with(',') {
            Some(
                after
                    .trim_start_matches(DASHES)
                    .trim_start_matches(',')
                    .trim_matches(is_space),
            )
        } else {
            // Prose after the closing mark: the line is a sentence that starts with a quotation.
            return None;
        };
        let inner_raw = &body[..at];
        let inner = inner_raw.trim_matches(is_space);
        let inner_offset = body_start + (inner_raw.len() - inner_raw.trim_start_matches(is_space).len());
        return Some((inner_offset, inner, credit.filter(|c| !c.is_empty())));
    }
    None
}

/// `Text of the quote. — Name` → (text, Some(name)).
fn split_trailing_credit(text: &str) -> (&str, Option<&str>) {
    for dash in ['—', '–', '―'] {
        if let Some(i) = text.rfind(&format!(" {dash} ")) {
            let credit = text[i + 2 + dash.len_utf8()..].trim_matches(is_space);
            if !credit.is_empty() && credit.chars().count() <= 80 && !credit.ends_with(['.', '?', '!']) {
                return (text[..i].trim_matches(is_space), Some(credit));
            }
        }
    }
    (text, None)
}

/// A line that only credits the mark before it: `— Aziz Oulhiyane` (the name check for
/// `Name, role` credits needs the roster, so it happens in the parser).
pub fn dash_credit(text: &str) -> Option<&str> {
    let trimmed = text.trim_matches(is_space);
    let rest = trimmed.strip_prefix(DASHES)?;
    let credit = rest.trim_start_matches(DASHES).trim_matches(is_space);
    let short = !credit.is_empty() && credit.chars().count() <= 100 && !credit.ends_with(['?', '!']);
    short.then_some(credit)
}

/// Word bigrams of everything that was said, to tell a repeated passage from fresh speech.
#[derive(Default)]
pub struct SpeechIndex {
    bigrams: HashSet<(u64, u64)>,
}

impl SpeechIndex {
    pub fn add(&mut self, text: &str) {
        let words = word_hashes(text);
        for pair in words.windows(2) {
            self.bigrams.insert((pair[0], pair[1]));
        }
    }

    /// Whether most of `text`'s word pairs were said somewhere: the editor may cut ("…"), change
    /// the quote marks or reword a little, but a pull quote is mostly the answer's words.
    pub fn repeats(&self, text: &str) -> bool {
        let words = word_hashes(text);
        let pairs = words.len().saturating_sub(1);
        if pairs == 0 {
            return false;
        }
        let found = words
            .windows(2)
            .filter(|p| self.bigrams.contains(&(p[0], p[1])))
            .count();
        found * 2 >= pairs
    }
}

/// Words, lower-cased and without accents, hashed; apostrophes split words (`l’été` → `l`, `été`).
fn word_hashes(text: &str) -> Vec<u64> {
    // FNV-1a: this runs over every word of the interview, and needs no key.
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0100_0000_01b3;
    let mut out = Vec::new();
    let mut hash = OFFSET;
    let mut in_word = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            in_word = true;
            if c.is_ascii() {
                hash = (hash ^ u64::from(c.to_ascii_lowercase())).wrapping_mul(PRIME);
            } else {
                for lower in fold_accent(c).to_lowercase() {
                    hash = (hash ^ u64::from(u32::from(lower))).wrapping_mul(PRIME);
                }
            }
        } else if in_word {
            out.push(hash);
            hash = OFFSET;
            in_word = false;
        }
    }
    if in_word {
        out.push(hash);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(text: &str) -> Option<EditorMark> {
        as_mark(&SourceLine::plain(text, 3))
    }

    #[test]
    fn guillemets_and_curly_quotes_with_credits() {
        let m = mark("« Les réseaux sociaux peuvent contribuer à cette attractivité. »").unwrap();
        assert_eq!(
            m.text,
            "Les réseaux sociaux peuvent contribuer à cette attractivité."
        );
        assert_eq!(m.column, 3);
        let m = mark("“We never stop learning, ever.” — Maria Lopez").unwrap();
        assert_eq!(m.credit.as_deref(), Some("Maria Lopez"));
        let m = mark("\"We never stop learning, ever.\", Maria Lopez, head of digital").unwrap();
        assert_eq!(m.credit.as_deref(), Some("Maria Lopez, head of digital"));
    }

    #[test]
    fn mismatched_marks_still_close() {
        assert!(mark("‘Nothing beats a good question, nothing.”").is_some());
        assert!(mark("„Das ist eine lange Aussage, wirklich.“").is_some());
    }

    #[test]
    fn prose_starting_with_a_quote_is_not_a_mark() {
        assert!(mark("« Oui », répond-il, et il repart vers la salle.").is_none());
        assert!(mark("« Oui. »").is_none());
    }

    #[test]
    fn block_quotes_need_no_marks() {
        let mut line = SourceLine::plain("Nothing beats a good question. — Maria Lopez", 1);
        line.hint.block_quote = true;
        let m = as_mark(&line).unwrap();
        assert_eq!(m.text, "Nothing beats a good question.");
        assert_eq!(m.credit.as_deref(), Some("Maria Lopez"));
    }

    #[test]
    fn repeats_tolerates_cuts_and_marks() {
        let mut index = SpeechIndex::default();
        index.add("Je pense qu’en tant qu’étudiant je ne cible pas une ville parce qu’elle est forte sur les réseaux sociaux.");
        assert!(index.repeats(
            "En tant qu'étudiant, je ne cible pas une ville parce qu'elle est forte sur les réseaux…"
        ));
        assert!(!index.repeats("Je suis venu te dire que je m’en vais, et tes sanglots n’y pourront rien."));
    }

    #[test]
    fn dash_credit_lines() {
        assert_eq!(dash_credit("— Aziz Oulhiyane"), Some("Aziz Oulhiyane"));
        assert_eq!(dash_credit("Aziz Oulhiyane"), None);
    }
}
