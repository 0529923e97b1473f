//! The reader measured on real interviews annotated by hand, when they are present beside the
//! repository (`../shared/data/interviews`, or the folder in `PULLQUOTE_SHARED`/data/interviews).
//! Reported as `ignored` otherwise (tests/common/harness.rs); `CI` or `PULLQUOTE_REQUIRE_SHARED`
//! makes their absence a failure. The texts are read in place, never copied.

#[path = "../tools/reading/measure.rs"]
mod measure;

mod common;

use common::harness::{self, Outcome, Test};
use std::path::PathBuf;
use std::process::ExitCode;

fn interviews() -> Result<PathBuf, Outcome> {
    let shared = std::env::var_os("PULLQUOTE_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    let dir = shared.join("data/interviews");
    if dir.is_dir() {
        return Ok(dir);
    }
    Err(Outcome::Skipped {
        reason: format!("annotated interviews not found at {}", dir.display()),
        required_by: "PULLQUOTE_REQUIRE_SHARED",
    })
}

fn real_interviews_are_read_as_an_editor_reads_them() -> Outcome {
    let dir = match interviews() {
        Ok(dir) => dir,
        Err(skipped) => return skipped,
    };
    let items = measure::interviews(&dir).unwrap();
    assert!(!items.is_empty());
    let scores: Vec<measure::Score> = items.iter().map(|(p, a)| measure::score(p, a)).collect();
    let t = measure::totals(&scores);
    eprintln!("{}", t.line());
    for s in &scores {
        assert!(s.error.is_none(), "{}: {:?}", s.id, s.error);
    }
    let ratio = |(a, b): (usize, usize)| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    assert!(ratio(t.precision) >= 0.95, "{}", t.line());
    assert!(ratio(t.recall) >= 0.95, "{}", t.line());
    assert!(ratio(t.roles) >= 0.80, "{}", t.line());
    assert!(ratio(t.quotes) >= 0.95, "{}", t.line());
    assert_eq!(t.no_quotes, 0, "{}", t.line());
    Outcome::Ran
}

fn measures_match_names_roles_and_labels_like_the_annotation_tool() -> Outcome {
    assert!(measure::name_match("Vic", "Vic Chan"));
    assert!(!measure::name_match("Chan", "Vic Chan"));
    assert!(measure::full_name_match("Dr. Jane Doe", "Jane Doe"));
    assert!(measure::role_match(
        Some("front-end web developer"),
        Some("a front-end web developer")
    ));
    assert!(!measure::role_match(Some("and"), Some("chief nursing officer")));
    assert_eq!(measure::fold("Benoît  Thouary"), "benoit thouary");
    Outcome::Ran
}

fn main() -> ExitCode {
    harness::main(&[
        Test {
            name: "real_interviews_are_read_as_an_editor_reads_them",
            run: real_interviews_are_read_as_an_editor_reads_them,
        },
        Test {
            name: "measures_match_names_roles_and_labels_like_the_annotation_tool",
            run: measures_match_names_roles_and_labels_like_the_annotation_tool,
        },
    ])
}
