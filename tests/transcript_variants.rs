//! The seed interview and variants of it: English, full-name labels, CRLF line ends, a BOM.

use pullquote::select::{select, QuoteKind, SelectOptions};
use pullquote::transcript::{decode, parse, Language, TurnKind};

const SEED: &str = include_str!("../examples/occitanie-social-media-interview.txt");

const ENGLISH: &str = "\
We spoke with Maria Lopez, head of digital at the city council, and Tom Becker, its press officer.
How did the campaign start?
ML: We started with a question nobody in the building wanted to ask: who actually reads our posts? I think the honest answer changed everything about how we write.
TB: I spent the first month just listening to residents on the phone.
“I think the honest answer changed everything about how we write.”
What would you do differently?
TB: I would never again publish a post that I could not explain to my own mother in one sentence.
Interview by Sam Hill.
Photo: City council.
";

const FULL_NAMES: &str = "\
Entretien
Comment avez-vous commencé ?
Aziz Oulhiyane : J’ai commencé sur la partie webdesign, pour m’orienter finalement sur les réseaux sociaux.
Ludovic Amar : Moi, je suis arrivé par la vidéo, et je n’en suis jamais vraiment reparti depuis.
Et aujourd’hui ?
Aziz Oulhiyane : Aujourd’hui je pense que notre travail compte moins que le cadre de vie que la région propose.
";

#[test]
fn english_interview_resolves_initials_to_the_intro_names() {
    let t = parse(ENGLISH);
    assert_eq!(t.language, Language::English);
    let names: Vec<(&str, &str, Option<&str>)> = t
        .speakers
        .iter()
        .map(|s| (s.label.as_str(), s.name.as_str(), s.role.as_deref()))
        .collect();
    assert_eq!(
        names,
        [
            ("ML", "Maria Lopez", Some("head of digital at the city council")),
            ("TB", "Tom Becker", Some("its press officer"))
        ]
    );
    assert_eq!(t.turns.iter().filter(|t| t.kind == TurnKind::Question).count(), 2);
    assert_eq!(t.answers().count(), 3);
    assert_eq!(t.footer.len(), 2, "{:?}", t.footer);
    let selection = select(&t, &SelectOptions::default());
    assert_eq!(selection.quotes[0].kind, QuoteKind::Editor);
    assert_eq!(selection.quotes[0].speaker.name, "Maria Lopez");
    assert!(selection.quotes.iter().all(|q| !q.text.contains("Interview by")));
}

#[test]
fn full_name_labels_become_speakers() {
    let t = parse(FULL_NAMES);
    let names: Vec<&str> = t.speakers.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Aziz Oulhiyane", "Ludovic Amar"]);
    assert_eq!(t.answers().count(), 3);
    assert_eq!(t.answers().filter(|a| a.speaker == Some(0)).count(), 2);
    assert!(t.diagnostics.is_empty(), "{:?}", t.diagnostics);
}

#[test]
fn crlf_and_bom_parse_like_the_original() {
    let original = parse(SEED);
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice(SEED.replace('\n', "\r\n").as_bytes());
    let decoded = decode(&bytes, None).unwrap();
    assert_eq!(decoded.text, SEED);
    let variant = parse(&decoded.text);
    assert_eq!(variant.speakers, original.speakers);
    assert_eq!(variant.turns, original.turns);
    assert_eq!(variant.marks, original.marks);
}

#[test]
fn windows_1252_copy_reads_the_same() {
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(SEED);
    assert!(!unmappable);
    let decoded = decode(&bytes, None).unwrap();
    assert_eq!(decoded.encoding, "windows-1252");
    assert_eq!(parse(&decoded.text).speakers, parse(SEED).speakers);
}

#[test]
fn seed_credits_are_not_speakers_or_turns() {
    let t = parse(SEED);
    for s in &t.speakers {
        assert!(!["C1", "J1", "Groupe 3"].contains(&s.label.as_str()));
    }
    for turn in &t.turns {
        for p in &turn.paragraphs {
            assert!(!p.text.contains("GUIVARCH") && !p.text.contains("MEAULLE"));
        }
    }
    assert!(t.footer.iter().any(|p| p.text.starts_with("C1")));
}
