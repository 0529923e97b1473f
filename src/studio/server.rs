//! The server: one thread accepts connections, each connection gets a thread (at most
//! [`MAX_CONNECTIONS`] at once, each with timeouts), and each request goes to the page, the
//! API, the event stream or a file of the template's folder. Renders run on the bounded pool.

use super::api;
use super::events::Hub;
use super::files::Refused;
use super::http::{percent_decode, read_request, Failure, ReadError, Request, Response};
use super::pool::{Pool, PoolError};
use super::state::Studio;
use crate::diagnostic::Diagnostic;
use std::io::BufReader;
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The page, embedded: no build step, nothing fetched from elsewhere.
const INDEX: &str = include_str!("page/index.html");
const SCRIPT: &str = include_str!("page/studio.js");
const STYLE: &str = include_str!("page/studio.css");

/// The page may talk to this server only, and show images it made.
const PAGE_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
/// Files of the template's folder are shown, never run: an SVG's scripts stay inert.
const FILE_POLICY: &str = "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'";

/// Largest template-folder file served, in bytes.
const MAX_FILE: u64 = 50 * 1024 * 1024;
/// Connections served at once; more are answered 503 and closed.
const MAX_CONNECTIONS: usize = 64;
/// How long a connection may stay idle between requests, and how long one request may take to
/// arrive once it has started.
const IDLE: Duration = Duration::from_secs(30);
const REQUEST_TIME: Duration = Duration::from_secs(30);

/// What every connection thread shares.
pub struct Context {
    pub studio: Studio,
    pub hub: Hub,
    pub pool: Pool,
    /// When listening on loopback only: the port, and requests must name a local host, so a
    /// web page elsewhere cannot reach the studio through DNS rebinding.
    pub local_port: Option<u16>,
}

/// Serves connections until the process ends.
pub fn run(context: Arc<Context>, listener: TcpListener) {
    let open = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        let mut stream = match stream {
            Ok(stream) => stream,
            // Out of file descriptors, or a client that left during the handshake: the
            // server itself is fine, so it keeps accepting after a breath.
            Err(_) => {
                std::thread::sleep(Duration::from_millis(50));
                continue;
            }
        };
        if open.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            open.fetch_sub(1, Ordering::SeqCst);
            let busy = Failure::message(
                503,
                format!("the studio is serving {MAX_CONNECTIONS} connections"),
            );
            let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
            let _ = busy
                .reply()
                .with_header("Retry-After", "1")
                .write(&mut stream, false, false);
            continue;
        }
        let (context, count) = (context.clone(), open.clone());
        let spawned = std::thread::Builder::new()
            .name("studio-connection".into())
            .spawn(move || {
                connection(&context, stream);
                count.fetch_sub(1, Ordering::SeqCst);
            });
        if spawned.is_err() {
            open.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

/// Answers the requests of one connection until it closes.
fn connection(context: &Context, stream: TcpStream) {
    let _ = stream.set_nodelay(true);
    let _ = stream.set_read_timeout(Some(IDLE));
    let _ = stream.set_write_timeout(Some(IDLE));
    let Ok(input) = stream.try_clone() else {
        return;
    };
    let mut input = BufReader::new(input);
    let mut output = stream;
    loop {
        let deadline = Instant::now() + IDLE + REQUEST_TIME;
        let request = match read_request(&mut input, &mut output, api::MAX_BODY, deadline) {
            Ok(request) => request,
            Err(ReadError::Closed) => return,
            Err(ReadError::Refused(failure)) => {
                let _ = failure.reply().write(&mut output, false, false);
                return;
            }
        };
        let keep_alive = request.keep_alive();
        let head_only = request.method == "HEAD";
        if request.method == "GET" && request.path() == "/api/events" {
            if let Some(failure) = foreign_host(context, &request) {
                let _ = failure.reply().write(&mut output, false, false);
                return;
            }
            let first = [context.studio.state(), context.studio.quotes_event()];
            if let Err(mut output) = context.hub.subscribe(Box::new(output), &first) {
                let busy = Failure::message(503, "too many pages are open on this studio");
                let _ = busy
                    .reply()
                    .with_header("Retry-After", "5")
                    .write(&mut output, false, false);
            }
            return;
        }
        let response = handle(context, &request);
        if response.write(&mut output, keep_alive, head_only).is_err() || !keep_alive {
            return;
        }
    }
}

fn handle(context: &Context, request: &Request) -> Response {
    if let Some(failure) = foreign_host(context, request) {
        return failure.reply();
    }
    let path = request.path();
    let get = matches!(request.method.as_str(), "GET" | "HEAD");
    match path {
        "/" | "/index.html" if get => page("text/html; charset=utf-8", INDEX),
        "/studio.js" if get => page("text/javascript; charset=utf-8", SCRIPT),
        "/studio.css" if get => page("text/css; charset=utf-8", STYLE),
        "/api/formats" if get => api::formats(),
        "/api/templates" if get => api::templates(&context.studio),
        "/api/state" if get => json_text(context.studio.state().data),
        "/api/quotes" if get => json_text(context.studio.quotes_event().data),
        "/api/render" if request.method == "POST" => render(context, request).unwrap_or_else(|failure| {
            let reply = failure.reply();
            if failure.status == 503 {
                reply.with_header("Retry-After", "1")
            } else {
                reply
            }
        }),
        "/api/render" => not_allowed("POST"),
        "/" | "/index.html" | "/studio.js" | "/studio.css" | "/api/formats" | "/api/templates"
        | "/api/state" | "/api/quotes" | "/api/events" => not_allowed("GET"),
        _ => match path.strip_prefix("/files/") {
            Some(file) if get => serve_file(context, file).unwrap_or_else(|f| f.reply()),
            Some(_) => not_allowed("GET"),
            None => Failure::message(404, format!("no such page or API: `{path}`")).reply(),
        },
    }
}

fn page(content_type: &str, text: &str) -> Response {
    Response::bytes(200, content_type, text.as_bytes().to_vec())
        .with_header("Content-Security-Policy", PAGE_POLICY)
}

fn json_text(json: String) -> Response {
    Response::bytes(200, "application/json; charset=utf-8", json.into_bytes())
}

fn not_allowed(allow: &str) -> Response {
    Failure::message(405, format!("this URL answers {allow} only"))
        .reply()
        .with_header("Allow", allow)
}

fn foreign_host(context: &Context, request: &Request) -> Option<Failure> {
    let port = context.local_port?;
    let host = request.header("Host").map(str::to_ascii_lowercase);
    let local = ["127.0.0.1", "localhost", "[::1]"]
        .iter()
        .any(|name| host.as_deref() == Some(&format!("{name}:{port}")));
    (!local).then(|| {
        Failure::new(
            403,
            Diagnostic::error(format!(
                "this studio answers requests for 127.0.0.1:{port} and localhost:{port} only"
            ))
            .with_hint("open the address the studio printed; to serve other hosts, start it with --host"),
        )
    })
}

fn render(context: &Context, request: &Request) -> Result<Response, Failure> {
    let json = request
        .header("Content-Type")
        .is_some_and(|t| t.to_ascii_lowercase().starts_with("application/json"));
    if !json {
        return Err(Failure::new(
            415,
            Diagnostic::error("a card request must be sent as JSON")
                .with_hint("set the header `Content-Type: application/json`"),
        ));
    }
    let job = api::parse(&context.studio, &request.body)?;
    let generation = job.generation;
    let started = Instant::now();
    match context.pool.run(move || job.render()) {
        Ok(Ok(rendered)) => Ok(api::reply(
            rendered,
            generation,
            started.elapsed().as_secs_f64() * 1000.0,
        )),
        Ok(Err(diagnostic)) => Err(Failure::new(422, diagnostic)),
        Err(PoolError::Busy) => Err(Failure::new(
            503,
            Diagnostic::error(format!(
                "every render thread is busy ({} at once)",
                context.pool.size()
            ))
            .with_hint("retry in a moment, or run more copies of the studio"),
        )),
        Err(PoolError::TimedOut(budget)) => Err(Failure::message(
            503,
            format!("the card took longer than {} s to render", budget.as_secs()),
        )),
        Err(PoolError::Panicked(message)) => Err(Failure::message(
            500,
            format!("internal error while making this card ({message})"),
        )),
    }
}

fn serve_file(context: &Context, encoded: &str) -> Result<Response, Failure> {
    let root =
        context.studio.subject.root().ok_or_else(|| {
            Failure::message(404, "this studio shows a built-in template: it serves no files")
        })?;
    let path = percent_decode(encoded)
        .ok_or_else(|| Failure::message(400, format!("`{encoded}` is not a valid URL path")))?;
    let bytes = root.read(&path, MAX_FILE).map_err(|refused| {
        let status = match refused {
            Refused::NotFound => 404,
            Refused::TooLarge { .. } => 413,
            Refused::Unreadable(_) => 500,
            Refused::BadPath | Refused::Outside | Refused::NotAFile | Refused::Hidden => 403,
        };
        Failure::message(status, refused.message(&path))
    })?;
    let extension = path.rsplit('.').next().unwrap_or_default().to_ascii_lowercase();
    let content_type = match extension.as_str() {
        "yaml" | "yml" | "txt" | "md" => "text/plain; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        _ => "application/octet-stream",
    };
    Ok(Response::bytes(200, content_type, bytes).with_header("Content-Security-Policy", FILE_POLICY))
}
