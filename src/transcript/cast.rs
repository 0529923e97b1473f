//! Who speaks and who asks, from the evidence a page gives: people the title or intro presents as
//! interviewed, self-introductions, appositions with roles, given names, `## Name` sections,
//! hosts who welcome listeners, closing signatures that name the interviewers.

use super::labels::{name_key, split_label};
use super::names::{is_given_name, looks_like_person};
use super::roles;
use super::roster::{people_in_intro, self_introduced, split_organisation, title_people, Evidence, Person};
use super::Speaker;

/// Closing lines that name who asked: "Propos recueillis par X", « Entretien réalisé le … avec X,
/// géographe », « Entretien avec X et Y, le 3 mai » after the last answer.
pub fn is_signature(text: &str) -> bool {
    let lower: String = text
        .trim_start_matches(['*', '_', '(', '['])
        .chars()
        .take(60)
        .flat_map(char::to_lowercase)
        .collect();
    text.chars().count() <= 300
        && [
            "propos recueillis",
            "entretien réalisé",
            "entretien avec",
            "interview réalisée",
            "interview conducted",
            "interview by",
            "interviewed by",
            "questions by",
            "questions posées par",
        ]
        .iter()
        .any(|cue| lower.starts_with(cue))
}

/// Closing lines that name the interviewee: "Thanks to Maya Lindqvist, founder of Rooftop Roots,
/// for her time", « Propos recueillis auprès de Mme Sophie Garnier, présidente de … ».
pub fn closing_people(text: &str) -> Vec<Person> {
    const CUES: &[&str] = &[
        "thanks to ",
        "thank you to ",
        "our thanks to ",
        "many thanks to ",
        "special thanks to ",
        "merci à ",
        "nous remercions ",
        "we thank ",
        "propos recueillis auprès de ",
        "propos recueillis auprès d’",
        "propos recueillis auprès d'",
    ];
    let trimmed = text.trim_start_matches(['*', '_', '(', '[', ' ']);
    let lower: String = trimmed.chars().take(40).flat_map(char::to_lowercase).collect();
    let Some(cue) = CUES.iter().find(|c| lower.starts_with(*c)) else {
        return Vec::new();
    };
    // The cue is ASCII or Latin-1 letters whose lower case keeps its length.
    let Some(rest) = trimmed.get(cue.len()..) else {
        return Vec::new();
    };
    let mut people = people_in_intro(rest);
    people.truncate(1);
    for person in &mut people {
        person.evidence = Evidence::Named;
    }
    people
}

/// Whether a signature names the interviewee rather than who asked (« … auprès de X »).
pub fn names_interviewee(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower.contains("auprès de") || lower.contains("auprès d’") || lower.contains("auprès d'")
}

/// The people a signature names: the interviewers.
pub fn signature_names(text: &str) -> Vec<String> {
    people_in_intro(text).into_iter().map(|p| p.name).collect()
}

/// Merges a person into `people`: the same name, or a first name alone that starts a full name,
/// is one person with the strongest evidence and the first role found.
pub fn merge(people: &mut Vec<Person>, person: Person) {
    let key = name_key(&person.name);
    let first = |name: &str| name_key(name).split(' ').next().unwrap_or("").to_owned();
    let same = people.iter().position(|p| {
        let other = name_key(&p.name);
        other == key
            || (!key.contains(' ') && first(&p.name) == key)
            || (!other.contains(' ') && first(&person.name) == other)
    });
    match same {
        Some(i) => {
            let existing = &mut people[i];
            if person.name.split(' ').count() > existing.name.split(' ').count() {
                existing.name = person.name;
            }
            existing.evidence = existing.evidence.max(person.evidence);
            // "core maintainer" in the title, "core maintainer and software engineer at Quansight
            // Labs" in the intro: the fuller statement of the same role wins.
            let fuller = match (&existing.role, &person.role) {
                (Some(old), Some(new)) => {
                    new.len() > old.len() && new.to_lowercase().starts_with(&old.to_lowercase())
                }
                _ => false,
            };
            if existing.role.is_none() || fuller {
                existing.role = person.role;
                if existing.organisation.is_none() || (fuller && person.organisation.is_some()) {
                    existing.organisation = person.organisation;
                }
            }
        }
        None => people.push(person),
    }
}

/// What the page says about who is interviewed, before any turn is read.
pub struct Evidences<'a> {
    pub title: Option<&'a str>,
    /// The intro, one paragraph a line.
    pub intro: &'a str,
    /// The first answer's text, where interviewees often introduce themselves.
    pub first_answer: &'a str,
    /// Headings that name a person.
    pub headings: &'a [String],
    pub interviewers: &'a [String],
}

/// Everyone the page presents, with their evidence; interviewers left out.
pub fn candidates(e: &Evidences) -> Vec<Person> {
    let mut people: Vec<Person> = Vec::new();
    let first_paragraph = e.intro.lines().next().unwrap_or("");
    // A plain first line that reads as a title ("Contributeur du mois: Jacques Fondaire").
    let titles = e.title.into_iter().chain(
        (e.title.is_none()
            && first_paragraph.chars().count() <= 160
            && !first_paragraph.trim_end().ends_with('.'))
        .then_some(first_paragraph),
    );
    for title in titles {
        for person in title_people(title) {
            merge(&mut people, person);
        }
    }
    for person in people_in_intro(e.intro) {
        merge(&mut people, person);
    }
    for heading in e.headings {
        merge(
            &mut people,
            Person {
                name: heading.clone(),
                evidence: Evidence::Named,
                ..Person::default()
            },
        );
    }
    super::roster::named_by_first_name(e.intro, &mut people);
    let known: Vec<String> = people.iter().map(|p| p.name.clone()).collect();
    let own_words = format!("{}\n{}", e.intro, e.first_answer);
    for mut person in self_introduced(&own_words, &known) {
        if person.role.is_none() {
            person.role = roles::self_described(&own_words);
            split_organisation(&mut person);
        }
        merge(&mut people, person);
    }
    let asked: Vec<String> = e.interviewers.iter().map(|n| name_key(n)).collect();
    people.retain(|p| !asked.contains(&name_key(&p.name)));
    people
}

/// The people to keep when no label names who answers: those with the strongest evidence.
pub fn strongest(people: Vec<Person>) -> Vec<Person> {
    let Some(best) = people.iter().map(|p| p.evidence).max() else {
        return people;
    };
    people.into_iter().filter(|p| p.evidence == best).collect()
}

/// An interviewee the page names only by their job: « Témoignage du chargé de mission … à la
/// Communauté d’agglomération … », "Interview with the head of …". Credited by that job.
pub fn unnamed(text: &str) -> Option<Person> {
    const CUES: &[&str] = &[
        "témoignage du ",
        "témoignage de la ",
        "témoignage de l’",
        "témoignage de l'",
        "témoignage d’un ",
        "témoignage d’une ",
        "entretien avec le ",
        "entretien avec la ",
        "entretien avec l’",
        "entretien avec un ",
        "entretien avec une ",
        "rencontre avec le ",
        "rencontre avec la ",
        "questions au ",
        "questions à la ",
        "interview with the ",
        "interview with a ",
        "interview with an ",
        "q&a with the ",
        "we spoke with the ",
        "we talked to the ",
        "i talked to the ",
    ];
    let lower = text.to_lowercase();
    if lower.len() != text.len() {
        return None;
    }
    let (at, cue) = CUES.iter().filter_map(|c| lower.find(c).map(|i| (i, c))).min()?;
    let phrase = roles::cut_clause(text.get(at + cue.len()..)?);
    if !roles::is_job_phrase(phrase) || phrase.chars().count() > 160 {
        return None;
    }
    let (role, organisation) = roles::split(phrase);
    Some(Person {
        name: super::roster::capitalise_first(&role),
        role: None,
        organisation,
        evidence: Evidence::Named,
    })
}

/// A heading that is a person's name: a `## Name` section in a series of short interviews.
pub fn heading_name(text: &str) -> Option<String> {
    let text = text.trim_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_' | ':'));
    let words: Vec<&str> = text.split_whitespace().collect();
    (words.len() >= 2
        && words.len() <= 4
        && looks_like_person(&words)
        && is_given_name(words[0])
        && split_label(text).is_none())
    .then(|| words.join(" "))
}

/// Phrases with which a podcast's host opens or runs the show.
const HOST_CUES: &[&str] = &[
    "welcome to the show",
    "welcome to another episode",
    "welcome to this episode",
    "welcome to episode",
    "welcome back to",
    "i'm your host",
    "i’m your host",
    "your host",
    "my co-host",
    "my cohost",
    "bienvenue dans",
    "bienvenue sur",
    "vous écoutez",
    "je suis votre hôte",
];

/// Whether a speaker's words show them hosting: they welcome listeners or name their co-host.
pub fn hosts(text: &str) -> bool {
    let lower = text.to_lowercase();
    HOST_CUES.iter().any(|cue| lower.contains(cue))
}

/// The co-host a host names: "my co-host, Chris Benson".
pub fn co_host(text: &str, speakers: &[Speaker]) -> Option<usize> {
    let lower = text.to_lowercase();
    let at = ["my co-host", "my cohost", "mon co-animateur", "ma co-animatrice"]
        .iter()
        .find_map(|cue| lower.find(cue).map(|i| i + cue.len()))?;
    let after = text.get(at..)?.trim_start_matches([',', ' ']);
    speakers.iter().position(|s| {
        let first = s.name.split(' ').next().unwrap_or(&s.name);
        after.starts_with(&s.name) || (!first.is_empty() && after.starts_with(first))
    })
}

/// The role a page gives a named person anywhere in `text` ("we have with us Jeff Smith, who is
/// founder and CEO at Chrp"), or the role they give themselves when `own` is their speech.
pub fn role_in(text: &str, name: &str, own: bool) -> Option<(String, Option<String>)> {
    if own {
        let mut person = Person {
            role: roles::self_described(text),
            ..Person::default()
        };
        split_organisation(&mut person);
        if let Some(role) = person.role {
            return Some((role, person.organisation));
        }
    }
    let key = name_key(name);
    people_in_intro(text)
        .into_iter()
        .find(|p| name_key(&p.name) == key && p.role.is_some())
        .map(|p| (p.role.unwrap_or_default(), p.organisation))
}

/// The role given to each person `text` names, by name key; the first mention of a name wins, as
/// [`role_in`] would find it.
pub fn roles_named(text: &str) -> std::collections::HashMap<String, (String, Option<String>)> {
    let mut named = std::collections::HashMap::new();
    for p in people_in_intro(text) {
        if let Some(role) = p.role {
            named.entry(name_key(&p.name)).or_insert((role, p.organisation));
        }
    }
    named
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_and_a_self_introduction_are_one_person() {
        let people = candidates(&Evidences {
            title: Some("Contributor Spotlight - Carolyn Wu"),
            intro:
                "Hi there, I’m Carolyn. I’m a self-taught programmer and I love coding. I met Will Bamberg.",
            first_answer: "",
            headings: &[],
            interviewers: &[],
        });
        let best = strongest(people);
        assert_eq!(best.len(), 1, "{best:?}");
        assert_eq!(best[0].name, "Carolyn Wu");
        assert_eq!(best[0].role.as_deref(), Some("self-taught programmer"));
    }

    #[test]
    fn an_interviewee_named_by_their_job() {
        let p =
            unnamed("Témoignage du chargé de mission mobilité à la Communauté de communes du Val").unwrap();
        assert_eq!(p.name, "Chargé de mission mobilité");
        assert_eq!(p.organisation.as_deref(), Some("Communauté de communes du Val"));
        assert!(unnamed("Témoignage du Grand Guéret").is_none());
    }

    #[test]
    fn signatures_name_interviewers() {
        assert!(is_signature(
            "Propos recueillis le 19 juillet 2024 par Sophie Clairet."
        ));
        assert_eq!(
            signature_names("Entretien avec Sophie Clairet, géographe, Chargée de déploiement et Aurélie Jallut, Designeuse, le 3 mai 2024."),
            ["Sophie Clairet", "Aurélie Jallut"]
        );
    }
}
