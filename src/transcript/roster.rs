//! The roster: people named in an interview's intro prose, with their roles and organisation.
//!
//! Intros follow a few shapes in French and English: "Entretien avec X, responsable de …, ainsi que
//! Y, …", "X et Y, …", "We spoke with X, head of …, and Y". Names are runs of capitalised words;
//! a role is the comma-separated phrase that follows a name.

use super::labels::{is_name, NAME_PARTICLES};

/// A person found in the intro.
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    pub name: String,
    pub role: Option<String>,
    pub organisation: Option<String>,
}

/// Capitalised words that open intro sentences and are never part of a name.
const NOT_NAME_WORDS: &[&str] = &[
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
    ROLE_NOUNS.contains(&word.to_lowercase().as_str())
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

/// Phrases after which a following name is a separate person.
const LIST_SEPARATORS: &[&str] = &[
    ", ainsi que ",
    " ainsi que ",
    ", et ",
    " et ",
    ", and ",
    " and ",
    " & ",
    " aux côtés de ",
    " alongside ",
];

/// A comma and a word that start what the interview is about, not more of the role:
/// "X, audience researcher, about what libraries teach" / "X, maraîchère, sur la saison".
const CLAUSE_AFTER_ROLE: &[&str] = &[
    ", about ",
    ", to talk ",
    ", to discuss ",
    ", to ask ",
    ", to find out ",
    ", to hear ",
    ", on ",
    ", who ",
    ", which ",
    ", between ",
    ", when ",
    ", since ",
    ", sur ",
    ", pour ",
    ", afin de ",
    ", qui ",
    ", dont ",
    ", entre ",
    ", depuis ",
    ", à propos ",
    ", au sujet ",
    ", lorsque ",
    ", quand ",
    ", recorded ",
    ", interviewed ",
    ", filmed ",
    ", photographed ",
    ", enregistré ",
    ", enregistrée ",
    ", rencontré ",
    ", rencontrée ",
    ", interrogé ",
    ", interrogée ",
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
        let in_word = c.is_alphanumeric() || matches!(c, '-' | '’' | '\'' | '&');
        match (in_word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(Word {
                    text: &text[s..i],
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
            text: &text[s..],
            start: s,
            end: text.len(),
        });
    }
    out
}

/// A run of name words: byte range in the intro and the name as written.
fn name_spans(text: &str) -> Vec<(usize, usize, String)> {
    let words = words(text);
    let mut spans = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let starts_name = |w: &Word| {
            w.text.chars().next().is_some_and(char::is_uppercase) && !NOT_NAME_WORDS.contains(&w.text)
        };
        if !starts_name(&words[i]) {
            i += 1;
            continue;
        }
        // Extend over capitalised words and particles, only across single spaces.
        let mut j = i + 1;
        let mut last_capital = i;
        while j < words.len() {
            let gap = &text[words[j - 1].end..words[j].start];
            if !gap.chars().all(|c| c == ' ' || c == '\u{a0}') || gap.is_empty() {
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
        let run: Vec<&str> = words[i..=last_capital].iter().map(|w| w.text).collect();
        let after_article = i > 0
            && BEFORE_A_PLACE.contains(&words[i - 1].text)
            && text[words[i - 1].end..words[i].start]
                .chars()
                .all(|c| c == ' ' || c == '\u{a0}');
        let elided_article = ["l’", "l'", "d’", "d'"]
            .iter()
            .any(|a| text[..words[i].start].ends_with(a));
        let is_organisation = run
            .iter()
            .any(|w| ORGANISATION_WORDS.contains(w) || is_role_noun(w))
            || after_article
            || elided_article;
        if run.len() >= 2 && run.len() <= 4 && is_name(&run) && !is_organisation {
            spans.push((words[i].start, words[last_capital].end, run.join(" ")));
        }
        i = last_capital + 1;
    }
    spans
}

/// The role phrase that starts at `after` (just past a name), if the name is followed by one.
fn role_after(text: &str, after: usize, next_name_start: Option<usize>) -> Option<String> {
    let rest = &text[after..];
    let (body, closing) = if let Some(r) = rest.strip_prefix(", ") {
        (r, None)
    } else if let Some(r) = rest.strip_prefix(" (") {
        (r, Some(')'))
    } else if let Some(r) = [" est ", " is ", " was ", " était "]
        .iter()
        .find_map(|v| rest.strip_prefix(v))
    {
        // "X est cheffe du service …", "X is the head of …": a role only when a title noun opens it.
        let opening = r
            .split([' ', '’', '\''])
            .filter(|w| !w.is_empty())
            .find(|w| !["le", "la", "l", "un", "une", "the", "a", "an", "our", "notre"].contains(w));
        if !opening.is_some_and(is_role_noun) {
            return None;
        }
        (r, None)
    } else {
        return None;
    };
    let body_start = text.len() - body.len();
    let limit = next_name_start.map_or(body.len(), |n| n.saturating_sub(body_start).min(body.len()));
    let mut end = limit;
    if let Some(c) = closing {
        if let Some(i) = body.find(c) {
            end = end.min(i);
        }
    }
    for stop in LIST_SEPARATORS
        .iter()
        .chain([". ", ".\n", "; ", " – ", " — ", " depuis ", " since "].iter())
        .chain(CLAUSE_AFTER_ROLE.iter())
    {
        if let Some(i) = body[..end].find(stop) {
            end = end.min(i);
        }
    }
    let mut role = body[..end].trim();
    role = role.trim_end_matches([',', '.', ';', ':']).trim();
    // "X, qui …" is a relative clause, not a role.
    let first_word = role.split(' ').next().unwrap_or("");
    if role.is_empty() || ["qui", "who", "que", "which", "dont"].contains(&first_word) {
        return None;
    }
    (role.chars().count() <= 140).then(|| role.to_owned())
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
            let org = rest[..end].trim();
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

/// Every person the intro names, in order, with the role that follows their name.
pub fn people_in_intro(intro: &str) -> Vec<Person> {
    let spans = name_spans(intro);
    let organisation = shared_organisation(intro);
    let mut people: Vec<Person> = Vec::new();
    // People listed together before one plural role share it: "X et Y, fondateurs de …".
    let mut group: Vec<usize> = Vec::new();
    for (k, (_, end, name)) in spans.iter().enumerate() {
        if people.iter().any(|p| &p.name == name) {
            continue;
        }
        let next = spans.get(k + 1).map(|s| s.0);
        let role = role_after(intro, *end, next);
        let joined_to_next = next.is_some_and(|n| {
            let between = &intro[*end..n];
            [" et ", " and ", ", ", " & "].contains(&between)
        });
        people.push(Person {
            name: name.clone(),
            role: role.clone(),
            organisation: organisation.clone(),
        });
        match role {
            None if joined_to_next => group.push(people.len() - 1),
            Some(role) if !group.is_empty() => {
                if let Some(shared) = singular_role(&role) {
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
    people
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
                w[..w.len() - 1].to_owned()
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
        assert_eq!(
            people[0].role.as_deref(),
            Some("Chief Executive, Harbour Arts Trust")
        );
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
        assert_eq!(people[1].role.as_deref(), Some("the library's youth coordinator"));
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
        assert_eq!(people[1].role.as_deref(), Some("its press officer"));
    }

    #[test]
    fn particles_and_hyphens_stay_in_the_name() {
        let people = people_in_intro("Rencontre avec Jean-Marc Le Bris, maire de Brest.");
        assert_eq!(people[0].name, "Jean-Marc Le Bris");
        assert_eq!(people[0].role.as_deref(), Some("maire de Brest"));
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
        assert_eq!(people[0].role.as_deref(), Some("potter at Kiln"));
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
