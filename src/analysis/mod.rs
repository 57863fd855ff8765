//! Failure analysis: pure functions over a validated [`Graph`](crate::model::Graph),
//! the same code natively (the command line) and in wasm (the app).
//!
//! Semantics: a node is up iff it has not itself failed and its requirement
//! (all / any / at least k) is met by those of its dependencies that are up. After
//! a set of failures the state is the greatest fixed point reached from
//! "everything up" ([`simulate`]); what would come back after a full restart is
//! the least fixed point ([`cold_start`]).

mod cycles;
mod simulate;
mod spof;

pub use cycles::{cold_start, cycles, CycleReport};
pub use simulate::{simulate, NodeState, Outcome};
pub use spof::{kill_sets, single_points_of_failure, single_points_of_failure_by_resimulation, Spof, SpofReport};

#[cfg(test)]
mod oracle;
#[cfg(test)]
mod properties;
#[cfg(test)]
mod wide_properties;
