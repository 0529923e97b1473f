//! The settings file (`pullquote.yaml`, or `--config FILE`) and `PULLQUOTE_TEMPLATE`: what they
//! set, the order they win in (flag > environment > file > default), and their mistakes located.

mod common;

use common::{pullquote_with, root, stderr, stdout, SEED};
use std::path::Path;

fn run(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    pullquote_with(dir, args, b"", env)
}

/// The template each card of a folder's manifest was drawn on.
fn templates(manifest: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(manifest).unwrap();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    value["cards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["template"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn the_settings_file_sets_template_formats_output_and_image_type() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["templates", "init", "brand", "--from", "bold"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    std::fs::write(
        dir.path().join("pullquote.yaml"),
        "# our brand\ntemplate: brand/brand.yaml\nformats: [x, story]\noutput: cards\nimage-format: jpeg\n",
    )
    .unwrap();
    let seed = root().join(SEED);
    let out = run(
        dir.path(),
        &["run", seed.to_str().unwrap(), "--max", "1", "-q"],
        &[],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let folder = dir.path().join("cards/occitanie-social-media-interview");
    let mut cards: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".jpg"))
        .collect();
    cards.sort();
    assert_eq!(
        cards,
        ["q01-aziz-oulhiyane-story.jpg", "q01-aziz-oulhiyane-x.jpg"]
    );
    assert_eq!(templates(&folder.join("manifest.json")), ["brand", "brand"]);

    // `pullquote config` says where each value came from.
    let out = run(dir.path(), &["config"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("settings file: pullquote.yaml"), "{text}");
    assert!(text.contains("brand/brand.yaml  (pullquote.yaml:2)"), "{text}");
    assert!(text.contains("x,story  (pullquote.yaml:3)"), "{text}");
    assert!(text.contains("jpeg  (pullquote.yaml:5)"), "{text}");

    // `render` takes its output folder from the file too.
    let out = run(
        dir.path(),
        &[
            "render",
            "--text",
            "Nous écoutons d'abord.",
            "--speaker",
            "Ann Lee",
            "-q",
        ],
        &[],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dir.path().join("cards/q01-ann-lee-x.jpg").exists());
}

#[test]
fn a_flag_wins_over_the_environment_which_wins_over_the_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("pullquote.yaml"), "template: bold\nformats: x\n").unwrap();
    let seed = root().join(SEED);
    let seed = seed.to_str().unwrap();
    type Case<'a> = (&'a [&'a str], &'a [(&'a str, &'a str)], &'a str);
    let cases: [Case; 3] = [
        (&[], &[], "bold"),
        (&[], &[("PULLQUOTE_TEMPLATE", "minimal")], "minimal"),
        (&["-t", "paper"], &[("PULLQUOTE_TEMPLATE", "minimal")], "paper"),
    ];
    for (i, (flags, env, expected)) in cases.into_iter().enumerate() {
        let output = format!("out{i}");
        let args = [
            &["run", seed, "--max", "1", "-q", "-o", output.as_str()][..],
            flags,
        ]
        .concat();
        let out = run(dir.path(), &args, env);
        assert!(out.status.success(), "{}", stderr(&out));
        let manifest = dir
            .path()
            .join(&output)
            .join("occitanie-social-media-interview/manifest.json");
        assert_eq!(templates(&manifest), [expected], "{flags:?} {env:?}");
    }
    let out = run(dir.path(), &["config"], &[("PULLQUOTE_TEMPLATE", "minimal")]);
    assert!(
        stdout(&out).contains("minimal  ($PULLQUOTE_TEMPLATE)"),
        "{}",
        stdout(&out)
    );
    assert!(stdout(&out).contains("out (run)  (default)"), "{}", stdout(&out));
}

#[test]
fn config_names_a_file_elsewhere_whose_paths_are_relative_to_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(
        dir.path(),
        &["templates", "init", "team/brand", "--from", "minimal"],
        &[],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    std::fs::write(
        dir.path().join("team/settings.yaml"),
        "template: brand/brand.yaml\noutput: cards\nformats: x\n",
    )
    .unwrap();
    let args = [
        "--config",
        "team/settings.yaml",
        "render",
        "--text",
        "On avance ensemble.",
        "--speaker",
        "Li Wei",
        "-q",
    ];
    let out = run(dir.path(), &args, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(templates(&dir.path().join("team/cards/manifest.json")), ["brand"]);

    let out = run(dir.path(), &["--config", "nope.yaml", "config"], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("error: failed to read settings file `nope.yaml` (not found)"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_mistake_in_the_settings_file_names_its_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("pullquote.yaml"), "template: bold\nformat: [x]\n").unwrap();
    let out = run(dir.path(), &["run", "interview.txt"], &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("unknown field `format`"), "{err}");
    assert!(err.contains("pullquote.yaml:2:1"), "{err}");
    assert!(err.contains("did you mean `formats`?"), "{err}");

    let out = run(dir.path(), &["run", "interview.txt", "--json"], &[]);
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["error"]["line"], 2);

    std::fs::write(
        dir.path().join("pullquote.yaml"),
        "formats: [x, instagram-squar]\n",
    )
    .unwrap();
    let err = stderr(&run(dir.path(), &["config"], &[]));
    assert!(
        err.contains("pullquote.yaml:1:14") && err.contains("did you mean `instagram-square`?"),
        "{err}"
    );

    // Commands that do not use the settings are not stopped by them.
    let out = run(dir.path(), &["formats"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn the_settings_file_gives_the_logo_and_the_flag_wins() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("brand")).unwrap();
    std::fs::write(
        dir.path().join("brand/logo.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"300\" height=\"100\"><rect width=\"300\" height=\"100\" fill=\"#2D8C5A\"/></svg>",
    )
    .unwrap();
    std::fs::write(dir.path().join("pullquote.yaml"), "logo: brand/logo.svg\n").unwrap();
    let shown = stdout(&run(dir.path(), &["config"], &[]));
    assert!(
        shown.contains("logo.svg") && shown.contains("pullquote.yaml:1"),
        "{shown}"
    );

    let render = |extra: &[&str]| {
        let mut args = vec![
            "render",
            "--text",
            "We answered every comment.",
            "--speaker",
            "Ada Lovelace",
            "--formats",
            "instagram-square",
            "-o",
            "-",
        ];
        args.extend_from_slice(extra);
        let out = run(dir.path(), &args, &[]);
        let err = stderr(&out);
        (out.status.code(), out.stdout, err)
    };
    let (code, with_logo, err) = render(&[]);
    assert_eq!(code, Some(0), "{err}");
    // The file's logo is read: a missing one is reported by its path.
    std::fs::write(dir.path().join("pullquote.yaml"), "logo: brand/nope.svg\n").unwrap();
    let (code, _, err) = render(&[]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("nope.svg"), "{err}");
    // The flag wins over the file.
    let (code, flagged, err) = render(&["--logo", "brand/logo.svg"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(flagged, with_logo);
    // No logo anywhere: a different card.
    std::fs::remove_file(dir.path().join("pullquote.yaml")).unwrap();
    let (code, plain, err) = render(&[]);
    assert_eq!(code, Some(0), "{err}");
    assert_ne!(plain, with_logo);
}
