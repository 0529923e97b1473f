//! The optional YAML block at the top of a transcript that states the speakers and the interview's
//! metadata, overriding whatever the text implies.
//!
//! ```yaml
//! ---
//! title: Les réseaux sociaux de la Région
//! date: 2024-03-12
//! source: Le Petit Journal
//! language: fr
//! interviewer: Camille Martin
//! speakers:
//!   AO:
//!     name: Aziz Oulhiyane
//!     role: responsable de l’animation des réseaux sociaux
//!     organisation: Région Occitanie
//!     photo: photos/aziz.jpg
//!   LA: Ludovic Amar
//! ---
//! ```

use super::Language;
use crate::boundary::SafeSlice;
use crate::diagnostic::Diagnostic;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::fmt;
use std::path::PathBuf;

/// A speaker the front matter declares.
#[derive(Debug, Clone, PartialEq)]
pub struct DeclaredSpeaker {
    /// The label turns use for this speaker (`AO`, `Speaker 1`, `Aziz`).
    pub label: String,
    pub name: String,
    pub role: Option<String>,
    pub organisation: Option<String>,
    /// As written, relative to the transcript's folder.
    pub photo: Option<PathBuf>,
}

/// What a front-matter block states.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub date: Option<String>,
    pub source: Option<String>,
    pub language: Option<Language>,
    pub interviewer: Option<String>,
    pub speakers: Vec<DeclaredSpeaker>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    #[serde(default, deserialize_with = "scalar")]
    title: Option<String>,
    #[serde(default, deserialize_with = "scalar")]
    date: Option<String>,
    #[serde(default, alias = "outlet", alias = "publication", deserialize_with = "scalar")]
    source: Option<String>,
    #[serde(default, alias = "lang", deserialize_with = "scalar")]
    language: Option<String>,
    #[serde(default, deserialize_with = "scalar")]
    interviewer: Option<String>,
    #[serde(default, deserialize_with = "speaker_list")]
    speakers: Vec<DeclaredSpeaker>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSpeaker {
    #[serde(default, deserialize_with = "scalar")]
    label: Option<String>,
    #[serde(deserialize_with = "required_scalar")]
    name: String,
    #[serde(default, deserialize_with = "scalar")]
    role: Option<String>,
    #[serde(default, alias = "organization", alias = "org", deserialize_with = "scalar")]
    organisation: Option<String>,
    #[serde(default)]
    photo: Option<PathBuf>,
}

/// A scalar of any YAML type as text: `date: 2024-03-12` and `title: 1984` are strings here.
fn scalar<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let value = serde_yaml::Value::deserialize(d)?;
    let text = match value {
        serde_yaml::Value::Null => return Ok(None),
        serde_yaml::Value::String(s) => s,
        serde_yaml::Value::Number(n) => n.to_string(),
        serde_yaml::Value::Bool(b) => b.to_string(),
        _ => return Err(de::Error::custom("expected text, found a list or a mapping")),
    };
    let text = text.trim().to_owned();
    Ok((!text.is_empty()).then_some(text))
}

fn required_scalar<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    scalar(d)?.ok_or_else(|| de::Error::custom("the speaker's name is empty"))
}

/// `speakers:` as a mapping from label to a name or a speaker, or as a list of speakers.
fn speaker_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<DeclaredSpeaker>, D::Error> {
    struct Speakers;
    impl<'de> Visitor<'de> for Speakers {
        type Value = Vec<DeclaredSpeaker>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a mapping from labels to speakers, or a list of speakers")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(label) = map.next_key::<serde_yaml::Value>()? {
                let label = match label {
                    serde_yaml::Value::String(s) => s,
                    serde_yaml::Value::Number(n) => n.to_string(),
                    _ => return Err(de::Error::custom("a speaker's label must be text")),
                };
                let entry: Entry = map.next_value()?;
                out.push(entry.into_speaker(Some(label)).map_err(de::Error::custom)?);
            }
            Ok(out)
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(entry) = seq.next_element::<Entry>()? {
                out.push(entry.into_speaker(None).map_err(de::Error::custom)?);
            }
            Ok(out)
        }
    }
    d.deserialize_any(Speakers)
}

/// One speaker: just a name, or the full form.
enum Entry {
    Name(String),
    Full(RawSpeaker),
}

impl<'de> Deserialize<'de> for Entry {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct EntryVisitor;
        impl<'de> Visitor<'de> for EntryVisitor {
            type Value = Entry;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a name, or a mapping with name, role, organisation and photo")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Entry, E> {
                Ok(Entry::Name(v.trim().to_owned()))
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Entry, A::Error> {
                RawSpeaker::deserialize(de::value::MapAccessDeserializer::new(map)).map(Entry::Full)
            }
        }
        d.deserialize_any(EntryVisitor)
    }
}

impl Entry {
    fn into_speaker(self, key: Option<String>) -> Result<DeclaredSpeaker, String> {
        let (label, raw) = match self {
            Entry::Name(name) => (
                key,
                RawSpeaker {
                    label: None,
                    name,
                    role: None,
                    organisation: None,
                    photo: None,
                },
            ),
            Entry::Full(raw) => (raw.label.clone().or(key), raw),
        };
        if raw.name.trim().is_empty() {
            return Err("the speaker's name is empty".into());
        }
        let label = label
            .map(|l| l.trim().trim_end_matches([':', '：']).trim().to_owned())
            .filter(|l| !l.is_empty())
            .ok_or_else(|| format!("speaker `{}` has no label", raw.name))?;
        Ok(DeclaredSpeaker {
            label,
            name: raw.name,
            role: raw.role,
            organisation: raw.organisation,
            photo: raw.photo,
        })
    }
}

const KEYS: &[&str] = &[
    "title",
    "date",
    "source",
    "outlet",
    "publication",
    "language",
    "lang",
    "interviewer",
    "speakers",
];

/// The front matter at the top of `text`, and the byte offset and line count of what follows it.
pub struct Split<'a> {
    pub yaml: &'a str,
    /// Byte offset in `text` where the transcript proper starts.
    pub body_start: usize,
    /// Lines taken by the block, fences included.
    pub lines: usize,
}

/// Finds a `---` fenced block of `key: value` lines at the very top of `text`.
pub fn split(text: &str) -> Option<Split<'_>> {
    let after_fence = text.strip_prefix("---\n")?;
    let mut offset = 4;
    let mut yaml_end = None;
    for (i, line) in after_fence.split_inclusive('\n').enumerate() {
        let bare = line.trim_end();
        if bare == "---" || bare == "..." {
            yaml_end = Some((offset, offset + line.len(), i + 2));
            break;
        }
        if i > 400 {
            return None;
        }
        offset += line.len();
    }
    let (end, body_start, lines) = yaml_end?;
    let yaml = text.slice(4..end);
    // Rules around a first answer (`---\nAO: …\n---`) are not front matter: the block must set
    // at least one key pullquote knows, at the start of a line.
    let is_front_matter = yaml.lines().any(|l| {
        l.split_once(':').is_some_and(|(key, _)| {
            KEYS.contains(&key.trim_end().to_ascii_lowercase().as_str()) && !key.starts_with(' ')
        })
    });
    is_front_matter.then_some(Split {
        yaml,
        body_start,
        lines,
    })
}

/// Parses the block's YAML. Errors point at the line and column in the transcript file.
pub fn parse(yaml: &str) -> Result<FrontMatter, Box<Diagnostic>> {
    if let Err(deep) = crate::limits::check_yaml_depth(yaml) {
        // The block starts on the file's second line, after the opening `---`.
        return Err(Box::new(
            Diagnostic::error(format!("invalid front matter: {deep}"))
                .at(deep.line + 1, deep.column)
                .with_hint("front matter nests three levels: check for unclosed or repeated brackets"),
        ));
    }
    let raw: Raw = serde_yaml::from_str(yaml).map_err(|e| {
        let message = format!("invalid front matter: {}", strip_location(&e.to_string()));
        let mut d = Diagnostic::error(message).with_hint(
            "front matter takes title, date, source, language, interviewer and speakers (label: {name, role, organisation, photo})",
        );
        if let Some(location) = e.location() {
            // The block starts on the file's second line, after the opening `---`.
            d = d.at(location.line() + 1, location.column());
            d.source_line = yaml.lines().nth(location.line().saturating_sub(1)).map(str::to_owned);
        }
        Box::new(d)
    })?;
    let language = match raw.language {
        None => None,
        Some(code) => Some(Language::from_code(&code).ok_or_else(|| {
            let line = yaml
                .lines()
                .position(|l| l.trim_start().starts_with("language") || l.trim_start().starts_with("lang"))
                .map_or(2, |i| i + 2);
            let mut d = Diagnostic::error(format!("invalid front matter: unknown language `{code}`"))
                .at_line(line)
                .with_hint("use fr or en");
            d.source_line = yaml.lines().nth(line - 2).map(str::to_owned);
            Box::new(d)
        })?),
    };
    Ok(FrontMatter {
        title: raw.title,
        date: raw.date,
        source: raw.source,
        language,
        interviewer: raw.interviewer,
        speakers: raw.speakers,
    })
}

/// serde_yaml appends " at line L column C"; the diagnostic shows the position itself.
fn strip_location(message: &str) -> &str {
    message.find(" at line ").map_or(message, |i| message.slice(..i))
}

#[cfg(test)]
mod tests {
    use super::*;

    const BLOCK: &str = "---\ntitle: Les réseaux\ndate: 2024-03-12\nlanguage: fr\nspeakers:\n  AO:\n    name: Aziz Oulhiyane\n    role: responsable\n    photo: ao.jpg\n  LA: Ludovic Amar\n---\nQ: Pourquoi ?\n";

    #[test]
    fn splits_and_parses_speakers_in_order() {
        let split = split(BLOCK).unwrap();
        assert_eq!(&BLOCK[split.body_start..], "Q: Pourquoi ?\n");
        assert_eq!(split.lines, 11);
        let fm = parse(split.yaml).unwrap();
        assert_eq!(fm.title.as_deref(), Some("Les réseaux"));
        assert_eq!(fm.date.as_deref(), Some("2024-03-12"));
        assert_eq!(fm.language, Some(Language::French));
        let labels: Vec<&str> = fm.speakers.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(labels, ["AO", "LA"]);
        assert_eq!(fm.speakers[0].photo, Some(PathBuf::from("ao.jpg")));
        assert_eq!(fm.speakers[1].name, "Ludovic Amar");
    }

    #[test]
    fn speakers_as_a_list() {
        let fm = parse("speakers:\n  - label: MK\n    name: Melody Kramer\n").unwrap();
        assert_eq!(fm.speakers[0].label, "MK");
    }

    #[test]
    fn unknown_field_points_at_its_line() {
        let text = "---\ntitle: x\nspeakers:\n  AO:\n    name: A B\n    rol: chef\n---\n";
        let split = split(text).unwrap();
        let d = parse(split.yaml).unwrap_err();
        assert!(d.message.contains("unknown field `rol`"), "{}", d.message);
        assert_eq!(d.line, Some(6));
        assert_eq!(d.source_line.as_deref(), Some("    rol: chef"));
    }

    #[test]
    fn bad_language_is_an_error() {
        let d = parse("language: klingon\n").unwrap_err();
        assert!(d.message.contains("klingon"));
        assert_eq!(d.line, Some(2));
    }

    #[test]
    fn a_rule_is_not_front_matter() {
        assert!(split("---\nAO: Oui, c’est ça.\n---\n").is_none());
        assert!(split("---\n« Une citation »\n---\n").is_none());
    }
}
