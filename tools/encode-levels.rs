//! Measures file size against encoding time for PNG compression settings, oxipng presets and the
//! two JPEG encoders, on cards already rendered: it reads every `.png` under the given folders,
//! decodes the pixels (PNG is lossless, so they are the ones the renderer drew) and encodes them
//! again with each setting, printing bytes and milliseconds per card.
//!
//! Usage: `cargo run --release --example encode-levels -- DIR... [--runs N] [--oxipng]`, e.g. on
//! the example interview's cards: `pullquote run examples/*.txt -o /tmp/cards` then
//! `cargo run --release --example encode-levels -- /tmp/cards`.

use image::codecs::jpeg::JpegEncoder;
use image::{ExtendedColorType, ImageEncoder, RgbImage};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

fn pngs_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            pngs_under(&path, out);
        } else if path.extension().is_some_and(|e| e == "png") {
            out.push(path);
        }
    }
}

fn png(image: &RgbImage, deflate: png::DeflateCompression, filter: png::Filter) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, image.width(), image.height());
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_deflate_compression(deflate);
    encoder.set_filter(filter);
    let mut writer = encoder.write_header().expect("header");
    writer.write_image_data(image.as_raw()).expect("pixels");
    writer.finish().expect("end");
    bytes
}

fn jpeg_basic(image: &RgbImage, quality: u8) -> Vec<u8> {
    let mut bytes = Vec::new();
    JpegEncoder::new_with_quality(&mut bytes, quality)
        .write_image(
            image.as_raw(),
            image.width(),
            image.height(),
            ExtendedColorType::Rgb8,
        )
        .expect("jpeg");
    bytes
}

fn jpeg_optimised(image: &RgbImage, quality: u8, optimise: bool) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut encoder = jpeg_encoder::Encoder::new(&mut bytes, quality);
    encoder.set_sampling_factor(jpeg_encoder::SamplingFactor::F_1_1);
    encoder.set_optimized_huffman_tables(optimise);
    encoder
        .encode(
            image.as_raw(),
            image.width() as u16,
            image.height() as u16,
            jpeg_encoder::ColorType::Rgb,
        )
        .expect("jpeg");
    bytes
}

/// Peak signal-to-noise ratio of `b` against `a`, in dB.
fn psnr(a: &RgbImage, b: &RgbImage) -> f64 {
    let squares: f64 = a
        .as_raw()
        .iter()
        .zip(b.as_raw())
        .map(|(&x, &y)| (f64::from(x) - f64::from(y)).powi(2))
        .sum();
    let mse = squares / a.as_raw().len() as f64;
    10.0 * (255.0 * 255.0 / mse.max(1e-12)).log10()
}

/// Median milliseconds of `runs` calls and the size of what the call returned.
fn measure(runs: usize, mut encode: impl FnMut() -> Vec<u8>) -> (f64, usize) {
    let mut times = Vec::with_capacity(runs);
    let mut size = 0;
    for _ in 0..runs {
        let started = Instant::now();
        size = encode().len();
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    (times[times.len() / 2], size)
}

/// One table row: `encode` applied to every input, total bytes, KiB and median ms per input.
fn row<T>(name: &str, inputs: &[T], runs: usize, encode: impl Fn(&T) -> Vec<u8>) {
    let (mut ms, mut bytes) = (0.0, 0);
    for input in inputs {
        let (t, b) = measure(runs, || encode(input));
        ms += t;
        bytes += b;
    }
    let n = inputs.len() as f64;
    println!(
        "| {name} | {bytes} | {:.0} | {:.1} |",
        bytes as f64 / n / 1024.0,
        ms / n
    );
}

fn header(first: &str) {
    println!("\n| {first} | bytes (all cards) | KiB per card | ms per card |");
    println!("| --- | ---: | ---: | ---: |");
}

fn main() -> ExitCode {
    let mut dirs = Vec::new();
    let mut runs = 3;
    let mut with_oxipng = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--runs" => match args.next().and_then(|n| n.parse().ok()) {
                Some(n) if n > 0 => runs = n,
                _ => return usage("--runs takes a positive number"),
            },
            "--oxipng" => with_oxipng = true,
            _ if arg.starts_with('-') => return usage(&format!("unknown option {arg}")),
            _ => dirs.push(PathBuf::from(arg)),
        }
    }
    let mut files = Vec::new();
    for dir in &dirs {
        pngs_under(dir, &mut files);
    }
    if files.is_empty() {
        return usage("no .png files found under the given folders");
    }
    let cards: Vec<RgbImage> = files
        .iter()
        .map(|f| image::open(f).expect("a readable PNG").to_rgb8())
        .collect();
    println!("{} cards, median of {runs} runs per card", cards.len());

    header("PNG setting");
    for (name, filter) in [("Paeth", png::Filter::Paeth), ("adaptive", png::Filter::Adaptive)] {
        row(&format!("fdeflate ultra-fast, {name}"), &cards, runs, |c| {
            png(c, png::DeflateCompression::FdeflateUltraFast, filter)
        });
        for level in [1, 2, 3, 4, 5, 6, 9] {
            row(&format!("zlib level {level}, {name}"), &cards, runs, |c| {
                png(c, png::DeflateCompression::Level(level), filter)
            });
        }
    }

    if with_oxipng {
        header("oxipng on zlib level 6, adaptive");
        let inputs: Vec<Vec<u8>> = cards
            .iter()
            .map(|c| png(c, png::DeflateCompression::Level(6), png::Filter::Adaptive))
            .collect();
        for preset in [1, 2, 3] {
            let options = oxipng::Options::from_preset(preset);
            row(&format!("preset {preset}"), &inputs, 1, |input| {
                oxipng::optimize_from_memory(input, &options).expect("oxipng")
            });
        }
    }

    header("JPEG encoder, quality 90, 4:4:4");
    row("image (standard Huffman tables)", &cards, runs, |c| {
        jpeg_basic(c, 90)
    });
    row("jpeg-encoder, standard tables", &cards, runs, |c| {
        jpeg_optimised(c, 90, false)
    });
    row("jpeg-encoder, optimised tables", &cards, runs, |c| {
        jpeg_optimised(c, 90, true)
    });
    // Same quality means the same pixels after decoding, whichever tables carried them.
    let mean_psnr = |encode: &dyn Fn(&RgbImage) -> Vec<u8>| {
        let total: f64 = cards
            .iter()
            .map(|c| {
                psnr(
                    c,
                    &image::load_from_memory(&encode(c)).expect("decodes").to_rgb8(),
                )
            })
            .sum();
        total / cards.len() as f64
    };
    println!(
        "\nmean PSNR: image {:.2} dB, jpeg-encoder {:.2} dB",
        mean_psnr(&|c| jpeg_basic(c, 90)),
        mean_psnr(&|c| jpeg_optimised(c, 90, true))
    );
    ExitCode::SUCCESS
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("error: {problem}\nusage: encode-levels DIR... [--runs N] [--oxipng]");
    ExitCode::from(2)
}
