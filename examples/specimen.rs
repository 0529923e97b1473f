//! Type specimen: renders `examples/specimen.png` showing what the typesetter does — kerning and
//! ligatures, French and English typography, font fallback, right-to-left words, emphasis,
//! variable-font weights and balanced line breaking at three widths.
//!
//! Run with `cargo run --release --example specimen` (an optional argument sets the output path).

use image::codecs::png::{CompressionType, FilterType, PngEncoder};
use image::{ExtendedColorType, ImageEncoder};
use pullquote::locale::{EnglishConvention, FrenchConvention, Locale};
use pullquote::render;
use pullquote::template::{Align, Case, Emphasis, Rect, Rgba, TextStyle};
use pullquote::transcript::Language;
use pullquote::typeset::typography::{for_display_in, mark_emphasis, split_emphasis};
use pullquote::typeset::{
    place_text, set_text_with, shape, Card, FaceId, FontBook, Item, PlacedGlyph, PlacementKind, SetOptions,
};

const WIDTH: u32 = 1600;
const MARGIN: f32 = 80.0;
const INK: Rgba = Rgba([27, 36, 48, 255]);
const MUTED: Rgba = Rgba([90, 100, 114, 255]);
const ACCENT: Rgba = Rgba([184, 50, 42, 255]);
const BOX: Rgba = Rgba([216, 206, 188, 255]);

/// Builds the specimen top to bottom; `y` is the next free line.
struct Sheet {
    fonts: &'static FontBook,
    items: Vec<Item>,
    y: f32,
}

impl Sheet {
    fn face(&self, family: &str, weight: u16) -> FaceId {
        self.fonts.find(family, weight, false).expect("embedded family")
    }

    fn style(&self, face: FaceId, size: f32, color: Rgba) -> TextStyle {
        TextStyle {
            face,
            min_size: size,
            max_size: size,
            line_height: 1.25,
            letter_spacing: 0.0,
            color,
            align: Align::Left,
            case: Case::None,
            hanging: Default::default(),
            max_lines: None,
            element: "specimen".into(),
            emphasis: Some(Emphasis {
                color: ACCENT,
                face: self
                    .fonts
                    .find(self.fonts.face(face).family, 700, false)
                    .unwrap_or(face),
                mark: None,
            }),
            finish: Default::default(),
        }
    }

    /// Sets `text` (typography applied for `language` and `locale`) in `frame`; returns its height
    /// and the width of its widest line.
    #[allow(clippy::too_many_arguments)]
    fn text_in(
        &mut self,
        text: &str,
        style: &TextStyle,
        language: Language,
        locale: Locale,
        frame: Rect,
        outline: bool,
    ) -> (f32, f32) {
        let (drawn, emphasis) = split_emphasis(&for_display_in(&mark_emphasis(text), language, locale));
        let options = SetOptions {
            emphasis,
            hang_room: 0.0,
            ..SetOptions::new(language)
        };
        let set = set_text_with(&drawn, style, self.fonts, &options, frame.w, frame.h)
            .unwrap_or_else(|e| panic!("specimen text {text:?} does not set: {e:?}"));
        if outline {
            self.outline(Rect {
                h: set.height(),
                ..frame
            });
        }
        place_text(
            &set,
            style,
            frame,
            frame.y,
            self.fonts,
            PlacementKind::Text,
            &mut self.items,
        );
        let widest = (0..set.lines.len())
            .map(|i| set.line_width_px(i))
            .fold(0.0, f32::max);
        (set.height(), widest)
    }

    /// A paragraph across the sheet at the current line, advancing `y`.
    fn line(&mut self, text: &str, style: &TextStyle, language: Language, locale: Locale, gap: f32) {
        let frame = Rect {
            x: MARGIN,
            y: self.y,
            w: WIDTH as f32 - 2.0 * MARGIN,
            h: 2000.0,
        };
        self.y += self.text_in(text, style, language, locale, frame, false).0 + gap;
    }

    fn heading(&mut self, text: &str) {
        self.y += 28.0;
        let style = self.style(self.face("Inter", 700), 30.0, ACCENT);
        self.line(
            &text.to_uppercase(),
            &style,
            Language::English,
            Locale::default(),
            14.0,
        );
    }

    fn note(&mut self, text: &str) {
        let style = self.style(self.face("Inter", 400), 24.0, MUTED);
        self.line(text, &style, Language::English, Locale::default(), 10.0);
    }

    fn outline(&mut self, r: Rect) {
        for edge in [
            Rect { h: 1.0, ..r },
            Rect {
                y: r.bottom() - 1.0,
                h: 1.0,
                ..r
            },
            Rect { w: 1.0, ..r },
            Rect {
                x: r.right() - 1.0,
                w: 1.0,
                ..r
            },
        ] {
            self.items.push(Item::Rect {
                rect: edge,
                color: BOX,
                radius: 0.0,
            });
        }
    }

    /// Glyphs of `text` in `face` at `size`, either as shaped (GPOS kerning, GSUB ligatures) or
    /// one glyph per character at its plain advance, as a renderer without shaping would set it.
    fn pairs(&mut self, text: &str, face: FaceId, size: f32, x: f32, shaped: bool) -> f32 {
        let f = self.fonts.face(face);
        let baseline = self.y + f.ascender * size;
        let mut pen = x;
        let mut glyphs = Vec::new();
        if shaped {
            for g in shape(text, face, self.fonts, Language::English).expect("covered") {
                glyphs.push(PlacedGlyph {
                    face,
                    id: g.id,
                    x: pen + g.x_offset * size,
                    y: baseline,
                    size,
                });
                pen += g.advance * size;
            }
        } else {
            for c in text.chars() {
                let id = f.glyph_index(c).expect("covered");
                glyphs.push(PlacedGlyph {
                    face,
                    id,
                    x: pen,
                    y: baseline,
                    size,
                });
                pen += f32::from(f.advance(id).unwrap_or(0)) / f.units_per_em * size;
            }
        }
        self.items.push(Item::Glyphs {
            color: INK,
            glyphs,
            element: "specimen".into(),
            decorative: false,
        });
        pen - x
    }
}

fn main() {
    let output = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "examples/specimen.png".to_owned());
    let fonts = FontBook::embedded();
    let mut sheet = Sheet {
        fonts,
        items: Vec::new(),
        y: MARGIN,
    };
    let serif = sheet.face("Source Serif 4 Display", 400);
    let france = Locale::default();

    let title = sheet.style(sheet.face("Inter", 700), 54.0, INK);
    sheet.line(
        "pullquote — type specimen",
        &title,
        Language::English,
        france,
        6.0,
    );
    sheet.note("Every line below is set by the library: shaped by harfrust, rasterised by ab_glyph.");

    sheet.heading("Kerning and ligatures");
    let kerning_pairs = "AV To Ta L’ Wa Yo ffi";
    let shaped_width = sheet.pairs(kerning_pairs, serif, 96.0, MARGIN, true);
    sheet.y += 120.0;
    let plain_width = sheet.pairs(kerning_pairs, serif, 96.0, MARGIN, false);
    sheet.y += 124.0;
    sheet.note(&format!(
        "Top: shaped with GPOS kerning and GSUB ligatures ({shaped_width:.0} px). Bottom: plain advances, no kerning, no ligature ({plain_width:.0} px)."
    ));

    sheet.heading("French (fr-FR, then fr-CA)");
    let quote = sheet.style(serif, 46.0, INK);
    let french =
        "Pourquoi Toulouse ? Parce qu'on m'a dit : \"viens voir\" ; et j'ai vu ! 10 000 abonnés, 25 %...";
    sheet.line(french, &quote, Language::French, france, 8.0);
    let canada = Locale {
        french: FrenchConvention::Canada,
        ..Locale::default()
    };
    sheet.line(french, &quote, Language::French, canada, 8.0);
    sheet.note("A narrow no-break space before semicolons, question and exclamation marks (none in Québec), a no-break space before colons and inside guillemets, typographic apostrophes and ellipses, thousands kept together.");

    sheet.heading("English (en-US, then en-GB)");
    let english = "She said \"it's the '90s all over again\" -- and she was right. Why? Nobody knew.";
    sheet.line(english, &quote, Language::English, france, 8.0);
    let british = Locale {
        english: EnglishConvention::British,
        ..Locale::default()
    };
    sheet.line(english, &quote, Language::English, british, 8.0);
    sheet.note("Curly quotes nested by level, apostrophes (’90s), spaced dashes bound to the word before.");

    sheet.heading("Fallback and right-to-left");
    let playfair = sheet.style(sheet.face("Playfair Display", 400), 46.0, INK);
    sheet.line(
        "Playfair has no Greek or Cyrillic: Ελληνικά, Русский fall back to Noto Sans; Tiếng Việt stays.",
        &playfair,
        Language::English,
        france,
        8.0,
    );
    sheet.line(
        "When we met Yosef in Haifa he said \"שלום, welcome\" and Nadia added مرحبا بكم في حيفا.",
        &quote,
        Language::English,
        france,
        8.0,
    );
    sheet.note("Hebrew and Arabic runs are shaped right to left (Arabic letters joined) and reordered per line (UAX #9). A character no font has (e.g. U+1F600) is an error naming it, never a box.");

    sheet.heading("Emphasis");
    sheet.line(
        "Il faut **oser** : oser publier, oser se tromper, **oser recommencer**.",
        &quote,
        Language::French,
        france,
        8.0,
    );
    sheet.note(
        "Words marked with double asterisks in a quote take the template's emphasis colour and weight.",
    );

    sheet.heading("Variable font axes (Inter Variable, wght 100–900)");
    let mut x = MARGIN;
    for weight in (100..=900).step_by(100) {
        let face = fonts
            .find("Inter Variable", weight, false)
            .expect("variable instance");
        let style = sheet.style(face, 40.0, INK);
        let frame = Rect {
            x,
            y: sheet.y,
            w: 300.0,
            h: 60.0,
        };
        let (_, width) = sheet.text_in(
            &format!("Aa {weight}"),
            &style,
            Language::English,
            france,
            frame,
            false,
        );
        x += width + 22.0;
    }
    sheet.y += 66.0;
    let slanted = fonts
        .find_with_axes("Inter Variable", 650, false, &[(*b"slnt", -10.0)])
        .expect("family")
        .expect("axes in range");
    let style = sheet.style(slanted, 44.0, INK);
    sheet.line(
        "{ family: Inter Variable, weight: 650, axes: { slnt: -10 } }",
        &style,
        Language::English,
        france,
        8.0,
    );

    sheet.heading("Balanced lines, size and breaks chosen together");
    let paragraph = "Les réseaux sociaux peuvent contribuer à cette attractivité, mais ça serait donner trop d'importance à notre travail de dire que les gens sont venus parce que j'ai fait tel tweet.";
    let mut fitted = quote.clone();
    fitted.min_size = 18.0;
    fitted.max_size = 64.0;
    fitted.line_height = 1.2;
    let top = sheet.y;
    let mut x = MARGIN;
    let mut tallest: f32 = 0.0;
    for w in [340.0, 460.0, 560.0] {
        let frame = Rect {
            x,
            y: top,
            w,
            h: 420.0,
        };
        sheet.outline(frame);
        let (h, _) = sheet.text_in(paragraph, &fitted, Language::French, france, frame, false);
        tallest = tallest.max(h).max(frame.h);
        x += w + 40.0;
    }
    sheet.y = top + tallest + 14.0;
    sheet.note("The same quote in three boxes: the largest size whose balanced lines fit, no lone last word, no line ending on « de », « la », « à » when avoidable, no line starting with punctuation.");

    let height = (sheet.y + MARGIN).ceil() as u32;
    let card = Card {
        width: WIDTH,
        height,
        background: Rgba([245, 240, 230, 255]),
        items: sheet.items,
        layout_items: 0,
        placements: Vec::new(),
        variant: None,
        overflows: Vec::new(),
        safe: Rect {
            x: 0.0,
            y: 0.0,
            w: WIDTH as f32,
            h: height as f32,
        },
    };
    // Best compression rather than the cards' fast setting: this file is kept in the repository.
    let image = render::render(&card, fonts);
    let mut png = Vec::new();
    PngEncoder::new_with_quality(&mut png, CompressionType::Best, FilterType::Adaptive)
        .write_image(
            image.as_raw(),
            image.width(),
            image.height(),
            ExtendedColorType::Rgb8,
        )
        .expect("PNG encoding of an in-memory image");
    std::fs::write(&output, png).unwrap_or_else(|e| panic!("failed to write {output}: {e}"));
    println!("{output}");
}
