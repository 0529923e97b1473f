//! The quote scorer measured on the evaluation set when it is present beside the repository
//! (`../shared/data/pullquotes/articles.jsonl` or the path in `PULLQUOTE_EVAL_DATA`, and the
//! interviews of `../shared/data/interviews`; `PULLQUOTE_SHARED` names another `shared` folder).
//! Reported as `ignored` otherwise (tests/common/harness.rs), and failing instead when `CI` or
//! `PULLQUOTE_REQUIRE_SHARED` is set. Also tests the measures themselves.

#[path = "../tools/selection/dataset.rs"]
mod dataset;
// Shared with the select-eval tool, which reads every field.
#[allow(dead_code)]
#[path = "../tools/selection/evaluate.rs"]
mod evaluate;
#[path = "../tools/selection/metrics.rs"]
mod metrics;

mod common;

use common::harness::{self, Outcome, Test};
use pullquote::select::SelectOptions;
use std::path::PathBuf;
use std::process::ExitCode;

/// `path` if it exists; otherwise the test is skipped (a failure when the shared data is
/// required).
fn required(path: PathBuf, what: &str) -> Result<PathBuf, Outcome> {
    if path.exists() {
        return Ok(path);
    }
    Err(Outcome::Skipped {
        reason: format!("{what} not found at {}", path.display()),
        required_by: "PULLQUOTE_REQUIRE_SHARED",
    })
}

fn data() -> Result<PathBuf, Outcome> {
    let path = std::env::var_os("PULLQUOTE_EVAL_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| dataset::shared_dir().join("data/pullquotes/articles.jsonl"));
    required(path, "the pull-quote set")
}

fn setup() -> evaluate::Setup {
    evaluate::Setup::new(SelectOptions::default())
}

fn scorer_beats_the_reference_rows_on_the_development_set() -> Outcome {
    let path = match data() {
        Ok(path) => path,
        Err(skipped) => return skipped,
    };
    let records = dataset::read(&path).unwrap();
    let results: Vec<evaluate::TextResult> =
        records.iter().map(|r| evaluate::evaluate(r, &setup())).collect();
    let all = &evaluate::summaries(&results)[3];
    assert_eq!(all.group, "all");
    eprintln!("{}", evaluate::table(&evaluate::summaries(&results)));
    assert_eq!(
        all.auc_texts,
        records.len(),
        "every text has positives and negatives"
    );
    // The set's reference rows: quotation-mark baseline 69.3 AUC, 48.6 hit@5; random 51.0.
    assert!(all.auc > 75.0, "AUC {:.1}", all.auc);
    assert!(all.hit[2] > 55.0, "hit@5 {:.1}", all.hit[2]);
    Outcome::Ran
}

fn gold_ranges_cover_every_occurrence_of_a_span() -> Outcome {
    let line = r#"{"id":"x-1","language":"en","kind":"article","text":"We won. We won.","pull_quotes":[{"span":"We won."}]}"#;
    let record: dataset::Record = serde_json::from_str(line).unwrap();
    assert_eq!(record.gold(), [(0, 7), (8, 15)]);
    assert_eq!(record.file, None);
    assert_eq!(record.source(), "x");
    Outcome::Ran
}

fn records_are_scored_sentence_by_sentence() -> Outcome {
    let text = "Challenge\n\nThe company moved its services to containers in 2017, the report says.\n\n\
                \"We never anticipated that people would come and just love it,\" says Eichten.";
    let record = dataset::Record {
        id: "k8s-test".into(),
        language: "en".into(),
        kind: "article".into(),
        text: text.into(),
        pull_quotes: vec![dataset::PullQuote {
            span: "We never anticipated that people would come and just love it,\" says Eichten.".into(),
            speaker: None,
        }],
        file: None,
    };
    let result = evaluate::evaluate(&record, &setup());
    assert_eq!(result.sentences, 3);
    assert_eq!(result.hits, [true, true, true]);
    assert_eq!(result.auc, Some(1.0));
    Outcome::Ran
}

fn interviews() -> Result<PathBuf, Outcome> {
    required(
        dataset::shared_dir().join("data/interviews"),
        "the real interviews",
    )
}

fn interview_pages_with_a_repeated_pull_quote_join_the_set() -> Outcome {
    let dir = match interviews() {
        Ok(dir) => dir,
        Err(skipped) => return skipped,
    };
    let records = dataset::read_interviews(&dir).unwrap();
    assert!(records.len() >= 5, "{}", records.len());
    for record in &records {
        assert!(record.is_interview());
        assert!(!record.gold().is_empty(), "{}", record.id);
        assert!(record.file.as_deref().is_some_and(|f| f.starts_with(&record.id)));
    }
    assert!(records.iter().any(|r| r.language == "fr"));
    Outcome::Ran
}

/// A small Markdown interview with its annotations, written to a temporary folder.
fn write_interview(dir: &std::path::Path) {
    let text = "# Talking with Dana Reyes\n\n\
                Dana Reyes is a librarian.\n\n\
                ## How did you start?\n\n\
                I started in 2009 at the **county** library, shelving books after school.\n\n\
                ## Why do you stay?\n\n\
                Some days are long. A library is the last public room where nobody asks you to buy anything.\n";
    std::fs::write(dir.join("talk-dana.md"), text).unwrap();
    let annotation = r#"{"language": "en", "speakers": [{"name": "Dana Reyes", "interviewer": false}],
        "pull_quotes": [{"text": "A library is the last public room where nobody asks you to buy anything.",
        "speaker": "Dana Reyes", "span": "A library is the last public room where nobody asks you to buy anything.",
        "match": "exact"}]}"#;
    std::fs::write(dir.join("talk-dana.json"), annotation).unwrap();
    let unmatched = r#"{"language": "en", "pull_quotes": [{"text": "x", "span": null, "match": "none"}]}"#;
    std::fs::write(dir.join("talk-other.json"), unmatched).unwrap();
    std::fs::write(dir.join("talk-other.md"), "# Other\n\n## Q?\n\nAn answer here.\n").unwrap();
}

fn interviews_are_read_as_extract_reads_them_and_their_picks_are_checked() -> Outcome {
    let dir = tempfile::tempdir().unwrap();
    write_interview(dir.path());
    let records = dataset::read_interviews(dir.path()).unwrap();
    assert_eq!(
        records.len(),
        1,
        "a quote that repeats nothing leaves its page out"
    );
    let record = &records[0];
    assert_eq!(record.file.as_deref(), Some("talk-dana.md"));
    let setup = evaluate::Setup {
        attribute_all: true,
        ..setup()
    };
    let sentences = evaluate::sentences(record, &setup);
    // Answer sentences map back to the page, Markdown markup and all.
    let county = sentences
        .iter()
        .find(|s| record.text[s.start..s.end].contains("county"))
        .unwrap();
    assert!(record.text[county.start..county.end].starts_with("I started in 2009"));
    assert!(record.text[county.start..county.end].ends_with("after school."));
    assert!(county.spoken && county.logit.is_finite());
    let result = evaluate::evaluate(record, &setup);
    assert!(result.auc.is_some());
    let picks = result.picks.expect("an interview has picks");
    assert!(picks[2], "{:#?}", result.top_picks);
    Outcome::Ran
}

fn speakers_match_the_editors_credit() -> Outcome {
    assert!(evaluate::same_person(
        "Lauren Frohlich",
        "Lauren Frohlich, Product Owner"
    ));
    assert!(evaluate::same_person("Michał", "Michał Niedziółka"));
    assert!(!evaluate::same_person("Niedziółka", "Michał Niedziółka"));
    assert!(!evaluate::same_person("Software Engineer", "Tanner Dolby"));
    Outcome::Ran
}

fn main() -> ExitCode {
    harness::main(&[
        Test {
            name: "scorer_beats_the_reference_rows_on_the_development_set",
            run: scorer_beats_the_reference_rows_on_the_development_set,
        },
        Test {
            name: "gold_ranges_cover_every_occurrence_of_a_span",
            run: gold_ranges_cover_every_occurrence_of_a_span,
        },
        Test {
            name: "records_are_scored_sentence_by_sentence",
            run: records_are_scored_sentence_by_sentence,
        },
        Test {
            name: "interview_pages_with_a_repeated_pull_quote_join_the_set",
            run: interview_pages_with_a_repeated_pull_quote_join_the_set,
        },
        Test {
            name: "interviews_are_read_as_extract_reads_them_and_their_picks_are_checked",
            run: interviews_are_read_as_extract_reads_them_and_their_picks_are_checked,
        },
        Test {
            name: "speakers_match_the_editors_credit",
            run: speakers_match_the_editors_credit,
        },
        Test {
            name: "metrics::ratio_matches_python_difflib",
            run: || {
                metrics::tests::ratio_matches_python_difflib();
                Outcome::Ran
            },
        },
        Test {
            name: "metrics::ratio_applies_autojunk_on_long_strings",
            run: || {
                metrics::tests::ratio_applies_autojunk_on_long_strings();
                Outcome::Ran
            },
        },
        Test {
            name: "metrics::normalise_folds_marks_spaces_and_case",
            run: || {
                metrics::tests::normalise_folds_marks_spaces_and_case();
                Outcome::Ran
            },
        },
        Test {
            name: "metrics::hit_by_position_or_similarity",
            run: || {
                metrics::tests::hit_by_position_or_similarity();
                Outcome::Ran
            },
        },
        Test {
            name: "metrics::auc_counts_ties_as_half",
            run: || {
                metrics::tests::auc_counts_ties_as_half();
                Outcome::Ran
            },
        },
    ])
}
