//! Evidence that words name a person: given names shipped as data (`data/given-names.txt`),
//! honorifics, and capitalised words that open titles and sentences but never a person's name.

use super::labels::is_name;
use crate::slug::fold_accents;
use std::collections::HashSet;
use std::sync::OnceLock;

static GIVEN_NAMES: &str = include_str!("../../data/given-names.txt");

fn given_names() -> &'static HashSet<String> {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        GIVEN_NAMES
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_lowercase)
            .collect()
    })
}

/// Whether `word` is a common given name (`Carolyn`, `Benoît`, `Jean-Marc`).
pub fn is_given_name(word: &str) -> bool {
    let key = fold_accents(word).to_lowercase();
    let set = given_names();
    set.contains(&key)
        || key
            .split('-')
            .next()
            .is_some_and(|first| first.len() > 1 && set.contains(first))
}

/// Titles written before a name and kept with it: "Dr. Jane Doe", « Mme Anne Roux ».
pub const HONORIFICS: &[&str] = &[
    "Dr",
    "Dr.",
    "Pr",
    "Pr.",
    "Prof",
    "Prof.",
    "Mr",
    "Mr.",
    "Mrs",
    "Mrs.",
    "Ms",
    "Ms.",
    "Mx",
    "Mme",
    "Mlle",
    "M.",
    "Sir",
    "Dame",
    "Me",
    "Maître",
    "Docteur",
    "Professeur",
    "Professor",
    "Doctor",
];

/// Whether `word` is an honorific.
pub fn is_honorific(word: &str) -> bool {
    HONORIFICS.contains(&word)
}

/// Capitalised words of titles and sentence openings that are never part of a person's name.
const NEVER_IN_A_NAME: &[&str] = &[
    "a",
    "an",
    "the",
    "of",
    "to",
    "from",
    "in",
    "on",
    "at",
    "for",
    "with",
    "by",
    "how",
    "what",
    "why",
    "who",
    "when",
    "where",
    "your",
    "my",
    "our",
    "its",
    "and",
    "or",
    "is",
    "are",
    "we",
    "i",
    "you",
    "it",
    "this",
    "that",
    "meet",
    "hi",
    "hello",
    "un",
    "une",
    "les",
    "des",
    "du",
    "au",
    "aux",
    "pour",
    "avec",
    "dans",
    "sur",
    "par",
    "et",
    "ou",
    "qui",
    "que",
    "quoi",
    "comment",
    "pourquoi",
    "quand",
    "notre",
    "votre",
    "nos",
    "vos",
    "ce",
    "cette",
    "ces",
    "il",
    "elle",
    "nous",
    "bonjour",
    "salut",
    "interview",
    "entretien",
    "portrait",
    "rencontre",
    "podcast",
    "episode",
    "épisode",
    "transcript",
    "spotlight",
    "contributor",
    "contributeur",
    "contributrice",
    "questions",
    "question",
    "answer",
    "réponse",
    "q&a",
];

/// Whether a run of capitalised words reads as one person's name rather than a title, a place or
/// a product: 2 to 5 name-shaped words, none of them a function word or a kicker.
pub fn looks_like_person(words: &[&str]) -> bool {
    let words: Vec<&str> = words.iter().copied().skip_while(|w| is_honorific(w)).collect();
    // A name in capitals (`TYLER YAHN`) is a name, not a row of acronyms.
    let capitals = words.len() >= 2 && words.iter().all(|w| is_acronym(w));
    (1..=5).contains(&words.len())
        && is_name(&words)
        && !words
            .iter()
            .any(|w| NEVER_IN_A_NAME.contains(&w.to_lowercase().as_str()) || (is_acronym(w) && !capitals))
}

/// `GTFS`, `MDN`, `CFPB`: organisations and products, not people.
pub fn is_acronym(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2 && word.chars().all(|c| c.is_uppercase() || !c.is_alphabetic()) && !word.contains('.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn given_names_fold_accents_and_hyphens() {
        assert!(is_given_name("Carolyn"));
        assert!(is_given_name("Benoît"));
        assert!(is_given_name("Jean-Marc"));
        assert!(!is_given_name("Medicaid"));
        assert!(!is_given_name("Jingle"));
    }

    #[test]
    fn person_shapes() {
        assert!(looks_like_person(&["Queen", "Vinyl", "Da.i'gyu-Kazotetsu"]));
        assert!(looks_like_person(&["Dr.", "Jane", "Doe"]));
        assert!(!looks_like_person(&["From", "Fellowship", "To", "Full-time"]));
        assert!(!looks_like_person(&["Contributor", "Spotlight"]));
        assert!(!looks_like_person(&["GTFS"]));
        assert!(looks_like_person(&["TYLER", "YAHN"]));
        assert!(looks_like_person(&["Ryan", "Day"]));
    }
}
