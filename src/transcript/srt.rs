//! SubRip (SRT) subtitles into source lines: cue text without numbers, timings or formatting tags.
//! Speakers come as `NAME:` prefixes (read by the label rules), `[NAME]` or `>> NAME:`; a cue
//! without one continues the current speaker.

use super::source::{broken_timing, is_timing_line, looks_like_timing, Hint, SourceLine};
use super::vtt::decode_entities;
use crate::boundary::SafeSlice;
use crate::diagnostic::Diagnostic;

/// Reads the cues of an SRT file; `first_line` is the file line of `text`'s first line. A cue
/// whose timing line does not parse is read all the same, with a warning in `warnings`.
pub fn lines(text: &str, first_line: usize, warnings: &mut Vec<Diagnostic>) -> Vec<SourceLine> {
    let raw: Vec<&str> = text.split('\n').collect();
    let mut out = Vec::new();
    let mut in_payload = false;
    for (i, line) in raw.iter().enumerate() {
        let trimmed = line.trim().trim_start_matches('\u{feff}');
        if trimmed.is_empty() {
            in_payload = false;
            continue;
        }
        if is_timing_line(trimmed) {
            in_payload = true;
            continue;
        }
        if !in_payload {
            if looks_like_timing(trimmed) {
                warnings.push(broken_timing(first_line + i, trimmed, true));
                in_payload = true;
            }
            // The cue number, or stray text before a timing.
            continue;
        }
        let (text, column) = strip_tags(line);
        let (voice, text, column) = bracketed_speaker(&text, column);
        // `- ` opens a second speaker's line inside one cue; the label, if any, follows it.
        let dash = text.strip_prefix("- ").or_else(|| text.strip_prefix("– "));
        let (text, column) = match dash {
            Some(rest) => (rest.to_owned(), column + 2),
            None => (text, column),
        };
        if text.trim().is_empty() && voice.is_none() {
            continue;
        }
        out.push(SourceLine {
            text,
            line: first_line + i,
            column,
            hint: Hint {
                voice,
                continues: true,
                ..Hint::default()
            },
        });
    }
    out
}

/// Removes `<i>`, `<b>`, `<font …>` and `{\an8}` style tags; returns the text and the column where
/// it starts.
fn strip_tags(line: &str) -> (String, usize) {
    let mut out = String::with_capacity(line.len());
    let mut leading_chars = 0;
    let mut chars = line.chars().peekable();
    let mut seen_text = false;
    while let Some(c) = chars.next() {
        let closer = match c {
            '<' if chars.peek().is_some_and(|n| n.is_ascii_alphabetic() || *n == '/') => Some('>'),
            '{' if chars.peek() == Some(&'\\') => Some('}'),
            _ => None,
        };
        if let Some(close) = closer {
            let mut skipped = 1;
            for n in chars.by_ref() {
                skipped += 1;
                if n == close {
                    break;
                }
            }
            if !seen_text {
                leading_chars += skipped;
            }
            continue;
        }
        if !seen_text && c.is_whitespace() {
            leading_chars += 1;
            continue;
        }
        seen_text = true;
        out.push(c);
    }
    (decode_entities(out.trim_end()), leading_chars + 1)
}

/// `[MARIA] text`, `(MARIA) text`, `>> MARIA: text`: the speaker, if bracketed, and the text.
fn bracketed_speaker(text: &str, column: usize) -> (Option<String>, String, usize) {
    let broadcast = text.strip_prefix(">>").map(str::trim_start);
    let (text, column) = match broadcast {
        Some(rest) => (rest, column + (text.chars().count() - rest.chars().count())),
        None => (text, column),
    };
    for (open, close) in [('[', ']'), ('(', ')')] {
        if let Some(after) = text.strip_prefix(open) {
            if let Some(end) = after.find(close) {
                let name = after.slice(..end).trim();
                let rest = after.slice(end + 1..).trim_start_matches([' ', ':']);
                let is_name = !name.is_empty()
                    && name.chars().count() <= 40
                    && name.chars().next().is_some_and(char::is_uppercase)
                    && !rest.is_empty();
                if is_name {
                    let skipped = text.chars().count() - rest.chars().count();
                    return (Some(name.to_owned()), rest.to_owned(), column + skipped);
                }
            }
        }
    }
    (None, text.to_owned(), column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cues_lose_numbers_timings_and_tags() {
        let text = "1\n00:00:01,000 --> 00:00:03,000\n<i>MARIA LOPEZ:</i> We started\nin 2019.\n\n2\n00:00:03,500 --> 00:00:05,000\n[TOM] Why?\n";
        let lines = lines(text, 1, &mut Vec::new());
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert_eq!(lines[0].text, "MARIA LOPEZ: We started");
        assert_eq!(lines[0].line, 3);
        assert_eq!(lines[1].text, "in 2019.");
        assert!(lines.iter().all(|l| l.hint.continues));
        assert_eq!(lines[2].hint.voice.as_deref(), Some("TOM"));
        assert_eq!(lines[2].text, "Why?");
        assert_eq!(lines[2].column, 7);
    }

    #[test]
    fn ass_tags_and_dialogue_dashes() {
        let lines = lines(
            "1\n00:00:01,000 --> 00:00:03,000\n{\\an8}- ANN: Oui.\n",
            1,
            &mut Vec::new(),
        );
        assert_eq!(lines[0].text, "ANN: Oui.");
    }

    #[test]
    fn a_cue_with_a_broken_timing_is_kept_with_a_warning() {
        let mut warnings = Vec::new();
        let text =
            "1\n00:00:01,000 --> 00:00:03,000\nANN: Oui.\n\n2\n00:00:04,000 --> 00:0x:05,000\nANN: Non.\n";
        let lines = lines(text, 1, &mut warnings);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[1].text, "ANN: Non.");
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].line, Some(6));
        assert!(
            warnings[0].message.contains("is not a cue timing"),
            "{}",
            warnings[0].message
        );
    }
}
