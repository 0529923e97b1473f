//! The command-line interface: dispatches subcommands, prints results and diagnostics, and
//! picks the exit code (0 all written, 1 some cards failed, 2 usage, input or template error).

mod args;
mod plan;
mod templates;

use crate::batch;
use crate::diagnostic::Diagnostic;
use crate::select::{self, Quote, QuoteKind, SelectOptions};
use crate::template::{CardContent, Format, FORMATS};
use crate::transcript::{self, Language, Transcript};
use crate::typeset::FontBook;
use args::{Cli, Command, ExtractArgs, RenderArgs, RunArgs};
use clap::Parser;
use serde::Serialize;
use std::ffi::OsString;
use std::process::ExitCode;

const EXIT_FAILED_CARDS: u8 = 1;
const EXIT_USAGE: u8 = 2;

/// Runs the command line `args` (including the program name).
pub fn run(args: impl IntoIterator<Item = OsString>) -> ExitCode {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(EXIT_USAGE)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let result = match cli.command {
        Command::Extract(args) => extract(&args),
        Command::Render(args) => render(&args),
        Command::Run(args) => run_batch(&args),
        Command::Formats => {
            print_formats();
            Ok(ExitCode::SUCCESS)
        }
        Command::Templates(command) => templates::run(command),
    };
    result.unwrap_or_else(|diagnostic| {
        eprintln!("{diagnostic}");
        ExitCode::from(EXIT_USAGE)
    })
}

fn print_diagnostics(diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        eprintln!("{d}");
    }
}

fn read_error(e: &transcript::ReadError) -> Diagnostic {
    let mut d = Diagnostic::error(e.to_string());
    if let Some(hint) = e.hint() {
        d = d.with_hint(hint);
    }
    d
}

#[derive(Serialize)]
struct ExtractJson<'a> {
    source: String,
    language: Language,
    encoding: &'a str,
    speakers: &'a [transcript::Speaker],
    quotes: &'a [Quote],
    diagnostics: Vec<Diagnostic>,
}

fn extract(args: &ExtractArgs) -> Result<ExitCode, Box<Diagnostic>> {
    let read = plan::read_options(&args.read)?;
    let transcript = transcript::read(&args.file, &read).map_err(|e| Box::new(read_error(&e)))?;
    let options = SelectOptions {
        max_quotes: args.select.max_quotes,
        ..SelectOptions::default()
    };
    let selection = select::select(&transcript, &options);
    let mut diagnostics = transcript.diagnostics.clone();
    diagnostics.extend(
        selection
            .diagnostics
            .iter()
            .cloned()
            .map(|d| d.in_file(&args.file)),
    );
    if args.json {
        let json = ExtractJson {
            source: args.file.display().to_string(),
            language: transcript.language,
            encoding: transcript.encoding,
            speakers: &transcript.speakers,
            quotes: &selection.quotes,
            diagnostics: diagnostics.clone(),
        };
        println!(
            "{}",
            serde_json::to_string_pretty(&json).expect("extract output serialises")
        );
    } else {
        print!("{}", describe(&transcript, &selection.quotes));
    }
    print_diagnostics(&diagnostics);
    Ok(ExitCode::SUCCESS)
}

/// The human-readable `extract` report.
fn describe(transcript: &Transcript, quotes: &[Quote]) -> String {
    let mut out = String::new();
    let language = match transcript.language {
        Language::French => "French",
        Language::English => "English",
    };
    let answers = transcript.answers().count();
    out.push_str(&format!(
        "{language} interview, {answers} answers, {} encoding\n\nSpeakers\n",
        transcript.encoding
    ));
    for s in &transcript.speakers {
        let mut credit = vec![];
        credit.extend(s.role.clone());
        credit.extend(s.organisation.clone());
        let credit = if credit.is_empty() {
            String::new()
        } else {
            format!(" — {}", credit.join(", "))
        };
        out.push_str(&format!("  {:<6} {}{credit}\n", s.label, s.name));
    }
    out.push_str("\nQuotes\n");
    for (i, q) in quotes.iter().enumerate() {
        let kind = match q.kind {
            QuoteKind::Editor => "editor",
            QuoteKind::Auto => "auto",
        };
        out.push_str(&format!(
            "  {}. [{kind}] score {:.3} · {} · line {}\n",
            i + 1,
            q.score,
            q.speaker.name,
            q.source.line
        ));
        out.push_str(&format!("     {}\n", q.text));
        for reason in &q.reasons {
            out.push_str(&format!("       · {reason}\n"));
        }
    }
    out
}

fn render(args: &RenderArgs) -> Result<ExitCode, Box<Diagnostic>> {
    let formats = plan::formats(&args.formats)?;
    let template = plan::template(&args.template)?;
    let language = match &args.lang {
        Some(code) => Language::from_code(code).ok_or_else(|| {
            Box::new(Diagnostic::error(format!("unknown language `{code}`")).with_hint("use fr or en"))
        })?,
        None => transcript::parse::detect_language(&args.text),
    };
    let content = CardContent {
        quote: args.text.clone(),
        speaker_name: args.speaker.clone(),
        role: args.role.clone(),
        organisation: args.organisation.clone(),
        title: None,
        date: args.date.clone(),
        photo: args.photo.as_deref().map(plan::photo).transpose()?,
        language,
    };
    let fonts = FontBook::embedded();
    let mut failed = 0;
    for format in &formats {
        let name = batch::output::card_file_name(1, &args.speaker, format.id, "png");
        let path = args.output.join(&name);
        let result = batch::render_card(&template, format, &content, fonts).and_then(|(png, _)| {
            let alt = batch::manifest::alt_text(&content, format);
            batch::output::write_atomic(&path, &png)
                .and_then(|_| {
                    batch::output::write_atomic(
                        &batch::output::alt_text_path(&path),
                        format!("{alt}\n").as_bytes(),
                    )
                })
                .map_err(|source| batch::CardError::Write {
                    path: path.clone(),
                    source,
                })
        });
        match result {
            Ok(_) => println!("{}", path.display()),
            Err(e) => {
                failed += 1;
                eprintln!("{}", card_failure(&e, format.id));
            }
        }
    }
    Ok(if failed > 0 {
        ExitCode::from(EXIT_FAILED_CARDS)
    } else {
        ExitCode::SUCCESS
    })
}

fn card_failure(error: &batch::CardError, format: &str) -> Diagnostic {
    match error {
        batch::CardError::Template(t) => (*t.0).clone(),
        batch::CardError::Typeset(t) => Diagnostic::error(format!("{format}: {t}")).with_hint(t.hint()),
        other => Diagnostic::error(format!("{format}: {other}")),
    }
}

fn run_batch(args: &RunArgs) -> Result<ExitCode, Box<Diagnostic>> {
    let plan = plan::run_plan(args)?;
    let report = batch::run(&plan);
    print_diagnostics(&report.diagnostics);
    for (_, error) in &report.unreadable {
        eprintln!("{}", read_error(error));
    }
    for failure in &report.failures {
        let mut d = card_failure(&failure.error, &failure.format);
        if failure.quote_rank > 0 {
            d.message = format!("quote {}: {}", failure.quote_rank, d.message);
        }
        eprintln!("{}", d.in_file(&failure.interview));
    }
    for manifest in &report.manifests {
        println!("{}", manifest.display());
    }
    eprintln!(
        "{} cards written ({} new, {} replaced, {} unchanged), {} failed",
        report.cards_written(),
        report.created,
        report.replaced,
        report.unchanged,
        report.failures.len()
    );
    Ok(if !report.unreadable.is_empty() && report.cards_written() == 0 {
        ExitCode::from(EXIT_USAGE)
    } else if report.is_success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_FAILED_CARDS)
    })
}

fn print_formats() {
    for Format {
        id,
        description,
        width,
        height,
        safe,
        ..
    } in FORMATS
    {
        let default = if crate::template::DEFAULT_FORMATS.contains(id) {
            "*"
        } else {
            " "
        };
        let safe = if safe.top > 0.0 || safe.bottom > 0.0 {
            format!(
                " (safe area: top {:.0} %, bottom {:.0} %)",
                safe.top * 100.0,
                safe.bottom * 100.0
            )
        } else {
            String::new()
        };
        println!("{default} {id:<20} {width:>4}×{height:<5} {description}{safe}");
    }
    println!("\n* rendered when --formats is not given");
}
