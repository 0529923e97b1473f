//! Attributes editor-marked pull quotes to the answer they repeat, by normalised or fuzzy matching.

use crate::transcript::{Transcript, TurnKind};

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
    let folded_mark = fold(mark.trim());
    let parts = pieces(&folded_mark.chars);
    if parts.is_empty() {
        return None;
    }
    for (t, turn) in transcript.turns.iter().enumerate() {
        if turn.kind != TurnKind::Answer {
            continue;
        }
        for (p, paragraph) in turn.paragraphs.iter().enumerate() {
            let hay = fold(&paragraph.text);
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
                let start = hay.offsets[first.unwrap_or(0)];
                let end = hay.offsets.get(last_end).copied().unwrap_or(paragraph.text.len());
                return Some(Attribution {
                    turn: t,
                    paragraph: p,
                    span: (start, end),
                    similarity: 1.0,
                });
            }
        }
    }
    best_fuzzy(transcript, &tokens(&folded_mark.chars))
}

fn best_fuzzy(transcript: &Transcript, mark_tokens: &[String]) -> Option<Attribution> {
    let mut best: Option<Attribution> = None;
    for (t, turn) in transcript.turns.iter().enumerate() {
        if turn.kind != TurnKind::Answer {
            continue;
        }
        for (p, paragraph) in turn.paragraphs.iter().enumerate() {
            let sentences = super::sentences::split(&paragraph.text);
            for i in 0..sentences.len() {
                for j in i..sentences.len().min(i + 3) {
                    let (start, end) = (sentences[i].0, sentences[j].1);
                    let window = fold(&paragraph.text[start..end]);
                    let similarity = dice(mark_tokens, &tokens(&window.chars));
                    if similarity >= 0.6 && best.as_ref().is_none_or(|b| similarity > b.similarity) {
                        best = Some(Attribution {
                            turn: t,
                            paragraph: p,
                            span: (start, end),
                            similarity,
                        });
                    }
                }
            }
        }
    }
    best
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
            &p[a.span.0..a.span.1],
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
