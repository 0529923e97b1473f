//! What an answer responds to, and what the interview is about: the kind of question asked (a
//! why, a lesson, advice, what comes next; or facts and steps) and the themes its title and
//! introduction set. Editors quote the answers to the first kind and the lines that echo the
//! second.

use super::lexicon;
use super::sentences;
use super::words::{found, tokenize};
use crate::boundary::SafeSlice;
use crate::transcript::{Language, Transcript};

/// The kind of question an answer responds to, with the words that show it.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Prompt {
    /// Asks for a reason, a lesson, advice, a feeling or what comes next: `why`, « pourquoi »,
    /// « qu’est-ce qui… ».
    Reflective(Vec<String>),
    /// Asks for facts, steps or background: `how did you start`, « quelles étapes ».
    Factual(Vec<String>),
    /// No question, or one of neither kind.
    #[default]
    Other,
}

impl Prompt {
    /// Classifies a question turn by what it asks: its sentences that end in a question mark,
    /// else its last sentence (a host's welcome or an interviewer's remark before the question
    /// says nothing of what is asked). A question that asks both for steps and for a reason
    /// ("how did you start, and why?") counts as asking for the reason.
    pub fn of(question: &str, language: Language) -> Prompt {
        let spans = sentences::split(question);
        let asked: Vec<&str> = spans
            .iter()
            .map(|&(s, e)| question.slice(s..e))
            .filter(|s| s.trim_end_matches(['*', '_', ' ', '»', '”', '"']).ends_with('?'))
            .collect();
        let asked = if asked.is_empty() {
            spans
                .last()
                .map_or(question, |&(s, e)| question.slice(s..e))
                .to_owned()
        } else {
            asked.join(" ")
        };
        let tokens = tokenize(&asked, language);
        let words: Vec<&str> = tokens.iter().map(|t| t.lower.as_str()).collect();
        let lexicon = lexicon::of(language);
        let reflective = found(&words, &lexicon.reflective_prompts, language);
        if !reflective.is_empty() {
            return Prompt::Reflective(reflective);
        }
        let factual = found(&words, &lexicon.factual_prompts, language);
        if !factual.is_empty() {
            return Prompt::Factual(factual);
        }
        Prompt::Other
    }
}

/// The content words of an interview's title and introduction, less the names of the people
/// in it and the words of their roles: what the interview says it is about.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Themes {
    words: Vec<String>,
}

/// Shortest theme word, in letters: shorter words are rarely a theme.
const THEME_LETTERS: usize = 5;

impl Themes {
    pub fn of(transcript: &Transcript) -> Themes {
        let language = transcript.language;
        let mut people: Vec<String> = Vec::new();
        for s in &transcript.speakers {
            for part in [Some(&s.name), s.role.as_ref(), s.organisation.as_ref()]
                .into_iter()
                .flatten()
            {
                people.extend(tokenize(part, language).into_iter().map(|t| t.lower));
            }
        }
        let mut text: Vec<&str> = transcript.title.iter().map(String::as_str).collect();
        text.extend(transcript.intro.iter().map(|p| p.text.as_str()));
        Themes::from_text(&text.join("\n"), &people, language)
    }

    /// Themes from a title and introduction, leaving out `people` (lower-case words of names
    /// and roles) and capitalised words, which name someone or something rather than a theme.
    pub fn from_text(text: &str, people: &[String], language: Language) -> Themes {
        let mut words: Vec<String> = tokenize(text, language)
            .into_iter()
            .filter(|t| {
                !t.capitalised
                    && t.lower.chars().count() >= THEME_LETTERS
                    && t.lower.chars().all(char::is_alphabetic)
                    && !lexicon::is_function_word(&t.lower, language)
                    && !people.contains(&t.lower)
            })
            .map(|t| t.lower)
            .collect();
        words.sort();
        words.dedup();
        Themes { words }
    }

    /// The theme words that `words` echo; a plural or a longer form of the same word counts.
    pub fn echoed(&self, words: &[&str]) -> Vec<String> {
        let same = |a: &str, b: &str| {
            a == b || (a.len().min(b.len()) >= 6 && (a.starts_with(b) || b.starts_with(a)))
        };
        let mut out: Vec<String> = self
            .words
            .iter()
            .filter(|theme| words.iter().any(|w| same(w, theme)))
            .cloned()
            .collect();
        out.dedup();
        out
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(question: &str, language: Language) -> Prompt {
        Prompt::of(question, language)
    }

    #[test]
    fn questions_that_ask_for_a_reason_or_advice_are_reflective() {
        for (q, language) in [
            ("Why do you contribute?", Language::English),
            (
                "Can you offer any advice to someone new in government?",
                Language::English,
            ),
            ("What’s next for the project?", Language::English),
            ("Qu’est-ce qui vous a le plus marqué ?", Language::French),
            ("Pourquoi avoir ouvert vos données ?", Language::French),
            (
                "Quels conseils donneriez-vous à une petite commune ?",
                Language::French,
            ),
        ] {
            assert!(matches!(kind(q, language), Prompt::Reflective(_)), "{q}");
        }
    }

    #[test]
    fn questions_about_steps_or_background_are_factual() {
        for (q, language) in [
            ("How did you start using MDN?", Language::English),
            ("Can you walk us through the migration?", Language::English),
            (
                "Pouvez-vous nous expliquer les étapes suivies ?",
                Language::French,
            ),
            ("En quoi consiste votre métier ?", Language::French),
        ] {
            assert!(matches!(kind(q, language), Prompt::Factual(_)), "{q}");
        }
        assert_eq!(kind("And then?", Language::English), Prompt::Other);
        assert!(
            matches!(
                kind(
                    "Thanks for your time, it is important. How did you start?",
                    Language::English
                ),
                Prompt::Factual(_)
            ),
            "only the question itself counts"
        );
        assert_eq!(
            kind("How did you start, and why?", Language::English),
            Prompt::Reflective(vec!["why".into()])
        );
    }

    #[test]
    fn themes_leave_out_names_and_roles() {
        let people = vec![
            "oulhiyane".to_owned(),
            "responsable".to_owned(),
            "sociaux".to_owned(),
        ];
        let themes = Themes::from_text(
            "Comment les réseaux sociaux attirent les étudiants. Entretien avec Aziz Oulhiyane, responsable.",
            &people,
            Language::French,
        );
        assert_eq!(themes.echoed(&["réseaux", "aziz"]), ["réseaux"]);
        assert_eq!(
            themes.echoed(&["étudiant"]),
            ["étudiants"],
            "a singular echoes a plural"
        );
        assert!(themes.echoed(&["responsable", "sociaux"]).is_empty());
    }
}
