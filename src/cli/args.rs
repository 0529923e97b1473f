//! Command-line arguments (the only module that knows clap).

use super::term::ColorChoice;
use crate::encode::ImageKind;
use crate::template::FORMATS;
use crate::transcript::Language;
use clap::builder::{PossibleValue, PossibleValuesParser};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Turn interview transcripts into branded quote cards for every social network.
#[derive(Debug, Parser)]
#[command(name = "pullquote", version, about, long_about = None)]
#[command(
    after_help = "Exit codes: 0 every card written; 1 some cards failed (the rest were written); 2 usage, input or template error."
)]
pub struct Cli {
    /// When to colour errors, warnings and help (NO_COLOR turns off `auto`; CLICOLOR_FORCE turns it on).
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// A settings file for `run`, `render` and `studio` (template, formats, output, image-format, logo); default:
    /// `pullquote.yaml` in the working folder, if there is one. See `pullquote config`.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Let templates use pictures outside their own folder (and their `assets_root:`).
    #[arg(long, global = true)]
    pub allow_outside: bool,
    #[command(subcommand)]
    pub command: Command,
}

/// `--formats`: the format ids (see `pullquote formats`), or `all`.
fn format_values() -> PossibleValuesParser {
    let ids = FORMATS.iter().map(|f| PossibleValue::new(f.id));
    PossibleValuesParser::new(ids.chain([PossibleValue::new(ALL_FORMATS)]))
}

/// The `--formats` value that stands for every format.
pub const ALL_FORMATS: &str = "all";

/// `--image-format`: the file type of the cards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ImageType {
    /// Lossless PNG.
    Png,
    /// JPEG at quality 90.
    #[value(alias = "jpg")]
    #[serde(alias = "jpg")]
    Jpeg,
    /// Lossless WebP.
    Webp,
}

impl From<ImageType> for ImageKind {
    fn from(t: ImageType) -> ImageKind {
        match t {
            ImageType::Png => ImageKind::Png,
            ImageType::Jpeg => ImageKind::Jpeg,
            ImageType::Webp => ImageKind::Webp,
        }
    }
}

/// `--lang`: the language whose typography a quote follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Lang {
    /// French.
    Fr,
    /// English.
    En,
}

impl From<Lang> for Language {
    fn from(l: Lang) -> Language {
        match l {
            Lang::Fr => Language::French,
            Lang::En => Language::English,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List an interview's speakers and its ranked quotes.
    #[command(after_help = "Examples:
  pullquote extract interview.txt
  pullquote extract interview.docx --max 8 -o quotes.yaml   # edit, then `pullquote run --quotes quotes.yaml`
  pullquote extract interview.txt --json | jq '.quotes[0].text'")]
    Extract(ExtractArgs),
    /// Show how a transcript is read: speakers, questions, answers, editor marks and footer.
    #[command(long_about = READ_HELP, after_help = "Examples:
  pullquote read interview.txt
  pullquote read --encoding windows-1252 old-interview.txt
  pbpaste | pullquote read -")]
    Read(ReadFileArgs),
    /// Render one quote given on the command line, every enabled quote of a quotes file, or
    /// every row of a CSV/TSV sheet.
    #[command(after_help = "Examples:
  pullquote render --text \"Nous **écoutons** d'abord.\" --speaker \"Aziz Oulhiyane\" --role \"responsable réseaux sociaux\" -o cards
  pullquote render quotes.yaml -o cards --formats all
  pullquote render sheet.csv -o cards -t brand/brand.yaml --image-format jpeg
  pullquote render --text \"On écoute.\" --speaker \"Aziz Oulhiyane\" --formats x -o - > card.png
  pbpaste | pullquote render - -o cards   # a sheet (or quotes file) on standard input")]
    Render(RenderArgs),
    /// Extract and render every selected quote × format of one or more interviews.
    #[command(after_help = "Examples:
  pullquote run interview.txt -o out
  pullquote run 'interviews/*.docx' -o out -t brand/brand.yaml --formats instagram-square,story
  pullquote run --quotes quotes.yaml -o out --dry-run
  pullquote run interview.txt -o out --json --quiet | jq '.cards | length'")]
    Run(RunArgs),
    /// List the output formats and their pixel sizes.
    #[command(after_help = "Examples:
  pullquote formats
  pullquote formats --json | jq -r '.formats[] | select(.default) | .id'")]
    Formats {
        /// Print JSON: each format's id, size, safe area, forced encoding and whether it is a default.
        #[arg(long)]
        json: bool,
    },
    /// List, copy, create, check and preview templates.
    #[command(
        subcommand,
        after_help = "Examples:
  pullquote templates list
  pullquote templates init brand && pullquote templates check brand/brand.yaml
  pullquote templates preview brand/brand.yaml -o proofs --scale 0.5"
    )]
    Templates(TemplatesCommand),
    /// Open a live page showing a template on every format, re-rendered as its files are saved,
    /// with the render API it uses (POST /api/render).
    #[cfg(feature = "studio")]
    #[command(long_about = STUDIO_HELP, after_help = "Examples:
  pullquote studio brand/brand.yaml --open
  pullquote studio brand/brand.yaml --transcript interview.txt --port 8080
  pullquote studio paper --host 0.0.0.0 --port 8080")]
    Studio(StudioArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    #[command(after_help = "Examples:
  pullquote completions bash > ~/.local/share/bash-completion/completions/pullquote
  pullquote completions zsh > \"${fpath[1]}/_pullquote\"
  pullquote completions fish > ~/.config/fish/completions/pullquote.fish")]
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Show the settings `run` and `render` use (template, formats, output folder, image type)
    /// and where each comes from: a flag, the environment, the settings file, or the default.
    #[command(long_about = CONFIG_HELP, after_help = "Examples:
  pullquote config
  pullquote --config ~/brand/pullquote.yaml config")]
    Config,
    /// Print the manual page (roff), or write one page per command into a folder.
    #[command(after_help = "Examples:
  pullquote man | man -l -
  pullquote man -o ~/.local/share/man/man1")]
    Man {
        /// Write `pullquote.1` and a `pullquote-COMMAND.1` page for every command into DIR.
        #[arg(long, short = 'o', value_name = "DIR")]
        output: Option<PathBuf>,
    },
}

impl Command {
    /// Whether the command was asked for JSON output (its errors then come as JSON too).
    pub fn json(&self) -> bool {
        match self {
            Command::Extract(a) => a.json,
            Command::Read(a) => a.json,
            Command::Render(a) => a.out.json,
            Command::Run(a) => a.out.json,
            Command::Formats { json } => *json,
            Command::Templates(TemplatesCommand::List { json }) => *json,
            _ => false,
        }
    }
}

const CONFIG_HELP: &str = "Show the settings `run` and `render` use and where each comes from.

Settings that stay the same from run to run can live in a settings file, `pullquote.yaml` in the working folder (or the file --config names):

  template: brand/brand.yaml      # a built-in name or a template file
  formats: [instagram-square, story, linkedin]   # or `all`
  output: cards
  image-format: jpeg              # png, jpeg or webp
  logo: brand/logo.svg            # replaces the template's logo, like --logo

Paths in the file are relative to its folder. The environment variable PULLQUOTE_TEMPLATE names the template too. A flag wins over the environment, which wins over the file, which wins over the default. An unknown key is an error that names its line and column.";

#[cfg(feature = "studio")]
const STUDIO_HELP: &str = "Open a live page showing a template on every format, re-rendered as its files are saved.

The page shows the sample quotes (short, medium and long, in French and English), a quote typed into it, and the quotes of --transcript, each on every format. Saving the template or any file it uses updates the page within a fraction of a second; an error is shown with its file, line and column while the last good cards stay; contrast and size warnings are drawn on the card they concern. Click a card to see it at real size.

The same server answers the render API: POST /api/render with JSON {text, speaker, role, organisation, photo, template, format, lang, date, title, kicker, outlet, scale} returns a PNG, its alt text in the X-Alt-Text header (percent-encoded UTF-8); GET /api/formats and GET /api/templates list what it accepts. Only files inside the template's folder are served or read as photos. See README.md.";

#[cfg(feature = "studio")]
#[derive(Debug, Args)]
pub struct StudioArgs {
    /// A template file (its folder is watched and served) or a built-in name.
    #[arg(default_value = crate::template::DEFAULT_TEMPLATE)]
    pub template: String,
    /// A transcript whose selected quotes are shown too.
    #[arg(long, value_name = "FILE")]
    pub transcript: Option<PathBuf>,
    /// Your logo (PNG, JPEG or SVG), drawn where the templates place one, as `run --logo` draws
    /// it [default: the settings file's `logo`].
    #[arg(long, value_name = "FILE")]
    pub logo: Option<PathBuf>,
    /// Port to listen on; default: 4321, or any free port if it is taken. 0 picks a free port.
    #[arg(long)]
    pub port: Option<u16>,
    /// Address to listen on; the default serves this machine only. Use 0.0.0.0 in a container.
    #[arg(long, default_value = "127.0.0.1")]
    pub host: std::net::IpAddr,
    /// Open the page in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Cards rendered at once (default and maximum: one per core).
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
}

#[derive(Debug, Subcommand)]
pub enum TemplatesCommand {
    /// List the built-in templates.
    List {
        /// Print JSON: each built-in template's name and description.
        #[arg(long)]
        json: bool,
    },
    /// Print a built-in template's YAML, to copy and edit.
    Show {
        /// A built-in template name (see `pullquote templates list`).
        name: String,
    },
    /// Create a starter brand template in DIR, with a placeholder logo and the JSON Schema.
    Init {
        /// Folder to create the template in (created if missing).
        dir: PathBuf,
        /// The built-in template to start from.
        #[arg(long, default_value = crate::template::DEFAULT_TEMPLATE)]
        from: String,
        /// Overwrite files that already exist.
        #[arg(long)]
        force: bool,
    },
    /// Check a template: errors with their line and column, then warnings (contrast, text size, fit).
    Check {
        /// A template file or a built-in name.
        template: String,
        /// Exit with code 1 when there are warnings.
        #[arg(long)]
        strict: bool,
    },
    /// Render sample quotes (short, medium, long) on every format, and a contact sheet of them all.
    Preview {
        /// A template file or a built-in name.
        template: String,
        /// Output folder.
        #[arg(long, short = 'o', value_name = "DIR")]
        output: PathBuf,
        /// Formats, comma-separated, or `all` (the default).
        #[arg(long, alias = "format", value_delimiter = ',', value_name = "FORMAT", value_parser = format_values(), ignore_case = true, hide_possible_values = true)]
        formats: Vec<String>,
        /// Draw the cards at this fraction of their size (e.g. 0.5 for a quick look).
        #[arg(long, default_value_t = 1.0, value_name = "FACTOR")]
        scale: f32,
        /// A portrait (PNG or JPEG) to show in photo elements; without one they show initials.
        #[arg(long, value_name = "FILE")]
        photo: Option<PathBuf>,
        /// Your logo (PNG, JPEG or SVG), drawn where the template places one.
        #[arg(long, value_name = "FILE")]
        logo: Option<PathBuf>,
    },
    /// Print the JSON Schema of the template language, for editor completion and checking.
    Schema,
}

#[derive(Debug, Args)]
pub struct ReadArgs {
    /// Force the transcript's text encoding (e.g. utf-8, windows-1252, utf-16le) instead of detecting it.
    #[arg(long, value_name = "ENCODING")]
    pub encoding: Option<String>,
}

/// How quotes are selected from a transcript. Options, not defaults, so that a run that selects
/// nothing (`run --quotes`) can tell the user one was given for nothing.
#[derive(Debug, Args)]
pub struct SelectArgs {
    /// Number of quotes to select, editor-marked ones included [default: 5].
    #[arg(long = "max", value_name = "N")]
    pub max_quotes: Option<usize>,
    /// Shortest automatic quote, in characters [default: 30].
    #[arg(long, value_name = "N")]
    pub min_chars: Option<usize>,
    /// Longest automatic quote, in characters (what the cards show at a readable size) [default: 300].
    #[arg(long, value_name = "N")]
    pub max_chars: Option<usize>,
    /// Keep automatic quotes word for word: no `[…]` cuts of leading connectives or clauses,
    /// hesitations or trailing lists.
    #[arg(long)]
    pub no_cuts: bool,
}

const READ_HELP: &str = "Show how a transcript is read: speakers, questions, answers, editor marks and footer.

Formats, chosen by content, then extension: plain text (.txt), Markdown (.md), Word (.docx), WebVTT subtitles (.vtt, speakers in <v Name> tags), SRT subtitles (.srt, NAME: prefixes), and `-` for standard input. Text may be UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1252/Latin-1 (detected; --encoding forces one), with any line ends.

Speakers come from labels (`AO:`, `LA :`, `**AO** :`, `Aziz Oulhiyane :`, `Aziz :`, `Q:`/`R:`, `Question :`/`Réponse :`, `Speaker 1:`), from the intro (\"Entretien avec X, rôle, ainsi que Y, …\", \"We spoke with X, head of …, and Y\"), and from an optional front-matter block at the top, which overrides both:

  ---
  title: Les réseaux sociaux de la Région
  date: 2024-03-12
  source: Le Petit Journal
  language: fr
  interviewer: Camille Martin
  speakers:
    AO:
      name: Aziz Oulhiyane
      role: responsable de l’animation des réseaux sociaux
      organisation: Région Occitanie
      photo: photos/aziz.jpg
    LA: Ludovic Amar
  ---

A line ending in `?` is a question; with one interviewee an unlabelled answer is theirs. Lines in « », “ ” or quotes, and `>` blockquotes, that repeat an answer are the editor's pull quotes (a credit `— Name` may follow). Credits (`Propos recueillis par …`, `Photo : …`), editor's notes (`(…, ndlr)`, `[…]`), images and links are not speech. See docs/transcripts.md.";

#[derive(Debug, Args)]
pub struct ReadFileArgs {
    /// Transcript file (`-` reads standard input).
    pub file: PathBuf,
    /// Print the parsed transcript as JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub read: ReadArgs,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Transcript file (`-` reads standard input).
    pub file: PathBuf,
    /// Print JSON: speakers, then quotes in rank order with speaker, kind, score, reasons and source line.
    #[arg(long)]
    pub json: bool,
    /// Also write the quotes to an editable YAML file; render it with `render FILE` or `run --quotes FILE`.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace the quotes file even when it was edited since pullquote wrote it (or is not
    /// pullquote's): edits are lost.
    #[arg(long, requires = "output")]
    pub force: bool,
    #[command(flatten)]
    pub read: ReadArgs,
    #[command(flatten)]
    pub select: SelectArgs,
}

#[derive(Debug, Args)]
pub struct TemplateArgs {
    /// A built-in template name or the path of a YAML template [default: PULLQUOTE_TEMPLATE, the
    /// settings file's, or paper].
    #[arg(long, short = 't')]
    pub template: Option<String>,
    /// Your logo (PNG, JPEG or SVG), drawn where the template places one. Built-in templates carry no logo of their own.
    #[arg(long, value_name = "FILE")]
    pub logo: Option<PathBuf>,
    /// Output formats, comma-separated, or `all` (see `pullquote formats`); default: the settings file's, or the seven main feed and story sizes.
    #[arg(long, alias = "format", value_delimiter = ',', value_name = "FORMAT", value_parser = format_values(), ignore_case = true)]
    pub formats: Vec<String>,
}

#[derive(Debug, Args)]
pub struct OutputArgs {
    /// File type of the cards [default: the settings file's, or png]. Bluesky cards are always
    /// JPEG under 1,000,000 bytes.
    #[arg(long, value_enum, value_name = "TYPE", ignore_case = true)]
    pub image_format: Option<ImageType>,
    /// Make PNG cards as small as they can be (oxipng): about a third smaller, about a second per card.
    #[arg(long)]
    pub optimize: bool,
    /// Replace files that differ from what pullquote wrote there before (edited or foreign files).
    #[arg(long)]
    pub force: bool,
    /// List what would be written, and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Print a JSON report on standard output instead of the summary.
    #[arg(long)]
    pub json: bool,
    /// Keep the cards an earlier run wrote into the folder that this run no longer makes (a quote
    /// disabled or removed, a format dropped) instead of removing them; they are listed, and
    /// recorded in the manifest so a later run can still remove them.
    #[arg(long)]
    pub keep_stale: bool,
    /// Print only errors.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Print the time spent in each stage.
    #[arg(long)]
    pub timings: bool,
    /// Number of cards rendered at once, 1 to 64 (default: one per core).
    #[arg(long, short = 'j', value_name = "N", value_parser = jobs)]
    pub jobs: Option<usize>,
    /// Seconds one card may take before it is stopped and reported as failed (0.1 to 3600).
    #[arg(long, value_name = "SECONDS", value_parser = card_time_limit, default_value = "60")]
    pub card_time_limit: std::time::Duration,
}

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("quote_source").required(true).multiple(true).args(["input", "text"]))]
pub struct RenderArgs {
    /// A quotes file written by `extract -o` (.yaml, rendering each enabled quote in order), or a
    /// CSV/TSV sheet with one card per row (columns quote, name, role; optional organisation, format,
    /// template, lang, highlight, photo, date, kicker, id); `-` reads either from standard input.
    /// Without it, give the quote with --text and --speaker.
    #[arg(value_name = "FILE")]
    pub input: Option<PathBuf>,
    /// The quote, verbatim; words between `**` are drawn with the template's emphasis.
    #[arg(long, requires = "speaker")]
    pub text: Option<String>,
    /// The speaker's full name.
    #[arg(long)]
    pub speaker: Option<String>,
    /// The speaker's role.
    #[arg(long)]
    pub role: Option<String>,
    /// The speaker's organisation.
    #[arg(long)]
    pub organisation: Option<String>,
    /// Language of the quote, for typography (default: detected).
    #[arg(long, value_enum, value_name = "LANG", ignore_case = true)]
    pub lang: Option<Lang>,
    /// The date `{date}` shows, as it should be printed.
    #[arg(long)]
    pub date: Option<String>,
    /// The interview's title, for templates that show `{interview.title}`.
    #[arg(long)]
    pub title: Option<String>,
    /// A short label above the quote, for templates that show `{kicker}`.
    #[arg(long)]
    pub kicker: Option<String>,
    /// Where the interview was published, for templates that show `{interview.outlet}`.
    #[arg(long)]
    pub outlet: Option<String>,
    /// Words of the quote to emphasise, comma-separated (like `**word**` in the text).
    #[arg(long, value_delimiter = ',', value_name = "WORDS")]
    pub highlight: Vec<String>,
    /// The speaker's photo (PNG or JPEG), for templates with a photo element.
    #[arg(long, value_name = "FILE")]
    pub photo: Option<PathBuf>,
    /// Output formats, comma-separated or repeated, or `all` (see `pullquote formats`); default: the settings file's, or the seven main feed and story sizes.
    #[arg(long, alias = "format", value_delimiter = ',', value_name = "FORMAT", value_parser = format_values(), ignore_case = true)]
    pub formats: Vec<String>,
    /// A built-in template name or the path of a YAML template [default: PULLQUOTE_TEMPLATE, the
    /// settings file's, or paper].
    #[arg(long, short = 't')]
    pub template: Option<String>,
    /// Your logo (PNG, JPEG or SVG), drawn where the template places one. Built-in templates carry no logo of their own.
    #[arg(long, value_name = "FILE")]
    pub logo: Option<PathBuf>,
    /// Output folder, or `-` to write the one card asked for to standard output [default: the
    /// settings file's `output`].
    #[arg(long, short = 'o', value_name = "DIR")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub out: OutputArgs,
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// Transcript files, folders of transcripts, glob patterns such as 'interviews/*.txt', or `-`
    /// for standard input.
    #[arg(required_unless_present = "quotes", value_name = "INPUT")]
    pub files: Vec<PathBuf>,
    /// Render the enabled quotes of a quotes file (from `extract -o`) instead of selecting them.
    #[arg(long, value_name = "FILE", conflicts_with = "files")]
    pub quotes: Option<PathBuf>,
    /// Output folder; each interview gets its own sub-folder [default: the settings file's, or out].
    #[arg(long, short = 'o', value_name = "DIR")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub template: TemplateArgs,
    #[command(flatten)]
    pub read: ReadArgs,
    #[command(flatten)]
    pub select: SelectArgs,
    #[command(flatten)]
    pub out: OutputArgs,
}

/// The most cards rendered at once: each holds a full-size canvas, and more threads than cores
/// only add memory.
pub const MAX_JOBS: usize = 64;

fn card_time_limit(text: &str) -> Result<std::time::Duration, String> {
    match text.trim().parse::<f64>() {
        Ok(s) if (0.1..=3600.0).contains(&s) => Ok(std::time::Duration::from_secs_f64(s)),
        _ => Err("expected a number of seconds from 0.1 to 3600".into()),
    }
}

fn jobs(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(n @ 1..=MAX_JOBS) => Ok(n),
        _ => Err(format!("expected a number of cards from 1 to {MAX_JOBS}")),
    }
}
