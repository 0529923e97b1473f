//! Writing outputs: stable file names and atomic writes (temporary file, then rename), so a
//! killed run never leaves a truncated file and a reader never sees half a card.

use std::io::Write;
use std::path::{Path, PathBuf};

/// What happened to a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    Created,
    Replaced,
    /// The file already held exactly these bytes.
    Unchanged,
}

/// Writes `bytes` to `path` atomically; leaves an identical existing file untouched.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<Written> {
    let existing_permissions = match std::fs::read(path) {
        Ok(existing) if existing == bytes => return Ok(Written::Unchanged),
        Ok(_) => Some(std::fs::metadata(path)?.permissions()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    let existed = existing_permissions.is_some();
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut temp = tempfile::Builder::new()
        .prefix(".pullquote-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    // The rename is what makes the write atomic for readers and for a killed run; a card can be
    // rendered again, so an fsync per file (a large share of a batch's time) is not paid.
    temp.write_all(bytes)?;
    // Temporary files are private (0600); a card is an ordinary file like any other output.
    #[cfg(unix)]
    let existing_permissions = existing_permissions.or_else(|| {
        use std::os::unix::fs::PermissionsExt;
        Some(std::fs::Permissions::from_mode(0o644))
    });
    if let Some(permissions) = existing_permissions {
        temp.as_file().set_permissions(permissions)?;
    }
    temp.persist(path).map_err(|e| e.error)?;
    Ok(if existed {
        Written::Replaced
    } else {
        Written::Created
    })
}

const TEMPORARY_PREFIX: &str = ".pullquote-";
const TEMPORARY_SUFFIX: &str = ".tmp";

/// Removes temporary files a killed run left in `dir`. Two runs writing into one folder at the
/// same time are not supported: their manifests would race anyway.
pub fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(TEMPORARY_PREFIX) && name.ends_with(TEMPORARY_SUFFIX) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The alt-text file that sits beside a card: `<card stem>.alt.txt`.
pub fn alt_text_path(card: &Path) -> PathBuf {
    card.with_extension("alt.txt")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_replaces_and_skips_identical() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/card.png");
        assert_eq!(write_atomic(&path, b"one").unwrap(), Written::Created);
        assert_eq!(write_atomic(&path, b"one").unwrap(), Written::Unchanged);
        assert_eq!(write_atomic(&path, b"two").unwrap(), Written::Replaced);
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let leftovers: Vec<_> = std::fs::read_dir(path.parent().unwrap()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
                0o644
            );
        }
    }

    #[test]
    fn alt_text_sits_beside_its_card() {
        assert_eq!(
            alt_text_path(Path::new("d/q01-x-story.png")),
            Path::new("d/q01-x-story.alt.txt")
        );
    }
}
