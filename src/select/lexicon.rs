//! Word lists for the quotability features, one set per language, read from `lexicon/en.txt`
//! and `lexicon/fr.txt` (embedded at build time; a test checks that both parse and agree).
//!
//! Lists name kinds of words, never topics: voice, stance, absolutes, evaluation, contrast, and the
//! words that make a passage depend on what came before it.

use crate::transcript::Language;
use std::sync::OnceLock;

const ENGLISH: &str = include_str!("lexicon/en.txt");
const FRENCH: &str = include_str!("lexicon/fr.txt");

/// The word lists of one language (entries in lower case, `’` apostrophes; some are phrases).
#[derive(Debug, Default)]
pub struct Lexicon {
    /// Pronouns and possessives of the speaker's own voice.
    pub first_person: Vec<&'static str>,
    /// Verbs and phrases of opinion or belief.
    pub opinion: Vec<&'static str>,
    /// Necessity and prescription: what must or should be.
    pub obligation: Vec<&'static str>,
    /// Universal quantifiers and absolutes.
    pub absolutes: Vec<&'static str>,
    /// Words that judge: good, hard, huge, really.
    pub evaluative: Vec<&'static str>,
    /// Words that turn the sentence: but, instead, rather.
    pub contrast: Vec<&'static str>,
    /// Connectives that make a passage lean on the sentence before it.
    pub leading_connectives: Vec<&'static str>,
    /// Openers an editor may drop without changing what the quote says.
    pub cuttable_openers: Vec<&'static str>,
    /// Openings of a clause that points back or announces what follows (`as I said`, « c’est
    /// là où je vais… »): an editor cuts the clause, up to its comma, before a complete sentence.
    pub leading_clauses: Vec<&'static str>,
    /// Hesitations an editor replaces with `[…]` inside a quote.
    pub hesitations: Vec<&'static str>,
    /// Opening words that point back to something said before.
    pub leading_anaphora: Vec<&'static str>,
    /// Phrases that refer to earlier talk.
    pub back_references: Vec<&'static str>,
    /// Spoken hesitations and discourse fillers.
    pub fillers: Vec<&'static str>,
    /// Narration around reported speech.
    pub reporting: Vec<&'static str>,
    /// Month and weekday names: dates make a passage specific.
    pub calendar: Vec<&'static str>,
    /// Spoken contractions.
    pub contractions: Vec<&'static str>,
    /// Present-tense copulas and modals: the passage says what is, or what can be.
    pub present: Vec<&'static str>,
    /// Verb forms that tell a past story: irregular pasts, imperfects.
    pub past: Vec<&'static str>,
    /// Words that look like past forms by their ending but are not (`need`, `jamais`).
    pub not_past: Vec<&'static str>,
    /// Phrases with which speakers present themselves and their job.
    pub self_presentation: Vec<&'static str>,
    /// Words that make a statement general: people at large, a generic `you`, `quand on`.
    pub generic: Vec<&'static str>,
    /// Phrases that anchor a passage in one past moment: `one day`, `à l’époque`.
    pub anecdote: Vec<&'static str>,
    /// Words that look ahead: plans, hopes, the future.
    pub forward: Vec<&'static str>,
    /// Words that name what a speaker holds dear: purpose, community, trust.
    pub values: Vec<&'static str>,
    /// Phrases that describe how work is run, step by step: `au niveau`, `the first step`.
    pub procedural: Vec<&'static str>,
    /// Imperatives that open advice: `don’t`, `remember`, `osez`.
    pub imperatives: Vec<&'static str>,
    /// Question words that ask for a reason, a lesson, advice or what comes next.
    pub reflective_prompts: Vec<&'static str>,
    /// Question words that ask for facts, steps or background.
    pub factual_prompts: Vec<&'static str>,
    /// Openings of small talk: thanks, greetings.
    pub small_talk: Vec<&'static str>,
    /// Calls to action anywhere in a passage: `check it out`, « n’hésitez pas à ».
    pub calls_to_action: Vec<&'static str>,
    /// Average letters per word of plain speech, where wording starts to weigh.
    pub plain_word_length: f64,
    /// Function words, left out of content-word counts.
    pub function_words: Vec<&'static str>,
}

/// The lists of `language`.
pub fn of(language: Language) -> &'static Lexicon {
    static LISTS: OnceLock<[Lexicon; 2]> = OnceLock::new();
    let [english, french] = LISTS.get_or_init(|| {
        [
            parse(ENGLISH).expect("lexicon/en.txt parses"),
            parse(FRENCH).expect("lexicon/fr.txt parses"),
        ]
    });
    match language {
        Language::English => english,
        Language::French => french,
    }
}

/// Whether `word` (lower case) is a function word of `language`.
pub fn is_function_word(word: &str, language: Language) -> bool {
    of(language).function_words.contains(&word)
}

/// Reads `name: entry, entry, …` lines; `#` lines are comments, indented lines continue a list.
fn parse(text: &'static str) -> Result<Lexicon, String> {
    let mut lexicon = Lexicon::default();
    let mut current: Option<&'static str> = None;
    let mut seen: Vec<&'static str> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let entries = if line.starts_with(' ') {
            line
        } else {
            let (name, rest) = line
                .split_once(':')
                .ok_or_else(|| format!("line {}: expected `name: entries`", n + 1))?;
            if seen.contains(&name) {
                return Err(format!("line {}: list `{name}` given twice", n + 1));
            }
            seen.push(name);
            current = Some(name);
            rest
        };
        let name = current.ok_or_else(|| format!("line {}: continuation before any list", n + 1))?;
        if name == "plain_word_length" {
            lexicon.plain_word_length = entries
                .trim()
                .parse()
                .map_err(|_| format!("line {}: `{}` is not a number", n + 1, entries.trim()))?;
            continue;
        }
        let list =
            list_mut(&mut lexicon, name).ok_or_else(|| format!("line {}: unknown list `{name}`", n + 1))?;
        list.extend(entries.split(',').map(str::trim).filter(|e| !e.is_empty()));
    }
    Ok(lexicon)
}

fn list_mut<'a>(lexicon: &'a mut Lexicon, name: &str) -> Option<&'a mut Vec<&'static str>> {
    Some(match name {
        "first_person" => &mut lexicon.first_person,
        "opinion" => &mut lexicon.opinion,
        "obligation" => &mut lexicon.obligation,
        "absolutes" => &mut lexicon.absolutes,
        "evaluative" => &mut lexicon.evaluative,
        "contrast" => &mut lexicon.contrast,
        "leading_connectives" => &mut lexicon.leading_connectives,
        "cuttable_openers" => &mut lexicon.cuttable_openers,
        "leading_clauses" => &mut lexicon.leading_clauses,
        "hesitations" => &mut lexicon.hesitations,
        "leading_anaphora" => &mut lexicon.leading_anaphora,
        "back_references" => &mut lexicon.back_references,
        "fillers" => &mut lexicon.fillers,
        "reporting" => &mut lexicon.reporting,
        "calendar" => &mut lexicon.calendar,
        "contractions" => &mut lexicon.contractions,
        "present" => &mut lexicon.present,
        "past" => &mut lexicon.past,
        "not_past" => &mut lexicon.not_past,
        "function_words" => &mut lexicon.function_words,
        "self_presentation" => &mut lexicon.self_presentation,
        "generic" => &mut lexicon.generic,
        "anecdote" => &mut lexicon.anecdote,
        "forward" => &mut lexicon.forward,
        "values" => &mut lexicon.values,
        "procedural" => &mut lexicon.procedural,
        "imperatives" => &mut lexicon.imperatives,
        "reflective_prompts" => &mut lexicon.reflective_prompts,
        "factual_prompts" => &mut lexicon.factual_prompts,
        "small_talk" => &mut lexicon.small_talk,
        "calls_to_action" => &mut lexicon.calls_to_action,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_parse_and_fill_every_list() {
        for (name, text) in [("en", ENGLISH), ("fr", FRENCH)] {
            let lexicon = parse(text).unwrap_or_else(|e| panic!("{name}: {e}"));
            let mut probe = Lexicon::default();
            for list in [
                "first_person",
                "opinion",
                "obligation",
                "absolutes",
                "evaluative",
                "contrast",
                "leading_connectives",
                "cuttable_openers",
                "leading_clauses",
                "hesitations",
                "leading_anaphora",
                "back_references",
                "fillers",
                "reporting",
                "calendar",
                "contractions",
                "present",
                "past",
                "not_past",
                "function_words",
                "self_presentation",
                "generic",
                "anecdote",
                "forward",
                "values",
                "procedural",
                "imperatives",
                "reflective_prompts",
                "factual_prompts",
                "small_talk",
                "calls_to_action",
            ] {
                assert!(list_mut(&mut probe, list).is_some());
                let mut copy = parse(text).unwrap();
                let entries = list_mut(&mut copy, list).unwrap();
                assert!(!entries.is_empty(), "{name}: {list} is empty");
                let mut sorted = entries.clone();
                sorted.sort();
                sorted.dedup();
                assert_eq!(sorted.len(), entries.len(), "{name}: {list} repeats an entry");
                for entry in entries.iter() {
                    assert_eq!(
                        entry.to_lowercase(),
                        *entry,
                        "{name}: {list}: `{entry}` is not lower case"
                    );
                    assert!(
                        !entry.contains('\''),
                        "{name}: {list}: `{entry}` uses ' instead of ’"
                    );
                }
            }
            assert!(lexicon.plain_word_length > 3.0);
        }
    }

    #[test]
    fn malformed_lists_are_reported_with_their_line() {
        assert_eq!(
            parse("# c\nbogus list\n").unwrap_err(),
            "line 2: expected `name: entries`"
        );
        assert_eq!(parse("nope: a, b\n").unwrap_err(), "line 1: unknown list `nope`");
        assert_eq!(
            parse(" a, b\n").unwrap_err(),
            "line 1: continuation before any list"
        );
    }
}
