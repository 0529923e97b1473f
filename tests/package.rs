//! The published package, as `cargo package --list` gives it: it holds what the binary embeds and
//! what the licences require, leaves out the reference images, and stays under crates.io's 10 MB.

use std::path::Path;
use std::process::Command;

/// crates.io refuses a `.crate` over 10 MiB; the files' own sizes, before compression, bound it.
const LIMIT: u64 = 10 * 1024 * 1024;

#[test]
fn the_package_holds_fonts_templates_and_licences_and_stays_under_10_mb() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let out = Command::new(cargo)
        .args(["package", "--list", "--allow-dirty", "--offline"])
        .current_dir(root)
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "cargo package --list failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listed = String::from_utf8(out.stdout).unwrap();
    let files: Vec<&str> = listed.lines().collect();
    for needed in [
        "LICENSE-MIT",
        "LICENSE-APACHE",
        "README.md",
        "fonts/Inter-Regular.otf",
        "fonts/NotoSansArabic-Regular.ttf",
        "fonts/LICENSE-Inter.txt",
        "fonts/LICENSE-Noto.txt",
        "fonts/LICENSE-PlayfairDisplay.txt",
        "fonts/LICENSE-SourceSerif4.md",
        "templates/paper.yaml",
        "templates/photo.yaml",
        "templates/assets/dusk.svg",
        "examples/occitanie-social-media-interview.txt",
        // The example brand's font travels with its licence.
        "examples/brand/brand.yaml",
        "examples/brand/fonts/Karla-Variable.ttf",
        "examples/brand/fonts/OFL.txt",
    ] {
        assert!(files.contains(&needed), "`{needed}` is not in the package");
    }
    // Every font and template the binary embeds is there, not only the ones named above.
    for folder in ["fonts", "templates", "templates/assets"] {
        for entry in std::fs::read_dir(root.join(folder)).unwrap() {
            let path = entry.unwrap().path();
            if path.is_file() {
                let relative = path.strip_prefix(root).unwrap().to_str().unwrap().to_owned();
                assert!(
                    files.contains(&relative.as_str()),
                    "`{relative}` is not in the package"
                );
            }
        }
    }
    assert!(
        !files.iter().any(|f| f.starts_with("tests/cards/")),
        "the reference images stay out of the package"
    );
    // Files cargo generates (Cargo.toml.orig, .cargo_vcs_info.json) are not on disk and are tiny.
    let bytes: u64 = files
        .iter()
        .filter_map(|f| std::fs::metadata(root.join(f)).ok())
        .map(|m| m.len())
        .sum();
    assert!(
        bytes < LIMIT,
        "the package holds {bytes} bytes, over the {LIMIT}-byte limit"
    );
}
