//! One card request: everything a user gives for one card (the text and its emphasis, who said
//! it, the interview's title, kicker, date and outlet, the language), built in one place from
//! each source, and the only code that turns it into what a template draws.
//!
//! Sources: [`CardRequest::new`] (a quote in a program), [`CardRequest::from_typed`] (a quote
//! typed on the command line or sent to the studio), [`CardRequest::from_selection`] (a quote selected from a transcript, with the transcript's
//! front matter), [`CardRequest::from_quotes_file`] (an entry of a quotes file) and
//! [`CardRequest::from_sheet_row`] (a row of a CSV/TSV sheet). [`render_card`] draws one request
//! on one template at one format; the batch draws many and writes them.

mod alt;
mod draw;
mod emphasis;
mod language;
mod sources;

pub use alt::alt_text;
pub(crate) use draw::{draw, LoadedPhoto};
pub use draw::{render_card, render_card_with, CardError, RenderedCard};
#[cfg(feature = "studio")]
pub(crate) use draw::{render_traced, Traced};
pub use language::Guess;
pub use sources::TypedQuote;

use crate::encode::{Effort, ImageKind};
use crate::fingerprint::Fingerprint;
use crate::template::{CardContent, Format, Template};
use crate::transcript::Language;
use image::RgbaImage;
use serde::{Serialize, Serializer};
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

/// Everything one card shows. Build it with one of the constructors, which keep `emphasis`
/// valid for `text`; spans that are not (out of range, inside a character) are ignored when
/// the card is drawn.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CardRequest {
    /// The words on the card, without markup.
    pub text: String,
    /// Byte ranges of `text` drawn with the template's emphasis (colour and weight), sorted.
    pub emphasis: Vec<Range<usize>>,
    /// Who said it.
    pub speaker: Speaker,
    /// The interview's title (`{interview.title}`).
    pub title: Option<String>,
    /// A short label above the quote (`{kicker}`).
    pub kicker: Option<String>,
    /// The date as it should be printed (`{date}`).
    pub date: Option<String>,
    /// The outlet the interview was published in (`{interview.outlet}`).
    pub outlet: Option<String>,
    /// The quote's language: French or English typography, and the alt text's wording.
    pub language: Language,
}

/// Who a card credits.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Speaker {
    /// The full name.
    pub name: String,
    /// The role or job title, as written (the card capitalises its first letter).
    pub role: Option<String>,
    /// The organisation.
    pub organisation: Option<String>,
    /// A portrait for templates with a photo element; without one they draw initials.
    pub photo: Option<Photo>,
}

/// A speaker's portrait (PNG or JPEG).
#[derive(Debug, Clone, PartialEq)]
pub enum Photo {
    /// A file, read when the card is drawn.
    File(PathBuf),
    /// Encoded image bytes already in memory, such as an upload.
    Bytes(Arc<[u8]>),
}

impl Photo {
    /// How the photo is named in messages.
    pub fn describe(&self) -> String {
        match self {
            Photo::File(path) => path.display().to_string(),
            Photo::Bytes(bytes) => format!("photo of {} bytes", bytes.len()),
        }
    }
}

impl Serialize for Photo {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(1))?;
        match self {
            Photo::File(path) => map.serialize_entry("file", &path.display().to_string())?,
            Photo::Bytes(bytes) => map.serialize_entry("bytes", &crate::fingerprint::file_hash(bytes))?,
        }
        map.end()
    }
}

impl CardRequest {
    /// A card for `text`, said by `speaker`. Words between `**` in `text` are emphasised; the
    /// language is guessed from the text (set it with [`CardRequest::with_language`]).
    pub fn new(text: &str, speaker: &str) -> CardRequest {
        CardRequest::with_markup(text, speaker, language::guess([text]).language)
    }

    /// The language the request's words suggest: the quote with the role, organisation, title,
    /// kicker and outlet around it, which tip the balance when the quote alone is too short.
    pub fn guess_language(&self) -> Guess {
        let around = [
            &self.speaker.role,
            &self.speaker.organisation,
            &self.title,
            &self.kicker,
            &self.outlet,
        ];
        language::guess(
            std::iter::once(self.text.as_str()).chain(around.into_iter().flatten().map(String::as_str)),
        )
    }

    /// A card for `text` (`**` marks emphasis) in `language`.
    fn with_markup(text: &str, speaker: &str, language: Language) -> CardRequest {
        let (text, emphasis) = emphasis::parse_markup(&emphasis::forced_breaks(text.trim()));
        CardRequest {
            text,
            emphasis,
            speaker: Speaker {
                name: speaker.trim().to_owned(),
                role: None,
                organisation: None,
                photo: None,
            },
            title: None,
            kicker: None,
            date: None,
            outlet: None,
            language,
        }
    }

    /// Sets the speaker's role.
    pub fn with_role(mut self, role: impl Into<String>) -> Self {
        self.speaker.role = Some(role.into());
        self
    }

    /// Sets the speaker's organisation.
    pub fn with_organisation(mut self, organisation: impl Into<String>) -> Self {
        self.speaker.organisation = Some(organisation.into());
        self
    }

    /// Sets the speaker's photo.
    pub fn with_photo(mut self, photo: Photo) -> Self {
        self.speaker.photo = Some(photo);
        self
    }

    /// Sets the interview's title.
    pub fn with_title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    /// Sets the kicker.
    pub fn with_kicker(mut self, kicker: impl Into<String>) -> Self {
        self.kicker = Some(kicker.into());
        self
    }

    /// Sets the date, as it should be printed.
    pub fn with_date(mut self, date: impl Into<String>) -> Self {
        self.date = Some(date.into());
        self
    }

    /// Sets the outlet.
    pub fn with_outlet(mut self, outlet: impl Into<String>) -> Self {
        self.outlet = Some(outlet.into());
        self
    }

    /// Sets the language instead of the detected one.
    pub fn with_language(mut self, language: Language) -> Self {
        self.language = language;
        self
    }

    /// Emphasises every whole-word occurrence of each of `words` (ignoring case); returns the
    /// words that do not occur in the text.
    pub fn highlight(&mut self, words: &[String]) -> Vec<String> {
        let (spans, missing) = emphasis::find_highlights(&self.text, words);
        self.emphasis.extend(spans);
        self.emphasis = emphasis::normalise(&self.text, &self.emphasis);
        missing
    }

    /// The emphasised words, as written in the text.
    pub fn emphasised(&self) -> Vec<&str> {
        emphasis::normalise(&self.text, &self.emphasis)
            .into_iter()
            .map(|r| &self.text[r])
            .collect()
    }

    /// The text with `**` around each emphasised span: what [`CardRequest::new`] reads back into
    /// this text and emphasis.
    pub fn markup(&self) -> String {
        let mut out = String::with_capacity(self.text.len() + 8);
        let mut at = 0;
        for span in emphasis::normalise(&self.text, &self.emphasis) {
            out.push_str(&self.text[at..span.start]);
            out.push_str("**");
            out.push_str(&self.text[span.clone()]);
            out.push_str("**");
            at = span.end;
        }
        out.push_str(&self.text[at..]);
        out
    }

    /// What the template draws for this request, with the speaker's decoded `photo`. Every
    /// field of the request reaches the card through here.
    pub fn content(&self, photo: Option<Arc<RgbaImage>>) -> CardContent {
        // Destructured so that a field added to the request cannot be forgotten here.
        let CardRequest {
            text,
            emphasis,
            speaker:
                Speaker {
                    name,
                    role,
                    organisation,
                    photo: _,
                },
            title,
            kicker,
            date,
            outlet,
            language,
        } = self;
        CardContent {
            quote: text.clone(),
            emphasis: emphasis::normalise(text, emphasis),
            speaker_name: name.clone(),
            role: role.clone(),
            organisation: organisation.clone(),
            title: title.clone(),
            kicker: kicker.clone(),
            date: date.clone(),
            outlet: outlet.clone(),
            photo,
            language: *language,
        }
    }

    /// The alt text of this card at `format`: the whole quote and who said it, cut to the
    /// network's limit.
    pub fn alt_text(&self, format: &Format) -> String {
        alt::alt_text(&self.content(None), format)
    }
}

/// The key that changes whenever anything a card depends on changes: the whole request (as
/// serialised, so no field can be left out), the photo's bytes, the template with its assets,
/// the format and the file type.
pub(crate) fn card_key(
    request: &CardRequest,
    photo: Option<&LoadedPhoto>,
    template: &Template,
    format: &Format,
    kind: ImageKind,
    effort: Effort,
) -> String {
    let request = serde_json::to_vec(request).expect("a card request serialises");
    let format_json = serde_json::to_vec(format).expect("a format serialises");
    Fingerprint::default()
        .str(env!("CARGO_PKG_VERSION"))
        .bytes(&request)
        .str(photo.map_or("no photo", |p| p.digest.as_str()))
        .str(&template.fingerprint())
        .bytes(&format_json)
        .bytes(&format.scale.to_le_bytes())
        .str(kind.extension())
        .str(match effort {
            Effort::Normal => "",
            Effort::Smallest => "oxipng",
        })
        .hex()
}

#[cfg(test)]
// Lists of one byte range are what these tests mean, not a range to collect.
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;

    fn full() -> CardRequest {
        CardRequest {
            text: "On ne communique plus, on converse.".into(),
            emphasis: vec![3..5],
            speaker: Speaker {
                name: "Camille Ferrand".into(),
                role: Some("directrice".into()),
                organisation: Some("Ville de Montauban".into()),
                photo: Some(Photo::File("a.png".into())),
            },
            title: Some("Réseaux".into()),
            kicker: Some("Entretien".into()),
            date: Some("12 mars 2026".into()),
            outlet: Some("La Dépêche".into()),
            language: Language::French,
        }
    }

    /// Every way of changing one field of a request. The destructuring fails to compile when a
    /// field is added, so a new field gets a line here, and the test below proves it is keyed.
    fn one_field_changed() -> Vec<(&'static str, CardRequest)> {
        let CardRequest {
            text: _,
            emphasis: _,
            speaker:
                Speaker {
                    name: _,
                    role: _,
                    organisation: _,
                    photo: _,
                },
            title: _,
            kicker: _,
            date: _,
            outlet: _,
            language: _,
        } = full();
        let change = |name: &'static str, edit: &dyn Fn(&mut CardRequest)| {
            let mut r = full();
            edit(&mut r);
            (name, r)
        };
        vec![
            change("text", &|r| r.text.push('!')),
            change("emphasis", &|r| r.emphasis = vec![6..16]),
            change("speaker.name", &|r| r.speaker.name.push('e')),
            change("speaker.role", &|r| r.speaker.role = None),
            change("speaker.organisation", &|r| {
                r.speaker.organisation = Some("Ville".into())
            }),
            change("speaker.photo", &|r| {
                r.speaker.photo = Some(Photo::File("b.png".into()))
            }),
            change("speaker.photo bytes", &|r| {
                r.speaker.photo = Some(Photo::Bytes(Arc::from(&b"png"[..])))
            }),
            change("title", &|r| r.title = None),
            change("kicker", &|r| r.kicker = Some("Portrait".into())),
            change("date", &|r| r.date = Some("13 mars 2026".into())),
            change("outlet", &|r| r.outlet = None),
            change("language", &|r| r.language = Language::English),
        ]
    }

    #[test]
    fn changing_any_field_changes_the_key() {
        let template = Template::builtin("paper").unwrap();
        let format = Format::by_id("instagram-square").unwrap();
        let key = |r: &CardRequest| card_key(r, None, &template, &format, ImageKind::Png, Effort::Normal);
        let base = key(&full());
        assert_eq!(base, key(&full()), "the key is stable");
        let mut seen = vec![base];
        for (field, changed) in one_field_changed() {
            let k = key(&changed);
            assert!(!seen.contains(&k), "changing {field} left the key unchanged");
            seen.push(k);
        }
        // What the request is drawn with is keyed too.
        let request = full();
        let other_template = Template::builtin("bold").unwrap();
        let story = Format::by_id("story").unwrap();
        let photo = LoadedPhoto::from_bytes(Arc::from(&b"another portrait"[..]));
        for (what, k) in [
            (
                "template",
                card_key(
                    &request,
                    None,
                    &other_template,
                    &format,
                    ImageKind::Png,
                    Effort::Normal,
                ),
            ),
            (
                "format",
                card_key(&request, None, &template, &story, ImageKind::Png, Effort::Normal),
            ),
            (
                "scale",
                card_key(
                    &request,
                    None,
                    &template,
                    &format.scaled(0.5),
                    ImageKind::Png,
                    Effort::Normal,
                ),
            ),
            (
                "file type",
                card_key(
                    &request,
                    None,
                    &template,
                    &format,
                    ImageKind::Jpeg,
                    Effort::Normal,
                ),
            ),
            (
                "photo bytes",
                card_key(
                    &request,
                    Some(&photo),
                    &template,
                    &format,
                    ImageKind::Png,
                    Effort::Normal,
                ),
            ),
        ] {
            assert!(!seen.contains(&k), "changing the {what} left the key unchanged");
            seen.push(k);
        }
    }

    #[test]
    fn every_field_reaches_the_content() {
        let content = full().content(None);
        assert_eq!(content.quote, "On ne communique plus, on converse.");
        assert_eq!(content.emphasis, vec![3..5]);
        assert_eq!(
            content.expand("{kicker} · {interview.outlet} · {date}"),
            "Entretien · La Dépêche · 12 mars 2026"
        );
        assert_eq!(content.expand("{interview.title}"), "Réseaux");
        assert_eq!(content.credit(), "Directrice, Ville de Montauban");
        assert_eq!(content.language, Language::French);
    }

    #[test]
    fn markup_and_highlights_become_emphasis() {
        let mut request = CardRequest::new("  On a **énormément** communiqué, vraiment.  ", "Ludovic Amar");
        assert_eq!(request.text, "On a énormément communiqué, vraiment.");
        assert_eq!(request.language, Language::French);
        let missing = request.highlight(&["Vraiment".into(), "jamais".into()]);
        assert_eq!(missing, ["jamais"]);
        assert_eq!(request.emphasised(), ["énormément", "vraiment"]);
        let again = CardRequest::new(&request.markup(), "Ludovic Amar");
        assert_eq!((&again.text, &again.emphasis), (&request.text, &request.emphasis));
    }

    #[test]
    fn a_short_quote_s_language_comes_from_the_words_around_it() {
        let request = CardRequest::new("On converse.", "Camille Ferrand");
        assert_eq!(request.language, Language::English);
        assert!(!request.guess_language().sure);
        let request = request.with_role("directrice de la communication");
        assert_eq!(request.guess_language().language, Language::French);
    }
}
