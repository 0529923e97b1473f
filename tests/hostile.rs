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

/// Runs the binary in `dir` with extra environment variables, expecting a clean refusal
/// (exit code 2); its standard error.
fn refused_env(dir: &Path, env: &[(&str, &str)], args: &[&str]) -> String {
    let out = pullquote_env(dir, env, args);
    assert_clean(&out, 2);
    stderr(&out)
}

/// [`refused_env`] without extra environment variables.
fn refused(dir: &Path, args: &[&str]) -> String {
    refused_env(dir, &[], args)
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
    let err = refused_env(
        dir.path(),
        &[("PULLQUOTE_MAX_DOCX_PART", "1M")],
        &["read", "empty.docx"],
    );
    assert!(
        err.contains("empty.docx") && err.contains("PULLQUOTE_MAX_DOCX_PART"),
        "{err}"
    );

    // Over the byte cap: the part is refused, not parsed up to it.
    let err = refused_env(
        dir.path(),
        &[("PULLQUOTE_MAX_DOCX_PART", "64K")],
        &["read", "empty.docx"],
    );
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
    let err = refused_env(
        dir.path(),
        &[("PULLQUOTE_MAX_TRANSCRIPT", "2K")],
        &["read", "big.txt"],
    );
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
    let err = refused(dir.path(), &["templates", "check", "brand/brand.yaml"]);
    assert!(
        err.contains("brand.yaml") && err.contains("character device"),
        "{err}"
    );

    // A template that extends a device: refused as what it is, not as a missing file.
    std::fs::write(dir.path().join("child.yaml"), "extends: /dev/zero\n").unwrap();
    let err = refused(dir.path(), &["templates", "check", "child.yaml"]);
    assert!(err.contains("(not a regular file)"), "{err}");
    assert!(err.contains("child.yaml:1:10"), "{err}");
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
    let err = refused(dir.path(), &["templates", "check", "brand/brand.yaml"]);
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
    let err = refused(dir.path(), &["templates", "check", "deep.yaml"]);
    assert!(
        err.contains("deep.yaml:2:") && (err.contains("nest") || err.contains("recursion limit")),
        "{err}"
    );

    std::fs::write(dir.path().join("quotes.yaml"), format!("quotes: {deep}\n")).unwrap();
    let err = refused(dir.path(), &["run", "--quotes", "quotes.yaml", "-o", "out"]);
    assert!(err.contains("quotes.yaml:1:"), "{err}");

    let transcript = format!("---\ntitle: {deep}\n---\nEntretien avec Anne Roux.\nAR : Oui.\n");
    std::fs::write(dir.path().join("fm.md"), transcript).unwrap();
    let err = refused(dir.path(), &["read", "fm.md"]);
    assert!(err.contains("front matter"), "{err}");
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
    let err = refused(
        dir.path(),
        &["render", "--text", "Oui.", "--speaker", "A B", "-j", "100000"],
    );
    assert!(err.contains("from 1 to 64"), "{err}");
}

#[test]
fn extends_pointed_at_a_file_that_is_not_yaml_never_prints_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(".env"), "API_KEY=s3cr3t-value\n").unwrap();
    std::fs::write(dir.path().join("brand.yaml"), "extends: .env\nname: brand\n").unwrap();
    let err = refused(dir.path(), &["templates", "check", "brand.yaml"]);
    assert!(err.contains(".env") && err.contains("not a template"), "{err}");
    assert!(!err.contains("s3cr3t"), "{err}");
}

/// Every file under `dir` with its bytes, to show that a refused run changed nothing.
fn snapshot(dir: &Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    common::files(dir)
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(dir.join(&p)).unwrap_or_default();
            (p, bytes)
        })
        .collect()
}

const INTERVIEW: &str = "Entretien avec Anne Roux, maire de Lunel.\nPourquoi ce projet ?\nAR : Parce que la ville change et que nous devons changer avec elle, tous ensemble.\n";

fn run_into(dir: &Path, input: &str, extra: &[&str]) -> Output {
    let mut args = vec!["run", input, "-o", "out", "--formats", "x", "--max", "1"];
    args.extend_from_slice(extra);
    pullquote(dir, &args)
}

#[test]
fn sheet_ids_that_read_alike_get_a_suffix_and_a_warning_and_keep_it() {
    let dir = tempfile::tempdir().unwrap();
    let rows: String = ["a b", "a-b", "A_B", "!!!", "***", "a b"]
        .iter()
        .enumerate()
        .map(|(n, id)| format!("\"{id}\",Citation numéro {n} pour la carte.,Anne Roux\n"))
        .collect();
    std::fs::write(dir.path().join("s.csv"), format!("id,quote,name\n{rows}")).unwrap();
    let args = ["render", "s.csv", "--format", "x", "-o", "out"];
    let out = pullquote(dir.path(), &args);
    assert_clean(&out, 0);
    let err = stderr(&out);
    assert!(
        err.contains("the rows on lines 2 and 3 would write the same cards (`a-b-anne-roux`); this row's are named `a-b-anne-roux-2`"),
        "{err}"
    );
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("out/manifest.json")).unwrap()).unwrap();
    let mut paths: Vec<&str> = manifest["cards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths.len(), 6);
    paths.sort_unstable();
    paths.dedup();
    assert_eq!(paths.len(), 6, "one manifest entry per file: {paths:?}");
    let pngs = common::files(&dir.path().join("out"))
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "png"))
        .count();
    assert_eq!(pngs, 6);
    // The same sheet again: every card keeps its name, so nothing is made again.
    let again = pullquote(dir.path(), &args);
    assert_clean(&again, 0);
    assert!(
        stderr(&again).contains("0 created, 0 replaced, 6 unchanged"),
        "{}",
        stderr(&again)
    );
}

#[test]
fn files_pullquote_did_not_write_are_never_replaced_without_force() {
    for target in ["index.html", "in/manifest.json", "in/manifest.csv", "in/alt"] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("in.txt"), INTERVIEW).unwrap();
        let target = if target == "in/alt" {
            // The alt text's name, from a run elsewhere.
            assert_clean(
                &pullquote(
                    dir.path(),
                    &[
                        "run",
                        "in.txt",
                        "-o",
                        "first",
                        "--formats",
                        "x",
                        "--max",
                        "1",
                        "-q",
                    ],
                ),
                0,
            );
            let alt = common::files(&dir.path().join("first/in"))
                .into_iter()
                .find(|p| p.to_string_lossy().ends_with(".alt.txt"))
                .unwrap();
            format!("in/{}", alt.display())
        } else {
            target.to_owned()
        };
        let mine = dir.path().join("out").join(&target);
        std::fs::create_dir_all(mine.parent().unwrap()).unwrap();
        std::fs::write(&mine, "my own file\n").unwrap();
        let before = snapshot(&dir.path().join("out"));

        let dry = run_into(dir.path(), "in.txt", &["--dry-run"]);
        assert_clean(&dry, 1);
        let listing = stdout(&dry);
        assert!(
            listing
                .lines()
                .any(|l| l.starts_with("conflict") && l.ends_with(&target)),
            "{target}: {listing}"
        );

        let out = run_into(dir.path(), "in.txt", &[]);
        assert_clean(&out, 1);
        let err = stderr(&out);
        assert!(err.contains("is not the file pullquote wrote"), "{target}: {err}");
        assert_eq!(std::fs::read_to_string(&mine).unwrap(), "my own file\n");
        if target.ends_with(".json") || target.ends_with(".csv") {
            // The folder is left as it was: no card beside a manifest that is not pullquote's.
            assert_eq!(snapshot(&dir.path().join("out/in")), before_in(&before));
        }

        let forced = run_into(dir.path(), "in.txt", &["--force"]);
        assert_clean(&forced, 0);
        assert_ne!(std::fs::read_to_string(&mine).unwrap(), "my own file\n");
        // Now pullquote's: a rerun replaces or keeps it without --force.
        assert_clean(&run_into(dir.path(), "in.txt", &[]), 0);
    }
}

fn before_in(all: &[(std::path::PathBuf, Vec<u8>)]) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    all.iter()
        .filter_map(|(p, b)| Some((p.strip_prefix("in").ok()?.to_path_buf(), b.clone())))
        .collect()
}

#[cfg(unix)]
#[test]
fn links_at_output_paths_are_never_followed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("in.txt"), INTERVIEW).unwrap();
    assert_clean(&run_into(dir.path(), "in.txt", &["-q"]), 0);
    let folder = dir.path().join("out/in");
    let card = common::files(&folder)
        .into_iter()
        .find(|p| p.extension().is_some_and(|e| e == "png"))
        .unwrap();
    std::fs::remove_file(folder.join(&card)).unwrap();
    std::os::unix::fs::symlink("/dev/zero", folder.join(&card)).unwrap();
    let out = run_into(dir.path(), "in.txt", &[]);
    assert_clean(&out, 1);
    assert!(
        stderr(&out).contains("is not the file pullquote wrote"),
        "{}",
        stderr(&out)
    );
    assert!(std::fs::symlink_metadata(folder.join(&card))
        .unwrap()
        .file_type()
        .is_symlink());

    std::fs::remove_file(folder.join("manifest.json")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", folder.join("manifest.json")).unwrap();
    let out = run_into(dir.path(), "in.txt", &[]);
    assert_clean(&out, 1);
    assert!(stderr(&out).contains("manifest.json"), "{}", stderr(&out));
}

#[test]
fn a_dry_run_lists_every_file_it_would_write() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("in.txt"), INTERVIEW).unwrap();
    let out = run_into(dir.path(), "in.txt", &["--dry-run"]);
    assert_clean(&out, 0);
    let listing = stdout(&out);
    for file in [
        ".png",
        ".alt.txt",
        "in/manifest.json",
        "in/manifest.csv",
        "out/index.html",
    ] {
        assert!(
            listing.lines().any(|l| l.starts_with("new") && l.ends_with(file)),
            "{file}: {listing}"
        );
    }
    assert!(!dir.path().join("out").exists(), "a dry run writes nothing");
}

#[test]
fn extract_keeps_an_edited_quotes_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("in.txt"), INTERVIEW).unwrap();
    let extract = ["extract", "in.txt", "-o", "q.yaml"];
    assert_clean(&pullquote(dir.path(), &extract), 0);
    // Unedited, it is pullquote's: written again.
    assert_clean(&pullquote(dir.path(), &extract), 0);
    let path = dir.path().join("q.yaml");
    let edited = std::fs::read_to_string(&path)
        .unwrap()
        .replace("Parce que", "Parce qu'en fait");
    std::fs::write(&path, &edited).unwrap();
    let out = pullquote(dir.path(), &extract);
    assert_clean(&out, 2);
    assert!(
        stderr(&out).contains("was edited since pullquote wrote it"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), edited);
    // The edited file still renders.
    assert_clean(
        &pullquote(
            dir.path(),
            &["render", "q.yaml", "--format", "x", "-o", "cards", "-q"],
        ),
        0,
    );
    assert_clean(
        &pullquote(dir.path(), &["extract", "in.txt", "-o", "q.yaml", "--force"]),
        0,
    );
    assert_ne!(std::fs::read_to_string(&path).unwrap(), edited);
}

#[test]
fn the_contact_sheet_keeps_every_interview_of_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), INTERVIEW).unwrap();
    std::fs::write(
        dir.path().join("b.txt"),
        INTERVIEW
            .replace("Anne Roux", "Marie Blanc")
            .replace("AR :", "MB :"),
    )
    .unwrap();
    assert_clean(&run_into(dir.path(), "a.txt", &["-q"]), 0);
    assert_clean(&run_into(dir.path(), "b.txt", &["-q"]), 0);
    let sheet = dir.path().join("out/index.html");
    let html = std::fs::read_to_string(&sheet).unwrap();
    assert!(html.contains("src=\"a/") && html.contains("src=\"b/"), "{html}");
    assert!(html.contains("2 interviews"), "{html}");
    // An input that cannot be read leaves the sheet as it was.
    std::fs::write(dir.path().join("bad.txt"), b"\0\x01\x02binary").unwrap();
    let out = run_into(dir.path(), "bad.txt", &[]);
    assert_clean(&out, 2);
    assert_eq!(std::fs::read_to_string(&sheet).unwrap(), html);
}

#[cfg(target_os = "linux")]
#[test]
fn a_run_waits_for_another_into_the_same_folder_and_takes_over_a_dead_one_s_lock() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("in.txt"), INTERVIEW).unwrap();
    let lock = dir.path().join("out/.pullquote.lock");
    std::fs::create_dir_all(lock.parent().unwrap()).unwrap();
    // Held by a live process: this test's.
    std::fs::write(&lock, format!("{}\n", std::process::id())).unwrap();
    let out = pullquote_env(
        dir.path(),
        &[("PULLQUOTE_LOCK_WAIT", "0.3")],
        &["run", "in.txt", "-o", "out", "--formats", "x", "--max", "1"],
    );
    assert_clean(&out, 1);
    let err = stderr(&out);
    assert!(
        err.contains(&format!("another pullquote run (process {})", std::process::id()))
            && err.contains(".pullquote.lock"),
        "{err}"
    );
    assert_eq!(
        common::files(&dir.path().join("out")),
        [Path::new(".pullquote.lock")]
    );
    // Left by a run that was killed: taken over, and removed at the end.
    std::fs::write(&lock, "4194305\n").unwrap();
    assert_clean(&run_into(dir.path(), "in.txt", &["-q"]), 0);
    assert!(!lock.exists());
    assert!(dir.path().join("out/in/manifest.json").exists());
}

#[test]
fn a_card_over_its_time_budget_fails_with_its_name() {
    let dir = tempfile::tempdir().unwrap();
    // Squeezing a PNG takes about a second: well over a tenth of one.
    let out = pullquote(
        dir.path(),
        &[
            "render",
            "--text",
            "Nous avons tout essayé.",
            "--speaker",
            "Anne Roux",
            "--format",
            "x",
            "--optimize",
            "--card-time-limit",
            "0.1",
            "-o",
            "cards",
        ],
    );
    assert_clean(&out, 1);
    let err = stderr(&out);
    assert!(
        err.contains("q01-anne-roux-x.png` took longer than its 0.1-second budget"),
        "{err}"
    );
    let out = pullquote(
        dir.path(),
        &[
            "render",
            "--text",
            "Oui.",
            "--speaker",
            "A B",
            "--card-time-limit",
            "0",
        ],
    );
    assert_clean(&out, 2);
}

#[test]
fn subtitle_cues_with_a_broken_timing_are_kept_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("in.srt"),
        "1\n00:00:01,000 --> 00:00:04,000\nAnne Roux: Nous avons tout changé.\n\n2\n00:00:05,000 --> 00:0x:08,000\nAnne Roux: Ce passage reste là.\n",
    )
    .unwrap();
    let out = pullquote(dir.path(), &["read", "in.srt"]);
    assert_clean(&out, 0);
    assert!(stdout(&out).contains("Ce passage reste là"), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("in.srt:6:1") && stderr(&out).contains("is not a cue timing"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn template_pictures_outside_the_template_s_folder_need_an_allowance() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("shared")).unwrap();
    std::fs::create_dir_all(dir.path().join("tpl")).unwrap();
    std::fs::write(
        dir.path().join("shared/logo.svg"),
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><rect width="40" height="40" fill="red"/></svg>"#,
    )
    .unwrap();
    let template = "extends: paper\nname: t\nbrand:\n  logo: ../shared/logo.svg\n";
    std::fs::write(dir.path().join("tpl/t.yaml"), template).unwrap();
    let err = refused(dir.path(), &["templates", "check", "tpl/t.yaml"]);
    assert!(
        err.contains("t.yaml:4:")
            && err.contains("is outside the template's folder")
            && err.contains("assets_root"),
        "{err}"
    );
    assert_clean(
        &pullquote(
            dir.path(),
            &["templates", "check", "tpl/t.yaml", "--allow-outside"],
        ),
        0,
    );
    std::fs::write(
        dir.path().join("tpl/t.yaml"),
        format!("assets_root: ../shared\n{template}"),
    )
    .unwrap();
    assert_clean(&pullquote(dir.path(), &["templates", "check", "tpl/t.yaml"]), 0);
}

#[test]
fn a_sheet_s_template_column_never_prints_another_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.yaml"), "API_KEY: s3cr3t-value\n").unwrap();
    std::fs::write(dir.path().join(".env"), "API_KEY=s3cr3t-value\n").unwrap();
    for template in [".env", "notes.yaml", "/etc/passwd"] {
        std::fs::write(
            dir.path().join("s.csv"),
            format!("id,quote,name,template\n1,Oui tout.,Anne Roux,{template}\n"),
        )
        .unwrap();
        let out = pullquote(dir.path(), &["render", "s.csv", "--format", "x", "-o", "out"]);
        assert_clean(&out, 2);
        let shown = format!("{}{}", stderr(&out), stdout(&out));
        assert!(!shown.contains("s3cr3t") && !shown.contains("root:"), "{shown}");
    }
}

#[test]
fn four_thousand_reworded_pull_quotes_are_attributed() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("Entretien avec Anne Roux, maire de Lunel, et Paul Dumas, adjoint.\n");
    for i in 0..4_000 {
        text.push_str(&format!(
            "Question numéro {i} ?\nAR : Nous avons changé la ville numéro {i} parce que les habitants le demandaient depuis {i} ans.\n« Nous avons vraiment changé la ville numéro {i} car les habitants le demandaient depuis {i} ans. »\n"
        ));
    }
    std::fs::write(dir.path().join("marks.txt"), text).unwrap();
    let out = pullquote(dir.path(), &["extract", "marks.txt", "--json", "--max", "5"]);
    assert_clean(&out, 0);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let quotes = json["quotes"].as_array().unwrap();
    assert!(
        quotes.iter().all(|q| q["speaker"]["name"] == "Anne Roux"),
        "{quotes:?}"
    );
}
