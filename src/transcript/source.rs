//! The file formats a transcript arrives in, how one is recognised, and the lines every format
//! reader hands to the parser.

use crate::boundary::SafeSlice;
use crate::diagnostic::Diagnostic;
use serde::Serialize;
use std::path::Path;

/// A transcript file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text, as typed or exported from a word processor or transcription tool.
    #[default]
    Text,
    /// Markdown: headings, `>` blockquotes, bold labels, links and images.
    Markdown,
    /// WebVTT subtitles, speakers in `<v Name>` voice tags.
    WebVtt,
    /// SubRip subtitles, speakers as `NAME:` prefixes.
    Srt,
    /// A Word document (Office Open XML).
    Docx,
}

impl Format {
    /// The format's name, as `read` prints it.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::WebVtt => "webvtt",
            Format::Srt => "srt",
            Format::Docx => "docx",
        }
    }

    /// The format a file name's extension promises, if it is one pullquote knows.
    pub fn from_extension(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "txt" | "text" => Format::Text,
            "md" | "markdown" | "mdown" | "mkd" => Format::Markdown,
            "vtt" | "webvtt" => Format::WebVtt,
            "srt" => Format::Srt,
            "docx" | "docm" => Format::Docx,
            _ => return None,
        })
    }
}

/// A container pullquote recognises by its first bytes but cannot read as a transcript.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Foreign {
    Pdf,
    /// Word 97–2003 `.doc`, or an encrypted `.docx` (both are OLE compound files).
    LegacyWord,
    Rtf,
    Image,
    /// A zip archive with no `word/document.xml`.
    Zip,
}

impl Foreign {
    pub fn describe(self) -> &'static str {
        match self {
            Foreign::Pdf => "a PDF document",
            Foreign::LegacyWord => "a Word 97–2003 .doc or a password-protected .docx",
            Foreign::Rtf => "an RTF document",
            Foreign::Image => "an image",
            Foreign::Zip => "a zip archive without a Word document inside",
        }
    }

    pub fn hint(self) -> &'static str {
        match self {
            Foreign::Pdf => "copy the text into a .txt file, or export the original as .docx",
            Foreign::LegacyWord => "open it in Word or LibreOffice and save it as .docx (without a password)",
            Foreign::Rtf => "save it as .docx or as plain text (.txt)",
            Foreign::Image => "pullquote reads text; transcribe the interview into a .txt or .docx file",
            Foreign::Zip => "pullquote reads .docx files; other archives must be unpacked first",
        }
    }
}

/// What the first bytes of a file say it is.
pub enum Sniffed {
    Zip,
    Foreign(Foreign),
    Text,
}

pub fn sniff_bytes(bytes: &[u8]) -> Sniffed {
    const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Sniffed::Zip;
    }
    let foreign = if bytes.starts_with(b"%PDF-") {
        Foreign::Pdf
    } else if bytes.starts_with(OLE) {
        Foreign::LegacyWord
    } else if bytes.starts_with(b"{\\rtf") {
        Foreign::Rtf
    } else if bytes.starts_with(b"\x89PNG")
        || bytes.starts_with(b"\xFF\xD8\xFF")
        || bytes.starts_with(b"GIF8")
    {
        Foreign::Image
    } else {
        return Sniffed::Text;
    };
    Sniffed::Foreign(foreign)
}

/// Picks the format of decoded text: the content decides for subtitles (a `.txt` export of a
/// `.vtt` file is still WebVTT), the extension otherwise.
pub fn text_format(path: Option<&Path>, text: &str) -> Format {
    let first = text
        .lines()
        .map(|l| l.trim_start_matches('\u{feff}').trim())
        .find(|l| !l.is_empty())
        .unwrap_or("");
    if first == "WEBVTT" || first.starts_with("WEBVTT ") || first.starts_with("WEBVTT\t") {
        return Format::WebVtt;
    }
    if looks_like_srt(text) {
        return Format::Srt;
    }
    match path.and_then(Format::from_extension) {
        Some(Format::Markdown) => Format::Markdown,
        _ => Format::Text,
    }
}

/// SRT opens with a cue number and, on the next line, a `00:00:01,000 --> 00:00:04,000` timing.
fn looks_like_srt(text: &str) -> bool {
    let mut lines = text.lines().map(str::trim).skip_while(|l| l.is_empty());
    let (Some(number), Some(timing)) = (lines.next(), lines.next()) else {
        return false;
    };
    let number = number.trim_start_matches('\u{feff}');
    !number.is_empty() && number.chars().all(|c| c.is_ascii_digit()) && is_timing_line(timing)
}

/// `00:00:01,000 --> 00:00:04,000` (SRT) or `00:01.000 --> 00:04.000 align:start` (WebVTT).
pub fn is_timing_line(line: &str) -> bool {
    let Some((start, end)) = line.split_once("-->") else {
        return false;
    };
    let end = end.split_whitespace().next().unwrap_or("");
    is_timestamp(start.trim()) && is_timestamp(end)
}

/// A line meant as a cue timing that does not parse as one: it has an arrow, or starts with a
/// time (`00:00:05.000 -> 00:0x`, `00:01:02,000 --> soon`).
pub fn looks_like_timing(line: &str) -> bool {
    let line = line.trim();
    !is_timing_line(line)
        && (line.contains("-->")
            || line.contains("->")
            || (line.len() >= 5
                && line.starts_with(|c: char| c.is_ascii_digit())
                && line.split_whitespace().next().is_some_and(|w| w.contains(':'))))
}

/// The warning for a cue whose timing line does not parse, at `line` (1-based, in the file).
pub fn broken_timing(line: usize, text: &str, kept: bool) -> Diagnostic {
    let shown: String = text.trim().chars().take(60).collect();
    let what = if kept {
        "its text is kept, as the cue before it continues"
    } else {
        "the cue is left out"
    };
    Diagnostic::warning(format!(
        "`{shown}` is not a cue timing (expected `00:00:01.000 --> 00:00:04.000`); {what}"
    ))
    .at(line, 1)
    .with_hint("fix the timing line, or export the subtitles again")
}

/// `01:02:03,456`, `02:03.456`, `1:02:03`.
pub fn is_timestamp(text: &str) -> bool {
    if !text.starts_with(|c: char| c.is_ascii_digit()) || !text.contains(':') {
        return false;
    }
    let mut parts = 0;
    for part in text.split([':', ',', '.']) {
        parts += 1;
        if part.is_empty() || part.len() > 3 || !part.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
    }
    (2..=4).contains(&parts)
}

/// What a format reader knows about a line beyond its text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Hint {
    /// The speaker a subtitle voice tag names (`<v Roger Bingham>`).
    pub voice: Option<String>,
    /// The line continues the previous line's paragraph (subtitle cues split sentences).
    pub continues: bool,
    /// A heading or title (Markdown `#`, a Word heading style).
    pub heading: bool,
    /// Set apart as a quotation (Markdown `>`, a Word quote style).
    pub block_quote: bool,
    /// The whole line is bold or italic: how many documents mark their questions.
    pub emphasised: bool,
    /// Not speech: an image, its caption, a rule, a link on its own.
    pub aside: bool,
}

/// One line of a transcript as a format reader hands it to the parser: text with the format's own
/// markup removed, and where that text starts in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceLine {
    pub text: String,
    /// 1-based line in the file (for a Word document, the paragraph number).
    pub line: usize,
    /// 1-based column (in characters) where `text` starts.
    pub column: usize,
    pub hint: Hint,
}

impl SourceLine {
    pub fn plain(text: &str, line: usize) -> SourceLine {
        SourceLine {
            text: text.to_owned(),
            line,
            column: 1,
            hint: Hint::default(),
        }
    }

    /// The file column of the byte `offset` into `text`.
    pub fn column_at(&self, offset: usize) -> usize {
        self.column + self.text.slice(..offset).chars().count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_beats_extension_for_subtitles() {
        let vtt = "WEBVTT\n\n00:01.000 --> 00:04.000\n<v Ann>Hi\n";
        assert_eq!(text_format(Some(Path::new("a.txt")), vtt), Format::WebVtt);
        let srt = "1\n00:00:01,000 --> 00:00:04,000\nANN: Hi\n";
        assert_eq!(text_format(Some(Path::new("a.txt")), srt), Format::Srt);
        assert_eq!(
            text_format(Some(Path::new("a.md")), "# Title\n"),
            Format::Markdown
        );
        assert_eq!(text_format(None, "AO: oui\n"), Format::Text);
    }

    #[test]
    fn timings() {
        assert!(is_timing_line("00:00:01,000 --> 00:00:04,000"));
        assert!(is_timing_line("00:01.000 --> 00:04.000 align:start position:10%"));
        assert!(!is_timing_line("AO: a --> b"));
        assert!(is_timestamp("1:02:03"));
        assert!(!is_timestamp("12"));
    }

    #[test]
    fn sniffs_containers() {
        assert!(matches!(sniff_bytes(b"PK\x03\x04rest"), Sniffed::Zip));
        assert!(matches!(sniff_bytes(b"%PDF-1.7"), Sniffed::Foreign(Foreign::Pdf)));
        assert!(matches!(
            sniff_bytes(b"{\\rtf1\\ansi"),
            Sniffed::Foreign(Foreign::Rtf)
        ));
        assert!(matches!(sniff_bytes(b"AO: oui"), Sniffed::Text));
    }
}
