//! Regional typographic conventions (French of France or Québec, American or British English),
//! chosen by a template and applied by the typesetter.

use crate::transcript::Language;

/// How French punctuation is spaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FrenchConvention {
    /// France, Belgium: narrow no-break space before `; ! ?`, no-break space before `:`.
    #[default]
    France,
    /// Québec: no space before `; ! ?`, no-break space before `:`.
    Canada,
}

/// Which quotation marks English uses at the outer level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EnglishConvention {
    /// “double” outside, ‘single’ inside; spaced dashes become em dashes.
    #[default]
    American,
    /// ‘single’ outside, “double” inside; spaced dashes become en dashes.
    British,
}

/// The regional conventions used for each language a quote can be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Locale {
    /// How French punctuation is spaced.
    pub french: FrenchConvention,
    /// Which quotation marks English uses.
    pub english: EnglishConvention,
}

impl Locale {
    /// The locale tags [`Locale::apply_tag`] understands.
    pub const TAGS: &'static [&'static str] = &["fr-FR", "fr-BE", "fr-CA", "en-US", "en-GB"];

    /// Sets the convention for the tag's language (`fr-CA`, `en-GB`…, case and `_` tolerated);
    /// `false` if the tag is not known.
    pub fn apply_tag(&mut self, tag: &str) -> bool {
        match tag.trim().replace('_', "-").to_ascii_lowercase().as_str() {
            "fr" | "fr-fr" | "fr-be" | "fr-lu" => self.french = FrenchConvention::France,
            "fr-ca" => self.french = FrenchConvention::Canada,
            "en" | "en-us" => self.english = EnglishConvention::American,
            "en-gb" | "en-ie" => self.english = EnglishConvention::British,
            _ => return false,
        }
        true
    }

    /// The locale made of `tags`, or the first tag that is not known.
    pub fn from_tags<'a>(tags: impl IntoIterator<Item = &'a str>) -> Result<Locale, &'a str> {
        let mut locale = Locale::default();
        for tag in tags {
            if !locale.apply_tag(tag) {
                return Err(tag);
            }
        }
        Ok(locale)
    }

    /// The mark that opens a quotation in `language`, used for the ornament.
    pub fn opening_mark(&self, language: Language) -> char {
        match (language, self.english) {
            (Language::French, _) => '«',
            (Language::English, EnglishConvention::American) => '“',
            (Language::English, EnglishConvention::British) => '‘',
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_tags() {
        assert_eq!(
            Locale::from_tags(["fr-CA", "en_GB"]),
            Ok(Locale {
                french: FrenchConvention::Canada,
                english: EnglishConvention::British
            })
        );
        assert_eq!(Locale::from_tags(["fr-XX"]), Err("fr-XX"));
    }

    #[test]
    fn opening_marks_follow_the_language_and_convention() {
        let british = Locale {
            english: EnglishConvention::British,
            ..Locale::default()
        };
        assert_eq!(Locale::default().opening_mark(Language::French), '«');
        assert_eq!(Locale::default().opening_mark(Language::English), '“');
        assert_eq!(british.opening_mark(Language::English), '‘');
    }
}
