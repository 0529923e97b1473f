//! Resolving paint: gradients, and the background's colour, gradient, image and overlays.

use super::Resolver;
use crate::template::layout::{Element, GradientShape, Outline, Paint, Picture, Rect};
use crate::template::load::Target;
use crate::template::raw::{Fit, GradientKind, RawGradient};
use crate::template::values::{Length, Rgba};
use crate::template::TemplateError;

impl Resolver<'_> {
    pub(super) fn gradient(&self, g: &RawGradient, path: &str, rect: Rect) -> Result<Paint, TemplateError> {
        if g.stops.len() < 2 {
            return Err(self.error(
                &format!("{path}.stops"),
                Target::Value,
                format!("a gradient needs at least two `stops`, found {}", g.stops.len()),
            ));
        }
        let n = g.stops.len();
        let mut stops = Vec::with_capacity(n);
        let mut last = 0.0f32;
        for (i, stop) in g.stops.iter().enumerate() {
            let color = self.color(&stop.color, &format!("{path}.stops.{i}"))?;
            let at = stop.at.unwrap_or(i as f32 / (n - 1) as f32).max(last);
            last = at;
            stops.push((at, color));
        }
        let shape = match g.kind {
            GradientKind::Linear => {
                if g.center.is_some() || g.radius.is_some() {
                    return Err(self.error(
                        &format!("{path}.{}", if g.center.is_some() { "center" } else { "radius" }),
                        Target::Key,
                        "`center` and `radius` apply to a radial gradient: add `type: radial`".into(),
                    ));
                }
                GradientShape::Linear {
                    angle: g.angle.map_or(180.0, |a| a.0),
                }
            }
            GradientKind::Radial => {
                let [cx, cy] = g.center.unwrap_or([Length::Percent(50.0), Length::Percent(50.0)]);
                let half_diagonal = (rect.w * rect.w + rect.h * rect.h).sqrt() / 2.0;
                GradientShape::Radial {
                    center: (rect.x + self.px(cx, rect.w), rect.y + self.px(cy, rect.h)),
                    radius: g
                        .radius
                        .map_or(half_diagonal, |r| self.px(r, half_diagonal))
                        .max(1.0),
                }
            }
        };
        Ok(Paint::Gradient { shape, stops })
    }

    /// The base colour and the layers drawn over it (gradient, image, darkening, tint).
    /// `[x%, y%]`: the point of a picture kept in view when it is cropped, as fractions.
    pub(super) fn focus(&self, focus: [Length; 2], path: &str) -> Result<(f32, f32), TemplateError> {
        let mut fractions = [0.5; 2];
        for (i, l) in focus.iter().enumerate() {
            fractions[i] = match l {
                Length::Percent(p) => (p / 100.0).clamp(0.0, 1.0),
                _ => {
                    return Err(self.error(
                        &format!("{path}.{i}"),
                        Target::Value,
                        "`focus` takes percentages of the image, such as `[50%, 30%]`".into(),
                    ))
                }
            };
        }
        Ok((fractions[0], fractions[1]))
    }

    pub(super) fn background(&self) -> Result<(Rgba, Vec<Element>), TemplateError> {
        let canvas = Rect {
            x: 0.0,
            y: 0.0,
            w: self.canvas.0,
            h: self.canvas.1,
        };
        let mut layers = Vec::new();
        let Some(b) = &self.loaded.raw.background else {
            return Ok((self.named("background", Rgba::WHITE), layers));
        };
        let base = match &b.color {
            Some(c) => self.color(c, "background.color")?,
            None => self.named("background", Rgba::WHITE),
        };
        if let Some(g) = &b.gradient {
            layers.push(Element::Shape {
                rect: canvas,
                outline: Outline::Rect { radius: 0.0 },
                paint: self.gradient(g, "background.gradient", canvas)?,
                stroke: None,
                shadow: None,
            });
        }
        if let Some(image) = &b.image {
            let asset = self
                .loaded
                .asset(image)
                .expect("background image decoded on load");
            let position = match b.focus {
                Some(focus) => self.focus(focus, "background.focus")?,
                None => (0.5, 0.5),
            };
            layers.push(Element::Picture {
                rect: canvas,
                picture: Picture {
                    asset: asset.clone(),
                    fit: b.fit.unwrap_or(Fit::Cover),
                    position,
                    outline: Outline::Rect { radius: 0.0 },
                    opacity: 1.0,
                },
                logo: false,
                stroke: None,
                shadow: None,
            });
        } else if b.fit.is_some() || b.focus.is_some() {
            let field = if b.fit.is_some() { "fit" } else { "focus" };
            return Err(self.error(
                &format!("background.{field}"),
                Target::Key,
                format!("`{field}` applies to a background `image`, and there is none"),
            ));
        }
        if let Some(darken) = b.darken {
            let alpha = (darken.0 * 255.0).round() as u8;
            layers.push(Element::Shape {
                rect: canvas,
                outline: Outline::Rect { radius: 0.0 },
                paint: Paint::Solid(Rgba([0, 0, 0, alpha])),
                stroke: None,
                shadow: None,
            });
        }
        if let Some(tint) = &b.tint {
            layers.push(Element::Shape {
                rect: canvas,
                outline: Outline::Rect { radius: 0.0 },
                paint: Paint::Solid(self.color(tint, "background.tint")?),
                stroke: None,
                shadow: None,
            });
        }
        Ok((base, layers))
    }
}
