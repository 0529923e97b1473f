//! Quotes from a spreadsheet: a CSV or TSV file with one card per row, as a team keeps them in a
//! shared sheet, in whatever delimiter and encoding the spreadsheet saved it. Columns: `quote`,
//! `name`, `role`, and optionally `organisation`, `format`, `template`, `lang`, `highlight`,
//! `photo`, `date`, `kicker` and `id`.

use crate::diagnostic::Diagnostic;
use crate::transcript::Language;
use std::path::Path;

/// One row of the sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetRow {
    /// 1-based line in the file.
    pub line: usize,
    /// The row's `id` column, or its position.
    pub id: String,
    /// The quote (`**` marks emphasis).
    pub quote: String,
    /// The speaker's name.
    pub name: String,
    /// Their role.
    pub role: Option<String>,
    /// Their organisation.
    pub organisation: Option<String>,
    /// Formats named in the row (`format` column, comma or semicolon separated).
    pub formats: Vec<String>,
    /// A built-in template or a template file, relative to the sheet.
    pub template: Option<String>,
    /// The row's language (`lang` column).
    pub language: Option<Language>,
    /// Words of the quote to emphasise.
    pub highlight: Vec<String>,
    /// The speaker's portrait, relative to the sheet's folder.
    pub photo: Option<String>,
    /// The date the card prints.
    pub date: Option<String>,
    /// A short label above the quote.
    pub kicker: Option<String>,
}

const COLUMNS: &[&str] = &[
    "quote",
    "name",
    "role",
    "organisation",
    "format",
    "template",
    "lang",
    "highlight",
    "photo",
    "date",
    "kicker",
    "id",
];

fn column_name(header: &str) -> Option<&'static str> {
    let h = header.trim().trim_start_matches('\u{FEFF}').to_lowercase();
    let canonical = match h.as_str() {
        "quote" | "text" | "citation" => "quote",
        "name" | "speaker" | "nom" => "name",
        "role" | "rôle" | "title" => "role",
        "organisation" | "organization" | "org" => "organisation",
        "format" | "formats" => "format",
        "template" => "template",
        "lang" | "language" | "langue" => "lang",
        "highlight" | "highlights" => "highlight",
        "photo" | "portrait" => "photo",
        "date" => "date",
        "kicker" | "surtitre" => "kicker",
        "id" => "id",
        _ => return None,
    };
    COLUMNS.iter().copied().find(|c| *c == canonical)
}

fn sheet_error(path: &Path, line: Option<usize>, message: String) -> Box<Diagnostic> {
    let mut d = Diagnostic::error(message).in_file(path);
    if let Some(line) = line {
        d = d.at_line(line);
    }
    Box::new(
        d.with_hint("a sheet needs a header row with at least the columns quote, name (and usually role)"),
    )
}

fn reader(text: &str, delimiter: u8, has_headers: bool) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(has_headers)
        .flexible(true)
        // Tab-separated exports do not quote cells; a `"` there is part of the text.
        .quoting(delimiter != b'\t')
        .from_reader(text.as_bytes())
}

/// The delimiter of a sheet: tab for `.tsv`; otherwise whichever of `,`, `;` and tab splits the
/// header row into the most known column names (a French Excel saves "CSV" with `;`), then into
/// the most cells.
fn sniff_delimiter(text: &str, path: &Path) -> u8 {
    if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("tsv")) {
        return b'\t';
    }
    let mut best = ((0, 0), b',');
    for delimiter in [b',', b';', b'\t'] {
        let Some(Ok(header)) = reader(text, delimiter, false).records().next() else {
            continue;
        };
        let known = header.iter().filter(|h| column_name(h).is_some()).count();
        if (known, header.len()) > best.0 {
            best = ((known, header.len()), delimiter);
        }
    }
    best.1
}

/// Reads the rows of a sheet: comma-, semicolon- or tab-separated (see [`sniff_delimiter`]),
/// UTF-8 with or without a byte-order mark, UTF-16, or Windows-1252.
pub fn read(path: &Path) -> Result<Vec<SheetRow>, Box<Diagnostic>> {
    let bytes = crate::limits::read(path, crate::limits::Kind::Sheet).map_err(|e| {
        Box::new(
            Diagnostic::error(format!("failed to read sheet `{}` ({})", path.display(), e))
                .with_hint("check the path; `pullquote render - -o DIR` reads a sheet from standard input"),
        )
    })?;
    parse(&bytes, path)
}

/// Reads the rows of a sheet's bytes, as [`read`] does; `path` names it in messages (and a
/// `.tsv` name means tabs).
pub fn parse(bytes: &[u8], path: &Path) -> Result<Vec<SheetRow>, Box<Diagnostic>> {
    let text = crate::transcript::decode(bytes, None)
        .map_err(|e| {
            sheet_error(
                path,
                None,
                format!("failed to read sheet `{}` ({e})", path.display()),
            )
        })?
        .text;
    let delimiter = sniff_delimiter(&text, path);
    let mut reader = reader(&text, delimiter, true);
    let headers = reader
        .headers()
        .map_err(|e| sheet_error(path, Some(1), format!("unreadable header row ({e})")))?
        .clone();
    let columns: Vec<Option<&str>> = headers.iter().map(column_name).collect();
    for required in ["quote", "name"] {
        if !columns.contains(&Some(required)) {
            return Err(sheet_error(
                path,
                Some(1),
                format!(
                    "the header row has no `{required}` column (found: {})",
                    headers.iter().collect::<Vec<_>>().join(", ")
                ),
            ));
        }
    }
    let mut rows = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            let line = e.position().map(|p| p.line() as usize);
            sheet_error(path, line, format!("unreadable row ({e})"))
        })?;
        let line = record.position().map_or(index + 2, |p| p.line() as usize);
        let get = |name: &str| -> Option<String> {
            columns
                .iter()
                .position(|c| *c == Some(name))
                .and_then(|i| record.get(i))
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
        };
        let list = |name: &str| -> Vec<String> {
            get(name)
                .map(|v| {
                    v.split([',', ';'])
                        .map(|s| s.trim().to_owned())
                        .filter(|s| !s.is_empty())
                        .collect()
                })
                .unwrap_or_default()
        };
        if record.iter().all(|v| v.trim().is_empty()) {
            continue;
        }
        let quote =
            get("quote").ok_or_else(|| sheet_error(path, Some(line), "this row has no quote".into()))?;
        let name = get("name")
            .ok_or_else(|| sheet_error(path, Some(line), "this row has no speaker name".into()))?;
        let language = match get("lang") {
            None => None,
            Some(code) => Some(Language::from_code(&code).ok_or_else(|| {
                sheet_error(
                    path,
                    Some(line),
                    format!("unknown language `{code}`: expected fr or en"),
                )
            })?),
        };
        rows.push(SheetRow {
            line,
            id: get("id").unwrap_or_else(|| format!("{:03}", rows.len() + 1)),
            quote,
            name,
            role: get("role"),
            organisation: get("organisation"),
            formats: list("format"),
            template: get("template"),
            language,
            highlight: list("highlight"),
            photo: get("photo"),
            date: get("date"),
            kicker: get("kicker"),
        });
    }
    if rows.is_empty() {
        return Err(sheet_error(
            path,
            None,
            format!("sheet `{}` has no rows", path.display()),
        ));
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_csv_with_optional_columns() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("q.csv");
        std::fs::write(&path, "Quote,Name,Role,Format\n\"On a tout essayé, vraiment.\",Anne Roux,maire,\"x;story\"\nShort one.,Tom Becker,,\n").unwrap();
        let rows = read(&path).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].quote, "On a tout essayé, vraiment.");
        assert_eq!(rows[0].formats, ["x", "story"]);
        assert_eq!(rows[0].id, "001");
        assert_eq!(rows[1].role, None);
        assert_eq!(rows[1].line, 3);
    }

    #[test]
    fn reads_tsv_and_reports_missing_columns() {
        let dir = tempfile::tempdir().unwrap();
        let tsv = dir.path().join("cards.tsv");
        std::fs::write(
            &tsv,
            "id\tquote\tname\trole\n049\t« Oui », dit-elle.\tAnne Roux\tmaire\n",
        )
        .unwrap();
        let rows = read(&tsv).unwrap();
        assert_eq!(rows[0].id, "049");
        assert_eq!(rows[0].quote, "« Oui », dit-elle.");
        let bad = dir.path().join("bad.csv");
        std::fs::write(&bad, "text,role\nhello,x\n").unwrap();
        let error = read(&bad).unwrap_err();
        assert!(error.message.contains("no `name` column"), "{}", error.message);
    }
}
