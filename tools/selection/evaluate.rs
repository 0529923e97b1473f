//! Scores every text of the evaluation set and measures the ranking: hit@1/3/5 and mean per-text
//! ROC AUC over sentences, for articles, interviews and spoken sentences apart; and, for
//! interviews, whether the quotes `select` picks (what `extract` shows) include the editor's,
//! credited to the right speaker.

use super::dataset::Record;
use super::metrics;
use pullquote::select::features::Signal;
use pullquote::select::{self, prose, QuoteKind, SelectOptions};
use pullquote::transcript::{self, Language, Speaker, Transcript, TurnKind};
use std::path::Path;

/// How to evaluate.
#[derive(Debug, Clone, Default)]
pub struct Setup {
    pub options: SelectOptions,
    /// Credit every unattributed answer to one stand-in interviewee, so that the scorer can be
    /// measured apart from the reader's attribution (a development aid; the reported figures
    /// leave it off).
    pub attribute_all: bool,
}

impl Setup {
    #[allow(dead_code)] // Used by the tests, not by every tool.
    pub fn new(options: SelectOptions) -> Setup {
        Setup {
            options,
            attribute_all: false,
        }
    }
}

/// The measures for one text.
#[derive(Debug, Clone)]
pub struct TextResult {
    pub id: String,
    pub source: String,
    pub interview: bool,
    /// Whether a top-1, top-3 and top-5 sentence hits a pull quote.
    pub hits: [bool; 3],
    pub auc: Option<f64>,
    /// The same among spoken sentences only (answers, or direct speech in an article), when a
    /// pull quote is spoken: how well the scorer ranks spoken words against each other, as it
    /// must in an interview.
    pub spoken_hits: Option<[bool; 3]>,
    pub spoken_auc: Option<f64>,
    /// Interviews: whether the first one, three and five quotes `select` picks hold a pull quote.
    pub picks: Option<[bool; 3]>,
    /// Interviews: whether the first pick that holds a pull quote is credited to the speaker the
    /// editor credited (`None` when no pick holds one or the editor credited nobody by name).
    pub speaker_right: Option<bool>,
    pub sentences: usize,
    /// The top five sentences, for error analysis.
    pub top: Vec<String>,
    /// Interviews: the top five picks, for error analysis.
    pub top_picks: Vec<String>,
}

pub const KS: [usize; 3] = [1, 3, 5];

/// Direct speech ranges of the whole text, paragraph by paragraph.
fn speech_in(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split('\n') {
        out.extend(
            prose::speech_ranges(line)
                .into_iter()
                .map(|(s, e)| (s + offset, e + offset)),
        );
        offset += line.len() + 1;
    }
    out
}

/// A sentence of a record with its score.
pub struct Sentence {
    /// Byte range of the record's text.
    pub start: usize,
    pub end: usize,
    /// Log-odds, as selection ranks it; lowest when no candidate passage holds the sentence.
    pub logit: f64,
    /// Someone's spoken words: an answer of an interview, or direct speech in an article.
    pub spoken: bool,
    /// The signals of the best passage that holds the sentence.
    pub signals: Option<Vec<Signal>>,
}

/// The record read as `extract` reads it: through the transcript reader, with the file's
/// extension deciding Markdown. `None` when the reader finds no answer.
pub fn transcript_of(record: &Record, setup: &Setup) -> Option<Transcript> {
    let mut transcript = match &record.file {
        Some(file) => {
            transcript::read_bytes(record.text.as_bytes(), Path::new(file), &Default::default()).ok()?
        }
        None => transcript::parse(&record.text),
    };
    if setup.attribute_all {
        let stand_in = transcript.speakers.len();
        let mut used = false;
        for turn in &mut transcript.turns {
            if turn.kind == TurnKind::Answer && turn.speaker.is_none() {
                turn.speaker = Some(stand_in);
                used = true;
            }
        }
        if used {
            transcript.speakers.push(Speaker {
                label: "X".into(),
                name: "Interviewee".into(),
                role: None,
                organisation: None,
                photo: None,
            });
        }
    }
    Some(transcript)
}

/// Byte offsets in `source` of every byte offset of `paragraph` (and of its end), found by
/// walking both from `from`: the reader may have dropped markup or notes, so characters of the
/// source that the paragraph lacks are skipped.
fn align(source: &str, from: usize, paragraph: &str) -> Vec<usize> {
    /// How far ahead a character is looked for before it is taken as changed by the reader.
    const REACH: usize = 400;
    let mut map = vec![from; paragraph.len() + 1];
    let mut at = from.min(source.len());
    for (i, c) in paragraph.char_indices() {
        let window_end = source.len().min(at + REACH);
        let window_end = (window_end..=source.len())
            .find(|&e| source.is_char_boundary(e))
            .unwrap_or(source.len());
        let found = source[at..window_end].find(c).map(|k| at + k);
        for b in 0..c.len_utf8() {
            map[i + b] = found.unwrap_or(at);
        }
        if let Some(k) = found {
            at = k + c.len_utf8();
        }
    }
    map[paragraph.len()] = at;
    map
}

/// Where each paragraph of `transcript` lies in `text`: an offset map per turn and paragraph.
fn paragraph_maps(text: &str, transcript: &Transcript) -> Vec<Vec<Vec<usize>>> {
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    transcript
        .turns
        .iter()
        .map(|turn| {
            turn.paragraphs
                .iter()
                .map(|p| {
                    let line_start = line_starts.get(p.line.saturating_sub(1)).copied().unwrap_or(0);
                    let column: usize = text[line_start..]
                        .chars()
                        .take(p.column.saturating_sub(1))
                        .map(char::len_utf8)
                        .sum();
                    align(text, line_start + column, &p.text)
                })
                .collect()
        })
        .collect()
}

/// Scores every sentence of `record`. Interviews go through the transcript reader, so only
/// attributed answers are scored, as in `select`; other texts are ranked as prose, where direct
/// speech stands for answers.
pub fn sentences(record: &Record, setup: &Setup) -> Vec<Sentence> {
    let options = &setup.options;
    let language = Language::from_code(&record.language).unwrap_or_default();
    if !record.is_interview() {
        let speech = speech_in(&record.text);
        return prose::score_sentences(&record.text, language, options)
            .into_iter()
            .map(|s| Sentence {
                start: s.start,
                end: s.end,
                logit: s.logit(),
                spoken: speech.iter().any(|&(a, b)| s.start < b && a < s.end),
                signals: s.scored.map(|s| s.signals),
            })
            .collect();
    }
    let mut out: Vec<Sentence> = Vec::new();
    if let Some(transcript) = transcript_of(record, setup) {
        let maps = paragraph_maps(&record.text, &transcript);
        out.extend(
            select::sentence_scores(&transcript, options)
                .into_iter()
                .map(|s| {
                    let map = &maps[s.turn][s.paragraph];
                    Sentence {
                        start: map[s.start],
                        end: map[s.end].max(map[s.start]),
                        logit: s.scored.as_ref().map_or(f64::NEG_INFINITY, |s| s.logit),
                        spoken: true,
                        signals: s.scored.map(|s| s.signals),
                    }
                }),
        );
    }
    // Sentences outside answers (intro, questions) are never candidates: they score lowest.
    let mut offset = 0;
    for line in record.text.split('\n') {
        for (s, e) in select::sentences::split(line) {
            let (start, end) = (offset + s, offset + e);
            if !out.iter().any(|o| o.start < end && start < o.end) {
                out.push(Sentence {
                    start,
                    end,
                    logit: f64::NEG_INFINITY,
                    spoken: false,
                    signals: None,
                });
            }
        }
        offset += line.len() + 1;
    }
    out.sort_by_key(|s| s.start);
    out
}

/// Whether each sentence overlaps a pull quote.
pub fn labels(record: &Record, sentences: &[Sentence]) -> Vec<bool> {
    let gold = record.gold();
    sentences
        .iter()
        .map(|s| gold.iter().any(|&(gs, ge)| s.start < ge && gs < s.end))
        .collect()
}

/// `text` folded for comparing names: letters and digits only, lower case, single spaces.
fn fold_name(text: &str) -> Vec<String> {
    transcript::fold_accents(text)
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Whether `name` (as pullquote credits it) names the person an editor credited in `credit`
/// (a name, possibly followed by `, role`): the same words, or a first name and more of them.
pub fn same_person(name: &str, credit: &str) -> bool {
    let credited = fold_name(credit.split(',').next().unwrap_or(credit));
    let named = fold_name(name);
    !named.is_empty()
        && !credited.is_empty()
        && named[0] == credited[0]
        && named.iter().all(|w| credited.contains(w))
}

/// The picks of `select` on an interview: whether the first one, three and five hold a pull
/// quote, whether the first that does is credited right, and the picks for display.
fn picks(record: &Record, setup: &Setup, words: &[(usize, usize)]) -> ([bool; 3], Option<bool>, Vec<String>) {
    let Some(transcript) = transcript_of(record, setup) else {
        return ([false; 3], None, vec!["(the reader found no answer)".into()]);
    };
    let maps = paragraph_maps(&record.text, &transcript);
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(record.text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let gold = record.gold();
    let selection = select::select(&transcript, &setup.options);
    let mut first_hit: Option<usize> = None;
    let mut shown = Vec::new();
    for (n, quote) in selection.quotes.iter().take(5).enumerate() {
        // The quote's range in the record's text: the editor's mark line, or the passage.
        let range = match quote.kind {
            QuoteKind::Editor => quote.source.mark_line.map(|line| {
                let start = line_starts.get(line - 1).copied().unwrap_or(0);
                let end = record.text[start..]
                    .find('\n')
                    .map_or(record.text.len(), |e| start + e);
                (start, end)
            }),
            QuoteKind::Auto => {
                let verbatim = quote.verbatim.as_deref().unwrap_or(&quote.text);
                transcript.turns.iter().enumerate().find_map(|(t, turn)| {
                    turn.paragraphs.iter().enumerate().find_map(|(p, paragraph)| {
                        if paragraph.line != quote.source.line {
                            return None;
                        }
                        let at = paragraph.text.find(verbatim)?;
                        let map = &maps[t][p];
                        Some((map[at], map[at + verbatim.len()]))
                    })
                })
            }
        };
        let hit = range.is_some_and(|r| gold.iter().any(|&g| metrics::hits(&record.text, words, r, g)));
        if hit && first_hit.is_none() {
            first_hit = Some(n);
        }
        shown.push(format!(
            "{} [{}] {}: {}",
            if hit { "+" } else { "-" },
            quote.speaker.name,
            quote.score,
            quote.text
        ));
    }
    let hits = KS.map(|k| first_hit.is_some_and(|n| n < k));
    let speaker_right = first_hit.and_then(|n| {
        let credited = record.pull_quotes.iter().find_map(|q| q.speaker.as_deref())?;
        Some(same_person(&selection.quotes[n].speaker.name, credited))
    });
    (hits, speaker_right, shown)
}

pub fn evaluate(record: &Record, setup: &Setup) -> TextResult {
    let scores = sentences(record, setup);
    let gold = record.gold();
    let words = metrics::word_ranges(&record.text);

    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|&a, &b| scores[b].logit.total_cmp(&scores[a].logit).then(a.cmp(&b)));
    let hit = |i: usize| {
        let s = &scores[i];
        gold.iter()
            .any(|&g| metrics::hits(&record.text, &words, (s.start, s.end), g))
    };
    let hits = KS.map(|k| order.iter().take(k).any(|&i| hit(i)));
    let spoken_order: Vec<usize> = order.iter().copied().filter(|&i| scores[i].spoken).collect();
    let positive = labels(record, &scores);
    let spoken_hits = spoken_order
        .iter()
        .any(|&i| positive[i])
        .then(|| KS.map(|k| spoken_order.iter().take(k).any(|&i| hit(i))));

    let values: Vec<f64> = scores.iter().map(|s| s.logit).collect();
    let spoken: Vec<usize> = (0..scores.len()).filter(|&i| scores[i].spoken).collect();
    let speech_values: Vec<f64> = spoken.iter().map(|&i| values[i]).collect();
    let speech_positive: Vec<bool> = spoken.iter().map(|&i| positive[i]).collect();
    let (picks, speaker_right, top_picks) = if record.is_interview() {
        let (hits, right, shown) = picks(record, setup, &words);
        (Some(hits), right, shown)
    } else {
        (None, None, Vec::new())
    };
    TextResult {
        id: record.id.clone(),
        source: record.source().to_owned(),
        interview: record.is_interview(),
        hits,
        auc: metrics::auc(&values, &positive),
        spoken_hits,
        spoken_auc: metrics::auc(&speech_values, &speech_positive),
        picks,
        speaker_right,
        sentences: scores.len(),
        top: order
            .iter()
            .take(5)
            .map(|&i| {
                let mark = if positive[i] { "+" } else { "-" };
                format!("{mark} {}", &record.text[scores[i].start..scores[i].end])
            })
            .collect(),
        top_picks,
    }
}

/// Figures over a group of texts.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub group: String,
    pub texts: usize,
    pub hit: [f64; 3],
    pub auc: f64,
    pub auc_texts: usize,
}

fn mean(values: &[f64]) -> f64 {
    if values.is_empty() {
        f64::NAN
    } else {
        values.iter().sum::<f64>() / values.len() as f64
    }
}

fn share(hits: &[[bool; 3]]) -> [f64; 3] {
    [0, 1, 2].map(|k| 100.0 * hits.iter().filter(|h| h[k]).count() as f64 / hits.len().max(1) as f64)
}

/// Sentence ranking over `results`: every sentence, or (`spoken`) spoken sentences only, over
/// the texts that have a spoken pull quote.
pub fn summarise(group: &str, results: &[&TextResult], spoken: bool) -> Summary {
    let (hits, aucs): (Vec<[bool; 3]>, Vec<f64>) = if spoken {
        (
            results.iter().filter_map(|r| r.spoken_hits).collect(),
            results
                .iter()
                .filter(|r| r.spoken_hits.is_some())
                .filter_map(|r| r.spoken_auc)
                .collect(),
        )
    } else {
        (
            results.iter().map(|r| r.hits).collect(),
            results.iter().filter_map(|r| r.auc).collect(),
        )
    };
    Summary {
        group: group.to_owned(),
        texts: hits.len(),
        hit: share(&hits),
        auc: 100.0 * mean(&aucs),
        auc_texts: aucs.len(),
    }
}

/// The subsets the figures are reported for: articles, interviews, spoken sentences of every
/// text, all texts; then each source.
pub fn summaries(results: &[TextResult]) -> Vec<Summary> {
    let all: Vec<&TextResult> = results.iter().collect();
    let articles: Vec<&TextResult> = results.iter().filter(|r| !r.interview).collect();
    let interviews: Vec<&TextResult> = results.iter().filter(|r| r.interview).collect();
    let mut out = vec![
        summarise("articles", &articles, false),
        summarise("interviews", &interviews, false),
        summarise("spoken", &all, true),
        summarise("all", &all, false),
    ];
    let mut sources: Vec<&str> = Vec::new();
    for r in results {
        if !sources.contains(&r.source.as_str()) {
            sources.push(&r.source);
        }
    }
    for source in sources {
        let group: Vec<&TextResult> = results.iter().filter(|r| r.source == source).collect();
        out.push(summarise(&format!("source {source}"), &group, false));
    }
    out
}

/// A Markdown table of sentence-ranking summaries.
pub fn table(summaries: &[Summary]) -> String {
    let mut out = String::from(
        "| subset (texts) | hit@1 | hit@3 | hit@5 | AUC (texts) |\n| --- | --- | --- | --- | --- |\n",
    );
    for s in summaries {
        out.push_str(&format!(
            "| {} ({}) | {:.1} | {:.1} | {:.1} | {:.1} ({}) |\n",
            s.group, s.texts, s.hit[0], s.hit[1], s.hit[2], s.auc, s.auc_texts
        ));
    }
    out
}

/// Figures over the quotes `select` picks in interviews.
#[derive(Debug, Clone, PartialEq)]
pub struct PickSummary {
    pub texts: usize,
    pub hit: [f64; 3],
    /// Picks that hold a pull quote credited to the editor's speaker, and picks judged.
    pub speaker_right: (usize, usize),
}

pub fn pick_summary(results: &[TextResult]) -> PickSummary {
    let hits: Vec<[bool; 3]> = results.iter().filter_map(|r| r.picks).collect();
    let judged: Vec<bool> = results.iter().filter_map(|r| r.speaker_right).collect();
    PickSummary {
        texts: hits.len(),
        hit: share(&hits),
        speaker_right: (judged.iter().filter(|&&r| r).count(), judged.len()),
    }
}

/// A Markdown table of what `extract` shows on the interviews.
pub fn pick_table(summary: &PickSummary) -> String {
    format!(
        "| interviews | quote@1 | quote@3 | quote@5 | right speaker |\n| --- | --- | --- | --- | --- |\n\
         | {} | {:.1} | {:.1} | {:.1} | {}/{} |\n",
        summary.texts,
        summary.hit[0],
        summary.hit[1],
        summary.hit[2],
        summary.speaker_right.0,
        summary.speaker_right.1
    )
}
