//! The quotability score: a sum of explainable features, each with a human-readable reason.
//!
//! Features follow what predicts editors' pull quotes (voice and stance over topic, general over
//! specific, self-contained, not a question); sentiment and summary-centrality are left out
//! because they predict nothing.

use crate::transcript::Language;

/// A scored passage: a probability-like score in 0..1 and the reasons behind it.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    pub score: f64,
    pub reasons: Vec<String>,
}

/// Where a candidate sits in the interview, for the position prior.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context {
    /// 0-based index of the answer among all answers.
    pub answer_index: usize,
    /// Whether the question before this answer asks the speaker to introduce themselves.
    pub after_introduction_question: bool,
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || matches!(c, '’' | '\'' | '-')))
        .filter(|w| !w.is_empty() && w.chars().any(char::is_alphanumeric))
        .map(|w| w.trim_matches(['-', '\'', '’']).to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Words with a French elision prefix (`j’ai`, `m’a`, `n’est`) count as the elided word too.
fn elided(word: &str) -> Option<&str> {
    let (head, _) = word.split_once(['’', '\''])?;
    Some(head)
}

fn count_in(words: &[String], list: &[&str]) -> Vec<String> {
    let mut hits = Vec::new();
    for w in words {
        let base = elided(w).map(|h| format!("{h}’"));
        let matched = list.contains(&w.as_str()) || base.as_deref().is_some_and(|b| list.contains(&b));
        if matched && !hits.contains(w) {
            hits.push(w.clone());
        }
    }
    hits
}

const FIRST_PERSON_FR: &[&str] = &[
    "je", "j’", "moi", "me", "m’", "nous", "on", "notre", "nos", "mon", "ma", "mes",
];
const FIRST_PERSON_EN: &[&str] = &[
    "i", "i’m", "i'm", "i’ve", "i've", "i’d", "i'd", "i’ll", "i'll", "me", "my", "we", "we’re", "we're",
    "we’ve", "we've", "our", "us",
];
const STANCE_FR: &[&str] = &[
    "pense",
    "crois",
    "trouve",
    "faut",
    "doit",
    "devons",
    "important",
    "essentiel",
    "vrai",
    "vraiment",
    "mieux",
    "meilleur",
    "pire",
    "trop",
    "jamais",
    "toujours",
    "rien",
    "tout",
    "tous",
    "toutes",
    "personne",
    "aucun",
    "aucune",
    "absolument",
    "énormément",
    "cœur",
    "fierté",
    "fier",
    "fiers",
    "passion",
    "envie",
    "peur",
    "croire",
    "veux",
    "voulons",
];
const STANCE_EN: &[&str] = &[
    "think",
    "believe",
    "must",
    "should",
    "never",
    "always",
    "nothing",
    "everything",
    "everyone",
    "nobody",
    "best",
    "worst",
    "love",
    "hate",
    "important",
    "essential",
    "really",
    "truly",
    "proud",
    "afraid",
    "want",
    "need",
    "matters",
    "heart",
    "absolutely",
    "every",
];
const CONTRAST_FR: &[&str] = &[
    "mais",
    "pourtant",
    "cependant",
    "plutôt",
    "contrairement",
    "sinon",
];
const CONTRAST_EN: &[&str] = &["but", "yet", "however", "instead", "rather", "although", "unlike"];
const LEADING_DEPENDENT_FR: &[&str] = &[
    "et",
    "mais",
    "donc",
    "alors",
    "puis",
    "ça",
    "cela",
    "ceci",
    "ils",
    "elles",
    "il",
    "elle",
    "ensuite",
    "aussi",
    "sinon",
    "enfin",
    "bref",
    "oui",
    "non",
    "d’ailleurs",
];
const LEADING_DEPENDENT_EN: &[&str] = &[
    "and", "but", "so", "it", "this", "that", "these", "those", "they", "he", "she", "also", "then", "yes",
    "no", "well", "plus", "which",
];
const LEADING_PHRASES: &[&str] = &[
    "par contre",
    "du coup",
    "en fait",
    "as i said",
    "comme je disais",
    "comme je l’ai dit",
    "as i mentioned",
    "that's why",
    "that’s why",
    "c’est pour ça",
    "au niveau",
];
const FILLERS: &[&str] = &[
    "euh",
    "bah",
    "ben",
    "voilà",
    "du coup",
    "en fait",
    "tu vois",
    "vous voyez",
    "um",
    "uh",
    "you know",
    "i mean",
    "kind of",
    "sort of",
    "genre",
];
const REPORTING: &[&str] = &[
    "ndlr",
    "a-t-il déclaré",
    "a-t-elle déclaré",
    "said he",
    "said she",
    "he said",
    "she said",
    "declined to comment",
    "announced",
    "a annoncé",
];

/// Scores `text` (one to three sentences of an answer).
pub fn score(text: &str, language: Language, context: Context) -> Scored {
    let mut total = -0.4;
    let mut reasons = Vec::new();
    let mut add = |weight: f64, reason: String| {
        total += weight;
        reasons.push(format!(
            "{}{:.2} {reason}",
            if weight >= 0.0 { "+" } else { "" },
            weight
        ));
    };
    let words = words(text);
    let lower = text.to_lowercase();
    let (first_person, stance, contrast, leading) = match language {
        Language::French => (FIRST_PERSON_FR, STANCE_FR, CONTRAST_FR, LEADING_DEPENDENT_FR),
        Language::English => (FIRST_PERSON_EN, STANCE_EN, CONTRAST_EN, LEADING_DEPENDENT_EN),
    };

    let voice = count_in(&words, first_person);
    if !voice.is_empty() {
        add(0.6, format!("first-person voice ({})", voice.join(", ")));
    }
    let stance_hits = count_in(&words, stance);
    if !stance_hits.is_empty() {
        let weight = 0.35 * stance_hits.len().min(3) as f64;
        add(
            weight,
            format!("stance and absolutes ({})", stance_hits.join(", ")),
        );
    }
    let contrast_hits = count_in(&words[1.min(words.len())..], contrast);
    if !contrast_hits.is_empty() {
        add(0.3, format!("contrast ({})", contrast_hits.join(", ")));
    }

    let first = words.first().map(String::as_str).unwrap_or("");
    let first_base = elided(first).map(|h| format!("{h}’"));
    if leading.contains(&first) || first_base.as_deref().is_some_and(|b| leading.contains(&b)) {
        add(
            -0.7,
            format!("opens with `{first}`, which needs the previous sentence"),
        );
    } else if let Some(phrase) = LEADING_PHRASES.iter().find(|p| lower.starts_with(*p)) {
        add(-0.6, format!("opens with `{phrase}`, which needs context"));
    }

    let numbers = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .count();
    if numbers > 0 {
        add(-0.3 * numbers.min(2) as f64, "specific figures or dates".into());
    }
    let capitalised_inside = text
        .split_whitespace()
        .skip(1)
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    if words.len() >= 6 && capitalised_inside * 6 > words.len() {
        add(-0.4, "many proper nouns: too specific".into());
    }
    if text.contains('(') || text.contains('[') {
        add(-0.5, "parenthetical aside".into());
    }
    if let Some(r) = REPORTING.iter().find(|r| lower.contains(*r)) {
        add(-0.6, format!("reporting or editorial boilerplate (`{r}`)"));
    }
    let fillers: Vec<&str> = FILLERS
        .iter()
        .copied()
        .filter(|f| {
            lower
                .split(|c: char| !c.is_alphanumeric() && c != '’')
                .collect::<Vec<_>>()
                .join(" ")
                .contains(f)
        })
        .collect();
    if !fillers.is_empty() {
        add(-0.3, format!("spoken fillers ({})", fillers.join(", ")));
    }
    let trimmed = text.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '»' | '”' | '"' | ')'));
    if trimmed.ends_with('?') {
        add(-1.2, "a question, not a statement".into());
    } else if !trimmed.ends_with(['.', '!', '…']) {
        add(-0.25, "unfinished: no closing punctuation".into());
    }
    let chars = text.chars().count();
    if (80..=220).contains(&chars) {
        add(0.2, format!("fits a card well ({chars} characters)"));
    }
    if context.answer_index == 0 || context.after_introduction_question {
        add(-0.5, "self-introduction answer".into());
    }

    Scored {
        score: (1.0 / (1.0 + (-total).exp()) * 1000.0).round() / 1000.0,
        reasons,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str, language: Language) -> Scored {
        score(
            text,
            language,
            Context {
                answer_index: 3,
                after_introduction_question: false,
            },
        )
    }

    fn has(scored: &Scored, needle: &str) -> bool {
        scored.reasons.iter().any(|r| r.contains(needle))
    }

    #[test]
    fn first_person_counts_elided_forms() {
        let scored = s("J’ai toujours pensé que c’était possible.", Language::French);
        assert!(has(&scored, "first-person voice (j’ai)"), "{:?}", scored.reasons);
        assert!(has(&scored, "stance"));
    }

    #[test]
    fn leading_connective_is_penalised() {
        let dependent = s(
            "Et l’idée c’est justement d’y impliquer les jeunes.",
            Language::French,
        );
        let standalone = s(
            "L’idée c’est justement d’y impliquer les jeunes.",
            Language::French,
        );
        assert!(has(&dependent, "opens with `et`"));
        assert!(dependent.score < standalone.score);
        assert!(has(
            &s("But we never stopped.", Language::English),
            "opens with `but`"
        ));
        assert!(has(
            &s(
                "Par contre sur la partie transition, on a communiqué.",
                Language::French
            ),
            "`par contre`"
        ));
    }

    #[test]
    fn questions_and_specifics_score_low() {
        let question = s(
            "What would you tell a student who wants to do this job?",
            Language::English,
        );
        let claim = s(
            "I would tell any student that this job is about listening first.",
            Language::English,
        );
        assert!(question.score < claim.score);
        assert!(has(
            &s("In 2021 we had 45,000 followers.", Language::English),
            "specific figures"
        ));
        assert!(has(
            &s("Avec Yannick (chef de projet, ndlr) on avance.", Language::French),
            "parenthetical"
        ));
    }

    #[test]
    fn self_introduction_is_penalised() {
        let text = "Je suis responsable des médias sociaux depuis dix ans.";
        let intro = score(
            text,
            Language::French,
            Context {
                answer_index: 0,
                after_introduction_question: true,
            },
        );
        assert!(has(&intro, "self-introduction"));
        assert!(intro.score < s(text, Language::French).score);
    }

    #[test]
    fn scores_are_deterministic_and_bounded() {
        let a = s("We never give up on a story.", Language::English);
        let b = s("We never give up on a story.", Language::English);
        assert_eq!(a, b);
        assert!((0.0..=1.0).contains(&a.score));
    }
}
