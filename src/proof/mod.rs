//! Proofs of a template: sample quotes (short, medium, long) set on every format, the checks a
//! designer needs before publishing (legibility, contrast, fit) and a labelled contact sheet.

mod sheet;

pub use sheet::{contact_sheet, Tile};

use crate::card::CardRequest;
use crate::diagnostic::{Diagnostic, Severity};
use crate::fonts::FontBook;
use crate::render::{self, contrast};
use crate::template::{Format, Template, TemplateError};
use crate::transcript::Language;
use crate::typeset::{self, Card, TypesetError};
use image::{RgbImage, RgbaImage};
use std::sync::Arc;

/// A sample quote used to proof templates.
#[derive(Debug, Clone, Copy)]
pub struct Sample {
    /// `short`, `medium` or `long`: names the proof files.
    pub name: &'static str,
    /// The quote.
    pub quote: &'static str,
    /// Who said it.
    pub speaker: &'static str,
    /// Their role.
    pub role: &'static str,
    /// Their organisation.
    pub organisation: &'static str,
    /// The quote's language.
    pub language: Language,
}

/// Short, medium and long quotes, in both languages the typography knows, each with emphasised
/// words so that proofs show the template's emphasis style.
pub const SAMPLES: &[Sample] = &[
    Sample {
        name: "short",
        quote: "On ne communique plus, on **converse**.",
        speaker: "Camille Ferrand",
        role: "directrice de la communication",
        organisation: "Ville de Montauban",
        language: Language::French,
    },
    Sample {
        name: "medium",
        quote: "People don’t share a press release. They share a sentence that sounds like **somebody they trust**.",
        speaker: "Jonathan Okafor",
        role: "head of social media",
        organisation: "Northfield Museum",
        language: Language::English,
    },
    Sample {
        name: "long",
        quote: "Pendant la crise, nous avons publié moins mais mieux : une information vérifiée chaque matin, les mêmes visages, les mêmes mots, et une réponse à chaque question posée en commentaire. **La confiance** s’est construite là, pas dans les campagnes.",
        speaker: "Ludivine Marchetti-Roussel",
        role: "responsable stratégie éditoriale et réseaux sociaux",
        organisation: "Région Occitanie / Pyrénées-Méditerranée",
        language: Language::French,
    },
];

/// A quote as long as the selection keeps (300 characters): `templates check` sets it on every
/// format to find stacks whose other children leave the quote too little room.
pub const LONGEST: Sample = Sample {
    name: "300-character",
    quote: "Nous avons arrêté de publier pour publier. Chaque message répond désormais à une question que les habitants nous posent vraiment, **avec leurs mots**, et nous gardons la même voix du lundi au dimanche. Les chiffres ont baissé le premier mois, puis l’engagement a doublé, parce que les gens reconnaissent enfin quelqu’un.",
    speaker: "Ludivine Marchetti-Roussel",
    role: "responsable stratégie éditoriale et réseaux sociaux",
    organisation: "Région Occitanie / Pyrénées-Méditerranée",
    language: Language::French,
};

impl Sample {
    /// The sample as a card request, with a title, kicker and date for templates that show them.
    pub fn request(&self) -> CardRequest {
        let kicker = match self.language {
            Language::French => "Entretien",
            _ => "Interview",
        };
        CardRequest::new(self.quote, self.speaker)
            .with_role(self.role)
            .with_organisation(self.organisation)
            .with_title("Social media in public service")
            .with_kicker(kicker)
            .with_date("12 March 2026")
            .with_language(self.language)
    }
}

/// Why a proof card could not be drawn.
#[derive(Debug, thiserror::Error)]
pub enum ProofError {
    /// The template cannot be laid out at this format.
    #[error(transparent)]
    Template(#[from] TemplateError),
    /// The sample does not fit, or a character has no font.
    #[error(transparent)]
    Typeset(#[from] TypesetError),
}

/// One sample set on one format.
pub struct ProofCard {
    /// The sample's name.
    pub sample: &'static str,
    /// The format, at the proof's scale.
    pub format: Format,
    /// The laid-out card and its pixels.
    pub result: Result<(Card, RgbImage), ProofError>,
}

/// Sets every sample on every format, at `scale` of the real size.
pub fn proofs(
    template: &Template,
    formats: &[Format],
    scale: f32,
    photo: Option<Arc<RgbaImage>>,
) -> Vec<ProofCard> {
    let fonts = FontBook::embedded();
    let mut cards = Vec::new();
    for sample in SAMPLES {
        let content = sample.request().content(photo.clone());
        for format in formats {
            let scaled = format.scaled(scale);
            let result = template
                .resolve(&scaled, fonts)
                .map_err(ProofError::from)
                .and_then(|layout| Ok(typeset::compose(&layout, &content, fonts)?))
                .map(|card| {
                    let image = render::render(&card, fonts);
                    (card, image)
                });
            cards.push(ProofCard {
                sample: sample.name,
                format: format.clone(),
                result,
            });
        }
    }
    cards
}

/// Warnings merged by kind and place, each listing the formats it occurs on.
#[derive(Default)]
struct Merged {
    warnings: Vec<(&'static str, Diagnostic, Vec<&'static str>)>,
}

impl Merged {
    fn add(&mut self, kind: &'static str, d: Diagnostic, format: &'static str) {
        let same = |(k, w, _): &&mut (&str, Diagnostic, Vec<&str>)| {
            *k == kind && (&w.file, w.line, w.column) == (&d.file, d.line, d.column)
        };
        match self.warnings.iter_mut().find(same) {
            Some((_, _, on)) if !on.contains(&format) => on.push(format),
            Some(_) => {}
            None => self.warnings.push((kind, d, vec![format])),
        }
    }

    /// Text that may get too small, from resolving the template on each format.
    fn add_layout(&mut self, template: &Template, formats: &[Format]) {
        for format in formats {
            if let Ok(layout) = template.resolve(format, FontBook::embedded()) {
                for w in layout.warnings {
                    self.add("size", w, format.id);
                }
            }
        }
    }

    /// Stacks whose children outgrow their box on a sample: one warning per stack, at its line,
    /// naming the worst case (child, pixels, format, sample) and the other formats it happens on.
    fn add_spills(&mut self, template: &Template, spills: Vec<Spill>) {
        let mut stacks: Vec<&str> = spills.iter().map(|s| s.overflow.element.as_str()).collect();
        stacks.dedup();
        let mut seen = Vec::new();
        for stack in stacks {
            if seen.contains(&stack) {
                continue;
            }
            seen.push(stack);
            let mut here: Vec<&Spill> = spills.iter().filter(|s| s.overflow.element == stack).collect();
            here.sort_by(|a, b| b.overflow.by().total_cmp(&a.overflow.by()));
            let worst = here[0];
            let mut message = format!(
                "{} on format `{}` with the {} sample quote",
                worst.overflow.describe(),
                worst.format,
                worst.sample
            );
            let others: Vec<String> = here[1..]
                .iter()
                .map(|s| format!("{} {} ({:.0} px)", s.format, s.sample, s.overflow.by()))
                .collect();
            if !others.is_empty() {
                message.push_str(&format!("; also on {}", others.join(", ")));
            }
            let d = template
                .locate(stack, Severity::Warning, message)
                .with_hint(TypesetError::overflow_hint());
            self.warnings.push(("overflow", d, Vec::new()));
        }
    }

    fn finish(self) -> Vec<Diagnostic> {
        self.warnings
            .into_iter()
            .map(|(_, mut d, on)| {
                if on.is_empty() {
                    return d;
                }
                if on.len() > 1 || !d.message.contains(on[0]) {
                    d.message = format!("{} (formats: {})", d.message, on.join(", "));
                }
                d
            })
            .collect()
    }
}

/// Warnings found by resolving the template alone (text that may get too small), without
/// drawing any card: what a live preview can afford to check on every save.
pub fn layout_warnings(template: &Template, formats: &[Format]) -> Vec<Diagnostic> {
    let mut merged = Merged::default();
    merged.add_layout(template, formats);
    let mut all = template.font_coverage();
    all.extend(merged.finish());
    all
}

/// A stack that outgrew its box on one sample and format, at full size.
struct Spill {
    overflow: typeset::Overflow,
    format: &'static str,
    sample: &'static str,
}

/// Warnings about a template that loads: characters its brand fonts lack, text that may get too
/// small, stacks whose children outgrow their box, text whose contrast with the pixels behind it
/// is below WCAG AA; and errors for sample quotes that do not fit a format or whose stack spills
/// off the card or over another element.
pub fn lint(template: &Template, formats: &[Format]) -> Vec<Diagnostic> {
    let fonts = FontBook::embedded();
    // One warning per problem and place, listing the formats it occurs on.
    let mut warnings = Merged::default();
    warnings.add_layout(template, formats);
    // Fit is checked at full size; contrast on half-size proofs, as the ratio barely depends on
    // the scale and painting is most of the cost.
    let mut spills = Vec::new();
    for sample in SAMPLES.iter().chain([&LONGEST]) {
        let preview = sample.name != LONGEST.name;
        for format in formats {
            let fit = template
                .resolve(format, fonts)
                .map_err(ProofError::from)
                .and_then(|layout| Ok(typeset::compose(&layout, &sample.request().content(None), fonts)?));
            let e = match fit {
                Ok(card) => {
                    spills.extend(card.overflows.into_iter().map(|overflow| Spill {
                        overflow,
                        format: format.id,
                        sample: sample.name,
                    }));
                    continue;
                }
                Err(ProofError::Typeset(e)) => e,
                Err(ProofError::Template(_)) => continue,
            };
            // The longest quote may not fit wide formats at a readable size: that is the size
            // warning's business. Its stack spilling over the card is worth knowing.
            let severity = match (&e, preview) {
                (_, true) => Severity::Error,
                (TypesetError::Overflows { .. }, false) => Severity::Warning,
                (_, false) => continue,
            };
            // A sample that cannot be drawn fails `templates preview`, so it is an error here too.
            let message = format!("the {} sample quote: {e}", sample.name);
            let d = match &e {
                TypesetError::DoesNotFit { element, .. } => template.locate(element, severity, message),
                TypesetError::Overflows { overflow, .. } => {
                    template.locate(&overflow.element, severity, message)
                }
                _ => {
                    let mut d = Diagnostic::error(message).in_file(&template.origin.display_path());
                    d.severity = severity;
                    d
                }
            };
            let kind = if preview { "fit" } else { "longest" };
            warnings.add(kind, d.with_hint(e.hint()), format.id);
        }
    }
    warnings.add_spills(template, spills);
    for proof in proofs(template, formats, 0.5, None) {
        // Cards that could not be drawn were reported above.
        let Ok((card, _)) = &proof.result else {
            continue;
        };
        for text in contrast::text_contrast(card, fonts) {
            if text.passes() {
                continue;
            }
            let message = format!(
                "text contrast {:.1}:1 is below WCAG AA ({}:1 for {} text) on the pixels behind it",
                text.ratio,
                text.required(),
                if text.large { "large" } else { "normal" }
            );
            let d = template
                .locate(&text.element, Severity::Warning, message)
                .with_hint(
                    "darken or lighten the text colour, or add a tint, darkening or a scrim behind it",
                );
            warnings.add("contrast", d, proof.format.id);
        }
    }
    let mut all = template.font_coverage();
    all.extend(warnings.finish());
    all
}
