//! Standard input and output: `render -` reads a sheet or a quotes file piped in, `-o -` writes
//! the one card asked for to standard output, and nothing ever makes a folder named `-`.

mod common;

use common::{pullquote, pullquote_with, root, stderr, SEED};
use std::path::Path;

const QUOTE: &str = "Nous écoutons d'abord, et nous parlons ensuite.";

fn png_size(bytes: &[u8]) -> (u32, u32) {
    let image = image::load_from_memory(bytes).expect("a decodable image");
    (image.width(), image.height())
}

#[test]
fn one_card_goes_to_standard_output_byte_for_byte_what_a_folder_gets() {
    let dir = tempfile::tempdir().unwrap();
    let card = [
        "render",
        "--text",
        QUOTE,
        "--speaker",
        "Aziz Oulhiyane",
        "--formats",
        "x",
    ];
    let out = pullquote_with(dir.path(), &[&card[..], &["-o", "-"]].concat(), b"", &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out.stdout.starts_with(b"\x89PNG"));
    assert_eq!(png_size(&out.stdout), (1600, 900));
    assert!(
        stderr(&out).contains("alt text: Citation d’Aziz Oulhiyane"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.path().join("-").exists());

    let written = pullquote(dir.path(), &[&card[..], &["-o", "cards", "-q"]].concat());
    assert!(written.status.success(), "{}", stderr(&written));
    let file = std::fs::read(dir.path().join("cards/q01-aziz-oulhiyane-x.png")).unwrap();
    assert_eq!(out.stdout, file);

    // Bluesky is always JPEG, on standard output too.
    let bluesky = [
        "render",
        "--text",
        QUOTE,
        "--speaker",
        "A B",
        "--formats",
        "bluesky",
        "-o",
        "-",
    ];
    let out = pullquote_with(dir.path(), &bluesky, b"", &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out.stdout.starts_with(&[0xFF, 0xD8]));
}

#[test]
fn standard_output_refuses_more_than_one_card_and_flags_that_write_files() {
    let dir = tempfile::tempdir().unwrap();
    let seven = ["render", "--text", QUOTE, "--speaker", "A B", "-o", "-"];
    let out = pullquote_with(dir.path(), &seven, b"", &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = stderr(&out);
    assert!(err.contains("would make 7 (1 quote in 7 formats)"), "{err}");
    assert!(err.contains("--formats"), "{err}");

    let json = [
        "render",
        "--text",
        QUOTE,
        "--speaker",
        "A B",
        "--formats",
        "x",
        "-o",
        "-",
        "--json",
    ];
    let out = pullquote_with(dir.path(), &json, b"", &[]);
    assert_eq!(out.status.code(), Some(2));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(value["error"]["message"]
        .as_str()
        .unwrap()
        .contains("`--json` does not apply to `-o -`"));

    // A card that cannot be made fails as it would in a folder (exit code 1), and says why.
    let long = "mot ".repeat(600);
    let too_long = [
        "render",
        "--text",
        &long,
        "--speaker",
        "A B",
        "--formats",
        "x",
        "-o",
        "-",
    ];
    let out = pullquote_with(dir.path(), &too_long, b"", &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(stderr(&out).contains("a card holds at most"), "{}", stderr(&out));

    let seed = root().join(SEED);
    let out = pullquote_with(dir.path(), &["run", seed.to_str().unwrap(), "-o", "-"], b"", &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("cannot write them to standard output"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.path().join("-").exists());
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing written"
    );
}

#[test]
fn a_sheet_on_standard_input_renders_like_the_file() {
    let dir = tempfile::tempdir().unwrap();
    // As a French spreadsheet saves "CSV": semicolons.
    let sheet = format!(
        "quote;name;role\n{QUOTE};Ann Lee;cheffe de projet\nOn avance ensemble, pas à pas.;Li Wei;\n"
    );
    let out = pullquote_with(
        dir.path(),
        &["render", "-", "-o", "cards", "--formats", "x,story", "-q"],
        sheet.as_bytes(),
        &[],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    for name in ["001-ann-lee-x.png", "001-ann-lee-story.png", "002-li-wei-x.png"] {
        assert!(dir.path().join("cards").join(name).exists(), "{name}");
    }
    std::fs::write(dir.path().join("sheet.csv"), &sheet).unwrap();
    let out = pullquote(
        dir.path(),
        &[
            "render",
            "sheet.csv",
            "-o",
            "from-file",
            "--formats",
            "x,story",
            "-q",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    for name in ["001-ann-lee-x.png", "002-li-wei-story.png"] {
        assert_eq!(
            std::fs::read(dir.path().join("cards").join(name)).unwrap(),
            std::fs::read(dir.path().join("from-file").join(name)).unwrap(),
            "{name}"
        );
    }

    // One row in one format: straight through, standard input to standard output.
    let one = format!("quote,name\n\"{QUOTE}\",Ann Lee\n");
    let out = pullquote_with(
        dir.path(),
        &["render", "-", "-o", "-", "--formats", "story"],
        one.as_bytes(),
        &[],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(png_size(&out.stdout), (1080, 1920));

    // A mistake in piped input is located in `<stdin>`.
    let out = pullquote_with(
        dir.path(),
        &["render", "-", "-o", "bad"],
        b"quote,name\n,Ann\n",
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("<stdin>:2"), "{}", stderr(&out));
}

#[test]
fn a_quotes_file_on_standard_input_is_recognised() {
    let dir = tempfile::tempdir().unwrap();
    let seed = root().join(SEED);
    let out = pullquote(
        dir.path(),
        &[
            "extract",
            seed.to_str().unwrap(),
            "--max",
            "2",
            "-o",
            "quotes.yaml",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let yaml = std::fs::read(dir.path().join("quotes.yaml")).unwrap();
    let out = pullquote_with(
        dir.path(),
        &["render", "-", "-o", "piped", "--formats", "x", "-q"],
        &yaml,
        &[],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let out = pullquote(
        dir.path(),
        &["render", "quotes.yaml", "-o", "named", "--formats", "x", "-q"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let cards = |folder: &str| -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir.path().join(folder))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".png"))
            .collect();
        names.sort();
        names
    };
    assert_eq!(cards("piped").len(), 2);
    assert_eq!(cards("piped"), cards("named"));
    assert!(!Path::new(&dir.path().join("-")).exists());
}
