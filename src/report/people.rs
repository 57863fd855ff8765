//! What may be said about *people* affected: the one place that decides it.
//!
//! A feature's `users` counts the distinct people who use that feature. One
//! person uses several features, so a sum of users over features counts
//! people more than once: it is an upper bound on people, never a head count
//! (`users_affected` in `simulate --json` is that sum). The document's
//! optional `audience` counts the distinct people who use *any* feature
//! (validated: at least 1, and no feature has more users).
//!
//! When a failure darkens the features D and leaves the features U up, the
//! number of people who lose at least one feature lies between
//!
//! - `at_least = max( max_{f ∈ D} users(f),  audience − Σ_{f ∈ U} users(f) )`
//! - `at_most  = min( Σ_{f ∈ D} users(f),  audience )`
//!
//! The users of any one dark feature are all affected; everyone in the
//! audience uses some feature, and at most Σ_U of them use only features that
//! stay up. The second lower bound is used only when the features' users add
//! up to at least the audience: otherwise the counts miss somebody (a feature
//! without a count) and nothing is known about where the others are. Without
//! an audience the upper bound is the sum, said as "up to". With these rules
//! `at_least ≤ at_most ≤ audience` always holds, and the phrase is exact only
//! when both bounds meet ("47 M people"), otherwise "up to 47 M people".
//!
//! Sums are taken in `u128` and saturate at `u64::MAX`: they never wrap
//! (a file cannot hold counts that large anyway, see
//! [`MAX_USERS`](crate::model::MAX_USERS)). O(number of features) to set up,
//! then O(|D|) for each failure.

use crate::analysis::Outcome;
use crate::model::{Graph, NodeIndex};
use crate::report::format_users;
use serde::Serialize;

/// Bounds on how many distinct people lose at least one feature.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub struct PeopleAffected {
    pub at_least: u64,
    pub at_most: u64,
}

impl PeopleAffected {
    /// The bounds from the users of the dark features, the users of every
    /// feature together, and the audience, as the module defines them.
    pub fn from_counts(dark_users: impl IntoIterator<Item = u64>, all_users: u128, audience: Option<u64>) -> Self {
        let mut dark_sum: u128 = 0;
        let mut largest: u64 = 0;
        for users in dark_users {
            dark_sum += u128::from(users);
            largest = largest.max(users);
        }
        let mut at_most = saturate(dark_sum);
        let mut at_least = largest;
        if let Some(audience) = audience {
            at_most = at_most.min(audience);
            if all_users >= u128::from(audience) {
                // The users of the features that stay up: everyone else in the audience lost something.
                let up_sum = all_users.saturating_sub(dark_sum);
                at_least = at_least.max(saturate(u128::from(audience).saturating_sub(up_sum)));
            }
        }
        PeopleAffected {
            at_least: at_least.min(at_most),
            at_most,
        }
    }

    /// Both bounds meet: the number is a head count.
    pub fn is_exact(&self) -> bool {
        self.at_least == self.at_most
    }

    /// "47 M people", "1 person", "up to 47 M people"; `None` when no dark
    /// feature states its users (nothing can be said).
    pub fn phrase(&self) -> Option<String> {
        let noun = if self.at_most == 1 { "person" } else { "people" };
        self.amount().map(|amount| format!("{amount} {noun}"))
    }

    /// The number alone, for a table column: "47 M", "up to 47 M"; `None`
    /// when no dark feature states its users.
    pub fn amount(&self) -> Option<String> {
        if self.at_most == 0 {
            return None;
        }
        let count = format_users(self.at_most);
        Some(if self.is_exact() { count } else { format!("up to {count}") })
    }
}

fn saturate(sum: u128) -> u64 {
    u64::try_from(sum).unwrap_or(u64::MAX)
}

/// The users of every feature of a graph and its audience, computed once so
/// that the people behind any set of dark features cost O(|D|).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct People {
    all_users: u128,
    audience: Option<u64>,
}

impl People {
    pub fn new(graph: &Graph) -> People {
        People {
            all_users: graph.features().map(|f| u128::from(graph.users(f))).sum(),
            audience: graph.audience(),
        }
    }

    /// The people who lose at least one of `dark_features` (distinct
    /// features of the graph), all other features staying up.
    pub fn of_features(&self, graph: &Graph, dark_features: &[NodeIndex]) -> PeopleAffected {
        PeopleAffected::from_counts(dark_features.iter().map(|&f| graph.users(f)), self.all_users, self.audience)
    }

    /// The people who lose at least one feature after a simulation.
    pub fn of_outcome(&self, graph: &Graph, outcome: &Outcome) -> PeopleAffected {
        PeopleAffected::from_counts(outcome.features_down(graph).map(|f| graph.users(f)), self.all_users, self.audience)
    }
}

/// The sum of users over `features`, saturating: an upper bound on the
/// people who use them, never a head count.
pub fn users_sum(graph: &Graph, features: impl IntoIterator<Item = NodeIndex>) -> u64 {
    saturate(features.into_iter().map(|f| u128::from(graph.users(f))).sum())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn kakao_pangyo_is_the_whole_audience() {
        // 12 of 13 features dark (the largest has 47 M users); KakaoBank core banking (16 M) stays up.
        let dark = [47, 40, 30, 23, 10, 12, 10, 17, 5, 5, 7, 10].map(|m: u64| m * 1_000_000);
        let all = dark.iter().map(|&u| u128::from(u)).sum::<u128>() + 16_000_000;
        let people = PeopleAffected::from_counts(dark, all, Some(47_000_000));
        assert_eq!(people, PeopleAffected { at_least: 47_000_000, at_most: 47_000_000 });
        assert_eq!(people.phrase().as_deref(), Some("47 M people"));
        let without_audience = PeopleAffected::from_counts(dark, all, None);
        assert_eq!(without_audience, PeopleAffected { at_least: 47_000_000, at_most: 216_000_000 });
        assert_eq!(without_audience.phrase().as_deref(), Some("up to 216 M people"));
    }

    #[test]
    fn the_audience_gives_a_lower_bound_only_when_the_counts_cover_it() {
        // Features of 60 and 50 with an audience of 100: at most 10 use only the second.
        let people = PeopleAffected::from_counts([60], 110, Some(100));
        assert_eq!(people, PeopleAffected { at_least: 60, at_most: 60 });
        let people = PeopleAffected::from_counts([30, 40], 110, Some(100));
        assert_eq!(people, PeopleAffected { at_least: 60, at_most: 70 });
        assert_eq!(people.phrase().as_deref(), Some("up to 70 people"));
        assert_eq!(people.amount().as_deref(), Some("up to 70"));
        // The counts add up to less than the audience: someone is not counted anywhere.
        let people = PeopleAffected::from_counts([30], 40, Some(100));
        assert_eq!(people, PeopleAffected { at_least: 30, at_most: 30 });
    }

    #[test]
    fn sums_saturate_instead_of_wrapping() {
        let people = PeopleAffected::from_counts([u64::MAX, 2], u128::from(u64::MAX) + 2, None);
        assert_eq!(people, PeopleAffected { at_least: u64::MAX, at_most: u64::MAX });
        assert_eq!(saturate(u128::MAX), u64::MAX);
    }

    #[test]
    fn nothing_to_say_without_counts_and_one_person_is_a_person() {
        assert_eq!(PeopleAffected::from_counts([0, 0], 0, None).phrase(), None);
        assert_eq!(PeopleAffected::from_counts([1], 1, None).phrase().as_deref(), Some("1 person"));
    }

    /// A population: for each person, the features (bits of a mask over at
    /// most 6 features) they use. Everything is derived from it the way a
    /// document states it, and the true number of people affected must lie
    /// within the bounds.
    fn population() -> impl Strategy<Value = (Vec<u8>, u8, usize)> {
        (proptest::collection::vec(1u8..64, 0..40), any::<u8>(), 1usize..=6)
    }

    proptest! {
        #[test]
        fn the_bounds_hold_for_every_population((people, dark_mask, features) in population(), stated in any::<bool>()) {
            let mask = (1u8 << features) - 1;
            let users: Vec<u64> = (0..features)
                .map(|f| people.iter().filter(|&&p| p & mask & (1 << f) != 0).count() as u64)
                .collect();
            let audience = people.iter().filter(|&&p| p & mask != 0).count() as u64;
            let dark = dark_mask & mask;
            let truly_affected = people.iter().filter(|&&p| p & dark != 0).count() as u64;
            let dark_users = (0..features).filter(|f| dark & (1 << f) != 0).map(|f| users[f]);
            let all = users.iter().map(|&u| u128::from(u)).sum();
            let stated_audience = (stated && audience > 0).then_some(audience);
            let bounds = PeopleAffected::from_counts(dark_users, all, stated_audience);
            prop_assert!(bounds.at_least <= truly_affected, "{:?} vs {}", bounds, truly_affected);
            prop_assert!(truly_affected <= bounds.at_most, "{:?} vs {}", bounds, truly_affected);
            if let Some(audience) = stated_audience {
                prop_assert!(bounds.at_most <= audience);
            }
        }
    }
}
