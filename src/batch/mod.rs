//! The batch pipeline: every selected quote of every interview × every format, written to disk
//! with a manifest and alt text. One failing card never stops the others.

pub mod manifest;
pub mod output;

use crate::diagnostic::Diagnostic;
use crate::select::{self, Quote, SelectOptions};
use crate::template::{CardContent, Format, Template, TemplateError};
use crate::transcript::{self, ReadOptions, Transcript};
use crate::typeset::{self, Card, FontBook, TypesetError};
use crate::{encode, render};
use manifest::{alt_text, CardEntry, InterviewEntry, Manifest, QuoteEntry};
use output::{alt_text_path, card_file_name, write_atomic, Written};
use std::path::{Path, PathBuf};

/// What `run` will do; every path, format and template is already resolved.
#[derive(Debug, Clone)]
pub struct Plan {
    pub inputs: Vec<PathBuf>,
    pub output_dir: PathBuf,
    pub formats: Vec<Format>,
    pub template: Template,
    pub select: SelectOptions,
    pub read: ReadOptions,
}

/// Why one card could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum CardError {
    #[error(transparent)]
    Template(#[from] TemplateError),
    #[error(transparent)]
    Typeset(#[from] TypesetError),
    #[error("failed to encode the image ({0})")]
    Encode(#[from] image::ImageError),
    #[error("failed to write `{}` ({source})", path.display())]
    Write { path: PathBuf, source: std::io::Error },
}

/// A card that could not be written, and why.
#[derive(Debug)]
pub struct Failure {
    pub interview: PathBuf,
    pub quote_rank: usize,
    pub format: String,
    pub error: CardError,
}

/// What a run did.
#[derive(Debug, Default)]
pub struct Report {
    pub created: usize,
    pub replaced: usize,
    pub unchanged: usize,
    pub manifests: Vec<PathBuf>,
    pub failures: Vec<Failure>,
    /// Interviews that could not be read at all.
    pub unreadable: Vec<(PathBuf, transcript::ReadError)>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub fn cards_written(&self) -> usize {
        self.created + self.replaced + self.unchanged
    }

    pub fn is_success(&self) -> bool {
        self.failures.is_empty() && self.unreadable.is_empty()
    }

    fn count(&mut self, written: Written) {
        match written {
            Written::Created => self.created += 1,
            Written::Replaced => self.replaced += 1,
            Written::Unchanged => self.unchanged += 1,
        }
    }
}

/// What a card for `quote` says.
pub fn card_content(quote: &Quote, transcript: &Transcript) -> CardContent {
    CardContent {
        quote: quote.text.clone(),
        speaker_name: quote.speaker.name.clone(),
        role: quote.speaker.role.clone(),
        organisation: quote.speaker.organisation.clone(),
        title: transcript.title.clone(),
        language: quote.language,
        ..CardContent::default()
    }
}

/// Lays out, paints and encodes one card.
pub fn render_card(
    template: &Template,
    format: &Format,
    content: &CardContent,
    fonts: &FontBook,
) -> Result<(Vec<u8>, Card), CardError> {
    let layout = template.resolve(format, fonts)?;
    let card = typeset::compose(&layout, content, fonts)?;
    let png = encode::png(&render::render(&card, fonts))?;
    Ok((png, card))
}

/// Writes a card and its alt text beside it.
fn write_card(path: &Path, png: &[u8], alt: &str) -> Result<Written, CardError> {
    let written = write_atomic(path, png).map_err(|source| CardError::Write {
        path: path.to_owned(),
        source,
    })?;
    let alt_path = alt_text_path(path);
    write_atomic(&alt_path, format!("{alt}\n").as_bytes()).map_err(|source| CardError::Write {
        path: alt_path,
        source,
    })?;
    Ok(written)
}

/// Renders every selected quote of every input in every format.
pub fn run(plan: &Plan) -> Report {
    let fonts = FontBook::embedded();
    let mut report = Report::default();
    for input in &plan.inputs {
        let transcript = match transcript::read(input, &plan.read) {
            Ok(t) => t,
            Err(e) => {
                report.unreadable.push((input.clone(), e));
                continue;
            }
        };
        report.diagnostics.extend(transcript.diagnostics.iter().cloned());
        let selection = select::select(&transcript, &plan.select);
        report
            .diagnostics
            .extend(selection.diagnostics.into_iter().map(|d| d.in_file(input)));
        let slug = transcript.slug();
        let dir = plan.output_dir.join(&slug);
        let mut cards = Vec::new();
        for (index, quote) in selection.quotes.iter().enumerate() {
            let rank = index + 1;
            let content = card_content(quote, &transcript);
            for format in &plan.formats {
                let name = card_file_name(rank, &quote.speaker.name, format.id, "png");
                let path = dir.join(&name);
                let alt = alt_text(&content, format);
                let result = render_card(&plan.template, format, &content, fonts)
                    .and_then(|(png, card)| write_card(&path, &png, &alt).map(|w| (w, card)));
                match result {
                    Ok((written, card)) => {
                        report.count(written);
                        cards.push(CardEntry {
                            path: name.clone(),
                            format: format.id.to_owned(),
                            width: format.width,
                            height: format.height,
                            quote: QuoteEntry::new(rank, quote),
                            speaker: quote.speaker.clone(),
                            alt_text: alt,
                            alt_text_path: alt_text_path(Path::new(&name)).display().to_string(),
                            font_size: card.quote().map_or(0.0, |q| q.size),
                        });
                    }
                    Err(error) => report.failures.push(Failure {
                        interview: input.clone(),
                        quote_rank: rank,
                        format: format.id.to_owned(),
                        error,
                    }),
                }
            }
        }
        let manifest = Manifest {
            generator: format!("pullquote {}", env!("CARGO_PKG_VERSION")),
            interview: InterviewEntry {
                source: input.display().to_string(),
                slug,
                language: transcript.language,
                speakers: transcript.speakers.clone(),
            },
            template: plan.template.name.clone(),
            cards,
        };
        let path = dir.join("manifest.json");
        let json = serde_json::to_string_pretty(&manifest).expect("the manifest serialises") + "\n";
        match write_atomic(&path, json.as_bytes()) {
            Ok(_) => report.manifests.push(path),
            Err(source) => report.failures.push(Failure {
                interview: input.clone(),
                quote_rank: 0,
                format: "manifest".into(),
                error: CardError::Write { path, source },
            }),
        }
    }
    report
}
