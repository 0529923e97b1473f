//! Reference images: every built-in template × every format × the short, medium and long
//! samples, drawn at a quarter of their size and compared with `tests/cards/<template>/`.
//!
//! Update them on purpose with `PULLQUOTE_BLESS=1 cargo test --test cards` (it rewrites only the
//! images that differ, then fails once), and look at every changed PNG before committing.
//! On a mismatch an expected | difference | actual strip is written under `target/card-diffs/`.

use image::{Rgb, RgbImage};
use pullquote::proof::proofs;
use pullquote::template::{Template, FORMATS};
use std::path::{Path, PathBuf};

/// Proofs are drawn at a quarter of the real size to keep the references small and fast.
const SCALE: f32 = 0.25;
/// Per-channel difference allowed for float drift between platforms.
const TOLERANCE: u8 = 2;

fn reference_dir(template: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/cards")
        .join(template)
}

fn diff_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/card-diffs")
}

/// Pixels whose channels differ by more than the tolerance.
fn mismatches(expected: &RgbImage, actual: &RgbImage) -> Option<usize> {
    if expected.dimensions() != actual.dimensions() {
        return None;
    }
    Some(
        expected
            .pixels()
            .zip(actual.pixels())
            .filter(|(e, a)| {
                e.0.iter()
                    .zip(a.0.iter())
                    .any(|(x, y)| x.abs_diff(*y) > TOLERANCE)
            })
            .count(),
    )
}

/// expected | red where pixels differ | actual, side by side.
fn diff_strip(expected: &RgbImage, actual: &RgbImage) -> RgbImage {
    let (w, h) = actual.dimensions();
    let mut strip = RgbImage::from_pixel(w * 3, h.max(expected.height()), Rgb([255, 255, 255]));
    image::imageops::replace(&mut strip, expected, 0, 0);
    for (x, y, a) in actual.enumerate_pixels() {
        let differs = expected.get_pixel_checked(x, y).is_none_or(|e| {
            e.0.iter()
                .zip(a.0.iter())
                .any(|(p, q)| p.abs_diff(*q) > TOLERANCE)
        });
        let shade = if differs {
            Rgb([220, 0, 0])
        } else {
            Rgb([235, 235, 235])
        };
        strip.put_pixel(w + x, y, shade);
    }
    image::imageops::replace(&mut strip, actual, i64::from(w) * 2, 0);
    strip
}

fn png_bytes(image: &RgbImage) -> Vec<u8> {
    let raw = pullquote::encode::png(image).expect("encodes");
    oxipng::optimize_from_memory(&raw, &oxipng::Options::from_preset(5)).unwrap_or(raw)
}

fn check_template(name: &str) {
    let bless = std::env::var_os("PULLQUOTE_BLESS").is_some();
    let template = Template::builtin(name).expect("built-in loads");
    let mut problems = Vec::new();
    for card in proofs(&template, FORMATS, SCALE, None) {
        let case = format!("{}-{}", card.sample, card.format.id);
        let (_, actual) = match card.result {
            Ok(done) => done,
            Err(e) => {
                problems.push(format!("{name}/{case}: not drawn: {e}"));
                continue;
            }
        };
        let path = reference_dir(name).join(format!("{case}.png"));
        let expected = image::open(&path).ok().map(|i| i.to_rgb8());
        let matches = expected.as_ref().and_then(|e| mismatches(e, &actual)) == Some(0);
        if matches {
            continue;
        }
        if bless {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, png_bytes(&actual)).unwrap();
            problems.push(format!("{name}/{case}: reference written"));
            continue;
        }
        match expected {
            None => problems.push(format!("{name}/{case}: no reference at {}", path.display())),
            Some(expected) => {
                let diff = diff_dir().join(format!("{name}-{case}.png"));
                std::fs::create_dir_all(diff_dir()).unwrap();
                diff_strip(&expected, &actual).save(&diff).unwrap();
                let count = mismatches(&expected, &actual)
                    .map_or("a different size".to_owned(), |n| format!("{n} pixels"));
                problems.push(format!(
                    "{name}/{case}: differs in {count}; see {}",
                    diff.display()
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} reference image problem(s) (update with PULLQUOTE_BLESS=1 and look at them):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn paper_matches_its_references() {
    check_template("paper");
}

#[test]
fn bold_matches_its_references() {
    check_template("bold");
}

#[test]
fn photo_matches_its_references() {
    check_template("photo");
}

#[test]
fn minimal_matches_its_references() {
    check_template("minimal");
}

#[test]
fn headline_matches_its_references() {
    check_template("headline");
}

#[test]
fn civic_matches_its_references() {
    check_template("civic");
}

#[test]
fn every_builtin_has_a_reference_test() {
    assert_eq!(
        Template::builtin_names(),
        ["paper", "bold", "photo", "minimal", "headline", "civic"]
    );
}

#[test]
fn the_same_card_encodes_to_identical_bytes() {
    let template = Template::builtin("photo").unwrap();
    let story = [FORMATS.iter().find(|f| f.id == "story").unwrap().clone()];
    let draw = || {
        let card = proofs(&template, &story, 0.5, None).remove(1);
        pullquote::encode::png(&card.result.unwrap().1).unwrap()
    };
    assert_eq!(draw(), draw());
}

#[test]
fn text_and_logos_stay_inside_the_safe_area_at_full_size() {
    use pullquote::typeset::{compose, FontBook, PlacementKind};
    let fonts = FontBook::embedded();
    for name in Template::builtin_names() {
        let template = Template::builtin(name).unwrap();
        for sample in pullquote::proof::SAMPLES {
            for format in FORMATS {
                let layout = template.resolve(format, fonts).unwrap();
                let card = compose(&layout, &sample.request().content(None), fonts)
                    .unwrap_or_else(|e| panic!("{name}/{}-{}: {e}", sample.name, format.id));
                for placement in &card.placements {
                    // Backgrounds and decorations may bleed; words and logos may not.
                    if placement.kind == PlacementKind::Image {
                        continue;
                    }
                    assert!(
                        card.safe.contains(&placement.ink, 1.0),
                        "{name}/{}-{}: {:?} ink {:?} leaves the safe area {:?}",
                        sample.name,
                        format.id,
                        placement.kind,
                        placement.ink,
                        card.safe
                    );
                }
            }
        }
    }
}

#[test]
fn no_builtin_stack_outgrows_its_box_at_full_size() {
    use pullquote::proof::{LONGEST, SAMPLES};
    use pullquote::typeset::{compose, FontBook, TypesetError};
    let fonts = FontBook::embedded();
    let mut problems = Vec::new();
    for name in Template::builtin_names() {
        let template = Template::builtin(name).unwrap();
        for sample in SAMPLES.iter().chain([&LONGEST]) {
            for format in FORMATS {
                let layout = template.resolve(format, fonts).unwrap();
                let case = format!("{name}/{}-{}", sample.name, format.id);
                match compose(&layout, &sample.request().content(None), fonts) {
                    Ok(card) => {
                        problems.extend(card.overflows.iter().map(|o| format!("{case}: {}", o.describe())))
                    }
                    // The longest quote may not fit a wide card at a readable size; that is
                    // the size warning's business, not a stack's.
                    Err(TypesetError::DoesNotFit { what, .. })
                        if sample.name == LONGEST.name && what == "quote" => {}
                    Err(e) => problems.push(format!("{case}: {e}")),
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
