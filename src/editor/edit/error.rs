//! Why an edit was refused. The document is then left exactly as it was.

use crate::analysis::fixes::FixError;
use crate::model::{ModelError, NodeId};
use thiserror::Error;

#[derive(Clone, Debug, PartialEq, Error)]
pub enum EditError {
    #[error("there is no node \"{0}\"")]
    UnknownNode(NodeId),
    #[error("\"{0}\" cannot depend on itself")]
    SelfDependency(NodeId),
    #[error("\"{dependent}\" already depends on \"{dependency}\"")]
    AlreadyDepends { dependent: NodeId, dependency: NodeId },
    #[error("\"{dependent}\" does not depend on \"{dependency}\"")]
    NotDependent { dependent: NodeId, dependency: NodeId },
    #[error("\"{0}\" cannot be moved off the map")]
    OffTheMap(NodeId),
    #[error("Select exactly two nodes to connect: first the one that depends, then its dependency.")]
    ConnectNeedsTwo,
    /// A proposed fix no longer fits the document (it changed since).
    #[error("The fix no longer fits this graph: {0}")]
    Fix(FixError),
    #[error("Fail at least one node before saving a scenario.")]
    NothingFailed,
    #[error("A scenario needs a name.")]
    ScenarioNameEmpty,
    #[error("There is already a scenario named \"{0}\".")]
    ScenarioNameTaken(String),
    /// The position of a stored scenario that is not there (counted from 0).
    #[error("There is no scenario number {}.", .0 + 1)]
    UnknownScenario(usize),
    /// The edited document breaks a rule of the model (the message names node and field).
    #[error(transparent)]
    Model(#[from] ModelError),
}
