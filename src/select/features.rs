//! Measuring a passage: the explainable signals (voice, stance, specificity, dependence on
//! context) that the quotability score is built from.

use super::lexicon::{self, Lexicon};
use super::tense::past_forms;
use super::words::{found, phrase_at, starts_with, tokenize, Token, WordStats};
use crate::transcript::Language;

/// What the score is made of. Each feature has a weight in `weights.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Feature {
    FirstPerson,
    Opinion,
    Obligation,
    Absolute,
    Evaluative,
    Contrast,
    Contraction,
    Speech,
    Distinctive,
    Figures,
    Names,
    Parenthesis,
    Reporting,
    LeadingConnective,
    LeadingReference,
    BackReference,
    Question,
    Filler,
    Unfinished,
    Introduction,
    SelfDescription,
    Cut,
    PlainWords,
    Past,
    Length,
    Brief,
    Present,
}

impl Feature {
    pub const ALL: [Feature; 27] = [
        Feature::FirstPerson,
        Feature::Opinion,
        Feature::Obligation,
        Feature::Absolute,
        Feature::Evaluative,
        Feature::Contrast,
        Feature::Contraction,
        Feature::Speech,
        Feature::Distinctive,
        Feature::Figures,
        Feature::Names,
        Feature::Parenthesis,
        Feature::Reporting,
        Feature::LeadingConnective,
        Feature::LeadingReference,
        Feature::BackReference,
        Feature::Question,
        Feature::Filler,
        Feature::Unfinished,
        Feature::Introduction,
        Feature::SelfDescription,
        Feature::Cut,
        Feature::PlainWords,
        Feature::Past,
        Feature::Length,
        Feature::Brief,
        Feature::Present,
    ];

    /// The feature's position in `ALL`.
    pub fn index(self) -> usize {
        self as usize
    }

    /// A stable identifier, used by the weight table and the training tool.
    pub fn id(self) -> &'static str {
        match self {
            Feature::FirstPerson => "first_person",
            Feature::Opinion => "opinion",
            Feature::Obligation => "obligation",
            Feature::Absolute => "absolute",
            Feature::Evaluative => "evaluative",
            Feature::Contrast => "contrast",
            Feature::Contraction => "contraction",
            Feature::Speech => "speech",
            Feature::Distinctive => "distinctive",
            Feature::Figures => "figures",
            Feature::Names => "names",
            Feature::Parenthesis => "parenthesis",
            Feature::Reporting => "reporting",
            Feature::LeadingConnective => "leading_connective",
            Feature::LeadingReference => "leading_reference",
            Feature::BackReference => "back_reference",
            Feature::Question => "question",
            Feature::Filler => "filler",
            Feature::Unfinished => "unfinished",
            Feature::Introduction => "introduction",
            Feature::SelfDescription => "self_description",
            Feature::Cut => "cut",
            Feature::PlainWords => "plain_words",
            Feature::Past => "past",
            Feature::Length => "length",
            Feature::Brief => "brief",
            Feature::Present => "present",
        }
    }

    /// What the feature means, for a reason line.
    fn describe(self) -> &'static str {
        match self {
            Feature::FirstPerson => "first-person voice",
            Feature::Opinion => "states an opinion",
            Feature::Obligation => "says what must be",
            Feature::Absolute => "absolutes",
            Feature::Evaluative => "evaluative words",
            Feature::Contrast => "contrast",
            Feature::Contraction => "spoken register",
            Feature::Speech => "direct speech",
            Feature::Distinctive => "distinctive wording",
            Feature::Figures => "specific figures or dates",
            Feature::Names => "many names: too specific",
            Feature::Parenthesis => "parenthetical aside",
            Feature::Reporting => "reporting or editorial boilerplate",
            Feature::LeadingConnective => "opens with a connective that needs the previous sentence",
            Feature::LeadingReference => "opens with a word that points back",
            Feature::BackReference => "refers to earlier talk",
            Feature::Question => "a question, not a statement",
            Feature::Filler => "spoken fillers",
            Feature::Unfinished => "unfinished: trails off or lacks a full stop",
            Feature::Introduction => "self-introduction answer",
            Feature::SelfDescription => "the speaker describes their own job",
            Feature::Cut => "editorial cut",
            Feature::PlainWords => "plain words",
            Feature::Past => "tells a past story",
            Feature::Length => "sentences beyond the first",
            Feature::Brief => "brief: may say too little for a card",
            Feature::Present => "says what is",
        }
    }
}

/// One measured feature: its value (0 when absent) and the words that show it.
#[derive(Debug, Clone, PartialEq)]
pub struct Signal {
    pub feature: Feature,
    pub value: f64,
    pub evidence: Vec<String>,
}

impl Signal {
    /// A human-readable reason: "first-person voice (we, our)".
    pub fn describe(&self) -> String {
        if self.evidence.is_empty() {
            self.feature.describe().to_owned()
        } else {
            format!("{} ({})", self.feature.describe(), self.evidence.join(", "))
        }
    }
}

/// Where a passage sits, and what surrounds it.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context<'a> {
    /// Whether the passage answers a request to introduce oneself, or is the first answer.
    pub introduction: bool,
    /// Word frequencies of the whole document, for distinctiveness.
    pub stats: Option<&'a WordStats>,
    /// The words of the speaker's role and organisation, to notice them describing their job.
    pub speaker: Option<&'a SpeakerWords>,
}

/// The content words of a speaker's role and organisation, in lower case.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SpeakerWords {
    pub role: Vec<String>,
    pub organisation: Vec<String>,
}

impl SpeakerWords {
    pub fn new(role: Option<&str>, organisation: Option<&str>, language: Language) -> Self {
        let content = |text: Option<&str>| -> Vec<String> {
            let mut words: Vec<String> = tokenize(text.unwrap_or_default(), language)
                .into_iter()
                .map(|t| t.lower)
                .filter(|w| w.chars().count() >= 4 && !lexicon::is_function_word(w, language))
                .collect();
            words.sort();
            words.dedup();
            words
        };
        SpeakerWords {
            role: content(role),
            organisation: content(organisation),
        }
    }

    /// The role and organisation words that `words` use; a plural or a longer form of the same
    /// word counts (`communication`, `communications`).
    fn used_in(&self, words: &[&str]) -> (Vec<String>, Vec<String>) {
        let same = |a: &str, b: &str| {
            a == b || (a.len().min(b.len()) >= 5 && (a.starts_with(b) || b.starts_with(a)))
        };
        let used = |list: &[String]| -> Vec<String> {
            list.iter()
                .filter(|own| words.iter().any(|w| same(w, own)))
                .cloned()
                .collect()
        };
        (used(&self.role), used(&self.organisation))
    }
}

/// A passage to measure: its full text, and the spoken part of it.
#[derive(Debug, Clone, Copy)]
pub struct Passage<'a> {
    /// The verbatim text.
    pub text: &'a str,
    /// Byte ranges of `text` that are someone's spoken words; `None` when it all is (an answer).
    pub speech: Option<&'a [(usize, usize)]>,
    /// The passage was cut by an editor's rule (a leading connective or filler dropped).
    pub cut: bool,
    /// How many sentences the passage holds.
    pub sentences: usize,
}

/// Impersonal openings that need nothing before them: `il faut`, `it is`.
const IMPERSONAL: &[&[&str]] = &[
    &["il", "faut"],
    &["il", "y"],
    &["il", "s’agit"],
    &["il", "suffit"],
    &["il", "reste"],
    &["il", "est", "temps"],
    &["it", "is", "important"],
    &["it", "is", "not"],
    &["it", "takes"],
    &["that", "is", "what"],
];

/// Marks that may follow a sentence's last terminator.
const CLOSING_MARKS: &[char] = &['»', '”', '"', '’', '\'', ')', ']', '*', '_'];

/// `text` without trailing spaces and closing marks, so its terminator can be read.
fn trim_closers(text: &str) -> &str {
    text.trim_end_matches(|c: char| {
        c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}' || CLOSING_MARKS.contains(&c)
    })
}

/// The parts of `text` outside `ranges`: the narration around direct speech.
fn words_outside(text: &str, ranges: &[(usize, usize)]) -> String {
    let mut out = String::new();
    let mut at = 0;
    for &(s, e) in ranges {
        out.push_str(&text[at..s]);
        out.push(' ');
        at = e;
    }
    out.push_str(&text[at..]);
    out
}

/// Measures every feature of `passage`; features that do not apply have value 0.
pub fn measure(passage: Passage, language: Language, context: Context) -> Vec<Signal> {
    let lexicon: &Lexicon = lexicon::of(language);
    let text = passage.text;
    let (spoken, narration) = match passage.speech {
        None => (text.to_owned(), String::new()),
        Some(ranges) => (
            ranges
                .iter()
                .map(|&(s, e)| &text[s..e])
                .collect::<Vec<_>>()
                .join(" "),
            words_outside(text, ranges),
        ),
    };
    let tokens = tokenize(&spoken, language);
    let words: Vec<&str> = tokens.iter().map(|t| t.lower.as_str()).collect();
    let all_tokens = tokenize(text, language);
    let mut signals: Vec<Signal> = Vec::new();
    let mut put = |feature: Feature, value: f64, evidence: Vec<String>| {
        signals.push(Signal {
            feature,
            value,
            evidence,
        });
    };
    let counted = |list: &[&str]| found(&words, list, language);

    let voice = counted(&lexicon.first_person);
    put(Feature::FirstPerson, f64::from(!voice.is_empty()), voice);
    let opinion = counted(&lexicon.opinion);
    put(Feature::Opinion, f64::from(!opinion.is_empty()), opinion);
    let obligation = counted(&lexicon.obligation);
    put(Feature::Obligation, f64::from(!obligation.is_empty()), obligation);
    let absolutes = counted(&lexicon.absolutes);
    put(Feature::Absolute, absolutes.len().min(2) as f64, absolutes);
    let evaluative = counted(&lexicon.evaluative);
    put(Feature::Evaluative, evaluative.len().min(3) as f64, evaluative);
    // A contrast word at the very start joins to the previous sentence instead.
    let contrast = found(words.get(1..).unwrap_or_default(), &lexicon.contrast, language);
    put(Feature::Contrast, f64::from(!contrast.is_empty()), contrast);
    let contractions = counted(&lexicon.contractions);
    put(
        Feature::Contraction,
        f64::from(!contractions.is_empty()),
        contractions,
    );

    let speech_share = match passage.speech {
        None => 1.0,
        Some(_) => {
            let inside = tokens.len() as f64;
            let total = all_tokens.len().max(1) as f64;
            (inside / total).min(1.0)
        }
    };
    put(Feature::Speech, speech_share, Vec::new());

    // Distinctive: content words this passage shares with few other parts of the document.
    if let Some(stats) = context.stats.filter(|s| s.segments() >= 4) {
        let content: Vec<&Token> = tokens
            .iter()
            .filter(|t| {
                t.lower.chars().count() >= 4
                    && !t.capitalised
                    && t.lower.chars().all(char::is_alphabetic)
                    && !lexicon.function_words.contains(&t.lower.as_str())
            })
            .collect();
        if content.len() >= 3 {
            let mut rare: Vec<String> = content
                .iter()
                .filter(|t| stats.segments_with(&t.lower) <= 1)
                .map(|t| t.lower.clone())
                .collect();
            let share = rare.len() as f64 / content.len() as f64;
            rare.dedup();
            rare.truncate(3);
            put(Feature::Distinctive, share, rare);
        }
    }

    let mut figures: Vec<String> = all_tokens
        .iter()
        .filter(|t| t.lower.chars().any(|c| c.is_ascii_digit()))
        .map(|t| t.lower.clone())
        .collect();
    figures.extend(counted(&lexicon.calendar));
    figures.dedup();
    put(Feature::Figures, figures.len().min(2) as f64, figures);

    // Names: capitalised words that do not start a sentence, and acronyms.
    let mut sentence_start = true;
    let mut names = Vec::new();
    for t in &tokens {
        let word = &spoken[t.start..t.end];
        let acronym = word.chars().filter(|c| c.is_uppercase()).count() >= 2;
        if (t.capitalised && !sentence_start || acronym) && t.lower != "i" && !t.lower.starts_with("i’") {
            names.push(word.to_owned());
        }
        let after = spoken[t.end..].trim_start_matches(|c: char| CLOSING_MARKS.contains(&c));
        sentence_start = after.starts_with(['.', '!', '?', '…', ':', '«', '“', '"']);
    }
    let density = names.len() as f64 / tokens.len().max(1) as f64;
    names.dedup();
    names.truncate(4);
    put(Feature::Names, (density / 0.25).min(1.0), names);

    put(Feature::Parenthesis, f64::from(text.contains('(')), Vec::new());
    // Reporting verbs count against narration that reports speech indirectly ("she says the
    // team…"); the attribution beside a direct quotation ("…," says X) is just a credit.
    let narration_words: Vec<String> = tokenize(&narration, language)
        .into_iter()
        .map(|t| t.lower)
        .collect();
    let narration_words: Vec<&str> = narration_words.iter().map(String::as_str).collect();
    let indirect = passage.speech.is_some_and(|ranges| ranges.is_empty());
    let mut reporting = if indirect {
        found(&narration_words, &lexicon.reporting, language)
    } else {
        Vec::new()
    };
    let all_words: Vec<&str> = all_tokens.iter().map(|t| t.lower.as_str()).collect();
    reporting.extend(found(&all_words, &["ndlr", "n.d.l.r", "editor’s note"], language));
    put(Feature::Reporting, f64::from(!reporting.is_empty()), reporting);

    let connective = starts_with(&words, &lexicon.leading_connectives, language);
    put(
        Feature::LeadingConnective,
        f64::from(connective.is_some()),
        connective.into_iter().collect(),
    );
    let impersonal = IMPERSONAL.iter().any(|p| phrase_at(&words, p, 0));
    let reference = words
        .first()
        .filter(|w| !impersonal && lexicon.leading_anaphora.contains(w))
        .map(|w| (*w).to_owned());
    put(
        Feature::LeadingReference,
        f64::from(reference.is_some()),
        reference.into_iter().collect(),
    );
    let back = counted(&lexicon.back_references);
    put(Feature::BackReference, f64::from(!back.is_empty()), back);

    let asks = trim_closers(text).ends_with('?') || trim_closers(&spoken).ends_with('?');
    put(Feature::Question, f64::from(asks), Vec::new());
    let fillers = counted(&lexicon.fillers);
    put(Feature::Filler, fillers.len().min(2) as f64, fillers);
    // A passage that trails off (`…`) leaves its thought to the next sentence.
    let ending = trim_closers(text);
    let trails_off = ending.ends_with('…') || ending.ends_with("..");
    let unfinished = trails_off || !ending.ends_with(['.', '!', '?']);
    put(Feature::Unfinished, f64::from(unfinished), Vec::new());
    put(Feature::Introduction, f64::from(context.introduction), Vec::new());
    // Naming one's own job is a presentation, not a thought: a word of the speaker's role or
    // organisation, in the introduction answer or with a presentation phrase (`my role`). Alone,
    // those words are often just the interview's topic.
    let (role_words, organisation_words) = context.speaker.map(|s| s.used_in(&words)).unwrap_or_default();
    let presents = counted(&lexicon.self_presentation);
    let names_own_job = !(role_words.is_empty() && organisation_words.is_empty());
    let describes = names_own_job && (context.introduction || !presents.is_empty());
    let evidence = if describes {
        presents
            .into_iter()
            .chain(role_words)
            .chain(organisation_words)
            .take(4)
            .collect()
    } else {
        Vec::new()
    };
    put(Feature::SelfDescription, f64::from(describes), evidence);
    put(Feature::Cut, f64::from(passage.cut), Vec::new());

    // Plain wording: fewer letters a word than plain speech has weighs positive, more negative.
    let letters: Vec<usize> = tokens
        .iter()
        .map(|t| t.lower.chars().filter(|c| c.is_alphabetic()).count())
        .collect();
    if letters.len() >= 4 {
        let mean = letters.iter().sum::<usize>() as f64 / letters.len() as f64;
        let value = (lexicon.plain_word_length - mean).clamp(-2.0, 1.0);
        put(
            Feature::PlainWords,
            value,
            vec![format!("{mean:.1} letters a word")],
        );
    }
    let present = counted(&lexicon.present);
    put(Feature::Present, f64::from(!present.is_empty()), present);
    let past = past_forms(&tokens, language, lexicon);
    put(Feature::Past, past.len().min(2) as f64, past);
    put(
        Feature::Length,
        passage.sentences.saturating_sub(1) as f64,
        Vec::new(),
    );
    // Editors' pull quotes run 6 to 44 words, 34 at the median: a short line rarely carries one.
    let brief = ((BRIEF_WORDS - all_tokens.len() as f64) / 10.0).clamp(0.0, 1.0);
    put(Feature::Brief, brief, vec![format!("{} words", all_tokens.len())]);
    signals
}

/// Below this many words a passage counts as brief.
const BRIEF_WORDS: f64 = 16.0;
#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str, language: Language, feature: Feature) -> (f64, Vec<String>) {
        let passage = Passage {
            text,
            speech: None,
            cut: false,
            sentences: 1,
        };
        let signal = measure(passage, language, Context::default())
            .into_iter()
            .find(|s| s.feature == feature)
            .unwrap_or(Signal {
                feature,
                value: 0.0,
                evidence: vec![],
            });
        (signal.value, signal.evidence)
    }
    #[test]
    fn first_person_in_both_languages() {
        assert_eq!(
            value("J’ai toujours pensé ça.", Language::French, Feature::FirstPerson),
            (1.0, vec!["j’".to_owned()])
        );
        assert_eq!(
            value(
                "We built it for our team.",
                Language::English,
                Feature::FirstPerson
            )
            .1,
            ["we", "our"]
        );
        assert_eq!(
            value("The team built it.", Language::English, Feature::FirstPerson).0,
            0.0
        );
    }

    #[test]
    fn stance_features() {
        assert_eq!(
            value("Je pense que oui.", Language::French, Feature::Opinion).1,
            ["pense"]
        );
        assert_eq!(
            value("You have to ship.", Language::English, Feature::Obligation).1,
            ["have to"]
        );
        assert_eq!(
            value("Il faut oser.", Language::French, Feature::Obligation).1,
            ["faut"]
        );
        assert_eq!(
            value(
                "Nothing is ever done, never.",
                Language::English,
                Feature::Absolute
            ),
            (
                2.0,
                vec!["never".to_owned(), "nothing".to_owned(), "ever".to_owned()]
            )
        );
        assert_eq!(
            value("C’est un énorme plaisir.", Language::French, Feature::Evaluative).1,
            ["énorme", "plaisir"]
        );
        assert_eq!(
            value(
                "Ce n’est pas la com, mais le cadre de vie.",
                Language::French,
                Feature::Contrast
            )
            .1,
            ["mais"]
        );
        assert_eq!(
            value("But it works.", Language::English, Feature::Contrast).0,
            0.0
        );
        assert_eq!(
            value("It’s what we do.", Language::English, Feature::Contraction).1,
            ["it’s"]
        );
    }

    #[test]
    fn specifics_count_against() {
        assert_eq!(
            value(
                "In 2021 we had 45,000 followers.",
                Language::English,
                Feature::Figures
            )
            .0,
            2.0
        );
        assert_eq!(
            value("Depuis janvier, on publie.", Language::French, Feature::Figures).1,
            ["janvier"]
        );
        let (names, evidence) = value(
            "We met Lauren Frohlich at ACF in Washington.",
            Language::English,
            Feature::Names,
        );
        assert_eq!(names, 1.0);
        assert_eq!(evidence, ["Lauren", "Frohlich", "ACF", "Washington"]);
        assert_eq!(
            value("Nobody saw it coming.", Language::English, Feature::Names).0,
            0.0
        );
        assert_eq!(value("I said it.", Language::English, Feature::Names).0, 0.0);
        assert_eq!(
            value(
                "Avec Yannick (chef de projet) on avance.",
                Language::French,
                Feature::Parenthesis
            )
            .0,
            1.0
        );
        assert_eq!(
            value(
                "Avec lui (chef de projet, ndlr) on avance.",
                Language::French,
                Feature::Reporting
            )
            .1,
            ["ndlr"]
        );
    }

    #[test]
    fn reporting_counts_only_in_narration() {
        let indirect = Passage {
            text: "Eichten says the team shipped it.",
            speech: Some(&[]),
            cut: false,
            sentences: 1,
        };
        let signals = measure(indirect, Language::English, Context::default());
        let reporting = signals.iter().find(|s| s.feature == Feature::Reporting).unwrap();
        assert_eq!(reporting.evidence, ["says"]);

        let text = "\"We shipped it,\" says Eichten.";
        let speech = [(1, 14)];
        let passage = Passage {
            text,
            speech: Some(&speech),
            cut: false,
            sentences: 1,
        };
        let signals = measure(passage, Language::English, Context::default());
        let get = |f: Feature| signals.iter().find(|s| s.feature == f).unwrap().clone();
        assert_eq!(
            get(Feature::Reporting).value,
            0.0,
            "a credit beside direct speech"
        );
        assert_eq!(get(Feature::FirstPerson).evidence, ["we"]);
        assert!((get(Feature::Speech).value - 0.6).abs() < 1e-9);
        // The speaker's own "said" is speech, not narration.
        assert_eq!(
            value("I said we would try.", Language::English, Feature::Reporting).0,
            0.0
        );
    }

    #[test]
    fn dependence_on_the_previous_sentence() {
        assert_eq!(
            value(
                "Et l’idée c’est d’impliquer les jeunes.",
                Language::French,
                Feature::LeadingConnective
            )
            .1,
            ["et"]
        );
        assert_eq!(
            value(
                "Du coup on a changé.",
                Language::French,
                Feature::LeadingConnective
            )
            .1,
            ["du coup"]
        );
        assert_eq!(
            value("Elle a tout changé.", Language::French, Feature::LeadingReference).1,
            ["elle"]
        );
        assert_eq!(
            value("Il faut oser.", Language::French, Feature::LeadingReference).0,
            0.0
        );
        assert_eq!(
            value(
                "This changed everything.",
                Language::English,
                Feature::LeadingReference
            )
            .1,
            ["this"]
        );
        assert_eq!(
            value(
                "As I said, we start small.",
                Language::English,
                Feature::BackReference
            )
            .1,
            ["as i said"]
        );
        assert_eq!(
            value(
                "Comme je disais, on commence petit.",
                Language::French,
                Feature::BackReference
            )
            .1,
            ["comme je disais"]
        );
    }

    #[test]
    fn questions_fillers_and_unfinished() {
        assert_eq!(value("Vraiment ? »", Language::French, Feature::Question).0, 1.0);
        assert_eq!(value("What now?", Language::English, Feature::Question).0, 1.0);
        assert_eq!(
            value("Euh, tu vois, c’est ça.", Language::French, Feature::Filler).0,
            2.0
        );
        assert_eq!(
            value("You know, um, it works.", Language::English, Feature::Filler).0,
            2.0
        );
        assert_eq!(
            value("we went on and on", Language::English, Feature::Unfinished).0,
            1.0
        );
        assert_eq!(
            value("We went on.”", Language::English, Feature::Unfinished).0,
            0.0
        );
        assert_eq!(
            value(
                "sur le logement, sur l’éducation…",
                Language::French,
                Feature::Unfinished
            )
            .0,
            1.0
        );
    }

    #[test]
    fn a_speaker_describing_their_own_job_is_noticed_but_their_topic_is_not() {
        let own = SpeakerWords::new(
            Some("responsable de l’animation des réseaux sociaux"),
            Some("Région Occitanie"),
            Language::French,
        );
        let describes = |text: &str, introduction: bool| {
            let passage = Passage {
                text,
                speech: None,
                cut: false,
                sentences: 1,
            };
            let context = Context {
                introduction,
                stats: None,
                speaker: Some(&own),
            };
            measure(passage, Language::French, context)
                .into_iter()
                .find(|s| s.feature == Feature::SelfDescription)
                .unwrap()
        };
        let intro = "Responsable des médias sociaux, ça fait dix ans maintenant que je suis à la Région.";
        let found = describes(intro, true);
        assert_eq!(found.value, 1.0);
        assert!(found.evidence.contains(&"responsable".to_owned()), "{found:?}");
        let later = "Mon rôle, c’est d’animer les réseaux sociaux de la Région au quotidien.";
        assert_eq!(
            describes(later, false).value,
            1.0,
            "a presentation phrase and a role word"
        );
        let topic = "Les réseaux sociaux ne font pas venir les étudiants, le logement si.";
        assert_eq!(
            describes(topic, false).value,
            0.0,
            "the role's words as the topic"
        );
    }

    #[test]
    fn distinctive_wording_is_measured_against_the_document() {
        let segments = [
            "our platform runs the platform team",
            "the platform team ships the platform",
            "platform work is team work",
            "we call our platform a field of dreams nobody expected",
        ];
        let stats = WordStats::new(segments, Language::English);
        let context = Context {
            introduction: false,
            stats: Some(&stats),
            speaker: None,
        };
        let measure_one = |text: &str| {
            let passage = Passage {
                text,
                speech: None,
                cut: false,
                sentences: 1,
            };
            measure(passage, Language::English, context)
                .into_iter()
                .find(|s| s.feature == Feature::Distinctive)
                .unwrap()
        };
        let dreams = measure_one(segments[3]);
        let team = measure_one(segments[1]);
        assert!(dreams.value > team.value, "{dreams:?} {team:?}");
        assert!(dreams.evidence.contains(&"dreams".to_owned()));
    }

    #[test]
    fn introduction_and_cut_come_from_the_context() {
        let passage = Passage {
            text: "Je suis responsable des réseaux.",
            speech: None,
            cut: true,
            sentences: 2,
        };
        let context = Context {
            introduction: true,
            stats: None,
            speaker: None,
        };
        let signals = measure(passage, Language::French, context);
        let get = |f: Feature| signals.iter().find(|s| s.feature == f).unwrap().value;
        assert_eq!(get(Feature::Introduction), 1.0);
        assert_eq!(get(Feature::Cut), 1.0);
        assert_eq!(get(Feature::Length), 1.0);
    }

    #[test]
    fn plain_words_against_heavy_wording() {
        let (plain, evidence) = value(
            "We built it and they all came to see it.",
            Language::English,
            Feature::PlainWords,
        );
        assert!(plain > 0.0, "{plain}");
        assert_eq!(evidence, ["3.0 letters a word"]);
        let (heavy, _) = value(
            "Organizational transformation necessitates comprehensive infrastructure modernization.",
            Language::English,
            Feature::PlainWords,
        );
        assert_eq!(heavy, -2.0);
    }

    #[test]
    fn past_story_in_both_languages() {
        assert_eq!(
            value(
                "We started small and built it; it was hard.",
                Language::English,
                Feature::Past
            )
            .1,
            ["started", "built", "was"]
        );
        assert_eq!(
            value("We need speed, indeed.", Language::English, Feature::Past).0,
            0.0
        );
        assert_eq!(
            value(
                "J’ai fait tel tweet et on a énormément communiqué.",
                Language::French,
                Feature::Past
            )
            .1,
            ["ai fait", "a communiqué"]
        );
        assert_eq!(
            value(
                "Il y a jamais eu de souci, mais c’était dur et ça serait pareil.",
                Language::French,
                Feature::Past
            )
            .1,
            ["était"]
        );
    }
}
