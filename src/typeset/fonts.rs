//! The font book: embedded font files, parsed once, looked up by family, weight and style.

use ab_glyph::{Font as _, FontRef};

/// Index of a face in a [`FontBook`].
pub type FaceId = usize;

/// One parsed font file, ready for shaping (rustybuzz) and rasterising (ab_glyph).
pub struct Face {
    pub family: &'static str,
    pub weight: u16,
    pub italic: bool,
    pub shaper: rustybuzz::Face<'static>,
    pub raster: FontRef<'static>,
    pub units_per_em: f32,
    /// Ascender and descender in em (descender positive, below the baseline).
    pub ascender: f32,
    pub descender: f32,
}

impl Face {
    fn parse(family: &'static str, weight: u16, italic: bool, data: &'static [u8]) -> Option<Face> {
        let shaper = rustybuzz::Face::from_slice(data, 0)?;
        let raster = FontRef::try_from_slice(data).ok()?;
        let units_per_em = f32::from(shaper.units_per_em() as u16);
        let ascender = f32::from(shaper.ascender()) / units_per_em;
        let descender = -f32::from(shaper.descender()) / units_per_em;
        Some(Face {
            family,
            weight,
            italic,
            shaper,
            raster,
            units_per_em,
            ascender,
            descender,
        })
    }

    /// Whether the face has a real glyph for `c`.
    pub fn covers(&self, c: char) -> bool {
        self.shaper.glyph_index(c).is_some_and(|g| g.0 != 0)
    }

    /// The px scale ab_glyph needs so that one em is `size` pixels.
    pub fn px_scale(&self, size: f32) -> ab_glyph::PxScale {
        let height = self.raster.height_unscaled();
        ab_glyph::PxScale::from(size * height / self.units_per_em)
    }
}

macro_rules! embedded {
    ($($family:literal, $weight:literal, $italic:literal, $file:literal;)*) => {
        &[$(($family, $weight, $italic, include_bytes!(concat!("../../fonts/", $file)) as &[u8]),)*]
    };
}

/// Every font shipped in the binary: (family, weight, italic, bytes).
const EMBEDDED: &[(&str, u16, bool, &[u8])] = embedded![
    "Inter", 400, false, "Inter-Regular.otf";
    "Inter", 600, false, "Inter-SemiBold.otf";
    "Inter", 700, false, "Inter-Bold.otf";
    "Inter", 400, true, "Inter-Italic.otf";
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

/// All faces available to a run.
pub struct FontBook {
    faces: Vec<Face>,
}

impl FontBook {
    /// The fonts embedded in the binary, parsed once per process.
    pub fn embedded() -> &'static FontBook {
        static BOOK: std::sync::OnceLock<FontBook> = std::sync::OnceLock::new();
        BOOK.get_or_init(FontBook::parse_embedded)
    }

    fn parse_embedded() -> FontBook {
        let faces = EMBEDDED
            .iter()
            .map(|&(family, weight, italic, data)| {
                Face::parse(family, weight, italic, data)
                    .unwrap_or_else(|| panic!("embedded font {family} {weight} is corrupt"))
            })
            .collect();
        FontBook { faces }
    }

    pub fn face(&self, id: FaceId) -> &Face {
        &self.faces[id]
    }

    pub fn families(&self) -> Vec<&'static str> {
        let mut families: Vec<&'static str> = self.faces.iter().map(|f| f.family).collect();
        families.dedup();
        families
    }

    /// The face of `family` closest to `weight`, preferring the asked-for style.
    pub fn find(&self, family: &str, weight: u16, italic: bool) -> Option<FaceId> {
        self.faces
            .iter()
            .enumerate()
            .filter(|(_, f)| f.family.eq_ignore_ascii_case(family))
            .min_by_key(|(_, f)| (u16::from(f.italic != italic) * 1000) + f.weight.abs_diff(weight))
            .map(|(i, _)| i)
    }

    /// Faces tried after `primary` for a missing character.
    pub fn fallbacks(&self, primary: FaceId) -> Vec<FaceId> {
        let weight = self.faces[primary].weight;
        FALLBACK_FAMILIES
            .iter()
            .filter_map(|family| self.find(family, weight, false))
            .filter(|&id| id != primary)
            .collect()
    }
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
}
