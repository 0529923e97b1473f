//! French and English sentence segmentation that keeps byte offsets into the source text.

/// Abbreviations after which a full stop does not end a sentence (compared in lower case).
const ABBREVIATIONS: &[&str] = &[
    "m", "mm", "mme", "mmes", "mlle", "mlles", "dr", "pr", "st", "ste", "etc", "cf", "ex", "p", "pp", "vol",
    "chap", "env", "av", "apr", "j.-c", "n°", "no", "mr", "mrs", "ms", "jr", "sr", "inc", "ltd", "co", "vs",
    "e.g", "i.e", "approx", "dept", "fig", "éd", "ed", "min", "max", "tel", "tél", "gen", "gén", "col",
    "capt", "lt", "sgt", "prof", "jan", "feb", "fév", "aug", "sept", "oct", "nov", "dec", "déc", "u.s",
    "u.k",
];

const CLOSERS: &[char] = &['»', '”', '"', '’', ')', ']', '*'];

fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{00A0}' | '\u{202F}')
}

/// The word that ends just before byte `end` (letters, dots and hyphens), lower-cased.
fn word_before(text: &str, end: usize) -> String {
    let start = text[..end]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || matches!(c, '.' | '-' | '°'))
        .last()
        .map_or(end, |(i, _)| i);
    text[start..end].to_lowercase()
}

/// Whether a new sentence can start with `c`.
fn can_start_sentence(c: char) -> bool {
    c.is_uppercase()
        || c.is_numeric()
        || matches!(c, '«' | '“' | '"' | '‘' | '—' | '–' | '(' | '[' | '¿' | '¡')
}

/// Splits `text` into sentences; returns trimmed byte ranges.
pub fn split(text: &str) -> Vec<(usize, usize)> {
    let mut sentences = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        let is_terminator = matches!(c, '.' | '!' | '?' | '…');
        if !is_terminator {
            i += 1;
            continue;
        }
        // Take the whole run of terminators and closing marks: `?!`, `...`, `.»`, `?”`.
        let mut j = i + 1;
        while let Some(&(_, next)) = chars.get(j) {
            // French sets a space before `!`, `?` and `»`: `Vraiment ?!`, `« non. »`.
            let spaced_closer = is_space(next)
                && chars
                    .get(j + 1)
                    .is_some_and(|&(_, after)| matches!(after, '!' | '?' | '»'));
            if matches!(next, '.' | '!' | '?' | '…') || CLOSERS.contains(&next) || spaced_closer {
                j += 1;
            } else {
                break;
            }
        }
        let end = chars.get(j).map_or(text.len(), |&(p, _)| p);
        // A sentence ends only before white space and a capital (or the end of the text).
        let mut k = j;
        while k < chars.len() && is_space(chars[k].1) {
            k += 1;
        }
        let at_end = k == chars.len();
        let followed_by_start = k > j && k < chars.len() && can_start_sentence(chars[k].1);
        let run = &text[pos..end];
        let is_abbreviation = c == '.'
            && !run.contains(['!', '?', '…'])
            && !run.starts_with("..")
            && {
                let word = word_before(text, pos);
                let bare = word.trim_start_matches('.');
                ABBREVIATIONS.contains(&bare)
                    // A single capital is an initial: "J. Smith".
                    || (bare.chars().count() == 1 && text[..pos].chars().last().is_some_and(char::is_uppercase))
            };
        if (at_end || followed_by_start) && !is_abbreviation {
            push_trimmed(text, start, end, &mut sentences);
            start = end;
        }
        i = j.max(i + 1);
    }
    push_trimmed(text, start, text.len(), &mut sentences);
    sentences
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let slice = &text[start..end];
    let lead = slice.len() - slice.trim_start_matches(is_space).len();
    let trail = slice.len() - slice.trim_end_matches(is_space).len();
    if lead + trail < slice.len() {
        out.push((start + lead, end - trail));
    }
}

#[cfg(test)]
mod tests {
    use super::split;

    fn sentences(text: &str) -> Vec<&str> {
        split(text).into_iter().map(|(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn basic_french_and_english() {
        assert_eq!(
            sentences("Sur la guerre, on n’a pas communiqué. Par contre, oui."),
            ["Sur la guerre, on n’a pas communiqué.", "Par contre, oui."]
        );
        assert_eq!(
            sentences("We tried. It worked!  Then what?"),
            ["We tried.", "It worked!", "Then what?"]
        );
    }

    #[test]
    fn abbreviations_and_initials_do_not_split() {
        assert_eq!(
            sentences("M. Dupont est là. Mme Roux aussi."),
            ["M. Dupont est là.", "Mme Roux aussi."]
        );
        assert_eq!(
            sentences("Ask Dr. Smith, e.g. about J. Doe. Then go."),
            ["Ask Dr. Smith, e.g. about J. Doe.", "Then go."]
        );
        assert_eq!(
            sentences("Des vidéos, des photos, etc. et du texte."),
            ["Des vidéos, des photos, etc. et du texte."]
        );
    }

    #[test]
    fn ellipsis_and_punctuation_runs() {
        assert_eq!(
            sentences("sur le logement, sur l’éducation… C’est là où je vais avoir un discours."),
            [
                "sur le logement, sur l’éducation…",
                "C’est là où je vais avoir un discours."
            ]
        );
        assert_eq!(sentences("Vraiment ?! Oui."), ["Vraiment ?!", "Oui."]);
        assert_eq!(
            sentences("Il a dit « non. » Puis il est parti."),
            ["Il a dit « non. »", "Puis il est parti."]
        );
        assert_eq!(sentences("Wait... what? No."), ["Wait... what?", "No."]);
    }

    #[test]
    fn numbers_and_missing_final_stop() {
        assert_eq!(
            sentences("Il y a 3.5 millions d’abonnés. Et alors"),
            ["Il y a 3.5 millions d’abonnés.", "Et alors"]
        );
    }
}
