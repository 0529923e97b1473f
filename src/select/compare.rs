//! Why one pick beat the next: the few features that separate two scored passages, said as an
//! editor would say them ("answers the why question, where quote 3 tells a past story").

use super::features::{Feature, Signal};
use super::score::Scored;
use super::weights::Weights;

/// What a pick is compared with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Next {
    /// The quote shown right after it, by its number in the selection.
    Pick(usize),
    /// The best passage left out of the selection.
    Left,
}

/// Differences smaller than this (in log-odds) do not explain a ranking.
const NOTABLE: f64 = 0.1;
/// How many differences a reason names.
const MOST: usize = 3;

fn signal(scored: &Scored, feature: Feature) -> Option<&Signal> {
    scored.signals.iter().find(|s| s.feature == feature)
}

fn value(scored: &Scored, feature: Feature) -> f64 {
    signal(scored, feature).map_or(0.0, |s| s.value)
}

/// The reason `this` ranks above `next`, or `None` when it does not outscore it (a pick placed
/// for variety says so elsewhere).
pub fn why_above(this: &Scored, next: &Scored, which: Next, weights: &Weights) -> Option<String> {
    let other = match which {
        Next::Pick(n) => format!("quote {n}"),
        Next::Left => "the best passage left out".to_owned(),
    };
    if this.held_back.is_empty() && !next.held_back.is_empty() {
        let flaws: Vec<&str> = next.held_back.iter().map(|f| f.describe()).collect();
        return Some(format!("above {other}, which {}", join(&flaws)));
    }
    if this.rank() <= next.rank() {
        return None;
    }
    let mut differences: Vec<(f64, Feature)> = Feature::ALL
        .iter()
        .map(|&f| (weights.get(f) * (value(this, f) - value(next, f)), f))
        .filter(|&(d, f)| d >= NOTABLE && f != Feature::Speech)
        .collect();
    differences.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    differences.truncate(MOST);
    if differences.is_empty() {
        return Some(format!("above {other} by a little on every count"));
    }
    // A strength this passage has, or a flaw the other one has.
    let (strengths, flaws): (Vec<Feature>, Vec<Feature>) = differences
        .iter()
        .map(|&(_, f)| f)
        .partition(|&f| weights.get(f) > 0.0);
    let said = |scored: &Scored, features: &[Feature]| -> Vec<String> {
        features
            .iter()
            .map(|&f| signal(scored, f).map_or_else(|| f.describe().to_owned(), Signal::describe))
            .collect()
    };
    let mut reason = format!("above {other}");
    if !strengths.is_empty() {
        reason.push_str(&format!(": it {}", join(&said(this, &strengths))));
    }
    if !flaws.is_empty() {
        let sep = if strengths.is_empty() {
            ", which"
        } else {
            "; the other"
        };
        reason.push_str(&format!("{sep} {}", join(&said(next, &flaws))));
    }
    Some(reason)
}

/// `a`, `a and b`, `a, b and c`.
fn join<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_owned(),
        [init @ .., last] => format!(
            "{} and {}",
            init.iter().map(AsRef::as_ref).collect::<Vec<_>>().join(", "),
            last.as_ref()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::select::score::combine;

    fn scored(features: &[(Feature, f64)]) -> Scored {
        let signals = features
            .iter()
            .map(|&(feature, value)| Signal {
                feature,
                value,
                evidence: Vec::new(),
            })
            .collect();
        combine(signals, true, &Weights::default())
    }

    #[test]
    fn a_pick_names_its_strengths_and_the_next_ones_flaws() {
        let this = scored(&[(Feature::ReflectivePrompt, 1.0), (Feature::General, 1.0)]);
        let next = scored(&[(Feature::Past, 2.0)]);
        let reason = why_above(&this, &next, Next::Pick(3), &Weights::default()).unwrap();
        assert!(reason.starts_with("above quote 3: it "), "{reason}");
        assert!(
            reason.contains("answers a why, advice or what-next question"),
            "{reason}"
        );
        assert!(reason.contains("the other tells a past story"), "{reason}");
    }

    #[test]
    fn a_held_back_passage_is_named_for_its_flaw() {
        let this = scored(&[(Feature::Present, 1.0)]);
        let next = scored(&[(Feature::TrailsOff, 1.0), (Feature::Opinion, 1.0)]);
        let reason = why_above(&this, &next, Next::Left, &Weights::default()).unwrap();
        assert_eq!(reason, "above the best passage left out, which trails off");
    }

    #[test]
    fn no_reason_when_the_pick_scores_lower() {
        let this = scored(&[(Feature::Past, 2.0)]);
        let next = scored(&[(Feature::Present, 1.0)]);
        assert_eq!(why_above(&this, &next, Next::Pick(2), &Weights::default()), None);
    }

    #[test]
    fn lists_read_as_prose() {
        assert_eq!(join(&["a"]), "a");
        assert_eq!(join(&["a", "b"]), "a and b");
        assert_eq!(join(&["a", "b", "c"]), "a, b and c");
    }
}
