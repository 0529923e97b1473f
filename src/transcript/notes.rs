//! Editor's notes inside answers — `(…, ndlr)`, `[Editor’s note: …]`, `(rires)`, `[inaudible]` — are
//! not the speaker's words: they are taken out of the answer text and kept beside it.

use super::EditorNote;
use crate::boundary::SafeSlice;

/// Words that mark a bracketed passage as the editor's, not the speaker's.
const NOTE_CUES: &[&str] = &[
    "ndlr",
    "n.d.l.r",
    "nda",
    "n.d.a",
    "ndt",
    "n.d.t",
    "note de la rédaction",
    "note de l’auteur",
    "editor’s note",
    "editor's note",
    "ed. note",
    "ed.",
    "eds.",
    "note:",
    "note :",
    "sic",
];

/// Stage directions a transcriber inserts.
const STAGE_DIRECTIONS: &[&str] = &[
    "rires",
    "rire",
    "il rit",
    "elle rit",
    "sourire",
    "sourit",
    "silence",
    "pause",
    "inaudible",
    "applaudissements",
    "soupir",
    "laughs",
    "laughter",
    "laughing",
    "chuckles",
    "smiles",
    "sighs",
    "crosstalk",
    "pauses",
    "applause",
    "unintelligible",
];

/// Takes editor's notes out of `text`. Returns the speech and the notes, each with the offset in
/// the returned text where it stood. Cut marks (`[…]`, `(...)`) stay: they show that words are
/// missing, which a quote must not hide.
pub fn extract(text: &str) -> (String, Vec<EditorNote>) {
    if !text.contains(['(', '[']) {
        return (text.to_owned(), Vec::new());
    }
    let mut out = String::with_capacity(text.len());
    let mut notes = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let rest = text.slice(i..);
        let Some(open_rel) = rest.find(['(', '[']) else {
            out.push_str(rest);
            break;
        };
        let open = i + open_rel;
        out.push_str(text.slice(i..open));
        let Some(close) = matching_close(text, open) else {
            out.push_str(text.slice(open..));
            break;
        };
        let inner = text.slice(open + 1..close);
        if is_note(inner, text.as_bytes()[open] == b'[') {
            // Take one neighbouring space with the note so no double space is left behind.
            let mut start = open;
            let mut end = close + 1;
            // Only a space that stands right before the note in the text goes with it.
            let space_before = text.slice(..open).ends_with(' ') && out.ends_with(' ');
            if space_before
                && (text
                    .slice(end..)
                    .starts_with([' ', ',', '.', ';', ':', '?', '!', ')'])
                    || end == text.len())
            {
                out.pop();
                start -= 1;
            } else if text.slice(end..).starts_with(' ') && (out.is_empty() || out.ends_with(['(', '«', '“']))
            {
                end += 1;
            }
            notes.push(EditorNote {
                offset: out.len(),
                removed: text.slice(start..end).to_owned(),
            });
            i = end;
        } else {
            out.push_str(text.slice(open..=close));
            i = close + 1;
        }
    }
    (out, notes)
}

/// Byte index of the bracket closing the one at `open`, counting nesting.
fn matching_close(text: &str, open: usize) -> Option<usize> {
    let (o, c) = if text.as_bytes()[open] == b'(' {
        ('(', ')')
    } else {
        ('[', ']')
    };
    let mut depth = 0usize;
    for (k, ch) in text.slice(open..).char_indices() {
        if ch == o {
            depth += 1;
        } else if ch == c {
            depth -= 1;
            if depth == 0 {
                return Some(open + k);
            }
        }
    }
    None
}

fn is_note(inner: &str, square: bool) -> bool {
    let lower = inner.trim().to_lowercase();
    let bare = lower.trim_matches(|c: char| c.is_whitespace() || c == '.' || c == ',');
    if bare.is_empty() || bare == "…" || bare == "..." || bare.chars().all(|c| c == '.' || c == '…') {
        return false;
    }
    let words: Vec<&str> = bare
        .split(|c: char| !c.is_alphanumeric() && c != '.' && c != '’' && c != '\'')
        .filter(|w| !w.is_empty())
        .collect();
    let ends_with_cue = NOTE_CUES.iter().any(|cue| {
        bare.ends_with(cue)
            && bare
                .slice(..bare.len() - cue.len())
                .ends_with([' ', ',', '(', '-', '–', '—'])
    }) || NOTE_CUES.contains(&bare);
    let starts_with_cue = NOTE_CUES
        .iter()
        .any(|cue| bare.starts_with(cue) && bare.slice(cue.len()..).starts_with([' ', ':', ',', '\u{a0}']));
    let stage = STAGE_DIRECTIONS.contains(&bare)
        || (words.len() <= 3 && words.iter().any(|w| STAGE_DIRECTIONS.contains(w)));
    // Square brackets in speech are the transcriber's or the editor's by convention.
    ends_with_cue || starts_with_cue || stage || square
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ndlr_parenthesis_is_removed_and_kept() {
        let text = "je travaille avec Yannick (Yannick Larguet chef de projet, ndlr) notamment sur";
        let (speech, notes) = extract(text);
        assert_eq!(speech, "je travaille avec Yannick notamment sur");
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].removed, " (Yannick Larguet chef de projet, ndlr)");
        assert_eq!(&speech[..notes[0].offset], "je travaille avec Yannick");
    }

    #[test]
    fn brackets_and_stage_directions() {
        assert_eq!(extract("They [the council] said no (laughs).").0, "They said no.");
        assert_eq!(
            extract("[Editor’s note: figures from 2023] We grew.").0,
            "We grew."
        );
        assert_eq!(extract("(NDLR : en 2022) On a grandi.").0, "On a grandi.");
    }

    #[test]
    fn adjacent_notes_keep_their_offsets_inside_the_text() {
        let (speech, notes) = extract("Photo : (rires)(rires)");
        assert_eq!(speech, "Photo : ");
        assert_eq!(notes[0].removed, "(rires)");
        assert_eq!(notes[1].removed, "(rires)");
        assert!(notes.iter().all(|n| n.offset <= speech.len()));
    }

    #[test]
    fn cuts_and_ordinary_parentheses_stay() {
        let text = "On a tout essayé […] et (franchement) ça marche.";
        assert_eq!(extract(text).0, text);
    }
}
