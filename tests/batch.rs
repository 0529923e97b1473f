//! Batch runs a team can trust: reruns skip unchanged cards, foreign files are never overwritten
//! without --force, a broken card does not stop the others, and a killed run leaves no partial file.

mod common;

use common::{files, pullquote, root, stderr, stdout, SEED};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn seed_copy(dir: &Path, name: &str) -> String {
    let path = dir.join(name);
    std::fs::copy(root().join(SEED), &path).unwrap();
    path.display().to_string()
}

fn json_report(out: &std::process::Output) -> Value {
    serde_json::from_str(&stdout(out)).unwrap_or_else(|e| panic!("{e}: {}\n{}", stdout(out), stderr(out)))
}

fn statuses(report: &Value) -> Vec<(String, String)> {
    report["cards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["path"].as_str().unwrap().rsplit('/').next().unwrap().to_owned(),
                c["status"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn a_rerun_skips_unchanged_cards_and_redoes_changed_ones() {
    let dir = tempfile::tempdir().unwrap();
    let seed = seed_copy(dir.path(), "interview.txt");
    let extract = pullquote(dir.path(), &["extract", &seed, "--max", "3", "-o", "quotes.yaml"]);
    assert!(extract.status.success(), "{}", stderr(&extract));
    let run = || {
        pullquote(
            dir.path(),
            &[
                "run",
                "--quotes",
                "quotes.yaml",
                "-o",
                "out",
                "--json",
                "--formats",
                "instagram-square,x",
            ],
        )
    };
    let first = run();
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(statuses(&json_report(&first)).iter().all(|(_, s)| s == "created"));

    let second = run();
    assert!(second.status.success());
    let second = statuses(&json_report(&second));
    assert_eq!(second.len(), 6);
    assert!(second.iter().all(|(_, s)| s == "unchanged"), "{second:?}");

    // The editor changes a word of the first quote: only its two cards are made again.
    let quotes = std::fs::read_to_string(dir.path().join("quotes.yaml")).unwrap();
    assert!(quotes.contains("tel tweet."));
    std::fs::write(
        dir.path().join("quotes.yaml"),
        quotes.replace("tel tweet.", "tel message."),
    )
    .unwrap();
    let third = run();
    assert!(third.status.success(), "{}", stderr(&third));
    let third = statuses(&json_report(&third));
    let replaced: Vec<&str> = third
        .iter()
        .filter(|(_, s)| s == "replaced")
        .map(|(p, _)| p.as_str())
        .collect();
    assert_eq!(
        replaced,
        [
            "q01-aziz-oulhiyane-instagram-square.png",
            "q01-aziz-oulhiyane-x.png"
        ],
        "{third:?}"
    );
    assert_eq!(third.iter().filter(|(_, s)| s == "unchanged").count(), 4);
}

#[test]
fn a_foreign_or_edited_file_is_kept_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let seed = seed_copy(dir.path(), "interview.txt");
    let card = dir.path().join("out/interview/q01-aziz-oulhiyane-x.png");
    std::fs::create_dir_all(card.parent().unwrap()).unwrap();
    std::fs::write(&card, b"someone else's work").unwrap();

    let out = pullquote(dir.path(), &["run", &seed, "-o", "out", "--formats", "x"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("already exists and is not the file pullquote wrote there"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("--force"));
    assert_eq!(std::fs::read(&card).unwrap(), b"someone else's work");
    let second_card = std::fs::read_dir(dir.path().join("out/interview"))
        .unwrap()
        .filter_map(|e| e.ok())
        .any(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with("q02-") && name.ends_with("-x.png")
        });
    assert!(second_card, "the other cards are written");

    let dry = pullquote(
        dir.path(),
        &["run", &seed, "-o", "out", "--formats", "x", "--dry-run"],
    );
    assert!(
        stdout(&dry).contains("conflict  out/interview/q01-aziz-oulhiyane-x.png"),
        "{}",
        stdout(&dry)
    );

    let forced = pullquote(
        dir.path(),
        &["run", &seed, "-o", "out", "--formats", "x", "--force"],
    );
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert!(image::open(&card).is_ok());

    // A card edited by hand after the run is not silently replaced either.
    std::fs::write(&card, b"retouched").unwrap();
    std::fs::write(
        &seed,
        std::fs::read_to_string(&seed)
            .unwrap()
            .replace("tel tweet", "tel message"),
    )
    .unwrap();
    let rerun = pullquote(dir.path(), &["run", &seed, "-o", "out", "--formats", "x"]);
    assert_eq!(rerun.status.code(), Some(1));
    assert_eq!(std::fs::read(&card).unwrap(), b"retouched");
}

#[test]
fn a_broken_card_among_good_ones_exits_1_with_the_rest_written() {
    let dir = tempfile::tempdir().unwrap();
    let long = "Une phrase beaucoup trop longue pour une carte. ".repeat(30);
    let sheet = format!(
        "quote,name,role\n\"On a énormément communiqué sur la transition écologique.\",Ludovic Amar,responsable stratégie\n\"{long}\",Aziz Oulhiyane,responsable réseaux\n\"We never stopped listening to the people we serve.\",Dana Fox,park ranger\n"
    );
    std::fs::write(dir.path().join("quotes.csv"), sheet).unwrap();
    let out = pullquote(
        dir.path(),
        &[
            "render",
            "quotes.csv",
            "--format",
            "link,instagram-square",
            "-o",
            "cards",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("quote 2: link: the quote does not fit format `link`"),
        "{err}"
    );
    assert!(
        err.contains("quote 2: instagram-square: the quote does not fit"),
        "{err}"
    );
    let written: Vec<String> = files(&dir.path().join("cards"))
        .iter()
        .map(|p| p.display().to_string())
        .filter(|p| p.ends_with(".png"))
        .collect();
    assert_eq!(
        written,
        [
            "001-ludovic-amar-instagram-square.png",
            "001-ludovic-amar-link.png",
            "003-dana-fox-instagram-square.png",
            "003-dana-fox-link.png"
        ]
    );
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("cards/manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["cards"].as_array().unwrap().len(), 4);
    let sheet = std::fs::read_to_string(dir.path().join("cards/index.html")).unwrap();
    assert!(
        sheet.contains("not written"),
        "the contact sheet shows the failures"
    );
}

#[test]
fn a_killed_run_leaves_no_partial_file_and_the_rerun_completes() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("interviews");
    std::fs::create_dir(&inputs).unwrap();
    for i in 0..16 {
        seed_copy(&inputs, &format!("interview-{i:02}.txt"));
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_pullquote"))
        .args([
            "run",
            "interviews",
            "-o",
            "out",
            "-q",
            "--formats",
            "instagram-square,x",
        ])
        .current_dir(dir.path())
        .spawn()
        .unwrap();
    // Kill it once some cards are out, well before the 160 cards are done.
    let out = dir.path().join("out");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while std::time::Instant::now() < deadline {
        let pngs = out.exists()
            && files(&out)
                .iter()
                .filter(|p| p.extension().is_some_and(|e| e == "png"))
                .count()
                >= 10;
        if pngs {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    child.kill().unwrap();
    child.wait().unwrap();

    let mut checked = 0;
    for file in files(&out) {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with(".pullquote-") {
            continue; // a temporary file: never at a card's name, removed by the next run
        }
        let path = out.join(&file);
        match file.extension().and_then(|e| e.to_str()) {
            Some("png") => {
                image::open(&path).unwrap_or_else(|e| panic!("{file:?} is partial: {e}"));
                checked += 1;
            }
            Some("json") => {
                serde_json::from_slice::<Value>(&std::fs::read(&path).unwrap()).unwrap();
            }
            _ => {}
        }
    }
    assert!(checked >= 10, "{checked} cards were checked");

    let rerun = pullquote(
        dir.path(),
        &[
            "run",
            "interviews",
            "-o",
            "out",
            "-q",
            "--formats",
            "instagram-square,x",
        ],
    );
    assert!(rerun.status.success(), "{}", stderr(&rerun));
    let listing = files(&out);
    assert!(listing.iter().all(|f| !f
        .file_name()
        .unwrap()
        .to_string_lossy()
        .starts_with(".pullquote-")));
    assert_eq!(
        listing
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "png"))
            .count(),
        16 * 5 * 2
    );
}

#[test]
fn dry_run_writes_nothing_and_lists_every_card() {
    let dir = tempfile::tempdir().unwrap();
    let seed = seed_copy(dir.path(), "a.txt");
    let out = pullquote(
        dir.path(),
        &["run", &seed, "-o", "out", "--dry-run", "--formats", "story"],
    );
    assert!(out.status.success());
    assert!(!dir.path().join("out").exists());
    let listing = stdout(&out);
    let new = |end: &str| {
        listing
            .lines()
            .filter(|l| l.starts_with("new ") && l.ends_with(end))
            .count()
    };
    assert_eq!(new(".png"), 5);
    assert_eq!(new(".alt.txt"), 5);
    assert_eq!(new("manifest.json") + new("manifest.csv") + new("index.html"), 3);
    assert!(stderr(&out).contains("dry run: 5 new"));
}

#[test]
fn folders_globs_and_image_types() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("in")).unwrap();
    seed_copy(&dir.path().join("in"), "one.txt");
    seed_copy(&dir.path().join("in"), "two.md");
    let out = pullquote(
        dir.path(),
        &[
            "run",
            "in/*.txt",
            "in",
            "-o",
            "out",
            "--formats",
            "bluesky,x",
            "--image-format",
            "webp",
            "--max",
            "1",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let listing: Vec<String> = files(&dir.path().join("out"))
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    for expected in [
        "one/q01-aziz-oulhiyane-x.webp",
        "two/q01-aziz-oulhiyane-x.webp",
        "one/q01-aziz-oulhiyane-bluesky.jpg",
        "one/manifest.csv",
    ] {
        assert!(
            listing.contains(&expected.to_string()),
            "{expected} in {listing:?}"
        );
    }
    let bluesky = std::fs::read(dir.path().join("out/one/q01-aziz-oulhiyane-bluesky.jpg")).unwrap();
    assert!(bluesky.len() < 1_000_000);
    assert_eq!(image::guess_format(&bluesky).unwrap(), image::ImageFormat::Jpeg);
    let webp = image::open(dir.path().join("out/one/q01-aziz-oulhiyane-x.webp")).unwrap();
    assert_eq!((webp.width(), webp.height()), (1600, 900));
    let csv = std::fs::read_to_string(dir.path().join("out/one/manifest.csv")).unwrap();
    assert!(csv.starts_with(
        "path,format,width,height,rank,kind,score,speaker,role,organisation,quote,alt_text,warnings\n"
    ));
    assert!(csv.contains("q01-aziz-oulhiyane-bluesky.jpg,bluesky,1080,1350,1,editor"));
}

#[test]
fn png_cards_carry_alt_text_and_credit_as_metadata() {
    let dir = tempfile::tempdir().unwrap();
    let seed = seed_copy(dir.path(), "a.txt");
    assert!(pullquote(
        dir.path(),
        &["run", &seed, "-o", "out", "--formats", "x", "--max", "1"]
    )
    .status
    .success());
    let bytes = std::fs::read(dir.path().join("out/a/q01-aziz-oulhiyane-x.png")).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("iTXtDescription"));
    assert!(text.contains("iTXtAuthor"));
}

#[test]
fn a_sheet_renders_one_card_per_row() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("cards.tsv"),
        "id\tquote\tname\trole\n001\tWe started with a question nobody wanted to ask.\tMaria Lopez\thead of digital\n002\t« On a énormément communiqué », dit-il.\tLudovic Amar\tresponsable\n",
    )
    .unwrap();
    let out = pullquote(
        dir.path(),
        &[
            "render",
            "cards.tsv",
            "--format",
            "instagram-square",
            "-o",
            "o",
            "-q",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dir.path().join("o/001-maria-lopez-instagram-square.png").exists());
    let alt =
        std::fs::read_to_string(dir.path().join("o/002-ludovic-amar-instagram-square.alt.txt")).unwrap();
    assert!(alt.starts_with("Citation de Ludovic Amar"), "{alt}");
}

#[test]
fn the_peer_benchmark_card_renders_a_sheet() {
    // benches/peer-card.yaml is how pullquote joins the side-by-side benchmark with other tools.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("cards.tsv"),
        "id\tquote\tname\trole\n001\tLe doute, c’est le début du travail sérieux.\tCamille Roussel\tUrbaniste\n",
    )
    .unwrap();
    let template = root().join("benches/peer-card.yaml");
    let out = pullquote(
        dir.path(),
        &[
            "render",
            "cards.tsv",
            "-t",
            template.to_str().unwrap(),
            "--format",
            "instagram-square",
            "-o",
            "o",
            "-q",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let card = image::open(dir.path().join("o/001-camille-roussel-instagram-square.png"))
        .unwrap()
        .to_rgb8();
    assert_eq!(
        card.get_pixel(5, 5).0,
        [0x1E, 0x2A, 0x3A],
        "the peers' background colour"
    );
}
