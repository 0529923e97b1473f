//! Selecting quotes: editor-marked pull quotes first, then the most quotable answer sentences.

mod attribute;
pub mod score;
pub mod sentences;

pub use attribute::{attribute, Attribution};

use crate::diagnostic::Diagnostic;
use crate::transcript::{Language, Speaker, Transcript, TurnKind};
use serde::Serialize;

/// Who said a quote, as it will be credited on the card.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuoteSpeaker {
    pub label: String,
    pub name: String,
    pub role: Option<String>,
    pub organisation: Option<String>,
}

impl From<&Speaker> for QuoteSpeaker {
    fn from(s: &Speaker) -> Self {
        QuoteSpeaker {
            label: s.label.clone(),
            name: s.name.clone(),
            role: s.role.clone(),
            organisation: s.organisation.clone(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Set apart by the transcript's editor.
    Editor,
    /// Found by the scorer.
    Auto,
}

/// Where a quote comes from in the transcript.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    /// 1-based line of the answer the quote's words come from.
    pub line: usize,
    /// 1-based column where the quoted passage starts on that line.
    pub column: usize,
    /// The line of the editor's mark, for editor quotes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mark_line: Option<usize>,
}

/// A selected quote with its attribution, score and the reasons for it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quote {
    /// Verbatim text: the editor's mark as written, or the exact answer span.
    pub text: String,
    pub speaker: QuoteSpeaker,
    pub kind: QuoteKind,
    pub score: f64,
    pub reasons: Vec<String>,
    pub source: Source,
    pub language: Language,
}

/// What to select.
#[derive(Debug, Clone)]
pub struct SelectOptions {
    /// Total number of quotes to return, editor quotes included.
    pub max_quotes: usize,
    /// Length window (in characters) for automatic candidates.
    pub min_chars: usize,
    pub max_chars: usize,
    /// Most consecutive sentences one automatic candidate may span.
    pub max_sentences: usize,
}

impl Default for SelectOptions {
    fn default() -> Self {
        SelectOptions {
            max_quotes: 5,
            min_chars: 60,
            max_chars: 280,
            max_sentences: 2,
        }
    }
}

/// The quotes chosen from one transcript, best first, and any problems met.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub quotes: Vec<Quote>,
    pub diagnostics: Vec<Diagnostic>,
}

/// A passage of an answer: turn, paragraph, byte range.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Span {
    turn: usize,
    paragraph: usize,
    start: usize,
    end: usize,
}

impl Span {
    fn overlaps(&self, other: &Span) -> bool {
        self.turn == other.turn
            && self.paragraph == other.paragraph
            && self.start < other.end
            && other.start < self.end
    }
}

const INTRODUCTION_CUES: &[&str] = &[
    "présentez-vous",
    "presentez-vous",
    "présenter",
    "introduce yourself",
    "tell us about yourself",
    "who are you",
    "qui êtes-vous",
    "votre parcours",
    "your background",
];

/// Picks the quotes of `transcript`: editor marks first (in order), then scored candidates.
pub fn select(transcript: &Transcript, options: &SelectOptions) -> Selection {
    let mut selection = Selection::default();
    let mut taken: Vec<Span> = Vec::new();

    for mark in &transcript.marks {
        let Some(found) = attribute(transcript, &mark.text) else {
            let credited = mark.credit.as_deref().and_then(|credit| {
                transcript.speakers.iter().find(|s| {
                    credit.contains(&s.name) || credit.split([',', ' ']).next() == Some(s.label.as_str())
                })
            });
            match credited {
                Some(speaker) => selection.quotes.push(Quote {
                    text: mark.text.clone(),
                    speaker: speaker.into(),
                    kind: QuoteKind::Editor,
                    score: 1.0,
                    reasons: vec![format!(
                        "set apart by the editor on line {}, credited to {}",
                        mark.line, speaker.name
                    )],
                    source: Source {
                        line: mark.line,
                        column: mark.column,
                        mark_line: Some(mark.line),
                    },
                    language: transcript.language,
                }),
                None => selection.diagnostics.push(
                    Diagnostic::warning(
                        "editor's pull quote repeats no answer, so its speaker is unknown; it is left out",
                    )
                    .at(mark.line, mark.column)
                    .with_hint("quote the answer's words, or add a credit line such as `— Prénom Nom`"),
                ),
            }
            continue;
        };
        let turn = &transcript.turns[found.turn];
        let paragraph = &turn.paragraphs[found.paragraph];
        let Some(speaker_id) = turn.speaker else {
            selection.diagnostics.push(
                Diagnostic::warning(
                    "editor's pull quote repeats an answer whose speaker is unknown; it is left out",
                )
                .at_line(mark.line),
            );
            continue;
        };
        let speaker = transcript.speaker(speaker_id);
        taken.push(Span {
            turn: found.turn,
            paragraph: found.paragraph,
            start: found.span.0,
            end: found.span.1,
        });
        let how = if found.similarity >= 1.0 {
            "repeats"
        } else {
            "closely rewords"
        };
        selection.quotes.push(Quote {
            text: mark.text.clone(),
            speaker: speaker.into(),
            kind: QuoteKind::Editor,
            score: 1.0,
            reasons: vec![
                format!("set apart by the editor on line {}", mark.line),
                format!("{how} {}’s answer on line {}", speaker.name, paragraph.line),
            ],
            source: Source {
                line: paragraph.line,
                column: paragraph.column + paragraph.text[..found.span.0].chars().count(),
                mark_line: Some(mark.line),
            },
            language: transcript.language,
        });
    }

    let mut candidates = candidates(transcript, options);
    candidates.sort_by(|a, b| {
        b.1.score
            .total_cmp(&a.1.score)
            .then(a.0.turn.cmp(&b.0.turn))
            .then(a.0.start.cmp(&b.0.start))
    });
    for (span, scored) in candidates {
        if selection.quotes.len() >= options.max_quotes {
            break;
        }
        if taken.iter().any(|t| t.overlaps(&span)) {
            continue;
        }
        let turn = &transcript.turns[span.turn];
        let Some(speaker_id) = turn.speaker else { continue };
        let paragraph = &turn.paragraphs[span.paragraph];
        taken.push(span);
        selection.quotes.push(Quote {
            text: paragraph.text[span.start..span.end].to_owned(),
            speaker: transcript.speaker(speaker_id).into(),
            kind: QuoteKind::Auto,
            score: scored.score,
            reasons: scored.reasons,
            source: Source {
                line: paragraph.line,
                column: paragraph.column + paragraph.text[..span.start].chars().count(),
                mark_line: None,
            },
            language: transcript.language,
        });
    }
    selection.quotes.truncate(options.max_quotes);
    selection
}

/// Every window of one to `max_sentences` consecutive sentences of an attributed answer that
/// fits the length window, with its score.
fn candidates(transcript: &Transcript, options: &SelectOptions) -> Vec<(Span, score::Scored)> {
    let mut out = Vec::new();
    let mut answer_index = 0;
    let mut after_introduction_question = false;
    for (t, turn) in transcript.turns.iter().enumerate() {
        if turn.kind == TurnKind::Question {
            let q = turn.text().to_lowercase();
            after_introduction_question = INTRODUCTION_CUES.iter().any(|c| q.contains(c));
            continue;
        }
        let context = score::Context {
            answer_index,
            after_introduction_question,
        };
        answer_index += 1;
        if turn.speaker.is_none() {
            continue;
        }
        for (p, paragraph) in turn.paragraphs.iter().enumerate() {
            let sentences = sentences::split(&paragraph.text);
            for i in 0..sentences.len() {
                for j in i..sentences.len().min(i + options.max_sentences) {
                    let (start, end) = (sentences[i].0, sentences[j].1);
                    let text = &paragraph.text[start..end];
                    let chars = text.chars().count();
                    if chars > options.max_chars {
                        break;
                    }
                    if chars < options.min_chars {
                        continue;
                    }
                    let mut scored = score::score(text, transcript.language, context);
                    if j > i {
                        // Longer passages must earn their place on a card.
                        scored.score = ((scored.score - 0.03) * 1000.0).round() / 1000.0;
                    }
                    out.push((
                        Span {
                            turn: t,
                            paragraph: p,
                            start,
                            end,
                        },
                        scored,
                    ));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transcript::parse;

    const SEED: &str = include_str!("../../examples/occitanie-social-media-interview.txt");

    #[test]
    fn seed_editor_quote_ranks_first_and_is_attributed() {
        let selection = select(&parse(SEED), &SelectOptions::default());
        let first = &selection.quotes[0];
        assert_eq!(first.kind, QuoteKind::Editor);
        assert_eq!(first.speaker.name, "Aziz Oulhiyane");
        assert_eq!(first.source.line, 6);
        assert_eq!(first.source.mark_line, Some(7));
        assert!(selection.diagnostics.is_empty());
    }

    #[test]
    fn auto_quotes_come_from_answers_only_and_do_not_repeat_the_editor_quote() {
        let transcript = parse(SEED);
        let selection = select(&transcript, &SelectOptions::default());
        assert_eq!(selection.quotes.len(), 5);
        for quote in &selection.quotes[1..] {
            assert_eq!(quote.kind, QuoteKind::Auto);
            let turn = transcript
                .turns
                .iter()
                .find(|t| t.paragraphs.iter().any(|p| p.line == quote.source.line))
                .unwrap();
            assert_eq!(turn.kind, TurnKind::Answer);
            assert!(
                !quote.text.contains("parce que j’ai fait tel tweet"),
                "{}",
                quote.text
            );
            assert!((60..=280).contains(&quote.text.chars().count()));
        }
        let scores: Vec<f64> = selection.quotes[1..].iter().map(|q| q.score).collect();
        assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    }

    #[test]
    fn editor_sentence_is_in_auto_top_three_without_the_mark() {
        let without_mark: String = SEED
            .lines()
            .filter(|l| !l.starts_with('«'))
            .collect::<Vec<_>>()
            .join("\n");
        let selection = select(&parse(&without_mark), &SelectOptions::default());
        let top3: Vec<&str> = selection.quotes.iter().take(3).map(|q| q.text.as_str()).collect();
        assert!(
            top3.iter()
                .any(|q| q.contains("donner trop d’importance à notre travail")),
            "{top3:#?}"
        );
    }
}
