//! Loading: reads a template and the chain of templates it `extends`, decodes the pictures each
//! file refers to (relative to that file), and merges the chain into one template, remembering
//! which file set each part so that later errors point into the right file.

use super::assets::Asset;
use super::raw::{AssetPath, ElementKind, RawElement, RawTemplate};
use super::suggest::{closest, hint_from_message};
use super::values::{FontRef, FontSpec};
use super::{builtin_asset, Builtin, Origin, TemplateError, BUILTINS};
use crate::boundary::SafeSlice;
use crate::diagnostic::Diagnostic;
use crate::fonts::{FaceId, FontBook};
use crate::yaml::{self, Spans};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One template file of an `extends` chain.
#[derive(Debug, Clone)]
pub struct Layer {
    pub origin: Origin,
    pub source: String,
    pub spans: Spans,
}

/// Whether a diagnostic points at a mapping key or at its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Key,
    Value,
}

impl Layer {
    /// An error located at `path` in this file (or the nearest enclosing node that exists).
    pub fn error(&self, path: &str, target: Target, message: String) -> Diagnostic {
        let mut diagnostic = Diagnostic::error(message).in_file(&self.origin.display_path());
        if let Some((span, up)) = self.spans.nearest(path) {
            // A missing field is reported at its element, whose key is the better place to point.
            let (line, column) = match (target, up) {
                (Target::Key, _) | (_, 1..) => span.key.unwrap_or(span.value),
                (Target::Value, 0) => span.value,
            };
            diagnostic = diagnostic.at(line, column).with_source(&self.source);
        }
        diagnostic
    }
}

/// A template chain merged into one, with the provenance of every part.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// Base first, the file asked for last.
    pub layers: Vec<Layer>,
    pub raw: RawTemplate,
    /// Which layer set each path prefix (`elements`, `brand.palette.ink`, `formats.story.quote`).
    pub owners: BTreeMap<String, usize>,
    pub assets: BTreeMap<(usize, String), Asset>,
    /// Font files of `brand.fonts`, by role, as the merged chain names them.
    pub fonts: BTreeMap<String, FontFile>,
}

/// A brand font file, read and parsed when the template loads.
#[derive(Debug, Clone)]
pub struct FontFile {
    /// The face it gave (the default instance of a variable font).
    pub face: FaceId,
    /// The path as written in the template.
    pub written: String,
    /// The path it was read from.
    pub path: PathBuf,
    /// Hash of the file's bytes, so a changed font changes every card set with it.
    pub digest: String,
}

impl Loaded {
    /// The layer that wrote `path`.
    pub fn owner(&self, path: &str) -> usize {
        let mut current = path;
        loop {
            if let Some(&layer) = self.owners.get(current) {
                return layer;
            }
            match current.rsplit_once('.') {
                Some((parent, _)) => current = parent,
                None => return self.owners.get("").copied().unwrap_or(0),
            }
        }
    }

    /// An error at `path`, in the file that wrote it.
    pub fn error(&self, path: &str, target: Target, message: String) -> Diagnostic {
        self.layers[self.owner(path)].error(path, target, message)
    }

    pub fn asset(&self, path: &AssetPath) -> Option<&Asset> {
        self.assets.get(&(path.layer, path.path.clone()))
    }
}

/// Where a template comes from before it is read.
pub enum Spec<'a> {
    Builtin(&'a Builtin),
    File(PathBuf),
}

fn boxed(diagnostic: Diagnostic) -> TemplateError {
    TemplateError(Box::new(diagnostic))
}

/// Reads and parses one file, without following `extends`.
fn parse_layer(spec: &Spec) -> Result<(Layer, RawTemplate), TemplateError> {
    let (origin, source) = match spec {
        Spec::Builtin(b) => (Origin::Builtin(b.name), b.source.to_owned()),
        Spec::File(path) => {
            // Only YAML files are read as templates: an error about any other file (an `.env`,
            // `/etc/passwd`) would quote its content.
            let yaml = path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"));
            if !yaml {
                return Err(boxed(
                    Diagnostic::error(format!(
                        "`{}` is not a template: expected a .yaml or .yml file",
                        path.display()
                    ))
                    .with_hint(format!(
                        "built-in templates: {}",
                        BUILTINS.iter().map(|b| b.name).collect::<Vec<_>>().join(", ")
                    )),
                ));
            }
            let source = crate::limits::read_text(path, crate::limits::Kind::Template).map_err(|e| {
                let reason = match &e {
                    crate::limits::ReadError::Io(e) => crate::diagnostic::io_reason(e),
                    other => other.to_string(),
                };
                boxed(
                    Diagnostic::error(format!("failed to read template `{}` ({reason})", path.display()))
                        .with_hint(format!(
                            "built-in templates: {}",
                            BUILTINS.iter().map(|b| b.name).collect::<Vec<_>>().join(", ")
                        )),
                )
            })?;
            (Origin::File(path.clone()), source)
        }
    };
    let file = origin.display_path();
    let yaml_error = |e: yaml::Error, spans: &Spans| {
        let message = yaml_message(&e);
        let mut diagnostic = Diagnostic::error(message.clone()).in_file(&file);
        if let Some((line, column)) = refine_location(&message, spans).or(e.location()) {
            diagnostic = diagnostic.at(line, column).with_source(&source);
        }
        let hint = match e.location() {
            Some((line, _)) if is_structure_error(&message) => indentation_hint(&source, line),
            _ => field_hint(&e, spans).or_else(|| hint_from_message(&e.to_string())),
        };
        if let Some(hint) = hint {
            diagnostic = diagnostic.with_hint(hint);
        }
        if let Some(fields) = element_fields_message(&e, spans) {
            diagnostic.message = fields;
        }
        boxed(diagnostic)
    };
    let document = yaml::Document::parse(&source).map_err(|e| yaml_error(e, &Spans::default()))?;
    // A YAML file with none of a template's fields (notes, secrets, another tool's settings) is
    // refused without a word of its content: errors about its fields would quote its lines.
    if let Spec::File(path) = spec {
        if !TEMPLATE_FIELDS
            .iter()
            .any(|key| document.spans().get(key).is_some())
        {
            return Err(boxed(
                Diagnostic::error(format!(
                    "`{}` is not a template: it has none of a template's fields ({})",
                    path.display(),
                    TEMPLATE_FIELDS.join(", ")
                ))
                .with_hint("name a pullquote template file, or a built-in template"),
            ));
        }
    }
    let raw: RawTemplate = document
        .deserialize()
        .map_err(|e| yaml_error(e, document.spans()))?;
    let spans = document.spans().clone();
    Ok((
        Layer {
            origin,
            source,
            spans,
        },
        raw,
    ))
}

/// The top-level fields of a template: a file has at least one.
const TEMPLATE_FIELDS: &[&str] = &[
    "name",
    "description",
    "extends",
    "assets_root",
    "brand",
    "styles",
    "background",
    "locale",
    "elements",
    "formats",
];

/// Whether the parser lost track of the document's structure, which is most often indentation.
fn is_structure_error(message: &str) -> bool {
    [
        "did not find expected",
        "mapping values are not allowed",
        "could not find expected ':'",
    ]
    .iter()
    .any(|m| message.contains(m))
}

/// Where the lines above `line` (1-based) start: (column, line, what starts there), 1-based
/// columns, the key after a list's `-` counted as well as the `-`.
fn starts_above(source: &str, line: usize) -> Vec<(usize, usize, String)> {
    let mut starts = Vec::new();
    for (index, text) in source.lines().enumerate().take(line.saturating_sub(1)) {
        let body = text.trim_start_matches(' ');
        if body.is_empty() || body.starts_with('#') {
            continue;
        }
        let column = text.len() - body.len() + 1;
        let key = |t: &str| match t.split_once(':') {
            Some((k, _)) if !k.contains(' ') => format!("`{k}:`"),
            _ => "the value".to_owned(),
        };
        if let Some(item) = body.strip_prefix("- ") {
            starts.push((column, index + 1, "the `-`".to_owned()));
            let after = item.trim_start_matches(' ');
            starts.push((column + 2 + item.len() - after.len(), index + 1, key(after)));
        } else {
            starts.push((column, index + 1, key(body)));
        }
    }
    starts
}

/// A hint for a parser error on `line`: YAML nests by indentation, and a line that starts where
/// no line above it does is the usual cause.
fn indentation_hint(source: &str, line: usize) -> Option<String> {
    let text = source.lines().nth(line.checked_sub(1)?)?;
    if text.trim_start_matches(' ').starts_with('\t') {
        return Some("YAML is indented with spaces: replace the tab at the start of this line".into());
    }
    let column = text.len() - text.trim_start_matches(' ').len() + 1;
    let starts = starts_above(source, line);
    if starts.iter().any(|(c, ..)| *c == column) {
        return Some(
            "YAML nests by indentation: check that this line and the one above are indented as the structure intends"
                .into(),
        );
    }
    // The nearest column a line above starts at; on a tie, the deeper one, most often a sibling.
    let (to, at, what) = starts
        .iter()
        .rev()
        .min_by_key(|(c, ..)| (c.abs_diff(column), std::cmp::Reverse(*c)))?;
    Some(format!(
        "YAML nests by indentation, and line {line} starts at column {column}, where no line above it starts: did you mean column {to}, in line with {what} on line {at}?"
    ))
}

/// For an unknown field of an element: the fields of that element's type only, not of every type.
fn element_fields_message(e: &yaml::Error, spans: &Spans) -> Option<String> {
    let (path, rest) = e
        .to_string()
        .split_once(": ")
        .map(|(p, r)| (p.to_owned(), r.to_owned()))?;
    let unknown = rest
        .strip_prefix("unknown field `")?
        .split('`')
        .next()?
        .to_owned();
    let kind = element_kind(&path, spans)?;
    let mut names = vec!["type", "id", "visible"];
    names.extend(super::resolve::allowed_fields(kind));
    Some(format!(
        "{path}: unknown field `{unknown}` for a `{}` element: expected one of {}",
        kind.name(),
        names
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ")
    ))
}

/// The "did you mean" for an unknown field of an element, among the fields of its type.
fn field_hint(e: &yaml::Error, spans: &Spans) -> Option<String> {
    let message = element_fields_message(e, spans)?;
    hint_from_message(message.split_once(": ")?.1)
}

/// The type of the element at `path` (`elements[0].children[1]`), or of the element a per-format
/// or variant change names by id (`formats.story.quote`).
fn element_kind(path: &str, spans: &Spans) -> Option<ElementKind> {
    let dotted = path.replace('[', ".").replace(']', "");
    let kind_at = |p: &str| {
        let name = spans.scalar(&format!("{p}.type"))?;
        ElementKind::ALL.iter().copied().find(|k| k.name() == name)
    };
    if dotted.starts_with("elements.") {
        return kind_at(&dotted);
    }
    let id = dotted.rsplit('.').next()?;
    let element = spans.path_of_scalar("id", id)?;
    kind_at(element.strip_suffix(".id")?)
}

/// The parser's message, in the words of a template author.
pub(crate) fn yaml_message(e: &yaml::Error) -> String {
    let message = e.to_string();
    let message = message.replace("unknown variant", "unknown value");
    // serde names the Rust types; a template author knows YAML's.
    let mut message = message
        .replace("invalid type: map,", "invalid type: a map,")
        .replace("invalid type: sequence,", "invalid type: a list,");
    for (rust, yaml) in [
        ("expected f32", "expected a number"),
        ("expected f64", "expected a number"),
        ("expected u32", "expected a whole number"),
        ("expected u16", "expected a whole number"),
        ("expected a boolean", "expected `true` or `false`"),
        ("expected a string", "expected text"),
    ] {
        message = message.replace(rust, yaml);
    }
    message
}

/// Where serde could only name the enclosing element: the value quoted in the message,
/// looked up under the path the message starts with (`elements[0].children[1]: …`).
fn refine_location(message: &str, spans: &Spans) -> Option<(usize, usize)> {
    let (prefix, rest) = message.split_once(": ")?;
    if prefix.contains(' ') {
        return None;
    }
    let path = prefix.replace("[", ".").replace("]", "");
    let start = rest.find('`')? + 1;
    let end = start + rest.slice(start..).find('`')?;
    spans.find_value(&path, rest.slice(start..end))
}

/// The identity used to detect `extends` cycles.
fn identity(spec: &Spec) -> String {
    match spec {
        Spec::Builtin(b) => format!("builtin:{}", b.name),
        Spec::File(path) => std::fs::canonicalize(path)
            .unwrap_or_else(|_| path.clone())
            .display()
            .to_string(),
    }
}

fn display_name(spec: &Spec) -> String {
    match spec {
        Spec::Builtin(b) => b.name.to_owned(),
        Spec::File(path) => path.display().to_string(),
    }
}

/// Reads `spec` and everything it extends, base first.
pub fn load(spec: Spec) -> Result<Loaded, TemplateError> {
    let mut chain = Vec::new();
    let mut parsed = Vec::new();
    read_chain(spec, &mut chain, &mut parsed)?;
    let mut layers = Vec::new();
    let mut assets = BTreeMap::new();
    let mut fonts = BTreeMap::new();
    let mut merged = RawTemplate::default();
    let mut owners = BTreeMap::new();
    owners.insert(String::new(), 0);
    for (index, (spec, layer, mut raw)) in parsed.into_iter().enumerate() {
        load_assets(&spec, &layer, index, &mut raw, &mut assets)?;
        load_fonts(&spec, &layer, &raw, &mut fonts)?;
        merge(&mut merged, raw, index, &mut owners);
        layers.push(layer);
    }
    Ok(Loaded {
        layers,
        raw: merged,
        owners,
        assets,
        fonts,
    })
}

/// Reads the font files a layer's `brand.fonts` names, relative to that layer's file; a role the
/// layer sets without a file replaces a parent's font file of the same role.
fn load_fonts(
    spec: &Spec,
    layer: &Layer,
    raw: &RawTemplate,
    fonts: &mut BTreeMap<String, FontFile>,
) -> Result<(), TemplateError> {
    for (role, font) in &raw.brand.fonts {
        let FontRef::Spec(FontSpec {
            file: Some(written),
            index,
            weight,
            ..
        }) = font
        else {
            fonts.remove(role);
            continue;
        };
        let fail = |reason: String| {
            boxed(
                layer
                    .error(
                        &format!("brand.fonts.{role}.file"),
                        Target::Value,
                        format!("cannot use font `{written}`: {reason}"),
                    )
                    .with_hint(
                        "the path is relative to the template file; TrueType (.ttf), OpenType (.otf) \
                         and collections (.ttc, with `index`) are accepted",
                    ),
            )
        };
        let path = match spec {
            Spec::Builtin(_) => return Err(fail("a built-in template names no font files".to_owned())),
            Spec::File(file) => file.parent().unwrap_or(Path::new("")).join(written),
        };
        let bytes = crate::limits::read(&path, crate::limits::Kind::Font).map_err(|e| {
            fail(match e {
                crate::limits::ReadError::Io(e) => {
                    format!("{}: `{}`", crate::diagnostic::io_reason(&e), path.display())
                }
                e => format!("cannot read `{}` ({e})", path.display()),
            })
        })?;
        let digest = crate::fingerprint::file_hash(&bytes);
        let face = FontBook::embedded()
            .load_file(bytes, *index, *weight)
            .map_err(|e| fail(format!("the file {e}")))?;
        fonts.insert(
            role.clone(),
            FontFile {
                face,
                written: written.clone(),
                path,
                digest,
            },
        );
    }
    Ok(())
}

type Parsed<'a> = (Spec<'a>, Layer, RawTemplate);

fn read_chain<'a>(
    spec: Spec<'a>,
    chain: &mut Vec<String>,
    out: &mut Vec<Parsed<'a>>,
) -> Result<(), TemplateError> {
    chain.push(identity(&spec));
    let (layer, raw) = parse_layer(&spec)?;
    if let Some(parent) = &raw.extends {
        let at = |message: String| layer.error("extends", Target::Value, message);
        let parent_spec = match &spec {
            _ if !parent.contains(['/', '\\', '.']) => match BUILTINS.iter().find(|b| b.name == parent) {
                Some(b) => Spec::Builtin(b),
                None => {
                    let names: Vec<&str> = BUILTINS.iter().map(|b| b.name).collect();
                    let mut d = at(format!(
                        "`extends: {parent}` names no built-in template: expected one of {} or the path of a .yaml file",
                        names.join(", ")
                    ));
                    if let Some(name) = closest(parent, &names) {
                        d = d.with_hint(format!("did you mean `{name}`?"));
                    }
                    return Err(boxed(d));
                }
            },
            Spec::Builtin(b) => {
                return Err(boxed(at(format!(
                    "built-in template `{}` can only extend another built-in, not `{parent}`",
                    b.name
                ))))
            }
            Spec::File(path) => {
                let base = path.parent().unwrap_or(Path::new(""));
                let parent_path = base.join(parent);
                if !parent_path.is_file() {
                    // A device, a FIFO or a folder exists but is no template: say which.
                    let (why, hint) = if parent_path.exists() {
                        ("not a regular file", "`extends` names a template file (.yaml)")
                    } else {
                        ("not found", "the path is relative to this template's folder")
                    };
                    return Err(boxed(
                        at(format!(
                            "failed to read template `{}` that `extends` names ({why})",
                            parent_path.display()
                        ))
                        .with_hint(hint),
                    ));
                }
                Spec::File(parent_path)
            }
        };
        let id = identity(&parent_spec);
        if let Some(start) = chain.iter().position(|c| *c == id) {
            let mut cycle: Vec<String> = chain[start..]
                .iter()
                .map(|c| c.rsplit(['/', ':']).next().unwrap_or(c).to_owned())
                .collect();
            cycle.push(
                display_name(&parent_spec)
                    .rsplit('/')
                    .next()
                    .unwrap_or_default()
                    .to_owned(),
            );
            return Err(boxed(
                at(format!("`extends` makes a cycle: {}", cycle.join(" → ")))
                    .with_hint("a template cannot extend itself, directly or through another template"),
            ));
        }
        read_chain(parent_spec, chain, out)?;
    }
    out.push((spec, layer, raw));
    Ok(())
}

/// Every asset path of a template, with the YAML path where it is written.
fn asset_fields(raw: &mut RawTemplate) -> Vec<(String, &mut AssetPath)> {
    fn elements<'a>(list: &'a mut [RawElement], path: &str, out: &mut Vec<(String, &'a mut AssetPath)>) {
        for (i, e) in list.iter_mut().enumerate() {
            let here = format!("{path}.{i}");
            if let Some(src) = &mut e.src {
                out.push((format!("{here}.src"), src));
            }
            if let Some(children) = &mut e.children {
                elements(children, &format!("{here}.children"), out);
            }
        }
    }
    let mut out = Vec::new();
    if let Some(logo) = &mut raw.brand.logo {
        out.push(("brand.logo".to_owned(), logo));
    }
    if let Some(image) = raw.background.as_mut().and_then(|b| b.image.as_mut()) {
        out.push(("background.image".to_owned(), image));
    }
    if let Some(list) = &mut raw.elements {
        elements(list, "elements", &mut out);
    }
    for (key, patches) in &mut raw.formats {
        for (id, patch) in patches.iter_mut() {
            if let Some(src) = &mut patch.src {
                out.push((format!("formats.{key}.{id}.src"), src));
            }
        }
    }
    for (index, variant) in raw.variants.iter_mut().flatten().enumerate() {
        for (id, patch) in variant.elements.iter_mut() {
            if let Some(src) = &mut patch.src {
                out.push((format!("variants.{index}.elements.{id}.src"), src));
            }
        }
        for (key, patches) in variant.formats.iter_mut() {
            for (id, patch) in patches.iter_mut() {
                if let Some(src) = &mut patch.src {
                    out.push((format!("variants.{index}.formats.{key}.{id}.src"), src));
                }
            }
        }
    }
    out
}

fn load_assets(
    spec: &Spec,
    layer: &Layer,
    index: usize,
    raw: &mut RawTemplate,
    assets: &mut BTreeMap<(usize, String), Asset>,
) -> Result<(), TemplateError> {
    let roots = match spec {
        Spec::File(file) if !super::assets_may_be_outside() => {
            let base = file.parent().unwrap_or(Path::new(""));
            let base = if base.as_os_str().is_empty() {
                Path::new(".")
            } else {
                base
            };
            let mut roots: Vec<PathBuf> = base.canonicalize().into_iter().collect();
            if let Some(root) = &raw.assets_root {
                match base.join(root).canonicalize() {
                    Ok(root) => roots.push(root),
                    Err(e) => {
                        return Err(boxed(layer.error(
                            "assets_root",
                            Target::Value,
                            format!(
                                "`assets_root: {root}` is not a folder: {}",
                                crate::diagnostic::io_reason(&e)
                            ),
                        )))
                    }
                }
            }
            Some(roots)
        }
        _ => None,
    };
    for (path, asset) in asset_fields(raw) {
        asset.layer = index;
        let key = (index, asset.path.clone());
        if assets.contains_key(&key) {
            continue;
        }
        let written = &asset.path;
        let bytes = match spec {
            Spec::Builtin(_) => builtin_asset(written)
                .map(<[u8]>::to_vec)
                .ok_or_else(|| "not among the built-in assets".to_owned()),
            Spec::File(file) => {
                let full = file.parent().unwrap_or(Path::new("")).join(written);
                // Where the path really leads (through `..` and symlinks) must be inside the
                // template's folder or its `assets_root`.
                // (A device or a FIFO is refused by the read below, whatever its place.)
                let outside = roots.as_ref().is_some_and(|roots| {
                    full.metadata().is_ok_and(|m| m.is_file())
                        && full
                            .canonicalize()
                            .is_ok_and(|real| !roots.iter().any(|root| real.starts_with(root)))
                });
                if outside {
                    return Err(boxed(
                        layer
                            .error(
                                &path,
                                Target::Value,
                                format!("picture `{written}` is outside the template's folder"),
                            )
                            .with_hint(
                                "move it into the template's folder, set `assets_root:` in the template to a folder that holds it, or pass --allow-outside",
                            ),
                    ));
                }
                crate::limits::read(&full, crate::limits::Kind::Image).map_err(|e| match e {
                    crate::limits::ReadError::Io(e) => {
                        format!("{}: `{}`", crate::diagnostic::io_reason(&e), full.display())
                    }
                    e => format!("cannot read `{}` ({e})", full.display()),
                })
            }
        };
        let decoded = bytes.and_then(|b| Asset::decode(written, &b).map_err(|e| format!("the file {e}")));
        match decoded {
            Ok(decoded) => {
                assets.insert(key, decoded);
            }
            Err(reason) => {
                let near = match spec {
                    Spec::File(file) => nearby_file(file.parent().unwrap_or(Path::new("")), written),
                    Spec::Builtin(_) => None,
                };
                let hint = match near {
                    Some(near) => format!("did you mean `{near}`? (paths are relative to the template file)"),
                    None => {
                        "paths are relative to the template file; PNG, JPEG and SVG are accepted".to_owned()
                    }
                };
                return Err(boxed(
                    layer
                        .error(
                            &path,
                            Target::Value,
                            format!("cannot use picture `{written}`: {reason}"),
                        )
                        .with_hint(hint),
                ));
            }
        }
    }
    Ok(())
}

/// For a file that does not exist, a file of the same folder whose name is a letter or two away.
fn nearby_file(base: &Path, written: &str) -> Option<String> {
    let full = base.join(written);
    if full.exists() {
        return None;
    }
    let name = full.file_name()?.to_str()?;
    let folder = match full.parent()? {
        p if p.as_os_str().is_empty() => Path::new("."),
        p => p,
    };
    // A folder of thousands of files is not worth reading for a hint.
    let names: Vec<String> = std::fs::read_dir(folder)
        .ok()?
        .take(1000)
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect();
    let candidates: Vec<&str> = names.iter().map(String::as_str).collect();
    let found = closest(name, &candidates)?;
    Some(match written.rsplit_once('/') {
        Some((dir, _)) => format!("{dir}/{found}"),
        None => found.to_owned(),
    })
}

/// Lays `child` (layer `index`) over `merged`, recording which parts it set.
fn merge(merged: &mut RawTemplate, child: RawTemplate, index: usize, owners: &mut BTreeMap<String, usize>) {
    let mut own = |path: String| {
        owners.insert(path, index);
    };
    if child.name.is_some() {
        merged.name = child.name;
        own("name".into());
    }
    if child.description.is_some() {
        merged.description = child.description;
        own("description".into());
    }
    merged.extends = child.extends;
    for (name, color) in child.brand.palette {
        own(format!("brand.palette.{name}"));
        merged.brand.palette.insert(name, color);
    }
    for (name, font) in child.brand.fonts {
        own(format!("brand.fonts.{name}"));
        merged.brand.fonts.insert(name, font);
    }
    if child.brand.logo.is_some() {
        merged.brand.logo = child.brand.logo;
        own("brand.logo".into());
    }
    if child.brand.url.is_some() {
        merged.brand.url = child.brand.url;
        own("brand.url".into());
    }
    if child.brand.hashtags.is_some() {
        merged.brand.hashtags = child.brand.hashtags;
        own("brand.hashtags".into());
    }
    for (name, style) in child.styles {
        own(format!("styles.{name}"));
        merged.styles.insert(name, style);
    }
    if child.background.is_some() {
        merged.background = child.background;
        own("background".into());
    }
    if child.locale.is_some() {
        merged.locale = child.locale;
        own("locale".into());
    }
    if child.elements.is_some() {
        merged.elements = child.elements;
        own("elements".into());
    }
    // A child's override of an element is laid over its parent's field by field, as elements are.
    for (key, patches) in child.formats {
        let target = merged.formats.entry(key.clone()).or_default();
        for (id, patch) in patches {
            match target.get_mut(&id) {
                Some(existing) => {
                    for field in existing.merge(&patch) {
                        own(format!("formats.{key}.{id}.{field}"));
                    }
                }
                None => {
                    own(format!("formats.{key}.{id}"));
                    target.insert(id, patch);
                }
            }
        }
    }
    if child.variants.is_some() {
        merged.variants = child.variants;
        own("variants".into());
    }
}
