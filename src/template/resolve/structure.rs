//! Checks that do not depend on the format: the palette, element ids and the keys of `formats:`.

use super::{hint_for, FORMAT_GROUPS};
use crate::template::format::{Format, FORMATS};
use crate::template::load::{Loaded, Target};
use crate::template::raw::RawElement;
use crate::template::values::{ColorRef, Rgba};
use crate::template::TemplateError;
use std::collections::BTreeMap;

/// Collects every element id in the tree with its path.
pub(super) fn element_ids(elements: &[RawElement], path: &str, out: &mut Vec<(String, String)>) {
    for (i, e) in elements.iter().enumerate() {
        let here = format!("{path}.{i}");
        if let Some(id) = &e.id {
            out.push((id.clone(), here.clone()));
        }
        if let Some(children) = &e.children {
            element_ids(children, &format!("{here}.children"), out);
        }
    }
}

fn is_name(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_')
}

/// A key of `formats:` is a group or a format id.
fn check_format_key(loaded: &Loaded, key: &str, path: &str) -> Result<(), TemplateError> {
    if FORMAT_GROUPS.contains(&key) || Format::by_id(key).is_some() {
        return Ok(());
    }
    let mut names: Vec<&str> = FORMAT_GROUPS.to_vec();
    names.extend(FORMATS.iter().map(|f| f.id));
    Err(TemplateError(Box::new(
        loaded
            .error(
                path,
                Target::Key,
                format!(
                    "unknown format `{key}` under `formats:`: expected a group or a format id ({})",
                    names.join(", ")
                ),
            )
            .with_hint(hint_for(key, &names).unwrap_or_else(|| "see `pullquote formats`".into())),
    )))
}

/// How an error names a change laid over an element: what changes an unknown id, and what
/// cannot change an element's `type` or `id`.
struct ChangeWords {
    unknown: &'static str,
    changer: &'static str,
}

const FORMAT_OVERRIDE: ChangeWords = ChangeWords {
    unknown: "override for",
    changer: "a format override",
};

const VARIANT_CHANGE: ChangeWords = ChangeWords {
    unknown: "variant changes",
    changer: "a variant",
};

/// A per-format override or a variant's change at `path`: it names an element that exists and
/// leaves its `type` and `id` alone.
fn check_change(
    loaded: &Loaded,
    seen: &[&str],
    path: &str,
    id: &str,
    patch: &RawElement,
    words: ChangeWords,
) -> Result<(), TemplateError> {
    if !seen.contains(&id) {
        let mut d = loaded.error(
            path,
            Target::Key,
            format!(
                "{} unknown element id `{id}`: expected one of {}",
                words.unknown,
                seen.join(", ")
            ),
        );
        if let Some(h) = hint_for(id, seen) {
            d = d.with_hint(h);
        }
        return Err(TemplateError(Box::new(d)));
    }
    if patch.kind.is_some() || patch.id.is_some() {
        let field = if patch.kind.is_some() { "type" } else { "id" };
        return Err(TemplateError(Box::new(loaded.error(
            &format!("{path}.{field}"),
            Target::Key,
            format!("{} cannot change an element's `{field}`", words.changer),
        ))));
    }
    Ok(())
}

/// Checks that do not depend on the format: palette, ids and the keys of `formats:`.
pub(super) fn check_structure(loaded: &Loaded) -> Result<BTreeMap<&str, Rgba>, TemplateError> {
    let raw = &loaded.raw;
    let error =
        |path: &str, target, message: String| TemplateError(Box::new(loaded.error(path, target, message)));
    let mut palette = BTreeMap::new();
    for (name, color) in &raw.brand.palette {
        let path = format!("brand.palette.{name}");
        if !is_name(name) {
            return Err(error(
                &path,
                Target::Key,
                format!("palette name `{name}` may only use letters, digits, `-` and `_`"),
            ));
        }
        match color {
            ColorRef::Literal(c) => {
                palette.insert(name.as_str(), *c);
            }
            ColorRef::Palette(other) => {
                return Err(error(
                    &path,
                    Target::Value,
                    format!(
                        "palette colour `{name}` must be a literal such as `#1E2A3A`, not the name `{other}`"
                    ),
                ))
            }
        }
    }
    let Some(elements) = &raw.elements else {
        return Err(TemplateError(Box::new(
            loaded
                .error("", Target::Key, "the template has no `elements`: expected a list with at least a `stack` holding the `quote`".into())
                .with_hint("start from a built-in: `pullquote templates show paper`"),
        )));
    };
    let mut ids = Vec::new();
    element_ids(elements, "elements", &mut ids);
    let mut seen: Vec<&str> = Vec::new();
    for (id, path) in &ids {
        if !is_name(id) {
            return Err(error(
                &format!("{path}.id"),
                Target::Value,
                format!("element id `{id}` may only use letters, digits, `-` and `_`"),
            ));
        }
        if seen.contains(&id.as_str()) {
            return Err(error(
                &format!("{path}.id"),
                Target::Value,
                format!("element id `{id}` is used twice: ids must be unique so overrides can find them"),
            ));
        }
        seen.push(id);
    }
    for (key, patches) in &raw.formats {
        check_format_key(loaded, key, &format!("formats.{key}"))?;
        for (id, patch) in patches {
            let path = format!("formats.{key}.{id}");
            check_change(loaded, &seen, &path, id, patch, FORMAT_OVERRIDE)?;
        }
    }
    for (index, variant) in raw.variants.iter().flatten().enumerate() {
        let base = format!("variants.{index}");
        if let Some(chars) = variant.when.chars {
            if let (Some(min), Some(max)) = (chars.min, chars.max) {
                if min > max {
                    return Err(error(
                        &format!("{base}.when.chars"),
                        Target::Value,
                        format!("`chars` runs from {min} to {max}: `min` must not be above `max`"),
                    ));
                }
            }
        }
        let mut changes: Vec<(String, &RawElement)> = variant
            .elements
            .iter()
            .map(|(id, patch)| (format!("{base}.elements.{id}"), patch))
            .collect();
        for (key, patches) in &variant.formats {
            check_format_key(loaded, key, &format!("{base}.formats.{key}"))?;
            changes.extend(
                patches
                    .iter()
                    .map(|(id, p)| (format!("{base}.formats.{key}.{id}"), p)),
            );
        }
        for (path, patch) in changes {
            let id = path.rsplit('.').next().unwrap_or_default();
            check_change(loaded, &seen, &path, id, patch, VARIANT_CHANGE)?;
        }
    }
    Ok(palette)
}
