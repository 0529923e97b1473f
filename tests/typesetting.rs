//! Typesetting over a corpus of quotes in French and English, at three box widths and through
//! the built-in template: nothing drawn outside its box, no lone word on a last line, and a quote
//! that cannot fit reported as such rather than clipped.

use pullquote::template::{Align, CardContent, Case, Emphasis, Format, Rect, Rgba, Template, TextStyle};
use pullquote::transcript::Language;
use pullquote::typeset::typography::{for_display, mark_emphasis, split_emphasis};
use pullquote::typeset::{self, FontBook, Item, PlacementKind, SetError, SetOptions};

const CORPUS: &str = include_str!("corpus/quotes.txt");

fn corpus() -> Vec<(Language, &'static str)> {
    CORPUS
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| {
            let (language, quote) = line.split_once('|').expect("`fr|` or `en|` prefix");
            let language = match language {
                "fr" => Language::French,
                "en" => Language::English,
                other => panic!("unknown language {other}"),
            };
            (language, quote)
        })
        .collect()
}

/// Words as a reader counts them: runs between spaces that hold a letter or digit.
fn words(line: &str) -> usize {
    line.split(' ')
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

fn quote_style(fonts: &FontBook, align: Align) -> TextStyle {
    let face = fonts.find("Source Serif 4 Display", 400, false).unwrap();
    TextStyle {
        face,
        min_size: 24.0,
        max_size: 96.0,
        line_height: 1.2,
        letter_spacing: 0.0,
        color: Rgba::BLACK,
        align,
        case: Case::None,
        hanging: Default::default(),
        max_lines: None,
        element: "quote".into(),
        emphasis: Some(Emphasis {
            color: Rgba([184, 50, 42, 255]),
            face: fonts.find("Source Serif 4 Display", 700, false).unwrap(),
            mark: None,
        }),
        finish: Default::default(),
    }
}

#[test]
fn corpus_has_at_least_two_hundred_quotes_in_both_languages() {
    let quotes = corpus();
    assert!(quotes.len() >= 200, "{}", quotes.len());
    assert!(quotes.iter().filter(|(l, _)| *l == Language::French).count() >= 80);
    assert!(quotes.iter().filter(|(l, _)| *l == Language::English).count() >= 80);
}

#[test]
fn every_quote_at_three_widths_stays_in_its_box_without_a_lone_last_word() {
    let fonts = FontBook::embedded();
    let mut set_count = 0;
    let mut not_fitting = Vec::new();
    let mut problems = Vec::new();
    for (i, (language, quote)) in corpus().into_iter().enumerate() {
        for (k, width) in [360.0f32, 640.0, 920.0].into_iter().enumerate() {
            let height = width * 0.8;
            let align = [Align::Left, Align::Center, Align::Right][(i + k) % 3];
            let style = quote_style(fonts, align);
            let (text, emphasis) = split_emphasis(&for_display(&mark_emphasis(quote), language));
            let options = SetOptions {
                emphasis,
                ..SetOptions::new(language)
            };
            let set = match typeset::set_text_with(&text, &style, fonts, &options, width, height) {
                Ok(set) => set,
                Err(SetError::DoesNotFit {
                    min_size,
                    needed_height,
                    ..
                }) => {
                    assert_eq!(min_size, 24.0);
                    assert!(
                        needed_height.is_none_or(|h| h > height),
                        "{quote:?} fits after all"
                    );
                    not_fitting.push((width, quote));
                    continue;
                }
                Err(e) => panic!("{quote:?}: {e:?}"),
            };
            set_count += 1;
            let frame = Rect {
                x: 100.0,
                y: 50.0,
                w: width,
                h: height,
            };
            let mut items = Vec::new();
            let placement = typeset::place_text(
                &set,
                &style,
                frame,
                frame.y,
                fonts,
                PlacementKind::Quote,
                &mut items,
            );
            if !frame.contains(&placement.ink, 0.5) {
                problems.push(format!(
                    "{width}: ink {:?} outside {frame:?}: {quote:?}",
                    placement.ink
                ));
            }
            if set.size < style.min_size || set.size > style.max_size {
                problems.push(format!("{width}: size {} out of range: {quote:?}", set.size));
            }
            let drawn: usize = items
                .iter()
                .map(|item| match item {
                    Item::Glyphs { glyphs, .. } => glyphs.len(),
                    _ => 0,
                })
                .sum();
            assert!(drawn > 0);
            let lines = &placement.lines;
            if lines.len() > 1 && words(&text) > 1 && words(lines.last().unwrap()) < 2 {
                problems.push(format!("{width}: lone last word {lines:?}"));
            }
            for line in lines {
                if line.starts_with(['.', ',', ';', ':', '!', '?', '…', ')', '»', '”', '’', '—', '–'])
                {
                    problems.push(format!("{width}: line starts with punctuation {lines:?}"));
                }
            }
            // Nothing is lost: the lines put back together are the drawn text.
            let rejoined: String = lines.join(" ");
            let squeeze = |s: &str| s.split_whitespace().collect::<String>();
            assert_eq!(squeeze(&rejoined), squeeze(&text), "{width}");
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    // Most quotes fit; the ones that do not are reported, never clipped.
    assert!(
        set_count >= 600,
        "only {set_count} set; not fitting: {not_fitting:?}"
    );
}

#[test]
fn every_quote_composed_with_the_built_in_template_stays_inside_its_frames() {
    let fonts = FontBook::embedded();
    let template = Template::builtin("paper").unwrap();
    let formats: Vec<Format> = ["instagram-square", "story", "link"]
        .iter()
        .map(|id| Format::by_id(id).unwrap())
        .collect();
    let layouts: Vec<_> = formats
        .iter()
        .map(|f| template.resolve(f, fonts).unwrap())
        .collect();
    let mut cards = 0;
    let mut problems = Vec::new();
    for (language, quote) in corpus() {
        let content = CardContent {
            quote: quote.to_owned(),
            speaker_name: "Aziz Oulhiyane".into(),
            role: Some("responsable de l’animation des réseaux sociaux".into()),
            organisation: Some("Région Occitanie".into()),
            title: None,
            language,
            ..CardContent::default()
        };
        for layout in &layouts {
            let card = match typeset::compose(layout, &content, fonts) {
                Ok(card) => card,
                Err(typeset::TypesetError::DoesNotFit { format, .. }) => {
                    assert_eq!(format, layout.format.id);
                    continue;
                }
                Err(e) => panic!("{quote:?}: {e}"),
            };
            cards += 1;
            for placement in &card.placements {
                if !placement.frame.contains(&placement.ink, 0.5) || !card.safe.contains(&placement.ink, 0.5)
                {
                    problems.push(format!(
                        "{}: {:?} ink {:?} outside {:?}",
                        layout.format.id, placement.kind, placement.ink, placement.frame
                    ));
                }
            }
            let quote_lines = &card.quote().unwrap().lines;
            if quote_lines.len() > 1 && words(quote) > 1 && words(quote_lines.last().unwrap()) < 2 {
                problems.push(format!("{}: lone last word {quote_lines:?}", layout.format.id));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    assert!(cards >= 600, "{cards}");
}
