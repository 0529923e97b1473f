//! Selecting quotes: editor-marked pull quotes first, then the most quotable answer passages,
//! ranked for variety.
//!
//! The pipeline: split answers into sentences (`sentences`), form candidate windows of one to
//! three sentences that fit a card (`candidates`), apply editorial cuts (`cuts`), score each from
//! explainable features (`features`, `weights`, `score`) in the light of what the answer responds
//! to (`answer`), hold back passages no editor would show, then rank for variety (`diversity`)
//! and say why each pick beat the next (`compare`).
//! `review` reads and writes the editable quotes file; `prose` ranks the sentences of plain text.

#[doc(hidden)]
pub mod answer;
mod attribute;
mod auto;
mod candidates;
mod compare;
pub mod cuts;
mod diversity;
#[doc(hidden)]
pub mod features;
mod lexicon;
#[doc(hidden)]
pub mod prose;
pub mod review;
#[doc(hidden)]
pub mod score;
#[doc(hidden)]
pub mod sentences;
mod tense;
#[doc(hidden)]
pub mod weights;
#[doc(hidden)]
pub mod words;

pub use attribute::{attribute, Answers, Attribution};
pub use auto::{sentence_scores, AnswerSentence};
pub use cuts::Cut;

use crate::boundary::SafeSlice;
use crate::diagnostic::Diagnostic;
use crate::transcript::{Language, Speaker, Transcript};
use serde::{Deserialize, Serialize};

/// Who said a quote, as it will be credited on the card.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuoteSpeaker {
    /// The label the transcript uses for them (`AO`), if any.
    #[serde(default)]
    pub label: String,
    /// The full name.
    pub name: String,
    /// Their role.
    #[serde(default)]
    pub role: Option<String>,
    /// Their organisation.
    #[serde(default)]
    pub organisation: Option<String>,
    /// A portrait, from the transcript's front matter or a quotes file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photo: Option<std::path::PathBuf>,
}

impl From<&Speaker> for QuoteSpeaker {
    fn from(s: &Speaker) -> Self {
        QuoteSpeaker {
            label: s.label.clone(),
            name: s.name.clone(),
            role: s.role.clone(),
            organisation: s.organisation.clone(),
            photo: s.photo.clone(),
        }
    }
}

/// Where a quote comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Set apart by the transcript's editor.
    Editor,
    /// Found by the scorer.
    Auto,
}

/// Where a quote comes from in the transcript.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// 1-based line of the answer the quote's words come from.
    pub line: usize,
    /// 1-based column where the quoted passage starts on that line.
    pub column: usize,
    /// Length in characters of the verbatim passage, for automatic quotes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub length: Option<usize>,
    /// The line of the editor's mark, for editor quotes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mark_line: Option<usize>,
}

/// A selected quote with its attribution, score and the reasons for it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quote {
    /// What the card says: the editor's mark as written, or the answer's words (with any cuts).
    pub text: String,
    /// Who said it.
    pub speaker: QuoteSpeaker,
    /// Set apart by an editor, or found by the scorer.
    pub kind: QuoteKind,
    /// How quotable it is, from 0 to 1 (1 for an editor's choice).
    pub score: f64,
    /// Why it was chosen, one reason a line.
    pub reasons: Vec<String>,
    /// Where it is in the transcript.
    pub source: Source,
    /// Its language.
    pub language: Language,
    /// The source passage word for word, when `text` has cuts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verbatim: Option<String>,
    /// The cuts that turn `verbatim` into `text`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cuts: Vec<Cut>,
    /// Words worth setting in the accent colour.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub highlight: Vec<String>,
}

/// The shortest automatic quote by default, in characters: room for a short, punchy line.
pub const DEFAULT_MIN_CHARS: usize = 30;
/// The longest automatic quote by default, in characters: three sentences that only work
/// together still fit a card at a readable size.
pub const DEFAULT_MAX_CHARS: usize = 300;

/// What to select.
#[derive(Debug, Clone)]
pub struct SelectOptions {
    /// Total number of quotes to return, editor quotes included.
    pub max_quotes: usize,
    /// Length window (in characters) for automatic candidates.
    pub min_chars: usize,
    /// Longest automatic quote, in characters.
    pub max_chars: usize,
    /// Most consecutive sentences one automatic candidate may span.
    pub max_sentences: usize,
    /// Let automatic quotes drop a leading connective or a hesitation, marked `[…]`.
    pub cuts: bool,
    /// Rank automatic quotes for variety across ideas, speakers and answers.
    pub diversity: bool,
    /// The scorer's feature weights.
    pub weights: weights::Weights,
}

impl Default for SelectOptions {
    fn default() -> Self {
        SelectOptions {
            max_quotes: 5,
            min_chars: DEFAULT_MIN_CHARS,
            max_chars: DEFAULT_MAX_CHARS,
            max_sentences: 3,
            cuts: true,
            diversity: true,
            weights: weights::Weights::default(),
        }
    }
}

/// The quotes chosen from one transcript, best first, and any problems met.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// The quotes, best first.
    pub quotes: Vec<Quote>,
    /// Problems met, such as an editor's mark that repeats no answer.
    pub diagnostics: Vec<Diagnostic>,
}

/// A passage of an answer: turn, paragraph, byte range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Span {
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

/// Picks the quotes of `transcript`: editor marks first (in order), then scored candidates.
pub fn select(transcript: &Transcript, options: &SelectOptions) -> Selection {
    let mut selection = Selection::default();
    let mut taken: Vec<Span> = Vec::new();
    // The editor's quotes as the variety ranking sees them.
    let mut chosen: Vec<diversity::Item> = Vec::new();
    let language = transcript.language;

    let answers = Answers::new(transcript);
    for mark in &transcript.marks {
        let Some(found) = answers.attribute(transcript, &mark.text) else {
            let credited = mark.credit.as_deref().and_then(|credit| {
                transcript.speakers.iter().find(|s| {
                    credit.contains(&s.name) || credit.split([',', ' ']).next() == Some(s.label.as_str())
                })
            });
            match credited {
                Some(speaker) => {
                    chosen.push(diversity::Item {
                        relevance: 1.0,
                        speaker: transcript.speakers.iter().position(|s| s == speaker),
                        answer: usize::MAX,
                        words: words::content_words(&mark.text, language),
                    });
                    selection.quotes.push(Quote {
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
                            length: None,
                            mark_line: Some(mark.line),
                        },
                        language,
                        verbatim: None,
                        cuts: Vec::new(),
                        highlight: Vec::new(),
                    })
                }
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
        chosen.push(diversity::Item {
            relevance: 1.0,
            speaker: Some(speaker_id),
            answer: found.turn,
            words: words::content_words(&mark.text, language),
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
                column: paragraph.column + paragraph.text.slice(..found.span.0).chars().count(),
                length: None,
                mark_line: Some(mark.line),
            },
            language,
            verbatim: None,
            cuts: Vec::new(),
            highlight: Vec::new(),
        });
    }

    let wanted = options.max_quotes.saturating_sub(selection.quotes.len());
    let automatic = auto::automatic_quotes(transcript, options, &taken, &chosen, wanted);
    selection.quotes.extend(automatic);
    selection.quotes.truncate(options.max_quotes);
    selection
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transcript::{parse, TurnKind};

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
            assert!((DEFAULT_MIN_CHARS..=DEFAULT_MAX_CHARS).contains(&quote.text.chars().count()));
        }
        // A quote ranked above a better-scoring one says it was chosen for variety.
        for pair in selection.quotes[1..].windows(2) {
            if pair[0].score < pair[1].score {
                assert!(
                    pair[0].reasons.iter().any(|r| r.contains("for variety")),
                    "{:?}",
                    pair[0]
                );
            }
        }
        // Without variety, automatic quotes come in score order.
        let by_score = SelectOptions {
            diversity: false,
            ..SelectOptions::default()
        };
        let selection = select(&transcript, &by_score);
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

    const CUT_INTERVIEW: &str = "Entretien avec Anne Roux, maire de Lunel.\n\
        Quel est votre rôle ?\n\
        AR : Je suis maire depuis 2014 et je m’occupe de la communication de la ville.\n\
        Qu’avez-vous appris ?\n\
        AR : Et on a, euh, appris qu’une ville ne se raconte jamais toute seule : ce sont ses habitants qui la racontent le mieux.\n";

    #[test]
    fn cut_quotes_keep_the_verbatim_span_and_its_position() {
        let transcript = parse(CUT_INTERVIEW);
        let selection = select(&transcript, &SelectOptions::default());
        let quote = selection
            .quotes
            .iter()
            .find(|q| q.text.contains("habitants"))
            .expect("the second answer is quoted");
        assert_eq!(
            quote.text,
            "[O]n a […] appris qu’une ville ne se raconte jamais toute seule : ce sont ses habitants qui la racontent le mieux."
        );
        let verbatim = quote.verbatim.as_deref().unwrap();
        assert!(verbatim.starts_with("Et on a, euh, appris"));
        assert_eq!(quote.cuts.len(), 2);
        assert!(quote.reasons.iter().any(|r| r.contains("editorial cut")));
        let line = CUT_INTERVIEW.lines().nth(quote.source.line - 1).unwrap();
        let from_source: String = line
            .chars()
            .skip(quote.source.column - 1)
            .take(quote.source.length.unwrap())
            .collect();
        assert_eq!(from_source, verbatim);
        assert_eq!(quote.highlight, ["jamais", "mieux"]);

        let verbatim_only = SelectOptions {
            cuts: false,
            ..SelectOptions::default()
        };
        let selection = select(&transcript, &verbatim_only);
        assert!(selection
            .quotes
            .iter()
            .all(|q| q.verbatim.is_none() && q.cuts.is_empty()));
    }

    #[test]
    fn questions_are_never_quoted_and_the_introduction_answer_is_held_back() {
        let transcript = parse(CUT_INTERVIEW);
        let selection = select(&transcript, &SelectOptions::default());
        assert!(selection.quotes.iter().all(|q| !q.text.contains('?')));
        let intro = selection
            .quotes
            .iter()
            .position(|q| q.text.contains("maire depuis"));
        let claim = selection.quotes.iter().position(|q| q.text.contains("habitants"));
        assert!(claim < intro || intro.is_none(), "{:#?}", selection.quotes);
        if let Some(i) = intro {
            assert!(selection.quotes[i]
                .reasons
                .iter()
                .any(|r| r.contains("self-introduction")));
        }
    }

    #[test]
    fn a_first_answer_that_is_no_biography_is_not_held_back() {
        let transcript = parse(
            "We spoke with Priya Natarajan, director of the Eastbrook Library.\n\
             Why open until midnight?\n\
             Priya Natarajan: Because that's when people need us. Libraries are the last free indoor space in town, and we should act like it.\n\
             What next?\n\
             Priya Natarajan: I'm the director here, and my role is to keep the doors open.\n",
        );
        let selection = select(&transcript, &SelectOptions::default());
        let reasons_of = |needle: &str| {
            selection
                .quotes
                .iter()
                .find(|q| q.text.contains(needle))
                .map(|q| q.reasons.join("; "))
                .unwrap_or_default()
        };
        assert!(!reasons_of("last free indoor").contains("self-introduction"));
        assert!(!reasons_of("last free indoor").is_empty());

        let transcript = parse(
            "We spoke with Priya Natarajan, director of the Eastbrook Library.\n\
             Where do you start?\n\
             Priya Natarajan: My role is to keep the doors open for everyone who needs a quiet, warm and free place in this town.\n",
        );
        let selection = select(&transcript, &SelectOptions::default());
        assert!(selection.quotes[0]
            .reasons
            .iter()
            .any(|r| r.contains("self-introduction")));
    }
}
