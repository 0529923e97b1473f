//! Showing a batch report: summary, dry-run listing, JSON, timings and failures.

use super::term;
use crate::batch::{CardError, Outcome, Report, Stage, StaleAction, Status};
use crate::diagnostic::Diagnostic;
use serde::Serialize;

/// The diagnostic shown for a card that failed.
pub fn card_failure(error: &CardError, format: &str) -> Diagnostic {
    match error {
        CardError::Template(t) => (*t.0).clone(),
        other => {
            let d = Diagnostic::error(format!("{format}: {other}"));
            match other.hint() {
                Some(hint) => d.with_hint(hint),
                None => d,
            }
        }
    }
}

fn status_word(status: Status) -> &'static str {
    match status {
        Status::Created => "created",
        Status::Replaced => "replaced",
        Status::Unchanged => "unchanged",
        Status::WouldCreate => "new",
        Status::WouldReplace => "replace",
        Status::WouldConflict => "conflict",
    }
}

/// Errors and warnings, on standard error.
pub fn print_problems(report: &Report) {
    for d in &report.diagnostics {
        term::report(d);
    }
    for unreadable in &report.unreadable {
        term::report(&unreadable.error);
    }
    for failure in &report.failures {
        let mut d = card_failure(&failure.error, &failure.format);
        if failure.rank > 0 {
            d.message = format!("quote {}: {}", failure.rank, d.message);
        }
        term::report(&d.in_file(&failure.source));
    }
}

fn stale_word(action: StaleAction) -> &'static str {
    match action {
        StaleAction::Removed => "removed",
        StaleAction::WouldRemove => "remove",
        StaleAction::Kept => "kept",
        StaleAction::Edited => "edited",
    }
}

/// The cards earlier runs wrote that this plan no longer makes, one per line, on standard error.
pub fn print_stale(report: &Report) {
    for stale in &report.stale {
        let what = match stale.action {
            StaleAction::Removed => "removed stale card",
            StaleAction::WouldRemove => "would remove stale card",
            StaleAction::Kept => "kept stale card",
            StaleAction::Edited => "left stale card (edited since pullquote wrote it)",
        };
        eprintln!("{what} {}", stale.path.display());
    }
}

/// The closing summary line.
pub fn summary(report: &Report, dry_run: bool) -> String {
    let stale = match (
        report.stale_count(StaleAction::Removed) + report.stale_count(StaleAction::WouldRemove),
        report.stale_count(StaleAction::Kept) + report.stale_count(StaleAction::Edited),
    ) {
        (0, 0) => String::new(),
        (removed, 0) => format!(
            ", {removed} stale {}",
            if dry_run { "to remove" } else { "removed" }
        ),
        (0, kept) => format!(", {kept} stale kept"),
        (removed, kept) => format!(
            ", {removed} stale {}, {kept} stale kept",
            if dry_run { "to remove" } else { "removed" }
        ),
    };
    if dry_run {
        return format!(
            "dry run: {} new, {} to replace, {} unchanged, {} conflicting, {} failing{stale}; other files: {} new, {} to replace, {} refused without --force; nothing was written",
            report.count(Status::WouldCreate),
            report.count(Status::WouldReplace),
            report.count(Status::Unchanged),
            report.count(Status::WouldConflict),
            report.failures.len(),
            report.file_count(Status::WouldCreate),
            report.file_count(Status::WouldReplace),
            report.file_count(Status::WouldConflict)
        );
    }
    let mut line = format!(
        "{} cards: {} created, {} replaced, {} unchanged, {} failed{stale}",
        report.cards_written() + report.failures.iter().filter(|f| f.rank > 0).count(),
        report.count(Status::Created),
        report.count(Status::Replaced),
        report.count(Status::Unchanged),
        report.failures.len()
    );
    if let Some(sheet) = &report.contact_sheet {
        line.push_str(&format!("; review them in {}", sheet.display()));
    }
    line
}

/// One line per planned file and per stale card, for `--dry-run`.
pub fn dry_run_listing(report: &Report) -> String {
    let cards = report
        .outcomes
        .iter()
        .map(|o| format!("{:<9} {}\n", status_word(o.status), o.path.display()));
    let files = report
        .files
        .iter()
        .map(|o| format!("{:<9} {}\n", status_word(o.status), o.path.display()));
    let stale = report
        .stale
        .iter()
        .map(|s| format!("{:<9} {}\n", stale_word(s.action), s.path.display()));
    cards.chain(files).chain(stale).collect()
}

/// Stage timings, summed over threads, with the wall time.
pub fn timings(report: &Report, wall: std::time::Duration) -> String {
    let mut out = String::from("timings (summed over threads):\n");
    for stage in Stage::ALL {
        out.push_str(&format!(
            "  {:<8} {:>9.1} ms\n",
            stage.name(),
            report.timings.get(stage).as_secs_f64() * 1e3
        ));
    }
    let cards = report.cards_written().max(1);
    let work: f64 = Stage::ALL
        .iter()
        .map(|&s| report.timings.get(s).as_secs_f64())
        .sum();
    out.push_str(&format!(
        "  wall     {:>9.1} ms ({:.1} ms of work per card)\n",
        wall.as_secs_f64() * 1e3,
        work * 1e3 / cards as f64
    ));
    out
}

#[derive(Serialize)]
struct JsonCard {
    path: String,
    format: String,
    status: &'static str,
}

#[derive(Serialize)]
struct JsonStale {
    path: String,
    action: &'static str,
}

#[derive(Serialize)]
struct JsonFailure {
    source: String,
    rank: usize,
    format: String,
    error: String,
    hint: Option<String>,
}

#[derive(Serialize)]
struct JsonReport {
    success: bool,
    cards: Vec<JsonCard>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    files: Vec<JsonCard>,
    stale: Vec<JsonStale>,
    failures: Vec<JsonFailure>,
    unreadable: Vec<JsonFailure>,
    manifests: Vec<String>,
    contact_sheet: Option<String>,
    diagnostics: Vec<Diagnostic>,
}

fn json_cards(outcomes: &[Outcome]) -> Vec<JsonCard> {
    outcomes
        .iter()
        .map(|o| JsonCard {
            path: o.path.display().to_string(),
            format: o.format.clone(),
            status: status_word(o.status),
        })
        .collect()
}

pub fn json(report: &Report) -> String {
    let value = JsonReport {
        success: report.is_success(),
        cards: json_cards(&report.outcomes),
        files: json_cards(&report.files),
        stale: report
            .stale
            .iter()
            .map(|s| JsonStale {
                path: s.path.display().to_string(),
                action: stale_word(s.action),
            })
            .collect(),
        failures: report
            .failures
            .iter()
            .map(|f| JsonFailure {
                source: f.source.display().to_string(),
                rank: f.rank,
                format: f.format.clone(),
                error: f.error.to_string(),
                hint: f.error.hint(),
            })
            .collect(),
        unreadable: report
            .unreadable
            .iter()
            .map(|u| JsonFailure {
                source: u.path.display().to_string(),
                rank: 0,
                format: String::new(),
                error: u.error.message.clone(),
                hint: u.error.hint.clone(),
            })
            .collect(),
        manifests: report.manifests.iter().map(|p| p.display().to_string()).collect(),
        contact_sheet: report.contact_sheet.as_ref().map(|p| p.display().to_string()),
        diagnostics: report.diagnostics.clone(),
    };
    versioned(&value)
}

/// The version of the shape of every JSON document pullquote prints; it changes only when a
/// field is removed or changes meaning, so scripts can check it.
pub const JSON_VERSION: u32 = 1;

/// `value` as pretty JSON, with `"version"` first.
pub fn versioned(value: &impl Serialize) -> String {
    #[derive(Serialize)]
    struct Versioned<'a, T: Serialize> {
        version: u32,
        #[serde(flatten)]
        value: &'a T,
    }
    serde_json::to_string_pretty(&Versioned {
        version: JSON_VERSION,
        value,
    })
    .expect("JSON output serialises")
}

/// A command that stopped on an error, as JSON: `{"version", "success": false, "error"}`.
pub fn json_error(error: &Diagnostic) -> String {
    #[derive(Serialize)]
    struct JsonError<'a> {
        success: bool,
        error: &'a Diagnostic,
    }
    versioned(&JsonError {
        success: false,
        error,
    })
}
