//! HTTP/1.1 on a plain TCP stream: reading one request (head parsed by httparse, body by
//! Content-Length or chunked, both under caps and a deadline) and writing one response. Also
//! percent-encoding, for paths in URLs and UTF-8 text in headers.

use super::state::DiagnosticJson;
use crate::diagnostic::Diagnostic;
use std::io::{BufRead, Read, Write};
use std::time::Instant;

/// Largest request head (request line and headers), in bytes.
const MAX_HEAD: usize = 16 * 1024;
const MAX_HEADERS: usize = 64;

/// A request, read whole.
#[derive(Debug)]
pub struct Request {
    pub method: String,
    /// The request target as sent: path and query.
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// HTTP/1.1 (else 1.0).
    http11: bool,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The path, without query or fragment.
    pub fn path(&self) -> &str {
        self.target.split(['?', '#']).next().unwrap_or_default()
    }

    /// Whether the client keeps the connection open for another request.
    pub fn keep_alive(&self) -> bool {
        let connection = self.header("Connection").map(str::to_ascii_lowercase);
        match connection.as_deref() {
            Some(c) if c.contains("close") => false,
            Some(c) if c.contains("keep-alive") => true,
            _ => self.http11,
        }
    }
}

/// A response to write.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

impl Response {
    /// A response with `body`, never cached, never sniffed.
    pub fn bytes(status: u16, content_type: &str, body: Vec<u8>) -> Response {
        Response {
            status,
            headers: vec![
                ("Content-Type", content_type.to_owned()),
                ("Cache-Control", "no-store".to_owned()),
                ("X-Content-Type-Options", "nosniff".to_owned()),
            ],
            body,
        }
    }

    pub fn json(status: u16, value: &impl serde::Serialize) -> Response {
        let body = serde_json::to_vec(value).expect("responses serialise");
        Response::bytes(status, "application/json; charset=utf-8", body)
    }

    /// Adds a header; `value` must be ASCII without line breaks (percent-encode text first).
    pub fn with_header(mut self, name: &'static str, value: impl Into<String>) -> Response {
        let value: String = value.into();
        debug_assert!(value.bytes().all(|b| (b' '..=b'~').contains(&b)));
        self.headers.push((name, value));
        self
    }

    /// Writes the response; `head_only` for HEAD requests.
    pub fn write(&self, out: &mut impl Write, keep_alive: bool, head_only: bool) -> std::io::Result<()> {
        let mut head = format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status));
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!(
            "Content-Length: {}\r\nConnection: {}\r\n\r\n",
            self.body.len(),
            if keep_alive { "keep-alive" } else { "close" }
        ));
        out.write_all(head.as_bytes())?;
        if !head_only {
            out.write_all(&self.body)?;
        }
        out.flush()
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        100 => "Continue",
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        409 => "Conflict",
        411 => "Length Required",
        413 => "Content Too Large",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Content",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "",
    }
}

/// A failed request: its status and the diagnostic sent as JSON.
#[derive(Debug)]
pub struct Failure {
    pub status: u16,
    pub diagnostic: Box<Diagnostic>,
}

impl Failure {
    pub fn new(status: u16, diagnostic: impl Into<Box<Diagnostic>>) -> Failure {
        Failure {
            status,
            diagnostic: diagnostic.into(),
        }
    }

    pub fn message(status: u16, message: impl Into<String>) -> Failure {
        Failure::new(status, Diagnostic::error(message))
    }

    pub fn reply(&self) -> Response {
        Response::json(self.status, &DiagnosticJson::from(&*self.diagnostic))
    }
}

/// Why no request was read.
#[derive(Debug)]
pub enum ReadError {
    /// The connection closed or stayed idle: nothing to answer.
    Closed,
    /// A malformed, oversized or too slow request: answer it, then close.
    Refused(Failure),
}

impl From<std::io::Error> for ReadError {
    fn from(_: std::io::Error) -> Self {
        ReadError::Closed
    }
}

fn refused(status: u16, message: impl Into<String>) -> ReadError {
    ReadError::Refused(Failure::message(status, message))
}

/// Reads one request from `input`, refusing bodies over `max_body` bytes and requests still
/// incomplete at `deadline`. `output` receives `100 Continue` when the client waits for it.
pub fn read_request(
    input: &mut impl BufRead,
    output: &mut impl Write,
    max_body: usize,
    deadline: Instant,
) -> Result<Request, ReadError> {
    let late = || Instant::now() > deadline;
    let mut head = Vec::new();
    while !(head.ends_with(b"\r\n\r\n") || head.ends_with(b"\n\n")) {
        let before = head.len();
        let room = (MAX_HEAD + 1).saturating_sub(before) as u64;
        let read = input.by_ref().take(room).read_until(b'\n', &mut head);
        match read {
            Ok(0) | Err(_) if before == 0 => return Err(ReadError::Closed),
            Ok(0) | Err(_) => return Err(refused(408, "the request ended before its headers did")),
            Ok(_) => {}
        }
        // Blank lines before a request are allowed (RFC 9112 §2.2).
        if head == b"\r\n" || head == b"\n" {
            head.clear();
        }
        if head.len() > MAX_HEAD {
            return Err(refused(
                431,
                format!("the request's headers are over {MAX_HEAD} bytes"),
            ));
        }
        if late() {
            return Err(refused(408, "the request took too long to arrive"));
        }
    }
    let mut slots = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut parsed = httparse::Request::new(&mut slots);
    match parsed.parse(&head) {
        Ok(httparse::Status::Complete(_)) => {}
        Ok(httparse::Status::Partial) => return Err(refused(400, "the request's head is incomplete")),
        Err(httparse::Error::TooManyHeaders) => {
            return Err(refused(
                431,
                format!("the request has over {MAX_HEADERS} headers"),
            ))
        }
        Err(e) => return Err(refused(400, format!("the request is not valid HTTP ({e})"))),
    }
    let mut request = Request {
        method: parsed.method.unwrap_or_default().to_owned(),
        target: parsed.path.unwrap_or_default().to_owned(),
        headers: parsed
            .headers
            .iter()
            .map(|h| (h.name.to_owned(), String::from_utf8_lossy(h.value).into_owned()))
            .collect(),
        body: Vec::new(),
        http11: parsed.version == Some(1),
    };
    let chunked = request
        .header("Transfer-Encoding")
        .is_some_and(|te| te.to_ascii_lowercase().contains("chunked"));
    let length = match request.header("Content-Length") {
        Some(_) if chunked => {
            return Err(refused(
                400,
                "the request has both Content-Length and Transfer-Encoding",
            ))
        }
        Some(value) => Some(
            value
                .trim()
                .parse::<usize>()
                .map_err(|_| refused(400, format!("Content-Length `{value}` is not a number")))?,
        ),
        None => None,
    };
    let too_large = |size: String| {
        ReadError::Refused(Failure::new(
            413,
            Diagnostic::error(format!(
                "the request body is {size}: the studio reads at most {max_body} bytes"
            ))
            .with_hint(
                "send the quote as JSON without embedded files; photos are paths in the template's folder",
            ),
        ))
    };
    if let Some(length) = length.filter(|&l| l > max_body) {
        return Err(too_large(format!("{length} bytes")));
    }
    let has_body = chunked || length.is_some_and(|l| l > 0);
    if has_body
        && request
            .header("Expect")
            .is_some_and(|e| e.eq_ignore_ascii_case("100-continue"))
    {
        output.write_all(b"HTTP/1.1 100 Continue\r\n\r\n")?;
        output.flush()?;
    }
    if chunked {
        loop {
            let mut line = String::new();
            input.by_ref().take(1024).read_line(&mut line)?;
            let size = line.trim().split(';').next().unwrap_or_default();
            let size = usize::from_str_radix(size, 16)
                .map_err(|_| refused(400, "the request's chunked body is malformed"))?;
            if size == 0 {
                // Trailers, up to the blank line.
                loop {
                    let mut trailer = String::new();
                    if input.by_ref().take(1024).read_line(&mut trailer)? == 0 || trailer.trim().is_empty() {
                        break;
                    }
                }
                break;
            }
            if request.body.len() + size > max_body {
                return Err(too_large("larger".into()));
            }
            let start = request.body.len();
            request.body.resize(start + size, 0);
            input.read_exact(&mut request.body[start..])?;
            let mut end = [0; 2];
            input.read_exact(&mut end)?;
            if late() {
                return Err(refused(408, "the request took too long to arrive"));
            }
        }
    } else if let Some(length) = length {
        request.body.resize(length, 0);
        input.read_exact(&mut request.body)?;
    }
    Ok(request)
}

/// Percent-encodes everything but unreserved characters (and `/` when `keep_slashes`), so UTF-8
/// text fits an ASCII header or a URL path.
pub fn percent_encode(text: &str, keep_slashes: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) || (keep_slashes && b == b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes `%XX` escapes; `None` for a bad escape or bytes that are not UTF-8.
pub fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn read(raw: &[u8], max_body: usize) -> (Result<Request, ReadError>, Vec<u8>) {
        let mut out = Vec::new();
        let deadline = Instant::now() + Duration::from_secs(60);
        let result = read_request(&mut &raw[..], &mut out, max_body, deadline);
        (result, out)
    }

    fn status(result: Result<Request, ReadError>) -> u16 {
        match result {
            Err(ReadError::Refused(f)) => f.status,
            Err(ReadError::Closed) => 0,
            Ok(_) => 200,
        }
    }

    #[test]
    fn reads_requests_with_and_without_bodies() {
        let (request, _) = read(b"\r\nGET /api/formats?x=1 HTTP/1.1\r\nHost: a\r\n\r\n", 10);
        let request = request.unwrap();
        assert_eq!((request.method.as_str(), request.path()), ("GET", "/api/formats"));
        assert!(request.keep_alive());
        let raw = b"POST /api/render HTTP/1.0\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\nhello";
        let (request, out) = read(raw, 10);
        let request = request.unwrap();
        assert_eq!(request.body, b"hello");
        assert!(!request.keep_alive());
        assert_eq!(out, b"HTTP/1.1 100 Continue\r\n\r\n");
        let raw =
            b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nhel\r\n2;x=y\r\nlo\r\n0\r\n\r\n";
        assert_eq!(read(raw, 10).0.unwrap().body, b"hello");
    }

    #[test]
    fn refuses_what_it_should_not_read() {
        assert_eq!(status(read(b"", 10).0), 0);
        assert_eq!(status(read(b"GET / HTTP/1.1\r\nHost: a\r\n", 10).0), 408);
        assert_eq!(
            status(read(b"POST / HTTP/1.1\r\nContent-Length: 11\r\n\r\n", 10).0),
            413
        );
        let chunked = b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n12345678\r\n8\r\n12345678\r\n0\r\n\r\n";
        assert_eq!(status(read(chunked, 10).0), 413);
        let both = b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n";
        assert_eq!(status(read(both, 10).0), 400);
        assert_eq!(
            status(read(b"GET / HTTP/1.1\r\nContent-Length: x\r\n\r\n", 10).0),
            400
        );
        assert_eq!(status(read(b"NOT HTTP AT ALL\r\n\r\n", 10).0), 400);
        let mut huge = b"GET / HTTP/1.1\r\n".to_vec();
        huge.extend(std::iter::repeat_n(b"X-A: b\r\n".as_slice(), 3000).flatten());
        assert_eq!(status(read(&huge, 10).0), 431);
        let past = Instant::now() - Duration::from_secs(1);
        let late = read_request(&mut &b"GET / HTTP/1.1\r\n\r\n"[..], &mut Vec::new(), 10, past);
        assert_eq!(status(late), 408);
    }

    #[test]
    fn responses_carry_their_length() {
        let mut out = Vec::new();
        Response::bytes(200, "text/plain", b"hi".to_vec())
            .with_header("X-Alt-Text", "a%20b")
            .write(&mut out, true, false)
            .unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"));
        assert!(text.ends_with("X-Alt-Text: a%20b\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nhi"));
    }

    #[test]
    fn percent_encoding_round_trips_utf8() {
        let alt = "Citation d’Aziz : « On converse. »";
        let encoded = percent_encode(alt, false);
        assert!(encoded.is_ascii());
        assert_eq!(percent_decode(&encoded).as_deref(), Some(alt));
        assert_eq!(percent_encode("assets/logo 1.svg", true), "assets/logo%201.svg");
        assert_eq!(percent_decode("%2e%2E/x").as_deref(), Some("../x"));
        assert_eq!(percent_decode("%zz"), None);
        assert_eq!(percent_decode("%C3"), None);
        assert_eq!(percent_decode("50%"), None);
    }
}
