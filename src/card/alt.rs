//! Alt text: the whole quote and who said it, in the quote's language, cut to a network's limit.

use crate::template::{CardContent, Format};
use crate::transcript::Language;
use unicode_segmentation::UnicodeSegmentation;

/// Alt text for a quote card: the full quote, then who said it. Cut to the format's limit on a
/// grapheme boundary if a network sets one.
pub fn alt_text(content: &CardContent, format: &Format) -> String {
    let credit = content.credit();
    let who = if credit.is_empty() {
        content.speaker_name.clone()
    } else {
        format!("{}, {credit}", content.speaker_name)
    };
    let quote = content.quote.trim();
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
        let request = crate::card::CardRequest::new("On a **énormément** communiqué.", "Ludovic Amar");
        assert_eq!(
            request.alt_text(&format),
            "Citation de Ludovic Amar : « On a énormément communiqué. »"
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
