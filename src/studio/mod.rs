//! `pullquote studio`: a local web page that shows a template on every format as it is edited,
//! and the render API the page uses (`POST /api/render`, `GET /api/formats`,
//! `GET /api/templates`).
//!
//! A small synchronous HTTP/1.1 server (a thread per connection, requests parsed by httparse);
//! renders on a pool of at most one thread per core; the template's folders watched (notify)
//! and every change pushed to open pages as server-sent events. Requests are stateless: the
//! template is the only state, and it is read from files.

mod api;
mod events;
mod files;
mod http;
mod pool;
mod render;
mod server;
mod state;
mod watch;

use crate::diagnostic::Diagnostic;
use crate::template::Template;
use std::io::Write;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// The port tried first when none is given; another free one is taken if it is in use.
pub const DEFAULT_PORT: u16 = 4321;
/// How long a request waits for its card before the studio answers 503.
const RENDER_BUDGET: Duration = Duration::from_secs(10);

/// How to start a studio.
#[derive(Debug, Clone)]
pub struct Options {
    /// A template file, or a built-in name.
    pub template: String,
    /// A transcript whose selected quotes the page shows.
    pub transcript: Option<PathBuf>,
    /// The brand's logo, drawn instead of every template's own, as `run --logo` draws it.
    pub logo: Option<PathBuf>,
    /// The address to listen on: loopback serves this machine only.
    pub host: IpAddr,
    /// `None`: [`DEFAULT_PORT`], else any free port. `Some(0)`: any free port.
    pub port: Option<u16>,
    /// Open the page in the default browser.
    pub open: bool,
    /// Render threads (at most the number of cores).
    pub jobs: Option<usize>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            template: crate::template::DEFAULT_TEMPLATE.to_owned(),
            transcript: None,
            logo: None,
            host: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: None,
            open: false,
            jobs: None,
        }
    }
}

/// Starts the studio and serves until the process ends. Prints the page's address on standard
/// output first; errors that stop it from starting are returned.
pub fn serve(options: &Options) -> Result<(), Box<Diagnostic>> {
    let subject = subject(&options.template)?;
    if let Some(transcript) = &options.transcript {
        if !transcript.is_file() {
            return Err(Box::new(Diagnostic::error(format!(
                "no transcript file `{}`",
                transcript.display()
            ))));
        }
    }
    if let Some(logo) = &options.logo {
        // Checked now, as `run` checks it: a typo stops the studio instead of blanking the page.
        Template::builtin(crate::template::DEFAULT_TEMPLATE)
            .and_then(|t| t.with_logo(logo))
            .map_err(|e| e.0)?;
    }
    let listener = bind(options.host, options.port)?;
    let port = listener.local_addr().map_or(0, |a| a.port());
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let context = Arc::new(server::Context {
        studio: state::Studio::new(subject, options.transcript.clone(), options.logo.clone()),
        hub: events::Hub::default(),
        pool: pool::Pool::new(options.jobs.unwrap_or(cores), RENDER_BUDGET),
        local_port: options.host.is_loopback().then_some(port),
    });
    let shown = match options.host {
        IpAddr::V4(ip) if ip.is_unspecified() => "127.0.0.1".to_owned(),
        IpAddr::V4(ip) => ip.to_string(),
        IpAddr::V6(ip) => format!("[{ip}]"),
    };
    let url = format!("http://{shown}:{port}/");
    println!("pullquote studio: {url}");
    let _ = std::io::stdout().flush();
    let current = context.studio.current();
    let what = match &current.error {
        Some(e) => format!("it does not load yet:\n{e}"),
        None => format!("watching {} files", current.files.len().max(1)),
    };
    eprintln!(
        "template `{}`, {what}\nrenders on {} threads; press Ctrl-C to stop",
        context.studio.subject.id(),
        context.pool.size()
    );
    if !options.host.is_loopback() {
        eprintln!(
            "{}",
            Diagnostic::warning(format!(
                "listening on {}: anyone who can reach it can render cards and read the template's folder",
                options.host
            ))
            .with_hint("put it behind a proxy or load balancer that controls access")
        );
    }
    let watched = context.studio.transcript.is_some() || context.studio.logo.is_some();
    if matches!(context.studio.subject, state::Subject::File { .. }) || watched {
        watch::spawn(context.clone()).map_err(|e| {
            Box::new(Diagnostic::error(format!(
                "cannot watch the template's files ({e})"
            )))
        })?;
    }
    if options.open {
        open_browser(&url);
    }
    server::run(context, listener);
    Ok(())
}

/// The template named on the command line: a built-in, or a file whose folder is served.
fn subject(spec: &str) -> Result<state::Subject, Box<Diagnostic>> {
    if Template::builtin_source(spec).is_some() {
        let name = Template::builtin_names()
            .into_iter()
            .find(|n| *n == spec)
            .expect("a built-in with a source has a name");
        return Ok(state::Subject::Builtin(name));
    }
    let path = PathBuf::from(spec);
    if !path.is_file() {
        // The CLI's message: a missing file, or a built-in name mistyped.
        return Err(Template::by_name_or_path(spec)
            .err()
            .map(|e| e.0)
            .unwrap_or_else(|| Box::new(Diagnostic::error(format!("no template file `{spec}`")))));
    }
    let folder = state::absolute_dir(&path);
    let root = files::Root::new(&folder).map_err(|e| {
        Box::new(Diagnostic::error(format!(
            "cannot open the template's folder `{}` ({e})",
            folder.display()
        )))
    })?;
    Ok(state::Subject::File { path, root })
}

fn bind(host: IpAddr, port: Option<u16>) -> Result<TcpListener, Box<Diagnostic>> {
    let attempt = |port: u16| TcpListener::bind(SocketAddr::new(host, port));
    let result = match port {
        Some(port) => attempt(port),
        None => attempt(DEFAULT_PORT).or_else(|_| attempt(0)),
    };
    result.map_err(|e| {
        Box::new(
            Diagnostic::error(format!(
                "cannot listen on {host}:{} ({e})",
                port.unwrap_or(DEFAULT_PORT)
            ))
            .with_hint("choose another port with --port, or --port 0 for any free one"),
        )
    })
}

/// Opens `url` with the system's handler; failing that, the address printed is enough.
fn open_browser(url: &str) {
    let command = if cfg!(target_os = "macos") {
        std::process::Command::new("open").arg(url).spawn()
    } else if cfg!(windows) {
        std::process::Command::new("cmd")
            .args(["/C", "start", "", url])
            .spawn()
    } else {
        std::process::Command::new("xdg-open").arg(url).spawn()
    };
    match command {
        // Reaped in the background so it does not linger as a zombie.
        Ok(mut child) => {
            std::thread::spawn(move || child.wait());
        }
        Err(e) => eprintln!("could not open a browser ({e}); open {url} yourself"),
    }
}
