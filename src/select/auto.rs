//! Automatic quotes: every candidate passage of every attributed answer, scored, then ranked for
//! variety around the editor's own choices.

use super::candidates::{self, Candidate, Segment};
use super::features::{Context, Feature, Signal, SpeakerWords};
use super::score::Scored;
use super::words::{self, WordStats};
use super::{diversity, lexicon, sentences, Quote, QuoteKind, SelectOptions, Source, Span};
use crate::transcript::{Language, Transcript, TurnKind};

/// Words of a question that asks the speaker to introduce themselves.
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

/// Whether an answer opens (first two sentences) with the speaker presenting themselves: a
/// presentation phrase (`my role`, `je suis responsable`). Role or organisation words alone are
/// usually the interview's topic, and a later "I am" is an opinion, not a biography.
fn presents_self(answer: &str, language: Language) -> bool {
    let spans = sentences::split(answer);
    let opening_end = spans.get(1).or(spans.first()).map_or(answer.len(), |s| s.1);
    let tokens = words::tokenize(&answer[..opening_end], language);
    let lower: Vec<&str> = tokens.iter().map(|t| t.lower.as_str()).collect();
    !words::found(&lower, &lexicon::of(language).self_presentation, language).is_empty()
}

/// A scored candidate and where it sits in the transcript.
struct Located {
    span: Span,
    speaker: usize,
    candidate: Candidate,
}

/// Every candidate window of every attributed answer, with its score.
fn transcript_candidates(transcript: &Transcript, options: &SelectOptions) -> Vec<Located> {
    let answers: Vec<String> = transcript.answers().map(|t| t.text()).collect();
    let stats = WordStats::new(answers.iter().map(String::as_str), transcript.language);
    let speaker_words: Vec<SpeakerWords> = transcript
        .speakers
        .iter()
        .map(|s| SpeakerWords::new(s.role.as_deref(), s.organisation.as_deref(), transcript.language))
        .collect();
    let mut out = Vec::new();
    let mut answer_index = 0;
    let mut after_introduction_question = false;
    for (t, turn) in transcript.turns.iter().enumerate() {
        if turn.kind == TurnKind::Question {
            let q = turn.text().to_lowercase();
            after_introduction_question = INTRODUCTION_CUES.iter().any(|c| q.contains(c));
            continue;
        }
        // The first answer is held back only when it reads as a biography: many interviews
        // open on their strongest question.
        let Some(speaker) = turn.speaker else {
            answer_index += 1;
            continue;
        };
        let introduction = after_introduction_question
            || (answer_index == 0 && presents_self(&turn.text(), transcript.language));
        answer_index += 1;
        let context = Context {
            introduction,
            stats: Some(&stats),
            speaker: speaker_words.get(speaker),
        };
        for (p, paragraph) in turn.paragraphs.iter().enumerate() {
            let segment = Segment {
                text: &paragraph.text,
                speech: None,
                context,
            };
            for candidate in candidates::windows(&segment, transcript.language, options) {
                out.push(Located {
                    span: Span {
                        turn: t,
                        paragraph: p,
                        start: candidate.start,
                        end: candidate.end,
                    },
                    speaker,
                    candidate,
                });
            }
        }
    }
    out
}

/// How many of the best candidates the variety ranking considers.
const SHORTLIST: usize = 300;

/// Scores the answers' candidate passages and picks the best for variety, avoiding `taken` spans.
pub(crate) fn automatic_quotes(
    transcript: &Transcript,
    options: &SelectOptions,
    taken: &[Span],
    chosen: &[diversity::Item],
    wanted: usize,
) -> Vec<Quote> {
    if wanted == 0 {
        return Vec::new();
    }
    let language = transcript.language;
    let mut located = transcript_candidates(transcript, options);
    located.retain(|l| !taken.iter().any(|t| t.overlaps(&l.span)));
    located.sort_by(|a, b| {
        b.candidate
            .scored
            .logit
            .total_cmp(&a.candidate.scored.logit)
            .then(a.span.turn.cmp(&b.span.turn))
            .then(a.span.paragraph.cmp(&b.span.paragraph))
            .then(a.span.start.cmp(&b.span.start))
            .then(a.span.end.cmp(&b.span.end))
    });
    located.truncate(SHORTLIST);

    // Relevance relative to the shortlist, so that variety weighs the same whatever the scale
    // of the scores.
    let top = located.first().map_or(0.0, |l| l.candidate.scored.logit);
    let bottom = located.last().map_or(0.0, |l| l.candidate.scored.logit);
    let spread = (top - bottom).max(1e-9);
    let item = |l: &Located| diversity::Item {
        relevance: (l.candidate.scored.logit - bottom) / spread,
        speaker: Some(l.speaker),
        answer: l.span.turn,
        words: words::content_words(&l.candidate.text, language),
    };
    let items: Vec<diversity::Item> = located.iter().map(item).collect();
    let lambda = if options.diversity { diversity::LAMBDA } else { 1.0 };
    let picks = diversity::rank(&items, chosen, wanted, lambda, |i, j| {
        !located[i].span.overlaps(&located[j].span)
    });

    picks
        .into_iter()
        .map(|pick| {
            let l = &located[pick.index];
            let turn = &transcript.turns[l.span.turn];
            let paragraph = &turn.paragraphs[l.span.paragraph];
            let verbatim = &paragraph.text[l.span.start..l.span.end];
            let mut reasons = l.candidate.scored.reasons.clone();
            if let Some(earlier) = pick.varied_from {
                reasons.push(format!(
                    "ranked for variety above a higher-scoring passage too close to quote {}",
                    earlier + 1
                ));
            }
            let cut = !l.candidate.cuts.is_empty();
            Quote {
                text: l.candidate.text.clone(),
                speaker: transcript.speaker(l.speaker).into(),
                kind: QuoteKind::Auto,
                score: l.candidate.scored.score,
                reasons,
                source: Source {
                    line: paragraph.line,
                    column: paragraph.column + paragraph.text[..l.span.start].chars().count(),
                    length: Some(verbatim.chars().count()),
                    mark_line: None,
                },
                language,
                verbatim: cut.then(|| verbatim.to_owned()),
                cuts: l.candidate.cuts.clone(),
                highlight: highlights(&l.candidate.scored.signals, &l.candidate.text, language),
            }
        })
        .collect()
}

/// Up to two words of `text` worth setting in the accent colour: an absolute and an evaluative
/// word that carry its stance, as written in the text.
fn highlights(signals: &[Signal], text: &str, language: Language) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let tokens = words::tokenize(text, language);
    // One word of each kind: the first absolute, then the first evaluative word.
    for feature in [Feature::Absolute, Feature::Evaluative] {
        let Some(signal) = signals.iter().find(|s| s.feature == feature) else {
            continue;
        };
        let written = signal
            .evidence
            .iter()
            .filter(|w| !w.contains(' ') && w.chars().count() >= 4 && !lexicon::is_function_word(w, language))
            .filter_map(|w| tokens.iter().find(|t| &t.lower == w))
            .map(|t| text[t.start..t.end].to_owned())
            .find(|w| !out.contains(w));
        out.extend(written);
    }
    out
}

/// One sentence of an attributed answer, with the best-scoring candidate passage that holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerSentence {
    /// The answer's turn.
    pub turn: usize,
    /// The paragraph of that turn.
    pub paragraph: usize,
    /// Byte range in the paragraph's text.
    pub start: usize,
    /// End of the byte range.
    pub end: usize,
    /// `None` when no passage that fits a card holds the sentence.
    pub scored: Option<Scored>,
}

/// Scores every sentence of every attributed answer as `select` sees it, for measuring the
/// scorer: each sentence takes the score of the best candidate passage it belongs to.
pub fn sentence_scores(transcript: &Transcript, options: &SelectOptions) -> Vec<AnswerSentence> {
    let mut out: Vec<AnswerSentence> = Vec::new();
    for (t, turn) in transcript.turns.iter().enumerate() {
        if turn.kind != TurnKind::Answer || turn.speaker.is_none() {
            continue;
        }
        for (p, paragraph) in turn.paragraphs.iter().enumerate() {
            out.extend(
                sentences::split(&paragraph.text)
                    .into_iter()
                    .map(|(start, end)| AnswerSentence {
                        turn: t,
                        paragraph: p,
                        start,
                        end,
                        scored: None,
                    }),
            );
        }
    }
    for located in transcript_candidates(transcript, options) {
        let (first, last) = located.candidate.sentences;
        let Some(base) = out
            .iter()
            .position(|s| s.turn == located.span.turn && s.paragraph == located.span.paragraph)
        else {
            continue;
        };
        for sentence in &mut out[base + first..=base + last] {
            if sentence
                .scored
                .as_ref()
                .is_none_or(|s| located.candidate.scored.logit > s.logit)
            {
                sentence.scored = Some(located.candidate.scored.clone());
            }
        }
    }
    out
}
