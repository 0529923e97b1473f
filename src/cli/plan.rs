//! Turns parsed arguments into validated inputs for the library, before any work starts.

use super::args::{OutputArgs, ReadArgs, RunArgs, SelectArgs};
use crate::batch::{self, CardSpec, Group, OutputOptions, Plan, QuotesInput};
use crate::diagnostic::Diagnostic;
use crate::encode::ImageKind;
use crate::select::review::QuotesFile;
use crate::select::QuoteSpeaker;
use crate::select::SelectOptions;
use crate::template::CardContent;
use crate::template::{suggest::did_you_mean, Format, Template, DEFAULT_FORMATS};
use crate::transcript::Language;
use crate::transcript::{encoding_for_label, ReadOptions};
use std::path::Path;

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

/// A quotes file (from `extract -o`, perhaps edited), read and checked.
pub fn quotes_input(path: &Path) -> Result<QuotesInput, PlanError> {
    let (file, warnings) = QuotesFile::read(path)?;
    Ok(QuotesInput {
        path: path.to_path_buf(),
        file,
        warnings,
    })
}

/// What a sheet asks for.
pub struct SheetWork {
    pub group: Group,
    pub templates: Vec<Template>,
    pub formats: Vec<Format>,
}

pub fn output_options(args: &OutputArgs) -> Result<OutputOptions, PlanError> {
    let kind = ImageKind::parse(&args.image_format).ok_or_else(|| {
        Box::new(
            Diagnostic::error(format!("unknown image format `{}`", args.image_format))
                .with_hint("use png, jpeg or webp"),
        )
    })?;
    if args.jobs == Some(0) {
        return Err(Box::new(Diagnostic::error("--jobs must be at least 1")));
    }
    Ok(OutputOptions {
        kind,
        force: args.force,
        dry_run: args.dry_run,
    })
}

pub fn run_plan(args: &RunArgs) -> Result<Plan, PlanError> {
    let inputs = batch::inputs::expand(&args.files).map_err(|e| {
        Box::new(Diagnostic::error(e.to_string()).with_hint(
            "pass transcript files, folders of transcripts, or quoted glob patterns such as 'interviews/*.txt'",
        ))
    })?;
    Ok(Plan {
        inputs,
        output_dir: args.output.clone(),
        formats: formats(&args.template.formats)?,
        template: template(&args.template.template)?,
        select: select_options(&args.select)?,
        read: read_options(&args.read)?,
        quotes: args.quotes.as_deref().map(quotes_input).transpose()?,
        output: output_options(&args.out)?,
    })
}

/// Work from a CSV/TSV sheet: one group written into `output`; the templates rows name (index 1
/// onwards; index 0 is the command line's); and every format used (the command line's first).
pub fn sheet_work(
    sheet: &Path,
    output: &Path,
    default_formats: &[Format],
    default_template: &Template,
    language: Option<Language>,
) -> Result<SheetWork, PlanError> {
    let rows = crate::sheet::read(sheet)?;
    let mut all_formats: Vec<Format> = default_formats.to_vec();
    let mut templates: Vec<(String, Template)> = Vec::new();
    let mut cards = Vec::new();
    for row in &rows {
        let located = |d: Box<Diagnostic>| Box::new(d.in_file(sheet).at_line(row.line));
        let row_formats = if row.formats.is_empty() {
            all_formats[..default_formats.len()].to_vec()
        } else {
            formats(&row.formats).map_err(located)?
        };
        let format_indices: Vec<usize> = row_formats
            .iter()
            .map(|f| match all_formats.iter().position(|known| known.id == f.id) {
                Some(i) => i,
                None => {
                    all_formats.push(f.clone());
                    all_formats.len() - 1
                }
            })
            .collect();
        let template_index = match &row.template {
            None => 0,
            Some(name) if name == &default_template.name => 0,
            Some(name) => match templates.iter().position(|(n, _)| n == name) {
                Some(i) => i + 1,
                None => {
                    let relative = sheet.parent().map(|dir| dir.join(name)).filter(|p| p.exists());
                    let spec = relative
                        .map(|p| p.display().to_string())
                        .unwrap_or_else(|| name.clone());
                    templates.push((name.clone(), template(&spec).map_err(located)?));
                    templates.len()
                }
            },
        };
        let language = row
            .language
            .or(language)
            .unwrap_or_else(|| crate::transcript::parse::detect_language(&row.quote));
        cards.push(CardSpec {
            stem: format!(
                "{}-{}",
                crate::slug::slugify(&row.id),
                crate::slug::slugify(&row.name)
            ),
            quote: batch::given_quote(cards.len() + 1, &row.quote),
            speaker: QuoteSpeaker {
                label: String::new(),
                name: row.name.clone(),
                role: row.role.clone(),
                organisation: row.organisation.clone(),
            },
            content: CardContent {
                quote: row.quote.clone(),
                speaker_name: row.name.clone(),
                role: row.role.clone(),
                organisation: row.organisation.clone(),
                title: None,
                language,
                ..CardContent::default()
            },
            template: template_index,
            formats: format_indices,
        });
    }
    let group = Group {
        dir: output.to_path_buf(),
        source: sheet.to_path_buf(),
        interview: batch::manifest::InterviewEntry {
            source: sheet.display().to_string(),
            slug: crate::slug::slugify(
                &sheet
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            ),
            language: None,
            speakers: Vec::new(),
        },
        cards,
        diagnostics: Vec::new(),
    };
    Ok(SheetWork {
        group,
        templates: templates.into_iter().map(|(_, t)| t).collect(),
        formats: all_formats,
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
