//! Turns parsed arguments into validated inputs for the library, before any work starts.

use super::args::{ReadArgs, RunArgs};
use crate::batch::Plan;
use crate::diagnostic::Diagnostic;
use crate::select::SelectOptions;
use crate::template::{suggest::did_you_mean, Format, Template, DEFAULT_FORMATS};
use crate::transcript::{encoding_for_label, ReadOptions};

/// A usage error, shown as a diagnostic with exit code 2.
pub type PlanError = Box<Diagnostic>;

pub fn formats(ids: &[String]) -> Result<Vec<Format>, PlanError> {
    let ids: Vec<&str> = if ids.is_empty() {
        DEFAULT_FORMATS.to_vec()
    } else {
        ids.iter().map(|s| s.trim()).collect()
    };
    let mut formats: Vec<Format> = Vec::new();
    for id in ids {
        let format = Format::by_id(id).ok_or_else(|| {
            let known = Format::ids();
            Box::new(
                Diagnostic::error(format!("unknown format `{id}`{}", did_you_mean(id, &known)))
                    .with_hint(format!("formats: {}", known.join(", "))),
            )
        })?;
        if !formats.iter().any(|f| f.id == format.id) {
            formats.push(format);
        }
    }
    Ok(formats)
}

pub fn template(spec: &str) -> Result<Template, PlanError> {
    Template::by_name_or_path(spec).map_err(|e| e.0)
}

pub fn read_options(args: &ReadArgs) -> Result<ReadOptions, PlanError> {
    let encoding = match &args.encoding {
        None => None,
        Some(label) => Some(encoding_for_label(label).ok_or_else(|| {
            Box::new(
                Diagnostic::error(format!("unknown encoding `{label}`"))
                    .with_hint("try utf-8, utf-16le, utf-16be, windows-1252 or latin1"),
            )
        })?),
    };
    Ok(ReadOptions { encoding })
}

pub fn run_plan(args: &RunArgs) -> Result<Plan, PlanError> {
    for file in &args.files {
        if !file.exists() {
            return Err(Box::new(
                Diagnostic::error(format!(
                    "failed to read transcript `{}` (no such file)",
                    file.display()
                ))
                .with_hint("check the path; `pullquote run` takes transcript files such as examples/*.txt"),
            ));
        }
    }
    Ok(Plan {
        inputs: args.files.clone(),
        output_dir: args.output.clone(),
        formats: formats(&args.template.formats)?,
        template: template(&args.template.template)?,
        select: SelectOptions {
            max_quotes: args.select.max_quotes,
            ..SelectOptions::default()
        },
        read: read_options(&args.read)?,
    })
}

/// Reads and decodes a speaker photo.
pub fn photo(path: &std::path::Path) -> Result<std::sync::Arc<image::RgbaImage>, PlanError> {
    let fail = |reason: String| {
        Box::new(
            Diagnostic::error(format!("failed to read photo `{}` ({reason})", path.display()))
                .with_hint("pass a PNG or JPEG portrait"),
        )
    };
    let bytes = std::fs::read(path).map_err(|e| fail(e.to_string()))?;
    let image = image::load_from_memory(&bytes).map_err(|e| fail(e.to_string()))?;
    Ok(std::sync::Arc::new(image.to_rgba8()))
}
