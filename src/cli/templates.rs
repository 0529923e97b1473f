//! `pullquote templates …`: list, show, init, check, preview and schema.

use super::args::TemplatesCommand;
use super::plan::{self, PlanError};
use super::term;
use super::{print_diagnostics, EXIT_FAILED_CARDS};
use crate::batch::output::write_atomic;
use crate::batch::{self, CardError, Folder, OutputOptions, Plan, PlannedCard};
use crate::boundary::SafeSlice;
use crate::diagnostic::Diagnostic;
use crate::fonts::FontBook;
use crate::proof::{self, Tile, SAMPLES};
use crate::template::{schema, Format, Template, FORMATS};
use crate::typeset::TypesetError;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

pub fn run(command: TemplatesCommand) -> Result<ExitCode, PlanError> {
    match command {
        TemplatesCommand::List { json } => list(json),
        TemplatesCommand::Show { name } => show(&name),
        TemplatesCommand::Init { dir, from, force } => init(&dir, &from, force),
        TemplatesCommand::Check { template, strict } => check(&template, strict),
        TemplatesCommand::Preview {
            template,
            output,
            formats,
            scale,
            photo,
            logo,
        } => preview(
            &template,
            &output,
            &formats,
            scale,
            photo.as_deref(),
            logo.as_deref(),
        ),
        TemplatesCommand::Schema => {
            term::out(&schema::schema_text(FontBook::embedded()));
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn list(json: bool) -> Result<ExitCode, PlanError> {
    if json {
        #[derive(serde::Serialize)]
        struct Listed {
            name: &'static str,
            description: Option<String>,
        }
        #[derive(serde::Serialize)]
        struct Templates {
            templates: Vec<Listed>,
        }
        let mut templates = Vec::new();
        for name in Template::builtin_names() {
            let description = plan::template(name, None)?.description;
            templates.push(Listed { name, description });
        }
        term::outln(&super::report::versioned(&Templates { templates }));
        return Ok(ExitCode::SUCCESS);
    }
    for name in Template::builtin_names() {
        let template = plan::template(name, None)?;
        term::outln(&format!(
            "{name:<10} {}",
            template.description.as_deref().unwrap_or("")
        ));
    }
    term::outln("\nCopy one with `pullquote templates show NAME > brand.yaml`, or start a brand with `pullquote templates init DIR`.");
    Ok(ExitCode::SUCCESS)
}

fn show(name: &str) -> Result<ExitCode, PlanError> {
    match Template::builtin_source(name) {
        Some(source) => {
            term::out(source);
            Ok(ExitCode::SUCCESS)
        }
        None => Err(Template::builtin(name)
            .err()
            .map(|e| e.0)
            .unwrap_or_else(|| Box::new(Diagnostic::error(format!("no built-in template named `{name}`"))))),
    }
}

/// The starter's logo: the built-ins carry none, so a brand template starts with a place to put one.
const PLACEHOLDER_LOGO: &str = "assets/placeholder-logo.svg";

fn init(dir: &Path, from: &str, force: bool) -> Result<ExitCode, PlanError> {
    let Some(source) = Template::builtin_source(from) else {
        return Err(Template::builtin(from)
            .err()
            .map(|e| e.0)
            .unwrap_or_else(|| Box::new(Diagnostic::error(format!("no built-in template named `{from}`")))));
    };
    let mut yaml = format!(
        "# yaml-language-server: $schema=./template.schema.json\n\
         # A starter brand template, from the built-in `{from}`. Edit the brand section first:\n\
         # palette, fonts and logo. Check it with `pullquote templates check brand.yaml` and see\n\
         # it on every format with `pullquote templates preview brand.yaml -o proofs`.\n"
    );
    for line in source.lines() {
        let line = match line.strip_prefix("name:") {
            Some(_) => "name: brand".to_owned(),
            None => line.to_owned(),
        };
        yaml.push_str(&line);
        yaml.push('\n');
        if line == "brand:" {
            yaml.push_str(&format!(
                "  # Your logo: PNG, JPEG or SVG, relative to this file.\n  logo: {PLACEHOLDER_LOGO}\n"
            ));
        }
    }
    let mut files: Vec<(String, Vec<u8>)> = vec![
        ("brand.yaml".into(), yaml.clone().into_bytes()),
        (
            "template.schema.json".into(),
            schema::schema_text(FontBook::embedded()).into_bytes(),
        ),
    ];
    // Every picture the template still refers to, with the placeholder logo.
    for line in yaml.lines() {
        if let Some(at) = line.find("assets/") {
            let path = line.slice(at..).trim_end_matches(['"', '\'', ' ']).to_owned();
            if let Some(bytes) = Template::builtin_asset(&path) {
                if !files.iter().any(|(p, _)| *p == path) {
                    files.push((path, bytes.to_vec()));
                }
            }
        }
    }
    if !force {
        if let Some((existing, _)) = files.iter().find(|(p, _)| dir.join(p).exists()) {
            return Err(Box::new(
                Diagnostic::error(format!("`{}` already exists", dir.join(existing).display()))
                    .with_hint("choose an empty folder, or pass --force to overwrite"),
            ));
        }
    }
    for (path, bytes) in &files {
        let target = dir.join(path);
        write_atomic(&target, bytes).map_err(|e| {
            Box::new(Diagnostic::error(format!(
                "failed to write `{}` ({e})",
                target.display()
            )))
        })?;
        term::outln(&target.display().to_string());
    }
    let template = Template::load(&dir.join("brand.yaml")).map_err(|e| e.0)?;
    eprintln!(
        "created template `{}`; edit {} and run `pullquote templates preview {} -o proofs`",
        template.name,
        dir.join("brand.yaml").display(),
        dir.join("brand.yaml").display()
    );
    Ok(ExitCode::SUCCESS)
}

fn check(spec: &str, strict: bool) -> Result<ExitCode, PlanError> {
    let template = plan::template(spec, None)?;
    let warnings = proof::lint(&template, FORMATS);
    print_diagnostics(&warnings);
    let errors = warnings
        .iter()
        .filter(|d| d.severity == crate::diagnostic::Severity::Error)
        .count();
    let files = template.files();
    let chain = if files.len() > 1 {
        format!(
            " (extends {})",
            files[..files.len() - 1]
                .iter()
                .map(|f| f.display().to_string())
                .collect::<Vec<_>>()
                .join(" → ")
        )
    } else {
        String::new()
    };
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    if errors > 0 {
        eprintln!(
            "template `{}`{chain}: {errors} sample card{} cannot be drawn, so `templates preview` would fail",
            template.name,
            plural(errors)
        );
        return Ok(ExitCode::from(EXIT_FAILED_CARDS));
    }
    eprintln!(
        "template `{}`{chain}: valid on {} formats, {} warning{}",
        template.name,
        FORMATS.len(),
        warnings.len(),
        plural(warnings.len())
    );
    Ok(if strict && !warnings.is_empty() {
        ExitCode::from(EXIT_FAILED_CARDS)
    } else {
        ExitCode::SUCCESS
    })
}

fn preview(
    spec: &str,
    output: &Path,
    formats: &[String],
    scale: f32,
    photo: Option<&Path>,
    logo: Option<&Path>,
) -> Result<ExitCode, PlanError> {
    if !(scale > 0.0 && scale <= 4.0) {
        return Err(Box::new(
            Diagnostic::error(format!("--scale {scale} is out of range"))
                .with_hint("use a factor between 0.05 and 4, e.g. 0.5 for a quick look"),
        ));
    }
    let template = Arc::new(plan::template(spec, logo)?);
    let formats: Vec<Format> = if formats.is_empty() {
        FORMATS.to_vec()
    } else {
        plan::formats(formats)?
    }
    .iter()
    .map(|f| f.scaled(scale))
    .collect();
    let photo = photo.map(plan::photo).transpose()?;

    // The samples go through the same plan as any run: cards, alt texts, manifest, review page.
    let mut batch_plan = Plan::new(output, OutputOptions::default());
    batch_plan.title = format!("{} · {}", template.name, template.origin.display_path().display());
    let mut folder = Folder::new(output.to_path_buf(), &template.origin.display_path(), None);
    for sample in SAMPLES {
        let mut request = sample.request();
        request.speaker.photo = photo.clone();
        folder.push(PlannedCard::new(
            sample.name,
            request,
            template.clone(),
            formats.clone(),
        ))?;
    }
    batch_plan.folders.push(folder);
    let report = batch::run(&batch_plan, &batch::Silent);

    let mut tiles = Vec::new();
    for (rank, sample) in SAMPLES.iter().enumerate() {
        for format in &formats {
            let written = report.outcomes.iter().find(|o| {
                o.format == format.id
                    && o.path
                        .file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with(&format!("{}-", sample.name)))
            });
            let failure = report
                .failures
                .iter()
                .find(|f| f.rank == rank + 1 && f.format == format.id);
            let image = match (written, failure) {
                (Some(outcome), _) => {
                    term::outln(&outcome.path.display().to_string());
                    image::open(&outcome.path)
                        .map(|i| i.to_rgb8())
                        .map_err(|_| "unreadable")
                }
                (None, Some(failure)) => {
                    term::report(&Diagnostic::error(format!(
                        "{} sample on `{}`: {}",
                        sample.name, format.id, failure.error
                    )));
                    Err(match &failure.error {
                        CardError::Typeset(TypesetError::DoesNotFit { .. }) => "does not fit",
                        CardError::Typeset(_) => "missing glyphs",
                        CardError::Template(_) => "template error",
                        CardError::Photo { .. } => "photo unreadable",
                        _ => "not written",
                    })
                }
                (None, None) => Err("not written"),
            };
            tiles.push(Tile {
                sample: sample.name,
                format: format.clone(),
                image,
            });
        }
    }
    for failure in report.failures.iter().filter(|f| f.rank == 0) {
        term::report(&Diagnostic::error(failure.error.to_string()));
    }
    let sheet = proof::contact_sheet(&batch_plan.title, &tiles);
    let path = output.join("contact-sheet.png");
    write_png(&path, &sheet)?;
    term::outln(&path.display().to_string());
    Ok(if report.failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_FAILED_CARDS)
    })
}

fn write_png(path: &Path, image: &image::RgbImage) -> Result<(), PlanError> {
    let bytes = crate::encode::png(image).map_err(|e| {
        Box::new(Diagnostic::error(format!(
            "failed to encode `{}` ({e})",
            path.display()
        )))
    })?;
    write_atomic(path, &bytes).map(|_| ()).map_err(|e| {
        Box::new(Diagnostic::error(format!(
            "failed to write `{}` ({e})",
            path.display()
        )))
    })
}
