//! Classifies a transcript's lines into intro, questions, answers, editor marks and footer.

use super::labels::{initials_of, split_label, Label, LabelKind};
use super::roster::people_in_intro;
use super::{EditorMark, Language, Paragraph, Speaker, SpeakerId, Transcript, Turn, TurnKind};
use crate::diagnostic::Diagnostic;

/// How a single source line was read.
enum LineKind<'a> {
    Blank,
    Heading(&'a str),
    Mark(EditorMark),
    Labelled(Label<'a>),
    Plain(&'a str),
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{00A0}' | '\u{202F}' | '\u{200B}' | '\u{FEFF}')
}

/// Pairs of marks an editor uses to set a pull quote apart.
const QUOTE_PAIRS: &[(char, char)] = &[
    ('«', '»'),
    ('“', '”'),
    ('"', '"'),
    ('„', '“'),
    ('‘', '’'),
    ('»', '«'),
];

/// Reads a line that is nothing but a quotation, optionally followed by a credit (`— Name`).
fn as_editor_mark(line: &str, line_no: usize) -> Option<EditorMark> {
    let trimmed = line.trim_matches(is_space);
    let open = trimmed.chars().next()?;
    let &(_, close) = QUOTE_PAIRS.iter().find(|(o, _)| *o == open)?;
    let inner_start = open.len_utf8();
    let close_at = trimmed[inner_start..].rfind(close)? + inner_start;
    let inner = trimmed[inner_start..close_at].trim_matches(is_space);
    let after = trimmed[close_at + close.len_utf8()..].trim_matches(is_space);
    let credit = after
        .trim_start_matches(['—', '–', '-', ','])
        .trim_matches(is_space);
    // A mark is a whole sentence or more; a short quoted word on its own line is not a pull quote.
    if inner.chars().count() < 20 || (!after.is_empty() && !after.starts_with(['—', '–', '-', ','])) {
        return None;
    }
    let leading = line.len() - line.trim_start_matches(is_space).len();
    let column = line[..leading + inner_start].chars().count() + 1;
    Some(EditorMark {
        text: inner.to_owned(),
        line: line_no,
        column,
        credit: (!credit.is_empty()).then(|| credit.to_owned()),
    })
}

fn classify_line(line: &str, line_no: usize) -> LineKind<'_> {
    let trimmed = line.trim_matches(is_space);
    if trimmed.is_empty() {
        return LineKind::Blank;
    }
    if let Some(h) = trimmed.strip_prefix('#') {
        return LineKind::Heading(h.trim_start_matches('#').trim());
    }
    if let Some(mark) = as_editor_mark(trimmed, line_no) {
        let mut mark = mark;
        mark.column += line.len() - line.trim_start_matches(is_space).len();
        return LineKind::Mark(mark);
    }
    match split_label(line) {
        Some(label) => LineKind::Labelled(label),
        None => LineKind::Plain(trimmed),
    }
}

fn column_of(line: &str, byte: usize) -> usize {
    line[..byte].chars().count() + 1
}

fn ends_as_question(text: &str) -> bool {
    text.trim_end_matches(|c: char| is_space(c) || matches!(c, '»' | '”' | '"' | ')' | '*'))
        .ends_with('?')
}

/// Guesses French or English from common function words.
pub fn detect_language(text: &str) -> Language {
    const FR: &[&str] = &[
        "le", "la", "les", "des", "est", "et", "une", "que", "pour", "dans", "sur", "pas", "qui", "nous",
        "je", "du", "ce", "ça",
    ];
    const EN: &[&str] = &[
        "the", "and", "is", "of", "to", "that", "we", "it", "for", "in", "on", "with", "was", "you", "are",
        "this",
    ];
    let (mut fr, mut en) = (0, 0);
    for word in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .take(5000)
    {
        let w = word.to_lowercase();
        fr += usize::from(FR.contains(&w.as_str()));
        en += usize::from(EN.contains(&w.as_str()));
    }
    // Short texts have few function words: French accents and guillemets tip the balance.
    fr += text
        .chars()
        .take(5000)
        .filter(|c| matches!(c, 'é' | 'è' | 'ê' | 'à' | 'ç' | 'ù' | 'œ' | '«'))
        .count();
    if fr > en {
        Language::French
    } else {
        Language::English
    }
}

/// Matches a label to a speaker already on the roster.
fn find_speaker(speakers: &[Speaker], kind: &LabelKind) -> Vec<SpeakerId> {
    match kind {
        LabelKind::Initials(initials) => speakers
            .iter()
            .enumerate()
            .filter(|(_, s)| &s.label == initials || initials_of(&s.name).contains(initials))
            .map(|(i, _)| i)
            .collect(),
        LabelKind::Name(name) => {
            let exact: Vec<SpeakerId> = speakers
                .iter()
                .enumerate()
                .filter(|(_, s)| s.name.eq_ignore_ascii_case(name))
                .map(|(i, _)| i)
                .collect();
            if !exact.is_empty() {
                return exact;
            }
            // A first name or surname alone: `Agnès :` for Agnès Martin.
            speakers
                .iter()
                .enumerate()
                .filter(|(_, s)| !name.contains(' ') && s.name.split(' ').any(|part| part == name))
                .map(|(i, _)| i)
                .collect()
        }
        _ => Vec::new(),
    }
}

/// Parses decoded transcript text.
pub fn parse(text: &str) -> Transcript {
    let lines: Vec<&str> = text.split('\n').collect();
    let classified: Vec<LineKind> = lines
        .iter()
        .enumerate()
        .map(|(i, line)| classify_line(line, i + 1))
        .collect();
    let mut diagnostics = Vec::new();

    // The intro is everything before the first turn: the first label or question.
    let first_turn = classified.iter().position(|k| match k {
        LineKind::Labelled(l) => !matches!(l.kind, LabelKind::Credit),
        LineKind::Plain(p) => ends_as_question(p),
        _ => false,
    });
    let intro_end = first_turn.unwrap_or(classified.len());
    let mut title = None;
    let mut intro = Vec::new();
    for (i, kind) in classified[..intro_end].iter().enumerate() {
        match kind {
            LineKind::Heading(h) if title.is_none() => title = Some((*h).to_owned()),
            LineKind::Plain(p) => intro.push(Paragraph {
                text: (*p).to_owned(),
                line: i + 1,
                column: column_of(
                    lines[i],
                    lines[i].len() - lines[i].trim_start_matches(is_space).len(),
                ),
            }),
            _ => {}
        }
    }
    let intro_text: String = intro
        .iter()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");

    // Labels that occur on two or more lines are labels even when nobody is introduced.
    let mut label_counts: Vec<(String, usize)> = Vec::new();
    for kind in &classified[intro_end..] {
        if let LineKind::Labelled(Label {
            kind: LabelKind::Name(n) | LabelKind::Initials(n),
            ..
        }) = kind
        {
            match label_counts.iter_mut().find(|(l, _)| l == n) {
                Some((_, c)) => *c += 1,
                None => label_counts.push((n.clone(), 1)),
            }
        }
    }

    // Roster: people in the intro, then people who first appear as full-name labels.
    let mut speakers: Vec<Speaker> = people_in_intro(&intro_text)
        .into_iter()
        .map(|p| Speaker {
            label: initials_of(&p.name).into_iter().next().unwrap_or_default(),
            name: p.name,
            role: p.role.map(|r| r.trim().to_owned()),
            organisation: p.organisation,
        })
        .collect();
    for kind in &classified[intro_end..] {
        if let LineKind::Labelled(Label {
            kind: LabelKind::Name(name),
            ..
        }) = kind
        {
            let known = !find_speaker(&speakers, &LabelKind::Name(name.clone())).is_empty();
            if !known && name.contains(' ') {
                speakers.push(Speaker {
                    label: initials_of(name).into_iter().next().unwrap_or_default(),
                    name: name.clone(),
                    role: None,
                    organisation: None,
                });
            }
        }
    }

    let mut turns: Vec<Turn> = Vec::new();
    let mut marks = Vec::new();
    let mut footer = Vec::new();
    let mut in_footer = false;
    let mut used_labels: Vec<(SpeakerId, String)> = Vec::new();
    let mut previous_blank = false;

    for (i, kind) in classified.iter().enumerate().skip(intro_end) {
        let line_no = i + 1;
        let line = lines[i];
        let paragraph = |text: &str, offset: usize| Paragraph {
            text: text.to_owned(),
            line: line_no,
            column: column_of(line, offset),
        };
        let leading = line.len() - line.trim_start_matches(is_space).len();
        if in_footer {
            if let LineKind::Plain(p) | LineKind::Heading(p) = kind {
                footer.push(paragraph(p, leading));
            } else if let LineKind::Labelled(_) = kind {
                footer.push(paragraph(line.trim_matches(is_space), leading));
            }
            continue;
        }
        let blank_before = previous_blank;
        previous_blank = matches!(kind, LineKind::Blank);
        match kind {
            LineKind::Blank | LineKind::Heading(_) => {}
            LineKind::Mark(mark) => marks.push(mark.clone()),
            LineKind::Labelled(label) => match &label.kind {
                LabelKind::Credit => {
                    in_footer = true;
                    footer.push(paragraph(line.trim_matches(is_space), leading));
                }
                LabelKind::Question => turns.push(Turn {
                    kind: TurnKind::Question,
                    speaker: None,
                    label: Some(label.raw.to_owned()),
                    paragraphs: vec![paragraph(label.rest, label.rest_offset)],
                }),
                LabelKind::Answer => {
                    let speaker = if speakers.len() == 1 {
                        Some(0)
                    } else {
                        diagnostics.push(
                            Diagnostic::warning(format!(
                                "answer label `{}` does not say which of the {} speakers answers",
                                label.raw,
                                speakers.len()
                            ))
                            .at_line(line_no)
                            .with_hint("label answers with the speaker's initials or name"),
                        );
                        None
                    };
                    turns.push(Turn {
                        kind: TurnKind::Answer,
                        speaker,
                        label: Some(label.raw.to_owned()),
                        paragraphs: vec![paragraph(label.rest, label.rest_offset)],
                    });
                }
                LabelKind::Initials(key) | LabelKind::Name(key) => {
                    let matches = find_speaker(&speakers, &label.kind);
                    let repeated = label_counts.iter().any(|(l, c)| l == key && *c >= 2);
                    let speaker = match matches.as_slice() {
                        [one] => Some(*one),
                        [] if !repeated && !matches!(label.kind, LabelKind::Initials(_)) => {
                            // A lone capitalised word before a colon ("Bref : …") is prose.
                            extend_or_start(
                                &mut turns,
                                &speakers,
                                paragraph(line.trim_matches(is_space), leading),
                                blank_before,
                            );
                            continue;
                        }
                        [] => {
                            diagnostics.push(
                                Diagnostic::warning(format!("unknown speaker label `{}`", label.raw))
                                    .at(line_no, column_of(line, leading))
                                    .with_source(text)
                                    .with_hint("name the speaker in the intro (\"Entretien avec Prénom Nom, rôle\") or use a full-name label"),
                            );
                            speakers.push(Speaker {
                                label: key.clone(),
                                name: key.clone(),
                                role: None,
                                organisation: None,
                            });
                            Some(speakers.len() - 1)
                        }
                        many => {
                            let names: Vec<&str> = many.iter().map(|&i| speakers[i].name.as_str()).collect();
                            diagnostics.push(
                                Diagnostic::warning(format!(
                                    "label `{}` could be {}; the turn is left unattributed",
                                    label.raw,
                                    names.join(" or ")
                                ))
                                .at(line_no, column_of(line, leading))
                                .with_source(text),
                            );
                            None
                        }
                    };
                    if let Some(id) = speaker {
                        if !used_labels.iter().any(|(s, _)| *s == id) {
                            used_labels.push((id, label.raw.to_owned()));
                        }
                    }
                    turns.push(Turn {
                        kind: TurnKind::Answer,
                        speaker,
                        label: Some(label.raw.to_owned()),
                        paragraphs: vec![paragraph(label.rest, label.rest_offset)],
                    });
                }
            },
            LineKind::Plain(p) => {
                let is_footer_line = [
                    "propos recueillis",
                    "interview by",
                    "interviewed by",
                    "crédits",
                    "credits",
                ]
                .iter()
                .any(|cue| p.to_lowercase().starts_with(cue));
                if is_footer_line {
                    in_footer = true;
                    footer.push(paragraph(p, leading));
                } else if ends_as_question(p)
                    && turns
                        .last()
                        .is_none_or(|t| t.kind == TurnKind::Answer || blank_before)
                {
                    turns.push(Turn {
                        kind: TurnKind::Question,
                        speaker: None,
                        label: None,
                        paragraphs: vec![paragraph(p, leading)],
                    });
                } else {
                    extend_or_start(&mut turns, &speakers, paragraph(p, leading), blank_before);
                }
            }
        }
    }

    // The label actually used in the transcript is the speaker's label.
    for (id, raw) in used_labels {
        speakers[id].label = raw;
    }

    let language = detect_language(text);
    Transcript {
        path: None,
        title,
        language,
        encoding: "UTF-8",
        intro,
        speakers,
        turns,
        marks,
        footer,
        diagnostics,
    }
}

/// An unlabelled paragraph: continues the current answer, or answers the last question when
/// there is exactly one interviewee.
fn extend_or_start(turns: &mut Vec<Turn>, speakers: &[Speaker], paragraph: Paragraph, _blank_before: bool) {
    match turns.last_mut() {
        Some(turn) if turn.kind == TurnKind::Answer => turn.paragraphs.push(paragraph),
        Some(turn) if turn.kind == TurnKind::Question => {
            let speaker = (speakers.len() == 1).then_some(0);
            turns.push(Turn {
                kind: TurnKind::Answer,
                speaker,
                label: None,
                paragraphs: vec![paragraph],
            });
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = include_str!("../../examples/occitanie-social-media-interview.txt");

    #[test]
    fn seed_speakers_resolve_from_the_intro() {
        let t = parse(SEED);
        assert_eq!(t.speakers.len(), 2, "{:?}", t.speakers);
        assert_eq!(t.speakers[0].name, "Aziz Oulhiyane");
        assert_eq!(t.speakers[0].label, "AO");
        assert_eq!(t.speakers[1].name, "Ludovic Amar");
        assert_eq!(t.speakers[1].label, "LA");
        assert_eq!(
            t.speakers[1].role.as_deref(),
            Some("responsable stratégie média digitale")
        );
        assert_eq!(t.language, Language::French);
    }

    #[test]
    fn seed_turns_marks_and_footer() {
        let t = parse(SEED);
        let kinds: Vec<(TurnKind, Option<usize>, usize)> =
            t.turns.iter().map(|t| (t.kind, t.speaker, t.line())).collect();
        assert_eq!(
            kinds,
            vec![
                (TurnKind::Question, None, 2),
                (TurnKind::Answer, Some(0), 3),
                (TurnKind::Answer, Some(1), 4),
                (TurnKind::Question, None, 5),
                (TurnKind::Answer, Some(0), 6),
                (TurnKind::Question, None, 8),
                (TurnKind::Answer, Some(1), 9),
            ]
        );
        assert_eq!(t.marks.len(), 1);
        assert_eq!(t.marks[0].line, 7);
        assert!(t.marks[0].text.starts_with("Les réseaux sociaux peuvent"));
        assert!(t.marks[0].text.ends_with("tel tweet."));
        assert_eq!(t.footer.len(), 3);
        assert!(t.diagnostics.is_empty(), "{:?}", t.diagnostics);
    }

    #[test]
    fn answer_text_starts_after_the_label() {
        let t = parse(SEED);
        let p = &t.turns[2].paragraphs[0];
        assert!(p.text.starts_with("En charge de la stratégie digitale"));
        assert_eq!(p.column, 6);
    }

    #[test]
    fn full_name_labels_without_intro() {
        let t = parse("Interview\n\nWhat drives you?\nMaria Lopez: Curiosity, mostly.\nTom Becker: Deadlines.\nWhat next?\nMaria Lopez: More of the same.\n");
        let names: Vec<&str> = t.speakers.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Maria Lopez", "Tom Becker"]);
        assert_eq!(t.speakers[0].label, "Maria Lopez");
        assert_eq!(t.answers().count(), 3);
    }

    #[test]
    fn unknown_initials_are_reported() {
        let t = parse("Entretien avec Anne Roux, maire.\nPourquoi ?\nAR : Parce que.\nZZ : Qui suis-je ?\n");
        assert_eq!(t.speakers.len(), 2);
        assert_eq!(t.diagnostics.len(), 1);
        assert!(t.diagnostics[0].message.contains("`ZZ`"));
        assert_eq!(t.diagnostics[0].line, Some(4));
    }

    #[test]
    fn single_interviewee_unlabelled_answers() {
        let t = parse("We spoke with Dana Fox, a park ranger.\n\nWhat is the job like?\n\nLong days. Good ones.\n\nAny advice?\n\nBring water.\n");
        assert_eq!(t.answers().count(), 2);
        assert!(t.answers().all(|a| a.speaker == Some(0)));
    }
}
