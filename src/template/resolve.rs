//! Resolves a template for one format: applies per-format overrides, turns lengths into pixels,
//! names into colours and fonts, and checks that every field fits its element.

use super::content::{unknown_placeholders, PLACEHOLDERS};
use super::format::{Format, FORMATS};
use super::layout::{Element, Emphasis, Layout, Rect, Stack, StackChild, TextStyle};
use super::raw::{Align, Area, Case, ElementKind, RawElement, VAlign};
use super::suggest::did_you_mean;
use super::values::{ColorRef, FontRef, FontSpec, Length, Rgba, SizeRange};
use super::{Template, TemplateError};
use crate::diagnostic::Diagnostic;
use crate::typeset::fonts::AxisError;
use crate::typeset::typography::Locale;
use crate::typeset::{FaceId, FontBook};
use std::collections::BTreeMap;
use std::path::Path;

/// An error about `needle` (a value the user wrote), located at its first occurrence in `source`.
pub(super) fn located_error(source: &str, file: &Path, needle: &str, message: String) -> TemplateError {
    let mut diagnostic = Diagnostic::error(message).in_file(file);
    if let Some((line, column)) = locate(source, needle) {
        diagnostic = diagnostic.at(line, column).with_source(source);
    }
    TemplateError(Box::new(diagnostic))
}

/// 1-based line and column of the first occurrence of `needle` outside comments.
fn locate(source: &str, needle: &str) -> Option<(usize, usize)> {
    if needle.is_empty() {
        return None;
    }
    for (i, line) in source.lines().enumerate() {
        let code = line.split(" #").next().unwrap_or(line);
        if let Some(at) = code.find(needle) {
            return Some((i + 1, code[..at].chars().count() + 1));
        }
    }
    None
}

/// The fields each element type accepts besides `type`, `id` and `visible`.
fn allowed_fields(kind: ElementKind) -> &'static [&'static str] {
    match kind {
        ElementKind::Rect => &[
            "area", "left", "top", "right", "bottom", "width", "height", "color", "radius",
        ],
        ElementKind::Stack => &[
            "area", "left", "top", "right", "bottom", "width", "height", "gap", "align", "valign", "children",
        ],
        ElementKind::Quote => &[
            "font",
            "size",
            "line_height",
            "color",
            "align",
            "case",
            "max_lines",
            "space_before",
            "emphasis_color",
            "emphasis_weight",
        ],
        ElementKind::Ornament => &["font", "size", "color", "glyph", "space_before"],
        ElementKind::Text => &[
            "area",
            "left",
            "top",
            "right",
            "bottom",
            "width",
            "height",
            "text",
            "font",
            "size",
            "line_height",
            "color",
            "align",
            "valign",
            "case",
            "max_lines",
            "space_before",
            "emphasis_color",
            "emphasis_weight",
        ],
        ElementKind::Rule => &["width", "height", "color", "space_before"],
        ElementKind::Logo => &[
            "area", "left", "top", "right", "bottom", "width", "height", "align", "valign",
        ],
        ElementKind::Spacer => &["height"],
    }
}

fn set_fields(e: &RawElement) -> Vec<&'static str> {
    let mut fields = Vec::new();
    macro_rules! check {
        ($($field:ident),*) => {$(
            if e.$field.is_some() {
                fields.push(stringify!($field));
            }
        )*};
    }
    check!(
        area,
        left,
        top,
        right,
        bottom,
        width,
        height,
        color,
        radius,
        gap,
        align,
        valign,
        children,
        text,
        font,
        size,
        line_height,
        case,
        max_lines,
        space_before,
        glyph,
        emphasis_color,
        emphasis_weight
    );
    fields
}

fn kind_name(kind: ElementKind) -> &'static str {
    match kind {
        ElementKind::Rect => "rect",
        ElementKind::Stack => "stack",
        ElementKind::Quote => "quote",
        ElementKind::Ornament => "ornament",
        ElementKind::Text => "text",
        ElementKind::Rule => "rule",
        ElementKind::Logo => "logo",
        ElementKind::Spacer => "spacer",
    }
}

/// Everything resolution needs besides the element being resolved.
struct Resolver<'a> {
    template: &'a Template,
    format: &'a Format,
    fonts: &'a FontBook,
    palette: BTreeMap<&'a str, Rgba>,
    canvas: (f32, f32),
    safe: Rect,
    overrides: Vec<&'a BTreeMap<String, RawElement>>,
    quotes: usize,
}

impl<'a> Resolver<'a> {
    fn error(&self, needle: &str, message: String) -> TemplateError {
        located_error(
            &self.template.source,
            &self.template.origin.display_path(),
            needle,
            message,
        )
    }

    /// Where to point for a problem with element `e`: its id, else its type.
    fn element_needle(e: &RawElement) -> String {
        match (&e.id, e.kind) {
            (Some(id), _) => format!("id: {id}"),
            (None, Some(kind)) => format!("type: {}", kind_name(kind)),
            (None, None) => String::new(),
        }
    }

    fn color(&self, color: &ColorRef) -> Result<Rgba, TemplateError> {
        match color {
            ColorRef::Literal(c) => Ok(*c),
            ColorRef::Palette(name) => {
                self.palette.get(name.as_str()).copied().ok_or_else(|| {
                    let names: Vec<&str> = self.palette.keys().copied().collect();
                    self.error(
                        name,
                        format!(
                        "unknown colour `{name}`: expected `#rrggbb` or one of the palette's colours ({}){}",
                        if names.is_empty() { "the palette is empty".to_owned() } else { names.join(", ") },
                        did_you_mean(name, &names)
                    ),
                    )
                })
            }
        }
    }

    fn default_color(&self) -> Rgba {
        self.palette.get("ink").copied().unwrap_or(Rgba::BLACK)
    }

    fn font(&self, font: Option<&FontRef>, default_role: &str) -> Result<FaceId, TemplateError> {
        let spec = match font {
            Some(FontRef::Spec(spec)) => spec.clone(),
            Some(FontRef::Role(role)) => self.role(role)?,
            None => match self.template.raw.fonts.get(default_role) {
                Some(_) => self.role(default_role)?,
                None => FontSpec {
                    family: None,
                    weight: None,
                    italic: None,
                    axes: None,
                },
            },
        };
        let family = spec.family.as_deref().unwrap_or("Inter");
        let weight = spec.weight.unwrap_or(400);
        if !(1..=1000).contains(&weight) {
            return Err(self.error(
                &weight.to_string(),
                format!("font weight {weight} is out of range: expected 100 to 900"),
            ));
        }
        let mut axes = Vec::new();
        for (tag, value) in spec.axes.iter().flatten() {
            let bytes: [u8; 4] = match tag.as_bytes().try_into() {
                Ok(bytes) if tag.is_ascii() => bytes,
                _ => {
                    return Err(self.error(
                        &format!("{tag}:"),
                        format!(
                        "axis tag `{tag}` must be four ASCII characters, e.g. `wght`, `wdth`, `slnt`, `opsz`"
                    ),
                    ))
                }
            };
            axes.push((bytes, *value));
        }
        match self
            .fonts
            .find_with_axes(family, weight, spec.italic.unwrap_or(false), &axes)
        {
            Some(Ok(face)) => Ok(face),
            Some(Err(e)) => {
                let needle = match &e {
                    AxisError::UnknownAxis { tag, .. } | AxisError::OutOfRange { tag, .. } => {
                        format!("{tag}:")
                    }
                    AxisError::NotVariable { .. } => "axes:".to_owned(),
                };
                Err(self.error(&needle, format!("{e}")))
            }
            None => {
                let families = self.fonts.families();
                Err(self.error(
                    family,
                    format!(
                        "unknown font family `{family}`: the embedded families are {}{}",
                        families.join(", "),
                        did_you_mean(family, &families)
                    ),
                ))
            }
        }
    }

    fn role(&self, role: &str) -> Result<FontSpec, TemplateError> {
        match self.template.raw.fonts.get(role) {
            Some(FontRef::Spec(spec)) => Ok(spec.clone()),
            Some(FontRef::Role(other)) => Err(self.error(
                other,
                format!("font role `{role}` refers to `{other}`: a role must give a family, e.g. `{{ family: Inter, weight: 700 }}`"),
            )),
            None => {
                let roles: Vec<&str> = self.template.raw.fonts.keys().map(String::as_str).collect();
                Err(self.error(
                    role,
                    format!(
                        "unknown font role `{role}`: expected one of the template's `fonts:` ({}) or `{{ family: …, weight: … }}`{}",
                        roles.join(", "),
                        did_you_mean(role, &roles)
                    ),
                ))
            }
        }
    }

    fn px(&self, length: Length, reference: f32) -> f32 {
        length.to_px(reference, self.canvas)
    }

    /// A non-axis length (font size, gap, radius): `%` is of the area's shorter side.
    fn px_free(&self, length: Length, area: Rect) -> f32 {
        length.to_px(area.w.min(area.h), self.canvas)
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
    /// (width / height) fills in a missing dimension for images.
    fn rect(&self, e: &RawElement, aspect: Option<f32>) -> Rect {
        let area = self.area(e);
        let mut w = e.width.map(|l| self.px(l, area.w));
        let mut h = e.height.map(|l| self.px(l, area.h));
        if let Some(aspect) = aspect {
            match (w, h) {
                (None, Some(h_px)) if e.left.is_none() || e.right.is_none() => w = Some(h_px * aspect),
                (Some(w_px), None) if e.top.is_none() || e.bottom.is_none() => h = Some(w_px / aspect),
                _ => {}
            }
        }
        let axis =
            |start: Option<Length>, end: Option<Length>, size: Option<f32>, extent: f32| -> (f32, f32) {
                let start = start.map(|l| self.px(l, extent));
                let end = end.map(|l| self.px(l, extent));
                match (start, end, size) {
                    (Some(s), _, Some(size)) => (s, size),
                    (None, Some(e), Some(size)) => (extent - e - size, size),
                    (Some(s), Some(e), None) => (s, (extent - s - e).max(0.0)),
                    (Some(s), None, None) => (s, (extent - s).max(0.0)),
                    (None, Some(e), None) => (0.0, (extent - e).max(0.0)),
                    (None, None, Some(size)) => ((extent - size) / 2.0, size),
                    (None, None, None) => (0.0, extent),
                }
            };
        let (x, w) = axis(e.left, e.right, w, area.w);
        let (y, h) = axis(e.top, e.bottom, h, area.h);
        Rect {
            x: area.x + x,
            y: area.y + y,
            w,
            h,
        }
    }

    fn text_style(
        &self,
        e: &RawElement,
        area: Rect,
        defaults: (&str, SizeRange),
    ) -> Result<TextStyle, TemplateError> {
        let (role, default_size) = defaults;
        let size = e.size.unwrap_or(default_size);
        let (min_size, max_size) = (self.px_free(size.min, area), self.px_free(size.max, area));
        if !(min_size > 0.0 && max_size >= min_size) {
            return Err(self.error(
                "size:",
                format!("text size range {min_size:.0}–{max_size:.0} px is empty: `min` must be positive and not above `max`"),
            ));
        }
        let face = self.font(e.font.as_ref(), role)?;
        // Without an explicit value, lines are spaced as the font's designer intended.
        let line_height = e
            .line_height
            .unwrap_or_else(|| (self.fonts.face(face).natural_line_height() * 100.0).round() / 100.0);
        if !(0.5..=4.0).contains(&line_height) {
            return Err(self.error("line_height", format!("line_height {line_height} is out of range: expected a multiple of the font size between 0.5 and 4")));
        }
        Ok(TextStyle {
            face,
            min_size,
            max_size,
            line_height,
            color: e
                .color
                .as_ref()
                .map(|c| self.color(c))
                .transpose()?
                .unwrap_or_else(|| self.default_color()),
            align: e.align.unwrap_or(Align::Left),
            case: e.case.unwrap_or(Case::None),
            max_lines: e.max_lines,
            emphasis: Some(self.emphasis(e, face)?),
        })
    }

    /// How emphasised words of `e` are drawn: the accent colour unless told otherwise, in the
    /// text's own face or the same family at `emphasis_weight`.
    fn emphasis(&self, e: &RawElement, face: FaceId) -> Result<Emphasis, TemplateError> {
        let color = match &e.emphasis_color {
            Some(c) => self.color(c)?,
            None => self
                .palette
                .get("accent")
                .copied()
                .unwrap_or_else(|| self.default_color()),
        };
        let face = match e.emphasis_weight {
            None => face,
            Some(weight) if !(1..=1000).contains(&weight) => {
                return Err(self.error(
                    "emphasis_weight",
                    format!("emphasis_weight {weight} is out of range: expected 100 to 900"),
                ))
            }
            Some(weight) => {
                let base = self.fonts.face(face);
                self.fonts.find(base.family, weight, base.italic).unwrap_or(face)
            }
        };
        Ok(Emphasis { color, face })
    }

    fn check_text(&self, text: &str) -> Result<(), TemplateError> {
        if let Some(name) = unknown_placeholders(text).first() {
            return Err(self.error(
                &format!("{{{name}}}"),
                format!(
                    "unknown placeholder `{{{name}}}`: expected one of {}{}",
                    PLACEHOLDERS
                        .iter()
                        .map(|p| format!("{{{p}}}"))
                        .collect::<Vec<_>>()
                        .join(", "),
                    did_you_mean(name, PLACEHOLDERS)
                ),
            ));
        }
        Ok(())
    }

    /// Applies the format's overrides to `e`.
    fn effective(&self, e: &RawElement) -> RawElement {
        let mut merged = e.clone();
        if let Some(id) = &e.id {
            for overrides in &self.overrides {
                if let Some(patch) = overrides.get(id) {
                    merged.merge(patch);
                }
            }
        }
        merged
    }

    fn check_fields(&self, e: &RawElement) -> Result<ElementKind, TemplateError> {
        let Some(kind) = e.kind else {
            return Err(self.error(
                &Self::element_needle(e),
                "element without a `type`: expected one of rect, stack, quote, ornament, text, rule, logo, spacer".into(),
            ));
        };
        let allowed = allowed_fields(kind);
        if let Some(field) = set_fields(e).into_iter().find(|f| !allowed.contains(f)) {
            return Err(self.error(
                &format!("{field}:"),
                format!(
                    "field `{field}` does not apply to a `{}` element: expected {}",
                    kind_name(kind),
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

    fn element(&mut self, raw: &RawElement) -> Result<Option<Element>, TemplateError> {
        let e = self.effective(raw);
        let kind = self.check_fields(&e)?;
        if e.visible == Some(false) {
            return Ok(None);
        }
        let area = self.area(&e);
        let element = match kind {
            ElementKind::Rect => Element::Rect {
                rect: self.rect(&e, None),
                color: e
                    .color
                    .as_ref()
                    .map(|c| self.color(c))
                    .transpose()?
                    .unwrap_or_else(|| self.default_color()),
                radius: e.radius.map_or(0.0, |r| self.px_free(r, area)),
            },
            ElementKind::Logo => {
                let Some(image) = self.template.logo.clone() else {
                    return Err(self.error(
                        "type: logo",
                        "a `logo` element needs the template's `logo:` path".into(),
                    ));
                };
                let aspect = image.width() as f32 / image.height().max(1) as f32;
                Element::Image {
                    rect: self.rect(&e, Some(aspect)),
                    image,
                    align: e.align.unwrap_or(if e.right.is_some() && e.left.is_none() {
                        Align::Right
                    } else {
                        Align::Left
                    }),
                    valign: e.valign.unwrap_or(if e.bottom.is_some() && e.top.is_none() {
                        VAlign::Bottom
                    } else {
                        VAlign::Top
                    }),
                }
            }
            ElementKind::Text => {
                let text = e.text.clone().unwrap_or_default();
                self.check_text(&text)?;
                Element::Text {
                    rect: self.rect(&e, None),
                    style: self.text_style(
                        &e,
                        area,
                        (
                            "body",
                            SizeRange {
                                min: Length::Vmin(3.0),
                                max: Length::Vmin(3.0),
                            },
                        ),
                    )?,
                    text,
                    valign: e.valign.unwrap_or(VAlign::Top),
                }
            }
            ElementKind::Stack => {
                let rect = self.rect(&e, None);
                let mut children = Vec::new();
                for child in e.children.as_deref().unwrap_or_default() {
                    if let Some(c) = self.stack_child(child, rect)? {
                        children.push(c);
                    }
                }
                Element::Stack(Stack {
                    rect,
                    gap: e.gap.map_or(0.0, |g| self.px_free(g, rect)),
                    align: e.align.unwrap_or(Align::Left),
                    valign: e.valign.unwrap_or(VAlign::Top),
                    children,
                })
            }
            ElementKind::Quote | ElementKind::Ornament | ElementKind::Rule | ElementKind::Spacer => {
                return Err(self.error(
                    &Self::element_needle(&e),
                    format!(
                        "a `{}` element belongs inside a `stack`'s `children`",
                        kind_name(kind)
                    ),
                ))
            }
        };
        Ok(Some(element))
    }

    fn stack_child(&mut self, raw: &RawElement, stack: Rect) -> Result<Option<StackChild>, TemplateError> {
        let e = self.effective(raw);
        let kind = self.check_fields(&e)?;
        if e.visible == Some(false) {
            return Ok(None);
        }
        let space_before = e.space_before.map_or(0.0, |l| self.px(l, stack.h));
        let accent = self
            .palette
            .get("accent")
            .copied()
            .unwrap_or_else(|| self.default_color());
        let color = |default: Rgba| -> Result<Rgba, TemplateError> {
            e.color
                .as_ref()
                .map(|c| self.color(c))
                .transpose()
                .map(|c| c.unwrap_or(default))
        };
        Ok(Some(match kind {
            ElementKind::Quote => {
                self.quotes += 1;
                StackChild::Quote {
                    style: self.text_style(&e, stack, ("quote", SizeRange { min: Length::Vmin(4.4), max: Length::Vmin(9.0) }))?,
                    space_before,
                }
            }
            ElementKind::Ornament => StackChild::Ornament {
                face: self.font(e.font.as_ref(), "quote")?,
                size: self.px_free(e.size.map_or(Length::Vmin(20.0), |s| s.max), stack),
                color: color(accent)?,
                glyph: e.glyph.clone().filter(|g| g != "auto"),
                space_before,
            },
            ElementKind::Text => {
                let text = e.text.clone().unwrap_or_default();
                self.check_text(&text)?;
                StackChild::Text {
                    style: self.text_style(&e, stack, ("body", SizeRange { min: Length::Vmin(3.0), max: Length::Vmin(3.0) }))?,
                    text,
                    space_before,
                }
            }
            ElementKind::Rule => StackChild::Rule {
                width: self.px(e.width.unwrap_or(Length::Vmin(12.0)), stack.w),
                height: self.px(e.height.unwrap_or(Length::Vmin(0.8)), stack.h),
                color: color(accent)?,
                space_before,
            },
            ElementKind::Spacer => StackChild::Spacer { height: self.px(e.height.unwrap_or(Length::Px(0.0)), stack.h) },
            ElementKind::Rect | ElementKind::Stack | ElementKind::Logo => {
                return Err(self.error(
                    &Self::element_needle(&e),
                    format!("a `{}` element cannot sit inside a stack: expected quote, ornament, text, rule or spacer", kind_name(kind)),
                ))
            }
        }))
    }
}

/// Collects every element id in the tree.
fn element_ids(elements: &[RawElement], out: &mut Vec<String>) {
    for e in elements {
        if let Some(id) = &e.id {
            out.push(id.clone());
        }
        if let Some(children) = &e.children {
            element_ids(children, out);
        }
    }
}

pub(super) fn resolve(
    template: &Template,
    format: &Format,
    fonts: &FontBook,
) -> Result<Layout, TemplateError> {
    let raw = &template.raw;
    let file = template.origin.display_path();
    let error = |needle: &str, message: String| located_error(&template.source, &file, needle, message);

    let mut palette = BTreeMap::new();
    for (name, color) in &raw.palette {
        match color {
            ColorRef::Literal(c) => {
                palette.insert(name.as_str(), *c);
            }
            ColorRef::Palette(other) => {
                return Err(error(
                    other,
                    format!(
                        "palette colour `{name}` must be a literal such as `#1E2A3A`, not the name `{other}`"
                    ),
                ))
            }
        }
    }

    let mut ids = Vec::new();
    element_ids(&raw.elements, &mut ids);
    let mut seen = Vec::new();
    for id in &ids {
        if seen.contains(id) {
            return Err(error(
                &format!("id: {id}"),
                format!("element id `{id}` is used twice: ids must be unique so overrides can find them"),
            ));
        }
        seen.push(id.clone());
    }
    let shape_keys = ["square", "portrait", "landscape"];
    for (key, patches) in &raw.formats {
        if !shape_keys.contains(&key.as_str()) && Format::by_id(key).is_none() {
            let mut names: Vec<&str> = shape_keys.to_vec();
            names.extend(FORMATS.iter().map(|f| f.id));
            return Err(error(
                &format!("{key}:"),
                format!(
                    "unknown format `{key}` under `formats:`: expected a format id or a shape ({}){}",
                    names.join(", "),
                    did_you_mean(key, &names)
                ),
            ));
        }
        for id in patches.keys() {
            if !ids.contains(id) {
                let known: Vec<&str> = ids.iter().map(String::as_str).collect();
                return Err(error(
                    &format!("{id}:"),
                    format!(
                        "override for unknown element id `{id}`: expected one of {}{}",
                        known.join(", "),
                        did_you_mean(id, &known)
                    ),
                ));
            }
        }
    }
    let mut overrides = Vec::new();
    if let Some(o) = raw.formats.get(format.shape().key()) {
        overrides.push(o);
    }
    if let Some(o) = raw.formats.get(format.id) {
        overrides.push(o);
    }

    let (sx, sy, sw, sh) = format.safe_area();
    let mut resolver = Resolver {
        template,
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
    };
    let background = match &raw.background {
        Some(c) => resolver.color(c)?,
        None => resolver.palette.get("background").copied().unwrap_or(Rgba::WHITE),
    };
    let locale = match &raw.locale {
        None => Locale::default(),
        Some(tags) => Locale::from_tags(tags.values()).map_err(|tag| {
            error(
                tag,
                format!(
                    "unknown locale `{tag}`: expected one of {}",
                    Locale::TAGS.join(", ")
                ),
            )
        })?,
    };
    let mut elements = Vec::new();
    for e in &raw.elements {
        if let Some(element) = resolver.element(e)? {
            elements.push(element);
        }
    }
    if resolver.quotes != 1 {
        return Err(TemplateError(Box::new(
            Diagnostic::error(format!(
                "the template draws {} quotes for format `{}`: expected exactly one `quote` element inside a `stack`",
                resolver.quotes, resolver.format.id
            ))
            .in_file(&file),
        )));
    }
    Ok(Layout {
        template: template.name.clone(),
        format: format.clone(),
        background,
        safe: resolver.safe,
        elements,
        locale,
    })
}

/// Resolves the template for every built-in format so mistakes surface when it is loaded.
pub(super) fn check_static(template: &Template) -> Result<(), TemplateError> {
    let fonts = FontBook::embedded();
    for format in FORMATS {
        resolve(template, format, fonts)?;
    }
    Ok(())
}
