//! Card requests from each source: a quote selected from a transcript (with its front matter),
//! an entry of a quotes file, and a row of a sheet. The command line and library users start
//! from [`CardRequest::new`].

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

impl CardRequest {
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
    /// applies to rows without a `lang` column, and the language is detected otherwise.
    /// Returns the request and the highlight words its text does not contain.
    pub fn from_sheet_row(
        row: &SheetRow,
        folder: &Path,
        language: Option<Language>,
    ) -> (CardRequest, Vec<String>) {
        let language = row
            .language
            .or(language)
            .unwrap_or_else(|| crate::transcript::parse::detect_language(&row.quote));
        let mut request = CardRequest::with_markup(&row.quote, &row.name, language);
        request.speaker.role = row.role.clone();
        request.speaker.organisation = row.organisation.clone();
        request.speaker.photo = row.photo.as_deref().map(|p| photo_in(folder, Path::new(p)));
        request.date = row.date.clone();
        request.kicker = row.kicker.clone();
        let missing = request.highlight(&row.highlight);
        (request, missing)
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
