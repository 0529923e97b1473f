//! The quotability score: a weighted sum of explainable features, each with a human-readable reason.
//!
//! Features follow what predicts editors' pull quotes (voice and stance over topic, general over
//! specific, self-contained, not a question); sentiment and summary-centrality are left out
//! because they predict nothing. The score is `logistic(bias + Σ weight × value)`; every term
//! that moves it shows up as a reason such as `+0.60 first-person voice (je, nous)`.

use super::features::{measure, Context, Feature, Passage, Signal};
use super::weights::Weights;
use crate::transcript::Language;

/// A scored passage: a probability-like score in 0..1 and the reasons behind it.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    /// `logistic(logit)`, rounded to three decimals for display.
    pub score: f64,
    /// The unrounded sum of weighted features, used for ranking.
    pub logit: f64,
    pub reasons: Vec<String>,
    pub signals: Vec<Signal>,
    /// The hard features that hold the passage back from the top picks, if any.
    pub held_back: Vec<Feature>,
}

/// How far a held-back passage falls in the ranking: below every passage that is not.
const HELD_BACK: f64 = 100.0;

impl Scored {
    /// The value passages are ranked by: the log-odds, with held-back passages after the rest.
    pub fn rank(&self) -> f64 {
        if self.held_back.is_empty() {
            self.logit
        } else {
            self.logit - HELD_BACK
        }
    }
}

/// Scores `passage` (one to three sentences).
pub fn score(passage: Passage, language: Language, context: Context, weights: &Weights) -> Scored {
    let signals = measure(passage, language, context);
    combine(signals, passage.speech.is_none(), weights)
}

/// Adds up weighted signals into a score with reasons, strongest first. `all_speech`: the passage
/// is (part of) an answer, not prose with quotations in it.
pub fn combine(signals: Vec<Signal>, all_speech: bool, weights: &Weights) -> Scored {
    let mut logit = weights.bias;
    let mut terms: Vec<(f64, usize, String)> = Vec::new();
    // Only answers are held back: in an article, a quotation that opens on `It` stands in the
    // article's own context, and editors do set such lines apart.
    let held_back: Vec<Feature> = signals
        .iter()
        .filter(|s| all_speech && s.feature.is_hard() && s.value > 0.0)
        .map(|s| s.feature)
        .collect();
    for (i, signal) in signals.iter().enumerate() {
        let contribution = weights.get(signal.feature) * signal.value;
        logit += contribution;
        // An answer is all speech; saying so on every quote would explain nothing.
        let uninformative = all_speech && signal.feature == Feature::Speech;
        // Terms under 0.02 move the score by less than its display precision shows.
        if contribution.abs() >= 0.02 && !uninformative {
            terms.push((contribution, i, signal.describe()));
        }
    }
    terms.sort_by(|a, b| b.0.abs().total_cmp(&a.0.abs()).then(a.1.cmp(&b.1)));
    let mut reasons: Vec<String> = held_back
        .iter()
        .map(|f| format!("held back: {}", f.describe()))
        .collect();
    reasons.extend(
        terms
            .into_iter()
            .map(|(c, _, what)| format!("{}{c:.2} {what}", if c >= 0.0 { "+" } else { "" })),
    );
    Scored {
        score: (logistic(logit) * 1000.0).round() / 1000.0,
        logit,
        reasons,
        signals,
        held_back,
    }
}

pub fn logistic(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str, language: Language) -> Scored {
        let passage = Passage {
            text,
            speech: None,
            cut: false,
            sentences: 1,
            ..Passage::default()
        };
        score(passage, language, Context::default(), &Weights::default())
    }

    fn has(scored: &Scored, needle: &str) -> bool {
        scored.reasons.iter().any(|r| r.contains(needle))
    }

    #[test]
    fn reasons_carry_signed_weights_and_evidence() {
        let scored = s("J’ai toujours pensé que c’était possible.", Language::French);
        let weight = Weights::default().get(Feature::FirstPerson);
        let expected = format!("{weight:+.2} speaks in the first person (j’)");
        assert!(has(&scored, &expected), "{expected} in {:?}", scored.reasons);
        assert!(
            has(&scored, "speaks in absolutes (toujours)"),
            "{:?}",
            scored.reasons
        );
        assert!(
            has(&scored, "tells a past story (ai pensé, était)"),
            "{:?}",
            scored.reasons
        );
        assert!(!has(&scored, "direct speech"));
    }

    #[test]
    fn reasons_add_up_to_the_score() {
        let scored = s(
            "We never stopped, but it was hard (really hard).",
            Language::English,
        );
        let sum: f64 = scored
            .reasons
            .iter()
            .filter_map(|r| r.split_whitespace().next().unwrap().parse::<f64>().ok())
            .sum();
        let weights = Weights::default();
        let baseline = weights.bias + weights.get(Feature::Speech);
        let hidden_or_rounded = 0.02 * Feature::ALL.len() as f64;
        assert!((baseline + sum - scored.logit).abs() < hidden_or_rounded);
        assert!((logistic(scored.logit) - scored.score).abs() < 0.001);
    }

    #[test]
    fn leading_connective_is_penalised() {
        let dependent = s(
            "Et l’idée c’est justement d’y impliquer les jeunes.",
            Language::French,
        );
        let standalone = s(
            "L’idée c’est justement d’y impliquer les jeunes.",
            Language::French,
        );
        assert!(has(&dependent, "connective"));
        assert!(dependent.score < standalone.score);
    }

    #[test]
    fn questions_and_specifics_score_low() {
        let question = s(
            "What would you tell a student who wants to do this job?",
            Language::English,
        );
        let claim = s(
            "I would tell any student that this job is about listening first.",
            Language::English,
        );
        assert!(question.score < claim.score);
        // Figures and names count against a passage with any weights that give them a penalty.
        let mut weights = Weights::zero();
        weights.set(Feature::Figures, -0.3);
        weights.set(Feature::Names, -0.6);
        let with = |text| {
            let passage = Passage {
                text,
                speech: None,
                cut: false,
                sentences: 1,
                ..Passage::default()
            };
            score(passage, Language::English, Context::default(), &weights)
        };
        let specific = with("In 2021 we had 45,000 followers in Toulouse.");
        let general = with("We had far more followers than we ever hoped.");
        assert!(specific.logit < general.logit);
        assert!(
            specific
                .reasons
                .iter()
                .any(|r| r.contains("-0.60 is tied to figures or dates")),
            "{:?}",
            specific.reasons
        );
        // The built-in weights keep every designed sign.
        let built_in = Weights::default();
        assert!(built_in.get(Feature::Figures) < 0.0 && built_in.get(Feature::Names) < 0.0);
    }

    #[test]
    fn passages_no_editor_would_show_are_held_back_below_the_rest() {
        let trailing = s(
            "I think we always did our best on housing, on schools, on transport…",
            Language::English,
        );
        assert_eq!(trailing.held_back, [Feature::TrailsOff]);
        assert_eq!(trailing.reasons[0], "held back: trails off");
        let plain = s("We did our work.", Language::English);
        assert!(plain.held_back.is_empty());
        assert!(trailing.rank() < plain.rank(), "held back whatever its score");
        assert!(trailing.logit > plain.logit - 50.0);
    }

    #[test]
    fn scores_are_deterministic_and_bounded() {
        let a = s("We never give up on a story.", Language::English);
        let b = s("We never give up on a story.", Language::English);
        assert_eq!(a, b);
        assert!((0.0..=1.0).contains(&a.score));
    }
}
