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
    /// Render one quote given on the command line.
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
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Transcript file (`-` reads standard input).
    pub file: PathBuf,
    /// Print JSON: speakers, then quotes in rank order with speaker, kind, score, reasons and source line.
    #[arg(long)]
    pub json: bool,
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
    /// The quote, verbatim; words between `**` are drawn with the template's emphasis.
    #[arg(long)]
    pub text: String,
    /// The speaker's full name.
    #[arg(long)]
    pub speaker: String,
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
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
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
