//! French and English sentence segmentation that keeps byte offsets into the source text.
//!
//! A sentence ends at a run of terminators (`.`, `!`, `?`, `…`, with closing quote marks and
//! brackets) followed by white space and something that can start a sentence. The exceptions are
//! what real interviews are full of: titles (`M.`, `Mme`, `Dr.`), inline abbreviations (`e.g.`,
//! `p. ex.`, `cf.`), abbreviations that only precede a number (`n° 5`, `p. 12`, `Jan. 5`),
//! initials (`J.-C. Decaux`), list numbers (`1. Start`) and editorial cuts (`[…]`).

use crate::boundary::SafeSlice;

/// Titles before a name, which never end a sentence when written with a capital (lower case here).
const TITLES: &[&str] = &[
    "m", "mm", "mme", "mmes", "mlle", "mlles", "mgr", "me", "mr", "mrs", "ms", "messrs", "dr", "drs", "pr",
    "prof", "st", "ste", "sts", "gen", "gén", "col", "capt", "cpt", "lt", "sgt", "gov", "sen", "rep", "rev",
    "hon",
];

/// Inline abbreviations that never end a sentence, whatever their case.
const INLINE: &[&str] = &[
    "e.g", "i.e", "cf", "vs", "viz", "ex", "env", "approx", "av", "apr", "resp", "réf", "ref", "c.-à-d",
];

/// Abbreviations that are joined only when a number follows: `No. 5`, `p. 12`, `Jan. 2020`.
const BEFORE_NUMBER: &[&str] = &[
    "no", "nos", "n°", "nr", "p", "pp", "vol", "art", "chap", "ch", "fig", "sect", "jan", "janv", "feb",
    "fév", "févr", "mar", "aug", "sep", "sept", "oct", "nov", "dec", "déc",
];

/// Marks that may close a sentence after its terminator: `.»`, `?”`, `!)`.
const CLOSERS: &[char] = &['»', '”', '"', '’', '\'', ')', ']', '*', '_'];

fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{00A0}' | '\u{202F}' | '\u{2009}')
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// The word that ends just before byte `end` (letters, digits, dots, hyphens), and where it starts.
fn word_before(text: &str, end: usize) -> (usize, &str) {
    let start = text
        .slice(..end)
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || matches!(c, '.' | '-' | '°'))
        .last()
        .map_or(end, |(i, _)| i);
    (start, text.slice(start..end))
}

/// Whether a new sentence can start with `c`.
fn can_start_sentence(c: char) -> bool {
    c.is_uppercase()
        || c.is_numeric()
        || matches!(
            c,
            '«' | '“' | '"' | '‘' | '\'' | '—' | '–' | '(' | '[' | '¿' | '¡' | '*' | '_' | '#' | '@'
        )
}

/// Whether the full stop at byte `pos` belongs to an abbreviation, an initial or a list number
/// rather than ending a sentence. `next` is the first character after the following space.
fn is_abbreviation_stop(text: &str, pos: usize, sentence_start: usize, next: Option<char>) -> bool {
    let (word_start, word) = word_before(text, pos);
    let lower = word.trim_start_matches('.').to_lowercase();
    let capitalised = word.chars().next().is_some_and(char::is_uppercase);
    if INLINE.contains(&lower.as_str()) || (capitalised && TITLES.contains(&lower.as_str())) {
        return true;
    }
    // `p. ex.` is "par exemple".
    if lower == "p"
        && text
            .slice(pos + 1..)
            .trim_start_matches(is_space)
            .starts_with("ex")
    {
        return true;
    }
    let number_follows = next.is_some_and(|c| c.is_ascii_digit());
    if number_follows && BEFORE_NUMBER.contains(&lower.as_str()) {
        return true;
    }
    // A single capital is an initial (`J. Smith`), except the English pronoun `I`.
    if word.chars().count() == 1 && capitalised && word != "I" {
        return true;
    }
    // Dotted initialisms: `J.-C.`, `U.S.`, `a.m.`
    let parts: Vec<&str> = word.split('.').filter(|p| !p.is_empty()).collect();
    if parts.len() >= 2 && parts.iter().all(|p| p.trim_matches('-').chars().count() <= 2) {
        return true;
    }
    // A list number at the start of a sentence: `1. Start by…`, `2) …` is not a sentence.
    let before_word = text.slice(sentence_start..word_start).trim_matches(is_space);
    !word.is_empty() && word.chars().all(|c| c.is_ascii_digit()) && word.len() <= 2 && before_word.is_empty()
}

/// Splits `text` into sentences; returns trimmed byte ranges.
pub fn split(text: &str) -> Vec<(usize, usize)> {
    let mut sentences = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        if !is_terminator(c) {
            i += 1;
            continue;
        }
        // Take the whole run of terminators and closing marks: `?!`, `...`, `.»`, `?”`, `. »`.
        let mut j = i + 1;
        while let Some(&(_, next)) = chars.get(j) {
            // French sets a space before `!`, `?`, `;` and `»`: `Vraiment ?!`, `« non. »`.
            let spaced_closer = is_space(next)
                && chars
                    .get(j + 1)
                    .is_some_and(|&(_, after)| matches!(after, '!' | '?' | '»'));
            if is_terminator(next) || CLOSERS.contains(&next) || spaced_closer {
                j += 1;
            } else {
                break;
            }
        }
        let end = chars.get(j).map_or(text.len(), |&(p, _)| p);
        let mut k = j;
        while k < chars.len() && is_space(chars[k].1) {
            k += 1;
        }
        let next = chars.get(k).map(|&(_, c)| c);
        let at_end = k == chars.len();
        let followed_by_start = k > j && next.is_some_and(can_start_sentence);
        let run = text.slice(pos..end);
        // `[…]` and `(...)` mark an editor's cut inside one sentence.
        let bracketed_cut = text.slice(..pos).ends_with(['[', '(']) && run.contains([']', ')']);
        let is_abbreviation = c == '.'
            && !run.contains(['!', '?', '…'])
            && !run.starts_with("..")
            && is_abbreviation_stop(text, pos, start, next);
        if (at_end || followed_by_start) && !is_abbreviation && !bracketed_cut {
            push_trimmed(text, start, end, &mut sentences);
            start = end;
        }
        i = j.max(i + 1);
    }
    push_trimmed(text, start, text.len(), &mut sentences);
    sentences
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let slice = text.slice(start..end);
    let lead = slice.len() - slice.trim_start_matches(is_space).len();
    let trail = slice.len() - slice.trim_end_matches(is_space).len();
    if lead + trail < slice.len() {
        out.push((start + lead, end - trail));
    }
}

#[cfg(test)]
mod tests {
    use super::split;
    use crate::boundary::SafeSlice;

    fn sentences(text: &str) -> Vec<&str> {
        split(text).into_iter().map(|(s, e)| text.slice(s..e)).collect()
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
    fn offsets_point_into_the_source() {
        let text = "  Première phrase.\u{a0}Deuxième ?  ";
        let ranges = split(text);
        assert_eq!(ranges.len(), 2);
        assert_eq!(&text[ranges[0].0..ranges[0].1], "Première phrase.");
        assert_eq!(&text[ranges[1].0..ranges[1].1], "Deuxième ?");
    }

    #[test]
    fn titles_and_inline_abbreviations_do_not_split() {
        assert_eq!(
            sentences("M. Dupont est là. Mme Roux aussi."),
            ["M. Dupont est là.", "Mme Roux aussi."]
        );
        assert_eq!(
            sentences("Ask Dr. Smith, e.g. about J. Doe. Then go."),
            ["Ask Dr. Smith, e.g. about J. Doe.", "Then go."]
        );
        assert_eq!(
            sentences("Mr. and Mrs. Jones met Prof. Lee, i.e. the dean."),
            ["Mr. and Mrs. Jones met Prof. Lee, i.e. the dean."]
        );
        assert_eq!(
            sentences("Des formats courts, p. ex. Instagram. Cf. Mme Roux."),
            ["Des formats courts, p. ex. Instagram.", "Cf. Mme Roux."]
        );
        assert_eq!(
            sentences("Le groupe J.-C. Decaux est présent. On travaille avec eux."),
            ["Le groupe J.-C. Decaux est présent.", "On travaille avec eux."]
        );
        assert_eq!(
            sentences("We moved to the U.S. Army cloud vs. our own."),
            ["We moved to the U.S. Army cloud vs. our own."]
        );
    }

    #[test]
    fn etc_ends_a_sentence_only_before_a_capital() {
        assert_eq!(
            sentences("Des vidéos, des photos, etc. et du texte."),
            ["Des vidéos, des photos, etc. et du texte."]
        );
        assert_eq!(
            sentences("Des vidéos, des photos, etc. Puis du texte."),
            ["Des vidéos, des photos, etc.", "Puis du texte."]
        );
    }

    #[test]
    fn number_abbreviations_need_a_number() {
        assert_eq!(
            sentences("Voir p. 12 et le n° 5. Ensuite on verra."),
            ["Voir p. 12 et le n° 5.", "Ensuite on verra."]
        );
        assert_eq!(
            sentences("It opened Jan. 5 in Paris."),
            ["It opened Jan. 5 in Paris."]
        );
        assert_eq!(
            sentences("I said no. Then we left."),
            ["I said no.", "Then we left."]
        );
        assert_eq!(
            sentences("Ils étaient sept. Puis huit."),
            ["Ils étaient sept.", "Puis huit."]
        );
    }

    #[test]
    fn the_pronoun_i_is_not_an_initial() {
        assert_eq!(
            sentences("So did I. Then we shipped it."),
            ["So did I.", "Then we shipped it."]
        );
    }

    #[test]
    fn numbers_lists_and_decimals() {
        assert_eq!(
            sentences("Il y a 3.5 millions d’abonnés. Et alors"),
            ["Il y a 3.5 millions d’abonnés.", "Et alors"]
        );
        assert_eq!(
            sentences("1. Start by digging into the problem space"),
            ["1. Start by digging into the problem space"]
        );
        assert_eq!(
            sentences("We grew in 2020. 2021 was harder."),
            ["We grew in 2020.", "2021 was harder."]
        );
        assert_eq!(
            sentences("It costs $1,000.50 a year. Not more."),
            ["It costs $1,000.50 a year.", "Not more."]
        );
    }

    #[test]
    fn ellipses_and_punctuation_runs() {
        assert_eq!(
            sentences("sur le logement, sur l’éducation… C’est là où je vais avoir un discours."),
            [
                "sur le logement, sur l’éducation…",
                "C’est là où je vais avoir un discours."
            ]
        );
        assert_eq!(sentences("Vraiment ?! Oui."), ["Vraiment ?!", "Oui."]);
        assert_eq!(sentences("What?! No!!! Yes…"), ["What?!", "No!!!", "Yes…"]);
        assert_eq!(sentences("Wait... what? No."), ["Wait... what?", "No."]);
        assert_eq!(sentences("Et puis… on verra bien."), ["Et puis… on verra bien."]);
    }

    #[test]
    fn editorial_cuts_stay_inside_the_sentence() {
        assert_eq!(
            sentences("On a tout essayé […] Les réseaux ont aidé. Voilà."),
            ["On a tout essayé […] Les réseaux ont aidé.", "Voilà."]
        );
        assert_eq!(
            sentences("We tried (...) Nothing worked."),
            ["We tried (...) Nothing worked."]
        );
    }

    #[test]
    fn french_guillemets_around_and_inside_sentences() {
        assert_eq!(
            sentences("Il a dit « non. » Puis il est parti."),
            ["Il a dit « non. »", "Puis il est parti."]
        );
        assert_eq!(
            sentences("« C’est fini ? », demande-t-il. Je réponds oui."),
            ["« C’est fini ? », demande-t-il.", "Je réponds oui."]
        );
        assert_eq!(
            sentences("Il m’a dit : « Vas-y ! » et je suis parti."),
            ["Il m’a dit : « Vas-y ! » et je suis parti."]
        );
        assert_eq!(
            sentences("On avance. « Le plus dur est fait », dit-elle."),
            ["On avance.", "« Le plus dur est fait », dit-elle."]
        );
    }

    #[test]
    fn english_quotes_around_and_inside_sentences() {
        assert_eq!(
            sentences("\"We were engineers before,\" adds Eichten. \"We know what they need.\""),
            [
                "\"We were engineers before,\" adds Eichten.",
                "\"We know what they need.\""
            ]
        );
        assert_eq!(
            sentences("He asked, “Is it done?” and left. We stayed."),
            ["He asked, “Is it done?” and left.", "We stayed."]
        );
        assert_eq!(
            sentences("They replied: ‘Never.’ Then silence."),
            ["They replied: ‘Never.’", "Then silence."]
        );
    }

    #[test]
    fn parentheses() {
        assert_eq!(
            sentences("On a lancé le projet (enfin, presque). Ensuite on a vu."),
            ["On a lancé le projet (enfin, presque).", "Ensuite on a vu."]
        );
        assert_eq!(
            sentences("(That was the hard part.) Then it got easy."),
            ["(That was the hard part.)", "Then it got easy."]
        );
        assert_eq!(
            sentences("Avec Yannick (chef de projet, ndlr.) on avance."),
            ["Avec Yannick (chef de projet, ndlr.) on avance."]
        );
    }

    #[test]
    fn urls_and_units() {
        assert_eq!(
            sentences("Voir www.laregion.fr pour le détail. Merci."),
            ["Voir www.laregion.fr pour le détail.", "Merci."]
        );
        assert_eq!(
            sentences("Latency fell to 200 ms. Then it rose. Ms. Lee saw it."),
            ["Latency fell to 200 ms.", "Then it rose.", "Ms. Lee saw it."]
        );
    }
}
