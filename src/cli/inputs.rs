//! Expands the inputs of a run: files, folders of transcripts and glob patterns.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Extensions read as transcripts when a folder is given.
pub const TRANSCRIPT_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "docx", "vtt", "srt"];

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum InputError {
    #[error("failed to read transcript `{0}` (not found)")]
    Missing(String),
    #[error("`{0}` matches no file")]
    NoMatch(String),
    #[error("invalid pattern `{pattern}` ({reason})")]
    BadPattern { pattern: String, reason: String },
    #[error("folder `{0}` holds no transcript (.txt, .md, .docx, .vtt or .srt)")]
    EmptyFolder(String),
}

fn is_transcript(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| TRANSCRIPT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// Every transcript under `dir`, sorted, recursively. A folder reached twice (through a symbolic
/// link back to an ancestor, or two links to one place) is walked once, so a link loop cannot
/// turn one file into many inputs or recurse until the path is too long.
fn folder_transcripts(
    dir: &Path,
    seen: &mut HashSet<PathBuf>,
    out: &mut Vec<PathBuf>,
) -> std::io::Result<()> {
    if !seen.insert(std::fs::canonicalize(dir)?) {
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in entries {
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        // Only regular files are read: a FIFO named `x.txt` would wait for a writer forever.
        if path.is_dir() {
            // A sub-folder that cannot be read (a dangling or looping link) is not an input.
            let _ = folder_transcripts(&path, seen, out);
        } else if is_transcript(&path) && std::fs::metadata(&path).is_ok_and(|m| m.is_file()) {
            out.push(path);
        }
    }
    Ok(())
}

/// What makes two inputs the same file: its canonical path (links and `..` resolved), else the
/// path as given (standard input, a file gone since it was listed).
fn identity(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Files named directly, every transcript under a folder (sorted, recursively), and the matches
/// of a glob pattern (sorted). A file reached twice, under any name (a link, `./a` and `a`), is
/// kept once, where it was first seen.
pub fn expand(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, InputError> {
    let mut out: Vec<PathBuf> = Vec::new();
    let mut files: HashSet<PathBuf> = HashSet::new();
    for input in inputs {
        let text = input.to_string_lossy();
        let mut found = Vec::new();
        // Anything that exists and is not a folder is read as a file, so a device or a FIFO
        // gets the reader's clear refusal rather than "no such file".
        if input == Path::new("-") || (input.exists() && !input.is_dir()) {
            found.push(input.clone());
        } else if input.is_dir() {
            folder_transcripts(input, &mut HashSet::new(), &mut found)
                .map_err(|_| InputError::Missing(text.to_string()))?;
            if found.is_empty() {
                return Err(InputError::EmptyFolder(text.to_string()));
            }
        } else if text.contains(['*', '?', '[']) {
            // Like a shell, `*` does not match hidden files.
            let options = glob::MatchOptions {
                require_literal_leading_dot: true,
                ..glob::MatchOptions::new()
            };
            let paths = glob::glob_with(&text, options).map_err(|e| InputError::BadPattern {
                pattern: text.to_string(),
                reason: e.msg.to_owned(),
            })?;
            let mut matches: Vec<PathBuf> = paths.filter_map(Result::ok).filter(|p| p.is_file()).collect();
            matches.sort();
            if matches.is_empty() {
                return Err(InputError::NoMatch(text.to_string()));
            }
            found.extend(matches);
        } else {
            return Err(InputError::Missing(text.to_string()));
        }
        for path in found {
            if files.insert(identity(&path)) {
                out.push(path);
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_folders_and_globs() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir(d.join("sub")).unwrap();
        for name in ["b.txt", "a.md", "notes.pdf", "sub/c.txt", ".hidden.txt"] {
            std::fs::write(d.join(name), "x").unwrap();
        }
        let all = expand(&[d.to_path_buf()]).unwrap();
        let names: Vec<String> = all
            .iter()
            .map(|p| p.strip_prefix(d).unwrap().display().to_string())
            .collect();
        assert_eq!(names, ["a.md", "b.txt", "sub/c.txt"]);

        let pattern = d.join("*.txt");
        assert_eq!(
            expand(&[pattern.clone(), d.join("b.txt")]).unwrap(),
            vec![d.join("b.txt")]
        );
        assert_eq!(
            expand(&[d.join("nope.txt")]),
            Err(InputError::Missing(d.join("nope.txt").display().to_string()))
        );
        assert!(matches!(expand(&[d.join("*.docx")]), Err(InputError::NoMatch(_))));
    }

    #[cfg(unix)]
    #[test]
    fn links_and_loops_give_each_file_once() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join("a/b")).unwrap();
        std::fs::write(d.join("a/b/talk.txt"), "x").unwrap();
        // A link back to an ancestor, a second way into the same folder, a link to a file and
        // a dangling link.
        std::os::unix::fs::symlink(d.join("a"), d.join("a/b/up")).unwrap();
        std::os::unix::fs::symlink(d.join("a/b"), d.join("a/same")).unwrap();
        std::os::unix::fs::symlink(d.join("a/b/talk.txt"), d.join("a/alias.txt")).unwrap();
        std::os::unix::fs::symlink(d.join("nowhere"), d.join("a/dangling")).unwrap();
        assert_eq!(expand(&[d.join("a")]).unwrap(), vec![d.join("a/alias.txt")]);
        let twice = [d.join("a/b/talk.txt"), d.join("a/b/../b/talk.txt"), d.join("a")];
        assert_eq!(expand(&twice).unwrap(), vec![d.join("a/b/talk.txt")]);
    }
}
