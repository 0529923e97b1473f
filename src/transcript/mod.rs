//! Reading transcripts: bytes in, speakers and question/answer turns out.
//!
//! `read` recognises the file's format (plain text, Markdown, WebVTT, SRT, Word `.docx`) and
//! encoding, splits off optional front matter, then `parse` classifies the lines into an intro,
//! questions, answers, editor-marked pull quotes and a credits footer, and resolves every answer
//! label (`AO:`, `LA :`, `Aziz Oulhiyane :`, `<v Maria Lopez>`) to a speaker with a full name and role.

mod cast;
mod decode;
mod docx;
mod frontmatter;
mod labels;
mod marks;
mod names;
mod notes;
mod outline;
mod own_role;
pub mod parse;
mod roles;
mod roster;
mod source;
mod speakers;
mod srt;
mod text;
mod turns;
mod vtt;

pub use crate::slug::fold_accents;
pub use decode::{decode, encoding_for_label, DecodeError, Decoded};
pub use docx::DocxError;
pub use parse::parse;
pub use source::Format;

use crate::boundary::{self, SafeSlice};
use crate::diagnostic::Diagnostic;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// The language a transcript is written in; it drives typography and sentence rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize, Default)]
pub enum Language {
    /// French.
    #[serde(rename = "fr")]
    French,
    /// English.
    #[default]
    #[serde(rename = "en")]
    English,
}

impl Language {
    /// The ISO 639-1 code: `fr` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Language::French => "fr",
            Language::English => "en",
        }
    }

    /// The language of a code such as `fr`, `en-GB`, `fr_CA`.
    pub fn from_code(code: &str) -> Option<Language> {
        match code.to_ascii_lowercase().split(['-', '_']).next()? {
            "fr" => Some(Language::French),
            "en" => Some(Language::English),
            _ => None,
        }
    }
}

/// A person who answers in the interview.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Speaker {
    /// The label used for this speaker's turns (`AO`), or initials derived from the name.
    pub label: String,
    /// The full name.
    pub name: String,
    /// Their role, as written.
    pub role: Option<String>,
    /// Their organisation.
    pub organisation: Option<String>,
    /// A portrait, when front matter gives one (resolved against the transcript's folder).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub photo: Option<PathBuf>,
}

/// Index of a speaker in `Transcript::speakers`.
pub type SpeakerId = usize;

/// Question or answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TurnKind {
    /// Asked by the interviewer.
    Question,
    /// Said by an interviewee.
    Answer,
}

/// A run of text from one line of the source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Paragraph {
    /// The text, without editor's notes.
    pub text: String,
    /// 1-based line of the source file.
    pub line: usize,
    /// 1-based column (in characters) where `text` starts on that line.
    pub column: usize,
    /// Editor's notes taken out of `text` (`(…, ndlr)`, `[laughs]`): not the speaker's words.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<EditorNote>,
}

/// An editor's note removed from a paragraph.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EditorNote {
    /// Byte offset in the paragraph's text where the note stood.
    pub offset: usize,
    /// What was removed, as written (with the space before it, if one went too).
    pub removed: String,
}

impl Paragraph {
    /// The 1-based column in the source line of the byte `offset` into `text`, counting the
    /// editor's notes that were taken out before it.
    pub fn source_column(&self, offset: usize) -> usize {
        let offset = boundary::floor(&self.text, offset);
        let removed: usize = self
            .notes
            .iter()
            .filter(|n| n.offset <= offset)
            .map(|n| n.removed.chars().count())
            .sum();
        self.column + self.text.slice(..offset).chars().count() + removed
    }
}

/// One question or one answer, made of one or more paragraphs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Turn {
    /// Question or answer.
    pub kind: TurnKind,
    /// The answering speaker; `None` for questions, which are the interviewer's.
    pub speaker: Option<SpeakerId>,
    /// The label as written in the source, if the turn had one.
    pub label: Option<String>,
    /// Its paragraphs.
    pub paragraphs: Vec<Paragraph>,
}

impl Turn {
    /// The line of its first paragraph.
    pub fn line(&self) -> usize {
        self.paragraphs.first().map_or(0, |p| p.line)
    }

    /// The line of its last paragraph.
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

/// A passage an editor set apart as a pull quote (a line in « », “ ” or "…", a `>` blockquote).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EditorMark {
    /// The quote without its enclosing marks, as the editor wrote it.
    pub text: String,
    /// Its line.
    pub line: usize,
    /// The column where the quote starts.
    pub column: usize,
    /// A credit the editor attached (`— Name`, or a `Name, role` line under the quote), if any.
    pub credit: Option<String>,
    /// The speaker the credit names, when it names exactly one.
    pub speaker: Option<SpeakerId>,
}

/// A parsed interview.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Transcript {
    /// The file read; `None` for standard input.
    pub path: Option<PathBuf>,
    /// The file's format.
    pub format: Format,
    /// The interview's title, from front matter or a heading.
    pub title: Option<String>,
    /// When the interview took place or was published, as front matter states it.
    pub date: Option<String>,
    /// The outlet or source the interview comes from, as front matter states it.
    pub source: Option<String>,
    /// The language, detected or from front matter.
    pub language: Language,
    /// The text encoding the file was read in.
    pub encoding: &'static str,
    /// The introduction before the first question.
    pub intro: Vec<Paragraph>,
    /// Who asks the questions, when the file names them.
    pub interviewer: Option<String>,
    /// Who answers, in order of appearance.
    pub speakers: Vec<Speaker>,
    /// Questions and answers, in order.
    pub turns: Vec<Turn>,
    /// Pull quotes the editor set apart.
    pub marks: Vec<EditorMark>,
    /// Credits and footer lines: kept for reference, never speech.
    pub footer: Vec<Paragraph>,
    /// Doubts met while reading (an ambiguous label, a missing photo…).
    pub diagnostics: Vec<Diagnostic>,
}

impl Transcript {
    /// The answers, in order.
    pub fn answers(&self) -> impl Iterator<Item = &Turn> {
        self.turns.iter().filter(|t| t.kind == TurnKind::Answer)
    }

    /// The speaker with id `id`.
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

/// Why a transcript could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file could not be opened or read.
    #[error("failed to read transcript `{}` ({})", path.display(), crate::diagnostic::io_reason(source))]
    Io {
        /// The file.
        path: PathBuf,
        /// The system's reason.
        source: std::io::Error,
    },
    /// The file is not a regular file, or is over the transcript size cap.
    #[error("refused to read transcript `{}`: {source}", path.display())]
    Limit {
        /// The file.
        path: PathBuf,
        /// What it is, or the cap it is over.
        source: crate::limits::ReadError,
    },
    /// The file holds no text.
    #[error("transcript `{}` is empty: expected the text of an interview", path.display())]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// The file is not text.
    #[error("transcript `{}` is not text ({source}): expected plain text, Markdown, Word .docx, WebVTT or SRT", path.display())]
    Binary {
        /// The file.
        path: PathBuf,
        /// Where binary content starts.
        source: DecodeError,
    },
    /// The text is not valid in its encoding.
    #[error("failed to read transcript `{}` ({source})", path.display())]
    Decode {
        /// The file.
        path: PathBuf,
        /// What is invalid, and where.
        source: DecodeError,
    },
    /// A file of a kind pullquote does not read (PDF, `.doc`, an image…).
    #[error("transcript `{}` is {}: expected plain text, Markdown, Word .docx, WebVTT or SRT", path.display(), kind.describe())]
    Unsupported {
        /// The file.
        path: PathBuf,
        /// What it is.
        kind: source::Foreign,
    },
    /// A Word document that cannot be read.
    #[error("failed to read Word document `{}` ({source}): expected a .docx with the interview in its text", path.display())]
    Docx {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        source: DocxError,
    },
    /// The front matter is invalid.
    #[error("{}", diagnostic.message)]
    FrontMatter {
        /// The file.
        path: PathBuf,
        /// Where, and what was expected.
        diagnostic: Box<Diagnostic>,
    },
    /// No answer could be found.
    #[error("no answer found in `{}`: expected turns labelled like `AO:` or `Name :`, or answers after questions", path.display())]
    NoAnswers {
        /// The file.
        path: PathBuf,
    },
}

impl ReadError {
    /// A suggestion for the user, shown under the error.
    pub fn hint(&self) -> Option<String> {
        match self {
            ReadError::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound => {
                Some("check the path; `pullquote extract -` reads from standard input".into())
            }
            ReadError::Io { .. } | ReadError::Limit { .. } => None,
            ReadError::Empty { .. } => {
                Some("check that the file was saved with its text; `-` reads the transcript from standard input".into())
            }
            ReadError::Decode { .. } => {
                Some("pass --encoding windows-1252 (or utf-16le, latin1, …) to force one".into())
            }
            ReadError::Binary { .. } => Some(
                "export the interview as .txt or .docx; if it is text in an unusual encoding, pass --encoding".into(),
            ),
            ReadError::Unsupported { kind, .. } => Some(kind.hint().into()),
            ReadError::Docx { .. } => {
                Some("open it in Word or LibreOffice and save it again as .docx, or export it as plain text".into())
            }
            ReadError::FrontMatter { diagnostic, .. } => diagnostic.hint.clone(),
            ReadError::NoAnswers { .. } => Some(
                "label answers with the speaker's initials or name, e.g. `AO: …`, and introduce speakers in the first paragraph".into(),
            ),
        }
    }

    /// The error as a diagnostic, positioned in the file when it has a position.
    pub fn to_diagnostic(&self) -> Diagnostic {
        match self {
            ReadError::FrontMatter { path, diagnostic } => {
                let mut d = (**diagnostic).clone();
                d.file = Some(path.clone());
                d
            }
            other => {
                let mut d = Diagnostic::error(other.to_string());
                if let Some(hint) = other.hint() {
                    d = d.with_hint(hint);
                }
                d
            }
        }
    }
}

/// Reads and parses the transcript at `path` (`-` reads standard input).
pub fn read(path: &Path, options: &ReadOptions) -> Result<Transcript, ReadError> {
    use crate::limits::{self, Kind};
    let limited = |e: limits::ReadError| match e {
        limits::ReadError::Io(source) => ReadError::Io {
            path: path.to_path_buf(),
            source,
        },
        other => ReadError::Limit {
            path: path.to_path_buf(),
            source: other,
        },
    };
    let bytes = if path == Path::new("-") {
        limits::read_capped(std::io::stdin(), Kind::Transcript).map_err(limited)?
    } else {
        limits::read(path, Kind::Transcript).map_err(limited)?
    };
    read_bytes(&bytes, path, options)
}

/// Parses a transcript's bytes. `path` names it in errors and, by its extension, helps choose the
/// format; the content decides first (a zip is a Word document, `WEBVTT` opens WebVTT, a cue
/// number and timing open SRT).
pub fn read_bytes(bytes: &[u8], path: &Path, options: &ReadOptions) -> Result<Transcript, ReadError> {
    let path_buf = || path.to_path_buf();
    if bytes.is_empty() {
        return Err(ReadError::Empty { path: path_buf() });
    }
    let from_stdin = path == Path::new("-");
    let mut transcript = match source::sniff_bytes(bytes) {
        source::Sniffed::Zip => {
            let document = docx::read(bytes).map_err(|e| match e {
                DocxError::NotWord => ReadError::Unsupported {
                    path: path_buf(),
                    kind: source::Foreign::Zip,
                },
                source => ReadError::Docx {
                    path: path_buf(),
                    source,
                },
            })?;
            let mut t = parse::build(document.lines, Default::default(), None);
            t.format = Format::Docx;
            t.encoding = "UTF-8";
            if t.title.is_none() {
                t.title = document.title;
            }
            t
        }
        source::Sniffed::Foreign(kind) => {
            return Err(ReadError::Unsupported {
                path: path_buf(),
                kind,
            })
        }
        source::Sniffed::Text => {
            let decoded = decode(bytes, options.encoding).map_err(|source| match source {
                DecodeError::Empty => ReadError::Empty { path: path_buf() },
                DecodeError::Binary { .. } => ReadError::Binary {
                    path: path_buf(),
                    source,
                },
                DecodeError::Invalid { .. } => ReadError::Decode {
                    path: path_buf(),
                    source,
                },
            })?;
            if decoded
                .text
                .trim_matches(|c: char| labels::is_space(c) || labels::is_invisible(c))
                .is_empty()
            {
                return Err(ReadError::Empty { path: path_buf() });
            }
            let name = (!from_stdin).then_some(path);
            let mut t =
                parse::parse_text(&decoded.text, name).map_err(|diagnostic| ReadError::FrontMatter {
                    path: path_buf(),
                    diagnostic,
                })?;
            t.encoding = decoded.encoding;
            if !decoded.replaced.is_empty() {
                let at: Vec<String> = decoded
                    .replaced
                    .iter()
                    .map(|(line, column)| format!("{line}:{column}"))
                    .collect();
                let (line, column) = decoded.replaced[0];
                t.diagnostics.push(
                    Diagnostic::warning(format!(
                        "{} invalid UTF-8 byte sequence(s) replaced by � (at {})",
                        at.len(),
                        at.join(", ")
                    ))
                    .at(line, column)
                    .with_hint(
                        "the rest of the file is UTF-8; fix the bytes at these positions, or pass --encoding",
                    ),
                );
            }
            t
        }
    };
    if !from_stdin {
        transcript.path = Some(path_buf());
        let folder = path.parent().unwrap_or(Path::new(""));
        for speaker in &mut transcript.speakers {
            if let Some(photo) = &mut speaker.photo {
                if photo.is_relative() {
                    *photo = folder.join(&*photo);
                }
                if !photo.exists() {
                    transcript.diagnostics.push(
                        Diagnostic::warning(format!(
                            "failed to read photo `{}` of {} (not found)",
                            photo.display(),
                            speaker.name
                        ))
                        .with_hint("photo paths are relative to the transcript's folder"),
                    );
                }
            }
        }
    }
    for diagnostic in &mut transcript.diagnostics {
        diagnostic.file = Some(path_buf());
    }
    if transcript.answers().next().is_none() {
        return Err(ReadError::NoAnswers { path: path_buf() });
    }
    Ok(transcript)
}
