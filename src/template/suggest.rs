//! "Did you mean …?" suggestions for misspelt names.

use crate::boundary::SafeSlice;

/// Levenshtein distance between two short strings.
pub fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1).min(row[j] + 1).min(diagonal + usize::from(ca != cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

/// The closest candidate within a small edit distance.
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let lower = word.to_lowercase();
    candidates
        .iter()
        .map(|c| (distance(&lower, &c.to_lowercase()), *c))
        .filter(|&(d, c)| d <= (c.chars().count() / 3).max(1) + 1)
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// `"; did you mean `x`?"`, or an empty string.
pub fn did_you_mean(word: &str, candidates: &[&str]) -> String {
    closest(word, candidates)
        .map(|c| format!("; did you mean `{c}`?"))
        .unwrap_or_default()
}

/// A "did you mean" hint for a deserialiser's message naming an unknown field or value in
/// backticks and then the `expected` ones: "unknown field `sise`, expected `size` or `font`".
pub fn hint_from_message(message: &str) -> Option<String> {
    let start = message.find('`')? + 1;
    let end = start + message.slice(start..).find('`')?;
    let expected_at = message.find("expected")?;
    let candidates: Vec<&str> = message
        .slice(expected_at..)
        .split('`')
        .skip(1)
        .step_by(2)
        .collect();
    closest(message.slice(start..end), &candidates).map(|c| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_names_only() {
        assert_eq!(closest("colour", &["color", "font", "size"]), Some("color"));
        assert_eq!(closest("vmni", &["vmin", "vmax", "px"]), Some("vmin"));
        assert_eq!(closest("banana", &["color", "font"]), None);
        assert_eq!(distance("kitten", "sitting"), 3);
    }
}
