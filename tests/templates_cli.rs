//! `pullquote templates …` driven through the real binary in a temporary folder.

use std::path::Path;
use std::process::{Command, Output};

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pullquote"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn list_names_every_builtin_with_its_description() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["templates", "list"]);
    assert!(out.status.success());
    let stdout = text(&out.stdout);
    for name in ["paper", "bold", "photo", "minimal", "headline", "civic"] {
        assert!(
            stdout.lines().any(|l| l.starts_with(name) && l.len() > 20),
            "{name} in\n{stdout}"
        );
    }
}

#[test]
fn a_shown_builtin_checks_clean_once_copied() {
    let dir = tempfile::tempdir().unwrap();
    // Type only, no pictures: a copy checks as it is.
    let out = run(dir.path(), &["templates", "show", "minimal"]);
    assert!(out.status.success());
    std::fs::write(dir.path().join("copy.yaml"), &out.stdout).unwrap();
    let check = run(dir.path(), &["templates", "check", "copy.yaml"]);
    assert!(check.status.success(), "{}", text(&check.stderr));
    // A copy of `photo` refers to the built-in's assets folder, which a copy does not have.
    let out = run(dir.path(), &["templates", "show", "photo"]);
    std::fs::write(dir.path().join("photo.yaml"), &out.stdout).unwrap();
    let check = run(dir.path(), &["templates", "check", "photo.yaml"]);
    assert_eq!(check.status.code(), Some(2));
    assert!(
        text(&check.stderr).contains("assets/dusk.svg"),
        "{}",
        text(&check.stderr)
    );
    let unknown = run(dir.path(), &["templates", "show", "mininal"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(text(&unknown.stderr).contains("did you mean `minimal`?"));
}

#[test]
fn init_creates_a_brand_template_that_checks_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["templates", "init", "brand", "--from", "bold"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    for file in [
        "brand/brand.yaml",
        "brand/template.schema.json",
        "brand/assets/placeholder-logo.svg",
    ] {
        assert!(dir.path().join(file).is_file(), "{file}");
    }
    let yaml = std::fs::read_to_string(dir.path().join("brand/brand.yaml")).unwrap();
    assert!(yaml.starts_with("# yaml-language-server: $schema=./template.schema.json"));
    assert!(yaml.contains("\nname: brand\n"));
    // The built-ins carry no logo; a starter brand gets a place for its own.
    assert!(yaml.contains("\nbrand:\n  # Your logo"), "{yaml}");
    assert!(yaml.contains("\n  logo: assets/placeholder-logo.svg\n"), "{yaml}");
    let check = run(dir.path(), &["templates", "check", "brand/brand.yaml"]);
    assert!(check.status.success(), "{}", text(&check.stderr));
    assert!(text(&check.stderr).contains("template `brand`: valid on 10 formats"));
    let again = run(dir.path(), &["templates", "init", "brand"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(text(&again.stderr).contains("--force"));
}

#[test]
fn strict_check_fails_on_warnings() {
    let dir = tempfile::tempdir().unwrap();
    // Light grey text on white: readable size, poor contrast.
    let yaml = "background: \"#FFFFFF\"\nelements:\n  - type: stack\n    left: 8vmin\n    right: 8vmin\n    children:\n      - type: quote\n        color: \"#C8C8C8\"\n";
    std::fs::write(dir.path().join("pale.yaml"), yaml).unwrap();
    let lenient = run(dir.path(), &["templates", "check", "pale.yaml"]);
    assert!(lenient.status.success());
    let stderr = text(&lenient.stderr);
    assert!(stderr.contains("below WCAG AA"), "{stderr}");
    assert!(stderr.contains("pale.yaml:7:9"), "{stderr}");
    let strict = run(dir.path(), &["templates", "check", "pale.yaml", "--strict"]);
    assert_eq!(strict.status.code(), Some(1));
}

#[test]
fn preview_writes_every_sample_and_a_contact_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(
        dir.path(),
        &[
            "templates",
            "preview",
            "paper",
            "-o",
            "proofs",
            "--formats",
            "story,link",
            "--scale",
            "0.2",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    for sample in ["short", "medium", "long"] {
        for format in ["story", "link"] {
            let png = image::open(dir.path().join(format!("proofs/{sample}-{format}.png"))).unwrap();
            let expected = if format == "story" { (216, 384) } else { (240, 126) };
            assert_eq!((png.width(), png.height()), expected);
        }
    }
    let sheet = image::open(dir.path().join("proofs/contact-sheet.png")).unwrap();
    assert!(sheet.width() > 600 && sheet.height() > 900);
}

#[test]
fn render_draws_the_speakers_photo_in_a_circle() {
    let dir = tempfile::tempdir().unwrap();
    let photo = image::RgbImage::from_pixel(64, 64, image::Rgb([0, 160, 80]));
    photo.save(dir.path().join("face.png")).unwrap();
    let args = [
        "render",
        "--text",
        "We answered every comment.",
        "--speaker",
        "Ada Lovelace",
        "--format",
        "instagram-square",
        "-t",
        "bold",
        "-o",
        "out",
        "--photo",
        "face.png",
    ];
    let out = run(dir.path(), &args);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let card = image::open(dir.path().join("out/q01-ada-lovelace-instagram-square.png"))
        .unwrap()
        .to_rgb8();
    // The photo's centre (8vmin + 6.5vmin from the left, 12vmin + 6.5vmin from the bottom).
    let (x, y) = ((14.5 * 10.8) as u32, 1080 - (18.5 * 10.8) as u32);
    assert_eq!(card.get_pixel(x, y).0, [0, 160, 80]);
    // Its bounding box's corner lies outside the circle: the card's blue shows there.
    let corner = card
        .get_pixel((8.0 * 10.8) as u32 + 2, 1080 - (25.0 * 10.8) as u32 + 2)
        .0;
    assert!(corner[2] > corner[1], "{corner:?}");
}

#[test]
fn schema_is_json() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["templates", "schema"]);
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(schema["title"], "pullquote template");
}

/// Whether the bottom-right corner of a paper card (where its logo goes) holds any green.
fn green_in_logo_corner(path: &Path) -> bool {
    let card = image::open(path).unwrap().to_rgb8();
    let (w, h) = card.dimensions();
    (w * 6 / 10..w)
        .flat_map(|x| (h * 8 / 10..h).map(move |y| (x, y)))
        .any(|(x, y)| {
            let [r, g, b] = card.get_pixel(x, y).0;
            g > 100 && g > r + 40 && g > b + 20
        })
}

#[test]
fn cards_carry_a_logo_only_when_the_brand_gives_one() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("logo.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"300\" height=\"100\"><rect width=\"300\" height=\"100\" fill=\"#2D8C5A\"/></svg>",
    )
    .unwrap();
    let card = |out: &str, logo: &[&str]| {
        let mut args = vec![
            "render",
            "--text",
            "On ne communique plus, on converse.",
            "--speaker",
            "Camille Ferrand",
            "--formats",
            "instagram-square",
            "-o",
            out,
        ];
        args.extend_from_slice(logo);
        let done = run(dir.path(), &args);
        assert!(done.status.success(), "{}", text(&done.stderr));
        std::fs::read_dir(dir.path().join(out))
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.extension().is_some_and(|e| e == "png"))
            .unwrap()
    };
    assert!(!green_in_logo_corner(&card("plain", &[])));
    assert!(green_in_logo_corner(&card("branded", &["--logo", "logo.svg"])));

    let missing = run(
        dir.path(),
        &[
            "render",
            "--text",
            "Oui.",
            "--speaker",
            "A B",
            "-o",
            "x",
            "--logo",
            "nope.svg",
        ],
    );
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        text(&missing.stderr).contains("nope.svg"),
        "{}",
        text(&missing.stderr)
    );
}

#[test]
fn decorative_text_can_leave_the_contrast_check() {
    let dir = tempfile::tempdir().unwrap();
    // A pale watermark-like ornament: its contrast does not matter once it says so.
    let yaml = "background: \"#FFFFFF\"\nelements:\n  - type: stack\n    left: 8vmin\n    right: 8vmin\n    children:\n      - type: ornament\n        color: \"#EEEEEE\"\n        contrast: ignore\n      - type: quote\n";
    std::fs::write(dir.path().join("mark.yaml"), yaml).unwrap();
    // Other warnings (the quote's smallest size on wide cards) may remain; none about contrast.
    let ignored = run(dir.path(), &["templates", "check", "mark.yaml"]);
    let stderr = text(&ignored.stderr);
    assert!(ignored.status.success(), "{stderr}");
    assert!(!stderr.contains("contrast"), "{stderr}");
    let checked = yaml.replace("        contrast: ignore\n", "");
    std::fs::write(dir.path().join("mark.yaml"), checked).unwrap();
    let strict = run(dir.path(), &["templates", "check", "mark.yaml", "--strict"]);
    let stderr = text(&strict.stderr);
    assert_eq!(strict.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("contrast"), "{stderr}");
}

/// Whether `check` and `preview` agree on `file`: a check that passes means the preview does.
fn check_and_preview(dir: &Path, file: &str) -> (Output, Output) {
    let check = run(dir, &["templates", "check", file]);
    let out = tempfile::tempdir().unwrap();
    let preview = run(
        dir,
        &["templates", "preview", file, "-o", out.path().to_str().unwrap()],
    );
    (check, preview)
}

#[test]
fn check_fails_whenever_preview_would() {
    let dir = tempfile::tempdir().unwrap();
    // The long sample's credit needs two lines: limited to one, some cards cannot be drawn.
    let yaml = "extends: paper\nstyles:\n  credit: { font: body, size: 3.2vmin, max_lines: 1 }\n";
    std::fs::write(dir.path().join("tight.yaml"), yaml).unwrap();
    let (check, preview) = check_and_preview(dir.path(), "tight.yaml");
    let stderr = text(&check.stderr);
    assert_eq!(check.status.code(), Some(1), "{stderr}");
    assert_eq!(preview.status.code(), Some(1), "{}", text(&preview.stderr));
    // The element is named by its id, at its line, with a hint about that element.
    assert!(stderr.contains("the text of `credit` does not fit"), "{stderr}");
    assert!(stderr.contains("allow it more lines"), "{stderr}");
    assert!(!stderr.contains("elements."), "{stderr}");
    assert!(stderr.contains("templates preview` would fail"), "{stderr}");

    // And the other way: the shipped examples check clean and preview every card.
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/brand");
    for file in ["finish.yaml", "brand.yaml"] {
        let (check, preview) = check_and_preview(&examples, file);
        assert!(check.status.success(), "{file}: {}", text(&check.stderr));
        assert!(preview.status.success(), "{file}: {}", text(&preview.stderr));
    }
}

/// A template whose byline stack is too short for the speaker's name and role: `extra` is put
/// under the byline's fields, `main` under the quote stack's.
fn byline_template(byline: &str, main: &str) -> String {
    format!(
        "background: \"#FFFFFF\"\nelements:\n  - type: stack\n    id: main\n    left: 8vmin\n    right: 8vmin\n    top: 8vmin\n    bottom: 40vmin\n{main}    children:\n      - type: quote\n        size: {{ min: 4vmin, max: 9vmin }}\n  - type: stack\n    id: byline\n    left: 8vmin\n    right: 8vmin\n{byline}    children:\n      - type: text\n        id: name\n        text: \"{{speaker.name}}\"\n        size: 4vmin\n      - type: text\n        id: credit\n        text: \"{{speaker.credit}}\"\n        size: 3.4vmin\n        max_lines: 4\n"
    )
}

#[test]
fn a_stack_its_children_outgrow_is_a_located_warning() {
    let dir = tempfile::tempdir().unwrap();
    // Room for one line; the name and credit need three or more. They spill upwards into space
    // nothing else uses: drawn, but the designer is told where, by how much and on which card.
    let yaml = byline_template("    bottom: 8vmin\n    height: 5vmin\n    valign: bottom\n", "");
    std::fs::write(dir.path().join("short.yaml"), yaml).unwrap();
    let (check, preview) = check_and_preview(dir.path(), "short.yaml");
    let stderr = text(&check.stderr);
    assert!(check.status.success(), "{stderr}");
    assert!(preview.status.success(), "{}", text(&preview.stderr));
    let warning = stderr
        .lines()
        .find(|l| l.contains("children of stack `byline`"))
        .unwrap_or_else(|| panic!("no overflow warning in\n{stderr}"));
    assert!(warning.starts_with("warning:"), "{warning}");
    assert!(warning.contains("`name` starts"), "{warning}");
    assert!(warning.contains("px above it"), "{warning}");
    assert!(warning.contains("with the long sample quote"), "{warning}");
    // At the stack's line and column.
    assert!(stderr.contains("short.yaml:12:5"), "{stderr}");
    assert!(stderr.contains("make the stack taller"), "{stderr}");
    let strict = run(dir.path(), &["templates", "check", "short.yaml", "--strict"]);
    assert_eq!(strict.status.code(), Some(1));

    // At render time too: in the manifest of a folder, on standard error for a single card.
    let render = |output: &str| {
        run(
            dir.path(),
            &[
                "render",
                "--text",
                "We answered every comment.",
                "--speaker",
                "Ada Lovelace",
                "--role",
                "head of digital services and social media",
                "--format",
                "instagram-square",
                "-t",
                "short.yaml",
                "-o",
                output,
            ],
        )
    };
    let folder = render("out");
    assert!(folder.status.success(), "{}", text(&folder.stderr));
    let manifest = std::fs::read_to_string(dir.path().join("out/manifest.json")).unwrap();
    assert!(manifest.contains("the children of stack `byline`"), "{manifest}");
    let single = render("-");
    let stderr = text(&single.stderr);
    assert!(single.status.success(), "{stderr}");
    assert!(
        stderr.contains("instagram-square: the children of stack `byline`"),
        "{stderr}"
    );
}

#[test]
fn a_stack_that_spills_off_the_card_or_over_the_quote_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    // Pinned to the foot of the card and flowing down: the credit would be cut off.
    let yaml = byline_template(
        "    area: canvas\n    bottom: 1vmin\n    height: 4vmin\n    valign: top\n",
        "",
    );
    std::fs::write(dir.path().join("off.yaml"), yaml).unwrap();
    let (check, preview) = check_and_preview(dir.path(), "off.yaml");
    let stderr = text(&check.stderr);
    assert_eq!(check.status.code(), Some(1), "{stderr}");
    assert_eq!(preview.status.code(), Some(1), "{}", text(&preview.stderr));
    assert!(
        stderr.contains("error: the short sample quote: on format"),
        "{stderr}"
    );
    assert!(stderr.contains("ends"), "{stderr}");
    assert!(stderr.contains("and leaves the card"), "{stderr}");
    assert!(stderr.contains("off.yaml:12:5"), "{stderr}");

    // Growing upwards over the quote, set at the foot of its own box.
    let yaml = byline_template(
        "    bottom: 8vmin\n    height: 2vmin\n    valign: bottom\n",
        "    valign: bottom\n",
    )
    .replace("size: 3.4vmin\n", "size: 9vmin\n");
    std::fs::write(dir.path().join("over.yaml"), yaml).unwrap();
    let (check, _) = check_and_preview(dir.path(), "over.yaml");
    let stderr = text(&check.stderr);
    assert_eq!(check.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("and covers stack `main`"), "{stderr}");
}
