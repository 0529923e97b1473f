//! Hostile and careless inputs, built at run time in a temporary folder and fed to the real binary:
//! each ends with a clear message and exit code 0, 1 or 2, never a crash or a hang. Time is
//! bounded by construction (caps, limits, linear algorithms), so no test here measures it; the
//! sizes are chosen so that the quadratic or recursive versions would crash or run for minutes.

mod common;

use common::{pullquote, stderr, stdout};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Runs the binary in `dir` with extra environment variables.
fn pullquote_env(dir: &Path, env: &[(&str, &str)], args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pullquote"))
        .args(args)
        .envs(env.iter().copied())
        .current_dir(dir)
        .output()
        .expect("the pullquote binary runs")
}

/// Exit code 0, 1 or 2 and no panic or abort: what every hostile case must end with.
fn assert_clean(out: &Output, expected: i32) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(expected), "stderr: {err}");
    assert!(!err.contains("panicked") && !err.contains("overflow"), "{err}");
}

fn write_docx(path: &Path, body: &str) {
    let file = std::fs::File::create(path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("word/document.xml", options).unwrap();
    write!(
        zip,
        r#"<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>"#
    )
    .unwrap();
    zip.finish().unwrap();
}

fn para(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

fn interview_paragraphs() -> String {
    [
        "Entretien avec Anne Roux, maire de Lunel.",
        "Pourquoi ce projet ?",
        "AR : Parce que la ville change et que nous devons changer avec elle.",
    ]
    .map(para)
    .concat()
}

#[test]
fn a_docx_nested_a_hundred_thousand_deep_is_read_without_overflowing() {
    let dir = tempfile::tempdir().unwrap();
    let depth = 100_000;
    // Runs inside nested hyperlinks, and paragraphs inside nested content controls.
    let runs = format!(
        "<w:p>{}<w:r><w:t>AR : Au fond des liens.</w:t></w:r>{}</w:p>",
        "<w:hyperlink>".repeat(depth),
        "</w:hyperlink>".repeat(depth)
    );
    let blocks = format!(
        "{}{}{}",
        "<w:sdt>".repeat(depth),
        para("AR : Au fond des contrôles."),
        "</w:sdt>".repeat(depth)
    );
    let path = dir.path().join("deep.docx");
    write_docx(&path, &format!("{}{runs}{blocks}", interview_paragraphs()));
    let out = pullquote(dir.path(), &["read", "deep.docx"]);
    assert_clean(&out, 0);
    let text = stdout(&out);
    assert!(
        text.contains("Au fond des liens") && text.contains("Au fond des contrôles"),
        "{text}"
    );
}

#[test]
fn a_docx_over_its_node_or_size_limit_is_refused_with_the_limit_named() {
    let dir = tempfile::tempdir().unwrap();
    // 100,000 empty paragraphs: 600 KB of XML, over the node limit that a 1 MiB part cap sets.
    let bomb = format!("{}{}", interview_paragraphs(), "<w:p/>".repeat(100_000));
    write_docx(&dir.path().join("empty.docx"), &bomb);
    let out = pullquote_env(
        dir.path(),
        &[("PULLQUOTE_MAX_DOCX_PART", "1M")],
        &["read", "empty.docx"],
    );
    assert_clean(&out, 2);
    let err = stderr(&out);
    assert!(
        err.contains("empty.docx") && err.contains("PULLQUOTE_MAX_DOCX_PART"),
        "{err}"
    );

    // Over the byte cap: the part is refused, not parsed up to it.
    let out = pullquote_env(
        dir.path(),
        &[("PULLQUOTE_MAX_DOCX_PART", "64K")],
        &["read", "empty.docx"],
    );
    assert_clean(&out, 2);
    let err = stderr(&out);
    assert!(
        err.contains("word/document.xml is too large") && err.contains("64 KiB"),
        "{err}"
    );
}

#[test]
fn a_transcript_over_its_cap_names_the_cap_and_how_to_raise_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("Entretien avec Anne Roux, maire.\nPourquoi ?\n");
    while text.len() < 4096 {
        text.push_str("AR : Parce que la ville change et que nous devons changer avec elle.\n");
    }
    std::fs::write(dir.path().join("big.txt"), &text).unwrap();
    let out = pullquote_env(
        dir.path(),
        &[("PULLQUOTE_MAX_TRANSCRIPT", "2K")],
        &["read", "big.txt"],
    );
    assert_clean(&out, 2);
    let err = stderr(&out);
    assert!(
        err.contains("big.txt")
            && err.contains("2 KiB limit for a transcript")
            && err.contains("PULLQUOTE_MAX_TRANSCRIPT"),
        "{err}"
    );
    // Standard input is capped the same way.
    let mut child = Command::new(env!("CARGO_BIN_EXE_pullquote"))
        .args(["read", "-"])
        .env("PULLQUOTE_MAX_TRANSCRIPT", "2K")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // The reader stops at the cap and closes the pipe: a failed write is expected.
    let _ = child.stdin.take().unwrap().write_all(text.as_bytes());
    let out = child.wait_with_output().unwrap();
    assert_clean(&out, 2);
    assert!(
        stderr(&out).contains("PULLQUOTE_MAX_TRANSCRIPT"),
        "{}",
        stderr(&out)
    );
}

#[cfg(unix)]
#[test]
fn devices_and_fifos_are_refused_before_they_are_opened() {
    let dir = tempfile::tempdir().unwrap();
    // A transcript that is a device, directly or through a symlink.
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.txt")).unwrap();
    for input in ["/dev/zero", "zero.txt", "/dev/urandom"] {
        let out = pullquote(dir.path(), &["read", input]);
        assert_clean(&out, 2);
        assert!(
            stderr(&out).contains("character device, not a regular file"),
            "{}",
            stderr(&out)
        );
    }
    // A FIFO named like a transcript: named, it is refused; in a folder, it is skipped.
    let folder = dir.path().join("in");
    std::fs::create_dir(&folder).unwrap();
    let fifo = folder.join("pipe.txt");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let out = pullquote(dir.path(), &["read", "in/pipe.txt"]);
    assert_clean(&out, 2);
    assert!(stderr(&out).contains("named pipe (FIFO)"), "{}", stderr(&out));
    std::fs::copy(common::root().join(common::SEED), folder.join("interview.txt")).unwrap();
    // A link back to the folder's parent is not followed (it would never end).
    std::os::unix::fs::symlink(dir.path(), folder.join("loop")).unwrap();
    let out = pullquote(
        dir.path(),
        &["run", "in", "-o", "out", "--formats", "x", "--max", "1", "-q"],
    );
    assert_clean(&out, 0);
    assert!(dir.path().join("out/interview").is_dir());

    // A template whose logo is a device.
    let out = pullquote(dir.path(), &["templates", "init", "brand", "--from", "paper"]);
    assert_clean(&out, 0);
    let logo = dir.path().join("brand/assets/placeholder-logo.svg");
    std::fs::remove_file(&logo).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &logo).unwrap();
    let out = pullquote(dir.path(), &["templates", "check", "brand/brand.yaml"]);
    assert_clean(&out, 2);
    let err = stderr(&out);
    assert!(
        err.contains("brand.yaml") && err.contains("character device"),
        "{err}"
    );
}

#[test]
fn an_svg_logo_nested_too_deep_is_a_template_error_and_a_deep_enough_one_renders() {
    let dir = tempfile::tempdir().unwrap();
    let out = pullquote(dir.path(), &["templates", "init", "brand", "--from", "paper"]);
    assert_clean(&out, 0);
    let logo = dir.path().join("brand/assets/placeholder-logo.svg");
    let svg = |depth: usize| {
        format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40">{}<rect width="40" height="40" fill="red"/>{}</svg>"#,
            "<g>".repeat(depth),
            "</g>".repeat(depth)
        )
    };
    std::fs::write(&logo, svg(50_000)).unwrap();
    let out = pullquote(dir.path(), &["templates", "check", "brand/brand.yaml"]);
    assert_clean(&out, 2);
    let err = stderr(&out);
    assert!(
        err.contains("brand.yaml") && err.contains("more than 128 deep"),
        "{err}"
    );

    // The deepest drawing allowed is read and drawn on a card, on a worker thread.
    std::fs::write(&logo, svg(126)).unwrap();
    let out = pullquote(
        dir.path(),
        &[
            "render",
            "--text",
            "Nous avons tout essayé.",
            "--speaker",
            "Anne Roux",
            "-t",
            "brand/brand.yaml",
            "--format",
            "x",
            "-o",
            "cards",
            "-q",
        ],
    );
    assert_clean(&out, 0);
}

#[test]
fn yaml_nested_sixty_thousand_deep_is_refused_before_parsing() {
    let dir = tempfile::tempdir().unwrap();
    let deep = format!("{}{}", "[".repeat(60_000), "]".repeat(60_000));
    std::fs::write(
        dir.path().join("deep.yaml"),
        format!("extends: paper\nname: {deep}\n"),
    )
    .unwrap();
    let out = pullquote(dir.path(), &["templates", "check", "deep.yaml"]);
    assert_clean(&out, 2);
    let err = stderr(&out);
    assert!(
        err.contains("deep.yaml:2:") && (err.contains("nest") || err.contains("recursion limit")),
        "{err}"
    );

    std::fs::write(dir.path().join("quotes.yaml"), format!("quotes: {deep}\n")).unwrap();
    let out = pullquote(dir.path(), &["run", "--quotes", "quotes.yaml", "-o", "out"]);
    assert_clean(&out, 2);
    assert!(stderr(&out).contains("quotes.yaml:1:"), "{}", stderr(&out));

    let transcript = format!("---\ntitle: {deep}\n---\nEntretien avec Anne Roux.\nAR : Oui.\n");
    std::fs::write(dir.path().join("fm.md"), transcript).unwrap();
    let out = pullquote(dir.path(), &["read", "fm.md"]);
    assert_clean(&out, 2);
    assert!(stderr(&out).contains("front matter"), "{}", stderr(&out));
}

#[test]
fn ten_thousand_speakers_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let syllables = ["ma", "ri", "lo", "pe", "za", "ku", "ne", "to", "vi", "sa"];
    let word = |n: usize| -> String {
        let s: String = (0..4).map(|k| syllables[(n / 10usize.pow(k)) % 10]).collect();
        let mut c = s.chars();
        c.next().unwrap().to_uppercase().chain(c).collect()
    };
    let mut text = String::from("Interview with many people.\nQ: Why?\n");
    for i in 0..10_000 {
        text.push_str(&format!(
            "{} {}: this is an answer about the region, number {i}.\n",
            word(i),
            word(i * 7 + 3)
        ));
    }
    std::fs::write(dir.path().join("crowd.txt"), text).unwrap();
    let out = pullquote(dir.path(), &["read", "crowd.txt", "--json"]);
    assert_clean(&out, 0);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(json["speakers"].as_array().unwrap().len() >= 9_000);
}

#[test]
fn a_quote_too_long_for_any_card_fails_that_card_with_the_length() {
    let dir = tempfile::tempdir().unwrap();
    let word = "a".repeat(30_000);
    let out = pullquote(
        dir.path(),
        &[
            "render",
            "--text",
            &word,
            "--speaker",
            "Anne Roux",
            "--format",
            "x",
            "-o",
            "cards",
            "-q",
        ],
    );
    assert_clean(&out, 1);
    let err = stderr(&out);
    assert!(
        err.contains("30000 characters long; a card holds at most 2000"),
        "{err}"
    );
    // The same for a credit that a placeholder expands to something huge.
    let role = "b ".repeat(5_000);
    let out = pullquote(
        dir.path(),
        &[
            "render",
            "--text",
            "Oui.",
            "--speaker",
            "Anne Roux",
            "--role",
            &role,
            "--format",
            "x",
            "-o",
            "cards2",
            "-q",
        ],
    );
    assert_clean(&out, 1);
    assert!(
        stderr(&out).contains("a card holds at most 1000"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn jobs_are_capped() {
    let dir = tempfile::tempdir().unwrap();
    let out = pullquote(
        dir.path(),
        &["render", "--text", "Oui.", "--speaker", "A B", "-j", "100000"],
    );
    assert_clean(&out, 2);
    assert!(stderr(&out).contains("from 1 to 64"), "{}", stderr(&out));
}

#[test]
fn extends_pointed_at_a_file_that_is_not_yaml_never_prints_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(".env"), "API_KEY=s3cr3t-value\n").unwrap();
    std::fs::write(dir.path().join("brand.yaml"), "extends: .env\nname: brand\n").unwrap();
    let out = pullquote(dir.path(), &["templates", "check", "brand.yaml"]);
    assert_clean(&out, 2);
    let err = stderr(&out);
    assert!(err.contains(".env") && err.contains("not a template"), "{err}");
    assert!(!err.contains("s3cr3t"), "{err}");
}
