//! The one call through which the studio makes a card: a card request on a template at a format
//! in, the card as `run` would write it, its alt text and the warnings to draw on it out. The
//! card is drawn by the card module, as every command draws it; everything else in the studio
//! is transport.

use crate::card::{CardError, CardRequest, Traced};
use crate::diagnostic::{Diagnostic, Severity};
use crate::encode::{Effort, ImageKind};
use crate::render::{self, contrast};
use crate::template::{Format, Rect, Template};
use crate::typeset::{Card, FontBook, Item};
use serde::Serialize;

/// A card made for the studio.
pub struct Rendered {
    /// The file `run` would write (PNG, or JPEG where a network's size limit needs it), with the
    /// alt text and credit in its metadata.
    pub bytes: Vec<u8>,
    pub kind: ImageKind,
    pub alt: String,
    pub width: u32,
    pub height: u32,
    pub warnings: Vec<CardWarning>,
}

/// A problem seen on one card, with the place on the card and in the template it comes from.
#[derive(Debug, Clone, Serialize)]
pub struct CardWarning {
    /// `contrast`, `size` or `fit`.
    pub kind: &'static str,
    pub message: String,
    /// The text's ink on the card, in the card's pixels.
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
}

/// Smallest comfortable sizes on a 1080 px wide card seen on a phone (quote, other text), as
/// `templates check` measures them.
const READABLE_QUOTE_PX: f32 = 48.0;
const READABLE_TEXT_PX: f32 = 32.0;

/// Makes one card at `scale` of the format's size; the error is what the CLI reports for it.
pub fn render_card(
    template: &Template,
    format: &Format,
    request: &CardRequest,
    scale: f32,
) -> Result<Rendered, Box<Diagnostic>> {
    let sized = format.scaled(scale);
    let Traced {
        rendered,
        layout,
        card,
    } = crate::card::render_traced(request, template, &sized, ImageKind::Png, Effort::Normal).map_err(
        |e| match e {
            CardError::Template(e) => e.0,
            e => {
                let hint = e.hint();
                let d = Diagnostic::error(e.to_string());
                Box::new(match hint {
                    Some(hint) => d.with_hint(hint),
                    None => d,
                })
            }
        },
    )?;
    let quote_element = layout.quote_style().map(|s| s.element.clone());
    let minimum = layout.quote_style().map(|s| s.min_size);
    Ok(Rendered {
        bytes: rendered.bytes,
        kind: rendered.kind,
        alt: rendered.alt_text,
        width: card.width,
        height: card.height,
        warnings: warnings(template, &sized, &card, quote_element.as_deref(), minimum),
    })
}

/// Contrast below WCAG AA, text under a phone-readable size, and a quote pushed to the
/// template's minimum size, each placed on the text it concerns.
fn warnings(
    template: &Template,
    format: &Format,
    card: &Card,
    quote_element: Option<&str>,
    minimum: Option<f32>,
) -> Vec<CardWarning> {
    let fonts = FontBook::embedded();
    let full_size = |px: f32| px / format.scale;
    let mut found = Vec::new();
    let mut add = |kind: &'static str, element: &str, message: String| {
        let Some(ink) = element_ink(card, element, fonts) else {
            return;
        };
        let place = template.locate(element, Severity::Warning, String::new());
        found.push(CardWarning {
            kind,
            message,
            x: ink.x,
            y: ink.y,
            w: ink.w,
            h: ink.h,
            file: place.file.map(|f| f.display().to_string()),
            line: place.line,
            column: place.column,
        });
    };
    for text in contrast::text_contrast(card, fonts) {
        if !text.passes() {
            add(
                "contrast",
                &text.element,
                format!(
                    "contrast {:.1}:1 is below WCAG AA ({}:1 for {} text)",
                    text.ratio,
                    text.required(),
                    if text.large { "large" } else { "normal" }
                ),
            );
        }
    }
    let mut seen: Vec<&str> = Vec::new();
    for item in &card.items {
        let Item::Glyphs { glyphs, element, .. } = item else {
            continue;
        };
        if seen.contains(&element.as_str()) {
            continue;
        }
        seen.push(element);
        let size = glyphs.iter().map(|g| g.size).fold(0.0, f32::max);
        let is_quote = quote_element == Some(element.as_str());
        let readable = if is_quote {
            READABLE_QUOTE_PX
        } else {
            READABLE_TEXT_PX
        } * card.width as f32
            / 1080.0;
        if size < readable * 0.98 {
            add(
                "size",
                element,
                format!(
                    "{} set at {:.0} px: below {:.0} px it is hard to read on a phone",
                    if is_quote { "the quote is" } else { "text" },
                    full_size(size),
                    full_size(readable)
                ),
            );
        } else if is_quote && minimum.is_some_and(|min| size <= min + 0.01) {
            add(
                "fit",
                element,
                format!(
                    "the quote is at the template's minimum size ({:.0} px): a longer quote will not fit",
                    full_size(size)
                ),
            );
        }
    }
    found
}

/// The ink of every glyph an element drew.
fn element_ink(card: &Card, element: &str, fonts: &FontBook) -> Option<Rect> {
    card.items
        .iter()
        .filter_map(|item| match item {
            Item::Glyphs {
                glyphs, element: e, ..
            } if e == element => render::ink_bounds(glyphs, fonts),
            _ => None,
        })
        .reduce(|a, b| {
            let (x, y) = (a.x.min(b.x), a.y.min(b.y));
            Rect {
                x,
                y,
                w: a.right().max(b.right()) - x,
                h: a.bottom().max(b.bottom()) - y,
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proof::SAMPLES;

    #[test]
    fn a_card_comes_with_its_alt_text_and_size() {
        let template = Template::builtin("paper").unwrap();
        let format = Format::by_id("story").unwrap();
        let request = SAMPLES[0].request();
        let card = render_card(&template, &format, &request, 0.25).unwrap();
        assert_eq!((card.width, card.height), (270, 480));
        assert_eq!(request.alt_text(&format), card.alt);
        let image = image::load_from_memory(&card.bytes).unwrap();
        assert_eq!((image.width(), image.height()), (270, 480));
        let full = render_card(&template, &format, &request, 1.0).unwrap();
        assert_eq!((full.width, full.height), (1080, 1920));
        // The very file `run` writes for this request.
        let written = crate::card::render_card(&request, &template, &format, ImageKind::Png).unwrap();
        assert_eq!(full.bytes, written.bytes);
    }

    #[test]
    fn low_contrast_is_placed_on_the_text() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pale.yaml");
        std::fs::write(
            &path,
            "extends: paper\nbrand:\n  palette:\n    ink: \"#E8E2D6\"\n",
        )
        .unwrap();
        let template = Template::load(&path).unwrap();
        let format = Format::by_id("instagram-square").unwrap();
        let card = render_card(&template, &format, &SAMPLES[1].request(), 0.5).unwrap();
        let contrast: Vec<_> = card.warnings.iter().filter(|w| w.kind == "contrast").collect();
        assert!(!contrast.is_empty(), "{:?}", card.warnings);
        for w in contrast {
            assert!(
                w.w > 10.0 && w.h > 5.0 && w.x >= 0.0 && w.x + w.w <= 540.5,
                "{w:?}"
            );
        }
        let clean = render_card(
            &Template::builtin("paper").unwrap(),
            &format,
            &SAMPLES[1].request(),
            0.5,
        )
        .unwrap();
        assert!(clean.warnings.iter().all(|w| w.kind != "contrast"));
    }

    #[test]
    fn a_quote_that_does_not_fit_is_the_cli_s_error() {
        let template = Template::builtin("paper").unwrap();
        let format = Format::by_id("link").unwrap();
        let mut request = SAMPLES[2].request();
        request.text = request.text.repeat(4);
        let error = render_card(&template, &format, &request, 1.0).err().unwrap();
        assert!(error.message.contains("does not fit format `link`"), "{error}");
        assert!(error.hint.is_some());
    }
}
