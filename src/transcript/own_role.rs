//! The role people give themselves in their own words ("I'm now working … as a Technical Marketer",
//! "I'm leading research for …", « j’occupe le poste de … »), the current one before a past one.

use super::roles::{
    cue_matches, cut_clause, cut_object, drop_article, head_words, is_job_phrase, is_listed_job,
};
use crate::boundary::SafeSlice;

/// How a cue introduces what follows it.
#[derive(Clone, Copy, PartialEq)]
enum Cue {
    /// An article follows: any job-shaped phrase is a role ("I'm a potter").
    Article,
    /// No article: only a listed job is a role ("I'm Tanner" is not).
    Bare,
    /// The cue itself says a role follows (« j’occupe le poste de … »).
    Post,
    /// What one leads, in the third person: "I lead the data team" → "leads the data team".
    Leads(&'static str),
}

const CUES: &[(&str, Cue)] = &[
    ("i am a ", Cue::Article),
    ("i am an ", Cue::Article),
    ("i'm a ", Cue::Article),
    ("i’m a ", Cue::Article),
    ("i'm an ", Cue::Article),
    ("i’m an ", Cue::Article),
    ("i am the ", Cue::Article),
    ("i'm the ", Cue::Article),
    ("i’m the ", Cue::Article),
    ("i am ", Cue::Bare),
    ("i'm ", Cue::Bare),
    ("i’m ", Cue::Bare),
    ("working as a ", Cue::Article),
    ("working as an ", Cue::Article),
    ("work as a ", Cue::Article),
    ("work as an ", Cue::Article),
    ("worked as a ", Cue::Article),
    ("as an ", Cue::Article),
    ("as a ", Cue::Article),
    ("i serve as ", Cue::Bare),
    ("je suis ", Cue::Bare),
    ("je travaille comme ", Cue::Bare),
    ("je travaille en tant que ", Cue::Bare),
    ("en tant que ", Cue::Bare),
    ("en tant qu’", Cue::Bare),
    ("en tant qu'", Cue::Bare),
    ("j’occupe le poste de ", Cue::Post),
    ("j'occupe le poste de ", Cue::Post),
    ("j’occupe le poste d’", Cue::Post),
    ("j'occupe le poste d'", Cue::Post),
    ("j’occupe la fonction de ", Cue::Post),
    ("j'occupe la fonction de ", Cue::Post),
    ("j’occupe les fonctions de ", Cue::Post),
    ("j'occupe les fonctions de ", Cue::Post),
    ("my role as ", Cue::Bare),
    ("my title is ", Cue::Post),
    ("my job title is ", Cue::Post),
    ("i'm leading ", Cue::Leads("leads ")),
    ("i’m leading ", Cue::Leads("leads ")),
    ("i am leading ", Cue::Leads("leads ")),
    ("i lead ", Cue::Leads("leads ")),
    ("i'm heading ", Cue::Leads("heads ")),
    ("i’m heading ", Cue::Leads("heads ")),
    ("i direct ", Cue::Leads("directs ")),
    ("i coordinate ", Cue::Leads("coordinates ")),
    ("i'm in charge of ", Cue::Leads("in charge of ")),
    ("i’m in charge of ", Cue::Leads("in charge of ")),
    ("i am in charge of ", Cue::Leads("in charge of ")),
    ("je dirige ", Cue::Leads("dirige ")),
    ("je pilote ", Cue::Leads("pilote ")),
    ("je coordonne ", Cue::Leads("coordonne ")),
    ("je suis en charge de ", Cue::Leads("en charge de ")),
    ("je suis en charge du ", Cue::Leads("en charge du ")),
    ("je suis en charge des ", Cue::Leads("en charge des ")),
];

/// What a led thing cannot start with: "I lead by example", "I lead with empathy".
const NOT_LED: &[&str] = &[
    "by", "with", "to", "up", "out", "on", "off", "into", "back", "me", "myself", "it", "them", "you", "us",
    "people", "à", "avec", "par",
];

/// Words that place a role in the past: "I started my career as a student", « j’étais ».
const PAST: &[&str] = &[
    "started",
    "start",
    "began",
    "begun",
    "was",
    "were",
    "worked",
    "used to",
    "previously",
    "formerly",
    "former",
    "before",
    "earlier",
    "back then",
    "at the time",
    "first job",
    "graduated",
    "after",
    "commencé",
    "débuté",
    "étais",
    "était",
    "ai été",
    "avais",
    "auparavant",
    "avant",
    "à l’époque",
    "à l'époque",
    "ai travaillé",
    "ancien",
    "ancienne",
];

/// Words that place it in the present: "I'm now working … as", « je suis actuellement ».
const CURRENT: &[&str] = &[
    "now",
    "currently",
    "today",
    "these days",
    "at the moment",
    "at present",
    "actuellement",
    "maintenant",
    "désormais",
    "aujourd’hui",
    "aujourd'hui",
    "en ce moment",
];

/// A first-person description of one's job: "I'm a software engineer", "I am senior principal
/// engineer for … at Equinix", "working as a Senior Full Stack Engineer at …", « je suis chargé de
/// … », « je travaille comme … », "I'm leading research for …". A role the sentence puts in the
/// present wins over one it puts in the past; otherwise the first one stated.
pub fn self_described(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    // (tense, position, role): the highest tense, then the earliest.
    let mut best: Option<(u8, usize, String)> = None;
    for &(cue, kind) in CUES {
        for (at, rest) in cue_matches(text, &lower, cue) {
            // A role is short: reading further is wasted work on a long answer.
            let Some(role) = described(kind, rest.slice(..400)) else {
                continue;
            };
            let tense = tense(&lower, at, &role);
            if best
                .as_ref()
                .is_none_or(|(t, a, _)| tense > *t || (tense == *t && at < *a))
            {
                best = Some((tense, at, role));
            }
        }
    }
    best.map(|(_, _, role)| role)
}

/// The role `rest` states after a cue of this kind, if it is one.
fn described(kind: Cue, rest: &str) -> Option<String> {
    if let Cue::Leads(verb) = kind {
        let object = cut_object(rest);
        let first = object.split(' ').next().unwrap_or("").to_lowercase();
        let ok = !object.is_empty()
            && object.chars().count() <= 120
            && !NOT_LED.contains(&first.as_str())
            && object.split(' ').count() >= 2;
        return ok.then(|| format!("{verb}{object}"));
    }
    let phrase = cut_clause(rest);
    let role = drop_article(phrase);
    let is_role = match kind {
        Cue::Article => is_job_phrase(role),
        Cue::Bare => head_words(role).any(is_listed_job),
        Cue::Post => !role.is_empty(),
        Cue::Leads(_) => false,
    };
    (!role.is_empty() && phrase.chars().count() <= 120 && is_role).then(|| role.to_owned())
}

/// 0 for a role the sentence puts in the past, 1 otherwise: "I started as a student …, I'm now
/// a designer" reads the marker nearest the cue. A present role does not outrank the first one
/// stated: people list several current jobs.
fn tense(lower: &str, at: usize, role: &str) -> u8 {
    let role = role.to_lowercase();
    if ["former ", "ex-", "ancien ", "ancienne "]
        .iter()
        .any(|p| role.starts_with(p))
    {
        return 0;
    }
    let window = lower.slice(at.saturating_sub(240)..at);
    let start = [". ", "! ", "? ", "; ", "\n"]
        .iter()
        .filter_map(|s| window.rfind(s).map(|i| i + s.len()))
        .max()
        .unwrap_or(0);
    let sentence = window.slice(start..);
    let last = |markers: &[&str]| {
        markers
            .iter()
            .filter_map(|m| {
                sentence
                    .match_indices(*m)
                    .map(|(i, _)| i)
                    .filter(|&i| {
                        let before = sentence.slice(..i).chars().next_back();
                        let after = sentence.slice(i + m.len()..).chars().next();
                        !before.is_some_and(char::is_alphanumeric)
                            && !after.is_some_and(char::is_alphanumeric)
                    })
                    .last()
            })
            .max()
    };
    match (last(PAST), last(CURRENT)) {
        (Some(p), Some(c)) if p > c => 0,
        (Some(_), None) => 0,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn self_descriptions() {
        assert_eq!(
            self_described(
                "Hi, I’m Tanner. I’ve been working as a Software Engineer for a little over one year."
            )
            .as_deref(),
            Some("Software Engineer")
        );
        assert_eq!(
            self_described("I'm Tyler Yahn. I am a maintainer for the OpenTelemetry Go SIG.").as_deref(),
            Some("maintainer for the OpenTelemetry Go SIG")
        );
        assert_eq!(self_described("I'm a huge fan of your show."), None);
        assert_eq!(
            self_described("Je suis chargée de mission à la mairie.").as_deref(),
            Some("chargée de mission à la mairie")
        );
    }

    #[test]
    fn the_current_role_beats_a_past_one() {
        let text = "I started out as a porter at the old infirmary, pushing beds. I then left. \
                    Today I'm working for the outpatient team as a Patient Experience Manager – and I love it.";
        assert_eq!(
            self_described(text).as_deref(),
            Some("Patient Experience Manager")
        );
        assert_eq!(
            self_described(
                "J’ai commencé comme stagiaire à la mairie. Je travaille désormais au service \
                 en tant que responsable des espaces verts, mais je jardine encore."
            )
            .as_deref(),
            Some("responsable des espaces verts")
        );
        assert_eq!(
            self_described(
                "I was a nurse for years. I am a chief nursing officer at Northgate Community Clinic."
            )
            .as_deref(),
            Some("chief nursing officer at Northgate Community Clinic")
        );
    }

    #[test]
    fn what_one_leads_is_a_role() {
        assert_eq!(
            self_described(
                "I’m Ada Moreau, and I’m leading research and design for Kestrel. Before that, I taught."
            )
            .as_deref(),
            Some("leads research and design for Kestrel")
        );
        assert_eq!(
            self_described("Je dirige le service des archives depuis 2019.").as_deref(),
            Some("dirige le service des archives")
        );
        assert_eq!(self_described("I lead by example."), None);
    }

    #[test]
    fn french_posts_and_time_phrases() {
        assert_eq!(
            self_described("J’occupe le poste de cheffe de projet numérique chez Trame depuis 2021.")
                .as_deref(),
            Some("cheffe de projet numérique chez Trame")
        );
        assert_eq!(
            self_described("Je suis actuellement responsable de la médiation au sein de la Régie.")
                .as_deref(),
            Some("responsable de la médiation au sein de la Régie")
        );
        assert_eq!(
            self_described("Sam joined the project as a maintainer in July 2024.").as_deref(),
            Some("maintainer")
        );
        assert_eq!(
            self_described("My role as a Senior Security Advisor is to help teams.").as_deref(),
            Some("Senior Security Advisor")
        );
    }
}
