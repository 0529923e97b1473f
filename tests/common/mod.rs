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
