//! Reading throughput: decodes and parses a large generated transcript (two interviewees, labels,
//! unlabelled questions, editor marks, editor's notes, a quoted lyric) and a Word document of the
//! same interview, and prints the median MB/s over repeated runs.
//!
//! Run with `cargo bench --bench reading` (add `-- --quick` for fewer, smaller runs).

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

/// Median MB/s of reading `bytes` (measured against `text_len`, the size of the text itself).
fn measure(name: &str, bytes: &[u8], text_len: usize, runs: usize) {
    let options = ReadOptions::default();
    let mut rates = Vec::with_capacity(runs);
    let mut answers = 0;
    for _ in 0..runs {
        let start = Instant::now();
        let transcript =
            transcript::read_bytes(bytes, Path::new(name), &options).expect("the transcript reads");
        let seconds = start.elapsed().as_secs_f64();
        answers = transcript.answers().count();
        rates.push(text_len as f64 / 1e6 / seconds);
    }
    rates.sort_by(f64::total_cmp);
    let median = rates[rates.len() / 2];
    println!(
        "{name:<16} {:>6.1} MB of text, {answers} answers: median {median:.1} MB/s over {runs} runs (min {:.1}, max {:.1})",
        text_len as f64 / 1e6,
        rates[0],
        rates[rates.len() - 1]
    );
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
}
