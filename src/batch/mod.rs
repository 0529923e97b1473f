//! The batch: a [`Plan`] of cards (folders of card requests × templates × formats) rendered in
//! parallel and written atomically, each folder with its manifest and alt texts, plus a contact
//! sheet. One failing card never stops the others, unchanged cards are skipped on rerun, and
//! cards an earlier run wrote that the plan no longer makes are removed (or kept and listed).
//!
//! ```no_run
//! use pullquote::batch::{self, Folder, OutputOptions, Plan, PlannedCard, Silent};
//! use pullquote::card::CardRequest;
//! use pullquote::template::{Format, Template};
//! use std::path::Path;
//! use std::sync::Arc;
//!
//! let template = Arc::new(Template::builtin("paper")?);
//! let formats = vec![Format::by_id("story").unwrap(), Format::by_id("x").unwrap()];
//! let mut plan = Plan::new(Path::new("cards"), OutputOptions::default());
//! let mut folder = Folder::new("cards".into(), Path::new("campaign"), None);
//! let request = CardRequest::new("Nous avons **tout** changé.", "Anne Roux").with_role("maire");
//! folder.push(PlannedCard::new("anne", request, template.clone(), formats))?;
//! plan.folders.push(folder);
//! let report = batch::run(&plan, &Silent);
//! assert!(report.is_success());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod contact_sheet;
mod lock;
mod manifest;
pub(crate) mod output;
mod plan;
mod run;
mod stale;
mod timings;

pub use crate::card::CardError;
pub use lock::LOCK_FILE;
pub use manifest::{InterviewEntry, QuoteEntry};
pub use plan::{format_list, Folder, Plan, PlannedCard, Unreadable};
pub use run::run;
pub use timings::{Stage, Timings};

use crate::diagnostic::Diagnostic;
use crate::encode::{Effort, ImageKind};
use std::path::PathBuf;

/// How cards are written.
#[derive(Debug, Clone)]
pub struct OutputOptions {
    /// The file type, unless a format requires another (Bluesky's cards are JPEG).
    pub kind: ImageKind,
    /// How hard to squeeze PNG files.
    pub effort: Effort,
    /// Replace files that differ from what a previous run wrote.
    pub force: bool,
    /// Decide what would be written, and write nothing.
    pub dry_run: bool,
    /// Keep (and list) the cards an earlier run wrote that the plan no longer makes, instead of
    /// removing them.
    pub keep_stale: bool,
    /// How long one card may take; a card over it fails with an error naming it.
    pub card_time_limit: Option<std::time::Duration>,
}

/// A card's time budget unless told otherwise: a card takes well under a second.
pub const DEFAULT_CARD_TIME_LIMIT: std::time::Duration = std::time::Duration::from_secs(60);

impl Default for OutputOptions {
    fn default() -> Self {
        OutputOptions {
            kind: ImageKind::Png,
            effort: Effort::Normal,
            force: false,
            dry_run: false,
            keep_stale: false,
            card_time_limit: Some(DEFAULT_CARD_TIME_LIMIT),
        }
    }
}

/// A card that could not be written, and why.
#[derive(Debug)]
pub struct Failure {
    /// What the card comes from.
    pub source: PathBuf,
    /// The card's position in its folder (0 for a folder's own files).
    pub rank: usize,
    /// The format, or the file (`manifest.json`) that failed.
    pub format: String,
    /// Why.
    pub error: CardError,
}

/// What happened, or would happen, to one card file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Written where there was no file.
    Created,
    /// Written over the file an earlier run made.
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

/// One card file and what happened to it.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The file.
    pub path: PathBuf,
    /// Its format's id.
    pub format: String,
    /// What happened.
    pub status: Status,
}

/// What became of a card an earlier run wrote that the plan no longer makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StaleAction {
    /// Removed, with its alt text.
    Removed,
    /// Dry run: it would be removed.
    WouldRemove,
    /// Kept and recorded as stale in the manifest (`--keep-stale`).
    Kept,
    /// Left alone: it was edited since pullquote wrote it, so it is no longer pullquote's.
    Edited,
}

/// A stale card and what became of it.
#[derive(Debug, Clone)]
pub struct StaleCard {
    /// The file.
    pub path: PathBuf,
    /// What became of it.
    pub action: StaleAction,
}

/// What a run did.
#[derive(Debug, Default)]
pub struct Report {
    /// Every card file planned, with what happened to it.
    pub outcomes: Vec<Outcome>,
    /// Dry run: the other files the run would write (alt texts, manifests, the contact sheet),
    /// with what would happen to each; their `format` names the kind of file.
    pub files: Vec<Outcome>,
    /// Cards earlier runs wrote that the plan no longer makes.
    pub stale: Vec<StaleCard>,
    /// The manifests written.
    pub manifests: Vec<PathBuf>,
    /// The contact sheet written.
    pub contact_sheet: Option<PathBuf>,
    /// Cards that could not be made.
    pub failures: Vec<Failure>,
    /// Inputs that could not be read at all.
    pub unreadable: Vec<Unreadable>,
    /// Warnings about the inputs.
    pub diagnostics: Vec<Diagnostic>,
    /// Time spent in each stage, summed over threads.
    pub timings: Timings,
}

impl Report {
    /// How many card files have `status`.
    pub fn count(&self, status: Status) -> usize {
        self.outcomes.iter().filter(|o| o.status == status).count()
    }

    /// How many of the other files (alt texts, manifests, the contact sheet) have `status`.
    pub fn file_count(&self, status: Status) -> usize {
        self.files.iter().filter(|o| o.status == status).count()
    }

    /// How many card files hold their card after the run.
    pub fn cards_written(&self) -> usize {
        self.count(Status::Created) + self.count(Status::Replaced) + self.count(Status::Unchanged)
    }

    /// How many stale cards had `action`.
    pub fn stale_count(&self, action: StaleAction) -> usize {
        self.stale.iter().filter(|s| s.action == action).count()
    }

    /// Every card was written (or would be).
    pub fn is_success(&self) -> bool {
        self.failures.is_empty() && self.unreadable.is_empty()
    }
}

/// Told about progress while cards are made; the library never prints.
pub trait Progress: Sync {
    /// `cards` card files are about to be made.
    fn begin(&self, _cards: usize) {}
    /// One more is done.
    fn card_done(&self) {}
    /// All are done.
    fn finish(&self) {}
}

/// Reports nothing.
pub struct Silent;

impl Progress for Silent {}
