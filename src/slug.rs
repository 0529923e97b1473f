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
