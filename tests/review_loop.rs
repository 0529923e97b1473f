//! The editor's review loop through the real binary: `extract -o quotes.yaml`, edit the file,
//! then `render quotes.yaml` and `run --quotes quotes.yaml` render exactly what was kept.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/examples/occitanie-social-media-interview.txt"
);

fn pullquote(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pullquote"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn files_in(dir: &Path, extension: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(extension))
        .collect();
    names.sort();
    names
}

/// Extracts the seed's quotes into `dir/quotes.yaml` and returns its path.
fn extract(dir: &Path) -> PathBuf {
    let output = pullquote(dir, &["extract", SEED, "-o", "quotes.yaml"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("wrote 5 quotes to quotes.yaml"),
        "{}",
        stderr(&output)
    );
    dir.join("quotes.yaml")
}

/// The quotes file split into its header and one part per quote (each starting `- id: `).
fn items(yaml: &str) -> Vec<String> {
    yaml.split("\n- id: ").map(str::to_owned).collect()
}

/// The text of one item of `items`.
fn item_text(item: &str) -> String {
    let line = item
        .lines()
        .find(|l| l.starts_with("  text: "))
        .expect("every quote has a text");
    line["  text: ".len()..].to_owned()
}

/// Keeps the first two quotes, rewording the second, and disables the rest.
fn edit(path: &Path) -> String {
    let yaml = std::fs::read_to_string(path).unwrap();
    let mut items = items(&yaml);
    assert_eq!(items.len(), 6, "a header and five quotes");
    let second_text = item_text(&items[2]);
    items[2] = items[2].replacen(&second_text, "Une citation reprise par l’éditeur.", 1);
    for item in &mut items[3..] {
        *item = item.replacen("\n  enabled: true", "\n  enabled: false", 1);
    }
    std::fs::write(path, items.join("\n- id: ")).unwrap();
    second_text
}

#[test]
fn extract_writes_an_editable_quotes_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = extract(dir.path());
    let yaml = std::fs::read_to_string(path).unwrap();
    assert!(yaml.starts_with("# pullquote quotes file."));
    assert!(yaml.contains("\nlanguage: fr\n"));
    assert_eq!(yaml.matches("\n  enabled: true").count(), 5);
    assert!(yaml.contains("  kind: editor\n"));
    assert!(yaml.contains("    name: Aziz Oulhiyane\n"));
    assert!(yaml.contains("    mark_line: 7\n"));
}

#[test]
fn render_draws_exactly_the_enabled_quotes_as_edited() {
    let dir = tempfile::tempdir().unwrap();
    let path = extract(dir.path());
    let original = edit(&path);
    let output = pullquote(
        dir.path(),
        &[
            "render",
            "quotes.yaml",
            "-o",
            "cards",
            "--format",
            "instagram-square",
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let cards = dir.path().join("cards");
    assert_eq!(files_in(&cards, ".png").len(), 2);
    let alt: Vec<String> = files_in(&cards, ".alt.txt")
        .iter()
        .map(|n| std::fs::read_to_string(cards.join(n)).unwrap())
        .collect();
    assert!(
        alt[0].contains("donner trop d’importance à notre travail"),
        "{}",
        alt[0]
    );
    assert!(
        alt[1].contains("« Une citation reprise par l’éditeur. »"),
        "{}",
        alt[1]
    );
    assert!(!alt.iter().any(|a| a.contains(&original)));
}

#[test]
fn run_with_quotes_renders_the_file_instead_of_selecting() {
    let dir = tempfile::tempdir().unwrap();
    let path = extract(dir.path());
    edit(&path);
    let output = pullquote(
        dir.path(),
        &[
            "run",
            "--quotes",
            "quotes.yaml",
            "-o",
            "out",
            "--formats",
            "story",
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let folder = dir.path().join("out/occitanie-social-media-interview");
    let manifest = std::fs::read_to_string(folder.join("manifest.json")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&manifest).unwrap();
    let cards = json["cards"].as_array().unwrap();
    assert_eq!(cards.len(), 2);
    assert_eq!(cards[1]["quote"]["text"], "Une citation reprise par l’éditeur.");
    assert_eq!(cards[1]["quote"]["rank"], 2);
    assert_eq!(files_in(&folder, ".png").len(), 2);
}

#[test]
fn a_broken_quotes_file_is_a_located_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("quotes.yaml"),
        "language: fr\nquotes:\n- text: Bonjour à tous.\n  speeker: {name: Anne Roux}\n",
    )
    .unwrap();
    for args in [
        &["render", "quotes.yaml", "-o", "cards"][..],
        &["run", "--quotes", "quotes.yaml", "-o", "out"][..],
    ] {
        let output = pullquote(dir.path(), args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let message = stderr(&output);
        assert!(message.contains("unknown field `speeker`"), "{message}");
        assert!(message.contains("quotes.yaml:4"), "{message}");
        assert!(message.contains("did you mean `speaker`?"), "{message}");
    }
    assert!(!dir.path().join("cards").exists());
}

#[test]
fn render_needs_a_quotes_file_or_a_text_and_speaker() {
    let dir = tempfile::tempdir().unwrap();
    let output = pullquote(dir.path(), &["render", "-o", "cards"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--text"), "{}", stderr(&output));
    let output = pullquote(
        dir.path(),
        &[
            "render",
            "q.yaml",
            "--text",
            "Bonjour",
            "--speaker",
            "Ann",
            "-o",
            "cards",
        ],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("`--text` does not apply to a quotes file"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn extract_json_keeps_its_fields_and_the_length_window_is_an_option() {
    let dir = tempfile::tempdir().unwrap();
    let output = pullquote(dir.path(), &["extract", SEED, "--json", "--max-chars", "150"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["speakers"].as_array().unwrap().len(), 2);
    let quotes = json["quotes"].as_array().unwrap();
    assert_eq!(quotes.len(), 5);
    for quote in quotes {
        for field in ["text", "kind", "score", "reasons"] {
            assert!(!quote[field].is_null(), "{field} in {quote}");
        }
        for field in ["label", "name", "role"] {
            assert!(
                quote["speaker"].get(field).is_some(),
                "speaker.{field} in {quote}"
            );
        }
        assert!(quote["source"]["line"].as_u64().unwrap() > 0);
        if quote["kind"] == "auto" {
            assert!(quote["text"].as_str().unwrap().chars().count() <= 150, "{quote}");
        }
    }
    let output = pullquote(
        dir.path(),
        &["extract", SEED, "--min-chars", "300", "--max-chars", "200"],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("invalid length window"),
        "{}",
        stderr(&output)
    );
}

/// The editor disables one quote and rewords another: the folder then holds exactly the enabled
/// quotes' cards, under the names they had, and the run says what it removed. Nothing else in the
/// folder is touched, and `--keep-stale` keeps (and lists) instead of removing.
#[test]
fn the_output_folder_follows_the_edited_quotes_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = extract(dir.path());
    let run = |extra: &[&str]| {
        let mut args = vec![
            "run",
            "--quotes",
            "quotes.yaml",
            "-o",
            "out",
            "--formats",
            "instagram-square,x",
        ];
        args.extend_from_slice(extra);
        let output = pullquote(dir.path(), &args);
        assert!(output.status.success(), "{}", stderr(&output));
        output
    };
    let folder = dir.path().join("out/occitanie-social-media-interview");
    let cards = |folder: &Path| files_in(folder, ".png");
    run(&[]);
    let before = cards(&folder);
    assert_eq!(before.len(), 10, "{before:?}");
    assert!(before.iter().all(|n| n.starts_with('q')), "{before:?}");
    let named = |id: &str| -> Vec<String> { before.iter().filter(|n| n.starts_with(id)).cloned().collect() };
    let (second, fourth) = (named("q02-"), named("q04-"));
    assert_eq!((second.len(), fourth.len()), (2, 2));
    // A file of the user's own in the folder.
    std::fs::write(folder.join("my-own-card.png"), b"not pullquote's").unwrap();

    let yaml = std::fs::read_to_string(&path).unwrap();
    let mut parts = items(&yaml);
    parts[2] = parts[2].replacen("\n  enabled: true", "\n  enabled: false", 1);
    let fourth_text = item_text(&parts[4]);
    parts[4] = parts[4].replacen(&fourth_text, "Une phrase reformulée par l’éditeur.", 1);
    std::fs::write(&path, parts.join("\n- id: ")).unwrap();

    let output = run(&["--json"]);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let stale: Vec<(String, String)> = report["stale"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let path = s["path"].as_str().unwrap();
            (
                path.rsplit('/').next().unwrap().to_owned(),
                s["action"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        stale,
        second
            .iter()
            .map(|n| (n.clone(), "removed".to_owned()))
            .collect::<Vec<_>>()
    );
    for card in report["cards"].as_array().unwrap() {
        let name = card["path"].as_str().unwrap().rsplit('/').next().unwrap();
        let expected = if name.starts_with("q04-") {
            "replaced"
        } else {
            "unchanged"
        };
        assert_eq!(card["status"], expected, "{name}");
    }
    let mut expected: Vec<String> = before.iter().filter(|n| !second.contains(n)).cloned().collect();
    expected.push("my-own-card.png".into());
    expected.sort();
    assert_eq!(cards(&folder), expected, "the reworded quote keeps its names");
    assert_eq!(
        files_in(&folder, ".alt.txt").len(),
        8,
        "the removed cards' alt texts went with them"
    );
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(folder.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["cards"].as_array().unwrap().len(), 8);

    // Disable the fourth quote too, keeping its cards: they stay, are listed and recorded.
    let yaml = std::fs::read_to_string(&path).unwrap();
    let mut parts = items(&yaml);
    parts[4] = parts[4].replacen("\n  enabled: true", "\n  enabled: false", 1);
    std::fs::write(&path, parts.join("\n- id: ")).unwrap();
    let output = run(&["--keep-stale"]);
    for name in &fourth {
        assert!(
            stderr(&output).contains(&format!(
                "kept stale card out/occitanie-social-media-interview/{name}"
            )),
            "{}",
            stderr(&output)
        );
        assert!(folder.join(name).exists());
    }
    assert!(stderr(&output).contains("2 stale kept"), "{}", stderr(&output));
    let manifest = std::fs::read_to_string(folder.join("manifest.json")).unwrap();
    assert!(manifest.contains("\"stale\""), "{manifest}");

    // A dry run says what would go; a plain run removes them.
    let output = run(&["--dry-run"]);
    for name in &fourth {
        assert!(String::from_utf8_lossy(&output.stdout)
            .contains(&format!("remove    out/occitanie-social-media-interview/{name}")));
        assert!(folder.join(name).exists());
    }
    let output = run(&[]);
    assert!(stderr(&output).contains("2 stale removed"), "{}", stderr(&output));
    assert_eq!(cards(&folder).len(), 7, "{:?}", cards(&folder));
    assert!(
        folder.join("my-own-card.png").exists(),
        "a file pullquote did not write is never touched"
    );
}
