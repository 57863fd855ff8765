//! A number that is exact, or only known to lie between two bounds.
//!
//! Availability and expected loss are exact when the feature's BDD fits its
//! size limit, and a bound otherwise; the type keeps the two from mixing.

/// Exact, or the true value lies in [lower, upper].
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Estimate {
    Exact(f64),
    Bound { lower: f64, upper: f64 },
}

impl Estimate {
    pub fn lower(self) -> f64 {
        match self {
            Estimate::Exact(value) => value,
            Estimate::Bound { lower, .. } => lower,
        }
    }

    pub fn upper(self) -> f64 {
        match self {
            Estimate::Exact(value) => value,
            Estimate::Bound { upper, .. } => upper,
        }
    }

    pub fn exact(self) -> Option<f64> {
        match self {
            Estimate::Exact(value) => Some(value),
            Estimate::Bound { .. } => None,
        }
    }

    /// The sum of two estimates; a bound as soon as either is one.
    pub fn plus(self, other: Estimate) -> Estimate {
        match (self, other) {
            (Estimate::Exact(a), Estimate::Exact(b)) => Estimate::Exact(a + b),
            (a, b) => Estimate::Bound { lower: a.lower() + b.lower(), upper: a.upper() + b.upper() },
        }
    }
}
