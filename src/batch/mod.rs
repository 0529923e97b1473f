//! The batch pipeline: every selected quote of every interview × every format, rendered in
//! parallel and written atomically with a manifest, alt text and a contact sheet. One failing
//! card never stops the others; unchanged cards are skipped on rerun.

pub mod contact_sheet;
pub mod inputs;
pub mod manifest;
pub mod output;
mod timings;

pub use timings::{Stage, Timings};

use crate::diagnostic::Diagnostic;
use crate::encode::{self, EncodeError, ImageKind, Metadata};
use crate::fingerprint::{file_hash, Fingerprint};
use crate::render;
use crate::select::review::QuotesFile;
use crate::select::{self, Quote, QuoteKind, QuoteSpeaker, SelectOptions};
use crate::template::{CardContent, Format, Layout, Template, TemplateError};
use crate::transcript::{self, ReadOptions, Speaker, Transcript};
use crate::typeset::{self, Card, FontBook, TypesetError};
use contact_sheet::{MissingCard, Section};
use image::RgbImage;
use manifest::{alt_text, CardEntry, InterviewEntry, Manifest, PreviousRun, QuoteEntry};
use output::{alt_text_path, remove_stale_temporaries, write_atomic, Written};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Instant;

/// How cards are written.
#[derive(Debug, Clone)]
pub struct OutputOptions {
    pub kind: ImageKind,
    /// Replace files that differ from what a previous run wrote.
    pub force: bool,
    /// Decide what would be written, and write nothing.
    pub dry_run: bool,
}

impl Default for OutputOptions {
    fn default() -> Self {
        OutputOptions {
            kind: ImageKind::Png,
            force: false,
            dry_run: false,
        }
    }
}

/// What `run` will do; every path, format and template is already resolved.
#[derive(Debug, Clone)]
pub struct Plan {
    pub inputs: Vec<PathBuf>,
    pub output_dir: PathBuf,
    pub formats: Vec<Format>,
    pub template: Template,
    pub select: SelectOptions,
    pub read: ReadOptions,
    pub output: OutputOptions,
    /// Quotes to render as they are (a quotes file), instead of selecting them from `inputs`.
    pub quotes: Option<QuotesInput>,
}

/// A quotes file (from `extract -o`, perhaps edited) and the warnings met reading it.
#[derive(Debug, Clone)]
pub struct QuotesInput {
    pub path: PathBuf,
    pub file: QuotesFile,
    pub warnings: Vec<Diagnostic>,
}

impl QuotesInput {
    /// The output folder's name: the transcript's file stem, else the quotes file's.
    fn slug(&self) -> String {
        let stem = |p: &Path| p.file_stem().map(|s| s.to_string_lossy().into_owned());
        let base = self
            .file
            .source
            .as_deref()
            .and_then(|s| stem(Path::new(s)))
            .or_else(|| stem(&self.path));
        let slug = crate::slug::slugify(&base.unwrap_or_default());
        if slug.is_empty() {
            "interview".to_owned()
        } else {
            slug
        }
    }
}

/// The people credited by `quotes`, each once, in order of appearance.
fn credited_speakers(quotes: &[Quote]) -> Vec<Speaker> {
    let mut speakers: Vec<Speaker> = Vec::new();
    for q in quotes {
        if !speakers.iter().any(|s| s.name == q.speaker.name) {
            speakers.push(Speaker {
                label: q.speaker.label.clone(),
                name: q.speaker.name.clone(),
                role: q.speaker.role.clone(),
                organisation: q.speaker.organisation.clone(),
                photo: None,
            });
        }
    }
    speakers
}

/// Why one card could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum CardError {
    #[error(transparent)]
    Template(#[from] TemplateError),
    #[error(transparent)]
    Typeset(#[from] TypesetError),
    #[error("failed to encode the image ({0})")]
    Encode(#[from] EncodeError),
    #[error("failed to write `{}` ({source})", path.display())]
    Write { path: PathBuf, source: std::io::Error },
    #[error("`{}` already exists and is not the file pullquote wrote there; it is left as it is", path.display())]
    Exists { path: PathBuf },
    #[error("internal error while making this card ({0})")]
    Internal(String),
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into())
}

impl CardError {
    pub fn hint(&self) -> Option<String> {
        match self {
            CardError::Typeset(e) => Some(e.hint()),
            CardError::Exists { .. } => {
                Some("pass --force to replace it, or choose another output folder".into())
            }
            CardError::Encode(EncodeError::OverCap { .. }) => {
                Some("use a template with fewer photographic details for this format".into())
            }
            _ => None,
        }
    }
}

impl From<image::ImageError> for CardError {
    fn from(e: image::ImageError) -> Self {
        CardError::Encode(EncodeError::Image(e))
    }
}

/// A card that could not be written, and why.
#[derive(Debug)]
pub struct Failure {
    pub source: PathBuf,
    pub rank: usize,
    pub format: String,
    pub error: CardError,
}

/// What happened, or would happen, to one card file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Created,
    Replaced,
    /// The file already held this card.
    Unchanged,
    /// Dry run: the file would be created.
    WouldCreate,
    /// Dry run: the file would be replaced.
    WouldReplace,
    /// Dry run: the file exists, was not written by pullquote, and would be left alone.
    WouldConflict,
}

#[derive(Debug, Clone)]
pub struct Outcome {
    pub path: PathBuf,
    pub format: String,
    pub status: Status,
}

/// What a run did.
#[derive(Debug, Default)]
pub struct Report {
    pub outcomes: Vec<Outcome>,
    pub manifests: Vec<PathBuf>,
    pub contact_sheet: Option<PathBuf>,
    pub failures: Vec<Failure>,
    /// Interviews that could not be read at all.
    pub unreadable: Vec<(PathBuf, transcript::ReadError)>,
    pub diagnostics: Vec<Diagnostic>,
    pub timings: Timings,
}

impl Report {
    pub fn count(&self, status: Status) -> usize {
        self.outcomes.iter().filter(|o| o.status == status).count()
    }

    pub fn cards_written(&self) -> usize {
        self.count(Status::Created) + self.count(Status::Replaced) + self.count(Status::Unchanged)
    }

    /// Every card was written (or would be).
    pub fn is_success(&self) -> bool {
        self.failures.is_empty() && self.unreadable.is_empty()
    }
}

/// Told about progress while cards are made; the library never prints.
pub trait Progress: Sync {
    fn begin(&self, _cards: usize) {}
    fn card_done(&self) {}
    fn finish(&self) {}
}

/// Reports nothing.
pub struct Silent;

impl Progress for Silent {}

/// A card to make in one or more formats.
#[derive(Debug, Clone)]
pub struct CardSpec {
    /// File name without the format and extension: `q01-aziz-oulhiyane`.
    pub stem: String,
    pub quote: QuoteEntry,
    pub speaker: QuoteSpeaker,
    pub content: CardContent,
    /// Index into the work's templates.
    pub template: usize,
    /// Indices into the work's formats.
    pub formats: Vec<usize>,
}

/// Cards that share a folder and a manifest: one interview, one sheet or one quote.
#[derive(Debug, Clone)]
pub struct Group {
    pub dir: PathBuf,
    pub source: PathBuf,
    pub interview: InterviewEntry,
    pub cards: Vec<CardSpec>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Everything to make in one run.
pub struct Work<'a> {
    pub groups: Vec<Group>,
    pub templates: Vec<&'a Template>,
    pub formats: Vec<Format>,
    pub output: OutputOptions,
    /// Where the contact sheet goes.
    pub root: PathBuf,
    pub title: String,
}

/// What a card for `quote` says.
pub fn card_content(quote: &Quote, transcript: &Transcript) -> CardContent {
    content_with_title(quote, transcript.title.clone())
}

/// What a card for `quote` says, under the interview title `title`.
pub fn content_with_title(quote: &Quote, title: Option<String>) -> CardContent {
    CardContent {
        quote: quote.text.clone(),
        speaker_name: quote.speaker.name.clone(),
        role: quote.speaker.role.clone(),
        organisation: quote.speaker.organisation.clone(),
        title,
        language: quote.language,
        ..CardContent::default()
    }
}

/// Lays out, paints and encodes one card as a PNG without metadata.
pub fn render_card(
    template: &Template,
    format: &Format,
    content: &CardContent,
    fonts: &FontBook,
) -> Result<(Vec<u8>, Card), CardError> {
    let layout = template.resolve(format, fonts)?;
    let card = typeset::compose(&layout, content, fonts)?;
    let png = encode::png(&render::render(&card, fonts))?;
    Ok((png, card))
}

/// Cards for `quotes`, ranked in order, each in every one of `formats` formats.
fn quote_cards(quotes: &[Quote], title: Option<String>, formats: usize) -> Vec<CardSpec> {
    quotes
        .iter()
        .enumerate()
        .map(|(i, quote)| CardSpec {
            stem: format!("q{:02}-{}", i + 1, crate::slug::slugify(&quote.speaker.name)),
            quote: QuoteEntry::new(i + 1, quote),
            speaker: quote.speaker.clone(),
            content: content_with_title(quote, title.clone()),
            template: 0,
            formats: (0..formats).collect(),
        })
        .collect()
}

/// One interview's cards: every selected quote in every format of the plan.
pub fn interview_group(
    transcript: &Transcript,
    quotes: &[Quote],
    source: &Path,
    dir: PathBuf,
    formats: usize,
) -> Group {
    Group {
        dir,
        source: source.to_path_buf(),
        interview: InterviewEntry {
            source: source.display().to_string(),
            slug: transcript.slug(),
            language: Some(transcript.language),
            speakers: transcript.speakers.clone(),
        },
        cards: quote_cards(quotes, transcript.title.clone(), formats),
        diagnostics: transcript.diagnostics.clone(),
    }
}

/// The cards of a quotes file's enabled quotes, written into `dir`.
pub fn quotes_group(input: &QuotesInput, dir: PathBuf, formats: usize) -> Group {
    let quotes = input.file.enabled_quotes();
    Group {
        dir,
        source: input.path.clone(),
        interview: InterviewEntry {
            source: input.path.display().to_string(),
            slug: input.slug(),
            language: Some(input.file.language()),
            speakers: credited_speakers(&quotes),
        },
        cards: quote_cards(&quotes, input.file.title.clone(), formats),
        diagnostics: input.warnings.clone(),
    }
}

/// An interview read and its quotes selected.
type Prepared = (Transcript, select::Selection);

/// Reads, selects and renders every input of `plan`.
pub fn run(plan: &Plan, progress: &dyn Progress) -> Report {
    let timings = Timings::default();
    let prepared: Vec<(PathBuf, Result<Prepared, transcript::ReadError>)> = plan
        .inputs
        .par_iter()
        .map(|input| {
            let started = Instant::now();
            let read = transcript::read(input, &plan.read);
            timings.add(Stage::Read, started);
            let result = read.map(|t| {
                let started = Instant::now();
                let selection = select::select(&t, &plan.select);
                timings.add(Stage::Select, started);
                (t, selection)
            });
            (input.clone(), result)
        })
        .collect();
    let mut unreadable = Vec::new();
    let mut groups = Vec::new();
    if let Some(quotes) = &plan.quotes {
        groups.push(quotes_group(
            quotes,
            plan.output_dir.join(quotes.slug()),
            plan.formats.len(),
        ));
    }
    for (input, result) in prepared {
        match result {
            Ok((transcript, selection)) => {
                let dir = plan.output_dir.join(transcript.slug());
                let mut group =
                    interview_group(&transcript, &selection.quotes, &input, dir, plan.formats.len());
                group
                    .diagnostics
                    .extend(selection.diagnostics.into_iter().map(|d| d.in_file(&input)));
                groups.push(group);
            }
            Err(e) => unreadable.push((input, e)),
        }
    }
    let work = Work {
        groups,
        templates: vec![&plan.template],
        formats: plan.formats.clone(),
        output: plan.output.clone(),
        root: plan.output_dir.clone(),
        title: "pullquote contact sheet".into(),
    };
    let mut report = execute(&work, progress);
    report.unreadable = unreadable;
    report.timings.merge(&timings);
    report
}

/// A card job: which group, card and format.
#[derive(Debug, Clone, Copy)]
struct Job {
    group: usize,
    card: usize,
    format: usize,
}

/// What a finished job contributes to its manifest.
struct Done {
    outcome: Outcome,
    entry: Option<CardEntry>,
}

/// Renders and writes every card of `work`.
pub fn execute(work: &Work, progress: &dyn Progress) -> Report {
    let fonts = FontBook::embedded();
    let timings = Timings::default();
    let mut report = Report::default();

    // Resolve each template once per format: layouts do not depend on the quote.
    let started = Instant::now();
    let mut layouts: BTreeMap<(usize, usize), Result<Layout, TemplateError>> = BTreeMap::new();
    for group in &work.groups {
        for card in &group.cards {
            for &format in &card.formats {
                layouts
                    .entry((card.template, format))
                    .or_insert_with(|| work.templates[card.template].resolve(&work.formats[format], fonts));
            }
        }
    }
    timings.add(Stage::Resolve, started);

    // The pixels every card of a layout shares (background, photo, scrims), painted once.
    let layout_pixels: BTreeMap<(usize, usize), OnceLock<RgbImage>> =
        layouts.keys().map(|&key| (key, OnceLock::new())).collect();
    let previous: Vec<PreviousRun> = work.groups.iter().map(|g| PreviousRun::load(&g.dir)).collect();
    if !work.output.dry_run {
        for group in &work.groups {
            remove_stale_temporaries(&group.dir);
        }
    }
    let jobs: Vec<Job> = work
        .groups
        .iter()
        .enumerate()
        .flat_map(|(g, group)| {
            group.cards.iter().enumerate().flat_map(move |(c, card)| {
                card.formats.iter().map(move |&f| Job {
                    group: g,
                    card: c,
                    format: f,
                })
            })
        })
        .collect();
    progress.begin(jobs.len());
    let results: Vec<Result<Done, CardError>> = jobs
        .par_iter()
        .map(|job| {
            // A bug met by one card must not take the whole batch down with it.
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                let shared = Shared {
                    layouts: &layouts,
                    layout_pixels: &layout_pixels,
                    fonts,
                    timings: &timings,
                };
                make_card(work, *job, &shared, &previous[job.group])
            }))
            .unwrap_or_else(|panic| Err(CardError::Internal(panic_message(panic.as_ref()))));
            progress.card_done();
            result
        })
        .collect();
    progress.finish();

    let mut entries: Vec<Vec<CardEntry>> = vec![Vec::new(); work.groups.len()];
    let mut missing: Vec<Vec<MissingCard>> = (0..work.groups.len()).map(|_| Vec::new()).collect();
    for (job, result) in jobs.iter().zip(results) {
        let group = &work.groups[job.group];
        let card = &group.cards[job.card];
        match result {
            Ok(done) => {
                report.outcomes.push(done.outcome);
                entries[job.group].extend(done.entry);
            }
            Err(error) => {
                missing[job.group].push(MissingCard {
                    rank: card.quote.rank,
                    format: work.formats[job.format].id.to_owned(),
                    reason: error.to_string(),
                });
                report.failures.push(Failure {
                    source: group.source.clone(),
                    rank: card.quote.rank,
                    format: work.formats[job.format].id.to_owned(),
                    error,
                });
            }
        }
    }
    for group in &work.groups {
        report.diagnostics.extend(group.diagnostics.iter().cloned());
    }
    if work.output.dry_run {
        report.timings = timings;
        return report;
    }

    let started = Instant::now();
    let mut manifests = Vec::new();
    for (g, group) in work.groups.iter().enumerate() {
        let manifest = Manifest {
            generator: format!("pullquote {}", env!("CARGO_PKG_VERSION")),
            interview: group.interview.clone(),
            cards: std::mem::take(&mut entries[g]),
        };
        let json = serde_json::to_string_pretty(&manifest).expect("the manifest serialises") + "\n";
        let csv = manifest::to_csv(&manifest).expect("the manifest serialises as CSV");
        for (name, bytes) in [("manifest.json", json.into_bytes()), ("manifest.csv", csv)] {
            let path = group.dir.join(name);
            if let Err(source) = write_atomic(&path, &bytes) {
                report.failures.push(Failure {
                    source: group.source.clone(),
                    rank: 0,
                    format: name.into(),
                    error: CardError::Write { path, source },
                });
            } else if name == "manifest.json" {
                report.manifests.push(path);
            }
        }
        manifests.push(manifest);
    }
    let sections: Vec<Section> = work
        .groups
        .iter()
        .zip(&manifests)
        .zip(missing)
        .map(|((group, manifest), missing)| Section {
            manifest,
            folder: relative_folder(&work.root, &group.dir),
            diagnostics: group.diagnostics.iter().map(|d| d.message.clone()).collect(),
            missing,
        })
        .collect();
    let sheet_path = work.root.join("index.html");
    match write_atomic(
        &sheet_path,
        contact_sheet::html(&work.title, &sections).as_bytes(),
    ) {
        Ok(_) => report.contact_sheet = Some(sheet_path),
        Err(source) => report.failures.push(Failure {
            source: work.root.clone(),
            rank: 0,
            format: "index.html".into(),
            error: CardError::Write {
                path: sheet_path,
                source,
            },
        }),
    }
    timings.add(Stage::Write, started);
    report.timings = timings;
    report
}

/// `dir` relative to `root`, with `/` separators, for links in the contact sheet.
fn relative_folder(root: &Path, dir: &Path) -> String {
    dir.strip_prefix(root)
        .map(|p| {
            p.components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/")
        })
        .unwrap_or_else(|_| dir.display().to_string())
}

/// The key that changes whenever anything the card depends on changes.
fn card_key(template: &Template, format: &Format, content: &CardContent, kind: ImageKind) -> String {
    let mut f = Fingerprint::default()
        .str(env!("CARGO_PKG_VERSION"))
        .str(&template.fingerprint())
        .str(format.id)
        .str(&format!(
            "{}x{} {:?} {:?}",
            format.width, format.height, format.safe, format.max_bytes
        ))
        .str(kind.extension())
        .str(&content.quote)
        .str(&content.speaker_name)
        .str(content.language.code());
    for part in [&content.role, &content.organisation, &content.title] {
        f = f.str(part.as_deref().unwrap_or("\u{0}"));
    }
    f.hex()
}

/// What every card job reads: layouts resolved once, their shared pixels, fonts and timings.
struct Shared<'a> {
    layouts: &'a BTreeMap<(usize, usize), Result<Layout, TemplateError>>,
    layout_pixels: &'a BTreeMap<(usize, usize), OnceLock<RgbImage>>,
    fonts: &'a FontBook,
    timings: &'a Timings,
}

fn make_card(work: &Work, job: Job, shared: &Shared, previous: &PreviousRun) -> Result<Done, CardError> {
    let Shared {
        layouts,
        layout_pixels,
        fonts,
        timings,
    } = *shared;
    let group = &work.groups[job.group];
    let spec = &group.cards[job.card];
    let format = &work.formats[job.format];
    let template = work.templates[spec.template];
    let kind = format.encoding.unwrap_or(work.output.kind);
    let name = format!("{}-{}.{}", spec.stem, format.id, kind.extension());
    let path = group.dir.join(&name);
    let alt = alt_text(&spec.content, format);
    let key = card_key(template, format, &spec.content, kind);
    let entry =
        |name: &str, kind: ImageKind, font_size: f32, warnings: Vec<String>, file_hash: String| CardEntry {
            path: name.to_owned(),
            format: format.id.to_owned(),
            width: format.width,
            height: format.height,
            template: template.name.clone(),
            encoding: kind,
            quote: spec.quote.clone(),
            speaker: spec.speaker.clone(),
            alt_text: alt.clone(),
            alt_text_path: alt_text_path(Path::new(name)).display().to_string(),
            font_size,
            warnings,
            key: key.clone(),
            file_hash,
        };

    // An unchanged card whose file is still the one written last time is not made again.
    let on_disk = std::fs::read(&path).ok();
    let disk_hash = on_disk.as_deref().map(file_hash);
    let ours = disk_hash.is_some() && disk_hash.as_deref() == previous.file_hash(&name);
    if ours && previous.key(&name) == Some(key.as_str()) && alt_text_path(&path).exists() {
        let (font_size, warnings) = previous.details(&name);
        return Ok(Done {
            outcome: Outcome {
                path,
                format: format.id.to_owned(),
                status: Status::Unchanged,
            },
            entry: Some(entry(
                &name,
                kind,
                font_size,
                warnings,
                disk_hash.unwrap_or_default(),
            )),
        });
    }
    if work.output.dry_run {
        let status = match (&on_disk, ours || work.output.force) {
            (None, _) => Status::WouldCreate,
            (Some(_), true) => Status::WouldReplace,
            (Some(_), false) => Status::WouldConflict,
        };
        return Ok(Done {
            outcome: Outcome {
                path,
                format: format.id.to_owned(),
                status,
            },
            entry: None,
        });
    }

    let layout = layouts[&(spec.template, job.format)]
        .as_ref()
        .map_err(|e| CardError::Template(e.clone()))?;
    let started = Instant::now();
    let card = typeset::compose(layout, &spec.content, fonts)?;
    timings.add(Stage::Typeset, started);
    let started = Instant::now();
    let base =
        layout_pixels[&(spec.template, job.format)].get_or_init(|| render::render_layout(&card, fonts));
    let image = render::render_over(base, &card, fonts);
    timings.add(Stage::Render, started);
    let started = Instant::now();
    let metadata = Metadata {
        description: alt.clone(),
        credit: spec.speaker.name.clone(),
    };
    let encoded = encode::encode(&image, kind, &metadata, format.max_bytes)?;
    timings.add(Stage::Encode, started);

    let mut warnings = Vec::new();
    let quote = card.quote();
    let font_size = quote.map_or(0.0, |q| q.size);
    if let Some(min) = layout.quote_style().map(|style| style.min_size) {
        if quote.is_some() && font_size <= min + 0.01 {
            warnings.push(format!(
                "the quote is set at the template's minimum size ({font_size:.0} px): consider a shorter cut"
            ));
        }
    }
    let same_file = encoded.kind == kind;
    let (name, path) = if same_file {
        (name, path)
    } else {
        let name = format!("{}-{}.{}", spec.stem, format.id, encoded.kind.extension());
        warnings.push(format!(
            "saved as JPEG (quality {}) to stay under the network's {} bytes",
            encoded.quality.unwrap_or_default(),
            format.max_bytes.unwrap_or_default()
        ));
        let path = group.dir.join(&name);
        (name, path)
    };

    let started = Instant::now();
    let existing = if same_file {
        on_disk
    } else {
        std::fs::read(&path).ok()
    };
    if let Some(existing) = &existing {
        let is_ours = previous.file_hash(&name) == Some(file_hash(existing).as_str());
        if existing != &encoded.bytes && !is_ours && !work.output.force {
            return Err(CardError::Exists { path });
        }
    }
    let written = write_atomic(&path, &encoded.bytes).map_err(|source| CardError::Write {
        path: path.clone(),
        source,
    })?;
    let alt_path = alt_text_path(&path);
    write_atomic(&alt_path, format!("{alt}\n").as_bytes()).map_err(|source| CardError::Write {
        path: alt_path,
        source,
    })?;
    timings.add(Stage::Write, started);
    let status = match written {
        Written::Created => Status::Created,
        Written::Replaced => Status::Replaced,
        Written::Unchanged => Status::Unchanged,
    };
    let hash = file_hash(&encoded.bytes);
    Ok(Done {
        outcome: Outcome {
            path,
            format: format.id.to_owned(),
            status,
        },
        entry: Some(entry(&name, encoded.kind, font_size, warnings, hash)),
    })
}

/// The manifest entry of a quote given by hand (on the command line or in a sheet): the user
/// chose it, so it counts as an editor's pick.
pub fn given_quote(rank: usize, text: &str) -> QuoteEntry {
    QuoteEntry {
        rank,
        text: text.to_owned(),
        kind: QuoteKind::Editor,
        score: 1.0,
        source: None,
    }
}
