//! Measuring a passage: the explainable signals (voice, stance, specificity, dependence on
//! context) that the quotability score is built from.

use super::answer::{Prompt, Themes};
use super::lexicon::{self, Lexicon};
use super::sentences;
use super::tense::past_forms;
use super::words::{found, phrase_at, starts_with, tokenize, Token, WordStats};
use crate::boundary::SafeSlice;
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
    ReflectivePrompt,
    FactualPrompt,
    Theme,
    General,
    Anecdote,
    Forward,
    Values,
    Punchy,
    Closing,
    TrailsOff,
    OpensOnReference,
    Procedural,
    SmallTalk,
}

impl Feature {
    pub const ALL: [Feature; 40] = [
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
        Feature::ReflectivePrompt,
        Feature::FactualPrompt,
        Feature::Theme,
        Feature::General,
        Feature::Anecdote,
        Feature::Forward,
        Feature::Values,
        Feature::Punchy,
        Feature::Closing,
        Feature::TrailsOff,
        Feature::OpensOnReference,
        Feature::Procedural,
        Feature::SmallTalk,
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
            Feature::ReflectivePrompt => "reflective_prompt",
            Feature::FactualPrompt => "factual_prompt",
            Feature::Theme => "theme",
            Feature::General => "general",
            Feature::Anecdote => "anecdote",
            Feature::Forward => "forward",
            Feature::Values => "values",
            Feature::Punchy => "punchy",
            Feature::Closing => "closing",
            Feature::TrailsOff => "trails_off",
            Feature::OpensOnReference => "opens_on_reference",
            Feature::Procedural => "procedural",
            Feature::SmallTalk => "small_talk",
        }
    }

    /// What the feature says about a passage, as an editor would put it, for a reason line.
    pub fn describe(self) -> &'static str {
        match self {
            Feature::FirstPerson => "speaks in the first person",
            Feature::Opinion => "says what the speaker thinks",
            Feature::Obligation => "says what must be done",
            Feature::Absolute => "speaks in absolutes",
            Feature::Evaluative => "judges in strong words",
            Feature::Contrast => "turns on a contrast",
            Feature::Contraction => "sounds spoken",
            Feature::Speech => "is direct speech",
            Feature::Distinctive => "uses wording found nowhere else in the interview",
            Feature::Figures => "is tied to figures or dates",
            Feature::Names => "is crowded with names",
            Feature::Parenthesis => "carries an aside in brackets",
            Feature::Reporting => "reads as reporting or an editor’s note",
            Feature::LeadingConnective => "opens on a connective that needs the sentence before",
            Feature::LeadingReference => "opens on a word that leans on the question",
            Feature::BackReference => "refers back to earlier talk",
            Feature::Question => "asks a question instead of saying something",
            Feature::Filler => "stumbles on spoken fillers",
            Feature::Unfinished => "lacks a full stop",
            Feature::Introduction => "comes from the speaker’s self-introduction",
            Feature::SelfDescription => "describes the speaker’s own job",
            Feature::Cut => "needs an editorial cut",
            Feature::PlainWords => "uses plain words",
            Feature::Past => "tells a past story",
            Feature::Length => "runs over several sentences",
            Feature::Brief => "is too brief to say much",
            Feature::Present => "says what is",
            Feature::ReflectivePrompt => "answers a why, advice or what-next question",
            Feature::FactualPrompt => "answers a question about facts or steps",
            Feature::Theme => "echoes what the interview is about",
            Feature::General => "states a general truth",
            Feature::Anecdote => "is anchored in one past moment",
            Feature::Forward => "looks ahead",
            Feature::Values => "says what matters to the speaker",
            Feature::Punchy => "is short and punchy",
            Feature::Closing => "is the point the answer ends on",
            Feature::TrailsOff => "trails off",
            Feature::OpensOnReference => "opens on a word that points back to earlier talk",
            Feature::Procedural => "says how the work is run, not what it means",
            Feature::SmallTalk => "is small talk or a plug: thanks, greetings, a call to action",
        }
    }

    /// Features that hold a passage back from the top picks whatever its score: a quote that
    /// trails off, opens by pointing back at earlier talk, reads like a procedure or is small
    /// talk is not shown while anything else is left.
    pub const HARD: [Feature; 4] = [
        Feature::TrailsOff,
        Feature::OpensOnReference,
        Feature::Procedural,
        Feature::SmallTalk,
    ];

    pub fn is_hard(self) -> bool {
        Feature::HARD.contains(&self)
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
    /// The question the answer responds to.
    pub prompt: Option<&'a Prompt>,
    /// What the interview's title and introduction say it is about.
    pub themes: Option<&'a Themes>,
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
#[derive(Debug, Clone, Copy, Default)]
pub struct Passage<'a> {
    /// The verbatim text.
    pub text: &'a str,
    /// Byte ranges of `text` that are someone's spoken words; `None` when it all is (an answer).
    pub speech: Option<&'a [(usize, usize)]>,
    /// The passage was cut by an editor's rule (a leading connective or filler dropped).
    pub cut: bool,
    /// How many sentences the passage holds.
    pub sentences: usize,
    /// The passage opens its answer, so an opening pronoun may stand for the question's subject.
    pub opens_answer: bool,
    /// The passage ends an answer of more than one sentence.
    pub closes_answer: bool,
}

/// Impersonal openings that need nothing before them: `il faut`, `it takes`.
const IMPERSONAL: &[&[&str]] = &[
    &["il", "faut"],
    &["il", "y"],
    &["il", "s’agit"],
    &["il", "suffit"],
    &["il", "reste"],
    &["il", "est", "temps"],
    &["it", "takes"],
    &["that", "is", "what"],
];

/// Subjects that may stand for a clause that follows (`it is hard to…`, « c’est dur de… »).
const DUMMY_SUBJECTS: &[&str] = &["it", "it’s", "il", "c’", "ce", "ça", "cela"];
/// Forms of `to be` after a dummy subject.
const BE: &[&str] = &[
    "is", "was", "isn’t", "wasn’t", "will", "would", "can", "be", "est", "était", "sera", "serait", "n’",
];
/// Words that introduce the clause a dummy subject stands for.
const EXTRAPOSED: &[&str] = &["to", "that", "like", "about", "de", "d’", "que", "qu’", "comme"];

/// Whether `words` open on a subject that points forward to what follows rather than back:
/// an impersonal phrase (`il faut`), an existential `there is`, a dummy subject with its clause
/// (`it’s hard to…`, « c’est simple de… »), or `ce qui` / `ce que`.
fn opens_without_reference(words: &[&str]) -> bool {
    if IMPERSONAL.iter().any(|p| phrase_at(words, p, 0)) {
        return true;
    }
    match words {
        ["there", next, ..] if ["is", "are", "was", "were", "will", "has", "have", "must"].contains(next) => {
            true
        }
        ["there’s", ..] => true,
        ["ce", next, ..] if ["qui", "que", "qu’", "dont"].contains(next) => true,
        [first, rest @ ..] if DUMMY_SUBJECTS.contains(first) => {
            // `it’s` carries its verb; the others need one next (after a negation, if any).
            let verb_at = if *first == "it’s" {
                Some(0)
            } else {
                rest.iter().take(2).position(|w| BE.contains(w)).map(|i| i + 1)
            };
            verb_at.is_some_and(|at| rest.iter().skip(at).take(6).any(|w| EXTRAPOSED.contains(w)))
        }
        _ => false,
    }
}

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
        out.push_str(text.slice(at..s));
        out.push(' ');
        at = e;
    }
    out.push_str(text.slice(at..));
    out
}

/// Measures every feature of `passage`; features that do not apply have value 0.
pub fn measure(passage: Passage, language: Language, context: Context) -> Vec<Signal> {
    let lexicon: &Lexicon = lexicon::of(language);
    let text = passage.text;
    let (spoken, narration) = match passage.speech {
        // A capital an editorial cut supplies (`[L]’idée`) is read as the word it starts.
        None if passage.cut => (unbracket_capitals(text), String::new()),
        None => (text.to_owned(), String::new()),
        Some(ranges) => (
            ranges
                .iter()
                .map(|&(s, e)| text.slice(s..e))
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
    put(Feature::FirstPerson, f64::from(!voice.is_empty()), voice.clone());
    let opinion = counted(&lexicon.opinion);
    put(Feature::Opinion, f64::from(!opinion.is_empty()), opinion.clone());
    let mut obligation = counted(&lexicon.obligation);
    // Advice often opens on an imperative: `Don’t forget…`, « Osez… ».
    if let Some(imperative) = starts_with(&words, &lexicon.imperatives, language) {
        if !obligation.contains(&imperative) {
            obligation.insert(0, imperative);
        }
    }
    put(
        Feature::Obligation,
        f64::from(!obligation.is_empty()),
        obligation.clone(),
    );
    let absolutes = counted(&lexicon.absolutes);
    put(
        Feature::Absolute,
        absolutes.len().min(2) as f64,
        absolutes.clone(),
    );
    let evaluative = counted(&lexicon.evaluative);
    put(
        Feature::Evaluative,
        evaluative.len().min(3) as f64,
        evaluative.clone(),
    );
    // A contrast word at the very start joins to the previous sentence instead.
    let contrast = found(words.get(1..).unwrap_or_default(), &lexicon.contrast, language);
    put(
        Feature::Contrast,
        f64::from(!contrast.is_empty()),
        contrast.clone(),
    );
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
            let mut seen: Vec<String> = Vec::new();
            rare.retain(|w| {
                let new = !seen.contains(w);
                seen.push(w.clone());
                new
            });
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
        let word = spoken.slice(t.start..t.end);
        let acronym = word.chars().filter(|c| c.is_uppercase()).count() >= 2;
        if (t.capitalised && !sentence_start || acronym) && t.lower != "i" && !t.lower.starts_with("i’") {
            names.push(word.to_owned());
        }
        let after = spoken
            .slice(t.end..)
            .trim_start_matches(|c: char| CLOSING_MARKS.contains(&c));
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
        connective.clone().into_iter().collect(),
    );
    // An opening that points back: a back-reference phrase (`c’est là`, `that’s why`), or a
    // pronoun or demonstrative, which at the start of an answer may stand for the question's
    // subject but anywhere else needs the talk before it.
    let opening_back = starts_with(&words, &lexicon.back_references, language);
    let pronoun = words
        .first()
        .filter(|w| lexicon.leading_anaphora.contains(w) && !opens_without_reference(&words))
        .map(|w| (*w).to_owned());
    let points_back = opening_back
        .clone()
        .or_else(|| pronoun.clone().filter(|_| !passage.opens_answer));
    let leans_on_question = pronoun.filter(|_| opening_back.is_none() && passage.opens_answer);
    put(
        Feature::LeadingReference,
        f64::from(leans_on_question.is_some()),
        leans_on_question.into_iter().collect(),
    );
    put(
        Feature::OpensOnReference,
        f64::from(points_back.is_some()),
        points_back.into_iter().collect(),
    );
    let mut back = counted(&lexicon.back_references);
    back.retain(|b| Some(b) != opening_back.as_ref());
    put(Feature::BackReference, f64::from(!back.is_empty()), back);

    let asks = trim_closers(text).ends_with('?') || trim_closers(&spoken).ends_with('?');
    put(Feature::Question, f64::from(asks), Vec::new());
    let fillers = counted(&lexicon.fillers);
    put(Feature::Filler, fillers.len().min(2) as f64, fillers);
    // A passage that trails off (`…`) or stops on a colon or a comma leaves its thought to what
    // follows; one that merely lacks its full stop is only unfinished on the card.
    // An editor's `[…]` at the end closes the quote on a complete clause.
    let ending = trim_closers(text);
    let cut_short = passage.cut && text.trim_end().ends_with("[…]");
    let trails_off =
        !cut_short && (ending.ends_with(['…', ':', ',', ';', '—', '–']) || ending.ends_with(".."));
    put(Feature::TrailsOff, f64::from(trails_off), Vec::new());
    let unfinished = !trails_off && !cut_short && !ending.ends_with(['.', '!', '?']);
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
    put(Feature::Present, f64::from(!present.is_empty()), present.clone());
    let past = past_forms(&tokens, language, lexicon);
    put(Feature::Past, past.len().min(2) as f64, past.clone());
    put(
        Feature::Length,
        passage.sentences.saturating_sub(1) as f64,
        Vec::new(),
    );

    // What the answer responds to.
    let (reflective, factual) = match context.prompt {
        Some(Prompt::Reflective(cue)) => (cue.clone(), Vec::new()),
        Some(Prompt::Factual(cue)) => (Vec::new(), cue.clone()),
        _ => (Vec::new(), Vec::new()),
    };
    put(
        Feature::ReflectivePrompt,
        f64::from(!reflective.is_empty()),
        quoted(reflective),
    );
    put(
        Feature::FactualPrompt,
        f64::from(!factual.is_empty()),
        quoted(factual),
    );
    let themes = context.themes.map(|t| t.echoed(&words)).unwrap_or_default();
    put(Feature::Theme, themes.len().min(2) as f64, themes);

    // A thesis states what holds in general; an anecdote tells one moment. These describe an
    // interviewee's stance in an answer: in the quotations of a case study they do not set the
    // editor's choice apart (docs/selection-eval.md), so prose leaves them out.
    let answer = passage.speech.is_none();
    let mut stance = |feature: Feature, on: bool, evidence: Vec<String>| {
        let on = answer && on;
        put(feature, f64::from(on), if on { evidence } else { Vec::new() });
    };
    let generic = counted(&lexicon.generic);
    let general = !tokens.is_empty()
        && past.is_empty()
        && (!generic.is_empty() || (!present.is_empty() && voice.is_empty()));
    stance(Feature::General, general, generic);
    // A story the speaker tells of themselves, all in the past, is an anecdote too: « j’ai été
    // étudiant à Castres… j’étais cent fois mieux », "I was…, I had…".
    let mut anecdote = counted(&lexicon.anecdote);
    let own_story = past.len() >= 2 && present.is_empty() && words.iter().any(|w| SINGULAR.contains(w));
    if anecdote.is_empty() && own_story {
        anecdote = past.iter().take(2).cloned().collect();
    }
    stance(Feature::Anecdote, !anecdote.is_empty(), anecdote);
    let forward = counted(&lexicon.forward);
    stance(Feature::Forward, !forward.is_empty(), forward.clone());
    let values = counted(&lexicon.values);
    stance(Feature::Values, !values.is_empty(), values.clone());

    // A procedure: the opening sentence says how the work is run (`au niveau…`, `we use…`)
    // and takes no stance at all.
    let opening = sentences::split(&spoken)
        .first()
        .map_or(spoken.as_str(), |&(s, e)| spoken.slice(s..e));
    let opening_tokens = tokenize(opening, language);
    let opening_words: Vec<&str> = opening_tokens.iter().map(|t| t.lower.as_str()).collect();
    let procedure = found(&opening_words, &lexicon.procedural, language);
    let stance = [
        &lexicon.opinion,
        &lexicon.obligation,
        &lexicon.absolutes,
        &lexicon.evaluative,
        &lexicon.contrast,
        &lexicon.values,
        &lexicon.forward,
    ]
    .iter()
    .any(|list| !found(&opening_words, list, language).is_empty());
    let procedural = !procedure.is_empty() && !stance;
    put(
        Feature::Procedural,
        f64::from(procedural),
        if procedural { procedure } else { Vec::new() },
    );

    // Editors' pull quotes run 6 to 44 words, 34 at the median: a short line rarely carries one,
    // unless it is a complete, self-contained line that takes a stance.
    let chars = text.chars().count();
    let takes_stance = !(absolutes.is_empty()
        && evaluative.is_empty()
        && contrast.is_empty()
        && obligation.is_empty()
        && values.is_empty()
        && forward.is_empty()
        && opinion.is_empty())
        || general;
    let punchy = answer
        && passage.sentences == 1
        && chars <= PUNCHY_CHARS
        && ending.ends_with(['.', '!'])
        && !asks
        && connective.is_none()
        && !words.is_empty()
        && lexicon
            .leading_anaphora
            .iter()
            .all(|a| words.first() != Some(a) || opens_without_reference(&words))
        && takes_stance;
    put(Feature::Punchy, f64::from(punchy), Vec::new());
    let brief = if punchy {
        0.0
    } else {
        ((BRIEF_WORDS - all_tokens.len() as f64) / 10.0).clamp(0.0, 1.0)
    };
    put(Feature::Brief, brief, vec![format!("{} words", all_tokens.len())]);
    put(Feature::Closing, f64::from(passage.closes_answer), Vec::new());
    let courtesy = starts_with(&words, &lexicon.small_talk, language)
        .or_else(|| counted(&lexicon.calls_to_action).into_iter().next());
    put(
        Feature::SmallTalk,
        f64::from(courtesy.is_some()),
        courtesy.into_iter().collect(),
    );
    signals
}

/// The speaker's own "I", in both languages.
const SINGULAR: &[&str] = &["i", "me", "my", "je", "j’", "moi", "m’"];

/// Longest line, in characters, that can count as short and punchy.
const PUNCHY_CHARS: usize = 60;

/// Question words as a reason shows them: `“why”`.
fn quoted(words: Vec<String>) -> Vec<String> {
    words.into_iter().take(2).map(|w| format!("“{w}”")).collect()
}

/// `text` with the brackets of supplied capitals removed: `[L]’idée` reads `L’idée`.
fn unbracket_capitals(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '[' && chars.get(i + 2) == Some(&']') && chars[i + 1].is_uppercase() {
            out.push(chars[i + 1]);
            i += 3;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
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
            ..Passage::default()
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
            ..Passage::default()
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
            ..Passage::default()
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
            value("Elle a tout changé.", Language::French, Feature::OpensOnReference).1,
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
                Feature::OpensOnReference
            )
            .1,
            ["this"]
        );
        assert_eq!(
            value(
                "As I said, we start small.",
                Language::English,
                Feature::OpensOnReference
            )
            .1,
            ["as i said"]
        );
        assert_eq!(
            value(
                "On commence petit, comme je disais.",
                Language::French,
                Feature::BackReference
            )
            .1,
            ["comme je disais"]
        );
        assert_eq!(
            value(
                "C’est là où je vais avoir un discours un peu étrange.",
                Language::French,
                Feature::OpensOnReference
            )
            .1,
            ["c’est là"]
        );
    }

    /// The opening signals of `text` as the first sentence of an answer or further in.
    fn opening(text: &str, language: Language, opens_answer: bool) -> (f64, f64) {
        let passage = Passage {
            text,
            sentences: 1,
            opens_answer,
            ..Passage::default()
        };
        let signals = measure(passage, language, Context::default());
        let get = |f: Feature| signals.iter().find(|s| s.feature == f).map_or(0.0, |s| s.value);
        (get(Feature::OpensOnReference), get(Feature::LeadingReference))
    }

    #[test]
    fn an_answer_may_open_on_the_questions_subject_but_later_sentences_may_not_point_back() {
        let text = "They changed the way we work with every team.";
        assert_eq!(opening(text, Language::English, true), (0.0, 1.0));
        assert_eq!(opening(text, Language::English, false), (1.0, 0.0));
        assert_eq!(
            opening(
                "That’s why we moved everything to the cloud.",
                Language::English,
                true
            ),
            (1.0, 0.0),
            "a back reference points back wherever it stands"
        );
    }

    #[test]
    fn dummy_subjects_and_existentials_do_not_point_back() {
        for (text, language) in [
            (
                "It was like trying to keep 100 balloons from touching the floor.",
                Language::English,
            ),
            (
                "It’s very gratifying to collaborate with the maintainers.",
                Language::English,
            ),
            ("There’s flexibility built into the process.", Language::English),
            ("There are no small contributions.", Language::English),
            (
                "Il est plus simple pour nous d’ouvrir nos données.",
                Language::French,
            ),
            ("Ce qui compte, c’est la confiance.", Language::French),
            ("C’est important de le dire aux jeunes.", Language::French),
        ] {
            assert_eq!(opening(text, language, false), (0.0, 0.0), "{text}");
        }
        for (text, language) in [
            ("It turned out to be very satisfying.", Language::English),
            (
                "It’s a welcoming group of people who build a better web.",
                Language::English,
            ),
            ("Ça reste de la communication avant tout.", Language::French),
        ] {
            assert_eq!(opening(text, language, false), (1.0, 0.0), "{text}");
        }
    }

    #[test]
    fn procedures_without_a_stance_are_noticed() {
        let procedural = |text: &str, language| value(text, language, Feature::Procedural).0;
        assert_eq!(
            procedural(
                "Au niveau stratégique, on suit également la stratégie portée par le cabinet.",
                Language::French
            ),
            1.0
        );
        assert_eq!(
            procedural(
                "The first step was to audit the pages of the site.",
                Language::English
            ),
            1.0
        );
        assert_eq!(
            procedural(
                "Au niveau local, c’est là que tout se joue vraiment.",
                Language::French
            ),
            0.0,
            "a stance makes it more than a procedure"
        );
        assert_eq!(
            procedural(
                "Nobody reads a policy, everyone reads a story.",
                Language::English
            ),
            0.0
        );
    }

    #[test]
    fn thesis_anecdote_forward_values_and_punch() {
        let get = |text: &str, language, f| value(text, language, f).0;
        let en = Language::English;
        assert_eq!(
            get(
                "If you build it for users, they will come back.",
                en,
                Feature::General
            ),
            1.0
        );
        assert_eq!(get("Accessibility is an experience.", en, Feature::General), 1.0);
        assert_eq!(
            get("We shipped it last week and it was fine.", en, Feature::General),
            0.0
        );
        assert_eq!(
            get("One day while learning, I found a bug.", en, Feature::Anecdote),
            1.0
        );
        assert_eq!(
            get(
                "Notre but est qu’il y ait plus de gens dans les bus.",
                Language::French,
                Feature::Forward
            ),
            1.0
        );
        assert_eq!(get("It’s a welcoming community.", en, Feature::Values), 1.0);
        assert_eq!(get("Don’t forget to eat lunch!", en, Feature::Punchy), 1.0);
        assert_eq!(
            get("Don’t forget to eat lunch!", en, Feature::Brief),
            0.0,
            "punchy is not brief"
        );
        assert_eq!(
            get("We had a meeting on it.", en, Feature::Punchy),
            0.0,
            "no stance"
        );
        assert!(get("We had a meeting on it.", en, Feature::Brief) > 0.0);
        assert_eq!(get("Thank you for having me!", en, Feature::SmallTalk), 1.0);
        assert_eq!(
            get("Merci de m’avoir invitée.", Language::French, Feature::SmallTalk),
            1.0
        );
        assert_eq!(
            value("Don’t forget to eat lunch!", en, Feature::Obligation).1,
            ["don’t"],
            "an imperative opening is advice"
        );
        // A plug is no quote, wherever it stands in the passage.
        assert_eq!(
            get(
                "If you work with forms, check out our new service today.",
                en,
                Feature::SmallTalk
            ),
            1.0
        );
        assert_eq!(
            get(
                "Pour en savoir plus, n’hésitez pas à nous écrire.",
                Language::French,
                Feature::SmallTalk
            ),
            1.0
        );
        // A story the speaker tells of themselves, all in the past, is an anecdote; the same
        // past with a present lesson is not.
        assert_eq!(
            get(
                "Moi j’ai été étudiant à Castres et j’étais bien mieux là-bas.",
                Language::French,
                Feature::Anecdote
            ),
            1.0
        );
        assert_eq!(
            get(
                "I learned that users are always right, and I was glad to listen.",
                en,
                Feature::Anecdote
            ),
            0.0
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
                Feature::TrailsOff
            )
            .0,
            1.0
        );
        assert_eq!(
            value(
                "I like many things, to name a few:",
                Language::English,
                Feature::TrailsOff
            )
            .0,
            1.0
        );
        assert_eq!(
            value(
                "sur le logement, sur l’éducation…",
                Language::French,
                Feature::Unfinished
            )
            .0,
            0.0,
            "trailing off is its own flaw"
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
                ..Passage::default()
            };
            let context = Context {
                introduction,
                stats: None,
                speaker: Some(&own),
                ..Context::default()
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
            ..Context::default()
        };
        let measure_one = |text: &str| {
            let passage = Passage {
                text,
                speech: None,
                cut: false,
                sentences: 1,
                ..Passage::default()
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
            ..Passage::default()
        };
        let context = Context {
            introduction: true,
            stats: None,
            speaker: None,
            ..Context::default()
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
