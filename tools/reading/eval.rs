//! Measures how the transcript reader reads real interviews annotated by hand: speakers'
//! precision and recall, roles, quotes credited to who said them, interviews with no quote.
//!
//! Usage: `cargo run --release --example reading-eval -- DIR [DIR…] [--verbose]`, where each DIR
//! holds `<id>.md` or `<id>.txt` beside `<id>.json` (`../shared/data/interviews` has 28). The last
//! line is the summary: `reading P=..% R=..% roles=..% quotes-ok=a/b no-quotes=n/N`.

mod measure;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "--verbose");
    let dirs: Vec<PathBuf> = args
        .iter()
        .filter(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .collect();
    if dirs.is_empty() {
        eprintln!("usage: reading-eval DIR [DIR…] [--verbose]");
        return ExitCode::from(2);
    }
    let mut scores = Vec::new();
    println!(
        "{:40} {:>10} {:>10} {:>7} {:>9}  false speakers / missed",
        "interview", "speakers-P", "speakers-R", "roles", "quotes-ok"
    );
    for dir in &dirs {
        let items = match measure::interviews(dir) {
            Ok(items) => items,
            Err(e) => {
                eprintln!("error: cannot read `{}` ({e})", dir.display());
                return ExitCode::from(2);
            }
        };
        for (path, annotation) in items {
            let s = measure::score(&path, &annotation);
            let pair = |(a, b): (usize, usize)| format!("{a}/{b}");
            let mut extra: Vec<String> = Vec::new();
            if !s.false_speakers.is_empty() {
                extra.push(
                    s.false_speakers
                        .iter()
                        .take(6)
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(", "),
                );
            }
            if !s.missed.is_empty() {
                extra.push(format!("missed {}", s.missed.join(", ")));
            }
            extra.extend(s.error.clone());
            let id: String = s.id.chars().take(40).collect();
            let extra: String = extra.join("; ").chars().take(150).collect();
            println!(
                "{id:40} {:>10} {:>10} {:>7} {:>9}  {extra}",
                pair(s.precision),
                pair(s.recall),
                pair(s.roles),
                pair(s.quotes)
            );
            if verbose {
                for e in &s.quote_errors {
                    println!("      quote: {e}");
                }
            }
            scores.push(s);
        }
    }
    if scores.is_empty() {
        eprintln!("no interviews found");
        return ExitCode::from(2);
    }
    println!("{}", measure::totals(&scores).line());
    ExitCode::SUCCESS
}
