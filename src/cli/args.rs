//! Command-line arguments (the only module that knows clap).

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// Turn interview transcripts into branded quote cards for every social network.
#[derive(Debug, Parser)]
#[command(name = "pullquote", version, about, long_about = None)]
#[command(
    after_help = "Exit codes: 0 every card written; 1 some cards failed (the rest were written); 2 usage, input or template error."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List an interview's speakers and its ranked quotes.
    Extract(ExtractArgs),
    /// Render one quote given on the command line, or every enabled quote of a quotes file.
    Render(RenderArgs),
    /// Extract and render every selected quote × format of one or more interviews.
    Run(RunArgs),
    /// List the output formats and their pixel sizes.
    Formats,
}

#[derive(Debug, Args)]
pub struct ReadArgs {
    /// Force the transcript's text encoding (e.g. utf-8, windows-1252, utf-16le) instead of detecting it.
    #[arg(long, value_name = "ENCODING")]
    pub encoding: Option<String>,
}

#[derive(Debug, Args)]
pub struct SelectArgs {
    /// Number of quotes to select, editor-marked ones included.
    #[arg(long = "max", value_name = "N", default_value_t = 5)]
    pub max_quotes: usize,
    /// Shortest automatic quote, in characters.
    #[arg(long, value_name = "N", default_value_t = 60)]
    pub min_chars: usize,
    /// Longest automatic quote, in characters (what the cards show at a readable size).
    #[arg(long, value_name = "N", default_value_t = 280)]
    pub max_chars: usize,
    /// Keep automatic quotes word for word: no `[…]` cuts of leading connectives or hesitations.
    #[arg(long)]
    pub no_cuts: bool,
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
    #[command(flatten)]
    pub read: ReadArgs,
    #[command(flatten)]
    pub select: SelectArgs,
}

#[derive(Debug, Args)]
pub struct TemplateArgs {
    /// A built-in template name or the path of a YAML template.
    #[arg(long, short = 't', default_value = crate::template::DEFAULT_TEMPLATE)]
    pub template: String,
    /// Output formats, comma-separated (see `pullquote formats`); default: the seven main feed and story sizes.
    #[arg(long, value_delimiter = ',', value_name = "FORMAT")]
    pub formats: Vec<String>,
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// A quotes file written by `extract -o` (and edited): renders each enabled quote in order.
    #[arg(value_name = "QUOTES_FILE", conflicts_with_all = ["text", "speaker", "role", "organisation", "lang"])]
    pub quotes: Option<PathBuf>,
    /// The quote, verbatim.
    #[arg(long, required_unless_present = "quotes")]
    pub text: Option<String>,
    /// The speaker's full name.
    #[arg(long, required_unless_present = "quotes")]
    pub speaker: Option<String>,
    /// The speaker's role.
    #[arg(long)]
    pub role: Option<String>,
    /// The speaker's organisation.
    #[arg(long)]
    pub organisation: Option<String>,
    /// Language of the quote, for typography: fr or en (default: detected).
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
    /// One format (repeat or comma-separate for several); default: every main format.
    #[arg(long = "format", value_delimiter = ',', value_name = "FORMAT")]
    pub formats: Vec<String>,
    /// A built-in template name or the path of a YAML template.
    #[arg(long, short = 't', default_value = crate::template::DEFAULT_TEMPLATE)]
    pub template: String,
    /// Output folder.
    #[arg(long, short = 'o', value_name = "DIR")]
    pub output: PathBuf,
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// Transcript files.
    #[arg(required_unless_present = "quotes")]
    pub files: Vec<PathBuf>,
    /// Render the enabled quotes of a quotes file (from `extract -o`) instead of selecting them.
    #[arg(long, value_name = "FILE", conflicts_with = "files")]
    pub quotes: Option<PathBuf>,
    /// Output folder; each interview gets its own sub-folder.
    #[arg(long, short = 'o', value_name = "DIR", default_value = "out")]
    pub output: PathBuf,
    #[command(flatten)]
    pub template: TemplateArgs,
    #[command(flatten)]
    pub read: ReadArgs,
    #[command(flatten)]
    pub select: SelectArgs,
}
