//! Reading transcripts: bytes in, speakers and question/answer turns out.
//!
//! `read` decodes a file (any common encoding), then `parse` classifies its lines into an intro,
//! questions, answers, editor-marked pull quotes and a credits footer, and resolves every answer
//! label (`AO:`, `LA :`, `Aziz Oulhiyane :`) to a speaker with a full name and role.

mod decode;
mod labels;
pub mod parse;
mod roster;

pub use decode::{decode, encoding_for_label, DecodeError, Decoded};
pub use labels::fold_accents;
pub use parse::parse;

use crate::diagnostic::Diagnostic;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// The language a transcript is written in; it drives typography and sentence rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Default)]
pub enum Language {
    #[serde(rename = "fr")]
    French,
    #[default]
    #[serde(rename = "en")]
    English,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Language::French => "fr",
            Language::English => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Language> {
        match code.to_ascii_lowercase().split(['-', '_']).next()? {
            "fr" => Some(Language::French),
            "en" => Some(Language::English),
            _ => None,
        }
    }
}

/// A person who answers in the interview.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Speaker {
    /// The label used for this speaker's turns (`AO`), or initials derived from the name.
    pub label: String,
    pub name: String,
    pub role: Option<String>,
    pub organisation: Option<String>,
}

/// Index of a speaker in `Transcript::speakers`.
pub type SpeakerId = usize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TurnKind {
    Question,
    Answer,
}

/// A run of text from one line of the source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Paragraph {
    pub text: String,
    /// 1-based line of the source file.
    pub line: usize,
    /// 1-based column (in characters) where `text` starts on that line.
    pub column: usize,
}

/// One question or one answer, made of one or more paragraphs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Turn {
    pub kind: TurnKind,
    /// The answering speaker; `None` for questions, which are the interviewer's.
    pub speaker: Option<SpeakerId>,
    /// The label as written in the source, if the turn had one.
    pub label: Option<String>,
    pub paragraphs: Vec<Paragraph>,
}

impl Turn {
    pub fn line(&self) -> usize {
        self.paragraphs.first().map_or(0, |p| p.line)
    }

    pub fn end_line(&self) -> usize {
        self.paragraphs.last().map_or(0, |p| p.line)
    }

    /// The turn's paragraphs joined by blank lines.
    pub fn text(&self) -> String {
        self.paragraphs
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join("\n\n")
    }
}

/// A passage an editor set apart as a pull quote (a line in « » or “ ”).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EditorMark {
    /// The quote without its enclosing marks, as the editor wrote it.
    pub text: String,
    pub line: usize,
    pub column: usize,
    /// A credit the editor attached (`— Name`), if any.
    pub credit: Option<String>,
}

/// A parsed interview.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Transcript {
    pub path: Option<PathBuf>,
    pub title: Option<String>,
    pub language: Language,
    pub encoding: &'static str,
    pub intro: Vec<Paragraph>,
    pub speakers: Vec<Speaker>,
    pub turns: Vec<Turn>,
    pub marks: Vec<EditorMark>,
    /// Credits and footer lines: kept for reference, never speech.
    pub footer: Vec<Paragraph>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Transcript {
    pub fn answers(&self) -> impl Iterator<Item = &Turn> {
        self.turns.iter().filter(|t| t.kind == TurnKind::Answer)
    }

    pub fn speaker(&self, id: SpeakerId) -> &Speaker {
        &self.speakers[id]
    }

    /// A file-name-safe identifier: the file stem, else the title, else "interview".
    pub fn slug(&self) -> String {
        let from_path = self
            .path
            .as_deref()
            .and_then(Path::file_stem)
            .map(|s| s.to_string_lossy().into_owned());
        let base = from_path.or_else(|| self.title.clone()).unwrap_or_default();
        let slug = crate::slug::slugify(&base);
        if slug.is_empty() {
            "interview".to_owned()
        } else {
            slug
        }
    }
}

/// How to read a transcript.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Overrides encoding detection (`--encoding`).
    pub encoding: Option<&'static encoding_rs::Encoding>,
}

#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("failed to read transcript `{}` ({source})", path.display())]
    Io { path: PathBuf, source: std::io::Error },
    #[error("failed to read transcript `{}` ({source})", path.display())]
    Decode { path: PathBuf, source: DecodeError },
    #[error("no answer found in `{}`: expected turns labelled like `AO:` or `Name :`, or answers after questions", path.display())]
    NoAnswers { path: PathBuf },
}

impl ReadError {
    /// A suggestion for the user, shown under the error.
    pub fn hint(&self) -> Option<String> {
        match self {
            ReadError::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound => {
                Some("check the path; `pullquote extract -` reads from standard input".into())
            }
            ReadError::Decode {
                source: DecodeError::Invalid { .. },
                ..
            } => Some("pass --encoding windows-1252 (or utf-16le, latin1, …) to force one".into()),
            ReadError::Decode {
                source: DecodeError::Binary { .. },
                ..
            } => Some("pullquote reads plain-text transcripts (.txt, .md)".into()),
            ReadError::NoAnswers { .. } => Some(
                "label answers with the speaker's initials or name, e.g. `AO: …`, and introduce speakers in the first paragraph".into(),
            ),
            _ => None,
        }
    }
}

/// Reads and parses the transcript at `path` (`-` reads standard input).
pub fn read(path: &Path, options: &ReadOptions) -> Result<Transcript, ReadError> {
    let bytes = if path == Path::new("-") {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf).map_err(|source| ReadError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        buf
    } else {
        std::fs::read(path).map_err(|source| ReadError::Io {
            path: path.to_path_buf(),
            source,
        })?
    };
    let decoded = decode(&bytes, options.encoding).map_err(|source| ReadError::Decode {
        path: path.to_path_buf(),
        source,
    })?;
    let mut transcript = parse(&decoded.text);
    transcript.encoding = decoded.encoding;
    if path != Path::new("-") {
        transcript.path = Some(path.to_path_buf());
    }
    for diagnostic in &mut transcript.diagnostics {
        diagnostic.file = Some(path.to_path_buf());
    }
    if transcript.answers().next().is_none() {
        return Err(ReadError::NoAnswers {
            path: path.to_path_buf(),
        });
    }
    Ok(transcript)
}
