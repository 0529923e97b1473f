//! Words: tokens with byte offsets (French elisions split, English contractions kept), content
//! words, phrase lookup in word lists, and word frequencies across a document.

use crate::boundary::SafeSlice;
use crate::transcript::Language;
use std::collections::BTreeMap;

/// A word of a passage: its lower-cased form (apostrophes as `’`) and byte range.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub lower: String,
    pub start: usize,
    pub end: usize,
    /// Whether the word starts with a capital in the source.
    pub capitalised: bool,
}

/// French elided articles and pronouns, split from their word so `j’ai` counts as `j’` + `ai`.
const ELISIONS: &[&str] = &[
    "l", "d", "j", "m", "t", "s", "c", "n", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu",
];

fn is_apostrophe(c: char) -> bool {
    matches!(c, '’' | '\'' | 'ʼ')
}

/// Splits `text` into words; hyphens and apostrophes inside a word are kept, French elisions split.
pub fn tokenize(text: &str, language: Language) -> Vec<Token> {
    let mut tokens = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].1.is_alphanumeric() {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < chars.len() {
            let c = chars[j].1;
            let joins =
                (c == '-' || is_apostrophe(c)) && chars.get(j + 1).is_some_and(|&(_, n)| n.is_alphanumeric());
            if c.is_alphanumeric() || joins {
                j += 1;
            } else {
                break;
            }
        }
        let start = chars[i].0;
        let end = chars.get(j).map_or(text.len(), |&(p, _)| p);
        let word = text.slice(start..end);
        let capitalised = word.chars().next().is_some_and(char::is_uppercase);
        let lower: String = word
            .chars()
            .map(|c| if is_apostrophe(c) { '’' } else { c })
            .flat_map(char::to_lowercase)
            .collect();
        let elided = (language == Language::French)
            .then(|| lower.split_once('’'))
            .flatten()
            .filter(|(head, _)| ELISIONS.contains(head));
        match elided {
            Some((head, _)) => {
                let cut = start + word.find(is_apostrophe).unwrap_or(0);
                let apostrophe_len = text.slice(cut..).chars().next().map_or(1, char::len_utf8);
                tokens.push(Token {
                    lower: format!("{head}’"),
                    start,
                    end: cut + apostrophe_len,
                    capitalised,
                });
                let rest = text.slice(cut + apostrophe_len..end);
                tokens.push(Token {
                    lower: lower.slice(head.len() + '’'.len_utf8()..).to_owned(),
                    start: cut + apostrophe_len,
                    end,
                    capitalised: rest.chars().next().is_some_and(char::is_uppercase),
                });
            }
            None => tokens.push(Token {
                lower,
                start,
                end,
                capitalised,
            }),
        }
        i = j;
    }
    tokens
}

/// The content words of `text` (no function words, at least three letters), sorted and unique.
pub fn content_words(text: &str, language: Language) -> Vec<String> {
    let mut words: Vec<String> = tokenize(text, language)
        .into_iter()
        .map(|t| t.lower)
        .filter(|w| w.chars().count() >= 3 && !super::lexicon::is_function_word(w, language))
        .collect();
    words.sort();
    words.dedup();
    words
}

/// How often each word occurs across the segments (answers or paragraphs) of one document, so
/// a passage's wording can be compared with the rest of the interview.
#[derive(Debug, Clone, Default)]
pub struct WordStats {
    segments: usize,
    frequency: BTreeMap<String, usize>,
}

impl WordStats {
    pub fn new<'a>(segments: impl IntoIterator<Item = &'a str>, language: Language) -> WordStats {
        let mut stats = WordStats::default();
        for segment in segments {
            stats.segments += 1;
            let mut seen: Vec<String> = tokenize(segment, language).into_iter().map(|t| t.lower).collect();
            seen.sort();
            seen.dedup();
            for word in seen {
                *stats.frequency.entry(word).or_default() += 1;
            }
        }
        stats
    }

    /// How many segments the document has.
    pub fn segments(&self) -> usize {
        self.segments
    }

    /// In how many segments `word` occurs.
    pub fn segments_with(&self, word: &str) -> usize {
        self.frequency.get(word).copied().unwrap_or(0)
    }
}

/// Whether the token sequence `words` contains `phrase` (one or more words) at `at`.
pub fn phrase_at(words: &[&str], phrase: &[&str], at: usize) -> bool {
    at + phrase.len() <= words.len() && words[at..at + phrase.len()] == *phrase
}

/// The words of a list entry, as `tokenize` would find them in a text.
pub fn phrase_words(entry: &str, language: Language) -> Vec<String> {
    // An elided form on its own (`j’`) is one token.
    if entry.ends_with('’') {
        return vec![entry.to_owned()];
    }
    tokenize(entry, language).into_iter().map(|t| t.lower).collect()
}

/// The entries of `list` that occur in `words`, in list order, each once.
pub fn found(words: &[&str], list: &[&str], language: Language) -> Vec<String> {
    let mut hits = Vec::new();
    for entry in list {
        let phrase = phrase_words(entry, language);
        let phrase: Vec<&str> = phrase.iter().map(String::as_str).collect();
        if !phrase.is_empty() && (0..words.len()).any(|i| phrase_at(words, &phrase, i)) {
            hits.push((*entry).to_owned());
        }
    }
    hits
}

/// The entry of `list` the words start with, if any.
pub fn starts_with(words: &[&str], list: &[&str], language: Language) -> Option<String> {
    list.iter()
        .filter(|entry| {
            let phrase = phrase_words(entry, language);
            let phrase: Vec<&str> = phrase.iter().map(String::as_str).collect();
            !phrase.is_empty() && phrase_at(words, &phrase, 0)
        })
        .max_by_key(|entry| entry.len())
        .map(|e| (*e).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_split_french_elisions_and_keep_english_contractions() {
        let words: Vec<String> = tokenize("J’ai dit qu'aujourd’hui-même", Language::French)
            .into_iter()
            .map(|t| t.lower)
            .collect();
        assert_eq!(words, ["j’", "ai", "dit", "qu’", "aujourd’hui-même"]);
        let words: Vec<String> = tokenize("We don't know; it’s new.", Language::English)
            .into_iter()
            .map(|t| t.lower)
            .collect();
        assert_eq!(words, ["we", "don’t", "know", "it’s", "new"]);
        let t = &tokenize("l’Occitanie", Language::French)[1];
        assert!(t.capitalised);
        assert_eq!(&"l’Occitanie"[t.start..t.end], "Occitanie");
    }

    #[test]
    fn phrases_are_found_as_whole_words() {
        let tokens: Vec<String> = tokenize("Comme je disais, c’est là.", Language::French)
            .into_iter()
            .map(|t| t.lower)
            .collect();
        let words: Vec<&str> = tokens.iter().map(String::as_str).collect();
        assert_eq!(
            found(
                &words,
                &["comme je disais", "c’est là", "disait"],
                Language::French
            ),
            ["comme je disais", "c’est là"]
        );
        assert_eq!(
            starts_with(&words, &["comme", "comme je disais"], Language::French).as_deref(),
            Some("comme je disais")
        );
        assert_eq!(
            content_words("We built the platform for the team", Language::English),
            ["built", "platform", "team"]
        );
    }
}
