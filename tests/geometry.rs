//! Geometry of every card: each text block lies inside the box the layout gave it, and text and
//! logo lie inside the format's safe area, for short, typical and very long quotes.

use pullquote::template::{CardContent, Format, Rect, Template, DEFAULT_FORMATS, FORMATS};
use pullquote::transcript::Language;
use pullquote::typeset::{compose, FontBook, PlacementKind, TypesetError};

const SHORT: &str = "On a énormément communiqué.";
const SEED_QUOTE: &str = "Les réseaux sociaux peuvent contribuer à cette attractivité mais ça serait donner trop d’importance à notre travail de dire que les gens sont venus parce que j’ai fait tel tweet.";
/// 280 characters: the longest an automatic candidate may be.
const LONG: &str = "Quand nous avons ouvert l’atelier à Roubaix, personne ne croyait qu’on pourrait fabriquer des vêtements ici à un prix raisonnable. Aujourd’hui, nous employons trente couturières, nous formons des apprentis chaque été, et nos clients reviennent parce qu’ils savent d’où tout vient.";

fn content(quote: &str) -> CardContent {
    CardContent {
        quote: quote.into(),
        speaker_name: "Aziz Oulhiyane".into(),
        role: Some("responsable de l’animation des réseaux sociaux".into()),
        organisation: Some("Région Occitanie".into()),
        title: None,
        language: Language::French,
        ..CardContent::default()
    }
}

fn inside(outer: &Rect, inner: &Rect) -> bool {
    outer.contains(inner, 0.5)
}

#[test]
fn every_block_is_inside_its_box_and_the_safe_area() {
    assert_eq!(LONG.chars().count(), 280);
    let fonts = FontBook::embedded();
    let template = Template::builtin("paper").unwrap();
    for format in FORMATS {
        let layout = template.resolve(format, fonts).unwrap();
        for quote in [SHORT, SEED_QUOTE, LONG] {
            let card = compose(&layout, &content(quote), fonts)
                .unwrap_or_else(|e| panic!("{} × {} chars: {e}", format.id, quote.chars().count()));
            let quote_block = card.quote().expect("a quote is placed");
            assert!(quote_block.size >= layout_min_size(&layout) - 0.01);
            for placement in &card.placements {
                let what = format!(
                    "{:?} on {} for a {}-char quote",
                    placement.kind,
                    format.id,
                    quote.chars().count()
                );
                assert!(
                    placement.ink.w > 0.0 && placement.ink.h > 0.0,
                    "{what}: nothing drawn"
                );
                assert!(
                    inside(&placement.frame, &placement.ink),
                    "{what}: {:?} outside {:?}",
                    placement.ink,
                    placement.frame
                );
                assert!(
                    inside(&card.safe, &placement.ink),
                    "{what}: {:?} outside the safe area {:?}",
                    placement.ink,
                    card.safe
                );
            }
            let kinds: Vec<PlacementKind> = card.placements.iter().map(|p| p.kind).collect();
            for expected in [PlacementKind::Quote, PlacementKind::Text] {
                assert!(kinds.contains(&expected), "{expected:?} missing on {}", format.id);
            }
            // The built-in carries no logo of its own: no one else's mark on a card.
            assert!(!kinds.contains(&PlacementKind::Logo), "a logo on {}", format.id);
            // Every card opens with guillemets, wide ones too (in a column of their own), so
            // none reads as a plain statement.
            assert!(
                kinds.contains(&PlacementKind::Ornament),
                "no ornament on {}",
                format.id
            );
        }
    }
}

fn layout_min_size(layout: &pullquote::template::Layout) -> f32 {
    layout
        .elements
        .iter()
        .find_map(|e| match e {
            pullquote::template::Element::Stack(s) => s.children.iter().find_map(|c| match c {
                pullquote::template::StackChild::Quote { style, .. } => Some(style.min_size),
                _ => None,
            }),
            _ => None,
        })
        .unwrap()
}

#[test]
fn story_text_stays_out_of_the_top_14_and_bottom_20_percent() {
    let fonts = FontBook::embedded();
    let template = Template::builtin("paper").unwrap();
    let story = Format::by_id("story").unwrap();
    let card = compose(&template.resolve(&story, fonts).unwrap(), &content(LONG), fonts).unwrap();
    for placement in &card.placements {
        assert!(placement.ink.y >= 0.14 * 1920.0, "{:?}", placement);
        assert!(placement.ink.bottom() <= 0.80 * 1920.0, "{:?}", placement);
    }
}

#[test]
fn short_quotes_are_set_larger_than_long_ones() {
    let fonts = FontBook::embedded();
    let template = Template::builtin("paper").unwrap();
    for id in DEFAULT_FORMATS {
        let layout = template.resolve(&Format::by_id(id).unwrap(), fonts).unwrap();
        let size = |q: &str| {
            compose(&layout, &content(q), fonts)
                .unwrap()
                .quote()
                .unwrap()
                .size
        };
        assert!(size(SHORT) > size(LONG), "{id}");
    }
}

#[test]
fn a_quote_too_long_for_the_card_is_an_error_not_a_clip() {
    let fonts = FontBook::embedded();
    let template = Template::builtin("paper").unwrap();
    let link = Format::by_id("link").unwrap();
    let layout = template.resolve(&link, fonts).unwrap();
    let error = compose(&layout, &content(&LONG.repeat(3)), fonts).unwrap_err();
    match &error {
        TypesetError::DoesNotFit { what, format, .. } => {
            assert_eq!(what, "quote");
            assert_eq!(format, "link");
        }
        other => panic!("unexpected {other:?}"),
    }
    assert!(error.to_string().contains("does not fit format `link`"));
}

#[test]
fn a_character_no_font_has_is_reported() {
    let fonts = FontBook::embedded();
    let template = Template::builtin("paper").unwrap();
    let layout = template.resolve(&Format::by_id("x").unwrap(), fonts).unwrap();
    let error = compose(
        &layout,
        &content("Un emoji \u{1F600} ici, et rien d’autre à dire."),
        fonts,
    )
    .unwrap_err();
    match &error {
        TypesetError::MissingGlyphs { missing, what, .. } => {
            assert_eq!(missing, &vec!['\u{1F600}']);
            assert_eq!(what, "quote");
        }
        other => panic!("unexpected {other:?}"),
    }
    assert!(error.to_string().contains("U+1F600"));
}
