//! Golden error messages: every broken template in `tests/template-errors/` is checked with the
//! real binary, and what it prints must match the `.stderr` file beside it, byte for byte.
//! Update them on purpose with `PULLQUOTE_BLESS=1 cargo test --test template_errors` and read
//! every changed file before committing.

use std::path::Path;
use std::process::Command;

#[test]
fn broken_templates_give_the_expected_errors() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/template-errors");
    let bless = std::env::var_os("PULLQUOTE_BLESS").is_some();
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    cases.sort();
    assert!(
        cases.len() >= 12,
        "expected at least 12 broken templates, found {}",
        cases.len()
    );
    let mut failures = Vec::new();
    for case in &cases {
        let file = case.file_name().unwrap().to_str().unwrap();
        // Run inside the folder so paths in the messages are the short ones a user types.
        let output = Command::new(env!("CARGO_BIN_EXE_pullquote"))
            .args(["templates", "check", file])
            .current_dir(&dir)
            .output()
            .unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        if output.status.code() != Some(2) {
            failures.push(format!(
                "{file}: exit code {:?}, expected 2\n{stderr}",
                output.status.code()
            ));
            continue;
        }
        for needed in ["error: ", "--> ", " | ", "^"] {
            if !stderr.contains(needed) {
                failures.push(format!(
                    "{file}: the error lacks `{needed}` (file, line, caret):\n{stderr}"
                ));
            }
        }
        let golden = case.with_extension("stderr");
        match std::fs::read_to_string(&golden) {
            Ok(expected) if expected == stderr => {}
            _ if bless => {
                std::fs::write(&golden, &stderr).unwrap();
                failures.push(format!("{file}: expected output written to {}", golden.display()));
            }
            Ok(expected) => failures.push(format!(
                "{file}: output changed\n--- expected\n{expected}--- actual\n{stderr}"
            )),
            Err(_) => failures.push(format!(
                "{file}: no {} (bless with PULLQUOTE_BLESS=1)",
                golden.display()
            )),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
