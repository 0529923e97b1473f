//! Resolves a template for one format: applies per-format overrides, turns lengths into pixels,
//! names into colours and fonts, and checks that every field fits its element. Every error names
//! the file and the YAML path it comes from, so it points at the right line.

mod background;
mod elements;
mod structure;

use super::content::{substitute, unknown_placeholders, PLACEHOLDERS};
use super::format::{Format, FORMATS};
use super::layout::{
    Emphasis, Layout, Mark, Rect, Relation, Shadow, Side, Slot, Stroke, TextFinish, TextStyle, Variant,
};
use super::load::{Loaded, Target};
use super::raw::{Align, Anchor, Area, Case, ContrastCheck, ElementKind, RawElement, RawTextStyle};
use super::suggest::closest;
use super::values::{ColorRef, FontRef, FontSpec, Length, LetterSpacing, Rgba, SizeRange};
use super::{Template, TemplateError};
use crate::diagnostic::Diagnostic;
use crate::fonts::AxisError;
use crate::fonts::{FaceId, FontBook};
use crate::locale::Locale;
use std::collections::BTreeMap;
use structure::check_structure;

/// Keys of `formats:` besides format ids.
pub const FORMAT_GROUPS: &[&str] = &["all", "square", "portrait", "landscape"];

/// Smallest comfortable sizes on a 1080 px wide card seen on a phone: quotes, other text.
const READABLE_QUOTE_PX: f32 = 48.0;
const READABLE_TEXT_PX: f32 = 32.0;

/// An element with its format overrides applied, and where each of its fields was written.
struct Node {
    e: RawElement,
    path: String,
    origins: BTreeMap<&'static str, String>,
}

impl Node {
    /// The YAML path of `field`: the override or style that set it, else the element's own.
    fn at(&self, field: &str) -> String {
        self.origins
            .get(field)
            .cloned()
            .unwrap_or_else(|| format!("{}.{field}", self.path))
    }

    fn label(&self) -> String {
        match (&self.e.id, self.e.kind) {
            (Some(id), _) => format!("`{id}`"),
            (None, Some(kind)) => format!("`{}` at {}", kind.name(), self.path),
            (None, None) => self.path.clone(),
        }
    }
}

fn hint_for(word: &str, candidates: &[&str]) -> Option<String> {
    closest(word, candidates).map(|c| format!("did you mean `{c}`?"))
}

/// A variant's index and its changes, each with the path prefix it is written at.
type VariantLayers<'a> = (usize, Vec<(String, &'a BTreeMap<String, RawElement>)>);

/// Everything resolution needs besides the element being resolved.
struct Resolver<'a> {
    loaded: &'a Loaded,
    format: &'a Format,
    fonts: &'a FontBook,
    palette: BTreeMap<&'a str, Rgba>,
    canvas: (f32, f32),
    safe: Rect,
    /// Per-format patches that apply, in order, with their `formats:` key.
    overrides: Vec<(&'a str, &'a BTreeMap<String, RawElement>)>,
    quotes: usize,
    warnings: Vec<Diagnostic>,
    /// The variant being resolved: its index and its patches, by path prefix and element id.
    variant: Option<VariantLayers<'a>>,
    /// Which drawn element or stack child each id names.
    ids: Vec<(String, Slot)>,
    /// Relative placements, with the path of the field that asks for each.
    relations: Vec<(Relation, String)>,
}

impl<'a> Resolver<'a> {
    fn error(&self, path: &str, target: Target, message: String) -> TemplateError {
        TemplateError(Box::new(self.loaded.error(path, target, message)))
    }

    fn error_hint(&self, path: &str, target: Target, message: String, hint: Option<String>) -> TemplateError {
        let mut d = self.loaded.error(path, target, message);
        if let Some(hint) = hint {
            d = d.with_hint(hint);
        }
        TemplateError(Box::new(d))
    }

    fn color(&self, color: &ColorRef, path: &str) -> Result<Rgba, TemplateError> {
        match color {
            ColorRef::Literal(c) => Ok(*c),
            ColorRef::Palette(name) => self.palette.get(name.as_str()).copied().ok_or_else(|| {
                let names: Vec<&str> = self.palette.keys().copied().collect();
                self.error_hint(
                    path,
                    Target::Value,
                    format!(
                        "unknown colour `{name}`: expected `#rrggbb` or a colour of `brand.palette` ({})",
                        if names.is_empty() {
                            "the palette is empty".to_owned()
                        } else {
                            names.join(", ")
                        }
                    ),
                    hint_for(name, &names),
                )
            }),
        }
    }

    fn named(&self, name: &str, fallback: Rgba) -> Rgba {
        self.palette.get(name).copied().unwrap_or(fallback)
    }

    fn ink(&self) -> Rgba {
        self.named("ink", Rgba::BLACK)
    }

    fn accent(&self) -> Rgba {
        self.palette.get("accent").copied().unwrap_or_else(|| self.ink())
    }

    /// The face for `font` (written at `path`), or for the role `default_role` when absent.
    fn font(&self, font: Option<&FontRef>, path: &str, default_role: &str) -> Result<FaceId, TemplateError> {
        let roles = &self.loaded.raw.brand.fonts;
        let (spec, spec_path) = match font {
            Some(FontRef::Spec(spec)) => (spec.clone(), path.to_owned()),
            Some(FontRef::Role(role)) => self.role(role, path)?,
            None if roles.contains_key(default_role) => self.role(default_role, path)?,
            None => (FontSpec::default(), path.to_owned()),
        };
        let family = spec.family.as_deref().unwrap_or("Inter");
        let weight = spec.weight.unwrap_or(400);
        if !(100..=900).contains(&weight) {
            return Err(self.error(
                &format!("{spec_path}.weight"),
                Target::Value,
                format!("font weight {weight} is out of range: expected 100 to 900 (400 regular, 700 bold)"),
            ));
        }
        if spec.file.is_some() {
            return self.file_font(&spec, &spec_path);
        }
        for (field, given) in [
            ("index", spec.index.is_some()),
            ("instance", spec.instance.is_some()),
        ] {
            if given {
                return Err(self.error(
                    &format!("{spec_path}.{field}"),
                    Target::Key,
                    format!("`{field}` chooses a face of a font file: it needs `file`"),
                ));
            }
        }
        let axes = self.axes(&spec, &spec_path)?;
        match self
            .fonts
            .find_with_axes(family, weight, spec.italic.unwrap_or(false), &axes)
        {
            Some(Ok(face)) => Ok(face),
            Some(Err(e)) => Err(self.axis_error(&e, &spec_path, false)),
            None => {
                let families = self.fonts.families();
                Err(self.error_hint(
                    &format!("{spec_path}.family"),
                    Target::Value,
                    format!(
                        "unknown font family `{family}`: the embedded families are {}",
                        families.join(", ")
                    ),
                    hint_for(family, &families).or_else(|| {
                        Some("a brand font file is named with `file:` in `brand.fonts`".to_owned())
                    }),
                ))
            }
        }
    }

    /// An axis error at the field of `spec_path` that caused it; `weight_sets_wght` when the
    /// spec's `weight` was given to the `wght` axis.
    fn axis_error(&self, e: &AxisError, spec_path: &str, weight_sets_wght: bool) -> TemplateError {
        let path = match e {
            AxisError::OutOfRange { tag, .. } if tag == "wght" && weight_sets_wght => {
                format!("{spec_path}.weight")
            }
            AxisError::UnknownAxis { tag, .. } | AxisError::OutOfRange { tag, .. } => {
                format!("{spec_path}.axes.{tag}")
            }
            AxisError::NotVariable { .. } => format!("{spec_path}.axes"),
        };
        self.error(&path, Target::Key, e.to_string())
    }

    /// The face of a brand font file (role `brand.fonts.…` at `spec_path`), at the instance,
    /// weight and axes the spec asks for.
    fn file_font(&self, spec: &FontSpec, spec_path: &str) -> Result<FaceId, TemplateError> {
        let file = spec.file.as_deref().unwrap_or_default();
        let Some(loaded) = spec_path
            .strip_prefix("brand.fonts.")
            .and_then(|role| self.loaded.fonts.get(role))
        else {
            return Err(self.error(
                &format!("{spec_path}.file"),
                Target::Key,
                "a font file is named once in `brand.fonts` and used by its role: write \
                 `brand: { fonts: { quote: { file: fonts/brand.ttf } } }`, then `font: quote` here"
                    .to_owned(),
            ));
        };
        if spec.family.is_some() {
            return Err(self.error(
                &format!("{spec_path}.family"),
                Target::Key,
                "give `file` or `family`, not both: a font file names its own family".to_owned(),
            ));
        }
        let base = loaded.face;
        let face = self.fonts.face(base);
        let variable = !face.axes().is_empty();
        let mut settings = Vec::new();
        if let Some(name) = &spec.instance {
            settings = self.fonts.named_instance(base, name).map_err(|names| {
                let message = if names.is_empty() {
                    format!("font `{file}` has no named instances: only a variable font has them")
                } else {
                    format!(
                        "font `{file}` has no instance named `{name}`: expected one of {}",
                        names.join(", ")
                    )
                };
                self.error(&format!("{spec_path}.instance"), Target::Value, message)
            })?;
        }
        let weight_sets_wght = spec.weight.is_some() && face.axes().iter().any(|a| &a.0 == b"wght");
        if let (Some(weight), true) = (spec.weight, weight_sets_wght) {
            settings.retain(|s| &s.0 != b"wght");
            settings.push((*b"wght", f32::from(weight)));
        }
        for (tag, value) in self.axes(spec, spec_path)? {
            settings.retain(|s| s.0 != tag);
            settings.push((tag, value));
        }
        let id = if variable {
            // The default instance of some variable fonts is their lightest: set `wght` always.
            self.fonts
                .instance(base, &settings)
                .map_err(|e| self.axis_error(&e, spec_path, weight_sets_wght))?
        } else if spec.axes.as_ref().is_some_and(|a| !a.is_empty()) {
            return Err(self.axis_error(&AxisError::NotVariable { family: face.family }, spec_path, false));
        } else {
            base
        };
        if spec.italic == Some(true) && !self.fonts.face(id).italic {
            return Err(self.error(
                &format!("{spec_path}.italic"),
                Target::Value,
                format!("font `{file}` is not italic: give its italic file a role of its own"),
            ));
        }
        Ok(id)
    }

    /// The axis values a spec gives, with their tags checked.
    fn axes(&self, spec: &FontSpec, spec_path: &str) -> Result<Vec<crate::fonts::AxisValue>, TemplateError> {
        let mut axes = Vec::new();
        for (tag, value) in spec.axes.iter().flatten() {
            let bytes: [u8; 4] = match tag.as_bytes().try_into() {
                Ok(bytes) if tag.is_ascii() => bytes,
                _ => {
                    return Err(self.error(
                        &format!("{spec_path}.axes.{tag}"),
                        Target::Key,
                        format!(
                        "axis tag `{tag}` must be four ASCII characters, e.g. `wght`, `wdth`, `slnt`, `opsz`"
                    ),
                    ))
                }
            };
            axes.push((bytes, *value));
        }
        Ok(axes)
    }

    /// How emphasised words of `node` are drawn: the accent colour unless told otherwise, in the
    /// text's own face or the same family at `emphasis_weight`.
    fn emphasis(&self, node: &Node, face: FaceId) -> Result<Emphasis, TemplateError> {
        let e = &node.e;
        let color = match &e.emphasis_color {
            Some(c) => self.color(c, &node.at("emphasis_color"))?,
            None => self.accent(),
        };
        let face = match e.emphasis_weight {
            None => face,
            Some(weight) if !(100..=900).contains(&weight) => {
                return Err(self.error(
                    &node.at("emphasis_weight"),
                    Target::Value,
                    format!("emphasis_weight {weight} is out of range: expected 100 to 900"),
                ))
            }
            Some(weight) if self.fonts.is_from_file(face) => self.file_sibling(face, weight),
            Some(weight) => {
                let base = self.fonts.face(face);
                self.fonts.find(base.family, weight, base.italic).unwrap_or(face)
            }
        };
        let opacity = self.opacity(node);
        let mark = match e.emphasis_mark {
            None | Some(Mark::None) => {
                if e.emphasis_mark_color.is_some() {
                    return Err(self.error(
                        &node.at("emphasis_mark_color"),
                        Target::Key,
                        "`emphasis_mark_color` colours the mark of `emphasis_mark: band` or `underline`, and there is none".into(),
                    ));
                }
                None
            }
            Some(mark) => {
                let color = match &e.emphasis_mark_color {
                    Some(c) => self.color(c, &node.at("emphasis_mark_color"))?,
                    // A highlighter is translucent: the words stay readable through it.
                    None if mark == Mark::Band => self.accent().faded(0.35),
                    None => self.accent(),
                };
                Some((mark, color.faded(opacity)))
            }
        };
        Ok(Emphasis {
            color: color.faded(opacity),
            face,
            mark,
        })
    }

    /// The brand font file of the same family and style as `face` closest to `weight`: the
    /// variable one set at that weight, else the static file of the nearest weight.
    fn file_sibling(&self, face: FaceId, weight: u16) -> FaceId {
        let this = self.fonts.face(face);
        let mut siblings: Vec<FaceId> = self
            .loaded
            .fonts
            .values()
            .map(|f| f.face)
            .filter(|&id| {
                let other = self.fonts.face(id);
                other.family == this.family && other.italic == this.italic
            })
            .collect();
        siblings.sort_unstable();
        siblings.dedup();
        for &id in &siblings {
            let axes = self.fonts.face(id).axes();
            if let Some(axis) = axes.iter().find(|a| &a.0 == b"wght") {
                let value = f32::from(weight).clamp(axis.1, axis.3);
                if let Ok(instance) = self.fonts.instance(id, &[(*b"wght", value)]) {
                    return instance;
                }
            }
        }
        siblings
            .into_iter()
            .min_by_key(|&id| self.fonts.face(id).weight.abs_diff(weight))
            .unwrap_or(face)
    }

    /// A role's font spec and the path it is written at.
    fn role(&self, role: &str, path: &str) -> Result<(FontSpec, String), TemplateError> {
        let roles = &self.loaded.raw.brand.fonts;
        match roles.get(role) {
            Some(FontRef::Spec(spec)) => Ok((spec.clone(), format!("brand.fonts.{role}"))),
            Some(FontRef::Role(other)) => Err(self.error(
                &format!("brand.fonts.{role}"),
                Target::Value,
                format!(
                    "font role `{role}` refers to `{other}`: a role must give a family, e.g. `{{ family: Inter, weight: 700 }}`"
                ),
            )),
            None => {
                let names: Vec<&str> = roles.keys().map(String::as_str).collect();
                Err(self.error_hint(
                    path,
                    Target::Value,
                    format!(
                        "unknown font role `{role}`: expected a role of `brand.fonts` ({}) or `{{ family: …, weight: … }}`",
                        if names.is_empty() { "none defined".to_owned() } else { names.join(", ") }
                    ),
                    hint_for(role, &names),
                ))
            }
        }
    }

    fn px(&self, length: Length, reference: f32) -> f32 {
        length.to_px(reference, self.canvas, self.format.scale)
    }

    /// A non-axis length (font size, gap, radius): `%` is of the box's shorter side.
    fn px_free(&self, length: Length, area: Rect) -> f32 {
        self.px(length, area.w.min(area.h))
    }

    fn area(&self, e: &RawElement) -> Rect {
        match e.area.unwrap_or(Area::Safe) {
            Area::Safe => self.safe,
            Area::Canvas => Rect {
                x: 0.0,
                y: 0.0,
                w: self.canvas.0,
                h: self.canvas.1,
            },
        }
    }

    /// Resolves the box from any two of left/right/width (and top/bottom/height). `aspect`
    /// (width / height) fills in a missing dimension; `anchor` places a box that has only a size.
    fn rect(&self, e: &RawElement, aspect: Option<f32>) -> Rect {
        let area = self.area(e);
        let set = |l: Option<Length>| l.filter(|l| *l != Length::Auto);
        let (left, right, top, bottom) = (set(e.left), set(e.right), set(e.top), set(e.bottom));
        let mut w = set(e.width).map(|l| self.px(l, area.w));
        let mut h = set(e.height).map(|l| self.px(l, area.h));
        if let Some(aspect) = aspect {
            match (w, h) {
                (None, Some(h_px)) if left.is_none() || right.is_none() => w = Some(h_px * aspect),
                (Some(w_px), None) if top.is_none() || bottom.is_none() => h = Some(w_px / aspect),
                _ => {}
            }
        }
        let anchor = e.anchor.unwrap_or(Anchor::Center);
        let h_share = match anchor.align() {
            Align::Left => 0.0,
            Align::Center => 0.5,
            Align::Right => 1.0,
        };
        let v_share = match anchor.valign() {
            super::raw::VAlign::Top => 0.0,
            super::raw::VAlign::Center => 0.5,
            super::raw::VAlign::Bottom => 1.0,
        };
        let axis = |start: Option<Length>,
                    end: Option<Length>,
                    size: Option<f32>,
                    extent: f32,
                    share: f32|
         -> (f32, f32) {
            let start = start.map(|l| self.px(l, extent));
            let end = end.map(|l| self.px(l, extent));
            match (start, end, size) {
                (Some(s), _, Some(size)) => (s, size),
                (None, Some(e), Some(size)) => (extent - e - size, size),
                (Some(s), Some(e), None) => (s, (extent - s - e).max(0.0)),
                (Some(s), None, None) => (s, (extent - s).max(0.0)),
                (None, Some(e), None) => (0.0, (extent - e).max(0.0)),
                (None, None, Some(size)) => ((extent - size) * share, size),
                (None, None, None) => (0.0, extent),
            }
        };
        let (x, w) = axis(left, right, w, area.w, h_share);
        let (y, h) = axis(top, bottom, h, area.h, v_share);
        Rect {
            x: area.x + x,
            y: area.y + y,
            w,
            h,
        }
    }

    /// The named style a text element uses, and the path of its definition.
    fn style_of(
        &self,
        node: &Node,
        default: Option<&str>,
    ) -> Result<Option<(&'a RawTextStyle, String)>, TemplateError> {
        let styles = &self.loaded.raw.styles;
        match &node.e.style {
            Some(name) => match styles.get(name) {
                Some(style) => Ok(Some((style, format!("styles.{name}")))),
                None => {
                    let names: Vec<&str> = styles.keys().map(String::as_str).collect();
                    Err(self.error_hint(
                        &node.at("style"),
                        Target::Value,
                        format!(
                            "unknown text style `{name}`: expected a style of `styles:` ({})",
                            if names.is_empty() {
                                "none defined".to_owned()
                            } else {
                                names.join(", ")
                            }
                        ),
                        hint_for(name, &names),
                    ))
                }
            },
            None => {
                let by_id = node.e.id.as_deref().filter(|id| styles.contains_key(*id));
                let name = by_id.or(default.filter(|d| styles.contains_key(*d)));
                Ok(name.map(|n| (&styles[n], format!("styles.{n}"))))
            }
        }
    }

    /// Fills the text fields `node` lacks from its named style, recording where each came from.
    fn with_style(&self, node: &mut Node, default_style: Option<&str>) -> Result<(), TemplateError> {
        let Some((style, style_path)) = self.style_of(node, default_style)? else {
            return Ok(());
        };
        macro_rules! inherit {
            ($($field:ident),*) => {$(
                if node.e.$field.is_none() && style.$field.is_some() {
                    node.e.$field = style.$field.clone();
                    node.origins.insert(stringify!($field), format!("{style_path}.{}", stringify!($field)));
                }
            )*};
        }
        inherit!(
            font,
            size,
            line_height,
            letter_spacing,
            color,
            align,
            case,
            max_lines,
            hanging_punctuation,
            emphasis_color,
            emphasis_weight,
            emphasis_mark,
            emphasis_mark_color,
            shadow
        );
        Ok(())
    }

    fn text_style(
        &mut self,
        node: &Node,
        area: Rect,
        default_role: &str,
        default_size: SizeRange,
        is_quote: bool,
    ) -> Result<TextStyle, TemplateError> {
        let e = &node.e;
        let size = e.size.unwrap_or(default_size);
        let (min_size, max_size) = (self.px_free(size.min, area), self.px_free(size.max, area));
        if !(min_size > 0.0 && max_size >= min_size) {
            return Err(self.error(
                &node.at("size"),
                Target::Value,
                format!(
                    "text size range {min_size:.0}–{max_size:.0} px is empty on `{}`: `min` must be positive and not above `max`",
                    self.format.id
                ),
            ));
        }
        // Fitting tries sizes in half-pixel steps: round the minimum down so it is never exceeded.
        let min_size = ((min_size * 2.0).floor() / 2.0).max(0.5);
        let face = self.font(e.font.as_ref(), &node.at("font"), default_role)?;
        // Without an explicit value, lines are spaced as the font's designer intended.
        let line_height = e
            .line_height
            .unwrap_or_else(|| (self.fonts.face(face).natural_line_height() * 100.0).round() / 100.0);
        if !(0.5..=4.0).contains(&line_height) {
            return Err(self.error(
                &node.at("line_height"),
                Target::Value,
                format!("line_height {line_height} is out of range: expected a multiple of the font size between 0.5 and 4"),
            ));
        }
        let letter_spacing = match e.letter_spacing {
            None => 0.0,
            Some(LetterSpacing::Em(em)) => em,
            Some(LetterSpacing::Length(l)) => self.px_free(l, area) / max_size,
        };
        if !(-0.2..=1.0).contains(&letter_spacing) {
            return Err(self.error(
                &node.at("letter_spacing"),
                Target::Value,
                format!("letter_spacing of {letter_spacing:.2} em is out of range: expected -0.2em to 1em"),
            ));
        }
        let readable = if is_quote {
            READABLE_QUOTE_PX
        } else {
            READABLE_TEXT_PX
        } * self.canvas.0
            / 1080.0;
        // A 2 % allowance keeps `4.4vmin` on a 1080 px card (47.5 px) from tripping a 48 px line.
        if min_size < readable * 0.98 {
            let d = self.loaded.error(
                &node.at("size"),
                Target::Value,
                format!(
                    "text {} can be set as small as {:.0} px on `{}` ({}×{}): below {:.0} px it is hard to read on a phone",
                    node.label(),
                    min_size / self.format.scale,
                    self.format.id,
                    (self.canvas.0 / self.format.scale).round(),
                    (self.canvas.1 / self.format.scale).round(),
                    readable / self.format.scale
                ),
            );
            let mut d =
                d.with_hint("raise the `min` size, or give this format a larger size under `formats:`");
            d.severity = crate::diagnostic::Severity::Warning;
            self.warnings.push(d);
        }
        Ok(TextStyle {
            face,
            min_size,
            max_size,
            line_height,
            letter_spacing,
            color: match &e.color {
                Some(c) => self.color(c, &node.at("color"))?,
                None => self.ink(),
            }
            .faded(self.opacity(node)),
            align: e.align.unwrap_or(Align::Left),
            case: e.case.unwrap_or(Case::None),
            max_lines: e.max_lines,
            hanging: e.hanging_punctuation.unwrap_or_default(),
            element: node.path.clone(),
            emphasis: Some(self.emphasis(node, face)?),
            finish: TextFinish {
                shadow: self.shadow(node, area)?,
                id: e.id.clone(),
                decorative: e.contrast == Some(ContrastCheck::Ignore),
            },
        })
    }

    /// Checks placeholders and fills in the brand's `{url}` and `{hashtags}`.
    fn text(&self, node: &Node) -> Result<String, TemplateError> {
        let text = node.e.text.clone().unwrap_or_default();
        if let Some(name) = unknown_placeholders(&text).first() {
            return Err(self.error_hint(
                &node.at("text"),
                Target::Value,
                format!(
                    "unknown placeholder `{{{name}}}`: expected one of {}",
                    PLACEHOLDERS
                        .iter()
                        .map(|p| format!("{{{p}}}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                closest(name, PLACEHOLDERS).map(|c| format!("did you mean `{{{c}}}`?")),
            ));
        }
        let brand = &self.loaded.raw.brand;
        let mut missing = None;
        let expanded = substitute(
            &text,
            &|name| match name {
                "url" => Some(brand.url.clone().unwrap_or_default()),
                "hashtags" => Some(
                    brand
                        .hashtags
                        .iter()
                        .flatten()
                        .map(|t| {
                            if t.starts_with('#') {
                                t.clone()
                            } else {
                                format!("#{t}")
                            }
                        })
                        .collect::<Vec<_>>()
                        .join(" "),
                ),
                _ => None,
            },
            true,
        );
        if text.contains("{url}") && brand.url.is_none() {
            missing = Some(("url", "url: example.org"));
        } else if text.contains("{hashtags}") && brand.hashtags.is_none() {
            missing = Some(("hashtags", "hashtags: [\"#interview\"]"));
        }
        if let Some((name, example)) = missing {
            return Err(self.error_hint(
                &node.at("text"),
                Target::Value,
                format!("`{{{name}}}` is used but the template's `brand:` has no `{name}`"),
                Some(format!("add `{example}` under `brand:`")),
            ));
        }
        Ok(expanded)
    }

    /// Applies the format's overrides to `e`, found at `path`.
    fn effective(&self, e: &RawElement, path: &str) -> Node {
        let mut node = Node {
            e: e.clone(),
            path: path.to_owned(),
            origins: BTreeMap::new(),
        };
        if let Some(id) = &e.id {
            for (key, patches) in &self.overrides {
                if let Some(patch) = patches.get(id) {
                    for field in node.e.merge(patch) {
                        node.origins.insert(field, format!("formats.{key}.{id}.{field}"));
                    }
                }
            }
            for (prefix, patches) in self.variant.iter().flat_map(|(_, layers)| layers) {
                if let Some(patch) = patches.get(id) {
                    for field in node.e.merge(patch) {
                        node.origins.insert(field, format!("{prefix}.{id}.{field}"));
                    }
                }
            }
        }
        node
    }

    /// The element's opacity, 0..=1.
    fn opacity(&self, node: &Node) -> f32 {
        node.e.opacity.map_or(1.0, |o| o.0)
    }

    /// The line along the inside of the element's edge.
    fn stroke(&self, node: &Node, rect: Rect) -> Result<Option<Stroke>, TemplateError> {
        let Some(stroke) = &node.e.stroke else {
            return Ok(None);
        };
        let path = node.at("stroke");
        let width = self.px_free(stroke.width, rect);
        if width.is_nan() || width <= 0.0 || width > rect.w.min(rect.h) / 2.0 {
            return Err(self.error(
                &format!("{path}.width"),
                Target::Value,
                format!(
                    "stroke width {width:.1} px does not suit a box of {:.0} × {:.0} px on `{}`: expected more than 0 and at most half the shorter side",
                    rect.w, rect.h, self.format.id
                ),
            ));
        }
        let color = match &stroke.color {
            Some(c) => self.color(c, &format!("{path}.color"))?,
            None => self.accent(),
        };
        Ok(Some(Stroke {
            width,
            color: color.faded(self.opacity(node)),
        }))
    }

    /// The soft shadow behind the element.
    fn shadow(&self, node: &Node, area: Rect) -> Result<Option<Shadow>, TemplateError> {
        let Some(shadow) = &node.e.shadow else {
            return Ok(None);
        };
        let path = node.at("shadow");
        let [dx, dy] = shadow.offset.unwrap_or([Length::Px(0.0), Length::Vmin(0.8)]);
        let blur = self.px_free(shadow.blur.unwrap_or(Length::Vmin(1.5)), area);
        // Beyond this the blur costs time and shows nothing but a faint haze.
        let most = self.canvas.0.min(self.canvas.1) / 10.0;
        if !(0.0..=most).contains(&blur) {
            return Err(self.error(
                &format!("{path}.blur"),
                Target::Value,
                format!(
                    "shadow blur of {blur:.0} px is out of range on `{}`: expected 0 to {most:.0} px (10vmin)",
                    self.format.id
                ),
            ));
        }
        let color = match &shadow.color {
            Some(c) => self.color(c, &format!("{path}.color"))?,
            None => Rgba([0, 0, 0, 90]),
        };
        Ok(Some(Shadow {
            offset: (self.px_free(dx, area), self.px_free(dy, area)),
            blur,
            color: color.faded(self.opacity(node)),
        }))
    }

    /// Records the relative placement `node` asks for, if any, for `elements[index]`.
    fn relation(
        &mut self,
        node: &Node,
        kind: ElementKind,
        index: usize,
        rect: Rect,
    ) -> Result<(), TemplateError> {
        let asked: Vec<(Side, &str, &String)> = [
            (Side::Below, "below", &node.e.below),
            (Side::Above, "above", &node.e.above),
            (Side::RightOf, "right_of", &node.e.right_of),
        ]
        .into_iter()
        .filter_map(|(side, field, target)| target.as_ref().map(|t| (side, field, t)))
        .collect();
        if let Some((_, field, _)) = asked.get(1) {
            return Err(self.error(
                &node.at(field),
                Target::Key,
                "an element is placed against one other: give one of `below`, `above` and `right_of`".into(),
            ));
        }
        let Some(&(side, field, target)) = asked.first() else {
            if node.e.gap.is_some() && kind != ElementKind::Stack {
                return Err(self.error(
                    &node.at("gap"),
                    Target::Key,
                    "`gap` is the space from the element named by `below`, `above` or `right_of`, and there is none".into(),
                ));
            }
            return Ok(());
        };
        let e = &node.e;
        let set = |l: Option<Length>| l.is_some_and(|l| l != Length::Auto);
        let sized = match side {
            Side::Below | Side::Above => set(e.height),
            Side::RightOf => set(e.width),
        };
        let gap = e.gap.map_or(0.0, |g| self.px_free(g, rect));
        self.relations.push((
            Relation {
                element: index,
                target: target.clone(),
                side,
                gap,
                sized,
            },
            node.at(field),
        ));
        Ok(())
    }
}

/// The fields each element type accepts besides `type`, `id` and `visible`.
pub fn allowed_fields(kind: ElementKind) -> &'static [&'static str] {
    const BOX: [&str; 8] = [
        "area", "anchor", "left", "top", "right", "bottom", "width", "height",
    ];
    macro_rules! boxed {
        ($($extra:literal),*) => {
            &[BOX[0], BOX[1], BOX[2], BOX[3], BOX[4], BOX[5], BOX[6], BOX[7],
              "below", "above", "right_of", "gap", "opacity", "shadow", $($extra),*]
        };
    }
    match kind {
        ElementKind::Rect => boxed!("color", "gradient", "radius", "stroke"),
        ElementKind::Circle => boxed!("color", "gradient", "stroke"),
        ElementKind::Stack => &[
            "area", "anchor", "left", "top", "right", "bottom", "width", "height", "gap", "align", "valign",
            "children",
        ],
        ElementKind::Quote => &[
            "style",
            "font",
            "size",
            "line_height",
            "letter_spacing",
            "color",
            "align",
            "case",
            "max_lines",
            "hanging_punctuation",
            "space_before",
            "emphasis_color",
            "emphasis_weight",
            "emphasis_mark",
            "emphasis_mark_color",
            "shadow",
            "opacity",
            "contrast",
        ],
        ElementKind::Ornament => &[
            "style",
            "font",
            "size",
            "color",
            "glyph",
            "space_before",
            "opacity",
            "contrast",
        ],
        ElementKind::Text => boxed!(
            "text",
            "style",
            "font",
            "size",
            "line_height",
            "letter_spacing",
            "color",
            "align",
            "valign",
            "case",
            "max_lines",
            "hanging_punctuation",
            "space_before",
            "emphasis_color",
            "emphasis_weight",
            "emphasis_mark",
            "emphasis_mark_color",
            "contrast"
        ),
        ElementKind::Rule => &["width", "height", "color", "space_before", "opacity"],
        ElementKind::Logo => boxed!("align", "valign", "stroke"),
        ElementKind::Image => boxed!("src", "fit", "radius", "align", "valign", "stroke", "focus"),
        ElementKind::Photo => {
            boxed!("shape", "radius", "fallback", "color", "style", "font", "stroke", "focus")
        }
        ElementKind::Spacer => &["height"],
    }
}

pub(super) fn resolve(
    template: &Template,
    format: &Format,
    fonts: &FontBook,
) -> Result<Layout, TemplateError> {
    let mut layout = resolve_one(template, format, fonts, None)?;
    for (i, variant) in template.loaded.raw.variants.iter().flatten().enumerate() {
        let mut layers = vec![(format!("variants.{i}.elements"), &variant.elements)];
        for key in ["all", format.shape().key(), format.id] {
            if let Some(patches) = variant.formats.get(key) {
                layers.push((format!("variants.{i}.formats.{key}"), patches));
            }
        }
        let mut arranged = resolve_one(template, format, fonts, Some((i, layers)))?;
        layout.warnings.append(&mut arranged.warnings);
        let chars = variant.when.chars.unwrap_or_default();
        layout.variants.push(Variant {
            name: variant
                .name
                .clone()
                .unwrap_or_else(|| format!("variant {}", i + 1)),
            min_chars: chars.min.map(|m| m as usize),
            max_chars: chars.max.map(|m| m as usize),
            layout: Box::new(arranged),
        });
    }
    Ok(layout)
}

fn resolve_one(
    template: &Template,
    format: &Format,
    fonts: &FontBook,
    variant: Option<VariantLayers<'_>>,
) -> Result<Layout, TemplateError> {
    let loaded = &template.loaded;
    let raw = &loaded.raw;
    let palette = check_structure(loaded)?;
    let mut overrides = Vec::new();
    for key in ["all", format.shape().key(), format.id] {
        if let Some((k, o)) = raw.formats.get_key_value(key) {
            overrides.push((k.as_str(), o));
        }
    }
    let (sx, sy, sw, sh) = format.safe_area();
    let mut resolver = Resolver {
        loaded,
        format,
        fonts,
        palette,
        canvas: (format.width as f32, format.height as f32),
        safe: Rect {
            x: sx,
            y: sy,
            w: sw,
            h: sh,
        },
        overrides,
        quotes: 0,
        warnings: Vec::new(),
        variant,
        ids: Vec::new(),
        relations: Vec::new(),
    };
    let locale = match &raw.locale {
        None => Locale::default(),
        Some(tags) => Locale::from_tags(tags.values()).map_err(|tag| {
            TemplateError(Box::new(loaded.error(
                "locale",
                Target::Value,
                format!(
                    "unknown locale `{tag}`: expected one of {}",
                    Locale::TAGS.join(", ")
                ),
            )))
        })?,
    };
    let (background, mut elements) = resolver.background()?;
    for (i, e) in raw.elements.iter().flatten().enumerate() {
        if let Some(element) = resolver.element(e, &format!("elements.{i}"), elements.len())? {
            elements.push(element);
        }
    }
    if resolver.quotes != 1 {
        return Err(TemplateError(Box::new(
            loaded
                .error(
                    "elements",
                    Target::Key,
                    format!(
                        "the template draws {} quotes on format `{}`: expected exactly one `quote` element inside a `stack`",
                        resolver.quotes, format.id
                    ),
                )
                .with_hint("a per-format `visible: false` may have hidden it"),
        )));
    }
    resolver.check_relations()?;
    Ok(Layout {
        template: template.name.clone(),
        format: format.clone(),
        background,
        safe: resolver.safe,
        elements,
        warnings: resolver.warnings,
        locale,
        relations: resolver.relations.into_iter().map(|(r, _)| r).collect(),
        ids: resolver.ids,
        variants: Vec::new(),
    })
}

impl Resolver<'_> {
    /// Every relative placement names an element drawn on this format, and none depends on itself.
    fn check_relations(&self) -> Result<(), TemplateError> {
        let slot = |id: &str| self.ids.iter().find(|(i, _)| i == id).map(|(_, s)| *s);
        for (relation, path) in &self.relations {
            if slot(&relation.target).is_none() {
                let mut all = Vec::new();
                structure::element_ids(
                    self.loaded.raw.elements.as_deref().unwrap_or(&[]),
                    "elements",
                    &mut all,
                );
                let names: Vec<&str> = all.iter().map(|(id, _)| id.as_str()).collect();
                let hidden = names.contains(&relation.target.as_str());
                let message = if hidden {
                    format!(
                        "{} is placed against `{}`, which is not drawn on format `{}`",
                        self.label_of(relation.element),
                        relation.target,
                        self.format.id
                    )
                } else {
                    format!(
                        "unknown element id `{}`: expected the id of another element ({})",
                        relation.target,
                        names.join(", ")
                    )
                };
                return Err(self.error_hint(
                    path,
                    Target::Value,
                    message,
                    if hidden {
                        Some("a per-format or variant `visible: false` hides it; place the element against another there".into())
                    } else {
                        hint_for(&relation.target, &names)
                    },
                ));
            }
            // Follow the chain of placements: coming back to the start is a cycle.
            let mut chain = vec![self.label_of(relation.element)];
            let mut current = relation;
            while let Some(Slot::Element(target)) = slot(&current.target) {
                chain.push(format!("`{}`", current.target));
                if target == relation.element {
                    return Err(self.error_hint(
                        path,
                        Target::Value,
                        format!("placement makes a cycle: {}", chain.join(" → ")),
                        Some(
                            "an element cannot be placed against itself, directly or through another element"
                                .into(),
                        ),
                    ));
                }
                match self.relations.iter().find(|(r, _)| r.element == target) {
                    Some((next, _)) if chain.len() <= self.relations.len() + 1 => current = next,
                    _ => break,
                }
            }
        }
        Ok(())
    }

    /// The id of `elements[index]`, for messages.
    fn label_of(&self, index: usize) -> String {
        self.ids
            .iter()
            .find(|(_, s)| *s == Slot::Element(index))
            .map_or_else(|| format!("element {index}"), |(id, _)| format!("`{id}`"))
    }
}

/// Resolves the template for every built-in format so mistakes surface when it is loaded.
pub(super) fn check_static(template: &Template) -> Result<(), TemplateError> {
    let fonts = FontBook::embedded();
    for format in FORMATS {
        resolve(template, format, fonts)?;
    }
    Ok(())
}
