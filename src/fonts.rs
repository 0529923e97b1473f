//! The font book: embedded font files, parsed once, looked up by family, weight and style; brand
//! font files a template names (TrueType, OpenType, collections, variable fonts), parsed once per
//! run; and instances of variable fonts made on demand for the axis values a template asks for.

use ab_glyph::{Font as _, FontRef, VariableFont as _};
use std::sync::Mutex;

/// Index of a face in a [`FontBook`].
pub type FaceId = usize;

/// A variation axis value: a four-letter OpenType tag (`wght`, `wdth`, `slnt`, `opsz`…) and its value.
pub type AxisValue = ([u8; 4], f32);

/// One parsed font file (or one instance of a variable font), ready for shaping (harfrust),
/// measuring (ttf-parser) and rasterising (ab_glyph). All three read the same bytes at the same
/// axis values.
pub struct Face {
    /// The family name templates use.
    pub family: &'static str,
    /// Its weight (100–900).
    pub weight: u16,
    /// Whether it is italic.
    pub italic: bool,
    /// The shaper's view of the font.
    pub shaper: harfrust::Font,
    metrics: ttf_parser::Face<'static>,
    /// The rasteriser's view of the font.
    pub raster: FontRef<'static>,
    /// Design units per em.
    pub units_per_em: f32,
    /// Ascender and descender in em (descender positive, below the baseline).
    pub ascender: f32,
    /// The descender.
    pub descender: f32,
    /// Extra space the font asks for between lines, in em.
    pub line_gap: f32,
    /// Height of capitals in em, for aligning ornaments to the first line.
    pub cap_height: f32,
    /// The axis values this instance was made with; empty for a static font.
    pub variations: Vec<AxisValue>,
}

impl Face {
    fn parse(family: &'static str, weight: u16, italic: bool, data: &'static [u8]) -> Option<Face> {
        Self::instance(family, weight, italic, (data, 0), &[])
    }

    fn instance(
        family: &'static str,
        weight: u16,
        italic: bool,
        (data, index): (&'static [u8], u32),
        variations: &[AxisValue],
    ) -> Option<Face> {
        let mut shaper = harfrust::Font::new(data, index)?;
        let mut metrics = ttf_parser::Face::parse(data, index).ok()?;
        let mut raster = FontRef::try_from_slice_and_index(data, index).ok()?;
        // Shaping (advances, kerning), metrics and outlines must see the same coordinates.
        if !variations.is_empty() {
            shaper = shaper
                .instance_builder()
                .variations(
                    variations
                        .iter()
                        .map(|&(tag, value)| (harfrust::Tag::new(&tag), value)),
                )
                .build();
        }
        for (tag, value) in variations {
            metrics.set_variation(ttf_parser::Tag::from_bytes(tag), *value);
            raster.set_variation(tag, *value);
        }
        let units_per_em = f32::from(metrics.units_per_em());
        let ascender = f32::from(metrics.ascender()) / units_per_em;
        let descender = -f32::from(metrics.descender()) / units_per_em;
        let line_gap = f32::from(metrics.line_gap()).max(0.0) / units_per_em;
        let cap_height = metrics
            .capital_height()
            .map_or(ascender * 0.7, |h| f32::from(h) / units_per_em);
        Some(Face {
            family,
            weight,
            italic,
            shaper,
            metrics,
            raster,
            units_per_em,
            ascender,
            descender,
            line_gap,
            cap_height,
            variations: variations.to_vec(),
        })
    }

    /// The glyph for `c`, if the font has a real one.
    pub fn glyph_index(&self, c: char) -> Option<u16> {
        self.metrics.glyph_index(c).map(|g| g.0).filter(|&g| g != 0)
    }

    /// A glyph's advance width in font units.
    pub fn advance(&self, glyph: u16) -> Option<u16> {
        self.metrics.glyph_hor_advance(ttf_parser::GlyphId(glyph))
    }

    /// A glyph's outline box in font units, y up: (x min, y min, x max, y max).
    pub fn glyph_bounds(&self, glyph: u16) -> Option<(f32, f32, f32, f32)> {
        self.metrics
            .glyph_bounding_box(ttf_parser::GlyphId(glyph))
            .map(|b| {
                (
                    f32::from(b.x_min),
                    f32::from(b.y_min),
                    f32::from(b.x_max),
                    f32::from(b.y_max),
                )
            })
    }

    /// Whether the face has a real glyph for `c`.
    pub fn covers(&self, c: char) -> bool {
        self.glyph_index(c).is_some()
    }

    /// The px scale ab_glyph needs so that one em is `size` pixels.
    pub fn px_scale(&self, size: f32) -> ab_glyph::PxScale {
        let height = self.raster.height_unscaled();
        ab_glyph::PxScale::from(size * height / self.units_per_em)
    }

    /// The distance between baselines the font designer intended, in em.
    pub fn natural_line_height(&self) -> f32 {
        self.ascender + self.descender + self.line_gap
    }

    /// The axes of a variable font: tag, minimum, default, maximum.
    pub fn axes(&self) -> Vec<([u8; 4], f32, f32, f32)> {
        self.metrics
            .variation_axes()
            .into_iter()
            .map(|a| (a.tag.to_bytes(), a.min_value, a.def_value, a.max_value))
            .collect()
    }
}

macro_rules! embedded {
    ($($family:literal, $weight:literal, $italic:literal, $file:literal;)*) => {
        &[$(($family, $weight, $italic, include_bytes!(concat!("../fonts/", $file)) as &[u8]),)*]
    };
}

/// Every font shipped in the binary: (family, weight, italic, bytes). A variable font is listed
/// once, at its default instance; other instances are made by [`FontBook::instance`].
const EMBEDDED: &[(&str, u16, bool, &[u8])] = embedded![
    "Inter", 400, false, "Inter-Regular.otf";
    "Inter", 600, false, "Inter-SemiBold.otf";
    "Inter", 700, false, "Inter-Bold.otf";
    "Inter", 400, true, "Inter-Italic.otf";
    "Inter Variable", 400, false, "InterVariable.ttf";
    "Source Serif 4 Display", 400, false, "SourceSerif4Display-Regular.ttf";
    "Source Serif 4 Display", 600, false, "SourceSerif4Display-Semibold.ttf";
    "Source Serif 4 Display", 700, false, "SourceSerif4Display-Bold.ttf";
    "Source Serif 4 Display", 400, true, "SourceSerif4Display-It.ttf";
    "Playfair Display", 400, false, "PlayfairDisplay-Regular.ttf";
    "Playfair Display", 700, false, "PlayfairDisplay-Bold.ttf";
    "Playfair Display", 400, true, "PlayfairDisplay-Italic.ttf";
    "Noto Sans", 400, false, "NotoSans-Regular.ttf";
    "Noto Sans", 700, false, "NotoSans-Bold.ttf";
    "Noto Sans Arabic", 400, false, "NotoSansArabic-Regular.ttf";
    "Noto Sans Hebrew", 400, false, "NotoSansHebrew-Regular.ttf";
];

/// Families tried, in order, for characters the chosen font lacks.
const FALLBACK_FAMILIES: &[&str] = &["Noto Sans", "Noto Sans Arabic", "Noto Sans Hebrew"];

/// A face added after the embedded ones: an instance of a variable font made for a template, or
/// a font file a template names.
struct Added {
    key: AddedKey,
    face: &'static Face,
    /// The font file's bytes and the face's index in it.
    source: (&'static [u8], u32),
    /// The face comes from a template's font file (or is an instance of one).
    from_file: bool,
}

/// What makes two added faces the same.
#[derive(PartialEq)]
enum AddedKey {
    Instance {
        base: FaceId,
        variations: Vec<AxisValue>,
    },
    File {
        digest: String,
        index: u32,
        weight: Option<u16>,
    },
}

/// Font files read in one process, at most: the studio reloads a template whenever a file
/// changes, and every version of a font file it has seen stays in the book.
const MAX_FILE_BYTES: usize = 512 * 1024 * 1024;

/// All faces available to a run.
pub struct FontBook {
    faces: Vec<Face>,
    data: Vec<&'static [u8]>,
    /// Variable-font instances and font files, appended as templates ask for them and never
    /// removed, so a [`FaceId`] stays valid for the life of the book. They are leaked on purpose:
    /// the book is a process-wide static, a run asks for a handful of them at most, and the same
    /// file or instance asked for again is the face already made.
    added: Mutex<Vec<Added>>,
}

/// A character a font file lacks, and the embedded family that draws it instead (if any).
#[derive(Debug, Clone, PartialEq)]
pub struct Uncovered {
    /// The character.
    pub character: char,
    /// The fallback family that has it.
    pub fallback: Option<&'static str>,
}

/// Why a font could not be instanced with the asked-for axes.
#[derive(Debug, Clone, PartialEq)]
pub enum AxisError {
    /// The face is not a variable font.
    NotVariable {
        /// The face's family.
        family: &'static str,
    },
    /// The font has no such axis.
    UnknownAxis {
        /// The tag asked for.
        tag: String,
        /// The tags the font has.
        known: Vec<String>,
    },
    /// The value lies outside the axis range.
    OutOfRange {
        /// The axis.
        tag: String,
        /// The value asked for.
        value: f32,
        /// The axis's smallest value.
        min: f32,
        /// The axis's largest value.
        max: f32,
    },
}

impl std::fmt::Display for AxisError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AxisError::NotVariable { family } => {
                write!(
                    f,
                    "font `{family}` is not a variable font, so it has no axes to set"
                )
            }
            AxisError::UnknownAxis { tag, known } => {
                write!(
                    f,
                    "the font has no `{tag}` axis: expected one of {}",
                    known.join(", ")
                )
            }
            AxisError::OutOfRange { tag, value, min, max } => {
                write!(
                    f,
                    "axis `{tag}` value {value} is out of range: expected {min} to {max}"
                )
            }
        }
    }
}

impl FontBook {
    /// The fonts embedded in the binary, parsed once per process.
    pub fn embedded() -> &'static FontBook {
        static BOOK: std::sync::OnceLock<FontBook> = std::sync::OnceLock::new();
        BOOK.get_or_init(FontBook::parse_embedded)
    }

    fn parse_embedded() -> FontBook {
        let mut faces = Vec::with_capacity(EMBEDDED.len());
        let mut data = Vec::with_capacity(EMBEDDED.len());
        for &(family, weight, italic, bytes) in EMBEDDED {
            let face = Face::parse(family, weight, italic, bytes)
                .unwrap_or_else(|| panic!("embedded font {family} {weight} is corrupt"));
            faces.push(face);
            data.push(bytes);
        }
        FontBook {
            faces,
            data,
            added: Mutex::new(Vec::new()),
        }
    }

    fn added(&self) -> std::sync::MutexGuard<'_, Vec<Added>> {
        self.added.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The face with id `id`.
    pub fn face(&self, id: FaceId) -> &Face {
        match self.faces.get(id) {
            Some(face) => face,
            None => self.added()[id - self.faces.len()].face,
        }
    }

    /// The bytes of the font file `id` comes from, and its index in that file.
    fn source(&self, id: FaceId) -> (&'static [u8], u32) {
        match self.data.get(id) {
            Some(data) => (data, 0),
            None => self.added()[id - self.faces.len()].source,
        }
    }

    /// Whether `id` comes from a template's font file rather than from the binary.
    pub fn is_from_file(&self, id: FaceId) -> bool {
        id >= self.faces.len() && self.added()[id - self.faces.len()].from_file
    }

    /// Adds face `index` of a font file (`None` for a file of one face) to the book: parsed once,
    /// whatever number of templates or cards use it. `weight` overrides the weight the file
    /// declares. The error says what is wrong with the file, as "the file …".
    pub fn load_file(
        &self,
        bytes: Vec<u8>,
        index: Option<u32>,
        weight: Option<u16>,
    ) -> Result<FaceId, String> {
        let index = match (ttf_parser::fonts_in_collection(&bytes), index) {
            (Some(count), Some(i)) if i < count => i,
            (Some(count), Some(i)) => {
                return Err(format!(
                    "is a collection of {count} faces: `index` {i} is out of range, expected 0 to {}",
                    count.saturating_sub(1)
                ))
            }
            (Some(count), None) => {
                let names: Vec<String> = (0..count.min(32))
                    .map(|i| {
                        let name = ttf_parser::Face::parse(&bytes, i)
                            .map(|f| face_name(&f))
                            .unwrap_or_else(|_| "unreadable".to_owned());
                        format!("{i}: {name}")
                    })
                    .collect();
                return Err(format!(
                    "is a collection of {count} faces: choose one with `index` ({})",
                    names.join(", ")
                ));
            }
            (None, None | Some(0)) => 0,
            (None, Some(i)) => {
                return Err(format!(
                    "holds one face, not a collection: `index` must be 0 or left out, found {i}"
                ))
            }
        };
        let parsed = ttf_parser::Face::parse(&bytes, index).map_err(|e| {
            format!("is not a TrueType or OpenType font ({e}): expected a .ttf, .otf or .ttc file")
        })?;
        if parsed.tables().cmap.is_none() || parsed.number_of_glyphs() < 2 {
            return Err("is a font without a character map or glyphs, so it cannot set text".to_owned());
        }
        let family = family_name(&parsed).unwrap_or_else(|| "Unnamed".to_owned());
        let weight_class = weight.unwrap_or_else(|| parsed.weight().to_number().clamp(1, 1000));
        let italic = parsed.is_italic() || parsed.is_oblique();
        let key = AddedKey::File {
            digest: crate::fingerprint::file_hash(&bytes),
            index,
            weight,
        };
        let mut added = self.added();
        if let Some(i) = added.iter().position(|a| a.key == key) {
            return Ok(self.faces.len() + i);
        }
        let loaded: usize = added
            .iter()
            .filter(|a| matches!(a.key, AddedKey::File { .. }))
            .map(|a| a.source.0.len())
            .sum();
        if loaded + bytes.len() > MAX_FILE_BYTES {
            return Err(format!(
                "would take the font files read in this run over {} MiB: restart to read them afresh",
                MAX_FILE_BYTES >> 20
            ));
        }
        let data: &'static [u8] = Box::leak(bytes.into_boxed_slice());
        let family: &'static str = Box::leak(family.into_boxed_str());
        let face = Face::instance(family, weight_class, italic, (data, index), &[])
            .ok_or_else(|| "is a font the shaper or the rasteriser cannot read".to_owned())?;
        added.push(Added {
            key,
            face: Box::leak(Box::new(face)),
            source: (data, index),
            from_file: true,
        });
        Ok(self.faces.len() + added.len() - 1)
    }

    /// The axis values of the named instance `name` (`Bold`, `SemiBold Condensed`) of the
    /// variable face `id`, compared without case or spaces; else the names it has.
    pub fn named_instance(&self, id: FaceId, name: &str) -> Result<Vec<AxisValue>, Vec<String>> {
        let face = self.face(id);
        let squash = |s: &str| {
            s.chars()
                .filter(|c| !c.is_whitespace())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        };
        let mut names = Vec::new();
        for instance in face.shaper.named_instances().iter() {
            let id = instance.subfamily_name().to_u16();
            let Some(instance_name) = face
                .metrics
                .names()
                .into_iter()
                .filter(|n| n.name_id == id)
                .find_map(|n| n.to_string())
            else {
                continue;
            };
            if squash(&instance_name) == squash(name) {
                return Ok(instance
                    .variations()
                    .map(|v| (v.tag.to_be_bytes(), v.value))
                    .collect());
            }
            names.push(instance_name);
        }
        Err(names)
    }

    /// Which of `characters` face `id` lacks, each with the fallback family that draws it.
    pub fn uncovered(&self, id: FaceId, characters: &str) -> Vec<Uncovered> {
        let face = self.face(id);
        let fallbacks = self.fallbacks(id);
        characters
            .chars()
            .filter(|&c| !face.covers(c))
            .map(|character| Uncovered {
                character,
                fallback: fallbacks
                    .iter()
                    .map(|&f| self.face(f))
                    .find(|f| f.covers(character))
                    .map(|f| f.family),
            })
            .collect()
    }

    /// Every family, once each, in registry order.
    pub fn families(&self) -> Vec<&'static str> {
        let mut families: Vec<&'static str> = self.faces.iter().map(|f| f.family).collect();
        families.dedup();
        families
    }

    /// The face of `family` closest to `weight`, preferring the asked-for style. For a variable
    /// family the weight is set exactly on the `wght` axis (and italic on `slnt` when the font
    /// has no italic of its own).
    pub fn find(&self, family: &str, weight: u16, italic: bool) -> Option<FaceId> {
        self.find_with_axes(family, weight, italic, &[])?.ok()
    }

    fn find_static(&self, family: &str, weight: u16, italic: bool) -> Option<FaceId> {
        self.faces
            .iter()
            .enumerate()
            .filter(|(_, f)| f.family.eq_ignore_ascii_case(family))
            .min_by_key(|(_, f)| (u16::from(f.italic != italic) * 1000) + f.weight.abs_diff(weight))
            .map(|(i, _)| i)
    }

    /// `family` at `weight` and `italic`, with `axes` set on a variable font. Without axes this is
    /// [`FontBook::find`]; axes on a static font are an error.
    pub fn find_with_axes(
        &self,
        family: &str,
        weight: u16,
        italic: bool,
        axes: &[AxisValue],
    ) -> Option<Result<FaceId, AxisError>> {
        let base = self.find_static(family, weight, italic)?;
        let face = &self.faces[base];
        let known = face.axes();
        if known.is_empty() {
            return Some(if axes.is_empty() {
                Ok(base)
            } else {
                Err(AxisError::NotVariable { family: face.family })
            });
        }
        let mut settings: Vec<AxisValue> = Vec::new();
        if let Some(axis) = known.iter().find(|a| &a.0 == b"wght") {
            // Always set the weight: some variable fonts default to their lightest instance.
            settings.push((*b"wght", f32::from(weight).clamp(axis.1, axis.3)));
        }
        if italic && !face.italic && known.iter().any(|a| &a.0 == b"slnt") {
            let slant = known.iter().find(|a| &a.0 == b"slnt").map_or(0.0, |a| a.1);
            settings.push((*b"slnt", slant));
        }
        for &(tag, value) in axes {
            settings.retain(|(t, _)| *t != tag);
            settings.push((tag, value));
        }
        Some(self.instance(base, &settings))
    }

    /// An instance of the variable face `base` with `variations` set (missing axes keep their
    /// defaults, `wght` defaults to the face's listed weight).
    pub fn instance(&self, base: FaceId, variations: &[AxisValue]) -> Result<FaceId, AxisError> {
        let face = self.face(base);
        let known = face.axes();
        if known.is_empty() {
            return Err(AxisError::NotVariable { family: face.family });
        }
        let mut settings: Vec<AxisValue> = Vec::new();
        if known.iter().any(|a| &a.0 == b"wght") && !variations.iter().any(|v| &v.0 == b"wght") {
            settings.push((*b"wght", f32::from(face.weight)));
        }
        for &(tag, value) in variations {
            let Some(axis) = known.iter().find(|a| a.0 == tag) else {
                return Err(AxisError::UnknownAxis {
                    tag: String::from_utf8_lossy(&tag).into_owned(),
                    known: known
                        .iter()
                        .map(|a| String::from_utf8_lossy(&a.0).into_owned())
                        .collect(),
                });
            };
            if !(axis.1..=axis.3).contains(&value) {
                return Err(AxisError::OutOfRange {
                    tag: String::from_utf8_lossy(&tag).into_owned(),
                    value,
                    min: axis.1,
                    max: axis.3,
                });
            }
            settings.retain(|s| s.0 != tag);
            settings.push((tag, value));
        }
        settings.sort_by_key(|a| a.0);
        let source = self.source(base);
        let from_file = self.is_from_file(base);
        let key = AddedKey::Instance {
            base,
            variations: settings.clone(),
        };
        let mut added = self.added();
        if let Some(i) = added.iter().position(|a| a.key == key) {
            return Ok(self.faces.len() + i);
        }
        let weight = settings
            .iter()
            .find(|v| &v.0 == b"wght")
            .map_or(face.weight, |v| v.1.round() as u16);
        let slanted = settings.iter().any(|v| &v.0 == b"slnt" && v.1 != 0.0);
        let made = Face::instance(face.family, weight, face.italic || slanted, source, &settings)
            .expect("a font that parsed once parses again");
        added.push(Added {
            key,
            face: Box::leak(Box::new(made)),
            source,
            from_file,
        });
        Ok(self.faces.len() + added.len() - 1)
    }

    /// Faces tried after `primary` for a missing character.
    pub fn fallbacks(&self, primary: FaceId) -> Vec<FaceId> {
        let weight = self.face(primary).weight;
        FALLBACK_FAMILIES
            .iter()
            .filter_map(|family| self.find_static(family, weight, false))
            .filter(|&id| id != primary)
            .collect()
    }

    /// The primary face followed by its fallbacks: the order in which a character is looked up.
    pub fn chain(&self, primary: FaceId) -> Vec<FaceId> {
        let mut chain = vec![primary];
        chain.extend(self.fallbacks(primary));
        chain
    }
}

/// A face's family name: the typographic family (name 16) if given, else the legacy one (name 1).
fn family_name(face: &ttf_parser::Face) -> Option<String> {
    let find = |id: u16| {
        face.names()
            .into_iter()
            .filter(|n| n.name_id == id)
            .find_map(|n| n.to_string())
    };
    find(ttf_parser::name_id::TYPOGRAPHIC_FAMILY).or_else(|| find(ttf_parser::name_id::FAMILY))
}

/// A face's full name, for telling the faces of a collection apart.
fn face_name(face: &ttf_parser::Face) -> String {
    face.names()
        .into_iter()
        .filter(|n| n.name_id == ttf_parser::name_id::FULL_NAME)
        .find_map(|n| n.to_string())
        .or_else(|| family_name(face))
        .unwrap_or_else(|| "unnamed".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nearest_weight_and_style() {
        let book = FontBook::embedded();
        let bold = book.find("inter", 800, false).unwrap();
        assert_eq!(book.face(bold).weight, 700);
        let italic = book.find("Inter", 400, true).unwrap();
        assert!(book.face(italic).italic);
        assert!(book.find("Comic Sans", 400, false).is_none());
    }

    #[test]
    fn coverage() {
        let book = FontBook::embedded();
        let inter = book.face(book.find("Inter", 400, false).unwrap());
        assert!(inter.covers('é'));
        assert!(inter.covers('«'));
        assert!(!inter.covers('ب'));
        let arabic = book.face(book.find("Noto Sans Arabic", 400, false).unwrap());
        assert!(arabic.covers('ب'));
    }

    fn advance_of(book: &FontBook, face: FaceId, c: char) -> u16 {
        let f = book.face(face);
        f.advance(f.glyph_index(c).unwrap()).unwrap()
    }

    #[test]
    fn variable_weights_change_advances_and_are_shared() {
        let book = FontBook::embedded();
        let light = book.find("Inter Variable", 200, false).unwrap();
        let black = book.find("Inter Variable", 900, false).unwrap();
        assert_ne!(light, black);
        assert_eq!(book.face(black).weight, 900);
        assert!(advance_of(book, black, 'm') > advance_of(book, light, 'm'));
        // The same settings give the same instance.
        assert_eq!(book.find("Inter Variable", 900, false), Some(black));
        let slanted = book
            .find_with_axes("Inter Variable", 400, false, &[(*b"slnt", -10.0)])
            .unwrap()
            .unwrap();
        assert!(book.face(slanted).italic);
    }

    #[test]
    fn bad_axes_are_errors() {
        let book = FontBook::embedded();
        assert!(matches!(
            book.find_with_axes("Inter Variable", 400, false, &[(*b"wdth", 80.0)]),
            Some(Err(AxisError::UnknownAxis { .. }))
        ));
        assert!(matches!(
            book.find_with_axes("Inter Variable", 400, false, &[(*b"slnt", 5.0)]),
            Some(Err(AxisError::OutOfRange { .. }))
        ));
        assert!(matches!(
            book.find_with_axes("Inter", 400, false, &[(*b"wght", 500.0)]),
            Some(Err(AxisError::NotVariable { .. }))
        ));
    }
}
