//! Property tests over the transcript reader: whatever the bytes — random, a corpus file with bytes
//! flipped, or a shuffle of the tokens transcripts are made of — reading returns a transcript or an
//! error, never panics, and every position it reports lies inside the input.

use proptest::prelude::*;
use pullquote::transcript::{self, ReadOptions, Transcript};
use std::path::Path;

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
        Ok(t) => check_positions(&t),
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
    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        check(&bytes, "fuzz.txt");
        check(&bytes, "fuzz.docx");
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        check(text.as_bytes(), "fuzz.md");
    }

    #[test]
    fn token_soup_never_panics(text in token_soup()) {
        check(text.as_bytes(), "fuzz.txt");
        check(text.as_bytes(), "fuzz.md");
    }

    #[test]
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
