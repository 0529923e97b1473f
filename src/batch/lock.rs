//! One run at a time per output folder: `.pullquote.lock` holds the process id of the run writing
//! there. A second run waits for it, then fails with who holds the lock; a lock left by a run that
//! was killed (its process is gone) is taken over.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The lock file's name, in the run's output folder.
pub const LOCK_FILE: &str = ".pullquote.lock";

/// How long a run waits for another one by default; `PULLQUOTE_LOCK_WAIT` (seconds) changes it.
const DEFAULT_WAIT: Duration = Duration::from_secs(30);

/// Held while a run writes; removes the lock file when dropped.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
}

/// Why a lock could not be taken.
#[derive(Debug)]
pub enum LockError {
    /// Another live run holds it.
    Held {
        path: PathBuf,
        pid: u32,
        waited: Duration,
    },
    /// The folder or the lock file could not be made.
    Io { path: PathBuf, source: std::io::Error },
}

impl std::fmt::Display for LockError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LockError::Held { path, pid, waited } => write!(
                f,
                "another pullquote run (process {pid}) is writing into this folder; waited {} s for it (`{}`)",
                waited.as_secs(),
                path.display()
            ),
            LockError::Io { path, source } => {
                write!(f, "cannot lock `{}` ({source})", path.display())
            }
        }
    }
}

fn wait_limit() -> Duration {
    std::env::var("PULLQUOTE_LOCK_WAIT")
        .ok()
        .and_then(|v| v.trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s >= 0.0)
        .map_or(DEFAULT_WAIT, |s| Duration::from_secs_f64(s.min(86_400.0)))
}

/// Whether process `pid` still runs. Where that cannot be known, a lock is taken to be held.
fn alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let proc = Path::new("/proc");
    if proc.join("self").exists() {
        return proc.join(pid.to_string()).exists();
    }
    true
}

impl Lock {
    /// Takes the lock of `dir` (made if missing), waiting for another run to finish.
    pub fn acquire(dir: &Path) -> Result<Lock, LockError> {
        let path = dir.join(LOCK_FILE);
        let io = |source| LockError::Io {
            path: path.clone(),
            source,
        };
        std::fs::create_dir_all(dir).map_err(io)?;
        let started = Instant::now();
        let limit = wait_limit();
        loop {
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(mut file) => {
                    file.write_all(format!("{}\n", std::process::id()).as_bytes())
                        .map_err(io)?;
                    return Ok(Lock { path });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(io(e)),
            }
            // A lock file being written may still be empty: read it as held by an unknown run.
            let holder = std::fs::read_to_string(&path)
                .ok()
                .and_then(|text| text.trim().parse::<u32>().ok());
            match holder {
                Some(pid) if !alive(pid) => {
                    // Its run was killed: the lock is stale. Only one taker removes it.
                    let _ = std::fs::remove_file(&path);
                    continue;
                }
                _ if started.elapsed() >= limit => {
                    return Err(LockError::Held {
                        path,
                        pid: holder.unwrap_or(0),
                        waited: started.elapsed(),
                    })
                }
                _ => std::thread::sleep(Duration::from_millis(100)),
            }
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lock_is_exclusive_and_released() {
        let dir = tempfile::tempdir().unwrap();
        let lock = Lock::acquire(dir.path()).unwrap();
        assert!(dir.path().join(LOCK_FILE).exists());
        drop(lock);
        assert!(!dir.path().join(LOCK_FILE).exists());
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_dead_run_s_lock_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        // Process ids are below 2^22 on Linux.
        std::fs::write(dir.path().join(LOCK_FILE), "4194305\n").unwrap();
        let lock = Lock::acquire(dir.path()).unwrap();
        let pid: u32 = std::fs::read_to_string(dir.path().join(LOCK_FILE))
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        assert_eq!(pid, std::process::id());
        drop(lock);
    }
}
