//! File-name-safe slugs for interviews, speakers and formats.

/// Lower-case ASCII words joined by `-`, transliterated from any script: "Aziz Oulhiyane" →
/// `aziz-oulhiyane`, "Zoë Œuvre-Ødegaard" → `zoe-oeuvre-odegaard`, "Сергей" → `sergei`. A letter
/// with no transliteration adds the text's hash (`x` and 8 hex digits), so such names stay
/// stable, never come out empty and never collide.
pub fn slugify(text: &str) -> String {
    let mut ascii = String::with_capacity(text.len());
    let mut lost = false;
    for c in text.chars() {
        match deunicode::deunicode_char(c) {
            Some(t) => ascii.push_str(t),
            None => {
                lost |= c.is_alphanumeric();
                ascii.push(' ');
            }
        }
    }
    let mut slug = String::with_capacity(ascii.len());
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.truncate(60);
    while slug.ends_with('-') {
        slug.pop();
    }
    if lost {
        let hash = crate::fingerprint::Fingerprint::default().str(text.trim()).hex();
        slug.truncate(50);
        while slug.ends_with('-') {
            slug.pop();
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push('x');
        slug.push_str(&hash[..8]);
    }
    slug
}

/// Strips the accents that matter for names and initials (`É` → `E`).
pub fn fold_accents(text: &str) -> String {
    if text.is_ascii() {
        return text.to_owned();
    }
    text.chars().map(fold_accent).collect()
}

/// One character without its accent.
pub fn fold_accent(c: char) -> char {
    match c {
        'À' | 'Â' | 'Ä' | 'Á' | 'Ã' | 'Å' | 'Ā' => 'A',
        'É' | 'È' | 'Ê' | 'Ë' | 'Ē' | 'Ę' | 'Ě' => 'E',
        'Î' | 'Ï' | 'Í' | 'Ì' | 'Ī' => 'I',
        'Ô' | 'Ö' | 'Ó' | 'Ò' | 'Õ' | 'Ø' | 'Ō' => 'O',
        'Ù' | 'Û' | 'Ü' | 'Ú' | 'Ū' => 'U',
        'Ç' | 'Ć' | 'Č' => 'C',
        'Ñ' | 'Ń' => 'N',
        'Ł' => 'L',
        'Ś' | 'Š' => 'S',
        'Ź' | 'Ż' | 'Ž' => 'Z',
        'Ÿ' | 'Ý' => 'Y',
        'ÿ' | 'ý' => 'y',
        'à' | 'â' | 'ä' | 'á' | 'ã' | 'å' | 'ā' => 'a',
        'é' | 'è' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => 'e',
        'î' | 'ï' | 'í' | 'ì' | 'ī' => 'i',
        'ô' | 'ö' | 'ó' | 'ò' | 'õ' | 'ø' | 'ō' => 'o',
        'ù' | 'û' | 'ü' | 'ú' | 'ū' => 'u',
        'ç' | 'ć' | 'č' => 'c',
        'ñ' | 'ń' => 'n',
        'ł' => 'l',
        'ś' | 'š' => 's',
        'ź' | 'ż' | 'ž' => 'z',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn folds_accents_and_punctuation() {
        assert_eq!(slugify("Aziz Oulhiyane"), "aziz-oulhiyane");
        assert_eq!(slugify("  Entretien : l’été à Sète !"), "entretien-l-ete-a-sete");
        assert_eq!(slugify("000_4bf4"), "000-4bf4");
        assert_eq!(slugify("Zoë Œuvre-Ødegaard"), "zoe-oeuvre-odegaard");
        assert_eq!(slugify("Straße, Æsa"), "strasse-aesa");
        assert_eq!(slugify("— !"), "");
    }

    #[test]
    fn other_scripts_are_transliterated() {
        assert_eq!(slugify("Сергей Брин"), "sergei-brin");
        assert_eq!(slugify("Γιώργος"), "giorgos");
        // Names are part of what a run promises: these stay as they are.
        assert_eq!(slugify("محمد الصالح"), "mhmd-lslh");
        assert_eq!(slugify("张伟"), "zhang-wei");
    }

    #[test]
    fn untransliterable_letters_get_a_stable_distinct_name() {
        // Hanifi Rohingya's first letter has no transliteration.
        let a = slugify("\u{10D00}");
        assert!(a.starts_with('x') && a.len() == 9, "{a}");
        assert_eq!(a, slugify("\u{10D00}"));
        let b = slugify("\u{10D00}\u{10D01}");
        assert!(b.starts_with("b-x") && b.len() == 11, "{b}");
        assert_ne!(slugify("Ada \u{10D00}"), slugify("Ada"));
    }
}
