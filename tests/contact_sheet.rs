//! The review page opened from the file system in headless Chromium: it renders, and its
//! thumbnails load. The screenshot is kept in target/ for a look.
//!
//! Needs Debian's `chromium`. This file has its own small test harness (`harness = false`) so
//! that a missing browser is reported the way libtest reports a skipped test, as `ignored` with
//! the reason, never as `ok`; under CI (`CI` or `PULLQUOTE_REQUIRE_CHROMIUM` set, as `.ci/run`
//! does after installing Chromium) a missing browser fails the test instead.

mod common;

use common::{pullquote, root, stderr, SEED};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

const NAME: &str = "the_contact_sheet_renders_with_its_thumbnails_in_chromium";

fn chromium() -> Option<PathBuf> {
    let candidates = [
        std::env::var("PULLQUOTE_CHROMIUM").unwrap_or_default(),
        "/usr/bin/chromium".into(),
        "/usr/bin/chromium-browser".into(),
    ];
    candidates
        .into_iter()
        .filter(|c| !c.is_empty())
        .map(PathBuf::from)
        .find(|p| p.exists())
}

/// Whether libtest-style arguments (`NAME`, `--exact`, `--skip X`, `--ignored`) select the test.
fn selected(args: &[String]) -> bool {
    let mut filters = Vec::new();
    let mut skips = Vec::new();
    let mut exact = false;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--exact" => exact = true,
            // Only ignored tests are asked for, and this one is not marked ignored.
            "--ignored" => return false,
            "--skip" => skips.extend(iter.next()),
            "--test-threads" | "--color" | "--format" | "--logfile" | "-Z" | "--shuffle-seed" => {
                iter.next();
            }
            a if a.starts_with('-') => {}
            a => filters.push(a),
        }
    }
    let matches = |pattern: &str| {
        if exact {
            NAME == pattern
        } else {
            NAME.contains(pattern)
        }
    };
    (filters.is_empty() || filters.iter().any(|f| matches(f))) && !skips.iter().any(|s| matches(s))
}

fn summary(passed: usize, failed: usize, ignored: usize, filtered: usize) {
    let verdict = if failed == 0 { "ok" } else { "FAILED" };
    println!(
        "\ntest result: {verdict}. {passed} passed; {failed} failed; {ignored} ignored; 0 measured; {filtered} filtered out\n"
    );
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--list") {
        if !args.iter().any(|a| a == "--ignored") {
            println!("{NAME}: test");
        }
        return ExitCode::SUCCESS;
    }
    if !selected(&args) {
        println!("\nrunning 0 tests");
        summary(0, 0, 0, 1);
        return ExitCode::SUCCESS;
    }
    println!("\nrunning 1 test");
    let required = ["CI", "PULLQUOTE_REQUIRE_CHROMIUM"]
        .iter()
        .any(|v| std::env::var_os(v).is_some_and(|v| !v.is_empty()));
    let Some(browser) = chromium() else {
        if required {
            println!("test {NAME} ... FAILED");
            eprintln!(
                "Chromium is required here (CI or PULLQUOTE_REQUIRE_CHROMIUM is set) but was not found"
            );
            summary(0, 1, 0, 0);
            return ExitCode::FAILURE;
        }
        println!("test {NAME} ... ignored, Chromium not found (install Debian's chromium to run it)");
        summary(0, 0, 1, 0);
        return ExitCode::SUCCESS;
    };
    let outcome = std::panic::catch_unwind(|| contact_sheet_renders_in(&browser));
    if outcome.is_ok() {
        println!("test {NAME} ... ok");
        summary(1, 0, 0, 0);
        ExitCode::SUCCESS
    } else {
        println!("test {NAME} ... FAILED");
        summary(0, 1, 0, 0);
        ExitCode::FAILURE
    }
}

fn contact_sheet_renders_in(browser: &Path) {
    let dir = tempfile::tempdir().unwrap();
    let seed = root().join(SEED);
    let out = pullquote(
        dir.path(),
        &[
            "run",
            seed.to_str().unwrap(),
            "-o",
            "out",
            "--formats",
            "instagram-square,story,x",
            "-q",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let page = dir.path().join("out/index.html");
    let html = std::fs::read_to_string(&page).unwrap();
    assert_eq!(html.matches("<img ").count(), 15);
    assert_eq!(html.matches("data-copy=").count(), 5);

    let shot = dir.path().join("shot.png");
    let status = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--virtual-time-budget=5000",
            "--window-size=1280,1600",
        ])
        .arg(format!(
            "--user-data-dir={}",
            dir.path().join("profile").display()
        ))
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    assert!(
        shot.exists(),
        "no screenshot: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    let image = image::open(&shot).unwrap().to_rgb8();
    assert_eq!(image.dimensions(), (1280, 1600));
    let keep = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("contact-sheet.png");
    let _ = image.save(&keep);

    // The cards' paper background and red accent show up only if the thumbnails loaded.
    let count = |target: [u8; 3]| {
        image
            .pixels()
            .filter(|p| p.0.iter().zip(target).all(|(a, b)| a.abs_diff(b) <= 6))
            .count()
    };
    let paper = count([0xF5, 0xF0, 0xE6]);
    let accent = count([0xB8, 0x32, 0x2A]);
    assert!(
        paper > 20_000,
        "only {paper} paper-coloured pixels: thumbnails missing? see {}",
        keep.display()
    );
    assert!(
        accent > 300,
        "only {accent} accent pixels: see {}",
        keep.display()
    );
    // The page's own text (dark ink) is drawn.
    let dark = image.pixels().filter(|p| p.0.iter().all(|&c| c < 80)).count();
    assert!(dark > 2_000, "no text on the page: see {}", keep.display());
}
