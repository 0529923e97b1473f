//! File watching: the folders of the template, its `extends` chain, its pictures and the
//! transcript are watched; a burst of changes (an editor's save) becomes one reload, and only a
//! reload that changes what the page shows is pushed to it.

use super::server::Context;
use super::state::absolute_dir;
use notify::{EventKind, RecursiveMode, Watcher};
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A save is over when no change follows for this long…
const QUIET: Duration = Duration::from_millis(30);
/// …or, during a stream of changes, after this long.
const MOST: Duration = Duration::from_millis(250);

/// Starts watching in a thread of its own.
pub fn spawn(context: Arc<Context>) -> notify::Result<()> {
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(tx)?;
    let mut watched = BTreeSet::new();
    refresh(&mut watcher, &mut watched, context.studio.watched_dirs())?;
    std::thread::Builder::new()
        .name("studio-watch".into())
        .spawn(move || loop {
            let Ok(first) = rx.recv() else {
                return;
            };
            let mut changed = Vec::new();
            collect(first, &mut changed);
            let started = Instant::now();
            while started.elapsed() < MOST {
                match rx.recv_timeout(QUIET) {
                    Ok(event) => collect(event, &mut changed),
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            }
            if changed.is_empty() {
                continue;
            }
            let studio = &context.studio;
            let transcript = studio.transcript.as_deref().map(key);
            if changed.iter().any(|p| Some(key(p)) == transcript) {
                if let Some(event) = studio.reload_quotes() {
                    context.hub.broadcast(&event);
                }
            }
            // Any other change may concern the template: a reload that changes nothing the
            // page shows sends nothing.
            if changed.iter().any(|p| Some(key(p)) != transcript) {
                if let Some(event) = studio.reload_template() {
                    context.hub.broadcast(&event);
                }
            }
            // New pictures or `extends` targets may live in folders not yet watched.
            let _ = refresh(&mut watcher, &mut watched, studio.watched_dirs());
        })
        .map_err(notify::Error::io)?;
    Ok(())
}

/// The paths of a change that may alter a file's content.
fn collect(event: notify::Result<notify::Event>, changed: &mut Vec<PathBuf>) {
    let Ok(event) = event else {
        return;
    };
    if matches!(
        event.kind,
        EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) | EventKind::Any
    ) {
        changed.extend(event.paths);
    }
}

/// A path compared by its real folder, as watchers and users may spell it differently.
fn key(path: &std::path::Path) -> PathBuf {
    absolute_dir(path).join(path.file_name().unwrap_or_default())
}

/// Watches `dirs` and stops watching folders no longer needed.
fn refresh(
    watcher: &mut impl Watcher,
    watched: &mut BTreeSet<PathBuf>,
    dirs: Vec<PathBuf>,
) -> notify::Result<()> {
    let wanted: BTreeSet<PathBuf> = dirs.into_iter().collect();
    for gone in watched.difference(&wanted).cloned().collect::<Vec<_>>() {
        let _ = watcher.unwatch(&gone);
        watched.remove(&gone);
    }
    for dir in wanted {
        if !watched.contains(&dir) && dir.is_dir() {
            watcher.watch(&dir, RecursiveMode::NonRecursive)?;
            watched.insert(dir);
        }
    }
    Ok(())
}
