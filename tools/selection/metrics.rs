//! The pull-quote set's measures: hit@k and per-text ROC AUC, with the set's matching rules
//! (normalised strings, a difflib-style similarity ratio, word overlap by position).

/// Normalises text the way the set's labels were matched: quote marks and apostrophes unified,
/// special spaces made plain, `…` as `...`, white space collapsed, lower case. (The set is in NFC;
/// the only compatibility characters in it are `…` and `™`, handled here.)
pub fn normalise(text: &str) -> Vec<char> {
    let mut out: Vec<char> = Vec::with_capacity(text.len());
    let push = |c: char, out: &mut Vec<char>| {
        if c == ' ' && (out.is_empty() || out.last() == Some(&' ')) {
            return;
        }
        out.push(c);
    };
    for c in text.chars() {
        match c {
            '‘' | '’' | '‚' | '‛' | '′' | '`' | '´' => push('\'', &mut out),
            '“' | '”' | '„' | '‟' | '″' | '«' | '»' => push('"', &mut out),
            '…' => "...".chars().for_each(|d| push(d, &mut out)),
            '™' => "tm".chars().for_each(|d| push(d, &mut out)),
            c if c.is_whitespace() || matches!(c, '\u{a0}' | '\u{202f}' | '\u{2009}' | '\u{2007}') => {
                push(' ', &mut out)
            }
            c => c.to_lowercase().for_each(|d| push(d, &mut out)),
        }
    }
    while out.last() == Some(&' ') {
        out.pop();
    }
    out
}

/// `difflib.SequenceMatcher(None, a, b).ratio()`: twice the matched characters over the total,
/// with matches found as Python finds them (longest block first, recursively on each side, and
/// the automatic junk heuristic for `b` of 200 characters or more).
pub fn ratio(a: &[char], b: &[char]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    // Positions of each character in b, leaving out "popular" ones as difflib's autojunk does.
    let mut b2j: std::collections::BTreeMap<char, Vec<usize>> = std::collections::BTreeMap::new();
    for (j, &c) in b.iter().enumerate() {
        b2j.entry(c).or_default().push(j);
    }
    if b.len() >= 200 {
        let limit = b.len() / 100 + 1;
        b2j.retain(|_, positions| positions.len() <= limit);
    }
    let mut matched = 0;
    let mut queue = vec![(0, a.len(), 0, b.len())];
    while let Some((alo, ahi, blo, bhi)) = queue.pop() {
        let (i, j, k) = longest_match(a, b, &b2j, alo, ahi, blo, bhi);
        if k > 0 {
            matched += k;
            if alo < i && blo < j {
                queue.push((alo, i, blo, j));
            }
            if i + k < ahi && j + k < bhi {
                queue.push((i + k, ahi, j + k, bhi));
            }
        }
    }
    2.0 * matched as f64 / (a.len() + b.len()) as f64
}

fn longest_match(
    a: &[char],
    b: &[char],
    b2j: &std::collections::BTreeMap<char, Vec<usize>>,
    alo: usize,
    ahi: usize,
    blo: usize,
    bhi: usize,
) -> (usize, usize, usize) {
    let (mut besti, mut bestj, mut bestsize) = (alo, blo, 0);
    let mut j2len: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    for (i, c) in a.iter().enumerate().take(ahi).skip(alo) {
        let mut next: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
        for &j in b2j.get(c).map(Vec::as_slice).unwrap_or(&[]) {
            if j < blo {
                continue;
            }
            if j >= bhi {
                break;
            }
            let k = j.checked_sub(1).and_then(|p| j2len.get(&p)).copied().unwrap_or(0) + 1;
            next.insert(j, k);
            if k > bestsize {
                besti = i + 1 - k;
                bestj = j + 1 - k;
                bestsize = k;
            }
        }
        j2len = next;
    }
    // Extend over equal characters on both sides (popular ones included, as difflib does when
    // there is no junk function).
    while besti > alo && bestj > blo && a[besti - 1] == b[bestj - 1] {
        besti -= 1;
        bestj -= 1;
        bestsize += 1;
    }
    while besti + bestsize < ahi && bestj + bestsize < bhi && a[besti + bestsize] == b[bestj + bestsize] {
        bestsize += 1;
    }
    (besti, bestj, bestsize)
}

/// Byte ranges of the words of `text` (runs of letters, digits and `_`).
pub fn word_ranges(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        let word = c.is_alphanumeric() || c == '_';
        match (word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// Whether the sentence at `sentence` hits the gold range `gold` (both byte ranges of `text`):
/// similar normalised text (ratio ≥ 0.8), or half of either one's words inside the other.
pub fn hits(text: &str, words: &[(usize, usize)], sentence: (usize, usize), gold: (usize, usize)) -> bool {
    let inside = |range: (usize, usize)| words.iter().filter(move |w| w.0 >= range.0 && w.1 <= range.1);
    let sentence_words = inside(sentence).count();
    let gold_words = inside(gold).count();
    let shared = inside(sentence)
        .filter(|w| w.0 >= gold.0 && w.1 <= gold.1)
        .count();
    if sentence_words > 0 && shared * 2 >= sentence_words || gold_words > 0 && shared * 2 >= gold_words {
        return true;
    }
    let a = normalise(&text[sentence.0..sentence.1]);
    let b = normalise(&text[gold.0..gold.1]);
    ratio(&a, &b) >= 0.8
}

/// ROC AUC of `scores` for `positive` labels (Mann–Whitney; ties count one half), or `None`
/// without both classes.
pub fn auc(scores: &[f64], positive: &[bool]) -> Option<f64> {
    let pos: Vec<f64> = scores
        .iter()
        .zip(positive)
        .filter(|(_, &p)| p)
        .map(|(s, _)| *s)
        .collect();
    let neg: Vec<f64> = scores
        .iter()
        .zip(positive)
        .filter(|(_, &p)| !p)
        .map(|(s, _)| *s)
        .collect();
    if pos.is_empty() || neg.is_empty() {
        return None;
    }
    let mut wins = 0.0;
    for p in &pos {
        for n in &neg {
            wins += if p > n {
                1.0
            } else if p == n {
                0.5
            } else {
                0.0
            };
        }
    }
    Some(wins / (pos.len() * neg.len()) as f64)
}

// Run by tests/selection_eval.rs, whose harness lists them (it has no `#[test]` collection).
#[cfg(test)]
pub mod tests {
    use super::*;

    fn r(a: &str, b: &str) -> f64 {
        ratio(&a.chars().collect::<Vec<_>>(), &b.chars().collect::<Vec<_>>())
    }

    pub fn ratio_matches_python_difflib() {
        // Values from Python 3: difflib.SequenceMatcher(None, a, b).ratio()
        assert!((r("abcd", "bcde") - 0.75).abs() < 1e-12);
        assert!((r("private thread", "private volatile thread") - 0.7567567567567568).abs() < 1e-12);
        assert!((r("qabxcd", "abycdf") - 0.6666666666666666).abs() < 1e-12);
        assert_eq!(r("", ""), 1.0);
        assert_eq!(r("abc", ""), 0.0);
    }

    pub fn ratio_applies_autojunk_on_long_strings() {
        let a: String = "ab".repeat(150);
        let b: String = format!("{}x", "ab".repeat(150));
        // Python: SequenceMatcher(None, "ab"*150, "ab"*150 + "x").ratio(): `a` and `b` are too
        // popular to seed a match, but the match still grows over them from its edges.
        assert!((r(&a, &b) - 0.9983361064891847).abs() < 1e-12);
        let c: String = format!("x{}", "ab".repeat(150));
        let d: String = format!("{}y", "ab".repeat(150));
        // SequenceMatcher(None, "x" + "ab"*150, "ab"*150 + "y").ratio() == 0.0
        assert_eq!(r(&c, &d), 0.0);
    }

    pub fn normalise_folds_marks_spaces_and_case() {
        let n: String = normalise("  « Déjà »\u{a0}vu…  It’s “OK” ").into_iter().collect();
        assert_eq!(n, "\" déjà \" vu... it's \"ok\"");
    }

    pub fn hit_by_position_or_similarity() {
        let text = "Intro here. We built it and they came. Then more.";
        let words = word_ranges(text);
        let gold = (12, 38);
        assert!(hits(text, &words, (12, 38), gold));
        assert!(!hits(text, &words, (0, 11), gold));
        assert!(
            hits(text, &words, (12, 49), gold),
            "over half of the gold words are inside"
        );
    }

    pub fn auc_counts_ties_as_half() {
        assert_eq!(auc(&[0.9, 0.1, 0.5], &[true, false, false]), Some(1.0));
        assert_eq!(auc(&[0.5, 0.5], &[true, false]), Some(0.5));
        assert_eq!(auc(&[0.1, 0.9], &[true, false]), Some(0.0));
        assert_eq!(auc(&[0.1], &[true]), None);
    }
}
