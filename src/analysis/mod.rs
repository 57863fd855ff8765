//! Failure analysis: pure functions over a validated [`Graph`](crate::model::Graph),
//! the same code natively (the command line) and in wasm (the app).
//!
//! Semantics: a node is up iff it has not itself failed and its requirement
//! (all / any / at least k) is met by those of its dependencies that are up. After
//! a set of failures the state is the greatest fixed point reached from
//! "everything up" ([`simulate`]); what would come back after a full restart is
//! the least fixed point ([`cold_start`]). How long each node then stays down,
//! given recovery and rebuild hours, is [`restore_times`]; for every single
//! point of failure at once, [`single_failure_restores`].

mod cycles;
mod explain;
mod focus;
mod longest_outage;
mod risk_groups;
mod scenario_library;
mod restore;
pub mod fixes;
pub mod risk;
pub mod risk_job;
mod simulate;
mod spof;
mod spof_restore;

pub use cycles::{cold_start, cycles, CycleReport};
pub use explain::{explain, explain_all, Explanation, Reason, WhyStep};
pub use focus::{focus_set, FocusDirection};
pub use longest_outage::{longest_single_failure_outages, LongestOutage};
pub use risk_groups::{risk_groups, RiskGroup};
pub use scenario_library::{scenario_library, GeneratedScenario, ScenarioSource};
pub use restore::{
    compare_hours, has_recovery_data, restore_times, user_hours, Blocker, FeatureRestore, RestoreTimes,
};
pub use simulate::{simulate, NodeState, Outcome};
pub use spof::{single_points_of_failure, single_points_of_failure_by_resimulation, Spof, SpofReport};
pub use spof_restore::{single_failure_restores, Breach, SingleFailureRestores, SpofRestore, ToleranceBreach};

#[cfg(test)]
mod kakao_replay;
#[cfg(test)]
pub(crate) mod oracle;
#[cfg(test)]
mod properties;
#[cfg(test)]
pub(crate) mod restore_properties;
#[cfg(test)]
mod wide_properties;
