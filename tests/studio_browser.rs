//! The studio page in headless Chromium, driven through chromedriver's WebDriver protocol: the
//! cards show, a saved colour reaches the page without a reload, a broken save shows its error
//! with the last good cards still there, a card opens at real size, and the API the page uses
//! answers a plain HTTP client. Screenshots are kept in target/tmp/ for a look (the ones in
//! docs/images/ come from here).
//!
//! Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs both and sets
//! PULLQUOTE_REQUIRE_CHROMIUM=1, so CI never skips this test); elsewhere the test is reported
//! as `ignored`, with the reason, when either is missing (tests/common/harness.rs).

mod common;

use base64::Engine;
use common::harness::{self, Outcome, Test};
use common::http;
use common::studio::Studio;
use common::{chromium, find_program, pullquote, root, stderr, HEADLESS, SEED};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// chromedriver and the Chromium session it drives; both end with the test.
struct Browser {
    driver: Child,
    addr: String,
    session: String,
}

impl Browser {
    fn start(chromium: &Path, chromedriver: &Path, profile: &Path) -> Browser {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let driver = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver runs");
        let mut browser = Browser {
            driver,
            addr: format!("127.0.0.1:{port}"),
            session: String::new(),
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        while std::net::TcpStream::connect(&browser.addr).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        let args = HEADLESS
            .iter()
            .chain(&["--window-size=1440,1000", "--force-device-scale-factor=1"])
            .map(|a| (*a).to_owned())
            .chain([format!("--user-data-dir={}", profile.display())])
            .collect::<Vec<_>>();
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": chromium, "args": args},
        }}});
        let session = browser.call("POST", "/session", Some(capabilities));
        browser.session = session["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {session}"))
            .to_owned();
        browser
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let body = body.map(|b| serde_json::to_vec(&b).unwrap()).unwrap_or_default();
        let headers = [("Content-Type", "application/json")];
        let response = http::request(&self.addr, method, path, &headers, &body);
        let value = response.json();
        assert_eq!(response.status, 200, "WebDriver {method} {path}: {value}");
        value["value"].clone()
    }

    fn goto(&self, url: &str) {
        self.call(
            "POST",
            &format!("/session/{}/url", self.session),
            Some(json!({ "url": url })),
        );
    }

    fn run(&self, script: &str) -> Value {
        let body = json!({ "script": script, "args": [] });
        self.call(
            "POST",
            &format!("/session/{}/execute/sync", self.session),
            Some(body),
        )
    }

    /// Waits until `condition` (a JS expression) is true; the limit only guards against a hang.
    fn wait_for(&self, condition: &str, what: &str) {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if self.run(&format!("return !!({condition});")) == json!(true) {
                return;
            }
            if Instant::now() > deadline {
                let status = self.run(
                    "return [document.getElementById('status-text').textContent, document.body.dataset.generation,
                     [...document.querySelectorAll('.failure')].map(f => f.textContent).slice(0, 2)];",
                );
                panic!("the page never showed {what}: {status}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn screenshot(&self, path: &Path) {
        let data = self.call("GET", &format!("/session/{}/screenshot", self.session), None);
        let png = base64::engine::general_purpose::STANDARD
            .decode(data.as_str().unwrap())
            .unwrap();
        std::fs::write(path, png).unwrap();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let path = format!("/session/{}", self.session);
            let _ = http::request(&self.addr, "DELETE", &path, &[], b"");
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// The colour of a pixel near the left edge, half-way down, of the card shown for `format` in
/// the first row, read from the image element itself.
const PIXEL: &str = "const img = document.querySelector('.row .card[data-format=\"FORMAT\"] img');
const canvas = document.createElement('canvas');
canvas.width = img.naturalWidth; canvas.height = img.naturalHeight;
const g = canvas.getContext('2d'); g.drawImage(img, 0, 0);
return Array.from(g.getImageData(3, Math.floor(canvas.height / 2), 1, 1).data.slice(0, 3));";

fn now_ms() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_millis() as u64
}

fn main() -> ExitCode {
    harness::main(&[Test {
        name: "the_studio_page_updates_itself_in_chromium",
        run: || {
            let chromedriver = find_program("PULLQUOTE_CHROMEDRIVER", &["/usr/bin/chromedriver"]);
            match (chromium(), chromedriver) {
                (Some(chromium), Some(chromedriver)) => {
                    studio_page_updates_itself(&chromium, &chromedriver);
                    Outcome::Ran
                }
                _ => Outcome::Skipped {
                    reason: "no Chromium or chromedriver (install Debian's chromium and chromium-driver to run it)".into(),
                    required_by: "PULLQUOTE_REQUIRE_CHROMIUM",
                },
            }
        },
    }])
}

fn studio_page_updates_itself(chromium: &Path, chromedriver: &Path) {
    let dir = tempfile::tempdir().unwrap();
    let out = pullquote(dir.path(), &["templates", "init", "brand", "--from", "paper"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let yaml_path = dir.path().join("brand/brand.yaml");
    let seed = root().join(SEED);
    let studio = Studio::start(
        dir.path(),
        &["brand/brand.yaml", "--transcript", seed.to_str().unwrap()],
    );
    let browser = Browser::start(chromium, chromedriver, &dir.path().join("profile"));
    let shots = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));

    // The cards: every quote (3 samples and the transcript's) on all 10 formats.
    browser.goto(&studio.url("/"));
    browser.run("window.firstLoad = 'still here'; return null;");
    browser.wait_for("document.body.dataset.generation === '1'", "the first cards");
    let rows = browser
        .run("return document.querySelectorAll('.row').length;")
        .as_u64()
        .unwrap();
    assert!(rows >= 6, "{rows} rows: the samples and the transcript's quotes");
    let shown = browser.run(
        "return [...document.querySelectorAll('.card img')].filter(i => i.src && i.naturalWidth > 0).length;",
    );
    let failures =
        browser.run("return [...document.querySelectorAll('.failure')].map(f => f.textContent).slice(0, 3);");
    assert_eq!(shown.as_u64(), Some(rows * 10), "failures: {failures}");
    let (width, height) = (
        browser.run("return document.querySelector('.card[data-format=\"story\"] .frame').getBoundingClientRect().width;"),
        browser.run("return document.querySelector('.card[data-format=\"story\"] .frame').getBoundingClientRect().height;"),
    );
    let ratio = width.as_f64().unwrap() / height.as_f64().unwrap();
    assert!(
        (ratio - 1080.0 / 1920.0).abs() < 0.01,
        "a story thumbnail keeps its shape: {ratio}"
    );
    let square = PIXEL.replace("FORMAT", "instagram-square");
    assert_eq!(browser.run(&square), json!([0xF5, 0xF0, 0xE6]));

    // A colour saved in the YAML reaches the page by itself.
    let yaml = std::fs::read_to_string(&yaml_path).unwrap();
    let saved = now_ms();
    std::fs::write(
        &yaml_path,
        yaml.replace("paper: \"#F5F0E6\"", "paper: \"#1E6E3C\""),
    )
    .unwrap();
    browser.wait_for("document.body.dataset.generation === '2'", "the saved colour");
    let at = |key: &str| -> u64 {
        let value = browser.run(&format!("return document.body.dataset.{key} || '0';"));
        value.as_str().unwrap().parse().unwrap()
    };
    let (visible, updated) = (at("visibleAt"), at("updatedAt"));
    eprintln!(
        "page updated after the save: cards on screen in {} ms, all {} cards in {} ms",
        visible.saturating_sub(saved),
        rows * 10,
        updated.saturating_sub(saved)
    );
    assert_eq!(browser.run(&square), json!([0x1E, 0x6E, 0x3C]));
    assert_eq!(
        browser.run("return window.firstLoad;"),
        json!("still here"),
        "the page reloaded"
    );
    assert_eq!(
        browser.run("return performance.getEntriesByType('navigation').length;"),
        json!(1)
    );

    // A broken save: the error with its place and caret, the last good cards still shown.
    let broken = std::fs::read_to_string(&yaml_path)
        .unwrap()
        .replace("quote: { size:", "quote: { sise:");
    let line = broken.lines().position(|l| l.contains("sise")).unwrap() + 1;
    std::fs::write(&yaml_path, &broken).unwrap();
    browser.wait_for("!document.getElementById('error').hidden", "the error");
    let error = browser.run("return document.getElementById('error').innerText;");
    let error = error.as_str().unwrap();
    assert!(error.contains(&format!("brand.yaml:{line}:")), "{error}");
    assert!(
        error.contains("unknown field `sise`") && error.contains('^'),
        "{error}"
    );
    assert!(error.contains("did you mean `size`?"), "{error}");
    assert_eq!(
        browser.run("return document.getElementById('status').dataset.state;"),
        json!("error")
    );
    let still = browser.run(
        "return [...document.querySelectorAll('.card img')].filter(i => i.src && i.naturalWidth > 0).length;",
    );
    assert_eq!(still.as_u64(), Some(rows * 10));
    assert_eq!(browser.run(&square), json!([0x1E, 0x6E, 0x3C]));
    browser.screenshot(&shots.join("studio-error.png"));

    // A card opens at real size.
    browser.run("document.querySelector('.row .card[data-format=\"story\"] .frame').click(); return null;");
    browser.wait_for(
        "document.getElementById('viewer').open && document.getElementById('viewer-image').naturalWidth === 1080",
        "the card at real size",
    );
    assert_eq!(
        browser.run("return document.getElementById('viewer-image').naturalHeight;"),
        json!(1920)
    );
    let alt = browser.run("return document.getElementById('viewer-alt').textContent;");
    assert!(alt.as_str().unwrap().contains("Camille Ferrand"), "{alt}");
    browser.run("document.getElementById('viewer').close(); return null;");

    // A quote typed into the page, on every format.
    browser.run(
        "const t = document.getElementById('q-text'); t.value = 'Nous répondons à chaque commentaire, même le soir.';
         t.dispatchEvent(new Event('input')); return null;",
    );
    browser.wait_for(
        "[...document.querySelectorAll('.row[data-key=\"yours\"] .card img')].filter(i => i.naturalWidth > 0).length === 10",
        "the typed quote on every format",
    );

    // The error fixed: it goes, and the cards follow the file again.
    std::fs::write(&yaml_path, &yaml).unwrap();
    browser.wait_for(
        "document.getElementById('error').hidden && document.body.dataset.generation === '3'",
        "the fixed template",
    );
    assert_eq!(browser.run(&square), json!([0xF5, 0xF0, 0xE6]));
    assert_eq!(
        browser.run("return document.getElementById('status').dataset.state;"),
        json!("live")
    );
    browser.screenshot(&shots.join("studio.png"));

    // The API the page uses answers any HTTP client.
    let response = http::post_json(
        &studio.addr,
        "/api/render",
        &json!({"text": "Une phrase.", "speaker": "Ana", "format": "story"}),
    );
    assert_eq!(response.status, 200);
    let image = image::load_from_memory(&response.body).unwrap();
    assert_eq!((image.width(), image.height()), (1080, 1920));
}
