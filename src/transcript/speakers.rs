//! Who speaks: the roster from front matter, intro prose and full-name labels, and the resolution of
//! each turn label (`AO`, `Aziz`, `MARIA LOPEZ`, `Speaker 1`) to one person on it.

use super::frontmatter::DeclaredSpeaker;
use super::labels::{display_name, initials_of, is_space, name_key, LabelKind};
use super::roster::Person;
use super::{EditorMark, Speaker, SpeakerId, Turn};

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
pub fn resolve(speakers: &[Speaker], kind: &LabelKind, raw: &str) -> Vec<SpeakerId> {
    let raw_key = name_key(raw.trim_matches(|c: char| is_space(c) || c == '*' || c == '_'));
    let by = |keep: &dyn Fn(&Speaker) -> bool| -> Vec<SpeakerId> {
        speakers
            .iter()
            .enumerate()
            .filter(|(_, s)| keep(s))
            .map(|(i, _)| i)
            .collect()
    };
    // A label someone already uses, or that front matter declared, is that person.
    let exact = by(&|s| name_key(&s.label) == raw_key || name_key(&s.name) == raw_key);
    if !exact.is_empty() {
        return exact;
    }
    match kind {
        LabelKind::Initials(initials) => {
            let key = name_key(initials);
            let from_initials = by(&|s| initials_of(&s.name).iter().any(|form| name_key(form) == key));
            if !from_initials.is_empty() {
                return from_initials;
            }
            // `MARIA:` in subtitles is a first name written in capitals, not initials.
            if initials.chars().count() >= 3 {
                return by(&|s| first_name_key(&s.name) == key);
            }
            Vec::new()
        }
        LabelKind::Name(name) => {
            let key = name_key(name);
            if key.contains(' ') {
                // `Aziz O.`: a first name and an initial.
                let parts: Vec<&str> = key.split(' ').collect();
                if parts.len() == 2 && parts[1].trim_end_matches('.').chars().count() == 1 {
                    return by(&|s| {
                        let name = name_key(&s.name);
                        let mut words = name.split(' ');
                        words.next() == Some(parts[0])
                            && words
                                .next_back()
                                .is_some_and(|w| w.starts_with(parts[1].trim_end_matches('.')))
                    });
                }
                return Vec::new();
            }
            // A first name or surname alone: `Agnès :` for Agnès Martin.
            by(&|s| name_key(&s.name).split([' ', '-']).any(|part| part == key))
        }
        _ => Vec::new(),
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
    interviewer: Option<&str>,
) -> Vec<Speaker> {
    let interviewer_key = interviewer.map(name_key);
    let mut speakers: Vec<Speaker> = intro_people
        .into_iter()
        .filter(|p| Some(name_key(&p.name)) != interviewer_key)
        .map(Speaker::from_person)
        .collect();
    for name in full_name_labels {
        let kind = LabelKind::Name(name.clone());
        if resolve(&speakers, &kind, name).is_empty() {
            let display = display_name(name);
            speakers.push(Speaker::named(&display, &display));
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
    ];
    let lower = text.to_lowercase();
    for cue in CUES {
        let Some(at) = lower.find(cue) else { continue };
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
    let new_id = |id: SpeakerId| -> Option<SpeakerId> {
        (!remove.contains(&id)).then(|| id - remove.iter().filter(|&&r| r < id).count())
    };
    for turn in turns.iter_mut() {
        turn.speaker = turn.speaker.and_then(new_id);
    }
    for mark in marks.iter_mut() {
        mark.speaker = mark.speaker.and_then(new_id);
    }
    let mut id = 0;
    speakers.retain(|_| {
        let keep = !remove.contains(&id);
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
