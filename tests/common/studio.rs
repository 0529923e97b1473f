//! `pullquote studio` started for a test on a free port, and stopped when the test ends.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};

pub struct Studio {
    child: Child,
    /// `127.0.0.1:PORT`
    pub addr: String,
    stderr: Arc<Mutex<String>>,
}

impl Studio {
    /// Runs `pullquote studio ARGS --port 0` in `dir` and waits for the address it prints.
    pub fn start(dir: &Path, args: &[&str]) -> Studio {
        let mut child = Command::new(env!("CARGO_BIN_EXE_pullquote"))
            .arg("studio")
            .args(args)
            .args(["--port", "0"])
            .current_dir(dir)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the pullquote binary runs");
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut pipe = child.stderr.take().unwrap();
        let collected = stderr.clone();
        std::thread::spawn(move || {
            let mut buffer = [0; 4096];
            while let Ok(n @ 1..) = pipe.read(&mut buffer) {
                collected
                    .lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buffer[..n]));
            }
        });
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let addr = line
            .trim()
            .strip_prefix("pullquote studio: http://")
            .and_then(|rest| rest.strip_suffix('/'))
            .map(str::to_owned);
        let mut studio = Studio {
            child,
            addr: String::new(),
            stderr,
        };
        match addr {
            Some(addr) => studio.addr = addr,
            None => {
                let _ = studio.child.wait();
                std::thread::sleep(std::time::Duration::from_millis(100));
                panic!("the studio did not start: {line:?}\n{}", studio.stderr());
            }
        }
        studio
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }
}

impl Drop for Studio {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
