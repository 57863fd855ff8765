//! Why a document breaks the model's rules.

use super::{Kind, NodeId, FORMAT_VERSION, MAX_USERS};
use thiserror::Error;

/// A document that breaks the model's rules. Each error names the node and
/// field a person has to fix.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum ModelError {
    #[error("unsupported version {0}; this Blackout reads version {FORMAT_VERSION}")]
    UnsupportedVersion(u32),
    #[error("node #{position} has an empty id")]
    EmptyId { position: usize },
    #[error("duplicate node id \"{0}\"")]
    DuplicateId(NodeId),
    #[error("node \"{node}\" depends on unknown node \"{missing}\"")]
    UnknownReference { node: NodeId, missing: NodeId },
    #[error("node \"{node}\" lists dependency \"{dependency}\" twice")]
    DuplicateDependency { node: NodeId, dependency: NodeId },
    #[error(
        "node \"{node}\": requires at_least {k}, but it has {dependencies} dependencies (k must be between 1 and {dependencies})"
    )]
    AtLeastOutOfRange {
        node: NodeId,
        k: u32,
        dependencies: usize,
    },
    #[error("node \"{node}\": availability {value} must be greater than 0 and at most 1")]
    AvailabilityOutOfRange { node: NodeId, value: f64 },
    #[error("node \"{node}\": {field} must be a finite number")]
    NotFinite { node: NodeId, field: &'static str },
    #[error("node \"{node}\": {field} {value} must be 0 or more hours")]
    NegativeHours { node: NodeId, field: &'static str, value: f64 },
    #[error("node \"{node}\": tolerance_hours is for features only, and this node is a {kind}")]
    ToleranceOnNonFeature { node: NodeId, kind: Kind },
    #[error("node \"{node}\": users {users} is more than {MAX_USERS} (a thousand billion); count people, not requests")]
    TooManyUsers { node: NodeId, users: u64 },
    #[error("audience {0} is more than {MAX_USERS} (a thousand billion); count people, not requests")]
    AudienceTooLarge(u64),
    #[error("audience must be at least 1 person; leave it out when it is not known")]
    EmptyAudience,
    #[error(
        "node \"{node}\": users {users} is more than the document's audience of {audience} (the audience counts everyone who uses any feature)"
    )]
    UsersAboveAudience { node: NodeId, users: u64, audience: u64 },
    #[error("scenario \"{scenario}\" fails unknown node \"{missing}\"")]
    UnknownScenarioNode { scenario: String, missing: NodeId },
}
