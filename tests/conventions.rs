//! Command-line conventions through the real binary: closed pipes, colour, closed choices,
//! JSON errors and versions, completions and the man page.

mod common;

use common::{pullquote, root, stderr, stdout, SEED};
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// Runs `pullquote` in `dir` with a clean colour environment plus `env`.
fn pullquote_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_pullquote"));
    command
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CLICOLOR");
    for (name, value) in env {
        command.env(name, value);
    }
    command.output().expect("the pullquote binary runs")
}

/// Whether a tool is on PATH; when it is not, says so, and fails under CI.
fn have(tool: &str) -> bool {
    let found = Command::new(tool)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok();
    if !found {
        eprintln!("SKIPPED: `{tool}` is not installed");
        assert!(std::env::var_os("CI").is_none(), "`{tool}` is required under CI");
    }
    found
}

#[test]
fn a_reader_that_closes_the_pipe_is_a_normal_end() {
    for args in [
        &["extract", "--json", SEED][..],
        &["read", SEED],
        &["templates", "schema"],
        &["formats"],
        &["man"],
    ] {
        // The reading end is closed before the program starts, so its first write fails.
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = Command::new(env!("CARGO_BIN_EXE_pullquote"))
            .args(args)
            .current_dir(root())
            .stdout(writer)
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert!(
            !stderr(&out).contains("Broken pipe") && !stderr(&out).contains("panicked"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn color_follows_the_flag_then_no_color_then_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let error = |args: &[&str], env: &[(&str, &str)]| {
        let mut all = vec!["run", "nosuch.txt", "-o", "out"];
        all.extend_from_slice(args);
        let out = pullquote_env(dir.path(), &all, env);
        assert_eq!(out.status.code(), Some(2));
        let text = stderr(&out);
        assert!(text.contains("nosuch.txt"), "{text}");
        text.contains("\x1b[")
    };
    // Standard error is a pipe here: `auto` means no colour.
    assert!(!error(&[], &[]));
    assert!(!error(&["--color", "auto"], &[]));
    assert!(error(&["--color", "always"], &[]));
    assert!(error(&["--color=always"], &[("NO_COLOR", "1")]));
    assert!(error(&[], &[("CLICOLOR_FORCE", "1")]));
    assert!(!error(&[], &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]));
    assert!(!error(&["--color", "never"], &[("CLICOLOR_FORCE", "1")]));

    // clap's own usage errors follow the same choice.
    let usage = pullquote_env(dir.path(), &["--color", "always", "run", "--nosuch"], &[]);
    assert_eq!(usage.status.code(), Some(2));
    assert!(stderr(&usage).contains("\x1b["), "{}", stderr(&usage));
    let usage = pullquote_env(dir.path(), &["run", "--nosuch"], &[("NO_COLOR", "1")]);
    assert!(!stderr(&usage).contains("\x1b["), "{}", stderr(&usage));

    let bad = pullquote_env(dir.path(), &["--color", "sometimes", "formats"], &[]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("auto, always, never"), "{}", stderr(&bad));
}

#[test]
fn closed_choices_are_listed_in_help_and_typos_get_suggestions() {
    let dir = tempfile::tempdir().unwrap();
    let help = stdout(&pullquote(dir.path(), &["render", "--help"]));
    for listed in ["png", "jpeg", "webp", "fr", "en", "instagram-square", "all"] {
        assert!(help.contains(listed), "`{listed}` missing from render --help");
    }

    let typo = |args: &[&str], suggestion: &str| {
        let out = pullquote(dir.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let text = stderr(&out);
        assert!(text.contains("invalid value"), "{args:?}: {text}");
        assert!(text.contains(suggestion), "{args:?}: {text}");
        assert!(!dir.path().join("out").exists(), "{args:?} wrote cards");
    };
    let quote = ["render", "--text", "Bonjour", "--speaker", "A", "-o", "out"];
    typo(&[&quote[..], &["--image-format", "webb"]].concat(), "'webp'");
    typo(&[&quote[..], &["--lang", "de"]].concat(), "fr, en");
    typo(
        &[&quote[..], &["--formats", "instagram-sqare"]].concat(),
        "'instagram-square'",
    );
    typo(&["run", SEED, "-o", "out", "--formats", "storry"], "'story'");
}

#[test]
fn formats_all_and_both_spellings_of_the_flag() {
    let dir = tempfile::tempdir().unwrap();
    let plan = |flag: &str, value: &str| {
        let out = pullquote(
            dir.path(),
            &[
                "render",
                "--text",
                "Bonjour",
                "--speaker",
                "A",
                "-o",
                "out",
                flag,
                value,
                "--dry-run",
                "--json",
            ],
        );
        assert!(out.status.success(), "{}", stderr(&out));
        let json: Value = serde_json::from_str(&stdout(&out)).unwrap();
        let mut formats: Vec<String> = json["cards"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["format"].as_str().unwrap().to_owned())
            .collect();
        formats.sort();
        formats
    };
    let listing = stdout(&pullquote(dir.path(), &["formats"]));
    let every = listing.lines().filter(|l| l.contains('×')).count();
    assert_eq!(plan("--formats", "all").len(), every);
    assert_eq!(plan("--format", "ALL").len(), every);
    assert_eq!(plan("--format", "x,story"), ["story", "x"]);
    assert_eq!(plan("--formats", "x,story"), ["story", "x"]);
    assert_eq!(plan("--formats", "X"), ["x"]);
}

#[test]
fn json_errors_are_json_on_stdout_with_a_version() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["run", "nosuch.txt", "--json", "-o", "out"][..],
        &["extract", "nosuch.txt", "--json"],
        &["read", "nosuch.txt", "--json"],
        &["render", "nosuch.csv", "--json", "-o", "out"],
        &["run", SEED, "--json", "--jobs", "0"],
        &["run", "--json", "--nosuch-flag", SEED],
    ] {
        let out = pullquote(dir.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let json: Value =
            serde_json::from_str(&stdout(&out)).unwrap_or_else(|e| panic!("{args:?}: {e}: {}", stdout(&out)));
        assert_eq!(json["version"], 1, "{args:?}");
        assert_eq!(json["success"], false, "{args:?}");
        assert_eq!(json["error"]["severity"], "error", "{args:?}");
        assert!(!json["error"]["message"].as_str().unwrap().is_empty(), "{args:?}");
        // The words stay on standard error for a person watching.
        assert!(stderr(&out).contains("error"), "{args:?}");
    }
    let out = pullquote(dir.path(), &["run", "nosuch.txt", "--json", "-o", "out"]);
    let json: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(json["error"]["message"].as_str().unwrap().contains("nosuch.txt"));
}

#[test]
fn every_json_output_carries_a_version() {
    let dir = tempfile::tempdir().unwrap();
    let seed = root().join(SEED);
    let seed = seed.to_str().unwrap();
    for args in [
        &["extract", "--json", seed][..],
        &["read", "--json", seed],
        &["run", seed, "--json", "--dry-run", "-o", "out"],
        &[
            "render",
            "--text",
            "Bonjour",
            "--speaker",
            "A",
            "--json",
            "--dry-run",
            "-o",
            "out",
        ],
        &["formats", "--json"],
        &["templates", "list", "--json"],
    ] {
        let out = pullquote(dir.path(), args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        let json: Value = serde_json::from_str(&stdout(&out)).unwrap();
        assert_eq!(json["version"], 1, "{args:?}");
        assert!(
            stdout(&out).starts_with("{\n  \"version\": 1,"),
            "{args:?}: version is not first"
        );
    }
}

#[test]
fn formats_and_templates_list_themselves_as_json() {
    let out = pullquote(&root(), &["formats", "--json"]);
    let json: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let formats = json["formats"].as_array().unwrap();
    let listing = stdout(&pullquote(&root(), &["formats"]));
    assert_eq!(formats.len(), listing.lines().filter(|l| l.contains('×')).count());
    let story = formats.iter().find(|f| f["id"] == "story").unwrap();
    assert_eq!(
        (story["width"].as_u64(), story["height"].as_u64()),
        (Some(1080), Some(1920))
    );
    assert_eq!(story["default"], true);
    assert_eq!(formats.iter().filter(|f| f["default"] == true).count(), 7);

    let out = pullquote(&root(), &["templates", "list", "--json"]);
    let json: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let names: Vec<&str> = json["templates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"paper") && names.contains(&"bold"), "{names:?}");
}

#[test]
fn completions_generate_for_each_shell() {
    let dir = tempfile::tempdir().unwrap();
    for (shell, marker) in [
        ("bash", "complete -F _pullquote"),
        ("zsh", "#compdef pullquote"),
        ("fish", "complete -c pullquote"),
        ("elvish", "pullquote"),
        ("powershell", "pullquote"),
    ] {
        let out = pullquote(dir.path(), &["completions", shell]);
        assert!(out.status.success(), "{shell}: {}", stderr(&out));
        let script = stdout(&out);
        assert!(script.contains(marker), "{shell}");
        for word in ["extract", "render", "run", "templates", "image-format"] {
            assert!(script.contains(word), "{shell} does not complete {word}");
        }
    }
    let bad = pullquote(dir.path(), &["completions", "tcsh"]);
    assert_eq!(bad.status.code(), Some(2));

    // bash reads the script and registers the completion.
    if have("bash") {
        let script = dir.path().join("pullquote.bash");
        std::fs::write(&script, stdout(&pullquote(dir.path(), &["completions", "bash"]))).unwrap();
        let check = Command::new("bash")
            .arg("-c")
            .arg(format!("source {} && complete -p pullquote", script.display()))
            .output()
            .unwrap();
        assert!(check.status.success(), "{}", stderr(&check));
        assert!(stdout(&check).contains("_pullquote"), "{}", stdout(&check));
    }
}

#[test]
fn the_man_page_renders() {
    let dir = tempfile::tempdir().unwrap();
    let out = pullquote(dir.path(), &["man"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = stdout(&out);
    assert!(page.contains(".TH pullquote 1"), "{page}");
    if have("groff") {
        let path = dir.path().join("pullquote.1");
        std::fs::write(&path, &page).unwrap();
        let rendered = Command::new("groff")
            .args(["-k", "-man", "-Tutf8", "-ww"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(rendered.status.success(), "{}", stderr(&rendered));
        assert_eq!(stderr(&rendered), "", "groff warned");
        // The terminal device draws bold as `N\bN`: keep what is left standing.
        let mut text = String::new();
        for c in String::from_utf8_lossy(&rendered.stdout).chars() {
            if c == '\u{8}' {
                text.pop();
            } else {
                text.push(c);
            }
        }
        for word in ["NAME", "SYNOPSIS", "extract", "completions", "color"] {
            assert!(text.contains(word), "`{word}` missing from the man page");
        }
    }

    // One page per command, each naming the others it refers to.
    let out = pullquote(dir.path(), &["man", "-o", "man"]);
    assert!(out.status.success(), "{}", stderr(&out));
    for name in [
        "pullquote",
        "pullquote-run",
        "pullquote-templates",
        "pullquote-templates-check",
    ] {
        let page = std::fs::read_to_string(dir.path().join("man").join(format!("{name}.1")))
            .unwrap_or_else(|e| panic!("{name}.1: {e}"));
        assert!(page.contains(&format!(".TH {name} 1")), "{name}");
    }
    let run = std::fs::read_to_string(dir.path().join("man/pullquote-run.1")).unwrap();
    assert!(run.contains("image\\-format"), "run's page lacks its options");
}

#[test]
fn every_command_shows_examples_in_its_help() {
    let dir = tempfile::tempdir().unwrap();
    for command in [
        "extract",
        "read",
        "render",
        "run",
        "formats",
        "templates",
        "completions",
        "man",
    ] {
        let out = pullquote(dir.path(), &[command, "--help"]);
        assert!(out.status.success(), "{command}");
        let help = stdout(&out);
        let examples = help
            .split_once("Example")
            .unwrap_or_else(|| panic!("`{command} --help` has no examples"))
            .1;
        assert!(
            examples.contains(&format!("pullquote {command}")),
            "{command}: {examples}"
        );
    }
}
