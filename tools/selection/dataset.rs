//! Reading the evaluation texts: the pull-quote set (`articles.jsonl`) and the real interviews
//! whose editor's pull quote repeats the body (`data/interviews/<id>.json` beside its text), and
//! locating each editor's passage in its text.

use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Deserialize)]
pub struct Record {
    pub id: String,
    pub language: String,
    /// `interview` (speaker-labelled turns or questions and answers) or `article`.
    pub kind: String,
    pub text: String,
    pub pull_quotes: Vec<PullQuote>,
    /// The file name the text was published as, when its extension matters to the reader
    /// (`.md` turns on Markdown); `None` for the records of `articles.jsonl`, which are plain text.
    #[serde(skip)]
    pub file: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct PullQuote {
    /// The exact passage of `text` the quote repeats.
    pub span: String,
    /// Who the quote box credits (possibly with a role), when it credits anyone.
    #[serde(default)]
    pub speaker: Option<String>,
}

impl Record {
    /// The source the record comes from: the part of its id before the first `-`.
    pub fn source(&self) -> &str {
        self.id.split('-').next().unwrap_or(&self.id)
    }

    pub fn is_interview(&self) -> bool {
        self.kind == "interview"
    }

    /// Every occurrence of every pull quote's span, as byte ranges of `text`.
    pub fn gold(&self) -> Vec<(usize, usize)> {
        let mut ranges = Vec::new();
        for quote in &self.pull_quotes {
            if quote.span.is_empty() {
                continue;
            }
            let mut from = 0;
            while let Some(at) = self.text[from..].find(&quote.span) {
                let start = from + at;
                ranges.push((start, start + quote.span.len()));
                from = start + self.text[start..].chars().next().map_or(1, char::len_utf8);
            }
        }
        ranges.sort();
        ranges.dedup();
        ranges
    }
}

/// Reads one record per line; a line that does not parse is an error naming the line.
pub fn read(path: &Path) -> Result<Vec<Record>, String> {
    let text =
        std::fs::read_to_string(path).map_err(|e| format!("failed to read `{}` ({e})", path.display()))?;
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| {
            serde_json::from_str(line)
                .map_err(|e| format!("{}:{}: not a pull-quote record ({e})", path.display(), i + 1))
        })
        .collect()
}

/// The annotations of one interview that matter here.
#[derive(Debug, Deserialize)]
struct Annotation {
    language: String,
    #[serde(default)]
    pull_quotes: Vec<AnnotatedQuote>,
}

#[derive(Debug, Deserialize)]
struct AnnotatedQuote {
    #[serde(default)]
    span: Option<String>,
    #[serde(rename = "match", default)]
    matched: Option<String>,
    #[serde(default)]
    speaker: Option<String>,
}

/// The interviews of `dir` (`<id>.json` annotations beside `<id>.md` or `<id>.txt`) that have an
/// editor's pull quote repeating their body, as interview records, in file-name order. Quotes
/// that repeat nothing (`match: none`) cannot label a passage; an interview with one is left
/// out, as the pull-quote set leaves out any text with an unmatched box.
pub fn read_interviews(dir: &Path) -> Result<Vec<Record>, String> {
    let listing = std::fs::read_dir(dir).map_err(|e| format!("failed to read `{}` ({e})", dir.display()))?;
    let mut annotations: Vec<PathBuf> = listing
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    annotations.sort();
    let mut out = Vec::new();
    for path in annotations {
        let json = std::fs::read_to_string(&path)
            .map_err(|e| format!("failed to read `{}` ({e})", path.display()))?;
        let Ok(annotation) = serde_json::from_str::<Annotation>(&json) else {
            continue; // Not an interview's annotations.
        };
        if annotation.pull_quotes.is_empty()
            || annotation
                .pull_quotes
                .iter()
                .any(|q| q.matched.as_deref() == Some("none") || q.span.is_none())
        {
            continue;
        }
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let Some(file) = ["md", "txt"]
            .iter()
            .map(|ext| path.with_extension(ext))
            .find(|p| p.exists())
        else {
            return Err(format!(
                "`{}` has no text beside it (`{stem}.md` or `{stem}.txt`)",
                path.display()
            ));
        };
        let text = std::fs::read_to_string(&file)
            .map_err(|e| format!("failed to read `{}` ({e})", file.display()))?;
        let record = Record {
            id: stem,
            language: annotation.language,
            kind: "interview".to_owned(),
            pull_quotes: annotation
                .pull_quotes
                .into_iter()
                .map(|q| PullQuote {
                    span: q.span.unwrap_or_default(),
                    speaker: q.speaker,
                })
                .collect(),
            text,
            file: file.file_name().map(|n| n.to_string_lossy().into_owned()),
        };
        if record.gold().len() < record.pull_quotes.len() {
            return Err(format!(
                "{}: a pull quote's span is not in the text",
                path.display()
            ));
        }
        out.push(record);
    }
    Ok(out)
}

/// The shared reference material: `PULLQUOTE_SHARED`, else `../shared` beside the repository.
pub fn shared_dir() -> PathBuf {
    std::env::var_os("PULLQUOTE_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"))
}
