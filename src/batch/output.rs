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

/// What is at an output path before a run writes there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Existing {
    /// Nothing.
    Missing,
    /// A regular file, with its bytes.
    File(Vec<u8>),
    /// A symlink, a folder, a device, a FIFO, or a file too large to be an output: never
    /// pullquote's, and never read (a link to `/dev/zero` would be read forever).
    Other,
}

/// The largest output pullquote reads back to compare: a card is at most a few MB.
const LARGEST_OUTPUT: u64 = 256 * 1024 * 1024;

impl Existing {
    /// Looks at `path` without following a symlink, and reads it only when it is a regular file.
    pub fn at(path: &Path) -> std::io::Result<Existing> {
        let metadata = match std::fs::symlink_metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Existing::Missing),
            Err(e) => return Err(e),
        };
        if !metadata.file_type().is_file() || metadata.len() > LARGEST_OUTPUT {
            return Ok(Existing::Other);
        }
        match std::fs::read(path) {
            Ok(bytes) => Ok(Existing::File(bytes)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Existing::Missing),
            Err(e) => Err(e),
        }
    }

    /// The bytes of a regular file.
    pub fn bytes(&self) -> Option<&[u8]> {
        match self {
            Existing::File(bytes) => Some(bytes),
            _ => None,
        }
    }

    pub fn exists(&self) -> bool {
        *self != Existing::Missing
    }
}

/// Writes `bytes` to `path` atomically; leaves an identical existing file untouched. Whatever is
/// at `path` is replaced (a symlink itself, not its target): callers decide first whether it
/// may be.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<Written> {
    let existing_permissions = match Existing::at(path)? {
        Existing::File(existing) if existing == bytes => return Ok(Written::Unchanged),
        Existing::File(_) => Some(std::fs::metadata(path)?.permissions()),
        Existing::Other => None,
        Existing::Missing => None,
    };
    let existed = existing_permissions.is_some() || std::fs::symlink_metadata(path).is_ok();
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

/// The last line of a file pullquote writes for people to open or edit (the contact sheet, a
/// quotes file): the hash of everything above it, in the file type's comment. A file whose hash
/// still matches is the one pullquote wrote; one edited since, or without the line, is the
/// user's, and is not replaced without `--force`.
#[derive(Debug, Clone, Copy)]
pub struct Seal {
    open: &'static str,
    close: &'static str,
}

impl Seal {
    pub const HTML: Seal = Seal {
        open: "<!-- pullquote content hash: ",
        close: " -->\n",
    };
    /// Quotes files, sealed by `extract -o`, which only the command line writes.
    #[cfg_attr(not(feature = "cli"), allow(dead_code))]
    pub const YAML: Seal = Seal {
        open: "# pullquote content hash: ",
        close: "\n",
    };

    /// `text` followed by its seal.
    pub fn apply(self, text: &str) -> String {
        format!(
            "{text}{}{}{}",
            self.open,
            crate::fingerprint::file_hash(text.as_bytes()),
            self.close
        )
    }

    /// Whether `bytes` end with the seal of what precedes it.
    pub fn holds(self, bytes: &[u8]) -> bool {
        let Ok(text) = std::str::from_utf8(bytes) else {
            return false;
        };
        let Some(body) = text.strip_suffix(self.close) else {
            return false;
        };
        let Some(at) = body.rfind(self.open) else {
            return false;
        };
        let (content, hash) = (&body[..at], &body[at + self.open.len()..]);
        crate::fingerprint::file_hash(content.as_bytes()) == hash
    }
}

/// Whether the file at `path` may be replaced by `bytes` without `--force`: there is none, it
/// already holds them, or it still carries the seal pullquote wrote.
#[cfg_attr(not(feature = "cli"), allow(dead_code))]
pub fn may_replace_sealed(path: &Path, bytes: &[u8], seal: Seal) -> std::io::Result<bool> {
    Ok(match Existing::at(path)? {
        Existing::Missing => true,
        Existing::File(existing) => existing == bytes || seal.holds(&existing),
        Existing::Other => false,
    })
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
    fn a_sealed_page_is_known_until_edited() {
        let page = Seal::HTML.apply("<p>cards</p>\n");
        assert!(Seal::HTML.holds(page.as_bytes()));
        assert!(!Seal::HTML.holds(page.replace("cards", "mine").as_bytes()));
        assert!(!Seal::HTML.holds(b"<p>cards</p>\n"));
        let quotes = Seal::YAML.apply("quotes: []\n");
        assert!(Seal::YAML.holds(quotes.as_bytes()));
        assert!(!Seal::YAML.holds(format!("{quotes}# mine\n").as_bytes()));
    }

    #[cfg(unix)]
    #[test]
    fn a_link_at_an_output_path_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("card.png");
        std::os::unix::fs::symlink("/dev/zero", &path).unwrap();
        assert_eq!(Existing::at(&path).unwrap(), Existing::Other);
        assert_eq!(write_atomic(&path, b"card").unwrap(), Written::Replaced);
        assert_eq!(std::fs::read(&path).unwrap(), b"card");
    }

    #[test]
    fn alt_text_sits_beside_its_card() {
        assert_eq!(
            alt_text_path(Path::new("d/q01-x-story.png")),
            Path::new("d/q01-x-story.alt.txt")
        );
    }
}
