//! The run manifest (`manifest.json` and `manifest.csv`): every card a folder holds, with what
//! it shows and the key and file hash that let a rerun skip it or remove it when stale.

use crate::select::{Quote, QuoteKind, QuoteSpeaker, Source};
use crate::transcript::{Language, Speaker};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// The manifest's schema version: 2 records the hash of `manifest.csv`; 1 (or none) did not.
pub const MANIFEST_VERSION: u32 = 2;

/// The `generator` a manifest pullquote writes starts with.
pub const GENERATOR: &str = "pullquote";

/// `manifest.json` for one interview (or one spreadsheet); fields serialise in declaration order.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    /// `pullquote` and the version that wrote it.
    pub generator: String,
    /// The manifest's schema version ([`MANIFEST_VERSION`]).
    #[serde(default)]
    pub version: u32,
    pub interview: InterviewEntry,
    pub cards: Vec<CardEntry>,
    /// Cards an earlier run wrote that this plan no longer makes, kept on request (`--keep-stale`)
    /// and recorded so a later run can still remove them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stale: Vec<StaleEntry>,
    /// The hash of the `manifest.csv` written beside it, to know it is still pullquote's.
    #[serde(default)]
    pub csv_hash: String,
}

/// What a folder's cards come from.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct InterviewEntry {
    /// The input file, as given.
    pub source: String,
    /// The folder's name.
    pub slug: String,
    /// The interview's language, when it has one.
    pub language: Option<Language>,
    /// The people it credits.
    pub speakers: Vec<Speaker>,
}

/// What the manifest records about a card's quote.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct QuoteEntry {
    /// Position in its folder, from 1.
    pub rank: usize,
    /// The words on the card.
    pub text: String,
    /// Set apart by an editor, or found by the scorer.
    pub kind: QuoteKind,
    /// The selection's score (1 for quotes given by hand).
    pub score: f64,
    /// Where the quote is in the transcript.
    pub source: Option<Source>,
}

/// A stale card kept in place, recorded so that it is still known as pullquote's.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StaleEntry {
    pub path: String,
    #[serde(default)]
    pub alt_text_path: String,
    #[serde(default)]
    pub alt_text: String,
    pub file_hash: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CardEntry {
    /// Relative to the manifest.
    pub path: String,
    pub format: String,
    pub width: u32,
    pub height: u32,
    pub template: String,
    /// `png`, `jpeg` or `webp`.
    pub encoding: crate::encode::ImageKind,
    pub quote: QuoteEntry,
    /// The words drawn with the template's emphasis.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub emphasis: Vec<String>,
    pub speaker: QuoteSpeaker,
    pub alt_text: String,
    pub alt_text_path: String,
    /// The quote's fitted font size in px.
    pub font_size: f32,
    /// Problems worth a look that did not stop the card.
    pub warnings: Vec<String>,
    /// Hash of everything the card depends on; an unchanged key means an unchanged card.
    pub key: String,
    /// Hash of the written file, to notice a file edited since.
    pub file_hash: String,
}

impl QuoteEntry {
    /// The manifest's record of `quote` at position `rank`.
    pub fn new(rank: usize, quote: &Quote) -> Self {
        QuoteEntry {
            rank,
            text: quote.text.clone(),
            kind: quote.kind,
            score: quote.score,
            source: Some(quote.source.clone()),
        }
    }
}

/// What a previous run recorded about each card: its key and the hash of the file it wrote.
#[derive(Debug, Clone, Default)]
pub struct PreviousRun {
    cards: BTreeMap<String, StoredCard>,
    files: Vec<StaleEntry>,
    /// `manifest.json` is there and pullquote wrote it.
    ours: bool,
    /// Something is at `manifest.json`.
    exists: bool,
    /// The hash of the `manifest.csv` it wrote; `None` for a manifest older than the hash, whose
    /// CSV was written with it.
    csv_hash: Option<String>,
}

#[derive(Deserialize)]
struct StoredManifest {
    #[serde(default)]
    generator: String,
    #[serde(default)]
    version: u32,
    #[serde(default)]
    cards: Vec<StoredCard>,
    #[serde(default)]
    stale: Vec<StaleEntry>,
    #[serde(default)]
    csv_hash: String,
}

#[derive(Debug, Clone, Deserialize)]
struct StoredCard {
    path: String,
    #[serde(default)]
    key: String,
    #[serde(default)]
    file_hash: String,
    #[serde(default)]
    font_size: f32,
    #[serde(default)]
    warnings: Vec<String>,
    #[serde(default)]
    alt_text: String,
    #[serde(default)]
    alt_text_path: String,
}

impl PreviousRun {
    /// Reads `dir/manifest.json`; a missing or unreadable one means no previous run, and one
    /// pullquote did not write (another `generator`, not a regular file) is not read as one.
    pub fn load(dir: &Path) -> PreviousRun {
        let existing =
            super::output::Existing::at(&dir.join("manifest.json")).unwrap_or(super::output::Existing::Other);
        let not_ours = PreviousRun {
            exists: existing.exists(),
            ..PreviousRun::default()
        };
        let Some(bytes) = existing.bytes() else {
            return not_ours;
        };
        let Ok(stored) = serde_json::from_slice::<StoredManifest>(bytes) else {
            return not_ours;
        };
        let by_pullquote =
            stored.generator == GENERATOR || stored.generator.starts_with(&format!("{GENERATOR} "));
        if !by_pullquote {
            return not_ours;
        }
        let csv_hash = (stored.version >= 2).then(|| stored.csv_hash.clone());
        let mut files: Vec<StaleEntry> = stored
            .cards
            .iter()
            .map(|c| StaleEntry {
                path: c.path.clone(),
                alt_text_path: c.alt_text_path.clone(),
                alt_text: c.alt_text.clone(),
                file_hash: c.file_hash.clone(),
            })
            .collect();
        files.extend(stored.stale);
        PreviousRun {
            cards: stored.cards.into_iter().map(|c| (c.path.clone(), c)).collect(),
            files,
            ours: true,
            exists: true,
            csv_hash,
        }
    }

    /// Whether `manifest.json` may be written: there is none, or pullquote wrote the one there.
    pub fn manifest_is_ours(&self) -> bool {
        self.ours || !self.exists
    }

    /// Whether `bytes`, found at `manifest.csv`, are what pullquote wrote there.
    pub fn csv_is_ours(&self, bytes: &[u8]) -> bool {
        self.ours
            && self
                .csv_hash
                .as_ref()
                .is_none_or(|hash| *hash == crate::fingerprint::file_hash(bytes))
    }

    /// Whether `bytes`, found at a card's alt text, are what pullquote wrote there.
    pub fn alt_text_is_ours(&self, card: &str, bytes: &[u8]) -> bool {
        self.files
            .iter()
            .any(|f| f.path == card && bytes == format!("{}\n", f.alt_text).as_bytes())
    }

    /// Every file the previous run recorded: its cards and the stale cards it kept.
    pub fn files(&self) -> &[StaleEntry] {
        &self.files
    }

    pub fn key(&self, path: &str) -> Option<&str> {
        self.cards.get(path).map(|c| c.key.as_str())
    }

    pub fn file_hash(&self, path: &str) -> Option<&str> {
        self.cards.get(path).map(|c| c.file_hash.as_str())
    }

    /// The font size and warnings recorded for a card, carried over when it is not made again.
    pub fn details(&self, path: &str) -> (f32, Vec<String>) {
        self.cards
            .get(path)
            .map(|c| (c.font_size, c.warnings.clone()))
            .unwrap_or_default()
    }
}

/// A text cell a spreadsheet will not run: one that starts like a formula (`=`, `+`, `-`, `@`,
/// or a tab or carriage return before one) gets a leading apostrophe, which spreadsheets hide.
fn inert(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

/// The manifest as CSV, one row per card, for spreadsheets.
pub fn to_csv(manifest: &Manifest) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record([
        "path",
        "format",
        "width",
        "height",
        "rank",
        "kind",
        "score",
        "speaker",
        "role",
        "organisation",
        "quote",
        "alt_text",
        "warnings",
    ])?;
    for card in &manifest.cards {
        writer.write_record([
            card.path.as_str(),
            card.format.as_str(),
            &card.width.to_string(),
            &card.height.to_string(),
            &card.quote.rank.to_string(),
            match card.quote.kind {
                QuoteKind::Editor => "editor",
                QuoteKind::Auto => "auto",
            },
            &format!("{:.3}", card.quote.score),
            &inert(&card.speaker.name),
            &inert(card.speaker.role.as_deref().unwrap_or("")),
            &inert(card.speaker.organisation.as_deref().unwrap_or("")),
            &inert(&card.quote.text),
            &inert(&card.alt_text),
            &inert(&card.warnings.join("; ")),
        ])?;
    }
    writer.into_inner().map_err(|e| e.into_error().into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_made_inert() {
        assert_eq!(inert("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
        assert_eq!(inert("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(inert("+33 6"), "'+33 6");
        assert_eq!(inert("-2+3"), "'-2+3");
        assert_eq!(inert("Anne = maire"), "Anne = maire");
    }

    #[test]
    fn previous_run_is_read_from_the_manifest() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("manifest.json"),
            r#"{"generator":"pullquote 0.1.0","cards":[{"path":"q01-a-x.png","key":"k1","file_hash":"h1","format":"x"}]}"#,
        )
        .unwrap();
        let previous = PreviousRun::load(dir.path());
        assert_eq!(previous.key("q01-a-x.png"), Some("k1"));
        assert_eq!(previous.file_hash("q01-a-x.png"), Some("h1"));
        assert_eq!(
            PreviousRun::load(&dir.path().join("none")).key("q01-a-x.png"),
            None
        );
    }
}
