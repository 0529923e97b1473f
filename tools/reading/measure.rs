//! How well the reader reads real interviews annotated by hand: who speaks (precision of the
//! listed speakers, recall of the interviewees' full names), their roles, and whether the top
//! quotes are credited to the person who said them. The same measures, in the same way, as the
//! `score.py` that ships beside the annotated interviews.

use pullquote::select::{self, SelectOptions};
use pullquote::transcript::{self, fold_accents, ReadOptions};
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Deserialize)]
pub struct Annotation {
    pub speakers: Vec<GoldSpeaker>,
}

#[derive(Debug, Deserialize)]
pub struct GoldSpeaker {
    pub name: Option<String>,
    pub role: Option<String>,
    #[serde(default)]
    pub labels: Option<Vec<String>>,
    #[serde(default)]
    pub interviewer: Option<bool>,
}

impl GoldSpeaker {
    fn asks(&self) -> bool {
        self.interviewer.unwrap_or(false)
    }

    fn labels(&self) -> &[String] {
        self.labels.as_deref().unwrap_or(&[])
    }
}

/// One interview's figures: (hits, total) pairs.
#[derive(Debug, Default, Clone)]
pub struct Score {
    pub id: String,
    pub precision: (usize, usize),
    pub recall: (usize, usize),
    pub roles: (usize, usize),
    pub quotes: (usize, usize),
    pub quote_count: usize,
    pub false_speakers: Vec<String>,
    pub missed: Vec<String>,
    pub quote_errors: Vec<String>,
    pub error: Option<String>,
}

/// Lower case without accents, words joined by single spaces.
pub fn fold(text: &str) -> String {
    let folded = fold_accents(text).to_lowercase();
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn strip_label(label: &str) -> &str {
    label
        .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_' | '#' | '>' | '-'))
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_' | ':'))
}

/// "Vic" for "Vic Chan": a first name and a subset of the name's words.
pub fn name_match(tool: &str, gold: &str) -> bool {
    let (t, g) = (fold(tool), fold(gold));
    if t.is_empty() || g.is_empty() {
        return false;
    }
    if t == g {
        return true;
    }
    let tw: Vec<&str> = t.split(' ').collect();
    let gw: Vec<&str> = g.split(' ').collect();
    tw[0] == gw[0] && tw.iter().all(|w| gw.contains(w))
}

/// The full name, possibly with an honorific before it.
pub fn full_name_match(tool: &str, gold: &str) -> bool {
    let (t, g) = (fold(tool), fold(gold));
    if t.is_empty() || g.is_empty() {
        return false;
    }
    t == g || (g.contains(' ') && t.contains(&g))
}

pub fn role_match(tool: Option<&str>, gold: Option<&str>) -> bool {
    let (t, g) = (fold(tool.unwrap_or("")), fold(gold.unwrap_or("")));
    if t.is_empty() || g.is_empty() {
        return false;
    }
    if t.contains(&g) || g.contains(&t) {
        return true;
    }
    let tw: std::collections::BTreeSet<&str> = t.split(' ').collect();
    let gw: std::collections::BTreeSet<&str> = g.split(' ').collect();
    tw.intersection(&gw).count() as f64 / gw.len().max(1) as f64 >= 0.6
}

/// Quote marks as one apostrophe, no-break spaces as spaces, runs of spaces as one.
fn norm_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let c = match c {
            '“' | '”' | '«' | '»' | '„' | '‘' | '’' | '"' | '\'' | '‚' | '‹' | '›' => '\'',
            '\u{a0}' | '\u{202f}' | '\t' => ' ',
            '…' => {
                out.push_str("...");
                continue;
            }
            c => c,
        };
        if c == ' ' && out.ends_with(' ') {
            continue;
        }
        out.push(c);
    }
    out
}

/// The owner of the nearest label above byte `pos` (labels as the annotations list them); for a
/// single interviewee, unlabelled or under the interviewer's label, that interviewee.
fn gold_speaker_at<'a>(text: &str, pos: usize, speakers: &'a [GoldSpeaker]) -> Option<&'a str> {
    let mut best: Option<(usize, &GoldSpeaker)> = None;
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        if line_start > pos {
            break;
        }
        let lead = line
            .char_indices()
            .take(6)
            .find(|&(_, c)| !(c.is_whitespace() || matches!(c, '*' | '_' | '>' | '#' | '-')))
            .map_or(line.len(), |(i, _)| i);
        let body = &line[lead..];
        for sp in speakers {
            for label in sp.labels() {
                let core = strip_label(label);
                if core.is_empty() || !body.to_lowercase().starts_with(&core.to_lowercase()) {
                    continue;
                }
                let after = &body[core.len().min(body.len())..];
                let after = after
                    .char_indices()
                    .take(5)
                    .find(|&(_, c)| !(c.is_whitespace() || matches!(c, '*' | '_')))
                    .map_or("", |(i, _)| &after[i..]);
                if (after.starts_with(':') || after.starts_with('：'))
                    && line_start + lead < pos
                    && best.is_none_or(|(b, _)| line_start + lead > b)
                {
                    best = Some((line_start + lead, sp));
                }
            }
        }
        line_start += line.len();
    }
    let interviewees: Vec<&GoldSpeaker> = speakers.iter().filter(|s| !s.asks()).collect();
    if let Some((_, owner)) = best {
        if !(owner.asks() && interviewees.len() == 1) {
            return owner.name.as_deref();
        }
    }
    match interviewees.as_slice() {
        [one] => one.name.as_deref(),
        _ => None,
    }
}

/// Reads one interview and scores it against its annotation.
pub fn score(path: &Path, gold: &Annotation) -> Score {
    let id = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut score = Score {
        id,
        ..Score::default()
    };
    let golds: Vec<&GoldSpeaker> = gold.speakers.iter().filter(|s| s.name.is_some()).collect();
    let interviewees: Vec<&GoldSpeaker> = golds.iter().copied().filter(|s| !s.asks()).collect();
    let read = match transcript::read(path, &ReadOptions::default()) {
        Ok(t) => t,
        Err(e) => {
            score.error = Some(e.to_string());
            score.recall = (0, interviewees.len());
            score.roles = (0, interviewees.iter().filter(|s| s.role.is_some()).count());
            return score;
        }
    };
    let names: Vec<String> = read
        .speakers
        .iter()
        .map(|s| {
            if s.name.is_empty() {
                s.label.clone()
            } else {
                s.name.clone()
            }
        })
        .collect();
    let is_real = |n: &str| {
        golds.iter().any(|g| {
            name_match(n, g.name.as_deref().unwrap_or(""))
                || g.labels().iter().any(|l| fold(strip_label(l)) == fold(n))
        })
    };
    score.false_speakers = names.iter().filter(|n| !is_real(n)).cloned().collect();
    score.precision = (names.len() - score.false_speakers.len(), names.len());
    let found: Vec<&str> = interviewees
        .iter()
        .filter_map(|g| g.name.as_deref())
        .filter(|g| names.iter().any(|n| full_name_match(n, g)))
        .collect();
    score.missed = interviewees
        .iter()
        .filter_map(|g| g.name.clone())
        .filter(|g| !found.contains(&g.as_str()))
        .collect();
    score.recall = (found.len(), interviewees.len());
    let with_role: Vec<&&GoldSpeaker> = interviewees.iter().filter(|g| g.role.is_some()).collect();
    let role_hits = with_role
        .iter()
        .filter(|g| {
            read.speakers.iter().any(|s| {
                name_match(&s.name, g.name.as_deref().unwrap_or(""))
                    && role_match(s.role.as_deref(), g.role.as_deref())
            })
        })
        .count();
    score.roles = (role_hits, with_role.len());

    let selection = select::select(&read, &SelectOptions::default());
    score.quote_count = selection.quotes.len();
    let raw = std::fs::read(path).unwrap_or_default();
    let text = norm_text(&String::from_utf8_lossy(&raw));
    let mut judged = 0;
    let mut ok = 0;
    for quote in selection.quotes.iter().take(5) {
        let mut plain = String::new();
        let mut depth = 0;
        for c in quote.text.replace("**", "  ").replace('…', "  ").chars() {
            match c {
                '[' => depth += 1,
                ']' if depth > 0 => {
                    depth -= 1;
                    plain.push_str("  ");
                }
                c if depth == 0 => plain.push(c),
                _ => {}
            }
        }
        let normal = norm_text(&plain);
        let collapsed = normal.split_whitespace().collect::<Vec<_>>().join(" ");
        let probe: String = collapsed.chars().take(40).collect();
        let probe = probe.trim();
        let Some(pos) = (!probe.is_empty()).then(|| text.find(probe)).flatten() else {
            continue;
        };
        let Some(said_by) = gold_speaker_at(&text, pos, &gold.speakers) else {
            continue;
        };
        judged += 1;
        let credited = if quote.speaker.name.is_empty() {
            &quote.speaker.label
        } else {
            &quote.speaker.name
        };
        if name_match(credited, said_by) {
            ok += 1;
        } else {
            let head: String = collapsed.chars().take(60).collect();
            score
                .quote_errors
                .push(format!("{credited:?} for {said_by:?}: {head}"));
        }
    }
    score.quotes = (ok, judged);
    score
}

/// Every `<id>.json` in `dir` with its `<id>.md` or `<id>.txt`.
pub fn interviews(dir: &Path) -> std::io::Result<Vec<(PathBuf, Annotation)>> {
    let mut jsons: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    jsons.sort();
    let mut out = Vec::new();
    for json in jsons {
        let Some(text) = ["md", "txt"]
            .iter()
            .map(|e| json.with_extension(e))
            .find(|p| p.exists())
        else {
            continue;
        };
        let raw = std::fs::read_to_string(&json)?;
        let annotation: Annotation = serde_json::from_str(&raw).map_err(|e| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("{}: {e}", json.display()),
            )
        })?;
        out.push((text, annotation));
    }
    Ok(out)
}

/// The totals over many interviews.
#[derive(Debug, Default)]
pub struct Totals {
    pub precision: (usize, usize),
    pub recall: (usize, usize),
    pub roles: (usize, usize),
    pub quotes: (usize, usize),
    pub no_quotes: usize,
    pub interviews: usize,
}

pub fn totals(scores: &[Score]) -> Totals {
    let mut t = Totals {
        interviews: scores.len(),
        ..Totals::default()
    };
    for s in scores {
        for (sum, part) in [
            (&mut t.precision, s.precision),
            (&mut t.recall, s.recall),
            (&mut t.roles, s.roles),
            (&mut t.quotes, s.quotes),
        ] {
            sum.0 += part.0;
            sum.1 += part.1;
        }
        t.no_quotes += usize::from(s.quote_count == 0);
    }
    t
}

pub fn percent((a, b): (usize, usize)) -> String {
    if b == 0 {
        "n/a".into()
    } else {
        format!("{:.0}%", 100.0 * a as f64 / b as f64)
    }
}

impl Totals {
    /// The summary line, as `score.py` prints it.
    pub fn line(&self) -> String {
        format!(
            "reading P={} R={} roles={} quotes-ok={}/{} no-quotes={}/{}",
            percent(self.precision),
            percent(self.recall),
            percent(self.roles),
            self.quotes.0,
            self.quotes.1,
            self.no_quotes,
            self.interviews
        )
    }
}
