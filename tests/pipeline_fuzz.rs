//! Property tests over the whole pipeline: a built-in template's YAML and a sheet of quotes,
//! mutated (lines dropped or repeated, numbers made huge, negative or non-finite, characters
//! replaced by quotes, separators, control characters and long runs), fed to the real binary
//! (`templates check`, then `render`). Whatever the mutation, each run ends within its time limit
//! with exit code 0, 1 or 2 and a message, never a panic, an abort or a hang.

mod common;

use proptest::prelude::*;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Far above what any of these runs takes (well under a second); reached only by a hang.
const LIMIT: Duration = Duration::from_secs(60);

/// Runs the binary in `dir`, killing it at [`LIMIT`]; returns its exit code and standard error.
fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pullquote"))
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the pullquote binary runs");
    let mut stderr = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > LIMIT {
            let _ = child.kill();
            panic!("`pullquote {}` ran over {LIMIT:?}", args.join(" "));
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    (status.code(), reader.join().unwrap())
}

fn assert_clean((code, err): &(Option<i32>, String), what: &str) {
    assert!(
        matches!(code, Some(0..=2)),
        "{what}: exit {code:?} (a signal or a crash)\n{err}"
    );
    assert!(!err.contains("panicked"), "{what}: {err}");
    if *code == Some(2) {
        assert!(err.contains("error"), "{what}: exit 2 without a message\n{err}");
    }
}

/// What a mutation puts in: the values and characters hostile templates and sheets are made of.
const PIECES: &[&str] = &[
    ".inf",
    "-.inf",
    ".nan",
    "1e308",
    "-1",
    "0",
    "999999999",
    "100000vmin",
    "1e-30px",
    "\"",
    "'",
    ",",
    ";",
    "\t",
    "\n",
    "\r",
    ":",
    "- ",
    "{",
    "}",
    "[",
    "]",
    "&a",
    "*a",
    "!!binary",
    "\u{1b}[31m",
    "\u{0}",
    "\u{202e}",
    "=HYPERLINK(\"x\")",
    "{speaker.name}{speaker.credit}",
    "../../etc/passwd",
    "/dev/zero",
    "#",
    "ﬁ",
    "👩🏽‍🚀",
    "«",
    "\u{a0}",
];

#[derive(Debug, Clone)]
enum Mutation {
    /// Replace the bytes at a fraction of the text's length with a piece.
    Put(f64, usize),
    /// Drop the line at a fraction of the line count.
    Drop(f64),
    /// Repeat the line at a fraction of the line count this many times.
    Repeat(f64, usize),
    /// Insert a run of one character.
    Run(f64, char, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (0.0..1.0f64, 0..PIECES.len()).prop_map(|(at, p)| Mutation::Put(at, p)),
        (0.0..1.0f64).prop_map(Mutation::Drop),
        (0.0..1.0f64, 2..50usize).prop_map(|(at, n)| Mutation::Repeat(at, n)),
        (
            0.0..1.0f64,
            prop::sample::select(vec!['a', ' ', '[', '-', 'é', '"', '\n']),
            1..20_000usize
        )
            .prop_map(|(at, c, n)| Mutation::Run(at, c, n)),
    ]
}

/// The nearest char boundary at or before `at` × the text's length.
fn boundary(text: &str, at: f64) -> usize {
    let mut i = ((text.len() as f64) * at) as usize;
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn apply(text: &str, mutations: &[Mutation]) -> String {
    let mut text = text.to_owned();
    for m in mutations {
        match m {
            Mutation::Put(at, piece) => {
                let i = boundary(&text, *at);
                let end = text[i..].chars().next().map_or(i, |c| i + c.len_utf8());
                text.replace_range(i..end, PIECES[*piece]);
            }
            Mutation::Drop(at) | Mutation::Repeat(at, _) => {
                let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
                if lines.is_empty() {
                    continue;
                }
                let k = ((lines.len() as f64) * at) as usize % lines.len();
                match m {
                    Mutation::Drop(_) => {
                        lines.remove(k);
                    }
                    Mutation::Repeat(_, n) => {
                        let line = lines[k].clone();
                        for _ in 1..*n {
                            lines.insert(k, line.clone());
                        }
                    }
                    _ => unreachable!(),
                }
                text = lines.join("\n") + "\n";
            }
            Mutation::Run(at, c, n) => {
                let i = boundary(&text, *at);
                text.insert_str(i, &c.to_string().repeat(*n));
            }
        }
    }
    text
}

fn paper() -> String {
    std::fs::read_to_string(common::root().join("templates/paper.yaml")).unwrap()
}

const SHEET: &str = "id,quote,name,role,organisation,highlight,format,lang\n\
q1,\"Nous avons **tout** changé, et la ville avec nous.\",Anne Roux,maire,Lunel,ville,x,fr\n\
q2,We rebuilt the harbour in two years.,Paul Dumas,deputy,,harbour,\"x,story\",en\n\
q3,« La culture n’est pas un luxe. »,Léa Martin,directrice,Théâtre,culture,,\n";

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_mutated_template_is_checked_and_drawn_or_refused(mutations in prop::collection::vec(mutation(), 1..5)) {
        let dir = tempfile::tempdir().unwrap();
        let template = apply(&paper(), &mutations);
        std::fs::write(dir.path().join("t.yaml"), &template).unwrap();
        let check = run(dir.path(), &["templates", "check", "t.yaml"]);
        assert_clean(&check, &format!("check {mutations:?}"));
        let render = run(
            dir.path(),
            &["render", "--text", "Nous avons tout changé.", "--speaker", "Anne Roux", "-t", "t.yaml", "--format", "x", "-o", "out", "-q"],
        );
        assert_clean(&render, &format!("render {mutations:?}"));
    }

    #[test]
    fn a_mutated_sheet_is_drawn_or_refused(mutations in prop::collection::vec(mutation(), 1..5)) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("s.csv"), apply(SHEET, &mutations)).unwrap();
        let render = run(dir.path(), &["render", "s.csv", "--format", "x", "-o", "out", "-q"]);
        assert_clean(&render, &format!("render {mutations:?}"));
        // A second run over the first's output: unchanged cards, never a conflict with itself.
        let again = run(dir.path(), &["render", "s.csv", "--format", "x", "-o", "out", "-q"]);
        assert_clean(&again, &format!("rerun {mutations:?}"));
        prop_assert!(!again.1.contains("is not the file pullquote wrote"), "{}", again.1);
    }
}
