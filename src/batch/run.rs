//! Running a plan: layouts resolved and photos read once, every card × format made in parallel,
//! then stale cards handled and each folder's manifest and the contact sheet written.

use super::contact_sheet::{self, MissingCard, Section};
use super::lock::Lock;
use super::manifest::{self, CardEntry, Manifest, PreviousRun, GENERATOR, MANIFEST_VERSION};
use super::output::{alt_text_path, remove_stale_temporaries, write_atomic, Existing, Seal, Written};
use super::plan::{Folder, Plan};
use super::timings::{Stage, Timings};
use super::{stale, CardError, Failure, Outcome, Progress, Report, Status};
use crate::card::{self, LoadedPhoto, Photo};
use crate::fingerprint::file_hash;
use crate::fonts::FontBook;
use crate::select::QuoteSpeaker;
use crate::template::{Format, Layout, Template, TemplateError};
use image::RgbImage;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::Instant;

/// A card job: which folder, card and format (an index into the run's distinct formats).
#[derive(Debug, Clone, Copy)]
struct Job {
    folder: usize,
    card: usize,
    format: usize,
}

/// What a finished job contributes to its manifest.
struct Done {
    outcome: Outcome,
    entry: Option<CardEntry>,
    /// Dry run: what would become of the card's alt text.
    alt: Option<Outcome>,
}

/// What every job reads, prepared once.
struct Shared<'a> {
    plan: &'a Plan,
    templates: Vec<&'a Arc<Template>>,
    formats: Vec<&'a Format>,
    /// For each folder and card, the index of its template.
    card_templates: Vec<Vec<usize>>,
    layouts: BTreeMap<(usize, usize), Result<Layout, TemplateError>>,
    /// The pixels every card of a layout has in common, painted once.
    layout_pixels: BTreeMap<(usize, usize), OnceLock<RgbImage>>,
    photos: Vec<(&'a Photo, Result<LoadedPhoto, String>)>,
    previous: Vec<PreviousRun>,
    /// For each folder, the file of it pullquote did not write that keeps the whole folder from
    /// being written (its `manifest.json` or `manifest.csv`), unless `--force`.
    blocked: Vec<Option<PathBuf>>,
    timings: &'a Timings,
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into())
}

/// Makes and writes every card of `plan`, removes or lists the cards it no longer makes, and
/// writes each folder's manifest and the contact sheet. One run at a time writes into a root:
/// a second one waits for the first.
pub fn run(plan: &Plan, progress: &dyn Progress) -> Report {
    let _lock = if plan.output.dry_run {
        None
    } else {
        match Lock::acquire(&plan.root) {
            Ok(lock) => Some(lock),
            Err(e) => {
                return Report {
                    unreadable: plan.unreadable.clone(),
                    failures: vec![Failure {
                        source: plan.root.clone(),
                        rank: 0,
                        format: super::lock::LOCK_FILE.into(),
                        error: CardError::Locked(e.to_string()),
                    }],
                    ..Report::default()
                }
            }
        }
    };
    let fonts = FontBook::embedded();
    let timings = Timings::default();
    let shared = prepare(plan, fonts, &timings);
    if !plan.output.dry_run {
        for folder in &plan.folders {
            remove_stale_temporaries(&folder.dir);
        }
    }
    let jobs: Vec<Job> = plan
        .folders
        .iter()
        .enumerate()
        .filter(|(f, _)| shared.blocked[*f].is_none())
        .flat_map(|(f, folder)| {
            let shared = &shared;
            folder.cards.iter().enumerate().flat_map(move |(c, card)| {
                card.formats.iter().map(move |format| Job {
                    folder: f,
                    card: c,
                    format: shared
                        .formats
                        .iter()
                        .position(|known| *known == format)
                        .expect("every format is listed"),
                })
            })
        })
        .collect();
    progress.begin(jobs.len());
    let results: Vec<Result<Done, CardError>> = jobs
        .par_iter()
        .map(|job| {
            // A bug met by one card must not take the whole batch down with it.
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| make_card(&shared, *job)))
                .unwrap_or_else(|panic| Err(CardError::Internal(panic_message(panic.as_ref()))));
            progress.card_done();
            result
        })
        .collect();
    progress.finish();

    let mut report = Report {
        unreadable: plan.unreadable.clone(),
        ..Report::default()
    };
    for (folder, blocked) in plan.folders.iter().zip(&shared.blocked) {
        if let Some(path) = blocked {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if plan.output.dry_run {
                report.files.push(Outcome {
                    path: path.clone(),
                    format: name.clone(),
                    status: Status::WouldConflict,
                });
            }
            report.failures.push(Failure {
                source: folder.source.clone(),
                rank: 0,
                format: name,
                error: CardError::Exists { path: path.clone() },
            });
        }
    }
    let mut entries: Vec<Vec<CardEntry>> = vec![Vec::new(); plan.folders.len()];
    let mut missing: Vec<Vec<MissingCard>> = vec![Vec::new(); plan.folders.len()];
    let mut produced: Vec<Vec<String>> = vec![Vec::new(); plan.folders.len()];
    for (job, result) in jobs.iter().zip(results) {
        let folder = &plan.folders[job.folder];
        let card = &folder.cards[job.card];
        let format = shared.formats[job.format].id.to_owned();
        match result {
            Ok(done) => {
                if let Some(name) = done.outcome.path.file_name() {
                    produced[job.folder].push(name.to_string_lossy().into_owned());
                }
                report.outcomes.push(done.outcome);
                report.files.extend(done.alt);
                entries[job.folder].extend(done.entry);
            }
            Err(error) => {
                missing[job.folder].push(MissingCard {
                    rank: card.quote.rank,
                    format: format.clone(),
                    reason: error.to_string(),
                });
                report.failures.push(Failure {
                    source: folder.source.clone(),
                    rank: card.quote.rank,
                    format,
                    error,
                });
            }
        }
    }
    for folder in &plan.folders {
        report.diagnostics.extend(folder.diagnostics.iter().cloned());
    }

    // The folder holds what the plan made: earlier cards it no longer makes go (or are listed).
    let mut kept: Vec<Vec<manifest::StaleEntry>> = Vec::with_capacity(plan.folders.len());
    for (f, folder) in plan.folders.iter().enumerate() {
        if shared.blocked[f].is_some() {
            kept.push(Vec::new());
            continue;
        }
        let (cards, keep) = stale::handle(&folder.dir, &shared.previous[f], &produced[f], &plan.output);
        report.stale.extend(cards);
        kept.push(keep);
    }
    let sheet_path = plan.root.join("index.html");
    let sheet_is_ours = match Existing::at(&sheet_path) {
        Ok(Existing::Missing) => true,
        Ok(Existing::File(bytes)) => Seal::HTML.holds(&bytes) || contact_sheet::is_unsealed_sheet(&bytes),
        _ => false,
    };
    if plan.output.dry_run {
        for (f, folder) in plan.folders.iter().enumerate() {
            if shared.blocked[f].is_some() {
                continue;
            }
            for name in ["manifest.json", "manifest.csv"] {
                let path = folder.dir.join(name);
                let status = match Existing::at(&path) {
                    Ok(Existing::Missing) => Status::WouldCreate,
                    _ => Status::WouldReplace,
                };
                report.files.push(Outcome {
                    path,
                    format: name.into(),
                    status,
                });
            }
        }
        report.files.push(Outcome {
            status: match (Existing::at(&sheet_path), sheet_is_ours || plan.output.force) {
                (Ok(Existing::Missing), _) => Status::WouldCreate,
                (_, true) => Status::WouldReplace,
                (_, false) => Status::WouldConflict,
            },
            path: sheet_path,
            format: "index.html".into(),
        });
        report.timings = merged(&plan.timings, &timings);
        return report;
    }

    let started = Instant::now();
    let mut manifests = Vec::new();
    let mut written = Vec::new();
    for (f, folder) in plan.folders.iter().enumerate() {
        if shared.blocked[f].is_some() {
            continue;
        }
        let manifest = Manifest {
            generator: format!("{GENERATOR} {}", env!("CARGO_PKG_VERSION")),
            version: MANIFEST_VERSION,
            interview: folder.interview.clone(),
            cards: std::mem::take(&mut entries[f]),
            stale: std::mem::take(&mut kept[f]),
            csv_hash: String::new(),
        };
        let manifest = write_manifest(folder, manifest, &mut report);
        manifests.push(manifest);
        written.push(f);
    }
    let mut missing: Vec<Option<Vec<MissingCard>>> = missing.into_iter().map(Some).collect();
    let mut sections: Vec<Section> = written
        .iter()
        .zip(&manifests)
        .map(|(&f, manifest)| {
            let folder = &plan.folders[f];
            Section {
                manifest,
                folder: relative_folder(&plan.root, &folder.dir),
                diagnostics: folder.diagnostics.iter().map(|d| d.message.clone()).collect(),
                missing: missing[f].take().unwrap_or_default(),
            }
        })
        .collect();
    // The sheet shows every interview in the root, not only this run's: earlier runs' folders
    // keep their place, and a run whose inputs could not be read leaves the sheet as it was.
    let planned: Vec<&Path> = plan.folders.iter().map(|f| f.dir.as_path()).collect();
    let others = earlier_folders(&plan.root, &planned);
    if !others.is_empty() {
        sections.extend(others.iter().map(|(folder, manifest)| Section {
            manifest,
            folder: folder.clone(),
            diagnostics: Vec::new(),
            missing: Vec::new(),
        }));
        // Runs into one folder add up to the same page whichever ran last.
        sections.sort_by(|a, b| a.folder.cmp(&b.folder));
    }
    if sections.is_empty() {
        // Nothing to show: an existing sheet is left as it is.
    } else if !sheet_is_ours && !plan.output.force {
        report.failures.push(Failure {
            source: plan.root.clone(),
            rank: 0,
            format: "index.html".into(),
            error: CardError::Exists { path: sheet_path },
        });
    } else {
        let html = Seal::HTML.apply(&contact_sheet::html(&plan.title, &sections));
        match write_atomic(&sheet_path, html.as_bytes()) {
            Ok(_) => report.contact_sheet = Some(sheet_path),
            Err(source) => report.failures.push(Failure {
                source: plan.root.clone(),
                rank: 0,
                format: "index.html".into(),
                error: CardError::Write {
                    path: sheet_path,
                    source,
                },
            }),
        }
    }
    timings.add(Stage::Write, started);
    report.timings = merged(&plan.timings, &timings);
    report
}

/// The folders under `root` (and `root` itself) that an earlier run wrote cards into, other than
/// `planned`, with their manifests, in name order.
fn earlier_folders(root: &Path, planned: &[&Path]) -> Vec<(String, Manifest)> {
    let mut dirs = vec![root.to_path_buf()];
    if let Ok(entries) = std::fs::read_dir(root) {
        let mut subs: Vec<PathBuf> = entries
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
            .map(|e| e.path())
            .collect();
        subs.sort();
        dirs.extend(subs);
    }
    dirs.into_iter()
        .filter(|dir| !planned.contains(&dir.as_path()))
        .filter_map(|dir| {
            let bytes = Existing::at(&dir.join("manifest.json")).ok()?;
            let manifest: Manifest = serde_json::from_slice(bytes.bytes()?).ok()?;
            let ours = manifest.generator.starts_with(&format!("{GENERATOR} "));
            ours.then(|| (relative_folder(root, &dir), manifest))
        })
        .collect()
}
fn merged(a: &Timings, b: &Timings) -> Timings {
    let mut out = Timings::default();
    out.merge(a);
    out.merge(b);
    out
}

/// Templates, formats, layouts and photos, each once.
fn prepare<'a>(plan: &'a Plan, fonts: &FontBook, timings: &'a Timings) -> Shared<'a> {
    let mut templates: Vec<&Arc<Template>> = Vec::new();
    let mut formats: Vec<&Format> = Vec::new();
    let mut photos: Vec<(&Photo, Result<LoadedPhoto, String>)> = Vec::new();
    let mut card_templates = Vec::with_capacity(plan.folders.len());
    for folder in &plan.folders {
        let mut indices = Vec::with_capacity(folder.cards.len());
        for card in &folder.cards {
            let t = match templates.iter().position(|t| Arc::ptr_eq(t, &card.template)) {
                Some(t) => t,
                None => {
                    templates.push(&card.template);
                    templates.len() - 1
                }
            };
            indices.push(t);
            for format in &card.formats {
                if !formats.contains(&format) {
                    formats.push(format);
                }
            }
            if let Some(photo) = &card.request.speaker.photo {
                if !photos.iter().any(|(p, _)| *p == photo) {
                    photos.push((photo, Err(String::new())));
                }
            }
        }
        card_templates.push(indices);
    }
    // A photo is read once per run, however many cards show it.
    photos.par_iter_mut().for_each(|(photo, loaded)| {
        *loaded = LoadedPhoto::load(photo).map_err(|e| match e {
            CardError::Photo { reason, .. } => reason,
            other => other.to_string(),
        });
    });

    // Layouts do not depend on the quote: resolve each template once per format.
    let started = Instant::now();
    let mut layouts = BTreeMap::new();
    for (f, folder) in plan.folders.iter().enumerate() {
        for (c, card) in folder.cards.iter().enumerate() {
            let t = card_templates[f][c];
            for format in &card.formats {
                let i = formats
                    .iter()
                    .position(|known| *known == format)
                    .expect("listed above");
                layouts
                    .entry((t, i))
                    .or_insert_with(|| templates[t].resolve(format, fonts));
            }
        }
    }
    timings.add(Stage::Resolve, started);
    let layout_pixels = layouts.keys().map(|&key| (key, OnceLock::new())).collect();
    let previous: Vec<PreviousRun> = plan.folders.iter().map(|f| PreviousRun::load(&f.dir)).collect();
    let blocked = plan
        .folders
        .iter()
        .zip(&previous)
        .map(|(folder, previous)| {
            if plan.output.force {
                return None;
            }
            if !previous.manifest_is_ours() {
                return Some(folder.dir.join("manifest.json"));
            }
            let csv = folder.dir.join("manifest.csv");
            match Existing::at(&csv) {
                Ok(Existing::Missing) => None,
                Ok(Existing::File(bytes)) if previous.csv_is_ours(&bytes) => None,
                _ => Some(csv),
            }
        })
        .collect();
    Shared {
        plan,
        templates,
        formats,
        card_templates,
        layouts,
        layout_pixels,
        photos,
        previous,
        blocked,
        timings,
    }
}

/// Writes a folder's `manifest.csv`, then its `manifest.json` with the CSV's hash, and returns
/// the manifest as written.
fn write_manifest(folder: &Folder, mut manifest: Manifest, report: &mut Report) -> Manifest {
    let csv = manifest::to_csv(&manifest).expect("the manifest serialises as CSV");
    manifest.csv_hash = file_hash(&csv);
    let json = serde_json::to_string_pretty(&manifest).expect("the manifest serialises") + "\n";
    for (name, bytes) in [("manifest.csv", csv), ("manifest.json", json.into_bytes())] {
        let path = folder.dir.join(name);
        match write_atomic(&path, &bytes) {
            Err(source) => report.failures.push(Failure {
                source: folder.source.clone(),
                rank: 0,
                format: name.into(),
                error: CardError::Write { path, source },
            }),
            Ok(_) if name == "manifest.json" => report.manifests.push(path),
            Ok(_) => {}
        }
    }
    manifest
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

fn make_card(shared: &Shared, job: Job) -> Result<Done, CardError> {
    let plan = shared.plan;
    let folder = &plan.folders[job.folder];
    let card = &folder.cards[job.card];
    let format = shared.formats[job.format];
    let t = shared.card_templates[job.folder][job.card];
    let template = shared.templates[t];
    let previous = &shared.previous[job.folder];
    let request = &card.request;
    let kind = format.encoding.unwrap_or(plan.output.kind);
    let name = format!("{}-{}.{}", card.name, format.id, kind.extension());
    let path = folder.dir.join(&name);
    let photo = match &request.speaker.photo {
        None => None,
        Some(photo) => {
            let (_, loaded) = shared
                .photos
                .iter()
                .find(|(p, _)| *p == photo)
                .expect("every photo was read");
            Some(loaded.as_ref().map_err(|reason| CardError::Photo {
                photo: photo.describe(),
                reason: reason.clone(),
            })?)
        }
    };
    let key = card::card_key(request, photo, template, format, kind, plan.output.effort);
    let alt = request.alt_text(format);
    let speaker = QuoteSpeaker {
        label: card.label.clone(),
        name: request.speaker.name.clone(),
        role: request.speaker.role.clone(),
        organisation: request.speaker.organisation.clone(),
        photo: match &request.speaker.photo {
            Some(Photo::File(path)) => Some(path.clone()),
            _ => None,
        },
    };
    let entry = |name: &str, kind, font_size: f32, warnings: Vec<String>, file_hash: String| CardEntry {
        path: name.to_owned(),
        format: format.id.to_owned(),
        width: format.width,
        height: format.height,
        template: template.name.clone(),
        encoding: kind,
        quote: card.quote.clone(),
        emphasis: request.emphasised().into_iter().map(str::to_owned).collect(),
        speaker: speaker.clone(),
        alt_text: alt.clone(),
        alt_text_path: alt_text_path(Path::new(name)).display().to_string(),
        font_size,
        warnings,
        key: key.clone(),
        file_hash,
    };

    // An unchanged card whose file is still the one written last time is not made again.
    let on_disk = Existing::at(&path).map_err(|source| CardError::Write {
        path: path.clone(),
        source,
    })?;
    let disk_hash = on_disk.bytes().map(file_hash);
    let ours = disk_hash.is_some() && disk_hash.as_deref() == previous.file_hash(&name);
    let alt_path = alt_text_path(&path);
    let alt_bytes = format!("{alt}\n");
    let alt_on_disk = Existing::at(&alt_path).map_err(|source| CardError::Write {
        path: alt_path.clone(),
        source,
    })?;
    // The alt text may be written when it is missing, already says this, or is what pullquote
    // wrote there for this card.
    let alt_is_ours = match &alt_on_disk {
        Existing::Missing => true,
        Existing::File(bytes) => bytes == alt_bytes.as_bytes() || previous.alt_text_is_ours(&name, bytes),
        Existing::Other => false,
    };
    if ours && previous.key(&name) == Some(key.as_str()) && alt_on_disk.exists() {
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
            alt: None,
        });
    }
    let would = |existing: &Existing, ours: bool| match (existing, ours || plan.output.force) {
        (Existing::Missing, _) => Status::WouldCreate,
        (_, true) => Status::WouldReplace,
        (_, false) => Status::WouldConflict,
    };
    if plan.output.dry_run {
        return Ok(Done {
            outcome: Outcome {
                path,
                format: format.id.to_owned(),
                status: would(&on_disk, ours),
            },
            entry: None,
            alt: Some(Outcome {
                status: match would(&alt_on_disk, alt_is_ours) {
                    Status::WouldReplace if alt_on_disk.bytes() == Some(alt_bytes.as_bytes()) => {
                        Status::Unchanged
                    }
                    status => status,
                },
                path: alt_path,
                format: "alt text".into(),
            }),
        });
    }
    if !alt_is_ours && !plan.output.force {
        return Err(CardError::Exists { path: alt_path });
    }

    let layout = shared.layouts[&(t, job.format)]
        .as_ref()
        .map_err(|e| CardError::Template(e.clone()))?;
    let image = photo.map(LoadedPhoto::image).transpose()?;
    let content = request.content(image);
    let drawn = card::draw(
        layout,
        &content,
        format,
        (kind, plan.output.effort),
        &alt,
        Some(&shared.layout_pixels[&(t, job.format)]),
        plan.output.card_time_limit,
    )
    .map_err(|e| match e {
        CardError::TimedOut { limit, .. } => CardError::TimedOut {
            card: path.display().to_string(),
            limit,
        },
        other => other,
    })?;
    shared.timings.add_duration(Stage::Typeset, drawn.typeset);
    shared.timings.add_duration(Stage::Render, drawn.render);
    shared.timings.add_duration(Stage::Encode, drawn.encode);
    let encoded = drawn.encoded;
    let same_file = encoded.kind == kind;
    let (name, path) = if same_file {
        (name, path)
    } else {
        let name = format!("{}-{}.{}", card.name, format.id, encoded.kind.extension());
        let path = folder.dir.join(&name);
        (name, path)
    };

    let started = Instant::now();
    let existing = if same_file {
        on_disk
    } else {
        Existing::at(&path).map_err(|source| CardError::Write {
            path: path.clone(),
            source,
        })?
    };
    let may_replace = match &existing {
        Existing::Missing => true,
        Existing::File(bytes) => {
            bytes == &encoded.bytes || previous.file_hash(&name) == Some(file_hash(bytes).as_str())
        }
        Existing::Other => false,
    };
    if !may_replace && !plan.output.force {
        return Err(CardError::Exists { path });
    }
    let written = write_atomic(&path, &encoded.bytes).map_err(|source| CardError::Write {
        path: path.clone(),
        source,
    })?;
    let alt_path = alt_text_path(&path);
    write_atomic(&alt_path, alt_bytes.as_bytes()).map_err(|source| CardError::Write {
        path: alt_path,
        source,
    })?;
    shared.timings.add(Stage::Write, started);
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
        entry: Some(entry(&name, encoded.kind, drawn.font_size, drawn.warnings, hash)),
        alt: None,
    })
}
