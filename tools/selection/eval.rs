//! Measures the quote scorer on a pull-quote set: hit@1/3/5 and mean per-text ROC AUC.
//!
//! Usage: `cargo run --release --example select-eval -- [PATH] [--sentences] [--weights FILE]
//! [--without FEATURE] [--texts] [--dump FILE]`. PATH defaults to
//! `../shared/data/pullquotes/articles.jsonl`. Sentences come from pullquote's own splitter.

mod dataset;
mod evaluate;
mod metrics;

use pullquote::select::features::Feature;
use pullquote::select::weights::Weights;
use pullquote::select::SelectOptions;
use std::path::PathBuf;
use std::process::ExitCode;

const DEFAULT_PATH: &str = "../shared/data/pullquotes/articles.jsonl";

fn main() -> ExitCode {
    let mut path = PathBuf::from(DEFAULT_PATH);
    let mut options = SelectOptions::default();
    let mut per_text = false;
    let mut dump: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            // Score sentences alone rather than in windows of up to three.
            "--sentences" => options.max_sentences = 1,
            "--weights" => {
                let Some(file) = args.next() else {
                    return usage("--weights takes a file");
                };
                let parsed = std::fs::read_to_string(&file)
                    .map_err(|e| e.to_string())
                    .and_then(|text| Weights::parse(&text));
                match parsed {
                    Ok(w) => options.weights = w,
                    Err(e) => return usage(&format!("{file}: {e}")),
                }
            }
            // Drop one feature (`--without names`), to measure what it adds.
            "--without" => {
                let Some(name) = args.next() else {
                    return usage("--without takes a feature");
                };
                match Feature::ALL.iter().find(|f| f.id() == name) {
                    Some(f) => options.weights.set(*f, 0.0),
                    None => return usage(&format!("unknown feature `{name}`")),
                }
            }
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
    let records = match dataset::read(&path) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    if let Some(file) = &dump {
        let mut out = String::from("id\tstart\tend\tlabel\tspoken\tlogit\ttext");
        for f in Feature::ALL {
            out.push('\t');
            out.push_str(f.id());
        }
        out.push('\n');
        for record in &records {
            let sentences = evaluate::sentences(record, &options);
            let labels = evaluate::labels(record, &sentences);
            for (s, label) in sentences.iter().zip(labels) {
                let text = record.text[s.start..s.end].replace(['\t', '\n'], " ");
                out.push_str(&format!(
                    "{}\t{}\t{}\t{}\t{}\t{}\t{text}",
                    record.id,
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
        if let Err(e) = std::fs::write(file, out) {
            eprintln!("error: failed to write {} ({e})", file.display());
            return ExitCode::from(1);
        }
    }
    let results: Vec<evaluate::TextResult> =
        records.iter().map(|r| evaluate::evaluate(r, &options)).collect();
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
        }
        println!();
    }
    println!(
        "{} texts from {}; sentences by pullquote's splitter; passages of up to {} sentences\n",
        records.len(),
        path.display(),
        options.max_sentences
    );
    print!("{}", evaluate::table(&evaluate::summaries(&results)));
    ExitCode::SUCCESS
}

fn usage(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    eprintln!(
        "usage: select-eval [PATH] [--sentences] [--weights FILE] [--without FEATURE] [--texts] [--dump FILE]"
    );
    ExitCode::from(2)
}
