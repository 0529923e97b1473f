//! A plain-text account of how a transcript was read — metadata, speakers, every turn with its
//! position, editor marks, footer and diagnostics — for `pullquote read` and golden tests.

use super::{Transcript, TurnKind};
use std::fmt::Write;

impl Transcript {
    /// Everything the reader found, one item per line; stable across runs.
    pub fn outline(&self) -> String {
        let mut out = String::new();
        let _ = self.write_outline(&mut out);
        out
    }

    fn write_outline(&self, out: &mut String) -> std::fmt::Result {
        writeln!(
            out,
            "format: {} · encoding: {} · language: {}",
            self.format.name(),
            self.encoding,
            self.language.code()
        )?;
        for (key, value) in [
            ("title", &self.title),
            ("date", &self.date),
            ("source", &self.source),
            ("interviewer", &self.interviewer),
        ] {
            if let Some(value) = value {
                writeln!(out, "{key}: {value}")?;
            }
        }
        writeln!(out, "\nspeakers")?;
        for (id, s) in self.speakers.iter().enumerate() {
            write!(out, "  {id} [{}] {}", s.label, s.name)?;
            if let Some(role) = &s.role {
                write!(out, " — {role}")?;
            }
            if let Some(org) = &s.organisation {
                write!(out, " · {org}")?;
            }
            if let Some(photo) = &s.photo {
                // Relative to the transcript, as front matter writes it: the outline must not
                // depend on where the file was read from.
                let folder = self.path.as_deref().and_then(std::path::Path::parent);
                let shown = folder.and_then(|f| photo.strip_prefix(f).ok()).unwrap_or(photo);
                write!(out, " · photo {}", shown.display())?;
            }
            writeln!(out)?;
        }
        writeln!(out, "\nturns")?;
        for turn in &self.turns {
            let who = match (turn.kind, turn.speaker) {
                (TurnKind::Question, _) => "Q".to_owned(),
                (TurnKind::Answer, Some(id)) => format!("A {}", self.speakers[id].name),
                (TurnKind::Answer, None) => "A ?".to_owned(),
            };
            let label = turn.label.as_deref().map_or(String::new(), |l| format!(" [{l}]"));
            writeln!(out, "  {who}{label}")?;
            for p in &turn.paragraphs {
                writeln!(out, "    {}:{} {}", p.line, p.column, p.text)?;
                for note in &p.notes {
                    writeln!(out, "      note at {}: {}", note.offset, note.removed.trim())?;
                }
            }
        }
        if !self.marks.is_empty() {
            writeln!(out, "\nmarks")?;
            for m in &self.marks {
                write!(out, "  {}:{} {}", m.line, m.column, m.text)?;
                if let Some(credit) = &m.credit {
                    write!(out, " — credit: {credit}")?;
                }
                if let Some(id) = m.speaker {
                    write!(out, " → {}", self.speakers[id].name)?;
                }
                writeln!(out)?;
            }
        }
        if !self.footer.is_empty() {
            writeln!(out, "\nfooter")?;
            for p in &self.footer {
                writeln!(out, "  {}:{} {}", p.line, p.column, p.text)?;
            }
        }
        if !self.diagnostics.is_empty() {
            writeln!(out, "\ndiagnostics")?;
            for d in &self.diagnostics {
                let position = match (d.line, d.column) {
                    (Some(l), Some(c)) => format!("{l}:{c} "),
                    (Some(l), None) => format!("{l} "),
                    _ => String::new(),
                };
                let severity = if d.is_error() { "error" } else { "warning" };
                writeln!(out, "  {severity} {position}{}", d.message)?;
            }
        }
        Ok(())
    }
}
