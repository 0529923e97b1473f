//! The studio's server over real HTTP, without a browser: the render API gives the CLI's cards
//! and the CLI's messages, bounds what it reads, serves the template's folder and nothing else,
//! and pushes a new state when the template is saved.

mod common;

use common::http::{self, percent_decode, Events};
use common::studio::Studio;
use common::{pullquote, root, stderr, SEED};
use serde_json::json;
use std::path::Path;
use std::time::Duration;

/// A copy of `paper` in `brand/`, as `templates init` makes it.
fn brand(dir: &Path) {
    let out = pullquote(dir, &["templates", "init", "brand", "--from", "paper"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

fn card(text: &str, format: &str) -> serde_json::Value {
    json!({
        "text": text,
        "speaker": "Aziz Oulhiyane",
        "role": "responsable de l’animation des réseaux sociaux",
        "format": format,
    })
}

fn png_size(bytes: &[u8]) -> (u32, u32) {
    let image = image::load_from_memory_with_format(bytes, image::ImageFormat::Png).expect("a PNG");
    (image.width(), image.height())
}

const QUOTE: &str = "Nous répondons à chaque commentaire, même le soir : la confiance se construit là.";

/// `pullquote render` of the card [`card`] asks the API for, on `instagram-square`, with `extra`.
fn render_quote(dir: &Path, extra: &[&str]) -> std::process::Output {
    let args = [
        &[
            "render",
            "--text",
            QUOTE,
            "--speaker",
            "Aziz Oulhiyane",
            "--role",
            "responsable de l’animation des réseaux sociaux",
            "--format",
            "instagram-square",
        ][..],
        extra,
    ]
    .concat();
    pullquote(dir, &args)
}

#[test]
fn the_api_draws_the_card_the_cli_draws() {
    let dir = tempfile::tempdir().unwrap();
    brand(dir.path());
    let studio = Studio::start(dir.path(), &["brand/brand.yaml"]);

    let formats = http::get(&studio.addr, "/api/formats").json();
    let ids: Vec<&str> = formats
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 10);
    assert_eq!(formats[3]["id"], "story");
    assert_eq!(
        (formats[3]["width"].as_u64(), formats[3]["height"].as_u64()),
        (Some(1080), Some(1920))
    );
    let templates = http::get(&studio.addr, "/api/templates").json();
    assert_eq!(templates[0]["id"], "brand.yaml");
    assert_eq!(templates[0]["source"], "file");
    assert!(templates.as_array().unwrap().iter().any(|t| t["id"] == "minimal"));

    let response = http::post_json(&studio.addr, "/api/render", &card(QUOTE, "instagram-square"));
    assert_eq!(response.status, 200, "{}", response.text());
    assert_eq!(response.header("Content-Type"), Some("image/png"));
    assert_eq!(png_size(&response.body), (1080, 1080));
    let alt = percent_decode(response.header("X-Alt-Text").unwrap());

    // The same card from the command line: same pixels, same alt text.
    let out = render_quote(dir.path(), &["-t", "brand/brand.yaml", "-o", "out", "-q"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let cli_png = std::fs::read(dir.path().join("out/q01-aziz-oulhiyane-instagram-square.png")).unwrap();
    let cli_alt =
        std::fs::read_to_string(dir.path().join("out/q01-aziz-oulhiyane-instagram-square.alt.txt")).unwrap();
    assert_eq!(alt, cli_alt.trim_end());
    assert!(alt.starts_with("Citation d’Aziz Oulhiyane"), "{alt}");
    let api_pixels = image::load_from_memory(&response.body).unwrap().to_rgb8();
    let cli_pixels = image::load_from_memory(&cli_png).unwrap().to_rgb8();
    assert!(api_pixels == cli_pixels, "the API's card differs from the CLI's");
    assert!(
        response.body == cli_png,
        "the API's file is the one `render` writes"
    );

    // Thumbnails, built-ins and every format.
    let mut small = card(QUOTE, "story");
    small["scale"] = json!(0.25);
    small["template"] = json!("bold");
    let response = http::post_json(&studio.addr, "/api/render", &small);
    assert_eq!(response.status, 200, "{}", response.text());
    assert_eq!(png_size(&response.body), (270, 480));
    assert_eq!(response.header("X-Template-Generation"), Some("0"));
    for format in formats.as_array().unwrap() {
        let id = format["id"].as_str().unwrap();
        let response = http::post_json(&studio.addr, "/api/render", &card(QUOTE, id));
        assert_eq!(response.status, 200, "{id}: {}", response.text());
        let size = (
            format["width"].as_u64().unwrap() as u32,
            format["height"].as_u64().unwrap() as u32,
        );
        assert_eq!(png_size(&response.body), size, "{id}");
        let warnings: serde_json::Value =
            serde_json::from_str(&percent_decode(response.header("X-Card-Warnings").unwrap())).unwrap();
        assert!(warnings.is_array());
    }
}

#[test]
fn bad_requests_get_a_clear_400_and_the_cli_s_message() {
    let dir = tempfile::tempdir().unwrap();
    brand(dir.path());
    let studio = Studio::start(dir.path(), &["brand/brand.yaml"]);
    let post = |body: &[u8]| {
        http::request(
            &studio.addr,
            "POST",
            "/api/render",
            &[("Content-Type", "application/json")],
            body,
        )
    };

    let response = post(br#"{"text": "x", "format": "story""#);
    assert_eq!(response.status, 400);
    let error = response.json();
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .starts_with("the request is not a valid card request: EOF while parsing an object"),
        "{error}"
    );
    assert!(error["hint"].as_str().unwrap().contains("`text` and `format`"));

    // An unknown format: named, with the nearest one suggested, as `render --formats` does (the
    // command line's wording comes from its argument parser; the API's from the library).
    let response = post(&serde_json::to_vec(&card("x", "instagram-squar")).unwrap());
    assert_eq!(response.status, 400);
    let message = response.json()["text"].as_str().unwrap().to_owned();
    assert!(message.contains("unknown format `instagram-squar`"), "{message}");
    assert!(message.contains("did you mean `instagram-square`?"), "{message}");
    let out = pullquote(
        dir.path(),
        &[
            "render",
            "--text",
            "x",
            "--speaker",
            "A",
            "--formats",
            "instagram-squar",
            "-o",
            "out",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("'instagram-square'"), "{}", stderr(&out));

    let response = post(br#"{"text": "x", "format": "story", "colour": "red"}"#);
    assert_eq!(response.status, 400);
    assert!(response.json()["message"]
        .as_str()
        .unwrap()
        .contains("unknown field `colour`"));

    let response = post(br#"{"text": "", "format": "story"}"#);
    assert_eq!(
        (response.status, response.json()["message"].as_str().unwrap()),
        (400, "`text` is empty: a card needs a quote")
    );

    // Not JSON at all, or announced as something else.
    let response = http::request(
        &studio.addr,
        "POST",
        "/api/render",
        &[("Content-Type", "text/plain")],
        b"{}",
    );
    assert_eq!(response.status, 415);
    assert_eq!(http::get(&studio.addr, "/api/render").status, 405);
    assert_eq!(http::get(&studio.addr, "/nowhere").status, 404);

    // A quote no format can hold at a readable size: the typesetter's error, as `render` says it.
    let response = post(&serde_json::to_vec(&card(&QUOTE.repeat(12), "link")).unwrap());
    assert_eq!(response.status, 422);
    let message = response.json()["message"].as_str().unwrap().to_owned();
    assert!(message.contains("does not fit format `link`"), "{message}");
}

#[test]
fn request_size_is_bounded_whether_announced_or_not() {
    let dir = tempfile::tempdir().unwrap();
    brand(dir.path());
    let studio = Studio::start(dir.path(), &["brand/brand.yaml"]);
    let huge = serde_json::to_vec(&card(&"x".repeat(200_000), "story")).unwrap();

    let response = http::request(
        &studio.addr,
        "POST",
        "/api/render",
        &[("Content-Type", "application/json")],
        &huge,
    );
    assert_eq!(response.status, 413);
    assert!(response.json()["message"]
        .as_str()
        .unwrap()
        .contains("at most 65536 bytes"));

    // Chunked: no length announced, so the cap applies while reading.
    let mut chunked = Vec::new();
    for piece in huge.chunks(8192) {
        chunked.extend_from_slice(format!("{:x}\r\n", piece.len()).as_bytes());
        chunked.extend_from_slice(piece);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    let response = http::request(
        &studio.addr,
        "POST",
        "/api/render",
        &[
            ("Content-Type", "application/json"),
            ("Transfer-Encoding", "chunked"),
        ],
        &chunked,
    );
    assert_eq!(response.status, 413);

    // Under the byte cap but over the text cap.
    let response = http::post_json(&studio.addr, "/api/render", &card(&"mot ".repeat(1_000), "story"));
    assert_eq!(response.status, 400);
    assert!(response.json()["message"]
        .as_str()
        .unwrap()
        .contains("at most 2000 are accepted"));

    // The studio still answers.
    assert_eq!(
        http::post_json(&studio.addr, "/api/render", &card(QUOTE, "link")).status,
        200
    );
}

#[test]
fn only_the_template_folder_is_served_and_read() {
    let dir = tempfile::tempdir().unwrap();
    brand(dir.path());
    std::fs::write(dir.path().join("secret.txt"), "TOKEN=outside").unwrap();
    let face = image::RgbImage::from_pixel(60, 80, image::Rgb([190, 120, 90]));
    face.save(dir.path().join("outside.png")).unwrap();
    face.save(dir.path().join("brand/face.png")).unwrap();
    std::fs::write(dir.path().join("brand/.env"), "TOKEN=hidden").unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), dir.path().join("brand/link.txt")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("outside.png"), dir.path().join("brand/link.png"))
            .unwrap();
        std::os::unix::fs::symlink(dir.path(), dir.path().join("brand/up")).unwrap();
    }
    let studio = Studio::start(dir.path(), &["brand/brand.yaml"]);

    let yaml = http::get(&studio.addr, "/files/brand.yaml");
    assert_eq!(yaml.status, 200);
    assert!(yaml.text().contains("name: brand"));
    assert!(yaml
        .header("Content-Security-Policy")
        .unwrap()
        .starts_with("sandbox"));
    assert_eq!(
        http::get(&studio.addr, "/files/assets/placeholder-logo.svg").status,
        200
    );

    for path in [
        "/files/../secret.txt",
        "/files/%2e%2e/secret.txt",
        "/files/assets/..%2f..%2fsecret.txt",
        "/files/%2Fetc%2Fpasswd",
        "/files//etc/passwd",
        "/files/.env",
        "/files/link.txt",
        "/files/up/secret.txt",
        "/files/assets",
    ] {
        let response = http::get(&studio.addr, path);
        assert!(
            matches!(response.status, 403 | 404),
            "{path}: {}",
            response.status
        );
        assert!(
            !response.text().contains("TOKEN"),
            "{path} leaked: {}",
            response.text()
        );
    }

    let photo = |path: &str| {
        let mut body = card(QUOTE, "instagram-square");
        body["template"] = json!("bold");
        body["photo"] = json!(path);
        http::post_json(&studio.addr, "/api/render", &body)
    };
    assert_eq!(photo("face.png").status, 200);
    for path in [
        "../outside.png",
        "link.png",
        "up/outside.png",
        "/etc/passwd",
        "secret.txt",
        ".env",
    ] {
        let response = photo(path);
        assert_eq!(response.status, 400, "{path}");
        let message = response.json()["message"].as_str().unwrap().to_owned();
        assert!(message.starts_with("cannot use photo"), "{path}: {message}");
        assert!(!message.contains("TOKEN"));
    }

    // A page elsewhere reaching the studio through a rebound DNS name is refused.
    let response = http::request(
        &studio.addr,
        "GET",
        "/api/formats",
        &[("Host", "attacker.example:80")],
        b"",
    );
    assert_eq!(response.status, 403, "{}", response.text());
}

#[test]
fn saving_the_template_pushes_a_new_state_and_an_error_keeps_the_last_cards() {
    let dir = tempfile::tempdir().unwrap();
    brand(dir.path());
    let yaml_path = dir.path().join("brand/brand.yaml");
    let seed = root().join(SEED);
    let studio = Studio::start(
        dir.path(),
        &["brand/brand.yaml", "--transcript", seed.to_str().unwrap()],
    );

    let mut events = Events::open(&studio.addr, "/api/events");
    assert_eq!(events.status, 200);
    let wait = Duration::from_secs(30);
    let state: serde_json::Value = serde_json::from_str(&events.next_named("state", wait).unwrap()).unwrap();
    assert_eq!(
        (state["generation"].as_u64(), state["error"].is_null()),
        (Some(1), true)
    );
    let files: Vec<&str> = state["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(files, ["assets/placeholder-logo.svg", "brand.yaml"]);
    let quotes: serde_json::Value =
        serde_json::from_str(&events.next_named("quotes", wait).unwrap()).unwrap();
    assert_eq!(quotes["samples"].as_array().unwrap().len(), 3);
    let transcript = quotes["transcript"]["quotes"].as_array().unwrap();
    assert!(transcript.len() >= 3, "{quotes}");
    assert!(transcript.iter().any(|q| q["speaker"] == "Aziz Oulhiyane"));

    let corner = || {
        let response = http::post_json(&studio.addr, "/api/render", &card(QUOTE, "instagram-square"));
        assert_eq!(response.status, 200, "{}", response.text());
        image::load_from_memory(&response.body)
            .unwrap()
            .to_rgb8()
            .get_pixel(20, 540)
            .0
    };
    assert_eq!(corner(), [0xF5, 0xF0, 0xE6]);

    let yaml = std::fs::read_to_string(&yaml_path).unwrap();
    assert!(yaml.contains("paper: \"#F5F0E6\""));
    std::fs::write(
        &yaml_path,
        yaml.replace("paper: \"#F5F0E6\"", "paper: \"#1E6E3C\""),
    )
    .unwrap();
    let state: serde_json::Value = serde_json::from_str(
        &events
            .next_named("state", wait)
            .expect("a new state after saving"),
    )
    .unwrap();
    assert_eq!(
        (state["generation"].as_u64(), state["error"].is_null()),
        (Some(2), true)
    );
    assert_eq!(corner(), [0x1E, 0x6E, 0x3C]);

    // A typo: the error with its place, while the API keeps drawing the last good version.
    let broken = std::fs::read_to_string(&yaml_path)
        .unwrap()
        .replace("quote: { size:", "quote: { sise:");
    std::fs::write(&yaml_path, &broken).unwrap();
    let state: serde_json::Value = serde_json::from_str(&events.next_named("state", wait).unwrap()).unwrap();
    assert_eq!(
        (state["generation"].as_u64(), state["loaded"].as_bool()),
        (Some(2), Some(true))
    );
    let error = &state["error"];
    let line = broken.lines().position(|l| l.contains("sise")).unwrap() + 1;
    assert_eq!(error["line"].as_u64(), Some(line as u64), "{error}");
    assert!(error["file"].as_str().unwrap().ends_with("brand.yaml"));
    let text = error["text"].as_str().unwrap();
    assert!(
        text.contains("unknown field `sise`") && text.contains('^') && text.contains("did you mean `size`?"),
        "{text}"
    );
    assert_eq!(corner(), [0x1E, 0x6E, 0x3C]);

    std::fs::write(&yaml_path, broken.replace("sise", "size")).unwrap();
    let state: serde_json::Value = serde_json::from_str(&events.next_named("state", wait).unwrap()).unwrap();
    assert_eq!(
        (state["generation"].as_u64(), state["error"].is_null()),
        (Some(3), true)
    );
}

#[test]
fn the_studio_draws_the_brand_logo_as_render_does() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("logo.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"300\" height=\"100\"><rect width=\"300\" height=\"100\" fill=\"#2D8C5A\"/></svg>",
    )
    .unwrap();
    let cli = |extra: &[&str]| {
        let out = render_quote(dir.path(), &[&["-o", "-"][..], extra].concat());
        assert!(out.status.success(), "{}", stderr(&out));
        out.stdout
    };
    let branded = cli(&["--logo", "logo.svg"]);
    assert_ne!(branded, cli(&[]), "paper places the logo");
    let from_studio = |args: &[&str]| {
        let studio = Studio::start(dir.path(), args);
        let response = http::post_json(&studio.addr, "/api/render", &card(QUOTE, "instagram-square"));
        assert_eq!(response.status, 200, "{}", response.text());
        response.body
    };
    assert!(from_studio(&["paper", "--logo", "logo.svg"]) == branded, "--logo");
    // The settings file's logo, as `render` reads it.
    std::fs::write(dir.path().join("pullquote.yaml"), "logo: logo.svg\n").unwrap();
    assert!(from_studio(&["paper"]) == branded, "the settings file's logo");
}
