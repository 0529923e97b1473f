//! The review page: an `index.html` contact sheet of a run, by interview, quote and format, that
//! opens from the file system with no server and copies alt text with one click.

use super::manifest::{CardEntry, Manifest};
use std::fmt::Write;

/// A card that could not be made, shown on the sheet where it would have been.
#[derive(Debug, Clone)]
pub struct MissingCard {
    pub rank: usize,
    pub format: String,
    pub reason: String,
}

/// One interview's part of the sheet.
pub struct Section<'a> {
    pub manifest: &'a Manifest,
    /// The interview's folder, relative to the sheet.
    pub folder: String,
    pub diagnostics: Vec<String>,
    pub missing: Vec<MissingCard>,
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn join_path(folder: &str, file: &str) -> String {
    if folder.is_empty() {
        file.to_owned()
    } else {
        format!("{folder}/{file}")
    }
}

const STYLE: &str = "
:root { color-scheme: light; --ink: #1b2430; --muted: #5a6472; --line: #d9dde3; --warn: #9a5b00; --bad: #b3261e; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, 'Segoe UI', sans-serif; color: var(--ink); background: #f4f5f7; }
header { padding: 20px 28px; background: #fff; border-bottom: 1px solid var(--line); }
header h1 { margin: 0; font-size: 20px; }
header p { margin: 4px 0 0; color: var(--muted); }
main { padding: 12px 28px 40px; }
section.interview { margin-top: 24px; }
section.interview > h2 { font-size: 18px; margin: 0 0 4px; }
.meta { color: var(--muted); margin: 0 0 12px; }
article.quote { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 16px 18px; margin: 14px 0; }
article.quote blockquote { margin: 0 0 6px; font-size: 17px; }
.who { color: var(--muted); margin-bottom: 10px; }
.badge { display: inline-block; font-size: 12px; padding: 1px 8px; border-radius: 999px; background: #eef0f3; margin-right: 6px; }
.alt { display: flex; gap: 10px; align-items: flex-start; background: #f7f8fa; border-radius: 6px; padding: 8px 10px; margin: 8px 0 12px; }
.alt p { margin: 0; flex: 1; }
button { font: inherit; font-size: 13px; padding: 4px 10px; border: 1px solid #b9c0ca; border-radius: 6px; background: #fff; cursor: pointer; white-space: nowrap; }
button:hover { background: #eef0f3; }
.cards { display: flex; flex-wrap: wrap; gap: 14px; align-items: flex-end; }
figure { margin: 0; }
figure img { display: block; max-width: 100%; height: auto; border: 1px solid var(--line); border-radius: 4px; background: #fff; }
figcaption { font-size: 12px; color: var(--muted); margin-top: 4px; }
.warning { color: var(--warn); font-size: 13px; }
.failed { width: 160px; height: 220px; border: 2px dashed var(--bad); border-radius: 4px; color: var(--bad); font-size: 12px; padding: 8px; overflow: hidden; }
ul.diagnostics { color: var(--warn); margin: 6px 0 0; padding-left: 18px; }
";

const SCRIPT: &str = "
document.addEventListener('click', async (event) => {
  const button = event.target.closest('button[data-copy]');
  if (!button) return;
  const text = document.getElementById(button.dataset.copy).textContent;
  try {
    await navigator.clipboard.writeText(text);
  } catch (_) {
    const area = document.createElement('textarea');
    area.value = text;
    document.body.appendChild(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
  const label = button.textContent;
  button.textContent = 'Copied';
  setTimeout(() => { button.textContent = label; }, 1500);
});
";

/// The language of the page: the interviews' own when they share one. The page's own words
/// (counts, buttons, badges) are English and say so with their own `lang`.
fn page_language(sections: &[Section]) -> &'static str {
    let mut known = sections.iter().filter_map(|s| s.manifest.interview.language);
    match known.next() {
        Some(first) if known.all(|l| l == first) => first.code(),
        _ => "en",
    }
}

/// Whether `bytes` are a contact sheet written before sheets were sealed with their hash: it
/// carries the sheet's own script, word for word.
pub fn is_unsealed_sheet(bytes: &[u8]) -> bool {
    std::str::from_utf8(bytes).is_ok_and(|text| {
        text.starts_with("<!doctype html>") && text.contains(SCRIPT) && text.contains(STYLE)
    })
}

/// Renders the contact sheet for `sections`.
pub fn html(title: &str, sections: &[Section]) -> String {
    let mut page = String::new();
    let lang = page_language(sections);
    let cards: usize = sections.iter().map(|s| s.manifest.cards.len()).sum();
    let missing: usize = sections.iter().map(|s| s.missing.len()).sum();
    let _ = write!(
        page,
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<header><h1>{}</h1><p lang=\"en\">{} interview{}, {cards} card{}{}</p></header>\n<main>\n",
        escape(title),
        escape(title),
        sections.len(),
        if sections.len() == 1 { "" } else { "s" },
        if cards == 1 { "" } else { "s" },
        if missing > 0 { format!(", {missing} failed") } else { String::new() },
    );
    let mut alt_id = 0;
    for section in sections {
        let m = section.manifest;
        let section_lang = m
            .interview
            .language
            .map(|l| format!(" lang=\"{}\"", l.code()))
            .unwrap_or_default();
        let _ = write!(
            page,
            "<section class=\"interview\"{section_lang}>\n<h2>{}</h2>\n",
            escape(&m.interview.slug)
        );
        let speakers: Vec<String> = m
            .interview
            .speakers
            .iter()
            .map(|s| match &s.role {
                Some(role) => format!("{} ({role})", s.name),
                None => s.name.clone(),
            })
            .collect();
        let _ = writeln!(
            page,
            "<p class=\"meta\">{}{}</p>",
            escape(&m.interview.source),
            if speakers.is_empty() {
                String::new()
            } else {
                escape(&format!(" · {}", speakers.join(", ")))
            }
        );
        if !section.diagnostics.is_empty() {
            page.push_str("<ul class=\"diagnostics\" lang=\"en\">");
            for d in &section.diagnostics {
                let _ = write!(page, "<li>{}</li>", escape(d));
            }
            page.push_str("</ul>\n");
        }
        let mut ranks: Vec<usize> = m
            .cards
            .iter()
            .map(|c| c.quote.rank)
            .chain(section.missing.iter().map(|c| c.rank))
            .collect();
        ranks.sort_unstable();
        ranks.dedup();
        for rank in ranks {
            let cards: Vec<&CardEntry> = m.cards.iter().filter(|c| c.quote.rank == rank).collect();
            let failed: Vec<&MissingCard> = section.missing.iter().filter(|c| c.rank == rank).collect();
            page.push_str("<article class=\"quote\">\n");
            if let Some(first) = cards.first() {
                let kind = match first.quote.kind {
                    crate::select::QuoteKind::Editor => "editor’s pick",
                    crate::select::QuoteKind::Auto => "found automatically",
                };
                let _ = write!(
                    page,
                    "<blockquote>{}</blockquote>\n<div class=\"who\"><span class=\"badge\">#{rank}</span><span class=\"badge\" lang=\"en\">{kind} · {:.2}</span>{}{}</div>\n",
                    escape(&first.quote.text),
                    first.quote.score,
                    escape(&first.speaker.name),
                    first.speaker.role.as_deref().map(|r| format!(", {}", escape(r))).unwrap_or_default()
                );
                alt_id += 1;
                let _ = writeln!(
                    page,
                    "<div class=\"alt\"><p id=\"alt-{alt_id}\">{}</p><button type=\"button\" lang=\"en\" data-copy=\"alt-{alt_id}\">Copy alt text</button></div>",
                    escape(&first.alt_text)
                );
            } else {
                let _ = writeln!(
                    page,
                    "<div class=\"who\"><span class=\"badge\">#{rank}</span></div>"
                );
            }
            page.push_str("<div class=\"cards\">\n");
            for card in &cards {
                let src = join_path(&section.folder, &card.path);
                let (w, h) = tile_size(card.width, card.height);
                let _ = write!(
                    page,
                    "<figure><a href=\"{0}\"><img src=\"{0}\" alt=\"{1}\" width=\"{w}\" height=\"{h}\" loading=\"lazy\"></a><figcaption>{2} · {3}×{4}</figcaption>",
                    escape(&src),
                    escape(&card.alt_text),
                    escape(&card.format),
                    card.width,
                    card.height
                );
                for w in &card.warnings {
                    let _ = write!(page, "<div class=\"warning\" lang=\"en\">⚠ {}</div>", escape(w));
                }
                page.push_str("</figure>\n");
            }
            for card in failed {
                let _ = writeln!(
                    page,
                    "<figure><div class=\"failed\" lang=\"en\"><strong>not written</strong><br>{}</div><figcaption>{}</figcaption></figure>",
                    escape(&card.reason),
                    escape(&card.format)
                );
            }
            page.push_str("</div>\n</article>\n");
        }
        page.push_str("</section>\n");
    }
    let _ = write!(page, "</main>\n<script>{SCRIPT}</script>\n</body>\n</html>\n");
    page
}

/// Side of a square tile; every tile has this area, keeping its card's aspect ratio, so a story
/// is as present on the page as a square (at one height it looked tiny) and a wide card as wide.
const TILE: f64 = 240.0;

/// A card's tile in CSS px: its aspect ratio at [`TILE`]² area. Known before the image loads,
/// so the page does not jump as lazy thumbnails arrive.
fn tile_size(width: u32, height: u32) -> (u32, u32) {
    let ratio = (f64::from(width.max(1)) / f64::from(height.max(1))).sqrt();
    ((TILE * ratio).round() as u32, (TILE / ratio).round() as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiles_keep_the_card_s_shape_at_one_area() {
        assert_eq!(tile_size(1080, 1080), (240, 240));
        assert_eq!(tile_size(1080, 1920), (180, 320));
        assert_eq!(tile_size(1600, 900), (320, 180));
    }

    #[test]
    fn escapes_text() {
        assert_eq!(
            escape("<b>\"Tom\" & 'Jerry'</b>"),
            "&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;"
        );
    }
}
