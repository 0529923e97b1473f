//! Composition of the elements that are not text flows: filled shapes, pictures and the
//! speaker's photo (or their initials when the card has no photo).

use super::fit::{set_text, SetError};
use super::fonts::FontBook;
use super::place::place_text;
use super::{Item, Placement, PlacementKind};
use crate::template::{Asset, CardContent, Element, Fit, Paint, Picture, Rect};

/// Adds the items for a shape, picture or photo element.
pub(super) fn compose_element(
    element: &Element,
    content: &CardContent,
    fonts: &FontBook,
    items: &mut Vec<Item>,
    placements: &mut Vec<Placement>,
) -> Result<(), SetError> {
    match element {
        Element::Shape { rect, outline, paint } => items.push(Item::Shape {
            rect: *rect,
            outline: *outline,
            paint: paint.clone(),
        }),
        Element::Picture { rect, picture, logo } => {
            items.push(Item::Picture {
                rect: *rect,
                picture: picture.clone(),
            });
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
        } => {
            if let Some(photo) = &content.photo {
                items.push(Item::Picture {
                    rect: *rect,
                    picture: Picture {
                        asset: Asset::from_image(photo.clone()),
                        fit: Fit::Cover,
                        // Portraits keep the face, which sits in the upper part of the frame.
                        position: (0.5, 0.3),
                        outline: *outline,
                    },
                });
            } else if let Some(initials) = initials {
                let letters = content.initials();
                if letters.is_empty() {
                    return Ok(());
                }
                items.push(Item::Shape {
                    rect: *rect,
                    outline: *outline,
                    paint: Paint::Solid(initials.fill),
                });
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
