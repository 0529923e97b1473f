//! Property tests over the transcript reader: whatever the bytes — random, a corpus file with bytes
//! flipped, a shuffle of the tokens transcripts are made of, or a real interview (from
//! `../shared/data/interviews`, read in place) cut, joined, relabelled or re-encoded — reading and
//! selecting return a transcript or an error, never panic, and every position lies inside the input.
//! What `extract` does with the selection (the quotes file it writes, read back as `render` reads
//! it, and each card's request) is checked on the way, and the real binary's `extract` is run on
//! random bytes and random text too.

mod common;

use common::harness::{self, Outcome, Test};
use proptest::prelude::*;
use pullquote::select::review::QuotesFile;
use pullquote::transcript::{self, ReadOptions, Transcript};
use std::path::Path;
use std::process::ExitCode;

fn corpus_file(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/transcripts")
            .join(name),
    )
    .unwrap()
}

fn check(bytes: &[u8], name: &str) {
    match transcript::read_bytes(bytes, Path::new(name), &ReadOptions::default()) {
        Ok(t) => {
            check_positions(&t);
            let selection = pullquote::select::select(&t, &pullquote::select::SelectOptions::default());
            let yaml = QuotesFile::new(Some(Path::new(name)), &t, &selection.quotes).to_yaml();
            if let Err(e) = QuotesFile::parse(&yaml, Path::new("quotes.yaml")) {
                panic!("extract's quotes file does not read back: {e:?}\n{yaml}");
            }
            for quote in &selection.quotes {
                let _ = pullquote::card::CardRequest::from_selection(quote, &t);
            }
        }
        Err(e) => {
            let shown = e.to_diagnostic().to_string();
            assert!(shown.starts_with("error: "), "{shown}");
        }
    }
    // `parse` takes any text too, including what decoding never produces.
    let lossy = String::from_utf8_lossy(bytes);
    check_positions(&transcript::parse(&lossy));
}

fn check_positions(t: &Transcript) {
    for turn in &t.turns {
        if let Some(id) = turn.speaker {
            assert!(id < t.speakers.len());
        }
        for p in &turn.paragraphs {
            assert!(p.line >= 1 && p.column >= 1);
            for note in &p.notes {
                assert!(note.offset <= p.text.len());
            }
            let _ = p.source_column(p.text.len());
        }
    }
    for mark in &t.marks {
        assert!(mark.speaker.is_none_or(|id| id < t.speakers.len()));
    }
    let _ = t.outline();
}

/// The pieces transcripts are made of, to reach deep into the parser faster than random bytes.
const TOKENS: &[&str] = &[
    "AO: ",
    "LA : ",
    "LA\u{a0}: ",
    "**AO** : ",
    "Q: ",
    "R: ",
    "Question : ",
    "Speaker 1  0:03",
    "1. ",
    "Aziz Oulhiyane : ",
    "Entretien avec Aziz Oulhiyane, responsable, ainsi que Ludovic Amar, chef. ",
    "We spoke with Maria Lopez, head of digital, and Tom Becker. ",
    "Pourquoi ?",
    "Why?",
    "« ",
    " »",
    "“",
    "”",
    "\"",
    "> ",
    "— ",
    "# ",
    "## ",
    "*",
    "**",
    "_",
    "(",
    ")",
    "[",
    "]",
    ", ndlr)",
    "(rires)",
    "---\n",
    "title: x\n",
    "speakers:\n  AO: Anne Roux\n",
    "WEBVTT\n\n",
    "00:00.000 --> 00:01.000\n",
    "<v Ann>",
    "</v>",
    "1\n00:00:01,000 --> 00:00:02,000\n",
    "![x](y.png)",
    "https://x.org",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\u{feff}",
    "\u{ad}",
    "\u{200b}",
    "é",
    "ÉSM",
    "Propos recueillis par Camille Martin",
    "Photo : ",
    "Groupe 3 :",
    "C1 :",
    "Le mot ",
    "words and more words. ",
    "…",
    "[…]",
    "\t",
    ":",
    "?",
];

fn token_soup() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TOKENS), 0..80).prop_map(|t| t.concat())
}

// 256 cases each by default; PROPTEST_CASES=20000 runs a longer search.
proptest! {
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        check(&bytes, "fuzz.txt");
        check(&bytes, "fuzz.docx");
    }

    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        check(text.as_bytes(), "fuzz.md");
    }

    fn token_soup_never_panics(text in token_soup()) {
        check(text.as_bytes(), "fuzz.txt");
        check(text.as_bytes(), "fuzz.md");
    }

    fn damaged_corpus_files_never_panic(
        which in 0usize..5,
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..16),
        cut in any::<prop::sample::Index>(),
    ) {
        let name = [
            "occitanie-social-media-interview.txt",
            "fr-docx-questions-en-gras.docx",
            "en-webvtt-voices.vtt",
            "en-utf16le-bom.txt",
            "fr-front-matter.txt",
        ][which];
        let mut bytes = corpus_file(name);
        for (at, byte) in edits {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        bytes.truncate(cut.index(bytes.len() + 1));
        check(&bytes, name);
    }
}

/// `pullquote extract --json -o quotes.yaml` on `bytes` saved as `name`: a report or a clear
/// error, never a panic (exit code 101).
fn check_extract(bytes: &[u8], name: &str) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), bytes).unwrap();
    let output = common::pullquote(dir.path(), &["extract", name, "--json", "-o", "quotes.yaml"]);
    let stderr = common::stderr(&output);
    assert!(
        matches!(output.status.code(), Some(0..=2)) && !stderr.contains("panicked"),
        "extract {name}: {:?}\n{stderr}",
        output.status
    );
}

// Each case starts the binary, so fewer cases than the in-process properties above.
proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    fn extract_never_panics_on_random_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        check_extract(&bytes, "fuzz.txt");
    }

    fn extract_never_panics_on_random_text(text in "\\PC{0,600}", markdown in any::<bool>()) {
        check_extract(text.as_bytes(), if markdown { "fuzz.md" } else { "fuzz.txt" });
    }
}

/// The real interviews beside the repository, if present (see tests/reading_eval.rs).
fn real_interviews() -> Vec<(String, Vec<u8>)> {
    static FILES: std::sync::OnceLock<Vec<(String, Vec<u8>)>> = std::sync::OnceLock::new();
    FILES.get_or_init(|| common::real_interviews().1).clone()
}

/// Runs a property over the real interviews, or says why it cannot.
fn on_real_interviews(property: fn()) -> Outcome {
    let (dir, files) = common::real_interviews();
    if files.is_empty() {
        return Outcome::Skipped {
            reason: format!("no annotated real interviews at {}", dir.display()),
            required_by: "PULLQUOTE_REQUIRE_SHARED",
        };
    }
    property();
    Outcome::Ran
}

/// Labels that real transcripts use, to swap in for the ones a file has.
const LABELS: &[&str] = &[
    "**Break:**",
    "Q:",
    "**Answer**:",
    "Nota :",
    "AO :",
    "**JANE DOE:**",
    "Meenu and Anastasia:",
    "## Jane Doe",
    ": ",
    "[00:12:31.04] ",
    "",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    fn real_interviews_survive_cuts_joins_relabelling_and_re_encoding(
        which in any::<prop::sample::Index>(),
        other in any::<prop::sample::Index>(),
        start in any::<prop::sample::Index>(),
        len in any::<prop::sample::Index>(),
        relabel in prop::collection::vec((any::<prop::sample::Index>(), prop::sample::select(LABELS)), 0..8),
        encoding in 0usize..4,
    ) {
        let files = real_interviews();
        let (name, bytes) = &files[which.index(files.len())];
        let text = String::from_utf8_lossy(bytes).into_owned();
        let (_, other_bytes) = &files[other.index(files.len())];
        let other_text = String::from_utf8_lossy(other_bytes);
        // Cut: any char-aligned window, possibly mid-word or mid-label.
        let chars: Vec<char> = text.chars().collect();
        let from = start.index(chars.len() + 1);
        let to = from + len.index(chars.len() - from + 1);
        let mut mutated: String = chars[from..to].iter().collect();
        // Joined: the head of another interview glued on, with no line break.
        let head: String = other_text.chars().take(2000).collect();
        mutated.push_str(&head);
        // Relabelled: line starts replaced by labels of other shapes.
        let mut lines: Vec<String> = mutated.split('\n').map(str::to_owned).collect();
        for (at, label) in relabel {
            let i = at.index(lines.len());
            let rest: String = lines[i].split_once(':').map_or(lines[i].clone(), |(_, r)| r.to_owned());
            lines[i] = format!("{label}{rest}");
        }
        let mutated = lines.join("\n");
        // Re-encoded: as the files people actually save.
        let bytes: Vec<u8> = match encoding {
            0 => mutated.into_bytes(),
            1 => encoding_rs::WINDOWS_1252.encode(&mutated).0.into_owned(),
            2 => {
                let mut out = vec![0xFF, 0xFE];
                out.extend(mutated.encode_utf16().flat_map(u16::to_le_bytes));
                out
            }
            _ => {
                let mut out = vec![0xEF, 0xBB, 0xBF];
                out.extend(mutated.replace('\n', "\r\n").into_bytes());
                out
            }
        };
        check(&bytes, name);
    }

    fn real_interviews_read_whole_in_every_encoding(which in any::<prop::sample::Index>(), encoding in 0usize..2) {
        let files = real_interviews();
        let (name, bytes) = &files[which.index(files.len())];
        let text = String::from_utf8_lossy(bytes);
        let bytes = if encoding == 0 { bytes.clone() } else { encoding_rs::WINDOWS_1252.encode(&text).0.into_owned() };
        check(&bytes, name);
    }
}

// The properties are plain functions (no `#[test]`): tests/common/harness.rs runs them, so that
// the ones on the real interviews say so when those are missing.
fn main() -> ExitCode {
    harness::main(&[
        Test {
            name: "arbitrary_bytes_never_panic",
            run: || {
                arbitrary_bytes_never_panic();
                Outcome::Ran
            },
        },
        Test {
            name: "arbitrary_text_never_panics",
            run: || {
                arbitrary_text_never_panics();
                Outcome::Ran
            },
        },
        Test {
            name: "token_soup_never_panics",
            run: || {
                token_soup_never_panics();
                Outcome::Ran
            },
        },
        Test {
            name: "damaged_corpus_files_never_panic",
            run: || {
                damaged_corpus_files_never_panic();
                Outcome::Ran
            },
        },
        Test {
            name: "extract_never_panics_on_random_bytes",
            run: || {
                extract_never_panics_on_random_bytes();
                Outcome::Ran
            },
        },
        Test {
            name: "extract_never_panics_on_random_text",
            run: || {
                extract_never_panics_on_random_text();
                Outcome::Ran
            },
        },
        Test {
            name: "real_interviews_survive_cuts_joins_relabelling_and_re_encoding",
            run: || on_real_interviews(real_interviews_survive_cuts_joins_relabelling_and_re_encoding),
        },
        Test {
            name: "real_interviews_read_whole_in_every_encoding",
            run: || on_real_interviews(real_interviews_read_whole_in_every_encoding),
        },
    ])
}
