//! The plan of a run: folders of card requests, each card named after its quote's identity, on
//! a template, in formats. Every command builds one: `run` from transcripts or a quotes file,
//! `render` from a quotes file, a sheet or one quote, `templates preview` from sample quotes.

use super::manifest::{InterviewEntry, QuoteEntry};
use super::timings::{Stage, Timings};
use super::OutputOptions;
use crate::card::CardRequest;
use crate::diagnostic::Diagnostic;
use crate::select::review::QuotesFile;
use crate::select::{self, QuoteKind, SelectOptions, Selection};
use crate::template::{Format, Template};
use crate::transcript::{self, Language, ReadOptions, Transcript};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

/// Everything one run makes.
#[derive(Debug)]
pub struct Plan {
    /// Where the contact sheet (`index.html`) goes.
    pub root: PathBuf,
    /// The contact sheet's title.
    pub title: String,
    /// The folders written, each with its cards and manifest.
    pub folders: Vec<Folder>,
    /// How cards are written.
    pub output: OutputOptions,
    /// Inputs that could not be read, reported with the run.
    pub unreadable: Vec<Unreadable>,
    /// Time spent reading and selecting while planning.
    pub timings: Timings,
}

/// An input that could not be read.
#[derive(Debug, Clone)]
pub struct Unreadable {
    /// The input.
    pub path: PathBuf,
    /// Why, with a hint.
    pub error: Diagnostic,
}

/// Cards that share a folder and a manifest: one interview, one quotes file, one sheet.
#[derive(Debug, Clone)]
pub struct Folder {
    /// Where the cards, their alt texts and the manifest go.
    pub dir: PathBuf,
    /// What the cards come from, for messages.
    pub source: PathBuf,
    /// The manifest's description of the source.
    pub interview: InterviewEntry,
    /// The cards, in the order they are shown.
    pub cards: Vec<PlannedCard>,
    /// Warnings met reading the source.
    pub diagnostics: Vec<Diagnostic>,
}

/// One card to make in one or more formats.
#[derive(Debug, Clone)]
pub struct PlannedCard {
    /// The file name without format and extension (`q03-aziz-oulhiyane`). It follows the
    /// quote's identity, so editing, disabling or moving other quotes never renames it.
    pub name: String,
    /// What the card shows.
    pub request: CardRequest,
    /// The template it is drawn on.
    pub template: Arc<Template>,
    /// The formats it is drawn at.
    pub formats: Vec<Format>,
    /// What the manifest records about the quote: rank in the folder, kind, score, source.
    pub quote: QuoteEntry,
    /// The speaker's label in the transcript, for the manifest.
    pub label: String,
}

impl PlannedCard {
    /// A card named `name` for `request`, counted as an editor's choice.
    pub fn new(
        name: &str,
        request: CardRequest,
        template: Arc<Template>,
        formats: Vec<Format>,
    ) -> PlannedCard {
        PlannedCard {
            name: crate::slug::slugify(name),
            quote: QuoteEntry {
                rank: 0,
                text: request.text.clone(),
                kind: QuoteKind::Editor,
                score: 1.0,
                source: None,
            },
            request,
            template,
            formats,
            label: String::new(),
        }
    }
}

impl Plan {
    /// An empty plan writing under `root`.
    pub fn new(root: &Path, output: OutputOptions) -> Plan {
        Plan {
            root: root.to_path_buf(),
            title: "pullquote contact sheet".into(),
            folders: Vec::new(),
            output,
            unreadable: Vec::new(),
            timings: Timings::default(),
        }
    }

    /// Reads each transcript and selects its quotes (in parallel), then adds one folder per
    /// interview under the root, named after it. Unreadable inputs are recorded.
    pub fn add_interviews(
        &mut self,
        inputs: &[PathBuf],
        read: &ReadOptions,
        select: &SelectOptions,
        template: &Arc<Template>,
        formats: &[Format],
    ) {
        type Read = Result<(Transcript, Selection), transcript::ReadError>;
        let timings = &self.timings;
        let prepared: Vec<(&PathBuf, Read)> = inputs
            .par_iter()
            .map(|input| {
                let started = Instant::now();
                let read = transcript::read(input, read);
                timings.add(Stage::Read, started);
                let result = read.map(|t| {
                    let started = Instant::now();
                    let selection = select::select(&t, select);
                    timings.add(Stage::Select, started);
                    (t, selection)
                });
                (input, result)
            })
            .collect();
        let mut folders = FolderNames::new(&self.root, &self.folders);
        for (input, result) in prepared {
            match result {
                Ok((transcript, selection)) => {
                    let (dir, warning) = folders.claim(&transcript.slug(), input);
                    let mut folder =
                        Folder::from_selection(&transcript, &selection, input, dir, template, formats);
                    if let Some(name) = folder.dir.file_name() {
                        folder.interview.slug = name.to_string_lossy().into_owned();
                    }
                    folder.diagnostics.extend(warning);
                    self.folders.push(folder);
                }
                Err(e) => self.unreadable.push(Unreadable {
                    path: input.clone(),
                    error: e.to_diagnostic(),
                }),
            }
        }
    }
}

/// The output folders of one run, one per input: two inputs with the same name (`a/talk.txt`,
/// `b/talk.txt`) would otherwise write into one folder and the second manifest would replace the
/// first's.
struct FolderNames<'a> {
    root: &'a Path,
    /// Folder name → the input that has it.
    taken: BTreeMap<String, PathBuf>,
}

impl<'a> FolderNames<'a> {
    fn new(root: &'a Path, folders: &[Folder]) -> Self {
        let taken = folders
            .iter()
            .filter_map(|f| {
                Some((
                    f.dir.file_name()?.to_string_lossy().into_owned(),
                    f.source.clone(),
                ))
            })
            .collect();
        FolderNames { root, taken }
    }

    /// The folder for `input`, named `slug`, or `slug-2`, `slug-3`… when an earlier input has it,
    /// with a warning saying so. Inputs come in a fixed order, so each keeps its folder from run
    /// to run.
    fn claim(&mut self, slug: &str, input: &Path) -> (PathBuf, Option<Diagnostic>) {
        let mut name = slug.to_owned();
        let mut n = 1;
        while self.taken.contains_key(&name) {
            n += 1;
            name = format!("{slug}-{n}");
        }
        let warning = (n > 1).then(|| {
            Diagnostic::warning(format!(
                "`{}` also gives the folder name `{slug}`; its cards go into `{}`",
                self.taken[slug].display(),
                self.root.join(&name).display()
            ))
            .in_file(input)
            .with_hint("give the inputs different file names to choose the folders")
        });
        self.taken.insert(name.clone(), input.to_path_buf());
        (self.root.join(name), warning)
    }
}

/// `name`'s number when it is `q` followed by digits.
fn quote_number(name: &str) -> Option<usize> {
    name.strip_prefix('q')?.parse().ok()
}

impl Folder {
    /// An empty folder at `dir` for cards made from `source`.
    pub fn new(dir: PathBuf, source: &Path, language: Option<Language>) -> Folder {
        let stem = source
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        Folder {
            dir,
            source: source.to_path_buf(),
            interview: InterviewEntry {
                source: source.display().to_string(),
                slug: crate::slug::slugify(&stem),
                language,
                speakers: Vec::new(),
            },
            cards: Vec::new(),
            diagnostics: Vec::new(),
        }
    }

    /// Adds `card` after the others; its rank is its position. Two cards cannot share a name:
    /// one would overwrite the other.
    pub fn push(&mut self, mut card: PlannedCard) -> Result<(), Box<Diagnostic>> {
        if card.name.is_empty() {
            return Err(Box::new(
                Diagnostic::error("a card has an empty name").in_file(&self.source),
            ));
        }
        if let Some(other) = self.cards.iter().position(|c| c.name == card.name) {
            return Err(Box::new(
                Diagnostic::error(format!(
                    "cards {} and {} would both be named `{}`",
                    other + 1,
                    self.cards.len() + 1,
                    card.name
                ))
                .in_file(&self.source)
                .with_hint("give each quote its own id"),
            ));
        }
        card.quote.rank = self.cards.len() + 1;
        self.cards.push(card);
        Ok(())
    }

    /// The quotes selected from an interview, named `q01-…` by rank, with the transcript's
    /// front matter.
    pub fn from_selection(
        transcript: &Transcript,
        selection: &Selection,
        source: &Path,
        dir: PathBuf,
        template: &Arc<Template>,
        formats: &[Format],
    ) -> Folder {
        let mut folder = Folder::new(dir, source, Some(transcript.language));
        folder.interview.slug = transcript.slug();
        folder.interview.speakers = transcript.speakers.clone();
        folder.diagnostics = transcript.diagnostics.clone();
        folder
            .diagnostics
            .extend(selection.diagnostics.iter().cloned().map(|d| d.in_file(source)));
        for (i, quote) in selection.quotes.iter().enumerate() {
            let request = CardRequest::from_selection(quote, transcript);
            let name = format!("q{:02}-{}", i + 1, crate::slug::slugify(&quote.speaker.name));
            let mut card = PlannedCard::new(&name, request, template.clone(), formats.to_vec());
            card.quote = QuoteEntry::new(0, quote);
            card.quote.text = card.request.text.clone();
            card.label = quote.speaker.label.clone();
            folder.push(card).expect("ranks are distinct");
        }
        folder
    }

    /// The name of the folder a quotes file's cards go to under a run's root: that of the
    /// transcript the quotes come from, else the quotes file's.
    pub fn quotes_file_slug(path: &Path, file: &QuotesFile) -> String {
        let named_after = file.source.as_deref().map(Path::new).unwrap_or(path);
        let stem = named_after
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        match crate::slug::slugify(&stem) {
            slug if slug.is_empty() => "interview".to_owned(),
            slug => slug,
        }
    }

    /// The enabled quotes of a quotes file read from `path`, in file order. A quote is named
    /// after its `id`; one without gets the next number after those in use.
    pub fn from_quotes_file(
        path: &Path,
        file: &QuotesFile,
        warnings: Vec<Diagnostic>,
        dir: PathBuf,
        template: &Arc<Template>,
        formats: &[Format],
    ) -> Result<Folder, Box<Diagnostic>> {
        let mut folder = Folder::new(dir, path, Some(file.language()));
        folder.interview.slug = Folder::quotes_file_slug(path, file);
        folder.diagnostics = warnings;
        let base = path.parent().unwrap_or(Path::new(""));
        let mut next = file
            .quotes
            .iter()
            .filter_map(|q| q.id.as_deref().and_then(quote_number))
            .max()
            .unwrap_or(0);
        let quotes = file.enabled_quotes();
        for (entry, quote) in file.quotes.iter().filter(|q| q.enabled).zip(&quotes) {
            let id = match &entry.id {
                Some(id) => id.clone(),
                None => {
                    next += 1;
                    format!("q{next:02}")
                }
            };
            let request = CardRequest::from_quotes_file(file, entry, base);
            let name = format!(
                "{}-{}",
                crate::slug::slugify(&id),
                crate::slug::slugify(&entry.speaker.name)
            );
            let mut card = PlannedCard::new(&name, request, template.clone(), formats.to_vec());
            card.quote = QuoteEntry::new(0, quote);
            card.quote.text = card.request.text.clone();
            card.label = entry.speaker.label.clone();
            folder.push(card)?;
        }
        folder.interview.speakers = credited_speakers(&folder.cards);
        Ok(folder)
    }

    /// One card per row of a CSV/TSV sheet, named after the row's `id` (else its position).
    /// A row's `template` and `format` columns override `template` and `formats`; `language`
    /// applies to rows without a `lang` column; `logo`, the brand's logo, replaces that of every
    /// template, the rows' own included.
    pub fn from_sheet(
        path: &Path,
        dir: PathBuf,
        template: &Arc<Template>,
        formats: &[Format],
        language: Option<Language>,
        logo: Option<&Path>,
    ) -> Result<Folder, Box<Diagnostic>> {
        let rows = crate::sheet::read(path)?;
        Folder::from_rows(path, rows, dir, template, formats, language, logo)
    }

    /// [`Folder::from_sheet`] for rows already read (from standard input, say); `path` names
    /// them in messages and its folder is where relative photos and templates are found.
    pub fn from_rows(
        path: &Path,
        rows: Vec<crate::sheet::SheetRow>,
        dir: PathBuf,
        template: &Arc<Template>,
        formats: &[Format],
        language: Option<Language>,
        logo: Option<&Path>,
    ) -> Result<Folder, Box<Diagnostic>> {
        let base = path.parent().unwrap_or(Path::new(""));
        let mut folder = Folder::new(dir, path, None);
        let mut templates: Vec<(String, Arc<Template>)> = Vec::new();
        // Rows whose language is a guess from too few words: (line, language taken).
        let mut unsure: Vec<(usize, Language)> = Vec::new();
        // Card name → the line of the row that has it.
        let mut lines: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        for row in &rows {
            let located = |d: Box<Diagnostic>| Box::new(d.in_file(path).at_line(row.line));
            let row_formats = if row.formats.is_empty() {
                formats.to_vec()
            } else {
                format_list(&row.formats).map_err(located)?
            };
            let row_template = match &row.template {
                None => template.clone(),
                Some(name) if name == &template.name => template.clone(),
                Some(name) => match templates.iter().find(|(n, _)| n == name) {
                    Some((_, t)) => t.clone(),
                    None => {
                        // A template file named in a row is looked for beside the sheet first.
                        let beside = base.join(name);
                        let spec = if beside.exists() {
                            beside.display().to_string()
                        } else {
                            name.clone()
                        };
                        // An error inside the template file points there; the row is named
                        // in the message.
                        let loaded = Template::by_name_or_path(&spec)
                            .and_then(|t| match logo {
                                Some(logo) => t.with_logo(logo),
                                None => Ok(t),
                            })
                            .map_err(|e| {
                                let mut d = e.0;
                                if d.file.is_none() {
                                    return located(d);
                                }
                                d.message = format!(
                                    "{} (the template of the row on line {} of `{}`)",
                                    d.message,
                                    row.line,
                                    path.display()
                                );
                                d
                            })?;
                        let loaded = Arc::new(loaded);
                        templates.push((name.clone(), loaded.clone()));
                        loaded
                    }
                },
            };
            let (request, missing) = CardRequest::from_sheet_row(row, base, language);
            if row.language.or(language).is_none() && !request.guess_language().sure {
                unsure.push((row.line, request.language));
            }
            for word in missing {
                folder.diagnostics.push(
                    Diagnostic::warning(format!("highlight `{word}` does not occur in this row's quote"))
                        .in_file(path)
                        .at_line(row.line),
                );
            }
            let name = format!(
                "{}-{}",
                crate::slug::slugify(&row.id),
                crate::slug::slugify(&row.name)
            );
            let mut card = PlannedCard::new(&name, request, row_template, row_formats);
            // Two rows whose ids are equal or read alike once made file names (`a b`, `a-b`,
            // `A_B`) would write one card over the other: the later row gets a suffix, so each
            // keeps its name from run to run while the sheet's order stands.
            if let Some(first) = lines.get(&card.name) {
                let first = *first;
                let base = card.name.clone();
                let mut n = 2;
                while lines.contains_key(&format!("{base}-{n}")) {
                    n += 1;
                }
                card.name = format!("{base}-{n}");
                folder.diagnostics.push(
                    Diagnostic::warning(format!(
                        "the rows on lines {first} and {} would write the same cards (`{base}`); this row's are named `{}`",
                        row.line, card.name
                    ))
                    .in_file(path)
                    .at_line(row.line)
                    .with_hint("give each row its own `id`"),
                );
            }
            lines.insert(card.name.clone(), row.line);
            folder.push(card)?;
        }
        if let Some((first, _)) = unsure.first() {
            let taken: Vec<String> = unsure
                .iter()
                .map(|(line, language)| format!("line {line}: {}", language.code()))
                .collect();
            folder.diagnostics.push(
                Diagnostic::warning(format!(
                    "too few words to be sure of the language of {} ({}); it sets the typography",
                    if unsure.len() == 1 {
                        "one row's quote".to_owned()
                    } else {
                        format!("{} rows' quotes", unsure.len())
                    },
                    taken.join(", ")
                ))
                .in_file(path)
                .at_line(*first)
                .with_hint("add a `lang` column (fr or en), or pass --lang for the whole sheet"),
            );
        }
        Ok(folder)
    }
}

/// The formats with these ids, each once, in order.
pub fn format_list(ids: &[String]) -> Result<Vec<Format>, Box<Diagnostic>> {
    let mut formats: Vec<Format> = Vec::new();
    for id in ids {
        let id = id.trim();
        let format = Format::lookup(id)?;
        if !formats.iter().any(|f| f.id == format.id) {
            formats.push(format);
        }
    }
    Ok(formats)
}

/// The people credited by a folder's cards, each once, in order of appearance.
fn credited_speakers(cards: &[PlannedCard]) -> Vec<transcript::Speaker> {
    let mut speakers: Vec<transcript::Speaker> = Vec::new();
    for card in cards {
        let s = &card.request.speaker;
        if !speakers.iter().any(|known| known.name == s.name) {
            speakers.push(transcript::Speaker {
                label: card.label.clone(),
                name: s.name.clone(),
                role: s.role.clone(),
                organisation: s.organisation.clone(),
                photo: match &s.photo {
                    Some(crate::card::Photo::File(path)) => Some(path.clone()),
                    _ => None,
                },
            });
        }
    }
    speakers
}
