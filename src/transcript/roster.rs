//! The roster: people named in an interview's intro prose, with their roles and organisation.
//!
//! Intros follow a few shapes in French and English: "Entretien avec X, responsable de …, ainsi que
//! Y, …", "X et Y, …", "We spoke with X, head of …, and Y". Names are runs of capitalised words;
//! a role is the comma-separated phrase that follows a name. Each person carries the evidence
//! that they are a speaker and not someone the intro only mentions.

use super::labels::{is_name, NAME_PARTICLES};
use super::names::{is_acronym, is_given_name, is_honorific, looks_like_person};
use super::roles;
use crate::boundary::SafeSlice;

/// Why the reader believes a name is someone who speaks, weakest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Evidence {
    /// Only mentioned.
    #[default]
    Mentioned,
    /// Their first name is a common given name.
    GivenName,
    /// The page states their role ("X, head of …", "X is a data scientist").
    Role,
    /// The page says they are interviewed ("Entretien avec X", "I talked to X", a title that is
    /// their name) or they introduce themselves ("I'm X", « Je m’appelle X »).
    Named,
}

/// A person found in the intro.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Person {
    pub name: String,
    pub role: Option<String>,
    pub organisation: Option<String>,
    pub evidence: Evidence,
}

/// Phrases right before a name that say the page interviews that person.
const INTERVIEW_CUES: &[&str] = &[
    "entretien avec",
    "interview avec",
    "interview with",
    "interview of",
    "q&a with",
    "q & a with",
    "conversation with",
    "conversation avec",
    "in conversation with",
    "talked to",
    "talked with",
    "talks to",
    "talks with",
    "spoke to",
    "spoke with",
    "speaks with",
    "chatted with",
    "sat down with",
    "témoignage de",
    "témoignage d’",
    "portrait de",
    "portrait d’",
    "rencontre avec",
    "entrevue avec",
    "entrevue de",
    "questions à",
    "questions to",
    "answered by",
    "meet",
    "here with",
    "with us",
    "welcoming",
    "joined by",
    "joining me today is",
    "joining us today is",
    "joining me is",
    "joining us is",
    "our guest",
    "my guest",
    "our guest today",
    "notre invité",
    "notre invitée",
    "nous recevons",
    "nous accueillons",
    "we welcome",
    "please welcome",
    "i interviewed",
    "we interviewed",
    "a interrogé",
    "avons interrogé",
    "donne la parole à",
    "la parole à",
    "profile of",
];
/// Phrases right before a name with which people introduce themselves.
const SELF_CUES: &[&str] = &[
    "i'm",
    "i’m",
    "i am",
    "my name is",
    "my name's",
    "my name’s",
    "je m'appelle",
    "je m’appelle",
    "moi c'est",
    "moi c’est",
    "je suis",
    "this is",
    "ici",
];

/// Capitalised words that open intro sentences and are never part of a name.
const NOT_NAME_WORDS: &[&str] = &[
    "Témoignage",
    "Témoignages",
    "Voici",
    "Entretien",
    "Interview",
    "Rencontre",
    "Portrait",
    "Conversation",
    "Avec",
    "Questions",
    "Propos",
    "Tous",
    "Toutes",
    "Les",
    "Le",
    "La",
    "L’",
    "Un",
    "Une",
    "Notre",
    "Nos",
    "Cette",
    "Ce",
    "Aujourd’hui",
    "We",
    "Our",
    "The",
    "This",
    "Meet",
    "Today",
    "Both",
    "In",
    "With",
    "Q&A",
    "Dans",
    "Pour",
    "For",
    "Et",
    "And",
    "Ainsi",
    "Mais",
    "But",
    "Madame",
    "Monsieur",
    "Mme",
    "M.",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Pr",
    "Professeur",
    "Professor",
    "Docteur",
    "Doctor",
];

/// Nouns of job titles, in lower case: a capitalised run holding one is a title ("Chief
/// Executive"), not a person, and "X est cheffe de …" / "X is the director of …" gives a role.
const ROLE_NOUNS: &[&str] = &[
    "chief",
    "executive",
    "director",
    "manager",
    "officer",
    "president",
    "mayor",
    "editor",
    "founder",
    "co-founder",
    "deputy",
    "chairman",
    "chairwoman",
    "chair",
    "secretary",
    "minister",
    "coordinator",
    "producer",
    "ceo",
    "head",
    "lead",
    "councillor",
    "commissioner",
    "curator",
    "researcher",
    "journalist",
    "reporter",
    "teacher",
    "librarian",
    "designer",
    "strategist",
    "specialist",
    "directeur",
    "directrice",
    "président",
    "présidente",
    "maire",
    "fondateur",
    "fondatrice",
    "cofondateur",
    "cofondatrice",
    "responsable",
    "chargé",
    "chargée",
    "chef",
    "cheffe",
    "adjoint",
    "adjointe",
    "conseiller",
    "conseillère",
    "ministre",
    "coordinateur",
    "coordinatrice",
    "rédacteur",
    "rédactrice",
    "journaliste",
    "chercheur",
    "chercheuse",
    "enseignant",
    "enseignante",
    "bibliothécaire",
    "conservateur",
    "conservatrice",
    "délégué",
    "déléguée",
    "secrétaire",
    "gérant",
    "gérante",
    "élu",
    "élue",
    "vice-président",
    "vice-présidente",
    "community",
];

/// Whether a capitalised word is a job title's noun.
fn is_role_noun(word: &str) -> bool {
    ROLE_NOUNS.contains(&word.to_lowercase().as_str()) || roles::is_listed_job(word)
}

/// Words that make a capitalised run an organisation or place rather than a person.
const ORGANISATION_WORDS: &[&str] = &[
    "Région",
    "Region",
    "Université",
    "University",
    "Ministère",
    "Ministry",
    "Council",
    "Conseil",
    "Ville",
    "City",
    "Département",
    "Department",
    "Agence",
    "Agency",
    "Office",
    "Centre",
    "Center",
    "Institut",
    "Institute",
    "Association",
    "Fondation",
    "Foundation",
    "Société",
    "Company",
    "Group",
    "Groupe",
    "Inc",
    "Ltd",
    "Service",
    "Direction",
    "School",
    "École",
    "Ecole",
    "College",
    "Collège",
    "Lycée",
    "Mairie",
    "Préfecture",
    "Museum",
    "Musée",
    "Hôpital",
    "Hospital",
    "Bank",
    "Banque",
    "Theatre",
    "Theater",
    "Théâtre",
    "Cinema",
    "Cinéma",
    "Restaurant",
    "Café",
    "Studio",
    "Studios",
    "Radio",
    "Hotel",
    "Hôtel",
    "Library",
    "Médiathèque",
    "Bibliothèque",
    "Club",
    "Festival",
    "Trust",
    "Society",
    "Co",
];

/// Words right before a capitalised run that make it a place or a thing: "la Table du Tarn",
/// "at Harbourside Theatre", "le Bon Coin du Quercy".
const BEFORE_A_PLACE: &[&str] = &[
    "la", "le", "les", "l’", "l'", "du", "des", "au", "aux", "the", "at", "La", "Le", "Les", "The", "L’",
];

/// Phrases that introduce an organisation shared by everyone in the intro.
const SHARED_ORGANISATION_CUES: &[&str] = &[
    "dans les rangs de ",
    "au sein de ",
    "tous deux chez ",
    "toutes deux chez ",
    "tous les deux chez ",
    "tous deux à ",
    "toutes deux à ",
    "both work at ",
    "both at ",
    "both from ",
    "both of ",
];

#[derive(Debug, Clone, Copy)]
struct Word<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        // "Da.i'gyu-Kazotetsu": a full stop between letters stays in the word.
        let dotted = c == '.' && start.is_some() && text.slice(i + 1..).starts_with(char::is_alphabetic);
        let in_word = c.is_alphanumeric() || matches!(c, '-' | '’' | '\'' | '&') || dotted;
        match (in_word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(Word {
                    text: text.slice(s..i),
                    start: s,
                    end: i,
                });
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(Word {
            text: text.slice(s..),
            start: s,
            end: text.len(),
        });
    }
    out
}

/// A run of name words in the intro: byte range and the name as written.
#[derive(Debug, Clone)]
struct Span {
    start: usize,
    end: usize,
    name: String,
}

/// Runs of capitalised words that may be a person's name: not an organisation ("Région
/// Occitanie", "Centers for Medicare & Medicaid Services"), a title ("Chief Executive") or a place
/// after an article ("la Table du Tarn"). An honorific before the name stays with it.
fn name_spans(text: &str) -> Vec<Span> {
    let words = words(text);
    let mut spans = Vec::new();
    let mut i = 0;
    let single_space = |a: &Word, b: &Word| {
        let gap = text.slice(a.end..b.start);
        !gap.is_empty() && gap.chars().all(|c| c == ' ' || c == '\u{a0}')
    };
    while i < words.len() {
        let starts_name = |w: &Word| {
            w.text.chars().next().is_some_and(char::is_uppercase)
                && (!NOT_NAME_WORDS.contains(&w.text) || is_honorific(w.text))
        };
        if !starts_name(&words[i]) {
            i += 1;
            continue;
        }
        // Extend over capitalised words and particles, only across single spaces.
        let mut j = i + 1;
        let mut last_capital = i;
        while j < words.len() {
            // "Dr. Jane Doe": the honorific's full stop is part of it.
            let gap_ok = single_space(&words[j - 1], &words[j])
                || (is_honorific(words[j - 1].text)
                    && text[words[j - 1].end..words[j].start].trim_start_matches('.') == " ");
            if !gap_ok {
                break;
            }
            let w = words[j].text;
            if w.chars().next().is_some_and(char::is_uppercase) {
                last_capital = j;
            } else if !NAME_PARTICLES.contains(&w.to_lowercase().as_str()) {
                break;
            }
            j += 1;
        }
        let mut run: Vec<&str> = words[i..=last_capital].iter().map(|w| w.text).collect();
        let mut start = words[i].start;
        if is_honorific(run[0]) && run.len() > 1 {
            // Keep the honorific as written ("Dr." with its stop).
            let end = words[i].end + usize::from(text[words[i].end..].starts_with('.'));
            run[0] = &text[words[i].start..end];
        } else if NOT_NAME_WORDS.contains(&run[0]) {
            start = words.get(i + 1).map_or(start, |w| w.start);
            run.remove(0);
        }
        // A lone word that names nothing ("Dr" with no name after it) leaves no run.
        if run.is_empty() {
            i = last_capital + 1;
            continue;
        }
        let after_article =
            i > 0 && BEFORE_A_PLACE.contains(&words[i - 1].text) && single_space(&words[i - 1], &words[i]);
        let elided_article = ["l’", "l'", "d’", "d'"]
            .iter()
            .any(|a| text[..words[i].start].ends_with(a));
        // "Centers for Medicare & Medicaid Services": a run joined to a capitalised word before it
        // by "&", "of", "for", « de » continues an organisation's name.
        let continues_organisation = i >= 2
            && ["&", "of", "for", "de", "du", "des"].contains(&words[i - 1].text)
            && words[i - 2].text.starts_with(char::is_uppercase)
            && !NOT_NAME_WORDS.contains(&words[i - 2].text)
            && !is_given_name(run[0])
            && single_space(&words[i - 2], &words[i - 1]);
        // "GTFS (General Transit Feed Specification)", "Digital Corps (USDC)": an acronym's
        // expansion names a thing.
        let before = text[..words[i].start].trim_end_matches([' ', '\u{a0}']);
        let initials: String = run.iter().filter_map(|w| w.chars().next()).collect();
        let expands = |acronym: &str| is_acronym(acronym) && acronym.trim_end_matches('s') == initials;
        let expands_acronym = (before.ends_with('(')
            && before
                .slice(..before.len() - 1)
                .split_whitespace()
                .next_back()
                .is_some_and(expands))
            || text[words[last_capital].end..]
                .strip_prefix(" (")
                .and_then(|r| r.split([')', ' ']).next())
                .is_some_and(expands);
        let is_organisation = run
            .iter()
            .any(|w| ORGANISATION_WORDS.contains(w) || is_role_noun(w) || is_acronym(w))
            || expands_acronym
            || after_article
            || elided_article
            || continues_organisation;
        let bare: Vec<&str> = run
            .iter()
            .copied()
            .filter(|w| !is_honorific(w.trim_end_matches('.')))
            .collect();
        if bare.len() >= 2 && bare.len() <= 4 && is_name(&bare) && looks_like_person(&run) && !is_organisation
        {
            spans.push(Span {
                start,
                end: words[last_capital].end,
                name: run.join(" "),
            });
        }
        i = last_capital + 1;
    }
    spans
}

/// The role phrase that starts at `after` (just past a name), if the name is followed by one:
/// an apposition ("X, head of …", "X (CEO of …)"), a copula with a job ("X is a data scientist at
/// …", « X est cheffe de … »), a relative clause ("X, who leads …"), « X travaille comme … ».
fn role_after(text: &str, after: usize, limit: usize) -> Option<String> {
    let rest = text.slice(after..limit.max(after));
    // "X (`@handle`), a maintainer …": brackets that hold no job come before the apposition.
    if let Some((inside, _)) = rest.strip_prefix(" (").and_then(|r| r.split_once("), ")) {
        if !inside.contains('(') && !roles::is_job_phrase(roles::drop_article(inside)) {
            return role_after(text, after + inside.len() + 3, limit);
        }
    }
    let (body, closing) = if let Some(r) = rest.strip_prefix(", ") {
        // "X, 48 ans, travaille …": an age is no role.
        let r = skip_age(r);
        (r, None)
    } else if let Some(r) = rest.strip_prefix(" (") {
        (r, Some(')'))
    } else if rest.starts_with(' ') {
        // "X is a …", « X travaille comme … »: without such a verb, what follows is no role.
        let body = rest.trim_start();
        let after_verb = strip_verb(body);
        if after_verb.len() == body.len() && !LEADS.iter().any(|v| body.starts_with(v)) {
            return None;
        }
        (after_verb, None)
    } else {
        return None;
    };
    let body = strip_verb(body);
    let mut end = body.len();
    if let Some(c) = closing {
        end = body.find(c).unwrap_or(end);
    }
    let role = roles::cut_clause(body.slice(..end));
    let first_word = role.split(' ').next().unwrap_or("");
    if role.is_empty() || ["qui", "who", "que", "which", "dont"].contains(&first_word) {
        return None;
    }
    // A role is a job ("head of digital", "its press officer"), or what one leads; "Keolis
    // Tours, réseau Fil Bleu" and "X, répond aux questions" are not.
    if !roles::is_job_phrase(roles::drop_article(role)) && !LEADS.iter().any(|v| role.starts_with(v)) {
        return None;
    }
    (role.chars().count() <= 160).then(|| role.to_owned())
}

/// Verbs that state what someone leads: "X leads the open data team", « X dirige le service … ».
const LEADS: &[&str] = &[
    "leads ",
    "heads ",
    "runs ",
    "directs ",
    "dirige ",
    "pilote ",
    "préside ",
];

/// `48 ans, …`, `42, …`, `aged 42, …`: the age in an apposition.
fn skip_age(text: &str) -> &str {
    let first: String = text.chars().take_while(|c| *c != ',').collect();
    let is_age = first.chars().filter(char::is_ascii_digit).count() >= 1
        && first.chars().count() <= 14
        && first.split(' ').all(|w| {
            w.chars().all(|c| c.is_ascii_digit()) || ["ans", "years", "old", "aged", "year-old"].contains(&w)
        });
    if is_age {
        text.slice(first.len()..).trim_start_matches(',').trim_start()
    } else {
        text
    }
}

/// Strips the verb that introduces a role: "is a", « est », "who is", "who leads", « travaille
/// comme ».
fn strip_verb(body: &str) -> &str {
    const VERBS: &[&str] = &[
        "who is ",
        "who was ",
        "who's ",
        "qui est ",
        "has been ",
        "is now ",
        "is ",
        "was ",
        "est ",
        "était ",
        "works as ",
        "work as ",
        "serves as ",
        "travaille comme ",
        "travaille en qualité de ",
        "travaille en tant que ",
        "travaille en qualité d’",
        "works at ",
    ];
    for verb in VERBS {
        if let Some(rest) = body.strip_prefix(verb) {
            return rest;
        }
    }
    for verb in [
        "who leads ",
        "who heads ",
        "who runs ",
        "who directs ",
        "who manages ",
        "qui dirige ",
        "qui pilote ",
    ] {
        if body.starts_with(verb) {
            // "leads GSA’s API Strategy": what they lead, as the page says it.
            return body.slice(4..);
        }
    }
    body
}

/// The organisation named by a "Tous deux dans les rangs de …" style sentence, if any.
fn shared_organisation(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    for cue in SHARED_ORGANISATION_CUES {
        if let Some(i) = lower.find(cue) {
            let start = i + cue.len();
            // `lower` and `text` have the same byte layout for the characters in these cues.
            let rest = text.get(start..)?;
            let end = rest.find(['.', ';', '\n', ',']).unwrap_or(rest.len());
            let org = rest.slice(..end).trim();
            let org = ["la ", "le ", "l’", "l'", "les ", "the "]
                .iter()
                .find_map(|a| org.strip_prefix(a))
                .unwrap_or(org);
            if !org.is_empty() {
                return Some(capitalise_first(org));
            }
        }
    }
    None
}

pub(crate) fn capitalise_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Whether the text just before `at` ends with one of `cues` (case-insensitive, a word apart).
fn preceded_by(text: &str, at: usize, cues: &[&str]) -> bool {
    let before = text.slice(at.saturating_sub(60)..at);
    let lower = before.to_lowercase();
    let lower = lower.trim_end_matches([' ', '\u{a0}', ',', ':']);
    cues.iter().any(|cue| {
        lower.ends_with(cue)
            && !lower
                .slice(..lower.len() - cue.len())
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
    })
}

/// Every person the intro names, in order, with the role that follows their name and the evidence
/// that they speak.
pub fn people_in_intro(intro: &str) -> Vec<Person> {
    let spans = name_spans(intro);
    let organisation = shared_organisation(intro);
    let mut people: Vec<Person> = Vec::new();
    // People listed together before one plural role share it: "X et Y, fondateurs de …".
    let mut group: Vec<usize> = Vec::new();
    let mut last_named_end: Option<usize> = None;
    for (k, span) in spans.iter().enumerate() {
        let next = spans.get(k + 1).map(|s| s.start);
        // A role stops before the next person named after a list separator.
        let limit = next
            .filter(|&n| {
                let between = intro.slice(span.end..n);
                between.ends_with(", ")
                    || between.ends_with(" et ")
                    || between.ends_with(" and ")
                    || between.ends_with(" & ")
            })
            .unwrap_or(intro.len());
        let role = role_after(intro, span.end, limit)
            .or_else(|| roles::led_by(intro.slice(..span.start), intro.slice(span.end..limit)));
        let joined_to_next = next.is_some_and(|n| {
            let between = intro.slice(span.end..n);
            [" et ", " and ", ", ", " & "].contains(&between)
        });
        let mut evidence =
            if preceded_by(intro, span.start, INTERVIEW_CUES) || preceded_by(intro, span.start, SELF_CUES) {
                Evidence::Named
            } else if role.is_some() {
                Evidence::Role
            } else if span
                .name
                .split(' ')
                .find(|w| !is_honorific(w))
                .is_some_and(is_given_name)
            {
                Evidence::GivenName
            } else {
                Evidence::Mentioned
            };
        // "Entretien avec X, maire, et Y, adjoint": people listed after the cue share it.
        if let Some(named_end) = last_named_end {
            let between = intro.slice(named_end..span.start);
            let listed = [
                ", et ",
                " et ",
                ", and ",
                " and ",
                ", ainsi que ",
                " ainsi que ",
                " & ",
                ", ",
            ]
            .iter()
            .any(|j| between.ends_with(j));
            if listed && !between.contains(". ") && !between.contains('\n') {
                evidence = Evidence::Named;
            }
        }
        if evidence == Evidence::Named {
            last_named_end = Some(span.end);
        }
        if let Some(existing) = people.iter_mut().find(|p| p.name == span.name) {
            existing.evidence = existing.evidence.max(evidence);
            if existing.role.is_none() {
                existing.role = role;
            }
            continue;
        }
        people.push(Person {
            name: span.name.clone(),
            role: role.clone(),
            organisation: organisation.clone(),
            evidence,
        });
        match role {
            None if joined_to_next => group.push(people.len() - 1),
            Some(role) if !group.is_empty() => {
                let members: Vec<usize> = group.iter().copied().chain([people.len() - 1]).collect();
                if let Some(roles) = respective_roles(&role, members.len()) {
                    for (&i, role) in members.iter().zip(roles) {
                        people[i].role = Some(role);
                    }
                } else if let Some(shared) = singular_role(&role) {
                    let last = people.len() - 1;
                    for &i in group.iter().chain([&last]) {
                        people[i].role = Some(shared.clone());
                    }
                }
                group.clear();
            }
            _ => group.clear(),
        }
    }
    let mut previous_organisation: Option<String> = None;
    for person in &mut people {
        let possessor = person.role.as_deref().and_then(possessive).map(|(owner, rest)| {
            let owner = owner.map(str::to_owned);
            (owner, rest.to_owned())
        });
        if let Some((owner, rest)) = possessor {
            let stated = person.role.replace(rest);
            split_organisation(person);
            if person.organisation.is_none() {
                person.organisation = match owner {
                    // "its press officer": the organisation the intro just named.
                    None => previous_organisation.clone(),
                    Some(owner) if owner.starts_with(char::is_uppercase) => Some(owner),
                    // "the clinic's head of patient services": the clinic the page names.
                    Some(noun) => previous_organisation
                        .clone()
                        .filter(|o| has_word(o, &noun))
                        .or_else(|| organisation_ending_in(intro, &noun)),
                };
            }
            // Whose job it is stays said when the page names no organisation for it.
            if person.organisation.is_none() {
                person.role = stated;
                split_organisation(person);
            }
        } else {
            split_organisation(person);
        }
        if person.organisation.is_some() {
            previous_organisation.clone_from(&person.organisation);
        }
    }
    people
}

/// A role that opens on a possessive: "its press officer" (no owner named), "the clinic's head of
/// patient services" (owner "clinic"), "Spoke & Chain's buyer". Returns the owner and the job.
fn possessive(role: &str) -> Option<(Option<&str>, &str)> {
    let role = role.strip_prefix("the ").unwrap_or(role);
    for pronoun in ["its ", "their ", "his ", "her ", "son ", "sa ", "leur "] {
        if let Some(rest) = role.strip_prefix(pronoun) {
            return roles::is_job_phrase(rest).then_some((None, rest));
        }
    }
    let (owner, rest) = role.split_once("'s ").or_else(|| role.split_once("’s "))?;
    let plausible_owner =
        owner.split(' ').count() <= 4 && (owner.starts_with(char::is_uppercase) || !owner.contains(' '));
    (plausible_owner && roles::is_job_phrase(rest)).then_some((Some(owner), rest))
}

fn has_word(text: &str, word: &str) -> bool {
    let word = word.to_lowercase();
    text.split(' ').any(|w| w.to_lowercase() == word)
}

/// The capitalised name in `text` that ends in `noun`: "Northgate Community Clinic" for "clinic".
fn organisation_ending_in(text: &str, noun: &str) -> Option<String> {
    let words = words(text);
    let at = words.iter().position(|w| {
        w.text.starts_with(char::is_uppercase) && w.text.to_lowercase() == noun.to_lowercase()
    })?;
    let mut start = at;
    while start > 0
        && words[start - 1].text.starts_with(char::is_uppercase)
        && text.slice(words[start - 1].end..words[start].start) == " "
    {
        start -= 1;
    }
    (start < at).then(|| text.slice(words[start].start..words[at].end).to_owned())
}

/// "respectively head archivist and deputy director of the Society", « respectivement directrice
/// et directeur adjoint de la médiathèque »: one job for each person listed, in order, the
/// complement of the last shared by those that lack one.
fn respective_roles(role: &str, people: usize) -> Option<Vec<String>> {
    let rest = ["respectively ", "respectivement "]
        .iter()
        .find_map(|cue| role.strip_prefix(cue))?;
    let mut parts: Vec<&str> = Vec::new();
    let mut remaining = rest;
    while parts.len() + 1 < people {
        let cut = [", and ", ", et ", ", ", " and ", " et "]
            .iter()
            .filter_map(|sep| remaining.find(sep).map(|i| (i, sep.len())))
            .min_by_key(|&(i, _)| i)?;
        parts.push(remaining.slice(..cut.0));
        remaining = remaining.slice(cut.0 + cut.1..);
    }
    parts.push(remaining);
    let last_words: Vec<&str> = remaining.split(' ').collect();
    let complement = last_words
        .iter()
        .position(|w| HEAD_END.contains(w) || w.starts_with("d’") || w.starts_with("d'"))
        .filter(|&i| i > 0)
        .map(|i| last_words[i..].join(" "));
    let has_complement = |p: &str| {
        p.split(' ')
            .any(|w| HEAD_END.contains(&w) || w.starts_with("d’") || w.starts_with("d'"))
    };
    Some(
        parts
            .iter()
            .map(|p| match &complement {
                Some(c) if !has_complement(p) => format!("{p} {c}"),
                _ => (*p).to_owned(),
            })
            .collect(),
    )
}

/// Moves the organisation a role names into `organisation`: "developer at the Bureau" → role
/// "developer", organisation "Bureau".
pub fn split_organisation(person: &mut Person) {
    if let Some(role) = person.role.take() {
        let (role, organisation) = roles::split(&role);
        if organisation.is_some() {
            person.organisation = organisation;
        }
        person.role = (!role.is_empty()).then_some(role);
    }
}

/// "We interviewed Sherry to hear …", « notre entrevue avec Jose »: an interview cue before the
/// first name alone of someone the page names in full makes them the interviewee.
pub fn named_by_first_name(text: &str, people: &mut [Person]) {
    let lower = text.to_lowercase();
    for person in people.iter_mut().filter(|p| p.evidence < Evidence::Named) {
        let Some(first) = person
            .name
            .split(' ')
            .find(|w| !is_honorific(w.trim_end_matches('.')))
        else {
            continue;
        };
        let named = INTERVIEW_CUES.iter().any(|cue| {
            roles::cue_matches(text, &lower, cue).any(|(_, rest)| {
                let after = rest.strip_prefix(' ').and_then(|r| r.strip_prefix(first));
                // The first name alone: not the start of a longer word or of another full name.
                after.is_some_and(|r| {
                    !r.starts_with(char::is_alphanumeric)
                        && !r
                            .strip_prefix(' ')
                            .is_some_and(|n| n.starts_with(char::is_uppercase))
                })
            })
        });
        if named {
            person.evidence = Evidence::Named;
        }
    }
}

/// The people who introduce themselves in `text`: "Hi, I'm Carolyn", "My name is Jacob Aronoff",
/// « Je m’appelle Benoît Fournier ». A single word counts only when it is a given name or
/// `known` (a name found elsewhere on the page) starts with it.
pub fn self_introduced(text: &str, known: &[String]) -> Vec<Person> {
    let mut found: Vec<Person> = Vec::new();
    let lower = text.to_lowercase();
    for cue in SELF_CUES {
        for (_, rest) in roles::cue_matches(text, &lower, cue) {
            let rest = rest.trim_start_matches([' ', ',', '\u{a0}']);
            let words: Vec<&str> = rest
                .split(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | '!' | ';' | ':' | '(' | ')'))
                .take_while(|w| !w.is_empty())
                .take(4)
                .collect();
            let mut name: Vec<&str> = Vec::new();
            for w in &words {
                if w.starts_with(char::is_uppercase) || (!name.is_empty() && NAME_PARTICLES.contains(w)) {
                    name.push(w);
                } else {
                    break;
                }
            }
            while name.last().is_some_and(|w| NAME_PARTICLES.contains(w)) {
                name.pop();
            }
            if name.is_empty() || !looks_like_person(&name) {
                continue;
            }
            let first = super::labels::name_key(name[0]);
            let single_ok = is_given_name(name[0])
                || known
                    .iter()
                    .any(|k| super::labels::name_key(k).split(' ').next() == Some(first.as_str()));
            if name.len() == 1 && !single_ok {
                continue;
            }
            // "I'm HoChan Lee, a developer from …": the apposition after one's own name.
            let name_end = rest
                .find(name[name.len() - 1])
                .map_or(0, |i| i + name[name.len() - 1].len());
            let role = rest
                .slice(name_end..)
                .strip_prefix(", ")
                .filter(|r| {
                    ["a ", "an ", "the ", "un ", "une ", "le ", "la "]
                        .iter()
                        .any(|a| r.starts_with(a))
                })
                .map(roles::cut_clause)
                .filter(|r| !r.is_empty() && r.chars().count() <= 160)
                .map(str::to_owned);
            let name = name.join(" ");
            if !found.iter().any(|p| p.name == name) {
                let mut person = Person {
                    name,
                    role,
                    evidence: Evidence::Named,
                    ..Person::default()
                };
                split_organisation(&mut person);
                found.push(person);
            }
        }
    }
    found
}

/// Names a title puts forward as its subject: the whole of a part of the title set off by ":",
/// " - ", " – " or " | " ("Contributor Spotlight - Carolyn Wu"), or a name after an interview cue
/// ("A Q&A with Michael Mulé", « Entretien avec Frédéric Pacotte, … »).
pub fn title_people(title: &str) -> Vec<Person> {
    let mut found: Vec<Person> = Vec::new();
    for mut person in people_in_intro(title) {
        if person.evidence == Evidence::Named {
            found.push(person);
            continue;
        }
        // "Getting Cyber Safe with Sherry Rumbolt": a person the title names by a common given
        // name is its subject.
        let given = person
            .name
            .split(' ')
            .find(|w| !is_honorific(w.trim_end_matches('.')))
            .is_some_and(is_given_name);
        let whole_part = given
            || title
                .split([':', '|', '–', '—'])
                .flat_map(|part| part.split(" - "))
                .map(|part| part.trim_matches(|c: char| c.is_whitespace() || c == '*' || c == '#'))
                .map(|part| part.split(" (").next().unwrap_or(part).trim())
                .any(|part| part == person.name);
        if whole_part {
            person.evidence = Evidence::Named;
            found.push(person);
        }
    }
    found
}

/// Words that end in `s` in the singular.
const NOT_PLURAL: &[&str] = &[
    "press",
    "news",
    "series",
    "sales",
    "arts",
    "affairs",
    "relations",
    "communications",
    "business",
    "campus",
    "analysis",
    "success",
    "status",
    "always",
    "alors",
    "plus",
    "temps",
    "corps",
    "fils",
    "bus",
];

/// Prepositions that end a role's head: "fondateurs | de la brasserie", "editors | at …".
const HEAD_END: &[&str] = &[
    "de", "du", "des", "d’", "à", "au", "aux", "chez", "pour", "en", "of", "at", "for", "in", "on", "with",
];

/// The plural head of a role in singular, when the role is plural: "fondateurs de la brasserie" →
/// "fondateur de la brasserie", "tous deux enseignants" → "enseignant", "press officers" → "press
/// officer". `None` when the role reads as one person's ("press officer").
fn singular_role(role: &str) -> Option<String> {
    let mut role = role;
    let mut plural = false;
    for both in [
        "tous deux ",
        "toutes deux ",
        "tous les deux ",
        "toutes les deux ",
        "both ",
        "all ",
    ] {
        if let Some(rest) = role.strip_prefix(both) {
            role = rest;
            plural = true;
        }
    }
    let words: Vec<&str> = role.split(' ').collect();
    let head_len = words
        .iter()
        .position(|w| HEAD_END.contains(&w.to_lowercase().as_str()) || w.starts_with("d’"))
        .unwrap_or(words.len());
    let is_plural_word = |w: &str| {
        let lower = w.to_lowercase();
        lower.chars().count() >= 4
            && (lower.ends_with('s') || lower.ends_with('x'))
            && !lower.ends_with("ss")
            && !NOT_PLURAL.contains(&lower.as_str())
    };
    plural |= words[..head_len].iter().any(|w| is_plural_word(w));
    if !plural {
        return None;
    }
    let singular: Vec<String> = words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            if i < head_len && w.to_lowercase().ends_with('s') && is_plural_word(w) {
                w.slice(..w.len() - 1).to_owned()
            } else {
                (*w).to_owned()
            }
        })
        .collect();
    Some(singular.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_intro_gives_both_people_with_roles_and_organisation() {
        let intro = "Entretien avec Aziz Oulhiyane, responsable de l’animation des réseaux sociaux, ainsi que Ludovic Amar, responsable stratégie média digitale. Tous deux dans les rangs de la région Occitanie.";
        let people = people_in_intro(intro);
        assert_eq!(people.len(), 2, "{people:?}");
        assert_eq!(people[0].name, "Aziz Oulhiyane");
        assert_eq!(
            people[0].role.as_deref(),
            Some("responsable de l’animation des réseaux sociaux")
        );
        assert_eq!(people[1].name, "Ludovic Amar");
        assert_eq!(
            people[1].role.as_deref(),
            Some("responsable stratégie média digitale")
        );
        assert_eq!(people[0].organisation.as_deref(), Some("Région Occitanie"));
    }

    #[test]
    fn a_title_is_not_a_person_and_a_copula_can_give_the_role() {
        let people = people_in_intro("Interview: Dana Whitfield, Chief Executive, Harbour Arts Trust");
        assert_eq!(people.len(), 1, "{people:?}");
        assert_eq!(people[0].role.as_deref(), Some("Chief Executive"));
        assert_eq!(people[0].organisation.as_deref(), Some("Harbour Arts Trust"));
        let people = people_in_intro(
            "Sophie Marchand est cheffe du service communication de la métropole de Nantes depuis 2019.",
        );
        assert_eq!(
            people[0].role.as_deref(),
            Some("cheffe du service communication de la métropole de Nantes")
        );
        let people = people_in_intro("Sophie Marchand est arrivée à Nantes en 2019.");
        assert_eq!(people[0].role, None);
    }

    #[test]
    fn a_purpose_clause_ends_the_role() {
        let intro = "Our reporter sat down with Priya Natarajan, director of the Eastbrook Public Library, and Tom O'Hara, the library's youth coordinator, to talk about the new opening hours.";
        let people = people_in_intro(intro);
        assert_eq!(people.len(), 2, "{people:?}");
        assert_eq!(people[1].role.as_deref(), Some("youth coordinator"));
        assert_eq!(
            people[1].organisation.as_deref(),
            Some("Eastbrook Public Library")
        );
    }

    #[test]
    fn english_intro() {
        let intro = "We spoke with Maria Lopez, head of digital at the city council, and Tom Becker, its press officer.";
        let people = people_in_intro(intro);
        assert_eq!(people.len(), 2, "{people:?}");
        assert_eq!(
            people[0].role.as_deref(),
            Some("head of digital at the city council")
        );
        assert_eq!(people[1].name, "Tom Becker");
        // "the city council" is not named: whose press officer stays said.
        assert_eq!(people[1].role.as_deref(), Some("its press officer"));
    }

    #[test]
    fn possessives_respectively_and_closing_roles() {
        let people = people_in_intro(
            "Dr. Alice Fenwick, chief nursing officer at Northgate Community Clinic, and Sam Ortiz, the clinic's head of patient services.",
        );
        assert_eq!(people[1].role.as_deref(), Some("head of patient services"));
        assert_eq!(
            people[1].organisation.as_deref(),
            Some("Northgate Community Clinic")
        );
        // No organisation named for it: the role stays as the page says it.
        let people = people_in_intro(
            "Entretien avec Karim Haddad, fondateur, et Julie Teulières, sa première salariée.",
        );
        assert_eq!(people[1].role.as_deref(), Some("sa première salariée"));
        let people = people_in_intro(
            "Anne Martin and Alex Moreau, respectively head archivist and deputy director of the Lakeside Historical Society, talked to us.",
        );
        assert_eq!(people[0].role.as_deref(), Some("head archivist"));
        assert_eq!(people[1].role.as_deref(), Some("deputy director"));
        assert_eq!(
            people[0].organisation.as_deref(),
            Some("Lakeside Historical Society")
        );
        let people = people_in_intro(
            "Claire Dupuis et Marc Roux, respectivement directrice et directeur adjoint de la médiathèque, reviennent sur l’ouverture.",
        );
        assert_eq!(people[0].role.as_deref(), Some("directrice de la médiathèque"));
        assert_eq!(
            people[1].role.as_deref(),
            Some("directeur adjoint de la médiathèque")
        );
    }

    #[test]
    fn particles_and_hyphens_stay_in_the_name() {
        let people = people_in_intro("Rencontre avec Jean-Marc Le Bris, maire de Brest.");
        assert_eq!(people[0].name, "Jean-Marc Le Bris");
        assert_eq!(people[0].role.as_deref(), Some("maire"));
        assert_eq!(people[0].organisation.as_deref(), Some("Brest"));
    }

    #[test]
    fn a_plural_role_after_listed_names_is_shared() {
        let people = people_in_intro(
            "Entretien avec Margaux Pélissier et Théo Vaissière, fondateurs de la brasserie La Mousse Causse.",
        );
        assert_eq!(people.len(), 2);
        for p in &people {
            assert_eq!(
                p.role.as_deref(),
                Some("fondateur de la brasserie La Mousse Causse")
            );
        }
        let people = people_in_intro("Meet Rosa Whitfield and Dev Malhotra, both potters at Kiln.");
        assert_eq!(people[0].role.as_deref(), Some("potter"));
        assert_eq!(people[0].organisation.as_deref(), Some("Kiln"));
        // A singular role after the second name is that person's alone.
        let people = people_in_intro("We spoke with Maria Lopez and Tom Becker, press officer.");
        assert_eq!(people[0].role, None);
        assert_eq!(people[1].role.as_deref(), Some("press officer"));
    }

    #[test]
    fn places_after_an_article_are_not_people() {
        let people = people_in_intro(
            "Entretien avec Charlotte Vidal, cheffe du restaurant La Table du Tarn, et Karim Haddad, fondateur de la recyclerie le Bon Coin du Quercy.",
        );
        let names: Vec<&str> = people.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Charlotte Vidal", "Karim Haddad"]);
        assert_eq!(
            people[0].role.as_deref(),
            Some("cheffe du restaurant La Table du Tarn")
        );
        let people = people_in_intro("Trois questions à Mathilde Rouquette, conservatrice.");
        assert_eq!(people[0].name, "Mathilde Rouquette");
    }

    #[test]
    fn organisations_are_not_people() {
        let people = people_in_intro("Entretien réalisé à la Région Occitanie avec Anne Roux.");
        assert_eq!(people.len(), 1);
        assert_eq!(people[0].name, "Anne Roux");
        assert_eq!(people[0].role, None);
    }
}
