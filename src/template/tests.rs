//! Resolution behaviour across modules: inheritance, overrides, anchors and styles.

use super::{Element, Format, Template};
use crate::typeset::FontBook;
use std::path::Path;

fn write(dir: &Path, name: &str, yaml: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, yaml).unwrap();
    path
}

const BASE: &str = "brand:\n  palette:\n    ink: \"#111111\"\n    accent: \"#AA0000\"\nelements:\n  - type: rect\n    id: box\n    anchor: bottom-right\n    width: 100\n    height: 50\n    color: accent\n  - type: stack\n    id: main\n    children:\n      - type: quote\n        id: quote\n";

fn first_shape(template: &Template, format: &str) -> (super::Rect, super::Paint) {
    let layout = template
        .resolve(&Format::by_id(format).unwrap(), FontBook::embedded())
        .unwrap();
    match &layout.elements[0] {
        Element::Shape { rect, paint, .. } => (*rect, paint.clone()),
        other => panic!("expected a shape, found {other:?}"),
    }
}

#[test]
fn anchors_place_boxes_that_have_only_a_size() {
    let dir = tempfile::tempdir().unwrap();
    let template = Template::load(&write(dir.path(), "t.yaml", BASE)).unwrap();
    let (rect, _) = first_shape(&template, "instagram-square");
    assert_eq!((rect.x, rect.y, rect.w, rect.h), (980.0, 1030.0, 100.0, 50.0));
    // In a story the safe area ends 20 % above the bottom.
    let (rect, _) = first_shape(&template, "story");
    assert_eq!(rect.bottom(), 1920.0 - 384.0);
}

#[test]
fn a_child_template_overrides_its_parent_by_name() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "base.yaml", BASE);
    let child = write(
        dir.path(),
        "child.yaml",
        "extends: base.yaml\nbrand:\n  palette:\n    accent: \"#0000AA\"\n",
    );
    let template = Template::load(&child).unwrap();
    let (_, paint) = first_shape(&template, "instagram-square");
    assert_eq!(paint, super::Paint::Solid(super::Rgba([0, 0, 0xAA, 255])));
    assert_eq!(template.files().len(), 2);
}

#[test]
fn format_overrides_apply_from_all_to_shape_to_id() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = format!(
        "{BASE}formats:\n  all:\n    box: {{ width: 10 }}\n  landscape:\n    box: {{ width: 20 }}\n  link:\n    box: {{ width: 30 }}\n"
    );
    let template = Template::load(&write(dir.path(), "t.yaml", &yaml)).unwrap();
    assert_eq!(first_shape(&template, "instagram-square").0.w, 10.0);
    assert_eq!(first_shape(&template, "x").0.w, 20.0);
    assert_eq!(first_shape(&template, "link").0.w, 30.0);
}

#[test]
fn px_lengths_follow_a_scaled_format() {
    let dir = tempfile::tempdir().unwrap();
    let template = Template::load(&write(dir.path(), "t.yaml", BASE)).unwrap();
    let small = Format::by_id("instagram-square").unwrap().scaled(0.25);
    let layout = template.resolve(&small, FontBook::embedded()).unwrap();
    let Element::Shape { rect, .. } = &layout.elements[0] else {
        panic!()
    };
    assert_eq!(
        (rect.w, rect.h, rect.right(), rect.bottom()),
        (25.0, 12.5, 270.0, 270.0)
    );
}

#[test]
fn styles_fill_what_an_element_leaves_out_and_spacing_widens_text() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = "styles:\n  quote: { size: 40, letter_spacing: 0.1em, color: \"#222222\" }\nelements:\n  - type: stack\n    children:\n      - type: quote\n        color: \"#333333\"\n";
    let template = Template::load(&write(dir.path(), "t.yaml", yaml)).unwrap();
    let fonts = FontBook::embedded();
    let layout = template
        .resolve(&Format::by_id("instagram-square").unwrap(), fonts)
        .unwrap();
    let Element::Stack(stack) = &layout.elements[0] else {
        panic!()
    };
    let super::StackChild::Quote { style, .. } = &stack.children[0] else {
        panic!()
    };
    assert_eq!((style.min_size, style.letter_spacing), (40.0, 0.1));
    assert_eq!(
        style.color,
        super::Rgba([0x33, 0x33, 0x33, 255]),
        "the element's own colour wins"
    );
    let mut plain = style.clone();
    plain.letter_spacing = 0.0;
    let lang = crate::transcript::Language::English;
    let wide = crate::typeset::set_text("Spaced", style, fonts, lang, 1e6, 1e6).unwrap();
    let tight = crate::typeset::set_text("Spaced", &plain, fonts, lang, 1e6, 1e6).unwrap();
    let difference = wide.line_width_px(0) - tight.line_width_px(0);
    assert!((difference - 6.0 * 4.0).abs() < 0.01, "{difference}");
}

#[test]
fn a_style_says_where_an_opening_mark_hangs() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = "styles:\n  quote: { hanging_punctuation: inside }\nelements:\n  - type: stack\n    children:\n      - type: quote\n";
    let template = Template::load(&write(dir.path(), "t.yaml", yaml)).unwrap();
    let layout = template
        .resolve(&Format::by_id("instagram-square").unwrap(), FontBook::embedded())
        .unwrap();
    let Element::Stack(stack) = &layout.elements[0] else {
        panic!()
    };
    let super::StackChild::Quote { style, .. } = &stack.children[0] else {
        panic!()
    };
    assert_eq!(style.hanging, super::Hanging::Inside);

    let wrong = yaml.replace("inside", "outside");
    let error = Template::load(&write(dir.path(), "w.yaml", &wrong))
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("w.yaml:2:") && error.contains("margin") && error.contains("inside"),
        "{error}"
    );
}

#[test]
fn source_files_list_the_chain_and_its_pictures() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("assets")).unwrap();
    let svg =
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="4" height="2"><rect width="4" height="2"/></svg>"#;
    write(&dir.path().join("assets"), "logo.svg", svg);
    write(dir.path(), "base.yaml", BASE);
    let child = write(
        dir.path(),
        "child.yaml",
        "extends: base.yaml\nbrand:\n  logo: assets/logo.svg\n",
    );
    let template = Template::load(&child).unwrap();
    let files: Vec<_> = template
        .source_files()
        .iter()
        .map(|f| f.strip_prefix(dir.path()).unwrap().to_path_buf())
        .collect();
    assert_eq!(
        files,
        ["assets/logo.svg", "base.yaml", "child.yaml"].map(std::path::PathBuf::from)
    );
    assert!(Template::builtin("paper").unwrap().source_files().is_empty());
}

fn logos(template: &Template, format: &str) -> Vec<super::Rect> {
    let layout = template
        .resolve(&Format::by_id(format).unwrap(), FontBook::embedded())
        .unwrap();
    layout
        .elements
        .iter()
        .filter_map(|e| match e {
            Element::Picture { rect, logo: true, .. } => Some(*rect),
            _ => None,
        })
        .collect()
}

#[test]
fn builtins_draw_no_logo_until_the_brand_gives_one() {
    let dir = tempfile::tempdir().unwrap();
    let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"300\" height=\"100\"><rect width=\"300\" height=\"100\" fill=\"#2D8C5A\"/></svg>";
    let logo = write(dir.path(), "logo.svg", svg);
    for name in Template::builtin_names() {
        let template = Template::builtin(name).unwrap();
        let branded = template.clone().with_logo(&logo).unwrap();
        for format in super::FORMATS {
            assert!(logos(&template, format.id).is_empty(), "{name} on {}", format.id);
            let placed = logos(&branded, format.id);
            assert_eq!(placed.len(), 1, "{name} on {}", format.id);
            // Its box is inside the card.
            let r = placed[0];
            assert!(r.w > 0.0 && r.h > 0.0, "{name} on {}: {r:?}", format.id);
            assert!(r.x >= 0.0 && r.y >= 0.0, "{name} on {}: {r:?}", format.id);
            assert!(r.x + r.w <= format.width as f32 && r.y + r.h <= format.height as f32);
        }
    }
    let missing = Template::builtin("paper")
        .unwrap()
        .with_logo(&dir.path().join("nope.svg"));
    let message = missing.unwrap_err().to_string();
    assert!(message.contains("nope.svg"), "{message}");
}

#[test]
fn a_child_override_of_an_element_is_laid_over_its_parents_field_by_field() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "base.yaml",
        &format!("{BASE}formats:\n  landscape:\n    box: {{ width: 20, height: 30 }}\n"),
    );
    let child = write(
        dir.path(),
        "child.yaml",
        "extends: base.yaml\nformats:\n  landscape:\n    box: { width: 40 }\n",
    );
    let template = Template::load(&child).unwrap();
    let (rect, _) = first_shape(&template, "x");
    assert_eq!((rect.w, rect.h), (40.0, 30.0), "the parent's height stays");
}

#[test]
fn variants_are_chosen_by_quote_length_and_boxes_follow_the_quote() {
    use crate::card::CardRequest;
    let dir = tempfile::tempdir().unwrap();
    let yaml = format!(
        "{BASE}  - type: rect\n    id: band\n    below: quote\n    gap: 10\n    height: 8\n    color: ink\nvariants:\n  - name: long\n    when: {{ chars: {{ min: 60 }} }}\n    elements:\n      box: {{ visible: false }}\n"
    );
    let template = Template::load(&write(dir.path(), "t.yaml", &yaml)).unwrap();
    let fonts = FontBook::embedded();
    let layout = template
        .resolve(&Format::by_id("instagram-square").unwrap(), fonts)
        .unwrap();
    let card = |quote: &str| {
        let content = CardRequest::new(quote, "Camille Ferrand").content(None);
        crate::typeset::compose(&layout, &content, fonts).unwrap()
    };
    let short = card("On ne communique plus, on converse.");
    assert_eq!(short.variant, None);
    let long = card("Pendant la crise, nous avons publié moins mais mieux, chaque matin, les mêmes visages.");
    assert_eq!(long.variant.as_deref(), Some("long"));
    for card in [&short, &long] {
        let quote = card.quote().unwrap();
        let band = card
            .items
            .iter()
            .find_map(|i| match i {
                crate::typeset::Item::Shape { rect, .. } if rect.h == 8.0 => Some(*rect),
                _ => None,
            })
            .expect("the band is drawn");
        // Ten pixels under the quote's last line box, wherever the quote ends.
        assert!(
            band.y > quote.ink.bottom() && band.y < quote.ink.bottom() + 40.0,
            "{band:?} {:?}",
            quote.ink
        );
    }
    let boxes = |c: &crate::typeset::Card| {
        c.items
            .iter()
            .filter(|i| matches!(i, crate::typeset::Item::Shape { rect, .. } if rect.w == 100.0))
            .count()
    };
    assert_eq!(
        (boxes(&short), boxes(&long)),
        (1, 0),
        "the long variant hides the box"
    );
}
