//! Expected loss: user-hours a year that a feature is expected to be down.
//!
//! users × (1 − availability) × 8,766 hours a year (365.25 days), summed over
//! features. Availability is a steady-state probability, so this is the
//! long-run average over many incidents; recovery hours (the restore-time
//! analysis) describe how long one incident lasts, and the two meet in
//! unavailability = failure rate × mean outage: a feature down 4.4 hours a
//! year whose outages last 2 hours expects about 2.2 outages a year.

use super::availability::Availability;
use super::estimate::Estimate;

/// Hours in an average year (365.25 days).
pub const HOURS_PER_YEAR: f64 = 8_766.0;

/// Expected user-hours lost a year: exact, or a bound when availability is one.
pub type Loss = Estimate;

/// Hours a year down at this availability.
pub fn hours_down_per_year(availability: f64) -> f64 {
    (1.0 - availability) * HOURS_PER_YEAR
}

/// A feature's expected loss.
pub fn expected_loss(users: u64, availability: Availability) -> Loss {
    let users = users as f64;
    match availability {
        Availability::Exact(value) => Loss::Exact(users * hours_down_per_year(value)),
        Availability::Bound { lower, upper } => Loss::Bound {
            lower: users * hours_down_per_year(upper),
            upper: users * hours_down_per_year(lower),
        },
    }
}

/// The expected loss of several features together.
pub fn total(losses: impl IntoIterator<Item = Loss>) -> Loss {
    losses.into_iter().fold(Loss::Exact(0.0), Estimate::plus)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn users_times_unavailability_times_a_year() {
        let loss = expected_loss(1_000, Availability::Exact(0.999));
        assert!((loss.exact().unwrap() - 1_000.0 * 0.001 * 8_766.0).abs() < 1e-6);
        assert!((hours_down_per_year(0.9995) - 4.383).abs() < 1e-9);
        let bound = expected_loss(10, Availability::Bound { lower: 0.9, upper: 0.99 });
        assert_eq!(bound, Loss::Bound { lower: 10.0 * hours_down_per_year(0.99), upper: 10.0 * hours_down_per_year(0.9) });
        assert_eq!(total([loss, bound]).exact(), None);
        assert_eq!(total([loss, loss]).exact(), Some(2.0 * loss.exact().unwrap()));
    }
}
