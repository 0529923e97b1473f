//! The template's folder, the only place the studio serves or reads files from on a client's
//! behalf: relative paths only, no `..`, no symlink leading out, regular files only, size-capped.

use std::io::Read;
use std::path::{Component, Path, PathBuf};

/// Why a path a client gave is not served.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// Empty, absolute, or with `..`: never looked up.
    BadPath,
    NotFound,
    /// Its real path (symlinks followed) is outside the folder.
    Outside,
    /// A folder, device, FIFO or socket.
    NotAFile,
    /// A dot file or a file in a dot folder (`.env`, `.git/…`): never served.
    Hidden,
    TooLarge {
        size: u64,
        cap: u64,
    },
    Unreadable(String),
}

impl Refused {
    /// What a client is told, about the path it wrote.
    pub fn message(&self, path: &str) -> String {
        match self {
            Refused::BadPath => {
                format!("`{path}` is not a path inside the template's folder: write it relative to the folder, without `..`")
            }
            Refused::NotFound => format!("no file `{path}` in the template's folder"),
            Refused::Outside => format!("`{path}` leads outside the template's folder"),
            Refused::NotAFile => format!("`{path}` is not a regular file"),
            Refused::Hidden => format!("`{path}` is hidden (a name starting with `.`) and is not served"),
            Refused::TooLarge { size, cap } => {
                format!("`{path}` is {size} bytes: files of at most {cap} bytes are read")
            }
            Refused::Unreadable(e) => format!("cannot read `{path}` ({e})"),
        }
    }
}

/// A folder, held by its real path.
#[derive(Debug, Clone)]
pub struct Root {
    dir: PathBuf,
}

impl Root {
    pub fn new(dir: &Path) -> std::io::Result<Root> {
        Ok(Root {
            dir: std::fs::canonicalize(dir)?,
        })
    }

    #[cfg(test)]
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The real path of `relative` (as a client wrote it, `/`-separated), if it is a regular
    /// file inside the folder.
    pub fn resolve(&self, relative: &str) -> Result<PathBuf, Refused> {
        let path = Path::new(relative);
        let plain = !relative.contains(['\0', '\\'])
            && path.components().any(|c| matches!(c, Component::Normal(_)))
            && path
                .components()
                .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
        if !plain {
            return Err(Refused::BadPath);
        }
        let hidden =
            |c: Component| matches!(c, Component::Normal(name) if name.to_string_lossy().starts_with('.'));
        if path.components().any(hidden) {
            return Err(Refused::Hidden);
        }
        let real = std::fs::canonicalize(self.dir.join(path)).map_err(|_| Refused::NotFound)?;
        if !real.starts_with(&self.dir) {
            return Err(Refused::Outside);
        }
        let metadata = std::fs::metadata(&real).map_err(|e| Refused::Unreadable(e.to_string()))?;
        if !metadata.is_file() {
            return Err(Refused::NotAFile);
        }
        Ok(real)
    }

    /// Reads `relative` whole, refusing files over `cap` bytes.
    pub fn read(&self, relative: &str, cap: u64) -> Result<Vec<u8>, Refused> {
        let real = self.resolve(relative)?;
        let file = std::fs::File::open(&real).map_err(|e| Refused::Unreadable(e.to_string()))?;
        let size = file.metadata().map(|m| m.len()).unwrap_or(0);
        if size > cap {
            return Err(Refused::TooLarge { size, cap });
        }
        let mut bytes = Vec::with_capacity(size as usize);
        // The file may grow between the check and the read.
        file.take(cap + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| Refused::Unreadable(e.to_string()))?;
        if bytes.len() as u64 > cap {
            return Err(Refused::TooLarge {
                size: bytes.len() as u64,
                cap,
            });
        }
        Ok(bytes)
    }

    /// `path` relative to the folder, `/`-separated, if it is inside it.
    pub fn relative(&self, path: &Path) -> Option<String> {
        let real = std::fs::canonicalize(path).ok()?;
        let rest = real.strip_prefix(&self.dir).ok()?;
        let parts: Vec<String> = rest
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        Some(parts.join("/"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder() -> (tempfile::TempDir, Root) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("brand/assets")).unwrap();
        std::fs::write(dir.path().join("brand/assets/logo.svg"), "<svg/>").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "key").unwrap();
        let root = Root::new(&dir.path().join("brand")).unwrap();
        (dir, root)
    }

    #[test]
    fn serves_files_inside_the_folder() {
        let (_dir, root) = folder();
        assert_eq!(root.read("assets/logo.svg", 100).unwrap(), b"<svg/>");
        assert_eq!(root.read("./assets/logo.svg", 100).unwrap(), b"<svg/>");
        assert_eq!(
            root.read("assets/logo.svg", 3),
            Err(Refused::TooLarge { size: 6, cap: 3 })
        );
        assert_eq!(root.read("assets/none.svg", 100), Err(Refused::NotFound));
        assert_eq!(root.read("assets", 100), Err(Refused::NotAFile));
        std::fs::write(root.dir().join(".env"), "KEY=1").unwrap();
        assert_eq!(root.read(".env", 100), Err(Refused::Hidden));
        assert_eq!(root.read("assets/.env", 100), Err(Refused::Hidden));
    }

    #[test]
    fn refuses_paths_that_climb_out() {
        let (dir, root) = folder();
        for path in [
            "../secret.txt",
            "assets/../../secret.txt",
            "/etc/passwd",
            "",
            "assets\\..\\..\\secret.txt",
        ] {
            assert_eq!(root.resolve(path), Err(Refused::BadPath), "{path}");
        }
        let outside = dir.path().join("secret.txt");
        assert_eq!(root.resolve(outside.to_str().unwrap()), Err(Refused::BadPath));
    }

    #[cfg(unix)]
    #[test]
    fn refuses_symlinks_that_lead_out_and_special_files() {
        let (dir, root) = folder();
        let brand = dir.path().join("brand");
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), brand.join("link.txt")).unwrap();
        std::os::unix::fs::symlink(dir.path(), brand.join("up")).unwrap();
        std::os::unix::fs::symlink("assets/logo.svg", brand.join("inside.svg")).unwrap();
        std::os::unix::fs::symlink("/dev/zero", brand.join("zero.png")).unwrap();
        assert_eq!(root.resolve("link.txt"), Err(Refused::Outside));
        assert_eq!(root.resolve("up/secret.txt"), Err(Refused::Outside));
        assert_eq!(root.read("inside.svg", 100).unwrap(), b"<svg/>");
        assert_eq!(root.resolve("zero.png"), Err(Refused::Outside));
        let fifo = std::process::Command::new("mkfifo")
            .arg(brand.join("pipe.png"))
            .status();
        if fifo.is_ok_and(|s| s.success()) {
            assert_eq!(root.read("pipe.png", 100), Err(Refused::NotAFile));
        }
        assert_eq!(
            root.relative(&brand.join("assets/logo.svg")).as_deref(),
            Some("assets/logo.svg")
        );
        assert_eq!(root.relative(&dir.path().join("secret.txt")), None);
    }
}
