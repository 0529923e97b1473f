//! Everything a user gives reaches the card, through the real binary: highlights from a quotes
//! file, a sheet and `extract`'s automatic picks change the pixels; a front-matter photo is
//! drawn; a flag that does not apply is a usage error; and a rerun redoes exactly the cards a
//! changed photo, date or highlight concerns.

mod common;

use common::{pullquote, root, stderr, stdout, SEED};
use image::{Rgb, RgbImage, RgbaImage};
use serde_json::Value;
use std::path::Path;

fn decode(path: &Path) -> RgbImage {
    image::open(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .to_rgb8()
}

/// Pixels that differ between two cards of one size.
fn differing_pixels(a: &Path, b: &Path) -> usize {
    let (a, b) = (decode(a), decode(b));
    assert_eq!(a.dimensions(), b.dimensions());
    a.pixels().zip(b.pixels()).filter(|(p, q)| p != q).count()
}

fn ok(output: &std::process::Output) {
    assert!(output.status.success(), "{}\n{}", stdout(output), stderr(output));
}

fn write_photo(path: &Path, color: [u8; 3]) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let mut image = RgbaImage::from_pixel(160, 200, image::Rgba([color[0], color[1], color[2], 255]));
    // A darker band, so the picture is not a flat colour.
    for y in 150..200 {
        for x in 0..160 {
            image.put_pixel(x, y, image::Rgba([color[0] / 2, color[1] / 2, color[2] / 2, 255]));
        }
    }
    image.save(path).unwrap();
}

/// Pixels of `card` within a few levels of `color`.
fn pixels_of(card: &RgbImage, color: [u8; 3]) -> usize {
    card.pixels()
        .filter(|Rgb(p)| p.iter().zip(color).all(|(a, b)| a.abs_diff(b) <= 3))
        .count()
}

#[test]
fn a_highlight_in_a_quotes_file_is_drawn() {
    let dir = tempfile::tempdir().unwrap();
    let quotes = |highlight: &str| {
        format!(
            "language: fr\nquotes:\n- id: q01\n  text: On ne communique plus, on converse avec les habitants.\n  speaker: {{name: Camille Ferrand, role: directrice de la communication}}\n{highlight}"
        )
    };
    let card = "q01-camille-ferrand-instagram-square.png";
    for (folder, highlight) in [("plain", ""), ("highlighted", "  highlight: [converse]\n")] {
        std::fs::write(dir.path().join("quotes.yaml"), quotes(highlight)).unwrap();
        ok(&pullquote(
            dir.path(),
            &[
                "render",
                "quotes.yaml",
                "-o",
                folder,
                "--format",
                "instagram-square",
            ],
        ));
    }
    let changed = differing_pixels(
        &dir.path().join("plain").join(card),
        &dir.path().join("highlighted").join(card),
    );
    assert!(changed > 500, "only {changed} pixels differ");
    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("highlighted/manifest.json")).unwrap())
            .unwrap();
    assert_eq!(manifest["cards"][0]["emphasis"], serde_json::json!(["converse"]));
    // The paper template draws emphasis in its red accent.
    assert!(
        pixels_of(
            &decode(&dir.path().join("highlighted").join(card)),
            [0xB8, 0x32, 0x2A]
        ) > 200
    );
}

#[test]
fn a_highlight_column_in_a_sheet_is_drawn() {
    let dir = tempfile::tempdir().unwrap();
    let row =
        "\"People don’t share a press release. They share a sentence.\",Jonathan Okafor,head of social media";
    std::fs::write(dir.path().join("plain.csv"), format!("quote,name,role\n{row}\n")).unwrap();
    std::fs::write(
        dir.path().join("highlighted.csv"),
        format!("quote,name,role,highlight\n{row},sentence\n"),
    )
    .unwrap();
    for sheet in ["plain", "highlighted"] {
        ok(&pullquote(
            dir.path(),
            &[
                "render",
                &format!("{sheet}.csv"),
                "-o",
                sheet,
                "--format",
                "instagram-square",
                "-t",
                "bold",
            ],
        ));
    }
    let card = "001-jonathan-okafor-instagram-square.png";
    let changed = differing_pixels(
        &dir.path().join("plain").join(card),
        &dir.path().join("highlighted").join(card),
    );
    assert!(changed > 500, "only {changed} pixels differ");
}

#[test]
fn a_highlight_word_missing_from_a_sheet_row_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("cards.csv"),
        "quote,name,highlight\nWe never stopped listening.,Ann Lee,always\n",
    )
    .unwrap();
    let output = pullquote(dir.path(), &["render", "cards.csv", "-o", "out", "--format", "x"]);
    ok(&output);
    assert!(
        stderr(&output).contains("highlight `always` does not occur"),
        "{}",
        stderr(&output)
    );
    assert!(stderr(&output).contains("cards.csv:2"), "{}", stderr(&output));
}

/// `run` on a transcript draws the words `extract` proposes for the accent colour, and a quotes
/// file written by `extract -o` gives the very same cards.
#[test]
fn extracts_automatic_highlights_are_drawn() {
    let dir = tempfile::tempdir().unwrap();
    let seed = root().join(SEED);
    let seed = seed.to_str().unwrap();
    let formats = ["--formats", "instagram-square"];
    ok(&pullquote(
        dir.path(),
        &[&["run", seed, "-o", "selected"][..], &formats].concat(),
    ));
    ok(&pullquote(dir.path(), &["extract", seed, "-o", "quotes.yaml"]));
    let yaml = std::fs::read_to_string(dir.path().join("quotes.yaml")).unwrap();
    assert!(
        yaml.contains("\n  highlight:"),
        "the seed's quotes have highlights:\n{yaml}"
    );
    std::fs::write(dir.path().join("plain.yaml"), without_highlights(&yaml)).unwrap();
    ok(&pullquote(
        dir.path(),
        &[
            &["run", "--quotes", "quotes.yaml", "-o", "from-file"][..],
            &formats,
        ]
        .concat(),
    ));
    ok(&pullquote(
        dir.path(),
        &[&["run", "--quotes", "plain.yaml", "-o", "plain"][..], &formats].concat(),
    ));

    let folder = "occitanie-social-media-interview";
    let manifest: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("selected").join(folder).join("manifest.json")).unwrap(),
    )
    .unwrap();
    let mut highlighted = 0;
    for card in manifest["cards"].as_array().unwrap() {
        let name = card["path"].as_str().unwrap();
        let at = |run: &str| dir.path().join(run).join(folder).join(name);
        assert_eq!(
            std::fs::read(at("selected")).unwrap(),
            std::fs::read(at("from-file")).unwrap(),
            "{name}: a quotes file from `extract -o` gives the same card as `run`"
        );
        if card
            .get("emphasis")
            .is_some_and(|e| !e.as_array().unwrap().is_empty())
        {
            highlighted += 1;
            let changed = differing_pixels(&at("selected"), &at("plain"));
            assert!(changed > 300, "{name}: only {changed} pixels differ");
        } else {
            assert_eq!(differing_pixels(&at("selected"), &at("plain")), 0, "{name}");
        }
    }
    assert!(highlighted >= 2, "{manifest}");
}

/// A quotes file's text without its `highlight:` entries (inline or block lists).
fn without_highlights(yaml: &str) -> String {
    let mut lines = Vec::new();
    let mut in_highlight = false;
    for line in yaml.lines() {
        if line.starts_with("  highlight:") {
            in_highlight = !line.contains('[');
            continue;
        }
        if in_highlight && line.starts_with("  - ") {
            continue;
        }
        in_highlight = false;
        lines.push(line);
    }
    lines.join("\n") + "\n"
}

const FRONT_MATTER: &str = "---\ntitle: Les réseaux sociaux de la Région\ndate: 12 mars 2024\nspeakers:\n  AO:\n    name: Aziz Oulhiyane\n    role: responsable de l’animation des réseaux sociaux\n    organisation: Région Occitanie\n    photo: photos/aziz.png\n  LA:\n    name: Ludovic Amar\n    role: responsable stratégie média digitale\n    organisation: Région Occitanie\n    photo: photos/ludovic.png\n---\n";

/// The seed interview with front matter giving both speakers a photo, in `dir/interview/`.
fn interview_with_photos(dir: &Path) -> String {
    let folder = dir.join("interview");
    std::fs::create_dir_all(&folder).unwrap();
    let body = std::fs::read_to_string(root().join(SEED)).unwrap();
    std::fs::write(folder.join("entretien.txt"), format!("{FRONT_MATTER}{body}")).unwrap();
    write_photo(&folder.join("photos/aziz.png"), [0, 230, 90]);
    write_photo(&folder.join("photos/ludovic.png"), [230, 0, 140]);
    "interview/entretien.txt".into()
}

#[test]
fn a_front_matter_photo_is_drawn_by_run_on_bold() {
    let dir = tempfile::tempdir().unwrap();
    let transcript = interview_with_photos(dir.path());
    ok(&pullquote(
        dir.path(),
        &[
            "run",
            &transcript,
            "-o",
            "out",
            "-t",
            "bold",
            "--formats",
            "instagram-square",
            "--max",
            "3",
        ],
    ));
    let folder = dir.path().join("out/entretien");
    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(folder.join("manifest.json")).unwrap()).unwrap();
    let cards = manifest["cards"].as_array().unwrap();
    assert_eq!(cards.len(), 3);
    for card in cards {
        let name = card["path"].as_str().unwrap();
        let image = decode(&folder.join(name));
        let (own, other) = if name.contains("aziz") {
            ([0, 230, 90], [230, 0, 140])
        } else {
            ([230, 0, 140], [0, 230, 90])
        };
        let drawn = pixels_of(&image, own);
        assert!(
            drawn > 3000,
            "{name}: the speaker's photo covers only {drawn} pixels"
        );
        assert_eq!(pixels_of(&image, other), 0, "{name}");
        assert!(
            card["speaker"]["photo"].as_str().unwrap().ends_with(".png"),
            "{card}"
        );
    }
}

#[test]
fn flags_that_do_not_apply_to_the_input_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    write_photo(&dir.path().join("face.png"), [10, 10, 10]);
    std::fs::write(
        dir.path().join("quotes.yaml"),
        "language: en\nquotes:\n- text: We never stopped listening.\n  speaker: {name: Ann Lee}\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("cards.csv"),
        "quote,name\nWe never stopped.,Ann Lee\n",
    )
    .unwrap();
    let cases: &[(&[&str], &str)] = &[
        (
            &["render", "quotes.yaml", "--photo", "face.png"],
            "`--photo` does not apply to a quotes file",
        ),
        (
            &["render", "quotes.yaml", "--date", "May 2025"],
            "`--date` does not apply to a quotes file",
        ),
        (
            &["render", "cards.csv", "--photo", "face.png"],
            "`--photo` does not apply to a sheet",
        ),
        (
            &["render", "cards.csv", "--date", "May 2025"],
            "`--date` does not apply to a sheet",
        ),
        (
            &["run", "--quotes", "quotes.yaml", "--max", "3"],
            "`--max` does not apply to a quotes file",
        ),
        (
            &["render", "quotes.yaml", "--role", "mayor"],
            "`--role` does not apply to a quotes file",
        ),
        (
            &["render", "cards.csv", "--organisation", "Ville"],
            "`--organisation` does not apply to a sheet",
        ),
        (
            &["render", "cards.csv", "--text", "Hello.", "--speaker", "Ann"],
            "`--text` does not apply to a sheet",
        ),
        (
            &["render", "cards.csv", "--optimize", "--image-format", "jpeg"],
            "`--optimize` does not apply to JPG cards",
        ),
    ];
    for (args, message) in cases {
        let output = pullquote(dir.path(), &[args, &["-o", "out"][..]].concat());
        assert_eq!(output.status.code(), Some(2), "{args:?}: {}", stderr(&output));
        assert!(stderr(&output).contains(message), "{args:?}: {}", stderr(&output));
        assert!(
            stderr(&output).contains("hint:"),
            "{args:?} says what to do: {}",
            stderr(&output)
        );
        assert!(!dir.path().join("out").exists(), "{args:?} wrote nothing");
    }
    // The hint says where the value goes instead.
    let output = pullquote(
        dir.path(),
        &["render", "cards.csv", "--date", "May 2025", "-o", "out"],
    );
    assert!(
        stderr(&output).contains("add a `date` column"),
        "{}",
        stderr(&output)
    );
}

/// A template that prints the date under the quote, beside the speaker's photo.
const DATED: &str = "name: dated\nbackground: \"#FFFFFF\"\nelements:\n  - type: photo\n    id: photo\n    left: 6vmin\n    top: 6vmin\n    width: 24vmin\n    shape: circle\n    color: \"#DDDDDD\"\n  - type: stack\n    id: main\n    left: 8vmin\n    right: 8vmin\n    top: 34vmin\n    bottom: 8vmin\n    children:\n      - type: quote\n        id: quote\n        color: \"#111111\"\n      - type: text\n        id: date\n        text: \"{date}\"\n        color: \"#333333\"\n";

fn statuses(output: &std::process::Output) -> Vec<(String, String)> {
    ok(output);
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let mut out: Vec<(String, String)> = report["cards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let name = c["path"].as_str().unwrap().rsplit('/').next().unwrap().to_owned();
            (name, c["status"].as_str().unwrap().to_owned())
        })
        .collect();
    out.sort();
    out
}

fn redone(statuses: &[(String, String)]) -> Vec<&str> {
    statuses
        .iter()
        .filter(|(_, s)| s != "unchanged")
        .map(|(n, _)| n.as_str())
        .collect()
}

#[test]
fn a_rerun_redoes_exactly_the_cards_a_change_concerns() {
    let dir = tempfile::tempdir().unwrap();
    let transcript = interview_with_photos(dir.path());
    std::fs::write(dir.path().join("dated.yaml"), DATED).unwrap();
    let run = |input: &[&str]| {
        let args = [
            input,
            &[
                "-o",
                "out",
                "-t",
                "dated.yaml",
                "--formats",
                "instagram-square,x",
                "--json",
            ][..],
        ]
        .concat();
        statuses(&pullquote(dir.path(), &args))
    };
    let transcript_run = || run(&["run", &transcript, "--max", "3"]);
    let first = transcript_run();
    assert_eq!(first.len(), 6);
    assert!(first.iter().all(|(_, s)| s == "created"), "{first:?}");
    assert!(redone(&transcript_run()).is_empty());

    // A new photo of Aziz Oulhiyane: his cards, and only his, are made again.
    write_photo(&dir.path().join("interview/photos/aziz.png"), [0, 120, 230]);
    let after_photo = transcript_run();
    let aziz: Vec<&str> = first
        .iter()
        .filter(|(n, _)| n.contains("aziz"))
        .map(|(n, _)| n.as_str())
        .collect();
    assert!(!aziz.is_empty() && aziz.len() < first.len(), "{first:?}");
    assert_eq!(redone(&after_photo), aziz);

    // A new date in the front matter: every card prints it.
    let path = dir.path().join("interview/entretien.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("date: 12 mars 2024", "date: 14 mars 2024")).unwrap();
    assert_eq!(redone(&transcript_run()).len(), first.len());

    // A highlight added to one quote of a quotes file: that quote's cards only.
    ok(&pullquote(
        dir.path(),
        &["extract", &transcript, "--max", "3", "-o", "quotes.yaml"],
    ));
    let quotes_run = || run(&["run", "--quotes", "quotes.yaml"]);
    quotes_run();
    assert!(redone(&quotes_run()).is_empty());
    let yaml = std::fs::read_to_string(dir.path().join("quotes.yaml")).unwrap();
    let mut parts: Vec<String> = yaml.split("\n- id: ").map(str::to_owned).collect();
    let word = parts[2]
        .lines()
        .find_map(|l| l.strip_prefix("  text: "))
        .and_then(|t| {
            t.split_whitespace()
                .find(|w| w.chars().count() > 5 && w.chars().all(char::is_alphabetic))
        })
        .unwrap()
        .to_owned();
    parts[2] = format!(
        "{}\n  highlight: [{word}]",
        without_highlights(&parts[2]).trim_end()
    );
    std::fs::write(dir.path().join("quotes.yaml"), parts.join("\n- id: ")).unwrap();
    let after_highlight = quotes_run();
    let second: Vec<&str> = after_highlight
        .iter()
        .filter(|(n, _)| n.starts_with("q02-"))
        .map(|(n, _)| n.as_str())
        .collect();
    assert_eq!(second.len(), 2);
    assert_eq!(
        redone(&after_highlight),
        second,
        "only the second quote's cards: {after_highlight:?}"
    );
}

/// The case the skip-unchanged key used to miss: one card from the command line, made again
/// with another `--photo` or another `--date`, is redrawn; the same arguments leave it alone.
#[test]
fn render_with_a_new_photo_or_date_redraws_the_card() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("dated.yaml"), DATED).unwrap();
    write_photo(&dir.path().join("first.png"), [0, 230, 90]);
    write_photo(&dir.path().join("second.png"), [0, 120, 230]);
    let render = |photo: &str, date: &str| {
        statuses(&pullquote(
            dir.path(),
            &[
                "render",
                "--text",
                "We never stopped listening.",
                "--speaker",
                "Ann Lee",
                "--photo",
                photo,
                "--date",
                date,
                "-t",
                "dated.yaml",
                "--format",
                "instagram-square",
                "-o",
                "out",
                "--json",
            ],
        ))
    };
    let status = |statuses: Vec<(String, String)>| {
        assert_eq!(statuses.len(), 1, "{statuses:?}");
        statuses[0].1.clone()
    };
    assert_eq!(status(render("first.png", "May 2025")), "created");
    let card = dir.path().join("out").join(&render("first.png", "May 2025")[0].0);
    let first = decode(&card);
    assert!(pixels_of(&first, [0, 230, 90]) > 1000);
    assert_eq!(status(render("first.png", "May 2025")), "unchanged");

    assert_eq!(status(render("second.png", "May 2025")), "replaced");
    let second = decode(&card);
    assert_eq!(pixels_of(&second, [0, 230, 90]), 0);
    assert!(pixels_of(&second, [0, 120, 230]) > 1000);

    assert_eq!(status(render("second.png", "June 2025")), "replaced");
    let third = decode(&card);
    let changed = third
        .pixels()
        .zip(second.pixels())
        .filter(|(p, q)| p != q)
        .count();
    assert!(changed > 100, "the new date is drawn: {changed} pixels differ");
}

/// `render --text … -o -` with `extra`: exit code, the card's bytes, standard error.
fn typed_card(dir: &Path, text: &str, extra: &[&str]) -> (Option<i32>, Vec<u8>, String) {
    let mut args = vec![
        "render",
        "--text",
        text,
        "--speaker",
        "Camille Ferrand",
        "--formats",
        "instagram-square",
        "-o",
        "-",
    ];
    args.extend_from_slice(extra);
    let output = pullquote(dir, &args);
    (output.status.code(), output.stdout.clone(), stderr(&output))
}

#[test]
fn a_short_french_quote_typed_without_lang_is_set_in_french() {
    let dir = tempfile::tempdir().unwrap();
    let quote = "On ne communique plus, on converse.";
    let (code, guessed, err) = typed_card(dir.path(), quote, &[]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains("Citation de Camille Ferrand"),
        "French alt text: {err}"
    );
    assert!(!err.contains("warning"), "`ne` is French enough: {err}");
    let (_, french, _) = typed_card(dir.path(), quote, &["--lang", "fr"]);
    let (_, english, _) = typed_card(dir.path(), quote, &["--lang", "en"]);
    assert_eq!(guessed, french, "the same card as with --lang fr");
    assert_ne!(
        guessed, english,
        "English typography and alt text make another card"
    );

    // Too few telling words: the guess is said, with the flag that settles it.
    let (code, _, err) = typed_card(dir.path(), "On converse.", &[]);
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("too few words") && err.contains("--lang"), "{err}");
    // The words around the quote settle it.
    let (_, _, err) = typed_card(
        dir.path(),
        "On converse.",
        &["--role", "directrice de la communication"],
    );
    assert!(
        !err.contains("too few words") && err.contains("Citation de"),
        "{err}"
    );

    // A sheet row without a `lang` column: the same guess, and one warning naming the rows.
    std::fs::write(
        dir.path().join("cards.csv"),
        "quote,name\n\"On ne communique plus, on converse.\",Camille Ferrand\nOn converse.,Ann Lee\n",
    )
    .unwrap();
    let output = pullquote(
        dir.path(),
        &["render", "cards.csv", "--formats", "x", "-o", "sheet"],
    );
    ok(&output);
    let alt = std::fs::read_to_string(dir.path().join("sheet/001-camille-ferrand-x.alt.txt")).unwrap();
    assert!(alt.starts_with("Citation de"), "{alt}");
    let err = stderr(&output);
    assert!(
        err.contains("line 3: en") && err.contains("`lang` column"),
        "{err}"
    );
}

#[test]
fn a_sheet_row_s_own_template_draws_the_logo() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("logo.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"300\" height=\"100\"><rect width=\"300\" height=\"100\" fill=\"#2D8C5A\"/></svg>",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("cards.csv"),
        "id,quote,name,template\nq1,We never stopped listening.,Ann Lee,bold\n",
    )
    .unwrap();
    let render = |out: &str, extra: &[&str]| {
        let args = [&["render", "cards.csv", "--formats", "x", "-o", out][..], extra].concat();
        ok(&pullquote(dir.path(), &args));
        dir.path().join(out).join("q1-ann-lee-x.png")
    };
    let plain = render("plain", &[]);
    let branded = render("branded", &["--logo", "logo.svg"]);
    let green = pixels_of(&decode(&branded), [0x2D, 0x8C, 0x5A]);
    assert!(
        green > 500,
        "the logo is drawn on the row's template ({green} px)"
    );
    assert_eq!(pixels_of(&decode(&plain), [0x2D, 0x8C, 0x5A]), 0);
}
