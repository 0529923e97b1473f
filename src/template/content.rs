//! What a card says: the quote and its credit, and `{placeholder}` expansion in template text.

use crate::transcript::Language;
use image::RgbaImage;
use std::ops::Range;
use std::sync::Arc;

/// The words (and the speaker's photo) drawn on one card, made from a card request.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CardContent {
    /// The quote, without markup.
    pub quote: String,
    /// Byte ranges of `quote` drawn with the template's emphasis; sorted and disjoint.
    pub emphasis: Vec<Range<usize>>,
    /// `{speaker.name}`.
    pub speaker_name: String,
    /// `{speaker.role}`, as written (its first letter is capitalised when drawn).
    pub role: Option<String>,
    /// `{speaker.organisation}`.
    pub organisation: Option<String>,
    /// `{interview.title}`.
    pub title: Option<String>,
    /// `{kicker}`: a short label above the quote.
    pub kicker: Option<String>,
    /// The date shown by `{date}`, as the user wrote it.
    pub date: Option<String>,
    /// `{interview.outlet}`: where the interview was published.
    pub outlet: Option<String>,
    /// The speaker's portrait, for photo elements.
    pub photo: Option<Arc<RgbaImage>>,
    /// The quote's language: typography rules and the ornament's mark.
    pub language: Language,
}

/// Placeholders a template's text may use. `url` and `hashtags` come from the template's brand.
pub const PLACEHOLDERS: &[&str] = &[
    "speaker.name",
    "speaker.role",
    "speaker.organisation",
    "speaker.credit",
    "speaker.initials",
    "interview.title",
    "interview.outlet",
    "kicker",
    "date",
    "url",
    "hashtags",
];

fn capitalise_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

impl CardContent {
    /// The role and organisation as one credit line: "Responsable stratégie, Région Occitanie".
    pub fn credit(&self) -> String {
        let role = self.role.as_deref().map(capitalise_first);
        match (role, &self.organisation) {
            (Some(role), Some(org)) if !role.contains(org.as_str()) => format!("{role}, {org}"),
            (Some(role), _) => role,
            (None, Some(org)) => org.clone(),
            (None, None) => String::new(),
        }
    }

    /// Up to two initials: the first letters of the first and last words of the name.
    pub fn initials(&self) -> String {
        let words: Vec<&str> = self.speaker_name.split_whitespace().collect();
        let first = |w: &&str| w.chars().next().map(|c| c.to_uppercase().collect::<String>());
        match (words.first(), words.last()) {
            (Some(a), Some(b)) if words.len() > 1 => {
                format!("{}{}", first(a).unwrap_or_default(), first(b).unwrap_or_default())
            }
            (Some(a), _) => first(a).unwrap_or_default(),
            _ => String::new(),
        }
    }

    fn value(&self, name: &str) -> String {
        match name {
            "speaker.initials" => self.initials(),
            "date" => self.date.clone().unwrap_or_default(),
            "speaker.name" => self.speaker_name.clone(),
            "speaker.role" => self.role.as_deref().map(capitalise_first).unwrap_or_default(),
            "speaker.organisation" => self.organisation.clone().unwrap_or_default(),
            "speaker.credit" => self.credit(),
            "interview.title" => self.title.clone().unwrap_or_default(),
            "interview.outlet" => self.outlet.clone().unwrap_or_default(),
            "kicker" => self.kicker.clone().unwrap_or_default(),
            _ => String::new(),
        }
    }

    /// Replaces every `{placeholder}` in `text`; `{{` and `}}` stand for literal braces.
    pub fn expand(&self, text: &str) -> String {
        substitute(text, &|name| Some(self.value(name)), false)
            .trim()
            .to_owned()
    }
}

/// Replaces the placeholders `value` knows; keeps the others (and, if `keep_escapes`, the `{{`
/// and `}}` escapes) as written, so a second pass can expand them.
pub fn substitute(text: &str, value: &dyn Fn(&str) -> Option<String>, keep_escapes: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(['{', '}']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push_str(if keep_escapes { &tail[..2] } else { &tail[..1] });
            rest = &tail[2..];
        } else if let (true, Some(end)) = (tail.starts_with('{'), tail.find('}')) {
            match value(tail[1..end].trim()) {
                Some(v) => out.push_str(&v),
                None => out.push_str(&tail[..=end]),
            }
            rest = &tail[end + 1..];
        } else {
            out.push_str(&tail[..1]);
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

/// The placeholders in `text` that are not known, for validation.
pub fn unknown_placeholders(text: &str) -> Vec<String> {
    let mut unknown = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find('{') {
        let tail = &rest[i..];
        if let Some(after) = tail.strip_prefix("{{") {
            rest = after;
            continue;
        }
        let Some(end) = tail.find('}') else { break };
        let name = tail[1..end].trim();
        if !PLACEHOLDERS.contains(&name) {
            unknown.push(name.to_owned());
        }
        rest = &tail[end + 1..];
    }
    unknown
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content() -> CardContent {
        CardContent {
            quote: "Q".into(),
            speaker_name: "Ludovic Amar".into(),
            role: Some("responsable stratégie média digitale".into()),
            organisation: Some("Région Occitanie".into()),
            title: None,
            language: Language::French,
            ..CardContent::default()
        }
    }

    #[test]
    fn expands_placeholders() {
        let c = content();
        assert_eq!(c.expand("{speaker.name}"), "Ludovic Amar");
        assert_eq!(
            c.expand("{speaker.credit}"),
            "Responsable stratégie média digitale, Région Occitanie"
        );
        assert_eq!(c.expand("{{literal}} {interview.title}"), "{literal}");
        assert_eq!(c.initials(), "LA");
        let brand = |name: &str| (name == "url").then(|| "example.org".to_owned());
        assert_eq!(
            substitute("{{x}} {url} {date}", &brand, true),
            "{{x}} example.org {date}"
        );
    }

    #[test]
    fn finds_unknown_placeholders() {
        assert_eq!(
            unknown_placeholders("{speaker.nmae} and {speaker.name}"),
            vec!["speaker.nmae"]
        );
        assert!(unknown_placeholders("{{not one}}").is_empty());
    }
}
