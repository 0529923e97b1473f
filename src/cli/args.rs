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
    /// List, copy, create, check and preview templates.
    #[command(subcommand)]
    Templates(TemplatesCommand),
}

#[derive(Debug, Subcommand)]
pub enum TemplatesCommand {
    /// List the built-in templates.
    List,
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
        /// Formats, comma-separated; default: every format.
        #[arg(long, value_delimiter = ',', value_name = "FORMAT")]
        formats: Vec<String>,
        /// Draw the cards at this fraction of their size (e.g. 0.5 for a quick look).
        #[arg(long, default_value_t = 1.0, value_name = "FACTOR")]
        scale: f32,
        /// A portrait (PNG or JPEG) to show in photo elements; without one they show initials.
        #[arg(long, value_name = "FILE")]
        photo: Option<PathBuf>,
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
    /// The quote, verbatim.
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
    /// The date `{date}` shows, as it should be printed.
    #[arg(long)]
    pub date: Option<String>,
    /// The speaker's photo (PNG or JPEG), for templates with a photo element.
    #[arg(long, value_name = "FILE")]
    pub photo: Option<PathBuf>,
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
