//! pullquote turns interview transcripts into branded, correctly attributed quote cards.
//!
//! **One card.** A [`CardRequest`] holds everything a card shows; [`render_card`] draws it on a
//! template at one format and returns the image bytes and the alt text:
//!
//! ```
//! use pullquote::{render_card, CardRequest};
//! use pullquote::encode::ImageKind;
//! use pullquote::template::{Format, Template};
//!
//! let request = CardRequest::new("We stopped chasing followers and **started listening**.", "Ann Lee")
//!     .with_role("head of social media")
//!     .with_organisation("Northfield Museum");
//! let template = Template::builtin("bold")?;
//! let format = Format::by_id("x").expect("a built-in format");
//! let card = render_card(&request, &template, &format, ImageKind::Png)?;
//! assert_eq!((card.width, card.height), (1600, 900));
//! assert!(card.alt_text.starts_with("Quote from Ann Lee"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! **Many cards.** A [`batch::Plan`] lists folders of card requests, each on a template in some
//! formats; [`batch::run`] draws them in parallel and writes the files atomically, with alt
//! texts, a manifest per folder and a review page, skipping unchanged cards and removing the
//! ones the plan no longer makes. [`batch::Plan::add_interviews`] plans the cards of
//! transcripts: read ([`transcript`]), quotes selected ([`select`]), one folder per interview.
//!
//! ```no_run
//! use pullquote::batch::{self, OutputOptions, Plan, Silent};
//! use pullquote::template::{Format, Template};
//! use std::path::{Path, PathBuf};
//! use std::sync::Arc;
//!
//! let template = Arc::new(Template::builtin("paper")?);
//! let formats = vec![Format::by_id("instagram-square").unwrap(), Format::by_id("story").unwrap()];
//! let mut plan = Plan::new(Path::new("out"), OutputOptions::default());
//! let inputs = [PathBuf::from("interview.txt")];
//! plan.add_interviews(&inputs, &Default::default(), &Default::default(), &template, &formats);
//! let report = batch::run(&plan, &Silent);
//! println!("{} cards written", report.cards_written());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The stages underneath run in one direction, one module each: [`transcript`] reads a file
//! into speakers and turns, [`select`] picks and scores quotes, [`card`] turns a quote into
//! what a card shows, [`template`] resolves a YAML layout for one format, [`typeset`] shapes and
//! fits the text into it, [`render`] paints the pixels and [`encode`] makes the file.
//! [`fonts`] and [`locale`] are shared by template and typeset.
//!
//! The command-line interface is the `cli` feature, on by default. A program that uses the
//! library alone can turn it off (`default-features = false`) and builds without clap, glob
//! and indicatif.
#![warn(missing_docs)]

pub mod batch;
pub mod boundary;
pub mod card;
#[cfg(feature = "cli")]
pub mod cli;
pub mod diagnostic;
pub mod encode;
mod fingerprint;
pub mod fonts;
pub mod limits;
pub mod locale;
pub mod proof;
pub mod render;
pub mod select;
pub mod sheet;
mod slug;
#[cfg(feature = "studio")]
pub mod studio;
pub mod template;
pub mod transcript;
pub mod typeset;
pub(crate) mod yaml;

pub use card::{render_card, CardError, CardRequest, RenderedCard};
pub use diagnostic::{Diagnostic, Severity};
