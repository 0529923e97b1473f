//! pullquote turns interview transcripts into branded, correctly attributed quote cards.
//!
//! The pipeline runs in one direction, one module per stage:
//! [`transcript`] reads a file into speakers and turns, [`select`] picks and scores quotes,
//! [`template`] resolves a YAML layout for one output format, [`typeset`] shapes and fits the
//! text into that layout, [`render`] paints the card, [`encode`] turns it into file bytes and
//! [`batch`] runs every quote × format and writes the results.
//!
//! ```no_run
//! use pullquote::{select, template, transcript, typeset, render, encode};
//! let interview = transcript::read("interview.txt".as_ref(), &Default::default())?;
//! let quotes = select::select(&interview, &select::SelectOptions::default());
//! let fonts = typeset::FontBook::embedded();
//! let template = template::Template::builtin("paper")?;
//! let format = template::Format::by_id("instagram-square").unwrap();
//! let layout = template.resolve(&format, &fonts)?;
//! let card = typeset::compose(&layout, &quotes[0].card_content(), &fonts)?;
//! let image = render::render(&card, &fonts);
//! let png = encode::png(&image)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod diagnostic;
pub mod slug;
pub mod transcript;

pub use diagnostic::{Diagnostic, Severity};
