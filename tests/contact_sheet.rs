//! The review page opened from the file system in headless Chromium: it renders, and its
//! thumbnails load. The screenshot is kept in target/ for a look.
//!
//! Needs Debian's `chromium`. The file runs on tests/common/harness.rs (`harness = false`) so
//! that a missing browser is reported as `ignored` with the reason, never as `ok`; under CI
//! (`CI` or `PULLQUOTE_REQUIRE_CHROMIUM` set, as `.ci/run` does after installing Chromium) a
//! missing browser fails the test instead.

mod common;

use common::harness::{self, Outcome, Test};
use common::{chromium, pullquote, root, stderr, HEADLESS, SEED};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

fn main() -> ExitCode {
    harness::main(&[Test {
        name: "the_contact_sheet_renders_with_its_thumbnails_in_chromium",
        run: || match chromium() {
            Some(browser) => {
                contact_sheet_renders_in(&browser);
                Outcome::Ran
            }
            None => Outcome::Skipped {
                reason: "Chromium not found (install Debian's chromium to run it)".into(),
                required_by: "PULLQUOTE_REQUIRE_CHROMIUM",
            },
        },
    }])
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
        .args(HEADLESS)
        .args(["--virtual-time-budget=5000", "--window-size=1280,1600"])
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
