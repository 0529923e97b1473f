//! Tense: the verb forms that tell a past story, in French and English.

use super::lexicon::Lexicon;
use super::words::Token;
use crate::transcript::Language;

/// Participle endings of French verbs after `avoir` (`j’ai fait`, `on a communiqué`).
const FRENCH_PARTICIPLE_ENDINGS: &[&str] = &[
    "é", "ée", "és", "ées", "i", "is", "u", "us", "it", "ert", "eint", "ait",
];

/// Forms of `avoir` that make a passé composé with a participle.
const FRENCH_AUXILIARIES: &[&str] = &["ai", "as", "a", "avons", "avez", "ont"];

/// Adverbs that may stand between an auxiliary and its participle.
const FRENCH_INSERTS: &[&str] = &[
    "pas",
    "jamais",
    "toujours",
    "déjà",
    "bien",
    "beaucoup",
    "énormément",
    "vraiment",
    "tout",
    "rien",
    "souvent",
    "aussi",
    "plus",
    "peu",
    "trop",
    "même",
];

/// The past-tense verb forms of `tokens`, each once.
pub fn past_forms(tokens: &[Token], language: Language, lexicon: &Lexicon) -> Vec<String> {
    let words: Vec<&str> = tokens.iter().map(|t| t.lower.as_str()).collect();
    let mut out: Vec<String> = Vec::new();
    let mut add = |w: String| {
        if !out.contains(&w) {
            out.push(w);
        }
    };
    for (i, &w) in words.iter().enumerate() {
        if lexicon.past.contains(&w) {
            add(w.to_owned());
            continue;
        }
        if lexicon.not_past.contains(&w) {
            continue;
        }
        let long = w.chars().count() >= 5;
        match language {
            Language::English => {
                if long && w.ends_with("ed") && w.chars().all(char::is_alphabetic) {
                    add(w.to_owned());
                }
            }
            Language::French => {
                // `-rait`, `-raient` are conditionals (`ça serait`), not past.
                let conditional = w.ends_with("rait") || w.ends_with("rais") || w.ends_with("raient");
                let imperfect = !conditional
                    && (w.ends_with("aient")
                        || (w.chars().count() >= 6 && (w.ends_with("ait") || w.ends_with("ais"))));
                // `il y a` is a present.
                let auxiliary = FRENCH_AUXILIARIES.contains(&w) && (i == 0 || words[i - 1] != "y");
                if imperfect {
                    add(w.to_owned());
                } else if auxiliary {
                    let participle = words[i + 1..]
                        .iter()
                        .take(3)
                        .find(|n| !FRENCH_INSERTS.contains(n))
                        .filter(|n| {
                            n.chars().count() >= 3 && FRENCH_PARTICIPLE_ENDINGS.iter().any(|e| n.ends_with(e))
                        });
                    if let Some(p) = participle {
                        add(format!("{w} {p}"));
                    }
                }
            }
        }
    }
    out
}
