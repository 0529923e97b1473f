//! Scores every text of the pull-quote set and measures the ranking: hit@1/3/5 and mean per-text
//! ROC AUC, per source and overall.

use super::dataset::Record;
use super::metrics;
use pullquote::select::features::Signal;
use pullquote::select::{self, prose, SelectOptions};
use pullquote::transcript::{self, Language};

/// The measures for one text.
#[derive(Debug, Clone)]
pub struct TextResult {
    pub id: String,
    pub source: String,
    /// Whether a top-1, top-3 and top-5 sentence hits a pull quote.
    pub hits: [bool; 3],
    pub auc: Option<f64>,
    /// AUC among spoken sentences only (answers, or direct speech in an article): how well the
    /// scorer ranks spoken words against each other, as it must in an interview.
    pub speech_auc: Option<f64>,
    pub sentences: usize,
    /// The top five sentences, for error analysis.
    pub top: Vec<String>,
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
    /// Log-odds; lowest when no candidate passage holds the sentence.
    pub logit: f64,
    /// Someone's spoken words: an answer of an interview, or direct speech in an article.
    pub spoken: bool,
    /// The signals of the best passage that holds the sentence.
    pub signals: Option<Vec<Signal>>,
}

/// Scores every sentence of `record`. Interviews go through the transcript reader, so only
/// answers are scored, as in `select`; other texts are ranked as prose, where direct speech
/// stands for answers.
pub fn sentences(record: &Record, options: &SelectOptions) -> Vec<Sentence> {
    let language = Language::from_code(&record.language).unwrap_or_default();
    if record.kind != "interview" {
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
    let transcript = transcript::parse(&record.text);
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(record.text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let mut out: Vec<Sentence> = select::sentence_scores(&transcript, options)
        .into_iter()
        .map(|s| {
            let paragraph = &transcript.turns[s.turn].paragraphs[s.paragraph];
            let line_start = line_starts[paragraph.line - 1];
            let column: usize = record.text[line_start..]
                .chars()
                .take(paragraph.column - 1)
                .map(char::len_utf8)
                .sum();
            let offset = line_start + column;
            Sentence {
                start: offset + s.start,
                end: offset + s.end,
                logit: s.scored.as_ref().map_or(f64::NEG_INFINITY, |s| s.logit),
                spoken: true,
                signals: s.scored.map(|s| s.signals),
            }
        })
        .collect();
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

pub fn evaluate(record: &Record, options: &SelectOptions) -> TextResult {
    let scores = sentences(record, options);
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

    let values: Vec<f64> = scores.iter().map(|s| s.logit).collect();
    let positive = labels(record, &scores);
    let spoken: Vec<usize> = (0..scores.len()).filter(|&i| scores[i].spoken).collect();
    let speech_values: Vec<f64> = spoken.iter().map(|&i| values[i]).collect();
    let speech_positive: Vec<bool> = spoken.iter().map(|&i| positive[i]).collect();
    TextResult {
        id: record.id.clone(),
        source: record.source().to_owned(),
        hits,
        auc: metrics::auc(&values, &positive),
        speech_auc: metrics::auc(&speech_values, &speech_positive),
        sentences: scores.len(),
        top: order
            .iter()
            .take(5)
            .map(|&i| {
                let mark = if positive[i] { "+" } else { "-" };
                format!("{mark} {}", &record.text[scores[i].start..scores[i].end])
            })
            .collect(),
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
    pub speech_auc: f64,
    pub speech_auc_texts: usize,
}

fn mean(values: &[f64]) -> f64 {
    if values.is_empty() {
        f64::NAN
    } else {
        values.iter().sum::<f64>() / values.len() as f64
    }
}

pub fn summarise(group: &str, results: &[&TextResult]) -> Summary {
    let hit = [0, 1, 2]
        .map(|k| 100.0 * results.iter().filter(|r| r.hits[k]).count() as f64 / results.len().max(1) as f64);
    let aucs: Vec<f64> = results.iter().filter_map(|r| r.auc).collect();
    let speech: Vec<f64> = results.iter().filter_map(|r| r.speech_auc).collect();
    Summary {
        group: group.to_owned(),
        texts: results.len(),
        hit,
        auc: 100.0 * mean(&aucs),
        auc_texts: aucs.len(),
        speech_auc: 100.0 * mean(&speech),
        speech_auc_texts: speech.len(),
    }
}

/// Overall figures first, then one line per source (in order of first appearance).
pub fn summaries(results: &[TextResult]) -> Vec<Summary> {
    let mut sources: Vec<&str> = Vec::new();
    for r in results {
        if !sources.contains(&r.source.as_str()) {
            sources.push(&r.source);
        }
    }
    let mut out = vec![summarise("all", &results.iter().collect::<Vec<_>>())];
    for source in sources {
        let group: Vec<&TextResult> = results.iter().filter(|r| r.source == source).collect();
        out.push(summarise(source, &group));
    }
    out
}

/// A Markdown table of summaries.
pub fn table(summaries: &[Summary]) -> String {
    let mut out = String::from(
        "| texts | hit@1 | hit@3 | hit@5 | AUC (texts) | spoken AUC (texts) |\n| --- | --- | --- | --- | --- | --- |\n",
    );
    for s in summaries {
        out.push_str(&format!(
            "| {} ({}) | {:.1} | {:.1} | {:.1} | {:.1} ({}) | {:.1} ({}) |\n",
            s.group,
            s.texts,
            s.hit[0],
            s.hit[1],
            s.hit[2],
            s.auc,
            s.auc_texts,
            s.speech_auc,
            s.speech_auc_texts
        ));
    }
    out
}
