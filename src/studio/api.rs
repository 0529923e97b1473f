//! The render API: `POST /api/render` turns a JSON card request into a PNG (alt text and
//! warnings in headers), `GET /api/formats` and `GET /api/templates` say what it accepts. Each
//! request carries everything its card needs, so any copy of the studio can answer it.

use super::http::{percent_encode, Failure, Response};
use super::render::{render_card, Rendered};
use super::state::Studio;
use crate::card::{CardRequest, Photo, TypedQuote};
use crate::diagnostic::Diagnostic;
use crate::encode::ImageKind;
use crate::template::{Format, Template, DEFAULT_FORMATS, FORMATS};
use crate::transcript::Language;
use serde::Deserialize;
use std::sync::Arc;

/// Largest request body read, in bytes.
pub const MAX_BODY: usize = 64 * 1024;
/// Longest quote, in characters: far beyond what any format sets at a readable size.
const MAX_TEXT_CHARS: usize = 2_000;
/// Longest name, role, organisation, title or date, in characters.
const MAX_FIELD_CHARS: usize = 300;
/// Largest photo file read, and the largest side decoded.
const MAX_PHOTO_BYTES: u64 = 20 * 1024 * 1024;
const MAX_PHOTO_SIDE: u32 = 8_000;
/// Smallest drawing scale: a thumbnail a tenth of the card's size.
const MIN_SCALE: f32 = 0.1;

/// What a client sends to `POST /api/render`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RenderRequest {
    text: String,
    #[serde(default)]
    speaker: String,
    role: Option<String>,
    organisation: Option<String>,
    /// A PNG or JPEG in the template's folder, as a path relative to it.
    photo: Option<String>,
    /// The studio's template (its file name) or a built-in; default: the studio's.
    template: Option<String>,
    format: String,
    /// `fr` or `en`; default: guessed from the text and the words around it.
    lang: Option<String>,
    date: Option<String>,
    title: Option<String>,
    /// A short label above the quote, for templates that show one.
    kicker: Option<String>,
    /// Where the interview was published.
    outlet: Option<String>,
    /// Draw at this fraction of the format's size (0.1 to 1), for thumbnails.
    scale: Option<f32>,
}

/// A request checked and ready to render.
pub struct CardJob {
    pub template: Arc<Template>,
    /// The generation of the studio's template drawn (0 for a built-in).
    pub generation: u64,
    pub format: Format,
    pub request: CardRequest,
    pub scale: f32,
}

impl CardJob {
    pub fn render(&self) -> Result<Rendered, Box<Diagnostic>> {
        render_card(&self.template, &self.format, &self.request, self.scale)
    }
}

fn bad(diagnostic: Diagnostic) -> Failure {
    Failure::new(400, diagnostic)
}

/// Reads and checks a render request.
pub fn parse(studio: &Studio, body: &[u8]) -> Result<CardJob, Failure> {
    let request: RenderRequest = serde_json::from_slice(body).map_err(|e| {
        bad(Diagnostic::error(format!("the request is not a valid card request: {e}")).with_hint(
            "send a JSON object with `text` and `format`, and optionally `speaker`, `role`, `organisation`, `photo`, `template`, `lang`, `date`, `title`, `kicker`, `outlet`, `scale`",
        ))
    })?;
    let format = Format::lookup(&request.format).map_err(|d| Failure::new(400, d))?;
    let (template, generation) = studio.template(request.template.as_deref()).map_err(|d| {
        let status = if d.message.contains("has not loaded") {
            409
        } else {
            400
        };
        Failure::new(status, d)
    })?;
    if request.text.trim().is_empty() {
        return Err(bad(Diagnostic::error("`text` is empty: a card needs a quote")));
    }
    check_length("text", &request.text, MAX_TEXT_CHARS)?;
    check_length("speaker", &request.speaker, MAX_FIELD_CHARS)?;
    for (name, value) in [
        ("role", &request.role),
        ("organisation", &request.organisation),
        ("date", &request.date),
        ("title", &request.title),
        ("kicker", &request.kicker),
        ("outlet", &request.outlet),
    ] {
        check_length(name, value.as_deref().unwrap_or_default(), MAX_FIELD_CHARS)?;
    }
    let language = match &request.lang {
        Some(code) => Some(Language::from_code(code).ok_or_else(|| {
            bad(Diagnostic::error(format!("unknown language `{code}`")).with_hint("use fr or en"))
        })?),
        None => None,
    };
    let scale = request.scale.unwrap_or(1.0);
    if !(MIN_SCALE..=1.0).contains(&scale) {
        return Err(bad(Diagnostic::error(format!(
            "`scale` {scale} is out of range: expected {MIN_SCALE} to 1"
        ))));
    }
    let photo = request.photo.as_deref().map(|p| photo(studio, p)).transpose()?;
    // The same request the command line builds from its flags.
    let (request, _) = CardRequest::from_typed(TypedQuote {
        text: request.text,
        speaker: request.speaker,
        role: request.role,
        organisation: request.organisation,
        photo,
        title: request.title,
        kicker: request.kicker,
        date: request.date,
        outlet: request.outlet,
        language,
        highlight: Vec::new(),
    });
    Ok(CardJob {
        template,
        generation,
        format,
        request,
        scale,
    })
}

fn check_length(name: &str, value: &str, max: usize) -> Result<(), Failure> {
    let chars = value.chars().count();
    if chars > max {
        return Err(bad(Diagnostic::error(format!(
            "`{name}` is {chars} characters long: at most {max} are accepted"
        ))));
    }
    Ok(())
}

/// The speaker's photo, read from the template's folder and nowhere else, and checked to be a
/// PNG or JPEG of a sensible size; it is decoded when the card is drawn.
fn photo(studio: &Studio, path: &str) -> Result<Photo, Failure> {
    let root = studio.subject.root().ok_or_else(|| {
        bad(Diagnostic::error(format!(
            "cannot read photo `{path}`: this studio shows a built-in template, which has no folder to read photos from"
        ))
        .with_hint("start the studio on a template file and put the photo in its folder"))
    })?;
    let fail = |message: String| {
        bad(Diagnostic::error(format!("cannot use photo: {message}"))
            .with_hint("give a PNG or JPEG file inside the template's folder, as a path relative to it"))
    };
    let bytes = root
        .read(path, MAX_PHOTO_BYTES)
        .map_err(|r| fail(r.message(path)))?;
    let reader = image::ImageReader::new(std::io::Cursor::new(&bytes))
        .with_guessed_format()
        .map_err(|e| fail(format!("`{path}` cannot be read ({e})")))?;
    if !matches!(
        reader.format(),
        Some(image::ImageFormat::Png | image::ImageFormat::Jpeg)
    ) {
        return Err(fail(format!("`{path}` is not a PNG or JPEG image")));
    }
    let (width, height) = reader
        .into_dimensions()
        .map_err(|e| fail(format!("`{path}` cannot be decoded ({e})")))?;
    if width.max(height) > MAX_PHOTO_SIDE {
        return Err(fail(format!(
            "`{path}` is {width}×{height} pixels: at most {MAX_PHOTO_SIDE} a side are accepted"
        )));
    }
    Ok(Photo::Bytes(bytes.into()))
}

/// The card, with the alt text and the card's warnings as percent-encoded UTF-8 headers.
pub fn reply(rendered: Rendered, generation: u64, millis: f64) -> Response {
    let warnings = serde_json::to_string(&rendered.warnings).expect("warnings serialise");
    let media_type = match rendered.kind {
        ImageKind::Png => "image/png",
        ImageKind::Jpeg => "image/jpeg",
        ImageKind::Webp => "image/webp",
    };
    Response::bytes(200, media_type, rendered.bytes)
        .with_header("X-Alt-Text", percent_encode(&rendered.alt, false))
        .with_header("X-Card-Warnings", percent_encode(&warnings, false))
        .with_header("X-Card-Size", format!("{}x{}", rendered.width, rendered.height))
        .with_header("X-Template-Generation", generation.to_string())
        .with_header("X-Render-Ms", format!("{millis:.1}"))
}

/// `GET /api/formats`: every format with its size and safe area.
pub fn formats() -> Response {
    let list: Vec<serde_json::Value> = FORMATS
        .iter()
        .map(|f| {
            let mut value = serde_json::to_value(f).expect("formats serialise");
            value["default"] = DEFAULT_FORMATS.contains(&f.id).into();
            value
        })
        .collect();
    Response::json(200, &list)
}

/// `GET /api/templates`: the studio's template first, then the built-ins.
pub fn templates(studio: &Studio) -> Response {
    let own = studio.subject.id();
    let list: Vec<serde_json::Value> = studio
        .template_ids()
        .into_iter()
        .map(|id| {
            let description = studio
                .template(Some(&id))
                .ok()
                .and_then(|(t, _)| t.description.clone());
            let source = if id == own && studio.subject.root().is_some() {
                "file"
            } else {
                "builtin"
            };
            serde_json::json!({ "id": id, "source": source, "studio": id == own, "description": description })
        })
        .collect();
    Response::json(200, &list)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::studio::files::Root;
    use crate::studio::state::Subject;

    fn studio() -> (tempfile::TempDir, Studio) {
        let dir = tempfile::tempdir().unwrap();
        let brand = dir.path().join("brand");
        std::fs::create_dir(&brand).unwrap();
        std::fs::write(brand.join("brand.yaml"), "name: brand\nextends: bold\n").unwrap();
        let face = image::RgbImage::from_pixel(40, 50, image::Rgb([200, 120, 90]));
        face.save(brand.join("face.png")).unwrap();
        face.save(dir.path().join("outside.png")).unwrap();
        std::fs::write(brand.join("notes.txt"), "not a picture").unwrap();
        let root = Root::new(&brand).unwrap();
        let path = brand.join("brand.yaml");
        (dir, Studio::new(Subject::File { path, root }, None, None))
    }

    fn error(studio: &Studio, body: &str) -> (u16, String) {
        match parse(studio, body.as_bytes()) {
            Ok(_) => panic!("accepted {body}"),
            Err(f) => (f.status, f.diagnostic.to_string()),
        }
    }

    #[test]
    fn a_request_becomes_a_card_job() {
        let (_dir, studio) = studio();
        let job = parse(
            &studio,
            r#"{"text": "Nous répondons à chaque commentaire, même le soir.", "speaker": "Ana", "format": "story", "photo": "face.png", "scale": 0.5}"#.as_bytes(),
        )
        .unwrap();
        assert_eq!((job.format.id, job.scale), ("story", 0.5));
        assert_eq!(job.request.language, Language::French);
        assert!(matches!(job.request.speaker.photo, Some(Photo::Bytes(_))));
        assert_eq!(job.render().unwrap().width, 540);
        assert_eq!(job.template.name, "brand");
    }

    #[test]
    fn bad_requests_say_what_is_wrong() {
        let (_dir, studio) = studio();
        let (status, message) = error(&studio, r#"{"text": "x", "format": }"#);
        assert_eq!(status, 400);
        assert!(
            message.contains("not a valid card request: expected value at line 1 column 25"),
            "{message}"
        );
        let (_, message) = error(&studio, r#"{"text": "x", "format": "story", "colour": 1}"#);
        assert!(message.contains("unknown field `colour`"), "{message}");
        let (status, message) = error(&studio, r#"{"text": "x", "format": "instagram-squar"}"#);
        assert_eq!(status, 400);
        assert_eq!(
            message,
            *Format::lookup("instagram-squar").unwrap_err().to_string()
        );
        let (_, message) = error(&studio, r#"{"text": " ", "format": "story"}"#);
        assert!(message.contains("`text` is empty"));
        let long = format!(r#"{{"text": "{}", "format": "story"}}"#, "a".repeat(2001));
        assert!(error(&studio, &long).1.contains("2001 characters long"));
        let (_, message) = error(&studio, r#"{"text": "x", "format": "story", "lang": "de"}"#);
        assert!(message.contains("unknown language `de`"));
        let (_, message) = error(&studio, r#"{"text": "x", "format": "story", "scale": 3}"#);
        assert!(message.contains("out of range"));
        let (_, message) = error(
            &studio,
            r#"{"text": "x", "format": "story", "template": "/etc/x.yaml"}"#,
        );
        assert!(
            message.contains("no template `/etc/x.yaml` in this studio"),
            "{message}"
        );
    }

    #[test]
    fn photos_come_from_the_template_folder_only() {
        let (_dir, studio) = studio();
        for (photo, expected) in [
            ("../outside.png", "not a path inside the template's folder"),
            ("/etc/passwd", "not a path inside the template's folder"),
            ("missing.png", "no file `missing.png`"),
            ("notes.txt", "not a PNG or JPEG image"),
            (".", "not a path inside"),
        ] {
            let body = format!(r#"{{"text": "x", "format": "story", "photo": "{photo}"}}"#);
            let (status, message) = error(&studio, &body);
            assert_eq!(status, 400);
            assert!(message.contains(expected), "{photo}: {message}");
        }
    }
}
