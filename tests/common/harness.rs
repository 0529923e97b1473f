//! A small stand-in for libtest, for test files whose tests need something the machine may not
//! have (Chromium, the shared real interviews). libtest can only pass or fail a test, so a test
//! that returns early for want of its browser reads `ok`; here it reads `ignored, REASON`, the
//! way libtest shows a skipped test, and it fails instead when `CI` or the test's own variable
//! says the requirement must be met. The file sets `harness = false` in Cargo.toml.

use std::process::ExitCode;

/// What a test did, when it did not panic.
pub enum Outcome {
    /// It ran and its assertions held.
    Ran,
    /// It could not run: the reason, and the variable (besides `CI`) that makes that a failure.
    Skipped {
        /// What was missing, and how to get it.
        reason: String,
        /// `PULLQUOTE_REQUIRE_CHROMIUM`, `PULLQUOTE_REQUIRE_SHARED`, ….
        required_by: &'static str,
    },
}

/// One test: its name and its body (a panic is a failure).
pub struct Test {
    /// The name filters match, as libtest's would.
    pub name: &'static str,
    /// The test.
    pub run: fn() -> Outcome,
}

fn set(name: &str) -> bool {
    std::env::var_os(name).is_some_and(|v| !v.is_empty())
}

/// Whether libtest-style arguments (`NAME`, `--exact`, `--skip X`, `--ignored`) select `name`.
fn selected(name: &str, args: &[String]) -> bool {
    let mut filters = Vec::new();
    let mut skips = Vec::new();
    let mut exact = false;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--exact" => exact = true,
            // Only ignored tests are asked for, and none is marked ignored.
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
            name == pattern
        } else {
            name.contains(pattern)
        }
    };
    (filters.is_empty() || filters.iter().any(|f| matches(f))) && !skips.iter().any(|s| matches(s))
}

/// Runs the selected `tests`, one per core at a time, and prints what libtest would.
pub fn main(tests: &[Test]) -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--list") {
        if !args.iter().any(|a| a == "--ignored") {
            for test in tests {
                println!("{}: test", test.name);
            }
        }
        return ExitCode::SUCCESS;
    }
    let chosen: Vec<&Test> = tests.iter().filter(|t| selected(t.name, &args)).collect();
    println!(
        "\nrunning {} test{}",
        chosen.len(),
        if chosen.len() == 1 { "" } else { "s" }
    );
    // As many at once as libtest would: `--test-threads N`, else one per core.
    let threads = args
        .iter()
        .position(|a| a == "--test-threads")
        .and_then(|i| args.get(i + 1)?.parse().ok())
        .or_else(|| std::thread::available_parallelism().ok().map(usize::from))
        .unwrap_or(1)
        .max(1);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results = std::sync::Mutex::new((0, Vec::new(), 0));
    std::thread::scope(|scope| {
        for _ in 0..threads.min(chosen.len()) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                let Some(test) = chosen.get(i) else { break };
                let outcome = std::panic::catch_unwind(test.run);
                let mut results = results.lock().unwrap_or_else(|e| e.into_inner());
                let (passed, failed, ignored) = &mut *results;
                match outcome {
                    Ok(Outcome::Ran) => {
                        println!("test {} ... ok", test.name);
                        *passed += 1;
                    }
                    Ok(Outcome::Skipped { reason, required_by }) if set("CI") || set(required_by) => {
                        println!("test {} ... FAILED", test.name);
                        eprintln!(
                            "{}: {reason}, and CI or {required_by} says it must run",
                            test.name
                        );
                        failed.push(test.name);
                    }
                    Ok(Outcome::Skipped { reason, .. }) => {
                        println!("test {} ... ignored, {reason}", test.name);
                        *ignored += 1;
                    }
                    Err(_) => {
                        println!("test {} ... FAILED", test.name);
                        failed.push(test.name);
                    }
                }
            });
        }
    });
    let (passed, failed, ignored) = results.into_inner().unwrap_or_else(|e| e.into_inner());
    if !failed.is_empty() {
        println!("\nfailures:");
        for name in &failed {
            println!("    {name}");
        }
    }
    let verdict = if failed.is_empty() { "ok" } else { "FAILED" };
    println!(
        "\ntest result: {verdict}. {passed} passed; {} failed; {ignored} ignored; 0 measured; {} filtered out\n",
        failed.len(),
        tests.len() - chosen.len()
    );
    if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
