//! The weight of each feature in the quotability score, in log-odds units.
//!
//! The built-in table lives in `weights.tsv` (one `feature<TAB>weight` per line) so that the
//! training tool can rewrite it; it is embedded at build time and checked by a test.

use super::features::Feature;

const BUILT_IN: &str = include_str!("weights.tsv");

/// A bias and one weight per feature.
#[derive(Debug, Clone, PartialEq)]
pub struct Weights {
    /// The log-odds of a passage with no feature at all.
    pub bias: f64,
    values: [f64; Feature::ALL.len()],
}

impl Default for Weights {
    fn default() -> Self {
        Weights::parse(BUILT_IN).expect("the built-in weight table parses")
    }
}

impl Weights {
    /// All weights zero.
    pub fn zero() -> Weights {
        Weights {
            bias: 0.0,
            values: [0.0; Feature::ALL.len()],
        }
    }

    pub fn get(&self, feature: Feature) -> f64 {
        self.values[feature.index()]
    }

    pub fn set(&mut self, feature: Feature, weight: f64) {
        self.values[feature.index()] = weight;
    }

    /// Reads a table of `name<TAB or spaces>weight` lines; `#` starts a comment. Features not
    /// listed weigh 0.
    pub fn parse(text: &str) -> Result<Weights, String> {
        let mut weights = Weights::zero();
        for (n, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let mut fields = line.split_whitespace();
            let (Some(name), Some(value), None) = (fields.next(), fields.next(), fields.next()) else {
                return Err(format!(
                    "line {}: expected `feature weight`, found `{line}`",
                    n + 1
                ));
            };
            let value: f64 = value
                .parse()
                .map_err(|_| format!("line {}: `{value}` is not a number", n + 1))?;
            if name == "bias" {
                weights.bias = value;
                continue;
            }
            let feature = Feature::ALL.iter().find(|f| f.id() == name).ok_or_else(|| {
                let known: Vec<&str> = Feature::ALL.iter().map(|f| f.id()).collect();
                format!(
                    "line {}: unknown feature `{name}` (known: bias, {})",
                    n + 1,
                    known.join(", ")
                )
            })?;
            weights.set(*feature, value);
        }
        Ok(weights)
    }

    /// The table as `parse` reads it, features in their fixed order.
    pub fn to_table(&self) -> String {
        let mut out = format!("bias\t{:.3}\n", self.bias);
        for feature in Feature::ALL {
            out.push_str(&format!("{}\t{:.3}\n", feature.id(), self.get(feature)));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_table_names_every_feature_once() {
        let mut seen = Vec::new();
        for line in BUILT_IN.lines().map(|l| l.split('#').next().unwrap().trim()) {
            if let Some(name) = line.split_whitespace().next() {
                assert!(!seen.contains(&name), "{name} twice");
                seen.push(name);
            }
        }
        assert_eq!(seen.len(), Feature::ALL.len() + 1);
        let weights = Weights::default();
        assert!(weights.get(Feature::FirstPerson) > 0.0);
        assert!(weights.get(Feature::Question) < 0.0);
    }

    #[test]
    fn tables_round_trip_and_errors_name_the_line() {
        let weights = Weights::default();
        assert_eq!(Weights::parse(&weights.to_table()).unwrap(), weights);
        let error = Weights::parse("bias 0\nfirst_persn 1").unwrap_err();
        assert!(
            error.starts_with("line 2: unknown feature `first_persn`"),
            "{error}"
        );
        assert!(Weights::parse("speech one").unwrap_err().contains("not a number"));
    }
}
