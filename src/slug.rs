//! File-name-safe slugs for interviews, speakers and formats.

/// Lower-case ASCII words joined by `-`: "Aziz Oulhiyane" → `aziz-oulhiyane`.
pub fn slugify(text: &str) -> String {
    let folded = crate::transcript::fold_accents(text);
    let mut slug = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug.truncate(60);
    slug.trim_end_matches('-').to_owned()
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
    }
}
