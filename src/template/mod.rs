//! YAML layout templates: loading, validation and resolution for each output format.

mod content;
mod format;
mod layout;
mod raw;
mod resolve;
pub mod suggest;
mod values;

pub use content::CardContent;
pub use format::{Format, SafeInsets, Shape, DEFAULT_FORMATS, FORMATS};
pub use layout::{Align, Case, Element, Emphasis, Layout, Rect, Stack, StackChild, TextStyle, VAlign};
pub use values::{Length, Rgba};

use crate::diagnostic::Diagnostic;
use image::RgbaImage;
use raw::RawTemplate;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A built-in template: its name, YAML source and the assets it refers to.
struct Builtin {
    name: &'static str,
    source: &'static str,
    assets: &'static [(&'static str, &'static [u8])],
}

const BUILTINS: &[Builtin] = &[Builtin {
    name: "paper",
    source: include_str!("../../templates/paper.yaml"),
    assets: &[(
        "assets/pullquote-logo.png",
        include_bytes!("../../templates/assets/pullquote-logo.png"),
    )],
}];

/// The name of the template used when none is given.
pub const DEFAULT_TEMPLATE: &str = "paper";

/// Where a template came from, for error messages and asset lookup.
#[derive(Debug, Clone, PartialEq)]
pub enum Origin {
    File(PathBuf),
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
    pub name: String,
    pub description: Option<String>,
    pub origin: Origin,
    source: String,
    raw: RawTemplate,
    logo: Option<Arc<RgbaImage>>,
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

    pub fn builtin(name: &str) -> Result<Template, TemplateError> {
        let Some(builtin) = BUILTINS.iter().find(|b| b.name == name) else {
            let names = Template::builtin_names();
            return Err(TemplateError(Box::new(
                Diagnostic::error(format!(
                    "no built-in template named `{name}`{}",
                    suggest::did_you_mean(name, &names)
                ))
                .with_hint(format!(
                    "built-in templates: {}; or pass the path of a .yaml file",
                    names.join(", ")
                )),
            )));
        };
        let load_asset = |path: &str| -> Result<Vec<u8>, String> {
            builtin
                .assets
                .iter()
                .find(|(p, _)| *p == path)
                .map(|(_, bytes)| bytes.to_vec())
                .ok_or_else(|| "not among the built-in assets".to_owned())
        };
        Template::parse(builtin.source, Origin::Builtin(builtin.name), &load_asset)
    }

    /// Loads a template file; assets resolve relative to the file's folder.
    pub fn load(path: &Path) -> Result<Template, TemplateError> {
        let source = std::fs::read_to_string(path).map_err(|e| {
            TemplateError(Box::new(
                Diagnostic::error(format!("failed to read template `{}` ({e})", path.display())).with_hint(
                    format!("built-in templates: {}", Template::builtin_names().join(", ")),
                ),
            ))
        })?;
        let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let load_asset = |relative: &str| -> Result<Vec<u8>, String> {
            std::fs::read(base.join(relative)).map_err(|e| e.to_string())
        };
        Template::parse(&source, Origin::File(path.to_path_buf()), &load_asset)
    }

    /// A built-in name or a path to a YAML file.
    pub fn by_name_or_path(spec: &str) -> Result<Template, TemplateError> {
        if Template::builtin_source(spec).is_some() {
            Template::builtin(spec)
        } else if spec.ends_with(".yaml") || spec.ends_with(".yml") || spec.contains('/') {
            Template::load(Path::new(spec))
        } else {
            Template::builtin(spec)
        }
    }

    /// Parses and validates YAML `source`; `load_asset` reads files the template refers to.
    pub fn parse(
        source: &str,
        origin: Origin,
        load_asset: &dyn Fn(&str) -> Result<Vec<u8>, String>,
    ) -> Result<Template, TemplateError> {
        let file = origin.display_path();
        let raw: RawTemplate = serde_yaml::from_str(source).map_err(|e| {
            let mut diagnostic = Diagnostic::error(yaml_message(&e)).in_file(&file);
            if let Some(location) = e.location() {
                diagnostic = diagnostic
                    .at(location.line(), location.column())
                    .with_source(source);
            }
            if let Some(hint) = yaml_hint(&e) {
                diagnostic = diagnostic.with_hint(hint);
            }
            TemplateError(Box::new(diagnostic))
        })?;
        let logo = match &raw.logo {
            None => None,
            Some(path) => {
                let bytes = load_asset(path).map_err(|e| {
                    resolve::located_error(source, &file, path, format!("cannot read logo `{path}` ({e})"))
                })?;
                let image = image::load_from_memory(&bytes).map_err(|e| {
                    resolve::located_error(
                        source,
                        &file,
                        path,
                        format!("logo `{path}` is not a readable PNG or JPEG image ({e})"),
                    )
                })?;
                Some(Arc::new(image.to_rgba8()))
            }
        };
        let template = Template {
            name: raw.name.clone().unwrap_or_else(|| match &origin {
                Origin::File(p) => p
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                Origin::Builtin(n) => (*n).to_owned(),
            }),
            description: raw.description.clone(),
            origin,
            source: source.to_owned(),
            raw,
            logo,
        };
        // Resolve once for a square card so that every mistake surfaces on load, not mid-batch.
        template.check()?;
        Ok(template)
    }

    /// Resolves the template for `format`.
    pub fn resolve(
        &self,
        format: &Format,
        fonts: &crate::typeset::FontBook,
    ) -> Result<Layout, TemplateError> {
        resolve::resolve(self, format, fonts)
    }

    /// A stable hash of everything the template draws with: its source and its assets.
    pub fn fingerprint(&self) -> String {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        let mut feed = |bytes: &[u8]| {
            for &b in bytes {
                hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
            }
        };
        feed(self.source.as_bytes());
        if let Some(logo) = &self.logo {
            feed(&logo.width().to_le_bytes());
            feed(logo.as_raw());
        }
        format!("{hash:016x}")
    }

    fn check(&self) -> Result<(), TemplateError> {
        resolve::check_static(self)
    }
}

/// The serde_yaml message without its trailing position (shown separately).
fn yaml_message(e: &serde_yaml::Error) -> String {
    let message = e.to_string();
    let message = match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message,
    };
    message.replace("unknown variant", "unknown value")
}

/// A "did you mean" hint for unknown fields and values.
fn yaml_hint(e: &serde_yaml::Error) -> Option<String> {
    let message = e.to_string();
    let start = message.find('`')? + 1;
    let end = start + message[start..].find('`')?;
    let word = &message[start..end];
    let expected_at = message.find("expected")?;
    let candidates: Vec<&str> = message[expected_at..].split('`').skip(1).step_by(2).collect();
    suggest::closest(word, &candidates).map(|c| format!("did you mean `{c}`?"))
}
