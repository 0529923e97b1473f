//! Card requests from each source: a quote typed by hand (command line, studio), a quote
//! selected from a transcript (with its front matter), an entry of a quotes file, and a row of
//! a sheet. Library users may also start from [`CardRequest::new`].

use super::{CardRequest, Photo};
use crate::select::review::{QuoteEntry, QuotesFile};
use crate::select::{Quote, QuoteSpeaker};
use crate::sheet::SheetRow;
use crate::transcript::{Language, Transcript};
use std::path::Path;

/// A photo path as written in a file, relative to that file's `folder`.
fn photo_in(folder: &Path, path: &Path) -> Photo {
    if path.is_relative() {
        Photo::File(folder.join(path))
    } else {
        Photo::File(path.to_path_buf())
    }
}

/// A quote typed by hand, on the command line or sent to the studio's render API: the text
/// (`**` marks emphasis, `\n` a line break), who said it and what else the card may show.
#[derive(Debug, Clone, Default)]
pub struct TypedQuote {
    /// The quote.
    pub text: String,
    /// The speaker's full name.
    pub speaker: String,
    /// The speaker's role.
    pub role: Option<String>,
    /// The speaker's organisation.
    pub organisation: Option<String>,
    /// The speaker's portrait.
    pub photo: Option<Photo>,
    /// The interview's title.
    pub title: Option<String>,
    /// A short label above the quote.
    pub kicker: Option<String>,
    /// The date, as it should be printed.
    pub date: Option<String>,
    /// Where the interview was published.
    pub outlet: Option<String>,
    /// The quote's language; without one it is guessed ([`CardRequest::guess_language`]).
    pub language: Option<Language>,
    /// Words of the quote to emphasise.
    pub highlight: Vec<String>,
}

impl CardRequest {
    /// A quote typed by hand. Its language is the one given, else the one its words and those
    /// around it suggest. Returns the request and the highlight words its text does not contain.
    pub fn from_typed(typed: TypedQuote) -> (CardRequest, Vec<String>) {
        // Destructured so that a field added to the typed quote cannot be left out here.
        let TypedQuote {
            text,
            speaker,
            role,
            organisation,
            photo,
            title,
            kicker,
            date,
            outlet,
            language,
            highlight,
        } = typed;
        let mut request = CardRequest::with_markup(&text, &speaker, language.unwrap_or_default());
        request.speaker.role = role;
        request.speaker.organisation = organisation;
        request.speaker.photo = photo;
        request.title = title;
        request.kicker = kicker;
        request.date = date;
        request.outlet = outlet;
        if language.is_none() {
            request.language = request.guess_language().language;
        }
        let missing = request.highlight(&highlight);
        (request, missing)
    }

    /// A quote selected from `transcript`: its words, emphasis (`**` and the selection's
    /// highlights), speaker and language, and what the transcript's front matter gives every
    /// card: title, date, outlet and the speaker's photo.
    pub fn from_selection(quote: &Quote, transcript: &Transcript) -> CardRequest {
        let mut request = CardRequest::with_markup(&quote.text, &quote.speaker.name, quote.language);
        request.set_speaker(&quote.speaker);
        request.highlight(&quote.highlight);
        request.apply_front_matter(transcript, &quote.speaker);
        request
    }

    /// What front matter gives every card of an interview. The photo is the speaker's own when
    /// the quote carries one, else that of the transcript's speaker with the same label or name.
    fn apply_front_matter(&mut self, transcript: &Transcript, speaker: &QuoteSpeaker) {
        self.title = transcript.title.clone();
        self.date = transcript.date.clone();
        self.outlet = transcript.source.clone();
        let declared = transcript
            .speakers
            .iter()
            .find(|s| (!speaker.label.is_empty() && s.label == speaker.label) || s.name == speaker.name);
        let photo = speaker
            .photo
            .clone()
            .or_else(|| declared.and_then(|s| s.photo.clone()));
        // Front matter paths were resolved against the transcript's folder when it was read.
        self.speaker.photo = photo.map(Photo::File);
    }

    fn set_speaker(&mut self, speaker: &QuoteSpeaker) {
        self.speaker.role = speaker.role.clone();
        self.speaker.organisation = speaker.organisation.clone();
    }

    /// An entry of a quotes file read from `folder`: the text as the editor left it, its
    /// highlights, the speaker (photo paths are relative to `folder`), and the file's title,
    /// date, outlet, kicker and language.
    pub fn from_quotes_file(file: &QuotesFile, entry: &QuoteEntry, folder: &Path) -> CardRequest {
        let text = super::emphasis::bars_to_breaks(&entry.text);
        let mut request = CardRequest::with_markup(&text, &entry.speaker.name, file.language());
        request.set_speaker(&entry.speaker);
        request.speaker.photo = entry.speaker.photo.as_deref().map(|p| photo_in(folder, p));
        request.highlight(&entry.highlight);
        request.title = file.title.clone();
        request.date = file.date.clone();
        request.outlet = file.outlet.clone();
        request.kicker = file.kicker.clone();
        request
    }

    /// A row of a sheet read from `folder` (its `photo` column is relative to it); `language`
    /// applies to rows without a `lang` column, and the language is guessed from the row's
    /// words otherwise. Returns the request and the highlight words its text does not contain.
    pub fn from_sheet_row(
        row: &SheetRow,
        folder: &Path,
        language: Option<Language>,
    ) -> (CardRequest, Vec<String>) {
        CardRequest::from_typed(TypedQuote {
            text: row.quote.clone(),
            speaker: row.name.clone(),
            role: row.role.clone(),
            organisation: row.organisation.clone(),
            photo: row.photo.as_deref().map(|p| photo_in(folder, Path::new(p))),
            title: None,
            kicker: row.kicker.clone(),
            date: row.date.clone(),
            outlet: None,
            language: row.language.or(language),
            highlight: row.highlight.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::select::{select, SelectOptions};
    use std::path::PathBuf;

    #[test]
    fn a_selected_quote_carries_highlights_and_front_matter() {
        let source = "---\ntitle: Les réseaux\ndate: 12 mars 2024\nsource: La Gazette\nspeakers:\n  AO:\n    name: Aziz Oulhiyane\n    role: responsable\n    photo: aziz.jpg\n---\nQ: Pourquoi ?\nAO: Nous n’avons jamais autant parlé avec les habitants, et c’est bien mieux ainsi pour tout le monde.\n";
        let mut transcript = crate::transcript::parse(source);
        transcript.speakers[0].photo = Some(PathBuf::from("folder/aziz.jpg"));
        let selection = select(&transcript, &SelectOptions::default());
        let quote = &selection.quotes[0];
        let request = CardRequest::from_selection(quote, &transcript);
        assert_eq!(request.title.as_deref(), Some("Les réseaux"));
        assert_eq!(request.date.as_deref(), Some("12 mars 2024"));
        assert_eq!(request.outlet.as_deref(), Some("La Gazette"));
        assert_eq!(request.speaker.photo, Some(Photo::File("folder/aziz.jpg".into())));
        assert_eq!(request.speaker.role.as_deref(), Some("responsable"));
        assert!(!quote.highlight.is_empty());
        assert_eq!(
            request.emphasised().len(),
            quote.highlight.len(),
            "{:?}",
            quote.highlight
        );
    }

    #[test]
    fn a_quotes_file_entry_resolves_its_photo_and_file_fields() {
        let yaml = "language: en\ntitle: T\ndate: May 2025\nkicker: Interview\noutlet: The Courier\nquotes:\n- id: q04\n  text: We **never** stopped listening to people.\n  speaker: {name: Ann Lee, photo: ann.png}\n  highlight: [listening]\n";
        let (file, _) = QuotesFile::parse(yaml, Path::new("q.yaml")).unwrap();
        let request = CardRequest::from_quotes_file(&file, &file.quotes[0], Path::new("edits"));
        assert_eq!(request.text, "We never stopped listening to people.");
        assert_eq!(request.emphasised(), ["never", "listening"]);
        assert_eq!(request.speaker.photo, Some(Photo::File("edits/ann.png".into())));
        assert_eq!(
            (
                request.kicker.as_deref(),
                request.date.as_deref(),
                request.outlet.as_deref()
            ),
            (Some("Interview"), Some("May 2025"), Some("The Courier"))
        );
        assert_eq!(request.language, Language::English);
    }
}
