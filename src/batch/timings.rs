//! Time spent per pipeline stage, summed over all cards and threads, for `--timings`.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// A stage of making cards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Reading transcripts.
    Read,
    /// Selecting quotes.
    Select,
    /// Resolving templates for each format.
    Resolve,
    /// Typesetting cards.
    Typeset,
    /// Painting pixels.
    Render,
    /// Encoding files.
    Encode,
    /// Writing files, manifests and the review page.
    Write,
}

impl Stage {
    /// Every stage, in pipeline order.
    pub const ALL: [Stage; 7] = [
        Stage::Read,
        Stage::Select,
        Stage::Resolve,
        Stage::Typeset,
        Stage::Render,
        Stage::Encode,
        Stage::Write,
    ];

    /// The stage's name in `--timings`.
    pub fn name(self) -> &'static str {
        match self {
            Stage::Read => "read",
            Stage::Select => "select",
            Stage::Resolve => "resolve",
            Stage::Typeset => "typeset",
            Stage::Render => "render",
            Stage::Encode => "encode",
            Stage::Write => "write",
        }
    }
}

/// Nanoseconds per stage, safe to add to from many threads.
#[derive(Debug, Default)]
pub struct Timings {
    nanos: [AtomicU64; 7],
}

impl Timings {
    /// Adds the time since `since` to `stage`.
    pub fn add(&self, stage: Stage, since: Instant) {
        let nanos = since.elapsed().as_nanos().min(u128::from(u64::MAX)) as u64;
        self.nanos[stage as usize].fetch_add(nanos, Ordering::Relaxed);
    }

    /// Adds `duration` to `stage`.
    pub fn add_duration(&self, stage: Stage, duration: Duration) {
        let nanos = duration.as_nanos().min(u128::from(u64::MAX)) as u64;
        self.nanos[stage as usize].fetch_add(nanos, Ordering::Relaxed);
    }

    /// The time spent in `stage`.
    pub fn get(&self, stage: Stage) -> Duration {
        Duration::from_nanos(self.nanos[stage as usize].load(Ordering::Relaxed))
    }

    /// Adds `other`'s times to these.
    pub fn merge(&mut self, other: &Timings) {
        for stage in Stage::ALL {
            self.nanos[stage as usize].fetch_add(other.get(stage).as_nanos() as u64, Ordering::Relaxed);
        }
    }
}
