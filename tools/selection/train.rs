//! Fits the quote scorer's weights to a pull-quote set, reproducibly, and reports how well the
//! fitted weights rank texts they were not fitted on (k-fold cross-validation by text).
//!
//! Usage: `cargo run --release --example select-train -- [PATH] [--interviews DIR |
//! --no-interviews] [--strength S] [--folds K] [--attribute-all] [--write]`. PATH defaults to
//! `$PULLQUOTE_SHARED/data/pullquotes/articles.jsonl` and DIR to
//! `$PULLQUOTE_SHARED/data/interviews` (see select-eval); `--write` replaces
//! `src/select/weights.tsv` with the weights fitted on every text.
//!
//! The model stays the hand-built one: each weight starts from its design value in
//! `tools/selection/prior.tsv` and the data may only move it (a Gaussian prior of strength S pulls
//! it back), never flip its sign.
//! Features the set cannot inform (the self-introduction answer, editorial cuts) keep their
//! value. Every text counts equally, however many sentences it has. Folds are drawn within
//! articles and within interviews apart, so that every fold holds interviews. Fitting is plain
//! projected gradient descent with a fixed step count, so the same data gives the same weights.

mod dataset;
// Shared with the select-eval tool, which reads every field.
#[allow(dead_code)]
mod evaluate;
mod metrics;

use pullquote::select::features::Feature;
use pullquote::select::weights::Weights;
use pullquote::select::SelectOptions;
use std::path::PathBuf;
use std::process::ExitCode;

const WEIGHTS_FILE: &str = "src/select/weights.tsv";
const PRIOR: &str = include_str!("prior.tsv");
const STEPS: usize = 4000;
const STEP_SIZE: f64 = 0.5;
/// The smallest share of its design weight a feature keeps.
const FLOOR: f64 = 0.25;

/// Features the set says nothing about: it has no self-introductions, no speakers describing
/// their own job and no cut passages.
const FIXED: [Feature; 3] = [Feature::Introduction, Feature::SelfDescription, Feature::Cut];

/// Features only interviews inform (what the answer responds to, where it ends, what the
/// interview is about), and features of an interviewee's stance that case studies do not
/// separate: the few interviews of the set may move them, but a prior `INTERVIEW_PRIOR` times
/// stronger keeps them near their design values.
const INTERVIEW: [Feature; 9] = [
    Feature::ReflectivePrompt,
    Feature::FactualPrompt,
    Feature::Theme,
    Feature::Closing,
    Feature::General,
    Feature::Anecdote,
    Feature::Forward,
    Feature::Values,
    Feature::Punchy,
];
const INTERVIEW_PRIOR: f64 = 20.0;

/// One sentence that fits a card on its own: its feature values and whether it is a pull quote.
struct Sample {
    x: Vec<f64>,
    y: f64,
    /// 1 / (number of samples of its text), so that every text weighs the same.
    weight: f64,
}

fn samples(records: &[&dataset::Record], setup: &evaluate::Setup) -> Vec<Sample> {
    let single = evaluate::Setup {
        options: SelectOptions {
            max_sentences: 1,
            ..setup.options.clone()
        },
        ..setup.clone()
    };
    let mut out = Vec::new();
    for record in records {
        let sentences = evaluate::sentences(record, &single);
        let labels = evaluate::labels(record, &sentences);
        let first = out.len();
        for (sentence, label) in sentences.iter().zip(labels) {
            let Some(signals) = &sentence.signals else {
                continue;
            };
            let mut x = vec![0.0; Feature::ALL.len()];
            for s in signals {
                x[s.feature.index()] = s.value;
            }
            out.push(Sample {
                x,
                y: f64::from(u8::from(label)),
                weight: 0.0,
            });
        }
        let n = (out.len() - first).max(1) as f64;
        for sample in &mut out[first..] {
            sample.weight = 1.0 / n;
        }
    }
    out
}

fn logistic(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// Fits the weights to `samples`, starting from and pulled towards `prior`.
fn fit(samples: &[Sample], prior: &Weights, strength: f64) -> Weights {
    let n = Feature::ALL.len();
    let prior_w: Vec<f64> = Feature::ALL.iter().map(|&f| prior.get(f)).collect();
    let mut w = prior_w.clone();
    let mut bias = prior.bias;
    let total: f64 = samples
        .iter()
        .map(|s| s.weight)
        .sum::<f64>()
        .max(f64::MIN_POSITIVE);
    for _ in 0..STEPS {
        let mut grad = vec![0.0; n];
        let mut grad_bias = 0.0;
        for s in samples {
            let z = bias + s.x.iter().zip(&w).map(|(x, w)| x * w).sum::<f64>();
            let error = (logistic(z) - s.y) * s.weight / total;
            grad_bias += error;
            for (g, x) in grad.iter_mut().zip(&s.x) {
                *g += error * x;
            }
        }
        bias -= STEP_SIZE * grad_bias;
        for (i, feature) in Feature::ALL.iter().enumerate() {
            if FIXED.contains(feature) {
                continue;
            }
            let pull = if INTERVIEW.contains(feature) {
                strength * INTERVIEW_PRIOR
            } else {
                strength
            };
            let step = grad[i] + pull * (w[i] - prior_w[i]);
            w[i] -= STEP_SIZE * step;
            // Keep the sign the feature was designed with, and a share of its size: the data may
            // weaken a feature, not flip it or switch it off.
            let floor = FLOOR * prior_w[i];
            if prior_w[i] > 0.0 {
                w[i] = w[i].max(floor);
            } else if prior_w[i] < 0.0 {
                w[i] = w[i].min(floor);
            }
        }
    }
    let mut fitted = Weights::zero();
    fitted.bias = (bias * 1000.0).round() / 1000.0;
    for (i, &feature) in Feature::ALL.iter().enumerate() {
        fitted.set(feature, (w[i] * 1000.0).round() / 1000.0);
    }
    fitted
}

fn main() -> ExitCode {
    let shared = dataset::shared_dir();
    let mut path = shared.join("data/pullquotes/articles.jsonl");
    let mut interviews = Some(shared.join("data/interviews"));
    let mut strength = 0.05;
    let mut folds = 5;
    let mut write = false;
    let mut attribute_all = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut number = |name: &str| -> Result<f64, ExitCode> {
            args.next()
                .and_then(|v| v.parse().ok())
                .ok_or_else(|| usage(&format!("{name} takes a number")))
        };
        match arg.as_str() {
            "--strength" => match number("--strength") {
                Ok(v) => strength = v,
                Err(code) => return code,
            },
            "--folds" => match number("--folds") {
                Ok(v) if v >= 2.0 => folds = v as usize,
                Ok(_) => return usage("--folds takes 2 or more"),
                Err(code) => return code,
            },
            "--write" => write = true,
            "--attribute-all" => attribute_all = true,
            "--interviews" => match args.next() {
                Some(dir) => interviews = Some(PathBuf::from(dir)),
                None => return usage("--interviews takes a folder"),
            },
            "--no-interviews" => interviews = None,
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
    let prior = match Weights::parse(PRIOR) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("error: tools/selection/prior.tsv: {e}");
            return ExitCode::from(2);
        }
    };
    let built_in = evaluate::Setup {
        options: SelectOptions::default(),
        attribute_all,
    };
    let design = evaluate::Setup {
        options: SelectOptions {
            weights: prior.clone(),
            ..SelectOptions::default()
        },
        attribute_all,
    };

    // Cross-validation: the n-th article and the n-th interview go to fold n % folds.
    let fold_of: Vec<usize> = {
        let (mut articles, mut interviews) = (0, 0);
        records
            .iter()
            .map(|r| {
                let counter = if r.is_interview() {
                    &mut interviews
                } else {
                    &mut articles
                };
                *counter += 1;
                (*counter - 1) % folds
            })
            .collect()
    };
    let mut held_out: Vec<(usize, evaluate::TextResult)> = Vec::new();
    for fold in 0..folds {
        let train: Vec<&dataset::Record> = records
            .iter()
            .zip(&fold_of)
            .filter(|(_, &f)| f != fold)
            .map(|(r, _)| r)
            .collect();
        let weights = fit(&samples(&train, &design), &prior, strength);
        let fold_setup = evaluate::Setup {
            options: SelectOptions {
                weights,
                ..design.options.clone()
            },
            ..design.clone()
        };
        for (i, record) in records.iter().enumerate().filter(|(i, _)| fold_of[*i] == fold) {
            held_out.push((i, evaluate::evaluate(record, &fold_setup)));
        }
    }
    held_out.sort_by_key(|(i, _)| *i);
    let held_out: Vec<evaluate::TextResult> = held_out.into_iter().map(|(_, r)| r).collect();
    let all: Vec<&dataset::Record> = records.iter().collect();
    let fitted = fit(&samples(&all, &design), &prior, strength);
    let run = |setup: &evaluate::Setup| -> Vec<evaluate::TextResult> {
        records.iter().map(|r| evaluate::evaluate(r, setup)).collect()
    };
    let report = |results: &[evaluate::TextResult]| {
        print!("{}", evaluate::table(&evaluate::summaries(results)));
        println!();
        print!("{}", evaluate::pick_table(&evaluate::pick_summary(results)));
    };

    println!(
        "{} texts ({} interviews) from {}{}; prior strength {strength}; {folds} folds{}\n",
        records.len(),
        records.iter().filter(|r| r.is_interview()).count(),
        path.display(),
        interviews
            .as_ref()
            .map_or(String::new(), |d| format!(" and {}", d.display())),
        if attribute_all {
            "; every answer attributed"
        } else {
            ""
        }
    );
    println!("Design weights (prior.tsv), on every text:\n");
    report(&run(&design));
    println!("\nBuilt-in weights (weights.tsv), on every text:\n");
    report(&run(&built_in));
    println!("\nFitted weights, cross-validated (each text scored by weights fitted without it):\n");
    report(&held_out);
    println!("\n| feature | design | fitted on all |\n| --- | --- | --- |");
    println!("| bias | {:.3} | {:.3} |", prior.bias, fitted.bias);
    for feature in Feature::ALL {
        println!(
            "| {} | {:.3} | {:.3} |",
            feature.id(),
            prior.get(feature),
            fitted.get(feature)
        );
    }
    if write {
        let header = format!(
            "# Quotability weights in log-odds units, one feature per line.\n\
             # Fitted by `cargo run --release --example select-train -- --strength {strength} --write`\n\
             # on {} texts ({} interviews) of the evaluation set, from tools/selection/prior.tsv.\n",
            records.len(),
            records.iter().filter(|r| r.is_interview()).count()
        );
        if let Err(e) = std::fs::write(WEIGHTS_FILE, header + &fitted.to_table()) {
            eprintln!("error: failed to write {WEIGHTS_FILE} ({e})");
            return ExitCode::from(1);
        }
        println!("\nwrote {WEIGHTS_FILE}");
    }
    ExitCode::SUCCESS
}

fn usage(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    eprintln!(
        "usage: select-train [PATH] [--interviews DIR | --no-interviews] [--strength S] [--folds K] \
         [--attribute-all] [--write]"
    );
    ExitCode::from(2)
}
