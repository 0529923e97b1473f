//! Language typography applied to the text that is drawn (never to the stored verbatim text):
//! French no-break spacing, typographic apostrophes, quotes and ellipses.

use crate::transcript::Language;

const NNBSP: char = '\u{202F}';
const NBSP: char = '\u{00A0}';

fn is_plain_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | NBSP | NNBSP | '\u{2009}')
}

/// Whether the word around byte `at` is a URL or handle, where punctuation must stay as typed.
fn in_url(text: &str, at: usize) -> bool {
    let start = text[..at]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[at..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| at + i);
    let word = &text[start..end];
    word.contains("://") || word.starts_with("www.") || word.contains('@')
}

/// Returns the text as it should be drawn in `language`.
pub fn for_display(text: &str, language: Language) -> String {
    let text = text.replace("...", "…");
    let text = curly_apostrophes(&text);
    match language {
        Language::French => french_spacing(&text),
        Language::English => english_quotes(&text),
    }
}

/// `l'été` → `l’été`; a straight apostrophe between letters is always an apostrophe.
fn curly_apostrophes(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let between_letters =
            i > 0 && chars[i - 1].is_alphanumeric() && chars.get(i + 1).is_some_and(|n| n.is_alphabetic());
        out.push(if c == '\'' && between_letters { '’' } else { c });
    }
    out
}

/// French spacing: U+202F before `; ! ?`, U+00A0 before `:` and inside « ».
fn french_spacing(text: &str) -> String {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = String::with_capacity(text.len() + 16);
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        let previous = out.chars().last();
        match c {
            ';' | '!' | '?' | ':' | '»' if !in_url(text, at) => {
                let space = if c == ':' || c == '»' { NBSP } else { NNBSP };
                let next = chars.get(i + 1).map(|&(_, n)| n);
                // `10:30`, `?!` after the first mark, and `:` inside words stay as typed.
                let is_time = c == ':'
                    && previous.is_some_and(|p| p.is_ascii_digit())
                    && next.is_some_and(|n| n.is_ascii_digit());
                let follows_mark = previous.is_some_and(|p| matches!(p, '!' | '?'));
                if !is_time && !follows_mark {
                    while out.ends_with(is_plain_space) {
                        out.pop();
                    }
                    if !out.is_empty() {
                        out.push(space);
                    }
                }
                out.push(c);
            }
            '«' => {
                out.push(c);
                let mut j = i + 1;
                while j < chars.len() && is_plain_space(chars[j].1) {
                    j += 1;
                }
                out.push(NBSP);
                i = j;
                continue;
            }
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

/// Straight double quotes become “ ”, and a straight single quote at a word start becomes ‘.
fn english_quotes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut previous: Option<char> = None;
    for c in text.chars() {
        let opens =
            previous.is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '[' | '—' | '–' | '“' | '‘'));
        out.push(match c {
            '"' if opens => '“',
            '"' => '”',
            '\'' if opens => '‘',
            '\'' => '’',
            other => other,
        });
        previous = Some(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_spacing_rules() {
        assert_eq!(for_display("Pourquoi ?", Language::French), "Pourquoi\u{202F}?");
        assert_eq!(for_display("Vraiment?!", Language::French), "Vraiment\u{202F}?!");
        assert_eq!(
            for_display("Deux choses : oui; non", Language::French),
            "Deux choses\u{A0}: oui\u{202F}; non"
        );
        assert_eq!(
            for_display("« Bonjour »", Language::French),
            "«\u{A0}Bonjour\u{A0}»"
        );
        assert_eq!(
            for_display("à 10:30 sur https://x.fr/?a=1", Language::French),
            "à 10:30 sur https://x.fr/?a=1"
        );
    }

    #[test]
    fn apostrophes_ellipses_and_english_quotes() {
        assert_eq!(for_display("l'été...", Language::French), "l’été…");
        assert_eq!(
            for_display("He said \"we'll see\" and 'left'", Language::English),
            "He said “we’ll see” and ‘left’"
        );
    }
}
