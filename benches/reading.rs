//! Reading throughput: decodes and parses a large generated transcript (two interviewees, labels,
//! unlabelled questions, editor marks, editor's notes, a quoted lyric) and a Word document of the
//! same interview, and prints the median MB/s over repeated runs.
//!
//! It also reads the real interviews beside the repository (`../shared/data/interviews`, or
//! `$PULLQUOTE_SHARED/data/interviews`), each run reading every annotated one enough times to pass
//! 8 MB, and says so when they are missing.
//!
//! Run with `cargo bench --bench reading` (add `-- --quick` for fewer, smaller runs). Besides wall
//! time, on Linux it reports throughput per second of this thread's CPU time, which other work on a
//! shared machine disturbs far less.

#[path = "../tests/common/mod.rs"]
mod common;

use pullquote::transcript::{self, ReadOptions};
use std::path::Path;
use std::time::Instant;

/// One block of interview, varied by `n` so lines differ.
fn block(n: usize) -> String {
    format!(
        "Question numéro {n} : comment la Région parle-t-elle aux jeunes sur les réseaux sociaux ?\n\
AO: Pour la {n}e fois, on essaie d’être utile avant d’être drôle. Les réseaux sociaux peuvent contribuer à l’attractivité, mais ça serait donner trop d’importance à notre travail de dire que les gens sont venus parce que j’ai fait tel tweet.\n\
LA : On suit la stratégie portée par le cabinet (le cabinet de la présidente, ndlr) et par les campagnes qu’on va pousser [rires]. Sur la transition écologique, notamment le Pacte vert, on a énormément communiqué, avec des formats adaptés.\n\
Il ajoute, en citant une chanson :\n\
« Je suis venu te dire que je m’en vais, numéro {n} »\n\
Et pourtant, l’équipe reste.\n\
« Ça serait donner trop d’importance à notre travail de dire que les gens sont venus parce que j’ai fait tel tweet. »\n\
Et demain ?\n\
AO : Demain, on répondra plus vite : deux heures en semaine, c’est notre promesse numéro {n}.\n\n"
    )
}

fn transcript_of(size: usize) -> String {
    let mut text = String::from(
        "Entretien avec Aziz Oulhiyane, responsable de l’animation des réseaux sociaux, ainsi que Ludovic Amar, responsable stratégie média digitale. Tous deux dans les rangs de la région Occitanie.\n",
    );
    let mut n = 0;
    while text.len() < size {
        text.push_str(&block(n));
        n += 1;
    }
    text
}

/// A minimal Word document holding `text`, one paragraph per line.
fn docx_of(text: &str) -> Vec<u8> {
    use std::io::Write;
    let mut body = String::new();
    for line in text.lines() {
        let escaped = line
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        body.push_str(&format!(
            "<w:p><w:r><w:t xml:space=\"preserve\">{escaped}</w:t></w:r></w:p>"
        ));
    }
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
    );
    let mut bytes = Vec::new();
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(&mut bytes));
    zip.start_file("word/document.xml", zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.write_all(document.as_bytes()).unwrap();
    zip.finish().unwrap();
    bytes
}

/// Nanoseconds this thread has spent on a CPU, where the kernel tells (Linux).
fn thread_cpu_ns() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok()
}

fn median(mut values: Vec<f64>) -> (f64, f64, f64) {
    values.sort_by(f64::total_cmp);
    (values[values.len() / 2], values[0], values[values.len() - 1])
}

/// Median MB/s of reading `bytes` (measured against `text_len`, the size of the text itself).
fn measure(name: &str, bytes: &[u8], text_len: usize, runs: usize) {
    measure_files(name, &[(name.to_owned(), bytes.to_vec())], text_len, 1, runs);
}

/// The real interviews beside the repository, as (file name, bytes).
fn real_interviews() -> Vec<(String, Vec<u8>)> {
    let (dir, files) = common::real_interviews();
    if files.is_empty() {
        println!("real interviews: skipped, nothing at {}", dir.display());
    }
    files
}

/// Median MB/s of reading every file `passes` times per run (`text_len`: the size of one pass).
fn measure_files(name: &str, files: &[(String, Vec<u8>)], text_len: usize, passes: usize, runs: usize) {
    let options = ReadOptions::default();
    let mut wall_rates = Vec::with_capacity(runs);
    let mut cpu_rates = Vec::with_capacity(runs);
    let mut answers = 0;
    let megabytes = (text_len * passes) as f64 / 1e6;
    for _ in 0..runs {
        let cpu_start = thread_cpu_ns();
        let start = Instant::now();
        answers = 0;
        for _ in 0..passes {
            for (file, bytes) in files {
                let transcript =
                    transcript::read_bytes(bytes, Path::new(file), &options).expect("the transcript reads");
                answers += transcript.answers().count();
            }
        }
        let seconds = start.elapsed().as_secs_f64();
        if let (Some(a), Some(b)) = (cpu_start, thread_cpu_ns()) {
            cpu_rates.push(megabytes / ((b - a) as f64 / 1e9));
        }
        wall_rates.push(megabytes / seconds);
    }
    let (wall, low, high) = median(wall_rates);
    print!("{name:<16} {megabytes:>6.1} MB of text, {} answers per pass, {runs} runs: median {wall:.1} MB/s wall (min {low:.1}, max {high:.1})", answers / passes);
    if !cpu_rates.is_empty() {
        let (cpu, low, high) = median(cpu_rates);
        print!(", {cpu:.1} MB/s of CPU time (min {low:.1}, max {high:.1})");
    }
    println!();
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let (size, runs) = if quick { (2_000_000, 3) } else { (16_000_000, 9) };
    let text = transcript_of(size);
    measure("large.txt", text.as_bytes(), text.len(), runs);
    let windows_1252: Vec<u8> = encoding_rs::WINDOWS_1252.encode(&text).0.into_owned();
    measure("large-1252.txt", &windows_1252, text.len(), runs);
    let docx = docx_of(&text);
    measure("large.docx", &docx, text.len(), runs);
    let interviews = real_interviews();
    if !interviews.is_empty() {
        let size: usize = interviews.iter().map(|(_, b)| b.len()).sum();
        let passes = (8_000_000 / size.max(1)).max(1);
        let name = format!("{} interviews", interviews.len());
        measure_files(&name, &interviews, size, passes, runs);
    }
}
