//! Where renders run: a fixed pool of at most one thread per core, a bounded queue in front of
//! it, and a limit on how long a request waits for its card.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};
use std::time::Duration;

/// Why a job gave no result.
#[derive(Debug, Clone, PartialEq)]
pub enum PoolError {
    /// Every worker is busy and the queue is full.
    Busy,
    /// The job did not finish within the budget (it runs on, but nobody waits for it).
    TimedOut(Duration),
    Panicked(String),
}

pub struct Pool {
    workers: rayon::ThreadPool,
    size: usize,
    /// Jobs queued or running.
    pending: Arc<AtomicUsize>,
    limit: usize,
    budget: Duration,
}

/// Queued jobs allowed per worker before new ones are turned away.
const QUEUE_PER_WORKER: usize = 8;

impl Pool {
    /// A pool of `workers` threads (capped to the machine's cores) whose callers wait at most
    /// `budget` for a result.
    pub fn new(workers: usize, budget: Duration) -> Pool {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let size = workers.clamp(1, cores);
        let workers = rayon::ThreadPoolBuilder::new()
            .num_threads(size)
            .thread_name(|i| format!("studio-render-{i}"))
            .build()
            .expect("the render threads start");
        Pool {
            workers,
            size,
            pending: Arc::default(),
            limit: size * QUEUE_PER_WORKER,
            budget,
        }
    }

    pub fn size(&self) -> usize {
        self.size
    }

    /// Runs `job` on the pool and waits for its result.
    pub fn run<T: Send + 'static>(&self, job: impl FnOnce() -> T + Send + 'static) -> Result<T, PoolError> {
        if self.pending.fetch_add(1, Ordering::SeqCst) >= self.limit {
            self.pending.fetch_sub(1, Ordering::SeqCst);
            return Err(PoolError::Busy);
        }
        let (tx, rx) = mpsc::sync_channel(1);
        let pending = self.pending.clone();
        self.workers.spawn(move || {
            let result = catch_unwind(AssertUnwindSafe(job)).map_err(|panic| {
                panic
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_owned())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown panic".into())
            });
            pending.fetch_sub(1, Ordering::SeqCst);
            let _ = tx.send(result);
        });
        match rx.recv_timeout(self.budget) {
            Ok(result) => result.map_err(PoolError::Panicked),
            Err(_) => Err(PoolError::TimedOut(self.budget)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_jobs_and_reports_panics_and_slow_jobs() {
        let pool = Pool::new(64, Duration::from_secs(60));
        assert!(pool.size() <= std::thread::available_parallelism().unwrap().get());
        assert_eq!(pool.run(|| 6 * 7), Ok(42));
        assert_eq!(
            pool.run(|| -> u8 { panic!("boom") }),
            Err(PoolError::Panicked("boom".into()))
        );
        let hasty = Pool::new(1, Duration::from_millis(50));
        assert_eq!(
            hasty.run(|| std::thread::sleep(Duration::from_secs(2))),
            Err(PoolError::TimedOut(Duration::from_millis(50)))
        );
    }

    #[test]
    fn a_full_queue_turns_jobs_away() {
        let pool = Arc::new(Pool::new(1, Duration::from_secs(30)));
        let (release, gate) = mpsc::channel::<()>();
        let gate = Arc::new(std::sync::Mutex::new(gate));
        let mut waiting = Vec::new();
        for _ in 0..QUEUE_PER_WORKER {
            let (pool, gate) = (pool.clone(), gate.clone());
            waiting.push(std::thread::spawn(move || {
                pool.run(move || {
                    let _ = gate.lock().unwrap().recv();
                })
            }));
        }
        while pool.pending.load(Ordering::SeqCst) < QUEUE_PER_WORKER {
            std::thread::yield_now();
        }
        assert_eq!(pool.run(|| ()), Err(PoolError::Busy));
        for _ in 0..QUEUE_PER_WORKER {
            release.send(()).unwrap();
        }
        for w in waiting {
            assert_eq!(w.join().unwrap(), Ok(()));
        }
    }
}
