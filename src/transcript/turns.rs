//! Assembles classified lines into question and answer turns: labels start turns, unlabelled lines
//! continue or answer them, subtitle cues join, marks take their credit lines, credits go to the footer.

use super::labels::{is_space, name_key, Label};
use super::marks;
use super::source::SourceLine;
use super::speakers::Index;
use super::{EditorMark, Paragraph, Speaker, SpeakerId, Turn, TurnKind};
use crate::boundary::SafeSlice;
use crate::diagnostic::Diagnostic;
use std::collections::HashMap;

/// How a single source line was read.
pub(super) enum Kind<'a> {
    Blank,
    /// Not speech: images, captions, rules, links alone on a line.
    Aside,
    Heading,
    Mark(EditorMark),
    /// Part of a multi-line block quote already read as one mark.
    Consumed,
    Labelled(Label<'a>),
    Plain,
}

/// What a labelled line's label turned out to mean.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Resolved {
    Speaker(SpeakerId),
    /// Could be several people: the turn stays unattributed.
    Ambiguous,
    Question,
    /// `R:`/`A:`: the sole interviewee's, if there is one.
    AnonymousAnswer,
    Credit,
    /// A capitalised word before a colon in prose (`Bref : …`).
    Prose,
    /// Several people at once (`Meenu and Anastasia:`): an answer credited to no one of them.
    Group,
    /// A stage direction between turns (`Break:`, `Jingle:`): not speech.
    Direction,
}

pub(super) fn ends_as_question(text: &str) -> bool {
    text.trim_end_matches(|c: char| is_space(c) || matches!(c, '»' | '”' | '"' | ')' | '*' | '_'))
        .ends_with(['?', '？'])
}

/// `3. Pourquoi ?` or `3) …`: the number and the byte offset of the text after it.
pub(super) fn numbered(text: &str) -> Option<(u32, usize)> {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let rest = text.slice(digits..);
    let rest = rest.strip_prefix(['.', ')'])?;
    let after = rest.trim_start_matches(is_space);
    if after.len() == rest.len() || after.is_empty() {
        return None;
    }
    Some((text.slice(..digits).parse().ok()?, text.len() - after.len()))
}

/// What the assembler needs from the classification.
pub(super) struct Context<'a> {
    pub lines: &'a [SourceLine],
    pub kinds: &'a [Kind<'a>],
    pub resolved: &'a [Option<Resolved>],
    /// Whether each unlabelled line is a question (ends in `?`, numbered or emphasised in a
    /// document that marks its questions so).
    pub question_line: &'a [bool],
    /// The first line after the intro.
    pub start: usize,
    pub speakers: &'a [Speaker],
    pub credits: &'a Credits,
    pub interviewer_ids: &'a [SpeakerId],
    pub interviewees: &'a [SpeakerId],
    /// The person whose `## Name` section starts at each line, for pages of several short interviews.
    pub sections: &'a [Option<SpeakerId>],
    /// The file's text, to show lines in diagnostics (none for a Word document).
    pub source: Option<&'a str>,
}

impl Context<'_> {
    /// With one interviewee, an unlabelled answer is theirs.
    fn sole_interviewee(&self) -> Option<SpeakerId> {
        (self.interviewees.len() == 1).then(|| self.interviewees[0])
    }
}

pub(super) struct Assembled {
    pub turns: Vec<Turn>,
    pub marks: Vec<EditorMark>,
    pub footer: Vec<Paragraph>,
    /// The label each speaker first answered under.
    pub used_labels: Vec<(SpeakerId, String)>,
    pub diagnostics: Vec<Diagnostic>,
}

pub(super) fn assemble(ctx: Context) -> Assembled {
    let mut diagnostics = Vec::new();
    let mut turns: Vec<Turn> = Vec::new();
    let mut marks: Vec<EditorMark> = Vec::new();
    let mut footer = Vec::new();
    let mut in_credit_block = false;
    let mut previous_blank = false;
    let mut previous_mark: Option<usize> = None;
    let mut used_labels: Vec<(SpeakerId, String)> = Vec::new();
    let mut has_used_label = vec![false; ctx.speakers.len()];
    let mut unlabelled_reported = false;
    // With `## Name` sections, unlabelled answers are the section's person's.
    let mut section: Option<SpeakerId> = ctx.sections[..ctx.start.min(ctx.sections.len())]
        .iter()
        .rev()
        .find_map(|s| *s);

    for (i, kind) in ctx.kinds.iter().enumerate().skip(ctx.start) {
        let line = &ctx.lines[i];
        let blank_before = std::mem::replace(&mut previous_blank, matches!(kind, Kind::Blank));
        let mark_before = previous_mark.take();
        let whole = || paragraph(line, line.text.trim_end_matches(is_space), 0);
        if matches!(kind, Kind::Blank) {
            in_credit_block = false;
            previous_mark = mark_before;
            continue;
        }
        if in_credit_block && matches!(kind, Kind::Plain) {
            footer.push(whole());
            continue;
        }
        in_credit_block = false;
        match kind {
            Kind::Blank | Kind::Aside | Kind::Consumed => {}
            Kind::Heading => {
                if let Some(person) = ctx.sections.get(i).copied().flatten() {
                    section = Some(person);
                } else if ends_as_question(&line.text) {
                    turns.push(question(vec![whole()], None));
                }
            }
            Kind::Mark(mark) => {
                marks.push(mark.clone());
                previous_mark = Some(marks.len() - 1);
            }
            Kind::Labelled(label) => {
                let rest = answer_paragraph(line, label);
                let continues_last = line.hint.continues && !line.text.is_empty();
                match ctx.resolved[i].unwrap_or(Resolved::Prose) {
                    Resolved::Credit => {
                        footer.push(whole());
                        in_credit_block = true;
                    }
                    Resolved::Direction => {}
                    Resolved::Prose => extend_or_start(
                        &mut turns,
                        whole(),
                        section.or(ctx.sole_interviewee()),
                        line,
                        ctx.source,
                        &mut diagnostics,
                        &mut unlabelled_reported,
                    ),
                    Resolved::Question => push_turn(
                        &mut turns,
                        question(rest.into_iter().collect(), Some(label.raw)),
                        continues_last,
                    ),
                    Resolved::Speaker(id) if ctx.interviewer_ids.contains(&id) => push_turn(
                        &mut turns,
                        question(rest.into_iter().collect(), Some(label.raw)),
                        continues_last,
                    ),
                    resolution => {
                        let speaker = match resolution {
                            Resolved::Speaker(id) => Some(id),
                            Resolved::AnonymousAnswer => {
                                if section.or(ctx.sole_interviewee()).is_none() {
                                    let (message, hint) = if ctx.interviewees.is_empty() {
                                        (
                                            format!("answer label `{}` names nobody, and the file introduces no interviewee", label.raw),
                                            "introduce the interviewee in the first paragraph (\"Entretien avec Prénom Nom, rôle\") or in front matter",
                                        )
                                    } else {
                                        (
                                            format!(
                                                "answer label `{}` does not say which of the {} speakers answers",
                                                label.raw,
                                                ctx.interviewees.len()
                                            ),
                                            "label answers with the speaker's initials or name",
                                        )
                                    };
                                    diagnostics.push(at_line(
                                        Diagnostic::warning(message).with_hint(hint),
                                        line,
                                        line.column,
                                        ctx.source,
                                    ));
                                }
                                section.or(ctx.sole_interviewee())
                            }
                            _ => None,
                        };
                        if let (Some(id), Resolved::Speaker(_)) = (speaker, resolution) {
                            if !has_used_label[id] {
                                has_used_label[id] = true;
                                used_labels.push((id, label.raw.to_owned()));
                            }
                        }
                        let turn = Turn {
                            kind: TurnKind::Answer,
                            speaker,
                            label: Some(label.raw.to_owned()),
                            paragraphs: rest.into_iter().collect(),
                        };
                        push_turn(&mut turns, turn, continues_last);
                    }
                }
            }
            Kind::Plain => {
                let text = line.text.trim_end_matches(is_space);
                if line.hint.continues {
                    if let Some(p) = turns.last_mut().and_then(|t| t.paragraphs.last_mut()) {
                        p.text.push(' ');
                        p.text.push_str(text.trim_start_matches(is_space));
                    }
                } else if is_footer_cue(text) || super::cast::is_signature(text) {
                    footer.push(whole());
                    in_credit_block = true;
                } else if let Some(credit) =
                    mark_before.and_then(|m| credit_line(text, ctx.credits).map(|c| (m, c)))
                {
                    marks[credit.0].credit = Some(credit.1);
                } else if ctx.question_line[i] {
                    let mut p = whole();
                    if let Some((_, offset)) = numbered(text) {
                        p = paragraph(line, text, offset);
                    }
                    match turns.last_mut() {
                        Some(last) if last.kind == TurnKind::Question && !blank_before => {
                            last.paragraphs.push(p)
                        }
                        _ => turns.push(question(vec![p], None)),
                    }
                } else {
                    extend_or_start(
                        &mut turns,
                        whole(),
                        section.or(ctx.sole_interviewee()),
                        line,
                        ctx.source,
                        &mut diagnostics,
                        &mut unlabelled_reported,
                    );
                }
            }
        }
    }

    Assembled {
        turns,
        marks,
        footer,
        used_labels,
        diagnostics,
    }
}

pub(super) fn is_footer_cue(text: &str) -> bool {
    const CUES: &[&str] = &[
        "propos recueillis",
        "entretien réalisé par",
        "interview réalisée par",
        "interview by",
        "interviewed by",
        "interview conducted by",
        "crédits",
        "credits",
        "crédit photo",
        "photo credit",
        "© ",
        "(c) ",
        "copyright",
        "tous droits réservés",
        "all rights reserved",
        "this interview has been edited",
        "this interview was edited",
        "cet entretien a été",
        "l’entretien a été",
    ];
    if text.len() > 300 {
        return false;
    }
    // The cues open the line: lower-casing its start is enough.
    let lower: String = text
        .trim_start_matches(['*', '_', '(', '['])
        .chars()
        .take(40)
        .flat_map(char::to_lowercase)
        .collect();
    CUES.iter().any(|cue| lower.starts_with(cue))
}

/// Reports a problem at a line, showing the line under the message.
pub(super) fn at_line(d: Diagnostic, line: &SourceLine, column: usize, source: Option<&str>) -> Diagnostic {
    let d = d.at(line.line, column);
    match source {
        Some(text) => d.with_source(text),
        None => {
            // No file text (a Word document): show the paragraph, with the caret in it.
            let mut d = d;
            d.source_line = Some(line.text.clone());
            d.column = Some(column.saturating_sub(line.column) + 1);
            d
        }
    }
}

/// A paragraph of `text[offset..]`, where `text` is a prefix of the line's text.
pub(super) fn paragraph(line: &SourceLine, text: &str, offset: usize) -> Paragraph {
    let text_in_line = text.slice(offset..);
    let leading = text_in_line.len() - text_in_line.trim_start_matches(is_space).len();
    let start = offset + leading;
    Paragraph {
        text: text_in_line.trim_matches(is_space).to_owned(),
        line: line.line,
        column: line.column_at(start),
        notes: Vec::new(),
    }
}

/// The text after a label; an answer the transcriber wrapped in quote marks (`Vic: “…”`) loses them.
fn answer_paragraph(line: &SourceLine, label: &Label) -> Option<Paragraph> {
    if label.rest.is_empty() {
        return None;
    }
    let column = line.column_at(label.rest_offset);
    let mut wrapped = SourceLine::plain(label.rest, line.line);
    wrapped.column = column;
    if let Some(mark) = marks::as_mark(&wrapped).filter(|m| m.credit.is_none()) {
        return Some(Paragraph {
            text: mark.text,
            line: line.line,
            column: mark.column,
            notes: Vec::new(),
        });
    }
    Some(Paragraph {
        text: label.rest.to_owned(),
        line: line.line,
        column,
        notes: Vec::new(),
    })
}

fn question(paragraphs: Vec<Paragraph>, label: Option<&str>) -> Turn {
    Turn {
        kind: TurnKind::Question,
        speaker: None,
        label: label.map(str::to_owned),
        paragraphs,
    }
}

/// Starts `turn`, or, for a subtitle cue continuing the same voice, adds its words to the last one.
fn push_turn(turns: &mut Vec<Turn>, turn: Turn, continues: bool) {
    if let Some(last) = turns.last_mut() {
        // Subtitles relabel a speaker (`ALAN TREVASKIS:` then `ALAN:`) without a new turn.
        let same_voice = last.kind == turn.kind
            && (last.speaker == turn.speaker && (turn.speaker.is_some() || last.label == turn.label));
        if continues && same_voice {
            for p in turn.paragraphs {
                match last.paragraphs.last_mut() {
                    Some(previous) => {
                        previous.text.push(' ');
                        previous.text.push_str(&p.text);
                    }
                    None => last.paragraphs.push(p),
                }
            }
            return;
        }
    }
    turns.push(turn);
}

/// An unlabelled paragraph: continues the current answer, completes a label-only question, or
/// answers the last question — the sole interviewee's, else unattributed with a diagnostic.
fn extend_or_start(
    turns: &mut Vec<Turn>,
    paragraph: Paragraph,
    sole_interviewee: Option<SpeakerId>,
    line: &SourceLine,
    source: Option<&str>,
    diagnostics: &mut Vec<Diagnostic>,
    reported: &mut bool,
) {
    match turns.last_mut() {
        Some(turn) if turn.kind == TurnKind::Answer || turn.paragraphs.is_empty() => {
            turn.paragraphs.push(paragraph)
        }
        Some(_) => {
            if sole_interviewee.is_none() && !*reported {
                *reported = true;
                diagnostics.push(at_line(
                    Diagnostic::warning("an unlabelled answer follows a question, but the interview has several speakers; it is left unattributed")
                        .with_hint("start each answer with its speaker's label, e.g. `AO: …`"),
                    line,
                    paragraph.column,
                    source,
                ));
            }
            turns.push(Turn {
                kind: TurnKind::Answer,
                speaker: sole_interviewee,
                label: None,
                paragraphs: vec![paragraph],
            });
        }
        // A testimony: the person's own words follow the lead without any question.
        None if sole_interviewee.is_some() => turns.push(Turn {
            kind: TurnKind::Answer,
            speaker: sole_interviewee,
            label: None,
            paragraphs: vec![paragraph],
        }),
        None => {}
    }
}

/// `Aziz Oulhiyane, responsable …` or `— Aziz Oulhiyane` under a mark: the credited person's text.
fn credit_line(text: &str, credits: &Credits) -> Option<String> {
    if let Some(credit) = marks::dash_credit(text) {
        return Some(credit.to_owned());
    }
    let text = text.trim_matches(is_space);
    let name = text.split(',').next()?.trim();
    (text.chars().count() <= 120 && credits.speaker(name).is_some()).then(|| text.to_owned())
}

/// The roster looked up by the name a credit gives, built once per transcript: a transcript of
/// thousands of marks and speakers must not rebuild it for every credit.
pub(super) struct Credits {
    /// A speaker's full name or label, as a key → who has it.
    names: HashMap<String, Vec<SpeakerId>>,
    index: Index,
}

impl Credits {
    pub fn new(speakers: &[Speaker]) -> Credits {
        let mut names: HashMap<String, Vec<SpeakerId>> = HashMap::new();
        for (id, s) in speakers.iter().enumerate() {
            for key in [name_key(&s.name), name_key(&s.label)] {
                let ids = names.entry(key).or_default();
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        Credits {
            names,
            index: Index::new(speakers),
        }
    }

    /// The one speaker a credit names, by full name, label or first name.
    pub fn speaker(&self, credit: &str) -> Option<SpeakerId> {
        let name = credit.split([',', '(']).next()?.trim();
        if let Some([one]) = self.names.get(&name_key(name)).map(Vec::as_slice) {
            return Some(*one);
        }
        let kind = super::labels::classify_label(name)?;
        match self.index.resolve(&kind, name).as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    }
}
