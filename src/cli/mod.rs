//! The command-line interface: dispatches subcommands, prints results and diagnostics, and
//! picks the exit code (0 all written, 1 some cards failed, 2 usage, input or template error).

mod args;
mod config;
mod inputs;
mod plan;
mod progress;
mod report;
mod templates;
mod term;

use crate::batch;
use crate::diagnostic::Diagnostic;
use crate::select::review::QuotesFile;
use crate::select::{self, Quote, QuoteKind};
use crate::template::{Format, FORMATS};
use crate::transcript::{self, Language, Transcript};
use args::{Cli, Command, ExtractArgs, OutputArgs, ReadFileArgs, RenderArgs, RunArgs};
use clap::{CommandFactory, FromArgMatches};
use serde::Serialize;
use std::ffi::OsString;
use std::io::IsTerminal;
use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;

const EXIT_FAILED_CARDS: u8 = 1;
const EXIT_USAGE: u8 = 2;

/// Runs the command line `args` (including the program name).
pub fn run(args: impl IntoIterator<Item = OsString>) -> ExitCode {
    let args: Vec<OsString> = args.into_iter().collect();
    let color = term::ColorChoice::from_args(&args).resolve();
    term::set_color(color);
    let command = Cli::command().color(if color {
        clap::ColorChoice::Always
    } else {
        clap::ColorChoice::Never
    });
    let cli = match command
        .try_get_matches_from(&args)
        .and_then(|mut m| Cli::from_arg_matches_mut(&mut m))
    {
        Ok(cli) => cli,
        Err(e) => {
            let usage_error = e.use_stderr();
            if usage_error && args.iter().any(|a| a == "--json") {
                let message = e.kind().as_str().unwrap_or("invalid arguments");
                let detail = e.render().to_string();
                let d = Diagnostic::error(message.to_owned()).with_hint(detail.trim().to_owned());
                term::outln(&report::json_error(&d));
            }
            let _ = e.print();
            return if usage_error {
                ExitCode::from(EXIT_USAGE)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    crate::template::allow_assets_outside(cli.allow_outside);
    let json = cli.command.json();
    // Only the commands that use the settings read them: a broken settings file must not stop
    // `completions` or `templates check`.
    let config = || config::Config::load(cli.config.as_deref());
    let result = match cli.command {
        Command::Extract(args) => extract(&args),
        Command::Read(args) => read_transcript(&args),
        Command::Render(args) => config().and_then(|c| render(&args, &c)),
        Command::Run(args) => config().and_then(|c| run_batch(&args, &c)),
        Command::Config => config().map(|c| show_config(&c)),
        Command::Formats { json } => {
            print_formats(json);
            Ok(ExitCode::SUCCESS)
        }
        Command::Templates(command) => templates::run(command),
        #[cfg(feature = "studio")]
        Command::Studio(args) => config().and_then(|c| studio(args, &c)),
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "pullquote", &mut script);
            term::out(&String::from_utf8_lossy(&script));
            Ok(ExitCode::SUCCESS)
        }
        Command::Man { output } => man(output.as_deref()),
    };
    result.unwrap_or_else(|diagnostic| {
        if json {
            term::outln(&report::json_error(&diagnostic));
        }
        term::report(&diagnostic);
        ExitCode::from(EXIT_USAGE)
    })
}

/// `pullquote man`: the top page on standard output, or every page into a folder.
fn man(output: Option<&Path>) -> Result<ExitCode, Box<Diagnostic>> {
    let mut pages = Vec::new();
    man_pages(Cli::command(), &mut pages);
    let Some(dir) = output else {
        // The top page comes last: subcommands are rendered first.
        let (_, page) = pages.pop().expect("there is a top page");
        term::out(&String::from_utf8_lossy(&page));
        return Ok(ExitCode::SUCCESS);
    };
    let failed = |e: std::io::Error, path: &Path| {
        Box::new(Diagnostic::error(format!(
            "failed to write `{}` ({})",
            path.display(),
            crate::diagnostic::io_reason(&e)
        )))
    };
    std::fs::create_dir_all(dir).map_err(|e| failed(e, dir))?;
    for (name, page) in pages {
        let path = dir.join(format!("{name}.1"));
        batch::output::write_atomic(&path, &page).map_err(|e| failed(e, &path))?;
        term::outln(&path.display().to_string());
    }
    Ok(ExitCode::SUCCESS)
}

/// The man page of `command` and of each of its subcommands (`pullquote-templates-check`),
/// subcommands first.
fn man_pages(mut command: clap::Command, pages: &mut Vec<(String, Vec<u8>)>) {
    command.build();
    for sub in command.get_subcommands() {
        if sub.is_hide_set() || sub.get_name() == "help" {
            continue;
        }
        // clap names are `&'static str` without its `string` feature; a dozen short names
        // for a command that exits right after are not worth the feature.
        let name: &'static str =
            Box::leak(format!("{}-{}", command.get_name(), sub.get_name()).into_boxed_str());
        man_pages(sub.clone().name(name), pages);
    }
    let mut page = Vec::new();
    clap_mangen::Man::new(command.clone())
        .render(&mut page)
        .expect("writing to memory cannot fail");
    pages.push((command.get_name().to_owned(), page));
}

fn print_diagnostics(diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        term::report(d);
    }
}

pub(crate) fn read_error(e: &transcript::ReadError) -> Diagnostic {
    e.to_diagnostic()
}

fn read_transcript(args: &ReadFileArgs) -> Result<ExitCode, Box<Diagnostic>> {
    let read = plan::read_options(&args.read)?;
    let transcript = transcript::read(&args.file, &read).map_err(|e| Box::new(read_error(&e)))?;
    if args.json {
        term::outln(&report::versioned(&transcript));
    } else {
        term::out(&transcript.outline());
    }
    print_diagnostics(&transcript.diagnostics);
    Ok(ExitCode::SUCCESS)
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
    let options = plan::select_options(&args.select)?;
    let transcript = transcript::read(&args.file, &read).map_err(|e| Box::new(read_error(&e)))?;
    let selection = select::select(&transcript, &options);
    if let Some(output) = &args.output {
        let source = (args.file != Path::new("-")).then_some(args.file.as_path());
        let mut file = QuotesFile::new(source, &transcript, &selection.quotes);
        // Photo paths in a quotes file are relative to it, wherever it is written.
        let folder = output.parent().unwrap_or(Path::new(""));
        for quote in &mut file.quotes {
            if let Some(photo) = &mut quote.speaker.photo {
                *photo = relative_to(photo, folder);
            }
        }
        let yaml = batch::output::Seal::YAML.apply(&file.to_yaml());
        let failed = |e: std::io::Error| {
            Box::new(Diagnostic::error(format!(
                "failed to read `{}` ({})",
                output.display(),
                crate::diagnostic::io_reason(&e)
            )))
        };
        let seal = batch::output::Seal::YAML;
        if !args.force && !batch::output::may_replace_sealed(output, yaml.as_bytes(), seal).map_err(failed)? {
            return Err(Box::new(
                Diagnostic::error(format!(
                    "`{}` already exists and was edited since pullquote wrote it (or is not a quotes file pullquote wrote); it is left as it is",
                    output.display()
                ))
                .with_hint("render it with `pullquote render FILE`, write the new quotes elsewhere with -o, or pass --force to replace it"),
            ));
        }
        batch::output::write_atomic(output, yaml.as_bytes()).map_err(|e| {
            Box::new(Diagnostic::error(format!(
                "failed to write quotes file `{}` ({e})",
                output.display()
            )))
        })?;
    }
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
        term::outln(&report::versioned(&json));
    } else {
        term::out(&describe(&transcript, &selection.quotes));
    }
    print_diagnostics(&diagnostics);
    if let Some(output) = &args.output {
        eprintln!(
            "wrote {} quotes to {}; edit it, then `pullquote render {} -o cards`",
            selection.quotes.len(),
            output.display(),
            output.display()
        );
    }
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
        if let Some(verbatim) = &q.verbatim {
            out.push_str(&format!("     (verbatim: {verbatim})\n"));
        }
        if !q.highlight.is_empty() {
            out.push_str(&format!("     highlight: {}\n", q.highlight.join(", ")));
        }
        for reason in &q.reasons {
            out.push_str(&format!("       · {reason}\n"));
        }
    }
    out
}

fn render(args: &RenderArgs, config: &config::Config) -> Result<ExitCode, Box<Diagnostic>> {
    let plan = plan::render_plan(args, config)?;
    if plan.root == Path::new(plan::STDOUT) {
        return card_to_stdout(args, &plan);
    }
    Ok(finish(&args.out, &plan.output, |progress| {
        batch::run(&plan, progress)
    }))
}

/// `render … -o -`: the plan's one card, drawn and written to standard output, its alt text
/// on standard error. A plan of several cards is refused before anything is drawn.
fn card_to_stdout(args: &RenderArgs, plan: &batch::Plan) -> Result<ExitCode, Box<Diagnostic>> {
    let usage = |message: String, hint: &str| Box::new(Diagnostic::error(message).with_hint(hint.to_owned()));
    let o = &args.out;
    for (flag, set) in [
        ("--json", o.json),
        ("--dry-run", o.dry_run),
        ("--force", o.force),
        ("--keep-stale", o.keep_stale),
    ] {
        if set {
            return Err(usage(
                format!("`{flag}` does not apply to `-o -`"),
                "`-o -` writes one image to standard output and nothing else",
            ));
        }
    }
    let cards: Vec<(&batch::PlannedCard, &Format)> = plan
        .folders
        .iter()
        .flat_map(|f| &f.cards)
        .flat_map(|c| c.formats.iter().map(move |format| (c, format)))
        .collect();
    let [(card, format)] = cards[..] else {
        let quotes: usize = plan.folders.iter().map(|f| f.cards.len()).sum();
        return Err(usage(
            format!(
                "`-o -` writes a single card to standard output, but this would make {} ({quotes} quote{} in {} format{})",
                cards.len(),
                if quotes == 1 { "" } else { "s" },
                cards.len() / quotes.max(1),
                if cards.len() / quotes.max(1) == 1 { "" } else { "s" },
            ),
            "ask for one format with `--formats ID` and one quote (`--text`, or a sheet or quotes file with one), or give an output folder",
        ));
    };
    if std::io::stdout().is_terminal() {
        return Err(usage(
            "standard output is a terminal; an image there would be garbage".into(),
            "redirect it (`-o - > card.png`) or pipe it to a program",
        ));
    }
    // What the folder would have reported (a guessed language, a highlight not found) goes
    // to standard error, beside the alt text.
    if !o.quiet {
        for folder in &plan.folders {
            print_diagnostics(&folder.diagnostics);
        }
    }
    let kind = format.encoding.unwrap_or(plan.output.kind);
    let rendered = match crate::card::render_card_with(
        &card.request,
        &card.template,
        format,
        kind,
        plan.output.effort,
    ) {
        Ok(rendered) => rendered,
        // A card that cannot be made is a failed card (exit code 1), as in a folder.
        Err(e) => {
            term::report(&report::card_failure(&e, format.id));
            return Ok(ExitCode::from(EXIT_FAILED_CARDS));
        }
    };
    for warning in &rendered.warnings {
        term::report(&Diagnostic::warning(format!("{}: {warning}", format.id)));
    }
    term::out_bytes(&rendered.bytes);
    if !o.quiet {
        eprintln!("alt text: {}", rendered.alt_text);
    }
    Ok(ExitCode::SUCCESS)
}

/// `pullquote config`: each setting, its value and where it came from.
fn show_config(config: &config::Config) -> ExitCode {
    let file = match &config.file {
        Some(path) => path.display().to_string(),
        None => format!("none (no {} here; --config names one)", config::FILE_NAME),
    };
    let mut out = format!(
        "settings file: {file}

"
    );
    let row = |out: &mut String, key: &str, value: String, origin: &config::Origin| {
        out.push_str(&format!("{key:<13} {value}  ({origin})\n"));
    };
    let template = config.template(None);
    row(&mut out, "template", template.value, &template.origin);
    let formats = config.formats(&[]);
    let ids = if formats.value.is_empty() {
        crate::template::DEFAULT_FORMATS.join(",")
    } else {
        formats.value.join(",")
    };
    row(&mut out, "formats", ids, &formats.origin);
    let output = config.output(None, Some("out")).expect("a default output");
    row(
        &mut out,
        "output",
        format!("{} (run)", output.value.display()),
        &output.origin,
    );
    let image = config.image_format(None);
    let name = format!("{:?}", image.value).to_lowercase();
    row(&mut out, "image-format", name, &image.origin);
    match config.logo(None) {
        Some(logo) => row(&mut out, "logo", logo.value.display().to_string(), &logo.origin),
        None => out.push_str(&format!("{:<13} none (the template's own, if any)\n", "logo")),
    }
    out.push_str(&format!(
        "\nA flag wins over ${}, which wins over the settings file, which wins over the default.\n",
        config::TEMPLATE_VAR
    ));
    term::out(&out);
    ExitCode::SUCCESS
}

fn run_batch(args: &RunArgs, config: &config::Config) -> Result<ExitCode, Box<Diagnostic>> {
    let plan = plan::run_plan(args, config)?;
    Ok(finish(&args.out, &plan.output, |progress| {
        batch::run(&plan, progress)
    }))
}

/// Runs a batch on the configured thread pool with a progress bar, prints its report, and
/// returns the exit code.
fn finish(
    args: &OutputArgs,
    output: &batch::OutputOptions,
    work: impl FnOnce(&dyn batch::Progress) -> batch::Report + Send,
) -> ExitCode {
    let started = std::time::Instant::now();
    let show_progress = !args.quiet && !args.json && !args.dry_run && std::io::stderr().is_terminal();
    let bar = progress::Bar::new(show_progress);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build();
    let report = match pool {
        Ok(pool) => pool.install(|| work(&bar)),
        Err(_) => work(&bar),
    };
    let wall = started.elapsed();
    if args.json {
        term::outln(&report::json(&report));
    } else {
        report::print_problems(&report);
        if !args.quiet && !output.dry_run {
            report::print_stale(&report);
        }
        if output.dry_run {
            term::out(&report::dry_run_listing(&report));
        }
        if !args.quiet {
            eprintln!("{}", report::summary(&report, output.dry_run));
        }
    }
    if args.timings {
        eprint!("{}", report::timings(&report, wall));
    }
    let conflicts =
        report.count(batch::Status::WouldConflict) + report.file_count(batch::Status::WouldConflict);
    // Nothing could be read and nothing was planned: the inputs were the problem.
    if !report.unreadable.is_empty() && report.cards_written() == 0 && report.outcomes.is_empty() {
        ExitCode::from(EXIT_USAGE)
    } else if report.is_success() && conflicts == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_FAILED_CARDS)
    }
}

#[cfg(feature = "studio")]
fn studio(args: args::StudioArgs, config: &config::Config) -> Result<ExitCode, Box<Diagnostic>> {
    if args.jobs == Some(0) {
        return Err(Box::new(Diagnostic::error("--jobs must be at least 1")));
    }
    crate::studio::serve(&crate::studio::Options {
        template: args.template,
        transcript: args.transcript,
        logo: config.logo(args.logo.as_deref()).map(|logo| logo.value),
        host: args.host,
        port: args.port,
        open: args.open,
        jobs: args.jobs,
    })?;
    Ok(ExitCode::SUCCESS)
}

fn print_formats(json: bool) {
    if json {
        #[derive(Serialize)]
        struct Listed<'a> {
            #[serde(flatten)]
            format: &'a Format,
            default: bool,
        }
        #[derive(Serialize)]
        struct Formats<'a> {
            formats: Vec<Listed<'a>>,
        }
        let formats = FORMATS
            .iter()
            .map(|format| Listed {
                format,
                default: crate::template::DEFAULT_FORMATS.contains(&format.id),
            })
            .collect();
        term::outln(&report::versioned(&Formats { formats }));
        return;
    }
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
        term::outln(&format!(
            "{default} {id:<20} {width:>4}×{height:<5} {description}{safe}"
        ));
    }
    term::outln("\n* rendered when --formats is not given");
}

/// `path` (relative to the working folder, or absolute) as seen from `folder`: relative when
/// both are relative, else absolute.
fn relative_to(path: &Path, folder: &Path) -> PathBuf {
    if path.is_absolute() || folder.is_absolute() {
        return std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    }
    fn normal(p: &Path) -> Vec<Component<'_>> {
        let mut out: Vec<Component> = Vec::new();
        for c in p.components() {
            match c {
                Component::CurDir => {}
                Component::ParentDir if matches!(out.last(), Some(Component::Normal(_))) => {
                    out.pop();
                }
                other => out.push(other),
            }
        }
        out
    }
    let (target, base) = (normal(path), normal(folder));
    if base.contains(&Component::ParentDir) {
        // A folder above the working one: only an absolute path is certain.
        return std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    }
    let shared = target.iter().zip(&base).take_while(|(a, b)| a == b).count();
    let mut out = PathBuf::new();
    for _ in shared..base.len() {
        out.push("..");
    }
    for c in &target[shared..] {
        out.push(c.as_os_str());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::relative_to;
    use std::path::Path;

    #[test]
    fn photo_paths_follow_the_quotes_file() {
        let cases = [
            ("photos/a.jpg", "", "photos/a.jpg"),
            ("interviews/photos/a.jpg", "interviews", "photos/a.jpg"),
            ("interviews/photos/a.jpg", "edits", "../interviews/photos/a.jpg"),
            ("./a.jpg", "edits/2025", "../../a.jpg"),
        ];
        for (photo, folder, expected) in cases {
            assert_eq!(
                relative_to(Path::new(photo), Path::new(folder)),
                Path::new(expected),
                "{photo} from {folder}"
            );
        }
        assert!(relative_to(Path::new("a.jpg"), Path::new("../x")).is_absolute());
    }
}
