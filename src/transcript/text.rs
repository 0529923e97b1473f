//! Plain-text and Markdown transcripts into source lines: headings, blockquotes, whole-line
//! emphasis, images, captions, rules and transcription-tool timestamps.

use super::labels::{is_space, split_label, LabelKind};
use super::source::{is_timestamp, Format, Hint, SourceLine};
use super::turns::numbered;
use crate::boundary::SafeSlice;

/// Splits `text` (already free of front matter) into lines; `first_line` is the file line of
/// its first line.
pub fn lines(text: &str, format: Format, first_line: usize) -> Vec<SourceLine> {
    let markdown = format == Format::Markdown;
    let mut out: Vec<SourceLine> = Vec::new();
    let mut after_image = false;
    for (i, raw) in text.split('\n').enumerate() {
        let mut line = SourceLine::plain(raw, first_line + i);
        let was_after_image = std::mem::take(&mut after_image);
        let trimmed = raw.trim_matches(is_space);
        if trimmed.is_empty() {
            line.text.clear();
            out.push(line);
            continue;
        }
        if is_rule(trimmed) {
            line.text.clear();
            line.hint.aside = true;
            out.push(line);
            continue;
        }
        if is_image(trimmed) {
            line.hint.aside = true;
            after_image = true;
            out.push(line);
            continue;
        }
        if was_after_image
            && is_wrapped(trimmed, "*")
                .or_else(|| is_wrapped(trimmed, "_"))
                .is_some()
        {
            // The italic line under an image is its caption.
            line.hint.aside = true;
            out.push(line);
            continue;
        }
        if is_bare_link(trimmed) {
            line.hint.aside = true;
            out.push(line);
            continue;
        }
        strip_prefix_markup(&mut line);
        if let Some(speaker) = speaker_with_timestamp(&line.text) {
            // `Speaker 1  0:03` (Otter, Descript exports): the speech follows on the next lines.
            line.hint.voice = Some(speaker);
            line.text.clear();
        }
        if markdown {
            unlink(&mut line);
        }
        out.push(line);
    }
    label_lines(&mut out);
    let wrapped = markdown || looks_hard_wrapped(text);
    join_wrapped_lines(out, wrapped)
}

/// A label alone on its line with the turn's text under it (`Interviewer` then the question,
/// `Priya Raman` then her answer), as pasted from documents that set labels apart. Read as a
/// label only when the page does it again and again: at least three such lines, two labels.
fn label_lines(lines: &mut [SourceLine]) {
    let candidate = |i: usize| -> Option<String> {
        let line = &lines[i];
        let only_emphasis = Hint {
            emphasised: true,
            ..Hint::default()
        };
        if line.hint != Hint::default() && line.hint != only_emphasis {
            return None;
        }
        let text = line
            .text
            .trim_matches(is_space)
            .trim_matches(['*', '_'])
            .trim_matches(is_space);
        let set_apart = (i == 0 || lines[i - 1].text.trim_matches(is_space).is_empty())
            && lines
                .get(i + 1)
                .is_some_and(|n| !n.text.trim_matches(is_space).is_empty());
        if !set_apart
            || text.is_empty()
            || text.chars().count() > 40
            || text.ends_with(['.', '?', '!', ',', ';', ':', '…'])
        {
            return None;
        }
        let as_label = format!("{text}:");
        let label = split_label(&as_label)?;
        let speaks = matches!(
            label.kind,
            LabelKind::Name(_)
                | LabelKind::Initials(_)
                | LabelKind::Question
                | LabelKind::Answer
                | LabelKind::Placeholder(_)
        );
        speaks.then(|| text.to_owned())
    };
    let found: Vec<(usize, String)> = (0..lines.len())
        .filter_map(|i| candidate(i).map(|t| (i, t)))
        .collect();
    let mut counts: std::collections::HashMap<&str, usize> = Default::default();
    for (_, t) in &found {
        *counts.entry(t.as_str()).or_default() += 1;
    }
    let repeated: Vec<&(usize, String)> = found.iter().filter(|(_, t)| counts[t.as_str()] >= 2).collect();
    let distinct = repeated
        .iter()
        .map(|(_, t)| t)
        .collect::<std::collections::HashSet<_>>()
        .len();
    if repeated.len() < 3 || distinct < 2 {
        return;
    }
    let chosen: Vec<(usize, String)> = repeated.into_iter().cloned().collect();
    for (i, name) in chosen {
        lines[i].hint = Hint {
            voice: Some(name),
            ..Hint::default()
        };
        lines[i].text.clear();
    }
}

/// Whether the text was wrapped at a fixed width (an emailed or exported transcript): its lines
/// fill up to a margin and often stop mid-sentence.
fn looks_hard_wrapped(text: &str) -> bool {
    let lengths: Vec<(usize, bool)> = text
        .split('\n')
        .map(|l| l.trim_end_matches(is_space))
        .filter(|l| !l.trim().is_empty())
        .map(|l| (l.chars().count(), ends_a_sentence(l)))
        .collect();
    let n = lengths.len();
    if n < 6 || lengths.iter().any(|&(len, _)| len > 100) {
        return false;
    }
    let full = lengths.iter().filter(|&&(len, _)| len >= 55).count();
    let open = lengths.iter().filter(|&&(_, ends)| !ends).count();
    full * 2 >= n && open * 10 >= n * 3
}

fn ends_a_sentence(text: &str) -> bool {
    text.trim_end_matches(is_space)
        .ends_with(['.', '!', '?', '…', ':', '»', '”', '"', ')', ';'])
}

/// Joins a line to the one before when the sentence runs on: the previous line stops without
/// punctuation and this one starts in lower case, or the file is wrapped (or Markdown, where
/// consecutive lines form a paragraph). A label, a quotation, a list item or any line with a
/// hint starts afresh.
fn join_wrapped_lines(lines: Vec<SourceLine>, wrapped: bool) -> Vec<SourceLine> {
    let mut out: Vec<SourceLine> = Vec::with_capacity(lines.len());
    for line in lines {
        let text = line.text.trim_start_matches(is_space);
        let starts_afresh = text.is_empty()
            || line.hint != Default::default()
            || text.starts_with(['«', '“', '"', '„', '‘', '»', '-', '*', '•', '–', '—', '['])
            || numbered(text).is_some()
            || split_label(text).is_some();
        let continues = !starts_afresh
            && out.last().is_some_and(|previous| {
                previous.hint == Default::default()
                    && !previous.text.trim().is_empty()
                    && !ends_a_sentence(&previous.text)
                    && (wrapped || text.starts_with(char::is_lowercase))
            });
        match out.last_mut() {
            Some(previous) if continues => {
                let joined = format!(
                    "{} {}",
                    previous.text.trim_end_matches(is_space),
                    text.trim_end_matches(is_space)
                );
                previous.text = joined;
            }
            _ => out.push(line),
        }
    }
    out
}

/// Removes what a line starts with that is markup, not text: `#`, `>`, a timestamp, emphasis
/// around the whole line. The column follows the text.
fn strip_prefix_markup(line: &mut SourceLine) {
    let text = line.text.as_str();
    let leading = text.len() - text.trim_start_matches(is_space).len();
    let mut start = leading;
    let mut end = text.trim_end_matches(is_space).len();
    let body = text.slice(start..end);
    if let Some(rest) = body.strip_prefix('#') {
        let hashes = 1 + rest.len() - rest.trim_start_matches('#').len();
        start += hashes;
        line.hint.heading = true;
        // Closing hashes: `## Title ##`.
        end = start + text.slice(start..end).trim_end_matches('#').len();
    } else if body.starts_with('>') {
        while text.slice(start..end).starts_with('>') {
            start += 1;
            start += text.slice(start..end).len() - text.slice(start..end).trim_start_matches(is_space).len();
        }
        line.hint.block_quote = true;
    }
    // `: answer` — a definition list's answer under its question line.
    if text.slice(start..end).starts_with(": ") {
        start += 2;
    }
    let body = text.slice(start..end);
    let inner_start = start + body.len() - body.trim_start_matches(is_space).len();
    if let Some(stamp_len) = timestamp_prefix(text.slice(inner_start..end)) {
        start = inner_start + stamp_len;
    }
    let body = text.slice(start..end);
    start += body.len() - body.trim_start_matches(is_space).len();
    end = start + text.slice(start..end).trim_end_matches(is_space).len();
    let body = text.slice(start..end);
    for marker in ["**", "__", "*", "_"] {
        if let Some(inner) = is_wrapped(body, marker) {
            // A bold label `**AO** : …` is not a wrapped line: `inner` would hold `**`.
            if !inner.contains(marker) {
                start += marker.len();
                end -= marker.len();
                line.hint.emphasised = true;
            }
            break;
        }
    }
    let column = line.column + text.slice(..start).chars().count();
    line.text = text.slice(start..end).to_owned();
    line.column = column;
}

/// The text inside `marker…marker` if the whole of `text` is wrapped.
fn is_wrapped<'a>(text: &'a str, marker: &str) -> Option<&'a str> {
    let inner = text.strip_prefix(marker)?.strip_suffix(marker)?;
    (!inner.trim().is_empty() && !inner.starts_with(' ')).then_some(inner)
}

/// `---`, `***`, `___`, `* * *`: a thematic break.
fn is_rule(line: &str) -> bool {
    let Some(mark) = line
        .chars()
        .next()
        .filter(|c| matches!(c, '-' | '*' | '_' | '=' | '~'))
    else {
        return false;
    };
    let mut count = 0;
    for c in line.chars() {
        if c == mark {
            count += 1;
        } else if !c.is_whitespace() {
            return false;
        }
    }
    count >= 3
}

/// `![alt](src)` alone on a line, possibly linked.
fn is_image(line: &str) -> bool {
    let line = line.trim_start_matches('[');
    line.starts_with("![") && line.trim_end().ends_with(')')
}

/// "Plus d’informations sur [le site](…)", "Read more: https://…": pointers, not speech.
const SEE_ALSO: &[&str] = &[
    "plus d’info",
    "plus d'info",
    "pour en savoir plus",
    "en savoir plus",
    "lire aussi",
    "à lire aussi",
    "a lire aussi",
    "voir aussi",
    "retrouvez",
    "more information",
    "more info",
    "read more",
    "read also",
    "see also",
    "learn more",
    "find out more",
];

/// A URL or a Markdown link alone on a line, or a see-also line that carries one.
fn is_bare_link(line: &str) -> bool {
    let has_link =
        line.contains("](") || line.contains("http://") || line.contains("https://") || line.contains("www.");
    if has_link && line.chars().count() < 200 {
        let lower = line
            .trim_start_matches(['*', '_', '(', '[', '→', '>', ' '])
            .to_lowercase();
        if SEE_ALSO.iter().any(|cue| lower.starts_with(cue)) {
            return true;
        }
    }
    let line = line.trim_matches(|c| c == '<' || c == '>');
    if (line.starts_with("http://") || line.starts_with("https://") || line.starts_with("www."))
        && !line.contains(char::is_whitespace)
    {
        return true;
    }
    line.starts_with('[') && line.ends_with(')') && line.contains("](") && line.matches("](").count() == 1
}

/// Replaces `[text](url)` by `text` inside a Markdown line.
fn unlink(line: &mut SourceLine) {
    if !line.text.contains("](") {
        return;
    }
    let mut out = String::with_capacity(line.text.len());
    let mut rest = line.text.as_str();
    while let Some(open) = rest.find('[') {
        let after = rest.slice(open + 1..);
        let Some(close) = after.find("](") else { break };
        let Some(end) = after.slice(close + 2..).find(')') else {
            break;
        };
        let label = after.slice(..close);
        if label.contains('[') || label.contains(']') {
            out.push_str(rest.slice(..open + 1));
            rest = after;
            continue;
        }
        out.push_str(rest.slice(..open));
        out.push_str(label);
        rest = after.slice(close + 2 + end + 1..);
    }
    out.push_str(rest);
    line.text = out;
}

/// Length of a leading `[00:01:02]`, `(00:12)`, `00:01:02 -` timestamp, if the line has one.
fn timestamp_prefix(text: &str) -> Option<usize> {
    let (inner, consumed) = if let Some(rest) = text.strip_prefix('[') {
        let close = rest.find(']')?;
        (rest.slice(..close), close + 2)
    } else if let Some(rest) = text.strip_prefix('(') {
        let close = rest.find(')')?;
        (rest.slice(..close), close + 2)
    } else {
        let end = text.find(char::is_whitespace)?;
        (text.slice(..end), end)
    };
    if !is_timestamp(inner.trim()) {
        return None;
    }
    let rest = text.slice(consumed..);
    let separator = rest.len()
        - rest
            .trim_start_matches([' ', '\t', '-', '–', '—', '\u{a0}'])
            .len();
    // A timestamp alone on a line is not a prefix to strip.
    (separator < rest.len()).then_some(consumed + separator)
}

/// `Speaker 1  0:03`, `Maria Lopez 00:01:12`: a speaker's name then a timestamp, nothing else.
fn speaker_with_timestamp(text: &str) -> Option<String> {
    let text = text.trim();
    let (name, stamp) = text.rsplit_once(char::is_whitespace)?;
    let stamp = stamp.trim_matches(|c| matches!(c, '(' | ')' | '[' | ']'));
    if !is_timestamp(stamp) {
        return None;
    }
    let name = name
        .trim()
        .trim_matches(['*', '_'])
        .trim_end_matches([':', '-', '–', '|'])
        .trim_matches(['*', '_'])
        .trim();
    if name.is_empty() || name.chars().count() > 40 || name.contains(['?', '.', ',', '!', '[', ']']) {
        return None;
    }
    // `**Jingle:** [20:40]`: a stage direction with its time, not a voice.
    if matches!(
        super::labels::classify_label(name),
        Some(super::labels::LabelKind::Direction | super::labels::LabelKind::Credit)
    ) {
        return None;
    }
    // Reuse the label rules: `Maria Lopez:` must read as a label for `Maria Lopez 0:03` to.
    split_label(&format!("{name}:")).map(|_| name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> SourceLine {
        lines(text, Format::Markdown, 1).remove(0)
    }

    #[test]
    fn headings_and_blockquotes_lose_their_markers() {
        let h = one("## Why now? ##");
        assert!(h.hint.heading);
        assert_eq!(h.text, "Why now?");
        assert_eq!(h.column, 4);
        let q = one("> “Never again.”");
        assert!(q.hint.block_quote);
        assert_eq!(q.text, "“Never again.”");
        assert_eq!(q.column, 3);
    }

    #[test]
    fn whole_line_emphasis_is_a_hint_but_bold_labels_stay() {
        let b = one("**Pourquoi ce métier ?**");
        assert!(b.hint.emphasised);
        assert_eq!(b.text, "Pourquoi ce métier ?");
        let label = one("**AO** : Oui.");
        assert!(!label.hint.emphasised);
        assert_eq!(label.text, "**AO** : Oui.");
    }

    #[test]
    fn images_captions_rules_and_links_are_asides() {
        let all = lines(
            "![Portrait](ao.jpg)\n*Aziz Oulhiyane à Toulouse.*\n---\nhttps://example.org/x\n",
            Format::Markdown,
            1,
        );
        assert!(all[..4].iter().all(|l| l.hint.aside), "{all:?}");
    }

    #[test]
    fn timestamps_and_speaker_headers() {
        let t = one("[00:01:02] AO: Oui.");
        assert_eq!(t.text, "AO: Oui.");
        assert_eq!(t.column, 12);
        let h = one("Speaker 1  0:03");
        assert_eq!(h.hint.voice.as_deref(), Some("Speaker 1"));
        let h = one("Maria Lopez 00:01:12");
        assert_eq!(h.hint.voice.as_deref(), Some("Maria Lopez"));
        assert_eq!(one("It was 10:30").hint.voice, None);
    }

    #[test]
    fn wrapped_sentences_join_but_labels_and_questions_start_afresh() {
        let text = "AO: We started the project in a small office on the\nharbour, with two desks.\nLA: And no heating.\nWhy there?\nBecause it was cheap.\n";
        let all = lines(text, Format::Text, 1);
        let texts: Vec<&str> = all
            .iter()
            .map(|l| l.text.as_str())
            .filter(|t| !t.is_empty())
            .collect();
        assert_eq!(
            texts,
            [
                "AO: We started the project in a small office on the harbour, with two desks.",
                "LA: And no heating.",
                "Why there?",
                "Because it was cheap."
            ]
        );
    }

    #[test]
    fn a_wrapped_file_joins_lines_that_start_with_capitals() {
        let body = "We spoke with Dana Fox, a park ranger in the Peak District for twenty\nyears, about the busiest summer she has known on the moors above\nEdale and the visitors who come unprepared for the weather there.\n\nWhat changed this year?\n\nThe crowds arrived earlier than ever and stayed later than ever, and\nMost of them had never walked further than the car park before.\n";
        let all = lines(body, Format::Text, 1);
        let texts: Vec<&str> = all
            .iter()
            .map(|l| l.text.as_str())
            .filter(|t| !t.is_empty())
            .collect();
        assert_eq!(texts.len(), 3, "{texts:#?}");
        assert!(texts[0].contains("twenty years"));
        assert_eq!(all[0].line, 1);
    }

    #[test]
    fn inline_links_keep_their_text() {
        assert_eq!(
            one("AO: see [our report](https://x.org) now").text,
            "AO: see our report now"
        );
    }
}
