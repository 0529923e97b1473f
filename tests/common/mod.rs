//! Helpers shared by the integration tests: running the real binary in a temporary folder.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const SEED: &str = "examples/occitanie-social-media-interview.txt";

/// The repository root, so tests find examples and templates wherever cargo runs them.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `pullquote` with `args` in `dir`.
pub fn pullquote(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pullquote"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the pullquote binary runs")
}

/// Runs `pullquote` with `args` in `dir`, `input` on its standard input and `env` added to its
/// environment (`PULLQUOTE_TEMPLATE` removed unless given).
pub fn pullquote_with(dir: &Path, args: &[&str], input: &[u8], env: &[(&str, &str)]) -> Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut command = Command::new(env!("CARGO_BIN_EXE_pullquote"));
    command
        .args(args)
        .current_dir(dir)
        .env_remove("PULLQUOTE_TEMPLATE")
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().expect("the pullquote binary runs");
    let mut stdin = child.stdin.take().unwrap();
    // A command that does not read its input closes the pipe: not the test's concern.
    let _ = stdin.write_all(input);
    drop(stdin);
    child.wait_with_output().unwrap()
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Every file under `dir`, sorted, as paths relative to it.
pub fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path.strip_prefix(dir).unwrap().to_path_buf());
            }
        }
    }
    out.sort();
    out
}

/// The annotated real interviews beside the repository (`$PULLQUOTE_SHARED/data/interviews`,
/// `../shared` by default): each `.md` or `.txt` file with its `.json` annotation, as (file name,
/// bytes) sorted by name, and the folder looked in. Empty when the folder is missing.
pub fn real_interviews() -> (PathBuf, Vec<(String, Vec<u8>)>) {
    let shared = std::env::var_os("PULLQUOTE_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared"));
    let dir = shared.join("data/interviews");
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "md" || e == "txt"))
                .filter(|p| p.with_extension("json").exists())
                .filter_map(|p| {
                    Some((
                        p.file_name()?.to_string_lossy().into_owned(),
                        std::fs::read(&p).ok()?,
                    ))
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    (dir, files)
}

pub mod harness;
pub mod http;
pub mod studio;

/// The first of `$env` and `candidates` that exists: where Chromium or chromedriver is.
pub fn find_program(env: &str, candidates: &[&str]) -> Option<PathBuf> {
    std::iter::once(std::env::var(env).unwrap_or_default())
        .chain(candidates.iter().map(|c| (*c).to_owned()))
        .filter(|c| !c.is_empty())
        .map(PathBuf::from)
        .find(|p| p.exists())
}

/// Debian's Chromium, or the one `PULLQUOTE_CHROMIUM` names.
pub fn chromium() -> Option<PathBuf> {
    find_program(
        "PULLQUOTE_CHROMIUM",
        &["/usr/bin/chromium", "/usr/bin/chromium-browser"],
    )
}

/// Headless Chromium that stays quiet: no network of its own, no first-run work, no scrollbars
/// in screenshots.
pub const HEADLESS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
];
