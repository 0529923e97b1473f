//! The run manifest (`manifest.json` and `manifest.csv`) and each card's alt text.

use crate::select::{Quote, QuoteKind, QuoteSpeaker, Source};
use crate::template::{CardContent, Format};
use crate::transcript::{Language, Speaker};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;
use unicode_segmentation::UnicodeSegmentation;

/// `manifest.json` for one interview (or one spreadsheet); fields serialise in declaration order.
#[derive(Debug, Clone, Serialize)]
pub struct Manifest {
    pub generator: String,
    pub interview: InterviewEntry,
    pub cards: Vec<CardEntry>,
}

#[derive(Debug, Clone, Serialize)]
pub struct InterviewEntry {
    pub source: String,
    pub slug: String,
    pub language: Option<Language>,
    pub speakers: Vec<Speaker>,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuoteEntry {
    pub rank: usize,
    pub text: String,
    pub kind: QuoteKind,
    pub score: f64,
    pub source: Option<Source>,
}

#[derive(Debug, Clone, Serialize)]
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
}

#[derive(Deserialize)]
struct StoredManifest {
    #[serde(default)]
    cards: Vec<StoredCard>,
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
}

impl PreviousRun {
    /// Reads `dir/manifest.json`; a missing or unreadable one means no previous run.
    pub fn load(dir: &Path) -> PreviousRun {
        let Ok(bytes) = std::fs::read(dir.join("manifest.json")) else {
            return PreviousRun::default();
        };
        let Ok(stored) = serde_json::from_slice::<StoredManifest>(&bytes) else {
            return PreviousRun::default();
        };
        PreviousRun {
            cards: stored.cards.into_iter().map(|c| (c.path.clone(), c)).collect(),
        }
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
            card.speaker.name.as_str(),
            card.speaker.role.as_deref().unwrap_or(""),
            card.speaker.organisation.as_deref().unwrap_or(""),
            card.quote.text.as_str(),
            card.alt_text.as_str(),
            &card.warnings.join("; "),
        ])?;
    }
    writer.into_inner().map_err(|e| e.into_error().into())
}

/// Alt text for a quote card: the full quote, then who said it. Cut to the format's limit on a
/// grapheme boundary if a network sets one.
pub fn alt_text(content: &CardContent, format: &Format) -> String {
    let credit = content.credit();
    let who = if credit.is_empty() {
        content.speaker_name.clone()
    } else {
        format!("{}, {credit}", content.speaker_name)
    };
    // Emphasis markers are for drawing; a screen reader gets the words alone.
    let quote = crate::typeset::typography::strip_emphasis(content.quote.trim());
    let text = match content.language {
        Language::French => format!("Citation {} : « {quote} »", french_de(&who)),
        Language::English => format!("Quote from {who}: “{quote}”"),
    };
    match format.alt_text_limit {
        Some(limit) if text.graphemes(true).count() > limit => {
            let mut cut: String = text.graphemes(true).take(limit.saturating_sub(1)).collect();
            cut.push('…');
            cut
        }
        _ => text,
    }
}

/// "de" before a name, elided before a vowel sound as French requires: "d’Aziz", "de Ludovic".
fn french_de(name: &str) -> String {
    let is_vowel = |c: char| "aeiouyàâäéèêëîïôöùûüœæ".contains(c.to_lowercase().next().unwrap_or(c));
    let mut letters = name.chars();
    let first = letters.next().unwrap_or(' ');
    let second = letters.next().unwrap_or(' ');
    let elides = match first.to_lowercase().next().unwrap_or(first) {
        // Y is a consonant before a vowel (Yasmine) and a vowel otherwise (Yves).
        'y' => !is_vowel(second),
        // Most names in H take the elision (d’Hélène, d’Henri).
        'h' => is_vowel(second),
        c => is_vowel(c),
    };
    if elides {
        format!("d’{name}")
    } else {
        format!("de {name}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content(language: Language) -> CardContent {
        CardContent {
            quote: "On a énormément communiqué.".into(),
            speaker_name: "Ludovic Amar".into(),
            role: Some("responsable stratégie média digitale".into()),
            organisation: Some("Région Occitanie".into()),
            title: None,
            language,
            ..CardContent::default()
        }
    }

    #[test]
    fn alt_text_has_quote_and_credit() {
        let format = Format::by_id("instagram-square").unwrap();
        assert_eq!(
            alt_text(&content(Language::French), &format),
            "Citation de Ludovic Amar, Responsable stratégie média digitale, Région Occitanie : « On a énormément communiqué. »"
        );
    }

    #[test]
    fn french_de_elides_before_a_vowel_sound() {
        assert_eq!(french_de("Aziz Oulhiyane"), "d’Aziz Oulhiyane");
        assert_eq!(french_de("Émilie Roux"), "d’Émilie Roux");
        assert_eq!(french_de("Yves Martin"), "d’Yves Martin");
        assert_eq!(french_de("Hélène Diaz"), "d’Hélène Diaz");
        assert_eq!(french_de("Yasmine Benali"), "de Yasmine Benali");
        assert_eq!(french_de("Ludovic Amar"), "de Ludovic Amar");
    }

    #[test]
    fn alt_text_leaves_out_emphasis_markers() {
        let format = Format::by_id("instagram-square").unwrap();
        let mut content = content(Language::French);
        content.quote = "On a **énormément** communiqué.".into();
        assert!(alt_text(&content, &format).ends_with("« On a énormément communiqué. »"));
    }

    #[test]
    fn alt_text_respects_network_limits() {
        let mut format = Format::by_id("pinterest").unwrap();
        format.alt_text_limit = Some(40);
        let text = alt_text(&content(Language::English), &format);
        assert_eq!(text.chars().count(), 40);
        assert!(text.ends_with('…'));
    }

    #[test]
    fn previous_run_is_read_from_the_manifest() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("manifest.json"),
            r#"{"cards":[{"path":"q01-a-x.png","key":"k1","file_hash":"h1","format":"x"}]}"#,
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
