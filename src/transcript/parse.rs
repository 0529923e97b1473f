//! Classifies a transcript's lines into intro, questions, answers, editor marks and footer, and
//! assembles them into turns attributed to speakers.

use super::frontmatter::{self, FrontMatter};
use super::labels::{is_space, name_key, split_label, Label, LabelKind};
use super::marks::{self, SpeechIndex};
use super::roster::people_in_intro;
use super::source::{text_format, Format, SourceLine};
use super::speakers::{interviewer_in, resolve, roster};
use super::{notes, srt, text, vtt};
use super::{EditorMark, Language, Paragraph, Speaker, SpeakerId, Transcript, Turn, TurnKind};
use crate::diagnostic::Diagnostic;

/// How a single source line was read.
enum Kind<'a> {
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
enum Resolved {
    Speaker(SpeakerId),
    /// Could be several people: the turn stays unattributed.
    Ambiguous,
    Question,
    /// `R:`/`A:`: the sole interviewee's, if there is one.
    AnonymousAnswer,
    Credit,
    /// A capitalised word before a colon in prose (`Bref : …`).
    Prose,
}

/// Parses decoded transcript text (front matter, plain text, Markdown, WebVTT or SRT).
///
/// Invalid front matter is reported as an error diagnostic and the text is read without it;
/// [`super::read`] refuses such a file instead.
pub fn parse(text: &str) -> Transcript {
    match parse_text(text, None) {
        Ok(t) => t,
        Err(diagnostic) => {
            let body = frontmatter::split(text).map_or(text, |s| &text[s.body_start..]);
            let mut t =
                parse_text(body, None).unwrap_or_else(|_| build(Vec::new(), Default::default(), None));
            t.diagnostics.insert(0, *diagnostic);
            t
        }
    }
}

/// Parses decoded text whose file name (for the extension) may be known.
pub(crate) fn parse_text(text: &str, path: Option<&std::path::Path>) -> Result<Transcript, Box<Diagnostic>> {
    let (front, body, first_line) = match frontmatter::split(text) {
        Some(split) => (
            frontmatter::parse(split.yaml)?,
            &text[split.body_start..],
            split.lines + 1,
        ),
        None => (FrontMatter::default(), text, 1),
    };
    let format = text_format(path, body);
    let lines = match format {
        Format::WebVtt => vtt::lines(body, first_line),
        Format::Srt => srt::lines(body, first_line),
        _ => text::lines(body, format, first_line),
    };
    let mut transcript = build(lines, front, Some(text));
    transcript.format = format;
    Ok(transcript)
}

fn ends_as_question(text: &str) -> bool {
    text.trim_end_matches(|c: char| is_space(c) || matches!(c, '»' | '”' | '"' | ')' | '*' | '_'))
        .ends_with(['?', '？'])
}

/// `3. Pourquoi ?` or `3) …`: the number and the byte offset of the text after it.
fn numbered(text: &str) -> Option<(u32, usize)> {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let rest = &text[digits..];
    let rest = rest.strip_prefix(['.', ')'])?;
    let after = rest.trim_start_matches(is_space);
    if after.len() == rest.len() || after.is_empty() {
        return None;
    }
    Some((text[..digits].parse().ok()?, text.len() - after.len()))
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
        .filter(|w| !w.is_empty() && w.len() <= 4)
        .take(5000)
    {
        let w = word.to_lowercase();
        fr += usize::from(FR.contains(&w.as_str()));
        en += usize::from(EN.contains(&w.as_str()));
    }
    if fr > en {
        Language::French
    } else {
        Language::English
    }
}

fn classify<'a>(line: &'a SourceLine) -> Kind<'a> {
    let text = line.text.as_str();
    if line.hint.aside {
        return Kind::Aside;
    }
    if let Some(voice) = &line.hint.voice {
        let rest = text.trim_matches(is_space);
        let kind = super::labels::classify_label(voice).unwrap_or_else(|| LabelKind::Name(voice.clone()));
        return Kind::Labelled(Label {
            kind,
            raw: voice,
            rest,
            rest_offset: text.len() - text.trim_start_matches(is_space).len(),
        });
    }
    if text.trim_matches(is_space).is_empty() {
        return Kind::Blank;
    }
    if line.hint.heading {
        return Kind::Heading;
    }
    if let Some(mark) = marks::as_mark(line) {
        return Kind::Mark(mark);
    }
    match split_label(text) {
        Some(label) => Kind::Labelled(label),
        None => Kind::Plain,
    }
}

/// Reads consecutive block-quote lines as one mark: `> first line` / `> second line` / `> — Name`.
fn join_block_quotes<'a>(lines: &'a [SourceLine], kinds: &mut [Kind<'a>]) {
    let mut i = 0;
    while i < lines.len() {
        if !lines[i].hint.block_quote || lines[i].text.trim().is_empty() {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < lines.len() && lines[end].hint.block_quote && !lines[end].text.trim().is_empty() {
            end += 1;
        }
        if end - i > 1 {
            let mut body: Vec<&str> = lines[i..end].iter().map(|l| l.text.trim()).collect();
            let credit = body.last().and_then(|l| marks::dash_credit(l)).map(str::to_owned);
            if credit.is_some() {
                body.pop();
            }
            let mut joined = lines[i].clone();
            joined.text = body.join(" ");
            if let Some(mut mark) = marks::as_mark(&joined) {
                mark.credit = mark.credit.or(credit);
                kinds[i] = Kind::Mark(mark);
                for kind in &mut kinds[i + 1..end] {
                    *kind = Kind::Consumed;
                }
            }
        }
        i = end;
    }
}

fn is_footer_cue(text: &str) -> bool {
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
    let lower = text.trim_start_matches(['*', '_', '(', '[']).to_lowercase();
    CUES.iter().any(|cue| lower.starts_with(cue))
}

/// Reports a problem at a line, showing the line under the message.
fn at_line(d: Diagnostic, line: &SourceLine, column: usize, source: Option<&str>) -> Diagnostic {
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

/// Builds a transcript from the lines a format reader produced.
pub(crate) fn build(lines: Vec<SourceLine>, front: FrontMatter, source: Option<&str>) -> Transcript {
    let mut kinds: Vec<Kind> = lines.iter().map(classify).collect();
    join_block_quotes(&lines, &mut kinds);
    let mut diagnostics = Vec::new();

    // Documents that number or embolden their questions do it for all of them, `?` or not. An
    // emphasised line is a question only when plain text (its answer) follows it.
    let next_text = |i: usize| {
        lines[i + 1..]
            .iter()
            .find(|l| !l.text.trim().is_empty() || l.hint.voice.is_some())
    };
    let emphasised_question: Vec<bool> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            l.hint.emphasised
                && l.text.chars().count() <= 300
                && next_text(i).is_some_and(|n| !n.hint.emphasised)
        })
        .collect();
    let plain_questions = |test: &dyn Fn(usize) -> bool| {
        let candidates: Vec<usize> = (0..lines.len())
            .filter(|&i| matches!(kinds[i], Kind::Plain) && test(i))
            .collect();
        candidates.len() >= 2 && candidates.iter().any(|&i| ends_as_question(&lines[i].text))
    };
    let numbered_questions = plain_questions(&|i| numbered(&lines[i].text).is_some())
        && lines
            .iter()
            .filter(|l| numbered(&l.text).is_some() && ends_as_question(&l.text))
            .count()
            >= 2;
    let emphasised_questions = plain_questions(&|i| emphasised_question[i]);
    let is_question_at = |i: usize| {
        let line = &lines[i];
        ends_as_question(&line.text)
            || (numbered_questions && numbered(&line.text).is_some())
            || (emphasised_questions && emphasised_question[i])
    };

    // The intro is everything before the first turn: the first label or question.
    let intro_end = lines
        .iter()
        .zip(&kinds)
        .enumerate()
        .position(|(i, (line, kind))| match kind {
            Kind::Labelled(l) => !matches!(l.kind, LabelKind::Credit),
            Kind::Plain => is_question_at(i) && !is_footer_cue(&line.text),
            Kind::Heading => ends_as_question(&line.text),
            _ => false,
        })
        .unwrap_or(lines.len());
    let mut title = front.title.clone();
    let mut intro = Vec::new();
    for (line, kind) in lines[..intro_end].iter().zip(&kinds) {
        match kind {
            Kind::Heading if title.is_none() => title = Some(line.text.trim().to_owned()),
            Kind::Plain | Kind::Labelled(_) => intro.push(paragraph(line, &line.text, 0)),
            _ => {}
        }
    }
    let intro_text: String = intro
        .iter()
        .map(|p| super::labels::without_invisibles(&p.text))
        .collect::<Vec<_>>()
        .join("\n");

    // The interviewer, when credits or front matter name them, is not a speaker.
    let interviewer = front.interviewer.clone().or_else(|| {
        lines
            .iter()
            .filter(|l| l.text.len() < 300)
            .find_map(|l| interviewer_in(&l.text))
    });

    // Roster: front matter alone when it declares speakers; else the intro, then full-name labels.
    let mut speakers: Vec<Speaker> = if front.speakers.is_empty() {
        let mut full_names: Vec<String> = Vec::new();
        for kind in &kinds[intro_end..] {
            if let Kind::Labelled(Label {
                kind: LabelKind::Name(name),
                ..
            }) = kind
            {
                if name.split(is_space).filter(|w| !w.is_empty()).count() >= 2
                    && !full_names.iter().any(|n| name_key(n) == name_key(name))
                {
                    full_names.push(name.clone());
                }
            }
        }
        roster(people_in_intro(&intro_text), &full_names, interviewer.as_deref())
    } else {
        front.speakers.iter().map(Speaker::declared).collect()
    };

    // Resolve every label once, creating speakers for unknown labels (with a diagnostic).
    let mut label_counts: std::collections::BTreeMap<String, usize> = Default::default();
    for kind in &kinds[intro_end..] {
        if let Kind::Labelled(l) = kind {
            *label_counts.entry(name_key(l.raw)).or_default() += 1;
        }
    }
    let label_lines = |key: &str| label_counts.get(key).copied().unwrap_or(0);
    let interviewer_key = interviewer.as_deref().map(name_key);
    let mut resolved: Vec<Option<Resolved>> = vec![None; lines.len()];
    for (i, kind) in kinds.iter().enumerate().skip(intro_end) {
        let Kind::Labelled(label) = kind else { continue };
        let line = &lines[i];
        let label_column = line.column_at(line.text.len() - line.text.trim_start_matches(is_space).len());
        resolved[i] = Some(match &label.kind {
            LabelKind::Credit => Resolved::Credit,
            LabelKind::Question => Resolved::Question,
            LabelKind::Answer => Resolved::AnonymousAnswer,
            _ if interviewer_key.as_deref() == Some(name_key(label.raw).as_str()) => Resolved::Question,
            kind @ (LabelKind::Initials(_) | LabelKind::Name(_) | LabelKind::Placeholder(_)) => {
                let matches = resolve(&speakers, kind, label.raw);
                match matches.as_slice() {
                    [one] => Resolved::Speaker(*one),
                    [] if matches!(kind, LabelKind::Name(n) if !n.contains(' '))
                        && line.hint.voice.is_none()
                        && label_lines(&name_key(label.raw)) < 2 =>
                    {
                        Resolved::Prose
                    }
                    [] => {
                        let (message, hint) = match kind {
                            LabelKind::Placeholder(_) => (
                                format!("speaker `{}` is not named; their quotes will be credited to `{}`", label.raw, label.raw),
                                format!("name them in front matter:\n    ---\n    speakers:\n      {}: {{name: Prénom Nom, role: …}}\n    ---", label.raw),
                            ),
                            _ => (
                                format!("unknown speaker label `{}`", label.raw),
                                "name the speaker in the intro (\"Entretien avec Prénom Nom, rôle\"), in front matter, or use a full-name label".to_owned(),
                            ),
                        };
                        diagnostics.push(at_line(
                            Diagnostic::warning(message).with_hint(hint),
                            line,
                            label_column,
                            source,
                        ));
                        // Named nowhere: credited as written, never guessed into a name.
                        speakers.push(Speaker {
                            label: label.raw.to_owned(),
                            name: label.raw.to_owned(),
                            role: None,
                            organisation: None,
                            photo: None,
                        });
                        Resolved::Speaker(speakers.len() - 1)
                    }
                    many => {
                        let names: Vec<&str> = many.iter().map(|&i| speakers[i].name.as_str()).collect();
                        diagnostics.push(at_line(
                            Diagnostic::warning(format!(
                                "label `{}` could be {}; the turn is left unattributed",
                                label.raw,
                                names.join(" or ")
                            ))
                            .with_hint("use distinct labels, or declare them in front matter"),
                            line,
                            label_column,
                            source,
                        ));
                        Resolved::Ambiguous
                    }
                }
            }
        });
    }

    // The interviewer: named by front matter or credits, or a labelled person who only asks.
    let mut interviewer_ids: Vec<SpeakerId> = Vec::new();
    if let Some(name) = &interviewer {
        let key = name_key(name);
        interviewer_ids.extend(
            speakers
                .iter()
                .enumerate()
                .filter(|(_, s)| name_key(&s.name) == key || name_key(&s.label) == key)
                .map(|(i, _)| i),
        );
    }
    if interviewer_ids.is_empty() {
        let mut asks: Vec<(usize, usize)> = vec![(0, 0); speakers.len()];
        for (i, r) in resolved.iter().enumerate() {
            if let Some(Resolved::Speaker(id)) = r {
                asks[*id].0 += 1;
                if let Kind::Labelled(l) = &kinds[i] {
                    asks[*id].1 += usize::from(ends_as_question(l.rest) || l.rest.is_empty());
                }
            }
        }
        let answering = asks.iter().filter(|(n, q)| n > q).count();
        for (id, (n, q)) in asks.iter().enumerate() {
            if *n >= 2 && n == q && answering >= 1 && front.speakers.is_empty() {
                interviewer_ids.push(id);
            }
        }
    }
    let interviewees: Vec<SpeakerId> = (0..speakers.len())
        .filter(|i| !interviewer_ids.contains(i))
        .collect();
    let sole_interviewee = (interviewees.len() == 1).then(|| interviewees[0]);

    // A set-apart line that repeats no answer and has no credit is speech: a lyric, a quotation.
    let mut said = SpeechIndex::default();
    for (i, kind) in kinds.iter().enumerate().skip(intro_end) {
        match kind {
            Kind::Labelled(l)
                if matches!(
                    resolved[i],
                    Some(Resolved::Speaker(_) | Resolved::AnonymousAnswer | Resolved::Ambiguous)
                ) =>
            {
                said.add(l.rest)
            }
            Kind::Plain => said.add(&lines[i].text),
            _ => {}
        }
    }
    for kind in kinds.iter_mut().skip(intro_end) {
        if let Kind::Mark(mark) = kind {
            if mark.credit.is_none() && !said.repeats(&mark.text) {
                *kind = Kind::Plain;
            }
        }
    }

    let mut turns: Vec<Turn> = Vec::new();
    let mut marks: Vec<EditorMark> = Vec::new();
    let mut footer = Vec::new();
    let mut in_credit_block = false;
    let mut previous_blank = false;
    let mut previous_mark: Option<usize> = None;
    let mut used_labels: Vec<(SpeakerId, String)> = Vec::new();
    let mut unlabelled_reported = false;

    for (i, kind) in kinds.iter().enumerate().skip(intro_end) {
        let line = &lines[i];
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
                if ends_as_question(&line.text) {
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
                match resolved[i].unwrap_or(Resolved::Prose) {
                    Resolved::Credit => {
                        footer.push(whole());
                        in_credit_block = true;
                    }
                    Resolved::Prose => extend_or_start(
                        &mut turns,
                        whole(),
                        sole_interviewee,
                        line,
                        source,
                        &mut diagnostics,
                        &mut unlabelled_reported,
                    ),
                    Resolved::Question => push_turn(
                        &mut turns,
                        question(rest.into_iter().collect(), Some(label.raw)),
                        continues_last,
                    ),
                    Resolved::Speaker(id) if interviewer_ids.contains(&id) => push_turn(
                        &mut turns,
                        question(rest.into_iter().collect(), Some(label.raw)),
                        continues_last,
                    ),
                    resolution => {
                        let speaker = match resolution {
                            Resolved::Speaker(id) => Some(id),
                            Resolved::AnonymousAnswer => {
                                if sole_interviewee.is_none() {
                                    diagnostics.push(at_line(
                                        Diagnostic::warning(format!(
                                            "answer label `{}` does not say which of the {} speakers answers",
                                            label.raw,
                                            interviewees.len()
                                        ))
                                        .with_hint("label answers with the speaker's initials or name"),
                                        line,
                                        line.column,
                                        source,
                                    ));
                                }
                                sole_interviewee
                            }
                            _ => None,
                        };
                        if let (Some(id), Resolved::Speaker(_)) = (speaker, resolution) {
                            if !used_labels.iter().any(|(s, _)| *s == id) {
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
                } else if is_footer_cue(text) {
                    footer.push(whole());
                    in_credit_block = true;
                } else if let Some(credit) =
                    mark_before.and_then(|m| credit_line(text, &speakers).map(|c| (m, c)))
                {
                    marks[credit.0].credit = Some(credit.1);
                } else if is_question_at(i) {
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
                        sole_interviewee,
                        line,
                        source,
                        &mut diagnostics,
                        &mut unlabelled_reported,
                    );
                }
            }
        }
    }

    turns.retain(|t| !t.paragraphs.is_empty());
    // Editor's notes inside answers are not speech.
    for turn in turns.iter_mut().filter(|t| t.kind == TurnKind::Answer) {
        for p in &mut turn.paragraphs {
            let (speech, found) = notes::extract(&p.text);
            if !found.is_empty() {
                p.text = speech;
                p.notes = found;
            }
        }
        turn.paragraphs
            .retain(|p| !p.text.trim_matches(is_space).is_empty());
    }
    turns.retain(|t| !t.paragraphs.is_empty());

    for mark in &mut marks {
        mark.speaker = mark
            .credit
            .as_deref()
            .and_then(|c| credited_speaker(c, &speakers));
    }
    // The label actually used in the transcript is the speaker's label.
    for (id, raw) in used_labels {
        speakers[id].label = raw;
    }
    let interviewer_name = interviewer_ids
        .first()
        .map(|&id| speakers[id].name.clone())
        .or(interviewer);
    remove_speakers(&mut speakers, &mut turns, &mut marks, &interviewer_ids);

    let language = front.language.unwrap_or_else(|| match source {
        Some(text) => detect_language(text),
        None => detect_language(
            &lines
                .iter()
                .map(|l| l.text.as_str())
                .collect::<Vec<_>>()
                .join("\n"),
        ),
    });
    Transcript {
        path: None,
        format: Format::Text,
        title,
        date: front.date,
        source: front.source,
        language,
        encoding: "UTF-8",
        intro,
        interviewer: interviewer_name,
        speakers,
        turns,
        marks,
        footer,
        diagnostics,
    }
}

/// A paragraph of `text[offset..]`, where `text` is a prefix of the line's text.
fn paragraph(line: &SourceLine, text: &str, offset: usize) -> Paragraph {
    let text_in_line = &text[offset..];
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
        None => {}
    }
}

/// `Aziz Oulhiyane, responsable …` or `— Aziz Oulhiyane` under a mark: the credited person's text.
fn credit_line(text: &str, speakers: &[Speaker]) -> Option<String> {
    if let Some(credit) = marks::dash_credit(text) {
        return Some(credit.to_owned());
    }
    let text = text.trim_matches(is_space);
    let name = text.split(',').next()?.trim();
    (text.chars().count() <= 120 && credited_speaker(name, speakers).is_some()).then(|| text.to_owned())
}

/// The one speaker a credit names, by full name, label or first name.
fn credited_speaker(credit: &str, speakers: &[Speaker]) -> Option<SpeakerId> {
    let name = credit.split([',', '(']).next()?.trim();
    let key = name_key(name);
    let by_name: Vec<SpeakerId> = speakers
        .iter()
        .enumerate()
        .filter(|(_, s)| name_key(&s.name) == key || name_key(&s.label) == key)
        .map(|(i, _)| i)
        .collect();
    if let [one] = by_name.as_slice() {
        return Some(*one);
    }
    let kind = super::labels::classify_label(name)?;
    match resolve(speakers, &kind, name).as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

/// Takes people out of the roster, renumbering the speaker ids that turns and marks hold.
fn remove_speakers(
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
    fn seed_editor_note_is_not_speech() {
        let t = parse(SEED);
        let p = &t.turns[2].paragraphs[0];
        assert!(p.text.contains("avec Yannick notamment"), "{}", p.text);
        assert_eq!(p.notes.len(), 1);
        let at = p.text.find("notamment").unwrap();
        // The column of text after the note still points into the file.
        let line = SEED.lines().nth(3).unwrap();
        let expected = line[..line.find("notamment").unwrap()].chars().count() + 1;
        assert_eq!(p.source_column(at), expected);
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

    #[test]
    fn two_interviewees_unlabelled_answer_is_reported() {
        let t = parse("Entretien avec Anne Roux, maire, et Paul Dumas, adjoint.\nPourquoi ?\nParce que.\n");
        assert_eq!(t.answers().next().unwrap().speaker, None);
        assert_eq!(t.diagnostics.len(), 1, "{:?}", t.diagnostics);
        assert_eq!(t.diagnostics[0].line, Some(3));
    }

    #[test]
    fn interviewer_with_a_name_label_asks_the_questions() {
        let t = parse("Sarah Kim: What brought you here?\nMaria Lopez: The sea.\nSarah Kim: And why stay?\nMaria Lopez: The people.\n");
        assert_eq!(t.speakers.len(), 1, "{:?}", t.speakers);
        assert_eq!(t.interviewer.as_deref(), Some("Sarah Kim"));
        assert_eq!(t.turns.iter().filter(|t| t.kind == TurnKind::Question).count(), 2);
        assert!(t.answers().all(|a| a.speaker == Some(0)));
    }

    #[test]
    fn quoted_lyric_inside_an_answer_stays_speech() {
        let t = parse("Entretien avec Vic Moreau, chanteuse.\nVotre chanson préférée ?\nVic : Celle de mon père. Il chantait :\n« Je suis venu te dire que je m’en vais, ce soir »\nEt je pleurais.\n");
        assert!(t.marks.is_empty(), "{:?}", t.marks);
        let answer = t.answers().next().unwrap();
        assert_eq!(answer.paragraphs.len(), 3);
        assert_eq!(answer.speaker, Some(0));
    }

    #[test]
    fn answer_in_quote_marks_after_its_label() {
        let t = parse("We spoke with Vic Moreau, a singer.\nWhy sing?\nVic: “Because nothing else makes sense to me.”\n");
        let p = &t.answers().next().unwrap().paragraphs[0];
        assert_eq!(p.text, "Because nothing else makes sense to me.");
        assert_eq!(p.column, 7);
    }
}
