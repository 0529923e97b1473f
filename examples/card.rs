//! One quote card from a Rust program, through the library alone: a card request, a built-in
//! template and a format in, PNG bytes and alt text out. No command line is involved, so this
//! builds without the `cli` feature:
//!
//! ```sh
//! cargo run --example card --no-default-features -- card.png
//! ```

use pullquote::encode::ImageKind;
use pullquote::template::{Format, Template};
use pullquote::transcript::Language;
use pullquote::{render_card, CardRequest};
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let output = std::env::args_os()
        .nth(1)
        .map_or_else(|| PathBuf::from("card.png"), PathBuf::from);

    // `**…**` and highlights are drawn with the template's emphasis.
    let mut request = CardRequest::new(
        "On ne communique plus, on converse avec les habitants.",
        "Camille Ferrand",
    )
    .with_role("directrice de la communication")
    .with_organisation("Ville de Montauban")
    .with_language(Language::French);
    request.highlight(&["converse".to_owned()]);

    let template = Template::builtin("paper")?;
    let format = Format::by_id("instagram-portrait").ok_or("unknown format")?;
    let card = render_card(&request, &template, &format, ImageKind::Png)?;

    std::fs::write(&output, &card.bytes)?;
    println!("{} ({}×{})", output.display(), card.width, card.height);
    println!("alt: {}", card.alt_text);
    for warning in &card.warnings {
        eprintln!("warning: {warning}");
    }
    Ok(())
}
