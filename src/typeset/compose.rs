//! Composition: lays out a template's elements for one quote and places every glyph.

use super::fit::{set_text, SetError, SetText};
use super::fonts::FontBook;
use super::typography::for_display;
use super::{Card, Item, PlacedGlyph, Placement, PlacementKind, TypesetError};
use crate::template::{
    Align, CardContent, Case, Element, Layout, Rect, Stack, StackChild, TextStyle, VAlign,
};
use crate::transcript::Language;

fn apply_case(text: &str, case: Case) -> String {
    match case {
        Case::None => text.to_owned(),
        Case::Upper => text.to_uppercase(),
        Case::Lower => text.to_lowercase(),
    }
}

pub(super) fn set_error(error: SetError, what: &str, layout: &Layout) -> TypesetError {
    match error {
        SetError::Missing(missing) => {
            let mut chars: Vec<char> = missing.iter().map(|m| m.character).collect();
            chars.dedup();
            TypesetError::MissingGlyphs { missing: chars }
        }
        SetError::DoesNotFit {
            min_size,
            width,
            height,
            needed_height,
        } => TypesetError::DoesNotFit {
            what: what.to_owned(),
            format: layout.format.id.to_owned(),
            min_size,
            width,
            height,
            needed: needed_height,
        },
    }
}

/// Text to draw: case, then the language's typography.
fn display_text(text: &str, style: &TextStyle, language: Language) -> String {
    for_display(&apply_case(text, style.case), language)
}

/// Places `set` with its top edge at `top`, aligned within `frame` horizontally.
pub(super) fn place_text(
    set: &SetText,
    style: &TextStyle,
    frame: Rect,
    top: f32,
    fonts: &FontBook,
    kind: PlacementKind,
    items: &mut Vec<Item>,
) -> Placement {
    let size = set.size;
    let mut glyphs = Vec::with_capacity(set.glyphs.len());
    let mut ink = InkBounds::default();
    let mut lines = Vec::with_capacity(set.lines.len());
    for (i, range) in set.lines.iter().enumerate() {
        let width = set.line_width_px(i);
        let x0 = match style.align {
            Align::Left => frame.x,
            Align::Center => frame.x + (frame.w - width) / 2.0,
            Align::Right => frame.x + frame.w - width,
        };
        let baseline = top + size * (set.ascender + i as f32 * set.line_height);
        let mut pen = x0;
        let segments = &set.segments[range.clone()];
        let first = segments.first().map_or(0, |s| s.start);
        let last = segments.last().map_or(0, |s| s.end);
        lines.push(set.text[first..last].trim_end().to_owned());
        for (k, segment) in segments.iter().enumerate() {
            let is_last = k + 1 == segments.len();
            for &g in &segment.glyphs {
                let glyph = set.glyphs[g];
                let trailing_space = is_last && set.text[glyph.cluster..].starts_with(char::is_whitespace);
                if !trailing_space {
                    let placed = PlacedGlyph {
                        face: glyph.face,
                        id: glyph.id,
                        x: pen + glyph.x_offset * size,
                        y: baseline - glyph.y_offset * size,
                        size,
                    };
                    ink.add(fonts, &placed);
                    glyphs.push(placed);
                }
                pen += glyph.advance * size;
            }
        }
    }
    items.push(Item::Glyphs {
        color: style.color,
        glyphs,
        element: style.element.clone(),
    });
    Placement {
        kind,
        frame,
        ink: ink.rect(),
        size,
        lines,
    }
}

/// Union of glyph bounding boxes, in canvas px.
#[derive(Default)]
struct InkBounds {
    bounds: Option<(f32, f32, f32, f32)>,
}

impl InkBounds {
    fn add(&mut self, fonts: &FontBook, glyph: &PlacedGlyph) {
        let face = fonts.face(glyph.face);
        let Some(b) = face
            .shaper
            .glyph_bounding_box(rustybuzz::ttf_parser::GlyphId(glyph.id))
        else {
            return;
        };
        let scale = glyph.size / face.units_per_em;
        let rect = (
            glyph.x + f32::from(b.x_min) * scale,
            glyph.y - f32::from(b.y_max) * scale,
            glyph.x + f32::from(b.x_max) * scale,
            glyph.y - f32::from(b.y_min) * scale,
        );
        self.bounds = Some(match self.bounds {
            None => rect,
            Some(r) => (r.0.min(rect.0), r.1.min(rect.1), r.2.max(rect.2), r.3.max(rect.3)),
        });
    }

    fn rect(&self) -> Rect {
        let (x0, y0, x1, y1) = self.bounds.unwrap_or_default();
        Rect {
            x: x0,
            y: y0,
            w: x1 - x0,
            h: y1 - y0,
        }
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

fn ornament_glyph(language: Language) -> &'static str {
    match language {
        Language::French => "«",
        Language::English => "“",
    }
}

fn compose_stack(
    stack: &Stack,
    layout: &Layout,
    content: &CardContent,
    fonts: &FontBook,
    items: &mut Vec<Item>,
    placements: &mut Vec<Placement>,
) -> Result<(), TypesetError> {
    let language = content.language;
    let mut measured: Vec<(Measured, f32, f32)> = Vec::new(); // (child, height, space before)
    for child in &stack.children {
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
                let drawn = display_text(&text, style, language);
                let set = set_text(&drawn, style, fonts, language, stack.rect.w, f32::INFINITY)
                    .map_err(|e| set_error(e, &format!("text of `{}`", style.element), layout))?;
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
            } => {
                let glyph = glyph
                    .clone()
                    .unwrap_or_else(|| ornament_glyph(language).to_owned());
                let style = TextStyle {
                    face: *face,
                    min_size: *size,
                    max_size: *size,
                    line_height: 1.0,
                    letter_spacing: 0.0,
                    color: *color,
                    align: stack.align,
                    case: Case::None,
                    max_lines: Some(1),
                    element: element.clone(),
                };
                let set = set_text(&glyph, &style, fonts, language, f32::INFINITY, f32::INFINITY)
                    .map_err(|e| set_error(e, "ornament", layout))?;
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
            let drawn = display_text(&content.quote, style, language);
            let set = set_text(&drawn, style, fonts, language, stack.rect.w, available.max(0.0))
                .map_err(|e| set_error(e, "quote", layout))?;
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
    let x_for = |width: f32| match stack.align {
        Align::Left => stack.rect.x,
        Align::Center => stack.rect.x + (stack.rect.w - width) / 2.0,
        Align::Right => stack.rect.right() - width,
    };
    for (i, (child, height, before)) in measured.into_iter().enumerate() {
        y += spacing(i, before);
        match child {
            Measured::Quote { style } => {
                let set = quote_set.take().expect("the quote was set above");
                placements.push(place_text(
                    &set,
                    &style,
                    stack.rect,
                    y,
                    fonts,
                    PlacementKind::Quote,
                    items,
                ));
            }
            Measured::Text { set, style, kind } => {
                placements.push(place_text(&set, &style, stack.rect, y, fonts, kind, items))
            }
            Measured::Ornament {
                set,
                style,
                ink_top,
                ink_height,
                ink_left,
                ink_width,
            } => {
                // Align the mark's ink, not its advance box, with the text edge.
                let x = x_for(ink_width) - ink_left;
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
                });
                let ink = Rect {
                    x: x + ink_left,
                    y,
                    w: ink_width,
                    h: ink_height,
                };
                placements.push(Placement {
                    kind: PlacementKind::Ornament,
                    frame: stack.rect,
                    ink,
                    size: set.size,
                    lines: vec![set.text.clone()],
                });
            }
            Measured::Rule {
                width,
                height: h,
                color,
            } => {
                items.push(Item::Rect {
                    rect: Rect {
                        x: x_for(width),
                        y,
                        w: width,
                        h,
                    },
                    color,
                    radius: 0.0,
                });
            }
            Measured::Space => {}
        }
        y += height;
    }
    Ok(())
}

/// Lays out `layout` for `content`: the card the renderer will paint.
pub fn compose(layout: &Layout, content: &CardContent, fonts: &FontBook) -> Result<Card, TypesetError> {
    let mut items = Vec::new();
    let mut placements = Vec::new();
    for element in &layout.elements {
        match element {
            Element::Shape { .. } | Element::Picture { .. } | Element::Photo { .. } => {
                super::pictures::compose_element(element, content, fonts, &mut items, &mut placements)
                    .map_err(|e| set_error(e, "photo initials", layout))?
            }
            Element::Text {
                rect,
                text,
                style,
                valign,
            } => {
                let text = content.expand(text);
                if text.is_empty() {
                    continue;
                }
                let drawn = display_text(&text, style, content.language);
                let set = set_text(&drawn, style, fonts, content.language, rect.w, rect.h)
                    .map_err(|e| set_error(e, &format!("text of `{}`", style.element), layout))?;
                let top = match valign {
                    VAlign::Top => rect.y,
                    VAlign::Center => rect.y + (rect.h - set.height()) / 2.0,
                    VAlign::Bottom => rect.bottom() - set.height(),
                };
                placements.push(place_text(
                    &set,
                    style,
                    *rect,
                    top,
                    fonts,
                    PlacementKind::Text,
                    &mut items,
                ));
            }
            Element::Stack(stack) => {
                compose_stack(stack, layout, content, fonts, &mut items, &mut placements)?
            }
        }
    }
    Ok(Card {
        width: layout.width(),
        height: layout.height(),
        background: layout.background,
        items,
        placements,
        safe: layout.safe,
    })
}
