//! Automatic quotes: every candidate passage of every attributed answer, scored, then ranked for
//! variety around the editor's own choices.

use super::answer::{Prompt, Themes};
use super::candidates::{self, Candidate, Segment};
use super::compare;
use super::features::{Context, Feature, Signal, SpeakerWords};
use super::score::Scored;
use super::words::{self, WordStats};
use super::{diversity, lexicon, sentences, Quote, QuoteKind, SelectOptions, Source, Span};
use crate::boundary::SafeSlice;
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
    let tokens = words::tokenize(answer.slice(..opening_end), language);
    let lower: Vec<&str> = tokens.iter().map(|t| t.lower.as_str()).collect();
    !words::found(&lower, &lexicon::of(language).self_presentation, language).is_empty()
}

/// A scored candidate and where it sits in the transcript.
struct Located {
    span: Span,
    speaker: usize,
    candidate: Candidate,
}

/// Opening words of a paragraph that is an editor's note or a caption, not the speaker's words.
const ASIDES: &[&str] = &[
    "ndlr",
    "nota",
    "n.b",
    "note",
    "editor’s note",
    "editor's note",
    "photo",
    "photos",
    "crédit",
    "crédits",
    "credit",
    "credits",
    "image",
    "caption",
    "légende",
    "source",
    "sources",
];

/// Whether `paragraph` is an editor's note or a caption set among the answers: it opens on
/// `NDLR`, `Note :`, `Photo :`… followed by a colon or a dash, or stands wholly in brackets.
fn is_aside(paragraph: &str) -> bool {
    let text = paragraph.trim().trim_start_matches(['*', '_', '>', ' ']);
    if (text.starts_with('[') && text.ends_with(']')) || (text.starts_with('(') && text.ends_with(')')) {
        return true;
    }
    let lower = text.to_lowercase();
    ASIDES.iter().any(|a| {
        lower.strip_prefix(a).is_some_and(|rest| {
            rest.trim_start_matches(['*', '_', ' ', '\u{a0}', '\u{202f}'])
                .starts_with([':', '—', '–', '-'])
        })
    })
}

/// Every candidate window of every attributed answer, with its score.
fn transcript_candidates(transcript: &Transcript, options: &SelectOptions) -> Vec<Located> {
    let language = transcript.language;
    let answers: Vec<String> = transcript.answers().map(|t| t.text()).collect();
    let stats = WordStats::new(answers.iter().map(String::as_str), language);
    let speaker_words: Vec<SpeakerWords> = transcript
        .speakers
        .iter()
        .map(|s| SpeakerWords::new(s.role.as_deref(), s.organisation.as_deref(), language))
        .collect();
    let themes = Themes::of(transcript);
    let mut out = Vec::new();
    let mut answer_index = 0;
    let mut after_introduction_question = false;
    let mut prompt = Prompt::Other;
    for (t, turn) in transcript.turns.iter().enumerate() {
        if turn.kind == TurnKind::Question {
            let q = turn.text();
            let lower = q.to_lowercase();
            after_introduction_question = INTRODUCTION_CUES.iter().any(|c| lower.contains(c));
            prompt = Prompt::of(&q, language);
            continue;
        }
        // The first answer is held back only when it reads as a biography: many interviews
        // open on their strongest question.
        let Some(speaker) = turn.speaker else {
            answer_index += 1;
            continue;
        };
        let introduction =
            after_introduction_question || (answer_index == 0 && presents_self(&turn.text(), language));
        answer_index += 1;
        let context = Context {
            introduction,
            stats: Some(&stats),
            speaker: speaker_words.get(speaker),
            prompt: Some(&prompt),
            themes: (!themes.is_empty()).then_some(&themes),
        };
        let paragraphs: Vec<(usize, &str)> = turn
            .paragraphs
            .iter()
            .enumerate()
            .map(|(p, paragraph)| (p, paragraph.text.as_str()))
            .filter(|(_, text)| !is_aside(text))
            .collect();
        let sentences_in_answer: usize = paragraphs
            .iter()
            .map(|(_, text)| sentences::split(text).len())
            .sum();
        for (n, &(p, text)) in paragraphs.iter().enumerate() {
            let segment = Segment {
                text,
                speech: None,
                context,
                opens_answer: n == 0,
                closes_answer: n + 1 == paragraphs.len() && sentences_in_answer > 1,
            };
            for candidate in candidates::windows(&segment, language, options) {
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
            .rank()
            .total_cmp(&a.candidate.scored.rank())
            .then(a.span.turn.cmp(&b.span.turn))
            .then(a.span.paragraph.cmp(&b.span.paragraph))
            .then(a.span.start.cmp(&b.span.start))
            .then(a.span.end.cmp(&b.span.end))
    });
    located.truncate(SHORTLIST);

    // Passages no editor would show come only when nothing else is left: they are ranked
    // after the others, as a tier of their own.
    let lambda = if options.diversity { diversity::LAMBDA } else { 1.0 };
    let item = |l: &Located, bottom: f64, spread: f64| diversity::Item {
        relevance: (l.candidate.scored.logit - bottom) / spread,
        speaker: Some(l.speaker),
        answer: l.span.turn,
        words: words::content_words(&l.candidate.text, language),
    };
    let mut picks: Vec<(usize, Option<usize>)> = Vec::new();
    let mut before: Vec<diversity::Item> = chosen.to_vec();
    for held in [false, true] {
        let tier: Vec<usize> = (0..located.len())
            .filter(|&i| located[i].candidate.scored.held_back.is_empty() != held)
            .filter(|&i| {
                !picks
                    .iter()
                    .any(|&(p, _)| located[p].span.overlaps(&located[i].span))
            })
            .collect();
        let wanted_here = wanted - picks.len();
        if tier.is_empty() || wanted_here == 0 {
            continue;
        }
        // Relevance relative to the tier, so that variety weighs the same whatever the scale of
        // the scores.
        let logits = tier.iter().map(|&i| located[i].candidate.scored.logit);
        let top = logits.clone().fold(f64::NEG_INFINITY, f64::max);
        let bottom = logits.fold(f64::INFINITY, f64::min);
        let spread = (top - bottom).max(1e-9);
        let items: Vec<diversity::Item> = tier.iter().map(|&i| item(&located[i], bottom, spread)).collect();
        let ranked = diversity::rank(&items, &before, wanted_here, lambda, |a, b| {
            !located[tier[a]].span.overlaps(&located[tier[b]].span)
        });
        for pick in ranked {
            before.push(items[pick.index].clone());
            picks.push((tier[pick.index], pick.varied_from));
        }
    }

    // The passage that would have come next: the best one left that overlaps no pick.
    let runner_up = (0..located.len()).find(|&i| {
        !picks
            .iter()
            .any(|&(p, _)| located[p].span.overlaps(&located[i].span))
    });
    let weights = &options.weights;
    picks
        .iter()
        .enumerate()
        .map(|(n, &(index, varied_from))| {
            let l = &located[index];
            let turn = &transcript.turns[l.span.turn];
            let paragraph = &turn.paragraphs[l.span.paragraph];
            let verbatim = paragraph.text.slice(l.span.start..l.span.end);
            let mut reasons = Vec::new();
            let next = match picks.get(n + 1) {
                Some(&(next, _)) => Some((next, compare::Next::Pick(chosen.len() + n + 2))),
                None => runner_up.map(|r| (r, compare::Next::Left)),
            };
            if let Some((next, which)) = next {
                reasons.extend(compare::why_above(
                    &l.candidate.scored,
                    &located[next].candidate.scored,
                    which,
                    weights,
                ));
            }
            reasons.extend(l.candidate.scored.reasons.iter().cloned());
            reasons.extend(super::cuts::explain(verbatim, &l.candidate.cuts));
            if let Some(earlier) = varied_from {
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
                    column: paragraph.column + paragraph.text.slice(..l.span.start).chars().count(),
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
            .map(|t| text.slice(t.start..t.end).to_owned())
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
                .is_none_or(|s| located.candidate.scored.rank() > s.rank())
            {
                sentence.scored = Some(located.candidate.scored.clone());
            }
        }
    }
    out
}
