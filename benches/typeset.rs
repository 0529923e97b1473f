//! Typesetting one quote: typography, shaping with fallback, break opportunities and the joint
//! search for size and balanced breaks (`set_text_with`), then a whole card (`compose`).
//!
//! Run with `cargo bench --bench typeset`; criterion reports the median per quote.

use criterion::{criterion_group, criterion_main, Criterion};
use pullquote::template::{Align, CardContent, Case, Emphasis, Format, Rgba, Template, TextStyle};
use pullquote::transcript::Language;
use pullquote::typeset::typography::{for_display, mark_emphasis, split_emphasis};
use pullquote::typeset::{compose, set_text_with, FontBook, SetOptions};
use std::hint::black_box;

const FRENCH: &str = "Les réseaux sociaux peuvent contribuer à cette attractivité, mais ça serait donner trop d'importance à notre travail de dire que les gens sont venus parce que j'ai fait tel tweet : ils sont venus pour le **festival** !";
const ENGLISH_RTL: &str = "When we met Yosef in Haifa he said \"שלום, welcome\" -- and Nadia added مرحبا بكم في حيفا. Every visitor heard it, and **nobody** forgot it.";

fn style(fonts: &FontBook) -> TextStyle {
    TextStyle {
        face: fonts.find("Source Serif 4 Display", 400, false).unwrap(),
        min_size: 24.0,
        max_size: 96.0,
        line_height: 1.2,
        letter_spacing: 0.0,
        color: Rgba::BLACK,
        align: Align::Left,
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

fn typeset_one_quote(c: &mut Criterion) {
    let fonts = FontBook::embedded();
    let style = style(fonts);
    for (name, quote, language) in [
        ("set_text/french-210-chars", FRENCH, Language::French),
        ("set_text/english-rtl-140-chars", ENGLISH_RTL, Language::English),
    ] {
        c.bench_function(name, |b| {
            b.iter(|| {
                let (text, emphasis) =
                    split_emphasis(&for_display(&mark_emphasis(black_box(quote)), language));
                let options = SetOptions {
                    emphasis,
                    ..SetOptions::new(language)
                };
                set_text_with(&text, &style, fonts, &options, 907.0, 560.0).unwrap()
            })
        });
    }
    let template = Template::builtin("paper").unwrap();
    let layout = template
        .resolve(&Format::by_id("instagram-square").unwrap(), fonts)
        .unwrap();
    let content = CardContent {
        quote: FRENCH.to_owned(),
        speaker_name: "Aziz Oulhiyane".into(),
        role: Some("responsable de l’animation des réseaux sociaux".into()),
        organisation: Some("Région Occitanie".into()),
        title: None,
        language: Language::French,
        ..CardContent::default()
    };
    c.bench_function("compose/instagram-square", |b| {
        b.iter(|| compose(&layout, black_box(&content), fonts).unwrap())
    });
}

criterion_group!(benches, typeset_one_quote);
criterion_main!(benches);
