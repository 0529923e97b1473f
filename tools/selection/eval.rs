//! Measures the quote scorer on the evaluation set: hit@1/3/5 and mean per-text ROC AUC over
//! sentences, for articles, interviews and spoken sentences; and on interviews, the quotes
//! `select` picks.
//!
//! Usage: `cargo run --release --example select-eval -- [PATH] [--interviews DIR | --no-interviews]
//! [--sentences] [--min-chars N] [--max-chars N] [--weights FILE] [--without FEATURE] [--attribute-all]
//! [--texts] [--dump FILE]`.
//! PATH defaults to `$PULLQUOTE_SHARED/data/pullquotes/articles.jsonl` and DIR to
//! `$PULLQUOTE_SHARED/data/interviews` (`PULLQUOTE_SHARED` defaults to `../shared` beside the
//! repository). Sentences come from pullquote's own splitter.

mod dataset;
mod evaluate;
mod metrics;

use pullquote::select::features::Feature;
use pullquote::select::weights::Weights;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let shared = dataset::shared_dir();
    let mut path = shared.join("data/pullquotes/articles.jsonl");
    let mut interviews = Some(shared.join("data/interviews"));
    let mut setup = evaluate::Setup::default();
    let mut per_text = false;
    let mut dump: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            // Score sentences alone rather than in windows of up to three.
            "--sentences" => setup.options.max_sentences = 1,
            "--weights" => {
                let Some(file) = args.next() else {
                    return usage("--weights takes a file");
                };
                let parsed = std::fs::read_to_string(&file)
                    .map_err(|e| e.to_string())
                    .and_then(|text| Weights::parse(&text));
                match parsed {
                    Ok(w) => setup.options.weights = w,
                    Err(e) => return usage(&format!("{file}: {e}")),
                }
            }
            // Drop one feature (`--without names`), to measure what it adds.
            "--without" => {
                let Some(name) = args.next() else {
                    return usage("--without takes a feature");
                };
                match Feature::ALL.iter().find(|f| f.id() == name) {
                    Some(f) => setup.options.weights.set(*f, 0.0),
                    None => return usage(&format!("unknown feature `{name}`")),
                }
            }
            // The length window of candidate passages, in characters.
            "--min-chars" | "--max-chars" => {
                let Some(n) = args.next().and_then(|v| v.parse().ok()) else {
                    return usage(&format!("{arg} takes a number"));
                };
                if arg == "--min-chars" {
                    setup.options.min_chars = n;
                } else {
                    setup.options.max_chars = n;
                }
            }
            "--interviews" => match args.next() {
                Some(dir) => interviews = Some(PathBuf::from(dir)),
                None => return usage("--interviews takes a folder"),
            },
            "--no-interviews" => interviews = None,
            // Measure the scorer apart from the reader's attribution.
            "--attribute-all" => setup.attribute_all = true,
            "--texts" => per_text = true,
            // Write every sentence's label and feature values as TSV, for analysis.
            "--dump" => match args.next() {
                Some(file) => dump = Some(PathBuf::from(file)),
                None => return usage("--dump takes a file"),
            },
            other if !other.starts_with("--") => path = PathBuf::from(other),
            other => return usage(&format!("unknown option {other}")),
        }
    }
    let mut records = match dataset::read(&path) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    if let Some(dir) = &interviews {
        match dataset::read_interviews(dir) {
            Ok(r) => records.extend(r),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
        }
    }
    if let Some(file) = &dump {
        if let Err(e) = std::fs::write(file, dump_table(&records, &setup)) {
            eprintln!("error: failed to write {} ({e})", file.display());
            return ExitCode::from(1);
        }
    }
    let results: Vec<evaluate::TextResult> = records.iter().map(|r| evaluate::evaluate(r, &setup)).collect();
    if per_text {
        for r in &results {
            let auc = r.auc.map_or("-".into(), |a| format!("{:.1}", 100.0 * a));
            let hits: Vec<&str> = r.hits.iter().map(|&h| if h { "1" } else { "0" }).collect();
            println!(
                "{:<70} hits {} AUC {auc} ({} sentences)",
                r.id,
                hits.join("/"),
                r.sentences
            );
            for line in &r.top {
                println!("    {}", line.chars().take(150).collect::<String>());
            }
            if let Some(picks) = r.picks {
                let shown: Vec<&str> = picks.iter().map(|&h| if h { "1" } else { "0" }).collect();
                println!("  picks {}", shown.join("/"));
                for line in &r.top_picks {
                    println!("    {}", line.chars().take(150).collect::<String>());
                }
            }
        }
        println!();
    }
    println!(
        "{} texts from {}{}; sentences by pullquote's splitter; passages of up to {} sentences{}\n",
        records.len(),
        path.display(),
        interviews
            .as_ref()
            .map_or(String::new(), |d| format!(" and {}", d.display())),
        setup.options.max_sentences,
        if setup.attribute_all {
            "; every answer attributed"
        } else {
            ""
        }
    );
    print!("{}", evaluate::table(&evaluate::summaries(&results)));
    println!("\nQuotes picked by `select` in the interviews:\n");
    print!("{}", evaluate::pick_table(&evaluate::pick_summary(&results)));
    ExitCode::SUCCESS
}

/// Every sentence's label and feature values as TSV.
fn dump_table(records: &[dataset::Record], setup: &evaluate::Setup) -> String {
    let mut out = String::from("id\tkind\tstart\tend\tlabel\tspoken\tlogit\ttext");
    for f in Feature::ALL {
        out.push('\t');
        out.push_str(f.id());
    }
    out.push('\n');
    for record in records {
        let sentences = evaluate::sentences(record, setup);
        let labels = evaluate::labels(record, &sentences);
        for (s, label) in sentences.iter().zip(labels) {
            let text = record.text[s.start..s.end].replace(['\t', '\n'], " ");
            out.push_str(&format!(
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{text}",
                record.id,
                record.kind,
                record.text[..s.start].chars().count(),
                record.text[..s.end].chars().count(),
                u8::from(label),
                u8::from(s.spoken),
                s.logit
            ));
            for f in Feature::ALL {
                let v = s
                    .signals
                    .as_ref()
                    .and_then(|sig| sig.iter().find(|x| x.feature == f))
                    .map_or(0.0, |x| x.value);
                out.push_str(&format!("\t{v}"));
            }
            out.push('\n');
        }
    }
    out
}

fn usage(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    eprintln!(
        "usage: select-eval [PATH] [--interviews DIR | --no-interviews] [--sentences] [--min-chars N] \
         [--max-chars N] [--weights FILE] \
         [--without FEATURE] [--attribute-all] [--texts] [--dump FILE]"
    );
    ExitCode::from(2)
}
