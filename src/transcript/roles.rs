//! Roles as pages state them — the phrase after a name ("X, head of Y"), a copula ("X is a data
//! scientist at Y"), a self-description ("I'm a software engineer") — cut from the clause that
//! follows, and split into the role and the organisation ("developer at the Bureau" → role
//! "developer", organisation "Bureau").

use super::labels::is_space;
use super::names::is_given_name;
use crate::boundary::SafeSlice;

/// Nouns of job titles, in lower case.
const JOB_NOUNS: &[&str] = &[
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
    "cofounder",
    "deputy",
    "chairman",
    "chairwoman",
    "chair",
    "secretary",
    "minister",
    "coordinator",
    "producer",
    "ceo",
    "cto",
    "cio",
    "cfo",
    "coo",
    "vp",
    "head",
    "lead",
    "co-lead",
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
    "engineer",
    "developer",
    "scientist",
    "analyst",
    "programmer",
    "advisor",
    "adviser",
    "consultant",
    "architect",
    "maintainer",
    "contributor",
    "expert",
    "fellow",
    "attorney",
    "lawyer",
    "nurse",
    "doctor",
    "physician",
    "professor",
    "lecturer",
    "student",
    "intern",
    "administrator",
    "technician",
    "assistant",
    "associate",
    "partner",
    "owner",
    "entrepreneur",
    "mentor",
    "member",
    "volunteer",
    "organiser",
    "organizer",
    "host",
    "co-host",
    "presenter",
    "writer",
    "author",
    "artist",
    "photographer",
    "farmer",
    "chef",
    "cook",
    "ranger",
    "officer",
    "clerk",
    "staffer",
    "principal",
    "directeur",
    "directrice",
    "président",
    "présidente",
    "maire",
    "fondateur",
    "fondatrice",
    "cofondateur",
    "cofondatrice",
    "co-fondateur",
    "co-fondatrice",
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
    "géomaticien",
    "géomaticienne",
    "géographe",
    "ingénieur",
    "ingénieure",
    "développeur",
    "développeuse",
    "programmeur",
    "programmeuse",
    "consultant",
    "consultante",
    "gestionnaire",
    "technicien",
    "technicienne",
    "animateur",
    "animatrice",
    "designeuse",
    "designer",
    "architecte",
    "avocat",
    "avocate",
    "médecin",
    "infirmier",
    "infirmière",
    "professeur",
    "professeure",
    "étudiant",
    "étudiante",
    "agriculteur",
    "agricultrice",
    "maraîcher",
    "maraîchère",
    "apiculteur",
    "apicultrice",
    "éducateur",
    "éducatrice",
    "sage-femme",
    "contrôleur",
    "contrôleuse",
    "salarié",
    "salariée",
    "bénévole",
    "membre",
    "stagiaire",
    "doctorant",
    "doctorante",
    "photographe",
    "auteur",
    "autrice",
    "artiste",
    "producteur",
    "productrice",
];

/// Words with a job's ending that are no job.
const NOT_JOBS: &[&str] = &[
    "fan",
    "believer",
    "lover",
    "user",
    "number",
    "other",
    "another",
    "father",
    "mother",
    "brother",
    "sister",
    "daughter",
    "player",
    "beginner",
    "newcomer",
    "former",
    "after",
    "over",
    "under",
    "never",
    "ever",
    "together",
    "whatever",
    "rather",
    "either",
    "neither",
    "better",
    "bigger",
    "letter",
    "matter",
    "heure",
    "leur",
    "meilleur",
    "plusieurs",
    "ailleurs",
    "ensemble",
    "monde",
];

/// Whether `word` is a listed job noun (no guessing from its ending: "Tanner" is a name).
pub fn is_listed_job(word: &str) -> bool {
    JOB_NOUNS.contains(&word.to_lowercase().as_str())
}

/// Whether `word` names a job: listed, or shaped like one (`-er`, `-or`, `-ist`, `-ian`, `-eur`).
pub fn is_job_word(word: &str) -> bool {
    let lower = word
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
        .to_lowercase();
    // "fondateurs", "potters": a plural job is a job.
    if lower.chars().count() > 4 && (lower.ends_with('s') || lower.ends_with('x')) && !lower.ends_with("ss") {
        let singular = lower.slice(..lower.len() - 1);
        if is_job_word(singular) {
            return true;
        }
    }
    if lower.chars().count() < 3 || NOT_JOBS.contains(&lower.as_str()) {
        return lower == "vp" || lower == "ceo";
    }
    JOB_NOUNS.contains(&lower.as_str())
        || lower
            .rsplit('-')
            .next()
            .is_some_and(|last| JOB_NOUNS.contains(&last))
        || (lower.chars().count() >= 6
            && ["er", "or", "ist", "ian", "eur", "ien", "ienne", "iste"]
                .iter()
                .any(|s| lower.ends_with(s)))
}

/// Prepositions that end a role's head: "head | of digital", « responsable | de … ».
const HEAD_END: &[&str] = &[
    "de", "du", "des", "d’", "à", "au", "aux", "chez", "pour", "en", "of", "at", "for", "in", "on", "with",
    "from", "within", "au sein",
];

/// Whether the phrase reads as a job: one of its first words (before a preposition) is a job word.
pub fn is_job_phrase(role: &str) -> bool {
    head_words(role).any(is_job_word)
}

/// The words of a role before its first preposition.
fn head_words(role: &str) -> impl Iterator<Item = &str> {
    role.split(is_space)
        .filter(|w| !w.is_empty())
        .take_while(|w| !HEAD_END.contains(&w.to_lowercase().as_str()) && !w.starts_with("d’"))
        .take(6)
}

/// Words that open a clause after an apposition: the sentence's verb, not more of the role.
const CLAUSE_VERBS: &[&str] = &[
    "présente",
    "explique",
    "répond",
    "revient",
    "raconte",
    "détaille",
    "partage",
    "décrit",
    "témoigne",
    "évoque",
    "parle",
    "livre",
    "nous",
    "a",
    "est",
    "fait",
    "dévoile",
    "revient",
    "analyse",
    "expose",
    "presents",
    "explains",
    "answers",
    "shares",
    "talks",
    "talked",
    "talk",
    "describes",
    "describe",
    "explain",
    "share",
    "discuss",
    "reflect",
    "présentent",
    "expliquent",
    "répondent",
    "reviennent",
    "racontent",
    "partagent",
    "décrivent",
    "témoignent",
    "évoquent",
    "parlent",
    "livrent",
    "font",
    "ont",
    "sont",
    "discusses",
    "tells",
    "reflects",
    "walks",
    "joins",
    "joined",
    "spoke",
    "has",
    "is",
    "was",
    "says",
    "said",
    "gives",
    "offers",
    "recently",
    "about",
    "to",
    "on",
    "who",
    "which",
    "qui",
    "dont",
    "sur",
    "pour",
    "afin",
    "depuis",
    "since",
    "when",
    "lorsque",
    "quand",
    "recorded",
    "interviewed",
    "enregistré",
    "enregistrée",
    "rencontré",
    "rencontrée",
    "interrogé",
    "interrogée",
    "between",
    "entre",
    "le",
    "la",
    "les",
    "the",
    "en",
];

/// Where a role phrase stops: the end of its sentence or the clause that follows it.
pub fn cut_clause(text: &str) -> &str {
    let mut end = text.len();
    let find = |end: usize, pattern: &str| text.slice(..end).find(pattern).unwrap_or(end);
    for stop in [
        ". ",
        ".\n",
        "; ",
        " – ",
        " — ",
        " - ",
        " depuis ",
        " since ",
        " pendant ",
        " il y a ",
        " où ",
        " where ",
        " who ",
        " qui ",
        " which ",
        ", ainsi que ",
        " ainsi que ",
        " aux côtés de ",
        " alongside ",
        "\n",
        ":",
        " to discuss ",
        " to talk ",
        " about ",
    ] {
        end = find(end, stop);
    }
    // ", explique le projet", ", who …": a comma then a verb ends the apposition.
    let mut at = 0;
    while let Some(i) = text.slice(at..end).find(", ") {
        let comma = at + i;
        let next = text.slice(comma + 2..end).split(is_space).next().unwrap_or("");
        if CLAUSE_VERBS.contains(&next.to_lowercase().as_str()) || next.chars().all(|c| c.is_ascii_digit()) {
            end = comma;
            break;
        }
        at = comma + 2;
    }
    // "and"/"et" joins two jobs ("founder and CEO") but also starts another clause or person.
    for joiner in [", and ", " and ", ", et ", " et ", " & "] {
        let mut from = 0;
        while let Some(i) = text.slice(from..end).find(joiner) {
            let at = from + i;
            let next: Vec<&str> = text
                .slice(at + joiner.len()..end)
                .split(is_space)
                .take(4)
                .collect();
            let words: &[&str] = match next.as_slice() {
                [article, rest @ ..] if ["a", "an", "the", "un", "une", "le", "la"].contains(article) => rest,
                all => all,
            };
            let word = words.first().copied().unwrap_or("");
            let before_capital = text
                .slice(..at)
                .split(is_space)
                .next_back()
                .is_some_and(|w| w.starts_with(char::is_uppercase));
            // "Children and Families" goes on naming an organisation; "and Vivian Vasquez is"
            // names the next person.
            let next_person =
                is_given_name(word) && words.get(1).is_some_and(|w| w.starts_with(char::is_uppercase));
            let joins_jobs = words.iter().take(3).any(|w| is_job_word(w))
                || (word.starts_with(char::is_uppercase) && before_capital && !next_person)
                || (joiner == " & " && word.starts_with(char::is_uppercase));
            if joins_jobs {
                from = at + joiner.len();
                continue;
            }
            end = at;
            break;
        }
    }
    // "for a little over one year", "for 10 years": how long, not what.
    for time in [
        " for a ",
        " for an ",
        " for over ",
        " for about ",
        " for more ",
        " for nearly ",
        " for almost ",
        " for the past ",
        " for the last ",
    ] {
        end = find(end, time);
    }
    if let Some(i) = text.slice(..end).find(" for ") {
        if text.slice(i + 5..).starts_with(|c: char| c.is_ascii_digit()) {
            end = i;
        }
    }
    // "a developer from South Korea": where they come from is not the job.
    if let Some(i) = text.slice(..end).find(" from ") {
        if text.slice(i + 6..).starts_with(char::is_uppercase) {
            end = i;
        }
    }
    text.slice(..end)
        .trim_matches(|c: char| is_space(c) || matches!(c, ',' | '.' | ';' | ':'))
}

/// Leading articles and possessives a credit does not need: "a", "the", « un », « le ».
pub fn drop_article(role: &str) -> &str {
    for article in ["a ", "an ", "the ", "un ", "une "] {
        if let Some(rest) = role.strip_prefix(article) {
            return rest;
        }
    }
    for article in ["le ", "la ", "l’", "l'"] {
        if let Some(rest) = role.strip_prefix(article) {
            if rest.split(is_space).next().is_some_and(is_job_word) {
                return rest;
            }
        }
    }
    role
}

/// A role phrase as stated, split into the role and the organisation it names, if it names one
/// with a capital: "front-end web developer at the Consumer Financial Protection Bureau (CFPB)" →
/// ("front-end web developer", "Consumer Financial Protection Bureau (CFPB)").
pub fn split(role: &str) -> (String, Option<String>) {
    let role = drop_article(role.trim());
    const AT: &[&str] = &[
        ", of the ",
        ", of ",
        " at the ",
        " at ",
        " chez ",
        " au sein de la ",
        " au sein de l’",
        " au sein de l'",
        " au sein du ",
        " au sein des ",
        " au sein de ",
        " with the ",
        " of the ",
        " of ",
        " pour la ",
        " pour le ",
        " pour l’",
        " pour ",
        " du ",
        " de la ",
        " de l’",
        " de l'",
        " des ",
        " de ",
        " à la ",
        " à l’",
        " à l'",
        " au ",
        ", ",
    ];
    let mut best: Option<(usize, usize)> = None;
    for sep in AT {
        let mut from = 0;
        while let Some(i) = role.slice(from..).find(sep) {
            let at = from + i;
            let org = role.slice(at + sep.len()..);
            let capital = org.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
            // « chargé de mission », "head of digital": lower-case words stay in the role; so
            // does a name the role already holds (« cheffe du restaurant La Table du Tarn »).
            // « de », "of": only right after the job itself ("géomaticien du Service …", not
            // « la métropole de Nantes »).
            let weak = matches!(
                sep.trim(),
                "of the" | "of" | "du" | "de la" | "de l’" | "de l'" | "des" | "de"
            );
            let after_job = role
                .slice(..at)
                .split(is_space)
                .next_back()
                .is_some_and(|w| is_job_word(w) || w.starts_with(char::is_uppercase));
            if capital
                && (!weak || after_job)
                && is_job_phrase(role.slice(..at))
                && !names_a_place(role.slice(..at))
                && best.is_none_or(|(b, _)| at < b)
            {
                best = Some((at, at + sep.len()));
            }
            from = at + sep.len();
        }
    }
    match best {
        Some((at, org_start)) => {
            let mut org = role.slice(org_start..);
            // « maire de Saint-Antonin, réélu en 2020 »: the organisation ends before a remark.
            if let Some(i) = org.find(", ") {
                if org.slice(i + 2..).starts_with(char::is_lowercase) {
                    org = org.slice(..i);
                }
            }
            let org = org.trim_matches(|c: char| is_space(c) || matches!(c, ',' | '.'));
            let head = role.slice(..at).trim_matches(|c: char| is_space(c) || c == ',');
            (head.to_owned(), (!org.is_empty()).then(|| org.to_owned()))
        }
        None => (role.to_owned(), None),
    }
}

/// Whether a role's words already name something: a capitalised word after a lower-case word
/// that is not a job ("restaurant La Table").
fn names_a_place(role: &str) -> bool {
    let words: Vec<&str> = role.split(is_space).filter(|w| !w.is_empty()).collect();
    words.windows(2).any(|pair| {
        pair[0].starts_with(char::is_lowercase)
            && !["et", "and", "&"].contains(&pair[0])
            && pair[1].starts_with(char::is_uppercase)
            && !is_job_word(pair[1])
    })
}

/// A first-person description of one's job: "I'm a software engineer", "I am senior principal
/// engineer for … at Equinix", "working as a Senior Full Stack Engineer at …", "I joined … as an
/// invited expert …", « je suis chargé de … », « je travaille comme … ».
pub fn self_described(text: &str) -> Option<String> {
    const CUES: &[&str] = &[
        "i am a ",
        "i am an ",
        "i'm a ",
        "i’m a ",
        "i'm an ",
        "i’m an ",
        "i am the ",
        "i'm the ",
        "i’m the ",
        "i am ",
        "i'm ",
        "i’m ",
        "working as a ",
        "working as an ",
        "work as a ",
        "work as an ",
        "worked as a ",
        "as an ",
        "as a ",
        "je suis ",
        "je travaille comme ",
        "je travaille en tant que ",
        "en tant que ",
    ];
    let lower = text.to_lowercase();
    // A career told in order names past jobs too: a role said to be current wins, one said to be
    // past loses, else the first.
    let tense = |at: usize| -> u8 {
        let start = lower.slice(..at).rfind(". ").map_or(0, |i| i + 2);
        let end = lower.slice(at..).find(". ").map_or(lower.len(), |i| at + i);
        let sentence = lower.slice(start..end);
        let has = |cues: &[&str]| {
            cues.iter().any(|c| {
                sentence
                    .split(|ch: char| !ch.is_alphanumeric() && ch != '’' && ch != '\'')
                    .any(|w| w == *c)
            })
        };
        if has(&[
            "now",
            "currently",
            "today",
            "actuellement",
            "aujourd’hui",
            "désormais",
            "maintenant",
        ]) {
            0
        } else if has(&[
            "was",
            "worked",
            "previously",
            "before",
            "back",
            "former",
            "formerly",
            "ancien",
            "ancienne",
            "été",
            "étais",
            "avant",
            "auparavant",
        ]) {
            2
        } else {
            1
        }
    };
    let mut found: Option<(u8, usize, usize)> = None;
    for cue in CUES {
        for (at, rest) in cue_matches(text, &lower, cue) {
            let phrase = cut_clause(rest);
            // Without an article ("I'm Tanner", « je suis Benoît »), only a listed job is a role.
            let with_article = cue.ends_with("a ") || cue.ends_with("an ") || cue.ends_with("the ");
            let is_role = if with_article {
                is_job_phrase(drop_article(phrase))
            } else {
                head_words(drop_article(phrase)).any(is_listed_job)
            };
            if !phrase.is_empty() && phrase.chars().count() <= 120 && is_role {
                let rank = tense(at);
                if found.is_none_or(|(r, f, _)| (rank, at) < (r, f)) {
                    found = Some((rank, at, at + cue.len()));
                }
            }
        }
    }
    let (_, _, start) = found?;
    let phrase = cut_clause(text.get(start..)?);
    Some(drop_article(phrase).to_owned())
}

/// Each place where `cue` starts a word of `lower` (the lowercased `text`), with the text of
/// `text` that follows it. The offsets are the lowercased copy's; where lowercasing changed a
/// length, a place that falls inside a character of `text` is passed over.
pub(super) fn cue_matches<'t>(
    text: &'t str,
    lower: &'t str,
    cue: &'t str,
) -> impl Iterator<Item = (usize, &'t str)> + 't {
    let mut from = 0;
    std::iter::from_fn(move || {
        while let Some(i) = lower.slice(from..).find(cue) {
            let at = from + i;
            from = at + cue.len();
            let starts_word = !lower
                .slice(..at)
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
            if let (true, Some(rest)) = (starts_word, text.get(at + cue.len()..)) {
                return Some((at, rest));
            }
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_and_organisation() {
        assert_eq!(
            split("a front-end web developer at the Consumer Financial Protection Bureau (CFPB)"),
            (
                "front-end web developer".into(),
                Some("Consumer Financial Protection Bureau (CFPB)".into())
            )
        );
        assert_eq!(
            split("Chief nursing officer at Northgate Community Clinic"),
            (
                "Chief nursing officer".into(),
                Some("Northgate Community Clinic".into())
            )
        );
        assert_eq!(
            split("the clinic's head of patient services").0,
            "clinic's head of patient services"
        );
        assert_eq!(
            split("owner of Spoke & Chain").1.as_deref(),
            Some("Spoke & Chain")
        );
        assert_eq!(split("responsable de l’animation des réseaux sociaux").1, None);
        assert_eq!(
            split("géomaticien du Service Départemental d’Incendie"),
            (
                "géomaticien".into(),
                Some("Service Départemental d’Incendie".into())
            )
        );
    }

    #[test]
    fn clauses_end_roles() {
        assert_eq!(
            cut_clause("chargé d’études, géographe de formation, présente cette approche."),
            "chargé d’études, géographe de formation"
        );
        assert_eq!(
            cut_clause("founder and CEO at Chrp. How are you?"),
            "founder and CEO at Chrp"
        );
        assert_eq!(
            cut_clause("software engineer and I've been working"),
            "software engineer"
        );
        assert_eq!(
            cut_clause("a developer from South Korea and a member"),
            "a developer"
        );
        assert_eq!(
            cut_clause("owner of Spoke & Chain, about the shop"),
            "owner of Spoke & Chain"
        );
    }

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
}
