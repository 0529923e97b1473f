//! Diagnostics: warnings and errors that the library returns as values, with their source position.

use serde::Serialize;
use std::fmt;
use std::path::{Path, PathBuf};

/// Why a file or folder could not be read, worded the same wherever it is reported: `not found`,
/// `permission denied`, `it is a folder`, else the system's words without its error number.
pub fn io_reason(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "not found".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        std::io::ErrorKind::IsADirectory => "it is a folder".to_owned(),
        _ => {
            let text = error.to_string();
            let text = match text.rfind(" (os error ") {
                Some(at) => &text[..at],
                None => &text,
            };
            let mut chars = text.chars();
            chars
                .next()
                .map(|c| c.to_lowercase().chain(chars).collect())
                .unwrap_or_default()
        }
    }
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth a look; the work goes on.
    Warning,
    /// Stops the work it concerns.
    Error,
}

/// One problem found in an input, located as precisely as the stage that found it can.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    /// Warning or error.
    pub severity: Severity,
    /// What happened, in one line.
    pub message: String,
    /// The file it concerns.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<PathBuf>,
    /// 1-based line, when the problem has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// 1-based column in characters, when the problem has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// The offending source line, shown under the message with a caret.
    #[serde(skip)]
    pub source_line: Option<String>,
    /// What the user can do about it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl Diagnostic {
    /// A warning saying `message`.
    pub fn warning(message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, message)
    }

    /// An error saying `message`.
    pub fn error(message: impl Into<String>) -> Self {
        Self::new(Severity::Error, message)
    }

    fn new(severity: Severity, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            message: message.into(),
            file: None,
            line: None,
            column: None,
            source_line: None,
            hint: None,
        }
    }

    /// Names the file it concerns.
    pub fn in_file(mut self, file: &Path) -> Self {
        self.file = Some(file.to_path_buf());
        self
    }

    /// Points at a line of the file.
    pub fn at_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    /// Points at a line and column of the file.
    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    /// Attaches the text of the offending line (taken from `source`) so it can be shown with a caret.
    pub fn with_source(mut self, source: &str) -> Self {
        if let Some(line) = self.line {
            self.source_line = source.lines().nth(line.saturating_sub(1)).map(str::to_owned);
        }
        self
    }

    /// Adds what the user can do about it.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Whether it is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    /// Renders in the compiler style:
    /// `error: message`, then ` --> file:line:col`, the source line and a caret, then `hint:`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(
            f,
            "{label}: {}",
            terminal_safe(&shortened(&self.message, LONGEST_MESSAGE), "\n")
        )?;
        if let Some(file) = &self.file {
            write!(f, "\n  --> {}", terminal_safe(&file.display().to_string(), ""))?;
            if let Some(line) = self.line {
                write!(f, ":{line}")?;
                if let Some(column) = self.column {
                    write!(f, ":{column}")?;
                }
            }
        } else if let Some(line) = self.line {
            write!(f, "\n  --> line {line}")?;
        }
        if let (Some(line), Some(full)) = (self.line, &self.source_line) {
            // A long line (a minified file, a 200 KB value) is shown around the column only.
            let (text, column) = excerpt(full, self.column.unwrap_or(1));
            let text = text.as_str();
            let gutter = line.to_string().len();
            write!(f, "\n{:gutter$} |\n{line} | {}", "", terminal_safe(text, "\t"))?;
            if self.column.is_some() {
                // As wide as what was printed before the column, escapes included.
                let pad: String = text
                    .chars()
                    .take(column.saturating_sub(1))
                    .map(|c| match c {
                        '\t' => "\t".to_owned(),
                        c => " ".repeat(terminal_safe(c.encode_utf8(&mut [0; 4]), "").chars().count()),
                    })
                    .collect();
                write!(f, "\n{:gutter$} | {pad}^", "")?;
            }
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  = hint: {}", terminal_safe(hint, "\n"))?;
        }
        Ok(())
    }
}

/// The most characters of a message shown: a message quoting a huge value is cut in its middle.
const LONGEST_MESSAGE: usize = 600;

/// The most characters of a source line shown.
const WIDEST_LINE: usize = 120;

/// `text` cut to `longest` characters by an ellipsis in its middle.
fn shortened(text: &str, longest: usize) -> std::borrow::Cow<'_, str> {
    let count = text.chars().count();
    if count <= longest {
        return text.into();
    }
    let head: String = text.chars().take(longest * 2 / 3).collect();
    let tail: String = text.chars().skip(count - longest / 3).collect();
    format!(
        "{head} … ({} characters left out) … {tail}",
        count - head.chars().count() - tail.chars().count()
    )
    .into()
}

/// At most [`WIDEST_LINE`] characters of `line` around `column` (1-based), with `…` where it is
/// cut, and the column in what is returned.
fn excerpt(line: &str, column: usize) -> (String, usize) {
    let count = line.chars().count();
    if count <= WIDEST_LINE {
        return (line.to_owned(), column);
    }
    let start = column
        .saturating_sub(1 + WIDEST_LINE / 2)
        .min(count - WIDEST_LINE);
    let mut out: String = if start > 0 { "…".into() } else { String::new() };
    out.extend(line.chars().skip(start).take(WIDEST_LINE));
    if start + WIDEST_LINE < count {
        out.push('…');
    }
    (out, column - start + usize::from(start > 0))
}

/// `text` with control characters (other than those in `keep`) written as `\u{1b}` escapes, so
/// that text quoted from an input cannot move the cursor, recolour or retitle the terminal.
pub fn terminal_safe(text: &str, keep: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let bidi_override = matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        if (c.is_control() || bidi_override) && !keep.contains(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// A diagnostic is an error value a program can pass on with `?`.
impl std::error::Error for Diagnostic {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_position_source_line_and_caret() {
        let d = Diagnostic::error("unknown field `colour`, expected `color`")
            .in_file(Path::new("brand.yaml"))
            .at(2, 3)
            .with_source("name: x\n  colour: red\n")
            .with_hint("did you mean `color`?");
        let shown = d.to_string();
        assert_eq!(
            shown,
            "error: unknown field `colour`, expected `color`\n  --> brand.yaml:2:3\n  |\n2 |   colour: red\n  |   ^\n  = hint: did you mean `color`?"
        );
    }

    #[test]
    fn long_lines_and_messages_are_cut() {
        let value = "x".repeat(200_000);
        let source = format!("name: t\nbackground: {{ color: \"{value}\" }}\n");
        let d = Diagnostic::error(format!("unknown colour `{value}`"))
            .in_file(Path::new("t.yaml"))
            .at(2, 22)
            .with_source(&source);
        let shown = d.to_string();
        assert!(shown.len() < 2_000, "{}", shown.len());
        assert!(shown.contains("characters left out"), "{shown}");
        let lines: Vec<&str> = shown.lines().collect();
        let caret = lines.iter().find(|l| l.ends_with('^')).unwrap();
        let text = lines[lines.len() - 2];
        // The caret is under the column's character: the quote before the value.
        let at = caret.chars().count() - 1;
        assert_eq!(text.chars().nth(at), Some('"'), "{text}\n{caret}");
    }

    #[test]
    fn renders_without_position() {
        let d = Diagnostic::warning("no answer found");
        assert_eq!(d.to_string(), "warning: no answer found");
    }

    #[test]
    fn escapes_control_characters_from_inputs() {
        let d = Diagnostic::error("bad label `\u{1b}]0;owned\u{7}`")
            .in_file(Path::new("a\u{1b}[2J.txt"))
            .at(1, 5)
            .with_source("\u{1b}[31mAO: x\n");
        let shown = d.to_string();
        assert!(!shown.contains('\u{1b}') && !shown.contains('\u{7}'), "{shown:?}");
        assert!(shown.contains("a\\u{1b}[2J.txt:1:5"), "{shown}");
        // The caret stays under the column, past the escape's width.
        assert!(shown.ends_with("1 | \\u{1b}[31mAO: x\n  |          ^"), "{shown}");
    }
}
