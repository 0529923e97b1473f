//! Word `.docx` documents into source lines: one line per paragraph (numbered from 1, as a line
//! would be), tracked deletions and field codes left out, styles read for headings and quotes,
//! whole-paragraph bold or italic kept as a hint, two-column tables read as `label: answer`.

use super::source::{Hint, SourceLine};
use crate::boundary::SafeSlice;
use crate::limits::{self, Kind};
use roxmltree::{Document, Node, ParsingOptions};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/// XML nodes allowed per byte of the part cap: a real document spends far more than 16 bytes per
/// element, an empty-paragraph bomb about 6.
const BYTES_PER_NODE: u64 = 16;

/// Why a Word document could not be read.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum DocxError {
    /// A zip that is not a Word document.
    #[error("the zip archive has no word/document.xml")]
    NotWord,
    /// The zip is damaged.
    #[error("damaged zip archive: {0}")]
    Zip(String),
    /// The document's XML is damaged.
    #[error("word/document.xml is not valid XML: {0}")]
    Xml(String),
    /// A part is over its size or node limit.
    #[error("{name} is too large: {reason}")]
    TooLarge {
        /// The part, or "the document".
        name: String,
        /// The limit it is over, and how to raise it.
        reason: String,
    },
}

/// What a Word document holds for pullquote.
pub struct DocxDocument {
    pub lines: Vec<SourceLine>,
    /// The title in the document's properties.
    pub title: Option<String>,
}

pub fn read(bytes: &[u8]) -> Result<DocxDocument, DocxError> {
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| DocxError::Zip(e.to_string()))?;
    let document = match part(&mut archive, "word/document.xml") {
        Ok(Some(xml)) => xml,
        Ok(None) => return Err(DocxError::NotWord),
        Err(e) => return Err(e),
    };
    // Styles and properties are optional: a document without them still reads.
    let styles = part(&mut archive, "word/styles.xml").ok().flatten();
    let core = part(&mut archive, "docProps/core.xml").ok().flatten();
    let style_names = styles.as_deref().map(style_names).unwrap_or_default();
    let lines = paragraphs(&document, &style_names)?;
    Ok(DocxDocument {
        lines,
        title: core.as_deref().and_then(core_title),
    })
}

fn part(
    archive: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, DocxError> {
    let file = match archive.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(DocxError::Zip(e.to_string())),
    };
    let too_large = |e: limits::ReadError| match e {
        limits::ReadError::Io(e) => DocxError::Zip(format!("{name}: {e}")),
        other => DocxError::TooLarge {
            name: name.to_owned(),
            reason: other.to_string(),
        },
    };
    // The declared size is checked first, and the read is capped too: a zip may lie about it.
    if file.size() > Kind::DocxPart.cap() {
        return Err(too_large(limits::ReadError::too_large(
            Kind::DocxPart,
            Some(file.size()),
        )));
    }
    let bytes = limits::read_capped(file, Kind::DocxPart).map_err(too_large)?;
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|e| DocxError::Xml(format!("{name} is not UTF-8 ({})", e.utf8_error())))
}

fn parse_xml(xml: &str) -> Result<Document<'_>, DocxError> {
    let limit = (Kind::DocxPart.cap() / BYTES_PER_NODE).clamp(1024, u64::from(u32::MAX)) as u32;
    let options = ParsingOptions {
        allow_dtd: false,
        nodes_limit: limit,
        ..ParsingOptions::default()
    };
    Document::parse_with_options(xml, options).map_err(|e| match e {
        roxmltree::Error::NodesLimitReached => DocxError::TooLarge {
            name: "the document".into(),
            reason: format!(
                "more than {limit} XML elements and text pieces (set {} to raise the limit of a Word part)",
                Kind::DocxPart.variable()
            ),
        },
        e => DocxError::Xml(e.to_string()),
    })
}

fn is_w(node: Node, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name && node.tag_name().namespace() == Some(W)
}

fn w_attr<'a>(node: Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attribute((W, name))
}

/// Style id → lower-case style name (`Titre1` → `heading 1` in a French Word).
fn style_names(xml: &str) -> Vec<(String, String)> {
    let Ok(doc) = parse_xml(xml) else {
        return Vec::new();
    };
    doc.descendants()
        .filter(|n| is_w(*n, "style"))
        .filter_map(|style| {
            let id = w_attr(style, "styleId")?;
            let name = style
                .children()
                .find(|c| is_w(*c, "name"))
                .and_then(|n| w_attr(n, "val"))?;
            Some((id.to_owned(), name.to_lowercase()))
        })
        .collect()
}

fn core_title(xml: &str) -> Option<String> {
    let doc = parse_xml(xml).ok()?;
    let title = doc
        .descendants()
        .find(|n| n.is_element() && n.tag_name().name() == "title")?
        .text()?
        .trim()
        .to_owned();
    (!title.is_empty()).then_some(title)
}

/// A paragraph's text and what its formatting says.
#[derive(Clone)]
struct Para {
    text: String,
    emphasised: bool,
    heading: bool,
    block_quote: bool,
}

fn paragraphs(xml: &str, styles: &[(String, String)]) -> Result<Vec<SourceLine>, DocxError> {
    let doc = parse_xml(xml)?;
    let body = doc
        .descendants()
        .find(|n| is_w(*n, "body"))
        .ok_or_else(|| DocxError::Xml("no w:body element".into()))?;
    let mut out = Vec::new();
    let mut number = 0;
    walk_blocks(body, styles, &mut number, &mut out);
    Ok(out)
}

/// Paragraphs and tables in document order; content controls are looked into. An explicit stack,
/// not recursion: a document nested thousands deep must not overflow the thread's stack.
fn walk_blocks(parent: Node, styles: &[(String, String)], number: &mut usize, out: &mut Vec<SourceLine>) {
    let mut stack: Vec<Node> = parent.children().rev().collect();
    while let Some(child) = stack.pop() {
        if is_w(child, "p") {
            *number += 1;
            push_paragraph(read_paragraph(child, styles), *number, out);
        } else if is_w(child, "tbl") {
            for row in child.children().filter(|c| is_w(*c, "tr")) {
                table_row(row, styles, number, out);
            }
        } else if is_w(child, "sdt") || is_w(child, "sdtContent") || is_w(child, "customXml") {
            stack.extend(child.children().rev());
        }
    }
}

/// A two-cell row whose first cell is short reads as `label: text`; other rows cell by cell.
fn table_row(row: Node, styles: &[(String, String)], number: &mut usize, out: &mut Vec<SourceLine>) {
    let cells: Vec<Vec<Para>> = row
        .children()
        .filter(|c| is_w(*c, "tc"))
        .map(|cell| {
            cell.descendants()
                .filter(|p| is_w(*p, "p"))
                .map(|p| read_paragraph(p, styles))
                .collect()
        })
        .collect();
    if let [label, speech] = cells.as_slice() {
        let label_text: Vec<&str> = label
            .iter()
            .map(|p| p.text.trim())
            .filter(|t| !t.is_empty())
            .collect();
        if let ([name], Some(first)) = (label_text.as_slice(), speech.first()) {
            if name.chars().count() <= 40 && !first.text.trim().is_empty() {
                *number += 1;
                let separator = if name.ends_with(':') { " " } else { ": " };
                let joined = Para {
                    text: format!("{name}{separator}{}", first.text),
                    ..first.clone()
                };
                push_paragraph(joined, *number, out);
                for p in speech.iter().skip(1) {
                    *number += 1;
                    push_paragraph(p.clone(), *number, out);
                }
                return;
            }
        }
    }
    for cell in cells {
        for p in cell {
            *number += 1;
            push_paragraph(p, *number, out);
        }
    }
}

/// A paragraph becomes one source line per manual line break in it.
fn push_paragraph(p: Para, number: usize, out: &mut Vec<SourceLine>) {
    for (k, piece) in p.text.split('\n').enumerate() {
        if k > 0 && piece.trim().is_empty() {
            continue;
        }
        out.push(SourceLine {
            text: piece.to_owned(),
            line: number,
            column: 1,
            hint: Hint {
                heading: p.heading,
                block_quote: p.block_quote,
                emphasised: p.emphasised,
                ..Hint::default()
            },
        });
    }
}

fn read_paragraph(p: Node, styles: &[(String, String)]) -> Para {
    let style_id = p
        .children()
        .find(|c| is_w(*c, "pPr"))
        .and_then(|ppr| ppr.children().find(|c| is_w(*c, "pStyle")))
        .and_then(|s| w_attr(s, "val"))
        .unwrap_or("");
    let style = styles
        .iter()
        .find(|(id, _)| id == style_id)
        .map_or_else(|| style_id.to_lowercase(), |(_, name)| name.clone());
    let heading = style == "title" || style.starts_with("heading") || style == "titre";
    let block_quote = style.contains("quote") || style.contains("citation");
    let mut text = String::new();
    let mut runs_with_text = 0;
    let mut emphasised_runs = 0;
    collect_runs(p, &mut text, &mut runs_with_text, &mut emphasised_runs);
    Para {
        text,
        emphasised: runs_with_text > 0 && emphasised_runs == runs_with_text,
        heading,
        block_quote,
    }
}

/// Appends the text of the runs under `node`, skipping deletions, field codes and drawings; in
/// document order, with an explicit stack however deep hyperlinks and smart tags nest.
fn collect_runs(node: Node, text: &mut String, runs: &mut usize, emphasised: &mut usize) {
    let mut stack: Vec<Node> = node.children().rev().collect();
    while let Some(child) = stack.pop() {
        if !child.is_element() || child.tag_name().namespace() != Some(W) {
            // Drawings, text boxes and alternate content repeat or decorate; they are not the text.
            continue;
        }
        match child.tag_name().name() {
            "r" => {
                let before = text.len();
                for piece in child.children().filter(Node::is_element) {
                    if piece.tag_name().namespace() != Some(W) {
                        continue;
                    }
                    match piece.tag_name().name() {
                        "t" => text.push_str(piece.text().unwrap_or("")),
                        "tab" | "ptab" => text.push('\t'),
                        "br" | "cr" => text.push('\n'),
                        "noBreakHyphen" => text.push('\u{2011}'),
                        "softHyphen" => text.push('\u{ad}'),
                        _ => {}
                    }
                }
                if !text.slice(before..).trim().is_empty() {
                    *runs += 1;
                    if run_is_emphasised(child) {
                        *emphasised += 1;
                    }
                }
            }
            "del" | "moveFrom" | "pPr" | "rPr" | "instrText" | "delText" | "footnoteReference" => {}
            _ => stack.extend(child.children().rev()),
        }
    }
}

fn run_is_emphasised(run: Node) -> bool {
    let Some(rpr) = run.children().find(|c| is_w(*c, "rPr")) else {
        return false;
    };
    let on = |name: &str| {
        rpr.children()
            .find(|c| is_w(*c, name))
            .is_some_and(|b| !matches!(w_attr(b, "val"), Some("0" | "false" | "off")))
    };
    on("b") || on("i")
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:pPr><w:pStyle w:val="Titre"/></w:pPr><w:r><w:t>Entretien</w:t></w:r></w:p>
<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Pourquoi </w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:rPr><w:b/></w:rPr><w:t>ça ?</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">AO : Parce </w:t></w:r><w:del><w:r><w:delText>jamais</w:delText></w:r></w:del><w:ins><w:r><w:t>que</w:t></w:r></w:ins><w:r><w:tab/><w:t>voilà.</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>LA</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Oui.</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
</w:body></w:document>"#;

    #[test]
    fn paragraphs_runs_deletions_and_tables() {
        let styles = vec![("Titre".to_owned(), "title".to_owned())];
        let lines = paragraphs(DOC, &styles).unwrap();
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            ["Entretien", "Pourquoi ça ?", "AO : Parce que\tvoilà.", "LA: Oui."]
        );
        assert!(lines[0].hint.heading);
        assert!(lines[1].hint.emphasised);
        assert!(!lines[2].hint.emphasised);
        assert_eq!(lines[3].line, 4);
    }

    #[test]
    fn not_a_zip_is_an_error() {
        assert!(matches!(read(b"PK\x03\x04garbage"), Err(DocxError::Zip(_))));
    }
}
