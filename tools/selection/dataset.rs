//! Reading the pull-quote set (`articles.jsonl`) and locating each editor's passage in its text.

use serde::Deserialize;
use std::path::Path;

#[derive(Debug, Clone, Deserialize)]
pub struct Record {
    pub id: String,
    pub language: String,
    /// `interview` (speaker-labelled turns) or `article`.
    pub kind: String,
    pub text: String,
    pub pull_quotes: Vec<PullQuote>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct PullQuote {
    /// The exact passage of `text` the quote repeats.
    pub span: String,
}

impl Record {
    /// The source the record comes from: the part of its id before the first `-`.
    pub fn source(&self) -> &str {
        self.id.split('-').next().unwrap_or(&self.id)
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
