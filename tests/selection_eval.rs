//! The quote scorer measured on the pull-quote development set, when it is present beside the
//! repository (`../shared/data/pullquotes/articles.jsonl`, or the path in
//! `PULLQUOTE_EVAL_DATA`); skipped otherwise. Also tests the measures themselves.

#[path = "../tools/selection/dataset.rs"]
mod dataset;
// Shared with the select-eval tool, which reads every field.
#[allow(dead_code)]
#[path = "../tools/selection/evaluate.rs"]
mod evaluate;
#[path = "../tools/selection/metrics.rs"]
mod metrics;

use pullquote::select::SelectOptions;
use std::path::PathBuf;

fn data() -> Option<PathBuf> {
    let path = std::env::var_os("PULLQUOTE_EVAL_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/pullquotes/articles.jsonl")
        });
    path.exists().then_some(path)
}

#[test]
fn scorer_beats_the_reference_rows_on_the_development_set() {
    let Some(path) = data() else {
        eprintln!("pull-quote set not found: skipped");
        return;
    };
    let records = dataset::read(&path).unwrap();
    let results: Vec<evaluate::TextResult> = records
        .iter()
        .map(|r| evaluate::evaluate(r, &SelectOptions::default()))
        .collect();
    let all = &evaluate::summaries(&results)[0];
    eprintln!("{}", evaluate::table(&evaluate::summaries(&results)));
    assert_eq!(
        all.auc_texts,
        records.len(),
        "every text has positives and negatives"
    );
    // The set's reference rows: quotation-mark baseline 69.3 AUC, 48.6 hit@5; random 51.0.
    assert!(all.auc > 75.0, "AUC {:.1}", all.auc);
    assert!(all.hit[2] > 55.0, "hit@5 {:.1}", all.hit[2]);
}

#[test]
fn gold_ranges_cover_every_occurrence_of_a_span() {
    let line = r#"{"id":"x-1","language":"en","kind":"article","text":"We won. We won.","pull_quotes":[{"span":"We won."}]}"#;
    let record: dataset::Record = serde_json::from_str(line).unwrap();
    assert_eq!(record.gold(), [(0, 7), (8, 15)]);
    assert_eq!(record.source(), "x");
}

#[test]
fn records_are_scored_sentence_by_sentence() {
    let text = "Challenge\n\nThe company moved its services to containers in 2017, the report says.\n\n\
                \"We never anticipated that people would come and just love it,\" says Eichten.";
    let record = dataset::Record {
        id: "k8s-test".into(),
        language: "en".into(),
        kind: "article".into(),
        text: text.into(),
        pull_quotes: vec![dataset::PullQuote {
            span: "We never anticipated that people would come and just love it,\" says Eichten.".into(),
        }],
    };
    let result = evaluate::evaluate(&record, &SelectOptions::default());
    assert_eq!(result.sentences, 3);
    assert_eq!(result.hits, [true, true, true]);
    assert_eq!(result.auc, Some(1.0));
}
