//! Who speaks: the roster from front matter, intro prose and full-name labels, and the resolution of
//! each turn label (`AO`, `Aziz`, `MARIA LOPEZ`, `Speaker 1`) to one person on it.

use super::frontmatter::DeclaredSpeaker;
use super::labels::{display_name, initials_of, is_space, name_key, LabelKind};
use super::roster::Person;
use super::{EditorMark, Speaker, SpeakerId, Turn};
use std::collections::HashMap;

impl Speaker {
    pub(crate) fn from_person(person: Person) -> Speaker {
        let name = display_name(&person.name);
        Speaker {
            label: initials_of(&name).into_iter().next().unwrap_or_default(),
            name,
            role: person.role,
            organisation: person.organisation,
            photo: None,
        }
    }

    pub(crate) fn declared(declared: &DeclaredSpeaker) -> Speaker {
        Speaker {
            label: declared.label.clone(),
            name: declared.name.clone(),
            role: declared.role.clone(),
            organisation: declared.organisation.clone(),
            photo: declared.photo.clone(),
        }
    }

    pub(crate) fn named(label: &str, name: &str) -> Speaker {
        Speaker {
            label: label.to_owned(),
            name: display_name(name),
            role: None,
            organisation: None,
            photo: None,
        }
    }
}

/// The speakers a label could mean. Empty: nobody; more than one: ambiguous.
#[cfg(test)]
pub fn resolve(speakers: &[Speaker], kind: &LabelKind, raw: &str) -> Vec<SpeakerId> {
    let mut index = Index::default();
    for (id, s) in speakers.iter().enumerate() {
        index.add(id, s);
    }
    index.resolve(kind, raw)
}

/// The roster's names, labels, initials and name parts, for resolving labels in constant time
/// however many people a transcript names.
#[derive(Default)]
pub struct Index {
    exact: HashMap<String, Vec<SpeakerId>>,
    initials: HashMap<String, Vec<SpeakerId>>,
    first: HashMap<String, Vec<SpeakerId>>,
    parts: HashMap<String, Vec<SpeakerId>>,
}

fn add_to(map: &mut HashMap<String, Vec<SpeakerId>>, key: String, id: SpeakerId) {
    let ids = map.entry(key).or_default();
    if !ids.contains(&id) {
        ids.push(id);
    }
}

impl Index {
    pub fn new(speakers: &[Speaker]) -> Index {
        let mut index = Index::default();
        for (id, s) in speakers.iter().enumerate() {
            index.add(id, s);
        }
        index
    }

    pub fn add(&mut self, id: SpeakerId, s: &Speaker) {
        // "Dr. Priya Natarajan" answers to `PRIYA NATARAJAN:` and `PN:`.
        let bare = s
            .name
            .split(' ')
            .skip_while(|w| super::names::is_honorific(w))
            .collect::<Vec<_>>()
            .join(" ");
        let bare = if bare.is_empty() { s.name.clone() } else { bare };
        let name = name_key(&bare);
        add_to(&mut self.exact, name_key(&s.label), id);
        add_to(&mut self.exact, name_key(&s.name), id);
        add_to(&mut self.exact, name.clone(), id);
        for form in initials_of(&bare) {
            add_to(&mut self.initials, name_key(&form), id);
        }
        add_to(&mut self.first, first_name_key(&bare), id);
        for part in name.split([' ', '-']).filter(|p| !p.is_empty()) {
            add_to(&mut self.parts, part.to_owned(), id);
        }
    }

    fn get(map: &HashMap<String, Vec<SpeakerId>>, key: &str) -> Vec<SpeakerId> {
        let mut ids = map.get(key).cloned().unwrap_or_default();
        ids.sort_unstable();
        ids
    }

    pub fn resolve(&self, kind: &LabelKind, raw: &str) -> Vec<SpeakerId> {
        let raw_key = name_key(raw.trim_matches(|c: char| is_space(c) || c == '*' || c == '_'));
        // A label someone already uses, or that front matter declared, is that person.
        let exact = Self::get(&self.exact, &raw_key);
        if !exact.is_empty() {
            return exact;
        }
        match kind {
            LabelKind::Initials(initials) => {
                let key = name_key(initials);
                let from_initials = Self::get(&self.initials, &key);
                if !from_initials.is_empty() {
                    return from_initials;
                }
                // `MARIA:` in subtitles is a first name written in capitals, not initials.
                if initials.chars().count() >= 3 {
                    return Self::get(&self.first, &key);
                }
                Vec::new()
            }
            LabelKind::Name(name) => {
                // `Pr Benali :`, `Mme Garnier :`: an honorific then a surname.
                let words: Vec<&str> = name.split(' ').collect();
                if words.len() >= 2
                    && (super::names::is_honorific(words[0])
                        || super::names::is_honorific(words[0].trim_end_matches('.')))
                {
                    let rest = name_key(&words[1..].join(" "));
                    let found = Self::get(&self.exact, &rest);
                    if !found.is_empty() || words.len() > 2 {
                        return found;
                    }
                    return Self::get(&self.parts, &rest);
                }
                let key = name_key(name);
                if key.contains(' ') {
                    // `Aziz O.`: a first name and an initial.
                    let parts: Vec<&str> = key.split(' ').collect();
                    if parts.len() == 2 && parts[1].trim_end_matches('.').chars().count() == 1 {
                        let initial = parts[1].trim_end_matches('.');
                        // The candidates share the first name; their last names are checked below.
                        return Self::get(&self.first, parts[0])
                            .into_iter()
                            .filter(|&id| self.last_starts(id, initial))
                            .collect();
                    }
                    return Vec::new();
                }
                // A first name or surname alone: `Agnès :` for Agnès Martin.
                Self::get(&self.parts, &key)
            }
            _ => Vec::new(),
        }
    }

    /// Whether speaker `id`'s last name starts with `initial` (from the name parts kept).
    fn last_starts(&self, id: SpeakerId, initial: &str) -> bool {
        self.parts
            .iter()
            .any(|(part, ids)| part.starts_with(initial) && ids.contains(&id))
    }
}

fn first_name_key(name: &str) -> String {
    name_key(name.split(' ').next().unwrap_or(""))
}

/// Builds the roster when no front matter declares it: people from the intro, then people who first
/// appear as full-name labels (`Melody Kramer:` before `MK:`), in order of appearance.
pub fn roster(
    intro_people: Vec<Person>,
    full_name_labels: &[String],
    interviewers: &[String],
) -> Vec<Speaker> {
    let interviewer_keys: Vec<String> = interviewers.iter().map(|n| name_key(n)).collect();
    let mut speakers: Vec<Speaker> = intro_people
        .into_iter()
        .filter(|p| !interviewer_keys.contains(&name_key(&p.name)))
        .map(Speaker::from_person)
        .collect();
    let mut index = Index::new(&speakers);
    for name in full_name_labels {
        let kind = LabelKind::Name(name.clone());
        if index.resolve(&kind, name).is_empty() {
            let display = display_name(name);
            speakers.push(Speaker::named(&display, &display));
            index.add(speakers.len() - 1, &speakers[speakers.len() - 1]);
        }
    }
    speakers
}

/// The interviewer named in credits or the intro: "Propos recueillis par X", "Interview by X".
pub fn interviewer_in(text: &str) -> Option<String> {
    const CUES: &[&str] = &[
        "propos recueillis par ",
        "entretien réalisé par ",
        "interview réalisée par ",
        "interview realisee par ",
        "interviewed by ",
        "interview by ",
        "interview conducted by ",
        "questions by ",
        "questions de ",
        "moderated by ",
        "hosted by ",
        "animé par ",
        "animée par ",
    ];
    let lower = text.to_lowercase();
    for cue in CUES {
        let Some(at) = lower.find(cue) else { continue };
        // Lower-casing may change byte lengths before the cue (`İ`): then this line is skipped.
        if lower.len() != text.len() {
            continue;
        }
        // Lower-casing keeps byte lengths for the ASCII and Latin-1 letters of these cues.
        let Some(rest) = text.get(at + cue.len()..) else {
            continue;
        };
        let mut name: Vec<&str> = Vec::new();
        for word in rest.split(is_space).take(4) {
            let capitalised = word.chars().next().is_some_and(char::is_uppercase);
            if !capitalised && !["de", "du", "le", "la", "van", "von"].contains(&word) {
                break;
            }
            name.push(word);
            // "Interview by Tom Hollis. This interview…": the name ends with its sentence.
            if word.ends_with(['.', ',', ';', ')']) {
                break;
            }
        }
        // « … par Sophie Clairet le 17 avril »: a particle with nothing after it is no name's.
        while name
            .last()
            .is_some_and(|w| !w.chars().next().is_some_and(char::is_uppercase))
        {
            name.pop();
        }
        let name = name.join(" ");
        let name = name.trim_end_matches([',', '.', ';', ')']);
        if name.contains(' ') {
            return Some(display_name(name));
        }
    }
    None
}

/// Takes people out of the roster, renumbering the speaker ids that turns and marks hold.
pub fn remove_speakers(
    speakers: &mut Vec<Speaker>,
    turns: &mut [Turn],
    marks: &mut [EditorMark],
    remove: &[SpeakerId],
) {
    if remove.is_empty() {
        return;
    }
    // New ids in one pass, so that removing many people stays linear.
    let mut new_ids: Vec<Option<SpeakerId>> = Vec::with_capacity(speakers.len());
    let removed: std::collections::HashSet<SpeakerId> = remove.iter().copied().collect();
    let mut kept = 0;
    for id in 0..speakers.len() {
        if removed.contains(&id) {
            new_ids.push(None);
        } else {
            new_ids.push(Some(kept));
            kept += 1;
        }
    }
    let new_id = |id: SpeakerId| -> Option<SpeakerId> { new_ids.get(id).copied().flatten() };
    for turn in turns.iter_mut() {
        turn.speaker = turn.speaker.and_then(new_id);
    }
    for mark in marks.iter_mut() {
        mark.speaker = mark.speaker.and_then(new_id);
    }
    let mut id = 0;
    speakers.retain(|_| {
        let keep = new_ids[id].is_some();
        id += 1;
        keep
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people() -> Vec<Speaker> {
        vec![
            Speaker::named("", "Aziz Oulhiyane"),
            Speaker::named("", "Ludovic Amar"),
            Speaker::named("", "Maria Lopez"),
        ]
    }

    #[test]
    fn initials_first_names_and_capitals() {
        let s = people();
        assert_eq!(resolve(&s, &LabelKind::Initials("AO".into()), "AO"), [0]);
        assert_eq!(resolve(&s, &LabelKind::Name("Ludovic".into()), "Ludovic"), [1]);
        assert_eq!(resolve(&s, &LabelKind::Initials("MARIA".into()), "MARIA"), [2]);
        assert_eq!(
            resolve(&s, &LabelKind::Name("MARIA LOPEZ".into()), "MARIA LOPEZ"),
            [2]
        );
        assert_eq!(resolve(&s, &LabelKind::Name("Aziz O.".into()), "Aziz O."), [0]);
        assert!(resolve(&s, &LabelKind::Initials("ZZ".into()), "ZZ").is_empty());
    }

    #[test]
    fn ambiguous_initials_resolve_to_both() {
        let s = vec![Speaker::named("", "Anne Roux"), Speaker::named("", "Alain Rey")];
        assert_eq!(resolve(&s, &LabelKind::Initials("AR".into()), "AR"), [0, 1]);
    }

    #[test]
    fn interviewer_from_credits() {
        assert_eq!(
            interviewer_in("Propos recueillis par Camille Martin.").as_deref(),
            Some("Camille Martin")
        );
        assert_eq!(
            interviewer_in("Interview by SARAH KIM, 12 May").as_deref(),
            Some("Sarah Kim")
        );
        assert_eq!(interviewer_in("Propos recueillis par la rédaction"), None);
        assert_eq!(
            interviewer_in("Interview by Tom Hollis. This interview has been edited.").as_deref(),
            Some("Tom Hollis")
        );
    }
}
