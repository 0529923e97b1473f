//! Ranking for variety: maximal marginal relevance, so a selection does not hold five versions of
//! one idea and spreads across speakers and answers, while the best passage still comes first.

/// What the ranking needs to know about one passage.
#[derive(Debug, Clone)]
pub struct Item {
    /// Quotability in 0..1, relative to the other candidates (the best is 1).
    pub relevance: f64,
    pub speaker: Option<usize>,
    /// The answer (turn) it comes from.
    pub answer: usize,
    /// Its content words, sorted and deduplicated.
    pub words: Vec<String>,
}

/// How much relevance counts against redundancy (1.0 ranks by relevance alone).
pub const LAMBDA: f64 = 0.8;

/// Similarity of two passages in 0..1: shared content words, plus a share for the same speaker
/// and the same answer, which make two quotes feel alike on a feed.
pub fn similarity(a: &Item, b: &Item) -> f64 {
    let shared = a
        .words
        .iter()
        .filter(|w| b.words.binary_search(w).is_ok())
        .count();
    let norm = ((a.words.len() * b.words.len()) as f64).sqrt();
    let cosine = if norm > 0.0 { shared as f64 / norm } else { 0.0 };
    let same_speaker = if a.speaker.is_some() && a.speaker == b.speaker {
        0.05
    } else {
        0.0
    };
    let same_answer = if a.answer == b.answer { 0.15 } else { 0.0 };
    (cosine + same_speaker + same_answer).min(1.0)
}

/// One pick: the index of the chosen item, and the earlier pick whose likeness held back a
/// passage that scored higher than this one, if any.
#[derive(Debug, Clone, PartialEq)]
pub struct Pick {
    pub index: usize,
    pub varied_from: Option<usize>,
}

/// Picks up to `k` items in order: each maximises `λ·relevance − (1−λ)·max similarity` to what is
/// already chosen (`chosen` holds items picked beforehand, such as the editor's quotes).
/// `compatible(i, j)` says whether items `i` and `j` may both be picked (they do not overlap).
pub fn rank(
    items: &[Item],
    chosen: &[Item],
    k: usize,
    lambda: f64,
    compatible: impl Fn(usize, usize) -> bool,
) -> Vec<Pick> {
    let mut picks: Vec<Pick> = Vec::new();
    let mut alive: Vec<bool> = vec![true; items.len()];
    while picks.len() < k {
        let redundancy = |i: usize| -> (f64, Option<usize>) {
            // Earlier quotes in rank order: the ones chosen beforehand, then the picks so far.
            let before = chosen.iter().map(|c| similarity(&items[i], c));
            let picked = picks.iter().map(|p| similarity(&items[i], &items[p.index]));
            before.chain(picked).enumerate().fold(
                (0.0, None),
                |acc, (n, s)| if s > acc.0 { (s, Some(n)) } else { acc },
            )
        };
        let mut best: Option<(f64, usize)> = None;
        for i in (0..items.len()).filter(|&i| alive[i]) {
            let (r, _) = redundancy(i);
            let value = lambda * items[i].relevance - (1.0 - lambda) * r;
            if best.is_none_or(|(v, b)| value > v || (value == v && i < b)) {
                best = Some((value, i));
            }
        }
        let Some((_, index)) = best else { break };
        // The best-scoring passage still available, if it lost its place to variety.
        let top = (0..items.len())
            .filter(|&i| alive[i])
            .max_by(|&a, &b| items[a].relevance.total_cmp(&items[b].relevance).then(b.cmp(&a)));
        let varied_from = top
            .filter(|&t| t != index && items[t].relevance > items[index].relevance)
            .and_then(|t| redundancy(t).1);
        picks.push(Pick { index, varied_from });
        for (i, flag) in alive.iter_mut().enumerate() {
            if *flag && (i == index || !compatible(i, index)) {
                *flag = false;
            }
        }
    }
    picks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(relevance: f64, speaker: usize, answer: usize, words: &[&str]) -> Item {
        let mut words: Vec<String> = words.iter().map(|w| (*w).to_owned()).collect();
        words.sort();
        Item {
            relevance,
            speaker: Some(speaker),
            answer,
            words,
        }
    }

    #[test]
    fn best_first_then_varied() {
        let items = [
            item(0.90, 0, 0, &["platform", "dreams", "built"]),
            item(0.88, 0, 0, &["platform", "dreams", "love"]),
            item(0.80, 1, 3, &["engineers", "teach", "stores"]),
        ];
        let picks = rank(&items, &[], 3, LAMBDA, |_, _| true);
        let order: Vec<usize> = picks.iter().map(|p| p.index).collect();
        assert_eq!(order, [0, 2, 1]);
        assert_eq!(picks[0].varied_from, None);
        assert_eq!(
            picks[1].varied_from,
            Some(0),
            "item 1 was held back for its likeness to pick 0"
        );
    }

    #[test]
    fn relevance_alone_when_items_are_unrelated() {
        let items = [
            item(0.5, 0, 0, &["a1"]),
            item(0.9, 1, 1, &["b1"]),
            item(0.7, 2, 2, &["c1"]),
        ];
        let order: Vec<usize> = rank(&items, &[], 3, LAMBDA, |_, _| true)
            .iter()
            .map(|p| p.index)
            .collect();
        assert_eq!(order, [1, 2, 0]);
    }

    #[test]
    fn incompatible_items_are_never_both_picked() {
        let items = [
            item(0.9, 0, 0, &["x"]),
            item(0.8, 1, 1, &["y"]),
            item(0.1, 2, 2, &["z"]),
        ];
        let order: Vec<usize> = rank(&items, &[], 3, LAMBDA, |a, b| !(a.min(b) == 0 && a.max(b) == 1))
            .iter()
            .map(|p| p.index)
            .collect();
        assert_eq!(order, [0, 2]);
    }

    #[test]
    fn earlier_choices_count() {
        let editor = [item(1.0, 0, 0, &["platform", "dreams"])];
        let items = [
            item(0.9, 0, 0, &["platform", "dreams"]),
            item(0.8, 1, 2, &["teach"]),
        ];
        let order: Vec<usize> = rank(&items, &editor, 1, LAMBDA, |_, _| true)
            .iter()
            .map(|p| p.index)
            .collect();
        assert_eq!(order, [1]);
    }
}
