//! One benchmark per pipeline stage on the seed interview: read, select, resolve, typeset,
//! render and encode one 1080×1080 card, plus the whole card end to end.

use criterion::{criterion_group, criterion_main, Criterion};
use pullquote::card::CardRequest;
use pullquote::select::{select, SelectOptions};
use pullquote::template::{Format, Template};
use pullquote::transcript::parse;
use pullquote::typeset::{compose, FontBook};
use pullquote::{encode, render};
use std::hint::black_box;

const SEED: &str = include_str!("../examples/occitanie-social-media-interview.txt");

fn stages(c: &mut Criterion) {
    let fonts = FontBook::embedded();
    let template = Template::builtin("paper").unwrap();
    let format = Format::by_id("instagram-square").unwrap();
    let transcript = parse(SEED);
    let selection = select(&transcript, &SelectOptions::default());
    let content = CardRequest::from_selection(&selection.quotes[0], &transcript).content(None);
    let layout = template.resolve(&format, fonts).unwrap();
    let card = compose(&layout, &content, fonts).unwrap();
    let image = render::render(&card, fonts);

    c.bench_function("read (parse the seed)", |b| b.iter(|| parse(black_box(SEED))));
    c.bench_function("select (seed, 5 quotes)", |b| {
        b.iter(|| select(black_box(&transcript), &SelectOptions::default()))
    });
    c.bench_function("resolve (template for one format)", |b| {
        b.iter(|| template.resolve(black_box(&format), fonts).unwrap())
    });
    c.bench_function("typeset (compose one card)", |b| {
        b.iter(|| compose(black_box(&layout), black_box(&content), fonts).unwrap())
    });
    c.bench_function("render (paint 1080x1080)", |b| {
        b.iter(|| render::render(black_box(&card), fonts))
    });
    c.bench_function("encode (PNG)", |b| {
        b.iter(|| encode::png(black_box(&image)).unwrap())
    });
    c.bench_function("card end to end (resolve+typeset+render+encode)", |b| {
        b.iter(|| {
            let layout = template.resolve(&format, fonts).unwrap();
            let card = compose(&layout, &content, fonts).unwrap();
            encode::png(&render::render(&card, fonts)).unwrap()
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).warm_up_time(std::time::Duration::from_millis(500)).measurement_time(std::time::Duration::from_secs(2));
    targets = stages
}
criterion_main!(benches);
