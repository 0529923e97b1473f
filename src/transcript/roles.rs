//! Roles as pages state them — the phrase after a name ("X, head of Y"), a copula ("X is a data
//! scientist at Y"), a self-description ("I'm a software engineer") — cut from the clause that
//! follows, and split into the role and the organisation ("developer at the Bureau" → role
//! "developer", organisation "Bureau").

use super::labels::is_space;
use super::names::is_given_name;
use crate::boundary::SafeSlice;

pub use super::own_role::self_described;

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

/// How a role that is what one leads starts: "leads GSA’s API strategy", « dirige le service ».
const LEADS: &[&str] = &[
    "leads ",
    "led ",
    "heads ",
    "headed ",
    "runs ",
    "ran ",
    "directs ",
    "directed ",
    "coordinates ",
    "coordinated ",
    "chairs ",
    "chaired ",
    "in charge of ",
    "dirige ",
    "a dirigé ",
    "pilote ",
    "a piloté ",
    "coordonne ",
    "a coordonné ",
    "préside ",
    "a présidé ",
    "anime ",
    "a animé ",
    "en charge ",
];

/// Whether the phrase reads as a job: one of its first words (before a preposition) is a job word,
/// or it says what one leads.
pub fn is_job_phrase(role: &str) -> bool {
    head_words(role).any(is_job_word) || LEADS.iter().any(|l| role.starts_with(l))
}

/// The words of a role before its first preposition.
pub(super) fn head_words(role: &str) -> impl Iterator<Item = &str> {
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
    "but",
    "mais",
    "so",
    "donc",
    "car",
    "because",
    "parce",
    "i",
    "i'm",
    "i’m",
    "je",
    "j’ai",
    "j'ai",
    "we",
    "he",
    "she",
    "they",
    "il",
    "elle",
    "ils",
    "elles",
];

/// Months, whose mention after a role says when, not what ("maintainer in July 2024").
const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// Where a date or a year starts after one of `words` ("in July 2024", « en 2019 », "from 2019").
fn time_phrase(text: &str, end: usize) -> usize {
    let mut end = end;
    for word in [
        " in ",
        " en ",
        " from ",
        " until ",
        " till ",
        " through ",
        " jusqu’en ",
        " jusqu'en ",
    ] {
        let mut from = 0;
        while let Some(i) = text.slice(from..end).find(word) {
            let at = from + i;
            let next = text.slice(at + word.len()..).split(is_space).next().unwrap_or("");
            let next = next.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
            let year = next.len() == 4 && next.chars().all(|c| c.is_ascii_digit());
            if year
                || MONTHS.contains(&next.as_str())
                || (next == "the" && is_year_word(text, at + word.len()))
            {
                end = at;
                break;
            }
            from = at + word.len();
        }
    }
    end
}

/// "the summer of 2019", "the spring": the season or year after "in the".
fn is_year_word(text: &str, at: usize) -> bool {
    let word = text
        .slice(at..)
        .split(is_space)
        .nth(1)
        .unwrap_or("")
        .to_lowercase();
    [
        "summer", "spring", "autumn", "fall", "winter", "past", "early", "late", "year", "end",
    ]
    .contains(&word.as_str())
}

/// Where the thing one leads stops: "research and architecture for ShowMax. Before …" keeps
/// its "and", which joins what is led, not two jobs.
pub fn cut_object(text: &str) -> &str {
    cut(text, false)
}

/// Where a role phrase stops: the end of its sentence or the clause that follows it.
pub fn cut_clause(text: &str) -> &str {
    cut(text, true)
}

/// What follows "and" in a compound role, from its job: "one of the founding members" → "founding
/// members", « l’une des fondatrices » → "fondatrices".
fn after_one_of<'a>(words: &'a [&'a str]) -> &'a [&'a str] {
    match words {
        [one, of, the, rest @ ..]
            if ["one", "some"].contains(&one.to_lowercase().as_str())
                && *of == "of"
                && ["the", "its", "their", "our"].contains(the) =>
        {
            rest
        }
        [one, des, rest @ ..]
            if ["l’un", "l’une", "l'un", "l'une", "un", "une"].contains(&one.to_lowercase().as_str())
                && ["des", "de"].contains(des) =>
        {
            rest
        }
        all => all,
    }
}

fn cut(text: &str, joins: bool) -> &str {
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
        " is ",
        " are ",
        " was ",
        " were ",
        " est ",
        " était ",
        " sont ",
        " until ",
        " jusqu’",
        " jusqu'",
    ] {
        end = find(end, stop);
    }
    end = time_phrase(text, end);
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
    let joiners: &[&str] = if joins {
        &[", and ", " and ", ", et ", " et ", " & "]
    } else {
        &[]
    };
    for &joiner in joiners {
        let mut from = 0;
        while let Some(i) = text.slice(from..end).find(joiner) {
            let at = from + i;
            let next: Vec<&str> = text
                .slice(at + joiner.len()..end)
                .split(is_space)
                .take(7)
                .collect();
            let words: &[&str] = match after_one_of(&next) {
                [article, rest @ ..] if ["a", "an", "the", "un", "une", "le", "la"].contains(article) => rest,
                all => all,
            };
            let words = after_one_of(words);
            let word = words.first().copied().unwrap_or("");
            // "and I'm a contributor", « et je suis »: a new clause, whatever job it names.
            let pronoun = next.first().is_some_and(|w| {
                let w = w.to_lowercase();
                [
                    "i", "i'm", "i’m", "i've", "i’ve", "we", "he", "she", "they", "je", "j’ai", "j'ai", "il",
                    "elle", "nous",
                ]
                .contains(&w.as_str())
            });
            if pronoun {
                end = at;
                break;
            }
            let before_capital = text
                .slice(..at)
                .split(is_space)
                .next_back()
                .is_some_and(|w| w.starts_with(char::is_uppercase));
            // "Children and Families" goes on naming an organisation; "and Vivian Vasquez is"
            // names the next person.
            // An acronym ("SIG Testing") is no given name, whatever it spells.
            let acronym = word.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && word.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
            let next_person = is_given_name(word)
                && !acronym
                && words.get(1).is_some_and(|w| w.starts_with(char::is_uppercase));
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
    // "currently a postdoctoral fellow", « actuellement responsable »: when is not what.
    let mut role = role;
    for adverb in [
        "currently ",
        "now ",
        "also ",
        "today ",
        "actuellement ",
        "maintenant ",
        "désormais ",
        "aujourd’hui ",
        "aujourd'hui ",
        "aussi ",
        "également ",
    ] {
        if let Some(rest) = role.strip_prefix(adverb) {
            role = rest;
        }
    }
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
    let role = current(drop_article(role.trim()));
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
            // "at Google and a chair of SIG Testing": a second job after the organisation is
            // more of the role.
            let mut second = None;
            if let Some((i, joiner, job)) = second_job(org) {
                second = Some((joiner, job));
                org = org.slice(..i);
            }
            let org = org.trim_matches(|c: char| is_space(c) || matches!(c, ',' | '.'));
            let head = role.slice(..at).trim_matches(|c: char| is_space(c) || c == ',');
            let head = match second {
                Some((joiner, job)) => format!("{head}{joiner}{job}"),
                None => head.to_owned(),
            };
            (head, (!org.is_empty()).then(|| org.to_owned()))
        }
        None => (role.to_owned(), None),
    }
}

/// A second job joined to an organisation's name: "Google and a chair of SIG Testing" →
/// (where "and" starts, " and ", "chair of SIG Testing"). Only a listed job counts, so "Health
/// and Human Services" stays whole.
fn second_job(org: &str) -> Option<(usize, &'static str, &str)> {
    [
        (", and ", " and "),
        (" and ", " and "),
        (", et ", " et "),
        (" et ", " et "),
    ]
    .iter()
    .filter_map(|&(joiner, shown)| {
        org.match_indices(joiner).find_map(|(at, _)| {
            let rest = org.slice(at + joiner.len()..);
            let job = after_one_of_text(rest);
            let listed =
                head_words(job).any(|w| is_listed_job(w) || w.strip_suffix('s').is_some_and(is_listed_job));
            // An article or "one of the" before it says a new noun phrase starts.
            let introduced = job.len() < rest.len();
            (listed || (introduced && is_job_phrase(job))).then(|| (at, shown, drop_article(rest)))
        })
    })
    .min_by_key(|&(at, _, _)| at)
}

/// `text` past a leading "one of the" / « l’un des ».
fn after_one_of_text(text: &str) -> &str {
    let words: Vec<&str> = text.split(is_space).filter(|w| !w.is_empty()).collect();
    let skipped = words.len() - after_one_of(&words).len();
    if skipped == 0 {
        return drop_article(text);
    }
    text.split(is_space)
        .filter(|w| !w.is_empty())
        .nth(skipped)
        .and_then(|w| text.find(w).map(|i| text.slice(i..)))
        .unwrap_or(text)
}

/// The current role of "former head of X, now director of Y" / « ancien directeur, aujourd’hui
/// président de … »; a former role alone stays as stated.
fn current(role: &str) -> &str {
    let lower = role.to_lowercase();
    if !["former ", "ex-", "ancien ", "ancienne "]
        .iter()
        .any(|p| lower.starts_with(p))
        || lower.len() != role.len()
    {
        return role;
    }
    for marker in [
        ", now ",
        " and now ",
        " now ",
        " and current ",
        ", currently ",
        ", aujourd’hui ",
        ", aujourd'hui ",
        ", désormais ",
        ", actuellement ",
        " et actuel ",
        " et actuelle ",
        " devenu ",
        " devenue ",
    ] {
        if let Some(i) = lower.find(marker) {
            return drop_article(role.slice(i + marker.len()..));
        }
    }
    role
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

/// Passive verbs that present who leads something, with the active forms a credit uses: present
/// and past.
const LED_BY: &[(&str, &str, &str)] = &[
    ("led by", "leads", "led"),
    ("headed by", "heads", "headed"),
    ("run by", "runs", "ran"),
    ("directed by", "directs", "directed"),
    ("coordinated by", "coordinates", "coordinated"),
    ("chaired by", "chairs", "chaired"),
    ("managed by", "manages", "managed"),
    ("dirigé par", "dirige", "a dirigé"),
    ("dirigée par", "dirige", "a dirigé"),
    ("dirigés par", "dirige", "a dirigé"),
    ("piloté par", "pilote", "a piloté"),
    ("pilotée par", "pilote", "a piloté"),
    ("coordonné par", "coordonne", "a coordonné"),
    ("coordonnée par", "coordonne", "a coordonné"),
    ("présidé par", "préside", "a présidé"),
    ("présidée par", "préside", "a présidé"),
    ("animé par", "anime", "a animé"),
    ("animée par", "anime", "a animé"),
];

/// Auxiliaries of a passive, present or past: "The team was led by X", « L’équipe est dirigée par X ».
const PASSIVE: &[(&str, bool)] = &[
    (" is ", false),
    (" are ", false),
    (" has been ", false),
    (" have been ", false),
    (" is being ", false),
    (" was ", true),
    (" were ", true),
    (" had been ", true),
    (" est ", false),
    (" sont ", false),
    (" a été ", true),
    (" ont été ", true),
    (" était ", true),
    (" étaient ", true),
    (" fut ", true),
];

/// The role a passive sentence gives the person named right after it: "The release team for
/// that version was led by X from VMware" → "led the release team for that version at VMware";
/// « Le projet est piloté par X » → « pilote le projet ». `before` is the text up to the name,
/// `after` the text after it.
pub fn led_by(before: &str, after: &str) -> Option<String> {
    let before = before.trim_end_matches(is_space);
    let lower = before.to_lowercase();
    let &(passive, present, past) = LED_BY.iter().find(|(p, _, _)| {
        lower.ends_with(p)
            && !lower
                .slice(..lower.len() - p.len())
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
    })?;
    let clause = before.slice(..before.len() - passive.len());
    let clause_lower = lower.slice(..lower.len() - passive.len());
    let (aux_at, _, is_past) = PASSIVE
        .iter()
        .filter(|(aux, _)| clause_lower.ends_with(aux))
        .map(|&(aux, is_past)| (clause_lower.len() - aux.len(), aux.len(), is_past))
        .max_by_key(|&(_, len, _)| len)?;
    let subject_text = clause.slice(..aux_at);
    // The subject starts the sentence or follows a comma: "In 2021, the release team was led by".
    let start = [". ", "! ", "? ", "; ", ", ", "\n", ": "]
        .iter()
        .filter_map(|s| subject_text.rfind(s).map(|i| i + s.len()))
        .max()
        .unwrap_or(0);
    let subject = subject_text
        .slice(start..)
        .trim_matches(|c: char| is_space(c) || matches!(c, '*' | '_' | '#'));
    let words = subject.split(is_space).filter(|w| !w.is_empty()).count();
    if subject.is_empty() || words > 10 || subject.chars().count() > 90 {
        return None;
    }
    // "The release team" → "the release team": a credit reads on from the verb.
    let mut chars = subject.chars();
    let first = chars.next()?;
    let second_is_lower = chars.next().is_some_and(char::is_lowercase);
    let subject = if second_is_lower && first.is_uppercase() {
        format!("{}{}", first.to_lowercase(), subject.slice(first.len_utf8()..))
    } else {
        subject.to_owned()
    };
    let verb = if is_past { past } else { present };
    let mut role = format!("{verb} {subject}");
    // "X from VMware", "X at Intel", « X, de la SNCF »: their organisation.
    let after = after.trim_start_matches(is_space);
    for (cue, shown) in [
        ("from ", " at "),
        ("at ", " at "),
        ("of ", " at "),
        ("chez ", " chez "),
        ("de l’", " à l’"),
        ("de la ", " à la "),
        ("du ", " au "),
    ] {
        if let Some(rest) = after.strip_prefix(cue) {
            let org = rest
                .split(['.', ',', ';', '\n', '(', ':'])
                .next()
                .unwrap_or("")
                .trim_matches(is_space);
            let capitals = org.split(is_space).all(|w| {
                w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                    || ["of", "for", "and", "&", "de", "du", "des"].contains(&w)
            });
            if !org.is_empty() && org.split(is_space).count() <= 6 && capitals {
                role.push_str(shown);
                role.push_str(org);
            }
            break;
        }
    }
    Some(role)
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
    fn a_second_job_after_the_organisation_stays_in_the_role() {
        assert_eq!(
            split("a senior nurse at Northgate Community Clinic and a chair of the ethics board"),
            (
                "senior nurse and chair of the ethics board".into(),
                Some("Northgate Community Clinic".into())
            )
        );
        assert_eq!(
            split(cut_clause(
                "a software engineer and architect at Kestrel and a SIG Docs Lead."
            )),
            (
                "software engineer and architect and SIG Docs Lead".into(),
                Some("Kestrel".into())
            )
        );
        assert_eq!(
            split("analyst at the Department of Health and Human Services")
                .1
                .as_deref(),
            Some("Department of Health and Human Services")
        );
        assert_eq!(
            cut_clause("facilitator and one of the founding members of the Riverside Repair Café. In this"),
            "facilitator and one of the founding members of the Riverside Repair Café"
        );
        assert_eq!(cut_clause("Alex and I'm a contributor and maintainer"), "Alex");
    }

    #[test]
    fn when_is_not_what() {
        assert_eq!(cut_clause("maintainer in July 2024"), "maintainer");
        assert_eq!(
            cut_clause("directrice de la médiathèque depuis 2019"),
            "directrice de la médiathèque"
        );
        assert_eq!(cut_clause("cheffe de projet en 2021, elle"), "cheffe de projet");
        assert_eq!(cut_clause("Senior Advisor is to help teams"), "Senior Advisor");
        assert_eq!(
            cut_clause("responsable du marketing pour le produit Trame, mais j’aime dire"),
            "responsable du marketing pour le produit Trame"
        );
        assert_eq!(
            drop_article("currently a postdoctoral researcher"),
            "postdoctoral researcher"
        );
        assert_eq!(
            split("former head of nursing, now director of care at Northgate Community Clinic"),
            (
                "director of care".into(),
                Some("Northgate Community Clinic".into())
            )
        );
        assert_eq!(
            split("ancienne directrice de cabinet").0,
            "ancienne directrice de cabinet"
        );
    }

    #[test]
    fn passive_intros_say_who_leads() {
        assert_eq!(
            led_by(
                "Spring came early. The repair café was run by ",
                " from Spoke & Chain."
            )
            .as_deref(),
            Some("ran the repair café at Spoke & Chain")
        );
        assert_eq!(
            led_by("Le projet est piloté par ", ", qui").as_deref(),
            Some("pilote le projet")
        );
        assert_eq!(
            led_by("In 2023, the night shift was led by ", ".").as_deref(),
            Some("led the night shift")
        );
        assert_eq!(led_by("We were joined by ", "."), None);
        assert_eq!(led_by("A walk led by ", "."), None);
    }
}
