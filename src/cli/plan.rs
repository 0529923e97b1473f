//! Turns parsed arguments into validated inputs for the library, before any work starts.

use super::args::{ReadArgs, RunArgs, SelectArgs};
use crate::batch::{Plan, QuotesInput};
use crate::diagnostic::Diagnostic;
use crate::select::review::QuotesFile;
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

pub fn select_options(args: &SelectArgs) -> Result<SelectOptions, PlanError> {
    if args.min_chars == 0 || args.min_chars > args.max_chars {
        return Err(Box::new(
            Diagnostic::error(format!(
                "invalid length window: --min-chars {} and --max-chars {}",
                args.min_chars, args.max_chars
            ))
            .with_hint("the shortest quote must be at least 1 character and no longer than the longest"),
        ));
    }
    Ok(SelectOptions {
        max_quotes: args.max_quotes,
        min_chars: args.min_chars,
        max_chars: args.max_chars,
        cuts: !args.no_cuts,
        ..SelectOptions::default()
    })
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
        select: select_options(&args.select)?,
        read: read_options(&args.read)?,
        quotes: match &args.quotes {
            None => None,
            Some(path) => {
                let (file, warnings) = QuotesFile::read(path)?;
                Some(QuotesInput {
                    path: path.clone(),
                    file,
                    warnings,
                })
            }
        },
    })
}
