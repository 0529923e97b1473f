//! Char-boundary-safe slicing of user text: byte positions round down to a char boundary and are
//! clamped to the text, so a slice computed from text nobody has checked can never panic.
//!
//! Positions in readers are byte offsets found by searching the text, then moved by a length
//! (`i + 1`, `at + cue.len()`). One wrong assumption about the width of a char (an ASCII colon
//! that is really a full-width one, a cue matched in a lowercased copy whose bytes differ) and a
//! plain `&text[a..b]` aborts the whole run. Rounding down keeps the algebra of plain slicing:
//! `text.slice(..at)` followed by `text.slice(at..)` is always the whole text.

use std::ops::{Bound, RangeBounds};

/// The largest char boundary at or below `at`, and at most `text.len()`.
pub fn floor(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The smallest char boundary at or above `at`, and at most `text.len()`.
pub fn ceil(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// Slicing that cannot panic, for text that comes from a user.
pub trait SafeSlice {
    /// The text between the byte positions of `range`, each rounded down to a char boundary and
    /// clamped to the text; empty when the end comes before the start.
    fn slice(&self, range: impl RangeBounds<usize>) -> &str;
}

impl SafeSlice for str {
    fn slice(&self, range: impl RangeBounds<usize>) -> &str {
        let start = match range.start_bound() {
            Bound::Included(&at) => floor(self, at),
            Bound::Excluded(&at) => floor(self, at.saturating_add(1)),
            Bound::Unbounded => 0,
        };
        let end = match range.end_bound() {
            Bound::Included(&at) => floor(self, at.saturating_add(1)),
            Bound::Excluded(&at) => floor(self, at),
            Bound::Unbounded => self.len(),
        };
        if start <= end {
            &self[start..end]
        } else {
            ""
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn positions_inside_a_char_round_down() {
        let text = "né à Tours";
        assert_eq!(text.slice(..2), "n");
        assert_eq!(text.slice(2..), "é à Tours");
        assert_eq!(text.slice(1..3), "é");
        assert_eq!(text.slice(1..4), "é ");
        assert_eq!(text.slice(1..=2), "é");
        assert_eq!(floor(text, 2), 1);
        assert_eq!(ceil(text, 2), 3);
    }

    #[test]
    fn out_of_range_and_reversed_ranges_are_clamped_or_empty() {
        let text = "« oui »";
        assert_eq!(text.slice(3..usize::MAX), "oui »");
        assert_eq!(text.slice(usize::MAX..), "");
        assert_eq!(text.slice(..=usize::MAX), text);
        let (from, to) = (5, 2);
        assert_eq!(text.slice(from..to), "");
        assert_eq!(ceil(text, 100), text.len());
        assert_eq!(floor("", 3), 0);
    }

    proptest! {
        #[test]
        fn never_panics_and_splits_without_loss(text in "\\PC{0,40}", a in 0usize..200, b in 0usize..200) {
            let part = text.slice(a..b);
            prop_assert!(part.len() <= text.len());
            prop_assert_eq!(format!("{}{}", text.slice(..a), text.slice(a..)), text.as_str());
            let (low, high) = (a.min(b), a.max(b));
            prop_assert_eq!(
                format!("{}{}", text.slice(low..high), text.slice(high..)),
                text.slice(low..).to_owned()
            );
            prop_assert!(text.is_char_boundary(ceil(&text, a)) && ceil(&text, a) >= floor(&text, a));
        }
    }
}
