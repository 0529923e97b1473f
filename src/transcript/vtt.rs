//! WebVTT subtitles into source lines: cue text without timings, speakers from `<v Name>` voice
//! tags, other tags and character references removed. Cues continue each other's sentences.

use super::source::{broken_timing, is_timing_line, looks_like_timing, Hint, SourceLine};
use crate::boundary::SafeSlice;
use crate::diagnostic::Diagnostic;

/// Reads the cues of a WebVTT file; `first_line` is the file line of `text`'s first line. A cue
/// whose timing line does not parse is read all the same, with a warning in `warnings`.
pub fn lines(text: &str, first_line: usize, warnings: &mut Vec<Diagnostic>) -> Vec<SourceLine> {
    let raw: Vec<&str> = text.split('\n').collect();
    let mut out = Vec::new();
    let mut i = 0;
    // Skip the `WEBVTT` header block.
    while i < raw.len() && !raw[i].trim().is_empty() {
        i += 1;
    }
    while i < raw.len() {
        if raw[i].trim().is_empty() {
            i += 1;
            continue;
        }
        let block_start = i;
        while i < raw.len() && !raw[i].trim().is_empty() {
            i += 1;
        }
        let block = &raw[block_start..i];
        let first = block[0].trim_start();
        if first.starts_with("NOTE") || first.starts_with("STYLE") || first.starts_with("REGION") {
            continue;
        }
        let timing = match block.iter().position(|l| is_timing_line(l.trim())) {
            Some(timing) => timing,
            None => match block.iter().position(|l| looks_like_timing(l)) {
                Some(broken) => {
                    warnings.push(broken_timing(
                        first_line + block_start + broken,
                        block[broken],
                        true,
                    ));
                    broken
                }
                None => {
                    warnings.push(broken_timing(first_line + block_start, block[0], false));
                    continue;
                }
            },
        };
        let mut voice: Option<String> = None;
        for (k, payload) in block.iter().enumerate().skip(timing + 1) {
            let line_no = first_line + block_start + k;
            for (segment_voice, text, column) in segments(payload, &mut voice) {
                out.push(SourceLine {
                    text,
                    line: line_no,
                    column,
                    hint: Hint {
                        voice: segment_voice,
                        continues: true,
                        ..Hint::default()
                    },
                });
            }
        }
    }
    out
}

/// Splits one payload line at voice tags: (voice, text without tags, column of the text).
/// `voice` carries an open `<v>` span over to the cue's next line.
fn segments(line: &str, voice: &mut Option<String>) -> Vec<(Option<String>, String, usize)> {
    struct Segment {
        voice: Option<String>,
        text: String,
        start: Option<usize>,
    }
    let mut done: Vec<Segment> = Vec::new();
    let mut current = Segment {
        voice: voice.take(),
        text: String::new(),
        start: None,
    };
    let mut pos = 0;
    while pos < line.len() {
        let rest = line.slice(pos..);
        if let Some(after) = rest.strip_prefix('<') {
            if let Some(end) = after.find('>') {
                let tag = after.slice(..end);
                let next = pos + end + 2;
                if let Some(spec) = tag.strip_prefix('v').filter(|s| s.starts_with([' ', '.', '\t'])) {
                    // `<v.loud Roger Bingham>`: classes after dots, the name after white space.
                    let name = spec.split_once(char::is_whitespace).map_or("", |(_, n)| n).trim();
                    let next_voice = (!name.is_empty()).then(|| name.to_owned());
                    done.push(std::mem::replace(
                        &mut current,
                        Segment {
                            voice: next_voice,
                            text: String::new(),
                            start: None,
                        },
                    ));
                } else if tag == "/v" {
                    done.push(std::mem::replace(
                        &mut current,
                        Segment {
                            voice: None,
                            text: String::new(),
                            start: None,
                        },
                    ));
                }
                pos = next;
                continue;
            }
        }
        let next = rest
            .char_indices()
            .skip(1)
            .find(|&(_, c)| c == '<')
            .map_or(line.len(), |(n, _)| pos + n);
        let chunk = line.slice(pos..next);
        if current.start.is_none() && !chunk.trim().is_empty() {
            current.start = Some(pos + chunk.len() - chunk.trim_start().len());
        }
        current.text.push_str(&decode_entities(chunk));
        pos = next;
    }
    *voice = current.voice.clone();
    done.push(current);
    done.into_iter()
        .filter(|s| !s.text.trim().is_empty())
        .map(|s| {
            let column = s.start.map_or(1, |b| line.slice(..b).chars().count() + 1);
            (s.voice, s.text.trim().to_owned(), column)
        })
        .collect()
}

/// `&amp;`, `&lt;`, `&gt;`, `&nbsp;`, `&lrm;`, `&rlm;` and numeric references.
pub fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(rest.slice(..at));
        let after = rest.slice(at + 1..);
        let end = after.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| match after.slice(..e) {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "nbsp" => Some('\u{a0}'),
            "lrm" => Some('\u{200e}'),
            "rlm" => Some('\u{200f}'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            num if num.starts_with("#x") || num.starts_with("#X") => u32::from_str_radix(num.slice(2..), 16)
                .ok()
                .and_then(char::from_u32),
            num if num.starts_with('#') => num.slice(1..).parse().ok().and_then(char::from_u32),
            _ => None,
        });
        match (decoded, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = after.slice(e + 1..);
            }
            _ => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn voices_tags_and_notes() {
        let text = "WEBVTT\n\nNOTE made by hand\n\n1\n00:00.000 --> 00:02.000\n<v.loud Roger Bingham>We are in <i>New York</i> &amp; happy\n\n00:02.000 --> 00:04.000\n<v Interviewer>Why?</v>\n";
        let lines = lines(text, 1, &mut Vec::new());
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert_eq!(lines[0].hint.voice.as_deref(), Some("Roger Bingham"));
        assert_eq!(lines[0].text, "We are in New York & happy");
        assert_eq!(lines[0].line, 7);
        assert_eq!(lines[0].column, 23);
        assert_eq!(lines[1].hint.voice.as_deref(), Some("Interviewer"));
        assert_eq!(lines[1].text, "Why?");
    }

    #[test]
    fn two_voices_on_one_line_and_a_voice_over_two_lines() {
        let text = "WEBVTT\n\n00:00.000 --> 00:02.000\n<v Ann>Hi.</v> <v Bob>Hello.</v>\n\n00:02.000 --> 00:04.000\n<v Ann>First line\nsecond line\n";
        let lines = lines(text, 1, &mut Vec::new());
        let voices: Vec<_> = lines
            .iter()
            .map(|l| (l.hint.voice.as_deref(), l.text.as_str()))
            .collect();
        assert_eq!(
            voices,
            [
                (Some("Ann"), "Hi."),
                (Some("Bob"), "Hello."),
                (Some("Ann"), "First line"),
                (Some("Ann"), "second line"),
            ]
        );
    }

    #[test]
    fn entities() {
        assert_eq!(
            decode_entities("a &lt;b&gt; &#233; &unknown; &"),
            "a <b> é &unknown; &"
        );
    }

    #[test]
    fn a_cue_with_a_broken_timing_is_kept_with_a_warning() {
        let mut warnings = Vec::new();
        let text = "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ann>Oui.\n\n00:03.000 -> 00:0x.000\n<v Ann>Non.\n\nstray words\n";
        let lines = lines(text, 1, &mut warnings);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[1].text, "Non.");
        assert_eq!(warnings.len(), 2);
        assert_eq!(warnings[0].line, Some(6));
        assert!(
            warnings[1].message.contains("left out"),
            "{}",
            warnings[1].message
        );
    }
}
