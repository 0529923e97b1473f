//! Stale cards: files an earlier run wrote into a folder (known from its manifest) that the plan
//! no longer makes, because a quote was disabled, removed or its format dropped. They are
//! removed with their alt text, or kept and recorded on request; a file edited since pullquote
//! wrote it, or any file the manifest does not name, is never touched.

use super::manifest::{PreviousRun, StaleEntry};
use super::{OutputOptions, StaleAction, StaleCard};
use crate::fingerprint::file_hash;
use std::path::Path;

/// Whether a manifest's `path` names a card file directly inside its folder, and nothing else:
/// a manifest is a file anyone can edit, so it must not steer a removal elsewhere.
fn is_card_file(name: &str) -> bool {
    let plain = !name.is_empty()
        && !name.starts_with('.')
        && !name.contains(['/', '\\', ':', '\0'])
        && name != ".."
        && Path::new(name).file_name().is_some_and(|n| n == name);
    let extension = Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    plain && matches!(extension.as_deref(), Some("png" | "jpg" | "jpeg" | "webp"))
}

/// Removes (or keeps and lists) the cards of `previous` in `dir` that are not among `produced`
/// (file names). Returns what became of each, and the entries to record as stale.
pub fn handle(
    dir: &Path,
    previous: &PreviousRun,
    produced: &[String],
    output: &OutputOptions,
) -> (Vec<StaleCard>, Vec<StaleEntry>) {
    let mut cards = Vec::new();
    let mut kept = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for entry in previous.files() {
        if produced.contains(&entry.path) || seen.contains(&entry.path.as_str()) {
            continue;
        }
        seen.push(&entry.path);
        if !is_card_file(&entry.path) {
            continue;
        }
        let path = dir.join(&entry.path);
        // Only a regular file that still holds what pullquote wrote is pullquote's.
        let is_file = std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_file());
        let Some(bytes) = is_file.then(|| std::fs::read(&path).ok()).flatten() else {
            continue;
        };
        if file_hash(&bytes) != entry.file_hash {
            cards.push(StaleCard {
                path,
                action: StaleAction::Edited,
            });
            continue;
        }
        let action = if output.keep_stale {
            kept.push(entry.clone());
            StaleAction::Kept
        } else if output.dry_run {
            StaleAction::WouldRemove
        } else {
            match std::fs::remove_file(&path) {
                Ok(()) => {
                    remove_alt_text(dir, entry);
                    StaleAction::Removed
                }
                // Could not be removed (permissions): still pullquote's, so still recorded.
                Err(_) => {
                    kept.push(entry.clone());
                    StaleAction::Kept
                }
            }
        };
        cards.push(StaleCard { path, action });
    }
    (cards, kept)
}

/// Removes a stale card's alt text when it still says what pullquote wrote.
fn remove_alt_text(dir: &Path, entry: &StaleEntry) {
    let expected = super::output::alt_text_path(Path::new(&entry.path));
    // The alt text's name follows the card's; a manifest that says otherwise is not followed.
    if entry.alt_text_path != expected.display().to_string() {
        return;
    }
    let path = dir.join(expected);
    let is_file = std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_file());
    if is_file && std::fs::read(&path).is_ok_and(|b| b == format!("{}\n", entry.alt_text).as_bytes()) {
        let _ = std::fs::remove_file(path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_card_names_can_be_removed() {
        assert!(is_card_file("q01-anne-roux-story.png"));
        assert!(is_card_file("001-x.JPG"));
        for name in [
            "../q01.png",
            "/etc/q.png",
            "sub/q01.png",
            ".hidden.png",
            "manifest.json",
            "notes.txt",
            "C:q.png",
            "",
        ] {
            assert!(!is_card_file(name), "{name}");
        }
    }

    fn write_manifest(dir: &Path, cards: &[(&str, &[u8], &str)]) {
        let cards: Vec<String> = cards
            .iter()
            .map(|(name, bytes, alt)| {
                format!(
                    r#"{{"path":"{name}","file_hash":"{}","alt_text":"{alt}","alt_text_path":"{}"}}"#,
                    file_hash(bytes),
                    name.replace(".png", ".alt.txt")
                )
            })
            .collect();
        std::fs::write(
            dir.join("manifest.json"),
            format!(
                r#"{{"generator":"pullquote 0.1.0","cards":[{}]}}"#,
                cards.join(",")
            ),
        )
        .unwrap();
    }

    #[test]
    fn removes_what_pullquote_wrote_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        for (name, bytes) in [
            ("q01-a-x.png", &b"one"[..]),
            ("q01-a-x.alt.txt", b"Alt one\n"),
            ("q02-b-x.png", b"two"),
            ("q02-b-x.alt.txt", b"Alt two, edited\n"),
            ("q03-c-x.png", b"three, edited"),
            ("mine.png", b"not pullquote's"),
        ] {
            std::fs::write(d.join(name), bytes).unwrap();
        }
        write_manifest(
            d,
            &[
                ("q01-a-x.png", b"one", "Alt one"),
                ("q02-b-x.png", b"two", "Alt two"),
                ("q03-c-x.png", b"three", "Alt three"),
            ],
        );
        let previous = PreviousRun::load(d);
        let dry = OutputOptions {
            dry_run: true,
            ..OutputOptions::default()
        };
        let (cards, _) = handle(d, &previous, &["q02-b-x.png".into()], &dry);
        assert_eq!(
            cards.iter().map(|c| c.action).collect::<Vec<_>>(),
            [StaleAction::WouldRemove, StaleAction::Edited]
        );
        assert!(d.join("q01-a-x.png").exists(), "a dry run removes nothing");

        let (cards, kept) = handle(d, &previous, &["q02-b-x.png".into()], &OutputOptions::default());
        assert_eq!(cards[0].action, StaleAction::Removed);
        assert!(kept.is_empty());
        let mut left: Vec<String> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [
                "manifest.json",
                "mine.png",
                "q02-b-x.alt.txt",
                "q02-b-x.png",
                "q03-c-x.png"
            ]
        );
    }

    #[test]
    fn kept_stale_cards_are_recorded() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("q01-a-x.png"), b"one").unwrap();
        write_manifest(dir.path(), &[("q01-a-x.png", b"one", "Alt")]);
        let keep = OutputOptions {
            keep_stale: true,
            ..OutputOptions::default()
        };
        let (cards, kept) = handle(dir.path(), &PreviousRun::load(dir.path()), &[], &keep);
        assert_eq!(cards[0].action, StaleAction::Kept);
        assert_eq!(kept[0].path, "q01-a-x.png");
        assert!(dir.path().join("q01-a-x.png").exists());
    }
}
