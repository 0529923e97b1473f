//! pullquote turns interview transcripts into branded, correctly attributed quote cards.
//!
//! The pipeline runs in one direction, one module per stage:
//! [`transcript`] reads a file into speakers and turns, [`select`] picks and scores quotes,
//! [`template`] resolves a YAML layout for one output format, [`typeset`] shapes and fits the
//! text into that layout, [`render`] paints the card, [`encode`] turns it into file bytes and
//! [`batch`] runs every quote × format and writes the results.
//!
//! ```no_run
//! use pullquote::{encode, render, select, template, transcript, typeset};
//! let interview = transcript::read("interview.txt".as_ref(), &Default::default())?;
//! let selection = select::select(&interview, &select::SelectOptions::default());
//! let fonts = typeset::FontBook::embedded();
//! let template = template::Template::builtin("paper")?;
//! let format = template::Format::by_id("instagram-square").unwrap();
//! let layout = template.resolve(&format, fonts)?;
//! let content = pullquote::card::CardRequest::from_selection(&selection.quotes[0], &interview).content(None);
//! let card = typeset::compose(&layout, &content, fonts)?;
//! let png = encode::png(&render::render(&card, fonts))?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod batch;
pub mod card;
pub mod cli;
pub mod diagnostic;
pub mod encode;
pub mod fingerprint;
pub mod fonts;
pub mod limits;
pub mod locale;
pub mod proof;
pub mod render;
pub mod select;
pub mod sheet;
pub mod slug;
pub mod template;
pub mod transcript;
pub mod typeset;

pub use diagnostic::{Diagnostic, Severity};
