//! Language typography applied to the text that is drawn (never to the stored verbatim text):
//! French no-break spacing (France or Québec), typographic apostrophes, quotation marks nested by
//! level, ellipses and dashes that never start a line, and `**emphasis**` markup.

use crate::locale::{EnglishConvention, FrenchConvention, Locale};
use crate::transcript::Language;
use std::ops::Range;

const NNBSP: char = '\u{202F}';
const NBSP: char = '\u{00A0}';
/// Private-use characters that stand for `**` while the text is being rewritten; they are
/// transparent to every rule and removed by [`split_emphasis`].
const EMPHASIS_START: char = '\u{E000}';
const EMPHASIS_END: char = '\u{E001}';

/// Returns the text as it should be drawn in `language` with the default conventions.
pub fn for_display(text: &str, language: Language) -> String {
    for_display_in(text, language, Locale::default())
}

/// Returns the text as it should be drawn in `language` under `locale`.
pub fn for_display_in(text: &str, language: Language, locale: Locale) -> String {
    Rewriter::new(text, language, locale).run()
}

/// Replaces paired `**` markers with emphasis sentinels; an unpaired `**` stays as typed.
pub fn mark_emphasis(text: &str) -> String {
    let pairs = text.matches("**").count() / 2;
    if pairs == 0 {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    for n in 0..pairs * 2 {
        let at = rest.find("**").expect("counted above");
        out.push_str(&rest[..at]);
        out.push(if n % 2 == 0 { EMPHASIS_START } else { EMPHASIS_END });
        rest = &rest[at + 2..];
    }
    out.push_str(rest);
    out
}

/// Marks the byte `ranges` of `text` (sorted, disjoint, on character boundaries) as emphasised,
/// as [`mark_emphasis`] marks `**` pairs.
pub fn mark_ranges(text: &str, ranges: &[Range<usize>]) -> String {
    let mut out = String::with_capacity(text.len() + ranges.len() * 6);
    let mut at = 0;
    for r in ranges {
        if r.start < at
            || r.end > text.len()
            || !text.is_char_boundary(r.start)
            || !text.is_char_boundary(r.end)
        {
            continue;
        }
        out.push_str(&text[at..r.start]);
        out.push(EMPHASIS_START);
        out.push_str(&text[r.clone()]);
        out.push(EMPHASIS_END);
        at = r.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Removes emphasis sentinels, returning the plain text and the byte ranges they enclosed.
pub fn split_emphasis(text: &str) -> (String, Vec<Range<usize>>) {
    let mut plain = String::with_capacity(text.len());
    let mut ranges = Vec::new();
    let mut start = None;
    for c in text.chars() {
        match c {
            EMPHASIS_START => start = Some(plain.len()),
            EMPHASIS_END => {
                if let Some(s) = start.take() {
                    if plain.len() > s {
                        ranges.push(s..plain.len());
                    }
                }
            }
            _ => plain.push(c),
        }
    }
    (plain, ranges)
}

/// The text with `**` markers removed, for alt text and anything read rather than drawn.
pub fn strip_emphasis(text: &str) -> String {
    split_emphasis(&mark_emphasis(text)).0
}

fn is_marker(c: char) -> bool {
    matches!(c, EMPHASIS_START | EMPHASIS_END)
}

fn is_plain_space(c: char) -> bool {
    matches!(c, ' ' | '\t')
}

fn is_any_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, NBSP | NNBSP)
}

/// Which kind of quotation is open, for nesting and for matching its closing mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    /// Straight `"`, or a curly `“` turned into the level's mark.
    Double,
    /// Straight `'` used as a quotation mark.
    Single,
    /// A curly `“` kept as typed.
    Curly,
    /// `«`, typed.
    Guillemet,
}

struct Rewriter {
    chars: Vec<char>,
    /// Characters inside URLs, e-mail addresses and handles keep their punctuation as typed.
    protected: Vec<bool>,
    language: Language,
    locale: Locale,
    out: Vec<char>,
    /// Open quotations, innermost last, with the mark each was opened with.
    open: Vec<(Open, char)>,
}

impl Rewriter {
    fn new(text: &str, language: Language, locale: Locale) -> Self {
        let chars: Vec<char> = text.chars().collect();
        let mut protected = vec![false; chars.len()];
        let mut start = 0;
        while start < chars.len() {
            let end = (start..chars.len())
                .find(|&i| is_any_space(chars[i]))
                .unwrap_or(chars.len());
            let word: String = chars[start..end].iter().collect();
            let is_url = word.contains("://")
                || word.to_ascii_lowercase().starts_with("www.")
                || (word.contains('@') && word.contains('.'));
            if is_url {
                // Sentence punctuation right after a URL is not part of it.
                let mut last = end;
                while last > start && matches!(chars[last - 1], '.' | ',' | ';' | ':' | '!' | '?' | ')') {
                    last -= 1;
                }
                protected[start..last].iter_mut().for_each(|p| *p = true);
            }
            start = end + 1;
        }
        Rewriter {
            chars,
            protected,
            language,
            locale,
            out: Vec::new(),
            open: Vec::new(),
        }
    }

    fn previous(&self) -> Option<char> {
        self.out.iter().rev().copied().find(|&c| !is_marker(c))
    }

    fn next_after(&self, i: usize) -> Option<char> {
        self.chars[i + 1..].iter().copied().find(|&c| !is_marker(c))
    }

    /// Removes plain spaces before the end of the output, keeping emphasis markers in place.
    fn trim_spaces(&mut self) {
        self.trim_end_where(is_plain_space);
    }

    /// Removes trailing characters that match `space`, keeping emphasis markers in place.
    fn trim_end_where(&mut self, space: fn(char) -> bool) {
        let mut markers = Vec::new();
        while let Some(&last) = self.out.last() {
            if is_marker(last) {
                markers.push(last);
            } else if !space(last) {
                break;
            }
            self.out.pop();
        }
        self.out.extend(markers.into_iter().rev());
    }

    /// Turns the space just written (if any) into `space`, so the next character stays on its line.
    fn bind_to_previous_word(&mut self, space: char) {
        if let Some(at) = self.out.iter().rposition(|&c| !is_marker(c)) {
            if is_plain_space(self.out[at]) {
                self.out[at] = space;
            }
        }
    }

    /// Whether a straight quote at `i` opens a quotation (by what precedes it).
    fn opens(&self, i: usize) -> bool {
        match self.previous() {
            None => true,
            Some(p) if is_any_space(p) => {
                // `" word "`: a lone mark after a space closes an open double quotation.
                let lone = self.next_after(i).is_none_or(is_any_space);
                !(lone && self.chars[i] == '"' && self.open.iter().any(|(o, _)| *o == Open::Double))
            }
            Some(p) => matches!(p, '(' | '[' | '{' | '—' | '–' | '/' | '“' | '‘' | '«' | '-'),
        }
    }

    /// Opens a quotation typed as `kind`: the mark depends on the language, the locale and what
    /// is already open (a quotation inside a quotation takes the other kind of mark).
    fn open_quote(&mut self, kind: Open) {
        let parent = self.open.last().map(|&(_, mark)| mark);
        let mark = match (self.language, parent) {
            (Language::French, None) => '«',
            (Language::French, Some(_)) => '“',
            (Language::English, None) if kind == Open::Single => '‘',
            (Language::English, None) => match self.locale.english {
                EnglishConvention::American => '“',
                EnglishConvention::British => '‘',
            },
            (Language::English, Some('‘')) => '“',
            (Language::English, Some(_)) => '‘',
        };
        self.open.push((kind, mark));
        self.out.push(mark);
        if mark == '«' {
            self.out.push(NBSP);
        }
    }

    /// Closes the innermost open quotation of one of `kinds`; `false` if none is open.
    fn close_quote(&mut self, kinds: &[Open]) -> bool {
        let Some(at) = self.open.iter().rposition(|(o, _)| kinds.contains(o)) else {
            return false;
        };
        let (_, mark) = self.open[at];
        self.open.truncate(at);
        match mark {
            '«' => self.push_closing_guillemet(),
            '‘' => self.out.push('’'),
            _ => self.out.push('”'),
        }
        true
    }

    /// Writes `»` bound to the word before it by one no-break space, whatever spacing was typed.
    fn push_closing_guillemet(&mut self) {
        self.trim_end_where(is_any_space);
        if self.previous().is_some() {
            self.out.push(NBSP);
        }
        self.out.push('»');
    }

    fn dash(&self) -> char {
        match (self.language, self.locale.english) {
            (Language::English, EnglishConvention::American) => '—',
            _ => '–',
        }
    }

    fn run(mut self) -> String {
        let mut i = 0;
        while i < self.chars.len() {
            let c = self.chars[i];
            if self.protected[i] {
                self.out.push(c);
                i += 1;
                continue;
            }
            let next = self.next_after(i);
            let previous = self.previous();
            match c {
                ' ' | '\t' => {
                    if previous.is_none_or(is_any_space) {
                        // Leading spaces go, and runs of spaces collapse to one.
                    } else if self.language == Language::French
                        && self.digit_group_ends_output()
                        && self.digit_group_follows(i + 1)
                    {
                        self.out.push(NNBSP);
                    } else {
                        self.out.push(' ');
                    }
                }
                '.' if self.chars[i..].starts_with(&['.', '.', '.']) => {
                    self.out.push('…');
                    i += 3;
                    continue;
                }
                '-' if self.chars[i..].starts_with(&['-', '-'])
                    && !self.chars[i..].starts_with(&['-', '-', '-']) =>
                {
                    let spaced = previous.is_some_and(is_any_space);
                    if spaced {
                        self.bind_to_previous_word(NBSP);
                        self.out.push(self.dash());
                    } else {
                        self.out.push('—');
                    }
                    i += 2;
                    continue;
                }
                '-' if previous.is_some_and(is_plain_space) && next.is_some_and(is_plain_space) => {
                    self.bind_to_previous_word(NBSP);
                    self.out.push(self.dash());
                }
                '—' | '–' => {
                    if previous.is_some_and(is_plain_space) {
                        self.bind_to_previous_word(NBSP);
                    }
                    self.out.push(c);
                }
                '\'' => self.apostrophe_or_quote(i),
                '"' => {
                    if self.opens(i) {
                        self.open_quote(Open::Double);
                    } else if !self.close_quote(&[Open::Double, Open::Curly]) {
                        self.out.push(if self.language == Language::English {
                            '”'
                        } else {
                            '»'
                        });
                    }
                }
                '“' if self.language == Language::French && self.open.is_empty() => {
                    self.open_quote(Open::Double);
                    self.skip_spaces_after(&mut i);
                }
                '“' => {
                    self.open.push((Open::Curly, c));
                    self.out.push(c);
                }
                '”' => {
                    if !self.close_quote(&[Open::Double, Open::Curly]) {
                        self.out.push(c);
                    }
                }
                '«' => {
                    self.open.push((Open::Guillemet, '«'));
                    self.out.push('«');
                    self.out.push(NBSP);
                    self.skip_spaces_after(&mut i);
                }
                '»' => {
                    if let Some(at) = self.open.iter().rposition(|(o, _)| *o == Open::Guillemet) {
                        self.open.truncate(at);
                    }
                    self.push_closing_guillemet();
                }
                ';' | '!' | '?' | ':' => self.high_punctuation(i, c),
                '%' if self.language == Language::French => {
                    if self.previous().is_some_and(|p| p == ' ') {
                        self.trim_spaces();
                    }
                    if self.previous().is_some_and(|p| p.is_ascii_digit()) {
                        self.out.push(NNBSP);
                    }
                    self.out.push('%');
                }
                _ => self.out.push(c),
            }
            i += 1;
        }
        while self.out.last().copied().is_some_and(is_plain_space) {
            self.out.pop();
        }
        self.out.into_iter().collect()
    }

    /// After `«`, spaces typed inside the guillemets are replaced by the no-break space already written.
    fn skip_spaces_after(&self, i: &mut usize) {
        while *i + 1 < self.chars.len() && is_any_space(self.chars[*i + 1]) {
            *i += 1;
        }
    }

    /// Whether the output ends with one to three digits (the start of a French number).
    fn digit_group_ends_output(&self) -> bool {
        let digits = self
            .out
            .iter()
            .rev()
            .filter(|&&c| !is_marker(c))
            .take_while(|c| c.is_ascii_digit())
            .count();
        (1..=3).contains(&digits)
    }

    /// Whether exactly three digits start at `at` (a French thousands group: `10 000`).
    fn digit_group_follows(&self, at: usize) -> bool {
        let digits = self.chars[at..].iter().take_while(|c| c.is_ascii_digit()).count();
        digits == 3
    }

    fn apostrophe_or_quote(&mut self, i: usize) {
        let previous = self.previous();
        let next = self.next_after(i);
        let between_letters =
            previous.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphabetic);
        if between_letters || self.language == Language::French {
            self.out.push('’');
        } else if self.opens(i) {
            if next.is_some_and(|n| n.is_ascii_digit()) {
                self.out.push('’'); // ’70s
            } else {
                self.open_quote(Open::Single);
            }
        } else if self.open.last().is_some_and(|(o, _)| *o == Open::Single) {
            self.close_quote(&[Open::Single]);
        } else {
            self.out.push('’'); // the students’ rooms
        }
    }

    /// `; ! ? :` take the language's spacing.
    fn high_punctuation(&mut self, i: usize, c: char) {
        let previous = self.previous();
        let next = self.next_after(i);
        let is_time = c == ':'
            && previous.is_some_and(|p| p.is_ascii_digit())
            && next.is_some_and(|n| n.is_ascii_digit());
        let follows_mark = previous.is_some_and(|p| matches!(p, '!' | '?' | ';' | ':'));
        let after_opening = previous.is_none_or(|p| matches!(p, '(' | '['));
        if is_time || follows_mark || after_opening {
            self.out.push(c);
            return;
        }
        match self.language {
            Language::French => {
                self.trim_spaces();
                let space = match (c, self.locale.french) {
                    (':', _) => Some(NBSP),
                    (_, FrenchConvention::France) => Some(NNBSP),
                    (_, FrenchConvention::Canada) => None,
                };
                if let Some(space) = space {
                    if !self.previous().is_some_and(|p| matches!(p, NBSP | NNBSP)) {
                        self.out.push(space);
                    }
                }
            }
            Language::English => {
                // Pasted French spacing (`Why ?`) is closed up in English.
                if next.is_none_or(|n| is_any_space(n) || matches!(n, '”' | '’' | '"' | ')')) {
                    self.trim_spaces();
                }
            }
        }
        self.out.push(c);
    }
}

/// Whether `c` may not start a line: closing punctuation, or a dash.
pub fn forbidden_at_line_start(c: char) -> bool {
    matches!(
        c,
        '.' | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '…'
            | ')'
            | ']'
            | '}'
            | '»'
            | '›'
            | '”'
            | '’'
            | '—'
            | '–'
            | NBSP
            | NNBSP
    )
}

/// The opening quotation marks that hang into the left margin when they start a text.
pub fn hangs(c: char) -> bool {
    matches!(c, '«' | '“' | '‘' | '„' | '‹' | '"' | '\'')
}

#[cfg(test)]
mod tests {
    #[test]
    fn no_break_spaces_next_to_marks_are_walked_by_character() {
        // A two-byte no-break space right before a mark once split a character in the URL check.
        let text = "«\u{A0}Le terrain ne ment jamais\u{A0}», m’a dit mon premier chef. Il avait raison.";
        let drawn = super::for_display(text, crate::transcript::Language::French);
        assert!(
            drawn.contains("jamais\u{A0}»,") && !drawn.contains("\u{A0}\u{A0}"),
            "{drawn:?}"
        );
        for typed in ["jamais »", "jamais\u{202F}»", "jamais»", "jamais \u{A0}»"] {
            let drawn = super::for_display(
                &format!("«\u{A0}Rien {typed}."),
                crate::transcript::Language::French,
            );
            let spaces = drawn
                .chars()
                .filter(|c| matches!(c, '\u{A0}' | '\u{202F}' | ' '))
                .count();
            assert_eq!(
                spaces, 3,
                "one space in, one before the mark, one between words: {drawn:?}"
            );
        }
    }

    use super::*;

    fn fr(text: &str) -> String {
        for_display(text, Language::French)
    }

    fn en(text: &str) -> String {
        for_display(text, Language::English)
    }

    #[test]
    fn french_spacing_rules() {
        assert_eq!(fr("Pourquoi ?"), "Pourquoi\u{202F}?");
        assert_eq!(fr("Pourquoi?"), "Pourquoi\u{202F}?");
        assert_eq!(fr("Vraiment?!"), "Vraiment\u{202F}?!");
        assert_eq!(
            fr("Deux choses : oui; non"),
            "Deux choses\u{A0}: oui\u{202F}; non"
        );
        assert_eq!(fr("Deux choses: oui"), "Deux choses\u{A0}: oui");
        assert_eq!(fr("« Bonjour »"), "«\u{A0}Bonjour\u{A0}»");
        assert_eq!(fr("«Bonjour»"), "«\u{A0}Bonjour\u{A0}»");
        assert_eq!(
            fr("à 10:30 sur https://x.fr/?a=1 !"),
            "à 10:30 sur https://x.fr/?a=1\u{202F}!"
        );
        assert_eq!(fr("écrivez à info@region.fr."), "écrivez à info@region.fr.");
    }

    #[test]
    fn quebec_closes_up_before_high_punctuation_but_keeps_the_colon_space() {
        let canada = Locale {
            french: FrenchConvention::Canada,
            ..Locale::default()
        };
        assert_eq!(
            for_display_in(
                "Pourquoi ? Parce que : voilà ; « oui » !",
                Language::French,
                canada
            ),
            "Pourquoi? Parce que\u{A0}: voilà; «\u{A0}oui\u{A0}»!"
        );
    }

    #[test]
    fn french_quotes_nest_and_numbers_stay_together() {
        assert_eq!(fr("Il a dit \"non\"."), "Il a dit «\u{A0}non\u{A0}».");
        assert_eq!(fr("« Il a dit \"non\" »"), "«\u{A0}Il a dit “non”\u{A0}»");
        assert_eq!(fr("“Bonjour” dit-il"), "«\u{A0}Bonjour\u{A0}» dit-il");
        assert_eq!(fr("10 000 abonnés, 25 %"), "10\u{202F}000 abonnés, 25\u{202F}%");
        assert_eq!(fr("l'été...  c'est [...] fini"), "l’été… c’est […] fini");
    }

    #[test]
    fn dashes_never_start_a_line() {
        assert_eq!(
            fr("le travail - pas la chance - compte"),
            "le travail\u{A0}– pas la chance\u{A0}– compte"
        );
        assert_eq!(en("work -- not luck"), "work\u{A0}— not luck");
        assert_eq!(en("work--not luck"), "work—not luck");
        assert_eq!(en("a well-known e-mail"), "a well-known e-mail");
    }

    #[test]
    fn english_quotes_apostrophes_and_nesting() {
        assert_eq!(
            en("He said \"we'll see\" and 'left'"),
            "He said “we’ll see” and ‘left’"
        );
        assert_eq!(en("\"She said 'no' to me\""), "“She said ‘no’ to me”");
        assert_eq!(
            en("back in the '70s, the students' rooms"),
            "back in the ’70s, the students’ rooms"
        );
        assert_eq!(en("Why ? Because !"), "Why? Because!");
        let british = Locale {
            english: EnglishConvention::British,
            ..Locale::default()
        };
        assert_eq!(
            for_display_in("\"She said \"no\" - twice\"", Language::English, british),
            "‘She said “no”\u{A0}– twice’"
        );
    }

    #[test]
    fn ranges_are_marked_like_markup() {
        let text = "Il faut oser ! Et tenir";
        assert_eq!(
            split_emphasis(&for_display(
                &mark_ranges(text, &[8..12, 18..23]),
                Language::French
            )),
            split_emphasis(&for_display(
                &mark_emphasis("Il faut **oser** ! Et **tenir**"),
                Language::French
            ))
        );
        assert_eq!(strip_emphasis(&mark_ranges("abc", &[1..2, 0..3, 2..9])), "abc");
    }

    #[test]
    fn emphasis_markers_survive_rewriting_and_are_removed() {
        let marked = mark_emphasis("Il faut **oser** ! Et **tenir**");
        let drawn = for_display(&marked, Language::French);
        let (plain, ranges) = split_emphasis(&drawn);
        assert_eq!(plain, "Il faut oser\u{202F}! Et tenir");
        let words: Vec<&str> = ranges.iter().map(|r| &plain[r.clone()]).collect();
        assert_eq!(words, ["oser", "tenir"]);
        assert_eq!(strip_emphasis("a ** b"), "a ** b");
        assert_eq!(strip_emphasis("**a** b"), "a b");
        // Context seen through the markers: the quote still opens.
        let (plain, _) = split_emphasis(&for_display(
            &mark_emphasis("**\"Yes\"** he said"),
            Language::English,
        ));
        assert_eq!(plain, "“Yes” he said");
    }
}
