//! Inputs as other programs save them and outputs as other programs read them, through the real
//! binary: spreadsheets in any delimiter and encoding, names in any script, phone photos, the
//! contact sheet's language, smaller PNGs and JPEGs.

mod common;

use common::{files, pullquote, root, stderr, SEED};
use image::{ImageEncoder, Rgb, RgbImage};
use std::path::Path;

fn render_sheet(dir: &Path, sheet: &str) -> std::process::Output {
    pullquote(
        dir,
        &["render", sheet, "--format", "instagram-square", "-o", "o", "-q"],
    )
}

fn pngs(dir: &Path) -> Vec<String> {
    files(dir)
        .iter()
        .map(|p| p.display().to_string())
        .filter(|p| p.ends_with(".png"))
        .collect()
}

#[test]
fn a_semicolon_sheet_from_a_french_excel_renders() {
    let dir = tempfile::tempdir().unwrap();
    // Excel in French saves "CSV" with `;`, quotes cells that hold one, and uses Windows-1252.
    let text = "quote;name;role\n\"Oui ; vraiment, on a tout essayé.\";Hélène Faÿ;maire\nÇa marche.;Noël Brûlé;élu\n";
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!unmappable);
    std::fs::write(dir.path().join("export.csv"), &bytes).unwrap();
    let out = render_sheet(dir.path(), "export.csv");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        pngs(&dir.path().join("o")),
        [
            "001-helene-fay-instagram-square.png",
            "002-noel-brule-instagram-square.png"
        ]
    );
    let alt = std::fs::read_to_string(dir.path().join("o/001-helene-fay-instagram-square.alt.txt")).unwrap();
    assert!(
        alt.contains("Hélène Faÿ") && alt.contains("Oui ; vraiment, on a tout essayé."),
        "{alt}"
    );
}

#[test]
fn a_sheet_with_a_byte_order_mark_and_tabs_renders() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("cards.csv"),
        "\u{FEFF}Quote\tName\tRole\nWe listen first.\tDana Fox\tpark ranger\n",
    )
    .unwrap();
    let out = render_sheet(dir.path(), "cards.csv");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(pngs(&dir.path().join("o")), ["001-dana-fox-instagram-square.png"]);
}

#[test]
fn names_in_any_script_give_readable_stable_file_names() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("names.csv"),
        "quote,name,role\nWe changed course.,Zoë Œuvre-Ødegaard,designer\nنحن نستمع أولاً.,محمد الصالح,صحفي\nМы слушаем.,Сергей Брин,инженер\n",
    )
    .unwrap();
    let out = render_sheet(dir.path(), "names.csv");
    assert!(out.status.success(), "{}", stderr(&out));
    let first = pngs(&dir.path().join("o"));
    assert_eq!(first.len(), 3, "{first:?}");
    assert_eq!(first[0], "001-zoe-oeuvre-odegaard-instagram-square.png");
    assert_eq!(first[2], "003-sergei-brin-instagram-square.png");
    let arabic = first[1]
        .strip_prefix("002-")
        .and_then(|n| n.strip_suffix("-instagram-square.png"))
        .unwrap_or_else(|| panic!("{first:?}"));
    assert!(
        arabic.len() >= 3
            && arabic
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
        "the Arabic name gives a readable ASCII name, not `{arabic}`"
    );
    // The same sheet again names the same files.
    std::fs::remove_dir_all(dir.path().join("o")).unwrap();
    assert!(render_sheet(dir.path(), "names.csv").status.success());
    assert_eq!(pngs(&dir.path().join("o")), first);

    let out = pullquote(
        dir.path(),
        &[
            "render",
            "--text",
            "Tout a changé.",
            "--speaker",
            "Zoë Œuvre-Ødegaard",
            "--format",
            "x",
            "-o",
            "one",
            "-q",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dir.path().join("one/q01-zoe-oeuvre-odegaard-x.png").exists());
}

/// A template whose photo fills the top-left quarter of a square card, square-cropped.
const PHOTO_TEMPLATE: &str = r##"
name: photo-test
brand:
  palette: { paper: "#FFFFFF", ink: "#111111" }
  fonts: { body: { family: Inter, weight: 400 } }
background: paper
elements:
  - type: photo
    id: photo
    left: 0vmin
    top: 0vmin
    width: 50vmin
    shape: square
  - type: stack
    id: main
    left: 55vmin
    right: 5vmin
    top: 55vmin
    bottom: 5vmin
    children:
      - type: quote
        id: quote
        font: body
        size: { min: 2vmin, max: 4vmin }
        color: ink
"##;

#[test]
fn a_phone_photo_is_drawn_upright() {
    let dir = tempfile::tempdir().unwrap();
    // Upright, the photo is red above blue. A phone stores it turned a quarter anticlockwise
    // (red on the left) and says so with EXIF orientation 6 ("turn 90° clockwise to show").
    let upright = RgbImage::from_fn(100, 200, |_, y| {
        if y < 100 {
            Rgb([220, 30, 30])
        } else {
            Rgb([30, 30, 220])
        }
    });
    let stored = image::imageops::rotate270(&upright);
    let mut jpeg = Vec::new();
    let mut encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 95);
    encoder.set_exif_metadata(exif_orientation(6)).unwrap();
    encoder
        .write_image(
            stored.as_raw(),
            stored.width(),
            stored.height(),
            image::ExtendedColorType::Rgb8,
        )
        .unwrap();
    std::fs::write(dir.path().join("phone.jpg"), &jpeg).unwrap();
    std::fs::write(dir.path().join("t.yaml"), PHOTO_TEMPLATE).unwrap();
    let out = pullquote(
        dir.path(),
        &[
            "render",
            "--text",
            "Upright.",
            "--speaker",
            "Dana Fox",
            "--photo",
            "phone.jpg",
            "-t",
            "t.yaml",
            "--format",
            "instagram-square",
            "-o",
            "o",
            "-q",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let card = image::open(dir.path().join("o/q01-dana-fox-instagram-square.png"))
        .unwrap()
        .to_rgb8();
    // The photo covers 540×540 px from the corner; sample the middle of each quarter of it.
    let red = |x: u32, y: u32| {
        let p = card.get_pixel(x, y).0;
        assert!(
            p[0].abs_diff(p[2]) > 100,
            "pixel ({x}, {y}) is {p:?}, neither red nor blue"
        );
        p[0] > p[2]
    };
    assert!(red(135, 135) && red(405, 135), "the top half is red");
    assert!(!red(135, 405) && !red(405, 405), "the bottom half is blue");
}

/// A minimal little-endian EXIF block holding only an orientation tag.
fn exif_orientation(value: u16) -> Vec<u8> {
    let mut exif = b"II*\0".to_vec();
    exif.extend_from_slice(&8u32.to_le_bytes()); // offset of the first directory
    exif.extend_from_slice(&1u16.to_le_bytes()); // one entry
    exif.extend_from_slice(&0x0112u16.to_le_bytes()); // Orientation
    exif.extend_from_slice(&3u16.to_le_bytes()); // SHORT
    exif.extend_from_slice(&1u32.to_le_bytes()); // one value
    exif.extend_from_slice(&value.to_le_bytes());
    exif.extend_from_slice(&[0, 0]);
    exif.extend_from_slice(&0u32.to_le_bytes()); // no next directory
    exif
}

#[test]
fn the_contact_sheet_speaks_the_interview_language() {
    let dir = tempfile::tempdir().unwrap();
    let seed = root().join(SEED);
    let out = pullquote(
        dir.path(),
        &["run", seed.to_str().unwrap(), "-o", "out", "--formats", "x", "-q"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let html = std::fs::read_to_string(dir.path().join("out/index.html")).unwrap();
    assert!(html.contains("<html lang=\"fr\">"), "{}", &html[..200]);
    assert!(html.contains("<section class=\"interview\" lang=\"fr\">"));
    assert!(
        html.contains("<button type=\"button\" lang=\"en\""),
        "the page's own words are English"
    );
}

#[test]
fn optimize_makes_smaller_pngs_of_the_same_pixels_every_time() {
    let dir = tempfile::tempdir().unwrap();
    let seed = root().join(SEED);
    let seed = seed.to_str().unwrap();
    let run = |out: &str, extra: &[&str]| {
        let mut args = vec!["run", seed, "-o", out, "--formats", "instagram-square", "-q"];
        args.extend_from_slice(extra);
        let output = pullquote(dir.path(), &args);
        assert!(output.status.success(), "{}", stderr(&output));
    };
    run("plain", &[]);
    run("small", &["--optimize"]);
    run("again", &["--optimize"]);
    let card = "occitanie-social-media-interview/q01-aziz-oulhiyane-instagram-square.png";
    let plain = std::fs::read(dir.path().join("plain").join(card)).unwrap();
    let small = std::fs::read(dir.path().join("small").join(card)).unwrap();
    assert!(small.len() < plain.len(), "{} !< {}", small.len(), plain.len());
    assert_eq!(small, std::fs::read(dir.path().join("again").join(card)).unwrap());
    assert_eq!(
        image::load_from_memory(&small).unwrap().to_rgb8(),
        image::load_from_memory(&plain).unwrap().to_rgb8()
    );
    assert!(
        String::from_utf8_lossy(&small).contains("iTXtDescription"),
        "metadata kept"
    );
}

#[test]
fn jpeg_cards_decode_and_carry_their_alt_text() {
    let dir = tempfile::tempdir().unwrap();
    let seed = root().join(SEED);
    let out = pullquote(
        dir.path(),
        &[
            "run",
            seed.to_str().unwrap(),
            "-o",
            "out",
            "--formats",
            "x,bluesky",
            "--image-format",
            "jpeg",
            "-q",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let folder = dir.path().join("out/occitanie-social-media-interview");
    for name in ["q01-aziz-oulhiyane-x.jpg", "q01-aziz-oulhiyane-bluesky.jpg"] {
        let bytes = std::fs::read(folder.join(name)).unwrap();
        assert!(bytes.len() < 1_000_000);
        assert!(
            String::from_utf8_lossy(&bytes).contains("<photoshop:Credit>"),
            "{name}"
        );
        image::load_from_memory(&bytes).unwrap();
    }
}

#[test]
fn inputs_with_the_same_name_both_survive() {
    let dir = tempfile::tempdir().unwrap();
    let seed = std::fs::read_to_string(root().join(SEED)).unwrap();
    for folder in ["a", "b"] {
        std::fs::create_dir(dir.path().join(folder)).unwrap();
        std::fs::write(dir.path().join(folder).join("interview.txt"), &seed).unwrap();
    }
    let run = || {
        let out = pullquote(
            dir.path(),
            &["run", "a/interview.txt", "b", "-o", "out", "--formats", "x"],
        );
        assert!(out.status.success(), "{}", stderr(&out));
        stderr(&out)
    };
    let warnings = run();
    assert!(
        warnings.contains("`a/interview.txt` also gives the folder name `interview`")
            && warnings.contains("out/interview-2"),
        "{warnings}"
    );
    let source = |folder: &str| {
        let text =
            std::fs::read_to_string(dir.path().join("out").join(folder).join("manifest.json")).unwrap();
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        (
            json["interview"]["source"].as_str().unwrap().to_owned(),
            json["interview"]["slug"].as_str().unwrap().to_owned(),
        )
    };
    assert_eq!(
        source("interview"),
        ("a/interview.txt".into(), "interview".into())
    );
    assert_eq!(
        source("interview-2"),
        ("b/interview.txt".into(), "interview-2".into())
    );
    // Each input keeps its folder on the next run: nothing to redo.
    let before = files(&dir.path().join("out"));
    assert!(run().contains("unchanged"));
    assert_eq!(files(&dir.path().join("out")), before);
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_loop_is_one_input() {
    let dir = tempfile::tempdir().unwrap();
    let talks = dir.path().join("talks");
    std::fs::create_dir(&talks).unwrap();
    std::fs::copy(root().join(SEED), talks.join("talk.txt")).unwrap();
    std::os::unix::fs::symlink(&talks, talks.join("again")).unwrap();
    std::os::unix::fs::symlink(talks.join("talk.txt"), talks.join("same.txt")).unwrap();
    let out = pullquote(dir.path(), &["run", "talks", "-o", "out", "--formats", "x", "-q"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let manifests: Vec<_> = files(&dir.path().join("out"))
        .into_iter()
        .filter(|p| p.ends_with("manifest.json"))
        .collect();
    assert_eq!(manifests, [Path::new("same/manifest.json")]);
}
