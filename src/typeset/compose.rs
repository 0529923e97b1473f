//! Composition: lays out a template's elements for one quote and places every glyph.

use super::fit::{set_text, set_text_with, SetError, SetOptions, SetText};
use super::fonts::FontBook;
use super::place::{first_letter_ink_left, place_text, InkBounds};
use super::typography::{for_display_in, mark_emphasis, mark_ranges, split_emphasis};
use super::{Card, Edge, Item, Overflow, PlacedGlyph, Placement, PlacementKind, TypesetError};
use crate::template::{
    Align, CardContent, Case, Element, Hanging, Layout, Rect, Relation, Side, Slot, Stack, StackChild,
    TextFinish, TextStyle, VAlign,
};
use std::ops::Range;

fn apply_case(text: &str, case: Case) -> String {
    match case {
        Case::None => text.to_owned(),
        Case::Upper => text.to_uppercase(),
        Case::Lower => text.to_lowercase(),
    }
}

fn set_error(
    error: SetError,
    what: &str,
    layout: &Layout,
    style: &TextStyle,
    fonts: &FontBook,
) -> TypesetError {
    match error {
        SetError::Missing(missing) => {
            let mut chars: Vec<char> = Vec::new();
            for m in &missing {
                if !chars.contains(&m.character) {
                    chars.push(m.character);
                }
            }
            let mut tried: Vec<&'static str> = Vec::new();
            for face in fonts.chain(style.face) {
                let family = fonts.face(face).family;
                if !tried.contains(&family) {
                    tried.push(family);
                }
            }
            TypesetError::MissingGlyphs {
                missing: chars,
                what: what.to_owned(),
                fonts: tried.join(", "),
            }
        }
        SetError::DoesNotFit {
            min_size,
            width,
            height,
            needed_height,
        } => TypesetError::DoesNotFit {
            what: what.to_owned(),
            element: style.element.clone(),
            format: layout.format.id.to_owned(),
            min_size,
            width,
            height,
            needed: needed_height,
        },
    }
}

/// What to set: a template's text, where `**…**` marks emphasis, or the quote, whose emphasis
/// comes as byte ranges from the card request.
enum Source<'a> {
    Markup(&'a str),
    Quote(&'a str, &'a [Range<usize>]),
}

/// Text to draw: emphasis marked, then the case, then the language's typography. Returns the
/// text and its emphasised byte ranges.
fn display_text(
    text: Source,
    style: &TextStyle,
    content: &CardContent,
    layout: &Layout,
) -> (String, Vec<Range<usize>>) {
    // Emphasis is marked first: the marks are unaffected by case and typography, byte ranges are not.
    let marked = match text {
        Source::Markup(text) => mark_emphasis(text),
        Source::Quote(text, ranges) => mark_ranges(text, ranges),
    };
    let cased = apply_case(&marked, style.case);
    split_emphasis(&for_display_in(&cased, content.language, layout.locale))
}

/// Sets `text` in a box of `width` × `height` whose left edge has `hang_room` px of margin free.
#[allow(clippy::too_many_arguments)]
fn set_in_box(
    text: Source,
    what: &str,
    style: &TextStyle,
    content: &CardContent,
    layout: &Layout,
    fonts: &FontBook,
    (width, height, hang_room): (f32, f32, f32),
) -> Result<SetText, TypesetError> {
    let (drawn, emphasis) = display_text(text, style, content, layout);
    let options = SetOptions {
        language: content.language,
        emphasis,
        hang_room: match style.hanging {
            Hanging::Margin => hang_room,
            Hanging::Inside | Hanging::None => 0.0,
        },
    };
    set_text_with(&drawn, style, fonts, &options, width, height)
        .map_err(|e| set_error(e, what, layout, style, fonts))
}

/// The box `frame` widened to the left by the part of a hanging mark set in the margin.
fn with_hang(frame: Rect, set: &SetText) -> Rect {
    let outside = set.hang * set.size - set.indent;
    if outside <= 0.0 {
        return frame;
    }
    Rect {
        x: frame.x - outside,
        w: frame.w + outside,
        ..frame
    }
}

/// A stack child measured and ready to be placed.
enum Measured {
    Text {
        set: SetText,
        style: TextStyle,
        kind: PlacementKind,
    },
    Ornament {
        set: SetText,
        style: TextStyle,
        ink_top: f32,
        ink_height: f32,
        ink_left: f32,
        ink_width: f32,
    },
    Rule {
        width: f32,
        height: f32,
        color: crate::template::Rgba,
    },
    Space,
    /// The quote, set once the space left for it is known.
    Quote {
        style: TextStyle,
    },
}

/// Children that outgrow their stack, and the parts of them outside its box.
struct Spill {
    overflow: Overflow,
    /// The stack's box.
    frame: Rect,
    outside: Vec<Rect>,
}

/// How far a stack's children may cross its box before it is reported: float rounding, not design.
const OVERFLOW_SLACK: f32 = 0.5;

/// The children of `stack` (their bounds by child index) that cross its box, if any.
fn spill(stack: &Stack, bounds: &[Option<Rect>], needed: f32, layout: &Layout) -> Option<Spill> {
    let mut children = Vec::new();
    let mut outside = Vec::new();
    let (top, bottom) = (stack.rect.y, stack.rect.bottom());
    for (index, here) in bounds.iter().enumerate() {
        let Some(here) = here else { continue };
        // Empty space crossing the edge draws nothing there.
        if matches!(stack.children[index], StackChild::Spacer { .. }) || here.h <= 0.0 {
            continue;
        }
        if top - here.y > OVERFLOW_SLACK {
            children.push((stack.child_label(index), Edge::Top, top - here.y));
            outside.push(Rect {
                h: (top - here.y).min(here.h),
                ..*here
            });
        }
        if here.bottom() - bottom > OVERFLOW_SLACK {
            let from = here.y.max(bottom);
            children.push((stack.child_label(index), Edge::Bottom, here.bottom() - bottom));
            outside.push(Rect {
                y: from,
                h: here.bottom() - from,
                ..*here
            });
        }
    }
    if children.is_empty() {
        return None;
    }
    let leaves_safe = outside.iter().any(|r| !layout.safe.contains(r, OVERFLOW_SLACK));
    Some(Spill {
        overflow: Overflow {
            element: stack.element.clone(),
            stack: stack.label(),
            needed,
            height: stack.rect.h,
            children,
            leaves_safe,
        },
        frame: stack.rect,
        outside,
    })
}

/// Lays out a stack; returns where each child went (by its index among the stack's children),
/// for elements placed against one of them, and what spills out of its box.
fn compose_stack(
    stack: &Stack,
    layout: &Layout,
    content: &CardContent,
    fonts: &FontBook,
    items: &mut Vec<Item>,
    placements: &mut Vec<Placement>,
) -> Result<(Vec<Option<Rect>>, Option<Spill>), TypesetError> {
    let language = content.language;
    // Hanging punctuation may use the safe area's margin left of the stack.
    let hang_room = (stack.rect.x - layout.safe.x).max(0.0);
    let mut measured: Vec<(Measured, f32, f32)> = Vec::new(); // (child, height, space before)
    let mut child_index: Vec<usize> = Vec::new(); // the stack child each measured entry comes from
    let mut bounds: Vec<Option<Rect>> = vec![None; stack.children.len()];
    for (index, child) in stack.children.iter().enumerate() {
        if measured.len() > child_index.len() {
            child_index.push(index - 1);
        }
        match child {
            StackChild::Quote { style, space_before } => {
                measured.push((Measured::Quote { style: style.clone() }, 0.0, *space_before));
            }
            StackChild::Text {
                text,
                style,
                space_before,
            } => {
                let text = content.expand(text);
                if text.is_empty() {
                    continue;
                }
                check_length(&text, "text of an element", MAX_TEXT_CHARS)?;
                let set = set_in_box(
                    Source::Markup(&text),
                    &format!("text of {}", style.label()),
                    style,
                    content,
                    layout,
                    fonts,
                    (stack.rect.w, f32::INFINITY, hang_room),
                )?;
                let height = set.height();
                measured.push((
                    Measured::Text {
                        set,
                        style: style.clone(),
                        kind: PlacementKind::Text,
                    },
                    height,
                    *space_before,
                ));
            }
            StackChild::Ornament {
                face,
                size,
                color,
                glyph,
                space_before,
                element,
                decorative,
            } => {
                let glyph = glyph
                    .clone()
                    .unwrap_or_else(|| layout.locale.opening_mark(language).to_string());
                let style = TextStyle {
                    face: *face,
                    min_size: *size,
                    max_size: *size,
                    line_height: 1.0,
                    letter_spacing: 0.0,
                    color: *color,
                    align: stack.align,
                    case: Case::None,
                    hanging: Default::default(),
                    max_lines: Some(1),
                    element: element.clone(),
                    emphasis: None,
                    finish: TextFinish {
                        decorative: *decorative,
                        ..TextFinish::default()
                    },
                };
                let set = set_text(&glyph, &style, fonts, language, f32::INFINITY, f32::INFINITY)
                    .map_err(|e| set_error(e, "ornament", layout, &style, fonts))?;
                let mut ink = InkBounds::default();
                for g in &set.glyphs {
                    ink.add(
                        fonts,
                        &PlacedGlyph {
                            face: g.face,
                            id: g.id,
                            x: 0.0,
                            y: 0.0,
                            size: *size,
                        },
                    );
                }
                let r = ink.rect();
                measured.push((
                    Measured::Ornament {
                        set,
                        style,
                        ink_top: r.y,
                        ink_height: r.h,
                        ink_left: r.x,
                        ink_width: r.w,
                    },
                    r.h,
                    *space_before,
                ));
            }
            StackChild::Rule {
                width,
                height,
                color,
                space_before,
            } => {
                measured.push((
                    Measured::Rule {
                        width: *width,
                        height: *height,
                        color: *color,
                    },
                    *height,
                    *space_before,
                ));
            }
            StackChild::Spacer { height } => measured.push((Measured::Space, *height, 0.0)),
        }
    }
    if measured.len() > child_index.len() {
        child_index.push(stack.children.len() - 1);
    }
    let spacing = |i: usize, before: f32| if i == 0 { 0.0 } else { stack.gap + before };
    let fixed: f32 = measured
        .iter()
        .enumerate()
        .map(|(i, (_, h, before))| h + spacing(i, *before))
        .sum();
    let available = stack.rect.h - fixed;

    // Set the quote in the height that is left.
    let mut quote_set = None;
    for (child, height, _) in &mut measured {
        if let Measured::Quote { style } = child {
            let set = set_in_box(
                Source::Quote(&content.quote, &content.emphasis),
                "quote",
                style,
                content,
                layout,
                fonts,
                (stack.rect.w, available.max(0.0), hang_room),
            )?;
            *height = set.height();
            quote_set = Some(set);
        }
    }
    let total: f32 = measured
        .iter()
        .enumerate()
        .map(|(i, (_, h, before))| h + spacing(i, *before))
        .sum();
    let mut y = match stack.valign {
        VAlign::Top => stack.rect.y,
        VAlign::Center => stack.rect.y + (stack.rect.h - total) / 2.0,
        VAlign::Bottom => stack.rect.bottom() - total,
    };
    // The ornament lines up with the ink of the quote's first letter, not with the box edge.
    let letters_left = measured
        .iter()
        .find_map(|(child, _, _)| match (child, &quote_set) {
            (Measured::Quote { style }, Some(set))
                if stack.align == Align::Left && style.align == Align::Left =>
            {
                first_letter_ink_left(set, style, stack.rect, fonts)
            }
            _ => None,
        });
    let x_for = |width: f32| match stack.align {
        Align::Left => stack.rect.x,
        Align::Center => stack.rect.x + (stack.rect.w - width) / 2.0,
        Align::Right => stack.rect.right() - width,
    };
    for (i, (child, height, before)) in measured.into_iter().enumerate() {
        y += spacing(i, before);
        // Text is measured by its ink across and its line boxes down.
        let text_bounds = |placement: &Placement| Rect {
            x: placement.ink.x,
            y,
            w: placement.ink.w,
            h: height,
        };
        let mut here = Rect {
            x: stack.rect.x,
            y,
            w: stack.rect.w,
            h: height,
        };
        match child {
            Measured::Quote { style } => {
                let set = quote_set.take().expect("the quote was set above");
                let mut placement =
                    place_text(&set, &style, stack.rect, y, fonts, PlacementKind::Quote, items);
                placement.frame = with_hang(stack.rect, &set);
                here = text_bounds(&placement);
                placements.push(placement);
            }
            Measured::Text { set, style, kind } => {
                let mut placement = place_text(&set, &style, stack.rect, y, fonts, kind, items);
                placement.frame = with_hang(stack.rect, &set);
                here = text_bounds(&placement);
                placements.push(placement);
            }
            Measured::Ornament {
                set,
                style,
                ink_top,
                ink_height,
                ink_left,
                ink_width,
            } => {
                // Align the mark's ink, not its advance box, with the text's first letter.
                let x = match letters_left {
                    Some(left) => left.max(stack.rect.x) - ink_left,
                    None => x_for(ink_width) - ink_left,
                };
                let baseline = y - ink_top;
                let glyphs = set
                    .glyphs
                    .iter()
                    .scan(x, |pen, g| {
                        let placed = PlacedGlyph {
                            face: g.face,
                            id: g.id,
                            x: *pen + g.x_offset * set.size,
                            y: baseline,
                            size: set.size,
                        };
                        *pen += g.advance * set.size;
                        Some(placed)
                    })
                    .collect();
                items.push(Item::Glyphs {
                    color: style.color,
                    glyphs,
                    element: style.element.clone(),
                    decorative: style.finish.decorative,
                });
                let ink = Rect {
                    x: x + ink_left,
                    y,
                    w: ink_width,
                    h: ink_height,
                };
                here = ink;
                placements.push(Placement {
                    kind: PlacementKind::Ornament,
                    frame: stack.rect,
                    ink,
                    size: set.size,
                    lines: vec![set.text.clone()],
                    line_widths: (0..set.lines.len()).map(|l| set.line_width_px(l)).collect(),
                });
            }
            Measured::Rule {
                width,
                height: h,
                color,
            } => {
                here = Rect {
                    x: x_for(width),
                    y,
                    w: width,
                    h,
                };
                items.push(Item::Rect {
                    rect: here,
                    color,
                    radius: 0.0,
                });
            }
            Measured::Space => {}
        }
        bounds[child_index[i]] = Some(here);
        y += height;
    }
    let spilled = spill(stack, &bounds, total, layout);
    Ok((bounds, spilled))
}

/// The longest quote a card is set with: far more than fits at the smallest size any template
/// allows, so nothing that could be drawn is refused, and setting time stays bounded.
pub const MAX_QUOTE_CHARS: usize = 2_000;
/// The longest text any other element is set with (a credit, a title, a kicker).
pub const MAX_TEXT_CHARS: usize = 1_000;

fn check_length(text: &str, what: &str, max: usize) -> Result<(), TypesetError> {
    // Counting stops past the limit: a 5 MB field is refused without walking all of it.
    let chars = text.chars().take(max + 1).count();
    if chars > max {
        return Err(TypesetError::TooLong {
            what: what.to_owned(),
            chars: text.chars().count(),
            max,
        });
    }
    Ok(())
}

/// Lays out `layout` for `content`: the card the renderer will paint. The template's variants
/// that admit the quote's length are tried in order, and the first the quote fits wins; the
/// template's own arrangement comes last.
pub fn compose(layout: &Layout, content: &CardContent, fonts: &FontBook) -> Result<Card, TypesetError> {
    check_length(&content.quote, "quote", MAX_QUOTE_CHARS)?;
    let chars = content.quote.chars().count();
    // When nothing fits, the arrangement meant for this quote says best why.
    let mut first_miss = None;
    for variant in layout.variants.iter().filter(|v| v.admits(chars)) {
        match compose_one(&variant.layout, content, fonts) {
            Ok(mut card) => {
                card.variant = Some(variant.name.clone());
                return Ok(card);
            }
            Err(e @ (TypesetError::DoesNotFit { .. } | TypesetError::Overflows { .. })) => {
                first_miss.get_or_insert(e);
            }
            Err(e) => return Err(e),
        }
    }
    compose_one(layout, content, fonts).map_err(|e| first_miss.unwrap_or(e))
}

/// `element` moved against `target` as `relation` says.
fn moved(element: &Element, relation: &Relation, target: Rect) -> Element {
    let mut element = element.clone();
    let rect = match &mut element {
        Element::Shape { rect, .. }
        | Element::Picture { rect, .. }
        | Element::Photo { rect, .. }
        | Element::Text { rect, .. } => rect,
        Element::Stack(stack) => &mut stack.rect,
    };
    let gap = relation.gap;
    match relation.side {
        Side::Below => {
            let top = target.bottom() + gap;
            rect.h = if relation.sized {
                rect.h
            } else {
                (rect.bottom() - top).max(0.0)
            };
            rect.y = top;
        }
        Side::Above => {
            let bottom = target.y - gap;
            if relation.sized {
                rect.y = bottom - rect.h;
            } else {
                rect.h = (bottom - rect.y).max(0.0);
            }
        }
        Side::RightOf => {
            let left = target.right() + gap;
            rect.w = if relation.sized {
                rect.w
            } else {
                (rect.right() - left).max(0.0)
            };
            rect.x = left;
        }
    }
    element
}

/// What one element of the layout drew.
#[derive(Default)]
struct Drawn {
    items: Vec<Item>,
    placements: Vec<Placement>,
    /// Its bounds, or its children's for a stack.
    bounds: Option<Rect>,
    children: Vec<Option<Rect>>,
    /// A stack's children outside its box.
    spill: Option<Spill>,
}

/// How messages name a canvas element.
fn element_label(element: &Element) -> String {
    match element {
        Element::Stack(stack) => format!("stack {}", stack.label()),
        Element::Text { style, .. } => style.label(),
        Element::Picture { logo: true, .. } => "the logo".into(),
        Element::Picture { .. } => "an image".into(),
        Element::Photo { .. } => "the photo".into(),
        Element::Shape { .. } => "a shape".into(),
    }
}

/// Whether two rectangles share more than a sliver.
fn overlaps(a: &Rect, b: &Rect) -> bool {
    let w = a.right().min(b.right()) - a.x.max(b.x);
    let h = a.bottom().min(b.bottom()) - a.y.max(b.y);
    w > OVERFLOW_SLACK && h > OVERFLOW_SLACK
}

/// What a stack's spill does beyond looking cramped: leaving the card, or lying over the words,
/// logo or pictures of another element (one it does not sit on as a whole, like a backdrop).
fn harm(spill: &Spill, own: usize, drawn: &[Option<Drawn>], layout: &Layout) -> Option<String> {
    let canvas = Rect {
        x: 0.0,
        y: 0.0,
        w: layout.width() as f32,
        h: layout.height() as f32,
    };
    if spill.outside.iter().any(|r| !canvas.contains(r, OVERFLOW_SLACK)) {
        return Some("leaves the card".into());
    }
    for (index, other) in drawn.iter().enumerate() {
        let Some(other) = other.as_ref().filter(|_| index != own) else {
            continue;
        };
        let covered = other
            .placements
            .iter()
            .any(|p| !p.ink.contains(&spill.frame, 0.0) && spill.outside.iter().any(|r| overlaps(r, &p.ink)));
        if covered {
            return Some(format!("covers {}", element_label(&layout.elements[index])));
        }
    }
    None
}

fn compose_one(layout: &Layout, content: &CardContent, fonts: &FontBook) -> Result<Card, TypesetError> {
    let count = layout.elements.len();
    let mut drawn: Vec<Option<Drawn>> = (0..count).map(|_| None).collect();
    let slot = |id: &str| layout.ids.iter().find(|(i, _)| i == id).map(|(_, s)| *s);
    // Elements placed against another wait for it; the rest go in painting order.
    while drawn.iter().any(Option::is_none) {
        let mut progress = false;
        for index in 0..count {
            if drawn[index].is_some() {
                continue;
            }
            let relation = layout.relations.iter().find(|r| r.element == index);
            let target = match relation.map(|r| slot(&r.target)) {
                None => None,
                Some(Some(Slot::Element(i))) => match &drawn[i] {
                    Some(d) => Some(d.bounds),
                    None => continue,
                },
                Some(Some(Slot::Child(i, j))) => match &drawn[i] {
                    Some(d) => Some(d.children.get(j).copied().flatten()),
                    None => continue,
                },
                // Resolution checks every target exists and no placement depends on itself.
                Some(None) => Some(None),
            };
            let element = match (relation, target) {
                (Some(relation), Some(Some(bounds))) => moved(&layout.elements[index], relation, bounds),
                _ => layout.elements[index].clone(),
            };
            drawn[index] = Some(compose_element(&element, layout, content, fonts)?);
            progress = true;
        }
        if !progress {
            break;
        }
    }
    let mut overflows = Vec::new();
    for (index, done) in drawn.iter().enumerate() {
        let Some(spill) = done.as_ref().and_then(|d| d.spill.as_ref()) else {
            continue;
        };
        if let Some(harm) = harm(spill, index, &drawn, layout) {
            return Err(TypesetError::Overflows {
                overflow: Box::new(spill.overflow.clone()),
                harm,
                format: layout.format.id.to_owned(),
            });
        }
        overflows.push(spill.overflow.clone());
    }
    let mut items = Vec::new();
    let mut placements = Vec::new();
    // Items drawn before the first element that depends on the quote are the layout's alone.
    let mut layout_items = None;
    for (index, (element, done)) in layout.elements.iter().zip(drawn).enumerate() {
        let from_layout_alone = matches!(element, Element::Shape { .. } | Element::Picture { .. })
            && !layout.relations.iter().any(|r| r.element == index);
        if !from_layout_alone && layout_items.is_none() {
            layout_items = Some(items.len());
        }
        if let Some(done) = done {
            items.extend(done.items);
            placements.extend(done.placements);
        }
    }
    Ok(Card {
        width: layout.width(),
        height: layout.height(),
        background: layout.background,
        layout_items: layout_items.unwrap_or(items.len()),
        items,
        placements,
        safe: layout.safe,
        variant: None,
        overflows,
    })
}

/// Lays out one element of `layout`.
fn compose_element(
    element: &Element,
    layout: &Layout,
    content: &CardContent,
    fonts: &FontBook,
) -> Result<Drawn, TypesetError> {
    let mut out = Drawn::default();
    let (items, placements) = (&mut out.items, &mut out.placements);
    match element {
        Element::Shape { rect, .. } | Element::Picture { rect, .. } | Element::Photo { rect, .. } => {
            out.bounds = Some(*rect);
            super::pictures::compose_element(element, content, fonts, items, placements).map_err(|e| {
                match element {
                    Element::Photo {
                        initials: Some(initials),
                        ..
                    } => set_error(e, "photo initials", layout, &initials.style, fonts),
                    _ => unreachable!("only photo initials are set as text"),
                }
            })?
        }
        Element::Text {
            rect,
            text,
            style,
            valign,
        } => {
            let text = content.expand(text);
            if text.is_empty() {
                return Ok(out);
            }
            check_length(&text, "text of an element", MAX_TEXT_CHARS)?;
            let hang_room = (rect.x - layout.safe.x).max(0.0);
            let set = set_in_box(
                Source::Markup(&text),
                &format!("text of {}", style.label()),
                style,
                content,
                layout,
                fonts,
                (rect.w, rect.h, hang_room),
            )?;
            let top = match valign {
                VAlign::Top => rect.y,
                VAlign::Center => rect.y + (rect.h - set.height()) / 2.0,
                VAlign::Bottom => rect.bottom() - set.height(),
            };
            let mut placement = place_text(&set, style, *rect, top, fonts, PlacementKind::Text, items);
            placement.frame = with_hang(*rect, &set);
            out.bounds = Some(Rect {
                x: placement.ink.x,
                y: top,
                w: placement.ink.w,
                h: set.height(),
            });
            placements.push(placement);
        }
        Element::Stack(stack) => {
            out.bounds = Some(stack.rect);
            (out.children, out.spill) = compose_stack(stack, layout, content, fonts, items, placements)?;
        }
    }
    Ok(out)
}
