//! The reader measured on real interviews annotated by hand, when they are present beside the
//! repository (`../shared/data/interviews`, or the folder in `PULLQUOTE_SHARED`/data/interviews).
//! Skipped with a message otherwise; `CI` or `PULLQUOTE_REQUIRE_SHARED` makes their absence a
//! failure. The texts are read in place, never copied.

#[path = "../tools/reading/measure.rs"]
mod measure;

use std::path::PathBuf;

fn interviews() -> Option<PathBuf> {
    let shared = std::env::var_os("PULLQUOTE_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    let dir = shared.join("data/interviews");
    if dir.is_dir() {
        return Some(dir);
    }
    let required = std::env::var_os("PULLQUOTE_REQUIRE_SHARED").is_some() || std::env::var_os("CI").is_some();
    assert!(!required, "annotated interviews not found at {}", dir.display());
    eprintln!("skipped: annotated interviews not found at {}", dir.display());
    None
}

#[test]
fn real_interviews_are_read_as_an_editor_reads_them() {
    let Some(dir) = interviews() else { return };
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
}

#[test]
fn measures_match_names_roles_and_labels_like_the_annotation_tool() {
    assert!(measure::name_match("Vic", "Vic Chan"));
    assert!(!measure::name_match("Chan", "Vic Chan"));
    assert!(measure::full_name_match("Dr. Jane Doe", "Jane Doe"));
    assert!(measure::role_match(
        Some("front-end web developer"),
        Some("a front-end web developer")
    ));
    assert!(!measure::role_match(Some("and"), Some("chief nursing officer")));
    assert_eq!(measure::fold("Benoît  Thouary"), "benoit thouary");
}
