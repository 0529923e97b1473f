//! Classifies a transcript's lines into intro, questions, answers, editor marks and footer, and
//! assembles them into turns attributed to speakers.

use super::frontmatter::{self, FrontMatter};
use super::labels::{is_space, name_key, split_label, Label, LabelKind};
use super::marks::{self, SpeechIndex};
use super::source::{text_format, Format, SourceLine};
use super::speakers::{interviewer_in, remove_speakers, roster, Index};
use super::turns::{
    assemble, at_line, ends_as_question, is_footer_cue, numbered, paragraph, Assembled, Context, Credits,
    Kind, Resolved,
};
use super::{cast, notes, srt, text, vtt};
use super::{EditorMark, Language, Paragraph, Speaker, SpeakerId, Transcript, Turn, TurnKind};
use crate::boundary::SafeSlice;
use crate::diagnostic::Diagnostic;

/// Parses decoded transcript text (front matter, plain text, Markdown, WebVTT or SRT).
///
/// Invalid front matter is reported as an error diagnostic and the text is read without it;
/// [`super::read`] refuses such a file instead.
pub fn parse(text: &str) -> Transcript {
    match parse_text(text, None) {
        Ok(t) => t,
        Err(diagnostic) => {
            let body = frontmatter::split(text).map_or(text, |s| text.slice(s.body_start..));
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
            text.slice(split.body_start..),
            split.lines + 1,
        ),
        None => (FrontMatter::default(), text, 1),
    };
    let format = text_format(path, body);
    let mut cue_warnings = Vec::new();
    let lines = match format {
        Format::WebVtt => vtt::lines(body, first_line, &mut cue_warnings),
        Format::Srt => srt::lines(body, first_line, &mut cue_warnings),
        _ => text::lines(body, format, first_line),
    };
    let mut transcript = build(lines, front, Some(text));
    transcript.format = format;
    let cue_warnings = cue_warnings.into_iter().map(|d| d.with_source(text));
    transcript.diagnostics.splice(0..0, cue_warnings);
    Ok(transcript)
}

/// Guesses French or English from common function words.
pub fn detect_language(text: &str) -> Language {
    const FR: &[&str] = &[
        "le", "la", "les", "des", "est", "et", "une", "que", "pour", "dans", "sur", "pas", "qui", "nous",
        "je", "du", "ce", "ça", "un", "au", "aux", "vous", "mais", "avec", "oui", "non", "très", "tout",
        "il", "elle", "ne", "mon", "ma", "mes", "votre", "vos", "notre", "quoi", "comme", "aussi",
    ];
    const EN: &[&str] = &[
        "the", "and", "is", "of", "to", "that", "we", "it", "for", "in", "on", "with", "was", "you", "are",
        "this", "i", "my", "what", "how", "why", "but", "have", "our", "yes", "be", "not", "your",
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
    // Short texts have few function words: French accents and guillemets tip the balance.
    fr += text
        .chars()
        .take(5000)
        .filter(|c| matches!(c, 'é' | 'è' | 'ê' | 'à' | 'ç' | 'ù' | 'œ' | '«'))
        .count();
    // Elisions (« c’est », « j’ai », « l’équipe ») and the space French sets before `?`, `!`, `:`
    // and `;` are French; contractions ("don't", "it's", "I'm") are English.
    let sample: String = text.chars().take(5000).collect();
    for (i, c) in sample.char_indices() {
        let before = sample.slice(..i);
        let after = sample.slice(i + c.len_utf8()..);
        if matches!(c, '\'' | '’') && after.starts_with(char::is_alphabetic) {
            let word_before: String = before
                .chars()
                .rev()
                .take_while(|c| c.is_alphabetic())
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect::<String>()
                .to_lowercase();
            let next: String = after
                .chars()
                .take_while(|c| c.is_alphabetic())
                .collect::<String>()
                .to_lowercase();
            if [
                "c", "j", "l", "d", "qu", "n", "s", "m", "t", "jusqu", "lorsqu", "puisqu",
            ]
            .contains(&word_before.as_str())
                && !["s", "t", "ll", "re", "ve", "d", "m"].contains(&next.as_str())
            {
                fr += 2;
            } else if ["s", "t", "ll", "re", "ve", "d", "m"].contains(&next.as_str()) {
                en += 2;
            }
        }
        if matches!(c, '?' | '!' | ':' | ';') && before.ends_with([' ', '\u{a0}', '\u{202f}']) {
            fr += 1;
        }
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
            role: None,
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

/// Builds a transcript from the lines a format reader produced, phase by phase: classify the
/// lines, find the questions, split off the intro, find who asks, gather the people, resolve the
/// labels, tell interviewers from interviewees, assemble the turns, then tidy them.
pub(crate) fn build(lines: Vec<SourceLine>, front: FrontMatter, source: Option<&str>) -> Transcript {
    let mut kinds: Vec<Kind> = lines.iter().map(classify).collect();
    join_block_quotes(&lines, &mut kinds);
    let question_line = question_lines(&lines, &kinds);
    let intro = split_intro(&lines, &kinds, &question_line, &front);
    let sections = person_sections(&lines, &kinds);
    let interviewers = find_interviewers(&lines, &kinds, intro.end, &front);
    let (mut speakers, declared) = gather_people(
        &lines,
        &kinds,
        &question_line,
        &intro,
        &sections,
        &front,
        &interviewers,
    );
    let mut diagnostics = Vec::new();
    let resolved = resolve_labels(
        &lines,
        &kinds,
        intro.end,
        &mut speakers,
        &interviewers,
        source,
        &mut diagnostics,
    );
    let interviewer_ids = find_askers(&lines, &kinds, &resolved, &speakers, &interviewers, declared);
    let interviewees = choose_interviewees(&resolved, &speakers, &interviewer_ids);
    let headline_marks = demote_speech_marks(&lines, &mut kinds, &resolved, intro.end);
    let mut by_name: std::collections::HashMap<String, SpeakerId> = Default::default();
    for (id, s) in speakers.iter().enumerate().rev() {
        by_name.insert(name_key(&s.name), id);
    }
    let section_speakers: Vec<Option<SpeakerId>> = (0..lines.len())
        .map(|i| {
            sections
                .get(&i)
                .and_then(|name| by_name.get(&name_key(name)).copied())
        })
        .collect();

    let credits = Credits::new(&speakers);
    let assembled = assemble(Context {
        lines: &lines,
        kinds: &kinds,
        resolved: &resolved,
        question_line: &question_line,
        start: intro.end,
        speakers: &speakers,
        credits: &credits,
        interviewer_ids: &interviewer_ids,
        interviewees: &interviewees,
        sections: &section_speakers,
        source,
    });
    diagnostics.extend(assembled.diagnostics);
    let Assembled {
        mut turns,
        mut marks,
        footer,
        used_labels,
        ..
    } = assembled;
    add_headline_marks(&mut marks, headline_marks);
    take_out_editor_notes(&mut turns);
    for mark in &mut marks {
        mark.speaker = mark.credit.as_deref().and_then(|c| credits.speaker(c));
    }
    // The label actually used in the transcript is the speaker's label.
    for (id, raw) in used_labels {
        speakers[id].label = raw;
    }
    if !declared {
        find_roles_in_turns(&mut speakers, &turns, &interviewer_ids);
    }
    let interviewer_name = if interviewer_ids.is_empty() {
        (!interviewers.is_empty()).then(|| interviewers.join(", "))
    } else {
        Some(
            interviewer_ids
                .iter()
                .map(|&id| speakers[id].name.clone())
                .collect::<Vec<_>>()
                .join(", "),
        )
    };
    let mut remove = interviewer_ids.clone();
    if !declared {
        remove.extend(silent_people(&speakers, &turns, &marks, &interviewer_ids));
        remove.sort_unstable();
        remove.dedup();
    }
    remove_speakers(&mut speakers, &mut turns, &mut marks, &remove);

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
        title: intro.title,
        date: front.date,
        source: front.source,
        language,
        encoding: "UTF-8",
        intro: intro.paragraphs,
        interviewer: interviewer_name,
        speakers,
        turns,
        marks,
        footer,
        diagnostics,
    }
}

/// Which lines are questions: ending in `?`, or numbered or emphasised in a document that marks
/// all its questions so, `?` or not. An emphasised line is a question only when plain text (its
/// answer) follows it.
fn question_lines(lines: &[SourceLine], kinds: &[Kind]) -> Vec<bool> {
    // The next line with text, for every line, in one backward pass.
    let mut next_text: Vec<Option<usize>> = vec![None; lines.len()];
    let mut following = None;
    for i in (0..lines.len()).rev() {
        next_text[i] = following;
        if !lines[i].text.trim().is_empty() || lines[i].hint.voice.is_some() {
            following = Some(i);
        }
    }
    let emphasised_question: Vec<bool> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            l.hint.emphasised
                && l.text.chars().count() <= 300
                && next_text[i].is_some_and(|n| !lines[n].hint.emphasised)
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
    (0..lines.len())
        .map(|i| {
            let line = &lines[i];
            ends_as_question(&line.text)
                || (numbered_questions && numbered(&line.text).is_some())
                || (emphasised_questions && emphasised_question[i])
        })
        .collect()
}

/// The intro: everything before the first turn (the first label or question).
struct Intro {
    end: usize,
    title: Option<String>,
    paragraphs: Vec<Paragraph>,
    /// The intro's paragraphs, one a line, without invisible characters.
    text: String,
}

fn split_intro(lines: &[SourceLine], kinds: &[Kind], question_line: &[bool], front: &FrontMatter) -> Intro {
    let end = lines
        .iter()
        .zip(kinds)
        .enumerate()
        .position(|(i, (line, kind))| match kind {
            Kind::Labelled(l) => !matches!(l.kind, LabelKind::Credit | LabelKind::Direction),
            Kind::Plain => question_line[i] && !is_footer_cue(&line.text),
            Kind::Heading => ends_as_question(&line.text),
            _ => false,
        })
        .unwrap_or_else(|| testimony_start(lines, kinds));
    let mut title = front.title.clone();
    let mut paragraphs = Vec::new();
    for (line, kind) in lines[..end].iter().zip(kinds) {
        match kind {
            Kind::Heading if title.is_none() && cast::heading_name(&line.text).is_none() => {
                title = Some(line.text.trim().to_owned())
            }
            Kind::Plain | Kind::Labelled(_) => paragraphs.push(paragraph(line, &line.text, 0)),
            _ => {}
        }
    }
    let text = paragraphs
        .iter()
        .map(|p| super::labels::without_invisibles(&p.text))
        .collect::<Vec<_>>()
        .join("\n");
    Intro {
        end,
        title,
        paragraphs,
        text,
    }
}

/// A page with no question and no label is a testimony: a lead that presents the person, then
/// their own words. The first paragraph after the lead that speaks in the first person starts them.
fn testimony_start(lines: &[SourceLine], kinds: &[Kind]) -> usize {
    let plain: Vec<usize> = (0..lines.len())
        .filter(|&i| matches!(kinds[i], Kind::Plain) && !lines[i].hint.continues)
        .collect();
    plain
        .iter()
        .skip(1)
        .find(|&&i| first_person(&lines[i].text))
        .copied()
        .unwrap_or(lines.len())
}

/// Whether a paragraph speaks in the first person: « je », « j’ », « moi », "I", "my".
fn first_person(text: &str) -> bool {
    text.split(|c: char| !c.is_alphabetic() && c != '’' && c != '\'')
        .take(400)
        .any(|w| {
            let w = w.to_lowercase();
            matches!(
                w.as_str(),
                "je" | "moi" | "i" | "my" | "i’m" | "i'm" | "i’ve" | "i've"
            ) || w.starts_with("j’")
                || w.starts_with("j'")
        })
}

/// `## Name` headings of a page that runs several short interviews one after another: each
/// person's answers follow their heading. One such heading alone only names the interviewee.
fn person_sections(lines: &[SourceLine], kinds: &[Kind]) -> std::collections::BTreeMap<usize, String> {
    let found: std::collections::BTreeMap<usize, String> = kinds
        .iter()
        .enumerate()
        .filter(|(_, k)| matches!(k, Kind::Heading))
        .filter_map(|(i, _)| cast::heading_name(&lines[i].text).map(|n| (i, n)))
        .collect();
    found
}

/// Who asks, when the page names them: front matter, a credit in the intro ("Interview by X"), a
/// closing signature (« Propos recueillis par X », « Entretien avec X et Y, le 3 mai »).
fn find_interviewers(
    lines: &[SourceLine],
    kinds: &[Kind],
    intro_end: usize,
    front: &FrontMatter,
) -> Vec<String> {
    if let Some(name) = &front.interviewer {
        return vec![name.clone()];
    }
    let mut names: Vec<String> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let credit_line = is_footer_cue(&line.text) || (i >= intro_end && cast::is_signature(&line.text));
        if !(i < intro_end || credit_line) || !matches!(kinds[i], Kind::Plain | Kind::Labelled(_)) {
            continue;
        }
        if cast::names_interviewee(&line.text) {
            continue;
        }
        if let Some(name) = interviewer_in(&line.text) {
            names.push(name);
        } else if i >= intro_end && cast::is_signature(&line.text) {
            names.extend(cast::signature_names(&line.text));
        }
    }
    let mut seen = Vec::new();
    names.retain(|n| {
        let key = name_key(n);
        let fresh = !seen.contains(&key);
        seen.push(key);
        fresh
    });
    names
}

/// The people on the page before any label is resolved: front matter alone when it declares
/// speakers; else everyone the title, intro, headings and first answer present, then the
/// full-name labels. Returns them and whether front matter declared them.
fn gather_people(
    lines: &[SourceLine],
    kinds: &[Kind],
    question_line: &[bool],
    intro: &Intro,
    sections: &std::collections::BTreeMap<usize, String>,
    front: &FrontMatter,
    interviewers: &[String],
) -> (Vec<Speaker>, bool) {
    if !front.speakers.is_empty() {
        return (front.speakers.iter().map(Speaker::declared).collect(), true);
    }
    let mut full_names: Vec<String> = Vec::new();
    // Keys already gathered: a transcript may have thousands of distinct labels.
    let mut full_name_keys: std::collections::HashSet<String> = Default::default();
    let mut labelled = false;
    let mut label_roles: Vec<(String, &str)> = Vec::new();
    for kind in &kinds[intro.end..] {
        if let Kind::Labelled(label) = kind {
            if let Some(role) = label.role {
                label_roles.push((name_key(label.raw), role));
            }
            match &label.kind {
                LabelKind::Name(name) => {
                    labelled = true;
                    if name.split(is_space).filter(|w| !w.is_empty()).count() >= 2
                        && full_name_keys.insert(name_key(name))
                    {
                        full_names.push(name.clone());
                    }
                }
                LabelKind::Initials(_) | LabelKind::Placeholder(_) | LabelKind::Group(_) => labelled = true,
                _ => {}
            }
        }
    }
    // The first answer: unlabelled lines after the first question.
    let first_answer: String = (intro.end..lines.len())
        .skip_while(|&i| question_line[i] || !matches!(kinds[i], Kind::Plain))
        .take_while(|&i| !question_line[i])
        .filter(|&i| matches!(kinds[i], Kind::Plain))
        .take(3)
        .map(|i| lines[i].text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let headings: Vec<String> = sections.values().cloned().collect();
    let mut people = cast::candidates(&cast::Evidences {
        title: intro.title.as_deref(),
        intro: &intro.text,
        first_answer: &first_answer,
        headings: &headings,
        interviewers,
    });
    // Closing lines after the last question may name the interviewee ("Thanks to X, …").
    let last_question = (0..lines.len()).rev().find(|&i| question_line[i]).unwrap_or(0);
    for i in (last_question.max(intro.end)..lines.len()).filter(|&i| matches!(kinds[i], Kind::Plain)) {
        for person in cast::closing_people(&lines[i].text) {
            if !interviewers.iter().any(|n| name_key(n) == name_key(&person.name)) {
                cast::merge(&mut people, person);
            }
        }
    }
    // Without labels that name people, the answers belong to whoever the page presents most
    // clearly; everyone else is only mentioned.
    let mut people = if labelled || headings.len() >= 2 {
        people
    } else {
        cast::strongest(people)
    };
    // A lead that opens on a question ("Comment navigue-t-on … ?") presents the interviewee
    // after it, in what reads as the first answer.
    if people.is_empty() && !labelled {
        people = cast::strongest(
            super::roster::people_in_intro(&first_answer)
                .into_iter()
                .filter(|p| p.evidence > super::roster::Evidence::Mentioned)
                .filter(|p| !interviewers.iter().any(|n| name_key(n) == name_key(&p.name)))
                .collect(),
        );
    }
    // Nobody named: an interviewee presented only by their job, in a heading or the intro.
    if people.is_empty() && !labelled {
        let intro_headings = (0..intro.end)
            .filter(|&i| matches!(kinds[i], Kind::Heading))
            .map(|i| lines[i].text.as_str());
        people.extend(
            intro_headings
                .chain(intro.title.as_deref())
                .chain(intro.text.lines())
                .find_map(cast::unnamed),
        );
    }
    let mut speakers = roster(people, &full_names, interviewers);
    // `Name, role:` labels state the role of whom they name.
    for speaker in speakers.iter_mut().filter(|s| s.role.is_none()) {
        let key = name_key(&speaker.name);
        if let Some((_, role)) = label_roles.iter().find(|(k, _)| *k == key) {
            let (role, organisation) = super::roles::split(role);
            speaker.role = Some(role);
            speaker.organisation = speaker.organisation.take().or(organisation);
        }
    }
    (speakers, false)
}

/// Resolves every label once, creating speakers for labels that name nobody on the page (with a
/// diagnostic) when they read as a person's.
#[allow(clippy::too_many_arguments)]
fn resolve_labels(
    lines: &[SourceLine],
    kinds: &[Kind],
    intro_end: usize,
    speakers: &mut Vec<Speaker>,
    interviewers: &[String],
    source: Option<&str>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Option<Resolved>> {
    let mut label_counts: std::collections::HashMap<String, usize> = Default::default();
    for kind in &kinds[intro_end..] {
        if let Kind::Labelled(l) = kind {
            *label_counts.entry(name_key(l.raw)).or_default() += 1;
        }
    }
    let label_lines = |key: &str| label_counts.get(key).copied().unwrap_or(0);
    let interviewer_keys: Vec<String> = interviewers.iter().map(|n| name_key(n)).collect();
    let mut resolved: Vec<Option<Resolved>> = vec![None; lines.len()];
    // Interviews repeat a handful of labels: each is resolved once (a new speaker adds one entry).
    let mut resolutions: std::collections::HashMap<String, Vec<SpeakerId>> = Default::default();
    let mut index = Index::new(speakers);
    for (i, kind) in kinds.iter().enumerate().skip(intro_end) {
        let Kind::Labelled(label) = kind else { continue };
        let line = &lines[i];
        let label_column = line.column_at(line.text.len() - line.text.trim_start_matches(is_space).len());
        let key = name_key(label.raw);
        resolved[i] = Some(match &label.kind {
            LabelKind::Credit => Resolved::Credit,
            LabelKind::Direction => Resolved::Direction,
            LabelKind::Question => Resolved::Question,
            LabelKind::Answer => Resolved::AnonymousAnswer,
            LabelKind::Group(_) => Resolved::Group,
            _ if interviewer_keys.contains(&key) => Resolved::Question,
            kind @ (LabelKind::Initials(_) | LabelKind::Name(_) | LabelKind::Placeholder(_)) => {
                let matches = match resolutions.get(label.raw) {
                    Some(known) => known.clone(),
                    None => {
                        let found = index.resolve(kind, label.raw);
                        if !found.is_empty() {
                            resolutions.insert(label.raw.to_owned(), found.clone());
                        }
                        found
                    }
                };
                match matches.as_slice() {
                    [one] => Resolved::Speaker(*one),
                    // One capitalised word before a colon is prose (`Bref : …`) unless it labels
                    // turns again and again, or is a given name.
                    [] if matches!(kind, LabelKind::Name(n) if !n.contains(' '))
                        && line.hint.voice.is_none()
                        && (label_lines(&key) < 2
                            || !matches!(kind, LabelKind::Name(n) if super::names::is_given_name(n))) =>
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
                            // `MARIA LOPEZ` reads as Maria Lopez; initials stay as written.
                            name: match kind {
                                LabelKind::Name(_) => super::labels::display_name(label.raw),
                                _ => label.raw.to_owned(),
                            },
                            role: None,
                            organisation: None,
                            photo: None,
                        });
                        let id = speakers.len() - 1;
                        index.add(id, &speakers[id]);
                        resolutions.insert(label.raw.to_owned(), vec![id]);
                        Resolved::Speaker(id)
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
    resolved
}

/// Who asks the questions: the named interviewers, podcast hosts (who welcome listeners or name
/// their co-host), and labelled people whose turns are nearly all questions.
fn find_askers(
    lines: &[SourceLine],
    kinds: &[Kind],
    resolved: &[Option<Resolved>],
    speakers: &[Speaker],
    interviewers: &[String],
    declared: bool,
) -> Vec<SpeakerId> {
    let keys: Vec<String> = interviewers.iter().map(|n| name_key(n)).collect();
    let mut ids: Vec<SpeakerId> = speakers
        .iter()
        .enumerate()
        .filter(|(_, s)| keys.contains(&name_key(&s.name)) || keys.contains(&name_key(&s.label)))
        .map(|(i, _)| i)
        .collect();
    if !ids.is_empty() || declared {
        return ids;
    }
    // Turns and questions per speaker, and each speaker's first words.
    let mut asks: Vec<(usize, usize)> = vec![(0, 0); speakers.len()];
    let mut opening: Vec<String> = vec![String::new(); speakers.len()];
    for (i, r) in resolved.iter().enumerate() {
        if let Some(Resolved::Speaker(id)) = r {
            asks[*id].0 += 1;
            if let Kind::Labelled(l) = &kinds[i] {
                let rest = if l.rest.is_empty() {
                    lines[i + 1..]
                        .iter()
                        .find(|l| !l.text.trim().is_empty())
                        .map_or("", |l| l.text.as_str())
                } else {
                    l.rest
                };
                asks[*id].1 += usize::from(ends_as_question(rest));
                if asks[*id].0 <= 3 && opening[*id].len() < 2000 {
                    opening[*id].push_str(rest);
                    opening[*id].push('\n');
                }
            }
        }
    }
    let labelled: Vec<SpeakerId> = (0..speakers.len()).filter(|&id| asks[id].0 > 0).collect();
    if labelled.len() >= 2 {
        for &id in &labelled {
            if cast::hosts(&opening[id]) {
                ids.push(id);
                if let Some(co) = cast::co_host(&opening[id], speakers) {
                    ids.push(co);
                }
            }
        }
    }
    let answering = asks.iter().filter(|(n, q)| n > q).count();
    for (id, (n, q)) in asks.iter().enumerate() {
        if *n >= 2 && (n == q || (*n >= 5 && q * 5 >= n * 4)) && answering >= 1 {
            ids.push(id);
        }
    }
    ids.sort_unstable();
    ids.dedup();
    // Someone must answer.
    if ids.len() >= labelled.len() && !labelled.is_empty() {
        ids.clear();
    }
    ids
}

/// The people who may answer unlabelled turns: everyone on the page but the interviewers.
fn choose_interviewees(
    resolved: &[Option<Resolved>],
    speakers: &[Speaker],
    interviewer_ids: &[SpeakerId],
) -> Vec<SpeakerId> {
    // When labels name who answers, an unlabelled paragraph continues a labelled answer: only
    // the labelled people answer.
    let mut labelled: Vec<SpeakerId> = resolved
        .iter()
        .filter_map(|r| match r {
            Some(Resolved::Speaker(id)) if !interviewer_ids.contains(id) => Some(*id),
            _ => None,
        })
        .collect();
    labelled.sort_unstable();
    labelled.dedup();
    if !labelled.is_empty() {
        return labelled;
    }
    (0..speakers.len())
        .filter(|i| !interviewer_ids.contains(i))
        .collect()
}

/// A set-apart line that repeats no answer and has no credit is speech: a lyric, a quotation.
/// Returns the quoted headlines or standfirsts above the interview that an answer says: the
/// editor's pull quotes.
fn demote_speech_marks(
    lines: &[SourceLine],
    kinds: &mut [Kind],
    resolved: &[Option<Resolved>],
    intro_end: usize,
) -> Vec<EditorMark> {
    let mut said = SpeechIndex::default();
    for (i, kind) in kinds.iter().enumerate().skip(intro_end) {
        match kind {
            Kind::Labelled(l)
                if matches!(
                    resolved[i],
                    Some(
                        Resolved::Speaker(_)
                            | Resolved::AnonymousAnswer
                            | Resolved::Ambiguous
                            | Resolved::Group
                    )
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
    lines[..intro_end]
        .iter()
        .zip(kinds.iter())
        .filter_map(|(line, kind)| match kind {
            Kind::Mark(mark) => Some(mark.clone()),
            Kind::Heading => marks::as_mark(line),
            _ => None,
        })
        .filter(|mark| said.repeats(&mark.text))
        .collect()
}

/// Puts the headline marks first, unless a fuller set-apart quote in the body repeats them.
fn add_headline_marks(marks: &mut Vec<EditorMark>, headline_marks: Vec<EditorMark>) {
    let mut body_marks = SpeechIndex::default();
    for mark in marks.iter() {
        body_marks.add(&mark.text);
    }
    let headline_marks = headline_marks
        .into_iter()
        .filter(|h| !body_marks.repeats(&h.text));
    marks.splice(0..0, headline_marks);
}

/// Editor's notes inside answers are not speech; empty turns go.
fn take_out_editor_notes(turns: &mut Vec<Turn>) {
    turns.retain(|t| !t.paragraphs.is_empty());
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
}

/// Roles the intro did not give: what people say of themselves in their first answers ("I am a
/// maintainer of …"), or what the host says of them ("we have with us X, who is founder of …").
fn find_roles_in_turns(speakers: &mut [Speaker], turns: &[Turn], interviewer_ids: &[SpeakerId]) {
    if speakers.iter().all(|s| s.role.is_some()) {
        return;
    }
    // Introductions happen early: the first turns are enough, and keep this linear.
    let early: Vec<&Turn> = turns.iter().take(40).collect();
    // What each early turn says of the people it names, read once however many speakers there are.
    let introduced: Vec<_> = early.iter().map(|t| cast::roles_named(&t.text())).collect();
    for (id, speaker) in speakers.iter_mut().enumerate() {
        if speaker.role.is_some() || interviewer_ids.contains(&id) {
            continue;
        }
        let own: Vec<String> = early
            .iter()
            .filter(|t| t.kind == TurnKind::Answer && t.speaker == Some(id))
            .take(2)
            .map(|t| t.text())
            .collect();
        let found = own
            .iter()
            .find_map(|text| cast::role_in(text, &speaker.name, true))
            .or_else(|| {
                let key = name_key(&speaker.name);
                early
                    .iter()
                    .zip(&introduced)
                    .filter(|(t, _)| t.speaker != Some(id))
                    .find_map(|(_, named)| named.get(&key).cloned())
            });
        if let Some((role, organisation)) = found {
            speaker.role = Some(role);
            if speaker.organisation.is_none() {
                speaker.organisation = organisation;
            }
        }
    }
}

/// People the page names who never answer, when others do: only mentioned.
fn silent_people(
    speakers: &[Speaker],
    turns: &[Turn],
    marks: &[EditorMark],
    interviewer_ids: &[SpeakerId],
) -> Vec<SpeakerId> {
    let mut speaks = vec![false; speakers.len()];
    for turn in turns {
        if let Some(id) = turn.speaker {
            speaks[id] = true;
        }
    }
    for mark in marks {
        if let Some(id) = mark.speaker {
            speaks[id] = true;
        }
    }
    if !speaks.iter().any(|&s| s) {
        return Vec::new();
    }
    (0..speakers.len())
        .filter(|&id| !speaks[id] && !interviewer_ids.contains(&id))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = include_str!("../../examples/occitanie-social-media-interview.txt");

    #[test]
    fn short_french_is_french() {
        for text in [
            "Q : Votre métier ?\nR : Boulanger.",
            "Q: Salut\nR: C'est bien, merci.",
            "Q: Pourquoi?\nR: Parce que j'aime ça.",
            "Q : Et demain ?\nR : On verra bien.",
        ] {
            assert_eq!(detect_language(text), Language::French, "{text}");
        }
        for text in [
            "Q: What now?\nA: Bread. It's all I know.",
            "Q: Your plans?\nA: Travel, mostly.",
        ] {
            assert_eq!(detect_language(text), Language::English, "{text}");
        }
    }

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
