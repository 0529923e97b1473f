//! The terminal: whether standard error is coloured, and writing to standard output, where a
//! reader that stops early (`pullquote … | head -1`) is a normal end, not an error.

use crate::diagnostic::Diagnostic;
use clap::ValueEnum;
use std::io::{IsTerminal, Write};
use std::sync::OnceLock;

/// `--color`: when to colour errors, warnings and help.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ColorChoice {
    /// Colour when standard error is a terminal, unless `NO_COLOR` is set (`CLICOLOR_FORCE` forces it).
    #[default]
    Auto,
    /// Always colour, whatever the environment says.
    Always,
    /// Never colour.
    Never,
}

impl ColorChoice {
    /// The choice given on the command line, found before clap parses it so that clap's own
    /// usage errors follow it too; the last one wins, as clap would have it.
    pub fn from_args(args: &[std::ffi::OsString]) -> ColorChoice {
        let mut choice = ColorChoice::Auto;
        let mut words = args.iter().skip(1).map(|a| a.to_string_lossy());
        while let Some(word) = words.next() {
            if word == "--" {
                break;
            }
            let value = match word.strip_prefix("--color") {
                Some("") => words.next().map(|v| v.into_owned()),
                Some(rest) => rest.strip_prefix('=').map(str::to_owned),
                None => None,
            };
            if let Some(parsed) = value.and_then(|v| ColorChoice::from_str(&v, true).ok()) {
                choice = parsed;
            }
        }
        choice
    }

    /// Whether standard error gets colour, after the environment (`NO_COLOR`, `CLICOLOR_FORCE`,
    /// `TERM=dumb`) and the terminal have had their say.
    pub fn resolve(self) -> bool {
        let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty() && v != "0");
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto if set("NO_COLOR") => false,
            ColorChoice::Auto if set("CLICOLOR_FORCE") => true,
            ColorChoice::Auto => {
                std::io::stderr().is_terminal() && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
            }
        }
    }
}

static COLOR: OnceLock<bool> = OnceLock::new();

/// Fixes, once per process, whether standard error is coloured.
pub fn set_color(on: bool) {
    let _ = COLOR.set(on);
}

fn color() -> bool {
    COLOR.get().copied().unwrap_or(false)
}

const RED_BOLD: &str = "\x1b[1;31m";
const YELLOW_BOLD: &str = "\x1b[1;33m";
const CYAN_BOLD: &str = "\x1b[1;36m";
const RESET: &str = "\x1b[0m";

/// A diagnostic as shown on standard error: its label and hint marker coloured when colour is on.
pub fn paint(d: &Diagnostic) -> String {
    let text = d.to_string();
    if !color() {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 32);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let labelled = [("error:", RED_BOLD), ("warning:", YELLOW_BOLD)]
            .into_iter()
            .find(|(label, _)| i == 0 && line.starts_with(label));
        if let Some((label, style)) = labelled {
            out.push_str(&format!("{style}{label}{RESET}{}", &line[label.len()..]));
        } else if let Some(rest) = line.strip_prefix("  = hint:") {
            out.push_str(&format!("  {CYAN_BOLD}= hint:{RESET}{rest}"));
        } else {
            out.push_str(line);
        }
    }
    out
}

/// Prints a diagnostic on standard error.
pub fn report(d: &Diagnostic) {
    eprintln!("{}", paint(d));
}

/// Writes `text` to standard output. When the reader has gone (a closed pipe) nothing more can
/// be said to it and every file is already written, so the process ends there with success.
pub fn out(text: &str) {
    out_bytes(text.as_bytes());
}

/// [`out`] for bytes that are not text (an image).
pub fn out_bytes(bytes: &[u8]) {
    let mut stdout = std::io::stdout().lock();
    let result = stdout.write_all(bytes).and_then(|()| stdout.flush());
    match result {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        Err(e) => {
            report(&Diagnostic::error(format!(
                "failed to write to standard output ({})",
                crate::diagnostic::io_reason(&e)
            )));
            std::process::exit(2);
        }
    }
}

/// [`out`] with a line end.
pub fn outln(text: &str) {
    out(&format!("{text}\n"));
}
