//! Typography through the real binary: a character no font has is a diagnostic naming it,
//! emphasis markup never reaches the alt text, and template typography settings (locale,
//! emphasis weight, variable-font axes) are applied or rejected with a located error.

use std::path::Path;
use std::process::{Command, Output};

fn pullquote(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pullquote"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The built-in template with `edit` applied, written as a file.
fn template_in(dir: &Path, edit: impl Fn(String) -> String) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(dir).unwrap();
    let source = std::fs::read_to_string(root.join("templates/paper.yaml")).unwrap();
    let path = dir.join("brand.yaml");
    std::fs::write(&path, edit(source)).unwrap();
    path.display().to_string()
}

#[test]
fn a_character_no_font_has_is_reported_by_name_and_no_card_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let output = pullquote(&[
        "render",
        "--text",
        "On adore ça \u{1F600} vraiment",
        "--speaker",
        "Ludovic Amar",
        "--format",
        "instagram-square",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(message.contains("U+1F600"), "{message}");
    assert!(message.contains("in the quote"), "{message}");
    assert!(message.contains("hint:"), "{message}");
    assert!(!out.join("q01-ludovic-amar-instagram-square.png").exists());
}

#[test]
fn emphasis_is_drawn_but_not_read_aloud() {
    let dir = tempfile::tempdir().unwrap();
    let output = pullquote(&[
        "render",
        "--text",
        "Il faut **oser** : oser publier, oser se tromper.",
        "--speaker",
        "Aziz Oulhiyane",
        "--format",
        "instagram-square",
        "-o",
        dir.path().to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let alt =
        std::fs::read_to_string(dir.path().join("q01-aziz-oulhiyane-instagram-square.alt.txt")).unwrap();
    assert!(alt.contains("Il faut oser : oser publier"), "{alt}");
    assert!(!alt.contains("**"));
}

#[test]
fn template_typography_settings_change_the_card() {
    let dir = tempfile::tempdir().unwrap();
    let render = |template: &str, out: &str| {
        let out = dir.path().join(out);
        let output = pullquote(&[
            "render",
            "--text",
            "Pourquoi nous ? Parce que **personne** d'autre ne le faisait !",
            "--speaker",
            "Aziz Oulhiyane",
            "--role",
            "responsable de l'animation des réseaux sociaux",
            "--format",
            "instagram-square",
            "-t",
            template,
            "-o",
            out.to_str().unwrap(),
        ]);
        assert!(output.status.success(), "{}", stderr(&output));
        std::fs::read(out.join("q01-aziz-oulhiyane-instagram-square.png")).unwrap()
    };
    let plain = render("paper", "plain");
    let quebec = template_in(&dir.path().join("quebec"), |s| {
        s.replace("background: paper", "background: paper\nlocale: fr-CA")
    });
    // Compared with `!=` rather than assert_ne!: a failure should not print a whole PNG.
    assert!(render(&quebec, "quebec") != plain, "fr-CA spacing moves glyphs");
    let bold = template_in(&dir.path().join("bold"), |s| {
        s.replace(
            "      - type: quote\n        id: quote\n",
            "      - type: quote\n        id: quote\n        emphasis_weight: 700\n",
        )
    });
    assert!(render(&bold, "bold") != plain, "emphasis in bold");
    let variable = template_in(&dir.path().join("variable"), |s| {
        s.replace(
            "body: { family: Inter, weight: 400 }",
            "body: { family: Inter Variable, weight: 430, axes: { slnt: -6 } }",
        )
    });
    assert!(render(&variable, "variable") != plain, "a variable credit font");
    // The same inputs give the same bytes.
    assert!(render(&quebec, "again") == render(&quebec, "quebec"));
}

#[test]
fn bad_typography_settings_are_located_errors() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "locale",
            "background: paper",
            "background: paper\nlocale: fr-XX",
            "unknown locale `fr-XX`",
        ),
        (
            "axis",
            "body: { family: Inter, weight: 400 }",
            "body: { family: Inter Variable, axes: { wdth: 80 } }",
            "no `wdth` axis",
        ),
        (
            "static",
            "body: { family: Inter, weight: 400 }",
            "body: { family: Inter, axes: { wght: 500 } }",
            "not a variable font",
        ),
    ];
    for (name, from, to, expected) in cases {
        let template = template_in(&dir.path().join(name), |s| s.replace(from, to));
        let output = pullquote(&[
            "render",
            "--text",
            "Oui.",
            "--speaker",
            "A B",
            "-t",
            &template,
            "-o",
            dir.path().join("out").to_str().unwrap(),
        ]);
        assert_eq!(output.status.code(), Some(2), "{name}: {}", stderr(&output));
        let message = stderr(&output);
        assert!(message.contains(expected), "{name}: {message}");
        assert!(message.contains("brand.yaml:"), "{name}: not located: {message}");
    }
}
