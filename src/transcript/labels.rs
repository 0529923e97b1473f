//! Turn labels at the start of a line (`AO:`, `LA :`, `**Aziz Oulhiyane** :`, `Q:`) and name initials.

use crate::boundary::SafeSlice;
use crate::slug::fold_accents;

/// What a line-initial label says about the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LabelKind {
    /// One to four capital letters, optionally dotted: `AO`, `J.-M.L.B.`.
    Initials(String),
    /// One to four capitalised words: `Aziz Oulhiyane`, `Agnès`.
    Name(String),
    /// The interviewer's marker: `Q`, `Question`, `Q1`, `Interviewer`.
    Question,
    /// An anonymous answer marker: `R`, `A`, `Réponse`, `Answer`.
    Answer,
    /// A credits label that is not speech: `C1`, `Groupe 3`, `Photo`, `Crédits`.
    Credit,
    /// A transcription tool's placeholder for an unnamed voice: `Speaker 1`, `Intervenant 2`.
    Placeholder(String),
    /// Several people answering together: `Meenu and Anastasia`, `Anne et Paul`.
    Group(Vec<String>),
    /// A stage direction in a recording's transcript: `Break`, `Jingle`, `Musique`.
    Direction,
}

/// A label split off the start of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label<'a> {
    pub kind: LabelKind,
    /// The label as written, without bold markers or the colon.
    pub raw: &'a str,
    /// What follows the colon, trimmed.
    pub rest: &'a str,
    /// Byte offset of `rest` in the line.
    pub rest_offset: usize,
    /// The role a `Name, role:` label states.
    pub role: Option<&'a str>,
}

const QUESTION_WORDS: &[&str] = &[
    "q",
    "i",
    "int",
    "question",
    "questions",
    "interviewer",
    "intervieweur",
    "intervieweuse",
    "journaliste",
    "journalist",
    "interviewer(e)",
    "host",
    "presenter",
    "moderator",
    "animateur",
    "animatrice",
    "présentateur",
    "présentatrice",
    "modérateur",
    "modératrice",
];
const ANSWER_WORDS: &[&str] = &[
    "r",
    "a",
    "réponse",
    "reponse",
    "rép",
    "answer",
    "ans",
    "réponses",
    "respondent",
    "interviewee",
    "répondant",
    "répondante",
    "interviewé",
    "interviewée",
    "invité",
    "invitée",
    "guest",
];
/// Words a transcription tool numbers unnamed voices with: `Speaker 1`, `SPEAKER_00`, `Intervenant 2`.
const PLACEHOLDER_WORDS: &[&str] = &[
    "speaker",
    "intervenant",
    "intervenante",
    "locuteur",
    "locutrice",
    "interlocuteur",
    "interlocutrice",
    "participant",
    "participante",
    "voice",
    "voix",
    "unknown",
    "inconnu",
];
const CREDIT_WORDS: &[&str] = &[
    "photo",
    "photos",
    "crédit",
    "crédits",
    "credit",
    "credits",
    "crédit photo",
    "photo credit",
    "source",
    "sources",
    "légende",
    "caption",
    "illustration",
    "illustrations",
    "rédaction",
    "texte",
    "textes",
    "montage",
    "réalisation",
    "propos recueillis par",
    "interview réalisée par",
    "interview by",
    "interviewed by",
    "written by",
    "edited by",
    "author",
    "authors",
    "auteur",
    "auteurs",
    "autrice",
    "autrices",
    "byline",
    "groupe",
    "group",
    "équipe",
    "team",
    "lien",
    "link",
    "note",
    "ndlr",
    "edit",
    "update",
    "mise à jour",
    "nota",
    "nota bene",
    "n.b.",
    "n.b",
    "p.s.",
    "remarque",
    "à noter",
    "a noter",
    "astuce",
    "tip",
    "rappel",
    "resource",
    "resources",
    "ressource",
    "ressources",
    "bio",
    "biography",
    "biographie",
    "about",
    "about me",
    "profile",
    "profil",
    "editor’s note",
    "editor's note",
    "note de la rédaction",
];
/// What a recording's transcript marks between turns: not a voice.
const DIRECTION_WORDS: &[&str] = &[
    "break",
    "jingle",
    "music",
    "musique",
    "intro",
    "outro",
    "générique",
    "interlude",
    "transition",
    "sponsor",
    "ad",
    "ad break",
    "advert",
    "publicité",
    "pub",
    "applause",
    "applaudissements",
    "laughter",
    "rires",
    "silence",
    "crosstalk",
    "inaudible",
    "cold open",
    "teaser",
    "sound",
    "son",
    "bruitage",
    "virgule",
];
/// Lower-case words that label a whole piece, not a turn: `Interview : …`, `Entretien : …`.
const KICKER_WORDS: &[&str] = &[
    "interview",
    "entretien",
    "rencontre",
    "portrait",
    "q&a",
    "exclusive",
    "exclusif",
    "transcript",
    "transcription",
];

/// Lower-case words that may sit between capitalised words of a person's name.
pub const NAME_PARTICLES: &[&str] = &[
    "de", "du", "des", "d’", "d'", "la", "le", "van", "von", "der", "den", "di", "da", "dos", "do", "ben",
    "bin", "al", "el", "y", "ter", "ten",
];

/// Particles written in lower case inside a name, whatever case the label was typed in.
const LOWER_PARTICLES: &[&str] = &[
    "de", "du", "des", "van", "von", "der", "den", "ter", "ten", "da", "di", "dos",
];

/// White space as transcripts contain it: no-break and thin spaces, and the invisible characters
/// (zero-width space, word joiner, byte-order mark) that copying from the web leaves behind.
pub fn is_space(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{00A0}'
                | '\u{202F}'
                | '\u{2007}'
                | '\u{2009}'
                | '\u{200B}'
                | '\u{200C}'
                | '\u{200D}'
                | '\u{2060}'
                | '\u{FEFF}'
        )
}

/// Characters that are there in the file but not in the words: soft hyphens and zero-width marks.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{200E}' | '\u{200F}'
    )
}

/// `text` without invisible characters, for names and labels (never for speech).
pub fn without_invisibles(text: &str) -> String {
    if !text.contains(is_invisible) {
        return text.to_owned();
    }
    text.chars().filter(|&c| !is_invisible(c)).collect()
}

/// Splits `line` into a label and the rest if it starts with something shaped like a turn label.
pub fn split_label(line: &str) -> Option<Label<'_>> {
    if let Some(label) = dotted_marker(line) {
        return Some(label);
    }
    let colon = line
        .char_indices()
        .take_while(|&(i, _)| i <= 120)
        .find(|&(_, c)| c == ':' || c == '：')
        .map(|(i, _)| i)?;
    let before = line.slice(..colon);
    // Only `Name, role:` labels run past 60 bytes.
    if colon > 60 && !before.contains(',') {
        return None;
    }
    let colon_len = line.slice(colon..).chars().next()?.len_utf8();
    let mut after_start = colon + colon_len;
    // A bold label may close its markers after the colon: `**AO :** text`.
    for marker in ["**", "__"] {
        if line.slice(after_start..).starts_with(marker) {
            after_start += marker.len();
        }
    }
    let raw = before
        .trim_matches(is_space)
        .trim_matches(|c| c == '*' || c == '_')
        .trim_matches(is_space);
    if raw.is_empty() || raw.contains("://") {
        return None;
    }
    let rest_untrimmed = line.slice(after_start..);
    let rest = rest_untrimmed.trim_matches(is_space);
    let rest_offset =
        after_start + (rest_untrimmed.len() - rest_untrimmed.trim_start_matches(is_space).len());
    // `Ravi O'Neil, head of customer experience:`: the name labels the turn, the role is the page's.
    let (raw, role, kind) = match name_and_role(raw) {
        Some((name, role)) => (name, Some(role), classify(name)?),
        None => (raw, None, classify(raw)?),
    };
    Some(Label {
        kind,
        raw,
        rest,
        rest_offset,
        role,
    })
}

/// `Name, role` in a label: the name (two words or more, or a given name) and a job phrase after one
/// comma.
pub fn name_and_role(raw: &str) -> Option<(&str, &str)> {
    let (name, role) = raw.split_once(", ")?;
    let name = name.trim_matches(is_space);
    let role = role.trim_matches(|c: char| is_space(c) || c == ',');
    let words: Vec<&str> = name.split(is_space).filter(|w| !w.is_empty()).collect();
    let person = matches!(classify(name), Some(LabelKind::Name(_)))
        && (words.len() >= 2 || super::names::is_given_name(name));
    let role_words = role.split(is_space).filter(|w| !w.is_empty()).count();
    let job = (1..=12).contains(&role_words)
        && !role.contains(['?', '!', '«', '“', '"', ':'])
        && super::roles::is_job_phrase(super::roles::drop_article(role));
    (person && job).then_some((name, role))
}

/// `Q. Pourquoi ?` and `R. Parce que.`: the press habit of a dotted letter for question and answer.
fn dotted_marker(line: &str) -> Option<Label<'_>> {
    let start = line.len() - line.trim_start_matches(is_space).len();
    let body = line.slice(start..);
    let kind = if body.starts_with("Q. ") || body.starts_with("Q.\u{a0}") {
        LabelKind::Question
    } else if ["R. ", "R.\u{a0}", "A. ", "A.\u{a0}"]
        .iter()
        .any(|m| body.starts_with(m))
    {
        LabelKind::Answer
    } else {
        return None;
    };
    let after = start + 2;
    let rest = line
        .slice(after..)
        .trim_start_matches([' ', '\u{a0}', '–', '—', '-']);
    let rest_offset = line.len() - rest.len();
    Some(Label {
        kind,
        raw: line.slice(start..start + 1),
        rest: rest.trim_end_matches(is_space),
        rest_offset,
        role: None,
    })
}

/// What a label written without its colon (`AO`, `Speaker 1`, a subtitle voice) names.
pub fn classify_label(raw: &str) -> Option<LabelKind> {
    classify(raw.trim_matches(is_space))
}

fn classify(raw: &str) -> Option<LabelKind> {
    let raw_clean = without_invisibles(raw);
    let raw = raw_clean.as_str();
    let lower = raw.to_lowercase();
    if QUESTION_WORDS.contains(&lower.as_str()) || is_numbered_question(&lower) {
        return Some(LabelKind::Question);
    }
    if ANSWER_WORDS.contains(&lower.as_str()) {
        return Some(LabelKind::Answer);
    }
    if DIRECTION_WORDS.contains(&lower.as_str()) {
        return Some(LabelKind::Direction);
    }
    if CREDIT_WORDS.contains(&lower.as_str())
        || CREDIT_WORDS.iter().any(|w| {
            lower.starts_with(w)
                && lower
                    .slice(w.len()..)
                    .starts_with(|c: char| c == ' ' || c.is_ascii_digit())
        })
    {
        return Some(LabelKind::Credit);
    }
    // "Interview: Dana Whitfield, chief executive": a kicker that opens the intro, not a speaker.
    if KICKER_WORDS.contains(&lower.as_str()) {
        return None;
    }
    let words: Vec<&str> = raw.split(is_space).filter(|w| !w.is_empty()).collect();
    if words.is_empty() || words.len() > 7 {
        return None;
    }
    if let Some(placeholder) = as_placeholder(&words) {
        return Some(LabelKind::Placeholder(placeholder));
    }
    if raw.chars().any(|c| c.is_ascii_digit()) {
        // `C1`, `J1`, `Groupe 3`: numbered credit lines in school and agency transcripts.
        return (words.len() <= 3).then_some(LabelKind::Credit);
    }
    if raw.chars().any(|c| {
        matches!(
            c,
            ',' | ';' | '?' | '!' | '«' | '»' | '“' | '”' | '"' | '(' | ')' | '['
        )
    }) {
        return None;
    }
    if let Some(initials) = as_initials(raw) {
        return Some(LabelKind::Initials(initials));
    }
    // "From Fellowship To Full-time: How …" is a title, not a person's label.
    if is_name(&words) && super::names::looks_like_person(&words) {
        return Some(LabelKind::Name(words.join(" ")));
    }
    as_group(&words).map(LabelKind::Group)
}

/// `Meenu and Anastasia`, `Anne et Paul`, `A & B`: names joined by "and".
fn as_group(words: &[&str]) -> Option<Vec<String>> {
    let mut names = vec![Vec::new()];
    for word in words {
        if matches!(word.to_lowercase().as_str(), "and" | "et" | "&") {
            names.push(Vec::new());
        } else if let Some(current) = names.last_mut() {
            current.push(*word);
        }
    }
    let all_names = names.len() >= 2 && names.iter().all(|n| is_name(n));
    all_names.then(|| names.iter().map(|n| n.join(" ")).collect())
}

/// `Speaker 1`, `SPEAKER_00`, `Intervenant 2`, `Speaker A`.
fn as_placeholder(words: &[&str]) -> Option<String> {
    let joined = words.join(" ");
    let lower = joined.to_lowercase();
    let word = PLACEHOLDER_WORDS.iter().find(|w| lower.starts_with(*w))?;
    let tail = lower.slice(word.len()..).trim_start_matches([' ', '_', '-', '#']);
    let numbered = !tail.is_empty()
        && tail.chars().count() <= 3
        && (tail.chars().all(|c| c.is_ascii_digit()) || tail.chars().all(|c| c.is_ascii_alphabetic()));
    numbered.then_some(joined)
}

fn is_numbered_question(lower: &str) -> bool {
    let rest = lower
        .strip_prefix("question")
        .or_else(|| lower.strip_prefix('q'))
        .map(|r| r.trim_start_matches(['.', ' ', '\u{a0}']));
    matches!(rest, Some(r) if !r.is_empty() && r.chars().all(|c| c.is_ascii_digit()))
}

/// `AO`, `A.O.`, `J-M LB` → the bare capitals (`AO`, `JMLB`), if the label is only initials.
pub fn as_initials(raw: &str) -> Option<String> {
    let letters: String = raw.chars().filter(|c| c.is_alphabetic()).collect();
    let only_initial_chars = raw
        .chars()
        .all(|c| c.is_uppercase() || matches!(c, '.' | '-' | ' ' | '\u{a0}'));
    let count = letters.chars().count();
    // Two capitalised words are a name in capitals (`MARIA LOPEZ`), not initials.
    let words = raw
        .split(is_space)
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() > 1)
        .count();
    (only_initial_chars && (1..=5).contains(&count) && words <= 1).then_some(letters)
}

/// A name as it should be displayed: words written in capitals (`Aziz OULHIYANE`, `LE BRIS`) in
/// title case, invisible characters removed.
pub fn display_name(name: &str) -> String {
    let name = without_invisibles(name);
    let words: Vec<&str> = name.split(is_space).filter(|w| !w.is_empty()).collect();
    let last = words.len().saturating_sub(1);
    words
        .iter()
        .enumerate()
        .map(|(i, word)| {
            let letters = word.chars().filter(|c| c.is_alphabetic()).count();
            let capitals = word.chars().all(|c| !c.is_lowercase());
            let lower = word.to_lowercase();
            // `JEAN-LUC VAN DER BERG` → `Jean-Luc van der Berg`; « Le Bris » keeps its capital.
            if capitals && i > 0 && i < last && LOWER_PARTICLES.contains(&lower.as_str()) {
                lower
            } else if letters > 1 && capitals {
                title_case(word)
            } else {
                (*word).to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `JEAN-MARC` → `Jean-Marc`, `D’ARC` → `D’Arc`.
fn title_case(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut start_of_part = true;
    for c in word.chars() {
        if start_of_part {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start_of_part = matches!(c, '-' | '’' | '\'' | '.');
    }
    out
}

/// Lower case without accents, for comparing names and labels.
pub fn name_key(text: &str) -> String {
    fold_accents(&without_invisibles(text)).to_lowercase()
}

fn is_capitalised(word: &str) -> bool {
    let mut chars = word.chars();
    matches!(chars.next(), Some(c) if c.is_uppercase())
        && word
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '’' | '\'' | '.'))
}

/// Whether `words` read as a person's name: capitalised words, with particles between them.
pub fn is_name(words: &[&str]) -> bool {
    if words.is_empty() || words.len() > 5 || !is_capitalised(words[0]) {
        return false;
    }
    let last = words[words.len() - 1];
    is_capitalised(last)
        && words[1..]
            .iter()
            .all(|w| is_capitalised(w) || NAME_PARTICLES.contains(&w.to_lowercase().as_str()))
}

/// Every initials form a label might use for `name`.
///
/// "Jean-Marc Le Bris" gives `JMLB`, `JLB`, `JMB`, `JB`; "Aziz Oulhiyane" gives `AO`.
pub fn initials_of(name: &str) -> Vec<String> {
    let words: Vec<&str> = name.split(is_space).filter(|w| !w.is_empty()).collect();
    let mut with_hyphen_parts = String::new();
    let mut first_letters = String::new();
    let mut without_particles = String::new();
    let mut without_particles_hyphen = String::new();
    for word in &words {
        let is_particle = NAME_PARTICLES.contains(&word.to_lowercase().as_str());
        let first = word.chars().next().map(|c| c.to_uppercase().collect::<String>());
        let Some(first) = first else { continue };
        first_letters.push_str(&first);
        let parts: String = word
            .split('-')
            .filter_map(|p| p.chars().next())
            .flat_map(char::to_uppercase)
            .collect();
        with_hyphen_parts.push_str(&parts);
        if !is_particle {
            without_particles.push_str(&first);
            without_particles_hyphen.push_str(&parts);
        }
    }
    let mut forms = vec![
        with_hyphen_parts,
        first_letters,
        without_particles_hyphen,
        without_particles,
    ];
    if words.len() > 1 {
        // First name and last word only: "Jean-Marc Le Bris" is often just `JB`.
        let edge = |w: &str| {
            w.chars()
                .next()
                .map(|c| c.to_uppercase().collect::<String>())
                .unwrap_or_default()
        };
        forms.push(format!("{}{}", edge(words[0]), edge(words[words.len() - 1])));
    }
    let mut seen = Vec::new();
    for form in forms {
        let ascii = fold_accents(&form);
        for f in [form, ascii] {
            if !f.is_empty() && !seen.contains(&f) {
                seen.push(f);
            }
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(line: &str) -> Option<LabelKind> {
        split_label(line).map(|l| l.kind)
    }

    #[test]
    fn initials_with_and_without_space_before_colon() {
        assert_eq!(kind("AO: Responsable"), Some(LabelKind::Initials("AO".into())));
        assert_eq!(kind("LA : En charge"), Some(LabelKind::Initials("LA".into())));
        assert_eq!(
            kind("LA\u{a0}: En charge"),
            Some(LabelKind::Initials("LA".into()))
        );
        assert_eq!(kind("**AO** : Oui"), Some(LabelKind::Initials("AO".into())));
        let label = split_label("LA : En charge").unwrap();
        assert_eq!(label.rest, "En charge");
        assert_eq!(&"LA : En charge"[label.rest_offset..], "En charge");
    }

    #[test]
    fn full_names_and_markers() {
        assert_eq!(
            kind("Aziz Oulhiyane : Oui"),
            Some(LabelKind::Name("Aziz Oulhiyane".into()))
        );
        assert_eq!(
            kind("Jean-Marc Le Bris: Non"),
            Some(LabelKind::Name("Jean-Marc Le Bris".into()))
        );
        assert_eq!(kind("Q: Why?"), Some(LabelKind::Question));
        assert_eq!(kind("Q1 : Pourquoi ?"), Some(LabelKind::Question));
        assert_eq!(kind("Réponse : Oui"), Some(LabelKind::Answer));
        assert_eq!(kind("Q. Pourquoi ?"), Some(LabelKind::Question));
        assert_eq!(split_label("R. Parce que.").unwrap().rest, "Parce que.");
        assert_eq!(kind("Host: Welcome"), Some(LabelKind::Question));
        assert_eq!(kind("Interview: Dana Whitfield, chief executive"), None);
        assert_eq!(kind("Entretien : Anne Roux"), None);
        assert_eq!(
            kind("MARIA LOPEZ: Hello"),
            Some(LabelKind::Name("MARIA LOPEZ".into()))
        );
    }

    #[test]
    fn name_role_labels_dotted_answers_and_particles() {
        let label = split_label("Ravi O'Neil, head of customer experience: That nobody comes in.").unwrap();
        assert_eq!(label.kind, LabelKind::Name("Ravi O'Neil".into()));
        assert_eq!(label.role, Some("head of customer experience"));
        assert_eq!(label.rest, "That nobody comes in.");
        assert_eq!(kind("Finally, the answer: no"), None);
        assert_eq!(kind("A. Eleven, out of ninety."), Some(LabelKind::Answer));
        assert_eq!(kind("BIO: Adam is a researcher."), Some(LabelKind::Credit));
        assert_eq!(display_name("JEAN-LUC VAN DER BERG"), "Jean-Luc van der Berg");
    }

    #[test]
    fn transcription_tool_placeholders() {
        assert_eq!(
            kind("Speaker 1: Hello"),
            Some(LabelKind::Placeholder("Speaker 1".into()))
        );
        assert_eq!(
            kind("SPEAKER_00: Hello"),
            Some(LabelKind::Placeholder("SPEAKER_00".into()))
        );
        assert_eq!(
            kind("Intervenant 2 : Oui"),
            Some(LabelKind::Placeholder("Intervenant 2".into()))
        );
    }

    #[test]
    fn groups_directions_and_editorial_notes() {
        assert_eq!(
            kind("**Meenu and Anastasia:**"),
            Some(LabelKind::Group(vec!["Meenu".into(), "Anastasia".into()]))
        );
        assert_eq!(kind("**Break:** [20:41] to [22:39]"), Some(LabelKind::Direction));
        assert_eq!(kind("Musique : générique"), Some(LabelKind::Direction));
        assert_eq!(kind("Nota : il est possible"), Some(LabelKind::Credit));
        assert_eq!(kind("**Editor’s note**: Learn more"), Some(LabelKind::Credit));
    }

    #[test]
    fn display_names() {
        assert_eq!(display_name("Aziz OULHIYANE"), "Aziz Oulhiyane");
        assert_eq!(display_name("JEAN-MARC LE BRIS"), "Jean-Marc Le Bris");
        assert_eq!(display_name("Oul\u{ad}hiyane"), "Oulhiyane");
        assert_eq!(name_key("Élodie"), "elodie");
    }

    #[test]
    fn credits_are_not_speakers() {
        assert_eq!(kind("Groupe 3 :"), Some(LabelKind::Credit));
        assert_eq!(kind("C1 :GUIVARCH Louna"), Some(LabelKind::Credit));
        assert_eq!(kind("J1 : MEAULLE Laurine"), Some(LabelKind::Credit));
        assert_eq!(kind("Photo : Région Occitanie"), Some(LabelKind::Credit));
        assert_eq!(kind("**Author**: Dana Whitfield (Acme)"), Some(LabelKind::Credit));
        assert_eq!(kind("Autrice : Léa Sarrazin"), Some(LabelKind::Credit));
    }

    #[test]
    fn prose_with_a_colon_is_not_a_label() {
        assert_eq!(kind("Sur la partie stratégie : on avance"), None);
        assert_eq!(kind("Voir https://example.org"), None);
        assert_eq!(kind("Par contre, une chose : non"), None);
    }

    #[test]
    fn initials_forms() {
        assert!(initials_of("Aziz Oulhiyane").contains(&"AO".to_string()));
        let forms = initials_of("Jean-Marc Le Bris");
        for expected in ["JMLB", "JLB", "JMB", "JB"] {
            assert!(forms.contains(&expected.to_string()), "{expected} in {forms:?}");
        }
        assert!(initials_of("Élodie Durand").contains(&"ED".to_string()));
        assert!(initials_of("Élodie Durand").contains(&"ÉD".to_string()));
    }
}
