//! The push channel: server-sent events to every open page. Each page gets its own thread and a
//! short queue, so a slow page never holds up the others; a page that falls behind is dropped
//! and its browser reconnects, receiving the current state first.

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError, SyncSender, TrySendError};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Open pages at most; more get a 503.
pub const MAX_SUBSCRIBERS: usize = 32;
/// Events queued for one page before it counts as gone.
const QUEUE: usize = 16;
/// A comment line this often lets a dead connection be noticed.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// One server-sent event.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub name: &'static str,
    /// JSON on one line.
    pub data: String,
}

impl Event {
    pub fn new(name: &'static str, data: &impl serde::Serialize) -> Event {
        Event {
            name,
            data: serde_json::to_string(data).expect("event data serialises"),
        }
    }

    /// The wire form; JSON has no raw line breaks, so one `data:` line holds it.
    fn frame(&self) -> String {
        format!("event: {}\ndata: {}\n\n", self.name, self.data)
    }
}

struct Subscriber {
    queue: SyncSender<Arc<str>>,
    open: Arc<AtomicBool>,
}

/// Every open page.
#[derive(Default)]
pub struct Hub {
    subscribers: Mutex<Vec<Subscriber>>,
}

/// The response head of an event stream, written by hand: it stays open and is flushed per
/// event, which a buffered response would not do.
const HEAD: &str = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\nX-Accel-Buffering: no\r\nConnection: close\r\n\r\nretry: 1000\n\n";

impl Hub {
    /// Streams events to `writer` (a raw connection) from now on, starting with `first`.
    /// Refuses (returning the writer) when too many pages are open.
    pub fn subscribe(
        &self,
        mut writer: Box<dyn Write + Send>,
        first: &[Event],
    ) -> Result<(), Box<dyn Write + Send>> {
        let mut subscribers = self.lock();
        subscribers.retain(|s| s.open.load(Ordering::Relaxed));
        if subscribers.len() >= MAX_SUBSCRIBERS {
            return Err(writer);
        }
        let (queue, events) = mpsc::sync_channel::<Arc<str>>(QUEUE);
        let open = Arc::new(AtomicBool::new(true));
        let mut start = HEAD.to_owned();
        for event in first {
            start.push_str(&event.frame());
        }
        let alive = open.clone();
        let spawned = std::thread::Builder::new()
            .name("studio-events".into())
            .spawn(move || {
                let mut send = |text: &str| writer.write_all(text.as_bytes()).and_then(|()| writer.flush());
                if send(&start).is_ok() {
                    loop {
                        let sent = match events.recv_timeout(KEEP_ALIVE) {
                            Ok(frame) => send(&frame),
                            Err(RecvTimeoutError::Timeout) => send(": keep-alive\n\n"),
                            Err(RecvTimeoutError::Disconnected) => break,
                        };
                        if sent.is_err() {
                            break;
                        }
                    }
                }
                alive.store(false, Ordering::Relaxed);
            });
        if spawned.is_ok() {
            subscribers.push(Subscriber { queue, open });
        }
        Ok(())
    }

    /// Sends `event` to every open page.
    pub fn broadcast(&self, event: &Event) {
        let frame: Arc<str> = event.frame().into();
        self.lock().retain(|s| match s.queue.try_send(frame.clone()) {
            Ok(()) => true,
            // Dropping the queue ends that page's thread; its browser reconnects.
            Err(TrySendError::Full(_) | TrySendError::Disconnected(_)) => false,
        });
    }

    /// Pages connected now.
    #[cfg(test)]
    pub fn count(&self) -> usize {
        let mut subscribers = self.lock();
        subscribers.retain(|s| s.open.load(Ordering::Relaxed));
        subscribers.len()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Subscriber>> {
        self.subscribers.lock().unwrap_or_else(|p| p.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc::Receiver;

    /// A connection that hands each write to the test.
    struct Pipe(mpsc::Sender<String>);

    impl Write for Pipe {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0
                .send(String::from_utf8_lossy(buf).into_owned())
                .map_err(|_| std::io::ErrorKind::BrokenPipe)?;
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    fn page(hub: &Hub, first: &[Event]) -> Receiver<String> {
        let (tx, rx) = mpsc::channel();
        assert!(hub.subscribe(Box::new(Pipe(tx)), first).is_ok());
        rx
    }

    #[test]
    fn pages_get_the_state_then_every_event() {
        let hub = Hub::default();
        let state = Event::new("template", &serde_json::json!({"generation": 1}));
        let rx = page(&hub, &[state]);
        let head = rx.recv_timeout(Duration::from_secs(5)).unwrap();
        assert!(head.starts_with("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream"));
        assert!(
            head.ends_with("event: template\ndata: {\"generation\":1}\n\n"),
            "{head}"
        );
        hub.broadcast(&Event::new("error", &"line\nbreak"));
        assert_eq!(
            rx.recv_timeout(Duration::from_secs(5)).unwrap(),
            "event: error\ndata: \"line\\nbreak\"\n\n"
        );
        assert_eq!(hub.count(), 1);
    }

    #[test]
    fn closed_pages_are_forgotten_and_the_count_is_bounded() {
        let hub = Hub::default();
        let rx = page(&hub, &[]);
        drop(rx);
        // The page's thread notices on its next write.
        for _ in 0..=QUEUE {
            hub.broadcast(&Event::new("template", &1));
        }
        let mut pages = Vec::new();
        while hub.count() < MAX_SUBSCRIBERS {
            pages.push(page(&hub, &[]));
        }
        let (tx, _rx) = mpsc::channel();
        assert!(hub.subscribe(Box::new(Pipe(tx)), &[]).is_err());
    }
}
