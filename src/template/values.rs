//! Template values parsed while the YAML is read, so a bad one is reported at its line and column:
//! lengths with units, colours, size ranges and font references.

use crate::boundary::SafeSlice;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;

/// A length in a template: `24`, `24px`, `8%`, `5vw`, `5vh`, `5vmin`, `5vmax`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Length {
    /// Pixels of the full-size card.
    Px(f32),
    /// Percent of the reference box along the axis the length is used on.
    Percent(f32),
    /// Hundredths of the canvas width.
    Vw(f32),
    /// Hundredths of the canvas height.
    Vh(f32),
    /// Hundredths of the canvas's smaller side.
    Vmin(f32),
    /// Hundredths of the canvas's larger side.
    Vmax(f32),
    /// No value: in a per-format override, removes an edge the element set (`left: auto`).
    Auto,
}

/// No length, size or angle in a template is larger than this: a card is at most a few thousand
/// pixels, and a box of 10⁹ px (or `.inf`) would only draw nothing.
pub const MAX_MAGNITUDE: f64 = 100_000.0;

/// A number as written in YAML (`12`, `1.5`, `.inf`, `1e308`), if it is finite and plausible.
fn plausible(v: f64) -> Result<f32, String> {
    if !v.is_finite() {
        return Err(format!("`{v}` is not a finite number"));
    }
    if v.abs() > MAX_MAGNITUDE {
        return Err(format!(
            "`{v}` is out of range: expected at most {MAX_MAGNITUDE} in size"
        ));
    }
    Ok(v as f32)
}

impl Length {
    /// Pixels, given the reference extent for `%`, the canvas size for viewport units and the
    /// canvas pixels per template `px`.
    pub fn to_px(self, reference: f32, canvas: (f32, f32), scale: f32) -> f32 {
        let (w, h) = canvas;
        match self {
            Length::Px(v) => v * scale,
            Length::Percent(v) => v / 100.0 * reference,
            Length::Vw(v) => v / 100.0 * w,
            Length::Vh(v) => v / 100.0 * h,
            Length::Vmin(v) => v / 100.0 * w.min(h),
            Length::Vmax(v) => v / 100.0 * w.max(h),
            Length::Auto => 0.0,
        }
    }

    /// Parses `24`, `24px`, `8%`, `5vw`, `5vh`, `5vmin`, `5vmax` or `auto`.
    pub fn parse(text: &str) -> Result<Length, String> {
        let t = text.trim();
        if t == "auto" {
            return Ok(Length::Auto);
        }
        let split = t
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-' || c == '+'))
            .unwrap_or(t.len());
        let (number, unit) = t.split_at(split);
        let value: f32 = number
            .parse()
            .map_err(|_| format!("expected a length such as `24px`, `8%` or `5vmin`, found `{text}`"))?;
        plausible(f64::from(value)).map_err(|e| format!("length `{text}`: {e}"))?;
        match unit.trim() {
            "" | "px" => Ok(Length::Px(value)),
            "%" => Ok(Length::Percent(value)),
            "vw" => Ok(Length::Vw(value)),
            "vh" => Ok(Length::Vh(value)),
            "vmin" => Ok(Length::Vmin(value)),
            "vmax" => Ok(Length::Vmax(value)),
            other => Err(format!(
                "unknown unit `{other}` in `{text}`: expected `px`, `%`, `vw`, `vh`, `vmin` or `vmax`"
            )),
        }
    }
}

impl<'de> Deserialize<'de> for Length {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct LengthVisitor;
        impl Visitor<'_> for LengthVisitor {
            type Value = Length;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a length such as `24px`, `8%` or `5vmin`")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Length, E> {
                self.visit_f64(v as f64)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Length, E> {
                self.visit_f64(v as f64)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Length, E> {
                plausible(v).map(Length::Px).map_err(E::custom)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Length, E> {
                Length::parse(v).map_err(E::custom)
            }
        }
        deserializer.deserialize_any(LengthVisitor)
    }
}

/// Letter spacing: `0.05em` (of the font size) or a length such as `2px` or `0.2vmin`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum LetterSpacing {
    Em(f32),
    Length(Length),
}

impl LetterSpacing {
    pub fn parse(text: &str) -> Result<LetterSpacing, String> {
        let t = text.trim();
        if let Some(number) = t.strip_suffix("em") {
            let value: f32 = number.trim().parse().map_err(|_| {
                format!("expected a letter spacing such as `0.05em` or `2px`, found `{text}`")
            })?;
            return Ok(LetterSpacing::Em(value));
        }
        Length::parse(t)
            .map(LetterSpacing::Length)
            .map_err(|e| e.replace("`px`, `%`", "`em`, `px`, `%`"))
    }
}

impl<'de> Deserialize<'de> for LetterSpacing {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SpacingVisitor;
        impl Visitor<'_> for SpacingVisitor {
            type Value = LetterSpacing;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a letter spacing such as `0.05em` or `2px`")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<LetterSpacing, E> {
                self.visit_f64(v as f64)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<LetterSpacing, E> {
                self.visit_f64(v as f64)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<LetterSpacing, E> {
                plausible(v)
                    .map(|v| LetterSpacing::Length(Length::Px(v)))
                    .map_err(E::custom)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<LetterSpacing, E> {
                LetterSpacing::parse(v).map_err(E::custom)
            }
        }
        deserializer.deserialize_any(SpacingVisitor)
    }
}

/// An angle in degrees: `135` or `135deg`. 0 points up, 90 to the right, as in CSS gradients.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Angle(pub f32);

impl<'de> Deserialize<'de> for Angle {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AngleVisitor;
        impl Visitor<'_> for AngleVisitor {
            type Value = Angle;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an angle in degrees such as `180` or `135deg`")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Angle, E> {
                self.visit_f64(v as f64)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Angle, E> {
                self.visit_f64(v as f64)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Angle, E> {
                plausible(v).map(Angle).map_err(E::custom)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Angle, E> {
                let number = v.trim().strip_suffix("deg").unwrap_or(v.trim());
                number
                    .trim()
                    .parse::<f32>()
                    .ok()
                    .filter(|a| a.is_finite())
                    .map(Angle)
                    .ok_or_else(|| {
                        E::custom(format!(
                            "expected an angle in degrees such as `180` or `135deg`, found `{v}`"
                        ))
                    })
            }
        }
        deserializer.deserialize_any(AngleVisitor)
    }
}

/// A fraction written as `40%` or `0.4`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fraction(pub f32);

impl<'de> Deserialize<'de> for Fraction {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FractionVisitor;
        impl FractionVisitor {
            fn check<E: de::Error>(v: f64, text: &str) -> Result<Fraction, E> {
                if (0.0..=1.0).contains(&v) {
                    Ok(Fraction(v as f32))
                } else {
                    Err(E::custom(format!(
                        "`{text}` is out of range: expected 0 to 1, or 0% to 100%"
                    )))
                }
            }
        }
        impl Visitor<'_> for FractionVisitor {
            type Value = Fraction;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a fraction such as `0.4` or `40%`")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Fraction, E> {
                Self::check(v as f64, &v.to_string())
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Fraction, E> {
                Self::check(v as f64, &v.to_string())
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Fraction, E> {
                Self::check(v, &v.to_string())
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Fraction, E> {
                let t = v.trim();
                let parsed = match t.strip_suffix('%') {
                    Some(p) => p.trim().parse::<f64>().map(|p| p / 100.0),
                    None => t.parse::<f64>(),
                };
                match parsed {
                    Ok(value) => Self::check(value, v),
                    Err(_) => Err(E::custom(format!(
                        "expected a fraction such as `0.4` or `40%`, found `{v}`"
                    ))),
                }
            }
        }
        deserializer.deserialize_any(FractionVisitor)
    }
}

/// A gradient colour stop: a colour, or `{ color: …, at: 40% }`.
#[derive(Debug, Clone, PartialEq)]
pub struct GradientStop {
    pub color: ColorRef,
    /// Position along the gradient, 0 to 1; spread evenly when not given.
    pub at: Option<f32>,
}

impl<'de> Deserialize<'de> for GradientStop {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Explicit {
            color: ColorRef,
            at: Option<Fraction>,
        }
        struct StopVisitor;
        impl<'de> Visitor<'de> for StopVisitor {
            type Value = GradientStop;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a colour, or `{ color: \"#000\", at: 40% }`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<GradientStop, E> {
                let color = ColorRef::deserialize(de::value::StrDeserializer::<E>::new(v))?;
                Ok(GradientStop { color, at: None })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<GradientStop, A::Error> {
                let e = Explicit::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(GradientStop {
                    color: e.color,
                    at: e.at.map(|f| f.0),
                })
            }
        }
        deserializer.deserialize_any(StopVisitor)
    }
}

/// An sRGB colour with alpha.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgba(pub [u8; 4]);

impl Rgba {
    /// Opaque black.
    pub const BLACK: Rgba = Rgba([0, 0, 0, 255]);
    /// Opaque white.
    pub const WHITE: Rgba = Rgba([255, 255, 255, 255]);

    /// Parses `#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa`, `rgb()`, `rgba()`, `hsl()`, `hsla()` and a
    /// few CSS names.
    pub fn parse(text: &str) -> Option<Rgba> {
        let t = text.trim();
        match t.to_ascii_lowercase().as_str() {
            "white" => return Some(Rgba::WHITE),
            "black" => return Some(Rgba::BLACK),
            "transparent" => return Some(Rgba([0, 0, 0, 0])),
            _ => {}
        }
        if let Some((function, args)) = css_function(t) {
            return Rgba::from_function(function, &args);
        }
        let hex = t.strip_prefix('#')?;
        if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let nibble = |i: usize| u8::from_str_radix(hex.slice(i..i + 1), 16).ok().map(|v| v * 17);
        let byte = |i: usize| u8::from_str_radix(hex.slice(i..i + 2), 16).ok();
        match hex.len() {
            3 => Some(Rgba([nibble(0)?, nibble(1)?, nibble(2)?, 255])),
            4 => Some(Rgba([nibble(0)?, nibble(1)?, nibble(2)?, nibble(3)?])),
            6 => Some(Rgba([byte(0)?, byte(2)?, byte(4)?, 255])),
            8 => Some(Rgba([byte(0)?, byte(2)?, byte(4)?, byte(6)?])),
            _ => None,
        }
    }

    /// `rgb(30, 42, 58)`, `rgba(0 0 0 / 50%)`, `hsl(210, 40%, 20%)`, `hsla(…, 0.5)`.
    fn from_function(function: &str, args: &[&str]) -> Option<Rgba> {
        let alpha = match args.get(3) {
            None => 1.0,
            Some(a) => unit_or_percent(a, 1.0)?,
        };
        if !(3..=4).contains(&args.len()) || !(0.0..=1.0).contains(&alpha) {
            return None;
        }
        let byte = |v: f64| (v.clamp(0.0, 1.0) * 255.0).round() as u8;
        let (r, g, b) = match function {
            "rgb" | "rgba" => {
                let channel = |a: &str| unit_or_percent(a, 255.0).filter(|v| (0.0..=1.0).contains(v));
                (channel(args[0])?, channel(args[1])?, channel(args[2])?)
            }
            "hsl" | "hsla" => {
                let hue: f64 = args[0].trim_end_matches("deg").parse().ok()?;
                let s = args[1].strip_suffix('%')?.parse::<f64>().ok()? / 100.0;
                let l = args[2].strip_suffix('%')?.parse::<f64>().ok()? / 100.0;
                if !(0.0..=1.0).contains(&s) || !(0.0..=1.0).contains(&l) || !hue.is_finite() {
                    return None;
                }
                hsl_to_rgb(hue.rem_euclid(360.0), s, l)
            }
            _ => return None,
        };
        Some(Rgba([byte(r), byte(g), byte(b), byte(alpha)]))
    }

    /// The same colour at `opacity` (0..=1) of its alpha.
    pub fn faded(self, opacity: f32) -> Rgba {
        let [r, g, b, a] = self.0;
        Rgba([r, g, b, (f32::from(a) * opacity.clamp(0.0, 1.0)).round() as u8])
    }

    /// Relative luminance (WCAG 2.x).
    pub fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.0[0]) + 0.7152 * channel(self.0[1]) + 0.0722 * channel(self.0[2])
    }

    /// WCAG contrast ratio between two opaque colours.
    pub fn contrast(self, other: Rgba) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }
}

/// `name(a, b, c)` or `name(a b c / d)` split into the name and its arguments.
fn css_function(text: &str) -> Option<(&str, Vec<&str>)> {
    let (name, rest) = text.split_once('(')?;
    let inner = rest.trim_end().strip_suffix(')')?;
    let args = inner
        .split(|c: char| c == ',' || c == '/' || c.is_whitespace())
        .filter(|a| !a.is_empty())
        .collect();
    Some((name.trim(), args))
}

/// A number out of `scale` (`128` of 255) or a percentage (`50%`), as a fraction.
fn unit_or_percent(text: &str, scale: f64) -> Option<f64> {
    let value = match text.strip_suffix('%') {
        Some(p) => p.parse::<f64>().ok()? / 100.0,
        None => text.parse::<f64>().ok()? / scale,
    };
    value.is_finite().then_some(value)
}

/// CSS's HSL to RGB, each channel in 0..=1.
fn hsl_to_rgb(hue: f64, s: f64, l: f64) -> (f64, f64, f64) {
    let k = |n: f64| (n + hue / 30.0) % 12.0;
    let a = s * l.min(1.0 - l);
    let f = |n: f64| l - a * (k(n) - 3.0).min(9.0 - k(n)).clamp(-1.0, 1.0);
    (f(0.0), f(8.0), f(4.0))
}

/// A colour as written: a literal or a palette name, checked for syntax when read.
#[derive(Debug, Clone, PartialEq)]
pub enum ColorRef {
    Literal(Rgba),
    Palette(String),
}

impl<'de> Deserialize<'de> for ColorRef {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        if let Some(color) = Rgba::parse(&text) {
            return Ok(ColorRef::Literal(color));
        }
        if text.trim_start().starts_with('#') {
            return Err(de::Error::custom(format!(
                "invalid colour `{text}`: expected `#rgb`, `#rrggbb` or `#rrggbbaa` in hexadecimal"
            )));
        }
        if text.contains('(') {
            return Err(de::Error::custom(format!(
                "invalid colour `{text}`: expected rgb() or rgba() with channels 0 to 255 (or 0% to 100%), hsl() or hsla() with a hue and two percentages, and an alpha 0 to 1, e.g. rgb(30, 42, 58) or hsla(210, 40%, 20%, 0.5)"
            )));
        }
        if text.is_empty() || !text.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_') {
            return Err(de::Error::custom(format!(
                "invalid colour `{text}`: expected `#rrggbb` or the name of a palette colour"
            )));
        }
        Ok(ColorRef::Palette(text))
    }
}

/// A text size: fixed (`size: 4vmin`) or a range the text is fitted into (`size: {min, max}`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SizeRange {
    pub min: Length,
    pub max: Length,
}

impl<'de> Deserialize<'de> for SizeRange {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SizeVisitor;
        impl<'de> Visitor<'de> for SizeVisitor {
            type Value = SizeRange;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a size such as `5vmin`, or `{ min: 4vmin, max: 9vmin }`")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<SizeRange, E> {
                self.visit_f64(v as f64)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<SizeRange, E> {
                self.visit_f64(v as f64)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<SizeRange, E> {
                let px = Length::Px(plausible(v).map_err(E::custom)?);
                Ok(SizeRange { min: px, max: px })
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<SizeRange, E> {
                let length = Length::parse(v).map_err(E::custom)?;
                Ok(SizeRange {
                    min: length,
                    max: length,
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<SizeRange, A::Error> {
                let (mut min, mut max) = (None, None);
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "min" => min = Some(map.next_value::<Length>()?),
                        "max" => max = Some(map.next_value::<Length>()?),
                        other => {
                            return Err(de::Error::unknown_field(other, &["min", "max"]));
                        }
                    }
                }
                match (min, max) {
                    (Some(min), Some(max)) => Ok(SizeRange { min, max }),
                    (None, _) => Err(de::Error::missing_field("min")),
                    (_, None) => Err(de::Error::missing_field("max")),
                }
            }
        }
        deserializer.deserialize_any(SizeVisitor)
    }
}

/// A font as written: a role from the template's `fonts:` section, or a family with a weight,
/// or (in `brand.fonts`) a font file.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FontSpec {
    pub family: Option<String>,
    /// A font file (.ttf, .otf, .ttc), relative to the template file; only in `brand.fonts`.
    pub file: Option<String>,
    /// The face of a collection (.ttc) to use, from 0.
    pub index: Option<u32>,
    /// A named instance of a variable font file: `Bold`, `SemiBold Condensed`.
    pub instance: Option<String>,
    pub weight: Option<u16>,
    pub italic: Option<bool>,
    /// Variation axes of a variable font, by tag: `{ wght: 650, slnt: -5 }`.
    pub axes: Option<BTreeMap<String, f32>>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FontRef {
    Role(String),
    Spec(FontSpec),
}

impl<'de> Deserialize<'de> for FontRef {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FontVisitor;
        impl<'de> Visitor<'de> for FontVisitor {
            type Value = FontRef;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a font role name, or `{ family: Inter, weight: 700, italic: false }`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<FontRef, E> {
                Ok(FontRef::Role(v.to_owned()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<FontRef, A::Error> {
                FontSpec::deserialize(de::value::MapAccessDeserializer::new(map)).map(FontRef::Spec)
            }
        }
        deserializer.deserialize_any(FontVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths() {
        assert_eq!(Length::parse("24").unwrap(), Length::Px(24.0));
        assert_eq!(Length::parse("8%").unwrap(), Length::Percent(8.0));
        assert_eq!(Length::parse("5.5vmin").unwrap(), Length::Vmin(5.5));
        assert!(Length::parse("5pt").unwrap_err().contains("unknown unit `pt`"));
        assert!(Length::parse("wide").is_err());
        assert_eq!(Length::Vmin(10.0).to_px(0.0, (1080.0, 1920.0), 1.0), 108.0);
        assert_eq!(Length::Px(10.0).to_px(0.0, (270.0, 480.0), 0.25), 2.5);
        assert_eq!(Length::Percent(50.0).to_px(300.0, (1080.0, 1920.0), 1.0), 150.0);
    }

    #[test]
    fn yaml_numbers_must_be_finite_and_plausible() {
        for bad in [".inf", "-.inf", ".nan", "1e308", "1000000000"] {
            let err = serde_yaml::from_str::<Length>(bad).unwrap_err().to_string();
            assert!(
                err.contains("finite") || err.contains("out of range"),
                "{bad}: {err}"
            );
            assert!(serde_yaml::from_str::<Angle>(bad).is_err(), "{bad}");
            assert!(serde_yaml::from_str::<SizeRange>(bad).is_err(), "{bad}");
        }
        assert!(Length::parse("1e9px").is_err());
        assert_eq!(serde_yaml::from_str::<Length>("12.5").unwrap(), Length::Px(12.5));
    }

    #[test]
    fn colours() {
        assert_eq!(Rgba::parse("#fff"), Some(Rgba::WHITE));
        assert_eq!(Rgba::parse("#1E2A3A"), Some(Rgba([0x1E, 0x2A, 0x3A, 255])));
        assert_eq!(Rgba::parse("#00000080"), Some(Rgba([0, 0, 0, 128])));
        assert_eq!(Rgba::parse("#12345"), None);
        assert_eq!(Rgba::parse("#ggg"), None);
        assert_eq!(Rgba::parse("rgb(30, 42, 58)"), Some(Rgba([30, 42, 58, 255])));
        assert_eq!(Rgba::parse("rgba(0 0 0 / 50%)"), Some(Rgba([0, 0, 0, 128])));
        assert_eq!(Rgba::parse("rgb(100%, 0%, 0%)"), Some(Rgba([255, 0, 0, 255])));
        assert_eq!(Rgba::parse("hsl(0, 100%, 50%)"), Some(Rgba([255, 0, 0, 255])));
        assert_eq!(
            Rgba::parse("hsl(120deg, 100%, 25%)"),
            Some(Rgba([0, 128, 0, 255]))
        );
        assert_eq!(
            Rgba::parse("hsla(240, 100%, 50%, 0.5)"),
            Some(Rgba([0, 0, 255, 128]))
        );
        assert_eq!(Rgba::parse("rgb(300, 0, 0)"), None);
        assert_eq!(Rgba::parse("rgb(1, 2)"), None);
        assert_eq!(Rgba::parse("hsl(0, 100, 50%)"), None);
        let ratio = Rgba::WHITE.contrast(Rgba::BLACK);
        assert!((ratio - 21.0).abs() < 1e-9);
    }
}
