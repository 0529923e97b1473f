//! The run manifest and each card's alt text.

use crate::select::{Quote, QuoteKind, QuoteSpeaker, Source};
use crate::template::{CardContent, Format};
use crate::transcript::{Language, Speaker};
use serde::Serialize;
use unicode_segmentation::UnicodeSegmentation;

/// `manifest.json` for one interview; fields serialise in declaration order.
#[derive(Debug, Clone, Serialize)]
pub struct Manifest {
    pub generator: String,
    pub interview: InterviewEntry,
    pub template: String,
    pub cards: Vec<CardEntry>,
}

#[derive(Debug, Clone, Serialize)]
pub struct InterviewEntry {
    pub source: String,
    pub slug: String,
    pub language: Language,
    pub speakers: Vec<Speaker>,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuoteEntry {
    pub rank: usize,
    pub text: String,
    pub kind: QuoteKind,
    pub score: f64,
    pub source: Source,
}

#[derive(Debug, Clone, Serialize)]
pub struct CardEntry {
    /// Relative to the manifest.
    pub path: String,
    pub format: String,
    pub width: u32,
    pub height: u32,
    pub quote: QuoteEntry,
    pub speaker: QuoteSpeaker,
    pub alt_text: String,
    pub alt_text_path: String,
    /// The quote's fitted font size in px.
    pub font_size: f32,
}

impl QuoteEntry {
    pub fn new(rank: usize, quote: &Quote) -> Self {
        QuoteEntry {
            rank,
            text: quote.text.clone(),
            kind: quote.kind,
            score: quote.score,
            source: quote.source.clone(),
        }
    }
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
    let text = match content.language {
        Language::French => format!("Citation de {who} : « {} »", content.quote.trim()),
        Language::English => format!("Quote from {who}: “{}”", content.quote.trim()),
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
    fn alt_text_respects_network_limits() {
        let mut format = Format::by_id("pinterest").unwrap();
        format.alt_text_limit = Some(40);
        let text = alt_text(&content(Language::English), &format);
        assert_eq!(text.chars().count(), 40);
        assert!(text.ends_with('…'));
    }
}
