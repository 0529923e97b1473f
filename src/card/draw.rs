//! Drawing one card: the request's photo read, the template laid out for the format, the text
//! typeset, the pixels painted and encoded with the alt text in the file's metadata.

use super::{alt, CardRequest, Photo};
use crate::encode::{self, Effort, EncodeError, Encoded, ImageKind, Metadata};
use crate::fingerprint::file_hash;
use crate::fonts::FontBook;
use crate::render;
use crate::template::{CardContent, Format, Layout, Template, TemplateError};
use crate::typeset::{self, TypesetError};
use image::{RgbImage, RgbaImage};
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

/// Why one card could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum CardError {
    /// The template cannot be laid out at this format.
    #[error(transparent)]
    Template(#[from] TemplateError),
    /// The text does not fit, or a character has no font.
    #[error(transparent)]
    Typeset(#[from] TypesetError),
    /// The speaker's photo cannot be read or decoded.
    #[error("failed to read photo `{photo}` ({reason})")]
    Photo {
        /// The photo's path, or a description of photo bytes.
        photo: String,
        /// What went wrong.
        reason: String,
    },
    /// The image could not be encoded (or not under the network's size limit).
    #[error("failed to encode the image ({0})")]
    Encode(#[from] EncodeError),
    /// The file could not be written.
    #[error("failed to write `{}` ({source})", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// The system's reason.
        source: std::io::Error,
    },
    /// A file pullquote did not write is in the way.
    #[error("`{}` already exists and is not the file pullquote wrote there; it is left as it is", path.display())]
    Exists {
        /// The file left alone.
        path: PathBuf,
    },
    /// Another run holds the output folder's lock.
    #[error("{0}")]
    Locked(String),
    /// The card took longer than its time budget; the other cards are still made.
    #[error("`{card}` took longer than its {}-second budget and was stopped", limit.as_secs_f64())]
    TimedOut {
        /// The card's file.
        card: String,
        /// The budget.
        limit: Duration,
    },
    /// A bug met while making this card; the other cards are still made.
    #[error("internal error while making this card ({0})")]
    Internal(String),
}

impl CardError {
    /// A suggestion for the user, shown under the error.
    pub fn hint(&self) -> Option<String> {
        match self {
            CardError::Typeset(e) => Some(e.hint()),
            CardError::Photo { .. } => Some(
                "give a PNG or JPEG portrait; a path in front matter, a quotes file or a sheet is relative to that file's folder".into(),
            ),
            CardError::Exists { .. } => {
                Some("pass --force to replace it, or choose another output folder".into())
            }
            CardError::Locked(_) => Some(
                "wait for the other run to finish; if none is running, remove the lock file named above".into(),
            ),
            CardError::TimedOut { .. } => Some(
                "shorten the quote or simplify the template; --card-time-limit SECONDS raises the budget".into(),
            ),
            CardError::Encode(EncodeError::OverCap { .. }) => {
                Some("use a template with fewer photographic details for this format".into())
            }
            _ => None,
        }
    }
}

impl From<image::ImageError> for CardError {
    fn from(e: image::ImageError) -> Self {
        CardError::Encode(EncodeError::Image(e))
    }
}

/// One card drawn in memory.
#[derive(Debug, Clone)]
pub struct RenderedCard {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// Their type: the one asked for, or JPEG when a network's size limit needed it.
    pub kind: ImageKind,
    /// The alt text, also stored in the file's metadata (PNG and JPEG).
    pub alt_text: String,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// The size the quote was set at, in px.
    pub font_size: f32,
    /// Problems worth a look that did not stop the card.
    pub warnings: Vec<String>,
}

/// Draws `request` on `template` at `format` as a `kind` file, with its alt text.
///
/// ```
/// use pullquote::card::{render_card, CardRequest};
/// use pullquote::encode::ImageKind;
/// use pullquote::template::{Format, Template};
/// use pullquote::transcript::Language;
///
/// let request = CardRequest::new("On ne communique plus, on **converse**.", "Camille Ferrand")
///     .with_role("directrice de la communication")
///     .with_language(Language::French);
/// let template = Template::builtin("paper")?;
/// let format = Format::by_id("instagram-square").expect("a built-in format");
/// let card = render_card(&request, &template, &format.scaled(0.25), ImageKind::Png)?;
/// assert!(card.bytes.starts_with(b"\x89PNG"));
/// assert!(card.alt_text.starts_with("Citation de Camille Ferrand"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn render_card(
    request: &CardRequest,
    template: &Template,
    format: &Format,
    kind: ImageKind,
) -> Result<RenderedCard, CardError> {
    render_card_with(request, template, format, kind, Effort::Normal)
}

/// [`render_card`] with a choice of how hard the encoder works on the file's size.
pub fn render_card_with(
    request: &CardRequest,
    template: &Template,
    format: &Format,
    kind: ImageKind,
    effort: Effort,
) -> Result<RenderedCard, CardError> {
    render_traced(request, template, format, kind, effort).map(|traced| traced.rendered)
}

/// A card drawn, with the layout and the typeset card it was painted from, for proofs that
/// place their warnings on the text they concern (the studio).
#[cfg_attr(not(feature = "studio"), allow(dead_code))]
pub(crate) struct Traced {
    pub rendered: RenderedCard,
    pub layout: Layout,
    pub card: typeset::Card,
}

/// What [`render_card_with`] does, keeping what the card was painted from.
pub(crate) fn render_traced(
    request: &CardRequest,
    template: &Template,
    format: &Format,
    kind: ImageKind,
    effort: Effort,
) -> Result<Traced, CardError> {
    let fonts = FontBook::embedded();
    let photo = request
        .speaker
        .photo
        .as_ref()
        .map(LoadedPhoto::load)
        .transpose()?;
    let image = photo.as_ref().map(LoadedPhoto::image).transpose()?;
    let layout = template.resolve(format, fonts)?;
    let content = request.content(image);
    let alt_text = alt::alt_text(&content, format);
    let drawn = draw(&layout, &content, format, (kind, effort), &alt_text, None, None)?;
    Ok(Traced {
        rendered: RenderedCard {
            bytes: drawn.encoded.bytes,
            kind: drawn.encoded.kind,
            alt_text,
            width: format.width,
            height: format.height,
            font_size: drawn.font_size,
            warnings: drawn.warnings,
        },
        layout,
        card: drawn.card,
    })
}

/// A photo's bytes, read once per run, and its pixels, decoded when a card first needs them.
#[derive(Debug)]
pub(crate) struct LoadedPhoto {
    /// Hash of the file's bytes, part of each card's key.
    pub digest: String,
    describe: String,
    bytes: Arc<[u8]>,
    image: OnceLock<Result<Arc<RgbaImage>, String>>,
}

impl LoadedPhoto {
    pub fn load(photo: &Photo) -> Result<LoadedPhoto, CardError> {
        let bytes: Arc<[u8]> = match photo {
            Photo::File(path) => crate::limits::read(path, crate::limits::Kind::Image)
                .map_err(|e| CardError::Photo {
                    photo: photo.describe(),
                    reason: e.to_string(),
                })?
                .into(),
            Photo::Bytes(bytes) => bytes.clone(),
        };
        let mut loaded = LoadedPhoto::from_bytes(bytes);
        loaded.describe = photo.describe();
        Ok(loaded)
    }

    pub fn from_bytes(bytes: Arc<[u8]>) -> LoadedPhoto {
        LoadedPhoto {
            digest: file_hash(&bytes),
            describe: String::new(),
            bytes,
            image: OnceLock::new(),
        }
    }

    /// The decoded pixels.
    pub fn image(&self) -> Result<Arc<RgbaImage>, CardError> {
        self.image
            .get_or_init(|| {
                crate::template::decode_upright(&self.bytes)
                    .map(|i| Arc::new(i.to_rgba8()))
                    .map_err(|e| e.to_string())
            })
            .clone()
            .map_err(|reason| CardError::Photo {
                photo: self.describe.clone(),
                reason,
            })
    }
}

/// A card drawn and encoded, with the time each stage took.
pub(crate) struct Drawn {
    pub encoded: Encoded,
    /// The typeset card the pixels were painted from.
    pub card: typeset::Card,
    pub font_size: f32,
    pub warnings: Vec<String>,
    pub typeset: Duration,
    pub render: Duration,
    pub encode: Duration,
}

/// Typesets, paints and encodes `content` on `layout`. `shared` holds the pixels every card of
/// the layout has in common, painted by the first card that needs them.
pub(crate) fn draw(
    layout: &Layout,
    content: &CardContent,
    format: &Format,
    (kind, effort): (ImageKind, Effort),
    alt_text: &str,
    shared: Option<&OnceLock<RgbImage>>,
    limit: Option<Duration>,
) -> Result<Drawn, CardError> {
    let fonts = FontBook::embedded();
    let begun = Instant::now();
    // Checked between stages: each stage is bounded by the caps on text and pictures, so a card
    // over its budget stops after the stage that crossed it.
    let within = || match limit {
        Some(limit) if begun.elapsed() > limit => Err(CardError::TimedOut {
            card: String::new(),
            limit,
        }),
        _ => Ok(()),
    };
    let started = Instant::now();
    let card = typeset::compose(layout, content, fonts)?;
    let typeset = started.elapsed();
    within()?;
    let started = Instant::now();
    // The pixels shared by a layout's cards are its own arrangement's; a variant draws afresh.
    let image = match shared.filter(|_| card.variant.is_none()) {
        Some(base) => render::render_over(
            base.get_or_init(|| render::render_layout(&card, fonts)),
            &card,
            fonts,
        ),
        None => render::render(&card, fonts),
    };
    let render = started.elapsed();
    within()?;
    let started = Instant::now();
    let metadata = Metadata {
        description: alt_text.to_owned(),
        credit: content.speaker_name.clone(),
    };
    let encoded = encode::encode_with(&image, kind, effort, &metadata, format.max_bytes)?;
    let encode = started.elapsed();
    within()?;

    let mut warnings = Vec::new();
    let quote = card.quote();
    let font_size = quote.map_or(0.0, |q| q.size);
    let arranged = layout
        .variants
        .iter()
        .find(|v| card.variant.as_ref() == Some(&v.name))
        .map_or(layout, |v| &*v.layout);
    if let Some(min) = arranged.quote_style().map(|style| style.min_size) {
        if quote.is_some() && font_size <= min + 0.01 {
            warnings.push(format!(
                "the quote is set at the template's minimum size ({font_size:.0} px): consider a shorter cut"
            ));
        }
    }
    for overflow in &card.overflows {
        warnings.push(overflow.describe());
    }
    if encoded.kind != kind {
        warnings.push(format!(
            "saved as JPEG (quality {}) to stay under the network's {} bytes",
            encoded.quality.unwrap_or_default(),
            format.max_bytes.unwrap_or_default()
        ));
    }
    Ok(Drawn {
        encoded,
        card,
        font_size,
        warnings,
        typeset,
        render,
        encode,
    })
}
