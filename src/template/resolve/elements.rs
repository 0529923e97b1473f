//! Resolving elements: canvas elements (shapes, pictures, text, stacks) and a stack's children.

use super::{allowed_fields, Node, Resolver};
use crate::template::layout::{
    Element, Initials, Outline, Paint, Picture, Rect, Slot, Stack, StackChild, TextFinish, TextStyle,
};
use crate::template::load::Target;
use crate::template::raw::{Align, Case, ElementKind, Fit, PhotoFallback, PhotoShape, RawElement, VAlign};
use crate::template::values::{Length, Rgba, SizeRange};
use crate::template::TemplateError;

fn fixed(length: Length) -> SizeRange {
    SizeRange {
        min: length,
        max: length,
    }
}

impl Resolver<'_> {
    fn check_fields(&self, node: &Node) -> Result<ElementKind, TemplateError> {
        let Some(kind) = node.e.kind else {
            let names: Vec<&str> = ElementKind::ALL.iter().map(|k| k.name()).collect();
            return Err(self.error(
                &node.path,
                Target::Value,
                format!("element without a `type`: expected one of {}", names.join(", ")),
            ));
        };
        let allowed = allowed_fields(kind);
        if let Some(field) = node
            .e
            .set_fields()
            .into_iter()
            .find(|f| *f != "visible" && !allowed.contains(f))
        {
            return Err(self.error(
                &node.at(field),
                Target::Key,
                format!(
                    "field `{field}` does not apply to a `{}` element: expected {}",
                    kind.name(),
                    allowed
                        .iter()
                        .map(|f| format!("`{f}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
        Ok(kind)
    }

    fn paint(&self, node: &Node, rect: Rect, default: Rgba) -> Result<Paint, TemplateError> {
        match (&node.e.gradient, &node.e.color) {
            (Some(_), Some(_)) => Err(self.error(
                &node.at("gradient"),
                Target::Key,
                "an element has either a `color` or a `gradient`, not both".into(),
            )),
            (Some(g), None) => self.gradient(g, &node.at("gradient"), rect),
            (None, Some(c)) => Ok(Paint::Solid(self.color(c, &node.at("color"))?)),
            (None, None) => Ok(Paint::Solid(default)),
        }
    }

    /// Horizontal and vertical placement of a picture in its box, from align/valign, the
    /// anchor, or the edge the box is pinned to.
    fn picture_position(&self, e: &RawElement) -> (f32, f32) {
        let set = |l: Option<Length>| l.is_some_and(|l| l != Length::Auto);
        let align = e
            .align
            .or(e.anchor.map(|a| a.align()))
            .unwrap_or(if set(e.right) && !set(e.left) {
                Align::Right
            } else if !set(e.left) && e.width.is_some() {
                Align::Center
            } else {
                Align::Left
            });
        let valign = e
            .valign
            .or(e.anchor.map(|a| a.valign()))
            .unwrap_or(if set(e.bottom) && !set(e.top) {
                VAlign::Bottom
            } else {
                VAlign::Top
            });
        let x = match align {
            Align::Left => 0.0,
            Align::Center => 0.5,
            Align::Right => 1.0,
        };
        let y = match valign {
            VAlign::Top => 0.0,
            VAlign::Center => 0.5,
            VAlign::Bottom => 1.0,
        };
        (x, y)
    }

    /// The paint of `node`, faded by its opacity.
    fn faded_paint(&self, node: &Node, rect: Rect, default: Rgba) -> Result<Paint, TemplateError> {
        let opacity = self.opacity(node);
        Ok(match self.paint(node, rect, default)? {
            Paint::Solid(c) => Paint::Solid(c.faded(opacity)),
            Paint::Gradient { shape, stops } => Paint::Gradient {
                shape,
                stops: stops.into_iter().map(|(at, c)| (at, c.faded(opacity))).collect(),
            },
        })
    }

    /// Resolves a canvas element that will be `elements[index]` if drawn.
    pub(super) fn element(
        &mut self,
        raw: &RawElement,
        path: &str,
        index: usize,
    ) -> Result<Option<Element>, TemplateError> {
        let mut node = self.effective(raw, path);
        let kind = self.check_fields(&node)?;
        if kind.in_stack() {
            return Err(self.error(
                &format!("{path}.type"),
                Target::Value,
                format!(
                    "a `{}` element belongs inside a `stack`'s `children`",
                    kind.name()
                ),
            ));
        }
        if matches!(kind, ElementKind::Text | ElementKind::Photo) {
            self.with_style(&mut node, None)?;
        }
        let children = self.check_children(&node, kind)?;
        if node.e.visible == Some(false) {
            return Ok(None);
        }
        let e = &node.e;
        let area = self.area(e);
        let element = match kind {
            ElementKind::Rect => {
                let rect = self.rect(e, None);
                Element::Shape {
                    rect,
                    outline: Outline::Rect {
                        radius: e.radius.map_or(0.0, |r| self.px_free(r, rect)),
                    },
                    paint: self.faded_paint(&node, rect, self.ink())?,
                    stroke: self.stroke(&node, rect)?,
                    shadow: self.shadow(&node, area)?,
                }
            }
            ElementKind::Circle => {
                let rect = self.rect(e, Some(1.0));
                Element::Shape {
                    rect,
                    outline: Outline::Ellipse,
                    paint: self.faded_paint(&node, rect, self.accent())?,
                    stroke: self.stroke(&node, rect)?,
                    shadow: self.shadow(&node, area)?,
                }
            }
            ElementKind::Logo | ElementKind::Image => {
                let (asset, logo) = if kind == ElementKind::Logo {
                    // A layout keeps a place for the brand's logo; without one (a built-in used
                    // as it is, no `--logo`), nothing is drawn there: no one else's mark on a card.
                    let Some(logo) = &self.loaded.raw.brand.logo else {
                        return Ok(None);
                    };
                    (self.loaded.asset(logo), true)
                } else {
                    let Some(src) = &e.src else {
                        return Err(self.error(
                            path,
                            Target::Value,
                            "an `image` element needs `src:`, the path of a PNG, JPEG or SVG file".into(),
                        ));
                    };
                    (self.loaded.asset(src), false)
                };
                let asset = asset.expect("every picture is decoded on load");
                let fit = e.fit.unwrap_or(Fit::Contain);
                let rect = self.rect(e, Some(asset.aspect()));
                let position = match e.focus {
                    Some(focus) => self.focus(focus, &node.at("focus"))?,
                    None => self.picture_position(e),
                };
                Element::Picture {
                    rect,
                    picture: Picture {
                        asset: asset.clone(),
                        fit,
                        position,
                        outline: Outline::Rect {
                            radius: e.radius.map_or(0.0, |r| self.px_free(r, rect)),
                        },
                        opacity: self.opacity(&node),
                    },
                    logo,
                    stroke: self.stroke(&node, rect)?,
                    shadow: self.shadow(&node, area)?,
                }
            }
            ElementKind::Photo => self.photo(&node)?,
            ElementKind::Text => {
                let text = self.text(&node)?;
                let rect = self.rect(e, None);
                let default = fixed(Length::Vmin(3.0));
                Element::Text {
                    rect,
                    style: self.text_style(&node, area, "body", default, false)?,
                    text,
                    valign: e.valign.unwrap_or(VAlign::Top),
                }
            }
            ElementKind::Stack => {
                let rect = self.rect(e, None);
                let mut resolved = Vec::new();
                let mut child_elements = Vec::new();
                for (child, child_path) in children {
                    if let Some(c) = self.stack_child(child, &child_path, rect)? {
                        if let Some(id) = &child.id {
                            self.ids.push((id.clone(), Slot::Child(index, resolved.len())));
                        }
                        resolved.push(c);
                        child_elements.push((child_path, child.id.clone()));
                    }
                }
                Element::Stack(Stack {
                    rect,
                    gap: e.gap.map_or(0.0, |g| self.px_free(g, rect)),
                    align: e.align.unwrap_or(Align::Left),
                    valign: e.valign.unwrap_or(VAlign::Top),
                    children: resolved,
                    element: node.path.clone(),
                    id: e.id.clone(),
                    child_elements,
                })
            }
            ElementKind::Quote | ElementKind::Ornament | ElementKind::Rule | ElementKind::Spacer => {
                unreachable!("stack children are rejected above")
            }
        };
        let rect = match &element {
            Element::Shape { rect, .. }
            | Element::Picture { rect, .. }
            | Element::Photo { rect, .. }
            | Element::Text { rect, .. } => *rect,
            Element::Stack(stack) => stack.rect,
        };
        self.relation(&node, kind, index, rect)?;
        if let Some(id) = &node.e.id {
            self.ids.push((id.clone(), Slot::Element(index)));
        }
        Ok(Some(element))
    }

    /// A stack's children with their paths; `children` is only for stacks.
    fn check_children<'n>(
        &self,
        node: &'n Node,
        kind: ElementKind,
    ) -> Result<Vec<(&'n RawElement, String)>, TemplateError> {
        let Some(children) = &node.e.children else {
            return Ok(Vec::new());
        };
        debug_assert_eq!(
            kind,
            ElementKind::Stack,
            "check_fields rejects children elsewhere"
        );
        let base = node.at("children");
        Ok(children
            .iter()
            .enumerate()
            .map(|(i, c)| (c, format!("{base}.{i}")))
            .collect())
    }

    fn photo(&mut self, node: &Node) -> Result<Element, TemplateError> {
        let e = &node.e;
        let rect = self.rect(e, Some(1.0));
        let side = rect.w.min(rect.h);
        let outline = match e.shape.unwrap_or(PhotoShape::Circle) {
            PhotoShape::Circle => Outline::Ellipse,
            PhotoShape::Square => Outline::Rect { radius: 0.0 },
            PhotoShape::Rounded => Outline::Rect {
                radius: e.radius.map_or(side * 0.12, |r| self.px_free(r, rect)),
            },
        };
        if e.radius.is_some() && e.shape != Some(PhotoShape::Rounded) {
            return Err(self.error(
                &node.at("radius"),
                Target::Key,
                "`radius` applies to a photo with `shape: rounded`".into(),
            ));
        }
        let initials = match e.fallback.unwrap_or(PhotoFallback::Initials) {
            PhotoFallback::None => None,
            PhotoFallback::Initials => {
                let fill = match &e.color {
                    Some(c) => self.color(c, &node.at("color"))?,
                    None => self.accent(),
                };
                // Initials in whichever of white and ink reads better on the fill.
                let text = [self.ink(), Rgba::WHITE, Rgba([17, 17, 17, 255])]
                    .into_iter()
                    .max_by(|a, b| a.contrast(fill).total_cmp(&b.contrast(fill)))
                    .unwrap_or(Rgba::WHITE);
                let size = side * 0.4;
                Some(Initials {
                    style: TextStyle {
                        face: self.font(e.font.as_ref(), &node.at("font"), "name")?,
                        min_size: size,
                        max_size: size,
                        line_height: 1.0,
                        letter_spacing: 0.02,
                        color: text,
                        align: Align::Center,
                        case: Case::Upper,
                        hanging: Default::default(),
                        max_lines: Some(1),
                        element: node.path.clone(),
                        emphasis: None,
                        finish: TextFinish {
                            id: e.id.clone(),
                            ..TextFinish::default()
                        },
                    },
                    fill: fill.faded(self.opacity(node)),
                })
            }
        };
        let area = self.area(e);
        Ok(Element::Photo {
            rect,
            outline,
            initials,
            // Portraits keep the face, which sits in the upper part of the frame.
            focus: match e.focus {
                Some(focus) => self.focus(focus, &node.at("focus"))?,
                None => (0.5, 0.3),
            },
            stroke: self.stroke(node, rect)?,
            shadow: self.shadow(node, area)?,
            opacity: self.opacity(node),
        })
    }

    fn stack_child(
        &mut self,
        raw: &RawElement,
        path: &str,
        stack: Rect,
    ) -> Result<Option<StackChild>, TemplateError> {
        let mut node = self.effective(raw, path);
        let kind = self.check_fields(&node)?;
        if !(kind.in_stack() || kind == ElementKind::Text) {
            return Err(self.error(
                &format!("{path}.type"),
                Target::Value,
                format!(
                    "a `{}` element cannot sit inside a stack: expected quote, ornament, text, rule or spacer",
                    kind.name()
                ),
            ));
        }
        let default_style = match kind {
            ElementKind::Quote => Some("quote"),
            ElementKind::Ornament => Some("ornament"),
            _ => None,
        };
        if matches!(
            kind,
            ElementKind::Quote | ElementKind::Ornament | ElementKind::Text
        ) {
            self.with_style(&mut node, default_style)?;
        }
        if kind == ElementKind::Text {
            if let Some(field) = [
                "area", "anchor", "left", "top", "right", "bottom", "width", "height", "valign", "below",
                "above", "right_of", "gap",
            ]
            .into_iter()
            .find(|f| node.e.set_fields().contains(f))
            {
                return Err(self.error(
                    &node.at(field),
                    Target::Key,
                    format!("`{field}` places a text on the canvas; inside a stack, the stack places it"),
                ));
            }
        }
        if node.e.visible == Some(false) {
            return Ok(None);
        }
        let e = &node.e;
        let space_before = e.space_before.map_or(0.0, |l| self.px(l, stack.h));
        let color = |this: &Self, default: Rgba| -> Result<Rgba, TemplateError> {
            match &e.color {
                Some(c) => this.color(c, &node.at("color")),
                None => Ok(default),
            }
        };
        Ok(Some(match kind {
            ElementKind::Quote => {
                self.quotes += 1;
                let default = SizeRange {
                    min: Length::Vmin(4.4),
                    max: Length::Vmin(9.0),
                };
                StackChild::Quote {
                    style: self.text_style(&node, stack, "quote", default, true)?,
                    space_before,
                }
            }
            ElementKind::Ornament => StackChild::Ornament {
                face: self.font(e.font.as_ref(), &node.at("font"), "quote")?,
                size: self.px_free(e.size.map_or(Length::Vmin(20.0), |s| s.max), stack),
                color: color(self, self.accent())?.faded(self.opacity(&node)),
                glyph: e.glyph.clone().filter(|g| g != "auto"),
                space_before,
                element: node.path.clone(),
                decorative: e.contrast == Some(crate::template::raw::ContrastCheck::Ignore),
            },
            ElementKind::Text => {
                let text = self.text(&node)?;
                StackChild::Text {
                    style: self.text_style(&node, stack, "body", fixed(Length::Vmin(3.0)), false)?,
                    text,
                    space_before,
                }
            }
            ElementKind::Rule => StackChild::Rule {
                width: self.px(e.width.unwrap_or(Length::Vmin(12.0)), stack.w),
                height: self.px(e.height.unwrap_or(Length::Vmin(0.8)), stack.h),
                color: color(self, self.accent())?.faded(self.opacity(&node)),
                space_before,
            },
            ElementKind::Spacer => StackChild::Spacer {
                height: self.px(e.height.unwrap_or(Length::Px(0.0)), stack.h),
            },
            _ => unreachable!("checked above"),
        }))
    }
}
