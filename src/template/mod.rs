//! YAML layout templates: loading, validation and resolution for each output format.

mod assets;
mod content;
mod format;
mod layout;
mod load;
mod raw;
mod resolve;
pub mod schema;
pub(crate) mod suggest;
#[cfg(test)]
mod tests;
mod values;

pub(crate) use assets::decode_upright;
pub use assets::Asset;
pub use content::{CardContent, PLACEHOLDERS};
pub use format::{Format, SafeInsets, Shape, DEFAULT_FORMATS, FORMATS};
pub use layout::{
    Align, Case, Element, Emphasis, Fit, GradientShape, Hanging, Initials, Layout, Mark, Outline, Paint,
    Picture, Rect, Relation, Shadow, Side, Slot, Stack, StackChild, Stroke, TextFinish, TextStyle, VAlign,
    Variant,
};
#[cfg(feature = "cli")]
pub(crate) use load::yaml_message;
pub use values::{Length, Rgba};

use crate::diagnostic::Diagnostic;
use load::{Loaded, Spec};
use std::sync::atomic::{AtomicBool, Ordering};

static ASSETS_ANYWHERE: AtomicBool = AtomicBool::new(false);

/// Lets templates read pictures outside their own folder (and their `assets_root:`), for this
/// process: `--allow-outside` on the command line, or `PULLQUOTE_ALLOW_OUTSIDE=1`. Without it, a
/// template shared by someone else cannot put an arbitrary local file on a published card.
pub fn allow_assets_outside(allow: bool) {
    ASSETS_ANYWHERE.store(allow, Ordering::Relaxed);
}

/// Whether templates may read pictures outside their folder.
pub fn assets_may_be_outside() -> bool {
    ASSETS_ANYWHERE.load(Ordering::Relaxed)
        || std::env::var("PULLQUOTE_ALLOW_OUTSIDE").is_ok_and(|v| v == "1")
}
use std::path::{Path, PathBuf};

/// A built-in template: its name, a one-line summary and its YAML source.
pub struct Builtin {
    /// Its name (`paper`, `bold`…).
    pub name: &'static str,
    source: &'static str,
}

const BUILTINS: &[Builtin] = &[
    Builtin {
        name: "paper",
        source: include_str!("../../templates/paper.yaml"),
    },
    Builtin {
        name: "bold",
        source: include_str!("../../templates/bold.yaml"),
    },
    Builtin {
        name: "photo",
        source: include_str!("../../templates/photo.yaml"),
    },
    Builtin {
        name: "minimal",
        source: include_str!("../../templates/minimal.yaml"),
    },
    Builtin {
        name: "headline",
        source: include_str!("../../templates/headline.yaml"),
    },
    Builtin {
        name: "civic",
        source: include_str!("../../templates/civic.yaml"),
    },
];

/// Files the built-in templates refer to, by the path they use.
const BUILTIN_ASSETS: &[(&str, &[u8])] = &[
    (
        "assets/placeholder-logo.svg",
        include_bytes!("../../templates/assets/placeholder-logo.svg"),
    ),
    (
        "assets/dusk.svg",
        include_bytes!("../../templates/assets/dusk.svg"),
    ),
];

fn builtin_asset(path: &str) -> Option<&'static [u8]> {
    BUILTIN_ASSETS
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, bytes)| *bytes)
}

/// Characters of French and English quotes a brand font should have: letters with their
/// accents, the ligatures, the quotation marks and apostrophes, the ellipsis and dashes, and the
/// no-break spaces French punctuation takes.
const COVERAGE: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.,;:!?'\"()-%&@€$ \
    àâäçéèêëîïôöùûüÿÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸœŒæÆ«»‘’“”…–—\u{A0}\u{202F}";

/// The characters a font lacks, grouped by what draws them instead, short enough to read: a font
/// without Latin letters says so rather than listing the alphabet.
fn missing_characters(missing: &[crate::fonts::Uncovered]) -> String {
    let instead = |m: &crate::fonts::Uncovered| match m.fallback {
        _ if m.character.is_whitespace() => "set as a narrower space".to_owned(),
        Some(family) => format!("drawn in {family}"),
        None => "no embedded font has it".to_owned(),
    };
    let latin = |c: char| c.is_ascii_alphanumeric();
    let all_latin = COVERAGE.chars().filter(|&c| latin(c)).count();
    let mut groups: Vec<(String, Vec<char>, usize)> = Vec::new();
    for m in missing {
        let how = instead(m);
        let index = match groups.iter().position(|(h, ..)| *h == how) {
            Some(index) => index,
            None => {
                groups.push((how, Vec::new(), 0));
                groups.len() - 1
            }
        };
        let c = m.character;
        let group = &mut groups[index];
        if latin(c) {
            group.2 += 1;
        } else {
            group.1.push(c);
        }
    }
    // The marks a typographer looks for first, then ligatures and accented letters.
    let rank = |c: &char| match c {
        c if c.is_whitespace() => 0,
        c if !c.is_ascii() && !c.is_alphabetic() => 1,
        'œ' | 'Œ' | 'æ' | 'Æ' => 2,
        c if c.is_alphabetic() => 3,
        _ => 4,
    };
    groups
        .into_iter()
        .map(|(how, mut others, latin_count)| {
            others.sort_by_key(rank);
            let mut shown: Vec<String> = others
                .iter()
                .map(|&c| match c {
                    c if c.is_whitespace() || c.is_control() => format!("U+{:04X}", c as u32),
                    c => format!("`{c}`"),
                })
                .collect();
            if latin_count == all_latin {
                shown.insert(0, "the Latin letters and digits".to_owned());
            } else if latin_count > 0 {
                let letters = missing
                    .iter()
                    .filter(|m| latin(m.character) && instead(m) == how)
                    .map(|m| format!("`{}`", m.character));
                shown.splice(0..0, letters);
            }
            const SHOWN: usize = 20;
            let more = shown.len().saturating_sub(SHOWN);
            shown.truncate(SHOWN);
            let more = if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            };
            format!("{}{more} ({how})", shown.join(" "))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The name of the template used when none is given.
pub const DEFAULT_TEMPLATE: &str = "paper";

/// Where a template came from, for error messages and asset lookup.
#[derive(Debug, Clone, PartialEq)]
pub enum Origin {
    /// A YAML file.
    File(PathBuf),
    /// A built-in template.
    Builtin(&'static str),
}

impl Origin {
    /// The name shown in diagnostics: the path, or `templates/<name>.yaml` for a built-in.
    pub fn display_path(&self) -> PathBuf {
        match self {
            Origin::File(path) => path.clone(),
            Origin::Builtin(name) => PathBuf::from(format!("templates/{name}.yaml")),
        }
    }
}

/// A template that failed to load or resolve; the diagnostic says where and why.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{0}")]
pub struct TemplateError(pub Box<Diagnostic>);

/// A parsed, validated template.
#[derive(Debug, Clone)]
pub struct Template {
    /// The template's name.
    pub name: String,
    /// What it looks like, in one line.
    pub description: Option<String>,
    /// Where it came from.
    pub origin: Origin,
    loaded: Loaded,
}

impl Template {
    /// Names of the built-in templates.
    pub fn builtin_names() -> Vec<&'static str> {
        BUILTINS.iter().map(|b| b.name).collect()
    }

    /// The YAML source of a built-in template.
    pub fn builtin_source(name: &str) -> Option<&'static str> {
        BUILTINS.iter().find(|b| b.name == name).map(|b| b.source)
    }

    /// The bytes of a file the built-in templates use (`assets/…`), for `templates init`.
    pub fn builtin_asset(path: &str) -> Option<&'static [u8]> {
        builtin_asset(path)
    }

    /// The built-in template `name`.
    pub fn builtin(name: &str) -> Result<Template, TemplateError> {
        let Some(builtin) = BUILTINS.iter().find(|b| b.name == name) else {
            let names = Template::builtin_names();
            let mut d = Diagnostic::error(format!("no built-in template named `{name}`")).with_hint(format!(
                "built-in templates: {}; or pass the path of a .yaml file",
                names.join(", ")
            ));
            if let Some(c) = suggest::closest(name, &names) {
                d = d.with_hint(format!(
                    "did you mean `{c}`? (built-in templates: {})",
                    names.join(", ")
                ));
            }
            return Err(TemplateError(Box::new(d)));
        };
        Template::from_loaded(load::load(Spec::Builtin(builtin))?, Origin::Builtin(builtin.name))
    }

    /// Loads a template file; assets and `extends` resolve relative to the file's folder.
    pub fn load(path: &Path) -> Result<Template, TemplateError> {
        let loaded = load::load(Spec::File(path.to_path_buf()))?;
        Template::from_loaded(loaded, Origin::File(path.to_path_buf()))
    }

    /// A built-in name or a path to a YAML file.
    pub fn by_name_or_path(spec: &str) -> Result<Template, TemplateError> {
        if Template::is_path_spec(spec) {
            Template::load(Path::new(spec))
        } else {
            Template::builtin(spec)
        }
    }

    /// Whether [`Template::by_name_or_path`] reads `spec` as a file rather than a built-in name.
    pub fn is_path_spec(spec: &str) -> bool {
        Template::builtin_source(spec).is_none()
            && (spec.ends_with(".yaml") || spec.ends_with(".yml") || spec.contains('/'))
    }

    fn from_loaded(loaded: Loaded, origin: Origin) -> Result<Template, TemplateError> {
        let template = Template {
            name: loaded.raw.name.clone().unwrap_or_else(|| match &origin {
                Origin::File(p) => p
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                Origin::Builtin(n) => (*n).to_owned(),
            }),
            description: loaded.raw.description.clone(),
            origin,
            loaded,
        };
        // Resolve for every format so that every mistake surfaces on load, not mid-batch.
        resolve::check_static(&template)?;
        Ok(template)
    }

    /// This template with the picture at `path` as its brand logo, in place of its own (`--logo`):
    /// a team's logo on a built-in design without writing a template.
    pub fn with_logo(mut self, path: &Path) -> Result<Template, TemplateError> {
        let fail = |reason: String| {
            TemplateError(Box::new(
                Diagnostic::error(format!("cannot use logo `{}`: {reason}", path.display()))
                    .with_hint("give a PNG, JPEG or SVG file"),
            ))
        };
        let bytes = crate::limits::read(path, crate::limits::Kind::Image).map_err(|e| fail(e.to_string()))?;
        // Absolute, so the file is found again (and watched) whatever the template's folder.
        let full = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let key = full.to_string_lossy().into_owned();
        let asset = Asset::decode(&key, &bytes).map_err(|e| fail(format!("the file {e}")))?;
        let layer = self.loaded.layers.len() - 1;
        self.loaded.assets.insert((layer, key.clone()), asset);
        self.loaded.raw.brand.logo = Some(raw::AssetPath { path: key, layer });
        resolve::check_static(&self)?;
        Ok(self)
    }

    /// Resolves the template for `format`.
    pub fn resolve(&self, format: &Format, fonts: &crate::fonts::FontBook) -> Result<Layout, TemplateError> {
        resolve::resolve(self, format, fonts)
    }

    /// A diagnostic pointing at `path` (such as `elements.1.children.2`) in the file that wrote it.
    pub fn locate(&self, path: &str, severity: crate::diagnostic::Severity, message: String) -> Diagnostic {
        let mut d = self.loaded.error(path, load::Target::Key, message);
        d.severity = severity;
        d
    }

    /// A stable hash of everything the template draws with: every file of its `extends` chain and
    /// every asset they name.
    pub fn fingerprint(&self) -> String {
        let mut f = crate::fingerprint::Fingerprint::default();
        for layer in &self.loaded.layers {
            f = f.str(&layer.source);
        }
        for ((layer, path), asset) in &self.loaded.assets {
            f = f.str(&layer.to_string()).str(path).str(asset.digest());
        }
        for (role, font) in &self.loaded.fonts {
            f = f.str(role).str(&font.written).str(&font.digest);
        }
        f.hex()
    }

    /// Characters quotes commonly use that a brand font file lacks, one warning per font file
    /// listing each character and the embedded family that draws it instead.
    pub fn font_coverage(&self) -> Vec<Diagnostic> {
        let fonts = crate::fonts::FontBook::embedded();
        let mut warnings = Vec::new();
        // One warning per file, however many roles use it.
        let mut files: Vec<(&load::FontFile, Vec<&str>)> = Vec::new();
        for (role, font) in &self.loaded.fonts {
            match files
                .iter_mut()
                .find(|(f, _)| f.digest == font.digest && f.written == font.written)
            {
                Some((_, roles)) => roles.push(role),
                None => files.push((font, vec![role])),
            }
        }
        for (font, roles) in files {
            let missing = fonts.uncovered(font.face, COVERAGE);
            if missing.is_empty() {
                continue;
            }
            let listed = missing_characters(&missing);
            let message = format!(
                "font `{}` (role{} {}) has no glyph for {}",
                font.written,
                if roles.len() == 1 { "" } else { "s" },
                roles
                    .iter()
                    .map(|r| format!("`{r}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
                listed
            );
            let mut d = self
                .loaded
                .error(&format!("brand.fonts.{}.file", roles[0]), load::Target::Value, message)
                .with_hint("use a font file with these characters (a fuller version of the family), or accept the fallback");
            d.severity = crate::diagnostic::Severity::Warning;
            warnings.push(d);
        }
        warnings
    }

    /// Every file read from disk to make this template: the files of its `extends` chain and the
    /// pictures they name, as the paths they were read from (built-ins have none).
    pub fn source_files(&self) -> Vec<PathBuf> {
        let file = |layer: &load::Layer| match &layer.origin {
            Origin::File(path) => Some(path.clone()),
            Origin::Builtin(_) => None,
        };
        let mut files: Vec<PathBuf> = self.loaded.layers.iter().filter_map(file).collect();
        files.extend(self.loaded.fonts.values().map(|font| font.path.clone()));
        for (layer, path) in self.loaded.assets.keys() {
            if let Some(template) = file(&self.loaded.layers[*layer]) {
                files.push(template.parent().unwrap_or(Path::new("")).join(path));
            }
        }
        files.sort();
        files.dedup();
        files
    }

    /// Every file of the `extends` chain, base first.
    pub fn files(&self) -> Vec<PathBuf> {
        self.loaded
            .layers
            .iter()
            .map(|l| l.origin.display_path())
            .collect()
    }
}
