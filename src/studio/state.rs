//! What the studio knows at any moment: its template as last loaded (or why the latest save did
//! not load), the quotes the page shows, and the files whose changes matter.

use super::events::Event;
use super::files::Root;
use crate::card::{CardRequest, Photo};
use crate::diagnostic::Diagnostic;
use crate::proof::{self, SAMPLES};
use crate::select::{self, SelectOptions};
use crate::template::{Template, FORMATS};
use crate::transcript::{self, Language, ReadOptions};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock, RwLock};
use std::time::{SystemTime, UNIX_EPOCH};

/// The template a studio shows.
#[derive(Debug, Clone)]
pub enum Subject {
    /// A file, reloaded when it or anything it uses changes; its folder is the one served.
    File {
        path: PathBuf,
        root: Root,
    },
    Builtin(&'static str),
}

impl Subject {
    /// How the API and the page name it: the file's name, or the built-in's.
    pub fn id(&self) -> String {
        match self {
            Subject::File { path, .. } => path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            Subject::Builtin(name) => (*name).to_owned(),
        }
    }

    pub fn root(&self) -> Option<&Root> {
        match self {
            Subject::File { root, .. } => Some(root),
            Subject::Builtin(_) => None,
        }
    }
}

/// The template as the page sees it.
#[derive(Debug, Clone, Default)]
pub struct Current {
    /// The last version that loaded: it keeps rendering while a save is broken.
    pub template: Option<Arc<Template>>,
    /// Why the latest save did not load.
    pub error: Option<Diagnostic>,
    /// Counts the versions that loaded; the page re-renders when it changes.
    pub generation: u64,
    pub warnings: Vec<Diagnostic>,
    /// Files read to make it (template chain and pictures).
    pub files: Vec<PathBuf>,
    fingerprint: String,
    /// When this state was reached, in ms since the Unix epoch.
    pub at: u64,
}

/// A quote the page sets on every format: a card request as the render API takes it back.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PageQuote {
    /// `sample` or `transcript`.
    pub group: &'static str,
    pub label: String,
    /// The quote, with `**` around its emphasis.
    pub text: String,
    pub speaker: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    pub lang: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kicker: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// The speaker's photo, as a path inside the template's folder (the only place the API
    /// reads photos from).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub photo: Option<String>,
}

impl PageQuote {
    /// `request` as the page shows it and sends it back to the render API, which makes the same
    /// request of it (a test below holds every field to that).
    fn new(group: &'static str, label: String, request: &CardRequest, root: Option<&Root>) -> PageQuote {
        PageQuote {
            group,
            label,
            text: request.markup(),
            speaker: request.speaker.name.clone(),
            role: request.speaker.role.clone(),
            organisation: request.speaker.organisation.clone(),
            lang: request.language.code(),
            title: request.title.clone(),
            kicker: request.kicker.clone(),
            date: request.date.clone(),
            outlet: request.outlet.clone(),
            photo: match (&request.speaker.photo, root) {
                (Some(Photo::File(path)), Some(root)) => root.relative(path),
                _ => None,
            },
        }
    }
}

/// The quotes of the command line's transcript, or why it could not be read.
#[derive(Debug, Clone, Default, Serialize)]
pub struct TranscriptQuotes {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    pub quotes: Vec<PageQuote>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<DiagnosticJson>,
}

/// A diagnostic as the page and API clients receive it: its parts, and the text the CLI prints.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DiagnosticJson {
    pub severity: crate::diagnostic::Severity,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_line: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    pub text: String,
}

impl From<&Diagnostic> for DiagnosticJson {
    fn from(d: &Diagnostic) -> Self {
        DiagnosticJson {
            severity: d.severity,
            message: d.message.clone(),
            file: d.file.as_ref().map(|f| f.display().to_string()),
            line: d.line,
            column: d.column,
            source_line: d.source_line.clone(),
            hint: d.hint.clone(),
            text: d.to_string(),
        }
    }
}

/// A file the page may link to.
#[derive(Debug, Clone, Serialize)]
struct FileJson {
    path: String,
    /// Where the studio serves it, if it is inside the template's folder.
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

/// The `state` event: everything the page shows about the template.
#[derive(Debug, Clone, Serialize)]
struct StateJson {
    template: String,
    name: Option<String>,
    generation: u64,
    loaded: bool,
    error: Option<DiagnosticJson>,
    warnings: Vec<DiagnosticJson>,
    files: Vec<FileJson>,
    at: u64,
}

/// Everything the server threads share.
pub struct Studio {
    pub subject: Subject,
    pub transcript: Option<PathBuf>,
    /// The brand's logo, drawn instead of every template's own (`--logo`, or the settings file's).
    pub logo: Option<PathBuf>,
    current: RwLock<Current>,
    quotes: RwLock<TranscriptQuotes>,
    builtins: OnceLock<BTreeMap<&'static str, Arc<Template>>>,
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

impl Studio {
    /// A studio for `subject`, loaded once; a file that does not load yet is shown as an error.
    pub fn new(subject: Subject, transcript: Option<PathBuf>, logo: Option<PathBuf>) -> Studio {
        let studio = Studio {
            subject,
            transcript,
            logo,
            current: RwLock::default(),
            quotes: RwLock::default(),
            builtins: OnceLock::new(),
        };
        studio.reload_template();
        studio.reload_quotes();
        studio
    }

    pub fn current(&self) -> Current {
        self.current.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Loads the template again; the event to send when what the page shows changed.
    pub fn reload_template(&self) -> Option<Event> {
        let loaded = match &self.subject {
            Subject::File { path, .. } => Template::load(path),
            Subject::Builtin(name) => Template::builtin(name),
        }
        .and_then(|t| self.branded(t));
        let mut current = self.current.write().unwrap_or_else(|p| p.into_inner());
        match loaded {
            Ok(template) => {
                let fingerprint = template.fingerprint();
                if current.error.is_none() && current.template.is_some() && fingerprint == current.fingerprint
                {
                    return None;
                }
                current.warnings = proof::layout_warnings(&template, FORMATS);
                current.files = template.source_files();
                current.template = Some(Arc::new(template));
                current.fingerprint = fingerprint;
                current.error = None;
                current.generation += 1;
            }
            Err(e) => {
                if current.error.as_ref() == Some(&e.0) {
                    return None;
                }
                current.error = Some(*e.0);
            }
        }
        current.at = now_ms();
        Some(self.state_event(&current))
    }

    /// `template` with the brand's logo, as `run` and `render` draw it.
    fn branded(&self, template: Template) -> Result<Template, crate::template::TemplateError> {
        match &self.logo {
            Some(logo) => template.with_logo(logo),
            None => Ok(template),
        }
    }

    /// The `state` event for what is loaded now.
    pub fn state(&self) -> Event {
        self.state_event(&self.current.read().unwrap_or_else(|p| p.into_inner()))
    }

    fn state_event(&self, current: &Current) -> Event {
        let root = self.subject.root();
        let files = current
            .files
            .iter()
            .map(|f| {
                let inside = root.and_then(|r| r.relative(f));
                FileJson {
                    path: inside.clone().unwrap_or_else(|| f.display().to_string()),
                    url: inside.map(|p| format!("/files/{}", super::http::percent_encode(&p, true))),
                }
            })
            .collect();
        Event::new(
            "state",
            &StateJson {
                template: self.subject.id(),
                name: current.template.as_ref().map(|t| t.name.clone()),
                generation: current.generation,
                loaded: current.template.is_some(),
                error: current.error.as_ref().map(DiagnosticJson::from),
                warnings: current.warnings.iter().map(DiagnosticJson::from).collect(),
                files,
                at: current.at,
            },
        )
    }

    /// Reads the transcript again, if there is one; the `quotes` event to send.
    pub fn reload_quotes(&self) -> Option<Event> {
        let path = self.transcript.as_ref()?;
        let quotes = transcript_quotes(path, self.subject.root());
        *self.quotes.write().unwrap_or_else(|p| p.into_inner()) = quotes;
        Some(self.quotes_event())
    }

    /// The `quotes` event: the samples, then the transcript's quotes.
    pub fn quotes_event(&self) -> Event {
        let transcript = self.quotes.read().unwrap_or_else(|p| p.into_inner()).clone();
        Event::new(
            "quotes",
            &serde_json::json!({ "samples": samples(), "transcript": transcript }),
        )
    }

    /// Directories whose changes may concern the page.
    pub fn watched_dirs(&self) -> Vec<PathBuf> {
        let mut files = self.current().files;
        if let Subject::File { path, .. } = &self.subject {
            files.push(path.clone());
        }
        files.extend(self.transcript.clone());
        files.extend(self.logo.clone());
        let mut dirs: Vec<PathBuf> = files.iter().map(|f| absolute_dir(f)).collect();
        dirs.sort();
        dirs.dedup();
        dirs
    }

    /// A template the API may render (this studio's own, or a built-in), with the generation
    /// of the studio's template it belongs to (0 for a built-in).
    pub fn template(&self, id: Option<&str>) -> Result<(Arc<Template>, u64), Box<Diagnostic>> {
        let own = self.subject.id();
        if id.is_none_or(|id| id == own) {
            let current = self.current.read().unwrap_or_else(|p| p.into_inner());
            return match &current.template {
                Some(template) => Ok((template.clone(), current.generation)),
                None => Err(Box::new(
                    Diagnostic::error(format!("template `{own}` has not loaded yet"))
                        .with_hint("fix the error the studio shows, then render again"),
                )),
            };
        }
        let id = id.unwrap_or_default();
        let builtins = self.builtins.get_or_init(|| {
            Template::builtin_names()
                .into_iter()
                .filter_map(|name| {
                    let template = Template::builtin(name).and_then(|t| self.branded(t)).ok()?;
                    Some((name, Arc::new(template)))
                })
                .collect()
        });
        builtins.get(id).map(|t| (t.clone(), 0)).ok_or_else(|| {
            let ids = self.template_ids();
            let names: Vec<&str> = ids.iter().map(String::as_str).collect();
            Box::new(
                Diagnostic::error(format!(
                    "no template `{id}` in this studio{}",
                    crate::template::suggest::did_you_mean(id, &names)
                ))
                .with_hint(format!("templates: {}", names.join(", "))),
            )
        })
    }

    /// The studio's template first, then the built-ins.
    pub fn template_ids(&self) -> Vec<String> {
        let own = self.subject.id();
        let mut ids = vec![own.clone()];
        ids.extend(
            Template::builtin_names()
                .into_iter()
                .filter(|n| *n != own)
                .map(str::to_owned),
        );
        ids
    }
}

/// The folder of `file` as an absolute path, as file watchers report it.
pub fn absolute_dir(file: &Path) -> PathBuf {
    let dir = match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::canonicalize(&dir).unwrap_or(dir)
}

fn samples() -> Vec<PageQuote> {
    SAMPLES
        .iter()
        .map(|s| {
            let language = match s.language {
                Language::French => "French",
                Language::English => "English",
            };
            PageQuote::new("sample", format!("{} · {language}", s.name), &s.request(), None)
        })
        .collect()
}

/// The quotes selected from the transcript at `path`, each the request `run` would draw.
fn transcript_quotes(path: &Path, root: Option<&Root>) -> TranscriptQuotes {
    let file = Some(path.display().to_string());
    let transcript = match transcript::read(path, &ReadOptions::default()) {
        Ok(t) => t,
        Err(e) => {
            return TranscriptQuotes {
                file,
                quotes: Vec::new(),
                error: Some(DiagnosticJson::from(&e.to_diagnostic())),
            }
        }
    };
    let selection = select::select(&transcript, &SelectOptions::default());
    let quotes = selection
        .quotes
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let request = CardRequest::from_selection(q, &transcript);
            let label = format!("quote {} · {}", i + 1, q.speaker.name);
            PageQuote::new("transcript", label, &request, root)
        })
        .collect();
    TranscriptQuotes {
        file,
        quotes,
        error: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn studio(yaml: &str) -> (tempfile::TempDir, Studio) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("brand.yaml");
        std::fs::write(&path, yaml).unwrap();
        let root = Root::new(dir.path()).unwrap();
        (dir, Studio::new(Subject::File { path, root }, None, None))
    }

    #[test]
    fn a_broken_save_keeps_the_last_template_that_loaded() {
        let (dir, studio) = studio("extends: paper\n");
        let first = studio.current();
        assert_eq!((first.generation, first.error.is_none()), (1, true));
        // Saving the same content changes nothing the page shows.
        assert_eq!(studio.reload_template(), None);

        std::fs::write(dir.path().join("brand.yaml"), "extends: paper\nbrnad: {}\n").unwrap();
        let event = studio.reload_template().unwrap();
        assert!(event.data.contains("\"loaded\":true"), "{}", event.data);
        let broken = studio.current();
        assert_eq!(broken.generation, 1);
        let error = broken.error.unwrap();
        assert_eq!((error.line, error.file.is_some()), (Some(2), true));
        assert!(studio.template(Some("brand.yaml")).is_ok());
        assert_eq!(studio.reload_template(), None, "the same error is not sent twice");

        std::fs::write(
            dir.path().join("brand.yaml"),
            "extends: paper\nbrand: { palette: { ink: \"#000000\" } }\n",
        )
        .unwrap();
        assert!(studio.reload_template().is_some());
        let fixed = studio.current();
        assert_eq!((fixed.generation, fixed.error.is_none()), (2, true));
    }

    #[test]
    fn the_api_renders_the_studio_s_template_and_the_built_ins_only() {
        let (_dir, studio) = studio("name: brand\nextends: paper\n");
        assert_eq!(studio.template(None).unwrap().0.name, "brand");
        assert_eq!(studio.template(Some("bold")).unwrap().0.name, "bold");
        let e = studio.template(Some("../brand.yaml")).err().unwrap();
        assert!(e.message.starts_with("no template `../brand.yaml`"), "{e}");
        let e = studio.template(Some("papr")).err().unwrap();
        assert!(e.message.contains("did you mean `paper`?"), "{e}");
        assert_eq!(
            studio.template_ids()[..2],
            ["brand.yaml".to_owned(), "paper".to_owned()]
        );
    }

    #[test]
    fn every_quote_the_page_shows_comes_back_from_the_api_as_the_same_request() {
        let (dir, studio) = studio("name: brand\nextends: bold\n");
        image::RgbImage::from_pixel(40, 50, image::Rgb([200, 120, 90]))
            .save(dir.path().join("aziz.png"))
            .unwrap();
        let path = dir.path().join("talk.txt");
        std::fs::write(
            &path,
            "---\ntitle: Les réseaux\ndate: 12 mars 2024\nsource: La Gazette\nspeakers:\n  AO:\n    name: Aziz Oulhiyane\n    role: responsable\n    photo: aziz.png\n---\nQ: Pourquoi ?\nAO: Nous n’avons jamais autant parlé avec les habitants, et c’est bien mieux ainsi pour tout le monde.\n",
        )
        .unwrap();
        let transcript = transcript::read(&path, &ReadOptions::default()).unwrap();
        let selection = select::select(&transcript, &SelectOptions::default());
        let from_run = CardRequest::from_selection(&selection.quotes[0], &transcript);
        assert!(!from_run.emphasis.is_empty() && from_run.speaker.photo.is_some());
        let page = transcript_quotes(&path, studio.subject.root());
        assert_eq!(page.quotes[0].photo.as_deref(), Some("aziz.png"));
        let mut pairs = vec![(page.quotes[0].clone(), from_run)];
        pairs.extend(samples().into_iter().zip(SAMPLES.iter().map(|s| s.request())));
        for (quote, mut expected) in pairs {
            let mut body = serde_json::to_value(&quote).unwrap();
            let fields = body.as_object_mut().unwrap();
            fields.remove("group");
            fields.remove("label");
            fields.insert("format".into(), "story".into());
            let Ok(job) = crate::studio::api::parse(&studio, body.to_string().as_bytes()) else {
                panic!("refused {body}");
            };
            let mut request = job.request;
            // The API reads the photo's bytes from the template's folder; `run`, the file.
            assert_eq!(request.speaker.photo.is_some(), expected.speaker.photo.is_some());
            (request.speaker.photo, expected.speaker.photo) = (None, None);
            assert_eq!(request, expected, "{body}");
        }
    }
}
