//! Turns parsed arguments into a validated plan before any work starts. A flag that does not
//! apply to the chosen input is a usage error that says why, never silently ignored.

use super::args::{OutputArgs, ReadArgs, RenderArgs, RunArgs, SelectArgs, ALL_FORMATS};
use super::config::Config;
use super::inputs;
use crate::batch::{self, Folder, OutputOptions, Plan, PlannedCard};
use crate::card::{CardRequest, Photo, TypedQuote};
use crate::diagnostic::Diagnostic;
use crate::encode::ImageKind;
use crate::select::review::QuotesFile;
use crate::select::SelectOptions;
use crate::template::{Format, Template, DEFAULT_FORMATS, FORMATS};
use crate::transcript::{encoding_for_label, Language, ReadOptions};
use std::path::Path;
use std::sync::Arc;

/// A usage error, shown as a diagnostic with exit code 2.
pub type PlanError = Box<Diagnostic>;

pub fn formats(ids: &[String]) -> Result<Vec<Format>, PlanError> {
    if ids.iter().any(|id| id.eq_ignore_ascii_case(ALL_FORMATS)) {
        return Ok(FORMATS.to_vec());
    }
    if ids.is_empty() {
        let defaults: Vec<String> = DEFAULT_FORMATS.iter().map(|s| (*s).to_owned()).collect();
        return batch::format_list(&defaults);
    }
    batch::format_list(ids)
}

/// The template `spec` names, with `logo` as its brand logo when given.
pub fn template(spec: &str, logo: Option<&Path>) -> Result<Template, PlanError> {
    let template = Template::by_name_or_path(spec).map_err(|e| e.0)?;
    match logo {
        Some(path) => template.with_logo(path).map_err(|e| e.0),
        None => Ok(template),
    }
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
    let defaults = SelectOptions::default();
    let min_chars = args.min_chars.unwrap_or(defaults.min_chars);
    let max_chars = args.max_chars.unwrap_or(defaults.max_chars);
    if min_chars == 0 || min_chars > max_chars {
        return Err(Box::new(
            Diagnostic::error(format!(
                "invalid length window: --min-chars {min_chars} and --max-chars {max_chars}"
            ))
            .with_hint("the shortest quote must be at least 1 character and no longer than the longest"),
        ));
    }
    Ok(SelectOptions {
        max_quotes: args.max_quotes.unwrap_or(defaults.max_quotes),
        min_chars,
        max_chars,
        cuts: !args.no_cuts,
        ..defaults
    })
}

pub fn output_options(args: &OutputArgs, config: &Config) -> Result<OutputOptions, PlanError> {
    let kind = ImageKind::from(config.image_format(args.image_format).value);
    if args.optimize && kind != ImageKind::Png {
        return Err(does_not_apply(
            "--optimize",
            &format!("{} cards", kind.extension().to_uppercase()),
            "it makes PNG files smaller; drop it, or ask for PNG with `--image-format png`",
        ));
    }
    if args.jobs == Some(0) {
        return Err(Box::new(Diagnostic::error("--jobs must be at least 1")));
    }
    Ok(OutputOptions {
        kind,
        effort: if args.optimize {
            crate::encode::Effort::Smallest
        } else {
            crate::encode::Effort::Normal
        },
        force: args.force,
        dry_run: args.dry_run,
        keep_stale: args.keep_stale,
        card_time_limit: Some(args.card_time_limit),
    })
}

/// The usage error for `flag`, given with an input it does not apply to.
fn does_not_apply(flag: &str, input: &str, hint: &str) -> PlanError {
    Box::new(Diagnostic::error(format!("`{flag}` does not apply to {input}")).with_hint(hint.to_owned()))
}

/// The first of `given` that was set, as a usage error.
fn refuse(given: &[(&str, bool, &str)], input: &str) -> Result<(), PlanError> {
    match given.iter().find(|(_, set, _)| *set) {
        Some((flag, _, hint)) => Err(does_not_apply(flag, input, hint)),
        None => Ok(()),
    }
}

/// A quotes file (from `extract -o`, perhaps edited), read and checked.
pub fn quotes_file(path: &Path) -> Result<(QuotesFile, Vec<Diagnostic>), PlanError> {
    QuotesFile::read(path)
}

/// What `-o` says to write to standard output.
pub const STDOUT: &str = "-";

pub fn run_plan(args: &RunArgs, config: &Config) -> Result<Plan, PlanError> {
    let template = Arc::new(template(
        &config.template(args.template.template.as_deref()).value,
        config
            .logo(args.template.logo.as_deref())
            .map(|logo| logo.value)
            .as_deref(),
    )?);
    let formats = formats(&config.formats(&args.template.formats).value)?;
    let output = config
        .output(args.output.as_deref(), Some("out"))
        .expect("run has a default output folder")
        .value;
    if output == Path::new(STDOUT) {
        return Err(Box::new(
            Diagnostic::error("`run` writes a folder of cards and cannot write them to standard output")
                .with_hint(
                "give an output folder; `pullquote render --text … -o -` writes one card to standard output",
            ),
        ));
    }
    let mut plan = Plan::new(&output, output_options(&args.out, config)?);
    if let Some(path) = &args.quotes {
        let s = &args.select;
        let select =
            "the quotes file's enabled quotes are drawn as they are; select again with `pullquote extract`";
        refuse(
            &[
                ("--max", s.max_quotes.is_some(), select),
                ("--min-chars", s.min_chars.is_some(), select),
                ("--max-chars", s.max_chars.is_some(), select),
                ("--no-cuts", s.no_cuts, select),
                (
                    "--encoding",
                    args.read.encoding.is_some(),
                    "a quotes file is always UTF-8 YAML; --encoding is for reading transcripts",
                ),
            ],
            "a quotes file (--quotes)",
        )?;
        let (file, warnings) = quotes_file(path)?;
        let dir = output.join(Folder::quotes_file_slug(path, &file));
        plan.folders.push(Folder::from_quotes_file(
            path, &file, warnings, dir, &template, &formats,
        )?);
        return Ok(plan);
    }
    let inputs = inputs::expand(&args.files).map_err(|e| {
        Box::new(Diagnostic::error(e.to_string()).with_hint(
            "pass transcript files, folders of transcripts, or quoted glob patterns such as 'interviews/*.txt'",
        ))
    })?;
    let read = read_options(&args.read)?;
    let select = select_options(&args.select)?;
    plan.add_interviews(&inputs, &read, &select, &template, &formats);
    Ok(plan)
}

fn is_quotes_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}

/// A speaker photo given on the command line, checked now so that a typo stops the run.
pub fn photo(path: &Path) -> Result<Photo, PlanError> {
    let fail = |reason: String| {
        Box::new(
            Diagnostic::error(format!("failed to read photo `{}` ({reason})", path.display()))
                .with_hint("pass a PNG or JPEG portrait"),
        )
    };
    let bytes = crate::limits::read(path, crate::limits::Kind::Image).map_err(|e| fail(e.to_string()))?;
    crate::template::decode_upright(&bytes).map_err(|e| fail(e.to_string()))?;
    Ok(Photo::File(path.to_path_buf()))
}

/// How standard input is named in messages.
const STDIN: &str = "<stdin>";

/// Whether text read from standard input is a quotes file (a top-level `quotes:` list) rather
/// than a sheet, whose header row cannot start that way.
fn looks_like_quotes_file(text: &str) -> bool {
    text.lines().any(|line| {
        line.trim_start_matches('\u{FEFF}')
            .strip_prefix("quotes:")
            .is_some_and(|rest| rest.trim().is_empty())
    })
}

/// `render`'s output folder, or `-`: the flag, else the settings file; one of them must say.
fn render_output(args: &RenderArgs, config: &Config) -> Result<std::path::PathBuf, PlanError> {
    match config.output(args.output.as_deref(), None) {
        Some(setting) => Ok(setting.value),
        None => Err(Box::new(
            Diagnostic::error("no output folder")
                .with_hint("give one with `-o DIR` (`-o -` writes a single card to standard output), or set `output:` in pullquote.yaml"),
        )),
    }
}

pub fn render_plan(args: &RenderArgs, config: &Config) -> Result<Plan, PlanError> {
    let logo = config.logo(args.logo.as_deref()).map(|logo| logo.value);
    let template = Arc::new(template(
        &config.template(args.template.as_deref()).value,
        logo.as_deref(),
    )?);
    let formats = formats(&config.formats(&args.formats).value)?;
    let language = args.lang.map(Language::from);
    let output = render_output(args, config)?;
    let mut plan = Plan::new(&output, output_options(&args.out, config)?);
    // Standard input is read once, then parsed as whichever of the two it looks like.
    let stdin = match &args.input {
        Some(path) if path == Path::new("-") => {
            let bytes = crate::limits::read_capped(std::io::stdin(), crate::limits::Kind::Sheet)
                .map_err(|e| Box::new(Diagnostic::error(format!("failed to read standard input ({e})"))))?;
            Some(bytes)
        }
        _ => None,
    };
    let stdin_text = stdin.as_deref().map(String::from_utf8_lossy);
    let input = match (&args.input, &stdin_text) {
        (Some(_), Some(text)) => Some((Path::new(STDIN), looks_like_quotes_file(text))),
        (Some(path), None) => Some((path.as_path(), is_quotes_file(path))),
        (None, _) => None,
    };
    let folder = match input {
        Some((path, true)) => {
            let file =
                "set it at the top of the quotes file (`date:`, `title:`, `kicker:`, `outlet:`, `language:`)";
            let speaker =
                "each quote of the file names its speaker (`speaker:` with `name`, `role`, `organisation`)";
            refuse(
                &[
                    ("--text", args.text.is_some(), "the quotes file gives the quotes; render one typed quote without the file"),
                    ("--speaker", args.speaker.is_some(), speaker),
                    ("--role", args.role.is_some(), speaker),
                    ("--organisation", args.organisation.is_some(), speaker),
                    ("--photo", args.photo.is_some(), "set a quote's photo under its speaker in the quotes file (`photo: portrait.jpg`, relative to the file)"),
                    ("--date", args.date.is_some(), file),
                    ("--title", args.title.is_some(), file),
                    ("--kicker", args.kicker.is_some(), file),
                    ("--outlet", args.outlet.is_some(), file),
                    ("--lang", args.lang.is_some(), file),
                    ("--highlight", !args.highlight.is_empty(), "list a quote's words under its `highlight:` in the quotes file"),
                ],
                "a quotes file",
            )?;
            let (file, warnings) = match &stdin_text {
                Some(text) => QuotesFile::parse(text, path)?,
                None => quotes_file(path)?,
            };
            Folder::from_quotes_file(path, &file, warnings, output.clone(), &template, &formats)?
        }
        Some((sheet, false)) => {
            let column = |name: &str| format!("add a `{name}` column to the sheet: one value per row");
            refuse(
                &[
                    (
                        "--text",
                        args.text.is_some(),
                        "the sheet gives the quotes, one a row; render one typed quote without the sheet",
                    ),
                    ("--speaker", args.speaker.is_some(), &column("name")),
                    ("--role", args.role.is_some(), &column("role")),
                    (
                        "--organisation",
                        args.organisation.is_some(),
                        &column("organisation"),
                    ),
                    ("--photo", args.photo.is_some(), &column("photo")),
                    ("--date", args.date.is_some(), &column("date")),
                    ("--kicker", args.kicker.is_some(), &column("kicker")),
                    ("--highlight", !args.highlight.is_empty(), &column("highlight")),
                    (
                        "--title",
                        args.title.is_some(),
                        "a title is given with a quote on the command line (--text) or in a quotes file",
                    ),
                    (
                        "--outlet",
                        args.outlet.is_some(),
                        "an outlet is given with a quote on the command line (--text) or in a quotes file",
                    ),
                ],
                "a sheet",
            )?;
            let rows = match &stdin {
                Some(bytes) => crate::sheet::parse(bytes, sheet)?,
                None => crate::sheet::read(sheet)?,
            };
            Folder::from_rows(
                sheet,
                rows,
                output.clone(),
                &template,
                &formats,
                language,
                logo.as_deref(),
            )?
        }
        None => {
            let speaker = args.speaker.as_deref().unwrap_or_default();
            let (request, missing) = CardRequest::from_typed(TypedQuote {
                text: args.text.clone().unwrap_or_default(),
                speaker: speaker.to_owned(),
                role: args.role.clone(),
                organisation: args.organisation.clone(),
                photo: args.photo.as_deref().map(photo).transpose()?,
                title: args.title.clone(),
                kicker: args.kicker.clone(),
                date: args.date.clone(),
                outlet: args.outlet.clone(),
                language,
                highlight: args.highlight.clone(),
            });
            if let Some(word) = missing.first() {
                return Err(Box::new(
                    Diagnostic::error(format!("--highlight `{word}` does not occur in the quote"))
                        .with_hint("give words of the text, as written (case does not matter)"),
                ));
            }
            let mut folder = Folder::new(output.clone(), Path::new("command line"), Some(request.language));
            folder.interview.slug = crate::slug::slugify(speaker);
            let name = format!("q01-{speaker}");
            if language.is_none() && !request.guess_language().sure {
                folder.diagnostics.push(
                    Diagnostic::warning(format!(
                        "too few words to be sure of the quote's language: set in {} typography",
                        match request.language {
                            Language::French => "French",
                            Language::English => "English",
                        }
                    ))
                    .with_hint("pass --lang fr or --lang en to choose"),
                );
            }
            folder.push(PlannedCard::new(&name, request, template, formats))?;
            folder
        }
    };
    plan.folders.push(folder);
    Ok(plan)
}
