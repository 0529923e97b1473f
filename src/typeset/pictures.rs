//! Composition of the elements that are not text flows: filled shapes, pictures and the
//! speaker's photo (or their initials when the card has no photo).

use super::fit::{set_text, SetError};
use super::fonts::FontBook;
use super::place::place_text;
use super::{Item, Placement, PlacementKind, Silhouette};
use crate::template::{Asset, CardContent, Element, Fit, Outline, Paint, Picture, Rect, Shadow, Stroke};

/// Adds the items for a shape, picture or photo element.
pub(super) fn compose_element(
    element: &Element,
    content: &CardContent,
    fonts: &FontBook,
    items: &mut Vec<Item>,
    placements: &mut Vec<Placement>,
) -> Result<(), SetError> {
    match element {
        Element::Shape {
            rect,
            outline,
            paint,
            stroke,
            shadow,
        } => {
            push_shadow(items, *rect, *outline, *shadow);
            items.push(Item::Shape {
                rect: *rect,
                outline: *outline,
                paint: paint.clone(),
            });
            push_stroke(items, *rect, *outline, *stroke);
        }
        Element::Picture {
            rect,
            picture,
            logo,
            stroke,
            shadow,
        } => {
            let drawn = drawn_rect(*rect, picture);
            push_shadow(items, drawn, picture.outline, *shadow);
            items.push(Item::Picture {
                rect: *rect,
                picture: picture.clone(),
            });
            push_stroke(items, drawn, picture.outline, *stroke);
            placements.push(Placement {
                kind: if *logo {
                    PlacementKind::Logo
                } else {
                    PlacementKind::Image
                },
                frame: *rect,
                ink: drawn_rect(*rect, picture),
                size: 0.0,
                lines: Vec::new(),
                line_widths: Vec::new(),
            });
        }
        Element::Photo {
            rect,
            outline,
            initials,
            focus,
            stroke,
            shadow,
            opacity,
        } => {
            if let Some(photo) = &content.photo {
                push_shadow(items, *rect, *outline, *shadow);
                items.push(Item::Picture {
                    rect: *rect,
                    picture: Picture {
                        asset: Asset::from_image(photo.clone()),
                        fit: Fit::Cover,
                        position: *focus,
                        outline: *outline,
                        opacity: *opacity,
                    },
                });
                push_stroke(items, *rect, *outline, *stroke);
            } else if let Some(initials) = initials {
                let letters = content.initials();
                if letters.is_empty() {
                    return Ok(());
                }
                push_shadow(items, *rect, *outline, *shadow);
                items.push(Item::Shape {
                    rect: *rect,
                    outline: *outline,
                    paint: Paint::Solid(initials.fill),
                });
                push_stroke(items, *rect, *outline, *stroke);
                let set = set_text(
                    &letters,
                    &initials.style,
                    fonts,
                    content.language,
                    f32::INFINITY,
                    f32::INFINITY,
                )?;
                // Centre the capitals' height, not the line box, so the letters sit optically centred.
                let face = fonts.face(initials.style.face);
                let cap = face.cap_height * set.size;
                let baseline = rect.y + (rect.h + cap) / 2.0;
                let top = baseline - set.ascender * set.size;
                let mut placement = place_text(
                    &set,
                    &initials.style,
                    *rect,
                    top,
                    fonts,
                    PlacementKind::Photo,
                    items,
                );
                placement.frame = *rect;
                placements.push(placement);
                return Ok(());
            } else {
                return Ok(());
            }
            placements.push(Placement {
                kind: PlacementKind::Photo,
                frame: *rect,
                ink: *rect,
                size: 0.0,
                lines: Vec::new(),
                line_widths: Vec::new(),
            });
        }
        Element::Text { .. } | Element::Stack(_) => unreachable!("text is composed by compose.rs"),
    }
    Ok(())
}

fn push_shadow(items: &mut Vec<Item>, rect: Rect, outline: Outline, shadow: Option<Shadow>) {
    if let Some(shadow) = shadow {
        items.push(Item::Shadow {
            silhouette: Silhouette::Outline(rect, outline),
            shadow,
        });
    }
}

fn push_stroke(items: &mut Vec<Item>, rect: Rect, outline: Outline, stroke: Option<Stroke>) {
    if let Some(stroke) = stroke {
        items.push(Item::Stroke {
            rect,
            outline,
            stroke,
        });
    }
}

/// The part of `rect` a picture covers once fitted.
fn drawn_rect(rect: Rect, picture: &Picture) -> Rect {
    if picture.fit == Fit::Cover {
        return rect;
    }
    let (iw, ih) = picture.asset.size();
    let scale = (rect.w / iw).min(rect.h / ih);
    let (w, h) = (iw * scale, ih * scale);
    Rect {
        x: rect.x + (rect.w - w) * picture.position.0,
        y: rect.y + (rect.h - h) * picture.position.1,
        w,
        h,
    }
}
