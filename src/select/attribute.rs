//! Attributes editor-marked pull quotes to the answer they repeat, by normalised or fuzzy matching.

use crate::boundary::SafeSlice;
use crate::transcript::{Transcript, TurnKind};
use std::collections::HashMap;

/// Text folded for matching, with the byte offset in the original for every folded char.
struct Folded {
    chars: Vec<char>,
    offsets: Vec<usize>,
}

/// Lower-cases, unifies quote marks, apostrophes, spaces and ellipses, and collapses white space.
fn fold(text: &str) -> Folded {
    let mut chars = Vec::with_capacity(text.len());
    let mut offsets = Vec::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        let mapped: &[char] = match c {
            '’' | '‘' | '\'' | 'ʼ' | '`' => &['\''],
            '«' | '»' | '“' | '”' | '„' | '"' => &['"'],
            '…' => &['.', '.', '.'],
            c if c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}' => &[' '],
            '\u{ad}' | '\u{200b}' => &[],
            _ => {
                for lc in c.to_lowercase() {
                    chars.push(lc);
                    offsets.push(i);
                }
                continue;
            }
        };
        for &m in mapped {
            if m == ' ' && chars.last() == Some(&' ') {
                continue;
            }
            chars.push(m);
            offsets.push(i);
        }
    }
    Folded { chars, offsets }
}

/// Where a mark's text was found.
#[derive(Debug, Clone, PartialEq)]
pub struct Attribution {
    /// The answer's turn.
    pub turn: usize,
    /// The paragraph of that turn.
    pub paragraph: usize,
    /// Byte range of the repeated passage in the paragraph's text.
    pub span: (usize, usize),
    /// 1.0 for a verbatim repeat, lower for a fuzzy one.
    pub similarity: f64,
}

fn find_chars(hay: &[char], needle: &[char], from: usize) -> Option<usize> {
    if needle.is_empty() || needle.len() > hay.len() {
        return None;
    }
    (from..=hay.len() - needle.len()).find(|&i| hay[i..i + needle.len()] == *needle)
}

/// Splits a folded mark into the pieces an editor kept around cuts ("…", "[...]").
fn pieces(mark: &[char]) -> Vec<Vec<char>> {
    let text: String = mark.iter().collect();
    text.replace("[...]", "...")
        .replace("(...)", "...")
        .split("...")
        .map(|p| {
            p.trim_matches(|c: char| c == ' ' || c == '"' || c == ',')
                .chars()
                .collect::<Vec<_>>()
        })
        .filter(|p: &Vec<char>| p.len() >= 8)
        .collect()
}

fn tokens(chars: &[char]) -> Vec<String> {
    chars
        .iter()
        .collect::<String>()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 1)
        .map(str::to_owned)
        .collect()
}

/// Dice coefficient over word multisets.
fn dice(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let mut remaining: Vec<&String> = b.iter().collect();
    let mut common = 0;
    for w in a {
        if let Some(i) = remaining.iter().position(|x| *x == w) {
            remaining.swap_remove(i);
            common += 1;
        }
    }
    2.0 * common as f64 / (a.len() + b.len()) as f64
}

/// Finds the answer passage that `mark` repeats: verbatim (after folding), with editor cuts, or
/// lightly reworded (word overlap of at least 0.6 with a window of one to three sentences).
pub fn attribute(transcript: &Transcript, mark: &str) -> Option<Attribution> {
    Answers::new(transcript).attribute(transcript, mark)
}

/// How many paragraphs a reworded mark is compared with, at most.
const FUZZY_CANDIDATES: usize = 32;

/// A transcript's answer paragraphs, folded once, with the paragraphs each word occurs in: a
/// mark is compared only with the paragraphs that could hold it, so attributing every mark of a
/// transcript grows with the transcript, not with marks × paragraphs.
pub struct Answers {
    paragraphs: Vec<Answer>,
    /// Word → the paragraphs (indices into `paragraphs`, ascending) it occurs in.
    postings: HashMap<String, Vec<usize>>,
}

struct Answer {
    turn: usize,
    paragraph: usize,
    folded: Folded,
}

impl Answers {
    /// Folds and indexes the answers of `transcript`.
    pub fn new(transcript: &Transcript) -> Answers {
        let mut paragraphs = Vec::new();
        let mut postings: HashMap<String, Vec<usize>> = HashMap::new();
        for (t, turn) in transcript.turns.iter().enumerate() {
            if turn.kind != TurnKind::Answer {
                continue;
            }
            for (p, paragraph) in turn.paragraphs.iter().enumerate() {
                let folded = fold(&paragraph.text);
                let i = paragraphs.len();
                for word in tokens(&folded.chars) {
                    let list = postings.entry(word).or_default();
                    if list.last() != Some(&i) {
                        list.push(i);
                    }
                }
                paragraphs.push(Answer {
                    turn: t,
                    paragraph: p,
                    folded,
                });
            }
        }
        Answers { paragraphs, postings }
    }

    fn occurrences(&self, word: &str) -> &[usize] {
        self.postings.get(word).map_or(&[], Vec::as_slice)
    }

    /// See [`attribute`].
    pub fn attribute(&self, transcript: &Transcript, mark: &str) -> Option<Attribution> {
        let folded_mark = fold(mark.trim());
        let parts = pieces(&folded_mark.chars);
        if parts.is_empty() {
            return None;
        }
        for i in self.verbatim_candidates(&parts) {
            let answer = &self.paragraphs[i];
            let hay = &answer.folded;
            let mut from = 0;
            let mut first = None;
            let mut last_end = 0;
            let mut all = true;
            for part in &parts {
                match find_chars(&hay.chars, part, from) {
                    Some(at) => {
                        first.get_or_insert(at);
                        last_end = at + part.len();
                        from = last_end;
                    }
                    None => {
                        all = false;
                        break;
                    }
                }
            }
            if all {
                let text = &transcript.turns[answer.turn].paragraphs[answer.paragraph].text;
                let start = hay.offsets[first.unwrap_or(0)];
                let end = hay.offsets.get(last_end).copied().unwrap_or(text.len());
                return Some(Attribution {
                    turn: answer.turn,
                    paragraph: answer.paragraph,
                    span: (start, end),
                    similarity: 1.0,
                });
            }
        }
        self.best_fuzzy(transcript, &tokens(&folded_mark.chars))
    }

    /// The paragraphs that hold every word lying inside a piece (its first and last words may be
    /// cut mid-word by the editor, so they are not required), in transcript order. A mark with no
    /// such word is compared with every paragraph.
    fn verbatim_candidates(&self, parts: &[Vec<char>]) -> Vec<usize> {
        let mut inner: Vec<String> = Vec::new();
        for part in parts {
            let words = tokens(part);
            let starts_inside = part.first().is_some_and(|c| c.is_alphanumeric());
            let ends_inside = part.last().is_some_and(|c| c.is_alphanumeric());
            let skip_first = usize::from(starts_inside);
            let keep = words.len().saturating_sub(usize::from(ends_inside));
            inner.extend(words.into_iter().take(keep).skip(skip_first));
        }
        let Some(rarest) = inner.iter().min_by_key(|w| self.occurrences(w).len()) else {
            return (0..self.paragraphs.len()).collect();
        };
        let mut candidates = self.occurrences(rarest).to_vec();
        for word in &inner {
            if candidates.is_empty() {
                break;
            }
            let list = self.occurrences(word);
            candidates.retain(|i| list.binary_search(i).is_ok());
        }
        candidates
    }

    /// The paragraphs most likely to hold a reworded mark, best first: those sharing the most
    /// of its telling words (each counted by how rarely it occurs), at most [`FUZZY_CANDIDATES`].
    /// Words found in most paragraphs tell nothing about where a mark comes from, and counting
    /// them would compare every mark with every paragraph.
    fn fuzzy_candidates(&self, mark_tokens: &[String]) -> Vec<usize> {
        let mut words: Vec<&str> = mark_tokens.iter().map(String::as_str).collect();
        words.sort_unstable();
        words.dedup();
        let common = (self.paragraphs.len() / 8).max(64);
        let mut telling: Vec<&str> = words
            .iter()
            .copied()
            .filter(|w| (1..=common).contains(&self.occurrences(w).len()))
            .collect();
        if telling.is_empty() {
            telling.extend(
                words
                    .iter()
                    .copied()
                    .filter(|w| !self.occurrences(w).is_empty())
                    .min_by_key(|w| self.occurrences(w).len()),
            );
        }
        let mut scores: HashMap<usize, f64> = HashMap::new();
        for word in telling {
            let list = self.occurrences(word);
            let weight = 1.0 / list.len() as f64;
            for &i in list {
                *scores.entry(i).or_default() += weight;
            }
        }
        let mut ranked: Vec<(usize, f64)> = scores.into_iter().collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.truncate(FUZZY_CANDIDATES);
        // Compared in transcript order, so that of two equal windows the earlier wins.
        let mut candidates: Vec<usize> = ranked.into_iter().map(|(i, _)| i).collect();
        candidates.sort_unstable();
        candidates
    }

    fn best_fuzzy(&self, transcript: &Transcript, mark_tokens: &[String]) -> Option<Attribution> {
        let mut best: Option<Attribution> = None;
        for i in self.fuzzy_candidates(mark_tokens) {
            let answer = &self.paragraphs[i];
            let text = &transcript.turns[answer.turn].paragraphs[answer.paragraph].text;
            let sentences = super::sentences::split(text);
            for i in 0..sentences.len() {
                for j in i..sentences.len().min(i + 3) {
                    let (start, end) = (sentences[i].0, sentences[j].1);
                    let window = fold(text.slice(start..end));
                    let similarity = dice(mark_tokens, &tokens(&window.chars));
                    if similarity >= 0.6 && best.as_ref().is_none_or(|b| similarity > b.similarity) {
                        best = Some(Attribution {
                            turn: answer.turn,
                            paragraph: answer.paragraph,
                            span: (start, end),
                            similarity,
                        });
                    }
                }
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transcript::parse;

    const TEXT: &str = "Entretien avec Anne Roux, maire, et Paul Dumas, adjoint.\nPourquoi ?\nAR : On a tout essayé. Les réseaux sociaux peuvent aider, mais ce n’est pas le cœur du sujet. Voilà.\nPD : Je ne suis pas d’accord : c'est l’essentiel de notre travail aujourd’hui.\n";

    #[test]
    fn verbatim_repeat_with_other_marks() {
        let t = parse(TEXT);
        let a = attribute(
            &t,
            "Les réseaux sociaux peuvent aider, mais ce n'est pas le cœur du sujet.",
        )
        .unwrap();
        assert_eq!(t.turns[a.turn].speaker, Some(0));
        assert_eq!(a.similarity, 1.0);
        let p = &t.turns[a.turn].paragraphs[a.paragraph].text;
        assert_eq!(
            p.slice(a.span.0..a.span.1),
            "Les réseaux sociaux peuvent aider, mais ce n’est pas le cœur du sujet."
        );
    }

    #[test]
    fn truncated_with_ellipsis() {
        let t = parse(TEXT);
        let a = attribute(&t, "On a tout essayé. […] ce n’est pas le cœur du sujet.").unwrap();
        assert_eq!(t.turns[a.turn].speaker, Some(0));
    }

    #[test]
    fn lightly_reworded() {
        let t = parse(TEXT);
        let a = attribute(&t, "C’est l’essentiel de notre travail, aujourd’hui.").unwrap();
        assert_eq!(t.turns[a.turn].speaker, Some(1));
        assert!(attribute(&t, "Une phrase qui n’a rien à voir avec l’entretien.").is_none());
    }
}
