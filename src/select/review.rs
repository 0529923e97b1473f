//! The quotes file: the selection written as editable YAML (`extract -o quotes.yaml`), and read
//! back so that cards show exactly what the editor kept, reworded, reordered or highlighted.

use super::{Cut, Quote, QuoteKind, QuoteSpeaker, Source};
use crate::boundary::SafeSlice;
use crate::diagnostic::Diagnostic;
use crate::template::suggest;
use crate::transcript::{Language, Transcript};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// A quotes file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuotesFile {
    /// The transcript the quotes come from, as given on the command line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The interview's title, for templates that show it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The interview's date, as the cards print it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The outlet the interview was published in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// A short label above the quote, for templates that show one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kicker: Option<String>,
    /// `fr` or `en`: drives typography and alt text.
    pub language: String,
    /// The quotes, in card order.
    pub quotes: Vec<QuoteEntry>,
}

/// One quote as the editor sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuoteEntry {
    /// The quote's identity, which names its card files (`q03-…`): kept when the quote is
    /// edited, disabled or moved, so its cards keep their names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// What the card says. Edit freely; the source below keeps where it came from.
    pub text: String,
    /// `false` leaves the quote out of the cards.
    #[serde(default = "enabled_by_default")]
    pub enabled: bool,
    /// Who said it.
    pub speaker: QuoteSpeaker,
    /// Words of the text to set in the accent colour.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub highlight: Vec<String>,
    /// Set apart by an editor, or found by the scorer.
    #[serde(default = "auto_kind")]
    pub kind: QuoteKind,
    /// The selection's score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    /// Where it is in the transcript.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    /// The transcript's words, when the text has editorial cuts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verbatim: Option<String>,
    /// The cuts that turn `verbatim` into `text`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cuts: Vec<Cut>,
    /// Why the quote was chosen; for the editor's information only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reasons: Vec<String>,
}

fn enabled_by_default() -> bool {
    true
}

fn auto_kind() -> QuoteKind {
    QuoteKind::Auto
}

const HEADER: &str = "\
# pullquote quotes file. Edit the text (the source keeps where it came from), set
# `enabled: false` to leave a quote out, reorder the list to change the card order, and list
# words under `highlight` to set them in the accent colour. A quote's `id` names its cards, so
# they keep their names whatever you edit. Then render exactly these quotes:
#   pullquote render quotes.yaml -o cards/
#   pullquote run --quotes quotes.yaml
";

impl QuotesFile {
    /// The selection of `transcript` as a quotes file.
    pub fn new(source: Option<&Path>, transcript: &Transcript, quotes: &[Quote]) -> QuotesFile {
        QuotesFile {
            source: source.map(|p| p.display().to_string()),
            title: transcript.title.clone(),
            date: transcript.date.clone(),
            outlet: transcript.source.clone(),
            kicker: None,
            language: transcript.language.code().to_owned(),
            quotes: quotes
                .iter()
                .enumerate()
                .map(|(i, q)| QuoteEntry {
                    id: Some(format!("q{:02}", i + 1)),
                    text: q.text.clone(),
                    enabled: true,
                    speaker: q.speaker.clone(),
                    highlight: q.highlight.clone(),
                    kind: q.kind,
                    score: Some(q.score),
                    source: Some(q.source.clone()),
                    verbatim: q.verbatim.clone(),
                    cuts: q.cuts.clone(),
                    reasons: q.reasons.clone(),
                })
                .collect(),
        }
    }

    /// The file as YAML, with a comment on how to use it.
    pub fn to_yaml(&self) -> String {
        let body = serde_yaml::to_string(self).expect("a quotes file serialises");
        format!("{HEADER}{body}")
    }

    /// Parses a quotes file; `file` names it in diagnostics. Returns the file and any warnings.
    pub fn parse(source: &str, file: &Path) -> Result<(QuotesFile, Vec<Diagnostic>), Box<Diagnostic>> {
        crate::limits::check_yaml_depth(source).map_err(|deep| {
            Box::new(
                Diagnostic::error(deep.to_string())
                    .in_file(file)
                    .at(deep.line, deep.column)
                    .with_hint("a quotes file nests three levels: check for unclosed or repeated brackets"),
            )
        })?;
        let parsed: QuotesFile = serde_yaml::from_str(source).map_err(|e| {
            let mut d = Diagnostic::error(yaml_message(&e)).in_file(file);
            if let Some(location) = e.location() {
                d = d.at(location.line(), location.column()).with_source(source);
            }
            if let Some(hint) = suggest::hint_from_message(&e.to_string()) {
                d = d.with_hint(hint);
            }
            Box::new(d)
        })?;
        let items = item_lines(source);
        let at = |i: usize, d: Diagnostic| -> Diagnostic {
            let d = d.in_file(file);
            match items.get(i) {
                Some(&line) => d.at_line(line).with_source(source),
                None => d,
            }
        };
        if Language::from_code(&parsed.language).is_none() {
            let line = source
                .lines()
                .position(|l| l.starts_with("language:"))
                .map_or(1, |i| i + 1);
            return Err(Box::new(
                Diagnostic::error(format!("unknown language `{}`", parsed.language))
                    .in_file(file)
                    .at_line(line)
                    .with_source(source)
                    .with_hint("use fr or en"),
            ));
        }
        let mut warnings = Vec::new();
        let mut ids: Vec<(String, usize)> = Vec::new();
        for (i, quote) in parsed.quotes.iter().enumerate() {
            if let Some(id) = &quote.id {
                let slug = crate::slug::slugify(id);
                if slug.is_empty() {
                    return Err(Box::new(
                        at(
                            i,
                            Diagnostic::error(format!("quote {} has an empty id `{id}`", i + 1)),
                        )
                        .with_hint("an id names the quote's card files: use letters or digits, e.g. `q07`"),
                    ));
                }
                if let Some((_, first)) = ids.iter().find(|(s, _)| *s == slug) {
                    return Err(Box::new(
                        at(
                            i,
                            Diagnostic::error(format!("quote {} has the id `{id}` of quote {first}", i + 1)),
                        )
                        .with_hint("each quote needs its own id: it names the quote's card files"),
                    ));
                }
                ids.push((slug, i + 1));
            }
            if quote.text.trim().is_empty() {
                return Err(Box::new(
                    at(i, Diagnostic::error(format!("quote {} has no text", i + 1)))
                        .with_hint("write the quote, or set `enabled: false` and keep any text"),
                ));
            }
            if quote.speaker.name.trim().is_empty() {
                return Err(Box::new(
                    at(
                        i,
                        Diagnostic::error(format!("quote {} has no speaker name", i + 1)),
                    )
                    .with_hint("every card credits someone: set `speaker: {name: …}`"),
                ));
            }
            let lower = quote.text.to_lowercase();
            for word in &quote.highlight {
                if !lower.contains(&word.to_lowercase()) {
                    warnings.push(at(
                        i,
                        Diagnostic::warning(format!(
                            "quote {}: highlight `{word}` does not occur in its text",
                            i + 1
                        )),
                    ));
                }
            }
        }
        Ok((parsed, warnings))
    }

    /// Reads and parses the quotes file at `path`.
    pub fn read(path: &Path) -> Result<(QuotesFile, Vec<Diagnostic>), Box<Diagnostic>> {
        let text = crate::limits::read_text(path, crate::limits::Kind::Quotes).map_err(|e| {
            Box::new(
                Diagnostic::error(format!("failed to read quotes file `{}` ({})", path.display(), e))
                    .with_hint("write one with `pullquote extract INTERVIEW -o quotes.yaml`"),
            )
        })?;
        QuotesFile::parse(&text, path)
    }

    /// The file's language (English when it names none).
    pub fn language(&self) -> Language {
        Language::from_code(&self.language).unwrap_or_default()
    }

    /// The enabled quotes, in file order, as quotes to render.
    pub fn enabled_quotes(&self) -> Vec<Quote> {
        let language = self.language();
        self.quotes
            .iter()
            .filter(|q| q.enabled)
            .map(|q| Quote {
                text: q.text.trim().to_owned(),
                speaker: q.speaker.clone(),
                kind: q.kind,
                score: q.score.unwrap_or(1.0),
                reasons: q.reasons.clone(),
                source: q.source.clone().unwrap_or(Source {
                    line: 0,
                    column: 0,
                    length: None,
                    mark_line: None,
                }),
                language,
                verbatim: q.verbatim.clone(),
                cuts: q.cuts.clone(),
                highlight: q.highlight.clone(),
            })
            .collect()
    }
}

/// The 1-based line where each item of the `quotes:` list starts.
fn item_lines(source: &str) -> Vec<usize> {
    let mut lines = Vec::new();
    let mut in_quotes = false;
    for (i, line) in source.lines().enumerate() {
        if line.starts_with("quotes:") {
            in_quotes = true;
        } else if in_quotes && !line.starts_with([' ', '-', '#']) && !line.trim().is_empty() {
            in_quotes = false;
        } else if in_quotes
            && line.trim_start().starts_with("- ")
            && line.len() - line.trim_start().len() <= 2
        {
            lines.push(i + 1);
        }
    }
    lines
}

/// The serde_yaml message without its trailing position (shown separately).
fn yaml_message(e: &serde_yaml::Error) -> String {
    let message = e.to_string();
    match message.rfind(" at line ") {
        Some(i) => message.slice(..i).to_owned(),
        None => message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::select::{select, SelectOptions};
    use crate::transcript::parse;

    const SEED: &str = include_str!("../../examples/occitanie-social-media-interview.txt");

    fn file() -> QuotesFile {
        let transcript = parse(SEED);
        let selection = select(&transcript, &SelectOptions::default());
        QuotesFile::new(Some(Path::new("seed.txt")), &transcript, &selection.quotes)
    }

    #[test]
    fn round_trips_through_yaml() {
        let original = file();
        let yaml = original.to_yaml();
        assert!(yaml.starts_with("# pullquote quotes file."));
        let (read, warnings) = QuotesFile::parse(&yaml, Path::new("q.yaml")).unwrap();
        assert_eq!(read, original);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(read.enabled_quotes().len(), original.quotes.len());
        assert_eq!(read.enabled_quotes()[0].speaker.name, "Aziz Oulhiyane");
    }

    #[test]
    fn edits_disabling_and_minimal_entries_are_honoured() {
        let yaml = "language: fr\nquotes:\n- text: Une phrase éditée.\n  speaker: {name: Anne Roux}\n  highlight: [éditée]\n- text: Celle-ci est écartée.\n  enabled: false\n  speaker: {name: Paul Dumas}\n";
        let (read, warnings) = QuotesFile::parse(yaml, Path::new("q.yaml")).unwrap();
        assert!(warnings.is_empty());
        let quotes = read.enabled_quotes();
        assert_eq!(quotes.len(), 1);
        assert_eq!(quotes[0].text, "Une phrase éditée.");
        assert_eq!(quotes[0].highlight, ["éditée"]);
        assert_eq!(quotes[0].language, Language::French);
        assert_eq!(quotes[0].kind, QuoteKind::Auto);
    }

    #[test]
    fn errors_name_the_line_and_suggest_a_fix() {
        let yaml = "language: fr\nquotes:\n- text: Bonjour à tous.\n  speeker: {name: Anne}\n";
        let error = QuotesFile::parse(yaml, Path::new("q.yaml")).unwrap_err();
        assert!(
            error.message.contains("unknown field `speeker`"),
            "{}",
            error.message
        );
        assert_eq!(error.line, Some(4));
        assert_eq!(error.hint.as_deref(), Some("did you mean `speaker`?"));

        let yaml = "language: fr\nquotes:\n- text: Bonjour à tous.\n  speaker: {name: Anne}\n- text: '  '\n  speaker: {name: Anne}\n";
        let error = QuotesFile::parse(yaml, Path::new("q.yaml")).unwrap_err();
        assert_eq!(error.message, "quote 2 has no text");
        assert_eq!(error.line, Some(5));

        let error = QuotesFile::parse("language: de\nquotes: []\n", Path::new("q.yaml")).unwrap_err();
        assert_eq!(error.message, "unknown language `de`");
    }

    #[test]
    fn a_highlight_missing_from_the_text_is_a_warning() {
        let yaml = "language: en\nquotes:\n- text: We never stopped.\n  speaker: {name: Ann}\n  highlight: [always]\n";
        let (_, warnings) = QuotesFile::parse(yaml, Path::new("q.yaml")).unwrap();
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].line, Some(3));
        assert!(warnings[0].message.contains("`always`"));
    }
}
