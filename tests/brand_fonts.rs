//! Brand font files named in a template's `brand.fonts`, driven through the real binary:
//! TrueType, OpenType, a face of a collection and a variable font at a weight or a named
//! instance; a file that is not a font; characters a font lacks; a changed font file redrawing
//! the cards set with it.

mod common;

use common::{pullquote, root, stderr, stdout};
use std::path::Path;

/// A template whose quote is set in the `quote` role written as `font` (a YAML mapping).
fn template(font: &str) -> String {
    format!(
        r##"name: brand-fonts
brand:
  palette: {{ ink: "#1B2430", background: "#F5F0E6" }}
  fonts:
    quote: {font}
    body: {{ family: Inter, weight: 400 }}
styles:
  quote: {{ size: {{ min: 4vmin, max: 9vmin }}, color: ink }}
  name: {{ font: body, size: 4vmin, color: ink }}
background: background
elements:
  - type: stack
    id: main
    left: 8vmin
    right: 8vmin
    top: 8vmin
    bottom: 8vmin
    children:
      - type: quote
        id: quote
      - type: text
        id: name
        text: "{{speaker.name}}"
"##
    )
}

/// A folder holding `brand.yaml` (with `font` as its quote role) and the given font files.
fn brand(font: &str, files: &[(&str, Vec<u8>)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("fonts")).unwrap();
    for (name, bytes) in files {
        std::fs::write(dir.path().join("fonts").join(name), bytes).unwrap();
    }
    std::fs::write(dir.path().join("brand.yaml"), template(font)).unwrap();
    dir
}

fn embedded(name: &str) -> Vec<u8> {
    std::fs::read(root().join("fonts").join(name)).unwrap()
}

fn be16(bytes: &[u8], at: usize) -> u16 {
    u16::from_be_bytes([bytes[at], bytes[at + 1]])
}

fn be32(bytes: &[u8], at: usize) -> u32 {
    u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap())
}

/// A TrueType collection of `fonts` (each a single-face file): one header, then each font's
/// table directory pointing into the tables copied after them.
fn collection(fonts: &[Vec<u8>]) -> Vec<u8> {
    let directories: usize = fonts.iter().map(|f| 12 + 16 * usize::from(be16(f, 4))).sum();
    let mut data_at = 12 + 4 * fonts.len() + directories;
    let mut head = b"ttcf".to_vec();
    head.extend(0x0001_0000u32.to_be_bytes());
    head.extend((fonts.len() as u32).to_be_bytes());
    let mut dirs = Vec::new();
    let mut tables = Vec::new();
    for font in fonts {
        head.extend(((12 + 4 * fonts.len() + dirs.len()) as u32).to_be_bytes());
        let count = usize::from(be16(font, 4));
        dirs.extend(&font[..12]);
        for record in 0..count {
            let at = 12 + 16 * record;
            let (offset, length) = (be32(font, at + 8) as usize, be32(font, at + 12) as usize);
            dirs.extend(&font[at..at + 8]);
            dirs.extend((data_at as u32).to_be_bytes());
            dirs.extend((length as u32).to_be_bytes());
            tables.extend(&font[offset..offset + length]);
            while tables.len() % 4 != 0 {
                tables.push(0);
            }
            data_at = 12 + 4 * fonts.len() + directories + tables.len();
        }
    }
    head.extend(dirs);
    head.extend(tables);
    head
}

fn check(dir: &Path) -> std::process::Output {
    pullquote(dir, &["templates", "check", "brand.yaml", "--color", "never"])
}

fn render(dir: &Path, text: &str) -> serde_json::Value {
    let out = pullquote(
        dir,
        &[
            "render",
            "--text",
            text,
            "--speaker",
            "Camille Ferrand",
            "-t",
            "brand.yaml",
            "--formats",
            "x",
            "-o",
            "cards",
            "--json",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_str(&stdout(&out)).unwrap()
}

fn statuses(report: &serde_json::Value) -> Vec<String> {
    report["cards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["status"].as_str().unwrap().to_owned())
        .collect()
}

/// The PNG a render wrote for format `x`.
fn card(dir: &Path) -> Vec<u8> {
    let cards = dir.join("cards");
    let entry = std::fs::read_dir(&cards)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|e| e == "png"))
        .expect("a card was written");
    std::fs::read(entry).unwrap()
}

/// Font files to write beside a template: name and bytes.
type Files = Vec<(&'static str, Vec<u8>)>;

#[test]
fn truetype_opentype_collection_and_variable_files_set_the_quote() {
    let serif = embedded("SourceSerif4Display-Regular.ttf");
    let cases: Vec<(&str, Files)> = vec![
        ("{ file: fonts/serif.ttf }", vec![("serif.ttf", serif.clone())]),
        (
            "{ file: fonts/sans.otf }",
            vec![("sans.otf", embedded("Inter-Regular.otf"))],
        ),
        (
            "{ file: fonts/pair.ttc, index: 1 }",
            vec![(
                "pair.ttc",
                collection(&[embedded("NotoSans-Regular.ttf"), serif.clone()]),
            )],
        ),
        (
            "{ file: fonts/var.ttf, weight: 800 }",
            vec![("var.ttf", embedded("InterVariable.ttf"))],
        ),
        (
            "{ file: fonts/var.ttf, instance: Bold }",
            vec![("var.ttf", embedded("InterVariable.ttf"))],
        ),
    ];
    let mut drawn = Vec::new();
    for (font, files) in cases {
        let dir = brand(font, &files);
        let out = check(dir.path());
        assert!(out.status.success(), "{font}: {}", stderr(&out));
        render(dir.path(), "Le doute, c’est le début du travail sérieux.");
        drawn.push(card(dir.path()));
    }
    // The face of the collection at index 1 is the serif file: the same card.
    assert_eq!(drawn[0], drawn[2], "index 1 of the collection is the serif face");
    assert_ne!(drawn[0], drawn[1], "the serif and the sans differ");
    assert_ne!(
        drawn[1], drawn[3],
        "the variable font at 800 is not the static regular"
    );
    assert_ne!(
        drawn[3], drawn[4],
        "weight 800 and the named instance Bold (700) differ"
    );
}

#[test]
fn a_file_that_is_not_a_font_is_an_error_at_its_line() {
    let dir = brand(
        "{ file: fonts/brand.ttf }",
        &[("brand.ttf", b"<html>not a font</html>".to_vec())],
    );
    let out = check(dir.path());
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("cannot use font `fonts/brand.ttf`: the file is not a TrueType or OpenType font"),
        "{err}"
    );
    assert!(err.contains("brand.yaml:5:20"), "{err}");
}

#[test]
fn collection_faces_and_instances_are_checked() {
    let pair = collection(&[embedded("NotoSans-Regular.ttf"), embedded("NotoSans-Bold.ttf")]);
    let dir = brand("{ file: fonts/pair.ttc }", &[("pair.ttc", pair.clone())]);
    let err = stderr(&check(dir.path()));
    assert!(
        err.contains("is a collection of 2 faces: choose one with `index` (0: Noto Sans"),
        "{err}"
    );
    let dir = brand("{ file: fonts/pair.ttc, index: 2 }", &[("pair.ttc", pair)]);
    let err = stderr(&check(dir.path()));
    assert!(
        err.contains("`index` 2 is out of range, expected 0 to 1"),
        "{err}"
    );
    let dir = brand(
        "{ file: fonts/var.ttf, instance: Heavy }",
        &[("var.ttf", embedded("InterVariable.ttf"))],
    );
    let err = stderr(&check(dir.path()));
    assert!(
        err.contains("has no instance named `Heavy`: expected one of"),
        "{err}"
    );
    assert!(err.contains("Bold"), "{err}");
    let dir = brand("{ file: fonts/missing.ttf }", &[]);
    let err = stderr(&check(dir.path()));
    assert!(err.contains("cannot use font `fonts/missing.ttf`"), "{err}");
}

#[test]
fn characters_a_font_lacks_are_reported_with_their_fallback() {
    // A Hebrew font has no Latin letters, guillemets or ligatures.
    let dir = brand(
        "{ file: fonts/hebrew.ttf }",
        &[("hebrew.ttf", embedded("NotoSansHebrew-Regular.ttf"))],
    );
    let out = check(dir.path());
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("warning: font `fonts/hebrew.ttf` (role `quote`) has no glyph for"),
        "{err}"
    );
    assert!(err.contains("the Latin letters and digits"), "{err}");
    assert!(err.contains("`«`") && err.contains("`œ`"), "{err}");
    assert!(err.contains("(drawn in Noto Sans)"), "{err}");
    assert!(err.contains("U+202F"), "{err}");
    // Short enough to be read whole.
    assert!(!err.contains("left out"), "{err}");
    // A complete Latin font gets no such warning.
    let dir = brand(
        "{ file: fonts/sans.otf }",
        &[("sans.otf", embedded("Inter-Regular.otf"))],
    );
    assert!(!stderr(&check(dir.path())).contains("has no glyph"));
}

#[test]
fn a_changed_font_file_redraws_the_cards_set_with_it() {
    let dir = brand(
        "{ file: fonts/brand.ttf }",
        &[("brand.ttf", embedded("SourceSerif4Display-Regular.ttf"))],
    );
    let text = "On ne communique plus, on converse.";
    assert_eq!(statuses(&render(dir.path(), text)), ["created"]);
    let first = card(dir.path());
    assert_eq!(statuses(&render(dir.path(), text)), ["unchanged"]);
    std::fs::write(
        dir.path().join("fonts/brand.ttf"),
        embedded("PlayfairDisplay-Regular.ttf"),
    )
    .unwrap();
    assert_eq!(statuses(&render(dir.path(), text)), ["replaced"]);
    assert_ne!(card(dir.path()), first);
}

#[test]
fn the_example_brand_template_checks_and_renders() {
    let dir = tempfile::tempdir().unwrap();
    let template = root().join("examples/brand/brand.yaml");
    let template = template.to_str().unwrap();
    let out = pullquote(dir.path(), &["templates", "check", template, "--color", "never"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = pullquote(
        dir.path(),
        &[
            "render",
            "--text",
            "On ne communique plus, on converse.",
            "--speaker",
            "Aziz Oulhiyane",
            "-t",
            template,
            "--formats",
            "all",
            "-o",
            "cards",
            "-q",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
}
