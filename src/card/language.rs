//! The language of a quote typed by hand (command line, sheet row, studio), where no transcript
//! or file says it: guessed from the quote and the words around it, and said to be unsure when
//! a single sentence holds too few telling words. A whole transcript is guessed by the reader;
//! one sentence needs words that only one of the two languages uses (`on`, `a`, `en` are in
//! both) and French elisions (`l’`, `n’`, `qu’`), which a short quote often has and a long one
//! drowns.

use crate::transcript::Language;

/// A guessed language, and whether the words were enough to tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Guess {
    /// The language with more telling words (English on a tie).
    pub language: Language,
    /// More telling words of that language than of the other: false on a tie, when the
    /// language is English for want of evidence.
    pub sure: bool,
}

/// Frequent words of French that English does not use.
const FRENCH: &[&str] = &[
    "le", "la", "les", "des", "du", "de", "un", "une", "est", "et", "que", "qui", "pour", "dans", "sur",
    "pas", "ne", "nous", "vous", "je", "ce", "ça", "au", "aux", "avec", "mais", "il", "ils", "elle", "sont",
    "nos", "notre", "leur", "très", "aussi", "où", "cette", "ces", "être", "avons", "fait",
];

/// Frequent words of English that French does not use.
const ENGLISH: &[&str] = &[
    "the", "and", "is", "of", "to", "that", "we", "it", "for", "in", "with", "was", "you", "are", "this",
    "be", "have", "has", "our", "they", "not", "what", "will", "would", "can", "people", "from", "about",
    "there", "their", "who", "when",
];

/// French elided words: a letter or two before an apostrophe, at the start of a word.
const ELIDED: &[&str] = &[
    "l", "d", "j", "n", "c", "s", "m", "t", "qu", "jusqu", "lorsqu", "puisqu",
];

/// English contractions after an apostrophe (`don’t`, `it’s`, `we’re`).
const CONTRACTED: &[&str] = &["t", "s", "re", "ll", "ve", "m", "d"];

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

/// Guesses the language of `parts` (the quote, then what surrounds it) taken together.
pub fn guess<'a>(parts: impl IntoIterator<Item = &'a str>) -> Guess {
    let (mut french, mut english) = (0usize, 0usize);
    for part in parts {
        // Bounded: a card's text is short, and a few hundred words settle any guess.
        let chars: Vec<char> = part.chars().take(4000).collect();
        let mut i = 0;
        while i < chars.len() {
            if !chars[i].is_alphabetic() {
                i += 1;
                continue;
            }
            let start = i;
            while i < chars.len() && chars[i].is_alphabetic() {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect::<String>().to_lowercase();
            let before = start.checked_sub(1).map(|b| chars[b]);
            let after = chars.get(i).copied();
            if after.is_some_and(is_apostrophe)
                && chars.get(i + 1).is_some_and(|c| c.is_alphabetic())
                && ELIDED.contains(&word.as_str())
            {
                french += 1;
            } else if before.is_some_and(is_apostrophe)
                && start >= 2
                && chars[start - 2].is_alphabetic()
                && CONTRACTED.contains(&word.as_str())
                // `n’importe`, `qu’il`: the word before is an elision, not a contraction.
                && !is_elision_before(&chars, start - 1)
            {
                english += 1;
            } else if FRENCH.contains(&word.as_str()) {
                french += 1;
            } else if ENGLISH.contains(&word.as_str()) {
                english += 1;
            } else if word
                .chars()
                .any(|c| matches!(c, 'é' | 'è' | 'ê' | 'à' | 'ç' | 'ù' | 'œ' | 'û' | 'î'))
            {
                french += 1;
            }
        }
        french += chars.iter().filter(|c| **c == '«').count();
    }
    let language = if french > english {
        Language::French
    } else {
        Language::English
    };
    Guess {
        language,
        sure: french != english,
    }
}

/// Whether the word ending just before the apostrophe at `apostrophe` is a French elision.
fn is_elision_before(chars: &[char], apostrophe: usize) -> bool {
    let mut start = apostrophe;
    while start > 0 && chars[start - 1].is_alphabetic() {
        start -= 1;
    }
    let word: String = chars[start..apostrophe].iter().collect::<String>().to_lowercase();
    ELIDED.contains(&word.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn language(text: &str) -> (Language, bool) {
        let g = guess([text]);
        (g.language, g.sure)
    }

    #[test]
    fn short_french_quotes_are_french() {
        for quote in [
            "On ne communique plus, on converse.",
            "On écoute.",
            "L’idée, c’est d’écouter.",
            "Nous **écoutons** d'abord.",
            "Il faut y aller.",
        ] {
            assert_eq!(language(quote).0, Language::French, "{quote}");
        }
        assert_eq!(
            language("On ne communique plus, on converse."),
            (Language::French, true),
            "`ne` tells, `on` does not"
        );
        assert_eq!(language("Le Monde is read."), (Language::English, false));
    }

    #[test]
    fn short_english_quotes_are_english() {
        for quote in [
            "We stopped chasing followers and started listening.",
            "Don’t post, talk.",
            "It's on us.",
            "People share a sentence, not a press release.",
        ] {
            assert_eq!(language(quote).0, Language::English, "{quote}");
        }
        assert!(language("We stopped chasing followers and started listening.").1);
        assert_eq!(language("On converse."), (Language::English, false));
    }

    #[test]
    fn the_words_around_the_quote_tip_a_thin_guess() {
        let quote = "On converse.";
        assert_eq!(
            guess([quote]),
            Guess {
                language: Language::English,
                sure: false
            }
        );
        let around = guess([quote, "directrice de la communication", "Ville de Montauban"]);
        assert_eq!(
            around,
            Guess {
                language: Language::French,
                sure: true
            }
        );
    }
}
