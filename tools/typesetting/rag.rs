//! Measures the rag of quote cards: every quote of a corpus of real and sample pull quotes is set
//! on every built-in template at every format, and the lines drawn are counted: lines shorter than
//! 40 % of the quote's box, cards whose last line is a single word, lines ending on an article or
//! a short preposition, and lines of one or two words in short quotes.
//!
//! Usage: `cargo run --release --example rag -- [--template NAME]... [--verbose]`.
//! The quotes are the editors' pull quotes of `$PULLQUOTE_SHARED/data/pullquotes/articles.jsonl`
//! and `$PULLQUOTE_SHARED/data/interviews/*.json`, and the sample cards of
//! `$PULLQUOTE_SHARED/bench/cards.tsv` (`PULLQUOTE_SHARED` defaults to `../shared` beside the
//! repository); a missing file is reported and skipped.

use pullquote::template::{Format, Template, FORMATS};
use pullquote::transcript::Language;
use pullquote::typeset::{compose, FontBook};
use pullquote::CardRequest;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Words a line should not end on, by language: articles, short prepositions and conjunctions.
const FRENCH_WEAK: &[&str] = &[
    "le", "la", "les", "l’", "un", "une", "des", "de", "du", "d’", "à", "au", "aux", "en", "et", "ou", "que",
    "qui", "qu’", "sur", "par", "pour", "dans", "ce", "cette", "ces", "ne", "n’", "se", "s’", "je", "j’",
];
const ENGLISH_WEAK: &[&str] = &[
    "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "and", "or", "with", "from", "as", "into",
    "i",
];

/// A quote is short when it has at most this many words: a line of one or two words is then a
/// visible hole.
const SHORT_QUOTE_WORDS: usize = 12;

fn shared_dir() -> PathBuf {
    std::env::var_os("PULLQUOTE_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"))
}

/// A quote with the speaker credited on the card.
struct Quote {
    text: String,
    speaker: String,
}

fn pull_quotes(value: &serde_json::Value, out: &mut Vec<Quote>) {
    for quote in value["pull_quotes"].as_array().into_iter().flatten() {
        let Some(text) = quote["text"].as_str() else {
            continue;
        };
        let speaker = quote["speaker"].as_str().unwrap_or("Anonymous");
        let name = speaker.split(',').next().unwrap_or(speaker).trim();
        out.push(Quote {
            text: text.trim().to_owned(),
            speaker: name.to_owned(),
        });
    }
}

fn corpus(shared: &Path) -> Vec<Quote> {
    let mut quotes = Vec::new();
    let articles = shared.join("data/pullquotes/articles.jsonl");
    match std::fs::read_to_string(&articles) {
        Ok(text) => {
            for line in text.lines().filter(|l| !l.trim().is_empty()) {
                if let Ok(value) = serde_json::from_str::<serde_json::Value>(line) {
                    pull_quotes(&value, &mut quotes);
                }
            }
        }
        Err(e) => eprintln!("skipped {} ({e})", articles.display()),
    }
    let interviews = shared.join("data/interviews");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&interviews)
        .map(|dir| dir.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_else(|e| {
            eprintln!("skipped {} ({e})", interviews.display());
            Vec::new()
        });
    files.retain(|p| p.extension().is_some_and(|e| e == "json"));
    files.sort();
    for file in files {
        if let Some(value) = std::fs::read_to_string(&file)
            .ok()
            .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
        {
            pull_quotes(&value, &mut quotes);
        }
    }
    let cards = shared.join("bench/cards.tsv");
    match std::fs::read_to_string(&cards) {
        Ok(text) => {
            for row in text.lines().skip(1) {
                let fields: Vec<&str> = row.split('\t').collect();
                if let [_, quote, name, ..] = fields[..] {
                    quotes.push(Quote {
                        text: quote.to_owned(),
                        speaker: name.to_owned(),
                    });
                }
            }
        }
        Err(e) => eprintln!("skipped {} ({e})", cards.display()),
    }
    quotes
}

/// Counts over the cards of one template and format.
#[derive(Default, Clone, Copy)]
struct Tally {
    cards: usize,
    failed: usize,
    multi_line: usize,
    lines: usize,
    /// Lines but the last, of cards of more than one line.
    inner_lines: usize,
    short_lines: usize,
    lone_last_word: usize,
    weak_ends: usize,
    /// Lines of one or two words, in short quotes of more than one line.
    short_quote_lines: usize,
    tiny_lines: usize,
    /// Sum of the chosen size over the template's largest size.
    size_share: f64,
}

impl Tally {
    fn add(&mut self, other: &Tally) {
        self.cards += other.cards;
        self.failed += other.failed;
        self.multi_line += other.multi_line;
        self.lines += other.lines;
        self.inner_lines += other.inner_lines;
        self.short_lines += other.short_lines;
        self.lone_last_word += other.lone_last_word;
        self.weak_ends += other.weak_ends;
        self.short_quote_lines += other.short_quote_lines;
        self.tiny_lines += other.tiny_lines;
        self.size_share += other.size_share;
    }

    fn row(&self, label: &str) -> String {
        let pct = |n: usize, of: usize| {
            if of == 0 {
                "–".to_owned()
            } else {
                format!("{:.1}", n as f64 * 100.0 / of as f64)
            }
        };
        format!(
            "| {label} | {} | {} | {} | {} | {} | {:.1} | {:.2} |",
            self.cards - self.failed,
            pct(self.short_lines, self.inner_lines),
            pct(self.lone_last_word, self.multi_line),
            pct(self.weak_ends, self.inner_lines),
            pct(self.tiny_lines, self.short_quote_lines),
            self.lines as f64 / (self.cards - self.failed).max(1) as f64,
            self.size_share / (self.cards - self.failed).max(1) as f64,
        )
    }
}

fn last_word(line: &str) -> String {
    let word = line
        .split_whitespace()
        .next_back()
        .unwrap_or("")
        .to_lowercase()
        .replace('\'', "’");
    // « l’ » and « d’ » end a line only when the apostrophe is a break point.
    word.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '’')
        .to_owned()
}

fn is_weak(line: &str, language: Language) -> bool {
    let word = last_word(line);
    if line
        .trim_end()
        .ends_with(|c: char| c.is_ascii_punctuation() || "…»”".contains(c))
    {
        return false;
    }
    match language {
        Language::French => FRENCH_WEAK.contains(&word.as_str()),
        _ => ENGLISH_WEAK.contains(&word.as_str()),
    }
}

fn measure(template: &Template, format: &Format, quotes: &[Quote], verbose: bool) -> Tally {
    let fonts = FontBook::embedded();
    let mut tally = Tally::default();
    let layout = match template.resolve(format, fonts) {
        Ok(layout) => layout,
        Err(e) => {
            eprintln!("{} at {}: {e}", template.name, format.id);
            tally.cards = quotes.len();
            tally.failed = quotes.len();
            return tally;
        }
    };
    for quote in quotes {
        tally.cards += 1;
        let request = CardRequest::new(&quote.text, &quote.speaker);
        let content = request.content(None);
        let card = match compose(&layout, &content, fonts) {
            Ok(card) => card,
            Err(_) => {
                tally.failed += 1;
                continue;
            }
        };
        let Some(placed) = card.quote() else {
            tally.failed += 1;
            continue;
        };
        let max_size = layout.quote_style().map_or(placed.size, |s| s.max_size);
        tally.size_share += f64::from(placed.size / max_size);
        let lines = &placed.lines;
        tally.lines += lines.len();
        if lines.len() < 2 {
            continue;
        }
        tally.multi_line += 1;
        let words = content.quote.split_whitespace().count();
        if lines.last().is_some_and(|l| l.split_whitespace().count() == 1) {
            tally.lone_last_word += 1;
        }
        if words <= SHORT_QUOTE_WORDS {
            tally.short_quote_lines += lines.len();
            tally.tiny_lines += lines.iter().filter(|l| l.split_whitespace().count() <= 2).count();
        }
        let box_width = placed.frame.w;
        for (line, width) in lines.iter().zip(&placed.line_widths).take(lines.len() - 1) {
            tally.inner_lines += 1;
            if *width < 0.4 * box_width {
                tally.short_lines += 1;
            }
            if is_weak(line, content.language) {
                tally.weak_ends += 1;
            }
        }
        if verbose {
            println!("{} {} {:.1}px {:?}", template.name, format.id, placed.size, lines);
        }
    }
    tally
}

fn main() -> ExitCode {
    let mut names: Vec<String> = Vec::new();
    let mut verbose = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--template" => match args.next() {
                Some(name) => names.push(name),
                None => {
                    eprintln!("--template takes a built-in name or a .yaml path");
                    return ExitCode::FAILURE;
                }
            },
            "--verbose" => verbose = true,
            other => {
                eprintln!("unknown argument `{other}`: expected --template NAME or --verbose");
                return ExitCode::FAILURE;
            }
        }
    }
    if names.is_empty() {
        names = Template::builtin_names()
            .iter()
            .map(|n| (*n).to_owned())
            .collect();
    }
    let quotes = corpus(&shared_dir());
    if quotes.is_empty() {
        eprintln!("no quotes found: set PULLQUOTE_SHARED to the folder holding data/ and bench/");
        return ExitCode::FAILURE;
    }
    println!(
        "{} quotes ({} of at most {SHORT_QUOTE_WORDS} words), {} templates, {} formats\n",
        quotes.len(),
        quotes
            .iter()
            .filter(|q| q.text.split_whitespace().count() <= SHORT_QUOTE_WORDS)
            .count(),
        names.len(),
        FORMATS.len()
    );
    println!("| template / format | cards | lines < 40 % of box % | lone last word % | weak line end % | 1–2-word lines in short quotes % | lines per card | size / largest |");
    println!("|---|---:|---:|---:|---:|---:|---:|---:|");
    let mut all = Tally::default();
    for name in &names {
        let template = match Template::by_name_or_path(name) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::FAILURE;
            }
        };
        let mut per_template = Tally::default();
        for format in FORMATS {
            let tally = measure(&template, format, &quotes, verbose);
            println!("{}", tally.row(&format!("{name} / {}", format.id)));
            per_template.add(&tally);
        }
        println!("{}", per_template.row(&format!("**{name}**")));
        all.add(&per_template);
    }
    println!("{}", all.row("**all**"));
    ExitCode::SUCCESS
}
