//! The command line end to end: the real binary on the seed interview.

mod common;

use common::{files, pullquote, root, stderr, stdout, SEED};
use serde_json::Value;

#[test]
fn extract_json_lists_both_speakers_with_roles_and_the_editor_quote_first() {
    let out = pullquote(&root(), &["extract", "--json", SEED]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: Value = serde_json::from_str(&stdout(&out)).unwrap();

    let speakers = json["speakers"].as_array().unwrap();
    let names: Vec<&str> = speakers.iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Aziz Oulhiyane", "Ludovic Amar"]);
    assert_eq!(
        speakers[0]["role"],
        "responsable de l’animation des réseaux sociaux"
    );
    assert_eq!(speakers[1]["role"], "responsable stratégie média digitale");
    assert_eq!(speakers[0]["label"], "AO");
    assert_eq!(speakers[1]["label"], "LA");
    for label in ["C1", "J1", "Groupe 3", "Groupe"] {
        assert!(speakers.iter().all(|s| s["label"] != label && s["name"] != label));
    }

    let quotes = json["quotes"].as_array().unwrap();
    let first = &quotes[0];
    assert_eq!(first["kind"], "editor");
    assert_eq!(first["speaker"]["name"], "Aziz Oulhiyane");
    assert_eq!(first["speaker"]["label"], "AO");
    assert!(first["speaker"]["role"]
        .as_str()
        .unwrap()
        .starts_with("responsable"));
    assert!(first["text"]
        .as_str()
        .unwrap()
        .starts_with("Les réseaux sociaux peuvent contribuer"));
    assert!(first["source"]["line"].as_u64().is_some());
    assert!(!first["reasons"].as_array().unwrap().is_empty());

    // No question, intro sentence or credits line is ever a quote.
    let seed = std::fs::read_to_string(root().join(SEED)).unwrap();
    let lines: Vec<&str> = seed.lines().collect();
    let not_speech = [
        lines[0], lines[1], lines[4], lines[7], lines[9], lines[10], lines[11],
    ];
    for quote in quotes {
        let text = quote["text"].as_str().unwrap();
        assert!(quote["score"].as_f64().is_some());
        assert!(!quote["speaker"]["name"].as_str().unwrap().is_empty());
        for line in not_speech {
            assert!(
                !line.contains(text) && !text.contains(line),
                "{text:?} comes from {line:?}"
            );
        }
        let source_line = quote["source"]["line"].as_u64().unwrap() as usize;
        assert!(
            [3, 4, 6, 9].contains(&source_line),
            "quote from line {source_line}"
        );
    }
}

#[test]
fn extract_human_readable_names_speakers_and_ranks_quotes() {
    let out = pullquote(&root(), &["extract", SEED]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(text.contains(
        "AO     Aziz Oulhiyane — responsable de l’animation des réseaux sociaux, Région Occitanie"
    ));
    assert!(text.contains("1. [editor]"));
}

#[test]
fn run_writes_every_quote_in_every_format_deterministically() {
    let dir = tempfile::tempdir().unwrap();
    let seed = root().join(SEED);
    let seed = seed.to_str().unwrap();
    let first = dir.path().join("first");
    let second = dir.path().join("second");
    for target in [&first, &second] {
        let out = pullquote(dir.path(), &["run", seed, "-o", target.to_str().unwrap()]);
        assert!(out.status.success(), "{}", stderr(&out));
    }

    let listing = files(&first);
    assert_eq!(listing, files(&second));
    for file in &listing {
        assert_eq!(
            std::fs::read(first.join(file)).unwrap(),
            std::fs::read(second.join(file)).unwrap(),
            "{file:?} differs"
        );
    }

    let slug_dir = first.join("occitanie-social-media-interview");
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(slug_dir.join("manifest.json")).unwrap()).unwrap();
    let cards = manifest["cards"].as_array().unwrap();
    let pngs = listing
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "png"))
        .count();
    assert_eq!(cards.len(), pngs);
    assert_eq!(pngs, 5 * 7, "five quotes × seven default formats");
    let mut formats: Vec<&str> = cards.iter().map(|c| c["format"].as_str().unwrap()).collect();
    formats.sort();
    formats.dedup();
    assert_eq!(
        formats,
        [
            "instagram-portrait",
            "instagram-square",
            "instagram-tall",
            "link",
            "linkedin",
            "story",
            "x"
        ]
    );

    for card in cards {
        let path = slug_dir.join(card["path"].as_str().unwrap());
        let image = image::open(&path).unwrap();
        assert_eq!(
            u64::from(image.width()),
            card["width"].as_u64().unwrap(),
            "{path:?}"
        );
        assert_eq!(
            u64::from(image.height()),
            card["height"].as_u64().unwrap(),
            "{path:?}"
        );
        let alt = std::fs::read_to_string(slug_dir.join(card["alt_text_path"].as_str().unwrap())).unwrap();
        assert_eq!(alt.trim_end(), card["alt_text"].as_str().unwrap());
        assert!(alt.contains(card["quote"]["text"].as_str().unwrap()));
        assert!(alt.contains(card["speaker"]["name"].as_str().unwrap()));
    }
    let expected = [
        ("instagram-square", 1080, 1080),
        ("instagram-portrait", 1080, 1350),
        ("instagram-tall", 1080, 1440),
        ("story", 1080, 1920),
        ("x", 1600, 900),
        ("link", 1200, 630),
        ("linkedin", 1200, 627),
    ];
    for (format, w, h) in expected {
        let card = cards.iter().find(|c| c["format"] == format).unwrap();
        assert_eq!(
            (card["width"].as_u64().unwrap(), card["height"].as_u64().unwrap()),
            (w, h)
        );
    }
}

#[test]
fn render_one_quote_in_chosen_formats() {
    let dir = tempfile::tempdir().unwrap();
    let out = pullquote(
        dir.path(),
        &[
            "render",
            "--text",
            "We never stopped listening to the people we serve.",
            "--speaker",
            "Dana Fox",
            "--role",
            "park ranger",
            "--format",
            "x,story",
            "-o",
            "cards",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let listing = files(&dir.path().join("cards"));
    let names: Vec<String> = listing.iter().map(|p| p.display().to_string()).collect();
    assert_eq!(
        names,
        [
            "index.html",
            "manifest.csv",
            "manifest.json",
            "q01-dana-fox-story.alt.txt",
            "q01-dana-fox-story.png",
            "q01-dana-fox-x.alt.txt",
            "q01-dana-fox-x.png"
        ]
    );
    let alt = std::fs::read_to_string(dir.path().join("cards/q01-dana-fox-x.alt.txt")).unwrap();
    assert_eq!(
        alt,
        "Quote from Dana Fox, Park ranger: “We never stopped listening to the people we serve.”\n"
    );
}

#[test]
fn a_template_with_a_typo_names_file_line_column_and_the_field_expected() {
    let dir = tempfile::tempdir().unwrap();
    let template = "name: broken\nbrand:\n  palette:\n    ink: \"#111111\"\nelements:\n  - type: rect\n    colour: ink\n";
    std::fs::write(dir.path().join("brand.yaml"), template).unwrap();
    let out = pullquote(
        dir.path(),
        &[
            "render",
            "--text",
            "Hello there, this is a quote.",
            "--speaker",
            "A B",
            "-t",
            "brand.yaml",
            "-o",
            "o",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("error: elements[0]: unknown field `colour`"),
        "{err}"
    );
    assert!(err.contains("--> brand.yaml:7:5"), "{err}");
    assert!(err.contains("7 |     colour: ink"), "{err}");
    assert!(err.contains("did you mean `color`?"), "{err}");
    assert!(
        !dir.path().join("o").exists(),
        "nothing is written when the template is wrong"
    );
}

#[test]
fn a_template_with_a_bad_colour_points_at_it() {
    let dir = tempfile::tempdir().unwrap();
    let template = "brand:\n  palette:\n    ink: \"#11111G\"\n";
    std::fs::write(dir.path().join("brand.yaml"), template).unwrap();
    let out = pullquote(
        dir.path(),
        &[
            "run",
            &root().join(SEED).display().to_string(),
            "-t",
            "brand.yaml",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("invalid colour `#11111G`"), "{err}");
    assert!(err.contains("brand.yaml:3:"), "{err}");
}

#[test]
fn missing_input_file_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    // Every command says a missing file is missing in the same words.
    for args in [
        &["run", "nope.txt"][..],
        &["extract", "nope.txt"][..],
        &["read", "nope.txt"][..],
    ] {
        let out = pullquote(dir.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert!(
            err.starts_with("error: failed to read transcript `nope.txt` (not found)\n"),
            "{err}"
        );
        assert!(err.contains("hint:"), "{err}");
    }
    for (args, what) in [
        (&["render", "nope.csv", "-o", "o"][..], "sheet `nope.csv`"),
        (&["render", "nope.yaml", "-o", "o"][..], "quotes file `nope.yaml`"),
        (&["templates", "check", "nope.yaml"][..], "template `nope.yaml`"),
        (
            &[
                "render",
                "--text",
                "Bonjour à tous",
                "--speaker",
                "A",
                "--photo",
                "nope.jpg",
                "-o",
                "o",
            ][..],
            "photo `nope.jpg`",
        ),
        (
            &["--config", "nope.yaml", "config"][..],
            "settings file `nope.yaml`",
        ),
        (&["read", "speakers.txt"][..], "photo `nope.jpg` of Ann Lee"),
    ] {
        std::fs::write(
            dir.path().join("speakers.txt"),
            "---\nspeakers:\n  AL:\n    name: Ann Lee\n    photo: nope.jpg\n---\nAL: Bonjour.\n",
        )
        .unwrap();
        let err = stderr(&pullquote(dir.path(), args));
        assert!(
            err.contains(&format!("failed to read {what} (not found)")),
            "{err}"
        );
    }
    assert!(!dir.path().join("out").exists());
}

#[test]
fn unknown_format_suggests_the_nearest() {
    let out = pullquote(
        &root(),
        &["run", SEED, "--formats", "instagram-sqare", "-o", "/nonexistent"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("a similar value exists: 'instagram-square'"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn formats_lists_every_size() {
    let out = pullquote(&root(), &["formats"]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(text.contains("story") && text.contains("1080×1920"));
    assert!(text.contains("linkedin") && text.contains("1200×627"));
}
